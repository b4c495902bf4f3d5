//! The mini-batch lab: the regression loss as a landscape, and the
//! statistics of mini-batch gradients.

use descent::labs::minibatch::*;
use descent::landscape::Landscape;
use descent::optim::OptimizerConfig;

fn lab() -> RegressionLoss {
    RegressionLoss::new(RegressionData::generate(100, 0.5, 4))
}

#[test]
fn the_regression_loss_is_the_mean_squared_error_with_its_exact_gradient() {
    let l = lab();
    let d = l.data().clone();
    for w in [[0.0, 0.0], [1.5, -2.0], [-3.0, 4.0]] {
        let direct = (0..d.len())
            .map(|i| (w[0] + w[1] * d.x[i] - d.y[i]).powi(2))
            .sum::<f64>()
            / d.len() as f64;
        assert!((l.loss(w) - direct).abs() < 1e-12 * (1.0 + direct));
        let all: Vec<usize> = (0..d.len()).collect();
        let g = l.gradient(w);
        let full = d.gradient(w, &all);
        let h = 1e-6;
        let numeric = [
            (l.loss([w[0] + h, w[1]]) - l.loss([w[0] - h, w[1]])) / (2.0 * h),
            (l.loss([w[0], w[1] + h]) - l.loss([w[0], w[1] - h])) / (2.0 * h),
        ];
        for k in 0..2 {
            assert!((g[k] - full[k]).abs() < 1e-10, "full-batch gradient");
            assert!((g[k] - numeric[k]).abs() < 1e-6, "finite differences");
        }
    }
    let m = l.minima()[0];
    let g = l.gradient(m);
    assert!(g[0].hypot(g[1]) < 1e-10, "least-squares minimum");
    assert!(
        (m[0] - 1.0).abs() < 0.2 && (m[1] - 2.0).abs() < 0.3,
        "near the true line y = 1 + 2x: {m:?}"
    );
}

#[test]
fn mini_batch_gradients_are_unbiased_and_their_variance_falls_as_one_over_b() {
    let l = lab();
    let d = l.data();
    let w = [-1.0, 0.0];
    let truth = l.gradient(w);
    let cloud = gradient_cloud(d, w, 5, 4000, 1);
    let mean = cloud.iter().fold([0.0, 0.0], |a, c| {
        [a[0] + c[0] / 4000.0, a[1] + c[1] / 4000.0]
    });
    assert!(
        (mean[0] - truth[0]).abs() < 0.05 && (mean[1] - truth[1]).abs() < 0.05,
        "{mean:?} vs {truth:?}"
    );
    for b in [1, 4, 16, 64] {
        let measured = gradient_variance(d, w, b, 4000, 2);
        let exact = gradient_variance_exact(d, w, b);
        assert!(
            (measured / exact - 1.0).abs() < 0.1,
            "B = {b}: {measured} vs {exact}"
        );
    }
    let v1 = gradient_variance_exact(d, w, 1);
    let v10 = gradient_variance_exact(d, w, 10);
    // (N − B)/(B(N − 1)): 1 at B = 1, 90/990 at B = 10.
    assert!((v10 / v1 - 90.0 / 990.0).abs() < 1e-12);
    assert_eq!(
        gradient_variance_exact(d, w, 100),
        0.0,
        "the full batch is exact"
    );
}

#[test]
fn sgd_keeps_jittering_where_full_batch_descent_converges() {
    let l = lab();
    let sgd = OptimizerConfig::from_json(
        serde_json::json!({"name": "sgd", "learning_rate": 0.05})
            .as_object()
            .unwrap(),
        "optimizer",
    )
    .unwrap();
    let epochs = 200;
    let mut full = MiniBatchRun::new(&l, l.start(), 100, sgd.clone(), 1);
    let mut single = MiniBatchRun::new(&l, l.start(), 1, sgd.clone(), 1);
    let mut mini = MiniBatchRun::new(&l, l.start(), 10, sgd.clone(), 1);
    for _ in 0..epochs {
        full.step(&l);
        for _ in 0..10 {
            mini.step(&l);
        }
        for _ in 0..100 {
            single.step(&l);
        }
    }
    assert_eq!(full.epochs(), single.epochs());
    let m = l.minima()[0];
    let dist = |r: &MiniBatchRun| (r.point()[0] - m[0]).hypot(r.point()[1] - m[1]);
    assert!(dist(&full) < 1e-3, "full batch converges: {}", dist(&full));
    assert!(
        dist(&single) > 1e-2,
        "B = 1 keeps jittering: {}",
        dist(&single)
    );
    // The noise floor of the loss shrinks with B.
    let excess = |r: &MiniBatchRun| r.loss().last().unwrap() - l.loss(m);
    assert!(
        excess(&single) > excess(&mini),
        "{} vs {}",
        excess(&single),
        excess(&mini)
    );
    assert!(excess(&mini) > excess(&full));
    // The same seed gives the same path.
    let again = {
        let mut r = MiniBatchRun::new(&l, l.start(), 1, sgd, 1);
        for _ in 0..epochs * 100 {
            r.step(&l);
        }
        r
    };
    assert_eq!(again.path(), single.path());
}

