//! Composing a reply to an archived mail, as the exact bytes that will be submitted and archived.
//!
//! Japanese offices still meet mail programs that show only ISO-2022-JP correctly, so that is
//! the usual charset: `text/plain; charset=ISO-2022-JP`, 7bit, headers as RFC 2047 encoded words.
//! ISO-2022-JP (RFC 1468) holds only JIS X 0201 Roman and JIS X 0208; characters outside it
//! (circled digits ①, IBM extension kanji such as 髙, emoji, half-width katakana) cannot be
//! written in it without turning into something else on the other side. When the text holds
//! one, the whole mail falls back to UTF-8 (base64) and [`Composed::fallback`] says why: a reply
//! that is evidence must say exactly what the office wrote, never a mojibake or `&#...;` version
//! of it.
//!
//! Line rules: CRLF line ends; header lines folded to at most 78 characters where folding is
//! possible; every encoded word at most 75 characters and cut only between characters, never
//! inside one (each ISO-2022-JP word returns to ASCII before it ends). The body's lines are
//! kept as written (a line cannot be folded without changing the text), so a body line longer
//! than 998 bytes in ISO-2022-JP also falls back to UTF-8 base64.
//!
//! Pure: the date and the unique part of the Message-ID come from the caller (the clock and the
//! random source are the application's), so the same input gives the same bytes. Sending and
//! archiving are elsewhere.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use encoding_rs::ISO_2022_JP;
use mail_parser::{HeaderValue, MessageParser};

/// Longest header line written where it can be folded (RFC 5322 2.1.1 "SHOULD").
const LINE: usize = 78;
/// Longest encoded word (RFC 2047 2).
const WORD: usize = 75;
/// Longest line of a 7bit body (RFC 5322 2.1.1 "MUST"), without CRLF.
const BODY_LINE_MAX: usize = 998;

/// The charset of a composed reply, as the office configures it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Charset {
    /// `ISO-2022-JP`, 7bit: what every Japanese mail program reads.
    Iso2022Jp,
    /// `UTF-8`, base64: any character.
    Utf8,
}

impl Charset {
    /// The MIME charset label.
    pub fn label(self) -> &'static str {
        match self {
            Charset::Iso2022Jp => "ISO-2022-JP",
            Charset::Utf8 => "UTF-8",
        }
    }
}

/// What the reply is made of; everything that is not derived from the original mail.
#[derive(Clone, Debug)]
pub struct ReplyParts<'a> {
    /// The office's address (From and the envelope sender), e.g. `soudan@city.example.lg.jp`.
    pub office_address: &'a str,
    /// The office's display name (Japanese), e.g. `〇〇区役所 〇〇課`.
    pub office_name: &'a str,
    /// The reply's text (LF or CRLF line ends).
    pub body: &'a str,
    /// The configured charset (ISO-2022-JP falls back to UTF-8 where it cannot hold the text).
    pub charset: Charset,
    /// The Date header, already formatted (RFC 5322, office time zone, e.g.
    /// `Sat, 28 Nov 2026 16:00:00 +0900`).
    pub date: &'a str,
    /// The unique left part of the new Message-ID (random, from the caller); the right part is
    /// the office's domain.
    pub message_id_unique: &'a str,
}

/// A composed reply.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Composed {
    /// The exact bytes to submit and archive (CRLF line ends, 7-bit).
    pub raw: Vec<u8>,
    /// The new Message-ID, without angle brackets.
    pub message_id: String,
    /// The recipients (the original's Reply-To, else its From).
    pub to: Vec<String>,
    /// The subject as written (decoded form).
    pub subject: String,
    /// The charset actually used.
    pub charset: Charset,
    /// Why ISO-2022-JP was configured but UTF-8 used, naming the characters; `None` otherwise.
    pub fallback: Option<String>,
}

/// Why a reply cannot be composed.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ComposeError {
    /// The original has neither a usable Reply-To nor a usable From address.
    #[error(
        "元のメールに返信先 (Reply-To / From) のアドレスがありません / the original mail has no Reply-To or From address to answer"
    )]
    NoRecipient,
    /// An address cannot be used in a mail header or an SMTP envelope as it is.
    #[error("使えないアドレスです / unusable address {0:?}: {1}")]
    BadAddress(String, &'static str),
    /// The office's display name or the text holds a control character other than tab.
    #[error(
        "本文または表示名に制御文字 U+{0:04X} があります / the text or display name holds the control character U+{0:04X}"
    )]
    ControlCharacter(u32),
}

