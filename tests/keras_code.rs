//! `keras_code` on any spec: it never panics, a bad spec gets the error
//! `train` or `simulate` would give it, and the largest run the UI allows
//! still makes a program under 1 MB.

use descent::keras::keras_code;
use descent::run::simulate::SimulateSpec;
use descent::train::shuffle::SplitMix64;
use descent::train::TrainSpec;
use serde_json::{json, Value};

fn train_base() -> Vec<Value> {
    vec![
        json!({"dataset": {"name": "moons", "samples": 40, "noise": 0.1, "validation_split": 0.25, "seed": 1},
               "model": {"hidden": [4, 3], "activation": "relu", "dropout": 0.1, "l2": 0.001},
               "optimizer": {"name": "adam", "learning_rate": 0.01, "clipnorm": 1},
               "batch_size": 8, "epochs": 3, "shuffle": true,
               "early_stopping": {"patience": 2, "min_delta": 0, "restore_best_weights": true},
               "seed": 2}),
        json!({"dataset": {"x": [[0.5, 1.0], [0.25, -1.0], [0.0, 0.5], [1.0, 1.0]], "y": [0, 1, 1, 0],
                           "classes": 2, "validation_split": 0.25},
               "model": {"hidden": [2], "initial_weights": [[[1, 2], [3, 4]], [0, 0], [[1], [-1]], [0]]},
               "optimizer": {"name": "sgd", "momentum": 0.5}, "batch_size": 2, "epochs": 2}),
        json!({"dataset": {"name": "sine", "samples": 30},
               "model": {"hidden": [], "initializer": "he_normal"},
               "optimizer": {"name": "rmsprop", "centered": true}, "epochs": 2, "shuffle": false}),
    ]
}

fn simulate_base() -> Vec<Value> {
    vec![
        json!({"landscape": "rosenbrock", "start": [-1.5, 2], "steps": 50,
               "optimizer": {"name": "nadam", "learning_rate": 0.05},
               "schedule": {"name": "exponential_decay", "decay_steps": 10, "decay_rate": 0.5},
               "seed": 3, "tolerances": {"gradient_norm": 1e-6}}),
        json!({"landscape": "ackley", "start": {"sigma": 1.5}, "steps": 20,
               "optimizer": {"name": "lion"}, "seed": 7}),
    ]
}

fn race_base() -> Value {
    json!({"landscape": "beale", "start": [1, 1.5], "steps": 30,
           "racers": [{"name": "sgd", "learning_rate": 0.001}, {"name": "adagrad"}],
           "learning_rate_changes": [[10, 0.01], [1, 5, 0.5]]})
}

/// Junk a mutation may put anywhere.
fn junk(g: &mut SplitMix64) -> Value {
    let choices = [
        json!(null),
        json!(-1),
        json!(0),
        json!(1e9),
        json!(0.5),
        json!(3),
        json!("x"),
        json!("adam"),
        json!([]),
        json!([1, 2, 3]),
        json!({}),
        json!(true),
        json!([[0.5, 1.0]]),
    ];
    choices[(g.next_u64() % choices.len() as u64) as usize].clone()
}

/// Every (parent, key) path into a spec's objects and lists.
fn paths(v: &Value, at: &mut Vec<Vec<String>>, here: Vec<String>) {
    let children: Vec<(String, &Value)> = match v {
        Value::Object(m) => m.iter().map(|(k, v)| (k.clone(), v)).collect(),
        Value::Array(a) => a
            .iter()
            .enumerate()
            .map(|(i, v)| (i.to_string(), v))
            .take(3)
            .collect(),
        _ => return,
    };
    for (k, child) in children {
        let mut p = here.clone();
        p.push(k);
        at.push(p.clone());
        paths(child, at, p);
    }
}

fn get_mut<'a>(v: &'a mut Value, path: &[String]) -> &'a mut Value {
    path.iter().fold(v, |v, k| match v {
        Value::Array(a) => &mut a[k.parse::<usize>().unwrap()],
        other => &mut other[k.as_str()],
    })
}

/// One to three of: replace a field with junk, drop it, or add an unknown one.
fn mutate(mut spec: Value, g: &mut SplitMix64) -> Value {
    for _ in 0..=g.next_u64() % 3 {
        let mut all = Vec::new();
        paths(&spec, &mut all, Vec::new());
        let path = all[(g.next_u64() % all.len() as u64) as usize].clone();
        let (parent, last) = path.split_at(path.len() - 1);
        let value = junk(g);
        match (g.next_u64() % 4, get_mut(&mut spec, parent)) {
            (0, Value::Object(m)) => {
                m.remove(&last[0]);
            }
            (1, Value::Object(m)) => {
                m.insert("typo".into(), value);
            }
            (_, target) => *get_mut(target, last) = value,
        }
    }
    spec
}

