//! The saddle: J(x, y) = x² − y².
//!
//! Window [−2, 2]²; no minimum. (0, 0) is a saddle point: the gradient
//! vanishes there, yet it is a maximum along y. Unbounded below, so every run
//! that leaves the x axis eventually diverges.

use super::{Landscape, Point, Window};

pub struct Saddle;

impl Landscape for Saddle {
    fn name(&self) -> &'static str {
        "saddle"
    }
    fn formula(&self) -> &'static str {
        "x² − y²"
    }
    fn tf_expression(&self) -> Option<&'static str> {
        Some("x * x - y * y")
    }
    fn note(&self) -> &'static str {
        "A saddle point: zero gradient but not a minimum. Start exactly on the x axis and you stall there."
    }
    fn window(&self) -> Window {
        Window::new(-2.0, 2.0, -2.0, 2.0)
    }
    fn minima(&self) -> &[Point] {
        &[]
    }
    fn start(&self) -> Point {
        [-1.8, 0.05]
    }
    fn loss(&self, [x, y]: Point) -> f64 {
        x * x - y * y
    }
    fn gradient(&self, [x, y]: Point) -> Point {
        [2.0 * x, -2.0 * y]
    }
    fn hessian_eigenvalues(&self) -> Option<[f64; 2]> {
        Some([2.0, -2.0])
    }
}
