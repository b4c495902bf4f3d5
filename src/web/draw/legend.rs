//! Legends and marker labels on the hand-drawn charts: a box of (shape,
//! text, fill, rim) rows, placed in a corner of the plot.

use crate::web::draw::canvas::{font, INK};
use crate::web::draw::train_plot::{Axes, Surface};
use web_sys::CanvasRenderingContext2d;

/// The legend box's size for `items`.
pub fn legend_size(s: &Surface, items: &[(&str, &str, &str, &str)]) -> (f64, f64) {
    let width = items
        .iter()
        .map(|(_, text, ..)| text_width(s, text))
        .fold(0.0, f64::max)
        + s.px(38.0);
    (width, s.px(18.0) * items.len() as f64 + s.px(6.0))
}

/// A legend box in the plot's bottom-right corner (where the regression
/// data sets leave room).
pub fn legend_bottom_right(s: &Surface, axes: &Axes, items: &[(&str, &str, &str, &str)]) {
    let (w, h) = legend_size(s, items);
    let x0 = axes.left + axes.width - w - s.px(6.0);
    let y0 = axes.top + axes.height - h - s.px(6.0);
    legend_at(s, x0, y0, items);
}

pub fn legend_at(s: &Surface, x0: f64, y0: f64, items: &[(&str, &str, &str, &str)]) {
    let ctx = &s.ctx;
    ctx.set_font(&font(s.dpr * 0.85));
    let row = s.px(18.0);
    let (width, _) = legend_size(s, items);
    ctx.set_fill_style_str("rgba(255,255,255,0.88)");
    ctx.fill_rect(x0, y0, width, row * items.len() as f64 + s.px(6.0));
    ctx.set_text_align("left");
    ctx.set_text_baseline("middle");
    for (k, (shape, text, fill, rim)) in items.iter().enumerate() {
        let y = y0 + s.px(3.0) + row * (k as f64 + 0.5);
        let x = x0 + s.px(14.0);
        if *shape == "line" || *shape == "dash" {
            let pattern = js_sys::Array::new();
            if *shape == "dash" {
                pattern.push(&s.px(6.0).into());
                pattern.push(&s.px(4.0).into());
            }
            let _ = ctx.set_line_dash(&pattern);
            ctx.begin_path();
            ctx.move_to(x - s.px(9.0), y);
            ctx.line_to(x + s.px(9.0), y);
            ctx.set_stroke_style_str(fill);
            ctx.set_line_width(s.px(2.5));
            ctx.stroke();
            let _ = ctx.set_line_dash(&js_sys::Array::new());
        } else {
            shape_at(ctx, shape, x, y, s.px(4.5));
            ctx.set_fill_style_str(fill);
            ctx.fill();
            ctx.set_stroke_style_str(rim);
            ctx.set_line_width(s.px(1.3));
            ctx.stroke();
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

/// A circle, or a diamond for the second kind of point (validation).
pub fn shape_at(ctx: &CanvasRenderingContext2d, shape: &str, x: f64, y: f64, r: f64) {
    ctx.begin_path();
    if shape == "diamond" {
        ctx.move_to(x, y - r);
        ctx.line_to(x + r, y);
        ctx.line_to(x, y + r);
        ctx.line_to(x - r, y);
        ctx.close_path();
    } else {
        let _ = ctx.arc(x, y, r, 0.0, std::f64::consts::TAU);
    }
}
