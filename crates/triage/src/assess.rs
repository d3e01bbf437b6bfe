//! Flags of a sender or a domain, from the facts of its mails: volume over sliding hour and day
//! windows and bursts, same-purpose topics, and the categories of each mail. Computed when asked
//! from stored per-mail facts, so that a changed threshold takes effect at once, without a
//! rebuild.
//!
//! Defaults follow the source document: "1日に数百件、数千件" and "同文のメールが1日に100件以上"
//! describe a mail bomb, so 100 mails in any 24 hours (or 50 in an hour) is `mail_bomb`;
//! "毎日何十通も" describes a heavy but not bombing sender, so 20 in 24 hours (or 10 in an hour)
//! is `high_volume`. A same-purpose topic needs 3 mails (over any span unless configured), most of
//! which ask or demand something: a single polite reminder (two mails) never raises it, and a
//! flood of bare insults is abuse and volume, not a repeated demand.

use crate::flags::{Category, Flag};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};

const HOUR: i64 = 3_600_000_000_000;
const MINUTE: i64 = 60_000_000_000;

/// Thresholds, from the `[triage]` table of the configuration.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Thresholds {
    /// Mails in any 24 hours that make a mail bomb.
    pub mail_bomb_per_day: u64,
    /// Mails in any hour that make a mail bomb.
    pub mail_bomb_per_hour: u64,
    /// Mails in any 24 hours that make high volume.
    pub high_volume_per_day: u64,
    /// Mails in any hour that make high volume.
    pub high_volume_per_hour: u64,
    /// Mails of one topic that make a repeated same-purpose demand.
    pub same_purpose_min_count: u64,
    /// Hours between the first and the last of them, at least.
    pub same_purpose_min_span_hours: f64,
    /// A flood whose mails are this distinct (topics / mails) and carry no hostile words is a
    /// bulk sender (a newsletter), not a bomb.
    pub bulk_distinct_share: f64,
    /// A flood of which this share carries mailing-list headers, with no hostile words, is bulk.
    pub bulk_list_share: f64,
    /// A domain is flagged only when its busiest window holds mail from at least this many
    /// addresses...
    pub domain_min_senders: u64,
    /// ...and no one address sent more than this share of it: one address flooding from an ISP
    /// is that sender's flag, and restricting the whole domain would hit its other users.
    pub domain_max_sender_share: f64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            mail_bomb_per_day: 100,
            mail_bomb_per_hour: 50,
            high_volume_per_day: 20,
            high_volume_per_hour: 10,
            same_purpose_min_count: 3,
            same_purpose_min_span_hours: 0.0,
            bulk_distinct_share: 0.8,
            bulk_list_share: 0.2,
            domain_min_senders: 3,
            domain_max_sender_share: 0.5,
        }
    }
}

/// What is known of one archived mail, as stored by ingest.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MailFact {
    /// The message id.
    pub id: u64,
    /// Its event time (Unix nanoseconds): the server's receipt time where known.
    pub at: i64,
    /// Its categories.
    pub categories: Vec<Category>,
    /// Its same-purpose topic (the id of the topic's first mail), if clustered.
    pub topic: Option<u64>,
    /// Whether it carries mailing-list headers.
    pub list_mail: bool,
    /// Which address sent it (any number unique per address within the assessed group).
    pub sender: u32,
    /// Whether it asks or demands something.
    pub request: bool,
}

/// What is being assessed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// One sender address: every flag.
    Sender,
    /// One domain: only volume flags (a restriction of the whole domain is their use), and only
    /// when the flood is spread over several of its addresses.
    Domain,
}

/// The busiest stretch of a given width.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Window {
    /// Mails in it.
    pub count: u64,
    /// Event time of its first mail.
    pub start: i64,
    /// Event time of its last mail.
    pub end: i64,
    /// Index (in time order) of its first mail.
    #[serde(skip)]
    first: usize,
}

/// The busiest window of `width` over sorted times (two pointers, linear).
pub fn busiest(times: &[i64], width: i64) -> Option<Window> {
    let mut best: Option<Window> = None;
    let mut lo = 0;
    for hi in 0..times.len() {
        while times[hi] - times[lo] >= width {
            lo += 1;
        }
        let count = (hi - lo + 1) as u64;
        if best.is_none_or(|b| count > b.count) {
            best = Some(Window {
                count,
                start: times[lo],
                end: times[hi],
                first: lo,
            });
        }
    }
    best
}

