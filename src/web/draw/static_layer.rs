//! The landscape layer: everything that changes only when the landscape,
//! the view or the canvas size changes. The heatmap is blitted with a single
//! `putImageData`; the contour lines, known minima, axes and colour bar are
//! drawn over it once. The per-frame overlay sits on a second canvas above.

use crate::landscape::Landscape;
use crate::render::axis::{
    axis_labels, difference_label, loss_label, loss_label_to, offset_suffix,
};
use crate::render::contour::contours;
use crate::render::heatmap::{colour, heatmap, LossScale};
use crate::render::viewport::Viewport;
use crate::web::draw::canvas::{context, font, PixelPath, INK, MARGIN_RIGHT, PAPER};
use wasm_bindgen::prelude::*;
use wasm_bindgen::Clamped;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, ImageData};

/// The most pixels one heatmap recompute evaluates: 800 × 800, the size the
/// performance target is set at.
const HEATMAP_BUDGET_PX: f64 = 640_000.0;
/// How many contour levels to draw, equally spaced along the colour bar.
const CONTOUR_LEVELS: usize = 12;
/// Contours are traced on cells this many CSS pixels wide: finer than
/// the eye follows, far coarser than the heatmap.
const CONTOUR_CELL_CSS_PX: f64 = 3.0;

/// Draws the whole layer; `dpr` scales line widths and fonts.
pub fn draw(
    ctx: &CanvasRenderingContext2d,
    size: (f64, f64),
    dpr: f64,
    viewport: &Viewport,
    landscape: &dyn Landscape,
) -> Result<(), JsValue> {
    let area = viewport.area();
    ctx.set_fill_style_str(PAPER);
    ctx.fill_rect(0.0, 0.0, size.0, size.1);
    let scale = blit_heatmap(ctx, viewport, landscape)?;

    ctx.save();
    ctx.begin_path();
    ctx.rect(area.left, area.top, area.width, area.height);
    ctx.clip();
    draw_contours(ctx, dpr, viewport, landscape, &scale);
    draw_minima(ctx, dpr, viewport, landscape);
    ctx.restore();

    draw_axes(ctx, dpr, viewport, landscape.axis_names());
    draw_colour_bar(ctx, dpr, viewport, &scale)?;
    Ok(())
}

/// Computes the heatmap and blits it into the plot area. On big hi-DPI
/// canvases the raster is capped at `HEATMAP_BUDGET_PX` pixels and scaled up
/// by the canvas: the loss is smooth, so bilinear scaling is invisible, while
/// the contours and paths above it stay at full resolution.
fn blit_heatmap(
    ctx: &CanvasRenderingContext2d,
    viewport: &Viewport,
    landscape: &dyn Landscape,
) -> Result<LossScale, JsValue> {
    let area = viewport.area();
    let shrink = (HEATMAP_BUDGET_PX / (area.width * area.height))
        .sqrt()
        .min(1.0);
    let w = (area.width * shrink).round().max(1.0) as usize;
    let h = (area.height * shrink).round().max(1.0) as usize;
    let map = heatmap(landscape, &viewport.window(), w, h);
    let image =
        ImageData::new_with_u8_clamped_array_and_sh(Clamped(&map.rgba), w as u32, h as u32)?;
    if shrink >= 1.0 {
        ctx.put_image_data(&image, area.left, area.top)?;
    } else {
        let raster: HtmlCanvasElement = web_sys::window()
            .and_then(|w| w.document())
            .ok_or("no document")?
            .create_element("canvas")?
            .dyn_into()?;
        raster.set_width(w as u32);
        raster.set_height(h as u32);
        context(&raster)
            .map_err(|_| JsValue::from_str("no 2d context"))?
            .put_image_data(&image, 0.0, 0.0)?;
        ctx.set_image_smoothing_enabled(true);
        ctx.draw_image_with_html_canvas_element_and_dw_and_dh(
            &raster,
            area.left,
            area.top,
            area.width,
            area.height,
        )?;
    }
    Ok(map.scale)
}

