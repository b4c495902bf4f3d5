// One scene's markup: its number and title, its narration, the build-up
// steps' captions, a slot for each live figure with its "Open in the full
// tool" link, and the algorithm box, the code and the optimizer table where
// the scene has them. The text is the engine's (src/labs/lecture.rs); this
// only lays it out, and lights the lines a step names.

/** An element with a class and text. */
function element(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

/** The full tool's address for a view's state: `index.html#race?…`. */
export function fullToolLink(view, query) {
  return `index.html#${view}${query ? `?${query}` : ""}`;
}

/** A scene's own address in the lecture (step counts from 1, as people do). */
export function sceneLink(scene, step = 0) {
  return `index.html#lecture?scene=${encodeURIComponent(scene.id)}&step=${step + 1}`;
}

/** Views whose figure needs the whole width (the backprop view's network,
 *  chain rule and landscape side by side). */
const WIDE_VIEWS = new Set(["backprop"]);

/** Does this scene put its steps (and algorithm, code, table) in a column
 *  beside its figure? Not for a wide figure without any, nor without a figure. */
export function hasSide(scene) {
  if (scene.algorithm.length > 0 || scene.code.length > 0 || scene.table.length > 0) return true;
  return scene.figures.length > 0 && !WIDE_VIEWS.has(scene.figures[0].view);
}

function algorithmBox(lines, id) {
  const box = element("section", "scene-algorithm");
  box.setAttribute("aria-labelledby", id);
  const title = element("h3", "", "Algorithm");
  title.id = id;
  const list = element("ol");
  for (const line of lines) list.append(element("li", "scene-line", line));
  box.append(title, list);
  return box;
}

function codeBox(lines) {
  const pre = element("pre", "scene-code");
  pre.setAttribute("aria-label", "TensorFlow code");
  const code = element("code");
  for (const line of lines) {
    // An empty line keeps its height.
    code.append(element("span", "scene-line", line || " "));
  }
  pre.append(code);
  return pre;
}

function optimizerTable(rows) {
  const table = element("table", "scene-table");
  const head = table.createTHead().insertRow();
  for (const name of ["Algorithm", "TF implementation", "Reference"]) {
    const th = element("th", "", name);
    th.scope = "col";
    head.append(th);
  }
  const body = table.createTBody();
  for (const [name, keras, reference] of rows) {
    const tr = body.insertRow();
    const th = element("th", "", name);
    th.scope = "row";
    // Breaks only after a dot: tf.keras.optimizers.<wbr>SGD.
    const code = element("code");
    keras.split(".").forEach((part, k, parts) => {
      code.append(k < parts.length - 1 ? `${part}.` : part);
      if (k < parts.length - 1) code.append(document.createElement("wbr"));
    });
    const cell = element("td");
    cell.append(code);
    tr.append(th, cell, element("td", "", reference));
  }
  return table;
}

/** The review scene's links: every part of the lecture, in the full tool
 *  and as its scene. */
function reviewLinks(scenes) {
  const list = element("ol", "scene-review");
  for (const scene of scenes) {
    if (!scene.figures.length) continue;
    const item = element("li");
    const title = element("a", "scene-review-title", scene.title);
    title.href = sceneLink(scene);
    title.dataset.scene = scene.id;
    const figure = scene.figures[0];
    const open = element("a", "scene-review-open", "open in the full tool ↗");
    open.href = fullToolLink(figure.view, figure.state);
    open.target = "_blank";
    open.rel = "noopener";
    item.append(title, " · ", open);
    list.append(item);
  }
  return list;
}

/**
 * Builds scene `index` of `scenes` into a fresh `<li>`. Returns `{item,
 * figureSlots, show(step)}`: each slot is `{figure, box, notices, open}`
 * for the figure the lecture mounts there; `show(step)` marks the step's
 * caption and lights its lines.
 */
export function renderScene(scenes, index, id) {
  const scene = scenes[index];
  const item = element("li", "scene");
  item.dataset.scene = scene.id;
  item.dataset.side = String(hasSide(scene));
  // A side column of steps alone can be narrower.
  item.dataset.sideSteps = String(!scene.algorithm.length && !scene.code.length && !scene.table.length);
  item.setAttribute("aria-labelledby", id("scene-title"));

  const head = element("header", "scene-head");
  const number = element("p", "scene-number");
  const title = element("h2", "scene-title", scene.title);
  title.id = id("scene-title");
  const counter = element("span", "scene-step-counter");
  number.append(`${index + 1} / ${scenes.length}`, counter);
  head.append(number, title);

  const narration = element("p", "scene-narration", scene.narration);

  const steps = element("ol", "scene-steps");
  steps.setAttribute("aria-label", "Build-up steps");
  const stepItems = scene.steps.map((step) => {
    const li = element("li", "scene-step", step.caption);
    // Numbered by its own value, so a step shown alone keeps its number.
    li.value = steps.children.length + 1;
    steps.append(li);
    return li;
  });

  const body = element("div", "scene-body");
  const figures = element("div", "scene-figures");
  figures.dataset.count = String(scene.figures.length);
  const figureSlots = scene.figures.map((figure, k) => {
    const slot = element("figure", "lecture-figure");
    slot.dataset.view = figure.view;
    if (figure.part) slot.dataset.part = figure.part;
    const notices = element("div", "lecture-figure-notices");
    notices.setAttribute("aria-live", "polite");
    const box = element("div", "lecture-figure-box");
    const caption = element("figcaption", "lecture-figure-caption");
    const open = element("a", "figure-open", "Open in the full tool ↗");
    open.href = fullToolLink(figure.view, figure.state);
    open.target = "_blank";
    open.rel = "noopener";
    open.dataset.figure = String(k);
    // The Keras program of the figure as it is now (figures.js wires it).
    const keras = element("button", "figure-keras", "Keras code");
    keras.type = "button";
    keras.title = "The Keras program that reproduces this figure's numbers";
    keras.dataset.figure = String(k);
    caption.append(keras, open);
    slot.append(notices, box, caption);
    figures.append(slot);
    return { figure, slot, box, notices, open, keras };
  });
  if (!scene.figures.length) figures.append(reviewLinks(scenes));

  const side = element("aside", "scene-side");
  side.setAttribute("aria-label", "Steps, algorithm and code");
  let algorithm = null;
  let code = null;
  if (scene.algorithm.length) {
    algorithm = algorithmBox(scene.algorithm, id("scene-algorithm"));
    side.append(algorithm);
  }
  if (scene.code.length) {
    code = codeBox(scene.code);
    side.append(code);
  }
  if (scene.table.length) side.append(optimizerTable(scene.table));

  // With a side column the steps head it; without, they run under the
  // narration and the figure takes the whole width.
  if (hasSide(scene)) side.prepend(steps);
  body.append(figures);
  if (hasSide(scene)) body.append(side);

  const notes = element("details", "scene-notes");
  notes.append(element("summary", "", "Speaker notes"), element("p", "", scene.notes));

  item.append(head, narration);
  if (!hasSide(scene)) item.append(steps);
  item.append(body, notes);

  const light = (box, lines) => {
    if (!box) return;
    box.querySelectorAll(".scene-line").forEach((line, k) => {
      const lit = lines.includes(k);
      line.classList.toggle("lit", lit);
      if (lit) line.setAttribute("aria-current", "step");
      else line.removeAttribute("aria-current");
    });
  };

  return {
    item,
    figureSlots,
    show(k) {
      const step = scene.steps[k];
      item.dataset.step = String(k + 1);
      counter.textContent = scene.steps.length > 1 ? ` · step ${k + 1} of ${scene.steps.length}` : "";
      stepItems.forEach((li, j) => {
        li.dataset.state = j < k ? "done" : j === k ? "current" : "later";
        if (j === k) li.setAttribute("aria-current", "step");
        else li.removeAttribute("aria-current");
      });
      light(algorithm, step.algorithm_lines);
      light(code, step.code_lines);
    },
  };
}
