//! The couple's prompt decks: drawing the next prompt of a practice (no repeat until the deck
//! is used up), a prompt at once (`/prompt now`, Another prompt), and the couple's own prompts.

use chrono::{DateTime, Timelike, Utc};

use super::{Outcome, Services};
use crate::copy;
use crate::domain::checkin::{couple_day, DayQuestion};
use crate::domain::couple::Couple;
use crate::domain::ids::UserId;
use crate::domain::prompt::deal::{self, Card, Moment};
use crate::domain::prompt::{CustomPrompt, Deck, Depth, Drawn, Library, Practice, When};
use crate::domain::pulse::Lean;
use crate::store::checkins::{self, DayPrompt};
use crate::store::{prompts, Db, Result as StoreResult};

/// The most prompts of their own each partner keeps in the couple's decks.
pub const MAX_CUSTOM_PROMPTS_PER_PARTNER: u64 = 20;

/// What a draw is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ask {
    /// The couple's n-th scheduled nudge: its deck comes from the rotation.
    Nudge(u64),
    /// A deck the partners asked for (`/prompt now`, Another prompt); repair only this way.
    Deck(Deck),
    /// The first nudge of the couple's anniversary (their n-th nudge): the anniversary's own
    /// deck, within the depth rules; the rotation's decks if it has nothing they allow.
    Anniversary(u64),
}