fn draw_contours(
    ctx: &CanvasRenderingContext2d,
    dpr: f64,
    viewport: &Viewport,
    landscape: &dyn Landscape,
    scale: &LossScale,
) {
    let area = viewport.area();
    let columns = (area.width / (CONTOUR_CELL_CSS_PX * dpr)).ceil() as usize;
    let rows = (area.height / (CONTOUR_CELL_CSS_PX * dpr)).ceil() as usize;
    let levels = scale.contour_levels(CONTOUR_LEVELS);
    let mut path = PixelPath::new();
    for contour in contours(landscape, &viewport.window(), columns, rows, &levels) {
        for [a, b] in contour.segments {
            path.lift();
            path.move_to(viewport.to_pixel(a));
            path.line_to(viewport.to_pixel(b));
        }
    }
    if path.trace(ctx) {
        ctx.set_stroke_style_str("rgba(255, 255, 255, 0.55)");
        ctx.set_line_width(1.0 * dpr);
        ctx.stroke();
    }
}

/// Known minima as white stars with a dark rim, so they show on any colour.
fn draw_minima(
    ctx: &CanvasRenderingContext2d,
    dpr: f64,
    viewport: &Viewport,
    landscape: &dyn Landscape,
) {
    let r = 8.0 * dpr;
    ctx.set_line_join("round");
    for (k, m) in landscape.minima().iter().enumerate() {
        let [x, y] = viewport.to_pixel(*m);
        if !viewport.contains_pixel(x, y) {
            continue;
        }
        ctx.begin_path();
        for i in 0..10 {
            let angle = std::f64::consts::PI * (i as f64 / 5.0 - 0.5);
            let radius = if i % 2 == 0 { r } else { r * 0.45 };
            let (px, py) = (x + radius * angle.cos(), y + radius * angle.sin());
            if i == 0 {
                ctx.move_to(px, py);
            } else {
                ctx.line_to(px, py);
            }
        }
        ctx.close_path();
        // The global minimum (listed first) is filled white, false minima
        // are left hollow.
        ctx.set_fill_style_str(if k == 0 {
            "#ffffff"
        } else {
            "rgba(255,255,255,0.25)"
        });
        ctx.fill();
        ctx.set_stroke_style_str(INK);
        ctx.set_line_width(1.5 * dpr);
        ctx.stroke();
    }
}

fn draw_axes(ctx: &CanvasRenderingContext2d, dpr: f64, viewport: &Viewport, names: [&str; 2]) {
    let a = viewport.area();
    let w = viewport.window();
    ctx.set_stroke_style_str(INK);
    ctx.set_fill_style_str(INK);
    ctx.set_line_width(1.0 * dpr);
    ctx.stroke_rect(a.left, a.top, a.width, a.height);
    ctx.set_font(&font(dpr));
    let tick = 6.0 * dpr;

    let xs = axis_labels(w.x_min, w.x_max, a.width / (90.0 * dpr), 9);
    ctx.set_text_align("center");
    ctx.set_text_baseline("top");
    for (x, text) in xs.values.iter().zip(&xs.texts) {
        let px = viewport.to_pixel([*x, 0.0])[0];
        ctx.begin_path();
        ctx.move_to(px, a.top + a.height);
        ctx.line_to(px, a.top + a.height + tick);
        ctx.stroke();
        let _ = ctx.fill_text(text, px, a.top + a.height + tick + 2.0 * dpr);
    }
    let _ = ctx.fill_text(
        &format!("{}{}", names[0], xs.offset),
        a.left + a.width / 2.0,
        a.top + a.height + 26.0 * dpr,
    );

    let ys = axis_labels(w.y_min, w.y_max, a.height / (70.0 * dpr), 6);
    ctx.set_text_align("right");
    ctx.set_text_baseline("middle");
    for (y, text) in ys.values.iter().zip(&ys.texts) {
        let py = viewport.to_pixel([0.0, *y])[1];
        ctx.begin_path();
        ctx.move_to(a.left - tick, py);
        ctx.line_to(a.left, py);
        ctx.stroke();
        let _ = ctx.fill_text(text, a.left - tick - 3.0 * dpr, py);
    }
    // The y title sits above the plot, where a long offset has room.
    ctx.set_text_align("left");
    ctx.set_text_baseline("bottom");
    let _ = ctx.fill_text(
        &format!("{}{}", names[1], ys.offset),
        a.left,
        a.top - 5.0 * dpr,
    );
}

