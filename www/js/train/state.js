// The training view's state and its URL form.
//
// The state is plain data: the data set, the model, the optimizer and its
// learning rate, the regularisation, early stopping, which optimizers to
// compare, and the mini-batch lab's settings. One property table (see
// ../shared/url_state.js) reads and writes it; the engine judges the spec built
// from it, and its messages name the field. The ranges and the first data
// set's defaults are the engine's (its catalogue's limits and data sets).

import { Kind } from "../shared/url_state.js";
import { descent } from "../wasm.js";

/** The first data set a person sees. */
const DEFAULT_DATASET = "circles";

/** Which settings each field of the form edits, with the rule it must meet.
 *  Call it once the engine is loaded. */
export function stateTable({ datasets, activations, optimizers }) {
  const catalogue = descent.catalogue();
  const { limits } = catalogue;
  const first = catalogue.datasets.find((d) => d.name === DEFAULT_DATASET);
  /** A number in `{min, max, max_excluded}`, as the catalogue's limits are. */
  const number = (name, { min, max, max_excluded: open = false }, fallback) => ({
    name,
    kind: Kind.NUMBER,
    check: (x) => x >= min && (open ? x < max : x <= max),
    allowed: `a number from ${min} to ${max}${open ? " (not included)" : ""}`,
    default: fallback,
  });
  const integer = (name, { min, max }, fallback) => ({
    name,
    kind: Kind.INTEGER,
    min,
    max,
    default: fallback,
  });
  return [
    { name: "panel", kind: Kind.CHOICE, choices: ["network", "lab"], default: "network" },
    { name: "dataset", kind: Kind.CHOICE, choices: datasets, default: DEFAULT_DATASET },
    number("noise", limits.noise, first.noise),
    integer("samples", limits.samples, first.samples),
    number("split", limits.validation_split, 0.3),
    integer("data_seed", limits.seed, 1),
    integer("layers", limits.hidden_layers, 2),
    integer("units", limits.units, 8),
    { name: "activation", kind: Kind.CHOICE, choices: activations, default: "tanh" },
    integer("seed", limits.seed, 1),
    number("dropout", limits.dropout, 0),
    number("l2", limits.l2, 0),
    { name: "optimizer", kind: Kind.CHOICE, choices: optimizers, default: "adam" },
    number("lr", limits.learning_rate, 0.03),
    integer("batch", limits.batch_size, 16),
    integer("epochs", limits.epochs, 300),
    integer("es", { min: 0, max: 1 }, 0),
    integer("patience", limits.patience, 20),
    { name: "compare", kind: Kind.LIST, default: [] },
    number("speed", { min: 1, max: 1e5 }, 300),
    // The mini-batch lab's own ranges (its handle checks n and k too).
    integer("lab_n", { min: 2, max: 1000 }, 100),
    number("lab_noise", { min: 0, max: 2 }, 0.5),
    integer("lab_k", { min: 1, max: 1000 }, 10),
    number("lab_lr", limits.learning_rate, 0.1),
  ];
}

/** The engine's `train` spec for a state. */
export function specFor(state) {
  const spec = {
    dataset: {
      name: state.dataset,
      samples: state.samples,
      noise: state.noise,
      validation_split: state.split,
      seed: state.data_seed,
    },
    model: {
      hidden: Array(state.layers).fill(state.units),
      activation: state.activation,
      dropout: state.dropout,
      l2: state.l2,
    },
    optimizer: { name: state.optimizer, learning_rate: state.lr },
    batch_size: state.batch,
    epochs: state.epochs,
    seed: state.seed,
  };
  // Keras's EarlyStopping(monitor="val_loss", patience, restore_best_weights=True).
  if (state.es) spec.early_stopping = { patience: state.patience, min_delta: 0, restore_best_weights: true };
  return spec;
}

/** The optimizers to compare, as engine configs, or null for one run. */
export function compareFor(state) {
  if (state.compare.length < 2) return null;
  return state.compare.map((name) => ({ name, learning_rate: state.lr }));
}

/** A capacity preset's spec (from the engine) as state changes. Its hidden
 *  layers are all one width, which the form's layers × units can hold. */
export function presetState(spec) {
  const hidden = spec.model.hidden;
  return {
    dataset: spec.dataset.name,
    samples: spec.dataset.samples,
    noise: spec.dataset.noise,
    split: spec.dataset.validation_split,
    data_seed: spec.dataset.seed,
    layers: hidden.length,
    units: hidden.length ? hidden[0] : 8,
    activation: spec.model.activation,
    dropout: spec.model.dropout,
    l2: spec.model.l2,
    optimizer: spec.optimizer.name,
    lr: spec.optimizer.learning_rate,
    batch: spec.batch_size,
    epochs: spec.epochs,
    seed: spec.seed,
    es: 0,
    compare: [],
  };
}
