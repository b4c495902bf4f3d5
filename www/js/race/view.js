// The optimizer race view: racers share a start point on a landscape, each
// with its own optimizer and learning rate, and their paths are drawn live.
//
// This module owns the session (the engine's Race and LandscapeView, the
// racers' configs and the view state), restores it from its state, hands
// each part of the page its job, and leaves saving, sizing, messages and
// keys to the view shell (../shared/view_shell.js).

import { renderLayout } from "./layout.js";
import { stateTable as raceTable, DEFAULT_RACERS } from "./state.js";
import { encodeOptimizer, decodeOptimizer } from "../shared/optimizer_text.js";
import { createShell } from "../shared/view_shell.js";
import { palette, maxRacers } from "../shared/palette.js";
import { errorText } from "../shared/notice.js";
import { number, pair } from "../shared/format.js";
import { landscapeCursor } from "../shared/landscape_cursor.js";
import { createRacersPanel } from "./racers_panel.js";
import { createTable } from "./table.js";
import { createRulePanel } from "./rule_panel.js";
import { createLoop } from "../shared/loop.js";
import { setupCanvasInput } from "./canvas_input.js";
import { setupControls } from "./controls.js";
import { setupExport } from "./export.js";
import { cssBox } from "../shared/dom.js";

/** While playing, the chart and the rule's numbers refresh this often, or
 *  less often when the chart is slow to draw (long runs): it may take
 *  about a twentieth of the time. */
const SLOW_PANEL_MS = 100;
const SLOW_PANEL_SHARE = 20;

/** Puts the link's racers into the race; returns the problems met and,
 *  per racer, the landscape its η was suggested for (a racer the link
 *  gives no η takes the engine's suggestion; one it gives η keeps it). */
function restoreRacers(race, texts, suggest, landscape) {
  const problems = [];
  const suggested = [];
  // The state table has already named any racers past the limit.
  for (const text of texts.slice(0, maxRacers())) {
    try {
      let config = decodeOptimizer(text);
      let from = null;
      if (!("learning_rate" in config)) {
        const rate = suggest(config);
        if (rate !== null) {
          config = { ...config, learning_rate: rate };
          from = landscape;
        }
      }
      race.add_racer(config);
      suggested.push(from);
    } catch (error) {
      problems.push(`racer “${text.slice(0, 60)}” left out: ${errorText(error)}`);
    }
  }
  if (race.racer_count() === 0) {
    for (const config of DEFAULT_RACERS) {
      race.add_racer(config);
      suggested.push(null);
    }
  }
  return { problems, suggested };
}

/** The race's state table, its link's keys and rules (see ../shared/url_state.js). */
export function stateTable(descent) {
  return raceTable(descent.catalogue().landscapes.map((l) => l.name));
}

