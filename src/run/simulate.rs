//! `simulate(spec)`: the one scriptable entry point for landscape runs, the
//! same natively and from JavaScript.
//!
//! ```json
//! {"landscape": "rosenbrock", "start": [-1.5, 2], "steps": 1000,
//!  "optimizer": {"name": "adam", "learning_rate": 0.05},
//!  "schedule": {"name": "exponential_decay", "decay_steps": 100, "decay_rate": 0.5},
//!  "seed": 7}
//! ```
//!
//! `start` may also be `{"sigma": 1.0}`: a random start ~ N(0, σ²) per
//! coordinate, drawn from `seed` (default 0).

use crate::landscape::{self, Landscape, Point};
use crate::optim::{Optimizer, OptimizerConfig, Schedule};
use crate::run::trajectory::{random_start, Status, Tolerances, Trajectory};
use crate::spec::{self, describe, SpecError};
use serde_json::{Map, Value};

/// The most steps one call may ask for (memory stays under ~50 MB).
pub const MAX_STEPS: u64 = 1_000_000;

/// The fields a `simulate` spec may have.
pub const FIELDS: [&str; 7] = [
    "landscape",
    "start",
    "optimizer",
    "steps",
    "schedule",
    "seed",
    "tolerances",
];

/// A parsed, validated `simulate` spec.
#[derive(Clone, Debug)]
pub struct SimulateSpec {
    pub landscape: &'static dyn Landscape,
    pub start: Point,
    pub optimizer: OptimizerConfig,
    pub schedule: Option<Schedule>,
    pub steps: usize,
    pub tolerances: Tolerances,
}

impl std::fmt::Debug for dyn Landscape {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// What `simulate` returns.
#[derive(Clone, Debug, PartialEq)]
pub struct SimulateResult {
    /// Interleaved points [x₀, y₀, x₁, y₁, …], start included.
    pub path: Vec<f64>,
    /// J at each point.
    pub loss: Vec<f64>,
    /// ‖∇J‖ at each point.
    pub gradient_norm: Vec<f64>,
    /// The learning rate of the step leaving each point.
    pub learning_rate: Vec<f64>,
    pub status: Status,
}

impl SimulateSpec {
    pub fn from_json_text(text: &str) -> Result<Self, SpecError> {
        Self::from_json(&spec::parse_object(text)?)
    }

    pub fn from_json(map: &Map<String, Value>) -> Result<Self, SpecError> {
        spec::reject_unknown(map, "", &FIELDS)?;
        let landscape = landscape::by_name(
            spec::string(map.get("landscape"), "landscape").map_err(|e| {
                let names: Vec<_> = landscape::catalogue().iter().map(|l| l.name()).collect();
                SpecError::new(
                    e.field,
                    format!("{}; allowed: {}", e.message, names.join(", ")),
                )
            })?,
        )?;
        let seed = spec::integer_or(map.get("seed"), "seed", 0, u32::MAX as u64, 0)?;
        let start = parse_start(map.get("start"), seed)?;
        let optimizer = OptimizerConfig::from_json(
            spec::object(map.get("optimizer"), "optimizer")?,
            "optimizer",
        )?;
        let schedule = match map.get("schedule") {
            None | Some(Value::Null) => None,
            Some(v) => Some(Schedule::from_json(
                spec::object(Some(v), "schedule")?,
                "schedule",
                optimizer.get("learning_rate"),
            )?),
        };
        let steps = spec::integer(map.get("steps"), "steps", 0, MAX_STEPS)? as usize;
        let tolerances = parse_tolerances(map.get("tolerances"))?;
        check_start_runs(
            landscape,
            start,
            tolerances.divergence_box,
            map.get("start"),
        )?;
        Ok(SimulateSpec {
            landscape,
            start,
            optimizer,
            schedule,
            steps,
            tolerances,
        })
    }

