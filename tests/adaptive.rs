//! Effective per-coordinate learning rates, read from optimizer state.

use descent::run::adaptive::adaptive_rates;
use descent::run::simulate::SimulateSpec;
use serde_json::json;

fn rates(optimizer: serde_json::Value, steps: usize) -> descent::run::adaptive::AdaptiveRates {
    let spec = json!({"landscape": "ellipse", "start": [-2.5, 1.0], "steps": steps, "optimizer": optimizer});
    adaptive_rates(&SimulateSpec::from_json_text(&spec.to_string()).unwrap())
}

#[test]
fn sgd_has_the_constant_learning_rate_on_every_coordinate() {
    let r = rates(json!({"name": "sgd", "learning_rate": 0.03125}), 20);
    assert_eq!(r.effective.len(), 40);
    assert!(r.effective.iter().all(|e| *e == 0.03125));
    assert_eq!(r.nominal, vec![0.03125; 20]);
}

#[test]
fn adagrad_rates_follow_the_accumulated_squared_gradients_by_hand() {
    // Step 1 from (−2.5, 1): g = (x, 25y) = (−2.5, 25); a = 0.1 + g².
    let r = rates(json!({"name": "adagrad", "learning_rate": 0.5}), 3);
    let expect = [
        0.5 / (0.1f64 + 6.25 + 1e-7).sqrt(),
        0.5 / (0.1f64 + 625.0 + 1e-7).sqrt(),
    ];
    assert!((r.effective[0] - expect[0]).abs() < 1e-15);
    assert!((r.effective[1] - expect[1]).abs() < 1e-15);
    // Rates only ever shrink under Adagrad.
    for k in 2..r.effective.len() {
        assert!(r.effective[k] <= r.effective[k - 2] + 1e-18);
    }
}

#[test]
fn adam_gives_the_steep_coordinate_a_smaller_rate() {
    for name in ["adam", "rmsprop", "adamax", "nadam", "adadelta", "adagrad"] {
        let r = rates(json!({"name": name, "learning_rate": 0.01}), 50);
        let n = r.effective.len();
        assert!(n >= 2, "{name}");
        let (x, y) = (r.effective[n - 2], r.effective[n - 1]);
        assert!(
            y < x,
            "{name}: the steep y direction should get the smaller rate ({x} vs {y})"
        );
        assert!(
            r.effective.iter().all(|e| e.is_finite() && *e > 0.0),
            "{name}"
        );
    }
}