#[test]
fn a_seeded_fuzz_of_200_specs_never_panics_and_bad_ones_get_trains_or_simulates_error() {
    let mut g = SplitMix64::new(2024);
    let (mut bad, mut good) = (0, 0);
    for i in 0..200 {
        let (base, kind) = match i % 6 {
            0..=2 => (train_base()[i % 3].clone(), "train"),
            3 | 4 => (simulate_base()[i % 2].clone(), "simulate"),
            _ => (race_base(), "race"),
        };
        let spec = if i < 6 { base } else { mutate(base, &mut g) };
        let text = spec.to_string();
        let got = std::panic::catch_unwind(|| keras_code(&text))
            .unwrap_or_else(|_| panic!("keras_code panicked on {text}"));
        let expected = match kind {
            "train" => TrainSpec::from_json_text(&text).err(),
            "simulate" => SimulateSpec::from_json_text(&text).err(),
            _ => got.as_ref().err().cloned(),
        };
        match (&got, &expected) {
            (Ok(program), None) => {
                good += 1;
                assert!(program.contains("print(json.dumps("), "{text}");
                assert!(program.len() < 1_000_000);
            }
            (Err(e), Some(x)) => {
                bad += 1;
                assert_eq!(e.field, x.field, "{text}: {e} vs {x}");
                assert!(!e.field.is_empty() && !e.message.is_empty());
            }
            (got, expected) => panic!("{text}: keras_code gave {got:?}, the parser {expected:?}"),
        }
    }
    assert!(good >= 20 && bad >= 100, "{good} good, {bad} bad specs");
}

#[test]
fn race_and_rate_change_errors_name_the_field() {
    let cases = [
        (json!({"racers": []}), "racers"),
        (
            json!({"racers": [{"name": "adam", "beta_1": 2}]}),
            "racers[0].beta_1",
        ),
        (json!({"racers": vec![json!({"name": "sgd"}); 9]}), "racers"),
        (
            json!({"racers": [{"name": "sgd"}], "optimizer": {"name": "sgd"}}),
            "optimizer",
        ),
        (
            json!({"learning_rate_changes": [[10, 0]]}),
            "learning_rate_changes[0][1]",
        ),
        (
            json!({"learning_rate_changes": [[2, 10, 0.5]]}),
            "learning_rate_changes[0][0]",
        ),
        (
            json!({"learning_rate_changes": [[31, 0.5]]}),
            "learning_rate_changes[0][0]",
        ),
        (json!({"learning_rate_changes": 3}), "learning_rate_changes"),
    ];
    for (change, field) in cases {
        let mut spec = race_base();
        for (k, v) in change.as_object().unwrap() {
            spec[k] = v.clone();
        }
        let e = keras_code(&spec.to_string()).unwrap_err();
        assert_eq!(e.field, field, "{spec}: {e}");
    }
    // A simulate spec takes [step, rate] only, and no changes with a schedule.
    let mut spec = simulate_base()[1].clone();
    spec["learning_rate_changes"] = json!([[0, 1, 0.5]]);
    assert_eq!(
        keras_code(&spec.to_string()).unwrap_err().field,
        "learning_rate_changes[0]"
    );
    let mut spec = simulate_base()[0].clone();
    spec["learning_rate_changes"] = json!([[5, 0.5]]);
    assert_eq!(
        keras_code(&spec.to_string()).unwrap_err().field,
        "learning_rate_changes"
    );
    assert_eq!(keras_code("[1]").unwrap_err().field, "spec");
}

#[test]
fn the_largest_run_the_ui_allows_gives_a_program_under_a_megabyte() {
    let mut sizes = Vec::new();
    for (name, initializer) in [
        ("spiral", "glorot_uniform"),
        ("sine", "he_normal"),
        ("moons", "he_normal"),
    ] {
        let spec = json!({
            "dataset": {"name": name, "samples": 5000, "noise": 2, "validation_split": 0.9, "seed": 4294967295u32},
            "model": {"hidden": [64, 64, 64, 64, 64, 64], "activation": "relu", "dropout": 0.5, "l2": 10,
                      "initializer": initializer},
            "optimizer": {"name": "adamw", "clipnorm": 0.1, "learning_rate": 0.1234567891234567},
            "batch_size": 5000, "epochs": 100000,
            "early_stopping": {"patience": 10000, "min_delta": 0.5, "restore_best_weights": true},
            "seed": 4294967295u32
        });
        let program = keras_code(&spec.to_string()).unwrap();
        sizes.push(program.len());
    }
    // Inline data of 5000 rows of long numbers, regression.
    let mut g = SplitMix64::new(5);
    let mut u = || (g.next_u64() >> 11) as f64 / (1u64 << 53) as f64 * 2.0 - 1.0;
    let x: Vec<Value> = (0..5000).map(|_| json!([u() * 1e-3, u()])).collect();
    let y: Vec<f64> = (0..5000).map(|_| u() * 1e-5).collect();
    let spec = json!({"dataset": {"x": x, "y": y, "validation_split": 0.5},
                      "model": {"hidden": [64, 64, 64, 64, 64, 64]}, "optimizer": {"name": "sgd"}});
    sizes.push(keras_code(&spec.to_string()).unwrap().len());
    println!("program sizes: {sizes:?} bytes");
    assert!(sizes.iter().all(|s| *s < 1_000_000), "{sizes:?}");
}

#[test]
fn a_program_says_what_it_leaves_to_keras() {
    let spec = train_base()[0].to_string();
    let program = keras_code(&spec).unwrap();
    assert!(program.contains("exact except for the masks"));
    assert!(program.contains("keras.config.set_floatx(\"float64\")"));
    assert!(program.contains("with tf.GradientTape() as tape:"));
    assert!(program.contains("grads = tape.gradient(loss, model.trainable_variables)"));
    assert!(program.contains("optimizer.apply_gradients(zip(grads, model.trainable_variables))"));
    assert!(program.contains("keras.layers.Dropout(0.1)"));
    assert!(program.contains("EarlyStopping(monitor=\"val_loss\", patience=2"));
    let no_dropout = train_base()[1].to_string();
    assert!(!keras_code(&no_dropout).unwrap().contains("masks"));
}
