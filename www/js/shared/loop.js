// The animation loop: how many engine steps each frame takes, and when to
// draw.
//
// Steps owed grow by speed × dt each frame; the fractional remainder carries
// over, so 1 step per second works at 60 fps. The engine's share of a frame
// is capped so that a frame's own work (stepping plus drawing) stays under
// about 8 ms: the cost of one step for all racers is measured as the run
// goes, and a frame takes no more steps than fit in what drawing leaves.
// Steps that do not fit are dropped rather than owed, so a slow machine runs
// slower instead of stuttering to catch up.

const FRAME_BUDGET_MS = 8;
const MIN_ENGINE_MS = 1;
const MAX_DT_MS = 100;
const READOUT_EVERY_MS = 500;

export function createLoop({ race, draw, onFinished, onReadout }) {
  let speed = 60;
  let playing = false;
  let owed = 0;
  let last = null;
  let msPerRound = 0.01; // one step of every racer; re-measured as it runs
  let drawMs = 2;
  let frameId = null;
  let dirty = true;
  let stats = { start: performance.now(), frames: 0, steps: 0, work: 0, maxWork: 0 };

  function advance(dt) {
    owed += (speed * Math.min(dt, MAX_DT_MS)) / 1000;
    const wanted = Math.floor(owed);
    if (wanted < 1) return 0;
    const budget = Math.max(MIN_ENGINE_MS, FRAME_BUDGET_MS - drawMs);
    const allowed = Math.max(1, Math.floor(budget / msPerRound));
    const n = Math.min(wanted, allowed);
    const t0 = performance.now();
    const taken = race().advance(n);
    const elapsed = performance.now() - t0;
    if (n >= 4 && elapsed > 0) msPerRound = 0.7 * msPerRound + 0.3 * (elapsed / n);
    owed = n < wanted ? 0 : owed - n;
    return taken;
  }

  function tick(now) {
    frameId = requestAnimationFrame(tick);
    try {
      frame(now);
    } catch (error) {
      // A panic poisons the wasm instance: stop here, and let the page's
      // error handler show the message, instead of failing every frame.
      cancelAnimationFrame(frameId);
      frameId = null;
      throw error;
    }
  }

  function frame(now) {
    const dt = last === null ? 0 : now - last;
    last = now;
    const t0 = performance.now();
    let steps = 0;
    if (playing) {
      steps = advance(dt);
      if (race().all_finished()) {
        pause();
        onFinished();
      }
      dirty = true;
    }
    if (dirty) {
      const d0 = performance.now();
      draw(playing);
      drawMs = 0.8 * drawMs + 0.2 * (performance.now() - d0);
      dirty = false;
    }
    const work = performance.now() - t0;
    stats.frames += 1;
    stats.steps += steps;
    stats.work += work;
    stats.maxWork = Math.max(stats.maxWork, work);
    const span = now - stats.start;
    if (span >= READOUT_EVERY_MS) {
      onReadout({
        fps: (stats.frames * 1000) / span,
        stepsPerSecond: (stats.steps * 1000) / span,
        meanWorkMs: stats.work / stats.frames,
        maxWorkMs: stats.maxWork,
        playing,
      });
      stats = { start: now, frames: 0, steps: 0, work: 0, maxWork: 0 };
    }
  }

  function pause() {
    playing = false;
    owed = 0;
  }

  return {
    start() {
      if (frameId === null) frameId = requestAnimationFrame(tick);
    },
    stop() {
      if (frameId !== null) cancelAnimationFrame(frameId);
      frameId = null;
    },
    play() {
      playing = true;
      last = null;
    },
    pause,
    get playing() {
      return playing;
    },
    setSpeed(stepsPerSecond) {
      speed = stepsPerSecond;
    },
    /** Draws now if anything changed, instead of on the next frame. */
    drawNow() {
      if (!dirty) return;
      draw(playing);
      dirty = false;
    },
    /** Asks for a redraw on the next frame. */
    invalidate() {
      dirty = true;
    },
  };
}
