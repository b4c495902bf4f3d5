//! The learning-rate lab's step charts (a panel's loss, the schedule, the
//! adaptive rates): a value on a log axis against step, with a fine grid
//! and a legend in a white box; the range test's chart shares their
//! legend.

use crate::web::draw::chart::{chart_error, Axis, Plot, PlotLayout, Surface, GRID_BOLD};
use plotters::prelude::*;
use std::ops::Range;
use wasm_bindgen::prelude::*;

/// The lab's layouts: a panel's small loss chart under its landscape,
/// and the wide charts under the panels (schedule, adaptive rates, sweep).
impl PlotLayout {
    pub const PANEL: PlotLayout = PlotLayout {
        margin: [6.0; 4],
        x_area: 30.0,
        y_area: 46.0,
        text: 12.0,
        tick_spacing: (60.0, 18.0),
        ..PlotLayout::WIDE
    };
    pub const WIDE: PlotLayout = PlotLayout {
        margin: [10.0; 4],
        x_area: 40.0,
        y_area: 60.0,
        right_area: 0.0,
        text: 13.0,
        tick_spacing: (100.0, 25.0),
        fine_grid: true,
    };
}

impl Surface {
    /// A plot filling the canvas in `layout`, steps `steps` across and
    /// `low` to `high` up on a log axis, titled `y_title` ("" for none).
    /// `None` when the canvas is too small for one.
    pub fn step_plot(
        &self,
        layout: &PlotLayout,
        steps: Range<f64>,
        low: f64,
        high: f64,
        y_title: &str,
    ) -> Result<Option<Plot<'_>>, JsError> {
        let x = Axis::steps(steps.start, steps.end);
        self.plot_in(layout, x, Axis::log(low, high), "step", y_title)
    }

    /// A line through `points` in `colour`, 2.5 CSS pixels wide, named
    /// `label` in the legend.
    pub fn step_line<I: IntoIterator<Item = (f64, f64)>>(
        &self,
        chart: &mut Plot,
        points: I,
        colour: RGBColor,
        label: impl Into<String>,
    ) -> Result<(), JsError> {
        chart
            .draw_series(LineSeries::new(points, self.stroke(colour, 2.5)))
            .map_err(chart_error)?
            .label(label)
            .legend(rate_swatch(colour));
        Ok(())
    }

    /// The plot's legend in `corner`, at the layout's text size, and the
    /// finished picture shown.
    pub fn finish_step_plot(
        &self,
        chart: &mut Plot,
        layout: &PlotLayout,
        corner: SeriesLabelPosition,
    ) -> Result<(), JsError> {
        rate_legend(chart, corner, self.font(layout.text))?;
        self.present()
    }
}

/// The learning-rate lab's legend: the labelled series in a white box
/// with a grey rim, in `corner`, in `font`.
pub fn rate_legend(
    chart: &mut Plot,
    corner: SeriesLabelPosition,
    font: TextStyle,
) -> Result<(), JsError> {
    chart
        .configure_series_labels()
        .position(corner)
        .label_font(font)
        .background_style(WHITE.mix(0.85))
        .border_style(GRID_BOLD)
        .draw()
        .map_err(chart_error)
}

/// A legend's short line sample in `colour`, as the learning-rate
/// lab's charts draw it.
pub fn rate_swatch(colour: RGBColor) -> impl Fn((i32, i32)) -> PathElement<(i32, i32)> {
    move |(x, y)| PathElement::new(vec![(x, y), (x + 18, y)], colour.stroke_width(3))
}
