//! Telling what a file holds from its first bytes, so that a folder walk imports mail and skips
//! index files, pictures and the like, while a file named explicitly is always archived.

/// What the first bytes of a file look like.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Container {
    /// Starts with an mbox `From ` separator line.
    Mbox,
    /// Starts with an RFC 5322 header field (`Name: value`).
    Message,
    /// Neither: not recognisably mail.
    Unknown,
}

/// Classifies a file from its first bytes (a few hundred are enough).
pub fn sniff(head: &[u8]) -> Container {
    if head.starts_with(b"From ") {
        return Container::Mbox;
    }
    let line_end = head.iter().position(|&b| b == b'\n').unwrap_or(head.len());
    let line = &head[..line_end];
    match line.iter().position(|&b| b == b':') {
        // A field name is one or more printable ASCII characters other than colon and space
        // (RFC 5322 section 2.2).
        Some(colon) if colon > 0 && line[..colon].iter().all(|&b| (33..=126).contains(&b)) => {
            Container::Message
        }
        _ => Container::Unknown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds() {
        assert_eq!(
            sniff(b"From a@b Sat Jan  1 00:00:00 2000\n"),
            Container::Mbox
        );
        assert_eq!(sniff(b"Return-Path: <a@b>\r\n"), Container::Message);
        assert_eq!(sniff(b"X-Foo:bar"), Container::Message);
        assert_eq!(sniff(b"\x89PNG\r\n"), Container::Unknown);
        assert_eq!(sniff(b": no name\n"), Container::Unknown);
        assert_eq!(sniff(b"not a header line\n"), Container::Unknown);
        assert_eq!(sniff(b""), Container::Unknown);
    }
}
