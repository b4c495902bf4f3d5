// One set of keys for every view:
//
//   Space   plays or pauses          →   steps
//   r       resets                   ?   shows the keys (Escape closes)
//   , .     step back / forward through the timeline, once a view has one
//
// A view binds what each key does; a key a view has no action for (the
// timeline's , and . today) is listed as reserved and does nothing. Keys
// reach a figure only through its shell (view_shell.js onKey), so they act
// only in the figure they were typed in; never while typing in a text
// field; and a key a focused control already uses keeps its meaning
// (Space on a button, arrows on a slider, arrows on a focused landscape,
// which handles them first and marks them done).

/** Controls where a key is text, not a command. */
const TYPING = "input:not([type=range]):not([type=checkbox]):not([type=radio]):not([type=button]), select, textarea, [contenteditable]:not([contenteditable=false])";
/** Controls that Space already activates. */
const ACTIVATES = "button, summary, a[href], input[type=checkbox], input[type=radio], input[type=button]";
/** Controls that arrow keys already move. */
const SLIDES = "input[type=range], input[type=radio]";

/** The keys every view shares, in the order the dialog lists them. */
export const COMMON_KEYS = Object.freeze([
  { keys: ["Space"], action: "play", text: "Play or pause" },
  { keys: ["→"], action: "step", text: "Step" },
  { keys: ["r"], action: "reset", text: "Reset" },
  { keys: [","], action: "back", text: "Step back through the timeline" },
  { keys: ["."], action: "forward", text: "Step forward through the timeline" },
  { keys: ["?"], action: "help", text: "Show these keys" },
  { keys: ["Esc"], action: "close", text: "Close this list" },
]);

const ACTION_OF = { " ": "play", ArrowRight: "step", r: "reset", R: "reset", ",": "back", ".": "forward", "?": "help" };

function element(tag, attributes = {}, text) {
  const e = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) e.setAttribute(key, value);
  if (text !== undefined) e.textContent = text;
  return e;
}

function keyCell(keys) {
  const th = element("th", { scope: "row" });
  keys.forEach((k, i) => {
    if (i) th.append(" ");
    th.append(element("kbd", {}, k));
  });
  return th;
}

/**
 * `bindKeys`, after wiring the toolbar's Play, Step and Reset buttons
 * (`refs.play`, `refs.step`, `refs.reset`, as `playbackControls` makes
 * them) to the same actions as Space, → and r.
 */
export function bindPlayback(shell, refs, options) {
  const { play, step, reset } = options.actions;
  refs.play.addEventListener("click", play);
  refs.step.addEventListener("click", step);
  refs.reset.addEventListener("click", reset);
  return bindKeys(shell, options);
}

/**
 * Binds the shared keys for the figure of `shell`. `actions` maps "play",
 * "step", "reset", "back", "forward" to functions (a missing one is
 * reserved: listed, and the key does nothing); `texts` overrides an
 * action's line in the list ("Step one epoch"); `extra` adds the view's own
 * keys to the list, `[{keys: ["←", "↑"], text}]`; `opener` is a button
 * that opens the list too. Returns `{open(), close(), dialog}`.
 */
export function bindKeys(shell, { actions, texts = {}, extra = [], opener = null }) {
  const dialog = element("dialog", { class: "keys-dialog", "aria-labelledby": shell.id("keys-title") });
  dialog.append(
    element("h2", { id: shell.id("keys-title") }, "Keys"),
    element("p", { class: "note" }, "They act in this figure only, and never while you type in a field."),
  );
  const table = element("table");
  const body = element("tbody");
  for (const entry of COMMON_KEYS) {
    const reserved = ["back", "forward"].includes(entry.action) && !actions[entry.action];
    const tr = element("tr");
    const text = texts[entry.action] ?? entry.text;
    tr.append(keyCell(entry.keys), element("td", {}, reserved ? `${text}: reserved, for when this view has a timeline` : text));
    if (reserved) tr.className = "reserved";
    body.append(tr);
  }
  for (const entry of extra) {
    const tr = element("tr");
    tr.append(keyCell(entry.keys), element("td", {}, entry.text));
    body.append(tr);
  }
  table.append(body);
  const form = element("form", { method: "dialog" });
  form.append(element("button", { type: "submit", class: "primary" }, "Close"));
  dialog.append(table, form);
  shell.element.append(dialog);

  let returnFocus = null;
  function open() {
    if (dialog.open) return;
    returnFocus = document.activeElement;
    dialog.showModal();
  }
  function close() {
    if (dialog.open) dialog.close();
  }
  dialog.addEventListener("close", () => {
    if (returnFocus?.isConnected) returnFocus.focus();
    returnFocus = null;
  });
  opener?.addEventListener("click", open);

  shell.onKey((event) => {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    // The open list takes Escape (the dialog's own) and its button's Space.
    if (dialog.open) return;
    const action = ACTION_OF[event.key];
    if (!action) return;
    const target = event.target instanceof Element ? event.target : document.body;
    if (target.closest(TYPING)) return;
    if (action === "play" && target.closest(ACTIVATES)) return;
    if (action === "step" && target.closest(SLIDES)) return;
    if (action === "help") open();
    else if (actions[action]) actions[action]();
    else return;
    event.preventDefault();
  });
  shell.onUnmount(() => {
    close();
    dialog.remove();
  });
  return { open, close, dialog };
}
