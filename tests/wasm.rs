//! The engine, run inside Chromium's WebAssembly: the numbers a student sees
//! in the browser must be the numbers a teacher gets from a native script.
//!
//! Run with `cargo test --target wasm32-unknown-unknown --test wasm` (the
//! runner in .cargo/config.toml drives headless Chromium through
//! chromedriver); `scripts/test wasm` does that. Native `cargo test` skips
//! this file.
//!
//! The hard-coded values were printed by the same specs run natively on
//! x86_64 through `descent::simulate_json`. Where only +, −, ×, ÷ and √ are
//! involved, IEEE 754 makes the two bit-identical, and the tests demand it.
//! Where `exp`, `ln`, `cos` or `powf` are involved, native code uses the
//! system's libm and wasm uses Rust's port of musl's, which may differ in
//! the last bit, so those tests allow 1e-12. If the engine's numbers change
//! on purpose, rerun the spec natively and update the constant.

#![cfg(target_arch = "wasm32")]

use descent::landscape::{self, LECTURE_LEARNING_RATES, LECTURE_START};
use descent::run::trajectory::Status;
use descent::simulate_json;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn run(spec: &str) -> descent::SimulateResult {
    simulate_json(spec).unwrap_or_else(|e| panic!("{spec} was refused: {e}"))
}

fn assert_converged(r: &descent::SimulateResult) {
    assert!(
        matches!(r.status, Status::Converged { .. }),
        "{:?}",
        r.status
    );
}

/// The run diverged, and left no NaN or ±∞ in its path or losses.
fn assert_diverged_without_nan(r: &descent::SimulateResult, what: &str) {
    assert!(
        matches!(r.status, Status::Diverged { .. }),
        "{what}, got {:?}",
        r.status
    );
    assert!(r.path.iter().chain(&r.loss).all(|v| v.is_finite()));
}

fn last_point(path: &[f64]) -> [f64; 2] {
    [path[path.len() - 2], path[path.len() - 1]]
}

fn assert_close(got: f64, want: f64, what: &str) {
    let tolerance = 1e-12 * (1.0 + want.abs());
    assert!(
        (got - want).abs() <= tolerance,
        "{what}: wasm gives {got:?}, native gave {want:?}"
    );
}

#[wasm_bindgen_test]
fn sgd_with_momentum_on_the_ellipse_matches_native_bit_for_bit() {
    let spec = r#"{"landscape": "ellipse", "start": [1, 1], "steps": 40,
        "optimizer": {"name": "sgd", "learning_rate": 0.05, "momentum": 0.5}}"#;
    let r = run(spec);
    assert_eq!(r.status, Status::OutOfSteps { step: 40 });
    assert_eq!(r.path.len(), 2 * 41);
    let [x, y] = last_point(&r.path);
    assert_eq!(
        [x.to_bits(), y.to_bits()],
        [0x3f82a78545d7219b, 0x3eb13025e55886d1],
        "{spec}: wasm ends at [{x:?}, {y:?}], native at \
         [0.009108582681520974, 1.0244892981809781e-6]"
    );

    // An independent check of the same run: Keras's momentum rule
    // v ← μv − η∇J, w ← w + v, with ∇J = (x, 25y) for ½(x² + 25y²).
    let (mut w, mut v) = ([1.0f64, 1.0], [0.0f64; 2]);
    for _ in 0..40 {
        let g = [w[0], 25.0 * w[1]];
        for i in 0..2 {
            v[i] = 0.5 * v[i] - 0.05 * g[i];
            w[i] += v[i];
        }
    }
    assert_close(x, w[0], "x after 40 momentum steps, by hand");
    assert_close(y, w[1], "y after 40 momentum steps, by hand");
}

#[wasm_bindgen_test]
fn adam_on_rosenbrock_matches_native() {
    let spec = r#"{"landscape": "rosenbrock", "start": [-1.5, 2], "steps": 300,
        "optimizer": {"name": "adam", "learning_rate": 0.015625}}"#;
    let r = run(spec);
    assert_eq!(r.status, Status::OutOfSteps { step: 300 });
    let [x, y] = last_point(&r.path);
    assert_close(x, -1.1560488011603944, "x after 300 adam steps");
    assert_close(y, 1.342501586549468, "y after 300 adam steps");
    assert_close(
        *r.loss.last().unwrap(),
        4.652210018365613,
        "loss after 300 adam steps",
    );
}

