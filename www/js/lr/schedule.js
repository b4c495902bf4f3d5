// Schedules: pick one of the engine's schedules and its parameters; every
// panel then runs with it, starting from its own rate. The chart shows η
// against step for each panel, computed by the engine's schedule. The form is
// built from the engine's parameter tables (the catalogue's schedules).

import { parseNumber } from "../shared/parse.js";
import { inlineMessage, errorText } from "../shared/notice.js";
import { measureInto } from "../shared/dom.js";
import { descent } from "../wasm.js";

const LIST_KINDS = new Set(["rates", "boundaries"]);
const RATE_KINDS = new Set(["rate", "rates"]);

let schedules = null;

/** The engine's schedules by name: each one's note and the fields the form
 *  shows, from its parameter table. A parameter that defaults to the
 *  optimizer's rate is left out: the engine moves each schedule to start
 *  from the panel's own η, so rates are multiples of it. */
function table() {
  schedules ??= new Map(
    descent.catalogue().schedules.map((s) => [
      s.name,
      {
        note: s.note,
        fields: s.parameters
          .filter((p) => p.if_absent !== "learning_rate")
          .map((p) => {
            const hints = [RATE_KINDS.has(p.kind) && "× η", p.if_absent === "off" && "blank: none"].filter(Boolean);
            return {
              name: p.name,
              label: hints.length ? `${p.name} (${hints.join(", ")})` : p.name,
              kind: p.kind === "flag" ? "flag" : LIST_KINDS.has(p.kind) ? "list" : "number",
              optional: p.if_absent === "off",
              default: p.default ?? p.example ?? null,
              help: p.help,
            };
          }),
      },
    ]),
  );
  return schedules;
}

/** A schedule as link text: `exponential_decay,decay_steps:500,decay_rate:0.5`
 *  (lists joined by `;`). */
export function encodeSchedule(schedule) {
  const parts = [schedule.name];
  for (const [key, value] of Object.entries(schedule)) {
    if (key === "name" || value === null || value === undefined) continue;
    parts.push(`${key}:${Array.isArray(value) ? value.join(";") : value}`);
  }
  return parts.join(",");
}

/** Link text → a schedule object for the engine to check; throws on garbage. */
export function decodeSchedule(text) {
  const [name, ...fields] = text.split(",");
  const schedule = table().get(name);
  if (!schedule) throw new Error(`“${name.slice(0, 30)}” is not a schedule`);
  const decoded = { name };
  for (const field of fields) {
    const match = /^([a-z_]+):(.+)$/.exec(field);
    if (!match) throw new Error(`“${field.slice(0, 30)}” is not key:value`);
    const [, key, raw] = match;
    const spec = schedule.fields.find((f) => f.name === key);
    if (!spec) throw new Error(`${key} is not a parameter of ${name}`);
    if (spec.kind === "flag") decoded[key] = raw === "true";
    else if (spec.kind === "list") decoded[key] = raw.split(";").map(parseNumber);
    else decoded[key] = parseNumber(raw);
  }
  return decoded;
}

export function createSchedule(session) {
  const { refs, descent, lab, state, dpr } = session;
  const message = inlineMessage(refs.scheduleMessage);
  const box = { width: 0, height: 0 };
  let inputs = [];

  for (const name of table().keys()) {
    const option = document.createElement("option");
    option.value = name;
    option.textContent = name === "constant" ? "constant (none)" : name;
    refs.scheduleName.append(option);
  }

  function renderFields(name, values = {}) {
    refs.scheduleParams.replaceChildren();
    const { fields, note } = table().get(name);
    inputs = fields.map((f) => {
      const label = document.createElement("label");
      label.className = "field small";
      label.title = f.help;
      const input = document.createElement("input");
      input.setAttribute("aria-label", `${name} ${f.name}`);
      const value = values[f.name] ?? f.default;
      if (f.kind === "flag") {
        input.type = "checkbox";
        input.checked = Boolean(value);
        label.append(input, ` ${f.label}`);
      } else {
        input.type = "text";
        input.inputMode = "decimal";
        input.value = value === null ? "" : Array.isArray(value) ? value.join(", ") : String(value);
        if (f.kind === "list") input.classList.add("wide");
        label.append(`${f.label} `, input);
      }
      input.addEventListener("change", apply);
      refs.scheduleParams.append(label);
      return { f, input };
    });
    refs.scheduleNote.textContent = note;
  }

  /** The form as a schedule object, or a message naming the field. */
  function read() {
    const name = refs.scheduleName.value;
    const schedule = { name };
    for (const { f, input } of inputs) {
      if (f.kind === "flag") {
        schedule[f.name] = input.checked;
        continue;
      }
      const text = input.value.trim();
      if (f.optional && text === "") continue;
      if (f.kind === "list") {
        const items = text.split(",").map(parseNumber);
        const bad = items.findIndex((x) => !Number.isFinite(x));
        if (bad >= 0) return { error: `${f.name}: “${text.slice(0, 40)}” must be numbers separated by commas.` };
        schedule[f.name] = items;
      } else {
        const x = parseNumber(text);
        if (!Number.isFinite(x)) return { error: `${f.name}: “${text.slice(0, 30)}” is not a number.` };
        schedule[f.name] = x;
      }
    }
    return { schedule };
  }

  function apply() {
    const { schedule, error } = read();
    if (error) {
      message.show(`${error} The panels keep their schedule.`);
      return;
    }
    const constant = schedule.name === "constant";
    try {
      lab.set_schedule(constant ? null : schedule);
    } catch (e) {
      message.show(`${errorText(e)}. The panels keep their schedule.`);
      return;
    }
    message.clear();
    state.schedule = constant ? [] : [encodeSchedule(schedule)];
    session.labChanged();
  }

  refs.scheduleName.addEventListener("change", () => {
    renderFields(refs.scheduleName.value);
    apply();
  });
  refs.scheduleApply.addEventListener("click", apply);

  /** Shows `schedule` (already accepted by the engine) in the form. */
  function show(schedule) {
    const name = schedule?.name ?? "constant";
    refs.scheduleName.value = name;
    renderFields(name, schedule ?? {});
  }

  function draw() {
    if (box.width < 10 || box.height < 10) return;
    descent.draw_lr_schedule_chart(refs.scheduleChart, lab, session.colours, box.width, box.height, dpr());
  }

  return {
    show,
    draw,
    fit() {
      measureInto(box, refs.scheduleChart);
      draw();
    },
  };
}
