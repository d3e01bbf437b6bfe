//! The durability contract between the receiver and the application: the [`Sink`].
//!
//! The receiver hands every completely received mail (envelope and exact bytes) to
//! [`Sink::deliver`] and waits. Only what the sink answers decides the reply: `250` exactly when
//! the sink said [`RcptOutcome::Accepted`], so the application answers for durability (the
//! archive syncs the blob and commits the entry before it returns `Accepted`).

use std::future::Future;

use super::envelope::Envelope;

/// What the sink did with a mail for one recipient.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RcptOutcome {
    /// Stored durably. The text (e.g. the evidence entry id) goes into the `250` reply, where
    /// the sending server logs it: a link from its log to the archive.
    Accepted(String),
    /// Not stored, and it may work later (disk full, database down): `451 4.3.0` with this text;
    /// the client keeps the mail and tries again.
    Temporary(String),
    /// Not stored, and trying again will not help: `554 5.3.0` (LMTP: per recipient) with this
    /// text; the client bounces the mail.
    Permanent(String),
}

/// Where received mail goes. Implemented by the application (the evidence archive) and by
/// test sinks.
///
/// # Contract
/// - `deliver` returns one outcome per recipient of `envelope.recipients`, in that order. For
///   SMTP the receiver sends one reply: `250` only if every outcome is `Accepted`, else `451` if
///   any is `Temporary`, else `554`. An SMTP sink should therefore give every recipient the same
///   outcome. For LMTP each recipient gets its own reply. A list of the wrong length counts as
///   a temporary failure for every recipient (the receiver never guesses a 250).
/// - Return `Accepted` only once the mail is durable: the client may remove its copy as soon as
///   it reads the reply.
/// - The future may be dropped without completing when the service shuts down and the grace
///   period ends; the client then gets no reply at all, and retries. A sink that must finish a
///   write it started should hand that write to a task of its own.
/// - If the client went away meanwhile, the outcome is discarded; the client never saw a reply
///   and will send the mail again, so an archive may see the same mail twice, never zero times.
pub trait Sink: Send + Sync + 'static {
    /// Stores one received mail; see the trait documentation for what the outcomes promise.
    fn deliver(
        &self,
        envelope: Envelope,
        message: Vec<u8>,
    ) -> impl Future<Output = Vec<RcptOutcome>> + Send;
}
