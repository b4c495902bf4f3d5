//! Rosenbrock's banana: J(x, y) = (1 − x)² + 100·(y − x²)².
//!
//! Window [−2, 2] × [−1, 3]; one minimum at (1, 1), at the end of a long,
//! flat, curved valley.

use super::{Landscape, Point, Window};

pub struct Rosenbrock;

impl Landscape for Rosenbrock {
    fn name(&self) -> &'static str {
        "rosenbrock"
    }
    fn formula(&self) -> &'static str {
        "(1 − x)² + 100·(y − x²)²"
    }
    fn tf_expression(&self) -> Option<&'static str> {
        Some("(1.0 - x) ** 2 + 100.0 * (y - x * x) ** 2")
    }
    fn note(&self) -> &'static str {
        "A curved, flat-bottomed valley: finding it is easy, following it to (1, 1) is hard."
    }
    fn window(&self) -> Window {
        Window::new(-2.0, 2.0, -1.0, 3.0)
    }
    fn minima(&self) -> &[Point] {
        &[[1.0, 1.0]]
    }
    fn start(&self) -> Point {
        [-1.5, 2.0]
    }
    fn loss(&self, [x, y]: Point) -> f64 {
        let a = 1.0 - x;
        let b = y - x * x;
        a * a + 100.0 * b * b
    }
    fn gradient(&self, [x, y]: Point) -> Point {
        let b = y - x * x;
        [-2.0 * (1.0 - x) - 400.0 * x * b, 200.0 * b]
    }
}
