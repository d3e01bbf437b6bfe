//! `mailward reply` end to end: the reply is composed from the archived mail, its exact bytes are
//! in the log (`sending`) before the server sees them, and the outcome follows (`sent` with the
//! server's answer, or `send_failed`), never a `sent` for a reply the server did not accept.
//!
//! The first tests run against a scripted submission server on loopback (refusals and a server
//! that goes silent after the data are hard to provoke in a real one); the Postfix test at the
//! end runs the whole path through a real Postfix and into a recipient's Maildir.

mod common;
#[path = "../../connect/tests/support/postfix_harness.rs"]
mod postfix_harness;

use common::{
    ComplaintArchive, FakeSubmission, SmtpScript, assert_success, fake_submission, json,
    json_lines, mailward, sha256_hex, verified,
};
use mail_parser::MimeHeaders as _;
use postfix_harness::Postfix;

/// The template that needs a value the configuration does not hold.
const END_OF_RESPONSE: &[&str] = &[
    "--template",
    "end-of-response",
    "--var",
    "answered_on=11月20日",
];

/// The template every value of which the configuration holds.
const REFUSE_PRIVATE: &[&str] = &["--template", "refuse-private"];

/// A complaint archive replying through a scripted server that behaves as `script`.
fn replying_through(script: SmtpScript, charset: &str) -> (ComplaintArchive, FakeSubmission) {
    let server = fake_submission(script);
    (ComplaintArchive::replying_to(server.port, charset), server)
}

/// A mail's bytes, parsed.
fn parse(bytes: &[u8]) -> mail_parser::Message<'_> {
    mail_parser::MessageParser::default().parse(bytes).unwrap()
}

#[test]
fn a_sent_reply_is_archived_with_its_exact_bytes_and_verifies() {
    let (archive, server) = replying_through(SmtpScript::Accept, "iso-2022-jp");
    let id = archive.id;
    let (code, out) = archive.reply_json(END_OF_RESPONSE);
    assert_eq!(code, 0, "{out}");
    let sending = out["sending"].as_u64().unwrap();
    let sent = out["sent"].as_u64().unwrap();
    assert_eq!((sending, sent), (id + 1, id + 2));
    assert_eq!(out["to"], serde_json::json!(["yamada.taro@example.jp"]));
    assert_eq!(out["server_reply"], "250 2.0.0 Ok: queued as FAKE1");
    assert_eq!(out["charset"], "ISO-2022-JP");
    assert!(out["send_failed"].is_null() && out["failure"].is_null());
    // What the server got is what the log holds.
    let got = server.message(0);
    assert_eq!(sha256_hex(&got), out["sha256"].as_str().unwrap());
    let parsed = parse(&got);
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
    assert_eq!(archive.count("sending"), 1);
    assert_eq!(archive.count("sent"), 1);
    assert_eq!(archive.count("send_failed"), 0);
    let report = verified(&archive.data);
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
    let shown = archive.show();
    let replies = shown["replies"].as_array().unwrap();
    assert_eq!(replies.len(), 1);
    assert_eq!(replies[0]["outcome"], "sent");
    assert_eq!(replies[0]["sending"], sending);
    assert_eq!(replies[0]["outcome_entry"], sent);
    assert_eq!(replies[0]["template"], "end-of-response");
    let text = archive.show_text();
    assert!(
        text.contains("送信済み / sent: 250 2.0.0 Ok: queued as FAKE1"),
        "{text}"
    );
    // The reply's bytes can be handed out like a received mail's.
    let raw = mailward(&archive.data, &["raw", &sending.to_string()]);
    assert!(raw.status.success());
    assert_eq!(raw.stdout, got);
    // The entry is provable like any other.
    let (code, proof) = json(
        &archive.data,
        &["proof", "inclusion", &sent.to_string(), "--json"],
    );
    assert_eq!(code, 0, "{proof}");
}

