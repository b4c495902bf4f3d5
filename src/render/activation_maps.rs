//! What a network computes, as pictures over its input plane: each unit's
//! activation as a small heatmap (TF Playground's network diagram) and the
//! output as the decision boundary. Pure data: RGBA buffers the web layer
//! blits, and the values behind them, so they can be tested natively.
//!
//! Colours follow TF Playground: orange for negative values, blue for
//! positive, near-white at zero. Classification labels use the same pair
//! (class 0 orange, class 1 blue), so a point sits on its own colour when
//! the boundary is right.

use crate::landscape::Window;
use crate::nn::{Activation, Network};
use nalgebra::DMatrix;

const NEGATIVE: [f64; 3] = [245.0, 147.0, 34.0];
const ZERO: [f64; 3] = [232.0, 234.0, 235.0];
const POSITIVE: [f64; 3] = [8.0, 119.0, 189.0];

/// The colour of a value `v` ∈ [−1, 1] (clamped; NaN is zero).
pub fn diverging(v: f64) -> [u8; 3] {
    let v = if v.is_finite() {
        v.clamp(-1.0, 1.0)
    } else {
        0.0
    };
    let (end, t) = if v < 0.0 {
        (NEGATIVE, -v)
    } else {
        (POSITIVE, v)
    };
    let mix = |k: usize| (ZERO[k] + (end[k] - ZERO[k]) * t).round() as u8;
    [mix(0), mix(1), mix(2)]
}

/// The centres of an `n × n` grid over `window`, top row first (y falls
/// down the picture), as network inputs: one column per point. With one
/// input only x matters, so the grid is one row of `n` points.
pub fn input_grid(inputs: usize, window: &Window, n: usize) -> DMatrix<f64> {
    let n = n.max(1);
    let at = |lo: f64, hi: f64, i: usize| lo + (hi - lo) * (i as f64 + 0.5) / n as f64;
    if inputs == 1 {
        return DMatrix::from_fn(1, n, |_, c| at(window.x_min, window.x_max, c));
    }
    DMatrix::from_fn(2, n * n, |r, c| {
        let (row, col) = (c / n, c % n);
        if r == 0 {
            at(window.x_min, window.x_max, col)
        } else {
            at(window.y_max, window.y_min, row)
        }
    })
}

/// Values of one unit over the grid, brought to [−1, 1] for colouring:
/// bounded activations by their range, unbounded ones (relu, linear) by
/// their largest magnitude on the grid, so every unit shows its shape.
fn normalise(values: &[f64], activation: Option<Activation>) -> Vec<f64> {
    match activation {
        Some(Activation::Tanh) => values.to_vec(),
        // Sigmoid units and the output probability live in [0, 1].
        Some(Activation::Sigmoid) | None => values.iter().map(|a| 2.0 * a - 1.0).collect(),
        Some(Activation::Relu) | Some(Activation::Linear) => {
            let top = values
                .iter()
                .filter(|v| v.is_finite())
                .fold(0.0f64, |m, v| m.max(v.abs()));
            let top = if top > 1e-12 { top } else { 1.0 };
            values.iter().map(|a| a / top).collect()
        }
    }
}

/// An RGBA picture `n × n` of values on the grid (row-major; a 1D grid of
/// `n` values is stretched into vertical stripes).
fn picture(values: &[f64], n: usize, lighten: f64) -> Vec<u8> {
    // A table of the colours at 1/512 steps: far finer than the eye sees,
    // and it spares every pixel its own colour arithmetic.
    const STEPS: usize = 1024;
    let light = |c: u8| (c as f64 + (255.0 - c as f64) * lighten).round() as u8;
    let table: Vec<[u8; 4]> = (0..=STEPS)
        .map(|k| {
            let [r, g, b] = diverging(2.0 * k as f64 / STEPS as f64 - 1.0);
            [light(r), light(g), light(b), 255]
        })
        .collect();
    let colour = |v: f64| {
        let v = if v.is_finite() {
            v.clamp(-1.0, 1.0)
        } else {
            0.0
        };
        table[((v + 1.0) * 0.5 * STEPS as f64).round() as usize]
    };
    let mut rgba = Vec::with_capacity(n * n * 4);
    let one_d = values.len() == n && n > 1;
    for row in 0..n {
        for col in 0..n {
            let v = if one_d {
                values[col]
            } else {
                values[row * n + col]
            };
            rgba.extend_from_slice(&colour(v));
        }
    }
    rgba
}

