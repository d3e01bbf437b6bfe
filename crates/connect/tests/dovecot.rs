//! The IMAP client against a real Dovecot 2.3 on loopback, started per test by
//! `scripts/dovecot` (which needs root, or passwordless sudo, and installs Debian's
//! dovecot-imapd on first use). Every test has its own server directory, so they run in
//! parallel; each server is stopped when its test ends, also when the test fails.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use mailward_connect::{Auth, Connection, ImapError, ImapTarget, Placed, Security, Woken};

/// The quarantine folder named in the source document.
const QUARANTINE: &str = "確認用(迷惑メール)";

#[path = "support/dovecot_harness.rs"]
mod support;
use support::script::parse_env;
use support::{Dovecot, harness};

impl Dovecot {
    /// A target for `user` (password `pw-USER`), trusting the test CA where there is one.
    fn target(&self, user: &str, security: Security) -> ImapTarget {
        let port = match security {
            Security::Tls => self.port("IMAPS_PORT"),
            _ => self.port("IMAP_PORT"),
        };
        ImapTarget {
            host: "127.0.0.1".into(),
            port,
            security,
            user: user.into(),
            auth: Auth::Password(format!("pw-{user}")),
            ca_file: self.env.get("CA_FILE").map(PathBuf::from),
            timeout: Duration::from_secs(10),
        }
    }

    async fn connect(&self, user: &str) -> Connection {
        Connection::connect(&self.target(user, Security::Plain))
            .await
            .expect("login as a test user")
    }

    /// Fills a folder with `count` generated mails; returns the folder's Maildir.
    fn fill(&self, user: &str, folder: &str, count: u32) -> PathBuf {
        let count = count.to_string();
        let out = harness(&["fill", self.path(), user, folder, &count, "--seed", "5"]);
        PathBuf::from(&parse_env(&out)["FOLDER_DIR"])
    }
}

/// Delivers these exact bytes into a folder of the server in `dir` (callable off the runtime).
fn deliver(dir: &Path, user: &str, folder: &str, bytes: &[u8]) {
    let file = dir.join(format!("deliver-{}.eml", hash(bytes)));
    std::fs::write(&file, bytes).expect("mail file written");
    let (dir, file) = (dir.to_str().expect("UTF-8"), file.to_str().expect("UTF-8"));
    harness(&["deliver", dir, user, folder, file]);
}

/// Restarts the server in `dir`; its sessions get `BYE` (callable off the runtime).
fn restart(dir: &Path) {
    harness(&["restart", dir.to_str().expect("UTF-8 path")]);
}

/// A CRLF mail with raw 8-bit (ISO-2022-JP escapes and Shift_JIS bytes in a header), which must
/// come back byte for byte.
fn raw_mail(tag: &str) -> Vec<u8> {
    let mut mail = format!(
        "From: sender@example.jp\r\nTo: user1@example.jp\r\nSubject: {tag}\r\nMessage-ID: <{tag}@example.jp>\r\nX-Raw: "
    )
    .into_bytes();
    mail.extend_from_slice(b"\x93\xfa\x96\x7b\x8c\xea\r\n");
    mail.extend_from_slice(b"Content-Type: text/plain; charset=ISO-2022-JP\r\n\r\n");
    mail.extend_from_slice(b"\x1b$B$3$s$K$A$O\x1b(B\r\ntrailing space \r\n");
    mail
}

fn rss_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

fn hash(bytes: &[u8]) -> u64 {
    let mut h = DefaultHasher::new();
    bytes.hash(&mut h);
    h.finish()
}

/// IMAP returns a Maildir file stored with LF line ends with CRLF: the form to compare with.
fn as_crlf(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() + bytes.len() / 40);
    let mut previous = 0u8;
    for &b in bytes {
        if b == b'\n' && previous != b'\r' {
            out.push(b'\r');
        }
        out.push(b);
        previous = b;
    }
    out
}

/// Every mail file of a Maildir folder, by the hash of its bytes as IMAP returns them.
fn files_by_hash(maildir: &Path) -> HashMap<u64, PathBuf> {
    let mut files = HashMap::new();
    for sub in ["new", "cur"] {
        for entry in std::fs::read_dir(maildir.join(sub)).expect("Maildir readable") {
            let path = entry.expect("entry").path();
            let bytes = std::fs::read(&path).expect("mail file readable");
            files.insert(hash(&as_crlf(&bytes)), path);
        }
    }
    files
}

