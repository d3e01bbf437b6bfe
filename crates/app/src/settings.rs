//! Settings that change how facts are presented, passed in explicitly (no global configuration).

use jiff::Timestamp;
use jiff::tz::TimeZone;

/// How times are shown and how zone-less times (mbox From_ lines, `--since 2026-11-28`) are read.
#[derive(Clone, Debug)]
pub struct Settings {
    /// The office's time zone (default Asia/Tokyo).
    pub tz: TimeZone,
}

impl Settings {
    /// Settings for a named IANA zone; an unknown name is an error naming it.
    pub fn with_zone(name: &str) -> crate::Result<Settings> {
        let tz = TimeZone::get(name)
            .map_err(|e| crate::AppError::Invalid(format!("unknown time zone {name:?}: {e}")))?;
        Ok(Settings { tz })
    }

    /// RFC 3339 with the office's offset, the form every time takes in mailward's output.
    pub fn show(&self, ts: Timestamp) -> String {
        let offset = self.tz.to_offset(ts);
        ts.display_with_offset(offset).to_string()
    }

    /// Shows a stored Unix-nanosecond time.
    pub fn show_nanos(&self, nanos: i64) -> String {
        self.show(Timestamp::from_nanosecond(i128::from(nanos)).unwrap_or(Timestamp::UNIX_EPOCH))
    }

    /// The office-zone calendar day (`YYYY-MM-DD`) of a stored Unix-nanosecond time, the unit
    /// of every per-day count.
    pub fn day_of(&self, nanos: i64) -> String {
        let ts = Timestamp::from_nanosecond(i128::from(nanos)).unwrap_or(Timestamp::UNIX_EPOCH);
        self.tz.to_datetime(ts).date().to_string()
    }

    /// Reads a user-given instant: RFC 3339 with offset, or a civil date/time
    /// (`2026-11-28`, `2026-11-28T09:00`) in the office's zone.
    pub fn parse_instant(&self, text: &str) -> crate::Result<Timestamp> {
        if let Ok(ts) = text.parse::<Timestamp>() {
            return Ok(ts);
        }
        if let Ok(dt) = text.parse::<jiff::civil::DateTime>() {
            return self
                .tz
                .to_timestamp(dt)
                .map_err(|e| crate::AppError::Invalid(format!("time {text:?}: {e}")));
        }
        if let Ok(d) = text.parse::<jiff::civil::Date>() {
            return self
                .tz
                .to_timestamp(d.at(0, 0, 0, 0))
                .map_err(|e| crate::AppError::Invalid(format!("date {text:?}: {e}")));
        }
        Err(crate::AppError::Invalid(format!(
            "{text:?} is not a date (2026-11-28), a date and time (2026-11-28T09:00) or an RFC 3339 time"
        )))
    }
}

/// Unix nanoseconds of an instant, saturated to the i64 range the store uses.
pub fn nanos(ts: Timestamp) -> i64 {
    i64::try_from(ts.as_nanosecond()).unwrap_or(if ts.as_nanosecond() < 0 {
        i64::MIN
    } else {
        i64::MAX
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn office_zone_display_and_parsing() {
        let s = Settings::with_zone("Asia/Tokyo").unwrap();
        let ts: Timestamp = "2026-11-28T00:00:00Z".parse().unwrap();
        assert_eq!(s.show(ts), "2026-11-28T09:00:00+09:00");
        assert_eq!(
            s.parse_instant("2026-11-28").unwrap(),
            "2026-11-27T15:00:00Z".parse::<Timestamp>().unwrap()
        );
        assert_eq!(s.parse_instant("2026-11-28T09:00:00+09:00").unwrap(), ts);
        assert!(s.parse_instant("yesterday").is_err());
        assert!(Settings::with_zone("Mars/Olympus").is_err());
        assert_eq!(s.show_nanos(nanos(ts)), "2026-11-28T09:00:00+09:00");
    }
}
