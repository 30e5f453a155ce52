//! Pairing: an invitation from /setup, and the invited partner's Accept or Decline.

use super::{Fail, Outcome, Refusal, Services};
use crate::domain::couple::{
    Couple, Invitation, InvitationStatus, INVITATION_TTL, MAX_OPEN_INVITATIONS,
};
use crate::domain::ids::{ChannelId, GuildId, InvitationId, UserId};
use crate::domain::post::PostKind;
use crate::domain::schedule::{occurrences_after, CronExpr};
use crate::domain::time::{LocalTime, Timezone};
use crate::render::posts;
use crate::store::{couples, invitations, Db, StoreError};

/// What /setup asked for, already parsed.
#[derive(Debug, Clone)]
pub struct SetupRequest {
    pub guild_id: GuildId,
    pub channel_id: ChannelId,
    pub inviter: UserId,
    pub invitee: UserId,
    pub invitee_is_bot: bool,
    pub timezone: Timezone,
    pub nudge_time: LocalTime,
    pub private_channel: bool,
    /// The inviter's language, from the /setup interaction's locale.
    pub language: crate::copy::Lang,
}

/// Where the couple will live once the partner accepts.
#[derive(Debug, Clone, Copy)]
pub enum Home {
    /// The channel /setup ran in.
    Existing,
    /// A channel the bot created for them.
    Created(ChannelId),
}

impl Services {
    /// Sets the language of every post haven makes for the couple from now on (`/settings`);
    /// posts already recorded keep their words.
    pub async fn set_couple_language(
        &self,
        couple: &Couple,
        lang: crate::copy::Lang,
    ) -> Outcome<()> {
        let id = couple.id;
        let found = self
            .store
            .call(move |c| couples::set_language(c, id, lang))
            .await?;
        if found {
            Ok(())
        } else {
            Err(Refusal::NotYourCouple.into())
        }
    }

    /// The language `user` chose for themselves in `/settings`, if any: their private answers
    /// and messages use it instead of their Discord language.
    pub async fn chosen_language(&self, user: UserId) -> Outcome<Option<crate::copy::Lang>> {
        Ok(self
            .store
            .call(move |c| crate::store::partner_settings::chosen_language(c, user))
            .await?
            .as_deref()
            .and_then(crate::copy::Lang::from_code))
    }

    /// Checks everything that does not need Discord and records a pending invitation.
    pub async fn invite(&self, req: SetupRequest) -> Outcome<Invitation> {
        if req.invitee == req.inviter {
            return Err(Refusal::PartnerIsSelf.into());
        }
        if req.invitee_is_bot {
            return Err(Refusal::PartnerIsBot.into());
        }
        let now = self.clock.now();
        let limits = Limits {
            max_created: self.settings.setup.max_created_channels_per_guild,
            decline_cooldown: self.settings.reinvite_after_decline(),
        };
        self.store
            .write_or_refuse(move |tx| {
                if let Some(refusal) = setup_refusal(tx, &req, now, &limits)? {
                    return Ok(Err(refusal));
                }
                let inv = invitations::insert(
                    tx,
                    &invitations::NewInvitation {
                        guild_id: req.guild_id,
                        channel_id: req.channel_id,
                        inviter: req.inviter,
                        invitee: req.invitee,
                        timezone: req.timezone,
                        nudge_time: req.nudge_time,
                        private_channel: req.private_channel,
                        created_at: now,
                        expires_at: now + INVITATION_TTL,
                        language: req.language,
                    },
                )?;
                Ok(Ok(inv))
            })
            .await?
            .map_err(Fail::Refused)
    }

    /// Loads an invitation for the person who pressed one of its buttons in `channel` (the
    /// channel /setup posted it in, or the direct message it was sent in), and refuses anyone
    /// but the invited partner, or an invitation no longer open.
    /// The language an invitation was written in, while it is kept.
    pub async fn invitation_language(
        &self,
        id: InvitationId,
    ) -> Outcome<Option<crate::copy::Lang>> {
        Ok(self
            .store
            .call(move |c| invitations::by_id(c, id))
            .await?
            .map(|i| i.language))
    }

