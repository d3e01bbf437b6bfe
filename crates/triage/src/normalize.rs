//! Text normalisation before matching: harassers dodge filters with full/half-width forms, kana
//! swaps, inserted spaces and symbols (税 金 泥 棒, ｾﾞｲｷﾝﾄﾞﾛﾎﾞｰ, 税★金★泥★棒) and repeated
//! punctuation. Lexicon phrases and mail text go through the same folding, so one lexicon line
//! covers every variant, and each folded byte remembers where it came from, so evidence quotes
//! the mail's own words.
//!
//! The folding, in order: NFKC (full-width Latin and half-width katakana to their usual forms,
//! voiced marks joined), lower case, katakana to hiragana, long vowels folded (ー and a trailing
//! う/い of a long vowel dropped, so ドロボー, どろぼう and ドロボウ meet), whitespace between
//! Japanese characters dropped, decoration symbols dropped, single characters spaced out with any
//! separator joined, sentence ends unified to a line break, and runs of three or more equal
//! characters shortened to one.

use unicode_normalization::UnicodeNormalization;

/// The line break every sentence end becomes in the matching view.
pub const SENTENCE_END: char = '\n';

/// Mail text folded for matching, with a map back to the original text.
#[derive(Clone, Debug, Default)]
pub struct Folded {
    /// The folded text.
    pub text: String,
    /// For each byte of `text`, the byte range of the original text it came from.
    origin: Vec<(u32, u32)>,
}

impl Folded {
    /// The original byte range behind a byte range of the folded text (as found by a matcher),
    /// widened to whole characters of the original.
    pub fn original_range(&self, start: usize, end: usize) -> (usize, usize) {
        if self.origin.is_empty() || start >= end {
            return (0, 0);
        }
        let first = self.origin[start.min(self.origin.len() - 1)].0;
        let last = self.origin[(end - 1).min(self.origin.len() - 1)].1;
        (first as usize, last as usize)
    }
}

/// What a character is, for the folding rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Class {
    /// Letters, digits, kana, ideographs: kept.
    Word,
    /// Whitespace (not line breaks).
    Space,
    /// Ends a sentence: 。．.!?！？ and line breaks.
    End,
    /// Decoration or in-sentence punctuation: dropped.
    Symbol,
}

#[inline]
fn class(c: char) -> Class {
    match c {
        // Most characters of a mail, settled without the Unicode tables (all are letters or
        // digits there too).
        'a'..='z'
        | '0'..='9'
        | '\u{3041}'..='\u{3096}'
        | '\u{30A1}'..='\u{30FA}'
        | '\u{30FC}'
        | '\u{4E00}'..='\u{9FFF}' => Class::Word,
        '\n' | '\r' | '。' | '．' | '.' | '!' | '?' | '！' | '？' | '｡' => Class::End,
        c if c.is_whitespace() => Class::Space,
        c if c.is_alphanumeric() => Class::Word,
        // The iteration marks 々ゝゞヽヾ are letters in effect.
        '々' | 'ゝ' | 'ゞ' | 'ヽ' | 'ヾ' | '〆' => Class::Word,
        _ => Class::Symbol,
    }
}

/// [`class`] of each ASCII character, looked up.
const ASCII_CLASS: [Class; 128] = {
    let mut table = [Class::Symbol; 128];
    let mut b = 0;
    while b < 128 {
        table[b] = match b as u8 {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' => Class::Word,
            b'\n' | b'\r' | b'.' | b'!' | b'?' => Class::End,
            b'\t' | 0x0B | 0x0C | b' ' => Class::Space,
            _ => Class::Symbol,
        };
        b += 1;
    }
    table
};

/// Characters that NFKC leaves alone, skipped past the normaliser for speed.
#[inline]
fn nfkc_stable(c: char) -> bool {
    matches!(c,
        '\u{3041}'..='\u{3096}'   // hiragana
        | '\u{30A1}'..='\u{30FA}' // katakana
        | '\u{4E00}'..='\u{9FFF}' // common ideographs
        | '\u{3001}' | '\u{3002}' | '\u{300C}'..='\u{300F}' | '\u{30FC}')
}

#[inline]
fn kana_to_hiragana(c: char) -> char {
    match c {
        '\u{30A1}'..='\u{30F6}' => char::from_u32(c as u32 - 0x60).unwrap_or(c),
        'ヽ' => 'ゝ',
        'ヾ' => 'ゞ',
        _ => c,
    }
}

/// The vowel row of each hiragana U+3041..=U+3096 (0: none, e.g. ん, っ), for folding long vowels.
const VOWELS: [u8; 86] = [
    b'a', b'a', b'i', b'i', b'u', b'u', b'e', b'e', b'o', b'o', b'a', b'a', b'i', b'i', b'u', b'u',
    b'e', b'e', b'o', b'o', b'a', b'a', b'i', b'i', b'u', b'u', b'e', b'e', b'o', b'o', b'a', b'a',
    b'i', b'i', 0, b'u', b'u', b'e', b'e', b'o', b'o', b'a', b'i', b'u', b'e', b'o', b'a', b'a',
    b'a', b'i', b'i', b'i', b'u', b'u', b'u', b'e', b'e', b'e', b'o', b'o', b'o', b'a', b'i', b'u',
    b'e', b'o', b'a', b'a', b'u', b'u', b'o', b'o', b'a', b'i', b'u', b'e', b'o', b'a', b'a', 0, 0,
    b'o', 0, b'u', 0, 0,
];

/// The vowel row of a hiragana, if it has one.
fn vowel_of(c: char) -> Option<u8> {
    let i = (c as u32).checked_sub(0x3041)? as usize;
    VOWELS.get(i).copied().filter(|v| *v != 0)
}

/// One character after NFKC, lower case, kana and long-vowel folding, with its origin.
#[derive(Clone, Copy, Debug)]
struct Unit {
    c: char,
    class: Class,
    from: u32,
    to: u32,
}

/// The length of the combining mark that starts at byte `at`, or 0. Marks belong to the
/// character before them: U+0300..=U+036F (CC 80..CD AF) and dakuten in every form, U+3099/U+309A
/// (E3 82 99/9A) and U+FF9E/U+FF9F (EF BE 9E/9F). Read from the bytes, without decoding.
#[inline]
fn mark_len(bytes: &[u8], at: usize) -> usize {
    if bytes.get(at).is_none_or(|b| *b < 0xCC) {
        return 0;
    }
    match &bytes[at..] {
        [0xCC, ..] | [0xCD, 0x80..=0xAF, ..] => 2,
        [0xE3, 0x82, 0x99 | 0x9A, ..] | [0xEF, 0xBE, 0x9E | 0x9F, ..] => 3,
        _ => 0,
    }
}

