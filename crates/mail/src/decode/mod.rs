//! Decoding a raw mail into what people read: sender, recipients, subject, text, attachments.
//!
//! MIME structure comes from mail-parser; everything Japanese mail gets wrong is redone from the
//! raw bytes: header text ([`words`]), body charsets ([`charset`]). The result is derived data
//! (never evidence) and decoding never fails: whatever could not be read is named in
//! `warnings`, and the raw bytes stay archived as they are.

pub mod charset;
pub mod words;

use mail_parser::{MessageParser, MimeHeaders as _, PartType};
use sha2::Digest as _;

/// A mailbox as written in an address header.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Mailbox {
    /// The display name, decoded.
    pub name: Option<String>,
    /// The address (lower-cased domain is left to the caller).
    pub address: String,
}

/// An attachment's facts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attachment {
    /// Its file name, decoded (RFC 2231 or RFC 2047), if it has one.
    pub name: Option<String>,
    /// Its MIME type.
    pub content_type: String,
    /// Decoded size.
    pub size: u64,
    /// SHA-256 of the decoded bytes (hex).
    pub sha256: String,
}

/// What a mail says, decoded.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Decoded {
    /// `Message-ID`, without angle brackets.
    pub message_id: Option<String>,
    /// The `Date` header as RFC 3339, if it parses.
    pub date: Option<String>,
    /// The first `From` mailbox.
    pub from: Option<Mailbox>,
    /// All `To` mailboxes.
    pub to: Vec<Mailbox>,
    /// The subject, decoded.
    pub subject: Option<String>,
    /// The plain text of the mail (text parts; HTML turned into text when there is none).
    pub text: String,
    /// Attachments.
    pub attachments: Vec<Attachment>,
    /// What could not be decoded as labelled, or was guessed.
    pub warnings: Vec<String>,
}

/// The raw bytes of the first top-level header field named `name` (value only, still folded).
fn raw_header<'a>(raw: &'a [u8], name: &str) -> Option<&'a [u8]> {
    let mut at = 0;
    while at < raw.len() {
        let end = raw[at..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(raw.len(), |p| at + p + 1);
        let line = &raw[at..end];
        if line == b"\n" || line == b"\r\n" {
            return None;
        }
        if line.len() > name.len()
            && line[name.len()] == b':'
            && line[..name.len()].eq_ignore_ascii_case(name.as_bytes())
        {
            // Take continuation lines too.
            let mut stop = end;
            while stop < raw.len() && (raw[stop] == b' ' || raw[stop] == b'\t') {
                stop = raw[stop..]
                    .iter()
                    .position(|&b| b == b'\n')
                    .map_or(raw.len(), |p| stop + p + 1);
            }
            return Some(&raw[at + name.len() + 1..stop]);
        }
        at = end;
    }
    None
}

/// Splits an address list on commas outside quotes and angle brackets.
fn mailboxes(text: &str) -> Vec<Mailbox> {
    let mut out = Vec::new();
    let (mut quoted, mut angle, mut start) = (false, false, 0);
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for &(i, c) in &chars {
        match c {
            '"' => quoted = !quoted,
            '<' if !quoted => angle = true,
            '>' if !quoted => angle = false,
            ',' if !quoted && !angle => {
                out.extend(mailbox(&text[start..i]));
                start = i + 1;
            }
            _ => {}
        }
    }
    out.extend(mailbox(&text[start..]));
    out
}

fn mailbox(text: &str) -> Option<Mailbox> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    if let (Some(open), Some(close)) = (text.rfind('<'), text.rfind('>'))
        && open < close
    {
        let name = text[..open].trim().trim_matches('"').trim();
        return Some(Mailbox {
            name: (!name.is_empty()).then(|| name.to_string()),
            address: text[open + 1..close].trim().to_string(),
        });
    }
    Some(Mailbox {
        name: None,
        address: text.trim_matches(['<', '>']).to_string(),
    })
}

