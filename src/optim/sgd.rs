//! SGD, as `keras.optimizers.SGD`.
//!
//! Defaults: learning_rate = 0.01, momentum = 0.0, nesterov = False.
//!
//! Without momentum:   w ← w − η·g
//! With momentum μ:    m ← μ·m − η·g
//! ```text
//!                 w ← w + m                (nesterov = False)
//!                 w ← w + μ·m − η·g        (nesterov = True, with the new m)
//! ```
//!
//! This is Keras's form of momentum, where η sits inside the velocity.
//! PyTorch's form (m ← μm + g; w ← w − ηm) gives the same path only while η
//! is constant; when the UI slider moves η mid-run, they part ways.

use super::{Definition, Hyperparameter, Kind, OptimizerConfig, UpdateRule};

pub const DEFINITION: Definition = Definition {
    name: "sgd",
    hyperparameters: HYPERPARAMETERS,
    note: "Keras's momentum keeps η inside the velocity m, so moving the slider mid-run changes only new steps (PyTorch's m ← μm + g; w ← w − ηm rescales the old ones too).",
    rule,
    new: |config, n| Box::new(Sgd::new(config, n)),
};

fn rule(config: &OptimizerConfig) -> Vec<&'static str> {
    if config.get("momentum") == 0.0 {
        vec!["w ← w − η g"]
    } else if config.flag("nesterov") {
        vec!["m ← μ m − η g", "w ← w + μ m − η g"]
    } else {
        vec!["m ← μ m − η g", "w ← w + m"]
    }
}

pub const HYPERPARAMETERS: &[Hyperparameter] = &[
    Hyperparameter::new("learning_rate", 0.01, Kind::LearningRate, "step size η"),
    Hyperparameter::new(
        "momentum",
        0.0,
        Kind::Fraction,
        "velocity decay μ; 0 is plain gradient descent",
    ),
    Hyperparameter::new("nesterov", 0.0, Kind::Flag, "look ahead along the velocity"),
];

pub struct Sgd {
    momentum: f64,
    nesterov: bool,
    m: Vec<f64>,
}

impl Sgd {
    pub fn new(config: &OptimizerConfig, n: usize) -> Self {
        Sgd {
            momentum: config.get("momentum"),
            nesterov: config.flag("nesterov"),
            m: vec![0.0; n],
        }
    }
}

impl UpdateRule for Sgd {
    fn update(&mut self, w: &mut [f64], g: &[f64], lr: f64, _iteration: u64) {
        let mu = self.momentum;
        if mu == 0.0 {
            for (w, g) in w.iter_mut().zip(g) {
                *w -= g * lr;
            }
            return;
        }
        for ((w, g), m) in w.iter_mut().zip(g).zip(self.m.iter_mut()) {
            *m = *m * mu - g * lr;
            if self.nesterov {
                *w += *m * mu - g * lr;
            } else {
                *w += *m;
            }
        }
    }

    fn live_values(&self, _iteration: u64) -> Vec<(&'static str, Vec<f64>)> {
        if self.momentum == 0.0 {
            Vec::new()
        } else {
            vec![("m", self.m.clone())]
        }
    }

    fn effective_learning_rate(&self, lr: f64, _iteration: u64, out: &mut [f64]) {
        out.fill(lr);
    }
}
