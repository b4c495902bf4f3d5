// Shared helpers for every view's end-to-end tests, under `node --test`.
//
// A test file calls `useApp()` once at top level; it serves www/ on a free
// port and launches Debian's Chromium before the file's tests, and stops
// both after them. Each test opens a fresh page with `app.open(path)`:
//
//   import { test } from "node:test";
//   import { useApp } from "./harness.mjs";
//   const app = useApp();
//   test("the race view loads", async () => {
//     const view = await app.open("/#landscape=rosenbrock");
//     await view.ready();
//     await view.screenshot("race-rosenbrock");
//     view.assertNoErrors();
//   });
//
// The contract with the app: it sets `document.documentElement.dataset.ready
// = "true"` once its first frame is drawn, and shows any fatal error or wasm
// panic as text in a visible `#fatal` element. `ready()` waits for either,
// so a broken module fails in a second with its message instead of timing
// out.

import { after, before } from "node:test";
import { mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { serveStatic } from "../../scripts/static_server.mjs";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const WWW = join(ROOT, "www");
export const SCREENSHOTS = join(ROOT, "test-results", "screenshots");

/** Serves www/ on a free port of 127.0.0.1: `{ url, close }`. */
export function startServer(root = WWW) {
  return serveStatic(root, { port: 0 });
}

/** Debian's Chromium, headless, with nothing that reaches the network. */
export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-quic",
      "--no-first-run",
      "--disable-dev-shm-usage",
    ],
  });
}

/**
 * Starts the server and the browser before this file's tests and stops them
 * after. Returns `{ open(path, options) }`, plus `url` and `browser` once
 * the tests run.
 */
export function useApp() {
  const app = { url: null, browser: null, server: null, views: [] };
  before(async () => {
    app.server = await startServer();
    app.url = app.server.url;
    app.browser = await launchBrowser();
  });
  after(async () => {
    await app.browser?.close();
    await app.server?.close();
  });
  app.open = async (path = "/", options = {}) => {
    const view = await openPage(app.browser, new URL(path, app.url).href, options);
    app.views.push(view);
    return view;
  };
  /** `open`, then waits until the app has drawn its first frame. */
  app.openReady = async (path, options) => {
    const view = await app.open(path, options);
    await view.ready();
    return view;
  };
  return app;
}

/**
 * Opens `url` in a fresh browser context (its own storage and clipboard)
 * and records every console error, uncaught page error, failed request and
 * HTTP error response. The default viewport is a 1280×720 projector.
 */
export async function openPage(browser, url, options = {}) {
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1280, height: 720 },
    deviceScaleFactor: options.deviceScaleFactor ?? 1,
    hasTouch: options.hasTouch ?? false,
  });
  const page = await context.newPage();
  const view = new View(page, context);
  page.on("console", (message) => {
    if (message.type() === "error") {
      const where = message.location()?.url ? ` (${message.location().url})` : "";
      view.problem(`console error: ${message.text()}${where}`);
    }
  });
  page.on("pageerror", (error) => view.problem(`page error: ${error.stack ?? error.message}`));
  page.on("requestfailed", (request) => {
    // Leaving a page aborts what it still had in flight (its offline
    // worker caching the app's files, a module still loading): the test's
    // own doing, not the page's.
    if (view.leaving && request.failure()?.errorText === "net::ERR_ABORTED") return;
    view.problem(`request failed: ${request.url()} (${request.failure()?.errorText})`);
  });
  page.on("response", (response) => {
    if (response.status() >= 400) {
      view.problem(`HTTP ${response.status()} for ${response.url()}`);
    }
  });
  await page.goto(url);
  return view;
}

/** One open page, with what went wrong on it so far. */
export class View {
  constructor(page, context) {
    this.page = page;
    this.context = context;
    /** Everything that went wrong, in order, as readable lines. */
    this.problems = [];
    this.onProblem = null;
  }

  /** Goes to `url` as a person does, leaving the page that was here: what
   *  that page still had in flight is aborted, which is not its fault. */
  async goto(url) {
    this.leaving = true;
    try {
      await this.page.goto(url);
    } finally {
      this.leaving = false;
    }
  }

  problem(line) {
    this.problems.push(line);
    this.onProblem?.(line);
  }

  /**
   * Resolves when the app has drawn its first frame. Rejects at once, with
   * the message, if the app shows `#fatal`, or an error is thrown or a
   * request fails before that; rejects after `timeout` ms otherwise.
   */
  async ready({ timeout = 15_000 } = {}) {
    const failed = new Promise((_, reject) => {
      if (this.problems.length) reject(new Error(this.problems.join("\n")));
      this.onProblem = (line) => reject(new Error(line));
    });
    const waiting = this.page.waitForFunction(
      () => {
        const fatal = document.getElementById("fatal");
        if (fatal && !fatal.hidden && fatal.checkVisibility?.() !== false) {
          const text = fatal.textContent.trim();
          if (text) return { fatal: text };
        }
        return document.documentElement.dataset.ready === "true" ? { ready: true } : false;
      },
      null,
      { timeout },
    );
    // Whichever loses the race may still reject later (the page closes);
    // that is not news.
    failed.catch(() => {});
    waiting.catch(() => {});
    try {
      const state = await (await Promise.race([waiting, failed])).jsonValue();
      if (state.fatal) {
        throw new Error(`the app shows a fatal error: ${state.fatal}`);
      }
    } catch (error) {
      const seen = this.problems.length
        ? `\nproblems on the page:\n  ${this.problems.join("\n  ")}`
        : "";
      throw new Error(`${this.page.url()} did not become ready: ${error.message}${seen}`);
    } finally {
      this.onProblem = null;
    }
  }

  /** Saves test-results/screenshots/<name>.png and returns its path. */
  async screenshot(name) {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const path = join(SCREENSHOTS, `${name}.png`);
    await this.page.screenshot({ path });
    return path;
  }

  /** The text of the page's first notice, once one shows. */
  async noticeText() {
    const notice = this.page.locator(".notice").first();
    await notice.waitFor();
    return notice.textContent();
  }

  /** Fails, listing them, if anything went wrong on the page. */
  assertNoErrors() {
    if (this.problems.length) {
      throw new Error(`${this.problems.length} problem(s) on ${this.page.url()}:\n  ${this.problems.join("\n  ")}`);
    }
  }

  async close() {
    await this.context.close();
  }

  /**
   * The end of a test: saves the screenshot `name` if one is given, fails
   * if anything went wrong on the page, and closes it.
   */
  async finish(name) {
    if (name !== undefined) await this.screenshot(name);
    this.assertNoErrors();
    await this.close();
  }
}