/// Every unit's activation as an `n × n` RGBA tile: `tiles[l][u]`, layer
/// 0 being the inputs themselves, then the hidden layers, then the output
/// (its probability for classification, its prediction for regression).
pub fn unit_tiles(network: &Network, window: &Window, n: usize) -> Vec<Vec<Vec<u8>>> {
    let n = n.max(1);
    let inputs = network.sizes()[0];
    let grid = input_grid(inputs, window, n);
    let mut out = Vec::with_capacity(network.sizes().len());
    let half = [
        (window.x_max - window.x_min) / 2.0,
        (window.y_max - window.y_min) / 2.0,
    ];
    out.push(
        (0..inputs)
            .map(|i| {
                let centre = if i == 0 {
                    (window.x_max + window.x_min) / 2.0
                } else {
                    (window.y_max + window.y_min) / 2.0
                };
                let values: Vec<f64> = grid.row(i).iter().map(|x| (x - centre) / half[i]).collect();
                picture(&values, n, 0.0)
            })
            .collect(),
    );
    let layers = network.activations(&grid);
    let last = layers.len() - 1;
    for (l, matrix) in layers.iter().enumerate() {
        let activation = if l == last {
            output_kind(network)
        } else {
            Some(network.activation())
        };
        let tiles = (0..matrix.nrows())
            .map(|u| {
                let values: Vec<f64> = matrix.row(u).iter().copied().collect();
                picture(&normalise(&values, activation), n, 0.0)
            })
            .collect();
        out.push(tiles);
    }
    out
}

/// How the output unit is coloured: a probability (None) for
/// classification, a value scaled like a linear unit for regression.
fn output_kind(network: &Network) -> Option<Activation> {
    match network.loss_kind() {
        crate::nn::Loss::BinaryCrossentropy => None,
        crate::nn::Loss::MeanSquaredError => Some(Activation::Linear),
    }
}

/// How much the decision map is lightened towards white, so data points
/// drawn over it stand out.
pub const BOUNDARY_LIGHTEN: f64 = 0.35;

/// The decision boundary of a two-input classifier: P(class 1) on an
/// `n × n` grid over `window`, as an RGBA picture (lightened), plus the
/// probabilities.
pub fn decision_map(network: &Network, window: &Window, n: usize) -> (Vec<u8>, Vec<f64>) {
    let n = n.max(1);
    let grid = input_grid(network.sizes()[0], window, n);
    let p = network.predict(&grid);
    let v: Vec<f64> = p.iter().map(|p| 2.0 * p - 1.0).collect();
    (picture(&v, n, BOUNDARY_LIGHTEN), p)
}

/// The decision boundary drawn at `size × size` pixels from an `n × n`
/// grid of the network's probabilities.
pub fn decision_picture(network: &Network, window: &Window, n: usize, size: usize) -> Vec<u8> {
    let (_, p) = decision_map(network, window, n);
    let v: Vec<f64> = p.iter().map(|p| 2.0 * p - 1.0).collect();
    smooth_picture(&v, n.max(1), size, BOUNDARY_LIGHTEN)
}

/// Values on an `n × n` grid resampled to `size × size` pixels by bilinear
/// interpolation, then coloured: a smooth boundary from a coarse grid, so
/// the network is evaluated at a few thousand points, not at every pixel.
pub fn smooth_picture(values: &[f64], n: usize, size: usize, lighten: f64) -> Vec<u8> {
    let n = n.max(1);
    let size = size.max(1);
    if values.len() != n * n {
        return vec![0; size * size * 4];
    }
    // Pixel centres in grid coordinates, clamped to the outer grid centres.
    let coordinate = |k: usize| {
        let u = (k as f64 + 0.5) * n as f64 / size as f64 - 0.5;
        let u = u.clamp(0.0, (n - 1) as f64);
        let i = (u.floor() as usize).min(n.saturating_sub(2));
        (i, u - i as f64)
    };
    let columns: Vec<(usize, f64)> = (0..size).map(coordinate).collect();
    let mut resampled = Vec::with_capacity(size * size);
    for row in 0..size {
        let (r, fr) = coordinate(row);
        let r1 = (r + 1).min(n - 1);
        for &(c, fc) in &columns {
            let c1 = (c + 1).min(n - 1);
            let top = values[r * n + c] * (1.0 - fc) + values[r * n + c1] * fc;
            let bottom = values[r1 * n + c] * (1.0 - fc) + values[r1 * n + c1] * fc;
            resampled.push(top * (1.0 - fr) + bottom * fr);
        }
    }
    picture(&resampled, size, lighten)
}

