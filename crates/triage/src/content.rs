//! What one mail's own words show: the categories it falls in, each with the phrases that put it
//! there (as the lexicon writes them and as the mail wrote them), and for personal contact the
//! clerks it targets and whether it names a time (a time-bound risk to a person).

use crate::flags::Category;
use crate::lexicon::{Hit, Lexicon};
use crate::model;
use crate::normalize::{self, Folded, SENTENCE_END};
use crate::text;
use aho_corasick::{AhoCorasick, MatchKind};
use serde::{Deserialize, Serialize};
use std::sync::LazyLock;

/// How much of a mail's text is read: enough for any real letter; a megabyte of filler is not
/// read to the end.
pub const TEXT_LIMIT: usize = 256 << 10;
/// Phrases kept as evidence per category and mail.
const MAX_MATCHES: usize = 12;
/// Characters of a sentence kept as context.
const CONTEXT_CHARS: usize = 100;

/// A clerk of the staff directory (config), so that personal contact can name whom it targets.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StaffMember {
    /// Full name as written, family name first, parts separated by a space ("山田 花子").
    pub name: String,
    /// Reading in kana, parts separated by a space ("やまだ はなこ").
    #[serde(default)]
    pub reading: Option<String>,
    /// Other ways people refer to the clerk (nicknames, a romanised name).
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// The compiled staff directory.
#[derive(Debug, Default)]
pub struct StaffDirectory {
    names: Vec<String>,
    matcher: Option<AhoCorasick>,
    /// Per pattern: whose it is and whether it needs an honorific after it (name parts and
    /// readings do: はな alone is in はなし).
    owners: Vec<(usize, bool)>,
}

/// What follows a bare family or given name when it means the clerk (山田さん, 山田へ).
const HONORIFICS: [&str; 10] = [
    "さん",
    "様",
    "さま",
    "ちゃん",
    "くん",
    "君",
    "氏",
    "殿",
    "先生",
    "へ",
];

impl StaffDirectory {
    /// Compiles the directory.
    pub fn new(people: &[StaffMember]) -> StaffDirectory {
        let fold = |s: &str| {
            normalize::for_matching(s, usize::MAX)
                .text
                .replace([' ', SENTENCE_END], "")
        };
        let mut patterns = Vec::new();
        let mut owners = Vec::new();
        for (i, p) in people.iter().enumerate() {
            let mut add = |s: &str, needs_honorific: bool| {
                let f = fold(s);
                let mut chars = f.chars();
                match (chars.next(), chars.next()) {
                    (Some(_), Some(_)) => {
                        patterns.push(f);
                        owners.push((i, needs_honorific));
                    }
                    // A given name of one kanji (彩, 涼) is a name only with a personal honorific
                    // after it (彩さん, 涼くん): alone it is part of other words.
                    (Some(c), None) if normalize::ideograph(c) => {
                        patterns.push(f);
                        owners.push((i, true));
                    }
                    _ => {}
                }
            };
            add(&p.name, false);
            for a in &p.aliases {
                add(a, a.chars().count() < 3);
            }
            let parts = p.name.split_whitespace().collect::<Vec<_>>();
            if parts.len() > 1 {
                parts.iter().for_each(|part| add(part, true));
            }
            if let Some(r) = &p.reading {
                add(r, false);
                r.split_whitespace().for_each(|part| add(part, true));
            }
        }
        let matcher = (!patterns.is_empty())
            .then(|| {
                AhoCorasick::builder()
                    .match_kind(MatchKind::LeftmostLongest)
                    .build(&patterns)
                    .ok()
            })
            .flatten();
        StaffDirectory {
            names: people.iter().map(|p| p.name.clone()).collect(),
            matcher,
            owners,
        }
    }

