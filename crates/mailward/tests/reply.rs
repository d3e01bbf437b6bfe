//! `mailward reply` end to end: the reply is composed from the archived mail, its exact bytes are
//! in the log (`sending`) before the server sees them, and the outcome follows (`sent` with the
//! server's answer, or `send_failed`), never a `sent` for a reply the server did not accept.
//!
//! The first tests run against a scripted submission server on loopback (refusals and a server
//! that goes silent after the data are hard to provoke in a real one); the Postfix test at the
//! end runs the whole path through a real Postfix and into a recipient's Maildir.

mod common;

use common::{
    SmtpScript, count_entries, fake_submission, import_complaint, json, json_lines, mailward,
    reply_config, sha256_hex,
};
use mail_parser::MimeHeaders as _;

#[test]
fn a_sent_reply_is_archived_with_its_exact_bytes_and_verifies() {
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("data");
    let id = import_complaint(root.path(), &data);
    let server = fake_submission(SmtpScript::Accept);
    reply_config(&data, server.port, "iso-2022-jp");
    let (code, out) = json(
        &data,
        &[
            "reply",
            &id.to_string(),
            "--template",
            "end-of-response",
            "--var",
            "answered_on=11月20日",
            "--json",
        ],
    );
    assert_eq!(code, 0, "{out}");
    let sending = out["sending"].as_u64().unwrap();
    let sent = out["sent"].as_u64().unwrap();
    assert_eq!((sending, sent), (id + 1, id + 2));
    assert_eq!(out["to"], serde_json::json!(["yamada.taro@example.jp"]));
    assert_eq!(out["server_reply"], "250 2.0.0 Ok: queued as FAKE1");
    assert_eq!(out["charset"], "ISO-2022-JP");
    assert!(out["send_failed"].is_null() && out["failure"].is_null());
    // What the server got is what the log holds.
    let got = server.received.lock().unwrap()[0].clone();
    assert_eq!(sha256_hex(&got), out["sha256"].as_str().unwrap());
    let parsed = mail_parser::MessageParser::default().parse(&got).unwrap();
    assert_eq!(parsed.subject(), Some("Re: 回答しろ"));
    assert_eq!(
        parsed.in_reply_to().as_text(),
        Some("complaint-1@example.jp")
    );
    let body = parsed.body_text(0).unwrap();
    assert!(body.starts_with("山田 太郎様"), "{body}");
    assert!(body.contains("11月20日付のメールにて"), "{body}");
    assert!(
        body.contains("2026年11月28日にいただいたメール(件名「回答しろ」)"),
        "{body}"
    );
    assert!(body.contains("課長 佐藤 一郎"), "{body}");
    assert_eq!(count_entries(&data, "sending"), 1);
    assert_eq!(count_entries(&data, "sent"), 1);
    assert_eq!(count_entries(&data, "send_failed"), 0);
    let (code, report) = json(&data, &["verify", "--json"]);
    assert_eq!(code, 0, "{report}");
    assert_eq!(report["entries"], 3);
    assert_eq!(
        report["blobs"], 2,
        "the reply's bytes are a blob of their own"
    );
    assert_eq!(
        report["checkpointed_size"], 3,
        "a checkpoint is signed after the outcome"
    );
    // show lists the reply under the mail it answers.
    let (_, shown) = json(&data, &["show", &id.to_string(), "--json"]);
    let replies = shown["replies"].as_array().unwrap();
    assert_eq!(replies.len(), 1);
    assert_eq!(replies[0]["outcome"], "sent");
    assert_eq!(replies[0]["sending"], sending);
    assert_eq!(replies[0]["outcome_entry"], sent);
    assert_eq!(replies[0]["template"], "end-of-response");
    let text =
        String::from_utf8_lossy(&mailward(&data, &["show", &id.to_string()]).stdout).to_string();
    assert!(
        text.contains("送信済み / sent: 250 2.0.0 Ok: queued as FAKE1"),
        "{text}"
    );
    // The reply's bytes can be handed out like a received mail's.
    let raw = mailward(&data, &["raw", &sending.to_string()]);
    assert!(raw.status.success());
    assert_eq!(raw.stdout, got);
    // The entry is provable like any other.
    let (code, proof) = json(&data, &["proof", "inclusion", &sent.to_string(), "--json"]);
    assert_eq!(code, 0, "{proof}");
}

