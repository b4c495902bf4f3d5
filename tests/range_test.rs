//! The range test as the page runs it: sliced, cancellable, and ending in
//! exactly the result of the one-shot sweep.

use descent::labs::learning_rate::LrLab;
use descent::labs::range_test::RangeTest;
use descent::landscape::by_name;
use descent::run::sweep::sweep;

fn run_to_end(test: &mut RangeTest) -> usize {
    let mut slices = 0;
    while let Some(p) = test.advance() {
        slices += 1;
        assert!(p.runs_done <= p.runs);
        if p.done {
            break;
        }
    }
    slices
}

#[test]
fn a_sliced_range_test_ends_in_the_one_shot_sweeps_result() {
    let lab = LrLab::new(by_name("lecture").unwrap());
    let mut test = RangeTest::new();
    test.start(&lab, 1e-3, 1.0, 40, 3000).unwrap();
    assert!(test.is_running());
    let slices = run_to_end(&mut test);
    assert!(slices > 1, "40 × 3000 steps must take more than one slice");
    assert!(!test.is_running());
    let expected = sweep(&lab.sweep_spec(1e-3, 1.0, 40, 3000).unwrap());
    let finished = test.finished().unwrap();
    assert_eq!(finished.result, expected);
    assert_eq!(finished.steps, 3000);
    assert_eq!(finished.landscape.name(), "lecture");
}

#[test]
fn cancel_keeps_the_last_finished_sweep_and_clear_forgets_it() {
    let lab = LrLab::new(by_name("ellipse").unwrap());
    let mut test = RangeTest::new();
    test.start(&lab, 1e-3, 1.0, 10, 200).unwrap();
    run_to_end(&mut test);
    let first = test.finished().unwrap().result.clone();
    test.start(&lab, 1e-2, 2.0, 300, 5000).unwrap();
    test.advance();
    test.cancel();
    assert!(!test.is_running());
    assert_eq!(test.advance(), None);
    assert_eq!(test.finished().unwrap().result, first);
    test.clear();
    assert!(test.finished().is_none());
}

#[test]
fn a_bad_field_is_named_and_changes_nothing() {
    let lab = LrLab::new(by_name("bowl").unwrap());
    let mut test = RangeTest::new();
    for (from, to, count, steps, field) in [
        (1e-3, 1.0, 1, 100, "learning_rates.count"),
        (1e-3, 1.0, 501, 100, "learning_rates.count"),
        (1e-3, 1.0, 10, 0, "steps"),
        (1e-3, 1.0, 10, 100_001, "steps"),
        (1.0, 1e-3, 10, 100, "learning_rates.to"),
        (f64::NAN, 1.0, 10, 100, "learning_rates.from"),
    ] {
        let e = test.start(&lab, from, to, count, steps).unwrap_err();
        assert_eq!(e.field, field, "{e}");
        assert!(!test.is_running());
    }
}

#[test]
fn the_nearest_rate_is_nearest_on_the_log_axis() {
    let lab = LrLab::new(by_name("bowl").unwrap());
    let mut test = RangeTest::new();
    test.start(&lab, 1e-3, 1.0, 4, 50).unwrap(); // 0.001, 0.01, 0.1, 1
    run_to_end(&mut test);
    let f = test.finished().unwrap();
    let near = |r: f64| f.nearest_rate(r).unwrap();
    assert!((near(0.02) - 0.01).abs() < 1e-12);
    assert!(
        (near(0.04) - 0.1).abs() < 1e-12,
        "0.04 is nearer 0.1 on a log axis"
    );
    assert!((near(1e-9) - 0.001).abs() < 1e-12);
    assert!((near(50.0) - 1.0).abs() < 1e-12);
}
