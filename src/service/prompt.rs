//! The couple's prompt decks: drawing the next prompt of a practice (no repeat until the deck
//! is used up), a prompt at once (`/prompt now`, Another prompt), and the couple's own prompts.

use chrono::{DateTime, Utc};

use super::{Outcome, Services};
use crate::copy;
use crate::domain::couple::Couple;
use crate::domain::ids::{CoupleId, UserId};
use crate::domain::prompt::{self, CustomPrompt, Drawn, Library, Practice};
use crate::store::{prompts, Db, Result as StoreResult};

/// The most prompts of their own each partner keeps in the couple's decks.
pub const MAX_CUSTOM_PROMPTS_PER_PARTNER: u64 = 20;

/// Draws the next prompt of `practice` from the couple's deck: its words, and who added it
/// when it is one of the couple's own.
pub fn draw(
    db: &Db,
    couple: CoupleId,
    practice: Practice,
    now: DateTime<Utc>,
) -> StoreResult<Drawn> {
    let library = Library::builtin();
    let custom = prompts::custom_of(db, couple, practice)?;
    let mut candidates: Vec<String> = library.of(practice).iter().map(|p| p.key.clone()).collect();
    candidates.extend(custom.iter().map(|(k, _, _)| k.clone()));
    let (used, last) = prompts::drawn(db, couple, practice)?;
    let used: std::collections::HashSet<String> = used.into_iter().collect();
    let fallback = || Drawn {
        text: copy::NO_PROMPT.to_string(),
        added_by: None,
    };
    let Some(draw) = prompt::draw(&candidates, &used, last.as_deref(), &mut rand::rng()) else {
        return Ok(fallback());
    };
    if draw.new_round {
        prompts::clear_round(db, couple, practice)?;
    }
    prompts::record_draw(db, couple, practice, &draw.key, now)?;
    Ok(match library.get(&draw.key) {
        Some(p) => Drawn {
            text: p.text.clone(),
            added_by: None,
        },
        None => custom
            .into_iter()
            .find(|(k, _, _)| *k == draw.key)
            .map(|(_, text, by)| Drawn {
                text,
                added_by: Some(by),
            })
            .unwrap_or_else(fallback),
    })
}

impl Services {
    /// A nudge drawn now, outside the schedule (`/prompt now`, Another prompt).
    pub async fn prompt_now(
        &self,
        couple: CoupleId,
        practice: Practice,
    ) -> Outcome<(Practice, Drawn)> {
        let now = self.clock.now();
        Ok(self
            .store
            .write(move |tx| Ok((practice, draw(tx, couple, practice, now)?)))
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
