//! Adagrad, as `keras.optimizers.Adagrad`.
//!
//! Defaults: learning_rate = 0.001, initial_accumulator_value = 0.1,
//! epsilon = 1e-7.
//!
//! ```text
//! a ← a + g²
//! w ← w − η·g / √(a + ε)
//! ```
//!
//! Keras puts ε inside the square root, and seeds the accumulator with 0.1
//! (PyTorch: outside, and 0).

use super::{Definition, Hyperparameter, Kind, OptimizerConfig, UpdateRule};

pub const DEFINITION: Definition = Definition {
    name: "adagrad",
    hyperparameters: HYPERPARAMETERS,
    note: "Keras puts ε inside the square root and starts the accumulator at a₀ = 0.1 (PyTorch: outside, and 0).",
    rule: |_| vec![r"a ← a + g^2", r"w ← w − \frac{η g}{\sqrt{a + ε}}"],
    new: |config, n| Box::new(Adagrad::new(config, n)),
};

pub const HYPERPARAMETERS: &[Hyperparameter] = &[
    Hyperparameter::new("learning_rate", 0.001, Kind::LearningRate, "step size η"),
    Hyperparameter::new(
        "initial_accumulator_value",
        0.1,
        Kind::NonNegative,
        "starting value of the sum of squared gradients",
    ),
    Hyperparameter::new(
        "epsilon",
        1e-7,
        Kind::NonNegative,
        "keeps the division finite",
    ),
];

pub struct Adagrad {
    epsilon: f64,
    accumulator: Vec<f64>,
}

impl Adagrad {
    pub fn new(config: &OptimizerConfig, n: usize) -> Self {
        Adagrad {
            epsilon: config.get("epsilon"),
            accumulator: vec![config.get("initial_accumulator_value"); n],
        }
    }
}

impl UpdateRule for Adagrad {
    fn update(&mut self, w: &mut [f64], g: &[f64], lr: f64, _iteration: u64) {
        for ((w, g), a) in w.iter_mut().zip(g).zip(self.accumulator.iter_mut()) {
            *a += g * g;
            *w -= lr * g / (*a + self.epsilon).sqrt();
        }
    }

    fn live_values(&self, _iteration: u64) -> Vec<(&'static str, Vec<f64>)> {
        vec![("a", self.accumulator.clone())]
    }

    fn effective_learning_rate(&self, lr: f64, _iteration: u64, out: &mut [f64]) {
        for (o, a) in out.iter_mut().zip(&self.accumulator) {
            *o = lr / (a + self.epsilon).sqrt();
        }
    }
}
