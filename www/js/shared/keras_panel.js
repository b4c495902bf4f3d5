// The "Keras code" panel every view and lecture scene opens: the Python
// program that reproduces the figure's run in Keras 3, with Copy and
// Download .py, and the engine's note on how closely its numbers follow
// the figure's. One <dialog> per page, made on first use.
//
// A view hands it runs, `[{label, spec, filename}]`: the spec comes from
// the engine's own handle (`keras_spec()`), the program and the note from
// the engine's `keras_code` and `keras_note`. With several runs (the
// mini-batch lab's B = N, B = 1, B = k; a comparison's optimizers) a
// select picks one. Esc or Close shuts it, and focus goes back to the
// button that opened it.

import { errorText } from "./notice.js";

const ID = "keras-dialog";

let dialog = null;
/** What the open panel shows: the engine, its runs, the opener. */
let open = null;

function make() {
  dialog = document.createElement("dialog");
  dialog.id = ID;
  dialog.className = "keras-dialog";
  dialog.setAttribute("aria-labelledby", `${ID}-title`);
  dialog.setAttribute("aria-describedby", `${ID}-note`);
  dialog.innerHTML = `
    <div class="keras-head">
      <h2 id="${ID}-title">Keras code</h2>
      <button type="button" class="keras-close" data-ref="close" aria-label="Close the Keras code">Close</button>
    </div>
    <p class="keras-lead" data-ref="lead"></p>
    <label class="keras-run" data-ref="run-label">Run
      <select data-ref="run"></select>
    </label>
    <p class="keras-note" id="${ID}-note" data-ref="note"></p>
    <pre class="keras-code" tabindex="0" role="region" aria-label="Python program for Keras 3" data-ref="code"></pre>
    <div class="keras-actions">
      <button type="button" class="primary" data-ref="copy">Copy</button>
      <a class="button" data-ref="download" download="descent.py" href="#">Download .py</a>
      <p class="keras-status" role="status" aria-live="polite" data-ref="status"></p>
    </div>`;
  document.body.append(dialog);
  const ref = (name) => dialog.querySelector(`[data-ref=${name}]`);
  ref("close").addEventListener("click", () => dialog.close());
  ref("run").addEventListener("change", () => show(Number(ref("run").value)));
  ref("copy").addEventListener("click", copy);
  dialog.addEventListener("close", () => {
    const url = ref("download").dataset.url;
    if (url) URL.revokeObjectURL(url);
    delete ref("download").dataset.url;
    const opener = open?.opener;
    open = null;
    if (opener?.isConnected) opener.focus();
  });
  return dialog;
}

function ref(name) {
  return dialog.querySelector(`[data-ref=${name}]`);
}

/** Shows run `index` of the open panel: its program, note and file. */
function show(index) {
  const run = open.runs[index];
  open.index = index;
  ref("status").textContent = "";
  const download = ref("download");
  if (download.dataset.url) URL.revokeObjectURL(download.dataset.url);
  delete download.dataset.url;
  try {
    const program = open.descent.keras_code(run.spec);
    ref("code").textContent = program;
    ref("note").textContent = open.descent.keras_note(run.spec);
    const url = URL.createObjectURL(new Blob([program], { type: "text/x-python" }));
    download.href = url;
    download.dataset.url = url;
    download.download = run.filename;
    download.removeAttribute("aria-disabled");
    ref("copy").disabled = false;
    open.program = program;
  } catch (error) {
    ref("code").textContent = "";
    ref("note").textContent = `No program for this figure: ${errorText(error)}`;
    download.removeAttribute("href");
    download.setAttribute("aria-disabled", "true");
    ref("copy").disabled = true;
    open.program = null;
  }
}

/** Copies the program; says how it went, once, in the panel's status line. */
async function copy() {
  if (!open?.program) return;
  const status = ref("status");
  status.textContent = "";
  try {
    if (!navigator.clipboard?.writeText) throw new Error("no clipboard");
    await navigator.clipboard.writeText(open.program);
    status.textContent = "Copied the program to the clipboard.";
  } catch {
    const range = document.createRange();
    range.selectNodeContents(ref("code"));
    const selection = getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    ref("code").focus();
    status.textContent = "The clipboard is not available here: the program is selected, press Ctrl+C (⌘C) to copy it.";
  }
}

/**
 * Opens the panel on `runs` (`[{label, spec, filename}]`, at least one),
 * describing them with `lead` (what the figure is); `opener` gets the
 * focus back on close; `descent` is the engine.
 */
export function openKerasPanel({ descent, runs, lead = "", opener = null, selected = 0 }) {
  if (!dialog?.isConnected) make();
  open = { descent, runs, opener, index: 0, program: null };
  ref("lead").textContent = `${lead ? `${lead} ` : ""}The program needs only Keras 3 and prints the figure's numbers.`;
  const select = ref("run");
  select.replaceChildren(
    ...runs.map((run, i) => {
      const option = document.createElement("option");
      option.value = String(i);
      option.textContent = run.label;
      return option;
    }),
  );
  ref("run-label").hidden = runs.length < 2;
  const index = Math.min(Math.max(0, selected), runs.length - 1);
  select.value = String(index);
  show(index);
  if (!dialog.open) dialog.showModal();
  ref("code").scrollTop = 0;
  ref(open.program ? "copy" : "close").focus();
  return dialog;
}

/**
 * A "Keras code" button for a figure: `runs()` gives the figure's runs
 * as `openKerasPanel` takes them, read from the engine when clicked.
 */
export function kerasButton({ descent, runs, lead = "", label = "Keras code" }) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "keras-button";
  button.textContent = label;
  button.title = "The Keras program that reproduces this figure's numbers";
  button.addEventListener("click", () => {
    const { list, selected, lead: own } = normalise(runs());
    openKerasPanel({ descent, runs: list, lead: own ?? lead, opener: button, selected });
  });
  return button;
}

/** `runs()` may return a list, or `{list, selected, lead?}` (a lead of
 *  its own for what is on screen now, over the figure's). */
export function normalise(value) {
  return Array.isArray(value) ? { list: value, selected: 0 } : value;
}
