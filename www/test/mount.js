// The test page's script (see mount.html): loads the engine once, mounts
// two races and two trainings, each with its own state and no URL saving,
// and marks the page ready once every figure has drawn a frame. The
// figures' handles are window.__figures, for tests/e2e/mount.test.mjs.

import { loadEngine } from "../js/wasm.js";
import { mount as mountRace } from "../js/race/view.js";
import { mount as mountTrain } from "../js/train/view.js";
import { showFatal, errorText } from "../js/shared/notice.js";

window.addEventListener("error", (event) => showFatal(`Unexpected error: ${event.message}`));
window.addEventListener("unhandledrejection", (event) => showFatal(`Unexpected error: ${errorText(event.reason)}`));

/** Each figure: where it goes, its title, its view, and its state (a plain object or a link's query). */
const FIGURES = {
  raceA: {
    element: "race-a",
    title: "Race A",
    mount: mountRace,
    state: {
      landscape: "rosenbrock",
      start: [-1.5, 2],
      racers: ["adam,learning_rate:0.05", "sgd,learning_rate:0.001,momentum:0.9"],
      speed: 200,
    },
  },
  raceB: {
    element: "race-b",
    title: "Race B",
    mount: mountRace,
    state: "landscape=himmelblau&racer=rmsprop,learning_rate:0.01&racer=sgd,learning_rate:0.01&speed=100",
  },
  trainA: { element: "train-a", title: "Training A", mount: mountTrain, state: { dataset: "xor", speed: 300 } },
  trainB: { element: "train-b", title: "Training B", mount: mountTrain, state: { dataset: "moons", optimizer: "sgd", lr: 0.1, speed: 200 } },
};

/** A titled section at the end of the page with the element `id` to mount in. */
function addSlot(id, title) {
  const section = document.createElement("section");
  section.className = "test-figure";
  section.setAttribute("aria-labelledby", `title-${id}`);
  const heading = document.createElement("h2");
  heading.id = `title-${id}`;
  heading.textContent = title;
  const slot = document.createElement("div");
  slot.id = id;
  section.append(heading, slot);
  document.body.append(section);
}

for (const figure of Object.values(FIGURES)) addSlot(figure.element, figure.title);

async function main() {
  const descent = await loadEngine();
  const figures = {};
  const drawn = new Set();
  for (const [name, figure] of Object.entries(FIGURES)) {
    figures[name] = figure.mount(document.getElementById(figure.element), figure.state, {
      descent,
      frameDrawn() {
        if (drawn.has(name)) return;
        drawn.add(name);
        if (drawn.size === Object.keys(FIGURES).length) document.documentElement.dataset.ready = "true";
      },
    });
  }
  window.__figures = figures;
}

main().catch((error) => showFatal(`The test page could not start: ${errorText(error)}`));
