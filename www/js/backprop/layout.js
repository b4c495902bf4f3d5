// The backprop view's markup: the network with its live values, the
// controls, the chain rule, the nudge, and the loss landscape with the
// descent controls. Every control has a label or an aria-label, so a screen
// reader (and a test) finds it by name. The chain rule's terms are filled
// in by chain.js.

import { refsOf } from "../shared/dom.js";

const NODE = (ref, symbol, name) => `
  <div class="bp-node" data-node="${ref}">
    <span class="bp-top"></span>
    <span class="bp-circle" aria-hidden="true">${symbol}</span>
    <span class="bp-bottom"><span class="sr-only">${name} = </span><span class="num" data-ref="node-${ref}">–</span></span>
  </div>`;

const LINK = (colour, top, bottom = "") => `
  <div class="bp-link bp-${colour}">
    <span class="bp-top">${top}</span>
    <span class="bp-line" aria-hidden="true"></span>
    <span class="bp-bottom">${bottom}</span>
  </div>`;

const WEIGHT_ROW = (id, i) => `
  <div class="bp-weight-row">
    <label for="${id(`bp-w${i}-slider`)}" class="bp-symbol">w<sub>${i}</sub></label>
    <input type="range" id="${id(`bp-w${i}-slider`)}" data-ref="w${i}-slider" min="-3" max="3" step="0.01" aria-label="w${i} slider">
    <input type="text" inputmode="decimal" data-ref="w${i}" aria-label="w${i}">
  </div>
  <p data-ref="w${i}-message" hidden></p>`;

