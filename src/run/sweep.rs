//! `sweep(spec)`: the learning-rate range test. The lecture's first answer
//! to "how do we set the learning rate?" is "try lots of them"; this runs
//! the same landscape, optimizer and start at log-spaced learning rates and
//! reports how each run ended.
//!
//! ```json
//! {"landscape": "ellipse", "start": [-2.5, 1], "steps": 1000,
//!  "optimizer": {"name": "sgd"},
//!  "learning_rates": {"from": 1e-4, "to": 1, "count": 60}}
//! ```
//!
//! `optimizer.learning_rate`, if given, is ignored: each run uses its own.

use crate::landscape::Landscape;
use crate::optim::{Optimizer, OptimizerConfig, Schedule};
use crate::run::simulate::MAX_STEPS;
use crate::run::trajectory::{Status, Tolerances, Trajectory};
use crate::spec::{self, SpecError};
use serde_json::{Map, Value};

/// The most runs one sweep may ask for.
pub const MAX_RUNS: u64 = 500;

#[derive(Clone, Debug)]
pub struct SweepSpec {
    pub landscape: &'static dyn Landscape,
    pub start: [f64; 2],
    pub optimizer: OptimizerConfig,
    pub schedule: Option<Schedule>,
    pub steps: usize,
    pub learning_rates: Vec<f64>,
    pub tolerances: Tolerances,
}

/// One row per learning rate, plus the two summary numbers.
#[derive(Clone, Debug, PartialEq)]
pub struct SweepResult {
    pub learning_rates: Vec<f64>,
    /// The loss where each run ended (the last finite point if it diverged).
    pub final_loss: Vec<f64>,
    /// The step at which each run converged, or −1 if it did not.
    pub steps_to_converge: Vec<f64>,
    /// Whether each run diverged.
    pub diverged: Vec<bool>,
    /// Each run's status.
    pub status: Vec<Status>,
    /// The smallest learning rate that diverges: the first diverging rate of
    /// the grid, refined by bisection against the last rate below it that
    /// did not diverge (to 0.1%).
    pub divergence_edge: Option<f64>,
    /// The rate with the lowest final loss among runs that did not diverge;
    /// among runs that tie (within 1e-9), the one that converged soonest.
    pub best_learning_rate: Option<f64>,
    /// For a quadratic landscape and plain or momentum SGD, the edge that
    /// theory predicts: η = 2(1 + μ)/λ_max (2/λ_max without momentum).
    pub theoretical_edge: Option<f64>,
}

/// `count` rates spaced evenly in log between `from` and `to`, inclusive.
pub fn log_spaced(from: f64, to: f64, count: usize) -> Vec<f64> {
    if count == 1 {
        return vec![from];
    }
    let (a, b) = (from.ln(), to.ln());
    (0..count)
        .map(|i| (a + (b - a) * i as f64 / (count - 1) as f64).exp())
        .collect()
}

impl SweepSpec {
    pub fn from_json_text(text: &str) -> Result<Self, SpecError> {
        Self::from_json(&spec::parse_object(text)?)
    }

    pub fn from_json(map: &Map<String, Value>) -> Result<Self, SpecError> {
        // simulate's fields, plus the rates.
        let known: Vec<&str> = crate::run::simulate::FIELDS
            .iter()
            .copied()
            .chain(["learning_rates"])
            .collect();
        spec::reject_unknown(map, "", &known)?;
        // Reuse simulate's parser for everything but the rates.
        let mut base = map.clone();
        let rates = base.remove("learning_rates");
        check_schedule_is_relative(&base)?;
        let sim = crate::run::simulate::SimulateSpec::from_json(&base)?;
        let rates = spec::object(rates.as_ref(), "learning_rates")?;
        spec::reject_unknown(rates, "learning_rates", &["from", "to", "count"])?;
        let positive = |key: &str| -> Result<f64, SpecError> {
            let field = format!("learning_rates.{key}");
            let x = spec::number(rates.get(key), &field)?;
            if x > 0.0 {
                Ok(x)
            } else {
                Err(SpecError::new(
                    field,
                    format!("must be a finite number > 0, got {x}"),
                ))
            }
        };
        let from = positive("from")?;
        let to = positive("to")?;
        if to < from {
            return Err(SpecError::new(
                "learning_rates.to",
                format!("must be ≥ learning_rates.from ({from}), got {to}"),
            ));
        }
        let count =
            spec::integer(rates.get("count"), "learning_rates.count", 1, MAX_RUNS)? as usize;
        Ok(SweepSpec {
            landscape: sim.landscape,
            start: sim.start,
            optimizer: sim.optimizer,
            schedule: sim.schedule,
            steps: sim.steps.min(MAX_STEPS as usize),
            learning_rates: log_spaced(from, to, count),
            tolerances: sim.tolerances,
        })
    }
}

