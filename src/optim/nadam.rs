//! Nadam, as `keras.optimizers.Nadam`.
//!
//! Defaults: learning_rate = 0.001, beta_1 = 0.9, beta_2 = 0.999,
//! epsilon = 1e-7.
//!
//! ```text
//! t ← iterations + 1
//! μₜ ← β₁·(1 − ½·0.96ᵗ);   μₜ₊₁ ← β₁·(1 − ½·0.96ᵗ⁺¹)
//! Πₜ ← Πₜ₋₁·μₜ             (Π₀ = 1, kept across steps)
//! m ← m + (g − m)·(1 − β₁)
//! v ← v + (g² − v)·(1 − β₂)
//! m̂ ← μₜ₊₁·m / (1 − Πₜ·μₜ₊₁) + (1 − μₜ)·g / (1 − Πₜ)
//! v̂ ← v / (1 − β₂ᵗ)
//! w ← w − η·m̂ / (√v̂ + ε)
//! ```
//!
//! Keras's Nadam keeps Dozat's momentum schedule (the 0.96 factor), which
//! PyTorch makes optional. Keras 3 computes μₜ and μₜ₊₁ with 0.96 cast
//! through float32 (`ops.cast(0.96, dtype)` makes a float32 tensor first),
//! but the running product Πₜ ← (Πₜ₋₁·β₁)·(1 − ½·0.96ᵗ) with the float64
//! 0.96; we do the same, so paths match Keras to the last digit.

use super::{Definition, Hyperparameter, Kind, OptimizerConfig, UpdateRule};

pub const DEFINITION: Definition = Definition {
    name: "nadam",
    hyperparameters: HYPERPARAMETERS,
    note: "Keras keeps Dozat's momentum schedule μₜ (the 0.96 factor), with Πₜ = μ₁·…·μₜ; PyTorch makes it optional.",
    rule: |_| {
        vec![
            r"μ_t ← β_1 (1 − 0.5 · 0.96^t),  Π_t ← Π_{t−1} μ_t",
            r"m ← m + (g − m)(1 − β_1)",
            r"v ← v + (g^2 − v)(1 − β_2)",
            r"\hat{m} ← \frac{μ_{t+1} m}{1 − Π_t μ_{t+1}} + \frac{(1 − μ_t) g}{1 − Π_t}",
            r"\hat{v} ← \frac{v}{1 − β_2^t}",
            r"w ← w − η \frac{\hat{m}}{\sqrt{\hat{v}} + ε}",
        ]
    },
    new: |config, n| Box::new(Nadam::new(config, n)),
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
        "decay of the second moment v (β₂)",
    ),
    Hyperparameter::new(
        "epsilon",
        1e-7,
        Kind::NonNegative,
        "keeps the division finite",
    ),
];

pub struct Nadam {
    beta_1: f64,
    beta_2: f64,
    epsilon: f64,
    u_product: f64,
    m: Vec<f64>,
    v: Vec<f64>,
    m_hat: Vec<f64>,
}

impl Nadam {
    pub fn new(config: &OptimizerConfig, n: usize) -> Self {
        Nadam {
            beta_1: config.get("beta_1"),
            beta_2: config.get("beta_2"),
            epsilon: config.get("epsilon"),
            u_product: 1.0,
            m: vec![0.0; n],
            v: vec![0.0; n],
            m_hat: vec![0.0; n],
        }
    }

    /// μₜ as Keras's `update_step` computes it, with 0.96 rounded to
    /// float32.
    fn mu(&self, t: f64) -> f64 {
        self.beta_1 * (1.0 - 0.5 * (0.96f32 as f64).powf(t))
    }
}

impl UpdateRule for Nadam {
    fn update(&mut self, w: &mut [f64], g: &[f64], lr: f64, iteration: u64) {
        let t = (iteration + 1) as f64;
        // Keras updates the product once per step, before the variables,
        // with the float64 0.96 and in this order.
        self.u_product = self.u_product * self.beta_1 * (1.0 - 0.5 * 0.96f64.powf(t));
        let u_t = self.mu(t);
        let u_t_1 = self.mu(t + 1.0);
        let u_product_t = self.u_product;
        let u_product_t_1 = u_product_t * u_t_1;
        let beta_2_power = self.beta_2.powf(t);
        for i in 0..w.len() {
            self.m[i] += (g[i] - self.m[i]) * (1.0 - self.beta_1);
            self.v[i] += (g[i] * g[i] - self.v[i]) * (1.0 - self.beta_2);
            self.m_hat[i] = u_t_1 * self.m[i] / (1.0 - u_product_t_1)
                + (1.0 - u_t) * g[i] / (1.0 - u_product_t);
            let v_hat = self.v[i] / (1.0 - beta_2_power);
            w[i] -= self.m_hat[i] * lr / (v_hat.sqrt() + self.epsilon);
        }
    }

    fn live_values(&self, t: u64) -> Vec<(&'static str, Vec<f64>)> {
        let c2 = 1.0 - self.beta_2.powf(t as f64);
        vec![
            ("m", self.m.clone()),
            ("v", self.v.clone()),
            ("m̂", self.m_hat.clone()),
            (
                "v̂",
                self.v
                    .iter()
                    .map(|v| if t == 0 { 0.0 } else { v / c2 })
                    .collect(),
            ),
        ]
    }

    fn effective_learning_rate(&self, lr: f64, t: u64, out: &mut [f64]) {
        let c2 = 1.0 - self.beta_2.powf(t as f64);
        for (o, v) in out.iter_mut().zip(&self.v) {
            *o = if t == 0 {
                lr
            } else {
                lr / ((v / c2).sqrt() + self.epsilon)
            };
        }
    }
}
