//! The learning-rate lab: one landscape, one optimizer, one start, and four
//! learning rates run side by side. The first three are the lecture's
//! slides ("too small", "stable", "too large"); the fourth is the student's.
//!
//! Unlike the race, every run here shares its optimizer and may follow a
//! schedule, so that changing the schedule changes all four panels at once.
//! Changing a panel's learning rate restarts that panel: its outcome must
//! belong to its rate alone, not to a rate moved mid-run.

use crate::json::{numbers, object};
use crate::labs::run_group::{group_lab_methods, RunGroup};
use crate::landscape::{Landscape, LECTURE_LEARNING_RATES};
use crate::optim::{Optimizer, OptimizerConfig, Schedule};
use crate::run::adaptive::{adaptive_rates, AdaptiveRates};
use crate::run::outcome::Outcome;
use crate::run::simulate::SimulateSpec;
use crate::run::sweep::{log_spaced, SweepSpec};
use crate::run::trajectory::{Tolerances, Trajectory};
use crate::spec::SpecError;
use serde_json::Value;

/// "too small", "stable", "too large" and "yours".
pub const PANELS: usize = 4;
/// The panels' names, in order.
pub const PANEL_NAMES: [&str; PANELS] = ["too small", "stable", "too large", "yours"];
/// The "yours" panel's first learning rate: between "too small" and
/// "stable", so moving the slider either way tells a story.
pub const DEFAULT_YOURS: f64 = 0.2;
/// Each panel's default step budget: the lecture presets reach their three
/// outcomes well within it.
pub const DEFAULT_STEPS: usize = 3000;
/// The largest step budget a panel may be given.
pub const MAX_STEPS: usize = 100_000;

pub struct LrLab {
    /// One run per panel, in `PANEL_NAMES`'s order.
    group: RunGroup,
    optimizer: OptimizerConfig,
    schedule: Option<Schedule>,
    learning_rates: [f64; PANELS],
    steps: usize,
}

/// The largest learning rate a panel or sweep takes. Every landscape in the
/// catalogue already diverges far below it; a larger number is a typing
/// slip, and is said so rather than run.
pub const MAX_LEARNING_RATE: f64 = 1e6;

/// A learning rate the lab accepts: a number in (0, `MAX_LEARNING_RATE`].
fn check_rate(learning_rate: f64, field: &str) -> Result<f64, SpecError> {
    if learning_rate > 0.0 && learning_rate <= MAX_LEARNING_RATE {
        Ok(learning_rate)
    } else {
        Err(SpecError::new(
            field,
            format!("must be a number > 0 and ≤ {MAX_LEARNING_RATE:e}, got {learning_rate}"),
        ))
    }
}

impl LrLab {
    group_lab_methods!();

    /// Plain SGD on `landscape` from its default start, at the lecture's
    /// three rates and `DEFAULT_YOURS`.
    pub fn new(landscape: &'static dyn Landscape) -> Self {
        let [small, stable, large] = LECTURE_LEARNING_RATES;
        let mut lab = LrLab {
            group: RunGroup::new(landscape),
            optimizer: OptimizerConfig::defaults("sgd").expect("sgd is in the catalogue"),
            schedule: None,
            learning_rates: [small, stable, large, DEFAULT_YOURS],
            steps: DEFAULT_STEPS,
        };
        lab.reset();
        lab
    }

    pub fn optimizer(&self) -> &OptimizerConfig {
        &self.optimizer
    }

    /// A new optimizer for every panel (its own learning rate is ignored:
    /// each panel keeps its rate); every panel restarts.
    pub fn set_optimizer(&mut self, config: OptimizerConfig) {
        self.optimizer = config;
        self.reset();
    }

    pub fn schedule(&self) -> Option<&Schedule> {
        self.schedule.as_ref()
    }

    /// A schedule (or none) for every panel, scaled so that each starts
    /// from its panel's rate; every panel restarts.
    pub fn set_schedule(&mut self, schedule: Option<Schedule>) {
        self.schedule = schedule;
        self.reset();
    }

    pub fn learning_rates(&self) -> [f64; PANELS] {
        self.learning_rates
    }

    /// Gives panel `index` a new learning rate; that panel restarts.
    pub fn set_learning_rate(&mut self, index: usize, learning_rate: f64) -> Result<(), SpecError> {
        let index = check_index(index)?;
        self.learning_rates[index] = check_rate(learning_rate, "learning_rate")?;
        let run = self.run(learning_rate);
        self.group.runs_mut()[index] = run;
        Ok(())
    }

    pub fn steps(&self) -> usize {
        self.steps
    }

    /// Each panel's step budget; every panel restarts.
    pub fn set_steps(&mut self, steps: usize) -> Result<(), SpecError> {
        if !(1..=MAX_STEPS).contains(&steps) {
            return Err(SpecError::new(
                "steps",
                format!("must be a whole number from 1 to {MAX_STEPS}, got {steps}"),
            ));
        }
        self.steps = steps;
        self.reset();
        Ok(())
    }

