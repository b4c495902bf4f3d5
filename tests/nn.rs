//! The neural-network engine: backprop against finite differences, dropout,
//! L2, early stopping, and training outcomes.

use descent::nn::{Activation, EarlyStopping, Initializer, Loss, Network};
use descent::train::{train_json, TrainSpec, TrainStatus, Trainer};
use nalgebra::DMatrix;
use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};
use serde_json::json;

fn batch(inputs: usize, n: usize, seed: u64) -> (DMatrix<f64>, Vec<f64>) {
    let mut rng = StdRng::seed_from_u64(seed);
    let x = DMatrix::from_fn(inputs, n, |_, _| rng.random::<f64>() * 2.0 - 1.0);
    let y = (0..n)
        .map(|_| if rng.random::<f64>() < 0.5 { 0.0 } else { 1.0 })
        .collect();
    (x, y)
}

fn loss_at(net: &Network, x: &DMatrix<f64>, y: &[f64]) -> f64 {
    let mut ws = net.workspace(x.ncols());
    net.forward(x, &mut ws, None);
    net.data_loss(&mut ws, y) + net.l2_penalty()
}

#[test]
#[allow(clippy::needless_range_loop)] // i indexes params and grad alike
fn backprop_matches_finite_differences_for_every_activation_and_loss() {
    for activation in [
        Activation::Relu,
        Activation::Tanh,
        Activation::Sigmoid,
        Activation::Linear,
    ] {
        for loss in [Loss::MeanSquaredError, Loss::BinaryCrossentropy] {
            for l2 in [0.0, 0.3] {
                let mut net = Network::new(
                    2,
                    &[5, 3],
                    activation,
                    loss,
                    0.0,
                    l2,
                    Initializer::GlorotUniform,
                    7,
                );
                // Move off the initial zero biases: with ReLU, a sample whose
                // units are all dead would put z exactly on the kink at 0.
                let mut rng = StdRng::seed_from_u64(5);
                for p in net.params_mut() {
                    *p += 0.1 * (rng.random::<f64>() - 0.5);
                }
                let (x, y) = batch(2, 9, 3);
                let mut ws = net.workspace(9);
                net.forward(&x, &mut ws, None);
                let mut grad = vec![0.0; net.params().len()];
                let j = net.backward(&x, &y, &mut ws, &mut grad);
                assert!((j - loss_at(&net, &x, &y)).abs() < 1e-12);
                for i in 0..grad.len() {
                    let p = net.params()[i];
                    let h = 1e-6;
                    net.params_mut()[i] = p + h;
                    let up = loss_at(&net, &x, &y);
                    net.params_mut()[i] = p - h;
                    let down = loss_at(&net, &x, &y);
                    net.params_mut()[i] = p;
                    let numeric = (up - down) / (2.0 * h);
                    assert!(
                        (numeric - grad[i]).abs() < 1e-6 * (1.0 + numeric.abs()),
                        "{activation:?} {loss:?} l2={l2} param {i}: backprop {} vs numeric {numeric}",
                        grad[i]
                    );
                }
            }
        }
    }
}

#[test]
fn networks_of_every_depth_backprop_correctly() {
    for hidden in [vec![], vec![4], vec![3, 3, 3, 3, 3, 3]] {
        let mut net = Network::new(
            1,
            &hidden,
            Activation::Tanh,
            Loss::MeanSquaredError,
            0.0,
            0.0,
            Initializer::HeNormal,
            1,
        );
        let (x, y) = batch(1, 4, 5);
        let mut ws = net.workspace(4);
        net.forward(&x, &mut ws, None);
        let mut grad = vec![0.0; net.params().len()];
        net.backward(&x, &y, &mut ws, &mut grad);
        let i = grad.len() / 2;
        let p = net.params()[i];
        net.params_mut()[i] = p + 1e-6;
        let up = loss_at(&net, &x, &y);
        net.params_mut()[i] = p - 1e-6;
        let down = loss_at(&net, &x, &y);
        assert!(
            ((up - down) / 2e-6 - grad[i]).abs() < 1e-6,
            "hidden {hidden:?}"
        );
    }
}

