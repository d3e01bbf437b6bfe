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

/// Combining marks that belong to the character before them (dakuten in every form).
#[inline]
fn is_mark(c: char) -> bool {
    matches!(
        c,
        '\u{0300}'..='\u{036F}' | '\u{3099}' | '\u{309A}' | '\u{FF9E}' | '\u{FF9F}'
    )
}

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

/// One character after NFKC, lower case and kana folding, with its origin.
#[derive(Clone, Copy, Debug)]
struct Unit {
    c: char,
    class: Class,
    from: u32,
    to: u32,
}

/// Splits the text into units: each base character with its marks, NFKC-normalised, lower-cased,
/// katakana turned into hiragana. Stops after `limit` bytes of input. ASCII and the common
/// Japanese blocks skip the normaliser (NFKC leaves them alone).
fn units(text: &str, limit: usize) -> Vec<Unit> {
    let text = &text[..floor_char_boundary(text, limit)];
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(text.len());
    let mut buf = String::new();
    let mut at = 0;
    while at < bytes.len() {
        let b = bytes[at];
        // Marks only follow as non-ASCII bytes, so an ASCII byte followed by ASCII is whole.
        if b < 0x80 && bytes.get(at + 1).is_none_or(|n| *n < 0x80) {
            let c = char::from(b.to_ascii_lowercase());
            out.push(Unit {
                c,
                class: class(c),
                from: at as u32,
                to: at as u32 + 1,
            });
            at += 1;
            continue;
        }
        let Some(c) = text[at..].chars().next() else {
            break;
        };
        let mut end = at + c.len_utf8();
        // A mark's UTF-8 form starts with one of these bytes (U+0300..U+036F, U+3099/U+309A,
        // U+FF9E/U+FF9F): most characters are settled without decoding the next one.
        while bytes
            .get(end)
            .is_some_and(|b| matches!(b, 0xCC | 0xCD | 0xE3 | 0xEF))
        {
            match text[end..].chars().next().filter(|n| is_mark(*n)) {
                Some(next) => end += next.len_utf8(),
                None => break,
            }
        }
        let (from, to) = (at as u32, end as u32);
        let mut push = |c: char| {
            if c.is_ascii() {
                let c = c.to_ascii_lowercase();
                out.push(Unit {
                    c,
                    class: class(c),
                    from,
                    to,
                });
                return;
            }
            for lower in c.to_lowercase() {
                let c = kana_to_hiragana(lower);
                out.push(Unit {
                    c,
                    class: class(c),
                    from,
                    to,
                });
            }
        };
        if end == at + c.len_utf8() && nfkc_stable(c) {
            // Kana and ideographs have no case: no lower-casing table lookup.
            let c = kana_to_hiragana(c);
            out.push(Unit {
                c,
                class: class(c),
                from,
                to,
            });
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

/// Drops long-vowel marks and the う/い that lengthen a vowel, so that spellings of one
/// reading meet. In place.
fn fold_long_vowels(units: &mut Vec<Unit>) {
    let mut w: usize = 0;
    for r in 0..units.len() {
        let u = units[r];
        let prev = w.checked_sub(1).map(|p| units[p].c);
        let lengthens = match u.c {
            'ー' | '〜' | '～' | '~' => prev.and_then(vowel_of).is_some(),
            'う' => matches!(prev.and_then(vowel_of), Some(b'o' | b'u')),
            'い' => matches!(prev.and_then(vowel_of), Some(b'e' | b'i')),
            _ => false,
        };
        if lengthens {
            units[w - 1].to = units[w - 1].to.max(u.to);
            continue;
        }
        units[w] = u;
        w += 1;
    }
    units.truncate(w);
}

/// Joins characters spaced out to dodge a filter: three or more single word characters in a
/// row, each separated by one to three non-word characters (税 金 泥 棒, 死.ね.ぇ, 税!金!泥!棒).
fn join_spaced_out(units: &mut Vec<Unit>) {
    let n = units.len();
    let single = |units: &[Unit], k: usize| {
        units[k].class == Class::Word
            && (k == 0 || units[k - 1].class != Class::Word)
            && (k + 1 == n || units[k + 1].class != Class::Word)
    };
    let mut drop: Option<Vec<bool>> = None;
    let mut i = 0;
    while i < n {
        if !single(units, i) {
            i += 1;
            continue;
        }
        let (start, mut k, mut count) = (i, i, 1);
        loop {
            let mut j = k + 1;
            while j < n && units[j].class != Class::Word && j - k <= 3 {
                j += 1;
            }
            if j < n && j - k >= 2 && j - k <= 4 && single(units, j) {
                k = j;
                count += 1;
            } else {
                break;
            }
        }
        if count >= 3 {
            let d = drop.get_or_insert_with(|| vec![false; n]);
            for (x, u) in d[start..=k].iter_mut().zip(&units[start..=k]) {
                *x = u.class != Class::Word;
            }
        }
        i = k + 1;
    }
    if let Some(d) = drop {
        let mut keep = d.iter().map(|d| !d);
        units.retain(|_| keep.next().unwrap_or(true));
    }
}

/// Folds mail text for lexicon matching, reading at most `limit` bytes of it.
pub fn for_matching(text: &str, limit: usize) -> Folded {
    let mut units = units(text, limit);
    fold_long_vowels(&mut units);
    join_spaced_out(&mut units);
    let mut out = Folded {
        text: String::with_capacity(units.len() + units.len() / 2),
        origin: Vec::with_capacity(units.len() + units.len() / 2),
    };
    let mut pending_space: Option<Unit> = None;
    let mut last: Option<char> = None;
    let mut run = 0usize;
    for u in units {
        let c = match u.class {
            Class::Word => u.c,
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

fn push_char(out: &mut Folded, c: char, u: Unit) {
    out.text.push(c);
    for _ in 0..c.len_utf8() {
        out.origin.push((u.from, u.to));
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

/// The comparison view of already folded text (see [`for_similarity`]), reading at most `limit`
/// bytes of it.
pub fn similarity_view(folded: &str, limit: usize) -> String {
    let folded = &folded[..floor_char_boundary(folded, limit)];
    let mut out = String::with_capacity(folded.len());
    let mut in_digits = false;
    for c in folded.chars() {
        if c == SENTENCE_END || c == ' ' {
            continue;
        }
        // Kana and ideographs are never numeric: no table lookup for them.
        if c.is_ascii_digit() || (!c.is_ascii() && !nfkc_stable(c) && c.is_numeric()) {
            if !in_digits {
                out.push('0');
            }
            in_digits = true;
            continue;
        }
        in_digits = false;
        out.push(c);
    }
    out
}

/// Folds text for near-duplicate comparison: the matching view without sentence breaks or
/// spaces, and every run of digits as one `0`, so that rewordings with new dates and deadlines
/// still look alike. Reads at most `limit` bytes.
pub fn for_similarity_limited(text: &str, limit: usize) -> String {
    similarity_view(&for_matching(text, limit).text, usize::MAX)
}

/// [`for_similarity_limited`] with the limit same-purpose clustering uses (16 KiB of text: a
/// demand is short, and a long newsletter needs no more to tell it apart).
pub fn for_similarity(text: &str) -> String {
    for_similarity_limited(text, 16 << 10)
}

/// The implementation before the single-pass rewrite, verbatim, for the differential tests.
#[cfg(test)]
#[allow(dead_code, missing_docs)]
mod reference {
    use unicode_normalization::UnicodeNormalization;

    pub const SENTENCE_END: char = '\n';

    #[derive(Clone, Debug, Default)]
    pub struct Folded {
        pub text: String,
        pub origin: Vec<(u32, u32)>,
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

    /// Combining marks that belong to the character before them (dakuten in every form).
    #[inline]
    fn is_mark(c: char) -> bool {
        matches!(
            c,
            '\u{0300}'..='\u{036F}' | '\u{3099}' | '\u{309A}' | '\u{FF9E}' | '\u{FF9F}'
        )
    }

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
        b'a', b'a', b'i', b'i', b'u', b'u', b'e', b'e', b'o', b'o', b'a', b'a', b'i', b'i', b'u',
        b'u', b'e', b'e', b'o', b'o', b'a', b'a', b'i', b'i', b'u', b'u', b'e', b'e', b'o', b'o',
        b'a', b'a', b'i', b'i', 0, b'u', b'u', b'e', b'e', b'o', b'o', b'a', b'i', b'u', b'e',
        b'o', b'a', b'a', b'a', b'i', b'i', b'i', b'u', b'u', b'u', b'e', b'e', b'e', b'o', b'o',
        b'o', b'a', b'i', b'u', b'e', b'o', b'a', b'a', b'u', b'u', b'o', b'o', b'a', b'i', b'u',
        b'e', b'o', b'a', b'a', 0, 0, b'o', 0, b'u', 0, 0,
    ];

    /// The vowel row of a hiragana, if it has one.
    fn vowel_of(c: char) -> Option<u8> {
        let i = (c as u32).checked_sub(0x3041)? as usize;
        VOWELS.get(i).copied().filter(|v| *v != 0)
    }

    /// One character after NFKC, lower case and kana folding, with its origin.
    #[derive(Clone, Copy, Debug)]
    struct Unit {
        c: char,
        class: Class,
        from: u32,
        to: u32,
    }

    /// Splits the text into units: each base character with its marks, NFKC-normalised, lower-cased,
    /// katakana turned into hiragana. Stops after `limit` bytes of input. ASCII and the common
    /// Japanese blocks skip the normaliser (NFKC leaves them alone).
    fn units(text: &str, limit: usize) -> Vec<Unit> {
        let text = &text[..floor_char_boundary(text, limit)];
        let bytes = text.as_bytes();
        let mut out = Vec::with_capacity(text.len());
        let mut buf = String::new();
        let mut at = 0;
        while at < bytes.len() {
            let b = bytes[at];
            // Marks only follow as non-ASCII bytes, so an ASCII byte followed by ASCII is whole.
            if b < 0x80 && bytes.get(at + 1).is_none_or(|n| *n < 0x80) {
                let c = char::from(b.to_ascii_lowercase());
                out.push(Unit {
                    c,
                    class: class(c),
                    from: at as u32,
                    to: at as u32 + 1,
                });
                at += 1;
                continue;
            }
            let Some(c) = text[at..].chars().next() else {
                break;
            };
            let mut end = at + c.len_utf8();
            // A mark's UTF-8 form starts with one of these bytes (U+0300..U+036F, U+3099/U+309A,
            // U+FF9E/U+FF9F): most characters are settled without decoding the next one.
            while bytes
                .get(end)
                .is_some_and(|b| matches!(b, 0xCC | 0xCD | 0xE3 | 0xEF))
            {
                match text[end..].chars().next().filter(|n| is_mark(*n)) {
                    Some(next) => end += next.len_utf8(),
                    None => break,
                }
            }
            let (from, to) = (at as u32, end as u32);
            let mut push = |c: char| {
                if c.is_ascii() {
                    let c = c.to_ascii_lowercase();
                    out.push(Unit {
                        c,
                        class: class(c),
                        from,
                        to,
                    });
                    return;
                }
                for lower in c.to_lowercase() {
                    let c = kana_to_hiragana(lower);
                    out.push(Unit {
                        c,
                        class: class(c),
                        from,
                        to,
                    });
                }
            };
            if end == at + c.len_utf8() && nfkc_stable(c) {
                // Kana and ideographs have no case: no lower-casing table lookup.
                let c = kana_to_hiragana(c);
                out.push(Unit {
                    c,
                    class: class(c),
                    from,
                    to,
                });
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

    /// Drops long-vowel marks and the う/い that lengthen a vowel, so that spellings of one
    /// reading meet. In place.
    fn fold_long_vowels(units: &mut Vec<Unit>) {
        let mut w: usize = 0;
        for r in 0..units.len() {
            let u = units[r];
            let prev = w.checked_sub(1).map(|p| units[p].c);
            let lengthens = match u.c {
                'ー' | '〜' | '～' | '~' => prev.and_then(vowel_of).is_some(),
                'う' => matches!(prev.and_then(vowel_of), Some(b'o' | b'u')),
                'い' => matches!(prev.and_then(vowel_of), Some(b'e' | b'i')),
                _ => false,
            };
            if lengthens {
                units[w - 1].to = units[w - 1].to.max(u.to);
                continue;
            }
            units[w] = u;
            w += 1;
        }
        units.truncate(w);
    }

    /// Joins characters spaced out to dodge a filter: three or more single word characters in a
    /// row, each separated by one to three non-word characters (税 金 泥 棒, 死.ね.ぇ, 税!金!泥!棒).
    fn join_spaced_out(units: &mut Vec<Unit>) {
        let n = units.len();
        let single = |units: &[Unit], k: usize| {
            units[k].class == Class::Word
                && (k == 0 || units[k - 1].class != Class::Word)
                && (k + 1 == n || units[k + 1].class != Class::Word)
        };
        let mut drop: Option<Vec<bool>> = None;
        let mut i = 0;
        while i < n {
            if !single(units, i) {
                i += 1;
                continue;
            }
            let (start, mut k, mut count) = (i, i, 1);
            loop {
                let mut j = k + 1;
                while j < n && units[j].class != Class::Word && j - k <= 3 {
                    j += 1;
                }
                if j < n && j - k >= 2 && j - k <= 4 && single(units, j) {
                    k = j;
                    count += 1;
                } else {
                    break;
                }
            }
            if count >= 3 {
                let d = drop.get_or_insert_with(|| vec![false; n]);
                for (x, u) in d[start..=k].iter_mut().zip(&units[start..=k]) {
                    *x = u.class != Class::Word;
                }
            }
            i = k + 1;
        }
        if let Some(d) = drop {
            let mut keep = d.iter().map(|d| !d);
            units.retain(|_| keep.next().unwrap_or(true));
        }
    }

    /// Folds mail text for lexicon matching, reading at most `limit` bytes of it.
    pub fn for_matching(text: &str, limit: usize) -> Folded {
        let mut units = units(text, limit);
        fold_long_vowels(&mut units);
        join_spaced_out(&mut units);
        let mut out = Folded {
            text: String::with_capacity(units.len() + units.len() / 2),
            origin: Vec::with_capacity(units.len() + units.len() / 2),
        };
        let mut pending_space: Option<Unit> = None;
        let mut last: Option<char> = None;
        let mut run = 0usize;
        for u in units {
            let c = match u.class {
                Class::Word => u.c,
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

    fn push_char(out: &mut Folded, c: char, u: Unit) {
        out.text.push(c);
        for _ in 0..c.len_utf8() {
            out.origin.push((u.from, u.to));
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

    /// The comparison view of already folded text (see [`for_similarity`]), reading at most `limit`
    /// bytes of it.
    pub fn similarity_view(folded: &str, limit: usize) -> String {
        let folded = &folded[..floor_char_boundary(folded, limit)];
        let mut out = String::with_capacity(folded.len());
        let mut in_digits = false;
        for c in folded.chars() {
            if c == SENTENCE_END || c == ' ' {
                continue;
            }
            // Kana and ideographs are never numeric: no table lookup for them.
            if c.is_ascii_digit() || (!c.is_ascii() && !nfkc_stable(c) && c.is_numeric()) {
                if !in_digits {
                    out.push('0');
                }
                in_digits = true;
                continue;
            }
            in_digits = false;
            out.push(c);
        }
        out
    }
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

    /// Every mail text of the test corpora: each mail's decoded subject and text and, unless
    /// `decoded_only`, each mbox file and mail as lossy UTF-8.
    pub(super) fn corpus_texts(decoded_only: bool) -> Vec<String> {
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
        let raw = |texts: &mut Vec<String>, bytes: &[u8]| {
            if !decoded_only {
                texts.push(String::from_utf8_lossy(bytes).into_owned());
            }
        };
        for path in &files {
            let bytes = std::fs::read(path).unwrap();
            let mails = match path.extension().and_then(|x| x.to_str()) {
                Some("mbox") => MboxReader::new(&bytes[..], Quoting::Mboxrd)
                    .map(|m| m.unwrap().bytes)
                    .collect(),
                Some("eml") => vec![bytes.clone()],
                _ => Vec::new(),
            };
            raw(&mut texts, &bytes);
            for mail in mails {
                raw(&mut texts, &mail);
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
        let texts = corpus_texts(true);
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
                let s = similarity_view(&f.text, 16 << 10);
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

/// The rewrite against the implementation before it: the same text and the same origin of
/// every byte, for corpus mails, random strings and every cut point.
#[cfg(test)]
mod differential {
    use super::*;

    fn same(text: &str, limit: usize) {
        let new = for_matching(text, limit);
        let old = reference::for_matching(text, limit);
        assert_eq!(new.text, old.text, "text of {text:?} at limit {limit}");
        assert_eq!(
            new.origin, old.origin,
            "origin of {text:?} at limit {limit}"
        );
        assert_eq!(
            similarity_view(&new.text, limit),
            reference::similarity_view(&old.text, limit),
            "similarity view of {text:?} at limit {limit}"
        );
    }

    #[test]
    fn corpus_texts_fold_the_same() {
        let texts = tests::corpus_texts(false);
        for t in &texts {
            same(t, usize::MAX);
            same(t, 256 << 10);
            same(t, 1000);
        }
        eprintln!("{} corpus texts", texts.len());
    }

    #[test]
    fn every_cut_point_folds_the_same() {
        let texts = tests::corpus_texts(false);
        let mut picked: Vec<&String> = texts
            .iter()
            .filter(|t| t.len() > 200 && !t.is_ascii())
            .take(6)
            .collect();
        let extra = [
            "ｾﾞｲｷﾝﾄﾞﾛﾎﾞｰめ！！ 税 金 泥 棒 ドロボー〜〜 おうう KILL  you ㍻ ﬀ İ a\u{301}\u{301}",
            "死ねええええ！！！！ 税★金★泥★棒 ｶﾞｷﾞ か\u{3099}き\u{309A} ﾊﾟﾋﾟ \u{3099}ー〜～~ 🙂🙂🙂",
        ];
        let extra: Vec<String> = extra.iter().map(|s| s.to_string()).collect();
        picked.extend(extra.iter());
        let mut cases = 0;
        for t in picked {
            for limit in 0..=t.len() + 1 {
                same(t, limit);
                cases += 1;
            }
        }
        eprintln!("{cases} cut points");
    }

    /// A small deterministic generator (SplitMix64), so that no dependency is needed.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = self.0;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        }
        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
        fn pick<'a>(&mut self, s: &'a [&'a str]) -> &'a str {
            s[self.below(s.len())]
        }
    }

    const POOLS: &[&[&str]] = &[
        &[
            "a", "b", "k", "z", "A", "Z", "0", "7", "9", "ab", "KILL", "you",
        ],
        &[
            "あ", "い", "う", "え", "お", "か", "き", "こ", "そ", "ね", "ぼ", "ろ", "ん", "っ",
            "ゃ", "ゔ", "ゝ", "ゞ", "ぁ", "ぃ", "ぅ",
        ],
        &[
            "ア", "イ", "ウ", "エ", "オ", "カ", "ボ", "ロ", "ン", "ッ", "ヴ", "ヵ", "ヶ", "ヷ",
            "ヸ", "ヺ", "ヽ", "ヾ", "ァ", "ゥ",
        ],
        &[
            "ｱ", "ｲ", "ｳ", "ｴ", "ｵ", "ｶ", "ｾ", "ﾄ", "ﾎ", "ﾝ", "ｯ", "ｰ", "ﾞ", "ﾟ", "｡", "､", "･", "ｧ",
        ],
        &[
            "\u{3099}", "\u{309A}", "\u{FF9E}", "\u{FF9F}", "\u{0301}", "\u{0308}", "\u{309B}",
            "\u{309C}",
        ],
        &[
            "税", "金", "泥", "棒", "死", "々", "〆", "辞", "𠮷", "﨑", "㍻", "㈱", "①", "Ⅳ", "ﬀ",
            "İ", "ß", "Σ", "ς", "ǅ", "Å", "¨", "ǰ",
        ],
        &[
            "Ａ", "ｚ", "０", "９", "！", "？", "．", "：", "（", "）", "＠", "　", "～",
        ],
        &[" ", "  ", "\t", "\u{3000}", "\u{A0}", "\n", "\r\n", "\r"],
        &[
            "。", "．", ".", "!", "?", "！", "？", "｡", "、", ",", "-", "・", "「", "」",
        ],
        &["★", "☆", "♪", "※", "■", "*", "#", "_", "/", "→"],
        &["ー", "〜", "～", "~", "ｰ", "ーー", "〜〜"],
        &["🙂", "😡", "👍🏻", "❤️", "🇯🇵", "\u{200B}", "\u{FEFF}"],
    ];

    fn random_text(rng: &mut Rng) -> String {
        let len = rng.below(40);
        let mut s = String::new();
        let mut prev = String::new();
        for _ in 0..len {
            let piece = match rng.below(10) {
                // Repeats of the last piece (しねええええ, 税 金 泥 棒).
                0 | 1 if !prev.is_empty() => prev.clone(),
                _ => {
                    let pool = POOLS[rng.below(POOLS.len())];
                    rng.pick(pool).to_string()
                }
            };
            s.push_str(&piece);
            prev = piece;
        }
        s
    }

    fn random_cases(seed: u64, n: usize) {
        let mut rng = Rng(seed);
        for _ in 0..n {
            let text = random_text(&mut rng);
            let limit = if rng.below(4) == 0 {
                rng.below(text.len() + 2)
            } else {
                usize::MAX
            };
            same(&text, limit);
        }
    }

    #[test]
    fn random_texts_fold_the_same() {
        random_cases(1, 20_000);
    }

    /// Many more random cases: `cargo test --release -p mailward-triage random_texts_many --
    /// --ignored`.
    #[test]
    #[ignore]
    fn random_texts_many() {
        let n: usize = std::env::var("FOLD_CASES")
            .ok()
            .and_then(|r| r.parse().ok())
            .unwrap_or(500_000);
        random_cases(0x5EED, n);
    }
}
