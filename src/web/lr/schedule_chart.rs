//! The schedule chart: the learning rate each panel will use at each step,
//! on a log axis so the four panels' rates (a factor of 100 apart) share
//! one picture and a decay reads as the same shape in each.

use crate::labs::learning_rate::{PANELS, PANEL_NAMES};
use crate::render::axis::log_range;
use crate::render::series::decimated;
use crate::web::draw::chart::PlotLayout;
use crate::web::draw::chart::{hex, Surface};
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
    let surface = Surface::from_js(canvas, &css_width, &css_height, &device_pixel_ratio)?;
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
    let layout = PlotLayout::WIDE;
    let Some(mut chart) = surface.step_plot(&layout, 0f64..steps, low, high, "learning rate η")?
    else {
        return surface.present();
    };
    let width = surface.device_width();
    for (i, curve) in curves.iter().enumerate() {
        let colour = hex(crate::web::draw::canvas::racer_colour(&colours, i));
        // A rate that overflowed (a huge decay rate, say) is not drawn; the
        // panel that uses it says "diverged".
        let points = decimated(curve.len(), width)
            .filter(|&k| curve[k].is_finite())
            .map(|k| (k as f64, curve[k].max(low)));
        surface.step_line(&mut chart, points, colour, PANEL_NAMES[i])?;
    }
    surface.finish_step_plot(&mut chart, &layout, SeriesLabelPosition::UpperRight)
}