#[tokio::test]
async fn password_login_then_capabilities_and_select() {
    let server = Dovecot::start("mwconnect", &[]);
    let mut conn = server.connect("user1").await;
    assert!(conn.has_move(), "Dovecot grants MOVE after login");
    assert!(conn.has_idle());
    assert_eq!(
        conn.account(),
        format!("user1@127.0.0.1:{}", server.port("IMAP_PORT"))
    );
    let status = conn.select("INBOX").await.expect("INBOX");
    assert_eq!(status.exists, 0);
    assert!(status.uidvalidity > 0);
    assert_eq!(
        conn.uid_search_all().await.expect("search"),
        Vec::<u32>::new()
    );
    conn.logout().await;
}

#[tokio::test]
async fn wrong_password_is_an_auth_error_without_the_secret() {
    let server = Dovecot::start("mwconnect", &[]);
    let mut target = server.target("user1", Security::Plain);
    let secret = "wrong-パスワード-hunter2";
    target.auth = Auth::Password(secret.into());
    let error = Connection::connect(&target).await.expect_err("refused");
    assert!(matches!(error, ImapError::Auth(..)), "{error:?}");
    assert!(!error.retryable());
    let shown = format!("{error} {error:?}");
    assert!(!shown.contains("hunter2"), "{shown}");
    assert!(shown.contains("refused the login"), "{shown}");
    eprintln!("wrong password: {error}");

    // A plain ASCII password does not show either (it travels base64-encoded in
    // AUTHENTICATE PLAIN, and the error scrubbing covers that form too).
    target.auth = Auth::Password("plain-ascii-wrong".into());
    let error = Connection::connect(&target).await.expect_err("refused");
    assert!(!format!("{error:?}").contains("plain-ascii-wrong"));
}

#[tokio::test]
async fn imaps_and_starttls_with_the_ca_file() {
    let server = Dovecot::start("mwconnect", &["--tls"]);
    for security in [Security::Tls, Security::StartTls] {
        let mut conn = Connection::connect(&server.target("user1", security))
            .await
            .unwrap_or_else(|e| panic!("{security:?}: {e}"));
        assert!(conn.has_move(), "{security:?}");
        conn.select("INBOX").await.expect("INBOX over TLS");
        conn.logout().await;
    }
    // The certificate also names "localhost".
    let mut target = server.target("user1", Security::Tls);
    target.host = "localhost".into();
    Connection::connect(&target)
        .await
        .expect("localhost")
        .logout()
        .await;
}

#[tokio::test]
async fn tls_without_the_ca_is_a_tls_error() {
    let server = Dovecot::start("mwconnect", &["--tls"]);
    for security in [Security::Tls, Security::StartTls] {
        let mut target = server.target("user1", security);
        target.ca_file = None;
        let error = Connection::connect(&target).await.expect_err("untrusted");
        assert!(
            matches!(error, ImapError::Tls(..)),
            "{security:?}: {error:?}"
        );
        assert!(error.to_string().contains("certificate"), "{error}");
        eprintln!("{security:?} without the CA: {error}");
    }
    // A CA file that is not there is a setting to fix, found before connecting.
    let mut target = server.target("user1", Security::Tls);
    target.ca_file = Some(server.dir.path().join("missing.pem"));
    let error = Connection::connect(&target).await.expect_err("no CA file");
    assert!(matches!(error, ImapError::Config(..)), "{error:?}");
}

#[tokio::test]
async fn xoauth2_with_the_test_token() {
    let server = Dovecot::start("mwconnect", &["--oauth2"]);
    let mut target = server.target("user1", Security::Plain);
    target.auth = Auth::XOAuth2 {
        token: server.value("OAUTH2_TOKEN_user1").to_owned(),
    };
    let mut conn = Connection::connect(&target).await.expect("XOAUTH2 login");
    conn.select("INBOX").await.expect("INBOX");
    conn.logout().await;

    // user2's token for user1, and a token with a broken signature, are refused.
    for token in [
        server.value("OAUTH2_TOKEN_user2").to_owned(),
        format!("{}x", server.value("OAUTH2_TOKEN_user1")),
    ] {
        target.auth = Auth::XOAuth2 {
            token: token.clone(),
        };
        let error = Connection::connect(&target).await.expect_err("refused");
        assert!(matches!(error, ImapError::Auth(..)), "{error:?}");
        assert!(!error.retryable());
        assert!(!format!("{error} {error:?}").contains(&token[20..]));
        eprintln!("bad token: {error}");
    }
}

