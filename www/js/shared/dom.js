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
