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
        }
    }
}
