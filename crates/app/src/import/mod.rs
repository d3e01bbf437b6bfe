//! `mailward import`: archive Maildir folders, mbox files and message files, byte for byte.
//!
//! The work is a two-stage pipeline. A reader thread walks the inputs ([`walk`]), reads each
//! mail, hashes it and sends it on through a channel bounded in bytes, so memory stays flat
//! however large the input. The writer (the caller's task) gathers mails into batches, drops the
//! ones whose bytes the archive already holds (a duplicate is the same raw bytes), and makes each
//! batch durable through [`mailward_store::Writer`]. Only then is a mail counted, written to the
//! receipts file and shown as imported. A signed checkpoint closes every import that added mail.

mod prefetch;
pub mod walk;

use crate::archive::{Archive, CheckpointMade};
use crate::clock::Clock;
use crate::project::{Prepared, Projected};
use crate::settings::Settings;
use crate::triage::{Assigner, MailTriage, Triage};
use crate::{Result, io_error, project};
use jiff::Timestamp;
use mailward_evidence::Sha256;
use mailward_evidence::entry::{Entry, Envelope, ImportFormat, Received, Source};
pub use mailward_mail::mbox::Quoting;
use mailward_mail::mbox::{MboxReader, from_line_date};
use mailward_mail::sniff::{Container, sniff};
use mailward_store::{Append, ImapMail, ImapPlacement, MessageRow, NewBlob};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs::File;
use std::io::{BufReader, Read, Write as _};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;
use tokio::sync::mpsc;
use walk::{Found, Reached};

/// How an import behaves.
#[derive(Clone, Debug)]
pub struct ImportOptions {
    /// How mbox `>From ` lines are treated.
    pub quoting: Quoting,
    /// A file that receives one JSON line per mail once it is durable (for scripts and audits).
    pub receipts: Option<PathBuf>,
    /// Most mails per batch (one fsync and one commit each).
    pub batch_mails: usize,
    /// Most raw bytes per batch.
    pub batch_bytes: usize,
    /// Longest a mail waits in a half-full batch before it is committed.
    pub batch_delay: Duration,
    /// Sign a checkpoint at the end when mail was added.
    pub checkpoint: bool,
}

impl Default for ImportOptions {
    fn default() -> Self {
        ImportOptions {
            quoting: Quoting::Mboxrd,
            receipts: None,
            batch_mails: 1000,
            batch_bytes: 32 << 20,
            batch_delay: Duration::from_millis(200),
            checkpoint: true,
        }
    }
}

/// A path that could not be archived, and why.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Failure {
    /// The file or folder (with `#offset` for a message inside an mbox).
    pub path: String,
    /// What was wrong, in words.
    pub reason: String,
}

/// What an import did. The first four fields are the JSON contract of `import --json`.
#[derive(Clone, Debug, Default, Serialize)]
pub struct ImportSummary {
    /// Mails newly archived.
    pub imported: u64,
    /// Mails whose bytes the archive already held.
    pub duplicates: u64,
    /// Things worth a look that did not stop a mail from being archived (or were skipped).
    pub warnings: u64,
    /// Paths that could not be archived.
    pub failed: Vec<Failure>,
    /// The warnings, each with its path.
    pub warning_details: Vec<Failure>,
    /// Raw bytes newly archived.
    pub bytes: u64,
    /// The checkpoint signed at the end, if mail was added.
    pub checkpoint: Option<CheckpointMade>,
}

/// Receives progress, for a progress bar; all methods may be called from the reader thread.
pub trait Progress: Send + Sync {
    /// Whether a total is wanted (it costs a second walk of the inputs).
    fn wants_total(&self) -> bool {
        false
    }
    /// The total input bytes, once known.
    fn set_total(&self, _bytes: u64) {}
    /// Input bytes read so far advanced by `bytes`.
    fn advance(&self, _bytes: u64) {}
    /// Durable counts so far.
    fn counts(&self, _imported: u64, _duplicates: u64) {}
}

/// No progress display.
pub struct NoProgress;
impl Progress for NoProgress {}

