// The learning-rate view's markup: the four panels, then the sweep, the
// schedule and the adaptive rates, top to bottom in the lecture's order.
// Every control has a label or an aria-label.

import { playbackControls, refsOf } from "../shared/dom.js";

const PANEL = (id, i, name) => `
  <figure class="lr-panel" data-panel="${i}" aria-labelledby="${id(`lr-panel-${i}`)}">
    <figcaption>
      <span class="lr-swatch" data-ref="swatch-${i}"></span>
      <strong id="${id(`lr-panel-${i}`)}">${name}</strong>
      <label class="lr-rate">η
        <input type="text" inputmode="decimal" data-ref="rate-${i}" aria-label="Learning rate, ${name}">
      </label>
    </figcaption>
    <div class="lr-slider-slot">${
      i === 3
        ? `<input type="range" class="lr-slider" data-ref="slider" aria-label="Learning rate">`
        : `<span class="lr-preset">preset: type another η to change it</span>`
    }</div>
    <p data-ref="rate-message-${i}" hidden></p>
    <div class="lr-stage" data-ref="stage-${i}">
      <canvas data-ref="heat-${i}" aria-hidden="true"></canvas>
      <canvas data-ref="overlay-${i}" role="application" aria-roledescription="landscape" tabindex="0"
        aria-keyshortcuts="ArrowLeft ArrowRight ArrowUp ArrowDown Enter"
        aria-label="The ${name} run on the landscape. Click, or move the cursor with the arrow keys and press Enter, to move the start of all four runs."></canvas>
    </div>
    <p class="lr-outcome" data-ref="outcome-${i}"></p>
    <div class="lr-loss-box" data-ref="loss-box-${i}">
      <canvas data-ref="loss-${i}" role="img" aria-label="Loss against step, ${name}"></canvas>
    </div>
  </figure>`;

const HTML = (id, names) => `
<div class="lr">
  <div class="toolbar" role="toolbar" aria-label="Learning-rate controls">
    ${playbackControls("Speed (steps per second, per panel)")}
    <label class="field small">Steps
      <input type="text" inputmode="numeric" data-ref="steps" aria-label="Step budget per panel">
    </label>
    <span class="spacer"></span>
    <button type="button" data-ref="keys" aria-keyshortcuts="Shift+Slash" title="Keys (?)">Keys</button>
    <button type="button" data-ref="copy-link">Copy link</button>
  </div>
  <p data-ref="steps-message" hidden></p>

  <div class="lr-settings">
    <label class="field">Landscape
      <select data-ref="landscape"></select>
    </label>
    <label class="field">Optimizer
      <select data-ref="optimizer"></select>
    </label>
    <p class="formula" data-ref="formula"></p>
  </div>
  <p data-ref="start-message" hidden></p>
  <div class="lr-start-row">
    <p class="hint">Click a landscape, or focus it and use the arrow keys and Enter: all four runs start there · <kbd>?</kbd>: keys</p>
    <div class="lr-start" role="group" aria-label="Start of all four runs">
      <label class="field small">Start x <input type="text" inputmode="decimal" data-ref="start-x" aria-label="Start x"></label>
      <label class="field small">y <input type="text" inputmode="decimal" data-ref="start-y" aria-label="Start y"></label>
      <button type="button" data-ref="set-start">Set start</button>
    </div>
  </div>
  <p data-ref="optimizer-message" hidden></p>

  <div class="lr-panels">
    ${names.map((name, i) => PANEL(id, i, name)).join("")}
  </div>

  <section class="lr-section" aria-labelledby="${id("lr-sweep-title")}">
    <h2 id="${id("lr-sweep-title")}">Try many learning rates: the LR range test</h2>
    <div class="lr-form">
      <label class="field small">From <input type="text" inputmode="decimal" data-ref="sweep-from" aria-label="Sweep from learning rate"></label>
      <label class="field small">To <input type="text" inputmode="decimal" data-ref="sweep-to" aria-label="Sweep to learning rate"></label>
      <label class="field small">Rates <input type="text" inputmode="numeric" data-ref="sweep-count" aria-label="Number of learning rates"></label>
      <label class="field small">Steps each <input type="text" inputmode="numeric" data-ref="sweep-steps" aria-label="Steps per sweep run"></label>
      <button type="button" class="primary" data-ref="sweep-run">Run sweep</button>
      <span class="readout" data-ref="sweep-progress"></span>
    </div>
    <p data-ref="sweep-message" hidden></p>
    <div class="lr-chart-box tall" data-ref="sweep-box">
      <canvas data-ref="sweep-chart" role="application" aria-roledescription="chart" tabindex="0"
        aria-keyshortcuts="ArrowLeft ArrowRight Home End Enter" aria-describedby="${id("lr-sweep-pick")}"
        aria-label="Final loss and steps to converge against learning rate. Click a rate, or pick one with the left and right arrow keys and press Enter, to load it into yours."></canvas>
      <div class="sweep-pick-mark" data-ref="sweep-mark" hidden aria-hidden="true"></div>
    </div>
    <p class="lr-pick" id="${id("lr-sweep-pick")}" data-ref="sweep-pick"></p>
    <p class="lr-summary" data-ref="sweep-summary"></p>
  </section>

  <section class="lr-section" aria-labelledby="${id("lr-schedule-title")}">
    <h2 id="${id("lr-schedule-title")}">Schedules: change η as training goes</h2>
    <div class="lr-form" data-ref="schedule-form">
      <label class="field small">Schedule <select data-ref="schedule-name" aria-label="Schedule"></select></label>
      <span class="lr-params" data-ref="schedule-params"></span>
      <button type="button" data-ref="schedule-apply">Apply</button>
    </div>
    <p data-ref="schedule-message" hidden></p>
    <p class="note" data-ref="schedule-note"></p>
    <div class="lr-chart-box" data-ref="schedule-box">
      <canvas data-ref="schedule-chart" role="img" aria-label="Learning rate against step for every panel"></canvas>
    </div>
  </section>

  <section class="lr-section" aria-labelledby="${id("lr-adaptive-title")}">
    <h2 id="${id("lr-adaptive-title")}">Adaptive learning rates</h2>
    <div class="lr-form">
      <label class="field small">Optimizer <select data-ref="adaptive-name" aria-label="Adaptive optimizer"></select></label>
    </div>
    <p class="lr-point">The rate adapts to how large the gradient is and how fast learning is happening:
      each coordinate gets its own step size, read here from the optimizer’s own state, while plain SGD
      gives every coordinate the same η.</p>
    <div class="lr-chart-box" data-ref="adaptive-box">
      <canvas data-ref="adaptive-chart" role="img" aria-label="Effective step size per coordinate against step, beside SGD's constant learning rate"></canvas>
    </div>
    <p class="lr-summary" data-ref="adaptive-summary"></p>
  </section>
</div>`;

/** Puts the markup in `root`, its ids made with `id(name)` so that two
 *  figures never share one; returns `{name: element}` for every data-ref. */
export function renderLayout(root, panelNames, id) {
  root.innerHTML = HTML(id, panelNames);
  return refsOf(root);
}
