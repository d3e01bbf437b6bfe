//! The single writer of the log: appends blobs, entries, tree nodes and their derived rows in
//! batches, in the order that keeps evidence safe.
//!
//! One batch is: blob records appended to this process's segment and synced; then one database
//! transaction with the blob index, the entries, the completed tree nodes and the derived message
//! rows, committed with `synchronous = FULL`. Only after the commit returns is anything reported
//! as archived. A crash before the commit leaves an unreferenced segment tail and no rows; a
//! crash after it loses nothing. A file lock makes the writer unique across processes, because
//! sequence numbers and the tree's right edge must be assigned by one party.

use crate::segment::SegmentWriter;
use crate::{Result, Store, StoreError, io_error};
use mailward_evidence::Sha256;
use mailward_evidence::merkle::{self, Frontier, Hash};
use sqlx::{Any, Transaction};
use std::collections::HashSet;
use std::fs::{File, TryLockError};

/// Rows per multi-row INSERT: well under SQLite's and PostgreSQL's parameter limits.
const ROWS_PER_STATEMENT: usize = 400;

/// Raw bytes to store with an entry.
pub struct NewBlob<'a> {
    /// Their address.
    pub sha256: Sha256,
    /// The bytes.
    pub bytes: &'a [u8],
}

/// The derived listing row of a received mail (rebuildable from its entry).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MessageRow {
    /// The received entry's sequence number.
    pub id: u64,
    /// Raw bytes' address.
    pub sha256: Sha256,
    /// Raw bytes' length.
    pub size: u64,
    /// When mailward received it (Unix nanoseconds).
    pub received_at: i64,
    /// When the mail server received it, if known (Unix nanoseconds).
    pub server_received_at: Option<i64>,
    /// The time every count and window uses: the server's time where known, else mailward's.
    pub event_at: i64,
    /// The entry's source object as JSON text.
    pub source: String,
    /// The first From address, lower-cased.
    pub from_address: Option<String>,
    /// Its display name, decoded.
    pub from_name: Option<String>,
    /// The To mailboxes as a JSON array of `{"address","name"}`.
    pub to_json: String,
    /// The subject, decoded.
    pub subject: Option<String>,
    /// The Date header (RFC 3339) if it parses.
    pub date: Option<String>,
    /// The Message-ID.
    pub message_id: Option<String>,
    /// Decoding warnings as a JSON array of strings.
    pub warnings_json: String,
    /// The From address's domain, lower-cased.
    pub from_domain: Option<String>,
    /// Triage category ids as a JSON array (`["threat"]`).
    pub categories_json: String,
    /// Triage findings (categories with matched phrases) as a JSON array.
    pub findings_json: String,
    /// Same-purpose topic: the id of the topic's first mail.
    pub topic: Option<u64>,
    /// Whether the mail carries mailing-list headers.
    pub list_mail: bool,
    /// Whether the mail asks or demands something (what gives a repeated topic a purpose).
    pub request: bool,
    /// Set when this mail is a representative of its topic (it opened it, or it reaches further
    /// than the topic's other representatives): the row to write with it.
    pub new_topic: Option<TopicRow>,
}

/// A representative of a same-purpose topic (the topic is the row's `topic`), written with the
/// mail.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TopicRow {
    /// The sender (lower-cased address) the topic belongs to.
    pub sender: String,
    /// The representative mail's MinHash signature.
    pub signature: Vec<u8>,
    /// A short text to recognise the topic by (subject and opening words).
    pub summary: String,
}

/// One entry to append, with what comes with it.
pub struct Append<'a> {
    /// Must continue the log without a gap.
    pub seq: u64,
    /// The entry's kind name.
    pub kind: &'static str,
    /// The exact entry bytes (hashed as the Merkle leaf).
    pub entry: Vec<u8>,
    /// The raw bytes' address this entry refers to, if any (copied into an indexed column so
    /// that verification can join entries to blobs; checked against the entry bytes).
    pub refers_to: Option<Sha256>,
    /// Raw bytes first seen with this entry, if any.
    pub blob: Option<NewBlob<'a>>,
    /// The derived listing row, if the entry is a received mail.
    pub message: Option<MessageRow>,
}

/// Holds the writer lock, the tree's right edge and this process's segment.
pub struct Writer<'s> {
    store: &'s Store,
    frontier: Frontier,
    segments: SegmentWriter,
    _lock: File,
}

