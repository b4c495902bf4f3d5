// The optimizer race view, driven as a person drives it: clicks, sliders,
// keys, a reload, a broken link, and the exported files. Every test fails on
// any console error and saves a screenshot of the state it checked.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { useApp } from "./harness.mjs";

const app = useApp();

/** The racer table as data: one object per row. */
function tableRows(page) {
  return page.$$eval(".racer-table tbody tr", (rows) =>
    rows.map((tr) => ({
      name: tr.querySelector("th").textContent.trim(),
      loss: tr.querySelector(".col-loss").textContent,
      step: Number(tr.querySelector(".col-step").textContent),
      status: tr.querySelector(".col-status").textContent,
    })),
  );
}

/** The start point the engine holds, as the page shows it. */
function startPoint(page) {
  return page.$eval("[data-ref=start]", (o) => [Number(o.dataset.x), Number(o.dataset.y)]);
}

/** The state the link must carry, read from the live session. */
function sessionState(page) {
  return page.evaluate(() => {
    const s = window.__race;
    return {
      landscape: s.state.landscape,
      window: Array.from(s.view.window()),
      start: Array.from(s.race.start()),
      configs: s.configs,
      speed: s.state.speed,
      seed: s.state.seed,
      selected: s.state.selected,
    };
  });
}

async function waitForStatus(page, row, word, timeout = 20_000) {
  await page.waitForFunction(
    ([i, w]) => document.querySelectorAll(".racer-table tbody tr")[i]?.querySelector(".col-status").textContent.startsWith(w),
    [row, word],
    { timeout },
  );
}

test("the race loads without errors and the canvas shows a heatmap", async () => {
  const view = await app.openReady("/");
  const page = view.page;
  // Many distinct colours on the heat canvas: a heatmap, not a blank fill.
  const colours = await page.$eval("[data-ref=heat]", (canvas) => {
    const { data } = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height);
    const seen = new Set();
    for (let i = 0; i < data.length; i += 4 * 7) seen.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
    return seen.size;
  });
  assert.ok(colours > 200, `the heat canvas has only ${colours} distinct colours`);
  const rows = await tableRows(page);
  assert.deepEqual(
    rows.map((r) => r.name),
    ["1 sgd", "2 sgd", "3 adam"],
    "the default race is SGD, SGD with momentum and Adam",
  );
  assert.match(await page.textContent("[data-ref=formula]"), /½\(x² \+ 25·y²\)/);
  await view.finish("race-load");
});

test("a click on the landscape moves the start point there", async () => {
  const view = await app.openReady("/");
  const page = view.page;
  const before = await startPoint(page);
  const box = await page.locator("[data-ref=overlay]").boundingBox();
  const px = box.width * 0.7;
  const py = box.height * 0.3;
  await page.mouse.click(box.x + px, box.y + py);
  const after = await startPoint(page);
  const expected = await page.evaluate(([x, y]) => Array.from(window.__race.view.to_world(x, y)), [px, py]);
  assert.notDeepEqual(after, before, "the start did not move");
  // Within a pixel: the mouse lands on whole device pixels.
  const pixel = await page.evaluate(() => {
    const [x0, x1] = window.__race.view.window();
    return (x1 - x0) / document.querySelector("[data-ref=heat]").getBoundingClientRect().width;
  });
  for (const k of [0, 1]) {
    assert.ok(Math.abs(after[k] - expected[k]) < pixel, `the start ${after} is not where the click was, ${expected}`);
  }
  assert.ok(after[0] > 0 && after[1] > 0, `a click up and right of centre gave ${after}`);
  await page.waitForFunction((x) => location.hash.includes(`start=${x},`), after[0]);
  await view.finish("race-click-start");
});

