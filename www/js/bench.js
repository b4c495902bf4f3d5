// The bench page: the performance targets, measured in this browser
// through the wasm API the app uses.
//
//   heatmap   a full 800×800 heatmap recompute (bench_heatmap)
//   race      8 Adam racers at 1,000 steps per second each, animated for a
//             few hundred frames: each frame's own work (advance + draw), mean
//             and 95th percentile, and the frame rate achieved
//   engine    bench_race: 8 racers × 1,000 steps with no drawing
//   load      the app's first frame after navigation, in a fresh iframe
//   size      the wasm, gzipped in the browser with CompressionStream
//
// `bench.html?case=long-paths` runs the hard race case instead (see
// ./bench_long_paths.js): the app itself with 8 racers whose paths wander.
//
// Results go into the table, into window.__bench, and the page sets
// data-ready when done, so tests/e2e/bench.test.mjs can collect them.

import { loadEngine } from "./wasm.js";
import { palette } from "./shared/palette.js";
import { showFatal, errorText } from "./shared/notice.js";
import { renderNav } from "./views.js";
import { longPaths } from "./bench_long_paths.js";

const FRAMES = 300;
const STEPS_PER_SECOND = 1000;
const RACERS = 8;

renderNav(document.getElementById("nav"), { page: "index.html" });

const rows = document.getElementById("bench-results");
const status = document.getElementById("bench-status");

function report(name, value, unit, target, met) {
  const tr = document.createElement("tr");
  for (const text of [name, `${value} ${unit}`, target, met === null ? "–" : met ? "yes" : "NO"]) {
    const td = document.createElement("td");
    td.textContent = text;
    tr.append(td);
  }
  rows.append(tr);
}

const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));

/** The 95th percentile of a list of times. */
function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function raceFrames(descent) {
  const heat = document.getElementById("bench-heat");
  const overlay = document.getElementById("bench-overlay");
  const view = new descent.LandscapeView(heat, overlay);
  const box = heat.getBoundingClientRect();
  view.resize(box.width, box.height, window.devicePixelRatio || 1);
  view.set_landscape("rosenbrock");
  const race = new descent.Race("rosenbrock");
  // Small, different rates: none finishes within the benchmark, so every
  // frame does the full work of 8 live racers with growing paths.
  for (let i = 0; i < RACERS; i++) race.add_racer({ name: "adam", learning_rate: 0.0005 * (i + 1) });
  const colors = palette().slice(0, RACERS);
  view.draw(race, colors); // the first frame includes the heatmap; not counted

  const work = [];
  let owed = 0;
  let last = await nextFrame();
  const t0 = last;
  for (let frame = 0; frame < FRAMES; frame++) {
    const now = await nextFrame();
    owed += (STEPS_PER_SECOND * (now - last)) / 1000;
    last = now;
    const start = performance.now();
    const n = Math.floor(owed);
    owed -= n;
    if (n > 0) race.advance(n);
    view.draw(race, colors);
    work.push(performance.now() - start);
  }
  const seconds = (last - t0) / 1000;
  const steps = race.summary(0).step;
  const finished = race.all_finished();
  race.free();
  view.free();
  return {
    mean: work.reduce((a, b) => a + b, 0) / work.length,
    p95: percentile(work, 95),
    max: Math.max(...work),
    fps: FRAMES / seconds,
    stepsPerRacer: steps,
    finished,
  };
}

async function firstFrame() {
  const frame = document.createElement("iframe");
  frame.title = "The app, loading";
  frame.width = "1280";
  frame.height = "720";
  frame.style.position = "absolute";
  frame.style.left = "-10000px";
  frame.src = "index.html#race";
  document.body.append(frame);
  const deadline = performance.now() + 20000;
  while (performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const ms = frame.contentWindow?.__firstFrameMs;
    if (typeof ms === "number") {
      frame.remove();
      return ms;
    }
  }
  frame.remove();
  throw new Error("the app did not draw a first frame within 20 s");
}

async function gzippedWasm() {
  const response = await fetch(new URL("../pkg/descent_bg.wasm", import.meta.url));
  const raw = (await response.clone().arrayBuffer()).byteLength;
  const gzipped = await new Response(response.body.pipeThrough(new CompressionStream("gzip"))).arrayBuffer();
  return { raw, gzipped: gzipped.byteLength };
}

