//! Appreciations: said to the partner with /appreciate, or kept in the couple's jar.

use super::{Outcome, Refusal, Services};
use crate::domain::couple::Couple;
use crate::domain::ids::{ChannelId, MessageId, UserId};
use crate::store::appreciations;

/// Longest appreciation, in characters.
pub const MAX_APPRECIATION: usize = 1000;

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
        self.store
            .call(move |c| appreciations::add(c, id, from, to, &text, None, now))
            .await?;
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
