//! An article's date as curators write it: a year (`2024`), a month
//! (`2021-07`) or a day (`2024-09-28`). A partial date is a span, not a
//! point — `2024` is any day of that year — so [`PartialDate::span`] gives
//! its first and last day for a timeline to place it honestly. Calendar
//! rules (month lengths, leap years) are `jiff`'s, not hand-written.

use std::fmt;

use jiff::civil::Date;

/// A validated year, year-month or full date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    pub year: i16,
    pub month: Option<i8>,
    pub day: Option<i8>,
}

/// What the date forms are, for error messages and hints.
pub const DATE_FORMS: &str = "YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2024, 2021-07, 2024-09-28)";

impl PartialDate {
    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD` with a real calendar check;
    /// the error says what is wrong with the text.
    pub fn parse(s: &str) -> Result<PartialDate, String> {
        let parts: Vec<&str> = s.split('-').collect();
        let digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
        let shape_ok = match parts.as_slice() {
            [y] => digits(y, 4),
            [y, m] => digits(y, 4) && digits(m, 2),
            [y, m, d] => digits(y, 4) && digits(m, 2) && digits(d, 2),
            _ => false,
        };
        if !shape_ok {
            return Err(format!("`{s}` is not a date; expected {DATE_FORMS}"));
        }
        // Four or two ASCII digits always fit these integer types.
        let num = |p: &str| p.parse::<i16>().unwrap_or(0);
        let year = num(parts[0]);
        let month = parts.get(1).map(|m| num(m) as i8);
        let day = parts.get(2).map(|d| num(d) as i8);
        if let Some(m) = month
            && !(1..=12).contains(&m)
        {
            return Err(format!(
                "`{s}`: there is no month {m}; expected {DATE_FORMS}"
            ));
        }
        if let (Some(m), Some(d)) = (month, day)
            && Date::new(year, m, d).is_err()
        {
            return Err(format!("`{s}`: {year}-{m:02} has no day {d}"));
        }
        if year == 0 {
            return Err(format!("`{s}`: there is no year 0; expected {DATE_FORMS}"));
        }
        Ok(PartialDate { year, month, day })
    }

    /// The first and last day the date may stand for (equal for a full date).
    pub fn span(self) -> (Date, Date) {
        // Parsed dates are valid by construction; the fallbacks are unreachable.
        let first = Date::new(self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
            .unwrap_or_default();
        let last = match (self.month, self.day) {
            (Some(_), Some(_)) => first,
            (Some(_), None) => first.last_of_month(),
            _ => Date::new(self.year, 12, 31).unwrap_or(first),
        };
        (first, last)
    }

    /// Whether this is a day rather than a span of days.
    pub fn is_full(self) -> bool {
        self.day.is_some()
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
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

#[cfg(test)]
mod tests {
    use super::*;

    // Protects issue 14: `2025-13-45` used to pass the form and `check`.
    #[test]
    fn impossible_dates_are_refused_with_the_reason() {
        let e = PartialDate::parse("2025-13-45").unwrap_err();
        assert!(e.contains("no month 13"), "{e}");
        let e = PartialDate::parse("2023-02-29").unwrap_err();
        assert!(e.contains("has no day 29"), "{e}");
        for bad in [
            "24",
            "2024-7",
            "2024/07",
            "July 2024",
            "2024-07-01x",
            "",
            "0000",
        ] {
            assert!(PartialDate::parse(bad).is_err(), "{bad} accepted");
        }
    }

    #[test]
    fn the_three_forms_parse_and_print_back() {
        for ok in ["2024", "2021-07", "2024-09-28", "2024-02-29"] {
            assert_eq!(PartialDate::parse(ok).unwrap().to_string(), ok);
        }
    }

    // A partial date is a span: a year covers the whole year, a month its days.
    #[test]
    fn partial_dates_span_their_days() {
        let (a, b) = PartialDate::parse("2024").unwrap().span();
        assert_eq!(
            (a.to_string(), b.to_string()),
            ("2024-01-01".into(), "2024-12-31".into())
        );
        let (a, b) = PartialDate::parse("2024-02").unwrap().span();
        assert_eq!(
            (a.to_string(), b.to_string()),
            ("2024-02-01".into(), "2024-02-29".into())
        );
        let d = PartialDate::parse("2020-12-03").unwrap();
        assert_eq!(d.span().0, d.span().1);
        assert!(d.is_full());
    }
}
