//! Syncing an IMAP mailbox into the archive: every mail is archived and triaged first, and only
//! after it is durable may mailward change anything on the server (move it to the quarantine
//! folder, add keywords). Nothing is ever deleted or expunged. A mail that disappears from a
//! watched folder without mailward moving it is recorded as a `removed` entry; the archive keeps
//! it. A changed UIDVALIDITY never loses or doubles a mail: the mails are fetched again and the
//! same bytes are recognised by their hash.
//!
//! One pass over a folder: SELECT, compare the server's UIDs with those recorded, record
//! disappearances, fetch and archive new mail in chunks (fetch, decode and triage, and commit overlap; memory
//! stays flat), then sort every
//! mail present in the folder (so a flood that arrived before its sender was flagged is cleared
//! out too), and record each action as a `sorted` entry after the server confirmed it.

use crate::archive::Archive;
use crate::import::{Candidate, Ingest};
use crate::senders::categories;
use crate::sorting::{self, Decision};
use crate::{AppError, Result};
use mailward_connect::{Connection, ImapTarget, Placed};
use mailward_evidence::entry::{Entry, Removed, Sorted, Source};
use mailward_store::ImapMail;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use tokio::sync::mpsc;

/// Mails fetched per command: memory stays flat however large the mailbox.
const FETCH_CHUNK: usize = 100;
/// Mails committed in one transaction at most during a first sync (as file import does).
const ARCHIVE_BATCH: usize = 1000;
/// Raw bytes committed in one transaction at most, so that large mails keep memory bounded.
const ARCHIVE_BATCH_BYTES: usize = 32 << 20;
/// Chunks waiting between fetch and prepare, and between prepare and commit, at most.
const CHUNKS_AHEAD: usize = 4;

/// What one pass over one folder did.
#[derive(Clone, Debug, Default, Serialize)]
pub struct FolderReport {
    /// The folder.
    pub folder: String,
    /// Its UIDVALIDITY.
    pub uidvalidity: u32,
    /// Whether the UIDVALIDITY differed from the last pass (mails were matched again by hash).
    pub uidvalidity_changed: bool,
    /// Mails on the server now.
    pub on_server: u64,
    /// Mails fetched in this pass.
    pub fetched: u64,
    /// New mails archived.
    pub archived: u64,
    /// Fetched mails already in the archive (same bytes).
    pub duplicates: u64,
    /// Mails that disappeared without mailward moving them (`removed` entries written).
    pub removed: u64,
    /// Mails moved to another folder.
    pub moved: u64,
    /// Mails copied (server without MOVE; the original stays).
    pub copied: u64,
    /// Mails that got keywords.
    pub keyworded: u64,
    /// Mails the server could not deliver (left for the next pass), by UID, with the reason.
    pub unreadable: Vec<String>,
}

/// What one sync of an account did.
#[derive(Clone, Debug, Default, Serialize)]
pub struct SyncReport {
    /// `user@host:port`.
    pub account: String,
    /// Per folder.
    pub folders: Vec<FolderReport>,
    /// The signed checkpoint made at the end, if anything was written.
    pub checkpoint: Option<crate::archive::CheckpointMade>,
}

fn imap_source(account: &str, folder: &str, uidvalidity: u32, uid: u32) -> Source {
    Source::Imap {
        account: account.to_string(),
        folder: folder.to_string(),
        uidvalidity,
        uid,
    }
}

impl Archive {
    /// Connects, syncs every folder once and logs out. Errors of the server (unreachable, wrong
    /// password, no such folder) come back as [`AppError::Imap`] with `retryable()` telling the
    /// caller whether to try again.
    pub async fn sync_imap(&self, target: &ImapTarget, folders: &[String]) -> Result<SyncReport> {
        let mut conn = Connection::connect(target).await?;
        let report = self.sync_connection(&mut conn, target, folders, true).await;
        conn.logout().await;
        report
    }

