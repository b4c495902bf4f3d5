//! The mini-batch lab's handle around the engine's `MiniBatchLab`: linear
//! regression's exact loss J(w₀, w₁) drawn like the race view, with full
//! batch (B = N), SGD (B = 1) and a mini-batch (B = k) walking it from one
//! start; and its three small plots, the cloud of mini-batch gradients
//! around the true gradient, their variance against B, and the measured
//! time per epoch against B, each drawn from the engine's numbers.

use crate::labs::minibatch::{self, epoch_times, MAX_SAMPLES, MAX_SEED, MIN_SAMPLES};
use crate::landscape::Landscape;
use crate::web::convert::{error, finite, pair, set, to_js, whole};
use crate::web::draw::canvas::{colours, racer_colour, PixelPath};
use crate::web::draw::chart::{chart_error, hex, Axis, Plot, Surface, INK};
use crate::web::draw::landscape_picture::{LandscapePicture, Resizing, FULL};
use crate::web::draw::marks;
use js_sys::Object;
use plotters::prelude::*;
use serde_json::Value;
use wasm_bindgen::prelude::*;

/// The engine's `MiniBatchLab`, and the picture of its loss.
#[wasm_bindgen]
pub struct MiniBatchLab {
    picture: LandscapePicture,
    lab: minibatch::MiniBatchLab,
}

