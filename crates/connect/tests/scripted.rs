//! The IMAP client against scripted servers on loopback: the server behaviour Dovecot will not
//! show on request (no AUTH=PLAIN, a command it claims but rejects, a connection cut in the
//! middle of a FETCH, silence, garbage), so that each becomes a clear error and never a panic,
//! a hang or a short result that looks complete.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use mailward_connect::{Auth, Connection, ImapError, ImapTarget, Placed, Security};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

/// One exchange: wait for a client line starting with `expect` (if any), then send `reply`.
struct Step {
    expect: Option<&'static str>,
    reply: Vec<u8>,
}

fn step(expect: &'static str, reply: &str) -> Step {
    Step {
        expect: Some(expect),
        reply: reply.as_bytes().to_vec(),
    }
}

fn send(reply: &[u8]) -> Step {
    Step {
        expect: None,
        reply: reply.to_vec(),
    }
}

/// The usual start: greeting with capabilities, LOGIN, CAPABILITY, SELECT INBOX (tags mw1..mw3).
fn logged_in(caps: &str) -> Vec<Step> {
    vec![
        send(b"* OK [CAPABILITY IMAP4rev1] scripted\r\n"),
        step("mw1 LOGIN \"u\" \"p\"", "mw1 OK logged in\r\n"),
        step(
            "mw2 CAPABILITY",
            &format!("* CAPABILITY IMAP4rev1 {caps}\r\nmw2 OK\r\n"),
        ),
        step(
            "mw3 SELECT \"INBOX\"",
            "* 2 EXISTS\r\n* OK [UIDVALIDITY 7] ok\r\n* OK [UIDNEXT 3] ok\r\nmw3 OK [READ-WRITE] done\r\n",
        ),
    ]
}

/// What the scripted server saw, and how it ends.
struct Scripted {
    port: u16,
    lines: Arc<Mutex<Vec<String>>>,
}

/// Serves one connection with `steps`; afterwards closes it, or keeps it open and silent.
async fn serve(steps: Vec<Step>, then_hang: bool) -> Scripted {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let port = listener.local_addr().expect("address").port();
    let lines = Arc::new(Mutex::new(Vec::new()));
    let seen = lines.clone();
    tokio::spawn(async move {
        let Ok((socket, _)) = listener.accept().await else {
            return;
        };
        let (read, mut write) = socket.into_split();
        let mut read = BufReader::new(read);
        for step in steps {
            if let Some(expect) = step.expect {
                let mut line = String::new();
                let n =
                    tokio::time::timeout(Duration::from_secs(5), read.read_line(&mut line)).await;
                if !matches!(n, Ok(Ok(n)) if n > 0) {
                    return;
                }
                let line = line.trim_end().to_owned();
                seen.lock().expect("lock").push(line.clone());
                if !line.starts_with(expect) {
                    seen.lock()
                        .expect("lock")
                        .push(format!("UNEXPECTED, wanted {expect}"));
                    return;
                }
            }
            if write.write_all(&step.reply).await.is_err() {
                return;
            }
        }
        if then_hang {
            let mut sink = Vec::new();
            let _ =
                tokio::time::timeout(Duration::from_secs(20), read.read_to_end(&mut sink)).await;
        }
    });
    Scripted { port, lines }
}

fn target(port: u16, password: &str) -> ImapTarget {
    ImapTarget {
        host: "127.0.0.1".into(),
        port,
        security: Security::Plain,
        user: "u".into(),
        auth: Auth::Password(password.into()),
        ca_file: None,
        timeout: Duration::from_secs(3),
    }
}

impl Scripted {
    fn lines(&self) -> Vec<String> {
        self.lines.lock().expect("lock").clone()
    }
}

