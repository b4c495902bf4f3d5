//! Golden trajectories and schedules from tf.keras, replayed through the
//! engine point by point.
//!
//! tests/golden/keras.json comes from tools/keras_golden.py (TF 2.21,
//! Keras 3.15.1; see tools/README.md). Each case gives a landscape, a start,
//! an optimizer config in our spec format, a step count and Keras's whole
//! path. Keras was fed gradients computed in float64 with the same expression
//! as our landscapes, so any difference is the optimizer's.
//!
//! Run with `cargo test --test golden -- --nocapture` to see the worst error
//! per optimizer.

mod common;

use common::{floats, golden_file};
use descent::optim::{self, Kind, Schedule};
use descent::run::simulate::SimulateSpec;
use descent::run::trajectory::Status;
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

/// The cases use hyperparameters float32 holds exactly, so Keras and the
/// engine do the same float64 operations in the same order, and when the
/// file was generated every coordinate matched Keras's bit for bit. The
/// allowance is for serde_json's default float parser, whose fast path is
/// not guaranteed to round a 17-digit decimal correctly (a last-bit
/// difference, relative 1e-16, that the dynamics may amplify a little over
/// 150 steps); 1e-12 is the brief's bound and still catches any wrong rule.
const TOLERANCE: f64 = 1e-12;

/// Keras sends some of its own defaults through float32 (β for βᵗ,
/// AdamW's weight_decay 0.004, Adagrad's initial accumulator 0.1, Nadam's
/// 0.96), while the engine keeps Keras's Python float64 values. Those cases
/// differ by float32 rounding (relative 6e-8 per value), which the dynamics
/// carry along the path; 1e-5 relative bounds it with margin while still
/// catching any wrong rule, which shows up at 1e-2 or worse.
const DEFAULTS_TOLERANCE: f64 = 1e-5;

/// Keras computes schedules in float32 (its learning rate variable is
/// float32), the engine in f64: they agree to float32's relative precision,
/// 2⁻²⁴ ≈ 6e-8, plus a few roundings inside pow and cos. 1e-6 leaves margin
/// while still catching an off-by-one step or a wrong boundary. In
/// exponential decay, float32's rounding of decay_rate (up to 6e-8 relative)
/// is raised to the power p = t/decay_steps, so the error grows like p·6e-8;
/// the tolerance grows with p. Near the end of a cosine decay,
/// ½(1 + cos πt/T) is a difference of nearly equal float32 numbers, so
/// Keras's float32 error there is relative to the peak rate, not to the
/// small rate left; the tolerance is scaled to match.
const SCHEDULE_TOLERANCE: f64 = 1e-6;

/// The allowed relative error at step `t` whose Keras value is `expected`.
fn schedule_tolerance(spec: &Map<String, Value>, t: f64, expected: f64) -> f64 {
    match spec["name"].as_str() {
        Some("cosine_decay") => {
            let peak = spec["initial_learning_rate"].as_f64().unwrap().max(
                spec.get("warmup_target")
                    .and_then(Value::as_f64)
                    .unwrap_or(0.0),
            );
            SCHEDULE_TOLERANCE * (peak / expected).max(1.0)
        }
        Some("exponential_decay") => {
            SCHEDULE_TOLERANCE * (1.0 + t / spec["decay_steps"].as_f64().unwrap())
        }
        _ => SCHEDULE_TOLERANCE,
    }
}

fn golden() -> Value {
    golden_file("keras.json")
}

/// Relative error, measured against the larger of |expected| and 1e-8 so
/// that paths converging to an exact 0 compare absolutely there.
fn relative_error(got: f64, expected: f64) -> f64 {
    (got - expected).abs() / expected.abs().max(1e-8)
}

