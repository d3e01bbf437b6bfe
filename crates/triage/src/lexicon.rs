//! Lexicons: the phrases that put a mail in a category, kept in TOML files an administrator can
//! edit (the defaults ship in `crates/triage/lexicons/`; files in the data directory's
//! `lexicons/` folder replace the default of the same name). Phrases are folded exactly like mail
//! text (`normalize`), so one line covers full/half width, kana and spaced-out variants.
//!
//! Benign uses of the same words are handled by context, not by dropping words: an entry may
//! require another phrase in the same sentence (`with`) or be cancelled by one (`unless`), e.g.
//! 火をつける is a threat except beside 花火 or コンロ.
//!
//! File format:
//! ```toml
//! [[entry]]
//! category = "threat"              # threat | abusive | excessive_demand | personal_contact
//! phrases = ["殺す", "ぶっ殺"]       # a trailing * on a Latin phrase allows any word ending
//! with = []                        # optional: one of these must be in the same sentence
//! also = []                        # optional: and one of these too (a deadline beside a
//!                                  # condition and a consequence)
//! unless = ["殺虫"]                 # optional: none of these may be in the same sentence
//! weak = false                     # personal_contact only: counts only when a clerk is named
//! ```
//! A phrase ending in `$` matches only at the end of a sentence (しね$ finds "しね！" but not
//! 少し寝よう); a `with` or `unless` phrase ending in `$` counts only at the sentence's end
//! (ぞ$ finds 遅いぞ！ but not それぞれ).

use crate::flags::Category;
use crate::normalize::{self, Folded, SENTENCE_END};
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use serde::Deserialize;

/// The default lexicons, compiled in so that a fresh data directory works.
pub const DEFAULTS: [(&str, &str); 2] = [
    ("ja.toml", include_str!("../lexicons/ja.toml")),
    ("en.toml", include_str!("../lexicons/en.toml")),
];

