//! The trainer: Keras's `model.fit` loop, steppable batch by batch for the
//! live view or run to the end for `train`.

use super::clip::ClipByVariable;
use super::dataset::{Dataset, Task};
use super::shuffle::SplitMix64;
use super::spec::TrainSpec;
use crate::nn::{EarlyStopping, Loss, Network, Workspace};
use crate::optim::Optimizer;
use nalgebra::DMatrix;
use rand::rngs::StdRng;
use rand::SeedableRng;

/// Per-epoch curves, by Keras's history keys.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct History {
    pub loss: Vec<f64>,
    /// Empty when the spec holds no validation set.
    pub val_loss: Vec<f64>,
    /// Classification only (empty for regression).
    pub accuracy: Vec<f64>,
    pub val_accuracy: Vec<f64>,
}

/// How a training run stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TrainStatus {
    Running,
    /// All epochs done.
    Finished,
    /// Early stopping ended it after this epoch (0-based).
    StoppedEarly {
        epoch: usize,
    },
    /// A non-finite loss, or a step that would make a weight non-finite,
    /// appeared during this epoch; the weights are the last finite ones.
    Diverged {
        epoch: usize,
    },
}

impl TrainStatus {
    pub fn name(&self) -> &'static str {
        match self {
            TrainStatus::Running => "running",
            TrainStatus::Finished => "finished",
            TrainStatus::StoppedEarly { .. } => "stopped_early",
            TrainStatus::Diverged { .. } => "diverged",
        }
    }
}

/// Samples as a matrix with one column per sample.
fn columns(xs: &[[f64; 2]], inputs: usize, order: &[usize]) -> DMatrix<f64> {
    DMatrix::from_fn(inputs, order.len(), |r, c| xs[order[c]][r])
}

/// A training run that can be stepped batch by batch (for the live view)
/// or run to the end (for `train`).
pub struct Trainer {
    data: Dataset,
    network: Network,
    optimizer: Optimizer,
    /// Keras's clipnorm, applied per variable (see `super::clip`).
    clip: Option<ClipByVariable>,
    batch_size: usize,
    epochs: usize,
    /// The batch order's generator, when the spec shuffles.
    shuffle: Option<SplitMix64>,
    dropout_rng: StdRng,
    /// The weights training started from.
    initial_weights: Vec<f64>,
    order: Vec<usize>,
    /// Index into `order` of the next batch's first sample.
    cursor: usize,
    workspace: Workspace,
    /// Buffers for the validation pass at each epoch's end, made once.
    val_workspace: Workspace,
    /// The current batch's inputs (one column per sample) and targets.
    batch_x: DMatrix<f64>,
    batch_y: Vec<f64>,
    grad: Vec<f64>,
    val_x: DMatrix<f64>,
    epoch_loss: f64,
    epoch_correct: f64,
    epoch_seen: usize,
    history: History,
    early_stopping: Option<EarlyStopping>,
    status: TrainStatus,
    updates: u64,
}

impl Trainer {
    pub fn new(spec: &TrainSpec) -> Self {
        let data = spec.dataset.generate();
        let loss = match data.task {
            Task::Classification => Loss::BinaryCrossentropy,
            Task::Regression => Loss::MeanSquaredError,
        };
        // Separate streams, so that changing dropout does not change the
        // initial weights or the batch order.
        let mut network = Network::new(
            data.inputs,
            &spec.model.hidden,
            spec.model.activation,
            loss,
            spec.model.dropout,
            spec.model.l2,
            spec.model.initializer,
            spec.seed,
        );
        if let Some(weights) = &spec.model.initial_weights {
            network.set_params(weights);
        }
        let n = network.params().len();
        let (clip, config) = ClipByVariable::split(&spec.optimizer, network.sizes());
        let batch_size = spec.batch_size.min(data.train_x.len());
        let val_x = columns(
            &data.val_x,
            data.inputs,
            &(0..data.val_x.len()).collect::<Vec<_>>(),
        );
        let mut t = Trainer {
            optimizer: Optimizer::new(config, None, n),
            clip,
            workspace: network.workspace(batch_size),
            val_workspace: network.workspace(val_x.ncols()),
            batch_x: DMatrix::zeros(data.inputs, batch_size),
            batch_y: Vec::with_capacity(batch_size),
            grad: vec![0.0; n],
            order: (0..data.train_x.len()).collect(),
            cursor: 0,
            batch_size,
            epochs: spec.epochs,
            shuffle: spec.shuffle.then(|| SplitMix64::new(spec.seed)),
            dropout_rng: StdRng::seed_from_u64(spec.seed ^ 0x5eed_0002),
            initial_weights: network.params().to_vec(),
            val_x,
            network,
            data,
            epoch_loss: 0.0,
            epoch_correct: 0.0,
            epoch_seen: 0,
            history: History::default(),
            early_stopping: spec
                .early_stopping
                .as_ref()
                .map(|e| EarlyStopping::new(e.patience, e.min_delta, e.restore_best_weights)),
            status: TrainStatus::Running,
            updates: 0,
        };
        t.shuffle();
        t
    }

