// The app's views, in navigation order. Each entry loads its module on
// demand; a view module exports `mount(element, state?, options?)`, which
// returns `{unmount(), state()}` (the contract is in shared/view_shell.js),
// and `stateTable(descent)`, the table of its link's keys and rules (see
// shared/url_state.js), which the tests read to fuzz every view's links.
// A new view is one more line here: the navigation is made from this list.

export const VIEWS = [
  // First: the lecture is what a teacher should see first.
  { id: "lecture", title: "Lecture", load: () => import("./lecture/view.js") },
  { id: "race", title: "Optimizer race", load: () => import("./race/view.js") },
  { id: "backprop", title: "Backprop", load: () => import("./backprop/view.js") },
  { id: "lr", title: "Learning rate", load: () => import("./lr/view.js") },
  { id: "train", title: "Training", load: () => import("./train/view.js") },
];

export const DEFAULT_VIEW = "race";

/**
 * Fills `nav` with one link per view, in order: `#race`, … on the app's
 * page; `page` is the app page's address from elsewhere (the bench page
 * passes "index.html"). Each link carries `data-view`, which the router
 * marks with aria-current.
 */
export function renderNav(nav, { page = "" } = {}) {
  nav.replaceChildren(
    ...VIEWS.map((view) => {
      const link = document.createElement("a");
      link.href = `${page}#${view.id}`;
      link.dataset.view = view.id;
      link.textContent = view.title;
      return link;
    }),
  );
}
