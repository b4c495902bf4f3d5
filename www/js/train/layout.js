// The training view's markup: a toolbar, then either the network panel
// (the fit, the network diagram, the loss chart, the metrics) or the
// mini-batch lab, with their controls at the side. Every control has a
// label or an aria-label, so a screen reader (and a test) finds it by name.

import { playbackControls, refsOf } from "../shared/dom.js";

const HTML = (id) => `
<div class="train">
  <div class="toolbar" role="toolbar" aria-label="Training controls">
    <div class="tabs" role="group" aria-label="Panel">
      <button type="button" data-ref="tab-network" aria-pressed="true">Network</button>
      <button type="button" data-ref="tab-lab" aria-pressed="false">Mini-batch lab</button>
    </div>
    ${playbackControls("Speed (most batches per second)")}
    <button type="button" data-ref="keys" aria-keyshortcuts="Shift+Slash" title="Keys (?)">Keys</button>
    <span class="spacer"></span>
    <span class="readout" data-ref="perf">– fps</span>
  </div>

  <div class="train-main" data-ref="network-panel">
    <figure class="train-figure fit">
      <figcaption data-ref="fit-title">Decision boundary</figcaption>
      <div class="canvas-box" data-ref="fit-box"><canvas data-ref="fit" role="img" aria-label="The model's fit over the data"></canvas></div>
    </figure>
    <figure class="train-figure net">
      <figcaption data-ref="net-title">Network: each unit's activation over the input plane</figcaption>
      <div class="canvas-box" data-ref="net-box"><canvas data-ref="net" role="img" aria-label="Network diagram"></canvas></div>
    </figure>
    <figure class="train-figure history">
      <figcaption>Training and validation loss</figcaption>
      <div class="canvas-box" data-ref="history-box"><canvas data-ref="history" role="img" aria-label="Training and validation loss against epoch"></canvas></div>
    </figure>
    <section class="metrics" aria-labelledby="${id("metrics-title")}">
      <h2 id="${id("metrics-title")}">Metrics</h2>
      <table class="metrics-table">
        <thead><tr><th scope="col">Optimizer</th><th scope="col" data-col="epoch">Epoch</th><th scope="col" data-col="loss">Loss</th>
          <th scope="col" data-col="val_loss">Val loss</th><th scope="col" data-col="accuracy">Acc</th><th scope="col" data-col="val_accuracy">Val acc</th>
          <th scope="col" data-col="best">Best</th><th scope="col" data-col="status">Status</th></tr></thead>
        <tbody data-ref="metrics-body"></tbody>
      </table>
      <p class="note" data-ref="data-note"></p>
    </section>
  </div>

  <aside class="train-side" data-ref="network-side" aria-label="Training settings">
    <section class="panel">
      <h2>Capacity presets</h2>
      <div class="presets">
        <button type="button" data-preset="underfit">Underfit</button>
        <button type="button" data-preset="ideal">Ideal</button>
        <button type="button" data-preset="overfit">Overfit</button>
      </div>
    </section>
    <section class="panel">
      <h2>Data</h2>
      <div class="grid2">
        <label class="field">Data set <select data-field="dataset"></select></label>
        <label class="field">Noise <input type="text" inputmode="decimal" data-field="noise"></label>
        <label class="field">Samples <input type="text" inputmode="numeric" data-field="samples"></label>
        <label class="field">Validation split <input type="text" inputmode="decimal" data-field="split"></label>
        <label class="field">Data seed <input type="text" inputmode="numeric" data-field="data_seed"></label>
      </div>
    </section>
    <section class="panel">
      <h2>Model</h2>
      <div class="grid2">
        <label class="field">Hidden layers <input type="text" inputmode="numeric" data-field="layers"></label>
        <label class="field">Units per layer <input type="text" inputmode="numeric" data-field="units"></label>
        <label class="field">Activation <select data-field="activation"></select></label>
        <label class="field">Weights seed <input type="text" inputmode="numeric" data-field="seed"></label>
        <label class="field">Dropout p <input type="text" inputmode="decimal" data-field="dropout"></label>
        <label class="field">L2 λ <input type="text" inputmode="decimal" data-field="l2"></label>
      </div>
    </section>
    <section class="panel">
      <h2>Training</h2>
      <div class="grid2">
        <label class="field">Optimizer <select data-field="optimizer"></select></label>
        <label class="field">Batch size <input type="text" inputmode="numeric" data-field="batch"></label>
        <label class="field">Epochs <input type="text" inputmode="numeric" data-field="epochs"></label>
      </div>
      <div class="lr-row">
        <span class="lr-symbol" aria-hidden="true">η</span>
        <input type="range" data-ref="lr" aria-label="Learning rate">
        <input type="text" inputmode="decimal" class="lr-value" data-field="lr" aria-label="Learning rate value">
      </div>
      <div class="es-row">
        <label class="flag"><input type="checkbox" data-field="es"> Early stopping</label>
        <label class="field small">patience <input type="text" inputmode="numeric" data-field="patience" aria-label="Patience"></label>
      </div>
    </section>
    <section class="panel">
      <h2>Compare optimizers</h2>
      <p class="note">Tick 2 to 4: the same network, initial weights and batches, each at η above.</p>
      <div class="compare" data-ref="compare"></div>
    </section>
    <p data-ref="form-message" hidden></p>
  </aside>

  <div class="lab-main" data-ref="lab-panel" hidden>
    <figure class="train-figure lab-stage">
      <figcaption>J(w₀, w₁) of fitting y = w₀ + w₁x</figcaption>
      <div class="canvas-box" data-ref="lab-box">
        <canvas data-ref="lab-heat" aria-hidden="true"></canvas>
        <canvas data-ref="lab-overlay" role="img" aria-label="Paths of full-batch, SGD and mini-batch gradient descent"></canvas>
      </div>
      <div class="lab-legend" data-ref="lab-legend"></div>
    </figure>
    <figure class="train-figure cloud">
      <figcaption data-ref="cloud-title">Mini-batch gradients around ∇J</figcaption>
      <div class="canvas-box" data-ref="cloud-box"><canvas data-ref="cloud" role="img" aria-label="Cloud of mini-batch gradient estimates around the true gradient"></canvas></div>
    </figure>
    <figure class="train-figure variance">
      <figcaption>Gradient variance against B (≈ 1/B)</figcaption>
      <div class="canvas-box" data-ref="variance-box"><canvas data-ref="variance" role="img" aria-label="Variance of the mini-batch gradient against batch size"></canvas></div>
    </figure>
    <figure class="train-figure times">
      <figcaption>Time per epoch against B (2-8-8-1 net, 500 points)</figcaption>
      <div class="canvas-box" data-ref="times-box"><canvas data-ref="times" role="img" aria-label="Time per epoch against batch size"></canvas></div>
    </figure>
  </div>

  <aside class="train-side" data-ref="lab-side" aria-label="Mini-batch lab settings" hidden>
    <section class="panel">
      <h2>Mini-batch lab</h2>
      <div class="grid2">
        <label class="field">Points N <input type="text" inputmode="numeric" data-field="lab_n"></label>
        <label class="field">Noise σ <input type="text" inputmode="decimal" data-field="lab_noise"></label>
        <label class="field">Mini-batch size k <input type="text" inputmode="numeric" data-field="lab_k"></label>
        <label class="field">Learning rate (lab) <input type="text" inputmode="decimal" data-field="lab_lr"></label>
      </div>
      <p class="note">Plain SGD on the mean squared error. The cloud is drawn at the mini-batch run's current point: grey dots are B = 1 estimates, coloured dots B = k, the cross is the true gradient.</p>
      <dl class="lab-readout">
        <dt>Variance at B = k, measured</dt><dd data-ref="variance-measured">–</dd>
        <dt>exact, (N − B)/(B(N − 1))·σ₁²</dt><dd data-ref="variance-exact">–</dd>
        <dt>at B = 1, measured</dt><dd data-ref="variance-sgd">–</dd>
      </dl>
      <table class="metrics-table" data-ref="lab-table">
        <thead><tr><th scope="col">Run</th><th scope="col">Steps</th><th scope="col">Epochs</th><th scope="col">J</th></tr></thead>
        <tbody data-ref="lab-body"></tbody>
      </table>
    </section>
    <p data-ref="lab-message" hidden></p>
  </aside>
</div>`;

/** Puts the view's markup in `root`, its ids made with `id(name)` so that
 *  two figures never share one; returns `{refs, fields}`: `{name: element}`
 *  for every data-ref and every data-field. */
export function renderLayout(root, id) {
  root.innerHTML = HTML(id);
  return { refs: refsOf(root), fields: refsOf(root, "field") };
}
