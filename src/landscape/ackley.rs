//! Ackley: J(x, y) = −a·exp(−b·√(½(x² + y²))) − exp(½(cos cx + cos cy)) + a + e,
//! with a = 20, b = 0.2, c = 2π.
//!
//! Window [−5, 5]²; the global minimum is (0, 0) with J = 0, at the bottom of
//! a funnel covered in ripples. The gradient is undefined at the minimum
//! itself (a cone tip); we return 0 there.

use super::{Landscape, Point, Window};

pub struct Ackley;

impl Landscape for Ackley {
    fn name(&self) -> &'static str {
        "ackley"
    }
    fn formula(&self) -> &'static str {
        "−20·exp(−0.2·√(½(x² + y²))) − exp(½(cos 2πx + cos 2πy)) + 20 + e"
    }
    fn tf_expression(&self) -> Option<&'static str> {
        Some("-20.0 * tf.exp(-0.2 * tf.sqrt(0.5 * (x * x + y * y))) - tf.exp(0.5 * (tf.cos(2 * math.pi * x) + tf.cos(2 * math.pi * y))) + 20.0 + math.e")
    }
    fn note(&self) -> &'static str {
        "A nearly flat plain of ripples around one deep funnel: local structure hides the global picture."
    }
    fn window(&self) -> Window {
        Window::new(-5.0, 5.0, -5.0, 5.0)
    }
    fn minima(&self) -> &[Point] {
        &[[0.0, 0.0]]
    }
    fn start(&self) -> Point {
        [-3.2, 2.6]
    }
    fn loss(&self, [x, y]: Point) -> f64 {
        use std::f64::consts::{E, TAU};
        let r = (0.5 * (x * x + y * y)).sqrt();
        -20.0 * (-0.2 * r).exp() - (0.5 * ((TAU * x).cos() + (TAU * y).cos())).exp() + 20.0 + E
    }
    fn gradient(&self, [x, y]: Point) -> Point {
        use std::f64::consts::TAU;
        let r = (0.5 * (x * x + y * y)).sqrt();
        // d/dx of −20·exp(−0.2r) is 20·0.2·exp(−0.2r)·(x/2r).
        let radial = if r > 0.0 {
            2.0 * (-0.2 * r).exp() / r
        } else {
            0.0
        };
        let ripple = (0.5 * ((TAU * x).cos() + (TAU * y).cos())).exp() * 0.5 * TAU;
        [
            radial * x + ripple * (TAU * x).sin(),
            radial * y + ripple * (TAU * y).sin(),
        ]
    }
}
