//! Writing Python: numbers that round-trip, lists, and the Keras
//! constructors of an optimizer and a learning-rate schedule.

use crate::optim::{self, Kind, OptimizerConfig, Schedule};
use std::fmt::Write;

/// A float as a Python literal that reads back as the same f64: Rust's
/// shortest round-trip form, with an exponent for very large or small
/// values (`1e-7`), always with a point or an exponent, so Python reads
/// a float.
pub fn float(x: f64) -> String {
    let s = format!("{x:?}");
    debug_assert!(x.is_finite(), "only finite numbers are written");
    s
}

/// A whole number as an int literal when it is one, else a float.
pub fn count(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        float(x)
    }
}

/// `[a, b, …]`.
pub fn list(values: &[f64]) -> String {
    let mut out = String::with_capacity(values.len() * 22 + 2);
    out.push('[');
    for (i, v) in values.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(&float(*v));
    }
    out.push(']');
    out
}

/// `[[…], […], …]`, one inner list per row.
pub fn rows<'a>(rows: impl IntoIterator<Item = &'a [f64]>) -> String {
    let mut out = String::from("[");
    for (i, row) in rows.into_iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(&list(row));
    }
    out.push(']');
    out
}

pub fn boolean(b: bool) -> &'static str {
    if b {
        "True"
    } else {
        "False"
    }
}

/// Keras's class for an optimizer name.
pub fn optimizer_class(name: &str) -> &'static str {
    match name {
        "sgd" => "SGD",
        "adagrad" => "Adagrad",
        "adadelta" => "Adadelta",
        "rmsprop" => "RMSprop",
        "adam" => "Adam",
        "adamw" => "AdamW",
        "adamax" => "Adamax",
        "nadam" => "Nadam",
        "lion" => "Lion",
        other => unreachable!("OptimizerConfig holds only known names, got {other}"),
    }
}

/// `keras.optimizers.Adam(learning_rate=0.01, beta_1=0.875)`: the
/// learning rate (or `learning_rate`, the Python expression of a
/// schedule), then every hyperparameter that differs from Keras's
/// default and every option that is set, by Keras's names.
pub fn optimizer(config: &OptimizerConfig, learning_rate: Option<&str>) -> String {
    let mut args = vec![format!(
        "learning_rate={}",
        learning_rate.map_or_else(|| float(config.get("learning_rate")), str::to_string)
    )];
    let table = optim::hyperparameters(&config.name).unwrap_or_default();
    for h in table.iter().filter(|h| h.name != "learning_rate") {
        let Some(value) = config.get_optional(h.name) else {
            continue;
        };
        if h.default == Some(value) {
            continue;
        }
        let literal = match h.kind {
            Kind::Flag => boolean(value != 0.0).to_string(),
            _ => float(value),
        };
        args.push(format!("{}={literal}", h.name));
    }
    format!(
        "keras.optimizers.{}({})",
        optimizer_class(&config.name),
        args.join(", ")
    )
}

/// A schedule as Keras's `keras.optimizers.schedules` object, or the
/// constant rate as a float.
pub fn schedule(schedule: &Schedule) -> String {
    let s = "keras.optimizers.schedules";
    match schedule {
        Schedule::Constant { learning_rate } => float(*learning_rate),
        Schedule::ExponentialDecay {
            initial_learning_rate,
            decay_steps,
            decay_rate,
            staircase,
        } => format!(
            "{s}.ExponentialDecay(initial_learning_rate={}, decay_steps={}, decay_rate={}, staircase={})",
            float(*initial_learning_rate),
            count(*decay_steps),
            float(*decay_rate),
            boolean(*staircase)
        ),
        Schedule::PiecewiseConstant { boundaries, values } => {
            let boundaries: Vec<String> = boundaries.iter().map(|b| count(*b)).collect();
            format!(
                "{s}.PiecewiseConstantDecay(boundaries=[{}], values={})",
                boundaries.join(", "),
                list(values)
            )
        }
        Schedule::CosineDecay {
            initial_learning_rate,
            decay_steps,
            alpha,
            warmup_target,
            warmup_steps,
        } => {
            let mut out = format!(
                "{s}.CosineDecay(initial_learning_rate={}, decay_steps={}, alpha={}",
                float(*initial_learning_rate),
                count(*decay_steps),
                float(*alpha)
            );
            if let Some(target) = warmup_target {
                let _ = write!(
                    out,
                    ", warmup_target={}, warmup_steps={}",
                    float(*target),
                    count(*warmup_steps)
                );
            }
            out.push(')');
            out
        }
    }
}

/// `text` as a Python comment block, each line starting with `# `.
pub fn comment(text: &str) -> String {
    text.lines()
        .map(|l| {
            if l.is_empty() {
                "#".to_string()
            } else {
                format!("# {l}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn floats_read_back_exactly_and_stay_floats() {
        assert_eq!(float(1.0), "1.0");
        assert_eq!(float(1e-7), "1e-7");
        assert_eq!(float(0.1), "0.1");
        assert_eq!(float(-0.0), "-0.0");
        for x in [0.1 + 0.2, 1e300, 5e-324, -123.456e-20, 2f64.powi(-20)] {
            assert_eq!(float(x).parse::<f64>().unwrap(), x);
        }
        assert_eq!(count(100.0), "100");
        assert_eq!(count(2.5), "2.5");
    }

    #[test]
    fn an_optimizer_lists_what_differs_from_keras_defaults() {
        let parse = |v: serde_json::Value| {
            OptimizerConfig::from_json(v.as_object().unwrap(), "optimizer").unwrap()
        };
        let c = parse(json!({"name": "adam"}));
        assert_eq!(
            optimizer(&c, None),
            "keras.optimizers.Adam(learning_rate=0.001)"
        );
        let c = parse(
            json!({"name": "sgd", "learning_rate": 0.5, "momentum": 0.875,
                             "nesterov": true, "clipnorm": 2}),
        );
        assert_eq!(
            optimizer(&c, None),
            "keras.optimizers.SGD(learning_rate=0.5, momentum=0.875, nesterov=True, clipnorm=2.0)"
        );
        let c = parse(json!({"name": "adamw", "weight_decay": 0.004}));
        assert_eq!(
            optimizer(&c, Some("s")),
            "keras.optimizers.AdamW(learning_rate=s)"
        );
    }
}
