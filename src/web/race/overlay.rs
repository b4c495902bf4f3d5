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
//! The budget counts rasterizing, not only recording: a canvas records
//! stroke calls and rasterizes them later (when the layer is copied, or at
//! paint), so a clock read after `stroke()` saw a fraction of a
//! millisecond while Chromium then spent hundreds rasterizing long
//! chaotic paths (8 SGD racers on rastrigin fell to 2 – 5 fps). The layer
//! is a CPU canvas (`willReadFrequently`), each slice is flushed by reading
//! one pixel back, and slices are sized from the measured cost of a
//! segment. What does not fit waits: `pending` tells the animation loop,
//! which then steps no faster than the layer is painted.
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
/// A path's first this many entries are stroked wide, with a white casing;
/// the rest one device pixel wide, without: a long scribble is its own
/// background, and a hairline rasterizes about ten times faster than a
/// 2.5 px stroke (a chaotic path's segments run 100 – 200 px).
const WIDE_ENTRIES: usize = 3000;
/// The most milliseconds a frame spends stroking paths onto the layer,
/// rasterizing included; what is left waits for the next frame. With
/// the engine's share, the copy of the layer and the browser's own paint,
/// 6 ms made a frame's work 19 – 21 ms at the 95th percentile on the
/// long-paths bench; 4 ms keeps it near 16.
const STROKE_BUDGET_MS: f64 = 4.0;
/// Entries per slice, between two looks at the clock: at least this many
/// (the flush costs a little), at most that many.
const MIN_SLICE: usize = 16;
const MAX_SLICE: usize = 20_000;
/// The most milliseconds a frame spends mapping and thinning new points,
/// and how many it maps between two looks at the clock.
const EXTEND_BUDGET_MS: f64 = 5.0;
const EXTEND_SLICE: usize = 16_384;
/// First guesses of the cost of one entry, ms, wide and hairline; measured
/// from then on.
const WIDE_MS: f64 = 0.03;
const THIN_MS: f64 = 0.003;

