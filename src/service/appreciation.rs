//! Appreciations: said to the partner with /appreciate, or kept in the couple's jar.

use super::{Outcome, Refusal, Services};
use crate::domain::couple::Couple;
use crate::domain::ids::{ChannelId, MessageId, UserId};
use crate::store::appreciations;

/// Longest appreciation, in characters.
pub const MAX_APPRECIATION: usize = 1000;
/// The most appreciations one partner says with /appreciate on one couple-day.
pub const MAX_APPRECIATIONS_A_DAY: u32 = 20;

/// Text cleaned by the rule for every partner's free text, with something to read, within the
/// limit.
pub fn validate(text: &str) -> Result<String, Refusal> {
    let t = crate::domain::text::clean(text).ok_or(Refusal::EmptyAppreciation)?;
    let n = t.chars().count();
    if n > MAX_APPRECIATION {
        return Err(Refusal::AppreciationTooLong(n));
    }
    Ok(t)
}

impl Services {
    /// Records an appreciation from `from` to their partner; returns the partner.
    pub async fn appreciate(&self, couple: &Couple, from: UserId, text: &str) -> Outcome<UserId> {
        let text = validate(text)?;
        let to = couple.other(from).ok_or(Refusal::NotAPartner)?;
        let (id, now) = (couple.id, self.clock.now());
        // The couple-day began at the end of the day before.
        let today = couple.checkin_day(from, now);
        let day_began = crate::domain::checkin::day_end(
            today.pred_opt().unwrap_or(today),
            couple.zone_of(from).0,
            couple.day_start,
        );
        let said = self
            .store
            .write(move |tx| {
                if appreciations::said_since(tx, id, from, day_began)? >= MAX_APPRECIATIONS_A_DAY {
                    return Ok(false);
                }
                appreciations::add(tx, id, from, to, &text, None, now)?;
                Ok(true)
            })
            .await?;
        if !said {
            return Err(Refusal::AppreciationsToday {
                max: MAX_APPRECIATIONS_A_DAY,
            }
            .into());
        }
        Ok(to)
    }

    /// Keeps a message the partner wrote in the couple's channel in the jar. False when it is
    /// there already.
    pub async fn save_to_jar(
        &self,
        couple: &Couple,
        saver: UserId,
        author: UserId,
        channel: ChannelId,
        message: MessageId,
        text: &str,
    ) -> Outcome<bool> {
        if channel != couple.channel_id {
            return Err(Refusal::JarOtherChannel.into());
        }
        if author == saver {
            return Err(Refusal::JarOwnMessage.into());
        }
        if couple.other(saver) != Some(author) {
            return Err(Refusal::JarNotPartner.into());
        }
        let text = validate(text).map_err(|_| Refusal::JarEmpty)?;
        let (id, now) = (couple.id, self.clock.now());
        Ok(self
            .store
            .call(move |c| appreciations::add(c, id, author, saver, &text, Some(message), now))
            .await?)
    }
}
