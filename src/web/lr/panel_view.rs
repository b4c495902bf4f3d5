//! One learning-rate panel: the one landscape picture in a small frame,
//! with one run's path above it.

use crate::landscape::{self, Landscape};
use crate::run::trajectory::Status;
use crate::web::convert::number;
use crate::web::draw::canvas::PixelPath;
use crate::web::draw::landscape_picture::{LandscapePicture, Margins, Resizing};
use crate::web::draw::marks;
use crate::web::lr::lab::{panel_index, LrLabHandle};
use wasm_bindgen::prelude::*;

/// A panel is too narrow for the race's colour bar: the shared layer draws
/// it just past the right edge, where the canvas clips it, so the heatmap
/// gets the width instead. The top leaves room for the y axis's title,
/// which sits above the plot (at 6 it was cut off, with the top tick
/// label).
const PANEL: Margins = Margins {
    left: 40.0,
    top: 20.0,
    right: 6.0,
    bottom: 40.0,
};

#[wasm_bindgen]
pub struct LrPanelView {
    picture: LandscapePicture,
    landscape: &'static dyn Landscape,
}

crate::web::draw::picture_handle::picture_methods!(LrPanelView, to_world);

#[wasm_bindgen]
impl LrPanelView {
    #[wasm_bindgen(constructor)]
    pub fn new(heat_canvas: JsValue, overlay_canvas: JsValue) -> Result<LrPanelView, JsError> {
        let landscape = landscape::catalogue()[0];
        Ok(LrPanelView {
            picture: LandscapePicture::new(
                heat_canvas,
                overlay_canvas,
                landscape.window(),
                PANEL,
                Resizing::Refit,
            )?,
            landscape,
        })
    }

    /// Draws panel `i` of `lab`: the landscape layer if it changed, then
    /// the run's path in `colour`.
    pub fn draw(
        &mut self,
        lab: &LrLabHandle,
        #[wasm_bindgen(unchecked_param_type = "number")] i: JsValue,
        colour: JsValue,
    ) -> Result<(), JsError> {
        let i = number(&i, "i")?;
        let i = panel_index(i)?;
        let colour = crate::web::convert::string(&colour, "colour")?;
        let colour = colour.as_str();
        let lab = lab.lab();
        if lab.landscape().name() != self.landscape.name() {
            self.landscape = lab.landscape();
            self.picture.show(self.landscape.window());
        }
        let t = lab.panel(i).map_err(crate::web::convert::error)?;
        let dpr = self.picture.dpr();
        let (ctx, viewport) = self.picture.begin_frame(self.landscape)?;
        let a = viewport.area();
        let start = viewport.to_pixel(lab.start());
        marks::start(ctx, dpr, start);
        let mut line = PixelPath::new();
        for p in t.path().chunks_exact(2) {
            line.line_to(viewport.to_pixel([p[0], p[1]]));
        }
        if let Some(p2d) = line.build() {
            marks::cased_path(ctx, dpr, &p2d, colour);
        }
        // A run that left the window is marked where it crossed the edge.
        let [hx, hy] = viewport.to_pixel(t.point());
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
