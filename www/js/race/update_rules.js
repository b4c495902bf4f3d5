// Each optimizer's update rule as maths, in Keras's form (the engine's doc
// comments in src/optim/ carry the same formulas). The variant shown follows
// the racer's own settings: momentum or not, Nesterov, centered, AMSGrad.

import { expr, frac, sqrt, row, block } from "../math.js";

/** The symbol each Keras hyperparameter goes by in the formulas. */
export const SYMBOLS = {
  learning_rate: "η",
  momentum: "μ",
  beta_1: "β₁",
  beta_2: "β₂",
  epsilon: "ε",
  rho: "ρ",
  weight_decay: "λ",
  initial_accumulator_value: "a₀",
  clipnorm: "clipnorm",
  clipvalue: "clipvalue",
  global_clipnorm: "global_clipnorm",
  nesterov: "nesterov",
  centered: "centered",
  amsgrad: "amsgrad",
};

const adamMoments = [
  block(expr("m ← β_1 m + (1 − β_1) g")),
  block(expr("v ← β_2 v + (1 − β_2) g^2")),
];

const RULES = {
  sgd: (h) => {
    if (!(h.momentum > 0)) return [block(expr("w ← w − η g"))];
    return [
      block(expr("m ← μ m − η g")),
      h.nesterov ? block(expr("w ← w + μ m − η g")) : block(expr("w ← w + m")),
    ];
  },
  adagrad: () => [
    block(expr("a ← a + g^2")),
    block(expr("w ← w −"), frac(expr("η g"), sqrt(expr("a + ε")))),
  ],
  adadelta: () => [
    block(expr("E[g^2] ← ρ E[g^2] + (1 − ρ) g^2")),
    block(expr("Δ ← −"), frac(sqrt(expr("E[Δ^2] + ε")), sqrt(expr("E[g^2] + ε"))), expr("g")),
    block(expr("E[Δ^2] ← ρ E[Δ^2] + (1 − ρ) Δ^2")),
    block(expr("w ← w + η Δ")),
  ],
  rmsprop: (h) => {
    const lines = [block(expr("v ← ρ v + (1 − ρ) g^2"))];
    let denominator = expr("v + ε");
    if (h.centered) {
      lines.push(block(expr("ḡ ← ρ ḡ + (1 − ρ) g")));
      denominator = expr("v − ḡ^2 + ε");
    }
    const step = frac(expr("η g"), sqrt(denominator));
    if (h.momentum > 0) {
      lines.push(block(expr("m ← μ m +"), step), block(expr("w ← w − m")));
    } else {
      lines.push(block(expr("w ← w −"), step));
    }
    return lines;
  },
  adam: (h) => [
    ...adamMoments,
    ...(h.amsgrad ? [block(expr("v_max ← max(v_max, v)"))] : []),
    block(expr("m̂ ="), frac(expr("m"), expr("1 − β_1^t")), expr(", v̂ ="), frac(expr(h.amsgrad ? "v_max" : "v"), expr("1 − β_2^t"))),
    block(expr("w ← w − η"), frac(expr("m̂"), row(sqrt(expr("v̂")), expr("+ ε̂")))),
  ],
  adamax: () => [
    block(expr("m ← β_1 m + (1 − β_1) g")),
    block(expr("u ← max(β_2 u, |g|)")),
    block(expr("w ← w −"), frac(expr("η m"), expr("(1 − β_1^t)(u + ε)"))),
  ],
  nadam: () => [
    block(expr("μ_t = β_1 (1 − ½ · 0.96^t)")),
    ...adamMoments,
    block(
      expr("m̂ ="),
      frac(expr("μ_{t+1} m"), expr("1 − Π_t μ_{t+1}")),
      expr("+"),
      frac(expr("(1 − μ_t) g"), expr("1 − Π_t")),
      expr(", v̂ ="),
      frac(expr("v"), expr("1 − β_2^t")),
    ),
    block(expr("w ← w − η"), frac(expr("m̂"), row(sqrt(expr("v̂")), expr("+ ε")))),
  ],
  lion: () => [
    block(expr("w ← w − η sign(β_1 m + (1 − β_1) g)")),
    block(expr("m ← β_2 m + (1 − β_2) g")),
  ],
};
RULES.adamw = (h) => RULES.adam(h);

/** Notes that belong under a rule, where Keras differs from the textbook. */
const NOTES = {
  sgd: "Keras's momentum keeps η inside the velocity m, so moving the slider mid-run changes only new steps.",
  adagrad: "Keras puts ε inside the square root and starts the accumulator at a₀ = 0.1.",
  adadelta: "Keras's default η is 0.001, so Adadelta crawls until you raise it (the paper uses 1).",
  rmsprop: "Keras puts ε inside the square root.",
  adam: "Keras folds the bias corrections into η, so its ε meets √v: ε̂ = ε·√(1 − β₂ᵗ). Keras's ε is 1e-7.",
  adamw: "AdamW is Adam with decoupled weight decay, w ← w − λ·η·w before each step.",
  adamax: "Adam with the largest past gradient (L∞) in place of the mean square.",
  nadam: "Keras keeps Dozat's momentum schedule μₜ, with Πₜ = μ₁·…·μₜ.",
  lion: "Every coordinate moves by exactly η per step, whatever the gradient's size.",
};

/** Keras's base-class steps before every rule, in Keras's order: clip the
 *  gradient (only the first option that is set), then decay the weights. */
function baseSteps(h) {
  const lines = [];
  if (h.clipnorm > 0) {
    lines.push(block(expr("g ← g ·"), frac(expr("clipnorm"), expr("max(‖g‖, clipnorm)"))));
  } else if (h.global_clipnorm > 0) {
    lines.push(block(expr("g ← g ·"), frac(expr("global_clipnorm"), expr("max(‖g‖, global_clipnorm)"))));
  } else if (h.clipvalue > 0) {
    lines.push(block(expr("g ← clip(g, −clipvalue, clipvalue)")));
  }
  if (h.weight_decay > 0) lines.push(block(expr("w ← w − λ η w")));
  return lines;
}

/** The rule's lines as MathML strings, for hyperparameter values `h`. */
export function ruleMath(name, h) {
  const rule = RULES[name];
  return [...baseSteps(h), ...(rule ? rule(h) : [])];
}

export function ruleNote(name) {
  return NOTES[name] ?? "";
}
