//! `mailward verify`: recompute everything that the evidence claims and locate every difference.
//!
//! Three checks, each reading the archive once in its stored order so that memory stays flat:
//! 1. the checkpoints: each signature against the archive's key (stored ones and any given);
//! 2. the log: every entry's bytes against its leaf hash, its sequence number against its
//!    position, the blob it names against the blob index, and the Merkle tree replayed from the
//!    entry bytes against the stored tree nodes and against every checkpoint's root; a checkpoint
//!    beyond the end of the log is a rollback;
//! 3. the blobs: every record re-read from its segment and re-hashed.
//!
//! Replies add links between entries, checked on the same walk: a `sent` or `send_failed` entry
//! must name an earlier `sending` entry, carry the same reply bytes, and be the only outcome of
//! it; a `sending` entry must answer an earlier `received` entry (looked up after the walk, since
//! replies are few).
//!
//! How it is laid out, for speed (100,000 mails take about 0.8 s of CPU, two thirds of it
//! SHA-256 of the mail bytes; docs/PERFORMANCE.md): one thread walks the log and the blob index
//! side by side through a read-only [`Snapshot`] of the database (prepared statements stepped on
//! that thread, not sqlx's per-row channel), pairs each entry's blob reference with the index
//! row written with it (see `Pairing`: when all pair off, the two database joins that would
//! otherwise look for entries without a blob and blobs without an entry are not needed), and hands
//! the index pages to a second thread that re-reads and re-hashes the records in segment order.
//! When that thread is behind, the walk hashes a page itself, so both cores stay busy whichever
//! side is slower. Tampering is a finding, not an error: problems are collected into a
//! [`VerifyReport`] with stable `kind` ids.

use crate::archive::Archive;
use crate::{AppError, Result, keys};
use mailward_evidence::Sha256;
use mailward_evidence::checkpoint;
use mailward_evidence::entry::Entry;
use mailward_evidence::merkle::{self, Frontier, Hash};
use mailward_store::segment::{RECORD_HEADER, RecordProblem, SegmentReader};
use mailward_store::{BlobLocation, EntryPage, EntryRef, Snapshot};
use serde::Serialize;
use std::collections::{HashMap, HashSet, VecDeque};
use std::path::Path;
use std::sync::mpsc::{SyncSender, TrySendError};

/// Entries per page read from the snapshot (one buffer, reused).
const ENTRY_PAGE: u32 = 1000;
/// Stored tree nodes per page.
const NODE_PAGE: u32 = 5000;
/// Blob index rows per page handed to a hasher: a few MB of mail, so that the two hashers
/// rarely interrupt each other's sequential reads.
const BLOB_PAGE: u32 = 512;
/// How far ahead of the records being hashed the disk is asked to read.
const READ_AHEAD: u64 = 16 << 20;
/// Pages waiting for the blob thread; when they are all taken, the log walk hashes one itself.
const BLOB_QUEUE: usize = 4;
/// Blob references left unpaired (index and entries in different orders) that are tracked before
/// the pairing gives up and the database is asked instead; bounds memory on odd archives.
const MAX_UNPAIRED: usize = 100_000;

/// One located problem.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Problem {
    /// Stable id, listed in docs/CLI.md.
    pub kind: &'static str,
    /// The entry concerned (sequence number), if one is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entry: Option<u64>,
    /// The blob concerned (SHA-256 hex), if one is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub blob: Option<String>,
    /// The checkpoint concerned (row id, or the file name of a given one), if one is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub checkpoint: Option<String>,
    /// What is wrong, in words.
    pub message: String,
}

impl Problem {
    fn new(kind: &'static str, message: String) -> Problem {
        Problem {
            kind,
            entry: None,
            blob: None,
            checkpoint: None,
            message,
        }
    }
    fn entry(mut self, seq: u64) -> Problem {
        self.entry = Some(seq);
        self
    }
    fn blob(mut self, sha: &Sha256) -> Problem {
        self.blob = Some(sha.to_hex());
        self
    }
    fn checkpoint(mut self, label: &str) -> Problem {
        self.checkpoint = Some(label.to_string());
        self
    }
}

