//! Descent: an interactive lab for how neural networks are trained.
//!
//! The engine (everything but `web`) is pure Rust: loss landscapes,
//! Keras-exact optimizers, the trajectory runner, the neural networks and
//! the scriptable entry points. It builds and tests natively. `web` is the
//! thin wasm-bindgen layer the browser app talks to, and exists only on
//! wasm32.

pub mod activation_maps;
pub mod adaptive;
pub mod chain_rule;
pub mod contour;
pub mod dataset;
pub mod heatmap;
pub mod landscape;
pub mod lr_lab;
pub mod minibatch;
pub mod nn;
pub mod optim;
pub mod outcome;
pub mod race;
pub mod simulate;
pub mod spec;
pub mod sweep;
pub mod train;
pub mod trajectory;
pub mod viewport;

#[cfg(target_arch = "wasm32")]
pub mod web;

pub use simulate::{simulate, simulate_json, SimulateResult, SimulateSpec};
