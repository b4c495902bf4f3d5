//! Data sets for the training view, generated from a seed.
//!
//! Two-class 2D sets (labels 0 and 1): circles, xor, gaussians, spiral,
//! moons, in roughly [−1, 1]². One-dimensional regression sets: sine (a
//! noisy sine) and polynomial (a noisy cubic, y = 2x³ − 1.2x + 0.2, with few points: the overfitting
//! demo). `noise` is the standard deviation of Gaussian noise added to the
//! coordinates (classification) or to y (regression).
//!
//! The validation set is the last `validation_split` fraction of the
//! samples, as with Keras's `validation_split`; the samples are generated
//! in random order, so that slice is a fair sample.

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
/// The validation split, inclusive.
pub const VALIDATION_SPLIT: [f64; 2] = [0.05, 0.9];
/// The split a spec that leaves it out gets.
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

/// What a spec asks for.
#[derive(Clone, Debug, PartialEq)]
pub struct DatasetSpec {
    pub name: String,
    pub samples: usize,
    pub noise: f64,
    pub validation_split: f64,
    pub seed: u64,
}

impl DatasetSpec {
    pub fn from_json(map: &Map<String, Value>, field: &str) -> Result<Self, SpecError> {
        spec::reject_unknown(
            map,
            field,
            &["name", "samples", "noise", "validation_split", "seed"],
        )?;
        let f = |k: &str| spec::path(field, k);
        let name = spec::string(map.get("name"), &f("name"))
            .map_err(|e| SpecError::new(e.field, format!("{}; allowed: {}", e.message, names())))?;
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
        let [min, max] = VALIDATION_SPLIT;
        if !(min..=max).contains(&validation_split) {
            return Err(SpecError::new(
                f("validation_split"),
                format!("must be in [{min}, {max}], got {validation_split}"),
            ));
        }
        let [min, max] = super::spec::SEED;
        let seed = spec::integer_or(map.get("seed"), &f("seed"), min, max, 0)?;
        Ok(DatasetSpec {
            name: name.to_string(),
            samples,
            noise,
            validation_split,
            seed,
        })
    }

    /// Generates the samples.
    pub fn generate(&self) -> Dataset {
        let mut rng = StdRng::seed_from_u64(self.seed);
        let n = self.samples;
        let mut xs = Vec::with_capacity(n);
        let mut ys = Vec::with_capacity(n);
        let noise = self.noise;
        let task = definition(&self.name).map_or(Task::Classification, |d| d.task);
        for i in 0..n {
            // Alternate the classes so both are equally common.
            let label = (i % 2) as f64;
            let u = rng.random::<f64>();
            let v = rng.random::<f64>();
            let (x, y) = match self.name.as_str() {
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
        // Shuffle so classes are not interleaved, then split off the tail.
        for i in (1..n).rev() {
            let j = rng.random_range(0..=i);
            xs.swap(i, j);
            ys.swap(i, j);
        }
        let n_val = ((n as f64) * self.validation_split)
            .round()
            .clamp(1.0, (n - 1) as f64) as usize;
        let split = n - n_val;
        Dataset {
            name: self.name.clone(),
            task,
            inputs: if task == Task::Regression { 1 } else { 2 },
            val_x: xs[split..].to_vec(),
            val_y: ys[split..].to_vec(),
            train_x: xs[..split].to_vec(),
            train_y: ys[..split].to_vec(),
        }
    }
}
