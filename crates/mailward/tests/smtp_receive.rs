//! The mail path end to end: a real Postfix (Debian postfix via scripts/postfix, on loopback)
//! hands mail to the real `mailward serve` binary, over an `lmtp:` transport and as an SMTP
//! `content_filter` that gives the mail back to Postfix. These tests prove that:
//!
//! 1. mail submitted to Postfix is archived byte for byte (Postfix's `Received:` followed by
//!    exactly the submitted bytes: 8-bit UTF-8, ISO-2022-JP, several recipients, 1 MB), with
//!    the SMTP envelope in the evidence entry, and `verify` passes;
//! 2. as a content filter, every mail is in the archive and in the recipient's Maildir, the
//!    same bytes in both;
//! 3. killing `mailward serve` with SIGKILL at random moments (seeded: `MAILWARD_KILL_SEED`)
//!    never costs a mail: every mail Postfix was told `250` for is in the archive under the id
//!    the `250` named, and once Postfix's queue is empty every mail is archived, once;
//! 4. a full disk answers `451` (Postfix keeps the mail deferred), leaves nothing half-written,
//!    and the mail arrives once there is room again;
//! 5. through `serve`, a client cut off in the middle of DATA leaves nothing, a client that goes
//!    away right after the final dot still has its mail archived, and 8-bit data without
//!    `BODY=8BITMIME` is archived byte for byte with `undeclared_8bit` in the envelope.
//!
//! Skipped, with a message, where Postfix is not installed (`scripts/test` installs it); the
//! full-disk test also skips where a tmpfs cannot be mounted (not root, no CAP_SYS_ADMIN).

mod common;

#[path = "../../connect/tests/support/postfix_harness.rs"]
mod postfix_harness;

use common::{entry, json_lines, mailward, sha256_hex, verified};
use postfix_harness::{Postfix, without_first_received};
use serde_json::Value;
use std::io::{BufRead as _, BufReader, Write as _};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, Instant};

/// One `mailward serve` process; killed (SIGKILL) when dropped, also when the test fails.
struct Serve {
    child: Child,
    /// The address the first listener bound.
    addr: SocketAddr,
    /// Everything it printed on stderr so far (for failure messages).
    stderr: Arc<Mutex<String>>,
}

impl Serve {
    /// Starts `mailward --data DATA serve ARGS...` and waits (at most 30 s) for its
    /// `受信待ち / listening: PROTO ADDR` line.
    fn start(data: &Path, args: &[&str]) -> Serve {
        let mut child = Command::new(env!("CARGO_BIN_EXE_mailward"))
            .arg("--data")
            .arg(data)
            .arg("serve")
            .args(args)
            .env("MAILWARD_TZ", "Asia/Tokyo")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("mailward serve starts");
        let stderr = Arc::new(Mutex::new(String::new()));
        let (tx, rx) = mpsc::channel();
        let pipe = child.stderr.take().unwrap();
        let keep = stderr.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(pipe).lines() {
                let Ok(line) = line else { break };
                keep.lock().unwrap().push_str(&format!("{line}\n"));
                if let Some((_, rest)) = line.split_once("listening: ") {
                    let addr = rest.split_whitespace().nth(1).unwrap_or("").to_string();
                    let _ = tx.send(addr);
                }
            }
        });
        let mut serve = Serve {
            child,
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            stderr,
        };
        match rx.recv_timeout(Duration::from_secs(30)) {
            Ok(addr) => serve.addr = addr.parse().expect("the listening line names an address"),
            Err(e) => panic!(
                "serve {args:?} printed no listening line ({e}): {}",
                serve.stderr()
            ),
        }
        serve
    }

    fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// SIGKILL, and wait for the process to be gone.
    fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        self.kill();
    }
}

/// A test mail: the bytes a client submits (CRLF line ends), its envelope, its Message-ID.
struct TestMail {
    name: String,
    bytes: Vec<u8>,
    to: Vec<&'static str>,
    message_id: String,
}

