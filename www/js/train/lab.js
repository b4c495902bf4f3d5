// The mini-batch lab: full batch (B = N), SGD (B = 1) and a mini-batch
// (B = k) walk linear regression's exact loss from one start; beside them,
// the cloud of mini-batch gradients at the current point, their variance
// against B, and the wall time per epoch against B, measured here.

import { createLoop } from "../shared/loop.js";
import { setupForm } from "./controls.js";
import { number } from "../shared/format.js";
import { errorText } from "../shared/notice.js";

/** B = N, B = 1, B = k: blue, vermillion, bluish green (Okabe–Ito). */
const RUN_COLOURS = ["#0072B2", "#D55E00", "#009E73"];
/** The batch sizes whose epoch time is measured. */
const TIMED_BATCHES = [1, 2, 4, 8, 16, 32, 64, 128, 256, 500];
/** Each batch size trains for at least this long, so the timer's grain does not matter. */
const TIMING_MS = 24;
const PLOTS_MS = 120;

export function createLab({ descent, refs, fields, state, table, save, dpr, frameDrawn }) {
  let lab = null;
  let boxes = new Map();
  let times = null;
  let timing = null;
  let lastPlots = 0;
  let started = false;

  function build(s) {
    try {
      return { lab: new descent.MiniBatchLab(refs.labHeat, refs.labOverlay, s.lab_n, s.lab_noise, Math.min(s.lab_k, s.lab_n), s.lab_lr, s.data_seed) };
    } catch (error) {
      return { error: errorText(error) };
    }
  }

  function fit() {
    const box = boxes.get(refs.labBox);
    if (lab && box && box.width >= 1 && box.height >= 1) lab.resize(box.width, box.height, dpr());
  }

  function legend() {
    if (!lab) return;
    // N and k as the lab runs them, not as the fields hold them.
    const n = lab.samples();
    const k = lab.batch_size();
    refs.labLegend.replaceChildren();
    [`full batch, B = N = ${n}`, "SGD, B = 1", `mini-batch, B = k = ${k}`].forEach((text, i) => {
      const item = document.createElement("span");
      const swatch = document.createElement("span");
      swatch.className = "swatch";
      swatch.style.setProperty("--racer-color", RUN_COLOURS[i]);
      item.append(swatch, text);
      refs.labLegend.append(item);
    });
  }

  function measureTimes() {
    // One batch size per task, so the page stays responsive while it measures.
    if (times) return;
    const measured = [];
    // The first calls run on the browser's baseline compiler; warm up first.
    let i = -1;
    const next = () => {
      if (i >= TIMED_BATCHES.length) {
        times = measured;
        timing = null;
        loop.invalidate();
        return;
      }
      if (i < 0) descent.time_epoch(16, 3 * TIMING_MS);
      else measured.push(descent.time_epoch(TIMED_BATCHES[i], TIMING_MS));
      i += 1;
      timing = setTimeout(next, 0);
    };
    // After the lab's first frames, which draw the landscape, are done.
    timing = setTimeout(next, 400);
  }

  function size(box) {
    return boxes.get(box) ?? { width: 0, height: 0 };
  }

  function drawPlots() {
    const c = size(refs.cloudBox);
    if (c.width >= 10 && c.height >= 10) {
      const cloud = lab.draw_cloud(refs.cloud, RUN_COLOURS[2], c.width, c.height, dpr());
      refs.varianceMeasured.textContent = number(cloud.variance);
      refs.varianceExact.textContent = number(cloud.variance_exact);
      refs.varianceSgd.textContent = number(cloud.variance_sgd);
      refs.cloud.dataset.variance = String(cloud.variance);
      refs.cloud.dataset.batch = String(cloud.batch_size);
      refs.cloudTitle.textContent = `Mini-batch gradients around ∇J (B = ${cloud.batch_size})`;
    }
    const v = size(refs.varianceBox);
    if (v.width >= 10 && v.height >= 10) lab.draw_variance(refs.variance, RUN_COLOURS[2], v.width, v.height, dpr());
    const t = size(refs.timesBox);
    if (t.width >= 10 && t.height >= 10) {
      const shown = times ?? [];
      descent.draw_epoch_times(refs.times, TIMED_BATCHES.slice(0, shown.length), shown, "#0072B2", t.width, t.height, dpr());
      refs.times.dataset.ms = shown.join(",");
    }
  }

  function updateTable() {
    const runs = lab.summary();
    const names = ["B = N", "B = 1", "B = k"];
    refs.labBody.replaceChildren();
    runs.forEach((r, i) => {
      const tr = document.createElement("tr");
      const th = document.createElement("th");
      th.scope = "row";
      const swatch = document.createElement("span");
      swatch.className = "swatch";
      swatch.style.setProperty("--racer-color", RUN_COLOURS[i]);
      th.append(swatch, `${names[i]} (${r.batch_size})`);
      tr.append(th);
      for (const text of [String(r.steps), number(r.epochs, 3), r.diverged ? "diverged" : number(r.loss)]) {
        const td = document.createElement("td");
        td.textContent = text;
        tr.append(td);
      }
      refs.labBody.append(tr);
    });
  }

  function draw(playing) {
    if (!lab) return;
    lab.draw(RUN_COLOURS);
    const now = performance.now();
    if (!playing || now - lastPlots >= PLOTS_MS) {
      lastPlots = now;
      drawPlots();
      updateTable();
    }
    frameDrawn();
  }

  const loop = createLoop({
    race: () => lab,
    draw,
    onFinished: () => loop.invalidate(),
    onReadout: ({ fps, stepsPerSecond, meanWorkMs }) => {
      if (state.panel !== "lab") return;
      refs.perf.textContent = `${fps.toFixed(0)} fps · ${number(stepsPerSecond, 3)} steps/s · ${meanWorkMs.toFixed(1)} ms/frame`;
    },
  });

  function rebuild(candidate) {
    const next = build(candidate);
    if (next.error) return next.error;
    lab?.free?.();
    lab = next.lab;
    fit();
    loop.invalidate();
    return null;
  }

  const labFields = Object.fromEntries(Object.entries(fields).filter(([name]) => name.startsWith("lab_")));
  const form = setupForm({
    fields: labFields,
    refs: {},
    table,
    state,
    options: {},
    messageSlot: refs.labMessage,
    apply(changes) {
      const candidate = { ...state, ...changes };
      if (candidate.lab_k > candidate.lab_n) {
        return `Mini-batch size k: must be at most N = ${candidate.lab_n}, got ${candidate.lab_k}; kept ${state.lab_k}.`;
      }
      const keys = Object.keys(changes);
      try {
        if (keys.length === 1 && keys[0] === "lab_k" && lab) lab.set_batch(changes.lab_k);
        else if (keys.length === 1 && keys[0] === "lab_lr" && lab) lab.set_learning_rate(changes.lab_lr);
        else {
          const problem = rebuild(candidate);
          if (problem) return problem;
        }
      } catch (error) {
        return errorText(error);
      }
      Object.assign(state, candidate);
      legend();
      loop.invalidate();
      save();
      return null;
    },
  });

  return {
    loop,
    start() {
      if (!started) {
        started = true;
        if (state.lab_k > state.lab_n) {
          form.refuse(`Mini-batch size k: ${state.lab_k} is more than N = ${state.lab_n}; using k = N.`, fields.lab_k);
          state.lab_k = state.lab_n;
          form.show();
          save();
        }
        let first = build(state);
        if (first.error) {
          form.refuse(`${first.error}; the lab's defaults stand in`, fields.lab_n);
          Object.assign(state, { lab_n: 100, lab_noise: 0.5, lab_k: 10, lab_lr: 0.1 });
          form.show();
          first = build(state);
        }
        lab = first.lab;
        legend();
        fit();
      }
      measureTimes();
      loop.start();
      loop.invalidate();
    },
    stop() {
      loop.pause();
      loop.stop();
    },
    step() {
      lab?.advance(1);
      loop.invalidate();
    },
    reset() {
      loop.pause();
      lab?.reset();
      loop.invalidate();
    },
    playFromEnd() {
      if (lab?.all_finished()) lab.reset();
    },
    resized(all) {
      boxes = all;
      fit();
      loop.invalidate();
    },
    get handle() {
      return lab;
    },
    destroy() {
      loop.stop();
      clearTimeout(timing);
      lab?.free?.();
    },
  };
}
