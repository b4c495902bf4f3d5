// The training view: a small network learns a data set live, batch by
// batch, and its fit, its units and its train/validation curves are drawn as
// it goes; or the mini-batch lab. This module owns the session (the
// engine's Training handle and the state), restores it from its state and
// runs the animation loop; the view shell (../shared/view_shell.js) saves
// it, sizes it and says what a link got wrong.

import { renderLayout } from "./layout.js";
import { stateTable as trainTable, specFor, compareFor, presetState } from "./state.js";
import { setupForm } from "./controls.js";
import { createLab } from "./lab.js";
import { createLoop } from "../shared/loop.js";
import { createShell } from "../shared/view_shell.js";
import { decode } from "../shared/url_state.js";
import { palette } from "../shared/palette.js";
import { SPEED_SCALE } from "../shared/log_scale.js";
import { errorText } from "../shared/notice.js";
import { number } from "../shared/format.js";
import { bindPlayback } from "../shared/keys.js";

/** While playing, the chart and the table refresh this often… */
const CHART_MS = 100;
/** …and the fit and the network diagram (they evaluate the network on grids) this often. */
const PICTURE_MS = 150;

function statusText(s, playing) {
  switch (s.status) {
    case "running":
      if (s.epoch === 0) return "ready";
      return playing ? "training" : "paused";
    case "finished":
      return "finished";
    case "stopped_early":
      return `stopped early at epoch ${s.status_epoch + 1}`;
    case "diverged":
      return `diverged in epoch ${s.status_epoch + 1}`;
    default:
      return String(s.status);
  }
}

/** The view's state table, its link's keys and rules (see ../shared/url_state.js). */
export function stateTable(descent) {
  return trainTable(descent.train_catalogue());
}

