//! `mailward.toml` in the data directory: the office's own settings. Optional: without it every
//! setting has its documented default. Read once when the archive opens; a file that cannot be
//! used stops the command with a message naming the file and the key.
//!
//! ```toml
//! [triage]
//! mail_bomb_per_day = 100
//!
//! [[staff]]
//! name = "山田 花子"
//! reading = "やまだ はなこ"
//! ```
//! `mailward.example.toml` in the repository lists every `[triage]` key with its default and a
//! comment; docs/TRIAGE.md explains them, docs/CLI.md the IMAP, reply and submission tables.

use crate::{AppError, Result};
use mailward_triage::config::TriageConfig;
use mailward_triage::content::StaffMember;
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// The configuration file's name inside the data directory.
pub const FILE_NAME: &str = "mailward.toml";

/// The office's settings.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Triage thresholds and domain lists.
    pub triage: TriageConfig,
    /// The staff directory: clerks whose names personal contact may target.
    pub staff: Vec<StaffMember>,
    /// IMAP mailboxes `mailward serve` watches.
    pub imap: Vec<ImapSource>,
    /// What mailward does on the mail server with flagged mail.
    pub sorting: Sorting,
    /// Who the office's replies come from and how they are written (`[reply]`).
    pub reply: Option<ReplySettings>,
    /// Where replies are submitted (`[submission]`).
    pub submission: Option<Submission>,
    /// SMTP/LMTP listeners of `mailward serve` (`[[listen]]`).
    pub listen: Vec<Listener>,
}

/// One SMTP or LMTP listener (`[[listen]]`): the receiver's settings (`listen`, `protocol`,
/// limits, `[listen.tls]`; see `mailward_connect::smtp::ReceiverConfig`) and where mail goes
/// once it is archived.
#[derive(Clone, Debug, Deserialize)]
#[serde(try_from = "toml::Table")]
pub struct Listener {
    /// The receiver's own settings.
    pub receiver: mailward_connect::smtp::ReceiverConfig,
    /// `host:port` of a plain SMTP server that gets every mail after it is archived (a Postfix
    /// `content_filter`'s reinjection smtpd); none: mailward is the final delivery (`lmtp:`).
    pub next_hop: Option<String>,
}

/// Splits `host`, `host:port`, `[v6]` or `[v6]:port` (the port, if any, as a number); the error
/// says what is wrong in words for the message around it.
pub(crate) fn host_and_port(
    hostport: &str,
) -> std::result::Result<(String, Option<u16>), &'static str> {
    let (host, port) = if let Some(v6) = hostport.strip_prefix('[') {
        let (h, p) = v6.split_once(']').ok_or("unclosed [")?;
        (h, p.strip_prefix(':'))
    } else {
        match hostport.rsplit_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (hostport, None),
        }
    };
    let port = port
        .map(|p| p.parse::<u16>().map_err(|_| "the port is not a number"))
        .transpose()?;
    Ok((host.to_string(), port))
}

impl TryFrom<toml::Table> for Listener {
    type Error = String;

    fn try_from(mut table: toml::Table) -> std::result::Result<Self, String> {
        let next_hop = match table.remove("next_hop") {
            None => None,
            Some(toml::Value::String(s)) => Some(s),
            Some(other) => return Err(format!("next_hop must be \"host:port\", not {other}")),
        };
        let receiver = mailward_connect::smtp::ReceiverConfig::deserialize(table)
            .map_err(|e| e.to_string())?;
        Ok(Listener { receiver, next_hop })
    }
}

/// `[reply]`: the office's sender identity and the templates' fixed values, so that a clerk
/// only names the mail and the template.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReplySettings {
    /// The office's address (From and the envelope sender); the Message-ID's domain is its own.
    pub address: String,
    /// The display name, e.g. `〇〇区役所 〇〇課` (RFC 2047 encoded in From).
    pub display_name: String,
    /// `iso-2022-jp` (default: what every Japanese mail program reads) or `utf-8`.
    #[serde(default = "default_charset")]
    pub charset: String,
    /// A folder of the office's own templates (`NAME.txt`), relative to the data directory;
    /// they replace built-in ones of the same name or add new ones.
    #[serde(default)]
    pub templates_dir: Option<PathBuf>,
    /// Fixed template values: `office_name`, `department`, `manager_name`, `manager_title`...
    /// (`--var key=value` overrides one for one reply).
    #[serde(default)]
    pub vars: std::collections::BTreeMap<String, String>,
}

