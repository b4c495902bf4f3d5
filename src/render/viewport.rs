//! The viewport: which part of the (x, y) plane the plot shows, and how
//! world coordinates map to pixels.
//!
//! One scale serves both axes, so a circle of constant loss looks round and
//! −∇J looks perpendicular to the contour lines, as it is. The requested
//! window is therefore fitted inside the plot area, and the shown window
//! may be wider in one direction. Pixels grow rightwards and downwards; y
//! grows upwards, so the two are flipped vertically.
//!
//! Every input is clamped or ignored rather than trusted: sizes are at least
//! one pixel, zoom stays within 10⁻⁶..10⁶ of the default, and non-finite
//! numbers change nothing.

use crate::landscape::{Point, Window};

/// How far the view may zoom in or out, relative to the default window.
pub const ZOOM_LIMIT: f64 = 1e6;
/// How far the centre may wander from the origin.
pub const CENTRE_LIMIT: f64 = 1e7;

/// The rectangle of the canvas, in pixels, that the plot occupies.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PlotArea {
    pub left: f64,
    pub top: f64,
    pub width: f64,
    pub height: f64,
}

impl PlotArea {
    /// A plot area with its sizes clamped to 1..=100 000 pixels and garbage
    /// offsets replaced by 0.
    pub fn new(left: f64, top: f64, width: f64, height: f64) -> Self {
        let size = |s: f64| {
            if s.is_finite() {
                s.clamp(1.0, 1e5)
            } else {
                1.0
            }
        };
        let offset = |o: f64| {
            if o.is_finite() {
                o.clamp(0.0, 1e5)
            } else {
                0.0
            }
        };
        PlotArea {
            left: offset(left),
            top: offset(top),
            width: size(width),
            height: size(height),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Viewport {
    default: Window,
    area: PlotArea,
    centre: Point,
    /// World units per pixel, on both axes.
    scale: f64,
    /// Whether the view still shows the default window: a resize then
    /// refits the default instead of keeping the old, differently shaped
    /// window.
    at_default: bool,
}

impl Viewport {
    /// A view of `default` fitted into `area`.
    pub fn new(default: Window, area: PlotArea) -> Self {
        let mut v = Viewport {
            default,
            area,
            centre: [0.0, 0.0],
            scale: 1.0,
            at_default: true,
        };
        v.reset();
        v
    }

    pub fn area(&self) -> PlotArea {
        self.area
    }

    /// World units per pixel.
    pub fn scale(&self) -> f64 {
        self.scale
    }

    fn fitted_scale(&self, window: &Window) -> f64 {
        (window.width() / self.area.width).max(window.height() / self.area.height)
    }

    fn clamp(&mut self) {
        let base = self.fitted_scale(&self.default);
        self.scale = self.scale.clamp(base / ZOOM_LIMIT, base * ZOOM_LIMIT);
        for c in &mut self.centre {
            *c = c.clamp(-CENTRE_LIMIT, CENTRE_LIMIT);
        }
    }

    fn fit(&mut self, window: &Window) {
        self.centre = [
            (window.x_min + window.x_max) / 2.0,
            (window.y_min + window.y_max) / 2.0,
        ];
        self.scale = self.fitted_scale(window);
        self.clamp();
    }

    /// Back to the default window.
    pub fn reset(&mut self) {
        let default = self.default;
        self.fit(&default);
        self.at_default = true;
    }

    /// A new default window (a new landscape), shown at once.
    pub fn set_default(&mut self, default: Window) {
        self.default = default;
        self.reset();
    }

    /// Moves or resizes the plot area, keeping the visible window in view
    /// (or, if the user has not moved the view, the default window).
    pub fn set_area(&mut self, area: PlotArea) {
        let shown = self.window();
        self.area = area;
        if self.at_default {
            self.reset();
        } else {
            self.fit(&shown);
        }
    }

    /// The window currently shown.
    pub fn window(&self) -> Window {
        let half_w = self.area.width * self.scale / 2.0;
        let half_h = self.area.height * self.scale / 2.0;
        Window::new(
            self.centre[0] - half_w,
            self.centre[0] + half_w,
            self.centre[1] - half_h,
            self.centre[1] + half_h,
        )
    }

    /// Shows `window` (fitted, so it may widen in one direction); a window
    /// that is not finite, or empty, is refused with a reason.
    pub fn set_window(&mut self, window: Window) -> Result<(), String> {
        let w = window;
        if ![w.x_min, w.x_max, w.y_min, w.y_max]
            .iter()
            .all(|c| c.is_finite() && c.abs() <= CENTRE_LIMIT)
        {
            return Err(format!(
                "every bound must be a finite number within ±{CENTRE_LIMIT:e}"
            ));
        }
        if !(w.x_min < w.x_max && w.y_min < w.y_max) {
            return Err("needs x_min < x_max and y_min < y_max".to_string());
        }
        self.fit(&w);
        self.at_default = false;
        Ok(())
    }

    /// The pixel of a world point (it may lie outside the plot area).
    pub fn to_pixel(&self, p: Point) -> [f64; 2] {
        let w = self.window();
        [
            self.area.left + (p[0] - w.x_min) / self.scale,
            self.area.top + (w.y_max - p[1]) / self.scale,
        ]
    }

    /// `to_pixel` of each point of a flat `[x0, y0, x1, y1, …]` path, with
    /// the window worked out once rather than per point.
    pub fn to_pixels<'a>(&self, path: &'a [f64]) -> impl Iterator<Item = [f64; 2]> + 'a {
        let (w, area, scale) = (self.window(), self.area, self.scale);
        path.chunks_exact(2).map(move |p| {
            [
                area.left + (p[0] - w.x_min) / scale,
                area.top + (w.y_max - p[1]) / scale,
            ]
        })
    }

    /// The world point under a pixel (anywhere, inside the area or not).
    pub fn to_world(&self, px: f64, py: f64) -> Point {
        let w = self.window();
        [
            w.x_min + (px - self.area.left) * self.scale,
            w.y_max - (py - self.area.top) * self.scale,
        ]
    }

    /// Whether a pixel lies inside the plot area.
    pub fn contains_pixel(&self, px: f64, py: f64) -> bool {
        let a = &self.area;
        (a.left..=a.left + a.width).contains(&px) && (a.top..=a.top + a.height).contains(&py)
    }

    /// Zooms by `factor` (> 1 zooms in) keeping the world point under pixel
    /// (px, py) where it is. Non-finite or non-positive input is ignored.
    pub fn zoom_at(&mut self, px: f64, py: f64, factor: f64) {
        if !(px.is_finite() && py.is_finite() && factor.is_finite() && factor > 0.0) {
            return;
        }
        let fixed = self.to_world(px, py);
        let old = self.scale;
        self.scale /= factor;
        self.clamp();
        let ratio = self.scale / old;
        for (c, f) in self.centre.iter_mut().zip(fixed) {
            *c = f + (*c - f) * ratio;
        }
        self.clamp();
        self.at_default = false;
    }

    /// Drags the picture by (dx, dy) pixels: the plane follows the pointer.
    pub fn pan(&mut self, dx: f64, dy: f64) {
        if !(dx.is_finite() && dy.is_finite()) {
            return;
        }
        self.centre[0] -= dx * self.scale;
        self.centre[1] += dy * self.scale;
        self.clamp();
        self.at_default = false;
    }
}

/// The part of the segment a→b inside the square [−limit, limit]², or
/// `None` if it misses it (Liang–Barsky). Drawing code uses it to hand the
/// canvas sane pixel numbers while keeping every visible direction exact,
/// even for a diverging run whose points lie millions of pixels away.
pub fn clip_segment(a: [f64; 2], b: [f64; 2], limit: f64) -> Option<[[f64; 2]; 2]> {
    if !a.iter().chain(&b).all(|c| c.is_finite()) {
        return None;
    }
    let d = [b[0] - a[0], b[1] - a[1]];
    let (mut t0, mut t1) = (0.0f64, 1.0f64);
    for (p, q) in [
        (-d[0], a[0] + limit),
        (d[0], limit - a[0]),
        (-d[1], a[1] + limit),
        (d[1], limit - a[1]),
    ] {
        if p == 0.0 {
            if q < 0.0 {
                return None;
            }
        } else {
            let r = q / p;
            if p < 0.0 {
                t0 = t0.max(r);
            } else {
                t1 = t1.min(r);
            }
        }
    }
    if t0 > t1 {
        return None;
    }
    let at = |t: f64| [a[0] + t * d[0], a[1] + t * d[1]];
    Some([at(t0), at(t1)])
}

/// How much larger text and lines are drawn on a canvas of `css` size
/// (CSS pixels) than on the same canvas at a 1280×720 projector, where it
/// measures `reference`. Fonts scale only with the device pixel ratio
/// otherwise, so on a 4K monitor at ratio 1 labels looked small beside the
/// page's text: they grow with the canvas's linear size, gently (a 2560-wide
/// view's twice-as-wide canvas gets about 1.3×), never shrink, and stop at
/// 1.3× (14 → 18 CSS px).
pub fn text_scale(css: (f64, f64), reference: (f64, f64)) -> f64 {
    let growth = ((css.0 * css.1) / (reference.0 * reference.1)).sqrt();
    if !growth.is_finite() {
        return 1.0;
    }
    (1.0 + (growth - 1.0) * 0.23).clamp(1.0, 1.3)
}

/// Half the side of the square pixel paths are clipped to, in pixels.
const CLIP_PX: f64 = 1e5;
/// Slots in a path's table of segments already drawn: enough for the
/// lattice a sign-based optimizer (Lion) keeps revisiting, small enough to
/// clear every frame.
const SEEN_SLOTS: usize = 1 << 13;

/// A polyline in pixels, reduced to what the eye can tell apart before a
/// canvas strokes it, since stroking costs a few microseconds a segment and
/// a race draws up to 8 × 10⁵ points per frame.
///
/// - Points are rounded to whole pixels, and a point on the pixel the pen
///   is on is dropped.
/// - With a tolerance (`thinned`), a point closer than that to the last
///   point kept is dropped too, so a run jittering across a pixel border
///   costs nothing; the first and the latest point are always kept.
/// - Also with a tolerance, a segment already drawn is not drawn again:
///   one stroke covers each pixel once however often it is painted, and
///   round caps make separate segments join exactly as a polyline does.
/// - Segments are clipped to a square far larger than any canvas, so a
///   diverging run's far-away points still leave the plot in the right
///   direction while the canvas only ever sees modest numbers.
#[derive(Clone, Debug, Default)]
pub struct PixelPolyline {
    /// Pixels to visit; `true` lifts the pen before moving there.
    points: Vec<(bool, i32, i32)>,
    /// The last point kept, unclipped, while the polyline is open.
    previous: Option<[f64; 2]>,
    /// The pixel the pen last reached, and whether ink got there.
    pen: Option<(i32, i32)>,
    inked: bool,
    /// Points closer than this to the last one kept are dropped (0: none).
    tolerance: f64,
    /// The latest point, when thinning dropped it: drawn to at the end.
    pending: Option<[f64; 2]>,
    /// Segments drawn, keyed by both ends (0 = empty slot), in a lossy
    /// table: a slot overwritten only means a segment is drawn twice.
    seen: Vec<u128>,
}

/// At most two entries (a move, a line) and where they leave the pen.
struct Way {
    entries: [(bool, i32, i32); 2],
    len: usize,
    pen: Option<(i32, i32)>,
    inked: bool,
}

impl PixelPolyline {
    pub fn new() -> Self {
        Self::default()
    }

