//! The trajectory runner: an optimizer walking down a landscape, one step
//! at a time, with a record of every point it visited.
//!
//! It is the lecture's algorithm, literally: start somewhere (given, or drawn
//! from N(0, σ²)), compute the gradient, step against it, repeat until
//! convergence. The runner owns the judgement of when a run has converged or
//! diverged, so that no NaN or infinity ever reaches a caller: a run that
//! produces one stops, and its record ends at the last finite point.

use crate::landscape::{Landscape, Point};
use crate::optim::Optimizer;
use rand::rngs::StdRng;
use rand::SeedableRng;

pub use crate::random::normal;

/// When a run counts as converged or diverged.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Tolerances {
    /// Converged when ‖∇J‖ falls below this.
    pub gradient_norm: f64,
    /// Converged when a step moves the point less than this.
    pub step_length: f64,
    /// Diverged when |x| or |y| exceeds this.
    pub divergence_box: f64,
}

impl Default for Tolerances {
    fn default() -> Self {
        Tolerances {
            gradient_norm: 1e-6,
            step_length: 1e-12,
            divergence_box: 1e6,
        }
    }
}

/// Where a run stands.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Status {
    Running,
    /// The gradient norm or the step length fell under tolerance at this step.
    Converged {
        step: usize,
    },
    /// A non-finite value appeared, or the point left the box, at this step.
    /// `point` is the last finite point the run reached.
    Diverged {
        step: usize,
        point: Point,
    },
    /// The step budget ran out after this many steps.
    OutOfSteps {
        step: usize,
    },
}

impl Status {
    /// The status's name, as the API reports it.
    pub fn name(&self) -> &'static str {
        match self {
            Status::Running => "running",
            Status::Converged { .. } => "converged",
            Status::Diverged { .. } => "diverged",
            Status::OutOfSteps { .. } => "out_of_steps",
        }
    }

    /// The step the status refers to (the steps taken so far if running).
    pub fn step(&self) -> Option<usize> {
        match self {
            Status::Running => None,
            Status::Converged { step }
            | Status::Diverged { step, .. }
            | Status::OutOfSteps { step } => Some(*step),
        }
    }

    pub fn is_diverged(&self) -> bool {
        matches!(self, Status::Diverged { .. })
    }

    pub fn is_finished(&self) -> bool {
        !matches!(self, Status::Running)
    }
}

/// Start coordinates beyond this are refused: the divergence box is
/// ±10⁶ by default, so such a start could not take a single step.
pub const START_LIMIT: f64 = 1e6;

/// Checks a start typed or clicked by a user: finite and inside
/// ±`START_LIMIT`, or an error naming the coordinate.
pub fn check_start(start: Point) -> Result<Point, crate::spec::SpecError> {
    for (k, c) in start.iter().enumerate() {
        if !(c.is_finite() && c.abs() <= START_LIMIT) {
            return Err(crate::spec::SpecError::new(
                format!("start[{k}]"),
                format!("must be a finite number within ±{START_LIMIT:e}, got {c}"),
            ));
        }
    }
    Ok(start)
}

/// Draws a start point with each coordinate ~ N(0, σ²): step 1 of the
/// lecture's algorithm.
pub fn random_start(sigma: f64, seed: u64) -> Point {
    let mut rng = StdRng::seed_from_u64(seed);
    [normal(&mut rng) * sigma, normal(&mut rng) * sigma]
}

/// One optimizer's run on one landscape.
///
/// Generic over the landscape it walks: a catalogue entry, borrowed for the
/// program's life (`&'static dyn Landscape`, the default, which every view
/// of the race and the learning-rate lab uses), or a landscape value the
/// run owns, built at run time, such as the backprop lab's network
/// (`Trajectory<ChainNetwork>`).
pub struct Trajectory<L: Landscape = &'static dyn Landscape> {
    landscape: L,
    optimizer: Optimizer,
    tolerances: Tolerances,
    max_steps: usize,
    status: Status,
    point: Point,
    gradient: Point,
    /// Interleaved points [x₀, y₀, x₁, y₁, …].
    path: Vec<f64>,
    loss: Vec<f64>,
    gradient_norm: Vec<f64>,
    /// The learning rate each point's next step uses.
    learning_rate: Vec<f64>,
}