    /// The next epoch's order: a fresh permutation, or 0, 1, …, n − 1.
    fn shuffle(&mut self) {
        if let Some(g) = &mut self.shuffle {
            g.permutation(&mut self.order);
        }
    }

    /// One mini-batch: forward, loss, backprop, optimizer step. Closes the
    /// epoch when it was the epoch's last batch. Returns false once
    /// training has ended.
    pub fn step_batch(&mut self) -> bool {
        if self.status != TrainStatus::Running {
            return false;
        }
        let end = (self.cursor + self.batch_size).min(self.order.len());
        let batch = &self.order[self.cursor..end];
        let size = batch.len();
        if Network::workspace_batch(&self.workspace) != size {
            self.workspace = self.network.workspace(size);
            self.batch_x = DMatrix::zeros(self.data.inputs, size);
        }
        self.batch_y.clear();
        for (c, &i) in batch.iter().enumerate() {
            for r in 0..self.data.inputs {
                self.batch_x[(r, c)] = self.data.train_x[i][r];
            }
            self.batch_y.push(self.data.train_y[i]);
        }
        let (x, y) = (&self.batch_x, &self.batch_y);
        self.network
            .forward(x, &mut self.workspace, Some(&mut self.dropout_rng));
        let loss = self
            .network
            .backward(x, y, &mut self.workspace, &mut self.grad);
        let epoch = self.history.loss.len();
        // A non-finite gradient needs no check of its own: it makes a
        // non-finite step, which the optimizer refuses below.
        if !loss.is_finite() {
            self.status = TrainStatus::Diverged { epoch };
            return false;
        }
        if self.data.task == Task::Classification {
            self.epoch_correct += self
                .network
                .output(&self.workspace)
                .iter()
                .zip(y)
                .filter(|(z, t)| (**z > 0.0) == (**t > 0.5))
                .count() as f64;
        }
        // A step that would overflow is refused, and the weights stay as
        // they were.
        if let Some(clip) = &self.clip {
            clip.apply(&mut self.grad);
        }
        if !self.optimizer.step(self.network.params_mut(), &self.grad) {
            self.status = TrainStatus::Diverged { epoch };
            return false;
        }
        self.updates += size as u64;
        self.epoch_loss += loss * size as f64;
        self.epoch_seen += size;
        self.cursor = end;
        if self.cursor >= self.order.len() {
            self.end_epoch();
        }
        self.status == TrainStatus::Running
    }