/// Appends a unit, folding long vowels on the way: a long-vowel mark, or an う/い that lengthens
/// the vowel of the unit before it, is dropped and widens that unit's origin instead, so that
/// spellings of one reading meet.
#[inline(always)]
fn push_unit(out: &mut Vec<Unit>, c: char, class: Class, from: u32, to: u32) {
    if matches!(c, 'ー' | '〜' | '～' | '~' | 'う' | 'い')
        && let Some(prev) = out.last_mut()
    {
        let vowel = vowel_of(prev.c);
        let lengthens = match c {
            'う' => matches!(vowel, Some(b'o' | b'u')),
            'い' => matches!(vowel, Some(b'e' | b'i')),
            _ => vowel.is_some(),
        };
        if lengthens {
            prev.to = prev.to.max(to);
            return;
        }
    }
    out.push(Unit { c, class, from, to });
}

/// The folded character and class of U+3000..=U+9FFF where NFKC leaves it alone (kana,
/// ideographs and their punctuation) or makes it a space, as [`units`] would make it.
#[inline(always)]
fn common_cjk(code: u32) -> Option<(char, Class)> {
    let (code, class) = match code {
        0x3041..=0x3096 | 0x30F7..=0x30FA | 0x30FC | 0x4E00..=0x9FFF => (code, Class::Word),
        // Katakana to hiragana.
        0x30A1..=0x30F6 => (code - 0x60, Class::Word),
        0x3001 | 0x300C..=0x300F => (code, Class::Symbol),
        0x3002 => (code, Class::End),
        0x3000 => (0x20, Class::Space),
        _ => return None,
    };
    Some((char::from_u32(code)?, class))
}

/// Splits the text into units: each base character with its marks, NFKC-normalised, lower-cased,
/// katakana turned into hiragana, long vowels folded. ASCII, the common Japanese blocks and
/// full-width ASCII skip the normaliser (their NFKC form is known).
fn units(text: &str) -> Vec<Unit> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(text.len());
    let mut buf = String::new();
    let mut at = 0;
    while at < bytes.len() {
        let b = bytes[at];
        let here = at as u32;
        // Characters settled without decoding them through `char` or the normaliser, when no
        // mark follows.
        match b {
            0x00..=0x7F if mark_len(bytes, at + 1) == 0 => {
                let b = b.to_ascii_lowercase();
                let class = ASCII_CLASS[usize::from(b)];
                push_unit(&mut out, char::from(b), class, here, here + 1);
                at += 1;
                continue;
            }
            // U+3000..=U+9FFF: ideographic space, kana, ideographs.
            0xE3..=0xE9 if mark_len(bytes, at + 3) == 0 => {
                let [_, b1, b2, ..] = bytes[at..] else {
                    break;
                };
                let code = (u32::from(b & 0x0F) << 12)
                    | (u32::from(b1 & 0x3F) << 6)
                    | u32::from(b2 & 0x3F);
                if let Some((c, class)) = common_cjk(code) {
                    push_unit(&mut out, c, class, here, here + 3);
                    at += 3;
                    continue;
                }
            }
            // Full-width ASCII U+FF01..=U+FF5E (EF BC 81..EF BD 9E): NFKC takes away the width.
            0xEF if mark_len(bytes, at + 3) == 0 => {
                let ascii = match bytes[at..] {
                    [_, 0xBC, t @ 0x81..=0xBF, ..] => Some(t - 0x60),
                    [_, 0xBD, t @ 0x80..=0x9E, ..] => Some(t - 0x20),
                    _ => None,
                };
                if let Some(a) = ascii {
                    let a = a.to_ascii_lowercase();
                    let class = ASCII_CLASS[usize::from(a)];
                    push_unit(&mut out, char::from(a), class, here, here + 3);
                    at += 3;
                    continue;
                }
            }
            _ => {}
        }
        let Some(c) = text[at..].chars().next() else {
            break;
        };
        let mut end = at + c.len_utf8();
        if let Some(word) = emoji_word(c) {
            // An emoji that stands for a weapon or harm (🔪, 🔥, 💣) reads as its word, so
            // 役所に🔥つけたろか meets the phrase 火つけたろ.
            for w in word.chars() {
                push_unit(&mut out, w, Class::Word, here, end as u32);
            }
            at = end;
            continue;
        }
        if is_mask(c) {
            // A masked character (殺す written ○す, しね written ×ね) is one letter of a word:
            // every mask folds to 〇, so a lexicon phrase written with 〇 finds them all.
            push_unit(&mut out, MASK, Class::Word, here, end as u32);
            at = end;
            continue;
        }
        loop {
            match mark_len(bytes, end) {
                0 => break,
                n => end += n,
            }
        }
        let (from, to) = (here, end as u32);
        let mut push = |c: char| {
            if c.is_ascii() {
                let c = c.to_ascii_lowercase();
                push_unit(&mut out, c, class(c), from, to);
                return;
            }
            for lower in c.to_lowercase() {
                let c = kana_to_hiragana(lower);
                push_unit(&mut out, c, class(c), from, to);
            }
        };
        if end == at + c.len_utf8() && nfkc_stable(c) {
            // Kana and ideographs have no case: no lower-casing table lookup.
            let c = kana_to_hiragana(c);
            push_unit(&mut out, c, class(c), from, to);
        } else if end == at + c.len_utf8() && c.is_ascii() {
            push(c);
        } else {
            buf.clear();
            buf.extend(text[at..end].nfkc());
            for c in buf.chars() {
                push(c);
            }
        }
        at = end;
    }
    out
}

/// The word an emoji of harm stands for in a threat (folded as mail text is: hiragana). Other
/// emoji are decoration and dropped.
fn emoji_word(c: char) -> Option<&'static str> {
    Some(match c {
        '🔪' | '🗡' => "ないふ",
        '🔥' => "火",
        '💣' => "爆弾",
        '💥' => "爆発",
        '🔫' => "銃",
        '🩸' => "血",
        '⚰' => "棺",
        '☠' | '💀' => "死",
        _ => return None,
    })
}

/// What every masked character folds to.
const MASK: char = '〇';

/// Characters written in place of a letter to dodge a filter (○す, ぶっ◯ろす, ×ね, ●ね): circles
/// and crosses. Squares and stars are left alone, as bullets of lists and headings (■連絡先).
fn is_mask(c: char) -> bool {
    matches!(c, '〇' | '○' | '◯' | '●' | '◎' | '×' | '✕' | '☓' | '✖')
}

