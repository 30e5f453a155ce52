//! Forgetting a couple: every row that names it or its partners, in one transaction.

use rusqlite::TransactionBehavior;

use super::{Outcome, Refusal, Services};
use crate::domain::couple::Couple;
use crate::domain::ids::{CoupleId, MessageId, UserId};
use crate::store::{couples, invitations};

impl Services {
    /// Deletes the couple, its partners and their invitations in this server. Only a partner
    /// of that couple may do it.
    /// As [`Services::forget`], also returning the bot's own posts in the channel (to delete).
    pub async fn forget_with_posts(
        &self,
        couple: CoupleId,
        by: UserId,
    ) -> Outcome<(Couple, Vec<MessageId>)> {
        let posts = self
            .store
            .call(move |c| {
                let mut stmt = c.prepare(
                    "SELECT message_id FROM outbox WHERE couple_id = ?1 AND message_id IS NOT NULL",
                )?;
                let ids = stmt
                    .query_map([couple.to_sql()], |r| r.get::<_, i64>(0))?
                    .collect::<rusqlite::Result<Vec<_>>>()?;
                Ok(ids.into_iter().map(MessageId::from_sql).collect::<Vec<_>>())
            })
            .await?;
        let gone = self.forget(couple, by).await?;
        Ok((gone, posts))
    }

    pub async fn forget(&self, couple: CoupleId, by: UserId) -> Outcome<Couple> {
        self.store
            .call(move |c| {
                let tx = c.transaction_with_behavior(TransactionBehavior::Immediate)?;
                let Some(found) = couples::by_id(&tx, couple)? else {
                    return Ok(Err(Refusal::NotYourCouple));
                };
                if !found.is_partner(by) {
                    return Ok(Err(Refusal::NotYourCouple));
                }
                for p in found.partners {
                    invitations::delete_for_user(&tx, found.guild_id, p)?;
                }
                couples::delete(&tx, found.id)?;
                tx.commit()?;
                Ok(Ok(found))
            })
            .await?
            .map_err(Into::into)
    }
}
