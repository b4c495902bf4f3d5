//! One lab per lesson of the lecture: the optimizer race, the learning-rate
//! lab, the mini-batch lab and the backpropagation lab. Each owns its runs
//! and state, so the web layer only holds a handle to one of them.
//!
//! May import: `landscape`, `optim`, `nn`, `run`, `train`, `spec`. Knows no
//! picture or canvas.

pub mod backprop;
pub mod learning_rate;
pub mod lecture;
pub mod minibatch;
pub mod race;
pub mod range_test;
pub mod run_group;
pub mod suggest;

use crate::spec::SpecError;

/// The largest learning rate the backprop and mini-batch labs take, as
/// their fields do: past it every one of their paths leaves the view.
pub const MAX_LAB_LEARNING_RATE: f64 = 10.0;

/// A lab's learning rate as its field accepts it: a finite number > 0 and
/// ≤ `MAX_LAB_LEARNING_RATE`, or an error naming `learning_rate`.
pub fn check_learning_rate(x: f64) -> Result<f64, SpecError> {
    if !x.is_finite() {
        return Err(SpecError::new(
            "learning_rate",
            format!("must be a finite number, got {x}"),
        ));
    }
    if x > 0.0 && x <= MAX_LAB_LEARNING_RATE {
        Ok(x)
    } else {
        Err(SpecError::new(
            "learning_rate",
            format!("must be > 0 and ≤ {MAX_LAB_LEARNING_RATE}, got {x}"),
        ))
    }
}