async function longPathsCase() {
  const results = { userAgent: navigator.userAgent, cores: navigator.hardwareConcurrency, devicePixelRatio: window.devicePixelRatio };
  document.getElementById("bench-machine").textContent =
    `${navigator.userAgent} · ${navigator.hardwareConcurrency} logical cores · devicePixelRatio ${window.devicePixelRatio}`;
  status.textContent = "Long wandering paths: racing, pausing, rebuilding…";
  document.querySelector(".bench-stage").hidden = true;
  Object.assign(results, await longPaths(document.querySelector("main.bench")));
  const { racing, pause, rebuild } = results;
  const ms = (x) => x.toFixed(1);
  report(`Frames per second, ${results.racers} SGD racers on rastrigin at 10⁵ steps/s`, racing.fps.toFixed(1), "fps", "≥ 50 fps", racing.fps >= 50);
  report("Frame work while racing, mean (p95)", `${ms(racing.work.mean)} (${ms(racing.work.p95)})`, "ms", "< 16 ms", racing.work.mean < 16);
  report(`Steps per racer per second, over ${racing.seconds.toFixed(1)} s of racing`, racing.stepsPerRacerPerSecond.toFixed(0), "steps/s", "–", null);
  report(`Pause click to paused frame, median of ${pause.count} (worst)`, `${ms(pause.median)} (${ms(pause.max)})`, "ms", "< 100 ms", pause.max < 100);
  report(
    `Rebuild after a zoom, ${results.racers} × ${rebuild.points.toLocaleString("en")} points: frames (worst frame)`,
    `${rebuild.frames} in ${ms(rebuild.ms)} ms (${ms(rebuild.work.max)})`,
    "",
    "< 50 ms a frame, or spread over frames",
    rebuild.work.max < 50,
  );
  return results;
}

async function main() {
  if (new URLSearchParams(location.search).get("case") === "long-paths") {
    await loadEngine();
    window.__bench = await longPathsCase();
    status.textContent = "Done.";
    document.documentElement.dataset.ready = "true";
    return;
  }
  const descent = await loadEngine();
  const results = { userAgent: navigator.userAgent, cores: navigator.hardwareConcurrency, devicePixelRatio: window.devicePixelRatio };
  document.getElementById("bench-machine").textContent =
    `${navigator.userAgent} · ${navigator.hardwareConcurrency} logical cores · devicePixelRatio ${window.devicePixelRatio}`;

  status.textContent = "Heatmap…";
  await nextFrame();
  descent.bench_heatmap(800, 800, 2); // warm up
  results.heatmap800Ms = descent.bench_heatmap(800, 800, 10);
  report("Heatmap recompute, 800×800", results.heatmap800Ms.toFixed(1), "ms", "< 50 ms", results.heatmap800Ms < 50);

  status.textContent = "Race frames…";
  results.race = await raceFrames(descent);
  const r = results.race;
  report(`Frame work, ${RACERS} racers × ${STEPS_PER_SECOND} steps/s (mean of ${FRAMES})`, r.mean.toFixed(2), "ms", "< 8 ms", r.mean < 8);
  report("Frame work, 95th percentile", r.p95.toFixed(2), "ms", "< 8 ms", r.p95 < 8);
  report("Frame work, worst frame", r.max.toFixed(2), "ms", "–", null);
  report("Frames per second during the race", r.fps.toFixed(1), "fps", "≈ 60 (the display's rate)", r.fps > 55);

  results.engine8x1000Ms = descent.bench_race(RACERS, 1000);
  report(`Engine only: ${RACERS} Adam racers × 1,000 steps`, results.engine8x1000Ms.toFixed(2), "ms", "–", null);

  status.textContent = "First frame…";
  results.firstFrameMs = await firstFrame();
  report("First frame after load (localhost, iframe)", results.firstFrameMs.toFixed(0), "ms", "< 300 ms", results.firstFrameMs < 300);

  status.textContent = "Wasm size…";
  results.wasm = await gzippedWasm();
  report("Wasm, gzipped", (results.wasm.gzipped / 1024).toFixed(1), `KiB (${(results.wasm.raw / 1024).toFixed(0)} KiB raw)`, "< 400 KB", results.wasm.gzipped < 400_000);

  // Training throughput (the training view's helper): sample-updates per
  // second, 2-8-8-1 on 500 points, the spec of `cargo bench --bench training`,
  // at each batch size for both activations. The target is judged at
  // TF Playground's defaults (tanh, batch 10).
  status.textContent = "Training…";
  await nextFrame();
  descent.bench_training("tanh", 10, 200); // warm up
  const training = {};
  for (const activation of ["tanh", "relu"]) {
    training[activation] = {};
    for (const batch of [1, 10, 32, 500]) {
      training[activation][batch] = descent.bench_training(activation, batch, 800);
      await nextFrame();
    }
  }
  results.trainingSampleUpdatesPerSecond = training;
  const m = (x) => (x / 1e6).toFixed(2);
  for (const batch of [1, 10, 32, 500]) {
    const tanh = training.tanh[batch];
    const judged = batch === 10;
    report(
      `Training, 2-8-8-1 on 500 points, B = ${batch}: tanh (relu)`,
      `${m(tanh)} (${m(training.relu[batch])})`,
      "M sample-updates/s",
      judged ? "≥ 3.5 M/s (TF Playground's tanh, B = 10)" : "–",
      judged ? tanh >= 3.5e6 : null,
    );
  }

  window.__bench = results;
  status.textContent = "Done.";
  document.documentElement.dataset.ready = "true";
}

main().catch((error) => {
  showFatal(`The benchmark failed: ${errorText(error)}`);
  console.error(error);
});
