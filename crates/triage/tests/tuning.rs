//! Tuning measurements on `tests/tuning/` (labelled texts written for tuning, by helpers who did
//! not read the lexicons or the rules): threat and personal-contact texts with benign lookalikes,
//! and same-purpose mail sequences of repeaters, multi-demand senders and ordinary senders.
//!
//! Unlike the corpora of `tests/corpus*`, these files may be read and tuned on; the held-out
//! split and the fresh corpora stay the tests. Each test prints its figures (run with
//! `--nocapture`; misses with `MAILWARD_SHOW_TUNING=1`) and fails below the floors recorded when
//! the lexicons and the comparison were last tuned, so that a change that loses ground shows.

#[path = "support/score.rs"]
mod score;

use mailward_triage::cluster::{Assignment, TopicIndex};
use mailward_triage::config::TriageConfig;
use mailward_triage::content::{Analyzer, StaffMember};
use mailward_triage::flags::Category;
use mailward_triage::lexicon::Lexicon;
use mailward_triage::minhash::MinHasher;
use score::Score;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

fn lines<T: for<'de> Deserialize<'de>>(name: &str) -> Vec<T> {
    // `check/...` names a file of the check set; others are tuning files.
    let path = if name.starts_with("check/") {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests")
            .join(name)
    } else {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/tuning")
            .join(name)
    };
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(n, l)| {
            serde_json::from_str(l).unwrap_or_else(|e| panic!("{name} line {}: {e}", n + 1))
        })
        .collect()
}

fn show() -> bool {
    std::env::var_os("MAILWARD_SHOW_TUNING").is_some()
}

#[derive(Deserialize)]
struct Labelled {
    text: String,
    label: String,
    kind: String,
}

/// A staff directory for the tuning texts: an office whose clerks carry the most common family
/// names (as the texts' clerks do), so that a named clerk is recognised as a real office's
/// directory would recognise them, and thanks to a named clerk must stay unflagged.
fn staff() -> Vec<StaffMember> {
    [
        "佐藤",
        "鈴木",
        "高橋",
        "田中",
        "伊藤",
        "渡辺",
        "山本",
        "中村",
        "小林",
        "加藤",
        "吉田",
        "山田",
        "佐々木",
        "山口",
        "松本",
        "井上",
        "木村",
        "林",
        "斎藤",
        "清水",
        "山崎",
        "森",
        "池田",
        "橋本",
        "阿部",
        "石川",
        "前田",
        "藤田",
        "小川",
        "岡田",
        "後藤",
        "長谷川",
        "石井",
    ]
    .iter()
    .map(|family| StaffMember {
        name: format!("{family} 花子"),
        reading: None,
        aliases: Vec::new(),
    })
    .collect()
}

/// Reads a file of labelled texts whose labels are `first`, `second`, "both" or "none", and
/// returns the counts of the two categories (misses listed with `MAILWARD_SHOW_TUNING=1`).
fn two_categories(file: &str, first: (&str, Category), second: (&str, Category)) -> (Score, Score) {
    let analyzer = Analyzer::new(Lexicon::defaults(), &staff());
    let texts: Vec<Labelled> = lines(file);
    let (mut a, mut b) = (Score::default(), Score::default());
    for t in &texts {
        let f = analyzer.analyse(None, &named(&t.text));
        let want_a = t.label == first.0 || t.label == "both";
        let want_b = t.label == second.0 || t.label == "both";
        let (got_a, got_b) = (f.has(first.1), f.has(second.1));
        a.add(want_a, got_a);
        b.add(want_b, got_b);
        // The check set's misses are never listed: nobody tunes on them.
        if show() && !file.starts_with("check/") && (want_a != got_a || want_b != got_b) {
            let phrases: Vec<&str> = f
                .categories
                .iter()
                .flat_map(|c| c.matched.iter().map(|m| m.phrase.as_str()))
                .collect();
            eprintln!(
                "miss [{}/{}] {} {want_a}->{got_a} {} {want_b}->{got_b}: {} {phrases:?}",
                t.label, t.kind, first.0, second.0, t.text
            );
        }
    }
    eprintln!(
        "tuning {file} ({} texts): {} P {:.3} R {:.3} {a:?}; {} P {:.3} R {:.3} {b:?}",
        texts.len(),
        first.0,
        a.precision(),
        a.recall(),
        second.0,
        b.precision(),
        b.recall()
    );
    (a, b)
}