/// A mail read and hashed, on its way to the writer.
pub(crate) struct Candidate {
    bytes: Vec<u8>,
    sha256: Sha256,
    received_at: Timestamp,
    server_received_at: Option<(Timestamp, &'static str)>,
    source: Source,
    envelope: Envelope,
    label: String,
    /// Decoded fields and per-mail triage, computed by the prepare stage (None if it could not).
    prepared: Option<Prepared>,
}

impl Candidate {
    /// A mail from another source than files (IMAP, SMTP): bytes as received, when mailward got
    /// them, the server's time and its basis, and where it came from.
    pub(crate) fn new(
        bytes: Vec<u8>,
        received_at: Timestamp,
        server_received_at: Option<(Timestamp, &'static str)>,
        source: Source,
        label: String,
    ) -> Candidate {
        Candidate {
            sha256: Sha256::of(&bytes),
            bytes,
            received_at,
            server_received_at,
            source,
            envelope: Envelope::default(),
            label,
            prepared: None,
        }
    }

    /// Sets the transport facts of a mail that came with an envelope (an SMTP session).
    pub(crate) fn set_envelope(&mut self, envelope: Envelope) {
        self.envelope = envelope;
    }

    /// The raw bytes' length.
    pub(crate) fn size(&self) -> usize {
        self.bytes.len()
    }
}

/// The durable path for mails from any source: archive a batch (blobs synced, entries and
/// derived rows committed) and learn each mail's id. Holds the writer lock while it lives.
pub(crate) struct Ingest<'w> {
    writer: mailward_store::Writer<'w>,
    receipts: Receipts,
    assigner: Assigner,
    /// Counts so far.
    pub(crate) summary: ImportSummary,
}

impl<'w> Ingest<'w> {
    /// Takes the writer lock.
    pub(crate) async fn open(archive: &'w Archive) -> Result<Ingest<'w>> {
        Ok(Ingest {
            writer: archive.store.writer().await?,
            receipts: Receipts::open(None)?,
            assigner: Assigner::new(archive.triage()?.config.triage.cluster_params()),
            summary: ImportSummary::default(),
        })
    }

    /// Archives the mails; returns each one's id (its `received` entry's sequence number, also
    /// for a duplicate: the id under which the same bytes were archived first).
    pub(crate) async fn add(
        &mut self,
        archive: &Archive,
        mut batch: Vec<Candidate>,
    ) -> Result<Vec<u64>> {
        archive
            .commit(
                &mut self.writer,
                &mut batch,
                &mut self.summary,
                &mut self.receipts,
                &mut self.assigner,
            )
            .await
    }

    /// The sequence number the next entry gets.
    pub(crate) fn next_seq(&self) -> u64 {
        self.writer.next_seq()
    }

    /// Appends entries that refer to archived bytes without bringing new ones (`removed`,
    /// `sorted`), numbered from [`Ingest::next_seq`] on, in one durable batch.
    pub(crate) async fn append_entries(&mut self, entries: &[Entry]) -> Result<()> {
        let appends: Vec<Append> = entries
            .iter()
            .map(|e| Append {
                seq: e.seq(),
                kind: e.kind(),
                entry: e.encode(),
                refers_to: e.blob(),
                blob: None,
                message: None,
            })
            .collect();
        self.writer.append(&appends).await?;
        Ok(())
    }

    /// Signs a checkpoint of the log as it now stands.
    pub(crate) async fn checkpoint(&self, archive: &Archive) -> Result<CheckpointMade> {
        archive.sign_checkpoint(&self.writer).await
    }
}

enum Item {
    /// Boxed: a candidate with its prepared rows is large, failures and warnings are small.
    Mail(Box<Candidate>),
    Failed(Failure),
    Warning(Failure),
}

/// Bounds the raw bytes in flight between reader and writer.
struct Budget {
    in_flight: Mutex<u64>,
    freed: Condvar,
    cap: u64,
}

impl Budget {
    fn acquire(&self, n: u64) {
        let mut used = self.in_flight.lock().unwrap_or_else(|e| e.into_inner());
        // One mail larger than the cap still passes when nothing else is in flight.
        while *used > 0 && *used + n > self.cap {
            used = self.freed.wait(used).unwrap_or_else(|e| e.into_inner());
        }
        *used += n;
    }

