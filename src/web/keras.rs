//! `keras_code(spec)` from JavaScript: the Keras program that reproduces a
//! `train`, `simulate` or race spec's numbers, as a string.

use crate::web::convert::{error, object};
use wasm_bindgen::prelude::*;

/// The Python program for a spec; throws an Error naming the bad field,
/// as `train` and `simulate` do.
#[wasm_bindgen]
pub fn keras_code(spec: JsValue) -> Result<String, JsError> {
    crate::keras::keras_code_json(&object(&spec, "spec")?).map_err(error)
}