/** Mounts the training view in `element`; see ../shared/view_shell.js for the contract. */
export function mount(element, initial, options = {}) {
  const shell = createShell(element, "train", options);
  shell.stylesheet(new URL("./train.css", import.meta.url));
  const { descent, dpr } = shell;
  const catalogue = descent.train_catalogue();
  const { refs, fields } = renderLayout(element, shell.id);
  // The one live region: the metrics table changes every frame and is plain.
  void shell.announcer;
  const table = stateTable(descent);
  const { state, problems } = shell.readState(initial, table);
  // One part alone (a lecture's scene): the mini-batch lab, without the tabs.
  if (shell.part === "lab") {
    state.panel = "lab";
    refs.tabLab.parentElement.style.display = "none";
  } else if (shell.part) {
    problems.push(`part “${shell.part.slice(0, 30)}” is not “lab”; the whole view is shown`);
  }

  const maxCompared = descent.catalogue().limits.max_compared;
  state.compare = state.compare.filter((name, i, all) => {
    const known = catalogue.optimizers.includes(name);
    if (!known) problems.push(`compare=“${name.slice(0, 30)}” is not an optimizer; left out`);
    // The form ticks each optimizer once; a link cannot tick one twice.
    const again = known && all.indexOf(name) < i;
    const first = all.indexOf(name);
    if (again && all.indexOf(name, first + 1) === i) problems.push(`compare=${name} given more than once; compared once`);
    return known && !again;
  });
  if (state.compare.length > maxCompared) {
    problems.push(`compare: at most ${maxCompared} optimizers; the rest were left out`);
    state.compare = state.compare.slice(0, maxCompared);
  }

  let training = null;
  let lastChart = 0;
  let lastPicture = 0;

  /** A Training for `candidate`, or the engine's message. */
  function build(candidate) {
    try {
      return { training: new descent.Training(specFor(candidate), compareFor(candidate)) };
    } catch (error) {
      return { error: errorText(error) };
    }
  }

  let first = build(state);
  if (first.error) {
    problems.push(`these settings could not train (${first.error}); defaults stand in`);
    const defaults = decode(new URLSearchParams(), table).state;
    Object.assign(state, defaults, { panel: state.panel });
    first = build(state);
  }
  training = first.training;

  shell.track(table, () => state);
  const save = shell.save;

  // Drawing. Canvases follow their boxes, sharp at any devicePixelRatio;
  // `boxes` holds each box's size (the callback runs after mount returns).
  const boxes = shell.watchSize(
    [refs.fitBox, refs.netBox, refs.historyBox, refs.labBox, refs.cloudBox, refs.varianceBox, refs.timesBox],
    (sizes) => {
      lab.resized(sizes);
      loop.invalidate();
    },
  );
  const size = (box) => boxes.get(box) ?? { width: 0, height: 0 };
  const colors = () => palette().slice(0, training.run_count());
  let rows = [];
  /** Which run of a comparison the boundary and the network diagram show. */
  let shown = 0;

  function buildMetrics() {
    if (shown >= training.run_count()) shown = 0;
    refs.metricsBody.replaceChildren();
    rows = [];
    for (let i = 0; i < training.run_count(); i++) {
      const tr = document.createElement("tr");
      const cells = {};
      for (const column of ["optimizer", "epoch", "loss", "val_loss", "accuracy", "val_accuracy", "best", "status"]) {
        const cell = document.createElement(column === "optimizer" ? "th" : "td");
        cell.className = `col-${column}`;
        if (column === "optimizer") cell.scope = "row";
        cells[column] = cell;
        tr.append(cell);
      }
      if (training.run_count() > 1) {
        const swatch = document.createElement("span");
        swatch.className = "swatch";
        swatch.style.setProperty("--racer-color", palette()[i]);
        // Picks whose boundary and network the pictures show.
        const pick = document.createElement("input");
        pick.type = "radio";
        pick.name = shell.id("train-shown");
        pick.className = "shown-pick";
        pick.checked = i === shown;
        pick.setAttribute("aria-label", `Show run ${i + 1}'s boundary and network`);
        pick.addEventListener("change", () => {
          shown = i;
          updateMetrics();
          drawPictures();
        });
        cells.optimizer.append(pick, swatch);
      }
      cells.optimizer.append(document.createElement("span"));
      refs.metricsBody.append(tr);
      rows.push({ tr, cells, seen: null });
    }
  }

  /** A run's end in a sentence, for the live region. */
  function outcomeText(s) {
    const val = s.val_loss === null ? "" : `, val loss ${number(s.val_loss, 3)}`;
    const acc = s.val_accuracy === null ? "" : `, val accuracy ${(100 * s.val_accuracy).toFixed(1)}%`;
    return `${s.optimizer}: ${statusText(s, false)}${val}${acc}`;
  }

  function updateMetrics() {
    let summary0 = null;
    rows.forEach((row, i) => {
      const { tr, cells } = row;
      const s = training.summary(i);
      if (i === shown) summary0 = s;
      // Each run's end is said once (the table itself is not live).
      if (row.seen === "running" && s.status !== "running") shell.announce(outcomeText(s));
      row.seen = s.status;
      cells.optimizer.lastChild.textContent = s.optimizer;
      cells.epoch.textContent = String(s.epoch);
      cells.loss.textContent = number(s.loss);
      cells.val_loss.textContent = number(s.val_loss);
      cells.accuracy.textContent = s.accuracy === null ? "–" : `${(100 * s.accuracy).toFixed(1)}%`;
      cells.val_accuracy.textContent = s.val_accuracy === null ? "–" : `${(100 * s.val_accuracy).toFixed(1)}%`;
      cells.best.textContent = s.best_epoch === null ? "–" : String(s.best_epoch + 1);
      cells.status.textContent = statusText(s, loop.playing);
      tr.dataset.status = s.status;
      // Exact numbers for tests and the curious.
      tr.dataset.loss = String(s.loss);
      tr.dataset.valLoss = String(s.val_loss);
      tr.dataset.epoch = String(s.epoch);
      tr.dataset.bestEpoch = s.best_epoch === null ? "" : String(s.best_epoch);
      tr.dataset.stoppedEpoch = s.stopped_epoch === null ? "" : String(s.stopped_epoch);
    });
    if (summary0) {
      const which = training.run_count() > 1 ? ` of ${summary0.optimizer}` : "";
      const picture = summary0.task === "classification" ? "Decision boundary" : "Fitted curve";
      // The key to the marks: shape tells the split (● train, ◆
      // validation), fill the class (hollow 0, filled 1).
      const key = summary0.task === "classification" ? " · ○ class 0 · ● class 1 · ◆ validation" : " · ● train · ◆ validation";
      const title = `${picture}${which}`;
      if (refs.fitTitle.textContent !== title + key) {
        const small = document.createElement("span");
        small.className = "fit-key";
        small.textContent = key;
        refs.fitTitle.replaceChildren(title, small);
      }
      refs.netTitle.textContent = `Network${which}: each unit's activation over the input plane`;
      refs.dataNote.textContent = `${summary0.train_samples} training and ${summary0.val_samples} validation points · ${summary0.parameters} parameters · epochs numbered from 1`;
    }
  }

  function drawChart() {
    const b = size(refs.historyBox);
    if (b.width >= 10 && b.height >= 10) descent.draw_history(refs.history, training, colors(), b.width, b.height, dpr());
    updateMetrics();
  }

  function drawFit() {
    const f = size(refs.fitBox);
    if (f.width >= 10 && f.height >= 10) descent.draw_fit(refs.fit, training, f.width, f.height, dpr(), shown);
  }
  function drawNetwork() {
    const n = size(refs.netBox);
    if (n.width >= 10 && n.height >= 10) descent.draw_network(refs.net, training, n.width, n.height, dpr(), shown);
  }
  function drawPictures() {
    drawFit();
    drawNetwork();
  }

  // While playing, at most one costly picture per frame, so no frame
  // carries them all; when paused, everything at once.
  let nextPicture = 0;
  function draw(playing) {
    const now = performance.now();
    if (!playing) {
      drawChart();
      drawPictures();
    } else if (now - lastChart >= CHART_MS) {
      lastChart = now;
      drawChart();
    } else if (now - lastPicture >= PICTURE_MS / 2) {
      lastPicture = now;
      if (nextPicture === 0) drawFit();
      else drawNetwork();
      nextPicture = 1 - nextPicture;
    }
    shell.frameDrawn();
  }

  const loop = createLoop({
    race: () => training,
    draw,
    onFinished: () => {
      showPlaying();
      loop.invalidate();
    },
    // The rate achieved: the speed setting is a cap, which a large
    // network or a slow machine does not reach.
    onReadout: ({ fps, stepsPerSecond, meanWorkMs, playing }) => {
      if (state.panel !== "network") return;
      refs.perf.textContent = `${fps.toFixed(0)} fps · ${number(stepsPerSecond, 3)} batches/s achieved`;
      refs.perf.title = `${meanWorkMs.toFixed(1)} ms of work per frame`;
      if (playing) {
        shell.announcer.summary(() => {
          const s = training.summary(shown);
          const val = s.val_loss === null ? "" : `, val loss ${number(s.val_loss, 3)}`;
          return `${s.optimizer}: epoch ${s.epoch}, loss ${number(s.loss, 3)}${val}`;
        });
      }
    },
  });

  /** Starts training afresh with `candidate`; returns the engine's refusal or null. */
  function restart(candidate) {
    const next = build(candidate);
    if (next.error) return next.error;
    training.free?.();
    training = next.training;
    buildMetrics();
    loop.invalidate();
    return null;
  }

  const form = setupForm({
    fields: Object.fromEntries(Object.entries(fields).filter(([name]) => !name.startsWith("lab_"))),
    refs,
    table,
    state,
    options: { dataset: catalogue.datasets, activation: catalogue.activations, optimizer: catalogue.optimizers },
    messageSlot: refs.formMessage,
    compareBox: refs.compare,
    apply(changes) {
      const candidate = { ...state, ...changes };
      const keys = Object.keys(changes);
      if (keys.length === 1 && keys[0] === "lr") {
        try {
          training.set_learning_rate(changes.lr);
        } catch (error) {
          return errorText(error);
        }
      } else {
        const problem = restart(candidate);
        if (problem) return problem;
      }
      Object.assign(state, candidate);
      save();
      return null;
    },
  });

  // Capacity presets: the engine's specs for the lecture's three pictures.
  for (const button of element.querySelectorAll("[data-preset]")) {
    button.addEventListener("click", () => {
      const changes = presetState(descent.capacity_preset_spec(button.dataset.preset));
      const problem = restart({ ...state, ...changes });
      if (problem) {
        form.message.show(problem);
        return;
      }
      Object.assign(state, changes);
      form.message.clear();
      form.show();
      save();
      loop.play();
      showPlaying();
    });
  }

  const lab = createLab({ descent, refs, fields, state, table, save, dpr, frameDrawn: shell.frameDrawn });

  /** The Keras code of what the panel on screen shows: the network's runs
   *  (one per compared optimizer), or the mini-batch lab's three runs. */
  function kerasRuns() {
    const handle = state.panel === "lab" ? lab.handle : null;
    if (handle) {
      const labels = ["Full batch (B = N)", "SGD (B = 1)", `Mini-batch (B = ${handle.batch_size()})`];
      const files = ["full_batch", "b1", `b${handle.batch_size()}`];
      const list = handle.keras_specs().map((spec, i) => ({ label: labels[i], spec, filename: `descent_minibatch_${files[i]}.py` }));
      const lead =
        "The lab's three runs as Keras trainings of y = w₀ + w₁x: the same data, start and batch order, " +
        "for the whole epochs that cover the steps run (a run paused mid-epoch is finished to the epoch's end).";
      return { list, selected: 2, lead };
    }
    const list = [];
    for (let i = 0; i < training.run_count(); i++) {
      const name = training.summary(i).optimizer;
      list.push({ label: `${name} on ${state.dataset}`, spec: training.keras_spec(i), filename: `descent_train_${state.dataset}_${name}.py` });
    }
    return { list, selected: shown };
  }
  refs.keys.after(
    shell.kerasCode({
      lead: "The same data, initial weights, model, optimizer and batch order, every epoch.",
      runs: kerasRuns,
    }),
  );

  // Motion: the toolbar drives whichever panel is shown.
  function showPlaying() {
    const playing = state.panel === "lab" ? lab.loop.playing : loop.playing;
    refs.play.textContent = playing ? "Pause" : "Play";
    refs.play.setAttribute("aria-pressed", String(playing));
  }
  function togglePlay() {
    const active = state.panel === "lab" ? lab.loop : loop;
    if (active.playing) active.pause();
    else {
      if (state.panel === "lab") lab.playFromEnd();
      else if (training.all_finished()) restart(state);
      active.play();
      shell.announcer.hold();
    }
    showPlaying();
    active.invalidate();
  }
  function step() {
    if (state.panel === "lab") {
      lab.loop.pause();
      lab.step();
    } else {
      loop.pause();
      // One epoch: as many batches as the training set holds.
      const s = training.summary(0);
      training.advance(s.batches_per_epoch);
      loop.invalidate();
    }
    showPlaying();
  }
  function reset() {
    if (state.panel === "lab") lab.reset();
    else {
      loop.pause();
      restart(state);
    }
    showPlaying();
  }
  // The views' one set of keys (the toolbar's Play declared Space and had
  // no handler); "," and "." wait for a timeline.
  bindPlayback(shell, refs, {
    actions: { play: togglePlay, step, reset },
    texts: { step: "Step one epoch (the mini-batch lab: one step)", reset: "Reset: train afresh" },
    opener: refs.keys,
  });

  SPEED_SCALE.configure(refs.speed);
  function showSpeed() {
    refs.speed.value = String(SPEED_SCALE.position(state.speed));
    const text = `up to ${number(state.speed, 3)} batches/s`;
    refs.speedValue.textContent = text;
    refs.speed.setAttribute("aria-valuetext", text);
    loop.setSpeed(state.speed);
    lab.loop.setSpeed(state.speed);
  }
  refs.speed.addEventListener("input", () => {
    state.speed = SPEED_SCALE.value(refs.speed.value);
    showSpeed();
    save();
  });
  showSpeed();

  // Panels.
  function showPanel() {
    const lab_ = state.panel === "lab";
    refs.networkPanel.hidden = lab_;
    refs.networkSide.hidden = lab_;
    refs.labPanel.hidden = !lab_;
    refs.labSide.hidden = !lab_;
    // Step means one epoch of the network, one step of the lab's runs.
    refs.step.textContent = lab_ ? "Step" : "Step 1 epoch";
    refs.tabNetwork.setAttribute("aria-pressed", String(!lab_));
    refs.tabLab.setAttribute("aria-pressed", String(lab_));
    if (lab_) {
      loop.pause();
      loop.stop();
      lab.start();
    } else {
      lab.stop();
      loop.start();
      loop.invalidate();
    }
    showPlaying();
  }
  for (const [button, panel] of [
    [refs.tabNetwork, "network"],
    [refs.tabLab, "lab"],
  ]) {
    button.addEventListener("click", () => {
      if (state.panel === panel) return;
      state.panel = panel;
      showPanel();
      save();
    });
  }

  buildMetrics();
  showPanel();
  shell.reportProblems(problems);
  save({ now: true });

  const session = {
    state,
    get training() {
      return training;
    },
    loop,
    lab,
  };
  shell.expose(session);
  shell.controls({
    buttons: { play: refs.play, step: refs.step, reset: refs.reset },
    playing: () => (state.panel === "lab" ? lab.loop.playing : loop.playing),
  });

  return shell.handle(() => {
    loop.stop();
    lab.destroy();
    training?.free?.();
  });
}
