//! Lion, as `keras.optimizers.Lion`.
//!
//! Defaults: learning_rate = 0.001, beta_1 = 0.9, beta_2 = 0.99.
//!
//! ```text
//! w ← w − η·sign(β₁·m + (1 − β₁)·g)
//! m ← β₂·m + (1 − β₂)·g
//! ```
//!
//! Every coordinate moves by exactly η each step, whatever the gradient's
//! size, so Lion wants a smaller η than Adam (its paper suggests 3–10×).

use super::{Definition, Hyperparameter, Kind, OptimizerConfig, UpdateRule};

pub const DEFINITION: Definition = Definition {
    name: "lion",
    hyperparameters: HYPERPARAMETERS,
    note: "Every coordinate moves by exactly η per step, whatever the gradient's size, so Lion wants an η 3–10× smaller than Adam's.",
    rule: |_| {
        vec![
            r"w ← w − η sign(β_1 m + (1 − β_1) g)",
            r"m ← β_2 m + (1 − β_2) g",
        ]
    },
    new: |config, n| Box::new(Lion::new(config, n)),
};

pub const HYPERPARAMETERS: &[Hyperparameter] = &[
    Hyperparameter::new("learning_rate", 0.001, Kind::LearningRate, "step size η"),
    Hyperparameter::new(
        "beta_1",
        0.9,
        Kind::Fraction,
        "mix of momentum and gradient in the step (β₁)",
    ),
    Hyperparameter::new(
        "beta_2",
        0.99,
        Kind::Fraction,
        "decay of the momentum m (β₂)",
    ),
];

pub struct Lion {
    beta_1: f64,
    beta_2: f64,
    m: Vec<f64>,
}

impl Lion {
    pub fn new(config: &OptimizerConfig, n: usize) -> Self {
        Lion {
            beta_1: config.get("beta_1"),
            beta_2: config.get("beta_2"),
            m: vec![0.0; n],
        }
    }
}

/// sign(0) = 0, as in Keras (Rust's `signum` gives ±1 for ±0).
fn sign(x: f64) -> f64 {
    if x > 0.0 {
        1.0
    } else if x < 0.0 {
        -1.0
    } else {
        0.0
    }
}

impl UpdateRule for Lion {
    fn update(&mut self, w: &mut [f64], g: &[f64], lr: f64, _iteration: u64) {
        for ((w, g), m) in w.iter_mut().zip(g).zip(self.m.iter_mut()) {
            *w -= lr * sign(*m * self.beta_1 + g * (1.0 - self.beta_1));
            *m = *m * self.beta_2 + g * (1.0 - self.beta_2);
        }
    }

    fn live_values(&self, _iteration: u64) -> Vec<(&'static str, Vec<f64>)> {
        vec![("m", self.m.clone())]
    }

    fn effective_learning_rate(&self, lr: f64, _iteration: u64, out: &mut [f64]) {
        out.fill(lr);
    }
}
