//! One logged-in IMAP session: connecting (TCP, TLS or STARTTLS), logging in (password or
//! XOAUTH2), capabilities, and the command loop every other module builds on.
//!
//! The command loop is where the rules that keep a long-running sync honest live: every wait has
//! a deadline, a `BYE` or a closed connection is an error and never a short result, unsolicited
//! news about the selected folder (new or removed mail) is remembered for `idle`, and a command
//! that did not finish (timeout, cancelled future) leaves the connection marked unusable instead
//! of out of step with the server. Folder operations are in `mailbox`, `sorting` and `idle`.

use std::fmt;
use std::time::Duration;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use imap_proto::{Capability, MailboxDatum, Outcome, Response, ResponseCode, Status};
use tokio::net::TcpStream;
use tokio::time::{Instant, timeout};

use crate::error::ImapError;
use crate::target::{Auth, ImapTarget, Security};
use crate::tls;
use crate::wire::{Transport, Wire, shorten};

/// A longer timeout is taken as this: it still ends every wait, and deadlines cannot overflow.
const MAX_TIMEOUT: Duration = Duration::from_secs(24 * 3600);

/// An open, logged-in IMAP session. One command at a time; a sync keeps one per watched folder
/// (IDLE watches only the selected folder).
pub struct Connection {
    pub(crate) wire: Wire,
    account: String,
    pub(crate) timeout: Duration,
    /// Capabilities after login, upper-cased (`MOVE`, `IDLE`, `AUTH=PLAIN`, ...).
    caps: Vec<String>,
    pub(crate) mailbox: Tracking,
    /// False while a command is in flight, and for good if it never finished: the server's
    /// replies and ours would no longer line up.
    usable: bool,
}

/// What the server told us, solicited or not, about the selected folder.
#[derive(Debug, Default)]
pub(crate) struct Tracking {
    /// The folder as the caller named it, while selected.
    pub(crate) selected: Option<String>,
    /// The server's message count (EXISTS) as last reported.
    pub(crate) exists: u32,
    /// Mail arrived or disappeared since the caller last looked (`idle`, `take_changes`).
    pub(crate) changed: bool,
    /// EXPUNGE responses still expected from our own UID MOVE, which are no news.
    pub(crate) own_expunges: u32,
}

impl Tracking {
    /// Notes what an untagged response says about the selected folder.
    fn note(&mut self, response: &Response<'_>) {
        match response {
            Response::MailboxData(MailboxDatum::Exists(n)) => {
                if *n != self.exists {
                    self.changed = true;
                }
                self.exists = *n;
            }
            Response::Expunge(_) => {
                self.exists = self.exists.saturating_sub(1);
                if self.own_expunges > 0 {
                    self.own_expunges -= 1;
                } else {
                    self.changed = true;
                }
            }
            Response::Vanished { earlier: false, .. } => self.changed = true,
            _ => {}
        }
    }
}

/// A command's tagged completion, owned.
#[derive(Debug)]
pub(crate) struct Done {
    pub(crate) status: Completion,
    /// The response code's name, upper-cased (`TRYCREATE`, `NONEXISTENT`, ...), if any.
    pub(crate) code: Option<String>,
    /// The server's text, with the code, shortened; for error messages.
    pub(crate) text: String,
}

/// OK, NO or BAD.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Completion {
    Ok,
    No,
    Bad,
}

impl Done {
    /// NO for a reason that may pass by itself (RFC 5530 codes), as opposed to "not there".
    pub(crate) fn is_temporary(&self) -> bool {
        matches!(
            self.code.as_deref(),
            Some("UNAVAILABLE" | "INUSE" | "SERVERBUG" | "LIMIT" | "OVERQUOTA" | "CONTACTADMIN")
        )
    }

    /// The usual mapping when no command-specific meaning applies: NO is a refusal, BAD a
    /// protocol error (we sent something the server did not understand).
    pub(crate) fn into_error(self, command: &'static str) -> ImapError {
        match self.status {
            Completion::Bad => ImapError::Protocol(format!("{command}: {}", self.text)),
            _ => ImapError::Refused(command, self.text),
        }
    }
}

