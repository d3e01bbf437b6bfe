//! The envelope of one received mail: everything the SMTP or LMTP session said about it,
//! as observed, for the evidence log (the app stores it next to the raw bytes).
//!
//! Values are kept as the client gave them (HELO name, addresses, parameters), since an entry
//! holds what was observed, not what we made of it. Nothing here is derived from the message
//! bytes except the flags for bytes that the protocol did not allow (bare LF, bare CR, NUL,
//! undeclared 8-bit data): those are facts about the transfer that the bytes alone cannot show.

use std::net::SocketAddr;

use serde::{Deserialize, Serialize};

/// The protocol of the session, named as in the `with` clause of a `Received:` header
/// (RFC 3848, RFC 6531), because that is the vocabulary mail people already read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Protocol {
    /// SMTP after HELO.
    #[serde(rename = "SMTP")]
    Smtp,
    /// SMTP after EHLO.
    #[serde(rename = "ESMTP")]
    Esmtp,
    /// SMTP after EHLO, with STARTTLS.
    #[serde(rename = "ESMTPS")]
    Esmtps,
    /// SMTP after EHLO, with SMTPUTF8 on MAIL FROM.
    #[serde(rename = "UTF8SMTP")]
    Utf8Smtp,
    /// SMTP after EHLO, with STARTTLS and SMTPUTF8.
    #[serde(rename = "UTF8SMTPS")]
    Utf8Smtps,
    /// LMTP.
    #[serde(rename = "LMTP")]
    Lmtp,
    /// LMTP with STARTTLS.
    #[serde(rename = "LMTPS")]
    Lmtps,
    /// LMTP with SMTPUTF8.
    #[serde(rename = "UTF8LMTP")]
    Utf8Lmtp,
    /// LMTP with STARTTLS and SMTPUTF8.
    #[serde(rename = "UTF8LMTPS")]
    Utf8Lmtps,
}

impl Protocol {
    /// The name as written in a `Received:` header.
    pub fn as_str(self) -> &'static str {
        match self {
            Protocol::Smtp => "SMTP",
            Protocol::Esmtp => "ESMTP",
            Protocol::Esmtps => "ESMTPS",
            Protocol::Utf8Smtp => "UTF8SMTP",
            Protocol::Utf8Smtps => "UTF8SMTPS",
            Protocol::Lmtp => "LMTP",
            Protocol::Lmtps => "LMTPS",
            Protocol::Utf8Lmtp => "UTF8LMTP",
            Protocol::Utf8Lmtps => "UTF8LMTPS",
        }
    }
}

/// The body type the client declared with `BODY=` on MAIL FROM (RFC 6152).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum BodyType {
    /// `BODY=7BIT`.
    #[serde(rename = "7BIT")]
    SevenBit,
    /// `BODY=8BITMIME`.
    #[serde(rename = "8BITMIME")]
    EightBitMime,
}

/// The TLS session a mail came over, as negotiated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TlsInfo {
    /// The protocol version, e.g. `TLSv1.3`.
    pub version: String,
    /// The cipher suite, e.g. `TLS13_AES_256_GCM_SHA384`.
    pub cipher: String,
}

/// One accepted recipient: the address as given in RCPT TO, and its parameters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recipient {
    /// The address between the angle brackets (source route removed), as given.
    pub address: String,
    /// The RCPT TO parameters as given (`KEY` or `KEY=value`).
    pub params: Vec<String>,
}

/// What the session said about one mail; handed to the [`Sink`](super::Sink) with the bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Envelope {
    /// Unique per received session in this process lifetime and across restarts (start time of
    /// the listener, a counter); ties several mails of one session together.
    pub session_id: String,
    /// The number of this mail within its session, from 1.
    pub mail_in_session: u32,
    /// The client's address and port, as seen on the TCP connection.
    pub client: SocketAddr,
    /// Our address and port that the client connected to.
    pub local: SocketAddr,
    /// The HELO, EHLO or LHLO argument as given.
    pub helo: String,
    /// The protocol, as in a `Received:` header's `with` clause.
    pub protocol: Protocol,
    /// The MAIL FROM address between the angle brackets; empty for the null sender `<>`.
    pub mail_from: String,
    /// The MAIL FROM parameters as given (`SIZE=1234`, `BODY=8BITMIME`, `SMTPUTF8`).
    pub mail_params: Vec<String>,
    /// The declared body type, when given.
    pub body: Option<BodyType>,
    /// Whether MAIL FROM carried `SMTPUTF8`.
    pub smtputf8: bool,
    /// The recipients that were accepted, in order.
    pub recipients: Vec<Recipient>,
    /// The TLS session, when the mail came over STARTTLS.
    pub tls: Option<TlsInfo>,
    /// The size of the message in octets, after dot-unstuffing (the bytes handed over).
    pub size: u64,
    /// The message held bytes above 127 although neither `BODY=8BITMIME` nor `SMTPUTF8` was
    /// declared. The bytes are kept as they came.
    pub undeclared_8bit: bool,
    /// The message held a LF not preceded by CR. Kept byte for byte, never normalised, and never
    /// taken as a line end (so `<LF>.<LF>` does not end the message: no SMTP smuggling).
    pub bare_lf: bool,
    /// The message held a CR not followed by LF. Kept byte for byte.
    pub bare_cr: bool,
    /// The message held NUL bytes. Kept byte for byte.
    pub nul: bool,
    /// What the client said of the original sender with XFORWARD (`NAME`, `ADDR`, `PORT`, `PROTO`,
    /// `HELO`, `IDENT`, `SOURCE`), when it is a trusted forwarder; its word, not checked.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub forwarded: std::collections::BTreeMap<String, String>,
}
