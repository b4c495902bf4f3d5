//! The mini-batch lab: linear regression y ≈ w₀ + w₁x, small enough that
//! its exact loss J(w₀, w₁) is a 2D landscape we can draw, so that full-batch
//! gradient descent, SGD (B = 1) and mini-batches (B = k) can be watched
//! walking the same surface.
//!
//! The lecture's claims, each measurable here:
//! - B = 1 is cheap per step but noisy: its path wanders around the
//!   full-batch path;
//! - a mini-batch gradient is an unbiased estimate of the true gradient
//!   whose variance falls roughly as 1/B (exactly as (N − B)/(B·(N − 1))
//!   times the single-sample variance, sampling without replacement).

use crate::landscape::{Landscape, Point, Window};
use crate::optim::{Optimizer, OptimizerConfig};
use crate::run::trajectory::normal;
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

/// One run of mini-batch gradient descent on the regression: each epoch
/// reshuffles the samples (from its own seeded stream) and steps once per
/// batch of `batch_size`.
pub struct MiniBatchRun {
    pub batch_size: usize,
    optimizer: Optimizer,
    rng: StdRng,
    order: Vec<usize>,
    cursor: usize,
    point: Point,
    /// Interleaved points [w₀, w₁, …], one per step, start included.
    path: Vec<f64>,
    /// The exact loss J at each point.
    loss: Vec<f64>,
    diverged: bool,
}

impl MiniBatchRun {
    pub fn new(
        landscape: &RegressionLoss,
        start: Point,
        batch_size: usize,
        config: OptimizerConfig,
        seed: u64,
    ) -> Self {
        let n = landscape.data().len();
        let batch_size = batch_size.clamp(1, n);
        let mut run = MiniBatchRun {
            batch_size,
            optimizer: Optimizer::new(config, None, 2),
            rng: StdRng::seed_from_u64(seed),
            order: (0..n).collect(),
            cursor: n,
            point: start,
            path: start.to_vec(),
            loss: vec![landscape.loss(start)],
            diverged: false,
        };
        run.cursor = run.order.len();
        run
    }

    /// One step on the next mini-batch; false once the run diverged.
    pub fn step(&mut self, landscape: &RegressionLoss) -> bool {
        if self.diverged {
            return false;
        }
        if self.cursor >= self.order.len() {
            for i in (1..self.order.len()).rev() {
                let j = self.rng.random_range(0..=i);
                self.order.swap(i, j);
            }
            self.cursor = 0;
        }
        let end = (self.cursor + self.batch_size).min(self.order.len());
        let g = landscape
            .data()
            .gradient(self.point, &self.order[self.cursor..end]);
        self.cursor = end;
        let mut p = self.point;
        let stepped = self.optimizer.step(&mut p, &g);
        let loss = landscape.loss(p);
        if !(stepped && p.iter().all(|c| c.is_finite() && c.abs() < 1e6) && loss.is_finite()) {
            self.diverged = true;
            return false;
        }
        self.point = p;
        self.path.extend_from_slice(&p);
        self.loss.push(loss);
        true
    }

    pub fn path(&self) -> &[f64] {
        &self.path
    }

    pub fn loss(&self) -> &[f64] {
        &self.loss
    }

    pub fn point(&self) -> Point {
        self.point
    }

    pub fn diverged(&self) -> bool {
        self.diverged
    }

    pub fn steps(&self) -> usize {
        self.loss.len() - 1
    }

    /// Epochs completed (steps × B / N).
    pub fn epochs(&self) -> f64 {
        (self.steps() * self.batch_size) as f64 / self.order.len() as f64
    }

    pub fn set_learning_rate(&mut self, learning_rate: f64) {
        if learning_rate.is_finite() && learning_rate > 0.0 {
            self.optimizer.set_learning_rate(learning_rate);
        }
    }
}

/// `samples` mini-batch gradient estimates of size `batch_size` at `w`,
/// each batch drawn without replacement.
pub fn gradient_cloud(
    data: &RegressionData,
    w: Point,
    batch_size: usize,
    samples: usize,
    seed: u64,
) -> Vec<Point> {
    let n = data.len();
    let b = batch_size.clamp(1, n);
    let mut rng = StdRng::seed_from_u64(seed);
    let mut order: Vec<usize> = (0..n).collect();
    (0..samples)
        .map(|_| {
            // A partial Fisher–Yates shuffle draws b distinct samples.
            for i in 0..b {
                let j = rng.random_range(i..n);
                order.swap(i, j);
            }
            data.gradient(w, &order[..b])
        })
        .collect()
}

/// The spread of the mini-batch gradient around the true gradient:
/// E‖ĝ_B − ∇J‖², estimated from `samples` draws.
pub fn gradient_variance(
    data: &RegressionData,
    w: Point,
    batch_size: usize,
    samples: usize,
    seed: u64,
) -> f64 {
    let all: Vec<usize> = (0..data.len()).collect();
    let g = data.gradient(w, &all);
    let cloud = gradient_cloud(data, w, batch_size, samples, seed);
    cloud
        .iter()
        .map(|c| (c[0] - g[0]).powi(2) + (c[1] - g[1]).powi(2))
        .sum::<f64>()
        / cloud.len() as f64
}

/// The exact variance E‖ĝ_B − ∇J‖² for batches drawn without replacement:
/// σ₁²·(N − B)/(B·(N − 1)), where σ₁² is the single-sample variance.
pub fn gradient_variance_exact(data: &RegressionData, w: Point, batch_size: usize) -> f64 {
    let n = data.len();
    let all: Vec<usize> = (0..n).collect();
    let g = data.gradient(w, &all);
    let single = (0..n)
        .map(|i| {
            let gi = data.gradient(w, &[i]);
            (gi[0] - g[0]).powi(2) + (gi[1] - g[1]).powi(2)
        })
        .sum::<f64>()
        / n as f64;
    let b = batch_size.clamp(1, n) as f64;
    let n = n as f64;
    if n <= 1.0 {
        return 0.0;
    }
    single * (n - b) / (b * (n - 1.0))
}
