//! Contour lines: the curves J(x, y) = level, the level sets the lecture
//! draws on its loss landscapes, found by marching squares.
//!
//! The window is cut into a grid of cells. Each cell's four corners are on
//! one side of the level or the other; where an edge's two corners disagree
//! the curve crosses it, at the point linear interpolation puts it. A cell
//! with two crossings holds one segment; a cell with four (a saddle between
//! diagonal corners) holds two, paired by the value at the cell's centre.

use crate::landscape::{Landscape, Point, Window};

/// All the segments of one level, in world coordinates.
#[derive(Clone, Debug, PartialEq)]
pub struct Contour {
    pub level: f64,
    pub segments: Vec<[Point; 2]>,
}

/// The contours of `landscape` over `window` at each of `levels`, traced on a
/// grid of `columns × rows` cells. Cells with a non-finite corner are
/// skipped, so a landscape that overflows somewhere still gets its lines
/// elsewhere.
pub fn contours(
    landscape: &dyn Landscape,
    window: &Window,
    columns: usize,
    rows: usize,
    levels: &[f64],
) -> Vec<Contour> {
    let columns = columns.max(1);
    let rows = rows.max(1);
    let xs: Vec<f64> = (0..=columns)
        .map(|i| window.x_min + i as f64 / columns as f64 * window.width())
        .collect();
    let ys: Vec<f64> = (0..=rows)
        .map(|j| window.y_min + j as f64 / rows as f64 * window.height())
        .collect();
    let mut grid = Vec::with_capacity(xs.len() * ys.len());
    for &y in &ys {
        grid.extend(xs.iter().map(|&x| landscape.loss([x, y])));
    }
    let at = |i: usize, j: usize| grid[j * (columns + 1) + i];

    let levels: Vec<f64> = levels.iter().copied().filter(|l| l.is_finite()).collect();
    let mut out: Vec<Contour> = levels
        .iter()
        .map(|&level| Contour {
            level,
            segments: Vec::new(),
        })
        .collect();
    // One pass over the cells; a cell only visits the levels between its
    // lowest and highest corner, which is what keeps this cheap.
    for j in 0..rows {
        for i in 0..columns {
            // Corners counter-clockwise from the bottom left.
            let corners = [
                ([xs[i], ys[j]], at(i, j)),
                ([xs[i + 1], ys[j]], at(i + 1, j)),
                ([xs[i + 1], ys[j + 1]], at(i + 1, j + 1)),
                ([xs[i], ys[j + 1]], at(i, j + 1)),
            ];
            if !corners.iter().all(|c| c.1.is_finite()) {
                continue;
            }
            let low = corners.iter().map(|c| c.1).fold(f64::INFINITY, f64::min);
            let high = corners
                .iter()
                .map(|c| c.1)
                .fold(f64::NEG_INFINITY, f64::max);
            for contour in out.iter_mut() {
                if (low..high).contains(&contour.level) {
                    trace_cell(landscape, &corners, contour.level, &mut contour.segments);
                }
            }
        }
    }
    out
}

