//! One axis of every chart as a plotters coordinate (`Axis`), and how a
//! chart is laid out (`PlotLayout`). One coordinate type for every chart
//! keeps plotters's generic mesh and series code in the wasm once.

use crate::render::axis::{axis_number, Scale};
use plotters::coord::ranged1d::{KeyPointHint, NoDefaultFormatting, Ranged, ValueFormatter};
use std::ops::Range;

/// How a chart is laid out, in CSS pixels (grown by the surface's ink).
#[derive(Clone, Copy, Debug)]
pub struct PlotLayout {
    /// Room outside the plot: left, right, top, bottom.
    pub margin: [f64; 4],
    /// Room for the x axis's labels and title, below the plot.
    pub x_area: f64,
    /// Room for the y axis's labels and title, left of the plot.
    pub y_area: f64,
    /// Room for a second y axis on the right (`Surface::dual_plot_in`);
    /// 0 for none.
    pub right_area: f64,
    /// Tick labels and titles.
    pub text: f64,
    /// About one tick every this many pixels across and up.
    pub tick_spacing: (f64, f64),
    /// A light grid between the ticks, under darker lines at them (the
    /// learning-rate lab's and the race's charts), instead of light lines
    /// at the ticks only.
    pub fine_grid: bool,
}

impl PlotLayout {
    /// The training, mini-batch and backprop charts.
    pub const STANDARD: PlotLayout = PlotLayout {
        margin: [4.0, 22.0, 12.0, 4.0],
        x_area: 40.0,
        y_area: 62.0,
        right_area: 0.0,
        text: 13.0,
        tick_spacing: (80.0, 45.0),
        fine_grid: false,
    };
}

/// One axis of a plot on the project's scales (`render::axis::Scale`,
/// linear or log) as a plotters coordinate: the grid, the ticks and their
/// labels are `Scale::ticks`, so a linear and a log axis are drawn by the
/// same code and read like the landscape's.
#[derive(Clone, Debug)]
pub struct Axis {
    scale: Scale,
    /// Ticks at whole numbers only, labelled without decimals: an axis of
    /// steps, where a run of 3 steps reads 0 1 2 3.
    whole: bool,
    ticks: Vec<(f64, String)>,
    /// The light grid's values (`Scale::minor_ticks`); empty for none.
    minor: Vec<f64>,
}

impl Axis {
    pub fn linear(low: f64, high: f64) -> Self {
        Axis {
            scale: Scale::linear(low, high),
            whole: false,
            ticks: Vec::new(),
            minor: Vec::new(),
        }
    }

    /// A log axis; a range that is not positive becomes one that can be
    /// drawn, as `Scale::log` says.
    pub fn log(low: f64, high: f64) -> Self {
        Axis {
            scale: Scale::log(low, high),
            whole: false,
            ticks: Vec::new(),
            minor: Vec::new(),
        }
    }

    /// A linear axis of steps from `low` to `high`: whole-number ticks.
    pub fn steps(low: f64, high: f64) -> Self {
        Axis {
            whole: true,
            ..Axis::linear(low, high)
        }
    }

    /// About `count` ticks, and a light grid between them if `minor` and
    /// the axis's `pixels` have room for one.
    pub(crate) fn ticked(mut self, count: f64, minor: bool, pixels: f64) -> Self {
        // A step axis asks for no more ticks than it has steps.
        let span = self.scale.high - self.scale.low;
        let count = if self.whole {
            count.min(span.max(1.0))
        } else {
            count
        };
        self.ticks = self.scale.axis_ticks(count);
        if minor {
            self.minor = self.scale.minor_ticks(&self.ticks, pixels);
        }
        if self.whole {
            self.ticks.retain(|(v, _)| v.fract() == 0.0);
            for (v, text) in &mut self.ticks {
                *text = format!("{v:.0}");
            }
            self.minor.retain(|v| v.fract() == 0.0);
        }
        self
    }

    /// Whether `v` lies on the axis (ends included).
    pub fn holds(&self, v: f64) -> bool {
        v >= self.scale.low && v <= self.scale.high
    }

    /// The axis's ends, `[low, high]`.
    pub fn ends(&self) -> [f64; 2] {
        [self.scale.low, self.scale.high]
    }
}

impl Ranged for Axis {
    type FormatOption = NoDefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        // Far off the scale (0 on a log axis, say) is still a pixel the
        // canvas can take.
        let f = self.scale.fraction(*value).clamp(-10.0, 11.0);
        (f64::from(limit.0) + f * f64::from(limit.1 - limit.0)).round() as i32
    }

    fn key_points<H: KeyPointHint>(&self, hint: H) -> Vec<f64> {
        // The light grid, if the plot has one (plotters draws the bold
        // lines over it), then the labelled ticks.
        if hint.weight().allow_light_points() {
            return self.minor.clone();
        }
        self.ticks.iter().map(|(v, _)| *v).collect()
    }

    fn range(&self) -> Range<f64> {
        self.scale.low..self.scale.high
    }
}

impl ValueFormatter<f64> for Axis {
    fn format_ext(&self, value: &f64) -> String {
        self.ticks
            .iter()
            .find(|(v, _)| v == value)
            .map_or_else(|| axis_number(*value), |(_, text)| text.clone())
    }
}
