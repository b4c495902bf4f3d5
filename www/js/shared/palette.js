// The one categorical palette, and how many racers it colours: both are the
// engine's (its catalogue), read once the engine has loaded.

import { loadedEngine } from "../wasm.js";

let cached = null;

/** The Okabe–Ito colours, in the engine's order. */
export function palette() {
  cached ??= Object.freeze(loadedEngine().catalogue().palette.slice());
  return cached;
}

/** The most racers a race holds. */
export function maxRacers() {
  return loadedEngine().catalogue().limits.max_racers;
}
