// The optimizer race view: racers share a start point on a landscape, each
// with its own optimizer and learning rate, and their paths are drawn live.
//
// This module owns the session (the engine's Race and LandscapeView, the
// racers' configs and the view state), restores it from the link, writes it
// back, and hands each part of the page its job.

import { renderLayout } from "./layout.js";
import { stateTable, DEFAULT_RACERS } from "./state.js";
import { encodeOptimizer, decodeOptimizer } from "../shared/optimizer_text.js";
import { decode, encode } from "../shared/url_state.js";
import { PALETTE, MAX_RACERS } from "../shared/palette.js";
import { notify, errorText } from "../shared/notice.js";
import { number } from "../shared/format.js";
import { createRacersPanel } from "./racers_panel.js";
import { createTable } from "./table.js";
import { createRulePanel } from "./rule_panel.js";
import { createLoop } from "../shared/loop.js";
import { setupCanvasInput } from "./canvas_input.js";
import { setupControls } from "./controls.js";
import { setupExport } from "./export.js";

const SAVE_DELAY_MS = 300;
/** While playing, the chart and the rule's numbers refresh this often. */
const SLOW_PANEL_MS = 100;

/** Puts the link's racers into the race; returns the problems met. */
function restoreRacers(race, texts) {
  const problems = [];
  if (texts.length > MAX_RACERS) problems.push(`only ${MAX_RACERS} racers fit; the rest were left out`);
  for (const text of texts.slice(0, MAX_RACERS)) {
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

export function mount(root, params, app) {
  const { descent } = app;
  const catalogue = descent.catalogue();
  const refs = renderLayout(root);
  const table = stateTable(catalogue.landscapes.map((l) => l.name));
  const { state, problems } = decode(params, table);

  const race = new descent.Race(state.landscape);
  const view = new descent.LandscapeView(refs.heat, refs.overlay);
  const dpr = () => window.devicePixelRatio || 1;
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
  if (state.selected >= count) state.selected = 0;

  let saveTimer = null;
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
    colors: () => session.slots.map((k) => PALETTE[k]),

    /** Writes the state into the link, soon (or now). */
    save({ now = false } = {}) {
      clearTimeout(saveTimer);
      const write = () => {
        // The window as the person left it: a window read back from a link
        // stays as the link spelled it (the engine refits it, which could
        // move the last digit on every reload).
        state.window ??= Array.from(view.window());
        state.start = Array.from(race.start());
        state.racers = session.configs.map(encodeOptimizer);
        app.saveState(encode(state, table));
      };
      if (now) write();
      else saveTimer = setTimeout(write, SAVE_DELAY_MS);
    },
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
    app.frameDrawn();
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
        notify(errorText(error));
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
  const observer = new ResizeObserver(() => {
    fitCanvas();
    const chart = refs.chart.getBoundingClientRect();
    chartBox.width = chart.width;
    chartBox.height = chart.height;
    drawChart();
    session.loop.invalidate();
  });
  observer.observe(refs.stage);
  observer.observe(refs.chartBox);
  // Moving the window to a screen with another pixel ratio changes no CSS
  // size, so the observer stays quiet; a media query on the ratio does not.
  let ratioQuery = null;
  const onRatioChange = () => {
    fitCanvas();
    drawChart();
    session.loop.invalidate();
    watchRatio();
  };
  const watchRatio = () => {
    ratioQuery = matchMedia(`(resolution: ${dpr()}dppx)`);
    ratioQuery.addEventListener("change", onRatioChange, { once: true });
  };
  watchRatio();

  if (problems.length) {
    notify("Some settings in this link could not be used, so defaults stand in:", { sticky: true, details: problems });
  }
  session.save({ now: true });
  // The first frame now, not one animation frame later.
  const chart = refs.chart.getBoundingClientRect();
  chartBox.width = chart.width;
  chartBox.height = chart.height;
  session.loop.drawNow();
  session.loop.start();

  // For tests and the console: the live session, read-only by convention.
  window.__race = session;

  return {
    unmount() {
      session.loop.stop();
      observer.disconnect();
      ratioQuery?.removeEventListener("change", onRatioChange);
      controls.destroy();
      clearTimeout(saveTimer);
      race.free?.();
      view.free?.();
      if (window.__race === session) delete window.__race;
    },
  };
}