impl TestMail {
    fn new(name: &str, message_id: &str, to: &[&'static str], bytes: Vec<u8>) -> TestMail {
        TestMail {
            name: name.into(),
            bytes,
            to: to.to_vec(),
            message_id: message_id.into(),
        }
    }

    /// Writes the mail to `dir` and submits it to Postfix's smtpd.
    fn send(&self, postfix: &Postfix, dir: &Path) {
        let file = dir.join(format!("{}.eml", self.name));
        std::fs::write(&file, &self.bytes).unwrap();
        postfix.send(&file, "sender@example.org", &self.to);
    }
}

/// The mails of the byte-for-byte tests.
fn mails() -> Vec<TestMail> {
    let utf8 = "From: =?UTF-8?B?5bGx55Sw?= <yamada@example.org>\r\nTo: madoguchi@example.jp\r\nSubject: =?UTF-8?B?56qT5Y+j44Gu5a++5b+c?=\r\nDate: Sat, 28 Nov 2026 10:00:00 +0900\r\nMessage-ID: <utf8.1@example.org>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n窓口の対応について抗議します。税金泥棒！\r\n.ピリオドで始まる行\r\n..二つ\r\n\r\n以上\r\n";
    let mut jis = b"From: sato@example.org\r\nTo: info@example.jp\r\nSubject: =?ISO-2022-JP?B?GyRCJDMkcyRLJEEkTxsoQg==?=\r\nDate: Sat, 28 Nov 2026 10:01:00 +0900\r\nMessage-ID: <jis.2@example.org>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=ISO-2022-JP\r\nContent-Transfer-Encoding: 7bit\r\n\r\n".to_vec();
    jis.extend_from_slice(b"\x1b$B$3$s$K$A$O!#2sEz$r5a$a$^$9!#\x1b(B\r\n");
    let multi = b"From: suzuki@example.org\r\nTo: madoguchi@example.jp, kacho@example.net\r\nCc: bucho@example.com\r\nSubject: to three of you\r\nDate: Sat, 28 Nov 2026 10:02:00 +0900\r\nMessage-ID: <multi.3@example.org>\r\n\r\nThe same words to each of you.\r\n".to_vec();
    [
        TestMail::new(
            "utf8",
            "utf8.1@example.org",
            &["madoguchi@example.jp"],
            utf8.into(),
        ),
        TestMail::new("jis", "jis.2@example.org", &["info@example.jp"], jis),
        TestMail::new(
            "multi",
            "multi.3@example.org",
            &[
                "madoguchi@example.jp",
                "kacho@example.net",
                "bucho@example.com",
            ],
            multi,
        ),
        TestMail::new(
            "large",
            "large.4@example.org",
            &["madoguchi@example.jp"],
            large_mail("large.4@example.org", 1 << 20),
        ),
    ]
    .into_iter()
    .collect()
}

/// A mail of about `size` bytes: a base64-looking attachment of pseudo-random lines.
fn large_mail(message_id: &str, size: usize) -> Vec<u8> {
    let mut m = format!(
        "From: big@example.org\r\nTo: madoguchi@example.jp\r\nSubject: a large attachment\r\nDate: Sat, 28 Nov 2026 10:03:00 +0900\r\nMessage-ID: <{message_id}>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n添付をご確認ください。\r\n--b\r\nContent-Type: application/octet-stream; name=\"scan.bin\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
    )
    .into_bytes();
    let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut rng = SplitMix64(size as u64);
    while m.len() < size {
        for _ in 0..76 {
            m.push(alphabet[(rng.next() % 64) as usize]);
        }
        m.extend_from_slice(b"\r\n");
    }
    m.extend_from_slice(b"--b--\r\n");
    m
}

/// SplitMix64: small and reproducible, for data and for the kill schedule.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// The archive's listing, and the id of the one mail with this Message-ID (fails when there is
/// none or more than one).
fn id_of(listed: &[Value], message_id: &str) -> u64 {
    let found: Vec<u64> = listed
        .iter()
        .filter(|m| {
            m["message_id"]
                .as_str()
                .is_some_and(|id| id.trim_matches(['<', '>']) == message_id)
        })
        .map(|m| m["id"].as_u64().unwrap())
        .collect();
    assert_eq!(
        found.len(),
        1,
        "{message_id} archived exactly once, found ids {found:?}"
    );
    found[0]
}

/// `mailward raw ID`.
fn raw(data: &Path, id: u64) -> Vec<u8> {
    let out = mailward(data, &["raw", &id.to_string()]);
    assert!(
        out.status.success(),
        "raw {id}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// Polls `done` every 200 ms for at most `limit`; fails with `what` past that.
fn wait_until(limit: Duration, what: &str, mut done: impl FnMut() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(start.elapsed() < limit, "{what} within {limit:?}");
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// A free port on loopback (for Postfix's reinjection smtpd, which mailward must know first).
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

#[test]
fn lmtp_delivery_is_archived_byte_for_byte_with_its_envelope() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let serve = Serve::start(&data, &["--lmtp-listen", "127.0.0.1:0"]);
    let lmtp = serve.addr.to_string();
    let Some(postfix) = Postfix::start_if_installed("mw-rcv-lmtp.", &["--lmtp", &lmtp]) else {
        return;
    };
    let sent = mails();
    for m in &sent {
        m.send(&postfix, dir.path());
    }
    postfix.wait_empty(60);

    let listed = json_lines(&data, &["messages", "--json"]);
    assert_eq!(
        listed.len(),
        sent.len(),
        "{listed:?}\n{}",
        postfix.log_tail(30)
    );
    for m in &sent {
        let id = id_of(&listed, &m.message_id);
        let bytes = raw(&data, id);
        assert_eq!(
            without_first_received(&bytes),
            m.bytes.as_slice(),
            "{}: Postfix's Received header, then exactly the submitted bytes",
            m.name
        );
        let received = String::from_utf8_lossy(&bytes[..bytes.len() - m.bytes.len()]);
        assert!(received.contains("by postfix.mailward.test"), "{received}");
        let e = entry(&data, id);
        assert_eq!(e["sha256"], sha256_hex(&bytes), "{e}");
        assert_eq!(e["source"]["type"], "smtp", "{e}");
        assert_eq!(e["source"]["protocol"], "lmtp", "{e}");
        assert_eq!(e["server_received_at_basis"], "smtp_end_of_data", "{e}");
        let smtp = &e["envelope"]["smtp"];
        assert_eq!(smtp["protocol"], "LMTP", "{e}");
        assert_eq!(smtp["helo"], "postfix.mailward.test", "{e}");
        assert_eq!(smtp["mail_from"], "sender@example.org", "{e}");
        let mut rcpts: Vec<&str> = smtp["rcpt_to"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r.as_str().unwrap())
            .collect();
        rcpts.sort();
        let mut want = m.to.clone();
        want.sort();
        assert_eq!(rcpts, want, "{}: RCPT TO in the envelope", m.name);
        // Flags are written only when set: Postfix declared its 8-bit mail.
        for flag in ["undeclared_8bit", "bare_lf", "bare_cr", "nul"] {
            assert!(smtp.get(flag).is_none(), "{}: {flag} in {e}", m.name);
        }
        assert_eq!(smtp["local"], lmtp, "{e}");
        // Postfix said with XFORWARD who handed it the mail, and under which queue id: the id
        // its own Received header names.
        let forwarded = &smtp["forwarded"];
        assert_eq!(forwarded["HELO"], "sender.mailward.test", "{e}");
        assert_eq!(forwarded["ADDR"], "127.0.0.1", "{e}");
        let queue_id = forwarded["IDENT"]
            .as_str()
            .unwrap_or_else(|| panic!("IDENT: {e}"));
        assert!(received.contains(&format!(" id {queue_id}")), "{received}");
        assert!(
            smtp["client"]
                .as_str()
                .is_some_and(|c| c.starts_with("127.0.0.1:")),
            "{e}"
        );
    }
    // Postfix's log names the archive id in each 250 it got.
    let log = postfix.log();
    for m in &sent {
        let id = id_of(&listed, &m.message_id);
        assert!(
            log.contains(&format!("archived as {id})")),
            "{}: the 250 names archive id {id}:\n{log}",
            m.name
        );
    }
    verified(&data);
}

#[test]
fn content_filter_archives_then_hands_the_same_bytes_back_to_postfix() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let reinject = free_port();
    let next_hop = format!("127.0.0.1:{reinject}");
    let serve = Serve::start(
        &data,
        &["--smtp-listen", "127.0.0.1:0", "--next-hop", &next_hop],
    );
    let filter = serve.addr.to_string();
    let Some(postfix) = Postfix::start_if_installed(
        "mw-rcv-filter.",
        &[
            "--filter",
            &filter,
            "--reinject-port",
            &reinject.to_string(),
        ],
    ) else {
        return;
    };
    let sent: Vec<TestMail> = mails().into_iter().take(3).collect();
    for m in &sent {
        m.send(&postfix, dir.path());
    }
    postfix.wait_empty(60);

    let listed = json_lines(&data, &["messages", "--json"]);
    assert_eq!(listed.len(), sent.len(), "{}", postfix.log_tail(30));
    for m in &sent {
        let id = id_of(&listed, &m.message_id);
        let archived = raw(&data, id);
        assert_eq!(
            without_first_received(&archived),
            m.bytes.as_slice(),
            "{}: archived as submitted",
            m.name
        );
        let e = entry(&data, id);
        let smtp = &e["envelope"]["smtp"];
        assert_eq!(e["source"]["protocol"], "smtp", "{e}");
        assert_eq!(smtp["mail_from"], "sender@example.org", "{e}");
        assert_eq!(smtp["rcpt_to"].as_array().unwrap().len(), m.to.len(), "{e}");
        // Each recipient's Maildir (LF line ends, as any Maildir file) holds the reinjection's
        // Received header followed by exactly the archived bytes.
        let archived_lf = crlf_to_lf(&archived);
        for rcpt in &m.to {
            let needle = format!("<{}>", m.message_id);
            let boxed: Vec<Vec<u8>> = postfix
                .delivered(rcpt)
                .into_iter()
                .filter(|f| f.windows(needle.len()).any(|w| w == needle.as_bytes()))
                .collect();
            assert_eq!(boxed.len(), 1, "{}: once in {rcpt}'s Maildir", m.name);
            assert_eq!(
                without_first_received(&boxed[0]),
                archived_lf.as_slice(),
                "{}: {rcpt}'s Maildir has the archived bytes after the reinjection's Received",
                m.name
            );
        }
    }
    verified(&data);
}

/// CRLF to LF on raw bytes (ISO-2022-JP is not UTF-8 but is ASCII-safe).
fn crlf_to_lf(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
            i += 1;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    out
}

/// The queue ids Postfix logged `status=sent` for, with the archive id named in the 250, and
/// the Message-ID cleanup logged for each queue id.
fn sent_in_log(
    log: &str,
) -> (
    Vec<(String, u64)>,
    std::collections::HashMap<String, String>,
) {
    let mut sent = Vec::new();
    let mut message_ids = std::collections::HashMap::new();
    for line in log.lines() {
        let Some((_, rest)) = line.split_once("]: ") else {
            continue;
        };
        let Some((qid, what)) = rest.split_once(": ") else {
            continue;
        };
        if let Some(mid) = what.strip_prefix("message-id=") {
            message_ids.insert(qid.to_string(), mid.trim_matches(['<', '>']).to_string());
        }
        if what.contains("status=sent") {
            let id = what
                .split_once("archived as ")
                .and_then(|(_, r)| r.trim_end_matches(')').parse::<u64>().ok())
                .unwrap_or_else(|| panic!("a 250 without an archive id: {line}"));
            sent.push((qid.to_string(), id));
        }
    }
    (sent, message_ids)
}

#[test]
fn sigkill_at_random_moments_never_loses_a_mail_that_got_250() {
    const MAILS: usize = 40;
    const MIN_KILLS: u32 = 12;
    let seed = std::env::var("MAILWARD_KILL_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
        });
    eprintln!("kill schedule seed: MAILWARD_KILL_SEED={seed}");
    let mut rng = SplitMix64(seed);

    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let mut serve = Serve::start(&data, &["--lmtp-listen", "127.0.0.1:0"]);
    let lmtp = serve.addr.to_string();
    let Some(postfix) = Postfix::start_if_installed("mw-rcv-kill.", &["--lmtp", &lmtp]) else {
        return;
    };
    let make = |i: usize| {
        // Sizes from 1 KB to about 300 KB, so that kills land in transfers and commits.
        let size = 1024 << (i % 9);
        let id = format!("kill.{i}@example.org");
        TestMail::new(&format!("kill{i}"), &id, &["madoguchi@example.jp"], {
            let mut m = large_mail(&id, size);
            m.extend_from_slice(format!("{seed} {i}\r\n").as_bytes());
            m
        })
    };
    // The window that matters (after the end of DATA, before the reply) is short: the sender
    // goes on with extra mails, up to EXTRA, until a kill has landed in it.
    const EXTRA: usize = 160;
    let more = std::sync::atomic::AtomicBool::new(true);
    let submitted = std::sync::atomic::AtomicUsize::new(0);
    let in_window = |postfix: &Postfix| postfix.log().contains("while sending end of data");

    let started = Instant::now();
    let mut kills = 0u32;
    let sent: Vec<TestMail> = std::thread::scope(|scope| {
        let sending = scope.spawn(|| {
            let mut all = Vec::new();
            while all.len() < MAILS
                || (more.load(std::sync::atomic::Ordering::Relaxed) && all.len() < MAILS + EXTRA)
            {
                let m = make(all.len());
                m.send(&postfix, dir.path());
                all.push(m);
                submitted.store(all.len(), std::sync::atomic::Ordering::Relaxed);
            }
            all
        });
        while (submitted.load(std::sync::atomic::Ordering::Relaxed) < MAILS
            || kills < MIN_KILLS
            || !in_window(&postfix))
            && !sending.is_finished()
            && started.elapsed() < Duration::from_secs(150)
        {
            // Postfix retries now rather than after its backoff, so that the kill finds
            // deliveries in flight: in a transfer, in a group commit, before a 250.
            postfix.flush();
            std::thread::sleep(Duration::from_millis(rng.below(700)));
            serve.kill();
            kills += 1;
            std::thread::sleep(Duration::from_millis(rng.below(200)));
            serve = Serve::start(&data, &["--lmtp-listen", &lmtp]);
        }
        more.store(false, std::sync::atomic::Ordering::Relaxed);
        sending.join().expect("every mail submitted to Postfix")
    });
    eprintln!(
        "{kills} kills in {:?}; {} mails archived before the last restart",
        started.elapsed(),
        json_lines(&data, &["messages", "--json"]).len()
    );
    assert!(kills >= MIN_KILLS);
    let log = postfix.log();
    assert!(
        log.contains("while sending end of data"),
        "no kill landed between the end of DATA and the reply (seed {seed}): the test proved \
         less than it should; Postfix's log:\n{}",
        postfix.log_tail(40)
    );
    postfix.flush();
    postfix.wait_empty(120);

    let listed = json_lines(&data, &["messages", "--json"]);
    for m in &sent {
        let id = id_of(&listed, &m.message_id);
        assert_eq!(
            without_first_received(&raw(&data, id)),
            m.bytes.as_slice(),
            "{}",
            m.name
        );
    }
    assert_eq!(listed.len(), sent.len(), "nothing but the test mails");
    // Every 250 Postfix got named an archive id holding that very mail. Postfix's log is
    // written by postlogd: give it a moment to catch up with the queue.
    let mut checked = (Vec::new(), Default::default());
    wait_until(
        Duration::from_secs(10),
        "a status=sent line per mail",
        || {
            checked = sent_in_log(&postfix.log());
            checked.0.len() >= sent.len()
        },
    );
    let (delivered, message_ids) = checked;
    for (qid, id) in &delivered {
        let mid = message_ids
            .get(qid)
            .unwrap_or_else(|| panic!("cleanup logged the Message-ID of {qid}"));
        assert_eq!(
            id_of(&listed, mid),
            *id,
            "queue id {qid} got a 250 naming archive id {id}, which holds {mid}"
        );
    }
    // Where the kills caught Postfix's LMTP client, as its log tells (for the record: which
    // moments a run hit depends on the machine's timing).
    let mut reasons = std::collections::BTreeMap::<String, usize>::new();
    for line in postfix
        .log()
        .lines()
        .filter(|l| l.contains("status=deferred"))
    {
        let reason = line.split_once("status=deferred (").map_or("", |(_, r)| r);
        let reason = reason
            .trim_end_matches(')')
            .replace(&format!(":{}", serve.addr.port()), "")
            .replace("127.0.0.1[127.0.0.1]", "mailward");
        *reasons.entry(reason).or_default() += 1;
    }
    eprintln!(
        "{} deliveries acknowledged; deferred by kills: {reasons:?}; took {:?}",
        delivered.len(),
        started.elapsed()
    );
    verified(&data);
}

/// A tmpfs mounted for one test; unmounted when dropped.
struct Tmpfs(PathBuf);

impl Tmpfs {
    /// `None` (with a message) where mounting is not possible here.
    fn mount(at: &Path, size: &str) -> Option<Tmpfs> {
        std::fs::create_dir_all(at).unwrap();
        let out = Command::new("mount")
            .args([
                "-t",
                "tmpfs",
                "-o",
                &format!("size={size},mode=0755"),
                "tmpfs",
            ])
            .arg(at)
            .output();
        match out {
            Ok(o) if o.status.success() => Some(Tmpfs(at.to_path_buf())),
            Ok(o) => {
                eprintln!(
                    "SKIPPED: cannot mount a tmpfs here (root with CAP_SYS_ADMIN needed): {}",
                    String::from_utf8_lossy(&o.stderr).trim()
                );
                None
            }
            Err(e) => {
                eprintln!("SKIPPED: cannot run mount: {e}");
                None
            }
        }
    }

