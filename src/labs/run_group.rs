//! What the race and the learning-rate lab share: several runs leaving one
//! start on one landscape, stepped together. The labs differ only in how
//! each run is made (the race: one config per racer; the learning-rate lab:
//! one rate per panel), so they pass that in when the group restarts.

use crate::landscape::{Landscape, Point};
use crate::optim::Optimizer;
use crate::run::trajectory::{check_start, Tolerances, Trajectory};
use crate::spec::SpecError;

/// Writes, into a lab's `impl` whose runs are the `RunGroup` in its field
/// `group` and whose own `reset` remakes them, the methods every such lab
/// answers the same way: the landscape and the start (changing either
/// restarts every run), advance and all_finished.
macro_rules! group_lab_methods {
    () => {
        pub fn landscape(&self) -> &'static dyn $crate::landscape::Landscape {
            self.group.landscape()
        }

        /// Moves to another landscape and its default start; every run
        /// restarts.
        pub fn set_landscape(&mut self, landscape: &'static dyn $crate::landscape::Landscape) {
            self.group.set_landscape(landscape);
            self.reset();
        }

        pub fn start(&self) -> $crate::landscape::Point {
            self.group.start()
        }

        /// Moves the shared start and restarts every run.
        pub fn set_start(
            &mut self,
            start: $crate::landscape::Point,
        ) -> Result<(), $crate::spec::SpecError> {
            self.group.set_start(start)?;
            self.reset();
            Ok(())
        }

        /// Up to `n` more steps for every running run; returns the steps
        /// taken by all of them together.
        pub fn advance(&mut self, n: usize) -> usize {
            self.group.advance(n)
        }

        /// True when no run is still going (also with no runs at all).
        pub fn all_finished(&self) -> bool {
            self.group.all_finished()
        }
    };
}

pub(crate) use group_lab_methods;

pub struct RunGroup {
    landscape: &'static dyn Landscape,
    start: Point,
    runs: Vec<Trajectory>,
}

impl RunGroup {
    /// No runs yet, on `landscape` from its default start.
    pub fn new(landscape: &'static dyn Landscape) -> Self {
        RunGroup {
            landscape,
            start: landscape.start(),
            runs: Vec::new(),
        }
    }

    pub fn landscape(&self) -> &'static dyn Landscape {
        self.landscape
    }

    /// Another landscape, and the start moves to its default. The caller
    /// restarts the runs.
    pub fn set_landscape(&mut self, landscape: &'static dyn Landscape) {
        self.landscape = landscape;
        self.start = landscape.start();
    }

    pub fn start(&self) -> Point {
        self.start
    }

    /// A checked start (finite, within the start limit). The caller
    /// restarts the runs.
    pub fn set_start(&mut self, start: Point) -> Result<(), SpecError> {
        self.start = check_start(start)?;
        Ok(())
    }

    /// A new run on this landscape from this start.
    pub fn run(&self, optimizer: Optimizer, max_steps: usize) -> Trajectory {
        Trajectory::new(
            self.landscape,
            self.start,
            optimizer,
            max_steps,
            Tolerances::default(),
        )
    }

    pub fn runs(&self) -> &[Trajectory] {
        &self.runs
    }

    pub fn runs_mut(&mut self) -> &mut Vec<Trajectory> {
        &mut self.runs
    }

    /// Every run made anew by `make` from the one it replaces.
    pub fn restart(&mut self, make: impl Fn(&RunGroup, &Trajectory) -> Trajectory) {
        let runs: Vec<Trajectory> = self.runs.iter().map(|t| make(self, t)).collect();
        self.runs = runs;
    }

    /// Up to `n` more steps for every running run; returns the steps taken
    /// by all of them together.
    pub fn advance(&mut self, n: usize) -> usize {
        self.runs.iter_mut().map(|t| t.advance(n)).sum()
    }

    /// True when no run is still going (also with no runs at all).
    pub fn all_finished(&self) -> bool {
        self.runs.iter().all(|t| t.status().is_finished())
    }
}
