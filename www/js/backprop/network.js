// The network diagram's live numbers: each node's value, the weights on
// their links, and each weight's gradient under it, all from values().

import { number } from "../shared/format.js";

export function createNetwork(refs) {
  const slots = [
    [refs.nodeX, "x"],
    [refs.nodeZ1, "z1"],
    [refs.nodeA1, "a1"],
    [refs.nodeYhat, "y_hat"],
    [refs.nodeLoss, "loss"],
    [refs.linkW1, "w1"],
    [refs.linkW2, "w2"],
    [refs.linkY, "y"],
    [refs.linkDw1, "dloss_dw1", 3],
    [refs.linkDw2, "dloss_dw2", 3],
  ];
  return {
    update(v) {
      // Gradients get three digits here (the equations show more), so
      // 1.23e-6 fits under its link.
      for (const [slot, key, digits = 4] of slots) {
        const text = number(v[key], digits);
        if (slot.textContent !== text) slot.textContent = text;
      }
      if (refs.linkG.textContent !== v.activation) refs.linkG.textContent = v.activation;
    },
  };
}
