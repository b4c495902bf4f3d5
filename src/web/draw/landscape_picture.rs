//! A landscape drawn on two stacked canvases, for the labs that show one
//! fixed view of a loss (the mini-batch lab, the backprop view): the
//! heatmap layer, redrawn only when the loss or the size changes, and the
//! overlay, cleared and redrawn every frame.

use crate::landscape::{Landscape, Window};
use crate::render::viewport::{PlotArea, Viewport};
use crate::web::convert::{canvas, finite, pair};
use crate::web::draw::canvas::{context, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP};
use crate::web::draw::static_layer;
use wasm_bindgen::prelude::*;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

pub struct LandscapePicture {
    heat: HtmlCanvasElement,
    heat_ctx: CanvasRenderingContext2d,
    overlay: HtmlCanvasElement,
    overlay_ctx: CanvasRenderingContext2d,
    viewport: Viewport,
    /// Device pixels.
    size: (f64, f64),
    dpr: f64,
    /// The heatmap layer needs redrawing.
    dirty: bool,
}

/// The plot inside the margins that hold the axes and the colour bar.
fn plot_area(size: (f64, f64), dpr: f64) -> PlotArea {
    let (l, t) = ((MARGIN_LEFT * dpr).round(), (MARGIN_TOP * dpr).round());
    let (r, b) = ((MARGIN_RIGHT * dpr).round(), (MARGIN_BOTTOM * dpr).round());
    PlotArea::new(l, t, (size.0 - l - r).max(1.0), (size.1 - t - b).max(1.0))
}

impl LandscapePicture {
    /// The two canvases (errors name `heatCanvas` or `overlayCanvas`),
    /// showing `window`.
    pub fn new(heat: JsValue, overlay: JsValue, window: Window) -> Result<Self, JsError> {
        let heat = canvas(heat, "heatCanvas")?;
        let overlay = canvas(overlay, "overlayCanvas")?;
        let size = (heat.width().max(1) as f64, heat.height().max(1) as f64);
        Ok(LandscapePicture {
            heat_ctx: context(&heat)?,
            overlay_ctx: context(&overlay)?,
            heat,
            overlay,
            viewport: Viewport::new(window, plot_area(size, 1.0)),
            size,
            dpr: 1.0,
            dirty: true,
        })
    }

    /// Both canvases to `css × dpr` device pixels (at most 4096 a side),
    /// with the default window in view.
    pub fn resize(&mut self, css_width: f64, css_height: f64, dpr: f64) -> Result<(), JsError> {
        let w = finite(css_width, "cssWidth")?.clamp(1.0, 4096.0);
        let h = finite(css_height, "cssHeight")?.clamp(1.0, 4096.0);
        let dpr = finite(dpr, "devicePixelRatio")?
            .clamp(0.5, 8.0)
            .min(4096.0 / w.max(h));
        let size = ((w * dpr).round().max(1.0), (h * dpr).round().max(1.0));
        for c in [&self.heat, &self.overlay] {
            c.set_width(size.0 as u32);
            c.set_height(size.1 as u32);
        }
        self.size = size;
        self.dpr = dpr;
        self.viewport.set_area(plot_area(size, dpr));
        self.viewport.reset();
        self.dirty = true;
        Ok(())
    }

    /// The loss changed: the heatmap layer is redrawn on the next frame.
    pub fn invalidate(&mut self) {
        self.dirty = true;
    }

    pub fn dpr(&self) -> f64 {
        self.dpr
    }

    /// The world point under a CSS pixel, or null outside the plot area.
    pub fn to_world(&self, px: f64, py: f64) -> JsValue {
        let (px, py) = (px * self.dpr, py * self.dpr);
        if !(px.is_finite() && py.is_finite() && self.viewport.contains_pixel(px, py)) {
            return JsValue::NULL;
        }
        pair(self.viewport.to_world(px, py)).into()
    }

    /// Draws `landscape` on the heatmap layer if it needs it, then clears
    /// the overlay and clips it to the plot area. Returns the overlay's
    /// context, for the caller to draw on and then `restore()`, and the
    /// viewport that maps the world onto it.
    pub fn begin_frame(
        &mut self,
        landscape: &dyn Landscape,
    ) -> Result<(&CanvasRenderingContext2d, &Viewport), JsError> {
        if self.dirty {
            static_layer::draw(
                &self.heat_ctx,
                self.size,
                self.dpr,
                &self.viewport,
                landscape,
            )
            .map_err(|e| JsError::new(&format!("drawing the loss landscape failed: {e:?}")))?;
            self.dirty = false;
        }
        let ctx = &self.overlay_ctx;
        ctx.clear_rect(0.0, 0.0, self.size.0, self.size.1);
        let a = self.viewport.area();
        ctx.save();
        ctx.begin_path();
        ctx.rect(a.left, a.top, a.width, a.height);
        ctx.clip();
        ctx.set_line_join("round");
        Ok((ctx, &self.viewport))
    }
}
