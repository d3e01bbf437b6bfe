//! mailward's use cases: importing mail into the evidence archive, verifying it, signing
//! checkpoints, listing and reading what was archived, rebuilding derived data, and sending
//! archived replies (`reply`, `templates`).
//!
//! This crate decides *what* is recorded and in which order; the pure crates (`mailward-evidence`,
//! `mailward-mail`) hold the rules and `mailward-store` holds the bytes. Side effects that tests
//! need to steer (the clock) come in through small traits. Nothing here parses command lines or
//! prints: the binary does that.

#![forbid(unsafe_code)]

pub mod archive;
pub mod clock;
pub mod config;
pub mod imap;
pub mod import;
pub mod keys;
pub mod listing;
pub mod project;
pub mod proof;
pub mod receive;
pub mod reply;
pub mod senders;
pub mod settings;
pub mod sorting;
pub mod templates;
pub mod triage;
pub mod verify;

pub use archive::Archive;

/// Errors of the use cases, in the words an administrator needs to act on them.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// The store failed (database, blob files).
    #[error(transparent)]
    Store(#[from] mailward_store::StoreError),
    /// A file of the data directory could not be used.
    #[error("{what}")]
    Io {
        /// What was being done, naming the file.
        what: String,
        /// The operating system's error.
        source: std::io::Error,
    },
    /// The signing key could not be read or made.
    #[error("checkpoint key: {0}")]
    Key(String),
    /// The user asked for something that does not exist or makes no sense.
    #[error("{0}")]
    Invalid(String),
    /// The mail server failed or refused (unreachable, TLS, wrong password, no such folder).
    #[error(transparent)]
    Imap(mailward_connect::ImapError),
}

/// Shorthand for results of this crate.
pub type Result<T, E = AppError> = std::result::Result<T, E>;

pub(crate) fn io_error(what: impl Into<String>) -> impl FnOnce(std::io::Error) -> AppError {
    let what = what.into();
    move |source| AppError::Io { what, source }
}
