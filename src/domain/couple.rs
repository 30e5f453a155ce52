//! A couple, an invitation to become one, and the rules of inviting.

use chrono::{DateTime, Duration, Utc};

use super::ids::{ChannelId, CoupleId, GuildId, InvitationId, UserId};
use super::schedule::CronExpr;
use super::time::{LocalTime, Timezone};

/// How long an invitation can be accepted.
pub const INVITATION_TTL: Duration = Duration::hours(24);
/// The most invitations one person may have waiting for an answer in one server.
pub const MAX_OPEN_INVITATIONS: u32 = 3;
/// How long a closed invitation is kept after it expired, so that a late press on its buttons
/// is still answered kindly ("this invitation expired") rather than as a stale button.
pub const KEPT_AFTER_EXPIRY: Duration = Duration::days(1);

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Couple {
    pub id: CoupleId,
    pub guild_id: GuildId,
    pub channel_id: ChannelId,
    /// The partner who ran /setup, then the one who accepted.
    pub partners: [UserId; 2],
    pub timezone: Timezone,
    /// When nudges fall, parsed once when the couple is read.
    pub schedule: CoupleSchedule,
    /// The bot created the channel (`private_channel:true`).
    pub created_channel: bool,
    pub created_at: DateTime<Utc>,
    /// The next scheduled nudge, once computed.
    pub next_due: Option<DateTime<Utc>>,
    /// Paused until this instant ([`PAUSED_INDEFINITELY`] until /resume).
    pub paused_until: Option<DateTime<Utc>>,
    pub pause_reason: Option<PauseReason>,
    /// The partner who started the pause in force (a /pause of theirs); `None` for a pause for
    /// the channel's sake.
    pub paused_by: Option<UserId>,
    /// The one upcoming nudge /skip skips.
    pub skip_at: Option<DateTime<Utc>>,
    /// Nudges sent so far (decides the headline practice).
    pub nudge_count: u64,
    /// Whether nudges mention both partners.
    pub mention_partners: bool,
    /// When the couple-day starts (local time).
    pub day_start: LocalTime,
    /// Couple-days before this date are closed for good, whatever the time zone says now.
    pub closed_before: Option<chrono::NaiveDate>,
    /// The couple's anniversary (`/anniversary`), as a partner set it.
    pub anniversary: Option<chrono::NaiveDate>,
    /// Each partner's own day, in the order of `partners`: their own time zone, if they set
    /// one, and the days closed for them alone.
    pub own: [PartnerDay; 2],
    /// The couple's own digest weekday (`None`: the host's `digest.weekday`).
    pub digest_weekday: Option<chrono::Weekday>,
    /// Whether the couple is mostly together, mostly apart, or both.
    pub togetherness: Togetherness,
    /// The language of every post haven makes for the couple (English for couples paired
    /// before haven spoke more than one).
    pub language: crate::domain::lang::Lang,
}

/// One partner's own day (PRODUCT.md section 12): their own time zone, when they set one (the
/// couple's otherwise), and the date before which couple-days are closed for them alone (set
/// when their zone or the couple's day start changed, section 9).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PartnerDay {
    pub timezone: Option<Timezone>,
    pub closed_before: Option<chrono::NaiveDate>,
}

/// Whether a couple is mostly together, mostly apart, or both (prompts that only work
/// together are not drawn for a couple mostly apart).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Togetherness {
    Together,
    Apart,
    #[default]
    Both,
}

impl Togetherness {
    pub const ALL: [Togetherness; 3] = [
        Togetherness::Together,
        Togetherness::Apart,
        Togetherness::Both,
    ];

    /// The code stored and used in option values.
    pub fn code(self) -> &'static str {
        match self {
            Togetherness::Together => "together",
            Togetherness::Apart => "apart",
            Togetherness::Both => "both",
        }
    }

    pub fn parse(s: &str) -> Option<Togetherness> {
        Togetherness::ALL.into_iter().find(|t| t.code() == s)
    }

    /// Whether a prompt meant for `place` may be drawn for this couple.
    pub fn allows(self, place: super::prompt::Place) -> bool {
        !(self == Togetherness::Apart && place == super::prompt::Place::Together)
    }
}

