// Sliders on a log scale: a slider's integer position ↔ a value spanning
// several decades. This is UI (where the thumb sits), not model maths.

export class LogScale {
  /** `from`…`to` in `stepsPerDecade` slider steps per factor of ten. */
  constructor(from, to, stepsPerDecade) {
    this.low = Math.log10(from);
    this.high = Math.log10(to);
    this.stepsPerDecade = stepsPerDecade;
    this.positions = Math.round((this.high - this.low) * stepsPerDecade);
  }

  /** Sets a range input's min/max/step to this scale's integer positions. */
  configure(input) {
    input.min = "0";
    input.max = String(this.positions);
    input.step = "1";
  }

  /** The value at a slider position, rounded to 3 significant digits so the
   *  number shown, the number used and the number in the link are the same. */
  value(position) {
    const exponent = this.low + Number(position) / this.stepsPerDecade;
    return Number((10 ** exponent).toPrecision(3));
  }

  /** The slider position nearest to a value (clamped to the ends). */
  position(value) {
    const p = Math.round((Math.log10(value) - this.low) * this.stepsPerDecade);
    return Math.min(this.positions, Math.max(0, Number.isFinite(p) ? p : 0));
  }
}

/** The learning-rate slider: 1e-5 … 10, 100 positions per decade. */
export const LEARNING_RATE_SCALE = new LogScale(1e-5, 10, 100);

/** Simulation speed in steps per second per racer: 1 … 100,000. */
export const SPEED_SCALE = new LogScale(1, 1e5, 20);
