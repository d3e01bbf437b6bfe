//! Parsing one command line (without its CRLF) into a [`Command`], by hand.
//!
//! The grammar is RFC 5321 section 4.1 with the tolerance real clients need: verbs in any case,
//! a space after `FROM:`/`TO:`, a source route before the address (dropped), an address without
//! angle brackets when it holds no space. Anything else is a [`CommandError`] with the reply
//! that explains it. Parameter values are checked here (SIZE a number, BODY a known type), so
//! that the session only sees valid values.

use super::envelope::BodyType;

/// A parsed command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Command {
    Helo(String),
    Ehlo(String),
    Lhlo(String),
    Mail(MailFrom),
    Rcpt(RcptTo),
    Data,
    Rset,
    Noop,
    Quit,
    Vrfy,
    Help,
    StartTls,
    /// XFORWARD (Postfix): what the forwarding MTA knows of the original client, as
    /// `(ATTRIBUTE, decoded value)` pairs.
    Xforward(Vec<(String, String)>),
    /// A known verb that this server does not offer (EXPN, BDAT, AUTH, TURN, ETRN...).
    NotImplemented(String),
}

/// MAIL FROM with its parameters.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct MailFrom {
    pub address: String,
    pub params: Vec<String>,
    pub size: Option<u64>,
    pub body: Option<BodyType>,
    pub smtputf8: bool,
}

/// RCPT TO with its parameters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RcptTo {
    pub address: String,
    pub params: Vec<String>,
}

/// Why a line is not a valid command, as the reply it gets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum CommandError {
    /// 500 5.5.1 / 5.5.2: unknown verb or unreadable line.
    Unrecognized(&'static str, String),
    /// 501 5.5.4 (or 5.1.7 / 5.1.3 for addresses): bad arguments.
    Syntax(&'static str, String),
    /// 555 5.5.4: a MAIL or RCPT parameter we do not know.
    UnknownParam(String),
}

/// Parses one line. The line has no CR LF; it may hold any bytes.
pub(crate) fn parse(line: &[u8]) -> Result<Command, CommandError> {
    if line.contains(&0) {
        return Err(CommandError::Unrecognized(
            "5.5.2",
            "NUL byte in command".into(),
        ));
    }
    let Ok(text) = std::str::from_utf8(line) else {
        return Err(CommandError::Unrecognized(
            "5.5.2",
            "Command is not valid UTF-8".into(),
        ));
    };
    let (verb, rest) = match text.find(' ') {
        Some(at) => (&text[..at], &text[at + 1..]),
        None => (text, ""),
    };
    let verb = verb.to_ascii_uppercase();
    let arg = rest.trim();
    let no_arg = |c: Command| {
        if arg.is_empty() {
            Ok(c)
        } else {
            Err(CommandError::Syntax(
                "5.5.4",
                format!("Syntax: {verb} takes no argument"),
            ))
        }
    };
    match verb.as_str() {
        "HELO" | "EHLO" | "LHLO" => {
            let name = arg.split(' ').next().unwrap_or("");
            if name.is_empty() {
                return Err(CommandError::Syntax(
                    "5.5.4",
                    format!("Syntax: {verb} hostname"),
                ));
            }
            let name = name.to_owned();
            Ok(match verb.as_str() {
                "HELO" => Command::Helo(name),
                "EHLO" => Command::Ehlo(name),
                _ => Command::Lhlo(name),
            })
        }
        "MAIL" => parse_mail(rest),
        "RCPT" => parse_rcpt(rest),
        "DATA" => no_arg(Command::Data),
        "RSET" => no_arg(Command::Rset),
        "QUIT" => no_arg(Command::Quit),
        "STARTTLS" => no_arg(Command::StartTls),
        "NOOP" => Ok(Command::Noop),
        "HELP" => Ok(Command::Help),
        "VRFY" => {
            if arg.is_empty() {
                Err(CommandError::Syntax("5.5.4", "Syntax: VRFY address".into()))
            } else {
                Ok(Command::Vrfy)
            }
        }
        "EXPN" | "BDAT" | "AUTH" | "TURN" | "ETRN" | "ATRN" | "SEND" | "SOML" | "SAML"
        | "XCLIENT" => Ok(Command::NotImplemented(verb)),
        "XFORWARD" => parse_xforward(arg),
        _ => Err(CommandError::Unrecognized(
            "5.5.1",
            "Command unrecognized".into(),
        )),
    }
}

/// The attributes Postfix's XFORWARD may carry (XFORWARD_README).
pub(crate) const XFORWARD_ATTRIBUTES: [&str; 7] =
    ["NAME", "ADDR", "PORT", "PROTO", "HELO", "IDENT", "SOURCE"];

/// `XFORWARD NAME=… ADDR=…`: attribute names from [`XFORWARD_ATTRIBUTES`], values in xtext
/// (RFC 3461: `+XX` for a byte), at most 255 bytes each.
fn parse_xforward(arg: &str) -> Result<Command, CommandError> {
    let syntax = |why: String| CommandError::Syntax("5.5.4", format!("Bad XFORWARD syntax: {why}"));
    if arg.is_empty() {
        return Err(syntax("no attribute".into()));
    }
    let mut out = Vec::new();
    for word in arg.split(' ').filter(|w| !w.is_empty()) {
        let (name, value) = word
            .split_once('=')
            .ok_or_else(|| syntax(format!("{word:?} is not NAME=value")))?;
        let name = name.to_ascii_uppercase();
        if !XFORWARD_ATTRIBUTES.contains(&name.as_str()) {
            return Err(syntax(format!("unknown attribute {name}")));
        }
        let value = xtext_decode(value).ok_or_else(|| syntax(format!("bad xtext in {name}")))?;
        if value.len() > 255 {
            return Err(syntax(format!("{name} is longer than 255 bytes")));
        }
        out.push((name, value));
    }
    Ok(Command::Xforward(out))
}

/// Decodes RFC 3461 xtext (`+2B` is `+`); None for a broken escape or a result that is not UTF-8.
fn xtext_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'+' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Splits `FROM:<addr> params` after the keyword; returns the address and the parameter words.
fn path_and_params<'a>(
    rest: &'a str,
    keyword: &str,
) -> Result<(String, Vec<&'a str>), CommandError> {
    let syntax = || CommandError::Syntax("5.5.4", format!("Syntax: {keyword}<address>"));
    if rest.len() < keyword.len() || !rest[..keyword.len()].eq_ignore_ascii_case(keyword) {
        return Err(syntax());
    }
    let rest = rest[keyword.len()..].trim_start_matches(' ');
    let (path, params) = if let Some(inner) = rest.strip_prefix('<') {
        // Find the closing bracket outside a quoted local part.
        let mut quoted = false;
        let mut escaped = false;
        let mut end = None;
        for (i, c) in inner.char_indices() {
            if escaped {
                escaped = false;
            } else if c == '\\' && quoted {
                escaped = true;
            } else if c == '"' {
                quoted = !quoted;
            } else if c == '>' && !quoted {
                end = Some(i);
                break;
            }
        }
        let end = end.ok_or_else(syntax)?;
        let after = &inner[end + 1..];
        if !after.is_empty() && !after.starts_with(' ') {
            return Err(syntax());
        }
        (&inner[..end], after)
    } else {
        // Tolerated: an address without brackets, up to the first space.
        match rest.find(' ') {
            Some(at) => (&rest[..at], &rest[at..]),
            None => (rest, ""),
        }
    };
    // A source route (`@a,@b:user@host`) is obsolete; RFC 5321 says to ignore it.
    let path = match path.strip_prefix('@') {
        Some(_) => match path.find(':') {
            Some(at) => &path[at + 1..],
            None => return Err(syntax()),
        },
        None => path,
    };
    if path.contains(' ') && !path.contains('"') {
        return Err(syntax());
    }
    let params = params.split(' ').filter(|p| !p.is_empty()).collect();
    Ok((path.to_owned(), params))
}

