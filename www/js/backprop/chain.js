// The lecture's two chain-rule equations as MathML, each factor in the
// lecture's colour with its local formula and its current value under it,
// then the product and the finite-difference check. Every number comes
// from the engine's values(); this module only places and formats them.

import { expr, frac, row } from "../math.js";
import { number } from "../shared/format.js";

/** Products and checks get enough digits to show they agree to ~6 places. */
const PRODUCT_DIGITS = 7;
/** Near 0 the two gradients are rounding noise of opposite signs
 *  (−9.2e−17 against 1.19e−11 at the minimum), so they are compared with
 *  an absolute tolerance as well as a relative one, and a value under it
 *  reads "≈ 0". Finite differences with h = 1e−5 are good to about 1e−10
 *  here, and descent stops at ‖∇J‖ < 1e−8. */
export const CHECK_ABSOLUTE = 1e-8;
const CHECK_RELATIVE = 1e-6;

/** The product and its check as a reader should see them, and whether they agree. */
export function compare(product, check) {
  const small = (x) => Math.abs(x) < CHECK_ABSOLUTE;
  const agree = Math.abs(product - check) <= CHECK_ABSOLUTE + CHECK_RELATIVE * Math.max(Math.abs(product), Math.abs(check));
  // An exact 0 (a dead ReLU's) is 0; rounding noise near it is "≈ 0".
  const show = (x) => (x === 0 ? "0" : small(x) ? "≈ 0" : number(x, PRODUCT_DIGITS));
  // Short, so the equation keeps its line; the words are the title's.
  const verdict = agree ? "✓" : "✗";
  let why;
  if (small(product) && small(check)) why = `both ≈ 0: under ${CHECK_ABSOLUTE} in size`;
  else if (agree) why = `they agree, within ${CHECK_ABSOLUTE} + ${CHECK_RELATIVE} of their size`;
  else why = `they differ by ${number(Math.abs(product - check), 3)}`;
  return { product: show(product), check: show(check), verdict, why, agree };
}

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
    <span class="num bp-value">–</span>
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
      <span class="num bp-value">–</span>
      <span class="bp-check">finite differences: <span class="num" data-term="${e.check}">–</span>
        <span class="bp-verdict" role="img" data-verdict="${e.check}"></span></span>
    </div>`;
}

export function createChain(refs) {
  const slots = [];
  const checks = [];
  const put = (slot, text) => {
    if (slot.textContent !== text) slot.textContent = text;
  };
  for (const [name, e] of Object.entries(EQUATIONS)) {
    const host = name === "w1" ? refs.eqW1 : refs.eqW2;
    host.innerHTML = equation(e);
    for (const key of e.factors) slots.push([host.querySelector(`[data-term="${key}"] .bp-value`), key, 4]);
    checks.push({
      e,
      product: host.querySelector(`[data-term="${e.product}"] .bp-value`),
      check: host.querySelector(`[data-term="${e.check}"]`),
      verdict: host.querySelector(`[data-verdict="${e.check}"]`),
    });
  }

  return {
    /** Refreshes every number from `v`, the engine's values(). */
    update(v) {
      for (const [slot, key, digits] of slots) put(slot, number(v[key], digits));
      for (const c of checks) {
        const shown = compare(v[c.e.product], v[c.e.check]);
        put(c.product, shown.product);
        put(c.check, shown.check);
        put(c.verdict, shown.verdict);
        if (c.verdict.title !== shown.why) {
          c.verdict.title = shown.why;
          c.verdict.setAttribute("aria-label", shown.why);
        }
        c.verdict.dataset.agree = String(shown.agree);
        // The raw numbers, for the curious, where "≈ 0" stands in.
        if (c.product.title !== String(v[c.e.product])) c.product.title = String(v[c.e.product]);
        if (c.check.title !== String(v[c.e.check])) c.check.title = String(v[c.e.check]);
      }
      // A ReLU with z₁ ≤ 0 has g′ = 0: nothing flows back past it. The
      // engine's factor says so; the test on z₁ only picks the sentence.
      // The sentence takes the place of the "repeat" note, so the page
      // below does not move down.
      const dead = v.activation === "relu" && v.z1 <= 0 && v.dyhat_dz1 === 0;
      refs.dead.hidden = !dead;
      refs.repeat.hidden = dead;
      const wasDead = refs.dead.dataset.shown === "true";
      refs.dead.dataset.shown = String(dead);
      if (dead && !refs.dead.textContent) {
        refs.dead.innerHTML =
          "<strong>Dead ReLU:</strong> z₁ ≤ 0 makes g′(z₁) = 0 and a₁ = 0, so no gradient reaches w₁ or w₂: descent is stuck.";
      }
      /** True when the dead ReLU's sentence has just appeared. */
      return { deadNow: dead && !wasDead };
    },
  };
}
