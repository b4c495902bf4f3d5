// Finding a view's own elements: by data-ref inside its root, never by id
// in the document, so two figures of one view never reach each other's.

/** `{name: element}` for every `data-ref` under `root`; `play-button` → `playButton`. */
export function refsOf(root, attribute = "ref") {
  const refs = {};
  for (const element of root.querySelectorAll(`[data-${attribute}]`)) {
    refs[element.dataset[attribute].replace(/-(\w)/g, (_, c) => c.toUpperCase())] = element;
  }
  return refs;
}

/**
 * The markup of a view toolbar's Play, Step and Reset buttons and its
 * speed slider (with its readout), which the view's loop wires up by their
 * data-refs; `speedName` is the slider's accessible name.
 */
export function playbackControls(speedName) {
  return `<button type="button" data-ref="play" class="primary" aria-keyshortcuts="Space">Play</button>
    <button type="button" data-ref="step" aria-keyshortcuts="ArrowRight">Step</button>
    <button type="button" data-ref="reset" aria-keyshortcuts="R">Reset</button>
    <label class="speed">Speed
      <input type="range" data-ref="speed" aria-label="${speedName}">
      <span class="speed-value" data-ref="speed-value"></span>
    </label>`;
}

/** The CSS zoom `element` is drawn at: its own and its ancestors' `zoom`
 *  (a lecture's presenter mode zooms its figures), 1 where there is none. */
export function zoomOf(element) {
  return element.currentCSSZoom ?? 1;
}

/**
 * `element`'s box in its own CSS pixels: what a canvas inside it should be
 * sized to. getBoundingClientRect() measures on screen, so under CSS zoom
 * it is the zoom times larger; this divides it out. `{left, top}` stay in
 * screen pixels, for pointerAt.
 */
export function cssBox(element) {
  const box = element.getBoundingClientRect();
  const zoom = zoomOf(element);
  return { left: box.left, top: box.top, width: box.width / zoom, height: box.height / zoom, zoom };
}

/** Copies `element`'s CSS width and height (`cssBox`'s) into `box`: the
 *  size a chart on it is drawn at. */
export function measureInto(box, element) {
  const { width, height } = cssBox(element);
  box.width = width;
  box.height = height;
}

/** A pointer event's position from `element`'s top-left corner, in the
 *  element's own CSS pixels (the ones its canvas was sized in). */
export function pointerAt(element, event) {
  const box = element.getBoundingClientRect();
  const zoom = zoomOf(element);
  return [(event.clientX - box.left) / zoom, (event.clientY - box.top) / zoom];
}
