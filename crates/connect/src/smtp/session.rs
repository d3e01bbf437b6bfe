//! The command state machine of one SMTP or LMTP session, without I/O.
//!
//! The listener feeds it command lines and the end of each message, and writes out the replies
//! it returns, in order (so pipelined commands are answered in the order they came). Here lives
//! what is allowed when (greeting before MAIL, MAIL before RCPT, RCPT before DATA), the limits
//! that a command can break (size declared on MAIL, recipients, errors), the EHLO capabilities,
//! and how the sink's outcomes become replies. SMTP and LMTP share all of it; they differ in the
//! greeting command and in the replies after DATA (one for SMTP, one per recipient for LMTP).

use std::net::SocketAddr;

use super::command::{self, Command, CommandError, MailFrom};
use super::config::Dialect;
use super::data::DataReader;
use super::envelope::{BodyType, Envelope, Protocol, Recipient, TlsInfo};
use super::reply::Reply;
use super::sink::RcptOutcome;

/// The longest command line read, in octets without CRLF. RFC 5321 allows 512 (1000 with
/// extensions' parameters); a little tolerance costs nothing and helps odd clients.
pub(crate) const MAX_LINE: usize = 4096;

/// The fixed settings a session needs.
#[derive(Debug, Clone)]
pub(crate) struct Settings {
    pub dialect: Dialect,
    pub hostname: String,
    pub max_message_size: u64,
    pub max_recipients: usize,
    pub max_errors: u32,
    pub tls_available: bool,
    /// Clients whose XFORWARD is believed (the MTA in front of mailward).
    pub xforward_hosts: Vec<std::net::IpAddr>,
}

/// What the I/O side does after writing the replies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Next {
    /// Read the next command.
    Command,
    /// Read message data (a 354 was given).
    Data,
    /// Run the TLS handshake (a 220 was given); unread plaintext input must be dropped.
    StartTls,
    /// Close the connection.
    Close,
}

/// The replies to one input and what comes next.
#[derive(Debug)]
pub(crate) struct Step {
    pub replies: Vec<Reply>,
    pub next: Next,
}

impl Step {
    fn reply(reply: Reply) -> Step {
        Step {
            replies: vec![reply],
            next: Next::Command,
        }
    }
}

/// The end of a message: either a mail for the sink, or replies right away.
#[derive(Debug)]
pub(crate) enum DataEnd {
    /// Give this to the sink, then pass its outcomes to [`Session::delivered`].
    Deliver(Box<Envelope>, Vec<u8>),
    /// Nothing to store (oversized): these replies.
    Refused(Vec<Reply>),
}

#[derive(Debug)]
struct Transaction {
    mail: MailFrom,
    recipients: Vec<Recipient>,
}

/// One session's state.
#[derive(Debug)]
pub(crate) struct Session {
    settings: std::sync::Arc<Settings>,
    id: String,
    client: SocketAddr,
    local: SocketAddr,
    /// The greeting name, and whether it was EHLO/LHLO (extensions) rather than HELO.
    greeted: Option<(String, bool)>,
    tls: Option<TlsInfo>,
    transaction: Option<Transaction>,
    errors: u32,
    mails: u32,
    /// Recipients of the mail handed to the sink, awaiting its outcomes.
    pending: usize,
    /// Whether this client may send XFORWARD.
    xforward: bool,
    /// What XFORWARD said of the original client, for the next mail.
    forwarded: std::collections::BTreeMap<String, String>,
}

impl Session {
    pub(crate) fn new(
        settings: std::sync::Arc<Settings>,
        id: String,
        client: SocketAddr,
        local: SocketAddr,
    ) -> Session {
        Session {
            id,
            client,
            local,
            greeted: None,
            tls: None,
            transaction: None,
            errors: 0,
            mails: 0,
            pending: 0,
            // A dual-stack listener sees an IPv4 client as ::ffff:a.b.c.d.
            xforward: settings
                .xforward_hosts
                .contains(&client.ip().to_canonical()),
            forwarded: std::collections::BTreeMap::new(),
            settings,
        }
    }

    fn lmtp(&self) -> bool {
        self.settings.dialect == Dialect::Lmtp
    }

    /// The greeting (no enhanced code, RFC 2034).
    pub(crate) fn greeting(&self) -> Reply {
        let kind = if self.lmtp() { "LMTP" } else { "ESMTP" };
        Reply::plain(
            220,
            vec![format!("{} {kind} mailward", self.settings.hostname)],
        )
    }

