//! One learning-rate panel's landscape: the race view's landscape layer
//! (heatmap, contours, minima, axes) in a small frame, with one run's path
//! on a canvas above it. The landscape layer is redrawn only when the
//! landscape or the size changes.

use crate::landscape::{self, Landscape};
use crate::render::viewport::{PlotArea, Viewport};
use crate::run::trajectory::Status;
use crate::web::convert::canvas;
use crate::web::draw::canvas::{context, PixelPath};
use crate::web::draw::marks;
use crate::web::draw::static_layer;
use crate::web::lr::lab::{panel_index, LrLabHandle};
use wasm_bindgen::prelude::*;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// Margins in CSS pixels. A panel is too narrow for the race's colour bar:
/// the shared layer draws it just past the right edge, where the canvas
/// clips it, so the heatmap gets the width instead.
const LEFT: f64 = 40.0;
const TOP: f64 = 6.0;
const RIGHT: f64 = 6.0;
const BOTTOM: f64 = 40.0;

#[wasm_bindgen]
pub struct LrPanelView {
    heat: HtmlCanvasElement,
    heat_ctx: CanvasRenderingContext2d,
    overlay: HtmlCanvasElement,
    overlay_ctx: CanvasRenderingContext2d,
    landscape: &'static dyn Landscape,
    viewport: Viewport,
    size: (f64, f64),
    dpr: f64,
    dirty: bool,
}

fn plot_area(size: (f64, f64), dpr: f64) -> PlotArea {
    let (left, top) = ((LEFT * dpr).round(), (TOP * dpr).round());
    PlotArea::new(
        left,
        top,
        (size.0 - left - (RIGHT * dpr).round()).max(1.0),
        (size.1 - top - (BOTTOM * dpr).round()).max(1.0),
    )
}

#[wasm_bindgen]
impl LrPanelView {
    #[wasm_bindgen(constructor)]
    pub fn new(heat_canvas: JsValue, overlay_canvas: JsValue) -> Result<LrPanelView, JsError> {
        let heat = canvas(heat_canvas, "heatCanvas")?;
        let overlay = canvas(overlay_canvas, "overlayCanvas")?;
        let (heat_ctx, overlay_ctx) = (context(&heat)?, context(&overlay)?);
        let landscape = landscape::catalogue()[0];
        let size = (heat.width().max(1) as f64, heat.height().max(1) as f64);
        Ok(LrPanelView {
            heat,
            heat_ctx,
            overlay,
            overlay_ctx,
            landscape,
            viewport: Viewport::new(landscape.window(), plot_area(size, 1.0)),
            size,
            dpr: 1.0,
            dirty: true,
        })
    }

    /// Sets both canvases to `css × dpr` device pixels.
    pub fn resize(&mut self, css_width: f64, css_height: f64, dpr: f64) -> Result<(), JsError> {
        let (dpr, pw, ph) = crate::web::convert::device_size(css_width, css_height, dpr, 2048.0)?;
        let size = (pw as f64, ph as f64);
        for c in [&self.heat, &self.overlay] {
            c.set_width(size.0 as u32);
            c.set_height(size.1 as u32);
        }
        self.size = size;
        self.dpr = dpr;
        self.viewport.set_area(plot_area(size, dpr));
        self.viewport.set_default(self.landscape.window());
        self.dirty = true;
        Ok(())
    }

    /// The world point under a CSS pixel, or null outside the plot area.
    pub fn to_world(&self, px: f64, py: f64) -> JsValue {
        if !(px.is_finite() && py.is_finite()) {
            return JsValue::NULL;
        }
        let (px, py) = (px * self.dpr, py * self.dpr);
        if !self.viewport.contains_pixel(px, py) {
            return JsValue::NULL;
        }
        crate::web::convert::pair(self.viewport.to_world(px, py)).into()
    }

    /// Draws panel `i` of `lab`: the landscape layer if it changed, then
    /// the run's path in `colour`.
    pub fn draw(&mut self, lab: &LrLabHandle, i: f64, colour: JsValue) -> Result<(), JsError> {
        let i = panel_index(i)?;
        let colour = crate::web::convert::string(&colour, "colour")?;
        let colour = colour.as_str();
        let lab = lab.lab();
        if lab.landscape().name() != self.landscape.name() {
            self.landscape = lab.landscape();
            self.viewport.set_default(self.landscape.window());
            self.dirty = true;
        }
        if self.dirty {
            static_layer::draw(
                &self.heat_ctx,
                self.size,
                self.dpr,
                &self.viewport,
                self.landscape,
            )
            .map_err(|e| JsError::new(&format!("drawing the landscape failed: {e:?}")))?;
            self.dirty = false;
        }
        let t = lab.panel(i).map_err(crate::web::convert::error)?;
        let ctx = &self.overlay_ctx;
        let dpr = self.dpr;
        ctx.clear_rect(0.0, 0.0, self.size.0, self.size.1);
        let a = self.viewport.area();
        ctx.save();
        ctx.begin_path();
        ctx.rect(a.left, a.top, a.width, a.height);
        ctx.clip();
        ctx.set_line_join("round");
        ctx.set_line_cap("round");
        let start = self.viewport.to_pixel(lab.start());
        marks::start(ctx, dpr, start);
        let mut line = PixelPath::new();
        for p in t.path().chunks_exact(2) {
            line.line_to(self.viewport.to_pixel([p[0], p[1]]));
        }
        if let Some(p2d) = line.build() {
            marks::cased_path(ctx, dpr, &p2d, colour);
        }
        // A run that left the window is marked where it crossed the edge.
        let [hx, hy] = self.viewport.to_pixel(t.point());
        let here = [
            hx.clamp(a.left, a.left + a.width),
            hy.clamp(a.top, a.top + a.height),
        ];
        if matches!(t.status(), Status::Diverged { .. }) {
            marks::cross(ctx, dpr, here, colour);
        } else {
            marks::dot(ctx, dpr, here, colour);
        }
        ctx.restore();
        Ok(())
    }
}
