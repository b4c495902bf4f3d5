// Offline: after one visit the service worker (www/sw.js) has cached the
// whole build, so with the network off and the server gone a reload still
// serves the app, and every view (their modules load on demand) and the
// lecture still start. A new build's worker replaces the old cache.

import { test } from "node:test";
import assert from "node:assert/strict";
import { startServer, launchBrowser, openPage } from "./harness.mjs";

/** Waits until the view `id` is mounted and has drawn a canvas. */
function shows(page, id) {
  return page.waitForFunction((id) => {
    const root = document.getElementById("view");
    if (root.dataset.view !== id) return false;
    const canvases = [...root.querySelectorAll("canvas")].filter((c) => c.width > 10 && c.checkVisibility());
    if (!canvases.length) return false;
    // Something drawn: not every pixel the same.
    return canvases.some((canvas) => {
      const { data } = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height);
      for (let i = 4; i < data.length; i += 4 * 97) if (data[i] !== data[0] || data[i + 1] !== data[1] || data[i + 2] !== data[2]) return true;
      return false;
    });
  }, id, { timeout: 20_000 });
}

test("after one visit, the app works with no network at all; a new build replaces the old cache", async () => {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const view = await openPage(browser, new URL("/#lecture?scene=gradient-descent&step=2", server.url).href);
    await view.ready();
    const { page } = view;

    // The worker installs under the build's hash and caches every file the
    // manifest lists (and the page itself and the manifest).
    const first = await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.ready;
      const manifest = await (await fetch("pkg/build.json", { cache: "no-store" })).json();
      const keys = await (await caches.open(`descent-${manifest.hash}`)).keys();
      return { script: registration.active.scriptURL, manifest, cached: keys.map((r) => new URL(r.url).pathname) };
    });
    assert.match(first.script, new RegExp(`/sw\\.js\\?build=${first.manifest.hash}$`));
    for (const file of ["index.html", "css/app.css", "js/main.js", "js/lecture/view.js", "js/train/lab.js", "js/lr/lr.css", "pkg/descent.js", "pkg/descent_bg.wasm"]) {
      assert.ok(first.manifest.files.includes(file), `the manifest lacks ${file}`);
    }
    for (const file of first.manifest.files) assert.ok(first.cached.includes(`/${file}`), `${file} is not cached`);

    // A new build's worker takes over and deletes the old build's cache.
    const next = await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.register("sw.js?build=next-build-test");
      const worker = registration.installing ?? registration.waiting ?? registration.active;
      if (worker.state !== "activated") {
        await new Promise((resolve) => worker.addEventListener("statechange", () => worker.state === "activated" && resolve()));
      }
      return (await caches.keys()).filter((name) => name.startsWith("descent-"));
    });
    assert.deepEqual(next, ["descent-next-build-test"]);
    // And back to this build, as a visit to it would do.
    const back = await page.evaluate(async (hash) => {
      const registration = await navigator.serviceWorker.register(`sw.js?build=${hash}`);
      const worker = registration.installing ?? registration.waiting ?? registration.active;
      if (worker.state !== "activated") {
        await new Promise((resolve) => worker.addEventListener("statechange", () => worker.state === "activated" && resolve()));
      }
      return (await caches.keys()).filter((name) => name.startsWith("descent-"));
    }, first.manifest.hash);
    assert.deepEqual(back, [`descent-${first.manifest.hash}`]);

    // No network, no server: a reload still serves the whole app.
    await view.context.setOffline(true);
    await server.close();
    await page.reload();
    await view.ready();
    assert.match(await page.locator(".scene-title").textContent(), /Gradient descent/);
    for (const id of ["race", "backprop", "lr", "train", "lecture"]) {
      await page.evaluate((id) => (location.hash = `#${id}`), id);
      await shows(page, id);
    }
    // The mini-batch lab and the sweep, which load parts of their views later.
    await page.evaluate(() => (location.hash = "#lecture?scene=full-batch"));
    await page.waitForFunction(() => window.__lecture?.figures()[0]?.drawn);
    await view.screenshot("offline-lecture-full-batch");
    assert.equal(await page.locator("#fatal").isVisible(), false);
    // The page looks for a new build a moment after its first frame; offline
    // that must stay quiet.
    await page.waitForTimeout(2500);
    view.assertNoErrors();
  } finally {
    await browser.close();
    await server.close().catch(() => {});
  }
});
