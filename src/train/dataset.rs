//! Data sets for the training view: generated from a seed, or given inline.
//!
//! Two-class 2D sets (labels 0 and 1): circles, xor, gaussians, spiral,
//! moons, in roughly [−1, 1]². One-dimensional regression sets: sine (a
//! noisy sine) and polynomial (a noisy cubic, y = 2x³ − 1.2x + 0.2, with few points: the overfitting
//! demo). `noise` is the standard deviation of Gaussian noise added to the
//! coordinates (classification) or to y (regression).
//!
//! Inline samples (`{"x": [[x₁, x₂], …], "y": […], "classes": 2}`, see
//! `super::inline`) keep their order. Either way the validation set is the
//! last `validation_split` fraction of the samples, split where Keras's
//! `fit(validation_split=…)` splits (`split_at`); generated samples come in
//! random order, so that slice is a fair sample.

use super::inline::InlineData;
use crate::landscape::Window;
use crate::random::normal;
use crate::spec::{self, SpecError};
use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};
use serde_json::{Map, Value};
use std::f64::consts::PI;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Task {
    /// Two classes, binary cross-entropy, accuracy reported.
    Classification,
    /// One output, mean squared error.
    Regression,
}

impl Task {
    /// The input plane a picture of this task shows: a little beyond the
    /// data, which lies in about [−1, 1] (plus noise).
    pub fn input_window(self) -> Window {
        match self {
            Task::Classification => Window::new(-1.6, 1.6, -1.6, 1.6),
            Task::Regression => Window::new(-1.2, 1.2, -1.2, 1.2),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Task::Classification => "classification",
            Task::Regression => "regression",
        }
    }
}

/// One data set a spec may name: its task, and what a spec that leaves
/// `samples` or `noise` out gets.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DatasetDefinition {
    pub name: &'static str,
    pub task: Task,
    pub samples: usize,
    pub noise: f64,
}

const fn dataset(name: &'static str, task: Task, samples: usize) -> DatasetDefinition {
    DatasetDefinition {
        name,
        task,
        samples,
        noise: 0.1,
    }
}

/// Every data set, in the order the UI lists them.
pub const DATASETS: &[DatasetDefinition] = &[
    dataset("circles", Task::Classification, 300),
    dataset("xor", Task::Classification, 300),
    dataset("gaussians", Task::Classification, 300),
    dataset("spiral", Task::Classification, 300),
    dataset("moons", Task::Classification, 300),
    dataset("sine", Task::Regression, 300),
    // Few points: the overfitting demo.
    dataset("polynomial", Task::Regression, 20),
];

/// The samples a spec may ask for, inclusive.
pub const SAMPLES: [u64; 2] = [4, 5000];
/// The noise's standard deviation, inclusive.
pub const NOISE: [f64; 2] = [0.0, 2.0];
/// The validation split, inclusive (0: no validation set, Keras's default).
pub const VALIDATION_SPLIT: [f64; 2] = [0.0, 0.9];
/// The split a spec naming a data set gets when it leaves it out (inline
/// samples get Keras's 0).
pub const DEFAULT_VALIDATION_SPLIT: f64 = 0.3;

/// The data set called `name`.
pub fn definition(name: &str) -> Option<&'static DatasetDefinition> {
    DATASETS.iter().find(|d| d.name == name)
}

fn names() -> String {
    DATASETS
        .iter()
        .map(|d| d.name)
        .collect::<Vec<_>>()
        .join(", ")
}

/// A generated data set, split into training and validation samples.
#[derive(Clone, Debug, PartialEq)]
pub struct Dataset {
    pub name: String,
    pub task: Task,
    /// 2 for classification sets, 1 for regression sets.
    pub inputs: usize,
    /// Inputs per sample (only the first `inputs` coordinates matter).
    pub train_x: Vec<[f64; 2]>,
    pub train_y: Vec<f64>,
    pub val_x: Vec<[f64; 2]>,
    pub val_y: Vec<f64>,
}

/// What a spec asks for: a named set drawn from a seed, or samples given
/// inline, and the fraction of them held out for validation.
#[derive(Clone, Debug, PartialEq)]
pub struct DatasetSpec {
    pub source: Source,
    /// The last `validation_split` of the samples are the validation set,
    /// as `fit(validation_split=…)` splits them; 0 holds none out.
    pub validation_split: f64,
}