    /// The clerks named in folded text, by name, in directory order.
    fn named_in(&self, folded: &str) -> Vec<String> {
        let Some(matcher) = &self.matcher else {
            return Vec::new();
        };
        let mut found = vec![false; self.names.len()];
        for m in matcher.find_iter(folded) {
            let (who, needs_honorific) = self.owners[m.pattern().as_usize()];
            let rest = &folded[m.end()..];
            if needs_honorific && !HONORIFICS.iter().any(|h| rest.starts_with(h)) {
                continue;
            }
            // One kanji before へ is mostly a direction or a place (東へ), not a person.
            if m.end() - m.start() <= 4 && rest.starts_with('へ') {
                continue;
            }
            // One kanji must not be the end of a longer word (皆さん, お客様: 客 is no name).
            if m.end() - m.start() <= 4
                && folded[..m.start()]
                    .chars()
                    .next_back()
                    .is_some_and(|c| normalize::ideograph(c) || c == 'お' || c == 'ご')
            {
                continue;
            }
            found[who] = true;
        }
        self.names
            .iter()
            .zip(found)
            .filter(|(_, f)| *f)
            .map(|(n, _)| n.clone())
            .collect()
    }
}

/// One phrase found, as evidence.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Matched {
    /// The lexicon phrase.
    pub phrase: String,
    /// The mail's own words that matched (obfuscation and all).
    pub text: String,
    /// The sentence around it, shortened.
    pub context: String,
}

/// One category a mail falls in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryFinding {
    /// The category's stable id.
    pub id: Category,
    /// The phrases that put the mail in it.
    pub matched: Vec<Matched>,
    /// Personal contact: the clerks the mail names.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub targets: Vec<String>,
    /// Personal contact: a matched sentence names a day or hour (明日の18時に…で待っています).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub time_bound: bool,
}

/// How much of the folded own words the comparison view keeps: a demand is short (2 KiB is about
/// 700 Japanese characters), and a long newsletter needs no more to tell it apart. On the import
/// benchmark's 100,000 mails the view's limit decides much of triage's CPU: 27.4 s user time at
/// 16 KiB, 23.7 s at 4 KiB, 22.1 s at 2 KiB, for text that never decides a topic.
pub const SIMILARITY_LIMIT: usize = 2 << 10;

/// One mail read once: findings, own words and their comparison view.
#[derive(Clone, Debug, Default)]
pub struct Reading {
    /// What the words show.
    pub findings: Findings,
    /// The subject (reply prefixes removed), a line break, then the body's own words.
    pub own: String,
    /// The folded own words for same-purpose comparison (`normalize::similarity_view`).
    pub similarity: String,
}

/// Everything the words of one mail show.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Findings {
    /// The categories, most urgent first; empty for an ordinary mail.
    pub categories: Vec<CategoryFinding>,
    /// Whether the mail asks or demands something: a repeated topic is "the same demand again
    /// and again" only if its mails ask for something; a flood of bare insults is abuse and
    /// volume, not a repeated request.
    #[serde(default)]
    pub request: bool,
}

impl Findings {
    /// Whether the mail falls in the category.
    pub fn has(&self, c: Category) -> bool {
        self.categories.iter().any(|f| f.id == c)
    }

    /// Whether any category is threat, abuse or personal contact (what makes a flood hostile).
    pub fn hostile(&self) -> bool {
        self.categories
            .iter()
            .any(|f| f.id != Category::ExcessiveDemand)
    }
}

/// Lexicons plus staff directory: everything needed to read one mail.
#[derive(Debug)]
pub struct Analyzer {
    lexicon: Lexicon,
    staff: StaffDirectory,
    /// The threat model's threshold; 0: off.
    threat_model: f64,
}

fn names_a_time(sentence: &str) -> bool {
    const WORDS: [&str; 10] = [
        "明日",
        "あした",
        "今日",
        "今夜",
        "今晩",
        "今度の",
        "tonight",
        "tomorrow",
        "today",
        "o'clock",
    ];
    let chars: Vec<char> = sentence.chars().collect();
    chars
        .windows(2)
        .any(|w| w[0].is_ascii_digit() && matches!(w[1], '時' | 'じ' | '日'))
        || WORDS.iter().any(|w| sentence.contains(w))
        || sentence.contains(" pm")
        || sentence.contains(" am")
}

fn shorten(s: &str, chars: usize) -> String {
    let s = s.trim();
    match s.char_indices().nth(chars) {
        Some((at, _)) => format!("{}…", &s[..at]),
        None => s.to_string(),
    }
}