#[tokio::test]
async fn login_without_auth_plain_uses_login_and_a_literal_for_8bit_passwords() {
    let server = serve(
        vec![
            send(b"* OK [CAPABILITY IMAP4rev1] scripted\r\n"),
            step("mw1 LOGIN \"u\" {12}", "+ go ahead\r\n"),
            step("pw-パスワ", "mw1 OK logged in\r\n"),
            step("mw2 CAPABILITY", "* CAPABILITY IMAP4rev1\r\nmw2 OK\r\n"),
        ],
        true,
    )
    .await;
    let conn = Connection::connect(&target(server.port, "pw-パスワ"))
        .await
        .unwrap_or_else(|e| panic!("{e}: {:?}", server.lines()));
    assert!(!conn.has_move() && !conn.has_idle());
}

#[tokio::test]
async fn logindisabled_refuses_before_sending_the_password() {
    let server = serve(
        vec![send(
            b"* OK [CAPABILITY IMAP4rev1 LOGINDISABLED] scripted\r\n",
        )],
        true,
    )
    .await;
    let error = Connection::connect(&target(server.port, "secret-pw"))
        .await
        .expect_err("no login in clear");
    assert!(matches!(error, ImapError::Auth(..)), "{error:?}");
    assert!(
        server.lines().is_empty(),
        "nothing sent: {:?}",
        server.lines()
    );
}

#[tokio::test]
async fn a_rejected_move_falls_back_to_copy() {
    let mut steps = logged_in("MOVE IDLE");
    steps.push(step(
        "mw4 UID MOVE 1:2 \"&eLqKjXUo-(&j,dg0TDhMPww6w-)\"",
        "mw4 BAD unknown command\r\n",
    ));
    steps.push(step(
        "mw5 UID COPY 1:2 \"&eLqKjXUo-(&j,dg0TDhMPww6w-)\"",
        "mw5 OK [COPYUID 9 1:2 1:2] copied\r\n",
    ));
    let server = serve(steps, true).await;
    let mut conn = Connection::connect(&target(server.port, "p"))
        .await
        .expect("login");
    conn.select("INBOX").await.expect("INBOX");
    let placed = conn.place(&[2, 1], "確認用(迷惑メール)").await;
    assert_eq!(
        placed.expect("copied"),
        Placed::Copied,
        "{:?}",
        server.lines()
    );
}

#[tokio::test]
async fn a_connection_cut_mid_fetch_is_an_error_not_a_short_result() {
    let mut steps = logged_in("IDLE");
    steps.push(step(
        "mw4 UID FETCH 1:2 (UID INTERNALDATE BODY.PEEK[])",
        "* 1 FETCH (UID 1 INTERNALDATE \"28-Nov-2026 10:00:00 +0900\" BODY[] {5}\r\nhello)\r\n* 2 FETCH (UID 2 BODY[] {100}\r\nonly part",
    ));
    let server = serve(steps, false).await;
    let mut conn = Connection::connect(&target(server.port, "p"))
        .await
        .expect("login");
    conn.select("INBOX").await.expect("INBOX");
    let error = conn.fetch(&[1, 2]).await.expect_err("cut off");
    assert!(matches!(error, ImapError::Closed(_)), "{error:?}");
    assert!(error.retryable());
}

#[tokio::test]
async fn bye_mid_fetch_is_an_error_not_a_short_result() {
    let mut steps = logged_in("IDLE");
    steps.push(step(
        "mw4 UID FETCH",
        "* 1 FETCH (UID 1 BODY[] {5}\r\nhello)\r\n* BYE Server shutting down.\r\n",
    ));
    let server = serve(steps, false).await;
    let mut conn = Connection::connect(&target(server.port, "p"))
        .await
        .expect("login");
    conn.select("INBOX").await.expect("INBOX");
    let error = conn.fetch(&[1, 2]).await.expect_err("BYE");
    assert!(
        matches!(&error, ImapError::Closed(text) if text.contains("shutting down")),
        "{error:?}"
    );
}

