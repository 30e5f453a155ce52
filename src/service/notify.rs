//! Each partner's own notifications (`/notify`): whether haven's posts may ping them, and
//! whether they get the day's gentle reminder. Only the partner sees or changes their own.

use super::{Outcome, Services};
use crate::domain::couple::{Couple, Notifications};
use crate::domain::ids::UserId;
use crate::store::partner_settings;

impl Services {
    /// A partner's notifications.
    pub async fn notifications(&self, couple: &Couple, user: UserId) -> Outcome<Notifications> {
        let id = couple.id;
        Ok(self
            .store
            .call(move |c| partner_settings::notifications(c, id, user))
            .await?)
    }

    /// Changes what is given of a partner's notifications and returns them as they now are.
    pub async fn set_notifications(
        &self,
        couple: &Couple,
        user: UserId,
        mentions: Option<bool>,
        reminders: Option<bool>,
    ) -> Outcome<Notifications> {
        let (id, now) = (couple.id, self.clock.now());
        Ok(self
            .store
            .write(move |tx| {
                let mut n = partner_settings::notifications(tx, id, user)?;
                n.mentions = mentions.unwrap_or(n.mentions);
                n.reminders = reminders.unwrap_or(n.reminders);
                partner_settings::set_notifications(tx, id, user, n, now)?;
                Ok(n)
            })
            .await?)
    }

    /// Those of `users` a message may ping now: partners of the couple with mentions on.
    pub async fn pingable(&self, couple: &Couple, users: &[UserId]) -> Outcome<Vec<UserId>> {
        let c2 = couple.clone();
        let settings = self
            .store
            .call(move |c| partner_settings::of_couple(c, &c2))
            .await?;
        Ok(users
            .iter()
            .copied()
            .filter(|u| couple.may_ping(&settings, *u))
            .collect())
    }
}
