//! The lecture landscape: a wide bowl with one deep well and two narrow
//! false minima, designed to reproduce the lecture's learning-rate slides.
//!
//! J(x, y) = ¼(x² + y²) − Σᵢ dᵢ·exp(−((x − aᵢ)² + (y − bᵢ)²) / (2sᵢ²))
//!
//! with the wells (aᵢ, bᵢ, dᵢ, sᵢ) listed in `WELLS`: the first is the global
//! minimum, the others are narrow, shallower dips. The design follows from
//! curvature: a well of depth d and width s curves by about d/s², so plain
//! gradient descent is stable in it only for η < 2s²/d. The narrow dips are
//! therefore traps only for a small η; a moderate η is thrown out of them but
//! is stable in the wide global well; and the outer bowl (curvature ½)
//! throws out any η > 4, which then diverges.
//!
//! From `LECTURE_START`, plain SGD at the three `LECTURE_LEARNING_RATES`
//! shows the three slides: too small gets stuck in a false minimum, stable
//! reaches the global minimum, too large overshoots and diverges.

use super::{Landscape, Point, Window};

/// (a, b, depth, width) of each well; the first is the global minimum.
const WELLS: [(f64, f64, f64, f64); 3] = [
    (0.0, 0.0, 2.0, 1.0),
    (2.5, 1.0, 1.0, 0.35),
    (-1.5, 2.5, 1.0, 0.35),
];
const BOWL: f64 = 0.25;

/// The start point of the learning-rate demonstration.
pub const LECTURE_START: Point = [2.9, 1.3];

/// The "too small", "stable" and "too large" learning rates for plain SGD
/// from `LECTURE_START`.
pub const LECTURE_LEARNING_RATES: [f64; 3] = [0.05, 0.5, 5.0];

pub struct Lecture;

impl Landscape for Lecture {
    fn name(&self) -> &'static str {
        "lecture"
    }
    fn formula(&self) -> &'static str {
        "¼(x² + y²) − 2·e^(−(x² + y²)/2) − e^(−((x − 2.5)² + (y − 1)²)/0.245) − e^(−((x + 1.5)² + (y − 2.5)²)/0.245)"
    }
    fn tf_expression(&self) -> Option<&'static str> {
        Some("0.25 * (x * x + y * y) - 2.0 * tf.exp(-(x * x + y * y) / 2.0) - tf.exp(-((x - 2.5) ** 2 + (y - 1.0) ** 2) / (2 * 0.35**2)) - tf.exp(-((x + 1.5) ** 2 + (y - 2.5) ** 2) / (2 * 0.35**2))")
    }
    fn note(&self) -> &'static str {
        "The lecture's picture: a small learning rate gets stuck in a false minimum, a large one diverges, a stable one finds the global minimum."
    }
    fn window(&self) -> Window {
        Window::new(-4.0, 4.0, -3.0, 4.0)
    }
    fn minima(&self) -> &[Point] {
        &MINIMA
    }
    fn start(&self) -> Point {
        LECTURE_START
    }
    fn loss(&self, [x, y]: Point) -> f64 {
        let mut j = BOWL * (x * x + y * y);
        for (a, b, d, s) in WELLS {
            let r2 = (x - a) * (x - a) + (y - b) * (y - b);
            j -= d * (-r2 / (2.0 * s * s)).exp();
        }
        j
    }
    fn gradient(&self, [x, y]: Point) -> Point {
        let mut g = [2.0 * BOWL * x, 2.0 * BOWL * y];
        for (a, b, d, s) in WELLS {
            let r2 = (x - a) * (x - a) + (y - b) * (y - b);
            // d/dx of −d·exp(−r²/2s²) is d·exp(−r²/2s²)·(x − a)/s².
            let k = d * (-r2 / (2.0 * s * s)).exp() / (s * s);
            g[0] += k * (x - a);
            g[1] += k * (y - b);
        }
        g
    }
}

/// The global minimum and the two false minima, found by Newton's method
/// from each well's centre (see the landscape tests).
const MINIMA: [Point; 3] = [
    [0.0, 0.0],
    [2.296888933042873, 0.918755573217149],
    [-1.384793419208208, 2.307989032013679],
];