test("a tap sets the start on a touch screen", async () => {
  const view = await app.openReady("/", { hasTouch: true });
  const page = view.page;
  const before = await startPoint(page);
  const box = await page.locator("[data-ref=overlay]").boundingBox();
  await page.touchscreen.tap(box.x + box.width * 0.3, box.y + box.height * 0.7);
  await page.waitForFunction(
    (b) => document.querySelector("[data-ref=start]").dataset.x !== String(b[0]),
    before,
  );
  const after = await startPoint(page);
  assert.ok(after[0] < 0 && after[1] < 0, `a tap down and left of centre gave ${after}`);
  await view.finish();
});

test("Play advances the steps, space pauses, r resets", async () => {
  const view = await app.openReady("/");
  const page = view.page;
  assert.ok((await tableRows(page)).every((r) => r.step === 0), "the race starts at step 0");
  await page.getByRole("button", { name: "Play" }).click();
  await page.waitForFunction(() => Number(document.querySelector(".racer-table .col-step").textContent) >= 20);
  // Focus stays on the Play button, as after a real click.
  await page.waitForFunction(() => /^\d+ fps · [\d.e]+ steps\/s per racer · [\d.]+ ms\/frame$/.test(document.querySelector("[data-ref=perf]").textContent) && !document.querySelector("[data-ref=perf]").textContent.includes(" 0 steps/s"));
  await page.keyboard.press(" ");
  const paused = (await tableRows(page)).map((r) => r.step);
  await page.waitForTimeout(400);
  assert.deepEqual((await tableRows(page)).map((r) => r.step), paused, "space did not pause the race");
  assert.ok(paused.every((s) => s > 0), `steps after playing: ${paused}`);
  await view.screenshot("race-playing");
  await page.keyboard.press("ArrowRight");
  // The table refreshes on the next frame.
  await page.waitForFunction((n) => Number(document.querySelectorAll(".racer-table .col-step")[2].textContent) === n, paused[2] + 1);
  await page.keyboard.press("r");
  await page.waitForFunction(() => [...document.querySelectorAll(".racer-table .col-step")].every((td) => td.textContent === "0"));
  await view.finish();
});

test("on the ellipse, SGD diverges above η = 2/25 and converges below it", async () => {
  const view = await app.openReady("/#race?landscape=ellipse&racer=sgd,learning_rate:0.07&speed=100000");
  const page = view.page;
  const slider = page.getByRole("slider", { name: /^Learning rate, racer 1/ });
  const value = page.getByRole("textbox", { name: /^Learning rate value, racer 1/ });
  // Up the log scale by keyboard until the rate passes 0.08 = 2/25.
  await slider.focus();
  while (Number(await value.inputValue()) <= 0.08) await slider.press("ArrowRight");
  const above = Number(await value.inputValue());
  assert.ok(above > 0.08 && above < 0.085, `the first rate above 2/25 is ${above}`);
  await page.getByRole("button", { name: "Reset", exact: true }).click();
  await page.getByRole("button", { name: "Play" }).click();
  await waitForStatus(page, 0, "diverged");
  const diverged = (await tableRows(page))[0].status;
  assert.match(diverged, /^diverged at \d+, left at \(.+, .+\)$/);
  await view.screenshot("race-sgd-diverged");

  await slider.press("ArrowLeft");
  await slider.press("ArrowLeft");
  const below = Number(await value.inputValue());
  assert.ok(below < 0.08 && below > 0.075, `the rate below 2/25 is ${below}`);
  await page.getByRole("button", { name: "Reset", exact: true }).click();
  await page.getByRole("button", { name: "Play" }).click();
  await waitForStatus(page, 0, "converged");
  assert.match((await tableRows(page))[0].status, /^converged at \d+$/);
  await view.finish("race-sgd-converged");
});

test("moving the learning rate mid-run keeps the run going", async () => {
  const view = await app.openReady("/#race?landscape=rosenbrock&racer=adam,learning_rate:0.01&speed=200");
  const page = view.page;
  await page.getByRole("button", { name: "Play" }).click();
  await page.waitForFunction(() => Number(document.querySelector(".racer-table .col-step").textContent) >= 30);
  const slider = page.getByRole("slider", { name: /^Learning rate, racer 1/ });
  await slider.focus();
  await slider.press("PageUp");
  const step = (await tableRows(page))[0].step;
  assert.ok(step >= 30, `a mid-run rate change reset the run to step ${step}`);
  const effect = await page.textContent(".racer-table .col-learning_rate");
  assert.notEqual(effect, "0.01", "the learning rate in effect did not change");
  await view.finish();
});