/// Draws the couple's next prompt for `ask` at instant `at` (the nudge's occurrence, or now)
/// and records the draw in the deck's round; [`make_day_prompt`] then makes it the day's
/// prompt. `lighter`: light prompts only.
pub fn draw(
    db: &Db,
    couple: &Couple,
    ask: Ask,
    lighter: bool,
    at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> StoreResult<Drawn> {
    let tz = couple.timezone.0;
    let day = couple_day(at, tz, couple.day_start);
    let first_day = couple_day(couple.created_at, tz, couple.day_start);
    let low_mood_yesterday = match day.pred_opt() {
        Some(yesterday) => {
            checkins::lowest_mood(db, couple.id, yesterday)?.is_some_and(|m| m <= deal::LOW_MOOD)
        }
        None => false,
    };
    let moment = Moment {
        age_days: (day - first_day).num_days(),
        since_deep: checkins::last_deep_day(db, couple.id)?.map(|d| (day - d).num_days()),
        low_mood_yesterday,
        local_hour: at.with_timezone(&tz).hour(),
        lighter,
    };
    // The couple's latest pulse leans the nudges' mix (never a deck asked for by name).
    let lean = match ask {
        Ask::Nudge(_) => super::pulse::lean(db, couple, day)?,
        Ask::Deck(_) | Ask::Anniversary(_) => Lean::default(),
    };
    let decks = match ask {
        Ask::Nudge(n) => crate::domain::pulse::decks_for_nudge(n, &lean),
        // Only the anniversary's first nudge draws from its deck; a request never does.
        Ask::Deck(deck) => vec![deck.asked_instead()],
        Ask::Anniversary(n) => {
            let mut decks = vec![Deck::Anniversary];
            decks.extend(deal::decks_for_nudge(n));
            decks
        }
    };
    let mut drawn = None;
    for deck in &decks {
        drawn = draw_from(db, couple, *deck, &moment, &lean, now)?;
        if drawn.is_some() {
            break;
        }
    }
    if let (None, Ask::Deck(deck)) = (&drawn, ask) {
        let deck = deck.asked_instead();
        // Asked for by name: the first weeks' light-only rule gives way; the others hold.
        let asked = Moment {
            age_days: moment.age_days.max(deal::LIGHT_DAYS),
            ..moment
        };
        drawn = draw_from(db, couple, deck, &asked, &lean, now)?;
    }
    let Some(mut drawn) = drawn else {
        let deck = decks.first().copied().unwrap_or(Deck::Appreciation);
        return Ok(Drawn::fallback(deck, &copy::no_prompt(couple.language)));
    };
    drawn.question_kept = drawn.short.is_some() && checkins::answered(db, couple.id, day)?;
    Ok(drawn.in_language(couple.language))
}

/// Makes a drawn prompt, once it is posted (or recorded to be), the prompt of the couple-day
/// of `at`: the day's question when it is one, until the first check-in of the day.
pub fn make_day_prompt(
    db: &Db,
    couple: &Couple,
    drawn: &Drawn,
    at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    if drawn.key.is_empty() {
        return Ok(());
    }
    let day = couple_day(at, couple.timezone.0, couple.day_start);
    let today = DayPrompt {
        key: drawn.key.clone(),
        depth: drawn.depth.level(),
        question: drawn.short.as_ref().map(|short| DayQuestion {
            text: drawn.text.clone(),
            short: short.clone(),
        }),
    };
    checkins::set_day_prompt(db, couple.id, day, &today, now)?;
    Ok(())
}

/// Draws from one deck what `moment` allows: the library's cards and, for a practice's deck,
/// the couple's own. `None` when the moment allows none of them.
fn draw_from(
    db: &Db,
    couple: &Couple,
    deck: Deck,
    moment: &Moment,
    lean: &Lean,
    now: DateTime<Utc>,
) -> StoreResult<Option<Drawn>> {
    let library = Library::builtin();
    let custom = match deck.practice() {
        Some(p) => prompts::custom_of(db, couple.id, p)?,
        None => vec![],
    };
    // A couple mostly apart is not dealt prompts that only work together.
    let mut cards: Vec<Card<'_>> = library
        .of_deck(deck)
        .iter()
        .filter(|p| couple.togetherness.allows(p.place))
        .map(Card::from)
        .collect();
    cards.extend(custom.iter().map(|(k, _, _)| Card {
        key: k,
        depth: Depth::Light,
        when: When::Any,
    }));
    let drawn_keys = prompts::drawn(db, couple.id, deck)?;
    let cards = crate::domain::pulse::lean_cards(&cards, &drawn_keys, moment, deck, lean);
    let Some(pick) = deal::pick(&cards, &drawn_keys, moment, &mut rand::rng()) else {
        return Ok(None);
    };
    if pick.new_round {
        prompts::clear_round(db, couple.id, deck)?;
    }
    prompts::record_draw(db, couple.id, deck, &pick.key, now)?;
    Ok(match library.get(&pick.key) {
        Some(p) => Some(Drawn::of(p)),
        None => custom
            .into_iter()
            .find(|(k, _, _)| *k == pick.key)
            .map(|(key, text, by)| Drawn::custom(key, deck, text, by)),
    })
}

impl Services {
    /// A prompt drawn now, outside the schedule (`/prompt now`, Another prompt, Lighter).
    pub async fn prompt_now(&self, couple: &Couple, deck: Deck, lighter: bool) -> Outcome<Drawn> {
        let now = self.clock.now();
        let couple = couple.clone();
        Ok(self
            .store
            .write(move |tx| {
                let drawn = draw(tx, &couple, Ask::Deck(deck), lighter, now, now)?;
                make_day_prompt(tx, &couple, &drawn, now, now)?;
                Ok(drawn)
            })
            .await?)
    }

    /// Adds a partner's own prompt to the couple's deck of `practice`; each partner keeps at
    /// most [`MAX_CUSTOM_PROMPTS_PER_PARTNER`].
    pub async fn add_prompt(
        &self,
        couple: &Couple,
        practice: Practice,
        text: &str,
        by: UserId,
    ) -> Outcome<()> {
        let (id, text, now) = (couple.id, text.to_string(), self.clock.now());
        let added = self
            .store
            .write(move |tx| {
                if prompts::count_custom_by(tx, id, by)? >= MAX_CUSTOM_PROMPTS_PER_PARTNER {
                    return Ok(false);
                }
                prompts::add_custom(tx, id, practice, &text, by, now)?;
                Ok(true)
            })
            .await?;
        if added {
            Ok(())
        } else {
            Err(super::Refusal::PromptLimit {
                max: MAX_CUSTOM_PROMPTS_PER_PARTNER,
            }
            .into())
        }
    }

    /// The couple's own prompts, oldest first.
    pub async fn custom_prompts(&self, couple: &Couple) -> Outcome<Vec<CustomPrompt>> {
        let id = couple.id;
        Ok(self.store.call(move |c| prompts::all_custom(c, id)).await?)
    }

    /// Removes one of the couple's own prompts, whoever added it; returns what was removed.
    pub async fn remove_prompt(&self, couple: &Couple, prompt: i64) -> Outcome<CustomPrompt> {
        let id = couple.id;
        self.store
            .write(move |tx| prompts::remove_custom(tx, id, prompt))
            .await?
            .ok_or_else(|| super::Refusal::PromptNotFound.into())
    }
}
