//! Keras's `clipnorm` on a network: each variable's gradient (a layer's
//! kernel, a layer's bias) is clipped to the norm on its own,
//! g ← g·c / max(‖g‖, c) per variable, as `Optimizer._clip_by_norm` does
//! for every entry of `grads`. The optimizer of `crate::optim` sees one
//! flat slice, which on a landscape is Keras's one variable; on a network
//! it would clip all variables together, as `global_clipnorm` does. So
//! for a network the trainer clips by variable here and hands the
//! optimizer a config with its clipping off. (`global_clipnorm` and
//! `clipvalue` mean the same on one slice as on many, and stay with the
//! optimizer; as in Keras, only the first of clipnorm, global_clipnorm
//! and clipvalue that is set applies.)

use crate::optim::OptimizerConfig;
use std::ops::Range;

pub struct ClipByVariable {
    clipnorm: f64,
    variables: Vec<Range<usize>>,
}

impl ClipByVariable {
    /// For a network with layer `sizes`: the per-variable clip, when the
    /// config sets clipnorm, and the config the optimizer is built from.
    pub fn split(config: &OptimizerConfig, sizes: &[usize]) -> (Option<Self>, OptimizerConfig) {
        let Some(clipnorm) = config.get_optional("clipnorm").filter(|c| *c > 0.0) else {
            return (None, config.clone());
        };
        let mut variables = Vec::new();
        let mut at = 0;
        for pair in sizes.windows(2) {
            let (kernel, bias) = (pair[0] * pair[1], pair[1]);
            variables.push(at..at + kernel);
            variables.push(at + kernel..at + kernel + bias);
            at += kernel + bias;
        }
        let mut rest = config.clone();
        // 0 turns each option off (the optimizer applies only those > 0),
        // so the optimizer clips nothing more.
        for name in ["clipnorm", "global_clipnorm", "clipvalue"] {
            rest.set(name, 0.0);
        }
        (
            Some(ClipByVariable {
                clipnorm,
                variables,
            }),
            rest,
        )
    }

    /// Clips `grad` variable by variable, with the optimizer's formula.
    pub fn apply(&self, grad: &mut [f64]) {
        let c = self.clipnorm;
        for range in &self.variables {
            let g = &mut grad[range.clone()];
            let l2sum: f64 = g.iter().map(|x| x * x).sum();
            let l2norm = if l2sum > 0.0 { l2sum.sqrt() } else { l2sum };
            let denominator = l2norm.max(c);
            for x in g.iter_mut() {
                *x = *x * c / denominator;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn each_kernel_and_bias_is_clipped_on_its_own() {
        let config = OptimizerConfig::from_json(
            json!({"name": "sgd", "clipnorm": 1.0, "clipvalue": 0.1})
                .as_object()
                .unwrap(),
            "optimizer",
        )
        .unwrap();
        // 1 input → 2 units → 1 output: kernel 2, bias 2, kernel 2, bias 1.
        let (clip, rest) = ClipByVariable::split(&config, &[1, 2, 1]);
        let clip = clip.unwrap();
        assert_eq!(rest.get("clipnorm"), 0.0);
        assert_eq!(rest.get("clipvalue"), 0.0);
        let mut g = [3.0, 4.0, 0.3, 0.4, 0.0, 0.0, 2.0];
        clip.apply(&mut g);
        assert_eq!(g, [0.6, 0.8, 0.3, 0.4, 0.0, 0.0, 1.0]);
        let plain = OptimizerConfig::defaults("adam").unwrap();
        let (none, same) = ClipByVariable::split(&plain, &[1, 2, 1]);
        assert!(none.is_none());
        assert_eq!(same, plain);
    }
}
