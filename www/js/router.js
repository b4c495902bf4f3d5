// Routing by URL hash: `#race?…`, `#backprop?…`, `#lr?…`, `#train?…`. The
// part before `?` picks the view; the rest is that view's own state. The
// router mounts the view as the page's primary figure and gives it the URL
// to save its state in (with replaceState, so no history spam and no
// hashchange loop). `embed=1` in any view's hash is the router's, not the
// view's: the page drops its top bar and links out (shared/embed.js).

import { VIEWS, DEFAULT_VIEW, renderNav } from "./views.js";
import { parseHash, buildHash } from "./shared/url_state.js";
import { notify, showFatal, errorText } from "./shared/notice.js";
import { takeEmbed, embedHash, setEmbedded, setOpenLink, showEmbedDialog } from "./shared/embed.js";

function clip(text) {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/** `engine` is a promise of the wasm API, so views load while it downloads. */
export function startRouter({ root, nav, engine, onFirstFrame }) {
  let current = null;
  let currentId = null;
  let mounting = Promise.resolve();
  let firstFrameSeen = false;

  renderNav(nav);
  /** The current view's state as its link, without embed. */
  let plainHash = "";
  const plainLink = () => new URL(plainHash || location.hash, location.href).href;
  document.getElementById("embed-button")?.addEventListener("click", () => {
    const { view, params } = parseHash(plainHash || location.hash);
    const title = VIEWS.find((v) => v.id === view)?.title ?? "Descent";
    showEmbedDialog(new URL(embedHash(view, params.toString()), location.href).href, `Descent: ${title}`);
  });

  function highlight(id) {
    for (const link of nav.querySelectorAll("a[data-view]")) {
      if (link.dataset.view === id) link.setAttribute("aria-current", "page");
      else link.removeAttribute("aria-current");
    }
  }

  async function route() {
    let { view: id, params } = parseHash(location.hash);
    const embed = takeEmbed(params);
    setEmbedded(embed);
    let entry = VIEWS.find((v) => v.id === id);
    if (!entry) {
      entry = VIEWS.find((v) => v.id === DEFAULT_VIEW);
      const title = entry.title.toLowerCase();
      const keys = [...new Set(params.keys())];
      if (!id && keys.length) {
        // `#?landscape=bowl`: the default view is what a link without a
        // name opens (`#` is the race too), so its settings are read
        // there; any the race does not know are named by its own notice.
        notify(`This link names no view, so it opened the ${title} and read its settings there.`, { kind: "info" });
      } else if (id) {
        // A name that is no view's (a typo for another view, most likely):
        // its settings belong to that view, and the race would misread them.
        const unread = keys.length ? `, without reading this link's settings:` : ".";
        notify(`There is no view called “${clip(id)}”; showing the ${title}${unread}`, {
          sticky: keys.length > 0,
          details: keys.map((key) => `“${clip(key)}” not read`),
        });
        params = new URLSearchParams();
      }
    }
    if (current) {
      current.unmount();
      current = null;
    }
    currentId = entry.id;
    plainHash = buildHash(entry.id, params.toString());
    setOpenLink(plainLink());
    highlight(entry.id);
    root.replaceChildren();
    root.dataset.view = entry.id;
    const [module, descent] = await Promise.all([entry.load(), engine]);
    performance.mark(`descent:${entry.id}-loaded`);
    current = module.mount(root, params, {
      descent,
      primary: true,
      /** Rewrites this view's state in the URL without a new history entry. */
      save(query) {
        if (currentId !== entry.id) return;
        plainHash = buildHash(entry.id, query);
        setOpenLink(plainLink());
        const hash = embed ? embedHash(entry.id, query) : plainHash;
        if (location.hash !== hash) history.replaceState(null, "", hash);
        // Coming back through the navigation returns to this state.
        nav.querySelector(`a[data-view="${entry.id}"]`)?.setAttribute("href", hash);
      },
      /** The page's address holds the state, so it is the link to share
       *  (without embed: a shared link opens the full app). */
      link: plainLink,
      /** The first frame drawn marks the page ready. */
      frameDrawn() {
        if (firstFrameSeen) return;
        firstFrameSeen = true;
        onFirstFrame();
      },
    });
    performance.mark(`descent:${entry.id}-mounted`);
  }

  function routeSafely() {
    mounting = mounting.then(route).catch((error) => {
      // A wasm that failed to load has already said so.
      if (!document.getElementById("fatal").hidden) return;
      showFatal(`The view could not start: ${errorText(error)}`);
    });
  }

  window.addEventListener("hashchange", routeSafely);
  routeSafely();
}
