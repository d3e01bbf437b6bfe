//! Entries of the evidence log: what mailward observed, written once as the exact bytes that are
//! hashed into the Merkle tree.
//!
//! An entry holds only facts known at receipt (times, source, envelope, the raw bytes' hash and
//! size). Decoded fields such as From or Subject are deliberately absent: they are derived from the
//! raw bytes and can be recomputed, so a decoding bug is never frozen into the evidence. The byte
//! form is UTF-8 JSON, one object, fields in the order written here; verifiers hash the stored
//! bytes as they are and never re-serialise them. `docs/EVIDENCE-FORMAT.md` is the normative text.

use crate::Sha256;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// The `format` value of every entry written by this version; a verifier rejects what it does not
/// know instead of guessing.
pub const FORMAT: &str = "mailward-evidence/1";

/// Why an entry's bytes could not be read back; reported by `verify` as a located problem.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum EntryError {
    /// The bytes are not the JSON object this format defines.
    #[error("entry is not valid evidence JSON: {0}")]
    Malformed(String),
    /// The `format` field names a format this build does not know.
    #[error("unknown entry format {0:?} (expected {FORMAT:?})")]
    UnknownFormat(String),
    /// The `kind` field names a kind this build does not know.
    #[error("unknown entry kind {0:?}")]
    UnknownKind(String),
}

/// One observed event of the log. Later issues add kinds (replies sent, staff decisions,
/// restrictions, exports); existing kinds never change shape.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Entry {
    /// Raw mail bytes were received and stored.
    Received(Received),
    /// A mail mailward had archived from a watched server folder disappeared from it, and
    /// mailward had not moved it: deleted or moved by someone else. Deletions are evidence too.
    Removed(Removed),
    /// mailward changed something on the mail server about an archived mail (moved it to a
    /// folder, copied it, added keywords), after the mail was durable: what it did, and why.
    Sorted(Sorted),
    /// mailward is about to hand a reply to a submission server: the reply's exact bytes are
    /// durable before the first byte goes out, so a mail that may have left is never missing
    /// from the log, even if mailward dies during the submission.
    Sending(Sending),
    /// The submission server accepted the reply of a [`Entry::Sending`] entry (its final answer
    /// to the message data was 2xx).
    Sent(Sent),
    /// The submission of a [`Entry::Sending`] entry ended without the server accepting it, or
    /// without an answer after the whole message was handed over (then it may have left).
    SendFailed(SendFailed),
}

/// See [`Entry::Sending`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sending {
    /// Position in the log.
    pub seq: u64,
    /// When mailward was about to connect to the server.
    pub started_at: Timestamp,
    /// The `seq` of the `received` entry of the mail this reply answers.
    pub answers: u64,
    /// The template the text was rendered from, or `null` for a text written by hand.
    pub template: Option<String>,
    /// The envelope sender (`MAIL FROM`): the office's address.
    pub envelope_from: String,
    /// The envelope recipients (`RCPT TO`).
    pub envelope_to: Vec<String>,
    /// The submission server as `host:port`.
    pub server: String,
    /// How the connection is protected: `tls`, `starttls` or `plain`.
    pub security: String,
    /// The reply's Message-ID (without angle brackets), so the reply can be found at the other
    /// end.
    pub message_id: String,
    /// SHA-256 of the reply's exact bytes as handed to the server: their address in the blob
    /// store.
    pub sha256: Sha256,
    /// Length of those bytes.
    pub size: u64,
}

/// See [`Entry::Sent`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sent {
    /// Position in the log.
    pub seq: u64,
    /// When the server's answer arrived.
    pub sent_at: Timestamp,
    /// The `seq` of the `sending` entry that holds the reply.
    pub sending: u64,
    /// The reply's bytes (the same address as in the `sending` entry).
    pub sha256: Sha256,
    /// The server's final answer line to the message data, e.g. `250 2.0.0 Ok: queued as ABC`
    /// (the last line of a multi-line answer).
    pub server_reply: String,
}

