//! Triage in the ingest path and in `rebuild`: the per-mail part (lexicons, MinHash signature,
//! list headers) runs beside decoding on the worker threads; the per-sender part (which
//! same-purpose topic a mail joins) runs in log order, so ingest and rebuild give the same topics.
//! Flags of senders and domains are computed when asked (`assessments`), from the stored facts.

use crate::config::Config;
use crate::{AppError, Result};
use mailward_mail::decode::Decoded;
use mailward_store::{MessageRow, Store, TopicRow};
use mailward_triage::cluster::{Assignment, ClusterParams, TopicIndex};
use mailward_triage::content::{Analyzer, Findings, is_list_mail};
use mailward_triage::lexicon::{self, Lexicon};
use mailward_triage::minhash::{MinHasher, Signature};
use std::collections::HashMap;
use std::path::Path;

/// Characters of the opening words kept in a topic's summary.
const SUMMARY_CHARS: usize = 80;
/// Senders whose topic indexes stay in memory during one import or rebuild.
const CACHED_SENDERS: usize = 20_000;

/// Everything triage needs, loaded once per command.
pub struct Triage {
    /// The office's configuration.
    pub config: Config,
    analyzer: Analyzer,
    hasher: MinHasher,
}

/// The per-mail triage of one mail, before its topic is known.
pub struct MailTriage {
    /// Categories with matched phrases.
    pub findings: Findings,
    /// Its MinHash signature (None without a sender: nothing to group it with).
    pub signature: Option<Signature>,
    /// Mailing-list headers present.
    pub list_mail: bool,
    /// Subject and opening words, the summary of a topic this mail may open.
    pub summary: String,
}

/// The lexicon files in use: the compiled-in defaults, each replaced by a file of the same name
/// in `DATA/lexicons/`, plus any other `.toml` files there.
pub fn lexicon_files(dir: &Path) -> Result<Vec<(String, String)>> {
    let mut files: Vec<(String, String)> = lexicon::DEFAULTS
        .iter()
        .map(|(n, t)| (n.to_string(), t.to_string()))
        .collect();
    let folder = dir.join("lexicons");
    let entries = match std::fs::read_dir(&folder) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(files),
        Err(source) => {
            return Err(AppError::Io {
                what: format!("reading {}", folder.display()),
                source,
            });
        }
    };
    let mut own: Vec<_> = entries
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    own.sort();
    for path in own {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let text = std::fs::read_to_string(&path).map_err(|source| AppError::Io {
            what: format!("reading {}", path.display()),
            source,
        })?;
        match files.iter_mut().find(|(n, _)| *n == name) {
            Some(slot) => slot.1 = text,
            None => files.push((name, text)),
        }
    }
    Ok(files)
}

impl Triage {
    /// Loads the config file and lexicons of a data directory.
    pub fn load(dir: &Path) -> Result<Triage> {
        let config = Config::load(dir)?;
        let files = lexicon_files(dir)?;
        let lexicon = Lexicon::from_files(files.iter().map(|(n, t)| (n.as_str(), t.as_str())))
            .map_err(|e| {
                AppError::Invalid(format!("{e} (in {})", dir.join("lexicons").display()))
            })?;
        Ok(Triage::new(config, lexicon))
    }

    /// Triage with a given configuration and lexicon.
    pub fn new(config: Config, lexicon: Lexicon) -> Triage {
        let analyzer =
            Analyzer::new(lexicon, &config.staff).with_threat_model(config.triage.threat_model);
        Triage {
            config,
            analyzer,
            hasher: MinHasher::for_topics(),
        }
    }

    /// Reads one decoded mail. Never fails: odd input gives no category.
    pub fn mail(&self, decoded: &Decoded, raw: &[u8]) -> MailTriage {
        let reading = self
            .analyzer
            .read(decoded.subject.as_deref(), &decoded.text);
        let signature = decoded
            .from
            .as_ref()
            .map(|_| self.hasher.signature(&reading.similarity));
        let mut lines = reading.own.splitn(2, '\n');
        let subject = decoded.subject.as_ref().and(lines.next()).unwrap_or("");
        let body = if decoded.subject.is_some() {
            lines.next().unwrap_or("")
        } else {
            reading.own.as_str()
        };
        let mut opening = String::new();
        for word in body.split_whitespace() {
            if opening.chars().count() >= SUMMARY_CHARS {
                break;
            }
            if !opening.is_empty() {
                opening.push(' ');
            }
            opening.push_str(word);
        }
        let opening: String = opening.chars().take(SUMMARY_CHARS).collect();
        let summary = if subject.is_empty() {
            opening
        } else {
            format!("{subject} — {opening}")
        };
        MailTriage {
            findings: reading.findings,
            signature,
            list_mail: is_list_mail(raw),
            summary,
        }
    }
}

