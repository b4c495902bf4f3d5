//! The schedule chart: the learning rate each panel will use at each step,
//! on a log axis so the four panels' rates (a factor of 100 apart) share
//! one picture and a decay reads as the same shape in each.

use crate::labs::learning_rate::{PANELS, PANEL_NAMES};
use crate::render::axis::{axis_number, log_range};
use crate::render::series::decimated;
use crate::web::convert::number;
use crate::web::draw::chart::{chart_error, hex, Surface, GRID_BOLD, GRID_LIGHT};
use crate::web::lr::lab::LrLabHandle;
use plotters::prelude::*;
use wasm_bindgen::prelude::*;

/// Draws η against step for every panel; `colors` holds one CSS hex colour
/// per panel.
#[wasm_bindgen]
pub fn draw_lr_schedule_chart(
    canvas: JsValue,
    lab: &LrLabHandle,
    colors: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] css_width: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] css_height: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] device_pixel_ratio: JsValue,
) -> Result<(), JsError> {
    let css_width = number(&css_width, "css_width")?;
    let css_height = number(&css_height, "css_height")?;
    let device_pixel_ratio = number(&device_pixel_ratio, "device_pixel_ratio")?;
    let surface = Surface::new(canvas, css_width, css_height, device_pixel_ratio)?;
    let colours = crate::web::draw::canvas::colours(colors);
    let lab = lab.lab();
    let curves: Vec<Vec<f64>> = (0..PANELS)
        .map(|i| lab.schedule_curve(i).unwrap_or_default())
        .collect();
    let (mut low, mut high) = (f64::INFINITY, 0.0f64);
    for &v in curves
        .iter()
        .flatten()
        .filter(|v| v.is_finite() && **v > 0.0)
    {
        low = low.min(v);
        high = high.max(v);
    }
    let (low, high) = log_range(low, high);
    let steps = lab.steps().max(2) as f64;
    let font = surface.font(13.0);
    let mut chart = ChartBuilder::on(&surface.root)
        .margin(surface.px(10.0))
        .x_label_area_size(surface.px(40.0))
        .y_label_area_size(surface.px(60.0))
        .build_cartesian_2d(0f64..steps, (low..high).log_scale())
        .map_err(chart_error)?;
    chart
        .configure_mesh()
        .x_desc("step")
        .y_desc("learning rate η")
        .label_style(font.clone())
        .axis_desc_style(font.clone())
        .y_label_formatter(&|v| axis_number(*v))
        .x_label_formatter(&|v| format!("{v:.0}"))
        .light_line_style(GRID_LIGHT)
        .bold_line_style(GRID_BOLD)
        .draw()
        .map_err(chart_error)?;
    let width = (css_width * surface.dpr).max(1.0);
    for (i, curve) in curves.iter().enumerate() {
        let colour = hex(crate::web::draw::canvas::racer_colour(&colours, i));
        // A rate that overflowed (a huge decay rate, say) is not drawn; the
        // panel that uses it says "diverged".
        let points = decimated(curve.len(), width)
            .filter(|&k| curve[k].is_finite())
            .map(|k| (k as f64, curve[k].max(low)));
        chart
            .draw_series(LineSeries::new(
                points,
                colour.stroke_width(surface.px(2.5).max(1) as u32),
            ))
            .map_err(chart_error)?
            .label(PANEL_NAMES[i])
            .legend(move |(x, y)| {
                PathElement::new(vec![(x, y), (x + 18, y)], colour.stroke_width(3))
            });
    }
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperRight)
        .label_font(font)
        .background_style(WHITE.mix(0.85))
        .border_style(GRID_BOLD)
        .draw()
        .map_err(chart_error)?;
    surface.present()
}