/// Japanese letters: kana (already hiragana here), ideographs and masks. Between two of them a
/// lone dot or star is a dodge, not punctuation (殺.害, ば.く.は.する).
fn japanese_letter(c: char) -> bool {
    matches!(c, '\u{3041}'..='\u{3096}' | MASK) || ideograph(c)
}

/// Whether unit `i` is a lone separator inserted inside a Japanese word: a dot, middle dot,
/// star or underscore with a Japanese letter right before and after it. 。 and 、 are real
/// punctuation and never dropped; a full stop written . or ． between Japanese words is rare
/// enough in mail that joining two sentences there costs less than missing 殺.害.
fn inserted_separator(units: &[Unit], i: usize) -> bool {
    matches!(units[i].c, '.' | '・' | '*' | '_')
        && i > 0
        && japanese_letter(units[i - 1].c)
        && units.get(i + 1).is_some_and(|n| japanese_letter(n.c))
}

/// Where a reading in brackets after a kanji ends (殺(や)る, 刺(さ)す, 場所(ばしょ)): the end of
/// the bracket, so that the reading is dropped and the word reads as written without it. Only
/// hiragana readings of one to eight characters, right after an ideograph, are readings;
/// (笑), (株) and (注) are not.
fn furigana(units: &[Unit], i: usize) -> Option<usize> {
    if units[i].c != '(' || i == 0 || !ideograph(units[i - 1].c) {
        return None;
    }
    let reading = units[i + 1..]
        .iter()
        .take_while(|u| matches!(u.c, '\u{3041}'..='\u{3096}'))
        .count();
    let close = i + 1 + reading;
    ((1..=8).contains(&reading) && units.get(close).is_some_and(|u| u.c == ')'))
        .then_some(close + 1)
}

fn floor_char_boundary(text: &str, at: usize) -> usize {
    if at >= text.len() {
        return text.len();
    }
    let mut at = at;
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Where characters spaced out to dodge a filter are joined: three or more single word
/// characters in a row, each separated by one to three non-word characters (税 金 泥 棒,
/// 死.ね.ぇ, 税!金!泥!棒). Called for each word unit `i` from `*scan` on (in order); returns the
/// end of the chain starting at `i` whose separators are dropped, if there is one.
fn spaced_out_chain(units: &[Unit], i: usize, scan: &mut usize) -> Option<usize> {
    let n = units.len();
    let word = |k: usize| units[k].class == Class::Word;
    let single = |k: usize| word(k) && (k == 0 || !word(k - 1)) && (k + 1 == n || !word(k + 1));
    if !single(i) {
        return None;
    }
    let (mut k, mut count) = (i, 1);
    loop {
        let mut j = k + 1;
        while j < n && !word(j) && j - k <= 3 {
            j += 1;
        }
        if j < n && j - k >= 2 && j - k <= 4 && single(j) {
            k = j;
            count += 1;
        } else {
            break;
        }
    }
    *scan = k + 1;
    (count >= 3).then_some(k + 1)
}

/// Folds mail text for lexicon matching, reading at most `limit` bytes of it.
pub fn for_matching(text: &str, limit: usize) -> Folded {
    let text = &text[..floor_char_boundary(text, limit)];
    let units = units(text);
    // Folding rarely makes text longer.
    let capacity = text.len();
    let mut out = Folded {
        text: String::with_capacity(capacity),
        origin: Vec::with_capacity(capacity),
    };
    // Spaced-out characters: chains start at word units from `scan` on; the separators of a
    // joined chain (before `dropped_until`) are dropped.
    let (mut scan, mut dropped_until) = (0, 0);
    let mut word_before = false;
    let mut pending_space: Option<Unit> = None;
    let mut last: Option<char> = None;
    let mut run = 0usize;
    let mut furigana_until = 0;
    for (i, &u) in units.iter().enumerate() {
        if i < furigana_until {
            continue;
        }
        if let Some(end) = furigana(&units, i) {
            furigana_until = end;
            continue;
        }
        let after_word = std::mem::replace(&mut word_before, u.class == Class::Word);
        let c = match u.class {
            Class::Word => {
                // Only a single character (no word character on either side) starts a chain.
                if !after_word
                    && i >= scan
                    && units.get(i + 1).is_none_or(|n| n.class != Class::Word)
                    && let Some(end) = spaced_out_chain(&units, i, &mut scan)
                {
                    dropped_until = end;
                }
                u.c
            }
            _ if i < dropped_until || inserted_separator(&units, i) => continue,
            Class::End => SENTENCE_END,
            Class::Space => {
                pending_space.get_or_insert(u);
                continue;
            }
            Class::Symbol => continue,
        };
        // Whitespace only separates Latin words; between Japanese characters it is dodging.
        if let Some(space) = pending_space.take() {
            let latin_before = last.is_some_and(|p| p.is_ascii_alphanumeric());
            if latin_before && c.is_ascii_alphanumeric() {
                push_char(&mut out, ' ', space);
                last = Some(' ');
                run = 1;
            }
        }
        if Some(c) == last {
            run += 1;
            // One sentence end for many (！！！！); three or more of anything else become one
            // (しねええええ), a pair stays (ここ).
            if c == SENTENCE_END || run > 3 {
                extend_last(&mut out, u.to);
                continue;
            }
            if run == 3 {
                let len = c.len_utf8();
                out.text.truncate(out.text.len() - len);
                out.origin.truncate(out.origin.len() - len);
                extend_last(&mut out, u.to);
                continue;
            }
        } else {
            run = 1;
        }
        push_char(&mut out, c, u);
        last = Some(c);
    }
    out
}

#[inline]
fn push_char(out: &mut Folded, c: char, u: Unit) {
    out.text.push(c);
    let o = (u.from, u.to);
    match c.len_utf8() {
        1 => out.origin.push(o),
        2 => out.origin.extend([o; 2]),
        3 => out.origin.extend([o; 3]),
        _ => out.origin.extend([o; 4]),
    }
}

fn extend_last(out: &mut Folded, to: u32) {
    let Some(&(from, _)) = out.origin.last() else {
        return;
    };
    // Every byte of the last character carries the same range.
    for o in out.origin.iter_mut().rev() {
        if o.0 != from {
            break;
        }
        o.1 = o.1.max(to);
    }
}

/// Characters of a mail's own words that the comparison view keeps (at fewer, it keeps every
/// word character instead: a mail written all in hiragana still needs a view).
const MIN_CONTENT_CHARS: usize = 4;

/// Whether a character of the original text is katakana (full or half width): katakana words
/// (クビ, マスコミ, メール) carry content, though the folding turned them into hiragana, and a
/// lexicon phrase written in katakana matches only katakana.
pub(crate) fn katakana(c: char) -> bool {
    matches!(c, '\u{30A1}'..='\u{30FF}' | '\u{31F0}'..='\u{31FF}' | '\u{FF66}'..='\u{FF9F}')
}

/// Ideographs (and the iteration and abbreviation marks written among them): content words for
/// the comparison view, and the characters a one-kanji given name is told apart by.
pub(crate) fn ideograph(c: char) -> bool {
    matches!(c,
        '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{3FFFF}'
        | '々' | '〆' | 'ヶ')
}

/// What the comparison view does with one folded character.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Gist {
    /// A content character: kept.
    Content,
    /// A digit: every run becomes one `0`.
    Digit,
    /// Hiragana of the original: content only in a mail with (almost) no other content.
    Hiragana,
    /// Punctuation, spaces, line breaks: a word boundary.
    Boundary,
}

