//! The durable side of mailward: the only crate that speaks SQL or writes blob segments.
//!
//! It stores what the pure crates compute (entry bytes, tree nodes, checkpoint notes) and never
//! decides anything: which entries to write, and what they say, is `mailward-app`'s business. All
//! SQL lives here and is written once for SQLite (the embedded default) and PostgreSQL (scale-out,
//! a later step), with `$N` placeholders and plain integer, text and blob columns, so that backend
//! differences stay inside [`backend`]. The exception is [`Snapshot`]: verify's whole-table reads,
//! stepped on a read-only SQLite connection of their own instead of through sqlx's per-row
//! channel (see that module).

#![forbid(unsafe_code)]

mod backend;
mod imap;
pub mod segment;
mod snapshot;
mod writer;

use mailward_evidence::Sha256;
use mailward_evidence::merkle::Hash;
use segment::{RecordProblem, SegmentReader};
use sqlx::AnyPool;
use sqlx::Row as _;
use sqlx::any::AnyRow;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

pub use imap::{ImapMail, ImapPlacement, SourceStatus};
pub use snapshot::{EntryPage, EntryRef, Snapshot};
pub use writer::{Append, MessageRow, NewBlob, TopicRow, Writer};

/// What went wrong while storing or reading; always names the part of the archive concerned.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database refused or failed a statement.
    #[error("database error")]
    Database(#[from] sqlx::Error),
    /// A file of the data directory could not be read or written.
    #[error("{what}")]
    Io {
        /// What was being done, naming the file.
        what: String,
        /// The operating system's error.
        source: std::io::Error,
    },
    /// A read of a [`Snapshot`] failed.
    #[error("database error (snapshot read): {0}")]
    Snapshot(String),
    /// A stored value does not have the shape the schema promises (a tampered or damaged row).
    #[error("corrupt row: {0}")]
    Corrupt(String),
    /// The caller broke the writer's contract (a bug in mailward, reported instead of a panic).
    #[error("invalid append: {0}")]
    InvalidAppend(String),
    /// A blob could not be read back intact.
    #[error("blob {sha256}: {problem}")]
    Blob {
        /// The blob's address.
        sha256: Sha256,
        /// What is wrong with it.
        problem: RecordProblem,
    },
}

/// The lowest tree level kept in `tree_nodes`. Subtrees of fewer leaves are cheaper to fold
/// from the leaf hashes (at most 8) than to store, read and verify as rows: this keeps the stored
/// tree at about n/16 rows, while a proof still costs O(log n) reads.
pub const STORED_MIN_LEVEL: u32 = 4;

/// Shorthand for results of this crate.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;

pub(crate) fn io_error(what: impl Into<String>) -> impl FnOnce(std::io::Error) -> StoreError {
    let what = what.into();
    move |source| StoreError::Io { what, source }
}

/// An entry as stored.
#[derive(Clone, Debug)]
pub struct StoredEntry {
    /// The row's sequence number (the primary key, not the one inside the bytes).
    pub seq: u64,
    /// The row's kind column.
    pub kind: String,
    /// The exact stored bytes.
    pub body: Vec<u8>,
    /// The stored leaf hash.
    pub leaf_hash: Vec<u8>,
    /// The blob address column (a copy of what the body says, for joins).
    pub blob: Option<Vec<u8>>,
}

/// Where a blob's record is.
#[derive(Clone, Debug)]
pub struct BlobLocation {
    /// The blob's address.
    pub sha256: Sha256,
    /// Its length.
    pub size: u64,
    /// Segment file number.
    pub segment: u64,
    /// Record offset in the segment.
    pub offset: u64,
}

/// A persisted perfect-subtree hash.
#[derive(Clone, Debug)]
pub struct StoredNode {
    /// Level above the leaves (>= 1; leaves live in `entries`).
    pub level: u32,
    /// Index at that level.
    pub index: u64,
    /// The stored hash bytes.
    pub hash: Vec<u8>,
}

/// A stored signed tree head.
#[derive(Clone, Debug)]
pub struct StoredCheckpoint {
    /// Row id, in the order checkpoints were written.
    pub id: u64,
    /// Tree size the row claims.
    pub tree_size: u64,
    /// Root the row claims.
    pub root: Vec<u8>,
    /// When it was signed (RFC 3339).
    pub signed_at: String,
    /// The signed note text.
    pub note: String,
}