/// See [`Entry::SendFailed`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SendFailed {
    /// Position in the log.
    pub seq: u64,
    /// When the attempt ended.
    pub failed_at: Timestamp,
    /// The `seq` of the `sending` entry that holds the reply.
    pub sending: u64,
    /// The reply's bytes (the same address as in the `sending` entry).
    pub sha256: Sha256,
    /// `temporary` (trying again later can succeed: network, 4xx), `permanent` (5xx, refused
    /// login or recipient: it will not go as it is) or `unknown` (the whole message was handed
    /// over and no final answer came: the server may have accepted it).
    pub failure: String,
    /// Where the attempt stopped: `connect`, `tls`, `greeting`, `ehlo`, `auth`, `mail_from`,
    /// `rcpt_to`, `data` or `end_of_data`.
    pub stage: String,
    /// The server's answer that ended it (last line), or `null` when there was none.
    pub server_reply: Option<String>,
    /// What went wrong, in words.
    pub error: String,
}

/// See [`Entry::Removed`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Removed {
    /// Position in the log.
    pub seq: u64,
    /// When mailward noticed that the mail was gone.
    pub observed_at: Timestamp,
    /// Where it had been (an IMAP source: account, folder, UIDVALIDITY, UID).
    pub source: Source,
    /// The raw bytes that had been there (archived; their address in the blob store).
    pub sha256: Sha256,
    /// The `seq` of the `received` entry of those bytes.
    pub message: u64,
}

/// See [`Entry::Sorted`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sorted {
    /// Position in the log.
    pub seq: u64,
    /// When the server confirmed the action.
    pub acted_at: Timestamp,
    /// Where the mail was when mailward acted.
    pub source: Source,
    /// `moved` (MOVE, the original left the folder), `copied` (COPY on a server without MOVE,
    /// the original stays) or `keywords` (flags added, the mail stays).
    pub action: String,
    /// The destination folder of `moved`/`copied`.
    pub folder: Option<String>,
    /// Keywords added (`$mailward_threat`...).
    pub keywords: Vec<String>,
    /// Why: the flag ids or the rule that decided it (`flag:mail_bomb`, `rule:address:x@y`).
    pub reasons: Vec<String>,
    /// The mail's raw bytes' address.
    pub sha256: Sha256,
    /// The `seq` of the mail's `received` entry.
    pub message: u64,
}

/// A mail's raw bytes were received and made durable.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Received {
    /// Position in the log, starting at 1; the Merkle leaf index is `seq - 1`.
    pub seq: u64,
    /// When mailward read the bytes.
    pub received_at: Timestamp,
    /// When the mail server received the mail, where the source tells (Maildir delivery name,
    /// mbox From_ line, IMAP INTERNALDATE, the SMTP session); `null` when unknown.
    pub server_received_at: Option<Timestamp>,
    /// Where `server_received_at` came from, so a reader can weigh it (`maildir_name`,
    /// `mbox_from_line`, ...); `null` when the time is unknown.
    pub server_received_at_basis: Option<String>,
    /// Which input the bytes came from.
    pub source: Source,
    /// Transport facts around the message (mbox From_ line, SMTP envelope...).
    pub envelope: Envelope,
    /// SHA-256 of the raw bytes: their address in the blob store.
    pub sha256: Sha256,
    /// Length of the raw bytes.
    pub size: u64,
}

/// Where bytes entered mailward. Tagged by `type` so that later sources (SMTP, LMTP) add
/// variants without changing the existing ones.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Source {
    /// `mailward import` read a file.
    Import {
        /// The container the file was read as.
        format: ImportFormat,
        /// The file's absolute path at import time (lossy UTF-8 if the name was not UTF-8).
        path: String,
    },
    /// A mail of an IMAP mailbox folder.
    Imap {
        /// `user@host:port`.
        account: String,
        /// The folder's name (UTF-8, as people read it).
        folder: String,
        /// The folder's UIDVALIDITY when the mail was read: with `uid`, the mail's place.
        uidvalidity: u32,
        /// The mail's UID in the folder.
        uid: u32,
    },
    /// A mail handed to mailward's SMTP or LMTP listener (a Postfix `lmtp:` transport or
    /// `content_filter`); the session's facts are in the entry's `envelope.smtp`.
    Smtp {
        /// `smtp` or `lmtp`.
        protocol: String,
        /// The listener's address (`127.0.0.1:10025`), as configured.
        listener: String,
    },
}

/// The container a file was imported from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportFormat {
    /// One file of a Maildir's `cur/` or `new/`.
    Maildir,
    /// One message of an mbox file.
    Mbox,
    /// A single-message file (`.eml` or similar).
    Eml,
}

