//! The Keras program of a `train` spec: Descent's data and initial weights
//! written out, the same model, optimizer and batch order, and the
//! training loop of the lecture's "putting it all together" slide:
//!
//! ```python
//! with tf.GradientTape() as tape:
//!     p = model(x_batch, training=True)
//!     loss = loss_fn(y_batch, p) + sum(model.losses)
//! grads = tape.gradient(loss, model.trainable_variables)
//! optimizer.apply_gradients(zip(grads, model.trainable_variables))
//! ```
//!
//! with `fit`'s per-epoch running means, validation at the epoch's end and
//! Keras's own `EarlyStopping` callback, driven by hand.

use super::python::{self, float, list};
use crate::train::dataset::{Source, Task};
use crate::train::shuffle;
use crate::train::{TrainSpec, Trainer};
use std::fmt::Write;

/// The program for a checked spec; `spec_json` is the spec as echoed in
/// its header.
pub fn program(spec: &TrainSpec, spec_json: &str) -> String {
    let t = Trainer::new(spec);
    let data = t.data();
    let classification = data.task == Task::Classification;
    let split = data.train_x.len();
    let n = split + data.val_x.len();
    let validation = !data.val_x.is_empty();
    let mut out = String::with_capacity(64 * n + 24 * t.initial_weights().len() + 8192);
    let what = match &spec.dataset.source {
        Source::Named {
            name,
            samples,
            noise,
            seed,
        } => format!(
            "{samples} samples of \"{name}\" (noise {}, seed {seed}) as Descent drew them",
            float(*noise)
        ),
        Source::Inline(_) => format!("the spec's {n} samples, in their order"),
    };
    let dropout = spec.model.dropout > 0.0;
    let _ = write!(
        out,
        r#""""Descent → Keras: the run of Descent's train(spec), with the training loop
written as the lecture's "putting it all together" slide writes it.

Needs only a Keras 3 install:  pip install keras tensorflow

The data and the initial weights are Descent's, written out below; the
batch order is Descent's generator (SplitMix64 and Fisher–Yates), a few
lines of Python. The last line prints the history, by the keys of
Descent's train: with hyperparameters float32 holds exactly (Keras sends
some through float32: L2's l2, β for βᵗ) it matches Descent's to about
1e-12.{dropout_note}
"""
"#,
        dropout_note = if dropout {
            "\n\nWith dropout the run is exact except for the masks, which Keras draws\nitself: the numbers follow Descent's only in distribution."
        } else {
            ""
        }
    );
    let _ = writeln!(out, "# Descent's spec: {spec_json}");
    out.push_str(
        r#"import json
import math
import os

os.environ.setdefault("KERAS_BACKEND", "tensorflow")
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
import keras  # noqa: E402

keras.config.set_floatx("float64")

"#,
    );
    // The data.
    let _ = writeln!(out, "# The data: {what}.");
    let inputs = data.inputs;
    let rows = data.train_x.iter().chain(&data.val_x).map(|r| &r[..inputs]);
    let _ = writeln!(out, "x = np.array({})", python::rows(rows));
    let ys: Vec<f64> = data.train_y.iter().chain(&data.val_y).copied().collect();
    let _ = writeln!(out, "y = np.array({}).reshape(-1, 1)", list(&ys));
    if validation {
        let _ = writeln!(
            out,
            "# fit(validation_split={}) trains on the first int(len(x) * (1 - {})) = {split}\n# samples and validates on the rest.",
            float(spec.dataset.validation_split),
            float(spec.dataset.validation_split),
        );
    } else {
        out.push_str("# No validation set (validation_split 0, Keras's default).\n");
    }
    let _ = writeln!(
        out,
        "split = {split}\nx_train, y_train = x[:split], y[:split]"
    );
    if validation {
        out.push_str("x_val, y_val = x[split:], y[split:]\n");
    }
    // The model.
    let m = &spec.model;
    let drawn = if m.initial_weights.is_some() {
        "the spec's initial weights".to_string()
    } else {
        let init = match m.initializer {
            crate::nn::Initializer::GlorotUniform => "glorot_uniform",
            crate::nn::Initializer::HeNormal => "he_normal",
        };
        format!(
            "the initial weights Descent drew ({init}, seed {})",
            spec.seed
        )
    };
    let _ = writeln!(
        out,
        "\n# The model, with {drawn}, in model.get_weights() order."
    );
    let regularizer = if m.l2 > 0.0 {
        let _ = writeln!(
            out,
            "l2 = keras.regularizers.L2({})  # l2·Σw² on each kernel",
            float(m.l2)
        );
        ", kernel_regularizer=l2"
    } else {
        ""
    };
    out.push_str("model = keras.Sequential([\n");
    let _ = writeln!(out, "    keras.Input(shape=({inputs},)),");
    for units in &m.hidden {
        let _ = writeln!(
            out,
            "    keras.layers.Dense({units}, activation=\"{}\"{regularizer}),",
            m.activation.name()
        );
        if dropout {
            let _ = writeln!(out, "    keras.layers.Dropout({}),", float(m.dropout));
        }
    }
    let output = if classification {
        ", activation=\"sigmoid\""
    } else {
        ""
    };
    let _ = writeln!(out, "    keras.layers.Dense(1{output}{regularizer}),\n])");
    out.push_str("model.set_weights([np.array(w) for w in [\n");
    for (l, layer) in crate::nn::keras_weights::to_keras(t.network().sizes(), t.initial_weights())
        .iter()
        .enumerate()
    {
        let (fan_in, units) = (layer.kernel.len(), layer.bias.len());
        let _ = writeln!(
            out,
            "    {},  # layer {l} kernel [{fan_in}][{units}]",
            python::rows(layer.kernel.iter().map(Vec::as_slice))
        );
        let _ = writeln!(
            out,
            "    {},  # layer {l} bias [{units}]",
            list(&layer.bias)
        );
    }
    out.push_str("]])\n\n");
    let loss = if classification {
        "BinaryCrossentropy()  # on the sigmoid's logits, as Keras 3 does"
    } else {
        "MeanSquaredError()"
    };
    let _ = writeln!(out, "loss_fn = keras.losses.{loss}");
    let _ = writeln!(
        out,
        "optimizer = {}",
        python::optimizer(&spec.optimizer, None)
    );
    if let Some(es) = &spec.early_stopping {
        let _ = writeln!(
            out,
            "early_stopping = keras.callbacks.EarlyStopping(monitor=\"val_loss\", patience={}, min_delta={}, restore_best_weights={})\nearly_stopping.set_model(model)\nmodel.stop_training = False",
            es.patience,
            float(es.min_delta),
            python::boolean(es.restore_best_weights)
        );
    }
    out.push('\n');
    let penalty = if m.l2 > 0.0 {
        " + sum(model.losses)"
    } else {
        ""
    };
    let batch_size = spec.batch_size.min(split);
    if spec.shuffle {
        out.push('\n');
        out.push_str(shuffle::PYTHON);
        let _ = writeln!(out, "\n\norder = SplitMix64(seed={})", spec.seed);
    }
    let _ = writeln!(out, "batch_size, epochs = {batch_size}, {}", spec.epochs);
    let keys = if classification {
        r#"{"loss": [], "accuracy": [], "val_loss": [], "val_accuracy": []}"#
    } else {
        r#"{"loss": [], "val_loss": []}"#
    };
    let _ = writeln!(out, "history = {keys}");
    if spec.early_stopping.is_some() {
        out.push_str("early_stopping.on_train_begin()\n");
    }
    out.push_str("for epoch in range(epochs):\n");
    if spec.shuffle {
        out.push_str(
            "    indices = order.permutation(split)  # fit(shuffle=True), Descent's order\n",
        );
    } else {
        out.push_str("    indices = list(range(split))  # fit(shuffle=False)\n");
    }
    let correct = if classification {
        "\n        correct += float(np.sum((p.numpy() > 0.5) == (y_batch > 0.5)))"
    } else {
        ""
    };
    let _ = write!(
        out,
        r#"    total, correct = 0.0, 0.0
    for start in range(0, split, batch_size):
        batch = indices[start : start + batch_size]
        x_batch, y_batch = x_train[batch], y_train[batch]
        with tf.GradientTape() as tape:
            p = model(x_batch, training=True)
            loss = loss_fn(y_batch, p){penalty}
        grads = tape.gradient(loss, model.trainable_variables)
        optimizer.apply_gradients(zip(grads, model.trainable_variables))
        # fit's running means: the loss weighted by the batch's size.
        total += float(loss) * len(batch){correct}
    epoch_loss = total / split
"#
    );
    if validation {
        let _ = writeln!(
            out,
            "    # Validation at the epoch's end, without dropout.\n    p = model(x_val, training=False)\n    val_loss = float(loss_fn(y_val, p){penalty})"
        );
        out.push_str("    if not (math.isfinite(epoch_loss) and math.isfinite(val_loss)):\n");
    } else {
        out.push_str("    if not math.isfinite(epoch_loss):\n");
    }
    out.push_str("        break  # diverged: Descent ends the run and records nothing\n");
    out.push_str("    history[\"loss\"].append(epoch_loss)\n");
    if classification {
        out.push_str("    history[\"accuracy\"].append(correct / split)\n");
    }
    if validation {
        out.push_str("    history[\"val_loss\"].append(val_loss)\n");
        if classification {
            out.push_str(
                "    history[\"val_accuracy\"].append(float(np.mean((p.numpy() > 0.5) == (y_val > 0.5))))\n",
            );
        }
    }
    if spec.early_stopping.is_some() {
        out.push_str(
            "    early_stopping.on_epoch_end(epoch, {\"val_loss\": val_loss})\n    if model.stop_training:\n        break\nearly_stopping.on_train_end()\n",
        );
    }
    out.push_str("\nprint(json.dumps(history))\n");
    out
}