/// A sweep runs its schedule once per swept rate η, scaled so that it
/// starts at η: every rate in it keeps its ratio to the schedule's
/// `initial_learning_rate`. That ratio must not come from
/// `optimizer.learning_rate`, which a sweep ignores, so a `warmup_target`
/// (the one absolute rate a schedule can hold besides its start) needs an
/// explicit `initial_learning_rate`.
fn check_schedule_is_relative(map: &Map<String, Value>) -> Result<(), SpecError> {
    let Some(Value::Object(schedule)) = map.get("schedule") else {
        return Ok(());
    };
    if schedule.contains_key("warmup_target") && !schedule.contains_key("initial_learning_rate") {
        return Err(SpecError::new(
            "schedule.initial_learning_rate",
            "is needed with warmup_target in a sweep: each run warms up to its swept rate × \
             warmup_target / initial_learning_rate, and optimizer.learning_rate is ignored",
        ));
    }
    Ok(())
}

/// Runs one trajectory per learning rate, then bisects the divergence
/// edge, all at once.
pub fn sweep(spec: &SweepSpec) -> SweepResult {
    let mut sweep = Sweep::new(spec.clone());
    while !sweep.advance(usize::MAX) {}
    sweep.result
}

/// A sweep run a budget of optimizer steps at a time, so that a page can
/// spread a large one (up to 500 rates × 100,000 steps) over many frames
/// instead of freezing; `sweep` is this run to the end.
pub struct Sweep {
    spec: SweepSpec,
    /// The grid's rows so far; complete, with its summary, once finished.
    result: SweepResult,
    /// The run in progress: a grid rate's, or a bisection midpoint's.
    current: Option<Trajectory>,
    /// While the edge is bisected: the highest rate known not to diverge
    /// and the lowest known to.
    bracket: Option<(f64, f64)>,
    finished: bool,
}

impl Sweep {
    pub fn new(spec: SweepSpec) -> Self {
        let n = spec.learning_rates.len();
        let result = SweepResult {
            learning_rates: spec.learning_rates.clone(),
            final_loss: Vec::with_capacity(n),
            steps_to_converge: Vec::with_capacity(n),
            diverged: Vec::with_capacity(n),
            status: Vec::with_capacity(n),
            divergence_edge: None,
            best_learning_rate: None,
            theoretical_edge: theoretical_edge(&spec),
        };
        Sweep {
            spec,
            result,
            current: None,
            bracket: None,
            finished: false,
        }
    }

    /// Takes up to `budget` optimizer steps, across as many runs as they
    /// reach; returns whether the sweep has finished.
    pub fn advance(&mut self, budget: usize) -> bool {
        let mut left = budget;
        while !self.finished && left > 0 {
            let grid_done = self.runs_done() == self.spec.learning_rates.len();
            if grid_done && self.bracket.is_none() {
                self.bracket = self.first_bracket();
            }
            let learning_rate = match (grid_done, self.bracket) {
                (false, _) => self.spec.learning_rates[self.runs_done()],
                (true, Some((lo, hi))) if hi / lo > 1.001 => (lo * hi).sqrt(),
                (true, _) => {
                    self.finish();
                    break;
                }
            };
            let spec = &self.spec;
            let run = self
                .current
                .get_or_insert_with(|| trajectory(spec, learning_rate));
            left -= run.advance(left);
            if !run.status().is_finished() {
                break;
            }
            let (status, final_loss) = (run.status(), *run.loss().last().unwrap_or(&0.0));
            self.current = None;
            match (&mut self.bracket, grid_done) {
                (Some((lo, hi)), true) => {
                    if status.is_diverged() {
                        *hi = learning_rate;
                    } else {
                        *lo = learning_rate;
                    }
                }
                _ => self.record(final_loss, status),
            }
        }
        self.finished
    }

