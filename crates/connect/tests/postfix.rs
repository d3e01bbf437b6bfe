//! The receiver behind a real Postfix (Debian postfix via scripts/postfix, on loopback): mail
//! submitted to Postfix arrives byte for byte over LMTP and through an SMTP content_filter, and
//! a 451 from the sink makes Postfix keep the mail queued and retry. Skipped, with a message,
//! where Postfix is not installed.

#[path = "support/postfix_harness.rs"]
mod postfix_harness;
#[path = "support/receiver.rs"]
mod receiver;

use std::path::{Path, PathBuf};
use std::time::Duration;

use mailward_connect::smtp::{Dialect, Envelope, Protocol};
use postfix_harness::{Postfix, without_first_received};
use receiver::{Mode, Running, TestSink, config};

/// Test mails as a client submits them (CRLF line ends), each with its own Message-ID. Postfix
/// adds only its Received header (scripts/postfix turns off header additions and conversions).
fn mails(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let utf8 = "From: =?UTF-8?B?5bGx55Sw?= <yamada@example.org>\r\nTo: madoguchi@example.jp\r\nSubject: =?UTF-8?B?56qT5Y+j44Gu5a++5b+c?=\r\nDate: Sat, 28 Nov 2026 10:00:00 +0900\r\nMessage-ID: <utf8.1@example.org>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n窓口の対応について抗議します。\r\n.ピリオドで始まる行\r\n..二つ\r\n\r\n以上\r\n";
    let mut jis = b"From: sato@example.org\r\nTo: info@example.jp\r\nSubject: =?ISO-2022-JP?B?GyRCJDMkcyRLJEEkTxsoQg==?=\r\nDate: Sat, 28 Nov 2026 10:01:00 +0900\r\nMessage-ID: <jis.2@example.org>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=ISO-2022-JP\r\nContent-Transfer-Encoding: 7bit\r\n\r\n".to_vec();
    jis.extend_from_slice(b"\x1b$B$3$s$K$A$O\x1b(B\r\n");
    let mut long = b"From: a@example.org\r\nTo: x@example.jp, y@example.net\r\nSubject: long lines and many of them\r\nDate: Sat, 28 Nov 2026 10:02:00 +0900\r\nMessage-ID: <long.3@example.org>\r\n\r\n".to_vec();
    for i in 0..2000 {
        long.extend_from_slice(format!("line {i:04} {}\r\n", "x".repeat(60)).as_bytes());
    }
    long.extend_from_slice(format!("{}\r\n.\r\n", "L".repeat(1500)).as_bytes());
    [
        ("utf8.eml", utf8.as_bytes().to_vec()),
        ("jis.eml", jis),
        ("long.eml", long),
    ]
    .into_iter()
    .map(|(name, bytes)| {
        let path = dir.join(name);
        std::fs::write(&path, &bytes).unwrap();
        (path, bytes)
    })
    .collect()
}

fn find<'a>(mails: &'a [(Envelope, Vec<u8>)], message_id: &str) -> &'a (Envelope, Vec<u8>) {
    mails
        .iter()
        .find(|(_, m)| {
            m.windows(message_id.len())
                .any(|w| w == message_id.as_bytes())
        })
        .unwrap_or_else(|| panic!("{message_id} arrived"))
}

