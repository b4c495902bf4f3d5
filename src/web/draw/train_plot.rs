//! The small charts of the training view (loss against epoch, variance and
//! time against batch size): a plot rectangle with a linear or log scale on
//! each axis, its frame, ticks and labels. Drawn straight on the canvas, so
//! dashed lines and markers cost one call each.

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
        let canvas = crate::web::convert::canvas(canvas, "canvas")?;
        let (dpr, pw, ph) = crate::web::convert::device_size(css_width, css_height, dpr, 4096.0)?;
        // Resizing clears and reallocates; skip it when nothing changed.
        if canvas.width() != pw || canvas.height() != ph {
            canvas.set_width(pw);
            canvas.set_height(ph);
        }
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
        for (v, text) in self.x.ticks(self.width / s.px(80.0)) {
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
        for (v, text) in self.y.ticks(self.height / s.px(45.0)) {
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
        dash: Option<f64>,
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
        let pattern = js_sys::Array::new();
        if let Some(d) = dash {
            pattern.push(&d.into());
            pattern.push(&(d * 0.7).into());
        }
        let _ = ctx.set_line_dash(&pattern);
        ctx.set_stroke_style_str(colour);
        ctx.set_line_width(width);
        ctx.set_line_join("round");
        ctx.stroke_with_path(&p);
        let _ = ctx.set_line_dash(&js_sys::Array::new());
    }

    /// A filled dot at `(x, y)`.
    pub fn dot(&self, ctx: &CanvasRenderingContext2d, x: f64, y: f64, r: f64, colour: &str) {
        if !(x.is_finite() && y.is_finite()) {
            return;
        }
        let [px, py] = self.at(x, y);
        ctx.begin_path();
        let _ = ctx.arc(px, py, r, 0.0, std::f64::consts::TAU);
        ctx.set_fill_style_str(colour);
        ctx.fill();
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