    /// Syncs every folder once over an open connection (`serve` keeps it for IDLE). With
    /// `full`, every mail present is sorted (the first pass: rules or thresholds may have
    /// changed since the last run); otherwise only a folder that brought new mail is sorted
    /// again, since a sender's flags change only with that sender's new mail.
    /// `target` is where `conn` leads: a server that drops the connection over one mail it
    /// cannot read is reconnected to, and that mail is left for the next pass.
    pub async fn sync_connection(
        &self,
        conn: &mut Connection,
        target: &ImapTarget,
        folders: &[String],
        full: bool,
    ) -> Result<SyncReport> {
        let account = conn.account().to_string();
        let mut report = SyncReport {
            account: account.clone(),
            ..SyncReport::default()
        };
        let mut ingest = Ingest::open(self).await?;
        let before = ingest.next_seq();
        for folder in folders {
            let r = self
                .sync_folder(conn, target, &mut ingest, &account, folder, full)
                .await?;
            report.folders.push(r);
        }
        if ingest.next_seq() > before {
            report.checkpoint = Some(ingest.checkpoint(self).await?);
        }
        Ok(report)
    }

    async fn sync_folder(
        &self,
        conn: &mut Connection,
        target: &ImapTarget,
        ingest: &mut Ingest<'_>,
        account: &str,
        folder: &str,
        full: bool,
    ) -> Result<FolderReport> {
        let status = conn.select(folder).await?;
        let uv = status.uidvalidity;
        let previous = self.store.imap_uidvalidity(account, folder).await?;
        let mut report = FolderReport {
            folder: folder.to_string(),
            uidvalidity: uv,
            uidvalidity_changed: previous.is_some_and(|p| p != uv),
            ..FolderReport::default()
        };
        // A new UIDVALIDITY: what was recorded under the old one is superseded (found again
        // below by hash), never reported as removed.
        self.store
            .set_imap_folder(account, folder, uv, None)
            .await?;
        let recorded: BTreeMap<u32, ImapMail> = self
            .store
            .imap_present(account, folder, uv)
            .await?
            .into_iter()
            .map(|m| (m.uid, m))
            .collect();
        let on_server: Vec<u32> = conn.uid_search_all().await?;
        report.on_server = on_server.len() as u64;
        let here: HashSet<u32> = on_server.iter().copied().collect();

        // 1. Disappearances: recorded as present, gone now, not moved by mailward.
        let gone: Vec<&ImapMail> = recorded
            .values()
            .filter(|m| !here.contains(&m.uid))
            .collect();
        if !gone.is_empty() {
            let now = self.clock.now();
            let mut seq = ingest.next_seq();
            let entries: Vec<Entry> = gone
                .iter()
                .map(|m| {
                    let e = Entry::Removed(Removed {
                        seq,
                        observed_at: now,
                        source: imap_source(account, folder, uv, m.uid),
                        sha256: m.sha256,
                        message: m.message,
                    });
                    seq += 1;
                    e
                })
                .collect();
            ingest.append_entries(&entries).await?;
            let uids: Vec<u32> = gone.iter().map(|m| m.uid).collect();
            self.store
                .update_imap_mails(account, folder, uv, &uids, Some("removed"), None, None)
                .await?;
            report.removed = uids.len() as u64;
        }

        // 2. New mail: archived (durable) before anything else happens to it.
        let new: Vec<u32> = on_server
            .iter()
            .copied()
            .filter(|u| !recorded.contains_key(u))
            .collect();
        let place = Place {
            account,
            folder,
            uidvalidity: uv,
        };
        if !new.is_empty() {
            self.fetch_and_archive(conn, target, &place, ingest, &new, &mut report)
                .await?;
        }

        // 3. Sorting, over every mail present (the flood that arrived before its sender was
        // flagged included); each action recorded after the server confirmed it. An IDLE wake
        // that brought no mail (an expunge, a flag change elsewhere) changes no sender's flags.
        if full || report.fetched > 0 {
            self.sort_folder(conn, ingest, &place, &mut report).await?;
        }
        self.store
            .set_imap_folder(
                account,
                folder,
                uv,
                Some(crate::settings::nanos(self.clock.now())),
            )
            .await?;
        Ok(report)
    }