fn gist(folded: &Folded, original: &str, at: usize, c: char) -> Gist {
    match c {
        '0'..='9' => Gist::Digit,
        'a'..='z' | 'A'..='Z' => Gist::Content,
        '\u{3041}'..='\u{309F}' => {
            // Folded katakana is hiragana now: ask the original character.
            let from = folded.origin.get(at).map_or(usize::MAX, |o| o.0 as usize);
            match original.get(from..).and_then(|s| s.chars().next()) {
                Some(o) if katakana(o) => Gist::Content,
                _ => Gist::Hiragana,
            }
        }
        'ー' => Gist::Content,
        _ if c.is_ascii() => Gist::Boundary,
        _ if ideograph(c) => Gist::Content,
        _ if !nfkc_stable(c) && c.is_numeric() => Gist::Digit,
        _ if c.is_alphabetic() => Gist::Content,
        _ => Gist::Boundary,
    }
}

/// The comparison view of a mail's folded own words (`folded` made by [`for_matching`] from
/// `original`), reading at most `limit` bytes of it: its content words (ideographs, katakana,
/// Latin letters and other scripts' letters, every run of digits as one `0`), each run followed
/// by a space, the hiragana between them (particles, inflections, politeness) left out.
///
/// Why: one sender's rewordings of one demand keep the nouns and verb stems (手数料を返せ,
/// 手数料を返金しろ, 手数料の返還を求める) and change the grammar around them, so character
/// 2-grams of the content words ([`SIMILARITY_SHINGLE`]) stay alike where 3-grams of the whole
/// text did not: on the labelled corpus's tuning split, same-purpose senders went from 16 found,
/// 4 wrong, 1 missed (3-grams of the whole text, 0.3) to 17 / 1 / 0 (this view, 0.4; see
/// docs/TRIAGE.md). The spaces give each word's first and last character a 2-gram of its own. A
/// mail with fewer than 4 content characters (ふざけるな。しね。) keeps its
/// hiragana too. Sentences that are letter formulas (いつもお世話になっております, 中央区の高橋です,
/// よろしくお願いします) are left out: one sender writes them in every mail
/// whatever it asks, so they made different demands of one sender look alike (with them left out
/// and the join threshold at 0.2, `tests/tuning.rs` finds 30 of 65 repeaters of its sequences,
/// against 5 before).
pub fn similarity_view(folded: &Folded, original: &str, limit: usize) -> String {
    let view = view_with(folded, original, limit, true);
    if view.is_empty() {
        // Nothing but formulas or the letter's frame (至急確認をお願いします): that is all it
        // says, and an empty view would put it with the sender's empty mails.
        return view_with(folded, original, limit, false);
    }
    view
}

/// [`similarity_view`], with or without the thesaurus ([`crate::thesaurus`]).
fn view_with(folded: &Folded, original: &str, limit: usize, thesaurus: bool) -> String {
    let text = &folded.text[..floor_char_boundary(&folded.text, limit)];
    let mut kept: Vec<(usize, usize)> = Vec::new();
    let mut at = 0;
    for sentence in text.split_inclusive(SENTENCE_END) {
        if !formula(sentence.trim_end_matches(SENTENCE_END)) {
            kept.push((at, at + sentence.len()));
        }
        at += sentence.len();
    }
    // A short last line of names without a sentence end (高橋, 緑町5丁目 佐々木, Tom W) is a
    // signature: the same under every demand of the sender.
    if thesaurus
        && at > 0
        && let Some(&(from, to)) = kept.last()
        && kept.len() >= 3
        && signature_line(folded, original, from, to)
    {
        kept.pop();
    }
    if kept.is_empty() {
        if thesaurus {
            return String::new(); // nothing but formulas: compared as written, below
        }
        kept.push((0, text.len())); // nothing but formulas: they are all the mail has
    }
    // Each kept sentence's characters, with a sentence end after it (a word boundary).
    let chars = || {
        kept.iter().flat_map(|&(from, to)| {
            text[from..to]
                .char_indices()
                .map(move |(i, c)| (from + i, c))
                .chain(std::iter::once((to, SENTENCE_END)))
        })
    };
    // Hiragana counts as content only in a mail with almost no other content: count until sure.
    let hiragana_counts = chars()
        .filter(|&(at, c)| matches!(gist(folded, original, at, c), Gist::Content | Gist::Digit))
        .take(MIN_CONTENT_CHARS)
        .count()
        < MIN_CONTENT_CHARS;
    let words = crate::thesaurus::builtin();
    let mut spans = Vec::new();
    if thesaurus {
        // One pass over the whole text (no phrase spans a sentence end), then only the spans of
        // kept sentences: a search per sentence cost a search's setup per short sentence.
        words.spans(text, 0, text.len(), &mut spans);
        let mut k = kept.iter().peekable();
        spans.retain(|s| {
            while k.next_if(|&&(_, to)| to <= s.start).is_some() {}
            k.peek()
                .is_some_and(|&&(from, to)| from <= s.start && s.end <= to)
        });
    }
    let mut spans = spans.into_iter().peekable();
    let mut out = String::with_capacity(text.len() + 2);
    out.push(' ');
    let mut last = Gist::Boundary;
    // The end of a run of digits written as they are (an amount, a reference), and of a
    // thesaurus phrase already written or left out.
    let (mut literal_until, mut skip_until) = (0, 0);
    for (at, c) in chars() {
        if at < skip_until {
            continue;
        }
        while spans.next_if(|s| s.start < at).is_some() {}
        // A concept's phrase is written as the concept's word, a frame word is left out, and a
        // kept word goes on character by character.
        if let Some(span) = spans.next_if(|s| s.start == at)
            && span.action != crate::thesaurus::Action::Keep
        {
            if last != Gist::Boundary {
                out.push(' ');
            }
            if let crate::thesaurus::Action::Word(id) = span.action {
                out.push_str(words.word(id));
                out.push(' ');
            }
            last = Gist::Boundary;
            skip_until = span.end;
            continue;
        }
        let g = match gist(folded, original, at, c) {
            Gist::Hiragana if hiragana_counts => Gist::Content,
            Gist::Hiragana => Gist::Boundary,
            Gist::Digit if at < literal_until => Gist::Content,
            Gist::Digit if last != Gist::Digit && c.is_ascii_digit() => {
                match literal_digits(text, at) {
                    Some(end) => {
                        literal_until = end;
                        Gist::Content
                    }
                    None => Gist::Digit,
                }
            }
            g => g,
        };
        match g {
            Gist::Content => out.push(c),
            Gist::Digit if last != Gist::Digit => out.push('0'),
            Gist::Digit => {}
            _ if last != Gist::Boundary => out.push(' '),
            _ => {}
        }
        last = g;
    }
    if !out.ends_with(' ') {
        out.push(' ');
    }
    if out.len() == 1 {
        out.clear(); // no words at all: the empty view, similar to nothing
    }
    if thesaurus && out.bytes().any(|b| b.is_ascii_alphabetic()) {
        out = latin_words(&out);
    }
    out
}

