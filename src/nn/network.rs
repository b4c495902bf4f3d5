//! A multilayer perceptron on nalgebra: forward pass, loss, and
//! backpropagation by the chain rule, over a mini-batch at a time.
//!
//! Shapes: a batch is a matrix with one column per sample. Layer l has
//! weights Wₗ (nₗ₊₁ × nₗ) and biases bₗ (nₗ₊₁), and computes
//!
//! ```text
//! zₗ = Wₗ·aₗ₋₁ + bₗ,   aₗ = σ(zₗ)   (hidden layers; inverted dropout on aₗ)
//! ŷ  = z_L              (regression, loss = mean (ŷ − y)²)
//! p  = sigmoid(z_L)     (classification, loss = binary cross-entropy)
//! ```
//!
//! and backprop runs the lecture's chain rule layer by layer:
//!
//! ```text
//! δ_L = ∂J/∂z_L          = (1/B)·2(ŷ − y)  or  (p − y)/B
//! ∂J/∂Wₗ = δₗ·aₗ₋₁ᵀ + l2·2Wₗ,   ∂J/∂bₗ = Σ_batch δₗ
//! δₗ₋₁ = (Wₗᵀ·δₗ) ⊙ mask ⊙ σ'(zₗ₋₁)
//! ```
//!
//! The L2 penalty is Keras's `kernel_regularizer=L2(l2)` on every layer:
//! l2·Σw² over the kernels (not the biases), added to the loss per layer
//! as Keras adds `model.losses`, so it adds l2·2W to the gradient.
//!
//! Binary cross-entropy is computed from the logit z, as Keras 3 computes
//! `binary_crossentropy(from_logits=False)` on a sigmoid output: its
//! sigmoid keeps the logits on the output tensor (`_keras_logits`), and the
//! loss uses them, `tf.nn.sigmoid_cross_entropy_with_logits`, so nothing is
//! clipped to [ε, 1 − ε] (checked against Keras 3.15: a logit of 40 on the
//! wrong side costs 40, not −ln 1e-7 ≈ 16.1, and its gradient is not 0).

use super::activation::{sigmoid, Activation};
use super::elementary::{exp_ratio, ln_1p_ratio};
use super::keras_weights::{self, DenseWeights};
use super::products::{outer_sum, product, transpose};
use crate::random::normal;
use nalgebra::{DMatrix, DMatrixView};
use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};

/// The loss a network is trained on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Loss {
    /// Mean squared error, for regression; the output unit is linear.
    MeanSquaredError,
    /// Binary cross-entropy, for two classes; the output unit is a sigmoid.
    /// Computed from the logit, so it never takes log(0).
    BinaryCrossentropy,
}

/// How the initial weights are drawn (biases start at 0, as in Keras).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Initializer {
    /// Keras's default, `glorot_uniform`: U(−r, r), r = √(6/(fan_in + fan_out)).
    GlorotUniform,
    /// `he_normal` without truncation: N(0, 2/fan_in).
    HeNormal,
}

/// The initializer names a spec may use (the first is the default).
pub const INITIALIZERS: &[&str] = &["glorot_uniform", "he_normal"];

impl Initializer {
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "glorot_uniform" | "glorot" => Some(Initializer::GlorotUniform),
            "he_normal" | "he" => Some(Initializer::HeNormal),
            _ => None,
        }
    }
}

/// The network's shape and its weights.
#[derive(Clone, Debug, PartialEq)]
pub struct Network {
    /// Units per layer, input first, output last (always 1 output).
    sizes: Vec<usize>,
    activation: Activation,
    loss: Loss,
    /// Per hidden layer, the inverted-dropout rate p.
    dropout: f64,
    /// Keras's `L2(l2)` factor on every kernel.
    l2: f64,
    /// All weights and biases: W₀ (column-major), b₀, W₁, b₁, …
    params: Vec<f64>,
}

/// Buffers for one batch size, allocated once and reused every batch.
pub struct Workspace {
    batch: usize,
    /// zₗ per layer.
    z: Vec<DMatrix<f64>>,
    /// aₗ per layer (after dropout), input not included.
    a: Vec<DMatrix<f64>>,
    /// Dropout masks, already scaled by 1/(1 − p).
    mask: Vec<DMatrix<f64>>,
    delta: Vec<DMatrix<f64>>,
    /// Each sample's loss, summed once the vectorized pass has filled it.
    terms: Vec<f64>,
    /// Wₗᵀ, for the backward product.
    transposed: Vec<f64>,
}

