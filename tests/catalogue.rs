//! The catalogue the page reads instead of declaring its own lists: it has
//! the keys its doc promises, it lists every optimizer, schedule and data
//! set the engine accepts, and every limit it states is one the engine
//! enforces (the value at the limit is accepted, one beyond is refused).

use descent::catalogue::catalogue;
use descent::labs::race::Race;
use descent::landscape;
use descent::optim::{OptimizerConfig, NAMES, SCHEDULES};
use descent::render::colour::PALETTE;
use descent::train::dataset::Source;
use descent::train::TrainSpec;
use serde_json::{json, Value};

#[test]
fn the_catalogue_has_the_documented_keys() {
    let c = catalogue();
    let mut keys: Vec<_> = c.as_object().unwrap().keys().cloned().collect();
    keys.sort();
    assert_eq!(
        keys,
        [
            "activations",
            "datasets",
            "initializers",
            "landscapes",
            "lecture_learning_rates",
            "limits",
            "optimizers",
            "palette",
            "presets",
            "schedules"
        ]
    );
    let names = |key: &str| -> Vec<String> {
        c[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v["name"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(names("optimizers"), NAMES);
    assert_eq!(
        names("landscapes"),
        landscape::catalogue()
            .iter()
            .map(|l| l.name())
            .collect::<Vec<_>>()
    );
    assert_eq!(
        names("schedules"),
        SCHEDULES.iter().map(|s| s.name).collect::<Vec<_>>()
    );
    assert_eq!(c["activations"], json!(descent::nn::ACTIVATIONS));
    assert_eq!(c["initializers"][0], "glorot_uniform");
}

#[test]
fn each_optimizer_carries_its_rule_note_and_hyperparameters_with_symbols() {
    let c = catalogue();
    for o in c["optimizers"].as_array().unwrap() {
        let name = o["name"].as_str().unwrap();
        assert!(!o["note"].as_str().unwrap().is_empty(), "{name}");
        let rule = o["rule"].as_array().unwrap();
        assert!(!rule.is_empty(), "{name}");
        let defaults = OptimizerConfig::defaults(name).unwrap();
        assert_eq!(
            rule,
            &descent::optim::display_rule(&defaults)
                .into_iter()
                .map(Value::from)
                .collect::<Vec<_>>()
        );
        for h in o["hyperparameters"].as_array().unwrap() {
            for key in ["name", "symbol", "kind", "help"] {
                assert!(h[key].is_string(), "{name}.{}: {key}", h["name"]);
            }
        }
        let beta = o["hyperparameters"]
            .as_array()
            .unwrap()
            .iter()
            .find(|h| h["name"] == "beta_1");
        if let Some(beta) = beta {
            assert_eq!(beta["symbol"], "β₁");
        }
    }
}

#[test]
fn schedules_list_their_parameters_as_the_parser_reads_them() {
    let c = catalogue();
    let decay = c["schedules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "exponential_decay")
        .unwrap();
    let p = |name: &str| {
        decay["parameters"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["name"] == name)
            .unwrap()
            .clone()
    };
    assert_eq!(p("initial_learning_rate")["if_absent"], "learning_rate");
    assert_eq!(p("decay_steps")["if_absent"], "error");
    assert_eq!(p("decay_steps")["example"], 500.0);
    assert_eq!(p("staircase")["default"], false);
    assert_eq!(p("staircase")["kind"], "flag");
    let piecewise = &c["schedules"][2];
    assert_eq!(piecewise["parameters"][0]["kind"], "boundaries");
    assert!(piecewise["parameters"][0]["example"].is_array());
    let cosine = &c["schedules"][3];
    assert!(cosine["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["name"] == "warmup_target" && p["if_absent"] == "off"));
}

#[test]
fn the_palette_is_the_engines_and_has_a_colour_per_racer() {
    let c = catalogue();
    assert_eq!(c["palette"], json!(PALETTE));
    assert_eq!(c["palette"][0], "#E69F00");
    assert!(PALETTE.len() >= c["limits"]["max_racers"].as_u64().unwrap() as usize);
}

#[test]
fn data_sets_give_their_task_and_the_defaults_a_spec_gets() {
    let c = catalogue();
    for d in c["datasets"].as_array().unwrap() {
        let spec =
            json!({"dataset": {"name": d["name"]}, "optimizer": {"name": "sgd"}}).to_string();
        let spec = TrainSpec::from_json_text(&spec).unwrap();
        let Source::Named { samples, noise, .. } = &spec.dataset.source else {
            panic!("a named data set");
        };
        assert_eq!(*samples as u64, d["samples"].as_u64().unwrap());
        assert_eq!(*noise, d["noise"].as_f64().unwrap());
        let data = spec.dataset.generate();
        assert_eq!(format!("{:?}", data.task).to_lowercase(), d["task"]);
    }
}

/// Whether a train spec with `value` at `path` (in a small valid spec) is
/// accepted.
fn train_accepts(path: &[&str], value: Value) -> bool {
    let mut spec = json!({
        "dataset": {"name": "circles", "samples": 40},
        "model": {"hidden": [2]},
        "optimizer": {"name": "sgd"},
        "early_stopping": {"patience": 1},
        "epochs": 1,
    });
    // Early stopping watches val_loss, which a split of 0 does not have.
    if path == ["dataset", "validation_split"] && value == json!(0.0) {
        spec.as_object_mut().unwrap().remove("early_stopping");
    }
    let mut slot = &mut spec;
    for key in &path[..path.len() - 1] {
        slot = &mut slot[*key];
    }
    slot[path[path.len() - 1]] = value;
    TrainSpec::from_json_text(&spec.to_string()).is_ok()
}

#[test]
fn every_train_limit_is_the_one_the_spec_enforces() {
    let limits = &catalogue()["limits"];
    let cases: &[(&str, &[&str], f64)] = &[
        ("samples", &["dataset", "samples"], 1.0),
        ("noise", &["dataset", "noise"], 0.01),
        ("validation_split", &["dataset", "validation_split"], 0.01),
        ("units", &["model", "hidden", "0"], 1.0),
        ("l2", &["model", "l2"], 0.01),
        ("batch_size", &["batch_size"], 1.0),
        ("epochs", &["epochs"], 1.0),
        ("patience", &["early_stopping", "patience"], 1.0),
        ("seed", &["seed"], 1.0),
    ];
    for (name, path, step) in cases {
        let (min, max) = (
            limits[name]["min"].as_f64().unwrap(),
            limits[name]["max"].as_f64().unwrap(),
        );
        let path: Vec<&str> = path.to_vec();
        let at = |x: f64| {
            if path == ["model", "hidden", "0"] {
                train_accepts(&["model", "hidden"], json!([x]))
            } else {
                train_accepts(&path, json!(x))
            }
        };
        assert!(at(min) && at(max), "{name}: [{min}, {max}] accepted");
        assert!(!at(min - step) && !at(max + step), "{name}: beyond refused");
    }
    let dropout = &limits["dropout"];
    assert_eq!(dropout["max_excluded"], true);
    let max = dropout["max"].as_f64().unwrap();
    assert!(!train_accepts(&["model", "dropout"], json!(max)));
    assert!(train_accepts(&["model", "dropout"], json!(max - 0.01)));
    let layers = limits["hidden_layers"]["max"].as_u64().unwrap() as usize;
    assert!(train_accepts(&["model", "hidden"], json!(vec![1; layers])));
    assert!(!train_accepts(
        &["model", "hidden"],
        json!(vec![1; layers + 1])
    ));
    assert_eq!(limits["hidden_layers"]["min"], 0);
    assert!(train_accepts(&["model", "hidden"], json!([])));
    assert_eq!(limits["max_compared"], 4);
}

#[test]
fn the_race_and_lab_limits_are_the_ones_they_enforce() {
    let limits = &catalogue()["limits"];
    let max_racers = limits["max_racers"].as_u64().unwrap() as usize;
    assert_eq!(max_racers, 8);
    let mut race = Race::new(landscape::by_name("bowl").unwrap());
    for _ in 0..max_racers {
        race.add_racer(OptimizerConfig::defaults("sgd").unwrap())
            .unwrap();
    }
    assert!(race
        .add_racer(OptimizerConfig::defaults("sgd").unwrap())
        .is_err());
    let mut lab = descent::labs::learning_rate::LrLab::new(landscape::by_name("lecture").unwrap());
    let steps = limits["lab_max_steps"].as_u64().unwrap() as usize;
    assert!(lab.set_steps(steps).is_ok() && lab.set_steps(steps + 1).is_err());
    let [low, high] = descent::optim::LEARNING_RATE_RANGE;
    assert_eq!(limits["learning_rate"], json!({"min": low, "max": high}));
    assert_eq!((low, high), (1e-5, 10.0));
    assert!(limits["race_max_steps"].as_u64().unwrap() >= 1000);
    assert!(limits["sweep_max_rates"].as_u64().unwrap() >= 100);
}
