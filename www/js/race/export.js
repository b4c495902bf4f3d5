// Sharing and export: copy the link, download the view as PNG and every
// trajectory as CSV (written by the engine, race.csv()).
//
// The PNG carries its own legend under the landscape: each racer's number
// in a tag of its colour (as its path's head carries it), a swatch of its
// line, its optimizer and η, so the picture reads on paper, in greyscale
// and to someone who cannot tell the colours apart.

import { number, pair } from "../shared/format.js";

/** A racer's legend text: its optimizer, η, and the settings that make it
 *  another variant (momentum, Nesterov, …). */
export function legendText(config) {
  const parts = [`${config.name}`, `η = ${number(config.learning_rate)}`];
  if (config.momentum) parts.push(`momentum ${config.momentum}`);
  if (config.nesterov) parts.push("Nesterov");
  if (config.centered) parts.push("centered");
  if (config.amsgrad) parts.push("AMSGrad");
  return parts.join(", ");
}

const INK = "#1a1a1a";

/** The legend's rows laid out in `width` device pixels at `scale`:
 *  `{height, draw(context, top)}`. */
function legend(session, width, scale) {
  const px = (v) => v * scale;
  const measure = document.createElement("canvas").getContext("2d");
  const font = `${px(14)}px system-ui, sans-serif`;
  const bold = `bold ${px(13)}px system-ui, sans-serif`;
  measure.font = font;
  const colours = session.colors();
  const items = session.configs.map((config, i) => {
    const text = legendText(config);
    return { i, text, colour: colours[i], width: px(34 + 34 + 8) + measure.measureText(text).width + px(24) };
  });
  const title = `${session.state.landscape} · start ${pair(session.race.start())}`;
  const rowHeight = px(26);
  const pad = px(10);
  // Left to right, wrapping.
  let x = pad;
  let row = 1;
  for (const item of items) {
    if (x + item.width > width - pad && x > pad) {
      x = pad;
      row += 1;
    }
    item.x = x;
    item.row = row;
    x += item.width;
  }
  const height = pad * 2 + rowHeight * (row + 1);
  return {
    height,
    draw(context, top) {
      context.fillStyle = "#ffffff";
      context.fillRect(0, top, width, height);
      context.fillStyle = INK;
      context.font = font;
      context.textBaseline = "middle";
      context.textAlign = "left";
      context.fillText(title, pad, top + pad + rowHeight / 2);
      for (const item of items) {
        const y = top + pad + rowHeight * item.row + rowHeight / 2;
        // The tag, as on the path's head: the number in a box of its colour.
        const label = String(item.i + 1);
        const w = px(10 + 8 * label.length);
        const h = px(18);
        context.fillStyle = "#ffffff";
        context.fillRect(item.x, y - h / 2, w, h);
        context.strokeStyle = item.colour;
        context.lineWidth = px(2);
        context.strokeRect(item.x, y - h / 2, w, h);
        context.fillStyle = INK;
        context.font = bold;
        context.textAlign = "center";
        context.fillText(label, item.x + w / 2, y + px(0.5));
        // A swatch of the path: the line on its white casing.
        const x0 = item.x + w + px(6);
        context.lineCap = "round";
        context.strokeStyle = "rgba(255,255,255,0.85)";
        context.lineWidth = px(5.5);
        context.beginPath();
        context.moveTo(x0, y);
        context.lineTo(x0 + px(26), y);
        context.stroke();
        context.strokeStyle = item.colour;
        context.lineWidth = px(3);
        context.stroke();
        context.fillStyle = INK;
        context.font = font;
        context.textAlign = "left";
        context.fillText(item.text, x0 + px(34), y);
      }
    },
  };
}


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
    // The heatmap and the overlay are two canvases; the picture is both,
    // with the legend under them.
    const css = refs.heat.getBoundingClientRect().width;
    const scale = css > 0 ? refs.heat.width / css : 1;
    const key = legend(session, refs.heat.width, scale);
    const picture = document.createElement("canvas");
    picture.width = refs.heat.width;
    picture.height = refs.heat.height + Math.ceil(key.height);
    const context = picture.getContext("2d");
    context.drawImage(refs.heat, 0, 0);
    context.drawImage(refs.overlay, 0, 0);
    key.draw(context, refs.heat.height);
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