crate::web::draw::picture_handle::picture_methods!(MiniBatchLab);

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
        learning_rate: f64,
        seed: f64,
    ) -> Result<MiniBatchLab, JsError> {
        let n = whole(samples, "samples", MIN_SAMPLES as u64, MAX_SAMPLES as u64)? as usize;
        let noise = finite(noise, "noise")?;
        let batch = whole(batch, "batch_size", 1, n as u64)? as usize;
        let seed = whole(seed, "seed", 0, MAX_SEED)?;
        let lab =
            minibatch::MiniBatchLab::new(n, noise, batch, learning_rate, seed).map_err(error)?;
        Ok(MiniBatchLab {
            picture: LandscapePicture::new(
                heat_canvas,
                overlay_canvas,
                lab.landscape().window(),
                FULL,
                Resizing::Refit,
            )?,
            lab,
        })
    }

    /// The three runs' `train` specs (B = N, B = 1, B = k), for
    /// `keras_code`.
    pub fn keras_specs(&self) -> JsValue {
        to_js(&serde_json::Value::Array(self.lab.keras_specs()))
    }

    /// All three runs back to the start.
    pub fn reset(&mut self) {
        self.lab.reset();
    }

    /// A new mini-batch size k; the runs restart.
    pub fn set_batch(&mut self, batch: JsValue) -> Result<(), JsError> {
        let batch = crate::web::convert::number(&batch, "batch")?;
        let k = whole(batch, "batch_size", 1, self.lab.samples() as u64)? as usize;
        self.lab.set_batch_size(k).map_err(error)
    }

    /// Takes effect from the next step of every run.
    pub fn set_learning_rate(&mut self, lr: JsValue) -> Result<(), JsError> {
        let lr = crate::web::convert::number(&lr, "lr")?;
        self.lab.set_learning_rate(lr).map_err(error)
    }

    /// N, the number of points.
    pub fn samples(&self) -> usize {
        self.lab.samples()
    }

    /// k, the mini-batch run's batch size.
    pub fn batch_size(&self) -> usize {
        self.lab.batch_size()
    }

    /// Up to `n` more steps for each run still going; returns the steps.
    pub fn advance(&mut self, n: JsValue) -> Result<usize, JsError> {
        let n = crate::web::convert::number(&n, "n")?;
        // `as` saturates: a negative n is 0 steps, a huge one the cap.
        Ok(self.lab.advance(finite(n, "n")? as usize))
    }

    pub fn all_finished(&self) -> bool {
        self.lab.all_finished()
    }

    /// Per run: `{batch_size, batches_per_epoch, steps, epochs, loss,
    /// point, diverged}`.
    pub fn summary(&self) -> JsValue {
        let runs: Vec<_> = self
            .lab
            .summary()
            .iter()
            .map(|r| {
                crate::json::object([
                    ("batch_size", r.batch_size.into()),
                    ("batches_per_epoch", r.batches_per_epoch.into()),
                    ("steps", r.steps.into()),
                    ("epochs", r.epochs.into()),
                    ("loss", r.loss.into()),
                    ("point", crate::json::numbers(&r.point)),
                    ("diverged", r.diverged.into()),
                ])
            })
            .collect();
        to_js(&Value::Array(runs))
    }

    /// Draws J (when needed) and the three paths; `colors` has one CSS
    /// colour per run (B = N, B = 1, B = k).
    pub fn draw(&mut self, colors: JsValue) -> Result<(), JsError> {
        let dpr = self.picture.dpr();
        let (ctx, viewport) = self.picture.begin_frame(self.lab.landscape())?;
        let colours = colours(colors);
        // B = N last, on top: it is the reference the others wander around.
        for i in [1, 2, 0] {
            let r = &self.lab.runs()[i];
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

    /// The engine's `Cloud` at the B = k run's current point: mini-batch
    /// gradients of size k (coloured) over those of size 1 (grey), around
    /// the true gradient (a black cross), on axes fixed by the B = 1 cloud
    /// so the shrinking shows. Returns `{batch_size, variance,
    /// variance_exact, variance_sgd, point, gradient}`.
    pub fn draw_cloud(
        &self,
        canvas: JsValue,
        colour: JsValue,
        css_width: JsValue,
        css_height: JsValue,
        device_pixel_ratio: JsValue,
    ) -> Result<JsValue, JsError> {
        let colour = hex(&crate::web::convert::string(&colour, "colour")?);
        let s = Surface::from_js(canvas, &css_width, &css_height, &device_pixel_ratio)?;
        let cloud = self.lab.cloud();
        let x = Axis::linear(cloud.x_range[0], cloud.x_range[1]);
        let y = Axis::linear(cloud.y_range[0], cloud.y_range[1]);
        if let Some(mut plot) = s.plot(x.clone(), y.clone(), "∂J/∂w₀", "∂J/∂w₁")? {
            // The axes hold the bulk of the B = 1 cloud, not its outliers.
            let shown = |points: &[[f64; 2]]| -> Vec<(f64, f64)> {
                points
                    .iter()
                    .filter(|c| x.holds(c[0]) && y.holds(c[1]))
                    .map(|c| (c[0], c[1]))
                    .collect()
            };
            // Opaque, as a 45% grey over white: many B = 1 gradients
            // coincide (there are only N of them), and stacked translucent
            // dots would darken where they do.
            let grey = RGBColor(194, 194, 194).filled();
            let dots = |points: Vec<(f64, f64)>, r: f64, style: ShapeStyle| {
                let r = s.px(r);
                points.into_iter().map(move |p| Circle::new(p, r, style))
            };
            plot.draw_series(dots(shown(&cloud.single), 2.5, grey))
                .map_err(chart_error)?;
            plot.draw_series(dots(shown(&cloud.batch), 3.0, colour.filled()))
                .map_err(chart_error)?;
            let g = (cloud.gradient[0], cloud.gradient[1]);
            for (style, width) in [(WHITE, 5.0), (INK, 2.5)] {
                plot.draw_series(std::iter::once(Cross::new(
                    g,
                    s.px(8.0),
                    s.stroke(style, width),
                )))
                .map_err(chart_error)?;
            }
            s.frame(&plot)?;
        }
        s.present()?;

        let out: JsValue = Object::new().into();
        set(&out, "batch_size", &(cloud.batch_size as f64).into());
        set(&out, "variance", &cloud.variance.into());
        set(&out, "variance_exact", &cloud.variance_exact.into());
        set(&out, "variance_sgd", &cloud.variance_single.into());
        set(&out, "point", &pair(cloud.point).into());
        set(&out, "gradient", &pair(cloud.gradient).into());
        Ok(out)
    }

    /// The engine's `VariancePlot` at the B = k run's current point, on
    /// log–log axes: the exact (N − B)/(B(N − 1))·σ₁² curve, measured
    /// values at powers of two, the 1/B line for reference, and the current
    /// k ringed.
    pub fn draw_variance(
        &self,
        canvas: JsValue,
        colour: JsValue,
        css_width: JsValue,
        css_height: JsValue,
        device_pixel_ratio: JsValue,
    ) -> Result<(), JsError> {
        let colour = hex(&crate::web::convert::string(&colour, "colour")?);
        let s = Surface::from_js(canvas, &css_width, &css_height, &device_pixel_ratio)?;
        let plot = self.lab.variance_plot();
        let Some(mut chart) =
            against_batch_size(&s, plot.x_range, plot.y_range, "E‖ĝ − ∇J‖² (log)")?
        else {
            return s.present();
        };
        let grey = RGBColor(136, 136, 136);
        chart
            .draw_series(s.dashed(on_log(&plot.reference), s.stroke(grey, 1.5), 5.0))
            .map_err(chart_error)?;
        chart
            .draw_series(LineSeries::new(on_log(&plot.curve), s.stroke(INK, 2.0)))
            .map_err(chart_error)?;
        let r = s.px(4.0);
        chart
            .draw_series(
                on_log(&plot.measured)
                    .into_iter()
                    .map(|p| Circle::new(p, r, colour.filled())),
            )
            .map_err(chart_error)?;
        if let Some(current) = plot.current {
            let ring = on_log(&[current]).into_iter();
            let (r, style) = (s.px(8.0), s.stroke(colour, 2.5));
            chart
                .draw_series(ring.map(|p| Circle::new(p, r, style)))
                .map_err(chart_error)?;
        }
        s.frame(&chart)?;
        s.present()
    }
}

/// A log–log plot of something against the batch size B, its x and y
/// axes spanning `x` and `y`; `None` on a canvas too small for one.
fn against_batch_size<'a>(
    s: &'a Surface,
    x: [f64; 2],
    y: [f64; 2],
    y_title: &str,
) -> Result<Option<Plot<'a>>, JsError> {
    s.plot(
        Axis::log(x[0], x[1]),
        Axis::log(y[0], y[1]),
        "batch size B (log)",
        y_title,
    )
}