/// Volume of a sender or domain.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Volume {
    /// Mails in all.
    pub total: u64,
    /// The busiest 24 hours.
    pub day: Option<Window>,
    /// The busiest hour.
    pub hour: Option<Window>,
    /// The busiest 10 minutes (a burst).
    pub burst: Option<Window>,
}

/// A same-purpose topic of a sender.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Topic {
    /// The topic id: the id of its first (representative) mail.
    pub id: u64,
    /// Mails in it.
    pub count: u64,
    /// Event time of its first mail.
    pub first: i64,
    /// Event time of its last mail.
    pub last: i64,
    /// Its mails, in time order.
    pub members: Vec<u64>,
}

/// Why a flag was raised.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Evidence {
    /// A content flag: the mails whose words raised it.
    Messages {
        /// Their ids (at most 50, the earliest first).
        message_ids: Vec<u64>,
        /// How many mails in all.
        message_count: u64,
    },
    /// A volume flag: the window that crossed the threshold.
    Volume {
        /// "day", "hour" or "burst".
        window: &'static str,
        /// Mails in it.
        count: u64,
        /// The threshold crossed.
        threshold: u64,
        /// Its first and last event time.
        start: i64,
        /// See `start`.
        end: i64,
        /// The mails in it (at most 50 shown, the earliest first).
        message_ids: Vec<u64>,
        /// Distinct topics among them (few topics: the same text again and again).
        distinct_topics: u64,
    },
    /// Repeated same purpose: the topics that crossed the count and span.
    Topics {
        /// Their ids.
        topic_ids: Vec<u64>,
        /// The count threshold.
        min_count: u64,
        /// The span threshold in hours.
        min_span_hours: f64,
    },
}

/// The result for one sender or domain.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Assessment {
    /// Raised flags, most urgent first.
    pub flags: Vec<Flag>,
    /// Evidence per raised flag.
    pub evidence: BTreeMap<Flag, Evidence>,
    /// Volume figures (also when no flag is raised).
    pub volume: Volume,
    /// Same-purpose topics, largest first.
    pub topics: Vec<Topic>,
    /// Whether the mails look like a legitimate bulk sender (a newsletter).
    pub bulk: bool,
}

const SHOWN_IDS: usize = 50;

/// Topics of mails (grouped by topic id, time-ordered members).
pub fn topics(facts: &[MailFact]) -> Vec<Topic> {
    let mut by: HashMap<u64, Topic> = HashMap::new();
    let mut sorted: Vec<&MailFact> = facts.iter().collect();
    sorted.sort_by_key(|f| (f.at, f.id));
    for f in sorted {
        let Some(t) = f.topic else { continue };
        let topic = by.entry(t).or_insert(Topic {
            id: t,
            count: 0,
            first: f.at,
            last: f.at,
            members: Vec::new(),
        });
        topic.count += 1;
        topic.first = topic.first.min(f.at);
        topic.last = topic.last.max(f.at);
        topic.members.push(f.id);
    }
    let mut out: Vec<Topic> = by.into_values().collect();
    out.sort_by(|a, b| b.count.cmp(&a.count).then(a.id.cmp(&b.id)));
    out
}