test("the link round-trips the whole state", async () => {
  const view = await app.openReady("/");
  const page = view.page;
  await page.getByRole("combobox", { name: "Landscape" }).selectOption("rosenbrock");
  await page.locator(".racer").nth(1).locator("summary").click();
  await page.getByRole("combobox", { name: "Optimizer, racer 2" }).selectOption("rmsprop");
  await page.getByRole("textbox", { name: "rho, racer 2 (rmsprop)" }).fill("0.75");
  await page.getByRole("textbox", { name: "rho, racer 2 (rmsprop)" }).press("Enter");
  await page.getByRole("checkbox", { name: "centered, racer 2 (rmsprop)" }).check();
  await page.getByRole("button", { name: "Add racer" }).click();
  const slider = page.getByRole("slider", { name: /^Learning rate, racer 4/ });
  await slider.focus();
  await slider.press("PageUp");
  await page.getByRole("radio", { name: "Show the update rule of racer 2" }).check();
  const box = await page.locator("[data-ref=overlay]").boundingBox();
  await page.mouse.click(box.x + box.width * 0.4, box.y + box.height * 0.6);
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5);
  await page.mouse.wheel(0, -300);
  await page.getByRole("slider", { name: /^Speed/ }).focus();
  await page.keyboard.press("ArrowLeft");
  await page.waitForTimeout(600); // the link is written a moment after the last change
  const before = await sessionState(page);
  const hash = await page.evaluate(() => location.hash);
  assert.equal(before.landscape, "rosenbrock");
  assert.equal(before.configs.length, 4);
  assert.equal(before.configs[1].rho, 0.75);
  assert.equal(before.configs[1].centered, true);
  assert.equal(before.selected, 1);

  await page.reload();
  await view.ready();
  const after = await sessionState(page);
  // The engine refits a restored window (centre and scale), so allow the last digit.
  after.window.forEach((v, k) => assert.ok(Math.abs(v - before.window[k]) < 1e-12, `window ${after.window} vs ${before.window}`));
  after.window = before.window;
  assert.deepEqual(after, before, "the reloaded page is not in the same state");
  assert.equal(await page.evaluate(() => location.hash), hash);
  assert.equal(await page.getByRole("combobox", { name: "Landscape" }).inputValue(), "rosenbrock");
  await page.locator(".racer").nth(1).locator("summary").click();
  assert.equal(await page.getByRole("textbox", { name: "rho, racer 2 (rmsprop)" }).inputValue(), "0.75");
  assert.match(await page.textContent("[data-ref=rule-title]"), /racer 2: rmsprop/);
  await view.finish("race-round-trip");
});

test("a bad hyperparameter shows a message and keeps the old value", async () => {
  const view = await app.openReady("/");
  const page = view.page;
  await page.locator(".racer").nth(2).locator("summary").click();
  const beta = page.getByRole("textbox", { name: "beta_1, racer 3 (adam)" });
  await beta.fill("1.5");
  await beta.press("Enter");
  const message = page.locator(".racer").nth(2).locator(".field-message");
  await message.waitFor({ state: "visible" });
  assert.match(await message.textContent(), /beta_1/);
  assert.equal(await beta.inputValue(), "0.9");
  const lr = page.getByRole("textbox", { name: /^Learning rate value, racer 3/ });
  await lr.fill("fast");
  await lr.press("Enter");
  assert.match(await message.textContent(), /not a number/);
  assert.equal(await lr.inputValue(), "0.1");
  await view.finish("race-bad-input");
});

