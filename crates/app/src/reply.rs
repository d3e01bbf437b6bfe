//! Replying to an archived mail: compose, record, submit, record the outcome.
//!
//! The order is what makes the log trustworthy about replies (docs/EVIDENCE-FORMAT.md):
//! 1. the reply is composed from the archived raw bytes of the mail it answers (never from a
//!    copy somewhere else) and the template;
//! 2. a `sending` entry with the reply's exact bytes is made durable **before** the first byte
//!    goes to the server, so a reply that may have left is never missing from the log;
//! 3. after the server's answer, `sent` (with its final answer line) or `send_failed` (where it
//!    stopped; `temporary`, `permanent`, or `unknown` when the whole message was handed over and
//!    no answer came).
//!
//! A crash between 2 and 3 leaves a `sending` entry without an outcome, which `mailward show`
//! reports as "outcome unknown". The log never claims a delivery the server did not confirm.
//!
//! Independent of any command line: `mailward reply` and the case workflow of a later issue call
//! [`Archive::send_reply`] alike. The network enters through [`Submitter`] so tests can make the
//! server fail at will.

use crate::config::Config;
use crate::templates::Templates;
use crate::{AppError, Result};
use jiff::Timestamp;
use mailward_connect::{Accepted, SubmitError, SubmitTarget};
use mailward_evidence::Sha256;
use mailward_evidence::entry::{Entry, SendFailed, Sending, Sent};
use mailward_mail::compose::{self, Charset, Composed, ReplyParts};
use mailward_store::{Append, NewBlob};
use std::collections::BTreeMap;
use std::future::Future;

use crate::archive::Archive;

/// Where the reply's text comes from.
#[derive(Clone, Debug)]
pub enum ReplyText {
    /// A template by name, rendered with the values.
    Template(String),
    /// A text written by hand.
    Body(String),
}

/// One reply to send.
#[derive(Clone, Debug)]
pub struct ReplyRequest {
    /// The archived mail answered: its id (the `seq` of its `received` entry).
    pub id: u64,
    /// The text.
    pub text: ReplyText,
    /// Template values for this reply, over `[reply.vars]` and the values taken from the mail.
    pub vars: BTreeMap<String, String>,
}

/// A composed reply, not yet recorded or sent.
#[derive(Clone, Debug)]
pub struct Draft {
    /// The answered mail's id.
    pub answers: u64,
    /// The template used, if any.
    pub template: Option<String>,
    /// The office's address (envelope sender).
    pub from: String,
    /// The composed bytes and facts.
    pub composed: Composed,
}

/// What happened to one reply (`mailward reply --json`; docs/CLI.md lists every field).
#[derive(Clone, Debug, serde::Serialize)]
pub struct ReplyOutcome {
    /// The `sent` entry's seq when the server accepted the reply, else `null`.
    pub sent: Option<u64>,
    /// The `sending` entry's seq (the reply's bytes are archived with it).
    pub sending: u64,
    /// The `send_failed` entry's seq when it did not go, else `null`.
    pub send_failed: Option<u64>,
    /// The answered mail's id.
    pub answers: u64,
    /// The reply's Message-ID (without angle brackets).
    pub message_id: String,
    /// The recipients.
    pub to: Vec<String>,
    /// The server's final answer line (acceptance or refusal), if one came.
    pub server_reply: Option<String>,
    /// `temporary`, `permanent` or `unknown` when it did not go, else `null`.
    pub failure: Option<String>,
    /// Where it stopped when it did not go.
    pub stage: Option<String>,
    /// The error in words when it did not go.
    pub error: Option<String>,
    /// The charset used (`ISO-2022-JP` or `UTF-8`).
    pub charset: String,
    /// Why UTF-8 was used although ISO-2022-JP was configured, if it was.
    pub fallback: Option<String>,
    /// SHA-256 of the reply's bytes (hex).
    pub sha256: String,
    /// Their length.
    pub size: u64,
}

/// A reply recorded in the log, as `mailward show` lists it under the mail it answers.
#[derive(Clone, Debug, serde::Serialize)]
pub struct ReplyRecord {
    /// The `sending` entry's seq.
    pub sending: u64,
    /// When sending started (office time zone).
    pub started_at: String,
    /// The template used, if any.
    pub template: Option<String>,
    /// The recipients.
    pub to: Vec<String>,
    /// The reply's Message-ID.
    pub message_id: String,
    /// SHA-256 of the reply's bytes (hex); `mailward raw SENDING` writes the bytes themselves.
    pub sha256: String,
    /// `sent`, `failed`, or `unknown` (no outcome recorded: mailward stopped during the
    /// submission; or no answer came after the whole message was handed over).
    pub outcome: &'static str,
    /// The outcome entry's seq, if there is one.
    pub outcome_entry: Option<u64>,
    /// When the outcome was recorded.
    pub outcome_at: Option<String>,
    /// The server's final answer line, if one came.
    pub server_reply: Option<String>,
    /// `temporary`, `permanent` or `unknown` for a failed one.
    pub failure: Option<String>,
    /// The error in words for a failed one.
    pub error: Option<String>,
}

