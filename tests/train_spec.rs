//! The parts of a `train` spec that follow Keras's `fit`: inline data,
//! the validation split, `shuffle`, and `model.initial_weights`.

use descent::train::{train_json, TrainSpec, Trainer};
use serde_json::{json, Value};

/// Ten inline samples on a line, labelled by side.
fn inline_spec() -> Value {
    let x: Vec<Value> = (0..10)
        .map(|i| json!([i as f64 / 10.0 - 0.45, 0.25]))
        .collect();
    let y: Vec<f64> = (0..10).map(|i| (i >= 5) as u8 as f64).collect();
    json!({
        "dataset": {"x": x, "y": y, "classes": 2, "validation_split": 0.2},
        "model": {"hidden": [3], "activation": "tanh"},
        "optimizer": {"name": "sgd", "learning_rate": 0.5},
        "batch_size": 3,
        "epochs": 5,
        "seed": 4
    })
}

fn trainer(spec: &Value) -> Trainer {
    Trainer::new(&TrainSpec::from_json_text(&spec.to_string()).unwrap())
}

fn error_field(spec: &Value) -> String {
    train_json(&spec.to_string()).unwrap_err().field
}

#[test]
fn inline_rows_keep_their_order_and_the_last_fifth_validates() {
    let t = trainer(&inline_spec());
    let data = t.data();
    // ⌊10 × (1 − 0.2)⌋ = 8 training rows, the last 2 validate.
    assert_eq!(data.train_x.len(), 8);
    assert_eq!(data.val_x, [[0.8 - 0.45, 0.25], [0.9 - 0.45, 0.25]]);
    assert_eq!(data.train_x[0], [-0.45, 0.25]);
    assert_eq!(data.inputs, 2);
    let r = train_json(&inline_spec().to_string()).unwrap();
    assert_eq!(r.history.val_accuracy.len(), 5);
}

#[test]
fn named_sets_split_where_keras_splits() {
    // ⌊101 × 0.8⌋ = ⌊80.8⌋ = 80, as fit(validation_split=0.2) splits
    // (N − round(N·0.2) would train on 81).
    let spec = json!({"dataset": {"name": "moons", "samples": 101, "validation_split": 0.2},
                      "optimizer": {"name": "sgd"}});
    let t = trainer(&spec);
    assert_eq!((t.data().train_x.len(), t.data().val_x.len()), (80, 21));
}

#[test]
fn no_validation_split_means_no_val_loss_and_early_stopping_refuses() {
    let mut spec = inline_spec();
    spec["dataset"]["validation_split"] = json!(0);
    let r = train_json(&spec.to_string()).unwrap();
    assert_eq!(r.history.loss.len(), 5);
    assert_eq!(r.history.accuracy.len(), 5);
    assert!(r.history.val_loss.is_empty() && r.history.val_accuracy.is_empty());
    assert_eq!(r.best_epoch, None);
    let out = r.to_json();
    assert_eq!(out["history"]["val_loss"], json!([]));
    spec["early_stopping"] = json!({"patience": 2});
    assert_eq!(error_field(&spec), "early_stopping");
    // Inline data defaults to Keras's 0.
    spec["dataset"]
        .as_object_mut()
        .unwrap()
        .remove("validation_split");
    assert_eq!(error_field(&spec), "early_stopping");
}

#[test]
fn the_result_gives_the_weights_in_get_weights_order_and_they_train_again() {
    let r = train_json(&inline_spec().to_string()).unwrap();
    let out = r.to_json();
    let initial = &out["initial_weights"];
    // Dense(3) on 2 inputs, then Dense(1): [2][3], [3], [3][1], [1].
    assert_eq!(initial.as_array().unwrap().len(), 4);
    assert_eq!(initial[0].as_array().unwrap().len(), 2);
    assert_eq!(initial[0][0].as_array().unwrap().len(), 3);
    assert_eq!(initial[1], json!([0.0, 0.0, 0.0]), "biases start at 0");
    assert_eq!(initial[2].as_array().unwrap().len(), 3);
    assert_ne!(out["weights"], *initial, "training moved them");
    // The same weights under another seed, with the batches in order,
    // give the same run twice; shuffled, the seed changes the batches.
    let mut spec = inline_spec();
    spec["model"]["initial_weights"] = initial.clone();
    spec["shuffle"] = json!(false);
    let ordered: Vec<_> = [1, 2]
        .iter()
        .map(|seed| {
            spec["seed"] = json!(seed);
            train_json(&spec.to_string()).unwrap()
        })
        .collect();
    assert_eq!(ordered[0].history, ordered[1].history);
    assert_eq!(ordered[0].to_json()["initial_weights"], *initial);
    spec["shuffle"] = json!(true);
    let shuffled: Vec<_> = [1, 2]
        .iter()
        .map(|seed| {
            spec["seed"] = json!(seed);
            train_json(&spec.to_string()).unwrap().history
        })
        .collect();
    assert_ne!(shuffled[0], shuffled[1]);
    assert_ne!(shuffled[0], ordered[0].history);
}

