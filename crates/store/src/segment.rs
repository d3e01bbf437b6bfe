//! Blob segments: raw mail bytes packed into append-only files.
//!
//! Each writer process appends to a segment file of its own (`segment-NNNNNN.mwseg`) and never
//! reopens an older one, so a crash can leave at most an unreferenced tail in the file it was
//! writing, and no code path ever truncates, rewrites or deletes blob bytes. A record carries its
//! own SHA-256 and length so that a segment can be checked without the database (see
//! docs/EVIDENCE-FORMAT.md). The database learns a record's place only after the segment was
//! synced to disk; the choice and its measurements are in docs/adr/0001-blob-layout.md.

use mailward_evidence::Sha256;
use sha2::Digest as _;
use std::fs::{self, File, OpenOptions};
use std::io::{self, BufReader, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

/// The first 16 bytes of every segment file.
pub const SEGMENT_MAGIC: &[u8; 16] = b"MAILWARD-BLOBS1\n";
/// The first 4 bytes of every record.
pub const RECORD_MAGIC: &[u8; 4] = b"BLOB";
/// Record header length: magic, SHA-256, big-endian u64 size.
pub const RECORD_HEADER: u64 = 4 + 32 + 8;
/// A writer starts a new segment once its file passes this size, so that files stay easy to copy.
const ROLLOVER: u64 = 1 << 30;

/// The file name of segment `number`.
pub fn segment_name(number: u64) -> String {
    format!("segment-{number:06}.mwseg")
}

fn segment_number(name: &str) -> Option<u64> {
    name.strip_prefix("segment-")?
        .strip_suffix(".mwseg")?
        .parse()
        .ok()
}

/// Where a record was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Placement {
    /// Segment file number.
    pub segment: u64,
    /// Byte offset of the record header in that file.
    pub offset: u64,
}

/// Appends records to this process's own segment file.
pub struct SegmentWriter {
    dir: PathBuf,
    current: Option<(u64, BufWriter<File>, u64)>,
    dirty: bool,
}

impl SegmentWriter {
    /// Prepares a writer; no file is created until the first blob arrives.
    pub fn new(dir: &Path) -> Self {
        SegmentWriter {
            dir: dir.to_path_buf(),
            current: None,
            dirty: false,
        }
    }

    fn start_segment(&mut self) -> io::Result<()> {
        let mut number = 1;
        for entry in fs::read_dir(&self.dir)? {
            if let Some(n) = segment_number(&entry?.file_name().to_string_lossy()) {
                number = number.max(n + 1);
            }
        }
        let path = self.dir.join(segment_name(number));
        let file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)?;
        let mut writer = BufWriter::with_capacity(1 << 20, file);
        writer.write_all(SEGMENT_MAGIC)?;
        writer.flush()?;
        writer.get_ref().sync_all()?;
        // The new name must survive a crash too, or synced records would be unreachable.
        File::open(&self.dir)?.sync_all()?;
        self.current = Some((number, writer, SEGMENT_MAGIC.len() as u64));
        Ok(())
    }

    /// Writes one record; it is durable only after [`SegmentWriter::sync`].
    pub fn append(&mut self, sha: &Sha256, bytes: &[u8]) -> io::Result<Placement> {
        let full = matches!(&self.current, Some((_, _, len)) if *len >= ROLLOVER);
        if full {
            self.sync()?;
            self.current = None;
        }
        if self.current.is_none() {
            self.start_segment()?;
        }
        let Some((number, writer, len)) = self.current.as_mut() else {
            return Err(io::Error::other("segment writer has no open segment"));
        };
        let placement = Placement {
            segment: *number,
            offset: *len,
        };
        writer.write_all(RECORD_MAGIC)?;
        writer.write_all(sha.as_bytes())?;
        writer.write_all(&(bytes.len() as u64).to_be_bytes())?;
        writer.write_all(bytes)?;
        *len += RECORD_HEADER + bytes.len() as u64;
        self.dirty = true;
        Ok(placement)
    }

    /// Makes every appended record durable (flush and fdatasync).
    pub fn sync(&mut self) -> io::Result<()> {
        if let (true, Some((_, writer, _))) = (self.dirty, self.current.as_mut()) {
            writer.flush()?;
            writer.get_ref().sync_data()?;
            self.dirty = false;
        }
        Ok(())
    }
}

/// What is wrong with a record, found while reading it back.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum RecordProblem {
    /// The segment file is gone.
    #[error("segment file {0} is missing")]
    SegmentMissing(String),
    /// The file ends before the record does.
    #[error("segment file {file} ends before the record at offset {offset} does (truncated)")]
    Truncated {
        /// Segment file name.
        file: String,
        /// Record offset.
        offset: u64,
    },
    /// The record header is not what the index says.
    #[error("record header at offset {offset} of {file} does not match the index")]
    HeaderMismatch {
        /// Segment file name.
        file: String,
        /// Record offset.
        offset: u64,
    },
    /// The bytes no longer hash to their address.
    #[error("bytes hash to {actual}, not to their address: the blob was altered")]
    Altered {
        /// What the bytes hash to now.
        actual: Sha256,
    },
    /// Reading failed for another reason.
    #[error("reading {file}: {error}")]
    Io {
        /// Segment file name.
        file: String,
        /// The operating system's message.
        error: String,
    },
}