#[test]
fn a_refused_recipient_is_send_failed_never_sent() {
    let (archive, _server) = replying_through(SmtpScript::RefuseRecipient, "iso-2022-jp");
    let (code, out) = archive.reply_json(REFUSE_PRIVATE);
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
    assert_eq!(archive.count("sent"), 0);
    assert_eq!(archive.count("send_failed"), 1);
    assert_eq!(archive.count("sending"), 1);
    verified(&archive.data);
    // The human form says it clearly.
    let out = archive.reply(REFUSE_PRIVATE);
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
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    let archive = ComplaintArchive::replying_to(port, "iso-2022-jp");
    let (code, out) = archive.reply_json(REFUSE_PRIVATE);
    assert_eq!(code, 1, "{out}");
    assert_eq!(out["failure"], "temporary");
    assert_eq!(out["stage"], "connect");
    assert!(
        out["error"].as_str().unwrap().contains("cannot connect"),
        "{out}"
    );
    assert_eq!(archive.count("sent"), 0);
    assert_eq!(archive.show()["replies"][0]["outcome"], "failed");
}

#[test]
fn silence_after_the_data_is_outcome_unknown() {
    let (archive, _server) = replying_through(SmtpScript::NoAnswerAfterData, "utf-8");
    let (code, out) = archive.reply_json(REFUSE_PRIVATE);
    assert_eq!(code, 1, "{out}");
    assert_eq!(out["failure"], "unknown");
    assert_eq!(out["stage"], "end_of_data");
    assert_eq!(out["charset"], "UTF-8");
    assert_eq!(archive.show()["replies"][0]["outcome"], "unknown");
    let text = String::from_utf8_lossy(&mailward(&archive.data, &["status"]).stdout).to_string();
    assert!(
        text.contains("返信の結果不明 / reply outcome unknown"),
        "{text}"
    );
}

#[test]
fn killed_while_waiting_for_the_server_leaves_sending_shown_as_unknown() {
    // mailward is killed (SIGKILL) after the server got the whole reply and before it answered:
    // the reply may have left, and the log must still hold it, with its outcome unknown.
    let (archive, server) = replying_through(SmtpScript::HangAfterData, "iso-2022-jp");
    let mut child = archive
        .reply_command(&[REFUSE_PRIVATE, &["--json"]].concat())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(4);
    while server.count() == 0 {
        assert!(
            std::time::Instant::now() < deadline,
            "the reply reached the server"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let got = server.message(0);
    assert_eq!(archive.count("sending"), 1);
    assert_eq!(archive.count("sent") + archive.count("send_failed"), 0);
    let shown = archive.show();
    let reply = &shown["replies"][0];
    assert_eq!(reply["outcome"], "unknown");
    assert_eq!(sha256_hex(&got), reply["sha256"].as_str().unwrap());
    let text = archive.show_text();
    assert!(text.contains("結果不明 / outcome unknown"), "{text}");
    verified(&archive.data);
}

#[test]
fn a_sending_entry_without_outcome_is_shown_as_unknown() {
    // What a crash between the two appends leaves: the outcome entry is cut from the log's end
    // (with the checkpoint and tree nodes written after it), as if mailward had died before it.
    let (archive, _server) = replying_through(SmtpScript::Accept, "iso-2022-jp");
    let (code, out) = archive.reply_json(REFUSE_PRIVATE);
    assert_eq!(code, 0, "{out}");
    let sent = out["sent"].as_u64().unwrap();
    common::tamper(
        &archive.data,
        &[
            &format!("DELETE FROM entries WHERE seq = {sent}"),
            &format!("DELETE FROM checkpoints WHERE tree_size >= {sent}"),
        ],
    );
    let shown = archive.show();
    assert_eq!(shown["replies"][0]["outcome"], "unknown");
    assert!(shown["replies"][0]["outcome_entry"].is_null());
    let lines = json_lines(&archive.data, &["status", "--json"]);
    assert!(
        lines
            .iter()
            .any(|l| l["reply_outcome_unknown"] == out["sending"]),
        "{lines:?}"
    );
    // The log without the outcome is still a consistent log.
    verified(&archive.data);
}

#[test]
fn dry_run_records_and_sends_nothing() {
    let (archive, server) = replying_through(SmtpScript::Accept, "iso-2022-jp");
    let out = archive.reply(&["--template", "warning-personal", "--dry-run"]);
    assert_success(&out);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("Content-Type: text/plain; charset=ISO-2022-JP\r\n"),
        "{text}"
    );
    assert!(
        text.contains("In-Reply-To: <complaint-1@example.jp>\r\n"),
        "{text}"
    );
    assert!(
        parse(&out.stdout)
            .body_text(0)
            .unwrap()
            .contains("カスタマー・ハラスメントに該当する恐れがございます")
    );
    let (code, j) = archive.reply_json(&["--body-file", "/dev/null", "--dry-run"]);
    assert_eq!(code, 0, "{j}");
    assert_eq!(j["dry_run"], true);
    assert_eq!(archive.count("sending"), 0);
    assert_eq!(server.count(), 0);
}

#[test]
fn a_hand_written_body_that_iso_2022_jp_cannot_hold_goes_as_utf8() {
    let (archive, server) = replying_through(SmtpScript::Accept, "iso-2022-jp");
    let body = archive.root.path().join("body.txt");
    std::fs::write(&body, "髙橋様\n①についてご回答します。\n").unwrap();
    let out = archive.reply(&["--body-file", body.to_str().unwrap(), "--json"]);
    assert_success(&out);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("髙 (U+9AD9)") && stderr.contains("① (U+2460)"),
        "{stderr}"
    );
    let j: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(j["charset"], "UTF-8");
    assert!(j["fallback"].as_str().unwrap().contains("UTF-8"));
    assert_eq!(
        parse(&server.message(0)).body_text(0).unwrap(),
        "髙橋様\r\n①についてご回答します。\r\n"
    );
}

