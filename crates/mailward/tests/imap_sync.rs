//! `mailward sync` and `mailward serve` against a real Dovecot on loopback (scripts/dovecot):
//! mail archived before anything changes on the server, floods sorted into the Japanese-named
//! quarantine folder, a manager's per-address rule, nothing deleted, deletions by others and
//! UIDVALIDITY changes recorded without loss or doubling, a server without MOVE, bad passwords,
//! and IDLE pick-up across a server restart.

mod common;

use common::{count_entries, json_lines, verified};
use mailward_connect::{Auth, Connection, ImapTarget, Security};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

#[path = "../../connect/tests/support/dovecot_harness.rs"]
mod support;
use support::{Dovecot, harness};

/// What these tests need of a server beyond the shared harness.
trait Mailbox {
    fn url(&self, folder: &str) -> String;
    fn fill(&self, count: u32);
    fn deliver(&self, name: &str, bytes: &str);
    fn deliver_to(&self, folder: &str, name: &str, bytes: &str);
    fn maildir(&self) -> PathBuf;
    fn count(&self, folder: &str) -> usize;
}

impl Mailbox for Dovecot {
    fn url(&self, folder: &str) -> String {
        format!("imap://user1@127.0.0.1:{}/{folder}", self.port("IMAP_PORT"))
    }
    fn fill(&self, count: u32) {
        harness(&[
            "fill",
            self.path(),
            "user1",
            "INBOX",
            &count.to_string(),
            "--seed",
            "7",
        ]);
    }
    fn deliver(&self, name: &str, bytes: &str) {
        self.deliver_to("INBOX", name, bytes);
    }
    fn deliver_to(&self, folder: &str, name: &str, bytes: &str) {
        let file = self.dir.path().join(format!("{name}.eml"));
        std::fs::write(&file, bytes).unwrap();
        harness(&[
            "deliver",
            self.path(),
            "user1",
            folder,
            file.to_str().unwrap(),
        ]);
    }
    fn maildir(&self) -> PathBuf {
        PathBuf::from(&self.env["MAIL_ROOT"]).join("user1")
    }
    /// Counts the mails of a folder through IMAP, as a clerk's mail program would see them.
    fn count(&self, folder: &str) -> usize {
        let target = ImapTarget {
            host: "127.0.0.1".into(),
            port: self.port("IMAP_PORT"),
            security: Security::Plain,
            user: "user1".into(),
            auth: Auth::Password("pw-user1".into()),
            ca_file: None,
            timeout: Duration::from_secs(10),
        };
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async {
            let mut c = Connection::connect(&target).await.unwrap();
            let n = match c.select(folder).await {
                Ok(_) => c.uid_search_all().await.unwrap().len(),
                Err(_) => 0,
            };
            c.logout().await;
            n
        })
    }
}

fn sync(data: &Path, url: &str) -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_mailward"))
        .arg("--data")
        .arg(data)
        .args(["sync", url, "--insecure-plain", "--once", "--json"])
        .env("MAILWARD_IMAP_PASSWORD", "pw-user1")
        .env("MAILWARD_TZ", "Asia/Tokyo")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "sync: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn bomb_mail(i: usize) -> String {
    format!(
        "From: bomber@kougeki.example\r\nTo: soudan@ku.example\r\nSubject: 税金泥棒\r\n\
         Date: Sat, 28 Nov 2026 10:{:02}:00 +0900\r\nMessage-ID: <b{i}@kougeki.example>\r\n\
         MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n\
         税金泥棒！回答しろ！{}\r\n",
        i % 60,
        "！".repeat(i % 5)
    )
}

fn simple_mail(from: &str, id: &str, body: &str) -> String {
    format!(
        "From: {from}\r\nTo: soudan@ku.example\r\nSubject: {id}\r\nDate: Sat, 28 Nov 2026 12:00:00 +0900\r\n\
         Message-ID: <{id}@x.example>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n"
    )
}

fn entries_of_kind(data: &Path, kind: &str) -> u64 {
    verified(data);
    count_entries(data, kind)
}