fn default_charset() -> String {
    "iso-2022-jp".into()
}

/// `[submission]`: the office's submission server. The password comes from an environment
/// variable or a file, never from this file or the command line.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Submission {
    /// Server host name or address.
    pub host: String,
    /// Port (default 587 with `starttls`, 465 with `tls`, 25 with `plain`).
    #[serde(default)]
    pub port: Option<u16>,
    /// `starttls` (default), `tls`, or `plain` (a server on this machine only).
    #[serde(default = "default_submission_security")]
    pub security: String,
    /// Login name; without it no AUTH is sent (a local relay that trusts the office).
    #[serde(default)]
    pub user: Option<String>,
    /// Environment variable holding the password.
    #[serde(default)]
    pub password_env: Option<String>,
    /// File holding the password (first line).
    #[serde(default)]
    pub password_file: Option<PathBuf>,
    /// An extra CA certificate (PEM) for a server with a private CA.
    #[serde(default)]
    pub ca_file: Option<PathBuf>,
    /// Seconds any single wait on the server may take.
    #[serde(default = "default_timeout")]
    pub timeout_seconds: u64,
    /// Seconds to wait for the answer to the end of the message (servers check content then).
    #[serde(default = "default_data_timeout")]
    pub data_timeout_seconds: u64,
}

fn default_submission_security() -> String {
    "starttls".into()
}
fn default_data_timeout() -> u64 {
    300
}

/// One IMAP mailbox to watch. Secrets come from an environment variable or a file, never from
/// this file, and are never logged.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImapSource {
    /// A short name for logs and `mailward status`.
    pub name: String,
    /// Server host name or address.
    pub host: String,
    /// Port (default 993 with `tls`, 143 otherwise).
    #[serde(default)]
    pub port: Option<u16>,
    /// `tls` (default), `starttls`, or `plain` (loopback tests only).
    #[serde(default = "default_security")]
    pub security: String,
    /// Login name.
    pub user: String,
    /// Environment variable holding the password.
    #[serde(default)]
    pub password_env: Option<String>,
    /// File holding the password (first line).
    #[serde(default)]
    pub password_file: Option<PathBuf>,
    /// File holding an OAuth2 access token for SASL XOAUTH2 (Microsoft 365, Gmail), first line;
    /// read again at every connection, so an outside job can refresh it.
    #[serde(default)]
    pub oauth2_token_file: Option<PathBuf>,
    /// Command printing an OAuth2 access token on standard output, run at every connection.
    #[serde(default)]
    pub oauth2_token_command: Option<String>,
    /// An extra CA certificate (PEM) for a server with a private CA.
    #[serde(default)]
    pub ca_file: Option<PathBuf>,
    /// Folders to watch (default `["INBOX"]`).
    #[serde(default = "default_folders")]
    pub folders: Vec<String>,
    /// Seconds between checks on a server without IDLE, and the longest IDLE wait.
    #[serde(default = "default_poll")]
    pub poll_seconds: u64,
    /// Seconds any single wait on the server may take.
    #[serde(default = "default_timeout")]
    pub timeout_seconds: u64,
}

fn default_security() -> String {
    "tls".into()
}
fn default_folders() -> Vec<String> {
    vec!["INBOX".into()]
}
fn default_poll() -> u64 {
    60
}
fn default_timeout() -> u64 {
    30
}

/// What mailward does on the server with flagged mail (`[sorting]`).
#[derive(Clone, Debug, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Sorting {
    /// The folder flagged mail is moved to (the source document's name by default).
    pub quarantine_folder: String,
    /// Whether every flagged mail gets a keyword per flag (`$mailward_threat`...).
    pub keywords: bool,
    /// Whether the default rule applies: mail from a sender flagged `mail_bomb` moves to the
    /// quarantine folder (threats and personal contact stay where a person sees them).
    pub default_rules: bool,
    /// The office's own rules, checked before the default one: by address, domain or flag.
    pub rule: Vec<SortRule>,
}

