//! An open archive: the store plus the settings and clock the use cases share.

use crate::clock::Clock;
use crate::keys::{self, ArchiveKey};
use crate::listing::MessageListing;
use crate::settings::{Settings, nanos};
use crate::triage::{Assigner, Triage};
use crate::{AppError, Result, io_error, project};
use jiff::Timestamp;
use mailward_evidence::checkpoint::{self, TreeHead};
use mailward_evidence::entry::Entry;
use mailward_store::Store;
use std::path::Path;
use std::sync::Arc;

/// The archive in a data directory.
pub struct Archive {
    /// The durable store.
    pub store: Store,
    /// Presentation settings.
    pub settings: Settings,
    /// Where "now" comes from.
    pub clock: Arc<dyn Clock>,
    /// Configuration, lexicons and clustering: loaded at first use, so that commands that do
    /// not triage (verify, raw, proofs) neither pay for compiling the lexicons nor depend on
    /// the office's files being valid.
    triage: std::sync::OnceLock<Arc<Triage>>,
}

/// One mail shown in full (`mailward show`).
#[derive(Clone, Debug, serde::Serialize)]
pub struct Shown {
    /// The listing fields.
    #[serde(flatten)]
    pub listing: MessageListing,
    /// The decoded plain text.
    pub text: String,
    /// Attachments: `name`, `content_type`, `size`, `sha256`.
    pub attachments: Vec<serde_json::Value>,
    /// The replies recorded for this mail, oldest first, each with its outcome (`unknown` when
    /// the log cannot tell whether it left).
    pub replies: Vec<crate::reply::ReplyRecord>,
}

/// A signed checkpoint just written.
#[derive(Clone, Debug, serde::Serialize)]
pub struct CheckpointMade {
    /// Row id.
    pub id: u64,
    /// Entries covered.
    pub tree_size: u64,
    /// Root (hex).
    pub root: String,
    /// When signed (office offset).
    pub signed_at: String,
    /// The signed note text.
    pub note: String,
}

impl Archive {
    /// Opens (creating on first use) the archive in `dir`.
    pub async fn open(dir: &Path, settings: Settings, clock: Arc<dyn Clock>) -> Result<Archive> {
        Ok(Archive {
            store: Store::open(dir).await?,
            settings,
            clock,
            triage: std::sync::OnceLock::new(),
        })
    }

    /// Configuration, lexicons and clustering of this data directory (read and compiled at the
    /// first call; a file with an error is reported then, naming it).
    pub fn triage(&self) -> Result<Arc<Triage>> {
        if let Some(t) = self.triage.get() {
            return Ok(t.clone());
        }
        let loaded = Arc::new(Triage::load(self.store.dir())?);
        Ok(self.triage.get_or_init(|| loaded).clone())
    }

    /// The archive's key (made at first use).
    pub fn key(&self) -> Result<ArchiveKey> {
        keys::load_or_create(self.store.dir())
    }

    /// Signs the current tree head, stores it, and keeps a copy as a file under `checkpoints/`
    /// that can be handed to a third party as it is.
    pub async fn checkpoint(&self) -> Result<CheckpointMade> {
        let writer = self.store.writer().await?;
        self.sign_checkpoint(&writer).await
    }

    /// Signs the head of the tree that `writer` holds (the import signs through its own writer,
    /// since the writer lock is not re-entrant).
    pub async fn sign_checkpoint(
        &self,
        writer: &mailward_store::Writer<'_>,
    ) -> Result<CheckpointMade> {
        let key = self.key()?;
        let (size, root) = writer.head();
        let now = self.clock.now();
        // Whole seconds keep the note short; the time is a claim of the signer, not a proof.
        let now = Timestamp::from_second(now.as_second()).unwrap_or(now);
        let head = TreeHead {
            origin: key.name.clone(),
            size,
            root,
            time: now,
        };
        let note = checkpoint::sign(&head, &key.signing);
        let id = writer
            .add_checkpoint(&root, &now.to_string(), &note)
            .await?;
        let dir = self.store.dir().join("checkpoints");
        std::fs::create_dir_all(&dir).map_err(io_error(format!("creating {}", dir.display())))?;
        let file = dir.join(format!("checkpoint-{id:06}.txt"));
        std::fs::write(&file, &note).map_err(io_error(format!("writing {}", file.display())))?;
        Ok(CheckpointMade {
            id,
            tree_size: size,
            root: hex::encode(root),
            signed_at: self.settings.show(now),
            note,
        })
    }

