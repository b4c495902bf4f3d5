//! Training from JavaScript: `train(spec)` runs a spec to its end, and the
//! `Training` handle wraps the engine's `Comparison`: one network, or the
//! same network under 2 to 4 optimizers at once, batch by batch.

use crate::json::strings;
use crate::optim::OptimizerConfig;
use crate::train::dataset::Task;
use crate::train::{
    benchmark_spec, capacity_preset, Comparison, TrainSpec, TrainStatus, Trainer, CAPACITY_PRESETS,
    MAX_ADVANCE, MAX_COMPARED,
};
use crate::web::convert::{
    error, field_error, finite, now, number, object, set, string, to_js, whole,
};
use js_sys::{Array, Float64Array, Object};
use serde_json::Value;
use wasm_bindgen::prelude::*;

fn parse_spec(spec: &JsValue) -> Result<TrainSpec, JsError> {
    TrainSpec::from_json(&object(spec, "spec")?).map_err(error)
}

fn index(value: Option<usize>) -> JsValue {
    value.map_or(JsValue::NULL, |v| (v as f64).into())
}

/// Keras's `history.history`, as Float64Arrays (accuracy only for
/// classification).
fn history_object(t: &Trainer) -> JsValue {
    let h = t.history();
    let out: JsValue = Object::new().into();
    set(&out, "loss", &Float64Array::from(h.loss.as_slice()).into());
    set(
        &out,
        "val_loss",
        &Float64Array::from(h.val_loss.as_slice()).into(),
    );
    if t.data().task == Task::Classification {
        set(
            &out,
            "accuracy",
            &Float64Array::from(h.accuracy.as_slice()).into(),
        );
        set(
            &out,
            "val_accuracy",
            &Float64Array::from(h.val_accuracy.as_slice()).into(),
        );
    }
    out
}

/// Runs a spec `{dataset, model, optimizer, batch_size, epochs,
/// early_stopping?, shuffle?, seed}` to its end. Returns `{history: {loss,
/// val_loss, accuracy?, val_accuracy?}, best_epoch, stopped_epoch, status,
/// initial_weights, weights}` (weights in the order of Keras's
/// `model.get_weights()`); throws an Error naming the bad field.
#[wasm_bindgen]
pub fn train(spec: JsValue) -> Result<JsValue, JsError> {
    let spec = parse_spec(&spec)?;
    let result = crate::train::train(&spec);
    let h = &result.history;
    let history: JsValue = Object::new().into();
    let column = |v: &[f64]| JsValue::from(Float64Array::from(v));
    set(&history, "loss", &column(&h.loss));
    set(&history, "val_loss", &column(&h.val_loss));
    if result.task == Task::Classification {
        set(&history, "accuracy", &column(&h.accuracy));
        set(&history, "val_accuracy", &column(&h.val_accuracy));
    }
    let json = result.to_json();
    let out: JsValue = Object::new().into();
    set(&out, "history", &history);
    set(&out, "best_epoch", &index(result.best_epoch));
    set(&out, "stopped_epoch", &index(result.stopped_epoch));
    set(&out, "status", &result.status.name().into());
    set(&out, "initial_weights", &to_js(&json["initial_weights"]));
    set(&out, "weights", &to_js(&json["weights"]));
    Ok(out)
}

/// The spec of a capacity preset ("underfit", "ideal", "overfit"), as a
/// plain object; throws for any other name.
#[wasm_bindgen]
pub fn capacity_preset_spec(name: JsValue) -> Result<JsValue, JsError> {
    let name = string(&name, "preset")?;
    let name = name.as_str();
    capacity_preset(name).map(|v| to_js(&v)).ok_or_else(|| {
        field_error(
            "preset",
            format!(
                "unknown preset \"{}\"; allowed: {}",
                crate::spec::cut(name),
                CAPACITY_PRESETS.join(", ")
            ),
        )
    })
}

#[wasm_bindgen(js_name = Training)]
pub struct TrainingHandle {
    comparison: Comparison,
    /// The spec as given, which `keras_spec` hands on.
    spec: serde_json::Map<String, Value>,
}

impl TrainingHandle {
    pub(crate) fn runs(&self) -> &[Trainer] {
        self.comparison.runs()
    }

