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
}
