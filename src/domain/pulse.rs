//! The weekly pulse: four statements, one per warning sign, each scored 1-5 by one partner for
//! themselves once a week, with an optional note to self; the week they belong to; and how the
//! couple's latest pulse leans the next week's prompt mix (pure rules, no words).
//!
//! A pulse week is keyed by the couple-day of that week's digest day: a partner answers or
//! changes it from that day until the next digest day.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

use super::prompt::deal::{self, Card, Moment, Slot};
use super::prompt::{Deck, Depth, Practice};

/// The most characters of a note to self.
pub const MAX_NOTE: usize = 500;
/// The most characters a score input takes (the form's limit; the rule accepts one digit).
pub const MAX_SCORE_INPUT: usize = 3;
/// How many weeks `/pulse` shows.
pub const CHART_WEEKS: usize = 12;
/// A positive statement scored at or below this leans the mix toward it.
pub const LOW: u8 = 2;
/// "Something between us feels unsettled" at or above this offers repair, privately.
pub const UNSETTLED: u8 = 4;

/// The four statements, in the order of the form and the chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Statement {
    /// I felt close to my partner this week (feeling lonely together, inverted).
    Close,
    /// We talked about more than logistics (surface-level talk, inverted).
    BeyondLogistics,
    /// I felt free to share what was on my mind (hesitating to share, inverted).
    FreeToShare,
    /// Something between us feels unsettled (unresolved conflict).
    Unsettled,
}

impl Statement {
    pub const ALL: [Statement; 4] = [
        Statement::Close,
        Statement::BeyondLogistics,
        Statement::FreeToShare,
        Statement::Unsettled,
    ];

    /// The stable key of the statement (form inputs, export).
    pub fn key(self) -> &'static str {
        match self {
            Statement::Close => "close",
            Statement::BeyondLogistics => "beyond_logistics",
            Statement::FreeToShare => "free_to_share",
            Statement::Unsettled => "unsettled",
        }
    }
}

/// One partner's answers for one week: a score 1-5 per statement, and a note to self.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pulse {
    pub scores: [u8; 4],
    pub note: Option<String>,
}

impl Pulse {
    pub fn score(&self, s: Statement) -> u8 {
        self.scores[s as usize]
    }
}

/// What a partner typed into the form, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PulseDraft {
    pub scores: [String; 4],
    pub note: String,
}

/// Why a form could not be accepted (the words name the statement).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PulseError {
    /// A score is not a whole number from 1 to 5.
    Score(Statement),
    /// The note is longer than [`MAX_NOTE`] characters.
    NoteTooLong,
}

/// One score as typed: after trimming, exactly one ASCII digit from 1 to 5. Anything else
/// ("0", "6", "3.5", "", "٣", "five") is refused.
pub fn parse_score(s: &str) -> Option<u8> {
    match s.trim().as_bytes() {
        [d @ b'1'..=b'5'] => Some(d - b'0'),
        _ => None,
    }
}

impl PulseDraft {
    /// The accepted pulse, or the first problem. The note is cleaned by the one rule for free
    /// text; a note with nothing readable left is no note.
    pub fn accept(&self) -> Result<Pulse, PulseError> {
        let mut scores = [0u8; 4];
        for (i, s) in Statement::ALL.into_iter().enumerate() {
            scores[i] = parse_score(&self.scores[i]).ok_or(PulseError::Score(s))?;
        }
        let note = super::text::clean(&self.note);
        if note.as_ref().is_some_and(|n| n.chars().count() > MAX_NOTE) {
            return Err(PulseError::NoteTooLong);
        }
        Ok(Pulse { scores, note })
    }

    /// The draft of a stored pulse, to pre-fill the form for a change.
    pub fn of(p: &Pulse) -> PulseDraft {
        PulseDraft {
            scores: p.scores.map(|s| s.to_string()),
            note: p.note.clone().unwrap_or_default(),
        }
    }

    /// The draft cut to what the form's inputs take (a kept draft pre-fills the form again).
    pub fn fit(&self) -> PulseDraft {
        let cut = |s: &str, n: usize| -> String { s.chars().take(n).collect() };
        PulseDraft {
            scores: self.scores.clone().map(|s| cut(&s, MAX_SCORE_INPUT)),
            note: cut(&self.note, MAX_NOTE),
        }
    }
}

/// The pulse week of couple-day `day`: the latest digest day (`weekday`) on or before it.
pub fn week_of(day: NaiveDate, weekday: Weekday) -> NaiveDate {
    let back = (7 + day.weekday().num_days_from_monday() as i64
        - weekday.num_days_from_monday() as i64)
        % 7;
    day - Duration::days(back)
}

