//! Streaks: the couple's and each partner's current and longest runs, freezes, milestones and the
//! per-day states behind the heatmap, computed from one record per couple-day (PRODUCT.md §5).
//!
//! Pure: "today" is a parameter and nothing here reads a clock, a database or Discord.
//!
//! # The rules as implemented
//!
//! Days are walked oldest to newest, from the first record to `today` (days after `today` are
//! ignored). A date with no record is *neutral* (not required, nobody checked in): that is what a
//! time-zone change that skips a date leaves behind. Several records for one date (a time-zone
//! change that repeats a date) are merged into one day: required if any is, checked in (per
//! partner) if any is.
//!
//! * A day **counts** for the couple when both partners checked in, whatever else is true of it:
//!   a counted day always adds one to the run, even when it was not required or was paused.
//! * A day that is **required** (at least one nudge scheduled, not skipped, not paused), that is
//!   before `today` and that did not count is *missed*: it spends a freeze if one is held (the
//!   day is [`DayState::Frozen`]; the run goes on without growing), otherwise it **breaks** the
//!   run ([`DayState::Missed`], or [`DayState::One`] when one partner checked in).
//! * `today`, required and not (yet) counted, is [`DayState::Pending`]: it never breaks the run.
//! * Any other day (not required, or paused, and not counted) is [`DayState::Neutral`].
//!
//! Decisions where PRODUCT.md leaves room:
//!
//! * **Paused days** never break a run, but a paused day on which both partners checked in still
//!   counts, like any other non-required day: the couple did the habit, so it is not taken from
//!   them. A record that says both `required` and `paused` is treated as paused.
//! * **Freezes** are earned each time the run's count of counted days reaches a multiple of
//!   [`FREEZE_EVERY`] (7, 14, 21, ...) while fewer than [`MAX_FREEZES`] are held. A multiple
//!   reached while the cap is held earns nothing and is not banked for later. Frozen days do not
//!   add to the count, and do not reset it either.
//! * **A break loses everything of the run**: its count, the progress towards the next freeze,
//!   the freezes held (a break only happens with none held, so in practice none are lost), the
//!   frozen days and the milestones. The next counted day starts a new run.
//! * **Individual streaks** follow the same rule over one partner's own check-ins, without
//!   freezes: a required past day that partner did not check in on breaks their run.
//! * **Milestones** belong to a run. A run is identified by [`Streaks::run_start`], its first
//!   counted day, so a caller keeps the milestones it announced together with the run start and
//!   forgets them when the run start changes; [`Streaks::newly_reached`] then says what is left
//!   to announce.
//!
//! Cost: sorting the records (O(n log n)) and one pass over the days from the first record to
//! `today` (the `days` vector is as long as that span).

use chrono::NaiveDate;

/// Lengths of run, in counted days, that are celebrated (once per run).
pub const MILESTONES: [u32; 8] = [3, 7, 14, 30, 50, 100, 200, 365];
/// A freeze is earned each time a run's count of counted days reaches a multiple of this.
pub const FREEZE_EVERY: u32 = 7;
/// At most this many freezes are held; none is earned while this many are held.
pub const MAX_FREEZES: u8 = 2;

/// What is known of one couple-day (the date is the couple-day's date, mapped elsewhere).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayRecord {
    pub date: NaiveDate,
    /// At least one nudge was scheduled for the day and it was neither skipped nor paused.
    pub required: bool,
    /// The couple had paused haven on that day (the day is then not required).
    pub paused: bool,
    /// Whether each partner checked in on that day.
    pub checked_in: [bool; 2],
}

/// How one day stands, for the heatmap and the kind notices.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayState {
    /// Both partners checked in: the day adds to the couple's run.
    Counted,
    /// Required and past, one partner checked in, no freeze left: the couple's run broke here.
    One,
    /// Required and past, nobody checked in, no freeze left: the couple's run broke here.
    Missed,
    /// Required and past, not counted, and a freeze was spent: the run went on without growing.
    Frozen,
    /// Not required (or paused) and not counted: neither breaks nor adds.
    Neutral,
    /// Today, required, not (yet) counted: the day is still open.
    Pending,
}

/// Totals over the whole history up to today.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Totals {
    /// Days on which both partners checked in.
    pub counted_days: u32,
    /// Days on which each partner checked in.
    pub check_ins: [u32; 2],
}

