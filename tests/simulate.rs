//! `simulate(spec)` from the outside: the stability edge of SGD on the
//! ellipse, bad input of every kind, no NaN ever returned, and seeds.

use descent::landscape::catalogue;
use descent::optim::NAMES;
use descent::run::simulate::{simulate, simulate_json, SimulateResult, SimulateSpec};
use descent::run::trajectory::Status;
use descent::spec::SpecError;
use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};
use serde_json::{json, Value};
use std::panic::{catch_unwind, AssertUnwindSafe};

/// Sets the field at a JSON pointer, creating it in its object if absent.
fn set(spec: &mut Value, pointer: &str, value: Value) {
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    match spec.pointer_mut(parent).unwrap() {
        Value::Object(map) => {
            map.insert(key.to_string(), value);
        }
        Value::Array(items) => items[key.parse::<usize>().unwrap()] = value,
        other => panic!("{pointer}: parent is {other}"),
    }
}

fn run(spec: Value) -> Result<SimulateResult, SpecError> {
    simulate_json(&spec.to_string())
}

/// Every number a result hands out is finite, and the arrays agree in
/// length with the status.
fn assert_well_formed(r: &SimulateResult, what: &str) {
    let n = r.loss.len();
    assert!(
        n >= 1 || matches!(r.status, Status::Diverged { step: 0, .. }),
        "{what}"
    );
    assert_eq!(r.path.len(), 2 * n, "{what}: path length");
    assert_eq!(r.gradient_norm.len(), n, "{what}: gradient norms");
    assert_eq!(r.learning_rate.len(), n, "{what}: learning rates");
    for (name, values) in [
        ("path", &r.path),
        ("loss", &r.loss),
        ("gradient_norm", &r.gradient_norm),
        ("learning_rate", &r.learning_rate),
    ] {
        if let Some(i) = values.iter().position(|v| !v.is_finite()) {
            panic!("{what}: {name}[{i}] = {}", values[i]);
        }
    }
    match r.status {
        // A diverged run records the points before the bad one.
        Status::Diverged { step, point } => {
            assert_eq!(n, step, "{what}: diverged at {step} with {n} points");
            assert!(point.iter().all(|c| c.is_finite()), "{what}: {point:?}");
        }
        Status::Converged { step } | Status::OutOfSteps { step } => {
            assert_eq!(
                n,
                step + 1,
                "{what}: {} at {step} with {n} points",
                r.status.name()
            )
        }
        Status::Running => panic!("{what}: a finished simulate is still running"),
    }
}

// ---------------------------------------------------------------------------
// The stability edge: plain gradient descent on ½(x² + 25y²) is stable
// exactly when |1 − 25η| < 1, i.e. η < 2/25.

/// SGD on the ellipse from (x₀, y₀): y_k = y₀·(1 − 25η)ᵏ, x_k = x₀·(1 − η)ᵏ.
fn ellipse(learning_rate: f64) -> SimulateResult {
    run(json!({
        "landscape": "ellipse", "start": [1.5, 0.75], "steps": 50_000,
        "optimizer": {"name": "sgd", "learning_rate": learning_rate}
    }))
    .unwrap()
}

#[test]
fn sgd_on_the_ellipse_converges_just_below_two_over_25_and_diverges_just_above() {
    let edge = 2.0 / 25.0;
    for (eta, y0) in [(edge * 0.999, 0.75f64), (edge * 0.99, 0.75)] {
        let r = ellipse(eta);
        assert_well_formed(&r, "below the edge");
        assert_eq!(r.status.name(), "converged", "η = {eta}");
        // Converged when ‖∇J‖ ≈ 25·|y_k| < 1e-6 (x has long died out):
        // k ≈ ln(1e-6/(25·0.75)) / ln|1 − 25η|.
        let predicted = (1e-6 / (25.0 * y0)).ln() / (1.0 - 25.0 * eta).abs().ln();
        let step = r.status.step().unwrap() as f64;
        assert!(
            (step - predicted).abs() <= 2.0,
            "η = {eta}: converged at {step}, predicted {predicted:.1}"
        );
    }
    for eta in [edge * 1.001, edge * 1.01] {
        let r = ellipse(eta);
        assert_well_formed(&r, "above the edge");
        assert_eq!(r.status.name(), "diverged", "η = {eta}");
        // Diverged at the first k with |y_k| > 1e6 (the box).
        let predicted = ((1e6f64 / 0.75).ln() / (25.0 * eta - 1.0).ln()).floor() + 1.0;
        let step = r.status.step().unwrap() as f64;
        assert!(
            (step - predicted).abs() <= 1.0,
            "η = {eta}: diverged at {step}, predicted {predicted}"
        );
    }
    // At η = 2/25 exactly, y flips sign forever: neither converged nor diverged.
    let r = ellipse(edge);
    assert_eq!(r.status.name(), "out_of_steps");
}

