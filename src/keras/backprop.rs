//! The Keras program of the backpropagation lab: the lecture's two-weight
//! network x →w₁→ z₁ →g→ a₁ →w₂→ ŷ as two bias-free `Dense(1)` layers,
//! J = (ŷ − y)², and the gradient-descent path the lab walked, one
//! `optimizer.apply_gradients` per step, at the rate each step was given.
//!
//! ```json
//! {"backprop": {"x": 1.5, "y": 0.5, "activation": "tanh"},
//!  "start": [0.5, -1], "steps": 40, "learning_rate": 0.1,
//!  "learning_rate_changes": [[20, 0.3]]}
//! ```
//!
//! `learning_rate_changes` are `[step, rate]`, the rate from the step
//! leaving point `step` on, as in a `simulate` spec.

use super::landscape::parse_changes;
use super::python::float;
use crate::json::{numbers, object};
use crate::labs::backprop::{
    activation, BackpropLab, GRADIENT_TOLERANCE, LOSS_TOLERANCE, MAX_PATH_STEPS, WEIGHT_LIMIT,
};
use crate::labs::check_learning_rate;
use crate::landscape::Point;
use crate::nn::Activation;
use crate::spec::{self, SpecError};
use serde_json::{Map, Value};

/// A checked backprop spec.
pub struct BackpropRun {
    pub x: f64,
    pub y: f64,
    pub activation: Activation,
    pub start: Point,
    pub steps: usize,
    pub learning_rate: f64,
    pub changes: Vec<(usize, f64)>,
}

/// A rate the lab takes, its error naming `field`.
fn rate(x: f64, field: &str) -> Result<f64, SpecError> {
    check_learning_rate(x).map_err(|e| SpecError::new(field, e.message))
}

impl BackpropRun {
    pub fn from_json(map: &Map<String, Value>) -> Result<Self, SpecError> {
        spec::reject_unknown(
            map,
            "",
            &[
                "backprop",
                "start",
                "steps",
                "learning_rate",
                "learning_rate_changes",
            ],
        )?;
        let net = spec::object(map.get("backprop"), "backprop")?;
        spec::reject_unknown(net, "backprop", &["x", "y", "activation"])?;
        let x = spec::number(net.get("x"), "backprop.x")?;
        let y = spec::number(net.get("y"), "backprop.y")?;
        let g = activation(spec::string(net.get("activation"), "backprop.activation")?)
            .map_err(|e| SpecError::new("backprop.activation", e.message))?;
        let start = match map.get("start") {
            Some(Value::Array(items)) if items.len() == 2 => [
                spec::number(items.first(), "start[0]")?,
                spec::number(items.get(1), "start[1]")?,
            ],
            other => {
                return Err(SpecError::new(
                    "start",
                    format!(
                        "must be the weights [w1, w2], got {}",
                        other.map_or("nothing".into(), spec::describe)
                    ),
                ))
            }
        };
        // The lab's own checks, with its field names under the spec's.
        BackpropLab::new(x, y, g, start).map_err(|e| {
            let field = match e.field.as_str() {
                "w1" => "start[0]".to_string(),
                "w2" => "start[1]".to_string(),
                other => format!("backprop.{other}"),
            };
            SpecError::new(field, e.message)
        })?;
        let steps = spec::integer(map.get("steps"), "steps", 0, MAX_PATH_STEPS as u64)? as usize;
        let learning_rate = rate(
            spec::number(map.get("learning_rate"), "learning_rate")?,
            "learning_rate",
        )?;
        let changes = parse_changes(map.get("learning_rate_changes"), steps, 1, false)?
            .pop()
            .unwrap_or_default();
        for (i, (_, r)) in changes.iter().enumerate() {
            rate(*r, &format!("learning_rate_changes[{i}][1]"))?;
        }
        Ok(BackpropRun {
            x,
            y,
            activation: g,
            start,
            steps,
            learning_rate,
            changes,
        })
    }

    /// The rate of the step leaving point `step`.
    fn rate_at(&self, step: usize) -> f64 {
        self.changes
            .iter()
            .rfind(|(at, _)| *at <= step)
            .map_or(self.learning_rate, |(_, r)| *r)
    }

    /// Every rate the run uses, for the precision note.
    pub fn rates(&self) -> Vec<f64> {
        let mut all = vec![self.learning_rate];
        all.extend(self.changes.iter().map(|(_, r)| *r));
        all
    }

