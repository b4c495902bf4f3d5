//! The learning-rate lab: its panels are plain `simulate` runs, its presets
//! read as the lecture's three slides, and its schedule and sweep are the
//! engine's own.

use descent::labs::learning_rate::{LrLab, PANELS};
use descent::landscape::{by_name, LECTURE_LEARNING_RATES};
use descent::optim::{OptimizerConfig, Schedule};
use descent::run::simulate::simulate_json;
use descent::run::sweep::sweep;
use serde_json::json;

fn finish(lab: &mut LrLab) {
    while !lab.all_finished() {
        lab.advance(1000);
    }
}

#[test]
fn the_presets_show_the_three_slides_and_yours_follows_its_rate() {
    let mut lab = LrLab::new(by_name("lecture").unwrap());
    finish(&mut lab);
    let names: Vec<_> = (0..PANELS)
        .map(|i| lab.outcome(i).unwrap().name())
        .collect();
    assert_eq!(
        &names[..3],
        ["local_minimum", "global_minimum", "diverged"],
        "{names:?}"
    );
    assert!(lab
        .outcome(0)
        .unwrap()
        .describe()
        .starts_with("stuck in a local minimum at loss 0.614"));
    // Moving "yours" to the stable rate restarts it and gives its outcome.
    lab.set_learning_rate(3, LECTURE_LEARNING_RATES[1]).unwrap();
    assert_eq!(lab.panel(3).unwrap().steps(), 0);
    finish(&mut lab);
    assert_eq!(lab.outcome(3).unwrap(), lab.outcome(1).unwrap());
}

#[test]
fn every_panel_is_the_run_simulate_makes() {
    let mut lab = LrLab::new(by_name("rosenbrock").unwrap());
    lab.set_optimizer(
        OptimizerConfig::from_json(
            json!({"name": "adam", "beta_1": 0.8}).as_object().unwrap(),
            "optimizer",
        )
        .unwrap(),
    );
    lab.set_schedule(Some(Schedule::ExponentialDecay {
        initial_learning_rate: 1.0,
        decay_steps: 50.0,
        decay_rate: 0.5,
        staircase: false,
    }));
    lab.set_steps(400).unwrap();
    finish(&mut lab);
    let start = lab.start();
    for (i, lr) in lab.learning_rates().iter().enumerate() {
        let direct = simulate_json(
            &json!({
                "landscape": "rosenbrock", "start": start, "steps": 400,
                "optimizer": {"name": "adam", "beta_1": 0.8, "learning_rate": lr},
                "schedule": {"name": "exponential_decay", "decay_steps": 50, "decay_rate": 0.5}
            })
            .to_string(),
        )
        .unwrap();
        let panel = lab.panel(i).unwrap();
        assert_eq!(panel.loss(), direct.loss.as_slice(), "panel {i} at {lr}");
        assert_eq!(panel.status(), direct.status, "panel {i}");
        let curve = lab.schedule_curve(i).unwrap();
        assert_eq!(curve.len(), 400);
        assert_eq!(curve[0], *lr);
        assert!(
            (curve[100] / (lr * 0.25) - 1.0).abs() < 1e-12,
            "{}",
            curve[100]
        );
    }
}

#[test]
fn the_sweep_runs_the_lab_and_refuses_bad_ranges() {
    let lab = LrLab::new(by_name("ellipse").unwrap());
    let result = sweep(&lab.sweep_spec(1e-3, 1.0, 60, 1000).unwrap());
    let edge = result.divergence_edge.unwrap();
    assert!((edge / 0.08 - 1.0).abs() < 0.05, "edge {edge}");
    assert_eq!(result.learning_rates.len(), 60);
    for (from, to, count, steps, field) in [
        (-1.0, 1.0, 60, 100, "learning_rates.from"),
        (f64::NAN, 1.0, 60, 100, "learning_rates.from"),
        (1.0, 0.5, 60, 100, "learning_rates.to"),
        (1e-3, f64::INFINITY, 60, 100, "learning_rates.to"),
        (1e-3, 1.0, 1, 100, "learning_rates.count"),
        (1e-3, 1.0, 60, 0, "steps"),
    ] {
        let e = lab.sweep_spec(from, to, count, steps).unwrap_err();
        assert_eq!(e.field, field, "{from} {to} {count} {steps}: {e}");
    }
}

#[test]
fn bad_rates_and_budgets_are_refused_and_change_nothing() {
    let mut lab = LrLab::new(by_name("lecture").unwrap());
    for bad in [0.0, -0.1, f64::NAN, f64::INFINITY, 1e300] {
        assert_eq!(
            lab.set_learning_rate(3, bad).unwrap_err().field,
            "learning_rate"
        );
    }
    assert_eq!(lab.set_learning_rate(4, 0.1).unwrap_err().field, "panel");
    assert_eq!(lab.set_steps(0).unwrap_err().field, "steps");
    assert_eq!(
        lab.set_start([f64::NAN, 0.0]).unwrap_err().field,
        "start[0]"
    );
    assert_eq!(
        lab.learning_rates()[3],
        descent::labs::learning_rate::DEFAULT_YOURS
    );
    // A large rate is not an error: it is the lecture's "too large".
    lab.set_learning_rate(3, 1e6).unwrap();
    finish(&mut lab);
    assert_eq!(lab.outcome(3).unwrap().name(), "diverged");
}

#[test]
fn adaptive_rates_come_from_the_optimizer_and_sgd_stays_at_eta() {
    let lab = LrLab::new(by_name("ellipse").unwrap());
    let sgd = lab.adaptive(OptimizerConfig::defaults("sgd").unwrap());
    assert!(sgd.effective.iter().all(|&r| r == lab.learning_rates()[3]));
    let adam = lab.adaptive(OptimizerConfig::defaults("adam").unwrap());
    // On the ellipse y is 25 times steeper, so Adam gives it a smaller step.
    let (x, y) = (adam.effective[0], adam.effective[1]);
    assert!(y < x, "η_x {x}, η_y {y}");
    assert_eq!(adam.nominal.len() * 2, adam.effective.len());
}
