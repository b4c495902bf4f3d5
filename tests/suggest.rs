//! Suggested learning rates: every optimizer on every landscape gets one,
//! and a racer started with it moves visibly and stays on the map for the
//! first 500 steps.

use descent::labs::suggest::{suggested_learning_rate, STEPS};
use descent::landscape::{by_name, catalogue};
use descent::optim::{Optimizer, OptimizerConfig, NAMES};
use descent::run::gap::LossGap;
use descent::run::trajectory::{Tolerances, Trajectory};

#[test]
fn every_suggested_racer_makes_visible_progress_and_does_not_diverge() {
    for &l in catalogue() {
        for name in NAMES {
            let config = OptimizerConfig::defaults(name).unwrap();
            let lr = suggested_learning_rate(l, l.start(), &config)
                .unwrap_or_else(|| panic!("{} / {name}: no rate", l.name()));
            let mut optimizer = Optimizer::new(config, None, 2);
            optimizer.set_learning_rate(lr);
            let mut t = Trajectory::new(l, l.start(), optimizer, STEPS, Tolerances::default());
            t.run();
            let what = format!("{} / {name} at η = {lr}", l.name());
            assert!(!t.status().is_diverged(), "{what}: {:?}", t.status());
            let gap = LossGap::new(l, f64::INFINITY);
            let (first, last) = (gap.of(t.loss()[0]), gap.of(*t.loss().last().unwrap()));
            assert!(last <= 0.9 * first, "{what}: {first} → {last}");
            // Visible: the racer ends at least 2 % of the view's diagonal away.
            let w = l.window();
            let moved = (t.point()[0] - l.start()[0]).hypot(t.point()[1] - l.start()[1]);
            assert!(
                moved >= 0.02 * w.width().hypot(w.height()),
                "{what}: moved {moved}"
            );
        }
    }
}

#[test]
fn the_suggestion_beats_kerass_default_where_the_default_crawls() {
    // Adagrad at Keras's η = 0.001 barely moves on the ellipse.
    let l = by_name("ellipse").unwrap();
    let config = OptimizerConfig::defaults("adagrad").unwrap();
    let lr = suggested_learning_rate(l, l.start(), &config).unwrap();
    assert!(lr > 0.01, "{lr}");
    // SGD on rosenbrock at the race's old 0.07 diverged within 5 steps.
    let l = by_name("rosenbrock").unwrap();
    let config = OptimizerConfig::defaults("sgd").unwrap();
    let lr = suggested_learning_rate(l, l.start(), &config).unwrap();
    assert!(lr < 0.002, "{lr}");
}
