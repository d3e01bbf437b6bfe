//! Same-purpose clustering end to end, for bench/cluster: reads a JSON Lines flood
//! (`{"id": N, "topic": T, "text": "..."}`; the topic is the answer and is not read), prepares
//! each text, signs it and assigns it to a topic as the mails of one sender, then writes
//! `id<TAB>topic` per mail, each mail under its final topic (after merges).
//!
//! ```text
//! cluster_bench FLOOD.jsonl [--limit N] [--normalize production|nfkc] [--threshold T]
//!               [--merge-threshold M] [--permutations P] [--seed S] [--out ASSIGNMENTS.tsv]
//! ```
//!
//! `--normalize production` (default) is what mailward does: the mail's own words
//! (`text::own_words`: no quoted lines, reply headers or signature), folded by
//! `normalize::for_similarity`. `nfkc` is Unicode NFKC then lower case of the whole text, exactly
//! the text datasketch is given in the bench, to compare the clustering alone.
//! Prints one JSON object with counts and per-stage times on stdout. Single-threaded.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use mailward_triage::cluster::{Assignment, ClusterParams, Merge, TopicIndex};
use mailward_triage::minhash::{DEFAULT_SHINGLE, MinHasher};
use mailward_triage::{normalize, text};
use serde::Deserialize;
use unicode_normalization::UnicodeNormalization;

#[derive(Deserialize)]
struct Line<'a> {
    id: u64,
    #[serde(borrow)]
    text: Cow<'a, str>,
}

struct Args {
    input: String,
    limit: usize,
    production: bool,
    params: ClusterParams,
    seed: u64,
    out: Option<String>,
}

const USAGE: &str = "usage: cluster_bench FLOOD.jsonl [--limit N] [--normalize production|nfkc] \
                     [--threshold T] [--merge-threshold M] [--permutations P] [--seed S] [--out ASSIGNMENTS.tsv]";

fn parse_args() -> Result<Args, String> {
    let mut it = std::env::args().skip(1);
    let mut args = Args {
        input: String::new(),
        limit: usize::MAX,
        production: true,
        params: ClusterParams::default(),
        seed: 0,
        out: None,
    };
    let mut merge = None;
    while let Some(a) = it.next() {
        let mut value = |name: &str| it.next().ok_or(format!("{name} needs a value"));
        match a.as_str() {
            "--limit" => {
                args.limit = value("--limit")?
                    .parse()
                    .map_err(|e| format!("--limit: {e}"))?;
            }
            "--threshold" => {
                args.params.threshold = value("--threshold")?
                    .parse()
                    .map_err(|e| format!("--threshold: {e}"))?;
            }
            "--merge-threshold" => {
                merge = Some(
                    value("--merge-threshold")?
                        .parse()
                        .map_err(|e| format!("--merge-threshold: {e}"))?,
                );
            }
            "--permutations" => {
                args.params.permutations = value("--permutations")?
                    .parse()
                    .map_err(|e| format!("--permutations: {e}"))?;
            }
            "--normalize" => {
                args.production = match value("--normalize")?.as_str() {
                    "production" => true,
                    "nfkc" => false,
                    other => return Err(format!("--normalize: production or nfkc, not {other}")),
                }
            }
            "--seed" => {
                args.seed = value("--seed")?
                    .parse()
                    .map_err(|e| format!("--seed: {e}"))?;
            }
            "--out" => args.out = Some(value("--out")?),
            "-h" | "--help" => return Err(USAGE.into()),
            _ if a.starts_with("--") => return Err(format!("unknown option {a}\n{USAGE}")),
            _ if args.input.is_empty() => args.input = a,
            _ => return Err(format!("unexpected argument {a}\n{USAGE}")),
        }
    }
    if args.input.is_empty() {
        return Err(USAGE.into());
    }
    // Without --merge-threshold, topics merge at the join threshold (one threshold, as before).
    args.params.merge_threshold = merge.unwrap_or(args.params.threshold);
    Ok(args)
}

