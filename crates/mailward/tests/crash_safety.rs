//! Crash safety of `mailward import`, tested by killing the real binary with SIGKILL.
//!
//! The archive promises that a mail reported as imported (a line in the `--receipts` file) is
//! durable, that a crash never leaves a half-written blob or entry visible, and that running the
//! same import again finishes the job without storing anything twice. Those promises rest on the
//! order of writes (blob bytes synced to a segment first, then one SQLite transaction per batch)
//! and on the receipts being written only after the commit. A unit test cannot check that order
//! against a real crash, so this test does it end to end:
//!
//! 1. It generates a corpus: a Maildir of about 3000 distinct mails (some Japanese UTF-8, some
//!    CRLF, sizes from 300 B to 20 KB and a few of 200 KB, a few byte-identical copies under
//!    other names, one file in `tmp/` that must never be read) and an mboxrd file of 500
//!    messages with quoted `>From ` lines. The SHA-256 of every mail is computed here,
//!    independently of mailward's own code.
//! 2. It imports the corpus once into a scratch archive to check that expectation and to measure
//!    how long a full import takes, then once more to check that a second import stores nothing
//!    and to measure how long an import with nothing left to add takes.
//! 3. It starts 100 imports, each with a batch size of 1, 7, 50 or 1000 mails, and kills each
//!    with SIGKILL after a random delay of up to the time that import is expected to take (which
//!    shrinks as the archive fills up), or in 15% of the cases of only a few milliseconds, so
//!    that kills also land while the archive is being opened. After every kill it checks the
//!    archive against the receipts written so far: every receipted hash is listed with the id
//!    the receipt gave, `raw` returns bytes with the right hash, `verify` finds nothing wrong,
//!    no hash is listed twice and nothing that was listed before has gone.
//! 4. Every ten kills, and at the end, it runs the import to completion and checks that the
//!    archive holds exactly the corpus, each mail once, with a clean `verify`; then it starts a
//!    fresh archive so that kills keep landing early in imports too.
//!
//! Delays come from a seeded generator written here, so a failure names its seed; set
//! `MAILWARD_CRASH_SEED` to run the same corpus and the same schedule of kills again (the moments
//! at which the process is killed still depend on the machine). When the test fails it keeps its
//! temporary folder and prints where it is.

use std::collections::{HashMap, HashSet};
use std::ffi::OsString;
use std::fs;
use std::os::unix::process::ExitStatusExt as _;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

/// Imports killed in the whole test.
const KILLS: usize = 100;
/// Kills per archive before it is completed and replaced by a fresh one.
const KILLS_PER_ARCHIVE: usize = 10;
/// Kills that must land while the import was still running.
const MIN_KILLS_MID_IMPORT: usize = 60;
/// Mails in the Maildir (before the byte-identical copies).
const MAILDIR_MAILS: usize = 3000;
/// Byte-identical copies of earlier Maildir mails under other file names.
const MAILDIR_COPIES: usize = 15;
/// Messages in the mbox file.
const MBOX_MESSAGES: usize = 500;
/// Batch sizes the killed imports use, so that kills land in the middle of batches of all sizes.
const BATCHES: [usize; 4] = [1, 7, 50, 1000];

/// SplitMix64: small, fast and good enough to schedule kills reproducibly.
struct Rng(u64);

impl Rng {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (the bias is irrelevant here).
    fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }

    /// A float in `[0, 1)`.
    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// True with probability `percent` / 100.
    fn percent(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len() as u64) as usize]
    }
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest as _;
    hex::encode(sha2::Sha256::digest(bytes))
}

const WORDS: &[&str] = &[
    "invoice",
    "payment",
    "overdue",
    "account",
    "final",
    "notice",
    "warning",
    "contact",
    "immediately",
    "office",
    "manager",
    "complaint",
    "unacceptable",
    "response",
    "demand",
    "refund",
    "lawyer",
    "tomorrow",
    "meeting",
    "report",
    "again",
    "ignored",
    "reply",
    "customer",
    "service",
    "order",
    "delivery",
    "failed",
    "please",
    "explain",
    "why",
];

