// Views are components: two races and two trainings mounted on one page
// (www/test/mount.html, a test page) each keep their own state, draw,
// advance and pause on their own, take only the keys meant for them, save
// nothing to the URL, and keep running when another figure unmounts.

import { test } from "node:test";
import assert from "node:assert/strict";
import { useApp } from "./harness.mjs";

const app = useApp();

const FIGURES = ["race-a", "race-b", "train-a", "train-b"];

/** Each race's first-row step and each training's first-run epoch, by figure. */
function progress(page) {
  return page.evaluate(() => ({
    "race-a": Number(document.querySelector("#race-a .racer-table .col-step")?.textContent ?? NaN),
    "race-b": Number(document.querySelector("#race-b .racer-table .col-step")?.textContent ?? NaN),
    "train-a": Number(document.querySelector("#train-a .metrics-table tbody tr")?.dataset.epoch ?? NaN),
    "train-b": Number(document.querySelector("#train-b .metrics-table tbody tr")?.dataset.epoch ?? NaN),
  }));
}

/** Waits until figure `id` shows progress of at least `at_least`. */
function waitFor(page, id, atLeast, timeout = 20_000) {
  const selector = id.startsWith("race")
    ? `#${id} .racer-table .col-step`
    : `#${id} .metrics-table tbody tr`;
  return page.waitForFunction(
    ([s, race, n]) => {
      const e = document.querySelector(s);
      return e && Number(race ? e.textContent : e.dataset.epoch) >= n;
    },
    [selector, id.startsWith("race"), atLeast],
    { timeout },
  );
}

/** Distinct colours on a canvas: a heatmap or a decision boundary, not a blank fill. */
function colours(page, selector) {
  return page.$eval(selector, (canvas) => {
    const { data } = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height);
    const seen = new Set();
    for (let i = 0; i < data.length; i += 4 * 7) if (data[i + 3]) seen.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
    return seen.size;
  });
}

