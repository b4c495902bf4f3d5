//! The training view's loss chart: train and validation loss against the
//! epoch, with the best epoch and the early stop marked.

use crate::web::draw::canvas::{colours, font, racer_colour};
use crate::web::draw::legend::{legend_right, text_width};
use crate::web::draw::train_plot::{Axes, Scale, Surface};
use crate::web::train::network::{TRAIN_COLOUR, VAL_COLOUR};
use crate::web::train::training::TrainingHandle;
use wasm_bindgen::prelude::*;

/// Draws the loss of every run against the epoch on a log axis: training
/// loss solid, validation loss dashed. With one run, its best epoch and
/// its early stop are marked; with several, each optimizer has its colour.
#[wasm_bindgen]
pub fn draw_history(
    canvas: JsValue,
    training: &TrainingHandle,
    colors: JsValue,
    css_width: f64,
    css_height: f64,
    device_pixel_ratio: f64,
) -> Result<(), JsError> {
    let s = Surface::new(canvas, css_width, css_height, device_pixel_ratio)?;
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
    let axes = Axes::inside(
        &s,
        Scale::linear(0.0, epochs as f64),
        Scale::log(lo / 1.3, hi * 1.3),
    );
    axes.draw(&s, "epoch", "loss (log scale)");
    let ctx = &s.ctx;
    axes.clip(ctx);
    let single = runs.len() == 1;
    let mut items: Vec<(String, String, bool)> = Vec::new();
    for (i, t) in runs.iter().enumerate() {
        let h = t.history();
        let (train_colour, val_colour) = if single {
            (TRAIN_COLOUR.to_string(), VAL_COLOUR.to_string())
        } else {
            let c = racer_colour(&colours, i).to_string();
            (c.clone(), c)
        };
        // Epoch k's loss is plotted at k + 1: after one epoch of training.
        let at = |v: &Vec<f64>| {
            v.iter()
                .enumerate()
                .map(|(k, &y)| ((k + 1) as f64, y))
                .collect::<Vec<_>>()
        };
        axes.line(ctx, at(&h.loss).into_iter(), &train_colour, s.px(2.5), None);
        axes.line(
            ctx,
            at(&h.val_loss).into_iter(),
            &val_colour,
            s.px(2.5),
            Some(s.px(7.0)),
        );
        if single {
            items.push(("train loss".into(), train_colour, false));
            items.push(("validation loss".into(), val_colour, true));
        }
    }
    // With several runs the metrics table's swatches name the colours;
    // the chart's legend only says which line is which loss.
    if !single {
        items.push(("train".into(), "#555555".into(), false));
        items.push(("validation".into(), "#555555".into(), true));
    }
    ctx.restore();
    if single {
        let t = &runs[0];
        if let Some(best) = t.best_epoch() {
            let x = (best + 1) as f64;
            marker(
                &s,
                &axes,
                x,
                "#009e73",
                &format!("best epoch {}", best + 1),
                0,
            );
            if let Some(&v) = t.history().val_loss.get(best) {
                axes.dot(ctx, x, v, s.px(5.0), "#009e73");
            }
        }
        if let Some(stop) = t.stopped_epoch() {
            marker(
                &s,
                &axes,
                (stop + 1) as f64,
                "#b3261e",
                &format!("early stop at {}", stop + 1),
                1,
            );
        }
    }
    let legend_items: Vec<(&str, &str, &str, &str)> = items
        .iter()
        .map(|(text, colour, dashed)| {
            (
                if *dashed { "dash" } else { "line" },
                text.as_str(),
                colour.as_str(),
                colour.as_str(),
            )
        })
        .collect();
    legend_right(&s, &axes, &legend_items);
    Ok(())
}

/// A labelled vertical line at epoch `x`; `slot` staggers the labels.
fn marker(s: &Surface, axes: &Axes, x: f64, colour: &str, text: &str, slot: usize) {
    let ctx = &s.ctx;
    let [px, _] = axes.at(x, axes.y.low);
    let pattern = js_sys::Array::of2(&s.px(3.0).into(), &s.px(3.0).into());
    let _ = ctx.set_line_dash(&pattern);
    ctx.begin_path();
    ctx.move_to(px, axes.top);
    ctx.line_to(px, axes.top + axes.height);
    ctx.set_stroke_style_str(colour);
    ctx.set_line_width(s.px(2.0));
    ctx.stroke();
    let _ = ctx.set_line_dash(&js_sys::Array::new());
    ctx.set_font(&format!("bold {}", font(s.dpr * 0.85)));
    ctx.set_fill_style_str(colour);
    ctx.set_text_baseline("bottom");
    // Labels sit on whichever side of the line has room.
    let right = px < axes.left + axes.width * 0.6;
    ctx.set_text_align(if right { "left" } else { "right" });
    let dx = if right { s.px(5.0) } else { -s.px(5.0) };
    let y = axes.top + axes.height - s.px(6.0) - s.px(18.0) * slot as f64;
    let width = text_width(s, text);
    let x0 = if right { px + dx } else { px + dx - width };
    ctx.set_fill_style_str("rgba(255,255,255,0.85)");
    ctx.fill_rect(
        x0 - s.px(2.0),
        y - s.px(15.0),
        width + s.px(4.0),
        s.px(16.0),
    );
    ctx.set_fill_style_str(colour);
    let _ = ctx.fill_text(text, px + dx, y);
}
