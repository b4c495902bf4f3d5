// Embedding: any view's link with `embed=1` in its hash
// (`#race?embed=1&landscape=…`) shows the view without the top bar, with a
// small "Open in Descent" link to the same state in the full app. The top
// bar's Embed button gives the `<iframe>` snippet for what is on screen.

/** Takes `embed` out of a view's parameters: `true` when it was `1`. */
export function takeEmbed(params) {
  const embed = params.get("embed") === "1";
  params.delete("embed");
  return embed;
}

/** A view's hash with `embed=1` first in its query. */
export function embedHash(view, query) {
  return `#${view}?embed=1${query ? `&${query}` : ""}`;
}

/** Shows or hides the page's embedded look. */
export function setEmbedded(embed) {
  if (embed) document.documentElement.dataset.embed = "";
  else delete document.documentElement.dataset.embed;
  const open = document.getElementById("open-in-descent");
  if (open) open.hidden = !embed;
}

/** Points the "Open in Descent" link at `href` (the state, without embed). */
export function setOpenLink(href) {
  const open = document.getElementById("open-in-descent");
  if (open) open.href = href;
}

/** The iframe markup that embeds `src`, titled `title`. */
export function iframeSnippet(src, title) {
  const escape = (text) => text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
  return `<iframe src="${escape(src)}" title="${escape(title)}" width="960" height="640" style="border: 0; max-width: 100%;" loading="lazy" allow="fullscreen; clipboard-write" allowfullscreen></iframe>`;
}

/**
 * Opens a dialog with the snippet for `src` and a Copy button. One dialog
 * per page, made on first use.
 */
export function showEmbedDialog(src, title) {
  let dialog = document.getElementById("embed-dialog");
  if (!dialog) {
    dialog = document.createElement("dialog");
    dialog.id = "embed-dialog";
    dialog.className = "embed-dialog";
    dialog.setAttribute("aria-labelledby", "embed-dialog-title");
    dialog.innerHTML = `
      <h2 id="embed-dialog-title">Embed this view</h2>
      <p>Paste this into a web page, a course site or a slide tool that takes HTML:
        the view runs live in the page, without the top bar, with a link back here.</p>
      <textarea readonly rows="5" aria-label="iframe snippet" data-ref="snippet"></textarea>
      <p class="embed-status" role="status" data-ref="status"></p>
      <div class="embed-actions">
        <button type="button" class="primary" data-ref="copy">Copy</button>
        <form method="dialog"><button type="submit">Close</button></form>
      </div>`;
    document.body.append(dialog);
    const snippet = dialog.querySelector("[data-ref=snippet]");
    const status = dialog.querySelector("[data-ref=status]");
    dialog.querySelector("[data-ref=copy]").addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(snippet.value);
        status.textContent = "Copied.";
      } catch {
        snippet.select();
        status.textContent = "Select the text above and copy it (Ctrl+C).";
      }
    });
  }
  dialog.querySelector("[data-ref=snippet]").value = iframeSnippet(src, title);
  dialog.querySelector("[data-ref=status]").textContent = "";
  if (!dialog.open) dialog.showModal();
  dialog.querySelector("[data-ref=snippet]").select();
  return dialog;
}
