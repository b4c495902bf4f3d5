// The lecture: MIT 6.S191's "Training Neural Networks" scene by scene, in
// its own order, each scene a title, a narration, one or two live figures
// (the other views, mounted with the scene's preset state) and the
// algorithm box, code or table, built up step by step. The scenes are the
// engine's (descent.lecture(), written in src/labs/lecture.rs); this module
// keeps the place in the lecture, its URL (`#lecture?scene=<id>&step=<k>`,
// k from 1, and `&figure=<query>` once a lecturer has changed the figure),
// the keys (keys.js), presenter mode (presenter.js) and the speaker window
// (speaker.js, `&speaker=1`).

import { createShell } from "../shared/view_shell.js";
import { Kind } from "../shared/url_state.js";
import { refsOf } from "../shared/dom.js";
import { errorText } from "../shared/notice.js";
import { renderScene } from "./scene.js";
import { createFigures } from "./figures.js";
import { listenKeys } from "./keys.js";
import { createPresenter } from "./presenter.js";
import { joinChannel, openSpeakerWindow, createSpeakerView } from "./speaker.js";

const TABLE = [
  // Free text, checked against the engine's scene ids below.
  { name: "scene", kind: Kind.LIST, default: [] },
  { name: "step", kind: Kind.INTEGER, min: 1, max: 999, default: 1 },
  // The first figure's state as a lecturer changed it: its view's query.
  { name: "figure", kind: Kind.LIST, default: [] },
  { name: "speaker", kind: Kind.INTEGER, min: 0, max: 1, default: null },
];

const HTML = (id) => `
<div class="lecture">
  <div class="lecture-bar" role="toolbar" aria-label="Lecture controls">
    <button type="button" data-act="previous" aria-keyshortcuts="ArrowLeft PageUp">← Back</button>
    <button type="button" data-act="next" class="primary" aria-keyshortcuts="ArrowRight PageDown">Next →</button>
    <button type="button" data-act="index" aria-haspopup="dialog" aria-keyshortcuts="I">Scenes</button>
    <button type="button" data-act="toggle" aria-keyshortcuts="Space">Play / pause figure</button>
    <span class="lecture-where" data-ref="where" aria-live="polite"></span>
    <button type="button" data-act="presenter" aria-keyshortcuts="F" aria-pressed="false">Presenter mode</button>
    <button type="button" data-act="speaker" aria-keyshortcuts="P">Speaker window</button>
    <button type="button" data-act="copy">Copy link</button>
  </div>
  <ol class="lecture-scenes" data-ref="scenes" aria-label="Scenes"></ol>
  <p class="lecture-keys">Keys: → or PageDown next · ← or PageUp back · Space plays or pauses the figure ·
    Home / End first and last scene · a number then Enter jumps to that scene · I scene index ·
    F presenter mode · P speaker window</p>
  <p class="lecture-digits" data-ref="digits" hidden></p>
  <dialog class="lecture-index" data-ref="index" aria-labelledby="${id("lecture-index-title")}">
    <h2 id="${id("lecture-index-title")}">Scenes</h2>
    <ol data-ref="index-list"></ol>
    <form method="dialog"><button type="submit">Close</button></form>
  </dialog>
</div>`;

/** The table of the lecture's link keys and rules, which the link fuzz reads. */
export function stateTable() {
  return TABLE;
}

