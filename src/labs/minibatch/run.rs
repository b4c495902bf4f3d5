//! One run of mini-batch gradient descent on the regression's loss.

use super::regression::RegressionLoss;
use crate::landscape::{Landscape, Point};
use crate::optim::{Optimizer, OptimizerConfig};
use crate::train::shuffle::SplitMix64;

/// One run of mini-batch gradient descent on the regression: each epoch
/// reshuffles the samples (from its own seeded stream: SplitMix64 and a
/// Fisher–Yates shuffle, the order `train(shuffle=true)` uses, so the run
/// is a `train` spec's too) and steps once per batch of `batch_size`.
pub struct MiniBatchRun {
    pub batch_size: usize,
    optimizer: Optimizer,
    shuffle: SplitMix64,
    order: Vec<usize>,
    cursor: usize,
    point: Point,
    /// Interleaved points [w₀, w₁, …], one per step, start included.
    path: Vec<f64>,
    /// The exact loss J at each point.
    loss: Vec<f64>,
    diverged: bool,
}

impl MiniBatchRun {
    pub fn new(
        landscape: &RegressionLoss,
        start: Point,
        batch_size: usize,
        config: OptimizerConfig,
        seed: u64,
    ) -> Self {
        let n = landscape.data().len();
        let batch_size = batch_size.clamp(1, n);
        let mut run = MiniBatchRun {
            batch_size,
            optimizer: Optimizer::new(config, None, 2),
            shuffle: SplitMix64::new(seed),
            order: (0..n).collect(),
            cursor: n,
            point: start,
            path: start.to_vec(),
            loss: vec![landscape.loss(start)],
            diverged: false,
        };
        run.cursor = run.order.len();
        run
    }

    /// One step on the next mini-batch; false once the run diverged.
    pub fn step(&mut self, landscape: &RegressionLoss) -> bool {
        if self.diverged {
            return false;
        }
        if self.cursor >= self.order.len() {
            self.shuffle.permutation(&mut self.order);
            self.cursor = 0;
        }
        let end = (self.cursor + self.batch_size).min(self.order.len());
        let g = landscape
            .data()
            .gradient(self.point, &self.order[self.cursor..end]);
        self.cursor = end;
        let mut p = self.point;
        let stepped = self.optimizer.step(&mut p, &g);
        let loss = landscape.loss(p);
        if !(stepped && p.iter().all(|c| c.is_finite() && c.abs() < 1e6) && loss.is_finite()) {
            self.diverged = true;
            return false;
        }
        self.point = p;
        self.path.extend_from_slice(&p);
        self.loss.push(loss);
        true
    }

    pub fn path(&self) -> &[f64] {
        &self.path
    }

    pub fn loss(&self) -> &[f64] {
        &self.loss
    }

    pub fn point(&self) -> Point {
        self.point
    }

    pub fn diverged(&self) -> bool {
        self.diverged
    }

    pub fn steps(&self) -> usize {
        self.loss.len() - 1
    }

    /// The samples the run draws its batches from, N.
    pub fn samples(&self) -> usize {
        self.order.len()
    }

    /// Steps per pass over the data: ⌈N/B⌉, the last batch of an epoch
    /// holding what is left when B does not divide N.
    pub fn batches_per_epoch(&self) -> usize {
        self.samples().div_ceil(self.batch_size)
    }

    /// Epochs completed: steps ÷ ⌈N/B⌉, so that one pass over the data,
    /// its short last batch included, counts as exactly one.
    pub fn epochs(&self) -> f64 {
        self.steps() as f64 / self.batches_per_epoch() as f64
    }

    pub fn set_learning_rate(&mut self, learning_rate: f64) {
        if learning_rate.is_finite() && learning_rate > 0.0 {
            self.optimizer.set_learning_rate(learning_rate);
        }
    }
}
