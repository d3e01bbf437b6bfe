//! The sender's own words: a reply quotes earlier mail (the clerk's answer, the sender's own
//! previous demand) and ends with a signature. Neither is what this mail says, so both are cut
//! before matching and before comparing mails, which makes a quoted threat count once (in the
//! mail that made it) and a re-sent demand look like itself rather than like the quote.

/// Lines that open a quoted earlier mail; everything from such a line on is the quote.
const REPLY_HEADERS: [&str; 6] = [
    "-----original message-----",
    "----- original message -----",
    "-----元のメッセージ-----",
    "----- 元のメッセージ -----",
    "-----原文-----",
    "________________________________",
];

fn is_quote_line(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with('>') || t.starts_with('＞') || t.starts_with('|') && t.len() > 1
}

/// "On Mon, ... wrote:" and the Japanese forms ("...さんは書きました:", "...のメッセージ:").
fn is_attribution(line: &str) -> bool {
    let t = line.trim();
    let lower = t.to_ascii_lowercase();
    (lower.starts_with("on ") && lower.ends_with("wrote:"))
        || t.ends_with("書きました:")
        || t.ends_with("書きました：")
        || t.ends_with("wrote:") && t.len() < 200
        || (t.ends_with("のメッセージ:") || t.ends_with("のメッセージ：")) && t.len() < 200
}

fn is_reply_header(line: &str) -> bool {
    let t = line.trim();
    // Every reply header is a rule of dashes or underscores: most lines are settled by their
    // first character, without lower-casing them (this runs on every line of every mail).
    if !t.starts_with(['-', '_']) {
        return false;
    }
    let t = t.to_lowercase();
    REPLY_HEADERS.iter().any(|h| t == *h)
}

/// A signature separator: the standard "-- " line, or a rule of eight or more dashes, equals
/// signs, underscores or box-drawing characters.
fn is_signature_rule(line: &str) -> bool {
    let t = line.trim_end_matches(['\r', '\n']);
    if t == "-- " || t == "--" {
        return true;
    }
    let t = t.trim();
    t.chars().count() >= 8
        && t.chars().all(|c| {
            matches!(
                c,
                '-' | '=' | '_' | '─' | '━' | '＝' | '－' | '*' | '＊' | '~'
            )
        })
}

/// The mail's own words: the body without quoted lines, without anything after a reply header
/// or attribution line, and without a trailing signature (a rule in the last 15 lines).
pub fn own_words(body: &str) -> String {
    let lines: Vec<&str> = body.lines().collect();
    let mut end = lines.len();
    for (i, line) in lines.iter().enumerate() {
        if is_reply_header(line) || is_attribution(line) {
            end = i;
            break;
        }
    }
    let kept = &lines[..end];
    let mut sig_at = kept.len();
    for i in (kept.len().saturating_sub(15)..kept.len()).rev() {
        if is_signature_rule(kept[i]) {
            sig_at = i;
        }
    }
    // A rule at the very top is decoration, not a signature.
    if sig_at == 0 {
        sig_at = kept.len();
    }
    let mut out = String::with_capacity(body.len());
    for line in &kept[..sig_at] {
        if is_quote_line(line) {
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// The subject without reply and forward prefixes (Re:, RE：, Fwd:, 返信:, 転送:), repeated or not.
pub fn bare_subject(subject: &str) -> &str {
    let mut s = subject.trim();
    loop {
        let lower = s.to_ascii_lowercase();
        let cut = [
            "re:",
            "re：",
            "fw:",
            "fwd:",
            "fw：",
            "aw:",
            "返信:",
            "返信：",
            "転送:",
            "転送：",
        ]
        .iter()
        .find(|p| lower.starts_with(*p))
        .map(|p| p.len());
        match cut {
            Some(n) => s = s[n..].trim_start(),
            None => return s,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_attributions_and_signatures_are_cut() {
        let body = "回答しろ。\n\n2026年11月1日 10:00 区役所 <info@ku.example> のメッセージ:\n> ご意見ありがとうございます。\n";
        assert_eq!(own_words(body), "回答しろ。\n\n");
        let body = "Answer me now.\n> earlier text\nStill waiting.\n-- \nTaro\nTel 000\n";
        assert_eq!(own_words(body), "Answer me now.\nStill waiting.\n");
        let body = "本文です。\n----------\n山田太郎\n";
        assert_eq!(own_words(body), "本文です。\n");
        let body = "本文\n-----Original Message-----\nFrom: x\n殺す\n";
        assert_eq!(own_words(body), "本文\n");
        assert_eq!(own_words(""), "");
    }

    #[test]
    fn subject_prefixes() {
        assert_eq!(
            bare_subject("Re: RE：Fwd: 回答を求めます"),
            "回答を求めます"
        );
        assert_eq!(bare_subject("返信: 件名"), "件名");
        assert_eq!(bare_subject("Regarding x"), "Regarding x");
    }
}