/// The network side of a submission, so tests can make it fail at will.
pub trait Submitter: Sync {
    /// `host:port`, recorded in the `sending` entry.
    fn server(&self) -> String;
    /// `tls`, `starttls` or `plain`, recorded in the `sending` entry.
    fn security(&self) -> &'static str;
    /// Hands the bytes to the server.
    fn submit(
        &self,
        from: &str,
        to: &[String],
        raw: &[u8],
    ) -> impl Future<Output = std::result::Result<Accepted, SubmitError>> + Send;
}

/// The real submission client.
pub struct SmtpSubmitter(pub SubmitTarget);

impl Submitter for SmtpSubmitter {
    fn server(&self) -> String {
        self.0.server()
    }
    fn security(&self) -> &'static str {
        self.0.security.name()
    }
    fn submit(
        &self,
        from: &str,
        to: &[String],
        raw: &[u8],
    ) -> impl Future<Output = std::result::Result<Accepted, SubmitError>> + Send {
        mailward_connect::submit_mail(&self.0, from, to, raw)
    }
}

impl Archive {
    /// The reply templates: built-in plus the office's folder from `[reply] templates_dir`.
    pub fn templates(&self) -> Result<Templates> {
        self.templates_of(&Config::load(self.store.dir())?)
    }

    /// The templates that `config` names (a configuration already read).
    fn templates_of(&self, config: &Config) -> Result<Templates> {
        let dir = config
            .reply
            .as_ref()
            .and_then(|r| r.templates_dir.as_ref())
            .map(|d| self.store.dir().join(d));
        Templates::load(dir.as_deref())
    }

    /// The submission client configured in `[submission]`, its password read now.
    pub fn submitter(&self) -> Result<SmtpSubmitter> {
        let config = Config::load(self.store.dir())?;
        let reply = reply_settings(&config)?;
        let helo = reply
            .address
            .rsplit_once('@')
            .map(|(_, d)| d.to_string())
            .unwrap_or_default();
        let submission = config.submission.as_ref().ok_or_else(|| {
            AppError::Invalid(format!(
                "{} に [submission] (送信サーバー) がありません / no [submission] server in {}",
                Config::path(self.store.dir()).display(),
                Config::path(self.store.dir()).display()
            ))
        })?;
        Ok(SmtpSubmitter(submission.target(&helo)?))
    }

    /// Composes the reply to mail `request.id` without recording or sending anything (what
    /// `--dry-run` shows).
    pub async fn draft_reply(&self, request: &ReplyRequest) -> Result<Draft> {
        let config = Config::load(self.store.dir())?;
        let settings = reply_settings(&config)?;
        let original = self.raw(request.id).await?;
        let (body, template) = match &request.text {
            ReplyText::Body(body) => (body.clone(), None),
            ReplyText::Template(name) => {
                let mut values = settings.vars.clone();
                values.extend(self.values_from_mail(request.id, &original).await?);
                values.extend(request.vars.clone());
                (
                    self.templates_of(&config)?.render(name, &values)?,
                    Some(name.clone()),
                )
            }
        };
        let now = self.clock.now();
        let date = now
            .to_zoned_datetime(self.settings.tz.clone())
            .strftime("%a, %d %b %Y %H:%M:%S %z")
            .to_string();
        let mut random = [0u8; 10];
        getrandom::fill(&mut random)
            .map_err(|e| AppError::Invalid(format!("no randomness for the Message-ID: {e}")))?;
        let unique = format!("mailward.{}.{}", now.as_second(), hex::encode(random));
        let charset = if settings.charset == "utf-8" {
            Charset::Utf8
        } else {
            Charset::Iso2022Jp
        };
        let composed = compose::compose_reply(
            &original,
            &ReplyParts {
                office_address: &settings.address,
                office_name: &settings.display_name,
                body: &body,
                charset,
                date: &date,
                message_id_unique: &unique,
            },
        )
        .map_err(|e| AppError::Invalid(e.to_string()))?;
        Ok(Draft {
            answers: request.id,
            template,
            from: settings.address.clone(),
            composed,
        })
    }

