//! Six-hump camel: J(x, y) = (4 − 2.1x² + x⁴/3)·x² + xy + (−4 + 4y²)·y².
//!
//! Window [−3, 3] × [−2, 2]; six local minima, two of them global
//! (J ≈ −1.0316) at (0.0898, −0.7126) and (−0.0898, 0.7126); the others
//! sit at (±1.7036, ∓0.7961) and (±1.6071, ±0.5687).

use super::{Landscape, Point, Window};

pub struct SixHumpCamel;

impl Landscape for SixHumpCamel {
    fn name(&self) -> &'static str {
        "six_hump_camel"
    }
    fn formula(&self) -> &'static str {
        "(4 − 2.1x² + x⁴/3)·x² + xy + (−4 + 4y²)·y²"
    }
    fn tf_expression(&self) -> Option<&'static str> {
        Some("(4.0 - 2.1 * x * x + x**4 / 3.0) * x * x + x * y + (-4.0 + 4.0 * y * y) * y * y")
    }
    fn note(&self) -> &'static str {
        "Six valleys, two of them the deepest: a test of which basin an optimizer falls into."
    }
    fn window(&self) -> Window {
        Window::new(-3.0, 3.0, -2.0, 2.0)
    }
    fn minima(&self) -> &[Point] {
        &[
            [0.089842013100318, -0.712656403020740],
            [-0.089842013100318, 0.712656403020740],
            [-1.703606714969981, 0.796083568672625],
            [1.703606714969981, -0.796083568672625],
            [-1.607104752920197, -0.568651454884131],
            [1.607104752920197, 0.568651454884131],
        ]
    }
    fn start(&self) -> Point {
        [-1.9, 1.5]
    }
    fn loss(&self, [x, y]: Point) -> f64 {
        let x2 = x * x;
        let y2 = y * y;
        (4.0 - 2.1 * x2 + x2 * x2 / 3.0) * x2 + x * y + (-4.0 + 4.0 * y2) * y2
    }
    fn gradient(&self, [x, y]: Point) -> Point {
        let x2 = x * x;
        let y2 = y * y;
        [
            8.0 * x - 8.4 * x2 * x + 2.0 * x2 * x2 * x + y,
            x - 8.0 * y + 16.0 * y2 * y,
        ]
    }
}