    fn release(&self, n: u64) {
        let mut used = self.in_flight.lock().unwrap_or_else(|e| e.into_inner());
        *used = used.saturating_sub(n);
        self.freed.notify_all();
    }
}

struct Reader<'a> {
    tx: std::sync::mpsc::SyncSender<Item>,
    budget: &'a Budget,
    clock: &'a dyn Clock,
    settings: &'a Settings,
    quoting: Quoting,
    progress: &'a dyn Progress,
    paths: SourcePaths,
    closed: bool,
}

/// The paths recorded in entries: the folder made canonical (absolute, no `..`, links resolved)
/// once per folder rather than once per file, since resolving walks every path component and a
/// Maildir holds thousands of files in one folder; the file name is kept as it is.
#[derive(Default)]
struct SourcePaths {
    folder: Option<(PathBuf, PathBuf)>,
}

impl SourcePaths {
    fn of(&mut self, path: &Path) -> String {
        let (Some(parent), Some(name)) = (path.parent(), path.file_name()) else {
            return std::path::absolute(path)
                .unwrap_or_else(|_| path.to_path_buf())
                .to_string_lossy()
                .into_owned();
        };
        let cached = self.folder.as_ref().filter(|(raw, _)| raw == parent);
        let canonical = match cached {
            Some((_, canonical)) => canonical.clone(),
            None => {
                let folder = if parent.as_os_str().is_empty() {
                    Path::new(".")
                } else {
                    parent
                };
                let canonical = std::fs::canonicalize(folder)
                    .or_else(|_| std::path::absolute(folder))
                    .unwrap_or_else(|_| folder.to_path_buf());
                self.folder = Some((parent.to_path_buf(), canonical.clone()));
                canonical
            }
        };
        canonical.join(name).to_string_lossy().into_owned()
    }
}

impl Reader<'_> {
    fn send(&mut self, item: Item) {
        if !self.closed && self.tx.send(item).is_err() {
            // The writer stopped (an error it reports itself); stop reading.
            self.closed = true;
        }
    }

    fn fail(&mut self, path: &Path, reason: impl Into<String>) {
        self.send(Item::Failed(Failure {
            path: path.display().to_string(),
            reason: reason.into(),
        }));
    }

    fn warn(&mut self, label: String, message: impl Into<String>) {
        self.send(Item::Warning(Failure {
            path: label,
            reason: message.into(),
        }));
    }