const JAPANESE: &[&str] = &[
    "お世話になっております。",
    "至急ご連絡ください。",
    "返信がない場合は上司に報告します。",
    "何度も申し上げていますが、",
    "誠意ある対応を求めます。",
    "本日中に回答をお願いします。",
    "このままでは済まされません。",
];

/// Builds one mail of about `target` bytes. `From ` lines are placed in some bodies on purpose:
/// in an mbox they must be quoted, and the unquoted bytes are what the archive must keep.
fn make_mail(rng: &mut Rng, kind: &str, n: usize, target: usize) -> Vec<u8> {
    let japanese = rng.percent(8);
    let crlf = kind == "maildir" && rng.percent(5);
    let mut lines: Vec<String> = vec![
        format!("Return-Path: <sender{}@example.net>", rng.below(40)),
        format!("From: \"Sender {n}\" <sender{}@example.net>", rng.below(40)),
        "To: soumu@example.jp".to_string(),
        if japanese {
            format!("Subject: 【至急】ご連絡のお願い 第{n}号")
        } else {
            format!("Subject: {} {} #{n}", rng.pick(WORDS), rng.pick(WORDS))
        },
        format!(
            "Date: Sat, 28 Nov 2026 {:02}:{:02}:{:02} +0900",
            rng.below(24),
            rng.below(60),
            rng.below(60)
        ),
        format!(
            "Message-ID: <{kind}-{n}.{:016x}@example.net>",
            rng.next_u64()
        ),
        "MIME-Version: 1.0".to_string(),
        "Content-Type: text/plain; charset=UTF-8".to_string(),
        "Content-Transfer-Encoding: 8bit".to_string(),
        String::new(),
    ];
    let mut size: usize = lines.iter().map(|l| l.len() + 1).sum();
    while size < target {
        let mut line = String::new();
        match rng.below(40) {
            0 => line.push_str("From the desk of the manager, again:"),
            1 => line.push_str(">From a quoted earlier reply"),
            2 => line.push_str(">>From twice quoted"),
            3 => {}
            _ => {
                let width = 40 + rng.below(36) as usize;
                while line.len() < width {
                    if japanese {
                        line.push_str(rng.pick(JAPANESE));
                    } else {
                        if !line.is_empty() {
                            line.push(' ');
                        }
                        line.push_str(rng.pick(WORDS));
                    }
                }
            }
        }
        size += line.len() + 1;
        lines.push(line);
    }
    let end = if crlf { "\r\n" } else { "\n" };
    let mut bytes = Vec::with_capacity(size + lines.len());
    for line in &lines {
        bytes.extend_from_slice(line.as_bytes());
        bytes.extend_from_slice(end.as_bytes());
    }
    bytes
}

/// A size between 300 B and 20 KB, spread evenly on a log scale, so most mails are small.
fn small_size(rng: &mut Rng) -> usize {
    let (lo, hi) = (300f64.ln(), 20_000f64.ln());
    (lo + rng.unit() * (hi - lo)).exp() as usize
}

/// The generated input and what the archive must hold after importing it.
struct Corpus {
    /// The paths given to `mailward import`.
    args: Vec<PathBuf>,
    /// Every distinct mail: SHA-256 hex to size in bytes.
    expected: HashMap<String, u64>,
    /// The label a receipt carries (a file path, or `mbox#offset`) to the hash of that mail.
    by_label: HashMap<String, String>,
    /// Mails the import reads, copies included.
    items: usize,
}