#[test]
fn first_sync_archives_everything_then_sorts_the_flood_and_a_rule() {
    let server = Dovecot::start("mwsync", &[]);
    server.fill(2000);
    for i in 0..120 {
        server.deliver(&format!("b{i}"), &bomb_mail(i));
    }
    server.deliver(
        "threat",
        &simple_mail(
            "bomber@kougeki.example",
            "threat",
            "庁舎に火をつけてやるからな。",
        ),
    );
    server.deliver(
        "ruled",
        &simple_mail(
            "someone@rule.example",
            "ruled",
            "いつもお世話になっております。",
        ),
    );
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    std::fs::write(
        data.join("mailward.toml"),
        "[[sorting.rule]]\naddress = \"Someone@rule.example\"\nfolder = \"要確認\"\n",
    )
    .unwrap();

    let report = sync(&data, &server.url("INBOX"));
    let f = &report["folders"][0];
    assert_eq!(f["on_server"], 2122, "{report}");
    assert_eq!(f["archived"], 2122);
    assert_eq!(
        f["moved"], 121,
        "120 flood mails and the ruled one: {report}"
    );
    assert!(report["checkpoint"].is_object());

    // On the server: the flood in the quarantine folder, the threat still in the inbox (a
    // person must see it now), the ruled mail where the manager's rule put it; nothing deleted.
    assert_eq!(server.count("確認用(迷惑メール)"), 120);
    assert_eq!(server.count("要確認"), 1);
    assert_eq!(server.count("INBOX"), 2001);
    assert_eq!(server.count("INBOX") + 121, 2122);

    // In the archive: every mail, byte for byte addressable, verified; the actions recorded.
    let messages = json_lines(&data, &["messages", "--json"]);
    assert_eq!(messages.len(), 2122);
    assert_eq!(messages[0]["source"]["type"], "imap");
    assert!(messages[0]["server_received_at"].is_string());
    // One `sorted` entry per action the server confirmed: every move and every keyword batch
    // (the flood and the threat get keywords; so may generated mails that triage flags).
    let keyworded = f["keyworded"].as_u64().unwrap();
    assert!(keyworded >= 121, "{report}");
    assert_eq!(entries_of_kind(&data, "sorted"), 121 + keyworded);

    // A second pass changes nothing.
    let again = sync(&data, &server.url("INBOX"));
    let f = &again["folders"][0];
    assert_eq!(
        (f["archived"].as_u64(), f["moved"].as_u64()),
        (Some(0), Some(0))
    );
    assert!(again["checkpoint"].is_null());
}

#[test]
fn deletions_by_others_and_uidvalidity_changes_lose_and_double_nothing() {
    let server = Dovecot::start("mwsync", &[]);
    server.fill(50);
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let first = sync(&data, &server.url("INBOX"));
    assert_eq!(first["folders"][0]["archived"], 50);

    // Another client deletes a mail (here: its file disappears from the Maildir).
    let cur = server.maildir().join("cur");
    let new = server.maildir().join("new");
    let victim = std::fs::read_dir(&cur)
        .into_iter()
        .chain(std::fs::read_dir(&new))
        .flatten()
        .flatten()
        .next()
        .expect("a mail file")
        .path();
    std::fs::remove_file(&victim).unwrap();
    let second = sync(&data, &server.url("INBOX"));
    assert_eq!(second["folders"][0]["removed"], 1, "{second}");
    assert_eq!(entries_of_kind(&data, "removed"), 1);
    // The archive still holds all 50.
    assert_eq!(json_lines(&data, &["messages", "--json"]).len(), 50);

    // UIDVALIDITY changes: the 49 are found again by hash, nothing new, nothing removed.
    harness(&["uidvalidity", server.path(), "user1", "INBOX"]);
    let third = sync(&data, &server.url("INBOX"));
    let f = &third["folders"][0];
    assert_eq!(f["uidvalidity_changed"], true, "{third}");
    assert_eq!(f["archived"], 0);
    assert_eq!(f["duplicates"], 49);
    assert_eq!(f["removed"], 0);
    assert_eq!(json_lines(&data, &["messages", "--json"]).len(), 50);
    assert_eq!(entries_of_kind(&data, "removed"), 1);
}

