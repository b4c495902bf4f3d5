// Seeded fuzzing of the app's links: nothing a link carries can break a
// view, run script, or be dropped without a word.
//
// The views and their keys are read from the app itself: the registry
// (www/js/views.js) lists the views, and each view module's
// `stateTable(descent)` its keys and their kinds, so a view or a key added
// later is fuzzed without new test code. For every view, hashes carry
// garbage for its real keys (markup, broken percent-encoding, 10,000
// characters, non-numbers, values past every range), keys given twice,
// unknown and prototype keys, and hashes of 10,000 characters; the router
// gets links without a view name and with a name that is no view's. After
// each, on the one page (a hash change remounts the view):
//
// - nothing is injected: no element carries an event-handler attribute, no
//   <img>/<iframe>/<object>/<embed> appears, no dialog opens, the payload's
//   window.__pwned stays unset;
// - nothing reaches the console (any type), no page error;
// - the figure draws: the first page of each view becomes data-ready, and
//   every mount has a canvas with ink on it;
// - every ignored part is named: the notices' text contains each key the
//   link got wrong (clipped as the app clips it, to 40 characters).
//
// FUZZ_SEED=<n> picks other cases (see fuzz_tools.mjs); a failure names
// the seed and the hash.

import { test } from "node:test";
import assert from "node:assert/strict";
import { useApp } from "./harness.mjs";
import { fuzzSeed, prng } from "./fuzz_tools.mjs";

const app = useApp();
const SEED = fuzzSeed();
console.log(`fuzz_links: seed ${SEED} (rerun with FUZZ_SEED=${SEED})`);

/** Raw query values that no key of any kind accepts: each must be named. */
const GARBAGE = [
  "<img src=x onerror=alert(1)>",
  "%3Cimg%20src%3Dx%20onerror%3Dwindow.__pwned%3D1%3E",
  '"><svg/onload=window.__pwned=1>',
  "<script>window.__pwned=1</script>",
  "%E0%A4%A",
  "%zz",
  "%",
  "%FF%FE",
  "a%00b",
  "NaN",
  "Infinity",
  "-Infinity",
  "1e309",
  "-1e308",
  "0x10",
  "1_000",
  "١٢",
  "__proto__",
  "constructor",
  "toString",
  "1,2,3,4,5,6,7",
  ",,,",
  "x".repeat(10_000),
  "%".repeat(3_000),
];

/** What the app shows of a key or value: its first 40 characters. */
const clip = (text) => (text.length > 40 ? text.slice(0, 40) : text);

/** The key as the page decodes it (URLSearchParams, as the router does). */
function decodedKey(rawKey) {
  return [...new URLSearchParams(`${rawKey}=1`).keys()][0] ?? "";
}

/** A value the key accepts, as link text, or null if none is known. */
function validValue(p, random) {
  switch (p.kind) {
    case "choice":
      return random.pick(p.choices);
    case "number":
    case "integer":
      return String(p.default);
    case "numbers":
      return Array.isArray(p.default) ? p.default.join(",") : null;
    case "list":
      return Array.isArray(p.default) && p.default.length ? p.default[0] : null;
    default:
      return null;
  }
}

/**
 * The cases for one view's `table`: `{hash, expect}`, where `expect` lists
 * the texts the notices must contain.
 */
