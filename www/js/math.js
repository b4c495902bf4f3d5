// Formulas as MathML from a compact text markup, so a formula reads in the
// source almost as it reads on the slide. The update rules arrive in this
// markup from the engine (descent.display_rule and the catalogue); the
// markup is documented, and every rule checked against it, in
// src/optim/display.rs. In short:
//
// `expr("v ← β_2 v + (1 − β_2) g^2")` gives an <mrow>: letters become <mi>,
// numbers <mn>, anything else <mo>; `_` and `^` take the next atom as a
// subscript or superscript (both on one base: `β_1^t`); `{…}` groups; words
// of two or more letters (sign, max) are upright; `\frac{a}{b}`,
// `\sqrt{a}`, `\hat{a}`, `\bar{a}` and `\text{as written}` do what LaTeX's
// do; a letter followed by U+0302 (m̂) also gets a hat. `equation(line)`
// makes a displayed line of it; `frac`, `sqrt`, `row` and `block` build
// formulas from parts.

const TOKEN = /\s+|\\text\{[^}]*\}|\\[A-Za-z]+|\d+(?:\.\d+)?|[A-Za-z]{2,}|\p{L}\u0302?|[{}_^]|\S/gu;

function escape(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function leaf(token) {
  if (/^\d/.test(token)) return `<mn>${token}</mn>`;
  if (/^[A-Za-z]{2,}$/.test(token)) return `<mi mathvariant="normal">${token}</mi>`;
  if (/^\p{L}\u0302$/u.test(token)) {
    return `<mover accent="true"><mi>${token[0]}</mi><mo>^</mo></mover>`;
  }
  if (/^\p{L}$/u.test(token)) return `<mi>${escape(token)}</mi>`;
  return `<mo>${escape(token)}</mo>`;
}

/** How many `{…}` arguments each command takes, and what it builds. */
const COMMANDS = {
  "\\frac": [2, (top, bottom) => `<mfrac>${top}${bottom}</mfrac>`],
  "\\sqrt": [1, (inner) => `<msqrt>${inner}</msqrt>`],
  "\\hat": [1, (base) => `<mover accent="true">${base}<mo>^</mo></mover>`],
  "\\bar": [1, (base) => `<mover accent="true">${base}<mo>¯</mo></mover>`],
};

/** Parses tokens from `position` up to `closing` (or the end) into nodes:
 *  `{ml}` strings of MathML, with `{base, sub}` kept on a subscript so a
 *  superscript after it can join it. */
function parse(tokens, position, closing) {
  const nodes = [];
  let i = position;
  const atom = () => {
    const token = tokens[i++];
    if (token === "{") {
      const inner = parse(tokens, i, "}");
      i = inner.next;
      return `<mrow>${inner.nodes.map((n) => n.ml).join("")}</mrow>`;
    }
    if (token?.startsWith("\\text{")) return `<mtext>${escape(token.slice(6, -1))}</mtext>`;
    const command = COMMANDS[token];
    if (command) {
      const [count, build] = command;
      return build(...Array.from({ length: count }, atom));
    }
    return leaf(token ?? "");
  };
  while (i < tokens.length && tokens[i] !== closing) {
    const token = tokens[i];
    if ((token === "_" || token === "^") && nodes.length) {
      i++;
      const base = nodes.pop();
      const script = atom();
      if (token === "_") {
        nodes.push({ ml: `<msub>${base.ml}${script}</msub>`, base: base.ml, sub: script });
      } else if (base.sub !== undefined) {
        nodes.push({ ml: `<msubsup>${base.base}${base.sub}${script}</msubsup>` });
      } else {
        nodes.push({ ml: `<msup>${base.ml}${script}</msup>` });
      }
    } else {
      nodes.push({ ml: atom() });
    }
  }
  return { nodes, next: i + 1 };
}

/** A formula fragment as an <mrow>. */
export function expr(text) {
  const tokens = (text.match(TOKEN) ?? []).filter((t) => !/^\s+$/.test(t));
  return `<mrow>${parse(tokens, 0, null).nodes.map((n) => n.ml).join("")}</mrow>`;
}

/** Joins fragments (strings of MathML) into one row. */
export function row(...parts) {
  return `<mrow>${parts.join("")}</mrow>`;
}

export function frac(top, bottom) {
  return `<mfrac>${top}${bottom}</mfrac>`;
}

export function sqrt(inner) {
  return `<msqrt>${inner}</msqrt>`;
}

/** A displayed equation, on its own line. Display-block <math> is centred
 *  by the browser; a line of inline maths in display style sits flush left,
 *  under the other lines. */
export function block(...parts) {
  return `<div class="equation"><math style="math-style: normal">${row(...parts)}</math></div>`;
}

/** One line of the markup (an update rule's line, say) as a displayed equation. */
export function equation(line) {
  return block(expr(line));
}