    /// A trajectory ready to run, for callers that step it themselves.
    pub fn trajectory(&self) -> Trajectory {
        let optimizer = Optimizer::new(self.optimizer.clone(), self.schedule.clone(), 2);
        Trajectory::new(
            self.landscape,
            self.start,
            optimizer,
            self.steps,
            self.tolerances,
        )
    }
}

/// `[x, y]`, or `{"sigma": σ}` for a random start drawn from `seed`.
pub fn parse_start(value: Option<&Value>, seed: u64) -> Result<Point, SpecError> {
    match value {
        None => Err(SpecError::new(
            "start",
            "is missing; expected [x, y] or {\"sigma\": σ}",
        )),
        Some(Value::Array(items)) => {
            if items.len() != 2 {
                return Err(SpecError::new(
                    "start",
                    format!(
                        "must be [x, y] with two numbers, got {} entries",
                        items.len()
                    ),
                ));
            }
            Ok([
                spec::number(items.first(), "start[0]")?,
                spec::number(items.get(1), "start[1]")?,
            ])
        }
        Some(Value::Object(map)) => {
            spec::reject_unknown(map, "start", &["sigma"])?;
            let sigma = spec::number(map.get("sigma"), "start.sigma")?;
            if sigma <= 0.0 {
                return Err(SpecError::new(
                    "start.sigma",
                    format!("must be > 0, got {sigma}"),
                ));
            }
            Ok(random_start(sigma, seed))
        }
        Some(other) => Err(SpecError::new(
            "start",
            format!(
                "must be [x, y] or {{\"sigma\": σ}}, got {}",
                describe(other)
            ),
        )),
    }
}

/// A start must lie inside the divergence box, with a finite loss, or the
/// run would be "diverged" at step 0 with nothing to show: refuse it by
/// name, as the race does, saying whether it was typed or drawn.
fn check_start_runs(
    landscape: &dyn Landscape,
    start: Point,
    limit: f64,
    given: Option<&Value>,
) -> Result<(), SpecError> {
    let drawn = matches!(given, Some(Value::Object(_)));
    for (k, c) in start.iter().enumerate() {
        if !(c.is_finite() && c.abs() <= limit) {
            let (field, what) = if drawn {
                ("start.sigma", format!("drew start[{k}] = {c:e}"))
            } else {
                (
                    "start",
                    format!("start[{k}] is {}", crate::spec::cut(&c.to_string())),
                )
            };
            return Err(SpecError::new(
                field,
                format!(
                    "{what}, outside the divergence box ±{limit:e} (tolerances.divergence_box); the run could not take a step"
                ),
            ));
        }
    }
    let (j, g) = (landscape.loss(start), landscape.gradient(start));
    if !(j.is_finite() && g.iter().all(|c| c.is_finite())) {
        return Err(SpecError::new(
            "start",
            format!(
                "J or its gradient is not finite at ({}, {}); the run could not take a step",
                start[0], start[1]
            ),
        ));
    }
    Ok(())
}

fn parse_tolerances(value: Option<&Value>) -> Result<Tolerances, SpecError> {
    let mut t = Tolerances::default();
    let Some(value) = value else { return Ok(t) };
    let map = spec::object(Some(value), "tolerances")?;
    spec::reject_unknown(
        map,
        "tolerances",
        &["gradient_norm", "step_length", "divergence_box"],
    )?;
    for (key, slot) in [
        ("gradient_norm", &mut t.gradient_norm),
        ("step_length", &mut t.step_length),
        ("divergence_box", &mut t.divergence_box),
    ] {
        let field = format!("tolerances.{key}");
        let x = spec::number_or(map.get(key), &field, *slot)?;
        if x < 0.0 {
            return Err(SpecError::new(field, format!("must be ≥ 0, got {x}")));
        }
        *slot = x;
    }
    Ok(t)
}

/// Runs a spec to its end.
pub fn simulate(spec: &SimulateSpec) -> SimulateResult {
    let mut trajectory = spec.trajectory();
    let status = trajectory.run();
    SimulateResult {
        path: trajectory.path().to_vec(),
        loss: trajectory.loss().to_vec(),
        gradient_norm: trajectory.gradient_norm().to_vec(),
        learning_rate: trajectory.learning_rate().to_vec(),
        status,
    }
}

/// Parses and runs a JSON spec: the form JavaScript and scripts use.
pub fn simulate_json(text: &str) -> Result<SimulateResult, SpecError> {
    Ok(simulate(&SimulateSpec::from_json_text(text)?))
}
