//! Measures three durable, content-addressed layouts for raw mail bytes.
//!
//! Every layout makes a batch durable before the batch counts as written:
//!
//! * `files`: one file per blob: temp name, fsync, rename to `ab/cd/<sha256>`, fsync dir, all
//!   per blob;
//! * `files-batched`: one file per blob, but the batch is written first, then each file
//!   fsynced, renamed, and each touched directory fsynced once per batch;
//! * `sqlite`: rows `blobs(sha256 PRIMARY KEY, bytes BLOB)`, WAL, synchronous=FULL, one
//!   transaction per batch;
//! * `segment`: records `BLOB` + sha256 + u64-BE size + bytes appended to one file, fdatasync
//!   per batch, then one SQLite transaction (WAL, synchronous=FULL) indexing (sha256, segment,
//!   offset, size).
//!
//! Then it reads every blob back sequentially and hashes it (warm cache, and optionally cold
//! after dropping the page cache), measures on-disk size and counts what it created.
//!
//! Usage: blob-layouts [--n 20000] [--batch 1000] [--runs 3] [--dir /work/bench-scratch]
//!                     [--layouts files,files-batched,sqlite,segment] [--seed 1] [--cold]

use rusqlite::{Connection, params};
use sha2::{Digest, Sha256};
use std::collections::BTreeSet;
use std::fs::{self, File, OpenOptions};
use std::io::{BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

const SEGMENT_MAGIC: &[u8; 16] = b"MAILWARD-BLOBS1\n";
const RECORD_MAGIC: &[u8; 4] = b"BLOB";

struct Args {
    n: usize,
    batch: usize,
    runs: usize,
    dir: PathBuf,
    layouts: Vec<String>,
    seed: u64,
    cold: bool,
}

fn parse_args() -> Args {
    let mut a = Args {
        n: 20_000,
        batch: 1000,
        runs: 3,
        dir: PathBuf::from("/work/bench-scratch"),
        layouts: ["files", "files-batched", "sqlite", "segment"]
            .iter()
            .map(|s| s.to_string())
            .collect(),
        seed: 1,
        cold: false,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut val = || it.next().unwrap_or_else(|| panic!("{flag} needs a value"));
        match flag.as_str() {
            "--n" => a.n = val().parse().expect("--n"),
            "--batch" => a.batch = val().parse().expect("--batch"),
            "--runs" => a.runs = val().parse().expect("--runs"),
            "--dir" => a.dir = PathBuf::from(val()),
            "--layouts" => a.layouts = val().split(',').map(|s| s.to_string()).collect(),
            "--seed" => a.seed = val().parse().expect("--seed"),
            "--cold" => a.cold = true,
            other => panic!("unknown argument {other}"),
        }
    }
    a
}

// ---------------------------------------------------------------- corpus

/// splitmix64: small, seeded, good enough for sizes and filler text.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn unit(&mut self) -> f64 {
        ((self.next() >> 11) as f64 + 0.5) / (1u64 << 53) as f64
    }
    fn normal(&mut self) -> f64 {
        let (u1, u2) = (self.unit(), self.unit());
        (-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos()
    }
}

/// Mail sizes: log-normal, median 3.4 KB, sigma 0.95 (mean ~5.3 KB before clamping, ~5.5 KB after), clamped to
/// 400 B .. 256 KiB: mostly short text mails, a tail of HTML mails and small attachments.
fn mail_size(rng: &mut Rng) -> usize {
    let s = (3400f64.ln() + 0.95 * rng.normal()).exp();
    s.clamp(400.0, 262_144.0) as usize
}

const WORDS: &[&str] = &[
    "the",
    "invoice",
    "meeting",
    "attached",
    "please",
    "regards",
    "contract",
    "review",
    "draft",
    "tomorrow",
    "project",
    "budget",
    "thanks",
    "account",
    "payment",
    "agreement",
    "schedule",
    "confirm",
    "delivery",
    "question",
    "update",
    "report",
    "client",
    "signed",
    "copy",
    "notice",
];

fn make_mail(rng: &mut Rng, i: usize) -> Vec<u8> {
    let size = mail_size(rng);
    let mut m = Vec::with_capacity(size + 128);
    write!(
        m,
        "From: sender{}@example.org\r\nTo: archive@example.com\r\nSubject: bench mail {i}\r\n\
         Date: Mon, 1 Jan 2024 00:00:00 +0000\r\nMessage-ID: <{i}.{:016x}@bench>\r\n\r\n",
        rng.next() % 500,
        rng.next()
    )
    .unwrap();
    let mut col = 0;
    while m.len() < size {
        let w = WORDS[(rng.next() % WORDS.len() as u64) as usize];
        m.extend_from_slice(w.as_bytes());
        col += w.len() + 1;
        if col > 72 {
            m.extend_from_slice(b"\r\n");
            col = 0;
        } else {
            m.push(b' ');
        }
    }
    m.truncate(size);
    m
}

