// Schedules: pick one of the engine's schedules and its parameters; every
// panel then runs with it, starting from its own rate. The chart shows η
// against step for each panel, computed by the engine's schedule.

import { parseNumber } from "../shared/parse.js";
import { inlineMessage, errorText } from "../shared/notice.js";

/** Each schedule's fields, with Keras's names. Rates are relative: the
 *  engine moves each schedule to start from the panel's own η. */
const FIELDS = {
  constant: [],
  exponential_decay: [
    { name: "decay_steps", label: "decay_steps", default: 500 },
    { name: "decay_rate", label: "decay_rate", default: 0.5 },
    { name: "staircase", label: "staircase", kind: "flag", default: false },
  ],
  piecewise_constant: [
    { name: "boundaries", label: "boundaries", kind: "list", default: [300, 1000] },
    { name: "values", label: "values (× η)", kind: "list", default: [1, 0.3, 0.1] },
  ],
  cosine_decay: [
    { name: "decay_steps", label: "decay_steps", default: 2000 },
    { name: "alpha", label: "alpha", default: 0 },
    { name: "warmup_target", label: "warmup_target (× η, blank: none)", optional: true, default: null },
    { name: "warmup_steps", label: "warmup_steps", default: 0 },
  ],
};

const NOTES = {
  constant: "η stays the same at every step.",
  exponential_decay: "η(t) = η₀ · decay_rateᵗ/ᵈᵉᶜᵃʸ_ˢᵗᵉᵖˢ (floored with staircase): big steps first, small steps later.",
  piecewise_constant: "η drops to the next value after each boundary step; values are multiples of each panel’s η.",
  cosine_decay: "η follows half a cosine from η₀ down to alpha·η₀ over decay_steps, after an optional linear warmup.",
};

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
  if (!Object.hasOwn(FIELDS, name)) throw new Error(`“${name.slice(0, 30)}” is not a schedule`);
  const schedule = { name };
  for (const field of fields) {
    const match = /^([a-z_]+):(.+)$/.exec(field);
    if (!match) throw new Error(`“${field.slice(0, 30)}” is not key:value`);
    const [, key, raw] = match;
    const spec = FIELDS[name].find((f) => f.name === key);
    if (!spec) throw new Error(`${key} is not a parameter of ${name}`);
    if (spec.kind === "flag") schedule[key] = raw === "true";
    else if (spec.kind === "list") schedule[key] = raw.split(";").map(parseNumber);
    else schedule[key] = parseNumber(raw);
  }
  return schedule;
}

export function createSchedule(session) {
  const { refs, descent, lab, state, dpr } = session;
  const message = inlineMessage(refs.scheduleMessage);
  const box = { width: 0, height: 0 };
  let inputs = [];

  for (const name of Object.keys(FIELDS)) {
    const option = document.createElement("option");
    option.value = name;
    option.textContent = name === "constant" ? "constant (none)" : name;
    refs.scheduleName.append(option);
  }

  function renderFields(name, values = {}) {
    refs.scheduleParams.replaceChildren();
    inputs = FIELDS[name].map((f) => {
      const label = document.createElement("label");
      label.className = "field small";
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
    refs.scheduleNote.textContent = NOTES[name];
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
      const r = refs.scheduleChart.getBoundingClientRect();
      box.width = r.width;
      box.height = r.height;
      draw();
    },
  };
}