/// Follows merges to the topic a mail ends up in.
fn final_topic(merged: &HashMap<u64, u64>, mut topic: u64) -> u64 {
    // Each merge goes to a smaller id, so the chain ends.
    while let Some(&into) = merged.get(&topic) {
        topic = into;
    }
    topic
}

fn run(args: &Args) -> Result<String, String> {
    let start = Instant::now();
    let file = File::open(&args.input).map_err(|e| format!("{}: {e}", args.input))?;
    let mut reader = BufReader::with_capacity(1 << 20, file);
    // The production view signs 2-grams of content words, as mailward does; datasketch's text
    // is signed as datasketch signs it, 3-grams.
    let shingle = if args.production {
        normalize::SIMILARITY_SHINGLE
    } else {
        DEFAULT_SHINGLE
    };
    let hasher = MinHasher::new(args.params.permutations, shingle, args.seed);
    let mut index = TopicIndex::new(args.params);
    let mut assigned: Vec<(u64, u64)> = Vec::new();
    let mut merged: HashMap<u64, u64> = HashMap::new();
    let (mut t_parse, mut t_norm, mut t_sign, mut t_assign) = (
        Duration::ZERO,
        Duration::ZERO,
        Duration::ZERO,
        Duration::ZERO,
    );
    let mut joined = 0usize;
    let mut buf = Vec::new();
    while assigned.len() < args.limit {
        buf.clear();
        let t0 = Instant::now();
        if reader
            .read_until(b'\n', &mut buf)
            .map_err(|e| e.to_string())?
            == 0
        {
            break;
        }
        if buf.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let line: Line = serde_json::from_slice(&buf)
            .map_err(|e| format!("line {}: {e}", assigned.len() + 1))?;
        let t1 = Instant::now();
        let text = if args.production {
            normalize::for_similarity(&text::own_words(&line.text))
        } else {
            line.text.nfkc().collect::<String>().to_lowercase()
        };
        let t2 = Instant::now();
        let sig = hasher.signature(&text);
        let t3 = Instant::now();
        let topic = match index.assign(line.id, &sig) {
            Assignment::Joined { topic, .. } => {
                joined += 1;
                topic
            }
            Assignment::New { topic } => topic,
        };
        // What the application relabels; here kept to report each mail under its final topic.
        for Merge { from, into } in index.take_merges() {
            merged.insert(from, into);
        }
        let t4 = Instant::now();
        assigned.push((line.id, topic));
        t_parse += t1 - t0;
        t_norm += t2 - t1;
        t_sign += t3 - t2;
        t_assign += t4 - t3;
    }
    if let Some(out) = &args.out {
        let mut w = BufWriter::new(File::create(out).map_err(|e| format!("{out}: {e}"))?);
        for &(id, topic) in &assigned {
            writeln!(w, "{id}\t{}", final_topic(&merged, topic)).map_err(|e| e.to_string())?;
        }
        w.flush().map_err(|e| e.to_string())?;
    }
    let total = start.elapsed().as_secs_f64();
    let n = assigned.len();
    let us = |d: Duration| d.as_secs_f64() * 1e6 / n.max(1) as f64;
    let (bands, rows) = index.banding();
    Ok(serde_json::json!({
        "mails": n,
        "topics": index.topics(),
        "joined": joined,
        "merges": merged.len(),
        "representatives": index.representatives(),
        "normalize": if args.production { "production" } else { "nfkc" },
        "threshold": args.params.threshold,
        "merge_threshold": args.params.merge_threshold,
        "seed": args.seed,
        "permutations": args.params.permutations,
        "bands": bands,
        "rows": rows,
        "seconds": total,
        "mails_per_s": n as f64 / total,
        "us_per_mail": {
            "read_parse": us(t_parse),
            "normalize": us(t_norm),
            "signature": us(t_sign),
            "assign": us(t_assign),
        },
    })
    .to_string())
}

fn main() -> ExitCode {
    match parse_args().and_then(|a| run(&a)) {
        Ok(summary) => {
            println!("{summary}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("cluster_bench: {e}");
            ExitCode::FAILURE
        }
    }
}
