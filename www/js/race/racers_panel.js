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

export function createRacersPanel(session) {
  const { refs, catalogue } = session;
  const { palette } = catalogue;
  const maxRacers = catalogue.limits.max_racers;
  const range = catalogue.limits.learning_rate;
  // 100 slider positions per decade of the engine's learning-rate range.
  const learningRateScale = new LogScale(range.min, range.max, 100);
  const list = refs.racers;
  // Which cards have their hyperparameters open, so a re-render keeps them open.
  const open = new Set();

  function tableFor(name) {
    return catalogue.optimizers.find((o) => o.name === name)?.hyperparameters ?? [];
  }

  /** Tries a new config for racer i; the engine's refusal is shown, and false returned. */
  function applyConfig(i, config, message) {
    try {
      session.race.set_racer(i, config);
    } catch (error) {
      message.show(errorText(error));
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
        message.show(errorText(error));
        show(session.configs[i].learning_rate);
        return;
      }
      message.clear();
      session.configs[i].learning_rate = lr;
      show(lr);
      session.changed();
    };
    slider.addEventListener("input", () => setRate(learningRateScale.value(slider.value)));
    value.addEventListener("change", () => {
      const lr = parseNumber(value.value);
      if (Number.isNaN(lr)) {
        message.show(`Learning rate: “${value.value.slice(0, 30)}” is not a number; kept ${session.configs[i].learning_rate}.`);
        show(session.configs[i].learning_rate);
        return;
      }
      setRate(lr);
    });
    row.append(name, slider, value);
    return row;
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
            message.show(`${h.name}: “${typed.slice(0, 30)}” is not a number; kept ${old ?? "off"}.`);
            input.value = exact(old);
            return;
          }
          next[h.name] = x;
        }
        if (applyConfig(i, next, message)) input.value = exact(session.configs[i][h.name]);
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
    const swatch = element("span", { class: "swatch", "aria-hidden": "true" });
    const title = element("span", { class: "racer-name" }, `Racer ${i + 1}`);
    const select = element("select", { "aria-label": `Optimizer, racer ${i + 1}` });
    for (const optimizer of catalogue.optimizers) {
      const option = element("option", { value: optimizer.name }, optimizer.name);
      option.selected = optimizer.name === config.name;
      select.append(option);
    }
    select.addEventListener("change", () => {
      // A new optimizer starts from Keras's defaults for it.
      if (applyConfig(i, { name: select.value }, message)) {
        render();
        list.querySelectorAll("select")[i]?.focus();
      } else {
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
    head.append(swatch, title, select, show, remove);

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
    item.append(head, learningRateRow(i, config, message), messageSlot, details);
    return item;
  }

  function removeRacer(i) {
    session.race.remove_racer(i);
    session.configs.splice(i, 1);
    session.slots.splice(i, 1);
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
    const index = session.race.add_racer({ name: next.name });
    session.configs[index] = session.race.summary(index).optimizer;
    // The first colour no racer wears.
    session.slots[index] = palette.findIndex((_, k) => !session.slots.includes(k));
    render();
    session.changed();
  }

  function render() {
    list.replaceChildren(...session.configs.map((_, i) => card(i)));
    refs.addRacer.disabled = session.configs.length >= maxRacers;
  }

  refs.addRacer.addEventListener("click", addRacer);
  return { render };
}