fn hex(b: &[u8]) -> String {
    const H: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(b.len() * 2);
    for x in b {
        s.push(H[(x >> 4) as usize] as char);
        s.push(H[(x & 15) as usize] as char);
    }
    s
}

struct Mail {
    sha: [u8; 32],
    bytes: Vec<u8>,
}

// ---------------------------------------------------------------- helpers

fn fsync_dir(p: &Path) {
    File::open(p).unwrap().sync_all().unwrap();
}

fn open_db(path: &Path) -> Connection {
    let c = Connection::open(path).unwrap();
    c.execute_batch("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;")
        .unwrap();
    let mode: String = c
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let sync: i64 = c.query_row("PRAGMA synchronous", [], |r| r.get(0)).unwrap();
    assert_eq!(sync, 2, "synchronous must be FULL");
    c
}

/// (files, dirs, apparent bytes, allocated bytes) under `p`.
fn disk_usage(p: &Path) -> (u64, u64, u64, u64) {
    use std::os::unix::fs::MetadataExt;
    let (mut files, mut dirs, mut apparent, mut alloc) = (0, 0, 0, 0);
    let mut stack = vec![p.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap() {
            let e = e.unwrap();
            let md = e.metadata().unwrap();
            alloc += md.blocks() * 512;
            if md.is_dir() {
                dirs += 1;
                stack.push(e.path());
            } else {
                files += 1;
                apparent += md.len();
            }
        }
    }
    (files, dirs, apparent, alloc)
}

/// Bytes this process caused to be sent to storage (`write_bytes` of /proc/self/io, counted when
/// pages are dirtied; the filesystem journal written by jbd2 is not included).
fn io_write_bytes() -> u64 {
    fs::read_to_string("/proc/self/io")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| {
                    l.strip_prefix("write_bytes: ")
                        .map(|v| v.trim().parse().ok())
                })
                .flatten()
        })
        .unwrap_or(0)
}

/// Latency of one durable 4 KiB append (write + fdatasync), in ms: (median, p90) of `k` tries.
fn fsync_probe(dir: &Path, k: usize) -> (f64, f64) {
    fs::create_dir_all(dir).unwrap();
    let p = dir.join("fsync-probe");
    let mut f = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&p)
        .unwrap();
    let block = [0x5au8; 4096];
    let mut v = Vec::with_capacity(k);
    for _ in 0..k {
        let t = Instant::now();
        f.write_all(&block).unwrap();
        f.sync_data().unwrap();
        v.push(t.elapsed().as_secs_f64() * 1e3);
    }
    drop(f);
    fs::remove_file(&p).unwrap();
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    (v[k / 2], v[k * 9 / 10])
}

fn drop_caches() -> bool {
    let ok = std::process::Command::new("sync").status().is_ok();
    ok && fs::write("/proc/sys/vm/drop_caches", "3\n").is_ok()
}

// ---------------------------------------------------------------- writers

/// One file per blob, temp + fsync + rename + fsync dir, every blob on its own.
fn write_files(root: &Path, mails: &[Mail], _batch: usize) {
    let tmp = root.join("tmp");
    fs::create_dir_all(&tmp).unwrap();
    fsync_dir(root);
    for m in mails {
        let h = hex(&m.sha);
        let t = tmp.join(format!("{h}.tmp"));
        let mut f = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&t)
            .unwrap();
        f.write_all(&m.bytes).unwrap();
        f.sync_all().unwrap();
        drop(f);
        let d1 = root.join(&h[0..2]);
        let d2 = d1.join(&h[2..4]);
        if !d2.exists() {
            let new1 = !d1.exists();
            fs::create_dir_all(&d2).unwrap();
            if new1 {
                fsync_dir(root);
            }
            fsync_dir(&d1);
        }
        let dest = d2.join(&h);
        if dest.exists() {
            fs::remove_file(&t).unwrap();
            continue;
        }
        fs::rename(&t, &dest).unwrap();
        fsync_dir(&d2);
    }
}

