//! The training view's pictures, from engine data only: the network diagram
//! (TF Playground's: units as heatmaps of their own activation over the
//! input plane, links coloured by sign and sized by weight), the fit (the
//! decision boundary with train and validation points, or the fitted curve
//! over the points), and the train-vs-validation loss chart with the best
//! epoch and the early stop marked.
//!
//! Every picture over the input plane is an RGBA buffer blitted in one
//! `putImageData`. The network is evaluated on a grid whose size follows
//! the network's cost, so a 64-unit network stays responsive too.

use crate::render::activation_maps::{
    decision_picture, diverging, fitted_curve, input_window, unit_tiles,
};
use crate::train::dataset::Task;
use crate::train::Trainer;
use crate::web::convert::whole;
use crate::web::draw::canvas::{colours, font, racer_colour, PixelPath, INK};
use crate::web::draw::train_plot::{Axes, Marks, Scale, Surface};
use crate::web::train::training::TrainingHandle;
use wasm_bindgen::prelude::*;
use wasm_bindgen::Clamped;
use web_sys::{CanvasRenderingContext2d, ImageData};

/// Work per picture, in multiply-adds plus activations weighted as ten
/// Units drawn per layer at most.
const MAX_SHOWN_UNITS: usize = 16;

/// (tanh is a libm call in wasm): a few ms.
const EVALUATION_BUDGET: f64 = 1.2e6;
/// Class colours, as in the activation maps: class 0 orange, 1 blue.
const CLASS: [&str; 2] = ["#f59322", "#0877bd"];
const TRAIN_COLOUR: &str = "#0877bd";
const VAL_COLOUR: &str = "#d55e00";

/// `rgba` (n × n) scaled to `size × size` by nearest neighbour.
fn upscale(rgba: &[u8], n: usize, size: usize) -> Vec<u8> {
    if n == size {
        return rgba.to_vec();
    }
    let mut out = Vec::with_capacity(size * size * 4);
    for row in 0..size {
        let r = row * n / size;
        for col in 0..size {
            let c = col * n / size;
            let k = (r * n + c) * 4;
            out.extend_from_slice(&rgba[k..k + 4]);
        }
    }
    out
}

fn blit(ctx: &CanvasRenderingContext2d, rgba: &[u8], size: usize, x: f64, y: f64) {
    if size == 0 {
        return;
    }
    if let Ok(image) =
        ImageData::new_with_u8_clamped_array_and_sh(Clamped(rgba), size as u32, size as u32)
    {
        let _ = ctx.put_image_data(&image, x.round(), y.round());
    }
}

/// Grid points per side for a picture of `pixels` per side, within the
/// evaluation budget for `net`.
fn grid_side(pixels: usize, net: &crate::nn::Network, two_d: bool) -> usize {
    let sizes = net.sizes();
    let units: usize = sizes[1..].iter().sum();
    let cost = net.params().len() + 10 * units;
    let budget = EVALUATION_BUDGET / cost.max(1) as f64;
    let side = if two_d { budget.sqrt() } else { budget };
    (side as usize).max(12).min(pixels.max(1))
}

/// The run a picture shows: `run` (0 when undefined) of a comparison.
fn shown_run(training: &TrainingHandle, run: Option<f64>) -> Result<&Trainer, JsError> {
    let last = training.runs().len().saturating_sub(1) as u64;
    let i = whole(run.unwrap_or(0.0), "run", 0, last)? as usize;
    Ok(&training.runs()[i])
}

