//! Shared helpers of the end-to-end tests: running the real binary against a data directory and
//! reaching into its database the way an attacker with file access would.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Runs `mailward --data DATA ARGS...` and returns its output.
pub fn mailward(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mailward"))
        .arg("--data")
        .arg(data)
        .args(args)
        .env("MAILWARD_TZ", "Asia/Tokyo")
        .output()
        .expect("the mailward binary runs")
}

/// Runs a command expected to print one JSON object and returns it with the exit code.
pub fn json(data: &Path, args: &[&str]) -> (i32, serde_json::Value) {
    let out = mailward(data, args);
    let text = String::from_utf8_lossy(&out.stdout);
    let value = serde_json::from_str(text.trim()).unwrap_or_else(|e| {
        panic!(
            "{args:?} did not print JSON ({e}): stdout {text:?} stderr {:?}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (out.status.code().unwrap_or(-1), value)
}

/// Runs a listing command with `--json` and returns its JSON Lines.
pub fn json_lines(data: &Path, args: &[&str]) -> Vec<serde_json::Value> {
    let out = mailward(data, args);
    assert!(
        out.status.success(),
        "{args:?}: {:?}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

/// SHA-256 hex of bytes, computed independently of mailward's own code.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest as _;
    hex::encode(sha2::Sha256::digest(bytes))
}

/// The shared corpora folder beside the repository.
pub fn corpora() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpora")
}

/// Writes a small Maildir of `n` distinct mails and returns its path.
pub fn small_maildir(root: &Path, n: usize) -> PathBuf {
    let md = root.join("Maildir");
    for d in ["cur", "new", "tmp"] {
        std::fs::create_dir_all(md.join(d)).unwrap();
    }
    for i in 0..n {
        let body = format!(
            "From: =?UTF-8?B?5aSq6YOO?= <taro{i}@example.jp>\r\nTo: soudan@city.example.lg.jp\r\nSubject: test {i}\r\nMessage-ID: <{i}@example.jp>\r\nDate: Sat, 28 Nov 2026 07:00:{:02} +0900\r\n\r\n税金泥棒！回答しろ！ {i}\r\n",
            i % 60
        );
        let name = format!("{}.M{}P1Q{i}.test:2,S", 1_795_000_000 + i as u64, i);
        std::fs::write(md.join("cur").join(name), body).unwrap();
    }
    md
}

/// Executes SQL against the archive's database directly, bypassing mailward (as a tamperer
/// would), after dropping the append-only triggers that stop honest mistakes.
pub fn tamper(data: &Path, statements: &[&str]) {
    let (runtime, url) = database(data, "");
    runtime.block_on(async {
        use sqlx::Connection as _;
        use sqlx::Executor as _;
        let mut conn = sqlx::SqliteConnection::connect(&url).await.unwrap();
        for trigger in [
            "entries_no_update",
            "entries_no_delete",
            "tree_nodes_no_update",
            "tree_nodes_no_delete",
            "blobs_no_update",
            "blobs_no_delete",
            "checkpoints_no_update",
            "checkpoints_no_delete",
        ] {
            conn.execute(sqlx::AssertSqlSafe(format!(
                "DROP TRIGGER IF EXISTS {trigger}"
            )))
            .await
            .unwrap();
        }
        for s in statements {
            conn.execute(sqlx::AssertSqlSafe(s.to_string()))
                .await
                .unwrap_or_else(|e| panic!("{s}: {e}"));
        }
    });
}

/// Counts entries of one kind in the log, reading the database directly (read only).
pub fn count_entries(data: &Path, kind: &str) -> u64 {
    let (runtime, url) = database(data, "?mode=ro");
    runtime.block_on(async {
        use sqlx::Connection as _;
        let mut conn = sqlx::SqliteConnection::connect(&url).await.unwrap();
        let n: i64 = sqlx::query_scalar("SELECT count(*) FROM entries WHERE kind = ?")
            .bind(kind)
            .fetch_one(&mut conn)
            .await
            .unwrap();
        n as u64
    })
}

/// A runtime to reach the archive's database directly, and its URL (with `options`).
fn database(data: &Path, options: &str) -> (tokio::runtime::Runtime, String) {
    let url = format!(
        "sqlite://{}{options}",
        data.join("mailward.sqlite").display()
    );
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    (runtime, url)
}
