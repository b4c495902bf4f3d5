//! Axis numbers, now that they live in the engine's render module: round
//! ticks, log decades, offsets when zoomed far in, and a typographic minus.

use descent::render::axis::{axis_labels, axis_number, log_range, loss_label, ticks, Scale};

#[test]
fn ticks_are_round_inside_the_range_and_about_as_many_as_asked() {
    let (values, decimals) = ticks(-3.0, 4.0, 7.0);
    assert_eq!(values, [-3.0, -2.0, -1.0, 0.0, 1.0, 2.0, 3.0, 4.0]);
    assert_eq!(decimals, 0);
    let (values, decimals) = ticks(0.0, 1.0, 4.0);
    assert_eq!(values, [0.0, 0.5, 1.0]);
    assert_eq!(decimals, 1);
    // No −0, and nothing at all for an empty or broken range.
    assert!(ticks(-0.3, 0.3, 3.0)
        .0
        .iter()
        .all(|v| !(v == &0.0 && v.is_sign_negative())));
    assert!(ticks(1.0, 1.0, 5.0).0.is_empty());
    assert!(ticks(f64::NAN, 1.0, 5.0).0.is_empty());
    assert!(ticks(0.0, 1e300, 0.0).0.is_empty());
}

#[test]
fn log_scales_tick_at_decades_and_fall_back_within_one() {
    let s = Scale::log(1e-4, 10.0);
    let labels: Vec<String> = s.ticks(10.0).into_iter().map(|(_, t)| t).collect();
    assert_eq!(labels, ["1e−4", "1e−3", "0.01", "0.1", "1", "10"]);
    // Inside one decade there must still be at least two ticks.
    assert!(Scale::log(2.0, 7.0).ticks(5.0).len() >= 2);
    assert!(Scale::log(1.1, 1.6).ticks(5.0).len() >= 2);
    // An empty or broken range widens instead of dividing by zero.
    let s = Scale::linear(3.0, 3.0);
    assert!(s.low < 3.0 && s.high > 3.0);
    assert!(Scale::log(f64::NAN, 1.0).fraction(0.5).is_finite());
}

#[test]
fn zoomed_far_in_labels_pull_out_an_offset() {
    let plain = axis_labels(0.0, 10.0, 5.0, 8);
    assert!(plain.offset.is_empty());
    assert_eq!(plain.texts.first().map(String::as_str), Some("0"));
    let zoomed = axis_labels(0.011_905_1, 0.011_905_9, 4.0, 6);
    assert!(!zoomed.offset.is_empty(), "{:?}", zoomed.texts);
    assert!(
        zoomed.texts.iter().all(|t| t.chars().count() <= 8),
        "{:?}",
        zoomed.texts
    );
    assert!(zoomed.values.len() >= 3);
}

#[test]
fn numbers_read_well_with_a_true_minus() {
    assert_eq!(axis_number(0.0), "0");
    assert_eq!(axis_number(-0.5), "−0.5");
    assert_eq!(axis_number(1e-5), "1e-5".replace('-', "−"));
    assert_eq!(loss_label(-12.345), "−12.3");
    assert_eq!(loss_label(2.5e-7), "2.5e−7");
    assert_eq!(log_range(1e-3, 1.0), (5e-4, 2.0));
    assert_eq!(log_range(0.0, 1.0), (1e-3, 1.0));
}