/// Draws a run's network (run 0 unless `run` says which): units as
/// activation heatmaps, links by weight.
#[wasm_bindgen]
pub fn draw_network(
    canvas: JsValue,
    training: &TrainingHandle,
    css_width: f64,
    css_height: f64,
    device_pixel_ratio: f64,
    run: Option<f64>,
) -> Result<(), JsError> {
    let t = shown_run(training, run)?;
    let s = Surface::new(canvas, css_width, css_height, device_pixel_ratio)?;
    let net = t.network();
    let sizes = net.sizes();
    let columns = sizes.len();
    // A 64-unit layer drawn whole is a wall of 3-pixel tiles; show each
    // layer's first units, and say how many more there are.
    let shown: Vec<usize> = sizes.iter().map(|&n| n.min(MAX_SHOWN_UNITS)).collect();
    let most = *shown.iter().max().unwrap_or(&1) as f64;
    let (top, bottom) = (s.px(30.0), s.px(22.0));
    let tall = s.height - top - bottom;
    let tile = (tall / (most * 1.25)).min(s.px(44.0)).floor().max(3.0);
    let gap_x = (s.width - s.px(40.0)) / columns as f64;
    let centre = |l: usize, u: usize| -> [f64; 2] {
        let x = s.px(20.0) + gap_x * (l as f64 + 0.5);
        let pitch = (tall / shown[l] as f64).min(tile * 1.6);
        let y = top + tall / 2.0 + (u as f64 - (shown[l] as f64 - 1.0) / 2.0) * pitch;
        [x, y]
    };

    // Links under the units: two colours by sign, widths in four bands.
    let max_w = (0..net.layers())
        .flat_map(|l| net.weights(l).iter().copied().collect::<Vec<_>>())
        .fold(1e-12f64, |m, w| m.max(w.abs()));
    let mut bands: Vec<PixelPath> = (0..8).map(|_| PixelPath::new()).collect();
    for l in 0..net.layers() {
        let w = net.weights(l);
        for j in 0..shown[l + 1] {
            for i in 0..shown[l] {
                let v = w[(j, i)];
                if !v.is_finite() {
                    continue;
                }
                let band = ((v.abs() / max_w) * 4.0).floor().min(3.0) as usize;
                let k = band + if v < 0.0 { 0 } else { 4 };
                bands[k].lift();
                bands[k].move_to(centre(l, i));
                bands[k].line_to(centre(l + 1, j));
            }
        }
    }
    for (k, path) in bands.iter().enumerate() {
        if let Some(p) = path.build() {
            let [r, g, b] = diverging(if k < 4 { -1.0 } else { 1.0 });
            let alpha = 0.35 + 0.2 * (k % 4) as f64;
            s.ctx
                .set_stroke_style_str(&format!("rgba({r},{g},{b},{alpha})"));
            s.ctx.set_line_width(s.px(0.8 + 1.3 * (k % 4) as f64));
            s.ctx.stroke_with_path(&p);
        }
    }

    // The units.
    let two_d = sizes[0] == 2;
    let side = tile as usize;
    let n = grid_side(side, net, two_d);
    let window = input_window(t.data().task);
    let tiles = unit_tiles(net, &window, n);
    s.ctx.set_stroke_style_str(INK);
    s.ctx.set_line_width(s.px(1.0));
    for (l, layer) in tiles.iter().enumerate() {
        for (u, rgba) in layer.iter().take(shown[l]).enumerate() {
            let [x, y] = centre(l, u);
            let (x0, y0) = ((x - tile / 2.0).round(), (y - tile / 2.0).round());
            blit(&s.ctx, &upscale(rgba, n, side), side, x0, y0);
            s.ctx
                .stroke_rect(x0 - 0.5, y0 - 0.5, tile + 1.0, tile + 1.0);
        }
    }

    // Column titles.
    s.ctx.set_fill_style_str(INK);
    s.ctx.set_font(&font(s.dpr * 0.85));
    s.ctx.set_text_align("center");
    s.ctx.set_text_baseline("top");
    // Narrow columns (many layers) get the short form of each title.
    let narrow = gap_x < s.px(84.0);
    for (l, &units) in sizes.iter().enumerate() {
        let title = match (l, narrow) {
            (0, false) if two_d => "input x₁, x₂".to_string(),
            (0, false) => "input x".to_string(),
            (0, true) => "input".to_string(),
            (l, _) if l == columns - 1 => "output".to_string(),
            (_, false) => format!("{units} units"),
            (_, true) => format!("{units}"),
        };
        let _ = s.ctx.fill_text(&title, centre(l, 0)[0], s.px(6.0));
        if units > shown[l] {
            let hidden = units - shown[l];
            let more = if narrow {
                format!("+{hidden}")
            } else {
                format!("+{hidden} more")
            };
            let _ = s
                .ctx
                .fill_text(&more, centre(l, 0)[0], s.height - s.px(18.0));
        }
    }
    Ok(())
}

/// Draws a run's fit (run 0 unless `run` says which): the decision
/// boundary and the points (classification), or the curve over the points
/// (regression).
#[wasm_bindgen]
pub fn draw_fit(
    canvas: JsValue,
    training: &TrainingHandle,
    css_width: f64,
    css_height: f64,
    device_pixel_ratio: f64,
    run: Option<f64>,
) -> Result<(), JsError> {
    let t = shown_run(training, run)?;
    let s = Surface::new(canvas, css_width, css_height, device_pixel_ratio)?;
    match t.data().task {
        Task::Classification => draw_boundary(&s, t),
        Task::Regression => draw_curve(&s, t),
    }
    Ok(())
}

