//! `mailward verify`: recompute everything that the evidence claims and locate every difference.
//!
//! Three passes, each reading the archive once in its stored order so that memory stays flat:
//! 1. the log: every entry's bytes against its leaf hash, its sequence number against its
//!    position, the blob it names against the blob index, and the recomputed Merkle tree against
//!    the stored tree nodes and every checkpoint's root (stored ones and any given by the user);
//! 2. the checkpoints: each signature against the archive's key, and no checkpoint beyond the end
//!    of the log (a rollback);
//! 3. the blobs: every record re-read from its segment and re-hashed.
//!
//! Tampering is a finding, not an error: problems are collected into a [`VerifyReport`] with
//! stable `kind` ids that scripts can rely on.

use crate::archive::Archive;
use crate::{Result, keys};
use mailward_evidence::Sha256;
use mailward_evidence::checkpoint;
use mailward_evidence::entry::Entry;
use mailward_evidence::merkle::{self, Frontier, Hash};
use mailward_store::segment::SegmentReader;
use serde::Serialize;
use std::collections::BTreeMap;

/// One located problem.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Problem {
    /// Stable id: `entry_altered`, `entry_malformed`, `entry_missing`, `entry_out_of_order`,
    /// `tree_mismatch`, `checkpoint_mismatch`, `checkpoint_bad_signature`, `log_rolled_back`,
    /// `blob_altered`, `blob_missing`, `blob_unreferenced`.
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
    /// Entries covered by the newest valid checkpoint.
    pub checkpointed_size: u64,
    /// Recomputed tree size.
    pub tree_size: u64,
    /// Recomputed root (hex).
    pub root: String,
    /// Everything wrong, in the order found.
    pub problems: Vec<Problem>,
}

impl VerifyReport {
    fn problem(
        &mut self,
        kind: &'static str,
        entry: Option<u64>,
        blob: Option<String>,
        checkpoint: Option<String>,
        message: String,
    ) {
        self.problems.push(Problem {
            kind,
            entry,
            blob,
            checkpoint,
            message,
        });
    }
}

/// A checkpoint to compare against: its label and the head it claims.
struct Claim {
    label: String,
    size: u64,
    root: Hash,
}

