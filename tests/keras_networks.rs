//! Descent's `train` against real Keras 3, through the programs
//! `keras_code` exports.
//!
//! tests/golden/keras_networks.json comes from tools/keras_networks.py
//! (TF 2.21, Keras 3.15.1; see tools/README.md), which ran each exported
//! program in Keras and kept the history it printed. Here every entry of
//! every history must match `train` on the same spec, and every program's
//! inline data, weights and settings, read back out of the program and
//! run through `train`, must give `train`'s own history.
//!
//! Run with `cargo test --test keras_networks -- --nocapture` to see the
//! worst error per case family.

mod common;

use common::{floats, golden_file, run_pairs};
use descent::keras::{keras_code, keras_output};
use descent::landscape::catalogue;
use descent::train::train_json;
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

/// Hyperparameters float32 holds exactly: Keras and Descent then differ
/// only by rounding (the order TensorFlow sums a product in), which the
/// histories show at 1e-15; 1e-12 still catches any wrong rule, loss or
/// batch, which shows at 1e-3 or worse.
const EXACT: f64 = 1e-12;
/// Keras's own defaults, some of which Keras rounds through float32 (β
/// for βᵗ, L2's l2, Adagrad's initial accumulator): relative 6e-8 per
/// value, carried along the run (3e-7 seen).
const DEFAULTS: f64 = 1e-6;
/// Landscape paths: TensorFlow's autodiff against Descent's hand-written
/// gradients, equal to rounding, over 60 to 120 steps (6e-13 seen).
const PATHS: f64 = 1e-9;

fn golden() -> Value {
    golden_file("keras_networks.json")
}

/// The largest |a − b| / max(|b|, floor) over two lists.
fn worst(got: &[f64], expected: &[f64], floor: f64) -> f64 {
    assert_eq!(got.len(), expected.len(), "lengths differ");
    got.iter()
        .zip(expected)
        .map(|(a, b)| (a - b).abs() / b.abs().max(floor))
        .fold(0.0, f64::max)
}

#[test]
fn train_matches_keras_on_every_committed_history() {
    let g = golden();
    let cases = g["networks"].as_array().unwrap();
    assert!(
        cases.len() >= 30,
        "the golden file lists {} cases",
        cases.len()
    );
    let mut families: BTreeMap<String, f64> = BTreeMap::new();
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let tolerance = if case["exact"] == json!(true) {
            EXACT
        } else {
            DEFAULTS
        };
        let r = train_json(&case["spec"].to_string()).unwrap_or_else(|e| panic!("{name}: {e}"));
        let ours = r.to_json()["history"].clone();
        let keras = case["history"].as_object().unwrap();
        assert_eq!(
            ours.as_object().unwrap().keys().collect::<Vec<_>>(),
            keras.keys().collect::<Vec<_>>(),
            "{name}: history keys"
        );
        let mut case_worst: f64 = 0.0;
        for (key, expected) in keras {
            let err = worst(&floats(&ours[key]), &floats(expected), 1e-30);
            assert!(
                err <= tolerance,
                "{name}: {key} differs from Keras by {err:e} (relative), allowed {tolerance:e}"
            );
            case_worst = case_worst.max(err);
        }
        let family = case["family"].as_str().unwrap().to_string();
        let entry = families.entry(family).or_insert(0.0);
        *entry = entry.max(case_worst);
    }
    for (family, err) in &families {
        println!("{family:>16}: worst relative error {err:.2e}");
    }
}

