// The learning-rate view, driven as a student drives it: watch the three
// presets and "yours", move the slider, run the sweep and click it, pick a
// schedule, type bad values, reload the link. Every test fails on any
// console error and saves a screenshot of the state it checked.

import { test } from "node:test";
import assert from "node:assert/strict";
import { useApp } from "./harness.mjs";

const app = useApp();

/** The four outcome lines: `{outcome, text}` per panel. */
function outcomes(page) {
  return page.$$eval(".lr-outcome", (lines) => lines.map((p) => ({ outcome: p.dataset.outcome, text: p.textContent })));
}

/** Plays until every panel has finished. */
async function playToEnd(page, timeout = 30_000) {
  await page.getByRole("button", { name: "Play" }).click();
  await page.waitForFunction(() => window.__lr.lab.all_finished(), null, { timeout });
}

async function open(hash = "#lr") {
  const view = await app.openReady(`/${hash}`);
  return view;
}

test("the four panels show the lecture's three outcomes", async () => {
  const view = await open("#lr?speed=100000");
  const page = view.page;
  await playToEnd(page);
  const o = await outcomes(page);
  assert.equal(o.length, 4);
  assert.equal(o[0].outcome, "local_minimum", o[0].text);
  assert.match(o[0].text, /^stuck in a local minimum at loss 0\.614/);
  assert.equal(o[1].outcome, "global_minimum", o[1].text);
  assert.match(o[1].text, /^converged to the global minimum in \d+ steps$/);
  assert.equal(o[2].outcome, "diverged", o[2].text);
  assert.match(o[2].text, /^diverged at step \d+$/);
  assert.equal(new Set(o.slice(0, 3).map((x) => x.outcome)).size, 3);
  await page.waitForTimeout(200);
  await view.finish("lr-panels");
});

test("moving the slider changes the yours outcome", async () => {
  const view = await open("#lr?speed=100000");
  const page = view.page;
  await playToEnd(page);
  const before = (await outcomes(page))[3];
  assert.equal(before.outcome, "local_minimum", before.text);
  const slider = page.getByRole("slider", { name: "Learning rate", exact: true });
  // Position 470 of the 1e-5…10 scale (100 per decade) is η = 0.501.
  await slider.fill("470");
  assert.equal(await page.getByRole("textbox", { name: "Learning rate, yours" }).inputValue(), "0.501");
  await playToEnd(page);
  const after = (await outcomes(page))[3];
  assert.equal(after.outcome, "global_minimum", after.text);
  assert.notEqual(after.text, before.text);
  await slider.fill("600"); // the top of the scale, η = 10
  await playToEnd(page);
  assert.equal((await outcomes(page))[3].outcome, "diverged");
  await view.finish("lr-slider");
});

/** Runs the sweep from the page and returns the engine's result. */
async function runSweep(page) {
  await page.getByRole("button", { name: "Run sweep" }).click();
  await page.waitForFunction(() => window.__lr && document.querySelector("[data-ref=sweep-progress]").textContent.startsWith("done"));
  return page.evaluate(() => {
    const { ms, result } = window.__lr.sweep.last;
    return {
      ms,
      learning_rates: Array.from(result.learning_rates),
      final_loss: Array.from(result.final_loss),
      steps_to_converge: Array.from(result.steps_to_converge),
      diverged: Array.from(result.diverged),
      divergence_edge: result.divergence_edge,
      best_learning_rate: result.best_learning_rate,
      theoretical_edge: result.theoretical_edge,
    };
  });
}

/** Distinct non-white colours on a canvas: a drawn chart has many. */
function inkedPixels(page, ref) {
  return page.$eval(`[data-ref=${ref}]`, (canvas) => {
    const { data } = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height);
    let n = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i] + data[i + 1] + data[i + 2] < 600) n += 1;
    return n;
  });
}

