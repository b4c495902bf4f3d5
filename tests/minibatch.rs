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
    let mut mini = MiniBatchRun::new(&l, l.start(), 10, sgd, 1);
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
        let sgd = OptimizerConfig::from_json(
            serde_json::json!({"name": "sgd", "learning_rate": 0.05})
                .as_object()
                .unwrap(),
            "optimizer",
        )
        .unwrap();
        let mut r = MiniBatchRun::new(&l, l.start(), 1, sgd, 1);
        for _ in 0..epochs * 100 {
            r.step(&l);
        }
        r
    };
    assert_eq!(again.path(), single.path());
}
