//! The learning-rate lab's step charts (a panel's loss, the schedule, the
//! adaptive rates): a value on a log axis against step, with plotters's own
//! mesh and a legend in a white box, as they have always looked; the range
//! test's chart shares their legend.

use crate::render::axis::axis_number;
use crate::web::draw::chart::{chart_error, Surface, GRID_BOLD, GRID_LIGHT};
use plotters::coord::ranged1d::Ranged;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use std::ops::Range;
use wasm_bindgen::prelude::*;

/// A chart of a value on a log axis against step, as the learning-rate
/// lab's panels, schedule and adaptive charts draw it.
pub type StepPlot<'a> = ChartContext<'a, CanvasBackend, Cartesian2d<RangedCoordf64, LogCoord<f64>>>;

/// How a `StepPlot` is laid out: room in CSS pixels, its text size, the
/// y axis's title and about how many labels each axis gets (plotters's own
/// default is `StepLayout::PLOTTERS_LABELS`).
pub struct StepLayout<'a> {
    pub margin: f64,
    pub x_area: f64,
    pub y_area: f64,
    pub text: f64,
    pub y_title: Option<&'a str>,
    pub labels: (usize, usize),
}

impl StepLayout<'_> {
    pub const PLOTTERS_LABELS: usize = 11;
}

impl Surface {
    /// A `StepPlot` filling the canvas, steps `steps` across and `low` to
    /// `high` up on a log axis, with its grid, step labels as whole numbers
    /// and rates as `axis_number` writes them. Draw the series on it.
    pub fn step_plot(
        &self,
        layout: &StepLayout,
        steps: Range<f64>,
        low: f64,
        high: f64,
    ) -> Result<StepPlot<'_>, JsError> {
        let font = self.font(layout.text);
        let rate_label = |v: &f64| axis_number(*v);
        let step_label = |v: &f64| format!("{v:.0}");
        let mut chart = ChartBuilder::on(&self.root)
            .margin(self.px(layout.margin))
            .x_label_area_size(self.px(layout.x_area))
            .y_label_area_size(self.px(layout.y_area))
            .build_cartesian_2d(steps, (low..high).log_scale())
            .map_err(chart_error)?;
        let mut mesh = chart.configure_mesh();
        mesh.x_desc("step");
        if let Some(title) = layout.y_title {
            mesh.y_desc(title);
        }
        mesh.label_style(font.clone())
            .axis_desc_style(font)
            .x_labels(layout.labels.0)
            .y_labels(layout.labels.1)
            .y_label_formatter(&rate_label)
            .x_label_formatter(&step_label)
            .light_line_style(GRID_LIGHT)
            .bold_line_style(GRID_BOLD)
            .draw()
            .map_err(chart_error)?;
        Ok(chart)
    }

    /// A line through `points` in `colour` on a `StepPlot`, 2.5 CSS pixels
    /// wide, named `label` in the legend.
    pub fn step_line<I: IntoIterator<Item = (f64, f64)>>(
        &self,
        chart: &mut StepPlot,
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

    /// A `StepPlot`'s legend in `corner`, at the plot's text size, and the
    /// finished picture shown.
    pub fn finish_step_plot(
        &self,
        chart: &mut StepPlot,
        layout: &StepLayout,
        corner: SeriesLabelPosition,
    ) -> Result<(), JsError> {
        rate_legend(chart, corner, self.font(layout.text))?;
        self.present()
    }
}

/// The learning-rate lab's legend: the labelled series in a white box
/// with a grey rim, in `corner`, in `font`.
pub fn rate_legend<X: Ranged, Y: Ranged>(
    chart: &mut ChartContext<'_, CanvasBackend, Cartesian2d<X, Y>>,
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
