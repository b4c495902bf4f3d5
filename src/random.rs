//! Seeded random draws the engine shares: initial weights, data sets and
//! random starts all take their normals from here, so a seed means the
//! same numbers everywhere.

use rand::rngs::StdRng;
use rand::RngExt;

/// A standard normal draw by Box–Muller (two uniforms, one normal kept),
/// so the engine needs no distribution crate.
pub fn normal(rng: &mut StdRng) -> f64 {
    // 1 − u lies in (0, 1], so the logarithm is finite.
    let u1: f64 = 1.0 - rng.random::<f64>();
    let u2: f64 = rng.random::<f64>();
    (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
}