test("a garbage link shows a notice, falls back to defaults, and the race still runs", async () => {
  const view = await app.open(
    "/#race?landscape=narnia&start=1,abc&window=0,0,0,0&speed=fast&racer=adamm,learning_rate:-1&racer=sgd,learning_rate:oops&selected=99&bogus=1",
  );
  await view.ready();
  const page = view.page;
  const notice = page.locator("#notices .notice").first();
  await notice.waitFor({ state: "visible" });
  const text = await notice.textContent();
  for (const key of ["landscape", "start", "speed", "adamm", "bogus"]) {
    assert.ok(text.includes(key), `the notice does not mention ${key}: ${text}`);
  }
  const state = await sessionState(page);
  assert.equal(state.landscape, "ellipse");
  assert.equal(state.configs.length, 3, "the default racers stand in");
  await page.getByRole("button", { name: "Play" }).click();
  await page.waitForFunction(() => Number(document.querySelector(".racer-table .col-step").textContent) > 5);
  await view.finish("race-garbage-hash");

  // Not even a view name: the app still opens the race.
  const worse = await app.openReady("/#%%%/<script>?&&==");
  await worse.page.locator("#notices .notice").first().waitFor({ state: "visible" });
  assert.equal(await worse.page.locator(".racer-table tbody tr").count(), 3);
  await worse.finish();
});

test("the CSV export matches simulate for the same spec", async () => {
  const view = await app.openReady("/#race?landscape=rosenbrock&start=-1.5,2&racer=adam,learning_rate:0.05&racer=sgd,learning_rate:0.001,momentum:0.9");
  const page = view.page;
  for (let i = 0; i < 25; i++) await page.keyboard.press("ArrowRight");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download CSV" }).click(),
  ]);
  const csv = readFileSync(await download.path(), "utf8").trim().split("\n");
  assert.equal(csv[0], "step,racer,optimizer,x,y,loss,gradient_norm,learning_rate");
  const rows = csv.slice(1).map((line) => line.split(","));
  assert.equal(rows.length, 2 * 26, "26 points (start + 25 steps) for each of 2 racers");

  for (const [racer, optimizer] of [
    [0, { name: "adam", learning_rate: 0.05 }],
    [1, { name: "sgd", learning_rate: 0.001, momentum: 0.9 }],
  ]) {
    const reference = await page.evaluate(async (spec) => {
      const descent = await import("/pkg/descent.js");
      const r = descent.simulate(spec);
      return { path: Array.from(r.path), loss: Array.from(r.loss), gradient_norm: Array.from(r.gradient_norm), learning_rate: Array.from(r.learning_rate) };
    }, { landscape: "rosenbrock", start: [-1.5, 2], optimizer, steps: 25 });
    const mine = rows.filter((r) => Number(r[1]) === racer);
    assert.equal(mine.length, 26);
    mine.forEach((r, k) => {
      assert.equal(Number(r[0]), k, "steps count up from 0");
      assert.equal(r[2], optimizer.name);
      const got = r.slice(3).map(Number);
      const want = [reference.path[2 * k], reference.path[2 * k + 1], reference.loss[k], reference.gradient_norm[k], reference.learning_rate[k]];
      assert.deepEqual(got, want, `racer ${racer}, step ${k}`);
    });
  }
  await view.finish();
});

test("the PNG export is the heatmap and the overlay together, with a legend", async () => {
  const view = await app.openReady("/");
  const page = view.page;
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download PNG" }).click(),
  ]);
  const png = readFileSync(await download.path());
  assert.equal(png.subarray(1, 4).toString(), "PNG");
  const size = [png.readUInt32BE(16), png.readUInt32BE(20)];
  const canvas = await page.$eval("[data-ref=heat]", (c) => [c.width, c.height]);
  // As wide as the canvases; taller by the legend under them (a11y.test.mjs).
  assert.equal(size[0], canvas[0]);
  assert.ok(size[1] > canvas[1], `${size} vs the canvas's ${canvas}`);
  assert.ok(png.length > 20_000, `a ${png.length}-byte PNG is too plain to hold a heatmap`);
  await view.finish();
});

