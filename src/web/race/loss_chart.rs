//! The loss chart: loss against step for every racer, on a log y axis, drawn
//! with plotters. Log scale shows what matters in optimisation: how many
//! orders of magnitude each racer has gained, and when it stalls.
//!
//! The y axis is the gap to the landscape's global minimum, J − J*, so that
//! landscapes whose minimum is negative (the lecture's, the camel's) still
//! fit a log axis. J* is the known global minimum's loss, or the lowest loss
//! recorded if that is lower or there is none.

use crate::render::axis::text_scale;
use crate::render::colour;
use crate::render::series::{decimated, envelope};
use crate::run::gap::LossGap;
use crate::web::convert::number;
use crate::web::draw::canvas::{colours, racer_colour};
use crate::web::draw::chart::{chart_error, Axis, PlotLayout, Surface};
use crate::web::race::handle::RaceHandle;
use plotters::prelude::*;
use wasm_bindgen::prelude::*;

/// A `#rgb` or `#rrggbb` colour for plotters.
fn parse_hex(colour: &str) -> Option<RGBColor> {
    colour::parse_hex(colour).map(|[r, g, b]| RGBColor(r, g, b))
}

/// The chart's layout: about one step label per 70 CSS pixels and one loss
/// label per 32 of (scaled) text.
const LAYOUT: PlotLayout = PlotLayout {
    y_area: 64.0,
    tick_spacing: (70.0, 32.0),
    ..PlotLayout::WIDE
};

/// The chart's CSS size in a 1280×720 window, where text is drawn at its
/// base size.
const SIZE_AT_PROJECTOR: (f64, f64) = (403.0, 228.0);

/// Draws the loss chart of `race` on `canvas`, sized `css × dpr` device
/// pixels; `colors` holds one CSS hex colour per racer.
#[wasm_bindgen]
pub fn draw_loss_chart(
    canvas: JsValue,
    race: &RaceHandle,
    colors: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] css_width: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] css_height: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] device_pixel_ratio: JsValue,
) -> Result<(), JsError> {
    let css_width = number(&css_width, "css_width")?;
    let css_height = number(&css_height, "css_height")?;
    let device_pixel_ratio = number(&device_pixel_ratio, "device_pixel_ratio")?;
    let mut surface = Surface::new(canvas, css_width, css_height, device_pixel_ratio)?;
    let (w, h) = (css_width.min(4096.0), css_height.min(4096.0));
    // Text and lines grow on a projector as the landscape's do, by the
    // canvas's own growth as well as the viewport's.
    surface.ink =
        surface.dpr * text_scale((w, h), SIZE_AT_PROJECTOR, crate::web::convert::viewport());
    let colours = colours(colors);
    let race = race.race();
    let racers = race.racers();

    let lowest = racers
        .iter()
        .flat_map(|t| t.loss().iter().copied())
        .fold(f64::INFINITY, f64::min);
    let gap = LossGap::new(race.landscape(), lowest);
    let (low, high) = gap.range(racers.iter().flat_map(|t| t.loss()));
    let max_step = racers
        .iter()
        .map(|t| t.loss().len().saturating_sub(1))
        .fold(1, usize::max);
    let (low, high) = (low / 2.0, (high * 2.0).max(low * 10.0));
    let y_title = crate::web::draw::chart::gap_axis_name(&gap);
    let Some(mut chart) = surface.plot_in(
        &LAYOUT,
        Axis::steps(0.0, max_step as f64),
        Axis::log(low, high),
        "step",
        &y_title,
    )?
    else {
        return surface.present();
    };
    let (plot_px_w, plot_px_h) = chart.plotting_area().dim_in_pixel();
    let plot_width = (plot_px_w as f64).max(1.0);
    let plot_height = (plot_px_h as f64).max(1.0);
    let ink = surface.ink;
    for (i, t) in racers.iter().enumerate() {
        let loss = t.loss();
        let colour = parse_hex(racer_colour(&colours, i))
            .or_else(|| parse_hex(colour::series_colour(i)))
            .unwrap_or(BLACK);
        // A run with more points than every other pixel is drawn as the
        // band its values fill, two pixels at a time (see `envelope`), at least
        // a line's width thick: a smooth run looks the same as a line, and
        // a chaotic one (SGD on rastrigin) no longer zig-zags across the
        // whole plot at every pixel, which took the canvas tens of ms to
        // rasterize on each redraw. A polygon's fill costs its area.
        if let Some(band) = envelope(loss.len(), plot_width / 2.0, |k| gap.of(loss[k])) {
            let grow = (high / low).powf(1.25 * ink / plot_height);
            let upper = band.iter().map(|&(k, _, hi)| (k as f64, hi * grow));
            let lower = band.iter().rev().map(|&(k, lo, _)| (k as f64, lo / grow));
            chart
                .draw_series(std::iter::once(Polygon::new(
                    upper.chain(lower).collect::<Vec<_>>(),
                    colour.filled(),
                )))
                .map_err(chart_error)?;
        } else {
            let points = decimated(loss.len(), plot_width).map(|k| (k as f64, gap.of(loss[k])));
            chart
                .draw_series(LineSeries::new(points, surface.stroke(colour, 2.5)))
                .map_err(chart_error)?;
        }
    }
    surface.present()
}
