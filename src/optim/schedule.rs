//! Learning-rate schedules with the semantics of
//! `keras.optimizers.schedules`: η as a function of the step count
//! (`optimizer.iterations`, 0 on the first step).
//!
//! - constant:            η(t) = η₀
//! - exponential_decay:   η(t) = η₀ · rᵖ, p = t/decay_steps (⌊p⌋ if staircase)
//! - piecewise_constant:  η(t) = values[i] for boundaries[i−1] < t ≤ boundaries[i]
//! - cosine_decay:        warm up linearly from η₀ to warmup_target over
//!   warmup_steps (if warmup_target is set), then
//!   η = peak·((1 − α)·½(1 + cos(π·min(t', decay_steps)/decay_steps)) + α)
//!
//! Keras computes these in float32; we use f64.

use crate::spec::{self, describe, path, SpecError};
use serde_json::{Map, Value};

#[derive(Clone, Debug, PartialEq)]
pub enum Schedule {
    Constant {
        learning_rate: f64,
    },
    ExponentialDecay {
        initial_learning_rate: f64,
        decay_steps: f64,
        decay_rate: f64,
        staircase: bool,
    },
    PiecewiseConstant {
        boundaries: Vec<f64>,
        values: Vec<f64>,
    },
    CosineDecay {
        initial_learning_rate: f64,
        decay_steps: f64,
        alpha: f64,
        warmup_target: Option<f64>,
        warmup_steps: f64,
    },
}

/// The schedule names a spec may use.
pub const SCHEDULE_NAMES: &[&str] = &[
    "constant",
    "exponential_decay",
    "piecewise_constant",
    "cosine_decay",
];

impl Schedule {
    /// η at step `t`.
    pub fn learning_rate(&self, t: u64) -> f64 {
        let t = t as f64;
        match self {
            Schedule::Constant { learning_rate } => *learning_rate,
            Schedule::ExponentialDecay {
                initial_learning_rate,
                decay_steps,
                decay_rate,
                staircase,
            } => {
                let mut p = t / decay_steps;
                if *staircase {
                    p = p.floor();
                }
                initial_learning_rate * decay_rate.powf(p)
            }
            Schedule::PiecewiseConstant { boundaries, values } => {
                let i = boundaries.iter().take_while(|&&b| t > b).count();
                values[i]
            }
            Schedule::CosineDecay {
                initial_learning_rate,
                decay_steps,
                alpha,
                warmup_target,
                warmup_steps,
            } => {
                let decay = |step: f64, from: f64| {
                    let fraction = step / decay_steps;
                    let cosine = 0.5 * (1.0 + (std::f64::consts::PI * fraction).cos());
                    from * ((1.0 - alpha) * cosine + alpha)
                };
                match warmup_target {
                    None => decay(t.min(*decay_steps), *initial_learning_rate),
                    Some(target) => {
                        let t = t.min(decay_steps + warmup_steps);
                        if t < *warmup_steps {
                            (target - initial_learning_rate) * (t / warmup_steps)
                                + initial_learning_rate
                        } else {
                            decay(t - warmup_steps, *target)
                        }
                    }
                }
            }
        }
    }

    /// Moves the schedule so that it starts from `learning_rate`, keeping
    /// its shape: the learning-rate slider drives scheduled runs too.
    pub fn set_initial_learning_rate(&mut self, learning_rate: f64) {
        match self {
            Schedule::Constant { learning_rate: lr } => *lr = learning_rate,
            Schedule::ExponentialDecay {
                initial_learning_rate,
                ..
            } => *initial_learning_rate = learning_rate,
            Schedule::PiecewiseConstant { values, .. } => {
                let scale = learning_rate / values[0];
                for v in values.iter_mut() {
                    *v *= scale;
                }
            }
            Schedule::CosineDecay {
                initial_learning_rate,
                warmup_target,
                ..
            } => {
                if let Some(target) = warmup_target {
                    *target *= learning_rate / *initial_learning_rate;
                }
                *initial_learning_rate = learning_rate;
            }
        }
    }

