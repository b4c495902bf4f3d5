//! The lecture's scenes: all of them, in the lecture's order, each with a
//! narration of one to three sentences, steps whose lit lines exist, and
//! figures whose states name only what the engine knows.

use descent::labs::lecture::{scene_by_id, SCENES};
use descent::landscape::by_name;
use descent::optim::OptimizerConfig;
use serde_json::{Map, Value};
use std::collections::HashSet;

/// The views a figure may mount, and the keys each one's link takes.
const VIEW_KEYS: &[(&str, &[&str])] = &[
    (
        "race",
        &[
            "landscape",
            "window",
            "start",
            "sigma",
            "seed",
            "speed",
            "racer",
            "selected",
        ],
    ),
    (
        "lr",
        &[
            "landscape",
            "optimizer",
            "rates",
            "yours",
            "start",
            "steps",
            "speed",
            "schedule",
            "sweep",
            "adaptive",
        ],
    ),
    (
        "train",
        &[
            "panel",
            "dataset",
            "noise",
            "samples",
            "split",
            "data_seed",
            "layers",
            "units",
            "activation",
            "seed",
            "dropout",
            "l2",
            "optimizer",
            "lr",
            "batch",
            "epochs",
            "es",
            "patience",
            "compare",
            "speed",
            "lab_n",
            "lab_noise",
            "lab_k",
            "lab_lr",
        ],
    ),
    (
        "backprop",
        &["x", "y", "w1", "w2", "g", "lr", "nudge", "delta"],
    ),
];

fn pairs(state: &str) -> Vec<(&str, &str)> {
    state
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| p.split_once('=').unwrap_or((p, "")))
        .collect()
}

/// A racer as the race's link writes it: `name,key:value,…`.
fn racer(text: &str) -> OptimizerConfig {
    let mut parts = text.split(',');
    let mut map = Map::new();
    map.insert("name".into(), Value::from(parts.next().unwrap()));
    for kv in parts {
        let (k, v) = kv.split_once(':').unwrap();
        let v: f64 = v.parse().unwrap_or_else(|_| panic!("{text}: {v}"));
        map.insert(k.into(), Value::from(v));
    }
    OptimizerConfig::from_json(&map, "racer").unwrap_or_else(|e| panic!("{text}: {e}"))
}

fn check_state(view: &str, state: &str, scene: &str) {
    let keys = VIEW_KEYS
        .iter()
        .find(|(v, _)| *v == view)
        .unwrap_or_else(|| panic!("{scene}: no view {view}"))
        .1;
    let mut seen = HashSet::new();
    for (k, v) in pairs(state) {
        assert!(keys.contains(&k), "{scene}: {view} has no key {k}");
        assert!(k == "racer" || seen.insert(k), "{scene}: {k} twice");
        match k {
            "landscape" => {
                by_name(v).unwrap_or_else(|e| panic!("{scene}: {e}"));
            }
            "racer" => {
                racer(v);
            }
            _ => {}
        }
    }
}

#[test]
fn every_slide_group_is_a_scene_in_the_lectures_order() {
    let ids: Vec<&str> = SCENES.iter().map(|s| s.id).collect();
    assert_eq!(
        ids,
        [
            "loss",
            "gradient-descent",
            "backprop",
            "difficult",
            "lr-small",
            "lr-large",
            "lr-stable",
            "lr-range-test",
            "adaptive",
            "optimizers",
            "together",
            "full-batch",
            "single-point",
            "mini-batch",
            "fast-training",
            "overfitting",
            "dropout",
            "early-stopping",
            "review",
        ]
    );
    assert_eq!(scene_by_id("dropout").unwrap().0, 16);
    assert!(scene_by_id("nope").is_none());
}

#[test]
fn every_scene_is_narrated_briefly_and_its_steps_light_real_lines() {
    for s in SCENES {
        let sentences = s
            .narration
            .split(". ")
            .filter(|t| !t.trim().is_empty())
            .count();
        assert!(
            (1..=3).contains(&sentences),
            "{}: {sentences} sentences",
            s.id
        );
        assert!(!s.title.is_empty() && !s.notes.is_empty(), "{}", s.id);
        assert!(!s.steps.is_empty(), "{}", s.id);
        assert!(s.figures.len() <= 2, "{}", s.id);
        for step in s.steps {
            assert!(!step.caption.is_empty());
            for &l in step.algorithm_lines {
                assert!(l < s.algorithm.len(), "{}: algorithm line {l}", s.id);
            }
            for &l in step.code_lines {
                assert!(l < s.code.len(), "{}: code line {l}", s.id);
            }
        }
    }
}

#[test]
fn every_figure_state_names_keys_and_values_its_view_knows() {
    for s in SCENES {
        assert!(
            !s.figures.is_empty() || s.id == "review",
            "{}: a scene needs a live figure",
            s.id
        );
        for f in s.figures {
            check_state(f.view, f.state, s.id);
        }
        for step in s.steps {
            if !step.state.is_empty() {
                check_state(s.figures[0].view, step.state, s.id);
            }
        }
    }
}
