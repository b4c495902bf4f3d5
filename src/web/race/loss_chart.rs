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
use crate::web::race::handle::RaceHandle;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use wasm_bindgen::prelude::*;

/// A `#rgb` or `#rrggbb` colour for plotters.
fn parse_hex(colour: &str) -> Option<RGBColor> {
    colour::parse_hex(colour).map(|[r, g, b]| RGBColor(r, g, b))
}

/// About one step label per 70 CSS pixels, at least 2, and no more labels
/// than there are steps to label.
fn x_label_count(css_width: f64, max_step: usize) -> usize {
    ((css_width / 70.0) as usize).clamp(2, 10).min(max_step + 1)
}

/// About one y label per 32 CSS pixels of (scaled) text, 2 to 8.
fn y_label_count(css_height: f64, text_scale: f64) -> usize {
    ((css_height / (32.0 * text_scale.max(1.0))) as usize).clamp(2, 8)
}

/// The chart's CSS size in a 1280×720 window, where text is drawn at its
/// base size.
const SIZE_AT_PROJECTOR: (f64, f64) = (403.0, 228.0);

fn chart_error<E: std::fmt::Display>(e: E) -> JsError {
    JsError::new(&format!("loss chart: {e}"))
}

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
    let (canvas, dpr, _, _) =
        crate::web::convert::sized_canvas(canvas, css_width, css_height, device_pixel_ratio)?;
    let (w, h) = (css_width.min(4096.0), css_height.min(4096.0));
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

    let backend = CanvasBackend::with_canvas_object(canvas)
        .ok_or_else(|| JsError::new("loss chart: cannot draw on this canvas"))?;
    let root = backend.into_drawing_area();
    root.fill(&WHITE).map_err(chart_error)?;
    // Text and lines grow on a projector by the legibility rule, as on the
    // landscape.
    let ink = dpr * text_scale((w, h), SIZE_AT_PROJECTOR, crate::web::convert::viewport());
    let px = |v: f64| (v * ink).round() as i32;
    let font = ("sans-serif", 13.0 * ink)
        .into_font()
        .color(&RGBColor(34, 34, 34));
    let mut chart = ChartBuilder::on(&root)
        .margin(px(10.0))
        .x_label_area_size(px(40.0))
        .y_label_area_size(px(64.0))
        // Steps are whole numbers, so the x axis is an integer axis: a run
        // of 3 steps is labelled 0 1 2 3, not 0 0 0 … 1 from rounded
        // fractions.
        .build_cartesian_2d(0u32..max_step as u32, (low..high).log_scale())
        .map_err(chart_error)?;
    let y_desc = crate::web::draw::chart::gap_axis_name(&gap);
    chart
        .configure_mesh()
        .x_desc("step")
        .y_desc(y_desc)
        .label_style(font.clone())
        .axis_desc_style(font)
        .y_label_formatter(&|v| format!("{v:.0e}"))
        .x_label_formatter(&|v| format!("{v}"))
        .x_labels(x_label_count(w, max_step))
        // About one y label per 32 px of text height: a range inside one
        // decade otherwise gets a label at every 1e1, 2e1, … 9e1, on top
        // of each other, and a grey band of minor lines.
        .y_labels(y_label_count(h, ink / dpr))
        .max_light_lines(2)
        .light_line_style(RGBColor(235, 235, 235))
        .bold_line_style(RGBColor(210, 210, 210))
        .draw()
        .map_err(chart_error)?;

    let (plot_px_w, plot_px_h) = chart.plotting_area().dim_in_pixel();
    let plot_width = (plot_px_w as f64).max(1.0);
    let plot_height = (plot_px_h as f64).max(1.0);
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
            let upper = band.iter().map(|&(k, _, hi)| (k as u32, hi * grow));
            let lower = band.iter().rev().map(|&(k, lo, _)| (k as u32, lo / grow));
            chart
                .draw_series(std::iter::once(Polygon::new(
                    upper.chain(lower).collect::<Vec<_>>(),
                    colour.filled(),
                )))
                .map_err(chart_error)?;
        } else {
            let points = decimated(loss.len(), plot_width).map(|k| (k as u32, gap.of(loss[k])));
            chart
                .draw_series(LineSeries::new(points, colour.stroke_width(px(2.5) as u32)))
                .map_err(chart_error)?;
        }
    }
    root.present().map_err(chart_error)?;
    Ok(())
}
