//! Beale: J(x, y) = (1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)².
//!
//! Window [−4.5, 4.5]²; one minimum at (3, 0.5). Sharp ridges and very flat
//! plateaus: gradients range over many orders of magnitude.

use super::{Landscape, Point, Window};

pub struct Beale;

impl Landscape for Beale {
    fn name(&self) -> &'static str {
        "beale"
    }
    fn formula(&self) -> &'static str {
        "(1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)²"
    }
    fn tf_expression(&self) -> Option<&'static str> {
        Some("(1.5 - x + x * y) ** 2 + (2.25 - x + x * y * y) ** 2 + (2.625 - x + x * y * y * y) ** 2")
    }
    fn note(&self) -> &'static str {
        "Flat plateaus beside steep walls: a fixed learning rate is too small in one place and too large in another."
    }
    fn window(&self) -> Window {
        Window::new(-4.5, 4.5, -4.5, 4.5)
    }
    fn minima(&self) -> &[Point] {
        &[[3.0, 0.5]]
    }
    fn start(&self) -> Point {
        [-1.0, 1.5]
    }
    fn loss(&self, [x, y]: Point) -> f64 {
        let a = 1.5 - x + x * y;
        let b = 2.25 - x + x * y * y;
        let c = 2.625 - x + x * y * y * y;
        a * a + b * b + c * c
    }
    fn gradient(&self, [x, y]: Point) -> Point {
        let a = 1.5 - x + x * y;
        let b = 2.25 - x + x * y * y;
        let c = 2.625 - x + x * y * y * y;
        [
            2.0 * a * (y - 1.0) + 2.0 * b * (y * y - 1.0) + 2.0 * c * (y * y * y - 1.0),
            2.0 * a * x + 2.0 * b * 2.0 * x * y + 2.0 * c * 3.0 * x * y * y,
        ]
    }
}