#[wasm_bindgen_test]
fn a_seeded_random_start_is_the_same_draw_as_native() {
    let spec = r#"{"landscape": "lecture", "start": {"sigma": 1.5}, "seed": 7,
        "steps": 300, "optimizer": {"name": "sgd", "learning_rate": 0.5}}"#;
    let r = run(spec);
    assert_close(r.path[0], -0.13066072355109934, "start x for seed 7");
    assert_close(r.path[1], -0.8026767257216566, "start y for seed 7");
    assert_eq!(r.status, Status::Converged { step: 9 });
    assert_eq!(r, run(spec), "the same seed must give the same run");
    let other = run(&spec.replace("\"seed\": 7", "\"seed\": 8"));
    assert_ne!(other.path[..2], r.path[..2], "seed 8 should draw elsewhere");
}

#[wasm_bindgen_test]
fn the_lecture_landscape_shows_its_three_outcomes_in_the_browser() {
    let lecture = landscape::by_name("lecture").unwrap();
    let global = lecture.minima()[0];
    let near = |p: [f64; 2], m: [f64; 2]| (p[0] - m[0]).hypot(p[1] - m[1]) < 1e-3;
    let sgd = |learning_rate: f64| {
        run(&format!(
            r#"{{"landscape": "lecture", "start": [{}, {}], "steps": 5000,
                "optimizer": {{"name": "sgd", "learning_rate": {learning_rate}}}}}"#,
            LECTURE_START[0], LECTURE_START[1]
        ))
    };
    let [small, stable, large] = LECTURE_LEARNING_RATES;

    let r = sgd(small);
    let end = last_point(&r.path);
    assert_converged(&r);
    assert!(
        lecture.minima()[1..].iter().any(|m| near(end, *m)),
        "η = {small} should be stuck in a false minimum, ended at {end:?}"
    );

    let r = sgd(stable);
    let end = last_point(&r.path);
    assert_converged(&r);
    assert!(
        near(end, global),
        "η = {stable} should reach {global:?}, ended at {end:?}"
    );

    let r = sgd(large);
    assert_diverged_without_nan(&r, &format!("η = {large} should diverge"));
}

#[wasm_bindgen_test]
fn sgd_on_the_ellipse_diverges_above_two_over_25_without_a_nan() {
    let at = |learning_rate: f64| {
        run(&format!(
            r#"{{"landscape": "ellipse", "start": [1, 1], "steps": 5000,
                "optimizer": {{"name": "sgd", "learning_rate": {learning_rate}}}}}"#
        ))
    };
    let below = at(0.079);
    assert_converged(&below);
    let above = at(0.081);
    assert_diverged_without_nan(&above, "η = 0.081");
}

#[wasm_bindgen_test]
fn bad_specs_are_errors_that_name_the_field_never_panics() {
    let base = r#"{"landscape": "bowl", "start": [1, 1], "steps": 10,
        "optimizer": {"name": "adam", "learning_rate": 0.1}}"#;
    let cases = [
        ("not json", "spec"),
        ("[1, 2]", "spec"),
        (&base.replace("bowl", "banana") as &str, "landscape"),
        (&base.replace("adam", "adamant"), "optimizer.name"),
        (&base.replace("[1, 1]", "[1]"), "start"),
        (&base.replace("[1, 1]", "[1, null]"), "start[1]"),
        (&base.replace("0.1}", "-0.1}"), "optimizer.learning_rate"),
        (&base.replace("0.1}", "0}"), "optimizer.learning_rate"),
        (&base.replace("0.1}", "null}"), "optimizer.learning_rate"),
        (
            &base.replace("0.1}", "0.1, \"beta_1\": 1}"),
            "optimizer.beta_1",
        ),
        (
            &base.replace("0.1}", "0.1, \"epsilon\": -1}"),
            "optimizer.epsilon",
        ),
        (&base.replace("10,", "-1,"), "steps"),
        (&base.replace("10,", "1e300,"), "steps"),
    ];
    for (spec, field) in cases {
        match simulate_json(spec) {
            Ok(r) => panic!("{spec} should be refused, ran to {:?}", r.status),
            Err(e) => assert_eq!(e.field, field, "{spec}: {e}"),
        }
    }
}
