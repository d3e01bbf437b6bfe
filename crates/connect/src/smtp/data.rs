//! The DATA phase: finding the end of the message, removing dot-stuffing, and keeping every
//! other byte exactly as it came.
//!
//! The message ends only at `<CRLF>.<CRLF>` (or `.<CRLF>` right after the 354, i.e. at the start
//! of the first line). A bare LF is never a line end here: `<LF>.<LF>`, `<LF>.<CRLF>` and
//! `<CRLF>.<LF>` are message content, so a client cannot smuggle a second mail past a server
//! that reads line ends differently (SMTP smuggling, 2023). Bare LF, bare CR, NUL and 8-bit
//! bytes are kept byte for byte and reported in [`DataFlags`], never normalised.
//!
//! Dot-unstuffing follows RFC 5321 4.5.2: a line (after CRLF) that starts with a period loses that
//! period. The reader is sans-IO and incremental: feed it whatever the socket gave, in pieces of
//! any size (the terminator may be split across reads). Memory is bounded: beyond the size limit
//! the bytes are counted and dropped, and the reader goes on looking for the end.

/// Where the reader stands within the current line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// After CRLF, or at the very start of the data.
    LineStart,
    /// A period at the start of a line.
    Dot,
    /// A period and a CR at the start of a line.
    DotCr,
    /// Inside a line.
    Mid,
    /// Inside a line, right after a CR.
    Cr,
    /// The terminator was seen.
    Done,
}

/// What the message bytes held that the protocol does not allow or that the client did not
/// declare.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DataFlags {
    /// A LF without CR before it.
    pub bare_lf: bool,
    /// A CR without LF after it.
    pub bare_cr: bool,
    /// A NUL byte.
    pub nul: bool,
    /// A byte above 127.
    pub eight_bit: bool,
}

/// Reads one message of the DATA phase, incrementally.
#[derive(Debug)]
pub struct DataReader {
    state: State,
    limit: u64,
    size: u64,
    message: Vec<u8>,
    flags: DataFlags,
}

impl DataReader {
    /// A reader that keeps at most `limit` octets of message (after unstuffing).
    pub fn new(limit: u64) -> DataReader {
        DataReader {
            state: State::LineStart,
            limit,
            size: 0,
            message: Vec::new(),
            flags: DataFlags::default(),
        }
    }

    /// Takes bytes from `input`; returns how many it consumed. It consumes everything unless the
    /// end of the message is inside `input`: then the bytes after `<CRLF>.<CRLF>` are left for
    /// the command reader (pipelined commands after the message).
    pub fn feed(&mut self, input: &[u8]) -> usize {
        let mut i = 0;
        while i < input.len() {
            match self.state {
                State::Done => return i,
                State::Mid => {
                    // Fast path: copy up to the next CR or LF in one go.
                    let rest = &input[i..];
                    let run = rest
                        .iter()
                        .position(|&b| b == b'\r' || b == b'\n')
                        .unwrap_or(rest.len());
                    if run > 0 {
                        self.emit(&rest[..run]);
                        i += run;
                        continue;
                    }
                    let b = input[i];
                    i += 1;
                    if b == b'\r' {
                        self.emit(b"\r");
                        self.state = State::Cr;
                    } else {
                        self.flags.bare_lf = true;
                        self.emit(b"\n");
                    }
                }
                State::Cr => {
                    let b = input[i];
                    i += 1;
                    match b {
                        b'\n' => {
                            self.emit(b"\n");
                            self.state = State::LineStart;
                        }
                        b'\r' => {
                            self.flags.bare_cr = true;
                            self.emit(b"\r");
                        }
                        _ => {
                            self.flags.bare_cr = true;
                            self.state = State::Mid;
                            i -= 1;
                        }
                    }
                }
                State::LineStart => {
                    if input[i] == b'.' {
                        i += 1;
                        self.state = State::Dot;
                    } else {
                        self.state = State::Mid;
                    }
                }
                State::Dot => {
                    if input[i] == b'\r' {
                        i += 1;
                        self.state = State::DotCr;
                    } else {
                        // A stuffed period: dropped; the byte after it is content.
                        self.state = State::Mid;
                    }
                }
                State::DotCr => {
                    if input[i] == b'\n' {
                        i += 1;
                        self.state = State::Done;
                        return i;
                    }
                    // ".\r" and something else: the period was stuffing, the CR is content.
                    self.emit(b"\r");
                    self.state = State::Cr;
                }
            }
        }
        i
    }

    /// Whether `<CRLF>.<CRLF>` was seen.
    pub fn is_done(&self) -> bool {
        self.state == State::Done
    }

    /// Whether the message grew beyond the limit (its bytes beyond it were dropped).
    pub fn is_oversized(&self) -> bool {
        self.size > self.limit
    }

    /// The message size in octets, also beyond the limit.
    pub fn size(&self) -> u64 {
        self.size
    }

    /// What the bytes held.
    pub fn flags(&self) -> DataFlags {
        self.flags
    }

    /// The message (only meaningful when done and not oversized).
    pub fn into_message(self) -> Vec<u8> {
        self.message
    }