/// An open data directory: the database and the blob segments.
pub struct Store {
    pool: AnyPool,
    dir: PathBuf,
}

/// An `entries` row (`seq, kind, body, leaf_hash, blob`) as read back.
fn stored_entry(r: &AnyRow) -> Result<StoredEntry> {
    Ok(StoredEntry {
        seq: unsigned(r, "seq")?,
        kind: r.try_get("kind")?,
        body: r.try_get("body")?,
        leaf_hash: r.try_get("leaf_hash")?,
        blob: r.try_get("blob")?,
    })
}

/// Converts a stored integer to the unsigned value it encodes; negative values mean damage.
pub(crate) fn unsigned(row: &AnyRow, column: &str) -> Result<u64> {
    let v: i64 = row.try_get(column)?;
    u64::try_from(v).map_err(|_| StoreError::Corrupt(format!("{column} = {v} is negative")))
}

fn hash_column(row: &AnyRow, column: &str) -> Result<Hash> {
    let v: Vec<u8> = row.try_get(column)?;
    v.try_into()
        .map_err(|v: Vec<u8>| StoreError::Corrupt(format!("{column} is {} bytes, not 32", v.len())))
}

fn sha_column(row: &AnyRow, column: &str) -> Result<Sha256> {
    let v: Vec<u8> = row.try_get(column)?;
    Sha256::from_slice(&v)
        .ok_or_else(|| StoreError::Corrupt(format!("{column} is {} bytes, not 32", v.len())))
}

impl Store {
    /// Opens (creating on first use) the data directory and brings its schema up to date.
    pub async fn open(dir: &Path) -> Result<Store> {
        std::fs::create_dir_all(dir.join("blobs")).map_err(io_error(format!(
            "creating data directory {}",
            dir.display()
        )))?;
        // Two processes opening a new data directory at once must not both create the schema:
        // the migration runs under a lock of its own (readers never wait on the writer lock).
        let lock_path = dir.join("migrate.lock");
        let lock = std::fs::File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(io_error(format!("opening {}", lock_path.display())))?;
        lock.lock()
            .map_err(io_error(format!("locking {}", lock_path.display())))?;
        let pool = backend::connect_sqlite(&dir.join("mailward.sqlite")).await?;
        backend::migrate(&pool).await?;
        drop(lock);
        Ok(Store {
            pool,
            dir: dir.to_path_buf(),
        })
    }

    /// The data directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The folder holding blob segments.
    pub fn blob_dir(&self) -> PathBuf {
        self.dir.join("blobs")
    }

    /// Opens a read-only [`Snapshot`] of the evidence tables for walking them whole. Blocking:
    /// call it from a thread of its own.
    pub fn snapshot(&self) -> Result<Snapshot> {
        Snapshot::open(&self.dir.join("mailward.sqlite"))
    }