test("the sweep plot appears and its best rate lies in the non-divergent region", async () => {
  const view = await open("#lr");
  const page = view.page;
  const blank = await inkedPixels(page, "sweep-chart");
  const s = await runSweep(page);
  assert.equal(s.learning_rates.length, 60);
  assert.ok(s.ms < 500, `a 60 × 1000-step sweep took ${s.ms} ms`);
  assert.ok(s.best_learning_rate !== null && s.divergence_edge !== null);
  assert.ok(s.best_learning_rate < s.divergence_edge, `best ${s.best_learning_rate}, edge ${s.divergence_edge}`);
  const i = s.learning_rates.indexOf(s.best_learning_rate);
  assert.equal(s.diverged[i], 0, "the best rate did not diverge");
  assert.ok(s.diverged.some((d) => d) && s.diverged.some((d) => !d));
  assert.ok((await inkedPixels(page, "sweep-chart")) > blank + 2000, "the sweep chart is drawn");
  assert.match(await page.textContent("[data-ref=sweep-summary]"), /Best: η = /);
  await page.locator("[data-ref=sweep-box]").scrollIntoViewIfNeeded();
  await view.finish("lr-sweep");
});

test("the largest sweep runs over many frames: the page keeps painting, and Stop stops it", async () => {
  const view = await open("#lr");
  const page = view.page;
  // 500 rates × 100,000 steps, the most the page allows: many seconds of
  // work, which used to freeze the tab in one call.
  await page.getByRole("textbox", { name: "Number of learning rates" }).fill("500");
  await page.getByRole("textbox", { name: "Steps per sweep run" }).fill("100000");
  await page.getByRole("textbox", { name: "Sweep from learning rate" }).fill("1e-5");
  await page.getByRole("textbox", { name: "Sweep to learning rate" }).fill("1e-2");
  await page.getByRole("button", { name: "Run sweep" }).click();
  // Count animation frames and the longest gap between them for a second.
  const frames = await page.evaluate(
    () =>
      new Promise((resolve) => {
        const times = [];
        const began = performance.now();
        const tick = (t) => {
          times.push(t);
          if (t - began < 1000) requestAnimationFrame(tick);
          else resolve(times);
        };
        requestAnimationFrame(tick);
      }),
  );
  const gaps = frames.slice(1).map((t, i) => t - frames[i]);
  assert.ok(frames.length > 20, `only ${frames.length} frames painted in a second of sweeping`);
  assert.ok(Math.max(...gaps) < 200, `the longest frame took ${Math.max(...gaps).toFixed(0)} ms`);
  const progress = await page.textContent("[data-ref=sweep-progress]");
  const m = progress.match(/^Sweeping… (\d+) \/ 500 rates$/);
  assert.ok(m, progress);
  await view.screenshot("lr-sweep-running");
  await page.getByRole("button", { name: "Stop sweep" }).click();
  assert.equal(await page.textContent("[data-ref=sweep-progress]"), "stopped");
  assert.equal(await page.evaluate(() => window.__lr.sweep.chart.is_running()), false);
  await page.getByRole("button", { name: "Run sweep" }).waitFor();
  // A normal sweep still runs after the stop.
  await page.getByRole("textbox", { name: "Number of learning rates" }).fill("20");
  await page.getByRole("textbox", { name: "Steps per sweep run" }).fill("500");
  const s = await runSweep(page);
  assert.equal(s.learning_rates.length, 20);
  await view.finish();
});