function casesFor(view, table, random) {
  const cases = [];
  const hash = (pairs) => `#${view}?${pairs.map(([k, v]) => `${k}=${v}`).join("&")}`;
  const garbage = (p) => [p.key, random.pick(GARBAGE)];
  // A repeat of a key that takes one value (a list key only past its most).
  const repeat = (p) => {
    const times = p.kind === "list" ? (p.max ?? 0) + 1 : 2;
    if (p.kind === "list" && p.max === undefined) return [garbage(p)];
    const first = validValue(p, random) ?? random.pick(GARBAGE);
    return [[p.key, first], ...Array.from({ length: times - 1 }, () => [p.key, random.pick(GARBAGE)])];
  };

  // Every key broken at once, then every key given twice.
  cases.push({ hash: hash(table.map(garbage)), expect: table.map((p) => p.key) });
  cases.push({ hash: hash(table.flatMap(repeat)), expect: table.map((p) => p.key) });
  // Random mixes: each key absent, broken, repeated or valid.
  for (let round = 0; round < 2; round++) {
    const pairs = [];
    const expect = [];
    for (const p of random.shuffle(table)) {
      const roll = random.int(4);
      if (roll === 1) {
        pairs.push(garbage(p));
        expect.push(p.key);
      } else if (roll === 2) {
        pairs.push(...repeat(p));
        expect.push(p.key);
      } else if (roll === 3) {
        const v = validValue(p, random);
        if (v !== null) pairs.push([p.key, v]);
      }
    }
    // Unknown keys: markup, prototype names, broken escapes, no name.
    const unknown = random.pick([
      "<img src=x onerror=alert(1)>",
      "__proto__",
      "constructor",
      "prototype",
      "land%ZZscape",
      "%E0%A4%A",
      `${random.pick(table).key}%`,
      "k".repeat(5_000),
    ]);
    pairs.splice(random.int(pairs.length + 1), 0, [unknown, random.pick(GARBAGE)]);
    expect.push(clip(decodedKey(unknown)));
    cases.push({ hash: hash(pairs), expect });
  }
  // A key with no name.
  cases.push({ hash: hash([["", "5"], garbage(table[0])]), expect: ["no name", table[0].key] });
  // 10,000 characters: many short unknown keys (the notice folds them, but
  // names every one), and one key's value of 10,000 characters.
  const many = [];
  let length = 0;
  for (let i = 0; length < 10_000; i++) {
    const key = `zz${i}<b>`;
    many.push([key, random.pick(["1", "%", "<i>"])]);
    length += key.length + 4;
  }
  cases.push({ hash: hash(many), expect: many.map(([k]) => decodedKey(k)) });
  const long = random.pick(table);
  cases.push({ hash: hash([[long.key, "9".repeat(10_000)]]), expect: [long.key] });
  return cases;
}

/** The page's tables: `[{id, table: [{key, kind, choices, max, default}]}]`. */
function readTables(page) {
  return page.evaluate(async () => {
    const { VIEWS } = await import(new URL("js/views.js", location.href).href);
    const { loadEngine } = await import(new URL("js/wasm.js", location.href).href);
    const descent = await loadEngine();
    const out = [];
    for (const view of VIEWS) {
      const module = await view.load();
      if (typeof module.stateTable !== "function") {
        throw new Error(`view ${view.id} does not export stateTable(descent)`);
      }
      const table = module.stateTable(descent).map((p) => ({
        key: p.key ?? p.name,
        kind: p.kind,
        choices: p.choices,
        max: p.max,
        default: p.default,
      }));
      out.push({ id: view.id, table });
    }
    return out;
  });
}

/** Watches a page for what must never happen: dialogs, console output. */
function watch(view) {
  const seen = [];
  view.page.on("console", (message) => seen.push(`console.${message.type()}: ${message.text().slice(0, 300)}`));
  view.page.on("dialog", (dialog) => {
    seen.push(`dialog (${dialog.type()}): ${dialog.message().slice(0, 100)}`);
    dialog.dismiss().catch(() => {});
  });
  return seen;
}

/**
 * Sets the hash (unless `fresh`: the page just opened on it), waits for the
 * view to mount and draw, and returns what the checks need.
 */
function visit(page, hash, { fresh = false } = {}) {
  return page.evaluate(
    async ({ hash, fresh }) => {
      const root = document.getElementById("view");
      const notices = document.getElementById("notices");
      const old = root.querySelector("canvas");
      if (!fresh) {
        notices.replaceChildren();
        location.hash = hash;
      }
      // Read through a small scratch canvas: reading the view's own
      // canvases back would make Chromium warn about them in the console.
      const scratch = document.createElement("canvas");
      scratch.width = scratch.height = 64;
      const ink = scratch.getContext("2d", { willReadFrequently: true });
      const inked = () => {
        for (const canvas of root.querySelectorAll("canvas")) {
          if (!canvas.width || !canvas.height) continue;
          ink.clearRect(0, 0, 64, 64);
          ink.drawImage(canvas, 0, 0, 64, 64);
          const data = ink.getImageData(0, 0, 64, 64).data;
          for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) return true;
        }
        return false;
      };
      const began = performance.now();
      for (;;) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        const fatal = document.getElementById("fatal");
        if (!fatal.hidden) return { error: `#fatal: ${fatal.textContent.slice(0, 500)}` };
        const mounted = root.dataset.figure && (fresh || !old || !old.isConnected);
        if (mounted && inked()) break;
        if (performance.now() - began > 10_000) {
          return { error: `no drawn figure after 10 s (mounted: ${Boolean(mounted)})` };
        }
      }
      await new Promise((resolve) => requestAnimationFrame(resolve));
      const handlers = [];
      for (const element of document.querySelectorAll("*")) {
        for (const attribute of element.attributes) {
          if (attribute.name.toLowerCase().startsWith("on")) handlers.push(`<${element.localName} ${attribute.name}>`);
        }
      }
      return {
        view: root.dataset.figure,
        notices: [notices, ...document.querySelectorAll(".figure-notices")].map((n) => n.textContent).join("\n"),
        handlers,
        foreign: document.querySelectorAll("img, iframe, object, embed, #view script, #notices *:not(div, span, ul, li, button, details, summary)").length,
        pwned: "__pwned" in window,
        alerts: window.__alerts.slice(),
      };
    },
    { hash, fresh },
  );
}

