//! The race layer: the shared start, each racer's path, a marker at its
//! current point and an arrow along −∇J there (the lecture's "step in the
//! opposite direction of the gradient").
//!
//! Paths live on a canvas of their own that persists from frame to frame:
//! a frame strokes only the segments its racers added since the last one,
//! so drawing costs what the paths grew, not their length. The layer is
//! rebuilt only when the view, the size, a colour or a run changes, and a
//! rebuild (or a burst of new points) is spread over frames by a time
//! budget. Each frame then copies the layer under the markers.
//!
//! Everything drawn here is finite by construction: trajectories only record
//! finite points, and pixels are clamped before they reach the canvas.

use crate::labs::race::Race;
use crate::landscape::Window;
use crate::render::viewport::{PlotArea, Viewport};
use crate::run::trajectory::Status;
use crate::web::convert::now;
use crate::web::draw::canvas::{context, racer_colour, PixelPath};
use crate::web::draw::marks::{arrow, cross, dot, start as start_marker, tag};
use wasm_bindgen::prelude::*;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// The arrow along −∇J, in CSS pixels: a direction, not a magnitude, since
/// gradients span orders of magnitude.
const ARROW_PX: f64 = 42.0;
/// Below this fraction of its run's first ‖∇J‖ the arrow shrinks, down to
/// `FADE_TO` of its length at `HIDE_BELOW`, and goes under that: near a
/// minimum the gradient's direction is rounding noise (‖∇J‖ ≈ 1e−5 pointed
/// anywhere at full length).
const SHRINK_BELOW: f64 = 0.1;
const HIDE_BELOW: f64 = 1e-3;
const FADE_TO: f64 = 0.35;
/// Nor is an arrow drawn where ‖∇J‖ times the view's width is below this
/// fraction of the loss there: the slope moves nothing across the view.
const FLAT_IN_VIEW: f64 = 1e-6;

/// The arrow's length for ‖∇J‖ = `norm` in a run that started at `first`,
/// at `loss`, seen across a window `span` wide; None to draw none.
fn arrow_length(norm: f64, first: f64, loss: f64, span: f64) -> Option<f64> {
    if norm.is_nan() || norm <= 0.0 || norm * span < FLAT_IN_VIEW * loss.abs().max(1.0) {
        return None;
    }
    let ratio = if first > 0.0 { norm / first } else { 1.0 };
    if ratio < HIDE_BELOW {
        return None;
    }
    if ratio >= SHRINK_BELOW {
        return Some(ARROW_PX);
    }
    // Log-linear from full length at SHRINK_BELOW to FADE_TO at HIDE_BELOW.
    let t = (ratio / HIDE_BELOW).log10() / (SHRINK_BELOW / HIDE_BELOW).log10();
    Some(ARROW_PX * (FADE_TO + (1.0 - FADE_TO) * t))
}
/// Points closer than this, in device pixels, to the last point drawn are
/// skipped: the eye cannot tell, and Chromium's rasterizer pays for each
/// segment.
const THIN_PX: f64 = 0.75;
/// Beyond this many segments a path's new segments go without the white
/// casing: a long scribble is its own background.
const CASING_MAX_SEGMENTS: usize = 3000;
/// The most milliseconds a frame spends stroking paths onto the layer; what
/// is left waits for the next frame.
const STROKE_BUDGET_MS: f64 = 6.0;
/// Entries stroked between two looks at the clock.
const STROKE_SLICE: usize = 1500;

/// Each racer's thinned path and how much of it is on the layer.
pub struct PathCache {
    view: Option<(Window, PlotArea)>,
    racers: Vec<CachedPath>,
    layer: HtmlCanvasElement,
    layer_ctx: CanvasRenderingContext2d,
}

struct CachedPath {
    line: PixelPath,
    /// Path coordinates consumed (two per point), and the first and last
    /// point consumed: if either moved, this is another run.
    consumed: usize,
    first: [f64; 2],
    last: [f64; 2],
    /// Committed entries of `line` already on the layer.
    stroked: usize,
    colour: String,
}

impl CachedPath {
    fn new(colour: &str) -> Self {
        CachedPath {
            line: PixelPath::thinned(THIN_PX),
            consumed: 0,
            first: [f64::NAN; 2],
            last: [f64::NAN; 2],
            stroked: 0,
            colour: colour.to_string(),
        }
    }
}