/// One step of a command's reply.
enum Step {
    /// Untagged data (already noted and handed to the command's handler).
    Untagged,
    /// A continuation request (`+`), with its text.
    Continue(String),
    /// The tagged completion of our command.
    Done(Done),
    /// `* BYE`: the server is ending the session.
    Bye(String),
    /// A tagged completion for some other tag (should not happen; ignored).
    Stray,
}

/// How long a command may take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pace {
    /// The whole reply within the timeout.
    Whole,
    /// Each response within the timeout of the previous one (bulk replies: FETCH, SEARCH).
    PerResponse,
}

impl Connection {
    /// Opens TCP, sets up TLS or STARTTLS as the target says, logs in with the password or the
    /// XOAUTH2 token, and reads the capabilities the server grants after login (some, like MOVE
    /// on Dovecot, only show then). Each step waits at most `target.timeout`.
    pub async fn connect(target: &ImapTarget) -> Result<Connection, ImapError> {
        let account = target.account();
        if target.timeout.is_zero() {
            return Err(ImapError::Config(
                "the IMAP timeout must be more than zero".into(),
            ));
        }
        let wait = target.timeout.min(MAX_TIMEOUT);
        // "[::1]" as people write IPv6 in URLs; the socket and the certificate want "::1".
        let host = target.host.trim_start_matches('[').trim_end_matches(']');
        let tls_config = match target.security {
            Security::Tls | Security::StartTls => {
                Some(tls::client_config(target.ca_file.as_deref())?)
            }
            Security::Plain => None,
        };
        let tcp = match timeout(wait, TcpStream::connect((host, target.port))).await {
            Ok(Ok(tcp)) => tcp,
            Ok(Err(e)) => return Err(ImapError::Connect(account, e)),
            Err(_) => {
                let e = std::io::Error::new(
                    std::io::ErrorKind::TimedOut,
                    format!("no answer within {:?}", wait),
                );
                return Err(ImapError::Connect(account, e));
            }
        };
        // Commands are small and answered one at a time: do not wait for more to batch.
        let _ = tcp.set_nodelay(true);
        let transport = match (&tls_config, target.security) {
            (Some(config), Security::Tls) => {
                let handshake = tls::handshake(config.clone(), host, &account, tcp);
                match timeout(wait, handshake).await {
                    Ok(stream) => Transport::Tls(Box::new(stream?)),
                    Err(_) => return Err(ImapError::Timeout("the TLS handshake")),
                }
            }
            _ => Transport::Plain(tcp),
        };
        let mut conn = Connection {
            wire: Wire::new(transport),
            account,
            timeout: wait,
            caps: Vec::new(),
            mailbox: Tracking::default(),
            usable: true,
        };
        let (mut caps, preauth) = conn.greeting().await?;
        if let (Some(config), Security::StartTls) = (tls_config, target.security) {
            if preauth {
                return Err(ImapError::Tls(
                    conn.account.clone(),
                    "the server logged us in before STARTTLS (PREAUTH); refusing to go on in clear"
                        .into(),
                ));
            }
            conn.start_tls(config, host).await?;
            caps = None;
        }
        if !preauth {
            let caps = match caps {
                Some(caps) => caps,
                None => conn.capability().await?,
            };
            conn.login(target, &caps).await?;
        }
        conn.caps = conn.capability().await?;
        Ok(conn)
    }

    /// The account this session belongs to (`user@host:port`), for logs and evidence.
    pub fn account(&self) -> &str {
        &self.account
    }

    /// Whether the server offers UID MOVE (RFC 6851), so that sorting takes mail out of the
    /// inbox; without it sorting copies and leaves the original.
    pub fn has_move(&self) -> bool {
        self.has_cap("MOVE")
    }