fn make_corpus(rng: &mut Rng, root: &Path) -> Corpus {
    let maildir = root.join("maildir");
    for sub in ["cur", "new", "tmp"] {
        fs::create_dir_all(maildir.join(sub)).unwrap();
    }
    let mut expected = HashMap::new();
    let mut by_label = HashMap::new();
    let mut written: Vec<Vec<u8>> = Vec::new();
    let mut items = 0;
    // Writes one Maildir file (read flags put it in `cur/`) and records what it must become.
    let mut save = |name: String, bytes: &[u8]| {
        let folder = if name.contains(":2,") { "cur" } else { "new" };
        let path = maildir.join(folder).join(&name);
        fs::write(&path, bytes).unwrap();
        let sha = sha256_hex(bytes);
        expected.insert(sha.clone(), bytes.len() as u64);
        by_label.insert(path.display().to_string(), sha);
        items += 1;
    };
    for n in 0..MAILDIR_MAILS {
        let size = if n % 600 == 17 {
            200_000
        } else {
            small_size(rng)
        };
        let bytes = make_mail(rng, "maildir", n, size);
        // Delivery names as Dovecot writes them; about a fifth are still unread in `new/`.
        let seconds = 1_795_000_000 + n as u64 * 37;
        let flags = if rng.percent(20) { "" } else { ":2,S" };
        let name = format!(
            "{seconds}.M{}P{}Q{n}.mx1.example.jp{flags}",
            rng.below(1_000_000),
            1000 + rng.below(30_000)
        );
        save(name, &bytes);
        written.push(bytes);
    }
    for c in 0..MAILDIR_COPIES {
        // The same bytes delivered twice: a duplicate, to be archived once.
        let original = &written[rng.below(written.len() as u64) as usize];
        let name = format!("1800000000.M{c}P1Q{c}.mx2.example.jp:2,S");
        save(name, original);
    }
    // A delivery still being written: readers never look into `tmp/`.
    fs::write(
        maildir.join("tmp/1800000001.M1P1Q1.mx1.example.jp"),
        b"Subject: half-deliver",
    )
    .unwrap();

    let mbox_path = root.join("complaints.mbox");
    let mut mbox = Vec::new();
    for n in 0..MBOX_MESSAGES {
        let size = small_size(rng);
        let message = make_mail(rng, "mbox", n, size);
        let offset = mbox.len();
        mbox.extend_from_slice(b"From sender@example.jp Sat Nov 28 07:00:00 2026\n");
        // mboxrd: one `>` more on every line matching `^>*From `.
        for line in message.split_inclusive(|&b| b == b'\n') {
            let body = line.iter().position(|&b| b != b'>').unwrap_or(line.len());
            if line[body..].starts_with(b"From ") {
                mbox.push(b'>');
            }
            mbox.extend_from_slice(line);
        }
        // The blank line before the next separator belongs to the mbox, not to the message.
        mbox.push(b'\n');
        let sha = sha256_hex(&message);
        expected.insert(sha.clone(), message.len() as u64);
        by_label.insert(format!("{}#{offset}", mbox_path.display()), sha);
        items += 1;
    }
    fs::write(&mbox_path, &mbox).unwrap();
    assert_eq!(
        expected.len(),
        MAILDIR_MAILS + MBOX_MESSAGES,
        "the generated mails are distinct apart from the deliberate copies"
    );
    Corpus {
        args: vec![maildir, mbox_path],
        expected,
        by_label,
        items,
    }
}

/// Keeps the temporary folder when the test fails, for a look at the archive that failed.
struct Scratch(Option<tempfile::TempDir>);

impl Scratch {
    fn path(&self) -> &Path {
        self.0.as_ref().expect("the scratch folder exists").path()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        if std::thread::panicking()
            && let Some(dir) = self.0.take()
        {
            eprintln!(
                "kept the test folder for inspection: {}",
                dir.keep().display()
            );
        }
    }
}

/// What a finished command printed.
struct Ran {
    status: ExitStatus,
    stdout: Vec<u8>,
    stderr: String,
}