/// The tuning texts write a clerk's name as 〇〇 (〇〇さん, 〇〇くん): in real mail that is a name,
/// which the office's staff directory knows, so the texts are read with one of its names there.
/// Other placeholders (〇〇駅, 〇〇公園) stay as they are.
fn named(text: &str) -> String {
    ["さん", "くん", "ちゃん", "様", "って", "の"]
        .iter()
        .fold(text.to_string(), |t, h| {
            t.replace(&format!("〇〇{h}"), &format!("佐藤{h}"))
        })
}

/// The two categories a file of labelled texts is about.
type Pair = ((&'static str, Category), (&'static str, Category));

const THREATS: Pair = (
    ("threat", Category::Threat),
    ("personal_contact", Category::PersonalContact),
);

const DEMANDS: Pair = (
    ("excessive_demand", Category::ExcessiveDemand),
    ("abusive", Category::Abusive),
);

/// Measures a file of labelled texts and fails when either category is below its
/// (precision, recall) floor.
fn measured(file: &str, (first, second): Pair, floors: [(f64, f64); 2]) {
    let (a, b) = two_categories(file, first, second);
    floor(first.0, &a, floors[0]);
    floor(second.0, &b, floors[1]);
}

/// Fails when a category is below its (precision, recall) floor.
fn floor(name: &str, c: &Score, (p, r): (f64, f64)) {
    assert!(
        c.precision() >= p && c.recall() >= r,
        "{name}: precision {:.3}, recall {:.3} below the floors {p} / {r}",
        c.precision(),
        c.recall()
    );
}

#[test]
fn threats_and_personal_contact() {
    // The figures after the second round of 29 November (1.000 / 0.942, 0.958 / 0.868; after the
    // first round 1.000 / 0.878 and 0.953 / 0.774; before any 0.976 / 0.311 and 0.867 / 0.245)
    // minus a margin.
    measured("threats.jsonl", THREATS, [(0.97, 0.91), (0.92, 0.83)]);
}

#[test]
fn demands_and_abuse() {
    // The figures after the second round of 29 November (0.991 / 0.948 and 1.000 / 0.967; after
    // the first round 0.991 / 0.898 and 1.000 / 0.906; before any 0.930 / 0.478 and
    // 0.984 / 0.686) minus a margin.
    measured("demands.jsonl", DEMANDS, [(0.96, 0.92), (0.96, 0.93)]);
}

#[test]
fn threats_and_personal_contact_second_round() {
    // Measured before any rule was written from this file, with 〇〇 as written (nobody's
    // name): threat 0.958 / 0.366, personal contact 0.980 / 0.321. Read with a directory name
    // for 〇〇 and after the second round of 29 November: 0.994 / 0.818 and 0.992 / 0.808.
    // Floors: the latter minus a margin.
    measured("threats2.jsonl", THREATS, [(0.95, 0.78), (0.95, 0.77)]);
}

#[test]
fn demands_and_abuse_second_round() {
    // Measured before any rule was written from this file: excessive demand 0.986 / 0.422,
    // abuse 0.984 / 0.708. After the second round of 29 November: 0.996 / 0.866 and
    // 0.992 / 0.898. Floors: the latter minus a margin.
    measured("demands2.jsonl", DEMANDS, [(0.95, 0.83), (0.95, 0.86)]);
}

#[test]
fn threats_and_personal_contact_fourth_round() {
    // Measured before any rule was written from this file: threat 0.977 / 0.339, personal
    // contact 0.940 / 0.407. After the fourth round of 29 November: 0.986 / 0.547 and
    // 0.965 / 0.701. Floors: the latter minus a margin.
    measured("threats4b.jsonl", THREATS, [(0.95, 0.52), (0.93, 0.66)]);
}

/// The check set (`tests/check/`, third round of 29 November): texts written like the tuning
/// texts, by authors who read no file of this repository, measured but never tuned on (their
/// misses are not listed, even with `MAILWARD_SHOW_TUNING`). Their figures say how the rules
/// carry over to wording nobody has tuned on; floors are the first measurement minus a margin.
#[test]
fn check_set_threats_and_personal_contact() {
    // First measurement, after the second round of 29 November: threat 0.962 / 0.474,
    // personal contact 0.919 / 0.509 (the rules of the morning of that day: 0.927 / 0.422 and
    // 0.898 / 0.473). With the threat model (trained on tests/tuning only): threat
    // 0.974 / 0.720.
    measured(
        "check/threats3.jsonl",
        THREATS,
        [(0.93, 0.68), (0.88, 0.47)],
    );
}

