//! Ready-made `train` specs: the lecture's overfitting pictures, and the
//! benchmark network that the native and in-browser benches share.

use serde_json::Value;

/// The names of the capacity presets.
pub const CAPACITY_PRESETS: &[&str] = &["underfit", "ideal", "overfit"];

/// The lecture's three pictures on the 1D polynomial data, as train specs:
/// "underfit" (a straight line: no capacity for the curve), "ideal" (one
/// small hidden layer) and "overfit" (a large model, no regularization and
/// 15 training points, trained long enough to thread the noise).
pub fn capacity_preset(name: &str) -> Option<Value> {
    let hidden = match name {
        "underfit" => "[]",
        "ideal" => "[8]",
        "overfit" => "[64, 64, 64]",
        _ => return None,
    };
    let activation = if name == "overfit" { "relu" } else { "tanh" };
    spec(&format!(
        r#"{{"dataset": {{"name": "polynomial", "samples": 30, "noise": 0.15, "validation_split": 0.5, "seed": 1}},
            "model": {{"hidden": {hidden}, "activation": "{activation}", "dropout": 0, "l2": 0}},
            "optimizer": {{"name": "adam", "learning_rate": 0.01}},
            "batch_size": 15, "epochs": 1000, "seed": 3}}"#
    ))
    .ok()
}

/// The benchmark's spec, as benches/training.rs has it: 2-8-8-1 with
/// `activation` on 500 training points of circles (715 generated, 30 % held
/// out), plain SGD at batch size `batch_size`.
pub fn benchmark_spec(activation: &str, batch_size: usize, epochs: usize) -> Value {
    // Written as JSON (quoted and escaped), whatever the caller passed.
    let activation = Value::from(activation);
    spec(&format!(
        r#"{{"dataset": {{"name": "circles", "samples": 715, "noise": 0.1, "validation_split": 0.3, "seed": 1}},
            "model": {{"hidden": [8, 8], "activation": {activation}}},
            "optimizer": {{"name": "sgd", "learning_rate": 0.03}},
            "batch_size": {batch_size}, "epochs": {epochs}, "seed": 2}}"#
    ))
    .unwrap_or(Value::Null)
}

/// A preset's JSON text, parsed: one parse call costs the wasm less than
/// `json!`'s expansion of every field.
fn spec(text: &str) -> Result<Value, serde_json::Error> {
    serde_json::from_str(text)
}
