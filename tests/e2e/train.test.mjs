// The training view, driven as a person drives it: play, presets, early
// stopping, a comparison, the mini-batch lab, bad input, and a reload.
// Every test fails on any console error and saves a screenshot of the state
// it checked.

import { test } from "node:test";
import assert from "node:assert/strict";
import { useApp } from "./harness.mjs";

const app = useApp();

/** The metrics table as data: one object per run, exact numbers included. */
function metrics(page) {
  return page.$$eval(".metrics-table tbody tr", (rows) =>
    rows
      .filter((tr) => tr.closest("[data-ref=network-panel]"))
      .map((tr) => ({
        optimizer: tr.querySelector(".col-optimizer").textContent.trim(),
        status: tr.dataset.status,
        statusText: tr.querySelector(".col-status").textContent,
        epoch: Number(tr.dataset.epoch),
        loss: Number(tr.dataset.loss),
        valLoss: Number(tr.dataset.valLoss),
        bestEpoch: tr.dataset.bestEpoch === "" ? null : Number(tr.dataset.bestEpoch),
        stoppedEpoch: tr.dataset.stoppedEpoch === "" ? null : Number(tr.dataset.stoppedEpoch),
      })),
  );
}

/** Waits until every run has left "running". */
async function waitForEnd(page, timeout = 90_000) {
  await page.waitForFunction(
    () => {
      const rows = [...document.querySelectorAll("[data-ref=metrics-body] tr")];
      return rows.length > 0 && rows.every((tr) => tr.dataset.status && tr.dataset.status !== "running");
    },
    null,
    { timeout, polling: 200 },
  );
}

async function waitForEpoch(page, epoch, timeout = 30_000) {
  await page.waitForFunction(
    (e) => Number(document.querySelector("[data-ref=metrics-body] tr")?.dataset.epoch) >= e,
    epoch,
    { timeout, polling: 100 },
  );
}

/**
 * Counts a canvas's pixels near each of `colours` (hex), and its distinct
 * colours; `region` is a fraction of the canvas [x0, y0, x1, y1].
 */
function pixels(page, selector, colours = [], region = [0, 0, 1, 1]) {
  return page.$eval(
    selector,
    (canvas, [colours, region]) => {
      const [x0, y0] = [Math.floor(region[0] * canvas.width), Math.floor(region[1] * canvas.height)];
      const [w, h] = [Math.floor((region[2] - region[0]) * canvas.width), Math.floor((region[3] - region[1]) * canvas.height)];
      const { data } = canvas.getContext("2d").getImageData(x0, y0, w, h);
      const targets = colours.map((c) => [1, 3, 5].map((k) => parseInt(c.slice(k, k + 2), 16)));
      const counts = targets.map(() => 0);
      const boxes = targets.map(() => [Infinity, Infinity, -Infinity, -Infinity]);
      const seen = new Set();
      for (let i = 0; i < data.length; i += 4) {
        seen.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
        targets.forEach((t, k) => {
          if (Math.abs(data[i] - t[0]) + Math.abs(data[i + 1] - t[1]) + Math.abs(data[i + 2] - t[2]) < 30) {
            counts[k] += 1;
            const p = i / 4;
            const [x, y] = [p % w, Math.floor(p / w)];
            const b = boxes[k];
            boxes[k] = [Math.min(b[0], x), Math.min(b[1], y), Math.max(b[2], x), Math.max(b[3], y)];
          }
        });
      }
      return { counts, boxes, distinct: seen.size };
    },
    [colours, region],
  );
}

const TRAIN_BLUE = "#0877bd";
const VAL_ORANGE = "#d55e00";

