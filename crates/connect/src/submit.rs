//! Handing a composed reply to a mail submission server (RFC 6409): SMTP with implicit TLS or
//! STARTTLS (or plain, only when configured explicitly, for loopback tests), AUTH PLAIN or LOGIN,
//! and the exact bytes given, so that what the server gets is what the archive holds.
//!
//! Written here rather than with lettre (docs/adr/0005-reply-submission.md): the caller needs the
//! server's exact final answer line for the evidence log, a precise account of *where* a
//! submission stopped (before the message data was complete nothing can have left; after it,
//! without an answer, it may have), and the same TLS trust as the IMAP client. Every wait is
//! bounded; nothing here retries (the caller decides, guided by [`SubmitError::failure`]).
//!
//! What does not live here: composing, archiving, secrets' origin. A password is never written
//! into an error or a log line.

use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tokio::net::TcpStream;
use tokio::time::timeout;
use tokio_rustls::client::TlsStream;

use crate::error::ImapError;
use crate::target::Security;

/// Longest server line accepted; RFC 5321 allows 512, servers send a little more in practice.
const MAX_LINE: usize = 4096;
/// Most lines of one multi-line answer (EHLO lists a few dozen at most).
const MAX_LINES: usize = 200;

/// Where and how to submit, already validated by the caller.
#[derive(Clone)]
pub struct SubmitTarget {
    /// Server host name (checked against the TLS certificate) or address.
    pub host: String,
    /// Port: 587 for STARTTLS submission, 465 for implicit TLS, 25 on loopback tests.
    pub port: u16,
    /// Transport security; [`Security::Plain`] only when configured explicitly.
    pub security: Security,
    /// `(user, password)` for AUTH PLAIN or LOGIN, or `None` for a server that relays without
    /// login (a local Postfix that trusts the loopback).
    pub login: Option<(String, String)>,
    /// An extra CA certificate (PEM) for a server with a private CA.
    pub ca_file: Option<PathBuf>,
    /// The name announced in EHLO (the office's domain).
    pub helo: String,
    /// Longest wait for any single step (connect, handshake, each answer).
    pub timeout: Duration,
    /// Longest wait for the answer to the end of the message data, which servers may spend
    /// on content checks (RFC 5321 4.5.3.2.6 suggests up to 10 minutes).
    pub data_timeout: Duration,
}

/// The password must never reach a log, even through `{:?}`.
impl fmt::Debug for SubmitTarget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SubmitTarget")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("security", &self.security)
            .field("user", &self.login.as_ref().map(|(u, _)| u))
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

impl SubmitTarget {
    /// `host:port`, as recorded in the evidence log.
    pub fn server(&self) -> String {
        format!("{}:{}", self.host, self.port)
    }
}

/// The server took the message for delivery.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Accepted {
    /// The last line of the server's answer to the end of the data, e.g.
    /// `250 2.0.0 Ok: queued as 4ABC`.
    pub reply: String,
}

/// Where in the dialogue a submission stopped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// Opening the TCP connection.
    Connect,
    /// The TLS handshake (implicit or after STARTTLS), or STARTTLS itself.
    Tls,
    /// The server's greeting.
    Greeting,
    /// EHLO.
    Ehlo,
    /// AUTH.
    Auth,
    /// MAIL FROM.
    MailFrom,
    /// RCPT TO.
    RcptTo,
    /// DATA, and writing the message.
    Data,
    /// Waiting for the answer to the end of the message data: the whole message was handed over.
    EndOfData,
}

impl Stage {
    /// The stable name written into `send_failed` entries.
    pub fn name(self) -> &'static str {
        match self {
            Stage::Connect => "connect",
            Stage::Tls => "tls",
            Stage::Greeting => "greeting",
            Stage::Ehlo => "ehlo",
            Stage::Auth => "auth",
            Stage::MailFrom => "mail_from",
            Stage::RcptTo => "rcpt_to",
            Stage::Data => "data",
            Stage::EndOfData => "end_of_data",
        }
    }
}