    /// Takes the single-writer lock and prepares to append.
    pub async fn writer(&self) -> Result<Writer<'_>> {
        Writer::open(self).await
    }

    /// Number of entries in the log.
    pub async fn log_size(&self) -> Result<u64> {
        let row = sqlx::query("SELECT COALESCE(MAX(seq), 0) AS n FROM entries")
            .fetch_one(&self.pool)
            .await?;
        unsigned(&row, "n")
    }

    /// A page of entries with `seq > after`, in order; verification and rebuilds walk the log
    /// page by page so that memory stays flat.
    pub async fn entries_after(&self, after: u64, limit: u32) -> Result<Vec<StoredEntry>> {
        let rows = sqlx::query(
            "SELECT seq, kind, body, leaf_hash, blob FROM entries WHERE seq > $1 ORDER BY seq LIMIT $2",
        )
        .bind(after as i64)
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(stored_entry).collect()
    }

    /// Every reply entry (`sending`, `sent`, `send_failed`), in log order, through the partial
    /// index of migration 0005: replies are few, mail entries many.
    pub async fn reply_entries(&self) -> Result<Vec<StoredEntry>> {
        // The kinds are written out (not bound) so that SQLite can match the partial index.
        let rows = sqlx::query(
            "SELECT seq, kind, body, leaf_hash, blob FROM entries \
             WHERE kind IN ('sending', 'sent', 'send_failed') ORDER BY seq",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(stored_entry).collect()
    }

    /// One entry by sequence number.
    pub async fn entry(&self, seq: u64) -> Result<Option<StoredEntry>> {
        if seq == 0 {
            return Ok(None);
        }
        Ok(self
            .entries_after(seq - 1, 1)
            .await?
            .into_iter()
            .find(|e| e.seq == seq))
    }

    /// Perfect-subtree hashes at the given positions, one indexed point read each: the Merkle
    /// code asks for O(log n) of them per root or proof. Level 0 comes from the entries' leaf
    /// hashes.
    pub async fn perfect_nodes(
        &self,
        positions: &[(u32, u64)],
    ) -> Result<HashMap<(u32, u64), Hash>> {
        let mut out = HashMap::new();
        for &(level, index) in positions {
            let hash = if level >= STORED_MIN_LEVEL {
                let row = sqlx::query("SELECT hash FROM tree_nodes WHERE level = $1 AND idx = $2")
                    .bind(i64::from(level))
                    .bind(index as i64)
                    .fetch_optional(&self.pool)
                    .await?
                    .ok_or_else(|| {
                        StoreError::Corrupt(format!(
                            "tree node level {level} index {index} is missing"
                        ))
                    })?;
                hash_column(&row, "hash")?
            } else {
                // Low subtrees are folded from their (at most 2^(STORED_MIN_LEVEL-1)) leaf hashes.
                let first = (index << level) + 1;
                let count = 1u64 << level;
                let rows = sqlx::query(
                    "SELECT leaf_hash FROM entries WHERE seq >= $1 AND seq < $2 ORDER BY seq",
                )
                .bind(first as i64)
                .bind((first + count) as i64)
                .fetch_all(&self.pool)
                .await?;
                if rows.len() as u64 != count {
                    return Err(StoreError::Corrupt(format!(
                        "entries {first} to {} are not all in the log",
                        first + count - 1
                    )));
                }
                let mut layer = rows
                    .iter()
                    .map(|r| hash_column(r, "leaf_hash"))
                    .collect::<Result<Vec<Hash>>>()?;
                while layer.len() > 1 {
                    layer = layer
                        .chunks(2)
                        .map(|pair| mailward_evidence::merkle::node_hash(&pair[0], &pair[1]))
                        .collect();
                }
                layer[0]
            };
            out.insert((level, index), hash);
        }
        Ok(out)
    }

    /// Entries whose raw bytes are not in the blob index (one query, no rows moved when intact).
    pub async fn entries_without_blob(&self) -> Result<Vec<u64>> {
        let rows = sqlx::query(
            // No ORDER BY: it would make SQLite scan the table (bodies and all) instead of the
            // covering index on `blob`; the few rows found are sorted here.
            "SELECT e.seq FROM entries e LEFT JOIN blobs b ON b.sha256 = e.blob \
             WHERE e.blob IS NOT NULL AND b.sha256 IS NULL",
        )
        .fetch_all(&self.pool)
        .await?;
        let mut seqs = rows
            .iter()
            .map(|r| unsigned(r, "seq"))
            .collect::<Result<Vec<u64>>>()?;
        seqs.sort_unstable();
        Ok(seqs)
    }

    /// Where a blob is, if the index knows it.
    pub async fn blob_location(&self, sha: &Sha256) -> Result<Option<BlobLocation>> {
        let row =
            sqlx::query("SELECT sha256, size, segment, record_offset FROM blobs WHERE sha256 = $1")
                .bind(sha.as_bytes().to_vec())
                .fetch_optional(&self.pool)
                .await?;
        row.as_ref().map(blob_location).transpose()
    }

    /// Reads a blob's exact bytes, checked against its address before they are returned.
    pub async fn blob(&self, sha: &Sha256) -> Result<Option<Vec<u8>>> {
        let Some(loc) = self.blob_location(sha).await? else {
            return Ok(None);
        };
        let mut reader = SegmentReader::new(&self.blob_dir());
        let mut bytes = Vec::with_capacity(loc.size as usize);
        reader
            .read(loc.segment, loc.offset, sha, loc.size, |c| {
                bytes.extend_from_slice(c)
            })
            .map_err(|problem| StoreError::Blob {
                sha256: *sha,
                problem,
            })?;
        Ok(Some(bytes))
    }

    /// All checkpoints, oldest first.
    pub async fn checkpoints(&self) -> Result<Vec<StoredCheckpoint>> {
        let rows =
            sqlx::query("SELECT id, tree_size, root, signed_at, note FROM checkpoints ORDER BY id")
                .fetch_all(&self.pool)
                .await?;
        rows.iter()
            .map(|r| {
                Ok(StoredCheckpoint {
                    id: unsigned(r, "id")?,
                    tree_size: unsigned(r, "tree_size")?,
                    root: r.try_get("root")?,
                    signed_at: r.try_get("signed_at")?,
                    note: r.try_get("note")?,
                })
            })
            .collect()
    }

    /// Records a signed tree head.
    pub async fn add_checkpoint(
        &self,
        tree_size: u64,
        root: &Hash,
        signed_at: &str,
        note: &str,
    ) -> Result<u64> {
        let row = sqlx::query(
            "INSERT INTO checkpoints (tree_size, root, signed_at, note) VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(tree_size as i64)
        .bind(root.to_vec())
        .bind(signed_at.to_string())
        .bind(note.to_string())
        .fetch_one(&self.pool)
        .await?;
        unsigned(&row, "id")
    }

    /// Which entries refer to a blob (for locating a damaged blob in reports).
    pub async fn entries_with_blob(&self, sha: &Sha256) -> Result<Vec<u64>> {
        let rows = sqlx::query("SELECT seq FROM entries WHERE blob = $1 ORDER BY seq")
            .bind(sha.as_bytes().to_vec())
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(|r| unsigned(r, "seq")).collect()
    }

    /// For each of these addresses already archived, the first entry that refers to it (its
    /// `received` entry: the mail's id). One query per few hundred addresses.
    pub async fn first_entries_of(&self, shas: &[Sha256]) -> Result<HashMap<Sha256, u64>> {
        let mut out = HashMap::new();
        for chunk in shas.chunks(400) {
            let sql = format!(
                "SELECT blob, MIN(seq) AS seq FROM entries WHERE blob IN ({}) GROUP BY blob",
                backend::placeholder_list(chunk.len())
            );
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
            for sha in chunk {
                q = q.bind(sha.as_bytes().to_vec());
            }
            for r in q.fetch_all(&self.pool).await? {
                out.insert(sha_column(&r, "blob")?, unsigned(&r, "seq")?);
            }
        }
        Ok(out)
    }

    /// Index rows of blobs that no entry refers to (a sign of rows added behind mailward's back).
    pub async fn unreferenced_blobs(&self) -> Result<Vec<Sha256>> {
        let rows = sqlx::query(
            "SELECT b.sha256 FROM blobs b WHERE NOT EXISTS (SELECT 1 FROM entries e WHERE e.blob = b.sha256)",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(|r| sha_column(r, "sha256")).collect()
    }

    /// Archived messages whose event time lies in `[since, until)` (Unix nanoseconds), from one
    /// sender if given (lower-cased address), a page at a time after message id `after`.
    pub async fn messages_page(
        &self,
        since: Option<i64>,
        until: Option<i64>,
        sender: Option<&str>,
        after: u64,
        limit: u32,
    ) -> Result<Vec<MessageRow>> {
        let rows = sqlx::query(
            "SELECT id, sha256, size, received_at, server_received_at, event_at, source, \
             from_address, from_name, to_json, subject, date, message_id, warnings_json, \
             from_domain, categories_json, findings_json, topic, list_mail, request FROM messages \
             WHERE id > $1 AND event_at >= $2 AND event_at < $3 AND ($4 IS NULL OR from_address = $4) \
             ORDER BY id LIMIT $5",
        )
        .bind(after as i64)
        .bind(since.unwrap_or(i64::MIN))
        .bind(until.unwrap_or(i64::MAX))
        .bind(sender.map(str::to_string))
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(message_row).collect()
    }

    /// A page of (sender address, display name, event time, id) in sender then id order, after
    /// `(address, id)`: the input of per-sender summaries, walked without loading every row.
    pub async fn sender_rows_after(
        &self,
        after: (&str, u64),
        limit: u32,
    ) -> Result<Vec<(String, Option<String>, i64, u64)>> {
        let rows = sqlx::query(
            "SELECT from_address, from_name, event_at, id FROM messages \
             WHERE from_address IS NOT NULL AND (from_address > $1 OR (from_address = $1 AND id > $2)) \
             ORDER BY from_address, id LIMIT $3",
        )
        .bind(after.0.to_string())
        .bind(after.1 as i64)
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok((
                    r.try_get("from_address")?,
                    r.try_get("from_name")?,
                    r.try_get("event_at")?,
                    unsigned(r, "id")?,
                ))
            })
            .collect()
    }

    /// A page of triage facts grouped by sender or by domain, in group then id order, after
    /// `(group, id)`: the input of per-sender and per-domain assessments.
    pub async fn facts_after(
        &self,
        by: GroupBy,
        after: (&str, u64),
        limit: u32,
    ) -> Result<Vec<FactRow>> {
        let sql = match by {
            GroupBy::Sender => {
                "SELECT from_address AS grp, from_address, from_name, event_at, id, categories_json, \
                 findings_json, topic, list_mail, request FROM messages WHERE from_address IS NOT NULL \
                 AND (from_address > $1 OR (from_address = $1 AND id > $2)) \
                 ORDER BY from_address, id LIMIT $3"
            }
            GroupBy::Domain => {
                "SELECT from_domain AS grp, from_address, from_name, event_at, id, categories_json, \
                 findings_json, topic, list_mail, request FROM messages WHERE from_domain IS NOT NULL \
                 AND (from_domain > $1 OR (from_domain = $1 AND id > $2)) \
                 ORDER BY from_domain, id LIMIT $3"
            }
        };
        let rows = sqlx::query(sql)
            .bind(after.0.to_string())
            .bind(after.1 as i64)
            .bind(i64::from(limit))
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(fact_row).collect()
    }

    /// The triage facts of all mail of the given senders (grouped by sender, then id).
    pub async fn facts_of_senders(&self, senders: &[String]) -> Result<Vec<FactRow>> {
        let mut out = Vec::new();
        for chunk in senders.chunks(400) {
            let sql = format!(
                "SELECT from_address AS grp, from_address, from_name, event_at, id, categories_json, \
                 findings_json, topic, list_mail, request FROM messages WHERE from_address IN ({}) \
                 ORDER BY from_address, id",
                backend::placeholder_list(chunk.len())
            );
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
            for sender in chunk {
                q = q.bind(sender.clone());
            }
            for r in q.fetch_all(&self.pool).await? {
                out.push(fact_row(&r)?);
            }
        }
        Ok(out)
    }

    /// For the given message ids: (id, From address, categories JSON), for sorting decisions.
    pub async fn message_senders(&self, ids: &[u64]) -> Result<Vec<(u64, Option<String>, String)>> {
        let mut out = Vec::new();
        for chunk in ids.chunks(400) {
            let sql = format!(
                "SELECT id, from_address, categories_json FROM messages WHERE id IN ({})",
                backend::placeholder_list(chunk.len())
            );
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
            for id in chunk {
                q = q.bind(*id as i64);
            }
            for r in q.fetch_all(&self.pool).await? {
                out.push((
                    unsigned(&r, "id")?,
                    r.try_get("from_address")?,
                    r.try_get("categories_json")?,
                ));
            }
        }
        Ok(out)
    }

    /// The representatives of the given senders' topics, as (sender, current topic id,
    /// signature) in sender then representative order: to continue clustering where the last import
    /// stopped, one query per few hundred senders.
    pub async fn topic_signatures(
        &self,
        senders: &[String],
    ) -> Result<Vec<(String, u64, Vec<u8>)>> {
        let mut out = Vec::new();
        for chunk in senders.chunks(500) {
            let sql = format!(
                "SELECT sender, topic, signature FROM topics WHERE sender IN ({}) ORDER BY sender, id",
                backend::placeholder_list(chunk.len())
            );
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
            for sender in chunk {
                q = q.bind(sender.clone());
            }
            for r in q.fetch_all(&self.pool).await? {
                out.push((
                    r.try_get("sender")?,
                    unsigned(&r, "topic")?,
                    r.try_get("signature")?,
                ));
            }
        }
        Ok(out)
    }

    /// Topic summaries by topic id, for the given ids.
    pub async fn topic_summaries(&self, ids: &[u64]) -> Result<Vec<(u64, String)>> {
        let mut out = Vec::with_capacity(ids.len());
        for chunk in ids.chunks(500) {
            let sql = format!(
                "SELECT id, summary FROM topics WHERE id IN ({})",
                backend::placeholder_list(chunk.len())
            );
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
            for id in chunk {
                q = q.bind(*id as i64);
            }
            for r in q.fetch_all(&self.pool).await? {
                out.push((unsigned(&r, "id")?, r.try_get("summary")?));
            }
        }
        Ok(out)
    }

    /// One message's derived row.
    pub async fn message(&self, id: u64) -> Result<Option<MessageRow>> {
        let row = sqlx::query(
            "SELECT id, sha256, size, received_at, server_received_at, event_at, source, \
             from_address, from_name, to_json, subject, date, message_id, warnings_json, \
             from_domain, categories_json, findings_json, topic, list_mail, request FROM messages WHERE id = $1",
        )
        .bind(id as i64)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(message_row).transpose()
    }

    /// Drops all derived data, so that a rebuild can refill it from the log.
    pub async fn clear_derived(&self) -> Result<()> {
        sqlx::query("DELETE FROM messages")
            .execute(&self.pool)
            .await?;
        sqlx::query("DELETE FROM topics")
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Writes derived message rows and relabels merged topics (used by rebuild; ingest writes
    /// them with the entries).
    pub async fn insert_messages(&self, rows: &[MessageRow], merges: &[(u64, u64)]) -> Result<()> {
        let mut tx = self.pool.begin().await?;
        writer::insert_messages(&mut tx, rows, merges).await?;
        tx.commit().await?;
        Ok(())
    }

    pub(crate) fn pool(&self) -> &AnyPool {
        &self.pool
    }
}

/// How triage facts are grouped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GroupBy {
    /// By From address.
    Sender,
    /// By From domain.
    Domain,
}

/// The triage facts of one message, as read for an assessment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FactRow {
    /// The sender address or domain the row is grouped under.
    pub group: String,
    /// The From address.
    pub address: Option<String>,
    /// The From display name.
    pub name: Option<String>,
    /// Event time (Unix nanoseconds).
    pub event_at: i64,
    /// Message id.
    pub id: u64,
    /// Category ids as a JSON array.
    pub categories_json: String,
    /// Findings as a JSON array.
    pub findings_json: String,
    /// Same-purpose topic.
    pub topic: Option<u64>,
    /// Mailing-list headers present.
    pub list_mail: bool,
    /// The mail asks or demands something.
    pub request: bool,
}

