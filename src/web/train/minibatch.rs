//! The mini-batch lab's handle: linear regression's exact loss J(w₀, w₁)
//! drawn like the race view, with full batch (B = N), SGD (B = 1) and a
//! mini-batch (B = k) walking it from one start; and its three small plots:
//! the cloud of mini-batch gradients around the true gradient, their
//! variance against B, and the measured time per epoch against B.

use crate::labs::minibatch::{
    gradient_cloud, gradient_variance, gradient_variance_exact, MiniBatchRun, RegressionData,
    RegressionLoss,
};
use crate::landscape::{Landscape, Point};
use crate::optim::OptimizerConfig;
use crate::web::convert::{field_error, finite, learning_rate, set, to_js, whole};
use crate::web::draw::canvas::{colours, racer_colour, PixelPath, INK};
use crate::web::draw::landscape_picture::LandscapePicture;
use crate::web::draw::marks;
use crate::web::draw::train_plot::{Axes, Marks, Scale, Surface};
use js_sys::Object;
use serde_json::json;
use wasm_bindgen::prelude::*;

/// Steps per run before the lab stops: enough to see every path settle.
pub const MAX_LAB_STEPS: usize = 5000;
/// Mini-batch gradients drawn for the cloud and the measured variance.
const CLOUD_SAMPLES: usize = 300;

#[wasm_bindgen]
pub struct MiniBatchLab {
    picture: LandscapePicture,
    loss: RegressionLoss,
    /// B = N, B = 1, B = k, in that order.
    runs: Vec<MiniBatchRun>,
    batch: usize,
    learning_rate: f64,
    seed: u64,
}

#[wasm_bindgen]
impl MiniBatchLab {
    /// `samples` points (2 to 1000) on y = 1 + 2x with noise σ = `noise`
    /// (0 to 2), a mini-batch size k (1 to `samples`), plain SGD's
    /// learning rate, and the seed of the data and the batches.
    #[wasm_bindgen(constructor)]
    pub fn new(
        heat_canvas: JsValue,
        overlay_canvas: JsValue,
        samples: f64,
        noise: f64,
        batch: f64,
        learning_rate_: f64,
        seed: f64,
    ) -> Result<MiniBatchLab, JsError> {
        let n = whole(samples, "samples", 2, 1000)? as usize;
        let noise = finite(noise, "noise")?;
        if !(0.0..=2.0).contains(&noise) {
            return Err(field_error(
                "noise",
                format!("must be in [0, 2], got {noise}"),
            ));
        }
        let batch = whole(batch, "batch_size", 1, n as u64)? as usize;
        let lr = learning_rate(learning_rate_)?;
        let seed = whole(seed, "seed", 0, u32::MAX as u64)?;
        let loss = RegressionLoss::new(RegressionData::generate(n, noise, seed));
        let mut lab = MiniBatchLab {
            picture: LandscapePicture::new(heat_canvas, overlay_canvas, loss.window())?,
            loss,
            runs: Vec::new(),
            batch,
            learning_rate: lr,
            seed,
        };
        lab.reset();
        Ok(lab)
    }

    /// All three runs back to the start.
    pub fn reset(&mut self) {
        let n = self.loss.data().len();
        let start = self.loss.start();
        let mut config = OptimizerConfig::defaults("sgd").expect("sgd exists");
        config.set("learning_rate", self.learning_rate);
        // Each run shuffles from its own stream: B = 1 and B = k must not
        // share a batch order by accident.
        self.runs = [n, 1, self.batch]
            .iter()
            .enumerate()
            .map(|(i, &b)| {
                MiniBatchRun::new(
                    &self.loss,
                    start,
                    b,
                    config.clone(),
                    self.seed + 1 + i as u64,
                )
            })
            .collect();
    }

    /// A new mini-batch size k; the runs restart.
    pub fn set_batch(&mut self, batch: f64) -> Result<(), JsError> {
        self.batch = whole(batch, "batch_size", 1, self.loss.data().len() as u64)? as usize;
        self.reset();
        Ok(())
    }

    /// Takes effect from the next step of every run.
    pub fn set_learning_rate(&mut self, lr: f64) -> Result<(), JsError> {
        self.learning_rate = learning_rate(lr)?;
        for r in &mut self.runs {
            r.set_learning_rate(self.learning_rate);
        }
        Ok(())
    }

    pub fn samples(&self) -> usize {
        self.loss.data().len()
    }

    /// Up to `n` more steps for each run still going; returns the steps.
    pub fn advance(&mut self, n: f64) -> Result<usize, JsError> {
        let n = finite(n, "n")?.clamp(0.0, MAX_LAB_STEPS as f64) as usize;
        let mut taken = 0;
        for r in &mut self.runs {
            for _ in 0..n {
                if r.steps() >= MAX_LAB_STEPS || !r.step(&self.loss) {
                    break;
                }
                taken += 1;
            }
        }
        Ok(taken)
    }