    /// Reads `{"name": "exponential_decay", "decay_steps": 100, …}`.
    /// `initial_learning_rate` defaults to the optimizer's `learning_rate`.
    pub fn from_json(
        map: &Map<String, Value>,
        field: &str,
        learning_rate: f64,
    ) -> Result<Self, SpecError> {
        let name = spec::string(map.get("name"), &path(field, "name")).map_err(|e| {
            SpecError::new(
                e.field,
                format!("{}; allowed: {}", e.message, SCHEDULE_NAMES.join(", ")),
            )
        })?;
        let f = |key: &str| path(field, key);
        let positive = |key: &str, default: Option<f64>| -> Result<f64, SpecError> {
            let x = match (map.get(key), default) {
                (None, Some(d)) => return Ok(d),
                (v, _) => spec::number(v, &f(key))?,
            };
            if x > 0.0 {
                Ok(x)
            } else {
                Err(SpecError::new(
                    f(key),
                    format!("must be a finite number > 0, got {x}"),
                ))
            }
        };
        let initial = || positive("initial_learning_rate", Some(learning_rate));
        let flag = |key: &str| match map.get(key) {
            None => Ok(false),
            Some(Value::Bool(b)) => Ok(*b),
            Some(v) => Err(SpecError::new(
                f(key),
                format!("must be true or false, got {}", describe(v)),
            )),
        };
        let schedule = match name {
            "constant" => {
                spec::reject_unknown(map, field, &["name", "learning_rate"])?;
                Schedule::Constant {
                    learning_rate: positive("learning_rate", Some(learning_rate))?,
                }
            }
            "exponential_decay" => {
                spec::reject_unknown(
                    map,
                    field,
                    &[
                        "name",
                        "initial_learning_rate",
                        "decay_steps",
                        "decay_rate",
                        "staircase",
                    ],
                )?;
                Schedule::ExponentialDecay {
                    initial_learning_rate: initial()?,
                    decay_steps: positive("decay_steps", None)?,
                    decay_rate: positive("decay_rate", None)?,
                    staircase: flag("staircase")?,
                }
            }
            "piecewise_constant" => {
                spec::reject_unknown(map, field, &["name", "boundaries", "values"])?;
                let list = |key: &str| -> Result<Vec<f64>, SpecError> {
                    let v = map.get(key).ok_or_else(|| {
                        SpecError::new(f(key), "is missing; expected a list of numbers")
                    })?;
                    let items = v.as_array().ok_or_else(|| {
                        SpecError::new(
                            f(key),
                            format!("must be a list of numbers, got {}", describe(v)),
                        )
                    })?;
                    items
                        .iter()
                        .enumerate()
                        .map(|(i, x)| spec::number(Some(x), &format!("{}[{i}]", f(key))))
                        .collect()
                };
                let boundaries = list("boundaries")?;
                let values = list("values")?;
                if values.len() != boundaries.len() + 1 {
                    return Err(SpecError::new(
                        f("values"),
                        format!(
                            "must have one more entry than boundaries ({} boundaries, {} values)",
                            boundaries.len(),
                            values.len()
                        ),
                    ));
                }
                if boundaries.windows(2).any(|w| w[0] >= w[1]) {
                    return Err(SpecError::new(
                        f("boundaries"),
                        "must be strictly increasing",
                    ));
                }
                if let Some(i) = values.iter().position(|v| *v <= 0.0) {
                    return Err(SpecError::new(
                        format!("{}[{i}]", f("values")),
                        "must be a learning rate > 0",
                    ));
                }
                Schedule::PiecewiseConstant { boundaries, values }
            }
            "cosine_decay" => {
                spec::reject_unknown(
                    map,
                    field,
                    &[
                        "name",
                        "initial_learning_rate",
                        "decay_steps",
                        "alpha",
                        "warmup_target",
                        "warmup_steps",
                    ],
                )?;
                let alpha = spec::number_or(map.get("alpha"), &f("alpha"), 0.0)?;
                if !(0.0..=1.0).contains(&alpha) {
                    return Err(SpecError::new(
                        f("alpha"),
                        format!("must be in [0, 1], got {alpha}"),
                    ));
                }
                let warmup_target = match map.get("warmup_target") {
                    None | Some(Value::Null) => None,
                    Some(_) => Some(positive("warmup_target", None)?),
                };
                let warmup_steps =
                    spec::number_or(map.get("warmup_steps"), &f("warmup_steps"), 0.0)?;
                if warmup_steps < 0.0 {
                    return Err(SpecError::new(
                        f("warmup_steps"),
                        format!("must be ≥ 0, got {warmup_steps}"),
                    ));
                }
                Schedule::CosineDecay {
                    initial_learning_rate: initial()?,
                    decay_steps: positive("decay_steps", None)?,
                    alpha,
                    warmup_target,
                    warmup_steps,
                }
            }
            other => {
                return Err(SpecError::new(
                    f("name"),
                    format!(
                        "unknown schedule \"{other}\"; allowed: {}",
                        SCHEDULE_NAMES.join(", ")
                    ),
                ))
            }
        };
        Ok(schedule)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn parse(v: Value) -> Result<Schedule, SpecError> {
        Schedule::from_json(v.as_object().unwrap(), "schedule", 0.5)
    }

    #[test]
    fn exponential_decay_by_hand() {
        let s = parse(json!({"name": "exponential_decay", "initial_learning_rate": 1.0, "decay_steps": 10, "decay_rate": 0.5})).unwrap();
        assert_eq!(s.learning_rate(0), 1.0);
        assert_eq!(s.learning_rate(10), 0.5);
        assert_eq!(s.learning_rate(20), 0.25);
        assert!((s.learning_rate(5) - 0.5f64.sqrt()).abs() < 1e-15);
        let s = parse(json!({"name": "exponential_decay", "initial_learning_rate": 1.0, "decay_steps": 10, "decay_rate": 0.5, "staircase": true})).unwrap();
        assert_eq!(s.learning_rate(9), 1.0);
        assert_eq!(s.learning_rate(10), 0.5);
    }

    #[test]
    fn piecewise_constant_uses_keras_boundaries() {
        // Keras: step <= b0 → v0; b0 < step <= b1 → v1; beyond → last.
        let s = parse(json!({"name": "piecewise_constant", "boundaries": [10, 20], "values": [1.0, 0.5, 0.25]})).unwrap();
        assert_eq!(s.learning_rate(10), 1.0);
        assert_eq!(s.learning_rate(11), 0.5);
        assert_eq!(s.learning_rate(20), 0.5);
        assert_eq!(s.learning_rate(21), 0.25);
    }

    #[test]
    fn cosine_decay_with_warmup_by_hand() {
        let s = parse(json!({"name": "cosine_decay", "initial_learning_rate": 0.0625, "decay_steps": 100, "alpha": 0.25, "warmup_target": 1.0, "warmup_steps": 10})).unwrap();
        assert_eq!(s.learning_rate(0), 0.0625);
        assert!((s.learning_rate(5) - (0.0625 + 0.5 * (1.0 - 0.0625))).abs() < 1e-15);
        assert_eq!(s.learning_rate(10), 1.0);
        assert!((s.learning_rate(60) - (0.75 * 0.5 + 0.25)).abs() < 1e-15);
        assert!((s.learning_rate(110) - 0.25).abs() < 1e-15);
        assert!((s.learning_rate(1000) - 0.25).abs() < 1e-15);
        let plain = parse(json!({"name": "cosine_decay", "decay_steps": 100})).unwrap();
        assert_eq!(
            plain.learning_rate(0),
            0.5,
            "initial rate defaults to the optimizer's"
        );
        assert!(plain.learning_rate(100).abs() < 1e-15);
    }

    #[test]
    fn bad_schedules_name_the_field() {
        assert_eq!(
            parse(json!({"name": "cyclic"})).unwrap_err().field,
            "schedule.name"
        );
        assert_eq!(
            parse(json!({"name": "exponential_decay", "decay_rate": 0.5}))
                .unwrap_err()
                .field,
            "schedule.decay_steps"
        );
        assert_eq!(
            parse(json!({"name": "piecewise_constant", "boundaries": [1], "values": [1]}))
                .unwrap_err()
                .field,
            "schedule.values"
        );
        assert_eq!(
            parse(json!({"name": "cosine_decay", "decay_steps": 10, "alpha": 2}))
                .unwrap_err()
                .field,
            "schedule.alpha"
        );
    }

    #[test]
    fn moving_the_slider_keeps_the_shape() {
        let mut s =
            parse(json!({"name": "piecewise_constant", "boundaries": [10], "values": [1.0, 0.25]}))
                .unwrap();
        s.set_initial_learning_rate(2.0);
        assert_eq!(s.learning_rate(0), 2.0);
        assert_eq!(s.learning_rate(11), 0.5);
    }
}
