// Inline messages: a bad value or a broken link is said on the page, next to
// where it happened, never only in the console.

/** How long a message stays unless dismissed (× closes it at once); a
 *  sticky one (a broken link's) stays until dismissed. */
const TIMEOUT_MS = 8000;
/** Detail lines shown before the rest fold away. */
const DETAILS_SHOWN = 10;

/** A <ul> of `lines`, as text (never markup: a link's text lands here). */
function listOf(lines) {
  const list = document.createElement("ul");
  for (const line of lines) {
    const li = document.createElement("li");
    li.textContent = line;
    list.append(li);
  }
  return list;
}

/**
 * Shows a message in `container` (default: the page's #notices strip).
 * `kind` is "warning" (something was ignored or reset) or "info";
 * `details` are listed under the message, one per line.
 * Returns a function that removes it.
 */
export function notify(message, { kind = "warning", container, sticky = false, details = [] } = {}) {
  const host = container ?? document.getElementById("notices");
  const item = document.createElement("div");
  item.className = `notice notice-${kind}`;
  item.setAttribute("role", kind === "warning" ? "alert" : "status");
  const text = document.createElement("span");
  text.textContent = message;
  if (details.length) {
    // A long list (a link with thousands of bad parts) shows its first
    // lines and folds the rest away, still every one of them named.
    const shown = details.length > DETAILS_SHOWN + 1 ? details.slice(0, DETAILS_SHOWN) : details;
    text.append(listOf(shown));
    if (shown.length < details.length) {
      const more = document.createElement("details");
      const summary = document.createElement("summary");
      summary.textContent = `and ${details.length - shown.length} more`;
      more.append(summary, listOf(details.slice(shown.length)));
      text.append(more);
    }
  }
  const close = document.createElement("button");
  close.type = "button";
  close.className = "notice-close";
  close.textContent = "×";
  close.setAttribute("aria-label", "Dismiss message");
  const remove = () => item.remove();
  close.addEventListener("click", remove);
  item.append(text, close);
  host.append(item);
  if (!sticky) setTimeout(remove, TIMEOUT_MS);
  return remove;
}

/**
 * A one-line message slot beside a control: `show(text, field)` fills it,
 * `clear()` empties it. Used for "invalid input, the old value stays".
 *
 * Given the `field` the message is about, the message also goes once that
 * field is retyped and committed (Enter, or leaving it) holding the value
 * that stands again: retyping a refused field back to its current value
 * changes nothing, so no change event would clear it.
 */
export function inlineMessage(slot) {
  slot.classList.add("field-message");
  slot.setAttribute("role", "alert");
  let owner = null;
  let standing = null;
  let generation = 0;
  /** Typed in since the message was shown. */
  let edited = false;
  const watched = new WeakSet();
  const clear = () => {
    generation += 1;
    owner = null;
    // Already clear: no change to the page (it is a live region).
    if (slot.hidden && !slot.textContent) return;
    slot.textContent = "";
    slot.hidden = true;
  };
  function watch(field) {
    if (watched.has(field)) return;
    watched.add(field);
    const committed = () => {
      const seen = generation;
      // After the field's own handlers, which may show a new message.
      setTimeout(() => {
        if (seen === generation && owner === field && edited && field.value.trim() === standing) clear();
      }, 0);
    };
    field.addEventListener("input", () => {
      if (owner === field) edited = true;
    });
    field.addEventListener("change", committed);
    field.addEventListener("blur", committed);
    field.addEventListener("keydown", (event) => {
      if (event.key === "Enter") committed();
    });
  }
  return {
    show(text, field) {
      generation += 1;
      slot.textContent = text;
      slot.hidden = false;
      owner = field ?? null;
      edited = false;
      if (!field) return;
      watch(field);
      // The value that stands: the handler puts it back after showing this.
      const shown = generation;
      queueMicrotask(() => {
        if (shown === generation) standing = field.value.trim();
      });
    },
    clear,
  };
}

/** The page's fatal-error banner: for wasm that fails to load, or a panic. */
export function showFatal(message) {
  const fatal = document.getElementById("fatal");
  if (!fatal) return;
  // The panic hook may already have written the Rust message; keep it.
  if (!fatal.textContent.trim()) fatal.textContent = message;
  else if (!fatal.textContent.includes(message)) fatal.textContent += `\n${message}`;
  fatal.hidden = false;
}

/** The error message a wasm call threw, as a person should read it. */
export function errorText(error) {
  if (error instanceof Error) return error.message;
  return String(error);
}
