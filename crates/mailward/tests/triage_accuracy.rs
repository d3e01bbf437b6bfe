//! Triage accuracy on the labelled corpus (`crates/triage/tests/corpus`, written before the
//! lexicons and labelled by hand): the whole corpus is imported through the real binary, and
//! precision and recall of every flag are measured per split. The held-out third was never used
//! for tuning; the bars below apply to it. Ordinary one-off residents must get no flag at all, in
//! either split.

mod common;
#[path = "../../triage/tests/support/score.rs"]
mod score;

use common::{json_lines, mailward};
use score::Score;
use serde_json::Value;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

/// The bars on the held-out split, per flag: (precision, recall), set before the first
/// measurement. Every measured value now meets its bar. Two were enforced at lower floors for a
/// while, written out rather than hidden: same-purpose precision (0.833 until the content-word
/// comparison, then 1.000) and message-level threat recall (8 of 11, 0.727, until the second
/// tuning round of 29 November added threat forms from new tuning texts, then 9 of 11, 0.818;
/// the held-out misses were never read).
const BARS: [(&str, f64, f64); 7] = [
    ("threat", 0.90, 0.80),
    ("personal_contact", 0.90, 0.75),
    ("mail_bomb", 0.95, 0.95),
    ("high_volume", 0.75, 0.75),
    ("repeated_same_purpose", 0.85, 0.80),
    ("abusive", 0.90, 0.80),
    ("excessive_demand", 0.85, 0.70),
];

/// Floors below the bars, per (level, flag): (precision, recall). None today; the table stays so
/// that a bar that cannot be met is lowered here, in the open, and never silently.
const FLOORS: [(&str, &str, f64, f64); 0] = [];

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../triage/tests/corpus")
}

fn bare_id(id: &str) -> String {
    id.trim()
        .trim_start_matches('<')
        .trim_end_matches('>')
        .to_string()
}

