//! The optimizers on their own: single steps you can check on paper, the
//! learning rate changing mid-run, every optimizer reaching the minimum of
//! the bowl and of Rosenbrock's valley, and Keras's clipping and weight
//! decay.
//!
//! Hyperparameters are chosen so that the arithmetic is exact in binary
//! (halves, quarters, ε = 0 where allowed), so most checks are `assert_eq!`.

use descent::optim::{Optimizer, OptimizerConfig, NAMES};
use descent::simulate_json;
use serde_json::{json, Value};

fn config(config: Value) -> OptimizerConfig {
    OptimizerConfig::from_json(config.as_object().unwrap(), "optimizer")
        .unwrap_or_else(|e| panic!("{config}: {e}"))
}

fn optimizer(json: Value) -> Optimizer {
    Optimizer::new(config(json), None, 2)
}

/// Takes one step from `w` with gradient `g` and returns the new point.
fn step(o: &mut Optimizer, w: [f64; 2], g: [f64; 2]) -> [f64; 2] {
    let mut w = w;
    o.step(&mut w, &g);
    w
}

fn assert_close(got: [f64; 2], expected: [f64; 2], what: &str) {
    for i in 0..2 {
        assert!(
            (got[i] - expected[i]).abs() <= 1e-15 * (1.0 + expected[i].abs()),
            "{what}: got {got:?}, expected {expected:?}"
        );
    }
}

// ---------------------------------------------------------------------------
// Single steps by hand.

#[test]
fn sgd_steps_by_hand() {
    // w ← w − η·g: (1, −2) − 0.25·(0.5, −1) = (0.875, −1.75).
    let mut o = optimizer(json!({"name": "sgd", "learning_rate": 0.25}));
    assert_eq!(step(&mut o, [1.0, -2.0], [0.5, -1.0]), [0.875, -1.75]);
}

#[test]
fn sgd_momentum_steps_by_hand() {
    // μ = 0.5, η = 0.25, g = (0.5, −1) twice.
    // Step 1: m = −η·g = (−0.125, 0.25); w = (1, −2) + m = (0.875, −1.75).
    // Step 2: m = 0.5·m − η·g = (−0.0625 − 0.125, 0.125 + 0.25) = (−0.1875, 0.375);
    //         w = (0.875 − 0.1875, −1.75 + 0.375) = (0.6875, −1.375).
    let mut o = optimizer(json!({"name": "sgd", "learning_rate": 0.25, "momentum": 0.5}));
    let w = step(&mut o, [1.0, -2.0], [0.5, -1.0]);
    assert_eq!(w, [0.875, -1.75]);
    assert_eq!(step(&mut o, w, [0.5, -1.0]), [0.6875, -1.375]);
}

#[test]
fn sgd_nesterov_steps_by_hand() {
    // Step 1: m = (−0.125, 0.25); w += μ·m − η·g = (−0.0625 − 0.125, 0.125 + 0.25)
    // so w = (1 − 0.1875, −2 + 0.375) = (0.8125, −1.625).
    let mut o = optimizer(json!({
        "name": "sgd", "learning_rate": 0.25, "momentum": 0.5, "nesterov": true
    }));
    assert_eq!(step(&mut o, [1.0, -2.0], [0.5, -1.0]), [0.8125, -1.625]);
}

#[test]
fn adagrad_step_by_hand() {
    // a = 16 + g² = (16, 25); w ← w − η·g/√(a + 0) = (1 − 0, −2 − 0.5·3/5).
    let mut o = optimizer(json!({
        "name": "adagrad", "learning_rate": 0.5, "initial_accumulator_value": 16, "epsilon": 0
    }));
    assert_close(
        step(&mut o, [1.0, -2.0], [0.0, 3.0]),
        [1.0, -2.3],
        "adagrad",
    );
    // Keras puts ε inside the root: with a₀ = 0, ε = 0.25 and g = 0 the step is 0,
    // and with g = (1.5, 0): a = 2.25, step = η·1.5/√2.5.
    let mut o = optimizer(json!({
        "name": "adagrad", "learning_rate": 0.5, "initial_accumulator_value": 0, "epsilon": 0.25
    }));
    let w = step(&mut o, [0.0, 0.0], [1.5, 0.0]);
    assert_close(w, [-0.75 / 2.5f64.sqrt(), 0.0], "adagrad ε inside the root");
}

