// The speaker window and the channel that keeps it in step with the main
// (projector) window.
//
// Both windows run the same app: the main one at `#lecture?scene=…`, the
// speaker's at `#lecture?speaker=1&scene=…`. Each says where it is on a
// BroadcastChannel whenever it moves, and follows the other when it hears
// a different place, so a clicker on either window moves both. A window
// that opens asks where the lecture is; only a main window answers. Space
// in the speaker window plays or pauses the main window's figure.

import { sceneLink } from "./scene.js";

const CHANNEL = "descent-lecture";

/**
 * Joins the channel. `role` is "main" or "speaker"; `onPosition(scene id,
 * step)` follows the other window; `onControl(action)` (main only) drives
 * the figure. Returns `{tell(sceneId, step), control(action), close()}`.
 */
export function joinChannel(role, { onPosition, onControl, where }) {
  if (typeof BroadcastChannel !== "function") {
    return { tell() {}, control() {}, close() {}, available: false };
  }
  const channel = new BroadcastChannel(CHANNEL);
  channel.addEventListener("message", ({ data }) => {
    if (!data || typeof data !== "object") return;
    if (data.type === "position" && typeof data.scene === "string" && Number.isInteger(data.step)) {
      onPosition(data.scene, data.step, data.role);
    } else if (data.type === "hello" && role === "main") {
      const { scene, step } = where();
      channel.postMessage({ type: "position", scene, step, role });
    } else if (data.type === "control" && role === "main" && typeof data.action === "string") {
      onControl?.(data.action);
    }
  });
  channel.postMessage({ type: "hello", role });
  return {
    available: true,
    tell(scene, step) {
      channel.postMessage({ type: "position", scene, step, role });
    },
    control(action) {
      channel.postMessage({ type: "control", action });
    },
    close() {
      channel.close();
    },
  };
}

/** Opens (or brings forward) the speaker window at the current place. */
export function openSpeakerWindow(sceneId, step) {
  const url = new URL(location.href);
  url.hash = `#lecture?speaker=1&scene=${encodeURIComponent(sceneId)}&step=${step + 1}`;
  const opened = window.open(url.href, "descent-speaker", "popup,width=1100,height=760");
  opened?.focus?.();
  return opened;
}

function element(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

/** "12:05": minutes and seconds since `start`. */
function clock(ms) {
  const s = Math.floor(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

/**
 * The speaker's page in `root`: the current scene and step, the next one,
 * the notes and the narration, a clock, and buttons that move both windows.
 * `actions` has previous, next and toggle. Returns `{show(pos), destroy()}`.
 */
export function createSpeakerView(root, scenes, actions) {
  root.classList.add("speaker");
  root.innerHTML = `
    <header class="speaker-bar" role="toolbar" aria-label="Speaker controls">
      <button type="button" data-act="previous" aria-keyshortcuts="ArrowLeft PageUp">← Back</button>
      <button type="button" data-act="next" class="primary" aria-keyshortcuts="ArrowRight PageDown">Next →</button>
      <button type="button" data-act="toggle" aria-keyshortcuts="Space">Play / pause figure</button>
      <span class="speaker-where" data-ref="where"></span>
      <span class="spacer"></span>
      <span class="speaker-link" data-ref="link" role="status"></span>
      <output class="speaker-clock" data-ref="clock" aria-label="Time since this window opened">0:00</output>
    </header>
    <section class="speaker-now" aria-label="Now">
      <p class="speaker-label">Now</p>
      <h2 data-ref="title"></h2>
      <p class="speaker-caption" data-ref="caption"></p>
      <ul class="speaker-lines" data-ref="lines" aria-label="Lines lit on the slide"></ul>
      <div class="speaker-notes" data-ref="notes"></div>
      <p class="speaker-narration" data-ref="narration"></p>
    </section>
    <section class="speaker-next" aria-label="Next">
      <p class="speaker-label">Next</p>
      <p class="speaker-next-text" data-ref="next"></p>
    </section>`;
  const refs = Object.fromEntries([...root.querySelectorAll("[data-ref]")].map((e) => [e.dataset.ref, e]));
  for (const button of root.querySelectorAll("[data-act]")) {
    button.addEventListener("click", () => actions[button.dataset.act]());
  }
  const opened = performance.now();
  const tick = setInterval(() => (refs.clock.textContent = clock(performance.now() - opened)), 1000);

  return {
    show({ scene: s, step: k }) {
      const scene = scenes[s];
      refs.where.textContent = `Scene ${s + 1} of ${scenes.length} · step ${k + 1} of ${scene.steps.length}`;
      refs.title.textContent = scene.title;
      const step = scene.steps[k];
      refs.caption.textContent = step.caption;
      // What the slide lights now, so the speaker can point at it.
      refs.lines.replaceChildren(
        ...step.algorithm_lines.map((i) => element("li", "", scene.algorithm[i])),
        ...step.code_lines.map((i) => {
          const li = element("li");
          li.append(element("code", "", scene.code[i].trim()));
          return li;
        }),
      );
      refs.notes.replaceChildren(element("p", "", scene.notes));
      refs.narration.textContent = scene.narration;
      let next;
      if (k + 1 < scene.steps.length) next = `Step ${k + 2}: ${scene.steps[k + 1].caption}`;
      else if (s + 1 < scenes.length) next = `Scene ${s + 2}: ${scenes[s + 1].title} (${scenes[s + 1].steps[0].caption})`;
      else next = "The end of the lecture.";
      refs.next.textContent = next;
      root.dataset.scene = scene.id;
      root.dataset.step = String(k + 1);
      refs.link.dataset.href = sceneLink(scene, k);
    },
    connected(yes) {
      refs.link.textContent = yes ? "following the main window" : "no main window yet: press P in the lecture";
      root.dataset.connected = String(yes);
    },
    destroy() {
      clearInterval(tick);
      root.classList.remove("speaker");
    },
  };
}
