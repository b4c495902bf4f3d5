//! Small multilayer perceptrons, trained by backpropagation.
//!
//! The network keeps its weights in one flat `Vec<f64>`, and backprop writes
//! its gradient into a flat slice of the same layout, so the optimizers of
//! `crate::optim` train networks unchanged: there is no second optimizer
//! code path.

mod activation;
mod early_stopping;
mod elementary;
pub mod keras_weights;
mod network;
mod products;

pub use activation::{Activation, ACTIVATIONS};
pub use early_stopping::EarlyStopping;
pub use keras_weights::DenseWeights;
pub use network::{Initializer, Loss, Network, Workspace, INITIALIZERS};