/// Runs the binary; output goes to files so that waiting can be bounded without reader threads.
struct Harness {
    scratch: Scratch,
    seed: u64,
}

impl Harness {
    fn command(&self, data: &Path, args: &[OsString], tag: &str) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_mailward"));
        command
            .arg("--data")
            .arg(data)
            .args(args)
            .env("MAILWARD_TZ", "Asia/Tokyo")
            .env_remove("MAILWARD_LOG")
            .stdin(Stdio::null())
            .stdout(fs::File::create(self.scratch.path().join(format!("{tag}.out"))).unwrap())
            .stderr(fs::File::create(self.scratch.path().join(format!("{tag}.err"))).unwrap());
        command
    }

    fn output(&self, tag: &str, status: ExitStatus) -> Ran {
        Ran {
            status,
            stdout: fs::read(self.scratch.path().join(format!("{tag}.out"))).unwrap(),
            stderr: fs::read_to_string(self.scratch.path().join(format!("{tag}.err")))
                .unwrap_or_default(),
        }
    }

    /// Runs a command to its end, failing the test if it takes longer than `limit`.
    fn run(&self, data: &Path, args: &[&str], limit: Duration) -> Ran {
        let args: Vec<OsString> = args.iter().map(OsString::from).collect();
        let mut child = self.command(data, &args, "cmd").spawn().unwrap();
        let status = wait_bounded(&mut child, limit, &format!("mailward {args:?}"));
        self.output("cmd", status)
    }

    /// Starts an import with receipts.
    fn spawn_import(&self, data: &Path, corpus: &Corpus, receipts: &Path, batch: usize) -> Child {
        let mut args: Vec<OsString> = vec![
            "import".into(),
            "--receipts".into(),
            receipts.into(),
            "--batch".into(),
            batch.to_string().into(),
        ];
        args.extend(corpus.args.iter().map(OsString::from));
        self.command(data, &args, "import").spawn().unwrap()
    }
}

/// Waits for a child at most `limit`; past that, kills it and fails.
fn wait_bounded(child: &mut Child, limit: Duration, what: &str) -> ExitStatus {
    let deadline = Instant::now() + limit;
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        if Instant::now() >= deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{what} did not finish within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(2));
    }
}

/// One line of a receipts file.
struct Receipt {
    imported: bool,
    id: Option<u64>,
    sha256: String,
    path: String,
}

/// Reads the complete lines of a receipts file; a last line without its line end was being
/// written when the process died and is ignored.
fn read_receipts(path: &Path, context: &str) -> Vec<Receipt> {
    let Ok(text) = fs::read(path) else {
        return Vec::new();
    };
    let complete = match text.iter().rposition(|&b| b == b'\n') {
        Some(end) => &text[..=end],
        None => &[][..],
    };
    complete
        .split(|&b| b == b'\n')
        .filter(|line| !line.is_empty())
        .map(|line| {
            let value: serde_json::Value = serde_json::from_slice(line).unwrap_or_else(|e| {
                panic!(
                    "{context}: a complete receipt line is not JSON ({e}): {:?}",
                    String::from_utf8_lossy(line)
                )
            });
            let status = value["status"].as_str().unwrap_or_default();
            assert!(
                status == "imported" || status == "duplicate",
                "{context}: unexpected receipt status in {value}"
            );
            let id = value["id"].as_u64();
            assert_eq!(
                id.is_some(),
                status == "imported",
                "{context}: an imported receipt has an id and a duplicate has none: {value}"
            );
            Receipt {
                imported: status == "imported",
                id,
                sha256: value["sha256"].as_str().unwrap_or_default().to_string(),
                path: value["path"].as_str().unwrap_or_default().to_string(),
            }
        })
        .collect()
}

/// What one archive has promised so far, across all the imports killed on it.
#[derive(Default)]
struct Promised {
    /// Every hash a receipt reported, imported or duplicate.
    reported: HashSet<String>,
    /// Hash to id, for receipts that said "imported".
    imported: HashMap<String, u64>,
    /// The listing seen after the previous kill: nothing in it may disappear or change id.
    listed: HashMap<String, u64>,
}

