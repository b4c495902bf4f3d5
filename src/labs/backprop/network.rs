//! The lecture's backpropagation example, one input and two weights:
//!
//! ```text
//! x ──w₁──▶ z₁ ──g──▶ a₁ ──w₂──▶ ŷ ──▶ J
//! z₁ = w₁·x,   a₁ = g(z₁),   ŷ = w₂·a₁,   J = (ŷ − y)²
//! ```
//!
//! "How does a small change in one weight affect the final loss?" The
//! chain rule, one factor per link, in the lecture's colours:
//!
//! ```text
//! ∂J/∂w₂ = ∂J/∂ŷ · ∂ŷ/∂w₂           = 2(ŷ − y) · a₁
//! ∂J/∂w₁ = ∂J/∂ŷ · ∂ŷ/∂z₁ · ∂z₁/∂w₁ = 2(ŷ − y) · w₂·g'(z₁) · x
//! ```
//!
//! The factor ∂J/∂ŷ is shared: computed once at the output and passed
//! back, which is all backpropagation is. J over (w₁, w₂) is also a
//! `Landscape`, so the optimizers and the landscape drawing work on it
//! unchanged.

use crate::landscape::{Landscape, Point, Window};
use crate::nn::Activation;

/// The example: one training pair (x, y) and the activation g.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ChainNetwork {
    pub x: f64,
    pub y: f64,
    pub activation: Activation,
}

/// One of the two weights, as the page numbers them: w₁ (the input's) or
/// w₂ (the output's).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Weight {
    W1,
    W2,
}

impl Weight {
    /// Weight 1 or 2, as the page numbers them; None for any other number.
    pub fn from_number(n: u64) -> Option<Weight> {
        match n {
            1 => Some(Weight::W1),
            2 => Some(Weight::W2),
            _ => None,
        }
    }

    /// Its index in a `Point` (w₁, w₂): 0 or 1.
    pub fn index(self) -> usize {
        match self {
            Weight::W1 => 0,
            Weight::W2 => 1,
        }
    }

    /// Its name on an axis: "w₁" or "w₂".
    pub fn name(self) -> &'static str {
        ["w₁", "w₂"][self.index()]
    }
}

/// Every number of one forward and backward pass at weights (w₁, w₂).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ChainValues {
    pub z1: f64,
    pub a1: f64,
    pub y_hat: f64,
    pub loss: f64,
    /// ∂J/∂ŷ = 2(ŷ − y).
    pub dloss_dyhat: f64,
    /// ∂ŷ/∂w₂ = a₁.
    pub dyhat_dw2: f64,
    /// ∂ŷ/∂z₁ = w₂·g'(z₁).
    pub dyhat_dz1: f64,
    /// ∂z₁/∂w₁ = x.
    pub dz1_dw1: f64,
    /// ∂J/∂w₂, the product of its two factors.
    pub dloss_dw2: f64,
    /// ∂J/∂w₁, the product of its three factors.
    pub dloss_dw1: f64,
}

/// The step of the central finite differences that check the chain rule:
/// small enough that the O(h²) error is below 1e-8, large enough that
/// rounding stays there too.
const CHECK_STEP: f64 = 1e-5;

impl ChainNetwork {
    /// The forward pass, then the backward pass, at w = (w₁, w₂).
    pub fn values(&self, [w1, w2]: Point) -> ChainValues {
        let z1 = w1 * self.x;
        let a1 = self.activation.value(z1);
        let y_hat = w2 * a1;
        let loss = (y_hat - self.y) * (y_hat - self.y);
        let dloss_dyhat = 2.0 * (y_hat - self.y);
        let dyhat_dw2 = a1;
        let dyhat_dz1 = w2 * self.activation.derivative(z1, a1);
        let dz1_dw1 = self.x;
        ChainValues {
            z1,
            a1,
            y_hat,
            loss,
            dloss_dyhat,
            dyhat_dw2,
            dyhat_dz1,
            dz1_dw1,
            dloss_dw2: dloss_dyhat * dyhat_dw2,
            dloss_dw1: dloss_dyhat * dyhat_dz1 * dz1_dw1,
        }
    }

    /// (J(w + h·eᵢ) − J(w − h·eᵢ))/2h for each weight: the gradient
    /// measured without the chain rule, to compare with it.
    pub fn finite_differences(&self, w: Point) -> Point {
        let at = |i: usize, h: f64| {
            let mut p = w;
            p[i] += h;
            self.values(p).loss
        };
        [0, 1].map(|i| (at(i, CHECK_STEP) - at(i, -CHECK_STEP)) / (2.0 * CHECK_STEP))
    }

    /// Moving weight `which` (0 for w₁, 1 for w₂) by `delta`: the loss's
    /// actual change, and the chain rule's linear prediction ∂J/∂w·delta.
    pub fn nudge(&self, w: Point, which: usize, delta: f64) -> (f64, f64) {
        let now = self.values(w);
        let mut moved = w;
        moved[which] += delta;
        let slope = [now.dloss_dw1, now.dloss_dw2][which];
        (self.values(moved).loss - now.loss, slope * delta)
    }
}