#[test]
fn the_golden_cases_cover_what_the_issue_asks() {
    let g = golden();
    let specs: Vec<&Value> = g["networks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| &c["spec"])
        .collect();
    let any = |f: &dyn Fn(&Value) -> bool| specs.iter().any(|s| f(s));
    for activation in ["relu", "tanh", "sigmoid", "linear"] {
        assert!(
            any(&|s| s["model"]["activation"] == activation),
            "{activation}"
        );
    }
    for name in descent::optim::NAMES {
        assert!(any(&|s| s["optimizer"]["name"] == *name), "{name}");
    }
    assert!(any(&|s| s["batch_size"] == 1));
    assert!(
        any(&|s| s["batch_size"] == 7),
        "a batch size that leaves a short batch"
    );
    assert!(any(&|s| s["model"]["l2"].as_f64() > Some(0.0)));
    assert!(any(&|s| s["model"]["l2"].as_f64() == Some(0.0)));
    assert!(any(&|s| s["dataset"]["validation_split"] == 0));
    assert!(any(&|s| s["shuffle"] == false));
    assert!(any(&|s| s["shuffle"].is_null()));
    assert!(any(&|s| s["dataset"]["name"] == "sine"), "regression");
    assert!(any(&|s| s["dataset"].get("x").is_some()), "inline data");
    assert!(any(&|s| s.get("early_stopping").is_some()));
    // Every landscape's TensorFlow expression ran in Keras.
    for l in catalogue() {
        assert!(
            g["landscapes"]
                .as_array()
                .unwrap()
                .iter()
                .any(|c| c["spec"]["landscape"] == l.name()),
            "{}",
            l.name()
        );
    }
}

#[test]
fn landscape_runs_match_keras() {
    let g = golden();
    let mut worst_seen: f64 = 0.0;
    for case in g["landscapes"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let ours = keras_output(&case["spec"].to_string()).unwrap();
        let keras = &case["output"];
        let runs = run_pairs(keras, &ours);
        for (k, o) in runs {
            assert_eq!(k["status"], o["status"], "{name}");
            for key in ["path", "loss"] {
                let err = worst(&floats(&o[key]), &floats(&k[key]), 1e-8);
                assert!(err <= PATHS, "{name}: {key} off by {err:e}");
                worst_seen = worst_seen.max(err);
            }
        }
    }
    println!("landscape runs: worst relative error {worst_seen:.2e}");
}

/// The text between `prefix` and `suffix` on the program's line that
/// starts with `prefix`.
fn line<'a>(program: &'a str, prefix: &str, suffix: &str) -> Option<&'a str> {
    program
        .lines()
        .find_map(|l| l.strip_prefix(prefix))
        .map(|rest| rest.strip_suffix(suffix).unwrap_or(rest))
}

fn literal(text: &str) -> Value {
    match text {
        "True" => json!(true),
        "False" => json!(false),
        t => t.parse::<f64>().map_or_else(|_| json!(t), |x| json!(x)),
    }
}

/// `name(a=1.0, b=True)`'s arguments.
fn arguments(call: &str) -> Map<String, Value> {
    let inner = &call[call.find('(').unwrap() + 1..call.rfind(')').unwrap()];
    inner
        .split(", ")
        .filter_map(|a| a.split_once('='))
        .map(|(k, v)| (k.to_string(), literal(v.trim_matches('"'))))
        .collect()
}