/// Fills the triage columns of a listing row from the per-mail triage (the topic comes later).
pub fn fill_row(row: &mut MessageRow, t: &MailTriage) {
    let ids: Vec<&str> = t.findings.categories.iter().map(|c| c.id.id()).collect();
    row.categories_json = serde_json::to_string(&ids).unwrap_or_else(|_| "[]".into());
    row.findings_json =
        serde_json::to_string(&t.findings.categories).unwrap_or_else(|_| "[]".into());
    row.list_mail = t.list_mail;
    row.request = t.findings.request;
    row.from_domain = row
        .from_address
        .as_deref()
        .and_then(|a| a.rsplit_once('@'))
        .map(|(_, d)| d.trim_end_matches('.').to_ascii_lowercase())
        .filter(|d| !d.is_empty());
}

struct SenderTopics {
    index: TopicIndex,
    /// Mails with no words at all share one topic per sender.
    empty: Option<u64>,
}

/// Assigns same-purpose topics in log order, continuing the topics already stored.
pub struct Assigner {
    params: ClusterParams,
    senders: HashMap<String, SenderTopics>,
}

impl Assigner {
    /// A fresh assigner (one per import or rebuild).
    pub fn new(params: ClusterParams) -> Assigner {
        Assigner {
            params,
            senders: HashMap::new(),
        }
    }

    /// Sets `topic` (and `new_topic` for a mail that becomes a representative) on rows in log
    /// order; `mails` are the per-mail results of the same rows. Returns the topic merges
    /// `(from, into)` the batch caused, in order, to be written with the rows.
    pub async fn assign(
        &mut self,
        store: &Store,
        rows: &mut [&mut MessageRow],
        mails: &[Option<&MailTriage>],
    ) -> Result<Vec<(u64, u64)>> {
        let mut merges = Vec::new();
        // Forget senders only between batches: a batch's new topics are not stored yet.
        if self.senders.len() >= CACHED_SENDERS {
            self.senders.clear();
        }
        let mut unknown: Vec<String> = rows
            .iter()
            .filter_map(|r| r.from_address.clone())
            .filter(|a| !self.senders.contains_key(a))
            .collect();
        unknown.sort();
        unknown.dedup();
        for sender in &unknown {
            self.senders.insert(
                sender.clone(),
                SenderTopics {
                    index: TopicIndex::new(self.params),
                    empty: None,
                },
            );
        }
        for (sender, topic, bytes) in store.topic_signatures(&unknown).await? {
            let Some(topics) = self.senders.get_mut(&sender) else {
                continue;
            };
            match Signature::from_bytes(&bytes) {
                Some(s) if s.is_empty() => topics.empty = Some(topic),
                Some(s) => topics.index.add_topic(topic, s),
                None => tracing::warn!("topic {topic}: stored signature has a wrong length"),
            }
        }
        for (row, mail) in rows.iter_mut().zip(mails) {
            let (Some(sender), Some(mail)) = (row.from_address.clone(), mail) else {
                continue;
            };
            let Some(sig) = &mail.signature else { continue };
            let Some(topics) = self.senders.get_mut(&sender) else {
                continue;
            };
            let representative = if sig.is_empty() {
                match topics.empty {
                    Some(t) => {
                        row.topic = Some(t);
                        false
                    }
                    None => {
                        topics.empty = Some(row.id);
                        row.topic = Some(row.id);
                        true
                    }
                }
            } else {
                let opened = match topics.index.assign(row.id, sig) {
                    Assignment::Joined { topic, .. } => {
                        row.topic = Some(topic);
                        false
                    }
                    Assignment::New { topic } => {
                        row.topic = Some(topic);
                        true
                    }
                };
                merges.extend(
                    topics
                        .index
                        .take_merges()
                        .into_iter()
                        .map(|m| (m.from, m.into)),
                );
                opened
            };
            if representative {
                row.new_topic = Some(TopicRow {
                    sender,
                    signature: sig.to_bytes(),
                    summary: mail.summary.clone(),
                });
            }
        }
        Ok(merges)
    }
}
