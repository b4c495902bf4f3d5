//! The `train` spec: JSON keyed by Keras's names, parsed and checked into
//! the model, data, optimizer and callbacks a `Trainer` runs.

use super::dataset::DatasetSpec;
use crate::nn::{keras_weights, Activation, Initializer, ACTIVATIONS};
use crate::optim::OptimizerConfig;
use crate::spec::{self, describe, SpecError};
use serde_json::{Map, Value};

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
    let hidden = match map.get("hidden") {
        None => vec![8, 8],
        Some(Value::Array(items)) => {
            if items.len() > 6 {
                return Err(SpecError::new(
                    "model.hidden",
                    format!("may have 0 to 6 hidden layers, got {}", items.len()),
                ));
            }
            items
                .iter()
                .enumerate()
                .map(|(i, v)| {
                    spec::integer(Some(v), &format!("model.hidden[{i}]"), 1, 64).map(|u| u as usize)
                })
                .collect::<Result<_, _>>()?
        }
        Some(other) => {
            return Err(SpecError::new(
                "model.hidden",
                format!(
                    "must be a list of units per layer (0 to 6 layers of 1 to 64), got {}",
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
    if !(0.0..0.95).contains(&dropout) {
        return Err(SpecError::new(
            "model.dropout",
            format!("must be in [0, 0.95), got {dropout}"),
        ));
    }
    let l2 = spec::number_or(map.get("l2"), "model.l2", 0.0)?;
    if !(0.0..=10.0).contains(&l2) {
        return Err(SpecError::new(
            "model.l2",
            format!("must be in [0, 10], got {l2}"),
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
                        "unknown initializer \"{}\"; allowed: glorot_uniform, he_normal",
                        spec::cut(name)
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
        let batch_size =
            spec::integer_or(map.get("batch_size"), "batch_size", 1, 5000, 32)? as usize;
        let epochs = spec::integer_or(map.get("epochs"), "epochs", 1, 100_000, 100)? as usize;
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
                        0,
                        10_000,
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
        let seed = spec::integer_or(map.get("seed"), "seed", 0, u32::MAX as u64, 0)?;
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