// ---------------------------------------------------------------------------
// Bad input: a SpecError naming the field, or a run that ends "diverged".
// Never a panic, never a NaN.

enum Expect {
    Field(&'static str),
    Diverged,
    /// A valid spec whose run ends in any status, with finite numbers.
    Runs,
}

#[test]
// A start outside the divergence box is refused by name (it used to end
// "diverged at step 0" with an empty path): issue 10.
fn nan_infinite_and_huge_input_ends_as_diverged_or_a_named_error() {
    use Expect::*;
    let base = || {
        json!({
            "landscape": "rosenbrock", "start": [-1.5, 2.0], "steps": 500,
            "optimizer": {"name": "adam", "learning_rate": 0.01}
        })
    };
    let with = |pointer: &str, value: Value| {
        let mut spec = base();
        set(&mut spec, pointer, value);
        spec
    };
    let optimizer = |name: &str, key: &str, value: Value| {
        let mut spec = base();
        spec["optimizer"] = json!({"name": name, "learning_rate": 0.01});
        spec["optimizer"][key] = value;
        spec
    };
    // NaN and ±Infinity arrive from JavaScript as null (JSON.stringify).
    let cases: Vec<(Value, Expect)> = vec![
        (with("/start/0", Value::Null), Field("start[0]")),
        (with("/start/1", Value::Null), Field("start[1]")),
        (with("/start/0", json!("1")), Field("start[0]")),
        (with("/start", json!([1e308, 1e308])), Field("start")),
        (with("/start", json!([-1e7, 0])), Field("start")),
        // Far up Rosenbrock's wall, plain gradient descent explodes.
        (
            {
                let mut spec = with("/start", json!([1e3, 1e3]));
                spec["optimizer"] = json!({"name": "sgd", "learning_rate": 0.01});
                spec
            },
            Diverged,
        ),
        (
            with("/start", json!({"sigma": 1e300})),
            Field("start.sigma"),
        ),
        (
            with("/start", json!({"sigma": Value::Null})),
            Field("start.sigma"),
        ),
        (with("/start", json!({"sigma": 0})), Field("start.sigma")),
        (with("/start", json!({"sigma": -1})), Field("start.sigma")),
        (with("/start", json!({"mu": 1})), Field("start.mu")),
        (with("/start", json!("origin")), Field("start")),
        (
            with("/optimizer/learning_rate", Value::Null),
            Field("optimizer.learning_rate"),
        ),
        (
            with("/optimizer/learning_rate", json!(0)),
            Field("optimizer.learning_rate"),
        ),
        (
            with("/optimizer/learning_rate", json!(-0.1)),
            Field("optimizer.learning_rate"),
        ),
        (with("/optimizer/learning_rate", json!(1e308)), Diverged),
        (with("/optimizer/learning_rate", json!(1e6)), Diverged),
        (
            with("/optimizer/beta_1", Value::Null),
            Field("optimizer.beta_1"),
        ),
        (
            with("/optimizer/beta_1", json!(1e308)),
            Field("optimizer.beta_1"),
        ),
        (
            with("/optimizer/beta_2", json!(-1e-9)),
            Field("optimizer.beta_2"),
        ),
        (
            with("/optimizer/epsilon", json!(-1e308)),
            Field("optimizer.epsilon"),
        ),
        // A huge ε freezes the run: it ends converged by step length.
        (with("/optimizer/epsilon", json!(1e308)), Runs),
        (with("/steps", json!(1e12)), Field("steps")),
        (with("/steps", json!(-1)), Field("steps")),
        (with("/steps", json!(2.5)), Field("steps")),
        (with("/steps", Value::Null), Field("steps")),
        (with("/landscape", Value::Null), Field("landscape")),
        (with("/optimizer", Value::Null), Field("optimizer")),
        (
            optimizer("sgd", "momentum", json!(1e308)),
            Field("optimizer.momentum"),
        ),
        (optimizer("sgd", "weight_decay", json!(1e308)), Diverged),
        // Keras's None: the option is off.
        (optimizer("sgd", "weight_decay", Value::Null), Runs),
        (optimizer("sgd", "clipvalue", json!(1e308)), Diverged),
        (
            optimizer("rmsprop", "rho", json!(1.5)),
            Field("optimizer.rho"),
        ),
        (
            optimizer("adagrad", "initial_accumulator_value", json!(-1)),
            Field("optimizer.initial_accumulator_value"),
        ),
        // A huge accumulator freezes the run too.
        (
            optimizer("adagrad", "initial_accumulator_value", json!(1e308)),
            Runs,
        ),
        (
            optimizer("adadelta", "epsilon", Value::Null),
            Field("optimizer.epsilon"),
        ),
        (optimizer("lion", "learning_rate", json!(1e300)), Diverged),
        (
            optimizer("sgd", "nesterov", json!("yes")),
            Field("optimizer.nesterov"),
        ),
        (
            with(
                "/schedule",
                json!({"name": "exponential_decay", "decay_steps": 1e-300, "decay_rate": 1e300}),
            ),
            Diverged,
        ),
        (
            with(
                "/schedule",
                json!({"name": "exponential_decay", "decay_steps": 1, "decay_rate": Value::Null}),
            ),
            Field("schedule.decay_rate"),
        ),
        (with("/seed", json!(-1)), Field("seed")),
    ];
    for (spec, expect) in cases {
        let what = spec.to_string();
        let outcome = catch_unwind(AssertUnwindSafe(|| run(spec.clone())))
            .unwrap_or_else(|_| panic!("panicked on {what}"));
        match (outcome, expect) {
            (Err(e), Field(field)) => {
                assert_eq!(e.field, field, "{what}: {e}");
                assert!(!e.message.is_empty());
            }
            (Ok(r), Diverged) => {
                assert_well_formed(&r, &what);
                assert_eq!(r.status.name(), "diverged", "{what}");
            }
            (Ok(r), Runs) => assert_well_formed(&r, &what),
            (Err(e), Runs) => panic!("{what}: expected a run, got {e}"),
            (Ok(r), Field(field)) => {
                panic!(
                    "{what}: expected an error on {field}, got {}",
                    r.status.name()
                )
            }
            (Err(e), Diverged) => panic!("{what}: expected a diverged run, got {e}"),
        }
    }
    // Input that is not JSON, or whose numbers overflow f64, is a spec error.
    for text in ["", "{", "[1, 2]", "{\"steps\": 1e400}", "NaN"] {
        let e = catch_unwind(|| simulate_json(text))
            .unwrap_or_else(|_| panic!("panicked on {text:?}"))
            .unwrap_err();
        assert_eq!(e.field, "spec", "{text:?}: {e}");
    }
}

#[test]
fn non_finite_values_set_from_rust_also_end_as_diverged() {
    // Callers that build a spec in Rust can pass NaN and ∞ directly.
    let mut spec = SimulateSpec::from_json_text(
        r#"{"landscape": "bowl", "start": [1, 1], "steps": 1000,
            "optimizer": {"name": "sgd", "learning_rate": 0.1}}"#,
    )
    .unwrap();
    for start in [
        [f64::NAN, 0.0],
        [0.0, f64::INFINITY],
        [f64::NEG_INFINITY, f64::NAN],
        [f64::MAX, f64::MAX],
    ] {
        spec.start = start;
        let r = simulate(&spec);
        assert_well_formed(&r, &format!("start {start:?}"));
        assert_eq!(
            r.status,
            Status::Diverged {
                step: 0,
                point: [0.0, 0.0]
            }
        );
    }
    // A NaN learning rate from the slider is ignored, not applied.
    spec.start = [1.0, 1.0];
    let mut t = spec.trajectory();
    t.set_learning_rate(f64::NAN);
    t.set_learning_rate(f64::INFINITY);
    t.set_learning_rate(-1.0);
    assert_eq!(t.optimizer().learning_rate(), 0.1);
    t.run();
    assert_eq!(t.status().name(), "converged");
}

