//! Adaptive learning rates, made visible: the step size each coordinate
//! actually gets, step by step, read from the optimizer's own state (η for
//! SGD, η/√(a + ε) for Adagrad, η/(√v̂ + ε̂) for Adam, …; see
//! `UpdateRule::effective_learning_rate`).

use crate::run::simulate::SimulateSpec;
use crate::run::trajectory::Status;

/// Per step, the effective learning rate of each coordinate.
#[derive(Clone, Debug, PartialEq)]
pub struct AdaptiveRates {
    /// Interleaved [η_x(1), η_y(1), η_x(2), η_y(2), …]: the rate each
    /// coordinate got in each step taken.
    pub effective: Vec<f64>,
    /// The nominal learning rate η of each step (the schedule's value).
    pub nominal: Vec<f64>,
    pub status: Status,
}

/// Runs `spec` and records the effective per-coordinate learning rates.
pub fn adaptive_rates(spec: &SimulateSpec) -> AdaptiveRates {
    let mut t = spec.trajectory();
    let mut effective = Vec::new();
    let mut nominal = Vec::new();
    loop {
        let before = t.steps();
        t.step();
        if t.steps() == before {
            // Finished, or the step left the finite world and was dropped.
            break;
        }
        let optimizer = t.optimizer();
        effective.extend(optimizer.effective_learning_rate());
        nominal.push(optimizer.last_learning_rate());
    }
    AdaptiveRates {
        effective,
        nominal,
        status: t.status(),
    }
}
