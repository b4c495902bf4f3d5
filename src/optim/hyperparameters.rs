//! Optimizer configs: plain data keyed by Keras's argument names.
//!
//! Each optimizer declares a table of its hyperparameters with Keras's
//! defaults. One table drives parsing and validation here, the controls the
//! UI builds, and the defaults the README lists, so they cannot drift apart.
//!
//! A name that is not in the optimizer's table is always an error, never a
//! silent 0: `from_json`, [`OptimizerConfig::value`] and
//! [`OptimizerConfig::try_set`] return a `SpecError` that names it and lists
//! the allowed names. `get`, `get_optional`, `flag` and `set` take names the
//! engine's own code spells out; a misspelt one there is a bug, so they
//! panic with that same message (the first test that runs the code finds it).

use crate::spec::{cut, describe, path, SpecError};
use serde_json::{Map, Value};

/// What values a hyperparameter accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A finite number > 0.
    LearningRate,
    /// A number in [0, 1): β, ρ and momentum.
    Fraction,
    /// A finite number ≥ 0: ε, accumulator seeds, decay, clipping.
    NonNegative,
    /// true or false.
    Flag,
}

/// One row of an optimizer's table.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Hyperparameter {
    /// Keras's argument name.
    pub name: &'static str,
    /// Keras's default; `None` means "off unless given" (Keras's `None`).
    pub default: Option<f64>,
    pub kind: Kind,
    /// A short phrase for tooltips.
    pub help: &'static str,
}

impl Hyperparameter {
    pub const fn new(name: &'static str, default: f64, kind: Kind, help: &'static str) -> Self {
        Hyperparameter {
            name,
            default: Some(default),
            kind,
            help,
        }
    }

    pub const fn optional(name: &'static str, kind: Kind, help: &'static str) -> Self {
        Hyperparameter {
            name,
            default: None,
            kind,
            help,
        }
    }

    /// `x` as a value of this row (a flag as 0 or 1), or why not.
    fn check_number(&self, x: f64, field: &str) -> Result<f64, SpecError> {
        let value = if self.kind == Kind::Flag && (x == 0.0 || x == 1.0) {
            Value::Bool(x == 1.0)
        } else {
            serde_json::Number::from_f64(x).map_or(Value::Null, Value::Number)
        };
        self.check(&value, field)
    }

    fn check(&self, value: &Value, field: &str) -> Result<f64, SpecError> {
        if self.kind == Kind::Flag {
            return value.as_bool().map(|b| b as u8 as f64).ok_or_else(|| {
                SpecError::new(
                    field,
                    format!("must be true or false, got {}", describe(value)),
                )
            });
        }
        let x = value.as_f64().filter(|x| x.is_finite());
        let (ok, allowed) = match self.kind {
            Kind::LearningRate => (x.is_some_and(|x| x > 0.0), "a finite number > 0"),
            Kind::Fraction => (
                x.is_some_and(|x| (0.0..1.0).contains(&x)),
                "a number in [0, 1)",
            ),
            Kind::NonNegative => (x.is_some_and(|x| x >= 0.0), "a finite number ≥ 0"),
            Kind::Flag => unreachable!(),
        };
        match x {
            Some(x) if ok => Ok(x),
            _ => Err(SpecError::new(
                field,
                format!("must be {allowed}, got {}", describe(value)),
            )),
        }
    }
}

/// The learning rates the UI's sliders and fields offer, inclusive. The
/// engine itself takes any finite rate > 0.
pub const LEARNING_RATE_RANGE: [f64; 2] = [1e-5, 10.0];

