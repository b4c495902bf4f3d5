// The lecture's keys, as a presentation clicker and a keyboard send them:
//
//   → PageDown     next step, then the next scene
//   ← PageUp       back
//   Space          plays or pauses the scene's figure
//   Home End       the first and the last scene
//   3 Enter        scene 3 (any number, then Enter)
//   I              the scene index
//   F              presenter mode
//   P              the speaker window
//   Esc            forgets a number being typed
//
// The keys go to the lecture, never to a figure: the listener runs first
// (capture, on the window) and stops every key from reaching the figures'
// own shortcuts. Only typing keeps its keys: in a text field, a select or
// the scene index (a dialog), the lecture takes none.

const TYPING =
  "input:not([type=range]):not([type=checkbox]):not([type=radio]):not([type=button]):not([type=submit]), select, textarea, [contenteditable]";
/** A number typed for a jump is forgotten after this long. */
const DIGITS_MS = 4000;

/**
 * Listens on the window until the returned function is called. `actions`
 * has next, previous, first, last, toggle, jump(n), index, presenter,
 * speaker and escape; `showDigits(text)` shows the number being typed ("" hides it).
 */
export function listenKeys(actions, showDigits) {
  let digits = "";
  let timer = 0;
  const setDigits = (text) => {
    digits = text;
    clearTimeout(timer);
    if (digits) timer = setTimeout(() => setDigits(""), DIGITS_MS);
    showDigits(digits);
  };

  function listener(event) {
    if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
    const target = event.target instanceof Element ? event.target : null;
    if (target?.closest(TYPING) || target?.closest("dialog[open]")) return;
    let handled = true;
    switch (event.key) {
      case "ArrowRight":
      case "PageDown":
        setDigits("");
        actions.next();
        break;
      case "ArrowLeft":
      case "PageUp":
        setDigits("");
        actions.previous();
        break;
      case " ":
      case "Spacebar":
        actions.toggle();
        break;
      case "Home":
        actions.first();
        break;
      case "End":
        actions.last();
        break;
      case "Enter":
        if (!digits) {
          handled = false;
          break;
        }
        actions.jump(Number(digits));
        setDigits("");
        break;
      case "Backspace":
        if (!digits) handled = false;
        else setDigits(digits.slice(0, -1));
        break;
      case "Escape":
        if (digits) setDigits("");
        else handled = actions.escape();
        break;
      case "i":
      case "I":
        actions.index();
        break;
      case "f":
      case "F":
        actions.presenter();
        break;
      case "p":
      case "P":
        actions.speaker();
        break;
      default:
        if (/^[0-9]$/.test(event.key) && digits.length < 3) setDigits(digits + event.key);
        else handled = false;
    }
    // Nothing reaches a figure's own shortcuts; only keys the lecture uses
    // lose their default (Tab, and Enter on a button, still work).
    event.stopPropagation();
    if (handled) event.preventDefault();
  }

  window.addEventListener("keydown", listener, { capture: true });
  return () => {
    clearTimeout(timer);
    window.removeEventListener("keydown", listener, { capture: true });
  };
}
