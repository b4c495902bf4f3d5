//! Adamax, as `keras.optimizers.Adamax`.
//!
//! Defaults: learning_rate = 0.001, beta_1 = 0.9, beta_2 = 0.999,
//! epsilon = 1e-7.
//!
//! ```text
//! t ← iterations + 1
//! m ← m + (g − m)·(1 − β₁)
//! u ← max(β₂·u, |g|)
//! w ← w − η·m / ((1 − β₁ᵗ)·(u + ε))
//! ```
//!
//! Adam with the L∞ norm in place of the L2 norm of past gradients.

use super::{Definition, Hyperparameter, Kind, OptimizerConfig, UpdateRule};

pub const DEFINITION: Definition = Definition {
    name: "adamax",
    hyperparameters: HYPERPARAMETERS,
    note: "Adam with the largest recent gradient (the L∞ norm) in place of the mean square; only m is bias-corrected.",
    rule: |_| {
        vec![
            r"m ← m + (g − m)(1 − β_1)",
            r"u ← max(β_2 u, |g|)",
            r"w ← w − \frac{η m}{(1 − β_1^t)(u + ε)}",
        ]
    },
    new: |config, n| Box::new(Adamax::new(config, n)),
};

pub const HYPERPARAMETERS: &[Hyperparameter] = &[
    Hyperparameter::new("learning_rate", 0.001, Kind::LearningRate, "step size η"),
    Hyperparameter::new(
        "beta_1",
        0.9,
        Kind::Fraction,
        "decay of the first moment m (β₁)",
    ),
    Hyperparameter::new(
        "beta_2",
        0.999,
        Kind::Fraction,
        "decay of the infinity norm u (β₂)",
    ),
    Hyperparameter::new(
        "epsilon",
        1e-7,
        Kind::NonNegative,
        "keeps the division finite",
    ),
];

pub struct Adamax {
    beta_1: f64,
    beta_2: f64,
    epsilon: f64,
    m: Vec<f64>,
    u: Vec<f64>,
}

impl Adamax {
    pub fn new(config: &OptimizerConfig, n: usize) -> Self {
        Adamax {
            beta_1: config.get("beta_1"),
            beta_2: config.get("beta_2"),
            epsilon: config.get("epsilon"),
            m: vec![0.0; n],
            u: vec![0.0; n],
        }
    }
}

impl UpdateRule for Adamax {
    fn update(&mut self, w: &mut [f64], g: &[f64], lr: f64, iteration: u64) {
        let beta_1_power = self.beta_1.powf((iteration + 1) as f64);
        for i in 0..w.len() {
            self.m[i] += (g[i] - self.m[i]) * (1.0 - self.beta_1);
            self.u[i] = (self.beta_2 * self.u[i]).max(g[i].abs());
            w[i] -= lr * self.m[i] / ((1.0 - beta_1_power) * (self.u[i] + self.epsilon));
        }
    }

    fn live_values(&self, t: u64) -> Vec<(&'static str, Vec<f64>)> {
        let c1 = 1.0 - self.beta_1.powf(t as f64);
        vec![
            ("m", self.m.clone()),
            ("u", self.u.clone()),
            (
                "m̂",
                self.m
                    .iter()
                    .map(|m| if t == 0 { 0.0 } else { m / c1 })
                    .collect(),
            ),
        ]
    }

    fn effective_learning_rate(&self, lr: f64, t: u64, out: &mut [f64]) {
        for (o, u) in out.iter_mut().zip(&self.u) {
            *o = if t == 0 { lr } else { lr / (u + self.epsilon) };
        }
    }
}