test("clicking the sweep loads that learning rate into yours", async () => {
  const view = await open("#lr");
  const page = view.page;
  const s = await runSweep(page);
  const target = s.learning_rates[20];
  const canvas = page.locator("[data-ref=sweep-chart]");
  await canvas.scrollIntoViewIfNeeded();
  const x = await page.evaluate((r) => window.__lr.sweep.chart.pixel_of(r), target);
  const box = await canvas.boundingBox();
  await canvas.click({ position: { x, y: box.height / 2 } });
  const rates = await page.evaluate(() => Array.from(window.__lr.lab.learning_rates()));
  assert.equal(rates[3], target);
  assert.equal(Number(await page.getByRole("textbox", { name: "Learning rate, yours" }).inputValue()), target);
  // The sweep still stands (the panels' rates do not change it), now marking yours.
  assert.equal(await page.evaluate(() => window.__lr.sweep.chart.has_result()), true);
  await view.screenshot("lr-sweep-click-chart");
  await page.locator(".lr-panels").scrollIntoViewIfNeeded();
  await view.finish("lr-sweep-click");
});

test("for SGD on the ellipse the measured divergence edge is within 5% of 2/25", async () => {
  const view = await open("#lr?landscape=ellipse");
  const page = view.page;
  const s = await runSweep(page);
  assert.ok(Math.abs(s.divergence_edge / 0.08 - 1) < 0.05, `measured edge ${s.divergence_edge}`);
  assert.ok(Math.abs(s.theoretical_edge - 0.08) < 1e-12, `theory ${s.theoretical_edge}`);
  assert.match(await page.textContent("[data-ref=sweep-summary]"), /2\/λ_max = 0\.08/);
  await page.locator("[data-ref=sweep-box]").scrollIntoViewIfNeeded();
  await view.finish("lr-sweep-ellipse");
});

test("a schedule changes the learning-rate plot and the panels use it", async () => {
  const view = await open("#lr");
  const page = view.page;
  const picture = () => page.$eval("[data-ref=schedule-chart]", (c) => c.toDataURL());
  const constant = await picture();
  await page.getByRole("combobox", { name: "Schedule" }).selectOption("exponential_decay");
  await page.waitForFunction((old) => document.querySelector("[data-ref=schedule-chart]").toDataURL() !== old, constant);
  assert.notEqual(await picture(), constant);
  // The panels now run with it: the link says so, and the engine's η falls.
  await page.waitForFunction(() => location.hash.includes("schedule=exponential_decay"));
  await page.locator("[data-ref=schedule-box]").scrollIntoViewIfNeeded();
  await view.screenshot("lr-schedule-exponential");
  await page.getByRole("combobox", { name: "Schedule" }).selectOption("cosine_decay");
  await page.getByRole("textbox", { name: "cosine_decay warmup_target" }).fill("2");
  await page.getByRole("textbox", { name: "cosine_decay warmup_steps" }).fill("500");
  await page.getByRole("button", { name: "Apply" }).click();
  await page.waitForFunction(() => location.hash.includes("warmup_target:2"));
  await view.finish("lr-schedule-cosine");
});