    /// The run a picture shows: `run` (0 when undefined) of a comparison.
    pub(crate) fn shown(&self, run: Option<f64>) -> Result<&Trainer, JsError> {
        Ok(&self.runs()[self.index(run.unwrap_or(0.0))?])
    }

    fn index(&self, i: f64) -> Result<usize, JsError> {
        Ok(whole(i, "run", 0, self.comparison.runs().len() as u64 - 1)? as usize)
    }
}

#[wasm_bindgen(js_class = Training)]
impl TrainingHandle {
    /// One run of `spec`, or with `compare` (an array of 2 to 4 optimizer
    /// configs) one run per optimizer, all from the same weights and
    /// batches. Throws an Error naming the bad field.
    #[wasm_bindgen(constructor)]
    pub fn new(spec: JsValue, compare: JsValue) -> Result<TrainingHandle, JsError> {
        let map = object(&spec, "spec")?;
        let spec = TrainSpec::from_json(&map).map_err(error)?;
        let mut configs = Vec::new();
        if !(compare.is_undefined() || compare.is_null()) {
            let list: Array = compare
                .dyn_into()
                .map_err(|_| field_error("compare", "must be a list of optimizer configs"))?;
            if list.length() as usize > MAX_COMPARED {
                return Err(field_error(
                    "compare",
                    format!(
                        "at most {MAX_COMPARED} optimizers at once, got {}",
                        list.length()
                    ),
                ));
            }
            for (i, item) in list.iter().enumerate() {
                let field = format!("compare[{i}]");
                let map = object(&item, &field)?;
                configs.push(OptimizerConfig::from_json(&map, &field).map_err(error)?);
            }
        }
        Ok(TrainingHandle {
            comparison: Comparison::new(&spec, configs).map_err(error)?,
            spec: map,
        })
    }

    pub fn run_count(&self) -> usize {
        self.comparison.runs().len()
    }

    /// Up to `n` more mini-batches for every run still training; returns
    /// the batches taken by all runs together.
    pub fn advance(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "number")] n: JsValue,
    ) -> Result<usize, JsError> {
        let n = crate::web::convert::step_request(&n, MAX_ADVANCE)?;
        Ok(self.comparison.advance(n))
    }

    /// True once no run is still training.
    pub fn all_finished(&self) -> bool {
        self.comparison.all_finished()
    }

    /// Takes effect from every run's next batch, keeping optimizer state.
    pub fn set_learning_rate(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "number")] learning_rate: JsValue,
    ) -> Result<(), JsError> {
        let learning_rate = number(&learning_rate, "learning_rate")?;
        let lr = finite(learning_rate, "learning_rate")?;
        self.comparison.set_learning_rate(lr).map_err(error)
    }

    /// Run `i`'s readout: epoch, the last train/validation loss and
    /// accuracy, best and stopped epoch, status (with its epoch), the
    /// optimizer and its learning rate, the task, the data sizes and the
    /// batches per epoch.
    pub fn summary(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] i: JsValue,
    ) -> Result<JsValue, JsError> {
        let i = number(&i, "i")?;
        let s = self.comparison.summary(self.index(i)?).map_err(error)?;
        let task = match s.task {
            Task::Classification => "classification",
            Task::Regression => "regression",
        };
        Ok(to_js(&crate::json::object([
            ("epoch", s.epoch.into()),
            ("loss", s.loss.into()),
            ("val_loss", s.val_loss.into()),
            ("accuracy", s.accuracy.into()),
            ("val_accuracy", s.val_accuracy.into()),
            ("best_epoch", s.best_epoch.into()),
            ("stopped_epoch", s.stopped_epoch.into()),
            ("status", s.status.name().into()),
            ("status_epoch", s.status_epoch.into()),
            ("optimizer", s.optimizer.into()),
            ("learning_rate", s.learning_rate.into()),
            ("task", task.into()),
            ("train_samples", s.train_samples.into()),
            ("val_samples", s.val_samples.into()),
            ("parameters", s.parameters.into()),
            ("sample_updates", (s.sample_updates as f64).into()),
            ("batches_per_epoch", s.batches_per_epoch.into()),
        ])))
    }

    /// Run `i`'s `train` spec, for `keras_code`: the spec with run `i`'s
    /// optimizer.
    pub fn keras_spec(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] i: JsValue,
    ) -> Result<JsValue, JsError> {
        let i = self.index(number(&i, "i")?)?;
        let spec = self.comparison.keras_spec(&self.spec, i).map_err(error)?;
        Ok(to_js(&spec))
    }

    /// Run `i`'s per-epoch history, as `train` returns it.
    pub fn history(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] i: JsValue,
    ) -> Result<JsValue, JsError> {
        let i = number(&i, "i")?;
        Ok(history_object(&self.comparison.runs()[self.index(i)?]))
    }
}

