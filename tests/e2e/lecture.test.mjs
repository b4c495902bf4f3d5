// The lecture mode (#lecture): every scene and every step walked by keyboard
// at 1920×1080 in presenter mode, each figure drawing, no frame over 100 ms
// while stepping, a screenshot per scene; each scene's URL reopening it;
// the keys, the index, a garbage scene id; the speaker window following the
// main one both ways; embedding without the top bar.

import { test } from "node:test";
import assert from "node:assert/strict";
import { useApp } from "./harness.mjs";

const app = useApp();
const FULL_HD = { width: 1920, height: 1080 };

/** The longest frame allowed while stepping, on an idle machine. */
const FRAME_LIMIT_MS = 100;
/** One 800×800 heatmap and its contours on the idle reference machine
 *  (docs/PERFORMANCE.md: 36 – 37 ms). */
const IDLE_HEATMAP_MS = 37;

/**
 * How many times slower than idle this machine runs right now: the test
 * machine is shared, and a frame that takes 60 ms idle takes 200 ms at a
 * load average of 10 on 2 cores. The frame limit is scaled by it (never
 * below 100 ms), and both numbers are reported.
 */
function slowdown(page) {
  return page.evaluate(async (idle) => {
    const d = await import("./pkg/descent.js");
    d.bench_heatmap(800, 800, 1);
    return Math.max(1, d.bench_heatmap(800, 800, 3) / idle);
  }, IDLE_HEATMAP_MS);
}

/** The lecture's place: `{scene, step, id}` (scene and step from 0). */
const position = (page) => page.evaluate(() => window.__lecture.position());

/** Waits until the lecture is at scene `id`, step `k` (from 0), with every figure drawn. */
function arrived(page, id, k, timeout = 15_000) {
  return page.waitForFunction(
    ([id, k]) => {
      const l = window.__lecture;
      if (!l) return false;
      const p = l.position();
      return p.id === id && p.step === k && l.figures().every((f) => f.drawn && f.handle);
    },
    [id, k],
    { timeout },
  );
}

/** Distinct colours on each figure's largest canvases: a picture, not a blank fill. */
function figureColours(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll(".lecture-figure")].map((figure) => {
      const canvases = [...figure.querySelectorAll("canvas")].filter((c) => c.width > 10 && c.height > 10 && c.checkVisibility());
      return canvases.map((canvas) => {
        const { data } = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height);
        const seen = new Set();
        for (let i = 0; i < data.length; i += 4 * 13) if (data[i + 3]) seen.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
        return { ref: canvas.dataset.ref, colours: seen.size, size: `${canvas.width}×${canvas.height}` };
      });
    }),
  );
}

/** The longest gap between animation frames over `ms` of a page doing
 *  nothing: how much the machine's other load alone delays a frame. */
function idleGap(page, ms = 3000) {
  return page.evaluate(
    (ms) =>
      new Promise((resolve) => {
        let last = null;
        let max = 0;
        const end = performance.now() + ms;
        const tick = (now) => {
          if (last !== null) max = Math.max(max, now - last);
          last = now;
          if (now < end) requestAnimationFrame(tick);
          else resolve(max);
        };
        requestAnimationFrame(tick);
      }),
    ms,
  );
}

