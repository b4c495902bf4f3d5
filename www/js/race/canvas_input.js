// Mouse, pen and touch on the landscape, through Pointer Events:
// a click or tap sets the start, a mouse or pen drag pans, two fingers pan
// and pinch-zoom, the wheel zooms about the pointer, and hovering reads out
// x, y and the loss.
//
// One finger is the page's: the stage is most of a phone's screen, so a
// vertical swipe on it scrolls the page (touch-action: pan-y in app.css)
// and a one-finger drag moves nothing. Two fingers are the landscape's:
// once a second finger is down, the touch events are cancelled so the
// browser neither scrolls nor zooms the page, and the pointers pan and
// zoom the picture.
//
// Coordinates handed to the engine are CSS pixels from the canvas's corner;
// the engine maps them to the world.

import { number } from "../shared/format.js";
import { pointerAt } from "../shared/dom.js";

/** How far a press may wander and still count as a click, in CSS pixels. */
const TAP_SLOP = { mouse: 4, pen: 6, touch: 10 };
/** Zoom per wheel pixel; a mouse notch (100 px) zooms by about 1.16×. */
const WHEEL_ZOOM = 0.0015;

export function setupCanvasInput(session, { setStart }) {
  const canvas = session.refs.overlay;
  const pointers = new Map();
  let gesture = null;

  const local = (event) => pointerAt(canvas, event);
  // Gesture geometry on screen pixels: UI, not model maths.
  const distance = (a, b) => Math.hypot(a[0] - b[0], a[1] - b[1]);
  const midpoint = (a, b) => [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];

  function showHover(p) {
    const h = session.view.hover(p[0], p[1]);
    session.refs.hover.textContent = h ? `x = ${number(h.x)}, y = ${number(h.y)}, J = ${number(h.loss)}` : "";
  }

  function pinchFrom() {
    const [a, b] = [...pointers.values()].map((pointer) => pointer.at);
    return { kind: "pinch", mid: midpoint(a, b), spread: Math.max(1, distance(a, b)) };
  }

  canvas.addEventListener("pointerdown", (event) => {
    if (event.pointerType === "mouse" && event.button !== 0) return;
    try {
      // Keeps a drag alive when it leaves the canvas.
      canvas.setPointerCapture(event.pointerId);
    } catch {
      // Not capturable (a pointer that already ended); the gesture still works inside.
    }
    const p = local(event);
    pointers.set(event.pointerId, { at: p, type: event.pointerType });
    if (pointers.size === 1) {
      gesture = { kind: "press", start: p, last: p, slop: TAP_SLOP[event.pointerType] ?? 6, touch: event.pointerType === "touch" };
    } else if (pointers.size === 2) {
      gesture = pinchFrom();
    }
  });

  canvas.addEventListener("pointermove", (event) => {
    const p = local(event);
    if (!pointers.has(event.pointerId)) {
      showHover(p);
      return;
    }
    pointers.get(event.pointerId).at = p;
    if (gesture?.kind === "press" && distance(p, gesture.start) > gesture.slop) {
      // A finger that moves is scrolling the page (or about to): no tap,
      // and no pan. A mouse or pen drags the picture.
      gesture.kind = gesture.touch ? "none" : "pan";
    }
    if (gesture?.kind === "pan") {
      session.view.pan(p[0] - gesture.last[0], p[1] - gesture.last[1]);
      gesture.last = p;
      session.viewChanged();
    } else if (gesture?.kind === "pinch" && pointers.size >= 2) {
      const next = pinchFrom();
      session.view.pan(next.mid[0] - gesture.mid[0], next.mid[1] - gesture.mid[1]);
      session.view.zoom_at(next.mid[0], next.mid[1], next.spread / gesture.spread);
      gesture = next;
      session.viewChanged();
    }
    if (event.pointerType !== "touch") showHover(p);
  });

  function release(event) {
    if (!pointers.has(event.pointerId)) return;
    const p = local(event);
    const { type } = pointers.get(event.pointerId);
    if (event.type === "pointerup" && gesture?.kind === "press") {
      const world = session.view.to_world(p[0], p[1]);
      if (world) setStart(world[0], world[1]);
    }
    pointers.delete(event.pointerId);
    if (pointers.size === 0) gesture = null;
    // Lifting one finger of a pinch ends it (one finger is the page's);
    // for a pen or mouse it continues as a pan. Never as a tap.
    else if (pointers.size === 1) {
      const [rest] = [...pointers.values()];
      gesture = type === "touch" || rest.type === "touch" ? { kind: "none" } : { kind: "pan", last: rest.at };
    }
  }
  canvas.addEventListener("pointerup", release);
  canvas.addEventListener("pointercancel", release);
  canvas.addEventListener("pointerleave", (event) => {
    if (!pointers.has(event.pointerId)) session.refs.hover.textContent = "";
  });

  // Two fingers down: the gesture is the picture's, so the browser must not
  // scroll or zoom the page with it. (One finger is left alone, and
  // scrolls the page as touch-action: pan-y allows.)
  const claim = (event) => {
    if (event.touches.length >= 2 && event.cancelable) event.preventDefault();
  };
  canvas.addEventListener("touchstart", claim, { passive: false });
  canvas.addEventListener("touchmove", claim, { passive: false });

  canvas.addEventListener(
    "wheel",
    (event) => {
      event.preventDefault();
      const pixels = event.deltaMode === 1 ? event.deltaY * 16 : event.deltaMode === 2 ? event.deltaY * 400 : event.deltaY;
      const p = local(event);
      session.view.zoom_at(p[0], p[1], Math.exp(-pixels * WHEEL_ZOOM));
      session.viewChanged();
      showHover(p);
    },
    { passive: false },
  );
}