fn strings(v: &Value) -> HashSet<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// What one labelled corpus gave: scores per (split, level, flag), the misses, and the ordinary
/// residents that were flagged.
struct Evaluation {
    scores: BTreeMap<(String, &'static str, String), Score>,
    misses: Vec<String>,
    wrongly_flagged_residents: Vec<String>,
}

/// Imports a labelled corpus folder (labels.json, staff.toml, mbox/) through the binary and
/// scores every flag against the labels.
fn evaluate(corpus: &Path) -> Evaluation {
    let labels: Value =
        serde_json::from_slice(&std::fs::read(corpus.join("labels.json")).unwrap()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    std::fs::copy(corpus.join("staff.toml"), data.join("mailward.toml")).unwrap();
    let out = mailward(
        &data,
        &["import", "--json", corpus.join("mbox").to_str().unwrap()],
    );
    assert!(
        out.status.success(),
        "import: {}",
        String::from_utf8_lossy(&out.stderr)
    );

    let senders: HashMap<String, Value> = json_lines(&data, &["senders", "--json"])
        .into_iter()
        .map(|s| (s["address"].as_str().unwrap_or("").to_string(), s))
        .collect();
    let domains: HashMap<String, Value> = json_lines(&data, &["domains", "--json"])
        .into_iter()
        .map(|s| (s["domain"].as_str().unwrap_or("").to_string(), s))
        .collect();
    let messages: HashMap<String, Value> = json_lines(&data, &["messages", "--json"])
        .into_iter()
        .filter_map(|m| Some((bare_id(m["message_id"].as_str()?), m)))
        .collect();

    let split_of: HashMap<String, String> = labels["senders"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["address"].as_str().unwrap().to_lowercase(),
                s["split"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    // (split, level, flag) -> score
    let mut scores: BTreeMap<(String, &str, String), Score> = BTreeMap::new();
    let mut wrongly_flagged_residents = Vec::new();
    let mut misses = Vec::new();
    for s in labels["senders"].as_array().unwrap() {
        let address = s["address"].as_str().unwrap().to_lowercase();
        let split = s["split"].as_str().unwrap().to_string();
        let expected = strings(&s["flags"]);
        let got = senders
            .get(&address)
            .map(|g| strings(&g["flags"]))
            .unwrap_or_default();
        for (flag, _, _) in BARS {
            scores
                .entry((split.clone(), "sender", flag.to_string()))
                .or_default()
                .add(expected.contains(flag), got.contains(flag));
            if expected.contains(flag) != got.contains(flag) {
                misses.push(format!(
                    "{split} sender {address} ({}): {flag} expected {} got {}",
                    s["kind"],
                    expected.contains(flag),
                    got.contains(flag)
                ));
            }
        }
        let kind = s["kind"].as_str().unwrap_or("");
        if kind.starts_with("resident") && expected.is_empty() && !got.is_empty() {
            wrongly_flagged_residents.push(format!("{split} {address} ({kind}): {got:?}"));
        }
    }
    for m in labels["messages"].as_array().unwrap() {
        let id = &bare_id(m["message_id"].as_str().unwrap());
        let sender = m["sender"].as_str().unwrap().to_lowercase();
        let split = split_of.get(&sender).cloned().unwrap_or_default();
        let expected = strings(&m["categories"]);
        let got: HashSet<String> = messages
            .get(id)
            .and_then(|g| g["categories"].as_array())
            .map(|a| {
                a.iter()
                    .filter_map(|c| c["id"].as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default();
        for flag in ["threat", "personal_contact", "abusive", "excessive_demand"] {
            scores
                .entry((split.clone(), "message", flag.to_string()))
                .or_default()
                .add(expected.contains(flag), got.contains(flag));
            if expected.contains(flag) != got.contains(flag) {
                misses.push(format!(
                    "{split} message {id}: {flag} expected {} got {} ({})",
                    expected.contains(flag),
                    got.contains(flag),
                    m["note"]
                ));
            }
        }
    }
    for d in labels["domains"].as_array().unwrap() {
        let name = d["domain"].as_str().unwrap();
        let expected = strings(&d["flags"]);
        let got = domains
            .get(name)
            .map(|g| strings(&g["flags"]))
            .unwrap_or_default();
        let splits: HashSet<String> = split_of.values().cloned().collect();
        for split in &splits {
            if d["split"] != split.as_str() && d["split"] != "both" {
                continue;
            }
            for flag in ["mail_bomb", "high_volume"] {
                scores
                    .entry((split.clone(), "domain", flag.to_string()))
                    .or_default()
                    .add(expected.contains(flag), got.contains(flag));
            }
        }
        if expected != got {
            misses.push(format!(
                "{} domain {name}: expected {expected:?} got {got:?}",
                d["split"].as_str().unwrap_or("")
            ));
        }
    }

    Evaluation {
        scores,
        misses,
        wrongly_flagged_residents,
    }
}

fn print(e: &Evaluation, show: impl Fn(&str) -> bool) {
    eprintln!("split    level    flag                    tp  fp  fn  precision recall");
    for ((split, level, flag), s) in &e.scores {
        eprintln!(
            "{split:<8} {level:<8} {flag:<22} {:>3} {:>3} {:>3}  {:>8.3} {:>6.3}",
            s.tp,
            s.fp,
            s.fn_,
            s.precision(),
            s.recall()
        );
    }
    for m in e.misses.iter().filter(|m| show(m)) {
        eprintln!("miss: {m}");
    }
}

/// The flags below their bar (or floor) on one split.
fn below_bars(e: &Evaluation, split: &str) -> Vec<String> {
    let mut failures = Vec::new();
    for (flag, p, r) in BARS {
        for level in ["sender", "message", "domain"] {
            let Some(s) = e.scores.get(&(split.to_string(), level, flag.to_string())) else {
                continue;
            };
            if s.tp + s.fn_ == 0 && s.fp == 0 {
                continue;
            }
            let (p, r) = FLOORS
                .iter()
                .find(|(l, f, _, _)| *l == level && *f == flag)
                .map_or((p, r), |(_, _, fp, fr)| (*fp, *fr));
            if s.precision() < p || s.recall() < r {
                failures.push(format!(
                    "{split} {level} {flag}: precision {:.3} (bar {p}), recall {:.3} (bar {r})",
                    s.precision(),
                    s.recall()
                ));
            }
        }
    }
    failures
}

#[test]
fn held_out_precision_and_recall_per_flag() {
    let e = evaluate(&corpus());
    // Misses of the tuning split are listed to tune by; the held-out ones only on request, so
    // that the held-out third stays out of tuning.
    let show_held_out = std::env::var_os("MAILWARD_SHOW_HELDOUT").is_some();
    print(&e, |m| show_held_out || m.starts_with("tune"));
    let shown: Vec<&String> = e
        .wrongly_flagged_residents
        .iter()
        .filter(|m| show_held_out || m.starts_with("tune"))
        .collect();
    assert!(
        e.wrongly_flagged_residents.is_empty(),
        "{} ordinary residents flagged (held-out ones listed only with MAILWARD_SHOW_HELDOUT=1): {shown:#?}",
        e.wrongly_flagged_residents.len()
    );
    let failures = below_bars(&e, "heldout");
    assert!(failures.is_empty(), "below the bar: {failures:#?}");
}

/// Evaluates a corpus that nobody tuning triage may look at: misses are not listed (only the
/// counts, unless `show` names an environment variable that is set), so it stays a clean test of
/// what triage does on mail nobody tuned it for. Returns the evaluation for its own guards.
fn clean_corpus(dir: &str, show: &str) -> Evaluation {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../triage/tests")
        .join(dir);
    let e = evaluate(&root);
    print(&e, |_| std::env::var_os(show).is_some());
    eprintln!(
        "{dir}: ordinary residents flagged: {}",
        e.wrongly_flagged_residents.len()
    );
    e
}

/// Fails when a clean corpus has more residents flagged, or a sender-level flag falls below the
/// floors, than at its recorded measurement (docs/TRIAGE.md): a regression guard, not a bar.
fn guard(e: &Evaluation, dir: &str, residents: usize, precision: f64, recall: f64) {
    assert!(
        e.wrongly_flagged_residents.len() <= residents,
        "{dir}: more ordinary residents flagged than at the last measurement ({residents})"
    );
    for ((_, level, flag), s) in &e.scores {
        if *level == "sender" && s.tp + s.fn_ > 0 {
            assert!(
                s.precision() >= precision && s.recall() >= recall,
                "{dir} sender {flag}: precision {:.3}, recall {:.3} fell below the floor ({precision} / {recall})",
                s.precision(),
                s.recall()
            );
        }
    }
}

/// A second corpus, `corpus-fresh`, written by another author after the lexicons and rules were
/// tuned. Its floors: the first measurement minus a margin, and the residents flagged as of the
/// demand and abuse forms of 29 November (1; 3 before, 4 at the first measurement). The
/// held-out bars are not met here; the docs say so.
#[test]
fn fresh_corpus_written_after_tuning() {
    let e = clean_corpus("corpus-fresh", "MAILWARD_SHOW_FRESH");
    guard(&e, "corpus-fresh", 1, 0.75, 0.30);
}

/// A third corpus, `corpus-fresh2` (さくら県庁, December 2026), written by yet another author
/// without reading the lexicons, the rules or the other corpora's texts, after the content-word
/// comparison and the threat lexicon of November 29 were in place. Floors: its first
/// measurement (docs/TRIAGE.md) minus a margin.
#[test]
fn second_fresh_corpus_written_independently() {
    let e = clean_corpus("corpus-fresh2", "MAILWARD_SHOW_FRESH2");
    // First measurement: 3 residents flagged, sender-level precision 0.714-1.0, recall 0.357-1.0.
    guard(&e, "corpus-fresh2", 3, 0.65, 0.30);
}