/// Whether the folded sentence `text[from..to]` (ending in a sentence end or at the end of the
/// text) is a signature line: at most 16 characters, no hiragana in the original (names are
/// written in kanji, katakana or letters; a demand has okurigana: 金返せ, 直せ), and ended in the
/// original by a line break or the end of the mail, not by 。！？.
fn signature_line(folded: &Folded, original: &str, from: usize, to: usize) -> bool {
    let line = folded.text[from..to].trim_end_matches(SENTENCE_END);
    if line.is_empty() || line.chars().count() > 16 {
        return false;
    }
    let hiragana = line
        .char_indices()
        .any(|(i, c)| gist(folded, original, from + i, c) == Gist::Hiragana);
    if hiragana {
        return false;
    }
    let end = from + line.len();
    if end >= folded.text.len() {
        return true;
    }
    let start = folded.origin.get(end).map_or(usize::MAX, |o| o.0 as usize);
    matches!(
        original.get(start..).and_then(|s| s.chars().next()),
        Some('\n' | '\r')
    )
}

/// Each Latin word of the view (letters and digits, at least one letter) as one character of the
/// Supplementary Private Use Area chosen by a hash of the word, lightly stemmed (refunds,
/// refunded, refunding: refund). Character 2-grams of English say little (th, er and in are in
/// every mail), so two unrelated English questions looked alike; as one character per word, the
/// 2-grams of the view compare English mails word by word.
fn latin_words(view: &str) -> String {
    let mut out = String::with_capacity(view.len());
    for (i, word) in view.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let latin = word.bytes().all(|b| b.is_ascii_alphanumeric())
            && word.bytes().any(|b| b.is_ascii_alphabetic());
        if !latin {
            out.push_str(word);
            continue;
        }
        let stem = stem(word);
        // FNV-1a, fixed: the same word gives the same character in every process.
        let h = stem.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        });
        let code = 0xF_0000 + (h % 0xFFFE) as u32;
        out.push(char::from_u32(code).unwrap_or('\u{F0000}'));
    }
    out
}

/// A light English stem: the endings -ing, -ed, -es and -s taken off words long enough to keep a
/// stem of 3 letters.
fn stem(word: &str) -> &str {
    for ending in ["ing", "ed", "es", "s"] {
        if let Some(s) = word.strip_suffix(ending)
            && s.len() >= 3
            && !s.ends_with('s')
        {
            return s;
        }
    }
    word
}

/// Where a run of ASCII digits starting at `at` ends, if it is written as it is rather than as
/// `0`: an amount of money (300円, 4,980円 (the comma is folded away), 2千円, 300 yen) or part of a
/// reference of letters and digits (tk4471, a88213). Amounts and references name the one matter a
/// sender presses (the same 300円 in every mail); dates and times change from mail to mail and
/// stay `0`.
fn literal_digits(text: &str, at: usize) -> Option<usize> {
    let rest = &text[at..];
    let len = rest.bytes().take_while(u8::is_ascii_digit).count();
    let end = at + len;
    let after = &text[end..];
    let next = after.chars().next();
    let amount = after.starts_with('円')
        || ((after.starts_with('万') || after.starts_with('千')) && after[3..].starts_with('円'))
        || after.starts_with(" yen");
    let before = text[..at].chars().next_back();
    let reference = [before, next]
        .iter()
        .any(|c| c.is_some_and(|c| c.is_ascii_lowercase()));
    (amount || reference).then_some(end)
}

/// Words folded as mail text is (でしょうか becomes でしょか), so that fixed word lists of the
/// rules can be looked for in folded text.
pub fn fold_words(words: &[&str]) -> Vec<String> {
    words
        .iter()
        .map(|w| for_matching(w, usize::MAX).text)
        .collect()
}

/// Whether a folded sentence is a letter formula that says nothing of what the mail is about: a
/// greeting or closing (お世話になっております, よろしくお願いします, 以上), an address line
/// (〇〇課御中, 担当者様) or a short self-introduction (中央区の高橋です, 田中と申します).
fn formula(sentence: &str) -> bool {
    const OPENINGS: [&str; 24] = [
        "いつもお世話に",
        "お世話になっております",
        "お世話になります",
        "大変お世話に",
        "平素より",
        "平素は",
        "お疲れ様",
        "お疲れさま",
        "前略",
        "拝啓",
        "敬具",
        "草々",
        "以上",
        "よろしくお願い",
        "宜しくお願い",
        "どうぞよろしく",
        "何卒よろしく",
        "失礼いたします",
        "失礼します",
        "お忙しいところ",
        "突然のメール",
        "突然のご連絡",
        "ご担当者様",
        "担当者様",
    ];
    static FOLDED: std::sync::LazyLock<Vec<String>> =
        std::sync::LazyLock::new(|| fold_words(&OPENINGS));
    const LATIN: [&str; 17] = [
        "dear",
        "hello",
        "hi",
        "good morning",
        "good afternoon",
        "good evening",
        "to whom it may concern",
        "regards",
        "best regards",
        "kind regards",
        "best wishes",
        "sincerely",
        "yours sincerely",
        "yours faithfully",
        "thank you",
        "thanks",
        "many thanks",
    ];
    let s = sentence.trim();
    let few_words = s.split(' ').count() <= 5;
    if few_words
        && LATIN.iter().any(|w| {
            s.strip_prefix(w)
                .is_some_and(|r| r.is_empty() || r.starts_with(' '))
        })
    {
        return true;
    }
    let short = s.chars().count() <= 16;
    FOLDED.iter().any(|w| s.starts_with(w.as_str()))
        || (short && (s.ends_with("御中") || s.ends_with("様")))
        || (short && s.contains('の') && (s.ends_with("です") || s.ends_with("と申します")))
}