#[test]
fn bad_specs_name_the_field_and_the_allowed_values() {
    let base = json!({
        "landscape": "bowl", "start": [1, 1], "steps": 10,
        "optimizer": {"name": "adam"}
    });
    let bad = |pointer: &str, value: Value| {
        let mut spec = base.clone();
        set(&mut spec, pointer, value);
        run(spec).unwrap_err()
    };
    let e = bad("/landscape", json!("banana"));
    assert_eq!(e.field, "landscape");
    for l in catalogue() {
        assert!(e.message.contains(l.name()), "lists {}: {e}", l.name());
    }
    let e = bad("/optimizer/name", json!("adamm"));
    assert_eq!(e.field, "optimizer.name");
    for name in NAMES {
        assert!(e.message.contains(name), "lists {name}: {e}");
    }
    let e = bad("/start", json!([1]));
    assert_eq!(e.field, "start");
    assert!(e.message.contains("[x, y]"), "{e}");
    let mut spec = base.clone();
    spec.as_object_mut().unwrap().remove("start");
    let e = run(spec).unwrap_err();
    assert_eq!(e.field, "start");
    assert!(e.message.contains("missing"), "{e}");
    for lr in [json!(0), json!(-1), Value::Null, json!("fast")] {
        let e = bad("/optimizer/learning_rate", lr);
        assert_eq!(e.field, "optimizer.learning_rate");
        assert!(e.message.contains("> 0"), "{e}");
    }
    for key in ["beta_1", "beta_2"] {
        for beta in [json!(1.0), json!(-0.1), json!(1.5)] {
            let e = bad(&format!("/optimizer/{key}"), beta.clone());
            assert_eq!(e.field, format!("optimizer.{key}"));
            assert!(e.message.contains("[0, 1)"), "{e}");
            assert!(
                e.message.contains(&beta.to_string()),
                "echoes the value: {e}"
            );
        }
    }
    let e = bad("/optimizer/epsilon", json!(-1e-7));
    assert_eq!(e.field, "optimizer.epsilon");
    assert!(e.message.contains("≥ 0"), "{e}");
    let e = bad("/optimizer/learning_rte", json!(0.1));
    assert_eq!(e.field, "optimizer.learning_rte");
    assert!(
        e.message.contains("learning_rate"),
        "suggests the real name: {e}"
    );
}