test("the boundary, the network and the loss curves render while training", async () => {
  const view = await app.openReady("/#train?speed=3000");
  const page = view.page;
  // Accessible by name, as the issue asks.
  await page.getByRole("slider", { name: "Learning rate", exact: true }).waitFor();
  await page.getByRole("button", { name: "Play" }).click();
  await waitForEpoch(page, 30);
  await page.getByRole("button", { name: "Pause" }).click();
  await page.waitForTimeout(200);

  const fit = await pixels(page, "[data-ref=fit]", ["#f59322", "#0877bd"]);
  assert.ok(fit.distinct > 150, `the boundary has only ${fit.distinct} colours`);
  assert.ok(fit.counts[0] > 100 && fit.counts[1] > 100, `orange and blue points: ${fit.counts}`);
  const net = await pixels(page, "[data-ref=net]");
  assert.ok(net.distinct > 150, `the network diagram has only ${net.distinct} colours`);
  const chart = await pixels(page, "[data-ref=history]", [TRAIN_BLUE, VAL_ORANGE]);
  assert.ok(chart.counts[0] > 150, `the training curve has ${chart.counts[0]} pixels`);
  assert.ok(chart.counts[1] > 80, `the validation curve has ${chart.counts[1]} pixels`);

  const [run] = await metrics(page);
  assert.equal(run.optimizer, "adam");
  assert.ok(run.epoch >= 30 && run.loss < 0.35, `after ${run.epoch} epochs the loss is ${run.loss}`);
  assert.match(await page.textContent("[data-ref=fit-title]"), /Decision boundary/);
  await view.finish("train-circles");
});

test("the capacity presets give the lecture's three pictures", async () => {
  const results = {};
  for (const preset of ["underfit", "ideal", "overfit"]) {
    const view = await app.openReady("/#train?speed=100000");
    const page = view.page;
    await page.getByRole("button", { name: preset[0].toUpperCase() + preset.slice(1) }).click();
    await waitForEnd(page);
    await page.waitForTimeout(300);
    const [run] = await metrics(page);
    assert.equal(run.status, "finished", `${preset}: ${run.statusText}`);
    results[preset] = run;
    assert.match(await page.textContent("[data-ref=fit-title]"), /Fitted curve/);
    const curve = await pixels(page, "[data-ref=fit]", ["#222222", TRAIN_BLUE]);
    assert.ok(curve.counts[0] > 200, `${preset}: the fitted curve has ${curve.counts[0]} pixels`);
    await view.finish(`train-preset-${preset}`);
  }
  const { underfit: u, ideal: i, overfit: o } = results;
  assert.ok(u.loss > 3 * i.loss, `a line cannot fit the cubic: train ${u.loss} vs ${i.loss}`);
  assert.ok(u.valLoss > 2 * i.valLoss, `…nor generalise: val ${u.valLoss} vs ${i.valLoss}`);
  assert.ok(o.loss < 0.5 * i.loss, `the big model fits the training points better: ${o.loss} vs ${i.loss}`);
  assert.ok(o.valLoss > i.valLoss, `…and generalises worse: ${o.valLoss} vs ${i.valLoss}`);
  assert.ok(o.bestEpoch < o.epoch - 100, `overfit: its best epoch ${o.bestEpoch} is long before the end ${o.epoch}`);
});

/**
 * Loads the Overfit preset, pauses, lets `change` set what tames it, plays
 * to the end and returns the first run's metrics row.
 */
async function overfitTrainedWith(page, change) {
  await page.getByRole("button", { name: "Overfit" }).click();
  await page.getByRole("button", { name: "Pause" }).click();
  await change();
  await page.getByRole("button", { name: "Play" }).click();
  await waitForEnd(page);
  await page.waitForTimeout(300);
  const [run] = await metrics(page);
  return run;
}

