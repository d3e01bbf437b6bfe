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
//! The blob check runs on a thread of its own while the log check runs, since one is bound by
//! reading and hashing bytes and the other by the database and JSON. Tampering is a finding, not an
//! error: problems are collected into a [`VerifyReport`] with stable `kind` ids.

use crate::archive::Archive;
use crate::{AppError, Result, keys};
use mailward_evidence::Sha256;
use mailward_evidence::checkpoint;
use mailward_evidence::entry::Entry;
use mailward_evidence::merkle::{self, Frontier, Hash};
use mailward_store::segment::{RecordProblem, SegmentReader};
use mailward_store::{BlobLocation, StoredEntry};
use serde::Serialize;
use std::collections::{HashMap, VecDeque};

/// Rows per page when walking the log, the tree and the blob index.
const PAGE: u32 = 5000;

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

/// What the blob check found: blobs read, bytes hashed, and the damaged ones.
type BlobFindings = (u64, u64, Vec<(Sha256, RecordProblem)>);

/// The stored tree nodes, walked with one cursor per level as the replay completes them.
struct StoredNodes {
    levels: HashMap<u32, LevelCursor>,
}

impl StoredNodes {
    async fn take(&mut self, archive: &Archive, level: u32, index: u64) -> Result<Option<Vec<u8>>> {
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
                    let page = archive
                        .store
                        .nodes_at_level(level, (*next).max(index), PAGE)
                        .await?;
                    if (page.len() as u32) < PAGE {
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

impl Archive {
    /// Verifies the whole archive. `extra` are checkpoint notes kept outside the archive (for
    /// example printed or mailed to the legal department when they were signed): they catch a
    /// rollback even if the stored checkpoints were removed too.
    pub async fn verify(&self, extra: &[(String, String)]) -> Result<VerifyReport> {
        let started = std::time::Instant::now();
        let mut report = VerifyReport::default();
        let claims = self.check_checkpoints(extra, &mut report).await?;
        let (tx, rx) = tokio::sync::mpsc::channel::<Vec<BlobLocation>>(4);
        let hasher = self.spawn_blob_check(rx);
        // The log check and the walk of the blob index run side by side on two database
        // connections; the hashing runs on its own thread.
        let (log, fed) = tokio::join!(self.check_log(claims, &mut report), self.feed_blobs(tx));
        let (count, bytes, damaged) = hasher
            .join()
            .map_err(|_| AppError::Invalid("the blob check thread failed".into()))?;
        tracing::debug!(
            "verify: log and blob checks done after {:?}",
            started.elapsed()
        );
        log?;
        fed?;
        let problems = self.locate_damaged_blobs(damaged).await?;
        report.blobs = count;
        report.bytes = bytes;
        report.problems.extend(problems);
        for seq in self.store.entries_without_blob().await? {
            report.problems.push(
                Problem::new(
                    "blob_missing",
                    format!("entry {seq}: its raw mail is not in the blob index"),
                )
                .entry(seq),
            );
        }
        tracing::debug!(
            "verify: blob references checked after {:?}",
            started.elapsed()
        );
        for sha in self.store.unreferenced_blobs().await? {
            report.problems.push(
                Problem::new(
                    "blob_unreferenced",
                    format!("blob {sha} is in the index but no entry refers to it (added behind mailward's back?)"),
                )
                .blob(&sha),
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

    /// Checks one entry's own bytes and columns.
    fn check_entry(stored: &StoredEntry, leaf: &Hash, problems: &mut Vec<Problem>) {
        let seq = stored.seq;
        if leaf.as_slice() != stored.leaf_hash.as_slice() {
            problems.push(
                Problem::new(
                    "entry_altered",
                    format!("entry {seq}: its bytes no longer match the leaf hash recorded when it was written"),
                )
                .entry(seq),
            );
        }
        let entry = match Entry::decode(&stored.body) {
            Ok(entry) => entry,
            Err(e) => {
                problems
                    .push(Problem::new("entry_malformed", format!("entry {seq}: {e}")).entry(seq));
                return;
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
        if stored.blob.as_deref().and_then(Sha256::from_slice) != named {
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
    }

    /// Replays the log from the entry bytes and compares it with what is stored and signed.
    async fn check_log(&self, claims: Vec<Claim>, report: &mut VerifyReport) -> Result<()> {
        let mut frontier = Frontier::new();
        let mut stored_nodes = StoredNodes {
            levels: HashMap::new(),
        };
        let mut expected_seq = 1u64;
        let mut after = 0u64;
        let mut next_claim = 0usize;
        let mut tree_trusted = true;
        loop {
            let page = self.store.entries_after(after, PAGE).await?;
            let Some(last) = page.last() else { break };
            after = last.seq;
            for stored in &page {
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
                let leaf = merkle::leaf_hash(&stored.body);
                Self::check_entry(stored, &leaf, &mut report.problems);
                let size = frontier.size() + 1;
                for (level, index, hash) in frontier.push(leaf) {
                    if !tree_trusted || level < mailward_store::STORED_MIN_LEVEL {
                        continue;
                    }
                    let (first, last) = ((index << level) + 1, (index + 1) << level);
                    match stored_nodes.take(self, level, index).await? {
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
            for (level, count) in self.store.node_counts().await? {
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
        tracing::debug!("verify: log replayed");
        Ok(())
    }

    /// Walks the blob index in segment order and hands it to the blob check page by page.
    async fn feed_blobs(&self, tx: tokio::sync::mpsc::Sender<Vec<BlobLocation>>) -> Result<()> {
        let mut cursor = (0u64, 0u64);
        loop {
            let page = self.store.blobs_after(cursor, PAGE).await?;
            let Some(last) = page.last() else { break };
            cursor = (last.segment, last.offset);
            if tx.send(page).await.is_err() {
                break;
            }
        }
        Ok(())
    }

    /// Re-reads and re-hashes blobs on a thread of its own, in segment order so that reads are
    /// sequential.
    fn spawn_blob_check(
        &self,
        mut rx: tokio::sync::mpsc::Receiver<Vec<BlobLocation>>,
    ) -> std::thread::JoinHandle<BlobFindings> {
        let dir = self.store.blob_dir();
        std::thread::spawn(move || {
            let mut reader = SegmentReader::new(&dir);
            let (mut count, mut bytes) = (0u64, 0u64);
            let mut damaged = Vec::new();
            while let Some(page) = rx.blocking_recv() {
                for loc in page {
                    count += 1;
                    match reader.read(loc.segment, loc.offset, &loc.sha256, loc.size, |_| ()) {
                        Ok(()) => bytes += loc.size,
                        Err(problem) => damaged.push((loc.sha256, problem)),
                    }
                }
            }
            tracing::debug!("verify: blobs hashed");
            (count, bytes, damaged)
        })
    }

    /// Names the entries that refer to each damaged blob.
    async fn locate_damaged_blobs(
        &self,
        damaged: Vec<(Sha256, RecordProblem)>,
    ) -> Result<Vec<Problem>> {
        let mut problems = Vec::new();
        for (sha, problem) in damaged {
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
