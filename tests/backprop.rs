//! The backprop lab as the view runs it: the gradient-descent path on
//! J(w₁, w₂), its refusals at the ±10 box, and the slice of J along one
//! weight with its tangent and nudge, each checked against an independent
//! computation written out here.

use descent::labs::backprop::*;
use descent::landscape::Point;
use descent::nn::Activation;
use descent::run::trajectory::Status;

/// x = 1.5, y = 0.8, tanh, from the view's default weights.
fn lab() -> BackpropLab {
    BackpropLab::new(1.5, 0.8, Activation::Tanh, [-1.2, -1.5]).unwrap()
}

/// ∇J for tanh, by hand: ŷ = w₂·tanh(w₁x), J = (ŷ − y)².
fn tanh_gradient([w1, w2]: Point, x: f64, y: f64) -> Point {
    let a = (w1 * x).tanh();
    let r = 2.0 * (w2 * a - y);
    [r * w2 * (1.0 - a * a) * x, r * a]
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-12 * (1.0 + a.abs().max(b.abs()))
}

#[test]
fn the_path_is_plain_gradient_descent_on_the_chain_rules_gradient() {
    let mut lab = lab();
    let mut w = [-1.2, -1.5];
    let mut expected = w.to_vec();
    // A different η each step: the rate in effect is the one each step gets.
    for (k, lr) in [0.1, 0.1, 0.3, 0.05, 0.2, 0.2, 0.01, 0.5]
        .into_iter()
        .enumerate()
    {
        let g = tanh_gradient(w, 1.5, 0.8);
        w = [w[0] - lr * g[0], w[1] - lr * g[1]];
        expected.extend_from_slice(&w);
        assert!(lab.step(lr).unwrap(), "step {k} at η = {lr} is refused");
        assert_eq!(lab.steps(), k + 1);
        let got = lab.weights();
        assert!(
            close(got[0], w[0]) && close(got[1], w[1]),
            "step {k}: {got:?} vs {w:?}"
        );
        let v = lab.values();
        assert_eq!(lab.gradient(), [v.dloss_dw1, v.dloss_dw2]);
    }
    assert_eq!(lab.path().len(), expected.len());
    for (got, want) in lab.path().iter().zip(&expected) {
        assert!(close(*got, *want), "{got} vs {want}");
    }
    assert_eq!(lab.start(), [-1.2, -1.5]);
    let loss = lab.trajectory().loss();
    assert!(
        loss.last() < loss.first(),
        "descent lowers the loss: {loss:?}"
    );
}

/// Linear g, x = 1, y = 5, at (9.5, 9.5): ŷ = 90.25, so ∂J/∂w₁ =
/// 2·85.25·9.5 ≈ 1620, and η = 0.1 would throw w₁ to about −152.
fn near_the_edge() -> BackpropLab {
    BackpropLab::new(1.0, 5.0, Activation::Linear, [9.5, 9.5]).unwrap()
}

#[test]
fn a_step_past_the_weight_limit_is_refused_and_keeps_the_weights() {
    let mut lab = near_the_edge();
    assert!(!lab.step(0.1).unwrap());
    assert_eq!(lab.weights(), [9.5, 9.5]);
    assert_eq!(lab.steps(), 0);
    assert_eq!(lab.path(), &[9.5, 9.5]);
    assert!(!lab.step(0.1).unwrap(), "the same step is refused again");
    assert_eq!(lab.weights(), [9.5, 9.5]);
    // Not a lab's rate at all: an error, and nothing moves.
    for lr in [0.0, -0.1, 10.5, f64::NAN, f64::INFINITY] {
        assert_eq!(lab.step(lr).unwrap_err().field, "learning_rate", "η = {lr}");
        assert_eq!(lab.weights(), [9.5, 9.5]);
    }
}

#[test]
fn a_smaller_learning_rate_continues_the_path_after_a_refused_step() {
    let mut lab = near_the_edge();
    assert!(lab.step(1e-4).unwrap());
    let first = lab.weights();
    assert!(!lab.step(0.1).unwrap(), "too large a step from {first:?}");
    assert_eq!(lab.weights(), first);
    assert_eq!(
        lab.trajectory().status(),
        Status::Running,
        "a refused step does not end the path"
    );
    assert!(lab.step(1e-4).unwrap(), "a small step goes on");
    assert_eq!(lab.steps(), 2);
    let linear = |[w1, w2]: Point| {
        let r = 2.0 * (w2 * w1 - 5.0);
        [r * w2, r * w1]
    };
    let mut w = [9.5, 9.5];
    let mut expected = w.to_vec();
    for _ in 0..2 {
        let g = linear(w);
        w = [w[0] - 1e-4 * g[0], w[1] - 1e-4 * g[1]];
        expected.extend_from_slice(&w);
    }
    assert_eq!(lab.path().len(), 6, "the refused step left no point");
    for (got, want) in lab.path().iter().zip(&expected) {
        assert!(close(*got, *want), "{got} vs {want}");
    }
}