    /// A polyline that drops points within `tolerance` pixels of the last
    /// one kept, and segments drawn already.
    pub fn thinned(tolerance: f64) -> Self {
        PixelPolyline {
            tolerance: if tolerance.is_finite() {
                tolerance.max(0.0)
            } else {
                0.0
            },
            ..Self::default()
        }
    }

    fn snap(p: [f64; 2]) -> (i32, i32) {
        (p[0].round() as i32, p[1].round() as i32)
    }

    /// True if the segment a–b was drawn before; records it otherwise.
    fn seen_before(&mut self, a: (i32, i32), b: (i32, i32)) -> bool {
        if self.seen.is_empty() {
            self.seen = vec![0; SEEN_SLOTS];
        }
        let (a, b) = if a <= b { (a, b) } else { (b, a) };
        let word = |(x, y): (i32, i32)| ((x as u32 as u64) << 32) | y as u32 as u64;
        // Never 0: the two ends differ.
        let key = ((word(a) as u128) << 64) | word(b) as u128;
        let mix = word(a).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ word(b);
        let slot = (mix.wrapping_mul(0xD6E8_FEB8_6659_FD93) >> 51) as usize % SEEN_SLOTS;
        if self.seen[slot] == key {
            return true;
        }
        self.seen[slot] = key;
        false
    }

