//! Forgetting a couple: every row that names it or its partners, in one transaction.

use super::{Outcome, Refusal, Services};
use crate::domain::couple::Couple;
use crate::domain::ids::{CoupleId, MessageId, UserId};
use crate::store::{couples, invitations, outbox};

impl Services {
    /// As [`Services::forget`], also returning the bot's own posts in the channel (to delete).
    pub async fn forget_with_posts(
        &self,
        couple: CoupleId,
        by: UserId,
    ) -> Outcome<(Couple, Vec<MessageId>)> {
        let posts = self
            .store
            .call(move |c| outbox::messages_of_couple(c, couple))
            .await?;
        let gone = self.forget(couple, by).await?;
        Ok((gone, posts))
    }

    /// Deletes the couple, its partners and their invitations in this server. Only a partner
    /// of that couple may do it.
    pub async fn forget(&self, couple: CoupleId, by: UserId) -> Outcome<Couple> {
        self.store
            .write_or_refuse(move |tx| {
                let Some(found) = couples::by_id(tx, couple)? else {
                    return Ok(Err(Refusal::NotYourCouple));
                };
                if !found.is_partner(by) {
                    return Ok(Err(Refusal::NotYourCouple));
                }
                for p in found.partners {
                    invitations::delete_for_user(tx, found.guild_id, p)?;
                }
                couples::delete(tx, found.id)?;
                Ok(Ok(found))
            })
            .await?
            .map_err(Into::into)
    }
}