test("early stopping marks a stop and tames the overfit", async () => {
  const view = await app.openReady("/#train?speed=100000");
  const page = view.page;
  // Turning early stopping on restarts training with it.
  const run = await overfitTrainedWith(page, async () => {
    await page.getByRole("checkbox", { name: "Early stopping" }).check();
    await page.getByRole("textbox", { name: "Patience" }).fill("50");
    await page.getByRole("textbox", { name: "Patience" }).press("Enter");
  });
  assert.equal(run.status, "stopped_early", run.statusText);
  assert.match(run.statusText, /stopped early at epoch \d+/);
  assert.equal(run.stoppedEpoch, run.epoch - 1, "it stops after the epoch it records");
  assert.equal(run.stoppedEpoch - run.bestEpoch, 50, "Keras stops `patience` epochs after the best");
  assert.ok(run.epoch < 1000, `it stopped at ${run.epoch} of 1000 epochs`);
  // The chart marks the stop (red) and the best epoch (green).
  const marks = await pixels(page, "[data-ref=history]", ["#b3261e", "#009e73"]);
  assert.ok(marks.counts[0] > 40, `the early-stop marker has ${marks.counts[0]} pixels`);
  assert.ok(marks.counts[1] > 40, `the best-epoch marker has ${marks.counts[1]} pixels`);
  // Tamed: the best validation loss is well under where the overfit run ends.
  const history = await page.evaluate(() => Array.from(window.__train.training.history(0).val_loss));
  const best = history[run.bestEpoch];
  const overfitFinal = await page.evaluate(async () => {
    const descent = await import("/pkg/descent.js");
    const r = descent.train(descent.capacity_preset_spec("overfit"));
    return r.history.val_loss[r.history.val_loss.length - 1];
  });
  assert.ok(best < 0.7 * overfitFinal, `best val loss ${best} vs the overfit run's final ${overfitFinal}`);
  await view.finish("train-early-stopping");
});

test("dropout tames the overfit too", async () => {
  const view = await app.openReady("/#train?speed=100000");
  const page = view.page;
  const run = await overfitTrainedWith(page, async () => {
    await page.getByRole("textbox", { name: "Dropout p" }).fill("0.3");
    await page.getByRole("textbox", { name: "Dropout p" }).press("Enter");
  });
  // One epoch of a dropout run is noisy (its masks change every batch), so
  // besides the run on screen, the engine's own runs are compared by their
  // mean validation loss over the last 200 epochs. (Since the batch order
  // became Keras-replayable, the final epochs alone no longer differ by 30 %.)
  const { overfitFinal, meanWith, meanWithout } = await page.evaluate(async () => {
    const descent = await import("/pkg/descent.js");
    const spec = descent.capacity_preset_spec("overfit");
    const without = descent.train(spec).history.val_loss;
    spec.model.dropout = 0.3;
    const withDropout = descent.train(spec).history.val_loss;
    const tail = (v) => v.slice(-200).reduce((a, b) => a + b, 0) / Math.min(200, v.length);
    return { overfitFinal: without[without.length - 1], meanWith: tail(withDropout), meanWithout: tail(without) };
  });
  assert.ok(run.valLoss < overfitFinal, `with dropout ${run.valLoss} vs without ${overfitFinal}`);
  assert.ok(meanWith < 0.8 * meanWithout, `mean of the last 200 epochs: with dropout ${meanWith} vs without ${meanWithout}`);
  await view.finish("train-dropout");
});