impl fmt::Display for Stage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What a failure means for the reply.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Failure {
    /// Not sent; trying again later can succeed (network, timeouts, 4xx answers).
    Temporary,
    /// Not sent; it will not go as it is (5xx answers, refused login, TLS not possible).
    Permanent,
    /// The whole message was handed over and no final answer came: the server may have accepted
    /// it. Sending again may deliver it twice.
    Unknown,
}

impl Failure {
    /// The stable name written into `send_failed` entries.
    pub fn name(self) -> &'static str {
        match self {
            Failure::Temporary => "temporary",
            Failure::Permanent => "permanent",
            Failure::Unknown => "unknown",
        }
    }
}

/// Why a submission did not end with the server accepting the message.
#[derive(Debug, thiserror::Error)]
pub enum SubmitError {
    /// The TCP connection could not be opened (refused, unreachable, name unknown, timed out).
    #[error(
        "送信サーバー {server} に接続できません / cannot connect to the submission server {server}: {reason}"
    )]
    Connect {
        /// `host:port`.
        server: String,
        /// The operating system's words.
        reason: String,
    },
    /// TLS could not be set up: certificate not trusted or not for this host, STARTTLS not
    /// offered, handshake refused.
    #[error("送信サーバー {server} との TLS に失敗しました / TLS with {server} failed: {reason}")]
    Tls {
        /// `host:port`.
        server: String,
        /// What failed.
        reason: String,
    },
    /// The server refused the login (or offers no login method this client has).
    #[error(
        "送信サーバーがログインを拒否しました / the submission server refused the login: {reply}"
    )]
    Auth {
        /// The server's answer (or what is missing).
        reply: String,
        /// Its code (535, 454...), 0 when there was no answer to blame.
        code: u16,
    },
    /// The server answered a step with an error code.
    #[error(
        "送信サーバーが {stage} を拒否しました / the submission server refused {stage}: {reply}"
    )]
    Rejected {
        /// The step.
        stage: Stage,
        /// The last line of the server's answer.
        reply: String,
        /// Its code.
        code: u16,
    },
    /// The server did not answer in time.
    #[error(
        "送信サーバーの応答がありません ({stage}) / timed out waiting for the submission server at {stage}"
    )]
    Timeout {
        /// The step.
        stage: Stage,
    },
    /// The connection broke, or the server answered something that is not SMTP.
    #[error(
        "送信サーバーとの接続が切れました ({stage}) / the connection to the submission server failed at {stage}: {reason}"
    )]
    Broken {
        /// The step.
        stage: Stage,
        /// What happened.
        reason: String,
    },
    /// The call itself cannot work (no recipient, an invalid TLS server name, a bad CA file).
    #[error("送信設定が使えません / invalid submission setting: {0}")]
    Config(String),
}

impl SubmitError {
    /// Where the submission stopped.
    pub fn stage(&self) -> Stage {
        match self {
            SubmitError::Connect { .. } => Stage::Connect,
            SubmitError::Tls { .. } => Stage::Tls,
            SubmitError::Auth { .. } => Stage::Auth,
            SubmitError::Rejected { stage, .. }
            | SubmitError::Timeout { stage }
            | SubmitError::Broken { stage, .. } => *stage,
            SubmitError::Config(_) => Stage::Connect,
        }
    }

    /// Whether the reply may have left, and whether trying again can help.
    pub fn failure(&self) -> Failure {
        match self {
            SubmitError::Timeout {
                stage: Stage::EndOfData,
            }
            | SubmitError::Broken {
                stage: Stage::EndOfData,
                ..
            } => Failure::Unknown,
            SubmitError::Connect { .. }
            | SubmitError::Timeout { .. }
            | SubmitError::Broken { .. } => Failure::Temporary,
            SubmitError::Auth { code, .. } | SubmitError::Rejected { code, .. } => {
                if (400..500).contains(code) {
                    Failure::Temporary
                } else {
                    Failure::Permanent
                }
            }
            SubmitError::Tls { .. } | SubmitError::Config(_) => Failure::Permanent,
        }
    }

