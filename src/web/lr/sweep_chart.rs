//! The LR range test, drawn: final loss against learning rate on log-log
//! axes, the steps each run needed to converge on a second axis, the rates
//! that diverge shaded, the best rate marked and, for quadratics with SGD,
//! the theoretical edge 2/λ_max drawn where the measured edge should sit.
//!
//! The handle wraps the engine's `RangeTest` (the running sweep and the
//! last finished one) and remembers where it was drawn, so a click on the
//! chart maps back to the swept rate under it.

use crate::labs::range_test::RangeTest;
use crate::render::axis::{log_range, rate};
use crate::web::convert::{error, finite, finite_point, now, number, set};
use crate::web::draw::chart::{chart_error, Axis, PlotLayout, Surface, INK};
use crate::web::draw::step_chart::{rate_legend, rate_swatch};
use crate::web::lr::lab::LrLabHandle;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};
use wasm_bindgen::prelude::*;

const LOSS_COLOUR: RGBColor = RGBColor(0, 114, 178);
const STEPS_COLOUR: RGBColor = RGBColor(0, 158, 115);
const DIVERGED_COLOUR: RGBColor = RGBColor(213, 94, 0);
const BEST_COLOUR: RGBColor = RGBColor(204, 121, 167);
/// The "yours" panel's orange.
const YOURS_COLOUR: RGBColor = RGBColor(230, 159, 0);

/// The wide charts' layout with room for the steps axis on the right.
const SWEEP_LAYOUT: PlotLayout = PlotLayout {
    margin: [12.0; 4],
    x_area: 44.0,
    y_area: 64.0,
    right_area: 64.0,
    // A label at every decade of rates, as plotters's own log axis had.
    tick_spacing: (70.0, 25.0),
    ..PlotLayout::WIDE
};

#[wasm_bindgen]
pub struct SweepChart {
    test: RangeTest,
    /// The engine's milliseconds on the running sweep so far.
    spent: f64,
    /// The plot area in CSS pixels (left, right, top, bottom) and the
    /// learning rates at its left and right edges.
    area: Option<(f64, f64, f64, f64)>,
    x_range: (f64, f64),
}

impl Default for SweepChart {
    fn default() -> Self {
        Self::new()
    }
}

#[wasm_bindgen]
impl SweepChart {
    #[wasm_bindgen(constructor)]
    pub fn new() -> SweepChart {
        SweepChart {
            test: RangeTest::new(),
            spent: 0.0,
            area: None,
            x_range: (1e-3, 1.0),
        }
    }

    /// Starts a sweep of `lab`'s landscape, optimizer, schedule and start
    /// over `count` log-spaced rates from `from` to `to`, `steps` steps
    /// each; `advance` runs it. Throws, naming the field, on a bad one.
    pub fn start(
        &mut self,
        lab: &LrLabHandle,
        #[wasm_bindgen(unchecked_param_type = "number")] from: JsValue,
        #[wasm_bindgen(unchecked_param_type = "number")] to: JsValue,
        #[wasm_bindgen(unchecked_param_type = "number")] count: JsValue,
        #[wasm_bindgen(unchecked_param_type = "number")] steps: JsValue,
    ) -> Result<(), JsError> {
        let from = number(&from, "from")?;
        let to = number(&to, "to")?;
        let count = number(&count, "count")?;
        let steps = number(&steps, "steps")?;
        let count = crate::web::convert::whole(
            count,
            "learning_rates.count",
            2,
            crate::run::sweep::MAX_RUNS,
        )?;
        let steps = crate::web::convert::whole(
            steps,
            "steps",
            1,
            crate::labs::learning_rate::MAX_STEPS as u64,
        )?;
        self.test
            .start(lab.lab(), from, to, count as usize, steps as usize)
            .map_err(error)?;
        self.spent = 0.0;
        Ok(())
    }

