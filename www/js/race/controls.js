// The race's controls outside the racer cards: the landscape picker, the
// start point and random init, play/pause/step/reset, the speed slider and
// the keyboard shortcuts.

import { SPEED_SCALE } from "../shared/log_scale.js";
import { parseNumber } from "../shared/parse.js";
import { number, pair } from "../shared/format.js";
import { inlineMessage, errorText } from "../shared/notice.js";

export function setupControls(session) {
  const { refs, catalogue } = session;
  const startMessage = inlineMessage(refs.startMessage);

  // Landscape picker: every landscape of the catalogue, with its formula.
  for (const landscape of catalogue.landscapes) {
    const option = document.createElement("option");
    option.value = landscape.name;
    option.textContent = `${landscape.name}: ${landscape.formula}`;
    refs.landscape.append(option);
  }
  function showLandscape() {
    const landscape = catalogue.landscapes.find((l) => l.name === session.state.landscape);
    refs.landscape.value = landscape.name;
    refs.formula.textContent = `J(x, y) = ${landscape.formula}`;
    refs.note.textContent = landscape.note;
  }
  refs.landscape.addEventListener("change", () => {
    session.setLandscape(refs.landscape.value);
    showLandscape();
  });
  showLandscape();

  // The start point, as the engine holds it.
  function showStart() {
    const [x, y] = session.race.start();
    refs.start.textContent = pair([x, y]);
    refs.start.dataset.x = String(x);
    refs.start.dataset.y = String(y);
    // The typed fields follow, unless someone is typing in them.
    for (const [field, v] of [[refs.startX, x], [refs.startY, y]]) {
      if (document.activeElement !== field) field.value = String(v);
    }
  }

  // A start typed in (the keyboard's way to set it, and exact).
  function typeStart() {
    const x = parseNumber(refs.startX.value);
    const y = parseNumber(refs.startY.value);
    const bad = [[refs.startX, x, "x"], [refs.startY, y, "y"]].find(([, v]) => !Number.isFinite(v));
    if (bad) {
      startMessage.show(`Start ${bad[2]}: “${bad[0].value.slice(0, 30)}” is not a number; the start stays.`);
      return;
    }
    try {
      session.race.set_start(x, y);
    } catch (error) {
      startMessage.show(errorText(error));
      return;
    }
    startMessage.clear();
    session.startChanged();
  }
  refs.setStart.addEventListener("click", typeStart);
  for (const field of [refs.startX, refs.startY]) {
    field.addEventListener("keydown", (event) => {
      if (event.key === "Enter") {
        event.stopPropagation();
        typeStart();
      }
    });
  }

  refs.sigma.value = String(session.state.sigma);
  refs.seed.value = String(session.state.seed);
  refs.random.addEventListener("click", () => {
    const sigma = parseNumber(refs.sigma.value);
    const seed = parseNumber(refs.seed.value);
    if (!(sigma > 0) || !(sigma <= 1e3)) {
      startMessage.show(`σ: “${refs.sigma.value.slice(0, 30)}” must be a number > 0 and ≤ 1000; kept ${session.state.sigma}.`);
      refs.sigma.value = String(session.state.sigma);
      return;
    }
    if (!Number.isInteger(seed) || seed < 0 || seed > 4294967295) {
      startMessage.show(`Seed: “${refs.seed.value.slice(0, 30)}” must be a whole number from 0 to 4294967295; kept ${session.state.seed}.`);
      refs.seed.value = String(session.state.seed);
      return;
    }
    try {
      session.race.random_start(sigma, seed);
    } catch (error) {
      startMessage.show(errorText(error));
      return;
    }
    startMessage.clear();
    session.state.sigma = sigma;
    // The next click draws a new point; the link keeps the start itself.
    session.state.seed = seed + 1 > 4294967295 ? 0 : seed + 1;
    refs.seed.value = String(session.state.seed);
    session.startChanged();
  });

  // Motion.
  function showPlaying() {
    refs.play.textContent = session.loop.playing ? "Pause" : "Play";
    refs.play.setAttribute("aria-pressed", String(session.loop.playing));
  }
  function togglePlay() {
    if (session.loop.playing) session.loop.pause();
    else {
      // Play after every racer has finished starts the race again.
      if (session.race.all_finished()) session.race.reset();
      session.loop.play();
    }
    showPlaying();
    session.loop.invalidate();
  }
  function step() {
    session.loop.pause();
    session.race.advance(1);
    showPlaying();
    session.loop.invalidate();
  }
  function reset() {
    session.loop.pause();
    session.race.reset();
    showPlaying();
    session.loop.invalidate();
  }
  refs.play.addEventListener("click", togglePlay);
  refs.step.addEventListener("click", step);
  refs.reset.addEventListener("click", reset);

  SPEED_SCALE.configure(refs.speed);
  function showSpeed() {
    refs.speed.value = String(SPEED_SCALE.position(session.state.speed));
    const text = `${number(session.state.speed, 3)} steps/s`;
    refs.speedValue.textContent = text;
    refs.speed.setAttribute("aria-valuetext", text);
    session.loop.setSpeed(session.state.speed);
  }
  refs.speed.addEventListener("input", () => {
    session.state.speed = SPEED_SCALE.value(refs.speed.value);
    showSpeed();
    session.save();
  });
  showSpeed();

  refs.resetView.addEventListener("click", () => {
    session.view.reset_view();
    session.viewChanged();
  });

  // Keyboard: never while typing; and a key a focused control already uses
  // (space on a button, arrows on a slider) keeps its own meaning, so that
  // after clicking Play, → and r still work. Only keys meant for this race:
  // typed inside it, or on the page when it is the page's race.
  function onKey(event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target instanceof Element ? event.target : document.body;
    const typing = "input:not([type=range]):not([type=checkbox]):not([type=radio]), select, textarea, [contenteditable]";
    if (target.closest(typing)) return;
    const activates = target.closest("button, summary, a, input[type=checkbox], input[type=radio]");
    const slides = target.closest("input[type=range], input[type=radio]");
    if (event.key === " " && !activates) togglePlay();
    else if (event.key === "ArrowRight" && !slides) step();
    else if (event.key === "r" || event.key === "R") reset();
    else return;
    event.preventDefault();
  }
  session.onKey(onKey);

  return { showStart, showLandscape, showPlaying };
}