impl Promised {
    fn take(&mut self, receipts: &[Receipt], corpus: &Corpus, context: &str) {
        for r in receipts {
            assert_eq!(
                corpus.by_label.get(&r.path),
                Some(&r.sha256),
                "{context}: the receipt for {} names a hash that is not the hash of that mail",
                r.path
            );
            self.reported.insert(r.sha256.clone());
            if let Some(id) = r.id {
                assert!(r.imported);
                if let Some(earlier) = self.imported.insert(r.sha256.clone(), id) {
                    panic!(
                        "{context}: {} was reported as imported twice (ids {earlier} and {id}): \
                         the same bytes were stored again",
                        r.sha256
                    );
                }
            }
        }
    }
}

/// Lists the archive and checks it against everything promised; returns hash to id.
fn check_archive(
    harness: &Harness,
    rng: &mut Rng,
    data: &Path,
    corpus: &Corpus,
    promised: &Promised,
    context: &str,
) -> HashMap<String, u64> {
    let limit = Duration::from_secs(120);
    let listing = harness.run(data, &["messages", "--json"], limit);
    assert!(
        listing.status.success(),
        "{context}: `messages --json` failed ({}): {}",
        listing.status,
        listing.stderr
    );
    let mut listed: HashMap<String, u64> = HashMap::new();
    let mut ids = HashSet::new();
    for line in String::from_utf8(listing.stdout).unwrap().lines() {
        let value: serde_json::Value = serde_json::from_str(line)
            .unwrap_or_else(|e| panic!("{context}: a listing line is not JSON ({e}): {line}"));
        let id = value["id"].as_u64().expect("a listed mail has an id");
        let sha = value["sha256"].as_str().expect("a listed mail has a hash");
        let size = value["size"].as_u64().expect("a listed mail has a size");
        assert!(ids.insert(id), "{context}: id {id} is listed twice");
        assert_eq!(
            corpus.expected.get(sha),
            Some(&size),
            "{context}: message {id} ({sha}, {size} bytes) is not a mail of the corpus: \
             half-written or damaged"
        );
        if let Some(other) = listed.insert(sha.to_string(), id) {
            panic!("{context}: {sha} is archived twice, as messages {other} and {id}");
        }
    }
    for sha in &promised.reported {
        assert!(
            listed.contains_key(sha),
            "{context}: {sha} was reported in a receipt but is not in the archive: lost"
        );
    }
    for (sha, id) in &promised.imported {
        assert_eq!(
            listed.get(sha),
            Some(id),
            "{context}: {sha} was receipted as message {id} but is listed otherwise"
        );
    }
    for (sha, id) in &promised.listed {
        assert_eq!(
            listed.get(sha),
            Some(id),
            "{context}: {sha} was listed as message {id} after an earlier kill but is not now"
        );
    }

    let verify = harness.run(data, &["verify", "--json"], limit);
    let text = String::from_utf8_lossy(&verify.stdout);
    let report: serde_json::Value = serde_json::from_str(text.trim()).unwrap_or_else(|e| {
        panic!(
            "{context}: `verify --json` did not print JSON ({e}): {text:?} {}",
            verify.stderr
        )
    });
    assert!(
        verify.status.success() && report["ok"] == true,
        "{context}: verify found problems after the kill (exit {}): {report}",
        verify.status
    );
    assert_eq!(
        report["entries"].as_u64(),
        Some(listed.len() as u64),
        "{context}: verify counted other entries than the listing shows: {report}"
    );
    assert_eq!(
        report["blobs"].as_u64(),
        Some(listed.len() as u64),
        "{context}: verify counted other blobs than the listing shows: {report}"
    );

    // Raw bytes of a few listed mails, some of them receipted, must hash to their address.
    let mut sample: Vec<(&String, &u64)> = Vec::new();
    let all: Vec<(&String, &u64)> = listed.iter().collect();
    let receipted: Vec<(&String, &u64)> = promised.imported.iter().collect();
    for _ in 0..2 {
        if !all.is_empty() {
            sample.push(rng.pick(&all));
        }
        if !receipted.is_empty() {
            sample.push(rng.pick(&receipted));
        }
    }
    for (sha, id) in sample {
        let raw = harness.run(data, &["raw", &id.to_string()], limit);
        assert!(
            raw.status.success(),
            "{context}: `raw {id}` failed ({}): {}",
            raw.status,
            raw.stderr
        );
        assert_eq!(
            &sha256_hex(&raw.stdout),
            sha,
            "{context}: `raw {id}` printed bytes that do not hash to the listed address"
        );
    }
    listed
}

