// The training view's state and its URL form.
//
// The state is plain data: the data set, the model, the optimizer and its
// learning rate, the regularisation, early stopping, which optimizers to
// compare, and the mini-batch lab's settings. One property table (see
// ../shared/url_state.js) reads and writes it; the engine judges the spec built
// from it, and its messages name the field.

import { Kind } from "../shared/url_state.js";

export const MAX_COMPARED = 4;

/** Which settings each field of the form edits, with the rule it must meet. */
export function stateTable({ datasets, activations, optimizers }) {
  const number = (name, lo, hi, fallback, { open = false } = {}) => ({
    name,
    kind: Kind.NUMBER,
    check: (x) => x >= lo && (open ? x < hi : x <= hi),
    allowed: `a number from ${lo} to ${hi}${open ? " (not included)" : ""}`,
    default: fallback,
  });
  const integer = (name, min, max, fallback) => ({ name, kind: Kind.INTEGER, min, max, default: fallback });
  return [
    { name: "panel", kind: Kind.CHOICE, choices: ["network", "lab"], default: "network" },
    { name: "dataset", kind: Kind.CHOICE, choices: datasets, default: "circles" },
    number("noise", 0, 2, 0.1),
    integer("samples", 4, 5000, 300),
    number("split", 0.05, 0.9, 0.3),
    integer("data_seed", 0, 4294967295, 1),
    integer("layers", 0, 6, 2),
    integer("units", 1, 64, 8),
    { name: "activation", kind: Kind.CHOICE, choices: activations, default: "tanh" },
    integer("seed", 0, 4294967295, 1),
    number("dropout", 0, 0.95, 0, { open: true }),
    number("l2", 0, 10, 0),
    { name: "optimizer", kind: Kind.CHOICE, choices: optimizers, default: "adam" },
    number("lr", 1e-5, 10, 0.03),
    integer("batch", 1, 5000, 16),
    integer("epochs", 1, 100000, 300),
    integer("es", 0, 1, 0),
    integer("patience", 0, 10000, 20),
    { name: "compare", kind: Kind.LIST, default: [] },
    number("speed", 1, 1e5, 300),
    integer("lab_n", 2, 1000, 100),
    number("lab_noise", 0, 2, 0.5),
    integer("lab_k", 1, 1000, 10),
    number("lab_lr", 1e-5, 10, 0.1),
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
