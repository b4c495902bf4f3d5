//! The optimizer race: up to eight optimizers leaving one start point on one
//! landscape, stepped together so a class can watch them side by side.
//!
//! Each racer is a `Trajectory`, so the race inherits its guarantees: no NaN
//! leaves it, and a run ends as converged, diverged or out of steps. The
//! learning rate can move mid-run (the slider) without touching the
//! optimizer's state; any other change of config restarts that racer.

use crate::json::{numbers, object};
use crate::labs::run_group::{group_lab_methods, RunGroup};
use crate::landscape::{Landscape, Point};
use crate::optim::{Optimizer, OptimizerConfig};
use crate::run::trajectory::{random_start, Trajectory, START_LIMIT};
use crate::spec::SpecError;
use serde_json::Value;
use std::fmt::Write;

/// The most racers one race holds (the palette has eight colours).
pub const MAX_RACERS: usize = 8;
/// Each racer's step budget: 8 racers × 100 000 points stay under ~32 MB.
pub const MAX_STEPS: usize = 100_000;

pub struct Race {
    group: RunGroup,
}

impl Race {
    group_lab_methods!();

    /// An empty race on `landscape`, from its default start.
    pub fn new(landscape: &'static dyn Landscape) -> Self {
        Race {
            group: RunGroup::new(landscape),
        }
    }

    /// Draws the start from N(0, σ²) per coordinate (the lecture's step 1),
    /// restarts every run, and returns the start.
    pub fn random_start(&mut self, sigma: f64, seed: u64) -> Result<Point, SpecError> {
        if !(sigma.is_finite() && sigma > 0.0 && sigma <= START_LIMIT / 10.0) {
            return Err(SpecError::new(
                "sigma",
                format!(
                    "must be a number in (0, {:e}], got {sigma}",
                    START_LIMIT / 10.0
                ),
            ));
        }
        // σ ≤ 10⁵ keeps a draw inside the start limit (|N(0,1)| < 9 always
        // holds for Box–Muller with f64 uniforms).
        let start = random_start(sigma, seed);
        self.set_start(start)?;
        Ok(start)
    }

    fn run(group: &RunGroup, config: OptimizerConfig) -> Trajectory {
        group.run(Optimizer::new(config, None, 2), MAX_STEPS)
    }

    /// Adds a racer from its config; returns its index.
    pub fn add_racer(&mut self, config: OptimizerConfig) -> Result<usize, SpecError> {
        if self.group.runs().len() >= MAX_RACERS {
            return Err(SpecError::new(
                "racers",
                format!("a race holds at most {MAX_RACERS} racers"),
            ));
        }
        let run = Self::run(&self.group, config);
        self.group.runs_mut().push(run);
        Ok(self.group.runs().len() - 1)
    }

    fn check_index(&self, index: usize) -> Result<(), SpecError> {
        if index < self.group.runs().len() {
            return Ok(());
        }
        let allowed = match self.group.runs().len() {
            0 => "there are no racers".to_string(),
            n => format!("allowed: 0 to {}", n - 1),
        };
        Err(SpecError::new(
            "racer",
            format!("index {index} is out of range; {allowed}"),
        ))
    }

    /// Gives racer `index` a new config; it restarts from the start.
    pub fn set_racer(&mut self, index: usize, config: OptimizerConfig) -> Result<(), SpecError> {
        self.check_index(index)?;
        let run = Self::run(&self.group, config);
        self.group.runs_mut()[index] = run;
        Ok(())
    }

    pub fn remove_racer(&mut self, index: usize) -> Result<(), SpecError> {
        self.check_index(index)?;
        self.group.runs_mut().remove(index);
        Ok(())
    }

    pub fn racer_count(&self) -> usize {
        self.group.runs().len()
    }

    pub fn racer(&self, index: usize) -> Result<&Trajectory, SpecError> {
        self.check_index(index)?;
        Ok(&self.group.runs()[index])
    }

    pub fn racers(&self) -> &[Trajectory] {
        self.group.runs()
    }

    /// Changes racer `index`'s learning rate from its next step on, keeping
    /// its path and all optimizer state (momentum, moments, step count).
    pub fn set_learning_rate(&mut self, index: usize, learning_rate: f64) -> Result<(), SpecError> {
        self.check_index(index)?;
        if !(learning_rate.is_finite() && learning_rate > 0.0) {
            return Err(SpecError::new(
                "learning_rate",
                format!("must be a finite number > 0, got {learning_rate}"),
            ));
        }
        self.group.runs_mut()[index].set_learning_rate(learning_rate);
        Ok(())
    }

    /// Every racer back to the start at step 0, with its current config
    /// (including a learning rate moved mid-run).
    pub fn reset(&mut self) {
        self.group
            .restart(|group, t| Self::run(group, t.optimizer().config().clone()));
    }

    /// Every point of every racer, one row each:
    /// `step,racer,optimizer,x,y,loss,gradient_norm,learning_rate`.
    /// Numbers are written in Rust's shortest round-trip form, so a row read
    /// back gives the very f64 the engine computed.
    pub fn csv(&self) -> String {
        let mut out = String::from("step,racer,optimizer,x,y,loss,gradient_norm,learning_rate\n");
        for (r, t) in self.racers().iter().enumerate() {
            let name = &t.optimizer().config().name;
            let (path, loss) = (t.path(), t.loss());
            let (norm, lr) = (t.gradient_norm(), t.learning_rate());
            for k in 0..loss.len() {
                let _ = writeln!(
                    out,
                    "{k},{r},{name},{:?},{:?},{:?},{:?},{:?}",
                    path[2 * k],
                    path[2 * k + 1],
                    loss[k],
                    norm[k],
                    lr[k]
                );
            }
        }
        out
    }

    /// The race spec of exactly this race, for `keras_code`: every racer
    /// with the rate it started at, every mid-run rate change its record
    /// shows (`[racer, step, rate]`), and the steps run so far (the whole
    /// budget, `MAX_STEPS`, before the first step).
    pub fn keras_spec(&self) -> Value {
        let taken = self.racers().iter().map(|t| t.steps()).max().unwrap_or(0);
        let mut changes = Vec::new();
        let racers: Vec<Value> = self
            .racers()
            .iter()
            .enumerate()
            .map(|(r, t)| {
                let mut config = t.optimizer().config().clone();
                let rates = t.learning_rate();
                if let Some(&first) = rates.first() {
                    config.set("learning_rate", first);
                }
                for k in 1..rates.len() {
                    if rates[k] != rates[k - 1] {
                        changes.push(Value::Array(vec![r.into(), k.into(), rates[k].into()]));
                    }
                }
                config.to_json()
            })
            .collect();
        let steps = if taken == 0 { MAX_STEPS } else { taken };
        object([
            ("landscape", self.landscape().name().into()),
            ("start", numbers(&self.start())),
            ("steps", steps.into()),
            ("racers", Value::Array(racers)),
            ("learning_rate_changes", Value::Array(changes)),
        ])
    }
}