    /// Fetches new mails in chunks of [`FETCH_CHUNK`] and archives them, three steps at once:
    /// while chunk n+1 is fetched, chunk n is decoded and triaged on the prepare threads, and
    /// the chunks before it are committed in batches of up to [`ARCHIVE_BATCH`] mails (one
    /// transaction with their IMAP places). Everything fetched before an error is still
    /// archived before the error is returned; a commit error stops the fetch.
    async fn fetch_and_archive(
        &self,
        conn: &mut Connection,
        target: &ImapTarget,
        place: &Place<'_>,
        ingest: &mut Ingest<'_>,
        new: &[u32],
        report: &mut FolderReport,
    ) -> Result<()> {
        let (account, folder, uv) = (place.account, place.folder, place.uidvalidity);
        let triage = self.triage()?;
        let (fetched_tx, mut fetched_rx) = mpsc::channel::<Vec<Candidate>>(CHUNKS_AHEAD);
        let (ready_tx, mut ready_rx) = mpsc::channel::<Vec<Candidate>>(CHUNKS_AHEAD);
        let preparer = tokio::task::spawn_blocking(move || {
            while let Some(mut chunk) = fetched_rx.blocking_recv() {
                crate::import::prepare(&mut chunk, &triage);
                if ready_tx.blocking_send(chunk).is_err() {
                    return; // the archiving side stopped; the fetch notices its closed channel
                }
            }
        });

        let mut fetched_count = 0u64;
        let mut unreadable = Vec::new();
        let fetching = async {
            for chunk in new.chunks(FETCH_CHUNK) {
                let fetched = fetch_chunk(conn, target, place, chunk, &mut unreadable).await?;
                fetched_count += fetched.len() as u64;
                let now = self.clock.now();
                let candidates: Vec<Candidate> = fetched
                    .into_iter()
                    .map(|m| {
                        let label =
                            format!("imap://{account}/{folder};UIDVALIDITY={uv};UID={}", m.uid);
                        Candidate::new(
                            m.bytes,
                            now,
                            m.internaldate.map(|t| (t, "imap_internaldate")),
                            imap_source(account, folder, uv, m.uid),
                            label,
                        )
                    })
                    .collect();
                if fetched_tx.send(candidates).await.is_err() {
                    break; // archiving failed; its error is the one reported
                }
            }
            drop(fetched_tx);
            Ok::<(), AppError>(())
        };

        let (mut archived, mut duplicates) = (0u64, 0u64);
        let archiving = async {
            while let Some(first) = ready_rx.recv().await {
                let mut batch = first;
                let mut bytes: usize = batch.iter().map(Candidate::size).sum();
                // Take what is ready, up to a batch: a large first sync commits rarely, a
                // single new mail (an IDLE wake) is committed at once.
                while batch.len() < ARCHIVE_BATCH && bytes < ARCHIVE_BATCH_BYTES {
                    match ready_rx.try_recv() {
                        Ok(more) => {
                            bytes += more.iter().map(Candidate::size).sum::<usize>();
                            batch.extend(more);
                        }
                        Err(_) => break,
                    }
                }
                let n = batch.len() as u64;
                let before = ingest.summary.imported;
                ingest.add(self, batch).await?;
                let new_ones = ingest.summary.imported - before;
                archived += new_ones;
                duplicates += n - new_ones;
            }
            Ok::<(), AppError>(())
        };

        let (fetched, stored) = tokio::join!(fetching, archiving);
        // The preparer ends when its channels close (both sides are done by now).
        let _ = preparer.await;
        report.fetched += fetched_count;
        report.archived += archived;
        report.duplicates += duplicates;
        report.unreadable.append(&mut unreadable);
        stored?;
        fetched
    }

