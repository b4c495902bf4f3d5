//! Optimizers with Keras 3's update rules, names and defaults, in f64.
//!
//! Each optimizer lives in its own file: a short `update` that reads like the
//! formula in its doc comment, its table of hyperparameters with Keras's
//! defaults, and its `DEFINITION` (the rule as the UI displays it, in the
//! markup of `display.rs`, and a one-line note). The registry below lists
//! the files. This file also holds what Keras's base `Optimizer` does around every
//! rule, in Keras's order:
//!
//! 1. learning rate ← schedule(iterations), or the constant rate;
//! 2. gradient clipping (clipnorm, else global_clipnorm, else clipvalue);
//! 3. decoupled weight decay: w ← w − w·weight_decay·η;
//! 4. the optimizer's own update rule;
//! 5. iterations ← iterations + 1.
//!
//! All rules work on flat `&mut [f64]` parameter slices, so the 2D landscapes
//! and the neural networks share one implementation. The learning rate may be
//! changed between steps (the UI slider) without touching any state.
//!
//! Where we differ from Keras, on purpose: Keras keeps the learning rate, and
//! computes schedules, in float32; we keep everything in f64. With rates that
//! float32 holds exactly (0.875, 2⁻⁶, …) the two agree to rounding.

mod display;
mod hyperparameters;
mod schedule;
mod schedule_json;

pub use display::{check_markup, display_rule};
pub use hyperparameters::{
    symbol, Hyperparameter, Kind, OptimizerConfig, COMMON, LEARNING_RATE_RANGE,
};
pub use schedule::{
    Parameter, ParameterDefault, ParameterKind, Schedule, ScheduleDefinition, SCHEDULES,
    SCHEDULE_NAMES,
};

/// One optimizer's update rule and the state it carries between steps.
pub trait UpdateRule: Send {
    /// Applies one step to `params` given (already clipped) `grads`.
    /// `iteration` is Keras's `optimizer.iterations` before this step (0 on the
    /// first), so bias corrections use `iteration + 1`.
    fn update(&mut self, params: &mut [f64], grads: &[f64], learning_rate: f64, iteration: u64);

    /// The state the lecture talks about, by Keras's names (m, v, m̂, v̂, …),
    /// read-only, for the "update rule" readout.
    fn live_values(&self, iteration: u64) -> Vec<(&'static str, Vec<f64>)>;

    /// The per-coordinate step size this rule applies to its direction, from
    /// its current state: η for SGD, η/(√v̂ + ε) for Adam, and so on. This is
    /// what "adaptive learning rate" means, made visible.
    fn effective_learning_rate(&self, learning_rate: f64, iteration: u64, out: &mut [f64]);
}

/// Everything the engine knows about one optimizer, declared in its own
/// file as `pub const DEFINITION`: the registry below lists these, and
/// every other table (names, hyperparameters, the UI's catalogue, the
/// README check, the data-driven tests) is read from it.
pub struct Definition {
    /// Keras's name for it, which is also its file's name.
    pub name: &'static str,
    /// Its own hyperparameters with Keras's defaults; [`hyperparameters`]
    /// adds the options every optimizer takes.
    pub hyperparameters: &'static [Hyperparameter],
    /// One line to show under the rule: where Keras differs from the paper
    /// or from PyTorch.
    pub note: &'static str,
    /// The rule as the UI writes it, one equation per line in the markup of
    /// [`check_markup`], for the variant `config` selects (momentum or not,
    /// Nesterov, centered, AMSGrad). [`display_rule`] adds the clipping and
    /// weight-decay steps every optimizer shares.
    pub rule: fn(&OptimizerConfig) -> Vec<&'static str>,
    /// The rule's state for `n` parameters, from a config of this optimizer.
    pub new: fn(&OptimizerConfig, usize) -> Box<dyn UpdateRule>,
}

/// The registry: each name is a module (`src/optim/<name>.rs`) that
/// declares its `DEFINITION`. Adding an optimizer is its file plus its name
/// here.
macro_rules! registry {
    ($($module:ident),+ $(,)?) => {
        $(mod $module;)+
        /// Every optimizer, in the order the UI lists them.
        pub static OPTIMIZERS: &[Definition] = &[$($module::DEFINITION),+];
        /// The optimizer names, as Keras spells them.
        pub const NAMES: &[&str] = &[$($module::DEFINITION.name),+];
    };
}

registry!(sgd, adagrad, adadelta, rmsprop, adam, adamw, adamax, nadam, lion);

/// The optimizer called `name` (Keras's spelling, lower case).
pub fn definition(name: &str) -> Option<&'static Definition> {
    OPTIMIZERS.iter().find(|d| d.name == name)
}