test("comparing optimizers overlays one curve pair per optimizer", async () => {
  const view = await app.openReady("/#train?speed=3000&compare=sgd&compare=rmsprop&compare=adam");
  const page = view.page;
  await page.getByRole("button", { name: "Play" }).click();
  await waitForEpoch(page, 15);
  await page.getByRole("button", { name: "Pause" }).click();
  await page.waitForTimeout(200);
  const runs = await metrics(page);
  assert.deepEqual(
    runs.map((r) => r.optimizer),
    ["sgd", "rmsprop", "adam"],
  );
  // Same initial weights and batches: the first epoch's losses differ only by the optimizer,
  // and every run has trained as many epochs.
  assert.equal(new Set(runs.map((r) => r.epoch)).size, 1);
  const colours = ["#E69F00", "#0072B2", "#009E73"];
  const chart = await pixels(page, "[data-ref=history]", colours);
  chart.counts.forEach((n, k) => assert.ok(n > 100, `${runs[k].optimizer}'s curves have ${n} pixels`));
  // The compare boxes show the choice.
  assert.ok(await page.getByRole("checkbox", { name: "Compare rmsprop" }).isChecked());
  // The pictures show the first run until another is picked.
  assert.match(await page.textContent("[data-ref=fit-title]"), / of sgd /);
  const fitBefore = await page.$eval("[data-ref=fit]", (c) => c.toDataURL());
  const netBefore = await page.$eval("[data-ref=net]", (c) => c.toDataURL());
  await page.getByRole("radio", { name: "Show run 3's boundary and network" }).check();
  assert.match(await page.textContent("[data-ref=fit-title]"), / of adam /);
  assert.match(await page.textContent("[data-ref=net-title]"), /^Network of adam/);
  await page.waitForTimeout(100);
  assert.notEqual(await page.$eval("[data-ref=fit]", (c) => c.toDataURL()), fitBefore, "adam's boundary differs from sgd's");
  assert.notEqual(await page.$eval("[data-ref=net]", (c) => c.toDataURL()), netBefore, "adam's weights differ from sgd's");
  await view.finish("train-compare");
});

test("the mini-batch cloud shrinks as B grows, and small batches cost more per epoch", async () => {
  const view = await app.openReady("/#train?panel=lab&lab_k=1");
  const page = view.page;
  const variance = () => page.$eval("[data-ref=cloud]", (c) => Number(c.dataset.variance));
  const spread = async () => {
    const p = await pixels(page, "[data-ref=cloud]", ["#009E73"]);
    const [x0, y0, x1, y1] = p.boxes[0];
    return { area: (x1 - x0) * (y1 - y0), count: p.counts[0] };
  };
  await page.waitForFunction(() => document.querySelector("[data-ref=cloud]").dataset.batch === "1");
  const v1 = await variance();
  const s1 = await spread();
  await view.screenshot("train-lab-b1");
  const k = page.getByRole("textbox", { name: "Mini-batch size k" });
  await k.fill("30");
  await k.press("Enter");
  await page.waitForFunction(() => document.querySelector("[data-ref=cloud]").dataset.batch === "30");
  const v30 = await variance();
  const s30 = await spread();
  assert.ok(v30 < v1 / 20, `variance at B = 30 is ${v30}, at B = 1 ${v1}`);
  assert.ok(s30.area < s1.area / 4, `the cloud covers ${s30.area} px² at B = 30, ${s1.area} at B = 1`);
  // The exact value the engine gives sits near the measured one.
  const exact = Number((await page.textContent("[data-ref=variance-exact]")).replace("−", "-"));
  assert.ok(Math.abs(exact - v30) < 0.35 * exact, `measured ${v30} vs exact ${exact}`);

  // Play: three paths leave the start.
  await page.getByRole("button", { name: "Play" }).click();
  await page.waitForTimeout(1500);
  await page.getByRole("button", { name: "Pause" }).click();
  const steps = await page.$$eval("[data-ref=lab-body] tr", (rows) => rows.map((r) => Number(r.children[1].textContent)));
  assert.equal(steps.length, 3);
  assert.ok(steps.every((s) => s > 10), `steps ${steps}`);
  // Wall time per epoch: measured for every B, and B = 1 is slower than B = 64.
  await page.waitForFunction(() => document.querySelector("[data-ref=times]").dataset.ms?.split(",").length === 10, null, { timeout: 30_000 });
  const ms = await page.$eval("[data-ref=times]", (c) => c.dataset.ms.split(",").map(Number));
  assert.ok(ms[0] > ms[6], `ms per epoch at B = 1: ${ms[0]}, at B = 64: ${ms[6]}`);
  await page.waitForTimeout(300);
  await view.finish("train-lab-b30");
});

