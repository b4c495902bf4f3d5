// The bench page's hard race case (`bench.html?case=long-paths`): the app
// itself, in a 1280×720 frame, racing 8 SGD racers on rastrigin at the
// speed slider's top, 10⁵ steps/s per racer. At η ≈ 0.07 every path
// scribbles over the whole map and never settles, so the paths only grow:
// the case the friendly race benchmark (converging paths) cannot see.
//
//   racing   frames per second and each frame's work (to the end of its
//            paint, as the app's loop measures it) over RACE_MS of play,
//            or until the race reaches its step limit
//   pause    from the moment a Pause click is due to the first frame painted
//            after it: the click waits for whatever frame is running, so
//            this is the latency a person feels
//   rebuild  the race is stepped to REBUILD_STEPS points per racer, then a
//            wheel zoom forces the path layer to be rebuilt: how many frames
//            the rebuild is spread over, their work, and the worst frame
//
// The racers' rates differ by 1 % each, so the eight paths are eight
// different scribbles, not one path drawn eight times.

const RACERS = 8;
const WARM_UP_MS = 500;
/** Racing stops at the race's step limit (10⁵), 3 – 5 s in on this machine. */
const RACE_MS = 3000;
const PAUSES = 5;
const REBUILD_STEPS = 100_000;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function summary(values) {
  if (values.length === 0) return { mean: 0, median: 0, p95: 0, max: 0, count: 0 };
  return {
    mean: values.reduce((a, b) => a + b, 0) / values.length,
    median: percentile(values, 50),
    p95: percentile(values, 95),
    max: Math.max(...values),
    count: values.length,
  };
}

/** The app's link for the case. */
export function longPathsLink() {
  const racers = Array.from({ length: RACERS }, (_, i) => `racer=sgd,learning_rate:${(0.07 * (1 + 0.01 * i)).toFixed(5)}`);
  return `index.html#race?landscape=rastrigin&speed=100000&${racers.join("&")}`;
}

async function mountApp(host) {
  const frame = document.createElement("iframe");
  frame.title = "The app, racing long wandering paths";
  frame.width = "1280";
  frame.height = "720";
  frame.className = "bench-app";
  frame.src = longPathsLink();
  host.append(frame);
  const deadline = performance.now() + 30_000;
  while (performance.now() < deadline) {
    await sleep(50);
    const session = frame.contentWindow?.__race;
    if (session && frame.contentDocument.documentElement.dataset.ready === "true") return { frame, session };
  }
  throw new Error("the app did not mount the race within 30 s");
}

/** Resolves once the app's window has painted a frame after now. */
function painted(win) {
  return new Promise((resolve) => {
    win.requestAnimationFrame(() => {
      const channel = new win.MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        resolve(performance.now());
      };
      channel.port2.postMessage(0);
    });
  });
}

/** Counts the app window's animation frames for `ms`, or until `still()`
 *  turns false (the race reached its step limit). */
async function framesWhile(win, ms, still) {
  let frames = 0;
  let end = null;
  const t0 = performance.now();
  await new Promise((resolve) => {
    const count = (now) => {
      if (!still() || now - t0 >= ms) {
        end = performance.now();
        resolve();
        return;
      }
      frames += 1;
      win.requestAnimationFrame(count);
    };
    win.requestAnimationFrame(count);
  });
  return { frames, seconds: (end - t0) / 1000 };
}

/** A Pause (or Play) click that arrives at a moment the page does not
 *  choose: due `wait` ms from now, run when the main thread is free. */
function clickWhenDue(button, wait) {
  const due = performance.now() + wait;
  return new Promise((resolve) => {
    setTimeout(() => {
      button.click();
      resolve(due);
    }, wait);
  });
}

async function racing(session, win) {
  const { refs, loop, race } = session;
  refs.play.click();
  await sleep(WARM_UP_MS); // past the first growth
  const from = performance.now();
  const steps0 = race.summary(0).step;
  const { frames, seconds } = await framesWhile(win, RACE_MS, () => loop.playing);
  const steps = race.summary(0).step - steps0;
  const work = loop
    .frameWork()
    .filter((f) => f.at >= from - 1 && f.at <= from + seconds * 1000)
    .map((f) => f.ms);
  return {
    fps: frames / seconds,
    seconds,
    work: summary(work),
    stepsPerRacerPerSecond: steps / seconds,
    stepsPerRacer: race.summary(0).step,
  };
}

async function pauses(session, win) {
  const { refs, loop } = session;
  // The racing above may have reached the step limit: start again.
  if (loop.playing) refs.play.click();
  refs.reset.click();
  const latencies = [];
  for (let k = 0; k < PAUSES; k++) {
    if (!loop.playing) refs.play.click();
    await sleep(400);
    const due = await clickWhenDue(refs.play, 37 * k + 13);
    const shown = await painted(win);
    if (loop.playing) throw new Error("Pause did not pause the race");
    latencies.push(shown - due);
  }
  return summary(latencies);
}

async function rebuild(session, win) {
  const { race, view, refs, loop } = session;
  if (loop.playing) refs.play.click();
  // Let the layer catch up with what was raced, then grow every path to
  // REBUILD_STEPS points at once (the engine only, no drawing).
  for (let k = 0; k < 600 && view.pending() > 0; k++) await painted(win);
  const have = race.summary(0).step;
  if (have < REBUILD_STEPS) race.advance(REBUILD_STEPS - have);
  loop.invalidate();
  for (let k = 0; k < 2000 && (k < 2 || view.pending() > 0); k++) await painted(win);
  // A wheel notch over the middle of the map, as a mouse sends it.
  const box = refs.overlay.getBoundingClientRect();
  const from = performance.now();
  refs.overlay.dispatchEvent(
    new win.WheelEvent("wheel", {
      deltaY: -100,
      clientX: box.left + box.width / 2,
      clientY: box.top + box.height / 2,
      bubbles: true,
      cancelable: true,
    }),
  );
  let frames = 0;
  do {
    await painted(win);
    frames += 1;
  } while (view.pending() > 0 && frames < 5000);
  const ms = performance.now() - from;
  const work = loop.frameWork().filter((f) => f.at >= from - 1).map((f) => f.ms);
  return { points: race.summary(0).step + 1, frames, ms, work: summary(work) };
}

/** Runs the case in `host`; returns its figures. */
export async function longPaths(host) {
  const { frame, session } = await mountApp(host);
  const win = frame.contentWindow;
  // The frame stays, showing the rebuilt paths, for a look at the result.
  return {
    link: longPathsLink(),
    racers: RACERS,
    racing: await racing(session, win),
    pause: await pauses(session, win),
    rebuild: await rebuild(session, win),
  };
}
