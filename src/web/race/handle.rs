//! The `Race` handle: the engine's race behind an opaque JS object. Paths
//! stay in wasm memory and are drawn there; JS reads readouts only.

use crate::json;
use crate::labs::race::{self, Race as EngineRace};
use crate::optim::OptimizerConfig;
use crate::run::trajectory::{Status, Trajectory};
use crate::web::convert::{error, field_error, number, object, pair, to_js, whole};
use serde_json::Value;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(js_name = Race)]
pub struct RaceHandle {
    race: EngineRace,
}

impl RaceHandle {
    pub(super) fn race(&self) -> &EngineRace {
        &self.race
    }

    fn index(&self, i: f64) -> Result<usize, JsError> {
        let count = self.race.racer_count();
        if count == 0 {
            return Err(field_error(
                "racer",
                format!("index {i}: there are no racers"),
            ));
        }
        Ok(whole(i, "racer", 0, count as u64 - 1)? as usize)
    }

    /// The racer a JS index argument names.
    fn racer(&self, i: &JsValue) -> Result<&Trajectory, JsError> {
        let i = self.index(number(i, "i")?)?;
        self.race.racer(i).map_err(error)
    }
}

fn config(value: &JsValue) -> Result<OptimizerConfig, JsError> {
    OptimizerConfig::from_json(&object(value, "optimizer")?, "optimizer").map_err(error)
}

/// The number of steps a trajectory has taken (0 for a start that was
/// refused, whose record is empty).
fn steps(t: &Trajectory) -> usize {
    t.loss().len().saturating_sub(1)
}

fn last(values: &[f64]) -> Value {
    values.last().copied().into()
}

// An empty race, as `new`: racers are added one by one.
crate::web::run_group::run_group_methods!(RaceHandle, Race, race: EngineRace, race::MAX_STEPS);

#[wasm_bindgen(js_class = Race)]
impl RaceHandle {
    /// Draws the start from N(0, σ²) with a seeded RNG; restarts every run;
    /// returns `[x, y]`.
    pub fn random_start(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "number")] sigma: JsValue,
        #[wasm_bindgen(unchecked_param_type = "number")] seed: JsValue,
    ) -> Result<js_sys::Array, JsError> {
        let sigma = number(&sigma, "sigma")?;
        let seed = number(&seed, "seed")?;
        let seed = whole(seed, "seed", 0, u32::MAX as u64)?;
        let start = self.race.random_start(sigma, seed).map_err(error)?;
        Ok(pair(start))
    }

    /// Adds a racer from `{name, ...hyperparameters}`; returns its index.
    pub fn add_racer(&mut self, optimizer: JsValue) -> Result<usize, JsError> {
        let config = config(&optimizer)?;
        self.race.add_racer(config).map_err(error)
    }

    /// Gives racer `i` a new config; that racer restarts.
    pub fn set_racer(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "number")] i: JsValue,
        optimizer: JsValue,
    ) -> Result<(), JsError> {
        let i = number(&i, "i")?;
        let i = self.index(i)?;
        let config = config(&optimizer)?;
        self.race.set_racer(i, config).map_err(error)
    }

    pub fn remove_racer(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "number")] i: JsValue,
    ) -> Result<(), JsError> {
        let i = number(&i, "i")?;
        let i = self.index(i)?;
        self.race.remove_racer(i).map_err(error)
    }

    pub fn racer_count(&self) -> usize {
        self.race.racer_count()
    }

    /// Takes effect from racer `i`'s next step, keeping its path and state.
    pub fn set_learning_rate(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "number")] i: JsValue,
        #[wasm_bindgen(unchecked_param_type = "number")] learning_rate: JsValue,
    ) -> Result<(), JsError> {
        let i = number(&i, "i")?;
        let learning_rate = number(&learning_rate, "learning_rate")?;
        let i = self.index(i)?;
        self.race.set_learning_rate(i, learning_rate).map_err(error)
    }

    /// Racer `i`'s readout: step, loss, ‖∇J‖, learning rate, status (with
    /// its step), current point, where it left the box if it diverged, and
    /// its full config with defaults.
    pub fn summary(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] i: JsValue,
    ) -> Result<JsValue, JsError> {
        let t = self.racer(&i)?;
        let status = t.status();
        let left_at = match status {
            Status::Diverged { point, .. } => json::numbers(&point),
            _ => Value::Null,
        };
        Ok(to_js(&json::object([
            ("step", steps(t).into()),
            ("loss", last(t.loss())),
            ("gradient_norm", last(t.gradient_norm())),
            ("learning_rate", t.optimizer().learning_rate().into()),
            ("status", status.name().into()),
            ("status_step", status.step().into()),
            ("point", json::numbers(&t.point())),
            ("left_at", left_at),
            ("optimizer", t.optimizer().config().to_json()),
        ])))
    }

    /// Racer `i`'s update rule, live: hyperparameters, iteration, learning
    /// rate, the clipped gradient g and the step of the last update, and the
    /// rule's own state (m, v, m̂, v̂, …).
    pub fn update_rule(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] i: JsValue,
    ) -> Result<JsValue, JsError> {
        let t = self.racer(&i)?;
        let o = t.optimizer();
        let mut hyperparameters = o.config().to_json();
        if let Some(map) = hyperparameters.as_object_mut() {
            map.remove("name");
        }
        let live: Vec<Value> = o
            .live_values()
            .into_iter()
            .map(|(name, values)| Value::Array(vec![name.into(), json::numbers(&values)]))
            .collect();
        Ok(to_js(&json::object([
            ("name", o.config().name.as_str().into()),
            ("hyperparameters", hyperparameters),
            ("iteration", o.iterations().into()),
            ("learning_rate", o.learning_rate().into()),
            ("g", json::numbers(o.last_gradient())),
            ("step", json::numbers(o.last_step())),
            ("live", Value::Array(live)),
        ])))
    }

    /// The race spec of exactly this race (every racer, its rate changes,
    /// the steps so far), for `keras_code`.
    pub fn keras_spec(&self) -> JsValue {
        to_js(&self.race.keras_spec())
    }

    /// Every point of every racer as CSV.
    pub fn csv(&self) -> String {
        self.race.csv()
    }
}

/// The engine's suggested learning rate for `optimizer` (a config; its
/// other hyperparameters count) on the named landscape from `start_x`,
/// `start_y`, or null if no rate in 1e-4 … 10 keeps it on the map while
/// it makes progress. About 20,000 optimizer steps: a millisecond or two.
#[wasm_bindgen]
pub fn suggested_learning_rate(
    landscape: JsValue,
    optimizer: JsValue,
    start_x: f64,
    start_y: f64,
) -> Result<JsValue, JsError> {
    let landscape = crate::web::convert::landscape(&landscape)?;
    let config = OptimizerConfig::from_json(&object(&optimizer, "optimizer")?, "optimizer")
        .map_err(error)?;
    let start = crate::run::trajectory::check_start([start_x, start_y]).map_err(error)?;
    Ok(
        crate::labs::suggest::suggested_learning_rate(landscape, start, &config)
            .map_or(JsValue::NULL, JsValue::from_f64),
    )
}
