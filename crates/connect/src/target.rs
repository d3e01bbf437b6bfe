//! Where and how to reach one IMAP account: host, port, transport security, user and secret.
//!
//! This is configuration already validated by the caller; it holds secrets, so its `Debug` output
//! redacts them, and nothing in this crate ever formats a secret into a log line or an error.
//! Reading secrets from files, commands or the environment is the caller's business.

use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

/// How the connection is protected, because mail providers differ and a wrong guess either fails
/// or, worse, sends the password in clear.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Security {
    /// Implicit TLS from the first byte (IMAPS, usually port 993): the normal choice.
    Tls,
    /// Plain TCP upgraded with `STARTTLS` before any secret is sent (usually port 143).
    StartTls,
    /// No encryption at all: the password crosses the network in clear. Only for loopback tests
    /// or an explicit `--insecure-plain`; the caller decides when that is acceptable.
    Plain,
}

impl Security {
    /// The name used in config files and the evidence log: `tls`, `starttls`, `plain`.
    pub fn name(self) -> &'static str {
        match self {
            Security::Tls => "tls",
            Security::StartTls => "starttls",
            Security::Plain => "plain",
        }
    }

    /// The security a config name means, or None for a name that means none.
    pub fn parse(name: &str) -> Option<Security> {
        [Security::Tls, Security::StartTls, Security::Plain]
            .into_iter()
            .find(|s| s.name() == name)
    }
}

/// The secret that proves who we are, because Microsoft 365 and Gmail refuse passwords and want
/// an OAuth2 bearer token instead.
#[derive(Clone, PartialEq, Eq)]
pub enum Auth {
    /// A password, sent with `AUTHENTICATE PLAIN` where offered, else `LOGIN`.
    Password(String),
    /// An OAuth2 access token, sent with SASL `XOAUTH2`
    /// (`user=USER\x01auth=Bearer TOKEN\x01\x01`). Refreshing it is the caller's job.
    XOAuth2 {
        /// The bearer token itself.
        token: String,
    },
}

impl Auth {
    /// The secret itself, so that error texts from the server can be scrubbed of it.
    pub(crate) fn secret(&self) -> &str {
        match self {
            Auth::Password(p) => p,
            Auth::XOAuth2 { token } => token,
        }
    }
}

/// Secrets must never reach a log, even through `{:?}` of a larger structure.
impl fmt::Debug for Auth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Auth::Password(_) => f.write_str("Password(<redacted>)"),
            Auth::XOAuth2 { .. } => f.write_str("XOAuth2 { token: <redacted> }"),
        }
    }
}

/// Everything needed to open a session with one IMAP account, so that a connection can be
/// re-established after a failure without asking anybody again.
#[derive(Clone)]
pub struct ImapTarget {
    /// Host name or IP address; also the name the TLS certificate must carry.
    pub host: String,
    /// TCP port (993 for [`Security::Tls`], 143 otherwise, by convention).
    pub port: u16,
    /// Transport protection.
    pub security: Security,
    /// Login name.
    pub user: String,
    /// Password or token.
    pub auth: Auth,
    /// An extra CA certificate file (PEM) to trust next to the built-in web roots, for servers
    /// with a private or self-signed CA.
    pub ca_file: Option<PathBuf>,
    /// How long any single wait on the server may take: connecting, the TLS handshake, a
    /// command's reply; for bulk replies (FETCH, SEARCH) the time without any progress.
    pub timeout: Duration,
}

impl ImapTarget {
    /// A timeout that tolerates slow providers but still notices a dead connection quickly
    /// enough for a mailbox watcher.
    pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

    /// The account as people read it (`user@host:port`), for logs and evidence entries, which
    /// must say where a mail came from but never carry a secret.
    pub fn account(&self) -> String {
        if self.host.contains(':') && !self.host.starts_with('[') {
            format!("{}@[{}]:{}", self.user, self.host, self.port)
        } else {
            format!("{}@{}:{}", self.user, self.host, self.port)
        }
    }
}

/// Prints where and how, never the password or token.
impl fmt::Debug for ImapTarget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ImapTarget")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("security", &self.security)
            .field("user", &self.user)
            .field("auth", &self.auth)
            .field("ca_file", &self.ca_file)
            .field("timeout", &self.timeout)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(auth: Auth, secret: &str) {
        let target = ImapTarget {
            host: "imap.example.jp".into(),
            port: 993,
            security: Security::Tls,
            user: "office".into(),
            auth,
            ca_file: None,
            timeout: ImapTarget::DEFAULT_TIMEOUT,
        };
        let shown = format!("{target:?} {target:#?} {:?}", target.auth);
        assert!(!shown.contains(secret), "secret leaked: {shown}");
        assert!(shown.contains("redacted"));
        assert_eq!(target.account(), "office@imap.example.jp:993");
    }

    #[test]
    fn debug_never_shows_password_or_token() {
        check(Auth::Password("hunter2-パスワード".into()), "hunter2");
        check(
            Auth::XOAuth2 {
                token: "eyJhbGciOi.secret.token".into(),
            },
            "eyJhbGciOi",
        );
    }

    #[test]
    fn account_brackets_ipv6() {
        let target = ImapTarget {
            host: "::1".into(),
            port: 143,
            security: Security::Plain,
            user: "u".into(),
            auth: Auth::Password("p".into()),
            ca_file: None,
            timeout: ImapTarget::DEFAULT_TIMEOUT,
        };
        assert_eq!(target.account(), "u@[::1]:143");
    }
}