/// Reads records back, reusing one open file and buffer across sequential reads.
pub struct SegmentReader {
    dir: PathBuf,
    open: Option<(u64, BufReader<File>, u64)>,
}

impl SegmentReader {
    /// A reader over the segment folder.
    pub fn new(dir: &Path) -> Self {
        SegmentReader {
            dir: dir.to_path_buf(),
            open: None,
        }
    }

    fn position(
        &mut self,
        segment: u64,
        offset: u64,
    ) -> Result<&mut BufReader<File>, RecordProblem> {
        let file_name = segment_name(segment);
        if !matches!(&self.open, Some((n, _, _)) if *n == segment) {
            let file = File::open(self.dir.join(&file_name)).map_err(|e| {
                if e.kind() == io::ErrorKind::NotFound {
                    RecordProblem::SegmentMissing(file_name.clone())
                } else {
                    RecordProblem::Io {
                        file: file_name.clone(),
                        error: e.to_string(),
                    }
                }
            })?;
            self.open = Some((segment, BufReader::with_capacity(1 << 20, file), 0));
        }
        let Some((_, reader, pos)) = self.open.as_mut() else {
            return Err(RecordProblem::SegmentMissing(file_name));
        };
        if *pos != offset {
            reader
                .seek(SeekFrom::Start(offset))
                .map_err(|e| RecordProblem::Io {
                    file: file_name,
                    error: e.to_string(),
                })?;
            *pos = offset;
        }
        Ok(reader)
    }

    /// Reads one record and checks its header and hash; `sink` receives the bytes in chunks
    /// (pass `|_| ()` to only check).
    pub fn read(
        &mut self,
        segment: u64,
        offset: u64,
        sha: &Sha256,
        size: u64,
        mut sink: impl FnMut(&[u8]),
    ) -> Result<(), RecordProblem> {
        let file = segment_name(segment);
        let truncated = || RecordProblem::Truncated {
            file: file.clone(),
            offset,
        };
        let reader = self.position(segment, offset)?;
        let mut header = [0u8; RECORD_HEADER as usize];
        let result = (|| -> Result<(), RecordProblem> {
            reader.read_exact(&mut header).map_err(|_| truncated())?;
            if &header[..4] != RECORD_MAGIC
                || &header[4..36] != sha.as_bytes()
                || header[36..44] != size.to_be_bytes()
            {
                return Err(RecordProblem::HeaderMismatch {
                    file: file.clone(),
                    offset,
                });
            }
            let mut hasher = sha2::Sha256::new();
            let mut left = size;
            let mut chunk = vec![0u8; (size.min(1 << 18)) as usize];
            while left > 0 {
                let n = left.min(chunk.len() as u64) as usize;
                reader
                    .read_exact(&mut chunk[..n])
                    .map_err(|_| truncated())?;
                hasher.update(&chunk[..n]);
                sink(&chunk[..n]);
                left -= n as u64;
            }
            let actual = Sha256(hasher.finalize().into());
            if &actual != sha {
                return Err(RecordProblem::Altered { actual });
            }
            Ok(())
        })();
        match (&result, self.open.as_mut()) {
            (Ok(()), Some((_, _, pos))) => *pos = offset + RECORD_HEADER + size,
            // After a failed read the position is unknown: force a seek next time.
            (_, Some((_, _, pos))) => *pos = u64::MAX,
            _ => {}
        }
        result
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn write_sync_read_and_detect() {
        let dir = tempfile::tempdir().unwrap();
        let mut w = SegmentWriter::new(dir.path());
        let a = Sha256::of(b"alpha");
        let b = Sha256::of(b"beta");
        let pa = w.append(&a, b"alpha").unwrap();
        let pb = w.append(&b, b"beta").unwrap();
        w.sync().unwrap();
        assert_eq!(pa.segment, 1);
        assert_eq!(pb.offset, pa.offset + RECORD_HEADER + 5);

        let mut r = SegmentReader::new(dir.path());
        let mut got = Vec::new();
        r.read(pb.segment, pb.offset, &b, 4, |c| got.extend_from_slice(c))
            .unwrap();
        assert_eq!(got, b"beta");
        r.read(pa.segment, pa.offset, &a, 5, |_| ()).unwrap();

        // A second writer never appends to the first one's file.
        let mut w2 = SegmentWriter::new(dir.path());
        assert_eq!(w2.append(&a, b"alpha").unwrap().segment, 2);

        // Flip one byte of "alpha".
        let path = dir.path().join(segment_name(1));
        let mut bytes = fs::read(&path).unwrap();
        bytes[(pa.offset + RECORD_HEADER) as usize] ^= 1;
        fs::write(&path, &bytes).unwrap();
        let mut r = SegmentReader::new(dir.path());
        assert!(matches!(
            r.read(1, pa.offset, &a, 5, |_| ()),
            Err(RecordProblem::Altered { .. })
        ));
        assert!(matches!(
            r.read(1, pa.offset, &b, 5, |_| ()),
            Err(RecordProblem::HeaderMismatch { .. })
        ));
        assert_eq!(
            r.read(9, 16, &a, 5, |_| ()),
            Err(RecordProblem::SegmentMissing(segment_name(9)))
        );
        assert!(matches!(
            r.read(1, pb.offset, &b, 400, |_| ()),
            Err(RecordProblem::HeaderMismatch { .. })
        ));
    }
}