/** Fails, naming the seed and the hash, unless the page passed every check. */
function check(result, { hash, expect, view }, seen) {
  const where = `seed ${SEED}, hash ${JSON.stringify(hash.length > 300 ? `${hash.slice(0, 300)}…` : hash)}`;
  assert.ok(!result.error, `${result.error} (${where})`);
  if (view) assert.equal(result.view, view, `the wrong view opened (${where})`);
  assert.deepEqual(result.handlers, [], `an event-handler attribute was injected (${where})`);
  assert.equal(result.foreign, 0, `an element was injected (${where})`);
  assert.equal(result.pwned, false, `a payload ran (${where})`);
  assert.deepEqual(result.alerts, [], `alert() was called (${where})`);
  assert.deepEqual(seen, [], `the console or a dialog heard something (${where})`);
  for (const text of expect) {
    assert.ok(
      result.notices.includes(clip(text)),
      `no notice names “${clip(text)}” (${where}); the notices say:\n${result.notices.slice(0, 2000)}`,
    );
  }
}

/** Makes alert/confirm/prompt record their calls instead of blocking. */
async function trapDialogs(page) {
  await page.evaluate(() => {
    window.__alerts = [];
    for (const name of ["alert", "confirm", "prompt"]) {
      window[name] = (...args) => void window.__alerts.push(`${name}(${String(args[0]).slice(0, 80)})`);
    }
  });
}

test("every view's links: garbage, repeats, unknown keys, broken escapes, markup and 10,000 characters are named, never injected, and the figure draws", async () => {
  const random = prng(SEED);
  // The tables are read on the default view's page, whose cases then run there.
  let view = await app.open("/");
  let seen = watch(view);
  await view.ready();
  const views = await readTables(view.page);
  assert.ok(views.length >= 4, "the registry lists the views");
  let count = 0;
  for (const [k, { id, table }] of views.entries()) {
    const cases = casesFor(id, table, random);
    // Every other view's first case on a fresh page: the page itself must
    // become ready with it.
    if (k > 0) {
      view = await app.open(`/${cases[0].hash}`);
      seen = watch(view);
      await view.ready();
    }
    await trapDialogs(view.page);
    for (const [i, c] of cases.entries()) {
      const result = await visit(view.page, c.hash, { fresh: k > 0 && i === 0 });
      check(result, { ...c, view: id }, seen);
      count++;
    }
    await view.finish();
  }
  console.log(`fuzz_links: ${count} hashes over ${views.length} views`);
});

test("links the router cannot place: no view name, a name that is no view's, broken escapes and markup in the name", async () => {
  const random = prng(SEED ^ 0x5eed);
  const view = await app.open("/#race");
  const seen = watch(view);
  await view.ready();
  await trapDialogs(view.page);
  const { page } = view;

  // No view name: the default view (the race) reads the settings and says so.
  let result = await visit(page, "#?landscape=bowl");
  check(result, { hash: "#?landscape=bowl", expect: ["names no view"], view: "race" }, seen);
  assert.equal(await page.evaluate(() => window.__race.state.landscape), "bowl", "the settings are read into the race");
  const garbage = random.pick(GARBAGE);
  const mixed = `#?landscape=${garbage}&dataset=spiral&selected=5`;
  result = await visit(page, mixed);
  check(result, { hash: mixed, expect: ["names no view", "landscape", "dataset", "selected"], view: "race" }, seen);

  // A name that is no view's: its settings are not read, and each is named.
  const names = ["trian", "<img src=x onerror=alert(1)>", "%E0%A4%A", "%zz", "__proto__", "v".repeat(10_000)];
  for (const name of names) {
    const keys = random.shuffle(["landscape", "<b>k</b>", "__proto__", "lr%"]).slice(0, 1 + random.int(3));
    const hash = `#${name}?${keys.map((k) => `${k}=${random.pick(GARBAGE)}`).join("&")}`;
    result = await visit(page, hash);
    let shown;
    try {
      shown = decodeURIComponent(name);
    } catch {
      shown = name;
    }
    check(result, { hash, expect: [shown, ...keys.map(decodedKey)], view: "race" }, seen);
    assert.match(result.notices, /There is no view called/);
  }
  await view.finish();
});
