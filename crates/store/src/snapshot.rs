//! Whole-table reads for `verify`: one read-only connection, one snapshot, pages read into
//! reusable buffers on the caller's (blocking) thread.
//!
//! sqlx hands every row from its SQLite worker thread to the async side through a channel, with a
//! copy of each value and an `AnyRow` conversion; for the ~200,000 rows that a verify of 100,000
//! mails walks, that hand-over cost more than a third of verify's CPU. Here a prepared statement is
//! stepped directly on the thread that checks the rows, and a page of entries lands in one byte
//! buffer instead of five allocations a row. The SQL is the same plain SQL as elsewhere in this
//! crate, and it stays in this crate; only the driver differs (rusqlite, linked against the same
//! `libsqlite3-sys` as sqlx). A PostgreSQL backend would provide these reads through its own cursor.
//!
//! All reads of one [`Snapshot`] run in one read transaction, so they see one state of the
//! archive even while an import appends to it.

use crate::{BlobLocation, Result, StoreError, StoredNode};
use mailward_evidence::Sha256;
use rusqlite::types::ValueRef;
use rusqlite::{Connection, OpenFlags};
use std::path::Path;

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> StoreError {
        StoreError::Snapshot(e.to_string())
    }
}

/// A read-only view of the evidence tables as of one moment, for walking them whole.
pub struct Snapshot {
    conn: Connection,
}

/// Where one entry's columns lie in an [`EntryPage`]'s buffer.
#[derive(Clone, Copy, Debug)]
struct EntrySpans {
    seq: u64,
    kind: (usize, usize),
    body: (usize, usize),
    leaf_hash: (usize, usize),
    blob: Option<(usize, usize)>,
}

/// A page of entries, their columns packed into one buffer that is reused from page to page.
#[derive(Debug, Default)]
pub struct EntryPage {
    rows: Vec<EntrySpans>,
    bytes: Vec<u8>,
}

/// One entry of an [`EntryPage`], borrowed from it.
#[derive(Clone, Copy, Debug)]
pub struct EntryRef<'a> {
    /// The row's sequence number (the primary key, not the one inside the bytes).
    pub seq: u64,
    /// The row's kind column.
    pub kind: &'a str,
    /// The exact stored bytes.
    pub body: &'a [u8],
    /// The stored leaf hash.
    pub leaf_hash: &'a [u8],
    /// The blob address column (a copy of what the body says, for joins).
    pub blob: Option<&'a [u8]>,
}

impl EntryPage {
    /// Number of entries in the page.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether the page holds no entry (the end of the log was reached).
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The sequence number of the last entry, if any.
    pub fn last_seq(&self) -> Option<u64> {
        self.rows.last().map(|r| r.seq)
    }

    /// The entries in sequence order.
    pub fn iter(&self) -> impl Iterator<Item = EntryRef<'_>> {
        let span = |(from, to): (usize, usize)| &self.bytes[from..to];
        self.rows.iter().map(move |r| EntryRef {
            seq: r.seq,
            // Checked to be UTF-8 when the page was read.
            kind: std::str::from_utf8(span(r.kind)).unwrap_or_default(),
            body: span(r.body),
            leaf_hash: span(r.leaf_hash),
            blob: r.blob.map(span),
        })
    }

    fn clear(&mut self) {
        self.rows.clear();
        self.bytes.clear();
    }

    fn push_bytes(&mut self, bytes: &[u8]) -> (usize, usize) {
        let from = self.bytes.len();
        self.bytes.extend_from_slice(bytes);
        (from, self.bytes.len())
    }
}

fn integer(value: ValueRef<'_>, column: &str) -> Result<u64> {
    let v = value
        .as_i64()
        .map_err(|_| StoreError::Corrupt(format!("{column} is not an integer")))?;
    u64::try_from(v).map_err(|_| StoreError::Corrupt(format!("{column} = {v} is negative")))
}

fn blob<'a>(value: ValueRef<'a>, column: &str) -> Result<&'a [u8]> {
    value
        .as_blob()
        .map_err(|_| StoreError::Corrupt(format!("{column} is not a blob")))
}