#[test]
fn adadelta_step_by_hand() {
    // ρ = 0.75, g = (2, −4): E[g²] = 0.25·g² = (1, 4).
    // Δ = −√(0 + ε)·g/√(E[g²] + ε); with ε = 2⁻²⁰: Δ = −2⁻¹⁰·g/√(E[g²] + 2⁻²⁰).
    // E[Δ²] = 0.25·Δ². η = 1: w ← w + Δ.
    let eps = 2f64.powi(-20);
    let mut o = optimizer(json!({
        "name": "adadelta", "learning_rate": 1.0, "rho": 0.75, "epsilon": eps
    }));
    let delta = |g: f64, eg: f64| -(eps.sqrt() * g / (eg + eps).sqrt());
    let w = step(&mut o, [1.0, -2.0], [2.0, -4.0]);
    assert_close(
        w,
        [1.0 + delta(2.0, 1.0), -2.0 + delta(-4.0, 4.0)],
        "adadelta",
    );
    // About −2⁻⁹·sign(g): Adadelta's first steps are tiny, whatever the gradient.
    assert!((w[0] - (1.0 - 2f64.powi(-9))).abs() < 1e-8);
}

#[test]
fn rmsprop_steps_by_hand() {
    // ρ = 0.75, ε = 0, g = (2, −4): v = 0.25·g² = (1, 4); Δ = η·g/√v = η·(2, −2).
    // η = 0.125: w = (1, −2) − (0.25, −0.25) = (0.75, −1.75).
    let mut o = optimizer(json!({
        "name": "rmsprop", "learning_rate": 0.125, "rho": 0.75, "epsilon": 0
    }));
    assert_eq!(step(&mut o, [1.0, -2.0], [2.0, -4.0]), [0.75, -1.75]);

    // Centered: ḡ = 0.25·g = (0.5, −1); v − ḡ² = (1 − 0.25, 4 − 1) = (0.75, 3);
    // Δ = 0.125·(2/√0.75, −4/√3).
    let mut o = optimizer(json!({
        "name": "rmsprop", "learning_rate": 0.125, "rho": 0.75, "epsilon": 0, "centered": true
    }));
    let w = step(&mut o, [1.0, -2.0], [2.0, -4.0]);
    assert_close(
        w,
        [1.0 - 0.25 / 0.75f64.sqrt(), -2.0 + 0.5 / 3f64.sqrt()],
        "centered",
    );

    // Momentum 0.5 on the scaled step: step 1 moves Δ₁ = (0.25, −0.25) as above;
    // step 2 with the same g: v = 0.75·v + 0.25·g² = (1.75, 7), Δ₂ = 0.125·(2, −4)/√v,
    // m = 0.5·Δ₁ + Δ₂.
    let mut o = optimizer(json!({
        "name": "rmsprop", "learning_rate": 0.125, "rho": 0.75, "epsilon": 0, "momentum": 0.5
    }));
    let w = step(&mut o, [1.0, -2.0], [2.0, -4.0]);
    assert_eq!(w, [0.75, -1.75]);
    let w = step(&mut o, w, [2.0, -4.0]);
    let m = [0.125 + 0.25 / 1.75f64.sqrt(), -0.125 - 0.5 / 7f64.sqrt()];
    assert_close(w, [0.75 - m[0], -1.75 - m[1]], "rmsprop momentum");
}

#[test]
fn adam_first_step_is_eta_times_the_sign() {
    // β₁ = 0.5, β₂ = 0.75, ε = 0. m = 0.5·g, v = 0.25·g²,
    // α = η·√(1 − 0.75)/(1 − 0.5) = η, step = α·m/√v = η·sign(g).
    for name in ["adam", "adamw"] {
        let mut o = optimizer(json!({
            "name": name, "learning_rate": 0.125, "beta_1": 0.5, "beta_2": 0.75,
            "epsilon": 0, "weight_decay": 0
        }));
        assert_eq!(
            step(&mut o, [1.0, -2.0], [3.0, -0.001]),
            [0.875, -1.875],
            "{name}"
        );
    }
}

