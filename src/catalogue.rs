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

use crate::json::{numbers, object, points, strings};
use crate::landscape::{self, LECTURE_LEARNING_RATES};
use crate::optim::{
    self, display_rule, symbol, Kind, OptimizerConfig, ParameterDefault, ParameterKind, SCHEDULES,
};
use crate::render::colour::PALETTE;
use crate::train::{dataset, spec as train_spec, CAPACITY_PRESETS};
use crate::{labs, nn, run};
use serde_json::Value;

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
            object([
                ("name", l.name().into()),
                ("formula", l.formula().into()),
                ("note", l.note().into()),
                ("window", numbers(&[w.x_min, w.x_max, w.y_min, w.y_max])),
                ("minima", points(l.minima())),
                ("start", numbers(&l.start())),
                (
                    "hessian_eigenvalues",
                    l.hessian_eigenvalues().map_or(Value::Null, |e| numbers(&e)),
                ),
            ])
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
                        (_, Some(x)) => x.into(),
                    };
                    object([
                        ("name", h.name.into()),
                        ("symbol", symbol(h.name).into()),
                        ("default", default),
                        ("kind", kind_name(h.kind).into()),
                        ("help", h.help.into()),
                    ])
                })
                .collect();
            let rule = OptimizerConfig::defaults(d.name).map_or(Vec::new(), |c| display_rule(&c));
            object([
                ("name", d.name.into()),
                ("note", d.note.into()),
                ("rule", rule.into()),
                ("hyperparameters", rows.into()),
            ])
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
                        ParameterDefault::Number(x) => (x.into(), "default"),
                        ParameterDefault::Flag(b) => (b.into(), "default"),
                    };
                    let example = match p.example {
                        [] => Value::Null,
                        [x] if p.kind != ParameterKind::Rates
                            && p.kind != ParameterKind::Boundaries =>
                        {
                            (*x).into()
                        }
                        list => numbers(list),
                    };
                    object([
                        ("name", p.name.into()),
                        ("kind", parameter_kind_name(p.kind).into()),
                        ("default", default),
                        ("if_absent", if_absent.into()),
                        ("example", example),
                        ("help", p.help.into()),
                    ])
                })
                .collect();
            object([
                ("name", s.name.into()),
                ("note", s.note.into()),
                ("parameters", parameters.into()),
            ])
        })
        .collect()
}

fn datasets() -> Value {
    dataset::DATASETS
        .iter()
        .map(|d| {
            object([
                ("name", d.name.into()),
                ("task", d.task.name().into()),
                ("samples", d.samples.into()),
                ("noise", d.noise.into()),
            ])
        })
        .collect()
}

fn range<T: Into<Value>>([min, max]: [T; 2]) -> Value {
    object([("min", min.into()), ("max", max.into())])
}

/// The limits the UI needs, each the engine's own constant: counts are
/// maxima, ranges are `{min, max}` and inclusive, except `dropout`, whose
/// `max` is excluded (`max_excluded: true`).
pub fn limits() -> Value {
    object([
        ("max_racers", labs::race::MAX_RACERS.into()),
        ("max_compared", train_spec::MAX_COMPARED.into()),
        ("race_max_steps", labs::race::MAX_STEPS.into()),
        ("lab_max_steps", labs::learning_rate::MAX_STEPS.into()),
        ("simulate_max_steps", run::simulate::MAX_STEPS.into()),
        ("sweep_max_rates", run::sweep::MAX_RUNS.into()),
        ("learning_rate", range(optim::LEARNING_RATE_RANGE)),
        ("samples", range(dataset::SAMPLES)),
        ("noise", range(dataset::NOISE)),
        ("validation_split", range(dataset::VALIDATION_SPLIT)),
        ("hidden_layers", range(train_spec::HIDDEN_LAYERS)),
        ("units", range(train_spec::UNITS)),
        (
            "dropout",
            object([
                ("min", train_spec::DROPOUT[0].into()),
                ("max", train_spec::DROPOUT[1].into()),
                ("max_excluded", true.into()),
            ]),
        ),
        ("l2", range(train_spec::L2)),
        ("batch_size", range(train_spec::BATCH_SIZE)),
        ("epochs", range(train_spec::EPOCHS)),
        ("patience", range(train_spec::PATIENCE)),
        ("seed", range(train_spec::SEED)),
    ])
}

/// The whole catalogue (see the module's doc for its keys).
pub fn catalogue() -> Value {
    object([
        ("landscapes", landscapes()),
        ("optimizers", optimizers()),
        ("schedules", schedules()),
        ("activations", strings(nn::ACTIVATIONS)),
        ("initializers", strings(nn::INITIALIZERS)),
        ("datasets", datasets()),
        ("presets", strings(CAPACITY_PRESETS)),
        ("palette", strings(&PALETTE)),
        ("limits", limits()),
        ("lecture_learning_rates", numbers(&LECTURE_LEARNING_RATES)),
    ])
}
