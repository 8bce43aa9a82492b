//! An article's date as the span of days it may mean. Maps write dates as
//! precisely as the source allows — `2024-09-28`, `2021-07`, `2024` — and a
//! timeline must not draw `2024` as if it were the first of January: it is
//! the whole year. So a date is a span of days with the precision it was
//! written in; a full date is a span of one day. Parsing and the calendar
//! are `model::date`'s; this adds day numbers for placing spans on an axis.

use std::fmt;

use jiff::civil::Date;

use crate::model::date::PartialDate;

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

/// The days a written date covers, `first..=last`, as day numbers (days
/// since 1970-01-01, so a view can scale them to an axis), with the date
/// as written. The calendar is [`PartialDate`]'s (jiff's).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DateSpan {
    pub date: PartialDate,
    pub first: i32,
    pub last: i32,
    pub precision: Precision,
    pub year: i32,
}

impl DateSpan {
    /// Reads `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (a real calendar date);
    /// anything else is `None`, and the article counts as undated
    /// (`mizan check` says what is wrong with the date).
    pub fn parse(s: &str) -> Option<DateSpan> {
        PartialDate::parse(s.trim()).ok().map(DateSpan::of)
    }

    pub fn of(date: PartialDate) -> DateSpan {
        let (first, last) = date.span();
        let precision = match (date.month, date.day) {
            (None, _) => Precision::Year,
            (Some(_), None) => Precision::Month,
            (Some(_), Some(_)) => Precision::Day,
        };
        DateSpan {
            date,
            first: day_number(first),
            last: day_number(last),
            precision,
            year: date.year as i32,
        }
    }

    /// Number of days covered.
    pub fn days(&self) -> i32 {
        self.last - self.first + 1
    }
}

impl fmt::Display for DateSpan {
    /// As it was written: `2024`, `2021-07`, `2024-09-28`.
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        self.date.fmt(f)
    }
}

const EPOCH: Date = Date::constant(1970, 1, 1);

/// Days since 1970-01-01.
pub fn day_number(d: Date) -> i32 {
    (d.duration_since(EPOCH).as_secs().div_euclid(86_400)) as i32
}

/// The date of a day number (saturating at jiff's range).
pub fn date_of_day(n: i32) -> Date {
    EPOCH.saturating_add(jiff::SignedDuration::from_hours(24 * n as i64))
}

/// The day number of 1 January of `year` (clamped to jiff's range).
pub fn year_start(year: i32) -> i32 {
    let y = year.clamp(-9999, 9999) as i16;
    day_number(Date::new(y, 1, 1).unwrap_or(EPOCH))
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
        assert_eq!(y.first, year_start(2024));
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

    // Day numbers agree with known dates and round-trip.
    #[test]
    fn day_numbers_round_trip() {
        assert_eq!(day_number(EPOCH), 0);
        assert_eq!(day_number(Date::constant(2000, 3, 1)), 11_017);
        assert_eq!(day_number(Date::constant(1969, 12, 31)), -1);
        assert_eq!(year_start(2024), day_number(Date::constant(2024, 1, 1)));
        for z in (-300_000..300_000).step_by(997) {
            assert_eq!(day_number(date_of_day(z)), z);
        }
    }
}
