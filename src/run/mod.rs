//! Runs on a 2D landscape: one optimizer's trajectory and how it ended, the
//! `simulate` and `sweep` entry points built on it, and the per-coordinate
//! learning rates the adaptive optimizers really use.
//!
//! May import: `landscape`, `optim`, `spec`. Knows no lab, picture or canvas.

pub mod adaptive;
pub mod gap;
pub mod outcome;
pub mod simulate;
pub mod sweep;
pub mod trajectory;
