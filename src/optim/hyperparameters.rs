//! Optimizer configs: plain data keyed by Keras's argument names.
//!
//! Each optimizer declares a table of its hyperparameters with Keras's
//! defaults. One table drives parsing and validation here, the controls the
//! UI builds, and the defaults the README lists, so they cannot drift apart.

use crate::spec::{describe, path, SpecError};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

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

/// A validated optimizer config: a name and its hyperparameter values, with
/// defaults filled in. Flags are stored as 0 or 1.
#[derive(Clone, Debug, PartialEq)]
pub struct OptimizerConfig {
    pub name: String,
    values: BTreeMap<&'static str, f64>,
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
                    "unknown optimizer \"{name}\"; allowed: {}",
                    super::NAMES.join(", ")
                ),
            )
        })?;
        let mut values = BTreeMap::new();
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

    /// A hyperparameter that always has a value (it has a default).
    pub fn get(&self, name: &str) -> f64 {
        self.values.get(name).copied().unwrap_or(0.0)
    }

    /// A hyperparameter Keras leaves as `None` unless given.
    pub fn get_optional(&self, name: &str) -> Option<f64> {
        self.values.get(name).copied()
    }

    pub fn flag(&self, name: &str) -> bool {
        self.get(name) != 0.0
    }

    pub(crate) fn set(&mut self, name: &'static str, value: f64) {
        self.values.insert(name, value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn parse(v: Value) -> Result<OptimizerConfig, SpecError> {
        OptimizerConfig::from_json(v.as_object().unwrap(), "optimizer")
    }

    #[test]
    fn defaults_are_filled_in() {
        let c = parse(json!({"name": "adam"})).unwrap();
        assert_eq!(c.get("learning_rate"), 0.001);
        assert_eq!(c.get("beta_1"), 0.9);
        assert_eq!(c.get("epsilon"), 1e-7);
        assert!(!c.flag("amsgrad"));
        assert_eq!(c.get_optional("weight_decay"), None);
    }

    #[test]
    fn bad_values_name_the_field_and_the_rule() {
        let e = parse(json!({"name": "adam", "beta_1": 1.0})).unwrap_err();
        assert_eq!(e.field, "optimizer.beta_1");
        assert!(e.message.contains("[0, 1)"), "{e}");
        let e = parse(json!({"name": "sgd", "learning_rate": 0})).unwrap_err();
        assert_eq!(e.field, "optimizer.learning_rate");
        let e = parse(json!({"name": "sgd", "learning_rate": null})).unwrap_err();
        assert_eq!(e.field, "optimizer.learning_rate");
        let e = parse(json!({"name": "rmsprop", "epsilon": -1e-7})).unwrap_err();
        assert_eq!(e.field, "optimizer.epsilon");
        let e = parse(json!({"name": "adamm"})).unwrap_err();
        assert!(e.message.contains("lion"), "lists allowed names: {e}");
        let e = parse(json!({"name": "sgd", "nesterov": 1})).unwrap_err();
        assert_eq!(e.field, "optimizer.nesterov");
    }

    #[test]
    fn json_round_trips() {
        let c = parse(json!({"name": "sgd", "momentum": 0.5, "nesterov": true, "clipnorm": 2}))
            .unwrap();
        let back = parse(c.to_json()).unwrap();
        assert_eq!(c, back);
        assert_eq!(c.to_json()["nesterov"], json!(true));
    }
}