impl Analyzer {
    /// An analyzer over a compiled lexicon and staff directory.
    pub fn new(lexicon: Lexicon, staff: &[StaffMember]) -> Analyzer {
        Analyzer {
            lexicon,
            staff: StaffDirectory::new(staff),
            threat_model: model::THRESHOLD,
        }
    }

    /// The same analyzer with the threat model's threshold set (`[triage] threat_model`); 0
    /// turns the model off, so that only lexicon phrases flag threats.
    pub fn with_threat_model(mut self, threshold: f64) -> Analyzer {
        self.threat_model = threshold;
        self
    }

    /// Reads one mail: subject (reply prefixes removed) and body (quotes and signature removed).
    pub fn analyse(&self, subject: Option<&str>, body: &str) -> Findings {
        self.read(subject, body).findings
    }

    /// [`Analyzer::analyse`], also returning the mail's own words (subject first) and their
    /// comparison view for same-purpose topics, so that the text is cut and folded once.
    pub fn read(&self, subject: Option<&str>, body: &str) -> Reading {
        let mut own = String::new();
        if let Some(s) = subject {
            own.push_str(text::bare_subject(s));
            own.push('\n');
        }
        own.push_str(&text::own_words(body));
        let folded = normalize::for_matching(&own, TEXT_LIMIT);
        let similarity = normalize::similarity_view(&folded, &own, SIMILARITY_LIMIT);
        let findings = self.findings(&own, &folded);
        Reading {
            findings,
            own,
            similarity,
        }
    }

    fn findings(&self, own: &str, folded: &Folded) -> Findings {
        let hits: Vec<Hit> = self
            .lexicon
            .scan(folded, own)
            .into_iter()
            .filter(|h| {
                let (a, b) = folded.original_range(h.range.0, h.range.1);
                // Words in quotation brackets followed by と are someone else's; without
                // brackets only threats and insults count as reported, since a demand restated
                // ("回答しろと言われても") is still the writer's demand.
                let reportable = matches!(h.category, Category::Threat | Category::Abusive);
                let reported =
                    reported_speech(own, a, b) || (reportable && quoted_without_brackets(own, b));
                !reported
            })
            .collect();
        let abusive = hits.iter().any(|h| h.category == Category::Abusive);
        let request = asks_something(own, &folded.text, abusive);
        // The learned second opinion, only where no threat phrase was found.
        let modelled =
            if self.threat_model <= 0.0 || hits.iter().any(|h| h.category == Category::Threat) {
                None
            } else {
                model_threat(own, folded, self.threat_model)
            };
        if hits.is_empty() && modelled.is_none() {
            return Findings {
                categories: Vec::new(),
                request,
            };
        }
        let targets = self.staff.named_in(&folded.text);
        // A weak phrase needs one clerk in view: named, or (looked for only then) described.
        let one_clerk = !targets.is_empty()
            || (hits.iter().any(|h| h.weak) && describes_one_clerk(&folded.text));
        let mut categories = Vec::new();
        if let Some(m) = modelled {
            categories.push(CategoryFinding {
                id: Category::Threat,
                matched: vec![m],
                targets: Vec::new(),
                time_bound: false,
            });
        }
        for category in Category::ALL {
            let mine: Vec<&Hit> = hits
                .iter()
                .filter(|h| h.category == category && (!h.weak || one_clerk))
                .collect();
            if mine.is_empty() {
                continue;
            }
            let mut matched: Vec<Matched> = Vec::new();
            let mut time_bound = false;
            for h in &mine {
                let m = evidence(own, folded, h);
                time_bound |= category == Category::PersonalContact
                    && names_a_time(&folded.text[h.sentence.0..h.sentence.1]);
                if matched.len() < MAX_MATCHES
                    && !matched
                        .iter()
                        .any(|x| x.phrase == m.phrase && x.text == m.text)
                {
                    matched.push(m);
                }
            }
            categories.push(CategoryFinding {
                id: category,
                matched,
                targets: if category == Category::PersonalContact {
                    targets.clone()
                } else {
                    Vec::new()
                },
                time_bound,
            });
        }
        Findings {
            categories,
            request,
        }
    }
}