/// Whether a partner's own latest pulse (this week's, or last week's when this week has none)
/// says something feels unsettled.
pub fn feels_unsettled(latest: Option<&Pulse>) -> bool {
    latest.is_some_and(|p| p.score(Statement::Unsettled) >= UNSETTLED)
}

/// How the couple's latest pulse leans the next week's prompt mix. Nothing says why.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Lean {
    /// Low closeness: more quality time and "us".
    pub closeness: bool,
    /// Talk that stays on logistics: more of each other's world and medium-depth prompts.
    pub logistics: bool,
    /// Not free to share: gentle vulnerability and validation (light and medium only).
    pub sharing: bool,
}

impl Lean {
    /// The lean of a pulse week from both partners' answers where present: for each signal,
    /// the lower of the two scores.
    pub fn from_week(answers: &[Pulse]) -> Lean {
        let lowest = |s: Statement| answers.iter().map(|p| p.score(s)).min();
        let low = |s| lowest(s).is_some_and(|v| v <= LOW);
        Lean {
            closeness: low(Statement::Close),
            logistics: low(Statement::BeyondLogistics),
            sharing: low(Statement::FreeToShare),
        }
    }

    pub fn is_none(&self) -> bool {
        *self == Lean::default()
    }

    /// The decks the lean brings forward, in turn.
    pub fn decks(&self) -> Vec<Deck> {
        let mut out = vec![];
        if self.closeness {
            out.extend([Deck::QualityTime, Deck::Us]);
        }
        if self.logistics {
            out.extend([Deck::TheirWorld, Deck::ActiveListening]);
        }
        if self.sharing {
            out.extend([Deck::Vulnerability, Deck::Validation]);
        }
        out
    }

    /// The deepest card the lean allows from `deck` (on top of the moment's own rule): gentle
    /// vulnerability and validation, light and medium only, while sharing feels hard.
    pub fn depth_cap(&self, deck: Deck) -> Option<Depth> {
        (self.sharing && matches!(deck, Deck::Vulnerability | Deck::Validation))
            .then_some(Depth::Medium)
    }

    /// The depth the lean prefers from `deck`: medium, while talk stays on logistics.
    pub fn prefers(&self, deck: Deck) -> Option<Depth> {
        (self.logistics && self.depth_cap(deck).is_none_or(|cap| cap >= Depth::Medium))
            .then_some(Depth::Medium)
    }
}

/// Whether the n-th nudge's slot may lean: every mixed-in slot, and the last appreciation and
/// the last active-listening slot of each turn of the rotation (those two practices come 6
/// times in any 30 nudges, so giving one of each per turn away still leaves 4).
pub fn may_lean(n: u64) -> bool {
    let turn = deal::turn_len();
    let at = n % turn;
    match deal::slot(n) {
        Slot::Mixed => true,
        Slot::Practice(p @ (Practice::Appreciation | Practice::ActiveListening)) => {
            let start = n - at;
            !(at + 1..turn).any(|k| deal::slot(start.wrapping_add(k)) == Slot::Practice(p))
        }
        Slot::Practice(_) => false,
    }
}

/// The decks the n-th nudge tries, in order, under a lean: a slot that may lean tries the
/// lean's decks in turn first (one per leaning slot), then what it tries without a lean.
pub fn decks_for_nudge(n: u64, lean: &Lean) -> Vec<Deck> {
    let plain = deal::decks_for_nudge(n);
    let leaned = lean.decks();
    if leaned.is_empty() || !may_lean(n) {
        return plain;
    }
    let turn = deal::turn_len();
    let per_turn = (0..turn).filter(|k| may_lean(*k)).count() as u64;
    let before = (0..n % turn).filter(|k| may_lean(*k)).count() as u64;
    let k = (n / turn).wrapping_mul(per_turn).wrapping_add(before);
    let first = leaned[(k % leaned.len() as u64) as usize];
    let mut out = vec![first];
    out.extend(plain.into_iter().filter(|d| *d != first));
    out
}