    /// The optimizer of one run at `learning_rate`, with the lab's schedule
    /// moved to start from that rate.
    fn optimizer_at(&self, config: &OptimizerConfig, learning_rate: f64) -> Optimizer {
        let mut optimizer = Optimizer::new(config.clone(), self.schedule.clone(), 2);
        optimizer.set_learning_rate(learning_rate);
        optimizer
    }

    fn run(&self, learning_rate: f64) -> Trajectory {
        self.group.run(
            self.optimizer_at(&self.optimizer, learning_rate),
            self.steps,
        )
    }

    /// Every panel back to its start, step 0.
    pub fn reset(&mut self) {
        let runs = self.learning_rates.iter().map(|&lr| self.run(lr)).collect();
        *self.group.runs_mut() = runs;
    }

    pub fn panel(&self, index: usize) -> Result<&Trajectory, SpecError> {
        Ok(&self.group.runs()[check_index(index)?])
    }

    /// How panel `index`'s run is going, in the lecture's words.
    pub fn outcome(&self, index: usize) -> Result<Outcome, SpecError> {
        let t = self.panel(index)?;
        let loss = t.loss().last().copied().unwrap_or(f64::NAN);
        Ok(Outcome::judge(
            self.landscape(),
            t.status(),
            t.steps(),
            t.point(),
            loss,
        ))
    }

    /// η at each step 0..steps for panel `index`: its rate through the
    /// schedule, as its optimizer will use it.
    pub fn schedule_curve(&self, index: usize) -> Result<Vec<f64>, SpecError> {
        let index = check_index(index)?;
        let optimizer = self.optimizer_at(&self.optimizer, self.learning_rates[index]);
        Ok((0..self.steps as u64)
            .map(|t| optimizer.schedule().learning_rate(t))
            .collect())
    }

    /// The LR range test for this lab's landscape, optimizer, schedule and
    /// start: `count` rates from `from` to `to`, `steps` steps each.
    pub fn sweep_spec(
        &self,
        from: f64,
        to: f64,
        count: usize,
        steps: usize,
    ) -> Result<SweepSpec, SpecError> {
        let from = check_rate(from, "learning_rates.from")?;
        let to = check_rate(to, "learning_rates.to")?;
        if to <= from {
            return Err(SpecError::new(
                "learning_rates.to",
                format!("must be > learning_rates.from ({from}), got {to}"),
            ));
        }
        if !(2..=crate::run::sweep::MAX_RUNS as usize).contains(&count) {
            return Err(SpecError::new(
                "learning_rates.count",
                format!(
                    "must be a whole number from 2 to {}, got {count}",
                    crate::run::sweep::MAX_RUNS
                ),
            ));
        }
        if !(1..=MAX_STEPS).contains(&steps) {
            return Err(SpecError::new(
                "steps",
                format!("must be a whole number from 1 to {MAX_STEPS}, got {steps}"),
            ));
        }
        Ok(SweepSpec {
            landscape: self.landscape(),
            start: self.start(),
            optimizer: self.optimizer.clone(),
            schedule: self.schedule.clone(),
            steps,
            learning_rates: log_spaced(from, to, count),
            tolerances: Tolerances::default(),
        })
    }

    /// The effective per-coordinate learning rates of `optimizer` run at
    /// "yours"'s rate (with the lab's schedule) from the lab's start.
    pub fn adaptive(&self, optimizer: OptimizerConfig) -> AdaptiveRates {
        let mut optimizer = optimizer;
        optimizer.set("learning_rate", self.learning_rates[PANELS - 1]);
        let schedule = self.schedule.clone().map(|mut s| {
            s.set_initial_learning_rate(self.learning_rates[PANELS - 1]);
            s
        });
        adaptive_rates(&SimulateSpec {
            landscape: self.landscape(),
            start: self.start(),
            optimizer,
            schedule,
            steps: self.steps,
            tolerances: Tolerances::default(),
        })
    }
}

impl LrLab {
    /// The panels as one race spec, for `keras_code`: one racer per panel
    /// (the lab's optimizer at the panel's rate), the lab's schedule,
    /// which the race scales to each panel's rate as the lab does, and
    /// the panels' step budget.
    pub fn keras_spec(&self) -> Value {
        let racers: Vec<Value> = self
            .learning_rates
            .iter()
            .map(|&lr| {
                let mut config = self.optimizer.clone();
                config.set("learning_rate", lr);
                config.to_json()
            })
            .collect();
        let mut spec = object([
            ("landscape", self.landscape().name().into()),
            ("start", numbers(&self.start())),
            ("steps", self.steps.into()),
            ("racers", Value::Array(racers)),
        ]);
        if let Some(s) = &self.schedule {
            spec["schedule"] = s.to_json();
        }
        spec
    }
}

fn check_index(index: usize) -> Result<usize, SpecError> {
    if index < PANELS {
        Ok(index)
    } else {
        Err(SpecError::new(
            "panel",
            format!(
                "index {index} is out of range; allowed: 0 to {}",
                PANELS - 1
            ),
        ))
    }
}
