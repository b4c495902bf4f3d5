//! The `LrLab` handle: the engine's learning-rate lab behind an opaque JS
//! object. JS sets the landscape, optimizer, schedule and rates; the engine
//! runs the four panels and words their outcomes.

use crate::labs::learning_rate::{self, LrLab as EngineLab, PANELS, PANEL_NAMES};
use crate::optim::{OptimizerConfig, Schedule};
use crate::web::convert::{error, number, object, to_js, whole};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(js_name = LrLab)]
pub struct LrLabHandle {
    lab: EngineLab,
}

impl LrLabHandle {
    pub(super) fn lab(&self) -> &EngineLab {
        &self.lab
    }
}

pub(super) fn panel_index(i: f64) -> Result<usize, JsError> {
    Ok(whole(i, "panel", 0, PANELS as u64 - 1)? as usize)
}

/// A config from `{name, ...hyperparameters}`, checked by the engine.
pub(super) fn optimizer_config(value: &JsValue) -> Result<OptimizerConfig, JsError> {
    OptimizerConfig::from_json(&object(value, "optimizer")?, "optimizer").map_err(error)
}

// `new`: plain SGD at the lecture's three rates and "yours".
crate::web::run_group::run_group_methods!(
    LrLabHandle,
    LrLab,
    lab: EngineLab,
    learning_rate::MAX_STEPS
);

#[wasm_bindgen(js_class = LrLab)]
impl LrLabHandle {
    /// The four panels as one race spec (with the lab's schedule), for
    /// `keras_code`.
    pub fn keras_spec(&self) -> JsValue {
        to_js(&self.lab.keras_spec())
    }

    /// The panels' names: "too small", "stable", "too large", "yours".
    pub fn panel_names() -> js_sys::Array {
        PANEL_NAMES.iter().map(|n| JsValue::from_str(n)).collect()
    }

    /// `{name, ...hyperparameters}` for every panel (its learning_rate is
    /// ignored: each panel keeps its own); every panel restarts.
    pub fn set_optimizer(&mut self, optimizer: JsValue) -> Result<(), JsError> {
        let config = optimizer_config(&optimizer)?;
        self.lab.set_optimizer(config);
        Ok(())
    }

    /// The optimizer's full config, Keras's defaults filled in.
    pub fn optimizer(&self) -> JsValue {
        to_js(&self.lab.optimizer().to_json())
    }

    /// `{name, ...parameters}` (Keras's names) or null for none; the
    /// schedule starts from each panel's rate. Every panel restarts.
    pub fn set_schedule(&mut self, schedule: JsValue) -> Result<(), JsError> {
        if schedule.is_null() || schedule.is_undefined() {
            self.lab.set_schedule(None);
            return Ok(());
        }
        let map = object(&schedule, "schedule")?;
        // The panels' rates replace the schedule's own starting rate, so any
        // valid placeholder does here.
        let parsed = Schedule::from_json(&map, "schedule", 1.0).map_err(error)?;
        self.lab.set_schedule(Some(parsed));
        Ok(())
    }

    /// Panel `i` gets a new rate and restarts.
    pub fn set_learning_rate(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "number")] i: JsValue,
        #[wasm_bindgen(unchecked_param_type = "number")] learning_rate: JsValue,
    ) -> Result<(), JsError> {
        let i = number(&i, "i")?;
        let learning_rate = number(&learning_rate, "learning_rate")?;
        let i = panel_index(i)?;
        self.lab.set_learning_rate(i, learning_rate).map_err(error)
    }

    pub fn learning_rates(&self) -> js_sys::Float64Array {
        js_sys::Float64Array::from(self.lab.learning_rates().as_slice())
    }

    /// Each panel's step budget (1 to 100 000); every panel restarts.
    pub fn set_steps(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "number")] steps: JsValue,
    ) -> Result<(), JsError> {
        let steps = number(&steps, "steps")?;
        let steps = whole(steps, "steps", 1, learning_rate::MAX_STEPS as u64)?;
        self.lab.set_steps(steps as usize).map_err(error)
    }

    pub fn steps(&self) -> usize {
        self.lab.steps()
    }

    /// Panel `i`'s readout: `{name, learning_rate, step, loss, outcome,
    /// text}`, where `outcome` is the engine's machine name
    /// ("local_minimum", "global_minimum", "diverged", …) and `text` the
    /// lecture's words for it.
    pub fn outcome(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] i: JsValue,
    ) -> Result<JsValue, JsError> {
        let i = number(&i, "i")?;
        let i = panel_index(i)?;
        let outcome = self.lab.outcome(i).map_err(error)?;
        let t = self.lab.panel(i).map_err(error)?;
        Ok(to_js(&crate::json::object([
            ("name", PANEL_NAMES[i].into()),
            ("learning_rate", self.lab.learning_rates()[i].into()),
            ("step", t.steps().into()),
            ("loss", t.loss().last().copied().into()),
            ("outcome", outcome.name().into()),
            ("text", outcome.describe().into()),
        ])))
    }
}
