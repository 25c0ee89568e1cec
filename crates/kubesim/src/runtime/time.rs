//! Simulated time: a logical clock in milliseconds since the cluster was created.
//! Nothing here reads a wall clock; the caller advances time explicitly.

use serde::{Deserialize, Serialize};
use std::fmt;

/// An instant on the simulated clock, in milliseconds since the cluster started.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Time(pub u64);

/// The calendar instant the simulated clock starts at (2026-01-01T00:00:00Z), so that
/// timestamps printed in YAML look like the real ones.
pub const EPOCH_UNIX_SECONDS: u64 = 1_767_225_600;

impl Time {
    pub const ZERO: Time = Time(0);
    pub fn from_secs(s: u64) -> Time {
        Time(s * 1000)
    }
    pub fn millis(self) -> u64 {
        self.0
    }
    pub fn secs(self) -> u64 {
        self.0 / 1000
    }
    pub fn plus(self, d: Dur) -> Time {
        Time(self.0.saturating_add(d.0))
    }
    pub fn since(self, earlier: Time) -> Dur {
        Dur(self.0.saturating_sub(earlier.0))
    }
    /// RFC 3339 timestamp, as the API server prints `creationTimestamp`.
    pub fn rfc3339(self) -> String {
        let secs = EPOCH_UNIX_SECONDS + self.secs();
        let days = secs / 86_400;
        let rem = secs % 86_400;
        let (y, m, d) = civil_from_days(days as i64);
        format!(
            "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
            rem / 3600,
            (rem % 3600) / 60,
            rem % 60
        )
    }
    /// Unix nanoseconds, used for event names as client-go does.
    pub fn unix_nanos(self) -> u128 {
        (EPOCH_UNIX_SECONDS as u128) * 1_000_000_000 + (self.0 as u128) * 1_000_000
    }
}

/// Howard Hinnant's days-to-civil conversion.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = (z - era * 146_097) as u64;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe as i64 + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// A simulated duration in milliseconds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Dur(pub u64);

impl Dur {
    pub const ZERO: Dur = Dur(0);
    pub fn ms(ms: u64) -> Dur {
        Dur(ms)
    }
    pub fn secs(s: u64) -> Dur {
        Dur(s.saturating_mul(1000))
    }
    pub fn as_secs(self) -> u64 {
        self.0 / 1000
    }
    /// Parses the duration forms of `sleep` and `--timeout`: `500ms`, `10s`, `2m`, `1h`,
    /// `1m30s`, or a bare number of seconds.
    pub fn parse(text: &str) -> Option<Dur> {
        let t = text.trim();
        if t.is_empty() {
            return None;
        }
        if let Ok(n) = t.parse::<u64>() {
            return Some(Dur::secs(n));
        }
        let mut total: u64 = 0;
        let mut num = String::new();
        let mut chars = t.chars().peekable();
        let mut seen_unit = false;
        while let Some(c) = chars.next() {
            if c.is_ascii_digit() {
                num.push(c);
                continue;
            }
            let n: u64 = num.parse().ok()?;
            num.clear();
            let unit_ms = match c {
                'm' if chars.peek() == Some(&'s') => {
                    chars.next();
                    1
                }
                'h' => 3_600_000,
                'm' => 60_000,
                's' => 1000,
                _ => return None,
            };
            total = total.checked_add(n.checked_mul(unit_ms)?)?;
            seen_unit = true;
        }
        if !num.is_empty() || !seen_unit {
            return None;
        }
        Some(Dur(total))
    }
}