/// Whether the words ask or demand something: a request or demand form, or a question.
///
/// Insults are often phrased as orders and questions (ゴミ役人。仕事しろ。, 自覚があるのか,
/// "Do you even work?"), and a flood of them is abuse and volume, not the same demand again and
/// again (docs/TRIAGE.md). So in a mail with abusive words (`abusive`) a question counts only
/// with an interrogative (いつ返金するのか, "When will you answer?"), and the insult-orders of
/// [`NOT_ASKING`] never count.
fn asks_something(original: &str, folded: &str, abusive: bool) -> bool {
    const MARKERS: [&str; 45] = [
        "ください",
        "下さい",
        "いただきたい",
        "頂きたい",
        "いただけます",
        "頂けます",
        "もらいたい",
        "貰いたい",
        "べきだ",
        "べきです",
        "べきでは",
        "要望",
        "善処",
        "至急",
        "早急に",
        "直ちに",
        "ただちに",
        "即刻",
        "速やかに",
        "i expect",
        "てほしい",
        "て欲しい",
        "願います",
        "お願い",
        "求め",
        "要求",
        "回答",
        "返事",
        "返答",
        "返信",
        "説明",
        "教えて",
        "せよ",
        "なさい",
        "返せ",
        "払え",
        "出せ",
        "させろ",
        "てくれ",
        "please",
        "i want",
        "i demand",
        "explain",
        "refund",
        "respond",
    ];
    const QUESTIONS: [&str; 6] = ["ですか", "ますか", "でしょうか", "のか", "answer", "reply"];
    static FOLDED: LazyLock<(Option<AhoCorasick>, Option<AhoCorasick>)> =
        LazyLock::new(|| (any_of(&MARKERS), any_of(&QUESTIONS)));
    let (markers, questions) = &*FOLDED;
    if found(markers, folded) || orders(folded) {
        return true;
    }
    let question = original.contains(['?', '？']) || found(questions, folded);
    question && (!abusive || interrogative(original))
}

/// One automaton for a fixed word list of the rules, folded as mail text is: a mail is read once
/// for all of them rather than once per word (a list of 45 words read one by one cost more than
/// the whole lexicon scan).
fn any_of(words: &[&str]) -> Option<AhoCorasick> {
    AhoCorasick::new(normalize::fold_words(words)).ok()
}

/// Whether any word of the automaton is in the folded text.
fn found(words: &Option<AhoCorasick>, folded: &str) -> bool {
    words.as_ref().is_some_and(|a| a.is_match(folded))
}

/// Orders that are insults rather than requests: they ask nothing the office could do.
const NOT_ASKING: [&str; 8] = [
    "仕事",
    "いい加減に",
    "いいかげんに",
    "反省",
    "勉強",
    "自覚",
    "真面目に",
    "まじめに",
];

/// Whether the folded text gives an order with しろ that is not one of [`NOT_ASKING`].
fn orders(folded: &str) -> bool {
    static NOT: LazyLock<Vec<String>> = LazyLock::new(|| normalize::fold_words(&NOT_ASKING));
    folded
        .match_indices("しろ")
        .any(|(at, _)| !NOT.iter().any(|w| folded[..at].ends_with(w.as_str())))
}

/// Whether a question asks for something: an interrogative word (Japanese, or English as a word).
fn interrogative(original: &str) -> bool {
    const JA: [&str; 14] = [
        "いつ",
        "なぜ",
        "何故",
        "なんで",
        "何を",
        "何が",
        "何の",
        "どう",
        "どこ",
        "誰",
        "どれ",
        "どの",
        "いくら",
        "何時",
    ];
    const EN: [&str; 7] = ["when", "why", "what", "how", "where", "who", "which"];
    JA.iter().any(|w| original.contains(w))
        || original
            .split(|c: char| !c.is_ascii_alphabetic())
            .any(|w| EN.iter().any(|e| w.eq_ignore_ascii_case(e)))
}

