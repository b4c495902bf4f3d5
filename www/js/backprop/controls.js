// The controls: sliders and fields for w₁ and w₂, fields for x and y, the
// activation, and the learning rate. A value that is not a number, or that
// the engine refuses, is said beside its field and the last good value
// stays. The fields follow the weights as descent moves them, except the
// one being typed in.

import { parseNumber } from "../shared/parse.js";
import { number } from "../shared/format.js";
import { inlineMessage } from "../shared/notice.js";
import { ACTIVATIONS } from "./state.js";

/** Digits a weight shows in its field: enough to edit, few enough to read. */
const FIELD_DIGITS = 6;

const clip = (text) => (text.length > 30 ? `${text.slice(0, 30)}…` : text);

/**
 * Wires a text field: on change, `apply(value)` returns null or the
 * engine's refusal; `current()` is the value that stays on a refusal.
 */
export function bindNumber({ input, message, label, current, apply, show }) {
  input.addEventListener("change", () => {
    const text = input.value;
    const value = parseNumber(text);
    const problem = Number.isNaN(value) ? `${label}: “${clip(text.trim())}” is not a number` : apply(value);
    if (problem) message.show(`${problem}; kept ${number(current(), FIELD_DIGITS)}.`, input);
    else message.clear();
    show();
  });
}

export function setupControls(session) {
  const { refs, state } = session;
  const messages = {
    w1: inlineMessage(refs.w1Message),
    w2: inlineMessage(refs.w2Message),
    x: inlineMessage(refs.xMessage),
    y: inlineMessage(refs.yMessage),
    g: inlineMessage(refs.gMessage),
    lr: inlineMessage(refs.lrMessage),
  };

  for (const name of ACTIVATIONS) {
    const option = document.createElement("option");
    option.value = name;
    option.textContent = name;
    refs.g.append(option);
  }

  /** Writes `text` into a field unless someone is typing in it. */
  function put(input, text) {
    if (document.activeElement === input && input.type === "text") return;
    if (input.value !== text) input.value = text;
  }

  function show() {
    put(refs.w1, number(state.w1, FIELD_DIGITS));
    put(refs.w2, number(state.w2, FIELD_DIGITS));
    // A weight beyond the slider's −3…3 pins it at the end.
    refs.w1Slider.value = String(state.w1);
    refs.w2Slider.value = String(state.w2);
    refs.w1Slider.setAttribute("aria-valuetext", number(state.w1));
    refs.w2Slider.setAttribute("aria-valuetext", number(state.w2));
    put(refs.x, String(state.x));
    put(refs.y, String(state.y));
    refs.g.value = state.g;
    put(refs.lr, String(state.lr));
  }

  const weight = (i) => {
    const input = refs[`w${i}`];
    const setOne = (value) => (i === 1 ? session.setWeights(value, state.w2) : session.setWeights(state.w1, value));
    bindNumber({
      input,
      message: messages[`w${i}`],
      // Spelled as the engine's messages and the link spell it.
      label: `w${i}`,
      current: () => state[`w${i}`],
      apply: setOne,
      show: () => {
        // After Enter the field keeps focus; show the value the engine took.
        input.value = number(state[`w${i}`], FIELD_DIGITS);
        show();
      },
    });
    refs[`w${i}Slider`].addEventListener("input", () => {
      const problem = setOne(Number(refs[`w${i}Slider`].value));
      if (problem) messages[`w${i}`].show(problem);
      else messages[`w${i}`].clear();
      show();
    });
  };
  weight(1);
  weight(2);

  for (const name of ["x", "y"]) {
    bindNumber({
      input: refs[name],
      message: messages[name],
      label: name,
      current: () => state[name],
      apply: (value) => (name === "x" ? session.setExample(value, state.y) : session.setExample(state.x, value)),
      show: () => {
        refs[name].value = String(state[name]);
        show();
      },
    });
  }

  refs.g.addEventListener("change", () => {
    const problem = session.setActivation(refs.g.value);
    if (problem) messages.g.show(`${problem}; kept ${state.g}.`);
    else messages.g.clear();
    show();
  });

  // The engine checks η only when it steps; the same rule here answers at once.
  bindNumber({
    input: refs.lr,
    message: messages.lr,
    label: "η",
    current: () => state.lr,
    apply: (value) => {
      if (!(value > 0 && value <= 10)) return `η: must be greater than 0 and at most 10, got ${value}`;
      session.setLearningRate(value);
      return null;
    },
    show: () => {
      refs.lr.value = String(state.lr);
      show();
    },
  });

  return { show, messages };
}
