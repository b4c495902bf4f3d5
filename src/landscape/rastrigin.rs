//! Rastrigin: J(x, y) = 20 + x² + y² − 10·(cos 2πx + cos 2πy).
//!
//! Window [−5.12, 5.12]²; the global minimum is (0, 0), surrounded by a
//! regular grid of local minima near every integer point.

use super::{Landscape, Point, Window};

pub struct Rastrigin;

impl Landscape for Rastrigin {
    fn name(&self) -> &'static str {
        "rastrigin"
    }
    fn formula(&self) -> &'static str {
        "20 + x² + y² − 10·(cos 2πx + cos 2πy)"
    }
    fn tf_expression(&self) -> Option<&'static str> {
        Some("20.0 + x * x + y * y - 10.0 * (tf.cos(2 * math.pi * x) + tf.cos(2 * math.pi * y))")
    }
    fn note(&self) -> &'static str {
        "Hundreds of local minima on a bowl: gradient descent stops in the nearest one."
    }
    fn window(&self) -> Window {
        Window::new(-5.12, 5.12, -5.12, 5.12)
    }
    fn minima(&self) -> &[Point] {
        &[[0.0, 0.0]]
    }
    fn start(&self) -> Point {
        [-2.2, 2.7]
    }
    fn loss(&self, [x, y]: Point) -> f64 {
        use std::f64::consts::TAU;
        20.0 + x * x + y * y - 10.0 * ((TAU * x).cos() + (TAU * y).cos())
    }
    fn gradient(&self, [x, y]: Point) -> Point {
        use std::f64::consts::TAU;
        [
            2.0 * x + 10.0 * TAU * (TAU * x).sin(),
            2.0 * y + 10.0 * TAU * (TAU * y).sin(),
        ]
    }
}