/// Assesses the mails of one sender or one domain.
pub fn assess(facts: &[MailFact], t: &Thresholds, scope: Scope) -> Assessment {
    let mut sorted: Vec<&MailFact> = facts.iter().collect();
    sorted.sort_by_key(|f| (f.at, f.id));
    let times: Vec<i64> = sorted.iter().map(|f| f.at).collect();
    let volume = Volume {
        total: sorted.len() as u64,
        day: busiest(&times, 24 * HOUR),
        hour: busiest(&times, HOUR),
        burst: busiest(&times, 10 * MINUTE),
    };
    let topics = topics(facts);
    let mut flags = BTreeSet::new();
    let mut evidence = BTreeMap::new();

    // Content flags: any mail in the category raises it (senders only).
    for c in Category::ALL.into_iter().filter(|_| scope == Scope::Sender) {
        let ids: Vec<u64> = sorted
            .iter()
            .filter(|f| f.categories.contains(&c))
            .map(|f| f.id)
            .collect();
        if !ids.is_empty() {
            flags.insert(c.flag());
            evidence.insert(
                c.flag(),
                Evidence::Messages {
                    message_count: ids.len() as u64,
                    message_ids: ids.into_iter().take(SHOWN_IDS).collect(),
                },
            );
        }
    }
    let hostile = sorted
        .iter()
        .any(|f| f.categories.iter().any(|c| *c != Category::ExcessiveDemand));

    // Volume: the busiest window decides; a bulk sender is exempt unless hostile.
    let window_facts = |w: &Window| &sorted[w.first..w.first + w.count as usize];
    let distinct = |w: &Window| {
        window_facts(w)
            .iter()
            .map(|f| f.topic.unwrap_or(f.id))
            .collect::<BTreeSet<_>>()
            .len() as u64
    };
    // Distinct topics alone mark a broadcast only when most of the mails ask the office nothing:
    // a resident who sends twenty questions on twenty matters in a day writes to the office, and
    // the sharper the topics, the more distinct such a sender's mails look.
    let is_bulk = |w: &Window| {
        let n = w.count.max(1) as f64;
        let facts = window_facts(w);
        let lists = facts.iter().filter(|f| f.list_mail).count() as f64;
        let asking = facts.iter().filter(|f| f.request).count() as f64;
        let broadcast = distinct(w) as f64 / n >= t.bulk_distinct_share && asking * 2.0 < n;
        !hostile && (broadcast || lists / n >= t.bulk_list_share)
    };
    let volume_evidence = |name: &'static str, w: &Window, threshold: u64| Evidence::Volume {
        window: name,
        count: w.count,
        threshold,
        start: w.start,
        end: w.end,
        message_ids: window_facts(w)
            .iter()
            .take(SHOWN_IDS)
            .map(|f| f.id)
            .collect(),
        distinct_topics: distinct(w),
    };
    let mut bulk = false;
    let candidates = [
        (Flag::MailBomb, "day", volume.day, t.mail_bomb_per_day),
        (Flag::MailBomb, "hour", volume.hour, t.mail_bomb_per_hour),
        (Flag::HighVolume, "day", volume.day, t.high_volume_per_day),
        (
            Flag::HighVolume,
            "hour",
            volume.hour,
            t.high_volume_per_hour,
        ),
    ];
    for (flag, name, window, threshold) in candidates {
        let Some(w) = window else { continue };
        if w.count < threshold || threshold == 0 {
            continue;
        }
        if scope == Scope::Domain && !spread(window_facts(&w), t) {
            continue;
        }
        if is_bulk(&w) {
            bulk = true;
            continue;
        }
        if flags.contains(&Flag::MailBomb) || flags.contains(&flag) {
            continue;
        }
        flags.insert(flag);
        evidence.insert(flag, volume_evidence(name, &w, threshold));
    }

    // Same purpose: topics with enough mails over enough time (not for a bulk sender).
    // ...and only topics with a purpose: most of their mails ask or demand something.
    let span = (t.same_purpose_min_span_hours * HOUR as f64) as i64;
    let asking: HashMap<u64, bool> = sorted
        .iter()
        .map(|f| {
            (
                f.id,
                f.request || f.categories.contains(&Category::ExcessiveDemand),
            )
        })
        .collect();
    let repeated: Vec<u64> = topics
        .iter()
        .filter(|tp| {
            let asks = tp
                .members
                .iter()
                .filter(|id| asking.get(id).copied().unwrap_or(false))
                .count();
            tp.count >= t.same_purpose_min_count.max(2)
                && tp.last - tp.first >= span
                && asks * 2 >= tp.members.len()
        })
        .map(|tp| tp.id)
        .collect();
    if scope == Scope::Sender && !repeated.is_empty() && (!bulk || hostile) {
        flags.insert(Flag::RepeatedSamePurpose);
        evidence.insert(
            Flag::RepeatedSamePurpose,
            Evidence::Topics {
                topic_ids: repeated,
                min_count: t.same_purpose_min_count,
                min_span_hours: t.same_purpose_min_span_hours,
            },
        );
    }

    let flags = Flag::ALL
        .into_iter()
        .filter(|f| flags.contains(f))
        .collect();
    Assessment {
        flags,
        evidence,
        volume,
        topics,
        bulk,
    }
}