impl Network {
    /// A network with `hidden` units per hidden layer, for `inputs` inputs,
    /// with weights drawn from `seed`.
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        inputs: usize,
        hidden: &[usize],
        activation: Activation,
        loss: Loss,
        dropout: f64,
        l2: f64,
        initializer: Initializer,
        seed: u64,
    ) -> Self {
        let mut sizes = vec![inputs];
        sizes.extend_from_slice(hidden);
        sizes.push(1);
        let count = (0..sizes.len() - 1)
            .map(|l| sizes[l + 1] * sizes[l] + sizes[l + 1])
            .sum();
        let mut net = Network {
            sizes,
            activation,
            loss,
            dropout,
            l2,
            params: vec![0.0; count],
        };
        let mut rng = StdRng::seed_from_u64(seed);
        for l in 0..net.layers() {
            let (fan_in, fan_out) = (net.sizes[l], net.sizes[l + 1]);
            let (w, _) = net.offsets(l);
            for p in &mut net.params[w..w + fan_in * fan_out] {
                *p = match initializer {
                    Initializer::GlorotUniform => {
                        let r = (6.0 / (fan_in + fan_out) as f64).sqrt();
                        (rng.random::<f64>() * 2.0 - 1.0) * r
                    }
                    Initializer::HeNormal => normal(&mut rng) * (2.0 / fan_in as f64).sqrt(),
                };
            }
        }
        net
    }

    pub fn layers(&self) -> usize {
        self.sizes.len() - 1
    }

    pub fn sizes(&self) -> &[usize] {
        &self.sizes
    }

    pub fn activation(&self) -> Activation {
        self.activation
    }

    pub fn loss_kind(&self) -> Loss {
        self.loss
    }

    pub fn params(&self) -> &[f64] {
        &self.params
    }

    pub fn params_mut(&mut self) -> &mut [f64] {
        &mut self.params
    }

    pub fn set_params(&mut self, params: &[f64]) {
        self.params.copy_from_slice(params);
    }

    /// Start of Wₗ and of bₗ in the flat parameters.
    pub fn offsets(&self, l: usize) -> (usize, usize) {
        let mut o = 0;
        for k in 0..l {
            o += self.sizes[k + 1] * self.sizes[k] + self.sizes[k + 1];
        }
        (o, o + self.sizes[l + 1] * self.sizes[l])
    }

    /// Wₗ as an nₗ₊₁ × nₗ matrix view.
    pub fn weights(&self, l: usize) -> DMatrixView<'_, f64> {
        let (w, b) = self.offsets(l);
        DMatrixView::from_slice(&self.params[w..b], self.sizes[l + 1], self.sizes[l])
    }

    /// Wₗ's entries, column-major.
    fn weight_slice(&self, l: usize) -> &[f64] {
        let (w, b) = self.offsets(l);
        &self.params[w..b]
    }

    pub fn biases(&self, l: usize) -> &[f64] {
        let (_, b) = self.offsets(l);
        &self.params[b..b + self.sizes[l + 1]]
    }

    pub fn workspace(&self, batch: usize) -> Workspace {
        let per_layer = |l: usize| DMatrix::zeros(self.sizes[l + 1], batch);
        Workspace {
            batch,
            z: (0..self.layers()).map(per_layer).collect(),
            a: (0..self.layers()).map(per_layer).collect(),
            mask: (0..self.layers()).map(per_layer).collect(),
            delta: (0..self.layers()).map(per_layer).collect(),
            terms: vec![0.0; batch],
            transposed: Vec::new(),
        }
    }

    /// Forward pass over the columns of `x`. With `dropout_rng`, hidden
    /// activations are dropped (training); without, they are not
    /// (inference). Returns the output layer's z (logits or predictions).
    pub fn forward<'w>(
        &self,
        x: &DMatrix<f64>,
        ws: &'w mut Workspace,
        dropout_rng: Option<&mut StdRng>,
    ) -> &'w DMatrix<f64> {
        debug_assert_eq!(x.ncols(), ws.batch);
        let last = self.layers() - 1;
        let mut rng = dropout_rng;
        for l in 0..self.layers() {
            let b = self.biases(l);
            let (before, rest) = ws.a.split_at_mut(l);
            let input = if l == 0 { x } else { &before[l - 1] };
            product(
                self.weight_slice(l),
                self.sizes[l + 1],
                Some(b),
                input.as_slice(),
                ws.z[l].as_mut_slice(),
            );
            if l == last {
                continue;
            }
            self.activation
                .apply(ws.z[l].as_slice(), rest[0].as_mut_slice());
            let drop = match (&mut rng, self.dropout > 0.0) {
                (Some(r), true) => Some(r),
                _ => None,
            };
            if let Some(r) = drop {
                let keep = 1.0 - self.dropout;
                for (m, a) in ws.mask[l].iter_mut().zip(rest[0].iter_mut()) {
                    *m = if r.random::<f64>() < keep {
                        1.0 / keep
                    } else {
                        0.0
                    };
                    *a *= *m;
                }
            } else if self.dropout > 0.0 {
                // Inference: every unit kept (the mask is only read when
                // dropout is on).
                ws.mask[l].fill(1.0);
            }
        }
        &ws.z[last]
    }

    /// The loss of the last forward pass against targets `y` (one per
    /// column), without the L2 term.
    pub fn data_loss(&self, ws: &mut Workspace, y: &[f64]) -> f64 {
        let last = self.layers() - 1;
        output_terms(
            self.loss,
            ws.z[last].as_slice(),
            y,
            &mut ws.terms,
            ws.delta[last].as_mut_slice(),
        );
        ws.terms.iter().sum::<f64>() / y.len() as f64
    }

    /// Σₗ l2·Σw² over the kernels: Keras's `sum(model.losses)`, one
    /// `L2(l2)` term per Dense layer, added in layer order.
    pub fn l2_penalty(&self) -> f64 {
        if self.l2 == 0.0 {
            return 0.0;
        }
        (0..self.layers())
            .map(|l| self.l2 * self.weight_slice(l).iter().map(|w| w * w).sum::<f64>())
            .sum()
    }

    /// The weights in Keras's `model.get_weights()` order.
    pub fn keras_weights(&self) -> Vec<DenseWeights> {
        keras_weights::to_keras(&self.sizes, &self.params)
    }

    /// Backpropagation after a forward pass on `x`: writes ∂J/∂θ into
    /// `grad` (same layout as the parameters) and returns J, the batch loss
    /// including the L2 term.
    pub fn backward(
        &self,
        x: &DMatrix<f64>,
        y: &[f64],
        ws: &mut Workspace,
        grad: &mut [f64],
    ) -> f64 {
        let last = self.layers() - 1;
        let batch = ws.batch as f64;
        output_terms(
            self.loss,
            ws.z[last].as_slice(),
            y,
            &mut ws.terms,
            ws.delta[last].as_mut_slice(),
        );
        let total: f64 = ws.terms.iter().sum();
        let loss = total / batch + self.l2_penalty();
        for l in (0..self.layers()).rev() {
            let (w_off, b_off) = self.offsets(l);
            let (rows, cols) = (self.sizes[l + 1], self.sizes[l]);
            {
                let input = if l == 0 { x } else { &ws.a[l - 1] };
                let (gw, gb) = grad[w_off..b_off + rows].split_at_mut(rows * cols);
                // ∂J/∂W = δ·aᵀ and ∂J/∂b = Σ δ, summed over the batch.
                outer_sum(ws.delta[l].as_slice(), input.as_slice(), gw, gb);
                if self.l2 != 0.0 {
                    // ∂(l2·Σw²)/∂w as TensorFlow's chain rule forms it.
                    for (g, w) in gw.iter_mut().zip(self.weight_slice(l)) {
                        *g += self.l2 * (2.0 * w);
                    }
                }
            }
            if l == 0 {
                break;
            }
            // δₗ₋₁ = (Wᵀ·δₗ) ⊙ mask ⊙ σ'(zₗ₋₁).
            let (lower, upper) = ws.delta.split_at_mut(l);
            transpose(self.weight_slice(l), rows, &mut ws.transposed);
            product(
                &ws.transposed,
                cols,
                None,
                upper[0].as_slice(),
                lower[l - 1].as_mut_slice(),
            );
            let act = self.activation;
            let delta = lower[l - 1].as_mut_slice();
            let (z, a) = (ws.z[l - 1].as_slice(), ws.a[l - 1].as_slice());
            if self.dropout == 0.0 {
                act.chain(z, a, delta);
            } else {
                for (((d, z), a), m) in delta
                    .iter_mut()
                    .zip(z)
                    .zip(a)
                    .zip(ws.mask[l - 1].as_slice())
                {
                    // a = σ(z)·m, so σ(z) = a/m where the unit was kept;
                    // where it was dropped, m = 0 zeroes δ anyway.
                    let s = if *m != 0.0 { a / m } else { 0.0 };
                    *d *= m * act.derivative(*z, s);
                }
            }
        }
        loss
    }

    /// The output layer's z (logits or predictions) of the last forward
    /// pass through `ws`.
    pub fn output<'w>(&self, ws: &'w Workspace) -> &'w [f64] {
        ws.z[self.layers() - 1].as_slice()
    }

    /// Hidden layer `l`'s activations (after dropout) of the last forward
    /// pass through `ws`, one column per sample.
    pub fn hidden_activations<'w>(&self, ws: &'w Workspace, l: usize) -> &'w [f64] {
        ws.a[l].as_slice()
    }

    /// The batch size `ws` was made for.
    pub fn workspace_batch(ws: &Workspace) -> usize {
        ws.batch
    }

    /// Inference on the columns of `x`: the prediction ŷ (regression) or
    /// the probability of class 1 (classification), per column.
    pub fn predict(&self, x: &DMatrix<f64>) -> Vec<f64> {
        let mut ws = self.workspace(x.ncols());
        let out = self.forward(x, &mut ws, None);
        out.iter()
            .map(|z| match self.loss {
                Loss::MeanSquaredError => *z,
                Loss::BinaryCrossentropy => sigmoid(*z),
            })
            .collect()
    }

    /// Inference that keeps every unit's activation: one matrix per layer
    /// (hidden units then the output), one column per input column. The
    /// output row holds ŷ or p as in `predict`.
    pub fn activations(&self, x: &DMatrix<f64>) -> Vec<DMatrix<f64>> {
        let mut ws = self.workspace(x.ncols());
        self.forward(x, &mut ws, None);
        let last = self.layers() - 1;
        let mut out: Vec<DMatrix<f64>> = ws.a[..last].to_vec();
        out.push(ws.z[last].map(|z| match self.loss {
            Loss::MeanSquaredError => z,
            Loss::BinaryCrossentropy => sigmoid(z),
        }));
        out
    }
}