impl Landscape for ChainNetwork {
    fn name(&self) -> &'static str {
        "chain_rule"
    }
    fn formula(&self) -> &'static str {
        "J(w₁, w₂) = (w₂·g(w₁·x) − y)²"
    }
    fn note(&self) -> &'static str {
        "The loss of the lecture's two-weight network on one example: its gradient is the chain rule's."
    }
    fn window(&self) -> Window {
        Window::new(-3.0, 3.0, -3.0, 3.0)
    }
    /// The minima are whole curves (every w with w₂·g(w₁x) = y), not
    /// points, so none is marked.
    fn minima(&self) -> &[Point] {
        &[]
    }
    fn start(&self) -> Point {
        [-1.2, -1.5]
    }
    fn loss(&self, w: Point) -> f64 {
        self.values(w).loss
    }
    fn gradient(&self, w: Point) -> Point {
        let v = self.values(w);
        [v.dloss_dw1, v.dloss_dw2]
    }
    fn axis_names(&self) -> [&'static str; 2] {
        ["w₁", "w₂"]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ACTIVATIONS: [Activation; 4] = [
        Activation::Tanh,
        Activation::Sigmoid,
        Activation::Relu,
        Activation::Linear,
    ];

    #[test]
    fn the_lectures_numbers_by_hand() {
        // tanh, x = 2, y = 1, w = (0.5, −1): z₁ = 1, a₁ = tanh 1, ŷ = −tanh 1.
        let net = ChainNetwork {
            x: 2.0,
            y: 1.0,
            activation: Activation::Tanh,
        };
        let v = net.values([0.5, -1.0]);
        let t = 1f64.tanh();
        assert!((v.z1 - 1.0).abs() < 1e-15);
        assert!((v.y_hat + t).abs() < 1e-12);
        assert!((v.loss - (t + 1.0).powi(2)).abs() < 1e-12);
        assert!((v.dloss_dyhat + 2.0 * (t + 1.0)).abs() < 1e-12);
        assert!((v.dyhat_dz1 + (1.0 - t * t)).abs() < 1e-12);
        assert_eq!(v.dz1_dw1, 2.0);
        assert!((v.dloss_dw1 - 2.0 * (t + 1.0) * (1.0 - t * t) * 2.0).abs() < 1e-12);
        assert!((v.dloss_dw2 + 2.0 * (t + 1.0) * t).abs() < 1e-12);
    }

    #[test]
    fn the_chain_rule_matches_finite_differences_everywhere() {
        for activation in ACTIVATIONS {
            for (x, y) in [(1.5, 0.8), (-2.0, 0.3), (0.7, -1.0)] {
                let net = ChainNetwork { x, y, activation };
                for w1 in [-2.3, -0.61, 0.37, 1.9] {
                    for w2 in [-1.7, 0.45, 2.2] {
                        let v = net.values([w1, w2]);
                        let fd = net.finite_differences([w1, w2]);
                        for (exact, measured) in [(v.dloss_dw1, fd[0]), (v.dloss_dw2, fd[1])] {
                            assert!(
                                (exact - measured).abs() < 1e-6 * (1.0 + exact.abs()),
                                "{activation:?} x {x} y {y} w ({w1}, {w2}): {exact} vs {measured}"
                            );
                        }
                        assert_eq!(net.gradient([w1, w2]), [v.dloss_dw1, v.dloss_dw2]);
                    }
                }
            }
        }
    }

    #[test]
    fn a_dead_relu_passes_no_gradient_to_w1() {
        let net = ChainNetwork {
            x: 1.5,
            y: 0.8,
            activation: Activation::Relu,
        };
        let v = net.values([-1.0, 2.0]);
        assert!(v.z1 < 0.0);
        assert_eq!(v.dyhat_dz1, 0.0);
        assert_eq!(v.dloss_dw1, 0.0);
        assert!(v.dloss_dyhat != 0.0, "the loss still has a gradient at ŷ");
    }

    #[test]
    fn a_nudge_is_predicted_to_second_order() {
        let net = ChainNetwork {
            x: 1.5,
            y: 0.8,
            activation: Activation::Tanh,
        };
        let w = [-1.2, -1.5];
        for which in [0, 1] {
            let (a1, p1) = net.nudge(w, which, 1e-2);
            let (a2, p2) = net.nudge(w, which, 2e-2);
            // The error of a tangent is quadratic: doubling δ quadruples it.
            let (e1, e2) = ((a1 - p1).abs(), (a2 - p2).abs());
            assert!(e1 < 0.05 * p1.abs(), "weight {which}: {a1} vs {p1}");
            assert!(
                (e2 / e1 - 4.0).abs() < 0.2,
                "weight {which}: ratio {}",
                e2 / e1
            );
            let (big_actual, big_predicted) = net.nudge(w, which, 1.0);
            assert!((big_actual - big_predicted).abs() > 0.01);
        }
    }
}
