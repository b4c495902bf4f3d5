//! The catalogue: everything the page lists, labels or limits, read from the
//! engine's own tables and constants, as one plain JSON object. The page
//! renders it and declares none of it, so the UI cannot drift from what the
//! engine accepts, and teaching text (update rules, notes, formulas) is
//! written once, beside the code it describes.
//!
//! Its keys:
//!
//! - `landscapes`: `{name, formula, note, window, minima, start,
//!   hessian_eigenvalues}` per landscape;
//! - `optimizers`: `{name, note, rule, hyperparameters}`, where `rule` is
//!   the displayed rule at Keras's defaults (lines in the markup of
//!   `optim::check_markup`; `display_rule` gives it for other settings) and
//!   each hyperparameter is `{name, symbol, default, kind, help}`;
//! - `schedules`: `{name, note, parameters}`, each parameter `{name, kind,
//!   default, if_absent, example, help}`;
//! - `activations`, `initializers`: names, the default first for
//!   initializers;
//! - `datasets`: `{name, task, samples, noise}` (the last two: what a spec
//!   that leaves them out gets);
//! - `presets`: the capacity presets' names;
//! - `palette`: the categorical colours, in the order series take them;
//! - `limits`: the counts and ranges the engine enforces (see [`limits`]);
//! - `lecture_learning_rates`: the lecture's too-small, stable and
//!   too-large rates.

use crate::landscape::{self, LECTURE_LEARNING_RATES};
use crate::optim::{
    self, display_rule, symbol, Kind, OptimizerConfig, ParameterDefault, ParameterKind, SCHEDULES,
};
use crate::render::colour::PALETTE;
use crate::train::{dataset, spec as train_spec, CAPACITY_PRESETS};
use crate::{labs, nn, run};
use serde_json::{json, Value};

fn kind_name(kind: Kind) -> &'static str {
    match kind {
        Kind::LearningRate => "learning_rate",
        Kind::Fraction => "fraction",
        Kind::NonNegative => "non_negative",
        Kind::Flag => "flag",
    }
}

fn parameter_kind_name(kind: ParameterKind) -> &'static str {
    match kind {
        ParameterKind::Rate => "rate",
        ParameterKind::Rates => "rates",
        ParameterKind::Steps => "steps",
        ParameterKind::StepsOrZero => "steps_or_zero",
        ParameterKind::Boundaries => "boundaries",
        ParameterKind::Positive => "positive",
        ParameterKind::Fraction => "fraction",
        ParameterKind::Flag => "flag",
    }
}

fn landscapes() -> Value {
    landscape::catalogue()
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
        .collect()
}

fn optimizers() -> Value {
    optim::OPTIMIZERS
        .iter()
        .map(|d| {
            let rows: Vec<Value> = optim::hyperparameters(d.name)
                .unwrap_or_default()
                .iter()
                .map(|h| {
                    let default = match (h.kind, h.default) {
                        (_, None) => Value::Null,
                        (Kind::Flag, Some(x)) => Value::Bool(x != 0.0),
                        (_, Some(x)) => json!(x),
                    };
                    json!({
                        "name": h.name,
                        "symbol": symbol(h.name),
                        "default": default,
                        "kind": kind_name(h.kind),
                        "help": h.help,
                    })
                })
                .collect();
            let rule = OptimizerConfig::defaults(d.name).map_or(Vec::new(), |c| display_rule(&c));
            json!({
                "name": d.name,
                "note": d.note,
                "rule": rule,
                "hyperparameters": rows,
            })
        })
        .collect()
}

fn schedules() -> Value {
    SCHEDULES
        .iter()
        .map(|s| {
            let parameters: Vec<Value> = s
                .parameters
                .iter()
                .map(|p| {
                    let (default, if_absent) = match p.default {
                        ParameterDefault::Required => (Value::Null, "error"),
                        ParameterDefault::LearningRate => (Value::Null, "learning_rate"),
                        ParameterDefault::Off => (Value::Null, "off"),
                        ParameterDefault::Number(x) => (json!(x), "default"),
                        ParameterDefault::Flag(b) => (json!(b), "default"),
                    };
                    let example = match p.example {
                        [] => Value::Null,
                        [x] if p.kind != ParameterKind::Rates
                            && p.kind != ParameterKind::Boundaries =>
                        {
                            json!(x)
                        }
                        list => json!(list),
                    };
                    json!({
                        "name": p.name,
                        "kind": parameter_kind_name(p.kind),
                        "default": default,
                        "if_absent": if_absent,
                        "example": example,
                        "help": p.help,
                    })
                })
                .collect();
            json!({"name": s.name, "note": s.note, "parameters": parameters})
        })
        .collect()
}

fn datasets() -> Value {
    dataset::DATASETS
        .iter()
        .map(|d| {
            json!({
                "name": d.name,
                "task": d.task.name(),
                "samples": d.samples,
                "noise": d.noise,
            })
        })
        .collect()
}

fn range<T: Into<Value>>([min, max]: [T; 2]) -> Value {
    json!({"min": min.into(), "max": max.into()})
}

/// The limits the UI needs, each the engine's own constant: counts are
/// maxima, ranges are `{min, max}` and inclusive, except `dropout`, whose
/// `max` is excluded (`max_excluded: true`).
pub fn limits() -> Value {
    json!({
        "max_racers": labs::race::MAX_RACERS,
        "max_compared": train_spec::MAX_COMPARED,
        "race_max_steps": labs::race::MAX_STEPS,
        "lab_max_steps": labs::learning_rate::MAX_STEPS,
        "simulate_max_steps": run::simulate::MAX_STEPS,
        "sweep_max_rates": run::sweep::MAX_RUNS,
        "learning_rate": range(optim::LEARNING_RATE_RANGE),
        "samples": range(dataset::SAMPLES),
        "noise": range(dataset::NOISE),
        "validation_split": range(dataset::VALIDATION_SPLIT),
        "hidden_layers": range(train_spec::HIDDEN_LAYERS),
        "units": range(train_spec::UNITS),
        "dropout": {
            "min": train_spec::DROPOUT[0],
            "max": train_spec::DROPOUT[1],
            "max_excluded": true,
        },
        "l2": range(train_spec::L2),
        "batch_size": range(train_spec::BATCH_SIZE),
        "epochs": range(train_spec::EPOCHS),
        "patience": range(train_spec::PATIENCE),
        "seed": range(train_spec::SEED),
    })
}

/// The whole catalogue (see the module's doc for its keys).
pub fn catalogue() -> Value {
    json!({
        "landscapes": landscapes(),
        "optimizers": optimizers(),
        "schedules": schedules(),
        "activations": nn::ACTIVATIONS,
        "initializers": nn::INITIALIZERS,
        "datasets": datasets(),
        "presets": CAPACITY_PRESETS,
        "palette": PALETTE,
        "limits": limits(),
        "lecture_learning_rates": LECTURE_LEARNING_RATES,
    })
}