    /// The server's answer that ended the submission, if one did.
    pub fn server_reply(&self) -> Option<&str> {
        match self {
            SubmitError::Rejected { reply, .. } => Some(reply),
            SubmitError::Auth { reply, code } if *code != 0 => Some(reply),
            _ => None,
        }
    }
}

/// The connection, before or after TLS.
enum Stream {
    Plain(TcpStream),
    Tls(Box<TlsStream<TcpStream>>),
}

/// One SMTP dialogue: the stream, bytes read ahead, and the timeouts.
struct Dialogue {
    stream: Option<Stream>,
    buffer: Vec<u8>,
    wait: Duration,
    server: String,
}

/// One answer: its code and lines (without CRLF).
struct Answer {
    code: u16,
    lines: Vec<String>,
}

impl Answer {
    fn last(&self) -> String {
        self.lines.last().cloned().unwrap_or_default()
    }
    fn ok(&self) -> bool {
        (200..300).contains(&self.code)
    }
}

impl Dialogue {
    fn broken(stage: Stage, e: impl fmt::Display) -> SubmitError {
        SubmitError::Broken {
            stage,
            reason: e.to_string(),
        }
    }

    async fn write(&mut self, bytes: &[u8], stage: Stage) -> Result<(), SubmitError> {
        let wait = self.wait;
        let write = async {
            match self.stream.as_mut() {
                Some(Stream::Plain(s)) => {
                    s.write_all(bytes).await?;
                    s.flush().await
                }
                Some(Stream::Tls(s)) => {
                    s.write_all(bytes).await?;
                    s.flush().await
                }
                None => Err(std::io::Error::other("no connection")),
            }
        };
        match timeout(wait, write).await {
            Ok(Ok(())) => Ok(()),
            Ok(Err(e)) => Err(Dialogue::broken(stage, e)),
            Err(_) => Err(SubmitError::Timeout { stage }),
        }
    }

    async fn fill(&mut self, stage: Stage) -> Result<(), SubmitError> {
        let mut chunk = [0u8; 4096];
        let n = match self.stream.as_mut() {
            Some(Stream::Plain(s)) => s.read(&mut chunk).await,
            Some(Stream::Tls(s)) => s.read(&mut chunk).await,
            None => Err(std::io::Error::other("no connection")),
        }
        .map_err(|e| Dialogue::broken(stage, e))?;
        if n == 0 {
            return Err(Dialogue::broken(stage, "the server closed the connection"));
        }
        self.buffer.extend_from_slice(&chunk[..n]);
        Ok(())
    }

    /// Reads one (possibly multi-line) answer within `wait`.
    async fn answer(&mut self, stage: Stage, wait: Duration) -> Result<Answer, SubmitError> {
        let read = async {
            let mut lines = Vec::new();
            loop {
                let end = loop {
                    if let Some(at) = self.buffer.iter().position(|b| *b == b'\n') {
                        break at;
                    }
                    if self.buffer.len() > MAX_LINE {
                        return Err(Dialogue::broken(stage, "an answer line is too long"));
                    }
                    self.fill(stage).await?;
                };
                let raw: Vec<u8> = self.buffer.drain(..=end).collect();
                let line = String::from_utf8_lossy(&raw)
                    .trim_end_matches(['\r', '\n'])
                    .to_string();
                let code = line
                    .get(..3)
                    .filter(|c| c.bytes().all(|b| b.is_ascii_digit()))
                    .and_then(|c| c.parse::<u16>().ok())
                    .ok_or_else(|| {
                        Dialogue::broken(stage, format!("not an SMTP answer: {line:?}"))
                    })?;
                let more = line.as_bytes().get(3) == Some(&b'-');
                lines.push(line);
                if lines.len() > MAX_LINES {
                    return Err(Dialogue::broken(stage, "an answer has too many lines"));
                }
                if !more {
                    return Ok(Answer { code, lines });
                }
            }
        };
        match timeout(wait, read).await {
            Ok(result) => result,
            Err(_) => Err(SubmitError::Timeout { stage }),
        }
    }