/// Runs blocking harness work off the runtime's worker threads.
async fn blocking<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    tokio::task::spawn_blocking(f).await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postfix_hands_mail_over_lmtp_byte_for_byte() {
    if !postfix_harness::available() {
        return;
    }
    let running = Running::start(config(Dialect::Lmtp), TestSink::new(Mode::Accept)).await;
    let lmtp = format!("127.0.0.1:{}", running.addr.port());
    let postfix = std::sync::Arc::new(
        blocking(move || Postfix::start("mw-pf-lmtp.", &["--lmtp", &lmtp])).await,
    );
    let dir = tempfile::tempdir().unwrap();
    let sent = mails(dir.path());
    for (i, (path, _)) in sent.iter().enumerate() {
        let (p, path) = (postfix.clone(), path.clone());
        let to: &[&str] = if i == 2 {
            &["x@example.jp", "y@example.net"]
        } else {
            &["madoguchi@example.jp"]
        };
        let to: Vec<String> = to.iter().map(|s| s.to_string()).collect();
        blocking(move || {
            let to: Vec<&str> = to.iter().map(String::as_str).collect();
            p.send(&path, "sender@example.org", &to)
        })
        .await;
    }
    let mails = running.sink.wait_for(3, 60).await;
    let p = postfix.clone();
    blocking(move || postfix_harness::harness(&["wait-empty", p.path(), "30"])).await;
    for ((_, bytes), id) in sent.iter().zip(["<utf8.1@", "<jis.2@", "<long.3@"]) {
        let (envelope, message) = find(&mails, id);
        assert_eq!(
            without_first_received(message),
            bytes.as_slice(),
            "{id} byte for byte"
        );
        assert_eq!(envelope.protocol, Protocol::Lmtp);
        assert_eq!(envelope.helo, "postfix.mailward.test");
        assert_eq!(envelope.mail_from, "sender@example.org");
        assert!(
            !envelope.bare_lf && !envelope.undeclared_8bit,
            "{envelope:?}"
        );
    }
    let (long, _) = find(&mails, "<long.3@");
    let mut rcpts: Vec<&str> = long.recipients.iter().map(|r| r.address.as_str()).collect();
    rcpts.sort();
    assert_eq!(rcpts, vec!["x@example.jp", "y@example.net"]);
    assert_eq!(mails.len(), 3, "each mail once: {}", postfix.log());
    running.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postfix_content_filter_keeps_mail_queued_on_451_and_retries() {
    if !postfix_harness::available() {
        return;
    }
    let running = Running::start(config(Dialect::Smtp), TestSink::new(Mode::Temporary)).await;
    let filter = format!("127.0.0.1:{}", running.addr.port());
    let reinject = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
        .to_string();
    let postfix = std::sync::Arc::new(
        blocking(move || {
            Postfix::start(
                "mw-pf-filter.",
                &["--filter", &filter, "--reinject-port", &reinject],
            )
        })
        .await,
    );
    let dir = tempfile::tempdir().unwrap();
    let sent = mails(dir.path());
    let (path, bytes) = sent[0].clone();
    let p = postfix.clone();
    blocking(move || p.send(&path, "sender@example.org", &["madoguchi@example.jp"])).await;

    // The sink says 451 twice: Postfix keeps the mail and tries again (retry times of seconds).
    let deadline = tokio::time::Instant::now() + Duration::from_secs(60);
    while running.sink.calls() < 2 {
        assert!(
            tokio::time::Instant::now() < deadline,
            "Postfix retried within 60 s:\n{}",
            postfix.log()
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let p = postfix.clone();
    let queue = blocking(move || p.queue()).await;
    assert!(
        queue.contains("sender@example.org") && queue.contains("451"),
        "mail still queued after 451:\n{queue}"
    );
    assert!(running.sink.stored().is_empty());

    // The archive is back: the next retry is accepted, and the queue empties.
    running.sink.set_mode(Mode::Accept);
    let mails = running.sink.wait_for(1, 60).await;
    let p = postfix.clone();
    blocking(move || postfix_harness::harness(&["wait-empty", p.path(), "30"])).await;
    let (envelope, message) = &mails[0];
    assert_eq!(
        without_first_received(message),
        bytes.as_slice(),
        "byte for byte through the filter"
    );
    assert_eq!(envelope.protocol, Protocol::Esmtp);
    assert_eq!(envelope.recipients[0].address, "madoguchi@example.jp");
    assert_eq!(
        envelope.body,
        Some(mailward_connect::smtp::BodyType::EightBitMime)
    );
    assert_eq!(mails.len(), 1);
    running.stop().await;
}
