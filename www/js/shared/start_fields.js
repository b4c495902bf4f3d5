// The typed start: two text fields, x and y, that show a view's start and
// set it on the Set button or Enter (the keyboard's exact way to set it).

import { parseNumber } from "./parse.js";

/**
 * Wires `x`, `y` and `button`. `set(x, y)` moves the view's start once
 * both are numbers; a field that is not a number is said in `message`
 * (an inlineMessage) and the start stays. With `stopEnter`, Enter in a
 * field goes no further than it. Returns `show([x, y])`, which writes the
 * start into the fields, unless someone is typing in one.
 */
export function startFields({ x, y, button, message, set, stopEnter = false }) {
  function type() {
    const vx = parseNumber(x.value);
    const vy = parseNumber(y.value);
    const bad = [[x, vx, "x"], [y, vy, "y"]].find(([, v]) => !Number.isFinite(v));
    if (bad) {
      message.show(`Start ${bad[2]}: “${bad[0].value.slice(0, 30)}” is not a number; the start stays.`);
      return;
    }
    set(vx, vy);
  }
  button.addEventListener("click", type);
  for (const field of [x, y]) {
    field.addEventListener("keydown", (event) => {
      if (event.key === "Enter") {
        if (stopEnter) event.stopPropagation();
        type();
      }
    });
  }
  return function show(start) {
    for (const [field, v] of [[x, start[0]], [y, start[1]]]) {
      if (document.activeElement !== field) field.value = String(v);
    }
  };
}