/// kubectl's AGE format (`duration.HumanDuration` of apimachinery): truncated, never rounded.
pub fn human_duration(d: Dur) -> String {
    let seconds = d.0 / 1000;
    if seconds < 60 * 2 {
        return format!("{seconds}s");
    }
    let minutes = seconds / 60;
    if minutes < 10 {
        let s = seconds % 60;
        return if s == 0 { format!("{minutes}m") } else { format!("{minutes}m{s}s") };
    }
    if minutes < 60 * 3 {
        return format!("{minutes}m");
    }
    let hours = minutes / 60;
    if hours < 8 {
        let m = minutes % 60;
        return if m == 0 { format!("{hours}h") } else { format!("{hours}h{m}m") };
    }
    if hours < 48 {
        return format!("{hours}h");
    }
    if hours < 24 * 8 {
        let days = hours / 24;
        let h = hours % 24;
        return if h == 0 { format!("{days}d") } else { format!("{days}d{h}h") };
    }
    if hours < 24 * 365 * 2 {
        return format!("{}d", hours / 24);
    }
    if hours < 24 * 365 * 8 {
        let years = hours / 24 / 365;
        let dy = (hours / 24) % 365;
        return if dy == 0 { format!("{years}y") } else { format!("{years}y{dy}d") };
    }
    format!("{}y", hours / 24 / 365)
}

impl fmt::Display for Dur {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&human_duration(*self))
    }
}

/// Parses the timestamps this simulator writes back into simulated time.
pub fn parse_rfc3339(s: &str) -> Option<Time> {
    // YYYY-MM-DDTHH:MM:SSZ
    let b = s.as_bytes();
    if b.len() != 20 || b[4] != b'-' || b[10] != b'T' || b[19] != b'Z' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| s.get(r)?.parse::<i64>().ok();
    let (y, mo, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (h, mi, se) = (num(11..13)?, num(14..16)?, num(17..19)?);
    let days = days_from_civil(y, mo as u32, d as u32);
    let unix = days * 86_400 + h * 3600 + mi * 60 + se;
    let rel = unix - crate::runtime::time::EPOCH_UNIX_SECONDS as i64;
    if rel < 0 {
        return Some(Time::ZERO);
    }
    Some(Time::from_secs(rel as u64))
}

fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = (y - era * 400) as u64;
    let mp = if m > 2 { m - 3 } else { m + 9 } as u64;
    let doy = (153 * mp + 2) / 5 + d as u64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe as i64 - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn age_strings_follow_human_duration() {
        let cases = [
            (0, "0s"),
            (59, "59s"),
            (119, "119s"),
            (120, "2m"),
            (123, "2m3s"),
            (599, "9m59s"),
            (600, "10m"),
            (179 * 60 + 59, "179m"),
            (3 * 3600, "3h"),
            (3 * 3600 + 5 * 60, "3h5m"),
            (47 * 3600 + 59 * 60, "47h"),
            (2 * 86_400, "2d"),
            (7 * 86_400 + 23 * 3600, "7d23h"),
            (729 * 86_400, "729d"),
            (730 * 86_400, "2y"),
            (3 * 365 * 86_400 + 45 * 86_400, "3y45d"),
            (8 * 365 * 86_400, "8y"),
        ];
        for (s, want) in cases {
            assert_eq!(human_duration(Dur::secs(s)), want, "{s}s");
        }
    }

    #[test]
    fn durations_parse() {
        assert_eq!(Dur::parse("10s"), Some(Dur::secs(10)));
        assert_eq!(Dur::parse("2m"), Some(Dur::secs(120)));
        assert_eq!(Dur::parse("1m30s"), Some(Dur::secs(90)));
        assert_eq!(Dur::parse("500ms"), Some(Dur::ms(500)));
        assert_eq!(Dur::parse("7"), Some(Dur::secs(7)));
        assert_eq!(Dur::parse("x"), None);
        assert_eq!(Dur::parse("10"), Some(Dur::secs(10)));
        assert_eq!(Dur::parse("10q"), None);
        assert_eq!(Dur::parse(""), None);
    }

    #[test]
    fn timestamps_are_rfc3339() {
        assert_eq!(Time::ZERO.rfc3339(), "2026-01-01T00:00:00Z");
        assert_eq!(Time::from_secs(86_400 + 3661).rfc3339(), "2026-01-02T01:01:01Z");
    }
}
