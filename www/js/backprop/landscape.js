// The loss landscape J(w₁, w₂): the engine draws the heatmap (cached) and,
// on the overlay, the descent path, the current point and −∇J. A click or
// tap sets the weights there; on the focused landscape the arrow keys move
// them by 0.05 (← → for w₁, ↑ ↓ for w₂, as the axes run).

import { cssBox, pointerAt } from "../shared/dom.js";

const KEY_STEP = 0.05;
const KEYS = {
  ArrowLeft: [-KEY_STEP, 0],
  ArrowRight: [KEY_STEP, 0],
  ArrowUp: [0, KEY_STEP],
  ArrowDown: [0, -KEY_STEP],
};

/** Weights picked on screen are kept to a grid finer than a pixel of the
 *  plot, so fields and links read −1.23, not −1.2304918032786885. */
const snap = (w, grid) => Math.round(w / grid) * grid;
const tidy = (w) => Number(w.toFixed(10));

export function createLandscape(session) {
  const { refs } = session;
  const canvas = refs.overlay;

  function pick(event) {
    const world = session.lab.to_world(...pointerAt(canvas, event));
    if (!world) return;
    const problem = session.setWeights(tidy(snap(world[0], 0.01)), tidy(snap(world[1], 0.01)));
    if (problem) session.landscapeProblem(problem);
  }
  canvas.addEventListener("click", pick);

  canvas.addEventListener("keydown", (event) => {
    const move = KEYS[event.key];
    if (!move || event.ctrlKey || event.metaKey || event.altKey) return;
    event.preventDefault();
    const { w1, w2 } = session.state;
    const problem = session.setWeights(tidy(w1 + move[0]), tidy(w2 + move[1]));
    if (problem) session.landscapeProblem(problem);
  });

  return {
    /** Sizes both canvases to the stage; nothing to do while it has no size. */
    fit() {
      const box = cssBox(refs.heat);
      if (box.width < 1 || box.height < 1) return false;
      session.lab.resize(box.width, box.height, session.dpr());
      return true;
    },
  };
}