/// What `verify` found.
#[derive(Clone, Debug, Default, Serialize)]
pub struct VerifyReport {
    /// True when nothing is wrong.
    pub ok: bool,
    /// Entries read.
    pub entries: u64,
    /// Blobs re-hashed.
    pub blobs: u64,
    /// Raw bytes re-hashed.
    pub bytes: u64,
    /// Checkpoints checked.
    pub checkpoints: u64,
    /// Entries covered by the newest checkpoint whose root matched.
    pub checkpointed_size: u64,
    /// Recomputed tree size.
    pub tree_size: u64,
    /// Recomputed root (hex).
    pub root: String,
    /// Everything wrong, in the order found.
    pub problems: Vec<Problem>,
}

/// A signed head to compare the replayed tree against.
struct Claim {
    label: String,
    size: u64,
    root: Hash,
}

/// One level's cursor: nodes read ahead, the next index to read, and whether the level is done.
type LevelCursor = (VecDeque<(u64, Vec<u8>)>, u64, bool);

/// A damaged blob record: where the index places it, its address and what is wrong.
type Damaged = (u64, u64, Sha256, RecordProblem);

/// The stored tree nodes, walked with one cursor per level as the replay completes them.
struct StoredNodes {
    levels: HashMap<u32, LevelCursor>,
}

impl StoredNodes {
    fn take(&mut self, snapshot: &Snapshot, level: u32, index: u64) -> Result<Option<Vec<u8>>> {
        let (queue, next, done) = self
            .levels
            .entry(level)
            .or_insert_with(|| (VecDeque::new(), 0, false));
        loop {
            while let Some((i, _)) = queue.front() {
                if *i >= index {
                    break;
                }
                // A stored node the replay skipped: it is reported by the count check at the end.
                queue.pop_front();
            }
            match queue.front() {
                Some((i, _)) if *i == index => return Ok(queue.pop_front().map(|(_, h)| h)),
                Some(_) => return Ok(None),
                None if *done => return Ok(None),
                None => {
                    let page = snapshot.nodes_at_level(level, (*next).max(index), NODE_PAGE)?;
                    if (page.len() as u32) < NODE_PAGE {
                        *done = true;
                    }
                    if let Some(last) = page.last() {
                        *next = last.index + 1;
                    }
                    queue.extend(page.into_iter().map(|n| (n.index, n.hash)));
                }
            }
        }
    }
}

/// Re-reads and re-hashes blob records, sequentially as long as the pages come in record order.
struct BlobHasher {
    reader: SegmentReader,
    count: u64,
    bytes: u64,
    damaged: Vec<Damaged>,
}

impl BlobHasher {
    fn new(dir: &Path) -> BlobHasher {
        BlobHasher {
            reader: SegmentReader::new(dir),
            count: 0,
            bytes: 0,
            damaged: Vec::new(),
        }
    }

    fn check(&mut self, page: &[BlobLocation]) {
        for loc in page {
            self.count += 1;
            match self
                .reader
                .read(loc.segment, loc.offset, &loc.sha256, loc.size, |_| ())
            {
                Ok(()) => self.bytes += loc.size,
                Err(problem) => self
                    .damaged
                    .push((loc.segment, loc.offset, loc.sha256, problem)),
            }
        }
    }
}

/// Pairs the entries' blob references with the rows of the blob index as both are walked.
///
/// An archive written by mailward adds its blob index rows in the order of the `received` and
/// `sending` entries that brought them (each mail's or reply's bytes are stored once, with the
/// first entry that names them), so those two walks pair off one for one and nothing needs to be
/// kept. References that do not pair off at once are held until their partner turns up. Entries
/// of other kinds (`removed`, `sorted`, `sent`, `send_failed`) name bytes archived before: their
/// references are only looked up (among the addresses paired recently, else in the index). If
/// every `received`/`sending` reference and every row
/// found its partner and every other reference is in the index, every entry's blob is in the index
/// and every index row is referred to, which is what the database's two join queries check;
/// otherwise (or when too much was left unpaired) verify runs those queries to name the entries
/// and blobs concerned. Which entries are paired and which looked up only decides how fast this
/// goes, never what it concludes.
#[derive(Default)]
struct Pairing {
    /// Entry references waiting for their index row (by the blob column's bytes), with counts.
    entries: HashMap<Vec<u8>, u64>,
    /// Index rows waiting for an entry that refers to them.
    index: HashSet<Sha256>,
    /// More was left unpaired than [`MAX_UNPAIRED`]: the database must decide.
    given_up: bool,
    /// A looked-up reference was not in the index: the database must name the entry.
    not_indexed: bool,
    /// The last [`RECENT`] addresses paired with an index row, oldest first, and the same as a set.
    recent: (VecDeque<Sha256>, HashSet<Sha256>),
}