test("sharp and readable on a 4K screen", async () => {
  const view = await app.openReady("/", { viewport: { width: 1920, height: 1080 }, deviceScaleFactor: 2 });
  const page = view.page;
  const [css, pixels] = await page.$eval("[data-ref=heat]", (c) => [c.getBoundingClientRect().width, c.width]);
  assert.ok(Math.abs(pixels - 2 * css) <= 2, `the canvas is ${pixels} px wide for ${css} CSS px at DPR 2`);
  await page.getByRole("button", { name: "Play" }).click();
  await page.waitForFunction(() => Number(document.querySelector(".racer-table .col-step").textContent) >= 60);
  await view.finish("race-4k");
});

test("wheel zooms, drag pans, pinch zooms, Reset view restores", async () => {
  const view = await app.openReady("/");
  const page = view.page;
  const windowNow = () => page.evaluate(() => Array.from(window.__race.view.window()));
  const start = await startPoint(page);
  const initial = await windowNow();
  const box = await page.locator("[data-ref=overlay]").boundingBox();
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;

  await page.mouse.move(cx, cy);
  const hover = await page.textContent("[data-ref=hover]");
  const [hx, hy, hj] = hover.match(/^x = (\S+), y = (\S+), J = (\S+)$/).slice(1).map(Number);
  const probe = await page.evaluate(([x, y]) => window.__race.view.hover(x, y), [cx - box.x, cy - box.y]);
  assert.ok(Math.abs(hx - probe.x) < 1e-3 * (initial[1] - initial[0]) && Math.abs(hy - probe.y) < 1e-2, `hover says ${hover}`);
  assert.ok(Math.abs(hj - probe.loss) <= 1e-3 * Math.abs(probe.loss) + 1e-9, `hover loss ${hj} vs ${probe.loss}`);
  await page.mouse.wheel(0, -400);
  await page.waitForFunction((w) => window.__race.view.window()[1] - window.__race.view.window()[0] < w[1] - w[0], initial);
  const zoomed = await windowNow();
  assert.ok(zoomed[1] - zoomed[0] < 0.8 * (initial[1] - initial[0]), `wheel up did not zoom in: ${zoomed}`);
  await view.screenshot("race-zoomed");

  await page.mouse.down();
  await page.mouse.move(cx + 100, cy + 50, { steps: 5 });
  await page.mouse.up();
  const panned = await windowNow();
  assert.ok(panned[0] < zoomed[0], `dragging right should show what lies left: ${panned} vs ${zoomed}`);
  assert.ok(Math.abs(panned[1] - panned[0] - (zoomed[1] - zoomed[0])) < 1e-9, "a pan changed the zoom");
  assert.deepEqual(await startPoint(page), start, "a drag must not set the start");

  // Two touch pointers moving apart: a pinch that zooms in about their middle.
  await page.evaluate(([x, y]) => {
    const canvas = document.querySelector("[data-ref=overlay]");
    const fire = (type, id, px) =>
      canvas.dispatchEvent(new PointerEvent(type, { pointerId: id, pointerType: "touch", clientX: px, clientY: y, bubbles: true, isPrimary: id === 1 }));
    fire("pointerdown", 1, x - 40);
    fire("pointerdown", 2, x + 40);
    fire("pointermove", 1, x - 80);
    fire("pointermove", 2, x + 80);
    fire("pointerup", 1, x - 80);
    fire("pointerup", 2, x + 80);
  }, [cx, cy]);
  const pinched = await windowNow();
  const ratio = (panned[1] - panned[0]) / (pinched[1] - pinched[0]);
  assert.ok(Math.abs(ratio - 2) < 0.05, `spreading two fingers to twice the distance zoomed by ${ratio}`);
  assert.deepEqual(await startPoint(page), start, "a pinch must not set the start");

  await page.getByRole("button", { name: "Reset view" }).click();
  assert.deepEqual(await windowNow(), initial);
  await view.finish();
});

