//! The backprop view's handle: the lecture's two-weight network, its chain
//! rule's numbers, its loss J(w₁, w₂) drawn like the race view with a
//! gradient-descent path on it, and the slice of J along one weight with
//! the tangent the chain rule predicts.

use crate::labs::backprop::ChainNetwork;
use crate::landscape::{Landscape, Point};
use crate::nn::{Activation, ACTIVATIONS};
use crate::optim::{Optimizer, OptimizerConfig};
use crate::web::convert::{field_error, finite, learning_rate, set, whole};
use crate::web::draw::canvas::PixelPath;
use crate::web::draw::landscape_picture::LandscapePicture;
use crate::web::draw::marks;
use crate::web::draw::train_plot::{Axes, Scale, Surface};
use js_sys::{Array, Object};
use wasm_bindgen::prelude::*;

/// The slice's tangent (the chain rule's prediction) and the loss the
/// nudge actually reaches; the lecture's purple, red and blue stay with
/// the equations' factors.
const TANGENT: &str = "#009e73";
const ACTUAL: &str = "#d55e00";
/// The path and the current point.
const PATH: &str = "#e69f00";
/// Where a weight may be set: well past the plot, short of overflow.
const WEIGHT_LIMIT: f64 = 10.0;
/// The most steps one path keeps.
const MAX_PATH_STEPS: usize = 10_000;

#[wasm_bindgen]
pub struct ChainRuleLab {
    picture: LandscapePicture,
    network: ChainNetwork,
    weights: Point,
    /// Interleaved [w₁, w₂, …] from the path's start.
    path: Vec<f64>,
    optimizer: Optimizer,
}

fn in_range(x: f64, field: &str, limit: f64) -> Result<f64, JsError> {
    let x = finite(x, field)?;
    if x.abs() <= limit {
        Ok(x)
    } else {
        Err(field_error(
            field,
            format!("must be between −{limit} and {limit}, got {x}"),
        ))
    }
}

fn activation(name: &str) -> Result<Activation, JsError> {
    Activation::from_name(name).ok_or_else(|| {
        field_error(
            "activation",
            format!(
                "unknown activation “{}”; allowed: {}",
                name.chars().take(30).collect::<String>(),
                ACTIVATIONS.join(", ")
            ),
        )
    })
}

fn sgd() -> Optimizer {
    Optimizer::new(
        OptimizerConfig::defaults("sgd").expect("sgd exists"),
        None,
        2,
    )
}

#[wasm_bindgen]
impl ChainRuleLab {
    /// One example (x, y) in [−5, 5], an activation name, and the weights
    /// (w₁, w₂) in [−10, 10]; throws an Error naming a bad field.
    #[wasm_bindgen(constructor)]
    pub fn new(
        heat_canvas: JsValue,
        overlay_canvas: JsValue,
        x: f64,
        y: f64,
        activation_name: &str,
        w1: f64,
        w2: f64,
    ) -> Result<ChainRuleLab, JsError> {
        let network = ChainNetwork {
            x: in_range(x, "x", 5.0)?,
            y: in_range(y, "y", 5.0)?,
            activation: activation(activation_name)?,
        };
        let weights = [
            in_range(w1, "w1", WEIGHT_LIMIT)?,
            in_range(w2, "w2", WEIGHT_LIMIT)?,
        ];
        Ok(ChainRuleLab {
            picture: LandscapePicture::new(heat_canvas, overlay_canvas, network.window())?,
            network,
            weights,
            path: weights.to_vec(),
            optimizer: sgd(),
        })
    }

    fn restart_path(&mut self) {
        self.path = self.weights.to_vec();
        self.optimizer = sgd();
    }

    /// A new example; the path restarts from the current weights.
    pub fn set_example(&mut self, x: f64, y: f64) -> Result<(), JsError> {
        let (x, y) = (in_range(x, "x", 5.0)?, in_range(y, "y", 5.0)?);
        self.network.x = x;
        self.network.y = y;
        self.picture.invalidate();
        self.restart_path();
        Ok(())
    }

    /// A new activation g; the path restarts from the current weights.
    pub fn set_activation(&mut self, name: &str) -> Result<(), JsError> {
        self.network.activation = activation(name)?;
        self.picture.invalidate();
        self.restart_path();
        Ok(())
    }