#[tokio::test]
async fn fetch_10000_mails_in_chunks_of_100_with_flat_memory() {
    let server = Dovecot::start("mwconnect", &[]);
    let maildir = server.fill("user1", "INBOX", 10_000);
    let mut conn = server.connect("user1").await;
    let status = conn.select("INBOX").await.expect("INBOX");
    assert_eq!(status.exists, 10_000);
    // After SELECT Dovecot has moved the files from new/ to cur/; reading does not rename.
    let on_disk = files_by_hash(&maildir);
    assert_eq!(on_disk.len(), 10_000);
    let uids = conn.uid_search_all().await.expect("search");
    assert_eq!(uids.len(), 10_000);
    assert!(uids.windows(2).all(|w| w[0] < w[1]), "sorted");

    let started = Instant::now();
    let (mut count, mut bytes, mut rss_after_first, mut rss_peak) = (0usize, 0usize, 0, 0);
    let mut last_date = None;
    for (i, chunk) in uids.chunks(100).enumerate() {
        let mails = conn.fetch(chunk).await.expect("fetch");
        assert_eq!(mails.len(), chunk.len());
        for (mail, &uid) in mails.iter().zip(chunk) {
            assert_eq!(mail.uid, uid);
            let path = on_disk
                .get(&hash(&mail.bytes))
                .unwrap_or_else(|| panic!("UID {uid}: bytes match no file on disk"));
            if uid.is_multiple_of(250) {
                let file = as_crlf(&std::fs::read(path).expect("file"));
                assert_eq!(mail.bytes, file, "UID {uid} against {}", path.display());
            }
            // INTERNALDATE equals the fill's increasing Date: order.
            let date = mail.internaldate.expect("INTERNALDATE");
            assert!(last_date.is_none_or(|d| d < date), "UID {uid}");
            last_date = Some(date);
            count += 1;
            bytes += mail.bytes.len();
        }
        drop(mails);
        let rss = rss_kib();
        if i == 0 {
            rss_after_first = rss;
        }
        rss_peak = rss_peak.max(rss);
    }
    let secs = started.elapsed().as_secs_f64();
    eprintln!(
        "fetched {count} mails, {:.1} MB in {secs:.2} s ({:.0} mails/s); RSS after the first chunk {rss_after_first} KiB, peak {rss_peak} KiB",
        bytes as f64 / 1e6,
        count as f64 / secs
    );
    assert_eq!(count, 10_000);
    // 34 MB went through; holding on to them would show. Allow for other tests in this process.
    assert!(
        rss_peak.saturating_sub(rss_after_first) < 24 * 1024,
        "memory grew from {rss_after_first} KiB to {rss_peak} KiB"
    );
    // A UID that is not (or no longer) there is simply absent.
    let missing = conn.fetch(&[uids[0], 999_999]).await.expect("fetch");
    assert_eq!(
        missing.iter().map(|m| m.uid).collect::<Vec<_>>(),
        vec![uids[0]]
    );
    conn.logout().await;
}

#[tokio::test]
async fn unknown_folder_is_no_folder_and_the_session_goes_on() {
    let server = Dovecot::start("mwconnect", &[]);
    let mut conn = server.connect("user1").await;
    let error = conn
        .select("存在しないフォルダ")
        .await
        .expect_err("no such folder");
    assert!(
        matches!(&error, ImapError::NoFolder(name) if name == "存在しないフォルダ"),
        "{error:?}"
    );
    assert!(!error.retryable());
    conn.select("INBOX").await.expect("INBOX after the failure");
    let error = conn.place(&[1], QUARANTINE).await;
    assert!(
        error.is_ok() || matches!(error, Err(ImapError::NoFolder(_))),
        "{error:?}"
    );
    conn.logout().await;
}