fn text<'a>(value: ValueRef<'a>, column: &str) -> Result<&'a str> {
    value
        .as_str()
        .map_err(|_| StoreError::Corrupt(format!("{column} is not UTF-8 text")))
}

impl Snapshot {
    /// Opens the database read-only and starts the read transaction. Blocking: call it from a
    /// thread of its own, not from an async task.
    pub(crate) fn open(path: &Path) -> Result<Snapshot> {
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(std::time::Duration::from_secs(30))?;
        // One snapshot for every read below: it is taken by the first SELECT after BEGIN.
        conn.execute_batch("BEGIN")?;
        Ok(Snapshot { conn })
    }

    /// Reads the entries with `seq > after`, at most `limit`, in order, into `page` (emptied
    /// first). An empty page means the end of the log.
    pub fn entries_after(&self, after: u64, limit: u32, page: &mut EntryPage) -> Result<()> {
        page.clear();
        let mut stmt = self.conn.prepare_cached(
            "SELECT seq, kind, body, leaf_hash, blob FROM entries WHERE seq > $1 ORDER BY seq LIMIT $2",
        )?;
        let mut rows = stmt.query((after as i64, i64::from(limit)))?;
        while let Some(row) = rows.next()? {
            let seq = integer(row.get_ref(0)?, "seq")?;
            let kind = page.push_bytes(text(row.get_ref(1)?, "kind")?.as_bytes());
            let body = page.push_bytes(blob(row.get_ref(2)?, "body")?);
            let leaf_hash = page.push_bytes(blob(row.get_ref(3)?, "leaf_hash")?);
            let blob = match row.get_ref(4)? {
                ValueRef::Null => None,
                value => Some(page.push_bytes(blob(value, "blob")?)),
            };
            page.rows.push(EntrySpans {
                seq,
                kind,
                body,
                leaf_hash,
                blob,
            });
        }
        Ok(())
    }

    /// Reads the next rows of the blob index after row `after` (0 for the start), at most
    /// `limit`, into `page` (emptied first), and returns the position to continue from. The
    /// index is read in the order its rows were written, which for an archive written by
    /// mailward is the order of the segment records and of the entries that brought them, so
    /// that the records are read sequentially; readers must not rely on that order for
    /// correctness.
    pub fn blobs_after(&self, after: i64, limit: u32, page: &mut Vec<BlobLocation>) -> Result<i64> {
        page.clear();
        let mut stmt = self.conn.prepare_cached(
            "SELECT rowid, sha256, size, segment, record_offset FROM blobs WHERE rowid > $1 ORDER BY rowid LIMIT $2",
        )?;
        let mut rows = stmt.query((after, i64::from(limit)))?;
        let mut last = after;
        while let Some(row) = rows.next()? {
            last = row.get(0)?;
            let sha = blob(row.get_ref(1)?, "sha256")?;
            page.push(BlobLocation {
                sha256: Sha256::from_slice(sha).ok_or_else(|| {
                    StoreError::Corrupt(format!("sha256 is {} bytes, not 32", sha.len()))
                })?,
                size: integer(row.get_ref(2)?, "size")?,
                segment: integer(row.get_ref(3)?, "segment")?,
                offset: integer(row.get_ref(4)?, "record_offset")?,
            });
        }
        Ok(last)
    }