/// The closed-day record after leaving zone `tz` (or day start `start`) at `now`: every day
/// that ended, with its grace, under the setting being left stays closed, and so does every
/// day closed before (`prior`).
pub fn closed_leaving(
    tz: chrono_tz::Tz,
    start: LocalTime,
    now: DateTime<Utc>,
    prior: Option<chrono::NaiveDate>,
) -> chrono::NaiveDate {
    let today = super::checkin::couple_day(now, tz, start);
    let yesterday = today.pred_opt().unwrap_or(today);
    let open_from =
        if now < super::checkin::day_end(yesterday, tz, start) + super::checkin::LATE_GRACE {
            yesterday
        } else {
            today
        };
    prior.map_or(open_from, |c| c.max(open_from))
}

/// A couple's schedule as stored. Every schedule is validated before it is stored, but a
/// later haven may parse more strictly: an expression it no longer understands is kept as
/// text (shown as it is, firing never) until a partner sets a new one, rather than making the
/// couple unreadable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CoupleSchedule {
    Cron(Box<CronExpr>),
    Unreadable(String),
}

impl CoupleSchedule {
    /// Parses stored text.
    pub fn from_stored(text: &str) -> CoupleSchedule {
        match CronExpr::parse(text) {
            Ok(e) => CoupleSchedule::Cron(Box::new(e)),
            Err(_) => CoupleSchedule::Unreadable(text.to_string()),
        }
    }

    /// The expression, when it is understood.
    pub fn cron(&self) -> Option<&CronExpr> {
        match self {
            CoupleSchedule::Cron(e) => Some(e),
            CoupleSchedule::Unreadable(_) => None,
        }
    }

    /// The stored text.
    pub fn text(&self) -> &str {
        match self {
            CoupleSchedule::Cron(e) => e.as_str(),
            CoupleSchedule::Unreadable(t) => t,
        }
    }
}

/// Why a couple is paused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PauseReason {
    /// A partner ran /pause.
    User,
    /// Discord refused a post to the channel (unknown channel, missing access or permissions).
    Channel,
}

impl PauseReason {
    pub fn as_str(self) -> &'static str {
        match self {
            PauseReason::User => "user",
            PauseReason::Channel => "channel",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "user" => Some(PauseReason::User),
            "channel" => Some(PauseReason::Channel),
            _ => None,
        }
    }
}

/// What one partner chose to be told (`/notify`). Both are on until they turn them off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Notifications {
    /// haven's posts may ping them.
    pub mentions: bool,
    /// One gentle reminder on a day they have not checked in.
    pub reminders: bool,
}

impl Default for Notifications {
    fn default() -> Self {
        Notifications {
            mentions: true,
            reminders: true,
        }
    }
}

/// "Paused until /resume": the end of year 9999.
pub fn paused_indefinitely() -> DateTime<Utc> {
    DateTime::from_timestamp(253_402_300_799, 0).unwrap_or(DateTime::<Utc>::MAX_UTC)
}

impl Couple {
    /// Whether nudges due at `t` are held by a pause.
    pub fn is_paused_at(&self, t: DateTime<Utc>) -> bool {
        self.paused_until.is_some_and(|until| t < until)
    }

    /// The partner who alone may end the pause in force at `now` early: whoever ran /pause.
    /// `None` when nobody owns it: not paused, a pause for the channel's sake (either partner
    /// resumes once it is fixed), or a pause recorded before pauses had an owner.
    pub fn pause_owner(&self, now: DateTime<Utc>) -> Option<UserId> {
        if !self.is_paused_at(now) || self.pause_reason != Some(PauseReason::User) {
            return None;
        }
        self.paused_by
    }

    /// Whether `user` may end or replace the pause in force at `now`.
    pub fn may_lift_pause(&self, user: UserId, now: DateTime<Utc>) -> bool {
        self.pause_owner(now).is_none_or(|owner| owner == user)
    }