#[test]
fn a_missing_template_value_is_named_and_nothing_is_recorded() {
    let (archive, _server) = replying_through(SmtpScript::Accept, "iso-2022-jp");
    let out = archive.reply(&["--template", "end-of-response"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("answered_on"), "{stderr}");
    assert_eq!(archive.count("sending"), 0);
    // No such mail, no such template: errors too.
    let out = mailward(
        &archive.data,
        &["reply", "99", "--template", "refuse-private"],
    );
    assert_eq!(out.status.code(), Some(2));
    let out = archive.reply(&["--template", "nope"]);
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

/// A private Postfix for the reply tests (recipients' domains and `city.example.lg.jp`), or
/// `None` with a message when Postfix is not installed.
fn postfix() -> Option<Postfix> {
    Postfix::start_if_installed("mw-reply-postfix.", &["--domain", "city.example.lg.jp"])
}

/// Turns on STARTTLS with a certificate for 127.0.0.1 signed by a fresh CA (openssl), and
/// returns the CA file; `None` when openssl is missing.
fn enable_starttls(postfix: &Postfix) -> Option<std::path::PathBuf> {
    use std::process::Command;
    let dir = postfix.dir.path().join("tls");
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
    let etc = postfix.dir.path().join("etc");
    let succeed = |cmd: &mut Command| {
        let out = cmd.output().unwrap();
        assert!(
            out.status.success(),
            "{cmd:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    succeed(
        Command::new("postconf")
            .arg("-c")
            .arg(&etc)
            .arg("-e")
            .arg(format!("smtpd_tls_cert_file={}", p("server.pem")))
            .arg(format!("smtpd_tls_key_file={}", p("server.key")))
            .arg("smtpd_tls_security_level=may"),
    );
    succeed(Command::new("postfix").arg("-c").arg(&etc).arg("reload"));
    Some(dir.join("ca.pem"))
}

#[test]
fn a_reply_through_real_postfix_arrives_in_iso_2022_jp_and_is_in_the_log() {
    let Some(postfix) = postfix() else {
        return;
    };
    let archive = ComplaintArchive::replying_to(postfix.port("POSTFIX_SMTP_PORT"), "iso-2022-jp");
    let (code, out) = archive.reply_json(END_OF_RESPONSE);
    assert_eq!(code, 0, "{out}");
    let reply = out["server_reply"].as_str().unwrap();
    assert!(reply.starts_with("250 2.0.0 Ok: queued as "), "{reply}");

    postfix.wait_empty(30);
    let files = postfix.delivered("yamada.taro@example.jp");
    assert_eq!(
        files.len(),
        1,
        "the reply arrived in the recipient's Maildir"
    );
    let file = &files[0];
    let parsed = parse(file);
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

    assert_eq!(archive.count("sending"), 1);
    assert_eq!(archive.count("sent"), 1);
    verified(&archive.data);

    // A reply Postfix refuses (larger than its message_size_limit): send_failed with Postfix's
    // words, never sent.
    let big = archive.root.path().join("big.txt");
    let line = "これは大きすぎる返信です。".to_string() + &"x".repeat(60) + "\n";
    std::fs::write(&big, line.repeat(12_000_000 / line.len() + 1)).unwrap();
    let (code, refused) = archive.reply_json(&["--body-file", big.to_str().unwrap()]);
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
    let out = archive.reply(REFUSE_PRIVATE);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("一時的な失敗") && text.contains("cannot connect"),
        "{text}"
    );
    assert_eq!(archive.count("sent"), 1);
    assert_eq!(archive.count("send_failed"), 2);
    assert_eq!(archive.count("sending"), 3);
    verified(&archive.data);
    assert_eq!(postfix.delivered("yamada.taro@example.jp").len(), 1);
}

#[test]
fn a_reply_over_starttls_to_real_postfix_checks_the_certificate() {
    let Some(postfix) = postfix() else {
        return;
    };
    let Some(ca) = enable_starttls(&postfix) else {
        eprintln!("SKIPPED: openssl is missing; the STARTTLS reply test did not run");
        return;
    };
    let archive = ComplaintArchive::new();
    let config = |ca_line: &str| {
        std::fs::write(
            archive.data.join("mailward.toml"),
            format!(
                "[reply]\naddress = \"soudan@city.example.lg.jp\"\ndisplay_name = \"中央区役所 区民課\"\n\n[submission]\nhost = \"127.0.0.1\"\nport = {}\nsecurity = \"starttls\"\ntimeout_seconds = 10\n{ca_line}\n",
                postfix.port("POSTFIX_SMTP_PORT")
            ),
        )
        .unwrap();
    };
    // This configuration holds no template values: the template's come on the command line.
    let refuse_private = &[
        REFUSE_PRIVATE,
        &[
            "--var",
            "office_name=中央区役所",
            "--var",
            "department=区民課",
        ],
    ]
    .concat();
    config(&format!("ca_file = \"{}\"", ca.display()));
    // Reload takes a moment to reach new smtpd processes; the first connection may come too
    // early, so the TLS result is retried briefly.
    let mut out = serde_json::Value::Null;
    for _ in 0..20 {
        let (code, o) = archive.reply_json(refuse_private);
        out = o;
        if code == 0 || out["stage"] != "tls" {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(300));
    }
    assert!(out["sent"].is_u64(), "{out}");
    // Postfix logs the session's STARTTLS when the session ends, which can come a moment after
    // mailward has its answer: wait for the line, boundedly.
    let mut log = postfix.log();
    for _ in 0..50 {
        if log.contains("starttls=1") {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
        log = postfix.log();
    }
    assert!(log.contains("starttls=1"), "Postfix saw STARTTLS: {log}");
    // Without the private CA the certificate is not trusted: send_failed at the TLS stage,
    // permanent, and nothing was handed over.
    config("");
    let (code, out) = archive.reply_json(refuse_private);
    assert_eq!(code, 1, "{out}");
    assert_eq!(out["stage"], "tls");
    assert_eq!(out["failure"], "permanent");
    assert!(
        out["error"].as_str().unwrap().contains("UnknownIssuer"),
        "{out}"
    );
    verified(&archive.data);
}
