//! The ellipse: J(x, y) = ½(x² + 25·y²).
//!
//! Window [−3, 3]²; one minimum at (0, 0). The Hessian is diag(1, 25): its
//! condition number 25 makes plain gradient descent zig-zag across the
//! valley, and it diverges for η > 2/λ_max = 2/25 = 0.08.

use super::{Landscape, Point, Window};

pub struct Ellipse;

impl Landscape for Ellipse {
    fn name(&self) -> &'static str {
        "ellipse"
    }
    fn formula(&self) -> &'static str {
        "½(x² + 25·y²)"
    }
    fn tf_expression(&self) -> Option<&'static str> {
        Some("0.5 * (x * x + 25.0 * y * y)")
    }
    fn note(&self) -> &'static str {
        "Ill-conditioned: one direction is 25× steeper, so SGD zig-zags, and diverges for η > 2/25."
    }
    fn window(&self) -> Window {
        Window::new(-3.0, 3.0, -3.0, 3.0)
    }
    fn minima(&self) -> &[Point] {
        &[[0.0, 0.0]]
    }
    fn start(&self) -> Point {
        [-2.5, 1.0]
    }
    fn loss(&self, [x, y]: Point) -> f64 {
        0.5 * (x * x + 25.0 * y * y)
    }
    fn gradient(&self, [x, y]: Point) -> Point {
        [x, 25.0 * y]
    }
    fn hessian_eigenvalues(&self) -> Option<[f64; 2]> {
        Some([1.0, 25.0])
    }
}
