//! Writing plain JSON for the page: the catalogue and the lecture, built
//! once and read by the UI.
//!
//! serde_json's `json!` macro expands every field of every object into its
//! own key allocation, serializer call and insert, inlined at the call site;
//! the catalogue alone came to 27 KB of wasm that way. Here each object is
//! one call with its fields in a list, and lists of plain values convert
//! through one function each.

use serde_json::{Map, Value};

/// An object with `fields`, in their order.
pub fn object<const N: usize>(fields: [(&str, Value); N]) -> Value {
    let mut map = Map::new();
    for (key, value) in fields {
        map.insert(key.to_owned(), value);
    }
    Value::Object(map)
}

/// A list of numbers; a non-finite one (never expected) becomes null.
pub fn numbers(xs: &[f64]) -> Value {
    Value::Array(xs.iter().map(|&x| Value::from(x)).collect())
}

/// A list of strings.
pub fn strings(xs: &[&str]) -> Value {
    Value::Array(xs.iter().map(|&s| Value::from(s)).collect())
}

/// A list of whole numbers.
pub fn counts(xs: &[usize]) -> Value {
    Value::Array(xs.iter().map(|&x| Value::from(x)).collect())
}

/// A list of points, each `[x, y]`.
pub fn points(xs: &[[f64; 2]]) -> Value {
    Value::Array(xs.iter().map(|p| numbers(p)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn builds_what_the_macro_builds() {
        let built = object([
            ("name", "adam".into()),
            ("window", numbers(&[-2.0, 2.0])),
            ("minima", points(&[[1.0, 1.0]])),
            ("lines", counts(&[0, 3])),
            ("tags", strings(&["a", "b"])),
            ("none", Value::Null),
        ]);
        let expected = json!({
            "name": "adam", "window": [-2.0, 2.0], "minima": [[1.0, 1.0]],
            "lines": [0, 3], "tags": ["a", "b"], "none": null,
        });
        assert_eq!(built, expected);
        assert_eq!(numbers(&[f64::NAN]), json!([null]));
    }
}
