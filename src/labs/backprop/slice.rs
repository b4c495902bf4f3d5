//! The slice of J along one weight, the other held fixed: the curve, its
//! tangent at the current weight (whose slope is the chain rule's ∂J/∂w),
//! and a nudge δ showing where the loss really goes against where the
//! tangent says it goes. Plain numbers, for the view to draw as they are.

use super::network::{ChainNetwork, Weight};
use crate::landscape::{Landscape, Point};

/// The curve is sampled at this many intervals across the slice's range.
pub const SLICE_SAMPLES: usize = 240;

/// J(w) along one weight around its current value.
#[derive(Clone, Debug, PartialEq)]
pub struct Slice {
    /// The weight the slice runs along.
    pub weight: Weight,
    /// That weight's current value, J there, and ∂J/∂w there by the chain
    /// rule: the tangent's point of contact and its slope.
    pub at: f64,
    pub loss: f64,
    pub slope: f64,
    /// (w, J(w)) at `SLICE_SAMPLES + 1` evenly spaced values across
    /// `x_range`, ends included.
    pub curve: Vec<[f64; 2]>,
    /// The tangent J(w) + ∂J/∂w·(t − w) at the two ends of `x_range`.
    pub tangent: [[f64; 2]; 2],
    /// The nudge δ, and the nudged weight w + δ.
    pub delta: f64,
    pub nudged: f64,
    /// J(w + δ): where the loss really goes.
    pub actual: f64,
    /// J(w) + ∂J/∂w·δ: where the tangent says it goes.
    pub predicted: f64,
    /// The weight's range: w ± max(1.5, 1.3·|δ|), wide enough to show the
    /// nudge.
    pub x_range: [f64; 2],
    /// J's range: from min(0, predicted) to the highest of the curve and
    /// the prediction, padded by 6% of its height each side. The tangent's
    /// nudged point is kept in view even below zero: that is where it
    /// misses most visibly.
    pub y_range: [f64; 2],
}

impl Slice {
    /// The slice of `network`'s J along `which` at `weights`, nudged by
    /// `delta`.
    pub fn new(network: &ChainNetwork, weights: Point, which: Weight, delta: f64) -> Self {
        let i = which.index();
        let w = weights[i];
        let v = network.values(weights);
        let slope = [v.dloss_dw1, v.dloss_dw2][i];
        let along = |t: f64| {
            let mut p = weights;
            p[i] = t;
            network.loss(p)
        };
        let half = 1.5f64.max(delta.abs() * 1.3);
        let (low, high) = (w - half, w + half);
        let curve: Vec<[f64; 2]> = (0..=SLICE_SAMPLES)
            .map(|k| {
                let t = low + (high - low) * k as f64 / SLICE_SAMPLES as f64;
                [t, along(t)]
            })
            .collect();
        let tangent = [low, high].map(|t| [t, v.loss + slope * (t - w)]);
        let nudged = w + delta;
        let predicted = v.loss + slope * delta;
        let top = curve
            .iter()
            .map(|c| c[1])
            .filter(|c| c.is_finite())
            .fold(0.0f64, f64::max)
            .max(predicted)
            .max(1e-6);
        let bottom = predicted.min(0.0);
        let pad = 0.06 * (top - bottom);
        Slice {
            weight: which,
            at: w,
            loss: v.loss,
            slope,
            curve,
            tangent,
            delta,
            nudged,
            actual: along(nudged),
            predicted,
            x_range: [low, high],
            y_range: [bottom - pad, top + pad],
        }
    }

    /// actual − predicted: the tangent's miss, which shrinks like δ².
    pub fn gap(&self) -> f64 {
        self.actual - self.predicted
    }
}