    async fn sort_folder(
        &self,
        conn: &mut Connection,
        ingest: &mut Ingest<'_>,
        place: &Place<'_>,
        report: &mut FolderReport,
    ) -> Result<()> {
        let (account, folder, uv) = (place.account, place.folder, place.uidvalidity);
        let present = self.store.imap_present(account, folder, uv).await?;
        if present.is_empty() {
            return Ok(());
        }
        let ids: Vec<u64> = present.iter().map(|m| m.message).collect();
        let info: HashMap<u64, (Option<String>, String)> = self
            .store
            .message_senders(&ids)
            .await?
            .into_iter()
            .map(|(id, from, cats)| (id, (from, cats)))
            .collect();
        let mut senders: Vec<String> = info.values().filter_map(|(f, _)| f.clone()).collect();
        senders.sort();
        senders.dedup();
        let flags = self.sender_flags(&senders).await?;
        let triage = self.triage()?;
        let sorting_cfg = &triage.config.sorting;

        // Group the work: keywords to add, and destinations to move to.
        let mut keyword_groups: BTreeMap<Vec<String>, Vec<(&ImapMail, Decision)>> = BTreeMap::new();
        let mut moves: BTreeMap<String, Vec<(&ImapMail, Decision)>> = BTreeMap::new();
        for m in &present {
            let (from, cats) = info.get(&m.message).cloned().unwrap_or_default();
            let sender_flags = from
                .as_ref()
                .and_then(|f| flags.get(f))
                .cloned()
                .unwrap_or_default();
            let d = sorting::decide(
                from.as_deref(),
                &categories(&cats),
                &sender_flags,
                sorting_cfg,
                folder,
            );
            let done: HashSet<&str> = m.keywords.split_whitespace().collect();
            let missing: Vec<String> = d
                .keywords
                .iter()
                .filter(|k| !done.contains(k.as_str()))
                .cloned()
                .collect();
            if !missing.is_empty() {
                keyword_groups
                    .entry(missing)
                    .or_default()
                    .push((m, d.clone()));
            }
            if let Some(to) = d.folder.clone()
                && m.placed.as_deref() != Some(to.as_str())
            {
                moves.entry(to).or_default().push((m, d));
            }
        }

        // Keywords first, so that they travel with a mail that is then moved.
        for (keywords, mails) in &keyword_groups {
            let uids: Vec<u32> = mails.iter().map(|(m, _)| m.uid).collect();
            let refs: Vec<&str> = keywords.iter().map(String::as_str).collect();
            conn.add_keywords(&uids, &refs).await?;
            let entries = place.sorted(
                ingest.next_seq(),
                self.clock.now(),
                mails,
                "keywords",
                None,
                keywords,
            );
            ingest.append_entries(&entries).await?;
            let mut by_keywords: BTreeMap<String, Vec<u32>> = BTreeMap::new();
            for (m, d) in mails {
                by_keywords
                    .entry(d.keywords.join(" "))
                    .or_default()
                    .push(m.uid);
            }
            for (all, uids) in by_keywords {
                self.store
                    .update_imap_mails(account, folder, uv, &uids, None, Some(&all), None)
                    .await?;
            }
            report.keyworded += uids.len() as u64;
        }
        for (to, mails) in &moves {
            conn.ensure_folder(to).await?;
            let uids: Vec<u32> = mails.iter().map(|(m, _)| m.uid).collect();
            let placed = conn.place(&uids, to).await?;
            let action = match placed {
                Placed::Moved => "moved",
                Placed::Copied => "copied",
            };
            let entries = place.sorted(
                ingest.next_seq(),
                self.clock.now(),
                mails,
                action,
                Some(to),
                &[],
            );
            ingest.append_entries(&entries).await?;
            let state = (placed == Placed::Moved).then_some("moved");
            self.store
                .update_imap_mails(account, folder, uv, &uids, state, None, Some(to))
                .await?;
            match placed {
                Placed::Moved => report.moved += uids.len() as u64,
                Placed::Copied => report.copied += uids.len() as u64,
            }
        }
        Ok(())
    }
}

/// A folder at one UIDVALIDITY: where mails sit when mailward fetches them or acts on them.
struct Place<'a> {
    account: &'a str,
    folder: &'a str,
    uidvalidity: u32,
}

impl Place<'_> {
    /// The `sorted` entries of one confirmed server action on `mails`, numbered from `seq`.
    fn sorted(
        &self,
        mut seq: u64,
        acted_at: jiff::Timestamp,
        mails: &[(&ImapMail, Decision)],
        action: &str,
        to: Option<&str>,
        keywords: &[String],
    ) -> Vec<Entry> {
        mails
            .iter()
            .map(|(m, d)| {
                let e = Entry::Sorted(Sorted {
                    seq,
                    acted_at,
                    source: imap_source(self.account, self.folder, self.uidvalidity, m.uid),
                    action: action.to_string(),
                    folder: to.map(str::to_string),
                    keywords: keywords.to_vec(),
                    reasons: d.reasons.clone(),
                    sha256: m.sha256,
                    message: m.message,
                });
                seq += 1;
                e
            })
            .collect()
    }
}

impl From<mailward_connect::ImapError> for AppError {
    fn from(e: mailward_connect::ImapError) -> Self {
        AppError::Imap(e)
    }
}

