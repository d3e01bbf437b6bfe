//! SMTP/LMTP replies: a three-digit code, an optional enhanced status code (RFC 3463) and one or
//! more text lines, written as a multi-line reply (`250-...` then `250 ...`) when needed.
//!
//! Reply texts never carry CR or LF taken from elsewhere (a sink's note, a client's argument):
//! [`Reply::new`] replaces them, so that no input can forge an extra reply line.

use std::fmt::Write as _;

/// One reply to one command (or, in LMTP, to one recipient after DATA).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Reply {
    /// The three-digit reply code, e.g. 250 or 451.
    pub code: u16,
    /// The enhanced status code (`2.0.0`), absent in the greeting and in EHLO lines.
    pub status: Option<&'static str>,
    /// The text lines; at least one.
    pub lines: Vec<String>,
}

impl Reply {
    /// A one-line reply with an enhanced status code.
    pub(crate) fn new(code: u16, status: &'static str, text: impl Into<String>) -> Reply {
        Reply {
            code,
            status: Some(status),
            lines: vec![clean(text.into())],
        }
    }

    /// A reply without an enhanced status code (the greeting, EHLO, and their refusals).
    pub(crate) fn plain(code: u16, lines: Vec<String>) -> Reply {
        let mut lines: Vec<String> = lines.into_iter().map(clean).collect();
        if lines.is_empty() {
            lines.push(String::new());
        }
        Reply {
            code,
            status: None,
            lines,
        }
    }

    /// Appends the wire form (every line ending in CRLF) to `out`.
    pub(crate) fn write_to(&self, out: &mut Vec<u8>) {
        let mut text = String::new();
        let last = self.lines.len().saturating_sub(1);
        for (i, line) in self.lines.iter().enumerate() {
            let sep = if i == last { ' ' } else { '-' };
            let _ = write!(text, "{}{}", self.code, sep);
            if let Some(status) = self.status {
                text.push_str(status);
                if !line.is_empty() {
                    text.push(' ');
                }
            }
            text.push_str(line);
            text.push_str("\r\n");
        }
        out.extend_from_slice(text.as_bytes());
    }

    /// The wire form as a string (tests).
    #[cfg(test)]
    pub fn to_wire(&self) -> String {
        let mut out = Vec::new();
        self.write_to(&mut out);
        String::from_utf8_lossy(&out).into_owned()
    }
}

/// Replaces line breaks and other control characters, so that a text can never end a reply
/// line early; keeps replies short enough for any client (RFC 5321: 512 octets a line).
fn clean(text: String) -> String {
    let mut out: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if out.len() > 400 {
        let mut cut = 400;
        while !out.is_char_boundary(cut) {
            cut -= 1;
        }
        out.truncate(cut);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(reply: Reply, wire: &str) {
        assert_eq!(reply.to_wire(), wire);
    }

    #[test]
    fn one_line_and_multi_line_replies() {
        check(Reply::new(250, "2.0.0", "Ok"), "250 2.0.0 Ok\r\n");
        check(
            Reply::plain(
                250,
                vec!["host".into(), "PIPELINING".into(), "8BITMIME".into()],
            ),
            "250-host\r\n250-PIPELINING\r\n250 8BITMIME\r\n",
        );
    }

    #[test]
    fn texts_cannot_inject_reply_lines() {
        check(
            Reply::new(451, "4.3.0", "disk\r\n250 ok"),
            "451 4.3.0 disk  250 ok\r\n",
        );
    }
}
