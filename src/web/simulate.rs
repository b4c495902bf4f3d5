//! `simulate(spec)` from JavaScript: the engine's entry point, with the
//! arrays handed back as Float64Arrays.

use crate::run::simulate::{simulate as run, SimulateSpec};
use crate::run::trajectory::Status;
use crate::web::convert::{error, object, pair, set};
use js_sys::{Float64Array, Object};
use wasm_bindgen::prelude::*;

/// Runs a spec `{landscape, start, optimizer, steps, schedule?, seed?}` to
/// its end; throws an Error naming the bad field.
#[wasm_bindgen]
pub fn simulate(spec: JsValue) -> Result<JsValue, JsError> {
    let spec = SimulateSpec::from_json(&object(&spec, "spec")?).map_err(error)?;
    let result = run(&spec);
    let out: JsValue = Object::new().into();
    for (key, values) in [
        ("path", &result.path),
        ("loss", &result.loss),
        ("gradient_norm", &result.gradient_norm),
        ("learning_rate", &result.learning_rate),
    ] {
        set(&out, key, &Float64Array::from(values.as_slice()).into());
    }
    set(&out, "status", &result.status.name().into());
    let step = result
        .status
        .step()
        .unwrap_or(result.loss.len().saturating_sub(1));
    set(&out, "step", &(step as f64).into());
    if let Status::Diverged { point, .. } = result.status {
        set(&out, "left_at", &pair(point).into());
    }
    Ok(out)
}