    fn mail(
        &mut self,
        bytes: Vec<u8>,
        meta: (Source, Envelope, Option<(Timestamp, &'static str)>),
        label: String,
    ) {
        let (source, envelope, server_received_at) = meta;
        self.budget.acquire(bytes.len() as u64);
        let candidate = Candidate {
            sha256: Sha256::of(&bytes),
            received_at: self.clock.now(),
            bytes,
            server_received_at,
            source,
            envelope,
            label,
            prepared: None,
        };
        self.send(Item::Mail(Box::new(candidate)));
    }

    /// Reads one file; returns whether it held mail (for the "no mail found" check).
    fn file(&mut self, path: &Path, reached: Reached) -> bool {
        let file = match File::open(path) {
            Ok(f) => f,
            Err(e) => {
                self.fail(path, format!("cannot open: {e}"));
                return true;
            }
        };
        let len = file.metadata().map(|m| m.len()).unwrap_or(0);
        let mut reader = BufReader::with_capacity(1 << 16, file);
        let head = match std::io::BufRead::fill_buf(&mut reader) {
            Ok(h) => h.to_vec(),
            Err(e) => {
                self.fail(path, format!("cannot read: {e}"));
                return true;
            }
        };
        if head.is_empty() {
            if reached != Reached::Search {
                self.fail(path, "empty file: there is nothing to archive");
            }
            self.progress.advance(len);
            return reached != Reached::Search;
        }
        let container = sniff(&head);
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        // A `.eml` file is one message by its name, even when it starts with a From_ line (some
        // tools save the envelope line too): it is archived whole, byte for byte.
        let named_message = name.to_ascii_lowercase().ends_with(".eml");
        let is_mbox = container == Container::Mbox && reached != Reached::Maildir && !named_message;
        if container == Container::Unknown && reached == Reached::Search && !named_message {
            self.warn(
                path.display().to_string(),
                "skipped: not a mail file (no header or mbox separator at the start)",
            );
            self.progress.advance(len);
            return false;
        }
        if is_mbox {
            self.mbox(path, reader);
            return true;
        }
        let mut bytes = Vec::with_capacity(len as usize);
        if let Err(e) = reader.read_to_end(&mut bytes) {
            self.fail(path, format!("cannot read: {e}"));
            return true;
        }
        self.progress.advance(bytes.len() as u64);
        let label = path.display().to_string();
        if container == Container::Unknown {
            self.warn(
                label.clone(),
                "does not look like a mail message (no header at the start); archived as it is",
            );
        }
        let (format, server_time) = if reached == Reached::Maildir {
            let from_name = mailward_mail::maildir::delivery_time(&name).and_then(|(s, us)| {
                Timestamp::new(s, (us * 1000) as i32)
                    .ok()
                    .map(|t| (t, "maildir_name"))
            });
            let from_mtime = || {
                std::fs::metadata(path)
                    .and_then(|m| m.modified())
                    .ok()
                    .and_then(|t| Timestamp::try_from(t).ok())
                    .map(|t| (t, "maildir_file_mtime"))
            };
            (ImportFormat::Maildir, from_name.or_else(from_mtime))
        } else {
            (ImportFormat::Eml, None)
        };
        let source = Source::Import {
            format,
            path: self.paths.of(path),
        };
        self.mail(bytes, (source, Envelope::default(), server_time), label);
        true
    }

    fn mbox(&mut self, path: &Path, reader: BufReader<File>) {
        let mut messages = MboxReader::new(reader, self.quoting);
        let mut consumed = 0;
        let source_path = self.paths.of(path);
        loop {
            let next = messages.next();
            let offset = messages.offset();
            self.progress.advance(offset - consumed);
            consumed = offset;
            let message = match next {
                None => break,
                Some(Err(e)) => {
                    self.fail(path, format!("reading mbox failed at byte {offset}: {e}"));
                    break;
                }
                Some(Ok(m)) => m,
            };
            let label = format!("{}#{}", path.display(), message.offset);
            if message.bytes.is_empty() {
                self.warn(
                    label,
                    "empty message in mbox (a separator line only); nothing to archive",
                );
                continue;
            }
            let server_time =
                from_line_date(&message.from_line).and_then(|(y, mo, d, h, mi, s)| {
                    let civil = jiff::civil::DateTime::new(y, mo, d, h, mi, s, 0).ok()?;
                    let instant = self.settings.tz.to_timestamp(civil).ok()?;
                    Some((instant, "mbox_from_line"))
                });
            let envelope = Envelope {
                mbox_from_line: Some(message.from_line),
                mbox_offset: Some(message.offset),
                mbox_unquoted_lines: Some(message.unquoted_lines),
                smtp: None,
            };
            let source = Source::Import {
                format: ImportFormat::Mbox,
                path: source_path.clone(),
            };
            self.mail(message.bytes, (source, envelope, server_time), label);
            if self.closed {
                break;
            }
        }
    }

    fn run(&mut self, args: &[PathBuf]) {
        if self.progress.wants_total() {
            let mut total = 0;
            walk::walk(args, |found| {
                if let Found::File { path, .. } = found {
                    total += std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
                }
            });
            self.progress.set_total(total);
        }
        let mut mail_per_arg = vec![0u64; args.len()];
        let mut prefetch = prefetch::Prefetch::start(2, 256);
        walk::walk(args, |found| {
            if self.closed {
                return;
            }
            match found {
                Found::Upcoming(files) => prefetch.upcoming(&files),
                Found::Failed { path, reason } => self.fail(&path, reason),
                Found::File { path, reached, arg } => {
                    if self.file(&path, reached) {
                        mail_per_arg[arg] += 1;
                    }
                    if reached == Reached::Maildir {
                        prefetch.consumed();
                    }
                }
            }
        });
        drop(prefetch);
        for (arg, count) in mail_per_arg.iter().enumerate() {
            if *count == 0 && args[arg].is_dir() {
                self.fail(
                    &args[arg],
                    "no mail found: not a Maildir (no cur/ or new/ folder) and no mbox or message files inside",
                );
            }
        }
    }
}

/// Writes receipts, one JSON line per durable mail.
/// Writes receipts: a batch's lines are gathered and written with one `write_all`, so a kill
/// leaves at most one cut-off line at the end, and a cut-off line left by an earlier run is closed
/// with a newline before new lines are appended.
struct Receipts {
    file: Option<File>,
    pending: Vec<u8>,
}

#[derive(Serialize)]
struct Receipt<'a> {
    status: &'a str,
    id: Option<u64>,
    sha256: String,
    path: &'a str,
}

impl Receipts {
    fn open(path: Option<&Path>) -> Result<Receipts> {
        let Some(path) = path else {
            return Ok(Receipts {
                file: None,
                pending: Vec::new(),
            });
        };
        let what = || format!("opening receipts file {}", path.display());
        let mut file = File::options()
            .create(true)
            .read(true)
            .append(true)
            .open(path)
            .map_err(io_error(what()))?;
        let len = file.metadata().map_err(io_error(what()))?.len();
        if len > 0 {
            use std::io::{Seek as _, SeekFrom};
            let mut last = [0u8; 1];
            file.seek(SeekFrom::Start(len - 1))
                .and_then(|_| file.read_exact(&mut last))
                .map_err(io_error(what()))?;
            if last[0] != b'\n' {
                file.write_all(b"\n").map_err(io_error(what()))?;
            }
        }
        Ok(Receipts {
            file: Some(file),
            pending: Vec::new(),
        })
    }

