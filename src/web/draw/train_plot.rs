//! The hand-drawn part of the chart kit, kept for what plotters cannot do
//! well: the training view's fit picture (`web::train::fit`). Its decision
//! boundary is an RGBA picture blitted with one `putImageData` under axes
//! that must sit exactly on it, and its hundreds of data points are circles
//! and diamonds filled as one `Path2D` per colour; through plotters-canvas
//! the picture would be drawn pixel by pixel and each mark would be a
//! canvas call. The network diagram (`web::train::network`) draws on the
//! same `Surface`. Every other chart is drawn with plotters
//! (`web::draw::chart`).
//!
//! Here: a canvas prepared for drawing, a plot rectangle with a scale on
//! each axis (its frame, ticks, labels and a polyline), the marks, and the
//! fit's legend box.

pub use crate::render::axis::Scale;
use crate::web::draw::canvas::{context, font, INK, PAPER};
use wasm_bindgen::prelude::*;
use web_sys::CanvasRenderingContext2d;

/// A canvas prepared for drawing: sized to `css × dpr` device pixels,
/// cleared to the paper colour.
pub struct Surface {
    pub ctx: CanvasRenderingContext2d,
    pub width: f64,
    pub height: f64,
    /// Device pixels per CSS pixel of text and strokes: the ratio, grown
    /// by the legibility rule on a projector.
    pub dpr: f64,
}

impl Surface {
    pub fn new(
        canvas: JsValue,
        css_width: f64,
        css_height: f64,
        dpr: f64,
    ) -> Result<Self, JsError> {
        let (canvas, dpr, pw, ph) =
            crate::web::convert::sized_canvas(canvas, css_width, css_height, dpr)?;
        let (pw, ph) = (pw as f64, ph as f64);
        let ctx = context(&canvas)?;
        ctx.set_fill_style_str(PAPER);
        ctx.fill_rect(0.0, 0.0, pw, ph);
        Ok(Surface {
            ctx,
            width: pw,
            height: ph,
            // Text and strokes grow on a projector by the legibility rule.
            dpr: dpr * crate::render::axis::legible_scale(crate::web::convert::viewport()),
        })
    }

    /// `v` CSS pixels in device pixels.
    pub fn px(&self, v: f64) -> f64 {
        v * self.dpr
    }
}

/// A plot rectangle (device pixels) with its two scales.
pub struct Axes {
    pub left: f64,
    pub top: f64,
    pub width: f64,
    pub height: f64,
    pub x: Scale,
    pub y: Scale,
}

impl Axes {
    /// The plot rectangle inside a surface, leaving room for labels.
    pub fn inside(s: &Surface, x: Scale, y: Scale) -> Self {
        let (left, right, top, bottom) = (s.px(68.0), s.px(22.0), s.px(12.0), s.px(40.0));
        Axes {
            left,
            top,
            width: (s.width - left - right).max(1.0),
            height: (s.height - top - bottom).max(1.0),
            x,
            y,
        }
    }

    /// Data to device pixels, clamped a little beyond the frame so that
    /// off-scale points still draw as lines leaving it.
    pub fn at(&self, x: f64, y: f64) -> [f64; 2] {
        let fx = self.x.fraction(x).clamp(-0.05, 1.05);
        let fy = self.y.fraction(y).clamp(-0.05, 1.05);
        [
            self.left + fx * self.width,
            self.top + (1.0 - fy) * self.height,
        ]
    }

    /// Clips later drawing to the frame; pair with `ctx.restore()`.
    pub fn clip(&self, ctx: &CanvasRenderingContext2d) {
        ctx.save();
        ctx.begin_path();
        ctx.rect(self.left, self.top, self.width, self.height);
        ctx.clip();
    }