    fn emit(&mut self, bytes: &[u8]) {
        if !self.flags.eight_bit && bytes.iter().any(|&b| b >= 0x80) {
            self.flags.eight_bit = true;
        }
        if !self.flags.nul && bytes.contains(&0) {
            self.flags.nul = true;
        }
        self.size += bytes.len() as u64;
        if self.size <= self.limit {
            self.message.extend_from_slice(bytes);
        } else if !self.message.is_empty() {
            // Beyond the limit: give the memory back at once.
            self.message = Vec::new();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Feeds `input` in pieces of `step` bytes; returns message, consumed count and flags.
    fn run(input: &[u8], step: usize, limit: u64) -> (Option<Vec<u8>>, usize, DataFlags) {
        let mut reader = DataReader::new(limit);
        let mut at = 0;
        while at < input.len() && !reader.is_done() {
            let end = (at + step).min(input.len());
            at += reader.feed(&input[at..end]);
        }
        let flags = reader.flags();
        let done = reader.is_done();
        (done.then(|| reader.into_message()), at, flags)
    }

    fn check(input: &[u8], want: &[u8]) {
        for step in [1, 2, 3, 7, input.len().max(1)] {
            let (message, _, _) = run(input, step, 1 << 20);
            assert_eq!(
                message.as_deref(),
                Some(want),
                "step {step}: {:?}",
                String::from_utf8_lossy(input)
            );
        }
    }

    #[test]
    fn ends_at_crlf_dot_crlf_split_anywhere() {
        check(
            b"Subject: x\r\n\r\nbody\r\n.\r\n",
            b"Subject: x\r\n\r\nbody\r\n",
        );
        check(b".\r\n", b"");
        check(b"a\r\n.\r\nQUIT\r\n", b"a\r\n");
    }

    #[test]
    fn leaves_pipelined_commands_after_the_end() {
        let input = b"a\r\n.\r\nQUIT\r\n";
        for step in [1, 4, input.len()] {
            let (_, consumed, _) = run(input, step, 100);
            assert_eq!(&input[consumed..], b"QUIT\r\n");
        }
    }

    #[test]
    fn dot_unstuffing() {
        check(
            b"..leading\r\n...\r\n.x\r\n.\r\n",
            b".leading\r\n..\r\nx\r\n",
        );
        check(b".\rx\r\n.\r\n", b"\rx\r\n");
    }

    #[test]
    fn bare_lf_never_ends_the_message_and_is_kept() {
        let input = b"a\n.\nb\n.\r\nc\r\n.\nd\r\n.\r\n";
        check(input, b"a\n.\nb\n.\r\nc\r\n\nd\r\n");
        let (_, _, flags) = run(input, 5, 1000);
        assert!(flags.bare_lf);
        let (message, _, _) = run(b"a\n.\n", 1, 1000);
        assert_eq!(message, None, "LF.LF is not an end");
    }

    #[test]
    fn bare_cr_nul_and_8bit_kept_and_flagged() {
        check(b"a\rb\0\xe3\x81\x82\r\n.\r\n", b"a\rb\0\xe3\x81\x82\r\n");
        let (_, _, flags) = run(b"a\rb\0\xe3\x81\x82\r\n.\r\n", 3, 1000);
        assert_eq!(
            flags,
            DataFlags {
                bare_lf: false,
                bare_cr: true,
                nul: true,
                eight_bit: true
            }
        );
        let (_, _, clean) = run(b"plain\r\n.\r\n", 3, 1000);
        assert_eq!(clean, DataFlags::default());
    }

    #[test]
    fn oversized_is_read_to_the_end_without_keeping_it() {
        let mut input = vec![b'x'; 10_000];
        input.extend_from_slice(b"\r\n.\r\nNOOP\r\n");
        let mut reader = DataReader::new(100);
        let consumed = reader.feed(&input);
        assert!(reader.is_done());
        assert!(reader.is_oversized());
        assert_eq!(reader.size(), 10_002);
        assert_eq!(&input[consumed..], b"NOOP\r\n");
        assert!(reader.into_message().capacity() < 1000);
    }

    #[test]
    fn any_split_gives_the_same_result_as_one_piece() {
        // A small deterministic generator over the bytes that matter (., CR, LF, NUL, 8-bit).
        let alphabet = b".\r\n\0\xffa";
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..2000 {
            let len = (next() % 40) as usize;
            let mut input: Vec<u8> = (0..len)
                .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
                .collect();
            input.extend_from_slice(b"\r\n.\r\n");
            let mut whole = DataReader::new(30);
            let whole_used = whole.feed(&input);
            let step = 1 + (next() % 5) as usize;
            let (message, used, flags) = run(&input, step, 30);
            assert!(whole.is_done(), "{input:?}");
            assert_eq!(used, whole_used, "{input:?}");
            assert_eq!(flags, whole.flags(), "{input:?}");
            let oversized = whole.is_oversized();
            if !oversized {
                assert_eq!(message.as_deref(), Some(whole.into_message().as_slice()));
            }
        }
    }
}