/// Composes a reply to `original` (its raw bytes, as archived).
pub fn compose_reply(original: &[u8], parts: &ReplyParts<'_>) -> Result<Composed, ComposeError> {
    let office = check_address(parts.office_address)?;
    let domain = office.rsplit_once('@').map(|(_, d)| d).unwrap_or_default();
    let message = MessageParser::default().parse(original);
    let to = recipients(message.as_ref())?;
    let decoded = crate::decode::decode(original);
    let subject = reply_subject(decoded.subject.as_deref().unwrap_or(""));
    for c in parts.body.chars().chain(parts.office_name.chars()) {
        if c.is_control() && !matches!(c, '\t' | '\n' | '\r') {
            return Err(ComposeError::ControlCharacter(c as u32));
        }
    }
    let body_lines: Vec<&str> = parts
        .body
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect();
    let body_lines = match body_lines.split_last() {
        // A final line end does not start one more (empty) line.
        Some((&"", rest)) => rest.to_vec(),
        _ => body_lines,
    };

    let (charset, fallback) = match parts.charset {
        Charset::Utf8 => (Charset::Utf8, None),
        Charset::Iso2022Jp => {
            let text = [subject.as_str(), parts.office_name, parts.body];
            let mut bad: Vec<char> = Vec::new();
            for c in text.iter().flat_map(|t| t.chars()) {
                if !fits_iso_2022_jp(c) && !bad.contains(&c) {
                    bad.push(c);
                }
            }
            let long = body_lines
                .iter()
                .any(|l| encode_jis(l).len() > BODY_LINE_MAX);
            if !bad.is_empty() {
                let list: Vec<String> = bad
                    .iter()
                    .map(|c| format!("{c} (U+{:04X})", *c as u32))
                    .collect();
                (
                    Charset::Utf8,
                    Some(format!(
                        "ISO-2022-JP で書けない文字があるため UTF-8 で送ります / characters that ISO-2022-JP cannot hold, sent as UTF-8: {}",
                        list.join(", ")
                    )),
                )
            } else if long {
                (
                    Charset::Utf8,
                    Some(format!(
                        "本文に {BODY_LINE_MAX} バイトを超える行があるため UTF-8 (base64) で送ります / a body line is longer than {BODY_LINE_MAX} bytes, sent as UTF-8 base64"
                    )),
                )
            } else {
                (Charset::Iso2022Jp, None)
            }
        }
    };

    let message_id = format!("{}@{domain}", parts.message_id_unique);
    let mut out = String::new();
    out.push_str(&mailbox_header("From", parts.office_name, office, charset));
    out.push_str(&address_list_header("To", &to));
    out.push_str(&text_header("Subject", &subject, charset));
    out.push_str(&format!("Date: {}\r\n", parts.date));
    out.push_str(&format!("Message-ID: <{message_id}>\r\n"));
    if let Some(m) = &message {
        let parent = m.message_id().filter(|id| usable_id(id));
        let mut references: Vec<String> = match m.references() {
            HeaderValue::Text(t) => vec![t.to_string()],
            HeaderValue::TextList(list) => list.iter().map(|t| t.to_string()).collect(),
            _ => Vec::new(),
        };
        references.retain(|id| usable_id(id));
        if let Some(parent) = parent {
            out.push_str(&format!("In-Reply-To: <{parent}>\r\n"));
            references.retain(|id| id != parent);
            references.push(parent.to_string());
        }
        if !references.is_empty() {
            let ids: Vec<String> = references.iter().map(|id| format!("<{id}>")).collect();
            out.push_str(&fold_tokens("References:", &ids));
        }
    }
    out.push_str("MIME-Version: 1.0\r\n");
    out.push_str(&format!(
        "Content-Type: text/plain; charset={}\r\n",
        charset.label()
    ));
    let mut raw = out.into_bytes();
    match charset {
        Charset::Iso2022Jp => {
            raw.extend_from_slice(b"Content-Transfer-Encoding: 7bit\r\n\r\n");
            for line in &body_lines {
                raw.extend_from_slice(&encode_jis(line));
                raw.extend_from_slice(b"\r\n");
            }
        }
        Charset::Utf8 => {
            raw.extend_from_slice(b"Content-Transfer-Encoding: base64\r\n\r\n");
            let mut text = body_lines.join("\r\n");
            if !body_lines.is_empty() {
                text.push_str("\r\n");
            }
            let encoded = BASE64.encode(text.as_bytes());
            for chunk in encoded.as_bytes().chunks(76) {
                raw.extend_from_slice(chunk);
                raw.extend_from_slice(b"\r\n");
            }
        }
    }
    Ok(Composed {
        raw,
        message_id,
        to,
        subject,
        charset,
        fallback,
    })
}