impl Archive {
    /// Verifies the whole archive. `extra` are checkpoint notes kept outside the archive (for
    /// example printed or mailed to the legal department when they were signed): they catch a
    /// rollback even if the stored checkpoints were removed too.
    pub async fn verify(&self, extra: &[(String, String)]) -> Result<VerifyReport> {
        let mut report = VerifyReport::default();
        let key = keys::load_or_create(self.store.dir())?;
        let public = key.public();

        // Pass 2 first in code, since the log pass needs the claims: read and check checkpoints.
        let mut claims: Vec<Claim> = Vec::new();
        let stored = self.store.checkpoints().await?;
        for cp in &stored {
            report.checkpoints += 1;
            let label = cp.id.to_string();
            match checkpoint::verify(&cp.note, &key.name, &public) {
                Err(e) => report.problem(
                    "checkpoint_bad_signature",
                    None,
                    None,
                    Some(label),
                    format!("checkpoint {} (signed at {}): {e}", cp.id, cp.signed_at),
                ),
                Ok(head) => {
                    if head.size != cp.tree_size || head.root.as_slice() != cp.root.as_slice() {
                        report.problem(
                            "checkpoint_mismatch",
                            None,
                            None,
                            Some(label.clone()),
                            format!(
                                "checkpoint {}: the stored size/root columns differ from the signed note (note: {} entries)",
                                cp.id, head.size
                            ),
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
        for (label, note) in extra {
            report.checkpoints += 1;
            match checkpoint::verify(note, &key.name, &public) {
                Err(e) => report.problem(
                    "checkpoint_bad_signature",
                    None,
                    None,
                    Some(label.clone()),
                    format!("given checkpoint {label}: {e}"),
                ),
                Ok(head) => claims.push(Claim {
                    label: label.clone(),
                    size: head.size,
                    root: head.root,
                }),
            }
        }
        claims.sort_by_key(|c| c.size);

        // Pass 1: the log.
        let mut frontier = Frontier::new();
        let mut expected_seq = 1u64;
        let mut after = 0u64;
        let mut node_cursor = (0u64, 0u32);
        let mut pending_nodes: BTreeMap<(u64, u32), Vec<u8>> = BTreeMap::new();
        let mut nodes_exhausted = false;
        let mut next_claim = 0usize;
        let mut tree_trusted = true;
        loop {
            let page = self.store.entries_after(after, 5000).await?;
            let Some(last) = page.last() else { break };
            after = last.seq;
            for stored in &page {
                report.entries += 1;
                if stored.seq > expected_seq {
                    let (from, to) = (expected_seq, stored.seq - 1);
                    report.problem(
                        "entry_missing",
                        Some(from),
                        None,
                        None,
                        if from == to {
                            format!("entry {from} is missing from the log (deleted)")
                        } else {
                            format!("entries {from} to {to} are missing from the log (deleted)")
                        },
                    );
                    tree_trusted = false;
                }
                expected_seq = stored.seq + 1;
                let leaf = merkle::leaf_hash(&stored.body);
                if leaf.as_slice() != stored.leaf_hash.as_slice() {
                    report.problem(
                        "entry_altered",
                        Some(stored.seq),
                        None,
                        None,
                        format!("entry {}: its bytes no longer match the leaf hash recorded when it was written", stored.seq),
                    );
                }
                match Entry::decode(&stored.body) {
                    Err(e) => report.problem(
                        "entry_malformed",
                        Some(stored.seq),
                        None,
                        None,
                        format!("entry {}: {e}", stored.seq),
                    ),
                    Ok(entry) => {
                        if entry.seq() != stored.seq {
                            report.problem(
                                "entry_out_of_order",
                                Some(stored.seq),
                                None,
                                None,
                                format!(
                                    "position {} of the log holds the entry written as number {} (entries were inserted, removed or reordered)",
                                    stored.seq,
                                    entry.seq()
                                ),
                            );
                        }
                        if entry.kind() != stored.kind {
                            report.problem(
                                "entry_altered",
                                Some(stored.seq),
                                None,
                                None,
                                format!(
                                    "entry {}: kind column says {:?}, the entry says {:?}",
                                    stored.seq,
                                    stored.kind,
                                    entry.kind()
                                ),
                            );
                        }
                        let Entry::Received(r) = &entry;
                        let column = stored.blob.as_deref().and_then(Sha256::from_slice);
                        if column != Some(r.sha256) {
                            report.problem(
                                "entry_altered",
                                Some(stored.seq),
                                Some(r.sha256.to_hex()),
                                None,
                                format!("entry {}: the blob column does not match the blob the entry names", stored.seq),
                            );
                        }
                        match stored.blob_size {
                            None => report.problem(
                                "blob_missing",
                                Some(stored.seq),
                                Some(r.sha256.to_hex()),
                                None,
                                format!(
                                    "entry {}: its raw mail {} is not in the blob index",
                                    stored.seq, r.sha256
                                ),
                            ),
                            Some(size) if size != r.size => report.problem(
                                "blob_altered",
                                Some(stored.seq),
                                Some(r.sha256.to_hex()),
                                None,
                                format!(
                                    "entry {}: the blob index says {size} bytes, the entry {}",
                                    stored.seq, r.size
                                ),
                            ),
                            Some(_) => {}
                        }
                    }
                }
                // Replay the tree from the bytes as they are now.
                let computed = frontier.push(leaf);
                let size = frontier.size();
                if tree_trusted {
                    for (level, index, hash) in computed {
                        let done = (index + 1) << level;
                        // Pull stored nodes up to this completion point.
                        while !nodes_exhausted && node_cursor < (done, level) {
                            let page = self.store.nodes_after(node_cursor, 5000).await?;
                            if page.is_empty() {
                                nodes_exhausted = true;
                            }
                            for n in page {
                                let key = ((n.index + 1) << n.level, n.level);
                                node_cursor = key;
                                pending_nodes.insert(key, n.hash);
                            }
                        }
                        match pending_nodes.remove(&(done, level)) {
                            Some(stored_hash) if stored_hash.as_slice() == hash.as_slice() => {}
                            Some(_) => {
                                report.problem(
                                    "tree_mismatch",
                                    Some(size),
                                    None,
                                    None,
                                    format!(
                                        "the stored tree node over entries {} to {} differs from the one recomputed from the entries",
                                        (index << level) + 1,
                                        (index + 1) << level
                                    ),
                                );
                            }
                            None => report.problem(
                                "tree_mismatch",
                                Some(size),
                                None,
                                None,
                                format!(
                                    "the stored tree has no node over entries {} to {}",
                                    (index << level) + 1,
                                    (index + 1) << level
                                ),
                            ),
                        }
                    }
                }
                while next_claim < claims.len() && claims[next_claim].size == size {
                    let claim = &claims[next_claim];
                    if claim.root != frontier.root() {
                        report.problem(
                            "checkpoint_mismatch",
                            None,
                            None,
                            Some(claim.label.clone()),
                            format!(
                                "checkpoint {} signed a log of {} entries whose root differs from the one recomputed now: \
                                 entries 1 to {} were changed, inserted, removed or reordered since it was signed",
                                claim.label, claim.size, claim.size
                            ),
                        );
                    } else {
                        report.checkpointed_size = report.checkpointed_size.max(claim.size);
                    }
                    next_claim += 1;
                }
            }
        }
        while next_claim < claims.len() {
            let claim = &claims[next_claim];
            if claim.size == 0 {
                if claim.root != merkle::empty_root() {
                    report.problem(
                        "checkpoint_mismatch",
                        None,
                        None,
                        Some(claim.label.clone()),
                        format!(
                            "checkpoint {} of an empty log has a wrong root",
                            claim.label
                        ),
                    );
                }
            } else {
                report.problem(
                    "log_rolled_back",
                    None,
                    None,
                    Some(claim.label.clone()),
                    format!(
                        "checkpoint {} covers {} entries but the log now ends at {}: entries {} to {} are gone (the log was rolled back)",
                        claim.label,
                        claim.size,
                        frontier.size(),
                        frontier.size() + 1,
                        claim.size
                    ),
                );
            }
            next_claim += 1;
        }
        if tree_trusted {
            // Stored nodes beyond the replayed log mean entries were cut from its end.
            let leftover = !pending_nodes.is_empty()
                || !self.store.nodes_after(node_cursor, 1).await?.is_empty();
            if leftover {
                report.problem(
                    "entry_missing",
                    Some(frontier.size() + 1),
                    None,
                    None,
                    format!(
                        "the stored tree covers entries after {}, which are gone from the log",
                        frontier.size()
                    ),
                );
            }
        }
        report.tree_size = frontier.size();
        report.root = hex::encode(frontier.root());

        // Pass 3: the blobs.
        let mut reader = SegmentReader::new(&self.store.blob_dir());
        let mut cursor = (0u64, 0u64);
        let mut damaged: Vec<(Sha256, String, &'static str)> = Vec::new();
        loop {
            let page = self.store.blobs_after(cursor, 5000).await?;
            let Some(last) = page.last() else { break };
            cursor = (last.segment, last.offset);
            for loc in &page {
                report.blobs += 1;
                match reader.read(loc.segment, loc.offset, &loc.sha256, loc.size, |_| ()) {
                    Ok(()) => report.bytes += loc.size,
                    Err(problem) => {
                        let kind = match problem {
                            mailward_store::segment::RecordProblem::Altered { .. }
                            | mailward_store::segment::RecordProblem::HeaderMismatch { .. } => {
                                "blob_altered"
                            }
                            _ => "blob_missing",
                        };
                        damaged.push((loc.sha256, problem.to_string(), kind));
                    }
                }
            }
        }
        for (sha, what, kind) in damaged {
            let entries = self.store.entries_with_blob(&sha).await?;
            let list: Vec<String> = entries.iter().map(u64::to_string).collect();
            report.problem(
                kind,
                entries.first().copied(),
                Some(sha.to_hex()),
                None,
                format!("blob {sha} (entry {}): {what}", list.join(", ")),
            );
        }
        for sha in self.store.unreferenced_blobs().await? {
            report.problem(
                "blob_unreferenced",
                None,
                Some(sha.to_hex()),
                None,
                format!("blob {sha} is in the index but no entry refers to it (added behind mailward's back?)"),
            );
        }
        report.ok = report.problems.is_empty();
        Ok(report)
    }
}
