// "How does a small change in one weight affect the final loss?" Moves one
// weight by Δ (the other fixed) and sets the engine's actual change in J
// beside the chain rule's prediction ∂J/∂w·Δ, with the slice of J through
// the current point and its tangent drawn by the engine.

import { parseNumber } from "../shared/parse.js";
import { number } from "../shared/format.js";
import { inlineMessage, errorText } from "../shared/notice.js";

const SUB = { 1: "₁", 2: "₂" };

export function createNudge(session) {
  const { refs, state } = session;
  const message = inlineMessage(refs.deltaMessage);
  let box = { width: 0, height: 0 };
  /** The message shown is update()'s own, cleared once the nudge works again. */
  let stale = false;

  function show() {
    refs.which1.checked = state.nudge === 1;
    refs.which2.checked = state.nudge === 2;
    refs.deltaSlider.value = String(state.delta);
    refs.deltaSlider.setAttribute("aria-valuetext", String(state.delta));
    if (document.activeElement !== refs.delta) refs.delta.value = String(state.delta);
    const w = `w${SUB[state.nudge]}`;
    refs.nudgeWeight.textContent = w;
    refs.nudgeNote.textContent = `The prediction ∂J/∂${w} · Δ follows the tangent (dashed): exact as Δ → 0, and off by more the further the curve bends away.`;
  }

  /** The nudge's outcome in a sentence, for the live region (the readout
   *  itself follows the weights every frame, so it is not live). */
  function say() {
    try {
      const n = session.lab.nudge(state.nudge, state.delta);
      session.announce(
        `moving w${SUB[state.nudge]} by ${number(n.delta)}: J changes by ${number(n.actual)}, the chain rule predicts ${number(n.predicted)}`,
        { key: "nudge" },
      );
    } catch {
      // update() shows the engine's message.
    }
  }

  /** Takes a new Δ if the engine accepts it; returns its refusal otherwise. */
  function setDelta(delta) {
    try {
      session.lab.nudge(state.nudge, delta);
    } catch (error) {
      return errorText(error);
    }
    state.delta = delta;
    session.changed();
    return null;
  }

  refs.deltaSlider.addEventListener("input", () => {
    const problem = setDelta(Number(refs.deltaSlider.value));
    if (problem) message.show(problem);
    else message.clear();
    show();
    if (!problem) say();
  });
  refs.delta.addEventListener("change", () => {
    const text = refs.delta.value.trim();
    const delta = parseNumber(text);
    const problem = Number.isNaN(delta) ? `Δ: “${text.slice(0, 30)}” is not a number` : setDelta(delta);
    if (problem) message.show(`${problem}; kept ${state.delta}.`, refs.delta);
    else message.clear();
    refs.delta.value = String(state.delta);
    show();
    if (!problem) say();
  });
  for (const radio of [refs.which1, refs.which2]) {
    radio.addEventListener("change", () => {
      if (!radio.checked) return;
      state.nudge = Number(radio.value);
      show();
      session.changed();
      say();
    });
  }

  return {
    show,
    resized(size) {
      box = size;
    },
    /** The readout and the slice, for the lab's current point. */
    update() {
      // The weights may have moved where w + Δ is out of the engine's
      // range; say so rather than stop drawing the page.
      try {
        const n = session.lab.nudge(state.nudge, state.delta);
        refs.nudgeDelta.textContent = number(n.delta);
        refs.nudgeActual.textContent = number(n.actual);
        refs.nudgePredicted.textContent = number(n.predicted);
        refs.nudgeGap.textContent = number(n.gap);
        if (box.width >= 10 && box.height >= 10) {
          session.lab.draw_slice(refs.slice, state.nudge, box.width, box.height, session.dpr(), state.delta);
        }
        if (stale) message.clear();
        stale = false;
      } catch (error) {
        refs.nudgeActual.textContent = "–";
        refs.nudgePredicted.textContent = "–";
        refs.nudgeGap.textContent = "–";
        message.show(errorText(error));
        stale = true;
      }
    },
  };
}
