//! Adaptive learning rates, shown: the step size each coordinate actually
//! got at each step, read from the optimizer's own state, beside the single
//! η that plain SGD gives every coordinate.

use crate::render::axis::{axis_number, log_range};
use crate::render::series::decimated;
use crate::web::convert::{number, to_js};
use crate::web::draw::chart::{chart_error, Surface, GRID_BOLD, GRID_LIGHT};
use crate::web::lr::lab::{optimizer_config, LrLabHandle};
use plotters::prelude::*;
use serde_json::json;
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
    let css_width = number(&css_width, "css_width")?;
    let css_height = number(&css_height, "css_height")?;
    let device_pixel_ratio = number(&device_pixel_ratio, "device_pixel_ratio")?;
    let config = optimizer_config(&optimizer)?;
    let name = config.name.clone();
    let rates = lab.lab().adaptive(config);
    let surface = Surface::new(canvas, css_width, css_height, device_pixel_ratio)?;
    let steps = rates.nominal.len();
    let (mut low, mut high) = (f64::INFINITY, 0.0f64);
    for &v in rates.effective.iter().chain(&rates.nominal) {
        if v.is_finite() && v > 0.0 {
            low = low.min(v);
            high = high.max(v);
        }
    }
    let (low, high) = log_range(low, high);
    let font = surface.font(13.0);
    let mut chart = ChartBuilder::on(&surface.root)
        .margin(surface.px(10.0))
        .x_label_area_size(surface.px(40.0))
        .y_label_area_size(surface.px(60.0))
        .build_cartesian_2d(1f64..(steps.max(2) as f64), (low..high).log_scale())
        .map_err(chart_error)?;
    chart
        .configure_mesh()
        .x_desc("step")
        .y_desc("effective step size")
        .y_labels(5)
        .label_style(font.clone())
        .axis_desc_style(font.clone())
        .y_label_formatter(&|v| axis_number(*v))
        .x_label_formatter(&|v| format!("{v:.0}"))
        .light_line_style(GRID_LIGHT)
        .bold_line_style(GRID_BOLD)
        .draw()
        .map_err(chart_error)?;
    let width = (css_width * surface.dpr).max(1.0);
    let kept: Vec<usize> = decimated(steps, width).collect();
    let line = |colour: RGBColor, w: f64| colour.stroke_width(surface.px(w).max(1) as u32);
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
    for (label, colour, points) in series {
        let points = points
            .into_iter()
            .filter(|(_, v)| v.is_finite() && *v > 0.0)
            .map(|(k, v)| (k, v.clamp(low, high)));
        chart
            .draw_series(LineSeries::new(points, line(colour, 2.5)))
            .map_err(chart_error)?
            .label(label)
            .legend(move |(x, y)| {
                PathElement::new(vec![(x, y), (x + 18, y)], colour.stroke_width(3))
            });
    }
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::LowerRight)
        .label_font(font)
        .background_style(WHITE.mix(0.85))
        .border_style(GRID_BOLD)
        .draw()
        .map_err(chart_error)?;
    surface.present()?;
    let pair_at = |k: usize| -> serde_json::Value {
        if k < steps {
            json!([rates.effective[2 * k], rates.effective[2 * k + 1]])
        } else {
            serde_json::Value::Null
        }
    };
    Ok(to_js(&json!({
        "name": name,
        "steps": steps,
        "status": rates.status.name(),
        "first": pair_at(0),
        "last": pair_at(steps.saturating_sub(1)),
        "nominal_first": rates.nominal.first(),
        "nominal_last": rates.nominal.last(),
    })))
}