/// The lab's defaults on the page: N = 100, σ = 0.5, k = 10, η = 0.1.
fn minibatch_lab(seed: u64) -> MiniBatchLab {
    MiniBatchLab::new(100, 0.5, 10, 0.1, seed).unwrap()
}

fn paths(lab: &MiniBatchLab) -> Vec<Vec<f64>> {
    lab.runs().iter().map(|r| r.path().to_vec()).collect()
}

#[test]
fn the_lab_runs_full_batch_single_samples_and_k_from_one_start() {
    let lab = minibatch_lab(0);
    assert_eq!((lab.samples(), lab.batch_size()), (100, 10));
    let sizes: Vec<usize> = lab.summary().iter().map(|r| r.batch_size).collect();
    assert_eq!(sizes, [100, 1, 10]);
    assert_eq!(lab.runs()[FULL_BATCH].batch_size, 100);
    assert_eq!(lab.runs()[SINGLE_SAMPLE].batch_size, 1);
    assert_eq!(lab.runs()[MINI_BATCH].batch_size, 10);
    let start = lab.landscape().start();
    for r in lab.summary() {
        assert_eq!(
            (r.steps, r.epochs, r.point, r.diverged),
            (0, 0.0, start, false)
        );
        assert_eq!(r.loss, lab.landscape().loss(start));
    }
}

#[test]
fn a_reset_gives_identical_runs() {
    let mut lab = minibatch_lab(3);
    lab.advance(250);
    let first = paths(&lab);
    assert!(first.iter().all(|p| p.len() == 2 * 251));
    lab.reset();
    assert!(lab.summary().iter().all(|r| r.steps == 0));
    lab.advance(100);
    lab.advance(150);
    assert_eq!(paths(&lab), first);
}

#[test]
fn the_full_batch_run_is_full_batch_gradient_descent() {
    let mut lab = minibatch_lab(5);
    let d = lab.data().clone();
    let n = d.len() as f64;
    let mut w = lab.landscape().start();
    let mut expected = w.to_vec();
    for _ in 0..60 {
        // ∇J = (2/N)·Σ (w₀ + w₁xᵢ − yᵢ)·(1, xᵢ), written out here.
        let mut g = [0.0, 0.0];
        for (x, y) in d.x.iter().zip(&d.y) {
            let r = w[0] + w[1] * x - y;
            g[0] += 2.0 * r / n;
            g[1] += 2.0 * r * x / n;
        }
        w = [w[0] - 0.1 * g[0], w[1] - 0.1 * g[1]];
        expected.extend_from_slice(&w);
    }
    lab.advance(60);
    let got = lab.runs()[FULL_BATCH].path();
    assert_eq!(got.len(), expected.len());
    for (a, b) in got.iter().zip(&expected) {
        assert!((a - b).abs() < 1e-12 * (1.0 + b.abs()), "{a} vs {b}");
    }
    // And the noisy runs are not.
    assert_ne!(lab.runs()[SINGLE_SAMPLE].path(), got);
}

#[test]
fn advance_stops_every_run_at_the_step_cap() {
    let mut lab = minibatch_lab(1);
    assert_eq!(lab.advance(0), 0);
    assert_eq!(lab.advance(40), 3 * 40);
    assert!(!lab.all_finished());
    // One call takes at most the cap, whatever it is asked.
    let taken = lab.advance(usize::MAX);
    assert_eq!(taken, 3 * (MAX_LAB_STEPS - 40));
    assert!(lab.summary().iter().all(|r| r.steps == MAX_LAB_STEPS));
    assert!(lab.all_finished());
    assert_eq!(lab.advance(10), 0);
    lab.reset();
    assert!(!lab.all_finished());
}