#[test]
fn a_server_without_move_gets_copies_once() {
    let server = Dovecot::start("mwsync", &["--no-move"]);
    for i in 0..110 {
        server.deliver(&format!("b{i}"), &bomb_mail(i));
    }
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let report = sync(&data, &server.url("INBOX"));
    let f = &report["folders"][0];
    assert_eq!(
        (f["moved"].as_u64(), f["copied"].as_u64()),
        (Some(0), Some(110))
    );
    assert_eq!(
        server.count("INBOX"),
        110,
        "originals stay: nothing is deleted"
    );
    assert_eq!(server.count("確認用(迷惑メール)"), 110);
    let again = sync(&data, &server.url("INBOX"));
    assert_eq!(again["folders"][0]["copied"], 0);
    assert_eq!(server.count("確認用(迷惑メール)"), 110);
}

#[test]
fn bad_password_and_missing_folder_are_clear_errors() {
    let server = Dovecot::start("mwsync", &[]);
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let out = Command::new(env!("CARGO_BIN_EXE_mailward"))
        .arg("--data")
        .arg(&data)
        .args(["sync", &server.url("INBOX"), "--insecure-plain", "--once"])
        .env("MAILWARD_IMAP_PASSWORD", "wrong-secret")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("wrong-secret"), "{err}");
    assert!(
        err.to_lowercase().contains("auth") || err.contains("login"),
        "{err}"
    );
    let status = json_lines(&data, &["status", "--json"]);
    assert_eq!(status.len(), 1, "{status:?}");
    assert!(status[0]["last_error"].is_string(), "{status:?}");
    assert!(status[0]["last_sync"].is_null(), "{status:?}");
    assert!(
        !status[0].to_string().contains("wrong-secret"),
        "{status:?}"
    );

    let out = Command::new(env!("CARGO_BIN_EXE_mailward"))
        .arg("--data")
        .arg(&data)
        .args([
            "sync",
            &server.url("存在しない"),
            "--insecure-plain",
            "--once",
        ])
        .env("MAILWARD_IMAP_PASSWORD", "pw-user1")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("存在しない"), "{err}");
}

#[test]
fn serve_picks_up_new_mail_within_seconds_and_survives_a_restart() {
    let server = Dovecot::start("mwsync", &[]);
    server.fill(5);
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let serve = Serve::start(&data, &server, "poll_seconds = 30");
    let wait_for = |n: usize, limit: Duration| {
        serve
            .wait_for(n, limit)
            .unwrap_or_else(|| panic!("{n} mails not archived within {limit:?}"))
    };
    wait_for(5, Duration::from_secs(20));
    server.deliver("idle1", &simple_mail("r@example.jp", "idle1", "こんにちは"));
    let took = wait_for(6, Duration::from_secs(10));
    eprintln!("IDLE pick-up took {took:?}");
    let status = json_lines(&data, &["status", "--json"]);
    assert_eq!(status[0]["name"], "office");
    assert_eq!(status[0]["connected"], true);

    harness(&["restart", server.path()]);
    server.deliver(
        "idle2",
        &simple_mail("r@example.jp", "idle2", "再起動のあと"),
    );
    wait_for(7, Duration::from_secs(30));

    // SIGTERM: a clean stop.
    serve.stop();
    assert_eq!(json_lines(&data, &["messages", "--json"]).len(), 7);
    verified(&data);
}

/// `mailward serve` with one `[[imap]]` source on a test Dovecot (user1), `extra` TOML lines
/// added to the source; stopped with SIGTERM by [`Serve::stop`].
struct Serve<'a> {
    child: std::process::Child,
    data: &'a Path,
}

