//! A run's ending in the lecture's words: "stuck in a local minimum at
//! loss 0.61", "converged to the global minimum in 143 steps", "diverged at
//! step 12". The judgement (which minimum a point reached) belongs to the
//! engine, so every view words it the same way.

pub use crate::format::format_loss;
use crate::landscape::{Landscape, Point};
use crate::run::trajectory::Status;

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Outcome {
    /// Still going.
    Running {
        step: usize,
        loss: f64,
    },
    /// Converged at the first (global) known minimum.
    GlobalMinimum {
        step: usize,
        loss: f64,
    },
    /// Converged at another known minimum (index into `minima()`).
    LocalMinimum {
        step: usize,
        loss: f64,
        index: usize,
    },
    /// Converged somewhere that is not a known minimum (a saddle, a flat
    /// spot, or a landscape whose minima are not all listed).
    Stalled {
        step: usize,
        loss: f64,
        point: Point,
    },
    Diverged {
        step: usize,
    },
    OutOfSteps {
        step: usize,
        loss: f64,
    },
}

/// How close (relative to the window's size) a point must be to a known
/// minimum to count as having reached it.
const NEAR: f64 = 1e-3;

impl Outcome {
    /// Judges a run that is at `point` with `loss`, given its status.
    pub fn judge(
        landscape: &dyn Landscape,
        status: Status,
        steps: usize,
        point: Point,
        loss: f64,
    ) -> Self {
        match status {
            Status::Running => Outcome::Running { step: steps, loss },
            Status::Diverged { step, .. } => Outcome::Diverged { step },
            Status::OutOfSteps { step } => Outcome::OutOfSteps { step, loss },
            Status::Converged { step } => {
                let w = landscape.window();
                let scale = w.width().max(w.height());
                let nearest = landscape
                    .minima()
                    .iter()
                    .enumerate()
                    .map(|(i, m)| (i, (m[0] - point[0]).hypot(m[1] - point[1])))
                    .min_by(|a, b| a.1.total_cmp(&b.1));
                match nearest {
                    Some((0, d)) if d < NEAR * scale => Outcome::GlobalMinimum { step, loss },
                    Some((index, d)) if d < NEAR * scale => {
                        Outcome::LocalMinimum { step, loss, index }
                    }
                    _ => Outcome::Stalled { step, loss, point },
                }
            }
        }
    }

    /// A short machine name: "running", "global_minimum", "local_minimum",
    /// "stalled", "diverged", "out_of_steps".
    pub fn name(&self) -> &'static str {
        match self {
            Outcome::Running { .. } => "running",
            Outcome::GlobalMinimum { .. } => "global_minimum",
            Outcome::LocalMinimum { .. } => "local_minimum",
            Outcome::Stalled { .. } => "stalled",
            Outcome::Diverged { .. } => "diverged",
            Outcome::OutOfSteps { .. } => "out_of_steps",
        }
    }

    /// The outcome as a sentence fragment for the page.
    pub fn describe(&self) -> String {
        let loss = |l: f64| format_loss(l);
        match *self {
            Outcome::Running { step, loss: l } => format!("running: step {step}, loss {}", loss(l)),
            Outcome::GlobalMinimum { step, .. } => {
                format!("converged to the global minimum in {step} steps")
            }
            Outcome::LocalMinimum { loss: l, step, .. } => {
                format!("stuck in a local minimum at loss {} (step {step})", loss(l))
            }
            Outcome::Stalled {
                loss: l,
                point,
                step,
            } => format!(
                "stalled at ({}, {}), loss {}, where the gradient vanishes (step {step})",
                loss(point[0]),
                loss(point[1]),
                loss(l)
            ),
            Outcome::Diverged { step } => format!("diverged at step {step}"),
            Outcome::OutOfSteps { step, loss: l } => {
                format!("still descending after {step} steps, loss {}", loss(l))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::landscape::{by_name, LECTURE_LEARNING_RATES, LECTURE_START};
    use crate::optim::{Optimizer, OptimizerConfig};
    use crate::run::trajectory::{Tolerances, Trajectory};

    fn lecture_outcome(lr: f64) -> Outcome {
        let l = by_name("lecture").unwrap();
        let mut o = Optimizer::new(OptimizerConfig::defaults("sgd").unwrap(), None, 2);
        o.set_learning_rate(lr);
        let mut t = Trajectory::new(l, LECTURE_START, o, 5000, Tolerances::default());
        let status = t.run();
        Outcome::judge(l, status, t.steps(), t.point(), *t.loss().last().unwrap())
    }

    #[test]
    fn the_lecture_presets_read_as_the_three_slides() {
        let [small, stable, large] = LECTURE_LEARNING_RATES;
        let s = lecture_outcome(small);
        assert_eq!(s.name(), "local_minimum", "{s:?}");
        assert!(
            s.describe()
                .starts_with("stuck in a local minimum at loss 0.614"),
            "{}",
            s.describe()
        );
        let m = lecture_outcome(stable);
        assert_eq!(m.name(), "global_minimum");
        assert!(m
            .describe()
            .starts_with("converged to the global minimum in "));
        let d = lecture_outcome(large);
        assert_eq!(d.name(), "diverged");
        assert!(d.describe().starts_with("diverged at step "));
    }

    #[test]
    fn losses_print_with_three_significant_digits() {
        assert_eq!(format_loss(0.61360155), "0.614");
        assert_eq!(format_loss(143.2), "143");
        assert_eq!(format_loss(2.0e-9), "2.00e-9");
        assert_eq!(format_loss(-2.0), "-2.00");
    }
}
