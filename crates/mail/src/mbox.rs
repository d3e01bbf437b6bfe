//! Splitting an mbox file into messages, streaming one message at a time.
//!
//! A message starts at a line beginning with `From ` that opens the file or follows an empty
//! line. The empty line that the mbox writer put before the next separator belongs to the mbox,
//! not to the message, and is removed. With mboxrd unquoting (the default) one `>` is removed from
//! every line matching `^>+From `; mboxo files quote only `From ` and cannot be unquoted safely,
//! so [`Quoting::Keep`] archives their lines as they are. Content-Length (mboxcl) is not used:
//! writers that rely on it and do not quote are rare, and trusting a length field in hostile input
//! would let one message swallow the next.

use std::io::{self, BufRead};

/// How `>From ` lines are treated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Quoting {
    /// mboxrd: remove one `>` from lines matching `^>+From `.
    Mboxrd,
    /// Keep every line as written (for mboxo files, whose quoting cannot be undone safely).
    Keep,
}

/// One message cut out of an mbox file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MboxMessage {
    /// The separator line, without its line end (lossy UTF-8).
    pub from_line: String,
    /// Byte offset of the separator line in the file.
    pub offset: u64,
    /// The message bytes, unquoted as asked.
    pub bytes: Vec<u8>,
    /// How many lines were unquoted.
    pub unquoted_lines: u64,
}

/// Streams the messages of an mbox; memory holds one message at a time.
pub struct MboxReader<R> {
    reader: R,
    quoting: Quoting,
    offset: u64,
    line: Vec<u8>,
    current: Option<MboxMessage>,
    previous_blank: bool,
    done: bool,
}

impl<R: BufRead> MboxReader<R> {
    /// Starts reading at the beginning of an mbox file.
    pub fn new(reader: R, quoting: Quoting) -> Self {
        MboxReader {
            reader,
            quoting,
            offset: 0,
            line: Vec::new(),
            current: None,
            previous_blank: true,
            done: false,
        }
    }

    /// Bytes consumed so far, for progress reporting.
    pub fn offset(&self) -> u64 {
        self.offset
    }

    fn finish(mut message: MboxMessage) -> MboxMessage {
        // Drop the one empty line that separates this message from the next separator.
        if message.bytes == b"\n" || message.bytes == b"\r\n" {
            message.bytes.clear();
        } else if message.bytes.ends_with(b"\r\n\r\n") {
            message.bytes.truncate(message.bytes.len() - 2);
        } else if message.bytes.ends_with(b"\n\n") {
            message.bytes.truncate(message.bytes.len() - 1);
        }
        message
    }

    fn is_blank(line: &[u8]) -> bool {
        line == b"\n" || line == b"\r\n"
    }
}

/// Parses the date of a From_ line (`From sender Www Mmm dd hh:mm:ss yyyy`, asctime form, local
/// time of the machine that wrote it) into civil fields `(year, month, day, hour, minute, second)`.
/// The zone is not written in the line; the caller decides which zone to assume.
pub fn from_line_date(line: &str) -> Option<(i16, i8, i8, i8, i8, i8)> {
    let rest = line.strip_prefix("From ")?;
    let mut words = rest.split_whitespace();
    words.next()?; // the envelope sender
    let words: Vec<&str> = words.collect();
    // Find "Mmm dd hh:mm:ss yyyy" anywhere after the sender (a weekday usually comes first).
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    for i in 0..words.len().saturating_sub(3) {
        let Some(month) = MONTHS.iter().position(|m| *m == words[i]) else {
            continue;
        };
        let day: i8 = words[i + 1].parse().ok()?;
        let mut hms = words[i + 2].split(':').map(|p| p.parse::<i8>().ok());
        let (h, m, s) = (
            hms.next()??,
            hms.next()??,
            hms.next().flatten().unwrap_or(0),
        );
        let year: i16 = words[i + 3].parse().ok()?;
        return Some((year, month as i8 + 1, day, h, m, s));
    }
    None
}