#[test]
fn the_original_seed_with_its_drawn_weights_given_back_is_the_same_run() {
    let r = train_json(&inline_spec().to_string()).unwrap();
    let mut spec = inline_spec();
    spec["model"]["initial_weights"] = r.to_json()["initial_weights"].clone();
    assert_eq!(train_json(&spec.to_string()).unwrap(), r);
}

#[test]
fn bad_inline_data_and_weights_name_the_field() {
    type Change = Box<dyn Fn(&mut Value)>;
    let cases: Vec<(Change, &str)> = vec![
        (Box::new(|s| s["dataset"]["y"] = json!([0, 1])), "dataset.y"),
        (
            Box::new(|s| s["dataset"]["classes"] = json!(3)),
            "dataset.classes",
        ),
        (
            Box::new(|s| s["dataset"]["y"][4] = json!(0.5)),
            "dataset.y[4]",
        ),
        (
            Box::new(|s| s["dataset"]["x"][1] = json!([0.5])),
            "dataset.x[1]",
        ),
        (
            Box::new(|s| s["dataset"]["x"][2][1] = json!("a")),
            "dataset.x[2][1]",
        ),
        (Box::new(|s| s["dataset"]["x"] = json!([])), "dataset.x"),
        (
            Box::new(|s| {
                s["dataset"].as_object_mut().unwrap().remove("y");
            }),
            "dataset.y",
        ),
        (
            Box::new(|s| s["dataset"]["name"] = json!("moons")),
            "dataset.name",
        ),
        (
            Box::new(|s| s["dataset"]["validation_split"] = json!(0.95)),
            "dataset.validation_split",
        ),
        (Box::new(|s| s["shuffle"] = json!(1)), "shuffle"),
        (
            Box::new(|s| s["model"]["initial_weights"] = json!([[[1, 2, 3]], [0, 0, 0]])),
            "model.initial_weights",
        ),
        (
            Box::new(|s| {
                s["model"]["initial_weights"] =
                    json!([[[1, 2, 3], [1, 2, 3]], [0, 0, 0], [[1], [2]], [0]])
            }),
            "model.initial_weights[2]",
        ),
        (
            Box::new(|s| {
                s["model"]["initial_weights"] =
                    json!([[[1, 2, 3], [1, 2, 3]], [0, 0], [[1], [2], [3]], [0]])
            }),
            "model.initial_weights[1]",
        ),
    ];
    for (change, field) in cases {
        let mut spec = inline_spec();
        change(&mut spec);
        assert_eq!(error_field(&spec), field, "{spec}");
    }
}

#[test]
fn regression_rows_of_one_input_fit_a_line() {
    let x: Vec<Value> = (0..20).map(|i| json!([i as f64 / 20.0])).collect();
    let y: Vec<Value> = (0..20)
        .map(|i| json!([0.5 * i as f64 / 20.0 + 0.25]))
        .collect();
    let spec = json!({
        "dataset": {"x": x, "y": y},
        "model": {"hidden": []},
        "optimizer": {"name": "sgd", "learning_rate": 0.5},
        "batch_size": 20, "epochs": 400, "shuffle": false
    });
    let r = train_json(&spec.to_string()).unwrap();
    assert!(r.history.accuracy.is_empty());
    assert!(
        *r.history.loss.last().unwrap() < 1e-6,
        "{:?}",
        r.history.loss.last()
    );
    let w = r.to_json()["weights"].clone();
    assert!((w[0][0][0].as_f64().unwrap() - 0.5).abs() < 1e-2, "{w}");
    assert!((w[1][0].as_f64().unwrap() - 0.25).abs() < 1e-2, "{w}");
}
