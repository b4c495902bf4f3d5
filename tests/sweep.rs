//! The learning-rate sweep against direct `simulate` runs, and its edge
//! against theory.

use descent::run::simulate::simulate_json;
use descent::run::sweep::{log_spaced, sweep_json, SweepSpec};
use serde_json::json;

#[test]
fn every_sweep_row_matches_a_direct_simulate_call() {
    let spec = json!({
        "landscape": "rosenbrock", "start": [-1.5, 2.0], "steps": 300,
        "optimizer": {"name": "adam", "beta_1": 0.875},
        "learning_rates": {"from": 1e-3, "to": 3.0, "count": 12}
    });
    let sweep = sweep_json(&spec.to_string()).unwrap();
    assert_eq!(sweep.learning_rates.len(), 12);
    for (i, lr) in sweep.learning_rates.iter().enumerate() {
        let direct = simulate_json(
            &json!({
                "landscape": "rosenbrock", "start": [-1.5, 2.0], "steps": 300,
                "optimizer": {"name": "adam", "beta_1": 0.875, "learning_rate": lr}
            })
            .to_string(),
        )
        .unwrap();
        assert_eq!(
            sweep.final_loss[i],
            *direct.loss.last().unwrap(),
            "rate {lr}"
        );
        assert_eq!(sweep.status[i], direct.status, "rate {lr}");
        let converged_at = match direct.status {
            descent::run::trajectory::Status::Converged { step } => step as f64,
            _ => -1.0,
        };
        assert_eq!(sweep.steps_to_converge[i], converged_at);
    }
}

#[test]
fn rates_are_log_spaced_and_inclusive() {
    let r = log_spaced(1e-4, 1.0, 5);
    let expect = [1e-4, 1e-3, 1e-2, 1e-1, 1.0];
    for (a, b) in r.iter().zip(expect) {
        assert!((a / b - 1.0).abs() < 1e-12, "{a} vs {b}");
    }
}

#[test]
fn sgd_on_the_ellipse_diverges_at_two_over_twenty_five() {
    let spec = json!({
        "landscape": "ellipse", "start": [-2.5, 1.0], "steps": 1000,
        "optimizer": {"name": "sgd"},
        "learning_rates": {"from": 1e-3, "to": 1.0, "count": 60}
    });
    let s = sweep_json(&spec.to_string()).unwrap();
    let edge = s.divergence_edge.unwrap();
    assert!((edge / 0.08 - 1.0).abs() < 0.05, "measured edge {edge}");
    assert_eq!(s.theoretical_edge, Some(0.08));
    let best = s.best_learning_rate.unwrap();
    assert!(best < edge, "best {best} must be below the edge {edge}");
    // Every rate below the edge is non-divergent, every rate above diverges.
    for (lr, d) in s.learning_rates.iter().zip(&s.diverged) {
        if *lr < 0.079 {
            assert!(!d, "{lr} diverged");
        }
        if *lr > 0.085 {
            assert!(d, "{lr} did not diverge");
        }
    }
}

#[test]
fn momentum_moves_the_theoretical_edge() {
    let spec = json!({
        "landscape": "bowl", "start": [1.0, 1.0], "steps": 500,
        "optimizer": {"name": "sgd", "momentum": 0.5},
        "learning_rates": {"from": 0.1, "to": 10.0, "count": 40}
    });
    let s = sweep_json(&spec.to_string()).unwrap();
    assert_eq!(s.theoretical_edge, Some(3.0));
    let edge = s.divergence_edge.unwrap();
    assert!((edge / 3.0 - 1.0).abs() < 0.05, "measured edge {edge}");
    let adam = sweep_json(
        &json!({
            "landscape": "bowl", "start": [1.0, 1.0], "steps": 50,
            "optimizer": {"name": "adam"},
            "learning_rates": {"from": 0.1, "to": 1.0, "count": 3}
        })
        .to_string(),
    )
    .unwrap();
    assert_eq!(adam.theoretical_edge, None, "no closed form for adam");
}

#[test]
fn bad_sweeps_name_the_field() {
    let base = |rates: serde_json::Value| {
        json!({"landscape": "bowl", "start": [1, 1], "steps": 10, "optimizer": {"name": "sgd"}, "learning_rates": rates})
            .to_string()
    };
    assert_eq!(
        sweep_json(&base(json!({"from": 0, "to": 1, "count": 5})))
            .unwrap_err()
            .field,
        "learning_rates.from"
    );
    assert_eq!(
        sweep_json(&base(json!({"from": 1, "to": 0.1, "count": 5})))
            .unwrap_err()
            .field,
        "learning_rates.to"
    );
    assert_eq!(
        sweep_json(&base(json!({"from": 0.1, "to": 1, "count": 0})))
            .unwrap_err()
            .field,
        "learning_rates.count"
    );
    assert_eq!(
        sweep_json(&base(json!(null))).unwrap_err().field,
        "learning_rates"
    );
}