    pub async fn invitation_for_answer(
        &self,
        id: InvitationId,
        channel: ChannelId,
        presser: UserId,
    ) -> Outcome<Invitation> {
        let now = self.clock.now();
        let inv = self
            .store
            .call(move |c| invitations::by_id(c, id))
            .await?
            .filter(|i| i.answered_in(channel))
            .ok_or(Refusal::InvitationGone)?;
        if inv.invitee != presser {
            return Err(Refusal::InvitationNotForYou.into());
        }
        match inv.status {
            InvitationStatus::Pending if inv.is_open(now) => Ok(inv),
            InvitationStatus::Pending => {
                self.store
                    .call(move |c| invitations::decide(c, id, InvitationStatus::Expired, now))
                    .await?;
                Err(Refusal::InvitationExpired.into())
            }
            InvitationStatus::Expired => Err(Refusal::InvitationExpired.into()),
            other => Err(Refusal::InvitationAlreadyDecided(other).into()),
        }
    }

    /// Refuses a bot-created channel when the server already has the configured maximum.
    pub async fn may_create_channel(&self, guild: GuildId) -> Outcome<()> {
        let max = self.settings.setup.max_created_channels_per_guild;
        let n = self
            .store
            .call(move |c| couples::count_created_channels(c, guild))
            .await?;
        if n >= max {
            return Err(Refusal::TooManyCreatedChannels { max }.into());
        }
        Ok(())
    }

    /// The invited partner accepted: the couple becomes active in `home`. Everything is
    /// re-checked in one IMMEDIATE transaction, so two presses or a race with another /setup
    /// give one couple.
    pub async fn accept(&self, inv: &Invitation, home: Home) -> Outcome<Couple> {
        let now = self.clock.now();
        let max_created = self.settings.setup.max_created_channels_per_guild;
        let inv = inv.clone();
        self.store
            .write_or_refuse(move |tx| {
                let current = invitations::by_id(tx, inv.id)?;
                match current {
                    Some(i) if i.is_open(now) => {}
                    Some(i) if i.status == InvitationStatus::Pending => {
                        return Ok(Err(Refusal::InvitationExpired))
                    }
                    Some(i) => return Ok(Err(Refusal::InvitationAlreadyDecided(i.status))),
                    None => return Ok(Err(Refusal::InvitationGone)),
                }
                let (channel_id, created_channel) = match home {
                    Home::Existing => (inv.channel_id, false),
                    Home::Created(ch) => (ch, true),
                };
                // Checked again here: two accepts at once both passed the check before their
                // channels were created.
                if created_channel
                    && couples::count_created_channels(tx, inv.guild_id)? >= max_created
                {
                    return Ok(Err(Refusal::TooManyCreatedChannels { max: max_created }));
                }
                if couples::by_channel(tx, channel_id)?.is_some() {
                    return Ok(Err(Refusal::ChannelAlreadyPaired));
                }
                if let Some(refusal) = pairing_refusal(tx, &inv)? {
                    return Ok(Err(refusal));
                }
                let schedule = CronExpr::daily_at(inv.nudge_time);
                let next_due = occurrences_after(&schedule, inv.timezone.0, now).next();
                let new = couples::NewCouple {
                    guild_id: inv.guild_id,
                    channel_id,
                    partners: [inv.inviter, inv.invitee],
                    timezone: inv.timezone,
                    schedule,
                    created_channel,
                    created_at: now,
                    next_due,
                    language: inv.language,
                };
                // A race the checks above could not see (the transaction is rolled back).
                let Some(couple) = couples::insert(tx, &new)? else {
                    return Ok(Err(Refusal::ChannelAlreadyPaired));
                };
                invitations::decide(tx, inv.id, InvitationStatus::Accepted, now)?;
                Ok(Ok(couple))
            })
            .await?
            .map_err(Fail::Refused)
            .inspect(|_| self.wake.notify_one())
    }