/// Whether the mail points at one clerk without naming them (窓口の若い女性, 受付のお姉さん, あの職員,
/// "the lady at counter 3"): a weak personal-contact phrase (何歳ですか, 趣味, 似合って) is about a
/// person then, as it is beside a name from the staff directory, not about the office.
fn describes_one_clerk(folded: &str) -> bool {
    const WORDS: [&str; 32] = [
        "あの方",
        "あの人",
        "あの女性",
        "あの男性",
        "あのお姉さん",
        "あのお兄さん",
        "窓口の女性",
        "窓口の男性",
        "窓口のお姉さん",
        "窓口のお兄さん",
        "窓口の若い",
        "窓口の眼鏡",
        "受付の女性",
        "受付の男性",
        "受付の子",
        "受付嬢",
        "受付のお姉さん",
        "受付のお兄さん",
        "あの職員",
        "担当のお兄さん",
        "担当のお姉さん",
        "担当の女性",
        "担当の男性",
        "先日のお姉さん",
        "先日のお兄さん",
        "コールセンターの女性",
        "オペレーターの女性",
        "the lady at",
        "the woman at",
        "the girl at",
        "the man at",
        "the guy at",
    ];
    static FOLDED: LazyLock<Option<AhoCorasick>> = LazyLock::new(|| any_of(&WORDS));
    found(&FOLDED, folded) || named_at_a_desk(folded)
}

/// Whether the mail names someone at a desk of the office, in or out of the staff directory
/// (コールセンターのユイさん, 受付のまいちゃん, 市民課の田中さん): a place of work, の, one to six
/// characters of a name and an honorific. Directories rarely list given names or nicknames, and
/// these are how harassers single a clerk out.
fn named_at_a_desk(folded: &str) -> bool {
    const DESKS: [&str; 12] = [
        "窓口の",
        "受付の",
        "担当の",
        "係の",
        "課の",
        "室の",
        "センターの",
        "サポートの",
        "オペレーターの",
        "相談員の",
        "レジの",
        "カウンターの",
    ];
    const HONORIFICS: [&str; 5] = ["さん", "ちゃん", "くん", "さま", "様"];
    // 市民課の皆さん is the whole desk.
    const EVERYONE: [&str; 4] = ["皆", "みな", "みんな", "各位"];
    static DESK: LazyLock<Option<AhoCorasick>> = LazyLock::new(|| any_of(&DESKS));
    let Some(desks) = DESK.as_ref() else {
        return false;
    };
    desks.find_iter(folded).any(|m| {
        let after = &folded[m.end()..];
        HONORIFICS
            .iter()
            .filter_map(|h| after.find(h))
            .min()
            .is_some_and(|at| {
                let name = &after[..at];
                let n = name.chars().count();
                (1..=6).contains(&n)
                    && !name.contains(['の', SENTENCE_END, ' '])
                    && name.chars().all(char::is_alphanumeric)
                    && !EVERYONE.contains(&name)
            })
    })
}

/// Whether a match lies inside quotation brackets that a quotative と/って follows: the writer
/// reports someone else's words (「殺すぞ」と怒鳴られました, 「税金泥棒」と呼ぶ書き込み), which
/// is not the writer's own threat or insult.
fn reported_speech(text: &str, start: usize, end: usize) -> bool {
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let before = &text[line_start..start];
    let opens = ['「', '『', '“', '"'];
    let closes = ['」', '』', '”', '"'];
    let Some(open_at) = before.rfind(opens) else {
        return false;
    };
    // The opening bracket must not be closed before the match.
    if before[open_at..]
        .chars()
        .skip(1)
        .any(|c| closes.contains(&c))
    {
        return false;
    }
    let after = &text[end.min(text.len())..];
    let Some(close_at) = after.find(closes) else {
        return false;
    };
    if after[..close_at].contains('\n') {
        return false;
    }
    /// The text after the character at byte `at`.
    fn past(s: &str, at: usize) -> &str {
        &s[at + s[at..].chars().next().map_or(0, char::len_utf8)..]
    }
    let mut rest = past(after, close_at);
    // A list of quotes before the quotative (「無能」「辞めちまえ」と言われています): skip the
    // following bracketed words, within the line.
    for _ in 0..8 {
        let Some(inner) = rest.trim_start().strip_prefix(opens) else {
            break;
        };
        let Some(end) = inner.find(closes).filter(|&e| !inner[..e].contains('\n')) else {
            break;
        };
        rest = past(inner, end);
    }
    let rest = rest.trim_start();
    // Quotatives, examples (「殺すぞ」などの発言, 「土下座しろ」といった要求) and the thing that
    // carried the words (「爆破予告」のメールが来た, 「家族がどうなっても知らない」の文面).
    [
        "と",
        "って",
        "という",
        "などと",
        "とか",
        "など",
        "なんて",
        "といった",
        "のような",
        "みたいな",
        "のメール",
        "の文面",
        "の書き込み",
        "の張り紙",
        "の手紙",
        "の電話",
    ]
    .iter()
    .any(|q| rest.starts_with(q))
}

