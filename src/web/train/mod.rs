//! The training view's handles: `Training` and `train`, its pictures, and
//! the mini-batch lab.

pub mod fit;
pub mod history;
pub mod minibatch;
pub mod network;
pub mod training;