/// Appends the segments of one cell at `level`.
fn trace_cell(
    landscape: &dyn Landscape,
    corners: &[(Point, f64); 4],
    level: f64,
    segments: &mut Vec<[Point; 2]>,
) {
    let above = corners.map(|c| c.1 > level);
    // The crossing on edge k (from corner k to corner k + 1), if any.
    let mut crossings: [Option<Point>; 4] = [None; 4];
    let mut count = 0;
    for k in 0..4 {
        let (a, b) = (corners[k], corners[(k + 1) % 4]);
        if above[k] != above[(k + 1) % 4] {
            let f = (level - a.1) / (b.1 - a.1);
            crossings[k] = Some([
                a.0[0] + f * (b.0[0] - a.0[0]),
                a.0[1] + f * (b.0[1] - a.0[1]),
            ]);
            count += 1;
        }
    }
    match count {
        2 => {
            let mut ends = crossings.iter().flatten();
            if let (Some(&p), Some(&q)) = (ends.next(), ends.next()) {
                segments.push([p, q]);
            }
        }
        4 => {
            let [Some(p0), Some(p1), Some(p2), Some(p3)] = crossings else {
                return;
            };
            let centre = [
                (corners[0].0[0] + corners[2].0[0]) / 2.0,
                (corners[0].0[1] + corners[2].0[1]) / 2.0,
            ];
            if (landscape.loss(centre) > level) == above[0] {
                // Corners 0 and 2 connect through the centre: cut off 1 and 3.
                segments.push([p0, p1]);
                segments.push([p2, p3]);
            } else {
                segments.push([p3, p0]);
                segments.push([p1, p2]);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::landscape::{self, catalogue};
    use crate::render::heatmap::LossScale;

    /// The largest |J(p) − level| over all segment ends.
    fn worst_miss(l: &dyn Landscape, cells: usize, levels: &[f64]) -> f64 {
        let w = l.window();
        contours(l, &w, cells, cells, levels)
            .iter()
            .flat_map(|c| {
                c.segments
                    .iter()
                    .flatten()
                    .map(|p| (l.loss(*p) - c.level).abs())
            })
            .fold(0.0, f64::max)
    }

    #[test]
    fn segment_ends_lie_on_their_level_within_the_interpolation_error() {
        // For a quadratic, linear interpolation along an edge of length h
        // misses by at most h²·λ/8, λ the curvature along that edge.
        for (name, curvature) in [("bowl", [1.0, 1.0]), ("ellipse", [1.0, 25.0])] {
            let l = landscape::by_name(name).unwrap();
            let w = l.window();
            let cells = 120;
            let h = [w.width() / cells as f64, w.height() / cells as f64];
            let bound = (h[0] * h[0] * curvature[0]).max(h[1] * h[1] * curvature[1]) / 8.0;
            let levels = [0.1, 0.5, 1.0, 2.0, 4.0];
            let miss = worst_miss(l, cells, &levels);
            assert!(
                miss <= bound * 1.0001,
                "{name}: misses by {miss}, bound {bound}"
            );
            let count: usize = contours(l, &w, cells, cells, &levels)
                .iter()
                .map(|c| c.segments.len())
                .sum();
            assert!(count > 100, "{name}: only {count} segments");
        }
    }

    #[test]
    fn contours_converge_on_every_landscape_as_the_grid_refines() {
        for l in catalogue() {
            let w = l.window();
            let mut samples = Vec::new();
            for j in 0..50 {
                for i in 0..50 {
                    let p = crate::render::heatmap::pixel_centre(&w, 50, 50, i, j);
                    samples.push(l.loss(p));
                }
            }
            let levels = LossScale::fit(&samples).contour_levels(8);
            let coarse = worst_miss(*l, 50, &levels);
            let fine = worst_miss(*l, 200, &levels);
            assert!(fine > 0.0 || coarse == 0.0);
            // Second order for smooth landscapes (16×), first order at a
            // kink such as Ackley's centre (4×).
            assert!(fine * 3.0 < coarse, "{}: {coarse} → {fine}", l.name());
        }
    }

    #[test]
    fn a_circle_of_the_bowl_has_the_right_length() {
        // ½r² = 2 is the circle r = 2, of length 4π.
        let l = landscape::by_name("bowl").unwrap();
        let c = &contours(l, &l.window(), 200, 200, &[2.0])[0];
        let length: f64 = c
            .segments
            .iter()
            .map(|[a, b]| (a[0] - b[0]).hypot(a[1] - b[1]))
            .sum();
        let expected = 4.0 * std::f64::consts::PI;
        assert!((length - expected).abs() < 1e-3 * expected, "{length}");
    }

    #[test]
    fn levels_outside_the_window_and_garbage_levels_give_no_segments() {
        let l = landscape::by_name("bowl").unwrap();
        let out = contours(l, &l.window(), 40, 40, &[-1.0, 1e9, f64::NAN]);
        assert_eq!(out.len(), 2, "NaN is dropped");
        assert!(out.iter().all(|c| c.segments.is_empty()));
        // Zero cells is clamped to one, not a division by zero.
        let one = contours(l, &l.window(), 0, 0, &[1.0]);
        assert_eq!(one.len(), 1);
    }
}
