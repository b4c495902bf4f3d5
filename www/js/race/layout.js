// The race view's markup, and a lookup of the elements the other modules
// wire up. Every control has a label or an aria-label, so people using a
// screen reader (and the tests) find it by role and name.

import { playbackControls, refsOf } from "../shared/dom.js";

const HTML = (id) => `
<div class="race">
  <div class="toolbar" role="toolbar" aria-label="Race controls">
    ${playbackControls("Speed (steps per second, per racer)")}
    <button type="button" data-ref="keys" aria-keyshortcuts="Shift+Slash" title="Keys (?)">Keys</button>
    <span class="spacer"></span>
    <button type="button" data-ref="copy-link">Copy link</button>
    <button type="button" data-ref="png">Download PNG</button>
    <button type="button" data-ref="csv">Download CSV</button>
  </div>

  <div class="stage-column">
    <div class="stage" data-ref="stage">
      <canvas data-ref="heat" aria-hidden="true"></canvas>
      <canvas data-ref="overlay" role="application" aria-roledescription="landscape" tabindex="0"
        aria-keyshortcuts="ArrowLeft ArrowRight ArrowUp ArrowDown Enter"
        aria-label="Loss landscape with the racers' paths. Click to set the start point, or move the cursor with the arrow keys and press Enter."></canvas>
      <p class="hover-readout" data-ref="hover"></p>
    </div>
    <div class="under-stage">
      <button type="button" data-ref="reset-view">Reset view</button>
      <p class="hint">Click or tap: set the start · wheel or pinch: zoom · drag or two fingers: pan · <kbd>?</kbd>: keys</p>
      <span class="readout" data-ref="perf" aria-live="off">– fps</span>
    </div>

    <table class="racer-table" data-ref="table">
      <caption>Racers</caption>
      <thead>
        <tr><th scope="col">Racer</th><th scope="col" data-col="loss">Loss J</th><th scope="col" data-col="step">Step</th>
            <th scope="col" data-col="gradient_norm">‖∇J‖</th><th scope="col" data-col="learning_rate">η in effect</th><th scope="col" data-col="status">Status</th></tr>
      </thead>
      <tbody data-ref="table-body"></tbody>
    </table>

  </div>

  <aside class="side">
    <!-- Beside the landscape, so the paths and the loss share one screen
         (a projector at 1280×720 or 1920×1080); the panels scroll under it. -->
    <figure class="chart">
      <figcaption>Loss against step (log scale)</figcaption>
      <div class="chart-box" data-ref="chart-box">
        <canvas data-ref="chart" role="img" aria-label="Loss against step for every racer, log scale"></canvas>
      </div>
    </figure>
    <section class="panel" aria-labelledby="${id("landscape-title")}">
      <h2 id="${id("landscape-title")}">Landscape</h2>
      <label class="field">Landscape
        <select data-ref="landscape"></select>
      </label>
      <p class="formula" data-ref="formula"></p>
      <p class="note" data-ref="note"></p>
    </section>

    <section class="panel" aria-labelledby="${id("start-title")}">
      <h2 id="${id("start-title")}">Start</h2>
      <p class="start-readout">w₀ = <span class="num" data-ref="start" data-x="" data-y=""></span></p>
      <div class="random-init">
        <label class="field small">x <input type="text" inputmode="decimal" data-ref="start-x" aria-label="Start x"></label>
        <label class="field small">y <input type="text" inputmode="decimal" data-ref="start-y" aria-label="Start y"></label>
        <button type="button" data-ref="set-start">Set start</button>
      </div>
      <div class="random-init">
        <label class="field small">σ <input type="text" inputmode="decimal" data-ref="sigma" aria-label="Random init σ" aria-describedby="${id("sigma-note")}"></label>
        <label class="field small">Seed <input type="text" inputmode="numeric" data-ref="seed" aria-label="Random init seed"></label>
        <button type="button" data-ref="random">Random init</button>
      </div>
      <p class="note" id="${id("sigma-note")}" data-ref="sigma-note"></p>
      <p data-ref="start-message" hidden></p>
    </section>

    <section class="panel" aria-labelledby="${id("racers-title")}">
      <h2 id="${id("racers-title")}">Racers</h2>
      <ol class="racers" data-ref="racers"></ol>
      <button type="button" data-ref="add-racer">Add racer</button>
      <div class="presets" data-ref="presets" role="group" aria-labelledby="${id("presets-title")}">
        <span class="note" id="${id("presets-title")}">Presets, each at its suggested η:</span>
        <button type="button" data-preset="momentum">SGD vs momentum vs Nesterov</button>
        <button type="button" data-preset="adaptive">The adaptive family</button>
        <button type="button" data-preset="seed">The seed’s table</button>
      </div>
    </section>
  </aside>

  <div class="below">
    <section class="rule" aria-labelledby="${id("rule-title")}">
      <h2 id="${id("rule-title")}" data-ref="rule-title">Update rule</h2>
      <div data-ref="rule-math" class="rule-math"></div>
      <p class="rule-note" data-ref="rule-note"></p>
      <p class="rule-hyper" data-ref="rule-hyper"></p>
      <table class="live" data-ref="rule-live">
        <caption>This step</caption>
        <thead><tr><th scope="col"></th><th scope="col">x</th><th scope="col">y</th></tr></thead>
        <tbody></tbody>
      </table>
    </section>
  </div>
</div>`;

/** Puts the view's markup in `root`, its ids made with `id(name)` so that
 *  two races on one page never share one; returns `{name: element}` for
 *  every data-ref. */
export function renderLayout(root, id) {
  root.innerHTML = HTML(id);
  return refsOf(root);
}
