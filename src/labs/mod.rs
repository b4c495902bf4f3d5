//! One lab per lesson of the lecture: the optimizer race, the learning-rate
//! lab, the mini-batch lab and the backpropagation lab. Each owns its runs
//! and state, so the web layer only holds a handle to one of them.
//!
//! May import: `landscape`, `optim`, `nn`, `run`, `train`, `spec`. Knows no
//! picture or canvas.

pub mod backprop;
pub mod learning_rate;
pub mod minibatch;
pub mod race;
pub mod range_test;
pub mod run_group;
