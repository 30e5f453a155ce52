//! Dealing a couple's next prompt: which deck a nudge draws from (the rotation), which cards of
//! that deck may be dealt at this moment (depth grows, the evening rule, "lighter, please"), and
//! the pick itself (no repeat until the deck is used up).
//!
//! Pure like the rest of [`super`]: the caller reads the couple's history from the store and
//! passes it in as a [`Moment`] and the deck's drawn keys.

use std::collections::HashSet;

use rand::seq::IndexedRandom;

use super::{Deck, Depth, Draw, Practice, Prompt, When};

/// A couple meets only light prompts in its first this many couple-days.
pub const LIGHT_DAYS: i64 = 14;
/// A deep prompt comes at most once in this many couple-days.
pub const DEEP_EVERY_DAYS: i64 = 7;
/// Evening prompts are not dealt before this local hour.
pub const EVENING_FROM_HOUR: u32 = 15;
/// A mood at or below this on the day before keeps deep prompts away (nothing says why).
pub const LOW_MOOD: u8 = 2;

/// What decides which cards may be dealt now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Moment {
    /// Couple-days since the couple's first couple-day (0 on that day).
    pub age_days: i64,
    /// Couple-days since a deep prompt was last shown (`None`: never).
    pub since_deep: Option<i64>,
    /// Either partner's mood was [`LOW_MOOD`] or lower on the couple-day before.
    pub low_mood_yesterday: bool,
    /// The local hour of the nudge (or of the request): before [`EVENING_FROM_HOUR`], no
    /// evening prompts.
    pub local_hour: u32,
    /// The partners asked for something lighter: light prompts only.
    pub lighter: bool,
}

impl Moment {
    /// The deepest prompt that may be dealt now.
    pub fn max_depth(&self) -> Depth {
        if self.lighter || self.age_days < LIGHT_DAYS {
            return Depth::Light;
        }
        let deep_due = self.since_deep.is_none_or(|d| d >= DEEP_EVERY_DAYS);
        if deep_due && !self.low_mood_yesterday {
            Depth::Deep
        } else {
            Depth::Medium
        }
    }

    /// Whether a card of this depth and time of day may be dealt now.
    pub fn allows(&self, depth: Depth, when: When) -> bool {
        depth <= self.max_depth() && (when == When::Any || self.local_hour >= EVENING_FROM_HOUR)
    }
}

/// One card of a couple's deck, as the pick needs it: a library prompt, or one of the couple's
/// own (light, any time).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Card<'a> {
    pub key: &'a str,
    pub depth: Depth,
    pub when: When,
}

impl<'a> From<&'a Prompt> for Card<'a> {
    fn from(p: &'a Prompt) -> Self {
        Card {
            key: &p.key,
            depth: p.depth,
            when: p.when,
        }
    }
}

/// Picks the next card of one deck for this moment.
///
/// `drawn` are the keys drawn in the deck's current round, oldest first (keys no longer among
/// the cards are ignored). Among the cards the moment allows, one not yet drawn this round is
/// picked uniformly at random. When the moment allows only cards already drawn while others
/// wait (a deep card in a couple's first weeks, say), the one drawn longest ago comes again and
/// the round goes on. When every card of the deck has been drawn, a new round starts
/// (`new_round`), avoiding the card shown last. `None` when the moment allows no card at all.
pub fn pick<R: rand::Rng + ?Sized>(
    cards: &[Card<'_>],
    drawn: &[String],
    moment: &Moment,
    rng: &mut R,
) -> Option<Draw> {
    let mut seen = HashSet::with_capacity(cards.len());
    let unique: Vec<&Card<'_>> = cards.iter().filter(|c| seen.insert(c.key)).collect();
    let used: HashSet<&str> = drawn.iter().map(String::as_str).collect();
    let allowed: Vec<&str> = unique
        .iter()
        .filter(|c| moment.allows(c.depth, c.when))
        .map(|c| c.key)
        .collect();
    if allowed.is_empty() {
        return None;
    }
    let fresh: Vec<&str> = allowed
        .iter()
        .copied()
        .filter(|k| !used.contains(k))
        .collect();
    if let Some(key) = fresh.choose(rng) {
        return Some(Draw {
            key: (*key).to_string(),
            new_round: false,
        });
    }
    let deck_used_up = unique.iter().all(|c| used.contains(c.key));
    if !deck_used_up {
        // Every allowed card was drawn this round: the one drawn longest ago.
        let key = drawn
            .iter()
            .find(|k| allowed.contains(&k.as_str()))
            .map(String::as_str)
            .unwrap_or(allowed[0]);
        return Some(Draw {
            key: key.to_string(),
            new_round: false,
        });
    }
    let last = drawn.iter().rev().find(|k| allowed.contains(&k.as_str()));
    let pool: Vec<&str> = match last {
        Some(last) if allowed.len() > 1 => allowed
            .iter()
            .copied()
            .filter(|k| *k != last.as_str())
            .collect(),
        _ => allowed,
    };
    pool.choose(rng).map(|key| Draw {
        key: (*key).to_string(),
        new_round: true,
    })
}

/// Where the n-th nudge of a couple draws from: a practice, or one of the mixed-in decks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Slot {
    Practice(Practice),
    /// One of [`MIXED_DECKS`], taken in turn (see [`mixed_deck`]).
    Mixed,
}

