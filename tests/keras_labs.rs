//! Each lab's `keras_spec` describes exactly the run its figure shows:
//! what Descent computes for the spec (`keras_output`, the numbers the
//! Keras program prints) is the lab's own path, bit for bit; and the
//! largest run each lab allows still makes a program under 1 MB.

use descent::catalogue::catalogue;
use descent::keras::{keras_code, keras_output};
use descent::labs::backprop::{activation, BackpropLab, MAX_PATH_STEPS};
use descent::labs::learning_rate::LrLab;
use descent::labs::minibatch::{MiniBatchLab, MAX_SAMPLES};
use descent::labs::race::{Race, MAX_RACERS, MAX_STEPS};
use descent::landscape::by_name;
use descent::optim::{OptimizerConfig, Schedule};
use descent::train::{train_json, Comparison, TrainSpec};

mod common;
use common::floats as numbers;
use serde_json::{json, Value};

fn config(v: Value) -> OptimizerConfig {
    OptimizerConfig::from_json(v.as_object().unwrap(), "optimizer").unwrap()
}

#[test]
fn a_race_spec_replays_every_racer_with_its_mid_run_rate_changes() {
    let mut race = Race::new(by_name("rosenbrock").unwrap());
    race.set_start([-1.5, 2.0]).unwrap();
    race.add_racer(config(json!({"name": "adam", "learning_rate": 0.05})))
        .unwrap();
    race.add_racer(config(
        json!({"name": "sgd", "learning_rate": 0.001, "momentum": 0.9}),
    ))
    .unwrap();
    race.add_racer(config(json!({"name": "rmsprop", "clipnorm": 0.5})))
        .unwrap();
    race.advance(40);
    race.set_learning_rate(0, 0.01).unwrap();
    race.advance(25);
    race.set_learning_rate(1, 0.0005).unwrap();
    race.set_learning_rate(0, 0.02).unwrap();
    race.advance(35);
    let spec = race.keras_spec();
    assert_eq!(spec["steps"], 100);
    assert_eq!(
        spec["racers"][0]["learning_rate"], 0.05,
        "the starting rate"
    );
    assert_eq!(
        spec["learning_rate_changes"],
        json!([[0, 40, 0.01], [0, 65, 0.02], [1, 65, 0.0005]])
    );
    let out = keras_output(&spec.to_string()).unwrap();
    for (i, t) in race.racers().iter().enumerate() {
        let run = &out["racers"][i];
        assert_eq!(numbers(&run["path"]), t.path(), "racer {i}'s path");
        assert_eq!(numbers(&run["loss"]), t.loss(), "racer {i}'s losses");
    }
    let program = keras_code(&spec.to_string()).unwrap();
    assert!(program.contains("keras.optimizers.Adam(learning_rate=0.05)"));
    assert!(program.contains("{40: 0.01, 65: 0.02}"), "{program}");
    assert!(program.contains("w = tf.Variable([-1.5, 2.0]"));
}

#[test]
fn a_race_not_yet_started_exports_its_whole_budget() {
    let mut race = Race::new(by_name("ellipse").unwrap());
    race.add_racer(config(json!({"name": "sgd", "learning_rate": 0.07})))
        .unwrap();
    let spec = race.keras_spec();
    assert_eq!(spec["steps"], MAX_STEPS as u64);
    // The figure, played to its end, ends as the spec's run ends.
    let out = keras_output(&spec.to_string()).unwrap();
    while !race.all_finished() {
        race.advance(1000);
    }
    assert_eq!(numbers(&out["racers"][0]["path"]), race.racers()[0].path());
    assert_eq!(out["racers"][0]["status"], "converged");
}

#[test]
fn the_learning_rate_labs_spec_replays_its_four_panels_with_the_schedule() {
    let mut lab = LrLab::new(by_name("lecture").unwrap());
    lab.set_optimizer(config(json!({"name": "sgd", "momentum": 0.5})));
    let schedule = json!({"name": "exponential_decay", "initial_learning_rate": 1.0,
                          "decay_steps": 50, "decay_rate": 0.5});
    lab.set_schedule(Some(
        Schedule::from_json(schedule.as_object().unwrap(), "schedule", 1.0).unwrap(),
    ));
    lab.set_steps(400).unwrap();
    lab.set_learning_rate(3, 0.3).unwrap();
    while !lab.all_finished() {
        lab.advance(100);
    }
    let spec = lab.keras_spec();
    let out = keras_output(&spec.to_string()).unwrap();
    for i in 0..4 {
        let panel = lab.panel(i).unwrap();
        assert_eq!(
            numbers(&out["racers"][i]["path"]),
            panel.path(),
            "panel {i}"
        );
    }
    let program = keras_code(&spec.to_string()).unwrap();
    assert!(
        program.contains("ExponentialDecay(initial_learning_rate=0.3, decay_steps=50"),
        "each racer's schedule starts at its rate: {program}"
    );
}

