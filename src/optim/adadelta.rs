//! Adadelta, as `keras.optimizers.Adadelta`.
//!
//! Defaults: learning_rate = 0.001, rho = 0.95, epsilon = 1e-7.
//!
//! ```text
//! E[g²] ← ρ·E[g²] + (1 − ρ)·g²
//! Δ     ← −√(E[Δ²] + ε) / √(E[g²] + ε) · g
//! E[Δ²] ← ρ·E[Δ²] + (1 − ρ)·Δ²
//! w     ← w + η·Δ
//! ```
//!
//! Keras's default η is 0.001, so Adadelta crawls unless you raise it;
//! Zeiler's paper (and PyTorch) use η = 1.

use super::{Definition, Hyperparameter, Kind, OptimizerConfig, UpdateRule};

pub const DEFINITION: Definition = Definition {
    name: "adadelta",
    hyperparameters: HYPERPARAMETERS,
    note: "Keras's default η is 0.001, so Adadelta crawls until you raise it (Zeiler's paper and PyTorch use η = 1).",
    rule: |_| {
        vec![
            r"E[g^2] ← ρ E[g^2] + (1 − ρ) g^2",
            r"Δ ← −\frac{\sqrt{E[Δ^2] + ε}}{\sqrt{E[g^2] + ε}} g",
            r"E[Δ^2] ← ρ E[Δ^2] + (1 − ρ) Δ^2",
            r"w ← w + η Δ",
        ]
    },
    new: |config, n| Box::new(Adadelta::new(config, n)),
};

pub const HYPERPARAMETERS: &[Hyperparameter] = &[
    Hyperparameter::new("learning_rate", 0.001, Kind::LearningRate, "step size η"),
    Hyperparameter::new(
        "rho",
        0.95,
        Kind::Fraction,
        "decay of the running averages ρ",
    ),
    Hyperparameter::new(
        "epsilon",
        1e-7,
        Kind::NonNegative,
        "keeps the division finite",
    ),
];

pub struct Adadelta {
    rho: f64,
    epsilon: f64,
    accumulated_grad: Vec<f64>,
    accumulated_delta: Vec<f64>,
    /// η·√(E[Δ²] + ε)/√(E[g²] + ε) as the last step applied it.
    last_rate: Vec<f64>,
}

impl Adadelta {
    pub fn new(config: &OptimizerConfig, n: usize) -> Self {
        Adadelta {
            rho: config.get("rho"),
            epsilon: config.get("epsilon"),
            accumulated_grad: vec![0.0; n],
            accumulated_delta: vec![0.0; n],
            last_rate: vec![0.0; n],
        }
    }
}

impl UpdateRule for Adadelta {
    fn update(&mut self, w: &mut [f64], g: &[f64], lr: f64, _iteration: u64) {
        let (rho, eps) = (self.rho, self.epsilon);
        for ((((w, g), eg), ed), rate) in w
            .iter_mut()
            .zip(g)
            .zip(self.accumulated_grad.iter_mut())
            .zip(self.accumulated_delta.iter_mut())
            .zip(self.last_rate.iter_mut())
        {
            *eg = rho * *eg + (1.0 - rho) * (g * g);
            let delta = -((*ed + eps).sqrt() * g / (*eg + eps).sqrt());
            *rate = lr * (*ed + eps).sqrt() / (*eg + eps).sqrt();
            *ed = rho * *ed + (1.0 - rho) * (delta * delta);
            *w += lr * delta;
        }
    }

    fn live_values(&self, _iteration: u64) -> Vec<(&'static str, Vec<f64>)> {
        vec![
            ("E[g²]", self.accumulated_grad.clone()),
            ("E[Δ²]", self.accumulated_delta.clone()),
        ]
    }

    fn effective_learning_rate(&self, lr: f64, iteration: u64, out: &mut [f64]) {
        if iteration == 0 {
            out.fill(lr);
        } else {
            out.copy_from_slice(&self.last_rate);
        }
    }
}
