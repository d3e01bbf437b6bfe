//! Turning bytes in a named (or unnamed) charset into text, the way Japanese mail needs it.
//!
//! Japanese mailers label the same encodings many ways (`cp932`, `windows-31j`, `x-sjis`,
//! `ISO-2022-JP-MS`, `CP50220`...), and some send no label at all. Every label maps onto one of
//! encoding_rs's WHATWG decoders, whose Shift_JIS and ISO-2022-JP tables already include the NEC
//! and IBM extensions (①, ㈱, 髙). Unlabelled bytes are recognised (ISO-2022-JP escapes, UTF-8)
//! or guessed with chardetng, and a guess is always reported as a warning.

use encoding_rs::{EUC_JP, Encoding, ISO_2022_JP, SHIFT_JIS, UTF_8};

/// The decoder for a charset label, including the Japanese aliases WHATWG does not list.
pub fn encoding_for(label: &str) -> Option<&'static Encoding> {
    let l = label
        .trim()
        .trim_matches('"')
        .to_ascii_lowercase()
        .replace('_', "-");
    match l.as_str() {
        "cp932" | "ms932" | "windows-31j" | "x-sjis" | "sjis" | "shift-jis" | "x-ms-cp932"
        | "ms-kanji" | "csshiftjis" | "shiftjis" | "sjis-open" | "sjis-win" => Some(SHIFT_JIS),
        "iso-2022-jp" | "iso-2022-jp-ms" | "iso-2022-jp-1" | "iso-2022-jp-2" | "iso-2022-jp-3"
        | "iso-2022-jp-2004" | "cp50220" | "cp50221" | "cp50222" | "csiso2022jp" | "jis"
        | "x-cp50220" | "x-cp50221" | "iso2022jp" => Some(ISO_2022_JP),
        "euc-jp" | "x-euc-jp" | "cp51932" | "eucjp-ms" | "eucjp-win" | "eucjp" => Some(EUC_JP),
        _ => Encoding::for_label(label.trim().trim_matches('"').as_bytes())
            .or_else(|| Encoding::for_label(l.as_bytes())),
    }
}

/// True when bytes carry ISO-2022-JP escape sequences into a Japanese character set.
pub fn has_iso2022jp_escapes(bytes: &[u8]) -> bool {
    bytes.windows(3).any(|w| {
        matches!(
            w,
            [0x1b, b'$', b'B'] | [0x1b, b'$', b'@'] | [0x1b, b'(', b'I']
        )
    })
}

/// Decodes bytes with an optional label. Returns the text and a warning when the charset had to
/// be guessed, was unknown, or the bytes did not fit it.
pub fn decode_text(bytes: &[u8], label: Option<&str>) -> (String, Option<String>) {
    if let Some(label) = label.filter(|l| !l.trim().is_empty()) {
        if let Some(encoding) = encoding_for(label) {
            // Bytes labelled as something else but carrying ISO-2022-JP escapes are ISO-2022-JP
            // (old mailers label JIS text "us-ascii").
            let encoding = if encoding != ISO_2022_JP
                && has_iso2022jp_escapes(bytes)
                && !bytes.iter().any(|&b| b >= 0x80)
            {
                ISO_2022_JP
            } else {
                encoding
            };
            let (text, had_errors) = decode_as(encoding, bytes);
            let warning = had_errors.then(|| {
                format!(
                    "some bytes are not valid {} (labelled {label:?}); replaced with U+FFFD",
                    encoding.name()
                )
            });
            return (text, warning);
        }
        // Charsets outside WHATWG (UTF-7, some legacy code pages) that mail-parser knows.
        let known = if label.to_ascii_lowercase().contains("utf-7") {
            "utf-7"
        } else {
            label.trim()
        };
        if let Some(decoder) =
            mail_parser::decoders::charsets::map::charset_decoder(known.as_bytes())
        {
            return (decoder(bytes), None);
        }
        let (text, guessed) = guess(bytes);
        return (
            text,
            Some(format!(
                "unknown charset {label:?}; decoded as {guessed} (guessed)"
            )),
        );
    }
    if !bytes.iter().any(|&b| b >= 0x80 || b == 0x1b) {
        return (String::from_utf8_lossy(bytes).into_owned(), None);
    }
    let (text, found) = guess(bytes);
    let warning = match found {
        f if f == UTF_8.name() => None,
        f if f == ISO_2022_JP.name() => {
            Some("no charset given; ISO-2022-JP recognised by its escape sequences".to_string())
        }
        f => Some(format!("no charset given; decoded as {f} (guessed)")),
    };
    (text, warning)
}

