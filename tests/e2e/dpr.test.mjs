// Every view redraws sharp when its window moves to a screen with another
// pixel ratio, as when a person drags it from a laptop to a projector.
// Chromium gets two screens (1× and 2×) through --screen-info, and the
// window is moved from one to the other at the same CSS size. Layout may
// still shift by a fraction of a pixel where it snaps to device pixels, so
// a ResizeObserver might notice by luck; the test holds every observer's
// callbacks during the move, so that only the view shell's media query on
// the ratio can see it.
//
// This file launches its own Chromium, since a page with the harness's
// emulated viewport keeps its pixel ratio wherever the window goes.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { chromium } from "playwright-core";
import { startServer, View } from "./harness.mjs";

const SCREENS = "--screen-info={0,0 1600x900}{1600,0 3200x1800 devicePixelRatio=2}";

/** Each view, and a canvas of it that must follow the ratio. */
const CANVASES = {
  race: "[data-ref=heat]",
  backprop: "[data-ref=heat]",
  lr: "[data-ref=heat-0]",
  train: "[data-ref=fit]",
};

let server;
let browser;
before(async () => {
  server = await startServer();
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", SCREENS, "--window-size=1280,800"],
  });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** A page in a real window (no emulated viewport), with its problems recorded as the harness does. */
async function openWindow(path) {
  const context = await browser.newContext({ viewport: null });
  // Lets the test hold back every ResizeObserver callback (see the top).
  await context.addInitScript(() => {
    const Native = window.ResizeObserver;
    window.ResizeObserver = class extends Native {
      constructor(callback) {
        super((entries, observer) => {
          if (!window.__holdResize) callback(entries, observer);
        });
      }
    };
  });
  const page = await context.newPage();
  const view = new View(page, context);
  page.on("console", (m) => m.type() === "error" && view.problem(`console error: ${m.text()}`));
  page.on("pageerror", (e) => view.problem(`page error: ${e.stack ?? e.message}`));
  page.on("requestfailed", (r) => view.problem(`request failed: ${r.url()}`));
  page.on("response", (r) => r.status() >= 400 && view.problem(`HTTP ${r.status()} for ${r.url()}`));
  const cdp = await context.newCDPSession(page);
  const { windowId } = await cdp.send("Browser.getWindowForTarget");
  /** Puts the window on screen `k` (0: 1×, 1: 2×), 1280×800 CSS pixels
   *  outside on either, in one step. Chromium reads the size in the DIPs of
   *  the screen the window leaves and keeps its physical pixels, hence the
   *  ratio (1280×800 halves exactly). */
  view.moveTo = async (k) => {
    const dpr = await page.evaluate(() => devicePixelRatio);
    const scale = k === 0 ? 1 : 2;
    const f = scale / dpr;
    await cdp.send("Browser.setWindowBounds", {
      windowId,
      bounds: { left: k === 0 ? 10 : 1700, top: 10, width: 1280 * f, height: 800 * f },
    });
    await page.waitForFunction((x) => devicePixelRatio === x, scale);
  };
  await page.goto(new URL(path, server.url).href);
  return view;
}

/** Device pixels per CSS pixel across `selector`'s width. */
function ratio(page, selector) {
  return page.$eval(selector, (c) => c.width / c.getBoundingClientRect().width);
}

for (const [id, selector] of Object.entries(CANVASES)) {
  test(`the ${id} view redraws sharp when its window moves to a 2× screen and back`, async () => {
    const view = await openWindow(`/#${id}`);
    await view.moveTo(0);
    await view.ready();
    const page = view.page;
    await page.waitForFunction((s) => document.querySelector(s)?.width > 10, selector);
    const size = await page.evaluate(() => [innerWidth, innerHeight]);
    assert.equal(size[0], 1280);
    assert.ok(Math.abs((await ratio(page, selector)) - 1) < 0.02, `${id} does not start at ratio 1`);
    await page.evaluate(() => (window.__holdResize = true));
    for (const [screen, scale] of [[1, 2], [0, 1]]) {
      await view.moveTo(screen);
      assert.deepEqual(await page.evaluate(() => [innerWidth, innerHeight]), size, "the CSS size changed with the screen");
      await page
        .waitForFunction(
          ([s, k]) => {
            const c = document.querySelector(s);
            return Math.abs(c.width / c.getBoundingClientRect().width - k) < 0.02;
          },
          [selector, scale],
          { timeout: 5000 },
        )
        .catch(async () => {
          assert.fail(`${id}: the canvas stayed at ratio ${await ratio(page, selector)} on the ${scale}× screen`);
        });
    }
    await page.evaluate(() => (window.__holdResize = false));
    await view.finish();
  });
}