impl Default for Sorting {
    fn default() -> Self {
        Sorting {
            quarantine_folder: "確認用(迷惑メール)".into(),
            keywords: true,
            default_rules: true,
            rule: Vec::new(),
        }
    }
}

/// One sorting rule (`[[sorting.rule]]`): exactly one of `address`, `domain`, `flag`.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct SortRule {
    /// Mail from this address (case-insensitive).
    #[serde(default)]
    pub address: Option<String>,
    /// Mail from this domain.
    #[serde(default)]
    pub domain: Option<String>,
    /// Mail from a sender with this flag (a stable flag id).
    #[serde(default)]
    pub flag: Option<String>,
    /// `move` (default), `keyword` (only keywords) or `leave` (do nothing).
    #[serde(default = "default_action")]
    pub action: String,
    /// Destination of `move` (default: the quarantine folder).
    #[serde(default)]
    pub folder: Option<String>,
}

fn default_action() -> String {
    "move".into()
}

impl Config {
    /// The config file of a data directory.
    pub fn path(dir: &Path) -> PathBuf {
        dir.join(FILE_NAME)
    }

    /// Reads the data directory's config file, or the defaults when there is none.
    pub fn load(dir: &Path) -> Result<Config> {
        let path = Config::path(dir);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
            Err(source) => {
                return Err(AppError::Io {
                    what: format!("reading {}", path.display()),
                    source,
                });
            }
        };
        Config::parse(&text).map_err(|e| AppError::Invalid(format!("{}: {e}", path.display())))
    }

    /// Parses config text.
    pub fn parse(text: &str) -> std::result::Result<Config, String> {
        let config: Config = toml::from_str(text).map_err(|e| e.to_string())?;
        config.triage.validate()?;
        for (i, s) in config.staff.iter().enumerate() {
            if s.name.trim().is_empty() {
                return Err(format!("[[staff]] entry {}: name is empty", i + 1));
            }
        }
        for (i, r) in config.sorting.rule.iter().enumerate() {
            let given = [r.address.is_some(), r.domain.is_some(), r.flag.is_some()]
                .iter()
                .filter(|g| **g)
                .count();
            if given != 1 {
                return Err(format!(
                    "[[sorting.rule]] entry {}: give exactly one of address, domain, flag",
                    i + 1
                ));
            }
            if let Some(f) = &r.flag
                && mailward_triage::flags::Flag::from_id(f).is_none()
            {
                return Err(format!(
                    "[[sorting.rule]] entry {}: unknown flag {f:?}",
                    i + 1
                ));
            }
            if !["move", "keyword", "leave"].contains(&r.action.as_str()) {
                return Err(format!(
                    "[[sorting.rule]] entry {}: action {:?} (use move, keyword or leave)",
                    i + 1,
                    r.action
                ));
            }
        }
        for s in &config.imap {
            if mailward_connect::Security::parse(&s.security).is_none() {
                return Err(format!(
                    "[[imap]] {}: security {:?} (use tls, starttls or plain)",
                    s.name, s.security
                ));
            }
            let secrets = [
                s.password_env.is_some(),
                s.password_file.is_some(),
                s.oauth2_token_file.is_some(),
                s.oauth2_token_command.is_some(),
            ];
            if secrets.iter().filter(|g| **g).count() != 1 {
                return Err(format!(
                    "[[imap]] {}: give exactly one of password_env, password_file, oauth2_token_file, oauth2_token_command",
                    s.name
                ));
            }
        }
        if let Some(r) = &config.reply {
            mailward_mail::compose::check_address(&r.address)
                .map_err(|e| format!("[reply] address: {e}"))?;
            if !["iso-2022-jp", "utf-8"].contains(&r.charset.as_str()) {
                return Err(format!(
                    "[reply] charset {:?} (use iso-2022-jp or utf-8)",
                    r.charset
                ));
            }
        }
        if let Some(s) = &config.submission {
            if mailward_connect::Security::parse(&s.security).is_none() {
                return Err(format!(
                    "[submission] security {:?} (use starttls, tls or plain)",
                    s.security
                ));
            }
            let secrets =
                usize::from(s.password_env.is_some()) + usize::from(s.password_file.is_some());
            match (&s.user, secrets) {
                (Some(_), 1) | (None, 0) => {}
                (Some(_), _) => {
                    return Err(
                        "[submission] with user, give exactly one of password_env, password_file"
                            .into(),
                    );
                }
                (None, _) => {
                    return Err("[submission] a password without user".into());
                }
            }
        }
        Ok(config)
    }
}