#[tokio::test]
async fn place_moves_into_the_japanese_quarantine_folder() {
    let server = Dovecot::start("mwconnect", &[]);
    server.fill("user1", "INBOX", 5);
    let mut conn = server.connect("user1").await;
    conn.select("INBOX").await.expect("INBOX");
    let uids = conn.uid_search_all().await.expect("search");
    assert_eq!(uids.len(), 5);
    let before = conn.fetch(&uids[..2]).await.expect("fetch");

    let error = conn
        .place(&uids[..1], QUARANTINE)
        .await
        .expect_err("folder missing");
    assert!(matches!(error, ImapError::NoFolder(_)), "{error:?}");
    conn.ensure_folder(QUARANTINE).await.expect("created");
    conn.ensure_folder(QUARANTINE).await.expect("already there");
    let nested = format!("mailward/{QUARANTINE}");
    conn.ensure_folder(&nested).await.expect("nested created");

    assert_eq!(
        conn.place(&uids[..2], QUARANTINE).await.expect("moved"),
        Placed::Moved
    );
    let left = conn.uid_search_all().await.expect("search");
    assert_eq!(left, uids[2..].to_vec(), "moved mails are gone from INBOX");
    // Our own MOVE is no news for IDLE.
    assert!(!conn.take_changes());

    let maildir = Path::new(server.value("MAIL_ROOT")).join("user1/.&eLqKjXUo-(&j,dg0TDhMPww6w-)");
    assert!(maildir.is_dir(), "{} on disk", maildir.display());
    let status = conn.select(QUARANTINE).await.expect("quarantine");
    assert_eq!(status.exists, 2);
    let moved = conn.uid_search_all().await.expect("search");
    let after = conn.fetch(&moved).await.expect("fetch");
    assert_eq!(
        after.iter().map(|m| &m.bytes).collect::<Vec<_>>(),
        before.iter().map(|m| &m.bytes).collect::<Vec<_>>(),
        "the same bytes arrived"
    );
    assert_eq!(conn.select(&nested).await.expect("nested").exists, 0);
    conn.logout().await;
}

#[tokio::test]
async fn place_copies_on_a_server_without_move() {
    let server = Dovecot::start("mwconnect", &["--no-move"]);
    server.fill("user1", "INBOX", 3);
    let mut conn = server.connect("user1").await;
    assert!(!conn.has_move());
    conn.select("INBOX").await.expect("INBOX");
    let uids = conn.uid_search_all().await.expect("search");
    conn.ensure_folder(QUARANTINE).await.expect("created");
    assert_eq!(
        conn.place(&uids[..2], QUARANTINE).await.expect("copied"),
        Placed::Copied
    );
    assert_eq!(
        conn.uid_search_all().await.expect("search"),
        uids,
        "originals stay"
    );
    assert_eq!(conn.select(QUARANTINE).await.expect("quarantine").exists, 2);
    conn.logout().await;
}

#[tokio::test]
async fn keywords_show_in_fetch_flags() {
    let server = Dovecot::start("mwconnect", &[]);
    server.fill("user1", "INBOX", 3);
    let mut conn = server.connect("user1").await;
    conn.select("INBOX").await.expect("INBOX");
    let uids = conn.uid_search_all().await.expect("search");
    conn.add_keywords(&uids[1..], &["$mailward_threat", "$mailward_mail_bomb"])
        .await
        .expect("stored");
    conn.add_keywords(&uids[1..2], &["$mailward_threat"])
        .await
        .expect("adding again is harmless");
    let flags = conn.fetch_flags(&uids).await.expect("flags");
    assert_eq!(flags.len(), 3);
    assert!(
        flags[0].1.iter().all(|f| !f.starts_with("$mailward")),
        "{flags:?}"
    );
    for (uid, list) in &flags[1..] {
        assert!(
            list.iter().any(|f| f == "$mailward_threat"),
            "{uid}: {list:?}"
        );
        assert!(
            list.iter().any(|f| f == "$mailward_mail_bomb"),
            "{uid}: {list:?}"
        );
    }
    let error = conn
        .add_keywords(&uids, &["\\Seen"])
        .await
        .expect_err("system flags are not keywords");
    assert!(matches!(error, ImapError::Config(_)), "{error:?}");
    // BODY.PEEK[] leaves mail unread.
    conn.fetch(&uids).await.expect("fetch");
    let flags = conn.fetch_flags(&uids).await.expect("flags");
    assert!(
        flags.iter().all(|(_, f)| !f.iter().any(|f| f == "\\Seen")),
        "{flags:?}"
    );
    conn.logout().await;
}