    /// The segment from the last point kept to `p`, clipped, in pixels.
    fn ends(&self, p: [f64; 2]) -> Option<((i32, i32), (i32, i32))> {
        let a = self.previous.unwrap_or(p);
        let inside = |q: [f64; 2]| q[0].abs() <= CLIP_PX && q[1].abs() <= CLIP_PX;
        let [from, to] = if inside(a) && inside(p) {
            [a, p]
        } else {
            clip_segment(a, p, CLIP_PX)?
        };
        Some((Self::snap(from), Self::snap(to)))
    }

    /// The entries that take the pen along `from`–`to` (only to `to`, with
    /// the pen up, for a `repeat`).
    fn way(&self, from: (i32, i32), to: (i32, i32), repeat: bool) -> Way {
        let mut way = Way {
            entries: [(false, 0, 0); 2],
            len: 0,
            pen: self.pen,
            inked: self.inked,
        };
        let push = |way: &mut Way, entry| {
            way.entries[way.len] = entry;
            way.len += 1;
        };
        if way.pen != Some(from) {
            push(&mut way, (true, from.0, from.1));
            way.pen = Some(from);
            way.inked = true;
        }
        if from != to {
            if repeat {
                way.inked = false;
            } else {
                if !way.inked {
                    push(&mut way, (true, from.0, from.1));
                }
                push(&mut way, (false, to.0, to.1));
                way.inked = true;
            }
            way.pen = Some(to);
        }
        way
    }