/// The decks beyond the five practices that nudges mix in, in turn. Repair is not among them:
/// it is drawn only on request.
pub const MIXED_DECKS: [Deck; 7] = [
    Deck::Celebrating,
    Deck::Us,
    Deck::TheirWorld,
    Deck::Rituals,
    Deck::TwoMinute,
    Deck::LonelyTogether,
    Deck::SurfaceTalk,
];

/// The rotation, 15 nudges long: appreciation and active listening 3 times each and
/// alternating as the headlines, vulnerability, quality time and validation twice each, and
/// three mixed-in decks. Any 30 consecutive nudges are exactly two turns of it, so each of the
/// five practices comes at least 4 times in them.
const ROTATION: [Slot; 15] = {
    use Practice::*;
    use Slot::{Mixed as D, Practice as P};
    [
        P(Appreciation),
        P(ActiveListening),
        P(Vulnerability),
        D,
        P(QualityTime),
        P(Appreciation),
        P(ActiveListening),
        P(Validation),
        D,
        P(Appreciation),
        P(ActiveListening),
        P(Vulnerability),
        D,
        P(QualityTime),
        P(Validation),
    ]
};

/// How many nudges one turn of the rotation takes.
pub fn turn_len() -> u64 {
    ROTATION.len() as u64
}

/// Where the n-th nudge (n from 0) of a couple draws from.
pub fn slot(n: u64) -> Slot {
    ROTATION[(n % ROTATION.len() as u64) as usize]
}

/// The mixed-in deck of the n-th nudge's slot, when it is [`Slot::Mixed`]: the mixed slots take
/// [`MIXED_DECKS`] in turn, so each deck comes back every 35 nudges.
pub fn mixed_deck(n: u64) -> Deck {
    let period = ROTATION.len() as u64;
    let per_turn = ROTATION.iter().filter(|s| **s == Slot::Mixed).count() as u64;
    let before = ROTATION[..(n % period) as usize]
        .iter()
        .filter(|s| **s == Slot::Mixed)
        .count() as u64;
    let k = (n / period).wrapping_mul(per_turn).wrapping_add(before);
    MIXED_DECKS[(k % MIXED_DECKS.len() as u64) as usize]
}

