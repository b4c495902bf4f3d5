// The backprop view's state and its URL form: the training example, the
// activation, the two weights, the learning rate, and which weight the
// nudge moves by how much. The rules here only keep a mangled link from
// reaching the engine as garbage; the engine checks every value again.

import { Kind } from "../shared/url_state.js";

export const ACTIVATIONS = Object.freeze(["tanh", "sigmoid", "relu", "linear"]);

/** Play stops here: past it the path only crawls along the valley floor. */
export const MAX_STEPS = 500;

/** Chosen so that every factor of the chain is far from 0 and 1, and
 *  descent at η = 0.1 reaches the zero-loss valley in a few dozen steps. */
export const DEFAULTS = Object.freeze({
  x: 1.5,
  y: 0.8,
  w1: -1.2,
  w2: -1.5,
  g: "tanh",
  lr: 0.1,
  nudge: 2,
  delta: 0.5,
});

const within = (name, limit) => ({
  name,
  kind: Kind.NUMBER,
  check: (v) => v >= -limit && v <= limit,
  allowed: `a number from −${limit} to ${limit}`,
  default: DEFAULTS[name],
});

export function stateTable() {
  return [
    within("x", 5),
    within("y", 5),
    within("w1", 10),
    within("w2", 10),
    { name: "g", kind: Kind.CHOICE, choices: ACTIVATIONS, default: DEFAULTS.g },
    {
      name: "lr",
      kind: Kind.NUMBER,
      check: (v) => v > 0 && v <= 10,
      allowed: "a number greater than 0 and at most 10",
      default: DEFAULTS.lr,
    },
    { name: "nudge", kind: Kind.INTEGER, min: 1, max: 2, default: DEFAULTS.nudge },
    within("delta", 5),
  ];
}
