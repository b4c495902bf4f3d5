// Reading numbers a person typed (or a link carried). Number("") is 0 and
// Number("0x10") is 16; neither is what someone meant, so only plain
// decimal and exponent forms count as numbers here.

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** The number `text` spells, or NaN. */
export function parseNumber(text) {
  const trimmed = String(text).trim();
  return DECIMAL.test(trimmed) ? Number(trimmed) : NaN;
}