#[test]
fn the_backprop_spec_replays_the_labs_path_at_each_steps_rate() {
    let mut lab = BackpropLab::new(1.5, 0.5, activation("tanh").unwrap(), [0.5, -1.0]).unwrap();
    let before = lab.keras_spec(0.1).unwrap();
    assert_eq!(before["steps"], MAX_PATH_STEPS as u64);
    assert_eq!(before["learning_rate"], 0.1);
    for _ in 0..20 {
        assert!(lab.step(0.1).unwrap());
    }
    for _ in 0..15 {
        assert!(lab.step(0.25).unwrap());
    }
    let spec = lab.keras_spec(2.0).unwrap();
    assert_eq!(spec["steps"], 35);
    assert_eq!(spec["learning_rate_changes"], json!([[20, 0.25]]));
    let out = keras_output(&spec.to_string()).unwrap();
    assert_eq!(numbers(&out["path"]), lab.path());
    assert_eq!(numbers(&out["loss"]), lab.trajectory().loss());
    let program = keras_code(&spec.to_string()).unwrap();
    assert!(program.contains("keras.layers.Dense(1, activation=\"tanh\", use_bias=False)"));
    assert!(program.contains("model.set_weights([np.array([[0.5]]), np.array([[-1.0]])])"));
    assert!(program.contains("learning_rate_changes = {20: 0.25}"));
    // Bad backprop specs name their field.
    for (change, field) in [
        (
            json!({"backprop": {"x": 9, "y": 0, "activation": "tanh"}}),
            "backprop.x",
        ),
        (
            json!({"backprop": {"x": 1, "y": 0, "activation": "elu"}}),
            "backprop.activation",
        ),
        (json!({"start": [0, 11]}), "start[1]"),
        (json!({"learning_rate": 11}), "learning_rate"),
        (
            json!({"learning_rate_changes": [[3, 20]]}),
            "learning_rate_changes[0][1]",
        ),
        (json!({"steps": MAX_PATH_STEPS + 1}), "steps"),
    ] {
        let mut bad = spec.clone();
        for (k, v) in change.as_object().unwrap() {
            bad[k] = v.clone();
        }
        assert_eq!(
            keras_code(&bad.to_string()).unwrap_err().field,
            field,
            "{bad}"
        );
    }
}

#[test]
fn the_mini_batch_labs_runs_are_train_specs_that_end_where_the_runs_are() {
    let mut lab = MiniBatchLab::new(60, 0.5, 8, 0.1, 7).unwrap();
    // Whole epochs of every run: B = 60 (1 step), B = 1 (60), B = 8 (8).
    lab.advance(480);
    let specs = lab.keras_specs();
    assert_eq!(specs.len(), 3);
    for (spec, run) in specs.iter().zip(lab.runs()) {
        let epochs = spec["epochs"].as_u64().unwrap() as usize;
        assert_eq!(epochs * run.batches_per_epoch(), run.steps(), "{spec}");
        let r = train_json(&spec.to_string()).unwrap();
        let w = &r.weights[0];
        let (w1, w0) = (w.kernel[0][0], w.bias[0]);
        let [p0, p1] = run.point();
        for (got, want) in [(w0, p0), (w1, p1)] {
            assert!(
                (got - want).abs() <= 1e-12 * want.abs().max(1.0),
                "B = {}: train ends at {got}, the lab at {want}",
                run.batch_size
            );
        }
        assert!(keras_code(&spec.to_string())
            .unwrap()
            .contains("order = SplitMix64(seed="));
    }
}

#[test]
fn a_comparisons_spec_carries_the_chosen_runs_optimizer() {
    let base = json!({"dataset": {"name": "moons", "samples": 40}, "model": {"hidden": [3]},
                      "optimizer": {"name": "adam"}, "epochs": 2, "seed": 3});
    let map = base.as_object().unwrap();
    let spec = TrainSpec::from_json(map).unwrap();
    let compare = vec![
        config(json!({"name": "sgd", "learning_rate": 0.5})),
        config(json!({"name": "rmsprop"})),
    ];
    let c = Comparison::new(&spec, compare).unwrap();
    let second = c.keras_spec(map, 1).unwrap();
    assert_eq!(second["optimizer"]["name"], "rmsprop");
    assert_eq!(second["dataset"], base["dataset"]);
    assert_eq!(c.keras_spec(map, 2).unwrap_err().field, "run");
}

#[test]
fn the_largest_runs_the_labs_allow_give_programs_under_a_megabyte() {
    let limits = &catalogue()["limits"];
    assert_eq!(limits["max_racers"], MAX_RACERS as u64);
    // Eight racers on the longest path, each with every hyperparameter and
    // option set to a long number, and the most rate changes a spec takes.
    let long = 0.123_456_789_012_345_67;
    let racer = json!({"name": "adamw", "learning_rate": long, "beta_1": long, "beta_2": long,
                       "epsilon": long, "weight_decay": long, "clipnorm": long, "amsgrad": true});
    let changes: Vec<Value> = (0..10_000)
        .map(|k| json!([k % MAX_RACERS, k * 10 % MAX_STEPS, long + k as f64]))
        .collect();
    let race = json!({"landscape": "six_hump_camel", "start": [-1.234_567_890_123_456_7, long],
                      "steps": MAX_STEPS, "racers": vec![racer; MAX_RACERS],
                      "learning_rate_changes": changes});
    let race_size = keras_code(&race.to_string()).unwrap().len();
    // The mini-batch lab at its most samples, its B = 1 run at the end.
    let mut lab = MiniBatchLab::new(MAX_SAMPLES, 2.0, 1, 0.01, u32::MAX as u64).unwrap();
    lab.advance(descent::labs::minibatch::MAX_LAB_STEPS);
    let lab_size = lab
        .keras_specs()
        .iter()
        .map(|s| keras_code(&s.to_string()).unwrap().len())
        .max()
        .unwrap();
    // The backprop lab's longest path, a new rate at every step.
    let mut bp = BackpropLab::new(1.5, 0.5, activation("sigmoid").unwrap(), [0.5, -1.0]).unwrap();
    for k in 0..MAX_PATH_STEPS {
        if !bp.step(1e-4 + (k % 7) as f64 * 1e-5).unwrap() {
            break;
        }
    }
    let bp_size = keras_code(&bp.keras_spec(0.1).unwrap().to_string())
        .unwrap()
        .len();
    println!("programs: race {race_size} B, mini-batch {lab_size} B, backprop {bp_size} B");
    for size in [race_size, lab_size, bp_size] {
        assert!(size < 1_000_000, "{size} bytes");
    }
}
