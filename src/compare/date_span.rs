//! An article's date as the span of days it may mean. Maps write dates as
//! precisely as the source allows — `2024-09-28`, `2021-07`, `2024` — and a
//! timeline must not draw `2024` as if it were the first of January: it is
//! the whole year. So a date is a span of days with the precision it was
//! written in; a full date is a span of one day.

use std::fmt;

/// How precisely a date was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    Year,
    Month,
    Day,
}

impl Precision {
    pub fn name(self) -> &'static str {
        match self {
            Precision::Year => "year",
            Precision::Month => "month",
            Precision::Day => "day",
        }
    }
}

/// The days a written date covers, `first..=last`, as days since
/// 1970-01-01, with what was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DateSpan {
    pub first: i32,
    pub last: i32,
    pub precision: Precision,
    pub year: i32,
    /// 1–12 when the month was written.
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl DateSpan {
    /// Reads `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (a real calendar date);
    /// anything else is `None`, and the article counts as undated.
    pub fn parse(s: &str) -> Option<DateSpan> {
        let mut parts = s.trim().split('-');
        let year = number(parts.next()?, 4)?;
        // A part that is there must be a number; a missing part is fine.
        let month = match parts.next() {
            Some(m) => Some(number(m, 2)?),
            None => None,
        };
        let day = match parts.next() {
            Some(d) => Some(number(d, 2)?),
            None => None,
        };
        if parts.next().is_some() {
            return None;
        }
        let (year, month, day) = (year as i32, month.map(|m| m as u8), day.map(|d| d as u8));
        if let Some(m) = month
            && !(1..=12).contains(&m)
        {
            return None;
        }
        let span = |first, last, precision| DateSpan {
            first,
            last,
            precision,
            year,
            month,
            day,
        };
        Some(match (month, day) {
            (None, _) => span(
                days_from_civil(year, 1, 1),
                days_from_civil(year, 12, 31),
                Precision::Year,
            ),
            (Some(m), None) => span(
                days_from_civil(year, m, 1),
                days_from_civil(year, m, month_len(year, m)),
                Precision::Month,
            ),
            (Some(m), Some(d)) => {
                if d == 0 || d > month_len(year, m) {
                    return None;
                }
                let day = days_from_civil(year, m, d);
                span(day, day, Precision::Day)
            }
        })
    }

    /// Whether the span has a day in calendar year `year`.
    pub fn touches_year(&self, year: i32) -> bool {
        self.year == year
    }

    /// Number of days covered.
    pub fn days(&self) -> i32 {
        self.last - self.first + 1
    }
}

impl fmt::Display for DateSpan {
    /// As it was written: `2024`, `2021-07`, `2024-09-28`.
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

/// Exactly `digits` ASCII digits.
fn number(s: &str, digits: usize) -> Option<u32> {
    (s.len() == digits && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn month_len(y: i32, m: u8) -> u8 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (the well-known
/// era arithmetic: 400-year eras of 146,097 days, years starting in March
/// so the leap day comes last).
pub fn days_from_civil(y: i32, m: u8, d: u8) -> i32 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = m as i32;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i32 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The inverse of [`days_from_civil`]: (year, month, day).
pub fn civil_from_days(z: i32) -> (i32, u8, u8) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let y = yoe + era * 400 + if m <= 2 { 1 } else { 0 };
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    // A year is the whole year, a month the whole month (leap Februaries
    // included), a day one day.
    #[test]
    fn partial_dates_are_spans() {
        let y = DateSpan::parse("2024").unwrap();
        assert_eq!((y.precision, y.days()), (Precision::Year, 366));
        assert_eq!(y.first, days_from_civil(2024, 1, 1));
        let m = DateSpan::parse("2021-07").unwrap();
        assert_eq!((m.precision, m.days()), (Precision::Month, 31));
        assert_eq!(DateSpan::parse("2024-02").unwrap().days(), 29);
        assert_eq!(DateSpan::parse("2023-02").unwrap().days(), 28);
        let d = DateSpan::parse("2024-09-28").unwrap();
        assert_eq!((d.precision, d.days()), (Precision::Day, 1));
        assert!(y.first <= d.first && d.last <= y.last);
        for s in ["2024", "2021-07", "2024-09-28"] {
            assert_eq!(DateSpan::parse(s).unwrap().to_string(), s);
        }
    }

    // What is not a calendar date is refused rather than guessed.
    #[test]
    fn refuses_what_is_not_a_date() {
        for s in [
            "",
            "24",
            "2024-7",
            "2024-13",
            "2023-02-29",
            "2024-09-31",
            "late 2024",
            "2024-09-28-1",
            "٢٠٢٤",
        ] {
            assert_eq!(DateSpan::parse(s), None, "{s:?}");
        }
        assert!(DateSpan::parse("2024-02-29").is_some());
    }

    // The day arithmetic agrees with known dates and round-trips.
    #[test]
    fn civil_days_round_trip() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(days_from_civil(1969, 12, 31), -1);
        for z in (-800_000..800_000).step_by(997) {
            let (y, m, d) = civil_from_days(z);
            assert_eq!(days_from_civil(y, m, d), z);
        }
    }
}