/// Whether a match is followed, within a few sentence-final particles, by a verb of saying or
/// thinking (死ねと言うのか, 殺すぞと怒鳴られた, 命はないと思った): reported or rhetorical
/// words, not the writer's own threat or insult. "と思え" (think it so!) is not among them.
fn quoted_without_brackets(text: &str, end: usize) -> bool {
    const QUOTATIVES: [&str; 16] = [
        "と言われ",
        "って言われ",
        "と言うの",
        "と言うん",
        "とでも言うの",
        "と怒鳴られ",
        "と怒鳴って",
        "と罵ら",
        "と書かれ",
        "と書き込",
        "と呼ば",
        "と呼ぶ",
        "などと",
        "と思っ",
        "と思い",
        "と脅さ",
    ];
    let rest = text.get(end..).unwrap_or_default();
    let rest = rest.trim_start_matches(['ぞ', 'よ', 'な', 'ね', 'だ', 'ー', '!', '！', ' ', '　']);
    QUOTATIVES.iter().any(|q| rest.starts_with(q))
}

/// The threat model's finding for a mail with no threat phrase (`model`): when the whole text
/// scores at or above `threshold`, the evidence is its highest-scoring sentence, marked
/// `threat model` with the score, so that a reader knows it is a judgement, not a phrase.
fn model_threat(own: &str, folded: &Folded, threshold: f64) -> Option<Matched> {
    let m = model::builtin();
    let score = m.score(&model::model_text(&folded.text));
    if score < threshold {
        return None;
    }
    let text = folded.text.as_str();
    let mut best = (0.0, 0, 0);
    let mut at = 0;
    for sentence in text.split_inclusive(SENTENCE_END) {
        let end = at + sentence.trim_end_matches(SENTENCE_END).len();
        let s = m.score(&model::model_text(&text[at..end]));
        if s > best.0 {
            best = (s, at, end);
        }
        at += sentence.len();
    }
    let (a, b) = folded.original_range(best.1, best.2);
    let sentence = shorten(
        &own.get(a..b).unwrap_or_default().replace(['\r', '\n'], " "),
        CONTEXT_CHARS,
    );
    Some(Matched {
        phrase: format!("threat model {score:.2}"),
        text: sentence.clone(),
        context: sentence,
    })
}

fn evidence(own: &str, folded: &Folded, h: &Hit) -> Matched {
    let (a, b) = folded.original_range(h.range.0, h.range.1);
    let (sa, sb) = folded.original_range(h.sentence.0, h.sentence.1);
    let get = |a: usize, b: usize| own.get(a..b).unwrap_or_default().to_string();
    Matched {
        phrase: h.phrase.clone(),
        text: shorten(&get(a, b), CONTEXT_CHARS),
        context: shorten(&get(sa, sb).replace(['\r', '\n'], " "), CONTEXT_CHARS),
    }
}

