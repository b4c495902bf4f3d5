//! Himmelblau: J(x, y) = (x² + y − 11)² + (x + y² − 7)².
//!
//! Window [−5, 5]²; four equal minima (loss 0) at (3, 2),
//! (−2.805118, 3.131312), (−3.779310, −3.283186) and (3.584428, −1.848126).

use super::{Landscape, Point, Window};

pub struct Himmelblau;

impl Landscape for Himmelblau {
    fn name(&self) -> &'static str {
        "himmelblau"
    }
    fn formula(&self) -> &'static str {
        "(x² + y − 11)² + (x + y² − 7)²"
    }
    fn tf_expression(&self) -> Option<&'static str> {
        Some("(x * x + y - 11.0) ** 2 + (x + y * y - 7.0) ** 2")
    }
    fn note(&self) -> &'static str {
        "Four equally good minima: where you start decides where you end."
    }
    fn window(&self) -> Window {
        Window::new(-5.0, 5.0, -5.0, 5.0)
    }
    fn minima(&self) -> &[Point] {
        &[
            [3.0, 2.0],
            [-2.805118086952745, 3.131312518250573],
            [-3.779310253377747, -3.28318599128617],
            [3.584428340330492, -1.848126526964404],
        ]
    }
    fn start(&self) -> Point {
        [-0.5, 0.5]
    }
    fn loss(&self, [x, y]: Point) -> f64 {
        let a = x * x + y - 11.0;
        let b = x + y * y - 7.0;
        a * a + b * b
    }
    fn gradient(&self, [x, y]: Point) -> Point {
        let a = x * x + y - 11.0;
        let b = x + y * y - 7.0;
        [4.0 * x * a + 2.0 * b, 2.0 * a + 4.0 * y * b]
    }
}