impl<L: Landscape> Trajectory<L> {
    /// A run from `start`, allowed `max_steps` steps. A start that is not
    /// finite, or outside the box, is diverged at step 0.
    pub fn new(
        landscape: L,
        start: Point,
        optimizer: Optimizer,
        max_steps: usize,
        tolerances: Tolerances,
    ) -> Self {
        let mut t = Trajectory {
            landscape,
            optimizer,
            tolerances,
            max_steps,
            status: Status::Running,
            point: start,
            gradient: [0.0; 2],
            path: Vec::new(),
            loss: Vec::new(),
            gradient_norm: Vec::new(),
            learning_rate: Vec::new(),
        };
        if !t.record(start, 0) {
            t.status = Status::Diverged {
                step: 0,
                point: [0.0, 0.0],
            };
        } else {
            t.check_converged(0, f64::INFINITY);
        }
        t
    }

    /// Evaluates J and ∇J at `p` and appends it, if everything is finite and
    /// inside the box. Returns false (recording nothing) otherwise.
    fn record(&mut self, p: Point, _step: usize) -> bool {
        let b = self.tolerances.divergence_box;
        if !p.iter().all(|c| c.is_finite() && c.abs() <= b) {
            return false;
        }
        let loss = self.landscape.loss(p);
        let g = self.landscape.gradient(p);
        let norm = g[0].hypot(g[1]);
        let lr = self.optimizer.learning_rate();
        if !(loss.is_finite() && norm.is_finite() && lr.is_finite()) {
            return false;
        }
        self.point = p;
        self.gradient = g;
        self.path.extend_from_slice(&p);
        self.loss.push(loss);
        self.gradient_norm.push(norm);
        self.learning_rate.push(lr);
        true
    }

    fn check_converged(&mut self, step: usize, step_length: f64) {
        let norm = *self.gradient_norm.last().unwrap();
        if norm < self.tolerances.gradient_norm || step_length < self.tolerances.step_length {
            self.status = Status::Converged { step };
        } else if step >= self.max_steps {
            self.status = Status::OutOfSteps { step };
        }
    }

    /// Takes one step; returns false once the run has finished.
    pub fn step(&mut self) -> bool {
        if self.status.is_finished() {
            return false;
        }
        let step = self.steps() + 1;
        let mut p = self.point;
        let g = self.gradient;
        if !self.optimizer.step(&mut p, &g) || !self.record(p, step) {
            self.status = Status::Diverged {
                step,
                point: self.point,
            };
            return false;
        }
        let d = self.optimizer.last_step();
        self.check_converged(step, d[0].hypot(d[1]));
        !self.status.is_finished()
    }

    /// Takes up to `n` steps; returns how many were taken.
    pub fn advance(&mut self, n: usize) -> usize {
        let mut taken = 0;
        while taken < n && !self.status.is_finished() {
            self.step();
            taken += 1;
        }
        taken
    }

    /// Runs to the end of the budget, or until converged or diverged.
    pub fn run(&mut self) -> Status {
        while self.step() {}
        self.status
    }

    /// Steps taken so far (the index of the current point).
    pub fn steps(&self) -> usize {
        // A start refused at step 0 leaves the record empty.
        self.loss.len().saturating_sub(1)
    }

    pub fn status(&self) -> Status {
        self.status
    }

