//! The training view's loss chart: train and validation loss against the
//! epoch, with the best epoch and the early stop marked, drawn with
//! plotters.

use crate::render::series::decimated;
use crate::web::draw::canvas::{colours, racer_colour};
use crate::web::draw::chart::{chart_error, hex, Axis, Surface};
use crate::web::train::network::{TRAIN_COLOUR, VAL_COLOUR};
use crate::web::train::training::TrainingHandle;
use plotters::prelude::*;
use wasm_bindgen::prelude::*;

/// The best epoch's green and the early stop's red.
const BEST: RGBColor = RGBColor(0, 158, 115);
const STOP: RGBColor = RGBColor(179, 38, 30);
/// The legend's swatches when each run has its own colour.
const NEUTRAL: RGBColor = RGBColor(85, 85, 85);

/// Draws the loss of every run against the epoch on a log axis: training
/// loss solid, validation loss dashed. With one run, its best epoch and
/// its early stop are marked; with several, each optimizer has its colour.
#[wasm_bindgen]
pub fn draw_history(
    canvas: JsValue,
    training: &TrainingHandle,
    colors: JsValue,
    css_width: JsValue,
    css_height: JsValue,
    device_pixel_ratio: JsValue,
) -> Result<(), JsError> {
    let s = Surface::from_js(canvas, &css_width, &css_height, &device_pixel_ratio)?;
    let runs = training.runs();
    let colours = colours(colors);
    let (mut lo, mut hi) = (f64::INFINITY, 0.0f64);
    let mut epochs = 10usize;
    for t in runs {
        let h = t.history();
        for &v in h.loss.iter().chain(&h.val_loss) {
            if v.is_finite() && v > 0.0 {
                lo = lo.min(v);
                hi = hi.max(v);
            }
        }
        epochs = epochs.max(h.loss.len());
    }
    if !(lo.is_finite() && hi > 0.0) {
        (lo, hi) = (0.01, 1.0);
    }
    let Some(mut plot) = s.plot(
        Axis::linear(0.0, epochs as f64),
        Axis::log(lo / 1.3, hi * 1.3),
        "epoch",
        "loss (log scale)",
    )?
    else {
        return s.present();
    };
    let single = runs.len() == 1;
    let width = f64::from(s.root.dim_in_pixel().0);
    for (i, t) in runs.iter().enumerate() {
        let h = t.history();
        let (train, validation) = if single {
            (hex(TRAIN_COLOUR), hex(VAL_COLOUR))
        } else {
            let c = hex(racer_colour(&colours, i));
            (c, c)
        };
        // Epoch k's loss is plotted at k + 1: after one epoch of training.
        let at = |v: &[f64]| -> Vec<(f64, f64)> {
            decimated(v.len(), width)
                .filter(|&k| v[k].is_finite() && v[k] > 0.0)
                .map(|k| ((k + 1) as f64, v[k]))
                .collect()
        };
        let solid = s.stroke(train, 2.5);
        let dashed = s.stroke(validation, 2.5);
        let train_line = plot
            .draw_series(LineSeries::new(at(&h.loss), solid))
            .map_err(chart_error)?;
        // With several runs the metrics table's swatches name the colours;
        // the legend only says which line is which loss.
        let key = |one: &'static str, several: &'static str, style| {
            if single {
                (one, style)
            } else {
                (several, s.stroke(NEUTRAL, 2.5))
            }
        };
        if i == 0 {
            let (text, style) = key("train loss", "train", solid);
            train_line.label(text).legend(s.swatch(style, false));
        }
        let validation_line = plot
            .draw_series(s.dashed(at(&h.val_loss), dashed, 7.0))
            .map_err(chart_error)?;
        if i == 0 {
            let (text, style) = key("validation loss", "validation", dashed);
            validation_line.label(text).legend(s.swatch(style, true));
        }
    }
    if let [t] = runs {
        if let Some(stop) = t.stopped_epoch() {
            let text = format!("early stop at {}", stop + 1);
            s.marker(&plot, (stop + 1) as f64, STOP, &text, 1);
        }
        if let Some(best) = t.best_epoch() {
            let x = (best + 1) as f64;
            s.marker(&plot, x, BEST, &format!("best epoch {}", best + 1), 0);
            if let Some(&v) = t.history().val_loss.get(best) {
                plot.draw_series(std::iter::once(Circle::new(
                    (x, v),
                    s.px(5.0),
                    BEST.filled(),
                )))
                .map_err(chart_error)?;
            }
        }
    }
    s.legend(&mut plot, SeriesLabelPosition::UpperRight)?;
    s.frame(&plot)?;
    s.present()
}