/// How many recently paired addresses are kept for the references of `removed` and `sorted`
/// entries, which mostly follow their mail closely; older ones are looked up in the index.
const RECENT: usize = 1 << 14;

impl Pairing {
    /// Pairs an entry's blob reference with the index row walked alongside it, if any.
    fn pair(&mut self, reference: &[u8], row: Option<&Sha256>) {
        if let Some(sha) = row.filter(|sha| sha.as_bytes().as_slice() == reference) {
            let (order, set) = &mut self.recent;
            if order.len() == RECENT
                && let Some(oldest) = order.pop_front()
            {
                set.remove(&oldest);
            }
            order.push_back(*sha);
            set.insert(*sha);
            return;
        }
        self.reference(reference);
        if let Some(sha) = row {
            self.row(sha);
        }
    }

    /// An entry's blob reference without its partner yet.
    fn reference(&mut self, reference: &[u8]) {
        if self.given_up {
            return;
        }
        let found = Sha256::from_slice(reference).is_some_and(|sha| self.index.remove(&sha));
        if !found {
            *self.entries.entry(reference.to_vec()).or_default() += 1;
            self.check_bound();
        }
    }

    /// An index row without its partner yet.
    fn row(&mut self, sha: &Sha256) {
        if self.given_up {
            return;
        }
        match self.entries.get_mut(sha.as_bytes().as_slice()) {
            Some(1) => {
                self.entries.remove(sha.as_bytes().as_slice());
            }
            Some(n) => *n -= 1,
            None => {
                self.index.insert(*sha);
                self.check_bound();
            }
        }
    }

    /// A reference that must merely be in the index (an entry about a mail archived before);
    /// `indexed` asks the index when the address was not paired recently.
    fn look_up(
        &mut self,
        reference: &[u8],
        indexed: impl FnOnce(&[u8]) -> Result<bool>,
    ) -> Result<()> {
        let recent = Sha256::from_slice(reference).is_some_and(|sha| self.recent.1.contains(&sha));
        if !recent && !self.not_indexed && !indexed(reference)? {
            self.not_indexed = true;
        }
        Ok(())
    }

    fn check_bound(&mut self) {
        if self.entries.len() + self.index.len() > MAX_UNPAIRED {
            self.given_up = true;
            self.entries = HashMap::new();
            self.index = HashSet::new();
        }
    }

    /// Whether every reference and every index row found its partner.
    fn complete(&self) -> bool {
        !self.given_up && !self.not_indexed && self.entries.is_empty() && self.index.is_empty()
    }
}

/// The blob index walked alongside the log: each page read is handed to a hasher, its addresses
/// kept for pairing with the entries.
struct IndexWalk<'s> {
    snapshot: &'s Snapshot,
    after: i64,
    done: bool,
    ahead: VecDeque<Sha256>,
    /// Where the pages go: the blob thread while it keeps up, else the walk's own hasher.
    queue: SyncSender<Vec<BlobLocation>>,
    own: BlobHasher,
    /// The segment being read and how far into it reading was asked for.
    prefetched: (u64, u64),
}