/// Runs one case through `SimulateSpec` with tolerances that cannot stop it
/// early, applying any mid-run learning-rate changes, and returns the path.
fn replay(case: &Value) -> Vec<f64> {
    let mut spec = Map::new();
    for key in ["landscape", "start", "optimizer", "steps", "schedule"] {
        if let Some(v) = case.get(key) {
            spec.insert(key.into(), v.clone());
        }
    }
    spec.insert(
        "tolerances".into(),
        json!({"gradient_norm": 0, "step_length": 0}),
    );
    let spec = SimulateSpec::from_json(&spec)
        .unwrap_or_else(|e| panic!("{}: spec rejected: {e}", case["name"]));
    let changes: BTreeMap<usize, f64> = case
        .get("set_learning_rate")
        .and_then(Value::as_array)
        .map(|list| {
            list.iter()
                .map(|pair| {
                    (
                        pair[0].as_u64().unwrap() as usize,
                        pair[1].as_f64().unwrap(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    let mut trajectory = spec.trajectory();
    loop {
        if let Some(&lr) = changes.get(&trajectory.steps()) {
            trajectory.set_learning_rate(lr);
        }
        if !trajectory.step() {
            break;
        }
    }
    assert_eq!(
        trajectory.status(),
        Status::OutOfSteps { step: spec.steps },
        "{}: the run must use its whole budget",
        case["name"]
    );
    trajectory.path().to_vec()
}

/// Replays every case with (or without) `keras_defaults` and returns the
/// worst relative error per optimizer name, failing on any point beyond
/// `tolerance`.
fn check_trajectories(keras_defaults: bool, tolerance: f64) -> BTreeMap<String, (f64, String)> {
    let golden = golden();
    let mut worst: BTreeMap<String, (f64, String)> = BTreeMap::new();
    let mut failures = Vec::new();
    let (mut count, mut identical, mut numbers) = (0, 0, 0);
    for case in golden["trajectories"].as_array().unwrap() {
        if case.get("keras_defaults").is_some() != keras_defaults {
            continue;
        }
        count += 1;
        let name = case["name"].as_str().unwrap();
        let expected = floats(&case["path"]);
        let got = replay(case);
        assert_eq!(got.len(), expected.len(), "{name}: path length");
        let (mut case_worst, mut at) = (0.0f64, 0);
        numbers += expected.len();
        identical += got.iter().zip(&expected).filter(|(g, e)| g == e).count();
        for (i, (g, e)) in got.iter().zip(&expected).enumerate() {
            let err = relative_error(*g, *e);
            if err > case_worst {
                case_worst = err;
                at = i;
            }
        }
        if case_worst > tolerance {
            failures.push(format!(
                "{name}: relative error {case_worst:.3e} at point {} ({}), got {} expected {}",
                at / 2,
                ["x", "y"][at % 2],
                got[at],
                expected[at]
            ));
        }
        let optimizer = case["optimizer"]["name"].as_str().unwrap().to_string();
        let entry = worst.entry(optimizer).or_insert((0.0, String::new()));
        if case_worst > entry.0 || entry.1.is_empty() {
            *entry = (case_worst, name.to_string());
        }
    }
    assert!(count > 0, "no cases with keras_defaults = {keras_defaults}");
    println!(
        "{count} golden trajectories (keras_defaults = {keras_defaults}), {identical} of {numbers} coordinates identical to Keras's; worst relative error per optimizer:"
    );
    for (optimizer, (err, case)) in &worst {
        println!("  {optimizer:9} {err:.3e}  (worst case: {case})");
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    worst
}

#[test]
fn every_golden_trajectory_matches_keras_point_by_point() {
    let worst = check_trajectories(false, TOLERANCE);
    for name in optim::NAMES {
        assert!(worst.contains_key(*name), "no golden case for {name}");
    }
}

#[test]
fn keras_default_runs_match_up_to_keras_float32_casts() {
    let worst = check_trajectories(true, DEFAULTS_TOLERANCE);
    for name in optim::NAMES {
        assert!(
            worst.contains_key(*name),
            "no keras-defaults case for {name}"
        );
    }
}

/// The golden file must exercise every hyperparameter of every optimizer
/// at a value other than its default, so a new option without a golden
/// case fails here.
#[test]
fn golden_cases_cover_every_option_of_every_optimizer() {
    let golden = golden();
    let cases = golden["trajectories"].as_array().unwrap();
    for name in optim::NAMES {
        for h in optim::hyperparameters(name).unwrap() {
            let covered = cases.iter().any(|case| {
                let config = &case["optimizer"];
                if config["name"] != *name {
                    return false;
                }
                match (config.get(h.name), h.default) {
                    (None, _) => false,
                    (Some(v), _) if h.kind == Kind::Flag => v == &json!(true),
                    (Some(v), Some(d)) => v.as_f64() != Some(d),
                    (Some(_), None) => true,
                }
            });
            assert!(covered, "no golden case sets {name}.{}", h.name);
        }
    }
    for key in ["set_learning_rate", "schedule"] {
        assert!(
            cases.iter().any(|c| c.get(key).is_some()),
            "no golden case with {key}"
        );
    }
}

#[test]
fn schedules_match_keras_to_float32_precision() {
    let golden = golden();
    let (mut worst, mut worst_share) = (0.0f64, 0.0f64);
    let cases = golden["schedules"].as_array().unwrap();
    assert!(cases.len() >= 4);
    for case in cases {
        let spec = case["schedule"].as_object().unwrap();
        // Every golden spec names its initial rate; the fallback is unused.
        let schedule =
            Schedule::from_json(spec, "schedule", 1.0).unwrap_or_else(|e| panic!("{spec:?}: {e}"));
        let steps = floats(&case["steps"]);
        let expected = floats(&case["learning_rate"]);
        for (t, e) in steps.iter().zip(&expected) {
            let got = schedule.learning_rate(*t as u64);
            let err = (got - e).abs() / e.abs();
            let tolerance = schedule_tolerance(spec, *t, *e);
            assert!(
                err <= tolerance,
                "{}: step {t}: got {got}, Keras {e} (relative {err:.2e})",
                spec["name"]
            );
            worst = worst.max(err);
            worst_share = worst_share.max(err / tolerance);
        }
    }
    println!(
        "{} schedules: worst relative error {worst:.3e}, worst share of its tolerance {worst_share:.3}",
        cases.len()
    );
}