    /// Composes, records (`sending`), submits and records the outcome (`sent` or
    /// `send_failed`), then signs a checkpoint. A refusal or failure of the server is an
    /// outcome (`Ok` with `sent: null`), not an error; an error means something could not be
    /// recorded or composed, and says whether the reply may have left.
    pub async fn send_reply(
        &self,
        request: &ReplyRequest,
        submitter: &impl Submitter,
    ) -> Result<ReplyOutcome> {
        let draft = self.draft_reply(request).await?;
        let c = &draft.composed;
        let sha = Sha256::of(&c.raw);
        let sending = {
            let mut writer = self.store.writer().await?;
            let seq = writer.next_seq();
            let entry = Entry::Sending(Sending {
                seq,
                started_at: self.clock.now(),
                answers: draft.answers,
                template: draft.template.clone(),
                envelope_from: draft.from.clone(),
                envelope_to: c.to.clone(),
                server: submitter.server(),
                security: submitter.security().to_string(),
                message_id: c.message_id.clone(),
                sha256: sha,
                size: c.raw.len() as u64,
            });
            let known = writer.known_blobs(&[sha]).await?;
            writer
                .append(&[Append {
                    seq,
                    kind: entry.kind(),
                    entry: entry.encode(),
                    refers_to: Some(sha),
                    blob: (!known.contains(&sha)).then_some(NewBlob {
                        sha256: sha,
                        bytes: &c.raw,
                    }),
                    message: None,
                }])
                .await?;
            seq
        };
        // The writer lock is not held while the server is talked to, so an import or a sync
        // is not held up by a slow server.
        let result = submitter.submit(&draft.from, &c.to, &c.raw).await;
        let mut outcome = ReplyOutcome {
            sent: None,
            sending,
            send_failed: None,
            answers: draft.answers,
            message_id: c.message_id.clone(),
            to: c.to.clone(),
            server_reply: None,
            failure: None,
            stage: None,
            error: None,
            charset: c.charset.label().to_string(),
            fallback: c.fallback.clone(),
            sha256: sha.to_hex(),
            size: c.raw.len() as u64,
        };
        let recorded = async {
            let mut writer = self.store.writer().await?;
            let seq = writer.next_seq();
            let entry = match &result {
                Ok(accepted) => Entry::Sent(Sent {
                    seq,
                    sent_at: self.clock.now(),
                    sending,
                    sha256: sha,
                    server_reply: accepted.reply.clone(),
                }),
                Err(e) => Entry::SendFailed(SendFailed {
                    seq,
                    failed_at: self.clock.now(),
                    sending,
                    sha256: sha,
                    failure: e.failure().name().to_string(),
                    stage: e.stage().name().to_string(),
                    server_reply: e.server_reply().map(str::to_string),
                    error: e.to_string(),
                }),
            };
            writer
                .append(&[Append {
                    seq,
                    kind: entry.kind(),
                    entry: entry.encode(),
                    refers_to: Some(sha),
                    blob: None,
                    message: None,
                }])
                .await?;
            self.sign_checkpoint(&writer).await?;
            Ok::<u64, AppError>(seq)
        }
        .await;
        let seq = match recorded {
            Ok(seq) => seq,
            Err(e) => {
                let what = match &result {
                    Ok(a) => format!(
                        "送信サーバーは受け付けました ({}) が、記録できませんでした / the server accepted the reply ({})",
                        a.reply, a.reply
                    ),
                    Err(s) => format!("送信は失敗しました / the submission failed ({s})"),
                };
                return Err(AppError::Invalid(format!(
                    "{what}, but its outcome could not be written to the log: {e}. The log holds sending entry {sending} without an outcome (shown as outcome unknown)"
                )));
            }
        };
        match result {
            Ok(accepted) => {
                outcome.sent = Some(seq);
                outcome.server_reply = Some(accepted.reply);
            }
            Err(e) => {
                outcome.send_failed = Some(seq);
                outcome.server_reply = e.server_reply().map(str::to_string);
                outcome.failure = Some(e.failure().name().to_string());
                outcome.stage = Some(e.stage().name().to_string());
                outcome.error = Some(e.to_string());
            }
        }
        Ok(outcome)
    }

    /// The replies recorded for mail `id`, oldest first, each with its outcome.
    pub async fn replies_to(&self, id: u64) -> Result<Vec<ReplyRecord>> {
        Ok(self
            .replies_answering(Some(id))
            .await?
            .into_iter()
            .map(|(_, r)| r)
            .collect())
    }

