// Sharing and export: copy the link, download the view as PNG and every
// trajectory as CSV (written by the engine, race.csv()).


function download(blob, filename) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

/** Copies text; falls back to a selected text field and execCommand where
 *  the Clipboard API is unavailable (plain http on another host, old browsers). */
async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const field = document.createElement("textarea");
    field.value = text;
    field.setAttribute("readonly", "");
    field.style.position = "fixed";
    field.style.opacity = "0";
    document.body.append(field);
    field.select();
    let copied = false;
    try {
      copied = document.execCommand("copy");
    } catch {
      copied = false;
    }
    field.remove();
    return copied;
  }
}

export function setupExport(session) {
  const { refs } = session;

  refs.copyLink.addEventListener("click", async () => {
    const link = session.link();
    if (await copyText(link)) session.notify("Link copied: it opens this exact race.", { kind: "info" });
    else session.notify(`Copy this link by hand: ${link}`, { kind: "info", sticky: true });
  });

  refs.png.addEventListener("click", () => {
    // The heatmap and the overlay are two canvases; the picture is both.
    const picture = document.createElement("canvas");
    picture.width = refs.heat.width;
    picture.height = refs.heat.height;
    const context = picture.getContext("2d");
    context.drawImage(refs.heat, 0, 0);
    context.drawImage(refs.overlay, 0, 0);
    picture.toBlob((blob) => {
      if (blob) download(blob, `descent-race-${session.state.landscape}.png`);
      else session.notify("The picture could not be made; try a smaller window.");
    }, "image/png");
  });

  refs.csv.addEventListener("click", () => {
    const csv = session.race.csv();
    download(new Blob([csv], { type: "text/csv" }), `descent-race-${session.state.landscape}.csv`);
  });
}