    fn write(&mut self, receipt: &Receipt<'_>) -> Result<()> {
        if self.file.is_some() {
            serde_json::to_writer(&mut self.pending, receipt)
                .map_err(|e| crate::AppError::Invalid(format!("writing a receipt: {e}")))?;
            self.pending.push(b'\n');
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<()> {
        if let Some(file) = self.file.as_mut() {
            file.write_all(&self.pending)
                .map_err(io_error("writing receipts"))?;
            self.pending.clear();
        }
        Ok(())
    }
}

/// What the import loop holds between batches: the writer (and its lock), the receipts file, the
/// topic assigner, the running summary and the batch being filled.
struct Pending<'w> {
    ingest: Ingest<'w>,
    batch: Vec<Candidate>,
    batch_bytes: usize,
}

impl Pending<'_> {
    /// Commits the batch, frees its bytes for the reader and reports progress.
    async fn flush(
        &mut self,
        archive: &Archive,
        budget: &Budget,
        progress: &dyn Progress,
    ) -> Result<()> {
        let batch = std::mem::take(&mut self.batch);
        self.ingest.add(archive, batch).await?;
        budget.release(self.batch_bytes as u64);
        self.batch_bytes = 0;
        progress.counts(self.ingest.summary.imported, self.ingest.summary.duplicates);
        Ok(())
    }
}

/// Mails handed to the prepare stage at once, at most: enough to share among the cores, few
/// enough that the writer is never kept waiting for a large batch.
const PREPARE_BATCH: usize = 64;

/// The prepare stage, on its own thread between reader and writer: decodes and triages each mail
/// (on up to 4 threads when mails queue up) while the writer commits the previous batch, so
/// that the commit only writes. Items keep their order.
fn prepare_stage(rx: std::sync::mpsc::Receiver<Item>, tx: mpsc::Sender<Item>, triage: &Triage) {
    while let Ok(first) = rx.recv() {
        let mut items = vec![first];
        while items.len() < PREPARE_BATCH {
            match rx.try_recv() {
                Ok(item) => items.push(item),
                Err(_) => break,
            }
        }
        let mut mails: Vec<&mut Candidate> = items
            .iter_mut()
            .filter_map(|i| match i {
                Item::Mail(c) => Some(&mut **c),
                _ => None,
            })
            .collect();
        prepare_in_parallel(&mut mails, triage);
        for item in items {
            if tx.blocking_send(item).is_err() {
                return; // the writer stopped; the reader notices when its channel closes
            }
        }
    }
}

/// Decodes and triages mails of any source ahead of their commit (the IMAP path calls it beside
/// its fetch), on up to 4 threads, so that the commit only writes.
pub(crate) fn prepare(batch: &mut [Candidate], triage: &Triage) {
    let mut mails: Vec<&mut Candidate> = batch.iter_mut().collect();
    prepare_in_parallel(&mut mails, triage);
}

fn prepare_in_parallel(mails: &mut [&mut Candidate], triage: &Triage) {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 4);
    let prepare_one = |c: &mut Candidate| {
        // A panic in decoding or triage leaves the mail unprepared: the commit retries it
        // and, failing again, leaves its listing row for `mailward rebuild`.
        c.prepared = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            project::prepare(&c.bytes, triage)
        }))
        .ok();
    };
    if mails.len() < 8 || threads == 1 {
        mails.iter_mut().for_each(|c| prepare_one(c));
    } else {
        // Each thread takes the next mail not yet taken, so that one long mail (an HTML
        // newsletter, a large attachment) does not leave the other threads idle at the end of
        // a fixed share: the batch ends when its last mail does, not its slowest share.
        let queue = std::sync::Mutex::new(mails.iter_mut());
        std::thread::scope(|scope| {
            for _ in 0..threads {
                scope.spawn(|| {
                    // The lock is held only to take the next mail; a poisoned queue (a panic
                    // outside catch_unwind) ends this thread, and its mails stay unprepared.
                    while let Some(c) = queue.lock().ok().and_then(|mut q| q.next()) {
                        prepare_one(c);
                    }
                });
            }
        });
    }
}

