//! The optimizer race: what the class sees must be exactly what the engine
//! computes, including when the teacher moves a slider mid-run.

use descent::labs::race::{Race, MAX_RACERS};
use descent::landscape::{self, Landscape};
use descent::optim::{Optimizer, OptimizerConfig};
use descent::run::simulate::{simulate, SimulateSpec};
use descent::run::trajectory::{random_start, Status};
use serde_json::json;

fn config(v: serde_json::Value) -> OptimizerConfig {
    OptimizerConfig::from_json(v.as_object().unwrap(), "optimizer").unwrap()
}

/// A race on the named landscape with one racer per (optimizer, learning
/// rate), in order.
fn race_of(landscape: &str, racers: &[(&str, f64)]) -> Race {
    let mut race = Race::new(landscape::by_name(landscape).unwrap());
    for (name, learning_rate) in racers {
        race.add_racer(config(
            json!({"name": name, "learning_rate": learning_rate}),
        ))
        .unwrap();
    }
    race
}

/// The points an optimizer visits when driven by hand: `first` steps at its
/// configured rate, then `second` steps at `new_rate`.
fn by_hand(
    l: &dyn Landscape,
    c: OptimizerConfig,
    first: usize,
    new_rate: f64,
    second: usize,
) -> Vec<f64> {
    let mut o = Optimizer::new(c, None, 2);
    let mut p = l.start();
    let mut path = p.to_vec();
    for k in 0..first + second {
        if k == first {
            o.set_learning_rate(new_rate);
        }
        let g = l.gradient(p);
        o.step(&mut p, &g);
        path.extend_from_slice(&p);
    }
    path
}

#[test]
fn a_learning_rate_moved_mid_run_keeps_the_optimizer_state() {
    let l = landscape::by_name("rosenbrock").unwrap();
    for (c, new_rate) in [
        (
            json!({"name": "sgd", "learning_rate": 0.0005, "momentum": 0.9}),
            0.0002,
        ),
        (json!({"name": "adam", "learning_rate": 0.01}), 0.003),
        (
            json!({"name": "rmsprop", "learning_rate": 0.001, "centered": true}),
            0.003,
        ),
    ] {
        let mut race = Race::new(l);
        race.add_racer(config(c.clone())).unwrap();
        assert_eq!(race.advance(40), 40);
        race.set_learning_rate(0, new_rate).unwrap();
        race.advance(40);
        let expected = by_hand(l, config(c.clone()), 40, new_rate, 40);
        assert_eq!(race.racer(0).unwrap().path(), &expected[..], "{c}");
        // A restart at the new rate would be a different run: the state
        // (momentum, moments) is what carried over.
        let restarted = by_hand(l, config(c.clone()), 0, new_rate, 80);
        assert_ne!(race.racer(0).unwrap().path(), &restarted[..], "{c}");
        // The record says which rate each step used.
        let lr = race.racer(0).unwrap().learning_rate();
        assert_eq!(lr[39], c["learning_rate"].as_f64().unwrap());
        assert_eq!(lr[40], new_rate);
        assert_eq!(lr[80], new_rate);
    }
}

#[test]
fn set_start_and_reset_send_every_racer_back_to_step_zero() {
    let l = landscape::by_name("ellipse").unwrap();
    let mut race = Race::new(l);
    race.add_racer(config(json!({"name": "sgd", "learning_rate": 0.05})))
        .unwrap();
    race.add_racer(config(json!({"name": "adam", "learning_rate": 0.1})))
        .unwrap();
    race.advance(25);
    race.set_start([1.5, -2.0]).unwrap();
    assert_eq!(race.start(), [1.5, -2.0]);
    for t in race.racers() {
        assert_eq!(t.path(), &[1.5, -2.0]);
        assert_eq!(t.status(), Status::Running);
    }
    // reset keeps a learning rate moved mid-run: the slider is the truth.
    race.advance(10);
    race.set_learning_rate(0, 0.07).unwrap();
    race.reset();
    assert_eq!(race.racer(0).unwrap().path(), &[1.5, -2.0]);
    assert_eq!(race.racer(0).unwrap().optimizer().learning_rate(), 0.07);
    // Garbage starts are refused and change nothing.
    assert!(race.set_start([f64::NAN, 0.0]).is_err());
    assert!(race.set_start([0.0, f64::INFINITY]).is_err());
    assert!(race.set_start([2e6, 0.0]).is_err());
    assert_eq!(race.start(), [1.5, -2.0]);
}

#[test]
fn set_landscape_keeps_racers_and_moves_to_its_default_start() {
    let mut race = Race::new(landscape::by_name("ellipse").unwrap());
    race.add_racer(config(json!({"name": "lion"}))).unwrap();
    race.advance(5);
    let rosenbrock = landscape::by_name("rosenbrock").unwrap();
    race.set_landscape(rosenbrock);
    assert_eq!(race.racer_count(), 1);
    assert_eq!(race.start(), rosenbrock.start());
    assert_eq!(race.racer(0).unwrap().path(), &rosenbrock.start());
    assert_eq!(race.racer(0).unwrap().landscape().name(), "rosenbrock");
}

#[test]
fn random_start_is_seeded_and_resets() {
    let mut race = Race::new(landscape::by_name("bowl").unwrap());
    race.add_racer(config(json!({"name": "sgd"}))).unwrap();
    race.advance(3);
    let p = race.random_start(1.5, 42).unwrap();
    assert_eq!(p, random_start(1.5, 42));
    assert_eq!(race.start(), p);
    assert_eq!(race.racer(0).unwrap().path(), &p);
    assert_ne!(race.random_start(1.5, 43).unwrap(), p);
    for sigma in [0.0, -1.0, f64::NAN, f64::INFINITY, 1e300] {
        assert!(race.random_start(sigma, 1).is_err(), "σ = {sigma}");
    }
}