// ---------------------------------------------------------------------------
// No NaN or infinity ever leaves `simulate`: random specs from a seeded RNG.

fn random_spec(rng: &mut StdRng) -> Value {
    let landscapes = catalogue();
    let l = landscapes[rng.random_range(0..landscapes.len())];
    let name = NAMES[rng.random_range(0..NAMES.len())];
    let w = l.window();
    // Starts inside the window, or far outside it (up to 10⁴ times).
    let spread = 10f64.powf(rng.random_range(0.0..4.0));
    let start = [
        (w.x_min + rng.random::<f64>() * w.width()) * spread,
        (w.y_min + rng.random::<f64>() * w.height()) * spread,
    ];
    // Learning rates from 1e-6 to 1e6, log-uniform: many runs explode.
    let mut optimizer = json!({
        "name": name,
        "learning_rate": 10f64.powf(rng.random_range(-6.0..6.0)),
    });
    let fraction = |rng: &mut StdRng| rng.random_range(0.0..0.999);
    match name {
        "sgd" => {
            optimizer["momentum"] = json!(fraction(rng));
            optimizer["nesterov"] = json!(rng.random_bool(0.5));
        }
        "rmsprop" => {
            optimizer["momentum"] = json!(fraction(rng));
            optimizer["centered"] = json!(rng.random_bool(0.5));
            optimizer["rho"] = json!(fraction(rng));
        }
        "adagrad" | "adadelta" => {
            optimizer["epsilon"] = json!(10f64.powf(rng.random_range(-12.0..0.0)))
        }
        "lion" => {}
        _ => {
            optimizer["beta_1"] = json!(fraction(rng));
            optimizer["beta_2"] = json!(fraction(rng));
            optimizer["epsilon"] = json!(if rng.random_bool(0.2) { 0.0 } else { 1e-7 });
        }
    }
    for key in ["weight_decay", "clipnorm", "clipvalue", "global_clipnorm"] {
        if rng.random_bool(0.15) {
            optimizer[key] = json!(10f64.powf(rng.random_range(-3.0..3.0)));
        }
    }
    let mut spec = json!({
        "landscape": l.name(), "start": start, "optimizer": optimizer,
        "steps": rng.random_range(0..400),
    });
    if rng.random_bool(0.2) {
        spec["schedule"] = match rng.random_range(0..3) {
            0 => json!({"name": "exponential_decay", "decay_steps": 10, "decay_rate": 1.5}),
            1 => json!({"name": "piecewise_constant", "boundaries": [20], "values": [1e-3, 1e3]}),
            _ => {
                json!({"name": "cosine_decay", "decay_steps": 50, "warmup_target": 100.0, "warmup_steps": 20})
            }
        };
    }
    if rng.random_bool(0.2) {
        spec["start"] = json!({"sigma": 10f64.powf(rng.random_range(-3.0..3.0))});
        spec["seed"] = json!(rng.random_range(0..1000));
    }
    spec
}