    fn end_epoch(&mut self) {
        let epoch = self.history.loss.len();
        let loss = self.epoch_loss / self.epoch_seen as f64;
        let validation = self.evaluate_validation();
        // An epoch whose loss overflowed is the divergence: it ends the run
        // and is not recorded, so no history entry is ever NaN or ∞ and
        // the best epoch is always one that really happened.
        if !(loss.is_finite() && validation.is_none_or(|(v, _)| v.is_finite())) {
            self.status = TrainStatus::Diverged { epoch };
            return;
        }
        let classification = self.data.task == Task::Classification;
        self.history.loss.push(loss);
        if classification {
            self.history
                .accuracy
                .push(self.epoch_correct / self.epoch_seen as f64);
        }
        if let Some((val_loss, val_accuracy)) = validation {
            self.history.val_loss.push(val_loss);
            if classification {
                self.history.val_accuracy.push(val_accuracy);
            }
        }
        self.epoch_loss = 0.0;
        self.epoch_correct = 0.0;
        self.epoch_seen = 0;
        self.cursor = 0;
        self.shuffle();
        let stop = match (&mut self.early_stopping, validation) {
            (Some(es), Some((val_loss, _))) => {
                es.on_epoch_end(epoch, val_loss, self.network.params())
            }
            _ => false,
        };
        if stop {
            self.status = TrainStatus::StoppedEarly { epoch };
        } else if epoch + 1 >= self.epochs {
            self.status = TrainStatus::Finished;
        }
        if self.status != TrainStatus::Running {
            self.end_training();
        }
    }

    fn end_training(&mut self) {
        if let Some(best) = self
            .early_stopping
            .as_ref()
            .and_then(|es| es.on_train_end())
        {
            let best = best.to_vec();
            self.network.set_params(&best);
        }
    }

    /// The validation loss (with the L2 term, as Keras reports it) and
    /// accuracy, when there is a validation set.
    fn evaluate_validation(&mut self) -> Option<(f64, f64)> {
        if self.data.val_y.is_empty() {
            return None;
        }
        let ws = &mut self.val_workspace;
        self.network.forward(&self.val_x, ws, None);
        let loss = self.network.data_loss(ws, &self.data.val_y) + self.network.l2_penalty();
        let correct = self
            .network
            .output(ws)
            .iter()
            .zip(&self.data.val_y)
            .filter(|(z, t)| (**z > 0.0) == (**t > 0.5))
            .count() as f64;
        Some((loss, correct / self.data.val_y.len() as f64))
    }

    /// Runs whole epochs; returns how many ended.
    pub fn run_epochs(&mut self, n: usize) -> usize {
        let start = self.history.loss.len();
        while self.status == TrainStatus::Running && self.history.loss.len() < start + n {
            self.step_batch();
        }
        self.history.loss.len() - start
    }

    /// Runs to the end.
    pub fn run(&mut self) -> TrainStatus {
        while self.step_batch() {}
        self.status
    }

    /// Changes the learning rate from the next batch on, keeping state.
    pub fn set_learning_rate(&mut self, learning_rate: f64) {
        if learning_rate.is_finite() && learning_rate > 0.0 {
            self.optimizer.set_learning_rate(learning_rate);
        }
    }

    /// The mini-batch size in effect (the spec's, at most the training set).
    pub fn batch_size(&self) -> usize {
        self.batch_size
    }

    pub fn history(&self) -> &History {
        &self.history
    }

    pub fn status(&self) -> TrainStatus {
        self.status
    }

    pub fn network(&self) -> &Network {
        &self.network
    }

    pub fn data(&self) -> &Dataset {
        &self.data
    }

    pub fn optimizer(&self) -> &Optimizer {
        &self.optimizer
    }

    /// The weights training started from (drawn, or the spec's).
    pub fn initial_weights(&self) -> &[f64] {
        &self.initial_weights
    }

    /// Epochs completed.
    pub fn epoch(&self) -> usize {
        self.history.loss.len()
    }

    /// Sample-gradient evaluations so far (the benchmark's unit).
    pub fn sample_updates(&self) -> u64 {
        self.updates
    }

    /// The epoch with the lowest validation loss so far (0-based), as early
    /// stopping judges it when enabled.
    pub fn best_epoch(&self) -> Option<usize> {
        if let Some(es) = &self.early_stopping {
            if es.best().is_some() {
                return Some(es.best_epoch());
            }
        }
        self.history
            .val_loss
            .iter()
            .enumerate()
            .min_by(|a, b| a.1.total_cmp(b.1))
            .map(|(i, _)| i)
    }

    pub fn stopped_epoch(&self) -> Option<usize> {
        match self.status {
            TrainStatus::StoppedEarly { epoch } => Some(epoch),
            _ => None,
        }
    }
}
