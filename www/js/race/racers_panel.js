// The racers panel: one card per racer with its colour, its optimizer, a
// log-scale learning-rate slider and the optimizer's other hyperparameters
// (Keras's defaults filled in, from the engine's catalogue).
//
// The engine is the judge of every value: a change goes to race.set_racer,
// and if the engine refuses it, its message is shown under the card and the
// old value stays. Only the learning rate changes a run in place
// (race.set_learning_rate keeps momentum and accumulators); any other change
// restarts that racer, as a new optimizer would. The colours, the number of
// racers, the slider's range and the symbols are the catalogue's.
//
// Keras's default η (0.001 for most optimizers) barely moves adagrad,
// adadelta or rmsprop on these maps, and SGD's 0.01 diverges on rosenbrock:
// so a new racer, a changed optimizer and a changed landscape take the
// engine's suggested rate for that landscape (suggested_learning_rate), and
// the card says so beside η until the person sets η themselves. The
// presets replace every racer, each at its suggested rate.

import { LogScale } from "../shared/log_scale.js";
import { parseNumber } from "../shared/parse.js";
import { exact } from "../shared/format.js";
import { inlineMessage, errorText } from "../shared/notice.js";

function element(tag, attributes = {}, text) {
  const e = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) e.setAttribute(key, value);
  if (text !== undefined) e.textContent = text;
  return e;
}

/** The one-click races, by their button's data-preset. */
export const PRESETS = Object.freeze({
  momentum: [
    { name: "sgd" },
    { name: "sgd", momentum: 0.9 },
    { name: "sgd", momentum: 0.9, nesterov: true },
  ],
  adaptive: ["adagrad", "adadelta", "rmsprop", "adam", "adamw", "adamax", "nadam"].map((name) => ({ name })),
  // The seed project's comparison table.
  seed: ["sgd", "adam", "adadelta", "adagrad", "rmsprop"].map((name) => ({ name })),
});

