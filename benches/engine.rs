//! Engine benchmark: how many optimizer steps per second the native engine
//! takes on Rosenbrock, for each optimizer, how long one `simulate` call of
//! 10,000 steps takes, and how long the learning-rate view's default sweep
//! (60 rates × 1,000 steps) takes on every landscape, for SGD and Adam. Run with `cargo bench --bench engine`; the
//! output is a Markdown table for docs/PERFORMANCE.md.
//!
//! Plain `std::time`: each figure is the best of a few repeats of a loop
//! long enough (≥ 20 ms) that the timer's resolution does not matter, and
//! the whole run takes a few seconds.

use descent::landscape;
use descent::optim::{Optimizer, OptimizerConfig, NAMES};
use descent::run::simulate::{simulate, SimulateSpec};
use descent::run::sweep::sweep_json;
use descent::run::trajectory::{Status, Tolerances, Trajectory};
use std::hint::black_box;
use std::time::{Duration, Instant};

const REPEATS: usize = 5;

/// A learning rate at which each optimizer stays on Rosenbrock's valley for
/// the whole run (plain SGD needs η < 2/λ_max there).
fn config(name: &str) -> OptimizerConfig {
    let lr = if name == "sgd" { 2f64.powi(-11) } else { 1e-3 };
    let json = serde_json::json!({"name": name, "learning_rate": lr});
    OptimizerConfig::from_json(json.as_object().unwrap(), "optimizer").unwrap()
}

/// The best of `REPEATS` timings of `f`.
fn best(mut f: impl FnMut()) -> Duration {
    (0..REPEATS)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .min()
        .unwrap()
}

fn main() {
    let rosenbrock = landscape::by_name("rosenbrock").unwrap();
    let start = [-1.25, 1.5];
    // Tolerances of zero: no run stops early, every step is counted.
    let tolerances = Tolerances {
        gradient_norm: 0.0,
        step_length: 0.0,
        ..Tolerances::default()
    };

    println!("Optimizer steps per second on rosenbrock (best of {REPEATS}):\n");
    println!("| optimizer | rule only (Optimizer::step + gradient) | trajectory (step + record) |");
    println!("|---|---|---|");
    for name in NAMES {
        // The rule alone: the inner loop the networks reuse.
        let steps = 1_000_000;
        let rule = best(|| {
            let mut o = Optimizer::new(config(name), None, 2);
            let mut w = start;
            for _ in 0..steps {
                let g = rosenbrock.gradient(w);
                o.step(&mut w, &g);
            }
            black_box(w);
        });
        // The trajectory runner: the same steps, plus loss, gradient norm,
        // divergence checks and the record the UI draws from.
        let trajectory_steps = 200_000;
        let mut status = Status::Running;
        let runner = best(|| {
            let o = Optimizer::new(config(name), None, 2);
            let mut t = Trajectory::new(rosenbrock, start, o, trajectory_steps, tolerances);
            status = t.run();
            black_box(t.path().len());
        });
        assert_eq!(
            status,
            Status::OutOfSteps {
                step: trajectory_steps
            },
            "{name} stopped early; the figure would be wrong"
        );
        println!(
            "| {name} | {} | {} |",
            per_second(steps, rule),
            per_second(trajectory_steps, runner)
        );
    }

    let text = r#"{"landscape": "rosenbrock", "start": [-1.25, 1.5], "steps": 10000,
        "optimizer": {"name": "adam", "learning_rate": 0.001},
        "tolerances": {"gradient_norm": 0, "step_length": 0}}"#;
    let calls = 20;
    let whole = best(|| {
        for _ in 0..calls {
            let spec = SimulateSpec::from_json_text(black_box(text)).unwrap();
            black_box(simulate(&spec));
        }
    }) / calls;
    let spec = SimulateSpec::from_json_text(text).unwrap();
    assert_eq!(simulate(&spec).status, Status::OutOfSteps { step: 10_000 });
    println!(
        "\n`simulate` (adam, rosenbrock, 10,000 steps, spec parsed each call): {:.3} ms per call, {} including parsing and the returned arrays",
        whole.as_secs_f64() * 1e3,
        per_second(10_000, whole)
    );
    sweeps();
}

/// The range test the learning-rate view runs by default, on every
/// landscape for SGD and Adam, with tolerances of zero so no run stops
/// early: the slowest pair is the figure to hold against "well under a
/// second".
fn sweeps() {
    println!(
        "\nSweep, 60 rates from 1e-3 to 10 × 1,000 steps, no early stop (best of {REPEATS}):\n"
    );
    println!("| landscape | sgd | adam |");
    println!("|---|---:|---:|");
    let mut slowest = (0.0, String::new());
    for l in landscape::catalogue() {
        let mut row = format!("| {} |", l.name());
        for optimizer in ["sgd", "adam"] {
            let [x, y] = l.start();
            let text = format!(
                r#"{{"landscape": "{}", "start": [{x}, {y}], "steps": 1000,
                "optimizer": {{"name": "{optimizer}"}},
                "learning_rates": {{"from": 0.001, "to": 10, "count": 60}},
                "tolerances": {{"gradient_norm": 0, "step_length": 0}}}}"#,
                l.name()
            );
            let ms = best(|| {
                black_box(sweep_json(black_box(&text)).unwrap());
            })
            .as_secs_f64()
                * 1e3;
            if ms > slowest.0 {
                slowest = (ms, format!("{} with {optimizer}", l.name()));
            }
            row += &format!(" {ms:.2} ms |");
        }
        println!("{row}");
    }
    println!("\nSlowest: {} at {:.1} ms.", slowest.1, slowest.0);
}

fn per_second(steps: usize, elapsed: Duration) -> String {
    let rate = steps as f64 / elapsed.as_secs_f64();
    format!("{:.1} M steps/s", rate / 1e6)
}
