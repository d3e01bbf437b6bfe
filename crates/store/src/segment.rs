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
use std::io::{self, BufRead, BufReader, BufWriter, Read, Seek, SeekFrom, Write};
#[cfg(target_os = "linux")]
use std::num::NonZeroU64;
use std::path::{Path, PathBuf};

/// The first 16 bytes of every segment file.
pub const SEGMENT_MAGIC: &[u8; 16] = b"MAILWARD-BLOBS1\n";
/// The first 4 bytes of every record.
pub const RECORD_MAGIC: &[u8; 4] = b"BLOB";
/// Record header length: magic, SHA-256, big-endian u64 size.
pub const RECORD_HEADER: u64 = 4 + 32 + 8;
/// Read buffer of a [`SegmentReader`]: large enough to keep system calls few, small enough that
/// little is read in vain when a reader moves to another place.
const READ_BUFFER: usize = 256 << 10;
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

    /// Flushes appended records to the file and hands out a second handle on it, so that the
    /// caller can wait for `sync_data` off the async thread (other work of its task goes on
    /// meanwhile); call [`SegmentWriter::synced`] once that succeeded. None: nothing to sync.
    pub fn sync_handle(&mut self) -> io::Result<Option<File>> {
        match (self.dirty, self.current.as_mut()) {
            (true, Some((_, writer, _))) => {
                writer.flush()?;
                Ok(Some(writer.get_ref().try_clone()?))
            }
            _ => Ok(None),
        }
    }

    /// Records that the handle of [`SegmentWriter::sync_handle`] was synced.
    pub fn synced(&mut self) {
        self.dirty = false;
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

    /// Asks the operating system to start reading `len` bytes of a segment from `offset` now,
    /// so that a read of them a little later finds them in memory instead of waiting for the
    /// disk. Only a hint: a missing file or a refusal is found (and reported) by the read.
    pub fn prefetch(&mut self, segment: u64, offset: u64, len: u64) {
        #[cfg(target_os = "linux")]
        if let Ok(reader) = self.open(segment) {
            let advice = rustix::fs::Advice::WillNeed;
            let _ = rustix::fs::fadvise(reader.get_ref(), offset, NonZeroU64::new(len), advice);
        }
        #[cfg(not(target_os = "linux"))]
        let _ = (segment, offset, len);
    }

    fn open(&mut self, segment: u64) -> Result<&mut BufReader<File>, RecordProblem> {
        if !matches!(&self.open, Some((n, _, _)) if *n == segment) {
            let file_name = segment_name(segment);
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
            self.open = Some((segment, BufReader::with_capacity(READ_BUFFER, file), 0));
        }
        match self.open.as_mut() {
            Some((_, reader, _)) => Ok(reader),
            None => Err(RecordProblem::SegmentMissing(segment_name(segment))),
        }
    }

    fn position(
        &mut self,
        segment: u64,
        offset: u64,
    ) -> Result<&mut BufReader<File>, RecordProblem> {
        self.open(segment)?;
        let Some((_, reader, pos)) = self.open.as_mut() else {
            return Err(RecordProblem::SegmentMissing(segment_name(segment)));
        };
        if *pos != offset {
            reader
                .seek(SeekFrom::Start(offset))
                .map_err(|e| RecordProblem::Io {
                    file: segment_name(segment),
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
        // File names are formatted only for a problem: this runs once per blob.
        let truncated = || RecordProblem::Truncated {
            file: segment_name(segment),
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
                    file: segment_name(segment),
                    offset,
                });
            }
            // The data is hashed (and handed on) straight from the reader's buffer.
            let mut hasher = sha2::Sha256::new();
            let mut left = size;
            while left > 0 {
                let buffered = reader.fill_buf().map_err(|_| truncated())?;
                if buffered.is_empty() {
                    return Err(truncated());
                }
                let n = left.min(buffered.len() as u64) as usize;
                hasher.update(&buffered[..n]);
                sink(&buffered[..n]);
                reader.consume(n);
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

    #[test]
    fn records_larger_than_the_read_buffer() {
        let dir = tempfile::tempdir().unwrap();
        let mut w = SegmentWriter::new(dir.path());
        let big: Vec<u8> = (0..READ_BUFFER * 2 + 12_345)
            .map(|i| (i % 251) as u8)
            .collect();
        let small = b"after the big one".to_vec();
        let (sb, ss) = (Sha256::of(&big), Sha256::of(&small));
        let pb = w.append(&sb, &big).unwrap();
        let ps = w.append(&ss, &small).unwrap();
        w.sync().unwrap();

        let mut r = SegmentReader::new(dir.path());
        r.prefetch(1, pb.offset, ps.offset + RECORD_HEADER + small.len() as u64);
        let mut got = Vec::new();
        r.read(1, pb.offset, &sb, big.len() as u64, |c| {
            got.extend_from_slice(c)
        })
        .unwrap();
        assert!(got == big, "the big record comes back whole");
        got.clear();
        r.read(1, ps.offset, &ss, small.len() as u64, |c| {
            got.extend_from_slice(c)
        })
        .unwrap();
        assert_eq!(got, small);
        // A missing segment is found by the read, not the hint.
        r.prefetch(7, 0, 100);
        assert_eq!(
            r.read(7, 16, &ss, 3, |_| ()),
            Err(RecordProblem::SegmentMissing(segment_name(7)))
        );

        // Cut the file inside the big record's data.
        let path = dir.path().join(segment_name(1));
        let file = OpenOptions::new().write(true).open(&path).unwrap();
        file.set_len(pb.offset + RECORD_HEADER + READ_BUFFER as u64 + 10)
            .unwrap();
        let mut r = SegmentReader::new(dir.path());
        assert!(matches!(
            r.read(1, pb.offset, &sb, big.len() as u64, |_| ()),
            Err(RecordProblem::Truncated { .. })
        ));
    }
}
