//! What can go wrong while talking to an IMAP server, in words a clerk or an administrator can
//! act on, and whether waiting and trying again can help.
//!
//! No variant ever carries a password or token: server texts that end up here are scrubbed of the
//! secret in use (see `session`), and the client never formats the secret itself.

use std::io;

/// A failure of the IMAP client layer. [`ImapError::retryable`] tells a sync loop whether to back
/// off and reconnect, or to stop until the configuration changes.
#[derive(Debug, thiserror::Error)]
pub enum ImapError {
    /// The TCP connection could not be opened (refused, unreachable, name not found, timed out).
    #[error("cannot connect to {0}: {1}")]
    Connect(String, #[source] io::Error),
    /// TLS could not be set up: certificate not trusted or not for this host, handshake refused,
    /// STARTTLS not offered.
    #[error("TLS with {0} failed: {1}")]
    Tls(String, String),
    /// The server refused the login: wrong password, expired or revoked token, or a login method
    /// the server does not offer. The text is the server's, scrubbed of the secret.
    #[error("{0}: the server refused the login ({1}); check the user name and password or token")]
    Auth(String, String),
    /// The folder (as given, in UTF-8) does not exist on the server, or may not be opened.
    #[error("folder {0:?} does not exist on the server")]
    NoFolder(String),
    /// The folder did not exist and the server refused to create it.
    #[error("folder {0:?} could not be created: {1}")]
    CannotCreate(String, String),
    /// The server answered a command with NO for a reason that may pass (a busy or failing
    /// mailbox, a mail it cannot read right now).
    #[error("the server refused {0}: {1}")]
    Refused(&'static str, String),
    /// The server said something this client cannot understand, or broke the protocol.
    #[error("IMAP protocol error: {0}")]
    Protocol(String),
    /// The server did not answer in time; the text says what was awaited.
    #[error("timed out waiting for {0}")]
    Timeout(&'static str),
    /// The server ended the session (`BYE`, or the connection closed), e.g. while restarting.
    #[error("the server closed the connection: {0}")]
    Closed(String),
    /// Reading from or writing to the connection failed.
    #[error("connection failed: {0}")]
    Io(#[from] io::Error),
    /// A setting cannot work (an unreadable CA file, a keyword that is not an IMAP atom).
    #[error("invalid IMAP setting: {0}")]
    Config(String),
    /// The server lacks an extension the call needs (e.g. IDLE: poll with `noop` instead).
    #[error("the server does not support {0}")]
    Unsupported(&'static str),
}

impl ImapError {
    /// Whether backing off and trying again (reconnecting first) can succeed without anybody
    /// changing the configuration. Network trouble, timeouts, restarts, protocol hiccups and
    /// temporary refusals can pass; a rejected login must not be retried in a loop (providers
    /// lock accounts for that), and a missing folder or an invalid setting stays so.
    ///
    /// TLS failures count as retryable: retrying is harmless, and the usual cause on the
    /// server's side (an expired certificate) is fixed there without any change here.
    pub fn retryable(&self) -> bool {
        match self {
            ImapError::Connect(..)
            | ImapError::Tls(..)
            | ImapError::Refused(..)
            | ImapError::Protocol(..)
            | ImapError::Timeout(..)
            | ImapError::Closed(..)
            | ImapError::Io(..) => true,
            ImapError::Auth(..)
            | ImapError::NoFolder(..)
            | ImapError::CannotCreate(..)
            | ImapError::Config(..)
            | ImapError::Unsupported(..) => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(error: ImapError, retryable: bool) {
        assert_eq!(error.retryable(), retryable, "{error}");
        assert!(!error.to_string().is_empty());
    }

    #[test]
    fn retryable_follows_whether_time_can_help() {
        check(
            ImapError::Connect("a@b:1".into(), io::ErrorKind::ConnectionRefused.into()),
            true,
        );
        check(ImapError::Timeout("the greeting"), true);
        check(ImapError::Closed("BYE".into()), true);
        check(ImapError::Io(io::ErrorKind::BrokenPipe.into()), true);
        check(ImapError::Auth("a@b:1".into(), "failed".into()), false);
        check(ImapError::NoFolder("確認用(迷惑メール)".into()), false);
        check(ImapError::Config("bad".into()), false);
    }
}
