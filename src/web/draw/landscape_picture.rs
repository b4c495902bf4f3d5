//! The one landscape picture: a loss drawn on two stacked canvases, the
//! heatmap layer below (heatmap, contours, minima, axes, colour bar;
//! redrawn only when the loss, the window or the size changes) and an
//! overlay above, cleared and redrawn every frame. The race, the
//! learning-rate panels, the mini-batch lab and the backprop view all draw
//! with it; the race adds zoom, pan and its path layer on top.
//!
//! JS speaks CSS pixels; the picture multiplies by the device pixel ratio
//! itself, so everything is drawn at the screen's full resolution.

use crate::landscape::{Landscape, Point, Window};
use crate::render::axis::{legible_scale, text_scale};
use crate::render::viewport::{PlotArea, Viewport};
use crate::web::convert::{canvas, field_error, finite, now};
use crate::web::draw::canvas::{context, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP};
use crate::web::draw::static_layer;
use wasm_bindgen::prelude::*;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// The largest canvas side in device pixels: a 4K monitor at full size,
/// while keeping a heatmap recompute bounded.
pub const MAX_SIDE_PX: f64 = 4096.0;

/// Room around the plot for the axes and the colour bar, in CSS pixels of
/// text (they grow as the labels do).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Margins {
    pub left: f64,
    pub top: f64,
    pub right: f64,
    pub bottom: f64,
}

/// A full-size picture's margins: axes on two sides, the colour bar right.
pub const FULL: Margins = Margins {
    left: MARGIN_LEFT,
    top: MARGIN_TOP,
    right: MARGIN_RIGHT,
    bottom: MARGIN_BOTTOM,
};

/// How a picture behaves when it changes size.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Resizing {
    /// Back to the default window (the labs' fixed views); text at its
    /// base size, grown only by the legibility rule.
    Refit,
    /// The visible window stays, and text grows with the canvas from its
    /// base size at this CSS size (the race, which a user zooms and pans).
    Keep { reference: (f64, f64) },
}

pub struct LandscapePicture {
    heat: HtmlCanvasElement,
    heat_ctx: CanvasRenderingContext2d,
    overlay: HtmlCanvasElement,
    overlay_ctx: CanvasRenderingContext2d,
    viewport: Viewport,
    margins: Margins,
    resizing: Resizing,
    /// Device pixels.
    size: (f64, f64),
    dpr: f64,
    /// Device pixels per CSS pixel of text and lines.
    ink: f64,
    /// The heatmap layer needs redrawing.
    dirty: bool,
    heatmap_ms: f64,
}

/// The plot inside the margins, in device pixels.
fn plot_area(size: (f64, f64), ink: f64, m: Margins) -> PlotArea {
    let (l, t) = ((m.left * ink).round(), (m.top * ink).round());
    let (r, b) = ((m.right * ink).round(), (m.bottom * ink).round());
    PlotArea::new(l, t, (size.0 - l - r).max(1.0), (size.1 - t - b).max(1.0))
}

fn positive(x: f64, field: &str) -> Result<f64, JsError> {
    let x = finite(x, field)?;
    if x > 0.0 {
        Ok(x)
    } else {
        Err(field_error(field, format!("must be > 0, got {x}")))
    }
}

impl LandscapePicture {
    /// The two canvases (errors name `heatCanvas` or `overlayCanvas`),
    /// showing `window`.
    pub fn new(
        heat: JsValue,
        overlay: JsValue,
        window: Window,
        margins: Margins,
        resizing: Resizing,
    ) -> Result<Self, JsError> {
        let heat = canvas(heat, "heatCanvas")?;
        let overlay = canvas(overlay, "overlayCanvas")?;
        let size = (heat.width().max(1) as f64, heat.height().max(1) as f64);
        Ok(LandscapePicture {
            heat_ctx: context(&heat)?,
            overlay_ctx: context(&overlay)?,
            heat,
            overlay,
            viewport: Viewport::new(window, plot_area(size, 1.0, margins)),
            margins,
            resizing,
            size,
            dpr: 1.0,
            ink: 1.0,
            dirty: true,
            heatmap_ms: 0.0,
        })
    }

