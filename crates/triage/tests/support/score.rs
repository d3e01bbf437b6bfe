//! Precision and recall counts of one flag, shared by the accuracy test of the labelled corpora
//! (`crates/mailward/tests/triage_accuracy.rs`) and the tuning measurements
//! (`crates/triage/tests/tuning.rs`), both of which `#[path]`-include this file.

/// True positives, false positives and false negatives of one flag.
#[derive(Default, Clone, Copy, Debug)]
pub struct Score {
    pub tp: u32,
    pub fp: u32,
    pub fn_: u32,
}

impl Score {
    /// Counts one case: whether the label has the flag and whether triage raised it.
    pub fn add(&mut self, expected: bool, got: bool) {
        match (expected, got) {
            (true, true) => self.tp += 1,
            (false, true) => self.fp += 1,
            (true, false) => self.fn_ += 1,
            _ => {}
        }
    }

    /// Share of raised flags that were right; 1.0 when none was raised (nothing was wrong).
    pub fn precision(&self) -> f64 {
        if self.tp + self.fp == 0 {
            1.0
        } else {
            f64::from(self.tp) / f64::from(self.tp + self.fp)
        }
    }

    /// Share of labelled flags that were raised; 1.0 when there were none to find.
    pub fn recall(&self) -> f64 {
        if self.tp + self.fn_ == 0 {
            1.0
        } else {
            f64::from(self.tp) / f64::from(self.tp + self.fn_)
        }
    }
}
