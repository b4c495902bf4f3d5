//! `keras_code(spec)`: the Keras program that reproduces a figure's numbers.
//!
//! Given a `train` spec, a `simulate` spec or a race spec (JSON), it
//! returns a Python program that needs nothing but a Keras 3 install
//! (`pip install keras tensorflow`), short enough to read in a minute:
//!
//! - for `train` (`network`): Descent's data and initial weights inline,
//!   the same model, optimizer and batch order (the generator of
//!   `train::shuffle`, re-implemented), `float64` throughout, and the
//!   lecture's GradientTape loop with `fit`'s running means, validation at
//!   each epoch's end and Keras's `EarlyStopping`. It prints the history
//!   by `train`'s keys.
//! - for `simulate` or a race (`landscape`): a `tf.Variable([x, y])` per
//!   run, the landscape in TensorFlow ops, the optimizer with its
//!   schedule and clipping, and any mid-run rate changes. It prints the
//!   path, the losses and the status.
//!
//! - for the backprop lab (`backprop`): its two-weight network as two
//!   bias-free `Dense(1)` layers and the path SGD walked on it.
//!
//! `precision_note` says how closely the program's numbers follow
//! Descent's, given what Keras rounds through float32.
//!
//! Bad specs give the errors `train` and `simulate` give: the program is
//! only written for a spec their own parsers accept. `keras_output` is
//! what Descent itself computes for the spec, in the shape the program
//! prints, so the two can be compared line for line.

mod backprop;
mod landscape;
mod network;
pub mod precision;
pub mod python;

pub use backprop::BackpropRun;
pub use landscape::{LandscapeRun, MAX_RACERS};
pub use precision::precision_note;

use crate::spec::{self, SpecError};
use crate::train::{train, TrainSpec};
use serde_json::{Map, Value};

/// The fields that make a spec a landscape run rather than `train`.
const LANDSCAPE_FIELDS: &[&str] = &["landscape", "start", "steps", "schedule", "tolerances"];

/// What a spec asks for.
enum Parsed {
    Train(Box<TrainSpec>),
    Landscape(Box<LandscapeRun>),
    Backprop(Box<BackpropRun>),
}

/// A race if it has `racers`, the backprop lab's path if it has
/// `backprop`, a `simulate` run if it has any field only landscape runs
/// have, else `train`: a spec goes to the parser whose error it would get
/// from `simulate` or `train`.
fn parse(map: &Map<String, Value>) -> Result<Parsed, SpecError> {
    if map.contains_key("racers") {
        Ok(Parsed::Landscape(Box::new(LandscapeRun::race(map)?)))
    } else if map.contains_key("backprop") {
        Ok(Parsed::Backprop(Box::new(BackpropRun::from_json(map)?)))
    } else if LANDSCAPE_FIELDS.iter().any(|f| map.contains_key(*f)) {
        Ok(Parsed::Landscape(Box::new(LandscapeRun::simulate(map)?)))
    } else {
        Ok(Parsed::Train(Box::new(TrainSpec::from_json(map)?)))
    }
}

/// The spec as the program's header quotes it: inline samples and
/// weights are written out below, so they are left out here.
fn echo(map: &Map<String, Value>) -> String {
    let mut map = map.clone();
    if let Some(Value::Object(d)) = map.get_mut("dataset") {
        for key in ["x", "y"] {
            if let Some(v) = d.get_mut(key) {
                *v = Value::String("(below)".into());
            }
        }
    }
    if let Some(Value::Object(m)) = map.get_mut("model") {
        if let Some(v) = m.get_mut("initial_weights") {
            *v = Value::String("(below)".into());
        }
    }
    Value::Object(map).to_string()
}

/// The Keras program for a spec.
pub fn keras_code(spec_text: &str) -> Result<String, SpecError> {
    keras_code_json(&spec::parse_object(spec_text)?)
}

/// The Keras program for a spec already parsed as JSON.
pub fn keras_code_json(map: &Map<String, Value>) -> Result<String, SpecError> {
    Ok(match parse(map)? {
        Parsed::Train(spec) => network::program(&spec, &echo(map)),
        Parsed::Landscape(run) => run.program(&echo(map)),
        Parsed::Backprop(run) => run.program(&echo(map)),
    })
}

/// What Descent computes for a spec, as its Keras program prints it: the
/// history of `train` by its keys, or `{path, loss, status}` of a run
/// (`{racers: [...]}` for a race).
pub fn keras_output(spec_text: &str) -> Result<Value, SpecError> {
    let map = spec::parse_object(spec_text)?;
    Ok(match parse(&map)? {
        Parsed::Train(spec) => train(&spec).to_json()["history"].clone(),
        Parsed::Landscape(run) => run.output(),
        Parsed::Backprop(run) => run.output(),
    })
}