/// The recipients: every address of Reply-To when it has a usable one, else the first From.
fn recipients(message: Option<&mail_parser::Message<'_>>) -> Result<Vec<String>, ComposeError> {
    let Some(m) = message else {
        return Err(ComposeError::NoRecipient);
    };
    let collect = |a: &mail_parser::Address<'_>| -> Vec<String> {
        a.iter()
            .filter_map(|addr| addr.address())
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect()
    };
    let mut to = m.reply_to().map(collect).unwrap_or_default();
    if to.is_empty() {
        to = m
            .from()
            .and_then(|a| a.first())
            .and_then(|a| a.address())
            .map(|s| vec![s.trim().to_string()])
            .unwrap_or_default();
    }
    if to.is_empty() {
        return Err(ComposeError::NoRecipient);
    }
    let mut unique: Vec<String> = Vec::new();
    for a in to {
        check_address(&a)?;
        if !unique.iter().any(|u| u.eq_ignore_ascii_case(&a)) {
            unique.push(a);
        }
    }
    Ok(unique)
}

/// An address that can go into a header and an SMTP envelope unchanged: ASCII, one `@`, no
/// spaces, controls or specials (anything else would need SMTPUTF8 or quoting, or could smuggle
/// a header or command into the reply).
pub fn check_address(address: &str) -> Result<&str, ComposeError> {
    let bad = |why| Err(ComposeError::BadAddress(address.to_string(), why));
    if !address.is_ascii() {
        return bad(
            "日本語などを含むアドレスには送れません (SMTPUTF8 未対応) / non-ASCII addresses need SMTPUTF8",
        );
    }
    if address
        .chars()
        .any(|c| c.is_ascii_control() || c == ' ' || "<>()[],;:\"\\".contains(c))
    {
        return bad("空白・制御文字・記号を含みます / holds a space, control or special character");
    }
    match address.split_once('@') {
        Some((local, domain))
            if !local.is_empty()
                && !domain.is_empty()
                && !domain.contains('@')
                && !domain.starts_with('.')
                && !domain.ends_with('.') => {}
        _ => return bad("user@domain の形ではありません / not of the form user@domain"),
    }
    if address.len() > 254 {
        return bad("長すぎます / too long");
    }
    Ok(address)
}

/// A Message-ID that can be written back inside angle brackets.
fn usable_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 250
        && id
            .chars()
            .all(|c| c.is_ascii_graphic() && c != '<' && c != '>')
}

/// `Re: ` and the original subject without its own reply prefixes (`Re:`, `RE:`, `Re[2]:`,
/// `Ｒｅ：`), so that replies to replies do not stack `Re: Re:`.
pub fn reply_subject(original: &str) -> String {
    let clean: String = original
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let mut rest = clean.trim();
    loop {
        let folded: String = rest.chars().take(8).map(fold_width).collect();
        let lower = folded.to_ascii_lowercase();
        if !lower.starts_with("re") {
            break;
        }
        // Characters consumed: "re", an optional "[n]" or "(n)", then ':'.
        let tail: Vec<char> = lower.chars().skip(2).collect();
        let mut i = 0;
        if matches!(tail.first(), Some('[') | Some('(')) {
            i = 1;
            while tail.get(i).is_some_and(|c| c.is_ascii_digit()) {
                i += 1;
            }
            if !matches!(tail.get(i), Some(']') | Some(')')) || i == 1 {
                break;
            }
            i += 1;
        }
        if tail.get(i) != Some(&':') {
            break;
        }
        let consumed = 2 + i + 1;
        let at = rest
            .char_indices()
            .nth(consumed)
            .map_or(rest.len(), |(at, _)| at);
        rest = rest[at..].trim_start();
    }
    if rest.is_empty() {
        "Re:".to_string()
    } else {
        format!("Re: {rest}")
    }
}