test("bad input shows a message and the view keeps working", async () => {
  const view = await open("#lr?speed=100000");
  const page = view.page;
  const yours = page.getByRole("textbox", { name: "Learning rate, yours" });
  for (const bad of ["-1", "0", "NaN", "abc", "1e999", "1e300"]) {
    await yours.fill(bad);
    await yours.press("Enter");
    const message = page.locator("[data-ref=rate-message-3]");
    await message.waitFor({ state: "visible" });
    assert.match(await message.textContent(), /learning_rate|not a number/, bad);
    assert.equal(await yours.inputValue(), "0.2", `after ${bad}`);
  }
  const preset = page.getByRole("textbox", { name: "Learning rate, too large" });
  await preset.fill("-5");
  await preset.press("Enter");
  await page.locator("[data-ref=rate-message-2]").waitFor({ state: "visible" });

  await page.getByRole("textbox", { name: "Step budget per panel" }).fill("0");
  await page.getByRole("textbox", { name: "Step budget per panel" }).press("Enter");
  await page.locator("[data-ref=steps-message]").waitFor({ state: "visible" });
  assert.match(await page.textContent("[data-ref=steps-message]"), /steps/);

  await page.getByRole("textbox", { name: "Sweep from learning rate" }).fill("-0.01");
  await page.getByRole("button", { name: "Run sweep" }).click();
  await page.locator("[data-ref=sweep-message]").waitFor({ state: "visible" });
  assert.match(await page.textContent("[data-ref=sweep-message]"), /learning_rates\.from/);
  await page.getByRole("textbox", { name: "Sweep from learning rate" }).fill("1e-3");
  await page.getByRole("textbox", { name: "Number of learning rates" }).fill("1e9");
  await page.getByRole("button", { name: "Run sweep" }).click();
  await page.waitForFunction(() => /learning_rates\.count/.test(document.querySelector("[data-ref=sweep-message]").textContent));

  await page.getByRole("combobox", { name: "Schedule" }).selectOption("exponential_decay");
  await page.getByRole("textbox", { name: "exponential_decay decay_rate" }).fill("-0.5");
  await page.getByRole("textbox", { name: "exponential_decay decay_rate" }).press("Enter");
  await page.locator("[data-ref=schedule-message]").waitFor({ state: "visible" });
  assert.match(await page.textContent("[data-ref=schedule-message]"), /decay_rate/);

  // Still working: the panels play to their outcomes.
  await page.locator(".lr-panels").scrollIntoViewIfNeeded();
  await playToEnd(page);
  assert.equal((await outcomes(page))[1].outcome, "global_minimum");
  await view.finish("lr-bad-input");
});

test("the URL round-trips this view's state", async () => {
  const view = await open("#lr");
  const page = view.page;
  await page.getByRole("combobox", { name: "Landscape" }).selectOption("rosenbrock");
  await page.getByRole("combobox", { name: "Optimizer", exact: true }).selectOption("adam");
  await page.getByRole("slider", { name: "Learning rate", exact: true }).fill("300"); // 0.01
  const small = page.getByRole("textbox", { name: "Learning rate, too small" });
  await small.fill("0.003");
  await small.press("Enter");
  await page.getByRole("combobox", { name: "Schedule" }).selectOption("piecewise_constant");
  await page.getByRole("combobox", { name: "Adaptive optimizer" }).selectOption("rmsprop");
  await page.getByRole("textbox", { name: "Step budget per panel" }).fill("1500");
  await page.getByRole("textbox", { name: "Step budget per panel" }).press("Enter");
  const read = (on) =>
    on.evaluate(() => {
      const s = window.__lr;
      return {
        landscape: s.lab.landscape(),
        optimizer: s.lab.optimizer(),
        rates: Array.from(s.lab.learning_rates()),
        start: Array.from(s.lab.start()),
        steps: s.lab.steps(),
        schedule: s.state.schedule,
        adaptive: s.state.adaptive,
      };
    });
  await page.waitForFunction(() => location.hash.includes("steps=1500") && location.hash.includes("adaptive=rmsprop"));
  const before = await read(page);
  assert.deepEqual(before.rates, [0.003, 0.5, 5, 0.01]);
  const url = page.url();
  const again = await app.openReady(url.slice(url.indexOf("/#")));
  const after = await read(again.page);
  assert.deepEqual(after, before);
  assert.equal(await again.page.getByRole("combobox", { name: "Schedule" }).inputValue(), "piecewise_constant");
  assert.equal(await again.page.locator(".notice").count(), 0, "a clean link shows no notice");
  await again.finish("lr-roundtrip");
  await view.finish();
});

test("a garbage link falls back to defaults with a notice", async () => {
  const view = await open("#lr?rates=a,b&yours=-3&optimizer=nope&schedule=exponential_decay,decay_rate:-1&landscape=moon");
  const page = view.page;
  const text = await view.noticeText();
  assert.match(text, /rates/);
  assert.match(text, /yours/);
  assert.match(text, /optimizer/);
  assert.match(text, /schedule/);
  assert.deepEqual(await page.evaluate(() => Array.from(window.__lr.lab.learning_rates())), [0.05, 0.5, 5, 0.2]);
  assert.equal(await page.evaluate(() => window.__lr.lab.landscape()), "lecture");
  await view.finish("lr-garbage-link");
});

