//! Shared helpers of the end-to-end tests: running the real binary against a data directory and
//! reaching into its database the way an attacker with file access would.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// `mailward --data DATA ARGS...`, not started yet (for a test that spawns it and kills it).
pub fn command(data: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_mailward"));
    command
        .arg("--data")
        .arg(data)
        .args(args)
        .env("MAILWARD_TZ", "Asia/Tokyo");
    command
}

/// Runs `mailward --data DATA ARGS...` and returns its output.
pub fn mailward(data: &Path, args: &[&str]) -> Output {
    command(data, args)
        .output()
        .expect("the mailward binary runs")
}

/// Asserts that `mailward` exited 0, showing its stderr otherwise.
pub fn assert_success(out: &Output) {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
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

/// Runs `verify --json`, asserts that the archive verifies, and returns the report.
pub fn verified(data: &Path) -> serde_json::Value {
    let (code, report) = json(data, &["verify", "--json"]);
    assert_eq!(code, 0, "verify: {report}");
    report
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

/// The evidence entry `seq` as stored in the log (its JSON body), read from the database
/// directly (read only), for facts no listing shows (the SMTP envelope).
pub fn entry(data: &Path, seq: u64) -> serde_json::Value {
    let (runtime, url) = database(data, "?mode=ro");
    let body: Vec<u8> = runtime.block_on(async {
        use sqlx::Connection as _;
        let mut conn = sqlx::SqliteConnection::connect(&url).await.unwrap();
        sqlx::query_scalar("SELECT body FROM entries WHERE seq = ?")
            .bind(seq as i64)
            .fetch_one(&mut conn)
            .await
            .unwrap_or_else(|e| panic!("entry {seq}: {e}"))
    });
    serde_json::from_slice(&body).unwrap_or_else(|e| panic!("entry {seq} is not JSON: {e}"))
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

/// How the scripted submission server of [`fake_submission`] behaves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SmtpScript {
    /// Accepts every mail (`250 2.0.0 Ok: queued as FAKE<n>`).
    Accept,
    /// Refuses every recipient with 550.
    RefuseRecipient,
    /// Reads the whole message and closes the connection without answering.
    NoAnswerAfterData,
    /// Reads the whole message, keeps it in `received`, and then says nothing for a minute
    /// (a server busy with content checks), so a test can kill mailward while it waits.
    HangAfterData,
}

/// A submission server on loopback that speaks just enough SMTP to drive mailward's client,
/// for the tests that must not depend on Postfix (tampering, refusals). Keeps the messages it
/// accepted, dot-stuffing removed.
pub struct FakeSubmission {
    /// Its port on 127.0.0.1.
    pub port: u16,
    /// The messages received (exact bytes after DATA, unstuffed).
    pub received: std::sync::Arc<std::sync::Mutex<Vec<Vec<u8>>>>,
}

impl FakeSubmission {
    /// The `n`th message received (from 0).
    pub fn message(&self, n: usize) -> Vec<u8> {
        self.received.lock().unwrap()[n].clone()
    }

    /// How many messages were received.
    pub fn count(&self) -> usize {
        self.received.lock().unwrap().len()
    }
}

/// Starts a [`FakeSubmission`] serving connections one after another, forever (the test
/// process ends it).
pub fn fake_submission(script: SmtpScript) -> FakeSubmission {
    use std::io::{BufRead as _, BufReader, Write as _};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let received = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let keep = received.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { continue };
            let mut write = stream.try_clone().unwrap();
            let mut read = BufReader::new(stream);
            let _ = write.write_all(b"220 fake ESMTP\r\n");
            loop {
                let mut line = String::new();
                if read.read_line(&mut line).unwrap_or(0) == 0 {
                    break;
                }
                let command = line.trim_end().to_ascii_uppercase();
                let answer: &[u8] = if command.starts_with("EHLO") {
                    b"250-fake\r\n250 8BITMIME\r\n"
                } else if command.starts_with("MAIL") {
                    b"250 2.1.0 Ok\r\n"
                } else if command.starts_with("RCPT") {
                    if script == SmtpScript::RefuseRecipient {
                        b"550 5.1.1 <nobody@example.jp>: Recipient address rejected: User unknown\r\n"
                    } else {
                        b"250 2.1.5 Ok\r\n"
                    }
                } else if command == "DATA" {
                    let _ = write.write_all(b"354 End data with <CR><LF>.<CR><LF>\r\n");
                    let mut message = Vec::new();
                    loop {
                        let mut l = Vec::new();
                        if read.read_until(b'\n', &mut l).unwrap_or(0) == 0 || l == b".\r\n" {
                            break;
                        }
                        if l.starts_with(b".") {
                            l.remove(0);
                        }
                        message.extend_from_slice(&l);
                    }
                    if script == SmtpScript::NoAnswerAfterData {
                        break;
                    }
                    if script == SmtpScript::HangAfterData {
                        keep.lock().unwrap().push(message);
                        std::thread::sleep(std::time::Duration::from_secs(60));
                        break;
                    }
                    let n = {
                        let mut all = keep.lock().unwrap();
                        all.push(message);
                        all.len()
                    };
                    let _ =
                        write.write_all(format!("250 2.0.0 Ok: queued as FAKE{n}\r\n").as_bytes());
                    continue;
                } else if command == "QUIT" {
                    let _ = write.write_all(b"221 2.0.0 Bye\r\n");
                    break;
                } else {
                    b"250 2.0.0 Ok\r\n"
                };
                if write.write_all(answer).is_err() {
                    break;
                }
            }
        }
    });
    FakeSubmission { port, received }
}

