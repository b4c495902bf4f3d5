//! Adam, as `keras.optimizers.Adam` (and the rule inside AdamW).
//!
//! Defaults: learning_rate = 0.001, beta_1 = 0.9, beta_2 = 0.999,
//! epsilon = 1e-7, amsgrad = False.
//!
//! ```text
//! t ← iterations + 1
//! α ← η·√(1 − β₂ᵗ) / (1 − β₁ᵗ)
//! m ← m + (g − m)·(1 − β₁)
//! v ← v + (g² − v)·(1 − β₂)
//! amsgrad:  v̂max ← max(v̂max, v), and use it for v below
//! w ← w − α·m / (√v + ε)
//! ```
//!
//! This is Keras's arrangement: the bias corrections are folded into α, so ε
//! meets the uncorrected √v. It equals η·m̂/(√v̂ + ε̂) with ε̂ = ε·√(1 − β₂ᵗ).
//! Keras's ε is 1e-7 (PyTorch: 1e-8).

use super::{Definition, Hyperparameter, Kind, OptimizerConfig, UpdateRule};

pub const DEFINITION: Definition = Definition {
    name: "adam",
    hyperparameters: HYPERPARAMETERS,
    note: "Keras folds the bias corrections into α, so ε meets the uncorrected √v: this is η·m̂/(√v̂ + ε̂) with ε̂ = ε·√(1 − β₂ᵗ). Keras's ε is 1e-7 (PyTorch: 1e-8).",
    rule,
    new: |config, n| Box::new(Adam::new(config, n)),
};

/// Keras's arrangement, as `update` computes it; shared with AdamW.
pub fn rule(config: &OptimizerConfig) -> Vec<&'static str> {
    let mut lines = vec![
        r"α ← η \frac{\sqrt{1 − β_2^t}}{1 − β_1^t}",
        r"m ← m + (g − m)(1 − β_1)",
        r"v ← v + (g^2 − v)(1 − β_2)",
    ];
    if config.flag("amsgrad") {
        lines.push(r"\hat{v}_{max} ← max(\hat{v}_{max}, v)");
        lines.push(r"w ← w − α \frac{m}{\sqrt{\hat{v}_{max}} + ε}");
    } else {
        lines.push(r"w ← w − α \frac{m}{\sqrt{v} + ε}");
    }
    lines
}

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
        "decay of the second moment v (β₂)",
    ),
    Hyperparameter::new(
        "epsilon",
        1e-7,
        Kind::NonNegative,
        "keeps the division finite",
    ),
    Hyperparameter::new("amsgrad", 0.0, Kind::Flag, "use the running maximum of v"),
];

pub struct Adam {
    beta_1: f64,
    beta_2: f64,
    epsilon: f64,
    amsgrad: bool,
    m: Vec<f64>,
    v: Vec<f64>,
    v_max: Vec<f64>,
}

impl Adam {
    pub fn new(config: &OptimizerConfig, n: usize) -> Self {
        Adam {
            beta_1: config.get("beta_1"),
            beta_2: config.get("beta_2"),
            epsilon: config.get("epsilon"),
            amsgrad: config.flag("amsgrad"),
            m: vec![0.0; n],
            v: vec![0.0; n],
            v_max: vec![0.0; n],
        }
    }

    fn second_moment(&self) -> &[f64] {
        if self.amsgrad {
            &self.v_max
        } else {
            &self.v
        }
    }
}

impl UpdateRule for Adam {
    fn update(&mut self, w: &mut [f64], g: &[f64], lr: f64, iteration: u64) {
        let t = (iteration + 1) as f64;
        let beta_1_power = self.beta_1.powf(t);
        let beta_2_power = self.beta_2.powf(t);
        let alpha = lr * (1.0 - beta_2_power).sqrt() / (1.0 - beta_1_power);
        for i in 0..w.len() {
            self.m[i] += (g[i] - self.m[i]) * (1.0 - self.beta_1);
            self.v[i] += (g[i] * g[i] - self.v[i]) * (1.0 - self.beta_2);
            if self.amsgrad {
                self.v_max[i] = self.v_max[i].max(self.v[i]);
            }
            let v = if self.amsgrad {
                self.v_max[i]
            } else {
                self.v[i]
            };
            w[i] -= self.m[i] * alpha / (v.sqrt() + self.epsilon);
        }
    }

    fn live_values(&self, t: u64) -> Vec<(&'static str, Vec<f64>)> {
        let c1 = 1.0 - self.beta_1.powf(t as f64);
        let c2 = 1.0 - self.beta_2.powf(t as f64);
        let mut values = vec![
            ("m", self.m.clone()),
            ("v", self.v.clone()),
            (
                "m̂",
                self.m
                    .iter()
                    .map(|m| if t == 0 { 0.0 } else { m / c1 })
                    .collect(),
            ),
            (
                "v̂",
                self.second_moment()
                    .iter()
                    .map(|v| if t == 0 { 0.0 } else { v / c2 })
                    .collect(),
            ),
        ];
        if self.amsgrad {
            values.push(("v̂max", self.v_max.clone()));
        }
        values
    }

    fn effective_learning_rate(&self, lr: f64, t: u64, out: &mut [f64]) {
        // η/(√v̂ + ε̂) for the step just taken; before any step, η.
        if t == 0 {
            out.fill(lr);
            return;
        }
        let c2 = (1.0 - self.beta_2.powf(t as f64)).sqrt();
        for (o, v) in out.iter_mut().zip(self.second_moment()) {
            *o = lr * c2 / (v.sqrt() + self.epsilon);
        }
    }
}