/// A square plot area, as large as fits with room for the tick labels.
fn square_axes(s: &Surface, x: Scale, y: Scale) -> Axes {
    let (left, bottom, top) = (s.px(44.0), s.px(38.0), s.px(10.0));
    let side = (s.width - left - s.px(10.0))
        .min(s.height - top - bottom)
        .floor()
        .max(10.0);
    let extra = ((s.width - left - s.px(10.0) - side) / 2.0)
        .max(0.0)
        .floor();
    Axes {
        left: left + extra,
        top,
        width: side,
        height: side,
        x,
        y,
    }
}

fn draw_boundary(s: &Surface, t: &Trainer) {
    let window = input_window(Task::Classification);
    let axes = square_axes(
        s,
        Scale::linear(window.x_min, window.x_max),
        Scale::linear(window.y_min, window.y_max),
    );
    let side = axes.width as usize;
    let n = grid_side(side, t.network(), true);
    let rgba = decision_picture(t.network(), &window, n, side);
    blit(&s.ctx, &rgba, side, axes.left, axes.top);
    axes.draw(s, "x₁", "x₂");
    let data = t.data();
    axes.clip(&s.ctx);
    let r = s.px(4.0);
    let class = |y: f64| CLASS[(y > 0.5) as usize];
    let at = |x: [f64; 2], _: f64| x;
    scatter_both(s, &axes, data, at, r, class, class);
    s.ctx.restore();
}

fn draw_curve(s: &Surface, t: &Trainer) {
    let window = input_window(Task::Regression);
    let data = t.data();
    let ys = data.train_y.iter().chain(&data.val_y).copied();
    let (lo, hi) = ys.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), y| {
        (a.min(y), b.max(y))
    });
    let pad = 0.25 * (hi - lo).max(0.5);
    let axes = Axes::inside(
        s,
        Scale::linear(window.x_min, window.x_max),
        Scale::linear(lo - pad, hi + pad),
    );
    axes.draw(s, "x", "y");
    axes.clip(&s.ctx);
    let (xs, ys) = fitted_curve(t.network(), &window, (axes.width as usize).max(2));
    axes.line(
        &s.ctx,
        xs.iter().copied().zip(ys.iter().copied()),
        INK,
        s.px(3.0),
        None,
    );
    let r = s.px(4.5);
    let at = |x: [f64; 2], y: f64| [x[0], y];
    let train = |_: f64| TRAIN_COLOUR;
    let val = |_: f64| VAL_COLOUR;
    scatter_both(s, &axes, data, at, r, train, val);
    s.ctx.restore();
    legend_bottom_right(
        s,
        &axes,
        &[
            ("circle", "train", TRAIN_COLOUR, "#ffffff"),
            ("diamond", "validation", VAL_COLOUR, INK),
            ("line", "model ŷ(x)", INK, INK),
        ],
    );
}

/// Data points in one kind of mark, grouped by colour: one path per colour.
/// Training points as white-rimmed circles and validation points as
/// ink-rimmed diamonds, so the two sets read apart whatever their colour.
fn scatter_both(
    s: &Surface,
    axes: &Axes,
    data: &crate::train::dataset::Dataset,
    place: impl Fn([f64; 2], f64) -> [f64; 2] + Copy,
    r: f64,
    train: impl Fn(f64) -> &'static str,
    validation: impl Fn(f64) -> &'static str,
) {
    let train_set = (&data.train_x[..], &data.train_y[..]);
    scatter(
        s,
        axes,
        train_set,
        place,
        Marks::circles(r),
        train,
        "#ffffff",
    );
    let val_set = (&data.val_x[..], &data.val_y[..]);
    scatter(
        s,
        axes,
        val_set,
        place,
        Marks::diamonds(r * 1.2),
        validation,
        INK,
    );
}

