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

/// Where bytes entered mailward. Tagged by `type` so that later sources (IMAP, SMTP, LMTP) add
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
        }
    }

    /// The stable kind name written into the entry and the database.
    pub fn kind(&self) -> &'static str {
        match self {
            Entry::Received(_) => "received",
        }
    }

    /// The exact bytes to store and hash. Called once per entry, at append time.
    pub fn encode(&self) -> Vec<u8> {
        let kind = self.kind();
        let result = match self {
            Entry::Received(r) => serde_json::to_vec(&Wire {
                format: FORMAT,
                kind,
                body: r,
            }),
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
