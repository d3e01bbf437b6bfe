//! Per-sender and per-domain summaries (`mailward senders`, `mailward domains`): who sent how
//! much and when, and the triage flags with their evidence, legal grounds and same-purpose
//! topics. Flags are computed here from the stored per-mail facts, so thresholds changed in
//! `mailward.toml` apply at once; lexicon or staff changes need `mailward rebuild`.

use crate::Result;
use crate::archive::Archive;
use mailward_store::{FactRow, GroupBy};
use mailward_triage::assess::{self, Evidence, MailFact, Scope, Window};
use mailward_triage::config::TriageConfig;
use mailward_triage::flags::{Category, Flag};
use serde::Serialize;
use serde_json::{Value, json};
use std::collections::{BTreeMap, HashMap};

/// Mails shown per content flag in the evidence.
const SHOWN_MESSAGES: usize = 50;

/// One sender's (or domain's) summary. The field names are a contract (docs/CLI.md).
#[derive(Clone, Debug, Serialize)]
pub struct SenderSummary {
    /// The From address, lower-cased (for a domain: the domain).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// The domain (only in domain summaries).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub domain: Option<String>,
    /// Every display name seen, in order of first use (senders only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display_names: Option<Vec<String>>,
    /// The addresses seen at the domain, most mail first (domains only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub senders: Option<Vec<Value>>,
    /// Whether the domain is a shared free-mail or carrier domain, which never carries a
    /// domain flag (domains only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub free_mail: Option<bool>,
    /// Mails from it.
    pub message_count: u64,
    /// Event time of its first mail (office offset).
    pub first_seen: String,
    /// Event time of its last mail.
    pub last_seen: String,
    /// Mails per calendar day in the office's zone (`YYYY-MM-DD` -> count).
    pub per_day: BTreeMap<String, u64>,
    /// Raised flag ids, most urgent first.
    pub flags: Vec<Flag>,
    /// Per raised flag: what raised it.
    pub evidence: BTreeMap<Flag, Value>,
    /// Per raised flag: the provisions it may fall under.
    pub grounds: BTreeMap<Flag, Vec<Value>>,
    /// Same-purpose topics, largest first.
    pub topics: Vec<Value>,
    /// Busiest stretches: `day`, `hour`, `burst` (10 minutes), each `{count,start,end}`.
    pub volume: Value,
    /// Whether the mail looks like a legitimate bulk sender (a newsletter).
    pub bulk: bool,
}

/// The stored rows as the assessment reads them.
fn mail_facts(rows: &[FactRow]) -> Vec<MailFact> {
    let mut sender_numbers: HashMap<&str, u32> = HashMap::new();
    rows.iter()
        .map(|r| MailFact {
            sender: {
                let next = sender_numbers.len() as u32;
                *sender_numbers
                    .entry(r.address.as_deref().unwrap_or(""))
                    .or_insert(next)
            },
            id: r.id,
            at: r.event_at,
            categories: categories(&r.categories_json),
            topic: r.topic,
            list_mail: r.list_mail,
            request: r.request,
        })
        .collect()
}

/// Category ids as stored (a JSON array) to categories.
pub(crate) fn categories(json: &str) -> Vec<Category> {
    serde_json::from_str::<Vec<String>>(json)
        .unwrap_or_default()
        .iter()
        .filter_map(|c| Category::from_id(c))
        .collect()
}

struct Group {
    key: String,
    rows: Vec<FactRow>,
}

impl Archive {
    /// Summaries of all senders, most mail first.
    pub async fn senders(&self) -> Result<Vec<SenderSummary>> {
        self.summaries(GroupBy::Sender).await
    }

    /// Summaries of all sender domains, most mail first.
    pub async fn domains(&self) -> Result<Vec<SenderSummary>> {
        self.summaries(GroupBy::Domain).await
    }