    /// Refuses, before anything is created for it, an invitation that cannot become a couple
    /// because one of the two is paired in the server already (see [`pairing_refusal`]).
    pub async fn may_accept(&self, inv: &Invitation) -> Outcome<()> {
        let inv = inv.clone();
        match self.store.call(move |c| pairing_refusal(c, &inv)).await? {
            Some(refusal) => Err(refusal.into()),
            None => Ok(()),
        }
    }

    /// The invited partner declined: the same inviter cannot invite them again for
    /// `setup.reinvite_after_decline_days`.
    pub async fn decline(&self, inv: &Invitation) -> Outcome<()> {
        let now = self.clock.now();
        let id = inv.id;
        let changed = self
            .store
            .call(move |c| invitations::decide(c, id, InvitationStatus::Declined, now))
            .await?;
        if changed {
            Ok(())
        } else {
            Err(Refusal::InvitationAlreadyDecided(InvitationStatus::Declined).into())
        }
    }
}

/// What limits a new invitation, from the settings.
struct Limits {
    max_created: u32,
    decline_cooldown: chrono::Duration,
}

/// Why an invitation may not be recorded. Whether the invited person is paired is never a
/// reason: a refusal would tell a stranger who is paired. A paired person gets the invitation
/// like anyone, and learns only if they accept (see [`pairing_refusal`]) what they know already.
fn setup_refusal(
    c: &Db,
    req: &SetupRequest,
    now: chrono::DateTime<chrono::Utc>,
    limits: &Limits,
) -> Result<Option<Refusal>, StoreError> {
    if !req.private_channel {
        if couples::by_channel(c, req.channel_id)?.is_some() {
            return Ok(Some(Refusal::ChannelAlreadyPaired));
        }
        if invitations::open_for_channel(c, req.channel_id, now)?.is_some() {
            return Ok(Some(Refusal::ChannelHasOpenInvitation));
        }
    } else if couples::count_created_channels(c, req.guild_id)? >= limits.max_created {
        return Ok(Some(Refusal::TooManyCreatedChannels {
            max: limits.max_created,
        }));
    }
    if let Some(existing) = couples::by_member(c, req.guild_id, req.inviter)? {
        return Ok(Some(Refusal::YouArePaired(existing.channel_id)));
    }
    if let Some(prev) = invitations::latest_for_pair(c, req.guild_id, req.inviter, req.invitee)? {
        if let Some(until) = prev.blocks_reinvite_until(now, limits.decline_cooldown) {
            return Ok(Some(match prev.status {
                InvitationStatus::Declined => Refusal::RecentlyDeclined,
                _ => Refusal::AlreadyInvited { until },
            }));
        }
    }
    if invitations::count_open_by_inviter(c, req.guild_id, req.inviter, now)?
        >= MAX_OPEN_INVITATIONS
    {
        return Ok(Some(Refusal::TooManyOpenInvitations {
            max: MAX_OPEN_INVITATIONS,
        }));
    }
    Ok(None)
}

/// Why an invitation cannot become a couple, as said to the invited person pressing Accept:
/// that they are paired already (they know), or, when the inviter paired since, only that it
/// can no longer be accepted.
fn pairing_refusal(c: &Db, inv: &Invitation) -> Result<Option<Refusal>, StoreError> {
    if let Some(existing) = couples::by_member(c, inv.guild_id, inv.invitee)? {
        return Ok(Some(Refusal::YouArePaired(existing.channel_id)));
    }
    if couples::by_member(c, inv.guild_id, inv.inviter)?.is_some() {
        return Ok(Some(Refusal::InvitationCannotBeAccepted));
    }
    Ok(None)
}

impl Services {
    /// Records the welcome post of a new couple channel and wakes the sender.
    pub async fn welcome(&self, couple: &Couple, time: &str) -> Outcome<()> {
        let now = self.clock.now();
        let occurrence = couple.created_at;
        let post = posts::welcome_post(
            couple.language,
            couple.partners,
            couple.timezone.name(),
            time,
            &PostKind::Welcome.marker(occurrence, couple.id),
        );
        let couple = couple.clone();
        self.store
            .call(move |c| {
                super::outbox::enqueue(c, &couple, PostKind::Welcome, occurrence, &post, now)
            })
            .await?;
        self.wake.notify_one();
        Ok(())
    }
}