impl<R: BufRead> Iterator for MboxReader<R> {
    type Item = io::Result<MboxMessage>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        loop {
            self.line.clear();
            let n = match self.reader.read_until(b'\n', &mut self.line) {
                Ok(n) => n,
                Err(e) => {
                    self.done = true;
                    return Some(Err(e));
                }
            };
            if n == 0 {
                self.done = true;
                return self.current.take().map(|m| Ok(Self::finish(m)));
            }
            let line_offset = self.offset;
            self.offset += n as u64;
            let is_separator = self.previous_blank && self.line.starts_with(b"From ");
            self.previous_blank = Self::is_blank(&self.line);
            if is_separator {
                let text = String::from_utf8_lossy(&self.line);
                let from_line = text.trim_end_matches(['\r', '\n']).to_string();
                let next = MboxMessage {
                    from_line,
                    offset: line_offset,
                    bytes: Vec::new(),
                    unquoted_lines: 0,
                };
                if let Some(done) = self.current.replace(next) {
                    return Some(Ok(Self::finish(done)));
                }
                continue;
            }
            let Some(message) = self.current.as_mut() else {
                // Text before the first separator is not a message of this mbox; the caller only
                // reads files that start with a separator, so this is reached on odd input only.
                continue;
            };
            let quoted = self.line.first() == Some(&b'>') && {
                let body = self.line.iter().position(|&b| b != b'>');
                body.is_some_and(|p| self.line[p..].starts_with(b"From "))
            };
            if quoted && self.quoting == Quoting::Mboxrd {
                message.bytes.extend_from_slice(&self.line[1..]);
                message.unquoted_lines += 1;
            } else {
                message.bytes.extend_from_slice(&self.line);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &[u8], quoting: Quoting) -> Vec<(String, u64, Vec<u8>, u64)> {
        MboxReader::new(input, quoting)
            .map(|m| {
                let m = m.unwrap();
                (m.from_line, m.offset, m.bytes, m.unquoted_lines)
            })
            .collect()
    }

    #[test]
    fn splits_and_unquotes() {
        let mbox = b"From a@x Sat Nov 28 07:00:00 2026\nSubject: one\n\nbody\n>From here\n>>From there\nFrom inside\n\nFrom b@y Sat Nov 28 08:00:00 2026\nSubject: two\n\nlast";
        let got = check(mbox, Quoting::Mboxrd);
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].0, "From a@x Sat Nov 28 07:00:00 2026");
        assert_eq!(got[0].1, 0);
        assert_eq!(
            got[0].2,
            b"Subject: one\n\nbody\nFrom here\n>From there\nFrom inside\n".to_vec()
        );
        assert_eq!(got[0].3, 2);
        let second = mbox.windows(8).position(|w| w == b"From b@y").unwrap();
        assert_eq!(got[1].1, second as u64);
        assert_eq!(got[1].2, b"Subject: two\n\nlast".to_vec());

        let kept = check(mbox, Quoting::Keep);
        assert_eq!(
            kept[0].2,
            b"Subject: one\n\nbody\n>From here\n>>From there\nFrom inside\n".to_vec()
        );
        assert_eq!(kept[0].3, 0);
    }

    #[test]
    fn crlf_and_empty_messages() {
        let mbox = b"From a Mon Jan  1 00:00:00 2001\r\nA: b\r\n\r\nx\r\n\r\nFrom b Mon Jan  1 00:00:00 2001\r\n\r\nFrom c\r\n";
        let got = check(mbox, Quoting::Mboxrd);
        assert_eq!(got.len(), 3);
        assert_eq!(got[0].2, b"A: b\r\n\r\nx\r\n".to_vec());
        assert_eq!(got[1].2, b"".to_vec());
        assert_eq!(got[2].2, b"".to_vec());
        assert!(check(b"", Quoting::Mboxrd).is_empty());
    }

    #[test]
    fn from_line_dates() {
        assert_eq!(
            from_line_date("From a@x Sat Nov 28 07:00:05 2026"),
            Some((2026, 11, 28, 7, 0, 5))
        );
        assert_eq!(
            from_line_date("From MAILER-DAEMON Fri Jul  8 12:08:34 2011"),
            Some((2011, 7, 8, 12, 8, 34))
        );
        assert_eq!(from_line_date("From a@x"), None);
        assert_eq!(from_line_date("From a@x Sat Nov xx 07:00:05 2026"), None);
    }
}