test("Random init draws the same start as simulate with that σ and seed", async () => {
  const view = await app.openReady("/");
  const page = view.page;
  await page.getByRole("textbox", { name: "Random init σ" }).fill("2");
  await page.getByRole("textbox", { name: "Random init seed" }).fill("7");
  await page.getByRole("button", { name: "Random init" }).click();
  await page.waitForFunction(() => document.querySelector("[data-ref=start]").dataset.x !== "-2.5");
  const drawn = await startPoint(page);
  const reference = await page.evaluate(async () => {
    const descent = await import("/pkg/descent.js");
    const r = descent.simulate({ landscape: "ellipse", start: { sigma: 2 }, seed: 7, optimizer: { name: "sgd" }, steps: 0 });
    return [r.path[0], r.path[1]];
  });
  assert.deepEqual(drawn, reference);
  assert.equal(await page.getByRole("textbox", { name: "Random init seed" }).inputValue(), "8", "the next click draws a new point");
  await page.getByRole("textbox", { name: "Random init σ" }).fill("-1");
  await page.getByRole("button", { name: "Random init" }).click();
  assert.match(await page.textContent("[data-ref=start-message]"), /σ/);
  assert.deepEqual(await startPoint(page), drawn, "a bad σ must keep the start");
  await view.finish();
});

test("the update rule shows Adam's live m, v, m̂, v̂ and the step", async () => {
  const view = await app.openReady("/");
  const page = view.page;
  await page.getByRole("radio", { name: "Show the update rule of racer 3" }).check();
  await page.locator("#start-title").click(); // focus off the radio, whose arrows pick another racer
  for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowRight");
  await page.waitForFunction(() => document.querySelector("[data-ref=rule-hyper]").textContent.startsWith("t = 3"));
  const live = await page.$$eval("[data-ref=rule-live] tbody tr", (rows) =>
    rows.map((tr) => [...tr.children].map((c) => c.textContent)),
  );
  assert.deepEqual(live.map((r) => r[0]), ["g", "m", "v", "m̂", "v̂", "step Δw"]);
  for (const row of live) assert.ok(row.slice(1).every((v) => Number.isFinite(Number(v))), `${row}`);
  const rule = await page.evaluate(() => window.__race.race.update_rule(2));
  assert.equal(Number(live[0][1]), Number(rule.g[0].toPrecision(4)), "g is the engine's");
  assert.match(await page.textContent("[data-ref=rule-title]"), /racer 3: adam/);
  assert.ok((await page.locator("[data-ref=rule-math] math").count()) >= 4, "Adam's rule is written out");
  await view.finish("race-update-rule");
});

test("the picker lists every landscape, and every control has an accessible name", async () => {
  const view = await app.openReady("/");
  const page = view.page;
  const [options, catalogue] = await page.evaluate(async () => {
    const descent = await import("/pkg/descent.js");
    return [
      [...document.querySelectorAll("[data-ref=landscape] option")].map((o) => o.value),
      descent.catalogue().landscapes.map((l) => l.name),
    ];
  });
  assert.deepEqual(options, catalogue);
  await page.locator(".racer").nth(0).locator("summary").click();
  const unnamed = await page.$$eval("button, input, select, canvas[role]", (controls) =>
    controls
      .filter((c) => !(c.getAttribute("aria-label") || c.labels?.length || c.textContent.trim()))
      .map((c) => c.outerHTML.slice(0, 80)),
  );
  assert.deepEqual(unnamed, []);
  await view.finish();
});

