//! The training view's fit: the decision boundary under the train and
//! validation points, or the fitted curve over them for a 1D data set.
//! Class and split are told apart by shape as well as colour: training
//! points are circles and validation points diamonds; class 0 is hollow
//! (white inside a thick orange rim), class 1 filled blue.

use crate::render::activation_maps::{decision_picture, fitted_curve};
use crate::train::dataset::Task;
use crate::train::Trainer;
use crate::web::convert::{css_size, optional_number};
use crate::web::draw::canvas::INK;
use crate::web::draw::train_plot::{legend_bottom_right, Axes, Marks, Scale, Surface};
use crate::web::train::network::{blit, grid_side, CLASS, TRAIN_COLOUR, VAL_COLOUR};
use crate::web::train::training::TrainingHandle;
use wasm_bindgen::prelude::*;

/// Draws a run's fit (run 0 unless `run` says which): the decision
/// boundary and the points (classification), or the curve over the points
/// (regression).
#[wasm_bindgen]
pub fn draw_fit(
    canvas: JsValue,
    training: &TrainingHandle,
    #[wasm_bindgen(unchecked_param_type = "number")] css_width: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] css_height: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] device_pixel_ratio: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "number")] run: JsValue,
) -> Result<(), JsError> {
    let (css_width, css_height, device_pixel_ratio) =
        css_size(&css_width, &css_height, &device_pixel_ratio)?;
    let run = optional_number(&run, "run")?;
    let t = training.shown(run)?;
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
    let window = Task::Classification.input_window();
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
    let at = |x: [f64; 2], _: f64| x;
    // Hollow against filled, so the classes read apart without colour.
    let train = |y: f64| {
        if y > 0.5 {
            Style::filled(CLASS[1], "#ffffff")
        } else {
            Style::hollow(CLASS[0])
        }
    };
    let val = |y: f64| {
        if y > 0.5 {
            Style::filled(CLASS[1], INK)
        } else {
            Style::hollow(CLASS[0])
        }
    };
    // The figure's caption is the key (the page writes it), so no legend
    // covers the boundary.
    scatter_both(s, &axes, data, at, r, train, val);
    s.ctx.restore();
}

/// How a data point is drawn: its fill, and its rim's colour and width in
/// CSS pixels.
#[derive(Clone, Copy, PartialEq)]
struct Style {
    fill: &'static str,
    rim: &'static str,
    rim_px: f64,
}

impl Style {
    fn filled(fill: &'static str, rim: &'static str) -> Self {
        Style {
            fill,
            rim,
            rim_px: 1.3,
        }
    }

    /// White inside a thick rim of `colour`.
    fn hollow(colour: &'static str) -> Self {
        Style {
            fill: "#ffffff",
            rim: colour,
            rim_px: 2.4,
        }
    }
}

fn draw_curve(s: &Surface, t: &Trainer) {
    let window = Task::Regression.input_window();
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
    );
    let r = s.px(4.5);
    let at = |x: [f64; 2], y: f64| [x[0], y];
    let train = |_: f64| Style::filled(TRAIN_COLOUR, "#ffffff");
    let val = |_: f64| Style::filled(VAL_COLOUR, INK);
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

/// Data points in one kind of mark, grouped by style: one path per style.
/// Training points as circles and validation points as diamonds, so the
/// two sets read apart whatever their colour.
fn scatter_both(
    s: &Surface,
    axes: &Axes,
    data: &crate::train::dataset::Dataset,
    place: impl Fn([f64; 2], f64) -> [f64; 2] + Copy,
    r: f64,
    train: impl Fn(f64) -> Style,
    validation: impl Fn(f64) -> Style,
) {
    let train_set = (&data.train_x[..], &data.train_y[..]);
    scatter(s, axes, train_set, place, Marks::circles(r), train);
    let val_set = (&data.val_x[..], &data.val_y[..]);
    scatter(
        s,
        axes,
        val_set,
        place,
        Marks::diamonds(r * 1.2),
        validation,
    );
}

fn scatter(
    s: &Surface,
    axes: &Axes,
    (xs, ys): (&[[f64; 2]], &[f64]),
    place: impl Fn([f64; 2], f64) -> [f64; 2],
    marks: Marks,
    style: impl Fn(f64) -> Style,
) {
    let mut groups: Vec<(Style, Marks)> = Vec::new();
    for (x, &y) in xs.iter().zip(ys) {
        let c = style(y);
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
        m.draw(&s.ctx, c.fill, Some((c.rim, s.px(c.rim_px))));
    }
}