/// The hyperparameter table for an optimizer name, including the common
/// options every Keras optimizer takes.
pub fn hyperparameters(name: &str) -> Option<Vec<Hyperparameter>> {
    let own = definition(name)?.hyperparameters;
    let mut all = own.to_vec();
    for common in COMMON {
        if !all.iter().any(|h| h.name == common.name) {
            all.push(*common);
        }
    }
    Some(all)
}

/// Keras's `_clip_gradients`: only the first of clipnorm, global_clipnorm
/// and clipvalue that is set applies. The parameters are one Keras
/// variable, so clipnorm and global_clipnorm coincide up to rounding.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Clip {
    None,
    Norm(f64),
    GlobalNorm(f64),
    Value(f64),
}

/// An optimizer over `n` parameters: a config, a schedule, a step count and
/// the rule's buffers, allocated once.
pub struct Optimizer {
    config: OptimizerConfig,
    /// The common options, read out of the config once: the step is hot
    /// (millions per second in the training view).
    weight_decay: Option<f64>,
    clip: Clip,
    schedule: Schedule,
    rule: Box<dyn UpdateRule>,
    iterations: u64,
    last_learning_rate: f64,
    gradient: Vec<f64>,
    last_step: Vec<f64>,
    /// The parameters before the current step, to restore a refused one.
    previous: Vec<f64>,
}

impl Optimizer {
    /// A fresh optimizer; `schedule` defaults to the config's constant rate.
    pub fn new(config: OptimizerConfig, schedule: Option<Schedule>, n: usize) -> Self {
        let schedule = schedule.unwrap_or(Schedule::Constant {
            learning_rate: config.get("learning_rate"),
        });
        let rule = (definition(&config.name)
            .expect("an OptimizerConfig holds a registered name")
            .new)(&config, n);
        let positive = |name| config.get_optional(name).filter(|c| *c > 0.0);
        let clip = if let Some(c) = positive("clipnorm") {
            Clip::Norm(c)
        } else if let Some(c) = positive("global_clipnorm") {
            Clip::GlobalNorm(c)
        } else if let Some(c) = positive("clipvalue") {
            Clip::Value(c)
        } else {
            Clip::None
        };
        Optimizer {
            weight_decay: config.get_optional("weight_decay"),
            clip,
            config,
            schedule,
            rule,
            iterations: 0,
            last_learning_rate: 0.0,
            gradient: vec![0.0; n],
            last_step: vec![0.0; n],
            previous: vec![0.0; n],
        }
    }

    pub fn config(&self) -> &OptimizerConfig {
        &self.config
    }

    pub fn schedule(&self) -> &Schedule {
        &self.schedule
    }

    /// Keras's `optimizer.iterations`: the number of steps taken.
    pub fn iterations(&self) -> u64 {
        self.iterations
    }

    /// The learning rate the next step will use.
    pub fn learning_rate(&self) -> f64 {
        self.schedule.learning_rate(self.iterations)
    }

    /// Changes the learning rate from the next step on, keeping all state
    /// (momentum, accumulators, step count). With a schedule, this sets the
    /// schedule's initial rate.
    pub fn set_learning_rate(&mut self, learning_rate: f64) {
        self.config.set("learning_rate", learning_rate);
        self.schedule.set_initial_learning_rate(learning_rate);
    }

    /// One optimizer step: `params` move given the raw gradient `grads`.
    ///
    /// Returns false, leaving `params` as they were, when the step would
    /// make a parameter non-finite (a NaN gradient, or an overflow): the
    /// caller's run has diverged, and its weights stay usable.
    pub fn step(&mut self, params: &mut [f64], grads: &[f64]) -> bool {
        debug_assert_eq!(params.len(), grads.len());
        let learning_rate = self.learning_rate();
        self.last_learning_rate = learning_rate;
        self.gradient.copy_from_slice(grads);
        self.clip_gradient();
        self.previous.copy_from_slice(params);
        if let Some(wd) = self.weight_decay {
            for w in params.iter_mut() {
                *w -= *w * wd * learning_rate;
            }
        }
        self.rule
            .update(params, &self.gradient, learning_rate, self.iterations);
        // The step taken and the finiteness check in one pass: on a
        // network's hundreds of weights, each pass costs.
        let mut any_non_finite = 0;
        for ((s, w), p) in self.last_step.iter_mut().zip(&*params).zip(&self.previous) {
            any_non_finite |= non_finite(*w);
            *s = w - p;
        }
        if any_non_finite != 0 {
            params.copy_from_slice(&self.previous);
            self.last_step.fill(0.0);
            return false;
        }
        self.iterations += 1;
        true
    }

