//! `catalogue()` and `display_rule(config)`: the engine's tables and
//! teaching text for the page, which renders them and declares none of its
//! own (the catalogue itself is built natively, in `crate::catalogue`).

use crate::optim::{self, OptimizerConfig};
use crate::web::convert::{error, object, to_js};
use serde_json::Value;
use wasm_bindgen::prelude::*;

/// Landscapes, optimizers (with Keras's defaults, their displayed rule and
/// note), schedules (with their parameter tables), activations,
/// initializers, data sets, the palette, the limits the UI enforces and the
/// lecture's three learning rates, as one plain object; see
/// `crate::catalogue` for its keys.
#[wasm_bindgen]
pub fn catalogue() -> JsValue {
    thread_local! {
        static TEXT: Value = crate::catalogue::catalogue();
    }
    TEXT.with(to_js)
}

/// The update rule of an optimizer config (`{name, …hyperparameters}`, as
/// `Race.add_racer` takes it) as the lines to display, in the markup that
/// `www/js/math.js` renders: the variant the settings select, after the
/// clipping and weight decay that are set. Throws on a bad config.
#[wasm_bindgen]
pub fn display_rule(config: JsValue) -> Result<Vec<String>, JsError> {
    let config =
        OptimizerConfig::from_json(&object(&config, "optimizer")?, "optimizer").map_err(error)?;
    Ok(optim::display_rule(&config))
}
