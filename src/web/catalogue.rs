//! `catalogue()`: everything the page lists in its pickers, read from the
//! engine's own tables so the UI cannot drift from what the engine accepts.

use crate::landscape::{self, LECTURE_LEARNING_RATES};
use crate::optim::{self, Kind};
use crate::web::convert::to_js;
use serde_json::{json, Value};
use wasm_bindgen::prelude::*;

fn kind_name(kind: Kind) -> &'static str {
    match kind {
        Kind::LearningRate => "learning_rate",
        Kind::Fraction => "fraction",
        Kind::NonNegative => "non_negative",
        Kind::Flag => "flag",
    }
}

fn build() -> Value {
    let landscapes: Vec<Value> = landscape::catalogue()
        .iter()
        .map(|l| {
            let w = l.window();
            json!({
                "name": l.name(),
                "formula": l.formula(),
                "note": l.note(),
                "window": [w.x_min, w.x_max, w.y_min, w.y_max],
                "minima": l.minima(),
                "start": l.start(),
                "hessian_eigenvalues": l.hessian_eigenvalues(),
            })
        })
        .collect();
    let optimizers: Vec<Value> = optim::NAMES
        .iter()
        .map(|name| {
            let table = optim::hyperparameters(name).unwrap_or_default();
            let rows: Vec<Value> = table
                .iter()
                .map(|h| {
                    let default = match (h.kind, h.default) {
                        (_, None) => Value::Null,
                        (Kind::Flag, Some(d)) => Value::Bool(d != 0.0),
                        (_, Some(d)) => json!(d),
                    };
                    json!({
                        "name": h.name,
                        "default": default,
                        "kind": kind_name(h.kind),
                        "help": h.help,
                    })
                })
                .collect();
            json!({"name": name, "hyperparameters": rows})
        })
        .collect();
    json!({
        "landscapes": landscapes,
        "optimizers": optimizers,
        "schedules": optim::SCHEDULE_NAMES,
        "lecture_learning_rates": LECTURE_LEARNING_RATES,
    })
}

/// The landscapes, optimizers (with Keras's defaults), schedules and the
/// lecture's three learning rates, as one plain object.
#[wasm_bindgen]
pub fn catalogue() -> JsValue {
    thread_local! {
        static TEXT: Value = build();
    }
    TEXT.with(to_js)
}