export function createRacersPanel(session) {
  const { refs, catalogue } = session;
  const { palette } = catalogue;
  const maxRacers = catalogue.limits.max_racers;
  const range = catalogue.limits.learning_rate;
  // 100 slider positions per decade of the engine's learning-rate range.
  const learningRateScale = new LogScale(range.min, range.max, 100);
  const list = refs.racers;
  /** Per racer: the landscape its η was suggested for, or null (chosen). */
  session.suggested ??= session.configs.map(() => null);
  // Which cards have their hyperparameters open, so a re-render keeps them open.
  const open = new Set();

  function tableFor(name) {
    return catalogue.optimizers.find((o) => o.name === name)?.hyperparameters ?? [];
  }

  /** Tries a new config for racer i; the engine's refusal is shown, and false returned. */
  function applyConfig(i, config, message, field) {
    try {
      session.race.set_racer(i, config);
    } catch (error) {
      message.show(errorText(error), field);
      return false;
    }
    message.clear();
    session.configs[i] = session.race.summary(i).optimizer;
    session.changed();
    return true;
  }

  function learningRateRow(i, config, message) {
    const label = `racer ${i + 1} (${config.name})`;
    const row = element("div", { class: "lr-row" });
    const name = element("span", { class: "lr-symbol", "aria-hidden": "true" }, "η");
    const slider = element("input", { type: "range", "aria-label": `Learning rate, ${label}` });
    learningRateScale.configure(slider);
    const value = element("input", {
      type: "text",
      inputmode: "decimal",
      class: "lr-value",
      "aria-label": `Learning rate value, ${label}`,
    });
    const show = (lr) => {
      slider.value = String(learningRateScale.position(lr));
      slider.setAttribute("aria-valuetext", String(lr));
      value.value = exact(lr);
    };
    show(config.learning_rate);

    const setRate = (lr) => {
      try {
        session.race.set_learning_rate(i, lr);
      } catch (error) {
        message.show(errorText(error), value);
        show(session.configs[i].learning_rate);
        return;
      }
      message.clear();
      session.configs[i].learning_rate = lr;
      show(lr);
      // The person's own rate now: the note goes.
      if (session.suggested[i]) {
        session.suggested[i] = null;
        const note = row.nextElementSibling;
        if (note?.classList.contains("lr-note")) note.hidden = true;
      }
      session.changed();
    };
    slider.addEventListener("input", () => setRate(learningRateScale.value(slider.value)));
    value.addEventListener("change", () => {
      const lr = parseNumber(value.value);
      if (Number.isNaN(lr)) {
        message.show(`Learning rate: “${value.value.slice(0, 30)}” is not a number; kept ${session.configs[i].learning_rate}.`, value);
        show(session.configs[i].learning_rate);
        return;
      }
      setRate(lr);
    });
    row.append(name, slider, value);
    return row;
  }

  /** "η suggested for rosenbrock", while the rate is the engine's pick. */
  function suggestionNote(i) {
    const where = session.suggested[i];
    const note = element("p", { class: "lr-note" });
    note.hidden = !where;
    if (where) {
      note.textContent =
        where.startsWith("!") ? `no suggested η for ${where.slice(1)}: Keras’s default` : `η suggested for ${where}`;
    }
    return note;
  }

  function hyperparameterField(i, h, config, message) {
    const label = element("label", { class: h.kind === "flag" ? "hp flag" : "hp" });
    label.title = h.help;
    const symbol = h.symbol && h.symbol !== h.name ? ` ${h.symbol}` : "";
    const text = element("span", {}, `${h.name}${symbol}`);
    const aria = `${h.name}, racer ${i + 1} (${config.name})`;
    let input;
    if (h.kind === "flag") {
      input = element("input", { type: "checkbox", "aria-label": aria });
      input.checked = Boolean(config[h.name]);
      input.addEventListener("change", () => {
        const next = { ...session.configs[i], [h.name]: input.checked };
        if (!applyConfig(i, next, message)) input.checked = Boolean(session.configs[i][h.name]);
      });
      label.append(input, text);
    } else {
      input = element("input", { type: "text", inputmode: "decimal", "aria-label": aria });
      input.value = exact(config[h.name]);
      if (h.default === null) input.placeholder = "off";
      input.addEventListener("change", () => {
        const old = session.configs[i][h.name];
        const next = { ...session.configs[i] };
        const typed = input.value.trim();
        if (typed === "" && h.default === null) {
          delete next[h.name];
        } else {
          const x = parseNumber(typed);
          if (Number.isNaN(x)) {
            message.show(`${h.name}: “${typed.slice(0, 30)}” is not a number; kept ${old ?? "off"}.`, input);
            input.value = exact(old);
            return;
          }
          next[h.name] = x;
        }
        if (applyConfig(i, next, message, input)) input.value = exact(session.configs[i][h.name]);
        else input.value = exact(old);
      });
      label.append(text, input);
    }
    return label;
  }

  function card(i) {
    const config = session.configs[i];
    const item = element("li", { class: "racer" });
    item.style.setProperty("--racer-color", palette[session.slots[i]]);
    const messageSlot = element("p", { hidden: "" });
    const message = inlineMessage(messageSlot);

    const head = element("div", { class: "racer-head" });
    // "Racer" and its number in a tag of its colour, as on its path's head
    // and in the table.
    const swatch = element("span", { class: "swatch racer-tag" }, String(i + 1));
    const title = element("span", { class: "racer-name" }, "Racer ");
    title.append(swatch);
    const select = element("select", { "aria-label": `Optimizer, racer ${i + 1}` });
    for (const optimizer of catalogue.optimizers) {
      const option = element("option", { value: optimizer.name }, optimizer.name);
      option.selected = optimizer.name === config.name;
      select.append(option);
    }
    select.addEventListener("change", () => {
      // A new optimizer starts from Keras's defaults for it, at the rate
      // suggested for this landscape.
      const before = session.suggested[i];
      if (applyConfig(i, suggested({ name: select.value }, i), message)) {
        render();
        list.querySelectorAll("select")[i]?.focus();
      } else {
        session.suggested[i] = before;
        select.value = session.configs[i].name;
      }
    });
    const show = element("label", { class: "show-rule" });
    const radio = element("input", {
      type: "radio",
      name: session.id("rule-racer"),
      "aria-label": `Show the update rule of racer ${i + 1}`,
    });
    radio.checked = session.state.selected === i;
    radio.addEventListener("change", () => {
      session.state.selected = i;
      session.changed();
    });
    show.append(radio, element("span", { "aria-hidden": "true" }, "rule"));
    const remove = element("button", { type: "button", class: "remove", "aria-label": `Remove racer ${i + 1}` }, "×");
    remove.disabled = session.configs.length <= 1;
    remove.addEventListener("click", () => removeRacer(i));
    head.append(title, select, show, remove);

    const details = element("details", { class: "hyper" });
    details.open = open.has(i);
    details.addEventListener("toggle", () => (details.open ? open.add(i) : open.delete(i)));
    details.append(element("summary", {}, "Hyperparameters"));
    const grid = element("div", { class: "hp-grid" });
    for (const h of tableFor(config.name)) {
      if (h.name === "learning_rate") continue;
      grid.append(hyperparameterField(i, h, config, message));
    }
    details.append(grid);

    // The message sits under the learning rate, near the top of the card,
    // where it is seen whichever field caused it.
    item.append(head, learningRateRow(i, config, message), suggestionNote(i), messageSlot, details);
    return item;
  }

  function removeRacer(i) {
    session.race.remove_racer(i);
    session.configs.splice(i, 1);
    session.slots.splice(i, 1);
    session.suggested.splice(i, 1);
    const shifted = [...open].filter((k) => k !== i).map((k) => (k > i ? k - 1 : k));
    open.clear();
    shifted.forEach((k) => open.add(k));
    if (session.state.selected >= session.configs.length) session.state.selected = session.configs.length - 1;
    else if (session.state.selected > i) session.state.selected -= 1;
    render();
    session.changed();
  }

  function addRacer() {
    if (session.configs.length >= maxRacers) return;
    // The next optimizer not yet in the race, with Keras's defaults.
    const used = new Set(session.configs.map((c) => c.name));
    const next = catalogue.optimizers.find((o) => !used.has(o.name)) ?? catalogue.optimizers[0];
    const index = session.configs.length;
    session.race.add_racer(suggested({ name: next.name }, index));
    session.configs[index] = session.race.summary(index).optimizer;
    // The first colour no racer wears.
    session.slots[index] = palette.findIndex((_, k) => !session.slots.includes(k));
    render();
    session.changed();
  }

  /** `config` at the rate suggested for this landscape and start (Keras's
   *  default if there is none), noted as racer i's. */
  function suggested(config, i) {
    const rate = session.suggest(config);
    session.suggested[i] = rate === null ? `!${session.state.landscape}` : session.state.landscape;
    return rate === null ? config : { ...config, learning_rate: rate };
  }

  /** The landscape changed: every racer takes its suggested rate there
   *  (a racer with none keeps its own). */
  function suggestAll() {
    session.configs.forEach((config, i) => {
      const rate = session.suggest(config);
      session.suggested[i] = rate === null ? null : session.state.landscape;
      if (rate === null) return;
      try {
        session.race.set_racer(i, { ...config, learning_rate: rate });
        session.configs[i] = session.race.summary(i).optimizer;
      } catch {
        session.suggested[i] = null;
      }
    });
    render();
  }

  /** Replaces every racer with `configs`, each at its suggested rate, in
   *  the palette's order. */
  function usePreset(configs) {
    const wanted = configs.slice(0, maxRacers);
    wanted.forEach((config, i) => {
      const next = suggested(config, i);
      if (i < session.configs.length) session.race.set_racer(i, next);
      else session.race.add_racer(next);
      session.configs[i] = session.race.summary(i).optimizer;
      session.slots[i] = i;
    });
    while (session.configs.length > wanted.length) {
      session.race.remove_racer(session.configs.length - 1);
      session.configs.pop();
      session.slots.pop();
      session.suggested.pop();
    }
    session.suggested.length = wanted.length;
    open.clear();
    session.state.selected = 0;
    render();
    session.changed();
  }

  function render() {
    list.replaceChildren(...session.configs.map((_, i) => card(i)));
    refs.addRacer.disabled = session.configs.length >= maxRacers;
  }

  refs.addRacer.addEventListener("click", addRacer);
  for (const button of refs.presets.querySelectorAll("[data-preset]")) {
    button.addEventListener("click", () => {
      usePreset(PRESETS[button.dataset.preset]);
      session.announce(`${button.textContent}: ${session.configs.map((c, i) => `racer ${i + 1} ${c.name} at η ${c.learning_rate}`).join(", ")}`);
    });
  }
  return { render, suggestAll, usePreset };
}
