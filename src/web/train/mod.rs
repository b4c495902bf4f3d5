//! The training view's handles: `Training` and `train`, its pictures, and
//! the mini-batch lab.

pub mod draw;
pub mod minibatch;
pub mod training;