    pub fn all_finished(&self) -> bool {
        self.runs
            .iter()
            .all(|r| r.diverged() || r.steps() >= MAX_LAB_STEPS)
    }

    /// Per run: `{batch_size, steps, epochs, loss, point, diverged}`.
    pub fn summary(&self) -> JsValue {
        let runs: Vec<_> = self
            .runs
            .iter()
            .map(|r| {
                json!({
                    "batch_size": r.batch_size,
                    "steps": r.steps(),
                    "epochs": r.epochs(),
                    "loss": r.loss().last(),
                    "point": r.point(),
                    "diverged": r.diverged(),
                })
            })
            .collect();
        to_js(&json!(runs))
    }

    pub fn resize(&mut self, css_width: f64, css_height: f64, dpr: f64) -> Result<(), JsError> {
        self.picture.resize(css_width, css_height, dpr)
    }

    /// Draws J (when needed) and the three paths; `colors` has one CSS
    /// colour per run (B = N, B = 1, B = k).
    pub fn draw(&mut self, colors: JsValue) -> Result<(), JsError> {
        let dpr = self.picture.dpr();
        let (ctx, viewport) = self.picture.begin_frame(&self.loss)?;
        let colours = colours(colors);
        // B = N last, on top: it is the reference the others wander around.
        for i in [1, 2, 0] {
            let r = &self.runs[i];
            let colour = racer_colour(&colours, i);
            let mut line = PixelPath::new();
            for p in r.path().chunks_exact(2) {
                line.line_to(viewport.to_pixel([p[0], p[1]]));
            }
            if let Some(p) = line.build() {
                marks::cased_path(ctx, dpr, &p, colour);
            }
            marks::dot(ctx, dpr, viewport.to_pixel(r.point()), colour);
        }
        ctx.restore();
        Ok(())
    }

    /// The cloud at the B = k run's current point: `CLOUD_SAMPLES`
    /// mini-batch gradients of size k (coloured) over those of size 1
    /// (grey), around the true gradient (a black cross), on fixed axes set
    /// by the B = 1 cloud so the shrinking shows. Returns `{batch_size,
    /// variance, variance_exact, variance_sgd, point, gradient}`.
    #[allow(clippy::too_many_arguments)]
    pub fn draw_cloud(
        &self,
        canvas: JsValue,
        colour: &str,
        css_width: f64,
        css_height: f64,
        device_pixel_ratio: f64,
    ) -> Result<JsValue, JsError> {
        let s = Surface::new(canvas, css_width, css_height, device_pixel_ratio)?;
        let data = self.loss.data();
        let w = self.runs[2].point();
        let g = self.loss.gradient(w);
        let k = self.batch;
        let sgd = gradient_cloud(data, w, 1, CLOUD_SAMPLES, self.seed ^ 0xc10d);
        let cloud = gradient_cloud(data, w, k, CLOUD_SAMPLES, self.seed ^ 0xc10e);
        // Fixed by the B = 1 cloud: 2.5 times its root-mean-square spread
        // along each axis (the farthest outliers would squeeze the rest
        // into the centre).
        let rms = |k: usize| {
            (sgd.iter()
                .map(|c| (c[k] - g[k]).powi(2))
                .filter(|d| d.is_finite())
                .sum::<f64>()
                / sgd.len().max(1) as f64)
                .sqrt()
        };
        let (rx, ry) = ((2.5 * rms(0)).max(1e-9), (2.5 * rms(1)).max(1e-9));
        let axes = Axes::inside(
            &s,
            Scale::linear(g[0] - rx, g[0] + rx),
            Scale::linear(g[1] - ry, g[1] + ry),
        );
        axes.draw(&s, "∂J/∂w₀", "∂J/∂w₁");
        axes.clip(&s.ctx);
        let mut grey = Marks::circles(s.px(2.5));
        for c in &sgd {
            grey.add(axes.at(c[0], c[1]));
        }
        grey.draw(&s.ctx, "rgba(120,120,120,0.45)", None);
        let mut dots = Marks::circles(s.px(3.0));
        for c in &cloud {
            dots.add(axes.at(c[0], c[1]));
        }
        dots.draw(&s.ctx, colour, None);
        let [x, y] = axes.at(g[0], g[1]);
        let r = s.px(8.0);
        s.ctx.begin_path();
        s.ctx.move_to(x - r, y - r);
        s.ctx.line_to(x + r, y + r);
        s.ctx.move_to(x - r, y + r);
        s.ctx.line_to(x + r, y - r);
        s.ctx.set_stroke_style_str("#ffffff");
        s.ctx.set_line_width(s.px(5.0));
        s.ctx.stroke();
        s.ctx.set_stroke_style_str(INK);
        s.ctx.set_line_width(s.px(2.5));
        s.ctx.stroke();
        s.ctx.restore();

        let out: JsValue = Object::new().into();
        let mean_spread = |c: &[Point]| {
            c.iter()
                .map(|c| (c[0] - g[0]).powi(2) + (c[1] - g[1]).powi(2))
                .sum::<f64>()
                / c.len().max(1) as f64
        };
        set(&out, "batch_size", &(k as f64).into());
        set(&out, "variance", &mean_spread(&cloud).into());
        set(
            &out,
            "variance_exact",
            &gradient_variance_exact(data, w, k).into(),
        );
        set(&out, "variance_sgd", &mean_spread(&sgd).into());
        set(&out, "point", &crate::web::convert::pair(w).into());
        set(&out, "gradient", &crate::web::convert::pair(g).into());
        Ok(out)
    }