#[test]
fn l2_is_keras_l2_on_kernels_adding_2_l2_w_to_their_gradient_and_nothing_to_biases() {
    // Keras's kernel_regularizer=L2(l2): l2·Σw² on each kernel.
    let lambda = 0.25;
    let plain = Network::new(
        2,
        &[4],
        Activation::Tanh,
        Loss::BinaryCrossentropy,
        0.0,
        0.0,
        Initializer::GlorotUniform,
        9,
    );
    let with_l2 = Network::new(
        2,
        &[4],
        Activation::Tanh,
        Loss::BinaryCrossentropy,
        0.0,
        lambda,
        Initializer::GlorotUniform,
        9,
    );
    assert_eq!(plain.params(), with_l2.params(), "same seed, same weights");
    let (x, y) = batch(2, 6, 1);
    let grad = |net: &Network| {
        let mut ws = net.workspace(6);
        net.forward(&x, &mut ws, None);
        let mut g = vec![0.0; net.params().len()];
        net.backward(&x, &y, &mut ws, &mut g);
        g
    };
    let (g0, g1) = (grad(&plain), grad(&with_l2));
    for l in 0..plain.layers() {
        let (w, b) = plain.offsets(l);
        for i in w..b {
            assert!(
                (g1[i] - g0[i] - 2.0 * lambda * plain.params()[i]).abs() < 1e-12,
                "weight {i}"
            );
        }
        for i in b..b + plain.sizes()[l + 1] {
            assert!((g1[i] - g0[i]).abs() < 1e-12, "bias {i}");
        }
    }
    let kernels: f64 = (0..plain.layers())
        .map(|l| plain.weights(l).iter().map(|w| w * w).sum::<f64>())
        .sum();
    assert!((with_l2.l2_penalty() - lambda * kernels).abs() < 1e-15);
    assert_eq!(plain.l2_penalty(), 0.0);
}

#[test]
fn dropout_keeps_the_expected_activation_scale_and_is_off_at_inference() {
    let p = 0.5;
    let net = Network::new(
        2,
        &[64],
        Activation::Sigmoid,
        Loss::MeanSquaredError,
        p,
        0.0,
        Initializer::GlorotUniform,
        4,
    );
    let (x, _) = batch(2, 200, 2);
    // Inference: no dropout, deterministic.
    let a = net.predict(&x);
    assert_eq!(a, net.predict(&x));
    let mut ws = net.workspace(200);
    let mut rng = StdRng::seed_from_u64(11);
    let mut sum_dropped = 0.0;
    let mut zeros = 0usize;
    let trials = 200;
    for _ in 0..trials {
        net.forward(&x, &mut ws, Some(&mut rng));
        let hidden = &net_hidden(&net, &x, &mut ws);
        sum_dropped += hidden.iter().sum::<f64>();
        zeros += hidden.iter().filter(|v| **v == 0.0).count();
    }
    let clean = net.activations(&x)[0].iter().sum::<f64>();
    let mean_dropped = sum_dropped / trials as f64;
    assert!(
        (mean_dropped / clean - 1.0).abs() < 0.01,
        "inverted dropout keeps E[a]: {mean_dropped} vs {clean}"
    );
    let fraction = zeros as f64 / (trials * 64 * 200) as f64;
    assert!((fraction - p).abs() < 0.01, "dropped fraction {fraction}");
    // With dropout, the training forward pass differs from inference.
    net.forward(&x, &mut ws, Some(&mut rng));
    assert_ne!(net.output(&ws).to_vec(), a);
}

/// The hidden layer's (dropped-out) activations of the last forward pass,
/// recovered from the output layer's inputs: here the helper just reruns the
/// public API, which exposes activations per layer only at inference, so
/// we read them through `Network::hidden_activations`.
fn net_hidden(net: &Network, _x: &DMatrix<f64>, ws: &mut descent::nn::Workspace) -> Vec<f64> {
    net.hidden_activations(ws, 0).to_vec()
}

