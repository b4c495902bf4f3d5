// The race's controls outside the racer cards: the landscape picker, the
// start point and random init, play/pause/step/reset, the speed slider and
// the keyboard shortcuts (the views' shared set, ../shared/keys.js).

import { SPEED_SCALE } from "../shared/log_scale.js";
import { parseNumber } from "../shared/parse.js";
import { number, pair } from "../shared/format.js";
import { inlineMessage, errorText } from "../shared/notice.js";
import { bindPlayback } from "../shared/keys.js";
import { startFields } from "../shared/start_fields.js";
import { defaultSigma } from "./state.js";

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
    showSigma();
  });
  showLandscape();

  // The start point, as the engine holds it.
  function showStart() {
    const [x, y] = session.race.start();
    refs.start.textContent = pair([x, y]);
    refs.start.dataset.x = String(x);
    refs.start.dataset.y = String(y);
    // The typed fields follow, unless someone is typing in them.
    showTyped([x, y]);
  }

  // A start typed in (the keyboard's way to set it, and exact).
  const showTyped = startFields({
    x: refs.startX,
    y: refs.startY,
    button: refs.setStart,
    message: startMessage,
    stopEnter: true,
    set(x, y) {
      if (engineMoves(() => session.race.set_start(x, y))) session.startChanged();
    },
  });

  /** Runs `move` (a change of start); false, its refusal said under the
   *  start, if the engine refused it, else true with the message cleared. */
  function engineMoves(move) {
    try {
      move();
    } catch (error) {
      startMessage.show(errorText(error));
      return false;
    }
    startMessage.clear();
    return true;
  }

  // σ is the landscape's own (a quarter of its window's smaller side)
  // until someone types another.
  const landscapeSigma = () => defaultSigma(catalogue.landscapes.find((l) => l.name === session.state.landscape));
  const sigma = () => session.state.sigma ?? landscapeSigma();
  function showSigma() {
    if (document.activeElement !== refs.sigma) refs.sigma.value = String(sigma());
    refs.sigmaNote.textContent =
      session.state.sigma === null
        ? `σ = ${sigma()}: a quarter of ${session.state.landscape}’s window`
        : `σ = ${sigma()}, typed (${session.state.landscape}’s own: ${landscapeSigma()})`;
  }
  showSigma();
  refs.seed.value = String(session.state.seed);
  refs.random.addEventListener("click", () => {
    const typed = parseNumber(refs.sigma.value);
    const seed = parseNumber(refs.seed.value);
    if (!(typed > 0) || !(typed <= 1e3)) {
      startMessage.show(`σ: “${refs.sigma.value.slice(0, 30)}” must be a number > 0 and ≤ 1000; kept ${sigma()}.`, refs.sigma);
      refs.sigma.value = String(sigma());
      return;
    }
    if (!Number.isInteger(seed) || seed < 0 || seed > 4294967295) {
      startMessage.show(`Seed: “${refs.seed.value.slice(0, 30)}” must be a whole number from 0 to 4294967295; kept ${session.state.seed}.`, refs.seed);
      refs.seed.value = String(session.state.seed);
      return;
    }
    if (!engineMoves(() => session.race.random_start(typed, seed))) return;
    // The landscape's own σ stays "the landscape's" (and follows it).
    session.state.sigma = typed === landscapeSigma() ? null : typed;
    showSigma();
    // The next click draws a new point; the link keeps the start itself.
    session.state.seed = seed + 1 > 4294967295 ? 0 : seed + 1;
    refs.seed.value = String(session.state.seed);
    session.startChanged();
    session.announce(`start drawn at ${pair(session.race.start())}`);
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
      session.playStarted();
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

  SPEED_SCALE.configure(refs.speed);
  function showSpeed() {
    refs.speed.value = String(SPEED_SCALE.position(session.state.speed));
    // Every racer takes this many steps a second; the readout under the
    // landscape says what they achieved.
    const text = `${number(session.state.speed, 3)} steps/s per racer`;
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

  // Keyboard: the views' one set (Space, →, r, ?; "," and "." are the
  // timeline's, reserved: the race keeps no history to step back through).
  bindPlayback(session.shell, refs, {
    actions: { play: togglePlay, step, reset },
    extra: [
      { keys: ["←", "↑", "→", "↓"], text: "On the focused landscape: move the cursor (Shift: finely)" },
      { keys: ["Enter"], text: "On the focused landscape: set the start at the cursor" },
      { keys: ["Esc"], text: "On the focused landscape: cursor back to the start" },
    ],
    opener: refs.keys,
  });

  return { showStart, showLandscape, showPlaying, showSigma };
}
