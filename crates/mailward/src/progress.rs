//! The progress bar and the human summary of `mailward import`.

use indicatif::{ProgressBar, ProgressStyle};
use mailward_app::import::{ImportSummary, Progress};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

/// An indicatif bar over input bytes, with durable mail counts and the mail rate as its message.
pub struct Bar {
    bar: ProgressBar,
    started: Instant,
    done: AtomicU64,
}

impl Bar {
    /// A bar on standard error (only created when it is a terminal).
    pub fn new() -> Bar {
        let bar = ProgressBar::new(0);
        bar.set_style(
            ProgressStyle::with_template(
                "{spinner} [{elapsed_precise}] {wide_bar} {bytes}/{total_bytes} ETA {eta} {msg}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        Bar {
            bar,
            started: Instant::now(),
            done: AtomicU64::new(0),
        }
    }
}

impl Progress for Bar {
    fn wants_total(&self) -> bool {
        true
    }
    fn set_total(&self, bytes: u64) {
        self.bar.set_length(bytes);
    }
    fn advance(&self, bytes: u64) {
        self.bar.inc(bytes);
    }
    fn counts(&self, imported: u64, duplicates: u64) {
        let all = imported + duplicates;
        self.done.store(all, Ordering::Relaxed);
        let rate = all as f64 / self.started.elapsed().as_secs_f64().max(0.001);
        self.bar.set_message(format!(
            "取込 {imported} / 重複 {duplicates} ({rate:.0} mails/s)"
        ));
    }
}

impl Drop for Bar {
    fn drop(&mut self) {
        self.bar.finish_and_clear();
    }
}

/// Prints what an import did, Japanese first, English second.
pub fn print_summary(s: &ImportSummary, seconds: f64) {
    let rate = (s.imported + s.duplicates) as f64 / seconds.max(0.001);
    println!(
        "取り込み完了 / Import finished: {} imported, {} duplicates, {} warnings, {} failed ({:.1} MB in {:.1} s, {:.0} mails/s)",
        s.imported,
        s.duplicates,
        s.warnings,
        s.failed.len(),
        s.bytes as f64 / 1e6,
        seconds,
        rate
    );
    for f in &s.failed {
        println!("  失敗 / failed:  {}: {}", f.path, f.reason);
    }
    for w in s.warning_details.iter().take(50) {
        println!("  警告 / warning: {}: {}", w.path, w.reason);
    }
    if s.warning_details.len() > 50 {
        println!(
            "  ... {} more warnings (use --json for all)",
            s.warning_details.len() - 50
        );
    }
    if let Some(cp) = &s.checkpoint {
        println!(
            "署名済みチェックポイント / Signed checkpoint {}: {} entries, root {}",
            cp.id, cp.tree_size, cp.root
        );
    }
}