    /// Bytes still free (`df`: the workspace forbids `unsafe`, so no statvfs here).
    fn available(&self) -> u64 {
        let out = Command::new("df")
            .args(["--output=avail", "-B1"])
            .arg(&self.0)
            .output()
            .expect("df runs");
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .nth(1)
            .and_then(|l| l.trim().parse().ok())
            .expect("df prints the free bytes")
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let ok = Command::new("umount")
            .arg(&self.0)
            .status()
            .is_ok_and(|s| s.success());
        if !ok {
            let _ = Command::new("umount").arg("-l").arg(&self.0).status();
        }
    }
}

#[test]
fn full_disk_answers_451_and_postfix_delivers_once_there_is_room() {
    if !postfix_harness::available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let Some(disk) = Tmpfs::mount(&dir.path().join("disk"), "24m") else {
        return;
    };
    let data = disk.0.join("data");
    // The archive exists (serve created it) before the disk fills up.
    let mut serve = Serve::start(&data, &["--lmtp-listen", "127.0.0.1:0"]);
    let lmtp = serve.addr.to_string();
    let postfix = Postfix::start("mw-rcv-full.", &["--lmtp", &lmtp]);
    let first = TestMail::new(
        "before",
        "before.1@example.org",
        &["madoguchi@example.jp"],
        large_mail("before.1@example.org", 8 * 1024),
    );
    first.send(&postfix, dir.path());
    postfix.wait_empty(60);
    assert_eq!(json_lines(&data, &["messages", "--json"]).len(), 1);

    // Leave 64 KiB: less than the mail, more than nothing.
    let filler = disk.0.join("filler");
    let fill = disk.available().saturating_sub(64 * 1024);
    std::fs::write(&filler, vec![0u8; fill as usize]).unwrap();
    let mail = TestMail::new(
        "full",
        "full.2@example.org",
        &["madoguchi@example.jp"],
        large_mail("full.2@example.org", 512 * 1024),
    );
    mail.send(&postfix, dir.path());
    let mut queue = String::new();
    wait_until(
        Duration::from_secs(60),
        "Postfix holds the mail deferred with mailward's 451",
        || {
            queue = postfix.queue();
            queue.contains("451")
        },
    );
    eprintln!("queue with the disk full:\n{queue}");
    assert!(queue.contains("full.2") || queue.contains("sender@example.org"));
    assert!(
        queue.contains("cannot archive now"),
        "mailward's 451 text in the queue:\n{queue}"
    );
    // Nothing half-written: the archive is as before and still verifies, while the disk is
    // still full and mailward keeps running.
    assert_eq!(json_lines(&data, &["messages", "--json"]).len(), 1);
    verified(&data);
    assert!(
        serve.child.try_wait().unwrap().is_none(),
        "serve still runs: {}",
        serve.stderr()
    );

    std::fs::remove_file(&filler).unwrap();
    postfix.flush();
    postfix.wait_empty(60);
    let listed = json_lines(&data, &["messages", "--json"]);
    assert_eq!(listed.len(), 2);
    let id = id_of(&listed, &mail.message_id);
    assert_eq!(
        without_first_received(&raw(&data, id)),
        mail.bytes.as_slice()
    );
    verified(&data);

    // The disk fills up at other points of a commit too (the blob fits and the database does
    // not, or nothing fits): each mail gets a 250 naming where it is, or a 451 and is not
    // there; the archive verifies after each.
    let mut refused = Vec::new();
    let mut reasons = std::collections::BTreeSet::new();
    for (i, free_kib) in [400u64, 160, 120, 100, 64, 16, 4].into_iter().enumerate() {
        let message_id = format!("sweep.{i}@example.org");
        let bytes = large_mail(&message_id, 100 * 1024);
        let fill = disk.available().saturating_sub(free_kib * 1024);
        std::fs::write(&filler, vec![0u8; fill as usize]).unwrap();
        let mut c = Client::connect(serve.addr);
        c.begin_with("LHLO", "");
        c.send(&[bytes.as_slice(), b".\r\n"].concat());
        let (code, text) = c.reply();
        let listed = json_lines(&data, &["messages", "--json"]);
        let found = listed.iter().any(|m| {
            m["message_id"]
                .as_str()
                .is_some_and(|id| id.contains(&message_id))
        });
        match code {
            250 => {
                let id: u64 = text
                    .trim_end()
                    .rsplit_once("archived as ")
                    .and_then(|(_, n)| n.parse().ok())
                    .unwrap_or_else(|| panic!("250 names the archive id: {text}"));
                assert_eq!(raw(&data, id), bytes, "{free_kib} KiB free: {text}");
            }
            451 => {
                assert!(!found, "{free_kib} KiB free: 451 but archived: {text}");
                reasons.insert(text.trim_end().to_string());
                refused.push((message_id, bytes));
            }
            _ => panic!("{free_kib} KiB free: {text}"),
        }
        verified(&data);
        std::fs::remove_file(&filler).unwrap();
    }
    eprintln!("451s with the disk full: {reasons:#?}");
    assert!(!refused.is_empty(), "a full disk refused nothing");
    // With room again, the refused mails are taken (as Postfix's retry would).
    for (message_id, bytes) in &refused {
        let mut c = Client::connect(serve.addr);
        c.begin_with("LHLO", "");
        c.send(&[bytes.as_slice(), b".\r\n"].concat());
        let (code, text) = c.reply();
        assert_eq!(code, 250, "{message_id}: {text}");
    }
    verified(&data);
    serve.kill();
    drop(serve);
    drop(postfix);
    drop(disk);
}

/// A plain SMTP client for the bad-input test: reads replies, writes raw bytes.
struct Client {
    read: BufReader<TcpStream>,
    write: TcpStream,
}

impl Client {
    fn connect(addr: SocketAddr) -> Client {
        let stream = TcpStream::connect_timeout(&addr, Duration::from_secs(5)).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .unwrap();
        let mut c = Client {
            read: BufReader::new(stream.try_clone().unwrap()),
            write: stream,
        };
        assert_eq!(c.reply().0, 220);
        c
    }

