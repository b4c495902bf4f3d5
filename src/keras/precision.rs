//! How closely a Keras program's numbers follow Descent's, said honestly.
//!
//! Descent computes in f64 throughout. Keras, even with `floatx` set to
//! float64, keeps the learning rate in a float32 variable and sends a
//! Python hyperparameter through float32 whenever it casts one to a tensor
//! (β₁ and β₂ for βᵗ, Adagrad's initial accumulator, weight decay, L2's
//! l2, every schedule parameter). Which ones it casts differs by
//! optimizer; this module assumes all of them, so it never promises more
//! than Keras gives.
//!
//! - When every such number is one float32 holds exactly (0.875, 2⁻⁶ …),
//!   the two differ only by rounding: `EXACT_DIGITS` significant digits.
//! - Otherwise float32 moves each one by up to 6·10⁻⁸ relative, and runs
//!   carry that along: `ROUNDED_DIGITS`.
//!
//! Both figures are measured, not guessed: `tests/keras_precision.rs`
//! checks them against every history and path in `tests/golden/`, which
//! real Keras printed.

use super::{parse, Parsed};
use crate::optim::{self, Kind, OptimizerConfig, Schedule};
use crate::spec::{self, SpecError};
use serde_json::{Map, Value};

/// Significant digits a program matches Descent to when float32 holds
/// every hyperparameter exactly.
pub const EXACT_DIGITS: u32 = 12;
/// Significant digits when Keras rounds some through float32.
pub const ROUNDED_DIGITS: u32 = 6;

/// What a spec's program reproduces, and how closely.
#[derive(Clone, Debug, PartialEq)]
pub struct Precision {
    /// `EXACT_DIGITS` or `ROUNDED_DIGITS`.
    pub digits: u32,
    /// The hyperparameters float32 does not hold, by name, with their value.
    pub rounded: Vec<(String, f64)>,
    /// Keras draws its own dropout masks: only the model and data match.
    pub dropout: bool,
    /// A path on a landscape (or the backprop lab's), rather than a history.
    pub path: bool,
}

/// Whether float32 holds `x` exactly.
pub fn float32_exact(x: f64) -> bool {
    (x as f32) as f64 == x
}

fn optimizer_values(config: &OptimizerConfig, prefix: &str, out: &mut Vec<(String, f64)>) {
    for h in optim::hyperparameters(&config.name).unwrap_or_default() {
        if h.kind == Kind::Flag {
            continue;
        }
        if let Some(x) = config.get_optional(h.name) {
            out.push((spec::path(prefix, h.name), x));
        }
    }
}

/// Every number of a schedule, read from its JSON form (Keras's argument
/// names), so this module needs no copy of the schedules' fields; a flag
/// (`staircase`) is not a number and Keras casts none.
fn schedule_values(schedule: &Schedule, prefix: &str, out: &mut Vec<(String, f64)>) {
    let Value::Object(fields) = schedule.to_json() else {
        return;
    };
    for (name, value) in &fields {
        let numbers = match value {
            Value::Array(list) => list.iter().filter_map(Value::as_f64).collect(),
            other => other.as_f64().into_iter().collect::<Vec<_>>(),
        };
        for x in numbers {
            out.push((spec::path(prefix, name), x));
        }
    }
}

/// The precision of a spec's program (any spec `keras_code` takes).
pub fn precision(map: &Map<String, Value>) -> Result<Precision, SpecError> {
    let mut values = Vec::new();
    let (dropout, path) = match parse(map)? {
        Parsed::Train(spec) => {
            optimizer_values(&spec.optimizer, "optimizer", &mut values);
            if spec.model.l2 > 0.0 {
                values.push(("model.l2".into(), spec.model.l2));
            }
            (spec.model.dropout > 0.0, false)
        }
        Parsed::Landscape(run) => {
            let one = run.racers.len() == 1 && !run.race;
            for (i, (config, changes)) in run.racers.iter().zip(&run.changes).enumerate() {
                let prefix = if one {
                    "optimizer".to_string()
                } else {
                    format!("racers[{i}]")
                };
                optimizer_values(config, &prefix, &mut values);
                if let Some(s) = run.schedule_of(config) {
                    schedule_values(&s, "schedule", &mut values);
                }
                for (_, rate) in changes {
                    values.push(("learning_rate_changes".into(), *rate));
                }
            }
            (false, true)
        }
        Parsed::Backprop(run) => {
            for rate in run.rates() {
                values.push(("learning_rate".into(), rate));
            }
            (false, true)
        }
    };
    let mut rounded: Vec<(String, f64)> = Vec::new();
    for (name, x) in values {
        if !float32_exact(x) && !rounded.iter().any(|(n, v)| *n == name && *v == x) {
            rounded.push((name, x));
        }
    }
    Ok(Precision {
        digits: if rounded.is_empty() {
            EXACT_DIGITS
        } else {
            ROUNDED_DIGITS
        },
        rounded,
        dropout,
        path,
    })
}

impl Precision {
    /// The note the code panel shows, in a few plain sentences.
    pub fn note(&self) -> String {
        let what = if self.path {
            "path and losses"
        } else {
            "history"
        };
        let mut out = if self.dropout {
            format!(
                "Same model and data, Keras's own dropout masks: Keras draws them itself, so its {what} follows this figure's only in distribution."
            )
        } else if self.rounded.is_empty() {
            // A loss near 0 is a difference of nearly equal numbers, whose
            // own last digits are rounding in any program: its digits are
            // counted against where the run started.
            let same = if self.path {
                format!("path as this figure to {EXACT_DIGITS} digits, and each loss to {EXACT_DIGITS} digits of the run's first loss")
            } else {
                format!("history as this figure to {EXACT_DIGITS} digits")
            };
            format!(
                "Prints the same {same}: every hyperparameter here is a number float32 holds exactly, so Keras's float32 learning rate loses nothing."
            )
        } else {
            let shown: Vec<String> = self
                .rounded
                .iter()
                .take(2)
                .map(|(name, x)| {
                    format!("{name} = {x:?} (float32 makes it {:?})", (*x as f32) as f64)
                })
                .collect();
            let more = match self.rounded.len() {
                n if n > 2 => format!(" and {} more", n - 2),
                _ => String::new(),
            };
            format!(
                "Prints the same {what} to about {ROUNDED_DIGITS} significant digits, not {EXACT_DIGITS}: Keras rounds the learning rate and other hyperparameters through float32, which does not hold {}{more}. For {EXACT_DIGITS} digits, use values float32 holds exactly, such as 0.875 or 2⁻⁶ = 0.015625.",
                shown.join(", ")
            )
        };
        if self.path && !self.dropout {
            out.push_str(" Rounding differences grow along long or chaotic paths.");
        }
        out
    }
}

/// The note for a spec given as JSON text.
pub fn precision_note(spec_text: &str) -> Result<String, SpecError> {
    Ok(precision(&spec::parse_object(spec_text)?)?.note())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn float32_exact_values_are_told_apart() {
        assert!(float32_exact(0.875) && float32_exact(2f64.powi(-6)) && float32_exact(1.0));
        assert!(!float32_exact(0.001) && !float32_exact(0.999) && !float32_exact(0.1));
    }
}