/// Envelope facts that are not part of the message bytes; every field is optional so that each
/// source records what it knows and nothing it does not.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Envelope {
    /// The mbox `From ` separator line that preceded the message, without its line end.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mbox_from_line: Option<String>,
    /// Byte offset of that separator line in the mbox file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mbox_offset: Option<u64>,
    /// How many `>From ` lines had one `>` removed (mboxrd unquoting), so a reader can redo it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mbox_unquoted_lines: Option<u64>,
    /// The SMTP/LMTP session the mail arrived in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub smtp: Option<Box<SmtpSession>>,
}

/// The SMTP or LMTP session a mail arrived in: who handed it over, under which names, to whom,
/// and how protected. These are the transport facts a police report or a court may ask about,
/// and none of them is in the message bytes.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SmtpSession {
    /// The session's id, as in mailward's log and its `250` reply.
    pub session: String,
    /// The client's address and port (`192.0.2.7:41234`).
    pub client: String,
    /// The listener's address and port the client reached.
    pub local: String,
    /// The name the client gave in EHLO/HELO/LHLO, as given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub helo: Option<String>,
    /// As in a Received header's `with`: `SMTP`, `ESMTP`, `ESMTPS`, `LMTP`, `LMTPS`...
    pub protocol: String,
    /// The MAIL FROM reverse path (empty for the null sender `<>`).
    pub mail_from: String,
    /// The MAIL FROM parameters as given (`SIZE=…`, `BODY=8BITMIME`...).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mail_params: Vec<String>,
    /// The accepted RCPT TO forward paths, in order.
    pub rcpt_to: Vec<String>,
    /// The TLS version and cipher suite, when the session was encrypted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tls: Option<String>,
    /// The body had 8-bit bytes although the client had not declared `BODY=8BITMIME`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub undeclared_8bit: bool,
    /// The body had line feeds without a carriage return (kept as they were).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub bare_lf: bool,
    /// The body had carriage returns without a line feed (kept as they were).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub bare_cr: bool,
    /// The body had NUL bytes (kept as they were).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub nul: bool,
    /// What the forwarding MTA (Postfix in front of mailward) said of the original client with
    /// XFORWARD: `NAME`, `ADDR`, `PORT`, `PROTO`, `HELO`, `IDENT` (its queue id), `SOURCE`. Its
    /// word as given, recorded only from clients configured as trusted forwarders.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub forwarded: std::collections::BTreeMap<String, String>,
}

/// The first fields of every entry, read before the kind-specific body.
#[derive(Deserialize)]
struct Head {
    format: String,
    kind: String,
}

/// The serialised shape: `format` and `kind` first, then the body's own fields.
#[derive(Serialize)]
struct Wire<'a, T: Serialize> {
    format: &'a str,
    kind: &'a str,
    #[serde(flatten)]
    body: &'a T,
}

impl Entry {
    /// The entry's position in the log.
    pub fn seq(&self) -> u64 {
        match self {
            Entry::Received(r) => r.seq,
            Entry::Removed(r) => r.seq,
            Entry::Sorted(s) => s.seq,
            Entry::Sending(s) => s.seq,
            Entry::Sent(s) => s.seq,
            Entry::SendFailed(f) => f.seq,
        }
    }

