// Loading the engine. Large arrays stay in wasm memory, where the engine
// draws them; JS holds opaque handles and reads readouts only.

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

export { descent };