impl PathCache {
    /// A cache with its own layer canvas, outside the page.
    pub fn new() -> Result<Self, JsError> {
        let layer: HtmlCanvasElement = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.create_element("canvas").ok())
            .and_then(|e| e.dyn_into().ok())
            .ok_or_else(|| JsError::new("the race cannot make its path layer"))?;
        let layer_ctx = context(&layer)?;
        Ok(PathCache {
            view: None,
            racers: Vec::new(),
            layer,
            layer_ctx,
        })
    }

    /// Racer `i`'s path in pixels extended by its new points; true if it
    /// had to start over (another run, or a new cache entry).
    fn extend(&mut self, viewport: &Viewport, i: usize, path: &[f64], colour: &str) -> bool {
        let mut restarted = false;
        while self.racers.len() <= i {
            self.racers.push(CachedPath::new(colour));
            restarted = true;
        }
        let cached = &mut self.racers[i];
        if cached.colour != colour {
            cached.colour = colour.to_string();
            restarted = true;
        }
        let point = |k: usize| [path[2 * k], path[2 * k + 1]];
        let n = cached.consumed / 2;
        let same_run = cached.consumed >= 2
            && cached.consumed <= path.len()
            && point(0) == cached.first
            && point(n - 1) == cached.last;
        if !same_run && cached.consumed > 0 {
            *cached = CachedPath::new(colour);
            restarted = true;
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
        restarted
    }

    /// Brings the layer up to date with `race`, within the time budget:
    /// rebuilt from nothing if the view, size, a colour or a run changed.
    fn update(
        &mut self,
        size: (f64, f64),
        dpr: f64,
        viewport: &Viewport,
        race: &Race,
        colours: &[String],
    ) {
        let (w, h) = (size.0.max(1.0) as u32, size.1.max(1.0) as u32);
        let view = Some((viewport.window(), viewport.area()));
        let mut rebuild = self.view != view || self.layer.width() != w || self.layer.height() != h;
        if rebuild {
            self.view = view;
            self.racers.clear();
            if self.layer.width() != w || self.layer.height() != h {
                self.layer.set_width(w);
                self.layer.set_height(h);
            }
        }
        let racers = race.racers();
        if self.racers.len() > racers.len() {
            self.racers.truncate(racers.len());
            rebuild = true;
        }
        for (i, t) in racers.iter().enumerate() {
            rebuild |= self.extend(viewport, i, t.path(), racer_colour(colours, i));
        }
        let ctx = &self.layer_ctx;
        if rebuild {
            ctx.clear_rect(0.0, 0.0, size.0, size.1);
            for cached in &mut self.racers {
                cached.stroked = 0;
            }
        }
        crate::web::draw::canvas::clip_to_plot(ctx, viewport.area());
        let began = now();
        'racers: for cached in &mut self.racers {
            while cached.stroked < cached.line.committed_len() {
                if now() - began > STROKE_BUDGET_MS {
                    break 'racers;
                }
                let (from, to) = (cached.stroked, cached.stroked + STROKE_SLICE);
                // The casing keeps every colour readable on every part of
                // the colour map, while a path is short enough to need it.
                if cached.line.segments() <= CASING_MAX_SEGMENTS {
                    ctx.set_stroke_style_str("rgba(255, 255, 255, 0.85)");
                    ctx.set_line_width(5.5 * dpr);
                    cached.line.stroke_committed(ctx, from, to);
                }
                ctx.set_stroke_style_str(&cached.colour);
                ctx.set_line_width(2.5 * dpr);
                cached.line.stroke_committed(ctx, from, to);
                cached.stroked = to.min(cached.line.committed_len());
            }
        }
        ctx.restore();
    }
}

/// Draws the race on `ctx`, which the picture has cleared and clipped to
/// the plot.
pub fn draw(
    ctx: &CanvasRenderingContext2d,
    size: (f64, f64),
    dpr: f64,
    viewport: &Viewport,
    race: &Race,
    colours: &[String],
    cache: &mut PathCache,
) {
    cache.update(size, dpr, viewport, race, colours);
    // Under the racers, so their markers stay visible at step 0.
    start_marker(ctx, dpr, viewport.to_pixel(race.start()));
    let _ = ctx.draw_image_with_html_canvas_element(&cache.layer, 0.0, 0.0);
    // Markers and arrows after every path, so no racer's path hides
    // another racer's current point. Each head carries its racer's number,
    // so paths are told apart by more than colour.
    for (i, t) in race.racers().iter().enumerate() {
        let colour = racer_colour(colours, i);
        let here = viewport.to_pixel(t.point());
        match t.status() {
            Status::Diverged { .. } => cross(ctx, dpr, here, colour),
            Status::Running | Status::OutOfSteps { .. } => {
                let norms = t.gradient_norm();
                let w = viewport.window();
                let span = (w.x_max - w.x_min).max(w.y_max - w.y_min);
                let loss = t.loss().last().copied().unwrap_or(0.0);
                let (first, norm) = (
                    norms.first().copied().unwrap_or(0.0),
                    norms.last().copied().unwrap_or(0.0),
                );
                if let Some(length) = arrow_length(norm, first, loss, span) {
                    arrow(ctx, dpr, here, t.gradient(), length, colour);
                }
                dot(ctx, dpr, here, colour);
            }
            Status::Converged { .. } => dot(ctx, dpr, here, colour),
        }
        tag(ctx, dpr, here, &(i + 1).to_string(), colour);
    }
}
