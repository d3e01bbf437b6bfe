//! What can stop the receiver from starting. Once it runs, problems of one session end that
//! session (and are logged); they never stop the listener.

use std::io;
use std::net::SocketAddr;
use std::path::PathBuf;

/// A receiver that cannot start, in words an administrator can act on.
#[derive(Debug, thiserror::Error)]
pub enum ReceiverError {
    /// A setting is unusable (empty host name, zero sessions...).
    #[error("receiver configuration: {0}")]
    Config(String),
    /// The STARTTLS certificate or key cannot be read or used.
    #[error("TLS certificate or key {path}: {reason}")]
    Tls {
        /// The file concerned.
        path: PathBuf,
        /// What is wrong with it.
        reason: String,
    },
    /// The listening socket could not be opened (address in use, no permission).
    #[error("cannot listen on {0}: {1}")]
    Bind(SocketAddr, #[source] io::Error),
}
