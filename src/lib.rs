//! Descent: an interactive lab for how neural networks are trained.
//!
//! The engine (everything but `web`) is pure Rust: loss landscapes,
//! Keras-exact optimizers, the trajectory runner, the neural networks and
//! the scriptable entry points. It builds and tests natively. `web` is the
//! thin wasm-bindgen layer the browser app talks to, and exists only on
//! wasm32.

pub mod catalogue;
pub mod format;
pub mod json;
pub mod keras;
pub mod labs;
pub mod landscape;
pub mod nn;
pub mod optim;
pub mod random;
pub mod render;
pub mod run;
pub mod spec;
pub mod train;

#[cfg(target_arch = "wasm32")]
pub mod web;

pub use run::simulate::{simulate, simulate_json, SimulateResult, SimulateSpec};