impl IndexWalk<'_> {
    fn next(&mut self) -> Result<Option<Sha256>> {
        if self.ahead.is_empty() && !self.done {
            let mut page = Vec::with_capacity(BLOB_PAGE as usize);
            self.after = self
                .snapshot
                .blobs_after(self.after, BLOB_PAGE, &mut page)?;
            self.done = (page.len() as u32) < BLOB_PAGE;
            self.ahead.extend(page.iter().map(|loc| loc.sha256));
            self.prefetch(&page);
            if !page.is_empty() {
                match self.queue.try_send(page) {
                    Ok(()) => {}
                    Err(TrySendError::Full(page) | TrySendError::Disconnected(page)) => {
                        self.own.check(&page)
                    }
                }
            }
        }
        Ok(self.ahead.pop_front())
    }

    /// Keeps the operating system reading [`READ_AHEAD`] bytes beyond each page's records,
    /// so that a cold cache has the disk busy while the hashers work (the kernel's own read-ahead
    /// keeps only a little in flight). Records in one segment that follow each other, as an
    /// archive written by mailward has them, extend one window; a record elsewhere starts a new
    /// one.
    fn prefetch(&mut self, page: &[BlobLocation]) {
        for loc in page {
            let end = loc
                .offset
                .saturating_add(RECORD_HEADER)
                .saturating_add(loc.size);
            let (segment, upto) = &mut self.prefetched;
            if *segment != loc.segment
                || loc.offset > *upto
                || end.saturating_add(READ_AHEAD) < *upto
            {
                (*segment, *upto) = (loc.segment, loc.offset);
            }
            let want = end.saturating_add(READ_AHEAD);
            // Issued in steps, not per record.
            if want >= upto.saturating_add(READ_AHEAD / 4) {
                self.own.reader.prefetch(*segment, *upto, want - *upto);
                *upto = want;
            }
        }
    }
}

/// The reply links seen on the walk: each `sending` entry's reply bytes and whether an outcome
/// named it already, and the `received` entries that `sending` entries answer (checked after the
/// walk). Replies are few, so this stays small.
#[derive(Default)]
struct ReplyLinks {
    sendings: HashMap<u64, (Sha256, bool)>,
    answers: Vec<(u64, u64)>,
}

impl ReplyLinks {
    /// Records or checks the links of one decoded entry.
    fn see(&mut self, entry: &Entry, problems: &mut Vec<Problem>) {
        let seq = entry.seq();
        let (sending, sha) = match entry {
            Entry::Sending(s) => {
                if s.answers >= seq {
                    problems.push(
                        Problem::new(
                            "link_broken",
                            format!(
                                "entry {seq}: the reply answers entry {}, which does not come before it",
                                s.answers
                            ),
                        )
                        .entry(seq),
                    );
                } else {
                    self.answers.push((seq, s.answers));
                }
                self.sendings.insert(seq, (s.sha256, false));
                return;
            }
            Entry::Sent(s) => (s.sending, s.sha256),
            Entry::SendFailed(f) => (f.sending, f.sha256),
            _ => return,
        };
        let problem = match self.sendings.get_mut(&sending) {
            None => Some(format!(
                "entry {seq}: names entry {sending} as its sending entry, but no sending entry comes before it with that number"
            )),
            Some((reply, _)) if *reply != sha => Some(format!(
                "entry {seq}: its reply bytes differ from those of sending entry {sending}"
            )),
            Some((_, true)) => Some(format!(
                "entry {seq}: sending entry {sending} already has an outcome (a second one was added)"
            )),
            Some((_, outcome)) => {
                *outcome = true;
                None
            }
        };
        if let Some(message) = problem {
            problems.push(Problem::new("link_broken", message).entry(seq));
        }
    }
}

/// What the walk of the log and the blob index found.
struct LogFindings {
    report: VerifyReport,
    /// `(sending entry, the received entry it answers)`, to be looked up.
    answers: Vec<(u64, u64)>,
    /// Whether every blob reference and every index row paired off (see [`Pairing`]).
    references_paired: bool,
    damaged: Vec<Damaged>,
}