/// Runs the import to its end and checks that the archive holds exactly the corpus; returns how
/// long the import took.
fn complete(
    harness: &Harness,
    rng: &mut Rng,
    data: &Path,
    corpus: &Corpus,
    promised: &mut Promised,
    limit: Duration,
    context: &str,
) -> Duration {
    let receipts = data.with_extension("final.jsonl");
    // The receipts file is appended to; this run's lines must be read alone.
    let _ = fs::remove_file(&receipts);
    let clock = Instant::now();
    let mut child = harness.spawn_import(data, corpus, &receipts, 1000);
    let status = wait_bounded(
        &mut child,
        limit,
        &format!("{context}: the completing import"),
    );
    let took = clock.elapsed();
    let ran = harness.output("import", status);
    assert_eq!(
        status.code(),
        Some(0),
        "{context}: the completing import failed: {}",
        ran.stderr
    );
    let receipts_path = receipts;
    let receipts = read_receipts(&receipts_path, context);
    let _ = fs::remove_file(&receipts_path);
    assert_eq!(
        receipts.len(),
        corpus.items,
        "{context}: the completing import did not give one receipt per mail"
    );
    let before = promised.listed.len();
    let newly = receipts.iter().filter(|r| r.imported).count();
    assert_eq!(
        before + newly,
        corpus.expected.len(),
        "{context}: the completing import added {newly} mails to the {before} already there"
    );
    promised.take(&receipts, corpus, context);
    let listed = check_archive(harness, rng, data, corpus, promised, context);
    let listed_set: HashSet<&String> = listed.keys().collect();
    let expected_set: HashSet<&String> = corpus.expected.keys().collect();
    assert!(
        listed_set == expected_set,
        "{context}: after completion the archive holds {} mails, {} missing and {} unexpected",
        listed.len(),
        expected_set.difference(&listed_set).count(),
        listed_set.difference(&expected_set).count()
    );
    promised.listed = listed;
    took
}

