// The race view's state and its URL form.
//
// The state is plain data: which landscape, the view window, the start, the
// random-init settings, the speed and every racer's full optimizer config
// (spelled as ../shared/optimizer_text.js spells it). One property table
// (see ../shared/url_state.js) reads and writes it; the engine checks each
// racer's config when the view adds it.

import { Kind } from "../shared/url_state.js";
import { encodeOptimizer } from "../shared/optimizer_text.js";
import { descent } from "../wasm.js";

/** What a teacher sees on first load: the lecture's ill-conditioned valley,
 *  with plain SGD zig-zagging, momentum overshooting and Adam going straight. */
export const DEFAULT_LANDSCAPE = "ellipse";
export const DEFAULT_RACERS = [
  { name: "sgd", learning_rate: 0.07 },
  { name: "sgd", learning_rate: 0.01, momentum: 0.9 },
  { name: "adam", learning_rate: 0.1 },
];

/** Random init's σ on a landscape: a quarter of the smaller side of its
 *  default window (the catalogue's), so a draw is on the map and a run has
 *  a way to go; σ = 1 on the ellipse's ±3 window ended the race at once. */
export function defaultSigma(landscape) {
  const [xMin, xMax, yMin, yMax] = landscape.window;
  return Number((Math.min(xMax - xMin, yMax - yMin) / 4).toPrecision(3));
}

/** The property table; `landscapes` are the catalogue's names. Call it
 *  once the engine is loaded: the number of racers is the engine's. */
export function stateTable(landscapes) {
  const maxRacers = descent.catalogue().limits.max_racers;
  return [
    { name: "landscape", kind: Kind.CHOICE, choices: landscapes, default: DEFAULT_LANDSCAPE },
    // null: the landscape's own default window / start.
    { name: "window", kind: Kind.NUMBERS, length: 4, default: null },
    { name: "start", kind: Kind.NUMBERS, length: 2, default: null },
    // null: scaled to the landscape (defaultSigma), so Random init lands
    // on the map whatever its size.
    {
      name: "sigma",
      kind: Kind.NUMBER,
      check: (x) => x > 0 && x <= 1e3,
      allowed: "a number > 0 and ≤ 1000",
      default: null,
    },
    { name: "seed", kind: Kind.INTEGER, min: 0, max: 4294967295, default: 1 },
    {
      name: "speed",
      kind: Kind.NUMBER,
      check: (x) => x >= 1 && x <= 1e5,
      allowed: "a number of steps per second from 1 to 100000",
      default: 40,
    },
    { name: "racers", key: "racer", kind: Kind.LIST, max: maxRacers, default: DEFAULT_RACERS.map(encodeOptimizer) },
    { name: "selected", kind: Kind.INTEGER, min: 0, max: maxRacers - 1, default: 0 },
  ];
}