    /// The flags of the given senders now (for sorting mail on the server).
    pub async fn sender_flags(&self, senders: &[String]) -> Result<HashMap<String, Vec<Flag>>> {
        let rows = self.store.facts_of_senders(senders).await?;
        let mut out = HashMap::new();
        for chunk in rows.chunk_by(|a, b| a.group == b.group) {
            let a = assess::assess(
                &mail_facts(chunk),
                &self.triage()?.config.triage.thresholds,
                Scope::Sender,
            );
            out.insert(chunk[0].group.clone(), a.flags);
        }
        Ok(out)
    }

    async fn summaries(&self, by: GroupBy) -> Result<Vec<SenderSummary>> {
        let triage = self.triage()?;
        let mut out = Vec::new();
        let mut current: Option<Group> = None;
        let mut cursor = (String::new(), 0u64);
        loop {
            let page = self
                .store
                .facts_after(by, (&cursor.0, cursor.1), 5000)
                .await?;
            let Some(last) = page.last() else { break };
            cursor = (last.group.clone(), last.id);
            for row in page {
                if current.as_ref().is_none_or(|g| g.key != row.group) {
                    out.extend(
                        current
                            .take()
                            .map(|g| self.summarise(&triage.config.triage, by, g)),
                    );
                    current = Some(Group {
                        key: row.group.clone(),
                        rows: Vec::new(),
                    });
                }
                if let Some(g) = current.as_mut() {
                    g.rows.push(row);
                }
            }
        }
        out.extend(
            current
                .take()
                .map(|g| self.summarise(&triage.config.triage, by, g)),
        );
        self.add_topic_summaries(&mut out).await?;
        out.sort_by(|a, b| {
            b.message_count
                .cmp(&a.message_count)
                .then(a.address.cmp(&b.address))
                .then(a.domain.cmp(&b.domain))
        });
        Ok(out)
    }

    async fn add_topic_summaries(&self, out: &mut [SenderSummary]) -> Result<()> {
        let ids: Vec<u64> = out
            .iter()
            .flat_map(|s| s.topics.iter().filter_map(|t| t["id"].as_u64()))
            .collect();
        let summaries: HashMap<u64, String> = self
            .store
            .topic_summaries(&ids)
            .await?
            .into_iter()
            .collect();
        for s in out.iter_mut() {
            for t in &mut s.topics {
                if let Some(text) = t["id"].as_u64().and_then(|id| summaries.get(&id)) {
                    t["summary"] = Value::String(text.clone());
                }
            }
        }
        Ok(())
    }

