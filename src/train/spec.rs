//! The `train` spec: JSON keyed by Keras's names, parsed and checked into
//! the model, data, optimizer and callbacks a `Trainer` runs.

use super::dataset::DatasetSpec;
use crate::nn::{keras_weights, Activation, Initializer, ACTIVATIONS, INITIALIZERS};
use crate::optim::OptimizerConfig;
use crate::spec::{self, describe, SpecError};
use serde_json::{Map, Value};

/// Hidden layers a model may have, inclusive.
pub const HIDDEN_LAYERS: [usize; 2] = [0, 6];
/// Units a hidden layer may have, inclusive.
pub const UNITS: [u64; 2] = [1, 64];
/// The dropout rate: from the first, inclusive, to the second, excluded.
pub const DROPOUT: [f64; 2] = [0.0, 0.95];
/// The L2 strength λ, inclusive.
pub const L2: [f64; 2] = [0.0, 10.0];
/// The batch size, inclusive.
pub const BATCH_SIZE: [u64; 2] = [1, 5000];
/// The number of epochs, inclusive.
pub const EPOCHS: [u64; 2] = [1, 100_000];
/// Early stopping's patience in epochs, inclusive.
pub const PATIENCE: [u64; 2] = [0, 10_000];
/// Seeds, inclusive: what a JS number holds exactly and a link spells
/// briefly.
pub const SEED: [u64; 2] = [0, u32::MAX as u64];
/// How many optimizers one comparison trains side by side, at most.
pub const MAX_COMPARED: usize = 4;

/// The model part of a spec.
#[derive(Clone, Debug, PartialEq)]
pub struct ModelSpec {
    pub hidden: Vec<usize>,
    pub activation: Activation,
    pub dropout: f64,
    /// Keras's `kernel_regularizer=L2(l2)` on every Dense layer.
    pub l2: f64,
    pub initializer: Initializer,
    /// Weights to start from instead of drawing them, as the engine's flat
    /// parameters (`model.get_weights()` flattened in order).
    pub initial_weights: Option<Vec<f64>>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct EarlyStoppingSpec {
    pub patience: usize,
    pub min_delta: f64,
    pub restore_best_weights: bool,
}

/// A parsed, validated `train` spec.
#[derive(Clone, Debug, PartialEq)]
pub struct TrainSpec {
    pub dataset: DatasetSpec,
    pub model: ModelSpec,
    pub optimizer: OptimizerConfig,
    pub batch_size: usize,
    pub epochs: usize,
    pub early_stopping: Option<EarlyStoppingSpec>,
    /// Keras's `fit(shuffle=…)`: a new batch order every epoch (from
    /// `seed`, see `super::shuffle`), or the samples in order.
    pub shuffle: bool,
    pub seed: u64,
}

fn parse_model(map: &Map<String, Value>, inputs: usize) -> Result<ModelSpec, SpecError> {
    spec::reject_unknown(
        map,
        "model",
        &[
            "hidden",
            "activation",
            "dropout",
            "l2",
            "initializer",
            "initial_weights",
        ],
    )?;
    let [fewest, most] = HIDDEN_LAYERS;
    let [min_units, max_units] = UNITS;
    let hidden = match map.get("hidden") {
        None => vec![8, 8],
        Some(Value::Array(items)) => {
            if !(fewest..=most).contains(&items.len()) {
                return Err(SpecError::new(
                    "model.hidden",
                    format!(
                        "may have {fewest} to {most} hidden layers, got {}",
                        items.len()
                    ),
                ));
            }
            items
                .iter()
                .enumerate()
                .map(|(i, v)| {
                    let field = format!("model.hidden[{i}]");
                    spec::integer(Some(v), &field, min_units, max_units).map(|u| u as usize)
                })
                .collect::<Result<_, _>>()?
        }
        Some(other) => {
            return Err(SpecError::new(
                "model.hidden",
                format!(
                    "must be a list of units per layer ({fewest} to {most} layers of {min_units} to {max_units}), got {}",
                    describe(other)
                ),
            ))
        }
    };
    let activation = match map.get("activation") {
        None => Activation::Tanh,
        Some(v) => {
            let name = spec::string(Some(v), "model.activation")?;
            Activation::from_name(name).ok_or_else(|| {
                SpecError::new(
                    "model.activation",
                    format!(
                        "unknown activation \"{}\"; allowed: {}",
                        spec::cut(name),
                        ACTIVATIONS.join(", ")
                    ),
                )
            })?
        }
    };
    let dropout = spec::number_or(map.get("dropout"), "model.dropout", 0.0)?;
    let [min, below] = DROPOUT;
    if !(min..below).contains(&dropout) {
        return Err(SpecError::new(
            "model.dropout",
            format!("must be in [{min}, {below}), got {dropout}"),
        ));
    }
    let l2 = spec::number_or(map.get("l2"), "model.l2", 0.0)?;
    let [min, max] = L2;
    if !(min..=max).contains(&l2) {
        return Err(SpecError::new(
            "model.l2",
            format!("must be in [{min}, {max}], got {l2}"),
        ));
    }
    let initializer = match map.get("initializer") {
        None => Initializer::GlorotUniform,
        Some(v) => {
            let name = spec::string(Some(v), "model.initializer")?;
            Initializer::from_name(name).ok_or_else(|| {
                SpecError::new(
                    "model.initializer",
                    format!(
                        "unknown initializer \"{}\"; allowed: {}",
                        spec::cut(name),
                        INITIALIZERS.join(", ")
                    ),
                )
            })?
        }
    };
    let initial_weights = match map.get("initial_weights") {
        None | Some(Value::Null) => None,
        Some(v) => {
            let mut sizes = vec![inputs];
            sizes.extend_from_slice(&hidden);
            sizes.push(1);
            Some(keras_weights::parse(v, &sizes, "model.initial_weights")?)
        }
    };
    Ok(ModelSpec {
        hidden,
        activation,
        dropout,
        l2,
        initializer,
        initial_weights,
    })
}

impl TrainSpec {
    pub fn from_json_text(text: &str) -> Result<Self, SpecError> {
        Self::from_json(&spec::parse_object(text)?)
    }

