//! Schedules: cron expressions evaluated on local wall-clock time, mapped to instants with haven's DST rule.
//!
//! The `cron` crate parses expressions well, but its own time-zone iteration skips, doubles and
//! reorders instants on DST days (see `notes/cron-and-dst.md`). So the expression is evaluated
//! on *naive* local wall-clock times (iterated as `DateTime<Utc>`, which has no DST, so every
//! matching wall time comes exactly once and in order), and each wall time is then mapped to an
//! instant with haven's rule (PRODUCT.md section 2):
//!
//! - a wall time that exists once fires then;
//! - a wall time that exists twice (fall back) fires once, at its first occurrence;
//! - a wall time that does not exist (spring forward) fires once, at the transition instant;
//! - matches that land on the same instant fire once.
//!
//! The mapping is monotone, so the instants come out in order; equal neighbours are merged.

use std::str::FromStr;

use chrono::{DateTime, Duration, LocalResult, NaiveDateTime, TimeZone, Utc, Weekday};
use chrono_tz::Tz;
use cron::{Schedule, TimeUnitSpec};

use crate::domain::text::clip;
use crate::domain::time::LocalTime;

/// The longest expression accepted, in characters.
const MAX_EXPR_CHARS: usize = 200;
/// The longest `days:` option accepted, in characters.
const MAX_DAYS_CHARS: usize = 200;
/// How much of a bad part is echoed back in an error.
const ECHO_CHARS: usize = 40;
/// How far `check_min_interval` looks ahead.
const CHECK_WINDOW_DAYS: i64 = 366;

/// A validated schedule expression in the cron crate's 6/7-field form (with seconds).
#[derive(Debug, Clone)]
pub struct CronExpr {
    text: String,
    schedule: Schedule,
}

/// Why a schedule expression or a `days:` option was refused. Each names the bad part; the
/// words are in `crate::copy`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CronError {
    Empty,
    TooLong,
    FieldCount(usize),
    BadValue {
        field: CronField,
        value: String,
    },
    BackwardsRange {
        field: CronField,
        value: String,
    },
    BadStep {
        field: CronField,
        value: String,
        max: u32,
    },
    BothDaysRestricted,
    NamedStep {
        field: CronField,
        value: String,
    },
    /// The cron crate's own first line of complaint.
    NotUnderstood(String),
    NoDays,
    UnknownDay(String),
    DaysTooLong,
}

impl std::error::Error for CronError {}

/// The fields of an expression, for naming the bad one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CronField {
    Second,
    Minute,
    Hour,
    DayOfMonth,
    Month,
    /// Day of week in the classic 5-field form (0 and 7 are Sunday).
    ClassicDayOfWeek,
    /// Day of week in the cron crate's form (1 is Sunday).
    DayOfWeek,
    Year,
}

// ---------------------------------------------------------------------------------------------
// Field grammar
// ---------------------------------------------------------------------------------------------

/// One field of an expression: its range, names and how to talk about it.
struct Unit {
    field: CronField,
    min: u32,
    max: u32,
    names: &'static [(&'static str, u32)],
    /// `?` means "any" (the crate accepts it in the two day fields only).
    any_ok: bool,
    /// Classic day-of-week: a range ending at the *name* `sun` means "... through Sunday" (7).
    sunday_ends_range: bool,
    /// Whether `name/step` is fine: the crate's grammar refuses it, the classic translation
    /// expands it.
    named_step_ok: bool,
}

const MONTH_NAMES: &[(&str, u32)] = &[
    ("jan", 1),
    ("january", 1),
    ("feb", 2),
    ("february", 2),
    ("mar", 3),
    ("march", 3),
    ("apr", 4),
    ("april", 4),
    ("may", 5),
    ("jun", 6),
    ("june", 6),
    ("jul", 7),
    ("july", 7),
    ("aug", 8),
    ("august", 8),
    ("sep", 9),
    ("september", 9),
    ("oct", 10),
    ("october", 10),
    ("nov", 11),
    ("november", 11),
    ("dec", 12),
    ("december", 12),
];

/// Classic cron: 0 and 7 = Sunday, 1 = Monday ... 6 = Saturday.
const CLASSIC_DAY_NAMES: &[(&str, u32)] = &[
    ("sun", 0),
    ("sunday", 0),
    ("mon", 1),
    ("monday", 1),
    ("tue", 2),
    ("tues", 2),
    ("tuesday", 2),
    ("wed", 3),
    ("wednesday", 3),
    ("thu", 4),
    ("thurs", 4),
    ("thursday", 4),
    ("fri", 5),
    ("friday", 5),
    ("sat", 6),
    ("saturday", 6),
];

/// The cron crate (Quartz style): 1 = Sunday ... 7 = Saturday.
const CRATE_DAY_NAMES: &[(&str, u32)] = &[
    ("sun", 1),
    ("sunday", 1),
    ("mon", 2),
    ("monday", 2),
    ("tue", 3),
    ("tues", 3),
    ("tuesday", 3),
    ("wed", 4),
    ("wednesday", 4),
    ("thu", 5),
    ("thurs", 5),
    ("thursday", 5),
    ("fri", 6),
    ("friday", 6),
    ("sat", 7),
    ("saturday", 7),
];

const SECOND: Unit = Unit {
    field: CronField::Second,
    min: 0,
    max: 59,
    names: &[],
    any_ok: false,
    sunday_ends_range: false,
    named_step_ok: false,
};
const MINUTE: Unit = Unit {
    field: CronField::Minute,
    min: 0,
    max: 59,
    names: &[],
    any_ok: false,
    sunday_ends_range: false,
    named_step_ok: false,
};
const HOUR: Unit = Unit {
    field: CronField::Hour,
    min: 0,
    max: 23,
    names: &[],
    any_ok: false,
    sunday_ends_range: false,
    named_step_ok: false,
};
const DAY_OF_MONTH: Unit = Unit {
    field: CronField::DayOfMonth,
    min: 1,
    max: 31,
    names: &[],
    any_ok: true,
    sunday_ends_range: false,
    named_step_ok: false,
};
const MONTH: Unit = Unit {
    field: CronField::Month,
    min: 1,
    max: 12,
    names: MONTH_NAMES,
    any_ok: false,
    sunday_ends_range: false,
    named_step_ok: false,
};
const CLASSIC_DAY_OF_WEEK: Unit = Unit {
    field: CronField::ClassicDayOfWeek,
    min: 0,
    max: 7,
    names: CLASSIC_DAY_NAMES,
    any_ok: true,
    sunday_ends_range: true,
    named_step_ok: true,
};
const CRATE_DAY_OF_WEEK: Unit = Unit {
    field: CronField::DayOfWeek,
    min: 1,
    max: 7,
    names: CRATE_DAY_NAMES,
    any_ok: true,
    sunday_ends_range: false,
    named_step_ok: false,
};
const YEAR: Unit = Unit {
    field: CronField::Year,
    min: 1970,
    max: 2100,
    names: &[],
    any_ok: false,
    sunday_ends_range: false,
    named_step_ok: false,
};

impl Unit {
    fn bad_value(&self, value: &str) -> CronError {
        CronError::BadValue {
            field: self.field,
            value: clip(value, ECHO_CHARS),
        }
    }

    /// One value: a number in range or a name. `whole` is what is echoed when `atom` is empty.
    fn atom(&self, atom: &str, whole: &str) -> Result<u32, CronError> {
        if atom.is_empty() {
            return Err(self.bad_value(whole));
        }
        if atom.bytes().all(|b| b.is_ascii_digit()) {
            return match atom.parse::<u32>() {
                Ok(n) if (self.min..=self.max).contains(&n) => Ok(n),
                _ => Err(self.bad_value(atom)),
            };
        }
        let lower = atom.to_ascii_lowercase();
        let n = self
            .names
            .iter()
            .find(|(name, _)| *name == lower)
            .map(|(_, n)| *n)
            .ok_or_else(|| self.bad_value(atom))?;
        Ok(n)
    }