/// The fourth round's second file, written beside `threats4b.jsonl` by another author and kept
/// as a check: veiled threats and threats in the middle of long ordinary mails.
#[test]
fn check_set_veiled_threats() {
    // First measurement, after the fourth round of 29 November: threat 0.973 / 0.247,
    // personal contact 0.833 / 0.625. With the threat model: threat 0.981 / 0.538.
    measured(
        "check/threats4a.jsonl",
        THREATS,
        [(0.94, 0.22), (0.80, 0.58)],
    );
}

#[test]
fn check_set_demands_and_abuse() {
    // First measurement, after the second round of 29 November: excessive demand 0.975 / 0.600,
    // abuse 1.000 / 0.698 (the rules of the morning of that day: 0.958 / 0.349 and
    // 0.989 / 0.631).
    measured(
        "check/demands3.jsonl",
        DEMANDS,
        [(0.94, 0.56), (0.95, 0.66)],
    );
}

#[derive(Deserialize)]
struct Benign {
    text: String,
    kind: String,
}

/// Ordinary mail of every kind an office gets (residents, customers, businesses, schools, staff
/// quoting harassment for training, people in distress), none of it harassment: the mails that
/// any category flags are printed (with `MAILWARD_SHOW_TUNING=1`, with the phrases) and counted.
#[test]
fn ordinary_mail_is_not_flagged() {
    // First measurement (before any rule was changed for this file): 12 of 607 flagged, by
    // phrases too short or too general (むのう folding to むの, 回答期限, 上長 beside 出して in
    // 提出して). Now 0; the floor leaves a margin.
    let flagged = ordinary("benign.jsonl");
    assert!(flagged <= 3, "{flagged} ordinary mails flagged");
}

/// The check set's ordinary mail: counted, never listed.
#[test]
fn check_set_ordinary_mail() {
    // First measurement: 5 of 301 (the rules of the morning of 29 November: 9).
    let flagged = ordinary("check/benign3.jsonl");
    assert!(flagged <= 8, "{flagged} ordinary mails flagged");
}

/// Counts the mails of a file of ordinary mail that any category flags (and lists them with
/// `MAILWARD_SHOW_TUNING=1`, except for the check set).
fn ordinary(file: &str) -> u32 {
    let analyzer = Analyzer::new(Lexicon::defaults(), &staff());
    let mails: Vec<Benign> = lines(file);
    let mut flagged = 0;
    for m in &mails {
        let f = analyzer.analyse(None, &named(&m.text));
        if f.categories.is_empty() {
            continue;
        }
        flagged += 1;
        if show() && !file.starts_with("check/") {
            let hits: Vec<String> = f
                .categories
                .iter()
                .map(|c| {
                    let phrases: Vec<&str> = c.matched.iter().map(|x| x.phrase.as_str()).collect();
                    format!("{}: {phrases:?}", c.id.id())
                })
                .collect();
            eprintln!(
                "flagged [{}] {hits:?}: {}",
                m.kind,
                m.text.replace('\n', " ")
            );
        }
    }
    eprintln!(
        "tuning {file} ({} mails): {flagged} flagged ({:.1}%)",
        mails.len(),
        100.0 * f64::from(flagged) / mails.len() as f64
    );
    flagged
}

#[derive(Deserialize)]
struct Mail {
    sender: String,
    topic: String,
    subject: String,
    text: String,
    note: String,
}

