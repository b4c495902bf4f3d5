// Loading the engine, and reading its arrays in place.
//
// Large arrays stay in wasm memory; JS reads them through typed-array views.
// A view is only valid until the next call that may grow memory (growth
// detaches the old buffer), so make a fresh one after every engine call.

import init, * as descent from "../pkg/descent.js";

let memory = null;
let loading = null;

/** Fetches and instantiates the wasm, installs the panic hook, returns the
 *  API. Loads once per page: later calls get the same promise. */
export function loadEngine() {
  loading ??= init().then((wasm) => {
    memory = wasm.memory;
    descent.start();
    return descent;
  });
  loading.catch(() => (loading = null)); // a failed load may be retried
  return loading;
}

/** The API, once loadEngine() has resolved; throws before that. */
export function loadedEngine() {
  if (!memory) throw new Error("the engine is not loaded yet: await loadEngine() before mounting a view");
  return descent;
}

/** A fresh Float64Array over `len` f64s at `ptr` in wasm memory. */
export function f64View(ptr, len) {
  return new Float64Array(memory.buffer, ptr, len);
}

export { descent };
