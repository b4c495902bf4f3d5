// Number formatting for readouts. The engine computes every number; this
// only decides how many digits a person sees.

/** A readable number: 4 significant digits, exponent form when tiny or huge. */
export function number(x, digits = 4) {
  if (x === null || x === undefined) return "–";
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return "0";
  const magnitude = Math.abs(x);
  // Exponent form drops trailing zeros: 1e-7, not 1.000e-7.
  if (magnitude >= 1e5 || magnitude < 1e-3) return Number(x.toPrecision(digits)).toExponential().replace("e+", "e");
  return String(Number(x.toPrecision(digits)));
}

/** "(x, y)" with each coordinate formatted. */
export function pair(p, digits = 4) {
  if (!p) return "–";
  return `(${number(p[0], digits)}, ${number(p[1], digits)})`;
}

/** A value as it appears in a text field: exact, so nothing is lost on edit. */
export function exact(x) {
  return x === null || x === undefined ? "" : String(x);
}

/** A run's status in words: "converged at 312", "diverged at 41, left at (x, y)". */
export function status(summary) {
  switch (summary.status) {
    case "running":
      return summary.step === 0 ? "ready" : "running";
    case "converged":
      return `converged at ${summary.status_step}`;
    case "diverged":
      return `diverged at ${summary.status_step}, left at ${pair(summary.left_at, 3)}`;
    case "out_of_steps":
      return `out of steps at ${summary.status_step}`;
    default:
      return String(summary.status);
  }
}
