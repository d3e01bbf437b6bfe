//! Maildir file names. The delivery agent names each file after the moment it delivered the mail
//! (`<seconds>.M<microseconds>P<pid>...`), which makes the name the best record of when the mail
//! server received it. Walking the folders is left to the caller.

/// The delivery time encoded in a Maildir file name, as seconds and microseconds since the Unix
/// epoch; `None` when the name does not follow the convention or gives an implausible time.
pub fn delivery_time(name: &str) -> Option<(i64, u32)> {
    let (secs, rest) = name.split_once('.')?;
    if secs.is_empty() || !secs.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let secs: i64 = secs.parse().ok()?;
    // Maildir was specified in 1995; anything before that, or after 2200, is not a delivery time.
    if !(788_918_400..7_258_118_400).contains(&secs) {
        return None;
    }
    let micros = rest
        .split(['.', ',', ':'])
        .next()
        .and_then(|unique| {
            // The modern unique part is a sequence of letter-number fields (M123P45Q6); only the
            // M field carries microseconds.
            let m = unique.find('M')?;
            let digits: String = unique[m + 1..]
                .chars()
                .take_while(|c| c.is_ascii_digit())
                .collect();
            digits.parse::<u32>().ok()
        })
        .filter(|&us| us < 1_000_000)
        .unwrap_or(0);
    Some((secs, micros))
}

/// True for names a Maildir reader must skip: dot files (Dovecot's and Courier's own files,
/// editors' leftovers) are never messages.
pub fn is_hidden(name: &str) -> bool {
    name.starts_with('.')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(name: &str, expected: Option<(i64, u32)>) {
        assert_eq!(delivery_time(name), expected, "{name}");
    }

    #[test]
    fn delivery_names() {
        check(
            "1700000000.M123456P789Q1.host:2,S",
            Some((1_700_000_000, 123_456)),
        );
        check("1700000000.12345_1.host", Some((1_700_000_000, 0)));
        check("1700000000.M9999999P1.host", Some((1_700_000_000, 0)));
        check("msg.1700000000", None);
        check("17.M1.host", None);
        check("", None);
        check("1700000000", None);
        assert!(is_hidden(".dovecot.lock"));
    }
}