    /// Variance of the mini-batch gradient against B on log–log axes, at
    /// the B = k run's current point: the exact (N − B)/(B(N − 1))·σ₁²
    /// curve, measured values at powers of two, the 1/B line for
    /// reference, and the current k ringed. B = N (no noise) is off a log
    /// scale and not drawn.
    pub fn draw_variance(
        &self,
        canvas: JsValue,
        colour: &str,
        css_width: f64,
        css_height: f64,
        device_pixel_ratio: f64,
    ) -> Result<(), JsError> {
        let s = Surface::new(canvas, css_width, css_height, device_pixel_ratio)?;
        let data = self.loss.data();
        let n = data.len();
        let w = self.runs[2].point();
        let single = gradient_variance_exact(data, w, 1);
        let top_b = (n - 1).max(1);
        let low = gradient_variance_exact(data, w, top_b).max(single * 1e-6);
        let axes = Axes::inside(
            &s,
            Scale::log(1.0, top_b as f64 * 1.2),
            Scale::log(low / 2.0, single * 2.0),
        );
        axes.draw(&s, "batch size B (log)", "E‖ĝ − ∇J‖² (log)");
        axes.clip(&s.ctx);
        let samples = 60;
        let curve = (0..=samples).map(|i| {
            let b = (top_b as f64)
                .powf(i as f64 / samples as f64)
                .round()
                .max(1.0);
            (b, gradient_variance_exact(data, w, b as usize))
        });
        let reference = [(1.0, single), (top_b as f64, single / top_b as f64)];
        axes.line(
            &s.ctx,
            reference.into_iter(),
            "#888888",
            s.px(1.5),
            Some(s.px(5.0)),
        );
        axes.line(&s.ctx, curve, INK, s.px(2.0), None);
        let mut b = 1;
        while b < n {
            let v = gradient_variance(data, w, b, 200, self.seed ^ b as u64);
            axes.dot(&s.ctx, b as f64, v, s.px(4.0), colour);
            b *= 2;
        }
        if self.batch < n {
            let v = gradient_variance_exact(data, w, self.batch);
            let [x, y] = axes.at(self.batch as f64, v);
            s.ctx.begin_path();
            let _ = s.ctx.arc(x, y, s.px(8.0), 0.0, std::f64::consts::TAU);
            s.ctx.set_stroke_style_str(colour);
            s.ctx.set_line_width(s.px(2.5));
            s.ctx.stroke();
        }
        s.ctx.restore();
        Ok(())
    }
}

/// Time per epoch against batch size: `batches[i]` took `ms[i]` per epoch.
#[wasm_bindgen]
pub fn draw_epoch_times(
    canvas: JsValue,
    batches: &[f64],
    ms: &[f64],
    colour: &str,
    css_width: f64,
    css_height: f64,
    device_pixel_ratio: f64,
) -> Result<(), JsError> {
    let s = Surface::new(canvas, css_width, css_height, device_pixel_ratio)?;
    let points: Vec<(f64, f64)> = batches
        .iter()
        .zip(ms)
        .map(|(&b, &t)| (b, t))
        .filter(|(b, t)| b.is_finite() && *b >= 1.0 && t.is_finite() && *t > 0.0)
        .collect();
    let (b_hi, t_hi) = points
        .iter()
        .fold((2.0f64, 0.0f64), |(b, t), p| (b.max(p.0), t.max(p.1)));
    let t_lo = points.iter().map(|p| p.1).fold(f64::INFINITY, f64::min);
    let axes = Axes::inside(
        &s,
        Scale::log(0.8, b_hi * 1.25),
        Scale::log(t_lo / 1.5, if t_hi > 0.0 { t_hi * 1.5 } else { 1.0 }),
    );
    axes.draw(&s, "batch size B (log)", "ms per epoch (log)");
    axes.clip(&s.ctx);
    axes.line(&s.ctx, points.iter().copied(), colour, s.px(2.5), None);
    for &(b, t) in &points {
        axes.dot(&s.ctx, b, t, s.px(4.5), colour);
    }
    s.ctx.restore();
    Ok(())
}