    /// Moves the weights; the path restarts there.
    pub fn set_weights(&mut self, w1: f64, w2: f64) -> Result<(), JsError> {
        self.weights = [
            in_range(w1, "w1", WEIGHT_LIMIT)?,
            in_range(w2, "w2", WEIGHT_LIMIT)?,
        ];
        self.restart_path();
        Ok(())
    }

    /// The path back to its start, with a fresh optimizer.
    pub fn reset_path(&mut self) {
        self.weights = [self.path[0], self.path[1]];
        self.restart_path();
    }

    pub fn weights(&self) -> Array {
        self.weights.iter().map(|w| JsValue::from_f64(*w)).collect()
    }

    /// Steps since the path started.
    pub fn steps(&self) -> usize {
        self.path.len() / 2 - 1
    }

    /// Every number of the forward and backward pass at the current
    /// weights, and the finite-difference check of the gradient.
    pub fn values(&self) -> JsValue {
        let v = self.network.values(self.weights);
        let check = self.network.finite_differences(self.weights);
        let out: JsValue = Object::new().into();
        for (key, value) in [
            ("x", self.network.x),
            ("y", self.network.y),
            ("w1", self.weights[0]),
            ("w2", self.weights[1]),
            ("z1", v.z1),
            ("a1", v.a1),
            ("y_hat", v.y_hat),
            ("loss", v.loss),
            ("dloss_dyhat", v.dloss_dyhat),
            ("dyhat_dw2", v.dyhat_dw2),
            ("dyhat_dz1", v.dyhat_dz1),
            ("dz1_dw1", v.dz1_dw1),
            ("dloss_dw2", v.dloss_dw2),
            ("dloss_dw1", v.dloss_dw1),
            ("check_dw1", check[0]),
            ("check_dw2", check[1]),
        ] {
            set(&out, key, &value.into());
        }
        set(&out, "activation", &self.network.activation.name().into());
        out
    }

    /// Weight `which` (1 or 2) moved by `delta`: `{delta, actual,
    /// predicted, gap}`: the loss's change, the chain rule's ∂J/∂w·delta,
    /// and actual − predicted (which shrinks like delta²).
    pub fn nudge(&self, which: f64, delta: f64) -> Result<JsValue, JsError> {
        let which = whole(which, "which", 1, 2)? as usize - 1;
        let delta = in_range(delta, "delta", 5.0)?;
        let (actual, predicted) = self.network.nudge(self.weights, which, delta);
        let out: JsValue = Object::new().into();
        set(&out, "delta", &delta.into());
        set(&out, "actual", &actual.into());
        set(&out, "predicted", &predicted.into());
        set(&out, "gap", &(actual - predicted).into());
        Ok(out)
    }

    /// One gradient-descent step, w ← w − η·∇J, by Keras's SGD. Returns
    /// false, leaving the weights, if the step would take a weight past
    /// ±10 (where the page, the fields and the link can no longer follow:
    /// this is divergence here) or overflow, or if the path is full
    /// (`path_full` tells which).
    pub fn step(&mut self, learning_rate_: f64) -> Result<bool, JsError> {
        let lr = learning_rate(learning_rate_)?;
        if self.steps() >= MAX_PATH_STEPS {
            return Ok(false);
        }
        self.optimizer.set_learning_rate(lr);
        let mut w = self.weights;
        let g = self.network.gradient(w);
        let ok = self.optimizer.step(&mut w, &g)
            && w.iter().all(|c| c.abs() <= WEIGHT_LIMIT)
            && self.network.loss(w).is_finite();
        if ok {
            self.weights = w;
            self.path.extend_from_slice(&w);
        }
        Ok(ok)
    }

    /// Whether the path has reached its most steps, so `step` refuses.
    pub fn path_full(&self) -> bool {
        self.steps() >= MAX_PATH_STEPS
    }

    pub fn resize(&mut self, css_width: f64, css_height: f64, dpr: f64) -> Result<(), JsError> {
        self.picture.resize(css_width, css_height, dpr)
    }

    /// CSS pixels on the canvas to weights, or null outside the plot.
    pub fn to_world(&self, px: f64, py: f64) -> JsValue {
        self.picture.to_world(px, py)
    }

