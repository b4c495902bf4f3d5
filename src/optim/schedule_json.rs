//! A schedule back to the JSON `Schedule::from_json` reads, so a lab can
//! hand its schedule on in a spec (the Keras code of its figure).

use super::Schedule;
use crate::json::{numbers, object};
use serde_json::Value;

impl Schedule {
    /// The spec form, every parameter written out; `from_json` of it gives
    /// this schedule back.
    pub fn to_json(&self) -> Value {
        match self {
            Schedule::Constant { learning_rate } => object([
                ("name", "constant".into()),
                ("learning_rate", (*learning_rate).into()),
            ]),
            Schedule::ExponentialDecay {
                initial_learning_rate,
                decay_steps,
                decay_rate,
                staircase,
            } => object([
                ("name", "exponential_decay".into()),
                ("initial_learning_rate", (*initial_learning_rate).into()),
                ("decay_steps", (*decay_steps).into()),
                ("decay_rate", (*decay_rate).into()),
                ("staircase", (*staircase).into()),
            ]),
            Schedule::PiecewiseConstant { boundaries, values } => object([
                ("name", "piecewise_constant".into()),
                ("boundaries", numbers(boundaries)),
                ("values", numbers(values)),
            ]),
            Schedule::CosineDecay {
                initial_learning_rate,
                decay_steps,
                alpha,
                warmup_target,
                warmup_steps,
            } => {
                let mut v = object([
                    ("name", "cosine_decay".into()),
                    ("initial_learning_rate", (*initial_learning_rate).into()),
                    ("decay_steps", (*decay_steps).into()),
                    ("alpha", (*alpha).into()),
                    ("warmup_steps", (*warmup_steps).into()),
                ]);
                if let Some(t) = warmup_target {
                    v["warmup_target"] = (*t).into();
                }
                v
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_schedule_reads_back_as_itself() {
        for text in [
            r#"{"name": "constant", "learning_rate": 0.3}"#,
            r#"{"name": "exponential_decay", "initial_learning_rate": 0.5, "decay_steps": 10, "decay_rate": 0.7, "staircase": true}"#,
            r#"{"name": "piecewise_constant", "boundaries": [10, 20], "values": [1, 0.5, 0.25]}"#,
            r#"{"name": "cosine_decay", "initial_learning_rate": 0.1, "decay_steps": 100, "alpha": 0.1, "warmup_target": 0.3, "warmup_steps": 5}"#,
            r#"{"name": "cosine_decay", "initial_learning_rate": 0.1, "decay_steps": 100}"#,
        ] {
            let map = crate::spec::parse_object(text).unwrap();
            let s = Schedule::from_json(&map, "schedule", 0.01).unwrap();
            let again = Schedule::from_json(s.to_json().as_object().unwrap(), "schedule", 0.02);
            assert_eq!(again.unwrap(), s, "{text}");
        }
    }
}
