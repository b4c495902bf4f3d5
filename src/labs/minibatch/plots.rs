//! The numbers of the mini-batch lab's three small plots, worked out here
//! so the view only draws them: the cloud of mini-batch gradients around
//! the true gradient, their variance against B, and the measured time per
//! epoch against B.

use super::gradients::{gradient_cloud, gradient_variance, gradient_variance_exact};
use super::regression::{RegressionData, RegressionLoss};
use crate::landscape::{Landscape, Point};

/// Mini-batch gradients drawn for the cloud and its measured variance.
pub const CLOUD_SAMPLES: usize = 300;
/// Draws per measured point of the variance plot.
pub const VARIANCE_SAMPLES: usize = 200;

/// `CLOUD_SAMPLES` mini-batch gradients of size k, and as many of size 1,
/// at one point, around the true gradient there.
#[derive(Clone, Debug, PartialEq)]
pub struct Cloud {
    /// k.
    pub batch_size: usize,
    /// Where the gradients are taken, and ∇J there.
    pub point: Point,
    pub gradient: Point,
    /// The gradients of size 1 and of size k.
    pub single: Vec<Point>,
    pub batch: Vec<Point>,
    /// The axes: ∇J ± 2.5 times the size-1 cloud's root-mean-square spread
    /// along each (at least 1e-9), fixed by the size-1 cloud so that the
    /// size-k cloud's shrinking shows. Not the farthest outliers, which
    /// would squeeze the rest into the centre.
    pub x_range: [f64; 2],
    pub y_range: [f64; 2],
    /// E‖ĝ − ∇J‖² measured over the size-k cloud, exactly for size k
    /// (`gradient_variance_exact`), and measured over the size-1 cloud.
    pub variance: f64,
    pub variance_exact: f64,
    pub variance_single: f64,
}

/// The mean of ‖c − g‖² over the cloud.
fn mean_spread(cloud: &[Point], g: Point) -> f64 {
    cloud
        .iter()
        .map(|c| (c[0] - g[0]).powi(2) + (c[1] - g[1]).powi(2))
        .sum::<f64>()
        / cloud.len().max(1) as f64
}

impl Cloud {
    /// The clouds at `point` for batch size `batch_size`, drawn from
    /// streams derived from `seed`.
    pub fn new(loss: &RegressionLoss, point: Point, batch_size: usize, seed: u64) -> Self {
        let data = loss.data();
        let g = loss.gradient(point);
        let single = gradient_cloud(data, point, 1, CLOUD_SAMPLES, seed ^ 0xc10d);
        let batch = gradient_cloud(data, point, batch_size, CLOUD_SAMPLES, seed ^ 0xc10e);
        let rms = |k: usize| {
            (single
                .iter()
                .map(|c| (c[k] - g[k]).powi(2))
                .filter(|d| d.is_finite())
                .sum::<f64>()
                / single.len().max(1) as f64)
                .sqrt()
        };
        let (rx, ry) = ((2.5 * rms(0)).max(1e-9), (2.5 * rms(1)).max(1e-9));
        Cloud {
            batch_size,
            point,
            gradient: g,
            x_range: [g[0] - rx, g[0] + rx],
            y_range: [g[1] - ry, g[1] + ry],
            variance: mean_spread(&batch, g),
            variance_exact: gradient_variance_exact(data, point, batch_size),
            variance_single: mean_spread(&single, g),
            single,
            batch,
        }
    }
}

/// The variance of the mini-batch gradient against B on log–log axes: the
/// exact (N − B)/(B(N − 1))·σ₁² curve, values measured at powers of two,
/// the 1/B line for reference, and the current k. B = N (no noise at all)
/// is off a log scale and left out.
#[derive(Clone, Debug, PartialEq)]
pub struct VariancePlot {
    /// B from 1 to 1.2·(N − 1), and the variance from half the smallest
    /// shown (but no less than 10⁻⁶·σ₁²/2) to 2σ₁²; both log scales.
    pub x_range: [f64; 2],
    pub y_range: [f64; 2],
    /// (B, exact variance) at 61 log-spaced B from 1 to N − 1, rounded to
    /// whole batch sizes.
    pub curve: Vec<[f64; 2]>,
    /// σ₁²/B: from (1, σ₁²) to (N − 1, σ₁²/(N − 1)).
    pub reference: [[f64; 2]; 2],
    /// (B, measured variance) at B = 1, 2, 4, … below N, from
    /// `VARIANCE_SAMPLES` draws each.
    pub measured: Vec<[f64; 2]>,
    /// (k, exact variance), unless k = N.
    pub current: Option<[f64; 2]>,
}

impl VariancePlot {
    /// The plot at `point`, k = `batch_size`, measured from streams derived
    /// from `seed`.
    pub fn new(data: &RegressionData, point: Point, batch_size: usize, seed: u64) -> Self {
        let n = data.len();
        let exact = |b: usize| gradient_variance_exact(data, point, b);
        let single = exact(1);
        let top_b = (n - 1).max(1);
        let low = exact(top_b).max(single * 1e-6);
        const SAMPLES: usize = 60;
        let curve = (0..=SAMPLES)
            .map(|i| {
                let b = (top_b as f64)
                    .powf(i as f64 / SAMPLES as f64)
                    .round()
                    .max(1.0);
                [b, exact(b as usize)]
            })
            .collect();
        let measured = std::iter::successors(Some(1usize), |b| Some(b * 2))
            .take_while(|&b| b < n)
            .map(|b| {
                let v = gradient_variance(data, point, b, VARIANCE_SAMPLES, seed ^ b as u64);
                [b as f64, v]
            })
            .collect();
        VariancePlot {
            x_range: [1.0, top_b as f64 * 1.2],
            y_range: [low / 2.0, single * 2.0],
            curve,
            reference: [[1.0, single], [top_b as f64, single / top_b as f64]],
            measured,
            current: (batch_size < n).then(|| [batch_size as f64, exact(batch_size)]),
        }
    }
}

/// Time per epoch against batch size, as measured on the page.
#[derive(Clone, Debug, PartialEq)]
pub struct EpochTimes {
    /// (B, ms per epoch) for each measurement that is a finite B ≥ 1 and a
    /// finite time > 0, in the order given.
    pub points: Vec<[f64; 2]>,
    /// B from 0.8 to 1.25 times the largest (at least 2); ms from the
    /// fastest ÷ 1.5 to the slowest × 1.5 (1 if none). Both log scales.
    pub x_range: [f64; 2],
    pub y_range: [f64; 2],
}

/// `batches[i]` took `ms[i]` per epoch; pairs past the shorter list, and
/// pairs that are not a measurement, are left out.
pub fn epoch_times(batches: &[f64], ms: &[f64]) -> EpochTimes {
    let points: Vec<[f64; 2]> = batches
        .iter()
        .zip(ms)
        .map(|(&b, &t)| [b, t])
        .filter(|[b, t]| b.is_finite() && *b >= 1.0 && t.is_finite() && *t > 0.0)
        .collect();
    let (b_hi, t_hi) = points
        .iter()
        .fold((2.0f64, 0.0f64), |(b, t), p| (b.max(p[0]), t.max(p[1])));
    let t_lo = points.iter().map(|p| p[1]).fold(f64::INFINITY, f64::min);
    EpochTimes {
        points,
        x_range: [0.8, b_hi * 1.25],
        y_range: [t_lo / 1.5, if t_hi > 0.0 { t_hi * 1.5 } else { 1.0 }],
    }
}