    /// J (when it changed), then the path, the current point and the
    /// −∇J arrow.
    pub fn draw(&mut self) -> Result<(), JsError> {
        let dpr = self.picture.dpr();
        let (ctx, viewport) = self.picture.begin_frame(&self.network)?;
        let mut line = PixelPath::new();
        for p in viewport.to_pixels(&self.path) {
            line.line_to(p);
        }
        if let Some(p) = line.build() {
            marks::cased_path(ctx, dpr, &p, PATH);
        }
        marks::start(ctx, dpr, viewport.to_pixel([self.path[0], self.path[1]]));
        let here = viewport.to_pixel(self.weights);
        // Longer for a steeper slope, and gone where the gradient is all
        // but zero, as the chain rule's numbers say.
        let g = self.network.gradient(self.weights);
        let norm = g[0].hypot(g[1]);
        let length = 56.0 * norm / (norm + 0.1);
        if length >= 6.0 {
            marks::arrow(ctx, dpr, here, g, length, "#222222");
        }
        marks::dot(ctx, dpr, here, PATH);
        ctx.restore();
        Ok(())
    }

    /// J against weight `which` (1 or 2), the other fixed: the curve, the
    /// tangent at the current weight (slope: the chain rule's ∂J/∂w), and
    /// the nudged weight w + `delta` on both.
    pub fn draw_slice(
        &self,
        canvas: JsValue,
        which: f64,
        css_width: f64,
        css_height: f64,
        device_pixel_ratio: f64,
        delta: f64,
    ) -> Result<(), JsError> {
        let which = whole(which, "which", 1, 2)? as usize - 1;
        let delta = in_range(delta, "delta", 5.0)?;
        let s = Surface::new(canvas, css_width, css_height, device_pixel_ratio)?;
        let w = self.weights[which];
        let v = self.network.values(self.weights);
        let slope = [v.dloss_dw1, v.dloss_dw2][which];
        let along = |t: f64| {
            let mut p = self.weights;
            p[which] = t;
            self.network.loss(p)
        };
        // Wide enough to show the nudge, and at least ±1.5 around w.
        let half = 1.5f64.max(delta.abs() * 1.3);
        let (low, high) = (w - half, w + half);
        const SAMPLES: usize = 240;
        let xs: Vec<f64> = (0..=SAMPLES)
            .map(|i| low + (high - low) * i as f64 / SAMPLES as f64)
            .collect();
        let curve: Vec<f64> = xs.iter().map(|&t| along(t)).collect();
        // The curve, and the tangent's nudged point even where it falls
        // below zero: that is when it most visibly misses.
        let predicted = v.loss + slope * delta;
        let top = curve
            .iter()
            .copied()
            .filter(|c| c.is_finite())
            .fold(0.0f64, f64::max)
            .max(predicted)
            .max(1e-6);
        let bottom = predicted.min(0.0);
        let pad = 0.06 * (top - bottom);
        let axes = Axes::inside(
            &s,
            Scale::linear(low, high),
            Scale::linear(bottom - pad, top + pad),
        );
        let name = ["w₁", "w₂"][which];
        axes.draw(&s, name, "J");
        axes.clip(&s.ctx);
        axes.line(
            &s.ctx,
            xs.iter().copied().zip(curve.iter().copied()),
            "#222222",
            s.px(2.0),
            None,
        );
        axes.line(
            &s.ctx,
            [low, high]
                .into_iter()
                .map(|t| (t, v.loss + slope * (t - w))),
            TANGENT,
            s.px(2.0),
            Some(s.px(7.0)),
        );
        let nudged = w + delta;
        if delta != 0.0 {
            let [px, _] = axes.at(nudged, 0.0);
            s.ctx.set_stroke_style_str("#9a9a9a");
            s.ctx.set_line_width(s.px(1.0));
            s.ctx.begin_path();
            s.ctx.move_to(px, axes.top);
            s.ctx.line_to(px, axes.top + axes.height);
            s.ctx.stroke();
        }
        axes.dot(&s.ctx, nudged, along(nudged), s.px(5.0), ACTUAL);
        axes.dot(&s.ctx, nudged, predicted, s.px(5.0), TANGENT);
        axes.dot(&s.ctx, w, v.loss, s.px(6.0), PATH);
        s.ctx.restore();
        Ok(())
    }
}