/// Full-width Latin letters, digits and the full-width colon as their ASCII forms (for prefix
/// matching only).
fn fold_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

/// Whether `c` can be written in ISO-2022-JP (RFC 1468) and comes back as itself: JIS X 0201
/// Roman or JIS X 0208 proper. encoding_rs follows the WHATWG encoder, which also writes NEC row
/// 13 (①, ㈱) and the IBM extension rows (髙, 﨑) that strict readers show as garbage, and turns
/// half-width katakana into full-width ones: those are refused here.
pub fn fits_iso_2022_jp(c: char) -> bool {
    if c.is_ascii() {
        return !matches!(c, '\u{0E}' | '\u{0F}' | '\u{1B}');
    }
    let text = c.to_string();
    let (bytes, _, unmappable) = ISO_2022_JP.encode(&text);
    if unmappable {
        return false;
    }
    if let Some(pair) = bytes.strip_prefix(b"\x1b$B") {
        let row = pair.first().copied().unwrap_or(0);
        if !((0x21..=0x28).contains(&row) || (0x30..=0x74).contains(&row)) {
            return false;
        }
    }
    let (back, had_errors) = ISO_2022_JP.decode_without_bom_handling(&bytes);
    !had_errors && back == text
}

/// ISO-2022-JP bytes of `text`, ending in ASCII (each call is self-contained).
fn encode_jis(text: &str) -> Vec<u8> {
    ISO_2022_JP.encode(text).0.into_owned()
}

/// The encoded bytes of `text` in `charset`.
fn charset_bytes(text: &str, charset: Charset) -> Vec<u8> {
    match charset {
        Charset::Iso2022Jp => encode_jis(text),
        Charset::Utf8 => text.as_bytes().to_vec(),
    }
}

/// One encoded word.
fn encoded_word(text: &str, charset: Charset) -> String {
    format!(
        "=?{}?B?{}?=",
        charset.label(),
        BASE64.encode(charset_bytes(text, charset))
    )
}

/// `text` as RFC 2047 encoded words: the first at most `first` characters long, the others at
/// most [`WORD`]; cut between characters only.
fn encoded_words(text: &str, charset: Charset, first: usize) -> Vec<String> {
    let mut words = Vec::new();
    let mut chunk = String::new();
    for c in text.chars() {
        let budget = if words.is_empty() { first } else { WORD };
        let mut longer = chunk.clone();
        longer.push(c);
        if !chunk.is_empty() && encoded_word(&longer, charset).len() > budget {
            words.push(encoded_word(&chunk, charset));
            chunk.clear();
        }
        chunk.push(c);
    }
    if !chunk.is_empty() || words.is_empty() {
        words.push(encoded_word(&chunk, charset));
    }
    words
}

/// Whether text can be written in a header as it is.
fn plain_header_text(text: &str) -> bool {
    text.chars().all(|c| c == ' ' || c.is_ascii_graphic()) && !text.contains("=?")
}

/// `Name: tokens...` folded at the spaces between tokens so that lines stay within [`LINE`]
/// (a token longer than a line stays whole).
fn fold_tokens(head: &str, tokens: &[String]) -> String {
    let mut out = String::from(head);
    let mut line = head.len();
    for (i, t) in tokens.iter().enumerate() {
        if i > 0 && line + 1 + t.len() > LINE {
            out.push_str("\r\n");
            line = 0;
        }
        out.push(' ');
        out.push_str(t);
        line += 1 + t.len();
    }
    out.push_str("\r\n");
    out
}

/// An unstructured header (Subject): as it is when plain ASCII, else encoded words.
fn text_header(name: &str, text: &str, charset: Charset) -> String {
    let head = format!("{name}:");
    if plain_header_text(text) {
        let tokens: Vec<String> = text.split(' ').map(str::to_string).collect();
        return fold_tokens(&head, &tokens);
    }
    let words = encoded_words(text, charset, LINE - head.len() - 1);
    fold_tokens(&head, &words)
}