/// Where the samples come from.
#[derive(Clone, Debug, PartialEq)]
pub enum Source {
    /// One of `DATASETS`, generated from `seed`.
    Named {
        name: String,
        samples: usize,
        noise: f64,
        seed: u64,
    },
    /// Samples given in the spec, kept in their order.
    Inline(InlineData),
}

/// The index where the validation set starts among `n` samples: Keras's
/// `int(floor(n·(1 − validation_split)))`, all samples when the split is
/// 0. Keras refuses a split that leaves either side empty; here each side
/// keeps at least one sample, so a small named set with a large split
/// still runs (an exported script writes this index out).
pub fn split_at(n: usize, validation_split: f64) -> usize {
    if validation_split == 0.0 {
        return n;
    }
    let at = ((n as f64) * (1.0 - validation_split)).floor() as usize;
    at.clamp(1, n.saturating_sub(1).max(1))
}

impl DatasetSpec {
    pub fn from_json(map: &Map<String, Value>, field: &str) -> Result<Self, SpecError> {
        let f = |k: &str| spec::path(field, k);
        if map.contains_key("x") || map.contains_key("y") {
            spec::reject_unknown(map, field, &["x", "y", "classes", "validation_split"])?;
            let data = InlineData::from_json(map, field)?;
            let validation_split =
                spec::number_or(map.get("validation_split"), &f("validation_split"), 0.0)?;
            check_split(validation_split, &f("validation_split"))?;
            if validation_split > 0.0 && data.y.len() < 2 {
                return Err(SpecError::new(
                    f("validation_split"),
                    format!(
                        "needs at least 2 samples to hold some out, got {}",
                        data.y.len()
                    ),
                ));
            }
            return Ok(DatasetSpec {
                source: Source::Inline(data),
                validation_split,
            });
        }
        spec::reject_unknown(
            map,
            field,
            &["name", "samples", "noise", "validation_split", "seed"],
        )?;
        let name = spec::string(map.get("name"), &f("name")).map_err(|e| {
            SpecError::new(
                e.field,
                format!(
                    "{}; allowed: {} (or inline samples as x and y)",
                    e.message,
                    names()
                ),
            )
        })?;
        let d = definition(name).ok_or_else(|| {
            SpecError::new(
                f("name"),
                format!(
                    "unknown data set \"{}\"; allowed: {}",
                    spec::cut(name),
                    names()
                ),
            )
        })?;
        let [min, max] = SAMPLES;
        let samples = spec::integer_or(
            map.get("samples"),
            &f("samples"),
            min,
            max,
            d.samples as u64,
        )? as usize;
        let noise = spec::number_or(map.get("noise"), &f("noise"), d.noise)?;
        let [min, max] = NOISE;
        if !(min..=max).contains(&noise) {
            return Err(SpecError::new(
                f("noise"),
                format!("must be in [{min}, {max}], got {noise}"),
            ));
        }
        let validation_split = spec::number_or(
            map.get("validation_split"),
            &f("validation_split"),
            DEFAULT_VALIDATION_SPLIT,
        )?;
        check_split(validation_split, &f("validation_split"))?;
        let [min, max] = super::spec::SEED;
        let seed = spec::integer_or(map.get("seed"), &f("seed"), min, max, 0)?;
        Ok(DatasetSpec {
            source: Source::Named {
                name: name.to_string(),
                samples,
                noise,
                seed,
            },
            validation_split,
        })
    }

    /// The task the samples set: classification for the two-class sets
    /// and inline samples with `classes`, regression otherwise.
    pub fn task(&self) -> Task {
        match &self.source {
            Source::Named { name, .. } => task_of(name),
            Source::Inline(data) => data.task,
        }
    }

    /// Inputs per sample: 2 for the classification sets, 1 for the
    /// regression sets, the row length for inline samples.
    pub fn inputs(&self) -> usize {
        match &self.source {
            Source::Named { .. } => match self.task() {
                Task::Classification => 2,
                Task::Regression => 1,
            },
            Source::Inline(data) => data.inputs,
        }
    }