/// Connections a server may drop over single mails of one chunk before mailward takes it for a
/// failing server (and backs off) rather than for broken mails.
const DROPS_PER_CHUNK: usize = 3;

/// Fetches one chunk. One mail the server cannot deliver must not hold back the others: when
/// the server refuses the chunk, or drops the connection over it (Dovecot answers a mail file it
/// cannot read with `BYE`), the chunk is fetched again one mail at a time (reconnecting where
/// needed) and the mails it still cannot deliver are named in `unreadable` and left for the next
/// pass. A server that is down, or drops the connection over many mails, ends the pass.
async fn fetch_chunk(
    conn: &mut Connection,
    target: &ImapTarget,
    place: &Place<'_>,
    chunk: &[u32],
    unreadable: &mut Vec<String>,
) -> Result<Vec<mailward_connect::FetchedMail>> {
    use mailward_connect::ImapError;
    let first = match conn.fetch(chunk).await {
        Ok(f) => return Ok(f),
        Err(e) => e,
    };
    let isolate =
        !first.retryable() || matches!(first, ImapError::Refused(..) | ImapError::Closed(..));
    if !isolate {
        return Err(first.into());
    }
    if matches!(first, ImapError::Closed(..)) {
        reopen(conn, target, place).await?;
    }
    let mut one_by_one = Vec::new();
    let mut drops = 0;
    for uid in chunk {
        match conn.fetch(&[*uid]).await {
            Ok(f) => one_by_one.extend(f),
            Err(e @ ImapError::Closed(..)) => {
                drops += 1;
                if drops > DROPS_PER_CHUNK {
                    return Err(e.into());
                }
                tracing::warn!(
                    "{} {}: the server dropped the connection over UID {uid}; left for the next pass",
                    place.account,
                    place.folder
                );
                unreadable.push(format!("UID {uid}: {e}"));
                reopen(conn, target, place).await?;
            }
            Err(e) if e.retryable() && !matches!(e, ImapError::Refused(..)) => {
                return Err(e.into());
            }
            Err(e) => unreadable.push(format!("UID {uid}: {e}")),
        }
    }
    Ok(one_by_one)
}

/// Connects again and selects the folder; a changed UIDVALIDITY ends the pass (the next one
/// matches the mails again by hash).
async fn reopen(conn: &mut Connection, target: &ImapTarget, place: &Place<'_>) -> Result<()> {
    *conn = Connection::connect(target).await?;
    let status = conn.select(place.folder).await?;
    if status.uidvalidity != place.uidvalidity {
        return Err(mailward_connect::ImapError::Closed(format!(
            "the UIDVALIDITY of {} changed while reconnecting",
            place.folder
        ))
        .into());
    }
    Ok(())
}

/// A mailbox given on the command line: `imap://USER@HOST[:PORT]/FOLDER` (the user may itself
/// contain `@`, or `%40`; the folder may be percent-encoded UTF-8).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MailboxUrl {
    /// Login name.
    pub user: String,
    /// Host.
    pub host: String,
    /// Port, if given.
    pub port: Option<u16>,
    /// Folder (default INBOX).
    pub folder: String,
}

fn percent_decode(s: &str) -> Result<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
                .ok_or_else(|| AppError::Invalid(format!("bad percent escape in {s:?}")))?;
            out.push(hex);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| AppError::Invalid(format!("{s:?} is not UTF-8")))
}

impl MailboxUrl {
    /// Parses the URL, naming what is wrong.
    pub fn parse(url: &str) -> Result<MailboxUrl> {
        let bad = |why: &str| {
            AppError::Invalid(format!(
                "{url:?}: {why} (expected imap://USER@HOST[:PORT]/FOLDER)"
            ))
        };
        let rest = url
            .strip_prefix("imap://")
            .ok_or_else(|| bad("not an imap:// URL"))?;
        let (authority, folder) = rest.split_once('/').unwrap_or((rest, ""));
        let (user, hostport) = authority
            .rsplit_once('@')
            .ok_or_else(|| bad("no user name before @"))?;
        let (host, port) = crate::config::host_and_port(hostport).map_err(bad)?;
        if host.is_empty() || user.is_empty() {
            return Err(bad("user or host is empty"));
        }
        let folder = percent_decode(folder)?;
        Ok(MailboxUrl {
            user: percent_decode(user)?,
            host,
            port,
            folder: if folder.is_empty() {
                "INBOX".into()
            } else {
                folder
            },
        })
    }
}

