// The learning-rate view: the lecture's "too small / stable / too large"
// side by side with the student's own rate, then the LR range test,
// schedules and adaptive rates. The engine's LrLab runs the four panels;
// this module restores the session from its state and wires the parts; the
// view shell (../shared/view_shell.js) saves it, sizes it and says what a
// link got wrong.

import { renderLayout } from "./layout.js";
import { stateTable as lrTable, encodeConfig, decodeConfig } from "./state.js";
import { createPanels, PANEL_COLOURS, YOURS } from "./panels.js";
import { createSweep } from "./sweep.js";
import { createSchedule, decodeSchedule } from "./schedule.js";
import { createAdaptive } from "./adaptive.js";
import { createLoop } from "../shared/loop.js";
import { createShell } from "../shared/view_shell.js";
import { SPEED_SCALE } from "../shared/log_scale.js";
import { parseNumber } from "../shared/parse.js";
import { number, pair } from "../shared/format.js";
import { inlineMessage, errorText } from "../shared/notice.js";
import { bindPlayback } from "../shared/keys.js";
import { startFields } from "../shared/start_fields.js";

/** While playing, the loss curves refresh this often. */
const CHART_EVERY_MS = 120;

/** Puts the link's settings into the lab; returns the problems met. */
function restore(lab, state) {
  const problems = [];
  const attempt = (what, action, fallback) => {
    try {
      action();
    } catch (error) {
      problems.push(`${what} not used: ${errorText(error)}`);
      fallback?.();
    }
  };
  attempt(`optimizer “${state.optimizer[0]?.slice(0, 60)}”`, () => lab.set_optimizer(decodeConfig(state.optimizer[0])), () => lab.set_optimizer({ name: "sgd" }));
  state.rates.forEach((rate, i) => attempt(`rate ${i + 1} (${rate})`, () => lab.set_learning_rate(i, rate)));
  attempt(`yours=${state.yours}`, () => lab.set_learning_rate(YOURS, state.yours));
  if (state.start) attempt(`start ${state.start.join(",")}`, () => lab.set_start(...state.start));
  attempt(`steps=${state.steps}`, () => lab.set_steps(state.steps));
  state.scheduleObject = null;
  if (state.schedule.length) {
    attempt(
      `schedule “${state.schedule[0].slice(0, 60)}”`,
      () => {
        const schedule = decodeSchedule(state.schedule[0]);
        lab.set_schedule(schedule);
        state.scheduleObject = schedule;
      },
      () => (state.schedule = []),
    );
  }
  return problems;
}

/** The view's state table, its link's keys and rules (see ../shared/url_state.js). */
export function stateTable(descent) {
  const catalogue = descent.catalogue();
  return lrTable(
    catalogue.landscapes.map((l) => l.name),
    catalogue.optimizers.map((o) => o.name),
    catalogue.limits,
  );
}