test("bad input gets a message beside the form and the view keeps working", async () => {
  const view = await app.openReady("/#train?speed=3000");
  const page = view.page;
  const message = page.locator("[data-ref=form-message]");
  const tryValue = async (name, text, pattern) => {
    const box = page.getByRole("textbox", { name, exact: true });
    const before = await box.inputValue();
    await box.fill(text);
    await box.press("Enter");
    await assert.doesNotReject(message.waitFor({ state: "visible" }));
    assert.match(await message.textContent(), pattern);
    assert.equal(await box.inputValue(), before, `${name} keeps its old value`);
  };
  await tryValue("Noise", "abc", /Noise: “abc” is not a number from 0 to 2; kept 0\.1/);
  await tryValue("Hidden layers", "9", /Hidden layers: “9” is not a whole number from 0 to 6/);
  await tryValue("Units per layer", "2.5", /Units per layer/);
  await tryValue("Batch size", "0", /Batch size/);
  await tryValue("Dropout p", "0.95", /Dropout p/);
  await tryValue("Learning rate value", "-1", /Learning rate value/);
  await view.screenshot("train-bad-input");
  // Still trains.
  await page.getByRole("button", { name: "Play" }).click();
  await waitForEpoch(page, 3);
  // A link with garbage falls back to defaults, with a notice.
  const broken = await app.openReady("/#train?dataset=nope&lr=-3&layers=x&compare=bogus&lab_k=abc");
  const text = await broken.noticeText();
  for (const key of ["dataset", "lr", "layers", "bogus", "lab_k"]) assert.ok(text.includes(key), `the notice names ${key}: ${text}`);
  const [run] = await metrics(broken.page);
  assert.equal(run.optimizer, "adam");
  await broken.screenshot("train-bad-link");
  // The lab refuses k > N.
  await broken.page.getByRole("button", { name: "Mini-batch lab" }).click();
  const k = broken.page.getByRole("textbox", { name: "Mini-batch size k" });
  await k.fill("500");
  await k.press("Enter");
  const labMessage = broken.page.locator("[data-ref=lab-message]");
  await labMessage.waitFor({ state: "visible" });
  assert.match(await labMessage.textContent(), /at most N = 100/);
  await view.finish();
  await broken.finish();
});

test("the link round-trips the view's state", async () => {
  const view = await app.openReady("/#train");
  const page = view.page;
  await page.getByRole("combobox", { name: "Data set" }).selectOption("xor");
  const set = async (name, value) => {
    const box = page.getByRole("textbox", { name, exact: true });
    await box.fill(value);
    await box.press("Enter");
  };
  await set("Hidden layers", "3");
  await set("Units per layer", "5");
  await set("Noise", "0.2");
  await set("Batch size", "8");
  await page.getByRole("combobox", { name: "Activation" }).selectOption("relu");
  await page.getByRole("checkbox", { name: "Early stopping" }).check();
  await page.getByRole("checkbox", { name: "Compare sgd", exact: true }).check();
  await page.getByRole("checkbox", { name: "Compare adam", exact: true }).check();
  const slider = page.getByRole("slider", { name: "Learning rate", exact: true });
  await slider.focus();
  for (let i = 0; i < 10; i++) await slider.press("ArrowLeft");
  await page.getByRole("button", { name: "Mini-batch lab" }).click();
  await set("Mini-batch size k", "25");
  await page.waitForTimeout(500);
  const state = await page.evaluate(() => JSON.parse(JSON.stringify(window.__train.state)));
  assert.equal(state.dataset, "xor");
  assert.equal(state.layers, 3);
  assert.equal(state.lab_k, 25);
  assert.ok(state.lr < 0.03, `the slider moved η to ${state.lr}`);
  const hash = await page.evaluate(() => location.hash);

  const again = await app.openReady(`/${hash}`);
  const restored = await again.page.evaluate(() => JSON.parse(JSON.stringify(window.__train.state)));
  assert.deepEqual(restored, state);
  assert.equal(await again.page.getByRole("textbox", { name: "Mini-batch size k" }).inputValue(), "25");
  await again.page.getByRole("button", { name: "Network" }).click();
  assert.equal(await again.page.getByRole("textbox", { name: "Units per layer" }).inputValue(), "5");
  const runs = await metrics(again.page);
  assert.deepEqual(runs.map((r) => r.optimizer), ["sgd", "adam"]);
  await again.finish("train-round-trip");
  await view.finish();
});

