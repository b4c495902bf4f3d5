//! Booth: J(x, y) = (x + 2y − 7)² + (2x + y − 5)².
//!
//! Window [−10, 10]²; one minimum at (1, 3). A tilted quadratic with
//! Hessian [[10, 8], [8, 10]], eigenvalues 2 and 18: SGD diverges for
//! η > 2/18.

use super::{Landscape, Point, Window};

pub struct Booth;

impl Landscape for Booth {
    fn name(&self) -> &'static str {
        "booth"
    }
    fn formula(&self) -> &'static str {
        "(x + 2y − 7)² + (2x + y − 5)²"
    }
    fn tf_expression(&self) -> Option<&'static str> {
        Some("(x + 2.0 * y - 7.0) ** 2 + (2.0 * x + y - 5.0) ** 2")
    }
    fn note(&self) -> &'static str {
        "A tilted, stretched bowl: the valley runs diagonally, so steps zig-zag across it."
    }
    fn window(&self) -> Window {
        Window::new(-10.0, 10.0, -10.0, 10.0)
    }
    fn minima(&self) -> &[Point] {
        &[[1.0, 3.0]]
    }
    fn start(&self) -> Point {
        [-8.0, -6.0]
    }
    fn loss(&self, [x, y]: Point) -> f64 {
        let a = x + 2.0 * y - 7.0;
        let b = 2.0 * x + y - 5.0;
        a * a + b * b
    }
    fn gradient(&self, [x, y]: Point) -> Point {
        let a = x + 2.0 * y - 7.0;
        let b = 2.0 * x + y - 5.0;
        [2.0 * a + 4.0 * b, 4.0 * a + 2.0 * b]
    }
    fn hessian_eigenvalues(&self) -> Option<[f64; 2]> {
        Some([2.0, 18.0])
    }
}