    /// Whether a post may ping `user`: one of the two partners, with mentions on in
    /// `settings` (the partners' own, in the order of `partners`).
    pub fn may_ping(&self, settings: &[Notifications; 2], user: UserId) -> bool {
        self.slot(user).is_some_and(|slot| settings[slot].mentions)
    }

    pub fn is_partner(&self, user: UserId) -> bool {
        self.partners.contains(&user)
    }

    /// Which of the two a partner is (0 for the inviter, 1 for the one who accepted).
    pub fn slot(&self, user: UserId) -> Option<usize> {
        self.partners.iter().position(|p| *p == user)
    }

    /// The time zone partner `slot` lives in: their own, or the couple's.
    pub fn zone_of_slot(&self, slot: usize) -> Timezone {
        self.own
            .get(slot)
            .and_then(|o| o.timezone)
            .unwrap_or(self.timezone)
    }

    /// The time zone `user` lives in (the couple's for anyone who is not a partner).
    pub fn zone_of(&self, user: UserId) -> Timezone {
        self.slot(user)
            .map_or(self.timezone, |slot| self.zone_of_slot(slot))
    }

    /// Days before this date are closed for partner `slot`: their own record, and the
    /// couple's while they live in the couple's zone.
    pub fn closed_for(&self, slot: usize) -> Option<chrono::NaiveDate> {
        let own = self.own.get(slot).copied().unwrap_or_default();
        let couple = if own.timezone.is_none() {
            self.closed_before
        } else {
            None
        };
        match (own.closed_before, couple) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        }
    }

    /// The couple-day a check-in by `user` made at `now` belongs to: the day in their own
    /// time zone, or the first day still open for them when a change of zone or day start made
    /// an ended day current again.
    pub fn checkin_day(&self, user: UserId, now: DateTime<Utc>) -> chrono::NaiveDate {
        let day = super::checkin::couple_day(now, self.zone_of(user).0, self.day_start);
        let closed = self.slot(user).and_then(|s| self.closed_for(s));
        closed.map_or(day, |open| day.max(open))
    }

    /// Whether a form `user` opened for `day` may still be submitted at `now`: it is their
    /// check-in day, or the day before within its grace, and never a day closed for them.
    pub fn accepts_checkin(
        &self,
        user: UserId,
        day: chrono::NaiveDate,
        now: DateTime<Utc>,
    ) -> bool {
        let Some(slot) = self.slot(user) else {
            return false;
        };
        if self.closed_for(slot).is_some_and(|open| day < open) {
            return false;
        }
        day == self.checkin_day(user, now)
            || super::checkin::accepts_submission(
                day,
                now,
                self.zone_of_slot(slot).0,
                self.day_start,
            )
    }

    /// The date before which days are closed after the couple's time zone changes at `now`:
    /// every day that ended (with its grace) under the zone being left.
    pub fn closed_before_leaving_zone(&self, now: DateTime<Utc>) -> chrono::NaiveDate {
        closed_leaving(self.timezone.0, self.day_start, now, self.closed_before)
    }

    /// Partner `slot`'s own closed-day record after their zone or the day start changes at
    /// `now`: every day that ended for them under what they are leaving.
    pub fn closed_for_leaving(&self, slot: usize, now: DateTime<Utc>) -> chrono::NaiveDate {
        closed_leaving(
            self.zone_of_slot(slot).0,
            self.day_start,
            now,
            self.closed_for(slot),
        )
    }

    /// The latest date that has not ended for both partners, each in their own zone: the
    /// streak's "today" (a date is judged only once it is over for both).
    pub fn streak_today(&self, now: DateTime<Utc>) -> chrono::NaiveDate {
        let day = |slot| super::checkin::couple_day(now, self.zone_of_slot(slot).0, self.day_start);
        day(0).min(day(1))
    }

    pub fn other(&self, user: UserId) -> Option<UserId> {
        match self.partners {
            [a, b] if a == user => Some(b),
            [a, b] if b == user => Some(a),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InvitationStatus {
    Pending,
    Accepted,
    Declined,
    Expired,
}

impl InvitationStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            InvitationStatus::Pending => "pending",
            InvitationStatus::Accepted => "accepted",
            InvitationStatus::Declined => "declined",
            InvitationStatus::Expired => "expired",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "pending" => InvitationStatus::Pending,
            "accepted" => InvitationStatus::Accepted,
            "declined" => InvitationStatus::Declined,
            "expired" => InvitationStatus::Expired,
            _ => return None,
        })
    }
}