    /// The way to the latest point, when thinning dropped it.
    fn tail(&self) -> Option<Way> {
        let (from, to) = self.ends(self.pending?)?;
        Some(self.way(from, to, false))
    }

    /// Starts a new polyline at `p`.
    pub fn move_to(&mut self, p: [f64; 2]) {
        self.lift();
        self.line_to(p);
    }

    /// Extends the polyline to `p` (or starts one, after `lift`).
    pub fn line_to(&mut self, p: [f64; 2]) {
        if !(p[0].is_finite() && p[1].is_finite()) {
            self.lift();
            return;
        }
        if let Some(kept) = self.previous {
            let (dx, dy) = (p[0] - kept[0], p[1] - kept[1]);
            if dx * dx + dy * dy < self.tolerance * self.tolerance {
                self.pending = Some(p);
                return;
            }
        }
        self.pending = None;
        if let Some((from, to)) = self.ends(p) {
            let repeat = self.tolerance > 0.0 && from != to && self.seen_before(from, to);
            let way = self.way(from, to, repeat);
            self.points.extend_from_slice(&way.entries[..way.len]);
            self.pen = way.pen;
            self.inked = way.inked;
        }
        self.previous = Some(p);
    }

    /// Ends the current polyline, so the next `line_to` starts a new one.
    pub fn lift(&mut self) {
        if let Some(way) = self.tail() {
            self.points.extend_from_slice(&way.entries[..way.len]);
        }
        self.pending = None;
        self.previous = None;
        self.pen = None;
        self.inked = true;
    }

    /// Every entry to draw, in order: `(lift, x, y)`, where `lift` means
    /// move there without drawing.
    pub fn points(&self) -> impl Iterator<Item = (bool, i32, i32)> + '_ {
        let tail = self
            .tail()
            .map_or(Vec::new(), |w| w.entries[..w.len].to_vec());
        self.points.iter().copied().chain(tail)
    }

