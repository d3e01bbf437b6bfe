//! Mail handed over by SMTP or LMTP (`mailward serve` with `[[listen]]`): made durable in the
//! archive before the listener may answer `250`, then passed on to the next hop if there is one.
//!
//! Sessions hand their mails to one committer task. It takes every mail that is waiting at once
//! (a group commit: one blob sync and one database commit for all of them), decodes and triages
//! them beside the async runtime, commits, and only then answers each session. A mail whose
//! session went away meanwhile is committed all the same (its client never saw a `250`, retries,
//! and the same bytes are recognised as a duplicate). A failed commit answers every mail of the
//! group with a temporary failure (`451`), so the client keeps it and tries again.
//!
//! With a next hop (a Postfix `content_filter` hands mail back to its reinjection smtpd), the mail
//! is forwarded after it is durable and before the `250`: the sending Postfix keeps its copy
//! until both the archive and the next hop have it.

use crate::archive::Archive;
use crate::import::{Candidate, Ingest};
use mailward_connect::smtp::{self, RcptOutcome, Sink};
use mailward_connect::{Failure, Security, SubmitTarget, submit_mail};
use mailward_evidence::entry::{Envelope, SmtpSession, Source};
use std::sync::Arc;
use tokio::sync::{mpsc, oneshot};

/// Longest time received mail stays without a signed checkpoint while mail keeps coming.
const CHECKPOINT_EVERY: std::time::Duration = std::time::Duration::from_secs(60);

/// Mails taken into one group commit at most.
const GROUP: usize = 256;

/// Mails waiting for the committer at most; a session beyond that waits for room (back
/// pressure reaches the client as a slower reply, never as a lost mail).
const WAITING: usize = 1024;

/// What the committer answers a session: the mail's id, or why it could not be stored.
type Answer = Result<u64, String>;

/// One listener's sink: hands mails to the archive's committer and, when configured, forwards
/// them to the next hop once they are durable.
pub struct ArchiveSink {
    queue: mpsc::Sender<(Candidate, oneshot::Sender<Answer>)>,
    protocol: &'static str,
    listener: String,
    next_hop: Option<SubmitTarget>,
    clock: Arc<dyn crate::clock::Clock>,
}

/// The committer of an archive: one per `mailward serve`, shared by all listeners.
#[derive(Clone)]
pub struct Committer {
    queue: mpsc::Sender<(Candidate, oneshot::Sender<Answer>)>,
    clock: Arc<dyn crate::clock::Clock>,
}

impl Committer {
    /// Starts the committer task; it ends when every sink and the committer are dropped.
    pub fn start(archive: Arc<Archive>) -> (Committer, tokio::task::JoinHandle<()>) {
        let (queue, rx) = mpsc::channel(WAITING);
        let clock = archive.clock.clone();
        let task = tokio::spawn(commit_loop(archive, rx));
        (Committer { queue, clock }, task)
    }

    /// The sink of one listener. `next_hop` is `host:port` of a plain SMTP server on a trusted
    /// network (a Postfix reinjection smtpd on loopback).
    pub fn sink(
        &self,
        config: &smtp::ReceiverConfig,
        next_hop: Option<&str>,
    ) -> crate::Result<ArchiveSink> {
        let next_hop = next_hop
            .map(|hop| next_hop_target(hop, &config.hostname))
            .transpose()?;
        Ok(ArchiveSink {
            queue: self.queue.clone(),
            protocol: match config.protocol {
                smtp::Dialect::Smtp => "smtp",
                smtp::Dialect::Lmtp => "lmtp",
            },
            listener: config.listen.to_string(),
            next_hop,
            clock: self.clock.clone(),
        })
    }
}

/// The submission target of a next hop: plain SMTP, no login, generous timeouts.
fn next_hop_target(hop: &str, helo: &str) -> crate::Result<SubmitTarget> {
    let bad = |why: &str| {
        crate::AppError::Invalid(format!(
            "next_hop {hop:?}: 「ホスト:ポート」で指定してください / give host:port ({why})"
        ))
    };
    let (host, port) = crate::config::host_and_port(hop).map_err(bad)?;
    let port = port.ok_or_else(|| bad("no port"))?;
    if host.is_empty() {
        return Err(bad("no host"));
    }
    Ok(SubmitTarget {
        host,
        port,
        security: Security::Plain,
        login: None,
        ca_file: None,
        helo: helo.to_string(),
        timeout: std::time::Duration::from_secs(60),
        data_timeout: std::time::Duration::from_secs(600),
    })
}

/// The evidence form of a session's envelope.
fn session_of(e: &smtp::Envelope) -> SmtpSession {
    SmtpSession {
        session: format!("{}.{}", e.session_id, e.mail_in_session),
        client: e.client.to_string(),
        local: e.local.to_string(),
        helo: (!e.helo.is_empty()).then(|| e.helo.clone()),
        protocol: e.protocol.as_str().to_string(),
        mail_from: e.mail_from.clone(),
        mail_params: e.mail_params.clone(),
        rcpt_to: e.recipients.iter().map(|r| r.address.clone()).collect(),
        tls: e
            .tls
            .as_ref()
            .map(|t| format!("{} {}", t.version, t.cipher)),
        undeclared_8bit: e.undeclared_8bit,
        bare_lf: e.bare_lf,
        bare_cr: e.bare_cr,
        nul: e.nul,
        forwarded: e.forwarded.clone(),
    }
}

