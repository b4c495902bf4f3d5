//! `keras_code(spec)` from JavaScript: the Keras program that reproduces a
//! `train`, `simulate` or race spec's numbers, as a string.

use crate::web::convert::{error, object};
use wasm_bindgen::prelude::*;

/// What the program of a spec reproduces and to how many digits, in a
/// sentence or two for the code panel; throws as `keras_code` does.
#[wasm_bindgen]
pub fn keras_note(spec: JsValue) -> Result<String, JsError> {
    crate::keras::precision::precision(&object(&spec, "spec")?)
        .map(|p| p.note())
        .map_err(error)
}

/// The Python program for a spec; throws an Error naming the bad field,
/// as `train` and `simulate` do.
#[wasm_bindgen]
pub fn keras_code(spec: JsValue) -> Result<String, JsError> {
    crate::keras::keras_code_json(&object(&spec, "spec")?).map_err(error)
}
