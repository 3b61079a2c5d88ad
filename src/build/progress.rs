//! How far a run has got, for the progress line of a long build: the phase, and how many of
//! the papers and meetings to typeset are done. Written by the build, read by the command line.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// A run's progress, shared between the build and whoever shows it.
#[derive(Debug, Default)]
pub struct Progress {
    phase: Mutex<&'static str>,
    done: AtomicUsize,
    total: AtomicUsize,
}

impl Progress {
    /// A new phase ("reading", "typesetting", "writing") of `total` steps (0: not counted).
    pub fn start(&self, phase: &'static str, total: usize) {
        *self
            .phase
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = phase;
        self.done.store(0, Ordering::Relaxed);
        self.total.store(total, Ordering::Relaxed);
    }

    /// One step of the phase done.
    pub fn step(&self) {
        self.done.fetch_add(1, Ordering::Relaxed);
    }

    /// The phase, and the steps done of the total (when counted).
    pub fn now(&self) -> (&'static str, Option<(usize, usize)>) {
        let phase = *self
            .phase
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let total = self.total.load(Ordering::Relaxed);
        let done = self.done.load(Ordering::Relaxed).min(total);
        (phase, (total > 0).then_some((done, total)))
    }
}