    /// Sends a command line and reads its answer.
    async fn command(&mut self, line: &str, stage: Stage) -> Result<Answer, SubmitError> {
        self.write(format!("{line}\r\n").as_bytes(), stage).await?;
        self.answer(stage, self.wait).await
    }

    /// A command that must be answered with `want` (or any 2xx when `want` is 0).
    async fn expect(&mut self, line: &str, stage: Stage, want: u16) -> Result<Answer, SubmitError> {
        let answer = self.command(line, stage).await?;
        let fine = if want == 0 {
            answer.ok()
        } else {
            answer.code == want
        };
        if fine {
            Ok(answer)
        } else {
            Err(SubmitError::Rejected {
                stage,
                reply: answer.last(),
                code: answer.code,
            })
        }
    }

    async fn ehlo(&mut self, helo: &str) -> Result<Vec<String>, SubmitError> {
        let answer = self.expect(&format!("EHLO {helo}"), Stage::Ehlo, 0).await?;
        Ok(answer
            .lines
            .iter()
            .skip(1)
            .map(|l| l.get(4..).unwrap_or("").to_ascii_uppercase())
            .collect())
    }

    async fn upgrade(&mut self, target: &SubmitTarget) -> Result<(), SubmitError> {
        if !self.buffer.is_empty() {
            return Err(Dialogue::broken(
                Stage::Tls,
                "the server sent data before the TLS handshake",
            ));
        }
        let Some(Stream::Plain(tcp)) = self.stream.take() else {
            return Err(Dialogue::broken(
                Stage::Tls,
                "no plain connection to upgrade",
            ));
        };
        let tls = handshake(target, tcp).await?;
        self.stream = Some(Stream::Tls(Box::new(tls)));
        Ok(())
    }
}

/// Runs the TLS handshake (the IMAP client's: same trust, same host name check) within the
/// step timeout.
async fn handshake(
    target: &SubmitTarget,
    tcp: TcpStream,
) -> Result<TlsStream<TcpStream>, SubmitError> {
    let server = target.server();
    let config = crate::tls::client_config(target.ca_file.as_deref())
        .map_err(|e| SubmitError::Config(e.to_string()))?;
    let handshake = crate::tls::handshake(config, &target.host, &server, tcp);
    match timeout(target.timeout, handshake).await {
        Ok(Ok(stream)) => Ok(stream),
        Ok(Err(ImapError::Config(reason))) => Err(SubmitError::Config(reason)),
        // A connection that breaks during the handshake counts as a TLS failure here, as does
        // a refused certificate: either way nothing was submitted.
        Ok(Err(ImapError::Tls(_, reason))) => Err(SubmitError::Tls { server, reason }),
        Ok(Err(ImapError::Io(e))) => Err(SubmitError::Tls {
            server,
            reason: e.to_string(),
        }),
        Ok(Err(e)) => Err(SubmitError::Tls {
            server,
            reason: e.to_string(),
        }),
        Err(_) => Err(SubmitError::Timeout { stage: Stage::Tls }),
    }
}