    /// The stable kind name written into the entry and the database.
    pub fn kind(&self) -> &'static str {
        match self {
            Entry::Received(_) => "received",
            Entry::Removed(_) => "removed",
            Entry::Sorted(_) => "sorted",
            Entry::Sending(_) => "sending",
            Entry::Sent(_) => "sent",
            Entry::SendFailed(_) => "send_failed",
        }
    }

    /// The raw bytes the entry is about (every kind so far is about one archived mail or one
    /// reply): `received` and `sending` bring their bytes into the blob store, the others name
    /// bytes stored before.
    pub fn blob(&self) -> Option<Sha256> {
        match self {
            Entry::Received(r) => Some(r.sha256),
            Entry::Removed(r) => Some(r.sha256),
            Entry::Sorted(s) => Some(s.sha256),
            Entry::Sending(s) => Some(s.sha256),
            Entry::Sent(s) => Some(s.sha256),
            Entry::SendFailed(f) => Some(f.sha256),
        }
    }

    /// The exact bytes to store and hash. Called once per entry, at append time.
    pub fn encode(&self) -> Vec<u8> {
        let kind = self.kind();
        fn wire<T: Serialize>(kind: &str, body: &T) -> serde_json::Result<Vec<u8>> {
            serde_json::to_vec(&Wire {
                format: FORMAT,
                kind,
                body,
            })
        }
        let result = match self {
            Entry::Received(r) => wire(kind, r),
            Entry::Removed(r) => wire(kind, r),
            Entry::Sorted(s) => wire(kind, s),
            Entry::Sending(s) => wire(kind, s),
            Entry::Sent(s) => wire(kind, s),
            Entry::SendFailed(f) => wire(kind, f),
        };
        // Serialising plain structs of strings and integers into a Vec cannot fail.
        result.unwrap_or_default()
    }

    /// Reads stored bytes back; a problem is an error value that `verify` reports, never a panic.
    pub fn decode(bytes: &[u8]) -> Result<Entry, EntryError> {
        // Fast path for the byte form this version writes: one parse instead of two. The body
        // structs ignore the `format` and `kind` fields, which the prefix has already checked.
        const RECEIVED_PREFIX: &[u8] = br#"{"format":"mailward-evidence/1","kind":"received","#;
        if bytes.starts_with(RECEIVED_PREFIX)
            && let Ok(received) = serde_json::from_slice::<Received>(bytes)
        {
            return Ok(Entry::Received(received));
        }
        let head: Head =
            serde_json::from_slice(bytes).map_err(|e| EntryError::Malformed(e.to_string()))?;
        if head.format != FORMAT {
            return Err(EntryError::UnknownFormat(head.format));
        }
        match head.kind.as_str() {
            "received" => serde_json::from_slice(bytes)
                .map(Entry::Received)
                .map_err(|e| EntryError::Malformed(e.to_string())),
            "removed" => serde_json::from_slice(bytes)
                .map(Entry::Removed)
                .map_err(|e| EntryError::Malformed(e.to_string())),
            "sorted" => serde_json::from_slice(bytes)
                .map(Entry::Sorted)
                .map_err(|e| EntryError::Malformed(e.to_string())),
            "sending" => serde_json::from_slice(bytes)
                .map(Entry::Sending)
                .map_err(|e| EntryError::Malformed(e.to_string())),
            "sent" => serde_json::from_slice(bytes)
                .map(Entry::Sent)
                .map_err(|e| EntryError::Malformed(e.to_string())),
            "send_failed" => serde_json::from_slice(bytes)
                .map(Entry::SendFailed)
                .map_err(|e| EntryError::Malformed(e.to_string())),
            _ => Err(EntryError::UnknownKind(head.kind)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Entry {
        Entry::Received(Received {
            seq: 7,
            received_at: "2026-11-28T07:00:00.5Z".parse().unwrap(),
            server_received_at: None,
            server_received_at_basis: None,
            source: Source::Import {
                format: ImportFormat::Mbox,
                path: "/tmp/a.mbox".into(),
            },
            envelope: Envelope {
                mbox_from_line: Some("From a@example.jp Sat Nov 28 07:00:00 2026".into()),
                mbox_offset: Some(0),
                mbox_unquoted_lines: Some(0),
                smtp: None,
            },
            sha256: Sha256::of(b"x"),
            size: 1,
        })
    }

    #[test]
    fn encoding_is_fixed_and_round_trips() {
        let bytes = sample().encode();
        let text = String::from_utf8(bytes.clone()).unwrap();
        assert!(
            text.starts_with(
                r#"{"format":"mailward-evidence/1","kind":"received","seq":7,"received_at":"2026-11-28T07:00:00.5Z","server_received_at":null,"#
            ),
            "{text}"
        );
        assert_eq!(Entry::decode(&bytes).unwrap(), sample());
    }

    #[test]
    fn imap_kinds_round_trip() {
        let source = Source::Imap {
            account: "office@mail.example:993".into(),
            folder: "INBOX".into(),
            uidvalidity: 1_700_000_000,
            uid: 42,
        };
        let removed = Entry::Removed(Removed {
            seq: 9,
            observed_at: "2026-11-28T08:00:00Z".parse().unwrap(),
            source: source.clone(),
            sha256: Sha256::of(b"x"),
            message: 7,
        });
        let text = String::from_utf8(removed.encode()).unwrap();
        assert!(
            text.starts_with(r#"{"format":"mailward-evidence/1","kind":"removed","seq":9,"observed_at":"2026-11-28T08:00:00Z","source":{"type":"imap","account":"office@mail.example:993","folder":"INBOX","uidvalidity":1700000000,"uid":42},"#),
            "{text}"
        );
        assert_eq!(Entry::decode(&removed.encode()).unwrap(), removed);
        let sorted = Entry::Sorted(Sorted {
            seq: 10,
            acted_at: "2026-11-28T08:00:01Z".parse().unwrap(),
            source,
            action: "moved".into(),
            folder: Some("確認用(迷惑メール)".into()),
            keywords: vec!["$mailward_mail_bomb".into()],
            reasons: vec!["flag:mail_bomb".into()],
            sha256: Sha256::of(b"x"),
            message: 7,
        });
        assert_eq!(Entry::decode(&sorted.encode()).unwrap(), sorted);
        assert_eq!(sorted.blob(), Some(Sha256::of(b"x")));
    }

    #[test]
    fn reply_kinds_round_trip_in_a_fixed_shape() {
        let reply = Sha256::of(b"reply bytes");
        let sending = Entry::Sending(Sending {
            seq: 11,
            started_at: "2026-11-28T08:00:00Z".parse().unwrap(),
            answers: 7,
            template: Some("end-of-response".into()),
            envelope_from: "soudan@city.example.lg.jp".into(),
            envelope_to: vec!["claimer@example.jp".into()],
            server: "smtp.example.lg.jp:587".into(),
            security: "starttls".into(),
            message_id: "abc@city.example.lg.jp".into(),
            sha256: reply,
            size: 1234,
        });
        let text = String::from_utf8(sending.encode()).unwrap();
        assert!(
            text.starts_with(r#"{"format":"mailward-evidence/1","kind":"sending","seq":11,"started_at":"2026-11-28T08:00:00Z","answers":7,"template":"end-of-response","envelope_from":"soudan@city.example.lg.jp","envelope_to":["claimer@example.jp"],"server":"smtp.example.lg.jp:587","security":"starttls","message_id":"abc@city.example.lg.jp","sha256":""#),
            "{text}"
        );
        assert_eq!(Entry::decode(&sending.encode()).unwrap(), sending);
        let sent = Entry::Sent(Sent {
            seq: 12,
            sent_at: "2026-11-28T08:00:01Z".parse().unwrap(),
            sending: 11,
            sha256: reply,
            server_reply: "250 2.0.0 Ok: queued as ABC".into(),
        });
        assert_eq!(Entry::decode(&sent.encode()).unwrap(), sent);
        let failed = Entry::SendFailed(SendFailed {
            seq: 13,
            failed_at: "2026-11-28T08:00:01Z".parse().unwrap(),
            sending: 11,
            sha256: reply,
            failure: "permanent".into(),
            stage: "rcpt_to".into(),
            server_reply: Some("550 5.1.1 <x@example.jp>: Recipient address rejected".into()),
            error: "the server refused the recipient".into(),
        });
        assert_eq!(Entry::decode(&failed.encode()).unwrap(), failed);
        for e in [&sending, &sent, &failed] {
            assert_eq!(e.blob(), Some(reply));
        }
        assert_eq!(
            [sending.kind(), sent.kind(), failed.kind()],
            ["sending", "sent", "send_failed"]
        );
    }

    #[test]
    fn bad_bytes_are_errors_not_panics() {
        assert!(matches!(
            Entry::decode(b"\xff\x00"),
            Err(EntryError::Malformed(_))
        ));
        assert!(matches!(
            Entry::decode(br#"{"format":"other/9","kind":"received"}"#),
            Err(EntryError::UnknownFormat(_))
        ));
        assert!(matches!(
            Entry::decode(br#"{"format":"mailward-evidence/1","kind":"nope"}"#),
            Err(EntryError::UnknownKind(_))
        ));
        assert!(matches!(
            Entry::decode(br#"{"format":"mailward-evidence/1","kind":"received","seq":1}"#),
            Err(EntryError::Malformed(_))
        ));
    }
}
