//! The byte stream to the server: plain TCP or TLS, a receive buffer cut into whole IMAP
//! responses, command tags, and a deadline on every read and write.
//!
//! What the responses mean is `session`'s business; this module only frames them. Responses are
//! parsed in place and handed to a callback, which copies out what it needs, so a 10,000-mail
//! fetch never holds more than one read buffer plus the mails the caller asked for.

use std::panic::{self, AssertUnwindSafe};

use imap_proto::Response;
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tokio::net::TcpStream;
use tokio::time::{Instant, timeout_at};
use tokio_rustls::client::TlsStream;

use crate::error::ImapError;

/// A larger response (one mail of this size) is refused rather than buffered, so that a broken
/// or hostile server cannot make the process take all memory.
pub(crate) const MAX_RESPONSE: usize = 256 * 1024 * 1024;

/// How much room to offer each read: big enough for many small mails per system call.
const READ_CHUNK: usize = 64 * 1024;

/// A buffer this much larger than what it holds is given back after a big mail.
const SHRINK_ABOVE: usize = 4 * 1024 * 1024;

/// The connection underneath, before or after TLS.
pub(crate) enum Transport {
    /// Plain TCP: `Security::Plain`, or before `STARTTLS`.
    Plain(TcpStream),
    /// TLS over TCP.
    Tls(Box<TlsStream<TcpStream>>),
    /// Nothing, for the moment of swapping plain for TLS during `STARTTLS`.
    Detached,
}

impl Transport {
    async fn read_buf(&mut self, buf: &mut Vec<u8>) -> std::io::Result<usize> {
        match self {
            Transport::Plain(s) => s.read_buf(buf).await,
            Transport::Tls(s) => s.read_buf(buf).await,
            Transport::Detached => Err(std::io::ErrorKind::NotConnected.into()),
        }
    }

    async fn write_all(&mut self, data: &[u8]) -> std::io::Result<()> {
        match self {
            Transport::Plain(s) => {
                s.write_all(data).await?;
                s.flush().await
            }
            Transport::Tls(s) => {
                s.write_all(data).await?;
                s.flush().await
            }
            Transport::Detached => Err(std::io::ErrorKind::NotConnected.into()),
        }
    }

    async fn shutdown(&mut self) -> std::io::Result<()> {
        match self {
            Transport::Plain(s) => s.shutdown().await,
            Transport::Tls(s) => s.shutdown().await,
            Transport::Detached => Ok(()),
        }
    }
}

/// The framed connection: transport, unread bytes, and the tag counter.
pub(crate) struct Wire {
    pub(crate) transport: Transport,
    buf: Vec<u8>,
    /// Bytes before this offset are consumed; kept instead of shifting the buffer per response.
    start: usize,
    next_tag: u32,
}

/// What one attempt to cut a response off the buffer found.
enum Parsed<R> {
    /// A whole response of this many bytes, and what the callback made of it.
    Complete(usize, R),
    /// More bytes are needed.
    Incomplete,
    /// The bytes are not IMAP this client understands.
    Invalid(String),
}

impl Wire {
    pub(crate) fn new(transport: Transport) -> Wire {
        Wire {
            transport,
            buf: Vec::with_capacity(READ_CHUNK),
            start: 0,
            next_tag: 1,
        }
    }

    /// A fresh command tag.
    pub(crate) fn tag(&mut self) -> String {
        let tag = format!("mw{}", self.next_tag);
        self.next_tag = self.next_tag.wrapping_add(1);
        tag
    }

    /// Whether bytes arrived that nobody read yet (after `STARTTLS` that means an injection
    /// attempt: anything sent before the handshake must not be trusted).
    pub(crate) fn has_unread(&self) -> bool {
        self.start < self.buf.len()
    }

    /// Sends one line; CRLF is added here.
    pub(crate) async fn send(
        &mut self,
        line: &[u8],
        deadline: Instant,
        what: &'static str,
    ) -> Result<(), ImapError> {
        let mut data = Vec::with_capacity(line.len() + 2);
        data.extend_from_slice(line);
        data.extend_from_slice(b"\r\n");
        match timeout_at(deadline, self.transport.write_all(&data)).await {
            Ok(result) => result.map_err(ImapError::Io),
            Err(_) => Err(ImapError::Timeout(what)),
        }
    }