/** Mounts a race in `element`; see ../shared/view_shell.js for the contract. */
export function mount(element, initial, options = {}) {
  const shell = createShell(element, "race", options);
  const { descent, dpr } = shell;
  const catalogue = descent.catalogue();
  const refs = renderLayout(element, shell.id);
  // The live region exists before anything is said in it.
  void shell.announcer;
  const table = stateTable(descent);
  const { state, problems } = shell.readState(initial, table);

  const race = new descent.Race(state.landscape);
  const view = new descent.LandscapeView(refs.heat, refs.overlay);
  // The canvases fill the stage inside its border; size them to exactly
  // that. A box of zero size (a hidden page) is skipped: there is nothing to draw.
  const fitCanvas = () => {
    const box = cssBox(refs.heat);
    if (box.width >= 1 && box.height >= 1) view.resize(box.width, box.height, dpr());
  };
  fitCanvas();
  // Sized first, so the landscape's default window fits the real canvas.
  view.set_landscape(state.landscape);

  if (state.window) {
    try {
      view.set_window(...state.window);
    } catch (error) {
      problems.push(`window ${state.window.join(",")} not used: ${errorText(error)}`);
      state.window = null;
    }
  }
  if (state.start) {
    try {
      race.set_start(state.start[0], state.start[1]);
    } catch (error) {
      problems.push(`start ${state.start.join(",")} not used: ${errorText(error)}`);
    }
  }
  /** The engine's suggested η here, to 3 significant digits (as the
   *  slider gives rates), so the field and the link read 0.0133, not
   *  0.0133352…; null if there is none. */
  const suggest = (config) => {
    const [x, y] = race.start();
    try {
      const rate = descent.suggested_learning_rate(state.landscape, config, x, y);
      return rate === null ? null : Number(rate.toPrecision(3));
    } catch {
      return null;
    }
  };
  const restored = restoreRacers(race, state.racers, suggest, state.landscape);
  problems.push(...restored.problems);
  const count = race.racer_count();
  if (state.selected >= count) {
    problems.push(`selected=${state.selected} names no racer (there are ${count}); racer 1 is selected`);
    state.selected = 0;
  }

  let lastSlowPanels = 0;

  const session = {
    descent,
    catalogue,
    race,
    view,
    refs,
    state,
    configs: Array.from({ length: count }, (_, i) => race.summary(i).optimizer),
    /** Each racer's palette index: a racer keeps its colour when another is removed. */
    slots: Array.from({ length: count }, (_, i) => i),
    /** Per racer: the landscape its η was suggested for, or null. */
    suggested: restored.suggested,
    loop: null,
    /** The loop's last readout: {fps, stepsPerSecond, meanWorkMs, maxWorkMs, playing}. */
    readout: null,
    colors: () => session.slots.map((k) => palette()[k]),
    shell,
    /** The engine's suggested η for `config` here, from this start, or null. */
    suggest,
    /** Says a sentence through the figure's one live region. */
    announce: shell.announce,
    /** Play began: running summaries start their clock. */
    playStarted() {
      shell.announcer.hold();
    },

    /** An id no other figure's markup uses. */
    id: shell.id,
    notify: shell.notify,
    /** Keyboard shortcuts, for keys meant for this figure only. */
    onKey: shell.onKey,
    /** The address that opens this exact race. */
    link: shell.link,
    /** Writes the state into the link, soon (or now). */
    save: shell.save,
    /** A racer, its config or the selection changed. */
    changed() {
      rules.render();
      session.loop.invalidate();
      session.save();
    },
    /** The person moved the window (zoom, pan, reset view). */
    viewChanged() {
      state.window = Array.from(view.window());
      session.loop.invalidate({ panels: false });
      session.save();
    },
    startChanged() {
      controls.showStart();
      session.loop.invalidate();
      session.save();
    },
    setLandscape(name) {
      state.landscape = name;
      race.set_landscape(name);
      view.set_landscape(name);
      state.window = Array.from(view.window());
      // Rates that suit one landscape diverge or crawl on another.
      racers.suggestAll();
      session.startChanged();
      session.changed();
    },
  };

  shell.track(table, () => {
    // The window as the person left it: a window read back from a link
    // stays as the link spelled it (the engine refits it, which could
    // move the last digit on every reload).
    state.window ??= Array.from(view.window());
    state.start = Array.from(race.start());
    state.racers = session.configs.map(encodeOptimizer);
    return state;
  });

  const racers = createRacersPanel(session);
  // The table is no live region; each racer's outcome is said once.
  const tableView = createTable(session, {
    onOutcome: (text) => shell.announce(text),
    onAllFinished: () => shell.announce("every racer has finished"),
  });
  const rules = createRulePanel(session);
  const chartBox = { width: 0, height: 0 };

  let chartMs = 0;
  function drawChart() {
    if (chartBox.width < 10 || chartBox.height < 10) return;
    const t0 = performance.now();
    descent.draw_loss_chart(refs.chart, race, session.colors(), chartBox.width, chartBox.height, dpr());
    chartMs = 0.7 * chartMs + 0.3 * (performance.now() - t0);
  }

  function draw(playing, { picturesOnly = false } = {}) {
    const colors = session.colors();
    view.draw(race, colors);
    // Only the landscape changed (a zoom, a pan, the path layer still
    // painting): the table, the chart and the rule show what they showed.
    if (!picturesOnly) {
      tableView.update();
      const now = performance.now();
      if (!playing || now - lastSlowPanels >= Math.max(SLOW_PANEL_MS, SLOW_PANEL_SHARE * chartMs)) {
        lastSlowPanels = now;
        rules.update();
        drawChart();
      }
    }
    shell.frameDrawn();
  }

  session.loop = createLoop({
    race: () => race,
    draw,
    // Rounds of steps whose path segments still wait for the path layer.
    backlog: () => view.pending() / Math.max(1, race.racer_count()),
    onFinished: () => controls.showPlaying(),
    // Steps per second per racer, as the speed slider sets them: the loop
    // counts every racer's steps, so they are shared out among the racers
    // still running.
    onReadout: (readout) => {
      const { fps, stepsPerSecond, meanWorkMs, playing } = readout;
      // Kept for the bench page and tests, as the readout shows it.
      session.readout = readout;
      let running = 0;
      for (let i = 0; i < race.racer_count(); i++) if (race.summary(i).status === "running") running += 1;
      const perRacer = stepsPerSecond / Math.max(1, running);
      refs.perf.textContent = `${fps.toFixed(0)} fps · ${number(perRacer, 3)} steps/s per racer · ${meanWorkMs.toFixed(1)} ms/frame`;
      if (playing) shell.announcer.summary(summaryText);
    },
  });
  /** A running summary for the live region: the step and each racer's loss. */
  function summaryText() {
    const parts = [];
    let step = 0;
    for (let i = 0; i < race.racer_count(); i++) {
      const r = race.summary(i);
      step = Math.max(step, r.step);
      if (r.status === "running") parts.push(`racer ${i + 1} J ${number(r.loss, 3)}`);
    }
    return parts.length ? `step ${step}: ${parts.join(", ")}` : "";
  }

  const controls = setupControls(session);
  /** Moves the start, or says why the engine refused; true once moved. */
  function moveStart(x, y) {
    try {
      race.set_start(x, y);
    } catch (error) {
      shell.notify(errorText(error));
      return false;
    }
    session.startChanged();
    return true;
  }
  setupCanvasInput(session, {
    setStart(x, y) {
      moveStart(x, y);
    },
  });
  // The keyboard's way onto the landscape: a cursor, and Enter sets the start.
  landscapeCursor({
    canvas: refs.overlay,
    stage: refs.stage,
    toWorld: (px, py) => view.to_world(px, py),
    current: () => Array.from(race.start()),
    set([x, y]) {
      if (moveStart(x, y)) shell.announce(`start set at ${pair([x, y])}`, { key: "cursor" });
    },
    describe(px, py) {
      const h = view.hover(px, py);
      return h ? `x = ${number(h.x)}, y = ${number(h.y)}, J = ${number(h.loss)}` : "";
    },
    announce: shell.announce,
  });
  setupExport(session);
  refs.csv.after(
    shell.kerasCode({
      lead: "The race on screen: every racer, each slider move, the steps run so far.",
      runs: () => [{ label: "The race", spec: race.keras_spec(), filename: `descent_race_${race.landscape()}.py` }],
    }),
  );

  racers.render();
  rules.render();
  controls.showStart();

  // Canvases follow their boxes, sharp at any devicePixelRatio.
  shell.watchSize(
    [refs.stage, refs.chartBox],
    () => {
      fitCanvas();
      const chart = cssBox(refs.chart);
      chartBox.width = chart.width;
      chartBox.height = chart.height;
      drawChart();
      session.loop.invalidate();
    },
    { defer: false },
  );

  shell.reportProblems(problems);
  session.save({ now: true });
  // The first frame now, not one animation frame later.
  const chart = cssBox(refs.chart);
  chartBox.width = chart.width;
  chartBox.height = chart.height;
  session.loop.drawNow();
  session.loop.start();
  shell.expose(session);
  shell.controls({
    buttons: { play: refs.play, step: refs.step, reset: refs.reset, random_start: refs.random },
    playing: () => session.loop.playing,
  });

  return shell.handle(() => {
    session.loop.stop();
    race.free?.();
    view.free?.();
  });
}
