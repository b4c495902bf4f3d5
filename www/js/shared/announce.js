// One polite live region per figure: what a screen reader hears while a view
// runs. Readouts that change every frame (tables, numbers under a canvas,
// "step 46…") are plain text, never live regions, or a screen reader would
// read out hundreds of changes a second. What deserves to be heard goes
// through here instead: outcomes ("racer 2 converged at step 312"), the
// answer to something the person did, and, while running, a short summary
// now and then.
//
// The region changes at most once a second: messages that arrive in
// between wait and are read together. A message with a `key` replaces a
// waiting one with the same key (a cursor moved twice is read once, where
// it stopped). A summary is only taken when nothing else waits and
// SUMMARY_MS have passed since the last one.

/** The least time between two changes of the region. */
export const GAP_MS = 1000;
/** The least time between two running summaries. */
export const SUMMARY_MS = 5000;
/** Waiting messages beyond this many are dropped, oldest first. */
const MAX_WAITING = 4;

/** A live region appended to `host`; returns `{say, summary, clear, destroy, element}`. */
export function createAnnouncer(host) {
  const region = document.createElement("p");
  region.className = "sr-only announcer";
  region.setAttribute("role", "status");
  region.setAttribute("aria-live", "polite");
  region.setAttribute("aria-atomic", "true");
  host.append(region);

  let waiting = [];
  let lastChange = -Infinity;
  let lastSummary = -Infinity;
  let timer = null;

  function flush() {
    timer = null;
    if (!waiting.length || !region.isConnected) return;
    const text = waiting.map((m) => m.text).join(" · ");
    waiting = [];
    lastChange = performance.now();
    region.textContent = text;
  }

  function schedule() {
    if (timer !== null) return;
    const wait = lastChange + GAP_MS - performance.now();
    if (wait <= 0) flush();
    else timer = setTimeout(flush, wait);
  }

  return {
    element: region,
    /** Says `text` within a second; `key` replaces a waiting message with that key. */
    say(text, { key } = {}) {
      if (!text) return;
      if (key !== undefined) waiting = waiting.filter((m) => m.key !== key);
      waiting.push({ text, key });
      if (waiting.length > MAX_WAITING) waiting = waiting.slice(-MAX_WAITING);
      schedule();
    },
    /** A running summary, taken only when it is due and nothing else waits;
     *  `text` may be a function, called only then. */
    summary(text) {
      const now = performance.now();
      if (waiting.length || now - lastSummary < SUMMARY_MS || now - lastChange < GAP_MS) return;
      const words = typeof text === "function" ? text() : text;
      if (!words) return;
      lastSummary = now;
      waiting.push({ text: words, key: "summary" });
      schedule();
    },
    /** Starts the summaries' clock afresh (on Play: the first summary
     *  comes SUMMARY_MS later, not at once). */
    hold() {
      lastSummary = performance.now();
    },
    /** Forgets what waits (the view restarted: old outcomes are stale). */
    clear() {
      waiting = [];
    },
    destroy() {
      clearTimeout(timer);
      timer = null;
      waiting = [];
      region.remove();
    },
  };
}
