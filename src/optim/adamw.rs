//! AdamW, as `keras.optimizers.AdamW`.
//!
//! Defaults: learning_rate = 0.001, weight_decay = 0.004, beta_1 = 0.9,
//! beta_2 = 0.999, epsilon = 1e-7, amsgrad = False.
//!
//! ```text
//! w ← w − w·weight_decay·η        (decoupled decay, before the step)
//! then exactly Adam's rule (see adam.rs).
//! ```
//!
//! Keras implements AdamW as Adam with a non-zero default weight_decay; the
//! decay itself is the base optimizer's, shared by every optimizer here.

use super::adam::{self, Adam};
use super::{Definition, Hyperparameter, Kind};

pub const DEFINITION: Definition = Definition {
    name: "adamw",
    hyperparameters: HYPERPARAMETERS,
    note: "AdamW is Adam with decoupled weight decay, w ← w − λ·η·w before each step; Keras's default λ is 0.004 (PyTorch: 0.01).",
    rule: adam::rule,
    new: |config, n| Box::new(Adam::new(config, n)),
};

pub const HYPERPARAMETERS: &[Hyperparameter] = &[
    Hyperparameter::new("learning_rate", 0.001, Kind::LearningRate, "step size η"),
    Hyperparameter::new(
        "weight_decay",
        0.004,
        Kind::NonNegative,
        "decoupled weight decay: w ← w − w·weight_decay·η before each step",
    ),
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
