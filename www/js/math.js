// Writing formulas as MathML from a compact text form, so an update rule
// reads in the source almost as it reads on the slide.
//
// `expr("v ← β_2 v + (1 − β_2) g^2")` gives an <mrow>: letters become <mi>,
// numbers <mn>, anything else <mo>; `_` and `^` take the next atom as a
// subscript or superscript; `{…}` groups; a letter followed by U+0302 (m̂)
// gets a hat; words of two or more letters (sign, max) are upright.
// `frac`, `sqrt` and `block` build the rest.

const TOKEN = /\s+|\d+(?:\.\d+)?|[A-Za-z]{2,}|\p{L}\u0302?|[{}_^]|\S/gu;

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

function parse(tokens, position, closing) {
  const nodes = [];
  let i = position;
  const atom = () => {
    const token = tokens[i++];
    if (token === "{") {
      const inner = parse(tokens, i, "}");
      i = inner.next;
      return `<mrow>${inner.nodes.join("")}</mrow>`;
    }
    return leaf(token ?? "");
  };
  while (i < tokens.length && tokens[i] !== closing) {
    const token = tokens[i];
    if ((token === "_" || token === "^") && nodes.length) {
      i++;
      const base = nodes.pop();
      const script = atom();
      nodes.push(token === "_" ? `<msub>${base}${script}</msub>` : `<msup>${base}${script}</msup>`);
    } else {
      nodes.push(atom());
    }
  }
  return { nodes, next: i + 1 };
}

/** A formula fragment as an <mrow>. */
export function expr(text) {
  const tokens = text.match(TOKEN).filter((t) => !/^\s+$/.test(t));
  return `<mrow>${parse(tokens, 0, null).nodes.join("")}</mrow>`;
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