/** Mounts the lecture in `element`; see ../shared/view_shell.js for the contract. */
export function mount(element, initial, options = {}) {
  const shell = createShell(element, "lecture", options);
  shell.stylesheet(new URL("./lecture.css", import.meta.url));
  const { descent } = shell;
  const { scenes } = descent.lecture();
  const { state, problems } = shell.readState(initial, TABLE);
  const speakerMode = state.speaker === 1;

  // Where the link points, or the first scene with a notice saying why.
  let start = 0;
  const wanted = state.scene[0];
  if (wanted !== undefined) {
    start = scenes.findIndex((s) => s.id === wanted);
    if (start < 0) {
      start = 0;
      shell.notify(`There is no scene “${wanted.slice(0, 40)}” in the lecture; showing the first, “${scenes[0].title}”.`);
    }
  }
  let startStep = state.step - 1;
  if (startStep >= scenes[start].steps.length) {
    problems.push(`step=${state.step}: “${scenes[start].title}” has ${scenes[start].steps.length} step(s); showing the last`);
    startStep = scenes[start].steps.length - 1;
  }
  // A changed figure's query is key=value parts; anything else is no link
  // of a view, and the scene's own figure is shown instead.
  const figureText = state.figure[0];
  if (figureText !== undefined && !/^[a-z_][a-z0-9_]*=[^&]*(&[a-z_][a-z0-9_]*=[^&]*)*$/i.test(figureText)) {
    problems.push(`figure=“${figureText.slice(0, 40)}” is not a view's link query; showing the scene's own figure`);
    state.figure = [];
  }
  if (state.figure.length > 1) {
    problems.push(`figure given ${state.figure.length} times; only the first is used`);
    state.figure = state.figure.slice(0, 1);
  }
  shell.reportProblems(problems);

  let pos = { scene: start, step: startStep };
  let figures = null;
  let rendered = null;
  let drawnOnce = false;
  const frameDrawn = () => {
    if (drawnOnce) return;
    drawnOnce = true;
    options.frameDrawn?.();
  };

  shell.track(TABLE, () => {
    const changed = figures?.changedQuery() ?? null;
    return {
      scene: [scenes[pos.scene].id],
      step: pos.step + 1,
      figure: changed === null ? [] : [changed],
      speaker: speakerMode ? 1 : null,
    };
  });

  const clampScene = (s) => Math.min(scenes.length - 1, Math.max(0, s));

  // ---- The speaker window: text only, following the main window. ----
  if (speakerMode) {
    document.documentElement.dataset.speaker = "";
    const speaker = createSpeakerView(element, scenes, {
      previous: () => walk(-1),
      next: () => walk(1),
      toggle: () => channel.control("toggle"),
    });
    const moveTo = (s, k) => {
      pos = { scene: clampScene(s), step: Math.min(Math.max(0, k), scenes[clampScene(s)].steps.length - 1) };
      speaker.show(pos);
      shell.save({ now: true });
    };
    const walk = (direction) => {
      const { scene: s, step: k } = pos;
      if (direction > 0) {
        if (k + 1 < scenes[s].steps.length) moveTo(s, k + 1);
        else if (s + 1 < scenes.length) moveTo(s + 1, 0);
      } else if (k > 0) moveTo(s, k - 1);
      else if (s > 0) moveTo(s - 1, scenes[s - 1].steps.length - 1);
      channel.tell(scenes[pos.scene].id, pos.step);
    };
    const channel = joinChannel("speaker", {
      where: () => ({ scene: scenes[pos.scene].id, step: pos.step }),
      onPosition(id, k, role) {
        if (role !== "main") return;
        speaker.connected(true);
        const s = scenes.findIndex((x) => x.id === id);
        if (s >= 0) moveTo(s, k);
      },
    });
    speaker.connected(false);
    const stopKeys = listenKeys(
      {
        next: () => walk(1),
        previous: () => walk(-1),
        first: () => (moveTo(0, 0), channel.tell(scenes[0].id, 0)),
        last: () => (moveTo(scenes.length - 1, 0), channel.tell(scenes[pos.scene].id, 0)),
        jump: (n) => {
          if (n >= 1 && n <= scenes.length) {
            moveTo(n - 1, 0);
            channel.tell(scenes[pos.scene].id, 0);
          }
        },
        toggle: () => channel.control("toggle"),
        index() {},
        presenter() {},
        speaker() {},
        escape: () => false,
      },
      () => {},
    );
    speaker.show(pos);
    shell.save({ now: true });
    shell.expose({ scenes, speaker: true, position: () => ({ ...pos, id: scenes[pos.scene].id }) });
    frameDrawn();
    return shell.handle(() => {
      stopKeys();
      channel.close();
      speaker.destroy();
      delete document.documentElement.dataset.speaker;
    });
  }

  // ---- The main window. ----
  element.innerHTML = HTML(shell.id);
  const root = element.querySelector(".lecture");
  const refs = refsOf(root);

  const presenter = createPresenter(root, (on) => {
    root.querySelector('[data-act="presenter"]').setAttribute("aria-pressed", String(on));
    figures?.refit();
  });

  function showWhere() {
    const scene = scenes[pos.scene];
    refs.where.textContent = `Scene ${pos.scene + 1} of ${scenes.length}: ${scene.title} · step ${pos.step + 1} of ${scene.steps.length}`;
    root.dataset.scene = scene.id;
    root.dataset.step = String(pos.step + 1);
    for (const [k, item] of [...refs.indexList.children].entries()) {
      const link = item.firstElementChild;
      if (k === pos.scene) link.setAttribute("aria-current", "true");
      else link.removeAttribute("aria-current");
    }
  }

  function renderAt(s) {
    figures?.unmount();
    const scene = scenes[s];
    rendered = renderScene(scenes, s, shell.id);
    rendered.item.value = s + 1;
    refs.scenes.replaceChildren(rendered.item);
    figures = createFigures(scene, rendered.figureSlots, {
      descent,
      presenter: () => presenter.on,
      onChange: () => shell.save(),
      onDrawn: frameDrawn,
    });
    // A review's links move within the lecture, not through a reload.
    for (const link of rendered.item.querySelectorAll("a[data-scene]")) {
      link.addEventListener("click", (event) => {
        event.preventDefault();
        go(scenes.findIndex((x) => x.id === link.dataset.scene), 0);
      });
    }
    if (!scene.figures.length) frameDrawn();
  }

  function failed(error) {
    shell.notify(`This scene's figure could not start: ${errorText(error)}`);
  }

  /**
   * Goes to step `k` of scene `s`. `walking` (→ from the step before)
   * applies the step to the running figure; anything else rebuilds it.
   * `quiet` does not tell the speaker window (it asked for this).
   */
  function go(s, k, { walking = false, figureQuery = null, quiet = false } = {}) {
    s = clampScene(s);
    k = Math.min(Math.max(0, k), scenes[s].steps.length - 1);
    const same = rendered !== null && s === pos.scene;
    if (same && k === pos.step && figureQuery === null) return;
    if (!same) renderAt(s);
    const forward = same && walking && k === pos.step + 1;
    pos = { scene: s, step: k };
    rendered.show(k);
    showWhere();
    (forward ? figures.advance(k) : figures.show(k, { figureQuery })).then(() => shell.save(), failed);
    shell.save({ now: true });
    if (!quiet) channel.tell(scenes[s].id, k);
  }

  const next = () => {
    const { scene: s, step: k } = pos;
    if (k + 1 < scenes[s].steps.length) go(s, k + 1, { walking: true });
    else if (s + 1 < scenes.length) go(s + 1, 0);
  };
  const previous = () => {
    const { scene: s, step: k } = pos;
    if (k > 0) go(s, k - 1);
    else if (s > 0) go(s - 1, scenes[s - 1].steps.length - 1);
  };
  const toggle = () => figures?.control("toggle");

  // The scene index: every title, one click away.
  for (const [k, scene] of scenes.entries()) {
    const item = document.createElement("li");
    const link = document.createElement("a");
    link.href = `#lecture?scene=${encodeURIComponent(scene.id)}&step=1`;
    link.textContent = scene.title;
    link.addEventListener("click", (event) => {
      event.preventDefault();
      refs.index.close();
      go(k, 0);
    });
    item.append(link);
    refs.indexList.append(item);
  }
  function openIndex() {
    if (refs.index.open) {
      refs.index.close();
      return;
    }
    refs.index.showModal();
    refs.indexList.children[pos.scene]?.firstElementChild.focus();
  }

  async function copyLink() {
    shell.save({ now: true });
    const link = options.link?.() ?? location.href;
    try {
      await navigator.clipboard.writeText(link);
      shell.notify("Link to this scene copied.", { kind: "info" });
    } catch {
      shell.notify(`Copy this link: ${link}`, { kind: "info" });
    }
  }

  const speakerWindow = () => openSpeakerWindow(scenes[pos.scene].id, pos.step);
  const buttons = {
    previous,
    next,
    index: openIndex,
    toggle,
    presenter: () => presenter.toggle(),
    speaker: speakerWindow,
    copy: copyLink,
  };
  for (const button of root.querySelectorAll(".lecture-bar [data-act]")) {
    button.addEventListener("click", () => buttons[button.dataset.act]());
  }

  const channel = joinChannel("main", {
    where: () => ({ scene: scenes[pos.scene].id, step: pos.step }),
    onPosition(id, k, role) {
      if (role !== "speaker") return;
      const s = scenes.findIndex((x) => x.id === id);
      if (s < 0) return;
      const walking = s === pos.scene && k === pos.step + 1;
      go(s, k, { walking, quiet: true });
    },
    onControl: (action) => figures?.control(action),
  });

  const stopKeys = listenKeys(
    {
      next,
      previous,
      toggle,
      first: () => go(0, 0),
      last: () => go(scenes.length - 1, 0),
      jump(n) {
        if (n >= 1 && n <= scenes.length) go(n - 1, 0);
        else shell.notify(`There is no scene ${n}: the lecture has ${scenes.length}.`, { kind: "info" });
      },
      index: openIndex,
      presenter: () => presenter.toggle(),
      speaker: speakerWindow,
      escape() {
        if (!presenter.on) return false;
        presenter.leave();
        return true;
      },
    },
    (digits) => {
      refs.digits.hidden = !digits;
      refs.digits.textContent = digits ? `Go to scene ${digits} … Enter` : "";
    },
  );

  // The figures' zoom follows the window (full screen comes a moment
  // after presenter mode does).
  let resizeFrame = 0;
  const onResize = () => {
    cancelAnimationFrame(resizeFrame);
    resizeFrame = requestAnimationFrame(() => figures?.refit());
  };
  window.addEventListener("resize", onResize);

  go(pos.scene, pos.step, { figureQuery: state.figure[0] ?? null });

  shell.expose({
    scenes,
    position: () => ({ ...pos, id: scenes[pos.scene].id }),
    /** The mounted figures' handles, zoom and box, for tests and the console. */
    figures: () =>
      (figures?.records ?? []).map((r) => ({
        view: r.figure.view,
        part: r.figure.part,
        handle: r.handle,
        zoom: r.zoom,
        drawn: r.drawn,
      })),
    go: (s, k) => go(s, k),
    get presenter() {
      return presenter.on;
    },
  });

  return shell.handle(() => {
    stopKeys();
    channel.close();
    window.removeEventListener("resize", onResize);
    cancelAnimationFrame(resizeFrame);
    figures?.unmount();
    figures = null;
    presenter.destroy();
  });
}