#[test]
fn the_path_stops_where_it_has_converged() {
    // Linear g, x = y = 1, w = (1, 1): ŷ = y, so ∇J = 0 from the start.
    let mut minimum = BackpropLab::new(1.0, 1.0, Activation::Linear, [1.0, 1.0]).unwrap();
    assert_eq!(minimum.converged(), Some(Convergence::Gradient { step: 0 }));
    assert!(!minimum.step(0.1).unwrap(), "no step from a minimum");
    assert_eq!((minimum.steps(), minimum.weights()), (0, [1.0, 1.0]));

    // The default example at η = 0.1 reaches the zero-loss valley, and
    // stops there instead of stepping on through rounding noise.
    let mut lab = lab();
    while lab.step(0.1).unwrap() {
        assert!(lab.steps() < 2000, "still stepping at {}", lab.steps());
    }
    let done = lab.converged().expect("converged");
    assert_eq!(done.step(), lab.steps());
    let v = lab.values();
    let norm = v.dloss_dw1.hypot(v.dloss_dw2);
    assert!(
        norm < GRADIENT_TOLERANCE || v.loss < LOSS_TOLERANCE,
        "‖∇J‖ = {norm:e}, J = {:e} at step {}",
        v.loss,
        lab.steps()
    );
    assert!(!lab.step(0.1).unwrap(), "a converged path takes no step");
    // New weights start a new path, which steps again.
    lab.set_weights([0.5, 2.0]).unwrap();
    assert_eq!(lab.converged(), None);
    assert!(lab.step(0.1).unwrap());
}

#[test]
fn the_path_stops_at_its_most_steps() {
    // η = 1e-5 moves the weights about 0.1 in 10,000 steps: never converged.
    let mut lab = lab();
    for _ in 0..MAX_PATH_STEPS {
        assert!(lab.step(1e-5).unwrap(), "step {} refused", lab.steps());
    }
    assert_eq!(lab.converged(), None);
    assert_eq!(lab.steps(), MAX_PATH_STEPS);
    assert!(lab.path_full());
    assert!(!lab.step(1e-5).unwrap());
    assert_eq!(lab.steps(), MAX_PATH_STEPS);
    lab.reset_path();
    assert!(!lab.path_full());
    assert!(lab.step(1e-5).unwrap());
}

#[test]
fn changing_the_example_activation_or_weights_restarts_the_path_there() {
    let mut lab = lab();
    for _ in 0..5 {
        lab.step(0.2).unwrap();
    }
    let here = lab.weights();
    lab.set_example(-2.0, 0.3).unwrap();
    assert_eq!((lab.network().x, lab.network().y), (-2.0, 0.3));
    assert_eq!((lab.steps(), lab.start(), lab.weights()), (0, here, here));
    lab.step(0.2).unwrap();
    lab.set_activation(Activation::Relu);
    assert_eq!(lab.network().activation, Activation::Relu);
    assert_eq!(lab.steps(), 0);
    lab.set_weights([0.5, 2.0]).unwrap();
    assert_eq!((lab.steps(), lab.weights()), (0, [0.5, 2.0]));
    for _ in 0..3 {
        lab.step(0.1).unwrap();
    }
    lab.reset_path();
    assert_eq!((lab.steps(), lab.weights()), (0, [0.5, 2.0]));
}

#[test]
fn bad_values_are_refused_with_the_field_named_and_nothing_changes() {
    for (x, y, w, field) in [
        (5.5, 0.0, [0.0, 0.0], "x"),
        (0.0, f64::NAN, [0.0, 0.0], "y"),
        (0.0, 0.0, [10.5, 0.0], "w1"),
        (0.0, 0.0, [0.0, -f64::INFINITY], "w2"),
    ] {
        let e = BackpropLab::new(x, y, Activation::Tanh, w).err().unwrap();
        assert_eq!(e.field, field, "{e}");
    }
    let e = BackpropLab::new(0.0, 0.0, Activation::Tanh, [10.5, 0.0])
        .err()
        .unwrap();
    assert_eq!(e.to_string(), "w1: must be between −10 and 10, got 10.5");
    assert_eq!(activation("gelu").unwrap_err().field, "activation");
    assert_eq!(activation("relu"), Ok(Activation::Relu));
    let mut lab = lab();
    lab.step(0.1).unwrap();
    let before = (lab.weights(), lab.steps(), *lab.network());
    assert_eq!(lab.set_weights([0.0, 11.0]).unwrap_err().field, "w2");
    assert_eq!(lab.set_example(0.0, -6.0).unwrap_err().field, "y");
    assert_eq!(lab.nudge(Weight::W1, 5.5).unwrap_err().field, "delta");
    assert_eq!(lab.slice(Weight::W2, f64::NAN).unwrap_err().field, "delta");
    assert_eq!((lab.weights(), lab.steps(), *lab.network()), before);
    assert_eq!(Weight::from_number(2), Some(Weight::W2));
    assert_eq!(Weight::from_number(3), None);
}