fn scatter(
    s: &Surface,
    axes: &Axes,
    (xs, ys): (&[[f64; 2]], &[f64]),
    place: impl Fn([f64; 2], f64) -> [f64; 2],
    marks: Marks,
    colour: impl Fn(f64) -> &'static str,
    rim: &str,
) {
    let mut groups: Vec<(&'static str, Marks)> = Vec::new();
    for (x, &y) in xs.iter().zip(ys) {
        let c = colour(y);
        let k = match groups.iter().position(|(g, _)| *g == c) {
            Some(k) => k,
            None => {
                groups.push((c, marks.empty_like()));
                groups.len() - 1
            }
        };
        let [px, py] = place(*x, y);
        if px.is_finite() && py.is_finite() {
            groups[k].1.add(axes.at(px, py));
        }
    }
    for (c, m) in &groups {
        m.draw(&s.ctx, c, Some((rim, s.px(1.3))));
    }
}

fn shape_at(ctx: &CanvasRenderingContext2d, shape: &str, x: f64, y: f64, r: f64) {
    ctx.begin_path();
    if shape == "diamond" {
        ctx.move_to(x, y - r);
        ctx.line_to(x + r, y);
        ctx.line_to(x, y + r);
        ctx.line_to(x - r, y);
        ctx.close_path();
    } else {
        let _ = ctx.arc(x, y, r, 0.0, std::f64::consts::TAU);
    }
}

/// A legend box in the plot's top-left corner: (shape, text, fill, rim).
fn legend(s: &Surface, axes: &Axes, items: &[(&str, &str, &str, &str)]) {
    legend_at(s, axes.left + s.px(6.0), axes.top + s.px(6.0), items);
}

/// The legend box's size for `items`.
fn legend_size(s: &Surface, items: &[(&str, &str, &str, &str)]) -> (f64, f64) {
    let width = items
        .iter()
        .map(|(_, text, ..)| text_width(s, text))
        .fold(0.0, f64::max)
        + s.px(38.0);
    (width, s.px(18.0) * items.len() as f64 + s.px(6.0))
}

/// A legend box in the plot's bottom-right corner (where the regression
/// data sets leave room).
fn legend_bottom_right(s: &Surface, axes: &Axes, items: &[(&str, &str, &str, &str)]) {
    let (w, h) = legend_size(s, items);
    let x0 = axes.left + axes.width - w - s.px(6.0);
    let y0 = axes.top + axes.height - h - s.px(6.0);
    legend_at(s, x0, y0, items);
}

fn legend_at(s: &Surface, x0: f64, y0: f64, items: &[(&str, &str, &str, &str)]) {
    let ctx = &s.ctx;
    ctx.set_font(&font(s.dpr * 0.85));
    let row = s.px(18.0);
    let (width, _) = legend_size(s, items);
    ctx.set_fill_style_str("rgba(255,255,255,0.88)");
    ctx.fill_rect(x0, y0, width, row * items.len() as f64 + s.px(6.0));
    ctx.set_text_align("left");
    ctx.set_text_baseline("middle");
    for (k, (shape, text, fill, rim)) in items.iter().enumerate() {
        let y = y0 + s.px(3.0) + row * (k as f64 + 0.5);
        let x = x0 + s.px(14.0);
        if *shape == "line" || *shape == "dash" {
            let pattern = js_sys::Array::new();
            if *shape == "dash" {
                pattern.push(&s.px(6.0).into());
                pattern.push(&s.px(4.0).into());
            }
            let _ = ctx.set_line_dash(&pattern);
            ctx.begin_path();
            ctx.move_to(x - s.px(9.0), y);
            ctx.line_to(x + s.px(9.0), y);
            ctx.set_stroke_style_str(fill);
            ctx.set_line_width(s.px(2.5));
            ctx.stroke();
            let _ = ctx.set_line_dash(&js_sys::Array::new());
        } else {
            shape_at(ctx, shape, x, y, s.px(4.5));
            ctx.set_fill_style_str(fill);
            ctx.fill();
            ctx.set_stroke_style_str(rim);
            ctx.set_line_width(s.px(1.3));
            ctx.stroke();
        }
        ctx.set_fill_style_str(INK);
        let _ = ctx.fill_text(text, x + s.px(14.0), y);
    }
}

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

/// About how wide `text` is in the legend's font (no text metrics here:
/// the canvas's measureText is not among the web-sys features we build).
fn text_width(s: &Surface, text: &str) -> f64 {
    text.chars().count() as f64 * s.px(crate::web::draw::canvas::FONT_PX * 0.85 * 0.56)
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

/// The legend in the top-right corner.
fn legend_right(s: &Surface, axes: &Axes, items: &[(&str, &str, &str, &str)]) {
    let ctx = &s.ctx;
    ctx.set_font(&font(s.dpr * 0.85));
    let width = items
        .iter()
        .map(|(_, text, ..)| text_width(s, text))
        .fold(0.0, f64::max)
        + s.px(38.0);
    let shifted = Axes {
        left: axes.left + axes.width - width - s.px(12.0),
        top: axes.top,
        width,
        height: axes.height,
        x: axes.x,
        y: axes.y,
    };
    legend(s, &shifted, items);
}