/// An address is a local part, `@`, and a domain; `local` for recipients like `postmaster`.
fn address_ok(address: &str) -> bool {
    if address.len() > 512 {
        return false;
    }
    match address.rsplit_once('@') {
        Some((local, domain)) => !local.is_empty() && !domain.is_empty() && !domain.contains(' '),
        None => address.eq_ignore_ascii_case("postmaster"),
    }
}

fn parse_mail(rest: &str) -> Result<Command, CommandError> {
    let (address, words) = path_and_params(rest, "FROM:")?;
    if !address.is_empty() && !address_ok(&address) {
        return Err(CommandError::Syntax(
            "5.1.7",
            "Bad sender address syntax".into(),
        ));
    }
    let mut mail = MailFrom {
        address,
        ..MailFrom::default()
    };
    for word in words {
        let (key, value) = match word.split_once('=') {
            Some((k, v)) => (k, Some(v)),
            None => (word, None),
        };
        match (key.to_ascii_uppercase().as_str(), value) {
            ("SIZE", Some(v)) => {
                let size = v
                    .parse::<u64>()
                    .map_err(|_| CommandError::Syntax("5.5.4", "Bad SIZE parameter".into()))?;
                mail.size = Some(size);
            }
            ("BODY", Some(v)) => {
                mail.body = Some(match v.to_ascii_uppercase().as_str() {
                    "7BIT" => BodyType::SevenBit,
                    "8BITMIME" => BodyType::EightBitMime,
                    _ => {
                        return Err(CommandError::Syntax(
                            "5.5.4",
                            "Unsupported BODY type (7BIT or 8BITMIME)".into(),
                        ));
                    }
                });
            }
            ("SMTPUTF8", None) => mail.smtputf8 = true,
            _ => return Err(CommandError::UnknownParam(word.to_owned())),
        }
        mail.params.push(word.to_owned());
    }
    Ok(Command::Mail(mail))
}

