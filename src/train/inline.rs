//! Samples given in the spec, as Keras's `fit(x, y)` takes them:
//!
//! ```json
//! {"x": [[0.1, -0.4], [0.7, 0.2], …], "y": [0, 1, …], "classes": 2, "validation_split": 0.2}
//! ```
//!
//! `x` holds 1 to 5000 rows of 1 or 2 inputs each (all rows alike); `y`
//! one target per row, a number or a one-number list (Keras's shape (N,)
//! or (N, 1)). `classes: 2` makes it a two-class problem (labels 0 and 1,
//! a sigmoid output and binary cross-entropy, accuracy reported);
//! without `classes` it is regression (a linear output and mean squared
//! error). Rows keep their order, so the validation set is the last rows.

use super::dataset::Task;
use crate::spec::{self, describe, SpecError};
use serde_json::{Map, Value};

/// The most rows inline data may have (the named sets' limit too).
pub const MAX_ROWS: usize = 5000;

/// Checked inline samples.
#[derive(Clone, Debug, PartialEq)]
pub struct InlineData {
    /// Each row's inputs; the second is 0 when rows have one input.
    pub x: Vec<[f64; 2]>,
    pub y: Vec<f64>,
    /// 1 or 2.
    pub inputs: usize,
    pub task: Task,
}

impl InlineData {
    /// Reads `x`, `y` and `classes` of the object at `field`.
    pub fn from_json(map: &Map<String, Value>, field: &str) -> Result<Self, SpecError> {
        let f = |k: &str| spec::path(field, k);
        let task = match map.get("classes") {
            None | Some(Value::Null) => Task::Regression,
            Some(v) if v.as_f64() == Some(2.0) => Task::Classification,
            Some(v) => {
                return Err(SpecError::new(
                    f("classes"),
                    format!(
                        "must be 2 (two classes, labels 0 and 1; omit it for regression), got {}",
                        describe(v)
                    ),
                ))
            }
        };
        let rows = list(map.get("x"), &f("x"), "rows of 1 or 2 inputs")?;
        let mut inputs = 0;
        let mut x = Vec::with_capacity(rows.len());
        for (i, row) in rows.iter().enumerate() {
            let field = format!("{}[{i}]", f("x"));
            let values = match row {
                Value::Array(values) if (1..=2).contains(&values.len()) => values,
                other => {
                    return Err(SpecError::new(
                        field,
                        format!("must be a row of 1 or 2 inputs, got {}", describe(other)),
                    ))
                }
            };
            if i == 0 {
                inputs = values.len();
            } else if values.len() != inputs {
                return Err(SpecError::new(
                    field,
                    format!(
                        "has {} inputs, but row 0 has {inputs}; every row needs the same",
                        values.len()
                    ),
                ));
            }
            let mut sample = [0.0; 2];
            for (k, v) in values.iter().enumerate() {
                sample[k] = spec::number(Some(v), &format!("{field}[{k}]"))?;
            }
            x.push(sample);
        }
        let targets = list(map.get("y"), &f("y"), "targets, one per row of x")?;
        if targets.len() != x.len() {
            return Err(SpecError::new(
                f("y"),
                format!(
                    "must have one target per row of x ({}), got {}",
                    x.len(),
                    targets.len()
                ),
            ));
        }
        let mut y = Vec::with_capacity(targets.len());
        for (i, v) in targets.iter().enumerate() {
            let field = format!("{}[{i}]", f("y"));
            let v = match v {
                Value::Array(one) if one.len() == 1 => &one[0],
                v => v,
            };
            let t = spec::number(Some(v), &field)?;
            if task == Task::Classification && t != 0.0 && t != 1.0 {
                return Err(SpecError::new(
                    field,
                    format!("must be 0 or 1 (classes: 2), got {t}"),
                ));
            }
            y.push(t);
        }
        Ok(InlineData { x, y, inputs, task })
    }
}

/// A list of 1 to `MAX_ROWS` entries.
fn list<'a>(value: Option<&'a Value>, field: &str, what: &str) -> Result<&'a [Value], SpecError> {
    match value {
        Some(Value::Array(items)) if (1..=MAX_ROWS).contains(&items.len()) => Ok(items),
        Some(Value::Array(items)) => Err(SpecError::new(
            field,
            format!(
                "must hold 1 to {MAX_ROWS} {what}, got {} entries",
                items.len()
            ),
        )),
        None => Err(SpecError::new(
            field,
            format!("is missing; expected a list of {what}"),
        )),
        Some(other) => Err(SpecError::new(
            field,
            format!("must be a list of {what}, got {}", describe(other)),
        )),
    }
}