test("train(spec) from JavaScript returns Keras's history and names a bad field", async () => {
  const view = await app.openReady("/#train");
  const result = await view.page.evaluate(async () => {
    const descent = await import("/pkg/descent.js");
    const spec = {
      dataset: { name: "moons", samples: 200, noise: 0.1, validation_split: 0.25, seed: 4 },
      model: { hidden: [8], activation: "tanh", dropout: 0, l2: 0 },
      optimizer: { name: "adam", learning_rate: 0.02 },
      batch_size: 10,
      epochs: 40,
      early_stopping: { patience: 3, min_delta: 0, restore_best_weights: true },
      seed: 0,
    };
    const r = descent.train(spec);
    const again = descent.train(spec);
    const regression = descent.train({ ...spec, dataset: { name: "sine" }, early_stopping: undefined });
    const errors = [];
    for (const bad of [
      { ...spec, batch_size: 0 },
      { ...spec, model: { hidden: [8, 8, 8, 8, 8, 8, 8] } },
      { ...spec, dataset: { name: "mnist" } },
      { ...spec, optimizer: { name: "adam", beta_1: 2 } },
    ]) {
      try {
        descent.train(bad);
        errors.push(null);
      } catch (error) {
        errors.push(error.message);
      }
    }
    return {
      kinds: Object.fromEntries(Object.entries(r.history).map(([k, v]) => [k, v.constructor.name])),
      lengths: Object.values(r.history).map((v) => v.length),
      same: JSON.stringify(Array.from(r.history.val_loss)) === JSON.stringify(Array.from(again.history.val_loss)),
      best: r.best_epoch,
      stopped: r.stopped_epoch,
      status: r.status,
      regressionKeys: Object.keys(regression.history),
      regressionStopped: regression.stopped_epoch,
      errors,
    };
  });
  assert.deepEqual(result.kinds, {
    loss: "Float64Array",
    val_loss: "Float64Array",
    accuracy: "Float64Array",
    val_accuracy: "Float64Array",
  });
  assert.equal(new Set(result.lengths).size, 1, "one value per epoch in every curve");
  assert.ok(result.same, "the same spec gives the same run");
  if (result.status === "stopped_early") assert.equal(result.stopped - result.best, 3);
  else assert.equal(result.status, "finished");
  assert.deepEqual(result.regressionKeys, ["loss", "val_loss"]);
  assert.equal(result.regressionStopped, null);
  assert.match(result.errors[0], /^batch_size:/);
  assert.match(result.errors[1], /^model\.hidden:/);
  assert.match(result.errors[2], /^dataset\.name:/);
  assert.match(result.errors[3], /^optimizer\.beta_1:/);
  await view.finish();
});

test("every control has an accessible name, and the canvases are sharp on a hi-DPI screen", async () => {
  const view = await app.openReady("/#train", { deviceScaleFactor: 2 });
  const page = view.page;
  const unnamed = await page.$$eval(".train input, .train select, .train button", (controls) =>
    controls
      .filter((c) => {
        const label = c.closest("label")?.textContent.trim();
        return !(c.getAttribute("aria-label") || label || c.textContent.trim());
      })
      .map((c) => c.outerHTML.slice(0, 80)),
  );
  assert.deepEqual(unnamed, []);
  await page.waitForTimeout(300);
  for (const ref of ["fit", "net", "history"]) {
    const { width, css } = await page.$eval(`[data-ref=${ref}]`, (c) => ({ width: c.width, css: c.getBoundingClientRect().width }));
    assert.ok(Math.abs(width - 2 * css) <= 1, `${ref}: ${width} device pixels for ${css} CSS pixels`);
  }
  await view.finish("train-hidpi");
});