    /// One reply (all its lines): code and text.
    fn reply(&mut self) -> (u16, String) {
        let mut text = String::new();
        loop {
            let mut line = String::new();
            let n = self.read.read_line(&mut line).expect("a reply line");
            assert!(n > 0, "connection closed before a reply: {text}");
            text.push_str(&line);
            if line.as_bytes().get(3) != Some(&b'-') {
                return (line[..3].parse().expect("a reply code"), text);
            }
        }
    }

    fn send(&mut self, bytes: &[u8]) {
        self.write.write_all(bytes).unwrap();
    }

    fn cmd(&mut self, line: &str) -> (u16, String) {
        self.send(format!("{line}\r\n").as_bytes());
        self.reply()
    }

    /// EHLO, MAIL FROM (with `params`), one RCPT, DATA up to the 354.
    fn begin(&mut self, params: &str) {
        self.begin_with("EHLO", params);
    }

    /// The same with `hello` (`EHLO`, or `LHLO` for LMTP).
    fn begin_with(&mut self, hello: &str, params: &str) {
        assert_eq!(self.cmd(&format!("{hello} client.example")).0, 250);
        assert_eq!(
            self.cmd(&format!("MAIL FROM:<a@example.org>{params}")).0,
            250
        );
        assert_eq!(self.cmd("RCPT TO:<madoguchi@example.jp>").0, 250);
        assert_eq!(self.cmd("DATA").0, 354);
    }
}

#[test]
fn serve_keeps_nothing_of_a_cut_off_mail_and_undeclared_8bit_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let serve = Serve::start(&data, &["--smtp-listen", "127.0.0.1:0"]);

