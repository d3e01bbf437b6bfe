//! Per-sender summaries (`mailward senders`): who sent how much, when, under which names. Counts
//! use each mail's event time (the server's receipt time where known) in the office's zone.

use crate::Result;
use crate::archive::Archive;
use serde::Serialize;
use std::collections::BTreeMap;

/// One sender's summary.
#[derive(Clone, Debug, Serialize)]
pub struct SenderSummary {
    /// The From address, lower-cased.
    pub address: String,
    /// Every display name seen with it, in order of first use.
    pub display_names: Vec<String>,
    /// Mails from it.
    pub message_count: u64,
    /// Event time of its first mail (office offset).
    pub first_seen: String,
    /// Event time of its last mail.
    pub last_seen: String,
    /// Mails per calendar day in the office's zone (`YYYY-MM-DD` -> count).
    pub per_day: BTreeMap<String, u64>,
}

struct Building {
    address: String,
    names: Vec<String>,
    count: u64,
    first: i64,
    last: i64,
    per_day: BTreeMap<String, u64>,
}

impl Archive {
    /// Summaries of all senders, most mail first.
    pub async fn senders(&self) -> Result<Vec<SenderSummary>> {
        let mut out = Vec::new();
        let mut current: Option<Building> = None;
        let mut cursor = (String::new(), 0u64);
        loop {
            let page = self
                .store
                .sender_rows_after((&cursor.0, cursor.1), 5000)
                .await?;
            let Some(last) = page.last() else { break };
            cursor = (last.0.clone(), last.3);
            for (address, name, event_at, _) in page {
                if current.as_ref().is_none_or(|b| b.address != address) {
                    out.extend(current.take().map(|b| self.finish(b)));
                    current = Some(Building {
                        address: address.clone(),
                        names: Vec::new(),
                        count: 0,
                        first: event_at,
                        last: event_at,
                        per_day: BTreeMap::new(),
                    });
                }
                if let Some(b) = current.as_mut() {
                    b.count += 1;
                    b.first = b.first.min(event_at);
                    b.last = b.last.max(event_at);
                    if let Some(name) = name.filter(|n| !b.names.contains(n)) {
                        b.names.push(name);
                    }
                    *b.per_day.entry(self.settings.day_of(event_at)).or_default() += 1;
                }
            }
        }
        out.extend(current.take().map(|b| self.finish(b)));
        out.sort_by(|a, b| {
            b.message_count
                .cmp(&a.message_count)
                .then(a.address.cmp(&b.address))
        });
        Ok(out)
    }

    fn finish(&self, b: Building) -> SenderSummary {
        SenderSummary {
            address: b.address,
            display_names: b.names,
            message_count: b.count,
            first_seen: self.settings.show_nanos(b.first),
            last_seen: self.settings.show_nanos(b.last),
            per_day: b.per_day,
        }
    }
}
