//! Optimizers compared on one network: the runs share their initial
//! weights and batches, step in lockstep, and each equals a lone Trainer.

use descent::optim::OptimizerConfig;
use descent::train::{Comparison, TrainSpec, TrainStatus, Trainer, MAX_COMPARED};
use serde_json::json;

fn spec(batch_size: usize) -> TrainSpec {
    TrainSpec::from_json_text(
        &json!({
            "dataset": {"name": "moons", "samples": 101, "noise": 0.1, "validation_split": 0.2, "seed": 4},
            "model": {"hidden": [5], "activation": "tanh"},
            "optimizer": {"name": "sgd", "learning_rate": 0.05},
            "batch_size": batch_size, "epochs": 6, "seed": 9
        })
        .to_string(),
    )
    .unwrap()
}

fn config(name: &str, lr: f64) -> OptimizerConfig {
    let map = json!({"name": name, "learning_rate": lr});
    OptimizerConfig::from_json(map.as_object().unwrap(), "optimizer").unwrap()
}

#[test]
fn every_run_equals_a_lone_trainer_with_its_optimizer() {
    let base = spec(16);
    let configs = vec![
        config("sgd", 0.1),
        config("adam", 0.01),
        config("rmsprop", 0.01),
    ];
    let mut comparison = Comparison::new(&base, configs.clone()).unwrap();
    // Same initial weights before any step.
    let first = comparison.runs()[0].network().params().to_vec();
    for run in comparison.runs() {
        assert_eq!(run.network().params(), first.as_slice());
    }
    while !comparison.all_finished() {
        comparison.advance(7);
    }
    for (run, optimizer) in comparison.runs().iter().zip(configs) {
        let mut lone = Trainer::new(&TrainSpec {
            optimizer,
            ..base.clone()
        });
        lone.run();
        assert_eq!(run.history(), lone.history());
        assert_eq!(run.network().params(), lone.network().params());
    }
}

#[test]
fn advance_steps_every_run_in_lockstep() {
    let mut comparison =
        Comparison::new(&spec(10), vec![config("sgd", 0.1), config("adam", 0.01)]).unwrap();
    assert_eq!(comparison.advance(3), 6);
    for run in comparison.runs() {
        assert_eq!(run.sample_updates(), 30);
    }
}

#[test]
fn no_compare_list_is_one_run_of_the_spec_itself() {
    let mut comparison = Comparison::new(&spec(16), vec![]).unwrap();
    assert_eq!(comparison.runs().len(), 1);
    assert_eq!(comparison.runs()[0].optimizer().config().name, "sgd");
    while !comparison.all_finished() {
        comparison.advance(100);
    }
    assert_eq!(comparison.runs()[0].status(), TrainStatus::Finished);
}

#[test]
fn too_many_optimizers_is_an_error_naming_compare() {
    let many = vec![config("sgd", 0.1); MAX_COMPARED + 1];
    let e = Comparison::new(&spec(16), many).err().unwrap();
    assert_eq!(e.field, "compare");
    assert!(e.message.contains("at most 4"), "{}", e.message);
}

#[test]
fn summary_gives_batches_per_epoch_and_refuses_a_missing_run() {
    // 101 samples, 20 % held out: Keras trains on the first
    // ⌊101 × 0.8⌋ = 80 and validates on the last 21.
    for (batch, expected) in [(1, 80), (10, 8), (16, 5), (80, 1), (500, 1)] {
        let comparison = Comparison::new(&spec(batch), vec![]).unwrap();
        let s = comparison.summary(0).unwrap();
        assert_eq!(s.train_samples, 80);
        assert_eq!(s.val_samples, 21);
        assert_eq!(s.batches_per_epoch, expected, "batch {batch}");
    }
    let comparison = Comparison::new(&spec(16), vec![]).unwrap();
    assert_eq!(comparison.summary(1).err().unwrap().field, "run");
}

#[test]
fn a_bad_learning_rate_changes_nothing() {
    let mut comparison = Comparison::new(&spec(16), vec![config("sgd", 0.1)]).unwrap();
    for bad in [0.0, -1.0, f64::NAN, f64::INFINITY] {
        assert!(comparison.set_learning_rate(bad).is_err());
    }
    assert_eq!(comparison.runs()[0].optimizer().learning_rate(), 0.1);
    comparison.set_learning_rate(0.25).unwrap();
    assert_eq!(comparison.runs()[0].optimizer().learning_rate(), 0.25);
}