    fn clip_gradient(&mut self) {
        let g = &mut self.gradient;
        match self.clip {
            Clip::None => {}
            Clip::Norm(c) => {
                // tf.clip_by_norm: g·c / max(‖g‖, c), always applied.
                let l2sum: f64 = g.iter().map(|x| x * x).sum();
                let l2norm = if l2sum > 0.0 { l2sum.sqrt() } else { l2sum };
                let denominator = l2norm.max(c);
                for x in g.iter_mut() {
                    *x = *x * c / denominator;
                }
            }
            Clip::GlobalNorm(c) => {
                // keras clip_by_global_norm: g · c·min(1/‖g‖, 1/c).
                let norm = g.iter().map(|x| x * x).sum::<f64>().sqrt();
                let scale = c * (1.0 / norm).min(1.0 / c);
                for x in g.iter_mut() {
                    *x *= scale;
                }
            }
            Clip::Value(c) => {
                for x in g.iter_mut() {
                    *x = x.clamp(-c, c);
                }
            }
        }
    }

    /// The gradient the last step used, after clipping.
    pub fn last_gradient(&self) -> &[f64] {
        &self.gradient
    }

    /// The change in the parameters made by the last step.
    pub fn last_step(&self) -> &[f64] {
        &self.last_step
    }

    /// The rule's named state (m, v, m̂, v̂, …) after the last step.
    pub fn live_values(&self) -> Vec<(&'static str, Vec<f64>)> {
        self.rule.live_values(self.iterations)
    }

    /// The learning rate η the last step used (the schedule's value then).
    pub fn last_learning_rate(&self) -> f64 {
        self.last_learning_rate
    }

    /// The per-coordinate step size the last step applied, from the rule's
    /// state (see [`UpdateRule::effective_learning_rate`]); before any step,
    /// the learning rate.
    pub fn effective_learning_rate(&self) -> Vec<f64> {
        let mut out = vec![0.0; self.gradient.len()];
        let lr = if self.iterations == 0 {
            self.learning_rate()
        } else {
            self.last_learning_rate
        };
        self.rule
            .effective_learning_rate(lr, self.iterations, &mut out);
        out
    }
}

/// 1 if x is ±∞ or NaN (its exponent field is all ones), else 0. ORed
/// over a slice, it checks every entry with integer operations two lanes
/// at a time; `iter().all(is_finite)` stops at the first failure, so it
/// runs one entry at a time.
#[inline(always)]
fn non_finite(x: f64) -> u64 {
    // (e + 1) >> 11 is 1 only for the 11-bit exponent field e = 0x7ff.
    (((x.to_bits() >> 52) & 0x7ff) + 1) >> 11
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_step_that_would_overflow_is_refused_and_leaves_the_parameters() {
        let mut config = OptimizerConfig::defaults("sgd").unwrap();
        config.set("learning_rate", 1e308);
        let mut o = Optimizer::new(config, None, 2);
        let mut w = [1.0, -2.0];
        assert!(!o.step(&mut w, &[1e10, 0.5]));
        assert_eq!(w, [1.0, -2.0]);
        assert_eq!(o.iterations(), 0);
        assert!(
            o.step(&mut w, &[0.0, 0.0]),
            "a finite step still goes through"
        );
        assert!(!o.step(&mut w, &[f64::NAN, 0.0]));
        assert_eq!(w, [1.0, -2.0]);
    }

    #[test]
    fn non_finite_flags_exactly_infinities_and_nans() {
        for x in [0.0, -0.0, 1.0, -1e308, f64::MAX, f64::MIN_POSITIVE, 5e-324] {
            assert_eq!(non_finite(x), 0, "{x}");
        }
        for x in [f64::INFINITY, f64::NEG_INFINITY, f64::NAN, -f64::NAN] {
            assert_eq!(non_finite(x), 1, "{x}");
        }
    }

    #[test]
    fn a_non_finite_weight_anywhere_refuses_the_step() {
        for at in 0..9 {
            let mut o = Optimizer::new(OptimizerConfig::defaults("sgd").unwrap(), None, 9);
            let mut w = [1.0; 9];
            let mut g = [0.5; 9];
            g[at] = f64::NAN;
            assert!(!o.step(&mut w, &g), "NaN gradient at {at}");
            assert_eq!(w, [1.0; 9]);
            g[at] = f64::INFINITY;
            assert!(!o.step(&mut w, &g), "infinite gradient at {at}");
            assert_eq!(w, [1.0; 9]);
            g[at] = 0.5;
            assert!(o.step(&mut w, &g));
            assert!(o.last_step().iter().all(|s| (s + 0.005).abs() < 1e-15));
        }
    }
}