#[test]
fn adam_second_step_and_amsgrad_by_hand() {
    // Step 2 with g₂ = (1, 0) after g₁ = (3, 0):
    // m = 0.5·1.5 + 0.5·1 = 1.25, v = 0.75·2.25 + 0.25·1 = 1.9375,
    // α = η·√(1 − 0.75²)/(1 − 0.5²) = 0.125·√0.4375/0.75; step = α·1.25/√1.9375.
    let mut o = optimizer(json!({
        "name": "adam", "learning_rate": 0.125, "beta_1": 0.5, "beta_2": 0.75, "epsilon": 0
    }));
    // (The second coordinate mirrors the first: with ε = 0 a zero gradient
    // would be 0/0, in Keras too.)
    let w = step(&mut o, [1.0, -1.0], [3.0, -3.0]);
    let w = step(&mut o, w, [1.0, -1.0]);
    let alpha = 0.125 * 0.4375f64.sqrt() / 0.75;
    let s = alpha * 1.25 / 1.9375f64.sqrt();
    assert_close(w, [0.875 - s, -0.875 + s], "adam");

    // AMSGrad keeps the largest v: after g = 3 then g = 0, v falls from 2.25 to
    // 1.6875 but v̂max stays 2.25; m = 0.75, step = α·0.75/√2.25 = α·0.5.
    let mut o = optimizer(json!({
        "name": "adam", "learning_rate": 0.125, "beta_1": 0.5, "beta_2": 0.75,
        "epsilon": 0, "amsgrad": true
    }));
    let w = step(&mut o, [1.0, -1.0], [3.0, -3.0]);
    let w = step(&mut o, w, [0.0, 0.0]);
    assert_close(w, [0.875 - alpha * 0.5, -0.875 + alpha * 0.5], "amsgrad");
}

#[test]
fn adamw_decays_then_steps() {
    // w ← w − w·λ·η = w·(1 − 0.5·0.125) = w·0.9375, then Adam's η·sign(g).
    let mut o = optimizer(json!({
        "name": "adamw", "learning_rate": 0.125, "beta_1": 0.5, "beta_2": 0.75,
        "epsilon": 0, "weight_decay": 0.5
    }));
    assert_eq!(
        step(&mut o, [1.0, -2.0], [1.0, 1.0]),
        [0.9375 - 0.125, -1.875 - 0.125]
    );
}

#[test]
fn adamax_first_step_is_eta_times_the_sign() {
    // m = (1 − β₁)·g, u = |g|, step = η·m/((1 − β₁)·(u + 0)) = η·sign(g).
    let mut o = optimizer(json!({
        "name": "adamax", "learning_rate": 0.25, "beta_1": 0.5, "beta_2": 0.75, "epsilon": 0
    }));
    let w = step(&mut o, [1.0, -2.0], [4.0, -0.5]);
    assert_eq!(w, [0.75, -1.75]);
    // Step 2, g = (1, 0): m = (0.5·2 + 0.5·1, …) = 1.5, u = max(0.75·4, 1) = 3,
    // step = 0.25·1.5/((1 − 0.25)·3) = 1/6.
    let w = step(&mut o, w, [1.0, 0.0]);
    assert_close(
        w,
        [0.75 - 1.0 / 6.0, -1.75 - 0.25 * -0.125 / (0.75 * 0.375)],
        "adamax",
    );
}

