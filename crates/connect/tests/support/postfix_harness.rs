//! A private Postfix per test through `scripts/postfix` (real server on loopback, stopped when
//! dropped, also when the test fails). The same shape as `dovecot_harness.rs`.

#![allow(dead_code)]

#[path = "script.rs"]
mod script;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Whether Postfix is installed here; tests that need it skip (with a message) when not.
/// `scripts/test` installs it (`scripts/postfix install`).
pub fn available() -> bool {
    let found = ["/usr/sbin/postfix", "/usr/bin/postfix"]
        .iter()
        .any(|p| Path::new(p).exists());
    if !found {
        eprintln!(
            "SKIPPED: Postfix is not installed (run `scripts/postfix install`, as scripts/test does)"
        );
    }
    found
}

/// Runs `scripts/postfix ARGS`, returning stdout; fails the test with stderr otherwise.
pub fn harness(args: &[&str]) -> String {
    script::run("postfix", args)
}

/// The message without its first header field (Postfix's `Received:` and its folded lines):
/// what the client submitted, when Postfix added nothing else.
pub fn without_first_received(message: &[u8]) -> &[u8] {
    assert!(
        message.starts_with(b"Received: "),
        "starts with Postfix's Received header: {:?}",
        String::from_utf8_lossy(&message[..message.len().min(200)])
    );
    let mut at = 0;
    loop {
        let end = message[at..]
            .iter()
            .position(|&b| b == b'\n')
            .expect("a line end")
            + at
            + 1;
        at = end;
        if !matches!(message.get(at), Some(b' ') | Some(b'\t')) {
            return &message[at..];
        }
    }
}

/// One private Postfix; stopped on drop.
pub struct Postfix {
    /// Its folder (config, queue, log, Maildirs).
    pub dir: tempfile::TempDir,
    /// What `start` printed: POSTFIX_SMTP_PORT, POSTFIX_MAIL_ROOT...
    pub env: HashMap<String, String>,
}

impl Postfix {
    /// Starts a server with these options.
    pub fn start(prefix: &str, options: &[&str]) -> Postfix {
        let (dir, env) = script::start("postfix", prefix, options);
        Postfix { dir, env }
    }

    /// Starts a server with these options where Postfix is installed; `None` (and a message)
    /// where it is not.
    pub fn start_if_installed(prefix: &str, options: &[&str]) -> Option<Postfix> {
        available().then(|| Postfix::start(prefix, options))
    }

    /// Stops the server (also done on drop).
    pub fn stop(&self) {
        let _ = Command::new(script::path("postfix"))
            .args(["stop", self.path()])
            .output();
    }

    /// The server's folder as a string (the harness's argument).
    pub fn path(&self) -> &str {
        self.dir.path().to_str().expect("UTF-8 path")
    }

    /// A port `start` printed.
    pub fn port(&self, key: &str) -> u16 {
        self.env
            .get(key)
            .unwrap_or_else(|| panic!("{key} in the harness output"))
            .parse()
            .expect("a port number")
    }

    /// Submits the file over SMTP to this Postfix.
    pub fn send(&self, file: &Path, from: &str, to: &[&str]) {
        let file = file.to_str().expect("UTF-8 path");
        let mut args = vec!["send", self.path(), file, from];
        args.extend_from_slice(to);
        harness(&args);
    }

    /// `postqueue -p`.
    pub fn queue(&self) -> String {
        harness(&["queue", self.path()])
    }

    /// `postqueue -f`: retry deferred mail now.
    pub fn flush(&self) {
        harness(&["flush", self.path()]);
    }

    /// Waits (at most `secs`) until the queue is empty; fails the test with the queue and the
    /// log's tail otherwise.
    pub fn wait_empty(&self, secs: u32) {
        let output = Command::new(script::path("postfix"))
            .args(["wait-empty", self.path(), &secs.to_string()])
            .output()
            .expect("scripts/postfix runs");
        assert!(
            output.status.success(),
            "Postfix's queue not empty after {secs} s:\n{}\n--- log:\n{}",
            String::from_utf8_lossy(&output.stderr),
            self.log_tail(40)
        );
    }

    /// The Maildir `new/` files delivered to `address` (empty when none), oldest name first.
    pub fn delivered(&self, address: &str) -> Vec<Vec<u8>> {
        let new = self.dir.path().join("mail").join(address).join("new");
        let mut names: Vec<PathBuf> = std::fs::read_dir(&new)
            .map(|d| d.filter_map(|e| e.ok()).map(|e| e.path()).collect())
            .unwrap_or_default();
        names.sort();
        names
            .iter()
            .map(|p| std::fs::read(p).expect("a delivered mail"))
            .collect()
    }

    /// The last `n` lines of the instance's log.
    pub fn log_tail(&self, n: usize) -> String {
        let log = self.log();
        let lines: Vec<&str> = log.lines().collect();
        lines[lines.len().saturating_sub(n)..].join("\n")
    }

    /// The instance's log (for failure messages).
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("postfix.log")).unwrap_or_default()
    }
}

impl Drop for Postfix {
    fn drop(&mut self) {
        self.stop();
    }
}
