// The lecture's two chain-rule equations as MathML, each factor in the
// lecture's colour with its local formula and its current value under it,
// then the product and the finite-difference check. Every number comes
// from the engine's values(); this module only places and formats them.

import { expr, frac, row } from "../math.js";
import { number } from "../shared/format.js";

/** Products and checks get enough digits to show they agree to ~6 places. */
const PRODUCT_DIGITS = 7;

// ∂ as an operator with no space after it, so "∂J" reads as one symbol.
const PARTIAL = '<mo form="prefix" lspace="0" rspace="0">∂</mo>';
const partial = (top, bottom) => frac(row(PARTIAL, expr(top)), row(PARTIAL, expr(bottom)));
const math = (inner) => `<math>${inner}</math>`;

/** The factors, named by their keys in values(); the same colour wherever they appear. */
export const FACTORS = Object.freeze({
  dloss_dyhat: { colour: "purple", symbol: partial("J", "ŷ"), formula: expr("2(ŷ − y)") },
  dyhat_dw2: { colour: "red", symbol: partial("ŷ", "w_2"), formula: expr("a_1") },
  dyhat_dz1: { colour: "red", symbol: partial("ŷ", "z_1"), formula: row(expr("w_2 g"), "<mo lspace=\"0\" rspace=\"0\">′</mo>", expr("(z_1)")) },
  dz1_dw1: { colour: "blue", symbol: partial("z_1", "w_1"), formula: expr("x") },
});

const EQUATIONS = {
  w2: { lhs: partial("J", "w_2"), factors: ["dloss_dyhat", "dyhat_dw2"], product: "dloss_dw2", check: "check_dw2" },
  w1: { lhs: partial("J", "w_1"), factors: ["dloss_dyhat", "dyhat_dz1", "dz1_dw1"], product: "dloss_dw1", check: "check_dw1" },
};

function term(key) {
  const f = FACTORS[key];
  return `<div class="bp-term bp-${f.colour}" data-term="${key}">
    <span class="bp-term-symbol">${math(f.symbol)}</span>
    <span class="bp-term-formula">${math(f.formula)}</span>
    <output class="bp-value">–</output>
  </div>`;
}

const OP = (symbol) => `<span class="bp-op" aria-hidden="true">${math(`<mo>${symbol}</mo>`)}</span>`;

function equation(e) {
  const factors = e.factors.map(term).join(OP("·"));
  return `<div class="bp-term bp-lhs"><span class="bp-term-symbol">${math(e.lhs)}</span></div>
    ${OP("=")}
    ${factors}
    ${OP("=")}
    <div class="bp-term bp-product" data-term="${e.product}">
      <output class="bp-value">–</output>
      <span class="bp-check">finite differences: <output data-term="${e.check}">–</output></span>
    </div>`;
}

export function createChain(refs) {
  const slots = [];
  for (const [name, e] of Object.entries(EQUATIONS)) {
    const host = name === "w1" ? refs.eqW1 : refs.eqW2;
    host.innerHTML = equation(e);
    for (const key of e.factors) slots.push([host.querySelector(`[data-term="${key}"] .bp-value`), key, 4]);
    slots.push([host.querySelector(`[data-term="${e.product}"] .bp-value`), e.product, PRODUCT_DIGITS]);
    slots.push([host.querySelector(`output[data-term="${e.check}"]`), e.check, PRODUCT_DIGITS]);
  }

  return {
    /** Refreshes every number from `v`, the engine's values(). */
    update(v) {
      for (const [slot, key, digits] of slots) {
        const text = number(v[key], digits);
        if (slot.textContent !== text) slot.textContent = text;
      }
      // A ReLU with z₁ ≤ 0 has g′ = 0: nothing flows back past it. The
      // engine's factor says so; the test on z₁ only picks the sentence.
      // The sentence takes the place of the "repeat" note, so the page
      // below does not move down.
      const dead = v.activation === "relu" && v.z1 <= 0 && v.dyhat_dz1 === 0;
      refs.dead.hidden = !dead;
      refs.repeat.hidden = dead;
      if (dead && !refs.dead.textContent) {
        refs.dead.innerHTML =
          "<strong>Dead ReLU:</strong> z₁ ≤ 0 makes g′(z₁) = 0 and a₁ = 0, so no gradient reaches w₁ or w₂: descent is stuck.";
      }
    },
  };
}