/// The cards of `deck` a leaned draw picks from: deeper ones than the lean allows are left out;
/// when the lean prefers a depth and the moment allows it, only the cards of that depth not yet
/// drawn this round, if there are any (so a preference never starts a new round early).
pub fn lean_cards<'a>(
    cards: &[Card<'a>],
    drawn: &[String],
    moment: &Moment,
    deck: Deck,
    lean: &Lean,
) -> Vec<Card<'a>> {
    let capped: Vec<Card<'a>> = cards
        .iter()
        .copied()
        .filter(|c| lean.depth_cap(deck).is_none_or(|cap| c.depth <= cap))
        .collect();
    if let Some(depth) = lean.prefers(deck) {
        let fresh: Vec<Card<'a>> = capped
            .iter()
            .copied()
            .filter(|c| {
                c.depth == depth
                    && moment.allows(c.depth, c.when)
                    && !drawn.iter().any(|k| k == c.key)
            })
            .collect();
        if !fresh.is_empty() {
            return fresh;
        }
    }
    capped
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::prompt::{Library, When};
    use rand::SeedableRng;
    use rand_chacha::ChaCha8Rng;
    use std::collections::HashMap;

    fn pulse(scores: [u8; 4]) -> Pulse {
        Pulse { scores, note: None }
    }

    fn draft(scores: [&str; 4], note: &str) -> PulseDraft {
        PulseDraft {
            scores: scores.map(str::to_string),
            note: note.to_string(),
        }
    }

    #[test]
    fn scores_are_one_digit_from_one_to_five() {
        for (s, v) in [("1", 1), (" 5 ", 5), ("3\n", 3), ("\t2", 2)] {
            assert_eq!(parse_score(s), Some(v), "{s:?}");
        }
        for bad in [
            "",
            " ",
            "0",
            "6",
            "3.5",
            "٣",
            "３",
            "05",
            "+3",
            "-1",
            "1 2",
            "five",
            "3\u{0}",
            "\u{202e}3",
            "33",
        ] {
            assert_eq!(parse_score(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn a_draft_is_accepted_whole_or_names_its_first_problem() {
        let ok = draft(["5", "4", " 3 ", "1"], "  a calm week\u{7}  ");
        assert_eq!(
            ok.accept(),
            Ok(Pulse {
                scores: [5, 4, 3, 1],
                note: Some("a calm week".into())
            })
        );
        assert_eq!(
            draft(["5", "4", "3", "1"], " \u{200b} ")
                .accept()
                .unwrap()
                .note,
            None
        );
        assert_eq!(
            draft(["5", "0", "6", "1"], "").accept(),
            Err(PulseError::Score(Statement::BeyondLogistics))
        );
        assert_eq!(
            draft(["5", "4", "3", "٣"], "").accept(),
            Err(PulseError::Score(Statement::Unsettled))
        );
        assert_eq!(
            draft(["5", "4", "3", "1"], &"x".repeat(10_000)).accept(),
            Err(PulseError::NoteTooLong)
        );
        assert!(draft(["5", "4", "3", "1"], &"é".repeat(MAX_NOTE))
            .accept()
            .is_ok());
        let fit = draft(["12345", "4", "3", "1"], &"x".repeat(10_000)).fit();
        assert_eq!(fit.scores[0], "123");
        assert_eq!(fit.note.chars().count(), MAX_NOTE);
        let back = PulseDraft::of(&ok.accept().unwrap());
        assert_eq!(back.accept(), ok.accept());
    }

    #[test]
    fn a_week_starts_on_its_digest_day() {
        let sunday = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
        for back in 0..7 {
            let day = sunday + Duration::days(back);
            assert_eq!(week_of(day, Weekday::Sun), sunday, "{day}");
        }
        assert_eq!(
            week_of(sunday + Duration::days(7), Weekday::Sun),
            sunday + Duration::days(7)
        );
        // Thursday 2026-11-26 belongs to the week of Sunday the 22nd, or of Thursday itself.
        let thursday = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        assert_eq!(week_of(thursday, Weekday::Sun), sunday - Duration::days(7));
        assert_eq!(week_of(thursday, Weekday::Thu), thursday);
    }

    #[test]
    fn the_lean_takes_each_signals_lower_score() {
        assert!(Lean::from_week(&[]).is_none());
        assert!(
            Lean::from_week(&[pulse([3, 3, 3, 5])]).is_none(),
            "unsettled alone leans nothing"
        );
        let a = pulse([5, 2, 4, 1]);
        let b = pulse([1, 5, 3, 1]);
        assert_eq!(
            Lean::from_week(&[a.clone(), b]),
            Lean {
                closeness: true,
                logistics: true,
                sharing: false
            }
        );
        assert_eq!(
            Lean::from_week(&[a]),
            Lean {
                closeness: false,
                logistics: true,
                sharing: false
            }
        );
        let shy = Lean::from_week(&[pulse([4, 4, 2, 3])]);
        assert_eq!(shy.decks(), [Deck::Vulnerability, Deck::Validation]);
        assert_eq!(shy.depth_cap(Deck::Vulnerability), Some(Depth::Medium));
        assert_eq!(shy.depth_cap(Deck::Us), None);
        let far = Lean::from_week(&[pulse([1, 5, 5, 1])]);
        assert_eq!(far.decks(), [Deck::QualityTime, Deck::Us]);
        let talk = Lean::from_week(&[pulse([5, 1, 5, 1])]);
        assert_eq!(talk.decks(), [Deck::TheirWorld, Deck::ActiveListening]);
        assert_eq!(talk.prefers(Deck::TheirWorld), Some(Depth::Medium));
    }

    #[test]
    fn unsettled_at_four_or_five_is_offered_repair() {
        assert!(!feels_unsettled(None));
        assert!(!feels_unsettled(Some(&pulse([3, 3, 3, 3]))));
        assert!(feels_unsettled(Some(&pulse([5, 5, 5, 4]))));
        assert!(feels_unsettled(Some(&pulse([1, 1, 1, 5]))));
    }

    #[test]
    fn only_mixed_slots_and_one_of_each_headline_practice_per_turn_lean() {
        let turn = deal::turn_len();
        let leaning: Vec<u64> = (0..turn).filter(|n| may_lean(*n)).collect();
        assert_eq!(leaning.len(), 5, "{leaning:?}");
        for n in 0..300 {
            let under = decks_for_nudge(n, &Lean::from_week(&[pulse([1, 1, 1, 1])]));
            let plain = deal::decks_for_nudge(n);
            if may_lean(n) {
                assert!(
                    plain.iter().all(|d| under.contains(d)),
                    "slot {n} still falls back"
                );
                assert!([
                    Deck::QualityTime,
                    Deck::Us,
                    Deck::TheirWorld,
                    Deck::ActiveListening
                ]
                .into_iter()
                .chain([Deck::Vulnerability, Deck::Validation])
                .any(|d| d == under[0]));
            } else {
                assert_eq!(under, plain, "slot {n} keeps its deck");
            }
            assert!(!under.contains(&Deck::Repair));
        }
        assert_eq!(
            decks_for_nudge(3, &Lean::default()),
            deal::decks_for_nudge(3)
        );
    }

    /// Nudges dealt from the real library, as the store would remember them, with the lean of
    /// each week (seven nudges) given by `lean_of(week)`.
    fn simulate(
        seed: u64,
        start: u64,
        count: u64,
        lean_of: impl Fn(u64) -> Lean,
    ) -> Vec<(Deck, Depth, When, u32, Moment)> {
        let library = Library::builtin();
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let mut rounds: HashMap<Deck, Vec<String>> = HashMap::new();
        let mut last_deep: Option<i64> = None;
        let mut out = vec![];
        for i in 0..count {
            let n = start + i;
            let day = i as i64;
            let lean = lean_of(i / 7);
            let hour = [8u32, 12, 14, 15, 20, 22][((seed + i) % 6) as usize];
            let m = Moment {
                age_days: day,
                since_deep: last_deep.map(|d| day - d),
                low_mood_yesterday: (seed.wrapping_mul(31) + i) % 5 == 0,
                local_hour: hour,
                lighter: false,
            };
            let mut dealt = None;
            for deck in decks_for_nudge(n, &lean) {
                let all: Vec<Card<'_>> = library.of_deck(deck).iter().map(Card::from).collect();
                let drawn = rounds.entry(deck).or_default();
                let cards = lean_cards(&all, drawn, &m, deck, &lean);
                if let Some(d) = deal::pick(&cards, drawn, &m, &mut rng) {
                    if d.new_round {
                        drawn.clear();
                    }
                    drawn.retain(|k| *k != d.key);
                    drawn.push(d.key.clone());
                    dealt = library
                        .get(&d.key)
                        .map(|p| (deck, p.depth, p.when, hour, m));
                    break;
                }
            }
            let dealt = dealt.expect("every nudge gets a library prompt");
            if dealt.1 == Depth::Deep {
                last_deep = Some(day);
            }
            out.push(dealt);
        }
        out
    }

    fn leans() -> Vec<Lean> {
        let all = [false, true];
        let mut out = vec![];
        for closeness in all {
            for logistics in all {
                for sharing in all {
                    out.push(Lean {
                        closeness,
                        logistics,
                        sharing,
                    });
                }
            }
        }
        out
    }

    #[test]
    fn with_a_lean_each_practice_still_comes_four_times_in_any_thirty() {
        let leans = leans();
        for seed in 0..24 {
            for start in [0, 1, 7, 14, 29, 1000, u64::MAX / 3] {
                // A different lean each week, and a constant one.
                let varying = simulate(seed, start, 120, |w| {
                    leans[((w + seed) % leans.len() as u64) as usize]
                });
                let constant = simulate(seed, start, 120, |_| leans[(seed % 8) as usize]);
                for dealt in [varying, constant] {
                    for window in dealt.windows(30) {
                        for p in Practice::ALL {
                            let n = window
                                .iter()
                                .filter(|(deck, ..)| deck.practice() == Some(p))
                                .count();
                            assert!(n >= 4, "{p:?} {n} times (seed {seed}, start {start})");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn with_a_lean_the_depth_and_evening_rules_hold() {
        let leans = leans();
        for seed in 0..24 {
            let lean = leans[(seed % 8) as usize];
            let dealt = simulate(seed, seed * 3, 150, |_| lean);
            let mut last_deep: Option<usize> = None;
            for (day, (deck, depth, when, hour, m)) in dealt.iter().enumerate() {
                assert_ne!(*deck, Deck::Repair, "repair only on request");
                if day < deal::LIGHT_DAYS as usize {
                    assert_eq!(*depth, Depth::Light, "day {day}");
                }
                if *when == When::Evening {
                    assert!(*hour >= deal::EVENING_FROM_HOUR);
                }
                if let Some(cap) = lean.depth_cap(*deck) {
                    assert!(*depth <= cap, "{deck:?} {depth:?} under {lean:?}");
                }
                if *depth == Depth::Deep {
                    assert!(!m.low_mood_yesterday, "deep after a low day");
                    if let Some(prev) = last_deep {
                        assert!(day - prev >= deal::DEEP_EVERY_DAYS as usize);
                    }
                    last_deep = Some(day);
                }
            }
        }
    }

    #[test]
    fn a_lean_changes_the_next_weeks_draws_with_a_fixed_seed() {
        let none = simulate(7, 30, 14, |_| Lean::default());
        let far = simulate(7, 30, 14, |w| {
            if w == 0 {
                Lean::default()
            } else {
                Lean::from_week(&[pulse([1, 4, 4, 2])])
            }
        });
        // The first week is the same; the next one leans toward quality time and "us".
        assert_eq!(none[..7], far[..7]);
        assert_ne!(none[7..], far[7..]);
        let toward = |d: &[(Deck, Depth, When, u32, Moment)]| {
            d.iter()
                .filter(|(deck, ..)| matches!(deck, Deck::QualityTime | Deck::Us))
                .count()
        };
        assert!(toward(&far[7..]) > toward(&none[7..]), "{far:?}");
    }

    #[test]
    fn talk_that_stays_on_logistics_prefers_fresh_medium_cards() {
        let cards = [
            Card {
                key: "l",
                depth: Depth::Light,
                when: When::Any,
            },
            Card {
                key: "m",
                depth: Depth::Medium,
                when: When::Any,
            },
            Card {
                key: "d",
                depth: Depth::Deep,
                when: When::Any,
            },
        ];
        let m = Moment {
            age_days: 100,
            since_deep: None,
            low_mood_yesterday: false,
            local_hour: 20,
            lighter: false,
        };
        let talk = Lean {
            logistics: true,
            ..Lean::default()
        };
        let keys = |v: Vec<Card<'_>>| v.iter().map(|c| c.key.to_string()).collect::<Vec<_>>();
        assert_eq!(
            keys(lean_cards(&cards, &[], &m, Deck::TheirWorld, &talk)),
            ["m"]
        );
        // Once the medium card was drawn this round, every card again (no early new round).
        assert_eq!(
            keys(lean_cards(
                &cards,
                &["m".into()],
                &m,
                Deck::TheirWorld,
                &talk
            )),
            ["l", "m", "d"]
        );
        // In the first weeks the moment allows light only: no preference.
        let young = Moment { age_days: 2, ..m };
        assert_eq!(
            keys(lean_cards(&cards, &[], &young, Deck::TheirWorld, &talk)),
            ["l", "m", "d"]
        );
        let shy = Lean {
            sharing: true,
            ..Lean::default()
        };
        assert_eq!(
            keys(lean_cards(&cards, &[], &m, Deck::Vulnerability, &shy)),
            ["l", "m"]
        );
        assert_eq!(
            keys(lean_cards(&cards, &[], &m, Deck::Us, &shy)),
            ["l", "m", "d"]
        );
    }
}
