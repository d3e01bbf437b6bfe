//! A private Postfix per test through `scripts/postfix` (real server on loopback, stopped when
//! dropped, also when the test fails). The same shape as `dovecot_harness.rs`.

#![allow(dead_code)]

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The harness script.
pub fn script() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scripts/postfix")
}

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
    let output = Command::new(script())
        .args(args)
        .output()
        .expect("scripts/postfix runs");
    assert!(
        output.status.success(),
        "scripts/postfix {args:?} failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("harness output is UTF-8")
}

/// `KEY=value` lines.
pub fn parse_env(text: &str) -> HashMap<String, String> {
    text.lines()
        .filter_map(|line| line.split_once('='))
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect()
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
        let dir = tempfile::Builder::new()
            .prefix(prefix)
            .tempdir_in("/tmp")
            .expect("temporary directory");
        let path = dir.path().to_str().expect("UTF-8 path").to_owned();
        let mut args = vec!["start", path.as_str()];
        args.extend_from_slice(options);
        let env = parse_env(&harness(&args));
        Postfix { dir, env }
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

    /// The instance's log (for failure messages).
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("postfix.log")).unwrap_or_default()
    }
}

impl Drop for Postfix {
    fn drop(&mut self) {
        let _ = Command::new(script()).args(["stop", self.path()]).output();
    }
}