    /// Archived mail whose event time lies in `[since, until)`, from one sender if given, page by
    /// page through `each`.
    pub async fn messages(
        &self,
        since: Option<Timestamp>,
        until: Option<Timestamp>,
        sender: Option<&str>,
        mut each: impl FnMut(MessageListing) -> Result<()>,
    ) -> Result<()> {
        let (since, until) = (since.map(nanos), until.map(nanos));
        let sender = sender.map(|s| s.trim().to_lowercase());
        let mut after = 0;
        loop {
            let page = self
                .store
                .messages_page(since, until, sender.as_deref(), after, 2000)
                .await?;
            let Some(last) = page.last() else { break };
            after = last.id;
            for row in &page {
                each(MessageListing::from_row(row, &self.settings))?;
            }
        }
        Ok(())
    }

    /// The exact raw bytes of message `id`, checked against their hash.
    pub async fn raw(&self, id: u64) -> Result<Vec<u8>> {
        let entry = self
            .store
            .entry(id)
            .await?
            .ok_or_else(|| AppError::Invalid(format!("no message with id {id}")))?;
        let Ok(Entry::Received(received)) = Entry::decode(&entry.body) else {
            return Err(AppError::Invalid(format!(
                "entry {id} is not a received mail (or is damaged: run `mailward verify`)"
            )));
        };
        self.store
            .blob(&received.sha256)
            .await?
            .ok_or_else(|| {
                AppError::Invalid(format!(
                    "the bytes of message {id} ({}) are missing from the blob store: run `mailward verify`",
                    received.sha256
                ))
            })
    }

    /// The exact bytes an entry archived, checked against their hash: a received mail's (as
    /// [`Archive::raw`]) or, for a `sending` entry, the reply's as handed to the server. What
    /// `mailward raw` prints, so a reply can be handed out as evidence like a received mail.
    pub async fn raw_of_entry(&self, id: u64) -> Result<Vec<u8>> {
        let entry = self
            .store
            .entry(id)
            .await?
            .ok_or_else(|| AppError::Invalid(format!("no message with id {id}")))?;
        match Entry::decode(&entry.body) {
            Ok(Entry::Sending(s)) => self.store.blob(&s.sha256).await?.ok_or_else(|| {
                AppError::Invalid(format!(
                    "the bytes of the reply of entry {id} ({}) are missing from the blob store: run `mailward verify`",
                    s.sha256
                ))
            }),
            _ => self.raw(id).await,
        }
    }

    /// One mail as people read it: its listing plus the decoded text and attachments, decoded
    /// afresh from the raw bytes (which are checked against their hash first).
    pub async fn show(&self, id: u64) -> Result<Shown> {
        let row = self
            .store
            .message(id)
            .await?
            .ok_or_else(|| AppError::Invalid(format!("no message with id {id}")))?;
        let raw = self.raw(id).await?;
        let decoded = mailward_mail::decode::decode(&raw);
        Ok(Shown {
            listing: MessageListing::from_row(&row, &self.settings),
            text: decoded.text,
            attachments: decoded
                .attachments
                .into_iter()
                .map(|a| {
                    serde_json::json!({
                        "name": a.name, "content_type": a.content_type, "size": a.size, "sha256": a.sha256
                    })
                })
                .collect(),
            replies: self.replies_to(id).await?,
        })
    }

    /// Drops and recomputes all derived data from the log (decoding and triage, with the
    /// current lexicons and configuration); returns how many entries were read. Topics are
    /// assigned in log order, as ingest does, so a rebuild gives what ingest gave.
    pub async fn rebuild(&self) -> Result<u64> {
        self.store.clear_derived().await?;
        let triage = self.triage()?;
        let mut assigner = Assigner::new(triage.config.triage.cluster_params());
        let mut after = 0;
        let mut count = 0;
        loop {
            let page = self.store.entries_after(after, 1000).await?;
            let Some(last) = page.last() else { break };
            after = last.seq;
            let mut projected = Vec::with_capacity(page.len());
            for stored in &page {
                count += 1;
                match Entry::decode(&stored.body) {
                    Ok(entry) => {
                        let Entry::Received(r) = &entry else {
                            continue;
                        };
                        let raw = match self.store.blob(&r.sha256).await {
                            Ok(raw) => raw,
                            Err(e) => {
                                tracing::warn!(
                                    "the raw bytes of entry {} cannot be read: {e}",
                                    stored.seq
                                );
                                None
                            }
                        };
                        projected.extend(project::project(&entry, raw.as_deref(), &triage));
                    }
                    Err(e) => tracing::warn!("entry {} cannot be read ({e}); skipped", stored.seq),
                }
            }
            let (mut rows, mails): (Vec<_>, Vec<_>) =
                projected.into_iter().map(|p| (p.row, p.mail)).unzip();
            let mut refs: Vec<_> = rows.iter_mut().collect();
            let mail_refs: Vec<_> = mails.iter().map(Option::as_ref).collect();
            let merges = assigner.assign(&self.store, &mut refs, &mail_refs).await?;
            self.store.insert_messages(&rows, &merges).await?;
        }
        Ok(count)
    }
}