    /// Frame, grid, ticks and axis titles.
    pub fn draw(&self, s: &Surface, x_title: &str, y_title: &str) {
        let ctx = &s.ctx;
        ctx.set_font(&font(s.dpr * 0.9));
        ctx.set_line_width(s.px(1.0));
        let tick = s.px(5.0);
        ctx.set_text_align("center");
        ctx.set_text_baseline("top");
        for (v, text) in self.x.axis_ticks(self.width / s.px(80.0)) {
            let [px, _] = self.at(v, self.y.low);
            ctx.set_stroke_style_str("#e4e4e4");
            ctx.begin_path();
            ctx.move_to(px, self.top);
            ctx.line_to(px, self.top + self.height);
            ctx.stroke();
            ctx.set_stroke_style_str(INK);
            ctx.begin_path();
            ctx.move_to(px, self.top + self.height);
            ctx.line_to(px, self.top + self.height + tick);
            ctx.stroke();
            ctx.set_fill_style_str(INK);
            let _ = ctx.fill_text(&text, px, self.top + self.height + tick + s.px(1.0));
        }
        ctx.set_text_align("right");
        ctx.set_text_baseline("middle");
        for (v, text) in self.y.axis_ticks(self.height / s.px(45.0)) {
            let [_, py] = self.at(self.x.low, v);
            ctx.set_stroke_style_str("#e4e4e4");
            ctx.begin_path();
            ctx.move_to(self.left, py);
            ctx.line_to(self.left + self.width, py);
            ctx.stroke();
            ctx.set_stroke_style_str(INK);
            ctx.begin_path();
            ctx.move_to(self.left - tick, py);
            ctx.line_to(self.left, py);
            ctx.stroke();
            let _ = ctx.fill_text(&text, self.left - tick - s.px(2.0), py);
        }
        ctx.set_stroke_style_str(INK);
        ctx.stroke_rect(self.left, self.top, self.width, self.height);
        ctx.set_text_align("center");
        ctx.set_text_baseline("bottom");
        let _ = ctx.fill_text(x_title, self.left + self.width / 2.0, s.height - s.px(2.0));
        ctx.save();
        let _ = ctx.translate(s.px(12.0), self.top + self.height / 2.0);
        let _ = ctx.rotate(-std::f64::consts::FRAC_PI_2);
        ctx.set_text_baseline("middle");
        let _ = ctx.fill_text(y_title, 0.0, 0.0);
        ctx.restore();
    }

    /// A polyline through `(x, y)` points, skipping non-finite ones.
    pub fn line(
        &self,
        ctx: &CanvasRenderingContext2d,
        points: impl Iterator<Item = (f64, f64)>,
        colour: &str,
        width: f64,
    ) {
        let mut path = crate::web::draw::canvas::PixelPath::new();
        for (x, y) in points {
            if x.is_finite() && y.is_finite() {
                path.line_to(self.at(x, y));
            } else {
                path.lift();
            }
        }
        let Some(p) = path.build() else { return };
        ctx.set_stroke_style_str(colour);
        ctx.set_line_width(width);
        ctx.set_line_join("round");
        ctx.stroke_with_path(&p);
    }
}

/// Many same-looking marks (circles or diamonds) as one SVG path, so a
/// scatter of thousands of points costs a fill and a stroke, not thousands
/// of canvas calls across the wasm boundary.
pub struct Marks {
    text: String,
    diamond: bool,
    r: f64,
}

impl Marks {
    pub fn circles(r: f64) -> Self {
        Marks {
            text: String::new(),
            diamond: false,
            r,
        }
    }

    pub fn diamonds(r: f64) -> Self {
        Marks {
            text: String::new(),
            diamond: true,
            r,
        }
    }

    /// No marks yet, of the same shape and size.
    pub fn empty_like(&self) -> Self {
        Marks {
            text: String::new(),
            diamond: self.diamond,
            r: self.r,
        }
    }

