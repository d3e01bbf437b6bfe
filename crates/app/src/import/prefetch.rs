//! Reading Maildir files from disk a little ahead of the reader.
//!
//! The reader takes mail in order, one file at a time, so on a cold page cache it waits for one
//! disk read after another. Two helper threads open the next files of the folder and read their
//! first block, which makes the kernel fetch them while the reader works on earlier ones. They
//! stay at most `ahead` files in front of the reader, so that what they fetch is still cached
//! when the reader gets there. They only warm the cache: what is archived is always what the
//! reader itself read.

use std::io::Read as _;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

/// The prefetch threads and the reader's progress they follow.
pub(crate) struct Prefetch {
    tx: Option<Sender<(u64, PathBuf)>>,
    queued: u64,
    consumed: Arc<AtomicU64>,
    stop: Arc<AtomicBool>,
    threads: Vec<JoinHandle<()>>,
}

impl Prefetch {
    /// Starts `threads` helpers that stay at most `ahead` files in front of the reader.
    pub(crate) fn start(threads: usize, ahead: u64) -> Prefetch {
        let (tx, rx) = channel::<(u64, PathBuf)>();
        let rx = Arc::new(Mutex::new(rx));
        let consumed = Arc::new(AtomicU64::new(0));
        let stop = Arc::new(AtomicBool::new(false));
        let threads = (0..threads)
            .map(|_| {
                let (rx, consumed, stop) = (rx.clone(), consumed.clone(), stop.clone());
                std::thread::spawn(move || run(&rx, &consumed, &stop, ahead))
            })
            .collect();
        Prefetch {
            tx: Some(tx),
            queued: 0,
            consumed,
            stop,
            threads,
        }
    }

    /// Files the reader will read next, in its order.
    pub(crate) fn upcoming(&mut self, files: &[PathBuf]) {
        if let Some(tx) = &self.tx {
            for path in files {
                // A closed channel only means the helpers stopped; reading goes on without them.
                let _ = tx.send((self.queued, path.clone()));
                self.queued += 1;
            }
        }
    }

    /// The reader finished one of the announced files.
    pub(crate) fn consumed(&self) {
        self.consumed.fetch_add(1, Ordering::Relaxed);
    }
}

fn run(rx: &Mutex<Receiver<(u64, PathBuf)>>, consumed: &AtomicU64, stop: &AtomicBool, ahead: u64) {
    let mut block = vec![0u8; 4096];
    loop {
        let next = match rx.lock() {
            Ok(rx) => rx.recv(),
            Err(_) => return,
        };
        let Ok((index, path)) = next else { return };
        while index > consumed.load(Ordering::Relaxed) + ahead {
            if stop.load(Ordering::Relaxed) {
                return;
            }
            std::thread::sleep(Duration::from_micros(200));
        }
        if stop.load(Ordering::Relaxed) {
            return;
        }
        // Errors are the reader's to report when it opens the file itself.
        if let Ok(mut file) = std::fs::File::open(&path) {
            let _ = file.read(&mut block);
        }
    }
}

impl Drop for Prefetch {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        self.tx = None;
        for t in self.threads.drain(..) {
            let _ = t.join();
        }
    }
}
