// Fit for a screen reader and a keyboard: every view speaks through one
// polite live region, a few times while it plays rather than every frame;
// every view takes the same keys (Space, →, r, ?, and "," "." reserved for
// a timeline); the landscapes and the sweep chart work from the keyboard;
// the focus ring has contrast; and nothing is told by colour alone. Also
// the race's suggested learning rates and presets, which make a new racer
// move on every landscape.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { useApp } from "./harness.mjs";

const app = useApp();

async function open(hash) {
  const view = await app.openReady(`/${hash}`);
  return view;
}

/**
 * Starts counting live-region changes: every mutation inside an element
 * with aria-live (other than off), role status, log or alert, or an
 * <output>, one change per region per batch of mutations. Regions added
 * later (a notice) count too. Returns nothing; read window.__liveChanges.
 */
function countLiveChanges(page) {
  return page.evaluate(() => {
    const LIVE = '[aria-live]:not([aria-live="off"]), [role="status"], [role="log"], [role="alert"], output';
    window.__liveChanges = { total: 0, regions: new Map(), texts: [] };
    const observer = new MutationObserver((records) => {
      const seen = new Set();
      for (const r of records) {
        const node = r.target.nodeType === Node.ELEMENT_NODE ? r.target : r.target.parentElement;
        const region = node?.closest(LIVE);
        if (!region || seen.has(region)) continue;
        if (r.type === "attributes" && r.attributeName !== "hidden") continue;
        seen.add(region);
        window.__liveChanges.total += 1;
        const name = region.dataset.ref ?? region.className ?? region.tagName;
        window.__liveChanges.regions.set(name, (window.__liveChanges.regions.get(name) ?? 0) + 1);
        window.__liveChanges.texts.push(region.textContent.trim().slice(0, 100));
      }
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    window.__stopLiveCount = () => observer.disconnect();
  });
}

function liveChanges(page) {
  return page.evaluate(() => ({
    total: window.__liveChanges.total,
    regions: Object.fromEntries(window.__liveChanges.regions),
    texts: window.__liveChanges.texts,
  }));
}

/** Live regions in the page's figure: there is one, polite. */
function liveRegions(page) {
  return page.$$eval('[data-figure] [aria-live]:not([aria-live="off"]), [data-figure] [role=status], [data-figure] [role=log], [data-figure] output', (list) =>
    list.filter((e) => !e.closest(".field-message") && !e.hidden).map((e) => e.className || e.tagName),
  );
}

const PLAY = {
  race: { hash: "#race?speed=2000", started: () => Number(document.querySelector(".racer-table .col-step").textContent) > 0 },
  lr: { hash: "#lr", started: () => window.__lr.lab.outcome(0).step > 0 },
  backprop: { hash: "#backprop?lr=0.01", started: () => Number(document.querySelector("[data-ref=status]").dataset.steps) > 0 },
  train: { hash: "#train", started: () => Number(document.querySelector(".metrics-table tbody tr").dataset.epoch) > 0 },
};

for (const [id, { hash, started }] of Object.entries(PLAY)) {
  test(`the ${id} view says under 5 things in 3 s of play, through one polite live region`, async () => {
    const view = await open(hash);
    const page = view.page;
    assert.deepEqual(await liveRegions(page), ["sr-only announcer"], "the figure's only live region is its announcer");
    await countLiveChanges(page);
    await page.getByRole("button", { name: "Play" }).click();
    await page.waitForFunction(started);
    await page.waitForTimeout(3000);
    const changes = await liveChanges(page);
    assert.ok(changes.total < 5, `${changes.total} live-region changes in 3 s: ${JSON.stringify(changes)}`);
    console.log(`# ${id}: ${changes.total} live-region changes in 3 s of play ${JSON.stringify(changes.texts)}`);
    await view.finish(`a11y-${id}-playing`);
  });
}

test("the race says each racer's outcome once, in words", async () => {
  const view = await open("#race?landscape=ellipse&racer=sgd,learning_rate:0.07&racer=sgd,learning_rate:0.09&speed=100000");
  const page = view.page;
  await countLiveChanges(page);
  await page.getByRole("button", { name: "Play" }).click();
  await page.waitForFunction(() => window.__race.race.all_finished(), null, { timeout: 20_000 });
  await page.waitForFunction(() => window.__liveChanges.texts.some((t) => /every racer has finished/.test(t)), null, { timeout: 5000 });
  const said = (await liveChanges(page)).texts.join(" | ");
  assert.match(said, /racer 1 \(sgd\) converged at step \d+/);
  assert.match(said, /racer 2 \(sgd\) diverged at step \d+/);
  await view.finish();
});

/** The keys dialog: opens on ?, lists the shared keys, closes on Escape. */
async function checkKeysDialog(page) {
  await page.keyboard.press("?");
  const dialog = page.locator("dialog.keys-dialog");
  await dialog.waitFor({ state: "visible" });
  const rows = await dialog.locator("tr").allTextContents();
  for (const key of ["Space", "→", "r", ",", ".", "?", "Esc"]) {
    assert.ok(rows.some((r) => r.startsWith(key)), `the list has no ${key}: ${rows.join(" | ")}`);
  }
  assert.ok(rows.some((r) => /^,.*reserved/.test(r)), "“,” is listed as reserved");
  await page.keyboard.press("Escape");
  await dialog.waitFor({ state: "hidden" });
  return rows;
}

test("race keys: Space, →, r, ? and Escape; never while typing", async () => {
  const view = await open("#race");
  const page = view.page;
  const step = () => page.evaluate(() => window.__race.race.summary(0).step);
  const playing = () => page.evaluate(() => window.__race.loop.playing);
  await page.keyboard.press(" ");
  assert.ok(await playing(), "Space plays");
  await page.waitForFunction(() => window.__race.race.summary(0).step > 2);
  await page.keyboard.press(" ");
  assert.ok(!(await playing()), "Space pauses");
  const before = await step();
  await page.keyboard.press("ArrowRight");
  assert.equal(await step(), before + 1, "→ steps");
  await page.keyboard.press(",");
  await page.keyboard.press(".");
  assert.equal(await step(), before + 1, "“,” and “.” are reserved: the race has no timeline");
  await page.keyboard.press("r");
  assert.equal(await step(), 0, "r resets");
  await page.getByRole("textbox", { name: "Start x" }).focus();
  await page.keyboard.press(" ");
  await page.keyboard.press("r");
  assert.ok(!(await playing()), "Space in a text field types");
  assert.equal(await page.getByRole("textbox", { name: "Start x" }).inputValue(), "-2.5 r");
  await page.evaluate(() => document.activeElement.blur());
  const rows = await checkKeysDialog(page);
  await page.getByRole("button", { name: "Keys" }).click();
  await page.locator("dialog.keys-dialog").waitFor({ state: "visible" });
  await view.screenshot("a11y-race-keys");
  await page.keyboard.press("Escape");
  assert.ok(rows.some((r) => /Enter.*set the start/.test(r)), "the landscape's own keys are listed");
  await view.finish();
});

test("learning-rate keys: Space, → (a new Step button), r, ?", async () => {
  const view = await open("#lr");
  const page = view.page;
  const step = () => page.evaluate(() => window.__lr.lab.outcome(0).step);
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  assert.equal(await step(), 2, "→ steps every panel");
  await page.getByRole("button", { name: "Step" }).click();
  assert.equal(await step(), 3);
  // Space on the focused Step button is the button's own.
  await page.evaluate(() => document.activeElement.blur());
  await page.keyboard.press(" ");
  await page.waitForFunction(() => window.__lr.lab.outcome(0).step > 10);
  await page.keyboard.press(" ");
  assert.equal(await page.textContent("[data-ref=play]"), "Play");
  await page.keyboard.press("r");
  assert.equal(await step(), 0, "r resets");
  await checkKeysDialog(page);
  await view.finish();
});

test("backprop keys: Space, →, r, ?; the focused landscape keeps its arrows", async () => {
  const view = await open("#backprop");
  const page = view.page;
  const steps = () => page.$eval("[data-ref=status]", (p) => Number(p.dataset.steps));
  await page.keyboard.press("ArrowRight");
  assert.equal(await steps(), 1, "→ steps");
  await page.keyboard.press(" ");
  await page.waitForFunction(() => Number(document.querySelector("[data-ref=status]").dataset.steps) > 3);
  await page.keyboard.press(" ");
  assert.equal(await page.textContent("[data-ref=play]"), "Play", "Space pauses");
  await page.keyboard.press("r");
  assert.equal(await steps(), 0, "r resets the path");
  await page.locator("[data-ref=overlay]").focus();
  await page.keyboard.press("ArrowRight");
  assert.equal(await steps(), 0, "on the landscape → moves w₁, it does not step");
  assert.deepEqual(await page.evaluate(() => window.__backprop.lab.weights()), [-1.15, -1.5]);
  await checkKeysDialog(page);
  await view.finish();
});

test("training keys: Space (declared, now handled), → one epoch, r, ?", async () => {
  const view = await open("#train");
  const page = view.page;
  const epoch = () => page.$eval(".metrics-table tbody tr", (tr) => Number(tr.dataset.epoch));
  await page.keyboard.press("ArrowRight");
  await page.waitForFunction(() => Number(document.querySelector(".metrics-table tbody tr").dataset.epoch) === 1);
  await page.keyboard.press(" ");
  assert.equal(await page.textContent("[data-ref=play]"), "Pause", "Space plays");
  await page.waitForFunction(() => Number(document.querySelector(".metrics-table tbody tr").dataset.epoch) > 2);
  await page.keyboard.press(" ");
  assert.equal(await page.textContent("[data-ref=play]"), "Play", "Space pauses");
  await page.keyboard.press("r");
  await page.waitForFunction(() => Number(document.querySelector(".metrics-table tbody tr").dataset.epoch) === 0);
  assert.equal(await epoch(), 0, "r resets");
  await page.getByRole("textbox", { name: "Noise" }).focus();
  await page.keyboard.press(" ");
  assert.equal(await page.textContent("[data-ref=play]"), "Play", "Space in a field types");
  await page.evaluate(() => document.activeElement.blur());
  await checkKeysDialog(page);
  await view.finish();
});

test("the race's landscape takes focus: the arrows move a cursor and Enter sets the start", async () => {
  const view = await open("#race");
  const page = view.page;
  const start = () => page.evaluate(() => Array.from(window.__race.race.start()));
  const [x0, y0] = await start();
  await page.getByRole("button", { name: "Reset view" }).focus();
  await page.keyboard.press("Shift+Tab");
  assert.equal(await page.evaluate(() => document.activeElement.dataset.ref), "overlay", "Tab reaches the landscape");
  for (let i = 0; i < 5; i++) await page.keyboard.press("ArrowRight");
  for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowUp");
  assert.ok(await page.locator(".key-cursor").isVisible(), "the cursor shows");
  assert.match(await page.textContent(".key-cursor-label"), /x = .*, y = .*, J = /);
  assert.deepEqual(await start(), [x0, y0], "moving the cursor does not move the start");
  await view.screenshot("a11y-race-cursor");
  await page.keyboard.press("Enter");
  const [x1, y1] = await start();
  assert.ok(x1 > x0 && y1 > y0, `the start moved right and up: (${x0}, ${y0}) → (${x1}, ${y1})`);
  assert.equal(await page.evaluate(() => window.__race.race.summary(0).step), 0, "Enter on the landscape does not step");
  await view.finish();
});

test("the learning-rate start is set by keyboard: typed, or with a panel's cursor", async () => {
  const view = await open("#lr");
  const page = view.page;
  const start = () => page.evaluate(() => Array.from(window.__lr.lab.start()));
  await page.getByRole("textbox", { name: "Start x" }).fill("-1");
  await page.getByRole("textbox", { name: "Start y" }).fill("0.5");
  await page.getByRole("textbox", { name: "Start y" }).press("Enter");
  assert.deepEqual(await start(), [-1, 0.5]);
  await page.getByRole("textbox", { name: "Start x" }).fill("abc");
  await page.getByRole("button", { name: "Set start" }).click();
  assert.match(await page.textContent("[data-ref=start-message]"), /not a number/);
  assert.deepEqual(await start(), [-1, 0.5]);

  await page.locator("[data-ref=overlay-1]").focus();
  for (let i = 0; i < 4; i++) await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("ArrowDown");
  assert.ok(await page.locator("[data-ref=stage-1] .key-cursor").isVisible());
  await page.keyboard.press("Enter");
  const [x, y] = await start();
  assert.ok(x < -1 && y < 0.5, `the start moved left and down: (${x}, ${y})`);
  assert.equal(await page.getByRole("textbox", { name: "Start x" }).inputValue(), String(x), "the fields follow");
  await view.finish("a11y-lr-cursor");
});

test("the sweep chart takes focus: ← → pick a swept rate, Enter loads it into yours", async () => {
  const view = await open("#lr?sweep=0.001,10,20,300");
  const page = view.page;
  await page.getByRole("button", { name: "Run sweep" }).click();
  await page.waitForFunction(() => document.querySelector("[data-ref=sweep-progress]").textContent.startsWith("done"));
  const chart = page.locator("[data-ref=sweep-chart]");
  await chart.focus();
  await page.keyboard.press("Home");
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  const rates = await page.evaluate(() => Array.from(window.__lr.sweep.last.result.learning_rates));
  assert.match(await page.textContent("[data-ref=sweep-pick]"), /^η = .* \(3 of 20\)/);
  assert.ok(await page.locator("[data-ref=sweep-mark]").isVisible(), "the picked rate is marked on the chart");
  await view.screenshot("a11y-sweep-pick");
  await page.keyboard.press("Enter");
  assert.equal(await page.evaluate(() => window.__lr.lab.learning_rates()[3]), rates[2]);
  assert.equal(Number(await page.getByRole("textbox", { name: "Learning rate, yours" }).inputValue()), rates[2]);
  await view.finish();
});

/** WCAG's contrast ratio of two sRGB colours given as [r, g, b] 0–255. */
function contrast(a, b) {
  const lum = ([r, g, b]) => {
    const f = (c) => {
      const s = c / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const [l1, l2] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (l1 + 0.05) / (l2 + 0.05);
}

test("the focus ring has at least 3:1 against every background it shows on", async () => {
  const view = await open("#race");
  const page = view.page;
  await page.getByRole("button", { name: "Step" }).focus();
  await page.keyboard.press("Tab");
  await page.keyboard.press("Shift+Tab");
  const ring = await page.evaluate(() => {
    const style = getComputedStyle(document.activeElement);
    return { colour: style.outlineColor, width: style.outlineWidth, style: style.outlineStyle };
  });
  const rgb = (text) => text.match(/\d+/g).slice(0, 3).map(Number);
  assert.equal(ring.style, "solid");
  assert.ok(parseFloat(ring.width) >= 2, `the ring is ${ring.width} wide`);
  // The page, the panels, the warning strip and the info strip.
  const backgrounds = await page.evaluate(() => {
    const root = getComputedStyle(document.documentElement);
    return ["--paper", "--panel", "--warning-bg"].map((v) => root.getPropertyValue(v).trim()).concat(["#e6f0fb"]);
  });
  const hex = (h) => [1, 3, 5].map((k) => parseInt(h.slice(k, k + 2), 16));
  for (const bg of backgrounds) {
    const ratio = contrast(rgb(ring.colour), hex(bg));
    assert.ok(ratio >= 3, `focus ring ${ring.colour} on ${bg}: ${ratio.toFixed(2)}:1`);
  }
  // The landscape's box carries the ring when the canvas has focus.
  await page.locator("[data-ref=overlay]").focus();
  await page.keyboard.press("ArrowLeft");
  await view.finish("a11y-focus-ring");
});

test("a new racer, a new optimizer and a new landscape take the suggested η, and say so", async () => {
  const view = await open("#race");
  const page = view.page;
  const suggest = (landscape, config) =>
    page.evaluate(
      ([l, c]) => {
        const s = window.__race;
        const [x, y] = s.race.start();
        return Number(s.descent.suggested_learning_rate(l, c, x, y).toPrecision(3));
      },
      [landscape, config],
    );
  await page.getByRole("button", { name: "Add racer" }).click();
  const added = await page.evaluate(() => window.__race.configs[3]);
  assert.equal(added.name, "adagrad");
  assert.equal(added.learning_rate, await suggest("ellipse", { name: "adagrad" }));
  assert.notEqual(added.learning_rate, 0.001, "not Keras's default, which barely moves adagrad");
  const card = page.locator(".racer").nth(3);
  assert.equal(await card.locator(".lr-note").textContent(), "η suggested for ellipse");
  // The person's own η: the note goes.
  await page.getByRole("textbox", { name: "Learning rate value, racer 4 (adagrad)" }).fill("0.5");
  await page.getByRole("textbox", { name: "Learning rate value, racer 4 (adagrad)" }).press("Enter");
  assert.ok(!(await card.locator(".lr-note").isVisible()));
  await page.getByRole("combobox", { name: "Optimizer, racer 1" }).selectOption("rmsprop");
  assert.equal(await page.evaluate(() => window.__race.configs[0].learning_rate), await suggest("ellipse", { name: "rmsprop" }));
  await page.getByRole("combobox", { name: "Landscape" }).selectOption("rosenbrock");
  const configs = await page.evaluate(() => window.__race.configs);
  for (const [i, c] of configs.entries()) {
    assert.equal(c.learning_rate, await suggest("rosenbrock", c), `racer ${i + 1} (${c.name}) on rosenbrock`);
  }
  assert.deepEqual(await page.locator(".lr-note:visible").allTextContents(), configs.map(() => "η suggested for rosenbrock"));
  // The default SGD racers no longer diverge there.
  await page.getByRole("button", { name: "Play" }).click();
  await page.waitForTimeout(1500);
  const statuses = await page.evaluate(() => window.__race.configs.map((_, i) => window.__race.race.summary(i).status));
  assert.ok(!statuses.includes("diverged"), `statuses on rosenbrock: ${statuses}`);
  await view.finish("a11y-suggested");
});

test("presets: one click, each racer at its suggested η; a link's explicit η is kept", async () => {
  const view = await open("#race?landscape=beale");
  const page = view.page;
  await page.getByRole("button", { name: "The seed’s table" }).click();
  let configs = await page.evaluate(() => window.__race.configs);
  assert.deepEqual(configs.map((c) => c.name), ["sgd", "adam", "adadelta", "adagrad", "rmsprop"]);
  assert.deepEqual(
    await page.$$eval(".racer-table tbody th", (ths) => ths.map((th) => th.textContent.trim())),
    ["1 sgd", "2 adam", "3 adadelta", "4 adagrad", "5 rmsprop"],
    "the table's numbers are the racers' numbers",
  );
  await page.getByRole("button", { name: "SGD vs momentum vs Nesterov" }).click();
  configs = await page.evaluate(() => window.__race.configs);
  assert.deepEqual(configs.map((c) => [c.name, c.momentum, c.nesterov]), [["sgd", 0, false], ["sgd", 0.9, false], ["sgd", 0.9, true]]);
  await page.getByRole("button", { name: "The adaptive family" }).click();
  configs = await page.evaluate(() => window.__race.configs);
  assert.deepEqual(configs.map((c) => c.name), ["adagrad", "adadelta", "rmsprop", "adam", "adamw", "adamax", "nadam"]);
  for (const c of configs) {
    const want = await page.evaluate((c) => {
      const s = window.__race;
      return Number(s.descent.suggested_learning_rate("beale", { name: c.name }, ...s.race.start()).toPrecision(3));
    }, c);
    assert.equal(c.learning_rate, want, c.name);
  }
  await view.screenshot("a11y-presets");
  await view.close();

  const linked = await open("#race?landscape=rosenbrock&racer=adam&racer=adam,learning_rate:0.001");
  const both = await linked.page.evaluate(() => window.__race.configs.map((c) => c.learning_rate));
  assert.notEqual(both[0], 0.001, "a racer the link gives no η takes the suggestion");
  assert.equal(both[1], 0.001, "a link that gives η keeps it");
  await linked.finish();
});

test("the exported PNG carries a legend: racer numbers, optimizer, η and colour", async () => {
  const view = await open("#race");
  const page = view.page;
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download PNG" }).click()]);
  const png = readFileSync(await download.path());
  const [width, height] = [png.readUInt32BE(16), png.readUInt32BE(20)];
  const canvas = await page.$eval("[data-ref=heat]", (c) => [c.width, c.height]);
  assert.equal(width, canvas[0]);
  assert.ok(height > canvas[1] + 40, `the legend adds rows under the landscape: ${height} vs ${canvas[1]}`);
  // Look at it: the picture alone on a page.
  await page.setContent(`<body style="margin:0"><img src="data:image/png;base64,${png.toString("base64")}"></body>`);
  await page.waitForFunction(() => document.querySelector("img").complete);
  await view.screenshot("a11y-race-png");
  await view.close();
});

test("random init's σ is a quarter of the landscape's window", async () => {
  const view = await open("#race?landscape=ellipse");
  const page = view.page;
  const sigma = page.getByRole("textbox", { name: "Random init σ" });
  assert.equal(await sigma.inputValue(), "1.5", "the ellipse's window is 10 × 6");
  await page.getByRole("combobox", { name: "Landscape" }).selectOption("rastrigin");
  const window_ = await page.evaluate(() => window.__race.catalogue.landscapes.find((l) => l.name === "rastrigin").window);
  assert.equal(Number(await sigma.inputValue()), Number((Math.min(window_[1] - window_[0], window_[3] - window_[2]) / 4).toPrecision(3)));
  assert.match(await page.textContent("[data-ref=sigma-note]"), /a quarter of rastrigin’s window/);
  await view.finish();
});

test("speeds say what they are: steps per racer, and the training's cap and its achieved rate", async () => {
  const race = await open("#race");
  assert.equal(await race.page.textContent("[data-ref=speed-value]"), "40 steps/s per racer");
  await race.page.getByRole("button", { name: "Play" }).click();
  // The readout covers half a second: the first may hold time before Play.
  await race.page.waitForTimeout(1300);
  const perRacer = Number((await race.page.textContent("[data-ref=perf]")).match(/ ([\d.e]+) steps\/s per racer/)[1]);
  assert.ok(perRacer > 25 && perRacer < 55, `40 steps/s per racer set, ${perRacer} achieved`);
  await race.close();
  const train = await open("#train?speed=100000");
  assert.equal(await train.page.textContent("[data-ref=speed-value]"), "up to 1e5 batches/s");
  await train.page.getByRole("button", { name: "Play" }).click();
  await train.page.waitForFunction(() => /batches\/s achieved/.test(document.querySelector("[data-ref=perf]").textContent));
  await train.finish();
});

test("a refused field's message goes once the field is retyped to the value that stands", async () => {
  const view = await open("#race");
  const page = view.page;
  const lr = page.getByRole("textbox", { name: "Learning rate value, racer 1 (sgd)" });
  await lr.fill("abc");
  await lr.press("Enter");
  const message = page.locator(".racer").nth(0).locator(".field-message");
  assert.match(await message.textContent(), /not a number; kept 0.07/);
  assert.equal(await lr.inputValue(), "0.07");
  await lr.fill("0.07");
  await lr.press("Enter");
  await page.waitForTimeout(50);
  assert.ok(!(await message.isVisible()), "the message is gone");
  // A refusal stays while the field holds what was refused.
  await lr.fill("xyz");
  await lr.press("Enter");
  await lr.press("Enter");
  await page.waitForTimeout(50);
  assert.ok(await message.isVisible());
  await view.finish();
});

test("training marks: classes hollow and filled, negative weights dashed", async () => {
  const view = await open("#train?dataset=circles&speed=3000");
  const page = view.page;
  await page.getByRole("button", { name: "Play" }).click();
  await page.waitForFunction(() => Number(document.querySelector(".metrics-table tbody tr").dataset.epoch) > 20);
  await page.getByRole("button", { name: "Pause" }).click();
  assert.match(await page.textContent("[data-ref=fit-title]"), /○ class 0 · ● class 1 · ◆ validation/);
  await page.waitForTimeout(300);
  await view.finish("a11y-train-marks");
});
