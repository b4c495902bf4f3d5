// A scene's live figures: each one a mounted view (the race, the backprop,
// the learning-rate or the training view) with the scene's preset state,
// driven by the build-up steps through the view's control(action).
//
// Walking forward one step applies that step's action to the running
// figure, so the audience sees it happen. Arriving at a step any other way
// (back, a jump, a reload) rebuilds it: the figure is mounted from the last
// state at or before the step, and the instant actions since (reset,
// random_start, step) are replayed in order, then the motion (play, run)
// if the last of them asks for it. Random starts are seeded, so a rebuilt
// step looks as it did the first time.
//
// In presenter mode each figure is drawn under CSS zoom, as large as its
// box allows up to the screen's height ÷ 720 (the size the views are laid
// out for): 1.5 at 1080p, which draws the engine's 12 px labels at 18 px.

import { VIEWS } from "../views.js";
import { fullToolLink } from "./scene.js";
import { openKerasPanel } from "../shared/keras_panel.js";

/** The smallest box, in the view's own CSS pixels, each figure is laid out
 *  well in; the zoom never squeezes a figure below it. */
const MIN_CSS = {
  race: [600, 400],
  backprop: [1390, 560],
  lr: [900, 600],
  "lr:sweep": [560, 360],
  "lr:adaptive": [560, 360],
  train: [760, 500],
  "train:lab": [760, 480],
};
/** The views are laid out for a 1280×720 projector. */
const DESIGN_HEIGHT = 720;
const MAX_ZOOM = 2.5;

const MOTION = new Set(["play", "run"]);
const INSTANT = new Set(["reset", "random_start", "step"]);

/** Resolves after the next frame has painted: the scene's text and the
 *  step's caption show at once, and the figure's first (costly) frame
 *  comes in a task of its own. */
const afterPaint = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

const modules = new Map();
function load(view) {
  const entry = VIEWS.find((v) => v.id === view);
  if (!entry) return Promise.reject(new Error(`the lecture names a view “${view}” that does not exist`));
  if (!modules.has(view)) modules.set(view, entry.load());
  return modules.get(view);
}

/** A race's table has a row per racer (3 by default) under its landscape;
 *  the landscape's height allows for them from the start, so the table
 *  filling in does not resize it (and redraw its heatmap) a frame later. */
function tableRows(view, state) {
  if (view !== "race") return 0;
  const racers = typeof state === "string" ? (state.match(/(^|&)racer=/g) ?? []).length : (state?.racers?.length ?? 0);
  return (racers || 3) + 1;
}

/** The zoom for a figure of `key` in a box of `width × height` screen px. */
export function fitZoom(key, width, height, screenHeight) {
  const [minWidth, minHeight] = MIN_CSS[key] ?? [800, 500];
  const z = Math.min(screenHeight / DESIGN_HEIGHT, width / minWidth, height / minHeight, MAX_ZOOM);
  return Math.max(1, Math.floor(z * 100) / 100);
}

/** The step at or before `k` whose state the first figure starts from (-1: the preset). */
function baseStep(scene, k) {
  for (let j = k; j >= 0; j--) if (scene.steps[j].state) return j;
  return -1;
}

/**
 * The figures of `scene` in `slots` (from renderScene). `presenter()` says
 * whether to zoom; `onChange()` is called when a figure's state changes
 * (its link and the lecture's URL follow); `onDrawn(k)` after figure k's
 * first frame.
 */
