// The backprop view: the lecture's one-input, two-weight network, its
// chain rule with live numbers, a nudge that sets the chain rule's
// prediction beside the actual change in J, and gradient descent on the
// loss landscape J(w₁, w₂). This module owns the session (the engine's
// ChainRuleLab and the state), restores it from its state and runs the
// animation loop; the view shell (../shared/view_shell.js) saves it, sizes
// it and says what a link got wrong. The engine computes every number.

import { renderLayout } from "./layout.js";
import { stateTable as backpropTable, DEFAULTS, MAX_STEPS } from "./state.js";
import { createChain } from "./chain.js";
import { createNetwork } from "./network.js";
import { setupControls } from "./controls.js";
import { createNudge } from "./nudge.js";
import { createLandscape } from "./landscape.js";
import { createLoop } from "../shared/loop.js";
import { createShell } from "../shared/view_shell.js";
import { errorText } from "../shared/notice.js";
import { number } from "../shared/format.js";
import { bindPlayback } from "../shared/keys.js";

/** A few steps per frame at 60 fps: the first dozens stay visible. */
const STEPS_PER_SECOND = 120;

/** The view's state table, its link's keys and rules (see ../shared/url_state.js). */
export function stateTable() {
  return backpropTable();
}

/** Mounts the backprop view in `element`; see ../shared/view_shell.js for the contract. */
export function mount(element, initial, options = {}) {
  const shell = createShell(element, "backprop", options);
  shell.stylesheet(new URL("./backprop.css", import.meta.url));
  const { descent } = shell;
  const refs = renderLayout(element, shell.id);
  // The one live region: the readouts change every frame and are plain text.
  void shell.announcer;
  const table = stateTable();
  const { state, problems } = shell.readState(initial, table);

  const build = (s) => new descent.ChainRuleLab(refs.heat, refs.overlay, s.x, s.y, s.g, s.w1, s.w2);
  let lab;
  try {
    lab = build(state);
  } catch (error) {
    problems.push(`these settings could not be used (${errorText(error)})`);
    Object.assign(state, DEFAULTS);
    lab = build(state);
  }

  /** The last step was refused because it would diverge. */
  let diverged = false;
  let fitted = false;

  shell.track(table, () => state);
  const save = shell.save;

  /** Copies the weights the engine holds into the state (after steps). */
  function syncWeights() {
    const [w1, w2] = lab.weights();
    state.w1 = w1;
    state.w2 = w2;
  }

  /** Runs `action` on the lab; every change to the example, g or the
   *  weights restarts the path. Returns the engine's refusal, or null. */
  function restart(action) {
    try {
      action();
    } catch (error) {
      return errorText(error);
    }
    syncWeights();
    diverged = false;
    controls.messages.lr.clear();
    session.changed();
    return null;
  }

  const session = {
    get lab() {
      return lab;
    },
    refs,
    state,
    dpr: shell.dpr,
    setWeights: (w1, w2) => restart(() => lab.set_weights(w1, w2)),
    setExample: (x, y) =>
      restart(() => {
        lab.set_example(x, y);
        state.x = x;
        state.y = y;
      }),
    setActivation: (g) =>
      restart(() => {
        lab.set_activation(g);
        state.g = g;
      }),
    setLearningRate(lr) {
      state.lr = lr;
      diverged = false;
      session.changed();
    },
    landscapeProblem(text) {
      controls.messages.lr.show(text);
    },
    /** Says a sentence through the figure's one live region. */
    announce: shell.announce,
    /** Redraws at once, so what a person just did shows without waiting a frame. */
    changed() {
      loop.invalidate();
      loop.drawNow();
      save();
    },
  };

  const chain = createChain(refs);
  const network = createNetwork(refs);
  const controls = setupControls(session);
  const nudge = createNudge(session);
  const landscape = createLandscape(session);

  /** Takes up to `n` steps (Play stops at MAX_STEPS, and where the path
   *  has converged); returns how many. */
  function takeSteps(n, { cap = true } = {}) {
    let taken = 0;
    while (taken < n && !(cap && lab.steps() >= MAX_STEPS) && lab.convergence() === null) {
      let ok;
      try {
        ok = lab.step(state.lr);
      } catch (error) {
        controls.messages.lr.show(errorText(error));
        diverged = true;
        break;
      }
      if (!ok) {
        if (lab.path_full()) {
          controls.messages.lr.show("This path has its most steps (10,000); Reset path or move the weights to start another.");
          break;
        }
        diverged = true;
        controls.messages.lr.show(
          `η = ${state.lr} would throw a weight past ±10 (the next step diverges), so it was not taken and the weights stay. Try a smaller η.`,
        );
        break;
      }
      taken += 1;
    }
    if (taken) {
      syncWeights();
      save();
    }
    return taken;
  }

  /** Why the path stands still, or "" while it can go on. */
  function stopReason() {
    const converged = lab.convergence();
    const v = converged ? lab.values() : null;
    // ∇J = 0 there, but it is no minimum.
    if (converged && v.activation === "relu" && v.z1 <= 0 && v.loss > 0) return "stuck: a dead ReLU passes no gradient";
    if (converged) return `converged at step ${converged.step}: ${converged.rule}`;
    if (diverged) return "stopped: the next step would diverge";
    if (lab.steps() >= MAX_STEPS) return `Play stops at ${MAX_STEPS} steps`;
    return "";
  }

  function showStatus(v) {
    const steps = lab.steps();
    const reason = stopReason();
    const text = `Step ${steps} of this path · J = ${number(v.loss)}${reason ? ` · ${reason}` : ""}`;
    if (refs.status.textContent !== text) refs.status.textContent = text;
    refs.status.dataset.steps = String(steps);
    refs.status.dataset.converged = String(lab.convergence() !== null);
  }

  /** What the live region says when descent stops or steps once. */
  function sayWhere() {
    const reason = stopReason();
    shell.announce(`step ${lab.steps()}, J = ${number(lab.values().loss)}${reason ? `: ${reason}` : ""}`, { key: "descent" });
  }

  function draw(playing) {
    const v = lab.values();
    network.update(v);
    if (chain.update(v).deadNow) {
      shell.announce("Dead ReLU: z₁ ≤ 0 makes g′(z₁) = 0, so no gradient reaches w₁ or w₂", { key: "dead" });
    }
    if (playing) shell.announcer.summary(() => `step ${lab.steps()}, J = ${number(v.loss, 3)}`);
    controls.show();
    nudge.update();
    showStatus(v);
    if (fitted) {
      lab.draw();
      shell.frameDrawn();
    }
  }

  const loop = createLoop({
    race: () => ({
      advance: (n) => takeSteps(n),
      all_finished: () => diverged || lab.steps() >= MAX_STEPS || lab.convergence() !== null,
    }),
    draw,
    onFinished() {
      showPlaying();
      sayWhere();
    },
    onReadout: () => {},
  });
  loop.setSpeed(STEPS_PER_SECOND);

  function showPlaying() {
    refs.play.textContent = loop.playing ? "Pause" : "Play";
    refs.play.setAttribute("aria-pressed", String(loop.playing));
  }
  function togglePlay() {
    if (loop.playing) loop.pause();
    else {
      // Play after the end (its most steps, or converged) starts the path again.
      if (lab.steps() >= MAX_STEPS || lab.convergence() !== null) resetPath();
      diverged = false;
      controls.messages.lr.clear();
      loop.play();
      shell.announcer.hold();
    }
    showPlaying();
    loop.invalidate();
  }
  function stepOnce() {
    loop.pause();
    diverged = false;
    controls.messages.lr.clear();
    takeSteps(1, { cap: false });
    showPlaying();
    loop.invalidate();
    loop.drawNow();
    sayWhere();
  }
  /** Back to where the path started, with an empty path. */
  function resetPath() {
    restart(() => lab.reset_path());
  }
  function reset() {
    loop.pause();
    resetPath();
    showPlaying();
  }

  // The views' one set of keys; the focused landscape's arrows are its own
  // (landscape.js), and "," "." wait for a timeline.
  bindPlayback(shell, refs, {
    actions: { play: togglePlay, step: stepOnce, reset },
    texts: { reset: "Reset the path" },
    extra: [{ keys: ["←", "↑", "→", "↓"], text: "On the focused landscape: move w₁ (← →) or w₂ (↑ ↓) by 0.05" }],
    opener: refs.keys,
  });

  refs.keys.after(
    shell.kerasCode({
      lead: "The path on screen at each step's η (before the first step, the path Play would walk).",
      runs: () => [{ label: "The path", spec: lab.keras_spec(state.lr), filename: "descent_backprop.py" }],
    }),
  );

  // Canvases follow their boxes, sharp at any devicePixelRatio.
  shell.watchSize([refs.stage, refs.sliceBox], (sizes) => {
    nudge.resized(sizes.get(refs.sliceBox) ?? { width: 0, height: 0 });
    fitted = landscape.fit() || fitted;
    loop.invalidate();
  });

  controls.show();
  nudge.show();
  showPlaying();
  shell.reportProblems(problems);
  save({ now: true });
  loop.start();
  shell.expose(session);
  shell.controls({
    buttons: { play: refs.play, step: refs.step, reset: refs.reset },
    playing: () => loop.playing,
  });

  return shell.handle(() => {
    loop.stop();
    lab.free?.();
  });
}
