//! What the learning-rate view's plotters charts share: a canvas sized to
//! its box at the screen's resolution, fonts and strokes in CSS pixels
//! (grown on a projector by the legibility rule, `legible_scale`), the
//! panels' colours, and the name of the loss-gap axis.

use crate::render::axis::legible_scale;
use crate::run::gap::LossGap;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters_canvas::CanvasBackend;
use wasm_bindgen::prelude::*;

pub type Area = DrawingArea<CanvasBackend, plotters::coord::Shift>;

/// Text and axes on the light theme.
pub const INK: RGBColor = RGBColor(34, 34, 34);
pub const GRID_LIGHT: RGBColor = RGBColor(235, 235, 235);
pub const GRID_BOLD: RGBColor = RGBColor(210, 210, 210);

/// A chart's canvas, sized `css × dpr` device pixels, and its ratio.
pub struct Surface {
    pub root: Area,
    pub dpr: f64,
    /// Device pixels per CSS pixel of text, strokes and label room: the
    /// ratio times the legibility rule's scale for this viewport.
    pub ink: f64,
}

impl Surface {
    pub fn new(
        canvas: JsValue,
        css_width: f64,
        css_height: f64,
        dpr: f64,
    ) -> Result<Self, JsError> {
        let canvas = crate::web::convert::canvas(canvas, "canvas")?;
        let (dpr, width, height) =
            crate::web::convert::device_size(css_width, css_height, dpr, 4096.0)?;
        canvas.set_width(width);
        canvas.set_height(height);
        let root = CanvasBackend::with_canvas_object(canvas)
            .ok_or_else(|| JsError::new("chart: cannot draw on this canvas"))?
            .into_drawing_area();
        root.fill(&WHITE).map_err(chart_error)?;
        let ink = dpr * legible_scale(crate::web::convert::viewport());
        Ok(Surface { root, dpr, ink })
    }

    /// CSS pixels of text, strokes or label room → device pixels.
    pub fn px(&self, css: f64) -> i32 {
        (css * self.ink).round() as i32
    }

    pub fn font(&self, css_px: f64) -> TextStyle<'static> {
        ("sans-serif", css_px * self.ink).into_font().color(&INK)
    }

    /// A label at a device pixel, anchored by `h`/`v`, on a white backing
    /// so it stays readable over lines and shading.
    pub fn label(&self, text: &str, at: (i32, i32), colour: RGBColor, h: HPos, v: VPos) {
        let style = ("sans-serif", 13.0 * self.ink)
            .into_font()
            .color(&colour)
            .pos(Pos::new(h, v));
        if let Ok((w, t)) = self.root.estimate_text_size(text, &style) {
            let (w, t) = (w as i32, t as i32);
            let left = match h {
                HPos::Left => at.0,
                HPos::Center => at.0 - w / 2,
                HPos::Right => at.0 - w,
            };
            let top = match v {
                VPos::Top => at.1,
                VPos::Center => at.1 - t / 2,
                VPos::Bottom => at.1 - t,
            };
            let pad = self.px(3.0);
            let _ = self.root.draw(&Rectangle::new(
                [(left - pad, top - pad), (left + w + pad, top + t + pad)],
                WHITE.mix(0.85).filled(),
            ));
        }
        let _ = self.root.draw(&Text::new(text.to_string(), at, style));
    }

    /// A vertical dashed line at device x from y0 to y1.
    pub fn dashed_vline(&self, x: i32, y0: i32, y1: i32, style: ShapeStyle) {
        let (dash, gap) = (self.px(6.0).max(2), self.px(4.0).max(2));
        let mut y = y0.min(y1);
        while y < y0.max(y1) {
            let end = (y + dash).min(y0.max(y1));
            let _ = self
                .root
                .draw(&PathElement::new(vec![(x, y), (x, end)], style));
            y = end + gap;
        }
    }

    pub fn present(&self) -> Result<(), JsError> {
        self.root.present().map_err(chart_error)
    }
}

pub fn chart_error<E: std::fmt::Display>(e: E) -> JsError {
    JsError::new(&format!("chart: {e}"))
}

/// `#rrggbb` (or `#rgb`) as a colour; anything else is ink.
pub fn hex(colour: &str) -> RGBColor {
    crate::render::colour::parse_hex(colour).map_or(INK, |[r, g, b]| RGBColor(r, g, b))
}

/// The y axis's name for a loss gap: plain "loss J" when J* is 0.
pub fn gap_axis_name(gap: &LossGap) -> String {
    if gap.j_star == 0.0 {
        "loss J".to_string()
    } else {
        format!(
            "J − J*  (J* = {})",
            crate::render::axis::loss_label(gap.j_star)
        )
    }
}