/// Whether a window's mails come from enough addresses, none dominating.
fn spread(facts: &[&MailFact], t: &Thresholds) -> bool {
    let mut per: HashMap<u32, u64> = HashMap::new();
    for f in facts {
        *per.entry(f.sender).or_default() += 1;
    }
    let top = per.values().max().copied().unwrap_or(0) as f64;
    per.len() as u64 >= t.domain_min_senders
        && top <= t.domain_max_sender_share * facts.len().max(1) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fact(id: u64, minutes: i64, topic: u64, categories: Vec<Category>) -> MailFact {
        MailFact {
            id,
            at: minutes * MINUTE,
            categories,
            topic: Some(topic),
            list_mail: false,
            sender: 0,
            request: true,
        }
    }

    #[test]
    fn windows_are_the_busiest_stretch() {
        let times = [
            0,
            MINUTE,
            2 * MINUTE,
            3 * HOUR,
            3 * HOUR + 1,
            3 * HOUR + 2,
            3 * HOUR + 3,
        ];
        let w = busiest(&times, HOUR).unwrap();
        assert_eq!((w.count, w.start, w.end), (4, 3 * HOUR, 3 * HOUR + 3));
        assert!(busiest(&[], HOUR).is_none());
    }

    #[test]
    fn a_flood_of_one_text_is_a_bomb_and_a_newsletter_is_not() {
        let t = Thresholds::default();
        let flood: Vec<_> = (0..150)
            .map(|i| fact(i, i as i64 * 5, i % 3, vec![Category::Abusive]))
            .collect();
        let a = assess(&flood, &t, Scope::Sender);
        assert_eq!(
            a.flags,
            vec![Flag::MailBomb, Flag::RepeatedSamePurpose, Flag::Abusive]
        );
        let news: Vec<_> = (0..150)
            .map(|i| MailFact {
                request: false,
                ..fact(i, i as i64 * 5, i, vec![])
            })
            .collect();
        let a = assess(&news, &t, Scope::Sender);
        assert!(a.flags.is_empty() && a.bulk);
        // As many distinct mails that each ask something: a person writing, not a newsletter.
        let asks: Vec<_> = (0..30).map(|i| fact(i, i as i64 * 5, i, vec![])).collect();
        let a = assess(&asks, &t, Scope::Sender);
        assert!(
            a.flags.contains(&Flag::HighVolume) && !a.bulk,
            "{:?}",
            a.flags
        );
        // Near-identical but polite alerts without list headers are still a flood.
        let same: Vec<_> = (0..150).map(|i| fact(i, i as i64, 0, vec![])).collect();
        assert!(
            assess(&same, &t, Scope::Sender)
                .flags
                .contains(&Flag::MailBomb)
        );
    }

    #[test]
    fn a_domain_is_flagged_only_for_a_spread_flood() {
        let t = Thresholds::default();
        let one: Vec<_> = (0..150)
            .map(|i| fact(i, i as i64, 0, vec![Category::Abusive]))
            .collect();
        assert!(assess(&one, &t, Scope::Domain).flags.is_empty());
        let many: Vec<_> = (0..150)
            .map(|i| MailFact {
                sender: (i % 30) as u32,
                ..fact(i, i as i64, i % 30, vec![Category::Abusive])
            })
            .collect();
        assert_eq!(assess(&many, &t, Scope::Domain).flags, vec![Flag::MailBomb]);
    }

    #[test]
    fn volume_thresholds_and_the_polite_reminder() {
        let t = Thresholds::default();
        let busy: Vec<_> = (0..25).map(|i| fact(i, i as i64 * 30, 0, vec![])).collect();
        assert!(
            assess(&busy, &t, Scope::Sender)
                .flags
                .contains(&Flag::HighVolume)
        );
        let reminder = vec![fact(1, 0, 1, vec![]), fact(2, 60 * 24 * 7, 1, vec![])];
        assert!(assess(&reminder, &t, Scope::Sender).flags.is_empty());
        let repeats: Vec<_> = (0..4)
            .map(|i| fact(i, i as i64 * 60 * 24, 0, vec![]))
            .collect();
        assert_eq!(
            assess(&repeats, &t, Scope::Sender).flags,
            vec![Flag::RepeatedSamePurpose]
        );
        // Three bare insults of one text: abuse, not a repeated request.
        let insults: Vec<_> = (0..3)
            .map(|i| MailFact {
                request: false,
                ..fact(i, i as i64 * 600, 0, vec![Category::Abusive])
            })
            .collect();
        assert_eq!(
            assess(&insults, &t, Scope::Sender).flags,
            vec![Flag::Abusive]
        );
    }
}
