// The LR range test: run the engine's sweep for the lab's landscape,
// optimizer, schedule and start, draw it, and load a clicked rate into
// "yours". The engine checks every field; its message names the bad one.
//
// The chart takes focus too: ← and → (Home, End) pick a swept rate, which
// a line on the chart and the sentence under it show, and Enter loads it.
// The progress readout changes every frame of a sweep, so it is plain
// text; the result is said once through the figure's live region.

import { parseNumber } from "../shared/parse.js";
import { number } from "../shared/format.js";
import { inlineMessage, errorText } from "../shared/notice.js";
import { YOURS } from "./panels.js";
import { measureInto, pointerAt } from "../shared/dom.js";
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
    parts.push("Click the chart to load a rate into “yours”, or focus it and pick one with ← → and Enter.");
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
    pick(null);
    session.announce(`sweep done: ${refs.sweepSummary.textContent.replace(/ Click the chart.*$/, "")}`);
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
    if (chart.is_running()) {
      stop("stopped");
      session.announce("sweep stopped");
    } else run();
  }

  // Picking a swept rate by keyboard: its index in the last result.
  let picked = null;
  function describe(k) {
    const r = last.result;
    const rate = r.learning_rates[k];
    const loss = r.diverged[k] ? "diverged" : `final loss ${number(r.final_loss[k], 3)}`;
    const steps = r.steps_to_converge[k] >= 0 ? `, converged in ${r.steps_to_converge[k]} steps` : "";
    return `η = ${number(rate, 3)} (${k + 1} of ${r.learning_rates.length}): ${loss}${steps}. Enter loads it into “yours”.`;
  }
  /** Shows the picked rate k (null: none) on the chart and under it. */
  function pick(k) {
    picked = last && k !== null ? Math.max(0, Math.min(last.result.learning_rates.length - 1, k)) : null;
    const x = picked === null ? null : chart.pixel_of(last.result.learning_rates[picked]);
    refs.sweepMark.hidden = x === null;
    if (x !== null) refs.sweepMark.style.left = `${x}px`;
    refs.sweepPick.textContent = picked === null ? "" : describe(picked);
  }
  /** The swept rate nearest "yours", where the keyboard starts. */
  function nearestYours() {
    const rates = last.result.learning_rates;
    const yours = Math.log(lab.learning_rates()[YOURS]);
    let best = 0;
    rates.forEach((r, k) => {
      if (Math.abs(Math.log(r) - yours) < Math.abs(Math.log(rates[best]) - yours)) best = k;
    });
    return best;
  }
  refs.sweepChart.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || !last) return;
    const n = last.result.learning_rates.length;
    const from = picked ?? nearestYours();
    const moves = { ArrowLeft: from - 1, ArrowRight: from + 1, ArrowDown: from - 1, ArrowUp: from + 1, Home: 0, End: n - 1, PageUp: from + 10, PageDown: from - 10 };
    if (event.key in moves) {
      event.preventDefault();
      pick(picked === null && !["Home", "End"].includes(event.key) ? from : moves[event.key]);
      session.announce(refs.sweepPick.textContent, { key: "pick" });
    } else if (event.key === "Enter" && picked !== null) {
      event.preventDefault();
      const rate = last.result.learning_rates[picked];
      if (session.panels.setRate(YOURS, rate)) {
        draw();
        session.announce(`η = ${number(rate, 3)} loaded into yours`, { key: "pick" });
      }
    } else if (event.key === "Escape" && picked !== null) {
      event.preventDefault();
      pick(null);
    }
  });
  refs.sweepChart.addEventListener("blur", () => pick(null));

  refs.sweepRun.addEventListener("click", toggle);
  for (const f of FIELDS) {
    refs[f].addEventListener("keydown", (event) => {
      if (event.key === "Enter") run();
    });
  }
  refs.sweepChart.addEventListener("click", (event) => {
    const rate = chart.learning_rate_at(...pointerAt(refs.sweepChart, event));
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
      measureInto(box, refs.sweepChart);
      draw();
      // The picked rate's line moves with the axis.
      pick(picked);
    },
    /** The lab changed: the old sweep no longer describes it. */
    stale() {
      if (chart.is_running()) stop("stopped: the settings changed");
      if (!chart.has_result()) return;
      chart.clear();
      last = null;
      pick(null);
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
