//! The backprop view's handle around the engine's `BackpropLab`: the lecture's
//! two-weight network, its chain rule's numbers, its loss J(w₁, w₂) drawn
//! like the race view with the gradient-descent path on it, and the slice
//! of J along one weight with the tangent the chain rule predicts.

use crate::labs::backprop::{self, BackpropLab, Weight};
use crate::landscape::Landscape;
use crate::render::polyline::clip_to_box;
use crate::web::convert::{error, set, whole};
use crate::web::draw::canvas::PixelPath;
use crate::web::draw::chart::{chart_error, hex, Axis, Surface, INK};
use crate::web::draw::landscape_picture::{LandscapePicture, Resizing, FULL};
use crate::web::draw::marks;
use js_sys::{Array, Object};
use plotters::prelude::*;
use wasm_bindgen::prelude::*;

/// The slice's tangent (the chain rule's prediction) and the loss the
/// nudge actually reaches; the lecture's purple, red and blue stay with
/// the equations' factors.
const TANGENT: &str = "#009e73";
const ACTUAL: &str = "#d55e00";
/// The path and the current point.
const PATH: &str = "#e69f00";
/// The line at the nudged weight.
const NUDGED: &str = "#9a9a9a";

/// The engine's `BackpropLab`, and the picture of its loss.
#[wasm_bindgen]
pub struct ChainRuleLab {
    picture: LandscapePicture,
    lab: BackpropLab,
}

crate::web::draw::picture_handle::picture_methods!(ChainRuleLab);