#[test]
fn a_diverged_run_stops_and_counts_as_finished() {
    // η = 10 on a loss whose curvature is about 2: every step overshoots.
    let mut lab = MiniBatchLab::new(100, 0.5, 10, 10.0, 2).unwrap();
    lab.advance(MAX_LAB_STEPS);
    let s = lab.summary();
    assert!(
        s.iter().all(|r| r.diverged && r.steps < MAX_LAB_STEPS),
        "{s:?}"
    );
    assert!(s.iter().all(|r| r.loss.is_finite()));
    assert!(lab.all_finished());
}

#[test]
fn batches_per_epoch_is_n_over_b_rounded_up() {
    for (n, k, expected) in [
        (100, 10, 10),
        (100, 30, 4),
        (100, 99, 2),
        (7, 2, 4),
        (2, 2, 1),
        (101, 1, 101),
    ] {
        let mut lab = MiniBatchLab::new(n, 0.5, k, 0.1, 0).unwrap();
        let per_epoch: Vec<usize> = lab.summary().iter().map(|r| r.batches_per_epoch).collect();
        assert_eq!(per_epoch, [1, n, expected], "N = {n}, k = {k}");
        // One pass over the data, its short last batch included, is one
        // epoch, and half as many steps again half an epoch more.
        lab.advance(2 * expected);
        assert_eq!(lab.summary()[MINI_BATCH].epochs, 2.0, "N = {n}, k = {k}");
    }
    let mut lab = MiniBatchLab::new(100, 0.5, 30, 0.1, 0).unwrap();
    lab.advance(6);
    let s = lab.summary();
    assert_eq!([s[0].epochs, s[1].epochs, s[2].epochs], [6.0, 0.06, 1.5]);
}

#[test]
fn the_same_seed_gives_the_same_lab_and_another_seed_another() {
    let (mut a, mut b, mut c) = (minibatch_lab(7), minibatch_lab(7), minibatch_lab(8));
    assert_eq!(a.data(), b.data());
    assert_ne!(a.data(), c.data());
    for lab in [&mut a, &mut b, &mut c] {
        lab.advance(500);
    }
    assert_eq!(paths(&a), paths(&b));
    assert_eq!(a.summary(), b.summary());
    assert_eq!(a.cloud(), b.cloud());
    assert_eq!(a.variance_plot(), b.variance_plot());
    assert_ne!(paths(&a), paths(&c));
}

#[test]
fn the_learning_rate_changes_mid_run_and_the_batch_size_restarts_the_runs() {
    let mut lab = minibatch_lab(4);
    lab.advance(20);
    let before = lab.runs()[FULL_BATCH].point();
    lab.set_learning_rate(0.05).unwrap();
    assert_eq!(lab.learning_rate(), 0.05);
    assert_eq!(lab.summary()[0].steps, 20, "the runs go on");
    lab.advance(1);
    let g = lab.landscape().gradient(before);
    let after = lab.runs()[FULL_BATCH].point();
    for k in 0..2 {
        assert!((after[k] - (before[k] - 0.05 * g[k])).abs() < 1e-12);
    }
    lab.set_batch_size(25).unwrap();
    assert_eq!(lab.batch_size(), 25);
    assert!(lab.summary().iter().all(|r| r.steps == 0));
    assert_eq!(lab.summary()[MINI_BATCH].batch_size, 25);
}

#[test]
fn bad_settings_are_refused_with_the_field_named_and_nothing_changes() {
    for (n, noise, k, lr, seed, field) in [
        (1, 0.5, 1, 0.1, 0, "samples"),
        (1001, 0.5, 1, 0.1, 0, "samples"),
        (100, -0.1, 1, 0.1, 0, "noise"),
        (100, f64::NAN, 1, 0.1, 0, "noise"),
        (100, 0.5, 0, 0.1, 0, "batch_size"),
        (100, 0.5, 101, 0.1, 0, "batch_size"),
        (100, 0.5, 10, 0.0, 0, "learning_rate"),
        (100, 0.5, 10, 10.5, 0, "learning_rate"),
        (100, 0.5, 10, 0.1, MAX_SEED + 1, "seed"),
    ] {
        let e = MiniBatchLab::new(n, noise, k, lr, seed).err().unwrap();
        assert_eq!(e.field, field, "{e}");
    }
    let mut lab = minibatch_lab(0);
    lab.advance(5);
    assert_eq!(lab.set_batch_size(101).unwrap_err().field, "batch_size");
    assert_eq!(
        lab.set_learning_rate(f64::NAN).unwrap_err().field,
        "learning_rate"
    );
    assert_eq!((lab.batch_size(), lab.learning_rate()), (10, 0.1));
    assert!(lab.summary().iter().all(|r| r.steps == 5));
}