    /// Both canvases to `css × dpr` device pixels (at most `MAX_SIDE_PX` a
    /// side). Nothing happens when nothing changed: assigning a canvas's
    /// size clears it and reallocates its backing store.
    pub fn resize(&mut self, css_width: f64, css_height: f64, dpr: f64) -> Result<(), JsError> {
        let w = positive(css_width, "cssWidth")?.min(MAX_SIDE_PX);
        let h = positive(css_height, "cssHeight")?.min(MAX_SIDE_PX);
        let dpr = positive(dpr, "devicePixelRatio")?
            .clamp(0.5, 8.0)
            .min(MAX_SIDE_PX / w.max(h));
        let size = ((w * dpr).round().max(1.0), (h * dpr).round().max(1.0));
        // Text grows on a projector by the legibility rule (labels at least
        // 1/60 of the viewport's height); a zoomable picture also by its
        // own growth from its reference size.
        let ink = match self.resizing {
            Resizing::Refit => dpr * legible_scale(crate::web::convert::viewport()),
            Resizing::Keep { reference } => {
                dpr * text_scale((w, h), reference, crate::web::convert::viewport())
            }
        };
        let (pw, ph) = (size.0 as u32, size.1 as u32);
        let unchanged = [&self.heat, &self.overlay]
            .iter()
            .all(|c| c.width() == pw && c.height() == ph);
        if unchanged && size == self.size && dpr == self.dpr && ink == self.ink {
            return Ok(());
        }
        for c in [&self.heat, &self.overlay] {
            c.set_width(pw);
            c.set_height(ph);
        }
        self.size = size;
        self.dpr = dpr;
        self.ink = ink;
        self.viewport.set_area(plot_area(size, ink, self.margins));
        if self.resizing == Resizing::Refit {
            self.viewport.reset();
        }
        self.dirty = true;
        Ok(())
    }

    /// Another loss (or another look at it): the heatmap layer is redrawn
    /// on the next frame.
    pub fn invalidate(&mut self) {
        self.dirty = true;
    }

    /// Shows `window` as the default view, refitted.
    pub fn show(&mut self, window: Window) {
        self.viewport.set_default(window);
        self.viewport.reset();
        self.dirty = true;
    }

    pub fn dpr(&self) -> f64 {
        self.dpr
    }

    /// Device pixels per CSS pixel of text and lines.
    pub fn ink(&self) -> f64 {
        self.ink
    }

    /// The canvases' size in device pixels.
    pub fn size(&self) -> (f64, f64) {
        self.size
    }

    pub fn viewport(&self) -> &Viewport {
        &self.viewport
    }

    /// The viewport to zoom or pan; the heatmap layer follows.
    pub fn viewport_mut(&mut self) -> &mut Viewport {
        self.dirty = true;
        &mut self.viewport
    }

    /// The ms the last heatmap-layer redraw took.
    pub fn heatmap_ms(&self) -> f64 {
        self.heatmap_ms
    }

    /// Whether the next `begin_frame` redraws the heatmap layer (a frame
    /// that does has spent much of its time).
    pub fn needs_redraw(&self) -> bool {
        self.dirty
    }

    /// The world point under a CSS pixel, if it is inside the plot.
    pub fn world(&self, px: f64, py: f64) -> Option<Point> {
        let (px, py) = (px * self.dpr, py * self.dpr);
        (px.is_finite() && py.is_finite() && self.viewport.contains_pixel(px, py))
            .then(|| self.viewport.to_world(px, py))
    }

    /// The world point under a CSS pixel as `[x, y]`, or null.
    pub fn to_world(&self, px: f64, py: f64) -> JsValue {
        self.world(px, py)
            .map_or(JsValue::NULL, |p| crate::web::convert::pair(p).into())
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
            let began = now();
            static_layer::draw(
                &self.heat_ctx,
                self.size,
                self.ink,
                &self.viewport,
                landscape,
            )
            .map_err(|e| JsError::new(&format!("drawing the loss landscape failed: {e:?}")))?;
            self.dirty = false;
            self.heatmap_ms = now() - began;
        }
        let ctx = &self.overlay_ctx;
        ctx.clear_rect(0.0, 0.0, self.size.0, self.size.1);
        crate::web::draw::canvas::clip_to_plot(ctx, self.viewport.area());
        Ok((ctx, &self.viewport))
    }
}