/// The derived rows of a batch: from what the prepare stage computed, or, for a mail it could
/// not prepare, computed here on as many threads as there are cores (at most 4).
fn derive_rows(
    entries: &[(Entry, &Candidate)],
    prepared: Vec<Option<Prepared>>,
    triage: &Triage,
) -> Vec<Option<Projected>> {
    if prepared.iter().all(Option::is_some) {
        return entries
            .iter()
            .zip(prepared)
            .map(|((entry, _), p)| project::project_prepared(entry, p))
            .collect();
    }
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 4);
    let chunk = entries.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let handles: Vec<_> = entries
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    part.iter()
                        .map(|(entry, c)| project::project(entry, Some(&c.bytes), triage))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .zip(entries.chunks(chunk))
            .flat_map(|(h, part)| {
                // A decoder panic must not shift rows onto the wrong entries: that chunk gets no
                // derived rows (a later `mailward rebuild` retries), the evidence is unaffected.
                h.join().unwrap_or_else(|_| {
                    tracing::error!(
                        "decoding panicked; {} listing rows left for rebuild",
                        part.len()
                    );
                    part.iter().map(|_| None).collect()
                })
            })
            .collect()
    })
}

impl Archive {
    /// Imports the given paths; see the module documentation for the order of events.
    pub async fn import(
        &self,
        args: &[PathBuf],
        options: &ImportOptions,
        progress: Arc<dyn Progress>,
    ) -> Result<ImportSummary> {
        let mut ingest = Ingest::open(self).await?;
        ingest.receipts = Receipts::open(options.receipts.as_deref())?;
        let mut pending = Pending {
            ingest,
            batch: Vec::new(),
            batch_bytes: 0,
        };
        let budget = Arc::new(Budget {
            in_flight: Mutex::new(0),
            freed: Condvar::new(),
            cap: (options.batch_bytes as u64).saturating_mul(2).max(1 << 20),
        });
        let (tx, mut rx) = mpsc::channel::<Item>(options.batch_mails.max(1) * 2);
        let (to_prepare, prepare_rx) = std::sync::mpsc::sync_channel::<Item>(PREPARE_BATCH * 2);
        let preparer = {
            let triage = self.triage()?;
            std::thread::spawn(move || prepare_stage(prepare_rx, tx, &triage))
        };
        let tx = to_prepare;
        let reader = {
            let args = args.to_vec();
            let budget = budget.clone();
            let clock = self.clock.clone();
            let settings = self.settings.clone();
            let quoting = options.quoting;
            let progress = progress.clone();
            std::thread::spawn(move || {
                Reader {
                    tx,
                    budget: &budget,
                    clock: clock.as_ref(),
                    settings: &settings,
                    quoting,
                    progress: progress.as_ref(),
                    paths: SourcePaths::default(),
                    closed: false,
                }
                .run(&args)
            })
        };

        let result: Result<()> = async {
            loop {
                let item = if pending.batch.is_empty() {
                    rx.recv().await
                } else {
                    match tokio::time::timeout(options.batch_delay, rx.recv()).await {
                        Ok(item) => item,
                        Err(_) => {
                            pending.flush(self, &budget, progress.as_ref()).await?;
                            continue;
                        }
                    }
                };
                match item {
                    None => break,
                    Some(Item::Failed(f)) => pending.ingest.summary.failed.push(f),
                    Some(Item::Warning(w)) => {
                        pending.ingest.summary.warnings += 1;
                        pending.ingest.summary.warning_details.push(w);
                    }
                    Some(Item::Mail(c)) => {
                        pending.batch_bytes += c.bytes.len();
                        pending.batch.push(*c);
                        if pending.batch.len() >= options.batch_mails
                            || pending.batch_bytes >= options.batch_bytes
                        {
                            pending.flush(self, &budget, progress.as_ref()).await?;
                        }
                    }
                }
            }
            pending.flush(self, &budget, progress.as_ref()).await
        }
        .await;
        // Closing the channel stops the reader if the writer gave up early.
        drop(rx);
        budget.release(u64::MAX);
        let _ = reader.join();
        let _ = preparer.join();
        result?;
        if options.checkpoint && pending.ingest.summary.imported > 0 {
            pending.ingest.summary.checkpoint = Some(pending.ingest.checkpoint(self).await?);
        }
        Ok(pending.ingest.summary)
    }

