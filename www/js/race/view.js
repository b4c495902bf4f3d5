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
import { number } from "../shared/format.js";
import { createRacersPanel } from "./racers_panel.js";
import { createTable } from "./table.js";
import { createRulePanel } from "./rule_panel.js";
import { createLoop } from "../shared/loop.js";
import { setupCanvasInput } from "./canvas_input.js";
import { setupControls } from "./controls.js";
import { setupExport } from "./export.js";

/** While playing, the chart and the rule's numbers refresh this often. */
const SLOW_PANEL_MS = 100;

/** Puts the link's racers into the race; returns the problems met. */
function restoreRacers(race, texts) {
  const problems = [];
  // The state table has already named any racers past the limit.
  for (const text of texts.slice(0, maxRacers())) {
    try {
      race.add_racer(decodeOptimizer(text));
    } catch (error) {
      problems.push(`racer “${text.slice(0, 60)}” left out: ${errorText(error)}`);
    }
  }
  if (race.racer_count() === 0) {
    for (const config of DEFAULT_RACERS) race.add_racer(config);
  }
  return problems;
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
  const table = stateTable(descent);
  const { state, problems } = shell.readState(initial, table);

  const race = new descent.Race(state.landscape);
  const view = new descent.LandscapeView(refs.heat, refs.overlay);
  // The canvases fill the stage inside its border; size them to exactly
  // that. A box of zero size (a hidden page) is skipped: there is nothing to draw.
  const fitCanvas = () => {
    const box = refs.heat.getBoundingClientRect();
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
  problems.push(...restoreRacers(race, state.racers));
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
    loop: null,
    colors: () => session.slots.map((k) => palette()[k]),

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
      session.loop.invalidate();
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
      session.startChanged();
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
  const tableView = createTable(session);
  const rules = createRulePanel(session);
  const chartBox = { width: 0, height: 0 };

  function drawChart() {
    if (chartBox.width < 10 || chartBox.height < 10) return;
    descent.draw_loss_chart(refs.chart, race, session.colors(), chartBox.width, chartBox.height, dpr());
  }

  function draw(playing) {
    const colors = session.colors();
    view.draw(race, colors);
    tableView.update();
    const now = performance.now();
    if (!playing || now - lastSlowPanels >= SLOW_PANEL_MS) {
      lastSlowPanels = now;
      rules.update();
      drawChart();
    }
    shell.frameDrawn();
  }

  session.loop = createLoop({
    race: () => race,
    draw,
    onFinished: () => controls.showPlaying(),
    // Steps per second count every racer's steps: the engine's real load.
    onReadout: ({ fps, stepsPerSecond, meanWorkMs }) => {
      refs.perf.textContent = `${fps.toFixed(0)} fps · ${number(stepsPerSecond, 3)} steps/s · ${meanWorkMs.toFixed(1)} ms/frame`;
    },
  });
  const controls = setupControls(session);
  setupCanvasInput(session, {
    setStart(x, y) {
      try {
        race.set_start(x, y);
      } catch (error) {
        shell.notify(errorText(error));
        return;
      }
      session.startChanged();
    },
  });
  setupExport(session);

  racers.render();
  rules.render();
  controls.showStart();

  // Canvases follow their boxes, sharp at any devicePixelRatio.
  shell.watchSize(
    [refs.stage, refs.chartBox],
    () => {
      fitCanvas();
      const chart = refs.chart.getBoundingClientRect();
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
  const chart = refs.chart.getBoundingClientRect();
  chartBox.width = chart.width;
  chartBox.height = chart.height;
  session.loop.drawNow();
  session.loop.start();
  shell.expose(session);

  return shell.handle(() => {
    session.loop.stop();
    race.free?.();
    view.free?.();
  });
}