test("no input, however odd, makes the wasm panic", async () => {
  const view = await app.openReady("/#train");
  const outcome = await view.page.evaluate(async () => {
    const d = await import("/pkg/descent.js");
    // A seeded generator, so a failure repeats.
    let seed = 12345;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const pick = (list) => list[Math.floor(random() * list.length)];
    const odd = () => pick([0, -1, 1e9, NaN, Infinity, 0.5, 3, 64, 65, 7, "x", null, [], {}, true, 1e-9, 5000]);
    // Mostly sensible values, each field odd now and then.
    const maybe = (good) => (random() < 0.05 ? odd() : pick(good));
    const canvas = document.createElement("canvas");
    let built = 0;
    let refused = 0;
    for (let i = 0; i < 150; i++) {
      const spec = {
        dataset: { name: maybe(["circles", "xor", "spiral", "sine", "polynomial", "moons"]), samples: maybe([4, 5, 30]), noise: maybe([0, 2]), validation_split: maybe([0.05, 0.9]), seed: maybe([0, 4294967295]) },
        model: { hidden: maybe([[], [1], [64, 64], [odd()]]), activation: maybe(["relu", "linear"]), dropout: maybe([0, 0.94]), l2: maybe([0, 10]) },
        optimizer: { name: maybe(["sgd", "adam", "lion", "adadelta"]), learning_rate: maybe([10, 1e-5]) },
        batch_size: maybe([1, 5000]),
        epochs: maybe([1, 3]),
        seed: maybe([0]),
      };
      const compare = maybe([undefined, null, [], [{ name: "sgd" }, { name: "adam" }], [{ name: odd() }]]);
      try {
        const t = new d.Training(spec, compare);
        built += 1;
        t.advance(pick([0, 1, 50, NaN, -1, 1e12].filter(Number.isFinite).filter((n) => n >= 0 && n < 100)));
        try { t.set_learning_rate(odd()); } catch {}
        d.draw_fit(canvas, t, pick([1, 50, 300]), pick([1, 40, 200]), pick([1, 2, 0.5]));
        d.draw_network(canvas, t, pick([1, 50, 300]), pick([1, 40, 200]), 1);
        d.draw_history(canvas, t, pick([[], ["#zzz"], null]), 200, 100, 1);
        t.summary(0);
        t.free();
      } catch (error) {
        if (!(error instanceof Error)) throw error;
        refused += 1;
      }
    }
    const heat = document.createElement("canvas");
    const overlay = document.createElement("canvas");
    for (let i = 0; i < 60; i++) {
      try {
        const lab = new d.MiniBatchLab(heat, overlay, maybe([2, 3, 100]), maybe([0, 2]), maybe([1, 2, 100]), maybe([0.1, 10]), maybe([0]));
        lab.resize(pick([1, 300]), pick([1, 200]), 1);
        lab.advance(pick([0, 5, 100]));
        lab.draw(["#000"]);
        lab.draw_cloud(canvas, "#009E73", pick([1, 120]), pick([1, 90]), 1);
        lab.draw_variance(canvas, "#009E73", 120, 90, 1);
        lab.free();
      } catch (error) {
        if (!(error instanceof Error)) throw error;
      }
    }
    return { built, refused };
  });
  assert.ok(outcome.built > 30 && outcome.refused > 10, `built ${outcome.built}, refused ${outcome.refused}: both kinds must be exercised`);
  assert.equal(await view.page.locator("#fatal").isVisible(), false);
  await view.finish();
});