    /// The reply to a client that waited too long.
    pub(crate) fn timeout_reply(&self) -> Reply {
        Reply::new(
            421,
            "4.4.2",
            format!("{} Timeout, closing connection", self.settings.hostname),
        )
    }

    /// The reply to an idle client when the service stops.
    pub(crate) fn shutdown_reply(&self) -> Reply {
        Reply::new(
            421,
            "4.3.2",
            format!(
                "{} Service shutting down, try again later",
                self.settings.hostname
            ),
        )
    }

    /// A failed command: counted; too many end the session.
    fn error(&mut self, reply: Reply) -> Step {
        self.errors += 1;
        if self.errors >= self.settings.max_errors {
            Step {
                replies: vec![
                    reply,
                    Reply::new(
                        421,
                        "4.7.0",
                        format!(
                            "{} Too many errors, closing connection",
                            self.settings.hostname
                        ),
                    ),
                ],
                next: Next::Close,
            }
        } else {
            Step::reply(reply)
        }
    }

    /// A command line longer than [`MAX_LINE`] (read to its end and dropped).
    pub(crate) fn line_too_long(&mut self) -> Step {
        self.error(Reply::new(
            500,
            "5.5.2",
            format!("Line too long (limit {MAX_LINE} octets)"),
        ))
    }

    /// A command line that ended in a bare LF instead of CRLF.
    pub(crate) fn bare_lf(&mut self) -> Step {
        self.error(Reply::new(
            500,
            "5.5.2",
            "Command line must end with CRLF, not a bare LF",
        ))
    }

    /// One command line, without its CRLF.
    pub(crate) fn command(&mut self, line: &[u8]) -> Step {
        let command = match command::parse(line) {
            Ok(c) => c,
            Err(CommandError::Unrecognized(status, text)) => {
                return self.error(Reply::new(500, status, text));
            }
            Err(CommandError::Syntax(status, text)) => {
                return self.error(Reply::new(501, status, text));
            }
            Err(CommandError::UnknownParam(p)) => {
                return self.error(Reply::new(
                    555,
                    "5.5.4",
                    format!("Unsupported parameter {p}"),
                ));
            }
        };
        match command {
            Command::Helo(name) | Command::Ehlo(name) if self.lmtp() => {
                let _ = name;
                self.error(Reply::new(500, "5.5.1", "This is LMTP: use LHLO"))
            }
            Command::Lhlo(_) if !self.lmtp() => {
                self.error(Reply::new(500, "5.5.1", "This is SMTP: use EHLO or HELO"))
            }
            Command::Helo(name) => {
                self.transaction = None;
                self.greeted = Some((name, false));
                Step::reply(Reply::plain(250, vec![self.settings.hostname.clone()]))
            }
            Command::Ehlo(name) | Command::Lhlo(name) => {
                self.transaction = None;
                self.forwarded.clear();
                self.greeted = Some((name, true));
                let mut lines = vec![
                    self.settings.hostname.clone(),
                    "PIPELINING".into(),
                    format!("SIZE {}", self.settings.max_message_size),
                    "8BITMIME".into(),
                    "ENHANCEDSTATUSCODES".into(),
                ];
                if self.settings.tls_available && self.tls.is_none() {
                    lines.push("STARTTLS".into());
                }
                if self.xforward {
                    lines.push(format!(
                        "XFORWARD {}",
                        command::XFORWARD_ATTRIBUTES.join(" ")
                    ));
                }
                lines.push("SMTPUTF8".into());
                Step::reply(Reply::plain(250, lines))
            }
            Command::Mail(mail) => self.mail(mail),
            Command::Rcpt(rcpt) => {
                let Some(tx) = self.transaction.as_mut() else {
                    return self.error(Reply::new(503, "5.5.1", "Need MAIL command first"));
                };
                if tx.recipients.len() >= self.settings.max_recipients {
                    return Step::reply(Reply::new(452, "4.5.3", "Too many recipients"));
                }
                if !rcpt.address.is_ascii() && !tx.mail.smtputf8 {
                    return self.error(Reply::new(
                        553,
                        "5.6.7",
                        "Non-ASCII address needs SMTPUTF8 on MAIL FROM",
                    ));
                }
                tx.recipients.push(Recipient {
                    address: rcpt.address,
                    params: rcpt.params,
                });
                Step::reply(Reply::new(250, "2.1.5", "Ok"))
            }
            Command::Data => match &self.transaction {
                None => self.error(Reply::new(503, "5.5.1", "Need MAIL command first")),
                Some(tx) if tx.recipients.is_empty() => {
                    self.error(Reply::new(503, "5.5.1", "Need RCPT command first"))
                }
                Some(_) => Step {
                    replies: vec![Reply::plain(
                        354,
                        vec!["End data with <CR><LF>.<CR><LF>".into()],
                    )],
                    next: Next::Data,
                },
            },
            Command::Xforward(attributes) => {
                if !self.xforward {
                    self.error(Reply::new(550, "5.7.0", "Insufficient authorization"))
                } else if self.transaction.is_some() {
                    self.error(Reply::new(503, "5.5.1", "Mail transaction in progress"))
                } else {
                    self.forwarded.extend(attributes);
                    Step::reply(Reply::new(250, "2.0.0", "Ok"))
                }
            }
            Command::Rset => {
                self.transaction = None;
                self.forwarded.clear();
                Step::reply(Reply::new(250, "2.0.0", "Ok"))
            }
            Command::Noop => Step::reply(Reply::new(250, "2.0.0", "Ok")),
            Command::Quit => Step {
                replies: vec![Reply::new(
                    221,
                    "2.0.0",
                    format!("{} Bye", self.settings.hostname),
                )],
                next: Next::Close,
            },
            Command::Vrfy => Step::reply(Reply::new(
                252,
                "2.5.0",
                "Cannot VRFY user, but will accept message",
            )),
            Command::Help => Step::reply(Reply::new(
                214,
                "2.0.0",
                "Commands: EHLO HELO LHLO MAIL RCPT DATA RSET NOOP QUIT VRFY HELP STARTTLS",
            )),
            Command::StartTls => {
                if !self.settings.tls_available {
                    self.error(Reply::new(502, "5.5.1", "STARTTLS not available"))
                } else if self.tls.is_some() {
                    self.error(Reply::new(503, "5.5.1", "TLS already active"))
                } else if !matches!(self.greeted, Some((_, true))) {
                    self.error(Reply::new(503, "5.5.1", "Send EHLO or LHLO first"))
                } else {
                    Step {
                        replies: vec![Reply::new(220, "2.0.0", "Ready to start TLS")],
                        next: Next::StartTls,
                    }
                }
            }
            Command::NotImplemented(verb) => {
                self.error(Reply::new(502, "5.5.1", format!("{verb} not implemented")))
            }
        }
    }

