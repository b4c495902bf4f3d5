// Presenter mode: the lecture fills the screen (full screen where the
// browser allows it), its type grows with the screen's height, and every
// control hides until the pointer moves or a control takes keyboard focus.

/** Controls hide this long after the pointer last moved. */
const IDLE_MS = 2500;

/**
 * Presenter mode for `root`. `onChange(on)` is called after it turns on or
 * off (the figures zoom again). Returns `{on, toggle(), leave(), destroy()}`.
 */
export function createPresenter(root, onChange) {
  let on = false;
  let ownFullscreen = false;
  let timer = 0;

  const idle = () => {
    // A control a person reached with the keyboard keeps them shown.
    const focused = document.activeElement;
    if (focused && root.contains(focused) && focused.matches(":focus-visible") && focused !== root) {
      timer = setTimeout(idle, IDLE_MS);
      return;
    }
    root.dataset.idle = "";
  };
  const wake = () => {
    if (!on) return;
    delete root.dataset.idle;
    clearTimeout(timer);
    timer = setTimeout(idle, IDLE_MS);
  };
  const onFocus = (event) => {
    if (event.target instanceof Element && event.target.matches(":focus-visible")) wake();
  };
  root.addEventListener("pointermove", wake);
  root.addEventListener("pointerdown", wake);
  root.addEventListener("focusin", onFocus);

  function onFullscreenChange() {
    // Leaving full screen (Esc, F11) leaves presenter mode it started.
    if (!document.fullscreenElement && ownFullscreen) {
      ownFullscreen = false;
      if (on) set(false);
    }
  }
  document.addEventListener("fullscreenchange", onFullscreenChange);

  function set(value) {
    if (value === on) return;
    on = value;
    clearTimeout(timer);
    if (on) {
      root.dataset.presenter = "";
      document.documentElement.dataset.presenter = "";
      root.dataset.idle = "";
      const request = document.documentElement.requestFullscreen?.({ navigationUI: "hide" });
      request
        ?.then(() => (ownFullscreen = true))
        // Not allowed here (an iframe without allowfullscreen, a test): the
        // mode still fills the window.
        .catch(() => {});
    } else {
      delete root.dataset.presenter;
      delete root.dataset.idle;
      delete document.documentElement.dataset.presenter;
      if (ownFullscreen && document.fullscreenElement) document.exitFullscreen().catch(() => {});
      ownFullscreen = false;
    }
    onChange(on);
  }

  return {
    get on() {
      return on;
    },
    toggle: () => set(!on),
    leave: () => set(false),
    destroy() {
      set(false);
      clearTimeout(timer);
      root.removeEventListener("pointermove", wake);
      root.removeEventListener("pointerdown", wake);
      root.removeEventListener("focusin", onFocus);
      document.removeEventListener("fullscreenchange", onFullscreenChange);
    },
  };
}