/// Options every Keras optimizer takes.
pub const COMMON: &[Hyperparameter] = &[
    Hyperparameter::optional(
        "weight_decay",
        Kind::NonNegative,
        "decoupled weight decay: w ← w − w·weight_decay·η before each step",
    ),
    Hyperparameter::optional(
        "clipnorm",
        Kind::NonNegative,
        "clip the gradient to this L2 norm",
    ),
    Hyperparameter::optional(
        "clipvalue",
        Kind::NonNegative,
        "clip each gradient component to [−clipvalue, clipvalue]",
    ),
    Hyperparameter::optional(
        "global_clipnorm",
        Kind::NonNegative,
        "clip all gradients together to this L2 norm",
    ),
];

/// The symbol each hyperparameter goes by in the update rules and their
/// readout (plain Unicode text); the markup of a rule spells the same
/// symbols with `_` (β_1).
const SYMBOLS: &[(&str, &str)] = &[
    ("learning_rate", "η"),
    ("momentum", "μ"),
    ("beta_1", "β₁"),
    ("beta_2", "β₂"),
    ("epsilon", "ε"),
    ("rho", "ρ"),
    ("weight_decay", "λ"),
    ("initial_accumulator_value", "a₀"),
];

/// The symbol of a hyperparameter, or its name if it has none.
pub fn symbol(name: &str) -> &str {
    SYMBOLS
        .iter()
        .find(|(n, _)| *n == name)
        .map_or(name, |(_, s)| s)
}

/// A validated optimizer config: a name and its hyperparameter values, with
/// defaults filled in. Flags are stored as 0 or 1.
#[derive(Clone, Debug, PartialEq)]
pub struct OptimizerConfig {
    pub name: String,
    values: Values,
}

