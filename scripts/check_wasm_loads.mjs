// Checks that wasm-opt did not break the module: the optimized module must
// instantiate wherever the unoptimized one does.
//
//   node scripts/check_wasm_loads.mjs <glue.js> <unoptimized.wasm> <optimized.wasm>
//
// Both are loaded in Node through the same wasm-bindgen glue. A mismatched
// or old wasm-opt (Debian's binaryen 108, for one) yields a module that
// fails here with "WebAssembly.Table.set(): Argument 1 is invalid for table".
// If even the unoptimized module cannot start outside a browser (its start
// function may reach for `window`), this check cannot judge, says so, and
// leaves the verdict to the browser tests.

import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [glue, unoptimized, optimized] = process.argv.slice(2);
if (!optimized) {
  console.error("usage: check_wasm_loads.mjs <glue.js> <unoptimized.wasm> <optimized.wasm>");
  process.exit(2);
}

// A query string gives each load its own copy of the glue module, whose
// state (the instance) is per module.
async function load(wasmPath, tag) {
  try {
    const glueModule = await import(`${pathToFileURL(glue).href}?${tag}`);
    await glueModule.default({ module_or_path: readFileSync(wasmPath) });
    return null;
  } catch (error) {
    return error;
  }
}

const optimizedError = await load(optimized, "optimized");
if (!optimizedError) {
  console.log("    the optimized module loads");
  process.exit(0);
}
const unoptimizedError = await load(unoptimized, "unoptimized");
if (!unoptimizedError) {
  console.error(`wasm-opt broke the module: the unoptimized one loads, the optimized one fails with
  ${optimizedError.stack ?? optimizedError}`);
  process.exit(1);
}
console.log(`    cannot judge outside a browser (both modules fail: ${unoptimizedError.message});
    the browser tests decide`);