    /// How many segments a stroke of this polyline draws.
    pub fn segments(&self) -> usize {
        self.points().filter(|(lift, _, _)| !lift).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view() -> Viewport {
        // The lecture's window on an 800 × 500 plot offset by (60, 14).
        Viewport::new(
            Window::new(-4.0, 4.0, -3.0, 4.0),
            PlotArea::new(60.0, 14.0, 800.0, 500.0),
        )
    }

    fn close(a: [f64; 2], b: [f64; 2], tolerance: f64) -> bool {
        (a[0] - b[0]).abs() <= tolerance && (a[1] - b[1]).abs() <= tolerance
    }

    #[test]
    fn world_to_pixel_to_world_round_trips_and_y_points_up() {
        let v = view();
        for p in [[0.0, 0.0], [-4.0, -3.0], [3.3, 3.9], [100.0, -7.5]] {
            let [px, py] = v.to_pixel(p);
            assert!(close(v.to_world(px, py), p, 1e-12), "{p:?}");
        }
        let low = v.to_pixel([0.0, 0.0]);
        let high = v.to_pixel([0.0, 1.0]);
        assert!(high[1] < low[1], "larger y is higher on screen");
        // One scale on both axes: a unit step is as long across as up.
        let right = v.to_pixel([1.0, 0.0]);
        assert!(((right[0] - low[0]) - (low[1] - high[1])).abs() < 1e-9);
    }

    #[test]
    fn the_default_window_fits_inside_the_plot() {
        let v = view();
        let w = v.window();
        assert!(w.x_min <= -4.0 && w.x_max >= 4.0 && w.y_min <= -3.0 && w.y_max >= 4.0);
        // It is as tight as it can be in the direction that limits it.
        assert!((w.height() - 7.0).abs() < 1e-12, "{w:?}");
        let a = v.area();
        assert!(v.contains_pixel(a.left + 1.0, a.top + 1.0));
        assert!(!v.contains_pixel(a.left - 1.0, a.top + 1.0));
    }

    #[test]
    fn zoom_keeps_the_point_under_the_cursor_fixed() {
        let mut v = view();
        let (px, py) = (123.0, 456.0);
        let before = v.to_world(px, py);
        v.zoom_at(px, py, 2.5);
        assert!(close(v.to_world(px, py), before, 1e-12));
        assert!((v.window().height() - 7.0 / 2.5).abs() < 1e-12);
        v.zoom_at(px, py, 0.1);
        assert!(close(v.to_world(px, py), before, 1e-12));
    }

    #[test]
    fn pan_moves_the_plane_with_the_pointer() {
        let mut v = view();
        let p = [1.0, 1.0];
        let before = v.to_pixel(p);
        v.pan(30.0, -20.0);
        let after = v.to_pixel(p);
        assert!(close(after, [before[0] + 30.0, before[1] - 20.0], 1e-9));
        v.reset();
        assert_eq!(v, view());
    }

    #[test]
    fn garbage_is_ignored_or_clamped() {
        let mut v = view();
        let start = v;
        for factor in [f64::NAN, 0.0, -2.0, f64::INFINITY] {
            v.zoom_at(100.0, 100.0, factor);
        }
        v.zoom_at(f64::NAN, 100.0, 2.0);
        v.pan(f64::NAN, 1.0);
        v.pan(1.0, f64::NEG_INFINITY);
        assert_eq!(v, start);

        let base = start.scale();
        v.zoom_at(100.0, 100.0, 1e300);
        assert!((v.scale() - base / ZOOM_LIMIT).abs() <= 1e-9 * base / ZOOM_LIMIT);
        v.zoom_at(100.0, 100.0, 1e-300);
        v.zoom_at(100.0, 100.0, 1e-300);
        assert!((v.scale() - base * ZOOM_LIMIT).abs() <= 1e-9 * base * ZOOM_LIMIT);
        v.pan(1e300, -1e300);
        let w = v.window();
        assert!([w.x_min, w.x_max, w.y_min, w.y_max]
            .iter()
            .all(|c| c.is_finite()));

        let mut v = view();
        for bad in [
            Window::new(f64::NAN, 1.0, 0.0, 1.0),
            Window::new(0.0, f64::INFINITY, 0.0, 1.0),
            Window::new(1.0, 0.0, 0.0, 1.0),
            Window::new(0.0, 1.0, 2.0, 2.0),
            Window::new(-1e300, 1e300, 0.0, 1.0),
        ] {
            assert!(v.set_window(bad).is_err(), "{bad:?}");
        }
        assert_eq!(v, view());
        v.set_window(Window::new(0.0, 2.0, 0.0, 1.0)).unwrap();
        assert!((v.window().width() - 2.0).abs() < 1e-12);

        let tiny = PlotArea::new(f64::NAN, -5.0, 0.0, f64::INFINITY);
        assert_eq!(
            (tiny.left, tiny.top, tiny.width, tiny.height),
            (0.0, 0.0, 1.0, 1.0)
        );
        let v = Viewport::new(Window::new(-1.0, 1.0, -1.0, 1.0), tiny);
        assert!(v.scale().is_finite() && v.scale() > 0.0);
    }

    #[test]
    fn clipped_segments_keep_their_direction_and_stay_in_the_square() {
        // Inside: unchanged.
        let inside = clip_segment([1.0, 2.0], [3.0, -4.0], 10.0).unwrap();
        assert_eq!(inside, [[1.0, 2.0], [3.0, -4.0]]);
        // Leaving far away: cut at the edge, on the same line.
        let [a, b] = clip_segment([0.0, 0.0], [5e9, 3e8], 100.0).unwrap();
        assert_eq!(a, [0.0, 0.0]);
        assert!(
            (b[0] - 100.0).abs() < 1e-9 && (b[1] - 6.0).abs() < 1e-9,
            "{b:?}"
        );
        // Both ends outside, crossing: both cut.
        let [a, b] = clip_segment([-1e12, 0.5], [1e12, 0.5], 10.0).unwrap();
        assert_eq!((a, b), ([-10.0, 0.5], [10.0, 0.5]));
        // Missing the square entirely.
        assert!(clip_segment([20.0, 0.0], [30.0, 50.0], 10.0).is_none());
        assert!(clip_segment([-20.0, 11.0], [20.0, 11.0], 10.0).is_none());
        // NaN never comes out.
        assert!(clip_segment([f64::NAN, 0.0], [1.0, 1.0], 10.0).is_none());
    }

    #[test]
    fn resizing_an_untouched_view_refits_the_default_window() {
        // A canvas starts at the browser's 300 × 150 and is sized later.
        let mut v = Viewport::new(
            Window::new(-4.0, 4.0, -3.0, 4.0),
            PlotArea::new(0.0, 0.0, 300.0, 150.0),
        );
        v.set_area(PlotArea::new(60.0, 14.0, 800.0, 500.0));
        assert_eq!(v, view());
    }

    #[test]
    fn resizing_keeps_the_visible_window() {
        let mut v = view();
        v.zoom_at(300.0, 200.0, 3.0);
        let shown = v.window();
        v.set_area(PlotArea::new(60.0, 14.0, 1600.0, 1000.0));
        let w = v.window();
        assert!((w.x_min - shown.x_min).abs() < 1e-9 && (w.y_max - shown.y_max).abs() < 1e-9);
    }

    fn last_drawn(line: &PixelPolyline) -> Option<(i32, i32)> {
        line.points().last().map(|(_, x, y)| (x, y))
    }

    #[test]
    fn a_plain_polyline_drops_only_points_on_the_same_pixel() {
        let mut line = PixelPolyline::new();
        for p in [
            [0.0, 0.0],
            [0.3, 0.2],
            [1.0, 0.0],
            [1.4, 0.0],
            [1.6, 0.0],
            [1.0, 0.0],
        ] {
            line.line_to(p);
        }
        let points: Vec<_> = line.points().collect();
        assert_eq!(
            points,
            [(true, 0, 0), (false, 1, 0), (false, 2, 0), (false, 1, 0)]
        );
    }

    #[test]
    fn thinning_drops_sub_pixel_jitter_but_keeps_the_first_and_latest_point() {
        let mut line = PixelPolyline::thinned(0.75);
        line.line_to([10.0, 10.0]);
        // A run jittering across a pixel border: 10.4 and 10.6 round apart.
        for k in 0..10_000 {
            let x = if k % 2 == 0 { 10.4 } else { 10.6 };
            line.line_to([x, 10.0]);
        }
        line.line_to([10.7, 10.0]);
        assert_eq!(line.points().next(), Some((true, 10, 10)));
        assert_eq!(
            line.segments(),
            1,
            "{:?}",
            line.points().collect::<Vec<_>>()
        );
        assert_eq!(last_drawn(&line), Some((11, 10)), "the latest point");
        // Without thinning every crossing is a segment.
        let mut plain = PixelPolyline::new();
        plain.line_to([10.0, 10.0]);
        for k in 0..10_000 {
            plain.line_to([if k % 2 == 0 { 10.4 } else { 10.6 }, 10.0]);
        }
        assert!(plain.segments() > 9_000);
    }

    #[test]
    fn thinning_keeps_every_step_longer_than_the_tolerance() {
        let mut line = PixelPolyline::thinned(0.75);
        for k in 0..100 {
            line.line_to([k as f64 * 3.0, (k % 7) as f64 * 5.0]);
        }
        assert_eq!(line.segments(), 99);
        assert_eq!(last_drawn(&line), Some((297, 5)), "99 % 7 = 1");
    }

    #[test]
    fn a_segment_revisited_is_drawn_once_and_the_pen_lifts_past_it() {
        // Lion's sign steps bounce around a lattice: A B C A B C …
        let (a, b, c) = ([0.0, 0.0], [30.0, 0.0], [30.0, 30.0]);
        let mut line = PixelPolyline::thinned(0.75);
        for _ in 0..1000 {
            for p in [a, b, c] {
                line.line_to(p);
            }
        }
        line.line_to([0.0, 30.0]);
        assert_eq!(
            line.segments(),
            4,
            "{:?}",
            line.points().collect::<Vec<_>>()
        );
        // The new last segment starts where the pen really is: at C.
        let points: Vec<_> = line.points().collect();
        assert_eq!(points[points.len() - 2..], [(true, 30, 30), (false, 0, 30)]);
    }

    #[test]
    fn a_lift_ends_a_polyline_at_its_latest_point() {
        let mut line = PixelPolyline::thinned(0.75);
        line.move_to([5.0, 5.0]);
        line.line_to([5.5, 5.2]);
        line.lift();
        line.move_to([50.0, 50.0]);
        line.line_to([60.0, 50.0]);
        let points: Vec<_> = line.points().collect();
        assert_eq!(
            points,
            [(true, 5, 5), (false, 6, 5), (true, 50, 50), (false, 60, 50)]
        );
    }

    #[test]
    fn far_away_points_are_clipped_and_non_finite_ones_break_the_line() {
        for mut line in [PixelPolyline::new(), PixelPolyline::thinned(0.75)] {
            line.line_to([0.0, 0.0]);
            line.line_to([1e300, 0.0]);
            line.line_to([f64::NAN, 0.0]);
            line.line_to([3.0, 3.0]);
            let points: Vec<_> = line.points().collect();
            assert_eq!(points, [(true, 0, 0), (false, 100_000, 0), (true, 3, 3)]);
        }
    }

    #[test]
    fn to_pixels_maps_a_path_exactly_as_to_pixel_does() {
        let mut v = Viewport::new(
            Window::new(-2.0, 3.0, -1.0, 4.0),
            PlotArea::new(62.0, 26.0, 700.0, 500.0),
        );
        v.zoom_at(300.0, 200.0, 3.7);
        let path = [0.1, -0.7, 1e-9, 2.5, -1.75, 3.3];
        let many: Vec<_> = v.to_pixels(&path).collect();
        let one: Vec<_> = path.chunks(2).map(|p| v.to_pixel([p[0], p[1]])).collect();
        assert_eq!(many, one);
    }

    #[test]
    fn text_grows_with_the_canvas_within_bounds() {
        let reference = (827.0, 463.0);
        assert_eq!(text_scale(reference, reference), 1.0, "1280×720 as before");
        assert_eq!(text_scale((300.0, 200.0), reference), 1.0, "never smaller");
        let big = text_scale((1896.0, 1062.0), reference);
        assert!((1.25..=1.3).contains(&big), "{big}");
        assert_eq!(text_scale((4000.0, 4000.0), reference), 1.3);
        let mid = text_scale((1240.0, 695.0), reference);
        assert!(1.05 < mid && mid < big, "{mid}");
        assert_eq!(text_scale((f64::NAN, 1.0), reference), 1.0);
        assert_eq!(text_scale((1.0, 1.0), (0.0, 0.0)), 1.0);
    }
}
