//! Adaptive learning rates, shown: the step size each coordinate actually
//! got at each step, read from the optimizer's own state, beside the single
//! η that plain SGD gives every coordinate.

use crate::json::{numbers, object};
use crate::render::axis::log_range;
use crate::render::series::decimated;
use crate::web::convert::to_js;
use crate::web::draw::chart::PlotLayout;
use crate::web::draw::chart::Surface;
use crate::web::lr::lab::{optimizer_config, LrLabHandle};
use plotters::prelude::*;
use wasm_bindgen::prelude::*;

const X_COLOUR: RGBColor = RGBColor(0, 114, 178);
const Y_COLOUR: RGBColor = RGBColor(213, 94, 0);
const SGD_COLOUR: RGBColor = RGBColor(110, 110, 110);

/// A line of the chart: its legend, its colour and its (step, rate) points.
type Series = (String, RGBColor, Vec<(f64, f64)>);

/// Runs `optimizer` at "yours"'s rate (with the lab's schedule, landscape
/// and start), draws its effective per-coordinate rates against step, and
/// returns `{name, steps, status, first, last, nominal_first, nominal_last}`
/// (`first`/`last`: `[η_x, η_y]` of the first and last step).
#[wasm_bindgen]
pub fn draw_lr_adaptive_chart(
    canvas: JsValue,
    lab: &LrLabHandle,
    optimizer: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] css_width: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] css_height: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] device_pixel_ratio: JsValue,
) -> Result<JsValue, JsError> {
    let config = optimizer_config(&optimizer)?;
    let name = config.name.clone();
    let rates = lab.lab().adaptive(config);
    let surface = Surface::from_js(canvas, &css_width, &css_height, &device_pixel_ratio)?;
    let steps = rates.nominal.len();
    let (mut low, mut high) = (f64::INFINITY, 0.0f64);
    for &v in rates.effective.iter().chain(&rates.nominal) {
        if v.is_finite() && v > 0.0 {
            low = low.min(v);
            high = high.max(v);
        }
    }
    let (low, high) = log_range(low, high);
    let layout = PlotLayout {
        tick_spacing: (100.0, 30.0),
        ..PlotLayout::WIDE
    };
    let chart = surface.step_plot(
        &layout,
        1f64..(steps.max(2) as f64),
        low,
        high,
        "effective step size",
    )?;
    let width = surface.device_width();
    let kept: Vec<usize> = decimated(steps, width).collect();
    let series: [Series; 3] = [
        (
            "SGD: the same η for every coordinate".to_string(),
            SGD_COLOUR,
            kept.iter()
                .map(|&k| (k as f64 + 1.0, rates.nominal[k]))
                .collect(),
        ),
        (
            format!("{name}: x"),
            X_COLOUR,
            kept.iter()
                .map(|&k| (k as f64 + 1.0, rates.effective[2 * k]))
                .collect(),
        ),
        (
            format!("{name}: y"),
            Y_COLOUR,
            kept.iter()
                .map(|&k| (k as f64 + 1.0, rates.effective[2 * k + 1]))
                .collect(),
        ),
    ];
    if let Some(mut chart) = chart {
        for (label, colour, points) in series {
            let points = points
                .into_iter()
                .filter(|(_, v)| v.is_finite() && *v > 0.0)
                .map(|(k, v)| (k, v.clamp(low, high)));
            surface.step_line(&mut chart, points, colour, label)?;
        }
        surface.finish_step_plot(&mut chart, &layout, SeriesLabelPosition::LowerRight)?;
    } else {
        surface.present()?;
    }
    let pair_at = |k: usize| -> serde_json::Value {
        if k < steps {
            numbers(&rates.effective[2 * k..2 * k + 2])
        } else {
            serde_json::Value::Null
        }
    };
    Ok(to_js(&object([
        ("name", name.into()),
        ("steps", steps.into()),
        ("status", rates.status.name().into()),
        ("first", pair_at(0)),
        ("last", pair_at(steps.saturating_sub(1))),
        ("nominal_first", rates.nominal.first().copied().into()),
        ("nominal_last", rates.nominal.last().copied().into()),
    ])))
}