/** Starts recording the gaps between animation frames in the page. */
function recordFrames(page) {
  return page.evaluate(() => {
    window.__frames = { last: null, max: 0, count: 0, worst: null };
    const tick = (now) => {
      const f = window.__frames;
      if (f.last !== null && now - f.last > f.max) {
        f.max = now - f.last;
        f.worst = window.__lecture?.position().id;
      }
      f.last = now;
      f.count += 1;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}
/** The longest gap since the last reset, then resets. */
const longestFrame = (page) =>
  page.evaluate(() => {
    const f = window.__frames;
    const result = { max: f.max, count: f.count, worst: f.worst };
    Object.assign(f, { last: null, max: 0, count: 0 });
    return result;
  });

test("every scene and step, walked by keyboard in presenter mode at 1920×1080: live figures, lit lines, no long frame, a screenshot each", async (t) => {
  const view = await app.openReady("/#lecture", { viewport: FULL_HD });
  const { page } = view;
  const scenes = await page.evaluate(() =>
    window.__lecture.scenes.map((s) => ({ id: s.id, title: s.title, steps: s.steps, figures: s.figures.length })),
  );
  assert.equal(scenes.length, 19);
  assert.equal(scenes[0].id, "loss");

  const slowBefore = await slowdown(page);
  // The loss scene's race stands still: its frame gaps are the machine's.
  const floor = await idleGap(page);
  await page.keyboard.press("f");
  await page.waitForFunction(() => window.__lecture.presenter);
  await arrived(page, "loss", 0);
  await recordFrames(page);

  const links = [];
  const frameTimes = [];
  for (const [s, scene] of scenes.entries()) {
    for (const [k, step] of scene.steps.entries()) {
      if (s > 0 || k > 0) await page.keyboard.press(k === 0 && s % 2 ? "PageDown" : "ArrowRight");
      await arrived(page, scene.id, k);
      // The step's caption is the current one, and its lines are lit.
      const shown = await page.evaluate(() => ({
        caption: document.querySelector(".scene-step[aria-current=step]")?.textContent,
        algorithm: [...document.querySelectorAll(".scene-algorithm .scene-line")].flatMap((l, i) => (l.classList.contains("lit") ? [i] : [])),
        code: [...document.querySelectorAll(".scene-code .scene-line")].flatMap((l, i) => (l.classList.contains("lit") ? [i] : [])),
        hash: location.hash,
      }));
      assert.equal(shown.caption, step.caption, `${scene.id} step ${k + 1}`);
      assert.deepEqual(shown.algorithm, step.algorithm_lines, `${scene.id} step ${k + 1}: algorithm lines`);
      assert.deepEqual(shown.code, step.code_lines, `${scene.id} step ${k + 1}: code lines`);
      assert.match(shown.hash, new RegExp(`^#lecture\\?scene=${scene.id}&step=${k + 1}(&|$)`));
      // A step never waits on long work: a beat later the figure runs.
      await page.waitForTimeout(400);
    }
    // Let the figure show what the last step does, then look at it.
    await page.waitForTimeout(1200);
    const frames = await longestFrame(page);
    frameTimes.push({ id: scene.id, ms: frames.max });
    const colours = await figureColours(page);
    assert.equal(colours.length, scene.figures, `${scene.id}: figures`);
    for (const [f, canvases] of colours.entries()) {
      assert.ok(canvases.length > 0, `${scene.id}: figure ${f + 1} shows no canvas`);
      const best = Math.max(...canvases.map((c) => c.colours));
      assert.ok(best > 40, `${scene.id}: figure ${f + 1} looks blank: ${JSON.stringify(canvases)}`);
    }
    // Controls hide in presenter mode until the pointer moves.
    assert.equal(await page.locator(".lecture-bar").isVisible(), false, `${scene.id}: the controls show while idle`);
    links.push({ id: scene.id, step: scene.steps.length - 1, hash: await page.evaluate(() => location.hash) });
    await view.screenshot(`lecture-${String(s + 1).padStart(2, "0")}-${scene.id}`);
    await longestFrame(page); // the screenshot's own pause does not count
  }
  const factor = (slowBefore + (await slowdown(page))) / 2;
  // 100 ms on an idle machine. On a loaded one the page's work takes
  // `factor` times longer, and the machine alone stalls even an idle page
  // for `floor` now and then (17 ms when idle): the limit allows for both.
  const limit = FRAME_LIMIT_MS * factor + Math.max(0, floor - 17);
  t.diagnostic(`machine ${factor.toFixed(2)}× slower than idle, idle page's longest frame ${floor.toFixed(0)} ms; frame limit ${limit.toFixed(0)} ms`);
  t.diagnostic(`longest frame per scene (ms): ${frameTimes.map((f) => `${f.id} ${f.ms.toFixed(0)}`).join(", ")}`);
  // A shared machine preempts the browser now and then: a scene over the
  // limit is walked again (from the scene before it), twice at most, and
  // its best walk counts. A long frame of the page's own recurs each time.
  for (const f of frameTimes.filter((f) => f.ms >= limit)) {
    const s = scenes.findIndex((x) => x.id === f.id);
    for (let attempt = 0; attempt < 2 && f.ms >= limit; attempt++) {
      const before = s > 0 ? [s - 1, scenes[s - 1].steps.length - 1] : [s, 0];
      await page.evaluate(([a, b]) => window.__lecture.go(a, b), before);
      await arrived(page, scenes[before[0]].id, before[1]);
      await page.waitForTimeout(1500);
      await longestFrame(page);
      for (const [k] of scenes[s].steps.entries()) {
        if (s > 0 || k > 0) await page.keyboard.press("ArrowRight");
        await arrived(page, f.id, k);
        await page.waitForTimeout(400);
      }
      await page.waitForTimeout(1200);
      const again = (await longestFrame(page)).max;
      t.diagnostic(`${f.id} walked again: ${again.toFixed(0)} ms`);
      f.ms = Math.min(f.ms, again);
    }
  }
  const slow = frameTimes.filter((f) => f.ms >= limit).map((f) => `${f.id}: ${f.ms.toFixed(0)} ms`);
  assert.deepEqual(slow, [], `frames over ${limit.toFixed(0)} ms while stepping`);

  // Presenter type: narration at least 1/30 of the screen's height, and
  // the figures zoomed so the engine's 12 px labels reach 1/60 of it.
  await page.keyboard.press("Home");
  await arrived(page, "loss", 0);
  const sizes = await page.evaluate(() => ({
    narration: parseFloat(getComputedStyle(document.querySelector(".scene-narration")).fontSize),
    zoom: window.__lecture.figures()[0].zoom,
  }));
  assert.ok(sizes.narration >= 1080 / 30, `narration ${sizes.narration} px`);
  assert.ok(12 * sizes.zoom >= 1080 / 60 - 0.01, `figure zoom ${sizes.zoom}`);
  // The pointer moving brings the controls back; still, they hide again.
  await page.mouse.move(900, 500);
  await page.mouse.move(950, 520);
  await page.locator(".lecture-bar").waitFor({ state: "visible" });
  assert.ok(await page.locator(".lecture-figure [data-ref=play]").isVisible(), "the figure's own controls stay hidden");
  await page.locator(".lecture-bar").waitFor({ state: "hidden", timeout: 6000 });
  view.assertNoErrors();

  // Each scene's URL reopens it, at its step, in a fresh page.
  const again = await app.open("/", { viewport: { width: 1280, height: 720 } });
  for (const link of links) {
    await again.goto("about:blank");
    await again.goto(new URL(`/${link.hash}`, app.url).href);
    await arrived(again.page, link.id, link.step);
    // Leaving mid-load would abort the view's stylesheet.
    await again.page.waitForLoadState("networkidle");
  }
  again.assertNoErrors();
});

test("keys: PageDown and PageUp, Home and End, a number then Enter, the scene index by key and by click; keys go to the lecture, Space to its figure", async () => {
  const view = await app.openReady("/#lecture?scene=gradient-descent&step=1");
  const { page } = view;
  await arrived(page, "gradient-descent", 0);

  for (const [key, scene, step] of [
    ["PageDown", "gradient-descent", 1],
    ["PageUp", "gradient-descent", 0],
    ["ArrowLeft", "loss", 0],
    ["End", "review", 0],
    ["Home", "loss", 0],
  ]) {
    await page.keyboard.press(key);
    await arrived(page, scene, step);
  }
  await page.keyboard.press("1");
  await page.keyboard.press("7");
  assert.match(await page.locator(".lecture-digits").textContent(), /17/);
  await page.keyboard.press("Enter");
  await arrived(page, "dropout", 0);

  // The index lists every title; a click jumps.
  await page.keyboard.press("i");
  const index = page.getByRole("dialog", { name: "Scenes" });
  await index.waitFor();
  assert.equal(await index.getByRole("link").count(), 19);
  await index.getByRole("link", { name: "A stable learning rate" }).click();
  await arrived(page, "lr-stable", 0);
  assert.equal(await index.isVisible(), false);
  await page.getByRole("button", { name: "Scenes" }).click();
  await index.getByRole("link", { name: "Gradient descent", exact: true }).click();
  await arrived(page, "gradient-descent", 0);

  // A key typed after clicking in the figure still goes to the lecture:
  // → moves the lecture, not the race one step.
  await page.locator(".lecture-figure .racer-table").click();
  await page.keyboard.press("ArrowRight");
  await arrived(page, "gradient-descent", 1);
  const steps = () => page.evaluate(() => Number(document.querySelector(".lecture-figure .racer-table .col-step").textContent));
  assert.equal(await steps(), 0, "the race stepped on the lecture's key");
  // Step 3 takes one step.
  await page.keyboard.press("ArrowRight");
  await arrived(page, "gradient-descent", 2);
  await page.waitForFunction(() => document.querySelector(".lecture-figure .racer-table .col-step").textContent === "1");

  // A changed figure gets its own link: the start moved by a click.
  await page.locator(".lecture-figure [data-ref=overlay]").click({ position: { x: 200, y: 120 } });
  await page.waitForFunction(() => location.hash.includes("&figure="), null, { timeout: 5000 });
  const changed = await page.evaluate(() => ({ hash: location.hash, start: window.__lecture.figures()[0].handle.state().start }));
  await page.waitForFunction((start) => location.hash.includes(`start%3D${start.join(",")}`), changed.start);
  changed.hash = await page.evaluate(() => location.hash);
  const open = await page.locator(".figure-open").getAttribute("href");
  assert.match(open, /^index\.html#race\?/);
  assert.ok(open.includes(`start=${changed.start.join(",")}`), `the full tool's link ${open} lacks the start ${changed.start}`);
  const reopened = await app.openReady(`/${changed.hash}`);
  await arrived(reopened.page, "gradient-descent", 2);
  assert.deepEqual(await reopened.page.evaluate(() => window.__lecture.figures()[0].handle.state().start), changed.start);
  reopened.assertNoErrors();

  // Space pauses and plays the scene's figure (a long race on Rastrigin;
  // the furthest racer's step, since some converge early).
  const furthest = () => Math.max(...[...document.querySelectorAll(".lecture-figure .racer-table .col-step")].map((td) => Number(td.textContent)));
  await page.keyboard.press("4");
  await page.keyboard.press("Enter");
  await arrived(page, "difficult", 0);
  await page.waitForFunction((f) => new Function(`return (${f})()`)() > 3, furthest.toString());
  await page.keyboard.press(" ");
  const paused = await page.evaluate(furthest);
  await page.waitForTimeout(400);
  assert.equal(await page.evaluate(furthest), paused, "Space did not pause the figure");
  await page.keyboard.press(" ");
  await page.waitForFunction(([f, n]) => new Function(`return (${f})()`)() > n + 3, [furthest.toString(), paused]);
  view.assertNoErrors();
});

test("a garbage scene id falls back to the first scene, with a notice", async () => {
  const view = await app.openReady("/#lecture?scene=no-such-scene&step=x");
  await arrived(view.page, "loss", 0);
  const notices = await view.page.locator("#notices").textContent();
  assert.match(notices, /no scene “no-such-scene”/);
  assert.match(notices, /step=/);
  assert.match(await view.page.evaluate(() => location.hash), /^#lecture\?scene=loss&step=1$/);
  await view.screenshot("lecture-garbage-scene");
  view.assertNoErrors();
});

test("the speaker window follows the main window, and the main window follows it", async () => {
  const view = await app.openReady("/#lecture?scene=gradient-descent&step=1");
  const { page } = view;
  await arrived(page, "gradient-descent", 0);
  const [speaker] = await Promise.all([view.context.waitForEvent("page"), page.keyboard.press("p")]);
  const problems = [];
  speaker.on("pageerror", (error) => problems.push(error.message));
  speaker.on("console", (message) => message.type() === "error" && problems.push(message.text()));
  await speaker.waitForFunction(() => document.documentElement.dataset.ready === "true");
  assert.match(speaker.url(), /#lecture\?.*speaker=1/);
  const speakerAt = (id, step) =>
    speaker.waitForFunction(([id, step]) => {
      const root = document.querySelector(".speaker");
      return root?.dataset.scene === id && root.dataset.step === String(step);
    }, [id, step]);
  await speakerAt("gradient-descent", 1);
  assert.match(await speaker.locator(".speaker-notes").textContent(), /N\(0, σ²\)/);
  assert.match(await speaker.locator(".speaker-next-text").textContent(), /Compute the gradient/);
  // The speaker window shows no figure: the projector has it.
  assert.equal(await speaker.locator("canvas").count(), 0);

  // Main → speaker.
  await page.keyboard.press("ArrowRight");
  await speakerAt("gradient-descent", 2);
  await page.keyboard.press("End");
  await speakerAt("review", 1);
  await page.keyboard.press("Home");
  await speakerAt("loss", 1);
  await speaker.waitForFunction(() => document.querySelector(".speaker").dataset.connected === "true");

  // Speaker → main, by key and by button.
  await speaker.bringToFront();
  await speaker.keyboard.press("ArrowRight");
  await arrived(page, "gradient-descent", 0);
  await speaker.keyboard.press("PageDown");
  await arrived(page, "gradient-descent", 1);
  await speaker.getByRole("button", { name: "Next →" }).click();
  await arrived(page, "gradient-descent", 2);
  await speaker.getByRole("button", { name: "← Back" }).click();
  await arrived(page, "gradient-descent", 1);
  // Space in the speaker window plays the projector's figure.
  await speaker.keyboard.press(" ");
  await page.waitForFunction(() => window.__lecture.figures()[0].handle && document.querySelector(".lecture-figure [data-ref=play]").textContent === "Pause");
  await speaker.screenshot({ path: (await view.screenshot("lecture-speaker-main")).replace("-main.png", "-window.png") });
  assert.deepEqual(problems, []);
  view.assertNoErrors();
});

test("embed=1 in any view's hash hides the top bar and links out; the Embed button gives the iframe", async () => {
  for (const hash of [
    "#race?embed=1&landscape=rosenbrock",
    "#backprop?embed=1",
    "#lr?embed=1",
    "#train?embed=1&dataset=xor",
    "#lecture?embed=1&scene=dropout",
  ]) {
    const view = await app.openReady(`/${hash}`);
    const { page } = view;
    assert.equal(await page.locator("header.top").isVisible(), false, `${hash}: the top bar shows`);
    const open = page.getByRole("link", { name: "Open in Descent" });
    assert.ok(await open.isVisible(), `${hash}: no Open in Descent link`);
    await page.waitForTimeout(500);
    const href = await open.getAttribute("href");
    const view_ = hash.slice(1, hash.indexOf("?"));
    assert.ok(new URL(href).hash.startsWith(`#${view_}`), href);
    assert.ok(!href.includes("embed"), `${hash}: the way out still embeds: ${href}`);
    // The page keeps embed as it saves its state.
    assert.match(await page.evaluate(() => location.hash), /[?&]embed=1/);
    if (view_ === "race") {
      assert.ok(href.includes("landscape=rosenbrock"), href);
      await view.screenshot("embed-race");
    }
    await view.finish();
  }

  const view = await app.openReady("/#lecture?scene=adaptive");
  await view.page.getByRole("button", { name: "Embed" }).click();
  const dialog = view.page.getByRole("dialog", { name: "Embed this view" });
  await dialog.waitFor();
  const snippet = await dialog.getByRole("textbox", { name: "iframe snippet" }).inputValue();
  assert.match(snippet, /^<iframe src="http:\/\/[^"]+#lecture\?embed=1&amp;scene=adaptive&amp;step=1"/);
  assert.match(snippet, /allowfullscreen/);
  await dialog.getByRole("button", { name: "Copy" }).click();
  await view.screenshot("embed-dialog");
  view.assertNoErrors();
});
