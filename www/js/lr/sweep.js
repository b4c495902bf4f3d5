// The LR range test: run the engine's sweep for the lab's landscape,
// optimizer, schedule and start, draw it, and load a clicked rate into
// "yours". The engine checks every field; its message names the bad one.

import { parseNumber } from "../shared/parse.js";
import { number } from "../shared/format.js";
import { inlineMessage, errorText } from "../shared/notice.js";
import { YOURS } from "./panels.js";
import { sweepProblem } from "./state.js";

const FIELDS = ["sweepFrom", "sweepTo", "sweepCount", "sweepSteps"];
const NAMES = ["From", "To", "Rates", "Steps each"];

export function createSweep(session) {
  const { refs, descent, lab, state, dpr } = session;
  const chart = new descent.SweepChart();
  const message = inlineMessage(refs.sweepMessage);
  const box = { width: 0, height: 0 };
  let last = null;

  function showFields() {
    FIELDS.forEach((f, k) => (refs[f].value = String(state.sweep[k])));
  }
  showFields();

  function draw() {
    if (box.width < 10 || box.height < 10) return;
    chart.draw(refs.sweepChart, box.width, box.height, dpr(), lab.learning_rates()[YOURS]);
  }

  function summarize(result, ms) {
    const parts = [`${result.learning_rates.length} rates × ${state.sweep[3]} steps in ${ms.toFixed(0)} ms.`];
    if (result.best_learning_rate !== null) parts.push(`Best: η = ${number(result.best_learning_rate, 3)}.`);
    else parts.push("No rate avoided divergence.");
    if (result.divergence_edge !== null) parts.push(`Runs diverge from η ≈ ${number(result.divergence_edge, 4)}.`);
    else parts.push("No rate in this range diverges.");
    if (result.theoretical_edge !== null) parts.push(`Theory for this quadratic: 2/λ_max = ${number(result.theoretical_edge, 4)}.`);
    parts.push("Click the chart to load a rate into “yours”.");
    refs.sweepSummary.textContent = parts.join(" ");
  }

  // A sweep runs a slice per animation frame (the engine stops near the
  // budget), so even 500 rates × 100,000 steps never freeze the page.
  const FRAME_BUDGET_MS = 8;
  let frame = 0;

  function setRunning(running) {
    refs.sweepRun.textContent = running ? "Stop sweep" : "Run sweep";
    refs.sweepRun.classList.toggle("primary", !running);
  }

  function stop(text = "") {
    cancelAnimationFrame(frame);
    frame = 0;
    chart.cancel();
    setRunning(false);
    refs.sweepProgress.textContent = text;
  }

  function tick() {
    frame = 0;
    let progress;
    try {
      progress = chart.advance(FRAME_BUDGET_MS);
    } catch (error) {
      message.show(errorText(error));
      stop();
      return;
    }
    if (progress === null) return stop(); // cleared under us
    if (!progress.done) {
      refs.sweepProgress.textContent = `Sweeping… ${progress.runs_done} / ${progress.runs} rates`;
      frame = requestAnimationFrame(tick);
      return;
    }
    const { ms, result } = progress;
    last = { ms, result };
    setRunning(false);
    refs.sweepProgress.textContent = `done in ${ms.toFixed(0)} ms`;
    summarize(result, ms);
    draw();
  }

  function run() {
    const values = FIELDS.map((f) => parseNumber(refs[f].value));
    const bad = values.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) {
      message.show(`${NAMES[bad]}: “${refs[FIELDS[bad]].value.slice(0, 30)}” is not a number.`);
      return;
    }
    const problem = sweepProblem(values, session.catalogue.limits);
    if (problem) {
      message.show(problem);
      return;
    }
    stop();
    try {
      chart.start(lab, ...values);
    } catch (error) {
      message.show(errorText(error));
      return;
    }
    message.clear();
    state.sweep = values;
    session.save();
    setRunning(true);
    refs.sweepProgress.textContent = "Sweeping…";
    frame = requestAnimationFrame(tick);
  }

  function toggle() {
    if (chart.is_running()) stop("stopped");
    else run();
  }

  refs.sweepRun.addEventListener("click", toggle);
  for (const f of FIELDS) {
    refs[f].addEventListener("keydown", (event) => {
      if (event.key === "Enter") run();
    });
  }
  refs.sweepChart.addEventListener("click", (event) => {
    const r = refs.sweepChart.getBoundingClientRect();
    const rate = chart.learning_rate_at(event.clientX - r.left, event.clientY - r.top);
    if (rate === null) return;
    session.panels.setRate(YOURS, rate);
  });

  return {
    chart,
    get last() {
      return last;
    },
    run,
    draw,
    fit() {
      const r = refs.sweepChart.getBoundingClientRect();
      box.width = r.width;
      box.height = r.height;
      draw();
    },
    /** The lab changed: the old sweep no longer describes it. */
    stale() {
      if (chart.is_running()) stop("stopped: the settings changed");
      if (!chart.has_result()) return;
      chart.clear();
      last = null;
      refs.sweepSummary.textContent = "The settings changed: run the sweep again.";
      refs.sweepProgress.textContent = "";
      draw();
    },
    destroy() {
      stop();
      chart.free?.();
    },
  };
}