/// Each sample's loss, and δ_L = ∂J/∂z_L for the mean over the batch:
/// for cross-entropy both come from the same e^(−|z|), one exp per sample.
/// Two plain loops without calls or branches, so both vectorize; the sum
/// is left to the caller (a float sum would not).
fn output_terms(loss: Loss, z: &[f64], y: &[f64], terms: &mut [f64], delta: &mut [f64]) {
    let n = y.len() as f64;
    // The mean's 1/B, rounded once, as the gradient of Keras's
    // sum-over-batch-size reduction carries it.
    let inverse = 1.0 / n;
    let samples = terms.iter_mut().zip(delta.iter_mut()).zip(z.iter().zip(y));
    match loss {
        Loss::MeanSquaredError => {
            for ((term, d), (z, t)) in samples {
                *term = (z - t) * (z - t);
                *d = inverse * (2.0 * (z - t));
            }
        }
        Loss::BinaryCrossentropy => {
            for ((term, d), (&z, &t)) in samples {
                // e^(−|z|) = num/den; softplus and sigmoid both take it
                // in parts, so there is one division each.
                let (num, den) = exp_ratio(-z.abs());
                *term = z.max(0.0) - z * t + ln_1p_ratio(num, den);
                let p = (if z >= 0.0 { den } else { num }) / (den + num);
                *d = (p - t) / n;
            }
        }
    }
}
