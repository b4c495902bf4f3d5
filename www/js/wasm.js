// Loading the engine, and reading its arrays in place.
//
// Large arrays stay in wasm memory; JS reads them through typed-array views.
// A view is only valid until the next call that may grow memory (growth
// detaches the old buffer), so make a fresh one after every engine call.

import init, * as descent from "../pkg/descent.js";

let memory = null;

/** Fetches and instantiates the wasm, installs the panic hook, returns the API. */
export async function loadEngine() {
  const wasm = await init();
  memory = wasm.memory;
  descent.start();
  return descent;
}

/** A fresh Float64Array over `len` f64s at `ptr` in wasm memory. */
export function f64View(ptr, len) {
  return new Float64Array(memory.buffer, ptr, len);
}

export { descent };
