//! What `mailward messages` lists: one record per archived mail, with the stable JSON field
//! names documented in docs/CLI.md.

use crate::settings::Settings;
use mailward_store::MessageRow;
use serde::Serialize;

/// One archived mail as shown to people and scripts.
#[derive(Clone, Debug, Serialize)]
pub struct MessageListing {
    /// The received entry's sequence number: the mail's id everywhere in mailward.
    pub id: u64,
    /// SHA-256 of the raw bytes.
    pub sha256: String,
    /// Length of the raw bytes.
    pub size: u64,
    /// When mailward received it (RFC 3339, office offset).
    pub received_at: String,
    /// When the mail server received it, if known.
    pub server_received_at: Option<String>,
    /// Where it came from (the entry's source object).
    pub source: serde_json::Value,
    /// The Date header (RFC 3339), if it parses; what the sender's machine claimed.
    pub date: Option<String>,
    /// The Message-ID header.
    pub message_id: Option<String>,
    /// The first From mailbox: `{"address","name"}`.
    pub from: Option<serde_json::Value>,
    /// The To mailboxes.
    pub to: serde_json::Value,
    /// The subject, decoded.
    pub subject: Option<String>,
    /// What could not be decoded as labelled, or was guessed.
    pub warnings: serde_json::Value,
    /// Triage categories of the mail's own words, each `{"id","matched":[{"phrase","text",
    /// "context"}]}` plus `targets` and `time_bound` for personal contact; empty when ordinary.
    pub categories: serde_json::Value,
    /// The same-purpose topic it belongs to (the id of the topic's first mail).
    pub topic: Option<u64>,
}

impl MessageListing {
    /// Presents a stored row.
    pub fn from_row(row: &MessageRow, settings: &Settings) -> Self {
        MessageListing {
            id: row.id,
            sha256: row.sha256.to_hex(),
            size: row.size,
            received_at: settings.show_nanos(row.received_at),
            server_received_at: row.server_received_at.map(|n| settings.show_nanos(n)),
            source: serde_json::from_str(&row.source).unwrap_or(serde_json::Value::Null),
            date: row.date.clone(),
            message_id: row.message_id.clone(),
            from: row
                .from_address
                .as_ref()
                .map(|a| serde_json::json!({"address": a, "name": row.from_name})),
            to: serde_json::from_str(&row.to_json).unwrap_or(serde_json::Value::Array(vec![])),
            subject: row.subject.clone(),
            warnings: serde_json::from_str(&row.warnings_json)
                .unwrap_or(serde_json::Value::Array(vec![])),
            categories: serde_json::from_str(&row.findings_json)
                .unwrap_or(serde_json::Value::Array(vec![])),
            topic: row.topic,
        }
    }
}