/// Everything `/streak` and the milestone and freeze notices need.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Streaks {
    /// Counted days in the couple's current run.
    pub current: u32,
    /// The longest couple run ever (including the current one).
    pub longest: u32,
    /// Each partner's current run of own check-ins.
    pub individual_current: [u32; 2],
    /// Each partner's longest run ever.
    pub individual_longest: [u32; 2],
    /// Freezes held now (at most [`MAX_FREEZES`]).
    pub freezes_held: u8,
    /// Days a freeze was spent on, in the current run (for a kind notice and the heatmap).
    pub frozen: Vec<NaiveDate>,
    /// Milestones of the current run and the date each was reached, in increasing order.
    pub milestones: Vec<(u32, NaiveDate)>,
    /// The first counted day of the current run (`None` when `current` is 0): a change of this
    /// date means a new run, whose milestones are to be announced afresh.
    pub run_start: Option<NaiveDate>,
    /// The state of every day from the first record to today (for the heatmap), oldest first.
    pub days: Vec<(NaiveDate, DayState)>,
    pub totals: Totals,
}

impl Streaks {
    /// The milestones of the current run not in `announced` (those already announced for this
    /// run, i.e. for this [`Streaks::run_start`]), in increasing order.
    pub fn newly_reached(&self, announced: &[u32]) -> Vec<u32> {
        self.milestones
            .iter()
            .map(|&(m, _)| m)
            .filter(|m| !announced.contains(m))
            .collect()
    }
}

/// One day after merging its records: only what the rules look at.
#[derive(Debug, Clone, Copy)]
struct Day {
    date: NaiveDate,
    required: bool,
    checked_in: [bool; 2],
}

impl Day {
    fn from_record(r: &DayRecord) -> Self {
        Day {
            date: r.date,
            required: r.required && !r.paused,
            checked_in: r.checked_in,
        }
    }

    fn merge(&mut self, other: Day) {
        self.required |= other.required;
        self.checked_in[0] |= other.checked_in[0];
        self.checked_in[1] |= other.checked_in[1];
    }
}

/// The records up to `today`, one per date, oldest first.
fn merged(records: &[DayRecord], today: NaiveDate) -> Vec<Day> {
    let mut days: Vec<Day> = records
        .iter()
        .filter(|r| r.date <= today)
        .map(Day::from_record)
        .collect();
    days.sort_unstable_by_key(|d| d.date);
    let mut out: Vec<Day> = Vec::with_capacity(days.len());
    for d in days {
        match out.last_mut() {
            Some(last) if last.date == d.date => last.merge(d),
            _ => out.push(d),
        }
    }
    out
}

/// A current and a longest run of counted days.
#[derive(Debug, Default)]
struct Run {
    current: u32,
    longest: u32,
}

impl Run {
    fn add(&mut self) {
        self.current += 1;
        self.longest = self.longest.max(self.current);
    }
}

/// The couple's run and what belongs to it.
#[derive(Debug, Default)]
struct CoupleRun {
    run: Run,
    freezes: u8,
    frozen: Vec<NaiveDate>,
    milestones: Vec<(u32, NaiveDate)>,
    start: Option<NaiveDate>,
}

impl CoupleRun {
    fn count(&mut self, date: NaiveDate) {
        self.run.add();
        let n = self.run.current;
        self.start.get_or_insert(date);
        if MILESTONES.contains(&n) {
            self.milestones.push((n, date));
        }
        if n % FREEZE_EVERY == 0 && self.freezes < MAX_FREEZES {
            self.freezes += 1;
        }
    }

    /// A missed required day: spend a freeze if one is held (true), else break the run (false).
    fn miss(&mut self, date: NaiveDate) -> bool {
        if self.freezes > 0 {
            self.freezes -= 1;
            self.frozen.push(date);
            true
        } else {
            self.run.current = 0;
            self.frozen.clear();
            self.milestones.clear();
            self.start = None;
            false
        }
    }
}

