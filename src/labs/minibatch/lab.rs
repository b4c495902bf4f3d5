//! `MiniBatchLab`: one data set, and three runs of plain SGD walking its
//! exact loss from one start: the full batch (B = N), single samples
//! (B = 1) and mini-batches of the student's size k. The view steps it,
//! reads its numbers and draws them; nothing here knows a canvas.

use super::plots::{Cloud, VariancePlot};
use super::regression::{RegressionData, RegressionLoss};
use super::run::MiniBatchRun;
use crate::json::{numbers, object};
use crate::labs::check_learning_rate;
use crate::landscape::{Landscape, Point};
use crate::optim::OptimizerConfig;
use crate::spec::SpecError;
use serde_json::Value;

/// The fewest and most points the data may have.
pub const MIN_SAMPLES: usize = 2;
pub const MAX_SAMPLES: usize = 1000;
/// The largest noise σ.
pub const MAX_NOISE: f64 = 2.0;
/// The largest seed (the page's seeds are 32-bit).
pub const MAX_SEED: u64 = u32::MAX as u64;
/// Steps per run before the lab stops: enough to see every path settle.
pub const MAX_LAB_STEPS: usize = 5000;

/// The runs' places in `runs()` and `summary()`.
pub const FULL_BATCH: usize = 0;
pub const SINGLE_SAMPLE: usize = 1;
pub const MINI_BATCH: usize = 2;

/// One run's numbers, as the lab's table shows them.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RunSummary {
    pub batch_size: usize,
    /// ⌈N/B⌉ steps make one epoch.
    pub batches_per_epoch: usize,
    pub steps: usize,
    pub epochs: f64,
    /// The exact loss J at the run's current point.
    pub loss: f64,
    pub point: Point,
    pub diverged: bool,
}

pub struct MiniBatchLab {
    loss: RegressionLoss,
    /// B = N, B = 1, B = k, in that order.
    runs: Vec<MiniBatchRun>,
    batch_size: usize,
    learning_rate: f64,
    seed: u64,
}

fn check_batch_size(batch_size: usize, samples: usize) -> Result<usize, SpecError> {
    if (1..=samples).contains(&batch_size) {
        Ok(batch_size)
    } else {
        Err(SpecError::new(
            "batch_size",
            format!("must be a whole number from 1 to {samples}, got {batch_size}"),
        ))
    }
}

impl MiniBatchLab {
    /// `samples` points (`MIN_SAMPLES` to `MAX_SAMPLES`) on y = 1 + 2x with
    /// noise σ = `noise` (0 to `MAX_NOISE`), a mini-batch size k (1 to
    /// `samples`), plain SGD's learning rate (a lab's: > 0 and ≤ 10), and
    /// the seed (up to `MAX_SEED`) of the data and the batches. An error
    /// names the first bad field.
    pub fn new(
        samples: usize,
        noise: f64,
        batch_size: usize,
        learning_rate: f64,
        seed: u64,
    ) -> Result<Self, SpecError> {
        if !(MIN_SAMPLES..=MAX_SAMPLES).contains(&samples) {
            return Err(SpecError::new(
                "samples",
                format!(
                    "must be a whole number from {MIN_SAMPLES} to {MAX_SAMPLES}, got {samples}"
                ),
            ));
        }
        if !noise.is_finite() {
            return Err(SpecError::new(
                "noise",
                format!("must be a finite number, got {noise}"),
            ));
        }
        if !(0.0..=MAX_NOISE).contains(&noise) {
            return Err(SpecError::new(
                "noise",
                format!("must be in [0, {MAX_NOISE}], got {noise}"),
            ));
        }
        let batch_size = check_batch_size(batch_size, samples)?;
        let learning_rate = check_learning_rate(learning_rate)?;
        if seed > MAX_SEED {
            return Err(SpecError::new(
                "seed",
                format!("must be a whole number from 0 to {MAX_SEED}, got {seed}"),
            ));
        }
        let mut lab = MiniBatchLab {
            loss: RegressionLoss::new(RegressionData::generate(samples, noise, seed)),
            runs: Vec::new(),
            batch_size,
            learning_rate,
            seed,
        };
        lab.reset();
        Ok(lab)
    }

    /// The exact loss J(w₀, w₁) the runs walk, with its data.
    pub fn landscape(&self) -> &RegressionLoss {
        &self.loss
    }

    pub fn data(&self) -> &RegressionData {
        self.loss.data()
    }

    /// N, the number of points.
    pub fn samples(&self) -> usize {
        self.data().len()
    }

    /// k, the mini-batch run's batch size.
    pub fn batch_size(&self) -> usize {
        self.batch_size
    }

    pub fn learning_rate(&self) -> f64 {
        self.learning_rate
    }

    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// B = N, B = 1 and B = k, at `FULL_BATCH`, `SINGLE_SAMPLE` and
    /// `MINI_BATCH`.
    pub fn runs(&self) -> &[MiniBatchRun] {
        &self.runs
    }

    /// Run `i`'s shuffle seed: seed + 1 + i, kept to `MAX_SEED` (a
    /// `train` spec's range).
    fn run_seed(&self, i: usize) -> u64 {
        (self.seed + 1 + i as u64) & MAX_SEED
    }

