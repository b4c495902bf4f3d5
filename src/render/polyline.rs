//! Polylines in pixels: segments clipped to a square far larger than any
//! canvas, and a path reduced to what the eye can tell apart before a
//! canvas strokes it.

/// The part of the segment a→b inside the square [−limit, limit]², or
/// `None` if it misses it (Liang–Barsky). Drawing code uses it to hand the
/// canvas sane pixel numbers while keeping every visible direction exact,
/// even for a diverging run whose points lie millions of pixels away.
pub fn clip_segment(a: [f64; 2], b: [f64; 2], limit: f64) -> Option<[[f64; 2]; 2]> {
    clip_to_box(a, b, [-limit, limit], [-limit, limit])
}

/// The part of the segment a→b inside the box `x` × `y` (each `[low,
/// high]`), or `None` if it misses it (Liang–Barsky). A chart draws a
/// straight line that leaves its plot (a tangent, say) through it, since
/// plotters does not clip to the plot area.
pub fn clip_to_box(a: [f64; 2], b: [f64; 2], x: [f64; 2], y: [f64; 2]) -> Option<[[f64; 2]; 2]> {
    if !a
        .iter()
        .chain(&b)
        .chain(&x)
        .chain(&y)
        .all(|c| c.is_finite())
    {
        return None;
    }
    let d = [b[0] - a[0], b[1] - a[1]];
    let (mut t0, mut t1) = (0.0f64, 1.0f64);
    for (p, q) in [
        (-d[0], a[0] - x[0]),
        (d[0], x[1] - a[0]),
        (-d[1], a[1] - y[0]),
        (d[1], y[1] - a[1]),
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

    /// The entries decided for good: `points` without the latest point's
    /// provisional tail. They only ever grow, so a caller that has drawn the
    /// first k of them draws only the rest next time.
    pub fn committed(&self) -> &[(bool, i32, i32)] {
        &self.points
    }

    /// How many segments a stroke of this polyline draws.
    pub fn segments(&self) -> usize {
        self.points().filter(|(lift, _, _)| !lift).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn a_steep_line_is_cut_at_the_box_it_crosses() {
        // y = 4x − 1 across x ∈ [−1, 1] leaves the box y ∈ [0, 2] at
        // x = 0.25 and x = 0.75.
        let [a, b] = clip_to_box([-1.0, -5.0], [1.0, 3.0], [-1.0, 1.0], [0.0, 2.0]).unwrap();
        assert!((a[0] - 0.25).abs() < 1e-12 && a[1].abs() < 1e-12, "{a:?}");
        assert!(
            (b[0] - 0.75).abs() < 1e-12 && (b[1] - 2.0).abs() < 1e-12,
            "{b:?}"
        );
        // Inside: unchanged; beside the box: nothing.
        let inside = clip_to_box([0.0, 0.5], [0.5, 1.0], [-1.0, 1.0], [0.0, 2.0]).unwrap();
        assert_eq!(inside, [[0.0, 0.5], [0.5, 1.0]]);
        assert!(clip_to_box([-1.0, 3.0], [1.0, 4.0], [-1.0, 1.0], [0.0, 2.0]).is_none());
        assert!(clip_to_box([0.0, 0.0], [1.0, 1.0], [0.0, f64::NAN], [0.0, 1.0]).is_none());
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
}
