//! Derived rows computed from entries. The same function serves ingest (rows written with the
//! entry) and `rebuild` (rows recomputed from the log), so the two can never disagree.

use crate::settings::nanos;
use mailward_evidence::entry::Entry;
use mailward_store::MessageRow;

/// The listing row of an entry, if the entry is a received mail.
pub fn message_row(entry: &Entry) -> Option<MessageRow> {
    match entry {
        Entry::Received(r) => {
            let received_at = nanos(r.received_at);
            let server_received_at = r.server_received_at.map(nanos);
            Some(MessageRow {
                id: r.seq,
                sha256: r.sha256,
                size: r.size,
                received_at,
                server_received_at,
                event_at: server_received_at.unwrap_or(received_at),
                source: serde_json::to_string(&r.source).unwrap_or_default(),
            })
        }
    }
}
