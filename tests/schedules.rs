//! Learning-rate schedules: each one by hand at the steps where Keras's
//! definition matters, bad specs naming their field, and every schedule's
//! parameter table agreeing with what the parser accepts.

use descent::optim::{ParameterDefault, ParameterKind, Schedule, SCHEDULES};
use descent::spec::SpecError;
use serde_json::{json, Map, Value};

fn parse(v: Value) -> Result<Schedule, SpecError> {
    Schedule::from_json(v.as_object().unwrap(), "schedule", 0.5)
}

#[test]
fn exponential_decay_by_hand() {
    let s = parse(json!({"name": "exponential_decay", "initial_learning_rate": 1.0, "decay_steps": 10, "decay_rate": 0.5})).unwrap();
    assert_eq!(s.learning_rate(0), 1.0);
    assert_eq!(s.learning_rate(10), 0.5);
    assert_eq!(s.learning_rate(20), 0.25);
    assert!((s.learning_rate(5) - 0.5f64.sqrt()).abs() < 1e-15);
    let s = parse(json!({"name": "exponential_decay", "initial_learning_rate": 1.0, "decay_steps": 10, "decay_rate": 0.5, "staircase": true})).unwrap();
    assert_eq!(s.learning_rate(9), 1.0);
    assert_eq!(s.learning_rate(10), 0.5);
}

#[test]
fn piecewise_constant_uses_keras_boundaries() {
    // Keras: step <= b0 → v0; b0 < step <= b1 → v1; beyond → last.
    let s = parse(
        json!({"name": "piecewise_constant", "boundaries": [10, 20], "values": [1.0, 0.5, 0.25]}),
    )
    .unwrap();
    assert_eq!(s.learning_rate(10), 1.0);
    assert_eq!(s.learning_rate(11), 0.5);
    assert_eq!(s.learning_rate(20), 0.5);
    assert_eq!(s.learning_rate(21), 0.25);
}

#[test]
fn cosine_decay_with_warmup_by_hand() {
    let s = parse(json!({"name": "cosine_decay", "initial_learning_rate": 0.0625, "decay_steps": 100, "alpha": 0.25, "warmup_target": 1.0, "warmup_steps": 10})).unwrap();
    assert_eq!(s.learning_rate(0), 0.0625);
    assert!((s.learning_rate(5) - (0.0625 + 0.5 * (1.0 - 0.0625))).abs() < 1e-15);
    assert_eq!(s.learning_rate(10), 1.0);
    assert!((s.learning_rate(60) - (0.75 * 0.5 + 0.25)).abs() < 1e-15);
    assert!((s.learning_rate(110) - 0.25).abs() < 1e-15);
    assert!((s.learning_rate(1000) - 0.25).abs() < 1e-15);
    let plain = parse(json!({"name": "cosine_decay", "decay_steps": 100})).unwrap();
    assert_eq!(
        plain.learning_rate(0),
        0.5,
        "initial rate defaults to the optimizer's"
    );
    assert!(plain.learning_rate(100).abs() < 1e-15);
}

#[test]
fn bad_schedules_name_the_field() {
    assert_eq!(
        parse(json!({"name": "cyclic"})).unwrap_err().field,
        "schedule.name"
    );
    assert_eq!(
        parse(json!({"name": "exponential_decay", "decay_rate": 0.5}))
            .unwrap_err()
            .field,
        "schedule.decay_steps"
    );
    assert_eq!(
        parse(json!({"name": "piecewise_constant", "boundaries": [1], "values": [1]}))
            .unwrap_err()
            .field,
        "schedule.values"
    );
    assert_eq!(
        parse(json!({"name": "cosine_decay", "decay_steps": 10, "alpha": 2}))
            .unwrap_err()
            .field,
        "schedule.alpha"
    );
}

#[test]
fn moving_the_slider_keeps_the_shape() {
    let mut s =
        parse(json!({"name": "piecewise_constant", "boundaries": [10], "values": [1.0, 0.25]}))
            .unwrap();
    s.set_initial_learning_rate(2.0);
    assert_eq!(s.learning_rate(0), 2.0);
    assert_eq!(s.learning_rate(11), 0.5);
}

/// A spec of schedule `name` built from its table alone: each parameter
/// at its example, where it has one (the UI's form starts the same way).
fn from_table(name: &str) -> Map<String, Value> {
    let definition = SCHEDULES.iter().find(|d| d.name == name).unwrap();
    let mut map = Map::new();
    map.insert("name".into(), json!(name));
    for p in definition.parameters {
        match p.example {
            [] => {}
            [x] => {
                map.insert(p.name.into(), json!(x));
            }
            list => {
                map.insert(p.name.into(), json!(list));
            }
        }
    }
    map
}

#[test]
fn every_schedule_parses_from_its_table_and_only_its_table() {
    assert!(SCHEDULES.len() >= 4);
    for d in SCHEDULES {
        assert!(!d.note.is_empty() && !d.note.contains('\n'), "{}", d.name);
        let map = from_table(d.name);
        let s = Schedule::from_json(&map, "schedule", 0.5)
            .unwrap_or_else(|e| panic!("{}'s table makes a bad spec: {e}", d.name));
        assert!(s.learning_rate(0) > 0.0 && s.learning_rate(10_000).is_finite());
        for p in d.parameters {
            assert!(!p.help.is_empty(), "{}.{} has no help", d.name, p.name);
            // A required parameter has an example for the form; a flag has a
            // flag's default; a list kind has a list example.
            match (p.kind, p.default) {
                (_, ParameterDefault::Required) => assert!(!p.example.is_empty()),
                (ParameterKind::Flag, ParameterDefault::Flag(_)) => {}
                (ParameterKind::Flag, other) => panic!("{}.{}: {other:?}", d.name, p.name),
                _ => {}
            }
            if p.default == ParameterDefault::Required {
                let mut without = map.clone();
                without.remove(p.name);
                let e = Schedule::from_json(&without, "schedule", 0.5).unwrap_err();
                assert_eq!(e.field, format!("schedule.{}", p.name), "{e}");
            }
        }
        // A name outside the table is an error that lists the table.
        let mut bad = map.clone();
        bad.insert("decay_step".into(), json!(10));
        let e = Schedule::from_json(&bad, "schedule", 0.5).unwrap_err();
        assert_eq!(e.field, "schedule.decay_step", "{e}");
        for p in d.parameters {
            assert!(e.message.contains(p.name), "{e} lacks {}", p.name);
        }
    }
}

#[test]
fn left_out_parameters_take_the_tables_defaults() {
    let s = parse(json!({"name": "cosine_decay", "decay_steps": 100})).unwrap();
    assert_eq!(
        s,
        Schedule::CosineDecay {
            initial_learning_rate: 0.5,
            decay_steps: 100.0,
            alpha: 0.0,
            warmup_target: None,
            warmup_steps: 0.0,
        }
    );
    let s =
        parse(json!({"name": "cosine_decay", "decay_steps": 100, "warmup_target": null})).unwrap();
    assert!(matches!(
        s,
        Schedule::CosineDecay {
            warmup_target: None,
            ..
        }
    ));
    assert_eq!(
        parse(json!({"name": "constant"})).unwrap(),
        Schedule::Constant { learning_rate: 0.5 }
    );
    let e = parse(
        json!({"name": "exponential_decay", "decay_steps": 10, "decay_rate": 0.5, "staircase": 1}),
    )
    .unwrap_err();
    assert_eq!(e.field, "schedule.staircase");
}