/// Each racer's thinned path and how much of it is on the layer.
pub struct PathCache {
    view: Option<(Window, PlotArea)>,
    racers: Vec<CachedPath>,
    layer: HtmlCanvasElement,
    layer_ctx: CanvasRenderingContext2d,
    /// Measured ms per entry stroked, wide (with casing) and hairline.
    wide_ms: f64,
    thin_ms: f64,
    /// Entries committed but not yet on the layer, after the last update.
    pending: usize,
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
        // A CPU canvas: read back from every slice, and rasterized where
        // the clock can see it.
        let options = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&options, &"willReadFrequently".into(), &true.into());
        let layer_ctx = layer
            .get_context_with_context_options("2d", &options)
            .ok()
            .flatten()
            .and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok())
            .map_or_else(|| context(&layer), Ok)?;
        Ok(PathCache {
            view: None,
            racers: Vec::new(),
            layer,
            layer_ctx,
            wide_ms: WIDE_MS,
            thin_ms: THIN_MS,
            pending: 0,
        })
    }

    /// Entries committed to the racers' paths but not yet stroked onto the
    /// layer: the painter's backlog (a rebuild's whole length after a zoom).
    pub fn pending(&self) -> usize {
        self.pending
    }

    /// Racer `i`'s path in pixels extended by its new points, at most
    /// `most` of them (the rest wait for the next frame); true if it had
    /// to start over (another run, or a new cache entry).
    fn extend(
        &mut self,
        viewport: &Viewport,
        i: usize,
        path: &[f64],
        colour: &str,
        most: usize,
    ) -> bool {
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
        let end = (path.len() - path.len() % 2).min(cached.consumed + 2 * most);
        let fresh = &path[cached.consumed..end];
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

    /// Brings the layer up to date with `race`, within `share` of the time
    /// budgets: rebuilt from nothing if the view, size, a colour or a run
    /// changed.
    fn update(
        &mut self,
        size: (f64, f64),
        dpr: f64,
        viewport: &Viewport,
        race: &Race,
        colours: &[String],
        share: f64,
    ) {
        let (extend_budget, stroke_budget) = (EXTEND_BUDGET_MS * share, STROKE_BUDGET_MS * share);
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
        // Thinning a whole rebuild's points at once (8 × 100,000 after a
        // zoom) took a frame of its own; a slice of points at a time, with
        // a look at the clock between, keeps it within the frame.
        let began = now();
        let mut unread = 0;
        for (i, t) in racers.iter().enumerate() {
            let path = t.path();
            loop {
                // Over budget, a racer still gets its cache entry, empty.
                let most = if now() - began > extend_budget {
                    0
                } else {
                    EXTEND_SLICE
                };
                rebuild |= self.extend(viewport, i, path, racer_colour(colours, i), most);
                let consumed = self.racers[i].consumed;
                if consumed >= path.len() - path.len() % 2 || most == 0 {
                    unread += (path.len() / 2).saturating_sub(consumed / 2);
                    break;
                }
            }
        }
        let ctx = &self.layer_ctx;
        if rebuild {
            ctx.clear_rect(0.0, 0.0, size.0, size.1);
            for cached in &mut self.racers {
                cached.stroked = 0;
            }
        }
        crate::web::draw::canvas::clip_to_plot(ctx, viewport.area());
        // Round by round, a slice of every racer that has segments
        // waiting, so a backlog delays all racers alike rather than the
        // last ones only.
        let began = now();
        let mut spent = 0.0;
        'budget: loop {
            let waiting = self
                .racers
                .iter()
                .filter(|c| c.stroked < c.line.committed_len())
                .count();
            if waiting == 0 {
                break;
            }
            for cached in &mut self.racers {
                let left = stroke_budget - spent;
                if left <= 0.0 {
                    break 'budget;
                }
                let from = cached.stroked;
                if from >= cached.line.committed_len() {
                    continue;
                }
                let wide = from < WIDE_ENTRIES;
                let cost = if wide { self.wide_ms } else { self.thin_ms };
                // Half of this racer's share of what is left: an estimate
                // that is off by 2× still keeps to the budget.
                let slice =
                    ((0.5 * left / waiting as f64 / cost) as usize).clamp(MIN_SLICE, MAX_SLICE);
                let mut to = (from + slice).min(cached.line.committed_len());
                if wide {
                    to = to.min(WIDE_ENTRIES);
                    // The casing keeps every colour readable on every part
                    // of the colour map, while a path is short enough to
                    // need it.
                    ctx.set_stroke_style_str("rgba(255, 255, 255, 0.85)");
                    ctx.set_line_width(5.5 * dpr);
                    cached.line.stroke_committed(ctx, from, to);
                    ctx.set_line_width(2.5 * dpr);
                } else {
                    ctx.set_line_width(1.0);
                }
                ctx.set_stroke_style_str(&cached.colour);
                cached.line.stroke_committed(ctx, from, to);
                // Rasterizes what was recorded, so the clock sees it.
                let _ = ctx.get_image_data(0.0, 0.0, 1.0, 1.0);
                let elapsed = now() - began - spent;
                spent += elapsed;
                if to - from >= MIN_SLICE {
                    let per_entry = elapsed / (to - from) as f64;
                    let estimate = if wide {
                        &mut self.wide_ms
                    } else {
                        &mut self.thin_ms
                    };
                    if per_entry.is_finite() {
                        *estimate = (0.5 * *estimate + 0.5 * per_entry).clamp(1e-5, 1.0);
                    }
                }
                cached.stroked = to;
            }
        }
        ctx.restore();
        self.pending = unread
            + self
                .racers
                .iter()
                .map(|c| c.line.committed_len() - c.stroked)
                .sum::<usize>();
    }
}

/// Draws the race on `ctx`, which the picture has cleared and clipped to
/// the plot; the path layer takes `share` (0 to 1) of its time budgets.
#[allow(clippy::too_many_arguments)]
pub fn draw(
    ctx: &CanvasRenderingContext2d,
    size: (f64, f64),
    dpr: f64,
    viewport: &Viewport,
    race: &Race,
    colours: &[String],
    cache: &mut PathCache,
    share: f64,
) {
    cache.update(size, dpr, viewport, race, colours, share);
    // Under the racers, so their markers stay visible at step 0.
    start_marker(ctx, dpr, viewport.to_pixel(race.start()));
    let _ = ctx.draw_image_with_html_canvas_element(&cache.layer, 0.0, 0.0);
    // Markers and arrows after every path, so no racer's path hides
    // another racer's current point. Each head carries its racer's number,
    // so paths are told apart by more than colour.
    let mut tags = Vec::with_capacity(race.racers().len());
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
        tag(ctx, dpr, here, &(i + 1).to_string(), colour, &mut tags);
    }
}
