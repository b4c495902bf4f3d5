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