/// A Japanese complaint as a mail file, answered in the reply tests.
pub const COMPLAINT: &str = "From: =?UTF-8?B?5bGx55SwIOWkqumDjg==?= <yamada.taro@example.jp>\r\nTo: soudan@city.example.lg.jp\r\nSubject: =?ISO-2022-JP?B?GyRCMnNFeiQ3JG0bKEI=?=\r\nMessage-ID: <complaint-1@example.jp>\r\nDate: Sat, 28 Nov 2026 07:00:00 +0900\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n昨日の回答では納得できません。回答期限は本日15時とします。\r\n";

/// Imports [`COMPLAINT`] (as an .eml file in `root`) into `data` and returns its message id.
pub fn import_complaint(root: &Path, data: &Path) -> u64 {
    let eml = root.join("complaint.eml");
    std::fs::write(&eml, COMPLAINT).unwrap();
    let (code, summary) = json(data, &["import", "--json", eml.to_str().unwrap()]);
    assert_eq!(code, 0, "{summary}");
    let listed = json_lines(data, &["messages", "--json"]);
    listed.last().unwrap()["id"].as_u64().unwrap()
}

/// Writes a `mailward.toml` with `[reply]` and a plain `[submission]` to `127.0.0.1:port`.
pub fn reply_config(data: &Path, port: u16, charset: &str) {
    std::fs::create_dir_all(data).unwrap();
    std::fs::write(
        data.join("mailward.toml"),
        format!(
            "[reply]\naddress = \"soudan@city.example.lg.jp\"\ndisplay_name = \"中央区役所 区民課\"\ncharset = \"{charset}\"\n\n[reply.vars]\noffice_name = \"中央区役所\"\ndepartment = \"区民課\"\nmanager_title = \"課長\"\nmanager_name = \"佐藤 一郎\"\n\n[submission]\nhost = \"127.0.0.1\"\nport = {port}\nsecurity = \"plain\"\ntimeout_seconds = 5\ndata_timeout_seconds = 5\n"
        ),
    )
    .unwrap();
}

/// A fresh data directory holding the imported [`COMPLAINT`], for the reply tests.
pub struct ComplaintArchive {
    /// The temporary folder around `data` (removed on drop).
    pub root: tempfile::TempDir,
    /// The data directory.
    pub data: PathBuf,
    /// The complaint's message id.
    pub id: u64,
}

impl ComplaintArchive {
    /// Imports the complaint into a new data directory (no `mailward.toml` yet).
    pub fn new() -> ComplaintArchive {
        let root = tempfile::tempdir().unwrap();
        let data = root.path().join("data");
        let id = import_complaint(root.path(), &data);
        ComplaintArchive { root, data, id }
    }

    /// Imports the complaint and writes [`reply_config`] for a submission server on
    /// `127.0.0.1:port`.
    pub fn replying_to(port: u16, charset: &str) -> ComplaintArchive {
        let archive = ComplaintArchive::new();
        reply_config(&archive.data, port, charset);
        archive
    }

    /// `mailward reply ID ARGS...` (the human form).
    pub fn reply(&self, args: &[&str]) -> Output {
        self.with_reply_args(args, |all| mailward(&self.data, all))
    }

    /// `mailward reply ID ARGS... --json`: the exit code and the JSON printed.
    pub fn reply_json(&self, args: &[&str]) -> (i32, serde_json::Value) {
        self.with_reply_args(&[args, &["--json"]].concat(), |all| json(&self.data, all))
    }

    /// `mailward reply ID ARGS...`, not started yet.
    pub fn reply_command(&self, args: &[&str]) -> Command {
        self.with_reply_args(args, |all| command(&self.data, all))
    }

    fn with_reply_args<T>(&self, args: &[&str], run: impl FnOnce(&[&str]) -> T) -> T {
        let id = self.id.to_string();
        let mut all = vec!["reply", id.as_str()];
        all.extend_from_slice(args);
        run(&all)
    }

    /// `show ID --json`.
    pub fn show(&self) -> serde_json::Value {
        json(&self.data, &["show", &self.id.to_string(), "--json"]).1
    }

    /// `show ID` (the human form).
    pub fn show_text(&self) -> String {
        let out = mailward(&self.data, &["show", &self.id.to_string()]);
        String::from_utf8_lossy(&out.stdout).to_string()
    }

    /// How many entries of `kind` the log holds.
    pub fn count(&self, kind: &str) -> u64 {
        count_entries(&self.data, kind)
    }
}
