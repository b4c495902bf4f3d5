//! `train(spec)`: the lecture's training loop, scriptable like `simulate`.
//!
//! ```json
//! {"dataset": {"name": "spiral", "samples": 300, "noise": 0.05, "validation_split": 0.3, "seed": 1},
//!  "model": {"hidden": [8, 8], "activation": "tanh", "dropout": 0, "l2": 0},
//!  "optimizer": {"name": "adam", "learning_rate": 0.01},
//!  "batch_size": 16, "epochs": 300,
//!  "early_stopping": {"patience": 20, "min_delta": 0, "restore_best_weights": true},
//!  "seed": 0}
//! ```
//!
//! Each epoch reshuffles the training samples (Keras's `shuffle=True`) and
//! walks them in mini-batches of `batch_size` (the last one may be smaller):
//! forward pass, loss, backprop, optimizer step. The epoch's `loss` is the
//! mean of the batch losses weighted by batch size, as Keras reports it
//! (dropout active, L2 term included); `val_loss` is evaluated on the
//! validation samples at the epoch's end, without dropout. Accuracy (for
//! classification) is the fraction with p > ½ on the right side.
//!
//! The model's weights, the batch order and the dropout masks each come
//! from their own stream seeded by `seed`, so two runs that differ only in
//! the optimizer see the same initial weights and the same batches.

mod comparison;
pub mod dataset;
mod presets;
pub mod spec;
mod trainer;

pub use comparison::{Comparison, RunSummary, MAX_ADVANCE, MAX_COMPARED};
pub use presets::{benchmark_spec, capacity_preset, CAPACITY_PRESETS};
pub use spec::{EarlyStoppingSpec, ModelSpec, TrainSpec};
pub use trainer::{History, TrainStatus, Trainer};

use crate::spec::SpecError;

/// What `train` returns.
#[derive(Clone, Debug, PartialEq)]
pub struct TrainResult {
    pub history: History,
    pub best_epoch: Option<usize>,
    pub stopped_epoch: Option<usize>,
    pub status: TrainStatus,
}

pub fn train(spec: &TrainSpec) -> TrainResult {
    let mut t = Trainer::new(spec);
    let status = t.run();
    TrainResult {
        history: t.history().clone(),
        best_epoch: t.best_epoch(),
        stopped_epoch: t.stopped_epoch(),
        status,
    }
}

pub fn train_json(text: &str) -> Result<TrainResult, SpecError> {
    Ok(train(&TrainSpec::from_json_text(text)?))
}