    /// Whether the server offers IDLE (RFC 2177), so that new mail is seen at once; without it
    /// the caller polls with `noop`.
    pub fn has_idle(&self) -> bool {
        self.has_cap("IDLE")
    }

    /// The capabilities granted after login, upper-cased, for status pages and diagnostics.
    pub fn capabilities(&self) -> &[String] {
        &self.caps
    }

    fn has_cap(&self, name: &str) -> bool {
        self.caps.iter().any(|c| c == name)
    }

    /// Sends NOOP, which gives the server a chance to report new or removed mail: the polling
    /// fallback for servers without IDLE. Whether anything was reported: [`Self::take_changes`].
    pub async fn noop(&mut self) -> Result<(), ImapError> {
        let done = self
            .run("the reply to NOOP", "NOOP", Pace::Whole, |_| {})
            .await?;
        match done.status {
            Completion::Ok => Ok(()),
            _ => Err(done.into_error("NOOP")),
        }
    }

    /// Whether the server reported mail arriving in or leaving the selected folder (other than
    /// by our own MOVE) since the last `select`, `idle` or call of this; resets the flag. Lets a
    /// polling caller skip a full UID SEARCH when nothing happened.
    pub fn take_changes(&mut self) -> bool {
        std::mem::take(&mut self.mailbox.changed)
    }

    /// Ends the session with LOGOUT and closes the connection; failures are ignored, since the
    /// session is over either way. Bounded by the timeout.
    pub async fn logout(mut self) {
        let deadline = Instant::now() + self.timeout;
        if self.usable {
            let tag = self.wire.tag();
            let line = format!("{tag} LOGOUT");
            if self
                .wire
                .send(line.as_bytes(), deadline, "sending LOGOUT")
                .await
                .is_ok()
            {
                // Read up to our tagged OK; BYE, EOF or an error end it just as well.
                for _ in 0..16 {
                    let step = self
                        .step(deadline, "the reply to LOGOUT", &tag, &mut |_| {})
                        .await;
                    if !matches!(step, Ok(Step::Untagged | Step::Bye(_) | Step::Stray)) {
                        break;
                    }
                }
            }
        }
        self.wire.shutdown(deadline).await;
    }

    /// Reads the greeting: OK (maybe with capabilities), PREAUTH, or BYE (server busy).
    async fn greeting(&mut self) -> Result<(Option<Vec<String>>, bool), ImapError> {
        let deadline = Instant::now() + self.timeout;
        let greeting = self
            .wire
            .read(
                deadline,
                "the server's greeting",
                &mut |response| match response {
                    Response::Data { status, outcome } => {
                        let caps = match &outcome.code {
                            Some(ResponseCode::Capabilities(caps)) => Some(cap_names(caps)),
                            _ => None,
                        };
                        Ok((status_completion(status), caps, describe(outcome).1))
                    }
                    other => Err(format!("{other:?}")),
                },
            )
            .await?;
        match greeting {
            Ok((Some(Status::Ok), caps, _)) => Ok((caps, false)),
            Ok((Some(Status::PreAuth), caps, _)) => Ok((caps, true)),
            Ok((Some(Status::Bye), _, text)) => Err(ImapError::Closed(text)),
            Ok((_, _, text)) => Err(ImapError::Protocol(format!("unexpected greeting: {text}"))),
            Err(other) => Err(ImapError::Protocol(format!(
                "expected a greeting, got {}",
                shorten(&other, 200)
            ))),
        }
    }

