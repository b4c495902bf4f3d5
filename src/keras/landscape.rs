//! The Keras program of a landscape run: the lecture's gradient-descent
//! slide, a `tf.Variable([x, y])`, the landscape in TensorFlow ops
//! (`Landscape::tf_expression`), its gradient by `tf.GradientTape`, and
//! `optimizer.apply_gradients`, stopping where Descent stops a run.
//!
//! Two specs: `simulate`'s (one optimizer, maybe a schedule), and a race's,
//! `{"landscape", "start", "steps", "racers": [optimizer configs…]}`, one
//! variable and one optimizer per racer. Either may add
//! `learning_rate_changes`: `[[step, rate], …]`, the rate set before the
//! step leaving point `step` (the slider; the optimizer keeps its state);
//! in a race, `[racer, step, rate]` changes one racer only. A race may
//! also have a `schedule`, run once per racer scaled to start at that
//! racer's `learning_rate` (as `sweep` and the learning-rate lab scale
//! it); its `initial_learning_rate` then only sets the shape.

use super::python::{self, float};
use crate::json::{numbers, object};
use crate::optim::{Optimizer, OptimizerConfig, Schedule};
use crate::run::simulate::SimulateSpec;
use crate::run::trajectory::{Status, Trajectory};
use crate::spec::{self, describe, SpecError};
use serde_json::{Map, Value};
use std::fmt::Write;

/// The most racers a race spec may hold (the race's own limit).
pub const MAX_RACERS: usize = crate::labs::race::MAX_RACERS;

/// A checked landscape run: the shared spec, one optimizer per racer, and
/// each racer's rate changes as (step, rate) in the order given.
pub struct LandscapeRun {
    pub spec: SimulateSpec,
    pub racers: Vec<OptimizerConfig>,
    pub changes: Vec<Vec<(usize, f64)>>,
    pub race: bool,
}

impl LandscapeRun {
    /// A `simulate` spec, plus `learning_rate_changes`.
    pub fn simulate(map: &Map<String, Value>) -> Result<Self, SpecError> {
        let mut rest = map.clone();
        let changes = rest.remove("learning_rate_changes");
        let spec = SimulateSpec::from_json(&rest)?;
        let racers = vec![spec.optimizer.clone()];
        let changes = parse_changes(changes.as_ref(), spec.steps, 1, false)?;
        refuse_scheduled_changes(&spec, &changes)?;
        Ok(LandscapeRun {
            spec,
            racers,
            changes,
            race: false,
        })
    }

