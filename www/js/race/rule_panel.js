// The selected racer's update rule as maths, with its hyperparameter values
// and the live values of the last step (g, m, v, m̂, v̂, the step taken),
// read from race.update_rule(i).

import { number } from "../format.js";
import { ruleMath, ruleNote, SYMBOLS } from "./update_rules.js";

export function createRulePanel(session) {
  const { refs } = session;
  const liveBody = refs.ruleLive.tBodies[0];
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
    refs.ruleMath.innerHTML = ruleMath(config.name, config).join("");
    refs.ruleNote.textContent = ruleNote(config.name);
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
      .map(([k, v]) => `${SYMBOLS[k] ?? k} = ${typeof v === "number" ? number(v) : v}`);
    refs.ruleHyper.textContent = [`t = ${rule.iteration}`, `η = ${number(rule.learning_rate)}`, ...settings].join(", ");
    const rows = [row("g", rule.g)];
    for (const [name, values] of rule.live) rows.push(row(name, values));
    rows.push(row("step Δw", rule.step));
    liveBody.replaceChildren(...rows);
  }

  return { render, update };
}