/// The points a log–log plot can place: both coordinates finite and
/// positive (an exact variance of 0, at B = N, is not one).
fn on_log(points: &[[f64; 2]]) -> Vec<(f64, f64)> {
    points
        .iter()
        .filter(|p| p.iter().all(|v| v.is_finite() && *v > 0.0))
        .map(|p| (p[0], p[1]))
        .collect()
}

/// Time per epoch against batch size: `batches[i]` took `ms[i]` per epoch,
/// as the engine's `EpochTimes` frames them.
#[wasm_bindgen]
pub fn draw_epoch_times(
    canvas: JsValue,
    batches: JsValue,
    ms: JsValue,
    colour: JsValue,
    css_width: f64,
    css_height: f64,
    device_pixel_ratio: f64,
) -> Result<(), JsError> {
    let batches = crate::web::convert::numbers(&batches, "batches", 10_000)?;
    let ms = crate::web::convert::numbers(&ms, "ms", 10_000)?;
    let colour = hex(&crate::web::convert::string(&colour, "colour")?);
    let s = Surface::new(canvas, css_width, css_height, device_pixel_ratio)?;
    let times = epoch_times(&batches, &ms);
    // The caption says "time per epoch"; a longer title did not fit the
    // chart's height in a lecture scene.
    let Some(mut plot) = against_batch_size(&s, times.x_range, times.y_range, "ms (log)")? else {
        return s.present();
    };
    let points = on_log(&times.points);
    plot.draw_series(LineSeries::new(points.clone(), s.stroke(colour, 2.5)))
        .map_err(chart_error)?;
    let r = s.px(4.5);
    plot.draw_series(
        points
            .into_iter()
            .map(|p| Circle::new(p, r, colour.filled())),
    )
    .map_err(chart_error)?;
    s.frame(&plot)?;
    s.present()
}
