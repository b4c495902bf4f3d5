//! The lab's model: points on a noisy line, and the exact loss of fitting
//! a line y ≈ w₀ + w₁x to them, J(w₀, w₁), a 2D landscape.

use crate::landscape::{Landscape, Point, Window};
use crate::random::normal;
use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};

/// Points (xᵢ, yᵢ) with yᵢ = a + b·xᵢ + noise, xᵢ ~ U(−1, 1).
#[derive(Clone, Debug, PartialEq)]
pub struct RegressionData {
    pub x: Vec<f64>,
    pub y: Vec<f64>,
}

impl RegressionData {
    /// `n` points on the line y = 1 + 2x (so the minimum sits at (1, 2))
    /// plus N(0, noise²).
    pub fn generate(n: usize, noise: f64, seed: u64) -> Self {
        let mut rng = StdRng::seed_from_u64(seed);
        let x: Vec<f64> = (0..n).map(|_| rng.random::<f64>() * 2.0 - 1.0).collect();
        let y = x
            .iter()
            .map(|x| 1.0 + 2.0 * x + noise * normal(&mut rng))
            .collect();
        RegressionData { x, y }
    }

    pub fn len(&self) -> usize {
        self.x.len()
    }

    pub fn is_empty(&self) -> bool {
        self.x.is_empty()
    }

    /// The gradient of the mean squared error over the samples `batch`:
    /// (2/B)·Σ (w₀ + w₁xᵢ − yᵢ)·(1, xᵢ).
    pub fn gradient(&self, w: Point, batch: &[usize]) -> Point {
        let mut g = [0.0; 2];
        for &i in batch {
            let r = w[0] + w[1] * self.x[i] - self.y[i];
            g[0] += r;
            g[1] += r * self.x[i];
        }
        let scale = 2.0 / batch.len() as f64;
        [g[0] * scale, g[1] * scale]
    }
}

/// J(w₀, w₁) = (1/N)·Σ (w₀ + w₁xᵢ − yᵢ)², the exact (full-batch) loss.
#[derive(Clone, Debug)]
pub struct RegressionLoss {
    data: RegressionData,
    minimum: [Point; 1],
    /// Σx/N, Σx²/N, Σy/N, Σxy/N, Σy²/N: J is quadratic, so these five
    /// numbers give it everywhere in O(1).
    moments: [f64; 5],
}

impl RegressionLoss {
    pub fn new(data: RegressionData) -> Self {
        let n = data.len() as f64;
        let mean = |f: &dyn Fn(usize) -> f64| (0..data.len()).map(f).sum::<f64>() / n;
        let (x, y) = (&data.x, &data.y);
        let moments = [
            mean(&|i| x[i]),
            mean(&|i| x[i] * x[i]),
            mean(&|i| y[i]),
            mean(&|i| x[i] * y[i]),
            mean(&|i| y[i] * y[i]),
        ];
        let [mx, mxx, my, mxy, _] = moments;
        // Normal equations: [1 mx; mx mxx]·w = [my; mxy].
        let det = mxx - mx * mx;
        let w1 = (mxy - mx * my) / det;
        let w0 = my - w1 * mx;
        RegressionLoss {
            data,
            minimum: [[w0, w1]],
            moments,
        }
    }

    pub fn data(&self) -> &RegressionData {
        &self.data
    }
}

impl Landscape for RegressionLoss {
    fn name(&self) -> &'static str {
        "linear_regression"
    }
    fn formula(&self) -> &'static str {
        "J(w₀, w₁) = (1/N)·Σᵢ (w₀ + w₁xᵢ − yᵢ)²"
    }
    fn note(&self) -> &'static str {
        "The exact loss of fitting a line: every mini-batch gradient is a noisy estimate of its gradient."
    }
    fn window(&self) -> Window {
        let [w0, w1] = self.minimum[0];
        Window::new(w0 - 3.0, w0 + 3.0, w1 - 3.0, w1 + 3.0)
    }
    fn minima(&self) -> &[Point] {
        &self.minimum
    }
    fn start(&self) -> Point {
        let [w0, w1] = self.minimum[0];
        [w0 - 2.5, w1 - 2.0]
    }
    fn loss(&self, [w0, w1]: Point) -> f64 {
        let [mx, mxx, my, mxy, myy] = self.moments;
        // Expand (w₀ + w₁x − y)² and average term by term.
        w0 * w0 + w1 * w1 * mxx + myy + 2.0 * w0 * w1 * mx - 2.0 * w0 * my - 2.0 * w1 * mxy
    }
    fn gradient(&self, [w0, w1]: Point) -> Point {
        let [mx, mxx, my, mxy, _] = self.moments;
        [2.0 * (w0 + w1 * mx - my), 2.0 * (w0 * mx + w1 * mxx - mxy)]
    }
    fn axis_names(&self) -> [&'static str; 2] {
        ["w₀", "w₁"]
    }
    fn hessian_eigenvalues(&self) -> Option<[f64; 2]> {
        // H = 2·[1 mx; mx mxx].
        let [mx, mxx, ..] = self.moments;
        let (tr, det) = (2.0 * (1.0 + mxx), 4.0 * (mxx - mx * mx));
        let disc = (tr * tr / 4.0 - det).max(0.0).sqrt();
        Some([tr / 2.0 - disc, tr / 2.0 + disc])
    }
}
