// Adaptive learning rates: the effective step size of each coordinate, as
// the engine reads it from the optimizer's state, next to SGD's single η.
// The run uses the lab's landscape, start, schedule and "yours"'s rate.

import { number } from "../shared/format.js";
import { errorText } from "../shared/notice.js";
import { measureInto } from "../shared/dom.js";

export function createAdaptive(session) {
  const { refs, descent, lab, state, catalogue, dpr } = session;
  const box = { width: 0, height: 0 };
  let last = null;

  for (const o of catalogue.optimizers) {
    const option = document.createElement("option");
    option.value = o.name;
    option.textContent = o.name;
    refs.adaptiveName.append(option);
  }
  refs.adaptiveName.value = state.adaptive;
  refs.adaptiveName.addEventListener("change", () => {
    state.adaptive = refs.adaptiveName.value;
    draw();
    session.save();
  });

  function describe(s) {
    if (!s.steps) return `${s.name} took no step from this start.`;
    const [x0, y0] = s.first;
    const [x1, y1] = s.last;
    const pair = (a, b) => `x ${number(a, 3)}, y ${number(b, 3)}`;
    const start = `${s.name} at η = ${number(s.nominal_first, 3)}: first step ${pair(x0, y0)}; step ${s.steps} ${pair(x1, y1)} (${s.status.replace(/_/g, " ")}).`;
    if (x0 === y0 && x1 === y1 && x0 === s.nominal_first) {
      return `${start} Every coordinate gets the same η: this optimizer does not adapt its rate. Pick adagrad, rmsprop, adadelta or adam to see it adapt.`;
    }
    return `${start} The steeper coordinate gets the smaller step, and the steps change as the gradients do.`;
  }

  function draw() {
    if (box.width < 10 || box.height < 10) return;
    try {
      last = descent.draw_lr_adaptive_chart(refs.adaptiveChart, lab, { name: state.adaptive }, box.width, box.height, dpr());
      refs.adaptiveSummary.textContent = describe(last);
    } catch (error) {
      refs.adaptiveSummary.textContent = errorText(error);
    }
  }

  return {
    draw,
    get last() {
      return last;
    },
    fit() {
      measureInto(box, refs.adaptiveChart);
      draw();
    },
  };
}