/// The benchmark: sample-updates per second (forward, backprop and the
/// optimizer step, counted per sample) for a 2-8-8-1 network with
/// `activation` on 500 training points in mini-batches of `batch_size`:
/// the spec of the native `cargo bench --bench training`, so the two
/// figures compare. Best of 5 repeats of `min_ms / 5` each (a busy machine
/// only ever slows a repeat down). Timed here with performance.now():
/// std::time panics on wasm32.
#[wasm_bindgen]
pub fn bench_training(activation: JsValue, batch_size: f64, min_ms: f64) -> Result<f64, JsError> {
    let activation = string(&activation, "activation")?;
    let activation = activation.as_str();
    let batch = whole(batch_size, "batch_size", 1, 500)? as usize;
    let min_ms = finite(min_ms, "min_ms")?.clamp(5.0, 60_000.0);
    let spec = bench_spec(activation, batch, 100_000)?;
    let mut best = 0.0f64;
    for _ in 0..5 {
        let mut t = Trainer::new(&spec);
        let began = now();
        let mut elapsed = 0.0;
        while elapsed < min_ms / 5.0 && t.status() == TrainStatus::Running {
            t.run_epochs(1);
            elapsed = now() - began;
        }
        if elapsed > 0.0 {
            best = best.max(t.sample_updates() as f64 / (elapsed / 1000.0));
        }
    }
    Ok(best)
}

/// ms per epoch of the benchmark network (tanh) at batch size
/// `batch_size`: the lecture's "mini-batches lead to fast training",
/// measured. The best of three stretches of `min_ms / 3` (each at least
/// one epoch), so a hiccup of the page or the machine does not show as a
/// spike.
#[wasm_bindgen]
pub fn time_epoch(batch_size: f64, min_ms: f64) -> Result<f64, JsError> {
    let batch = whole(batch_size, "batch_size", 1, 500)? as usize;
    let min_ms = finite(min_ms, "min_ms")?.clamp(0.3, 10_000.0);
    let mut t = Trainer::new(&bench_spec("tanh", batch, 100_000)?);
    let mut best = f64::INFINITY;
    for _ in 0..3 {
        let began = now();
        let mut epochs = 0;
        let mut elapsed = 0.0;
        while (elapsed < min_ms / 3.0 || epochs == 0) && t.status() == TrainStatus::Running {
            epochs += t.run_epochs(1);
            elapsed = now() - began;
        }
        if epochs > 0 {
            best = best.min(elapsed / epochs as f64);
        }
    }
    Ok(best)
}

fn bench_spec(activation: &str, batch_size: usize, epochs: usize) -> Result<TrainSpec, JsError> {
    TrainSpec::from_json_text(&benchmark_spec(activation, batch_size, epochs).to_string())
        .map_err(error)
}

/// What the training view's pickers list, as names, from the engine's own
/// tables: `{datasets, activations, optimizers, presets}`. `catalogue()`
/// has the same and more (each data set's task and defaults, the limits).
#[wasm_bindgen]
pub fn train_catalogue() -> JsValue {
    let datasets: Vec<_> = crate::train::dataset::DATASETS
        .iter()
        .map(|d| d.name)
        .collect();
    to_js(&crate::json::object([
        ("datasets", strings(&datasets)),
        ("activations", strings(crate::nn::ACTIVATIONS)),
        ("optimizers", strings(crate::optim::NAMES)),
        ("presets", strings(CAPACITY_PRESETS)),
    ]))
}