    /// Reads until one whole response is buffered, hands it to `f`, and consumes it.
    /// `what` names the awaited reply for the timeout error.
    pub(crate) async fn read<R>(
        &mut self,
        deadline: Instant,
        what: &'static str,
        f: &mut impl FnMut(&Response<'_>) -> R,
    ) -> Result<R, ImapError> {
        loop {
            match parse_one(self.buf.get(self.start..).unwrap_or_default(), f) {
                Parsed::Complete(used, result) => {
                    self.consume(used);
                    return Ok(result);
                }
                Parsed::Invalid(message) => return Err(ImapError::Protocol(message)),
                Parsed::Incomplete => {}
            }
            if self.buf.len() - self.start > MAX_RESPONSE {
                return Err(ImapError::Protocol(format!(
                    "a server response is larger than {} MiB",
                    MAX_RESPONSE / (1024 * 1024)
                )));
            }
            self.make_room();
            let read = match timeout_at(deadline, self.transport.read_buf(&mut self.buf)).await {
                Ok(result) => result.map_err(ImapError::Io)?,
                Err(_) => return Err(ImapError::Timeout(what)),
            };
            if read == 0 {
                return Err(ImapError::Closed(if self.has_unread() {
                    "connection closed in the middle of a response".into()
                } else {
                    "connection closed by the server".into()
                }));
            }
        }
    }

    fn consume(&mut self, used: usize) {
        self.start = self.start.saturating_add(used);
        if self.start >= self.buf.len() {
            self.buf.clear();
            self.start = 0;
        }
    }

    /// Drops consumed bytes (once per read, not per response), returns memory after a big
    /// mail, and leaves room for the next read.
    fn make_room(&mut self) {
        if self.start > 0 {
            self.buf.drain(..self.start);
            self.start = 0;
        }
        if self.buf.capacity() > SHRINK_ABOVE && self.buf.len() < SHRINK_ABOVE / 4 {
            self.buf
                .shrink_to(self.buf.len().max(READ_CHUNK) + READ_CHUNK);
        }
        self.buf.reserve(READ_CHUNK);
    }

    /// Closes the connection politely (TLS close_notify), giving up at the deadline.
    pub(crate) async fn shutdown(&mut self, deadline: Instant) {
        let _ = timeout_at(deadline, self.transport.shutdown()).await;
    }
}

/// Cuts one response off the front of `bytes`. The parser runs under `catch_unwind` because
/// imap-proto 0.17 panics on a few malformed inputs (e.g. a response code followed directly by
/// an 8-bit byte); a server must never be able to crash the archive.
fn parse_one<R>(bytes: &[u8], f: &mut impl FnMut(&Response<'_>) -> R) -> Parsed<R> {
    if bytes.is_empty() {
        return Parsed::Incomplete;
    }
    let parsed = panic::catch_unwind(AssertUnwindSafe(|| Response::parse(bytes)));
    match parsed {
        Ok(Ok((rest, response))) => {
            let used = bytes.len() - rest.len();
            Parsed::Complete(used, f(&response))
        }
        Ok(Err(e)) if e.is_incomplete() => Parsed::Incomplete,
        Ok(Err(_)) => Parsed::Invalid(format!(
            "cannot parse the server's response {:?}",
            excerpt(bytes)
        )),
        Err(_) => Parsed::Invalid(format!(
            "the parser failed on the server's response {:?}",
            excerpt(bytes)
        )),
    }
}

/// The first line of a response, shortened, for error messages.
pub(crate) fn excerpt(bytes: &[u8]) -> String {
    let line = bytes.split(|&b| b == b'\n').next().unwrap_or_default();
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    shorten(&String::from_utf8_lossy(line), 200)
}

/// Cuts a text to at most `max` characters, on a character boundary.
pub(crate) fn shorten(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(bytes: &[u8]) -> Parsed<String> {
        parse_one(bytes, &mut |r: &Response<'_>| format!("{r:?}"))
    }

    #[test]
    fn parses_whole_waits_for_partial_refuses_garbage() {
        assert!(matches!(
            check(b"* 3 EXISTS\r\n* 4 EX"),
            Parsed::Complete(12, _)
        ));
        assert!(matches!(
            check(b"* 3 FETCH (UID 5 BODY[] {10}\r\nabc"),
            Parsed::Incomplete
        ));
        assert!(matches!(check(b"\x00\x01garbage\r\n"), Parsed::Invalid(_)));
    }

    #[test]
    fn parser_panic_on_server_input_becomes_an_error() {
        // imap-proto slices the text after a response code at byte 1: an 8-bit byte there
        // panicked inside the parser. It must come back as a protocol error.
        match check("mw1 OK [ALERT]日本\r\n".as_bytes()) {
            Parsed::Invalid(message) => assert!(message.contains("mw1 OK [ALERT]日本")),
            Parsed::Complete(_, r) => panic!("imap-proto was fixed, parsed as {r}"),
            Parsed::Incomplete => panic!("complete input reported incomplete"),
        }
    }

    #[test]
    fn shorten_respects_characters() {
        assert_eq!(shorten("確認用(迷惑メール)", 3), "確認用…");
        assert_eq!(shorten("abc", 3), "abc");
    }
}
