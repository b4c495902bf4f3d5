//! What every drawing on the canvases shares: the light theme, sizes in CSS
//! pixels scaled by the device pixel ratio, tick placement, number labels,
//! and paths built as one SVG path string so a long trajectory costs one
//! call across the boundary rather than one per point.

use crate::render::colour::series_colour;
use crate::render::polyline::PixelPolyline;
use wasm_bindgen::prelude::*;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, Path2d};

/// Text and axis colour on the light theme.
pub const INK: &str = "#222222";
/// The page background around the plot.
pub const PAPER: &str = "#ffffff";
/// Text size in CSS pixels: readable from the back of a lecture hall.
pub const FONT_PX: f64 = 14.0;

/// The margins around the plot area, in CSS pixels: room for the y labels
/// on the left, the x labels below, and the colour bar on the right.
pub const MARGIN_LEFT: f64 = 62.0;
pub const MARGIN_RIGHT: f64 = 100.0;
pub const MARGIN_TOP: f64 = 26.0;
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

/// The colour for racer `i`: JS's choice, or the engine's palette's.
pub fn racer_colour(colours: &[String], i: usize) -> &str {
    colours
        .get(i)
        .map(String::as_str)
        .filter(|c| !c.trim().is_empty())
        .unwrap_or(series_colour(i))
}

/// A path of straight segments in device pixels, traced onto a canvas
/// context: a `PixelPolyline` (which rounds, drops, thins and clips it)
/// handed to the canvas.
///
/// (Measured in Chromium: one `moveTo`/`lineTo` call per point beats
/// building an SVG path string for `Path2D`, whose parsing costs about three
/// times as much for a long chaotic path.)
pub struct PixelPath {
    line: PixelPolyline,
}

/// Appends a whole number in decimal, without `write!`'s machinery.
fn push_integer(text: &mut String, value: i32) {
    if value < 0 {
        text.push('-');
    }
    let mut digits = [0u8; 10];
    let mut n = value.unsigned_abs();
    let mut k = digits.len();
    loop {
        k -= 1;
        digits[k] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &d in &digits[k..] {
        text.push(d as char);
    }
}

/// Segments per stroke call in `stroke`: Chromium rasterizes several short
/// paths faster than one long self-crossing one (about a third less time
/// for 10⁴ chaotic segments).
const STROKE_CHUNK: usize = 512;

impl PixelPath {
    pub fn new() -> Self {
        PixelPath {
            line: PixelPolyline::new(),
        }
    }

    /// A path that drops points within `tolerance` device pixels of the
    /// last one kept, and segments it has drawn already: for long paths
    /// redrawn every frame.
    pub fn thinned(tolerance: f64) -> Self {
        PixelPath {
            line: PixelPolyline::thinned(tolerance),
        }
    }

    /// Starts a new polyline at `p`.
    pub fn move_to(&mut self, p: [f64; 2]) {
        self.line.move_to(p);
    }

    /// Extends the polyline to `p` (or starts one, after `lift`).
    pub fn line_to(&mut self, p: [f64; 2]) {
        self.line.line_to(p);
    }

    /// Ends the current polyline, so the next `line_to` starts a new one.
    pub fn lift(&mut self) {
        self.line.lift();
    }

    /// The path as a `Path2D`, for drawing it more than once or on several
    /// contexts (the other views use this).
    pub fn build(&self) -> Option<Path2d> {
        let mut text = String::new();
        for (lift, x, y) in self.line.points() {
            text.push(if lift { 'M' } else { 'L' });
            push_integer(&mut text, x);
            text.push(' ');
            push_integer(&mut text, y);
        }
        Path2d::new_with_path_string(&text).ok()
    }

    /// Makes this the context's current path (for `stroke`, as often as
    /// needed). Returns false if there is nothing to draw.
    pub fn trace(&self, ctx: &CanvasRenderingContext2d) -> bool {
        ctx.begin_path();
        let mut any = false;
        for (lift, x, y) in self.line.points() {
            any = true;
            if lift {
                ctx.move_to(x as f64, y as f64);
            } else {
                ctx.line_to(x as f64, y as f64);
            }
        }
        any
    }

    /// How many committed entries the path holds (see `stroke_committed`).
    pub fn committed_len(&self) -> usize {
        self.line.committed().len()
    }

    /// Strokes committed entries `from..to` with the context's current
    /// style, picking the pen up where entry `from − 1` left it, so strokes
    /// of consecutive ranges join as one stroke of the whole would. Returns
    /// the segments drawn.
    pub fn stroke_committed(
        &self,
        ctx: &CanvasRenderingContext2d,
        from: usize,
        to: usize,
    ) -> usize {
        let entries = self.line.committed();
        let to = to.min(entries.len());
        if from >= to {
            return 0;
        }
        ctx.begin_path();
        if from > 0 {
            let (_, x, y) = entries[from - 1];
            ctx.move_to(x as f64, y as f64);
        }
        let (mut count, mut total) = (0, 0);
        let mut pen = None;
        for &(lift, x, y) in &entries[from..to] {
            let (x, y) = (x as f64, y as f64);
            if lift {
                ctx.move_to(x, y);
            } else {
                if count == STROKE_CHUNK {
                    ctx.stroke();
                    ctx.begin_path();
                    if let Some((px, py)) = pen {
                        ctx.move_to(px, py);
                    }
                    count = 0;
                }
                ctx.line_to(x, y);
                count += 1;
                total += 1;
            }
            pen = Some((x, y));
        }
        ctx.stroke();
        total
    }
}

/// Saves `ctx`'s state and clips it to the plot `area`, with round joins
/// and caps for paths; the caller restores it.
pub fn clip_to_plot(ctx: &CanvasRenderingContext2d, area: crate::render::viewport::PlotArea) {
    ctx.save();
    ctx.begin_path();
    ctx.rect(area.left, area.top, area.width, area.height);
    ctx.clip();
    ctx.set_line_join("round");
    ctx.set_line_cap("round");
}