export function createFigures(scene, slots, { descent, presenter, onChange, onDrawn }) {
  const records = slots.map((slot, k) => ({
    ...slot,
    k,
    key: slot.figure.part ? `${slot.figure.view}:${slot.figure.part}` : slot.figure.view,
    handle: null,
    zoomBox: null,
    zoom: 1,
    /** The state as the lecture's own steps left it (JSON), and whether a
     *  link's changed state was mounted. */
    baseline: null,
    fromLink: false,
    /** A person has clicked or edited something in the figure since. */
    touched: false,
    latest: null,
    drawn: false,
  }));
  // Only a person's changes count as changing the figure: its own motion
  // (descent moving the backprop view's weights) rebuilds from the link.
  for (const r of records) {
    const touch = () => (r.touched = true);
    for (const type of ["pointerdown", "input", "change"]) r.box.addEventListener(type, touch);
  }
  // Each scene's "Keras code": the program of its figure's current state.
  for (const r of records) {
    r.keras?.addEventListener("click", () => {
      const code = r.handle?.keras();
      if (!code) return;
      openKerasPanel({ descent: code.descent, runs: code.list, selected: code.selected, lead: code.lead, opener: r.keras });
    });
  }
  let dead = false;
  /** Mounts in flight finish in order: a later request supersedes. */
  let queue = Promise.resolve();

  function zoomTo(record) {
    const z = presenter()
      ? fitZoom(record.key, record.box.clientWidth, record.box.clientHeight, window.innerHeight)
      : 1;
    record.zoom = z;
    if (record.zoomBox) {
      record.zoomBox.style.zoom = z === 1 ? "" : String(z);
      record.zoomBox.dataset.zoom = String(z);
    }
  }

  async function mount(record, state) {
    const module = await load(record.figure.view);
    await afterPaint();
    if (dead) return;
    record.handle?.unmount();
    record.box.replaceChildren();
    record.notices.replaceChildren();
    record.zoomBox = document.createElement("div");
    record.zoomBox.className = "lecture-zoom";
    record.zoomBox.style.setProperty("--table-rows", String(tableRows(record.figure.view, state)));
    record.box.append(record.zoomBox);
    zoomTo(record);
    record.baseline = null;
    record.fromLink = false;
    record.latest = null;
    record.drawn = false;
    record.handle = module.mount(record.zoomBox, state, {
      descent,
      primary: false,
      part: record.figure.part || undefined,
      notices: record.notices,
      /** Not the page's URL: the figure's link and the lecture's. */
      save(query) {
        record.latest = query;
        record.open.href = fullToolLink(record.figure.view, query);
        onChange();
      },
      link: () => new URL(fullToolLink(record.figure.view, record.latest ?? ""), location.href).href,
      frameDrawn() {
        if (record.drawn) return;
        record.drawn = true;
        onDrawn(record.k);
      },
    });
  }

  const stateKey = (record) => (record.handle ? JSON.stringify(record.handle.state()) : null);
  /** What the steps did is not a lecturer's change: a link rebuilds it. */
  function settle() {
    for (const r of records) {
      r.baseline = stateKey(r);
      r.touched = false;
    }
  }

  function control(action) {
    return records[0]?.handle?.control?.(action) ?? false;
  }

  /** Runs `job` after every earlier one, unless the figures are gone. */
  function enqueue(job) {
    queue = queue.then(() => (dead ? undefined : job()));
    return queue;
  }

  return {
    records,

    /**
     * Builds step `k` (see the header). `figureQuery`, from a link, is the
     * first figure's state as a lecturer changed it: it is mounted as is,
     * and only the step's motion is replayed.
     */
    show(k, { figureQuery = null } = {}) {
      return enqueue(async () => {
        const base = baseStep(scene, k);
        const first = figureQuery ?? (base >= 0 ? scene.steps[base].state : scene.figures[0]?.state);
        await Promise.all(records.map((r) => mount(r, r.k === 0 ? first : r.figure.state)));
        if (dead || !records.length) return;
        let motion = null;
        for (let j = Math.max(base, 0); j <= k; j++) {
          const { action } = scene.steps[j];
          if (MOTION.has(action)) motion = action;
          else if (INSTANT.has(action)) {
            motion = null;
            if (figureQuery === null) control(action);
          }
        }
        if (motion) control(motion);
        settle();
        if (figureQuery !== null) records[0].fromLink = true;
      });
    },

    /** Walks forward from the step before `k` to `k`: its state, if it has
     *  one, replaces the first figure's; then its action runs. */
    advance(k) {
      return enqueue(async () => {
        const step = scene.steps[k];
        // A figure a lecturer changed stays changed (and in the link) as
        // the steps walk on, unless a step brings its own state.
        const changed = !step.state && this.changedQuery() !== null;
        if (step.state && records.length) await mount(records[0], step.state);
        if (dead) return;
        if (step.action !== "keep") control(step.action);
        settle();
        if (changed) records[0].fromLink = true;
      });
    },

    control,

    /** The first figure's state as a lecturer changed it, or null. */
    changedQuery() {
      const r = records[0];
      if (!r?.handle || r.latest === null) return null;
      return r.fromLink || (r.touched && stateKey(r) !== r.baseline) ? r.latest : null;
    },

    /** Zooms again (presenter mode on or off, or the window changed). */
    refit() {
      for (const r of records) zoomTo(r);
    },

    unmount() {
      dead = true;
      for (const r of records) {
        r.handle?.unmount();
        r.handle = null;
      }
    },
  };
}
