// The parts of a link that used to be dropped without a word, each now
// named in a notice, and what the view does instead (issue 10). The fuzz
// (fuzz_links.test.mjs) covers every key; these pin the exact behaviour.

import { test } from "node:test";
import assert from "node:assert/strict";
import { useApp } from "./harness.mjs";

const app = useApp();

/** Opens `hash` on the page (a hash change remounts the view) and returns
 *  the notices' text once the view has mounted, and the saved hash. */
async function visit(page, hash) {
  return page.evaluate(async (hash) => {
    const root = document.getElementById("view");
    const old = root.querySelector("canvas");
    document.getElementById("notices").replaceChildren();
    location.hash = hash;
    while (old?.isConnected || !root.dataset.figure) await new Promise((r) => setTimeout(r, 20));
    // The view writes its state back into the link at once.
    await new Promise((r) => setTimeout(r, 50));
    return { notices: document.getElementById("notices").textContent, saved: decodeURIComponent(location.hash) };
  }, hash);
}

test("a key given twice keeps its first value and says so", async () => {
  const view = await app.openReady("/#race");
  const { page } = view;
  const max = await page.evaluate(() => window.__race.catalogue.limits.max_racers);

  let r = await visit(page, "#race?landscape=bowl&landscape=zzz");
  assert.match(r.notices, /landscape given twice; only the first \(“bowl”\) was read, “zzz” was ignored/);
  assert.equal(await page.evaluate(() => window.__race.state.landscape), "bowl");

  r = await visit(page, "#backprop?g=relu&g=true");
  assert.match(r.notices, /g given twice; only the first \(“relu”\) was read, “true” was ignored/);
  assert.match(r.saved, /[?&]g=relu(&|$)/);

  // lr's optimizer is a list key of at most one entry.
  r = await visit(page, "#lr?optimizer=sgd&optimizer=zzz");
  assert.match(r.notices, /optimizer given twice; only the first \(“sgd”\) is used/);
  assert.doesNotMatch(r.saved, /zzz/);

  r = await visit(page, "#lr?schedule=exponential_decay,decay_steps:100,decay_rate:0.5&schedule=constant");
  assert.match(r.notices, /schedule given twice; only the first/);

  // The race's racers repeat legitimately, up to the engine's limit.
  const racers = Array.from({ length: max + 2 }, () => "racer=adam").join("&");
  r = await visit(page, `#race?${racers}`);
  assert.match(r.notices, new RegExp(`racer given ${max + 2} times; at most ${max} are used, so the last 2 were left out`));
  assert.equal(await page.evaluate(() => window.__race.race.racer_count()), max);
  r = await visit(page, "#race?racer=adam&racer=sgd");
  assert.equal(r.notices, "", "two racers are no problem");

  // The training view compares each optimizer once.
  r = await visit(page, "#train?compare=sgd&compare=adam&compare=sgd");
  assert.match(r.notices, /compare=sgd given more than once; compared once/);
  await view.finish();
});

test("selected past the racers, a sweep that cannot run, and a link without a view name are named", async () => {
  const view = await app.openReady("/#race");
  const { page } = view;

  let r = await visit(page, "#race?selected=5");
  assert.match(r.notices, /selected=5 names no racer \(there are 3\); racer 1 is selected/);
  assert.match(r.saved, /selected=0/);

  for (const sweep of ["-5,-5,-5,-5", "1,0.1,60,1000", "0.001,10,1,1000", "0.001,10,501,1000", "0.001,10,60,0", "0.001,10,60.5,1000", "0.001,10,60,100001"]) {
    r = await visit(page, `#lr?sweep=${sweep}`);
    assert.match(r.notices, new RegExp(`sweep=“${sweep.replace(/\./g, "\\.")}” is not from,to,count,steps with 0 < from < to`), sweep);
    assert.match(r.saved, /sweep=0\.001,10,60,1000/, `the default sweep is written back for ${sweep}`);
  }
  r = await visit(page, "#lr?sweep=0.01,1,2,1");
  assert.equal(r.notices, "");
  // The sweep's fields hold to the same rule as the link.
  await page.getByRole("textbox", { name: "Steps per sweep run" }).fill("0");
  await page.getByRole("button", { name: "Run sweep" }).click();
  assert.match(await page.textContent("[data-ref=sweep-message]"), /steps: must be a whole number from 1 to 100000, got 0/);

  // No view name: the race reads the settings, and says it did.
  r = await visit(page, "#?landscape=bowl");
  assert.match(r.notices, /This link names no view, so it opened the optimizer race and read its settings there/);
  assert.equal(await page.evaluate(() => window.__race.state.landscape), "bowl");
  assert.match(r.saved, /^#race\?landscape=bowl/);
  // A name that is no view's: nothing is read, and each setting is named.
  r = await visit(page, "#trian?dataset=spiral&lr=0.1");
  assert.match(r.notices, /There is no view called “trian”; showing the optimizer race, without reading this link's settings:“dataset” not read“lr” not read/);
  assert.equal(await page.evaluate(() => window.__race.state.landscape), "ellipse");
  await view.finish();
});

test("a link with thousands of bad parts lists ten and folds the rest, every one still named", async () => {
  const keys = Array.from({ length: 500 }, (_, i) => `bogus${i}`);
  const view = await app.openReady(`/#race?${keys.map((k) => `${k}=1`).join("&")}`);
  const notice = view.page.locator("#notices .notice").first();
  assert.equal(await notice.locator(":scope > span > ul > li").count(), 10);
  assert.equal(await notice.locator("details summary").textContent(), "and 490 more");
  const text = await notice.textContent();
  for (const key of keys) assert.ok(text.includes(`“${key}”`), key);
  await view.finish("links-many-problems");
});