#[test]
fn nadam_first_step_by_hand() {
    // β₁ = 0.5, β₂ = 0.75, ε = 0, t = 1.
    // μ₁ = 0.5·(1 − ½·0.96), μ₂ = 0.5·(1 − ½·0.96²) (Keras: 0.96 via float32),
    // Π₁ = μ₁, m = 0.5·g, v̂ = 0.25·g²/(1 − 0.75) = g²,
    // m̂ = μ₂·m/(1 − Π₁·μ₂) + (1 − μ₁)·g/(1 − Π₁), step = η·m̂/|g|.
    let mut o = optimizer(json!({
        "name": "nadam", "learning_rate": 0.125, "beta_1": 0.5, "beta_2": 0.75, "epsilon": 0
    }));
    let d = 0.96f32 as f64;
    let (mu1, mu2) = (0.5 * (1.0 - 0.5 * d), 0.5 * (1.0 - 0.5 * d * d));
    let product = 0.5 * (1.0 - 0.5 * 0.96);
    let m_hat_over_g = mu2 * 0.5 / (1.0 - product * mu2) + (1.0 - mu1) / (1.0 - product);
    let w = step(&mut o, [1.0, -2.0], [2.0, -3.0]);
    assert_close(
        w,
        [1.0 - 0.125 * m_hat_over_g, -2.0 + 0.125 * m_hat_over_g],
        "nadam",
    );
    // Nesterov's look-ahead makes the first step larger than Adam's η.
    assert!(m_hat_over_g > 1.0);
}

#[test]
fn lion_steps_by_hand() {
    // β₁ = 0.5, β₂ = 0.75, η = 0.25.
    // Step 1, g = (1, −1): w −= η·sign(0 + 0.5·g) = (0.75, 1.25 − 2)...; m = 0.25·g.
    let mut o = optimizer(json!({
        "name": "lion", "learning_rate": 0.25, "beta_1": 0.5, "beta_2": 0.75
    }));
    let w = step(&mut o, [1.0, -1.0], [1.0, -1.0]);
    assert_eq!(w, [0.75, -0.75]);
    // Step 2, g = (−0.125, 0.5): 0.5·m + 0.5·g = (0.125 − 0.0625, −0.125 + 0.25)
    // = (0.0625, 0.125), both positive: the momentum outvotes the first
    // coordinate's gradient, and every coordinate moves by exactly η.
    let w = step(&mut o, w, [-0.125, 0.5]);
    assert_eq!(w, [0.5, -1.0]);
    // A zero direction does not move (Keras's sign(0) = 0).
    let mut o = optimizer(json!({"name": "lion", "learning_rate": 0.25}));
    assert_eq!(step(&mut o, [1.0, -1.0], [0.0, 0.0]), [1.0, -1.0]);
}

// ---------------------------------------------------------------------------
// The learning rate changes mid-run.

#[test]
fn changing_the_learning_rate_mid_run_gives_the_keras_form_of_momentum() {
    // μ = 0.5, g = 1 throughout, w₀ = 1; η = 0.25 for step 1, then 0.5.
    // Keras:   m₁ = −0.25, w₁ = 0.75; m₂ = 0.5·(−0.25) − 0.5 = −0.625, w₂ = 0.125.
    // PyTorch: v₁ = 1, w₁ = 0.75;     v₂ = 0.5·1 + 1 = 1.5,  w₂ = 0.75 − 0.5·1.5 = 0.
    // With a constant η both forms agree; when the slider moves, ours follows Keras.
    let mut o = optimizer(json!({"name": "sgd", "learning_rate": 0.25, "momentum": 0.5}));
    let w = step(&mut o, [1.0, 1.0], [1.0, 1.0]);
    assert_eq!(w, [0.75, 0.75]);
    o.set_learning_rate(0.5);
    let w = step(&mut o, w, [1.0, 1.0]);
    assert_eq!(w, [0.125, 0.125], "Keras form (the PyTorch form gives 0)");
}