    /// Every reply whose outcome the log cannot tell (no outcome recorded, or no answer after
    /// the whole message was handed over), for `mailward status`.
    pub async fn replies_with_unknown_outcome(&self) -> Result<Vec<(u64, ReplyRecord)>> {
        Ok(self
            .replies_answering(None)
            .await?
            .into_iter()
            .filter(|(_, r)| r.outcome == "unknown")
            .collect())
    }

    /// `(answered mail, reply)` for the replies to `id`, or to every mail.
    async fn replies_answering(&self, id: Option<u64>) -> Result<Vec<(u64, ReplyRecord)>> {
        let entries = self.store.reply_entries().await?;
        let mut records: Vec<(u64, ReplyRecord)> = Vec::new();
        let mut index: BTreeMap<u64, usize> = BTreeMap::new();
        for stored in entries {
            let Ok(entry) = Entry::decode(&stored.body) else {
                continue;
            };
            match entry {
                Entry::Sending(s) if id.is_none_or(|id| s.answers == id) => {
                    index.insert(s.seq, records.len());
                    records.push((
                        s.answers,
                        ReplyRecord {
                            sending: s.seq,
                            started_at: self.settings.show(s.started_at),
                            template: s.template,
                            to: s.envelope_to,
                            message_id: s.message_id,
                            sha256: s.sha256.to_hex(),
                            outcome: "unknown",
                            outcome_entry: None,
                            outcome_at: None,
                            server_reply: None,
                            failure: None,
                            error: None,
                        },
                    ));
                }
                Entry::Sent(s) => {
                    if let Some(r) = index.get(&s.sending).map(|i| &mut records[*i].1) {
                        r.outcome = "sent";
                        r.outcome_entry = Some(s.seq);
                        r.outcome_at = Some(self.settings.show(s.sent_at));
                        r.server_reply = Some(s.server_reply);
                    }
                }
                Entry::SendFailed(f) => {
                    if let Some(r) = index.get(&f.sending).map(|i| &mut records[*i].1) {
                        r.outcome = if f.failure == "unknown" {
                            "unknown"
                        } else {
                            "failed"
                        };
                        r.outcome_entry = Some(f.seq);
                        r.outcome_at = Some(self.settings.show(f.failed_at));
                        r.server_reply = f.server_reply;
                        r.failure = Some(f.failure);
                        r.error = Some(f.error);
                    }
                }
                _ => {}
            }
        }
        Ok(records)
    }

    /// The template values a mail provides: the sender's display name, the subject, and the
    /// day it was received (office time zone; see below which time counts). A value the mail does not have is left out, so
    /// a template that needs it asks for it by name.
    async fn values_from_mail(&self, id: u64, raw: &[u8]) -> Result<BTreeMap<String, String>> {
        let decoded = mailward_mail::decode::decode(raw);
        let row = self.store.message(id).await?;
        let mut values = BTreeMap::new();
        let name = row
            .as_ref()
            .and_then(|r| r.from_name.clone())
            .or_else(|| decoded.from.as_ref().and_then(|f| f.name.clone()))
            .filter(|n| !n.trim().is_empty());
        if let Some(name) = name {
            values.insert("recipient_name".into(), name.trim().to_string());
        }
        let subject = row
            .as_ref()
            .and_then(|r| r.subject.clone())
            .or(decoded.subject)
            .unwrap_or_default();
        values.insert("original_subject".into(), subject);
        // When the office got it: the server's time where the source tells; else the mail's
        // own Date (what the sender will recognise); else when mailward read it.
        let header_date = decoded
            .date
            .as_deref()
            .and_then(|d| d.parse::<Timestamp>().ok());
        let received = match &row {
            Some(r) => r
                .server_received_at
                .and_then(|n| Timestamp::from_nanosecond(i128::from(n)).ok())
                .or(header_date)
                .or_else(|| Timestamp::from_nanosecond(i128::from(r.received_at)).ok()),
            None => match self.store.entry(id).await?.map(|e| Entry::decode(&e.body)) {
                Some(Ok(Entry::Received(r))) => Some(
                    r.server_received_at
                        .or(header_date)
                        .unwrap_or(r.received_at),
                ),
                _ => header_date,
            },
        };
        if let Some(ts) = received {
            let date = self.settings.tz.to_datetime(ts).date();
            values.insert(
                "received_date".into(),
                format!("{}年{}月{}日", date.year(), date.month(), date.day()),
            );
        }
        Ok(values)
    }
}

/// `[reply]`, or the error telling what to add.
fn reply_settings(config: &Config) -> Result<&crate::config::ReplySettings> {
    config.reply.as_ref().ok_or_else(|| {
        AppError::Invalid(
            "mailward.toml に [reply] (差出人アドレスと表示名) がありません / no [reply] section (address, display_name) in mailward.toml".into(),
        )
    })
}
