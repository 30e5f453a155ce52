//! The one authorisation rule every couple command and button goes through.

use super::{Outcome, Refusal, Services};
use crate::domain::couple::Couple;
use crate::domain::ids::{ChannelId, CoupleId, GuildId, UserId};
use crate::store::couples;

/// Where the person stands in the channel an interaction came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Access {
    /// The channel belongs to no couple.
    NoCouple,
    /// The person is one of the channel's two partners.
    Partner(Couple),
    /// The channel belongs to a couple the person is not part of.
    Outsider,
}

impl Access {
    /// The couple, for a partner; the refusal everyone else gets.
    pub fn require_partner(self) -> Result<Couple, Refusal> {
        match self {
            Access::Partner(c) => Ok(c),
            Access::Outsider => Err(Refusal::NotAPartner),
            Access::NoCouple => Err(Refusal::NoCoupleHere),
        }
    }
}

impl Services {
    /// Where `user` stands in `channel` of `guild`. A couple is found only in its own server:
    /// an interaction that names another server (or none) sees no couple there.
    pub async fn access(
        &self,
        guild: Option<GuildId>,
        channel: ChannelId,
        user: UserId,
    ) -> Outcome<Access> {
        let couple = self
            .store
            .call(move |c| couples::by_channel(c, channel))
            .await?
            .filter(|c| Some(c.guild_id) == guild);
        Ok(match couple {
            None => Access::NoCouple,
            Some(c) if c.is_partner(user) => Access::Partner(c),
            Some(_) => Access::Outsider,
        })
    }

    /// The couple `user` belongs to in `guild`, from any channel (for `/forget`).
    pub async fn own_couple(&self, guild: GuildId, user: UserId) -> Outcome<Option<Couple>> {
        Ok(self
            .store
            .call(move |c| couples::by_member(c, guild, user))
            .await?)
    }
}

impl Services {
    /// The couple `id`, for one of its partners; everyone else is refused.
    pub async fn couple_of_partner(&self, id: CoupleId, user: UserId) -> Outcome<Couple> {
        self.store
            .call(move |c| couples::by_id(c, id))
            .await?
            .filter(|c| c.is_partner(user))
            .ok_or_else(|| Refusal::NotYourCouple.into())
    }
}