#[test]
fn a_refused_recipient_is_send_failed_never_sent() {
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("data");
    let id = import_complaint(root.path(), &data);
    let server = fake_submission(SmtpScript::RefuseRecipient);
    reply_config(&data, server.port, "iso-2022-jp");
    let (code, out) = json(
        &data,
        &[
            "reply",
            &id.to_string(),
            "--template",
            "refuse-private",
            "--json",
        ],
    );
    assert_eq!(code, 1, "{out}");
    assert!(out["sent"].is_null());
    assert_eq!(out["failure"], "permanent");
    assert_eq!(out["stage"], "rcpt_to");
    assert!(
        out["server_reply"]
            .as_str()
            .unwrap()
            .contains("Recipient address rejected"),
        "{out}"
    );
    assert_eq!(count_entries(&data, "sent"), 0);
    assert_eq!(count_entries(&data, "send_failed"), 1);
    assert_eq!(count_entries(&data, "sending"), 1);
    let (code, report) = json(&data, &["verify", "--json"]);
    assert_eq!(code, 0, "{report}");
    // The human form says it clearly.
    let out = mailward(
        &data,
        &["reply", &id.to_string(), "--template", "refuse-private"],
    );
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("送信できませんでした / Not sent (permanent failure)"),
        "{text}"
    );
    assert!(text.contains("Recipient address rejected"), "{text}");
}

#[test]
fn a_stopped_server_is_a_temporary_send_failed() {
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("data");
    let id = import_complaint(root.path(), &data);
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    reply_config(&data, port, "iso-2022-jp");
    let (code, out) = json(
        &data,
        &[
            "reply",
            &id.to_string(),
            "--template",
            "refuse-private",
            "--json",
        ],
    );
    assert_eq!(code, 1, "{out}");
    assert_eq!(out["failure"], "temporary");
    assert_eq!(out["stage"], "connect");
    assert!(
        out["error"].as_str().unwrap().contains("cannot connect"),
        "{out}"
    );
    assert_eq!(count_entries(&data, "sent"), 0);
    let (_, shown) = json(&data, &["show", &id.to_string(), "--json"]);
    assert_eq!(shown["replies"][0]["outcome"], "failed");
}

#[test]
fn silence_after_the_data_is_outcome_unknown() {
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("data");
    let id = import_complaint(root.path(), &data);
    let server = fake_submission(SmtpScript::NoAnswerAfterData);
    reply_config(&data, server.port, "utf-8");
    let (code, out) = json(
        &data,
        &[
            "reply",
            &id.to_string(),
            "--template",
            "refuse-private",
            "--json",
        ],
    );
    assert_eq!(code, 1, "{out}");
    assert_eq!(out["failure"], "unknown");
    assert_eq!(out["stage"], "end_of_data");
    assert_eq!(out["charset"], "UTF-8");
    let (_, shown) = json(&data, &["show", &id.to_string(), "--json"]);
    assert_eq!(shown["replies"][0]["outcome"], "unknown");
    let text = String::from_utf8_lossy(&mailward(&data, &["status"]).stdout).to_string();
    assert!(
        text.contains("返信の結果不明 / reply outcome unknown"),
        "{text}"
    );
}