impl<'s> Writer<'s> {
    pub(crate) async fn open(store: &'s Store) -> Result<Writer<'s>> {
        let path = store.dir().join("write.lock");
        let lock = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(io_error(format!("opening {}", path.display())))?;
        match lock.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                tracing::info!("waiting for another mailward process to finish writing");
                let lock = lock
                    .try_clone()
                    .map_err(io_error("cloning the lock file"))?;
                tokio::task::spawn_blocking(move || lock.lock())
                    .await
                    .map_err(|e| StoreError::InvalidAppend(e.to_string()))?
                    .map_err(io_error(format!("locking {}", path.display())))?;
            }
            Err(TryLockError::Error(e)) => {
                return Err(io_error(format!("locking {}", path.display()))(e));
            }
        }
        let size = store.log_size().await?;
        let positions = Frontier::positions(size);
        let nodes = store.perfect_nodes(&positions).await?;
        let mut nodes = nodes;
        let frontier = Frontier::load(&mut nodes, size)
            .map_err(|missing| StoreError::Corrupt(missing.to_string()))?;
        Ok(Writer {
            store,
            frontier,
            segments: SegmentWriter::new(&store.blob_dir()),
            _lock: lock,
        })
    }

    /// The sequence number the next entry must carry.
    pub fn next_seq(&self) -> u64 {
        self.frontier.size() + 1
    }

    /// The current tree size and root, for signing a checkpoint.
    pub fn head(&self) -> (u64, Hash) {
        (self.frontier.size(), self.frontier.root())
    }

    /// Which of these addresses the archive already holds (duplicates are not stored again).
    pub async fn known_blobs(&self, shas: &[Sha256]) -> Result<HashSet<Sha256>> {
        let mut known = HashSet::new();
        for chunk in shas.chunks(ROWS_PER_STATEMENT) {
            let sql = format!(
                "SELECT sha256 FROM blobs WHERE sha256 IN ({})",
                crate::backend::placeholder_list(chunk.len())
            );
            let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
            for sha in chunk {
                query = query.bind(sha.as_bytes().to_vec());
            }
            for row in query.fetch_all(self.store.pool()).await? {
                let v: Vec<u8> = sqlx::Row::try_get(&row, "sha256")?;
                if let Some(sha) = Sha256::from_slice(&v) {
                    known.insert(sha);
                }
            }
        }
        Ok(known)
    }

    /// Makes a batch durable: blobs synced first, then one committed transaction. On error
    /// nothing of the batch is visible and the writer stays usable.
    pub async fn append(&mut self, batch: &[Append<'_>]) -> Result<()> {
        self.append_with_merges(batch, &[], &[]).await
    }

    /// [`Writer::append`], relabelling merged same-purpose topics (`(from, into)` in order) in
    /// the same transaction as the derived rows that caused the merges, and recording where the
    /// batch's mails sit on IMAP servers (`placements`) in that transaction too.
    pub async fn append_with_merges(
        &mut self,
        batch: &[Append<'_>],
        merges: &[(u64, u64)],
        placements: &[crate::ImapPlacement<'_>],
    ) -> Result<()> {
        if batch.is_empty() {
            // A batch of duplicates only still records where they sit.
            if !placements.is_empty() {
                let mut tx = self.store.pool().begin().await?;
                for p in placements {
                    crate::imap::insert_imap_mails(&mut tx, p).await?;
                }
                tx.commit().await?;
            }
            return Ok(());
        }
        for (i, a) in batch.iter().enumerate() {
            let want = self.next_seq() + i as u64;
            if a.seq != want {
                return Err(StoreError::InvalidAppend(format!(
                    "entry carries seq {} where {want} comes next",
                    a.seq
                )));
            }
        }
        let mut blob_rows = Vec::new();
        for a in batch {
            if let Some(blob) = &a.blob {
                let placement = self
                    .segments
                    .append(&blob.sha256, blob.bytes)
                    .map_err(io_error("appending to a blob segment"))?;
                blob_rows.push((blob.sha256, blob.bytes.len() as u64, placement));
            }
        }
        // The wait for the disk happens off the async thread: a caller's other futures (the
        // IMAP fetch beside its commits) go on meanwhile.
        if let Some(file) = self
            .segments
            .sync_handle()
            .map_err(io_error("syncing a blob segment"))?
        {
            tokio::task::spawn_blocking(move || file.sync_data())
                .await
                .map_err(|e| StoreError::InvalidAppend(format!("blob sync task failed: {e}")))?
                .map_err(io_error("syncing a blob segment"))?;
            self.segments.synced();
        }

        let mut frontier = self.frontier.clone();
        let mut nodes = Vec::new();
        let mut leaves = Vec::with_capacity(batch.len());
        for a in batch {
            let leaf = merkle::leaf_hash(&a.entry);
            leaves.push(leaf);
            nodes.extend(
                frontier
                    .push(leaf)
                    .into_iter()
                    .filter(|(level, _, _)| *level >= crate::STORED_MIN_LEVEL),
            );
        }

        let mut tx = self.store.pool().begin().await?;
        for chunk in blob_rows.chunks(ROWS_PER_STATEMENT) {
            let sql = insert_sql(
                "blobs (sha256, size, segment, record_offset)",
                4,
                chunk.len(),
            );
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
            for (sha, size, p) in chunk {
                q = q
                    .bind(sha.as_bytes().to_vec())
                    .bind(*size as i64)
                    .bind(p.segment as i64)
                    .bind(p.offset as i64);
            }
            q.execute(&mut *tx).await?;
        }
        let rows: Vec<_> = batch.iter().zip(&leaves).collect();
        for chunk in rows.chunks(ROWS_PER_STATEMENT) {
            let sql = insert_sql("entries (seq, kind, body, leaf_hash, blob)", 5, chunk.len());
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
            for (a, leaf) in chunk {
                q = q
                    .bind(a.seq as i64)
                    .bind(a.kind)
                    .bind(a.entry.clone())
                    .bind(leaf.to_vec())
                    .bind(a.refers_to.map(|s| s.as_bytes().to_vec()));
            }
            q.execute(&mut *tx).await?;
        }
        for chunk in nodes.chunks(ROWS_PER_STATEMENT) {
            let sql = insert_sql("tree_nodes (level, idx, hash)", 3, chunk.len());
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
            for (level, index, hash) in chunk {
                q = q
                    .bind(i64::from(*level))
                    .bind(*index as i64)
                    .bind(hash.to_vec());
            }
            q.execute(&mut *tx).await?;
        }
        let messages: Vec<MessageRow> = batch.iter().filter_map(|a| a.message.clone()).collect();
        insert_messages(&mut tx, &messages, merges).await?;
        for p in placements {
            crate::imap::insert_imap_mails(&mut tx, p).await?;
        }
        tx.commit().await?;
        self.frontier = frontier;
        Ok(())
    }

    /// Records a signed tree head for the current tree.
    pub async fn add_checkpoint(&self, root: &Hash, signed_at: &str, note: &str) -> Result<u64> {
        self.store
            .add_checkpoint(self.frontier.size(), root, signed_at, note)
            .await
    }
}

/// `INSERT INTO table (cols) VALUES ($1,..),(..)` for `rows` rows of `cols` columns.
pub(crate) fn insert_sql(table: &str, cols: usize, rows: usize) -> String {
    let mut sql = format!("INSERT INTO {table} VALUES ");
    for r in 0..rows {
        if r > 0 {
            sql.push(',');
        }
        sql.push('(');
        for c in 0..cols {
            if c > 0 {
                sql.push(',');
            }
            sql.push_str(&crate::backend::placeholder(r * cols + c + 1));
        }
        sql.push(')');
    }
    sql
}

pub(crate) async fn insert_messages(
    tx: &mut Transaction<'_, Any>,
    rows: &[MessageRow],
    merges: &[(u64, u64)],
) -> Result<()> {
    for chunk in rows.chunks(ROWS_PER_STATEMENT / 4) {
        let sql = insert_sql(
            "messages (id, sha256, size, received_at, server_received_at, event_at, source, \
             from_address, from_name, to_json, subject, date, message_id, warnings_json, \
             from_domain, categories_json, findings_json, topic, list_mail, request)",
            20,
            chunk.len(),
        );
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
        for m in chunk {
            q = q
                .bind(m.id as i64)
                .bind(m.sha256.as_bytes().to_vec())
                .bind(m.size as i64)
                .bind(m.received_at)
                .bind(m.server_received_at)
                .bind(m.event_at)
                .bind(m.source.clone())
                .bind(m.from_address.clone())
                .bind(m.from_name.clone())
                .bind(m.to_json.clone())
                .bind(m.subject.clone())
                .bind(m.date.clone())
                .bind(m.message_id.clone())
                .bind(m.warnings_json.clone())
                .bind(m.from_domain.clone())
                .bind(m.categories_json.clone())
                .bind(m.findings_json.clone())
                .bind(m.topic.map(|t| t as i64))
                .bind(i64::from(m.list_mail))
                .bind(i64::from(m.request));
        }
        q.execute(&mut **tx).await?;
    }
    let topics: Vec<(u64, u64, &TopicRow)> = rows
        .iter()
        .filter_map(|m| {
            m.new_topic
                .as_ref()
                .map(|t| (m.id, m.topic.unwrap_or(m.id), t))
        })
        .collect();
    for chunk in topics.chunks(ROWS_PER_STATEMENT) {
        let sql = insert_sql(
            "topics (id, topic, sender, signature, summary)",
            5,
            chunk.len(),
        );
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
        for (id, topic, t) in chunk {
            q = q
                .bind(*id as i64)
                .bind(*topic as i64)
                .bind(t.sender.clone())
                .bind(t.signature.clone())
                .bind(t.summary.clone());
        }
        q.execute(&mut **tx).await?;
    }
    // Merges of topics, in the order they happened (a chain 7 -> 5 -> 3 ends in 3), after the
    // rows above so that the batch's own mails are relabelled too.
    for (from, into) in merges {
        for sql in [
            "UPDATE messages SET topic = $1 WHERE topic = $2",
            "UPDATE topics SET topic = $1 WHERE topic = $2",
        ] {
            sqlx::query(sql)
                .bind(*into as i64)
                .bind(*from as i64)
                .execute(&mut **tx)
                .await?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn insert_sql_numbers_parameters() {
        assert_eq!(
            insert_sql("t (a, b)", 2, 2),
            "INSERT INTO t (a, b) VALUES (?,?),(?,?)"
        );
    }
}