/// The colour bar: the ramp from the lowest visible loss (bottom) to the
/// highest (top), labelled at both ends and at round values placed where
/// the log-like scale puts them, so a reader can trust it.
fn draw_colour_bar(
    ctx: &CanvasRenderingContext2d,
    dpr: f64,
    viewport: &Viewport,
    scale: &LossScale,
) -> Result<(), JsValue> {
    let a = viewport.area();
    let left = (a.left + a.width + 14.0 * dpr).round();
    let width = (14.0 * dpr).round().max(1.0);
    let height = a.height.round().max(1.0);
    let (w, h) = (width as usize, height as usize);
    let mut rgba = Vec::with_capacity(w * h * 4);
    for row in 0..h {
        let [r, g, b] = colour(1.0 - (row as f64 + 0.5) / height);
        for _ in 0..w {
            rgba.extend_from_slice(&[r, g, b, 255]);
        }
    }
    let image = ImageData::new_with_u8_clamped_array_and_sh(Clamped(&rgba), w as u32, h as u32)?;
    ctx.put_image_data(&image, left, a.top)?;
    ctx.set_stroke_style_str(INK);
    ctx.set_line_width(1.0 * dpr);
    ctx.stroke_rect(left, a.top, width, height);

    ctx.set_fill_style_str(INK);
    ctx.set_font(&font(dpr));
    ctx.set_text_align("left");
    // The end labels give three significant digits and the ticks their own
    // round values, unless the view is zoomed so far in that these no
    // longer fit or no longer differ: then, as on the axes, an offset is
    // pulled out into the title and the labels show only what differs.
    let ticks = scale.ticks(6);
    let mut top = loss_label(scale.high);
    let mut bottom = loss_label(scale.low);
    let mut texts: Vec<String> = ticks
        .iter()
        .map(|t| loss_label_to(t.value, t.step))
        .collect();
    let mut title = "J".to_string();
    let too_long = texts
        .iter()
        .chain([&top, &bottom])
        .any(|t| t.chars().count() > 7);
    if top == bottom || too_long {
        let step = scale.label_step();
        let offset = crate::render::heatmap::round_to_step(scale.low, step * 10.0);
        top = difference_label(scale.high - offset, step);
        bottom = difference_label(scale.low - offset, step);
        texts = ticks
            .iter()
            .map(|t| difference_label(t.value - offset, t.step.min(step)))
            .collect();
        let magnitude = loss_label_to(offset.abs(), step);
        title = format!(
            "J{}",
            offset_suffix(magnitude.trim_start_matches('−'), offset)
        );
    }
    let text_x = left + width + 6.0 * dpr;
    let y_of = |t: f64| a.top + (1.0 - t) * height;
    ctx.set_text_baseline("top");
    let _ = ctx.fill_text(&top, text_x, a.top);
    ctx.set_text_baseline("bottom");
    let _ = ctx.fill_text(&bottom, text_x, a.top + height);
    // A long title runs leftwards from the canvas's right edge, over the
    // empty margin above the plot.
    if title.chars().count() > 1 {
        ctx.set_text_align("right");
        let right = a.left + a.width + (MARGIN_RIGHT * dpr).round() - 4.0 * dpr;
        let _ = ctx.fill_text(&title, right, a.top - 5.0 * dpr);
        ctx.set_text_align("left");
    } else {
        let _ = ctx.fill_text(&title, left, a.top - 5.0 * dpr);
    }
    ctx.set_text_baseline("middle");
    for (tick, text) in ticks.iter().zip(&texts) {
        let y = y_of(scale.position(tick.value).unwrap_or(0.0));
        ctx.begin_path();
        ctx.move_to(left + width - 4.0 * dpr, y);
        ctx.line_to(left + width + 3.0 * dpr, y);
        ctx.stroke();
        let _ = ctx.fill_text(text, text_x, y);
    }
    Ok(())
}
