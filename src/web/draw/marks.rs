//! The marks every landscape view draws on top of its heatmap: the start,
//! a run's current point, where a run diverged, the −∇J arrow, and a path
//! with a white casing. One set, so the race, the learning-rate panels and
//! the mini-batch lab read the same way.

use crate::web::draw::canvas::INK;
use web_sys::{CanvasRenderingContext2d, Path2d};

/// Keeps a pixel within what the canvas API draws sanely (a diverged run's
/// last point can be far off-screen).
pub fn clamp(p: [f64; 2]) -> [f64; 2] {
    [p[0].clamp(-1e6, 1e6), p[1].clamp(-1e6, 1e6)]
}

/// A run's current point: a dot in its colour with a white rim.
pub fn dot(ctx: &CanvasRenderingContext2d, dpr: f64, p: [f64; 2], colour: &str) {
    let [x, y] = clamp(p);
    ctx.begin_path();
    let _ = ctx.arc(x, y, 6.0 * dpr, 0.0, std::f64::consts::TAU);
    ctx.set_fill_style_str(colour);
    ctx.fill();
    ctx.set_stroke_style_str("#ffffff");
    ctx.set_line_width(2.0 * dpr);
    ctx.stroke();
}

/// Where a diverged run left: a cross in its colour.
pub fn cross(ctx: &CanvasRenderingContext2d, dpr: f64, p: [f64; 2], colour: &str) {
    let [x, y] = clamp(p);
    let r = 7.0 * dpr;
    ctx.begin_path();
    ctx.move_to(x - r, y - r);
    ctx.line_to(x + r, y + r);
    ctx.move_to(x - r, y + r);
    ctx.line_to(x + r, y - r);
    ctx.set_stroke_style_str("#ffffff");
    ctx.set_line_width(6.0 * dpr);
    ctx.stroke();
    ctx.set_stroke_style_str(colour);
    ctx.set_line_width(3.0 * dpr);
    ctx.stroke();
}

/// An arrow of `length` CSS px from `p` along −∇J (y flips: pixels grow
/// downwards). A direction, not a magnitude: gradients span orders of
/// magnitude.
pub fn arrow(
    ctx: &CanvasRenderingContext2d,
    dpr: f64,
    p: [f64; 2],
    g: [f64; 2],
    length: f64,
    colour: &str,
) {
    let norm = g[0].hypot(g[1]);
    if !(norm.is_finite() && norm > 0.0) {
        return;
    }
    let [x, y] = clamp(p);
    let (ux, uy) = (-g[0] / norm, g[1] / norm);
    let length = length * dpr;
    let (tx, ty) = (x + ux * length, y + uy * length);
    let head = 10.0 * dpr;
    let (bx, by) = (tx - ux * head, ty - uy * head);
    let (nx, ny) = (-uy * head * 0.55, ux * head * 0.55);
    let shape = |ctx: &CanvasRenderingContext2d| {
        ctx.begin_path();
        ctx.move_to(x, y);
        ctx.line_to(bx, by);
        ctx.move_to(tx, ty);
        ctx.line_to(bx + nx, by + ny);
        ctx.line_to(bx - nx, by - ny);
        ctx.close_path();
    };
    shape(ctx);
    ctx.set_stroke_style_str("#ffffff");
    ctx.set_line_width(5.0 * dpr);
    ctx.stroke();
    shape(ctx);
    ctx.set_stroke_style_str(colour);
    ctx.set_fill_style_str(colour);
    ctx.set_line_width(2.5 * dpr);
    ctx.stroke();
    ctx.fill();
}

/// The shared start: a white ring with a dark rim and a dark centre.
pub fn start(ctx: &CanvasRenderingContext2d, dpr: f64, p: [f64; 2]) {
    let [x, y] = clamp(p);
    ctx.begin_path();
    let _ = ctx.arc(x, y, 8.0 * dpr, 0.0, std::f64::consts::TAU);
    ctx.set_fill_style_str("#ffffff");
    ctx.fill();
    ctx.set_stroke_style_str(INK);
    ctx.set_line_width(2.0 * dpr);
    ctx.stroke();
    ctx.begin_path();
    let _ = ctx.arc(x, y, 3.0 * dpr, 0.0, std::f64::consts::TAU);
    ctx.set_fill_style_str(INK);
    ctx.fill();
}

/// A path in its colour over a white casing, which keeps it readable on
/// every colour of the map.
pub fn cased_path(ctx: &CanvasRenderingContext2d, dpr: f64, path: &Path2d, colour: &str) {
    ctx.set_stroke_style_str("rgba(255, 255, 255, 0.85)");
    ctx.set_line_width(4.5 * dpr);
    ctx.stroke_with_path(path);
    ctx.set_stroke_style_str(colour);
    ctx.set_line_width(2.0 * dpr);
    ctx.stroke_with_path(path);
}

/// A racer's number beside its current point, in a white box rimmed with
/// its colour: which path is whose, told by more than colour.
pub fn tag(
    ctx: &CanvasRenderingContext2d,
    dpr: f64,
    p: [f64; 2],
    text: &str,
    colour: &str,
    placed: &mut Vec<[f64; 4]>,
) {
    let [x, y] = clamp(p);
    let (w, h) = ((7.0 + 7.5 * text.chars().count() as f64) * dpr, 15.0 * dpr);
    let (mut left, top) = (x + 7.0 * dpr, y - 7.0 * dpr - h);
    // Racers that share a point (all of them at step 0) would stack their
    // numbers on one another: each tag moves right past those it meets.
    let overlaps = |l: f64, b: &[f64; 4]| {
        l < b[0] + b[2] && b[0] < l + w && top < b[1] + b[3] && b[1] < top + h
    };
    while let Some(b) = placed.iter().find(|b| overlaps(left, b)) {
        left = b[0] + b[2] + 2.0 * dpr;
    }
    placed.push([left, top, w, h]);
    ctx.set_fill_style_str("rgba(255, 255, 255, 0.92)");
    ctx.fill_rect(left, top, w, h);
    ctx.set_stroke_style_str(colour);
    ctx.set_line_width(1.5 * dpr);
    ctx.stroke_rect(left, top, w, h);
    ctx.set_font(&format!("bold {}", super::canvas::font(dpr * 0.85)));
    ctx.set_fill_style_str(INK);
    ctx.set_text_align("center");
    ctx.set_text_baseline("middle");
    let _ = ctx.fill_text(text, left + w / 2.0, top + h / 2.0 + 0.5 * dpr);
}