fn fact_row(r: &AnyRow) -> Result<FactRow> {
    Ok(FactRow {
        group: r.try_get("grp")?,
        address: r.try_get("from_address")?,
        name: r.try_get("from_name")?,
        event_at: r.try_get("event_at")?,
        id: unsigned(r, "id")?,
        categories_json: r.try_get("categories_json")?,
        findings_json: r.try_get("findings_json")?,
        topic: r.try_get::<Option<i64>, _>("topic")?.map(|t| t as u64),
        list_mail: r.try_get::<i64, _>("list_mail")? != 0,
        request: r.try_get::<i64, _>("request")? != 0,
    })
}

fn message_row(r: &AnyRow) -> Result<MessageRow> {
    Ok(MessageRow {
        id: unsigned(r, "id")?,
        sha256: sha_column(r, "sha256")?,
        size: unsigned(r, "size")?,
        received_at: r.try_get("received_at")?,
        server_received_at: r.try_get("server_received_at")?,
        event_at: r.try_get("event_at")?,
        source: r.try_get("source")?,
        from_address: r.try_get("from_address")?,
        from_name: r.try_get("from_name")?,
        to_json: r.try_get("to_json")?,
        subject: r.try_get("subject")?,
        date: r.try_get("date")?,
        message_id: r.try_get("message_id")?,
        warnings_json: r.try_get("warnings_json")?,
        from_domain: r.try_get("from_domain")?,
        categories_json: r.try_get("categories_json")?,
        findings_json: r.try_get("findings_json")?,
        topic: r.try_get::<Option<i64>, _>("topic")?.map(|t| t as u64),
        list_mail: r.try_get::<i64, _>("list_mail")? != 0,
        request: r.try_get::<i64, _>("request")? != 0,
        new_topic: None,
    })
}

fn blob_location(r: &AnyRow) -> Result<BlobLocation> {
    Ok(BlobLocation {
        sha256: sha_column(r, "sha256")?,
        size: unsigned(r, "size")?,
        segment: unsigned(r, "segment")?,
        offset: unsigned(r, "record_offset")?,
    })
}