/// The message data as sent after DATA: every line starting with `.` gets one more (RFC 5321
/// 4.5.2), the data ends with CRLF, then the terminating `.` line.
pub fn dot_stuffed(raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(raw.len() + 64);
    let mut line_start = true;
    for &b in raw {
        if line_start && b == b'.' {
            out.push(b'.');
        }
        out.push(b);
        line_start = b == b'\n';
    }
    if !out.ends_with(b"\r\n") {
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(b".\r\n");
    out
}

/// Submits `raw` from `from` to `to`. Returns the server's final answer, or where and why it
/// stopped. The session ends with QUIT either way (its outcome does not matter).
pub async fn submit(
    target: &SubmitTarget,
    from: &str,
    to: &[String],
    raw: &[u8],
) -> Result<Accepted, SubmitError> {
    if to.is_empty() {
        return Err(SubmitError::Config("no recipient".into()));
    }
    if target.timeout.is_zero() {
        return Err(SubmitError::Config(
            "the timeout must be more than zero".into(),
        ));
    }
    let server = target.server();
    let tcp = match timeout(
        target.timeout,
        TcpStream::connect((target.host.as_str(), target.port)),
    )
    .await
    {
        Ok(Ok(tcp)) => tcp,
        Ok(Err(e)) => {
            return Err(SubmitError::Connect {
                server,
                reason: e.to_string(),
            });
        }
        Err(_) => {
            return Err(SubmitError::Connect {
                server,
                reason: "timed out".into(),
            });
        }
    };
    let stream = match target.security {
        Security::Tls => Stream::Tls(Box::new(handshake(target, tcp).await?)),
        Security::StartTls | Security::Plain => Stream::Plain(tcp),
    };
    let mut d = Dialogue {
        stream: Some(stream),
        buffer: Vec::new(),
        wait: target.timeout,
        server,
    };
    let result = transaction(&mut d, target, from, to, raw).await;
    // A polite end; a failure here changes nothing about the outcome.
    if !matches!(
        &result,
        Err(SubmitError::Broken { .. } | SubmitError::Timeout { .. })
    ) {
        let _ = timeout(Duration::from_secs(2), d.command("QUIT", Stage::Data)).await;
    }
    result
}

async fn transaction(
    d: &mut Dialogue,
    target: &SubmitTarget,
    from: &str,
    to: &[String],
    raw: &[u8],
) -> Result<Accepted, SubmitError> {
    let greeting = d.answer(Stage::Greeting, target.timeout).await?;
    if greeting.code != 220 {
        return Err(SubmitError::Rejected {
            stage: Stage::Greeting,
            reply: greeting.last(),
            code: greeting.code,
        });
    }
    let mut capabilities = d.ehlo(&target.helo).await?;
    if target.security == Security::StartTls {
        if !capabilities.iter().any(|c| c == "STARTTLS") {
            return Err(SubmitError::Tls {
                server: d.server.clone(),
                reason: "the server does not offer STARTTLS".into(),
            });
        }
        d.expect("STARTTLS", Stage::Tls, 220).await?;
        d.upgrade(target).await?;
        capabilities = d.ehlo(&target.helo).await?;
    }
    if let Some((user, password)) = &target.login {
        authenticate(d, &capabilities, user, password).await?;
    }
    d.expect(&format!("MAIL FROM:<{from}>"), Stage::MailFrom, 0)
        .await?;
    for rcpt in to {
        d.expect(&format!("RCPT TO:<{rcpt}>"), Stage::RcptTo, 0)
            .await?;
    }
    d.expect("DATA", Stage::Data, 354).await?;
    d.write(&dot_stuffed(raw), Stage::Data).await?;
    // From here the server holds the whole message: no answer means "maybe".
    let answer = d.answer(Stage::EndOfData, target.data_timeout).await?;
    if answer.ok() {
        Ok(Accepted {
            reply: answer.last(),
        })
    } else {
        Err(SubmitError::Rejected {
            stage: Stage::EndOfData,
            reply: answer.last(),
            code: answer.code,
        })
    }
}

/// AUTH PLAIN where offered, else LOGIN; the password is only ever base64 on the wire.
async fn authenticate(
    d: &mut Dialogue,
    capabilities: &[String],
    user: &str,
    password: &str,
) -> Result<(), SubmitError> {
    let mechanisms: Vec<&str> = capabilities
        .iter()
        .filter_map(|c| c.strip_prefix("AUTH").filter(|r| r.starts_with([' ', '='])))
        .flat_map(|r| r[1..].split(' '))
        .collect();
    let refused = |a: Answer| SubmitError::Auth {
        reply: a.last(),
        code: a.code,
    };
    if mechanisms.contains(&"PLAIN") {
        let token = BASE64.encode(format!("\0{user}\0{password}"));
        let a = d
            .command(&format!("AUTH PLAIN {token}"), Stage::Auth)
            .await?;
        return if a.code == 235 {
            Ok(())
        } else {
            Err(refused(a))
        };
    }
    if mechanisms.contains(&"LOGIN") {
        let a = d.command("AUTH LOGIN", Stage::Auth).await?;
        if a.code != 334 {
            return Err(refused(a));
        }
        let a = d.command(&BASE64.encode(user), Stage::Auth).await?;
        if a.code != 334 {
            return Err(refused(a));
        }
        let a = d.command(&BASE64.encode(password), Stage::Auth).await?;
        return if a.code == 235 {
            Ok(())
        } else {
            Err(refused(a))
        };
    }
    Err(SubmitError::Auth {
        reply: "the server offers neither AUTH PLAIN nor AUTH LOGIN here (STARTTLS or TLS may be needed first)".into(),
        code: 0,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::{AsyncBufReadExt as _, BufReader};
    use tokio::net::TcpListener;

    /// What the scripted server does at each step.
    #[derive(Clone, Copy)]
    struct Script {
        rcpt: &'static str,
        end_of_data: Option<&'static str>,
        auth: &'static str,
    }

    const GOOD: Script = Script {
        rcpt: "250 2.1.5 Ok",
        end_of_data: Some("250 2.0.0 Ok: queued as ABC123"),
        auth: "235 2.7.0 Authentication successful",
    };

    /// A one-connection SMTP server speaking the script; returns its port and what it received
    /// (commands, then the data).
    async fn server(script: Script) -> (u16, tokio::task::JoinHandle<(Vec<String>, Vec<u8>)>) {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let handle = tokio::spawn(async move {
            let (socket, _) = listener.accept().await.unwrap();
            let (read, mut write) = socket.into_split();
            let mut read = BufReader::new(read);
            let mut commands = Vec::new();
            let mut data = Vec::new();
            write.write_all(b"220 test ESMTP\r\n").await.unwrap();
            loop {
                let mut line = String::new();
                if read.read_line(&mut line).await.unwrap_or(0) == 0 {
                    break;
                }
                let line = line.trim_end().to_string();
                commands.push(line.clone());
                let answer: String = if line.starts_with("EHLO") {
                    "250-test\r\n250-AUTH LOGIN PLAIN\r\n250 8BITMIME\r\n".into()
                } else if line.starts_with("AUTH") {
                    format!("{}\r\n", script.auth)
                } else if line.starts_with("MAIL") {
                    "250 2.1.0 Ok\r\n".into()
                } else if line.starts_with("RCPT") {
                    format!("{}\r\n", script.rcpt)
                } else if line == "DATA" {
                    write.write_all(b"354 go ahead\r\n").await.unwrap();
                    loop {
                        let mut l = Vec::new();
                        read.read_until(b'\n', &mut l).await.unwrap();
                        if l == b".\r\n" {
                            break;
                        }
                        data.extend_from_slice(&l);
                    }
                    match script.end_of_data {
                        Some(a) => format!("{a}\r\n"),
                        None => break,
                    }
                } else if line == "QUIT" {
                    write.write_all(b"221 bye\r\n").await.unwrap();
                    break;
                } else {
                    "502 5.5.2 unknown\r\n".into()
                };
                write.write_all(answer.as_bytes()).await.unwrap();
            }
            (commands, data)
        });
        (port, handle)
    }

    fn target(port: u16, login: bool) -> SubmitTarget {
        SubmitTarget {
            host: "127.0.0.1".into(),
            port,
            security: Security::Plain,
            login: login.then(|| ("office".to_string(), "secret".to_string())),
            ca_file: None,
            helo: "city.example.lg.jp".into(),
            timeout: Duration::from_secs(5),
            data_timeout: Duration::from_secs(5),
        }
    }

    const RAW: &[u8] = b"Subject: x\r\n\r\n.hidden line\r\nline\r\n";

    #[tokio::test]
    async fn accepted_with_auth_plain_and_dot_stuffing() {
        let (port, handle) = server(GOOD).await;
        let to = vec!["a@example.jp".to_string()];
        let accepted = submit(&target(port, true), "office@city.example.lg.jp", &to, RAW)
            .await
            .unwrap();
        assert_eq!(accepted.reply, "250 2.0.0 Ok: queued as ABC123");
        let (commands, data) = handle.await.unwrap();
        assert_eq!(commands[0], "EHLO city.example.lg.jp");
        assert_eq!(
            commands[1],
            format!("AUTH PLAIN {}", BASE64.encode("\0office\0secret"))
        );
        assert_eq!(commands[2], "MAIL FROM:<office@city.example.lg.jp>");
        assert_eq!(commands[3], "RCPT TO:<a@example.jp>");
        // The server removes the stuffing again; what it got is the raw bytes.
        let unstuffed: Vec<u8> = String::from_utf8(data)
            .unwrap()
            .split_inclusive("\r\n")
            .map(|l| l.strip_prefix('.').unwrap_or(l))
            .collect::<String>()
            .into_bytes();
        assert_eq!(unstuffed, RAW);
    }

    #[tokio::test]
    async fn refused_recipient_is_permanent_and_temporary_answers_are_temporary() {
        let (port, _h) = server(Script {
            rcpt: "550 5.1.1 <a@example.jp>: Recipient address rejected",
            ..GOOD
        })
        .await;
        let to = vec!["a@example.jp".to_string()];
        let e = submit(&target(port, false), "o@x.jp", &to, RAW)
            .await
            .unwrap_err();
        assert_eq!(e.stage(), Stage::RcptTo);
        assert_eq!(e.failure(), Failure::Permanent);
        assert!(
            e.server_reply()
                .unwrap()
                .contains("Recipient address rejected")
        );
        assert!(e.to_string().contains("rcpt_to"), "{e}");

        let (port, _h) = server(Script {
            end_of_data: Some("451 4.3.0 try later"),
            ..GOOD
        })
        .await;
        let e = submit(&target(port, false), "o@x.jp", &to, RAW)
            .await
            .unwrap_err();
        assert_eq!(
            (e.stage(), e.failure()),
            (Stage::EndOfData, Failure::Temporary)
        );

        let (port, _h) = server(Script {
            auth: "535 5.7.8 Authentication failed",
            ..GOOD
        })
        .await;
        let e = submit(&target(port, true), "o@x.jp", &to, RAW)
            .await
            .unwrap_err();
        assert!(matches!(e, SubmitError::Auth { code: 535, .. }), "{e}");
        assert_eq!(e.failure(), Failure::Permanent);
        assert!(!format!("{e} {e:?}").contains("secret"));
    }

    #[tokio::test]
    async fn no_answer_after_the_data_is_unknown() {
        let (port, _h) = server(Script {
            end_of_data: None,
            ..GOOD
        })
        .await;
        let to = vec!["a@example.jp".to_string()];
        let e = submit(&target(port, false), "o@x.jp", &to, RAW)
            .await
            .unwrap_err();
        assert_eq!(
            (e.stage(), e.failure()),
            (Stage::EndOfData, Failure::Unknown),
            "{e}"
        );
    }

    #[tokio::test]
    async fn refused_connection_is_temporary() {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        drop(listener);
        let to = vec!["a@example.jp".to_string()];
        let e = submit(&target(port, false), "o@x.jp", &to, RAW)
            .await
            .unwrap_err();
        assert_eq!(
            (e.stage(), e.failure()),
            (Stage::Connect, Failure::Temporary)
        );
        assert!(format!("{:?}", target(port, true)).find("secret").is_none());
    }

    #[test]
    fn dot_stuffing_doubles_leading_dots_and_ends_the_data() {
        assert_eq!(dot_stuffed(b".a\r\nb\r\n.\r\n"), b"..a\r\nb\r\n..\r\n.\r\n");
        assert_eq!(dot_stuffed(b"x"), b"x\r\n.\r\n");
    }
}
