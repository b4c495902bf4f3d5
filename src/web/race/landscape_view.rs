//! The `LandscapeView` handle: the race's landscape picture, which a user
//! zooms and pans, with the racers' paths on a layer of their own and
//! their markers drawn over it every frame.

use crate::landscape::{self, Landscape, Window};
use crate::web::convert::{field_error, finite, finite_point, now, number, point, set};
use crate::web::draw::landscape_picture::{LandscapePicture, Resizing, FULL};
use crate::web::race::handle::RaceHandle;
use crate::web::race::overlay;
use js_sys::{Array, Object};
use wasm_bindgen::prelude::*;

/// The race canvas's CSS size in a 1280×720 window, where text is drawn at
/// its base size.
const SIZE_AT_PROJECTOR: (f64, f64) = (827.0, 463.0);

#[wasm_bindgen]
pub struct LandscapeView {
    picture: LandscapePicture,
    landscape: &'static dyn Landscape,
    paths: overlay::PathCache,
    /// Points in all racers' paths at the last draw: unchanged, the race
    /// is paused or done, and the path layer may have the frame.
    points: usize,
}

/// The path layer's share of its budgets on a frame the race took no
/// steps (a zoom, a pan or a rebuild while paused): the engine needs
/// none of the frame, so a rebuild finishes in half the frames.
const IDLE_SHARE: f64 = 2.0;

crate::web::draw::picture_handle::picture_methods!(LandscapeView, to_world);

#[wasm_bindgen]
impl LandscapeView {
    /// A view over two stacked canvases of the same CSS size, showing the
    /// first landscape of the catalogue until told otherwise.
    #[wasm_bindgen(constructor)]
    pub fn new(heat_canvas: JsValue, overlay_canvas: JsValue) -> Result<LandscapeView, JsError> {
        let landscape = landscape::catalogue()[0];
        Ok(LandscapeView {
            picture: LandscapePicture::new(
                heat_canvas,
                overlay_canvas,
                landscape.window(),
                FULL,
                Resizing::Keep {
                    reference: SIZE_AT_PROJECTOR,
                },
            )?,
            landscape,
            paths: overlay::PathCache::new()?,
            points: 0,
        })
    }

    /// Shows another landscape at its default window.
    pub fn set_landscape(&mut self, name: JsValue) -> Result<(), JsError> {
        let l = crate::web::convert::landscape(&name)?;
        self.show(l);
        Ok(())
    }

    /// Zooms by `factor` (> 1 zooms in) about the CSS pixel (px, py).
    pub fn zoom_at(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "number")] px: JsValue,
        #[wasm_bindgen(unchecked_param_type = "number")] py: JsValue,
        #[wasm_bindgen(unchecked_param_type = "number")] factor: JsValue,
    ) -> Result<(), JsError> {
        let [px, py] = finite_point(&px, &py, ["px", "py"])?;
        let factor = finite(number(&factor, "factor")?, "factor")?;
        if factor <= 0.0 {
            return Err(field_error("factor", format!("must be > 0, got {factor}")));
        }
        let dpr = self.picture.dpr();
        self.picture
            .viewport_mut()
            .zoom_at(px * dpr, py * dpr, factor.clamp(1e-3, 1e3));
        Ok(())
    }

    /// Drags the picture by (dx, dy) CSS pixels.
    pub fn pan(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "number")] dx: JsValue,
        #[wasm_bindgen(unchecked_param_type = "number")] dy: JsValue,
    ) -> Result<(), JsError> {
        let [dx, dy] = finite_point(&dx, &dy, ["dx", "dy"])?;
        let dpr = self.picture.dpr();
        self.picture.viewport_mut().pan(dx * dpr, dy * dpr);
        Ok(())
    }

    pub fn reset_view(&mut self) {
        self.picture.viewport_mut().reset();
    }

    /// `[x_min, x_max, y_min, y_max]` of the window shown.
    pub fn window(&self) -> Array {
        let w = self.picture.viewport().window();
        [w.x_min, w.x_max, w.y_min, w.y_max]
            .iter()
            .map(|&v| JsValue::from(v))
            .collect()
    }

    /// Shows a window (fitted to the plot's aspect); throws on garbage.
    pub fn set_window(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "number")] x_min: JsValue,
        #[wasm_bindgen(unchecked_param_type = "number")] x_max: JsValue,
        #[wasm_bindgen(unchecked_param_type = "number")] y_min: JsValue,
        #[wasm_bindgen(unchecked_param_type = "number")] y_max: JsValue,
    ) -> Result<(), JsError> {
        let x_min = number(&x_min, "x_min")?;
        let x_max = number(&x_max, "x_max")?;
        let y_min = number(&y_min, "y_min")?;
        let y_max = number(&y_max, "y_max")?;
        self.picture
            .viewport_mut()
            .set_window(Window::new(x_min, x_max, y_min, y_max))
            .map_err(|e| field_error("window", e))
    }

    /// `{x, y, loss}` under a CSS pixel, or null outside the plot area.
    pub fn hover(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] px: JsValue,
        #[wasm_bindgen(unchecked_param_type = "number")] py: JsValue,
    ) -> Result<JsValue, JsError> {
        let [px, py] = point(&px, &py, ["px", "py"])?;
        let Some(p) = self.picture.world(px, py) else {
            return Ok(JsValue::NULL);
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
        Ok(out)
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
        let colours = crate::web::draw::canvas::colours(colors);
        let (size, ink) = (self.picture.size(), self.picture.ink());
        let redraws = self.picture.needs_redraw();
        let (ctx, viewport) = self.picture.begin_frame(self.landscape)?;
        // A frame that redrew the heatmap (after a zoom or a pan) has spent
        // most of its time: the path layer takes what is left of about
        // 30 ms, and finishes its rebuild over the next frames.
        let points: usize = race.racers().iter().map(|t| t.path().len()).sum();
        let share = if redraws {
            (1.0 - (now() - began) / 30.0).clamp(0.15, 1.0)
        } else if points == self.points {
            IDLE_SHARE
        } else {
            1.0
        };
        self.points = points;
        overlay::draw(
            ctx,
            size,
            ink,
            viewport,
            race,
            &colours,
            &mut self.paths,
            share,
        );
        ctx.restore();
        Ok(now() - began)
    }

    /// Path entries not yet stroked onto the path layer after the last
    /// draw: the painter's backlog, which the animation loop keeps from
    /// growing (it is a whole rebuild's worth after a zoom or a resize).
    pub fn pending(&self) -> f64 {
        self.paths.pending() as f64
    }

    /// The ms the last landscape-layer redraw took (heatmap, contours,
    /// axes, colour bar).
    pub fn heatmap_ms(&self) -> f64 {
        self.picture.heatmap_ms()
    }
}

impl LandscapeView {
    fn show(&mut self, l: &'static dyn Landscape) {
        self.landscape = l;
        self.picture.show(l.window());
    }
}