/// One file per blob, durable per batch: write all, fsync each file, rename, fsync each touched
/// directory once.
fn write_files_batched(root: &Path, mails: &[Mail], batch: usize) {
    let tmp = root.join("tmp");
    fs::create_dir_all(&tmp).unwrap();
    fsync_dir(root);
    for chunk in mails.chunks(batch) {
        let mut names = Vec::with_capacity(chunk.len());
        for m in chunk {
            let h = hex(&m.sha);
            let t = tmp.join(format!("{h}.tmp"));
            let mut f = OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&t)
                .unwrap();
            f.write_all(&m.bytes).unwrap();
            names.push((h, t));
        }
        for (_, t) in &names {
            File::open(t).unwrap().sync_all().unwrap();
        }
        let mut touched: BTreeSet<PathBuf> = BTreeSet::new();
        let mut root_touched = false;
        for (h, t) in &names {
            let d1 = root.join(&h[0..2]);
            let d2 = d1.join(&h[2..4]);
            if !d2.exists() {
                if !d1.exists() {
                    root_touched = true;
                }
                fs::create_dir_all(&d2).unwrap();
                touched.insert(d1.clone());
            }
            let dest = d2.join(h);
            if dest.exists() {
                fs::remove_file(t).unwrap();
                continue;
            }
            fs::rename(t, &dest).unwrap();
            touched.insert(d2);
        }
        // Children before parents is not required for correctness of entries already fsynced,
        // but fsync every directory whose entries changed, then the root.
        for d in touched.iter().rev() {
            fsync_dir(d);
        }
        if root_touched {
            fsync_dir(root);
        }
    }
}

fn write_sqlite(root: &Path, mails: &[Mail], batch: usize) {
    fs::create_dir_all(root).unwrap();
    let mut c = open_db(&root.join("blobs.sqlite"));
    c.execute_batch("CREATE TABLE blobs (sha256 BLOB PRIMARY KEY, bytes BLOB NOT NULL);")
        .unwrap();
    for chunk in mails.chunks(batch) {
        let tx = c.transaction().unwrap();
        {
            let mut st = tx
                .prepare_cached("INSERT OR IGNORE INTO blobs (sha256, bytes) VALUES (?1, ?2)")
                .unwrap();
            for m in chunk {
                st.execute(params![&m.sha[..], &m.bytes[..]]).unwrap();
            }
        }
        tx.commit().unwrap();
    }
    // Closing checkpoints the WAL into the main file and removes it; part of the cost.
    c.close().map_err(|(_, e)| e).unwrap();
}

fn write_segment(root: &Path, mails: &[Mail], batch: usize) {
    fs::create_dir_all(root).unwrap();
    let mut c = open_db(&root.join("index.sqlite"));
    c.execute_batch(
        "CREATE TABLE blobs (sha256 BLOB PRIMARY KEY, size INTEGER NOT NULL, \
         segment INTEGER NOT NULL, record_offset INTEGER NOT NULL);",
    )
    .unwrap();
    let seg = root.join("segment-000001.mwseg");
    let f = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&seg)
        .unwrap();
    let mut w = BufWriter::with_capacity(1 << 20, f);
    w.write_all(SEGMENT_MAGIC).unwrap();
    w.flush().unwrap();
    w.get_ref().sync_all().unwrap();
    fsync_dir(root);
    let mut len = SEGMENT_MAGIC.len() as u64;
    let mut rows = Vec::with_capacity(batch);
    for chunk in mails.chunks(batch) {
        rows.clear();
        for m in chunk {
            w.write_all(RECORD_MAGIC).unwrap();
            w.write_all(&m.sha).unwrap();
            w.write_all(&(m.bytes.len() as u64).to_be_bytes()).unwrap();
            w.write_all(&m.bytes).unwrap();
            rows.push((m.sha, m.bytes.len() as u64, len));
            len += 44 + m.bytes.len() as u64;
        }
        w.flush().unwrap();
        w.get_ref().sync_data().unwrap();
        let tx = c.transaction().unwrap();
        {
            let mut st = tx
                .prepare_cached(
                    "INSERT OR IGNORE INTO blobs (sha256, size, segment, record_offset) \
                     VALUES (?1, ?2, 1, ?3)",
                )
                .unwrap();
            for (sha, size, off) in &rows {
                st.execute(params![&sha[..], *size as i64, *off as i64])
                    .unwrap();
            }
        }
        tx.commit().unwrap();
    }
    c.close().map_err(|(_, e)| e).unwrap();
}

// ---------------------------------------------------------------- readers (read + hash + check)

