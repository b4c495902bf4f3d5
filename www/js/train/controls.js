// The settings form: each field edits one property of the state. A value
// that breaks the property's rule is refused beside the form, naming the
// field, and the old value stays; a value the engine refuses is refused
// with the engine's own message. Only the learning rate changes a run in
// place; every other change starts training afresh.

import { Kind } from "../shared/url_state.js";
import { parseNumber } from "../shared/parse.js";
import { LogScale } from "../shared/log_scale.js";
import { inlineMessage } from "../shared/notice.js";
import { descent } from "../wasm.js";

/** The text of a field's label, for messages. */
function labelOf(input) {
  const own = input.getAttribute("aria-label");
  if (own) return own;
  const label = input.closest("label");
  return label ? label.firstChild.textContent.trim() : input.dataset.field;
}

function describe(property) {
  if (property.kind === Kind.INTEGER) return `a whole number from ${property.min} to ${property.max}`;
  return property.allowed ?? "a valid value";
}

/** `text` as a value of `property`, or undefined if it breaks the rule. */
function read(property, text) {
  const x = parseNumber(text);
  if (property.kind === Kind.INTEGER) return Number.isInteger(x) && x >= property.min && x <= property.max ? x : undefined;
  return Number.isFinite(x) && (!property.check || property.check(x)) ? x : undefined;
}

/**
 * Wires `fields` to `state` by `table`. `apply(changes)` tries new values
 * and returns an error text or null; `messageSlot` shows refusals.
 */
export function setupForm({ fields, refs, table, state, options, apply, messageSlot, compareBox }) {
  const { limits } = descent.catalogue();
  const maxCompared = limits.max_compared;
  // 100 slider positions per decade of the engine's learning-rate range.
  const learningRateScale = new LogScale(limits.learning_rate.min, limits.learning_rate.max, 100);
  const message = inlineMessage(messageSlot);
  /** Shows a refusal at the end of the edited field's panel, in view. */
  function refuse(text, near) {
    near?.closest(".panel")?.append(messageSlot);
    // A text field's message also goes when it is retyped to the value that stands.
    message.show(text, near instanceof HTMLInputElement && near.type === "text" ? near : undefined);
    messageSlot.scrollIntoView?.({ block: "nearest" });
  }
  const byName = Object.fromEntries(table.map((p) => [p.name, p]));

  for (const [name, choices] of Object.entries(options)) {
    const select = fields[name];
    if (!select) continue;
    for (const choice of choices) {
      const option = document.createElement("option");
      option.value = choice;
      option.textContent = choice;
      select.append(option);
    }
  }

  function show() {
    for (const [name, input] of Object.entries(fields)) {
      if (!(name in state)) continue;
      if (input.type === "checkbox") input.checked = Boolean(state[name]);
      else input.value = String(state[name]);
    }
    if (refs.lr) {
      refs.lr.value = String(learningRateScale.position(state.lr));
      refs.lr.setAttribute("aria-valuetext", String(state.lr));
    }
    if (compareBox) {
      for (const box of compareBox.querySelectorAll("input")) box.checked = state.compare.includes(box.value);
    }
  }

  function attempt(changes, input) {
    const problem = apply(changes);
    if (problem) {
      refuse(problem, input ?? messageSlot);
      show();
      input?.focus?.();
      return false;
    }
    message.clear();
    show();
    return true;
  }

  for (const [name, input] of Object.entries(fields)) {
    const property = byName[name];
    if (!property) continue;
    const event = input.tagName === "SELECT" || input.type === "checkbox" ? "change" : "change";
    input.addEventListener(event, () => {
      if (input.type === "checkbox") {
        attempt({ [name]: input.checked ? 1 : 0 }, input);
        return;
      }
      if (input.tagName === "SELECT") {
        attempt({ [name]: input.value }, input);
        return;
      }
      const value = read(property, input.value);
      if (value === undefined) {
        refuse(`${labelOf(input)}: “${input.value.slice(0, 30)}” is not ${describe(property)}; kept ${state[name]}.`, input);
        input.value = String(state[name]);
        return;
      }
      attempt({ [name]: value }, input);
    });
  }

  if (refs.lr) {
    learningRateScale.configure(refs.lr);
    refs.lr.addEventListener("input", () => attempt({ lr: learningRateScale.value(refs.lr.value) }, refs.lr));
  }

  if (compareBox) {
    for (const name of options.optimizer) {
      const label = document.createElement("label");
      label.className = "flag";
      const box = document.createElement("input");
      box.type = "checkbox";
      box.value = name;
      box.setAttribute("aria-label", `Compare ${name}`);
      label.append(box, ` ${name}`);
      compareBox.append(label);
      box.addEventListener("change", () => {
        const chosen = options.optimizer.filter((n) =>
          n === name ? box.checked : state.compare.includes(n),
        );
        if (chosen.length > maxCompared) {
          refuse(`Compare: at most ${maxCompared} optimizers at once; untick one first.`, compareBox);
          box.checked = false;
          return;
        }
        attempt({ compare: chosen }, box);
      });
    }
  }

  show();
  return { show, message, refuse };
}