    /// A mark centred on the device pixel (x, y); non-finite ones are skipped.
    pub fn add(&mut self, [x, y]: [f64; 2]) {
        use std::fmt::Write;
        if !(x.is_finite() && y.is_finite()) {
            return;
        }
        let r = self.r;
        let _ = if self.diamond {
            write!(
                self.text,
                "M{:.1} {:.1}L{:.1} {:.1}L{:.1} {:.1}L{:.1} {:.1}Z",
                x,
                y - r,
                x + r,
                y,
                x,
                y + r,
                x - r,
                y
            )
        } else {
            write!(
                self.text,
                "M{:.1} {:.1}A{r:.1} {r:.1} 0 1 0 {:.1} {:.1}A{r:.1} {r:.1} 0 1 0 {:.1} {:.1}Z",
                x + r,
                y,
                x - r,
                y,
                x + r,
                y
            )
        };
    }

    /// Fills the marks, and rims them when `rim` is given.
    pub fn draw(&self, ctx: &CanvasRenderingContext2d, fill: &str, rim: Option<(&str, f64)>) {
        if self.text.is_empty() {
            return;
        }
        let Ok(path) = web_sys::Path2d::new_with_path_string(&self.text) else {
            return;
        };
        ctx.set_fill_style_str(fill);
        ctx.fill_with_path_2d(&path);
        if let Some((colour, width)) = rim {
            ctx.set_stroke_style_str(colour);
            ctx.set_line_width(width);
            ctx.stroke_with_path(&path);
        }
    }
}

/// A legend row: its mark (`"line"`, `"circle"` or `"diamond"`), its text,
/// and the mark's fill and rim colours.
pub type LegendItem<'a> = (&'a str, &'a str, &'a str, &'a str);

/// A legend box in the plot's bottom-right corner (where the regression
/// data sets leave room).
pub fn legend_bottom_right(s: &Surface, axes: &Axes, items: &[LegendItem]) {
    let ctx = &s.ctx;
    ctx.set_font(&font(s.dpr * 0.85));
    let row = s.px(18.0);
    let width = items
        .iter()
        .map(|(_, text, ..)| text_width(s, text))
        .fold(0.0, f64::max)
        + s.px(38.0);
    let height = row * items.len() as f64 + s.px(6.0);
    let x0 = axes.left + axes.width - width - s.px(6.0);
    let y0 = axes.top + axes.height - height - s.px(6.0);
    ctx.set_fill_style_str("rgba(255,255,255,0.88)");
    ctx.fill_rect(x0, y0, width, height);
    ctx.set_text_align("left");
    ctx.set_text_baseline("middle");
    for (k, (shape, text, fill, rim)) in items.iter().enumerate() {
        let y = y0 + s.px(3.0) + row * (k as f64 + 0.5);
        let x = x0 + s.px(14.0);
        ctx.begin_path();
        match *shape {
            "line" => {
                ctx.move_to(x - s.px(9.0), y);
                ctx.line_to(x + s.px(9.0), y);
                ctx.set_stroke_style_str(fill);
                ctx.set_line_width(s.px(2.5));
                ctx.stroke();
            }
            shape => {
                let r = s.px(4.5);
                if shape == "diamond" {
                    ctx.move_to(x, y - r);
                    ctx.line_to(x + r, y);
                    ctx.line_to(x, y + r);
                    ctx.line_to(x - r, y);
                    ctx.close_path();
                } else {
                    let _ = ctx.arc(x, y, r, 0.0, std::f64::consts::TAU);
                }
                ctx.set_fill_style_str(fill);
                ctx.fill();
                ctx.set_stroke_style_str(rim);
                ctx.set_line_width(s.px(1.3));
                ctx.stroke();
            }
        }
        ctx.set_fill_style_str(INK);
        let _ = ctx.fill_text(text, x + s.px(14.0), y);
    }
}

/// About how wide `text` is in the legend's font (no text metrics here:
/// the canvas's measureText is not among the web-sys features we build).
fn text_width(s: &Surface, text: &str) -> f64 {
    text.chars().count() as f64 * s.px(crate::web::draw::canvas::FONT_PX * 0.85 * 0.56)
}
