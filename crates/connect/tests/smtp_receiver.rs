//! The SMTP/LMTP receiver over real TCP on 127.0.0.1, with a test sink: sessions, pipelining,
//! the durability contract, bad input, limits, timeouts and STARTTLS.

#[path = "support/receiver.rs"]
mod receiver;

use std::sync::Arc;
use std::time::Duration;

use mailward_connect::smtp::{Dialect, Protocol, ReceiverConfig, TlsFiles};
use receiver::{Client, Mode, Running, TestSink, config, connect, dot_stuffed};
use tokio::io::AsyncWriteExt;

const MAIL: &[u8] =
    b"From: a@example.org\r\nTo: x@example.jp\r\nSubject: test\r\n\r\nHello\r\n.leading dot\r\n";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lmtp_pipelined_session_stores_bytes_and_answers_per_recipient() {
    let running = Running::start(config(Dialect::Lmtp), TestSink::new(Mode::Accept)).await;
    let (mut c, greeting) = connect(running.addr).await;
    assert_eq!(greeting.code, 220);
    assert!(greeting.text.contains("LMTP"), "{}", greeting.text);
    let lhlo = c.cmd("LHLO postfix.example").await;
    assert_eq!(lhlo.code, 250);
    for ext in [
        "PIPELINING",
        "SIZE 1048576",
        "8BITMIME",
        "ENHANCEDSTATUSCODES",
        "SMTPUTF8",
    ] {
        assert!(lhlo.text.contains(ext), "{ext} missing in {}", lhlo.text);
    }
    assert!(
        !lhlo.text.contains("STARTTLS"),
        "no STARTTLS without a certificate"
    );
    // One write: MAIL, three RCPT (one bad), DATA.
    c.send(b"MAIL FROM:<a@example.org> SIZE=100 BODY=8BITMIME\r\nRCPT TO:<x@example.jp>\r\nRCPT TO:<broken\r\nRCPT TO:<y@example.jp>\r\nDATA\r\n")
        .await;
    let codes: Vec<u16> = [
        c.reply().await,
        c.reply().await,
        c.reply().await,
        c.reply().await,
        c.reply().await,
    ]
    .iter()
    .map(|a| a.code)
    .collect();
    assert_eq!(codes, vec![250, 250, 501, 250, 354]);
    let mut data = dot_stuffed(MAIL);
    data.extend_from_slice(b"QUIT\r\n");
    c.send(&data).await;
    let first = c.reply().await;
    let second = c.reply().await;
    assert_eq!((first.code, second.code), (250, 250));
    assert!(
        first.text.starts_with("250 2.0.0 Ok: stored as test-1"),
        "{}",
        first.text
    );
    assert_eq!(c.reply().await.code, 221);
    let mails = running.sink.stored();
    assert_eq!(mails.len(), 1);
    let (envelope, message) = &mails[0];
    assert_eq!(message.as_slice(), MAIL);
    assert_eq!(envelope.protocol, Protocol::Lmtp);
    assert_eq!(envelope.helo, "postfix.example");
    assert_eq!(envelope.mail_from, "a@example.org");
    assert_eq!(envelope.mail_params, vec!["SIZE=100", "BODY=8BITMIME"]);
    let rcpts: Vec<&str> = envelope
        .recipients
        .iter()
        .map(|r| r.address.as_str())
        .collect();
    assert_eq!(rcpts, vec!["x@example.jp", "y@example.jp"]);
    assert_eq!(envelope.client.ip().to_string(), "127.0.0.1");
    assert_eq!(envelope.local, running.addr);
    assert!(!envelope.bare_lf && !envelope.undeclared_8bit && envelope.tls.is_none());
    // The envelope is what goes into the evidence log: it must survive JSON.
    let json = serde_json::to_string(envelope).unwrap();
    assert!(json.contains("\"protocol\":\"LMTP\""), "{json}");
    assert_eq!(
        &serde_json::from_str::<mailward_connect::smtp::Envelope>(&json).unwrap(),
        envelope
    );
    running.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sink_failure_answers_451_and_never_250() {
    let running = Running::start(config(Dialect::Smtp), TestSink::new(Mode::Temporary)).await;
    let (mut c, _) = connect(running.addr).await;
    assert_eq!(c.cmd("EHLO client.example").await.code, 250);
    assert_eq!(c.cmd("MAIL FROM:<a@example.org>").await.code, 250);
    assert_eq!(c.cmd("RCPT TO:<x@example.jp>").await.code, 250);
    assert_eq!(c.cmd("RCPT TO:<y@example.jp>").await.code, 250);
    assert_eq!(c.cmd("DATA").await.code, 354);
    c.send(&dot_stuffed(MAIL)).await;
    let answer = c.reply().await;
    assert_eq!(answer.text, "451 4.3.0 archive unavailable (test)\r\n");
    // The same session can try again once the archive is back.
    running.sink.set_mode(Mode::Accept);
    assert_eq!(c.cmd("MAIL FROM:<a@example.org>").await.code, 250);
    assert_eq!(c.cmd("RCPT TO:<x@example.jp>").await.code, 250);
    assert_eq!(c.cmd("DATA").await.code, 354);
    c.send(&dot_stuffed(MAIL)).await;
    assert_eq!(c.reply().await.code, 250);
    assert_eq!(running.sink.stored().len(), 1);
    running.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connection_lost_during_data_stores_nothing() {
    let running = Running::start(config(Dialect::Smtp), TestSink::new(Mode::Accept)).await;
    let (mut c, _) = connect(running.addr).await;
    c.send(b"EHLO c\r\nMAIL FROM:<a@example.org>\r\nRCPT TO:<x@example.jp>\r\nDATA\r\n")
        .await;
    for _ in 0..4 {
        c.reply().await;
    }
    c.send(b"Subject: cut off\r\n\r\nhalf a mail\r\n").await;
    drop(c);
    // A second session shows the server is still there; the first left nothing behind.
    let (mut c2, _) = connect(running.addr).await;
    assert_eq!(c2.cmd("NOOP").await.code, 250);
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(running.sink.calls(), 0);
    running.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bare_lf_does_not_end_a_message_and_is_kept() {
    let running = Running::start(config(Dialect::Smtp), TestSink::new(Mode::Accept)).await;
    let (mut c, _) = connect(running.addr).await;
    c.send(b"EHLO c\r\nMAIL FROM:<a@example.org>\r\nRCPT TO:<x@example.jp>\r\nDATA\r\n")
        .await;
    for _ in 0..4 {
        c.reply().await;
    }
    // An SMTP smuggling attempt: <LF>.<LF> and <LF>.<CRLF> followed by a second transaction.
    let body = b"Subject: one\r\n\r\nfirst\n.\nMAIL FROM:<evil@example.org>\r\nRCPT TO:<x@example.jp>\r\nDATA\r\nSubject: smuggled\n.\r\n8bit \xe6\x97\xa5\xe6\x9c\xac\0\r\n.\r\n";
    c.send(body).await;
    assert_eq!(c.reply().await.code, 250);
    assert_eq!(c.cmd("QUIT").await.code, 221);
    let mails = running.sink.stored();
    assert_eq!(mails.len(), 1, "exactly one mail");
    let (envelope, message) = &mails[0];
    assert_eq!(
        message.as_slice(),
        &body[..body.len() - 3],
        "kept byte for byte"
    );
    assert!(envelope.bare_lf && envelope.undeclared_8bit && envelope.nul);
    running.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_commands_get_protocol_answers_then_421() {
    let mut cfg = config(Dialect::Smtp);
    cfg.max_errors = 10;
    let running = Running::start(cfg, TestSink::new(Mode::Accept)).await;
    let (mut c, _) = connect(running.addr).await;
    assert_eq!(
        c.cmd("FROBNICATE").await.text,
        "500 5.5.1 Command unrecognized\r\n"
    );
    assert_eq!(c.cmd("MAIL FROM:<a@example.org>").await.code, 503);
    assert_eq!(c.cmd("EHLO").await.code, 501);
    assert_eq!(c.cmd("EHLO c").await.code, 250);
    assert_eq!(c.cmd("MAIL FROM:<a@example.org> FOO=BAR").await.code, 555);
    let long = format!("NOOP {}", "x".repeat(10_000));
    let answer = c.cmd(&long).await;
    assert!(
        answer.text.starts_with("500 5.5.2 Line too long"),
        "{}",
        answer.text
    );
    // 1000 < length <= 4096 is tolerated.
    assert_eq!(c.cmd(&format!("NOOP {}", "y".repeat(2000))).await.code, 250);
    c.send(b"NOOP\n").await;
    assert_eq!(c.reply().await.code, 500, "bare LF in a command");
    c.send(b"HELO a\0b\r\n").await;
    assert_eq!(c.reply().await.code, 500, "NUL in a command");
    assert_eq!(c.cmd("EXPN staff").await.code, 502);
    assert_eq!(c.cmd("RCPT TO:<x@example.jp>").await.code, 503);
    let last = c.cmd("DATA").await;
    assert_eq!(last.code, 503);
    let bye = c.reply().await;
    assert!(bye.text.starts_with("421 4.7.0"), "{}", bye.text);
    assert!(c.closed().await);
    assert_eq!(running.sink.calls(), 0);
    running.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn oversized_mail_is_read_to_its_end_and_refused() {
    let mut cfg = config(Dialect::Smtp);
    cfg.max_message_size = 10_000;
    let running = Running::start(cfg, TestSink::new(Mode::Accept)).await;
    let (mut c, _) = connect(running.addr).await;
    assert_eq!(c.cmd("EHLO c").await.code, 250);
    let early = c.cmd("MAIL FROM:<a@example.org> SIZE=10001").await;
    assert!(early.text.starts_with("552 5.3.4"), "{}", early.text);
    assert_eq!(c.cmd("MAIL FROM:<a@example.org>").await.code, 250);
    assert_eq!(c.cmd("RCPT TO:<x@example.jp>").await.code, 250);
    assert_eq!(c.cmd("DATA").await.code, 354);
    let line = [b'z'; 998];
    for _ in 0..2000 {
        c.io.get_mut().write_all(&line).await.unwrap();
        c.io.get_mut().write_all(b"\r\n").await.unwrap();
    }
    c.send(b".\r\n").await;
    let answer = c.reply().await;
    assert!(answer.text.starts_with("552 5.3.4"), "{}", answer.text);
    // The session goes on.
    assert_eq!(c.cmd("NOOP").await.code, 250);
    assert_eq!(running.sink.calls(), 0);
    running.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn too_many_recipients_get_452() {
    let mut cfg = config(Dialect::Smtp);
    cfg.max_recipients = 2;
    let running = Running::start(cfg, TestSink::new(Mode::Accept)).await;
    let (mut c, _) = connect(running.addr).await;
    assert_eq!(c.cmd("EHLO c").await.code, 250);
    assert_eq!(c.cmd("MAIL FROM:<>").await.code, 250);
    assert_eq!(c.cmd("RCPT TO:<a@example.jp>").await.code, 250);
    assert_eq!(c.cmd("RCPT TO:<b@example.jp>").await.code, 250);
    assert!(
        c.cmd("RCPT TO:<c@example.jp>")
            .await
            .text
            .starts_with("452 4.5.3")
    );
    running.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stalled_clients_get_421_timeouts() {
    let mut cfg = config(Dialect::Smtp);
    cfg.command_timeout_secs = 1;
    cfg.data_timeout_secs = 2;
    let running = Running::start(cfg, TestSink::new(Mode::Accept)).await;
    // Stalls before a command (and in the middle of one: a partial line does not help).
    let (mut c, _) = connect(running.addr).await;
    c.send(b"EHL").await;
    let started = std::time::Instant::now();
    let answer = c.reply().await;
    assert!(answer.text.starts_with("421 4.4.2"), "{}", answer.text);
    assert!(started.elapsed() < Duration::from_secs(5));
    assert!(c.closed().await);
    // Stalls in DATA, sending a little now and then.
    let (mut c, _) = connect(running.addr).await;
    c.send(b"EHLO c\r\nMAIL FROM:<a@example.org>\r\nRCPT TO:<x@example.jp>\r\nDATA\r\n")
        .await;
    for _ in 0..4 {
        c.reply().await;
    }
    let started = std::time::Instant::now();
    let trickle = async {
        for _ in 0..10 {
            let _ = c.io.get_mut().write_all(b"x").await;
            tokio::time::sleep(Duration::from_millis(500)).await;
        }
    };
    trickle.await;
    let answer = c.reply().await;
    assert!(answer.text.starts_with("421 4.4.2"), "{}", answer.text);
    assert!(started.elapsed() < Duration::from_secs(8));
    assert_eq!(running.sink.calls(), 0);
    running.stop().await;
}

/// Resident memory of this test process, in KiB.
fn rss_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse().ok())
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connections_beyond_max_sessions_get_421_and_stay_bounded() {
    let mut cfg = config(Dialect::Smtp);
    cfg.max_sessions = 10;
    // The held sessions sit idle while 2,000 others are refused; on a busy machine that takes
    // longer than the usual test timeout, which would free their slots and let a newcomer in.
    cfg.command_timeout_secs = 300;
    let running = Running::start(cfg, TestSink::new(Mode::Accept)).await;
    // Ten sessions hold every slot.
    let mut held = Vec::new();
    for _ in 0..10 {
        let (c, greeting) = connect(running.addr).await;
        assert_eq!(greeting.code, 220);
        held.push(c);
    }
    let rss_before = rss_kib();
    let tasks_before = tokio::runtime::Handle::current()
        .metrics()
        .num_alive_tasks();
    // 2,000 more, 200 at a time.
    let mut refused = 0;
    let mut max_tasks = 0;
    for _ in 0..10 {
        let mut batch = tokio::task::JoinSet::new();
        for _ in 0..200 {
            let addr = running.addr;
            batch.spawn(async move {
                let stream = tokio::net::TcpStream::connect(addr).await.expect("connect");
                let mut c = Client::new(stream);
                c.try_reply().await.map(|a| a.text)
            });
        }
        max_tasks = max_tasks.max(
            tokio::runtime::Handle::current()
                .metrics()
                .num_alive_tasks(),
        );
        while let Some(result) = batch.join_next().await {
            let text = result.unwrap().expect("a reply, not a silent close");
            assert!(text.starts_with("421 4.7.0"), "{text}");
            refused += 1;
        }
    }
    assert_eq!(refused, 2000);
    // The server side added no task per refused connection: at most our own 200 client tasks.
    assert!(
        max_tasks <= tasks_before + 200 + 5,
        "{max_tasks} tasks, {tasks_before} before"
    );
    let grown = rss_kib().saturating_sub(rss_before);
    assert!(grown < 64 * 1024, "memory grew by {grown} KiB");
    // The held sessions still work; once one ends, a new one gets in.
    assert_eq!(held[0].cmd("EHLO c").await.code, 250);
    assert_eq!(held[0].cmd("QUIT").await.code, 221);
    drop(held.remove(0));
    tokio::time::sleep(Duration::from_millis(200)).await;
    let (_c, greeting) = connect(running.addr).await;
    assert_eq!(greeting.code, 220);
    running.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shutdown_lets_a_mail_in_flight_finish_and_turns_idle_sessions_away() {
    let running = Running::start(
        config(Dialect::Lmtp),
        TestSink::new(Mode::Slow(Duration::from_millis(1500))),
    )
    .await;
    let (mut busy, _) = connect(running.addr).await;
    let (mut idle, _) = connect(running.addr).await;
    busy.send(b"LHLO c\r\nMAIL FROM:<a@example.org>\r\nRCPT TO:<x@example.jp>\r\nDATA\r\n")
        .await;
    for _ in 0..4 {
        busy.reply().await;
    }
    busy.send(&dot_stuffed(MAIL)).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let sink = running.sink.clone();
    let stopping = tokio::spawn(running.stop());
    let turned_away = idle.reply().await;
    assert!(
        turned_away.text.starts_with("421 4.3.2"),
        "{}",
        turned_away.text
    );
    assert_eq!(
        busy.reply().await.code,
        250,
        "the mail in flight was finished"
    );
    stopping.await.unwrap();
    assert_eq!(sink.stored().len(), 1);
}

/// A private CA and a certificate for `localhost` signed by it, made by openssl at test time
/// (webpki refuses a self-signed CA certificate used directly as the server's).
fn self_signed(dir: &std::path::Path) -> (TlsFiles, std::path::PathBuf) {
    let script = r#"set -e
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 \
  -subj /CN=mailward-test-ca -keyout ca.key -out ca.pem
openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
  -subj /CN=localhost -keyout key.pem -out req.csr
printf 'subjectAltName=DNS:localhost\nbasicConstraints=CA:FALSE\n' > ext.cnf
openssl x509 -req -in req.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 \
  -extfile ext.cnf -out cert.pem
"#;
    let status = std::process::Command::new("sh")
        .args(["-c", script])
        .current_dir(dir)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .expect("openssl runs");
    assert!(status.success(), "openssl made a certificate");
    (
        TlsFiles {
            cert: dir.join("cert.pem"),
            key: dir.join("key.pem"),
        },
        dir.join("ca.pem"),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn starttls_with_a_certificate_made_at_test_time() {
    use tokio_rustls::rustls::pki_types::pem::PemObject;
    use tokio_rustls::rustls::pki_types::{CertificateDer, ServerName};
    use tokio_rustls::rustls::{self, ClientConfig, RootCertStore};

    let dir = tempfile::tempdir().unwrap();
    let (files, ca) = self_signed(dir.path());
    let mut cfg: ReceiverConfig = config(Dialect::Smtp);
    cfg.tls = Some(files.clone());
    let running = Running::start(cfg, TestSink::new(Mode::Accept)).await;
    let (mut c, _) = connect(running.addr).await;
    let ehlo = c.cmd("EHLO c").await;
    assert!(ehlo.text.contains("250-STARTTLS"), "{}", ehlo.text);
    // Plaintext pipelined after STARTTLS must be dropped, not run inside TLS.
    c.send(b"STARTTLS\r\nMAIL FROM:<injected@example.org>\r\n")
        .await;
    assert!(c.reply().await.text.starts_with("220 2.0.0"));
    let mut roots = RootCertStore::empty();
    roots
        .add(CertificateDer::from_pem_file(&ca).unwrap())
        .unwrap();
    let client =
        ClientConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_root_certificates(roots)
            .with_no_client_auth();
    let connector = tokio_rustls::TlsConnector::from(Arc::new(client));
    let tcp = c.io.into_inner();
    let tls = connector
        .connect(ServerName::try_from("localhost").unwrap(), tcp)
        .await
        .expect("TLS handshake with the receiver");
    let mut c = Client::new(tls);
    assert_eq!(
        c.cmd("MAIL FROM:<a@example.org>").await.code,
        503,
        "EHLO again after TLS; nothing injected"
    );
    let ehlo = c.cmd("EHLO c").await;
    assert!(!ehlo.text.contains("STARTTLS"), "{}", ehlo.text);
    assert_eq!(c.cmd("MAIL FROM:<a@example.org>").await.code, 250);
    assert_eq!(c.cmd("RCPT TO:<x@example.jp>").await.code, 250);
    assert_eq!(c.cmd("DATA").await.code, 354);
    c.send(&dot_stuffed(MAIL)).await;
    assert_eq!(c.reply().await.code, 250);
    assert_eq!(c.cmd("QUIT").await.code, 221);
    let mails = running.sink.stored();
    let (envelope, message) = &mails[0];
    assert_eq!(message.as_slice(), MAIL);
    assert_eq!(envelope.protocol, Protocol::Esmtps);
    let tls = envelope.tls.as_ref().expect("TLS recorded");
    assert!(tls.version.starts_with("TLSv1."), "{tls:?}");
    assert!(!tls.cipher.is_empty(), "{tls:?}");
    running.stop().await;
}

#[test]
fn config_reads_from_toml_with_defaults() {
    let config: ReceiverConfig = toml::from_str(
        "listen = \"127.0.0.1:2525\"\nprotocol = \"smtp\"\nmax_sessions = 5\n[tls]\ncert = \"/c.pem\"\nkey = \"/k.pem\"\n",
    )
    .unwrap();
    assert_eq!(config.protocol, Dialect::Smtp);
    assert_eq!(config.max_sessions, 5);
    assert_eq!(
        config.max_message_size,
        ReceiverConfig::default().max_message_size
    );
    assert!(config.tls.is_some());
    assert!(
        toml::from_str::<ReceiverConfig>("max_sesions = 5").is_err(),
        "typos are refused"
    );
}
