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
//
// A frame's work is measured to the end of its paint, not to the end of its
// JavaScript: a canvas rasterizes what it recorded after the callback
// returns, and for long paths that was most of the frame. A message posted
// from the frame callback arrives once the browser has rendered the frame,
// so the time from the frame's start to that message counts stepping,
// drawing, style, layout, paint and canvas rasterization alike. The fps
// readout and the engine's share both use it.
//
// A view whose pictures are painted over several frames (the race's path
// layer) passes `backlog()`: how many rounds of steps (one step of every
// racer) are recorded but not yet painted. While the painter is behind,
// the engine takes no more rounds per frame than were painted in the last
// one, so the paths on screen never fall further behind the race. While
// the race is paused, the frames that only finish the painting, or follow a
// zoom or a pan (`invalidate({panels: false})`), call `draw(playing,
// {picturesOnly: true})`, so the view can skip its other panels: nothing
// they show has changed.

const FRAME_BUDGET_MS = 8;
const MIN_ENGINE_MS = 1;
const MAX_DT_MS = 100;
const READOUT_EVERY_MS = 500;
/** Frames whose work `frameWork()` keeps, for the bench page and tests. */
const RECENT_FRAMES = 4000;

export function createLoop({ race, draw, onFinished, onReadout, backlog = null }) {
  let speed = 60;
  let playing = false;
  let owed = 0;
  let last = null;
  let msPerRound = 0.01; // one step of every racer; re-measured as it runs
  let lastRounds = 0; // what the last frame that stepped took
  let drawMs = 2;
  let frameId = null;
  let dirty = true;
  /** Dirty only in its pictures: one still being painted over frames, or
   *  a view zoomed or panned; the view's other panels need no redraw. */
  let picturesOnly = false;
  let stats = { start: performance.now(), frames: 0, steps: 0, work: 0, measured: 0, maxWork: 0 };
  // The painter's backlog when the last frame began, and the rounds it took.
  let behindBefore = 0;
  let takenBefore = 0;
  // The frame being measured: its start, and the engine's share of it.
  let measuring = null;
  /** The last frames' work: {at (performance.now() at its start), ms}. */
  const recent = [];
  let afterPaint = null;
  function channel() {
    if (afterPaint) return afterPaint;
    afterPaint = new MessageChannel();
    afterPaint.port1.onmessage = () => {
      if (!measuring) return;
      const work = performance.now() - measuring.start;
      if (measuring.drew) drawMs = 0.8 * drawMs + 0.2 * Math.max(0, work - measuring.engine);
      stats.work += work;
      stats.measured += 1;
      stats.maxWork = Math.max(stats.maxWork, work);
      recent.push({ at: measuring.start, ms: work });
      if (recent.length > RECENT_FRAMES) recent.splice(0, recent.length - RECENT_FRAMES);
      measuring = null;
    };
    return afterPaint;
  }

  /** Takes the steps this frame owes, within its budget; returns the
   *  steps taken by all racers, and the rounds asked for. */
  function advance(dt, painted) {
    owed += (speed * Math.min(dt, MAX_DT_MS)) / 1000;
    const wanted = Math.floor(owed);
    if (wanted < 1) return { taken: 0, rounds: 0 };
    const budget = Math.max(MIN_ENGINE_MS, FRAME_BUDGET_MS - drawMs);
    let allowed = Math.max(1, Math.floor(budget / msPerRound));
    // Slow start: at most 4 × the last frame's rounds, so the first frame
    // of a run whose rounds are costly (a full batch of the largest
    // network takes about 100 ms) takes one round, not sixteen, before
    // the cost is measured.
    allowed = Math.min(allowed, Math.max(1, 4 * lastRounds));
    // The painter is behind: keep to its pace.
    if (painted !== null) allowed = Math.min(allowed, Math.max(1, Math.floor(painted)));
    const n = Math.min(wanted, allowed);
    const t0 = performance.now();
    const taken = race().advance(n);
    const elapsed = performance.now() - t0;
    // A few rounds, or one that is long enough to time, tell the cost.
    if (elapsed > 0 && (n >= 4 || elapsed >= 1)) msPerRound = 0.7 * msPerRound + 0.3 * (elapsed / n);
    lastRounds = n;
    owed = n < wanted ? 0 : owed - n;
    return { taken, rounds: n };
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
    let rounds = 0;
    let engine = 0;
    let drew = false;
    // Rounds the last frame painted, if the painter is behind: what waited
    // when it began, plus what it added, less what waits now.
    const behind = backlog ? backlog() : 0;
    const painted = behind > 0 ? Math.max(0, behindBefore + takenBefore - behind) : null;
    if (playing) {
      ({ taken: steps, rounds } = advance(dt, painted));
      engine = performance.now() - t0;
      if (race().all_finished()) {
        pause();
        onFinished();
      }
      dirty = true;
    }
    behindBefore = behind;
    takenBefore = rounds;
    if (dirty) {
      draw(playing, { picturesOnly: picturesOnly && !playing });
      drew = true;
      // A picture still being painted needs the next frame too, for the
      // painter alone: nothing else changed.
      dirty = Boolean(backlog && backlog() > 0);
      picturesOnly = dirty;
    }
    if (measuring === null) {
      measuring = { start: t0, engine, drew };
      channel().port2.postMessage(0);
    }
    stats.frames += 1;
    stats.steps += steps;
    const span = now - stats.start;
    if (span >= READOUT_EVERY_MS) {
      onReadout({
        fps: (stats.frames * 1000) / span,
        stepsPerSecond: (stats.steps * 1000) / span,
        meanWorkMs: stats.measured ? stats.work / stats.measured : 0,
        maxWorkMs: stats.maxWork,
        playing,
      });
      stats = { start: now, frames: 0, steps: 0, work: 0, measured: 0, maxWork: 0 };
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
      afterPaint?.port1.close();
      afterPaint = null;
      measuring = null;
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
      draw(playing, { picturesOnly: picturesOnly && !playing });
      dirty = Boolean(backlog && backlog() > 0);
      picturesOnly = dirty;
    },
    /** Each recent frame's work, to the end of its paint, oldest first:
     *  `[{at, ms}]`, `at` its start on performance.now()'s clock. */
    frameWork() {
      return recent.slice();
    },
    /** Asks for a redraw on the next frame; `{panels: false}` when only
     *  a picture changed (a zoom, a pan), not what the panels show. */
    invalidate({ panels = true } = {}) {
      picturesOnly = panels ? false : !dirty || picturesOnly;
      dirty = true;
    },
  };
}