impl Archive {
    /// Verifies the whole archive. `extra` are checkpoint notes kept outside the archive (for
    /// example printed or mailed to the legal department when they were signed): they catch a
    /// rollback even if the stored checkpoints were removed too.
    pub async fn verify(&self, extra: &[(String, String)]) -> Result<VerifyReport> {
        let started = std::time::Instant::now();
        let mut report = VerifyReport::default();
        let claims = self.check_checkpoints(extra, &mut report).await?;
        let snapshot = self.store.snapshot()?;
        let dir = self.store.blob_dir();
        let walk = tokio::task::spawn_blocking(move || check_log(&snapshot, &dir, claims, report));
        let LogFindings {
            mut report,
            answers,
            references_paired,
            damaged,
        } = walk
            .await
            .map_err(|_| AppError::Invalid("the log check thread failed".into()))??;
        tracing::debug!(
            "verify: log and blob checks done after {:?}",
            started.elapsed()
        );
        let problems = self.locate_damaged_blobs(damaged).await?;
        report.problems.extend(problems);
        for (seq, answered) in answers {
            let received = match self.store.entry(answered).await? {
                Some(stored) => matches!(Entry::decode(&stored.body), Ok(Entry::Received(_))),
                None => false,
            };
            if !received {
                report.problems.push(
                    Problem::new(
                        "link_broken",
                        format!("entry {seq}: the reply answers entry {answered}, which is not a received mail"),
                    )
                    .entry(seq),
                );
            }
        }
        if !references_paired {
            for seq in self.store.entries_without_blob().await? {
                report.problems.push(
                    Problem::new(
                        "blob_missing",
                        format!("entry {seq}: its raw mail is not in the blob index"),
                    )
                    .entry(seq),
                );
            }
            for sha in self.store.unreferenced_blobs().await? {
                report.problems.push(
                    Problem::new(
                        "blob_unreferenced",
                        format!("blob {sha} is in the index but no entry refers to it (added behind mailward's back?)"),
                    )
                    .blob(&sha),
                );
            }
            tracing::debug!(
                "verify: blob references looked up after {:?}",
                started.elapsed()
            );
        }
        tracing::info!("verify finished after {:?}", started.elapsed());
        report.ok = report.problems.is_empty();
        Ok(report)
    }

    async fn check_checkpoints(
        &self,
        extra: &[(String, String)],
        report: &mut VerifyReport,
    ) -> Result<Vec<Claim>> {
        let key = keys::load_or_create(self.store.dir())?;
        let public = key.public();
        let mut claims = Vec::new();
        let stored = self.store.checkpoints().await?;
        let notes = stored
            .iter()
            .map(|cp| (cp.id.to_string(), cp.note.as_str(), Some(cp)))
            .chain(
                extra
                    .iter()
                    .map(|(label, note)| (label.clone(), note.as_str(), None)),
            );
        for (label, note, row) in notes {
            report.checkpoints += 1;
            match checkpoint::verify(note, &key.name, &public) {
                Err(e) => report.problems.push(
                    Problem::new(
                        "checkpoint_bad_signature",
                        format!("checkpoint {label}: {e}"),
                    )
                    .checkpoint(&label),
                ),
                Ok(head) => {
                    if let Some(cp) = row
                        && (head.size != cp.tree_size || head.root.as_slice() != cp.root.as_slice())
                    {
                        report.problems.push(
                            Problem::new(
                                "checkpoint_mismatch",
                                format!(
                                    "checkpoint {label}: the stored size/root columns differ from the signed note ({} entries)",
                                    head.size
                                ),
                            )
                            .checkpoint(&label),
                        );
                    }
                    claims.push(Claim {
                        label,
                        size: head.size,
                        root: head.root,
                    });
                }
            }
        }
        claims.sort_by_key(|c| c.size);
        Ok(claims)
    }

    /// Names the entries that refer to each damaged blob.
    async fn locate_damaged_blobs(&self, damaged: Vec<Damaged>) -> Result<Vec<Problem>> {
        let mut problems = Vec::new();
        for (_, _, sha, problem) in damaged {
            let kind = match problem {
                RecordProblem::Altered { .. } | RecordProblem::HeaderMismatch { .. } => {
                    "blob_altered"
                }
                _ => "blob_missing",
            };
            let entries = self.store.entries_with_blob(&sha).await?;
            let list: Vec<String> = entries.iter().map(u64::to_string).collect();
            let mut p = Problem::new(
                kind,
                format!("blob {sha} (entry {}): {problem}", list.join(", ")),
            )
            .blob(&sha);
            p.entry = entries.first().copied();
            problems.push(p);
        }
        Ok(problems)
    }
}

