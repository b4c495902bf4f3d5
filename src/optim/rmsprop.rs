//! RMSprop, as `keras.optimizers.RMSprop`.
//!
//! Defaults: learning_rate = 0.001, rho = 0.9, momentum = 0.0,
//! epsilon = 1e-7, centered = False.
//!
//! ```text
//! v ← ρ·v + (1 − ρ)·g²
//! centered:   ḡ ← ρ·ḡ + (1 − ρ)·g;   d ← v − ḡ² + ε
//! otherwise:  d ← v + ε
//! Δ ← η·g / √d
//! momentum μ > 0:  m ← μ·m + Δ;  w ← w − m
//! otherwise:       w ← w − Δ
//! ```
//!
//! Keras puts ε inside the square root (PyTorch: outside).

use super::{Definition, Hyperparameter, Kind, OptimizerConfig, UpdateRule};

pub const DEFINITION: Definition = Definition {
    name: "rmsprop",
    hyperparameters: HYPERPARAMETERS,
    note: "Keras puts ε inside the square root (PyTorch: outside).",
    rule,
    new: |config, n| Box::new(Rmsprop::new(config, n)),
};

fn rule(config: &OptimizerConfig) -> Vec<&'static str> {
    let centered = config.flag("centered");
    let momentum = config.get("momentum") > 0.0;
    let mut lines = vec![r"v ← ρ v + (1 − ρ) g^2"];
    if centered {
        lines.push(r"\bar{g} ← ρ \bar{g} + (1 − ρ) g");
    }
    lines.push(match (momentum, centered) {
        (false, false) => r"w ← w − \frac{η g}{\sqrt{v + ε}}",
        (false, true) => r"w ← w − \frac{η g}{\sqrt{v − \bar{g}^2 + ε}}",
        (true, false) => r"m ← μ m + \frac{η g}{\sqrt{v + ε}}",
        (true, true) => r"m ← μ m + \frac{η g}{\sqrt{v − \bar{g}^2 + ε}}",
    });
    if momentum {
        lines.push(r"w ← w − m");
    }
    lines
}

pub const HYPERPARAMETERS: &[Hyperparameter] = &[
    Hyperparameter::new("learning_rate", 0.001, Kind::LearningRate, "step size η"),
    Hyperparameter::new(
        "rho",
        0.9,
        Kind::Fraction,
        "decay of the running average of g² (ρ)",
    ),
    Hyperparameter::new(
        "momentum",
        0.0,
        Kind::Fraction,
        "momentum μ on the scaled step",
    ),
    Hyperparameter::new(
        "epsilon",
        1e-7,
        Kind::NonNegative,
        "keeps the division finite",
    ),
    Hyperparameter::new(
        "centered",
        0.0,
        Kind::Flag,
        "divide by the variance instead of the raw second moment",
    ),
];

pub struct Rmsprop {
    rho: f64,
    momentum: f64,
    epsilon: f64,
    centered: bool,
    velocity: Vec<f64>,
    average_gradient: Vec<f64>,
    m: Vec<f64>,
}

impl Rmsprop {
    pub fn new(config: &OptimizerConfig, n: usize) -> Self {
        Rmsprop {
            rho: config.get("rho"),
            momentum: config.get("momentum"),
            epsilon: config.get("epsilon"),
            centered: config.flag("centered"),
            velocity: vec![0.0; n],
            average_gradient: vec![0.0; n],
            m: vec![0.0; n],
        }
    }

    fn denominator(&self, i: usize) -> f64 {
        if self.centered {
            self.velocity[i] - self.average_gradient[i] * self.average_gradient[i] + self.epsilon
        } else {
            self.velocity[i] + self.epsilon
        }
    }
}

impl UpdateRule for Rmsprop {
    fn update(&mut self, w: &mut [f64], g: &[f64], lr: f64, _iteration: u64) {
        let rho = self.rho;
        for i in 0..w.len() {
            let gi = g[i];
            self.velocity[i] = rho * self.velocity[i] + (1.0 - rho) * (gi * gi);
            if self.centered {
                self.average_gradient[i] = rho * self.average_gradient[i] + (1.0 - rho) * gi;
            }
            let increment = lr * gi / self.denominator(i).sqrt();
            if self.momentum > 0.0 {
                self.m[i] = self.momentum * self.m[i] + increment;
                w[i] -= self.m[i];
            } else {
                w[i] -= increment;
            }
        }
    }

    fn live_values(&self, _iteration: u64) -> Vec<(&'static str, Vec<f64>)> {
        let mut values = vec![("v", self.velocity.clone())];
        if self.centered {
            values.push(("ḡ", self.average_gradient.clone()));
        }
        if self.momentum > 0.0 {
            values.push(("m", self.m.clone()));
        }
        values
    }

    fn effective_learning_rate(&self, lr: f64, _iteration: u64, out: &mut [f64]) {
        for (i, o) in out.iter_mut().enumerate() {
            *o = lr / self.denominator(i).sqrt();
        }
    }
}
