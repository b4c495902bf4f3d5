//! A panel's loss curve: J − J* against step on a log axis, under its
//! landscape. All four panels share J*, so their curves compare.

use crate::render::series::decimated;
use crate::run::gap::LossGap;
use crate::web::convert::number;
use crate::web::draw::chart::PlotLayout;
use crate::web::draw::chart::{chart_error, hex, Surface};
use crate::web::lr::lab::{panel_index, LrLabHandle};
use plotters::prelude::*;
use wasm_bindgen::prelude::*;

/// Draws panel `i`'s loss against step on `canvas` (`css × dpr` pixels).
#[wasm_bindgen]
pub fn draw_lr_loss_chart(
    canvas: JsValue,
    lab: &LrLabHandle,
    #[wasm_bindgen(unchecked_param_type = "number")] i: JsValue,
    colour: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] css_width: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] css_height: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] device_pixel_ratio: JsValue,
) -> Result<(), JsError> {
    let i = number(&i, "i")?;
    let i = panel_index(i)?;
    let colour = crate::web::convert::string(&colour, "colour")?;
    let colour = colour.as_str();
    let surface = Surface::from_js(canvas, &css_width, &css_height, &device_pixel_ratio)?;
    let lab = lab.lab();
    let lowest = (0..crate::labs::learning_rate::PANELS)
        .filter_map(|k| lab.panel(k).ok())
        .flat_map(|t| t.loss().iter().copied())
        .fold(f64::INFINITY, f64::min);
    let gap = LossGap::new(lab.landscape(), lowest);
    let t = lab.panel(i).map_err(crate::web::convert::error)?;
    let loss = t.loss();
    let (mut low, mut high) = (f64::INFINITY, 0.0f64);
    for &j in loss {
        low = low.min(gap.of(j));
        high = high.max(gap.of(j));
    }
    let (low, high) = crate::render::axis::log_range(low, high);
    let steps = (loss.len().saturating_sub(1)).max(10) as f64;
    let Some(mut chart) = surface.step_plot(&PlotLayout::PANEL, 0f64..steps, low, high, "")? else {
        return surface.present();
    };
    let width = surface.device_width();
    let points = decimated(loss.len(), width).map(|k| (k as f64, gap.of(loss[k])));
    chart
        .draw_series(LineSeries::new(
            points,
            hex(colour).stroke_width(surface.px(2.0).max(1) as u32),
        ))
        .map_err(chart_error)?;
    surface.present()
}