    pub fn from_json(map: &Map<String, Value>) -> Result<Self, SpecError> {
        spec::reject_unknown(
            map,
            "",
            &[
                "dataset",
                "model",
                "optimizer",
                "batch_size",
                "epochs",
                "early_stopping",
                "shuffle",
                "seed",
            ],
        )?;
        let dataset =
            DatasetSpec::from_json(spec::object(map.get("dataset"), "dataset")?, "dataset")?;
        let inputs = dataset.inputs();
        let model = match map.get("model") {
            None => parse_model(&Map::new(), inputs)?,
            Some(v) => parse_model(spec::object(Some(v), "model")?, inputs)?,
        };
        let optimizer = OptimizerConfig::from_json(
            spec::object(map.get("optimizer"), "optimizer")?,
            "optimizer",
        )?;
        let [min, max] = BATCH_SIZE;
        let batch_size =
            spec::integer_or(map.get("batch_size"), "batch_size", min, max, 32)? as usize;
        let [min, max] = EPOCHS;
        let epochs = spec::integer_or(map.get("epochs"), "epochs", min, max, 100)? as usize;
        let early_stopping = match map.get("early_stopping") {
            None | Some(Value::Null) => None,
            Some(v) => {
                let m = spec::object(Some(v), "early_stopping")?;
                spec::reject_unknown(
                    m,
                    "early_stopping",
                    &["patience", "min_delta", "restore_best_weights"],
                )?;
                let min_delta =
                    spec::number_or(m.get("min_delta"), "early_stopping.min_delta", 0.0)?;
                if min_delta < 0.0 {
                    return Err(SpecError::new(
                        "early_stopping.min_delta",
                        format!("must be ≥ 0, got {min_delta}"),
                    ));
                }
                let restore_best_weights = match m.get("restore_best_weights") {
                    None => false,
                    Some(Value::Bool(b)) => *b,
                    Some(other) => {
                        return Err(SpecError::new(
                            "early_stopping.restore_best_weights",
                            format!("must be true or false, got {}", describe(other)),
                        ))
                    }
                };
                Some(EarlyStoppingSpec {
                    patience: spec::integer_or(
                        m.get("patience"),
                        "early_stopping.patience",
                        PATIENCE[0],
                        PATIENCE[1],
                        0,
                    )? as usize,
                    min_delta,
                    restore_best_weights,
                })
            }
        };
        if early_stopping.is_some() && dataset.validation_split == 0.0 {
            // Keras would warn that val_loss is not available and never stop.
            return Err(SpecError::new(
                "early_stopping",
                "monitors val_loss, which needs dataset.validation_split > 0 (with no validation set Keras warns and never stops)",
            ));
        }
        let shuffle = match map.get("shuffle") {
            None => true,
            Some(Value::Bool(b)) => *b,
            Some(other) => {
                return Err(SpecError::new(
                    "shuffle",
                    format!("must be true or false, got {}", describe(other)),
                ))
            }
        };
        let seed = spec::integer_or(map.get("seed"), "seed", SEED[0], SEED[1], 0)?;
        Ok(TrainSpec {
            dataset,
            model,
            optimizer,
            batch_size,
            epochs,
            early_stopping,
            shuffle,
            seed,
        })
    }
}
