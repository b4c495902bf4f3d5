//! Training benchmark: sample-updates per second (one sample's forward
//! pass, backprop and share of the optimizer step) for a 2-8-8-1 network on
//! 500 training points, the figure docs/PERFORMANCE.md compares with TF
//! Playground. Run with `cargo bench --bench training`.
//!
//! Plain `std::time`, best of a few repeats, a few seconds in all.

use descent::train::{TrainSpec, Trainer};
use std::time::Instant;

const REPEATS: usize = 5;

fn spec(activation: &str, batch_size: usize, epochs: usize) -> TrainSpec {
    // 715 samples with a 0.3 validation split leave 500 training points.
    let json = serde_json::json!({
        "dataset": {"name": "circles", "samples": 715, "noise": 0.1, "validation_split": 0.3, "seed": 1},
        "model": {"hidden": [8, 8], "activation": activation},
        "optimizer": {"name": "sgd", "learning_rate": 0.03},
        "batch_size": batch_size, "epochs": epochs, "seed": 2
    });
    TrainSpec::from_json_text(&json.to_string()).unwrap()
}

fn main() {
    println!("Sample-updates per second, 2-8-8-1 on 500 points, SGD (best of {REPEATS}):\n");
    println!("| activation | batch size | M sample-updates/s |");
    println!("|---|---:|---:|");
    for activation in ["tanh", "relu"] {
        for batch_size in [1, 10, 32, 500] {
            let epochs = 100;
            let best = (0..REPEATS)
                .map(|_| {
                    let mut t = Trainer::new(&spec(activation, batch_size, epochs));
                    let start = Instant::now();
                    t.run();
                    assert_eq!(t.data().train_x.len(), 500);
                    t.sample_updates() as f64 / start.elapsed().as_secs_f64()
                })
                .fold(0.0, f64::max);
            println!("| {activation} | {batch_size} | {:.2} |", best / 1e6);
        }
    }
}