impl Sink for ArchiveSink {
    async fn deliver(&self, envelope: smtp::Envelope, message: Vec<u8>) -> Vec<RcptOutcome> {
        let n = envelope.recipients.len();
        let every = |o: RcptOutcome| vec![o; n];
        let session = session_of(&envelope);
        let label = format!(
            "{}://{} session {}",
            self.protocol, self.listener, session.session
        );
        // The next hop gets the bytes as received; the archive takes its own copy.
        let (archived, forward) = match &self.next_hop {
            Some(_) => (message.clone(), Some(message)),
            None => (message, None),
        };
        // mailward is the server here: the end of DATA is the server's receipt time.
        let now = self.clock.now();
        let mut candidate = Candidate::new(
            archived,
            now,
            Some((now, "smtp_end_of_data")),
            Source::Smtp {
                protocol: self.protocol.to_string(),
                listener: self.listener.clone(),
            },
            label,
        );
        candidate.set_envelope(Envelope {
            smtp: Some(Box::new(session)),
            ..Envelope::default()
        });
        let (answer, answered) = oneshot::channel();
        if self.queue.send((candidate, answer)).await.is_err() {
            return every(RcptOutcome::Temporary(
                "archive not running; try again later".into(),
            ));
        }
        let id = match answered.await {
            Ok(Ok(id)) => id,
            Ok(Err(reason)) => {
                return every(RcptOutcome::Temporary(format!(
                    "cannot archive now ({reason}); try again later"
                )));
            }
            Err(_) => {
                return every(RcptOutcome::Temporary(
                    "archive stopped; try again later".into(),
                ));
            }
        };
        let (Some(hop), Some(bytes)) = (&self.next_hop, forward) else {
            return every(RcptOutcome::Accepted(format!("archived as {id}")));
        };
        let rcpts: Vec<String> = envelope
            .recipients
            .iter()
            .map(|r| r.address.clone())
            .collect();
        match submit_mail(hop, &envelope.mail_from, &rcpts, &bytes).await {
            Ok(accepted) => every(RcptOutcome::Accepted(format!(
                "archived as {id}, passed on: {}",
                accepted.reply
            ))),
            Err(e) => {
                tracing::warn!("mail {id} archived, next hop {}: {e}", hop.server());
                match e.failure() {
                    Failure::Permanent => every(RcptOutcome::Permanent(format!(
                        "archived as {id}; the next hop refused it: {}",
                        e.server_reply().unwrap_or("no reply")
                    ))),
                    // The client keeps the mail and retries; the archive recognises the bytes.
                    Failure::Temporary | Failure::Unknown => every(RcptOutcome::Temporary(
                        format!("archived as {id}; the next hop is not reachable now"),
                    )),
                }
            }
        }
    }
}

/// Takes waiting mails in groups and commits each group in one transaction.
async fn commit_loop(
    archive: Arc<Archive>,
    mut rx: mpsc::Receiver<(Candidate, oneshot::Sender<Answer>)>,
) {
    // Received mail is covered by a signed checkpoint within a minute, when the listener goes
    // quiet, and at shutdown, as an IMAP pass and an import sign theirs.
    let mut unsigned = false;
    let mut signed_at = std::time::Instant::now();
    loop {
        let first = match tokio::time::timeout(CHECKPOINT_EVERY, rx.recv()).await {
            Ok(Some(first)) => first,
            Ok(None) => break,
            Err(_quiet) => {
                if unsigned {
                    unsigned = !sign(&archive).await;
                    signed_at = std::time::Instant::now();
                }
                continue;
            }
        };
        let mut group = vec![first];
        while group.len() < GROUP {
            match rx.try_recv() {
                Ok(more) => group.push(more),
                Err(_) => break,
            }
        }
        let (mails, answers): (Vec<Candidate>, Vec<oneshot::Sender<Answer>>) =
            group.into_iter().unzip();
        let outcome = commit_group(&archive, mails).await;
        match outcome {
            Ok(ids) => {
                for (answer, id) in answers.into_iter().zip(ids) {
                    // A session that went away gets nothing; its client retries.
                    let _ = answer.send(Ok(id));
                }
                unsigned = true;
                if signed_at.elapsed() >= CHECKPOINT_EVERY {
                    unsigned = !sign(&archive).await;
                    signed_at = std::time::Instant::now();
                }
            }
            Err(e) => {
                tracing::error!("{} received mail(s) not archived: {e}", answers.len());
                let reason = e.to_string();
                for answer in answers {
                    let _ = answer.send(Err(reason.clone()));
                }
            }
        }
    }
    if unsigned {
        sign(&archive).await;
    }
}

/// Signs a checkpoint of the log as it stands; false (and logged) if it could not.
async fn sign(archive: &Archive) -> bool {
    match archive.checkpoint().await {
        Ok(_) => true,
        Err(e) => {
            tracing::error!("cannot sign a checkpoint of the received mail: {e}");
            false
        }
    }
}

/// Decodes and triages a group off the runtime, then archives it durably.
async fn commit_group(
    archive: &Arc<Archive>,
    mut mails: Vec<Candidate>,
) -> crate::Result<Vec<u64>> {
    let triage = archive.triage()?;
    let prepared = tokio::task::spawn_blocking(move || {
        crate::import::prepare(&mut mails, &triage);
        mails
    })
    .await
    .map_err(|e| crate::AppError::Invalid(format!("preparing received mail failed: {e}")))?;
    let mut ingest = Ingest::open(archive).await?;
    ingest.add(archive, prepared).await
}