    // Cut off in the middle of DATA: nothing is archived.
    let mut c = Client::connect(serve.addr);
    c.begin(" BODY=8BITMIME");
    c.send(b"Message-ID: <cut.1@example.org>\r\nSubject: cut off\r\n\r\nhalf a ma");
    drop(c);

    // 8-bit without BODY=8BITMIME: archived byte for byte, the envelope says so.
    let eight = "From: a@example.org\r\nTo: madoguchi@example.jp\r\nSubject: 8bit undeclared\r\nMessage-ID: <eight.2@example.org>\r\n\r\n宣言なしの8ビット\r\n.点で始まる行\r\n";
    let mut c = Client::connect(serve.addr);
    c.begin("");
    let stuffed = eight.replace("\r\n.", "\r\n..");
    c.send(format!("{stuffed}.\r\n").as_bytes());
    let (code, text) = c.reply();
    assert_eq!(code, 250, "{text}");
    assert_eq!(c.cmd("QUIT").0, 221);

    // A client that goes away right after the final dot, without waiting for the answer: the
    // mail is committed all the same (its client would retry; the bytes are one entry).
    let mut c = Client::connect(serve.addr);
    c.begin(" BODY=8BITMIME");
    c.send(b"Message-ID: <gone.3@example.org>\r\nSubject: gone\r\n\r\nbye\r\n.\r\n");
    drop(c);
    wait_until(
        Duration::from_secs(20),
        "the mail of the client that left",
        || json_lines(&data, &["messages", "--json"]).len() >= 2,
    );

    let listed = json_lines(&data, &["messages", "--json"]);
    assert_eq!(listed.len(), 2, "{listed:?}");
    assert!(
        !listed.iter().any(|m| m["message_id"]
            .as_str()
            .is_some_and(|i| i.contains("cut.1"))),
        "nothing of the cut-off mail"
    );
    id_of(&listed, "gone.3@example.org");
    let id = id_of(&listed, "eight.2@example.org");
    assert_eq!(raw(&data, id), eight.as_bytes(), "byte for byte");
    let e = entry(&data, id);
    let smtp = &e["envelope"]["smtp"];
    assert_eq!(smtp["undeclared_8bit"], true, "{e}");
    assert_eq!(smtp["protocol"], "ESMTP", "{e}");
    assert!(
        smtp.get("mail_params").is_none(),
        "no MAIL FROM parameters: {e}"
    );
    assert_eq!(smtp["helo"], "client.example", "{e}");

    // The server is still there.
    let mut c = Client::connect(serve.addr);
    assert_eq!(c.cmd("NOOP").0, 250);
    verified(&data);
}