#[test]
fn no_nan_or_infinity_ever_leaves_simulate() {
    let mut rng = StdRng::seed_from_u64(6191);
    let mut statuses = std::collections::BTreeMap::new();
    for _ in 0..3000 {
        let spec = random_spec(&mut rng);
        let what = spec.to_string();
        let r = catch_unwind(AssertUnwindSafe(|| run(spec)))
            .unwrap_or_else(|_| panic!("panicked on {what}"))
            .unwrap_or_else(|e| panic!("{what}: rejected a valid spec: {e}"));
        assert_well_formed(&r, &what);
        *statuses.entry(r.status.name()).or_insert(0) += 1;
    }
    // The generator must actually reach every outcome, or the test is weak.
    for status in ["converged", "diverged", "out_of_steps"] {
        assert!(
            statuses.get(status).copied().unwrap_or(0) > 50,
            "too few {status} runs: {statuses:?}"
        );
    }
}

// ---------------------------------------------------------------------------
// Seeds.

#[test]
fn the_same_seed_gives_the_same_run() {
    let spec = |seed: u64| {
        json!({
            "landscape": "himmelblau", "start": {"sigma": 2.0}, "seed": seed,
            "steps": 300, "optimizer": {"name": "adam", "learning_rate": 0.05}
        })
    };
    let a = run(spec(7)).unwrap();
    let b = run(spec(7)).unwrap();
    assert_eq!(a, b);
    let c = run(spec(8)).unwrap();
    assert_ne!(a.path[..2], c.path[..2], "another seed, another start");
    // A given start ignores the seed.
    let fixed = |seed: u64| {
        json!({"landscape": "bowl", "start": [1, 2], "seed": seed, "steps": 5,
               "optimizer": {"name": "sgd"}})
    };
    assert_eq!(run(fixed(1)).unwrap(), run(fixed(2)).unwrap());
}

#[test]
fn random_starts_are_normal_with_mean_zero_and_variance_sigma_squared() {
    let sigma = 2.0;
    let n = 4000;
    let starts: Vec<[f64; 2]> = (0..n)
        .map(|seed| {
            let r = run(json!({
                "landscape": "bowl", "start": {"sigma": sigma}, "seed": seed,
                "steps": 0, "optimizer": {"name": "sgd"}
            }))
            .unwrap();
            [r.path[0], r.path[1]]
        })
        .collect();
    let n = n as f64;
    for i in 0..2 {
        let mean = starts.iter().map(|p| p[i]).sum::<f64>() / n;
        let var = starts.iter().map(|p| (p[i] - mean).powi(2)).sum::<f64>() / (n - 1.0);
        // Standard errors: σ/√n ≈ 0.032 for the mean, σ²·√(2/n) ≈ 0.089 for
        // the variance; allow 4 of them.
        assert!(
            mean.abs() < 4.0 * sigma / n.sqrt(),
            "coordinate {i}: mean {mean}"
        );
        assert!(
            (var - sigma * sigma).abs() < 4.0 * sigma * sigma * (2.0 / n).sqrt(),
            "coordinate {i}: variance {var}"
        );
        // A normal's tails: about 4.55% beyond 2σ (binomial sd ≈ 0.33%).
        let beyond = starts.iter().filter(|p| p[i].abs() > 2.0 * sigma).count() as f64 / n;
        assert!(
            (beyond - 0.0455).abs() < 0.015,
            "coordinate {i}: {beyond} beyond 2σ"
        );
    }
    // The two coordinates are drawn independently.
    let cov = starts.iter().map(|p| p[0] * p[1]).sum::<f64>() / n;
    assert!(
        cov.abs() < 4.0 * sigma * sigma / n.sqrt(),
        "covariance {cov}"
    );
    // The landscape does not matter to the draw.
    let on = |name: &str| {
        run(
            json!({"landscape": name, "start": {"sigma": 1.0}, "seed": 3, "steps": 0,
                   "optimizer": {"name": "sgd"}}),
        )
        .unwrap()
        .path
    };
    assert_eq!(on("bowl"), on("rosenbrock"));
}
