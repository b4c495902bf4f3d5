//! The bowl: J(x, y) = ½(x² + y²).
//!
//! Window [−3, 3]²; one minimum at (0, 0). Hessian = I, so plain gradient
//! descent converges for 0 < η < 2 and reaches the minimum in one step at η = 1.

use super::{Landscape, Point, Window};

pub struct Bowl;

impl Landscape for Bowl {
    fn name(&self) -> &'static str {
        "bowl"
    }
    fn formula(&self) -> &'static str {
        "½(x² + y²)"
    }
    fn tf_expression(&self) -> Option<&'static str> {
        Some("0.5 * (x * x + y * y)")
    }
    fn note(&self) -> &'static str {
        "The friendliest loss: every direction curves the same, so the gradient points straight at the minimum."
    }
    fn window(&self) -> Window {
        Window::new(-3.0, 3.0, -3.0, 3.0)
    }
    fn minima(&self) -> &[Point] {
        &[[0.0, 0.0]]
    }
    fn start(&self) -> Point {
        [-2.5, 2.0]
    }
    fn loss(&self, [x, y]: Point) -> f64 {
        0.5 * (x * x + y * y)
    }
    fn gradient(&self, [x, y]: Point) -> Point {
        [x, y]
    }
    fn hessian_eigenvalues(&self) -> Option<[f64; 2]> {
        Some([1.0, 1.0])
    }
}