#[test]
fn same_purpose_sequences() {
    // MAILWARD_TUNING_SIMILARITY=join,merge tries other thresholds than the defaults.
    let mut config = TriageConfig::default();
    if let Ok(v) = std::env::var("MAILWARD_TUNING_SIMILARITY") {
        let mut it = v
            .split(',')
            .map(|x| x.trim().parse::<f64>().expect("a number"));
        config.similarity = it.next().unwrap_or(config.similarity);
        config.merge_similarity = it.next().unwrap_or(config.merge_similarity);
    }
    let analyzer = Analyzer::new(Lexicon::defaults(), &[]);
    let hasher = MinHasher::for_topics();
    let mails: Vec<Mail> = lines("repeaters.jsonl");
    let mut by_sender: BTreeMap<&str, Vec<&Mail>> = BTreeMap::new();
    for m in &mails {
        by_sender.entry(&m.sender).or_default().push(m);
    }
    let (mut pairs, mut senders) = (Score::default(), Score::default());
    let mut mixed = 0u32;
    for (sender, mails) in &by_sender {
        let mut index = TopicIndex::new(config.cluster_params());
        let mut assigned: Vec<u64> = Vec::new();
        let mut asks: Vec<bool> = Vec::new();
        for (i, m) in mails.iter().enumerate() {
            let reading = analyzer.read(Some(&m.subject), &m.text);
            // MAILWARD_SHOW_VIEWS=s01,s02 prints those senders' comparison views.
            if std::env::var("MAILWARD_SHOW_VIEWS")
                .is_ok_and(|v| v.split(',').any(|s| s.trim() == *sender))
            {
                eprintln!("{sender} {} |{}|", m.topic, reading.similarity);
            }
            let topic = match index.assign(i as u64, &hasher.signature(&reading.similarity)) {
                Assignment::Joined { topic, .. } | Assignment::New { topic } => topic,
            };
            for merge in index.take_merges() {
                for t in assigned.iter_mut().filter(|t| **t == merge.from) {
                    *t = merge.into;
                }
            }
            assigned.push(topic);
            asks.push(reading.findings.request || reading.findings.has(Category::ExcessiveDemand));
        }
        for i in 0..mails.len() {
            for j in i + 1..mails.len() {
                pairs.add(mails[i].topic == mails[j].topic, assigned[i] == assigned[j]);
            }
        }
        // Sender level, as assess() decides it: a topic of 3+ mails, most of them asking.
        let mut members: HashMap<u64, Vec<usize>> = HashMap::new();
        for (i, t) in assigned.iter().enumerate() {
            members.entry(*t).or_default().push(i);
        }
        let min = config.thresholds.same_purpose_min_count as usize;
        let got = members
            .values()
            .any(|m| m.len() >= min && m.iter().filter(|&&i| asks[i]).count() * 2 >= m.len());
        let mut label_sizes: HashMap<&str, usize> = HashMap::new();
        for m in mails {
            *label_sizes.entry(&m.topic).or_default() += 1;
        }
        let no_demand = mails.iter().all(|m| m.note.contains("no demand"));
        let expected = !no_demand && label_sizes.values().any(|&n| n >= min);
        senders.add(expected, got);
        let mixes = members
            .values()
            .filter(|m| {
                let first = &mails[m[0]].topic;
                m.iter().any(|&i| &mails[i].topic != first)
            })
            .count() as u32;
        mixed += mixes;
        if show() && (expected != got || mixes > 0) {
            let labels: Vec<&str> = mails.iter().map(|m| m.topic.as_str()).collect();
            eprintln!(
                "sender {sender}: expected {expected} got {got}; labels {labels:?}, topics {assigned:?}, asking {asks:?}"
            );
        }
    }
    eprintln!(
        "tuning same-purpose ({} mails, {} senders): pairs P {:.3} R {:.3}; senders P {:.3} R {:.3} {senders:?}; topics mixing demands {mixed}",
        mails.len(),
        by_sender.len(),
        pairs.precision(),
        pairs.recall(),
        senders.precision(),
        senders.recall()
    );
    if std::env::var_os("MAILWARD_TUNING_SIMILARITY").is_none() {
        assert!(
            pairs.precision() >= SAME_PURPOSE_FLOORS.0
                && pairs.recall() >= SAME_PURPOSE_FLOORS.1
                && senders.precision() >= SAME_PURPOSE_FLOORS.2
                && senders.recall() >= SAME_PURPOSE_FLOORS.3,
            "same-purpose below the floors {SAME_PURPOSE_FLOORS:?}"
        );
    }
}

/// (pair precision, pair recall, sender precision, sender recall) at the default thresholds: the
/// figures with the thesaurus view at join 0.15 (0.966 / 0.446, 1.000 / 0.892) minus a margin.
/// Before the thesaurus (content words alone, join 0.2) they were 0.880 / 0.246, 0.968 / 0.462;
/// before letter formulas were left out and the join threshold went from 0.4 to 0.2, 0.717 / 0.046
/// and 1.000 / 0.077. What is still missed are long mails that reword their nouns as well as
/// their demand (保育園 / 保育所 / 入所 / 預け先), which the thesaurus does not cover (docs/TRIAGE.md).
const SAME_PURPOSE_FLOORS: (f64, f64, f64, f64) = (0.95, 0.42, 0.97, 0.86);
