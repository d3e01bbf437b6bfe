//! A learned second opinion on threats, for the wordings no lexicon phrase knows.
//!
//! Veiled threats (what a sender knows of a clerk's family, said as advice or a wish) take
//! endless wordings, and a phrase lexicon written from one author's texts barely reaches
//! another's (docs/TRIAGE.md, "Accuracy"). A linear model over character 1- to 3-grams of the
//! folded text, trained on the labelled tuning texts (`models/train.py`), carries over much
//! better. It only ever *adds* a threat the lexicons missed, at a high threshold, and its
//! evidence says what it is: the sentence that scored highest, marked `threat model` with the
//! score, so that a reader knows it is a judgement, not a matched phrase.
//!
//! The weights are `models/threat.tsv` (compiled in): a first line `bias<TAB>b`, then one line
//! per n-gram `ngram<TAB>idf<TAB>weight`. Scoring follows the training exactly (scikit-learn's
//! `TfidfVectorizer(analyzer="char", ngram_range=(1, 3), sublinear_tf=True)` and a logistic
//! regression): counts `c` become `(1 + ln c) * idf`, the vector is scaled to unit length, and
//! the score is the logistic of its dot product with the weights plus the bias.

use std::collections::HashMap;
use std::sync::LazyLock;

/// The score at or above which the model calls a mail a threat. On the check set
/// (`tests/check/`, never trained or tuned on) the model alone at 0.8 gave precision 1.000 /
/// recall 0.583 on threats3 and 0.992 / 0.452 on threats4a, and flagged none of the 301
/// ordinary mails (`models/train.py` prints these figures).
pub const THRESHOLD: f64 = 0.8;

/// At most this much folded text is scored (about 700 Japanese characters: a threat sits early
/// in a mail's own words, a long text only dilutes the score, and the cost is per character).
const LIMIT: usize = 2 << 10;

/// Japanese characters a text needs before the model reads it: it was trained on Japanese mail,
/// and English threats are the lexicon's (en.toml). Most of a mixed mailbox's volume (spam,
/// newsletters in English) is skipped without a lookup.
const MIN_JAPANESE: usize = 8;

/// An n-gram of one to three characters as one number: 21 bits a character, the first in the
/// low bits. A 1-gram is below 2^21 and longer ones above, so no two n-grams share a key.
fn key(chars: &[char]) -> u64 {
    chars
        .iter()
        .enumerate()
        .fold(0, |k, (i, &c)| k | (u64::from(u32::from(c)) << (21 * i)))
}

type Table<V> = HashMap<u64, V, crate::fixed_hash::Fixed>;

/// The compiled-in model.
pub struct ThreatModel {
    features: Table<(f32, f32)>,
    bias: f64,
}

static BUILTIN: LazyLock<ThreatModel> =
    LazyLock::new(|| ThreatModel::parse(include_str!("../models/threat.tsv")));

/// The model shipped with mailward.
pub fn builtin() -> &'static ThreatModel {
    &BUILTIN
}

/// Text as the model reads it: folded for matching, every run of whitespace and sentence ends
/// one space (as the training's vectorizer reads it).
pub fn model_text(folded: &str) -> String {
    let mut out = String::with_capacity(folded.len().min(LIMIT));
    let mut space = false;
    for c in folded.chars() {
        if out.len() >= LIMIT {
            break;
        }
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push(c);
    }
    out
}

impl ThreatModel {
    /// Reads the TSV weights; a malformed line is skipped (the file is tested to parse whole).
    fn parse(text: &str) -> ThreatModel {
        let mut features = Table::default();
        let mut bias = 0.0;
        for line in text.lines() {
            let mut f = line.split('\t');
            match (f.next(), f.next(), f.next()) {
                (Some("bias"), Some(b), None) => bias = b.parse().unwrap_or(0.0),
                (Some(g), Some(idf), Some(w)) => {
                    if let (Ok(idf), Ok(w)) = (idf.parse(), w.parse()) {
                        let chars: Vec<char> = g.chars().collect();
                        if (1..=3).contains(&chars.len()) {
                            features.insert(key(&chars), (idf, w));
                        }
                    }
                }
                _ => {}
            }
        }
        ThreatModel { features, bias }
    }

    /// How many n-grams the model knows.
    pub fn len(&self) -> usize {
        self.features.len()
    }

    /// Whether the model is empty (a build without weights).
    pub fn is_empty(&self) -> bool {
        self.features.is_empty()
    }

    /// The probability the model gives that `text` (as [`model_text`] makes it) is a threat; 0
    /// for a text with fewer than [`MIN_JAPANESE`] kana or kanji.
    pub fn score(&self, text: &str) -> f64 {
        let japanese = text
            .chars()
            // Kana blocks (the long-vowel mark that folding keeps after a non-kana among them)
            // and the common ideographs.
            .filter(|&c| matches!(c, '\u{3041}'..='\u{30FF}' | '\u{4E00}'..='\u{9FFF}'))
            .take(MIN_JAPANESE)
            .count();
        if japanese < MIN_JAPANESE || self.features.is_empty() {
            return 0.0;
        }
        let chars: Vec<char> = text.chars().collect();
        let mut counts: Table<u32> = Table::default();
        for n in 1..=3 {
            for w in chars.windows(n) {
                *counts.entry(key(w)).or_default() += 1;
            }
        }
        let (mut dot, mut norm) = (0.0f64, 0.0f64);
        for (g, c) in counts {
            if let Some(&(idf, w)) = self.features.get(&g) {
                let x = (1.0 + f64::from(c).ln()) * f64::from(idf);
                norm += x * x;
                dot += x * f64::from(w);
            }
        }
        if norm == 0.0 {
            return 0.0;
        }
        let z = dot / norm.sqrt() + self.bias;
        1.0 / (1.0 + (-z).exp())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::for_matching;

    fn score(text: &str) -> f64 {
        builtin().score(&model_text(&for_matching(text, usize::MAX).text))
    }

    #[test]
    fn the_weights_load() {
        assert!(builtin().len() > 1000);
    }

    #[test]
    fn veiled_threats_score_high_and_ordinary_mail_low() {
        for text in [
            "お子さんの通う保育園、園庭がよく見えますね。毎日拝見しています。",
            "あなたの帰り道、ずっと後ろを歩いていたのに気づきませんでしたか。次は声をかけます。",
        ] {
            assert!(score(text) >= 0.5, "{text}: {}", score(text));
        }
        for text in [
            "いつもお世話になっております。住民票の写しを2通お願いしたいのですが、必要書類を教えてください。",
            "先日は丁寧に対応していただきありがとうございました。",
            "",
        ] {
            assert!(score(text) < THRESHOLD, "{text}: {}", score(text));
        }
    }

    #[test]
    fn model_text_is_one_line() {
        assert_eq!(model_text("a \n\n b\nc"), "a b c");
        assert_eq!(model_text("\n殺す"), "殺す");
    }
}