    /// Upgrades the plain connection with STARTTLS.
    async fn start_tls(
        &mut self,
        config: std::sync::Arc<tokio_rustls::rustls::ClientConfig>,
        host: &str,
    ) -> Result<(), ImapError> {
        let done = self
            .run("the reply to STARTTLS", "STARTTLS", Pace::Whole, |_| {})
            .await?;
        if done.status != Completion::Ok {
            return Err(ImapError::Tls(
                self.account.clone(),
                format!("the server refused STARTTLS: {}", done.text),
            ));
        }
        if self.wire.has_unread() {
            return Err(ImapError::Tls(
                self.account.clone(),
                "the server sent data before the TLS handshake (possible STARTTLS injection)"
                    .into(),
            ));
        }
        let Transport::Plain(tcp) =
            std::mem::replace(&mut self.wire.transport, Transport::Detached)
        else {
            return Err(ImapError::Protocol(
                "STARTTLS on a connection that is not plain".into(),
            ));
        };
        self.usable = false;
        let handshake = tls::handshake(config, host, &self.account, tcp);
        let stream = match timeout(self.timeout, handshake).await {
            Ok(stream) => stream?,
            Err(_) => return Err(ImapError::Timeout("the TLS handshake after STARTTLS")),
        };
        self.wire.transport = Transport::Tls(Box::new(stream));
        self.usable = true;
        Ok(())
    }

    /// Asks for CAPABILITY.
    async fn capability(&mut self) -> Result<Vec<String>, ImapError> {
        let mut caps = Vec::new();
        let done = self
            .run(
                "the reply to CAPABILITY",
                "CAPABILITY",
                Pace::Whole,
                |response| {
                    if let Response::Capabilities(list) = response {
                        caps.extend(cap_names(list));
                    }
                },
            )
            .await?;
        match done.status {
            Completion::Ok => Ok(caps),
            _ => Err(done.into_error("CAPABILITY")),
        }
    }

    /// Logs in: AUTHENTICATE PLAIN where offered (any bytes in the password), else LOGIN;
    /// or AUTHENTICATE XOAUTH2. Server texts in the error are scrubbed of the secret.
    async fn login(&mut self, target: &ImapTarget, caps: &[String]) -> Result<(), ImapError> {
        let has = |name: &str| caps.iter().any(|c| c == name);
        let sasl_ir = has("SASL-IR");
        let user = target.user.as_str();
        let account = self.account.clone();
        let refused = |text: String| {
            let mut text = text;
            for secret in secrets(&target.auth, user) {
                text = text.replace(&secret, "<redacted>");
            }
            ImapError::Auth(account.clone(), text)
        };
        let (done, challenge) = match &target.auth {
            Auth::Password(password) => {
                if has("AUTH=PLAIN") {
                    let initial = format!("\0{user}\0{password}");
                    self.sasl("PLAIN", initial.as_bytes(), sasl_ir).await?
                } else if has("LOGINDISABLED") {
                    return Err(refused(
                        "the server takes no password on an unencrypted connection; use TLS or STARTTLS"
                            .into(),
                    ));
                } else {
                    (self.login_command(user, password).await?, None)
                }
            }
            Auth::XOAuth2 { token } => {
                if !has("AUTH=XOAUTH2") {
                    return Err(refused("the server does not offer XOAUTH2".into()));
                }
                let initial = format!("user={user}\x01auth=Bearer {token}\x01\x01");
                self.sasl("XOAUTH2", initial.as_bytes(), sasl_ir).await?
            }
        };
        match done.status {
            Completion::Ok => Ok(()),
            _ => Err(refused(match challenge {
                Some(detail) => format!("{} {detail}", done.text),
                None => done.text,
            })),
        }
    }