#[test]
fn changing_the_learning_rate_keeps_every_optimizers_state() {
    // Run 5 steps, change η, run 5 more; compare with an optimizer that
    // saw the same gradients but whose state was rebuilt at the change: the
    // paths must differ for every stateful rule, and the kept state must
    // survive the change untouched.
    // Large gradients of one sign, then small ones of the other, so that
    // every kind of state (momentum, accumulators, Lion's sign vote) shows.
    let gradients: Vec<[f64; 2]> = (0..10)
        .map(|k| {
            let k = k as f64;
            if k < 5.0 {
                [4.0 + 0.25 * k, -3.0 + 0.5 * k]
            } else {
                [-0.5 + 0.125 * k, 0.25]
            }
        })
        .collect();
    for name in NAMES {
        let mut o = optimizer(json!({"name": name, "learning_rate": 0.125}));
        let mut w = [1.0, -1.0];
        for g in &gradients[..5] {
            w = step(&mut o, w, *g);
        }
        let before = o.live_values();
        let iterations = o.iterations();
        o.set_learning_rate(0.5);
        assert_eq!(o.learning_rate(), 0.5, "{name}");
        assert_eq!(o.iterations(), iterations, "{name}: step count kept");
        assert_eq!(o.live_values(), before, "{name}: state kept");
        let mut fresh = optimizer(json!({"name": name, "learning_rate": 0.5}));
        let (mut a, mut b) = (w, w);
        for g in &gradients[5..] {
            a = step(&mut o, a, *g);
            b = step(&mut fresh, b, *g);
        }
        if *name != "sgd" {
            assert_ne!(a, b, "{name}: state was reset by the learning-rate change");
        } else {
            assert_eq!(a, b, "plain SGD has no state");
        }
    }
}

// ---------------------------------------------------------------------------
// Every optimizer reaches the minimum: a data-driven matrix.

/// A learning rate and step budget that suit each optimizer on each
/// landscape, in the spirit of optax's parabola/Rosenbrock matrix.
fn matrix_settings(name: &str, landscape: &str) -> (Value, u64) {
    let lr = match (name, landscape) {
        ("sgd", "bowl") => json!({"learning_rate": 0.1}),
        ("sgd", _) => json!({"learning_rate": 0.001, "momentum": 0.9}),
        ("adagrad", "bowl") => json!({"learning_rate": 0.5}),
        ("adagrad", _) => json!({"learning_rate": 0.5}),
        ("adadelta", "bowl") => json!({"learning_rate": 1.0}),
        // With Keras's ε = 1e-7 Adadelta stalls in Rosenbrock's valley (and
        // creeps back along it, in Keras too); a smaller ε lets it through.
        ("adadelta", _) => json!({"learning_rate": 0.1, "epsilon": 1e-8}),
        ("rmsprop", _) => json!({"learning_rate": 0.001}),
        ("lion", _) => json!({"learning_rate": 0.0003}),
        (_, "bowl") => json!({"learning_rate": 0.1}),
        (_, _) => json!({"learning_rate": 0.01}),
    };
    let mut config = lr.as_object().unwrap().clone();
    config.insert("name".into(), json!(name));
    // Adadelta starts with steps of about √ε and grows them slowly.
    let steps = if name == "adadelta" { 100_000 } else { 30_000 };
    (Value::Object(config), steps)
}