/// What /setup asked for; becomes a couple when the partner accepts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invitation {
    pub id: InvitationId,
    pub guild_id: GuildId,
    /// Where /setup ran: the couple's channel unless `private_channel`.
    pub channel_id: ChannelId,
    pub inviter: UserId,
    pub invitee: UserId,
    pub timezone: Timezone,
    pub nudge_time: LocalTime,
    pub private_channel: bool,
    pub status: InvitationStatus,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub decided_at: Option<DateTime<Utc>>,
    /// The direct message it was sent in, when /setup ran where outsiders can read: its
    /// buttons live there, not in `channel_id`.
    pub dm_channel_id: Option<ChannelId>,
    /// The inviter's language (their Discord locale at /setup): the couple's posts use it.
    pub language: crate::domain::lang::Lang,
}

impl Invitation {
    /// Pending and not yet expired at `now`.
    pub fn is_open(&self, now: DateTime<Utc>) -> bool {
        self.status == InvitationStatus::Pending && now < self.expires_at
    }

    /// Whether its buttons, pressed in `channel`, are the ones haven sent: in the direct
    /// message for an invitation sent by DM, in the channel /setup ran in otherwise.
    pub fn answered_in(&self, channel: ChannelId) -> bool {
        match self.dm_channel_id {
            Some(dm) => dm == channel,
            None => self.channel_id == channel,
        }
    }

    /// While this invitation stops the same inviter from inviting the same partner again,
    /// until when: while it is open, and for `decline_cooldown` after a Decline.
    pub fn blocks_reinvite_until(
        &self,
        now: DateTime<Utc>,
        decline_cooldown: Duration,
    ) -> Option<DateTime<Utc>> {
        match self.status {
            InvitationStatus::Pending if now < self.expires_at => Some(self.expires_at),
            InvitationStatus::Declined => {
                let until = self.decided_at.unwrap_or(self.created_at) + decline_cooldown;
                (now < until).then_some(until)
            }
            _ => None,
        }
    }

    /// Whether the invitation no longer matters at `now`, so its row is deleted: it can no
    /// longer be answered (it expired [`KEPT_AFTER_EXPIRY`] ago, whatever its answer was), and
    /// a Decline no longer stops the inviter from asking again.
    pub fn no_longer_matters(&self, now: DateTime<Utc>, decline_cooldown: Duration) -> bool {
        let closed = self.expires_at + KEPT_AFTER_EXPIRY <= now;
        closed && self.blocks_reinvite_until(now, decline_cooldown).is_none()
    }
}

