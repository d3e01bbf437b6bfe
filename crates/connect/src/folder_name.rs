//! Folder names between UTF-8 (as configured, e.g. `確認用(迷惑メール)`) and IMAP's modified UTF-7
//! (RFC 3501 section 5.1.3, as sent on the wire and stored by Dovecot on disk).
//!
//! Only the name encoding lives here; quoting for the command line is in `session`.
//! Decoding is strict: a name that a conforming server could not have produced gives `None`
//! rather than a guess, so that two different wire names never map to the same folder.

use base64::Engine as _;
use base64::alphabet::IMAP_MUTF7;
use base64::engine::DecodePaddingMode;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};

/// Modified BASE64: ',' for '/', never padded, and no stray bits in the last character.
const MBASE64: GeneralPurpose = GeneralPurpose::new(
    &IMAP_MUTF7,
    GeneralPurposeConfig::new()
        .with_encode_padding(false)
        .with_decode_padding_mode(DecodePaddingMode::RequireNone)
        .with_decode_allow_trailing_bits(false),
);

/// Printable US-ASCII stands for itself in modified UTF-7; everything else is encoded.
fn is_direct(c: char) -> bool {
    (' '..='~').contains(&c)
}

/// Encodes a folder name given in UTF-8 into modified UTF-7, because IMAP4rev1 servers only take
/// 7-bit folder names (Japanese names would otherwise be refused or mangled).
pub fn encode_folder(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 8);
    let mut pending: Vec<u16> = Vec::new();
    for c in name.chars() {
        if is_direct(c) {
            flush(&mut out, &mut pending);
            if c == '&' {
                out.push_str("&-");
            } else {
                out.push(c);
            }
        } else {
            let mut units = [0u16; 2];
            pending.extend_from_slice(c.encode_utf16(&mut units));
        }
    }
    flush(&mut out, &mut pending);
    out
}

/// Writes the pending run of non-ASCII characters as one `&...-` section.
fn flush(out: &mut String, pending: &mut Vec<u16>) {
    if pending.is_empty() {
        return;
    }
    let bytes: Vec<u8> = pending.iter().flat_map(|u| u.to_be_bytes()).collect();
    out.push('&');
    out.push_str(&MBASE64.encode(bytes));
    out.push('-');
    pending.clear();
}

/// Decodes a folder name as the server sends it (modified UTF-7) into UTF-8, so that LIST
/// results can be compared with configured names. `None` when the name is not valid modified
/// UTF-7 (8-bit bytes, an unterminated or malformed `&` section, broken UTF-16, or printable
/// ASCII hidden inside a section).
pub fn decode_folder(wire: &str) -> Option<String> {
    if !wire.chars().all(is_direct) {
        return None;
    }
    let mut out = String::with_capacity(wire.len());
    let mut rest = wire;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let end = after.find('-')?;
        let section = &after[..end];
        if section.is_empty() {
            out.push('&');
        } else {
            out.push_str(&decode_section(section)?);
        }
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    Some(out)
}

/// One `&...-` section: modified BASE64 of UTF-16BE, holding no directly representable character.
fn decode_section(section: &str) -> Option<String> {
    let bytes = MBASE64.decode(section).ok()?;
    if bytes.len() % 2 != 0 {
        return None;
    }
    let units = bytes
        .chunks_exact(2)
        .map(|pair| u16::from_be_bytes([pair[0], pair[1]]));
    let mut out = String::new();
    for c in char::decode_utf16(units) {
        let c = c.ok()?;
        if is_direct(c) {
            return None;
        }
        out.push(c);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(utf8: &str, wire: &str) {
        assert_eq!(encode_folder(utf8), wire, "encoding {utf8:?}");
        assert_eq!(
            decode_folder(wire).as_deref(),
            Some(utf8),
            "decoding {wire:?}"
        );
    }

    #[test]
    fn rfc3501_example() {
        check("~peter/mail/台北/日本語", "~peter/mail/&U,BTFw-/&ZeVnLIqe-");
    }

    #[test]
    fn japanese_quarantine_folder_as_dovecot_stores_it() {
        check("確認用(迷惑メール)", "&eLqKjXUo-(&j,dg0TDhMPww6w-)");
        check(
            "mailward-check/確認用(迷惑メール)",
            "mailward-check/&eLqKjXUo-(&j,dg0TDhMPww6w-)",
        );
    }

    #[test]
    fn ampersand_ascii_and_astral() {
        check("&", "&-");
        check("Tom & Jerry", "Tom &- Jerry");
        check("INBOX", "INBOX");
        check("", "");
        check("Hi Mom -☺-!", "Hi Mom -&Jjo--!");
        check("📧", "&2D3c5w-");
        check("a\u{7f}b", "a&AH8-b");
    }

    #[test]
    fn round_trips_mixed_names() {
        for name in [
            "迷惑メール/2024年",
            "a&b/ｶﾀｶﾅ",
            "①㈱髙～",
            "x-&-y",
            "日本 語",
        ] {
            assert_eq!(decode_folder(&encode_folder(name)).as_deref(), Some(name));
        }
    }

    #[test]
    fn rejects_what_a_server_could_not_send() {
        for bad in [
            "&Jjo",     // unterminated
            "&AGE-",    // 'a' hidden in a section
            "&2D0-",    // lone high surrogate, one byte short
            "&2D3c-",   // odd byte count
            "&2D0AYQ-", // surrogate followed by a non-surrogate
            "&Jj!-",    // not base64
            "&Jjp-",    // stray bits in the last character
            "日本",     // 8-bit
            "a\tb",     // control character
        ] {
            assert_eq!(decode_folder(bad), None, "{bad:?}");
        }
    }
}
