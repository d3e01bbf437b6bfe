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
    pub smtp: Option<SmtpSession>,
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
        }
    }

    /// The stable kind name written into the entry and the database.
    pub fn kind(&self) -> &'static str {
        match self {
            Entry::Received(_) => "received",
            Entry::Removed(_) => "removed",
            Entry::Sorted(_) => "sorted",
        }
    }

    /// The raw bytes the entry is about (every kind so far is about one archived mail).
    pub fn blob(&self) -> Option<Sha256> {
        match self {
            Entry::Received(r) => Some(r.sha256),
            Entry::Removed(r) => Some(r.sha256),
            Entry::Sorted(s) => Some(s.sha256),
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
