//! The couple's prompt decks: drawing the next prompt of a practice (no repeat until the deck
//! is used up), a prompt at once (`/prompt now`, Another prompt), and the couple's own prompts.

use chrono::{DateTime, Utc};

use super::{Outcome, Services};
use crate::copy;
use crate::domain::couple::Couple;
use crate::domain::ids::{CoupleId, UserId};
use crate::domain::prompt::{self, Library, Practice};
use crate::store::{prompts, Db, Result as StoreResult};

/// The most prompts of its own a couple keeps.
pub const MAX_CUSTOM_PROMPTS: u64 = 200;

/// Draws the next prompt of `practice` from the couple's deck and returns its text.
pub fn draw(
    db: &Db,
    couple: CoupleId,
    practice: Practice,
    now: DateTime<Utc>,
) -> StoreResult<String> {
    let library = Library::builtin();
    let custom = prompts::custom_of(db, couple, practice)?;
    let mut candidates: Vec<String> = library.of(practice).iter().map(|p| p.key.clone()).collect();
    candidates.extend(custom.iter().map(|(k, _)| k.clone()));
    let (used, last) = prompts::drawn(db, couple, practice)?;
    let used: std::collections::HashSet<String> = used.into_iter().collect();
    let Some(draw) = prompt::draw(&candidates, &used, last.as_deref(), &mut rand::rng()) else {
        return Ok(copy::NO_PROMPT.to_string());
    };
    if draw.new_round {
        prompts::clear_round(db, couple, practice)?;
    }
    prompts::record_draw(db, couple, practice, &draw.key, now)?;
    Ok(match library.get(&draw.key) {
        Some(p) => p.text.clone(),
        None => custom
            .into_iter()
            .find(|(k, _)| *k == draw.key)
            .map(|(_, t)| t)
            .unwrap_or_else(|| copy::NO_PROMPT.to_string()),
    })
}

impl Services {
    /// A nudge drawn now, outside the schedule (`/prompt now`, Another prompt).
    pub async fn prompt_now(
        &self,
        couple: CoupleId,
        practice: Practice,
    ) -> Outcome<(Practice, String)> {
        let now = self.clock.now();
        Ok(self
            .store
            .write(move |tx| Ok((practice, draw(tx, couple, practice, now)?)))
            .await?)
    }

    /// Adds a couple's own prompt to its deck of `practice`.
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
                if prompts::count_custom(tx, id)? >= MAX_CUSTOM_PROMPTS {
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
                max: MAX_CUSTOM_PROMPTS,
            }
            .into())
        }
    }
}
