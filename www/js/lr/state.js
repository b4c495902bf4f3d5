// The learning-rate view's state and its URL form, read and written by one
// property table (see ../shared/url_state.js). The engine checks every value when
// the view hands it over; the table only keeps a mangled link from
// reaching it as garbage.

import { Kind } from "../shared/url_state.js";
import { encodeOptimizer, decodeOptimizer } from "../shared/optimizer_text.js";

/** The lecture's slides: its landscape, plain SGD, and the three presets. */
export const DEFAULTS = Object.freeze({
  landscape: "lecture",
  optimizer: "sgd",
  rates: [0.05, 0.5, 5],
  yours: 0.2,
  steps: 3000,
  speed: 200,
  sweep: [1e-3, 10, 60, 1000],
  adaptive: "adam",
});

const positive = { check: (x) => x > 0, allowed: "a number > 0" };

/**
 * What is wrong with a range test's `[from, to, count, steps]`, or null:
 * the link and the sweep's fields hold to one rule (`limits` are the
 * catalogue's), so a sweep that runs is one its link can restore.
 */
export function sweepProblem([from, to, count, steps], limits) {
  const { sweep_max_rates: maxRates, lab_max_steps: maxSteps } = limits;
  // The engine's field names and wording, as the sweep's own refusals read.
  if (!(from > 0)) return `learning_rates.from: must be a finite number > 0, got ${from}`;
  if (!(to > from)) return `learning_rates.to: must be greater than learning_rates.from (${from}), got ${to}`;
  if (!(Number.isInteger(count) && count >= 2 && count <= maxRates)) {
    return `learning_rates.count: must be a whole number from 2 to ${maxRates}, got ${count}`;
  }
  if (!(Number.isInteger(steps) && steps >= 1 && steps <= maxSteps)) {
    return `steps: must be a whole number from 1 to ${maxSteps}, got ${steps}`;
  }
  return null;
}

/** The property table; `landscapes` and `optimizers` are the catalogue's
 *  names, `limits` its limits (the sweep's most rates and steps). */
export function stateTable(landscapes, optimizers, limits) {
  const { sweep_max_rates: maxRates, lab_max_steps: maxSteps } = limits;
  return [
    { name: "landscape", kind: Kind.CHOICE, choices: landscapes, default: DEFAULTS.landscape },
    // The optimizer with its hyperparameters, as the race writes a racer.
    { name: "optimizer", kind: Kind.LIST, max: 1, default: [DEFAULTS.optimizer] },
    { name: "rates", kind: Kind.NUMBERS, length: 3, default: DEFAULTS.rates },
    { name: "yours", kind: Kind.NUMBER, ...positive, default: DEFAULTS.yours },
    // null: the landscape's default start.
    { name: "start", kind: Kind.NUMBERS, length: 2, default: null },
    { name: "steps", kind: Kind.INTEGER, min: 1, max: 100000, default: DEFAULTS.steps },
    {
      name: "speed",
      kind: Kind.NUMBER,
      check: (x) => x >= 1 && x <= 1e5,
      allowed: "a number of steps per second from 1 to 100000",
      default: DEFAULTS.speed,
    },
    // Empty: a constant learning rate.
    { name: "schedule", kind: Kind.LIST, max: 1, default: [] },
    // from, to, count, steps of the LR range test: checked here, so a link
    // never shows (and writes back) a sweep that would only fail on Run.
    {
      name: "sweep",
      kind: Kind.NUMBERS,
      length: 4,
      check: (sweep) => sweepProblem(sweep, limits) === null,
      allowed: `from,to,count,steps with 0 < from < to, a whole count from 2 to ${maxRates} and whole steps from 1 to ${maxSteps}`,
      default: DEFAULTS.sweep,
    },
    { name: "adaptive", kind: Kind.CHOICE, choices: optimizers, default: DEFAULTS.adaptive },
  ];
}

/** An optimizer or schedule as link text (`adam,beta_1:0.8`), without the
 *  learning rate, which each panel holds itself. */
export function encodeConfig(config) {
  const { learning_rate: _rate, ...rest } = config;
  return encodeOptimizer(rest);
}

/** Link text → a plain config for the engine to check; throws on garbage. */
export function decodeConfig(text) {
  return decodeOptimizer(text);
}