#[tokio::test]
async fn idle_wakes_on_delivery_and_times_out_otherwise() {
    let server = Dovecot::start("mwconnect", &[]);
    let mut conn = server.connect("user1").await;
    conn.select("INBOX").await.expect("INBOX");

    let started = Instant::now();
    assert_eq!(
        conn.idle(Duration::from_millis(1500)).await.expect("idle"),
        Woken::Timeout
    );
    let waited = started.elapsed();
    assert!(
        waited >= Duration::from_millis(1400) && waited < Duration::from_secs(5),
        "{waited:?}"
    );

    let mail = raw_mail("idle-wake");
    let (dir, copy) = (server.dir.path().to_owned(), mail.clone());
    let (woken, delivered) = tokio::join!(conn.idle(Duration::from_secs(20)), async move {
        tokio::time::sleep(Duration::from_millis(500)).await;
        tokio::task::spawn_blocking(move || {
            deliver(&dir, "user1", "INBOX", &copy);
            Instant::now()
        })
        .await
        .expect("delivery")
    });
    assert_eq!(woken.expect("idle"), Woken::Changed);
    let latency = delivered.elapsed();
    eprintln!("IDLE woke {latency:?} after the delivery finished");
    assert!(latency < Duration::from_secs(5), "{latency:?}");

    // The session is ready right after IDLE: the new mail comes back byte for byte.
    let uids = conn.uid_search_all().await.expect("search");
    let fetched = conn.fetch(&uids).await.expect("fetch");
    assert_eq!(fetched.len(), 1);
    assert_eq!(fetched[0].bytes, mail);
    conn.logout().await;
}

#[tokio::test]
async fn an_abandoned_idle_leaves_the_connection_refusing_rather_than_confused() {
    let server = Dovecot::start("mwconnect", &[]);
    let mut conn = server.connect("user1").await;
    conn.select("INBOX").await.expect("INBOX");
    let cut = tokio::time::timeout(
        Duration::from_millis(300),
        conn.idle(Duration::from_secs(10)),
    )
    .await;
    assert!(cut.is_err(), "the idle future was dropped");
    let error = conn.noop().await.expect_err("out of step");
    assert!(error.retryable(), "{error:?}");
    let mut fresh = server.connect("user1").await;
    fresh.noop().await.expect("a new session works");
    fresh.logout().await;
}

#[tokio::test]
async fn server_restart_is_retryable_and_reconnecting_works() {
    let server = Dovecot::start("mwconnect", &[]);
    server.fill("user1", "INBOX", 3);
    let mut busy = server.connect("user1").await;
    busy.select("INBOX").await.expect("INBOX");
    let mut idling = server.connect("user1").await;
    idling.select("INBOX").await.expect("INBOX");

    let dir = server.dir.path().to_owned();
    let (idle_result, ()) = tokio::join!(idling.idle(Duration::from_secs(30)), async move {
        tokio::time::sleep(Duration::from_millis(300)).await;
        tokio::task::spawn_blocking(move || restart(&dir))
            .await
            .expect("restart");
    });
    let error = idle_result.expect_err("the restart ends IDLE");
    assert!(error.retryable(), "{error:?}");
    eprintln!("during IDLE: {error}");

    let error = busy
        .uid_search_all()
        .await
        .expect_err("the old session is gone");
    assert!(error.retryable(), "{error:?}");
    eprintln!("next command: {error}");

    let mut again = server.connect("user1").await;
    again.select("INBOX").await.expect("INBOX");
    assert_eq!(again.uid_search_all().await.expect("search").len(), 3);
    again.logout().await;
}

#[tokio::test]
async fn a_new_uidvalidity_shows_in_select() {
    let server = Dovecot::start("mwconnect", &[]);
    server.fill("user1", "INBOX", 2);
    let mut conn = server.connect("user1").await;
    let before = conn.select("INBOX").await.expect("INBOX");
    conn.logout().await;
    let out = parse_env(&harness(&["uidvalidity", server.path(), "user1", "INBOX"]));
    assert_eq!(out["OLD_UIDVALIDITY"], before.uidvalidity.to_string());
    let mut conn = server.connect("user1").await;
    let after = conn.select("INBOX").await.expect("INBOX");
    assert_eq!(after.uidvalidity.to_string(), out["UIDVALIDITY"]);
    assert_ne!(after.uidvalidity, before.uidvalidity);
    conn.logout().await;
}

#[tokio::test]
async fn unreachable_port_is_a_quick_connect_error() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        listener.local_addr().expect("address").port()
    };
    let target = ImapTarget {
        host: "127.0.0.1".into(),
        port,
        security: Security::Plain,
        user: "user1".into(),
        auth: Auth::Password("pw-user1".into()),
        ca_file: None,
        timeout: Duration::from_secs(10),
    };
    let started = Instant::now();
    let error = Connection::connect(&target)
        .await
        .expect_err("nobody listens");
    assert!(matches!(error, ImapError::Connect(..)), "{error:?}");
    assert!(error.retryable());
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
}