fn parse_rcpt(rest: &str) -> Result<Command, CommandError> {
    let (address, words) = path_and_params(rest, "TO:")?;
    if !address_ok(&address) {
        return Err(CommandError::Syntax(
            "5.1.3",
            "Bad recipient address syntax".into(),
        ));
    }
    if let Some(word) = words.first() {
        // No DSN, no other RCPT extension is advertised.
        return Err(CommandError::UnknownParam((*word).to_owned()));
    }
    Ok(Command::Rcpt(RcptTo {
        address,
        params: Vec::new(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(line: &str, want: Result<Command, CommandError>) {
        assert_eq!(parse(line.as_bytes()), want, "{line:?}");
    }

    fn mail(address: &str) -> MailFrom {
        MailFrom {
            address: address.into(),
            ..MailFrom::default()
        }
    }

    #[test]
    fn verbs_in_any_case() {
        check(
            "ehlo client.example",
            Ok(Command::Ehlo("client.example".into())),
        );
        check("LHLO x", Ok(Command::Lhlo("x".into())));
        check("Data", Ok(Command::Data));
        check("noop anything", Ok(Command::Noop));
        check("EXPN list", Ok(Command::NotImplemented("EXPN".into())));
    }

    #[test]
    fn mail_from_forms() {
        check("MAIL FROM:<a@b.jp>", Ok(Command::Mail(mail("a@b.jp"))));
        check("MAIL FROM: <a@b.jp>", Ok(Command::Mail(mail("a@b.jp"))));
        check("mail from:a@b.jp", Ok(Command::Mail(mail("a@b.jp"))));
        check("MAIL FROM:<>", Ok(Command::Mail(mail(""))));
        check(
            "MAIL FROM:<@relay.example:a@b.jp>",
            Ok(Command::Mail(mail("a@b.jp"))),
        );
        check(
            "MAIL FROM:<\"x>y\"@b.jp>",
            Ok(Command::Mail(mail("\"x>y\"@b.jp"))),
        );
        let mut full = mail("a@b.jp");
        full.size = Some(1234);
        full.body = Some(BodyType::EightBitMime);
        full.smtputf8 = true;
        full.params = vec![
            "SIZE=1234".into(),
            "BODY=8BITMIME".into(),
            "SMTPUTF8".into(),
        ];
        check(
            "MAIL FROM:<a@b.jp> SIZE=1234 BODY=8BITMIME SMTPUTF8",
            Ok(Command::Mail(full)),
        );
    }

    #[test]
    fn bad_arguments() {
        assert!(matches!(
            parse(b"MAIL FROM:<a@b.jp"),
            Err(CommandError::Syntax(..))
        ));
        assert!(matches!(
            parse(b"MAIL TO:<a@b.jp>"),
            Err(CommandError::Syntax(..))
        ));
        assert!(matches!(
            parse(b"MAIL FROM:<a@b.jp> SIZE=x"),
            Err(CommandError::Syntax(..))
        ));
        assert!(matches!(
            parse(b"MAIL FROM:<a@b.jp> BODY=BINARYMIME"),
            Err(CommandError::Syntax(..))
        ));
        assert!(matches!(
            parse(b"MAIL FROM:<a@b.jp> FOO=1"),
            Err(CommandError::UnknownParam(_))
        ));
        assert!(matches!(
            parse(b"RCPT TO:<>"),
            Err(CommandError::Syntax("5.1.3", _))
        ));
        assert!(matches!(
            parse(b"RCPT TO:<a@b> NOTIFY=NEVER"),
            Err(CommandError::UnknownParam(_))
        ));
        assert!(matches!(parse(b"EHLO"), Err(CommandError::Syntax(..))));
        assert!(matches!(parse(b"DATA x"), Err(CommandError::Syntax(..))));
        assert!(matches!(
            parse(b"HELO a\0b"),
            Err(CommandError::Unrecognized("5.5.2", _))
        ));
        assert!(matches!(
            parse(b"\xff\xfe"),
            Err(CommandError::Unrecognized("5.5.2", _))
        ));
        assert!(matches!(
            parse(b"FROB"),
            Err(CommandError::Unrecognized("5.5.1", _))
        ));
        assert!(matches!(
            parse(b""),
            Err(CommandError::Unrecognized("5.5.1", _))
        ));
        check(
            "RCPT TO:<postmaster>",
            Ok(Command::Rcpt(RcptTo {
                address: "postmaster".into(),
                params: vec![],
            })),
        );
    }
}
