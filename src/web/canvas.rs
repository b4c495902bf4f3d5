//! What every drawing on the canvases shares: the light theme, sizes in CSS
//! pixels scaled by the device pixel ratio, tick placement, number labels,
//! and paths built as one SVG path string so a long trajectory costs one
//! call across the boundary rather than one per point.

use std::fmt::Write;
use wasm_bindgen::prelude::*;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, Path2d};

/// Text and axis colour on the light theme.
pub const INK: &str = "#222222";
/// The page background around the plot.
pub const PAPER: &str = "#ffffff";
/// Okabe–Ito, the colour-blind-safe palette, for racers JS gave no colour.
pub const PALETTE: [&str; 8] = [
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000",
];
/// Text size in CSS pixels: readable from the back of a lecture hall.
pub const FONT_PX: f64 = 14.0;

/// The margins around the plot area, in CSS pixels: room for the y labels
/// on the left, the x labels below, and the colour bar on the right.
pub const MARGIN_LEFT: f64 = 62.0;
pub const MARGIN_RIGHT: f64 = 100.0;
pub const MARGIN_TOP: f64 = 14.0;
pub const MARGIN_BOTTOM: f64 = 48.0;

pub fn context(canvas: &HtmlCanvasElement) -> Result<CanvasRenderingContext2d, JsError> {
    canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok())
        .ok_or_else(|| JsError::new("canvas: cannot get a 2d context"))
}

pub fn font(dpr: f64) -> String {
    format!("{}px system-ui, sans-serif", (FONT_PX * dpr).round())
}

/// JS's array of CSS colours; anything else counts as no colours.
pub fn colours(value: JsValue) -> Vec<String> {
    value
        .dyn_into::<js_sys::Array>()
        .map(|a| {
            a.iter()
                .map(|c| c.as_string().unwrap_or_default())
                .collect()
        })
        .unwrap_or_default()
}

/// The colour for racer `i`: JS's choice, or the palette's.
pub fn racer_colour(colours: &[String], i: usize) -> &str {
    colours
        .get(i)
        .map(String::as_str)
        .filter(|c| !c.trim().is_empty())
        .unwrap_or(PALETTE[i % PALETTE.len()])
}

/// Round tick values in `[low, high]`, about `count` of them, with the
/// number of decimals their labels need.
pub fn ticks(low: f64, high: f64, count: f64) -> (Vec<f64>, usize) {
    let range = high - low;
    if !(range.is_finite() && range > 0.0 && count >= 1.0) {
        return (Vec::new(), 0);
    }
    let rough = range / count;
    let magnitude = 10f64.powf(rough.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= rough)
        .unwrap_or(10.0 * magnitude);
    let decimals = (-step.log10().floor()).clamp(0.0, 12.0) as usize;
    let first = (low / step).ceil();
    let mut values = Vec::new();
    let mut k = 0.0;
    while values.len() < 50 {
        let v = (first + k) * step;
        if v > high + step * 1e-9 {
            break;
        }
        // Snap −0 and rounding noise to the round value.
        values.push(if v.abs() < step * 1e-9 { 0.0 } else { v });
        k += 1.0;
    }
    (values, decimals)
}

/// A label with a typographic minus.
pub fn label(text: String) -> String {
    text.replace('-', "−")
}

/// A loss value for the colour bar: three significant digits, scientific
/// when very large or very small.
pub fn loss_label(v: f64) -> String {
    let a = v.abs();
    let text = if v == 0.0 {
        "0".to_string()
    } else if !(1e-3..1e5).contains(&a) {
        format!("{v:.1e}")
    } else {
        format!("{}", crate::heatmap::round_to_significant(v, 3))
    };
    label(text)
}

/// A path of straight segments in device pixels, built as an SVG path
/// string and handed to the canvas in one call. Points are rounded to whole
/// device pixels, and a point on the same pixel as the previous one is
/// dropped, so a converged run of 10 000 steps costs a handful of points.
pub struct PixelPath {
    text: String,
    last: Option<(i32, i32)>,
}

impl PixelPath {
    pub fn new() -> Self {
        PixelPath {
            text: String::new(),
            last: None,
        }
    }

    fn snap(p: [f64; 2]) -> (i32, i32) {
        // Far off-screen points are pulled in: their segment still leaves
        // the plot in the right direction, and the canvas gets sane numbers.
        let c = |v: f64| v.clamp(-1e6, 1e6).round() as i32;
        (c(p[0]), c(p[1]))
    }

    pub fn move_to(&mut self, p: [f64; 2]) {
        let q = Self::snap(p);
        let _ = write!(self.text, "M{} {}", q.0, q.1);
        self.last = Some(q);
    }

    pub fn line_to(&mut self, p: [f64; 2]) {
        let q = Self::snap(p);
        if self.last == Some(q) {
            return;
        }
        if self.last.is_none() {
            let _ = write!(self.text, "M{} {}", q.0, q.1);
        } else {
            let _ = write!(self.text, "L{} {}", q.0, q.1);
        }
        self.last = Some(q);
    }

    /// Ends the current polyline, so the next `line_to` starts a new one.
    pub fn lift(&mut self) {
        self.last = None;
    }

    pub fn build(&self) -> Option<Path2d> {
        Path2d::new_with_path_string(&self.text).ok()
    }
}
