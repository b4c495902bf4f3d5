// The legend and live table: per racer, the loss, the step, ‖∇J‖, the
// learning rate in effect and the status in words. All numbers come from
// race.summary(i); this only formats them.

import { palette } from "../shared/palette.js";
import { number, status } from "../shared/format.js";

const COLUMNS = ["loss", "step", "gradient_norm", "learning_rate", "status"];

export function createTable(session) {
  const body = session.refs.tableBody;
  let rows = [];

  function build() {
    rows = session.configs.map((config, i) => {
      const tr = document.createElement("tr");
      tr.dataset.racer = String(i);
      const th = document.createElement("th");
      th.scope = "row";
      const swatch = document.createElement("span");
      swatch.className = "swatch";
      swatch.style.setProperty("--racer-color", palette()[session.slots[i]]);
      swatch.setAttribute("aria-hidden", "true");
      const name = document.createElement("span");
      th.append(swatch, name);
      const cells = {};
      for (const column of COLUMNS) {
        const td = document.createElement("td");
        td.className = `col-${column}`;
        cells[column] = td;
        tr.append(td);
      }
      tr.prepend(th);
      return { tr, name, cells };
    });
    body.replaceChildren(...rows.map((r) => r.tr));
  }

  function update() {
    if (rows.length !== session.configs.length) build();
    rows.forEach((row, i) => {
      const s = session.race.summary(i);
      const text = {
        loss: number(s.loss),
        step: String(s.step),
        gradient_norm: number(s.gradient_norm),
        learning_rate: number(s.learning_rate),
        status: status(s),
      };
      row.name.textContent = `${i + 1} · ${session.configs[i].name}`;
      for (const column of COLUMNS) {
        if (row.cells[column].textContent !== text[column]) row.cells[column].textContent = text[column];
      }
      row.tr.dataset.status = s.status;
    });
  }

  return { update, build };
}
