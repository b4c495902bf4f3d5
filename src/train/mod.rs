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
//! Each epoch reshuffles the training samples (Keras's `shuffle=True`, by
//! the generator of `shuffle`, which a script re-implements in a few lines;
//! `shuffle: false` keeps their order) and walks them in mini-batches of
//! `batch_size` (the last one may be smaller): forward pass, loss,
//! backprop, optimizer step. The epoch's `loss` is the running mean of the
//! batch losses weighted by batch size, as Keras 3's `fit` accumulates it
//! (its loss tracker is a `Mean` updated with `sample_weight` = the batch
//! size; dropout active, L2 term included), and `accuracy` the running
//! fraction of samples on the right side of p = ½, as `BinaryAccuracy`
//! accumulates it; `val_loss` and `val_accuracy` are evaluated on the
//! validation samples at the epoch's end, without dropout, when there are
//! any (`validation_split` 0 holds none out, and leaves them empty).
//!
//! The model's weights (unless the spec gives `model.initial_weights`), the
//! batch order and the dropout masks each come from their own stream
//! seeded by `seed`, so two runs that differ only in the optimizer see the
//! same initial weights and the same batches.

mod clip;
mod comparison;
pub mod dataset;
pub mod inline;
mod presets;
pub mod shuffle;
pub mod spec;
mod trainer;

pub use comparison::{Comparison, RunSummary, MAX_ADVANCE, MAX_COMPARED};
pub use presets::{benchmark_spec, capacity_preset, CAPACITY_PRESETS};
pub use spec::{EarlyStoppingSpec, ModelSpec, TrainSpec};
pub use trainer::{History, TrainStatus, Trainer};

use crate::json::{numbers, object};
use crate::nn::{keras_weights, DenseWeights};
use crate::spec::SpecError;
use dataset::Task;
use serde_json::Value;

/// What `train` returns.
#[derive(Clone, Debug, PartialEq)]
pub struct TrainResult {
    pub history: History,
    pub best_epoch: Option<usize>,
    pub stopped_epoch: Option<usize>,
    pub status: TrainStatus,
    /// The weights training started from, in `model.get_weights()` order.
    pub initial_weights: Vec<DenseWeights>,
    /// The weights it ended with (the best epoch's, if early stopping
    /// restored them), in the same order.
    pub weights: Vec<DenseWeights>,
    pub task: Task,
}

impl TrainResult {
    /// As JSON: `{history: {loss, val_loss, accuracy?, val_accuracy?},
    /// best_epoch, stopped_epoch, status, initial_weights, weights}`.
    pub fn to_json(&self) -> Value {
        let h = &self.history;
        let mut history = object([
            ("loss", numbers(&h.loss)),
            ("val_loss", numbers(&h.val_loss)),
        ]);
        if self.task == Task::Classification {
            history["accuracy"] = numbers(&h.accuracy);
            history["val_accuracy"] = numbers(&h.val_accuracy);
        }
        object([
            ("history", history),
            ("best_epoch", self.best_epoch.into()),
            ("stopped_epoch", self.stopped_epoch.into()),
            ("status", self.status.name().into()),
            (
                "initial_weights",
                keras_weights::to_json(&self.initial_weights),
            ),
            ("weights", keras_weights::to_json(&self.weights)),
        ])
    }
}

pub fn train(spec: &TrainSpec) -> TrainResult {
    let mut t = Trainer::new(spec);
    let status = t.run();
    let sizes = t.network().sizes();
    TrainResult {
        history: t.history().clone(),
        best_epoch: t.best_epoch(),
        stopped_epoch: t.stopped_epoch(),
        status,
        initial_weights: keras_weights::to_keras(sizes, t.initial_weights()),
        weights: t.network().keras_weights(),
        task: t.data().task,
    }
}

pub fn train_json(text: &str) -> Result<TrainResult, SpecError> {
    Ok(train(&TrainSpec::from_json_text(text)?))
}
