//! Optimizers compared on one network: the same spec trained once per
//! optimizer, in lockstep, batch by batch.
//!
//! Every run is built from the same spec but its optimizer, so the engine's
//! seeding gives them the same initial weights and the same batch order:
//! the curves differ only by the optimizer.

use super::dataset::Task;
use super::spec::TrainSpec;
use super::trainer::{TrainStatus, Trainer};
use crate::optim::OptimizerConfig;
use crate::spec::SpecError;
use serde_json::{Map, Value};

pub use super::spec::MAX_COMPARED;

/// The most batches one `advance` call takes per run: a frame's budget is
/// never near it, and a caller's huge `n` cannot hang the page.
pub const MAX_ADVANCE: usize = 10_000_000;

/// One run, or one run per optimizer of a comparison.
pub struct Comparison {
    runs: Vec<Trainer>,
}

/// One run's readout, as the metrics table shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct RunSummary {
    pub epoch: usize,
    pub loss: Option<f64>,
    pub val_loss: Option<f64>,
    pub accuracy: Option<f64>,
    pub val_accuracy: Option<f64>,
    pub best_epoch: Option<usize>,
    pub stopped_epoch: Option<usize>,
    pub status: TrainStatus,
    /// The epoch the run stopped early or diverged at.
    pub status_epoch: Option<usize>,
    pub optimizer: String,
    pub learning_rate: f64,
    pub task: Task,
    pub train_samples: usize,
    pub val_samples: usize,
    pub parameters: usize,
    pub sample_updates: u64,
    /// Mini-batches per epoch: ⌈training samples / batch size⌉.
    pub batches_per_epoch: usize,
}

impl Comparison {
    /// `spec` once, or once per optimizer of `compare` (at most
    /// `MAX_COMPARED`), all from the same weights and batches.
    pub fn new(spec: &TrainSpec, compare: Vec<OptimizerConfig>) -> Result<Self, SpecError> {
        if compare.len() > MAX_COMPARED {
            return Err(SpecError::new(
                "compare",
                format!(
                    "at most {MAX_COMPARED} optimizers at once, got {}",
                    compare.len()
                ),
            ));
        }
        let runs = if compare.is_empty() {
            vec![Trainer::new(spec)]
        } else {
            compare
                .into_iter()
                .map(|optimizer| {
                    Trainer::new(&TrainSpec {
                        optimizer,
                        ..spec.clone()
                    })
                })
                .collect()
        };
        Ok(Comparison { runs })
    }

    /// Run `i`'s `train` spec, for `keras_code`: `spec`, the JSON this
    /// comparison was made from, with run `i`'s optimizer as it is now (a
    /// learning rate moved mid-run is the one in effect).
    pub fn keras_spec(&self, spec: &Map<String, Value>, i: usize) -> Result<Value, SpecError> {
        let mut map = spec.clone();
        map.insert(
            "optimizer".into(),
            self.run(i)?.optimizer().config().to_json(),
        );
        Ok(Value::Object(map))
    }

    pub fn runs(&self) -> &[Trainer] {
        &self.runs
    }

    /// Run `i`, or an error naming the allowed range.
    pub fn run(&self, i: usize) -> Result<&Trainer, SpecError> {
        self.runs.get(i).ok_or_else(|| {
            SpecError::new(
                "run",
                format!(
                    "must be a whole number from 0 to {}, got {i}",
                    self.runs.len() - 1
                ),
            )
        })
    }

    /// Up to `n` more mini-batches for every run still training; returns
    /// the batches taken by all runs together.
    pub fn advance(&mut self, n: usize) -> usize {
        let n = n.min(MAX_ADVANCE);
        let mut taken = 0;
        for t in &mut self.runs {
            for _ in 0..n {
                if t.status() != TrainStatus::Running {
                    break;
                }
                t.step_batch();
                taken += 1;
            }
        }
        taken
    }

    /// True once no run is still training.
    pub fn all_finished(&self) -> bool {
        self.runs.iter().all(|t| t.status() != TrainStatus::Running)
    }

    /// Takes effect from every run's next batch, keeping optimizer state.
    pub fn set_learning_rate(&mut self, learning_rate: f64) -> Result<(), SpecError> {
        if !(learning_rate.is_finite() && learning_rate > 0.0) {
            return Err(SpecError::new(
                "learning_rate",
                format!("must be > 0, got {learning_rate}"),
            ));
        }
        for t in &mut self.runs {
            t.set_learning_rate(learning_rate);
        }
        Ok(())
    }

    /// Run `i`'s readout.
    pub fn summary(&self, i: usize) -> Result<RunSummary, SpecError> {
        let t = self.run(i)?;
        let h = t.history();
        let status = t.status();
        let status_epoch = match status {
            TrainStatus::StoppedEarly { epoch } | TrainStatus::Diverged { epoch } => Some(epoch),
            _ => None,
        };
        let train_samples = t.data().train_x.len();
        Ok(RunSummary {
            epoch: t.epoch(),
            loss: h.loss.last().copied(),
            val_loss: h.val_loss.last().copied(),
            accuracy: h.accuracy.last().copied(),
            val_accuracy: h.val_accuracy.last().copied(),
            best_epoch: t.best_epoch(),
            stopped_epoch: t.stopped_epoch(),
            status,
            status_epoch,
            optimizer: t.optimizer().config().name.to_string(),
            learning_rate: t.optimizer().learning_rate(),
            task: t.data().task,
            train_samples,
            val_samples: t.data().val_x.len(),
            parameters: t.network().params().len(),
            sample_updates: t.sample_updates(),
            batches_per_epoch: train_samples.div_ceil(t.batch_size()),
        })
    }
}