/// Whether a header section marks a mailing list, bulk or automatic mail (List-Id,
/// List-Unsubscribe, Precedence: bulk/list, Auto-Submitted other than "no"): the mark of a
/// newsletter or an alert system, which is not a mail bomb however many.
pub fn is_list_mail(header: &[u8]) -> bool {
    let head = &header[..header.len().min(64 << 10)];
    let mut at_line_start = true;
    for (i, &b) in head.iter().enumerate() {
        if at_line_start {
            // The blank line ends the header section.
            if b == b'\n' || (b == b'\r' && head.get(i + 1) == Some(&b'\n')) {
                return false;
            }
            if list_header(&head[i..]) {
                return true;
            }
        }
        at_line_start = b == b'\n';
    }
    false
}

/// Whether a header line (from its first byte) is one of the list or automatic-mail marks.
fn list_header(line: &[u8]) -> bool {
    let end = line.iter().position(|&b| b == b'\n').unwrap_or(line.len());
    let line = &line[..end];
    let starts =
        |name: &[u8]| line.len() >= name.len() && line[..name.len()].eq_ignore_ascii_case(name);
    let value_has = |word: &[u8]| {
        line.windows(word.len())
            .any(|w| w.eq_ignore_ascii_case(word))
    };
    starts(b"list-id:")
        || starts(b"list-unsubscribe:")
        || (starts(b"precedence:")
            && (value_has(b"bulk") || value_has(b"list") || value_has(b"junk")))
        || (starts(b"auto-submitted:") && !value_has(b": no") && !value_has(b":no"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn analyzer() -> Analyzer {
        Analyzer::new(
            Lexicon::defaults(),
            &[StaffMember {
                name: "山田 花子".into(),
                reading: Some("やまだ はなこ".into()),
                aliases: vec![],
            }],
        )
    }

    fn ids(f: &Findings) -> Vec<&'static str> {
        f.categories.iter().map(|c| c.id.id()).collect()
    }

    #[test]
    fn personal_contact_names_the_clerk_and_the_time() {
        let a = analyzer();
        let f = a.analyse(
            Some("山田さんへ"),
            "ヤマダさん、明日の18時に区役所の前で待っています。",
        );
        assert_eq!(ids(&f), vec!["personal_contact"]);
        assert_eq!(f.categories[0].targets, vec!["山田 花子".to_string()]);
        assert!(f.categories[0].time_bound);
        // Thanks to a named clerk is not personal contact; a weak phrase needs a clerk.
        assert!(
            a.analyse(None, "担当の山田さんにお礼を伝えてください。")
                .categories
                .is_empty()
        );
        assert!(
            a.analyse(None, "この街が大好きです。")
                .categories
                .is_empty()
        );
        assert_eq!(
            ids(&a.analyse(None, "花子ちゃん大好きです。")),
            vec!["personal_contact"]
        );
    }

    #[test]
    fn a_clerk_named_at_a_desk_makes_a_weak_phrase_count() {
        let a = analyzer();
        // Names outside the directory (a given name, a nickname) at a desk of the office.
        for text in [
            "コールセンターのユイさん、声が好きなので、次もつないでください。",
            "受付のまいちゃん、趣味は何ですか？",
            "あの方の好きな食べ物とか、趣味とか教えてください。",
        ] {
            assert_eq!(
                ids(&a.analyse(None, text)),
                vec!["personal_contact"],
                "{text}"
            );
        }
        // The whole desk, or a desk without a person, is not one clerk.
        for text in [
            "市民課の皆さん、趣味の講座の案内をありがとうございました。",
            "窓口の手続きについて、趣味の講座の申込方法を教えてください。",
        ] {
            assert!(a.analyse(None, text).categories.is_empty(), "{text}");
        }
    }

    #[test]
    fn the_threat_model_adds_a_judgement_and_can_be_turned_off() {
        let text = "あんたの家の場所はもう分かっている。夜は戸締まりをしっかりしておくことだ。";
        let on = analyzer().analyse(None, text);
        let off = Analyzer::new(Lexicon::defaults(), &[])
            .with_threat_model(0.0)
            .analyse(None, text);
        assert!(!off.has(Category::Threat), "{off:?}");
        let t = on
            .categories
            .iter()
            .find(|c| c.id == Category::Threat)
            .unwrap_or_else(|| panic!("{on:?}"));
        // Marked as the model's judgement, with the sentence that scored.
        assert!(t.matched[0].phrase.starts_with("threat model "), "{t:?}");
        assert!(!t.matched[0].context.is_empty());
    }

    #[test]
    fn a_one_kanji_given_name_needs_an_honorific() {
        let a = Analyzer::new(
            Lexicon::defaults(),
            &[StaffMember {
                name: "渡辺 彩".into(),
                reading: Some("わたなべ あや".into()),
                aliases: vec!["彩".into()],
            }],
        );
        let f = a.analyse(None, "彩さん、いつも何時のバスで帰っているんですか？");
        assert_eq!(ids(&f), vec!["personal_contact"]);
        assert_eq!(f.categories[0].targets, vec!["渡辺 彩".to_string()]);
        // The kanji in other words, or before a direction, names nobody.
        for text in [
            "彩りのある街にしてください。誕生日のイベントは何時に帰れますか",
            "色彩さんぽの誕生日イベント",
            "彩へ向かう道の誕生日",
        ] {
            assert!(a.analyse(None, text).categories.is_empty(), "{text}");
        }
    }

    #[test]
    fn evidence_quotes_the_mails_own_words() {
        let a = analyzer();
        let f = a.analyse(Some("Re: 回答"), "おい、税 金 泥 棒！\n> 殺す\n-- \n署名\n");
        assert_eq!(ids(&f), vec!["abusive"]);
        let m = &f.categories[0].matched[0];
        assert_eq!(m.phrase, "税金泥棒");
        assert_eq!(m.text, "税 金 泥 棒");
        assert_eq!(m.context, "おい、税 金 泥 棒");
    }

    #[test]
    fn reported_speech_is_not_the_writers_own() {
        let a = analyzer();
        assert!(
            a.analyse(None, "隣人に「殺すぞ」と怒鳴られました。相談したいです。")
                .categories
                .is_empty()
        );
        assert!(
            a.analyse(
                None,
                "職員を「税金泥棒」と呼ぶ書き込みを見て悲しくなりました。"
            )
            .categories
            .is_empty()
        );
        assert_eq!(
            ids(&a.analyse(None, "「税金泥棒」め。殺すぞ")),
            vec!["threat", "abusive"]
        );
        assert!(
            a.analyse(None, "年金を減らして、死ねと言うのですか。")
                .categories
                .is_empty()
        );
        assert!(a.analyse(None, "いつ開きますか？").request);
        assert!(!a.analyse(None, "税金泥棒！").request);
    }

    #[test]
    fn list_headers() {
        assert!(is_list_mail(b"From: a\r\nList-Id: <x.y>\r\n\r\nbody"));
        assert!(is_list_mail(b"Precedence: bulk\n\n"));
        assert!(!is_list_mail(b"From: a\n\nList-Id: in the body\n"));
    }

    #[test]
    fn awkward_inputs_give_a_result() {
        let a = analyzer();
        let _ = a.analyse(None, "");
        let _ = a.analyse(None, &"死".repeat(1 << 20));
        let _ = a.analyse(Some("🙂"), "mixed 日本語 and English 税金泥棒 🙂");
    }

    #[test]
    fn insult_orders_and_scornful_questions_ask_nothing() {
        let a = analyzer();
        let asks = |body: &str| a.analyse(None, body).request;
        // Insults phrased as orders or questions.
        assert!(!asks("ゴミ役人。仕事しろ。"));
        assert!(!asks("税金泥棒。いい加減にしろ。"));
        assert!(!asks("You useless bureaucrats. Do you even work?"));
        assert!(!asks("税金泥棒め。給料をもらっている自覚があるのか。"));
        // Requests, with or without insults.
        assert!(asks("税金泥棒。手数料を返せ。"));
        assert!(asks("無能職員。いつ返金するのか。"));
        assert!(asks("You useless bureaucrats. When will you refund me?"));
        assert!(asks("回答を文書で送れ。説明しろ。"));
        assert!(asks("先日の件、その後いかがでしょうか。"));
        assert!(asks("Is the office open on Saturday?"));
        assert!(asks("区は速やかに是正すべきだ。"));
        assert!(asks("書面での回答をいただきたい"));
    }
}
