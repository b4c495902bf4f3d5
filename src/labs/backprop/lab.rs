//! `BackpropLab`: the network at its current weights, and the path
//! gradient descent has walked on J(w₁, w₂) since the weights were last
//! set. The view steps it, reads its numbers and draws them; nothing here
//! knows a canvas.

use super::network::{ChainNetwork, ChainValues, Weight};
use super::slice::Slice;
use crate::json::{numbers, object};
use crate::labs::check_learning_rate;
use crate::landscape::Point;
use crate::nn::{Activation, ACTIVATIONS};
use crate::optim::{Optimizer, OptimizerConfig};
use crate::run::trajectory::{Status, Tolerances, Trajectory};
use crate::spec::SpecError;
use serde_json::Value;

/// Where a weight may be set, or stepped to: well past the plot (±3),
/// short of overflow. A step beyond it is this lab's divergence: the page,
/// its fields and its link can no longer follow the weights there.
pub const WEIGHT_LIMIT: f64 = 10.0;
/// The example's x and y lie within ±`EXAMPLE_LIMIT`.
pub const EXAMPLE_LIMIT: f64 = 5.0;
/// A nudge δ lies within ±`NUDGE_LIMIT`.
pub const NUDGE_LIMIT: f64 = 5.0;
/// The most steps one path keeps.
pub const MAX_PATH_STEPS: usize = 10_000;

/// Converged once ‖∇J‖ falls below this: the chain rule's numbers are
/// then rounding noise (at step 363 of the default example, J = 4.9e−32
/// and ∂J/∂w₂ = −9.2e−17 while finite differences say 1.2e−11), and
/// further steps move nothing a reader can see.
pub const GRADIENT_TOLERANCE: f64 = 1e-8;
/// Converged once J falls below this: an exact fit, whatever the gradient.
pub const LOSS_TOLERANCE: f64 = 1e-20;

/// The path's judgement: diverged once a weight would leave ±`WEIGHT_LIMIT`,
/// converged once ‖∇J‖ < `GRADIENT_TOLERANCE` (`converged` adds the loss's
/// rule). No step-length rule: a tiny η takes tiny steps, and that is not
/// convergence.
const TOLERANCES: Tolerances = Tolerances {
    gradient_norm: GRADIENT_TOLERANCE,
    step_length: 0.0,
    divergence_box: WEIGHT_LIMIT,
};

/// Why a path stopped as converged.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Convergence {
    /// ‖∇J‖ < `GRADIENT_TOLERANCE` at this step.
    Gradient { step: usize },
    /// J < `LOSS_TOLERANCE` at this step.
    Loss { step: usize },
}

impl Convergence {
    pub fn step(&self) -> usize {
        match *self {
            Convergence::Gradient { step } | Convergence::Loss { step } => step,
        }
    }

    /// The rule that was met, as the page writes it.
    pub fn rule(&self) -> String {
        match self {
            Convergence::Gradient { .. } => format!("‖∇J‖ < {GRADIENT_TOLERANCE:e}"),
            Convergence::Loss { .. } => format!("J < {LOSS_TOLERANCE:e}"),
        }
    }
}

/// Weight `which` (1 or 2) moved by `delta`: the loss's actual change, the
/// chain rule's linear prediction ∂J/∂w·δ, and their gap, which shrinks
/// like δ².
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Nudge {
    pub delta: f64,
    pub actual: f64,
    pub predicted: f64,
    /// actual − predicted.
    pub gap: f64,
}

/// The lab: the network and its weights, and the gradient-descent path.
///
/// Both live in one `Trajectory` on the network's loss: its landscape is
/// the network (x, y and g), its current point the weights (w₁, w₂), its
/// record the path. Keras's SGD takes the steps, at the learning rate each
/// `step` is given. Changing the example, the activation or the weights
/// starts a new path from the current weights, with a fresh optimizer.
pub struct BackpropLab {
    path: Trajectory<ChainNetwork>,
}

/// `x` if it is finite and within ±`limit`, else an error naming `field`.
fn in_range(x: f64, field: &str, limit: f64) -> Result<f64, SpecError> {
    if !x.is_finite() {
        return Err(SpecError::new(
            field,
            format!("must be a finite number, got {x}"),
        ));
    }
    if x.abs() <= limit {
        Ok(x)
    } else {
        Err(SpecError::new(
            field,
            format!("must be between −{limit} and {limit}, got {x}"),
        ))
    }
}