/// One mailbox `serve` (or `sync` without `--once`) keeps watching.
pub struct Watch {
    /// The name in `mailward status`.
    pub name: String,
    /// Builds the target for each connection (secrets read afresh: a refreshed token is used).
    pub target: Box<dyn Fn() -> Result<ImapTarget> + Send + Sync>,
    /// Folders to sync; the first is watched with IDLE.
    pub folders: Vec<String>,
    /// Longest IDLE wait, and the polling interval on a server without IDLE.
    pub poll: std::time::Duration,
}

impl Watch {
    /// The watch of a configured source (or of the one `mailward sync` describes): its secret
    /// is read afresh at every connection.
    pub fn of(source: crate::config::ImapSource) -> Watch {
        Watch {
            name: source.name.clone(),
            folders: source.folders.clone(),
            poll: std::time::Duration::from_secs(source.poll_seconds.max(1)),
            target: Box::new(move || source.target()),
        }
    }
}

/// The wait before the next reconnection after `failures` failed attempts in a row: 1 s, 2 s,
/// 4 s... up to 5 minutes, so a restarting server is picked up quickly and a broken one is not
/// hammered.
pub fn backoff(failures: u32) -> std::time::Duration {
    std::time::Duration::from_secs(1u64 << failures.min(8)).min(std::time::Duration::from_secs(300))
}

impl Archive {
    /// Records how a mail source stands (`mailward status`): connected or not, the last error,
    /// when it last synced and what is left to fetch. `serve` records it as it goes; a one-shot
    /// `sync --once` records its outcome, so that `status` also shows mailboxes synced from cron.
    /// A failure to record is logged, never fatal: the status is a report, the archive is not.
    pub async fn record_status(
        &self,
        name: &str,
        account: &str,
        connected: bool,
        error: Option<String>,
        synced: bool,
        backlog: Option<u64>,
    ) {
        let now = crate::settings::nanos(self.clock.now());
        let row = mailward_store::SourceStatus {
            name: name.to_string(),
            account: account.to_string(),
            connected,
            last_sync_at: synced.then_some(now),
            backlog,
            last_error: error,
            updated_at: now,
        };
        if let Err(e) = self.store.set_source_status(&row).await {
            tracing::warn!("{name}: cannot record the status: {e}");
        }
    }

    /// Watches one mailbox until `stop` resolves: sync, then IDLE (or poll) and sync again on
    /// every change; on an error, record it in the status, wait ([`backoff`]) and reconnect.
    /// Other mailboxes are other calls: one failing never stops another.
    pub async fn watch(&self, w: &Watch, stop: &tokio::sync::watch::Receiver<bool>) {
        let mut failures = 0u32;
        let mut stop = stop.clone();
        while !*stop.borrow() {
            let outcome = self.watch_once(w, &mut stop).await;
            let (account, e) = match outcome {
                Ok(()) => return,
                Err(failure) => failure,
            };
            failures += 1;
            tracing::warn!("{}: {e}; retrying in {:?}", w.name, backoff(failures));
            self.record_status(&w.name, &account, false, Some(e.to_string()), false, None)
                .await;
            tokio::select! {
                _ = tokio::time::sleep(backoff(failures)) => {}
                _ = stop.changed() => {}
            }
            // After a long healthy run, start the backoff from the beginning again.
            if failures > 8 {
                failures = 8;
            }
        }
    }

    async fn watch_once(
        &self,
        w: &Watch,
        stop: &mut tokio::sync::watch::Receiver<bool>,
    ) -> std::result::Result<(), (String, AppError)> {
        // IDLE watches one folder per connection: every folder after the first gets a watcher
        // connection of its own that rings the bell on news there, so mail arriving in any
        // watched folder is picked up within seconds, not at the next poll.
        let bell = tokio::sync::Notify::new();
        let watchers = async {
            futures_util::future::join_all(
                w.folders
                    .iter()
                    .skip(1)
                    .map(|folder| ring_on_news(w, folder, &bell)),
            )
            .await;
            // Servers without IDLE: the poll below covers every folder.
            std::future::pending::<()>().await
        };
        tokio::select! {
            outcome = self.sync_and_wait(w, stop, &bell) => outcome,
            () = watchers => Ok(()),
        }
    }

