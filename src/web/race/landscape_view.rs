//! The `LandscapeView` handle: two stacked canvases, the landscape layer
//! below (redrawn only when dirty) and the race overlay above (redrawn every
//! frame). JS speaks CSS pixels; the view multiplies by the device pixel
//! ratio itself, so everything is drawn at the screen's full resolution.

use crate::landscape::{self, Landscape, Window};
use crate::render::axis::text_scale;
use crate::render::viewport::{PlotArea, Viewport};
use crate::web::convert::{canvas, field_error, finite, now, pair, set, string};
use crate::web::draw::canvas::{context, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP};
use crate::web::draw::static_layer;
use crate::web::race::handle::RaceHandle;
use crate::web::race::overlay;
use js_sys::{Array, Object};
use wasm_bindgen::prelude::*;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// The largest canvas side in device pixels: a 4K monitor at full size,
/// while keeping a heatmap recompute bounded.
const MAX_SIDE_PX: f64 = 4096.0;
/// The race canvas's CSS size in a 1280×720 window, where text is drawn at
/// its base size.
const SIZE_AT_PROJECTOR: (f64, f64) = (827.0, 463.0);

#[wasm_bindgen]
pub struct LandscapeView {
    heat: HtmlCanvasElement,
    heat_ctx: CanvasRenderingContext2d,
    overlay: HtmlCanvasElement,
    overlay_ctx: CanvasRenderingContext2d,
    landscape: &'static dyn Landscape,
    viewport: Viewport,
    /// Canvas size in device pixels, and the ratio to CSS pixels.
    size: (f64, f64),
    dpr: f64,
    /// Device pixels per CSS pixel of text and lines: `dpr`, times how much
    /// a big canvas enlarges them.
    ink: f64,
    dirty: bool,
    heatmap_ms: f64,
    paths: overlay::PathCache,
}

/// The plot area inside margins that hold the labels, so they grow as the
/// labels do (`ink`: device pixels per CSS pixel of text).
fn plot_area(size: (f64, f64), dpr: f64) -> PlotArea {
    let left = (MARGIN_LEFT * dpr).round();
    let top = (MARGIN_TOP * dpr).round();
    let right = (MARGIN_RIGHT * dpr).round();
    let bottom = (MARGIN_BOTTOM * dpr).round();
    PlotArea::new(
        left,
        top,
        (size.0 - left - right).max(1.0),
        (size.1 - top - bottom).max(1.0),
    )
}

#[wasm_bindgen]
impl LandscapeView {
    /// A view over two stacked canvases of the same CSS size, showing the
    /// first landscape of the catalogue until told otherwise.
    #[wasm_bindgen(constructor)]
    pub fn new(heat_canvas: JsValue, overlay_canvas: JsValue) -> Result<LandscapeView, JsError> {
        let heat = canvas(heat_canvas, "heatCanvas")?;
        let overlay = canvas(overlay_canvas, "overlayCanvas")?;
        let heat_ctx = context(&heat)?;
        let overlay_ctx = context(&overlay)?;
        let landscape = landscape::catalogue()[0];
        let size = (heat.width().max(1) as f64, heat.height().max(1) as f64);
        Ok(LandscapeView {
            heat,
            heat_ctx,
            overlay,
            overlay_ctx,
            landscape,
            viewport: Viewport::new(landscape.window(), plot_area(size, 1.0)),
            size,
            dpr: 1.0,
            ink: 1.0,
            dirty: true,
            heatmap_ms: 0.0,
            paths: overlay::PathCache::new()?,
        })
    }

    /// Sets both canvases to `css × dpr` device pixels and keeps the visible
    /// window in view.
    pub fn resize(&mut self, css_width: f64, css_height: f64, dpr: f64) -> Result<(), JsError> {
        let positive = |x: f64, field: &str| -> Result<f64, JsError> {
            let x = finite(x, field)?;
            if x > 0.0 {
                Ok(x)
            } else {
                Err(field_error(field, format!("must be > 0, got {x}")))
            }
        };
        let css_width = positive(css_width, "cssWidth")?.min(MAX_SIDE_PX);
        let css_height = positive(css_height, "cssHeight")?.min(MAX_SIDE_PX);
        let mut dpr = positive(dpr, "devicePixelRatio")?.clamp(0.5, 8.0);
        dpr = dpr.min(MAX_SIDE_PX / css_width.max(css_height));
        let size = (
            (css_width * dpr).round().max(1.0),
            (css_height * dpr).round().max(1.0),
        );
        // Same size, nothing to do: assigning a canvas's size clears it and
        // reallocates its backing store, and a recompute is not free.
        let (w, h) = (size.0 as u32, size.1 as u32);
        let unchanged = [&self.heat, &self.overlay]
            .iter()
            .all(|c| c.width() == w && c.height() == h);
        let ink = dpr * text_scale((css_width, css_height), SIZE_AT_PROJECTOR);
        if unchanged && size == self.size && dpr == self.dpr && ink == self.ink {
            return Ok(());
        }
        for c in [&self.heat, &self.overlay] {
            c.set_width(w);
            c.set_height(h);
        }
        self.size = size;
        self.dpr = dpr;
        self.ink = ink;
        self.viewport.set_area(plot_area(size, ink));
        self.dirty = true;
        Ok(())
    }