#[test]
fn the_slices_tangent_has_the_chain_rules_slope() {
    for activation in [Activation::Tanh, Activation::Sigmoid, Activation::Linear] {
        let lab = BackpropLab::new(1.5, 0.8, activation, [-0.7, 1.3]).unwrap();
        let v = lab.values();
        for (which, exact) in [(Weight::W1, v.dloss_dw1), (Weight::W2, v.dloss_dw2)] {
            let s = lab.slice(which, 0.4).unwrap();
            assert_eq!(s.slope, exact);
            assert_eq!((s.at, s.loss), (lab.weights()[which.index()], v.loss));
            // The tangent's own rise over run.
            let [[t0, j0], [t1, j1]] = s.tangent;
            assert!(((j1 - j0) / (t1 - t0) - exact).abs() < 1e-12 * (1.0 + exact.abs()));
            // The sampled curve's slope at its middle sample, which is w.
            assert_eq!(s.curve.len(), SLICE_SAMPLES + 1);
            let m = SLICE_SAMPLES / 2;
            assert!((s.curve[m][0] - s.at).abs() < 1e-12);
            let measured =
                (s.curve[m + 1][1] - s.curve[m - 1][1]) / (s.curve[m + 1][0] - s.curve[m - 1][0]);
            assert!(
                (measured - exact).abs() < 1e-3 * (1.0 + exact.abs()),
                "{activation:?} {which:?}: {measured} vs {exact}"
            );
            // Every sample lies on J along this weight.
            for &[t, j] in &s.curve {
                let mut p = lab.weights();
                p[which.index()] = t;
                assert_eq!(j, lab.network().values(p).loss);
            }
        }
    }
}

#[test]
fn the_slice_frames_the_curve_the_tangent_and_the_nudge() {
    let lab = lab();
    for delta in [0.0, 0.3, -2.0, 5.0] {
        let s = lab.slice(Weight::W1, delta).unwrap();
        let half = 1.5f64.max(1.3 * delta.abs());
        assert_eq!(s.x_range, [s.at - half, s.at + half]);
        assert_eq!(s.nudged, s.at + delta);
        assert_eq!(s.predicted, s.loss + s.slope * delta);
        let n = lab.nudge(Weight::W1, delta).unwrap();
        assert!((s.actual - s.loss - n.actual).abs() < 1e-12);
        let [bottom, top] = s.y_range;
        for j in s
            .curve
            .iter()
            .map(|c| c[1])
            .chain([s.actual, s.predicted, 0.0])
        {
            assert!(
                bottom <= j && j <= top,
                "δ = {delta}: {j} outside {bottom}..{top}"
            );
        }
    }
    let below = lab.slice(Weight::W1, 5.0).unwrap();
    assert!(
        below.predicted < 0.0 && below.y_range[0] < below.predicted,
        "the tangent's miss stays in view below zero: {below:?}"
    );
}

#[test]
fn the_nudge_gap_shrinks_like_delta_squared() {
    let lab = lab();
    let w = lab.weights();
    for which in [Weight::W1, Weight::W2] {
        // J'' along the weight, by second differences: the gap tends to
        // J''·δ²/2.
        let j = |t: f64| {
            let mut p = w;
            p[which.index()] += t;
            lab.network().values(p).loss
        };
        let h = 1e-4;
        let curvature = (j(h) - 2.0 * j(0.0) + j(-h)) / (h * h);
        assert!(curvature.abs() > 0.1, "{which:?}: J'' = {curvature}");
        let mut previous: Option<f64> = None;
        for delta in [0.08, 0.04, 0.02, 0.01] {
            let n = lab.nudge(which, delta).unwrap();
            assert_eq!(n.delta, delta);
            assert_eq!(n.gap, n.actual - n.predicted);
            let s = lab.slice(which, delta).unwrap();
            assert!((s.gap() - n.gap).abs() < 1e-12);
            let ratio = n.gap / (delta * delta);
            assert!(
                (ratio - curvature / 2.0).abs() < 0.1 * curvature.abs(),
                "{which:?} δ = {delta}: gap/δ² = {ratio}, J''/2 = {}",
                curvature / 2.0
            );
            if let Some(p) = previous {
                // Halving δ quarters the gap.
                assert!((p / n.gap - 4.0).abs() < 0.3, "{which:?}: {p} / {}", n.gap);
            }
            previous = Some(n.gap);
        }
    }
}