    /// The samples, in order, split into training and validation sets.
    pub fn generate(&self) -> Dataset {
        let (name, inputs, task, xs, ys) = match &self.source {
            Source::Named {
                name,
                samples,
                noise,
                seed,
            } => {
                let (xs, ys) = generate(name, *samples, *noise, *seed);
                (name.clone(), self.inputs(), self.task(), xs, ys)
            }
            Source::Inline(data) => (
                "inline".to_string(),
                data.inputs,
                data.task,
                data.x.clone(),
                data.y.clone(),
            ),
        };
        let split = split_at(xs.len(), self.validation_split);
        Dataset {
            name,
            task,
            inputs,
            val_x: xs[split..].to_vec(),
            val_y: ys[split..].to_vec(),
            train_x: xs[..split].to_vec(),
            train_y: ys[..split].to_vec(),
        }
    }
}

fn check_split(validation_split: f64, field: &str) -> Result<(), SpecError> {
    let [min, max] = VALIDATION_SPLIT;
    if (min..=max).contains(&validation_split) {
        Ok(())
    } else {
        Err(SpecError::new(
            field,
            format!("must be in [{min}, {max}] (0: no validation set), got {validation_split}"),
        ))
    }
}

fn task_of(name: &str) -> Task {
    definition(name).map_or(Task::Classification, |d| d.task)
}

/// `samples` samples of the named set, in random order.
fn generate(name: &str, samples: usize, noise: f64, seed: u64) -> (Vec<[f64; 2]>, Vec<f64>) {
    let mut rng = StdRng::seed_from_u64(seed);
    let n = samples;
    let mut xs = Vec::with_capacity(n);
    let mut ys = Vec::with_capacity(n);
    let task = task_of(name);
    for i in 0..n {
        // Alternate the classes so both are equally common.
        let label = (i % 2) as f64;
        let u = rng.random::<f64>();
        let v = rng.random::<f64>();
        let (x, y) = match name {
            "circles" => {
                let r = if label == 1.0 { 0.5 * u } else { 0.7 + 0.3 * u };
                let a = 2.0 * PI * v;
                ([r * a.cos(), r * a.sin()], label)
            }
            "xor" => {
                // Keep a small margin around the axes so the classes are separable.
                let pad = |t: f64| 0.05 + 0.95 * t;
                let sx = if rng.random::<f64>() < 0.5 { -1.0 } else { 1.0 };
                let sy = if label == 1.0 { sx } else { -sx };
                ([sx * pad(u), sy * pad(v)], label)
            }
            "gaussians" => {
                let c = if label == 1.0 { 0.5 } else { -0.5 };
                (
                    [c + 0.25 * normal(&mut rng), c + 0.25 * normal(&mut rng)],
                    label,
                )
            }
            "spiral" => {
                let t = u;
                let a = 3.0 * PI * t + label * PI;
                ([t * a.cos(), t * a.sin()], label)
            }
            "moons" => {
                let a = PI * u;
                let p = if label == 1.0 {
                    [1.0 - a.cos(), 0.5 - a.sin()]
                } else {
                    [a.cos(), a.sin()]
                };
                // Centre the two moons on the origin, in about [−1, 1]².
                ([(p[0] - 0.5) * 0.7, (p[1] - 0.25) * 0.9], label)
            }
            "sine" => {
                let x = 2.0 * u - 1.0;
                ([x, 0.0], (PI * x).sin())
            }
            "polynomial" => {
                let x = 2.0 * u - 1.0;
                ([x, 0.0], 2.0 * x * x * x - 1.2 * x + 0.2)
            }
            other => unreachable!("validated name {other}"),
        };
        match task {
            Task::Classification => {
                xs.push([
                    x[0] + noise * normal(&mut rng),
                    x[1] + noise * normal(&mut rng),
                ]);
                ys.push(y);
            }
            Task::Regression => {
                xs.push(x);
                ys.push(y + noise * normal(&mut rng));
            }
        }
    }
    // Shuffle so classes are not interleaved; the split takes the tail.
    for i in (1..n).rev() {
        let j = rng.random_range(0..=i);
        xs.swap(i, j);
        ys.swap(i, j);
    }
    (xs, ys)
}