impl Submission {
    /// The submission target, with the password read now from where the config says.
    pub fn target(&self, helo: &str) -> Result<mailward_connect::SubmitTarget> {
        use mailward_connect::Security;
        let security = Security::parse(&self.security).unwrap_or(Security::StartTls);
        let login = match &self.user {
            None => None,
            Some(user) => {
                let password = if let Some(var) = &self.password_env {
                    std::env::var(var).map_err(|_| {
                        AppError::Invalid(format!(
                            "[submission] 環境変数 {var} (password_env) が設定されていません / the environment variable {var} (password_env) is not set"
                        ))
                    })?
                } else if let Some(path) = &self.password_file {
                    read_secret_file(path, "password")?
                } else {
                    return Err(AppError::Invalid(
                        "[submission] no password configured".into(),
                    ));
                };
                Some((user.clone(), password))
            }
        };
        Ok(mailward_connect::SubmitTarget {
            host: self.host.clone(),
            port: self.port.unwrap_or(match security {
                Security::Tls => 465,
                Security::StartTls => 587,
                Security::Plain => 25,
            }),
            security,
            login,
            ca_file: self.ca_file.clone(),
            helo: helo.to_string(),
            timeout: std::time::Duration::from_secs(self.timeout_seconds.max(1)),
            data_timeout: std::time::Duration::from_secs(self.data_timeout_seconds.max(1)),
        })
    }
}

/// The first line of a secret file, or the error naming the file (never the content).
fn read_secret_file(path: &Path, what: &str) -> Result<String> {
    let text = std::fs::read_to_string(path).map_err(|source| AppError::Io {
        what: format!("reading the {what} file {}", path.display()),
        source,
    })?;
    let line = text.lines().next().unwrap_or("").trim().to_string();
    if line.is_empty() {
        return Err(AppError::Invalid(format!(
            "the {what} file {} is empty",
            path.display()
        )));
    }
    Ok(line)
}

