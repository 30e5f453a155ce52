//! Forgetting a couple: every row that names it or its partners, in one transaction.

use rusqlite::TransactionBehavior;

use super::{Outcome, Refusal, Services};
use crate::domain::couple::Couple;
use crate::domain::ids::{CoupleId, UserId};
use crate::store::{couples, invitations};

impl Services {
    /// Deletes the couple, its partners and their invitations in this server. Only a partner
    /// of that couple may do it.
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
