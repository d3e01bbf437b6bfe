//! Folds the `text` of each JSON line on standard input as triage folds mail text for matching
//! (`normalize::for_matching`) and writes `{"folded": ...}` lines: what `models/train.py` trains
//! the threat model on, so that training sees exactly what the model sees in a mail.

use std::io::{BufRead, Write};

fn main() {
    let stdin = std::io::stdin().lock();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for (n, line) in stdin.lines().enumerate() {
        let line = line.unwrap_or_else(|e| panic!("line {}: {e}", n + 1));
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value =
            serde_json::from_str(&line).unwrap_or_else(|e| panic!("line {}: {e}", n + 1));
        let text = v["text"].as_str().unwrap_or_default();
        let folded = mailward_triage::model::model_text(
            &mailward_triage::normalize::for_matching(text, usize::MAX).text,
        );
        let _ = writeln!(out, "{}", serde_json::json!({ "folded": folded }));
    }
}
