//! A couple's anniversary (`/anniversary`, PRODUCT.md section 11): which dates may be set, the
//! day it falls on in a given year (a 29 February falls on 28 February in common years), and
//! which anniversary a day is.

use chrono::{Datelike, NaiveDate};

/// The earliest year an anniversary may be set in.
pub const EARLIEST_YEAR: i32 = 1900;

/// Why a date was not taken as the anniversary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateError {
    /// Not written as YYYY-MM-DD.
    Malformed,
    /// Written as a date, but no such day exists (2023-02-29, 2024-04-31, month 13).
    NoSuchDay,
    /// Before [`EARLIEST_YEAR`].
    TooEarly,
    /// After today (in the couple's time zone).
    InTheFuture,
}

/// Reads an anniversary typed as `YYYY-MM-DD` (surrounding spaces ignored): a real day, not
/// before 1900 and not after `today`.
pub fn parse_date(input: &str, today: NaiveDate) -> Result<NaiveDate, DateError> {
    let s = input.trim();
    let b = s.as_bytes();
    let shape = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape {
        return Err(DateError::Malformed);
    }
    // The shape is checked: ten ASCII bytes, digits where the numbers go.
    let num = |r: std::ops::Range<usize>| s[r].parse::<u32>().map_err(|_| DateError::Malformed);
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let year = i32::try_from(y).map_err(|_| DateError::Malformed)?;
    let date = NaiveDate::from_ymd_opt(year, m, d).ok_or(DateError::NoSuchDay)?;
    if year < EARLIEST_YEAR {
        return Err(DateError::TooEarly);
    }
    if date > today {
        return Err(DateError::InTheFuture);
    }
    Ok(date)
}

/// The day the anniversary falls on in `year`: its month and day, with 29 February on
/// 28 February in a common year. `None` only outside chrono's range of years.
pub fn in_year(anniversary: NaiveDate, year: i32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, anniversary.month(), anniversary.day())
        .or_else(|| NaiveDate::from_ymd_opt(year, 2, 28))
}

/// Whether `day` (a couple-day) is the anniversary.
pub fn falls_on(anniversary: NaiveDate, day: NaiveDate) -> bool {
    in_year(anniversary, day.year()) == Some(day)
}

/// Which anniversary `day` is: whole years since the date (0 on the date itself).
pub fn years_on(anniversary: NaiveDate, day: NaiveDate) -> u32 {
    u32::try_from(day.year() - anniversary.year()).unwrap_or(0)
}

/// The anniversary on `day`, when `day` is one: how many years it marks (0 when the date
/// set is `day` itself: the day the couple's story began, no number to tell).
pub fn on(anniversary: NaiveDate, day: NaiveDate) -> Option<u32> {
    (falls_on(anniversary, day) && day >= anniversary).then(|| years_on(anniversary, day))
}