    async fn sync_and_wait(
        &self,
        w: &Watch,
        stop: &mut tokio::sync::watch::Receiver<bool>,
        bell: &tokio::sync::Notify,
    ) -> std::result::Result<(), (String, AppError)> {
        let target = (w.target)().map_err(|e| ("-".to_string(), e))?;
        let account = target.account();
        let fail = |e: AppError| (account.clone(), e);
        let mut conn = Connection::connect(&target)
            .await
            .map_err(|e| fail(e.into()))?;
        self.record_status(&w.name, &account, true, None, false, None)
            .await;
        let mut full = true;
        loop {
            let report = self
                .sync_connection(&mut conn, &target, &w.folders, full)
                .await
                .map_err(fail)?;
            full = false;
            let unreadable: Vec<String> = report
                .folders
                .iter()
                .flat_map(|f| f.unreadable.clone())
                .collect();
            let error = (!unreadable.is_empty()).then(|| unreadable.join("; "));
            self.record_status(
                &w.name,
                &account,
                true,
                error,
                true,
                Some(unreadable.len() as u64),
            )
            .await;
            // Wait for a change on the first folder (IDLE), or poll.
            if let Some(first) = w.folders.first() {
                conn.select(first).await.map_err(|e| fail(e.into()))?;
            }
            let changed = if conn.has_idle() {
                tokio::select! {
                    r = conn.idle_or(w.poll, bell.notified()) => { r.map_err(|e| fail(e.into()))?; true }
                    _ = stop.changed() => false,
                }
            } else {
                tokio::select! {
                    _ = tokio::time::sleep(w.poll) => { conn.noop().await.map_err(|e| fail(e.into()))?; true }
                    _ = stop.changed() => false,
                }
            };
            if !changed || *stop.borrow() {
                conn.logout().await;
                self.record_status(&w.name, &account, false, None, false, None)
                    .await;
                return Ok(());
            }
        }
    }
}

/// Watches one more folder of a source over a connection of its own: IDLE there, and ring `bell`
/// whenever the server reports news, so that the main connection syncs every folder. A failing
/// watcher reconnects with [`backoff`] (the main connection's poll still covers the folder);
/// on a server without IDLE it ends at once and leaves the folder to the poll.
async fn ring_on_news(w: &Watch, folder: &str, bell: &tokio::sync::Notify) {
    let mut failures = 0u32;
    loop {
        let watched = async {
            let target = (w.target)()?;
            let mut conn = Connection::connect(&target).await?;
            if !conn.has_idle() {
                conn.logout().await;
                return Ok::<(), AppError>(());
            }
            conn.select(folder).await?;
            loop {
                if conn.idle(w.poll).await? == mailward_connect::Woken::Changed {
                    bell.notify_one();
                }
            }
        };
        match watched.await {
            Ok(()) => return,
            Err(e) => {
                failures += 1;
                tracing::warn!(
                    "{}: watching {folder}: {e}; retrying in {:?}",
                    w.name,
                    backoff(failures)
                );
                tokio::time::sleep(backoff(failures)).await;
                failures = failures.min(8);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mailbox_urls() {
        let u = MailboxUrl::parse("imap://soudan@city.example@mail.example:993/INBOX").unwrap();
        assert_eq!(u.user, "soudan@city.example");
        assert_eq!((u.host.as_str(), u.port), ("mail.example", Some(993)));
        let u = MailboxUrl::parse("imap://a%40b@127.0.0.1/%E7%A2%BA%E8%AA%8D").unwrap();
        assert_eq!((u.user.as_str(), u.folder.as_str()), ("a@b", "確認"));
        let u = MailboxUrl::parse("imap://u@[::1]:143").unwrap();
        assert_eq!(
            (u.host.as_str(), u.port, u.folder.as_str()),
            ("::1", Some(143), "INBOX")
        );
        for bad in [
            "http://x",
            "imap://host/INBOX",
            "imap://u@h:99999/x",
            "imap://u@h/%zz",
        ] {
            assert!(MailboxUrl::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn backoff_grows_and_is_capped() {
        assert_eq!(backoff(1).as_secs(), 2);
        assert!(backoff(3) > backoff(2));
        assert_eq!(backoff(30).as_secs(), 256);
    }
}