    fn summarise(&self, config: &TriageConfig, by: GroupBy, group: Group) -> SenderSummary {
        let facts = mail_facts(&group.rows);
        let scope = match by {
            GroupBy::Sender => Scope::Sender,
            GroupBy::Domain => Scope::Domain,
        };
        let a = assess::assess(&facts, &config.thresholds, scope);
        let free_mail = by == GroupBy::Domain && config.is_free_mail(&group.key);
        let mut per_day = BTreeMap::new();
        let mut names: Vec<String> = Vec::new();
        let mut addresses: BTreeMap<String, u64> = BTreeMap::new();
        for r in &group.rows {
            *per_day.entry(self.settings.day_of(r.event_at)).or_default() += 1;
            if let Some(n) = r.name.as_ref().filter(|n| !names.contains(n)) {
                names.push(n.clone());
            }
            if let Some(addr) = &r.address {
                *addresses.entry(addr.clone()).or_default() += 1;
            }
        }
        let first = group.rows.iter().map(|r| r.event_at).min().unwrap_or(0);
        let last = group.rows.iter().map(|r| r.event_at).max().unwrap_or(0);
        let window = |w: Option<Window>| match w {
            Some(w) => json!({
                "count": w.count,
                "start": self.settings.show_nanos(w.start),
                "end": self.settings.show_nanos(w.end),
            }),
            None => Value::Null,
        };
        let volume = json!({
            "day": window(a.volume.day),
            "hour": window(a.volume.hour),
            "burst": window(a.volume.burst),
        });
        let topics = a
            .topics
            .iter()
            .map(|t| {
                json!({
                    "id": t.id,
                    "summary": "",
                    "count": t.count,
                    "first": self.settings.show_nanos(t.first),
                    "last": self.settings.show_nanos(t.last),
                    "member_ids": t.members,
                })
            })
            .collect();
        // A shared free-mail domain carries no domain flag: its senders are flagged one by one.
        let (flags, evidence) = if free_mail {
            (Vec::new(), BTreeMap::new())
        } else {
            let findings: HashMap<u64, &str> = group
                .rows
                .iter()
                .filter(|r| r.categories_json != "[]")
                .map(|r| (r.id, r.findings_json.as_str()))
                .collect();
            let evidence = a
                .evidence
                .iter()
                .map(|(flag, e)| (*flag, self.render_evidence(*flag, e, &findings)))
                .collect();
            (a.flags.clone(), evidence)
        };
        let grounds = flags
            .iter()
            .map(|f| {
                let list = f
                    .grounds()
                    .into_iter()
                    .map(|g| {
                        json!({
                            "provision": g.provision,
                            "condition": g.condition,
                            "wording": g.wording(),
                        })
                    })
                    .collect();
                (*f, list)
            })
            .collect();
        let mut senders: Vec<(String, u64)> = addresses.into_iter().collect();
        senders.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let is_domain = by == GroupBy::Domain;
        SenderSummary {
            address: (!is_domain).then(|| group.key.clone()),
            domain: is_domain.then(|| group.key.clone()),
            display_names: (!is_domain).then_some(names),
            senders: is_domain.then(|| {
                senders
                    .into_iter()
                    .map(|(address, count)| json!({"address": address, "message_count": count}))
                    .collect()
            }),
            free_mail: is_domain.then_some(free_mail),
            message_count: group.rows.len() as u64,
            first_seen: self.settings.show_nanos(first),
            last_seen: self.settings.show_nanos(last),
            per_day,
            flags,
            evidence,
            grounds,
            topics,
            volume,
            bulk: a.bulk,
        }
    }

    fn render_evidence(&self, flag: Flag, e: &Evidence, findings: &HashMap<u64, &str>) -> Value {
        match e {
            Evidence::Messages {
                message_ids,
                message_count,
            } => {
                let category = Category::ALL.into_iter().find(|c| c.flag() == flag);
                let messages: Vec<Value> = message_ids
                    .iter()
                    .take(SHOWN_MESSAGES)
                    .map(|id| {
                        let found = findings
                            .get(id)
                            .and_then(|f| serde_json::from_str::<Vec<Value>>(f).ok())
                            .unwrap_or_default()
                            .into_iter()
                            .find(|f| category.is_some_and(|c| f["id"] == c.id()));
                        let mut m = json!({"id": id});
                        if let Some(f) = found {
                            m["matched"] = f["matched"].clone();
                            if let Some(t) = f.get("targets") {
                                m["targets"] = t.clone();
                            }
                            if let Some(t) = f.get("time_bound") {
                                m["time_bound"] = t.clone();
                            }
                        }
                        m
                    })
                    .collect();
                json!({"message_count": message_count, "messages": messages})
            }
            Evidence::Volume {
                window,
                count,
                threshold,
                start,
                end,
                message_ids,
                distinct_topics,
            } => json!({
                "window": window,
                "count": count,
                "threshold": threshold,
                "start": self.settings.show_nanos(*start),
                "end": self.settings.show_nanos(*end),
                "message_ids": message_ids,
                "distinct_topics": distinct_topics,
            }),
            Evidence::Topics {
                topic_ids,
                min_count,
                min_span_hours,
            } => json!({
                "topic_ids": topic_ids,
                "min_count": min_count,
                "min_span_hours": min_span_hours,
            }),
        }
    }
}