#[tokio::test]
async fn a_mail_the_server_will_not_give_is_an_error_not_an_absence() {
    let mut steps = logged_in("IDLE");
    steps.push(step(
        "mw4 UID FETCH 1:2",
        "* 1 FETCH (UID 1 BODY[] {5}\r\nhello)\r\n* 2 FETCH (UID 2 BODY[] NIL)\r\nmw4 OK done\r\n",
    ));
    steps.push(step(
        "mw5 UID FETCH 1",
        "* 1 FETCH (UID 1)\r\n* 1 FETCH (BODY[] {5}\r\nhello)\r\nmw5 OK done\r\n",
    ));
    let server = serve(steps, true).await;
    let mut conn = Connection::connect(&target(server.port, "p"))
        .await
        .expect("login");
    conn.select("INBOX").await.expect("INBOX");
    let error = conn.fetch(&[1, 2]).await.expect_err("NIL body");
    assert!(matches!(error, ImapError::Refused(..)), "{error:?}");
    assert!(error.retryable());
    // One by one finds the readable one; split responses are joined.
    let mails = conn.fetch(&[1]).await.expect("fetch");
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].bytes, b"hello");
}

#[tokio::test]
async fn a_silent_server_times_out_within_the_timeout() {
    let mut steps = logged_in("IDLE");
    steps.push(step("mw4 UID SEARCH ALL", "* SEARCH 1"));
    let server = serve(steps, true).await;
    let mut conn = Connection::connect(&target(server.port, "p"))
        .await
        .expect("login");
    conn.select("INBOX").await.expect("INBOX");
    let started = Instant::now();
    let error = conn.uid_search_all().await.expect_err("no answer");
    assert!(matches!(error, ImapError::Timeout(_)), "{error:?}");
    assert!(started.elapsed() < Duration::from_secs(5));
    // The connection is out of step now and says so instead of misreading later replies.
    assert!(matches!(conn.noop().await, Err(ImapError::Closed(_))));
}

#[tokio::test]
async fn a_silent_greeting_times_out() {
    let server = serve(Vec::new(), true).await;
    let error = Connection::connect(&target(server.port, "p"))
        .await
        .expect_err("silence");
    assert!(matches!(error, ImapError::Timeout(_)), "{error:?}");
}

#[tokio::test]
async fn the_parser_panic_input_is_a_protocol_error() {
    let mut steps = logged_in("IDLE");
    steps.push(step("mw4 NOOP", "mw4 OK [ALERT]日本\r\n"));
    let server = serve(steps, true).await;
    let mut conn = Connection::connect(&target(server.port, "p"))
        .await
        .expect("login");
    conn.select("INBOX").await.expect("INBOX");
    let error = conn.noop().await.expect_err("unparseable");
    assert!(matches!(error, ImapError::Protocol(_)), "{error:?}");
}

/// A small deterministic generator, so that failures can be replayed by seed.
fn noise(seed: u64, len: usize) -> Vec<u8> {
    let mut state = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    let pieces: [&[u8]; 14] = [
        b"* ",
        b"mw4 ",
        b"OK ",
        b"NO ",
        b"BAD ",
        b"FETCH ",
        b"(UID ",
        b"{5}\r\n",
        b")",
        b"\r\n",
        b"[",
        b"]",
        b"EXISTS",
        "日本".as_bytes(),
    ];
    let mut out = Vec::with_capacity(len);
    while out.len() < len {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let pick = (state >> 33) as usize;
        if pick.is_multiple_of(3) {
            out.push((pick >> 8) as u8);
        } else {
            out.extend_from_slice(pieces[pick % pieces.len()]);
        }
    }
    out
}

#[tokio::test]
async fn random_server_replies_give_errors_or_results_never_panics() {
    for seed in 0..1000u64 {
        let mut steps = logged_in("IDLE MOVE");
        steps.push(Step {
            expect: Some("mw4 UID FETCH"),
            reply: noise(seed, 64 + (seed as usize % 7) * 40),
        });
        let server = serve(steps, false).await;
        let mut target = target(server.port, "p");
        target.timeout = Duration::from_millis(500);
        let mut conn = Connection::connect(&target).await.expect("login");
        conn.select("INBOX").await.expect("INBOX");
        // Any outcome but a panic or a hang is fine; the timeout bounds each run.
        let _ = conn.fetch(&[1, 2]).await;
    }
}
