//! The lecture's overfitting pictures as ready-made `train` specs.

use serde_json::Value;

/// The names of the capacity presets.
pub const CAPACITY_PRESETS: &[&str] = &["underfit", "ideal", "overfit"];

/// The lecture's three pictures on the 1D polynomial data, as train specs:
/// "underfit" (a straight line: no capacity for the curve), "ideal" (one
/// small hidden layer) and "overfit" (a large model, no regularization and
/// 15 training points, trained long enough to thread the noise).
pub fn capacity_preset(name: &str) -> Option<Value> {
    let hidden = match name {
        "underfit" => serde_json::json!([]),
        "ideal" => serde_json::json!([8]),
        "overfit" => serde_json::json!([64, 64, 64]),
        _ => return None,
    };
    let activation = if name == "overfit" { "relu" } else { "tanh" };
    Some(serde_json::json!({
        "dataset": {"name": "polynomial", "samples": 30, "noise": 0.15, "validation_split": 0.5, "seed": 1},
        "model": {"hidden": hidden, "activation": activation, "dropout": 0, "l2": 0},
        "optimizer": {"name": "adam", "learning_rate": 0.01},
        "batch_size": 15,
        "epochs": 1000,
        "seed": 3
    }))
}