/// A lexicon file that cannot be used, named with what is wrong.
#[derive(Debug, thiserror::Error)]
pub enum LexiconError {
    /// The TOML does not parse or has wrong fields.
    #[error("lexicon {file}: {message}")]
    Syntax {
        /// The file's name.
        file: String,
        /// The parser's message.
        message: String,
    },
    /// A category id that does not exist.
    #[error(
        "lexicon {file}: unknown category {category:?} (use threat, abusive, excessive_demand or personal_contact)"
    )]
    Category {
        /// The file's name.
        file: String,
        /// The id as written.
        category: String,
    },
    /// The matcher could not be built.
    #[error("lexicon: {0}")]
    Build(String),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileFormat {
    #[serde(default)]
    entry: Vec<EntryFormat>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EntryFormat {
    category: String,
    phrases: Vec<String>,
    #[serde(default)]
    with: Vec<String>,
    #[serde(default)]
    also: Vec<String>,
    #[serde(default)]
    unless: Vec<String>,
    #[serde(default)]
    weak: bool,
}

#[derive(Debug)]
struct Entry {
    category: Category,
    with: Contexts,
    also: Contexts,
    unless: Contexts,
    weak: bool,
}

/// The `with`, `also` or `unless` phrases of an entry: anywhere in the sentence (one automaton,
/// one pass over the sentence however long the list), or, written with a trailing `$`, at its
/// end, for the sentence-final particles that carry a threat's tone (遅いぞ, 知らんからな) and
/// would match inside other words anywhere else (ぞ in それぞれ).
#[derive(Debug, Default)]
struct Contexts {
    anywhere: Option<AhoCorasick>,
    at_end: Vec<String>,
}

impl Contexts {
    fn parse(phrases: &[String]) -> Result<Contexts, LexiconError> {
        let mut anywhere = Vec::new();
        let mut at_end = Vec::new();
        for phrase in phrases {
            let folded = fold_phrase(phrase.trim_end_matches('$'));
            if folded.is_empty() {
                continue;
            }
            if phrase.ends_with('$') {
                at_end.push(folded);
            } else {
                anywhere.push(folded);
            }
        }
        let anywhere = if anywhere.is_empty() {
            None
        } else {
            // A contiguous NFA: quick to build for a few hundred lists, and a sentence is short.
            let built = AhoCorasick::builder()
                .kind(Some(AhoCorasickKind::ContiguousNFA))
                .build(&anywhere);
            Some(built.map_err(|e| LexiconError::Build(e.to_string()))?)
        };
        Ok(Contexts { anywhere, at_end })
    }

    fn is_empty(&self) -> bool {
        self.anywhere.is_none() && self.at_end.is_empty()
    }

    /// Whether one of the phrases is in the sentence (at its end, for those written so).
    fn in_sentence(&self, sentence: &str) -> bool {
        let end = sentence.trim_end();
        self.at_end.iter().any(|p| end.ends_with(p.as_str()))
            || self.anywhere.as_ref().is_some_and(|a| a.is_match(sentence))
    }
}

#[derive(Debug)]
struct Pattern {
    entry: usize,
    /// The phrase as the lexicon writes it (shown as `phrase` in evidence).
    phrase: String,
    /// Latin phrases match whole words only; a trailing * lifts that at the end.
    word_start: bool,
    word_end: bool,
    /// Written with a trailing `$`: only at the end of a sentence.
    at_end: bool,
    /// Written in katakana (バカ, デート): matches only katakana of the mail (full or half width,
    /// spaced out or not), since folded to hiragana it would meet other words (でと in 電話で
    /// とても, はげ in はげまし).
    katakana: bool,
}

/// Whether a phrase as written is katakana only (and long-vowel marks).
fn is_katakana(phrase: &str) -> bool {
    !phrase.is_empty() && phrase.chars().all(normalize::katakana)
}

/// Whether original text holds no hiragana: a match there came from katakana (or Latin, digits,
/// symbols), not from a hiragana word.
fn without_hiragana(original: &str) -> bool {
    !original
        .chars()
        .any(|c| matches!(c, '\u{3041}'..='\u{3096}'))
}

/// A compiled set of lexicon files.
#[derive(Debug)]
pub struct Lexicon {
    entries: Vec<Entry>,
    patterns: Vec<Pattern>,
    matcher: AhoCorasick,
}

/// One phrase found in a mail.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    /// The category it puts the mail in.
    pub category: Category,
    /// The lexicon phrase that matched.
    pub phrase: String,
    /// Byte range of the match in the folded text.
    pub range: (usize, usize),
    /// Byte range of its sentence in the folded text.
    pub sentence: (usize, usize),
    /// Personal-contact phrase that counts only when a clerk is named.
    pub weak: bool,
}

fn fold_phrase(p: &str) -> String {
    normalize::for_matching(p, usize::MAX)
        .text
        .trim_matches(|c| c == SENTENCE_END || c == ' ')
        .to_string()
}