    fn mail(&mut self, mail: MailFrom) -> Step {
        if self.greeted.is_none() {
            let hello = if self.lmtp() { "LHLO" } else { "EHLO or HELO" };
            return self.error(Reply::new(503, "5.5.1", format!("Send {hello} first")));
        }
        if self.transaction.is_some() {
            return self.error(Reply::new(503, "5.5.1", "Nested MAIL command"));
        }
        if mail
            .size
            .is_some_and(|s| s > self.settings.max_message_size)
        {
            return Step::reply(Reply::new(
                552,
                "5.3.4",
                "Message size exceeds fixed maximum message size",
            ));
        }
        if !mail.address.is_ascii() && !mail.smtputf8 {
            return self.error(Reply::new(553, "5.6.7", "Non-ASCII address needs SMTPUTF8"));
        }
        self.transaction = Some(Transaction {
            mail,
            recipients: Vec::new(),
        });
        Step::reply(Reply::new(250, "2.1.0", "Ok"))
    }

    /// TLS is up: the client starts over with EHLO/LHLO (RFC 3207).
    pub(crate) fn tls_started(&mut self, info: TlsInfo) {
        self.tls = Some(info);
        self.greeted = None;
        self.transaction = None;
    }

    /// A reader for the message after a 354.
    pub(crate) fn data_reader(&self) -> DataReader {
        DataReader::new(self.settings.max_message_size)
    }

