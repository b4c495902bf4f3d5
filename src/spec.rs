//! Reading user-supplied JSON specs.
//!
//! Every entry point (`simulate`, `sweep`, `train`) takes plain JSON, so a
//! spec typed into a browser console, a URL hash or a Rust test goes through
//! one parser. Errors name the field, say what is allowed and echo what was
//! given, because the person reading them is usually a student mid-lecture.

use serde_json::{Map, Value};
use std::fmt;

/// A spec that cannot be run, with the field that is wrong.
#[derive(Clone, Debug, PartialEq)]
pub struct SpecError {
    /// Dotted path of the bad field, e.g. `optimizer.beta_1`.
    pub field: String,
    /// What is allowed, and what was given.
    pub message: String,
}

impl SpecError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        SpecError {
            field: field.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for SpecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

impl std::error::Error for SpecError {}

/// Parses a JSON text into an object, or says why it is not one.
pub fn parse_object(text: &str) -> Result<Map<String, Value>, SpecError> {
    match serde_json::from_str::<Value>(text) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(other) => Err(SpecError::new(
            "spec",
            format!("must be an object, got {}", describe(&other)),
        )),
        Err(e) => Err(SpecError::new("spec", format!("is not valid JSON ({e})"))),
    }
}

/// A short description of a JSON value for error messages.
pub fn describe(value: &Value) -> String {
    match value {
        // JSON.stringify turns NaN and ±Infinity into null, so say so.
        Value::Null => "null (NaN and Infinity arrive as null)".to_string(),
        Value::String(s) => format!("\"{}\"", cut(s)),
        other => cut(&other.to_string()),
    }
}

/// The most characters of a user's value an error message repeats.
pub const QUOTE_LIMIT: usize = 80;

/// `text` cut to `QUOTE_LIMIT` characters (never inside a character),
/// with "…" when something was left out: an error names what was wrong
/// without echoing a megabyte back.
pub fn cut(text: &str) -> String {
    match text.char_indices().nth(QUOTE_LIMIT) {
        None => text.to_string(),
        Some((end, _)) => format!("{}…", &text[..end]),
    }
}

/// Joins a parent path and a child field name. The child may be a caller's
/// own key (an unknown field), so it is cut like any quoted value.
pub fn path(parent: &str, field: &str) -> String {
    let field = cut(field);
    if parent.is_empty() {
        field
    } else {
        format!("{parent}.{field}")
    }
}

/// A required finite number.
pub fn number(value: Option<&Value>, field: &str) -> Result<f64, SpecError> {
    match value {
        None => Err(SpecError::new(field, "is missing; expected a number")),
        Some(v) => v.as_f64().filter(|x| x.is_finite()).ok_or_else(|| {
            SpecError::new(
                field,
                format!("must be a finite number, got {}", describe(v)),
            )
        }),
    }
}

/// An optional finite number: absent gives `default`.
pub fn number_or(value: Option<&Value>, field: &str, default: f64) -> Result<f64, SpecError> {
    match value {
        None => Ok(default),
        Some(_) => number(value, field),
    }
}

/// A required whole number in `[min, max]`.
pub fn integer(value: Option<&Value>, field: &str, min: u64, max: u64) -> Result<u64, SpecError> {
    let bad = |v: &Value| {
        SpecError::new(
            field,
            format!(
                "must be a whole number from {min} to {max}, got {}",
                describe(v)
            ),
        )
    };
    match value {
        None => Err(SpecError::new(
            field,
            format!("is missing; expected a whole number from {min} to {max}"),
        )),
        Some(v) => {
            let x = v.as_f64().ok_or_else(|| bad(v))?;
            if x.fract() != 0.0 || x < min as f64 || x > max as f64 {
                return Err(bad(v));
            }
            Ok(x as u64)
        }
    }
}

/// An optional whole number in `[min, max]`: absent gives `default`.
pub fn integer_or(
    value: Option<&Value>,
    field: &str,
    min: u64,
    max: u64,
    default: u64,
) -> Result<u64, SpecError> {
    match value {
        None => Ok(default),
        Some(_) => integer(value, field, min, max),
    }
}

/// A required string.
pub fn string<'a>(value: Option<&'a Value>, field: &str) -> Result<&'a str, SpecError> {
    match value {
        None => Err(SpecError::new(field, "is missing; expected a string")),
        Some(v) => v
            .as_str()
            .ok_or_else(|| SpecError::new(field, format!("must be a string, got {}", describe(v)))),
    }
}

/// A required object.
pub fn object<'a>(
    value: Option<&'a Value>,
    field: &str,
) -> Result<&'a Map<String, Value>, SpecError> {
    match value {
        None => Err(SpecError::new(field, "is missing; expected an object")),
        Some(v) => v.as_object().ok_or_else(|| {
            SpecError::new(field, format!("must be an object, got {}", describe(v)))
        }),
    }
}

/// Rejects fields a spec does not know, so a typo (`learning_rte`) is not
/// silently ignored.
pub fn reject_unknown(
    map: &Map<String, Value>,
    parent: &str,
    known: &[&str],
) -> Result<(), SpecError> {
    for key in map.keys() {
        if !known.contains(&key.as_str()) {
            return Err(SpecError::new(
                path(parent, key),
                format!("is not a known field; allowed: {}", known.join(", ")),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn number_rejects_null_and_strings_with_the_field_name() {
        let e = number(Some(&Value::Null), "optimizer.learning_rate").unwrap_err();
        assert_eq!(e.field, "optimizer.learning_rate");
        assert!(e.message.contains("NaN"), "{e}");
        let e = number(Some(&json!("fast")), "steps").unwrap_err();
        assert!(e.message.contains("\"fast\""), "{e}");
    }

    #[test]
    fn integer_checks_range_and_wholeness() {
        assert_eq!(integer(Some(&json!(12)), "steps", 0, 100).unwrap(), 12);
        assert!(integer(Some(&json!(12.5)), "steps", 0, 100).is_err());
        assert!(integer(Some(&json!(101)), "steps", 0, 100).is_err());
        assert!(integer(Some(&json!(-1)), "steps", 0, 100).is_err());
    }

    #[test]
    fn unknown_fields_are_named() {
        let map = json!({"learning_rte": 1}).as_object().unwrap().clone();
        let e = reject_unknown(&map, "optimizer", &["learning_rate"]).unwrap_err();
        assert_eq!(e.field, "optimizer.learning_rte");
    }
}