impl<'a> Serve<'a> {
    fn start(data: &'a Path, server: &Dovecot, extra: &str) -> Serve<'a> {
        std::fs::create_dir_all(data).unwrap();
        std::fs::write(
            data.join("mailward.toml"),
            format!(
                "[[imap]]\nname = \"office\"\nhost = \"127.0.0.1\"\nport = {}\nsecurity = \"plain\"\n\
                 user = \"user1\"\npassword_env = \"TEST_IMAP_PW\"\ntimeout_seconds = 5\n{extra}\n",
                server.port("IMAP_PORT")
            ),
        )
        .unwrap();
        let child = Command::new(env!("CARGO_BIN_EXE_mailward"))
            .arg("--data")
            .arg(data)
            .arg("serve")
            .env("TEST_IMAP_PW", "pw-user1")
            .spawn()
            .unwrap();
        Serve { child, data }
    }

    /// How long it took until `n` mails were archived, or None after `limit`.
    fn wait_for(&self, n: usize, limit: Duration) -> Option<Duration> {
        let start = Instant::now();
        while start.elapsed() < limit {
            if json_lines(self.data, &["messages", "--json"]).len() >= n {
                return Some(start.elapsed());
            }
            std::thread::sleep(Duration::from_millis(200));
        }
        None
    }

    /// SIGTERM, and a clean exit within 15 s.
    fn stop(mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(15) {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let _ = self.child.kill();
        panic!("serve did not stop on SIGTERM");
    }
}

#[test]
fn tls_starttls_and_xoauth2_through_the_command_line() {
    let server = Dovecot::start("mwsync", &["--tls", "--oauth2"]);
    server.fill(20);
    let ca = server.env["CA_FILE"].clone();
    let dir = tempfile::tempdir().unwrap();
    let run = |data: &Path, args: &[&str], token: bool| {
        let mut c = Command::new(env!("CARGO_BIN_EXE_mailward"));
        c.arg("--data").arg(data).arg("sync").args(args);
        c.args(["--ca-file", &ca, "--once", "--json"]);
        if token {
            let file = dir.path().join("token");
            std::fs::write(&file, &server.env["OAUTH2_TOKEN_user1"]).unwrap();
            c.arg("--oauth2-token-file").arg(file);
        } else {
            c.env("MAILWARD_IMAP_PASSWORD", "pw-user1");
        }
        let out = c.output().unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice::<Value>(&out.stdout).unwrap()
    };
    let tls_url = format!("imap://user1@127.0.0.1:{}/INBOX", server.env["IMAPS_PORT"]);
    let plain_url = server.url("INBOX");
    let r = run(&dir.path().join("a"), &[&tls_url, "--tls"], false);
    assert_eq!(r["folders"][0]["archived"], 20);
    let r = run(&dir.path().join("b"), &[&plain_url, "--starttls"], false);
    assert_eq!(r["folders"][0]["archived"], 20);
    let r = run(&dir.path().join("c"), &[&tls_url, "--tls"], true);
    assert_eq!(r["folders"][0]["archived"], 20);
    // Without the CA the certificate is refused: a clear TLS error, exit 2.
    let out = Command::new(env!("CARGO_BIN_EXE_mailward"))
        .arg("--data")
        .arg(dir.path().join("d"))
        .args(["sync", &tls_url, "--tls", "--once"])
        .env("MAILWARD_IMAP_PASSWORD", "pw-user1")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .to_lowercase()
            .contains("tls")
    );
}

#[test]
fn a_server_restart_during_a_sync_loses_and_doubles_nothing() {
    let server = Dovecot::start("mwsync", &[]);
    server.fill(3000);
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let child = Command::new(env!("CARGO_BIN_EXE_mailward"))
        .arg("--data")
        .arg(&data)
        .args([
            "sync",
            &server.url("INBOX"),
            "--insecure-plain",
            "--once",
            "--json",
        ])
        .env("MAILWARD_IMAP_PASSWORD", "pw-user1")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Restart the server while the first chunks are being fetched.
    std::thread::sleep(Duration::from_millis(700));
    harness(&["restart", server.path()]);
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "sync retried after the restart: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Whatever the first attempt had archived, a second pass completes it: all 3,000, once.
    let again = sync(&data, &server.url("INBOX"));
    assert_eq!(again["folders"][0]["on_server"], 3000);
    assert_eq!(json_lines(&data, &["messages", "--json"]).len(), 3000);
    verified(&data);
}

#[test]
fn a_mail_the_server_cannot_fetch_is_named_and_fetched_once_readable() {
    use std::os::unix::fs::PermissionsExt;
    let server = Dovecot::start("mwunread", &[]);
    server.fill(30);
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    // The mail store breaks under one mail: its file can no longer be read by the server.
    let victim = ["new", "cur"]
        .iter()
        .filter_map(|d| std::fs::read_dir(server.maildir().join(d)).ok())
        .flatten()
        .flatten()
        .map(|e| e.path())
        .min()
        .expect("a mail file");
    std::fs::set_permissions(&victim, std::fs::Permissions::from_mode(0o000)).unwrap();

    let first = sync(&data, &server.url("INBOX"));
    let f = &first["folders"][0];
    assert_eq!(f["archived"], 29, "{first}");
    let unreadable = f["unreadable"].as_array().expect("unreadable list");
    assert_eq!(unreadable.len(), 1, "{first}");
    assert!(
        unreadable[0].as_str().unwrap().starts_with("UID "),
        "{first}"
    );
    // Nothing changed on the server for the unreadable mail, and nothing is lost.
    assert_eq!(server.count("INBOX"), 30);
    // `status` shows the one-shot sync too: synced, one mail left, and why.
    let status = json_lines(&data, &["status", "--json"]);
    let row = status
        .iter()
        .find(|r| {
            r["name"]
                .as_str()
                .is_some_and(|n| n.starts_with("sync imap://"))
        })
        .unwrap_or_else(|| panic!("no sync row: {status:?}"));
    assert_eq!(row["backlog"], 1, "{row}");
    assert!(row["last_sync"].is_string(), "{row}");
    assert!(
        row["last_error"]
            .as_str()
            .is_some_and(|e| e.contains("could not hand over")),
        "{row}"
    );

    // Readable again: the next pass fetches it, and only it.
    // (Dovecot may have moved the file from new/ to cur/ and added flags to its name.)
    let base = victim.file_name().unwrap().to_string_lossy();
    let base = base.split(':').next().unwrap().to_string();
    let now_at = ["new", "cur"]
        .iter()
        .filter_map(|d| std::fs::read_dir(server.maildir().join(d)).ok())
        .flatten()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(&base))
        .expect("the unreadable mail file is still there");
    std::fs::set_permissions(&now_at, std::fs::Permissions::from_mode(0o600)).unwrap();
    let second = sync(&data, &server.url("INBOX"));
    let f = &second["folders"][0];
    assert_eq!(f["archived"], 1, "{second}");
    assert_eq!(
        f["unreadable"].as_array().map_or(0, Vec::len),
        0,
        "{second}"
    );
    assert_eq!(json_lines(&data, &["messages", "--json"]).len(), 30);
    assert_eq!(entries_of_kind(&data, "received"), 30);
    let status = json_lines(&data, &["status", "--json"]);
    let row = &status[0];
    assert_eq!(row["backlog"], 0, "{row}");
    assert!(row["last_error"].is_null(), "{row}");
}

#[test]
fn serve_picks_up_mail_in_a_second_folder_within_seconds() {
    let server = Dovecot::start("mwsync", &[]);
    server.fill(3);
    server.deliver_to(
        "Other",
        "o1",
        &simple_mail("r@example.jp", "o1", "別の受信箱"),
    );
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    // A poll far longer than the wait below: only IDLE on the second folder explains a quick
    // pick-up there.
    let serve = Serve::start(
        &data,
        &server,
        "folders = [\"INBOX\", \"Other\"]\npoll_seconds = 300",
    );
    let first = serve.wait_for(4, Duration::from_secs(20));
    // Give the watcher of the second folder a moment to be in IDLE.
    std::thread::sleep(Duration::from_secs(1));
    server.deliver_to("Other", "o2", &simple_mail("r@example.jp", "o2", "二通目"));
    let second = serve.wait_for(5, Duration::from_secs(15));
    serve.stop();
    assert!(
        first.is_some(),
        "the first pass did not archive both folders"
    );
    let took = second.expect("mail in the second folder not picked up within 15 s (poll is 300 s)");
    eprintln!("second-folder pick-up took {took:?}");
    assert_eq!(json_lines(&data, &["messages", "--json"]).len(), 5);
}