fn check_weights([w1, w2]: Point) -> Result<Point, SpecError> {
    Ok([
        in_range(w1, "w1", WEIGHT_LIMIT)?,
        in_range(w2, "w2", WEIGHT_LIMIT)?,
    ])
}

/// The activation g named `name`, or an error listing the names.
pub fn activation(name: &str) -> Result<Activation, SpecError> {
    Activation::from_name(name).ok_or_else(|| {
        SpecError::new(
            "activation",
            format!(
                "unknown activation “{}”; allowed: {}",
                name.chars().take(30).collect::<String>(),
                ACTIVATIONS.join(", ")
            ),
        )
    })
}

/// A new path from `start`: plain Keras SGD, its rate set by each step.
fn path(network: ChainNetwork, start: Point) -> Trajectory<ChainNetwork> {
    let sgd = OptimizerConfig::defaults("sgd").expect("sgd is in the catalogue");
    Trajectory::new(
        network,
        start,
        Optimizer::new(sgd, None, 2),
        MAX_PATH_STEPS,
        TOLERANCES,
    )
}

impl BackpropLab {
    /// The example (x, y) within ±`EXAMPLE_LIMIT`, the activation g, and
    /// the weights (w₁, w₂) within ±`WEIGHT_LIMIT`; an error names the
    /// first bad field (`x`, `y`, `w1`, `w2`).
    pub fn new(x: f64, y: f64, activation: Activation, weights: Point) -> Result<Self, SpecError> {
        let network = ChainNetwork {
            x: in_range(x, "x", EXAMPLE_LIMIT)?,
            y: in_range(y, "y", EXAMPLE_LIMIT)?,
            activation,
        };
        Ok(BackpropLab {
            path: path(network, check_weights(weights)?),
        })
    }

    /// The network: the example and the activation.
    pub fn network(&self) -> &ChainNetwork {
        self.path.landscape()
    }

    /// The current weights (w₁, w₂): the path's last point.
    pub fn weights(&self) -> Point {
        self.path.point()
    }

    /// Where the path started.
    pub fn start(&self) -> Point {
        let p = self.path.path();
        [p[0], p[1]]
    }

    /// The path as interleaved [w₁, w₂, …], its start first.
    pub fn path(&self) -> &[f64] {
        self.path.path()
    }

    /// The path with all its record: loss, gradient norm, learning rate.
    pub fn trajectory(&self) -> &Trajectory<ChainNetwork> {
        &self.path
    }

    /// Steps since the path started.
    pub fn steps(&self) -> usize {
        self.path.steps()
    }

    /// Whether, and why, the path has converged: ‖∇J‖ < `GRADIENT_TOLERANCE`
    /// or J < `LOSS_TOLERANCE` at its current point. A converged path takes
    /// no more steps until the weights, the example or g change.
    pub fn converged(&self) -> Option<Convergence> {
        let step = self.steps();
        if let Status::Converged { step } = self.path.status() {
            return Some(Convergence::Gradient { step });
        }
        match self.path.loss().last() {
            Some(&loss) if loss < LOSS_TOLERANCE => Some(Convergence::Loss { step }),
            _ => None,
        }
    }

    /// Whether the path holds its most steps, so `step` refuses.
    pub fn path_full(&self) -> bool {
        self.steps() >= MAX_PATH_STEPS
    }

    /// Every number of the forward and backward pass at the weights.
    pub fn values(&self) -> ChainValues {
        self.network().values(self.weights())
    }

    /// The gradient measured by central finite differences, to check the
    /// chain rule's against.
    pub fn finite_differences(&self) -> Point {
        self.network().finite_differences(self.weights())
    }

    /// ∇J at the weights, by the chain rule.
    pub fn gradient(&self) -> Point {
        self.path.gradient()
    }

    fn restart(&mut self, network: ChainNetwork, start: Point) {
        self.path = path(network, start);
    }