/// Returns (blobs, payload bytes) read and verified.
fn read_files(root: &Path) -> (usize, u64) {
    let (mut n, mut bytes) = (0, 0u64);
    let mut buf = Vec::with_capacity(1 << 20);
    let mut l1: Vec<_> = fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    l1.retain(|p| p.file_name().unwrap() != "tmp");
    l1.sort();
    for d1 in l1 {
        let mut l2: Vec<_> = fs::read_dir(&d1)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        l2.sort();
        for d2 in l2 {
            for e in fs::read_dir(&d2).unwrap() {
                let p = e.unwrap().path();
                buf.clear();
                File::open(&p).unwrap().read_to_end(&mut buf).unwrap();
                let got = hex(&Sha256::digest(&buf));
                assert_eq!(got.as_str(), p.file_name().unwrap().to_str().unwrap());
                n += 1;
                bytes += buf.len() as u64;
            }
        }
    }
    (n, bytes)
}

fn read_sqlite(root: &Path) -> (usize, u64) {
    let c = Connection::open(root.join("blobs.sqlite")).unwrap();
    let mut st = c
        .prepare("SELECT sha256, bytes FROM blobs ORDER BY rowid")
        .unwrap();
    let mut rows = st.query([]).unwrap();
    let (mut n, mut bytes) = (0, 0u64);
    while let Some(r) = rows.next().unwrap() {
        let sha = r.get_ref(0).unwrap().as_blob().unwrap();
        let b = r.get_ref(1).unwrap().as_blob().unwrap();
        assert_eq!(&Sha256::digest(b)[..], sha);
        n += 1;
        bytes += b.len() as u64;
    }
    (n, bytes)
}

/// Scans the segment on its own (no database), as a third party would: each record's bytes are
/// hashed straight out of the read buffer, without copying them.
fn read_segment(root: &Path) -> (usize, u64) {
    use std::io::BufRead;
    let f = File::open(root.join("segment-000001.mwseg")).unwrap();
    let mut r = BufReader::with_capacity(1 << 20, f);
    let mut magic = [0u8; 16];
    r.read_exact(&mut magic).unwrap();
    assert_eq!(&magic, SEGMENT_MAGIC);
    let (mut n, mut bytes) = (0, 0u64);
    let mut hdr = [0u8; 44];
    loop {
        if r.fill_buf().unwrap().is_empty() {
            break;
        }
        r.read_exact(&mut hdr).unwrap();
        assert_eq!(&hdr[0..4], RECORD_MAGIC);
        let size = u64::from_be_bytes(hdr[36..44].try_into().unwrap());
        let mut left = size;
        let mut h = Sha256::new();
        while left > 0 {
            let buf = r.fill_buf().unwrap();
            assert!(!buf.is_empty(), "segment truncated");
            let take = buf.len().min(left as usize);
            h.update(&buf[..take]);
            r.consume(take);
            left -= take as u64;
        }
        assert_eq!(&h.finalize()[..], &hdr[4..36]);
        n += 1;
        bytes += size;
    }
    (n, bytes)
}

// ---------------------------------------------------------------- driver

struct Run {
    write_s: f64,
    written: u64,
    read_cold_mbs: Option<f64>,
    read_warm_mbs: f64,
    files: u64,
    dirs: u64,
    apparent: u64,
    alloc: u64,
}

fn min_max(v: &[f64]) -> (f64, f64) {
    v.iter()
        .fold((f64::MAX, f64::MIN), |(lo, hi), &x| (lo.min(x), hi.max(x)))
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[v.len() / 2]
}

