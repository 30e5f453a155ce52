//! Invitations after /setup recorded them: where one was delivered, withdrawing one nobody
//! received, deleting the rows that no longer matter, and deleting, at their request, the
//! invitations that name someone who is not paired.

use super::{Outcome, Services};
use crate::domain::couple::{ForgottenInvitations, KEPT_AFTER_EXPIRY};
use crate::domain::ids::{ChannelId, GuildId, InvitationId, UserId};
use crate::store::invitations;

impl Services {
    /// The invitation is being sent by direct message in `dm`: its buttons are answered there.
    /// Recorded before the message is sent, so a quick press finds it.
    pub async fn sent_by_dm(&self, id: InvitationId, dm: ChannelId) -> Outcome<()> {
        self.store
            .call(move |c| invitations::set_dm_channel(c, id, dm))
            .await?;
        Ok(())
    }

    /// The invitation could not be delivered: it is deleted, so it neither counts as open nor
    /// stops the inviter from trying again where the two of them can read.
    pub async fn withdraw_invitation(&self, id: InvitationId) -> Outcome<()> {
        self.store.call(move |c| invitations::delete(c, id)).await?;
        Ok(())
    }

    /// Deletes every invitation that no longer matters (a day after it expired, and for a
    /// declined one once `setup.reinvite_after_decline_days` have passed too). Returns how
    /// many went.
    pub async fn sweep_invitations(&self) -> Outcome<usize> {
        let now = self.clock.now();
        let expired_before = now - KEPT_AFTER_EXPIRY;
        let declined_before = now - self.settings.reinvite_after_decline();
        let gone = self
            .store
            .call(move |c| invitations::purge(c, expired_before, declined_before))
            .await?;
        if gone > 0 {
            tracing::debug!(invitations = gone, "closed invitations deleted");
        }
        Ok(gone)
    }

    /// `/forget` from someone not paired in `guild`: deletes the invitations that name them,
    /// except those they sent that were declined and still keep them from asking again.
    pub async fn forget_invitations(
        &self,
        guild: GuildId,
        user: UserId,
    ) -> Outcome<ForgottenInvitations> {
        let declined_after = self.clock.now() - self.settings.reinvite_after_decline();
        Ok(self
            .store
            .write(move |tx| invitations::forget_naming(tx, guild, user, declined_after))
            .await?)
    }
}