test("Copy link puts the link of this exact state on the clipboard", async () => {
  const view = await app.open("/");
  await view.context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await view.ready();
  const page = view.page;
  await page.getByRole("combobox", { name: "Landscape" }).selectOption("himmelblau");
  await page.getByRole("button", { name: "Copy link" }).click();
  await page.locator(".notice-info").waitFor({ state: "visible" });
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(copied, await page.evaluate(() => location.href));
  assert.match(copied, /#race\?landscape=himmelblau&/);
  await view.finish();
});

test("the navigation switches views and comes back to the same race", async () => {
  const view = await app.openReady("/");
  const page = view.page;
  await page.getByRole("combobox", { name: "Landscape" }).selectOption("beale");
  await page.waitForFunction(() => location.hash.includes("landscape=beale"));
  const nav = page.getByRole("navigation", { name: "Views" });
  await nav.getByRole("link", { name: "Learning rate" }).click();
  await page.waitForFunction(() => location.hash.startsWith("#lr"));
  assert.equal(await page.locator(".racer-table").count(), 0, "the race is gone");
  assert.equal(await nav.getByRole("link", { name: "Learning rate" }).getAttribute("aria-current"), "page");
  await view.screenshot("nav-learning-rate");
  await nav.getByRole("link", { name: "Optimizer race" }).click();
  await page.locator(".racer-table tbody tr").first().waitFor();
  assert.equal(await page.getByRole("combobox", { name: "Landscape" }).inputValue(), "beale");
  await view.finish();
});

test("a wasm that fails to load is said on the page, not only in the console", async () => {
  const view = await app.open("/js/palette.js"); // any small page, to get a context to route in
  await view.page.route("**/descent_bg.wasm", (route) => route.fulfill({ status: 200, contentType: "application/wasm", body: "not wasm" }));
  await view.page.goto(new URL("/", app.url).href);
  const fatal = view.page.locator("#fatal");
  await fatal.waitFor({ state: "visible" });
  assert.match(await fatal.textContent(), /engine \(WebAssembly\) failed to load/);
  await view.screenshot("race-wasm-failed");
  await view.close();
});

test("a racer keeps its colour when another is removed, and a new racer takes a free colour", async () => {
  const view = await app.openReady("/#race?racer=sgd&racer=adam&racer=rmsprop");
  const page = view.page;
  const colours = () =>
    page.$$eval(".racer", (cards) => cards.map((c) => c.style.getPropertyValue("--racer-color")));
  const tableColours = () =>
    page.$$eval(".racer-table tbody .swatch", (s) => s.map((e) => e.style.getPropertyValue("--racer-color")));
  const before = await colours();
  assert.equal(new Set(before).size, 3);
  await page.getByRole("button", { name: "Remove racer 2" }).click();
  await page.waitForFunction(() => document.querySelectorAll(".racer-table tbody tr").length === 2);
  assert.deepEqual(await colours(), [before[0], before[2]], "rmsprop kept its colour");
  assert.deepEqual(await tableColours(), [before[0], before[2]]);
  assert.deepEqual(await page.evaluate(() => window.__race.colors()), [before[0], before[2]]);
  await page.getByRole("button", { name: "Add racer" }).click();
  const after = await colours();
  assert.equal(after.length, 3);
  assert.equal(after[2], before[1], "the new racer takes the freed colour");
  await view.finish("race-colours-after-remove");
});

test("the start can be typed: Enter sets it, garbage gets a message and the start stays", async () => {
  const view = await app.openReady("/#race?landscape=ellipse&start=-2.5,1");
  const page = view.page;
  const x = page.getByRole("textbox", { name: "Start x" });
  const y = page.getByRole("textbox", { name: "Start y" });
  assert.equal(await x.inputValue(), "-2.5");
  await x.fill("1.5");
  await y.fill("-0.5");
  await y.press("Enter");
  assert.deepEqual(await startPoint(page), [1.5, -0.5]);
  await page.waitForFunction(() => location.hash.includes("start=1.5,-0.5"));
  await x.fill("abc");
  await page.getByRole("button", { name: "Set start" }).click();
  assert.match(await page.textContent("[data-ref=start-message]"), /Start x: “abc” is not a number/);
  assert.deepEqual(await startPoint(page), [1.5, -0.5]);
  await x.fill("1e9");
  await x.press("Enter");
  assert.match(await page.textContent("[data-ref=start-message]"), /1000000000|1e9|±/);
  assert.deepEqual(await startPoint(page), [1.5, -0.5]);
  await view.finish("race-typed-start");
});