    /// Every value the field selects, checked item by item so an error names the bad part.
    /// Follows the cron crate's semantics: `a/s` means `a-max/s`, steps are 1..=max.
    fn values(&self, text: &str) -> Result<Vec<u32>, CronError> {
        let mut out = Vec::new();
        for item in text.split(',') {
            if item.is_empty() {
                return Err(self.bad_value(text));
            }
            let (base, step) = match item.split_once('/') {
                Some((b, s)) => (b, Some(s)),
                None => (item, None),
            };
            let step = match step {
                None => None,
                Some(s) => match s.parse::<u32>() {
                    Ok(n)
                        if (1..=self.max).contains(&n) && s.bytes().all(|b| b.is_ascii_digit()) =>
                    {
                        Some(n)
                    }
                    _ => {
                        return Err(CronError::BadStep {
                            field: self.field,
                            value: clip(item, ECHO_CHARS),
                            max: self.max,
                        })
                    }
                },
            };
            let (lo, hi) = if base == "*" || (base == "?" && self.any_ok) {
                (self.min, self.max)
            } else if let Some((a, b)) = base.split_once('-') {
                let lo = self.atom(a, item)?;
                let mut hi = self.atom(b, item)?;
                if self.sunday_ends_range
                    && hi == 0
                    && lo > 0
                    && !b.starts_with(|c: char| c.is_ascii_digit())
                {
                    // `mon-sun`: through Sunday, which is also 7.
                    hi = 7;
                }
                if lo > hi {
                    return Err(CronError::BackwardsRange {
                        field: self.field,
                        value: clip(base, ECHO_CHARS),
                    });
                }
                (lo, hi)
            } else {
                let a = self.atom(base, item)?;
                if step.is_some()
                    && !self.named_step_ok
                    && !base.starts_with(|c: char| c.is_ascii_digit())
                {
                    return Err(CronError::NamedStep {
                        field: self.field,
                        value: clip(item, ECHO_CHARS),
                    });
                }
                (a, if step.is_some() { self.max } else { a })
            };
            out.extend((lo..=hi).step_by(step.unwrap_or(1) as usize));
        }
        out.sort_unstable();
        out.dedup();
        Ok(out)
    }
}

/// A day field that says "any day": exactly `*` or `?`.
fn unrestricted(field: &str) -> bool {
    field == "*" || field == "?"
}

/// Three-letter names, indexed Mon = 0 .. Sun = 6 (chrono's `num_days_from_monday`).
const DAY_ABBR: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/// The crate's day-of-week field for a set of days (index Mon = 0 .. Sun = 6), with names so
/// no numbering convention is involved: `*`, `Mon-Fri`, `Sat,Sun`, `Mon,Wed,Fri`.
/// Ranges only within Mon..Sat, as the crate's ordinals run Sun = 1 .. Sat = 7.
fn day_of_week_field(days: &[bool; 7]) -> String {
    if days.iter().all(|d| *d) || days.iter().all(|d| !*d) {
        return "*".to_owned();
    }
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < 6 {
        if !days[i] {
            i += 1;
            continue;
        }
        let start = i;
        while i + 1 < 6 && days[i + 1] {
            i += 1;
        }
        if i - start >= 2 {
            parts.push(format!("{}-{}", DAY_ABBR[start], DAY_ABBR[i]));
        } else {
            parts.extend((start..=i).map(|d| DAY_ABBR[d].to_owned()));
        }
        i += 1;
    }
    if days[6] {
        parts.push("Sun".to_owned());
    }
    parts.join(",")
}

fn day_set(days: &[Weekday]) -> [bool; 7] {
    let mut set = [false; 7];
    for d in days {
        set[d.num_days_from_monday() as usize] = true;
    }
    set
}

/// The shorthands the crate knows, in the 6-field form (`@weekly` is Sunday in every dialect).
fn shorthand(s: &str) -> Option<&'static str> {
    Some(match s.to_ascii_lowercase().as_str() {
        "@yearly" | "@annually" => "0 0 0 1 1 *",
        "@monthly" => "0 0 0 1 * *",
        "@weekly" => "0 0 0 * * Sun",
        "@daily" | "@midnight" => "0 0 0 * * *",
        "@hourly" => "0 0 * * * *",
        _ => return None,
    })
}

/// Two expressions are the same schedule when their normalized texts are equal.
impl PartialEq for CronExpr {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
    }
}

impl Eq for CronExpr {}

impl CronExpr {
    /// Accepts 6/7-field (cron crate form, as is) and classic 5-field (`m h dom mon dow`), which
    /// is translated: a `0` seconds field is prefixed and the day-of-week field is rewritten with
    /// day NAMES (classic numbers: 0 and 7 = Sunday, 1 = Monday ... 6 = Saturday), so
    /// `0 9 * * 1` fires on Mondays. Refuses an expression that restricts both day-of-month and
    /// day-of-week (neither is `*` or `?`), in either form. Trims whitespace (runs of it inside
    /// are collapsed to one space); refuses empty and more than 200 characters. The crate's
    /// shorthands (`@daily`, `@hourly`, ...) are accepted and stored in the 6-field form.
    pub fn parse(input: &str) -> Result<CronExpr, CronError> {
        let s = input.trim();
        if s.is_empty() {
            return Err(CronError::Empty);
        }
        if s.chars().count() > MAX_EXPR_CHARS {
            return Err(CronError::TooLong);
        }
        let s = shorthand(s).unwrap_or(s);
        let fields: Vec<&str> = s.split_whitespace().collect();
        let text = match fields.len() {
            5 => {
                let [minute, hour, dom, month, dow] = [0, 1, 2, 3, 4].map(|i| fields[i]);
                MINUTE.values(minute)?;
                HOUR.values(hour)?;
                DAY_OF_MONTH.values(dom)?;
                MONTH.values(month)?;
                let classic_days = CLASSIC_DAY_OF_WEEK.values(dow)?;
                if !unrestricted(dom) && !unrestricted(dow) {
                    return Err(CronError::BothDaysRestricted);
                }
                let mut days = [false; 7];
                for d in classic_days {
                    // 0 and 7 are Sunday; 1 = Monday is index 0.
                    days[((d + 6) % 7) as usize] = true;
                }
                let dow = if unrestricted(dow) {
                    "*".to_owned()
                } else {
                    day_of_week_field(&days)
                };
                format!("0 {minute} {hour} {dom} {month} {dow}")
            }
            6 | 7 => {
                SECOND.values(fields[0])?;
                MINUTE.values(fields[1])?;
                HOUR.values(fields[2])?;
                DAY_OF_MONTH.values(fields[3])?;
                MONTH.values(fields[4])?;
                CRATE_DAY_OF_WEEK.values(fields[5])?;
                if let Some(year) = fields.get(6) {
                    YEAR.values(year)?;
                }
                if !unrestricted(fields[3]) && !unrestricted(fields[5]) {
                    return Err(CronError::BothDaysRestricted);
                }
                fields.join(" ")
            }
            n => return Err(CronError::FieldCount(n)),
        };
        let schedule = Schedule::from_str(&text).map_err(|e| {
            let msg = e.to_string();
            let first_line = msg.lines().next().unwrap_or("");
            CronError::NotUnderstood(clip(first_line, 120))
        })?;
        Ok(CronExpr { text, schedule })
    }

    /// Daily at a local time: `0 M H * * *`.
    pub fn daily_at(t: LocalTime) -> CronExpr {
        Self::at_on_days(t, &[])
    }

    /// At a local time on the given weekdays (Mon=0..Sun=6 as chrono::Weekday), e.g. weekdays.
    /// Duplicates are ignored; an empty list (which `parse_days` never returns) or all seven
    /// days means every day.
    pub fn at_on_days(t: LocalTime, days: &[Weekday]) -> CronExpr {
        let dow = day_of_week_field(&day_set(days));
        let text = format!("0 {} {} * * {}", t.minute, t.hour, dow);
        let schedule =
            Schedule::from_str(&text).expect("a time and day names always form a valid schedule");
        CronExpr { text, schedule }
    }

