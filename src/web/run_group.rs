//! What the `Race` and `LrLab` handles share, as their engine labs share
//! `labs::run_group::RunGroup`: the landscape, the start, reset and
//! advance. wasm-bindgen exports no trait or generic method, so one macro
//! writes these methods into each handle's class.

/// Exports, on the handle `$handle` (JS class `$js`) whose engine lab, an
/// `$engine`, is its one field `$lab`, the constructor and the methods
/// every run-group lab answers the same way. `$max_steps` is the lab's
/// step budget, which caps `advance(n)`.
macro_rules! run_group_methods {
    ($handle:ident, $js:ident, $lab:ident: $engine:ty, $max_steps:expr) => {
        #[wasm_bindgen::prelude::wasm_bindgen(js_class = $js)]
        impl $handle {
            /// The lab on the named landscape, from its default start.
            #[wasm_bindgen(constructor)]
            pub fn new(landscape: wasm_bindgen::JsValue) -> Result<$handle, wasm_bindgen::JsError> {
                let landscape = $crate::web::convert::landscape(&landscape)?;
                Ok($handle {
                    $lab: <$engine>::new(landscape),
                })
            }

            /// Moves to the named landscape and its default start; every run
            /// restarts.
            pub fn set_landscape(
                &mut self,
                name: wasm_bindgen::JsValue,
            ) -> Result<(), wasm_bindgen::JsError> {
                let landscape = $crate::web::convert::landscape(&name)?;
                self.$lab.set_landscape(landscape);
                Ok(())
            }

            /// The landscape's catalogue name.
            pub fn landscape(&self) -> String {
                self.$lab.landscape().name().to_string()
            }

            /// Moves the shared start (world coordinates); every run restarts.
            pub fn set_start(
                &mut self,
                #[wasm_bindgen(unchecked_param_type = "number")] x: wasm_bindgen::JsValue,
                #[wasm_bindgen(unchecked_param_type = "number")] y: wasm_bindgen::JsValue,
            ) -> Result<(), wasm_bindgen::JsError> {
                let start = $crate::web::convert::point(&x, &y, ["x", "y"])?;
                self.$lab
                    .set_start(start)
                    .map_err($crate::web::convert::error)
            }

            /// `[x, y]` of the shared start.
            pub fn start(&self) -> js_sys::Array {
                $crate::web::convert::pair(self.$lab.start())
            }

            /// Every run back to the start, step 0.
            pub fn reset(&mut self) {
                self.$lab.reset();
            }

            /// Up to `n` more steps for every running run; returns the steps
            /// taken by all runs together.
            pub fn advance(
                &mut self,
                #[wasm_bindgen(unchecked_param_type = "number")] n: wasm_bindgen::JsValue,
            ) -> Result<usize, wasm_bindgen::JsError> {
                let n = $crate::web::convert::step_request(&n, $max_steps)?;
                Ok(self.$lab.advance(n))
            }

            /// True when no run is still going.
            pub fn all_finished(&self) -> bool {
                self.$lab.all_finished()
            }
        }
    };
}

pub(crate) use run_group_methods;
