// The one shell every view mounts through. A view is a component:
//
//   mount(element, state?, options?) → { unmount(), state() }
//
// and its module also exports `stateTable(descent)`: the property table
// (see url_state.js) its state and link are read and written by.
//
// `state` is what the view starts from: a link's query (a URLSearchParams,
// or a string such as "landscape=rosenbrock&racer=adam"), or a plain
// object of the view's state table (`{landscape: "rosenbrock", racers:
// ["adam,learning_rate:0.05"]}`, what `state()` returns); anything missing
// takes its default, anything broken is reported and takes its default.
// `state()` returns the view's current state, the same data its link
// encodes. `options`:
//
//   descent     the engine's API (default: the one loadEngine() loaded)
//   save        save(query): where the state's link form goes as it
//               changes, a moment after each change; absent, nothing is saved
//   link        link(): the address that opens this state (for Copy link);
//               default: the app's page with this view's hash
//   frameDrawn  called after every frame the view draws
//   primary     the page's main figure (the router's): it takes the keys
//               typed outside any figure, its messages go to the page's
//               #notices strip, its ids are unprefixed, and its session is
//               window.__<view> for tests and the console
//   notices     an element for this figure's messages (default: #notices for
//               the primary figure, else a strip at the top of the figure)
//   idPrefix    prefix of the ids in the figure's markup (default: "" for the
//               primary figure, else one unique to the figure)
//   part        one part of the view alone, for a lecture's scene: the
//               learning-rate view's "sweep" or "adaptive", the training
//               view's "lab" (default: all of it)
//
// The handle also has `keras()`, the figure's Keras code (see kerasCode
// below), and `control(action)`, which a lecture's build-up steps
// call: "reset", "random_start", "step", "play", "pause", "toggle", "run"
// (the view's long job, e.g. the range test; else play). It presses the
// view's own buttons, so it does what a person's click does, and returns
// false for an action the view has not got.
//
// A figure may sit under CSS `zoom` (the lecture's presenter mode): its
// canvases are then measured in the figure's own CSS pixels (dom.js's
// cssBox and pointerAt) and drawn at devicePixelRatio × zoom, so they stay
// sharp and their labels grow with the zoom.
//
// The shell does for each view what each view used to do for itself:
// debounced saving of the state, canvas sizing that follows the boxes and
// the device-pixel ratio, the broken-link notice, and loading the view's
// own stylesheet, and the figure's one live region (announce.js), through
// which a view says its outcomes instead of making its readouts live.
// Nothing in it is global: every figure gets its own shell.

import { Kind, decode, encode, buildHash } from "./url_state.js";
import { notify } from "./notice.js";
import { createAnnouncer } from "./announce.js";
import { loadedEngine } from "../wasm.js";
import { zoomOf } from "./dom.js";
import { kerasButton, normalise } from "./keras_panel.js";

const SAVE_DELAY_MS = 300;

/** Where the app's page is, for links out of an embedded figure. */
const APP_PAGE = new URL("../../index.html", import.meta.url);

/** A prefix no other figure on the page uses. */
function uniquePrefix(view) {
  const bytes = crypto.getRandomValues(new Uint8Array(4));
  return `${view}-${Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")}-`;
}

/** A value copied deeply enough that the caller cannot change the view's own. */
function copy(value) {
  return value === null || typeof value !== "object" ? value : structuredClone(value);
}

/** A plain state object as the link would carry it, for decode() to check. */
function paramsOf(object, table) {
  const params = new URLSearchParams();
  for (const property of table) {
    const value = object[property.name];
    if (value === undefined || value === null) continue;
    const key = property.key ?? property.name;
    if (property.kind === Kind.LIST) {
      for (const item of Array.isArray(value) ? value : [value]) params.append(key, String(item));
    } else {
      params.set(key, Array.isArray(value) ? value.join(",") : String(value));
    }
  }
  return params;
}

/** Adds the stylesheet at `url` to the page once, whoever asks first. */
export function loadStylesheet(url) {
  const href = new URL(url, import.meta.url).href;
  for (const link of document.querySelectorAll('link[rel="stylesheet"]')) {
    if (link.href === href) return link;
  }
  const link = document.createElement("link");
  link.rel = "stylesheet";
  link.href = href;
  document.head.append(link);
  return link;
}

/**
 * The shell for one figure of `view` (its registry id, e.g. "race") in
 * `element`, with the `options` given to mount.
 */
