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