    /// AUTHENTICATE with one initial response (sent inline with SASL-IR, else after the first
    /// `+`). A further challenge is the server's error report (XOAUTH2 sends JSON): it is
    /// answered with an empty line, as RFC 7628 asks, and returned for the error message.
    async fn sasl(
        &mut self,
        mechanism: &str,
        initial: &[u8],
        inline: bool,
    ) -> Result<(Done, Option<String>), ImapError> {
        self.begin()?;
        let deadline = Instant::now() + self.timeout;
        let tag = self.wire.tag();
        let encoded = BASE64.encode(initial);
        let line = if inline {
            format!("{tag} AUTHENTICATE {mechanism} {encoded}")
        } else {
            format!("{tag} AUTHENTICATE {mechanism}")
        };
        self.wire
            .send(line.as_bytes(), deadline, "sending AUTHENTICATE")
            .await?;
        let mut sent = inline;
        let mut challenge = None;
        for _ in 0..64 {
            match self
                .step(deadline, "the reply to AUTHENTICATE", &tag, &mut |_| {})
                .await?
            {
                Step::Continue(text) => {
                    let answer: &[u8] = if !sent {
                        sent = true;
                        encoded.as_bytes()
                    } else if challenge.is_none() {
                        challenge = Some(decode_challenge(&text));
                        b""
                    } else {
                        b"*"
                    };
                    self.wire
                        .send(answer, deadline, "sending AUTHENTICATE data")
                        .await?;
                }
                Step::Done(done) => {
                    self.usable = true;
                    return Ok((done, challenge));
                }
                Step::Bye(text) => return Err(ImapError::Closed(text)),
                Step::Untagged | Step::Stray => {}
            }
        }
        Err(ImapError::Protocol("AUTHENTICATE did not end".into()))
    }

    /// LOGIN for servers without AUTH=PLAIN; a password that cannot be quoted goes as a literal.
    async fn login_command(&mut self, user: &str, password: &str) -> Result<Done, ImapError> {
        let user = quote(user).ok_or_else(|| {
            ImapError::Config("the user name holds characters LOGIN cannot send".into())
        })?;
        if let Some(password) = quote(password) {
            return self
                .run(
                    "the reply to LOGIN",
                    &format!("LOGIN {user} {password}"),
                    Pace::Whole,
                    |_| {},
                )
                .await;
        }
        self.begin()?;
        let deadline = Instant::now() + self.timeout;
        let tag = self.wire.tag();
        let line = format!("{tag} LOGIN {user} {{{}}}", password.len());
        self.wire
            .send(line.as_bytes(), deadline, "sending LOGIN")
            .await?;
        let mut sent = false;
        for _ in 0..64 {
            match self
                .step(deadline, "the reply to LOGIN", &tag, &mut |_| {})
                .await?
            {
                Step::Continue(_) if !sent => {
                    sent = true;
                    self.wire
                        .send(password.as_bytes(), deadline, "sending LOGIN")
                        .await?;
                }
                Step::Continue(_) => {
                    return Err(ImapError::Protocol(
                        "LOGIN asked for more than the password".into(),
                    ));
                }
                Step::Done(done) => {
                    self.usable = true;
                    return Ok(done);
                }
                Step::Bye(text) => return Err(ImapError::Closed(text)),
                Step::Untagged | Step::Stray => {}
            }
        }
        Err(ImapError::Protocol("LOGIN did not end".into()))
    }

    /// Refuses to start a command on a connection whose last command never finished.
    pub(crate) fn begin(&mut self) -> Result<(), ImapError> {
        if !self.usable {
            return Err(ImapError::Closed(
                "an earlier command on this connection did not finish; reconnect".into(),
            ));
        }
        self.usable = false;
        Ok(())
    }

    /// Marks the connection in step again after a completed exchange.
    pub(crate) fn finish(&mut self) {
        self.usable = true;
    }