/// Hyperparameter values by name, kept in name order so that two configs
/// with the same values are equal. A dozen entries at most: a sorted list
/// does what a BTreeMap did, without its 8 KB of generic wasm code.
#[derive(Clone, Debug, Default, PartialEq)]
struct Values(Vec<(&'static str, f64)>);

impl Values {
    fn find(&self, name: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|(k, _)| (*k).cmp(name))
    }

    fn get(&self, name: &str) -> Option<&f64> {
        self.find(name).ok().map(|i| &self.0[i].1)
    }

    fn contains_key(&self, name: &str) -> bool {
        self.find(name).is_ok()
    }

    fn insert(&mut self, name: &'static str, value: f64) {
        match self.find(name) {
            Ok(i) => self.0[i].1 = value,
            Err(i) => self.0.insert(i, (name, value)),
        }
    }
}

impl OptimizerConfig {
    /// The config Keras builds from `tf.keras.optimizers.get(name)`.
    pub fn defaults(name: &str) -> Result<Self, SpecError> {
        Self::from_json(
            serde_json::json!({ "name": name }).as_object().unwrap(),
            "optimizer",
        )
    }

    /// Reads `{"name": "adam", "learning_rate": 0.001, …}`; `field` is where
    /// the object sits in the spec, for error messages.
    pub fn from_json(map: &Map<String, Value>, field: &str) -> Result<Self, SpecError> {
        let name_field = path(field, "name");
        let name = match map.get("name") {
            Some(Value::String(s)) => s.to_ascii_lowercase(),
            Some(other) => {
                return Err(SpecError::new(
                    name_field,
                    format!("must be a string, got {}", describe(other)),
                ))
            }
            None => {
                return Err(SpecError::new(
                    name_field,
                    format!("is missing; allowed: {}", super::NAMES.join(", ")),
                ))
            }
        };
        let table = super::hyperparameters(&name).ok_or_else(|| {
            SpecError::new(
                &name_field,
                format!(
                    "unknown optimizer \"{}\"; allowed: {}",
                    cut(&name),
                    super::NAMES.join(", ")
                ),
            )
        })?;
        let mut values = Values::default();
        for (key, value) in map {
            if key == "name" {
                continue;
            }
            let h = table.iter().find(|h| h.name == key).ok_or_else(|| {
                let names: Vec<_> = table.iter().map(|h| h.name).collect();
                SpecError::new(
                    path(field, key),
                    format!(
                        "is not a hyperparameter of {name}; allowed: {}",
                        names.join(", ")
                    ),
                )
            })?;
            // Keras's None: leave an optional option off.
            if value.is_null() && h.default.is_none() {
                continue;
            }
            values.insert(h.name, h.check(value, &path(field, key))?);
        }
        for h in &table {
            if let (false, Some(d)) = (values.contains_key(h.name), h.default) {
                values.insert(h.name, d);
            }
        }
        Ok(OptimizerConfig { name, values })
    }

    /// Back to JSON, defaults included, flags as booleans.
    pub fn to_json(&self) -> Value {
        let table = super::hyperparameters(&self.name).unwrap_or_default();
        let mut map = Map::new();
        map.insert("name".into(), Value::String(self.name.clone()));
        for h in &table {
            if let Some(&x) = self.values.get(h.name) {
                let v = if h.kind == Kind::Flag {
                    Value::Bool(x != 0.0)
                } else {
                    serde_json::Number::from_f64(x).map_or(Value::Null, Value::Number)
                };
                map.insert(h.name.into(), v);
            }
        }
        Value::Object(map)
    }

    /// The table row of `name`, or an error that names it and lists the
    /// allowed names.
    fn row(&self, name: &str) -> Result<Hyperparameter, SpecError> {
        // The optimizer's own row first (AdamW gives weight_decay a
        // default), without building the whole table: the slider calls this.
        let own = super::definition(&self.name).map_or(&[][..], |d| d.hyperparameters);
        let found = own.iter().chain(COMMON).find(|h| h.name == name);
        found.copied().ok_or_else(|| {
            let table = super::hyperparameters(&self.name).unwrap_or_default();
            let names: Vec<_> = table.iter().map(|h| h.name).collect();
            SpecError::new(
                path("optimizer", name),
                format!(
                    "is not a hyperparameter of {}; allowed: {}",
                    self.name,
                    names.join(", ")
                ),
            )
        })
    }

    /// The value of hyperparameter `name`: `None` for an option that is off
    /// (Keras's `None`), an error for a name the optimizer does not have.
    pub fn value(&self, name: &str) -> Result<Option<f64>, SpecError> {
        let h = self.row(name)?;
        Ok(self.values.get(h.name).copied())
    }

    /// Sets hyperparameter `name` to `x` (a flag as 0 or 1), checked as
    /// `from_json` checks it; on an error the config is unchanged.
    pub fn try_set(&mut self, name: &str, x: f64) -> Result<(), SpecError> {
        let h = self.row(name)?;
        let x = h.check_number(x, &path("optimizer", name))?;
        self.values.insert(h.name, x);
        Ok(())
    }

    /// A hyperparameter that always has a value (it has a default).
    ///
    /// Panics for a name the optimizer does not have, or for an option
    /// that is off: use [`value`](Self::value) for names from outside.
    pub fn get(&self, name: &str) -> f64 {
        match self.value(name) {
            Ok(Some(x)) => x,
            Ok(None) => panic!(
                "optimizer.{name}: is off for {}; read it with get_optional",
                self.name
            ),
            Err(e) => panic!("{e}"),
        }
    }

    /// A hyperparameter Keras leaves as `None` unless given. Panics for a
    /// name the optimizer does not have.
    pub fn get_optional(&self, name: &str) -> Option<f64> {
        self.value(name).unwrap_or_else(|e| panic!("{e}"))
    }

    /// A flag's value. Panics for a name the optimizer does not have.
    pub fn flag(&self, name: &str) -> bool {
        self.get(name) != 0.0
    }

    /// Sets a hyperparameter the engine's code names, without checking the
    /// value (the learning-rate slider's callers check it themselves).
    /// Panics for a name the optimizer does not have.
    pub(crate) fn set(&mut self, name: &str, value: f64) {
        let h = self.row(name).unwrap_or_else(|e| panic!("{e}"));
        self.values.insert(h.name, value);
    }
}