    /// The normalized 6/7-field text (what is stored).
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The schedule as plain days and times, when it is that simple: every listed time (at
    /// most four) on every listed weekday, at second 0, in every month. `None` for anything
    /// else (the words then quote the expression).
    pub fn plain(&self) -> Option<PlainSchedule> {
        let s = &self.schedule;
        let simple_day = s.seconds().count() == 1
            && s.seconds().includes(0)
            && s.days_of_month().is_all()
            && s.months().is_all()
            && s.years().is_all();
        let count = s.hours().count() * s.minutes().count();
        if !simple_day || count == 0 || count > 4 {
            return None;
        }
        let mut times = Vec::new();
        for h in s.hours().iter() {
            for m in s.minutes().iter() {
                times.push(LocalTime {
                    hour: u8::try_from(h).ok()?,
                    minute: u8::try_from(m).ok()?,
                });
            }
        }
        let mut days = [false; 7];
        for o in s.days_of_week().iter() {
            // Crate ordinals: 1 = Sunday .. 7 = Saturday.
            days[((o + 5) % 7) as usize] = true;
        }
        if !days.contains(&true) {
            return None;
        }
        Some(PlainSchedule { days, times })
    }
}

/// A schedule of whole days and times (see [`CronExpr::plain`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlainSchedule {
    /// Monday first.
    pub days: [bool; 7],
    /// In order.
    pub times: Vec<LocalTime>,
}

/// Parses the `days:` option of /schedule set: "daily", "weekdays", "weekends", or a list like
/// "mon,wed,fri" / "Mon Wed Fri" / "monday, friday" (full or 3-letter English names, any case,
/// duplicates ignored; "and" between names is fine, and the words above may be mixed in, as in
/// "weekends, wed"). Returns the days in order Monday..Sunday. Error names the bad part.
pub fn parse_days(input: &str) -> Result<Vec<Weekday>, CronError> {
    let s = input.trim();
    if s.chars().count() > MAX_DAYS_CHARS {
        return Err(CronError::DaysTooLong);
    }
    let mut set = [false; 7];
    let mut any = false;
    for token in s
        .split(|c: char| c == ',' || c == ';' || c.is_whitespace())
        .filter(|t| !t.is_empty())
    {
        let lower = token.to_lowercase();
        let picked: &[usize] = match lower.as_str() {
            "and" | "&" => continue,
            // "every day", "every monday".
            "every" => continue,
            "daily" | "everyday" | "day" | "all" => &[0, 1, 2, 3, 4, 5, 6],
            "weekdays" | "weekday" => &[0, 1, 2, 3, 4],
            "weekends" | "weekend" => &[5, 6],
            "mon" | "monday" => &[0],
            "tue" | "tues" | "tuesday" => &[1],
            "wed" | "wednesday" => &[2],
            "thu" | "thurs" | "thursday" => &[3],
            "fri" | "friday" => &[4],
            "sat" | "saturday" => &[5],
            "sun" | "sunday" => &[6],
            _ => return Err(CronError::UnknownDay(clip(token, ECHO_CHARS))),
        };
        for &i in picked {
            set[i] = true;
        }
        any = true;
    }
    if !any {
        return Err(CronError::NoDays);
    }
    Ok((0..7u8)
        .filter(|&i| set[i as usize])
        .map(|i| Weekday::try_from(i).expect("0..7 are weekdays"))
        .collect())
}

// ---------------------------------------------------------------------------------------------
// Occurrences
// ---------------------------------------------------------------------------------------------

/// The instant a local wall-clock time stands for, by haven's rule: itself when it exists once,
/// its first occurrence when it exists twice, the transition instant (the first valid instant
/// after the gap) when it does not exist.
fn resolve(tz: Tz, naive: NaiveDateTime) -> DateTime<Utc> {
    match tz.from_local_datetime(&naive) {
        LocalResult::Single(t) => t.with_timezone(&Utc),
        LocalResult::Ambiguous(a, b) => a.min(b).with_timezone(&Utc),
        LocalResult::None => gap_end(tz, naive),
    }
}

/// The smallest instant (to the second) whose local time is later than `naive`, a wall time that
/// falls in a gap. Every UTC offset is within ±15 h, so the answer lies in that window around
/// `naive` read as UTC: local time is below `naive` at its start and above it at its end. A
/// binary search finds an instant whose local time jumps over `naive`, which can only be the
/// transition that opened the gap (no instant has `naive` as its local time).
fn gap_end(tz: Tz, naive: NaiveDateTime) -> DateTime<Utc> {
    let centre = Utc.from_utc_datetime(&naive).timestamp();
    let later = |secs: i64| {
        DateTime::from_timestamp(secs, 0)
            .map(|t| t.with_timezone(&tz).naive_local() > naive)
            .unwrap_or(true)
    };
    let window = 15 * 3600;
    // Invariant: !later(lo) && later(hi).
    let (mut lo, mut hi) = (centre - window, centre + window);
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        if later(mid) {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    DateTime::from_timestamp(hi, 0).unwrap_or_else(|| Utc.from_utc_datetime(&naive))
}

/// The instants strictly after `after`, in order, by the rule above. Infinite for a schedule that
/// keeps matching (until the cron crate's last year, 2100); callers take what they need.
///
/// The iterator owns a copy of the schedule and does not borrow `expr`, so
/// `occurrences_after(&CronExpr::parse(s)?, tz, now).next()` works even as a tail expression.
pub fn occurrences_after(
    expr: &CronExpr,
    tz: Tz,
    after: DateTime<Utc>,
) -> impl Iterator<Item = DateTime<Utc>> + 'static {
    // Any wall time up to the local time of `after` maps to an instant at or before `after`
    // (the mapping is monotone), so starting the naive iteration a little earlier and filtering
    // loses nothing and lets the filter, not the start point, decide.
    let local_after = after.with_timezone(&tz).naive_local();
    let start = local_after
        .checked_sub_signed(Duration::minutes(1))
        .unwrap_or(local_after);
    let mut last: Option<DateTime<Utc>> = None;
    expr.schedule
        .after_owned(Utc.from_utc_datetime(&start))
        .map(move |wall| resolve(tz, wall.naive_utc()))
        .filter(move |t| {
            if *t <= after || last == Some(*t) {
                return false;
            }
            last = Some(*t);
            true
        })
}

/// The first `n` of them.
pub fn next_n(expr: &CronExpr, tz: Tz, after: DateTime<Utc>, n: usize) -> Vec<DateTime<Utc>> {
    occurrences_after(expr, tz, after).take(n).collect()
}

/// Why a schedule was refused by `check_min_interval`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IntervalError {
    NeverFires,
    /// Two instants only `gap_secs` apart, less than the minimum of `min_secs`.
    TooClose {
        gap_secs: u64,
        min_secs: u64,
        first: DateTime<Utc>,
        second: DateTime<Utc>,
    },
    /// More than `max` instants on the couple-day `day`.
    TooManyInADay {
        max: u32,
        day: chrono::NaiveDate,
    },
}

impl std::error::Error for IntervalError {}

/// The scan of [`check_min_interval`] stops after this many instants. A schedule that keeps the default minimum of one
/// hour has at most 8,784 a year, so the cap only shortens the scan when the host lowers
/// `schedule.min_interval_secs` below about 26 minutes (as the tests do).
pub const MAX_CHECKED_INSTANTS: usize = 20_000;

/// What a schedule may ask of a couple (the host's `[schedule]` settings).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The shortest gap between two nudges.
    pub min_interval_secs: u64,
    /// The most nudges on one couple-day.
    pub max_per_day: u32,
}

