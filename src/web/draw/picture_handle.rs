//! What every handle around the one landscape picture exports the same
//! way: `resize`, and (for the handles whose picture can be clicked
//! anywhere) `to_world`. wasm-bindgen exports no trait or generic method,
//! so one macro writes these methods into each handle's class.

/// Exports `resize` (and with `to_world`, that too) on `$handle`, whose
/// `LandscapePicture` is in its field `picture`.
macro_rules! picture_methods {
    ($handle:ident) => {
        #[wasm_bindgen::prelude::wasm_bindgen]
        impl $handle {
            /// Sets both canvases to `css × dpr` device pixels, keeping the
            /// window shown in view.
            pub fn resize(
                &mut self,
                #[wasm_bindgen(unchecked_param_type = "number")] css_width: wasm_bindgen::JsValue,
                #[wasm_bindgen(unchecked_param_type = "number")] css_height: wasm_bindgen::JsValue,
                #[wasm_bindgen(unchecked_param_type = "number")] dpr: wasm_bindgen::JsValue,
            ) -> Result<(), wasm_bindgen::JsError> {
                let css_width = $crate::web::convert::number(&css_width, "css_width")?;
                let css_height = $crate::web::convert::number(&css_height, "css_height")?;
                let dpr = $crate::web::convert::number(&dpr, "dpr")?;
                self.picture.resize(css_width, css_height, dpr)
            }
        }
    };
    ($handle:ident, to_world) => {
        $crate::web::draw::picture_handle::picture_methods!($handle);

        #[wasm_bindgen::prelude::wasm_bindgen]
        impl $handle {
            /// The world point under a CSS pixel, or null outside the plot area.
            pub fn to_world(
                &self,
                #[wasm_bindgen(unchecked_param_type = "number")] px: wasm_bindgen::JsValue,
                #[wasm_bindgen(unchecked_param_type = "number")] py: wasm_bindgen::JsValue,
            ) -> Result<wasm_bindgen::JsValue, wasm_bindgen::JsError> {
                let [px, py] = $crate::web::convert::point(&px, &py, ["px", "py"])?;
                Ok(self.picture.to_world(px, py))
            }
        }
    };
}

pub(crate) use picture_methods;
