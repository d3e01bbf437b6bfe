//! How the receiver is set up: what the application reads from its TOML configuration.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use serde::{Deserialize, Serialize};

/// Which protocol a listener speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Dialect {
    /// SMTP (RFC 5321): for a Postfix `content_filter`, or a sending server directly.
    Smtp,
    /// LMTP (RFC 2033): for a Postfix `lmtp:` transport; one reply per recipient after DATA.
    Lmtp,
}

/// The certificate and key for STARTTLS, both PEM files.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TlsFiles {
    /// The certificate chain, leaf first.
    pub cert: PathBuf,
    /// The private key (PKCS#8, PKCS#1 or SEC1).
    pub key: PathBuf,
}

/// One listener's settings. Every limit has a default, so `listen` and `protocol` are enough in
/// a configuration file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ReceiverConfig {
    /// The address to listen on (the caller binds it, see [`bind`](super::bind)).
    pub listen: SocketAddr,
    /// SMTP or LMTP.
    pub protocol: Dialect,
    /// Our name in the greeting and in the EHLO reply.
    pub hostname: String,
    /// The largest message accepted, in octets; advertised as `SIZE`.
    pub max_message_size: u64,
    /// The most recipients per mail; more get `452 4.5.3`.
    pub max_recipients: usize,
    /// The most sessions at once; more get `421 4.7.0` at the greeting.
    pub max_sessions: usize,
    /// Failed commands per session before `421` and close.
    pub max_errors: u32,
    /// Seconds a client may take for one command line (and for reading a reply).
    pub command_timeout_secs: u64,
    /// Seconds a client may take for the whole message after `354`.
    pub data_timeout_secs: u64,
    /// Seconds that sessions in flight get to finish after shutdown is asked for.
    pub shutdown_grace_secs: u64,
    /// STARTTLS certificate and key; without them STARTTLS is not offered.
    pub tls: Option<TlsFiles>,
    /// Clients (the MTA in front of mailward, e.g. `127.0.0.1`) that may tell the original
    /// client's name, address and HELO with Postfix's XFORWARD; their word is recorded as theirs.
    /// Behind a content filter the session's own client is Postfix, so without XFORWARD the
    /// evidence would not name the sending host. Empty: XFORWARD is neither offered nor believed.
    pub xforward_hosts: Vec<std::net::IpAddr>,
}

impl Default for ReceiverConfig {
    fn default() -> Self {
        ReceiverConfig {
            listen: SocketAddr::from(([127, 0, 0, 1], 10025)),
            protocol: Dialect::Lmtp,
            hostname: "mailward.localdomain".into(),
            max_message_size: 50 * 1024 * 1024,
            max_recipients: 1000,
            max_sessions: 100,
            max_errors: 10,
            command_timeout_secs: 300,
            data_timeout_secs: 600,
            shutdown_grace_secs: 30,
            tls: None,
            xforward_hosts: Vec::new(),
        }
    }
}

impl ReceiverConfig {
    /// The command timeout as a duration.
    pub fn command_timeout(&self) -> Duration {
        Duration::from_secs(self.command_timeout_secs.max(1))
    }

    /// The DATA timeout as a duration.
    pub fn data_timeout(&self) -> Duration {
        Duration::from_secs(self.data_timeout_secs.max(1))
    }

    /// The shutdown grace period as a duration.
    pub fn shutdown_grace(&self) -> Duration {
        Duration::from_secs(self.shutdown_grace_secs)
    }
}
