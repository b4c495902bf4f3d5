//! Every landscape in the catalogue: analytic gradients against central
//! differences, known minima, and the lecture landscape's three outcomes.

use descent::landscape::{self, catalogue, Landscape, LECTURE_LEARNING_RATES, LECTURE_START};
use descent::optim::{Optimizer, OptimizerConfig};
use descent::run::trajectory::{Status, Tolerances, Trajectory};
use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};

fn central_difference(l: &dyn Landscape, p: [f64; 2]) -> [f64; 2] {
    let mut g = [0.0; 2];
    for i in 0..2 {
        let h = 1e-6 * (1.0 + p[i].abs());
        let (mut a, mut b) = (p, p);
        a[i] += h;
        b[i] -= h;
        g[i] = (l.loss(a) - l.loss(b)) / (2.0 * h);
    }
    g
}

#[test]
fn analytic_gradients_match_central_differences_across_each_window() {
    let mut rng = StdRng::seed_from_u64(2026);
    for l in catalogue() {
        let w = l.window();
        for _ in 0..500 {
            let p = [
                w.x_min + rng.random::<f64>() * w.width(),
                w.y_min + rng.random::<f64>() * w.height(),
            ];
            let analytic = l.gradient(p);
            let numeric = central_difference(*l, p);
            let scale = 1.0 + numeric[0].abs().max(numeric[1].abs());
            for i in 0..2 {
                let err = (analytic[i] - numeric[i]).abs() / scale;
                assert!(
                    err < 1e-5,
                    "{} at {p:?}: ∂J/∂w{i} analytic {} vs numeric {}",
                    l.name(),
                    analytic[i],
                    numeric[i]
                );
            }
        }
    }
}

#[test]
fn every_known_minimum_has_a_near_zero_gradient_and_is_lowest_nearby() {
    for l in catalogue() {
        for m in l.minima() {
            let g = l.gradient(*m);
            assert!(
                g[0].hypot(g[1]) < 1e-6,
                "{} minimum {m:?} has gradient {g:?}",
                l.name()
            );
            let j = l.loss(*m);
            for (dx, dy) in [(1e-3, 0.0), (-1e-3, 0.0), (0.0, 1e-3), (0.0, -1e-3)] {
                assert!(
                    l.loss([m[0] + dx, m[1] + dy]) >= j,
                    "{} minimum {m:?} is not a minimum",
                    l.name()
                );
            }
        }
    }
}

#[test]
fn the_global_minimum_is_listed_first() {
    for l in catalogue() {
        if let Some(global) = l.minima().first() {
            for m in l.minima() {
                assert!(
                    l.loss(*global) <= l.loss(*m) + 1e-9,
                    "{}: {m:?} is lower than the first minimum",
                    l.name()
                );
            }
        }
    }
}

#[test]
fn catalogue_names_are_unique_and_windows_contain_the_minima_and_start() {
    let names: std::collections::HashSet<_> = catalogue().iter().map(|l| l.name()).collect();
    assert_eq!(names.len(), catalogue().len());
    assert!(catalogue().len() >= 11);
    for l in catalogue() {
        assert!(landscape::by_name(l.name()).is_ok());
        assert!(
            l.window().contains(l.start()),
            "{} start outside its window",
            l.name()
        );
        for m in l.minima() {
            assert!(
                l.window().contains(*m),
                "{} minimum {m:?} outside its window",
                l.name()
            );
        }
    }
    let e = landscape::by_name("banana").err().unwrap();
    assert!(e.message.contains("rosenbrock"), "{e}");
}

#[test]
fn formulas_at_hand_checked_points() {
    let at = |name: &str, p| landscape::by_name(name).unwrap().loss(p);
    assert_eq!(at("bowl", [3.0, 4.0]), 12.5);
    assert_eq!(at("ellipse", [1.0, 1.0]), 13.0);
    assert_eq!(at("rosenbrock", [0.0, 0.0]), 1.0);
    assert_eq!(at("rosenbrock", [1.0, 1.0]), 0.0);
    assert_eq!(at("beale", [3.0, 0.5]), 0.0);
    assert_eq!(at("himmelblau", [3.0, 2.0]), 0.0);
    assert_eq!(at("booth", [1.0, 3.0]), 0.0);
    assert_eq!(at("booth", [0.0, 0.0]), 74.0);
    assert_eq!(at("saddle", [1.0, 2.0]), -3.0);
    assert!(at("rastrigin", [0.0, 0.0]).abs() < 1e-12);
    assert!((at("rastrigin", [0.5, 0.0]) - 20.25).abs() < 1e-12);
    assert!(at("ackley", [0.0, 0.0]).abs() < 1e-12);
    assert!((at("six_hump_camel", [0.0898, -0.7126]) + 1.0316).abs() < 1e-4);
}

/// `t` ended as `expected` says; `what` names the run in the message.
fn assert_ends(t: &Trajectory, what: &str, expected: impl Fn(Status) -> bool) {
    assert!(expected(t.status()), "{what}: {:?}", t.status());
}

fn sgd_on_lecture(learning_rate: f64) -> Trajectory {
    let l = landscape::by_name("lecture").unwrap();
    let mut config = OptimizerConfig::defaults("sgd").unwrap();
    let optimizer = {
        let mut o = Optimizer::new(config.clone(), None, 2);
        o.set_learning_rate(learning_rate);
        config = o.config().clone();
        Optimizer::new(config, None, 2)
    };
    let mut t = Trajectory::new(l, LECTURE_START, optimizer, 5000, Tolerances::default());
    t.run();
    t
}

#[test]
fn lecture_landscape_shows_the_three_learning_rate_slides() {
    let l = landscape::by_name("lecture").unwrap();
    let [small, stable, large] = LECTURE_LEARNING_RATES;
    let near = |p: [f64; 2], m: [f64; 2]| (p[0] - m[0]).hypot(p[1] - m[1]) < 1e-3;
    let global = l.minima()[0];

    let t = sgd_on_lecture(small);
    assert_ends(&t, "small", |s| matches!(s, Status::Converged { .. }));
    assert!(
        l.minima()[1..].iter().any(|m| near(t.point(), *m)),
        "small η should stop in a false minimum, got {:?}",
        t.point()
    );
    assert!(!near(t.point(), global));
    assert!(t.loss().last().unwrap() > &(l.loss(global) + 0.5));

    let t = sgd_on_lecture(stable);
    assert_ends(&t, "stable", |s| matches!(s, Status::Converged { .. }));
    assert!(
        near(t.point(), global),
        "stable η should reach the global minimum, got {:?}",
        t.point()
    );

    let t = sgd_on_lecture(large);
    assert_ends(&t, "large", |s| matches!(s, Status::Diverged { .. }));
}