test("sweep(spec) from JavaScript returns typed columns and names a bad field", async () => {
  const view = await open("#lr");
  const page = view.page;
  const out = await page.evaluate(async () => {
    const descent = await import("./pkg/descent.js");
    const spec = {
      landscape: "ellipse", start: [-2.5, 1], steps: 1000,
      optimizer: { name: "sgd" },
      learning_rates: { from: 1e-3, to: 1, count: 60 },
    };
    const t0 = performance.now();
    const r = descent.sweep(spec);
    const ms = performance.now() - t0;
    const errors = [];
    for (const bad of [
      { ...spec, learning_rates: { from: -1, to: 1, count: 60 } },
      { ...spec, learning_rates: { from: 1e-3, to: 1, count: 0 } },
      { ...spec, optimizer: { name: "sgd", momentum: 2 } },
      { ...spec, landscape: "moon" },
    ]) {
      try {
        descent.sweep(bad);
        errors.push(null);
      } catch (error) {
        errors.push(error.message);
      }
    }
    return {
      ms,
      types: ["learning_rates", "final_loss", "steps_to_converge", "diverged"].map((k) => r[k].constructor.name),
      status: r.status.slice(0, 2),
      length: r.learning_rates.length,
      edge: r.divergence_edge,
      theory: r.theoretical_edge,
      best: r.best_learning_rate,
      errors,
    };
  });
  assert.deepEqual(out.types, ["Float64Array", "Float64Array", "Float64Array", "Uint8Array"]);
  assert.equal(out.length, 60);
  assert.equal(typeof out.status[0], "string");
  assert.ok(Math.abs(out.edge / 0.08 - 1) < 0.05, `edge ${out.edge}`);
  assert.ok(out.best < out.edge);
  assert.ok(out.ms < 500, `sweep took ${out.ms} ms`);
  assert.match(out.errors[0], /learning_rates\.from/);
  assert.match(out.errors[1], /learning_rates\.count/);
  assert.match(out.errors[2], /optimizer\.momentum/);
  assert.match(out.errors[3], /landscape/);
  await view.finish();
});

test("the panels and charts are sharp on a hi-DPI screen", async () => {
  const view = await app.openReady("/#lr?speed=100000", { deviceScaleFactor: 2 });
  const page = view.page;
  await playToEnd(page);
  const sizes = await page.$eval("[data-ref=heat-0]", (c) => [c.width, c.getBoundingClientRect().width]);
  assert.equal(sizes[0], Math.round(sizes[1] * 2), "the landscape canvas has two device pixels per CSS pixel");
  const chart = await page.$eval("[data-ref=loss-0]", (c) => [c.width, c.getBoundingClientRect().width]);
  assert.equal(chart[0], Math.round(chart[1] * 2));
  await view.finish("lr-hidpi");
});

test("a click on a panel moves the start of all four runs", async () => {
  const view = await open("#lr?speed=100000");
  const page = view.page;
  const canvas = page.locator("[data-ref=overlay-1]");
  const box = await canvas.boundingBox();
  // The middle of the plot area is near the global minimum (0, 0).
  await canvas.click({ position: { x: box.width * 0.55, y: box.height * 0.45 } });
  const start = await page.evaluate(() => Array.from(window.__lr.lab.start()));
  assert.ok(Math.hypot(start[0], start[1]) < 1.5, `start ${start}`);
  await page.waitForFunction(() => /start=/.test(location.hash) && !location.hash.includes("start=2.9,1.3"));
  await playToEnd(page);
  const o = await outcomes(page);
  // From the global well, "too small" no longer meets a false minimum.
  assert.equal(o[0].outcome, "global_minimum", o[0].text);
  await view.finish("lr-start-moved");
});