/// A regression network's prediction ŷ(x) at `n` points across `window`:
/// `(xs, ys)`.
pub fn fitted_curve(network: &Network, window: &Window, n: usize) -> (Vec<f64>, Vec<f64>) {
    let grid = input_grid(1, window, n.max(2));
    let ys = network.predict(&grid);
    (grid.iter().copied().collect(), ys)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nn::{Initializer, Loss};

    fn classifier(hidden: &[usize], activation: Activation) -> Network {
        Network::new(
            2,
            hidden,
            activation,
            Loss::BinaryCrossentropy,
            0.0,
            0.0,
            Initializer::GlorotUniform,
            7,
        )
    }

    #[test]
    fn colours_run_from_orange_through_white_to_blue() {
        assert_eq!(diverging(-1.0), [245, 147, 34]);
        assert_eq!(diverging(0.0), [232, 234, 235]);
        assert_eq!(diverging(1.0), [8, 119, 189]);
        assert_eq!(diverging(5.0), diverging(1.0));
        assert_eq!(diverging(f64::NAN), diverging(0.0));
        // Blue grows monotonically with the value on the positive side.
        assert!(diverging(0.3)[0] > diverging(0.6)[0]);
    }

    #[test]
    fn the_grid_runs_left_to_right_and_top_to_bottom() {
        let w = Window::new(-1.0, 1.0, -2.0, 2.0);
        let g = input_grid(2, &w, 4);
        assert_eq!(g.ncols(), 16);
        assert!((g[(0, 0)] - -0.75).abs() < 1e-12 && (g[(1, 0)] - 1.5).abs() < 1e-12);
        assert!((g[(0, 15)] - 0.75).abs() < 1e-12 && (g[(1, 15)] - -1.5).abs() < 1e-12);
        assert_eq!(input_grid(1, &w, 5).ncols(), 5);
    }

    #[test]
    fn there_is_one_tile_per_unit_and_each_has_n_squared_pixels() {
        let net = classifier(&[5, 3], Activation::Relu);
        let tiles = unit_tiles(&net, &Window::new(-1.6, 1.6, -1.6, 1.6), 6);
        let counts: Vec<usize> = tiles.iter().map(Vec::len).collect();
        assert_eq!(counts, vec![2, 5, 3, 1]);
        for layer in &tiles {
            for tile in layer {
                assert_eq!(tile.len(), 6 * 6 * 4);
            }
        }
        // The x input tile is orange on the left and blue on the right.
        let x = &tiles[0][0];
        assert!(x[0] > x[2], "left edge should be orange, got {:?}", &x[..4]);
        let right = (6 - 1) * 4;
        assert!(x[right + 2] > x[right], "right edge should be blue");
    }

    #[test]
    fn the_output_tile_matches_the_decision_map_before_lightening() {
        let net = classifier(&[4], Activation::Tanh);
        let w = Window::new(-1.6, 1.6, -1.6, 1.6);
        let tiles = unit_tiles(&net, &w, 5);
        let (_, p) = decision_map(&net, &w, 5);
        let out = tiles.last().unwrap()[0].clone();
        // Equal up to the colour table's step (one unit per channel).
        for (k, p) in p.iter().enumerate() {
            let want = diverging(2.0 * p - 1.0);
            for c in 0..3 {
                let d = (out[k * 4 + c] as i32 - want[c] as i32).abs();
                assert!(
                    d <= 1,
                    "pixel {k} channel {c}: {} vs {}",
                    out[k * 4 + c],
                    want[c]
                );
            }
        }
    }

    #[test]
    fn relu_tiles_use_the_full_colour_range() {
        let net = classifier(&[6], Activation::Relu);
        let tiles = unit_tiles(&net, &Window::new(-1.6, 1.6, -1.6, 1.6), 12);
        // Some unit reaches full blue somewhere: scaled by its own maximum.
        let full = tiles[1]
            .iter()
            .any(|t| t.chunks_exact(4).any(|px| px[..3] == diverging(1.0)));
        assert!(full);
    }

    #[test]
    fn smoothing_keeps_grid_values_at_grid_centres_and_blends_between() {
        // A 2 × 2 grid drawn at 4 × 4: the corners keep the grid values,
        // and the middle pixels blend their neighbours.
        let v = [-1.0, 1.0, 1.0, -1.0];
        let rgba = smooth_picture(&v, 2, 4, 0.0);
        assert_eq!(rgba.len(), 4 * 4 * 4);
        assert_eq!(&rgba[..3], &diverging(-1.0));
        let last = (4 * 4 - 1) * 4;
        assert_eq!(&rgba[last..last + 3], &diverging(-1.0));
        let top_right = 3 * 4;
        assert_eq!(&rgba[top_right..top_right + 3], &diverging(1.0));
        // Pixel (row 0, col 1) sits a quarter of the way from −1 to 1.
        assert_eq!(&rgba[4..7], &diverging(-0.5));
        // Wrong sizes give a blank picture, never a panic.
        assert_eq!(smooth_picture(&v, 3, 2, 0.0), vec![0; 16]);
    }

    #[test]
    fn a_regression_curve_has_the_network_prediction() {
        let net = Network::new(
            1,
            &[3],
            Activation::Tanh,
            Loss::MeanSquaredError,
            0.0,
            0.0,
            Initializer::GlorotUniform,
            1,
        );
        let (xs, ys) = fitted_curve(&net, &Window::new(-1.2, 1.2, -1.2, 1.2), 50);
        assert_eq!(xs.len(), 50);
        assert!(xs.windows(2).all(|w| w[1] > w[0]));
        let direct = net.predict(&DMatrix::from_row_slice(1, 1, &[xs[10]]));
        assert_eq!(direct[0], ys[10]);
    }
}