    fn protocol(&self, smtputf8: bool) -> Protocol {
        let tls = self.tls.is_some();
        let ehlo = matches!(self.greeted, Some((_, true)));
        match (self.lmtp(), ehlo, smtputf8, tls) {
            (true, _, false, false) => Protocol::Lmtp,
            (true, _, false, true) => Protocol::Lmtps,
            (true, _, true, false) => Protocol::Utf8Lmtp,
            (true, _, true, true) => Protocol::Utf8Lmtps,
            (false, false, _, _) => Protocol::Smtp,
            (false, true, false, false) => Protocol::Esmtp,
            (false, true, false, true) => Protocol::Esmtps,
            (false, true, true, false) => Protocol::Utf8Smtp,
            (false, true, true, true) => Protocol::Utf8Smtps,
        }
    }

    /// The message was read to its end: the envelope and bytes for the sink, or the refusal.
    /// The transaction ends here either way.
    pub(crate) fn data_end(&mut self, reader: DataReader) -> DataEnd {
        let Some(tx) = self.transaction.take() else {
            return DataEnd::Refused(vec![Reply::new(503, "5.5.1", "No transaction")]);
        };
        let per_recipient = if self.lmtp() { tx.recipients.len() } else { 1 };
        if reader.is_oversized() {
            let reply = Reply::new(
                552,
                "5.3.4",
                "Message size exceeds fixed maximum message size",
            );
            self.forwarded.clear();
            return DataEnd::Refused(vec![reply; per_recipient]);
        }
        let flags = reader.flags();
        let size = reader.size();
        let declared_8bit = tx.mail.body == Some(BodyType::EightBitMime) || tx.mail.smtputf8;
        self.mails += 1;
        let envelope = Envelope {
            session_id: self.id.clone(),
            mail_in_session: self.mails,
            client: self.client,
            local: self.local,
            helo: self
                .greeted
                .as_ref()
                .map(|g| g.0.clone())
                .unwrap_or_default(),
            protocol: self.protocol(tx.mail.smtputf8),
            mail_from: tx.mail.address,
            mail_params: tx.mail.params,
            body: tx.mail.body,
            smtputf8: tx.mail.smtputf8,
            recipients: tx.recipients,
            tls: self.tls.clone(),
            size,
            undeclared_8bit: flags.eight_bit && !declared_8bit,
            bare_lf: flags.bare_lf,
            bare_cr: flags.bare_cr,
            nul: flags.nul,
            // XFORWARD describes one transaction; the next one brings its own.
            forwarded: std::mem::take(&mut self.forwarded),
        };
        self.pending = envelope.recipients.len();
        DataEnd::Deliver(Box::new(envelope), reader.into_message())
    }