export function createShell(element, view, options = {}) {
  const primary = Boolean(options.primary);
  const descent = options.descent ?? loadedEngine();
  const prefix = options.idPrefix ?? (primary ? "" : uniquePrefix(view));
  const cleanups = [];
  let saveTimer = null;
  let table = null;
  let current = null;
  let noticeHost = options.notices ?? null;
  let exposed = null;
  let control = null;
  let keras = null;
  let mounted = true;
  /** The state at unmount, which state() returns from then on. */
  let final = null;

  element.dataset.figure = view;
  if (primary) element.dataset.primary = "";
  // The figure a person last touched takes the keys typed outside every
  // figure, when no figure is the page's primary one.
  const touched = () => (element.dataset.touched = String(performance.now()));
  element.addEventListener("pointerdown", touched);
  element.addEventListener("focusin", touched);
  /** Made when the view first speaks, after its markup is in place. */
  let announcer = null;

  function host() {
    if (noticeHost?.isConnected) return noticeHost;
    noticeHost = options.notices ?? (primary ? document.getElementById("notices") : null);
    if (!noticeHost) {
      noticeHost = document.createElement("div");
      noticeHost.className = "figure-notices";
      noticeHost.setAttribute("aria-live", "polite");
      element.prepend(noticeHost);
    }
    return noticeHost;
  }

  /** Does a key event belong to this figure? */
  function owns(event) {
    const target = event.target instanceof Node ? event.target : null;
    if (target && element.contains(target)) return true;
    // A page-wide dialog (the Keras code) takes its own keys.
    if (target instanceof Element && target.closest("dialog[open]")) return false;
    const inFigure = target instanceof Element ? target.closest("[data-figure]") : null;
    if (inFigure) return false; // typed into another figure
    if (primary) return true;
    if (document.querySelector("[data-figure][data-primary]")) return false;
    // Typed on the page itself: the figure touched last answers.
    const mine = Number(element.dataset.touched ?? -1);
    if (mine < 0) return false;
    for (const other of document.querySelectorAll("[data-figure][data-touched]")) {
      if (other !== element && Number(other.dataset.touched) > mine) return false;
    }
    return true;
  }

  const shell = {
    descent,
    primary,
    element,

    /** An id for `name` that no other figure's markup uses. */
    id: (name) => `${prefix}${name}`,

    /** Adds the view's own stylesheet (a URL, resolved against the caller's
     *  `import.meta.url` by the caller) once per page. */
    stylesheet: loadStylesheet,

    /**
     * Reads the state the view was mounted with against `table` (see
     * url_state.js). Returns `{state, problems}`; unknown or broken
     * settings are problems, and take their defaults.
     */
    readState(input, stateTable) {
      if (input === undefined || input === null) return decode(new URLSearchParams(), stateTable);
      if (input instanceof URLSearchParams) return decode(input, stateTable);
      if (typeof input === "string") return decode(new URLSearchParams(input.replace(/^[#?]/, "")), stateTable);
      // A plain object: its link form, checked like any link.
      const names = new Set(stateTable.map((p) => p.name));
      const problems = Object.keys(input)
        .filter((key) => !names.has(key))
        .map((key) => `unknown setting “${key.slice(0, 40)}” ignored`);
      const decoded = decode(paramsOf(input, stateTable), stateTable);
      return { state: decoded.state, problems: [...problems, ...decoded.problems] };
    },

    /** What save() and state() read: `snapshot()` returns the view's state
     *  object, brought up to date with the engine first. */
    track(stateTable, snapshot) {
      table = stateTable;
      current = snapshot;
    },

    /** The view's state as its link encodes it. */
    query() {
      return encode(current(), table);
    },

    /** Writes the state into the link a moment after the last change (or now). */
    save({ now = false } = {}) {
      clearTimeout(saveTimer);
      saveTimer = null;
      if (!options.save || !mounted) return;
      const write = () => {
        saveTimer = null;
        if (mounted) options.save(shell.query());
      };
      if (now) write();
      else saveTimer = setTimeout(write, SAVE_DELAY_MS);
    },

    /** The address that opens this exact state, saved first. */
    link() {
      shell.save({ now: true });
      if (options.link) return options.link();
      return new URL(buildHash(view, shell.query()), APP_PAGE).href;
    },

    /** A message for this figure (see notice.js's notify for the options). */
    notify(message, settings = {}) {
      return notify(message, { ...settings, container: host() });
    },

    /**
     * Says `text` through the figure's one polite live region, at most one
     * change a second (see announce.js); `{key}` replaces a waiting message
     * with the same key.
     */
    announce(text, settings) {
      announcer ??= createAnnouncer(element);
      announcer.say(text, settings);
    },

    /** The live region itself, for running summaries (summary, hold, clear). */
    get announcer() {
      announcer ??= createAnnouncer(element);
      return announcer;
    },

    /** The broken-link notice: what could not be used, one problem a line. */
    reportProblems(problems) {
      if (!problems.length) return;
      shell.notify("Some parts of this link could not be used:", { sticky: true, details: problems });
    },

    /** The device-pixel ratio canvases are drawn at: the screen's, times
     *  the CSS zoom the figure is shown at. */
    dpr: () => (window.devicePixelRatio || 1) * zoomOf(element),

    /** The part of the view to show alone (options.part), or "". */
    part: options.part ?? "",

    /**
     * What handle.control(action) does: `buttons` maps an action (reset,
     * random_start, step, play, run) to the button that does it, or to a
     * function; `playing()` says whether the figure runs. play and pause
     * press `buttons.play` only when it would change something, toggle
     * always; run falls back to play.
     */
    controls({ buttons, playing }) {
      control = (action) => {
        const press = (what) => (typeof what === "function" ? what() : what.click());
        switch (action) {
          case "toggle":
            if (!buttons.play) return false;
            press(buttons.play);
            return true;
          case "play":
            if (buttons.play && !playing()) press(buttons.play);
            return Boolean(buttons.play);
          case "pause":
            if (buttons.play && playing()) press(buttons.play);
            return Boolean(buttons.play);
          case "run":
            if (buttons.run) press(buttons.run);
            else return control("play");
            return true;
          case "random_start":
            if (!buttons.random_start) return false;
            control("pause");
            press(buttons.random_start);
            return true;
          case "reset":
          case "step":
            if (!buttons[action]) return false;
            press(buttons[action]);
            return true;
          default:
            return false;
        }
      };
    },

    /**
     * Calls `onResize(sizes)` whenever one of `boxes` changes size and
     * whenever the device-pixel ratio changes (the window moved to another
     * screen, or the page was zoomed: no CSS size changes then, so only a
     * media query on the ratio notices). `sizes` maps each box to its content
     * box, `{width, height}` in CSS pixels, and stays the same Map. By
     * default the call waits for the next animation frame, since resizing a
     * canvas inside the observer's own callback can change layout again
     * before it returns; `{defer: false}` calls at once.
     */
    watchSize(boxes, onResize, { defer = true } = {}) {
      const sizes = new Map();
      let frame = null;
      const fire = () => {
        if (!mounted) return;
        if (!defer) {
          onResize(sizes);
          return;
        }
        if (frame !== null) return;
        frame = requestAnimationFrame(() => {
          frame = null;
          if (mounted) onResize(sizes);
        });
      };
      const observer = new ResizeObserver((entries) => {
        for (const entry of entries) {
          sizes.set(entry.target, { width: entry.contentRect.width, height: entry.contentRect.height });
        }
        fire();
      });
      for (const box of boxes) observer.observe(box);
      let ratioQuery = null;
      const onRatioChange = () => {
        watchRatio();
        fire();
      };
      const watchRatio = () => {
        ratioQuery = matchMedia(`(resolution: ${window.devicePixelRatio || 1}dppx)`);
        ratioQuery.addEventListener("change", onRatioChange, { once: true });
      };
      watchRatio();
      cleanups.push(() => {
        observer.disconnect();
        ratioQuery?.removeEventListener("change", onRatioChange);
        if (frame !== null) cancelAnimationFrame(frame);
      });
      return sizes;
    },

    /** A keyboard shortcut handler, called only for keys meant for this
     *  figure: typed inside it, or on the page when it is the one in charge. */
    onKey(handler) {
      const listener = (event) => {
        if (owns(event)) handler(event);
      };
      document.addEventListener("keydown", listener);
      cleanups.push(() => document.removeEventListener("keydown", listener));
    },

    frameDrawn() {
      options.frameDrawn?.();
    },

    /**
     * The figure's Keras code: `runs()` returns its runs as the code
     * panel takes them (keras_panel.js), read from the engine's handles
     * when asked; `lead` says what the figure is. Returns the figure's
     * "Keras code" button; a lecture's scene asks handle.keras().
     */
    kerasCode({ runs, lead = "" }) {
      keras = { runs, lead };
      return kerasButton({ descent, runs, lead });
    },

    /** For tests and the console: the primary figure's live session, as
     *  window.__<view>, read-only by convention. */
    expose(session) {
      if (!primary) return;
      exposed = session;
      window[`__${view}`] = session;
    },

    /** Runs `fn` when the figure unmounts. */
    onUnmount(fn) {
      cleanups.push(fn);
    },

    /**
     * The component's handle. `stop()` is the view's own teardown (loops,
     * engine handles); the shell's follows it.
     */
    handle(stop) {
      const handle = {
        unmount() {
          if (!mounted) return;
          final = handle.state();
          mounted = false;
          clearTimeout(saveTimer);
          stop?.();
          for (const fn of cleanups.splice(0).reverse()) fn();
          announcer?.destroy();
          element.removeEventListener("pointerdown", touched);
          element.removeEventListener("focusin", touched);
          if (exposed && window[`__${view}`] === exposed) delete window[`__${view}`];
          delete element.dataset.figure;
          delete element.dataset.primary;
          delete element.dataset.touched;
          element.replaceChildren();
        },
        /** The figure's Keras code now: `{descent, lead, list, selected}`,
         *  or null for a view without one. */
        keras() {
          return mounted && keras ? { descent, lead: keras.lead, ...normalise(keras.runs()) } : null;
        },
        /** Drives the figure as a lecture's steps do; see the header. */
        control(action) {
          return mounted && control ? control(action) : false;
        },
        state() {
          if (final) return copy(final);
          const state = current();
          return Object.fromEntries(table.map((p) => [p.name, copy(state[p.name])]));
        },
      };
      return handle;
    },
  };
  return shell;
}
