// The four panels: each one's landscape with its run, its outcome in the
// engine's words, its loss curve, and its learning-rate field ("yours" also
// has the log-scale slider). A rate the engine refuses is said under the
// field and the old rate stays. The outcome lines change every frame, so
// they are plain text; each panel's outcome is said once, when its run
// ends, through the figure's live region. Each landscape takes focus: the
// arrow keys move a cursor, Enter starts all four runs there.

import { LEARNING_RATE_SCALE } from "../shared/log_scale.js";
import { parseNumber } from "../shared/parse.js";
import { exact, number } from "../shared/format.js";
import { inlineMessage, errorText } from "../shared/notice.js";
import { landscapeCursor } from "../shared/landscape_cursor.js";
import { cssBox, measureInto, pointerAt } from "../shared/dom.js";

/** Blue, green, vermillion, orange (Okabe–Ito): "too small" … "yours". */
export const PANEL_COLOURS = Object.freeze(["#0072B2", "#009E73", "#D55E00", "#E69F00"]);
export const YOURS = 3;

export function createPanels(session) {
  const { refs, descent, lab, dpr } = session;
  const panels = PANEL_COLOURS.map((colour, i) => ({
    colour,
    view: new descent.LrPanelView(refs[`heat${i}`], refs[`overlay${i}`]),
    message: inlineMessage(refs[`rateMessage${i}`]),
    field: refs[`rate${i}`],
    lossBox: { width: 0, height: 0 },
  }));
  for (const [i, p] of panels.entries()) refs[`swatch${i}`].style.background = p.colour;
  LEARNING_RATE_SCALE.configure(refs.slider);

  function showRates() {
    const rates = lab.learning_rates();
    for (const [i, p] of panels.entries()) p.field.value = exact(rates[i]);
    refs.slider.value = String(LEARNING_RATE_SCALE.position(rates[YOURS]));
    refs.slider.setAttribute("aria-valuetext", String(rates[YOURS]));
  }

  /** Gives panel i a rate; false (and a message) if the engine refuses it. */
  function setRate(i, rate) {
    try {
      lab.set_learning_rate(i, rate);
    } catch (error) {
      panels[i].message.show(`${errorText(error)}; kept ${lab.learning_rates()[i]}.`, panels[i].field);
      showRates();
      return false;
    }
    panels[i].message.clear();
    showRates();
    session.ratesChanged();
    return true;
  }

  for (const [i, p] of panels.entries()) {
    p.field.addEventListener("change", () => {
      const rate = parseNumber(p.field.value);
      if (Number.isNaN(rate)) {
        p.message.show(`“${p.field.value.slice(0, 30)}” is not a number; kept ${lab.learning_rates()[i]}.`, p.field);
        showRates();
        return;
      }
      setRate(i, rate);
    });
  }
  refs.slider.addEventListener("input", () => setRate(YOURS, LEARNING_RATE_SCALE.value(refs.slider.value)));

  // A click on any panel moves the shared start: all four leave from it.
  // So does Enter on a focused panel, where the arrow keys move a cursor.
  for (const [i, p] of panels.entries()) {
    const canvas = refs[`overlay${i}`];
    const setStart = ([x, y]) => {
      const problem = session.setStart(x, y);
      if (problem) p.message.show(problem);
    };
    canvas.addEventListener("click", (event) => {
      const point = p.view.to_world(...pointerAt(canvas, event));
      if (point !== null) setStart(point);
    });
    landscapeCursor({
      canvas,
      stage: refs[`stage${i}`],
      toWorld: (px, py) => p.view.to_world(px, py),
      current: () => Array.from(lab.start()),
      set: setStart,
      describe: (px, py, [x, y]) => `x = ${number(x, 3)}, y = ${number(y, 3)}`,
      announce: session.announce,
    });
  }
  /** Each panel's outcome when last drawn, to say a new one once. */
  const said = panels.map(() => null);
  const names = Array.from(descent.LrLab.panel_names());

  function fit() {
    for (const [i, p] of panels.entries()) {
      const box = cssBox(refs[`heat${i}`]);
      if (box.width >= 1 && box.height >= 1) p.view.resize(box.width, box.height, dpr());
      measureInto(p.lossBox, refs[`loss${i}`]);
    }
  }

  return {
    panels,
    showRates,
    setRate,
    fit,
    /** The landscapes and paths: cheap, every frame. */
    draw() {
      for (const [i, p] of panels.entries()) {
        p.view.draw(lab, i, p.colour);
        const o = lab.outcome(i);
        // Before the first step the engine's "running: step 0" says less
        // than what to do next.
        const text = o.outcome === "running" && o.step === 0 ? `ready at loss ${number(o.loss, 3)}: press Play` : o.text;
        const line = refs[`outcome${i}`];
        if (line.textContent !== text) line.textContent = text;
        line.dataset.outcome = o.outcome;
        // Said once, when a run that was running ends.
        if (said[i] === "running" && o.outcome !== "running") session.announce(`${names[i]}: ${o.text}`);
        said[i] = o.outcome;
      }
    },
    /** A running summary for the live region: each running panel's loss. */
    summary() {
      const parts = [];
      let step = 0;
      for (const i of panels.keys()) {
        const o = lab.outcome(i);
        step = Math.max(step, o.step);
        if (o.outcome === "running") parts.push(`${names[i]} J ${number(o.loss, 3)}`);
      }
      return parts.length ? `step ${step}: ${parts.join(", ")}` : "";
    },
    /** The loss curves: plotters, so a few times a second while playing. */
    drawCharts() {
      for (const [i, p] of panels.entries()) {
        if (p.lossBox.width < 10 || p.lossBox.height < 10) continue;
        descent.draw_lr_loss_chart(refs[`loss${i}`], lab, i, p.colour, p.lossBox.width, p.lossBox.height, dpr());
      }
    },
    destroy() {
      for (const p of panels) p.view.free?.();
    },
  };
}
