// The "Keras code" button, as a person uses it: in each of the five views
// and on lecture scenes, click it, read the program, Copy it (the
// clipboard must then hold exactly the program), Download .py (a file
// with the program), close with Esc, and the focus is back on the button.
// The program must carry the figure's own numbers. At phone size the
// panel fits and the page never scrolls sideways.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { useApp } from "./harness.mjs";

const app = useApp();

const PHONE = { width: 390, height: 844 };

async function open(path, options = {}) {
  const view = await app.open(path, options);
  await view.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: app.url });
  await view.ready();
  return view;
}

/**
 * Clicks `button` (a locator), checks the panel end to end, and returns
 * the program and the note.
 */
async function usePanel(view, button, { screenshot } = {}) {
  const { page } = view;
  await button.click();
  const dialog = page.locator("#keras-dialog");
  await dialog.waitFor({ state: "visible" });
  const code = dialog.getByRole("region", { name: "Python program for Keras 3" });
  const program = await code.textContent();
  assert.match(program, /^"""Descent → Keras/);
  assert.match(program, /print\(json\.dumps\(/);
  const note = await dialog.locator(".keras-note").textContent();
  assert.match(note, /digits|dropout masks/, note);
  // Every control has a name.
  for (const name of ["Copy", "Close the Keras code"]) {
    assert.equal(await dialog.getByRole("button", { name, exact: true }).count(), 1, name);
  }
  if (screenshot) await view.screenshot(screenshot);

  // Copy: the clipboard holds the program, and the status says so once.
  await dialog.getByRole("button", { name: "Copy", exact: true }).click();
  const status = dialog.getByRole("status");
  await page.waitForFunction(() => document.querySelector("#keras-dialog [role=status]").textContent !== "");
  assert.equal(await status.textContent(), "Copied the program to the clipboard.");
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(copied, program, "the clipboard holds the program");

  // Download .py: a file named for the figure, holding the program.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    dialog.getByRole("link", { name: "Download .py" }).click(),
  ]);
  assert.match(download.suggestedFilename(), /^descent_[a-z0-9_]+\.py$/);
  assert.equal(readFileSync(await download.path(), "utf8"), program, "the file holds the program");

  // Esc closes it, and the focus is back on the button.
  await code.focus();
  await page.keyboard.press("Escape");
  await dialog.waitFor({ state: "hidden" });
  assert.equal(await button.evaluate((b) => b === document.activeElement), true, "focus returns to the button");
  return { program, note };
}

/** The list literal on the program's line that starts with `prefix`. */
function rows(program, prefix) {
  const line = program.split("\n").find((l) => l.startsWith(prefix));
  assert.ok(line, prefix);
  return JSON.parse(line.slice(prefix.length, line.lastIndexOf(")")));
}

test("the race's Keras code is its racers, its start and the steps run, and a moved slider is a recorded change", async () => {
  const view = await open("/#race?landscape=rosenbrock&racer=adam,learning_rate:0.05&racer=sgd,learning_rate:0.001,momentum:0.9&start=-1.5,2");
  const { page } = view;
  const button = page.getByRole("button", { name: "Keras code", exact: true });
  for (let i = 0; i < 3; i++) await page.getByRole("button", { name: "Step", exact: true }).click();
  // The first racer's rate moves mid-run, as its slider moves it.
  await page.evaluate(() => window.__race.race.set_learning_rate(0, 0.02));
  await page.getByRole("button", { name: "Step", exact: true }).click();
  const { program, note } = await usePanel(view, button, { screenshot: "keras-race" });
  assert.ok(program.includes("w = tf.Variable([-1.5, 2.0]"), "the start");
  assert.ok(program.includes("keras.optimizers.Adam(learning_rate=0.05), {3: 0.02}"), "racer 1 and its change");
  assert.ok(program.includes("keras.optimizers.SGD(learning_rate=0.001, momentum=0.9), {}"), "racer 2");
  assert.ok(program.includes("for step in range(4 + 1):"), "the 4 steps run");
  assert.match(note, /about 6 significant digits/);
  view.assertNoErrors();
});

test("the learning-rate view's Keras code runs its four panels", async () => {
  const view = await open("/#lr?landscape=lecture");
  const rates = await view.page.evaluate(() => Array.from(window.__lr.lab.learning_rates()));
  const { program } = await usePanel(view, view.page.getByRole("button", { name: "Keras code", exact: true }), { screenshot: "keras-lr" });
  // Python's float literals: 5 is 5.0.
  for (const rate of rates) {
    const literal = Number.isInteger(rate) ? rate.toFixed(1) : String(rate);
    assert.ok(program.includes(`keras.optimizers.SGD(learning_rate=${literal})`), `panel at ${rate}`);
  }
  assert.ok(program.includes("a race of 4 optimizers"));
  view.assertNoErrors();
});

test("the backprop view's Keras code is its network, its weights and its η", async () => {
  const view = await open("/#backprop?x=1.5&y=0.8&w1=-1.2&w2=-1.5&g=tanh&lr=0.1");
  const { program } = await usePanel(view, view.page.getByRole("button", { name: "Keras code", exact: true }));
  assert.ok(program.includes("x = np.array([[1.5]])"));
  assert.ok(program.includes("y = np.array([[0.8]])"));
  assert.ok(program.includes("model.set_weights([np.array([[-1.2]]), np.array([[-1.5]])])"));
  assert.ok(program.includes('keras.layers.Dense(1, activation="tanh", use_bias=False)'));
  assert.ok(program.includes("optimizer = keras.optimizers.SGD(learning_rate=0.1)"));
  view.assertNoErrors();
});

test("the training view's Keras code carries its seed's data, its learning rate and its epochs", async () => {
  const view = await open("/#train?dataset=moons&samples=60&noise=0.1&data_seed=2&layers=1&units=4&lr=0.03&epochs=5&batch=16&seed=3");
  const { program } = await usePanel(view, view.page.getByRole("button", { name: "Keras code", exact: true }), { screenshot: "keras-train" });
  assert.ok(program.includes('60 samples of "moons" (noise 0.1, seed 2) as Descent drew them'));
  assert.equal(rows(program, "x = np.array(").length, 60, "the data rows inline");
  assert.ok(program.includes("keras.optimizers.Adam(learning_rate=0.03)"));
  assert.ok(program.includes("batch_size, epochs = 16, 5"));
  assert.ok(program.includes("order = SplitMix64(seed=3)"));
  view.assertNoErrors();
});

test("the mini-batch lab's Keras code is each run as train, the data inline, B = k first", async () => {
  const view = await open("/#train?panel=lab&lab_n=50&lab_noise=0.5&lab_k=5&lab_lr=0.1");
  const { page } = view;
  const button = page.getByRole("button", { name: "Keras code", exact: true });
  await button.click();
  const run = page.locator("#keras-dialog").getByLabel("Run");
  assert.equal(await run.locator("option:checked").textContent(), "Mini-batch (B = 5)");
  const b1 = async () => page.locator("#keras-dialog pre").textContent();
  await run.selectOption({ label: "SGD (B = 1)" });
  assert.ok((await b1()).includes("batch_size, epochs = 1, "));
  await page.keyboard.press("Escape");
  const { program } = await usePanel(view, button);
  assert.equal(rows(program, "x = np.array(").length, 50);
  assert.ok(program.includes("keras.optimizers.SGD(learning_rate=0.1)"));
  assert.ok(program.includes("batch_size, epochs = 5, "));
  assert.ok(program.includes("# No validation set"));
  view.assertNoErrors();
});

test("each lecture scene's Keras code button gives its figure's program", async () => {
  for (const [scene, expected] of [
    ["loss", ["keras.optimizers.SGD(learning_rate=0.5)", "w = tf.Variable([2.9, 1.3]"]],
    ["backprop", ["x = np.array([[1.5]])", "np.array([[-1.2]]), np.array([[-1.5]])"]],
    ["full-batch", ["batch_size, epochs = 10, "]],
  ]) {
    const view = await open(`/#lecture?scene=${scene}`);
    const button = view.page.locator(".figure-keras").first();
    await button.waitFor();
    await view.page.waitForFunction(() => window.__lecture?.figures().every((f) => f.handle));
    const { program } = await usePanel(view, button, { screenshot: `keras-lecture-${scene}` });
    for (const text of expected) assert.ok(program.includes(text), `${scene}: ${text}`);
    view.assertNoErrors();
    await view.close();
  }
});

test("at phone size the panel fits and the page does not scroll sideways", async () => {
  for (const path of ["/#race", "/#train"]) {
    const view = await open(path, { viewport: PHONE });
    const { page } = view;
    await page.getByRole("button", { name: "Keras code", exact: true }).click();
    const dialog = page.locator("#keras-dialog");
    await dialog.waitFor({ state: "visible" });
    const box = await dialog.boundingBox();
    assert.ok(box.x >= 0 && box.x + box.width <= PHONE.width, `the panel fits across: ${JSON.stringify(box)}`);
    assert.ok(box.y >= 0 && box.y + box.height <= PHONE.height, `the panel fits down: ${JSON.stringify(box)}`);
    const sideways = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.equal(sideways, 0, "no horizontal page scroll");
    for (const name of ["Copy", "Close the Keras code"]) {
      const b = await dialog.getByRole("button", { name, exact: true }).boundingBox();
      assert.ok(b.x + b.width <= box.x + box.width, `${name} is inside the panel`);
    }
    await view.screenshot(`keras-phone-${path.slice(2)}`);
    view.assertNoErrors();
    await view.close();
  }
});
