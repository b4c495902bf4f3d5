// The legend and live table: per racer, the loss, the step, ‖∇J‖, the
// learning rate in effect and the status in words. All numbers come from
// race.summary(i); this only formats them. Each row starts with its racer's
// number in a tag of its colour, as the head of its path carries it on the
// landscape.
//
// The table changes every frame, so it is no live region: what a screen
// reader should hear is each racer's outcome, once, which `onOutcome`
// receives ("racer 2 (adam) converged at step 312").

import { palette } from "../shared/palette.js";
import { number, status } from "../shared/format.js";

const COLUMNS = ["loss", "step", "gradient_norm", "learning_rate", "status"];

/** A racer's outcome in a sentence, for the live region. */
export function outcomeText(i, config, s) {
  const who = `racer ${i + 1} (${config.name})`;
  switch (s.status) {
    case "converged":
      return `${who} converged at step ${s.status_step}, J = ${number(s.loss)}`;
    case "diverged":
      return `${who} diverged at step ${s.status_step}`;
    case "out_of_steps":
      return `${who} ran out of steps at ${s.status_step}, J = ${number(s.loss)}`;
    default:
      return "";
  }
}

export function createTable(session, { onOutcome = () => {}, onAllFinished = () => {} } = {}) {
  const body = session.refs.tableBody;
  let rows = [];

  function build() {
    rows = session.configs.map((config, i) => {
      const tr = document.createElement("tr");
      tr.dataset.racer = String(i);
      const th = document.createElement("th");
      th.scope = "row";
      // The racer's number in its colour, as on its path's head.
      const tag = document.createElement("span");
      tag.className = "swatch racer-tag";
      tag.style.setProperty("--racer-color", palette()[session.slots[i]]);
      tag.textContent = String(i + 1);
      const name = document.createElement("span");
      th.append(tag, name);
      const cells = {};
      for (const column of COLUMNS) {
        const td = document.createElement("td");
        td.className = `col-${column}`;
        cells[column] = td;
        tr.append(td);
      }
      tr.prepend(th);
      // A new row has nothing to announce until its run changes.
      return { tr, name, cells, seen: null };
    });
    body.replaceChildren(...rows.map((r) => r.tr));
  }

  function update() {
    if (rows.length !== session.configs.length) build();
    let ended = false;
    rows.forEach((row, i) => {
      const s = session.race.summary(i);
      const text = {
        loss: number(s.loss),
        step: String(s.step),
        gradient_norm: number(s.gradient_norm),
        learning_rate: number(s.learning_rate),
        status: status(s),
      };
      const name = ` ${session.configs[i].name}`;
      if (row.name.textContent !== name) row.name.textContent = name;
      for (const column of COLUMNS) {
        if (row.cells[column].textContent !== text[column]) row.cells[column].textContent = text[column];
      }
      row.tr.dataset.status = s.status;
      // Said once, when a run that was running finishes.
      const key = `${s.status}:${s.status_step}`;
      if (row.seen !== null && row.seen !== key && s.status !== "running" && row.seen.startsWith("running")) {
        onOutcome(outcomeText(i, session.configs[i], s), i);
        ended = true;
      }
      row.seen = key;
    });
    if (ended && session.race.all_finished()) onAllFinished();
  }

  return { update, build };
}
