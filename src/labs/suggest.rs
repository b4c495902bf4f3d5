//! A learning rate to start each optimizer with on each landscape, found by
//! the engine's own range test, so that a new racer moves visibly and stays
//! on the map instead of crawling at Keras's default η = 0.001 or diverging.
//!
//! From the landscape's start, `STEPS` steps at each of `CANDIDATES`
//! log-spaced rates: a rate qualifies if its run stays inside the view,
//! never climbs above its start, and gains at least a tenth of the way
//! to J*. Of those the one with the lowest final loss wins (the fastest,
//! among those that reach the same minimum), then taken down one grid step
//! so a small change of start does not tip it over.

use crate::landscape::{Landscape, Point};
use crate::optim::{Optimizer, OptimizerConfig};
use crate::run::gap::LossGap;
use crate::run::sweep::log_spaced;
use crate::run::trajectory::{Tolerances, Trajectory};

/// Steps each candidate runs: what a class watches in the first seconds.
pub const STEPS: usize = 500;
/// Candidate rates, log-spaced from `LOWEST` to `HIGHEST`.
pub const CANDIDATES: usize = 41;
pub const LOWEST: f64 = 1e-4;
pub const HIGHEST: f64 = 10.0;

/// One candidate's run and whether it counts.
struct Trial {
    learning_rate: f64,
    final_gap: f64,
    steps: usize,
    qualifies: bool,
}

fn trial(
    landscape: &'static dyn Landscape,
    start: Point,
    config: &OptimizerConfig,
    learning_rate: f64,
    gap: &LossGap,
) -> Trial {
    let mut optimizer = Optimizer::new(config.clone(), None, 2);
    optimizer.set_learning_rate(learning_rate);
    let mut t = Trajectory::new(landscape, start, optimizer, STEPS, Tolerances::default());
    t.run();
    let window = landscape.window();
    // Half a window of slack around the view: a run may swing out and back.
    let (mx, my) = (window.width() / 2.0, window.height() / 2.0);
    let stays = t.path().chunks_exact(2).all(|p| {
        p[0] >= window.x_min - mx
            && p[0] <= window.x_max + mx
            && p[1] >= window.y_min - my
            && p[1] <= window.y_max + my
    });
    let start_gap = gap.of(t.loss()[0]);
    let highest = t.loss().iter().map(|&j| gap.of(j)).fold(0.0, f64::max);
    let final_gap = gap.of(*t.loss().last().unwrap_or(&f64::INFINITY));
    Trial {
        learning_rate,
        final_gap,
        steps: t.steps(),
        qualifies: !t.status().is_diverged()
            && stays
            && highest <= start_gap * (1.0 + 1e-9)
            && final_gap <= 0.9 * start_gap,
    }
}

/// The suggested learning rate for `config`'s optimizer (its other
/// hyperparameters as given) on `landscape` from `start`; None if no
/// candidate qualifies.
pub fn suggested_learning_rate(
    landscape: &'static dyn Landscape,
    start: Point,
    config: &OptimizerConfig,
) -> Option<f64> {
    let gap = LossGap::new(landscape, f64::INFINITY);
    let rates = log_spaced(LOWEST, HIGHEST, CANDIDATES);
    let trials: Vec<Trial> = rates
        .iter()
        .map(|&lr| trial(landscape, start, config, lr, &gap))
        .collect();
    let best = trials
        .iter()
        .enumerate()
        .filter(|(_, t)| t.qualifies)
        .min_by(|(_, a), (_, b)| {
            // Runs that reach the same minimum tie; the fastest wins.
            let tie = (a.final_gap - b.final_gap).abs() <= 1e-6 * a.final_gap.max(b.final_gap);
            if tie {
                a.steps.cmp(&b.steps)
            } else {
                a.final_gap.total_cmp(&b.final_gap)
            }
        })?
        .0;
    // One grid step down when that one qualifies too.
    let chosen = if best > 0 && trials[best - 1].qualifies {
        best - 1
    } else {
        best
    };
    Some(trials[chosen].learning_rate)
}
