// The app's views, in navigation order. Each entry loads its module on
// demand; a view module exports `mount(element, state?, options?)`, which
// returns `{unmount(), state()}` (the contract is in shared/view_shell.js).
// A new view is one more line here and a link in index.html's navigation.

export const VIEWS = [
  { id: "race", title: "Optimizer race", load: () => import("./race/view.js") },
  { id: "backprop", title: "Backprop", load: () => import("./backprop/view.js") },
  { id: "lr", title: "Learning rate", load: () => import("./lr/view.js") },
  { id: "train", title: "Training", load: () => import("./train/view.js") },
];

export const DEFAULT_VIEW = "race";
