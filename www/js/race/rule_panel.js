// The selected racer's update rule as maths, with its hyperparameter values
// and the live values of the last step (g, m, v, m̂, v̂, the step taken),
// read from race.update_rule(i). The rule itself, its note and the symbols
// are the engine's (descent.display_rule and the catalogue): this panel
// only renders them.

import { number } from "../shared/format.js";
import { equation } from "../math.js";
import { errorText } from "../shared/notice.js";

export function createRulePanel(session) {
  const { refs, descent, catalogue } = session;
  const liveBody = refs.ruleLive.tBodies[0];
  const notes = new Map(catalogue.optimizers.map((o) => [o.name, o.note]));
  // A hyperparameter's symbol is the same in every optimizer (β₁ is β₁).
  const symbols = new Map(catalogue.optimizers.flatMap((o) => o.hyperparameters.map((h) => [h.name, h.symbol])));
  let shownKey = "";

  /** Rebuilds the formulas when the racer, its optimizer or its settings change. */
  function render() {
    const i = session.state.selected;
    const config = session.configs[i];
    if (!config) return;
    const key = JSON.stringify([i, config]);
    if (key === shownKey) return;
    shownKey = key;
    refs.ruleTitle.textContent = `Update rule of racer ${i + 1}: ${config.name}`;
    let lines = [];
    let note = notes.get(config.name) ?? "";
    try {
      lines = descent.display_rule(config);
    } catch (error) {
      note = `The rule cannot be shown: ${errorText(error)}`;
    }
    refs.ruleMath.innerHTML = lines.map(equation).join("");
    refs.ruleNote.textContent = note;
  }

  function row(label, values) {
    const tr = document.createElement("tr");
    const th = document.createElement("th");
    th.scope = "row";
    th.textContent = label;
    tr.append(th);
    for (const v of values) {
      const td = document.createElement("td");
      td.textContent = number(v);
      tr.append(td);
    }
    return tr;
  }

  /** Refreshes the live numbers; cheap enough to run every frame. */
  function update() {
    render();
    const i = session.state.selected;
    if (!session.configs[i]) return;
    const rule = session.race.update_rule(i);
    const settings = Object.entries(rule.hyperparameters)
      .filter(([k, v]) => k !== "learning_rate" && v !== null && v !== undefined)
      .map(([k, v]) => `${symbols.get(k) ?? k} = ${typeof v === "number" ? number(v) : v}`);
    refs.ruleHyper.textContent = [`t = ${rule.iteration}`, `η = ${number(rule.learning_rate)}`, ...settings].join(", ");
    const rows = [row("g", rule.g)];
    for (const [name, values] of rule.live) rows.push(row(name, values));
    rows.push(row("step Δw", rule.step));
    liveBody.replaceChildren(...rows);
  }

  return { render, update };
}