#[test]
fn a_race_holds_at_most_eight_racers_and_indices_are_checked() {
    let mut race = Race::new(landscape::by_name("bowl").unwrap());
    for k in 0..MAX_RACERS {
        assert_eq!(race.add_racer(config(json!({"name": "adam"}))).unwrap(), k);
    }
    let e = race.add_racer(config(json!({"name": "adam"}))).unwrap_err();
    assert_eq!(e.field, "racers");
    assert!(e.message.contains('8'), "{e}");
    assert_eq!(race.racer_count(), MAX_RACERS);

    assert_eq!(race.racer(8).err().unwrap().field, "racer");
    assert!(race.set_learning_rate(8, 0.1).is_err());
    assert!(race.set_racer(99, config(json!({"name": "sgd"}))).is_err());
    assert!(race.remove_racer(usize::MAX).is_err());
    for lr in [0.0, -0.1, f64::NAN, f64::INFINITY] {
        assert_eq!(
            race.set_learning_rate(0, lr).unwrap_err().field,
            "learning_rate"
        );
    }
    race.remove_racer(3).unwrap();
    assert_eq!(race.racer_count(), MAX_RACERS - 1);
    race.add_racer(config(json!({"name": "sgd"}))).unwrap();
}

#[test]
fn set_racer_restarts_only_that_racer() {
    let mut race = race_of("bowl", &[("sgd", 0.1), ("adam", 0.1)]);
    race.advance(7);
    race.set_racer(0, config(json!({"name": "nadam", "learning_rate": 0.2})))
        .unwrap();
    assert_eq!(race.racer(0).unwrap().steps(), 0);
    assert_eq!(race.racer(0).unwrap().optimizer().config().name, "nadam");
    assert_eq!(race.racer(1).unwrap().steps(), 7);
}

#[test]
fn a_race_run_equals_simulate_for_the_same_spec() {
    let spec = json!({
        "landscape": "lecture", "start": [2.9, 1.3], "steps": 100_000,
        "optimizer": {"name": "sgd", "learning_rate": 0.5}
    });
    let spec = SimulateSpec::from_json(spec.as_object().unwrap()).unwrap();
    let expected = simulate(&spec);
    let mut race = Race::new(landscape::by_name("lecture").unwrap());
    race.set_start([2.9, 1.3]).unwrap();
    race.add_racer(spec.optimizer.clone()).unwrap();
    race.advance(1_000_000);
    assert!(race.all_finished());
    let t = race.racer(0).unwrap();
    assert_eq!(t.path(), &expected.path[..]);
    assert_eq!(t.loss(), &expected.loss[..]);
    assert_eq!(t.status(), expected.status);
    assert!(matches!(t.status(), Status::Converged { .. }));
}

#[test]
fn csv_rows_are_the_trajectory_numbers_exactly() {
    let mut race = race_of("rosenbrock", &[("adam", 0.05), ("sgd", 0.01)]);
    race.advance(30);
    race.set_learning_rate(0, 0.02).unwrap();
    race.advance(20);
    let csv = race.csv();
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("step,racer,optimizer,x,y,loss,gradient_norm,learning_rate")
    );
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    let points: usize = race.racers().iter().map(|t| t.loss().len()).sum();
    assert_eq!(rows.len(), points);
    let mut row = rows.iter();
    for (r, t) in race.racers().iter().enumerate() {
        for k in 0..t.loss().len() {
            let cells = row.next().unwrap();
            assert_eq!(cells.len(), 8);
            assert_eq!(cells[0].parse::<usize>().unwrap(), k);
            assert_eq!(cells[1].parse::<usize>().unwrap(), r);
            assert_eq!(cells[2], t.optimizer().config().name);
            let number = |i: usize| cells[i].parse::<f64>().unwrap();
            assert_eq!(number(3), t.path()[2 * k]);
            assert_eq!(number(4), t.path()[2 * k + 1]);
            assert_eq!(number(5), t.loss()[k]);
            assert_eq!(number(6), t.gradient_norm()[k]);
            assert_eq!(number(7), t.learning_rate()[k]);
        }
    }
}

#[test]
fn advance_counts_steps_and_stops_finished_racers() {
    let mut race = Race::new(landscape::by_name("ellipse").unwrap());
    assert!(race.all_finished(), "no racers: nothing is running");
    assert_eq!(race.advance(10), 0);
    // Diverges quickly (η > 2/25), converges for η well below it.
    race.add_racer(config(json!({"name": "sgd", "learning_rate": 0.1})))
        .unwrap();
    race.add_racer(config(json!({"name": "sgd", "learning_rate": 0.05})))
        .unwrap();
    let taken = race.advance(5);
    assert_eq!(taken, 10);
    let mut total = taken;
    while !race.all_finished() {
        total += race.advance(1000);
    }
    let steps: usize = race.racers().iter().map(|t| t.steps()).sum();
    assert_eq!(
        total,
        steps + 1,
        "the diverging step is taken but not recorded"
    );
    assert!(matches!(
        race.racer(0).unwrap().status(),
        Status::Diverged { .. }
    ));
    assert!(matches!(
        race.racer(1).unwrap().status(),
        Status::Converged { .. }
    ));
    assert_eq!(race.advance(100), 0);
}