/// Weight 1 or 2, as the page numbers them.
fn weight(which: f64) -> Result<Weight, JsError> {
    let n = whole(which, "which", 1, 2)?;
    Ok(Weight::from_number(n).expect("1 or 2"))
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
        activation_name: JsValue,
        w1: f64,
        w2: f64,
    ) -> Result<ChainRuleLab, JsError> {
        let name = crate::web::convert::string(&activation_name, "activation")?;
        let activation = backprop::activation(&name).map_err(error)?;
        let lab = BackpropLab::new(x, y, activation, [w1, w2]).map_err(error)?;
        Ok(ChainRuleLab {
            picture: LandscapePicture::new(
                heat_canvas,
                overlay_canvas,
                lab.network().window(),
                FULL,
                Resizing::Refit,
            )?,
            lab,
        })
    }

    /// A new example; the path restarts from the current weights.
    pub fn set_example(&mut self, x: JsValue, y: JsValue) -> Result<(), JsError> {
        let x = crate::web::convert::number(&x, "x")?;
        let y = crate::web::convert::number(&y, "y")?;
        self.lab.set_example(x, y).map_err(error)?;
        self.picture.invalidate();
        Ok(())
    }

    /// A new activation g; the path restarts from the current weights.
    pub fn set_activation(&mut self, name: JsValue) -> Result<(), JsError> {
        let name = crate::web::convert::string(&name, "activation")?;
        let activation = backprop::activation(&name).map_err(error)?;
        self.lab.set_activation(activation);
        self.picture.invalidate();
        Ok(())
    }

    /// Moves the weights; the path restarts there.
    pub fn set_weights(&mut self, w1: JsValue, w2: JsValue) -> Result<(), JsError> {
        let w1 = crate::web::convert::number(&w1, "w1")?;
        let w2 = crate::web::convert::number(&w2, "w2")?;
        self.lab.set_weights([w1, w2]).map_err(error)
    }

    /// The path back to its start, with a fresh optimizer.
    pub fn reset_path(&mut self) {
        self.lab.reset_path();
    }

    pub fn weights(&self) -> Array {
        self.lab
            .weights()
            .iter()
            .map(|w| JsValue::from_f64(*w))
            .collect()
    }

    /// Steps since the path started.
    pub fn steps(&self) -> usize {
        self.lab.steps()
    }

    /// Every number of the forward and backward pass at the current
    /// weights, and the finite-difference check of the gradient.
    pub fn values(&self) -> JsValue {
        let network = self.lab.network();
        let w = self.lab.weights();
        let v = self.lab.values();
        let check = self.lab.finite_differences();
        let out: JsValue = Object::new().into();
        for (key, value) in [
            ("x", network.x),
            ("y", network.y),
            ("w1", w[0]),
            ("w2", w[1]),
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
        set(&out, "activation", &network.activation.name().into());
        out
    }

    /// Weight `which` (1 or 2) moved by `delta`: `{delta, actual,
    /// predicted, gap}`: the loss's change, the chain rule's ∂J/∂w·delta,
    /// and actual − predicted (which shrinks like delta²).
    pub fn nudge(&self, which: JsValue, delta: JsValue) -> Result<JsValue, JsError> {
        let which = crate::web::convert::number(&which, "which")?;
        let delta = crate::web::convert::number(&delta, "delta")?;
        let n = self.lab.nudge(weight(which)?, delta).map_err(error)?;
        let out: JsValue = Object::new().into();
        set(&out, "delta", &n.delta.into());
        set(&out, "actual", &n.actual.into());
        set(&out, "predicted", &n.predicted.into());
        set(&out, "gap", &n.gap.into());
        Ok(out)
    }

    /// One gradient-descent step, w ← w − η·∇J, by Keras's SGD. Returns
    /// false, leaving the weights, if the step would take a weight past
    /// ±10 (where the page, the fields and the link can no longer follow:
    /// this is divergence here) or overflow, if the path is full, or if it
    /// has converged (`path_full` and `convergence` tell which).
    pub fn step(&mut self, learning_rate: JsValue) -> Result<bool, JsError> {
        let learning_rate = crate::web::convert::number(&learning_rate, "learning_rate")?;
        self.lab.step(learning_rate).map_err(error)
    }

    /// The path's spec for `keras_code`; before the first step, the path
    /// Play would walk at `learning_rate`.
    pub fn keras_spec(&self, learning_rate: JsValue) -> Result<JsValue, JsError> {
        let learning_rate = crate::web::convert::number(&learning_rate, "learning_rate")?;
        let spec = self.lab.keras_spec(learning_rate).map_err(error)?;
        Ok(crate::web::convert::to_js(&spec))
    }

    /// Whether the path has reached its most steps, so `step` refuses.
    pub fn path_full(&self) -> bool {
        self.lab.path_full()
    }

    /// Null while the path runs; once it has converged, `{step, rule}`:
    /// the step, and the rule met (‖∇J‖ < 1e-8 or J < 1e-20). A converged
    /// path takes no more steps (`step` returns false) until the weights,
    /// the example or g change, so Play stops there.
    pub fn convergence(&self) -> JsValue {
        match self.lab.converged() {
            None => JsValue::NULL,
            Some(c) => {
                let out: JsValue = Object::new().into();
                set(&out, "step", &(c.step() as f64).into());
                set(&out, "rule", &c.rule().into());
                out
            }
        }
    }

    /// CSS pixels on the canvas to weights, or null outside the plot.
    pub fn to_world(&self, px: JsValue, py: JsValue) -> JsValue {
        // Not a number: outside the plot, as a NaN pixel is.
        let px = px.as_f64().unwrap_or(f64::NAN);
        let py = py.as_f64().unwrap_or(f64::NAN);
        self.picture.to_world(px, py)
    }

    /// J (when it changed), then the path, the current point and the
    /// −∇J arrow.
    pub fn draw(&mut self) -> Result<(), JsError> {
        let dpr = self.picture.dpr();
        let (ctx, viewport) = self.picture.begin_frame(self.lab.network())?;
        let mut line = PixelPath::new();
        for p in viewport.to_pixels(self.lab.path()) {
            line.line_to(p);
        }
        if let Some(p) = line.build() {
            marks::cased_path(ctx, dpr, &p, PATH);
        }
        marks::start(ctx, dpr, viewport.to_pixel(self.lab.start()));
        let here = viewport.to_pixel(self.lab.weights());
        // Longer for a steeper slope, and gone where the gradient is all
        // but zero, as the chain rule's numbers say: under ~0.012, or under
        // a thousandth of the path's first ‖∇J‖, where its direction is
        // rounding noise.
        let g = self.lab.gradient();
        let norm = g[0].hypot(g[1]);
        let first = self
            .lab
            .trajectory()
            .gradient_norm()
            .first()
            .copied()
            .unwrap_or(norm);
        let length = 56.0 * norm / (norm + 0.1);
        if length >= 6.0 && norm >= 1e-3 * first {
            marks::arrow(ctx, dpr, here, g, length, "#222222");
        }
        marks::dot(ctx, dpr, here, PATH);
        ctx.restore();
        Ok(())
    }

    /// J against weight `which` (1 or 2), the other fixed: the curve, the
    /// tangent at the current weight (slope: the chain rule's ∂J/∂w), and
    /// the nudged weight w + `delta` on both, as the engine's `Slice` says.
    pub fn draw_slice(
        &self,
        canvas: JsValue,
        which: JsValue,
        css_width: JsValue,
        css_height: JsValue,
        device_pixel_ratio: JsValue,
        delta: JsValue,
    ) -> Result<(), JsError> {
        let which = crate::web::convert::number(&which, "which")?;
        let delta = crate::web::convert::number(&delta, "delta")?;
        let which = weight(which)?;
        let slice = self.lab.slice(which, delta).map_err(error)?;
        let s = Surface::from_js(canvas, &css_width, &css_height, &device_pixel_ratio)?;
        let x = Axis::linear(slice.x_range[0], slice.x_range[1]);
        let y = Axis::linear(slice.y_range[0], slice.y_range[1]);
        let Some(mut plot) = s.plot(x.clone(), y.clone(), slice.weight.name(), "J")? else {
            return s.present();
        };
        let curve = slice
            .curve
            .iter()
            .filter(|p| p[1].is_finite())
            .map(|p| (p[0], p[1]));
        plot.draw_series(LineSeries::new(curve, s.stroke(INK, 2.0)))
            .map_err(chart_error)?;
        // A steep tangent leaves the plot through its top or bottom.
        let [a, b] = slice.tangent;
        if let Some([a, b]) = clip_to_box(a, b, x.ends(), y.ends()) {
            let tangent = [(a[0], a[1]), (b[0], b[1])];
            plot.draw_series(s.dashed(tangent, s.stroke(hex(TANGENT), 2.0), 7.0))
                .map_err(chart_error)?;
        }
        if slice.delta != 0.0 {
            let ends = y.ends().map(|j| (slice.nudged, j));
            plot.draw_series(LineSeries::new(ends, s.stroke(hex(NUDGED), 1.0)))
                .map_err(chart_error)?;
        }
        for (w, j, r, colour) in [
            (slice.nudged, slice.actual, 5.0, ACTUAL),
            (slice.nudged, slice.predicted, 5.0, TANGENT),
            (slice.at, slice.loss, 6.0, PATH),
        ] {
            if x.holds(w) && y.holds(j) {
                let dot = Circle::new((w, j), s.px(r), hex(colour).filled());
                plot.draw_series(std::iter::once(dot))
                    .map_err(chart_error)?;
            }
        }
        s.frame(&plot)?;
        s.present()
    }
}