    /// Runs the started sweep for about `ms` milliseconds. Returns
    /// `{done, runs_done, runs, ms}` (`ms`: the engine's time on it so
    /// far) and, once done, `result` as `sweep(spec)` returns it; null if
    /// no sweep is running.
    pub fn advance(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "number")] ms: JsValue,
    ) -> Result<JsValue, JsError> {
        let ms = number(&ms, "ms")?;
        let ms = finite(ms, "ms")?.clamp(0.0, 1000.0);
        if !self.test.is_running() {
            return Ok(JsValue::NULL);
        }
        let began = now();
        let mut progress = self.test.advance();
        while progress.is_some_and(|p| !p.done) && now() - began < ms {
            progress = self.test.advance();
        }
        self.spent += now() - began;
        let Some(progress) = progress else {
            return Ok(JsValue::NULL);
        };
        let out: JsValue = js_sys::Object::new().into();
        set(&out, "done", &progress.done.into());
        set(&out, "runs_done", &(progress.runs_done as f64).into());
        set(&out, "runs", &(progress.runs as f64).into());
        set(&out, "ms", &self.spent.into());
        if let (true, Some(finished)) = (progress.done, self.test.finished()) {
            set(
                &out,
                "result",
                &crate::web::sweep::result_to_js(&finished.result),
            );
            self.area = None;
        }
        Ok(out)
    }

    /// Whether a sweep has started and not yet finished.
    pub fn is_running(&self) -> bool {
        self.test.is_running()
    }

    /// Stops the running sweep, if any; the last finished one stays.
    pub fn cancel(&mut self) {
        self.test.cancel();
    }

    pub fn has_result(&self) -> bool {
        self.test.finished().is_some()
    }

    /// Forgets the last sweep and stops a running one (the lab changed
    /// under them).
    pub fn clear(&mut self) {
        self.test.clear();
        self.area = None;
    }

    /// Draws the last sweep (or an empty frame saying how to start one),
    /// with "yours"'s current rate marked.
    pub fn draw(
        &mut self,
        canvas: JsValue,
        #[wasm_bindgen(unchecked_param_type = "number")] css_width: JsValue,
        #[wasm_bindgen(unchecked_param_type = "number")] css_height: JsValue,
        #[wasm_bindgen(unchecked_param_type = "number")] device_pixel_ratio: JsValue,
        #[wasm_bindgen(unchecked_param_type = "number")] yours: JsValue,
    ) -> Result<(), JsError> {
        let yours = number(&yours, "yours")?;
        let surface = Surface::from_js(canvas, &css_width, &css_height, &device_pixel_ratio)?;
        let Some(finished) = self.test.finished() else {
            let (w, h) = surface.root.dim_in_pixel();
            surface.label(
                "Press “Run sweep” to try many learning rates",
                ((w / 2) as i32, (h / 2) as i32),
                INK,
                HPos::Center,
                VPos::Center,
            );
            self.area = None;
            return surface.present();
        };
        let result = &finished.result;
        let rates = &result.learning_rates;
        let (first, last) = (rates[0], rates[rates.len() - 1]);
        let x_range = (first / 1.25, last * 1.25);
        let (gap, low, high) = finished.gap();
        let (low, high) = log_range(low, high);
        let font = surface.font(SWEEP_LAYOUT.text);
        let y_title = format!("final {}", crate::web::draw::chart::gap_axis_name(&gap));
        let steps_axis = Axis::linear(0.0, finished.steps.max(1) as f64 * 1.05);
        let Some(mut chart) = surface.dual_plot_in(
            &SWEEP_LAYOUT,
            Axis::log(x_range.0, x_range.1),
            Axis::log(low, high),
            steps_axis,
            ["learning rate η (log)", &y_title, "steps to converge"],
            STEPS_COLOUR,
        )?
        else {
            self.area = None;
            return surface.present();
        };

        // The divergent region: from the measured edge to the right.
        if let Some(edge) = result.divergence_edge {
            let shade = DIVERGED_COLOUR.mix(0.13).filled();
            chart
                .draw_series(std::iter::once(Rectangle::new(
                    [(edge.max(x_range.0), low), (x_range.1, high)],
                    shade,
                )))
                .map_err(chart_error)?;
        }
        let w = surface.px(2.5).max(1) as u32;
        // Runs that did not diverge, as one line through their final losses.
        let kept: Vec<(f64, f64)> = rates
            .iter()
            .zip(&result.final_loss)
            .zip(&result.diverged)
            .filter(|(_, d)| !**d)
            .map(|((r, l), _)| (*r, gap.of(*l).clamp(low, high)))
            .collect();
        chart
            .draw_series(LineSeries::new(
                kept.iter().copied(),
                LOSS_COLOUR.stroke_width(w),
            ))
            .map_err(chart_error)?
            .label("final loss")
            .legend(rate_swatch(LOSS_COLOUR));
        let r = surface.px(3.0).max(2);
        chart
            .draw_series(
                kept.iter()
                    .map(|p| Circle::new(*p, r, LOSS_COLOUR.filled())),
            )
            .map_err(chart_error)?;
        // Diverged runs have no meaningful final loss: a cross at the top.
        let cross = surface.px(5.0).max(2);
        chart
            .draw_series(
                rates
                    .iter()
                    .zip(&result.diverged)
                    .filter(|(_, d)| **d)
                    .map(|(r, _)| {
                        Cross::new((*r, high / 1.6), cross, DIVERGED_COLOUR.stroke_width(2))
                    }),
            )
            .map_err(chart_error)?
            .label("diverged")
            .legend(move |(x, y)| Cross::new((x + 9, y), 5, DIVERGED_COLOUR.stroke_width(2)));
        // Steps to converge, on the right axis, for runs that converged.
        let converged: Vec<(f64, f64)> = rates
            .iter()
            .zip(&result.steps_to_converge)
            .filter(|(_, s)| **s >= 0.0)
            .map(|(r, s)| (*r, *s))
            .collect();
        chart
            .draw_secondary_series(LineSeries::new(
                converged.iter().copied(),
                STEPS_COLOUR.stroke_width(w),
            ))
            .map_err(chart_error)?
            .label("steps to converge")
            .legend(rate_swatch(STEPS_COLOUR));
        chart
            .draw_secondary_series(
                converged
                    .iter()
                    .map(|p| TriangleMarker::new(*p, r + 1, STEPS_COLOUR.filled())),
            )
            .map_err(chart_error)?;

        let (xs, ys) = chart.plotting_area().get_pixel_range();
        let (top, bottom) = (ys.start, ys.end);
        let at = |x: f64| chart.backend_coord(&(x, low)).0;
        if let Some(best) = result.best_learning_rate {
            let x = at(best);
            let _ = surface.root.draw(&PathElement::new(
                vec![(x, top), (x, bottom)],
                BEST_COLOUR.stroke_width(surface.px(3.0) as u32),
            ));
            surface.label(
                &format!("best η = {}", rate(best)),
                (x - surface.px(6.0), top + surface.px(24.0)),
                RGBColor(140, 60, 110),
                HPos::Right,
                VPos::Top,
            );
        }
        if let Some(edge) = result.theoretical_edge {
            if edge > x_range.0 && edge < x_range.1 {
                let x = at(edge);
                surface.dashed_vline(x, top, bottom, INK.stroke_width(surface.px(2.0) as u32));
                surface.label(
                    &format!("theory: 2/λ_max = {}", rate(edge)),
                    (x + surface.px(6.0), top + surface.px(46.0)),
                    INK,
                    HPos::Left,
                    VPos::Top,
                );
            }
        }
        if yours > x_range.0 && yours < x_range.1 {
            let x = at(yours);
            let _ = surface.root.draw(&PathElement::new(
                vec![(x, top), (x, bottom)],
                YOURS_COLOUR.stroke_width(surface.px(2.0) as u32),
            ));
            surface.label(
                &format!("yours: η = {}", rate(yours)),
                (x + surface.px(6.0), bottom - surface.px(6.0)),
                RGBColor(150, 95, 0),
                HPos::Left,
                VPos::Bottom,
            );
        }
        if let Some(edge) = result.divergence_edge {
            // Right of the edge, or against the plot's right side when it
            // would run over the steps axis and hide its labels.
            let text = format!("diverges from η ≈ {}", rate(edge));
            let width = surface
                .root
                .estimate_text_size(&text, &font)
                .map_or(0, |(w, _)| w as i32);
            let gap = surface.px(6.0);
            let (x, h) = if at(edge) + gap + width <= xs.end {
                (at(edge) + gap, HPos::Left)
            } else {
                (xs.end - gap, HPos::Right)
            };
            surface.label(
                &text,
                (x, top + surface.px(24.0)),
                RGBColor(160, 60, 0),
                h,
                VPos::Top,
            );
        }
        rate_legend(&mut chart, SeriesLabelPosition::LowerLeft, font)?;
        surface.present()?;
        let dpr = surface.dpr;
        self.area = Some((
            xs.start as f64 / dpr,
            xs.end as f64 / dpr,
            top as f64 / dpr,
            bottom as f64 / dpr,
        ));
        self.x_range = x_range;
        Ok(())
    }

    /// The swept rate nearest (on the log axis) to the CSS pixel (px, py),
    /// or null outside the plot area or before a sweep.
    pub fn learning_rate_at(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] px: JsValue,
        #[wasm_bindgen(unchecked_param_type = "number")] py: JsValue,
    ) -> Result<JsValue, JsError> {
        let [px, py] = finite_point(&px, &py, ["px", "py"])?;
        let (Some(finished), Some((left, right, top, bottom))) = (self.test.finished(), self.area)
        else {
            return Ok(JsValue::NULL);
        };
        if !(px >= left && px <= right && py >= top && py <= bottom) || right <= left {
            return Ok(JsValue::NULL);
        }
        let (a, b) = (self.x_range.0.ln(), self.x_range.1.ln());
        let target = a + (px - left) / (right - left) * (b - a);
        let nearest = finished.nearest_rate(target.exp());
        Ok(nearest.map_or(JsValue::NULL, JsValue::from_f64))
    }

    /// The CSS x pixel of a learning rate on the last drawing, or null.
    pub fn pixel_of(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] learning_rate: JsValue,
    ) -> Result<JsValue, JsError> {
        let learning_rate = number(&learning_rate, "learning_rate")?;
        let Some((left, right, _, _)) = self.area else {
            return Ok(JsValue::NULL);
        };
        if !(learning_rate.is_finite() && learning_rate > 0.0) {
            return Ok(JsValue::NULL);
        }
        let (a, b) = (self.x_range.0.ln(), self.x_range.1.ln());
        Ok(JsValue::from_f64(
            left + (learning_rate.ln() - a) / (b - a) * (right - left),
        ))
    }
}