    /// Sends one tagged command and reads up to its completion, passing untagged responses to
    /// `on_untagged`. NO and BAD come back as [`Done`] for the caller to interpret; a BYE, a
    /// closed connection, a timeout or an unexpected `+` are errors.
    pub(crate) async fn run(
        &mut self,
        what: &'static str,
        command: &str,
        pace: Pace,
        mut on_untagged: impl FnMut(&Response<'_>),
    ) -> Result<Done, ImapError> {
        self.begin()?;
        let tag = self.wire.tag();
        let line = format!("{tag} {command}");
        let mut deadline = Instant::now() + self.timeout;
        self.wire
            .send(line.as_bytes(), deadline, "sending a command")
            .await?;
        loop {
            match self.step(deadline, what, &tag, &mut on_untagged).await? {
                Step::Done(done) => {
                    self.usable = true;
                    return Ok(done);
                }
                Step::Bye(text) => return Err(ImapError::Closed(text)),
                Step::Continue(_) => {
                    return Err(ImapError::Protocol(format!(
                        "unexpected continuation request while waiting for {what}"
                    )));
                }
                Step::Untagged | Step::Stray => {
                    if pace == Pace::PerResponse {
                        deadline = Instant::now() + self.timeout;
                    }
                }
            }
        }
    }

    /// Reads one response and sorts it: untagged ones are noted for the selected folder and
    /// handed to `on_untagged`.
    async fn step(
        &mut self,
        deadline: Instant,
        what: &'static str,
        tag: &str,
        on_untagged: &mut impl FnMut(&Response<'_>),
    ) -> Result<Step, ImapError> {
        let tracking = &mut self.mailbox;
        self.wire
            .read(deadline, what, &mut |response| match response {
                Response::Done {
                    tag: done_tag,
                    status,
                    outcome,
                } => {
                    if done_tag.0 != tag {
                        return Step::Stray;
                    }
                    let (code, text) = describe(outcome);
                    let status = match status {
                        Status::Ok => Completion::Ok,
                        Status::No => Completion::No,
                        _ => Completion::Bad,
                    };
                    Step::Done(Done { status, code, text })
                }
                Response::Continue(outcome) => Step::Continue(
                    outcome
                        .information
                        .as_deref()
                        .unwrap_or_default()
                        .to_owned(),
                ),
                Response::Data {
                    status: Status::Bye,
                    outcome,
                } => Step::Bye(describe(outcome).1),
                other => {
                    tracking.note(other);
                    on_untagged(other);
                    Step::Untagged
                }
            })
            .await
    }

    /// Like [`Self::step`], for `idle`, which must tell its own timeout from other failures.
    pub(crate) async fn idle_step(
        &mut self,
        deadline: Instant,
        what: &'static str,
        tag: &str,
    ) -> Result<IdleStep, ImapError> {
        Ok(match self.step(deadline, what, tag, &mut |_| {}).await? {
            Step::Untagged | Step::Stray => IdleStep::Untagged,
            Step::Continue(_) => IdleStep::Continue,
            Step::Done(done) => IdleStep::Done(done),
            Step::Bye(text) => IdleStep::Bye(text),
        })
    }
}

/// [`Step`] as `idle` sees it.
pub(crate) enum IdleStep {
    Untagged,
    Continue,
    Done(Done),
    Bye(String),
}

/// Never prints traffic or secrets: only where the session goes and what it can do.
impl fmt::Debug for Connection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Connection")
            .field("account", &self.account)
            .field("selected", &self.mailbox.selected)
            .field("has_move", &self.has_move())
            .field("has_idle", &self.has_idle())
            .field("usable", &self.usable)
            .finish()
    }
}

fn status_completion(status: &Status) -> Option<Status> {
    match status {
        Status::Ok => Some(Status::Ok),
        Status::PreAuth => Some(Status::PreAuth),
        Status::Bye => Some(Status::Bye),
        _ => None,
    }
}