    /// Puts a diverged run back to running, from its last recorded point,
    /// so that a later step (with a smaller learning rate, say) continues
    /// the same path. This is how a lab lets a student retry a step it
    /// refused: the refused step left no record, and the point, its loss
    /// and its gradient are those of the last point recorded. The
    /// optimizer keeps whatever the refused step did to its state (Keras's
    /// `iterations`, a momentum): for plain SGD at a constant rate, that
    /// changes nothing. Returns whether the run is running again; a run
    /// that did not diverge, or whose start was refused, is left as it is.
    pub fn resume(&mut self) -> bool {
        if !self.status.is_diverged() || self.loss.is_empty() {
            return false;
        }
        self.status = Status::Running;
        let step = self.steps();
        if step >= self.max_steps {
            self.status = Status::OutOfSteps { step };
        }
        !self.status.is_finished()
    }

    /// Allows more steps; an out-of-steps run resumes.
    pub fn set_max_steps(&mut self, max_steps: usize) {
        self.max_steps = max_steps;
        if matches!(self.status, Status::OutOfSteps { .. }) && self.steps() < max_steps {
            self.status = Status::Running;
        }
    }

    pub fn point(&self) -> Point {
        self.point
    }

    pub fn gradient(&self) -> Point {
        self.gradient
    }

    pub fn path(&self) -> &[f64] {
        &self.path
    }

    pub fn loss(&self) -> &[f64] {
        &self.loss
    }

    pub fn gradient_norm(&self) -> &[f64] {
        &self.gradient_norm
    }

    pub fn learning_rate(&self) -> &[f64] {
        &self.learning_rate
    }

    pub fn landscape(&self) -> &L {
        &self.landscape
    }

    pub fn optimizer(&self) -> &Optimizer {
        &self.optimizer
    }

    /// Changes the learning rate from the next step on; the record of the
    /// current point shows the new rate. A finished run stays finished.
    pub fn set_learning_rate(&mut self, learning_rate: f64) {
        if !(learning_rate.is_finite() && learning_rate > 0.0) {
            return;
        }
        self.optimizer.set_learning_rate(learning_rate);
        if let Some(last) = self.learning_rate.last_mut() {
            *last = self.optimizer.learning_rate();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::landscape::by_name;
    use crate::optim::OptimizerConfig;

    #[test]
    fn a_refused_start_is_diverged_at_step_zero_with_an_empty_record() {
        let optimizer = Optimizer::new(OptimizerConfig::defaults("sgd").unwrap(), None, 2);
        let mut t = Trajectory::new(
            by_name("bowl").unwrap(),
            [f64::NAN, 0.0],
            optimizer,
            10,
            Tolerances::default(),
        );
        assert!(matches!(t.status(), Status::Diverged { step: 0, .. }));
        assert_eq!(t.steps(), 0);
        assert!(t.path().is_empty());
        assert!(!t.step());
        assert_eq!(t.advance(5), 0);
    }

    #[test]
    fn a_diverged_run_resumes_from_its_last_point() {
        // J = ½‖w‖², so SGD maps w to (1 − η)·w: η = 3 doubles it and leaves
        // the box of ±1, η = 0.5 halves it.
        let mut optimizer = Optimizer::new(OptimizerConfig::defaults("sgd").unwrap(), None, 2);
        optimizer.set_learning_rate(3.0);
        let tolerances = Tolerances {
            divergence_box: 1.0,
            ..Tolerances::default()
        };
        let mut t = Trajectory::new(
            by_name("bowl").unwrap(),
            [0.8, 0.0],
            optimizer,
            3,
            tolerances,
        );
        assert!(!t.step());
        assert!(t.status().is_diverged());
        assert!(t.resume());
        assert_eq!(t.status(), Status::Running);
        assert_eq!((t.steps(), t.point()), (0, [0.8, 0.0]));
        t.set_learning_rate(0.5);
        assert!(t.step());
        assert_eq!(t.path(), &[0.8, 0.0, 0.4, 0.0]);
        assert!(!t.resume(), "a running run has nothing to resume");
        t.run();
        assert_eq!(t.status(), Status::OutOfSteps { step: 3 });
        assert!(!t.resume());
        assert_eq!(t.status(), Status::OutOfSteps { step: 3 });
    }
}