#[test]
fn a_sweep_spread_over_small_budgets_ends_exactly_as_one_run_at_once() {
    use descent::run::sweep::{sweep, Sweep, SweepSpec};
    // The ellipse with SGD diverges inside the grid, so the budgets also
    // cut through the bisection of the edge.
    let spec = SweepSpec::from_json_text(
        &json!({
            "landscape": "ellipse", "start": [-2.5, 1.0], "steps": 700,
            "optimizer": {"name": "sgd"},
            "learning_rates": {"from": 1e-3, "to": 1.0, "count": 25}
        })
        .to_string(),
    )
    .unwrap();
    let whole = sweep(&spec);
    assert!(whole.divergence_edge.is_some() && whole.best_learning_rate.is_some());
    for budget in [1, 37, 700, 5000] {
        let mut part = Sweep::new(spec.clone());
        let mut calls = 0;
        let mut seen_runs = 0;
        while !part.advance(budget) {
            calls += 1;
            assert!(part.runs_done() >= seen_runs, "progress never goes back");
            seen_runs = part.runs_done();
            assert!(part.result().divergence_edge.is_none() || part.runs_done() == 25);
            assert!(
                part.result().best_learning_rate.is_none(),
                "no summary before the end"
            );
        }
        assert!(
            part.is_finished() && part.advance(budget),
            "finished stays finished"
        );
        assert_eq!(part.result(), &whole, "budget {budget}");
        if budget == 1 {
            assert!(
                calls > 25 * 10,
                "a budget of one step per call took {calls} calls"
            );
        }
    }
}

/// A sweep ignores optimizer.learning_rate: with a warmup schedule whose
/// initial_learning_rate is given, changing it changes nothing, and without
/// one the sweep says what it needs instead of silently using it.
#[test]
fn a_sweeps_schedule_is_relative_to_each_swept_rate() {
    let spec = |optimizer_lr: f64, initial: Option<f64>| {
        let mut schedule = serde_json::json!({
            "name": "cosine_decay", "decay_steps": 200, "alpha": 0.0,
            "warmup_target": 0.1, "warmup_steps": 50
        });
        if let Some(i) = initial {
            schedule["initial_learning_rate"] = serde_json::json!(i);
        }
        serde_json::json!({
            "landscape": "ellipse", "start": [-2.5, 1], "steps": 300,
            "optimizer": {"name": "sgd", "learning_rate": optimizer_lr},
            "schedule": schedule,
            "learning_rates": {"from": 0.001, "to": 0.3, "count": 12}
        })
        .to_string()
    };
    let a = sweep_json(&spec(0.01, Some(0.05))).unwrap();
    let b = sweep_json(&spec(0.5, Some(0.05))).unwrap();
    assert_eq!(a, b);
    let e = sweep_json(&spec(0.01, None)).unwrap_err();
    assert_eq!(e.field, "schedule.initial_learning_rate", "{e}");
    // Each run warms up to its rate × 0.1 / 0.05: twice its start.
    let s = SweepSpec::from_json_text(&spec(0.01, Some(0.05))).unwrap();
    assert_eq!(s.learning_rates.len(), 12);
}

/// A start outside the divergence box, typed or drawn, is refused by name
/// instead of returning a run "diverged at step 0" with a made-up point.
#[test]
fn a_start_outside_the_divergence_box_is_refused() {
    let run = |start: serde_json::Value, tolerances: Option<serde_json::Value>| {
        let mut spec = serde_json::json!({
            "landscape": "bowl", "start": start, "steps": 10,
            "optimizer": {"name": "sgd"}
        });
        if let Some(t) = tolerances {
            spec["tolerances"] = t;
        }
        (descent::simulate_json(&spec.to_string()).map(|_| ()), {
            spec["learning_rates"] = serde_json::json!({"from": 0.01, "to": 0.1, "count": 3});
            sweep_json(&spec.to_string()).map(|_| ())
        })
    };
    for (start, tolerances, field) in [
        (serde_json::json!([2e6, 0]), None, "start"),
        (serde_json::json!({"sigma": 1e7}), None, "start.sigma"),
        (
            serde_json::json!([5, 5]),
            Some(serde_json::json!({"divergence_box": 1})),
            "start",
        ),
    ] {
        let (simulated, swept) = run(start.clone(), tolerances.clone());
        assert_eq!(simulated.unwrap_err().field, field, "{start}");
        assert_eq!(swept.unwrap_err().field, field, "{start}");
    }
    let (simulated, swept) = run(
        serde_json::json!([0.5, 0.5]),
        Some(serde_json::json!({"divergence_box": 1})),
    );
    assert!(simulated.is_ok() && swept.is_ok());
}