fn cap_names(caps: &[Capability<'_>]) -> Vec<String> {
    caps.iter()
        .map(|c| match c {
            Capability::Imap4rev1 => "IMAP4REV1".to_owned(),
            Capability::Auth(mech) => format!("AUTH={}", mech.to_ascii_uppercase()),
            Capability::Atom(atom) => atom.to_ascii_uppercase(),
        })
        .collect()
}

/// The response code's name and a readable text (`[CODE] text`), shortened. imap-proto knows
/// only some codes; the others (RFC 5530: NONEXISTENT, ALREADYEXISTS, EXPUNGEISSUED, ...)
/// stay at the front of the text, where they are picked up here.
fn describe(outcome: &Outcome<'_>) -> (Option<String>, String) {
    let info = outcome.information.as_deref().unwrap_or_default().trim();
    let known = outcome.code.as_ref().map(|code| match code {
        ResponseCode::Alert => "ALERT".to_owned(),
        ResponseCode::Parse => "PARSE".to_owned(),
        ResponseCode::ReadOnly => "READ-ONLY".to_owned(),
        ResponseCode::ReadWrite => "READ-WRITE".to_owned(),
        ResponseCode::TryCreate => "TRYCREATE".to_owned(),
        ResponseCode::UidNotSticky => "UIDNOTSTICKY".to_owned(),
        other => format!("{other:?}")
            .split(|c: char| !c.is_ascii_alphanumeric())
            .next()
            .unwrap_or_default()
            .to_ascii_uppercase(),
    });
    match known {
        Some(code) => {
            let text = shorten(&format!("[{code}] {info}"), 300);
            (Some(code), text)
        }
        None => {
            let code = info.strip_prefix('[').and_then(|rest| {
                let end = rest.find([']', ' '])?;
                Some(rest[..end].to_ascii_uppercase())
            });
            (code, shorten(info, 300))
        }
    }
}

/// An IMAP quoted string, or `None` when the text needs a literal (CR, LF, NUL, 8-bit).
pub(crate) fn quote(text: &str) -> Option<String> {
    if !text
        .bytes()
        .all(|b| (0x01..=0x7f).contains(&b) && b != b'\r' && b != b'\n')
    {
        return None;
    }
    let mut quoted = String::with_capacity(text.len() + 2);
    quoted.push('"');
    for c in text.chars() {
        if c == '"' || c == '\\' {
            quoted.push('\\');
        }
        quoted.push(c);
    }
    quoted.push('"');
    Some(quoted)
}

/// Forms of the secret that a server might echo: as is, and inside the base64 we sent.
fn secrets(auth: &Auth, user: &str) -> Vec<String> {
    let secret = auth.secret();
    if secret.len() < 4 {
        return Vec::new();
    }
    let mut forms = vec![secret.to_owned()];
    let initial = match auth {
        Auth::Password(p) => format!("\0{user}\0{p}"),
        Auth::XOAuth2 { token } => format!("user={user}\x01auth=Bearer {token}\x01\x01"),
    };
    forms.push(BASE64.encode(initial));
    forms
}

/// The server's error challenge (base64, often JSON), readable and short.
fn decode_challenge(text: &str) -> String {
    match BASE64.decode(text.trim()) {
        Ok(bytes) => shorten(&String::from_utf8_lossy(&bytes), 200),
        Err(_) => shorten(text, 200),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_quote(text: &str, expected: Option<&str>) {
        assert_eq!(quote(text).as_deref(), expected, "{text:?}");
    }

    #[test]
    fn quoting_escapes_or_refuses() {
        check_quote("INBOX", Some("\"INBOX\""));
        check_quote("a\"b\\c", Some("\"a\\\"b\\\\c\""));
        check_quote(
            "&eLqKjXUo-(&j,dg0TDhMPww6w-)",
            Some("\"&eLqKjXUo-(&j,dg0TDhMPww6w-)\""),
        );
        check_quote("pass\r\nmw2 LOGOUT", None);
        check_quote("パスワード", None);
    }

    #[test]
    fn codes_come_from_parser_or_text() {
        let outcome = |code, info: &'static str| Outcome {
            code,
            information: Some(info.into()),
        };
        let (code, text) = describe(&outcome(Some(ResponseCode::TryCreate), "no such mailbox"));
        assert_eq!(code.as_deref(), Some("TRYCREATE"));
        assert_eq!(text, "[TRYCREATE] no such mailbox");
        let (code, _) = describe(&outcome(None, "[NONEXISTENT] Mailbox doesn't exist: x"));
        assert_eq!(code.as_deref(), Some("NONEXISTENT"));
        let (code, _) = describe(&outcome(None, "Authentication failed."));
        assert_eq!(code, None);
    }

    #[test]
    fn secret_forms_cover_base64() {
        let auth = Auth::Password("hunter2".into());
        let forms = secrets(&auth, "u");
        assert!(forms.contains(&"hunter2".to_owned()));
        assert!(forms.contains(&BASE64.encode("\0u\0hunter2")));
    }
}