impl ImapSource {
    /// The connection target, with the secret read now from where the config says (so a token
    /// refreshed by an outside job is used at the next connection).
    pub fn target(&self) -> Result<mailward_connect::ImapTarget> {
        use mailward_connect::{Auth, ImapTarget, Security};
        let security = Security::parse(&self.security).unwrap_or(Security::Tls);
        let auth = if let Some(var) = &self.password_env {
            Auth::Password(std::env::var(var).map_err(|_| {
                AppError::Invalid(format!(
                    "[[imap]] {}: the environment variable {var} (password_env) is not set",
                    self.name
                ))
            })?)
        } else if let Some(path) = &self.password_file {
            Auth::Password(read_secret_file(path, "password")?)
        } else if let Some(path) = &self.oauth2_token_file {
            Auth::XOAuth2 {
                token: read_secret_file(path, "OAuth2 token")?,
            }
        } else if let Some(command) = &self.oauth2_token_command {
            let out = std::process::Command::new("sh")
                .arg("-c")
                .arg(command)
                .output()
                .map_err(|source| AppError::Io {
                    what: format!("[[imap]] {}: running oauth2_token_command", self.name),
                    source,
                })?;
            let token = String::from_utf8_lossy(&out.stdout)
                .lines()
                .next()
                .unwrap_or("")
                .trim()
                .to_string();
            if !out.status.success() || token.is_empty() {
                return Err(AppError::Invalid(format!(
                    "[[imap]] {}: oauth2_token_command failed or printed no token",
                    self.name
                )));
            }
            Auth::XOAuth2 { token }
        } else {
            return Err(AppError::Invalid(format!(
                "[[imap]] {}: no password or token configured",
                self.name
            )));
        };
        Ok(ImapTarget {
            host: self.host.clone(),
            port: self.port.unwrap_or(match security {
                Security::Tls => 993,
                _ => 143,
            }),
            security,
            user: self.user.clone(),
            auth,
            ca_file: self.ca_file.clone(),
            timeout: std::time::Duration::from_secs(self.timeout_seconds.max(1)),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_example_in_the_repository_parses() {
        let text = include_str!("../../../mailward.example.toml");
        let c = Config::parse(text).unwrap();
        // The example documents the defaults (plus one example extra domain): no drift.
        assert_eq!(
            c.triage,
            TriageConfig {
                extra_free_mail_domains: vec!["example-isp.ne.jp".into()],
                ..TriageConfig::default()
            }
        );
        assert_eq!(c.staff.len(), 2);
        assert_eq!(c.imap.len(), 1);
        assert_eq!(c.sorting.rule.len(), 1);
        assert_eq!(c.listen.len(), 1);
        let lmtp = &c.listen[0];
        assert_eq!(lmtp.receiver.listen.to_string(), "127.0.0.1:10024");
        assert_eq!(
            lmtp.receiver.protocol,
            mailward_connect::smtp::Dialect::Lmtp
        );
        assert_eq!(lmtp.receiver.xforward_hosts.len(), 1);
        assert_eq!(lmtp.receiver.max_sessions, 100);
        assert!(lmtp.next_hop.is_none());
        let reply = c.reply.as_ref().unwrap();
        assert_eq!(reply.charset, "iso-2022-jp");
        assert_eq!(reply.vars["manager_title"], "課長");
        let submission = c.submission.as_ref().unwrap();
        assert_eq!(submission.security, "starttls");
        let expected = TriageConfig {
            extra_free_mail_domains: vec!["example-isp.ne.jp".into()],
            ..TriageConfig::default()
        };
        assert_eq!(c.triage, expected);
    }

    #[test]
    fn missing_file_gives_defaults_and_errors_name_the_key() {
        let dir = tempfile::tempdir().unwrap();
        let c = Config::load(dir.path()).unwrap();
        assert_eq!(c.triage.thresholds.mail_bomb_per_day, 100);
        std::fs::write(
            Config::path(dir.path()),
            "[triage]\nmail_bomb_per_dya = 5\n",
        )
        .unwrap();
        let e = Config::load(dir.path()).unwrap_err().to_string();
        assert!(
            e.contains("mailward.toml") && e.contains("mail_bomb_per_dya"),
            "{e}"
        );
        let c = Config::parse(
            "[triage]\nmail_bomb_per_day = 300\n[[staff]]\nname = \"山田 花子\"\nreading = \"やまだ はなこ\"\n",
        )
        .unwrap();
        assert_eq!(c.staff.len(), 1);
        assert_eq!(c.triage.thresholds.mail_bomb_per_day, 300);
    }

    #[test]
    fn reply_and_submission_settings_are_checked() {
        let base = "[reply]\naddress = \"soudan@city.example.lg.jp\"\ndisplay_name = \"区民課\"\n";
        assert!(Config::parse(base).is_ok());
        let e = Config::parse(&format!("{base}charset = \"sjis\"\n")).unwrap_err();
        assert!(e.contains("charset"), "{e}");
        let e =
            Config::parse("[reply]\naddress = \"no at sign\"\ndisplay_name = \"x\"\n").unwrap_err();
        assert!(e.contains("[reply] address"), "{e}");
        let e = Config::parse("[submission]\nhost = \"h\"\nuser = \"u\"\n").unwrap_err();
        assert!(e.contains("password_env"), "{e}");
        let c =
            Config::parse("[submission]\nhost = \"127.0.0.1\"\nsecurity = \"plain\"\n").unwrap();
        let t = c.submission.unwrap().target("city.example.lg.jp").unwrap();
        assert_eq!((t.port, t.login), (25, None));
        let c = Config::parse(
            "[submission]\nhost = \"h\"\nuser = \"u\"\npassword_env = \"MAILWARD_TEST_UNSET_VARIABLE\"\n",
        )
        .unwrap();
        let e = c.submission.unwrap().target("x").unwrap_err().to_string();
        assert!(e.contains("MAILWARD_TEST_UNSET_VARIABLE"), "{e}");
    }
}
