//! The `Race` handle: the engine's race behind an opaque JS object. Paths
//! stay in wasm memory and are drawn there; JS reads readouts only.

use crate::labs::race::{self, Race as EngineRace};
use crate::landscape;
use crate::optim::OptimizerConfig;
use crate::run::trajectory::{Status, Trajectory};
use crate::web::convert::{error, field_error, finite, number, object, pair, string, to_js, whole};
use serde_json::{json, Value};
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

    fn racer(&self, i: f64) -> Result<&Trajectory, JsError> {
        let i = self.index(i)?;
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
    values.last().map_or(Value::Null, |&x| json!(x))
}

#[wasm_bindgen(js_class = Race)]
impl RaceHandle {
    /// An empty race on the named landscape, from its default start.
    #[wasm_bindgen(constructor)]
    pub fn new(landscape: JsValue) -> Result<RaceHandle, JsError> {
        let landscape = landscape::by_name(&string(&landscape, "landscape")?).map_err(error)?;
        Ok(RaceHandle {
            race: EngineRace::new(landscape),
        })
    }

    /// Keeps the racers, moves the start to the landscape's default, and
    /// restarts every run.
    pub fn set_landscape(&mut self, name: JsValue) -> Result<(), JsError> {
        let landscape = landscape::by_name(&string(&name, "landscape")?).map_err(error)?;
        self.race.set_landscape(landscape);
        Ok(())
    }

    /// The landscape's catalogue name.
    pub fn landscape(&self) -> String {
        self.race.landscape().name().to_string()
    }

    /// Moves the shared start (world coordinates); restarts every run.
    pub fn set_start(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "number")] x: JsValue,
        #[wasm_bindgen(unchecked_param_type = "number")] y: JsValue,
    ) -> Result<(), JsError> {
        let x = number(&x, "x")?;
        let y = number(&y, "y")?;
        self.race.set_start([x, y]).map_err(error)
    }

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

    pub fn start(&self) -> js_sys::Array {
        pair(self.race.start())
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

    /// All racers back to the start, step 0.
    pub fn reset(&mut self) {
        self.race.reset();
    }

    /// Up to `n` more steps for every running racer; returns the steps taken
    /// by all racers together.
    pub fn advance(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "number")] n: JsValue,
    ) -> Result<usize, JsError> {
        let n = number(&n, "n")?;
        let n = finite(n, "n")?;
        if n < 0.0 {
            return Err(field_error("n", format!("must be ≥ 0, got {n}")));
        }
        // No racer can take more than its budget, so larger requests are
        // the same request.
        Ok(self.race.advance(n.min(race::MAX_STEPS as f64) as usize))
    }

    pub fn all_finished(&self) -> bool {
        self.race.all_finished()
    }

    /// Racer `i`'s readout: step, loss, ‖∇J‖, learning rate, status (with
    /// its step), current point, where it left the box if it diverged, and
    /// its full config with defaults.
    pub fn summary(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] i: JsValue,
    ) -> Result<JsValue, JsError> {
        let i = number(&i, "i")?;
        let t = self.racer(i)?;
        let status = t.status();
        let left_at = match status {
            Status::Diverged { point, .. } => json!(point),
            _ => Value::Null,
        };
        Ok(to_js(&json!({
            "step": steps(t),
            "loss": last(t.loss()),
            "gradient_norm": last(t.gradient_norm()),
            "learning_rate": t.optimizer().learning_rate(),
            "status": status.name(),
            "status_step": status.step(),
            "point": t.point(),
            "left_at": left_at,
            "optimizer": t.optimizer().config().to_json(),
        })))
    }

    /// Racer `i`'s update rule, live: hyperparameters, iteration, learning
    /// rate, the clipped gradient g and the step of the last update, and the
    /// rule's own state (m, v, m̂, v̂, …).
    pub fn update_rule(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] i: JsValue,
    ) -> Result<JsValue, JsError> {
        let i = number(&i, "i")?;
        let t = self.racer(i)?;
        let o = t.optimizer();
        let mut hyperparameters = o.config().to_json();
        if let Some(map) = hyperparameters.as_object_mut() {
            map.remove("name");
        }
        let live: Vec<Value> = o
            .live_values()
            .into_iter()
            .map(|(name, values)| json!([name, values]))
            .collect();
        Ok(to_js(&json!({
            "name": o.config().name,
            "hyperparameters": hyperparameters,
            "iteration": o.iterations(),
            "learning_rate": o.learning_rate(),
            "g": o.last_gradient(),
            "step": o.last_step(),
            "live": live,
        })))
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
    let landscape = landscape::by_name(&string(&landscape, "landscape")?).map_err(error)?;
    let config = OptimizerConfig::from_json(&object(&optimizer, "optimizer")?, "optimizer")
        .map_err(error)?;
    let start = crate::run::trajectory::check_start([start_x, start_y]).map_err(error)?;
    Ok(
        crate::labs::suggest::suggested_learning_rate(landscape, start, &config)
            .map_or(JsValue::NULL, JsValue::from_f64),
    )
}
