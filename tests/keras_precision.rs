//! The code panel's precision note against real Keras: for every history
//! and path in tests/golden/keras_networks.json (printed by Keras 3 from
//! `keras_code`'s programs), the note's digit count must hold, and the
//! note must promise `EXACT_DIGITS` exactly for the cases whose
//! hyperparameters float32 holds, the file's `exact` cases.
//!
//! `cargo test --test keras_precision -- --nocapture` prints the measured
//! digits.

use descent::keras::keras_output;
use descent::keras::precision::{precision, EXACT_DIGITS, ROUNDED_DIGITS};
use descent::train::train_json;
use serde_json::Value;

mod common;
use common::{floats as numbers, golden_file, run_pairs};

fn golden() -> Value {
    golden_file("keras_networks.json")
}

/// The worst relative error over every list of `keras` against `ours`,
/// relative to max(|keras|, floor).
fn worst(ours: &Value, keras: &Value, keys: &[&str], floor: f64) -> f64 {
    let mut w: f64 = 0.0;
    for key in keys {
        let (a, b) = (numbers(&ours[*key]), numbers(&keras[*key]));
        assert_eq!(a.len(), b.len(), "{key}");
        for (x, y) in a.iter().zip(&b) {
            w = w.max((x - y).abs() / y.abs().max(floor));
        }
    }
    w
}

/// A path's worst error as the note states it: each coordinate relative to
/// itself, each loss relative to the run's first loss. A loss near 0 is a
/// difference of nearly equal numbers ((ŷ − y)² with ŷ ≈ y), so its own
/// last digits are rounding in any program: backprop/tanh's J = 1.1e−8
/// differed from Keras's by 4e−12 of itself, 5e−20 of where it started.
fn worst_on_path(ours: &Value, keras: &Value) -> f64 {
    let path = worst(ours, keras, &["path"], 1e-8);
    let first = numbers(&keras["loss"]).first().map_or(1.0, |j| j.abs());
    path.max(worst(ours, keras, &["loss"], first.max(1e-8)))
}

#[test]
fn the_notes_digits_hold_on_every_golden_case_and_twelve_only_for_float32_values() {
    let g = golden();
    let mut seen = [0.0f64; 2]; // worst relative error: exact cases, rounded cases
    let mut counts = [0; 2];
    for case in g["networks"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let p = precision(case["spec"].as_object().unwrap()).unwrap();
        assert!(!p.path && !p.dropout, "{name}");
        let exact = case["exact"] == Value::Bool(true);
        assert_eq!(p.digits == EXACT_DIGITS, exact, "{name}: {:?}", p.rounded);
        let ours = train_json(&case["spec"].to_string()).unwrap().to_json()["history"].clone();
        let keras = &case["history"];
        let keys: Vec<&str> = keras
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        let err = worst(&ours, keras, &keys, 1e-30);
        assert!(
            err <= 10f64.powi(-(p.digits as i32)),
            "{name}: off by {err:e}, the note says {} digits",
            p.digits
        );
        let k = usize::from(!exact);
        seen[k] = seen[k].max(err);
        counts[k] += 1;
    }
    for case in g["landscapes"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let p = precision(case["spec"].as_object().unwrap()).unwrap();
        assert!(p.path, "{name}");
        let ours = keras_output(&case["spec"].to_string()).unwrap();
        let keras = &case["output"];
        let pairs = run_pairs(keras, &ours);
        let err = pairs
            .iter()
            .map(|(k, o)| worst_on_path(o, k))
            .fold(0.0, f64::max);
        assert!(
            err <= 10f64.powi(-(p.digits as i32)),
            "{name}: off by {err:e}"
        );
        let k = usize::from(p.digits != EXACT_DIGITS);
        seen[k] = seen[k].max(err);
        counts[k] += 1;
    }
    assert!(counts[0] >= 30 && counts[1] >= 5, "{counts:?}");
    println!(
        "float32-exact hyperparameters: {} cases, worst {:.1e} ({:.1} digits; the note says {EXACT_DIGITS})",
        counts[0], seen[0], -seen[0].log10()
    );
    println!(
        "Keras's defaults (float32-rounded): {} cases, worst {:.1e} ({:.1} digits; the note says {ROUNDED_DIGITS})",
        counts[1], seen[1], -seen[1].log10()
    );
}

#[test]
fn the_note_names_what_float32_rounds_and_says_when_dropout_leaves_the_masks_to_keras() {
    let note = |text: &str| {
        precision(
            serde_json::from_str::<Value>(text)
                .unwrap()
                .as_object()
                .unwrap(),
        )
        .unwrap()
    };
    let adam = note(
        r#"{"landscape": "bowl", "start": [1, 1], "steps": 10, "optimizer": {"name": "adam"}}"#,
    );
    assert_eq!(adam.digits, ROUNDED_DIGITS);
    let text = adam.note();
    assert!(
        text.contains("optimizer.learning_rate = 0.001 (float32 makes it 0.0010000000474974513)"),
        "{text}"
    );
    assert!(text.contains("about 6 significant digits"), "{text}");
    let exact = note(
        r#"{"landscape": "bowl", "start": [1, 1], "steps": 10,
        "optimizer": {"name": "adam", "learning_rate": 0.015625, "beta_1": 0.875, "beta_2": 0.9921875, "epsilon": 9.5367431640625e-07}}"#,
    );
    assert_eq!(exact.digits, EXACT_DIGITS);
    assert!(exact
        .note()
        .starts_with("Prints the same path as this figure to 12 digits, and each loss to 12 digits of the run's first loss"));
    // A schedule's parameters count, and a race's every racer.
    let schedule = note(
        r#"{"landscape": "bowl", "start": [1, 1], "steps": 10,
        "optimizer": {"name": "sgd", "learning_rate": 0.5},
        "schedule": {"name": "exponential_decay", "decay_steps": 10, "decay_rate": 0.9}}"#,
    );
    assert_eq!(
        schedule.rounded,
        vec![("schedule.decay_rate".to_string(), 0.9)]
    );
    let dropout = note(
        r#"{"dataset": {"name": "moons"}, "model": {"dropout": 0.25}, "optimizer": {"name": "sgd", "learning_rate": 0.5}}"#,
    );
    assert!(dropout
        .note()
        .starts_with("Same model and data, Keras's own dropout masks"));
}