/// The decks the n-th nudge tries, in order: its slot's deck first, then the others of its
/// kind (a practice's slot falls back to the other practices only if its own deck has nothing
/// the moment allows; a mixed slot to the next mixed decks, then the practices).
pub fn decks_for_nudge(n: u64) -> Vec<Deck> {
    let practices = Practice::ALL.map(Deck::from);
    match slot(n) {
        Slot::Practice(p) => {
            let mut out = vec![Deck::from(p)];
            out.extend(practices.into_iter().filter(|d| *d != Deck::from(p)));
            out
        }
        Slot::Mixed => {
            let first = mixed_deck(n);
            let at = MIXED_DECKS.iter().position(|d| *d == first).unwrap_or(0);
            let mut out: Vec<Deck> = (0..MIXED_DECKS.len())
                .map(|i| MIXED_DECKS[(at + i) % MIXED_DECKS.len()])
                .collect();
            out.extend(practices);
            out
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::Library;
    use super::*;
    use rand::SeedableRng;
    use rand_chacha::ChaCha8Rng;
    use std::collections::HashMap;

    fn moment(age_days: i64) -> Moment {
        Moment {
            age_days,
            since_deep: None,
            low_mood_yesterday: false,
            local_hour: 20,
            lighter: false,
        }
    }

    #[test]
    fn depth_grows_light_first_then_deep_at_most_weekly_and_never_after_a_low_day() {
        for day in 0..LIGHT_DAYS {
            assert_eq!(moment(day).max_depth(), Depth::Light, "day {day}");
        }
        assert_eq!(moment(LIGHT_DAYS).max_depth(), Depth::Deep);
        let week = |since| Moment {
            since_deep: Some(since),
            ..moment(60)
        };
        for since in 0..DEEP_EVERY_DAYS {
            assert_eq!(week(since).max_depth(), Depth::Medium, "{since} days after");
        }
        assert_eq!(week(DEEP_EVERY_DAYS).max_depth(), Depth::Deep);
        let low = Moment {
            low_mood_yesterday: true,
            ..week(30)
        };
        assert_eq!(low.max_depth(), Depth::Medium);
        let lighter = Moment {
            lighter: true,
            ..week(30)
        };
        assert_eq!(lighter.max_depth(), Depth::Light);
    }

    #[test]
    fn evening_prompts_wait_for_three_in_the_afternoon() {
        for hour in 0..24 {
            let m = Moment {
                local_hour: hour,
                ..moment(30)
            };
            assert!(m.allows(Depth::Light, When::Any));
            assert_eq!(
                m.allows(Depth::Light, When::Evening),
                hour >= 15,
                "{hour}:00"
            );
        }
    }

    fn cards(keys: &[(&'static str, Depth, When)]) -> Vec<Card<'static>> {
        keys.iter()
            .map(|&(key, depth, when)| Card { key, depth, when })
            .collect()
    }

    #[test]
    fn pick_never_repeats_until_the_deck_is_used_up() {
        let deck = cards(&[
            ("a", Depth::Light, When::Any),
            ("b", Depth::Medium, When::Any),
            ("c", Depth::Deep, When::Any),
            ("d", Depth::Light, When::Evening),
            ("e", Depth::Light, When::Any),
        ]);
        let m = moment(100);
        for seed in 0..50 {
            let mut rng = ChaCha8Rng::seed_from_u64(seed);
            let mut drawn: Vec<String> = vec![];
            let mut rounds = vec![vec![]];
            for _ in 0..15 {
                let d = pick(&deck, &drawn, &m, &mut rng).unwrap();
                if d.new_round {
                    assert_ne!(drawn.last(), Some(&d.key), "no repeat across the seam");
                    drawn.clear();
                    rounds.push(vec![]);
                }
                assert!(!drawn.contains(&d.key), "{} again in a round", d.key);
                drawn.push(d.key.clone());
                rounds.last_mut().unwrap().push(d.key);
            }
            assert_eq!(rounds.len(), 3);
            for r in &rounds {
                assert_eq!(r.len(), 5, "{r:?}");
            }
        }
    }

    #[test]
    fn pick_deals_only_what_the_moment_allows_and_then_the_oldest_again() {
        let deck = cards(&[
            ("light1", Depth::Light, When::Any),
            ("light2", Depth::Light, When::Any),
            ("deep", Depth::Deep, When::Any),
            ("eve", Depth::Light, When::Evening),
        ]);
        let morning_first_week = Moment {
            local_hour: 9,
            ..moment(3)
        };
        let mut rng = ChaCha8Rng::seed_from_u64(9);
        let mut drawn: Vec<String> = vec![];
        for _ in 0..2 {
            let d = pick(&deck, &drawn, &morning_first_week, &mut rng).unwrap();
            assert!(d.key.starts_with("light") && !d.new_round);
            drawn.push(d.key);
        }
        // Both allowed cards were dealt; the others wait: the older comes again, same round.
        let d = pick(&deck, &drawn, &morning_first_week, &mut rng).unwrap();
        assert_eq!((&d.key, d.new_round), (&drawn[0], false));
        // Nothing allowed at all.
        let only_deep = cards(&[("deep", Depth::Deep, When::Any)]);
        assert_eq!(pick(&only_deep, &[], &morning_first_week, &mut rng), None);
        assert_eq!(pick(&[], &[], &moment(30), &mut rng), None);
    }

    #[test]
    fn lighter_please_deals_a_light_card() {
        let deck = cards(&[
            ("l", Depth::Light, When::Any),
            ("m", Depth::Medium, When::Any),
            ("d", Depth::Deep, When::Any),
        ]);
        let lighter = Moment {
            lighter: true,
            ..moment(200)
        };
        for seed in 0..30 {
            let mut rng = ChaCha8Rng::seed_from_u64(seed);
            let d = pick(&deck, &["d".to_string()], &lighter, &mut rng).unwrap();
            assert_eq!(d.key, "l");
        }
    }

    #[test]
    fn the_rotation_has_every_practice_four_times_in_any_thirty_and_no_repair() {
        let counts = |from: u64| {
            let mut c: HashMap<Slot, usize> = HashMap::new();
            for n in from..from + 30 {
                *c.entry(slot(n)).or_default() += 1;
            }
            c
        };
        for from in (0..200).chain([u64::MAX - 40, u64::MAX / 2]) {
            let c = counts(from);
            for p in Practice::ALL {
                assert!(c[&Slot::Practice(p)] >= 4, "{p:?} from {from}");
            }
            let _ = mixed_deck(from);
        }
        let headlines: Vec<Slot> = (0..60)
            .map(slot)
            .filter(|s| {
                matches!(
                    s,
                    Slot::Practice(Practice::Appreciation | Practice::ActiveListening)
                )
            })
            .collect();
        for pair in headlines.chunks(2) {
            assert_eq!(
                pair,
                [
                    Slot::Practice(Practice::Appreciation),
                    Slot::Practice(Practice::ActiveListening)
                ]
            );
        }
        let mixed: HashSet<Deck> = (0..105)
            .filter(|n| slot(*n) == Slot::Mixed)
            .map(mixed_deck)
            .collect();
        assert_eq!(mixed.len(), MIXED_DECKS.len(), "every mixed deck comes");
        for n in 0..500 {
            assert!(!decks_for_nudge(n).contains(&Deck::Repair));
        }
    }

    /// A couple's nudges dealt from the real library over a long stretch, with what the store
    /// would remember, and varying moments: the first weeks, mornings and evenings, low days.
    fn simulate(seed: u64, start: u64, count: u64) -> Vec<(Deck, Depth, When, u32, Moment)> {
        let library = Library::builtin();
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let mut rounds: HashMap<Deck, Vec<String>> = HashMap::new();
        let mut last_deep: Option<i64> = None;
        let mut out = vec![];
        for i in 0..count {
            let n = start + i;
            let day = i as i64;
            let hour = [8u32, 12, 14, 15, 20, 22][((seed + i) % 6) as usize];
            let m = Moment {
                age_days: day,
                since_deep: last_deep.map(|d| day - d),
                low_mood_yesterday: (seed.wrapping_mul(31) + i) % 5 == 0,
                local_hour: hour,
                lighter: false,
            };
            let mut dealt = None;
            for deck in decks_for_nudge(n) {
                let cards: Vec<Card<'_>> = library.of_deck(deck).iter().map(Card::from).collect();
                let drawn = rounds.entry(deck).or_default();
                if let Some(d) = pick(&cards, drawn, &m, &mut rng) {
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

    #[test]
    fn over_any_thirty_nudges_each_practice_comes_at_least_four_times() {
        for seed in 0..40 {
            for start in [0, 1, 7, 14, 29, 1000, u64::MAX / 3] {
                let dealt = simulate(seed, start, 120);
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

    #[test]
    fn dealt_nudges_follow_the_depth_and_evening_rules() {
        for seed in 0..40 {
            let dealt = simulate(seed, seed * 3, 150);
            let mut last_deep: Option<usize> = None;
            for (day, (deck, depth, when, hour, m)) in dealt.iter().enumerate() {
                assert_ne!(*deck, Deck::Repair, "repair only on request");
                if day < LIGHT_DAYS as usize {
                    assert_eq!(*depth, Depth::Light, "day {day}");
                }
                if *when == When::Evening {
                    assert!(*hour >= EVENING_FROM_HOUR, "evening prompt at {hour}:00");
                }
                if *depth == Depth::Deep {
                    assert!(!m.low_mood_yesterday, "deep after a low day");
                    if let Some(prev) = last_deep {
                        assert!(day - prev >= DEEP_EVERY_DAYS as usize, "{prev} then {day}");
                    }
                    last_deep = Some(day);
                }
            }
            assert!(last_deep.is_some(), "deep prompts do come, in time");
        }
    }
}