    /// Whether the blob index has a row for this address (compared as stored bytes).
    pub fn blob_indexed(&self, sha256: &[u8]) -> Result<bool> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT 1 FROM blobs WHERE sha256 = $1")?;
        Ok(stmt.exists((sha256,))?)
    }

    /// A page of stored tree nodes of one level, in index order from `from_index`; a replay of
    /// the log completes the nodes of each level in this order, so verification walks one cursor
    /// per level over the primary key.
    pub fn nodes_at_level(
        &self,
        level: u32,
        from_index: u64,
        limit: u32,
    ) -> Result<Vec<StoredNode>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT idx, hash FROM tree_nodes WHERE level = $1 AND idx >= $2 ORDER BY idx LIMIT $3",
        )?;
        let mut rows = stmt.query((i64::from(level), from_index as i64, i64::from(limit)))?;
        let mut out = Vec::new();
        while let Some(row) = rows.next()? {
            out.push(StoredNode {
                level,
                index: integer(row.get_ref(0)?, "idx")?,
                hash: blob(row.get_ref(1)?, "hash")?.to_vec(),
            });
        }
        Ok(out)
    }

    /// How many tree nodes are stored per level (to find nodes beyond the end of the log).
    pub fn node_counts(&self) -> Result<Vec<(u32, u64)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT level, COUNT(*) AS n FROM tree_nodes GROUP BY level ORDER BY level",
        )?;
        let mut rows = stmt.query(())?;
        let mut out = Vec::new();
        while let Some(row) = rows.next()? {
            let level = u32::try_from(integer(row.get_ref(0)?, "level")?)
                .map_err(|_| StoreError::Corrupt("tree node level too large".into()))?;
            out.push((level, integer(row.get_ref(1)?, "n")?));
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use crate::{Append, NewBlob, Store};
    use mailward_evidence::Sha256;
    use mailward_evidence::merkle;

    fn append<'a>(seq: u64, mail: &'a [u8]) -> Append<'a> {
        let sha = Sha256::of(mail);
        Append {
            seq,
            kind: "received",
            entry: format!("{{\"seq\":{seq}}}").into_bytes(),
            refers_to: Some(sha),
            blob: Some(NewBlob {
                sha256: sha,
                bytes: mail,
            }),
            message: None,
        }
    }

    #[tokio::test]
    async fn pages_hold_the_rows_of_one_moment() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).await.unwrap();
        let mails: Vec<Vec<u8>> = (0..40).map(|i| format!("mail {i}").into_bytes()).collect();
        let mut writer = store.writer().await.unwrap();
        let first: Vec<Append> = (0..30).map(|i| append(i + 1, &mails[i as usize])).collect();
        writer.append(&first).await.unwrap();

        let snapshot = store.snapshot().unwrap();
        let mut page = super::EntryPage::default();
        snapshot.entries_after(0, 7, &mut page).unwrap();
        assert_eq!(page.len(), 7);

        // An import appending meanwhile is not seen by the snapshot.
        let more: Vec<Append> = (30..40)
            .map(|i| append(i + 1, &mails[i as usize]))
            .collect();
        writer.append(&more).await.unwrap();

        let mut seen = Vec::new();
        let mut after = 0;
        loop {
            snapshot.entries_after(after, 7, &mut page).unwrap();
            let Some(last) = page.last_seq() else { break };
            after = last;
            for e in page.iter() {
                let body = format!("{{\"seq\":{}}}", e.seq).into_bytes();
                assert_eq!(e.kind, "received");
                assert_eq!(e.body, body.as_slice());
                assert_eq!(e.leaf_hash, merkle::leaf_hash(&body).as_slice());
                let sha = Sha256::of(&mails[e.seq as usize - 1]);
                assert_eq!(e.blob, Some(sha.as_bytes().as_slice()));
                seen.push(e.seq);
            }
        }
        assert_eq!(seen, (1..=30).collect::<Vec<u64>>());

        let mut blobs = Vec::new();
        let mut rows = Vec::new();
        let mut at = 0;
        loop {
            at = snapshot.blobs_after(at, 8, &mut rows).unwrap();
            if rows.is_empty() {
                break;
            }
            blobs.extend(rows.iter().cloned());
        }
        assert_eq!(blobs.len(), 30);
        for (i, loc) in blobs.iter().enumerate() {
            assert_eq!(loc.sha256, Sha256::of(&mails[i]), "written order");
            assert_eq!(loc.size, mails[i].len() as u64);
        }
        assert!(blobs.windows(2).all(|w| w[0].offset < w[1].offset));

        // 30 leaves complete one subtree of 16 at level 4 (the lowest stored level).
        assert_eq!(snapshot.node_counts().unwrap(), vec![(4, 1)]);
        let nodes = snapshot.nodes_at_level(4, 0, 10).unwrap();
        assert_eq!(nodes.len(), 1);
        assert_eq!(nodes[0].index, 0);

        // A new snapshot sees everything.
        let fresh = store.snapshot().unwrap();
        fresh.entries_after(30, 100, &mut page).unwrap();
        assert_eq!(page.len(), 10);
    }
}