/// What deleting the invitations that name someone did: how many went, how many of the
/// invitations they sent were kept because the invited person said not right now (that
/// answer is respected until its cooldown ends), and how many of the deleted ones were
/// their own "not right now" still in force (the inviter may now ask again).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ForgottenInvitations {
    pub deleted: u32,
    pub kept: u32,
    pub lifted: u32,
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn inv(status: InvitationStatus, decided: Option<DateTime<Utc>>) -> Invitation {
        let t0 = Utc.with_ymd_and_hms(2026, 1, 1, 12, 0, 0).unwrap();
        Invitation {
            id: InvitationId(1),
            guild_id: GuildId(1),
            language: Default::default(),
            channel_id: ChannelId(1),
            inviter: UserId(1),
            invitee: UserId(2),
            timezone: Timezone::parse("UTC").unwrap(),
            nudge_time: LocalTime::DEFAULT_NUDGE,
            private_channel: false,
            status,
            created_at: t0,
            expires_at: t0 + INVITATION_TTL,
            decided_at: decided,
            dm_channel_id: None,
        }
    }

    const COOLDOWN: Duration = Duration::days(30);

    #[test]
    fn pending_invitation_is_open_until_it_expires() {
        let i = inv(InvitationStatus::Pending, None);
        assert!(i.is_open(i.created_at));
        assert!(i.is_open(i.expires_at - Duration::seconds(1)));
        assert!(!i.is_open(i.expires_at));
        assert_eq!(
            i.blocks_reinvite_until(i.created_at, COOLDOWN),
            Some(i.expires_at)
        );
        assert_eq!(i.blocks_reinvite_until(i.expires_at, COOLDOWN), None);
    }

    #[test]
    fn decline_blocks_for_the_cooldown_from_the_decline() {
        let t0 = Utc.with_ymd_and_hms(2026, 1, 1, 18, 0, 0).unwrap();
        let i = inv(InvitationStatus::Declined, Some(t0));
        assert_eq!(i.blocks_reinvite_until(t0, COOLDOWN), Some(t0 + COOLDOWN));
        assert_eq!(
            i.blocks_reinvite_until(t0 + COOLDOWN - Duration::seconds(1), COOLDOWN),
            Some(t0 + COOLDOWN)
        );
        assert_eq!(i.blocks_reinvite_until(t0 + COOLDOWN, COOLDOWN), None);
        assert!(!i.is_open(t0));
    }

    #[test]
    fn accepted_and_expired_do_not_block() {
        let i = inv(InvitationStatus::Accepted, None);
        assert_eq!(i.blocks_reinvite_until(i.created_at, COOLDOWN), None);
        let i = inv(InvitationStatus::Expired, None);
        assert_eq!(i.blocks_reinvite_until(i.created_at, COOLDOWN), None);
    }

    #[test]
    fn an_invitation_matters_until_a_day_after_it_expired_or_its_decline_ends() {
        for status in [
            InvitationStatus::Pending,
            InvitationStatus::Accepted,
            InvitationStatus::Expired,
        ] {
            let i = inv(status, None);
            let gone = i.expires_at + KEPT_AFTER_EXPIRY;
            assert!(!i.no_longer_matters(gone - Duration::seconds(1), COOLDOWN));
            assert!(i.no_longer_matters(gone, COOLDOWN), "{status:?}");
        }
        let t0 = Utc.with_ymd_and_hms(2026, 1, 1, 13, 0, 0).unwrap();
        let i = inv(InvitationStatus::Declined, Some(t0));
        assert!(!i.no_longer_matters(i.expires_at + KEPT_AFTER_EXPIRY, COOLDOWN));
        assert!(!i.no_longer_matters(t0 + COOLDOWN - Duration::seconds(1), COOLDOWN));
        assert!(i.no_longer_matters(t0 + COOLDOWN, COOLDOWN));
        // Without a cooldown a decline is kept as long as any closed invitation.
        assert!(!i.no_longer_matters(t0, Duration::zero()));
        assert!(i.no_longer_matters(i.expires_at + KEPT_AFTER_EXPIRY, Duration::zero()));
    }

    #[test]
    fn buttons_count_where_the_invitation_was_sent() {
        let mut i = inv(InvitationStatus::Pending, None);
        assert!(i.answered_in(ChannelId(1)));
        assert!(!i.answered_in(ChannelId(9)));
        i.dm_channel_id = Some(ChannelId(9));
        assert!(i.answered_in(ChannelId(9)));
        assert!(!i.answered_in(ChannelId(1)), "not where /setup ran");
    }

    fn couple_in(tz: &str) -> Couple {
        Couple {
            language: Default::default(),
            id: CoupleId(1),
            guild_id: GuildId(1),
            channel_id: ChannelId(1),
            partners: [UserId(5), UserId(6)],
            timezone: Timezone::parse(tz).unwrap(),
            schedule: CoupleSchedule::from_stored("0 0 20 * * *"),
            created_channel: false,
            created_at: Utc::now(),
            next_due: None,
            paused_until: None,
            pause_reason: None,
            paused_by: None,
            skip_at: None,
            nudge_count: 0,
            mention_partners: true,
            day_start: LocalTime { hour: 4, minute: 0 },
            closed_before: None,
            anniversary: None,
            own: Default::default(),
            digest_weekday: None,
            togetherness: Togetherness::Both,
        }
    }

    #[test]
    fn a_new_time_zone_never_reopens_a_closed_day() {
        let d = chrono::NaiveDate::from_ymd_opt(2026, 11, 10).unwrap();
        // 10:00 in Berlin on D+1: day D ended at 04:00 and its grace at 05:00.
        let now = Utc.with_ymd_and_hms(2026, 11, 11, 9, 0, 0).unwrap();
        let berlin = couple_in("Europe/Berlin");
        assert!(!berlin.accepts_checkin(UserId(5), d, now));
        let closed = berlin.closed_before_leaving_zone(now);
        assert_eq!(closed, d.succ_opt().unwrap());
        // Twelve hours behind UTC it is 21:00 on D again, and D stays closed.
        let moved = Couple {
            timezone: Timezone::parse("Etc/GMT+12").unwrap(),
            closed_before: Some(closed),
            ..berlin.clone()
        };
        assert_eq!(
            crate::domain::checkin::couple_day(now, moved.timezone.0, moved.day_start),
            d
        );
        assert!(!moved.accepts_checkin(UserId(5), d, now));
        assert_eq!(moved.checkin_day(UserId(5), now), closed);
        assert!(moved.accepts_checkin(UserId(5), closed, now));
        // Without the record, the zone alone would have reopened D.
        let unguarded = Couple {
            closed_before: None,
            ..moved
        };
        assert!(unguarded.accepts_checkin(UserId(5), d, now));
    }

    #[test]
    fn each_partner_checks_in_on_their_own_date_and_no_change_reopens_it() {
        let berlin = couple_in("Europe/Berlin");
        let apart = Couple {
            own: [
                PartnerDay::default(),
                PartnerDay {
                    timezone: Some(Timezone::parse("America/Los_Angeles").unwrap()),
                    closed_before: None,
                },
            ],
            ..berlin
        };
        let d = chrono::NaiveDate::from_ymd_opt(2026, 11, 10).unwrap();
        // 09:00 UTC on D+1: 10:00 in Berlin (D+1), 01:00 in Los Angeles (still D).
        let now = Utc.with_ymd_and_hms(2026, 11, 11, 9, 0, 0).unwrap();
        assert_eq!(apart.checkin_day(UserId(5), now), d.succ_opt().unwrap());
        assert_eq!(apart.checkin_day(UserId(6), now), d);
        assert!(!apart.accepts_checkin(UserId(5), d, now), "over in Berlin");
        assert!(
            apart.accepts_checkin(UserId(6), d, now),
            "still D in Los Angeles"
        );
        assert!(
            !apart.accepts_checkin(UserId(7), d, now),
            "never anyone else"
        );
        // The streak judges D only once it is over for both.
        assert_eq!(apart.streak_today(now), d);
        // The Berlin partner moves to Los Angeles too: D, over for them, stays closed.
        let closed = apart.closed_for_leaving(0, now);
        assert_eq!(closed, d.succ_opt().unwrap());
        let moved = Couple {
            own: [
                PartnerDay {
                    timezone: Some(Timezone::parse("America/Los_Angeles").unwrap()),
                    closed_before: Some(closed),
                },
                apart.own[1],
            ],
            ..apart.clone()
        };
        assert!(!moved.accepts_checkin(UserId(5), d, now));
        assert_eq!(moved.checkin_day(UserId(5), now), closed);
        assert!(
            moved.accepts_checkin(UserId(6), d, now),
            "the other is untouched"
        );
        // A later day start (11:00) would make D current again in Berlin: closed for good.
        let closed = [
            apart.closed_for_leaving(0, now),
            apart.closed_for_leaving(1, now),
        ];
        let later = Couple {
            day_start: LocalTime {
                hour: 11,
                minute: 0,
            },
            own: [
                PartnerDay {
                    timezone: None,
                    closed_before: Some(closed[0]),
                },
                PartnerDay {
                    closed_before: Some(closed[1]),
                    ..apart.own[1]
                },
            ],
            ..apart.clone()
        };
        assert_eq!(
            crate::domain::checkin::couple_day(now, later.timezone.0, later.day_start),
            d
        );
        assert!(!later.accepts_checkin(UserId(5), d, now));
        assert_eq!(later.checkin_day(UserId(5), now), d.succ_opt().unwrap());
        // The couple's own record does not close a day that is still open for a partner who
        // lives in their own zone.
        let couple_closed = Couple {
            closed_before: Some(d.succ_opt().unwrap()),
            ..apart
        };
        assert!(couple_closed.accepts_checkin(UserId(6), d, now));
        assert!(!couple_closed.accepts_checkin(UserId(5), d, now));
    }

    #[test]
    fn togetherness_leaves_out_together_prompts_for_couples_apart() {
        use crate::domain::prompt::Place;
        assert!(!Togetherness::Apart.allows(Place::Together));
        assert!(Togetherness::Apart.allows(Place::Apart));
        assert!(Togetherness::Apart.allows(Place::Either));
        for p in Place::ALL {
            assert!(Togetherness::Both.allows(p));
            assert!(Togetherness::Together.allows(p));
        }
        for t in Togetherness::ALL {
            assert_eq!(Togetherness::parse(t.code()), Some(t));
        }
        assert_eq!(Togetherness::parse("funday"), None);
    }

    #[test]
    fn a_day_in_its_grace_stays_open_after_a_change() {
        let d = chrono::NaiveDate::from_ymd_opt(2026, 11, 10).unwrap();
        // 04:30 in Berlin on D+1: D ended half an hour ago and is still in its grace.
        let now = Utc.with_ymd_and_hms(2026, 11, 11, 3, 30, 0).unwrap();
        let berlin = couple_in("Europe/Berlin");
        assert!(berlin.accepts_checkin(UserId(5), d, now));
        assert_eq!(berlin.closed_before_leaving_zone(now), d);
    }

    #[test]
    fn a_pause_is_lifted_early_only_by_whoever_started_it() {
        let now = Utc.with_ymd_and_hms(2026, 11, 10, 12, 0, 0).unwrap();
        let paused = Couple {
            paused_until: Some(now + Duration::days(3)),
            pause_reason: Some(PauseReason::User),
            paused_by: Some(UserId(5)),
            ..couple_in("UTC")
        };
        assert_eq!(paused.pause_owner(now), Some(UserId(5)));
        assert!(paused.may_lift_pause(UserId(5), now));
        assert!(!paused.may_lift_pause(UserId(6), now));
        // Once it has ended, it is nobody's.
        let later = now + Duration::days(3);
        assert_eq!(paused.pause_owner(later), None);
        assert!(paused.may_lift_pause(UserId(6), later));
        // A pause for the channel's sake is either partner's to lift.
        let channel = Couple {
            pause_reason: Some(PauseReason::Channel),
            paused_by: None,
            ..paused.clone()
        };
        assert!(channel.may_lift_pause(UserId(6), now));
        // So is one recorded before pauses had an owner.
        let legacy = Couple {
            paused_by: None,
            ..paused
        };
        assert!(legacy.may_lift_pause(UserId(6), now));
    }

    #[test]
    fn only_partners_with_mentions_on_are_pinged() {
        let c = couple_in("UTC");
        let off = Notifications {
            mentions: false,
            reminders: true,
        };
        let settings = [Notifications::default(), off];
        assert!(c.may_ping(&settings, UserId(5)));
        assert!(!c.may_ping(&settings, UserId(6)));
        assert!(!c.may_ping(&settings, UserId(7)), "never anyone else");
    }

    #[test]
    fn other_partner() {
        let c = couple_in("UTC");
        assert_eq!(c.other(UserId(5)), Some(UserId(6)));
        assert_eq!(c.other(UserId(6)), Some(UserId(5)));
        assert_eq!(c.other(UserId(7)), None);
        assert!(!c.is_partner(UserId(7)));
    }
}