    /// The sink's outcomes as replies: one for SMTP, one per recipient for LMTP. Never a 250
    /// that the sink did not give.
    pub(crate) fn delivered(&mut self, outcomes: Vec<RcptOutcome>) -> Vec<Reply> {
        let expected = std::mem::take(&mut self.pending);
        let outcomes = if outcomes.len() == expected && expected > 0 {
            outcomes
        } else {
            vec![
                RcptOutcome::Temporary(format!(
                    "Archive answered for {} of {expected} recipients",
                    outcomes.len()
                ));
                expected.max(1)
            ]
        };
        let reply = |o: &RcptOutcome| match o {
            RcptOutcome::Accepted(note) if note.is_empty() => Reply::new(250, "2.0.0", "Ok"),
            RcptOutcome::Accepted(note) => Reply::new(250, "2.0.0", format!("Ok: {note}")),
            RcptOutcome::Temporary(why) => Reply::new(451, "4.3.0", why.clone()),
            RcptOutcome::Permanent(why) => Reply::new(554, "5.3.0", why.clone()),
        };
        if self.lmtp() {
            return outcomes.iter().map(reply).collect();
        }
        let first = |pick: fn(&RcptOutcome) -> bool| outcomes.iter().find(|o| pick(o));
        let chosen = first(|o| matches!(o, RcptOutcome::Temporary(_)))
            .or_else(|| first(|o| matches!(o, RcptOutcome::Permanent(_))))
            .unwrap_or(&outcomes[0]);
        vec![reply(chosen)]
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;

    fn settings(dialect: Dialect) -> Arc<Settings> {
        Arc::new(Settings {
            dialect,
            hostname: "mx.test".into(),
            max_message_size: 1000,
            max_recipients: 3,
            max_errors: 5,
            tls_available: true,
            xforward_hosts: vec!["127.0.0.1".parse().unwrap()],
        })
    }

    fn session(dialect: Dialect) -> Session {
        Session::new(
            settings(dialect),
            "s1".into(),
            "127.0.0.1:40000".parse().unwrap(),
            "127.0.0.1:25".parse().unwrap(),
        )
    }

    /// Runs the lines; returns the codes of all replies, in order.
    fn check(s: &mut Session, lines: &[&str], want: &[u16]) {
        let mut codes = Vec::new();
        for line in lines {
            let step = s.command(line.as_bytes());
            codes.extend(step.replies.iter().map(|r| r.code));
        }
        assert_eq!(codes, want, "{lines:?}");
    }

    /// Sends one message through DATA; returns what the sink would get.
    fn data(s: &mut Session, body: &[u8]) -> DataEnd {
        let mut reader = s.data_reader();
        reader.feed(body);
        assert!(reader.is_done());
        s.data_end(reader)
    }

    #[test]
    fn order_of_commands_is_enforced() {
        let mut s = session(Dialect::Smtp);
        check(
            &mut s,
            &["MAIL FROM:<a@b>", "RCPT TO:<c@d>", "DATA"],
            &[503, 503, 503],
        );
        check(&mut s, &["EHLO client"], &[250]);
        check(
            &mut s,
            &["MAIL FROM:<a@b>", "MAIL FROM:<a@b>", "DATA"],
            &[250, 503, 503, 421],
        );
        let mut s = session(Dialect::Smtp);
        check(
            &mut s,
            &["HELO c", "DATA", "RSET", "MAIL FROM:<a@b>", "DATA"],
            &[250, 503, 250, 250, 503],
        );
    }

    #[test]
    fn pipelined_commands_are_answered_in_order() {
        let mut s = session(Dialect::Smtp);
        check(
            &mut s,
            &[
                "EHLO c",
                "MAIL FROM:<a@b>",
                "RCPT TO:<x@y>",
                "RCPT TO:<bad",
                "RCPT TO:<z@y>",
                "NOOP",
            ],
            &[250, 250, 250, 501, 250, 250],
        );
        let step = s.command(b"DATA");
        assert_eq!(step.next, Next::Data);
        assert_eq!(step.replies[0].code, 354);
    }

    #[test]
    fn ehlo_lists_the_extensions() {
        let mut s = session(Dialect::Smtp);
        let step = s.command(b"EHLO c");
        let wire = step.replies[0].to_wire();
        for ext in [
            "PIPELINING",
            "SIZE 1000",
            "8BITMIME",
            "ENHANCEDSTATUSCODES",
            "STARTTLS",
            "SMTPUTF8",
        ] {
            assert!(
                wire.contains(&format!("250-{ext}\r\n"))
                    || wire.contains(&format!("250 {ext}\r\n")),
                "{ext} in {wire}"
            );
        }
        s.tls_started(TlsInfo {
            version: "TLSv1.3".into(),
            cipher: "X".into(),
        });
        check(&mut s, &["MAIL FROM:<a@b>"], &[503]);
        let wire = s.command(b"EHLO c").replies[0].to_wire();
        assert!(!wire.contains("STARTTLS"), "no STARTTLS after TLS: {wire}");
        check(&mut s, &["STARTTLS"], &[503]);
    }

    #[test]
    fn lmtp_and_smtp_greetings_are_not_mixed() {
        let mut lmtp = session(Dialect::Lmtp);
        check(&mut lmtp, &["EHLO c", "HELO c", "LHLO c"], &[500, 500, 250]);
        let mut smtp = session(Dialect::Smtp);
        check(&mut smtp, &["LHLO c", "HELO c"], &[500, 250]);
    }

    #[test]
    fn size_limits_and_recipient_limits() {
        let mut s = session(Dialect::Smtp);
        check(
            &mut s,
            &[
                "EHLO c",
                "MAIL FROM:<a@b> SIZE=1001",
                "MAIL FROM:<a@b> SIZE=1000",
            ],
            &[250, 552, 250],
        );
        check(
            &mut s,
            &[
                "RCPT TO:<1@y>",
                "RCPT TO:<2@y>",
                "RCPT TO:<3@y>",
                "RCPT TO:<4@y>",
                "DATA",
            ],
            &[250, 250, 250, 452, 354],
        );
        let mut big = vec![b'x'; 2000];
        big.extend_from_slice(b"\r\n.\r\n");
        match data(&mut s, &big) {
            DataEnd::Refused(replies) => {
                assert_eq!(replies.len(), 1);
                assert_eq!((replies[0].code, replies[0].status), (552, Some("5.3.4")));
            }
            other => panic!("{other:?}"),
        }
        check(&mut s, &["RCPT TO:<x@y>"], &[503]);
    }

    #[test]
    fn envelope_records_the_session_and_flags() {
        let mut s = session(Dialect::Smtp);
        check(
            &mut s,
            &[
                "EHLO client.example",
                "MAIL FROM:<a@b> SIZE=10",
                "RCPT TO:<x@y>",
                "DATA",
            ],
            &[250, 250, 250, 354],
        );
        match data(&mut s, b"a\nb\xe3\r\n.\r\n") {
            DataEnd::Deliver(envelope, message) => {
                assert_eq!(message, b"a\nb\xe3\r\n");
                assert_eq!(envelope.helo, "client.example");
                assert_eq!(envelope.protocol, Protocol::Esmtp);
                assert_eq!(envelope.mail_params, vec!["SIZE=10".to_string()]);
                assert_eq!(envelope.recipients[0].address, "x@y");
                assert!(envelope.bare_lf && envelope.undeclared_8bit);
                assert_eq!(envelope.size, 6);
                assert_eq!(envelope.mail_in_session, 1);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn never_250_without_the_sink_saying_so() {
        let mut s = session(Dialect::Smtp);
        check(
            &mut s,
            &[
                "EHLO c",
                "MAIL FROM:<a@b>",
                "RCPT TO:<x@y>",
                "RCPT TO:<z@y>",
                "DATA",
            ],
            &[250, 250, 250, 250, 354],
        );
        assert!(matches!(data(&mut s, b".\r\n"), DataEnd::Deliver(..)));
        let replies = s.delivered(vec![
            RcptOutcome::Accepted("e1".into()),
            RcptOutcome::Temporary("database down".into()),
        ]);
        assert_eq!(replies.len(), 1);
        assert_eq!(replies[0].to_wire(), "451 4.3.0 database down\r\n");

        check(
            &mut s,
            &["MAIL FROM:<a@b>", "RCPT TO:<x@y>", "DATA"],
            &[250, 250, 354],
        );
        assert!(matches!(data(&mut s, b".\r\n"), DataEnd::Deliver(..)));
        let replies = s.delivered(vec![]);
        assert_eq!(
            replies[0].code, 451,
            "a sink that answers for nobody is no 250"
        );

        check(
            &mut s,
            &["MAIL FROM:<a@b>", "RCPT TO:<x@y>", "DATA"],
            &[250, 250, 354],
        );
        assert!(matches!(data(&mut s, b".\r\n"), DataEnd::Deliver(..)));
        let replies = s.delivered(vec![RcptOutcome::Accepted("entry 7".into())]);
        assert_eq!(replies[0].to_wire(), "250 2.0.0 Ok: entry 7\r\n");
    }

    #[test]
    fn lmtp_answers_per_recipient() {
        let mut s = session(Dialect::Lmtp);
        check(
            &mut s,
            &[
                "LHLO c",
                "MAIL FROM:<>",
                "RCPT TO:<x@y>",
                "RCPT TO:<z@y>",
                "DATA",
            ],
            &[250, 250, 250, 250, 354],
        );
        assert!(matches!(data(&mut s, b"x\r\n.\r\n"), DataEnd::Deliver(..)));
        let replies = s.delivered(vec![
            RcptOutcome::Accepted(String::new()),
            RcptOutcome::Temporary("disk full".into()),
        ]);
        let codes: Vec<u16> = replies.iter().map(|r| r.code).collect();
        assert_eq!(codes, vec![250, 451]);
        check(
            &mut s,
            &["MAIL FROM:<>", "RCPT TO:<x@y>", "RCPT TO:<z@y>", "DATA"],
            &[250, 250, 250, 354],
        );
        assert!(matches!(data(&mut s, b".\r\n"), DataEnd::Deliver(..)));
        let replies = s.delivered(vec![RcptOutcome::Accepted(String::new())]);
        assert_eq!(
            replies.iter().map(|r| r.code).collect::<Vec<_>>(),
            vec![451, 451]
        );
    }

    #[test]
    fn too_many_errors_close_the_session() {
        let mut s = session(Dialect::Smtp);
        check(
            &mut s,
            &["FOO", "BAR", "MAIL FROM:<a@b>", "EXPN x"],
            &[500, 500, 503, 502],
        );
        let step = s.command(b"BAZ");
        assert_eq!(
            step.replies.iter().map(|r| r.code).collect::<Vec<_>>(),
            vec![500, 421]
        );
        assert_eq!(step.next, Next::Close);
    }

    #[test]
    fn non_ascii_addresses_need_smtputf8() {
        let mut s = session(Dialect::Smtp);
        check(
            &mut s,
            &[
                "EHLO c",
                "MAIL FROM:<山田@example.jp>",
                "MAIL FROM:<山田@example.jp> SMTPUTF8",
                "RCPT TO:<窓口@example.jp>",
            ],
            &[250, 553, 250, 250],
        );
    }

    #[test]
    fn xforward_from_a_trusted_forwarder_is_recorded_per_transaction() {
        let mut s = session(Dialect::Smtp);
        let ehlo = s.command(b"EHLO c").replies[0].to_wire();
        assert!(
            ehlo.contains("XFORWARD NAME ADDR PORT PROTO HELO IDENT SOURCE"),
            "{ehlo}"
        );
        check(
            &mut s,
            &[
                "XFORWARD NAME=mx.kougeki.example ADDR=192.0.2.7 PORT=41234",
                "XFORWARD PROTO=ESMTP HELO=[192.0.2.7] IDENT=4ABC SOURCE=REMOTE",
                "XFORWARD NAME=x+2By",
                "XFORWARD NAME=mx.kougeki.example",
                "XFORWARD BOGUS=1",
                "XFORWARD NAME=%+zz",
                "MAIL FROM:<a@b.example>",
                "XFORWARD NAME=late",
                "RCPT TO:<c@d.example>",
                "DATA",
            ],
            &[250, 250, 250, 250, 501, 501, 250, 503, 250, 354],
        );
        let DataEnd::Deliver(env, _) = data(&mut s, b"x\r\n.\r\n") else {
            panic!("no delivery");
        };
        assert_eq!(env.forwarded["ADDR"], "192.0.2.7");
        assert_eq!(env.forwarded["NAME"], "mx.kougeki.example");
        assert_eq!(env.forwarded["IDENT"], "4ABC");
        assert_eq!(env.forwarded.len(), 7);
        s.delivered(vec![RcptOutcome::Accepted("1".into())]);
        // The next transaction starts without them.
        check(
            &mut s,
            &["MAIL FROM:<a@b.example>", "RCPT TO:<c@d.example>", "DATA"],
            &[250, 250, 354],
        );
        let DataEnd::Deliver(env, _) = data(&mut s, b"y\r\n.\r\n") else {
            panic!("no delivery");
        };
        assert!(env.forwarded.is_empty());
    }

    #[test]
    fn xforward_from_anyone_else_is_refused_and_not_offered() {
        let settings = settings(Dialect::Smtp);
        let mut s = Session::new(
            settings,
            "t".into(),
            "198.51.100.9:2525".parse().unwrap(),
            "127.0.0.1:25".parse().unwrap(),
        );
        let ehlo = s.command(b"EHLO c").replies[0].to_wire();
        assert!(!ehlo.contains("XFORWARD"), "{ehlo}");
        check(&mut s, &["XFORWARD ADDR=10.0.0.1"], &[550]);
    }

    #[test]
    fn vrfy_help_noop_quit() {
        let mut s = session(Dialect::Smtp);
        check(
            &mut s,
            &["VRFY x", "HELP", "NOOP", "RSET"],
            &[252, 214, 250, 250],
        );
        let step = s.command(b"QUIT");
        assert_eq!((step.replies[0].code, step.next), (221, Next::Close));
    }

    #[test]
    fn arbitrary_lines_never_panic() {
        let words: [&[u8]; 12] = [
            b"MAIL FROM:",
            b"RCPT TO:",
            b"<",
            b">",
            b"@",
            b" SIZE=",
            b"99999999999999999999999",
            b"EHLO ",
            b"DATA",
            b"\xff",
            b"\0",
            b"STARTTLS",
        ];
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for dialect in [Dialect::Smtp, Dialect::Lmtp] {
            let mut s = session(dialect);
            for _ in 0..5000 {
                let mut line = Vec::new();
                for _ in 0..(next() % 5) {
                    line.extend_from_slice(words[(next() % words.len() as u64) as usize]);
                }
                let step = s.command(&line);
                assert!(!step.replies.is_empty());
                if step.next == Next::Close {
                    s = session(dialect);
                }
            }
        }
    }
}