/// Decodes with one encoding; ISO-2022-JP input has its redundant escape pairs collapsed first.
/// Returns the text and whether any bytes did not fit.
fn decode_as(encoding: &'static Encoding, bytes: &[u8]) -> (String, bool) {
    let (text, had_errors) = if encoding == ISO_2022_JP {
        let collapsed = collapse_escapes(bytes);
        let (text, errors) = encoding.decode_without_bom_handling(&collapsed);
        (text.into_owned(), errors)
    } else {
        let (text, errors) = encoding.decode_without_bom_handling(bytes);
        (text.into_owned(), errors)
    };
    (text, had_errors)
}

/// Drops an ISO-2022-JP escape sequence that is immediately followed by another one. Mailers
/// write such pairs (a word ending in `ESC ( B` joined to one starting with `ESC $ B`); the
/// WHATWG decoder counts the empty run between them as an error, but no character is lost by
/// removing the first escape.
fn collapse_escapes(bytes: &[u8]) -> Vec<u8> {
    let escape_len = |b: &[u8]| -> Option<usize> {
        match b {
            [0x1b, b'(', b'B' | b'J' | b'I', ..] | [0x1b, b'$', b'@' | b'B', ..] => Some(3),
            [0x1b, b'$', b'(', b'D', ..] => Some(4),
            _ => None,
        }
    };
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if let Some(n) = escape_len(&bytes[i..])
            && escape_len(&bytes[i + n..]).is_some()
        {
            i += n;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    out
}

/// Guesses a charset with chardetng (told the mail is Japanese) and decodes.
fn guess(bytes: &[u8]) -> (String, &'static str) {
    if has_iso2022jp_escapes(bytes) && !bytes.iter().any(|&b| b >= 0x80) {
        return (decode_as(ISO_2022_JP, bytes).0, ISO_2022_JP.name());
    }
    if std::str::from_utf8(bytes).is_ok() {
        return (String::from_utf8_lossy(bytes).into_owned(), UTF_8.name());
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Allow);
    // The first 16 KiB tell the charset as well as the whole text does, at a bounded cost.
    let sample = &bytes[..bytes.len().min(16 << 10)];
    detector.feed(sample, sample.len() == bytes.len());
    // Japanese first (the mail is most likely Japanese), then without that hint; keep whichever
    // reads with fewer impossible characters (private-use code points, replacement characters):
    // a lone Latin-1 `ö` is not a Shift_JIS user-defined character.
    let mut best: Option<(usize, String, &'static str)> = None;
    for tld in [Some(&b"jp"[..]), None] {
        let encoding = detector.guess(tld, chardetng::Utf8Detection::Allow);
        let (text, _) = decode_as(encoding, bytes);
        let bad = text
            .chars()
            .filter(|c| matches!(*c, '\u{E000}'..='\u{F8FF}' | '\u{FFFD}'))
            .count();
        if best.as_ref().is_none_or(|(b, _, _)| bad < *b) {
            best = Some((bad, text, encoding.name()));
        }
    }
    best.map(|(_, text, name)| (text, name))
        .unwrap_or_else(|| (String::from_utf8_lossy(bytes).into_owned(), UTF_8.name()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(bytes: &[u8], label: Option<&str>, text: &str, warned: bool) {
        let (got, warning) = decode_text(bytes, label);
        assert_eq!(got, text, "{label:?}");
        assert_eq!(warning.is_some(), warned, "{warning:?}");
    }

    #[test]
    fn japanese_labels_and_guesses() {
        let (sjis, _, _) = SHIFT_JIS.encode("①㈱髙～税金泥棒");
        for label in ["cp932", "Windows-31J", "x-sjis", "Shift_JIS", "MS_Kanji"] {
            check(&sjis, Some(label), "①㈱髙～税金泥棒", false);
        }
        let (jis, _, _) = ISO_2022_JP.encode("回答期限は本日15時");
        for label in ["ISO-2022-JP", "iso-2022-jp-ms", "CP50220", "us-ascii"] {
            check(&jis, Some(label), "回答期限は本日15時", false);
        }
        check(&jis, None, "回答期限は本日15時", true);
        let (euc, _, _) = EUC_JP.encode("区役所");
        check(&euc, Some("x-euc-jp"), "区役所", false);
        check("税金".as_bytes(), None, "税金", false);
        let (guessed, warning) = decode_text(&sjis, None);
        assert_eq!(guessed, "①㈱髙～税金泥棒");
        assert!(warning.unwrap().contains("guessed"));
        let (_, warning) = decode_text(&sjis, Some("x-unknown-charset"));
        assert!(warning.unwrap().contains("unknown charset"));
    }
}