/// Lenient quoted-printable decoding: `=XX` and soft line breaks are decoded, anything else
/// (a stray `=`, bad hex) is kept as written rather than dropping the whole part.
fn quoted_printable(body: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(body.len());
    let mut i = 0;
    while i < body.len() {
        if body[i] == b'=' {
            let rest = &body[i + 1..];
            if rest.starts_with(b"\r\n") {
                i += 3;
                continue;
            }
            if rest.starts_with(b"\n") {
                i += 2;
                continue;
            }
            if rest.len() >= 2
                && let Some(b) = hex_byte(rest[0], rest[1])
            {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(body[i]);
        i += 1;
    }
    out
}

/// A part's bytes after transfer decoding (base64, quoted-printable), before any charset.
fn transfer_decoded(
    part: &mail_parser::MessagePart<'_>,
    raw: &[u8],
    warnings: &mut Vec<String>,
) -> Vec<u8> {
    let start = (part.offset_body as usize).min(raw.len());
    let end = (part.offset_end as usize).clamp(start, raw.len());
    let body = &raw[start..end];
    match part.encoding {
        mail_parser::Encoding::Base64 => mail_parser::decoders::base64::base64_decode(body)
            .unwrap_or_else(|| {
                warnings.push("a base64 part is damaged; kept as it is".into());
                body.to_vec()
            }),
        mail_parser::Encoding::QuotedPrintable => quoted_printable(body),
        _ => body.to_vec(),
    }
}

/// The byte two hex digits spell, if they are hex digits (the one hex decoder of quoted-printable,
/// Q encoded words and RFC 2231 percent escapes; `from_str_radix` would also accept a sign).
pub(crate) fn hex_byte(high: u8, low: u8) -> Option<u8> {
    let digit = |c: u8| (c as char).to_digit(16);
    Some((digit(high)? * 16 + digit(low)?) as u8)
}

/// An RFC 2231 file name given in pieces (`filename*0*=UTF-8''%E5..; filename*1*=..`), joined
/// as bytes before the charset is decoded, since a piece may end inside a character.
fn rfc2231_name(part: &mail_parser::MessagePart<'_>, raw: &[u8]) -> Option<String> {
    let start = (part.offset_header as usize).min(raw.len());
    let end = (part.offset_body as usize).clamp(start, raw.len());
    let headers = String::from_utf8_lossy(&raw[start..end]).replace(['\r', '\n'], "");
    for param in ["filename", "name"] {
        let mut pieces: Vec<(u32, bool, String)> = Vec::new();
        for item in headers.split(';') {
            let Some((key, value)) = item.trim().split_once('=') else {
                continue;
            };
            let key = key.trim().to_ascii_lowercase();
            let Some(rest) = key.strip_prefix(param).and_then(|r| r.strip_prefix('*')) else {
                continue;
            };
            let (number, extended) = match rest.strip_suffix('*') {
                Some(n) => (n, true),
                None => (rest, false),
            };
            let Ok(number) = number.parse::<u32>() else {
                continue;
            };
            pieces.push((number, extended, value.trim().trim_matches('"').to_string()));
        }
        if pieces.len() < 2 {
            continue;
        }
        pieces.sort_by_key(|p| p.0);
        let mut charset = None;
        let mut bytes = Vec::new();
        for (i, (_, extended, value)) in pieces.iter().enumerate() {
            let mut value = value.as_str();
            if *extended && i == 0 {
                let mut parts = value.splitn(3, '\'');
                if let (Some(c), Some(_lang), Some(v)) = (parts.next(), parts.next(), parts.next())
                {
                    charset = Some(c.to_string());
                    value = v;
                }
            }
            if *extended {
                let b = value.as_bytes();
                let mut j = 0;
                while j < b.len() {
                    if b[j] == b'%'
                        && j + 2 < b.len()
                        && let Some(byte) = hex_byte(b[j + 1], b[j + 2])
                    {
                        bytes.push(byte);
                        j += 3;
                        continue;
                    }
                    bytes.push(b[j]);
                    j += 1;
                }
            } else {
                bytes.extend_from_slice(value.as_bytes());
            }
        }
        return Some(charset::decode_text(&bytes, charset.as_deref()).0);
    }
    None
}

/// The bytes of a part after transfer decoding, decoded with its charset.
fn part_text(
    part: &mail_parser::MessagePart<'_>,
    raw: &[u8],
    warnings: &mut Vec<String>,
) -> String {
    let bytes = transfer_decoded(part, raw, warnings);
    let charset = part
        .content_type()
        .and_then(|ct| ct.attribute("charset"))
        .map(str::to_string);
    let (text, warning) = charset::decode_text(&bytes, charset.as_deref());
    warnings.extend(warning);
    text
}

/// The limits that keep a hostile mail from exhausting memory or time. A mail beyond one is
/// decoded as far as the limit, with a warning naming it; its raw bytes are archived whole anyway.
pub mod limits {
    /// Most decoded text kept per mail.
    pub const MAX_TEXT: usize = 4 << 20;
    /// Most bytes of one header field value decoded (Subject, From, To).
    pub const MAX_HEADER: usize = 64 << 10;
    /// Most MIME parts read per mail.
    pub const MAX_PARTS: usize = 10_000;
}

/// Decodes a raw mail. Never fails; problems become warnings.
pub fn decode(raw: &[u8]) -> Decoded {
    let mut d = Decoded::default();
    let header_text = |name: &str, warnings: &mut Vec<String>| {
        raw_header(raw, name).map(|value| {
            let value = if value.len() > limits::MAX_HEADER {
                warnings.push(format!(
                    "limit: {name} is {} bytes; only the first {} are decoded",
                    value.len(),
                    limits::MAX_HEADER
                ));
                &value[..limits::MAX_HEADER]
            } else {
                value
            };
            let (text, w) = words::decode_header(value);
            warnings.extend(w.into_iter().map(|w| format!("{name}: {w}")));
            text
        })
    };
    d.subject = header_text("Subject", &mut d.warnings);
    let own_from =
        header_text("From", &mut d.warnings).and_then(|t| mailboxes(&t).into_iter().next());
    // Only the headers decoding needs are parsed; the rest (Received chains above all) stay raw.
    let parser = MessageParser::new()
        .with_minimal_headers()
        .with_message_ids()
        .default_header_raw();
    // mail-parser can panic on some malformed structures (found by fuzzing: "Invalid part ID");
    // a hostile mail must never stop ingest or a command, so such a mail is shown as raw text.
    let parsed = std::panic::catch_unwind(|| parser.parse(raw));
    let parsed = match parsed {
        Ok(parsed) => parsed,
        Err(_) => {
            d.warnings.push(
                "the MIME structure could not be read (parser failure); shown as raw text".into(),
            );
            None
        }
    };
    let Some(message) = parsed else {
        d.from = own_from;
        d.warnings
            .push("no header or body could be read: not a mail message".into());
        d.text = String::from_utf8_lossy(raw).into_owned();
        return d;
    };
    // Addresses come from mail-parser (it handles comments and groups); a display name decoded
    // from the raw bytes wins, since it survives charsets mail-parser does not know.
    let parsed_from = message.from().and_then(|a| a.first()).map(|a| Mailbox {
        name: a.name().map(str::to_string),
        address: a.address().unwrap_or_default().to_string(),
    });
    d.from = match (parsed_from, own_from) {
        (Some(p), Some(o)) => Some(Mailbox {
            name: o.name.or(p.name),
            address: if p.address.is_empty() {
                o.address
            } else {
                p.address
            },
        }),
        (p, o) => p.or(o),
    };
    d.to = message
        .to()
        .map(|list| {
            list.iter()
                .map(|a| Mailbox {
                    name: a.name().map(str::to_string),
                    address: a.address().unwrap_or_default().to_string(),
                })
                .collect()
        })
        .unwrap_or_default();
    d.message_id = message.message_id().map(str::to_string);
    d.date = message.date().map(|dt| dt.to_rfc3339());
    if message.parts.len() > limits::MAX_PARTS {
        d.warnings.push(format!(
            "limit: {} MIME parts; only the first {} are read",
            message.parts.len(),
            limits::MAX_PARTS
        ));
    }
    let mut texts = Vec::new();
    let mut text_len = 0;
    for id in message
        .text_body
        .iter()
        .filter(|id| (**id as usize) < limits::MAX_PARTS)
    {
        if text_len >= limits::MAX_TEXT {
            break;
        }
        if let Some(part) = message.parts.get(*id as usize) {
            match &part.body {
                PartType::Text(_) => {
                    let text = part_text(part, raw, &mut d.warnings);
                    text_len += text.len();
                    texts.push(text);
                }
                PartType::Html(_) => {
                    let html = part_text(part, raw, &mut d.warnings);
                    texts.push(mail_parser::decoders::html::html_to_text(&html));
                }
                _ => {}
            }
        }
    }
    d.text = texts.join("\n");
    if d.text.len() > limits::MAX_TEXT {
        let mut cut = limits::MAX_TEXT;
        while !d.text.is_char_boundary(cut) {
            cut -= 1;
        }
        d.text.truncate(cut);
        d.warnings.push(format!(
            "limit: text cut at {} bytes (the raw mail is archived whole)",
            limits::MAX_TEXT
        ));
    }
    for part in message.attachments().take(limits::MAX_PARTS) {
        let contents = match part.body {
            PartType::Message(_) | PartType::Multipart(_) => part.contents().to_vec(),
            _ => transfer_decoded(part, raw, &mut d.warnings),
        };
        let contents = &contents[..];
        let content_type = part
            .content_type()
            .map(|ct| match &ct.c_subtype {
                Some(sub) => format!("{}/{}", ct.c_type, sub),
                None => ct.c_type.to_string(),
            })
            .unwrap_or_else(|| "application/octet-stream".into());
        d.attachments.push(Attachment {
            name: rfc2231_name(part, raw).or_else(|| {
                part.attachment_name()
                    .map(|n| words::decode_header(n.as_bytes()).0)
            }),
            content_type,
            size: contents.len() as u64,
            sha256: hex::encode(sha2::Sha256::digest(contents)),
        });
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::Engine as _;

    fn b64(bytes: &[u8]) -> String {
        base64::engine::general_purpose::STANDARD.encode(bytes)
    }

    #[test]
    fn iso_2022_jp_mail_as_old_mailers_write_it() {
        let (subject, _, _) = encoding_rs::ISO_2022_JP.encode("回答期限は本日15時とします");
        let (name, _, _) = encoding_rs::ISO_2022_JP.encode("区民 太郎");
        let (body, _, _) = encoding_rs::ISO_2022_JP.encode("税金泥棒！回答しろ！①㈱髙\r\n");
        let mut raw = format!(
            "From: =?ISO-2022-JP?B?{}?= <Taro@Example.JP>\r\nTo: soudan@city.example.lg.jp, \"Clerk\" <a@b.jp>\r\nSubject: =?ISO-2022-JP?B?{}?=\r\nMessage-ID: <x1@example.jp>\r\nDate: Sat, 28 Nov 2026 07:00:00 +0900\r\nContent-Type: text/plain; charset=ISO-2022-JP\r\n\r\n",
            b64(&name),
            b64(&subject)
        )
        .into_bytes();
        raw.extend_from_slice(&body);
        let d = decode(&raw);
        assert_eq!(d.subject.as_deref(), Some("回答期限は本日15時とします"));
        assert_eq!(d.from.as_ref().unwrap().name.as_deref(), Some("区民 太郎"));
        assert_eq!(d.from.as_ref().unwrap().address, "Taro@Example.JP");
        assert_eq!(d.to.len(), 2);
        assert_eq!(d.message_id.as_deref(), Some("x1@example.jp"));
        assert!(
            d.date
                .as_deref()
                .unwrap()
                .starts_with("2026-11-28T07:00:00")
        );
        assert!(d.text.contains("税金泥棒！回答しろ！①㈱髙"), "{}", d.text);
        assert!(d.warnings.is_empty(), "{:?}", d.warnings);
    }

    #[test]
    fn cp932_label_raw_sjis_header_html_only_and_attachment() {
        let (subject, _, _) = encoding_rs::SHIFT_JIS.encode("苦情～髙橋さんへ");
        let (html, _, _) =
            encoding_rs::SHIFT_JIS.encode("<html><body><p>辞めちまえ</p></body></html>");
        let mut raw = b"From: a@docomo.ne.jp\r\nSubject: ".to_vec();
        raw.extend_from_slice(&subject);
        raw.extend_from_slice(
            b"\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=XX\r\n\r\n--XX\r\nContent-Type: text/html; charset=cp932\r\n\r\n",
        );
        raw.extend_from_slice(&html);
        raw.extend_from_slice(
            format!(
                "\r\n--XX\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename*=UTF-8''%E8%8B%A6%E6%83%85.pdf\r\nContent-Transfer-Encoding: base64\r\n\r\n{}\r\n--XX--\r\n",
                b64(b"%PDF-1.4 test")
            )
            .as_bytes(),
        );
        let d = decode(&raw);
        assert_eq!(d.subject.as_deref(), Some("苦情～髙橋さんへ"));
        assert!(
            d.warnings
                .iter()
                .any(|w| w.contains("Subject") && w.contains("guessed"))
        );
        assert!(d.text.contains("辞めちまえ"), "{}", d.text);
        assert_eq!(d.attachments.len(), 1);
        assert_eq!(d.attachments[0].name.as_deref(), Some("苦情.pdf"));
        assert_eq!(d.attachments[0].size, 13);
    }

    #[test]
    fn garbage_and_empty_input_never_fail() {
        for raw in [
            &b""[..],
            b"\0\0\0",
            b"\xff\xfe garbage",
            b"Subject: only\r\n",
        ] {
            let d = decode(raw);
            assert!(d.subject.is_none() || d.subject.as_deref() == Some("only"));
        }
        assert_eq!(quoted_printable(b"a=3Db=\r\nc=ZZ="), b"a=bc=ZZ=".to_vec());
        // A sign is not a hex digit (u8::from_str_radix would read "=+1" as byte 1).
        assert_eq!(quoted_printable(b"x=+1"), b"x=+1".to_vec());
    }

    /// Found by the fuzzer: a `%` followed by a multi-byte character in an RFC 2231 continuation
    /// made the percent decoder slice a string inside a character.
    #[test]
    fn rfc2231_percent_before_multibyte_character_does_not_panic() {
        let raw = "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\nContent-Disposition: attachment; filename*0*=UTF-8''%E3%8\u{3042}q1; filename*1*=%8D.txt\r\n\r\nx\r\n--b--\r\n";
        let d = decode(raw.as_bytes());
        assert_eq!(d.attachments.len(), 1);
        assert_eq!(hex_byte(b'4', b'1'), Some(0x41));
        assert_eq!(hex_byte(b'4', b'g'), None);
    }
}