#[test]
fn killed_while_waiting_for_the_server_leaves_sending_shown_as_unknown() {
    // mailward is killed (SIGKILL) after the server got the whole reply and before it answered:
    // the reply may have left, and the log must still hold it, with its outcome unknown.
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("data");
    let id = import_complaint(root.path(), &data);
    let server = fake_submission(SmtpScript::HangAfterData);
    reply_config(&data, server.port, "iso-2022-jp");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_mailward"))
        .arg("--data")
        .arg(&data)
        .args([
            "reply",
            &id.to_string(),
            "--template",
            "refuse-private",
            "--json",
        ])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(4);
    while server.received.lock().unwrap().is_empty() {
        assert!(
            std::time::Instant::now() < deadline,
            "the reply reached the server"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let got = server.received.lock().unwrap()[0].clone();
    assert_eq!(count_entries(&data, "sending"), 1);
    assert_eq!(
        count_entries(&data, "sent") + count_entries(&data, "send_failed"),
        0
    );
    let (_, shown) = json(&data, &["show", &id.to_string(), "--json"]);
    let reply = &shown["replies"][0];
    assert_eq!(reply["outcome"], "unknown");
    assert_eq!(sha256_hex(&got), reply["sha256"].as_str().unwrap());
    let text =
        String::from_utf8_lossy(&mailward(&data, &["show", &id.to_string()]).stdout).to_string();
    assert!(text.contains("結果不明 / outcome unknown"), "{text}");
    let (code, report) = json(&data, &["verify", "--json"]);
    assert_eq!(code, 0, "{report}");
}

#[test]
fn a_sending_entry_without_outcome_is_shown_as_unknown() {
    // What a crash between the two appends leaves: the outcome entry is cut from the log's end
    // (with the checkpoint and tree nodes written after it), as if mailward had died before it.
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("data");
    let id = import_complaint(root.path(), &data);
    let server = fake_submission(SmtpScript::Accept);
    reply_config(&data, server.port, "iso-2022-jp");
    let (code, out) = json(
        &data,
        &[
            "reply",
            &id.to_string(),
            "--template",
            "refuse-private",
            "--json",
        ],
    );
    assert_eq!(code, 0, "{out}");
    let sent = out["sent"].as_u64().unwrap();
    common::tamper(
        &data,
        &[
            &format!("DELETE FROM entries WHERE seq = {sent}"),
            &format!("DELETE FROM checkpoints WHERE tree_size >= {sent}"),
        ],
    );
    let (_, shown) = json(&data, &["show", &id.to_string(), "--json"]);
    assert_eq!(shown["replies"][0]["outcome"], "unknown");
    assert!(shown["replies"][0]["outcome_entry"].is_null());
    let lines = json_lines(&data, &["status", "--json"]);
    assert!(
        lines
            .iter()
            .any(|l| l["reply_outcome_unknown"] == out["sending"]),
        "{lines:?}"
    );
    // The log without the outcome is still a consistent log.
    let (code, report) = json(&data, &["verify", "--json"]);
    assert_eq!(code, 0, "{report}");
}

#[test]
fn dry_run_records_and_sends_nothing() {
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("data");
    let id = import_complaint(root.path(), &data);
    let server = fake_submission(SmtpScript::Accept);
    reply_config(&data, server.port, "iso-2022-jp");
    let out = mailward(
        &data,
        &[
            "reply",
            &id.to_string(),
            "--template",
            "warning-personal",
            "--dry-run",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("Content-Type: text/plain; charset=ISO-2022-JP\r\n"),
        "{text}"
    );
    assert!(
        text.contains("In-Reply-To: <complaint-1@example.jp>\r\n"),
        "{text}"
    );
    let parsed = mail_parser::MessageParser::default()
        .parse(&out.stdout)
        .unwrap();
    assert!(
        parsed
            .body_text(0)
            .unwrap()
            .contains("カスタマー・ハラスメントに該当する恐れがございます")
    );
    let (code, j) = json(
        &data,
        &[
            "reply",
            &id.to_string(),
            "--body-file",
            "/dev/null",
            "--dry-run",
            "--json",
        ],
    );
    assert_eq!(code, 0, "{j}");
    assert_eq!(j["dry_run"], true);
    assert_eq!(count_entries(&data, "sending"), 0);
    assert!(server.received.lock().unwrap().is_empty());
}

#[test]
fn a_hand_written_body_that_iso_2022_jp_cannot_hold_goes_as_utf8() {
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("data");
    let id = import_complaint(root.path(), &data);
    let server = fake_submission(SmtpScript::Accept);
    reply_config(&data, server.port, "iso-2022-jp");
    let body = root.path().join("body.txt");
    std::fs::write(&body, "髙橋様\n①についてご回答します。\n").unwrap();
    let out = mailward(
        &data,
        &[
            "reply",
            &id.to_string(),
            "--body-file",
            body.to_str().unwrap(),
            "--json",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("髙 (U+9AD9)") && stderr.contains("① (U+2460)"),
        "{stderr}"
    );
    let j: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(j["charset"], "UTF-8");
    assert!(j["fallback"].as_str().unwrap().contains("UTF-8"));
    let got = server.received.lock().unwrap()[0].clone();
    let parsed = mail_parser::MessageParser::default().parse(&got).unwrap();
    assert_eq!(
        parsed.body_text(0).unwrap(),
        "髙橋様\r\n①についてご回答します。\r\n"
    );
}

#[test]
fn a_missing_template_value_is_named_and_nothing_is_recorded() {
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("data");
    let id = import_complaint(root.path(), &data);
    let server = fake_submission(SmtpScript::Accept);
    reply_config(&data, server.port, "iso-2022-jp");
    let out = mailward(
        &data,
        &["reply", &id.to_string(), "--template", "end-of-response"],
    );
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("answered_on"), "{stderr}");
    assert_eq!(count_entries(&data, "sending"), 0);
    // No such mail, no such template: errors too.
    let out = mailward(&data, &["reply", "99", "--template", "refuse-private"]);
    assert_eq!(out.status.code(), Some(2));
    let out = mailward(&data, &["reply", &id.to_string(), "--template", "nope"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("end-of-response"));
}

#[test]
fn templates_are_listed() {
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("data");
    let lines = json_lines(&data, &["templates", "--json"]);
    let names: Vec<&str> = lines.iter().map(|l| l["name"].as_str().unwrap()).collect();
    assert_eq!(
        names,
        [
            "already-answered",
            "end-of-response",
            "refuse-private",
            "warning-personal"
        ]
    );
    let end = &lines[1];
    assert!(
        end["description"]
            .as_str()
            .unwrap()
            .contains("対応終了の宣言")
    );
    assert!(
        end["variables"]
            .as_array()
            .unwrap()
            .iter()
            .any(|v| v == "manager_name")
    );
}

/// A private Postfix through `scripts/postfix` (stopped on drop, also when the test fails), or
/// `None` with a message when Postfix is not installed and cannot be.
struct Postfix {
    dir: tempfile::TempDir,
    port: u16,
    mail_root: std::path::PathBuf,
}

impl Postfix {
    fn script() -> std::path::PathBuf {
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scripts/postfix")
    }

    fn start() -> Option<Postfix> {
        use std::process::Command;
        if !std::path::Path::new("/usr/sbin/postfix").exists() {
            let installed = Command::new(Self::script()).arg("install").output();
            if !installed.is_ok_and(|o| o.status.success())
                || !std::path::Path::new("/usr/sbin/postfix").exists()
            {
                eprintln!(
                    "SKIPPED: Postfix is not installed and `scripts/postfix install` failed; the reply test through a real Postfix did not run"
                );
                return None;
            }
        }
        let dir = tempfile::Builder::new()
            .prefix("mw-reply-postfix")
            .tempdir_in("/tmp")
            .unwrap();
        let out = Command::new(Self::script())
            .arg("start")
            .arg(dir.path())
            .args(["--domain", "city.example.lg.jp"])
            .output()
            .expect("scripts/postfix runs");
        assert!(
            out.status.success(),
            "scripts/postfix start failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8(out.stdout).unwrap();
        let value = |key: &str| {
            text.lines()
                .find_map(|l| l.strip_prefix(&format!("{key}=")))
                .unwrap_or_else(|| panic!("{key} in {text}"))
                .to_string()
        };
        Some(Postfix {
            port: value("POSTFIX_SMTP_PORT").parse().unwrap(),
            mail_root: value("POSTFIX_MAIL_ROOT").into(),
            dir,
        })
    }

    /// Turns on STARTTLS with a certificate for 127.0.0.1 signed by a fresh CA (openssl), and
    /// returns the CA file; `None` when openssl is missing.
    fn enable_starttls(&self) -> Option<std::path::PathBuf> {
        use std::process::Command;
        let dir = self.dir.path().join("tls");
        std::fs::create_dir_all(&dir).unwrap();
        let p = |name: &str| dir.join(name).to_str().unwrap().to_string();
        std::fs::write(
            dir.join("ext"),
            "subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n",
        )
        .unwrap();
        let steps: [Vec<String>; 3] = [
            [
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-days",
                "2",
                "-subj",
                "/CN=mailward test CA",
                "-keyout",
                &p("ca.key"),
                "-out",
                &p("ca.pem"),
            ]
            .map(String::from)
            .to_vec(),
            [
                "req",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-subj",
                "/CN=127.0.0.1",
                "-keyout",
                &p("server.key"),
                "-out",
                &p("server.csr"),
            ]
            .map(String::from)
            .to_vec(),
            [
                "x509",
                "-req",
                "-days",
                "2",
                "-in",
                &p("server.csr"),
                "-CA",
                &p("ca.pem"),
                "-CAkey",
                &p("ca.key"),
                "-CAcreateserial",
                "-extfile",
                &p("ext"),
                "-out",
                &p("server.pem"),
            ]
            .map(String::from)
            .to_vec(),
        ];
        for step in steps {
            match Command::new("openssl").args(&step).output() {
                Ok(o) if o.status.success() => {}
                _ => return None,
            }
        }
        let etc = self.dir.path().join("etc");
        let out = Command::new("postconf")
            .arg("-c")
            .arg(&etc)
            .arg("-e")
            .arg(format!("smtpd_tls_cert_file={}", p("server.pem")))
            .arg(format!("smtpd_tls_key_file={}", p("server.key")))
            .arg("smtpd_tls_security_level=may")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let out = Command::new("postfix")
            .arg("-c")
            .arg(&etc)
            .arg("reload")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        Some(dir.join("ca.pem"))
    }

    fn stop(&self) {
        let _ = std::process::Command::new(Self::script())
            .arg("stop")
            .arg(self.dir.path())
            .output();
    }

    /// The files delivered to `address`, waiting up to 30 s for at least `n`.
    fn delivered(&self, address: &str, n: usize) -> Vec<Vec<u8>> {
        let new = self.mail_root.join(address).join("new");
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
        loop {
            let mut files: Vec<_> = std::fs::read_dir(&new)
                .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
                .unwrap_or_default();
            files.sort();
            if files.len() >= n || std::time::Instant::now() > deadline {
                return files.iter().map(|f| std::fs::read(f).unwrap()).collect();
            }
            std::thread::sleep(std::time::Duration::from_millis(200));
        }
    }
}

impl Drop for Postfix {
    fn drop(&mut self) {
        self.stop();
    }
}

#[test]
fn a_reply_through_real_postfix_arrives_in_iso_2022_jp_and_is_in_the_log() {
    let Some(postfix) = Postfix::start() else {
        return;
    };
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("data");
    let id = import_complaint(root.path(), &data);
    reply_config(&data, postfix.port, "iso-2022-jp");
    let (code, out) = json(
        &data,
        &[
            "reply",
            &id.to_string(),
            "--template",
            "end-of-response",
            "--var",
            "answered_on=11月20日",
            "--json",
        ],
    );
    assert_eq!(code, 0, "{out}");
    let reply = out["server_reply"].as_str().unwrap();
    assert!(reply.starts_with("250 2.0.0 Ok: queued as "), "{reply}");

    let files = postfix.delivered("yamada.taro@example.jp", 1);
    assert_eq!(
        files.len(),
        1,
        "the reply arrived in the recipient's Maildir"
    );
    let file = &files[0];
    let parsed = mail_parser::MessageParser::default().parse(file).unwrap();
    assert_eq!(parsed.subject(), Some("Re: 回答しろ"));
    assert_eq!(
        parsed.message_id(),
        out["message_id"].as_str(),
        "the Message-ID the log holds"
    );
    assert_eq!(
        parsed.in_reply_to().as_text(),
        Some("complaint-1@example.jp")
    );
    assert_eq!(
        parsed.references().as_text(),
        Some("complaint-1@example.jp")
    );
    let from = parsed.from().unwrap().first().unwrap();
    assert_eq!(from.name(), Some("中央区役所 区民課"));
    assert_eq!(from.address(), Some("soudan@city.example.lg.jp"));
    assert_eq!(
        parsed.content_type().map(|c| c.attribute("charset")),
        Some(Some("ISO-2022-JP"))
    );
    let text = String::from_utf8(file.clone()).expect("7-bit");
    assert!(text.contains("Content-Transfer-Encoding: 7bit\n"));
    assert!(text.contains("\x1b$B"), "an ISO-2022-JP body");
    let body = parsed.body_text(0).unwrap();
    assert!(body.starts_with("山田 太郎様"), "{body}");
    assert!(
        body.contains("個別の返信は一切いたしかねますので"),
        "{body}"
    );
    // Postfix added its Received header and stored LF line ends; everything from our first
    // header on is the archived reply, byte for byte.
    let start = text.find("\nFrom: ").unwrap() + 1;
    let ours = text[start..].replace('\n', "\r\n");
    assert_eq!(sha256_hex(ours.as_bytes()), out["sha256"].as_str().unwrap());

    assert_eq!(count_entries(&data, "sending"), 1);
    assert_eq!(count_entries(&data, "sent"), 1);
    let (code, report) = json(&data, &["verify", "--json"]);
    assert_eq!(code, 0, "{report}");

    // A reply Postfix refuses (larger than its message_size_limit): send_failed with Postfix's
    // words, never sent.
    let big = root.path().join("big.txt");
    let line = "これは大きすぎる返信です。".to_string() + &"x".repeat(60) + "\n";
    std::fs::write(&big, line.repeat(12_000_000 / line.len() + 1)).unwrap();
    let (code, refused) = json(
        &data,
        &[
            "reply",
            &id.to_string(),
            "--body-file",
            big.to_str().unwrap(),
            "--json",
        ],
    );
    assert_eq!(code, 1, "{refused}");
    assert!(refused["sent"].is_null());
    assert_eq!(refused["failure"], "permanent");
    assert_eq!(refused["stage"], "end_of_data");
    assert!(
        refused["server_reply"].as_str().unwrap().starts_with("552"),
        "{refused}"
    );

    // A stopped Postfix: send_failed (temporary, could not connect), never sent.
    postfix.stop();
    let out = mailward(
        &data,
        &["reply", &id.to_string(), "--template", "refuse-private"],
    );
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("一時的な失敗") && text.contains("cannot connect"),
        "{text}"
    );
    assert_eq!(count_entries(&data, "sent"), 1);
    assert_eq!(count_entries(&data, "send_failed"), 2);
    assert_eq!(count_entries(&data, "sending"), 3);
    let (code, report) = json(&data, &["verify", "--json"]);
    assert_eq!(code, 0, "{report}");
    assert_eq!(postfix.delivered("yamada.taro@example.jp", 1).len(), 1);
}

#[test]
fn a_reply_over_starttls_to_real_postfix_checks_the_certificate() {
    let Some(postfix) = Postfix::start() else {
        return;
    };
    let Some(ca) = postfix.enable_starttls() else {
        eprintln!("SKIPPED: openssl is missing; the STARTTLS reply test did not run");
        return;
    };
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("data");
    let id = import_complaint(root.path(), &data);
    let config = |ca_line: &str| {
        std::fs::write(
            data.join("mailward.toml"),
            format!(
                "[reply]\naddress = \"soudan@city.example.lg.jp\"\ndisplay_name = \"中央区役所 区民課\"\n\n[submission]\nhost = \"127.0.0.1\"\nport = {}\nsecurity = \"starttls\"\ntimeout_seconds = 10\n{ca_line}\n",
                postfix.port
            ),
        )
        .unwrap();
    };
    config(&format!("ca_file = \"{}\"", ca.display()));
    // Reload takes a moment to reach new smtpd processes; the first connection may come too
    // early, so the TLS result is retried briefly.
    let mut out = serde_json::Value::Null;
    for _ in 0..20 {
        let (code, o) = json(
            &data,
            &[
                "reply",
                &id.to_string(),
                "--template",
                "refuse-private",
                "--var",
                "office_name=中央区役所",
                "--var",
                "department=区民課",
                "--json",
            ],
        );
        out = o;
        if code == 0 || out["stage"] != "tls" {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(300));
    }
    assert!(out["sent"].is_u64(), "{out}");
    let log = std::fs::read_to_string(postfix.dir.path().join("postfix.log")).unwrap();
    assert!(log.contains("starttls=1"), "Postfix saw STARTTLS: {log}");
    // Without the private CA the certificate is not trusted: send_failed at the TLS stage,
    // permanent, and nothing was handed over.
    config("");
    let (code, out) = json(
        &data,
        &[
            "reply",
            &id.to_string(),
            "--template",
            "refuse-private",
            "--var",
            "office_name=中央区役所",
            "--var",
            "department=区民課",
            "--json",
        ],
    );
    assert_eq!(code, 1, "{out}");
    assert_eq!(out["stage"], "tls");
    assert_eq!(out["failure"], "permanent");
    assert!(
        out["error"].as_str().unwrap().contains("UnknownIssuer"),
        "{out}"
    );
    let (code, report) = json(&data, &["verify", "--json"]);
    assert_eq!(code, 0, "{report}");
}
