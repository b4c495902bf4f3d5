//! `sweep(spec)` from JavaScript: the learning-rate range test, with its
//! columns as typed arrays and its summary numbers as numbers or null.

use crate::run::sweep::{sweep as run, SweepResult, SweepSpec};
use crate::web::convert::{error, object, set};
use js_sys::{Array, Float64Array, Object, Uint8Array};
use wasm_bindgen::prelude::*;

/// Runs `{landscape, start, optimizer: {name, ...}, steps,
/// learning_rates: {from, to, count}, schedule?, seed?}`; throws an Error
/// naming the bad field.
#[wasm_bindgen]
pub fn sweep(spec: JsValue) -> Result<JsValue, JsError> {
    let spec = SweepSpec::from_json(&object(&spec, "spec")?).map_err(error)?;
    Ok(result_to_js(&run(&spec)))
}

fn number_or_null(x: Option<f64>) -> JsValue {
    x.map_or(JsValue::NULL, JsValue::from_f64)
}

/// `{learning_rates, final_loss, steps_to_converge}` as Float64Arrays
/// (−1: did not converge), `diverged` as a Uint8Array, `status` as strings,
/// and `divergence_edge`, `best_learning_rate`, `theoretical_edge`.
pub(super) fn result_to_js(result: &SweepResult) -> JsValue {
    let out: JsValue = Object::new().into();
    for (key, values) in [
        ("learning_rates", &result.learning_rates),
        ("final_loss", &result.final_loss),
        ("steps_to_converge", &result.steps_to_converge),
    ] {
        set(&out, key, &Float64Array::from(values.as_slice()).into());
    }
    let diverged: Vec<u8> = result.diverged.iter().map(|&d| u8::from(d)).collect();
    set(
        &out,
        "diverged",
        &Uint8Array::from(diverged.as_slice()).into(),
    );
    let status: Array = result
        .status
        .iter()
        .map(|s| JsValue::from_str(s.name()))
        .collect();
    set(&out, "status", &status.into());
    set(
        &out,
        "divergence_edge",
        &number_or_null(result.divergence_edge),
    );
    set(
        &out,
        "best_learning_rate",
        &number_or_null(result.best_learning_rate),
    );
    set(
        &out,
        "theoretical_edge",
        &number_or_null(result.theoretical_edge),
    );
    out
}