/// Checks one entry's own bytes and columns; returns the entry when it could be read.
fn check_entry(stored: &EntryRef<'_>, leaf: &Hash, problems: &mut Vec<Problem>) -> Option<Entry> {
    let seq = stored.seq;
    if leaf.as_slice() != stored.leaf_hash {
        problems.push(
            Problem::new(
                "entry_altered",
                format!("entry {seq}: its bytes no longer match the leaf hash recorded when it was written"),
            )
            .entry(seq),
        );
    }
    let entry = match Entry::decode(stored.body) {
        Ok(entry) => entry,
        Err(e) => {
            problems.push(Problem::new("entry_malformed", format!("entry {seq}: {e}")).entry(seq));
            return None;
        }
    };
    if entry.seq() != seq {
        problems.push(
            Problem::new(
                "entry_out_of_order",
                format!(
                    "position {seq} of the log holds the entry written as number {} (entries were inserted, removed or reordered)",
                    entry.seq()
                ),
            )
            .entry(seq),
        );
    }
    if entry.kind() != stored.kind {
        problems.push(
            Problem::new(
                "entry_altered",
                format!(
                    "entry {seq}: kind column says {:?}, the entry says {:?}",
                    stored.kind,
                    entry.kind()
                ),
            )
            .entry(seq),
        );
    }
    let named = entry.blob();
    if stored.blob.and_then(Sha256::from_slice) != named {
        let mut problem = Problem::new(
            "entry_altered",
            format!("entry {seq}: the blob column does not match the blob the entry names"),
        )
        .entry(seq);
        if let Some(sha) = &named {
            problem = problem.blob(sha);
        }
        problems.push(problem);
    }
    Some(entry)
}

/// Replays the log from the entry bytes and compares it with what is stored and signed, while
/// the blob index is walked alongside it: its rows are paired with the entries' references and
/// handed, page by page, to a blob thread that re-reads and re-hashes the records (or hashed here
/// when that thread is behind, so that both cores stay busy). Blocking: runs on a thread of its
/// own.
fn check_log(
    snapshot: &Snapshot,
    dir: &Path,
    claims: Vec<Claim>,
    mut report: VerifyReport,
) -> Result<LogFindings> {
    let (queue, pages) = std::sync::mpsc::sync_channel::<Vec<BlobLocation>>(BLOB_QUEUE);
    let blob_dir = dir.to_path_buf();
    let blob_thread = std::thread::spawn(move || {
        let mut hasher = BlobHasher::new(&blob_dir);
        while let Ok(page) = pages.recv() {
            hasher.check(&page);
        }
        hasher
    });
    let mut index = IndexWalk {
        snapshot,
        after: 0,
        done: false,
        ahead: VecDeque::new(),
        queue,
        own: BlobHasher::new(dir),
        prefetched: (0, 0),
    };
    let mut pairing = Pairing::default();
    let mut links = ReplyLinks::default();
    let walked = replay(
        snapshot,
        &claims,
        &mut report,
        &mut index,
        &mut pairing,
        &mut links,
    );
    let (own, queue) = (index.own, index.queue);
    drop(queue);
    let other = blob_thread
        .join()
        .map_err(|_| AppError::Invalid("the blob check thread failed".into()))?;
    walked?;
    report.blobs = own.count + other.count;
    report.bytes = own.bytes + other.bytes;
    let mut damaged = own.damaged;
    damaged.extend(other.damaged);
    // Reported in segment order, whichever hasher found them.
    damaged.sort_by_key(|(segment, offset, _, _)| (*segment, *offset));
    tracing::debug!("verify: log replayed and blobs hashed");
    Ok(LogFindings {
        report,
        answers: links.answers,
        references_paired: pairing.complete(),
        damaged,
    })
}