#[test]
fn early_stopping_stops_where_keras_does_and_restores_the_best_weights() {
    // Scripted validation losses; Keras 3 EarlyStopping(patience=2).
    // epoch 0: 1.00 best (wait 0); 1: 0.90 best (wait 0); 2: 0.95 (wait 1);
    // 3: 0.92 (wait 2 ≥ 2 → stop at epoch 3). Best epoch 1.
    let losses = [1.0, 0.9, 0.95, 0.92, 0.91, 0.5];
    let mut es = EarlyStopping::new(2, 0.0, true);
    let mut stopped = None;
    for (epoch, l) in losses.iter().enumerate() {
        let weights = vec![epoch as f64; 3];
        if es.on_epoch_end(epoch, *l, &weights) {
            stopped = Some(epoch);
            break;
        }
    }
    assert_eq!(stopped, Some(3));
    assert_eq!(es.stopped_epoch(), Some(3));
    assert_eq!(es.best_epoch(), 1);
    assert_eq!(es.on_train_end(), Some(&[1.0, 1.0, 1.0][..]));

    // min_delta = 0.15: 0.90 is not 0.15 better than 1.00, so epoch 0 stays
    // best; patience 2 runs out at epoch 2.
    let mut es = EarlyStopping::new(2, 0.15, false);
    let stop: Vec<bool> = losses[..3]
        .iter()
        .enumerate()
        .map(|(e, l)| es.on_epoch_end(e, *l, &[0.0]))
        .collect();
    assert_eq!(stop[..3], [false, false, true]);
    assert_eq!(es.best_epoch(), 0);
    assert_eq!(
        es.on_train_end(),
        None,
        "no restore without restore_best_weights"
    );

    // patience 0 never stops at epoch 0 (Keras requires epoch > 0).
    let mut es = EarlyStopping::new(0, 0.0, false);
    assert!(!es.on_epoch_end(0, 1.0, &[0.0]));
    assert!(es.on_epoch_end(1, 1.0, &[0.0]));
}

#[test]
fn training_with_early_stopping_restores_the_best_epochs_weights() {
    let spec = json!({
        "dataset": {"name": "polynomial", "samples": 20, "noise": 0.3, "seed": 3},
        "model": {"hidden": [64, 64], "activation": "relu"},
        "optimizer": {"name": "adam", "learning_rate": 0.01},
        "batch_size": 14, "epochs": 2000,
        "early_stopping": {"patience": 30, "restore_best_weights": true},
        "seed": 1
    });
    let spec = TrainSpec::from_json_text(&spec.to_string()).unwrap();
    let mut t = Trainer::new(&spec);
    t.run();
    let stopped = t.stopped_epoch().expect("early stopping should trigger");
    let best = t.best_epoch().unwrap();
    assert_eq!(
        stopped,
        best + 30,
        "Keras stops `patience` epochs after the best"
    );
    assert!(matches!(t.status(), TrainStatus::StoppedEarly { .. }));
    let val = &t.history().val_loss;
    let best_loss = val.iter().cloned().fold(f64::INFINITY, f64::min);
    assert_eq!(val[best], best_loss);
}

#[test]
fn adam_learns_the_spiral() {
    let r = train_json(
        &json!({
            "dataset": {"name": "spiral", "samples": 400, "noise": 0.0, "seed": 1},
            "model": {"hidden": [16, 16], "activation": "relu"},
            "optimizer": {"name": "adam", "learning_rate": 0.01},
            "batch_size": 16, "epochs": 300, "seed": 2
        })
        .to_string(),
    )
    .unwrap();
    let acc = *r.history.accuracy.last().unwrap();
    assert!(acc >= 0.95, "training accuracy {acc}");
    assert_eq!(r.status, TrainStatus::Finished);
}