/// A `train` spec rebuilt from nothing but a program's text: its inline
/// data and split, layers, weights, optimizer, batch size, epochs, batch
/// order and early stopping. `seed` is the original's, for the dropout
/// masks, which the program leaves to Keras.
fn spec_from_program(program: &str, seed: &Value) -> Value {
    let x: Value = serde_json::from_str(line(program, "x = np.array(", ")").unwrap()).unwrap();
    let y: Value =
        serde_json::from_str(line(program, "y = np.array(", ").reshape(-1, 1)").unwrap()).unwrap();
    let n = x.as_array().unwrap().len() as f64;
    let split: f64 = line(program, "split = ", "").unwrap().parse().unwrap();
    // Any split in (N − split − 1, N − split] of N rows lands there.
    let validation_split = if split == n {
        0.0
    } else {
        (n - split - 0.5) / n
    };
    let dense: Vec<&str> = program
        .lines()
        .filter(|l| l.starts_with("    keras.layers.Dense("))
        .collect();
    let (output, hidden) = dense.split_last().unwrap();
    let units: Vec<u64> = hidden
        .iter()
        .map(|l| l[23..].split([',', ')']).next().unwrap().parse().unwrap())
        .collect();
    let activation = hidden
        .first()
        .map_or("tanh", |l| l.split('"').nth(1).unwrap());
    let mut dataset = json!({"x": x, "y": y, "validation_split": validation_split});
    if output.contains("sigmoid") {
        dataset["classes"] = json!(2);
    }
    let weights_start = program
        .find("model.set_weights([np.array(w) for w in [\n")
        .unwrap();
    let weights: Vec<Value> = program[weights_start..]
        .lines()
        .skip(1)
        .take_while(|l| *l != "]])")
        .map(|l| serde_json::from_str(l.trim().split(",  #").next().unwrap()).unwrap())
        .collect();
    let dropout =
        line(program, "    keras.layers.Dropout(", "),").map_or(0.0, |d| d.parse().unwrap());
    let l2 = line(
        program,
        "l2 = keras.regularizers.L2(",
        ")  # l2·Σw² on each kernel",
    )
    .map_or(0.0, |v| v.parse().unwrap());
    let optimizer_line = line(program, "optimizer = keras.optimizers.", "").unwrap();
    let mut optimizer = arguments(optimizer_line);
    let class = optimizer_line
        .split('(')
        .next()
        .unwrap()
        .to_ascii_lowercase();
    optimizer.insert("name".into(), json!(class));
    let (batch_size, epochs) = line(program, "batch_size, epochs = ", "")
        .unwrap()
        .split_once(", ")
        .unwrap();
    let shuffle_seed = line(program, "order = SplitMix64(seed=", ")");
    let mut spec = json!({
        "dataset": dataset,
        "model": {"hidden": units, "activation": activation, "dropout": dropout, "l2": l2,
                  "initial_weights": weights},
        "optimizer": optimizer,
        "batch_size": batch_size.parse::<u64>().unwrap(),
        "epochs": epochs.parse::<u64>().unwrap(),
        "shuffle": shuffle_seed.is_some(),
        "seed": shuffle_seed.map_or(seed.as_u64().unwrap_or(0), |s| s.parse().unwrap()),
    });
    if let Some(es) = line(
        program,
        "early_stopping = keras.callbacks.EarlyStopping(",
        "",
    ) {
        let mut args = arguments(&format!("({es}"));
        args.remove("monitor");
        spec["early_stopping"] = Value::Object(args);
    }
    spec
}

/// Specs beyond the golden ones: dropout, he_normal, a deep network, a
/// spec with its own initial weights.
fn more_specs() -> Vec<Value> {
    vec![
        json!({"dataset": {"name": "spiral", "samples": 90, "validation_split": 0.3, "seed": 2},
               "model": {"hidden": [8, 8], "activation": "relu", "dropout": 0.25, "l2": 0.01,
                         "initializer": "he_normal"},
               "optimizer": {"name": "adam", "learning_rate": 0.01},
               "batch_size": 8, "epochs": 6, "seed": 11,
               "early_stopping": {"patience": 2, "restore_best_weights": true}}),
        json!({"dataset": {"name": "polynomial", "samples": 25, "validation_split": 0.9, "seed": 3},
               "model": {"hidden": [5, 4, 3, 2], "activation": "sigmoid", "dropout": 0.5},
               "optimizer": {"name": "nadam", "clipnorm": 0.5},
               "batch_size": 2, "epochs": 4, "shuffle": false, "seed": 12}),
        json!({"dataset": {"x": [[0.5], [-0.25], [1.0], [0.0]], "y": [[1.0], [0.5], [2.0], [0.25]]},
               "model": {"hidden": [], "initial_weights": [[[2.0]], [0.125]]},
               "optimizer": {"name": "sgd", "momentum": 0.5},
               "batch_size": 3, "epochs": 5}),
    ]
}

#[test]
fn every_exported_program_run_back_through_train_gives_the_same_history() {
    let g = golden();
    let mut specs: Vec<Value> = g["networks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["spec"].clone())
        .collect();
    specs.extend(more_specs());
    for spec in specs {
        let text = spec.to_string();
        let program = keras_code(&text).unwrap();
        let rebuilt = spec_from_program(&program, &spec["seed"]);
        let original = train_json(&text).unwrap();
        let again = train_json(&rebuilt.to_string())
            .unwrap_or_else(|e| panic!("{e}\nrebuilt from the program of {text}"));
        assert_eq!(again.history, original.history, "{text}");
        assert_eq!(again.initial_weights, original.initial_weights, "{text}");
        assert_eq!(again.weights, original.weights, "{text}");
    }
}