/// The replay proper (see [`check_log`]).
fn replay(
    snapshot: &Snapshot,
    claims: &[Claim],
    report: &mut VerifyReport,
    index: &mut IndexWalk<'_>,
    pairing: &mut Pairing,
    links: &mut ReplyLinks,
) -> Result<()> {
    let mut frontier = Frontier::new();
    let mut stored_nodes = StoredNodes {
        levels: HashMap::new(),
    };
    let mut expected_seq = 1u64;
    let mut after = 0u64;
    let mut next_claim = 0usize;
    let mut tree_trusted = true;
    let mut page = EntryPage::default();
    loop {
        snapshot.entries_after(after, ENTRY_PAGE, &mut page)?;
        let Some(last) = page.last_seq() else { break };
        after = last;
        for stored in page.iter() {
            report.entries += 1;
            if stored.seq > expected_seq {
                let (from, to) = (expected_seq, stored.seq - 1);
                let what = if from == to {
                    format!("entry {from} is missing from the log (deleted)")
                } else {
                    format!("entries {from} to {to} are missing from the log (deleted)")
                };
                report
                    .problems
                    .push(Problem::new("entry_missing", what).entry(from));
                // The tree can no longer be compared node by node; the checkpoints still tell.
                tree_trusted = false;
            }
            expected_seq = stored.seq + 1;
            if let Some(reference) = stored.blob {
                // `received` and `sending` entries bring their bytes into the blob store.
                if stored.kind == "received" || stored.kind == "sending" {
                    pairing.pair(reference, index.next()?.as_ref());
                } else {
                    pairing.look_up(reference, |r| Ok(snapshot.blob_indexed(r)?))?;
                }
            }
            let leaf = merkle::leaf_hash(stored.body);
            if let Some(entry) = check_entry(&stored, &leaf, &mut report.problems) {
                links.see(&entry, &mut report.problems);
            }
            let size = frontier.size() + 1;
            for (level, index, hash) in frontier.push(leaf) {
                if !tree_trusted || level < mailward_store::STORED_MIN_LEVEL {
                    continue;
                }
                let (first, last) = ((index << level) + 1, (index + 1) << level);
                match stored_nodes.take(snapshot, level, index)? {
                    Some(h) if h.as_slice() == hash.as_slice() => {}
                    Some(_) => report.problems.push(
                        Problem::new(
                            "tree_mismatch",
                            format!("the stored tree node over entries {first} to {last} differs from the one recomputed from the entries"),
                        )
                        .entry(first),
                    ),
                    None => report.problems.push(
                        Problem::new("tree_mismatch", format!("the stored tree has no node over entries {first} to {last}"))
                            .entry(first),
                    ),
                }
            }
            while let Some(claim) = claims.get(next_claim).filter(|c| c.size == size) {
                if claim.root != frontier.root() {
                    report.problems.push(
                        Problem::new(
                            "checkpoint_mismatch",
                            format!(
                                "checkpoint {} signed a log of {} entries whose root differs from the one recomputed now: \
                                 entries 1 to {} were changed, inserted, removed or reordered since it was signed",
                                claim.label, claim.size, claim.size
                            ),
                        )
                        .checkpoint(&claim.label),
                    );
                } else {
                    report.checkpointed_size = report.checkpointed_size.max(claim.size);
                }
                next_claim += 1;
            }
        }
    }
    // Index rows beyond the last entry's partner.
    while let Some(sha) = index.next()? {
        pairing.row(&sha);
    }
    let size = frontier.size();
    for claim in &claims[next_claim..] {
        if claim.size == 0 {
            if claim.root != merkle::empty_root() {
                report.problems.push(
                    Problem::new(
                        "checkpoint_mismatch",
                        format!(
                            "checkpoint {} of an empty log has a wrong root",
                            claim.label
                        ),
                    )
                    .checkpoint(&claim.label),
                );
            }
            continue;
        }
        report.problems.push(
            Problem::new(
                "log_rolled_back",
                format!(
                    "checkpoint {} covers {} entries but the log now ends at {size}: entries {} to {} are gone (the log was rolled back)",
                    claim.label,
                    claim.size,
                    size + 1,
                    claim.size
                ),
            )
            .checkpoint(&claim.label),
        );
    }
    if tree_trusted {
        // Stored nodes beyond what the log completes mean entries were cut from its end.
        for (level, count) in snapshot.node_counts()? {
            let expected = if level >= 64 { 0 } else { size >> level };
            if count > expected {
                report.problems.push(
                    Problem::new(
                        "entry_missing",
                        format!("the stored tree covers entries after {size}, which are gone from the log"),
                    )
                    .entry(size + 1),
                );
                break;
            }
        }
    }
    report.tree_size = size;
    report.root = hex::encode(frontier.root());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sha(i: u8) -> Sha256 {
        Sha256::of(&[i])
    }

    /// Pairs `references` (entries in log order) with `rows` (the index in its order) the way
    /// the walk does and says whether everything paired off.
    fn pairs(references: &[&[u8]], rows: &[Sha256]) -> bool {
        let mut pairing = Pairing::default();
        let mut rows = rows.iter();
        for reference in references {
            pairing.pair(reference, rows.next());
        }
        for row in rows {
            pairing.row(row);
        }
        pairing.complete()
    }

    #[test]
    fn pairing_agrees_with_the_join_queries() {
        let (a, b, c, d) = (sha(1), sha(2), sha(3), sha(4));
        let r = |s: &Sha256| s.as_bytes().to_vec();
        let (ra, rb, rc, rd) = (r(&a), r(&b), r(&c), r(&d));
        // In step, as mailward writes them.
        assert!(pairs(&[&ra, &rb, &rc], &[a, b, c]));
        assert!(pairs(&[], &[]));
        // Another order is still a one-to-one match.
        assert!(pairs(&[&ra, &rb, &rc, &rd], &[b, d, a, c]));
        assert!(pairs(&[&rc, &rb, &ra], &[a, b, c]));
        // An index row missing, an entry missing, an extra row, a foreign one.
        assert!(!pairs(&[&ra, &rb, &rc], &[a, c]));
        assert!(!pairs(&[&ra, &rc], &[a, b, c]));
        assert!(!pairs(&[&ra, &rb], &[a, b, d]));
        assert!(!pairs(&[&ra, &rb, &rd], &[a, b, c]));
        // Two entries naming one blob (an entry copied): the database decides.
        assert!(!pairs(&[&ra, &ra, &rb], &[a, b]));
        // A reference that is not 32 bytes never pairs.
        assert!(!pairs(&[&ra, &ra[..31]], &[a, b]));
    }

    #[test]
    fn references_of_other_kinds_are_looked_up() {
        let (a, b, c) = (sha(1), sha(2), sha(3));
        let index = [a, b, c];
        let in_index = |r: &[u8]| Ok(index.iter().any(|s| s.as_bytes().as_slice() == r));
        let asked = std::cell::Cell::new(0);
        let counted = |r: &[u8]| {
            asked.set(asked.get() + 1);
            in_index(r)
        };
        // received a, sorted a, received b, removed a, received c: paired recently, no lookup.
        let mut pairing = Pairing::default();
        pairing.pair(a.as_bytes(), Some(&a));
        pairing.look_up(a.as_bytes(), counted).unwrap();
        pairing.pair(b.as_bytes(), Some(&b));
        pairing.look_up(a.as_bytes(), counted).unwrap();
        pairing.pair(c.as_bytes(), Some(&c));
        assert!(pairing.complete());
        assert_eq!(asked.get(), 0);

        // A reference to a blob paired long ago is asked of the index.
        let mut pairing = Pairing::default();
        pairing.pair(a.as_bytes(), Some(&a));
        pairing.recent = Default::default();
        pairing.look_up(a.as_bytes(), counted).unwrap();
        assert_eq!(asked.get(), 1);
        assert!(pairing.complete());
        // One that is not in the index leaves the verdict to the join queries.
        pairing.look_up(sha(9).as_bytes(), in_index).unwrap();
        assert!(!pairing.complete());
        let mut pairing = Pairing::default();
        pairing.look_up(&a.as_bytes()[..5], in_index).unwrap();
        assert!(!pairing.complete());
        // The ring keeps the last RECENT addresses only.
        let mut pairing = Pairing::default();
        for i in 0..RECENT as u64 + 10 {
            let s = Sha256::of(&i.to_be_bytes());
            pairing.pair(s.as_bytes(), Some(&s));
        }
        assert_eq!(pairing.recent.0.len(), RECENT);
        assert_eq!(pairing.recent.1.len(), RECENT);
        assert!(!pairing.recent.1.contains(&Sha256::of(&0u64.to_be_bytes())));
    }

    #[test]
    fn pairing_gives_up_when_too_much_is_left_unpaired() {
        let mut pairing = Pairing::default();
        for i in 0..=MAX_UNPAIRED as u64 {
            pairing.reference(&i.to_be_bytes());
        }
        assert!(pairing.given_up);
        assert!(pairing.entries.is_empty());
        assert!(!pairing.complete());
        // It stays given up: nothing it saw afterwards can complete it.
        pairing.row(&sha(1));
        assert!(!pairing.complete());
    }
}