    /// How many of the grid's rates have run to the end.
    pub fn runs_done(&self) -> usize {
        self.result.final_loss.len()
    }

    pub fn is_finished(&self) -> bool {
        self.finished
    }

    /// The rows so far; the summary numbers are set once finished.
    pub fn result(&self) -> &SweepResult {
        &self.result
    }

    pub fn spec(&self) -> &SweepSpec {
        &self.spec
    }

    fn record(&mut self, final_loss: f64, status: Status) {
        let out = &mut self.result;
        out.final_loss.push(final_loss);
        out.steps_to_converge.push(match status {
            Status::Converged { step } => step as f64,
            _ => -1.0,
        });
        out.diverged.push(status.is_diverged());
        out.status.push(status);
    }

    /// The grid's first diverging rate and the rate below it, to bisect
    /// between; an edge at the grid's first rate has nothing to bisect.
    fn first_bracket(&mut self) -> Option<(f64, f64)> {
        let out = &mut self.result;
        let i = out.diverged.iter().position(|d| *d)?;
        let hi = out.learning_rates[i];
        out.divergence_edge = Some(hi);
        i.checked_sub(1).map(|j| (out.learning_rates[j], hi))
    }

    fn finish(&mut self) {
        self.finished = true;
        let out = &mut self.result;
        if let Some((_, hi)) = self.bracket {
            out.divergence_edge = Some(hi);
        }
        let lowest = out
            .final_loss
            .iter()
            .zip(&out.diverged)
            .filter(|(_, d)| !**d)
            .map(|(l, _)| *l)
            .fold(f64::INFINITY, f64::min);
        if lowest.is_finite() {
            let steps = |i: usize| {
                let s = out.steps_to_converge[i];
                if s < 0.0 {
                    f64::INFINITY
                } else {
                    s
                }
            };
            let best = (0..out.learning_rates.len())
                .filter(|&i| !out.diverged[i] && out.final_loss[i] <= lowest + 1e-9)
                .min_by(|&a, &b| steps(a).total_cmp(&steps(b)));
            out.best_learning_rate = best.map(|i| out.learning_rates[i]);
        }
    }
}

/// A run of the sweep's landscape, optimizer and start at one rate.
fn trajectory(spec: &SweepSpec, learning_rate: f64) -> Trajectory {
    let mut optimizer = Optimizer::new(spec.optimizer.clone(), spec.schedule.clone(), 2);
    optimizer.set_learning_rate(learning_rate);
    Trajectory::new(
        spec.landscape,
        spec.start,
        optimizer,
        spec.steps,
        spec.tolerances,
    )
}

/// η_max for gradient descent on a quadratic: with Keras-form momentum μ
/// (heavy ball), the iteration is stable iff 0 < ηλ < 2(1 + μ); with
/// Nesterov, iff ηλ < 2(1 + μ)/(1 + 2μ). Only for SGD without clipping,
/// weight decay or a schedule, where the formula is exact.
fn theoretical_edge(spec: &SweepSpec) -> Option<f64> {
    let c = &spec.optimizer;
    let plain = c.name == "sgd"
        && spec.schedule.is_none()
        && ["weight_decay", "clipnorm", "clipvalue", "global_clipnorm"]
            .iter()
            .all(|k| c.get_optional(k).is_none_or(|v| v == 0.0));
    if !plain {
        return None;
    }
    let [a, b] = spec.landscape.hessian_eigenvalues()?;
    let lambda_max = a.max(b);
    if lambda_max <= 0.0 || a.min(b) < 0.0 {
        return None;
    }
    let mu = c.get("momentum");
    let factor = if c.flag("nesterov") {
        2.0 * (1.0 + mu) / (1.0 + 2.0 * mu)
    } else {
        2.0 * (1.0 + mu)
    };
    Some(factor / lambda_max)
}

/// Parses and runs a JSON spec.
pub fn sweep_json(text: &str) -> Result<SweepResult, SpecError> {
    Ok(sweep(&SweepSpec::from_json_text(text)?))
}