/// The next anniversary with a number, on or after `today`: its day and its years (at
/// least 1). Today, when today is one.
pub fn next(anniversary: NaiveDate, today: NaiveDate) -> Option<(NaiveDate, u32)> {
    let first = today.year().max(anniversary.year() + 1);
    (first..=first + 1)
        .filter_map(|y| in_year(anniversary, y))
        .find(|d| *d >= today)
        .map(|d| (d, years_on(anniversary, d)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    const TODAY: (i32, u32, u32) = (2026, 11, 26);

    fn today() -> NaiveDate {
        d(TODAY.0, TODAY.1, TODAY.2)
    }

    #[test]
    fn a_date_is_read_exactly_and_kindly_refused_otherwise() {
        assert_eq!(parse_date("2019-03-14", today()), Ok(d(2019, 3, 14)));
        assert_eq!(parse_date("  2019-03-14 ", today()), Ok(d(2019, 3, 14)));
        assert_eq!(parse_date("2026-11-26", today()), Ok(today()));
        assert_eq!(parse_date("1900-01-01", today()), Ok(d(1900, 1, 1)));
        assert_eq!(parse_date("2024-02-29", today()), Ok(d(2024, 2, 29)));
        for bad in [
            "",
            "2019-3-14",
            "14/03/2019",
            "2019/03/14",
            "2019-03-14T00:00",
            "+019-03-14",
            "2019-03-1a",
            "２０19-03-14",
            "2019-03-14\u{0}",
            "-2019-03-14",
            "20190314",
            "2019--03-14",
            "next tuesday",
        ] {
            assert_eq!(
                parse_date(bad, today()),
                Err(DateError::Malformed),
                "{bad:?}"
            );
        }
        for bad in [
            "2023-02-29",
            "2019-13-01",
            "2019-00-10",
            "2019-04-31",
            "2019-01-00",
        ] {
            assert_eq!(parse_date(bad, today()), Err(DateError::NoSuchDay), "{bad}");
        }
        assert_eq!(parse_date("1899-12-31", today()), Err(DateError::TooEarly));
        assert_eq!(parse_date("0000-01-01", today()), Err(DateError::TooEarly));
        assert_eq!(
            parse_date("2026-11-27", today()),
            Err(DateError::InTheFuture)
        );
        assert_eq!(
            parse_date("9999-12-31", today()),
            Err(DateError::InTheFuture)
        );
    }

    #[test]
    fn a_leap_day_falls_on_the_28th_in_common_years() {
        let leap = d(2020, 2, 29);
        assert_eq!(in_year(leap, 2023), Some(d(2023, 2, 28)));
        assert_eq!(in_year(leap, 2024), Some(d(2024, 2, 29)));
        assert!(falls_on(leap, d(2023, 2, 28)));
        assert!(!falls_on(leap, d(2023, 3, 1)));
        assert!(falls_on(leap, d(2024, 2, 29)));
        assert!(
            !falls_on(leap, d(2024, 2, 28)),
            "a leap year has its own day"
        );
        assert_eq!(on(leap, d(2025, 2, 28)), Some(5));
        assert_eq!(next(leap, d(2026, 3, 1)), Some((d(2027, 2, 28), 7)));
        assert_eq!(next(leap, d(2027, 12, 1)), Some((d(2028, 2, 29), 8)));
    }

    #[test]
    fn which_anniversary_a_day_is() {
        let a = d(2019, 3, 14);
        assert_eq!(on(a, d(2026, 3, 14)), Some(7));
        assert_eq!(on(a, d(2020, 3, 14)), Some(1));
        assert_eq!(on(a, d(2026, 3, 13)), None);
        assert_eq!(on(a, d(2026, 3, 15)), None);
        // The date itself: the day the story began, no number.
        assert_eq!(on(a, a), Some(0));
        // Before the date, no anniversary at all.
        assert_eq!(on(a, d(2018, 3, 14)), None);
    }

    #[test]
    fn the_next_anniversary_has_a_number_and_may_be_today() {
        let a = d(2019, 3, 14);
        assert_eq!(next(a, d(2026, 11, 26)), Some((d(2027, 3, 14), 8)));
        assert_eq!(next(a, d(2026, 3, 14)), Some((d(2026, 3, 14), 7)));
        assert_eq!(next(a, d(2026, 3, 15)), Some((d(2027, 3, 14), 8)));
        assert_eq!(next(a, d(2026, 1, 1)), Some((d(2026, 3, 14), 7)));
        // A date set today, or less than a year ago: the first anniversary is next.
        assert_eq!(next(today(), today()), Some((d(2027, 11, 26), 1)));
        assert_eq!(next(d(2026, 3, 1), today()), Some((d(2027, 3, 1), 1)));
        assert_eq!(next(d(2025, 12, 31), today()), Some((d(2026, 12, 31), 1)));
        for (y, m, day) in [(1900, 1, 1), (2000, 2, 29), (2026, 11, 26), (2025, 11, 27)] {
            let (when, years) = next(d(y, m, day), today()).unwrap();
            assert!(when >= today() && years >= 1);
            assert!(falls_on(d(y, m, day), when));
        }
    }
}
