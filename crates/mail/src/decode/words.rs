//! Header text: RFC 2047 encoded words, decoded from the raw header bytes.
//!
//! Adjacent encoded words in the same charset are joined as bytes *before* the charset is
//! decoded, so that a character split across two words (common with ISO-2022-JP and UTF-8
//! mailers) comes out whole. Text outside encoded words is decoded by its bytes: raw 8-bit
//! Shift_JIS or unlabelled ISO-2022-JP in a header is recognised or guessed, with a warning.

use super::charset::decode_text;
use base64::Engine as _;

/// One piece of a header value.
enum Piece<'a> {
    Raw(&'a [u8]),
    Word { charset: String, bytes: Vec<u8> },
}

/// Removes folding (a line end followed by a space or tab), keeping the whitespace.
fn unfold(raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        match raw[i] {
            b'\r' if raw.get(i + 1) == Some(&b'\n') => i += 2,
            b'\n' | b'\r' => i += 1,
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    out
}

/// Parses `=?charset?enc?text?=` at the start of `s`; returns the word and its length.
fn encoded_word(s: &[u8]) -> Option<(String, Vec<u8>, usize)> {
    if !s.starts_with(b"=?") {
        return None;
    }
    let q1 = 2 + s[2..].iter().position(|&b| b == b'?')?;
    let enc = *s.get(q1 + 1)?;
    if s.get(q1 + 2) != Some(&b'?') {
        return None;
    }
    let start = q1 + 3;
    let end = start + s[start..].windows(2).position(|w| w == b"?=")?;
    let text = &s[start..end];
    if text.iter().any(|&b| b == b' ' || b == b'\t') {
        return None;
    }
    let charset = String::from_utf8_lossy(&s[2..q1]);
    // RFC 2231 allows a language after `*`.
    let charset = charset.split('*').next().unwrap_or("").to_string();
    let bytes = match enc.to_ascii_uppercase() {
        b'B' => {
            let clean: Vec<u8> = text.iter().copied().filter(|&b| b != b'=').collect();
            base64::engine::general_purpose::STANDARD_NO_PAD
                .decode(&clean)
                .ok()?
        }
        b'Q' => {
            let mut out = Vec::with_capacity(text.len());
            let mut i = 0;
            while i < text.len() {
                match text[i] {
                    b'_' => out.push(b' '),
                    b'=' if i + 2 < text.len() => match super::hex_byte(text[i + 1], text[i + 2]) {
                        Some(b) => {
                            out.push(b);
                            i += 2;
                        }
                        None => out.push(b'='),
                    },
                    b => out.push(b),
                }
                i += 1;
            }
            out
        }
        _ => return None,
    };
    Some((charset, bytes, end + 2))
}

fn pieces(value: &[u8]) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut raw_start = 0;
    let mut i = 0;
    while i < value.len() {
        if let Some((charset, bytes, len)) = encoded_word(&value[i..]) {
            let raw = &value[raw_start..i];
            let only_space = raw.iter().all(|b| *b == b' ' || *b == b'\t');
            // Whitespace between two encoded words is not part of the text (RFC 2047 6.2).
            let after_word = matches!(out.last(), Some(Piece::Word { .. }));
            if !(raw.is_empty() || only_space && after_word) {
                out.push(Piece::Raw(raw));
            }
            out.push(Piece::Word { charset, bytes });
            i += len;
            raw_start = i;
        } else {
            i += 1;
        }
    }
    if raw_start < value.len() {
        out.push(Piece::Raw(&value[raw_start..]));
    }
    out
}

/// Decodes a raw header value (the bytes after `Name:`), returning the text and any warnings.
pub fn decode_header(raw: &[u8]) -> (String, Vec<String>) {
    let value = unfold(raw);
    let mut text = String::new();
    let mut warnings = Vec::new();
    let mut run: Option<(String, Vec<u8>)> = None;
    let flush =
        |run: &mut Option<(String, Vec<u8>)>, text: &mut String, warnings: &mut Vec<String>| {
            if let Some((charset, bytes)) = run.take() {
                let (t, w) = decode_text(&bytes, Some(&charset));
                text.push_str(&t);
                warnings.extend(w);
            }
        };
    for piece in pieces(&value) {
        match piece {
            Piece::Word { charset, bytes } => match run.as_mut() {
                Some((c, b)) if c.eq_ignore_ascii_case(&charset) => b.extend_from_slice(&bytes),
                _ => {
                    flush(&mut run, &mut text, &mut warnings);
                    run = Some((charset, bytes));
                }
            },
            Piece::Raw(raw) => {
                flush(&mut run, &mut text, &mut warnings);
                let (t, w) = decode_text(raw, None);
                text.push_str(&t);
                warnings.extend(w.map(|w| format!("raw bytes in a header: {w}")));
            }
        }
    }
    flush(&mut run, &mut text, &mut warnings);
    (text.trim().to_string(), warnings)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(raw: &[u8], text: &str) {
        assert_eq!(decode_header(raw).0, text);
    }

    #[test]
    fn encoded_words() {
        let b64 = base64::engine::general_purpose::STANDARD;
        let (jis, _, _) = encoding_rs::ISO_2022_JP.encode("税金");
        check(
            format!(" =?ISO-2022-JP?B?{}?=", b64.encode(&jis)).as_bytes(),
            "税金",
        );
        // "税金泥棒" in UTF-8 split inside the third character across two words.
        let bytes = "税金泥棒".as_bytes();
        let raw = format!(
            "=?UTF-8?B?{}?=\r\n =?utf-8?B?{}?=",
            b64.encode(&bytes[..7]),
            b64.encode(&bytes[7..])
        );
        check(raw.as_bytes(), "税金泥棒");
        check(b"=?UTF-8?Q?=E5=8C=BA_office?=", "区 office");
        check(b"Re: =?UTF-8?B?5Yy6?= and more", "Re: 区 and more");
        check(b"plain ascii", "plain ascii");
        check(b"=?bogus", "=?bogus");
        let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode("苦情");
        let (text, warnings) = decode_header(&sjis);
        assert_eq!(text, "苦情");
        assert_eq!(warnings.len(), 1);
    }
}