#[test]
fn the_same_seed_gives_the_same_run_and_optimizers_share_weights_and_batches() {
    let spec = |opt: serde_json::Value| {
        json!({
            "dataset": {"name": "moons", "samples": 100, "seed": 5},
            "model": {"hidden": [6], "activation": "relu", "dropout": 0.2},
            "optimizer": opt, "batch_size": 10, "epochs": 5, "seed": 9
        })
        .to_string()
    };
    let a = train_json(&spec(json!({"name": "sgd"}))).unwrap();
    let b = train_json(&spec(json!({"name": "sgd"}))).unwrap();
    assert_eq!(a, b);
    let s1 = TrainSpec::from_json_text(&spec(json!({"name": "sgd"}))).unwrap();
    let s2 = TrainSpec::from_json_text(&spec(json!({"name": "adam"}))).unwrap();
    assert_eq!(
        Trainer::new(&s1).network().params(),
        Trainer::new(&s2).network().params()
    );
}

#[test]
fn a_diverging_run_stops_with_finite_weights() {
    let r = TrainSpec::from_json_text(
        &json!({
            "dataset": {"name": "sine", "samples": 100},
            "model": {"hidden": [32, 32], "activation": "relu"},
            "optimizer": {"name": "sgd", "learning_rate": 1e6},
            "batch_size": 8, "epochs": 50
        })
        .to_string(),
    )
    .unwrap();
    let mut t = Trainer::new(&r);
    let status = t.run();
    assert!(matches!(status, TrainStatus::Diverged { .. }), "{status:?}");
    assert!(t.network().params().iter().all(|p| p.is_finite()));
    assert!(t.history().loss.iter().all(|l| l.is_finite()));
}

#[test]
fn bad_train_specs_name_the_field() {
    let bad = [
        (
            json!({"dataset": {"name": "mnist"}, "optimizer": {"name": "sgd"}}),
            "dataset.name",
        ),
        (
            json!({"dataset": {"name": "xor", "noise": -1}, "optimizer": {"name": "sgd"}}),
            "dataset.noise",
        ),
        (
            json!({"dataset": {"name": "xor"}, "model": {"hidden": [8, 0]}, "optimizer": {"name": "sgd"}}),
            "model.hidden[1]",
        ),
        (
            json!({"dataset": {"name": "xor"}, "model": {"hidden": [1, 1, 1, 1, 1, 1, 1]}, "optimizer": {"name": "sgd"}}),
            "model.hidden",
        ),
        (
            json!({"dataset": {"name": "xor"}, "model": {"activation": "gelu"}, "optimizer": {"name": "sgd"}}),
            "model.activation",
        ),
        (
            json!({"dataset": {"name": "xor"}, "model": {"dropout": 1.0}, "optimizer": {"name": "sgd"}}),
            "model.dropout",
        ),
        (
            json!({"dataset": {"name": "xor"}, "optimizer": {"name": "sgd", "learning_rate": -1}}),
            "optimizer.learning_rate",
        ),
        (
            json!({"dataset": {"name": "xor"}, "optimizer": {"name": "sgd"}, "batch_size": 0}),
            "batch_size",
        ),
        (
            json!({"dataset": {"name": "xor"}, "optimizer": {"name": "sgd"}, "early_stopping": {"patience": -2}}),
            "early_stopping.patience",
        ),
    ];
    for (spec, field) in bad {
        let e = train_json(&spec.to_string()).unwrap_err();
        assert_eq!(e.field, field, "{e}");
    }
}

fn preset(name: &str, change: impl FnOnce(&mut serde_json::Value)) -> descent::train::TrainResult {
    let mut spec = descent::train::capacity_preset(name).unwrap();
    change(&mut spec);
    train_json(&spec.to_string()).unwrap()
}

#[test]
fn the_overfit_preset_shows_validation_loss_rising_while_training_loss_falls() {
    let r = preset("overfit", |_| {});
    let h = &r.history;
    let best = r.best_epoch.unwrap();
    let last = h.loss.len() - 1;
    assert!(
        best < last - 100,
        "the best validation epoch {best} should come well before the end"
    );
    assert!(
        h.val_loss[last] > 1.5 * h.val_loss[best],
        "validation loss rises: {} → {}",
        h.val_loss[best],
        h.val_loss[last]
    );
    assert!(
        h.loss[last] < 0.5 * h.loss[best],
        "training loss keeps falling: {} → {}",
        h.loss[best],
        h.loss[last]
    );
}

