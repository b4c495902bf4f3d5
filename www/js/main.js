// The app's entry: load the engine, start the router, mark the page ready
// after the first frame. Anything that goes wrong on the way is shown in the
// #fatal banner, never only in the console.

import { loadEngine } from "./wasm.js";
import { startRouter } from "./router.js";
import { showFatal, errorText } from "./shared/notice.js";
import { registerOffline } from "./offline.js";

function markReady() {
  // Milliseconds from navigation start to the first drawn frame, for the bench page.
  window.__firstFrameMs = performance.now();
  performance.mark("descent:first-frame");
  document.documentElement.dataset.ready = "true";
  registerOffline();
}

// A bug in an event handler must not fail silently in front of a class.
window.addEventListener("error", (event) => showFatal(`Unexpected error: ${event.message}`));
window.addEventListener("unhandledrejection", (event) =>
  showFatal(`Unexpected error: ${errorText(event.reason)}`),
);

function main() {
  performance.mark("descent:main");
  const engine = loadEngine().then(
    (descent) => {
      performance.mark("descent:engine-loaded");
      return descent;
    },
    (error) => {
      showFatal(`The engine (WebAssembly) failed to load: ${errorText(error)}`);
      throw error;
    },
  );
  // The router loads the first view's modules while the wasm downloads.
  startRouter({
    root: document.getElementById("view"),
    nav: document.getElementById("nav"),
    engine,
    onFirstFrame: markReady,
  });
}

main();
