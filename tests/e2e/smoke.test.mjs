// The first thing anyone sees: the page at / loads, its wasm starts, it
// draws a first frame, and nothing goes wrong on the way.

import { test } from "node:test";
import { useApp } from "./harness.mjs";

const app = useApp();

test("/ loads, becomes ready, and logs no error", async () => {
  const view = await app.open("/");
  await view.ready();
  await view.screenshot("smoke");
  view.assertNoErrors();
});