    /// The path the lab walks for this spec, as the program prints it.
    pub fn output(&self) -> Value {
        let mut lab = BackpropLab::new(self.x, self.y, self.activation, self.start)
            .expect("checked by from_json");
        let mut status = "out_of_steps";
        for step in 0..self.steps {
            if !lab.step(self.rate_at(step)).expect("rates are checked") {
                status = if lab.converged().is_some() {
                    "converged"
                } else if lab.path_full() {
                    "out_of_steps"
                } else {
                    "diverged"
                };
                break;
            }
        }
        if lab.converged().is_some() {
            status = "converged";
        }
        let t = lab.trajectory();
        object([
            ("path", numbers(t.path())),
            ("loss", numbers(t.loss())),
            ("status", status.into()),
        ])
    }

    /// The program.
    pub fn program(&self, spec_json: &str) -> String {
        let changes: Vec<String> = self
            .changes
            .iter()
            .map(|(s, r)| format!("{s}: {}", float(*r)))
            .collect();
        format!(
            r#""""Descent → Keras: the backpropagation lab's network and the
gradient-descent path it walked, as the lecture draws it:

    x --w1--> z1 --g--> a1 --w2--> y_hat,   J = (y_hat - y)^2

Two Dense(1) layers without biases hold w1 and w2; tf.GradientTape does
the backward pass the lab writes out factor by factor (dJ/dy_hat ·
dy_hat/dz1 · dz1/dw1), and SGD takes each step at the rate it was given.

Needs only a Keras 3 install:  pip install keras tensorflow
Descent's spec: {spec_json}

The last line prints the path [w1, w2, w1, w2, …] (start first), J at
each point and how the path ended, as the lab records them.
"""
import json
import math
import os

os.environ.setdefault("KERAS_BACKEND", "tensorflow")
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
import keras  # noqa: E402

keras.config.set_floatx("float64")

x = np.array([[{x}]])  # the one training example
y = np.array([[{y}]])
model = keras.Sequential([
    keras.Input(shape=(1,)),
    keras.layers.Dense(1, activation="{g}", use_bias=False),  # z1 = w1·x, a1 = g(z1)
    keras.layers.Dense(1, use_bias=False),  # y_hat = w2·a1
])
model.set_weights([np.array([[{w1}]]), np.array([[{w2}]])])
optimizer = keras.optimizers.SGD(learning_rate={lr})
learning_rate_changes = {{{changes}}}  # step: the rate from that step on


def evaluate():
    with tf.GradientTape() as tape:
        J = tf.reduce_sum(tf.square(model(x) - y))
    grads = tape.gradient(J, model.trainable_variables)
    return float(J), grads


def weights():
    return [float(w.numpy()[0, 0]) for w in model.trainable_variables]


def result(status):
    return {{"path": path, "loss": losses, "status": status}}


def descend(steps):
    """Step until the lab would stop: converged (‖∇J‖ < {gtol} or
    J < {ltol}), a step that would take a weight past ±{limit} (the lab
    refuses it: "diverged"), or out of steps."""
    J, grads = evaluate()
    for step in range(steps + 1):
        norm = math.hypot(*(float(g.numpy()[0, 0]) for g in grads))
        if norm < {gtol} or J < {ltol}:
            return result("converged")
        if step == steps:
            break
        if step in learning_rate_changes:
            optimizer.learning_rate = learning_rate_changes[step]
        before = model.get_weights()
        optimizer.apply_gradients(zip(grads, model.trainable_variables))
        J, grads = evaluate()
        w = weights()
        if not (all(math.isfinite(v) and abs(v) <= {limit} for v in w) and math.isfinite(J)):
            model.set_weights(before)
            return result("diverged")
        path.extend(w)
        losses.append(J)
    return result("out_of_steps")


path, losses = weights(), [evaluate()[0]]
print(json.dumps(descend({steps})))
"#,
            x = float(self.x),
            y = float(self.y),
            g = self.activation.name(),
            w1 = float(self.start[0]),
            w2 = float(self.start[1]),
            lr = float(self.learning_rate),
            changes = changes.join(", "),
            gtol = float(GRADIENT_TOLERANCE),
            ltol = float(LOSS_TOLERANCE),
            limit = float(WEIGHT_LIMIT),
            steps = self.steps,
        )
    }
}
