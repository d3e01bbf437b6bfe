//! A private Dovecot per test through `scripts/dovecot` (real server on loopback, stopped when
//! dropped, also when the test fails). Shared by the IMAP tests of `mailward-connect` and of the
//! `mailward` binary (`#[path]`-included), so that both drive the harness the same way.

#![allow(dead_code)]

#[path = "script.rs"]
pub mod script;

use std::collections::HashMap;
use std::process::Command;
use std::sync::OnceLock;

/// Runs `scripts/dovecot ARGS`, returning stdout; fails the test with stderr otherwise.
pub fn harness(args: &[&str]) -> String {
    script::run("dovecot", args)
}

/// One private Dovecot; stopped on drop.
pub struct Dovecot {
    /// Its folder (config, mail, log).
    pub dir: tempfile::TempDir,
    /// What `start` printed: IMAP_PORT, MAIL_ROOT, CA_FILE, OAUTH2_TOKEN_user1...
    pub env: HashMap<String, String>,
}

impl Dovecot {
    /// Installs Dovecot once per test process, then starts a server with these options.
    pub fn start(prefix: &str, options: &[&str]) -> Dovecot {
        static INSTALLED: OnceLock<()> = OnceLock::new();
        INSTALLED.get_or_init(|| {
            harness(&["install"]);
        });
        let (dir, env) = script::start("dovecot", prefix, options);
        Dovecot { dir, env }
    }

    /// The server's folder as a string (the harness's argument).
    pub fn path(&self) -> &str {
        self.dir.path().to_str().expect("UTF-8 path")
    }

    /// One of the values `start` printed.
    pub fn value(&self, key: &str) -> &str {
        self.env
            .get(key)
            .unwrap_or_else(|| panic!("{key} in the harness output"))
    }

    /// A port `start` printed.
    pub fn port(&self, key: &str) -> u16 {
        self.value(key).parse().expect("a port number")
    }
}

impl Drop for Dovecot {
    fn drop(&mut self) {
        let _ = Command::new(script::path("dovecot"))
            .args(["stop", self.path()])
            .output();
    }
}