#[test]
fn the_capacity_presets_underfit_fit_and_overfit() {
    let under = preset("underfit", |_| {});
    let ideal = preset("ideal", |_| {});
    let over = preset("overfit", |_| {});
    let last = |r: &descent::train::TrainResult| {
        (
            *r.history.loss.last().unwrap(),
            *r.history.val_loss.last().unwrap(),
        )
    };
    let (u_train, u_val) = last(&under);
    let (i_train, i_val) = last(&ideal);
    let (o_train, o_val) = last(&over);
    assert!(
        u_train > 3.0 * i_train,
        "a line cannot fit the cubic: {u_train} vs {i_train}"
    );
    assert!(u_val > 2.0 * i_val);
    assert!(
        o_train < 0.5 * i_train,
        "the big model fits the training points better: {o_train} vs {i_train}"
    );
    assert!(o_val > i_val, "… and generalizes worse: {o_val} vs {i_val}");
}

#[test]
fn early_stopping_and_dropout_tame_the_overfit() {
    let plain = preset("overfit", |_| {});
    let final_val = *plain.history.val_loss.last().unwrap();
    let stopped = preset("overfit", |s| {
        s["early_stopping"] = json!({"patience": 50, "restore_best_weights": true});
    });
    assert!(matches!(stopped.status, TrainStatus::StoppedEarly { .. }));
    let best = stopped.best_epoch.unwrap();
    assert!(stopped.history.val_loss[best] < 0.7 * final_val);
    // A dropout run's validation loss jumps from epoch to epoch with its
    // masks, so compare the last 200 epochs' mean, not the last epoch.
    let dropout = preset("overfit", |s| s["model"]["dropout"] = json!(0.3));
    let tail = |h: &[f64]| h[h.len() - 200..].iter().sum::<f64>() / 200.0;
    let (d_val, p_val) = (
        tail(&dropout.history.val_loss),
        tail(&plain.history.val_loss),
    );
    assert!(
        d_val < 0.75 * p_val,
        "dropout lowers the late validation loss: {d_val} vs {p_val}"
    );
}

/// The repro: a linear net on the polynomial data at SGD η = 3
/// overflowed val_loss to ∞ and at η = 10 to NaN, and best_epoch then
/// pointed at the diverged epoch. A diverged epoch now ends the run
/// unrecorded, and nothing returned is non-finite.
#[test]
fn a_diverged_epoch_is_not_recorded_and_best_epoch_is_a_real_one() {
    for lr in [3.0, 10.0, 30.0, 1e3, 1e8] {
        let spec = TrainSpec::from_json_text(
            &json!({
                "dataset": {"name": "polynomial", "samples": 60},
                "model": {"hidden": [4], "activation": "linear"},
                "optimizer": {"name": "sgd", "learning_rate": lr},
                "batch_size": 8, "epochs": 50
            })
            .to_string(),
        )
        .unwrap();
        let r = descent::train::train(&spec);
        let TrainStatus::Diverged { epoch } = r.status else {
            panic!("η = {lr}: {:?}", r.status);
        };
        let h = &r.history;
        assert_eq!(
            h.loss.len(),
            epoch,
            "η = {lr}: epochs before the diverged one"
        );
        assert_eq!(h.val_loss.len(), epoch, "η = {lr}");
        for x in h.loss.iter().chain(&h.val_loss) {
            assert!(x.is_finite(), "η = {lr}: {x}");
        }
        if let Some(best) = r.best_epoch {
            assert!(best < epoch, "η = {lr}: best {best}, diverged at {epoch}");
            let lowest = h.val_loss.iter().copied().fold(f64::INFINITY, f64::min);
            assert_eq!(h.val_loss[best], lowest);
        }
    }
}
