//! The training view's network diagram, TF Playground's: units as heatmaps
//! of their own activation over the input plane, links coloured by sign
//! (and dashed where negative) and sized by weight. Every tile is an RGBA buffer blitted in one
//! `putImageData`; the grid's size follows the network's cost, so a 64-unit
//! network stays responsive too.

use crate::render::activation_maps::{diverging, unit_tiles};
use crate::web::convert::{css_size, optional_number};
use crate::web::draw::canvas::{font, PixelPath, INK};
use crate::web::draw::train_plot::Surface;
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
pub(crate) const CLASS: [&str; 2] = ["#f59322", "#0877bd"];
pub(crate) const TRAIN_COLOUR: &str = "#0877bd";
pub(crate) const VAL_COLOUR: &str = "#d55e00";

/// `rgba` (n × n) scaled to `size × size` by nearest neighbour.
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

pub(crate) fn blit(ctx: &CanvasRenderingContext2d, rgba: &[u8], size: usize, x: f64, y: f64) {
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
pub(crate) fn grid_side(pixels: usize, net: &crate::nn::Network, two_d: bool) -> usize {
    let sizes = net.sizes();
    let units: usize = sizes[1..].iter().sum();
    let cost = net.params().len() + 10 * units;
    let budget = EVALUATION_BUDGET / cost.max(1) as f64;
    let side = if two_d { budget.sqrt() } else { budget };
    (side as usize).max(12).min(pixels.max(1))
}

/// Draws a run's network (run 0 unless `run` says which): units as
/// activation heatmaps, links by weight.
#[wasm_bindgen]
pub fn draw_network(
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
    // Negative weights dashed, positive solid: the sign reads without its
    // colour too.
    let dash = js_sys::Array::of2(&s.px(5.0).into(), &s.px(3.5).into());
    let solid = js_sys::Array::new();
    for (k, path) in bands.iter().enumerate() {
        if let Some(p) = path.build() {
            let [r, g, b] = diverging(if k < 4 { -1.0 } else { 1.0 });
            let alpha = 0.35 + 0.2 * (k % 4) as f64;
            s.ctx
                .set_stroke_style_str(&format!("rgba({r},{g},{b},{alpha})"));
            s.ctx.set_line_width(s.px(0.8 + 1.3 * (k % 4) as f64));
            let _ = s.ctx.set_line_dash(if k < 4 { &dash } else { &solid });
            s.ctx.stroke_with_path(&p);
        }
    }
    let _ = s.ctx.set_line_dash(&solid);

    // The units.
    let two_d = sizes[0] == 2;
    let side = tile as usize;
    let n = grid_side(side, net, two_d);
    let window = t.data().task.input_window();
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