    /// A race spec: `simulate`'s fields but `racers` for `optimizer`.
    pub fn race(map: &Map<String, Value>) -> Result<Self, SpecError> {
        spec::reject_unknown(
            map,
            "",
            &[
                "landscape",
                "start",
                "steps",
                "seed",
                "tolerances",
                "racers",
                "schedule",
                "learning_rate_changes",
            ],
        )?;
        let mut rest = map.clone();
        let list = rest.remove("racers");
        let changes = rest.remove("learning_rate_changes");
        rest.insert("optimizer".into(), object([("name", "sgd".into())]));
        let spec = SimulateSpec::from_json(&rest)?;
        let items = match &list {
            Some(Value::Array(items)) if (1..=MAX_RACERS).contains(&items.len()) => items,
            other => {
                let got = match other {
                    Some(Value::Array(items)) => format!("{} racers", items.len()),
                    Some(v) => describe(v),
                    None => "nothing".into(),
                };
                return Err(SpecError::new(
                    "racers",
                    format!("must be a list of 1 to {MAX_RACERS} optimizer configs, got {got}"),
                ));
            }
        };
        let racers = items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                let field = format!("racers[{i}]");
                OptimizerConfig::from_json(spec::object(Some(item), &field)?, &field)
            })
            .collect::<Result<Vec<_>, _>>()?;
        let changes = parse_changes(changes.as_ref(), spec.steps, racers.len(), true)?;
        refuse_scheduled_changes(&spec, &changes)?;
        Ok(LandscapeRun {
            spec,
            racers,
            changes,
            race: true,
        })
    }

    /// What Descent computes for this run, as the program prints it.
    pub fn output(&self) -> Value {
        let runs: Vec<Value> = self
            .racers
            .iter()
            .zip(&self.changes)
            .map(|(config, changes)| self.run(config, changes))
            .collect();
        if self.race {
            object([("racers", Value::Array(runs))])
        } else {
            runs.into_iter().next().unwrap_or(Value::Null)
        }
    }

    /// A racer's schedule: a race's scaled to start at the racer's rate,
    /// a `simulate` run's as it is.
    pub fn schedule_of(&self, config: &OptimizerConfig) -> Option<Schedule> {
        let mut schedule = self.spec.schedule.clone()?;
        if self.race {
            schedule.set_initial_learning_rate(config.get("learning_rate"));
        }
        Some(schedule)
    }

    fn run(&self, config: &OptimizerConfig, changes: &[(usize, f64)]) -> Value {
        let s = &self.spec;
        let optimizer = Optimizer::new(config.clone(), self.schedule_of(config), 2);
        let mut t = Trajectory::new(s.landscape, s.start, optimizer, s.steps, s.tolerances);
        while !t.status().is_finished() {
            let step = t.steps();
            for &(_, rate) in changes.iter().filter(|(at, _)| *at == step) {
                t.set_learning_rate(rate);
            }
            t.step();
        }
        let status = match t.status() {
            Status::Converged { .. } => "converged",
            Status::Diverged { .. } => "diverged",
            _ => "out_of_steps",
        };
        object([
            ("path", numbers(t.path())),
            ("loss", numbers(t.loss())),
            ("status", status.into()),
        ])
    }

    /// The program.
    pub fn program(&self, spec_json: &str) -> String {
        let s = &self.spec;
        let l = s.landscape;
        let what = if self.race {
            match self.racers.len() {
                1 => "a race of 1 optimizer".to_string(),
                n => format!("a race of {n} optimizers"),
            }
        } else {
            "simulate(spec)".to_string()
        };
        let tol = s.tolerances;
        let mut out = format!(
            r#""""Descent → Keras: {what} on the "{name}" landscape, written as the
lecture's gradient-descent slide writes it: a variable, the loss in
TensorFlow ops, its gradient by tf.GradientTape, an optimizer step.

Needs only a Keras 3 install:  pip install keras tensorflow
Descent's spec: {spec_json}

The gradient here is TensorFlow's autodiff; Descent's is written out by
hand. They agree to rounding, so the paths agree to many digits (fewer,
the longer and the more chaotic the run). The last line prints the path
[x0, y0, x1, y1, …], the loss at each point and how the run ended, as
Descent's simulate returns them.
"""
import json
import math
import os

os.environ.setdefault("KERAS_BACKEND", "tensorflow")
import tensorflow as tf  # noqa: E402
import keras  # noqa: E402

keras.config.set_floatx("float64")


def loss(w):
    """{name}: J(x, y) = {formula}"""
    x, y = w[0], w[1]
    return {expression}


def descend(optimizer, learning_rate_changes):
    """From the start, step until Descent would stop: converged (‖∇J‖ < {gtol}
    or a step shorter than {stol}), diverged (a coordinate beyond ±{bound}
    or not finite), or out of steps."""
    w = tf.Variable([{x0}, {y0}], dtype="float64")

    def evaluate():
        with tf.GradientTape() as tape:
            J = loss(w)
        return float(J), tape.gradient(J, w)

    def result(status):
        return {{"path": path, "loss": losses, "status": status}}

    J, g = evaluate()
    path, losses = [float(v) for v in w.numpy()], [J]
    for step in range({steps} + 1):
        if math.hypot(*g.numpy()) < {gtol}:
            return result("converged")
        if step == {steps}:
            break
        if step in learning_rate_changes:  # the slider: the optimizer keeps its state
            optimizer.learning_rate = learning_rate_changes[step]
        before = w.numpy()
        optimizer.apply_gradients([(g, w)])
        after = w.numpy()
        if not all(math.isfinite(v) and abs(v) <= {bound} for v in after):
            return result("diverged")
        J, g = evaluate()
        if not (math.isfinite(J) and all(math.isfinite(v) for v in g.numpy())):
            return result("diverged")
        path += [float(v) for v in after]
        losses.append(J)
        if math.hypot(*(after - before)) < {stol}:
            return result("converged")
    return result("out_of_steps")


"#,
            name = l.name(),
            formula = l.formula(),
            expression = l.tf_expression().unwrap_or("0.0 * x"),
            x0 = float(s.start[0]),
            y0 = float(s.start[1]),
            steps = s.steps,
            gtol = float(tol.gradient_norm),
            stol = float(tol.step_length),
            bound = float(tol.divergence_box),
        );
        let learning_rate = s.schedule.as_ref().map(python::schedule);
        if self.race {
            out.push_str("racers = [\n");
            for (config, changes) in self.racers.iter().zip(&self.changes) {
                let schedule = self.schedule_of(config).map(|s| python::schedule(&s));
                let _ = writeln!(
                    out,
                    "    ({}, {}),",
                    python::optimizer(config, schedule.as_deref()),
                    changes_literal(changes)
                );
            }
            out.push_str("]\n");
            out.push_str("runs = [descend(optimizer, changes) for optimizer, changes in racers]\n");
            out.push_str("print(json.dumps({\"racers\": runs}))\n");
        } else {
            let _ = writeln!(
                out,
                "optimizer = {}",
                python::optimizer(&self.racers[0], learning_rate.as_deref())
            );
            let _ = writeln!(
                out,
                "learning_rate_changes = {}  # step: rate",
                changes_literal(&self.changes[0])
            );
            out.push_str("print(json.dumps(descend(optimizer, learning_rate_changes)))\n");
        }
        out
    }
}

/// Keras refuses to set the rate of an optimizer built with a schedule.
fn refuse_scheduled_changes(
    spec: &SimulateSpec,
    changes: &[Vec<(usize, f64)>],
) -> Result<(), SpecError> {
    if spec.schedule.is_some() && changes.iter().any(|c| !c.is_empty()) {
        return Err(SpecError::new(
            "learning_rate_changes",
            "cannot move a scheduled rate: Keras refuses to set the learning rate of an optimizer built with a schedule; drop the schedule or the changes",
        ));
    }
    Ok(())
}

/// `{40: 0.1, 90: 0.01}`.
fn changes_literal(changes: &[(usize, f64)]) -> String {
    let items: Vec<String> = changes
        .iter()
        .map(|(step, rate)| format!("{step}: {}", float(*rate)))
        .collect();
    format!("{{{}}}", items.join(", "))
}

/// `[[step, rate], …]`, or in a race also `[racer, step, rate]`: one list
/// of (step, rate) per racer.
pub(super) fn parse_changes(
    value: Option<&Value>,
    steps: usize,
    racers: usize,
    race: bool,
) -> Result<Vec<Vec<(usize, f64)>>, SpecError> {
    let mut out = vec![Vec::new(); racers];
    let items = match value {
        None | Some(Value::Null) => return Ok(out),
        Some(Value::Array(items)) if items.len() <= 10_000 => items,
        Some(other) => {
            return Err(SpecError::new(
                "learning_rate_changes",
                format!(
                    "must be a list of at most 10000 [step, rate] pairs, got {}",
                    describe(other)
                ),
            ))
        }
    };
    let shape = if race {
        "[step, rate] or [racer, step, rate]"
    } else {
        "[step, rate]"
    };
    for (i, item) in items.iter().enumerate() {
        let field = format!("learning_rate_changes[{i}]");
        let parts = match item {
            Value::Array(parts) if parts.len() == 2 || (parts.len() == 3 && race) => parts,
            other => {
                return Err(SpecError::new(
                    field,
                    format!("must be {shape}, got {}", describe(other)),
                ))
            }
        };
        let (who, rest) = if parts.len() == 3 {
            let r = spec::integer(
                Some(&parts[0]),
                &format!("{field}[0]"),
                0,
                racers as u64 - 1,
            )?;
            (Some(r as usize), &parts[1..])
        } else {
            (None, &parts[..])
        };
        let at = parts.len() - 2;
        let step =
            spec::integer(Some(&rest[0]), &format!("{field}[{at}]"), 0, steps as u64)? as usize;
        let rate_field = format!("{field}[{}]", at + 1);
        let rate = spec::number(Some(&rest[1]), &rate_field)?;
        if rate <= 0.0 {
            return Err(SpecError::new(
                rate_field,
                format!("must be a learning rate > 0, got {rate}"),
            ));
        }
        for (r, list) in out.iter_mut().enumerate() {
            if who.is_none_or(|w| w == r) {
                list.push((step, rate));
            }
        }
    }
    Ok(out)
}
