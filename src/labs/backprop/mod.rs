//! The backpropagation lab: the lecture's two-weight network, every number
//! of its forward and backward pass, a gradient-descent path on its loss
//! J(w₁, w₂), and the slice of J along one weight with the tangent the
//! chain rule predicts.
//!
//! - `network`: the network and its chain rule, J as a `Landscape`;
//! - `lab`: `BackpropLab`, the weights and the path, as the view runs them;
//! - `slice`: `Slice`, J along one weight, as plain numbers to draw.

mod lab;
mod network;
mod slice;

pub use lab::{
    activation, BackpropLab, Convergence, Nudge, EXAMPLE_LIMIT, GRADIENT_TOLERANCE, LOSS_TOLERANCE,
    MAX_PATH_STEPS, NUDGE_LIMIT, WEIGHT_LIMIT,
};
pub use network::{ChainNetwork, ChainValues, Weight};
pub use slice::{Slice, SLICE_SAMPLES};