    async fn commit(
        &self,
        writer: &mut mailward_store::Writer<'_>,
        batch: &mut Vec<Candidate>,
        summary: &mut ImportSummary,
        receipts: &mut Receipts,
        assigner: &mut Assigner,
    ) -> Result<Vec<u64>> {
        if batch.is_empty() {
            return Ok(Vec::new());
        }
        let shas: Vec<Sha256> = batch.iter().map(|c| c.sha256).collect();
        let mut prepared_all: Vec<Option<Prepared>> =
            batch.iter_mut().map(|c| c.prepared.take()).collect();
        let mut prepared = Vec::new();
        let known = writer.known_blobs(&shas).await?;
        let mut seen = HashSet::new();
        let mut appends = Vec::new();
        let mut outcome = Vec::with_capacity(batch.len());
        let mut seq = writer.next_seq();
        let mut entries = Vec::new();
        for (c, p) in batch.iter().zip(prepared_all.iter_mut()) {
            if known.contains(&c.sha256) || !seen.insert(c.sha256) {
                outcome.push(None);
                continue;
            }
            let entry = Entry::Received(Received {
                seq,
                received_at: c.received_at,
                server_received_at: c.server_received_at.map(|(t, _)| t),
                server_received_at_basis: c.server_received_at.map(|(_, b)| b.to_string()),
                source: c.source.clone(),
                envelope: c.envelope.clone(),
                sha256: c.sha256,
                size: c.bytes.len() as u64,
            });
            entries.push((entry, c));
            prepared.push(p.take());
            outcome.push(Some(seq));
            seq += 1;
        }
        let triage = self.triage()?;
        let projected = derive_rows(&entries, prepared, &triage);
        let merges;
        let (mut rows, mails): (Vec<Option<MessageRow>>, Vec<Option<MailTriage>>) = projected
            .into_iter()
            .map(|p| match p {
                Some(p) => (Some(p.row), p.mail),
                None => (None, None),
            })
            .unzip();
        {
            // Topics are assigned in log order, after the parallel part.
            let mut present: Vec<&mut MessageRow> = Vec::new();
            let mut their_mails: Vec<Option<&MailTriage>> = Vec::new();
            for (row, mail) in rows.iter_mut().zip(&mails) {
                if let Some(row) = row.as_mut() {
                    present.push(row);
                    their_mails.push(mail.as_ref());
                }
            }
            merges = assigner
                .assign(&self.store, &mut present, &their_mails)
                .await?;
        }
        for ((entry, c), message) in entries.iter().zip(rows) {
            appends.push(Append {
                seq: entry.seq(),
                kind: entry.kind(),
                entry: entry.encode(),
                refers_to: Some(c.sha256),
                blob: Some(NewBlob {
                    sha256: c.sha256,
                    bytes: &c.bytes,
                }),
                message,
            });
        }
        // Each mail's id: a new one gets its entry's; a duplicate has the id of its first copy
        // (in this batch, or archived before). Known before the commit, so that the IMAP places
        // of the batch are written in its transaction.
        let mut first_in_batch: HashMap<Sha256, u64> = HashMap::new();
        for (c, id) in batch.iter().zip(&outcome) {
            if let Some(id) = id {
                first_in_batch.entry(c.sha256).or_insert(*id);
            }
        }
        let archived_before: Vec<Sha256> = known.iter().copied().collect();
        let earlier = if archived_before.is_empty() {
            HashMap::new()
        } else {
            self.store.first_entries_of(&archived_before).await?
        };
        let ids: Vec<u64> = batch
            .iter()
            .zip(&outcome)
            .map(|(c, id)| {
                id.or_else(|| first_in_batch.get(&c.sha256).copied())
                    .or_else(|| earlier.get(&c.sha256).copied())
                    .unwrap_or(0)
            })
            .collect();
        let places = imap_places(batch, &ids);
        let placements: Vec<ImapPlacement<'_>> = places
            .iter()
            .map(|((account, folder, uidvalidity), mails)| ImapPlacement {
                account,
                folder,
                uidvalidity: *uidvalidity,
                mails,
            })
            .collect();
        writer
            .append_with_merges(&appends, &merges, &placements)
            .await?;
        drop(appends);
        for (c, id) in batch.iter().zip(outcome.iter().copied()) {
            match id {
                Some(_) => {
                    summary.imported += 1;
                    summary.bytes += c.bytes.len() as u64;
                }
                None => summary.duplicates += 1,
            }
            receipts.write(&Receipt {
                status: if id.is_some() {
                    "imported"
                } else {
                    "duplicate"
                },
                id,
                sha256: c.sha256.to_hex(),
                path: &c.label,
            })?;
        }
        receipts.flush()?;
        batch.clear();
        Ok(ids)
    }
}

/// The IMAP places of a batch's mails (those read from an IMAP folder), grouped by folder.
fn imap_places(batch: &[Candidate], ids: &[u64]) -> BTreeMap<(String, String, u32), Vec<ImapMail>> {
    let mut places: BTreeMap<(String, String, u32), Vec<ImapMail>> = BTreeMap::new();
    for (c, id) in batch.iter().zip(ids) {
        if let Source::Imap {
            account,
            folder,
            uidvalidity,
            uid,
        } = &c.source
        {
            places
                .entry((account.clone(), folder.clone(), *uidvalidity))
                .or_default()
                .push(ImapMail {
                    uid: *uid,
                    message: *id,
                    sha256: c.sha256,
                    keywords: String::new(),
                    placed: None,
                });
        }
    }
    places
}