impl Lexicon {
    /// Compiles lexicon files given as (name, TOML text).
    pub fn from_files<'a>(
        files: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Lexicon, LexiconError> {
        let mut entries = Vec::new();
        let mut patterns = Vec::new();
        let mut folded = Vec::new();
        for (file, text) in files {
            let parsed: FileFormat = toml::from_str(text).map_err(|e| LexiconError::Syntax {
                file: file.to_string(),
                message: e.to_string(),
            })?;
            for e in parsed.entry {
                let category =
                    Category::from_id(&e.category).ok_or_else(|| LexiconError::Category {
                        file: file.to_string(),
                        category: e.category.clone(),
                    })?;
                let index = entries.len();
                entries.push(Entry {
                    category,
                    with: Contexts::parse(&e.with)?,
                    also: Contexts::parse(&e.also)?,
                    unless: Contexts::parse(&e.unless)?,
                    weak: e.weak,
                });
                for phrase in e.phrases {
                    let at_end = phrase.ends_with('$');
                    let bare = phrase.trim_end_matches('$');
                    let open_end = bare.ends_with('*');
                    let body = fold_phrase(bare.trim_end_matches('*'));
                    if body.is_empty() {
                        continue;
                    }
                    let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
                    patterns.push(Pattern {
                        entry: index,
                        word_start: latin(body.chars().next()),
                        word_end: latin(body.chars().last()) && !open_end,
                        at_end,
                        katakana: is_katakana(bare.trim_end_matches('*')),
                        phrase: bare.to_string(),
                    });
                    folded.push(body);
                }
            }
        }
        // A full DFA: a few hundred phrases make a table of a few MB, and every byte of every
        // mail goes through it, so the fastest search is worth it. Standard semantics, searched
        // for overlapping matches: every phrase is tried where it occurs, so one that fails its
        // context (ころす beside ところす, しね$ inside a sentence) does not hide another phrase
        // at the same place; hits inside a longer accepted hit are dropped afterwards.
        let matcher = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&folded)
            .map_err(|e| LexiconError::Build(e.to_string()))?;
        Ok(Lexicon {
            entries,
            patterns,
            matcher,
        })
    }

    /// The compiled-in defaults.
    pub fn defaults() -> Lexicon {
        // The defaults are tested to compile (see the tests below); an error here is a build bug.
        Lexicon::from_files(DEFAULTS).unwrap_or_else(|e| panic!("default lexicons: {e}"))
    }

    /// How many phrases are loaded.
    pub fn len(&self) -> usize {
        self.patterns.len()
    }

    /// Whether no phrase is loaded.
    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    /// Every phrase hit in folded text, with benign contexts already removed. `original` is the
    /// text that was folded (a katakana phrase must match katakana there).
    pub fn scan(&self, folded: &Folded, original: &str) -> Vec<Hit> {
        let text = folded.text.as_str();
        let bytes = text.as_bytes();
        let mut hits: Vec<Hit> = Vec::new();
        for m in self.matcher.find_overlapping_iter(text) {
            let p = &self.patterns[m.pattern().as_usize()];
            let before = text[..m.start()].chars().next_back();
            let after = text[m.end()..].chars().next();
            let alnum = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
            if (p.word_start && alnum(before)) || (p.word_end && alnum(after)) {
                continue;
            }
            if p.at_end && after.is_some_and(|c| c != SENTENCE_END && c != ' ') {
                continue;
            }
            if p.katakana {
                let (a, b) = folded.original_range(m.start(), m.end());
                if !original.get(a..b).is_some_and(without_hiragana) {
                    continue;
                }
            }
            let start = bytes[..m.start()]
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |i| i + 1);
            let end = bytes[m.end()..]
                .iter()
                .position(|&b| b == b'\n')
                .map_or(text.len(), |i| m.end() + i);
            let sentence = &text[start..end];
            let entry = &self.entries[p.entry];
            let needs = |list: &Contexts| list.is_empty() || list.in_sentence(sentence);
            if !needs(&entry.with) || !needs(&entry.also) || entry.unless.in_sentence(sentence) {
                continue;
            }
            hits.push(Hit {
                category: entry.category,
                phrase: p.phrase.clone(),
                range: (m.start(), m.end()),
                sentence: (start, end),
                weak: entry.weak,
            });
        }
        // One piece of text is one piece of evidence per category: a hit lying inside a longer
        // hit of the same category (殺す in ぶっ殺す) is dropped. Sorted by start, longest first,
        // one sweep per category finds them: the furthest end reached so far (and the earliest
        // start reaching it) covers a hit exactly when it is a longer hit around it.
        hits.sort_by_key(|h| (h.range.0, std::cmp::Reverse(h.range.1)));
        // (A weak hit never hides a strong one: they are swept apart.)
        let mut reach: Vec<((Category, bool), usize, usize)> = Vec::new();
        hits.retain(|h| {
            let (start, end) = h.range;
            let key = (h.category, h.weak);
            match reach.iter_mut().find(|r| r.0 == key) {
                None => {
                    reach.push((key, end, start));
                    true
                }
                Some(r) => {
                    let covered = r.1 > end || (r.1 == end && r.2 < start);
                    if end > r.1 {
                        *r = (key, end, start);
                    }
                    !covered
                }
            }
        });
        hits
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cats(lex: &Lexicon, text: &str) -> Vec<Category> {
        let mut c: Vec<_> = lex
            .scan(&normalize::for_matching(text, usize::MAX), text)
            .into_iter()
            .filter(|h| !h.weak)
            .map(|h| h.category)
            .collect();
        c.sort();
        c.dedup();
        c
    }

    #[test]
    fn defaults_compile() {
        assert!(Lexicon::defaults().len() > 100);
    }

    /// A phrase that its own entry's `unless` cancels can never match (刺されたくなければ under
    /// an `unless` of された): every phrase of the defaults, written alone as a sentence, must be
    /// a hit of its entry, unless the entry needs a `with` or the phrase is a Latin word
    /// fragment.
    #[test]
    fn no_default_phrase_is_cancelled_by_its_own_entry() {
        let lex = Lexicon::defaults();
        let mut dead = Vec::new();
        for p in &lex.patterns {
            let entry = &lex.entries[p.entry];
            if !entry.with.is_empty() || !entry.also.is_empty() {
                continue;
            }
            let folded = normalize::for_matching(&p.phrase, usize::MAX);
            let hit = lex
                .scan(&folded, &p.phrase)
                .iter()
                .any(|h| h.category == entry.category);
            if !hit {
                dead.push(p.phrase.clone());
            }
        }
        assert!(dead.is_empty(), "phrases that never match: {dead:?}");
    }

    /// A phrase that holds its own entry's contexts needs nothing beside it, and the entry's
    /// caution is lost (領収書のコピー with 領収書 matched 領収書のコピーでもよいですか; 期限は本日
    /// with 本日 matched 提出期限は本日です): such a phrase belongs in an entry without contexts,
    /// where that is meant, or the context must say more.
    #[test]
    fn no_default_context_is_inside_its_phrase() {
        let lex = Lexicon::defaults();
        let mut vacuous = Vec::new();
        for p in &lex.patterns {
            let entry = &lex.entries[p.entry];
            if entry.with.is_empty() && entry.also.is_empty() {
                continue;
            }
            let folded = fold_phrase(p.phrase.trim_end_matches('*'));
            let met = |list: &Contexts| list.is_empty() || list.in_sentence(&folded);
            if met(&entry.with) && met(&entry.also) {
                vacuous.push(p.phrase.clone());
            }
        }
        assert!(
            vacuous.is_empty(),
            "phrases that hold their own context: {vacuous:?}"
        );
    }

    /// A phrase of hiragana loses its long vowels in folding (むのう folds to むの), and two
    /// hiragana meet inside any other word: システムの holds むの. Such a phrase needs one more
    /// character, `$` to sit at the sentence end, or a `with` context; katakana phrases match
    /// katakana only and are safe.
    #[test]
    fn no_default_phrase_folds_to_two_kana() {
        let lex = Lexicon::defaults();
        let short: Vec<&str> = lex
            .patterns
            .iter()
            .filter(|p| !p.at_end && !p.katakana && lex.entries[p.entry].with.is_empty())
            .map(|p| p.phrase.as_str())
            .filter(|p| {
                let body = fold_phrase(p.trim_end_matches('*'));
                body.chars().all(|c| matches!(c, '\u{3041}'..='\u{3096}'))
                    && body.chars().count() <= 2
            })
            .collect();
        assert!(short.is_empty(), "phrases of two kana or fewer: {short:?}");
    }

    #[test]
    fn obfuscated_hits_and_benign_uses() {
        let lex = Lexicon::defaults();
        for text in [
            "税金泥棒!",
            "税 金 泥 棒",
            "ｾﾞｲｷﾝﾄﾞﾛﾎﾞｰ",
            "ゼイキンドロボウめ",
            "辞めちまえ",
        ] {
            assert_eq!(cats(&lex, text), vec![Category::Abusive], "{text}");
        }
        for text in [
            "殺すぞ",
            "家族がどうなっても知らないぞ",
            "庁舎に火をつけてやる",
        ] {
            assert_eq!(cats(&lex, text), vec![Category::Threat], "{text}");
        }
        for text in [
            "警察に相談したいのですが、窓口はどこですか。",
            "問い合わせが殺到しているようですね。",
            "先日、泥棒に入られました。",
            "弁護士に相談する予定です。",
            "花火に火をつけるときの注意を教えてください。",
            "殺虫剤の散布はいつですか",
        ] {
            assert!(
                cats(&lex, text).is_empty(),
                "{text}: {:?}",
                cats(&lex, text)
            );
        }
    }

    #[test]
    fn broader_wordings_hit() {
        let lex = Lexicon::defaults();
        let expect = |cat: Category, texts: &[&str]| {
            for text in texts {
                assert!(
                    cats(&lex, text).contains(&cat),
                    "{text}: {:?}",
                    cats(&lex, text)
                );
            }
        };
        expect(
            Category::Threat,
            &[
                "お前なんか殺したるわ",
                "しばいたるからな",
                "首を洗って待っとけ",
                "月夜ばかりと思うなよ",
                "命の保障はないと思え",
                "家族がどうなるか分かってるのか",
                "お前の家はもう調べてあるからな",
                "ネットで晒してやる",
                "人生めちゃくちゃにしてやる",
                "ガソリンを持って行くからな",
                "包丁を持っていくぞ",
                "窓ガラスを割ってやる",
                "昨日のメールは脅しじゃないぞ",
                "せいぜい夜道に気をつけろよ",
                "korosu zo",
                "I will find you, you won't see it coming",
                "うちの若い衆を行かせるからな",
                "次に会ったらぶっ飛ばすぞ",
                "東京湾に沈めてやろうか",
                "五体満足でいられると思うなよ",
                "帰りに事故に遭わないといいですね",
                "その庁舎、よく燃えそうだな",
                "お前のこと職場にばらしてやる",
                "あの窓口の女、潰してやる",
                "車で突っ込んでやるからな",
                "灯油を持っていくからな",
                "お前の娘、誘拐してやる",
                "I'll break your legs",
            ],
        );
        expect(
            Category::Abusive,
            &[
                "無能職員ども",
                "ポンコツ役所め",
                "お前らは虫以下だ",
                "猿でもわかることだろう",
                "公務員失格",
                "タヒね",
                "くたばっちまえ",
                "窓口のあのババア、何様だ",
                "こいつらはクズだ",
                "You worthless bureaucrats.",
                "bunch of clowns",
            ],
        );
        expect(
            Category::ExcessiveDemand,
            &[
                "今すぐ集積所を移動しろ",
                "今週中に振り込め",
                "さっさと直せ",
                "上司を呼べ",
                "お前じゃ話にならない",
                "頭を下げに来い",
                "本日中に回答がない場合は、毎日同じメールを送ります",
                "区長室に乗り込むぞ",
                "毎日電話してやる",
                "今日中に返事をすること。回答がなければマスコミに流すからな",
                "I expect a full written apology",
            ],
        );
        expect(
            Category::PersonalContact,
            &[
                "個人的に連絡を取りたいです",
                "今度お茶しませんか。お茶しましょう",
                "区役所の前で待ってるね",
                "連絡先を交換しませんか",
                "あなたのことが好きです",
                "あなたとお話がしたいだけです",
                "What's your personal phone number?",
                "I can't stop thinking about you",
            ],
        );
    }

    #[test]
    fn veiled_masked_and_passive_threats_hit() {
        let lex = Lexicon::defaults();
        for text in [
            "生活保護課の田中、○す。",
            "今度会ったら、ぶっ◯ろす。",
            "課長を殺.害する予定です",
            "刺されたくなければ今日中に連絡しろ。",
            "夜中に放火されても文句言うなよ。",
            "帰り道、気ぃつけろよ。",
            "夜遅くまでご苦労さん。帰り、後ろに気をつけな。",
            "家族に何かあってからじゃ遅いぞ。",
            "兄貴は俺みたいに甘くないぞ。",
            "拳銃なんて今どきネットで手に入るんだぞ。",
        ] {
            assert!(cats(&lex, text).contains(&Category::Threat), "{text}");
        }
        for text in [
            "職員の皆さん、遅くまでお疲れ様です。帰り道、気をつけてお帰りください。",
            "気ぃつけて帰りや、遅うまでご苦労さん。",
            "母に何かあってからでは遅いので、早く介護認定をお願いします。",
            "夜、駅からの帰り道が暗くて怖いです。街灯を増やしてください。",
            "ネットで私の名前が晒されています。削除の相談はどこでできますか。",
            "猟友会の拳銃の所持許可について教えてください。",
        ] {
            assert!(!cats(&lex, text).contains(&Category::Threat), "{text}");
        }
        // A placeholder of two masks is not a masked word.
        assert!(cats(&lex, "会場は〇〇ね。").is_empty());
        assert!(cats(&lex, "〇〇駅で〇〇しに行きます").is_empty());
    }

    #[test]
    fn broader_wordings_leave_benign_uses_alone() {
        let lex = Lexicon::defaults();
        for text in [
            // threat words in ordinary use or in a victim's report
            "夜道に気をつけてください。街灯が少ない地域です。",
            "帰り道に気をつけてね、と子供に言いました。",
            "このまま放置すると何が起きても知りませんよ、倒れそうな木です。",
            "料理教室に包丁を持っていくのは必要ですか。",
            "少年野球の練習に金属バットを持っていきます。",
            "ネットで晒されて困っています。相談したいです。",
            "家族がどうなるか心配です。",
            "冬に備えて灯油を準備しています。",
            "冬道です。事故に遭わないといいですね、安全運転でお願いします。",
            "枯れ草がよく燃えそうで、防災の観点から心配です。",
            "息子が事故にあわないといいのですが、通学路の信号を増やしてください。",
            "ぶっ飛ばす勢いで走る車がいて危ないです。注意してください。",
            "灯油を持っていくのでストーブの給油をお願いします。",
            "子どもが誘拐される事件があったと聞き、通学路が心配です。",
            "工作の授業でハンマーを持っていきます。",
            "台風で家族に何かあっても連絡がつくようにしたいです。",
            "車のナンバーは控えてあります。違法駐車です。",
            "住所を知っている方がいれば教えてください。",
            "息子の学校の手続きについて教えてください。",
            "I will visit your home office next week.",
            // insult words in ordinary use
            "ゴミ行政について意見があります。",
            "ゴミ担当者の方に連絡したいです。",
            "燃えるゴミの日はいつですか。",
            "バカンスの時期の窓口は混みますか。",
            "職員の方はいまだに対応してくださっていません。",
            "職員の方が丁寧に説明してくださいました。",
            "そうしたわけではありません。",
            "春日部から引っ越してきました。",
            "ごまかすつもりはありません。",
            "激しい雨で道路が冠水しています。",
            "This voucher is worthless now, can you help?",
            // demands in polite or ordinary form
            "今日中にご連絡いただけますか。",
            "早く直していただけると助かります。",
            "むしろ今すぐ手続きしたいのですが。",
            "いずれにせよ早く申請を出せるようにしたいです。",
            "本日中に書類を出せますか。",
            "明日中に必ず返信します。",
            "連絡がない場合はこちらからお電話します。",
            "Is the deadline 3 pm today, or 5 pm?",
            "I can't come right now, sorry.",
            // personal contact words in ordinary use
            "窓口の前で待っていたのに呼ばれませんでした。",
            "駅で待っていてください、とタクシー会社に言われました。",
            "書類を家まで送ってもらえますか。",
            "毎日ホームページを見ています。",
            "家の近くの公園のベンチが壊れています。",
            "あなたたちの対応にはがっかりです。",
            "Which station is closest to the ward office?",
            "You are next in line.",
        ] {
            assert!(
                cats(&lex, text).is_empty(),
                "{text}: {:?}",
                cats(&lex, text)
            );
        }
    }

    #[test]
    fn a_phrase_failing_its_context_does_not_hide_another() {
        // ころす is cancelled beside ところす; ぶっころす at the same place still counts, and
        // the shorter phrase inside the longer one is not a second piece of evidence.
        let lex = Lexicon::defaults();
        let hits = lex.scan(
            &normalize::for_matching("ぶっころすぞ", usize::MAX),
            "ぶっころすぞ",
        );
        assert!(!hits.is_empty());
        assert!(hits.iter().all(|h| h.category == Category::Threat));
        assert!(hits.iter().all(|h| h.phrase != "ころす"), "{hits:?}");
        let lex = Lexicon::from_files([(
            "t.toml",
            "[[entry]]\ncategory = \"threat\"\nphrases = [\"燃やすぞ\"]\nunless = [\"花火\"]\n\
             [[entry]]\ncategory = \"abusive\"\nphrases = [\"燃やす\"]\n",
        )])
        .unwrap();
        assert_eq!(cats(&lex, "花火を燃やすぞ"), vec![Category::Abusive]);
    }

    #[test]
    fn context_at_the_sentence_end_and_a_second_context() {
        let lex = Lexicon::from_files([(
            "t.toml",
            "[[entry]]\ncategory = \"threat\"\nphrases = [\"何かあって\"]\nwith = [\"ぞ$\"]\n\
             [[entry]]\ncategory = \"excessive_demand\"\nphrases = [\"なければ\"]\n\
             with = [\"毎日\"]\nalso = [\"今日中\"]\nunless = [\"ですか$\"]\n",
        )])
        .unwrap();
        assert_eq!(
            cats(&lex, "家族に何かあってからじゃ遅いぞ！"),
            vec![Category::Threat]
        );
        // ぞ inside a word, or not at the end, is not the ending.
        assert!(cats(&lex, "何かあってもそれぞれ対応します").is_empty());
        assert!(cats(&lex, "何かあってからでは遅いぞという声もあります").is_empty());
        assert_eq!(
            cats(&lex, "今日中に返事がなければ毎日通います"),
            vec![Category::ExcessiveDemand]
        );
        // Both contexts are needed, and a trailing unless cancels only at the end.
        assert!(cats(&lex, "返事がなければ毎日通います").is_empty());
        assert!(cats(&lex, "今日中に返事がなければ来週伺います").is_empty());
        assert!(cats(&lex, "今日中に返事がなければ毎日通うべきですか").is_empty());
    }

    #[test]
    fn latin_words_match_whole_words() {
        let lex = Lexicon::from_files([(
            "t.toml",
            "[[entry]]\ncategory = \"threat\"\nphrases = [\"kill you\", \"idiot*\"]\n",
        )])
        .unwrap();
        assert_eq!(cats(&lex, "I will KILL YOU"), vec![Category::Threat]);
        assert!(cats(&lex, "what a skill you have").is_empty());
        assert_eq!(cats(&lex, "idiots"), vec![Category::Threat]);
    }

    #[test]
    fn bad_files_are_named() {
        let e = Lexicon::from_files([("x.toml", "[[entry]]\ncategory = \"rude\"\nphrases=[]")])
            .unwrap_err();
        assert!(e.to_string().contains("x.toml") && e.to_string().contains("rude"));
        let e = Lexicon::from_files([("y.toml", "[[entry]\n")]).unwrap_err();
        assert!(e.to_string().contains("y.toml"));
    }
}