const HTML = (id) => `
<div class="backprop">
  <header class="bp-intro">
    <h2>Backpropagation</h2>
    <p>How does a small change in one weight (say w₂) affect the final loss J(W)? The chain rule answers, layer by layer.</p>
  </header>

  <div class="bp-main">
    <figure class="bp-net">
      <figcaption>The network: z₁ = w₁x, a₁ = g(z₁), ŷ = w₂a₁, J = (ŷ − y)². Link colours match the chain rule’s factors.</figcaption>
      <div class="bp-net-row">
        ${NODE("x", "x", "x")}
        ${LINK("blue", `w₁ = <span class="num" data-ref="link-w1">–</span>`, `<span>∂J/∂w₁ =</span> <span class="num" data-ref="link-dw1">–</span>`)}
        ${NODE("z1", "z₁", "z₁")}
        ${LINK("red", `g = <span class="num" data-ref="link-g">–</span>`)}
        ${NODE("a1", "a₁", "a₁")}
        ${LINK("red", `w₂ = <span class="num" data-ref="link-w2">–</span>`, `<span>∂J/∂w₂ =</span> <span class="num" data-ref="link-dw2">–</span>`)}
        ${NODE("yhat", "ŷ", "ŷ")}
        ${LINK("purple", `y = <span class="num" data-ref="link-y">–</span>`, "(ŷ − y)²")}
        ${NODE("loss", "J", "J")}
      </div>
    </figure>

    <section class="panel bp-controls" aria-labelledby="${id("bp-controls-title")}">
      <h3 id="${id("bp-controls-title")}" class="sr-only">Weights and example</h3>
      <div class="bp-weights">
        <div>${WEIGHT_ROW(id, 1)}</div>
        <div>${WEIGHT_ROW(id, 2)}</div>
      </div>
      <div class="bp-example">
        <label class="field small">x <input type="text" inputmode="decimal" data-ref="x" aria-label="x"></label>
        <label class="field small">y <input type="text" inputmode="decimal" data-ref="y" aria-label="y"></label>
        <label class="field small">g <select data-ref="g" aria-label="Activation g"></select></label>
        <span class="note">the training example (x, y) and the activation</span>
      </div>
      <p data-ref="x-message" hidden></p>
      <p data-ref="y-message" hidden></p>
      <p data-ref="g-message" hidden></p>
    </section>

    <section class="bp-chain" aria-labelledby="${id("bp-chain-title")}">
      <h3 id="${id("bp-chain-title")}">The chain rule, with this point’s numbers</h3>
      <div class="bp-eq" data-ref="eq-w2" data-eq="w2"></div>
      <div class="bp-eq" data-ref="eq-w1" data-eq="w1"></div>
      <p class="bp-dead" data-ref="dead" hidden></p>
      <p class="note" data-ref="repeat">Repeat this for every weight, using gradients from later layers: ∂J/∂ŷ is computed once and serves both.</p>
    </section>

    <section class="bp-nudge" aria-labelledby="${id("bp-nudge-title")}">
      <div class="bp-nudge-text">
        <h3 id="${id("bp-nudge-title")}">Nudge one weight</h3>
        <div class="bp-nudge-controls">
          <div class="bp-which" role="radiogroup" aria-label="Weight to nudge">
            <label><input type="radio" name="${id("bp-which")}" value="1" data-ref="which-1"> w₁</label>
            <label><input type="radio" name="${id("bp-which")}" value="2" data-ref="which-2"> w₂</label>
          </div>
          <span class="bp-symbol" aria-hidden="true">Δ</span>
          <input type="range" data-ref="delta-slider" min="-1" max="1" step="0.001" aria-label="Nudge Δ slider">
          <input type="text" inputmode="decimal" data-ref="delta" aria-label="Nudge Δ">
        </div>
        <p data-ref="delta-message" hidden></p>
        <p class="bp-nudge-readout" data-ref="nudge-readout">
          Moving <span data-ref="nudge-weight">w₂</span> by Δ = <span class="num" data-ref="nudge-delta">–</span>:
          J changes by <span class="swatch bp-actual-swatch" aria-hidden="true"></span><span class="num bp-actual" data-ref="nudge-actual">–</span>;
          the chain rule predicts <span class="swatch bp-predicted-swatch" aria-hidden="true"></span><span class="num bp-predicted" data-ref="nudge-predicted">–</span>;
          they differ by <span class="num" data-ref="nudge-gap">–</span>.
        </p>
        <p class="note" data-ref="nudge-note"></p>
      </div>
      <figure class="bp-slice">
        <div class="bp-slice-box" data-ref="slice-box">
          <canvas data-ref="slice" role="img" aria-label="J against the nudged weight, with the tangent line at the current weight"></canvas>
        </div>
      </figure>
    </section>
  </div>

  <div class="bp-side">
    <figure class="bp-landscape">
      <figcaption>The loss landscape J(w₁, w₂) for this x, y and g</figcaption>
      <div class="bp-stage" data-ref="stage">
        <canvas data-ref="heat" aria-hidden="true"></canvas>
        <canvas data-ref="overlay" tabindex="0" role="application" aria-roledescription="landscape" aria-keyshortcuts="ArrowLeft ArrowRight ArrowUp ArrowDown"
          aria-label="Loss landscape with the descent path and the arrow −∇J. Click to set the weights; arrow keys move them by 0.05."></canvas>
      </div>
      <p class="hint">Click or tap: set w₁, w₂ · arrow keys: ±0.05 · the arrow is −∇J · <kbd>?</kbd>: keys</p>
    </figure>
    <div class="bp-descent" role="group" aria-label="Gradient descent">
      <label class="field small">η <input type="text" inputmode="decimal" data-ref="lr" aria-label="Learning rate η"></label>
      <button type="button" data-ref="step" aria-keyshortcuts="ArrowRight">Step</button>
      <button type="button" class="primary" data-ref="play" aria-keyshortcuts="Space">Play</button>
      <button type="button" data-ref="reset" title="Back to where this path started" aria-keyshortcuts="R">Reset path</button>
      <button type="button" data-ref="keys" aria-keyshortcuts="Shift+Slash" title="Keys (?)">Keys</button>
    </div>
    <p data-ref="lr-message" hidden></p>
    <p class="bp-status" data-ref="status"></p>
  </div>
</div>`;

/** Puts the view's markup in `root`, its ids and radio group made with
 *  `id(name)` so that two figures never share one; returns `{name:
 *  element}` for every data-ref. */
export function renderLayout(root, id) {
  root.innerHTML = HTML(id);
  return refsOf(root);
}
