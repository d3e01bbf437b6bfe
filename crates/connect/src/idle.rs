//! Waiting for new mail with IDLE (RFC 2177): the server pushes EXISTS or EXPUNGE, and the sync
//! archives within seconds instead of polling.
//!
//! IDLE is always ended with DONE and its tagged OK before returning, so the connection is ready
//! for the FETCH that follows. Polling for servers without IDLE is `noop` in `session`.

use std::time::Duration;

use tokio::time::Instant;

use crate::error::ImapError;
use crate::session::{Completion, Connection, IdleStep};

/// RFC 2177 asks clients to re-issue IDLE at least every 29 minutes, or servers may drop them.
const IDLE_LIMIT: Duration = Duration::from_secs(29 * 60);

/// Why `idle` returned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Woken {
    /// The server reported mail arriving in or leaving the selected folder: search again.
    Changed,
    /// Nothing happened within the wait.
    Timeout,
}

impl Connection {
    /// Waits on the selected folder until the server reports new or removed mail, or
    /// `max_wait` (at most 29 minutes) passes. If such news already came in during earlier
    /// commands, returns [`Woken::Changed`] at once. Servers without IDLE give
    /// [`ImapError::Unsupported`]: poll with [`Connection::noop`].
    pub async fn idle(&mut self, max_wait: Duration) -> Result<Woken, ImapError> {
        self.idle_or(max_wait, std::future::pending()).await
    }

    /// [`Connection::idle`] that also ends (with DONE, as always) when `wake` completes: a
    /// watcher of another folder saw news, so the caller syncs every folder now. Returns
    /// [`Woken::Timeout`] then, unless this folder had news too.
    pub async fn idle_or(
        &mut self,
        max_wait: Duration,
        wake: impl std::future::Future<Output = ()>,
    ) -> Result<Woken, ImapError> {
        if !self.has_idle() {
            return Err(ImapError::Unsupported("IDLE"));
        }
        self.require_selected()?;
        if self.take_changes() {
            return Ok(Woken::Changed);
        }
        let until = Instant::now() + max_wait.min(IDLE_LIMIT);
        self.begin()?;
        let tag = self.wire.tag();
        let line = format!("{tag} IDLE");
        let deadline = Instant::now() + self.timeout;
        self.wire
            .send(line.as_bytes(), deadline, "sending IDLE")
            .await?;
        loop {
            match self
                .idle_step(deadline, "the server to accept IDLE", &tag)
                .await?
            {
                IdleStep::Continue => break,
                IdleStep::Untagged => {}
                IdleStep::Bye(text) => return Err(ImapError::Closed(text)),
                IdleStep::Done(done) => {
                    self.finish();
                    return Err(match done.status {
                        Completion::Ok => ImapError::Protocol("IDLE ended before it began".into()),
                        _ => done.into_error("IDLE"),
                    });
                }
            }
        }
        // Idling: wait for news, the end of the wait, the server ending IDLE on its own, or a
        // wake from outside. Reading is cancel-safe: a half-read response stays in the buffer.
        let mut wake = std::pin::pin!(wake);
        while !self.mailbox.changed {
            let step = tokio::select! {
                biased;
                step = self.idle_step(until, "new mail", &tag) => step,
                () = &mut wake => break,
            };
            match step {
                Ok(IdleStep::Untagged | IdleStep::Continue) => {}
                Ok(IdleStep::Bye(text)) => return Err(ImapError::Closed(text)),
                Ok(IdleStep::Done(done)) => {
                    self.finish();
                    return match done.status {
                        Completion::Ok => Ok(self.woken()),
                        _ => Err(done.into_error("IDLE")),
                    };
                }
                // Our own end of the wait: the buffer keeps any half-read response.
                Err(ImapError::Timeout(_)) => break,
                Err(e) => return Err(e),
            }
        }
        let deadline = Instant::now() + self.timeout;
        self.wire.send(b"DONE", deadline, "sending DONE").await?;
        loop {
            match self
                .idle_step(deadline, "the server to end IDLE", &tag)
                .await?
            {
                IdleStep::Untagged | IdleStep::Continue => {}
                IdleStep::Bye(text) => return Err(ImapError::Closed(text)),
                IdleStep::Done(done) => {
                    self.finish();
                    return match done.status {
                        Completion::Ok => Ok(self.woken()),
                        _ => Err(done.into_error("IDLE")),
                    };
                }
            }
        }
    }

    /// Reports (and resets) whether news arrived during the IDLE exchange.
    fn woken(&mut self) -> Woken {
        if self.take_changes() {
            Woken::Changed
        } else {
            Woken::Timeout
        }
    }
}
