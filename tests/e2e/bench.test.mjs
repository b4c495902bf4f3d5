// Runs the in-browser bench page and saves its figures to
// test-results/bench.json (copied into docs/PERFORMANCE.md by hand). It
// fails only if the page breaks, not on a slow machine: the targets are
// judged in the table the page shows.

import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { useApp, ROOT } from "./harness.mjs";

const app = useApp();

test("the bench page runs every benchmark and reports its figures", async () => {
  const view = await app.open("/bench.html");
  await view.ready({ timeout: 120_000 });
  const results = await view.page.evaluate(() => window.__bench);
  for (const key of ["heatmap800Ms", "engine8x1000Ms", "firstFrameMs"]) {
    assert.ok(Number.isFinite(results[key]) && results[key] > 0, `${key} = ${results[key]}`);
  }
  assert.ok(results.race.mean > 0 && results.race.p95 >= results.race.mean * 0.5);
  assert.ok(!results.race.finished, "the racers finished early, so later frames did less work");
  assert.ok(results.wasm.gzipped > 1000 && results.wasm.gzipped < results.wasm.raw);
  mkdirSync(join(ROOT, "test-results"), { recursive: true });
  writeFileSync(join(ROOT, "test-results", "bench.json"), `${JSON.stringify(results, null, 2)}\n`);
  await view.screenshot("bench");
  view.assertNoErrors();
  await view.close();
});

test("the bench page's long-wandering-paths case races, pauses and rebuilds the app's race", async () => {
  const view = await app.open("/bench.html?case=long-paths", { viewport: { width: 1360, height: 1000 } });
  await view.ready({ timeout: 180_000 });
  const results = await view.page.evaluate(() => window.__bench);
  assert.ok(results.racing.fps > 0 && results.racing.work.count > 10, JSON.stringify(results.racing));
  assert.ok(results.racing.stepsPerRacerPerSecond > 100 && results.racing.seconds > 0.5, JSON.stringify(results.racing));
  assert.equal(results.pause.count, 5);
  assert.ok(results.pause.max > 0);
  assert.ok(results.rebuild.points >= 100_000 && results.rebuild.frames >= 1, JSON.stringify(results.rebuild));
  mkdirSync(join(ROOT, "test-results"), { recursive: true });
  writeFileSync(join(ROOT, "test-results", "bench-long-paths.json"), `${JSON.stringify(results, null, 2)}\n`);
  await view.screenshot("bench-long-paths");
  view.assertNoErrors();
  await view.close();
});