    /// Shows another landscape at its default window.
    pub fn set_landscape(&mut self, name: JsValue) -> Result<(), JsError> {
        let l =
            landscape::by_name(&string(&name, "landscape")?).map_err(crate::web::convert::error)?;
        self.show(l);
        Ok(())
    }

    /// Zooms by `factor` (> 1 zooms in) about the CSS pixel (px, py).
    pub fn zoom_at(&mut self, px: f64, py: f64, factor: f64) -> Result<(), JsError> {
        let (px, py) = (finite(px, "px")?, finite(py, "py")?);
        let factor = finite(factor, "factor")?;
        if factor <= 0.0 {
            return Err(field_error("factor", format!("must be > 0, got {factor}")));
        }
        self.viewport
            .zoom_at(px * self.dpr, py * self.dpr, factor.clamp(1e-3, 1e3));
        self.dirty = true;
        Ok(())
    }

    /// Drags the picture by (dx, dy) CSS pixels.
    pub fn pan(&mut self, dx: f64, dy: f64) -> Result<(), JsError> {
        let (dx, dy) = (finite(dx, "dx")?, finite(dy, "dy")?);
        self.viewport.pan(dx * self.dpr, dy * self.dpr);
        self.dirty = true;
        Ok(())
    }

    pub fn reset_view(&mut self) {
        self.viewport.reset();
        self.dirty = true;
    }

    /// `[x_min, x_max, y_min, y_max]` of the window shown.
    pub fn window(&self) -> Array {
        let w = self.viewport.window();
        [w.x_min, w.x_max, w.y_min, w.y_max]
            .iter()
            .map(|&v| JsValue::from(v))
            .collect()
    }

    /// Shows a window (fitted to the plot's aspect); throws on garbage.
    pub fn set_window(
        &mut self,
        x_min: f64,
        x_max: f64,
        y_min: f64,
        y_max: f64,
    ) -> Result<(), JsError> {
        self.viewport
            .set_window(Window::new(x_min, x_max, y_min, y_max))
            .map_err(|e| field_error("window", e))?;
        self.dirty = true;
        Ok(())
    }

    /// The world point under a CSS pixel, or null outside the plot area.
    pub fn to_world(&self, px: f64, py: f64) -> JsValue {
        match self.world(px, py) {
            Some(p) => pair(p).into(),
            None => JsValue::NULL,
        }
    }

    /// `{x, y, loss}` under a CSS pixel, or null outside the plot area.
    pub fn hover(&self, px: f64, py: f64) -> JsValue {
        let Some(p) = self.world(px, py) else {
            return JsValue::NULL;
        };
        let out: JsValue = Object::new().into();
        set(&out, "x", &p[0].into());
        set(&out, "y", &p[1].into());
        let loss = self.landscape.loss(p);
        set(
            &out,
            "loss",
            &if loss.is_finite() {
                loss.into()
            } else {
                JsValue::NULL
            },
        );
        out
    }

    /// Draws a frame: the landscape layer if dirty, the race overlay always.
    /// `colors` holds one CSS colour per racer. Returns the ms spent. If the
    /// race is on another landscape, the view follows it.
    pub fn draw(&mut self, race: &RaceHandle, colors: JsValue) -> Result<f64, JsError> {
        let began = now();
        let race = race.race();
        if race.landscape().name() != self.landscape.name() {
            self.show(race.landscape());
        }
        if self.dirty {
            static_layer::draw(
                &self.heat_ctx,
                self.size,
                self.ink,
                &self.viewport,
                self.landscape,
            )
            .map_err(|e| JsError::new(&format!("drawing the landscape failed: {e:?}")))?;
            self.dirty = false;
            self.heatmap_ms = now() - began;
        }
        let colours = crate::web::draw::canvas::colours(colors);
        overlay::draw(
            &self.overlay_ctx,
            self.size,
            self.ink,
            &self.viewport,
            race,
            &colours,
            &mut self.paths,
        );
        Ok(now() - began)
    }

    /// The ms the last landscape-layer redraw took (heatmap, contours,
    /// axes, colour bar).
    pub fn heatmap_ms(&self) -> f64 {
        self.heatmap_ms
    }
}

impl LandscapeView {
    fn show(&mut self, l: &'static dyn Landscape) {
        self.landscape = l;
        self.viewport.set_default(l.window());
        self.dirty = true;
    }

    fn world(&self, px: f64, py: f64) -> Option<[f64; 2]> {
        if !(px.is_finite() && py.is_finite()) {
            return None;
        }
        let (px, py) = (px * self.dpr, py * self.dpr);
        self.viewport
            .contains_pixel(px, py)
            .then(|| self.viewport.to_world(px, py))
    }
}
