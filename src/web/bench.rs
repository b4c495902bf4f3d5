//! Timings for the bench page: the two costs a teacher feels, redrawing the
//! landscape and stepping the racers.

use crate::labs::race::{Race, MAX_RACERS, MAX_STEPS};
use crate::landscape;
use crate::optim::OptimizerConfig;
use crate::render::contour::contours;
use crate::render::heatmap::heatmap;
use crate::web::convert::{now, whole};
use wasm_bindgen::prelude::*;

/// ms per full recompute of the lecture landscape's heatmap and contour
/// lines at `width × height` pixels, averaged over `repeats`.
#[wasm_bindgen]
pub fn bench_heatmap(width: f64, height: f64, repeats: f64) -> Result<f64, JsError> {
    let w = whole(width, "width", 1, 4096)? as usize;
    let h = whole(height, "height", 1, 4096)? as usize;
    let repeats = whole(repeats, "repeats", 1, 100)?;
    let l = landscape::catalogue()[0];
    let window = l.window();
    let began = now();
    let mut checksum = 0usize;
    for _ in 0..repeats {
        let map = heatmap(l, &window, w, h);
        let levels = map.scale.contour_levels(12);
        checksum += map.rgba.len();
        checksum += contours(l, &window, w / 4, h / 4, &levels).len();
    }
    let ms = (now() - began) / repeats as f64;
    // Keeps the work from being optimised away.
    Ok(if checksum > 0 { ms } else { f64::NAN })
}

/// ms to advance `racers` Adam racers on Rosenbrock by `steps` steps each.
#[wasm_bindgen]
pub fn bench_race(racers: f64, steps: f64) -> Result<f64, JsError> {
    let racers = whole(racers, "racers", 1, MAX_RACERS as u64)? as usize;
    let steps = whole(steps, "steps", 1, MAX_STEPS as u64)? as usize;
    let rosenbrock = landscape::by_name("rosenbrock").map_err(crate::web::convert::error)?;
    let mut race = Race::new(rosenbrock);
    for k in 0..racers {
        let mut config = OptimizerConfig::defaults("adam").map_err(crate::web::convert::error)?;
        // Slightly different rates, so no two racers stop at the same step.
        config.set("learning_rate", 0.01 * (1.0 + k as f64 / 10.0));
        race.add_racer(config).map_err(crate::web::convert::error)?;
    }
    let began = now();
    race.advance(steps);
    Ok(now() - began)
}
