//! Derived rows computed from entries (and, for received mail, from the raw bytes). The same
//! function serves ingest (rows written with the entry) and `rebuild` (rows recomputed from the
//! log), so the two can never disagree.

use crate::settings::nanos;
use crate::triage::{self, MailTriage, Triage};
use mailward_evidence::entry::Entry;
use mailward_mail::decode::{Decoded, Mailbox, decode};
use mailward_store::MessageRow;
use serde_json::json;

fn mailbox_json(m: &Mailbox) -> serde_json::Value {
    json!({"address": m.address.to_lowercase(), "name": m.name})
}

/// The derived data of one entry before its same-purpose topic is assigned.
pub struct Projected {
    /// The listing row (triage columns filled but `topic`).
    pub row: MessageRow,
    /// The per-mail triage (None when the raw bytes could not be read).
    pub mail: Option<MailTriage>,
}

/// What the raw bytes of one mail give, before it has an entry: the decoded fields and the
/// per-mail triage. Ingest computes it ahead, beside reading, so that the commit only writes.
pub struct Prepared {
    decoded: Decoded,
    mail: MailTriage,
}

/// Decodes and triages raw bytes (never fails: odd bytes give warnings and no category).
pub fn prepare(raw: &[u8], triage: &Triage) -> Prepared {
    let decoded = decode(raw);
    let mail = triage.mail(&decoded, raw);
    Prepared { decoded, mail }
}

/// The listing row and triage of an entry, if the entry is a received mail; `raw` are its bytes
/// (absent only when they cannot be read, which leaves the decoded fields empty with a warning).
pub fn project(entry: &Entry, raw: Option<&[u8]>, triage: &Triage) -> Option<Projected> {
    project_prepared(entry, raw.map(|raw| prepare(raw, triage)))
}

/// [`project`] from bytes already prepared (None: the bytes could not be read).
pub fn project_prepared(entry: &Entry, prepared: Option<Prepared>) -> Option<Projected> {
    match entry {
        Entry::Received(r) => {
            let received_at = nanos(r.received_at);
            let server_received_at = r.server_received_at.map(nanos);
            let (decoded, mail) = match prepared {
                Some(p) => (Some(p.decoded), Some(p.mail)),
                None => (None, None),
            };
            let warnings = match &decoded {
                Some(d) => d.warnings.clone(),
                None => vec!["the raw bytes could not be read; run `mailward verify`".to_string()],
            };
            let decoded = decoded.unwrap_or_default();
            let mut row = MessageRow {
                id: r.seq,
                sha256: r.sha256,
                size: r.size,
                received_at,
                server_received_at,
                event_at: server_received_at.unwrap_or(received_at),
                source: serde_json::to_string(&r.source).unwrap_or_default(),
                from_address: decoded.from.as_ref().map(|m| m.address.to_lowercase()),
                from_name: decoded.from.as_ref().and_then(|m| m.name.clone()),
                to_json: serde_json::Value::Array(decoded.to.iter().map(mailbox_json).collect())
                    .to_string(),
                subject: decoded.subject,
                date: decoded.date,
                message_id: decoded.message_id,
                warnings_json: serde_json::to_string(&warnings).unwrap_or_else(|_| "[]".into()),
                from_domain: None,
                categories_json: "[]".into(),
                findings_json: "[]".into(),
                topic: None,
                list_mail: false,
                request: false,
                new_topic: None,
            };
            if let Some(m) = &mail {
                triage::fill_row(&mut row, m);
            }
            Some(Projected { row, mail })
        }
        _ => None,
    }
}