    /// All three runs back to the start. Each shuffles from its own stream
    /// (seed + 1, + 2, + 3), so B = 1 and B = k do not share a batch order
    /// by accident, and a reset repeats every run exactly.
    pub fn reset(&mut self) {
        let start = self.loss.start();
        let mut config = OptimizerConfig::defaults("sgd").expect("sgd is in the catalogue");
        config.set("learning_rate", self.learning_rate);
        self.runs = [self.samples(), 1, self.batch_size]
            .iter()
            .enumerate()
            .map(|(i, &b)| {
                MiniBatchRun::new(&self.loss, start, b, config.clone(), self.run_seed(i))
            })
            .collect();
    }

    /// A new mini-batch size k (1 to N, else an error and nothing
    /// changes); the runs restart.
    pub fn set_batch_size(&mut self, batch_size: usize) -> Result<(), SpecError> {
        self.batch_size = check_batch_size(batch_size, self.samples())?;
        self.reset();
        Ok(())
    }

    /// A new learning rate (a lab's: > 0 and ≤ 10, else an error and
    /// nothing changes), in effect from the next step of every run.
    pub fn set_learning_rate(&mut self, learning_rate: f64) -> Result<(), SpecError> {
        self.learning_rate = check_learning_rate(learning_rate)?;
        for r in &mut self.runs {
            r.set_learning_rate(self.learning_rate);
        }
        Ok(())
    }

    /// Up to `n` more steps for each run still going, none past
    /// `MAX_LAB_STEPS`; returns the steps taken, all runs together.
    pub fn advance(&mut self, n: usize) -> usize {
        let n = n.min(MAX_LAB_STEPS);
        let mut taken = 0;
        for r in &mut self.runs {
            for _ in 0..n {
                if r.steps() >= MAX_LAB_STEPS || !r.step(&self.loss) {
                    break;
                }
                taken += 1;
            }
        }
        taken
    }

    /// Whether every run has diverged or taken `MAX_LAB_STEPS` steps.
    pub fn all_finished(&self) -> bool {
        self.runs
            .iter()
            .all(|r| r.diverged() || r.steps() >= MAX_LAB_STEPS)
    }

    /// Each run's numbers, B = N, B = 1, B = k.
    pub fn summary(&self) -> Vec<RunSummary> {
        self.runs
            .iter()
            .map(|r| RunSummary {
                batch_size: r.batch_size,
                batches_per_epoch: r.batches_per_epoch(),
                steps: r.steps(),
                epochs: r.epochs(),
                loss: *r.loss().last().expect("a run records its start"),
                point: r.point(),
                diverged: r.diverged(),
            })
            .collect()
    }

    /// The `train` spec of each run (B = N, B = 1, B = k), for
    /// `keras_code`: the lab's data inline as `fit(x, y)` takes it, the
    /// line y ≈ w₀ + w₁x as one `Dense(1)` (kernel w₁, bias w₀) starting
    /// at the runs' start, plain SGD at the lab's rate, the run's batch
    /// size and batch order (its seed), and the whole epochs covering the
    /// steps taken (before the first step, those of `MAX_LAB_STEPS`).
    /// `train` then ends where the run is after those epochs.
    pub fn keras_specs(&self) -> Vec<Value> {
        let data = self.data();
        let x = Value::Array(data.x.iter().map(|v| numbers(&[*v])).collect());
        let [w0, w1] = self.loss.start();
        self.runs
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let steps = if r.steps() == 0 {
                    MAX_LAB_STEPS
                } else {
                    r.steps()
                };
                let dataset = object([
                    ("x", x.clone()),
                    ("y", numbers(&data.y)),
                    ("validation_split", 0.into()),
                ]);
                let kernel = Value::Array(vec![numbers(&[w1])]);
                let model = object([
                    ("hidden", Value::Array(Vec::new())),
                    (
                        "initial_weights",
                        Value::Array(vec![kernel, numbers(&[w0])]),
                    ),
                ]);
                let optimizer = object([
                    ("name", "sgd".into()),
                    ("learning_rate", self.learning_rate.into()),
                ]);
                object([
                    ("dataset", dataset),
                    ("model", model),
                    ("optimizer", optimizer),
                    ("batch_size", r.batch_size.into()),
                    (
                        "epochs",
                        steps.div_ceil(r.batches_per_epoch()).max(1).into(),
                    ),
                    ("shuffle", true.into()),
                    ("seed", self.run_seed(i).into()),
                ])
            })
            .collect()
    }

    /// The mini-batch run's current point, where the plots look.
    fn here(&self) -> Point {
        self.runs[MINI_BATCH].point()
    }

    /// The cloud of mini-batch gradients at the B = k run's current point.
    pub fn cloud(&self) -> Cloud {
        Cloud::new(&self.loss, self.here(), self.batch_size, self.seed)
    }

    /// The variance of the mini-batch gradient against B, at the B = k
    /// run's current point.
    pub fn variance_plot(&self) -> VariancePlot {
        VariancePlot::new(self.data(), self.here(), self.batch_size, self.seed)
    }
}