#[test]
fn sigkill_during_import_loses_nothing_reported() {
    let started = Instant::now();
    let seed = std::env::var("MAILWARD_CRASH_SEED")
        .ok()
        .map(|s| {
            s.trim()
                .parse::<u64>()
                .expect("MAILWARD_CRASH_SEED is a number")
        })
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
        });
    println!("crash safety: seed {seed} (rerun with MAILWARD_CRASH_SEED={seed})");
    let mut rng = Rng(seed);
    let harness = Harness {
        scratch: Scratch(Some(
            tempfile::Builder::new()
                .prefix("mailward-crash-")
                .tempdir()
                .unwrap(),
        )),
        seed,
    };
    let corpus = make_corpus(&mut rng, &harness.scratch.path().join("corpus"));
    println!(
        "crash safety: corpus of {} mails ({} distinct), generated in {:?}",
        corpus.items,
        corpus.expected.len(),
        started.elapsed()
    );

    // One undisturbed import checks the expected hashes and gives the time a full import takes;
    // a second one over the complete archive must find only duplicates, and gives the time an
    // import takes that has nothing left to add.
    let measure = harness.scratch.path().join("measure");
    let mut promised = Promised::default();
    let mut timed = |what: &str| {
        complete(
            &harness,
            &mut rng,
            &measure,
            &corpus,
            &mut promised,
            Duration::from_secs(300),
            &format!("seed {seed}, {what}"),
        )
    };
    let full = timed("undisturbed import");
    let again = timed("undisturbed import over a complete archive");
    fs::remove_dir_all(&measure).unwrap();
    println!("crash safety: a full import takes {full:?}, one with nothing to add {again:?}");
    let limit = (full * 20).max(Duration::from_secs(60));

    let mut mid_import = 0;
    let mut cut_receipts = 0;
    let mut archive_no = 0;
    let mut data = PathBuf::new();
    for kill in 0..KILLS {
        if kill % KILLS_PER_ARCHIVE == 0 {
            archive_no += 1;
            data = harness.scratch.path().join(format!("archive-{archive_no}"));
            promised = Promised::default();
        }
        let batch = rng.pick(&BATCHES);
        // Some kills land within the first milliseconds, while the archive is opened. The others
        // land anywhere within the time this import is expected to take, which shrinks as the
        // archive fills up, since a mail already archived is only hashed and looked up.
        let delay = if rng.percent(15) {
            Duration::from_micros(rng.below(40_000))
        } else {
            let missing = 1.0 - promised.listed.len() as f64 / corpus.expected.len() as f64;
            let expected = again + full.saturating_sub(again).mul_f64(missing);
            expected.mul_f64(rng.unit())
        };
        let context = format!(
            "seed {seed}, kill {kill} (archive {archive_no}), batch {batch}, delay {delay:?}"
        );
        let receipts = harness
            .scratch
            .path()
            .join(format!("receipts-{kill}.jsonl"));
        let mut child = harness.spawn_import(&data, &corpus, &receipts, batch);
        std::thread::sleep(delay);
        let _ = child.kill();
        let status = wait_bounded(&mut child, Duration::from_secs(30), &context);
        if status.signal() == Some(libc::SIGKILL) {
            mid_import += 1;
        } else {
            let ran = harness.output("import", status);
            assert_eq!(
                status.code(),
                Some(0),
                "{context}: the import ended on its own but failed: {}",
                ran.stderr
            );
        }
        // A receipt line cut short by the kill is ignored; how often that happens is reported.
        let text = fs::read(&receipts).unwrap_or_default();
        if text.last().is_some_and(|&b| b != b'\n') {
            cut_receipts += 1;
        }
        let receipts_path = receipts;
        let receipts = read_receipts(&receipts_path, &context);
        let _ = fs::remove_file(&receipts_path);
        promised.take(&receipts, &corpus, &context);
        promised.listed = check_archive(&harness, &mut rng, &data, &corpus, &promised, &context);
        println!(
            "crash safety: {context}: {}, {} receipts, {} archived",
            if status.signal().is_some() {
                "killed"
            } else {
                "had finished"
            },
            receipts.len(),
            promised.listed.len()
        );
        if kill % KILLS_PER_ARCHIVE == KILLS_PER_ARCHIVE - 1 || kill == KILLS - 1 {
            complete(
                &harness,
                &mut rng,
                &data,
                &corpus,
                &mut promised,
                limit,
                &format!("seed {seed}, completing archive {archive_no}"),
            );
            fs::remove_dir_all(&data).unwrap();
        }
    }
    println!(
        "crash safety: seed {}: {KILLS} kills, {mid_import} while the import was running, \
         {cut_receipts} left a receipt line cut short, {archive_no} archives completed, \
         {:?} in all",
        harness.seed,
        started.elapsed()
    );
    assert!(
        mid_import >= MIN_KILLS_MID_IMPORT,
        "seed {seed}: only {mid_import} of {KILLS} kills landed while the import was running"
    );
}
