//! INTERNALDATE (`17-Jul-1996 02:44:25 -0700`, RFC 3501 date-time) into a timestamp.
//!
//! The server's receipt time is evidence next to the bytes, so it is read exactly, with its
//! offset, and a value that does not fit the grammar gives `None` instead of a guess.

use jiff::Timestamp;
use jiff::civil::DateTime;
use jiff::tz::Offset;

const MONTHS: [&str; 12] = [
    "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
];

/// Parses an RFC 3501 `date-time` (day may be space-padded); `None` when malformed.
pub(crate) fn parse_internaldate(text: &str) -> Option<Timestamp> {
    let mut fields = text.split_whitespace();
    let (date, time, zone) = (fields.next()?, fields.next()?, fields.next()?);
    if fields.next().is_some() {
        return None;
    }
    let mut date = date.split('-');
    let day: i8 = number(date.next()?, 1, 2)?;
    let month = date.next()?;
    let month = MONTHS
        .iter()
        .position(|m| m.eq_ignore_ascii_case(month))
        .and_then(|i| i8::try_from(i + 1).ok())?;
    let year: i16 = number(date.next()?, 4, 4)?;
    if date.next().is_some() {
        return None;
    }
    let mut time = time.split(':');
    let hour: i8 = number(time.next()?, 2, 2)?;
    let minute: i8 = number(time.next()?, 2, 2)?;
    let second: i8 = number(time.next()?, 2, 2)?;
    if time.next().is_some() {
        return None;
    }
    let (sign, digits) = match zone.split_at_checked(1)? {
        ("+", d) => (1, d),
        ("-", d) => (-1, d),
        _ => return None,
    };
    let zone: i32 = number(digits, 4, 4)?;
    let seconds = sign * ((zone / 100) * 3600 + (zone % 100) * 60);
    let datetime = DateTime::new(year, month, day, hour, minute, second, 0).ok()?;
    Offset::from_seconds(seconds)
        .ok()?
        .to_timestamp(datetime)
        .ok()
}

/// A decimal field of `min..=max` ASCII digits.
fn number<T: std::str::FromStr>(text: &str, min: usize, max: usize) -> Option<T> {
    if text.len() < min || text.len() > max || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, expected: Option<&str>) {
        let got = parse_internaldate(text).map(|t| t.to_string());
        assert_eq!(got.as_deref(), expected, "{text:?}");
    }

    #[test]
    fn rfc3501_forms() {
        check("17-Jul-1996 02:44:25 -0700", Some("1996-07-17T09:44:25Z"));
        check(" 7-Jul-1996 02:44:25 +0900", Some("1996-07-06T17:44:25Z"));
        check("28-nov-2026 19:30:00 +0000", Some("2026-11-28T19:30:00Z"));
    }

    #[test]
    fn malformed_gives_none() {
        for bad in [
            "",
            "17-Jul-1996",
            "17-Jly-1996 02:44:25 -0700",
            "32-Jul-1996 02:44:25 -0700",
            "17-Jul-1996 25:44:25 -0700",
            "17-Jul-1996 02:44:25 0700",
            "17-Jul-1996 02:44:25 -07000",
            "17-Jul-1996 02:44:25 -0700 extra",
            "17-Jul-96 02:44:25 -0700",
            "１7-Jul-1996 02:44:25 -0700",
        ] {
            check(bad, None);
        }
    }
}
