//! The statistics of mini-batch gradients: a cloud of estimates, and their
//! variance around the true gradient, measured and exact.

use super::regression::RegressionData;
use crate::landscape::Point;
use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};

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