/** Mounts the learning-rate view in `element`; see ../shared/view_shell.js for the contract. */
export function mount(element, initial, options = {}) {
  const shell = createShell(element, "lr", options);
  shell.stylesheet(new URL("./lr.css", import.meta.url));
  const { descent } = shell;
  const catalogue = descent.catalogue();
  const names = Array.from(descent.LrLab.panel_names());
  const refs = renderLayout(element, names, shell.id);
  // The one live region: outcomes and the sweep's result are said there.
  void shell.announcer;
  const table = stateTable(descent);
  const { state, problems } = shell.readState(initial, table);
  // One part alone (a lecture's scene): the range test or the adaptive
  // rates; everything else in the view is hidden.
  const PARTS = { sweep: refs.sweepBox, adaptive: refs.adaptiveBox };
  if (shell.part && !PARTS[shell.part]) problems.push(`part “${shell.part.slice(0, 30)}” is not one of sweep, adaptive; the whole view is shown`);
  const partSection = PARTS[shell.part]?.closest("section") ?? null;
  if (partSection) {
    for (const child of partSection.parentElement.children) if (child !== partSection) child.style.display = "none";
    partSection.parentElement.dataset.part = shell.part;
  }
  const lab = new descent.LrLab(state.landscape);
  problems.push(...restore(lab, state));

  shell.track(table, () => {
    const rates = Array.from(lab.learning_rates());
    state.rates = rates.slice(0, 3);
    state.yours = rates[YOURS];
    state.start = Array.from(lab.start());
    state.optimizer = [encodeConfig(lab.optimizer())];
    state.steps = lab.steps();
    return state;
  });

  let lastCharts = 0;
  const session = {
    descent,
    catalogue,
    lab,
    refs,
    state,
    colours: PANEL_COLOURS.slice(),
    loop: null,
    dpr: shell.dpr,
    save: shell.save,
    /** Anything that restarts the panels: their runs and charts are new.
     *  The sweep depends on the landscape, optimizer, schedule and start,
     *  not on the panels' rates or budget; `sweepToo: false` keeps it. */
    labChanged({ sweepToo = true } = {}) {
      if (sweepToo) sweep.stale();
      else sweep.draw();
      schedule.draw();
      adaptive.draw();
      session.loop.invalidate();
      lastCharts = 0;
      showPlaying();
      session.save();
    },
    ratesChanged() {
      session.labChanged({ sweepToo: false });
    },
    /** Says a sentence through the figure's one live region. */
    announce: shell.announce,
    /** Moves the start of all four runs; the engine's refusal, or null. */
    setStart(x, y) {
      try {
        lab.set_start(x, y);
      } catch (error) {
        return errorText(error);
      }
      startMessage.clear();
      showStart();
      session.labChanged();
      shell.announce(`all four runs start at ${pair([x, y])}`, { key: "cursor" });
      return null;
    },
  };

  // The start, typed (the keyboard's exact way; the panels' cursors are the other).
  const startMessage = inlineMessage(refs.startMessage);
  const showTyped = startFields({
    x: refs.startX,
    y: refs.startY,
    button: refs.setStart,
    message: startMessage,
    set(x, y) {
      const problem = session.setStart(x, y);
      if (problem) startMessage.show(problem);
    },
  });
  const showStart = () => showTyped(lab.start());
  showStart();

  const panels = createPanels(session);
  session.panels = panels;
  const sweep = createSweep(session);
  const schedule = createSchedule(session);
  const adaptive = createAdaptive(session);
  Object.assign(session, { sweep, schedule, adaptive });
  schedule.show(state.scheduleObject);
  panels.showRates();

  // Landscape and optimizer pickers.
  for (const l of catalogue.landscapes) {
    const option = document.createElement("option");
    option.value = l.name;
    option.textContent = `${l.name}: ${l.formula}`;
    refs.landscape.append(option);
  }
  for (const o of catalogue.optimizers) {
    const option = document.createElement("option");
    option.value = o.name;
    option.textContent = o.name;
    refs.optimizer.append(option);
  }
  const optimizerMessage = inlineMessage(refs.optimizerMessage);
  function showSettings() {
    refs.landscape.value = lab.landscape();
    refs.optimizer.value = lab.optimizer().name;
    const l = catalogue.landscapes.find((x) => x.name === lab.landscape());
    refs.formula.textContent = `J(x, y) = ${l.formula}`;
  }
  refs.landscape.addEventListener("change", () => {
    state.landscape = refs.landscape.value;
    lab.set_landscape(state.landscape);
    showSettings();
    showStart();
    session.labChanged();
  });
  refs.optimizer.addEventListener("change", () => {
    try {
      lab.set_optimizer({ name: refs.optimizer.value });
      optimizerMessage.clear();
    } catch (error) {
      optimizerMessage.show(errorText(error));
    }
    showSettings();
    session.labChanged();
  });
  showSettings();

  // Play, reset, speed, step budget.
  const stepsMessage = inlineMessage(refs.stepsMessage);
  refs.steps.value = String(lab.steps());
  refs.steps.addEventListener("change", () => {
    const n = parseNumber(refs.steps.value);
    try {
      if (Number.isNaN(n)) throw new Error(`steps: “${refs.steps.value.slice(0, 30)}” is not a number`);
      lab.set_steps(n);
    } catch (error) {
      stepsMessage.show(`${errorText(error)}; kept ${lab.steps()}.`, refs.steps);
      refs.steps.value = String(lab.steps());
      return;
    }
    stepsMessage.clear();
    session.labChanged({ sweepToo: false });
  });
  SPEED_SCALE.configure(refs.speed);
  function showSpeed() {
    refs.speed.value = String(SPEED_SCALE.position(state.speed));
    const text = `${number(state.speed, 3)} steps/s per panel`;
    refs.speedValue.textContent = text;
    refs.speed.setAttribute("aria-valuetext", text);
  }
  refs.speed.addEventListener("input", () => {
    state.speed = SPEED_SCALE.value(refs.speed.value);
    session.loop.setSpeed(state.speed);
    showSpeed();
    session.save();
  });
  showSpeed();

  function draw(playing) {
    panels.draw();
    if (playing) shell.announcer.summary(panels.summary);
    const now = performance.now();
    if (!playing || now - lastCharts >= CHART_EVERY_MS) {
      lastCharts = now;
      panels.drawCharts();
    }
    shell.frameDrawn();
  }
  function showPlaying() {
    refs.play.textContent = session.loop.playing ? "Pause" : "Play";
    refs.play.setAttribute("aria-pressed", String(session.loop.playing));
  }
  session.loop = createLoop({
    race: () => lab,
    draw,
    onFinished: showPlaying,
    onReadout: () => {},
  });
  session.loop.setSpeed(state.speed);
  function togglePlay() {
    if (session.loop.playing) session.loop.pause();
    else {
      if (lab.all_finished()) lab.reset();
      session.loop.play();
      shell.announcer.hold();
    }
    showPlaying();
  }
  function step() {
    session.loop.pause();
    lab.advance(1);
    lastCharts = 0;
    session.loop.invalidate();
    showPlaying();
  }
  function reset() {
    session.loop.pause();
    lab.reset();
    lastCharts = 0;
    session.loop.invalidate();
    showPlaying();
  }
  // The views' one set of keys; "," and "." wait for a timeline.
  bindPlayback(shell, refs, {
    actions: { play: togglePlay, step, reset },
    texts: { step: "Step every panel once" },
    extra: [
      { keys: ["←", "↑", "→", "↓"], text: "On a focused landscape: move the cursor (Shift: finely)" },
      { keys: ["Enter"], text: "On a focused landscape: start all four runs at the cursor" },
      { keys: ["←", "→", "Home", "End"], text: "On the focused sweep chart: pick a swept rate" },
      { keys: ["Enter"], text: "On the focused sweep chart: load the picked rate into “yours”" },
    ],
    opener: refs.keys,
  });
  refs.copyLink.after(
    shell.kerasCode({
      lead: shell.part
        ? `The lab's four panels on this landscape, optimizer and schedule (the ${shell.part === "sweep" ? "range test runs one such run per swept rate" : "adaptive rates come from the same kind of run"}).`
        : "The four panels: the optimizer and schedule at each panel's rate.",
      runs: () => [{ label: "The four panels", spec: lab.keras_spec(), filename: `descent_learning_rates_${lab.landscape()}.py` }],
    }),
  );
  refs.copyLink.addEventListener("click", async () => {
    const link = shell.link();
    try {
      await navigator.clipboard.writeText(link);
      shell.notify("Link copied.", { kind: "info" });
    } catch {
      shell.notify(`Copy this link: ${link}`, { kind: "info" });
    }
  });

  // Canvases follow their boxes, sharp at any devicePixelRatio. The work
  // waits for the next frame: drawing changes the text below the charts,
  // and a resize inside the observer's own callback would loop.
  const boxes = [0, 1, 2, 3].flatMap((i) => [refs[`stage${i}`], refs[`lossBox${i}`]]);
  shell.watchSize([...boxes, refs.sweepBox, refs.scheduleBox, refs.adaptiveBox], () => {
    panels.fit();
    sweep.fit();
    schedule.fit();
    adaptive.fit();
    lastCharts = 0;
    session.loop.invalidate();
  });

  shell.reportProblems(problems);
  session.save({ now: true });
  session.loop.start();
  shell.expose(session);
  // The range test's part plays by running (or stopping) the sweep.
  const sweepButton = () => refs.sweepRun.click();
  const sweeping = () => sweep.chart.is_running();
  shell.controls(
    shell.part === "sweep"
      ? { buttons: { play: sweepButton, run: () => sweeping() || sweepButton() }, playing: sweeping }
      : {
          buttons: { play: refs.play, reset: refs.reset, run: () => sweeping() || sweepButton() },
          playing: () => session.loop.playing,
        },
  );

  return shell.handle(() => {
    session.loop.stop();
    panels.destroy();
    sweep.destroy();
    lab.free?.();
  });
}
