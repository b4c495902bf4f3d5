//! The learning-rate range test as the page runs it: a sweep started from
//! the learning-rate lab, advanced a budget of steps at a time so a large
//! one spreads over frames, and the last finished sweep kept for the chart
//! and for "load the rate under the pointer".

use crate::labs::learning_rate::{LrLab, MAX_STEPS};
use crate::landscape::Landscape;
use crate::run::gap::LossGap;
use crate::run::sweep::{Sweep, SweepResult, MAX_RUNS};
use crate::spec::SpecError;

/// Optimizer steps per `advance` slice: well under a millisecond, so a
/// caller with a time budget stops near it, and large enough that reading
/// the clock between slices is noise.
pub const SLICE_STEPS: usize = 2_000;

#[derive(Default)]
pub struct RangeTest {
    running: Option<Sweep>,
    finished: Option<Finished>,
}

/// A finished sweep and what it ran on.
pub struct Finished {
    pub result: SweepResult,
    pub steps: usize,
    pub landscape: &'static dyn Landscape,
}

/// Where a running sweep stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Progress {
    pub done: bool,
    pub runs_done: usize,
    pub runs: usize,
}

impl RangeTest {
    pub fn new() -> Self {
        Self::default()
    }

    /// Starts a sweep of `lab`'s landscape, optimizer, schedule and start
    /// over `count` log-spaced rates from `from` to `to`, `steps` steps
    /// each. A bad field is an error naming it, and nothing changes.
    pub fn start(
        &mut self,
        lab: &LrLab,
        from: f64,
        to: f64,
        count: usize,
        steps: usize,
    ) -> Result<(), SpecError> {
        if !(2..=MAX_RUNS as usize).contains(&count) {
            return Err(SpecError::new(
                "learning_rates.count",
                format!("must be a whole number from 2 to {MAX_RUNS}, got {count}"),
            ));
        }
        if !(1..=MAX_STEPS).contains(&steps) {
            return Err(SpecError::new(
                "steps",
                format!("must be a whole number from 1 to {MAX_STEPS}, got {steps}"),
            ));
        }
        let spec = lab.sweep_spec(from, to, count, steps)?;
        self.running = Some(Sweep::new(spec));
        Ok(())
    }

    /// One slice of the running sweep; None if none is running. When the
    /// sweep finishes it becomes the last finished one.
    pub fn advance(&mut self) -> Option<Progress> {
        let sweep = self.running.as_mut()?;
        let done = sweep.advance(SLICE_STEPS);
        let progress = Progress {
            done,
            runs_done: sweep.runs_done(),
            runs: sweep.spec().learning_rates.len(),
        };
        if done {
            let sweep = self.running.take().expect("running");
            self.finished = Some(Finished {
                result: sweep.result().clone(),
                steps: sweep.spec().steps,
                landscape: sweep.spec().landscape,
            });
        }
        Some(progress)
    }

    pub fn is_running(&self) -> bool {
        self.running.is_some()
    }

    /// Stops the running sweep, if any; the last finished one stays.
    pub fn cancel(&mut self) {
        self.running = None;
    }

    /// Forgets the last sweep and stops a running one (the lab changed
    /// under them).
    pub fn clear(&mut self) {
        self.running = None;
        self.finished = None;
    }

    pub fn finished(&self) -> Option<&Finished> {
        self.finished.as_ref()
    }
}

impl Finished {
    /// The loss gap over the runs that did not diverge, and its range.
    pub fn gap(&self) -> (LossGap, f64, f64) {
        let kept = || {
            self.result
                .final_loss
                .iter()
                .zip(&self.result.diverged)
                .filter(|(_, d)| !**d)
                .map(|(l, _)| l)
        };
        let lowest = kept().copied().fold(f64::INFINITY, f64::min);
        let gap = LossGap::new(self.landscape, lowest);
        let (mut low, mut high) = (f64::INFINITY, 0.0f64);
        for l in kept() {
            low = low.min(gap.of(*l));
            high = high.max(gap.of(*l));
        }
        (gap, low, high)
    }

    /// The swept rate nearest to `rate` on a log scale.
    pub fn nearest_rate(&self, rate: f64) -> Option<f64> {
        let target = rate.ln();
        self.result
            .learning_rates
            .iter()
            .copied()
            .min_by(|a, b| (a.ln() - target).abs().total_cmp(&(b.ln() - target).abs()))
    }
}
