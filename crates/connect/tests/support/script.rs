//! Running a harness script of `scripts/` and reading the `KEY=value` lines it prints: shared by
//! `postfix_harness.rs` and `dovecot_harness.rs` (each includes it as a `#[path]` module).

#![allow(dead_code)]

use std::collections::HashMap;
use std::path::PathBuf;
use std::process::Command;

/// `scripts/NAME` of the repository.
pub fn path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../scripts")
        .join(name)
}

/// Runs `scripts/NAME ARGS`, returning stdout; fails the test with stderr otherwise.
pub fn run(name: &str, args: &[&str]) -> String {
    let output = Command::new(path(name))
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("scripts/{name} runs: {e}"));
    assert!(
        output.status.success(),
        "scripts/{name} {args:?} failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("harness output is UTF-8")
}

/// Runs `scripts/NAME start DIR OPTIONS` in a fresh folder DIR under /tmp (named `prefix...`):
/// the folder and the `KEY=value` pairs the script printed.
pub fn start(
    name: &str,
    prefix: &str,
    options: &[&str],
) -> (tempfile::TempDir, HashMap<String, String>) {
    let dir = tempfile::Builder::new()
        .prefix(prefix)
        .tempdir_in("/tmp")
        .expect("temporary directory");
    let path = dir.path().to_str().expect("UTF-8 path").to_owned();
    let mut args = vec!["start", path.as_str()];
    args.extend_from_slice(options);
    let env = parse_env(&run(name, &args));
    (dir, env)
}

/// `KEY=value` pairs, one or several on a line (as dovecot's `fill` prints them); a word without
/// `=` continues the value before it (`POSTFIX_DOMAINS="a b"`).
pub fn parse_env(text: &str) -> HashMap<String, String> {
    let mut env = HashMap::new();
    for line in text.lines() {
        let mut last: Option<String> = None;
        for word in line.split_whitespace() {
            match word.split_once('=') {
                Some((k, v)) => {
                    env.insert(k.to_owned(), v.to_owned());
                    last = Some(k.to_owned());
                }
                None => {
                    if let Some(value) = last.as_ref().and_then(|k| env.get_mut(k)) {
                        value.push(' ');
                        value.push_str(word);
                    }
                }
            }
        }
    }
    env
}