/// `Name: display name <address>`, the name quoted or encoded as needed.
fn mailbox_header(name: &str, display: &str, address: &str, charset: Charset) -> String {
    let head = format!("{name}:");
    let display = display.trim();
    let mut tokens: Vec<String> = if display.is_empty() {
        Vec::new()
    } else if plain_header_text(display) {
        let atoms = display
            .chars()
            .all(|c| c == ' ' || c.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~".contains(c));
        if atoms {
            display.split(' ').map(str::to_string).collect()
        } else {
            vec![format!(
                "\"{}\"",
                display.replace('\\', "\\\\").replace('"', "\\\"")
            )]
        }
    } else {
        encoded_words(display, charset, LINE - head.len() - 1)
    };
    tokens.push(format!("<{address}>"));
    fold_tokens(&head, &tokens)
}

/// `Name: a, b, c` (bare addresses, already checked).
fn address_list_header(name: &str, addresses: &[String]) -> String {
    let count = addresses.len();
    let tokens: Vec<String> = addresses
        .iter()
        .enumerate()
        .map(|(i, a)| {
            if i + 1 < count {
                format!("{a},")
            } else {
                a.clone()
            }
        })
        .collect();
    fold_tokens(&format!("{name}:"), &tokens)
}

#[cfg(test)]
mod tests {
    use super::*;
    use mail_parser::MimeHeaders as _;

    const ORIGINAL: &[u8] = b"From: =?UTF-8?B?5aSq6YOO?= <taro@example.jp>\r\nTo: soudan@city.example.lg.jp\r\nSubject: =?UTF-8?B?5Zue562U44GX44KN?=\r\nMessage-ID: <orig-1@example.jp>\r\nReferences: <a@example.jp>\r\n <b@example.jp>\r\nDate: Sat, 28 Nov 2026 07:00:00 +0900\r\n\r\nbody\r\n";

    fn parts<'a>(body: &'a str, charset: Charset) -> ReplyParts<'a> {
        ReplyParts {
            office_address: "soudan@city.example.lg.jp",
            office_name: "〇〇区役所 〇〇課",
            body,
            charset,
            date: "Sat, 28 Nov 2026 16:00:00 +0900",
            message_id_unique: "20261128T070000.abcdef",
        }
    }

    /// Composes, checks the line rules on the bytes, and parses them back.
    fn check(original: &[u8], parts: &ReplyParts<'_>) -> Composed {
        let c = compose_reply(original, parts).unwrap();
        assert!(c.raw.is_ascii(), "7-bit only");
        let text = String::from_utf8(c.raw.clone()).unwrap();
        assert!(text.ends_with("\r\n"));
        assert!(
            !text.replace("\r\n", "").contains(['\r', '\n']),
            "CRLF only"
        );
        let (head, _) = text.split_once("\r\n\r\n").unwrap();
        for line in head.split("\r\n") {
            assert!(line.len() <= LINE, "header line too long: {line:?}");
            for word in line.split(' ').filter(|w| w.starts_with("=?")) {
                assert!(word.len() <= WORD, "encoded word too long: {word}");
            }
        }
        c
    }

    #[test]
    fn iso_2022_jp_reply_reads_back() {
        let body = "〇〇様\n\n本件につきましては、既にご回答申し上げた通りです。\n";
        let c = check(ORIGINAL, &parts(body, Charset::Iso2022Jp));
        assert_eq!(c.charset, Charset::Iso2022Jp);
        assert_eq!(c.fallback, None);
        assert_eq!(c.to, vec!["taro@example.jp".to_string()]);
        let m = MessageParser::default().parse(&c.raw).unwrap();
        assert_eq!(m.subject(), Some("Re: 回答しろ"));
        assert_eq!(m.body_text(0).unwrap().replace("\r\n", "\n"), body);
        let from = m.from().unwrap().first().unwrap();
        assert_eq!(from.name(), Some("〇〇区役所 〇〇課"));
        assert_eq!(from.address(), Some("soudan@city.example.lg.jp"));
        assert_eq!(
            m.to().unwrap().first().unwrap().address(),
            Some("taro@example.jp")
        );
        assert_eq!(m.in_reply_to().as_text(), Some("orig-1@example.jp"));
        assert_eq!(
            m.references().as_text_list().unwrap(),
            &["a@example.jp", "b@example.jp", "orig-1@example.jp"]
        );
        assert_eq!(
            m.message_id(),
            Some("20261128T070000.abcdef@city.example.lg.jp")
        );
        let ct = m.content_type().unwrap();
        assert_eq!(ct.attribute("charset"), Some("ISO-2022-JP"));
        let text = String::from_utf8(c.raw.clone()).unwrap();
        assert!(text.contains("Content-Transfer-Encoding: 7bit\r\n"));
        assert!(text.contains("Date: Sat, 28 Nov 2026 16:00:00 +0900\r\n"));
        assert!(text.contains("\x1b$B"), "the body is in JIS");
        // Our own decoder agrees.
        let d = crate::decode::decode(&c.raw);
        assert_eq!(d.subject.as_deref(), Some("Re: 回答しろ"));
    }

    #[test]
    fn characters_outside_iso_2022_jp_fall_back_to_utf8() {
        for (body, bad) in [
            ("①の件について", '①'),
            ("髙橋様", '髙'),
            ("ご連絡ください😀", '😀'),
            ("ｶﾀｶﾅ", 'ｶ'),
            ("㈱について", '㈱'),
        ] {
            let c = check(ORIGINAL, &parts(body, Charset::Iso2022Jp));
            assert_eq!(c.charset, Charset::Utf8, "{body}");
            let why = c.fallback.clone().unwrap();
            assert!(why.contains(bad), "{why}");
            let m = MessageParser::default().parse(&c.raw).unwrap();
            assert_eq!(m.body_text(0).unwrap().trim_end(), body);
            assert_eq!(
                m.content_type().unwrap().attribute("charset"),
                Some("UTF-8")
            );
            assert!(!String::from_utf8(c.raw).unwrap().contains("&#"));
        }
        // A subject character counts too.
        let original = b"From: a@example.jp\r\nSubject: =?UTF-8?B?4pGg?=\r\n\r\nx\r\n";
        let c = check(original, &parts("本文", Charset::Iso2022Jp));
        assert_eq!(c.charset, Charset::Utf8);
        assert_eq!(c.subject, "Re: ①");
    }

    #[test]
    fn jis_x_0208_characters_stay_iso_2022_jp() {
        for c in "あア亜腕〇々ー～－＼￥堯凜熙高橋崎".chars() {
            assert!(fits_iso_2022_jp(c), "{c}");
        }
        for c in "①㈱髙﨑ｱ😀\u{1b}".chars() {
            assert!(!fits_iso_2022_jp(c), "{c}");
        }
    }

    #[test]
    fn utf8_when_configured() {
        let c = check(ORIGINAL, &parts("普通の本文", Charset::Utf8));
        assert_eq!(c.charset, Charset::Utf8);
        assert_eq!(c.fallback, None);
        let text = String::from_utf8(c.raw.clone()).unwrap();
        assert!(text.contains("Content-Transfer-Encoding: base64\r\n"));
        assert!(text.contains("=?UTF-8?B?"));
        let m = MessageParser::default().parse(&c.raw).unwrap();
        assert_eq!(m.body_text(0).unwrap().trim_end(), "普通の本文");
    }

    #[test]
    fn reply_to_wins_and_addresses_are_checked() {
        let original = b"From: a@example.jp\r\nReply-To: b@example.jp, c@example.jp\r\nSubject: x\r\n\r\nx\r\n";
        let c = check(original, &parts("x", Charset::Iso2022Jp));
        assert_eq!(c.to, vec!["b@example.jp", "c@example.jp"]);
        let none = b"Subject: x\r\n\r\nx\r\n";
        assert_eq!(
            compose_reply(none, &parts("x", Charset::Utf8)),
            Err(ComposeError::NoRecipient)
        );
        for bad in [
            "a b@x.jp",
            "a@x.jp\r\nBcc: c@y",
            "日本@x.jp",
            "ab",
            "a@",
            "@b",
        ] {
            assert!(check_address(bad).is_err(), "{bad}");
        }
        let injected = b"From: \"x\" <a@x.jp>\r\nReply-To: <a\r\n b@x.jp>\r\n\r\n";
        if let Ok(c) = compose_reply(injected, &parts("x", Charset::Utf8)) {
            for a in &c.to {
                check_address(a).unwrap();
            }
        }
        assert!(matches!(
            compose_reply(ORIGINAL, &parts("a\u{7}b", Charset::Utf8)),
            Err(ComposeError::ControlCharacter(7))
        ));
    }

    #[test]
    fn re_prefixes_do_not_stack() {
        for (original, want) in [
            ("回答しろ", "Re: 回答しろ"),
            ("Re: 回答しろ", "Re: 回答しろ"),
            ("RE: Re: re:回答", "Re: 回答"),
            ("Re[2]: x", "Re: x"),
            ("Ｒｅ：　件名", "Re: 件名"),
            ("Regarding", "Re: Regarding"),
            ("", "Re:"),
            ("a\r\n b", "Re: a   b"),
        ] {
            assert_eq!(reply_subject(original), want, "{original:?}");
        }
    }

    #[test]
    fn no_message_id_means_no_in_reply_to() {
        let original = b"From: a@example.jp\r\nSubject: hello there\r\n\r\nx\r\n";
        let c = check(original, &parts("x", Charset::Iso2022Jp));
        let text = String::from_utf8(c.raw).unwrap();
        assert!(!text.contains("In-Reply-To") && !text.contains("References"));
        assert!(text.contains("Subject: Re: hello there\r\n"));
    }

    #[test]
    fn long_references_and_subjects_fold() {
        let mut original =
            String::from("From: a@example.jp\r\nMessage-ID: <last@example.jp>\r\nReferences:");
        for i in 0..20 {
            original.push_str(&format!(" <reference-number-{i}@long.example.jp>"));
        }
        original.push_str("\r\nSubject: ");
        original.push_str(&"long words ".repeat(20));
        original.push_str("\r\n\r\nx\r\n");
        let c = check(original.as_bytes(), &parts("x", Charset::Iso2022Jp));
        let m = MessageParser::default().parse(&c.raw).unwrap();
        assert_eq!(m.references().as_text_list().unwrap().len(), 21);
        assert_eq!(m.subject().unwrap(), c.subject);
    }

    /// A small deterministic generator (xorshift), so that the property test needs no extra
    /// crate and a failure repeats.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn pick<T: Copy>(&mut self, items: &[T]) -> T {
            items[(self.next() % items.len() as u64) as usize]
        }
    }

    #[test]
    fn random_japanese_text_survives_both_charsets() {
        let pool: Vec<char> = "あいうえおかきくけこ漢字変換亜唖娃阿哀愛挨姶逢葵茜穐悪握渥旭葦芦鯵梓圧斡扱宛姐虻飴絢綾鮎或粟袷安庵按暗案闇鞍杏アイウエオヴ、。「」ー～・！？　 abcXYZ019-=.,()"
            .chars()
            .collect();
        // Rare characters outside ISO-2022-JP, so that both paths are taken often.
        let outside: Vec<char> = "髙①😀ｶ﨑".chars().collect();
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        let char_of = |rng: &mut Rng| {
            if rng.next().is_multiple_of(300) {
                rng.pick(&outside)
            } else {
                rng.pick(&pool)
            }
        };
        let (mut stayed, mut fell_back) = (0, 0);
        for round in 0..300 {
            let subject_len = (rng.next() % 60) as usize;
            let subject: String = (0..subject_len).map(|_| char_of(&mut rng)).collect();
            let mut body = String::new();
            for _ in 0..(rng.next() % 6) {
                let n = (rng.next() % 90) as usize;
                body.extend((0..n).map(|_| char_of(&mut rng)));
                body.push('\n');
            }
            let original = format!(
                "From: a@example.jp\r\nMessage-ID: <r{round}@example.jp>\r\nSubject: =?UTF-8?B?{}?=\r\n\r\nx\r\n",
                BASE64.encode(subject.as_bytes())
            );
            for charset in [Charset::Iso2022Jp, Charset::Utf8] {
                let c = check(original.as_bytes(), &parts(&body, charset));
                let m = MessageParser::default().parse(&c.raw).unwrap();
                let want_subject = reply_subject(&subject);
                assert_eq!(c.subject, want_subject);
                assert_eq!(
                    m.subject().unwrap_or(""),
                    want_subject.trim_end(),
                    "round {round} {charset:?}"
                );
                let got = m.body_text(0).unwrap_or_default().replace("\r\n", "\n");
                assert_eq!(got, body, "round {round} {charset:?}");
                let bad = subject
                    .chars()
                    .chain(body.chars())
                    .any(|c| !fits_iso_2022_jp(c));
                if charset == Charset::Iso2022Jp {
                    assert_eq!(c.charset == Charset::Utf8, bad, "round {round}");
                    if bad {
                        fell_back += 1;
                    } else {
                        stayed += 1;
                    }
                }
            }
        }
        assert!(stayed > 50 && fell_back > 50, "{stayed} / {fell_back}");
    }
}
