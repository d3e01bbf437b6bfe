//! The thesaurus of same-purpose comparison: words that ask for the same thing in other words
//! (返して / 払い戻し / 返還 / 返金, 謝れ / お詫び, 上司 / 課長 / 責任者) become one word of the
//! comparison view ([`crate::normalize::similarity_view`]), and the words of a letter's frame
//! (件, 先日, 連絡, 確認, 至急, お願い) are left out of it.
//!
//! Why: one sender rewords one demand with other verbs and nouns, and character n-grams of the
//! words only see the words. Turning each group into one word makes the rewordings share its
//! n-grams; leaving out the frame every complaint is wrapped in makes two different demands of one
//! sender share fewer. The groups are data (`crates/triage/thesaurus/concepts.toml`), compiled in:
//! they change stored signatures, so a change goes with a new signature format
//! ([`crate::minhash`]) and `mailward rebuild`, not with an office's settings.

use crate::normalize;
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use serde::Deserialize;
use std::sync::LazyLock;

/// The built-in thesaurus file.
const CONCEPTS: &str = include_str!("../thesaurus/concepts.toml");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileFormat {
    #[serde(default)]
    concept: Vec<ConceptFormat>,
    #[serde(default)]
    frame: PhraseList,
    #[serde(default)]
    keep: PhraseList,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ConceptFormat {
    word: String,
    phrases: Vec<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct PhraseList {
    phrases: Vec<String>,
}

/// What the view does with a matched phrase.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Action {
    /// Written as the concept's word (an index into [`Thesaurus::word`]).
    Word(u16),
    /// Left out: a word of the letter's frame.
    Frame,
    /// Left as written: a longer word that only contains a phrase of a concept.
    Keep,
}

/// One matched phrase in folded text: byte range and what to do with it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Span {
    pub start: usize,
    pub end: usize,
    pub action: Action,
}

/// Per pattern: its action, and whether it must start and end at a Latin word boundary.
#[derive(Clone, Copy, Debug)]
struct Pattern {
    action: Action,
    latin_start: bool,
    latin_end: bool,
}

/// The compiled thesaurus: one leftmost-longest Aho-Corasick matcher over folded text.
#[derive(Debug)]
pub(crate) struct Thesaurus {
    matcher: AhoCorasick,
    patterns: Vec<Pattern>,
    words: Vec<String>,
}

/// The built-in thesaurus, compiled once per process. The file is part of the source and a test
/// compiles it, so a broken file is a build-time failure, never one at ingest.
pub(crate) fn builtin() -> &'static Thesaurus {
    static BUILT: LazyLock<Thesaurus> = LazyLock::new(|| {
        Thesaurus::parse(CONCEPTS).unwrap_or_else(|e| panic!("thesaurus/concepts.toml: {e}"))
    });
    &BUILT
}

fn latin(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_ascii_alphanumeric())
}

