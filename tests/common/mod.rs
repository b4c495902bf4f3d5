//! What the golden-value tests share: reading a committed file of Keras's
//! numbers (tools/ writes them) and its lists of numbers.

// Each test binary compiles its own copy and uses a part of it.
#![allow(dead_code)]

use serde_json::Value;

/// `tests/golden/<file>`, parsed.
pub fn golden_file(file: &str) -> Value {
    let path = format!("{}/tests/golden/{file}", env!("CARGO_MANIFEST_DIR"));
    let text =
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path} is committed: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path} is JSON: {e}"))
}

/// A JSON list of numbers.
pub fn floats(v: &Value) -> Vec<f64> {
    v.as_array()
        .expect("a list of numbers")
        .iter()
        .map(|x| x.as_f64().expect("a number"))
        .collect()
}

/// A golden landscape case's runs beside ours: racer by racer for a race,
/// else the one run.
pub fn run_pairs<'a>(keras: &'a Value, ours: &'a Value) -> Vec<(&'a Value, &'a Value)> {
    match keras.get("racers") {
        Some(racers) => racers
            .as_array()
            .expect("racers is a list")
            .iter()
            .zip(ours["racers"].as_array().expect("our racers are a list"))
            .collect(),
        None => vec![(keras, ours)],
    }
}