test("two races and two trainings run side by side, each on its own, and survive another's unmount", async () => {
  const view = await app.openReady("/test/mount.html");
  const page = view.page;
  const figure = (id) => page.locator(`#${id}`);

  // Each figure starts from its own state, and reports it.
  const states = await page.evaluate(() =>
    Object.fromEntries(Object.entries(window.__figures).map(([name, f]) => [name, f.state()])),
  );
  assert.equal(states.raceA.landscape, "rosenbrock");
  assert.deepEqual(states.raceA.start, [-1.5, 2]);
  assert.deepEqual(states.raceA.racers.map((r) => r.split(",")[0]), ["adam", "sgd"]);
  assert.equal(states.raceB.landscape, "himmelblau");
  assert.deepEqual(states.raceB.racers.map((r) => r.split(",")[0]), ["rmsprop", "sgd"]);
  assert.equal(states.raceB.speed, 100);
  assert.equal(states.trainA.dataset, "xor");
  assert.equal(states.trainA.optimizer, "adam");
  assert.equal(states.trainB.dataset, "moons");
  assert.equal(states.trainB.optimizer, "sgd");
  assert.equal(states.trainB.lr, 0.1);
  assert.match(await figure("race-a").locator("[data-ref=formula]").textContent(), /100/, "race A shows Rosenbrock's formula");
  assert.notEqual(
    await figure("race-a").locator("[data-ref=formula]").textContent(),
    await figure("race-b").locator("[data-ref=formula]").textContent(),
  );

  // Nothing collides: ids are unique, each figure's labels point into
  // itself, each race's rule radios are a group of their own, and no
  // embedded figure is a page global.
  const dom = await page.evaluate(() => {
    const ids = [...document.querySelectorAll("[id]")].map((e) => e.id);
    const stray = [];
    for (const f of document.querySelectorAll("[data-figure]")) {
      for (const e of f.querySelectorAll("[aria-labelledby], label[for]")) {
        const target = document.getElementById(e.getAttribute("aria-labelledby") ?? e.htmlFor);
        if (!target || !f.contains(target)) stray.push(e.outerHTML.slice(0, 80));
      }
    }
    const groups = ["race-a", "race-b"].map((id) => [...new Set([...document.querySelectorAll(`#${id} .show-rule input`)].map((r) => r.name))]);
    return { ids, stray, groups, globals: ["__race", "__train"].filter((k) => k in window) };
  });
  assert.equal(new Set(dom.ids).size, dom.ids.length, `duplicate ids: ${dom.ids.filter((id, i) => dom.ids.indexOf(id) !== i)}`);
  assert.deepEqual(dom.stray, [], "labels that point outside their figure");
  assert.equal(dom.groups[0].length, 1);
  assert.equal(dom.groups[1].length, 1);
  assert.notEqual(dom.groups[0][0], dom.groups[1][0], "the two races share a radio group");
  assert.deepEqual(dom.globals, []);

  // Each one draws.
  for (const id of ["race-a", "race-b"]) {
    const n = await colours(page, `#${id} [data-ref=heat]`);
    assert.ok(n > 200, `${id}'s heatmap has only ${n} colours`);
  }
  for (const id of ["train-a", "train-b"]) {
    const n = await colours(page, `#${id} [data-ref=fit]`);
    assert.ok(n > 20, `${id}'s decision boundary has only ${n} colours`);
  }

  // Each one plays, from its own Play button.
  assert.deepEqual(Object.values(await progress(page)), [0, 0, 0, 0], "every figure starts at 0");
  for (const id of FIGURES) await figure(id).getByRole("button", { name: "Play" }).click();
  for (const id of FIGURES) await waitFor(page, id, id.startsWith("race") ? 20 : 3);

  // Pausing one race stops only that race; the other keeps going.
  await figure("race-a").getByRole("button", { name: "Pause" }).click();
  const paused = (await progress(page))["race-a"];
  const b = (await progress(page))["race-b"];
  await waitFor(page, "race-b", b + 10);
  assert.equal((await progress(page))["race-a"], paused, "race A moved while paused");

  // Keys act only for the figure they were typed in: r in race A (its Play
  // button has focus) resets race A, never race B.
  await page.keyboard.press("r");
  await page.waitForFunction(() => [...document.querySelectorAll("#race-a .racer-table .col-step")].every((td) => td.textContent === "0"));
  await page.keyboard.press("ArrowRight");
  await page.waitForFunction(() => document.querySelector("#race-a .racer-table .col-step").textContent === "1");
  const afterKeys = await progress(page);
  assert.ok(afterKeys["race-b"] > b, `race B was reset by race A's keys: ${afterKeys["race-b"]}`);
  assert.equal(await figure("race-b").getByRole("button", { name: "Pause" }).count(), 1, "race B still plays");

  // The same for the trainings.
  await figure("train-a").getByRole("button", { name: "Pause" }).click();
  // The metrics table refreshes a few times a second, so it may still
  // catch up with the epochs run before the click: read it once it has.
  await page.waitForTimeout(500);
  const trainPaused = (await progress(page))["train-a"];
  const trainB = (await progress(page))["train-b"];
  await waitFor(page, "train-b", trainB + 2);
  assert.equal((await progress(page))["train-a"], trainPaused, "training A moved while paused");

  // Embedded figures save nothing to the URL.
  await page.waitForTimeout(500);
  assert.equal(await page.evaluate(() => location.hash), "");

  await view.screenshot("mount-four-figures");

  // Unmounting race A and training A empties their elements; the others run on.
  const last = await page.evaluate(() => {
    const f = window.__figures;
    const state = f.raceA.state();
    f.raceA.unmount();
    f.trainA.unmount();
    return {
      state,
      after: f.raceA.state(),
      emptied: ["race-a", "train-a"].map((id) => document.getElementById(id).childElementCount),
      figures: document.querySelectorAll("[data-figure]").length,
    };
  });
  assert.deepEqual(last.emptied, [0, 0]);
  assert.equal(last.figures, 2);
  assert.deepEqual(last.after, last.state, "state() after unmount is the state at unmount");
  const before = await progress(page);
  await waitFor(page, "race-b", before["race-b"] + 10);
  await waitFor(page, "train-b", before["train-b"] + 2);
  // Race B still answers its own controls, and a key typed in it.
  await figure("race-b").getByRole("button", { name: "Pause" }).click();
  await page.keyboard.press("r");
  await page.waitForFunction(() => [...document.querySelectorAll("#race-b .racer-table .col-step")].every((td) => td.textContent === "0"));
  assert.equal(await page.evaluate(() => location.hash), "");
  await view.finish("mount-after-unmount");
});

test("an embedded figure reports a broken state in its own notice strip", async () => {
  const view = await app.openReady("/test/mount.html");
  const page = view.page;
  const text = await page.evaluate(async () => {
    const { mount } = await import("/js/race/view.js");
    const host = document.createElement("div");
    document.body.append(host);
    const figure = mount(host, { landscape: "narnia", speed: "fast", bogus: 1 });
    const notice = host.querySelector(".figure-notices .notice")?.textContent ?? "";
    const state = figure.state();
    figure.unmount();
    host.remove();
    return { notice, landscape: state.landscape, speed: state.speed };
  });
  for (const key of ["landscape", "speed", "bogus"]) assert.ok(text.notice.includes(key), `the notice does not mention ${key}: ${text.notice}`);
  assert.equal(text.landscape, "ellipse");
  assert.equal(text.speed, 40);
  await view.finish();
});