/// There must be an instant in the 366 days after `from`, and every instant over the 366 days
/// that start at the first one must be at least `min_secs` apart. Starting at the first
/// instant (not at `from`) means an expression restricted to a later year is checked where it
/// fires, not at the edge of the window. Stops at the first violation (so `* * * * * *` is
/// cheap to refuse).
pub fn check_min_interval(
    expr: &CronExpr,
    tz: Tz,
    from: DateTime<Utc>,
    min_secs: u64,
) -> Result<(), IntervalError> {
    check_schedule(
        expr,
        tz,
        LocalTime { hour: 0, minute: 0 },
        from,
        Limits {
            min_interval_secs: min_secs,
            max_per_day: u32::MAX,
        },
    )
}

/// [`check_min_interval`], and at most `limits.max_per_day` instants on one couple-day (days
/// starting at `day_start` local time).
pub fn check_schedule(
    expr: &CronExpr,
    tz: Tz,
    day_start: LocalTime,
    from: DateTime<Utc>,
    limits: Limits,
) -> Result<(), IntervalError> {
    let mut instants = occurrences_after(expr, tz, from).take(MAX_CHECKED_INSTANTS);
    let Some(first) = instants
        .next()
        .filter(|t| *t <= from + Duration::days(CHECK_WINDOW_DAYS))
    else {
        return Err(IntervalError::NeverFires);
    };
    let end = first + Duration::days(CHECK_WINDOW_DAYS);
    let mut prev = first;
    let mut day = super::checkin::couple_day(first, tz, day_start);
    let mut on_day = 1u32;
    for t in instants {
        if t > end {
            break;
        }
        let gap = u64::try_from((t - prev).num_seconds()).unwrap_or(0);
        if gap < limits.min_interval_secs {
            return Err(IntervalError::TooClose {
                gap_secs: gap,
                min_secs: limits.min_interval_secs,
                first: prev,
                second: t,
            });
        }
        let d = super::checkin::couple_day(t, tz, day_start);
        if d == day {
            on_day += 1;
            if on_day > limits.max_per_day {
                return Err(IntervalError::TooManyInADay {
                    max: limits.max_per_day,
                    day: d,
                });
            }
        } else {
            (day, on_day) = (d, 1);
        }
        prev = t;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Datelike, Timelike};
    use chrono_tz::America::New_York;
    use chrono_tz::Australia::Lord_Howe;
    use chrono_tz::Europe::Berlin;

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s)
            .unwrap_or_else(|e| panic!("{s}: {e}"))
            .with_timezone(&Utc)
    }

    fn expr(s: &str) -> CronExpr {
        CronExpr::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    fn next(s: &str, tz: Tz, from: &str, n: usize) -> Vec<DateTime<Utc>> {
        next_n(&expr(s), tz, utc(from), n)
    }

    fn utcs(list: &[&str]) -> Vec<DateTime<Utc>> {
        list.iter().map(|s| utc(s)).collect()
    }

    fn lt(hour: u8, minute: u8) -> LocalTime {
        LocalTime { hour, minute }
    }

    // --- The table in notes/cron-and-dst.md, with what PRODUCT.md wants ---------------------

    #[test]
    fn notes_table_daily_20_00_new_york() {
        assert_eq!(
            next("0 0 20 * * *", New_York, "2026-03-06T00:00:00Z", 4),
            utcs(&[
                "2026-03-06T01:00:00Z",
                "2026-03-07T01:00:00Z",
                "2026-03-08T01:00:00Z",
                "2026-03-09T00:00:00Z",
            ])
        );
    }

    #[test]
    fn notes_table_spring_gap_fires_at_the_transition() {
        assert_eq!(
            next("0 30 2 * * *", New_York, "2026-03-06T00:00:00Z", 4),
            utcs(&[
                "2026-03-06T07:30:00Z",
                "2026-03-07T07:30:00Z",
                "2026-03-08T07:00:00Z",
                "2026-03-09T06:30:00Z",
            ])
        );
    }

    #[test]
    fn notes_table_fall_back_fires_once_at_the_first_occurrence() {
        assert_eq!(
            next("0 30 1 * * *", New_York, "2026-10-30T00:00:00Z", 4),
            utcs(&[
                "2026-10-30T05:30:00Z",
                "2026-10-31T05:30:00Z",
                "2026-11-01T05:30:00Z",
                "2026-11-02T06:30:00Z",
            ])
        );
    }

    #[test]
    fn notes_table_every_half_hour_across_fall_back_is_ordered_and_single() {
        let got = next("0 */30 * * * *", New_York, "2026-11-01T04:00:00Z", 6);
        assert_eq!(
            got,
            utcs(&[
                "2026-11-01T04:30:00Z", // 00:30 EDT
                "2026-11-01T05:00:00Z", // 01:00 EDT
                "2026-11-01T05:30:00Z", // 01:30 EDT; 01:00 and 01:30 EST are not fired again
                "2026-11-01T07:00:00Z", // 02:00 EST
                "2026-11-01T07:30:00Z",
                "2026-11-01T08:00:00Z",
            ])
        );
        assert!(got.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn notes_table_lord_howe_half_hour_gap() {
        assert_eq!(
            next("0 15 2 * * *", Lord_Howe, "2026-10-02T00:00:00Z", 3),
            utcs(&[
                "2026-10-02T15:45:00Z", // 02:15 +10:30 on 10-03
                "2026-10-03T15:30:00Z", // 02:15 does not exist on 10-04: transition instant
                "2026-10-04T15:15:00Z", // 02:15 +11:00 on 10-05
            ])
        );
    }

    // --- Europe/Berlin -------------------------------------------------------------------------

    #[test]
    fn berlin_spring_forward_skipped_hour_fires_once_at_the_transition() {
        assert_eq!(
            next("0 30 2 * * *", Berlin, "2026-03-28T00:00:00Z", 3),
            utcs(&[
                "2026-03-28T01:30:00Z",
                "2026-03-29T01:00:00Z",
                "2026-03-30T00:30:00Z",
            ])
        );
    }

    #[test]
    fn berlin_fall_back_repeated_hour_fires_once_at_the_first_occurrence() {
        let got = next("0 30 2 * * *", Berlin, "2026-10-24T00:00:00Z", 3);
        assert_eq!(
            got,
            utcs(&[
                "2026-10-24T00:30:00Z",
                "2026-10-25T00:30:00Z",
                "2026-10-26T01:30:00Z",
            ])
        );
        assert!(!got.contains(&utc("2026-10-25T01:30:00Z")));
        // Starting inside the repeated hour, after the first 02:30: the second one is not fired.
        assert_eq!(
            next("0 30 2 * * *", Berlin, "2026-10-25T01:10:00Z", 1),
            utcs(&["2026-10-26T01:30:00Z"])
        );
    }

    #[test]
    fn berlin_daily_20_00_is_20_00_local_on_both_sides() {
        assert_eq!(
            next("0 0 20 * * *", Berlin, "2026-03-27T00:00:00Z", 4),
            utcs(&[
                "2026-03-27T19:00:00Z",
                "2026-03-28T19:00:00Z",
                "2026-03-29T18:00:00Z",
                "2026-03-30T18:00:00Z",
            ])
        );
        assert_eq!(
            next("0 0 20 * * *", Berlin, "2026-10-23T00:00:00Z", 4),
            utcs(&[
                "2026-10-23T18:00:00Z",
                "2026-10-24T18:00:00Z",
                "2026-10-25T19:00:00Z",
                "2026-10-26T19:00:00Z",
            ])
        );
    }

    // --- More zones ----------------------------------------------------------------------------

    #[test]
    fn new_york_fall_back_time_in_repeated_hour() {
        assert_eq!(
            next("0 15 1 * * *", New_York, "2026-10-31T12:00:00Z", 2),
            utcs(&["2026-11-01T05:15:00Z", "2026-11-02T06:15:00Z"])
        );
        // From inside the second 01:xx (EST): nothing more that night.
        assert_eq!(
            next("0 15 1 * * *", New_York, "2026-11-01T06:00:00Z", 1),
            utcs(&["2026-11-02T06:15:00Z"])
        );
    }

    #[test]
    fn lord_howe_fall_back_time_in_repeated_half_hour() {
        // 2026-04-05 02:00 +11:00 (15:00Z on 04-04) becomes 01:30 +10:30: 01:30-02:00 repeats.
        assert_eq!(
            next("0 45 1 * * *", Lord_Howe, "2026-04-03T00:00:00Z", 3),
            utcs(&[
                "2026-04-03T14:45:00Z",
                "2026-04-04T14:45:00Z",
                "2026-04-05T15:15:00Z",
            ])
        );
    }

    #[test]
    fn new_york_daily_20_00_around_both_2026_transitions() {
        assert_eq!(
            next("0 0 20 * * *", New_York, "2026-03-06T12:00:00Z", 4),
            utcs(&[
                "2026-03-07T01:00:00Z",
                "2026-03-08T01:00:00Z",
                "2026-03-09T00:00:00Z",
                "2026-03-10T00:00:00Z",
            ])
        );
        assert_eq!(
            next("0 0 20 * * *", New_York, "2026-10-30T12:00:00Z", 4),
            utcs(&[
                "2026-10-31T00:00:00Z",
                "2026-11-01T00:00:00Z",
                "2026-11-02T01:00:00Z",
                "2026-11-03T01:00:00Z",
            ])
        );
    }

    #[test]
    fn coincident_matches_fire_once() {
        assert_eq!(
            next("0 0,30 2 * * *", New_York, "2026-03-07T12:00:00Z", 3),
            utcs(&[
                "2026-03-08T07:00:00Z",
                "2026-03-09T06:00:00Z",
                "2026-03-09T06:30:00Z",
            ])
        );
        // 02:00, 02:30 and 03:00 EDT all land on 07:00Z.
        assert_eq!(
            next("0 0,30 2,3 * * *", New_York, "2026-03-07T12:00:00Z", 3),
            utcs(&[
                "2026-03-08T07:00:00Z",
                "2026-03-08T07:30:00Z",
                "2026-03-09T06:00:00Z",
            ])
        );
    }

    #[test]
    fn strictly_after_and_sub_second_starts() {
        let e = expr("0 0 20 * * *");
        assert_eq!(
            next_n(&e, New_York, utc("2026-03-07T01:00:00Z"), 1),
            utcs(&["2026-03-08T01:00:00Z"])
        );
        assert_eq!(
            next_n(&e, New_York, utc("2026-03-07T00:59:59.999Z"), 1),
            utcs(&["2026-03-07T01:00:00Z"])
        );
        // The transition instant itself is not "after" itself.
        assert_eq!(
            next("0 30 2 * * *", New_York, "2026-03-08T07:00:00Z", 1),
            utcs(&["2026-03-09T06:30:00Z"])
        );
        assert_eq!(
            next("0 30 2 * * *", New_York, "2026-03-08T06:59:59Z", 1),
            utcs(&["2026-03-08T07:00:00Z"])
        );
        assert!(occurrences_after(&e, New_York, utc("2026-01-01T00:00:00Z"))
            .take(1000)
            .all(|t| t.with_timezone(&New_York).hour() == 20));
    }

    /// Used as a tail expression with a temporary: compiles only if the iterator owns its data.
    fn first_after(text: &str, tz: Tz, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let e = CronExpr::parse(text).ok()?;
        occurrences_after(&e, tz, now).next()
    }

    #[test]
    fn the_iterator_does_not_borrow_the_expression() {
        assert_eq!(
            first_after("0 20 * * *", New_York, utc("2026-03-08T00:00:00Z")),
            Some(utc("2026-03-08T01:00:00Z"))
        );
        let it = {
            let e = expr("0 0 20 * * *");
            occurrences_after(&e, Berlin, utc("2026-03-29T00:00:00Z"))
        };
        assert_eq!(
            it.take(1).collect::<Vec<_>>(),
            utcs(&["2026-03-29T18:00:00Z"])
        );
    }

    #[test]
    fn other_zones_and_the_end_of_the_crate_years() {
        let kolkata = chrono_tz::Asia::Kolkata;
        assert_eq!(
            next("0 0 20 * * *", kolkata, "2026-03-08T00:00:00Z", 1),
            utcs(&["2026-03-08T14:30:00Z"])
        );
        assert_eq!(
            next("0 0 20 * * *", chrono_tz::UTC, "2026-03-08T00:00:00Z", 1),
            utcs(&["2026-03-08T20:00:00Z"])
        );
        // The cron crate knows years up to 2100 only: the iterator ends, it does not spin.
        assert!(next("0 0 20 * * *", chrono_tz::UTC, "2100-12-31T21:00:00Z", 3).is_empty());
        // A schedule that never matches ends at once.
        assert!(next("0 0 0 30 2 *", New_York, "2026-01-01T00:00:00Z", 3).is_empty());
    }

    // --- Parsing -------------------------------------------------------------------------------

    fn weekdays_of(s: &str, n: usize) -> Vec<Weekday> {
        // 2026-11-29 is a Sunday.
        next(s, chrono_tz::UTC, "2026-11-29T00:00:00Z", n)
            .iter()
            .map(|t| t.weekday())
            .collect()
    }

    #[test]
    fn five_field_day_of_week_numbers_are_classic() {
        use Weekday::*;
        assert_eq!(
            next("0 9 * * 1", chrono_tz::UTC, "2026-11-28T00:00:00Z", 1),
            utcs(&["2026-11-30T09:00:00Z"])
        );
        assert_eq!(weekdays_of("0 9 * * 1", 1), [Mon]);
        assert_eq!(weekdays_of("0 9 * * 0", 1), [Sun]);
        assert_eq!(weekdays_of("0 9 * * 7", 1), [Sun]);
        assert_eq!(weekdays_of("0 9 * * 1-5", 5), [Mon, Tue, Wed, Thu, Fri]);
        assert_eq!(weekdays_of("0 9 * * 5-7", 3), [Sun, Fri, Sat]);
        assert_eq!(weekdays_of("0 9 * * */2", 4), [Sun, Tue, Thu, Sat]);
        assert_eq!(weekdays_of("0 9 * * 1-5/2", 3), [Mon, Wed, Fri]);
        assert_eq!(weekdays_of("0 9 * * mon-fri", 5), [Mon, Tue, Wed, Thu, Fri]);
        assert_eq!(weekdays_of("0 9 * * MON,3", 2), [Mon, Wed]);
        assert_eq!(weekdays_of("0 9 * * sat-sun", 2), [Sun, Sat]);
        assert_eq!(weekdays_of("0 9 * * fri-sun", 3), [Sun, Fri, Sat]);
        assert_eq!(weekdays_of("0 9 * * mon-sun", 7).len(), 7);
        assert_eq!(expr("0 9 * * sun-sun").as_str(), "0 0 9 * * Sun");
        assert_eq!(expr("0 9 * * 1/2").as_str(), "0 0 9 * * Mon,Wed,Fri,Sun");
        assert!(matches!(
            CronExpr::parse("0 9 * * 5-0"),
            Err(CronError::BackwardsRange { .. })
        ));
        assert_eq!(expr("0 9 * * 1").as_str(), "0 0 9 * * Mon");
        assert_eq!(expr("0 9 * * 1-5").as_str(), "0 0 9 * * Mon-Fri");
        assert_eq!(expr("0 9 * * 5-7").as_str(), "0 0 9 * * Fri,Sat,Sun");
        assert_eq!(expr("0 9 * * */2").as_str(), "0 0 9 * * Tue,Thu,Sat,Sun");
        assert_eq!(expr("0 9 * * 0-7").as_str(), "0 0 9 * * *");
        assert_eq!(expr("0 9 * * ?").as_str(), "0 0 9 * * *");
        assert_eq!(expr("30 7 * * mon-fri").as_str(), "0 30 7 * * Mon-Fri");
        assert_eq!(
            next(
                "30 7 * * mon-fri",
                chrono_tz::UTC,
                "2026-11-28T00:00:00Z",
                1
            ),
            utcs(&["2026-11-30T07:30:00Z"])
        );
    }

    #[test]
    fn five_field_is_the_six_field_form_with_zero_seconds() {
        assert_eq!(expr("0 20 * * *").as_str(), expr("0 0 20 * * *").as_str());
        assert_eq!(expr("  0   20 * * *\t").as_str(), "0 0 20 * * *");
        assert_eq!(expr("0 20 * * *").plain(), expr("0 0 20 * * *").plain());
        assert_eq!(expr("*/15 9-17 1,15 * *").as_str(), "0 */15 9-17 1,15 * *");
    }

    #[test]
    fn six_field_form_is_the_crate_form_as_is() {
        // Quartz-style numbers: 1 is Sunday.
        let e = expr("0 0 9 * * 1");
        assert_eq!(e.as_str(), "0 0 9 * * 1");
        assert_eq!(
            next_n(&e, chrono_tz::UTC, utc("2026-11-28T00:00:00Z"), 1),
            utcs(&["2026-11-29T09:00:00Z"])
        );
        assert_eq!(
            expr("0 0 9 * * Mon-Fri 2026").as_str(),
            "0 0 9 * * Mon-Fri 2026"
        );
        assert_eq!(expr("@daily").as_str(), "0 0 0 * * *");
        assert_eq!(
            expr("@weekly").plain(),
            Some(PlainSchedule {
                days: [false, false, false, false, false, false, true],
                times: vec![lt(0, 0)],
            })
        );
    }

    #[test]
    fn refusals_name_the_bad_part() {
        let err = |s: &str| CronExpr::parse(s).unwrap_err();
        assert_eq!(err("0 9 1 * 1"), CronError::BothDaysRestricted);
        assert_eq!(err("0 0 9 1 * Mon"), CronError::BothDaysRestricted);
        assert_eq!(err("0 9 1 * 0-7"), CronError::BothDaysRestricted);
        assert_eq!(
            err("0 9 1 * 1").to_string(),
            "both day-of-month and day-of-week are restricted, and cron dialects disagree on \
             what that means: restrict only one"
        );
        assert_eq!(
            err("0 9 * * 8").to_string(),
            "the day-of-week field “8” is not a day (use 0-7 or mon-sun)"
        );
        assert_eq!(
            err("61 9 * * *").to_string(),
            "the minute field “61” is not a minute (use 0-59)"
        );
        assert_eq!(
            err("a b c d e").to_string(),
            "the minute field “a” is not a minute (use 0-59)"
        );
        assert_eq!(err(""), CronError::Empty);
        assert_eq!(err("  \n "), CronError::Empty);
        assert_eq!(
            err("0 9 *").to_string(),
            "expected 5 fields (minute hour day month weekday) or 6-7 with seconds, got 3"
        );
        assert_eq!(err("1 2 3 4 5 6 7 8"), CronError::FieldCount(8));
        assert_eq!(err(&"0 ".repeat(250)), CronError::TooLong);
        assert_eq!(
            err(&"x".repeat(500)).to_string(),
            "the expression is too long"
        );
        assert_eq!(
            err("0 0 9 * * 0").to_string(),
            "the day-of-week field “0” is not a day (use 1-7 where 1 is Sunday, or sun-sat)"
        );
        assert_eq!(
            err("0 25 * * *").to_string(),
            "the hour field “25” is not an hour (use 0-23)"
        );
        assert_eq!(
            err("0 9 * 13 *").to_string(),
            "the month field “13” is not a month (use 1-12 or jan-dec)"
        );
        assert_eq!(
            err("0 9 32 * *").to_string(),
            "the day-of-month field “32” is not a day of the month (use 1-31)"
        );
        assert_eq!(
            err("0 9 * * funday").to_string(),
            "the day-of-week field “funday” is not a day (use 0-7 or mon-sun)"
        );
        assert_eq!(
            err("0 9 * * 1,,2").to_string(),
            "the day-of-week field “1,,2” is not a day (use 0-7 or mon-sun)"
        );
        assert_eq!(
            err("0 17-9 * * *").to_string(),
            "the hour field “17-9” is a range that runs backwards: put the smaller end first"
        );
        assert_eq!(
            err("*/0 9 * * *").to_string(),
            "the minute field “*/0” has a step that is not between 1 and 59"
        );
        assert_eq!(
            err("0 9 * * 1-5/9").to_string(),
            "the day-of-week field “1-5/9” has a step that is not between 1 and 7"
        );
        assert!(matches!(
            err("0 ? 9 * * *"),
            CronError::BadValue {
                field: CronField::Minute,
                ..
            }
        ));
        assert!(matches!(err("0 0 9 L * *"), CronError::BadValue { .. }));
        assert!(matches!(err("0 0 9 * * 5#3"), CronError::BadValue { .. }));
        assert!(matches!(
            err("0 0 9 * * * 1969"),
            CronError::BadValue {
                field: CronField::Year,
                ..
            }
        ));
        assert!(matches!(
            err("0 9 * * 99999999999999"),
            CronError::BadValue { .. }
        ));
        assert!(matches!(err("０ 9 * * *"), CronError::BadValue { .. }));
        // The crate's own grammar refuses a named point with a step (its message would only
        // repeat the expression): said plainly. The classic form expands it instead.
        assert_eq!(
            err("0 0 9 * * mon/2").to_string(),
            "the day-of-week field “mon/2” puts a step after a single name: use a range before \
             the step instead"
        );
        assert!(matches!(
            err("0 0 9 * jan/2 *"),
            CronError::NamedStep {
                field: CronField::Month,
                ..
            }
        ));
        assert_eq!(expr("0 9 * * mon/2").as_str(), "0 0 9 * * Mon,Wed,Fri,Sun");
        assert!(err("@fortnightly").to_string().contains("got 1"));
    }

    #[test]
    fn at_on_days_and_daily_at() {
        use Weekday::*;
        assert_eq!(CronExpr::daily_at(lt(20, 0)).as_str(), "0 0 20 * * *");
        assert_eq!(CronExpr::daily_at(lt(7, 5)).as_str(), "0 5 7 * * *");
        assert_eq!(
            CronExpr::at_on_days(lt(7, 30), &[Mon, Tue, Wed, Thu, Fri]).as_str(),
            "0 30 7 * * Mon-Fri"
        );
        assert_eq!(
            CronExpr::at_on_days(lt(10, 0), &[Sun, Sat, Sat]).as_str(),
            "0 0 10 * * Sat,Sun"
        );
        assert_eq!(
            CronExpr::at_on_days(lt(18, 15), &[Fri, Mon, Wed]).as_str(),
            "0 15 18 * * Mon,Wed,Fri"
        );
        assert_eq!(
            CronExpr::at_on_days(lt(9, 0), &[Mon, Tue, Wed, Thu, Fri, Sat, Sun]).as_str(),
            "0 0 9 * * *"
        );
        // What is stored parses back to the same schedule.
        let e = CronExpr::at_on_days(lt(18, 15), &[Fri, Sat, Sun, Mon]);
        assert_eq!(expr(e.as_str()).as_str(), e.as_str());
        assert_eq!(
            next_n(&e, chrono_tz::UTC, utc("2026-11-26T00:00:00Z"), 4)
                .iter()
                .map(|t| t.weekday())
                .collect::<Vec<_>>(),
            [Fri, Sat, Sun, Mon]
        );
    }

    #[test]
    fn parse_days_good_inputs() {
        use Weekday::*;
        assert_eq!(
            parse_days("daily").unwrap(),
            [Mon, Tue, Wed, Thu, Fri, Sat, Sun]
        );
        assert_eq!(parse_days(" Weekdays ").unwrap(), [Mon, Tue, Wed, Thu, Fri]);
        assert_eq!(parse_days("WEEKENDS").unwrap(), [Sat, Sun]);
        assert_eq!(parse_days("mon,wed,fri").unwrap(), [Mon, Wed, Fri]);
        assert_eq!(parse_days("Mon Wed Fri").unwrap(), [Mon, Wed, Fri]);
        assert_eq!(parse_days("monday, friday").unwrap(), [Mon, Fri]);
        assert_eq!(parse_days("fri, mon, FRI,friday").unwrap(), [Mon, Fri]);
        assert_eq!(parse_days("tuesday and thursday").unwrap(), [Tue, Thu]);
        assert_eq!(parse_days("every day").unwrap().len(), 7);
        assert_eq!(parse_days("weekends, wed").unwrap(), [Wed, Sat, Sun]);
    }

    #[test]
    fn parse_days_hostile_inputs() {
        assert_eq!(parse_days(""), Err(CronError::NoDays));
        assert_eq!(parse_days(" , ,"), Err(CronError::NoDays));
        assert_eq!(
            parse_days("mon,funday").unwrap_err().to_string(),
            "“funday” is not a day of the week (use daily, weekdays, weekends or names like \
             mon,wed,fri)"
        );
        assert_eq!(parse_days(&"a".repeat(5000)), Err(CronError::DaysTooLong));
        assert_eq!(
            parse_days(&"mon,".repeat(1250)),
            Err(CronError::DaysTooLong)
        );
        assert_eq!(parse_days("mo"), Err(CronError::UnknownDay("mo".into())));
        assert_eq!(parse_days("1,2"), Err(CronError::UnknownDay("1".into())));
        assert_eq!(
            parse_days("m\u{200b}on"),
            Err(CronError::UnknownDay("m\u{200b}on".into()))
        );
        match parse_days(&format!("{} mon", "x".repeat(150))) {
            Err(CronError::UnknownDay(part)) => assert!(part.chars().count() <= ECHO_CHARS),
            other => panic!("{other:?}"),
        }
    }

    // --- check_min_interval ------------------------------------------------------------------

    #[test]
    fn min_interval_daily_is_fine() {
        let from = utc("2026-01-01T00:00:00Z");
        assert_eq!(
            check_min_interval(&expr("0 0 20 * * *"), New_York, from, 3600),
            Ok(())
        );
        assert_eq!(
            check_min_interval(&expr("0 0 20 * * *"), Lord_Howe, from, 3600),
            Ok(())
        );
    }

    #[test]
    fn min_interval_refuses_too_close() {
        let from = utc("2026-01-01T00:00:00Z");
        let e = check_min_interval(&expr("0 */30 * * * *"), New_York, from, 3600).unwrap_err();
        assert_eq!(
            e,
            IntervalError::TooClose {
                gap_secs: 1800,
                min_secs: 3600,
                first: utc("2026-01-01T00:30:00Z"),
                second: utc("2026-01-01T01:00:00Z"),
            }
        );
        assert!(e
            .to_string()
            .starts_with("two nudges would come only 30 minutes apart ("));
        assert!(e.to_string().ends_with("; the minimum is 1 hour"));
        assert!(matches!(
            check_min_interval(&expr("* * * * * *"), New_York, from, 3600),
            Err(IntervalError::TooClose { .. })
        ));
    }

    #[test]
    fn a_schedule_restricted_to_a_later_year_is_checked_where_it_fires() {
        // Submitted in the one second whose 366-day window ends exactly at its first instant:
        // it used to pass and then fire every second from 2028 on.
        let from = utc("2026-12-31T00:00:00Z");
        let every_second = expr("* * * * * * 2028");
        assert!(matches!(
            check_min_interval(&every_second, chrono_tz::UTC, from, 3600),
            Err(IntervalError::TooClose { gap_secs: 1, .. })
        ));
        let hourly_later = expr("0 0 * * * * 2028");
        assert!(matches!(
            check_min_interval(&hourly_later, chrono_tz::UTC, from, 7200),
            Err(IntervalError::TooClose { gap_secs: 3600, .. })
        ));
        assert_eq!(
            check_min_interval(&expr("0 0 0 * * * 2028"), chrono_tz::UTC, from, 3600),
            Ok(())
        );
    }

    #[test]
    fn at_most_so_many_nudges_on_one_couple_day() {
        let from = utc("2026-01-01T00:00:00Z");
        let limits = Limits {
            min_interval_secs: 3600,
            max_per_day: 2,
        };
        let four_am = lt(4, 0);
        assert_eq!(
            check_schedule(&expr("0 0 8,20 * * *"), Berlin, four_am, from, limits),
            Ok(())
        );
        assert!(matches!(
            check_schedule(&expr("0 0 8,14,20 * * *"), Berlin, four_am, from, limits),
            Err(IntervalError::TooManyInADay { max: 2, .. })
        ));
        // 02:00 belongs to the couple-day before (days start at 04:00): 20:00, 23:00 and the
        // next 02:00 are three on one couple-day.
        assert!(matches!(
            check_schedule(&expr("0 0 2,20,23 * * *"), Berlin, four_am, from, limits),
            Err(IntervalError::TooManyInADay { max: 2, .. })
        ));
        // Hourly is refused by the cap even where the interval allows it.
        assert!(matches!(
            check_schedule(&expr("0 0 * * * *"), Berlin, four_am, from, limits),
            Err(IntervalError::TooManyInADay { .. })
        ));
    }

    #[test]
    fn min_interval_never_fires() {
        let from = utc("2026-01-01T00:00:00Z");
        assert_eq!(
            check_min_interval(&expr("0 0 0 30 2 *"), New_York, from, 3600),
            Err(IntervalError::NeverFires)
        );
        // 29 February is more than a year away from March 2026.
        assert_eq!(
            check_min_interval(
                &expr("0 0 0 29 2 *"),
                New_York,
                utc("2026-03-01T00:00:00Z"),
                3600
            ),
            Err(IntervalError::NeverFires)
        );
        assert_eq!(
            check_min_interval(
                &expr("0 0 0 29 2 *"),
                New_York,
                utc("2027-03-01T00:00:00Z"),
                3600
            ),
            Ok(())
        );
        assert_eq!(
            check_min_interval(&expr("0 0 9 * * * 2020"), New_York, from, 3600),
            Err(IntervalError::NeverFires)
        );
    }

    #[test]
    fn min_interval_across_fall_back() {
        let e = expr("0 0 1,2 * * *");
        // 01:00 EDT, then 02:00 EST: the second 01:00 never fires, so the gap is 2 hours.
        assert_eq!(
            next_n(&e, New_York, utc("2026-10-31T12:00:00Z"), 4),
            utcs(&[
                "2026-11-01T05:00:00Z",
                "2026-11-01T07:00:00Z",
                "2026-11-02T06:00:00Z",
                "2026-11-02T07:00:00Z",
            ])
        );
        // Spring forward: 01:00 EST, then 02:00 (missing) at the 03:00 EDT transition: 1 hour.
        assert_eq!(
            next_n(&e, New_York, utc("2026-03-07T12:00:00Z"), 2),
            utcs(&["2026-03-08T06:00:00Z", "2026-03-08T07:00:00Z"])
        );
        assert_eq!(
            check_min_interval(&e, New_York, utc("2026-01-01T00:00:00Z"), 3600),
            Ok(())
        );
        assert!(matches!(
            check_min_interval(&e, New_York, utc("2026-01-01T00:00:00Z"), 3601),
            Err(IntervalError::TooClose { .. })
        ));
    }

    #[test]
    fn min_interval_spring_forward_coincidence_is_fine() {
        let from = utc("2026-01-01T00:00:00Z");
        // 02:00 is missing on 03-08 and lands on 07:00Z, with 03:00 EDT: fired once, no 0 s gap.
        let e = expr("0 0 2,3 * * *");
        assert_eq!(
            next_n(&e, New_York, utc("2026-03-07T12:00:00Z"), 3),
            utcs(&[
                "2026-03-08T07:00:00Z",
                "2026-03-09T06:00:00Z",
                "2026-03-09T07:00:00Z",
            ])
        );
        assert_eq!(check_min_interval(&e, New_York, from, 3600), Ok(()));
        // 02:00, 02:30 and 03:00 coincide; then 03:30 follows 30 minutes later as every day.
        assert_eq!(
            check_min_interval(&expr("0 0,30 2,3 * * *"), New_York, from, 1800),
            Ok(())
        );
        // But the rule does bring 02:30 and 03:30 within 30 minutes of each other that day.
        assert_eq!(
            check_min_interval(&expr("0 30 2,3 * * *"), New_York, from, 3600),
            Err(IntervalError::TooClose {
                gap_secs: 1800,
                min_secs: 3600,
                first: utc("2026-03-08T07:00:00Z"),
                second: utc("2026-03-08T07:30:00Z"),
            })
        );
    }

    // --- Properties ----------------------------------------------------------------------------

    mod props {
        use super::*;
        use proptest::prelude::*;

        const ZONES: [Tz; 7] = [
            chrono_tz::America::New_York,
            chrono_tz::Europe::Berlin,
            chrono_tz::Australia::Lord_Howe,
            chrono_tz::Asia::Kolkata,
            chrono_tz::America::Sao_Paulo,
            chrono_tz::Pacific::Apia,
            chrono_tz::UTC,
        ];

        fn minute_field() -> impl Strategy<Value = String> {
            prop_oneof![
                (0u32..60).prop_map(|m| m.to_string()),
                (0u32..30, 30u32..60).prop_map(|(a, b)| format!("{a},{b}")),
                prop::sample::select(vec![5u32, 10, 15, 20, 30]).prop_map(|s| format!("*/{s}")),
                (0u32..30, 30u32..60, 1u32..20).prop_map(|(a, b, s)| format!("{a}-{b}/{s}")),
            ]
        }

        fn hour_field() -> impl Strategy<Value = String> {
            prop_oneof![
                (0u32..24).prop_map(|h| h.to_string()),
                // Hours around the usual transition times, often.
                (0u32..4).prop_map(|h| h.to_string()),
                (0u32..12, 12u32..24).prop_map(|(a, b)| format!("{a},{b}")),
                (1u32..7).prop_map(|s| format!("*/{s}")),
                Just("*".to_owned()),
                (0u32..4, 1u32..5).prop_map(|(a, n)| format!("{a}-{}", a + n)),
            ]
        }

        fn day_field() -> impl Strategy<Value = &'static str> {
            prop_oneof![4 => Just("*"), 1 => Just("Mon-Fri"), 1 => Just("Sat,Sun")]
        }

        /// The first instant after `t` at which the zone's offset changes, within a year.
        fn next_transition(tz: Tz, t: DateTime<Utc>) -> Option<DateTime<Utc>> {
            let offset = |t: DateTime<Utc>| {
                let l = t.with_timezone(&tz).naive_local();
                (l - t.naive_utc()).num_seconds()
            };
            let start = offset(t);
            let mut prev = t;
            for h in 1..=(366 * 24) {
                let cur = t + Duration::hours(h);
                if offset(cur) != start {
                    let (mut lo, mut hi) = (prev.timestamp(), cur.timestamp());
                    while hi - lo > 1 {
                        let mid = lo + (hi - lo) / 2;
                        if offset(DateTime::from_timestamp(mid, 0).unwrap()) != start {
                            hi = mid;
                        } else {
                            lo = mid;
                        }
                    }
                    return DateTime::from_timestamp(hi, 0);
                }
                prev = cur;
            }
            None
        }

        /// The rule applied directly to instants, minute by minute (independent of the naive-time
        /// method): an instant fires when its wall time matches and this is that wall time's
        /// first occurrence, or when it ends a gap that a matching wall time fell into.
        fn reference(
            s: &Schedule,
            tz: Tz,
            after: DateTime<Utc>,
            until: DateTime<Utc>,
        ) -> Vec<DateTime<Utc>> {
            let wall = |t: DateTime<Utc>| t.with_timezone(&tz).naive_local();
            let as_utc = |n: NaiveDateTime| Utc.from_utc_datetime(&n);
            let mut out = Vec::new();
            let first = after.timestamp().div_euclid(60) * 60 + 60;
            let mut t = DateTime::from_timestamp(first, 0).unwrap();
            while t <= until {
                let l = wall(t);
                let first_occurrence =
                    tz.from_local_datetime(&l).earliest() == Some(t.with_timezone(&tz));
                let mut fires = first_occurrence && s.includes(as_utc(l));
                let before = wall(t - Duration::minutes(1)) + Duration::minutes(1);
                if !fires && before < l {
                    // A gap [before, l) ends at t.
                    let mut m = before;
                    while m < l && !fires {
                        fires = s.includes(as_utc(m));
                        m += Duration::minutes(1);
                    }
                }
                if fires {
                    out.push(t);
                }
                t += Duration::minutes(1);
            }
            out
        }

        proptest! {
            #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

            #[test]
            fn occurrences_follow_the_rule(
                minute in minute_field(),
                hour in hour_field(),
                days in day_field(),
                zone in 0usize..ZONES.len(),
                start_secs in 1_577_836_800i64..1_924_991_999, // 2020-01-01 .. 2030-12-31
                near_transition in any::<bool>(),
                lead_secs in 0i64..(48 * 3600),
            ) {
                let tz = ZONES[zone];
                let e = CronExpr::parse(&format!("0 {minute} {hour} * * {days}")).unwrap();
                let mut start = DateTime::from_timestamp(start_secs, 0).unwrap();
                if near_transition {
                    if let Some(tr) = next_transition(tz, start) {
                        start = tr - Duration::seconds(lead_secs);
                    }
                }
                let got = next_n(&e, tz, start, 50);
                prop_assert_eq!(got.len(), 50);
                prop_assert!(got[0] > start);
                prop_assert!(got.windows(2).all(|w| w[0] < w[1]), "not increasing: {:?}", got);

                let s = &e.schedule;
                for &t in &got {
                    let l = t.with_timezone(&tz).naive_local();
                    if s.includes(Utc.from_utc_datetime(&l)) {
                        // A matching wall time fires at its first occurrence only.
                        prop_assert_eq!(
                            tz.from_local_datetime(&l).earliest().map(|x| x.with_timezone(&Utc)),
                            Some(t)
                        );
                    } else {
                        // Otherwise t ends a gap that a matching wall time fell into.
                        let before = (t - Duration::seconds(1)).with_timezone(&tz).naive_local()
                            + Duration::seconds(1);
                        prop_assert!(before < l, "{} is neither a match nor a gap end", t);
                        let gap_match = s
                            .after(&Utc.from_utc_datetime(&(before - Duration::seconds(1))))
                            .next()
                            .map(|m| m.naive_utc());
                        prop_assert!(gap_match.is_some_and(|m| m < l), "{} ends an empty gap", t);
                    }
                }
                // No wall time fires twice.
                let mut walls: Vec<NaiveDateTime> =
                    got.iter().map(|t| t.with_timezone(&tz).naive_local()).collect();
                walls.sort();
                prop_assert!(walls.windows(2).all(|w| w[0] != w[1]));

                // The same as the rule applied instant by instant, over the first 8 days.
                let until = start + Duration::days(8);
                let expected = reference(s, tz, start, until);
                let within: Vec<_> = got.iter().copied().filter(|t| *t <= until).collect();
                if within.len() < got.len() {
                    prop_assert_eq!(within, expected);
                } else {
                    prop_assert_eq!(&within[..], &expected[..within.len()]);
                }
            }
        }
    }
}
