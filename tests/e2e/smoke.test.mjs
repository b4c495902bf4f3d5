// The first thing anyone sees: the page at / loads, its wasm starts, it
// draws a first frame, and nothing goes wrong on the way. Also the server
// that scripts/serve and these tests share, since a wrong MIME type breaks
// ES modules and slows wasm in ways a page test would only half notice.

import { test } from "node:test";
import assert from "node:assert/strict";
import { useApp } from "./harness.mjs";

const app = useApp();

test("/ loads, becomes ready, and logs no error", async () => {
  const view = await app.openReady("/");
  await view.screenshot("smoke");
  view.assertNoErrors();
});

test("the server sends wasm and modules with the types browsers require", async () => {
  const types = {
    "": "text/html",
    "pkg/descent_bg.wasm": "application/wasm",
    "pkg/descent.js": "text/javascript",
  };
  for (const [path, type] of Object.entries(types)) {
    const response = await fetch(new URL(path, app.url));
    assert.equal(response.status, 200, path);
    assert.match(response.headers.get("content-type"), new RegExp(`^${type}`), path);
    assert.equal(response.headers.get("cache-control"), "no-store", path);
  }
  const wasm = new Uint8Array(await (await fetch(new URL("pkg/descent_bg.wasm", app.url))).arrayBuffer());
  assert.deepEqual([...wasm.slice(0, 4)], [0x00, 0x61, 0x73, 0x6d], "wasm magic number");
});

test("the server answers 404 for a missing file and never leaves www/", async () => {
  assert.equal((await fetch(new URL("no-such-file.js", app.url))).status, 404);
  // fetch() would normalise "..", so the raw request goes over a socket.
  const { request } = await import("node:http");
  const status = await new Promise((resolve, reject) => {
    request(new URL(app.url), { path: "/../Cargo.toml" }, (response) => {
      response.resume();
      resolve(response.statusCode);
    })
      .on("error", reject)
      .end();
  });
  assert.equal(status, 403);
});
