//! The mini-batch lab: linear regression y ≈ w₀ + w₁x, small enough that
//! its exact loss J(w₀, w₁) is a 2D landscape we can draw, so that full-batch
//! gradient descent, SGD (B = 1) and mini-batches (B = k) can be watched
//! walking the same surface.
//!
//! The lecture's claims, each measurable here:
//! - B = 1 is cheap per step but noisy: its path wanders around the
//!   full-batch path;
//! - a mini-batch gradient is an unbiased estimate of the true gradient
//!   whose variance falls roughly as 1/B (exactly as (N − B)/(B·(N − 1))
//!   times the single-sample variance, sampling without replacement).

//!
//! - `regression`: the data and its exact loss, a `Landscape`;
//! - `run`: `MiniBatchRun`, one run of mini-batch descent on it;
//! - `gradients`: the cloud of mini-batch gradients and their variance;
//! - `lab`: `MiniBatchLab`, the three runs (B = N, B = 1, B = k) the view
//!   shows, with their settings;
//! - `plots`: the numbers of the lab's three small plots, for the view to
//!   draw as they are.

mod gradients;
mod lab;
mod plots;
mod regression;
mod run;

pub use gradients::{gradient_cloud, gradient_variance, gradient_variance_exact};
pub use lab::{
    MiniBatchLab, RunSummary, FULL_BATCH, MAX_LAB_STEPS, MAX_NOISE, MAX_SAMPLES, MAX_SEED,
    MINI_BATCH, MIN_SAMPLES, SINGLE_SAMPLE,
};
pub use plots::{epoch_times, Cloud, EpochTimes, VariancePlot, CLOUD_SAMPLES, VARIANCE_SAMPLES};
pub use regression::{RegressionData, RegressionLoss};
pub use run::MiniBatchRun;