    /// A new example (x, y), both within ±`EXAMPLE_LIMIT` (else an error,
    /// and nothing changes); the path restarts from the current weights.
    pub fn set_example(&mut self, x: f64, y: f64) -> Result<(), SpecError> {
        let (x, y) = (
            in_range(x, "x", EXAMPLE_LIMIT)?,
            in_range(y, "y", EXAMPLE_LIMIT)?,
        );
        let network = ChainNetwork {
            x,
            y,
            ..*self.network()
        };
        self.restart(network, self.weights());
        Ok(())
    }

    /// A new activation g; the path restarts from the current weights.
    pub fn set_activation(&mut self, activation: Activation) {
        let network = ChainNetwork {
            activation,
            ..*self.network()
        };
        self.restart(network, self.weights());
    }

    /// Moves the weights (within ±`WEIGHT_LIMIT`, else an error, and
    /// nothing changes); the path restarts there.
    pub fn set_weights(&mut self, weights: Point) -> Result<(), SpecError> {
        let weights = check_weights(weights)?;
        self.restart(*self.network(), weights);
        Ok(())
    }

    /// The weights back to the path's start, and the path with them.
    pub fn reset_path(&mut self) {
        self.restart(*self.network(), self.start());
    }

    /// One gradient-descent step, w ← w − η·∇J, by Keras's SGD at
    /// `learning_rate` (a lab's rate: > 0 and ≤ 10, else an error).
    /// Returns false, keeping the weights and the path, when the step would
    /// take a weight past ±`WEIGHT_LIMIT` or make the loss non-finite, when
    /// the path is full, or when it has converged (`converged` says so). A
    /// refused step does not end the path: the next step, with a smaller η
    /// say, continues it from the same point.
    pub fn step(&mut self, learning_rate: f64) -> Result<bool, SpecError> {
        let learning_rate = check_learning_rate(learning_rate)?;
        if self.path_full() || self.converged().is_some() {
            return Ok(false);
        }
        self.path.set_learning_rate(learning_rate);
        let before = self.path.steps();
        self.path.step();
        let taken = self.path.steps() > before;
        if !taken {
            self.path.resume();
        }
        Ok(taken)
    }

    /// Weight `which` moved by `delta` (within ±`NUDGE_LIMIT`, else an
    /// error): the loss's actual change against the chain rule's
    /// prediction.
    pub fn nudge(&self, which: Weight, delta: f64) -> Result<Nudge, SpecError> {
        let delta = in_range(delta, "delta", NUDGE_LIMIT)?;
        let (actual, predicted) = self.network().nudge(self.weights(), which.index(), delta);
        Ok(Nudge {
            delta,
            actual,
            predicted,
            gap: actual - predicted,
        })
    }

    /// J along weight `which`, the other fixed, with the tangent at the
    /// current weights and the nudge by `delta` (within ±`NUDGE_LIMIT`,
    /// else an error) on both.
    pub fn slice(&self, which: Weight, delta: f64) -> Result<Slice, SpecError> {
        let delta = in_range(delta, "delta", NUDGE_LIMIT)?;
        Ok(Slice::new(self.network(), self.weights(), which, delta))
    }

    /// The spec of this path for `keras_code`: the example, g, the path's
    /// start, each step's rate (the first, then every change), and the
    /// steps taken. Before the first step, the path Play would walk:
    /// `MAX_PATH_STEPS` steps at `learning_rate` (a lab's rate, else an
    /// error), stopping where the lab stops.
    pub fn keras_spec(&self, learning_rate: f64) -> Result<Value, SpecError> {
        let learning_rate = check_learning_rate(learning_rate)?;
        let network = self.network();
        let rates = self.path.learning_rate();
        let taken = self.steps();
        let (steps, first) = if taken == 0 {
            (MAX_PATH_STEPS, learning_rate)
        } else {
            (taken, rates[0])
        };
        let changes: Vec<Value> = (1..taken)
            .filter(|&k| rates[k] != rates[k - 1])
            .map(|k| Value::Array(vec![k.into(), rates[k].into()]))
            .collect();
        let backprop = object([
            ("x", network.x.into()),
            ("y", network.y.into()),
            ("activation", network.activation.name().into()),
        ]);
        Ok(object([
            ("backprop", backprop),
            ("start", numbers(&self.start())),
            ("steps", steps.into()),
            ("learning_rate", first.into()),
            ("learning_rate_changes", Value::Array(changes)),
        ]))
    }
}