/// Character n-gram length for signatures of [`similarity_view`]: 2-grams of content words.
pub const SIMILARITY_SHINGLE: usize = 2;

/// Folds text for same-purpose comparison ([`similarity_view`] of [`for_matching`]), reading at
/// most `limit` bytes.
pub fn for_similarity_limited(text: &str, limit: usize) -> String {
    similarity_view(&for_matching(text, limit), text, usize::MAX)
}

/// [`for_similarity_limited`] with the limit same-purpose clustering uses in the application
/// ([`crate::content::SIMILARITY_LIMIT`]), so that the benchmark compares what ingest compares.
pub fn for_similarity(text: &str) -> String {
    for_similarity_limited(text, crate::content::SIMILARITY_LIMIT)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(text: &str) -> String {
        for_matching(text, usize::MAX).text
    }

    #[test]
    fn width_and_kana_variants_meet() {
        assert_eq!(m("ｾﾞｲｷﾝﾄﾞﾛﾎﾞｰ"), m("ぜいきんどろぼう"));
        assert_eq!(m("ゼイキンドロボウ"), m("ぜいきんどろぼう"));
        assert_eq!(m("ＫＩＬＬ ＹＯＵ"), "kill you");
        assert_eq!(m("税金泥棒"), "税金泥棒");
    }

    #[test]
    fn inserted_separators_are_removed() {
        for dodged in [
            "税 金 泥 棒",
            "税★金★泥★棒",
            "税-金-泥-棒",
            "税　金　泥　棒",
            "税!金!泥!棒",
            "税 . 金 . 泥 . 棒",
        ] {
            assert!(m(dodged).contains("税金泥棒"), "{dodged} -> {}", m(dodged));
        }
        // Latin words keep their spaces; Japanese text loses them.
        assert_eq!(m("I  will   kill you"), "i will kill you");
        assert_eq!(m("辞め ちまえ"), "辞めちまえ");
        // One dot or star inside a Japanese word is a dodge; 。 and 、 stay punctuation, and a
        // dot between Latin letters or digits stays a sentence end or a decimal point.
        assert_eq!(m("課長を殺.害する"), "課長を殺害する");
        assert_eq!(m("ば.く.は.する"), "ばくはする");
        assert_eq!(m("死＊ね"), "死ね");
        assert_eq!(m("住民票・戸籍"), "住民票戸籍");
        assert_eq!(m("回答しろ。今すぐ"), "回答しろ\n今すぐ");
        assert_eq!(m("ver.2 です"), "ver\n2です");
    }

    #[test]
    fn readings_in_brackets_are_dropped() {
        assert_eq!(m("殺(や)る"), "殺る");
        assert_eq!(
            m("刺（さ）す。場所(ばしょ)は窓口(まどぐち)"),
            "刺す\n場所は窓口"
        );
        assert_eq!(m("無理(笑)"), "無理笑");
        assert_eq!(m("あ(い)う"), "あいう");
    }

    #[test]
    fn emoji_of_harm_read_as_words() {
        assert_eq!(m("役所に🔥つけたろか"), "役所に火つけたろか");
        assert_eq!(m("💣仕掛けといたわ"), "爆弾仕掛けといたわ");
        assert_eq!(m("🔪待ってろ"), "ないふ待ってろ");
        assert_eq!(m("ありがとう😊"), "ありがと");
    }

    #[test]
    fn masked_characters_fold_to_one_mask() {
        assert_eq!(m("○す"), "〇す");
        assert_eq!(m("ぶっ◯ろす"), "ぶっ〇ろす");
        assert_eq!(m("×ね●ね"), "〇ね〇ね");
        // A mask is a letter: the chain of spaced-out letters takes it in.
        assert_eq!(m("税 ○ 泥 ○"), "税〇泥〇");
        // Squares and stars are bullets and decoration, not masks.
        assert_eq!(m("■連絡先"), "連絡先");
    }

    #[test]
    fn repeats_and_sentence_ends() {
        assert_eq!(m("死ねええええ！！！！"), "死ねえ\n");
        assert_eq!(m("回答しろ。今すぐだ!"), "回答しろ\n今すぐだ\n");
        assert_eq!(m("ここ"), "ここ");
    }

    #[test]
    fn original_text_is_recoverable() {
        let text = "おい、税 金 泥 棒！";
        let f = for_matching(text, usize::MAX);
        let at = f.text.find("税金泥棒").unwrap();
        let (a, b) = f.original_range(at, at + "税金泥棒".len());
        assert_eq!(&text[a..b], "税 金 泥 棒");
        let text = "ｾﾞｲｷﾝﾄﾞﾛﾎﾞｰめ";
        let f = for_matching(text, usize::MAX);
        let (a, b) = f.original_range(0, f.text.len() - "め".len());
        assert_eq!(&text[a..b], "ｾﾞｲｷﾝﾄﾞﾛﾎﾞｰ");
    }

    #[test]
    fn similarity_view_ignores_numbers_and_layout() {
        assert_eq!(
            for_similarity("回答期限は本日15時とします。"),
            for_similarity("回答期限は 本日 9時 とします!!")
        );
    }

    #[test]
    fn similarity_view_keeps_content_words() {
        for (text, view) in [
            // Words of one concept become its word; the letter's frame (件, 至急, お願い) goes.
            ("住民票の手数料を返せ。", " 住民票 料金 返金 "),
            (
                "住民票の費用の払い戻しの件、至急お願いします。",
                " 住民票 料金 返金 ",
            ),
            // Katakana (any width) is content though folded to hiragana; a run of digits is one
            // 0, except in an amount (folded like any text: 3000 is 30, the same in every mail).
            (
                "ｸﾋﾞはおかしい。5月10日に払った3,000円はミスだ",
                " くび 0月0日 払 30円 みす ",
            ),
            ("課長が謝れ。上司に土下座させろ", " 上司 謝罪 上司 謝罪 "),
            // Almost no content: the hiragana stays.
            ("ふざけるな。しね。", " ふざけるな しね "),
            ("。。！？", ""),
            ("", ""),
            // Letter formulas are left out...
            (
                "いつもお世話になっております。\n中央区の高橋です。\n駐輪場の定期券を返金してください。\nよろしくお願いします。",
                " 駐輪場 定期券 返金 ",
            ),
            // ...unless they are all the mail says.
            ("よろしくお願いします。", " よろしくお願いします "),
            // A short last line of names is a signature; the frame alone is kept.
            (
                "件名\n道路の段差を直してください。\n緑町5丁目　佐々木",
                " 件名 道路 段差 修理 ",
            ),
            ("至急確認をお願いします", " 至急確認 願 "),
        ] {
            assert_eq!(for_similarity(text), view, "{text}");
        }
    }

    #[test]
    fn rewordings_of_one_demand_stay_alike() {
        use crate::minhash::MinHasher;
        let h = MinHasher::new(128, SIMILARITY_SHINGLE, 0);
        let sig = |t: &str| h.signature(&for_similarity(t));
        let a = sig("住民票の手数料の件。区のミスだ。手数料を返せ。");
        let b = sig("住民票の手数料について、区のミスなので返金しろ。");
        let other = sig("駐車場の騒音について、夜間の見回りをお願いします。");
        assert!(a.similarity(&b) >= 0.4, "{}", a.similarity(&b));
        assert!(a.similarity(&other) < 0.2, "{}", a.similarity(&other));
    }

    /// An input, its folded text and the original byte range of each folded character.
    type Golden = (&'static str, &'static str, &'static [(usize, usize)]);

    /// Inputs with the folded text and each folded character's original range, as the
    /// multi-pass implementation before the single-pass rewrite produced them (the rewrite was
    /// checked against it on the corpora, random strings and every cut point).
    const GOLDEN: &[Golden] = &[
        ("", "", &[]),
        (
            "ｾ\u{ff9e}ｲｷﾝﾄ\u{ff9e}ﾛﾎ\u{ff9e}ｰ",
            "ぜきんどろぼ",
            &[(0, 9), (9, 12), (12, 15), (15, 21), (21, 24), (24, 33)],
        ),
        (
            "ゼイキンドロボウ",
            "ぜきんどろぼ",
            &[(0, 6), (6, 9), (9, 12), (12, 15), (15, 18), (18, 24)],
        ),
        (
            "ぜいきんどろぼう",
            "ぜきんどろぼ",
            &[(0, 6), (6, 9), (9, 12), (12, 15), (15, 18), (18, 24)],
        ),
        (
            "ＫＩＬＬ ＹＯＵ",
            "kill you",
            &[
                (0, 3),
                (3, 6),
                (6, 9),
                (9, 12),
                (12, 13),
                (13, 16),
                (16, 19),
                (19, 22),
            ],
        ),
        (
            "税 金 泥 棒",
            "税金泥棒",
            &[(0, 3), (4, 7), (8, 11), (12, 15)],
        ),
        (
            "税★金★泥★棒",
            "税金泥棒",
            &[(0, 3), (6, 9), (12, 15), (18, 21)],
        ),
        (
            "税!金!泥!棒",
            "税金泥棒",
            &[(0, 3), (4, 7), (8, 11), (12, 15)],
        ),
        (
            "税 . 金 . 泥 . 棒",
            "税金泥棒",
            &[(0, 3), (6, 9), (12, 15), (18, 21)],
        ),
        ("死.ね.ぇ", "死ねぇ", &[(0, 3), (4, 7), (8, 11)]),
        ("a b c d", "abcd", &[(0, 1), (2, 3), (4, 5), (6, 7)]),
        ("税  金", "税金", &[(0, 3), (5, 8)]),
        (
            "I  will   kill you",
            "i will kill you",
            &[
                (0, 1),
                (1, 2),
                (3, 4),
                (4, 5),
                (5, 6),
                (6, 7),
                (7, 8),
                (10, 11),
                (11, 12),
                (12, 13),
                (13, 14),
                (14, 15),
                (15, 16),
                (16, 17),
                (17, 18),
            ],
        ),
        (
            "辞め ちまえ",
            "辞めちまえ",
            &[(0, 3), (3, 6), (7, 10), (10, 13), (13, 16)],
        ),
        (
            "死ねええええ！！！！",
            "死ねえ\n",
            &[(0, 3), (3, 6), (6, 18), (18, 30)],
        ),
        (
            "回答しろ。今すぐだ!",
            "回答しろ\n今すぐだ\n",
            &[
                (0, 3),
                (3, 6),
                (6, 9),
                (9, 12),
                (12, 15),
                (15, 18),
                (18, 21),
                (21, 24),
                (24, 27),
                (27, 28),
            ],
        ),
        ("ここ", "ここ", &[(0, 3), (3, 6)]),
        (
            "おうう ぼう けい ねえ すー か〜 ア～ a~",
            "おぼけねえすかあa",
            &[
                (0, 9),
                (10, 16),
                (17, 23),
                (24, 27),
                (27, 30),
                (31, 37),
                (38, 44),
                (45, 51),
                (52, 53),
            ],
        ),
        (
            "か\u{3099}き\u{309a} ﾊ\u{ff9f}ﾋ\u{ff9f} ｶ\u{ff9e}",
            "がきぱぴが",
            &[(0, 6), (6, 12), (13, 19), (19, 25), (26, 32)],
        ),
        ("a\u{301}\u{301}bc", "ábc", &[(0, 5), (5, 6), (6, 7)]),
        ("\u{3099}ー", "ー", &[(3, 6)]),
        (
            "㍻㈱①Ⅳﬀ",
            "平成株1ivff",
            &[
                (0, 3),
                (0, 3),
                (3, 6),
                (6, 9),
                (9, 12),
                (9, 12),
                (12, 15),
                (12, 15),
            ],
        ),
        (
            "İSTANBUL ß Σ",
            "istanbulßσ",
            &[
                (0, 2),
                (2, 3),
                (3, 4),
                (4, 5),
                (5, 6),
                (6, 7),
                (7, 8),
                (8, 9),
                (10, 12),
                (13, 15),
            ],
        ),
        ("🙂🙂🙂😡", "", &[]),
        (
            "\r\n\r\n回答\r\n",
            "\n回答\n",
            &[(0, 4), (4, 7), (7, 10), (10, 12)],
        ),
        (
            "ＡＢＣ１２３！？（テスト）",
            "abc123\nてすと",
            &[
                (0, 3),
                (3, 6),
                (6, 9),
                (9, 12),
                (12, 15),
                (15, 18),
                (18, 24),
                (27, 30),
                (30, 33),
                (33, 36),
            ],
        ),
        (
            "々ゝゞヽヾ〆",
            "々ゝゞゝゞ〆",
            &[(0, 3), (3, 6), (6, 9), (9, 12), (12, 15), (15, 18)],
        ),
        (
            "\u{3000}全角\u{3000}スペース\u{3000}",
            "全角すぺす",
            &[(3, 6), (6, 9), (12, 15), (15, 21), (21, 24)],
        ),
        (
            "「税金」『泥棒』、・…",
            "税金泥棒\n",
            &[(3, 6), (6, 9), (15, 18), (18, 21), (30, 33)],
        ),
        ("wwwwww 草草草草", "w草", &[(0, 6), (7, 19)]),
        (
            "回答期限は本日15時とします。",
            "回答期限は本日15時とします\n",
            &[
                (0, 3),
                (3, 6),
                (6, 9),
                (9, 12),
                (12, 15),
                (15, 18),
                (18, 21),
                (21, 22),
                (22, 23),
                (23, 26),
                (26, 29),
                (29, 32),
                (32, 35),
                (35, 38),
                (38, 41),
            ],
        ),
        (
            "おい、税 金 泥 棒！",
            "おい税金泥棒\n",
            &[
                (0, 3),
                (3, 6),
                (9, 12),
                (13, 16),
                (17, 20),
                (21, 24),
                (24, 27),
            ],
        ),
        (
            "ヴァカ ヷ ヵヶ",
            "ゔぁかヷゕゖ",
            &[(0, 3), (3, 6), (6, 9), (10, 13), (14, 17), (17, 20)],
        ),
        (
            "ﾃ\u{ff9e}ﾃ\u{ff9e}ﾃ\u{ff9e}ﾃ\u{ff9e} ｰｰｰ",
            "でー",
            &[(0, 24), (25, 34)],
        ),
        (
            "x y z . 1 2 3",
            "xyz123",
            &[(0, 1), (2, 3), (4, 5), (8, 9), (10, 11), (12, 13)],
        ),
    ];

    #[test]
    fn golden_foldings_stay_the_same() {
        for &(input, text, ranges) in GOLDEN {
            let f = for_matching(input, usize::MAX);
            assert_eq!(f.text, text, "{input:?}");
            assert_eq!(f.origin.len(), f.text.len(), "{input:?}");
            let mut at = 0;
            let got: Vec<(usize, usize)> = f
                .text
                .chars()
                .map(|c| {
                    let (start, end) = (at, at + c.len_utf8());
                    at = end;
                    // Every byte of a character carries its range.
                    assert!(f.origin[start..end].iter().all(|o| *o == f.origin[start]));
                    f.original_range(start, end)
                })
                .collect();
            assert_eq!(got, ranges, "{input:?}");
        }
    }

    #[test]
    fn shortcut_tables_agree_with_the_unicode_tables() {
        for b in 0..128u8 {
            assert_eq!(ASCII_CLASS[usize::from(b)], class(char::from(b)), "{b}");
        }
        for code in 0x3000..=0x9FFF {
            let c = char::from_u32(code).unwrap();
            if let Some((folded, class_of)) = common_cjk(code) {
                let nfkc: String = c.to_string().nfkc().collect();
                let want = if nfkc == " " {
                    ' '
                } else {
                    kana_to_hiragana(c)
                };
                assert_eq!((folded, class_of), (want, class(want)), "{c}");
            }
        }
        // `gist` (similarity_view) takes ideographs as content before asking is_numeric.
        assert!((0x4000..=0x9FFF).all(|code| !char::from_u32(code).unwrap().is_numeric()));
    }

    #[test]
    fn hostile_inputs_do_not_panic() {
        let big = "あ".repeat(400_000);
        assert_eq!(m(&big), "あ");
        assert!(for_matching(&big, 1001).text.len() <= 3);
        for s in [
            "",
            "\u{3099}",
            "ﾞﾞﾞ",
            "🙂🙂🙂",
            "a\u{0301}\u{0301}",
            "\r\n\r\n",
            "ー",
        ] {
            let _ = for_matching(s, usize::MAX);
            let _ = for_similarity(s);
        }
    }

    /// The decoded subject and text of every mail of the test corpora.
    fn corpus_texts() -> Vec<String> {
        use mailward_mail::decode::decode;
        use mailward_mail::mbox::{MboxReader, Quoting};
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        for dir in [
            "tests/corpus/mbox/tune",
            "tests/corpus/mbox/heldout",
            "tests/corpus-fresh/mbox",
            "../mail/tests/japanese",
        ] {
            for e in std::fs::read_dir(root.join(dir)).unwrap() {
                files.push(e.unwrap().path());
            }
        }
        files.sort();
        let mut texts = Vec::new();
        for path in &files {
            let bytes = std::fs::read(path).unwrap();
            let mails = match path.extension().and_then(|x| x.to_str()) {
                Some("mbox") => MboxReader::new(&bytes[..], Quoting::Mboxrd)
                    .map(|m| m.unwrap().bytes)
                    .collect(),
                Some("eml") => vec![bytes],
                _ => Vec::new(),
            };
            for mail in mails {
                let d = decode(&mail);
                texts.extend(d.subject);
                texts.push(d.text);
            }
        }
        assert!(texts.len() > 1000, "corpus missing: {} texts", texts.len());
        texts
    }

    /// Folds every decoded corpus text 20 times, for profiling:
    /// `cargo test --release -p mailward-triage fold_bench -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn fold_bench() {
        let texts = corpus_texts();
        let bytes: usize = texts.iter().map(|t| t.len()).sum();
        let rounds: usize = std::env::var("FOLD_ROUNDS")
            .ok()
            .and_then(|r| r.parse().ok())
            .unwrap_or(20);
        let (mut matching, mut similarity) = (std::time::Duration::ZERO, std::time::Duration::ZERO);
        let mut sink = 0usize;
        for _ in 0..rounds {
            for t in &texts {
                let t0 = std::time::Instant::now();
                let f = for_matching(std::hint::black_box(t), 256 << 10);
                let t1 = std::time::Instant::now();
                let s = similarity_view(&f, t, 16 << 10);
                matching += t1 - t0;
                similarity += t1.elapsed();
                sink += f.text.len() + s.len() + f.original_range(0, 1).1;
            }
        }
        println!(
            "fold_bench: {} texts, {bytes} bytes, {rounds} rounds: for_matching {:.1} ns/byte, \
             similarity_view {:.1} ns/byte ({sink})",
            texts.len(),
            matching.as_nanos() as f64 / (bytes * rounds) as f64,
            similarity.as_nanos() as f64 / (bytes * rounds) as f64,
        );
    }
}