impl Thesaurus {
    /// Compiles a thesaurus file; every phrase is folded like mail text. The first table that
    /// names a phrase decides it (concepts, then frame, then keep).
    fn parse(text: &str) -> Result<Thesaurus, String> {
        let file: FileFormat = toml::from_str(text).map_err(|e| e.to_string())?;
        let mut words = Vec::new();
        let mut raw: Vec<(String, Action)> = Vec::new();
        for c in &file.concept {
            let id = u16::try_from(words.len()).map_err(|_| "too many concepts".to_string())?;
            let word = normalize::for_matching(&c.word, usize::MAX).text;
            if word.is_empty() || word.chars().any(|c| c.is_whitespace()) {
                return Err(format!("concept word {:?} must be one word", c.word));
            }
            words.push(word);
            raw.extend(c.phrases.iter().map(|p| (p.clone(), Action::Word(id))));
        }
        raw.extend(
            file.frame
                .phrases
                .iter()
                .map(|p| (p.clone(), Action::Frame)),
        );
        raw.extend(file.keep.phrases.iter().map(|p| (p.clone(), Action::Keep)));
        let mut seen = std::collections::HashSet::new();
        let (mut folded, mut patterns) = (Vec::new(), Vec::new());
        for (phrase, action) in raw {
            let (body, prefix) = match phrase.strip_suffix('*') {
                Some(b) => (b, true),
                None => (phrase.as_str(), false),
            };
            let f = normalize::for_matching(body, usize::MAX).text;
            if f.is_empty() || f.contains(normalize::SENTENCE_END) {
                return Err(format!(
                    "phrase {phrase:?} folds to nothing or to two sentences"
                ));
            }
            if !seen.insert(f.clone()) {
                continue;
            }
            patterns.push(Pattern {
                action,
                latin_start: f.chars().next().is_some_and(|c| c.is_ascii_alphanumeric()),
                latin_end: !prefix && f.chars().last().is_some_and(|c| c.is_ascii_alphanumeric()),
            });
            folded.push(f);
        }
        let matcher = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&folded)
            .map_err(|e| e.to_string())?;
        Ok(Thesaurus {
            matcher,
            patterns,
            words,
        })
    }

    /// The view word of a concept.
    pub(crate) fn word(&self, id: u16) -> &str {
        self.words.get(usize::from(id)).map_or("", String::as_str)
    }

    /// The phrases in `text[from..to]` (folded text), in order, not overlapping; Latin phrases
    /// only as whole words of `text`.
    pub(crate) fn spans(&self, text: &str, from: usize, to: usize, out: &mut Vec<Span>) {
        let Some(part) = text.get(from..to) else {
            return;
        };
        for m in self.matcher.find_iter(part) {
            let Some(p) = self.patterns.get(m.pattern().as_usize()) else {
                continue;
            };
            let (start, end) = (from + m.start(), from + m.end());
            if p.latin_start && latin(text[..start].chars().next_back()) {
                continue;
            }
            if p.latin_end && latin(text[end..].chars().next()) {
                continue;
            }
            out.push(Span {
                start,
                end,
                action: p.action,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actions(text: &str) -> Vec<(String, Action)> {
        let t = builtin();
        let f = normalize::for_matching(text, usize::MAX).text;
        let mut out = Vec::new();
        t.spans(&f, 0, f.len(), &mut out);
        out.into_iter()
            .map(|s| (f[s.start..s.end].to_string(), s.action))
            .collect()
    }

    fn word(text: &str) -> Vec<String> {
        let t = builtin();
        actions(text)
            .into_iter()
            .filter_map(|(_, a)| match a {
                Action::Word(id) => Some(t.word(id).to_string()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_changed_file_needs_a_new_signature_format() {
        // Stored signatures are of views made with this file: when it changes, bump
        // minhash::FORMAT and pin the file's new hash here.
        let fnv = CONCEPTS.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        });
        assert_eq!(
            (crate::minhash::FORMAT, fnv),
            (3, 0xe309_e027_bec1_4e18),
            "{fnv:#x}"
        );
    }

    #[test]
    fn the_builtin_file_compiles() {
        let t = builtin();
        assert!(t.words.len() >= 10, "{}", t.words.len());
        assert!(t.patterns.len() > 300, "{}", t.patterns.len());
    }

    #[test]
    fn rewordings_of_a_refund_become_one_word() {
        for text in [
            "手数料を返してください",
            "払い戻してもらうのが筋だ",
            "費用の返還を求める",
            "返金しろ",
            "300円を戻してもらえないなら",
            "まだ返ってきてないぞ",
            "使用料を還付してください",
            "I want a refund",
            "Give me back my money",
        ] {
            assert!(
                word(text).contains(&"返金".to_string()),
                "{text}: {:?}",
                actions(text)
            );
        }
    }

    #[test]
    fn other_senses_of_the_same_characters_are_kept() {
        for text in [
            "折り返しお電話ください",
            "同じことを繰り返しています",
            "評価を見直してください",
            "税金泥棒",
            "次の金曜日に伺います",
            "工場の金属音がうるさい",
            "子どもの様子",
            "元に戻してください",
        ] {
            assert!(
                !word(text).contains(&"返金".to_string()),
                "{text}: {:?}",
                actions(text)
            );
            assert!(
                !word(text).contains(&"料金".to_string()),
                "{text}: {:?}",
                actions(text)
            );
            assert!(
                !word(text).contains(&"修理".to_string()),
                "{text}: {:?}",
                actions(text)
            );
        }
        assert_eq!(word("折り返しお電話ください"), ["回答"]);
        assert_eq!(word("評価を見直してください"), ["見直"]);
    }

    #[test]
    fn latin_phrases_match_whole_words() {
        assert_eq!(word("refunded"), ["返金"]); // refund* allows endings
        assert!(word("prefix").is_empty());
        assert!(word("fixture").is_empty()); // fix is a whole word only
        assert_eq!(
            actions("thanks a lot")
                .into_iter()
                .map(|(w, _)| w)
                .collect::<Vec<_>>(),
            ["thanks", "a"]
        );
    }

    #[test]
    fn apology_and_manager_wordings() {
        for text in [
            "謝罪を求めます",
            "謝れ",
            "お詫びの連絡をください",
            "土下座しろ",
            "頭ぐらい下げに来い",
        ] {
            assert_eq!(word(text), ["謝罪"], "{text}");
        }
        for text in [
            "上司を出せ",
            "責任者と話をさせろ",
            "課長に直接お願いします",
            "区長に会わせろ",
        ] {
            assert!(word(text).contains(&"上司".to_string()), "{text}");
        }
    }
}
