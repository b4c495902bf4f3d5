//! The race layer, redrawn every frame: the shared start, each racer's path,
//! a marker at its current point and an arrow along −∇J there (the
//! lecture's "step in the opposite direction of the gradient").
//!
//! Everything drawn here is finite by construction: trajectories only record
//! finite points, and pixels are clamped before they reach the canvas.

use crate::labs::race::Race;
use crate::landscape::Window;
use crate::render::viewport::{PlotArea, Viewport};
use crate::run::trajectory::Status;
use crate::web::draw::canvas::{racer_colour, PixelPath};
use crate::web::draw::marks::{arrow, cross, dot, start as start_marker};
use web_sys::CanvasRenderingContext2d;

/// The arrow along −∇J, in CSS pixels: a direction, not a magnitude, since
/// gradients span orders of magnitude.
const ARROW_PX: f64 = 42.0;
/// Points closer than this, in device pixels, to the last point drawn are
/// skipped: the eye cannot tell, and Chromium's rasterizer pays for each
/// segment (a racer of 10⁵ points made the page drop to 1 fps).
const THIN_PX: f64 = 0.75;
/// Beyond this many segments a path is drawn without its white casing.
const CASING_MAX_SEGMENTS: usize = 3000;

/// Each racer's thinned path, kept from frame to frame: a path only grows
/// while the view stays put, so a frame thins only the points added since
/// the last one instead of all 8 × 10⁵.
#[derive(Default)]
pub struct PathCache {
    view: Option<(Window, PlotArea)>,
    racers: Vec<CachedPath>,
}

struct CachedPath {
    line: PixelPath,
    /// Path coordinates consumed (two per point), and the first and last
    /// point consumed: if either moved, this is another run.
    consumed: usize,
    first: [f64; 2],
    last: [f64; 2],
}

impl PathCache {
    /// Racer `i`'s path in pixels, extended by its new points (or rebuilt,
    /// if the view changed or the run is not the one cached).
    fn line(&mut self, viewport: &Viewport, i: usize, path: &[f64]) -> &PixelPath {
        let view = Some((viewport.window(), viewport.area()));
        if self.view != view {
            self.view = view;
            self.racers.clear();
        }
        while self.racers.len() <= i {
            self.racers.push(CachedPath {
                line: PixelPath::thinned(THIN_PX),
                consumed: 0,
                first: [f64::NAN; 2],
                last: [f64::NAN; 2],
            });
        }
        let cached = &mut self.racers[i];
        let point = |k: usize| [path[2 * k], path[2 * k + 1]];
        let n = cached.consumed / 2;
        let same_run = cached.consumed >= 2
            && cached.consumed <= path.len()
            && point(0) == cached.first
            && point(n - 1) == cached.last;
        if !same_run {
            cached.line = PixelPath::thinned(THIN_PX);
            cached.consumed = 0;
        }
        let fresh = &path[cached.consumed..path.len() - path.len() % 2];
        for p in viewport.to_pixels(fresh) {
            cached.line.line_to(p);
        }
        cached.consumed += fresh.len();
        if cached.consumed >= 2 {
            cached.first = point(0);
            cached.last = point(cached.consumed / 2 - 1);
        }
        &cached.line
    }
}

pub fn draw(
    ctx: &CanvasRenderingContext2d,
    size: (f64, f64),
    dpr: f64,
    viewport: &Viewport,
    race: &Race,
    colours: &[String],
    cache: &mut PathCache,
) {
    ctx.clear_rect(0.0, 0.0, size.0, size.1);
    let a = viewport.area();
    ctx.save();
    ctx.begin_path();
    ctx.rect(a.left, a.top, a.width, a.height);
    ctx.clip();
    ctx.set_line_join("round");
    ctx.set_line_cap("round");
    // Under the racers, so their markers stay visible at step 0.
    start_marker(ctx, dpr, viewport.to_pixel(race.start()));

    for (i, t) in race.racers().iter().enumerate() {
        let colour = racer_colour(colours, i);
        let line = cache.line(viewport, i, t.path());
        let segments = line.segments();
        if segments == 0 {
            continue;
        }
        // A white casing keeps every colour readable on every part of the
        // colour map. A long scribble is its own background and would pay
        // twice to be rasterized, so it goes without.
        if segments <= CASING_MAX_SEGMENTS {
            ctx.set_stroke_style_str("rgba(255, 255, 255, 0.85)");
            ctx.set_line_width(5.5 * dpr);
            line.stroke(ctx);
        }
        ctx.set_stroke_style_str(colour);
        ctx.set_line_width(2.5 * dpr);
        line.stroke(ctx);
    }
    // Markers and arrows after every path, so no racer's path hides
    // another racer's current point.
    for (i, t) in race.racers().iter().enumerate() {
        let colour = racer_colour(colours, i);
        let here = viewport.to_pixel(t.point());
        match t.status() {
            Status::Diverged { .. } => cross(ctx, dpr, here, colour),
            Status::Running | Status::OutOfSteps { .. } => {
                arrow(ctx, dpr, here, t.gradient(), ARROW_PX, colour);
                dot(ctx, dpr, here, colour);
            }
            Status::Converged { .. } => dot(ctx, dpr, here, colour),
        }
    }
    ctx.restore();
}
