// Every view at the three sizes it is used at: a 390×844 touch phone, a
// 1280×720 projector and a 1920×1080 screen. On the phone nothing may
// scroll sideways, and a vertical swipe that starts on the view's main
// figure (the race's landscape fills most of the screen) must scroll the
// page, not pan the picture. Each size leaves a screenshot to look at.

import { test } from "node:test";
import assert from "node:assert/strict";
import { useApp } from "./harness.mjs";

const app = useApp();

const PHONE = { width: 390, height: 844 };
/** Each view, and the figure a swipe starts on. */
const VIEWS = [
  { path: "/#race", figure: ".race canvas" },
  { path: "/#lr", figure: ".lr canvas" },
  { path: "/#backprop", figure: ".backprop canvas" },
  { path: "/#train", figure: ".train canvas" },
  { path: "/#train?panel=lab", figure: ".train .lab-main canvas" },
  { path: "/#lecture?scene=gradient-descent", figure: ".lecture-figure-box canvas" },
  { path: "/#lecture?scene=dropout", figure: ".lecture-figure-box canvas" },
  { path: "/#lecture?scene=overfitting", figure: ".lecture-figure-box .history canvas" },
  // The backprop view stacks on a phone; its landscape comes last.
  { path: "/#lecture?scene=backprop", figure: ".lecture-figure-box .bp-side canvas" },
];
const name = (path) => path.slice(2).replace(/[?=&]/g, "-");

/** How far the page reaches past the viewport's right edge, in CSS px. */
const overflow = (page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

/** A one-finger swipe up, from (x, y) by `by` px, as touch events. */
async function swipeUp(page, x, y, by) {
  const cdp = await page.context().newCDPSession(page);
  const point = (dy) => [{ x, y: y - dy, id: 1 }];
  await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: point(0) });
  for (let k = 1; k <= 10; k++) {
    await cdp.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints: point((by * k) / 10) });
  }
  await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
  await cdp.detach();
}

for (const { path, figure } of VIEWS) {
  test(`phone, ${path}: no sideways scroll, the figure spans the screen, and a swipe on it scrolls the page`, async () => {
    const view = await app.openReady(path, { viewport: PHONE, hasTouch: true, deviceScaleFactor: 2 });
    const { page } = view;
    await page.waitForTimeout(300); // late layout: fonts, the figure's first frame
    assert.ok((await overflow(page)) <= 0, `${path} scrolls sideways by ${await overflow(page)} px`);
    const canvas = page.locator(figure).first();
    await canvas.scrollIntoViewIfNeeded();
    const box = await canvas.boundingBox();
    assert.ok(box, `${path}: no ${figure}`);
    // A lecture scene once put its steps beside the figure on a phone,
    // leaving the figure 60 px wide.
    assert.ok(box.width >= 0.5 * PHONE.width, `${path}: the figure is only ${box.width} px wide`);
    // Nor may a scene's box cut its figure off (it once ended the backprop
    // view below its first rule).
    if (path.includes("lecture")) {
      const frame = await page.locator(".lecture-figure-box").first().boundingBox();
      assert.ok(box.y + box.height <= frame.y + frame.height + 1, `${path}: the figure runs out of its box: ${JSON.stringify({ box, frame })}`);
    }
    await page.evaluate(() => window.scrollTo(0, 0));
    const start = await canvas.boundingBox();
    const y = Math.min(start.y + start.height / 2, PHONE.height - 40);
    const before = await page.evaluate(() => window.scrollY);
    await swipeUp(page, start.x + start.width / 2, Math.max(y, 300), 250);
    await page.waitForTimeout(400);
    const after = await page.evaluate(() => window.scrollY);
    assert.ok(after > before + 50, `${path}: a swipe scrolled the page by ${after - before} px`);
    assert.ok((await overflow(page)) <= 0);
    await page.evaluate(() => window.scrollTo(0, 0));
    await view.screenshot(`layout-phone-${name(path)}`);
    await view.finish();
  });
}

for (const viewport of [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
]) {
  test(`${viewport.width}×${viewport.height}: every view fits across, with its figure on the first screen`, async () => {
    for (const { path, figure } of VIEWS) {
      const view = await app.openReady(path, { viewport });
      const { page } = view;
      assert.ok((await overflow(page)) <= 0, `${path} scrolls sideways at ${viewport.width}`);
      const box = await page.locator(figure).first().boundingBox();
      assert.ok(box && box.y < viewport.height && box.width > 200, `${path}: ${JSON.stringify(box)}`);
      await view.screenshot(`layout-${viewport.width}-${name(path)}`);
      await view.finish();
    }
  });
}