#[test]
fn the_cloud_is_taken_at_the_mini_batch_runs_point() {
    let mut lab = minibatch_lab(6);
    lab.advance(30);
    let c = lab.cloud();
    let w = lab.runs()[MINI_BATCH].point();
    assert_eq!((c.point, c.batch_size), (w, 10));
    assert_eq!(c.gradient, lab.landscape().gradient(w));
    assert_eq!(
        (c.single.len(), c.batch.len()),
        (CLOUD_SAMPLES, CLOUD_SAMPLES)
    );
    assert_eq!(c.variance_exact, gradient_variance_exact(lab.data(), w, 10));
    // Measured from 300 draws, within 25% of the exact values.
    assert!((c.variance / c.variance_exact - 1.0).abs() < 0.25, "{c:?}");
    let single = gradient_variance_exact(lab.data(), w, 1);
    assert!((c.variance_single / single - 1.0).abs() < 0.25);
    // The axes are centred on ∇J and hold most of the size-1 cloud.
    for (range, g) in [(c.x_range, c.gradient[0]), (c.y_range, c.gradient[1])] {
        assert!(((range[0] + range[1]) / 2.0 - g).abs() < 1e-9 * (1.0 + g.abs()));
        assert!(range[1] > range[0]);
    }
    let inside = c
        .single
        .iter()
        .filter(|p| (c.x_range[0]..=c.x_range[1]).contains(&p[0]))
        .count();
    assert!(inside > CLOUD_SAMPLES * 9 / 10, "{inside}");
}

#[test]
fn the_variance_plot_measures_powers_of_two_below_n() {
    let lab = minibatch_lab(2);
    let p = lab.variance_plot();
    let w = lab.runs()[MINI_BATCH].point();
    let bs: Vec<f64> = p.measured.iter().map(|m| m[0]).collect();
    assert_eq!(bs, [1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0]);
    for &[b, v] in &p.measured {
        let exact = gradient_variance_exact(lab.data(), w, b as usize);
        assert!((v / exact - 1.0).abs() < 0.3, "B = {b}: {v} vs {exact}");
    }
    assert_eq!(p.curve.len(), 61);
    assert_eq!((p.curve[0][0], p.curve[60][0]), (1.0, 99.0));
    assert_eq!(
        p.current,
        Some([10.0, gradient_variance_exact(lab.data(), w, 10)])
    );
    let single = gradient_variance_exact(lab.data(), w, 1);
    assert_eq!(p.reference, [[1.0, single], [99.0, single / 99.0]]);
    assert_eq!(p.x_range, [1.0, 99.0 * 1.2]);
    assert_eq!(p.y_range[1], 2.0 * single);
    let full = MiniBatchLab::new(100, 0.5, 100, 0.1, 2).unwrap();
    assert_eq!(
        full.variance_plot().current,
        None,
        "B = N is off a log scale"
    );
}

#[test]
fn epoch_times_keep_only_measurements_and_frame_them() {
    let t = epoch_times(
        &[1.0, 2.0, f64::NAN, 0.5, 8.0, 16.0],
        &[40.0, 20.0, 5.0, 3.0, 0.0, 4.0, 99.0],
    );
    assert_eq!(t.points, [[1.0, 40.0], [2.0, 20.0], [16.0, 4.0]]);
    assert_eq!(t.x_range, [0.8, 16.0 * 1.25]);
    assert_eq!(t.y_range, [4.0 / 1.5, 40.0 * 1.5]);
    let none = epoch_times(&[], &[]);
    assert!(none.points.is_empty());
    assert_eq!(none.x_range, [0.8, 2.5]);
    assert_eq!(none.y_range[1], 1.0);
}