#[test]
fn every_optimizer_reaches_the_minimum_of_the_bowl_and_of_rosenbrock() {
    let mut failures = Vec::new();
    for name in NAMES {
        for (landscape, start, minimum, near) in [
            ("bowl", [2.5, -1.5], [0.0, 0.0], 1e-3),
            ("rosenbrock", [-1.2, 1.0], [1.0, 1.0], 2e-2),
        ] {
            let (config, steps) = matrix_settings(name, landscape);
            let spec = json!({
                "landscape": landscape, "start": start, "optimizer": config, "steps": steps
            });
            let result = simulate_json(&spec.to_string()).unwrap();
            let n = result.path.len();
            let end = [result.path[n - 2], result.path[n - 1]];
            let distance = (end[0] - minimum[0]).hypot(end[1] - minimum[1]);
            if distance > near || result.status.name() == "diverged" {
                failures.push(format!(
                    "{name} on {landscape} with {config}: ended at {end:?} ({}), {distance:.2e} from the minimum",
                    result.status.name()
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

// ---------------------------------------------------------------------------
// Clipping and weight decay, as Keras's base optimizer does them.

/// The gradient an optimizer actually used after clipping.
fn clipped(options: Value, g: [f64; 2]) -> Vec<f64> {
    let mut config = options.as_object().unwrap().clone();
    config.insert("name".into(), json!("sgd"));
    let mut o = optimizer(Value::Object(config));
    step(&mut o, [0.0, 0.0], g);
    o.last_gradient().to_vec()
}

#[test]
fn clipnorm_rescales_to_the_norm_only_when_above_it() {
    // ‖(3, 4)‖ = 5 → scaled to norm 1: (0.6, 0.8). Below the norm: unchanged.
    let g = clipped(json!({"clipnorm": 1.0}), [3.0, 4.0]);
    assert_close([g[0], g[1]], [0.6, 0.8], "clipnorm");
    assert_eq!(clipped(json!({"clipnorm": 10.0}), [3.0, 4.0]), [3.0, 4.0]);
    // One variable holds both parameters, so global_clipnorm agrees.
    let g = clipped(json!({"global_clipnorm": 1.0}), [3.0, 4.0]);
    assert_close([g[0], g[1]], [0.6, 0.8], "global_clipnorm");
    // A zero gradient stays zero (no 0/0).
    assert_eq!(clipped(json!({"clipnorm": 1.0}), [0.0, 0.0]), [0.0, 0.0]);
    assert_eq!(
        clipped(json!({"global_clipnorm": 1.0}), [0.0, 0.0]),
        [0.0, 0.0]
    );
}

#[test]
fn clipvalue_clips_each_component() {
    assert_eq!(
        clipped(json!({"clipvalue": 0.5}), [3.0, -0.25]),
        [0.5, -0.25]
    );
    assert_eq!(
        clipped(json!({"clipvalue": 0.5}), [-3.0, 0.75]),
        [-0.5, 0.5]
    );
}

#[test]
fn only_the_first_clipping_option_set_applies_as_in_keras() {
    // Keras: `if clipnorm … elif global_clipnorm … elif clipvalue`.
    assert_eq!(
        clipped(json!({"clipnorm": 10.0, "clipvalue": 1.0}), [3.0, 4.0]),
        [3.0, 4.0]
    );
    let g = clipped(
        json!({"global_clipnorm": 1.0, "clipvalue": 0.1}),
        [3.0, 4.0],
    );
    assert_close([g[0], g[1]], [0.6, 0.8], "global_clipnorm before clipvalue");
}

#[test]
fn weight_decay_is_decoupled_and_scaled_by_the_learning_rate() {
    // w ← w − w·λ·η before the rule: λ = 0.25, η = 0.5, g = 0:
    // (2, −4) − (2, −4)·0.125 = (1.75, −3.5), for every optimizer (g = 0 means
    // the rule itself does not move; Adagrad/RMSprop divide 0 by a positive).
    for name in NAMES {
        let mut o = optimizer(json!({
            "name": name, "learning_rate": 0.5, "weight_decay": 0.25
        }));
        assert_eq!(
            step(&mut o, [2.0, -4.0], [0.0, 0.0]),
            [1.75, -3.5],
            "{name}"
        );
    }
    // It is not part of the gradient, so clipping does not touch it:
    // clipvalue 0.01 clips g = 1 to 0.01, and the decay still removes w·λ·η.
    let mut o = optimizer(json!({
        "name": "sgd", "learning_rate": 0.5, "weight_decay": 0.25, "clipvalue": 0.01
    }));
    assert_eq!(step(&mut o, [2.0, 0.0], [1.0, 0.0]), [1.75 - 0.005, 0.0]);
}

#[test]
fn weight_decay_follows_a_scheduled_learning_rate() {
    // Keras decays with the current (scheduled) rate: piecewise 0.5 then 0.25.
    let config = config(json!({"name": "sgd", "learning_rate": 0.5, "weight_decay": 0.5}));
    let schedule = descent::optim::Schedule::PiecewiseConstant {
        boundaries: vec![0.0],
        values: vec![0.5, 0.25],
    };
    let mut o = Optimizer::new(config, Some(schedule), 2);
    let w = step(&mut o, [1.0, 1.0], [0.0, 0.0]); // η = 0.5: w·(1 − 0.25)
    assert_eq!(w, [0.75, 0.75]);
    let w = step(&mut o, w, [0.0, 0.0]); // η = 0.25: w·(1 − 0.125)
    assert_eq!(w, [0.65625, 0.65625]);
}
