// A keyboard cursor on a landscape canvas: the canvas takes focus (Tab),
// the arrow keys move a visible cursor over it, Enter sets the point there
// (the race's and the learning-rate panels' start), Escape puts the cursor
// back on the current point. Shift moves it finely. What the cursor is over
// is written beside it and said through the figure's live region.
//
// The engine maps CSS pixels to the world (`toWorld`); the cursor lives in
// CSS pixels, and is placed on the current point through the inverse of
// that map, which is affine.

/** CSS pixels per arrow press; with Shift. */
const STEP_PX = 12;
const FINE_PX = 2;
const MOVES = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };

/** world → CSS pixel, from two points of `toWorld`, or null if it cannot tell. */
export function inverseMap(toWorld, width, height) {
  const [cx, cy] = [width / 2, height / 2];
  const a = toWorld(cx, cy);
  const b = toWorld(cx + 10, cy + 10);
  if (!a || !b) return null;
  const sx = (b[0] - a[0]) / 10;
  const sy = (b[1] - a[1]) / 10;
  if (!sx || !sy) return null;
  return ([x, y]) => [cx + (x - a[0]) / sx, cy + (y - a[1]) / sy];
}

/**
 * Makes `canvas` (in a positioned `stage`) keyboard-operable.
 * `toWorld(px, py)` → [x, y] or null off the plot; `current()` → the world
 * point the cursor starts on; `set([x, y])` takes the point (Enter);
 * `describe(px, py, [x, y])` → the words for where the cursor is;
 * `announce(text)` says them (the figure's live region).
 */
export function landscapeCursor({ canvas, stage, toWorld, current, set, describe, announce }) {
  canvas.tabIndex = 0;
  const mark = document.createElement("div");
  mark.className = "key-cursor";
  mark.hidden = true;
  mark.setAttribute("aria-hidden", "true");
  const label = document.createElement("span");
  label.className = "key-cursor-label";
  mark.append(label);
  stage.append(mark);
  let at = null;

  function box() {
    const r = canvas.getBoundingClientRect();
    return { width: r.width, height: r.height };
  }

  function show() {
    if (!at) {
      mark.hidden = true;
      return;
    }
    const world = toWorld(at[0], at[1]);
    // The canvas may sit inside the stage's border: place relative to it.
    mark.style.left = `${canvas.offsetLeft + at[0]}px`;
    mark.style.top = `${canvas.offsetTop + at[1]}px`;
    label.textContent = world ? describe(at[0], at[1], world) : "";
    mark.classList.toggle("key-cursor-left", at[0] > box().width * 0.6);
    mark.hidden = false;
  }

  /** The cursor back on the current point (or the middle, if that is off the plot). */
  function home() {
    const { width, height } = box();
    const map = inverseMap(toWorld, width, height);
    const p = map ? map(current()) : null;
    at = p && toWorld(p[0], p[1]) ? p : [width / 2, height / 2];
    show();
  }

  canvas.addEventListener("focus", () => {
    // Only a keyboard focus shows the cursor; a click already sets the point.
    if (canvas.matches(":focus-visible")) home();
  });
  canvas.addEventListener("blur", () => {
    at = null;
    show();
  });
  canvas.addEventListener("pointerdown", () => {
    at = null;
    show();
  });

  canvas.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const move = MOVES[event.key];
    if (move) {
      event.preventDefault();
      if (!at) home();
      const step = event.shiftKey ? FINE_PX : STEP_PX;
      const next = [at[0] + move[0] * step, at[1] + move[1] * step];
      // Stops at the plot's edge.
      if (toWorld(next[0], next[1])) at = next;
      show();
      const world = toWorld(at[0], at[1]);
      if (world) announce(describe(at[0], at[1], world), { key: "cursor" });
    } else if (event.key === "Enter") {
      event.preventDefault();
      if (!at) home();
      const world = toWorld(at[0], at[1]);
      if (world) set(world);
      show();
    } else if (event.key === "Escape" && at) {
      event.preventDefault();
      home();
    }
  });

  return {
    /** The cursor's CSS pixel, or null when hidden. */
    get at() {
      return at;
    },
    /** Redraws the label (the point under the cursor may have changed). */
    refresh: show,
  };
}