/// Streaks as of `today` (the couple-day of now), from `records` in any order, possibly with
/// duplicates (merged) and gaps (neutral days). Records after `today` are ignored.
pub fn compute(records: &[DayRecord], today: NaiveDate) -> Streaks {
    let merged = merged(records, today);
    let Some(first) = merged.first() else {
        return Streaks::default();
    };
    let span = usize::try_from((today - first.date).num_days()).unwrap_or(0) + 1;
    let mut states = Vec::with_capacity(span);
    let mut couple = CoupleRun::default();
    let mut individual: [Run; 2] = Default::default();
    let mut totals = Totals::default();
    let mut next = merged.iter().peekable();
    let mut date = first.date;
    loop {
        let day = next.next_if(|d| d.date == date).copied().unwrap_or(Day {
            date,
            required: false,
            checked_in: [false; 2],
        });
        let past = date < today;
        let [a, b] = day.checked_in;
        let state = if a && b {
            couple.count(date);
            DayState::Counted
        } else if day.required && past {
            if couple.miss(date) {
                DayState::Frozen
            } else if a || b {
                DayState::One
            } else {
                DayState::Missed
            }
        } else if day.required {
            DayState::Pending
        } else {
            DayState::Neutral
        };
        states.push((date, state));
        if a && b {
            totals.counted_days += 1;
        }
        for (i, run) in individual.iter_mut().enumerate() {
            if day.checked_in[i] {
                totals.check_ins[i] += 1;
                run.add();
            } else if day.required && past {
                run.current = 0;
            }
        }
        if date >= today {
            break;
        }
        match date.succ_opt() {
            Some(d) => date = d,
            None => break,
        }
    }
    Streaks {
        current: couple.run.current,
        longest: couple.run.longest,
        individual_current: [individual[0].current, individual[1].current],
        individual_longest: [individual[0].longest, individual[1].longest],
        freezes_held: couple.freezes,
        frozen: couple.frozen,
        milestones: couple.milestones,
        run_start: couple.start,
        days: states,
        totals,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Datelike, Days, Weekday};

    /// A Sunday.
    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, 3, 10).unwrap()
    }

    fn date(days_before_today: u64) -> NaiveDate {
        today() - Days::new(days_before_today)
    }

    fn rec(date: NaiveDate, required: bool, paused: bool, checked_in: [bool; 2]) -> DayRecord {
        DayRecord {
            date,
            required,
            paused,
            checked_in,
        }
    }

    /// Records from a pattern whose last day is `today()`; spaces are ignored.
    ///
    /// Required days: `B` both checked in, `a` / `b` only partner 0 / 1, `.` nobody.
    /// Not required: `X` both, `y` only partner 0, `x` nobody. Paused: `P` both, `p` nobody.
    /// `-` is a date without any record (a date a time-zone change skipped).
    fn days(pattern: &str) -> Vec<DayRecord> {
        let chars: Vec<char> = pattern.chars().filter(|c| *c != ' ').collect();
        let n = chars.len() as u64;
        chars
            .iter()
            .enumerate()
            .filter_map(|(i, c)| {
                let d = date(n - 1 - i as u64);
                let (required, paused, checked_in) = match c {
                    'B' => (true, false, [true, true]),
                    'a' => (true, false, [true, false]),
                    'b' => (true, false, [false, true]),
                    '.' => (true, false, [false, false]),
                    'X' => (false, false, [true, true]),
                    'y' => (false, false, [true, false]),
                    'x' => (false, false, [false, false]),
                    'P' => (false, true, [true, true]),
                    'p' => (false, true, [false, false]),
                    '-' => return None,
                    other => panic!("unknown day {other:?}"),
                };
                Some(rec(d, required, paused, checked_in))
            })
            .collect()
    }

    fn run(pattern: &str) -> Streaks {
        compute(&days(pattern), today())
    }

    /// The day states as a pattern: `B` counted, `1` one (broken), `.` missed, `*` frozen,
    /// `x` neutral, `?` pending.
    fn states(s: &Streaks) -> String {
        s.days
            .iter()
            .map(|(_, st)| match st {
                DayState::Counted => 'B',
                DayState::One => '1',
                DayState::Missed => '.',
                DayState::Frozen => '*',
                DayState::Neutral => 'x',
                DayState::Pending => '?',
            })
            .collect()
    }

    fn b(n: usize) -> String {
        "B".repeat(n)
    }

    #[test]
    fn empty_history() {
        assert_eq!(compute(&[], today()), Streaks::default());
        let s = run("");
        assert_eq!(s.current, 0);
        assert!(s.days.is_empty());
        // Only records after today: nothing happened yet.
        let later = [rec(today() + Days::new(1), true, false, [true, true])];
        assert_eq!(compute(&later, today()), Streaks::default());
    }

    #[test]
    fn a_single_counted_day() {
        let s = run("B");
        assert_eq!((s.current, s.longest), (1, 1));
        assert_eq!(s.individual_current, [1, 1]);
        assert_eq!(s.run_start, Some(today()));
        assert_eq!(s.days, vec![(today(), DayState::Counted)]);
    }

    #[test]
    fn today_pending_does_not_break() {
        let s = run("BBB.");
        assert_eq!((s.current, s.longest), (3, 3));
        assert_eq!(states(&s), "BBB?");
        // One partner already checked in today: still pending for the couple, counted for them.
        let s = run("BBBa");
        assert_eq!(s.current, 3);
        assert_eq!(states(&s), "BBB?");
        assert_eq!(s.individual_current, [4, 3]);
        // And today adds once both are in.
        assert_eq!(run("BBBB").current, 4);
    }

    #[test]
    fn yesterday_missed_breaks() {
        let s = run("BBB.x");
        assert_eq!((s.current, s.longest), (0, 3));
        assert_eq!(states(&s), "BBB.x");
        assert_eq!(s.run_start, None);
        assert_eq!(s.individual_current, [0, 0]);
        let s = run("BBB..");
        assert_eq!(s.current, 0);
        assert_eq!(states(&s), "BBB.?");
        let s = run("BBB.B");
        assert_eq!((s.current, s.longest), (1, 3));
        assert_eq!(s.run_start, Some(today()));
    }

    #[test]
    fn one_partner_breaks_the_couple_run_only_for_the_other() {
        let s = run("BBBaB");
        assert_eq!((s.current, s.longest), (1, 3));
        assert_eq!(states(&s), "BBB1B");
        assert_eq!(s.individual_current, [5, 1]);
        assert_eq!(s.individual_longest, [5, 3]);
    }

    #[test]
    fn non_required_days_are_neutral_and_add_when_both_checked_in() {
        let s = run("BBxxBB");
        assert_eq!(s.current, 4);
        assert_eq!(states(&s), "BBxxBB");
        let s = run("BBXXBB");
        assert_eq!(s.current, 6);
        assert_eq!(states(&s), "BBBBBB");
        // One partner on a non-required day: neutral for the couple, adds for that partner.
        let s = run("BByBB");
        assert_eq!(s.current, 4);
        assert_eq!(states(&s), "BBxBB");
        assert_eq!(s.individual_current, [5, 4]);
        // A history of non-required days only.
        let s = run("xxXx");
        assert_eq!((s.current, s.longest), (1, 1));
    }

    #[test]
    fn paused_days_are_neutral_but_count_when_both_checked_in() {
        let s = run("BBpppBB");
        assert_eq!(s.current, 4);
        assert_eq!(states(&s), "BBxxxBB");
        // Decision: a paused day on which both checked in counts, like any non-required day.
        let s = run("BBPPB");
        assert_eq!(s.current, 5);
        assert_eq!(states(&s), "BBBBB");
        // A record marked both required and paused is paused.
        let mut r = days("BBxB");
        r[2] = rec(r[2].date, true, true, [false, false]);
        let s = compute(&r, today());
        assert_eq!(s.current, 3);
        assert_eq!(states(&s), "BBxB");
        assert_eq!(s.individual_current, [3, 3]);
    }

    #[test]
    fn weekday_only_schedule_across_weekends() {
        // Three weeks of a Mon-Fri schedule, built from the calendar, ending on Sunday today.
        assert_eq!(today().weekday(), Weekday::Sun);
        let records: Vec<DayRecord> = (0..21)
            .map(|i| {
                let d = date(20 - i);
                let weekday = !matches!(d.weekday(), Weekday::Sat | Weekday::Sun);
                rec(d, weekday, false, [weekday, weekday])
            })
            .collect();
        let s = compute(&records, today());
        assert_eq!(states(&s), "BBBBBxx BBBBBxx BBBBBxx".replace(' ', ""));
        assert_eq!((s.current, s.longest), (15, 15));
        // Weekend check-ins add; a missed Friday breaks even across the weekend.
        assert_eq!(run("BBBBBXx BBBBBxX").current, 12);
        assert_eq!(run("BBBxx BB.xx").current, 0);
        // ... unless a freeze covers it.
        let s = run("BBBBBxx BBBB.xx");
        assert_eq!((s.current, s.frozen.as_slice()), (9, &[date(2)][..]));
        // Monday today, not yet checked in: Friday's run is intact.
        assert_eq!(run("BBBBBxx .").current, 5);
    }

    #[test]
    fn freezes_earned_at_7_and_14_and_capped_at_2() {
        let s = run(&b(6));
        assert_eq!(s.freezes_held, 0);
        assert_eq!(run(&b(7)).freezes_held, 1);
        assert_eq!(run(&b(13)).freezes_held, 1);
        assert_eq!(run(&b(14)).freezes_held, 2);
        assert_eq!(run(&b(21)).freezes_held, 2);
        assert_eq!(run(&b(100)).freezes_held, 2);
        // Seven counted days with non-required days among them still earn one.
        assert_eq!(run("BBBBBxx BBxXx").freezes_held, 1);
        // Earned on today's counted day; a pending today does not spend one.
        let s = run(&format!("{}.", b(7)));
        assert_eq!((s.current, s.freezes_held), (7, 1));
        assert_eq!(s.frozen, vec![]);
    }

    #[test]
    fn a_freeze_is_spent_on_a_missed_required_day() {
        let s = run(&format!("{}.B", b(7)));
        assert_eq!((s.current, s.longest), (8, 8));
        assert_eq!(s.freezes_held, 0);
        assert_eq!(s.frozen, vec![date(1)]);
        assert_eq!(states(&s), format!("{}*B", b(7)));
        assert_eq!(s.run_start, Some(date(8)));
        // One partner in does not count either: the freeze covers it.
        let s = run(&format!("{}bB", b(7)));
        assert_eq!(states(&s), format!("{}*B", b(7)));
        assert_eq!(s.current, 8);
        // Individual streaks have no freezes.
        assert_eq!(s.individual_current, [1, 9]);
        // Two held, two spent, the run goes on without growing.
        let s = run(&format!("{}..B", b(14)));
        assert_eq!((s.current, s.freezes_held), (15, 0));
        assert_eq!(s.frozen, vec![date(2), date(1)]);
        // Spent freezes are earned again at the next multiple of 7 (frozen days don't add).
        let s = run(&format!("{}.{}", b(7), b(7)));
        assert_eq!((s.current, s.freezes_held), (14, 1));
        // A multiple reached at the cap is not banked: 21 at the cap, 28 earns again.
        let s = run(&format!("{}.{}", b(21), b(6)));
        assert_eq!((s.current, s.freezes_held), (27, 1));
        let s = run(&format!("{}.{}", b(21), b(7)));
        assert_eq!((s.current, s.freezes_held), (28, 2));
    }

    #[test]
    fn the_run_breaks_when_no_freeze_is_left() {
        let s = run(&format!("{}...B", b(14)));
        assert_eq!((s.current, s.longest), (1, 14));
        assert_eq!(states(&s), format!("{}**.B", b(14)));
        assert_eq!(s.frozen, vec![], "frozen days belong to the broken run");
        assert_eq!(s.freezes_held, 0);
        // A freeze spent, then a second miss breaks.
        let s = run(&format!("{}..x", b(7)));
        assert_eq!((s.current, s.freezes_held), (0, 0));
        assert_eq!(states(&s), format!("{}*.x", b(7)));
    }

    #[test]
    fn freezes_and_progress_are_lost_on_a_break() {
        // Progress towards a freeze does not survive a break: 6 + 6 earns nothing.
        let s = run("BBBBBB. BBBBBB");
        assert_eq!((s.current, s.freezes_held), (6, 0));
        // 7 earns one, spent, the next miss breaks; 7 more earn one (not two).
        let s = run(&format!("{}..{}", b(7), b(7)));
        assert_eq!((s.current, s.longest, s.freezes_held), (7, 7, 1));
        assert_eq!(s.frozen, vec![]);
    }

    #[test]
    fn milestones_once_per_run() {
        let s = run("BBB");
        assert_eq!(s.milestones, vec![(3, today())]);
        let s = run(&format!("{}x", b(7)));
        assert_eq!(s.milestones, vec![(3, date(5)), (7, date(1))]);
        // Frozen days do not add: 7 counted days with a frozen one among them.
        let s = run(&format!("{}.BBBBBB", b(7)));
        assert_eq!(s.current, 13);
        assert_eq!(s.milestones, vec![(3, date(11)), (7, date(7))]);
        // Every milestone, on the day it was reached.
        let s = run(&b(400));
        assert_eq!(
            s.milestones.iter().map(|m| m.0).collect::<Vec<_>>(),
            MILESTONES.to_vec()
        );
        assert_eq!(s.milestones[7], (365, date(35)));
        assert_eq!(s.milestones[0], (3, date(397)));
    }

    #[test]
    fn milestones_reset_in_a_new_run() {
        let first = run("BBBB.");
        assert_eq!(first.milestones, vec![(3, date(2))]);
        assert_eq!(first.run_start, Some(date(4)));
        let s = run("BBBB. BB");
        assert_eq!(s.milestones, vec![]);
        assert_eq!(s.run_start, Some(date(1)));
        let s = run("BBBB. xBBB");
        assert_eq!(s.milestones, vec![(3, today())]);
        assert_eq!(
            s.run_start,
            Some(date(2)),
            "a new run, so 3 is announced again"
        );
        assert_eq!(s.newly_reached(&[]), vec![3]);
    }

    #[test]
    fn newly_reached_leaves_out_what_was_announced() {
        let s = run(&b(7));
        assert_eq!(s.newly_reached(&[]), vec![3, 7]);
        assert_eq!(s.newly_reached(&[3]), vec![7]);
        assert_eq!(s.newly_reached(&[3, 7]), Vec::<u32>::new());
        assert_eq!(s.newly_reached(&[7, 3, 14]), Vec::<u32>::new());
        assert_eq!(run("BB").newly_reached(&[]), Vec::<u32>::new());
    }

    #[test]
    fn individual_streaks() {
        let s = run("aabbB");
        assert_eq!(states(&s), "1111B");
        assert_eq!(s.current, 1);
        assert_eq!(s.individual_current, [1, 3]);
        assert_eq!(s.individual_longest, [2, 3]);
        // A partner pending today keeps their run; the other is counted.
        let s = run("BBBb");
        assert_eq!(s.individual_current, [3, 4]);
        // Non-required and paused days are neutral for partners too.
        let s = run("aaxpyaa");
        assert_eq!(s.individual_current, [5, 0]);
        assert_eq!(s.current, 0);
    }

    #[test]
    fn longest_over_several_runs() {
        let s = run("BBB.BBBBB.BB");
        assert_eq!((s.current, s.longest), (2, 5));
        assert_eq!(s.individual_longest, [5, 5]);
        let s = run("BB.BBBB.BBBBBB.x");
        assert_eq!((s.current, s.longest), (0, 6));
        let s = run("BBBB.BBB.");
        assert_eq!((s.current, s.longest), (3, 4));
        // The current run can be the longest.
        let s = run("BB.BBBBB");
        assert_eq!((s.current, s.longest), (5, 5));
    }

    #[test]
    fn duplicates_are_merged() {
        // Each partner's check-in recorded separately: one counted day.
        let r = [
            rec(date(1), true, false, [false, false]),
            rec(today(), true, false, [true, false]),
            rec(today(), false, false, [false, true]),
        ];
        let s = compute(&r, today());
        assert_eq!(states(&s), ".B");
        assert_eq!(s.current, 1);
        assert_eq!(s.totals.counted_days, 1);
        assert_eq!(s.totals.check_ins, [1, 1]);
        // Required if either is.
        let r = [
            rec(date(2), true, false, [true, true]),
            rec(date(1), false, false, [false, false]),
            rec(date(1), true, false, [false, false]),
            rec(today(), false, false, [false, false]),
        ];
        let s = compute(&r, today());
        assert_eq!(states(&s), "B.x");
        assert_eq!(s.current, 0);
        // A paused duplicate does not cancel a required one.
        let r = [
            rec(date(1), true, false, [false, false]),
            rec(date(1), false, true, [false, false]),
            rec(today(), false, false, [false, false]),
        ];
        assert_eq!(states(&compute(&r, today())), ".x");
        // The very same record twice changes nothing.
        let mut r = days("BB.BBB");
        let once = compute(&r, today());
        r.extend(days("BB.BBB"));
        assert_eq!(compute(&r, today()), once);
    }

    #[test]
    fn time_zone_change_skipping_a_date() {
        // Travelling east across the date line: yesterday's date never happened.
        let s = run("BBBB-B");
        assert_eq!(s.current, 5);
        assert_eq!(states(&s), "BBBBxB");
        assert_eq!(s.days.len(), 6);
        assert_eq!(s.days[4], (date(1), DayState::Neutral));
        assert_eq!(s.totals.counted_days, 5);
        // Several skipped dates, and a missing today.
        let s = run("BB--B-");
        assert_eq!((s.current, states(&s).as_str()), (3, "BBxxBx"));
    }

    #[test]
    fn time_zone_change_repeating_a_date() {
        // Travelling west: the same date is lived twice, partner 0 checks in before the change and
        // partner 1 after it, each in a record of its own. One day, counted once.
        let mut r = days("BBB");
        let yesterday = date(1);
        r.retain(|d| d.date != yesterday);
        r.push(rec(yesterday, true, false, [true, false]));
        r.push(rec(yesterday, true, false, [false, true]));
        let s = compute(&r, today());
        assert_eq!(s.current, 3);
        assert_eq!(s.days.len(), 3);
        assert_eq!(states(&s), "BBB");
        assert_eq!(s.totals.check_ins, [3, 3]);
        assert_eq!(s.milestones, vec![(3, today())]);
    }

    #[test]
    fn days_after_today_are_ignored() {
        let before = run("BBBB.B");
        let mut r = days("BBBB.B");
        r.push(rec(today() + Days::new(1), true, false, [false, false]));
        r.push(rec(today() + Days::new(5), true, false, [true, true]));
        assert_eq!(compute(&r, today()), before);
        assert_eq!(before.days.last(), Some(&(today(), DayState::Counted)));
    }

    #[test]
    fn days_run_from_the_first_record_to_today() {
        // The last record is from three days ago: the days since are neutral, the run intact.
        let r = vec![
            rec(date(5), true, false, [true, true]),
            rec(date(4), true, false, [true, true]),
            rec(date(3), true, false, [true, true]),
        ];
        let s = compute(&r, today());
        assert_eq!(states(&s), "BBBxxx");
        assert_eq!(s.days.first().unwrap().0, date(5));
        assert_eq!(s.current, 3);
    }

    #[test]
    fn totals() {
        let s = run("BaB.bBXy xP");
        assert_eq!(s.totals.counted_days, 5);
        assert_eq!(s.totals.check_ins, [7, 6]);
    }

    #[test]
    fn three_years_compute_quickly() {
        let pattern: String = (0..1100)
            .map(|i| match i % 37 {
                5 => '.',
                11 => 'a',
                20 | 21 => 'x',
                _ => 'B',
            })
            .collect();
        let mut r = days(&pattern);
        r.reverse();
        let started = std::time::Instant::now();
        let s = compute(&r, today());
        let elapsed = started.elapsed();
        assert_eq!(s.days.len(), 1100);
        // Generous, for unoptimised builds on a busy machine; release is in microseconds.
        assert!(elapsed.as_millis() < 50, "took {elapsed:?}");
    }

    // --- Properties ----------------------------------------------------------------------------

    mod props {
        use super::*;
        use proptest::prelude::*;
        use std::collections::BTreeMap;

        fn base() -> NaiveDate {
            NaiveDate::from_ymd_opt(2024, 1, 1).unwrap()
        }

        fn record() -> impl Strategy<Value = DayRecord> {
            (
                0u64..60,
                prop::bool::weighted(0.8),
                prop::bool::weighted(0.1),
                prop::bool::weighted(0.8),
                prop::bool::weighted(0.8),
            )
                .prop_map(|(off, required, paused, a, b)| DayRecord {
                    date: base() + Days::new(off),
                    required,
                    paused,
                    checked_in: [a, b],
                })
        }

        fn history() -> impl Strategy<Value = (Vec<DayRecord>, NaiveDate)> {
            (prop::collection::vec(record(), 0..80), 0u64..70)
                .prop_map(|(r, t)| (r, base() + Days::new(t)))
        }

        /// The rules again, written as plainly as possible: a map of days, a date loop.
        struct Reference {
            current: u32,
            longest: u32,
            individual_current: [u32; 2],
            individual_longest: [u32; 2],
            freezes: u8,
            frozen: Vec<NaiveDate>,
            milestones: Vec<(u32, NaiveDate)>,
            counted_days: u32,
        }

        fn reference(records: &[DayRecord], today: NaiveDate) -> Reference {
            let mut map: BTreeMap<NaiveDate, (bool, [bool; 2])> = BTreeMap::new();
            for r in records {
                if r.date > today {
                    continue;
                }
                let e = map.entry(r.date).or_insert((false, [false, false]));
                if r.required && !r.paused {
                    e.0 = true;
                }
                if r.checked_in[0] {
                    e.1[0] = true;
                }
                if r.checked_in[1] {
                    e.1[1] = true;
                }
            }
            let mut out = Reference {
                current: 0,
                longest: 0,
                individual_current: [0, 0],
                individual_longest: [0, 0],
                freezes: 0,
                frozen: vec![],
                milestones: vec![],
                counted_days: 0,
            };
            let Some(&first) = map.keys().next() else {
                return out;
            };
            let mut d = first;
            while d <= today {
                let (required, c) = map.get(&d).copied().unwrap_or((false, [false, false]));
                let must = required && d != today;
                if c[0] && c[1] {
                    out.counted_days += 1;
                    out.current += 1;
                    if MILESTONES.contains(&out.current) {
                        out.milestones.push((out.current, d));
                    }
                    if out.current % 7 == 0 && out.freezes < 2 {
                        out.freezes += 1;
                    }
                } else if must && out.freezes > 0 {
                    out.freezes -= 1;
                    out.frozen.push(d);
                } else if must {
                    out.current = 0;
                    out.frozen.clear();
                    out.milestones.clear();
                }
                out.longest = out.longest.max(out.current);
                for (i, checked_in) in c.into_iter().enumerate() {
                    if checked_in {
                        out.individual_current[i] += 1;
                    } else if must {
                        out.individual_current[i] = 0;
                    }
                    out.individual_longest[i] =
                        out.individual_longest[i].max(out.individual_current[i]);
                }
                d = d.succ_opt().unwrap();
            }
            out
        }

        /// Individual streaks straight from the definition: the days this partner checked in on
        /// after the last past required day they did not, and the longest such stretch.
        fn individual_by_segments(records: &[DayRecord], today: NaiveDate) -> [(u32, u32); 2] {
            let merged = merged(records, today);
            let mut out = [(0, 0); 2];
            for (i, o) in out.iter_mut().enumerate() {
                let segments: Vec<u32> = merged
                    .split(|d| d.required && d.date < today && !d.checked_in[i])
                    .map(|seg| seg.iter().filter(|d| d.checked_in[i]).count() as u32)
                    .collect();
                *o = (
                    segments.last().copied().unwrap_or(0),
                    segments.iter().copied().max().unwrap_or(0),
                );
            }
            out
        }

        proptest! {
            #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

            #[test]
            fn matches_the_reference((records, today) in history()) {
                let s = compute(&records, today);
                let r = reference(&records, today);
                prop_assert_eq!(s.current, r.current);
                prop_assert_eq!(s.longest, r.longest);
                prop_assert_eq!(s.individual_current, r.individual_current);
                prop_assert_eq!(s.individual_longest, r.individual_longest);
                prop_assert_eq!(s.freezes_held, r.freezes);
                prop_assert_eq!(&s.frozen, &r.frozen);
                prop_assert_eq!(&s.milestones, &r.milestones);
                prop_assert_eq!(s.totals.counted_days, r.counted_days);
                let seg = individual_by_segments(&records, today);
                let got = [0, 1].map(|i| (s.individual_current[i], s.individual_longest[i]));
                prop_assert_eq!(got, seg);
            }

            #[test]
            fn invariants((records, today) in history()) {
                let s = compute(&records, today);
                prop_assert!(s.current <= s.longest);
                for i in 0..2 {
                    prop_assert!(s.individual_current[i] <= s.individual_longest[i]);
                    prop_assert!(s.individual_longest[i] <= s.totals.check_ins[i]);
                }
                prop_assert!(s.longest <= s.totals.counted_days);
                prop_assert!(s.freezes_held <= MAX_FREEZES);
                // The days are consecutive, oldest first, ending today.
                for w in s.days.windows(2) {
                    prop_assert_eq!(w[0].0.succ_opt(), Some(w[1].0));
                }
                if let Some(last) = s.days.last() {
                    prop_assert_eq!(last.0, today);
                }
                // The current run is everything after the last breaking day.
                let start = s
                    .days
                    .iter()
                    .rposition(|(_, st)| matches!(st, DayState::One | DayState::Missed))
                    .map_or(0, |i| i + 1);
                let run = &s.days[start..];
                let counted = run.iter().filter(|(_, st)| *st == DayState::Counted).count();
                prop_assert_eq!(counted as u32, s.current);
                let frozen: Vec<NaiveDate> = run
                    .iter()
                    .filter(|(_, st)| *st == DayState::Frozen)
                    .map(|(d, _)| *d)
                    .collect();
                prop_assert_eq!(&frozen, &s.frozen);
                prop_assert_eq!(
                    s.run_start,
                    run.iter().find(|(_, st)| *st == DayState::Counted).map(|(d, _)| *d)
                );
                // Only today can be pending.
                for (d, st) in &s.days {
                    if *st == DayState::Pending {
                        prop_assert_eq!(*d, today);
                    }
                }
                let all_counted =
                    s.days.iter().filter(|(_, st)| *st == DayState::Counted).count();
                prop_assert_eq!(all_counted as u32, s.totals.counted_days);
                // Milestones: exactly those not above the current run, in order.
                let reached: Vec<u32> = s.milestones.iter().map(|m| m.0).collect();
                let expected: Vec<u32> =
                    MILESTONES.iter().copied().filter(|m| *m <= s.current).collect();
                prop_assert_eq!(reached, expected);
                // Without a freeze spent, the couple's run lies within each partner's run.
                if s.frozen.is_empty() {
                    prop_assert!(s.current <= s.individual_current[0]);
                    prop_assert!(s.current <= s.individual_current[1]);
                }
            }

            #[test]
            fn order_and_duplicates_do_not_matter(
                (records, today) in history(),
                keys in prop::collection::vec(any::<u32>(), 80),
                dup in prop::collection::vec(any::<bool>(), 80),
            ) {
                let s = compute(&records, today);
                let mut shuffled: Vec<(u32, DayRecord)> =
                    records.iter().zip(keys.iter()).map(|(r, k)| (*k, *r)).collect();
                shuffled.sort_by_key(|(k, _)| *k);
                let mut other: Vec<DayRecord> = shuffled.into_iter().map(|(_, r)| r).collect();
                // Duplicate some records, and split others into one record per flag.
                for (r, d) in records.iter().zip(dup.iter()) {
                    if *d {
                        other.push(*r);
                    } else {
                        other.push(DayRecord { required: false, paused: false, checked_in: [false; 2], ..*r });
                        other.push(DayRecord { required: false, paused: r.paused, checked_in: [r.checked_in[0], false], ..*r });
                    }
                }
                prop_assert_eq!(compute(&other, today), s);
            }

            #[test]
            fn days_after_today_change_nothing(
                (records, today) in history(),
                later in prop::collection::vec(record(), 1..10),
                shift in 1u64..30,
            ) {
                let s = compute(&records, today);
                let mut more = records.clone();
                more.extend(later.into_iter().map(|r| DayRecord { date: today + Days::new(shift + (r.date - base()).num_days() as u64), ..r }));
                prop_assert_eq!(compute(&more, today), s);
            }

            #[test]
            fn a_counted_today_adds_exactly_one((records, yesterday) in history(), required in any::<bool>()) {
                let before = compute(&records, yesterday);
                let today = yesterday.succ_opt().unwrap();
                let mut more: Vec<DayRecord> = records.into_iter().filter(|r| r.date <= yesterday).collect();
                more.push(rec(today, required, false, [true, true]));
                let after = compute(&more, today);
                let yesterday_pending = before.days.last() == Some(&(yesterday, DayState::Pending));
                if yesterday_pending {
                    // Yesterday was still open: now it is either frozen or broke the run.
                    prop_assert!(after.current == before.current + 1 || after.current == 1);
                } else {
                    prop_assert_eq!(after.current, before.current + 1);
                    prop_assert_eq!(after.individual_current[0], before.individual_current[0] + 1);
                    prop_assert_eq!(after.individual_current[1], before.individual_current[1] + 1);
                }
                prop_assert_eq!(after.days.last(), Some(&(today, DayState::Counted)));
                prop_assert_eq!(after.totals.counted_days, before.totals.counted_days + 1);
            }
        }
    }
}