fn main() {
    let a = parse_args();
    eprintln!("generating {} mails (seed {})", a.n, a.seed);
    let mut rng = Rng(a.seed);
    let mails: Vec<Mail> = (0..a.n)
        .map(|i| {
            let bytes = make_mail(&mut rng, i);
            Mail {
                sha: Sha256::digest(&bytes).into(),
                bytes,
            }
        })
        .collect();
    let payload: u64 = mails.iter().map(|m| m.bytes.len() as u64).sum();
    let mut sizes: Vec<usize> = mails.iter().map(|m| m.bytes.len()).collect();
    sizes.sort();
    let mb = |b: u64| b as f64 / 1e6;

    // Hashing ceiling: SHA-256 over the corpus in memory.
    let mut hash_s = f64::MAX;
    for _ in 0..3 {
        let t = Instant::now();
        let mut x = 0u8;
        for m in &mails {
            x ^= Sha256::digest(&m.bytes)[0];
        }
        hash_s = hash_s.min(t.elapsed().as_secs_f64());
        std::hint::black_box(x);
    }

    println!("# blob-layouts");
    println!(
        "mails {}  batch {}  runs {}  payload {:.1} MB  mean {:.0} B  median {} B  p90 {} B  p99 {} B  max {} B",
        a.n,
        a.batch,
        a.runs,
        mb(payload),
        payload as f64 / a.n as f64,
        sizes[sizes.len() / 2],
        sizes[sizes.len() * 9 / 10],
        sizes[sizes.len() * 99 / 100],
        sizes[sizes.len() - 1]
    );
    println!(
        "in-memory SHA-256 of the corpus, best of 3: {:.0} MB/s (ceiling for verify)",
        mb(payload) / hash_s
    );
    let (p50, p90) = fsync_probe(&a.dir, 500);
    println!("scratch dir: {}", a.dir.display());
    println!(
        "durable 4 KiB append (write + fdatasync), 500 tries: median {p50:.3} ms, p90 {p90:.3} ms"
    );
    println!();
    println!(
        "| layout | B | write s, median of {} (min–max) | mails/s | MB/s | read+hash warm MB/s (min–max) | read+hash cold MB/s | written MB | on disk MB (allocated) | apparent MB | files | dirs |",
        a.runs
    );
    println!("|---|---|---|---|---|---|---|---|---|---|---|---|");

    for layout in &a.layouts {
        let mut runs = Vec::new();
        for r in 0..a.runs {
            let root = a.dir.join(format!("{layout}-b{}-run{r}", a.batch));
            if root.exists() {
                fs::remove_dir_all(&root).unwrap();
            }
            fs::create_dir_all(&root).unwrap();
            let _ = std::process::Command::new("sync").status();
            let io0 = io_write_bytes();
            let t = Instant::now();
            match layout.as_str() {
                "files" => write_files(&root, &mails, a.batch),
                "files-batched" => write_files_batched(&root, &mails, a.batch),
                "sqlite" => write_sqlite(&root, &mails, a.batch),
                "segment" => write_segment(&root, &mails, a.batch),
                other => panic!("unknown layout {other}"),
            }
            let write_s = t.elapsed().as_secs_f64();
            let written = io_write_bytes() - io0;
            let reader: fn(&Path) -> (usize, u64) = match layout.as_str() {
                "files" | "files-batched" => read_files,
                "sqlite" => read_sqlite,
                _ => read_segment,
            };
            let read_cold_mbs = if a.cold && drop_caches() {
                let t = Instant::now();
                let (n, b) = reader(&root);
                assert_eq!((n, b), (a.n, payload));
                Some(mb(b) / t.elapsed().as_secs_f64())
            } else {
                None
            };
            // Warm: one pass to fill the cache (if the cold pass did not), then the timed pass.
            if read_cold_mbs.is_none() {
                reader(&root);
            }
            let t = Instant::now();
            let (n, b) = reader(&root);
            let read_warm_mbs = mb(b) / t.elapsed().as_secs_f64();
            assert_eq!((n, b), (a.n, payload), "read back everything");
            let (files, dirs, apparent, alloc) = disk_usage(&root);
            let load = fs::read_to_string("/proc/loadavg").unwrap_or_default();
            eprintln!(
                "  {layout} B={} run {r}: write {write_s:.2} s, warm {read_warm_mbs:.0} MB/s, cold {:?}, loadavg {}",
                a.batch,
                read_cold_mbs.map(|x| x.round()),
                load.trim()
            );
            runs.push(Run {
                write_s,
                written,
                read_cold_mbs,
                read_warm_mbs,
                files,
                dirs,
                apparent,
                alloc,
            });
            fs::remove_dir_all(&root).unwrap();
        }
        let ws: Vec<f64> = runs.iter().map(|r| r.write_s).collect();
        let warms: Vec<f64> = runs.iter().map(|r| r.read_warm_mbs).collect();
        let ((wlo, whi), (rlo, rhi)) = (min_max(&ws), min_max(&warms));
        let w = median(ws);
        let warm = median(warms);
        let cold = runs
            .iter()
            .map(|r| r.read_cold_mbs)
            .collect::<Option<Vec<_>>>()
            .map(|v| format!("{:.0}", median(v)))
            .unwrap_or_else(|| "-".into());
        let last = runs.last().unwrap();
        println!(
            "| {layout} | {} | {w:.2} ({wlo:.2}–{whi:.2}) | {:.0} | {:.1} | {warm:.0} ({rlo:.0}–{rhi:.0}) | {cold} | {:.1} | {:.1} | {:.1} | {} | {} |",
            a.batch,
            a.n as f64 / w,
            mb(payload) / w,
            mb(median(runs.iter().map(|r| r.written as f64).collect()) as u64),
            mb(last.alloc),
            mb(last.apparent),
            last.files,
            last.dirs,
        );
    }
    let _ = fs::remove_dir(&a.dir);
}
