//! `/settings`: the couple's settings (when the day starts, the digest's weekday, together or
//! apart), changed by either partner and announced in the channel; and each partner's own
//! (time zone, notifications, language), which only they see and change and which are never
//! announced (PRODUCT.md sections 9 and 12).

use chrono::{DateTime, Duration, Utc, Weekday};

use super::outbox::enqueue;
use super::{Outcome, Refusal, Services};
use crate::copy;
use crate::domain::couple::Couple;
use crate::domain::ids::UserId;
use crate::domain::post::{Post, PostKind};
use crate::domain::settings::{
    night_times, CoupleChange, SettingsChange, SettingsChanged, SettingsView,
};
use crate::store::{couples, outbox, partner_settings, Db, Result as StoreResult};

/// The settings `user` sees: the couple's and their own.
fn view(
    tx: &Db,
    couple: &Couple,
    user: UserId,
    host_weekday: Weekday,
) -> StoreResult<SettingsView> {
    let slot = couple.slot(user).unwrap_or(0);
    Ok(SettingsView {
        day_start: couple.day_start,
        digest_weekday: couple.digest_weekday.unwrap_or(host_weekday),
        digest_is_default: couple.digest_weekday.is_none(),
        togetherness: couple.togetherness,
        couple_zone: couple.timezone,
        own_zone: couple.own[slot].timezone,
        notifications: partner_settings::notifications(tx, couple.id, user)?,
        // The choice in force: the latest they made, in whichever couple (as for every reply).
        language: partner_settings::chosen_language(tx, user)?
            .as_deref()
            .and_then(crate::copy::Lang::from_code),
        channel_language: couple.language,
    })
}

/// Records the announcement of `changes` made by `by`: one post, said once (the first free
/// second from `now` is its occurrence, so two changes in one second are two posts).
fn announce(
    tx: &Db,
    couple: &Couple,
    by: UserId,
    changes: &[CoupleChange],
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let mut key = now;
    while outbox::exists(tx, couple.id, PostKind::Settings, key)? {
        key += Duration::seconds(1);
    }
    let post = Post {
        content: Some(copy::settings_announced(couple.language, by, changes)),
        ..Post::default()
    };
    enqueue(tx, couple, PostKind::Settings, key, &post, now)
}

/// After the channel's language changed to `lang`: the posts already planned for later (a
/// day's reminders, the reminder of a talk), written in the old language, are written again in
/// the new one, so that "from now on" holds. A digest is written when it leaves, and a nudge
/// when it is due, so they need nothing.
fn reword_planned(tx: &Db, couple: &Couple, lang: crate::copy::Lang) -> StoreResult<()> {
    for row in outbox::planned(tx, couple.id, PostKind::Reminder)? {
        // A reminder's occurrence is its partner's day and slot (see `plan_reminders`).
        let (_, slot) = super::checkin::day_of_key(row.occurrence);
        let marker = PostKind::Reminder.marker(row.occurrence, couple.id);
        let partner = couple.partners[slot.min(1)];
        let post = crate::render::posts::reminder(lang, partner, &marker);
        outbox::set_post(tx, row.id, &post)?;
    }
    for row in outbox::planned(tx, couple.id, PostKind::TalkReminder)? {
        let marker = PostKind::TalkReminder.marker(row.occurrence, couple.id);
        let post = crate::render::onmymind::talk_reminder(lang, couple.partners, &marker);
        outbox::set_post(tx, row.id, &post)?;
    }
    Ok(())
}

impl Services {
    fn host_weekday(&self) -> Weekday {
        self.settings.digest_weekday().unwrap_or(Weekday::Sun)
    }

    /// What `/settings` shows `user`.
    pub async fn settings_view(&self, couple: &Couple, user: UserId) -> Outcome<SettingsView> {
        if !couple.is_partner(user) {
            return Err(Refusal::NotAPartner.into());
        }
        let (c2, host) = (couple.clone(), self.host_weekday());
        Ok(self.store.call(move |c| view(c, &c2, user, host)).await?)
    }

    /// Applies `/settings` for `user`, in one transaction: couple-wide changes that change
    /// something are announced in the channel, once; personal ones are not. No change of the
    /// day start or of a zone reopens a couple-day that has ended for anyone (section 9).
    pub async fn change_settings(
        &self,
        couple: &Couple,
        user: UserId,
        change: SettingsChange,
    ) -> Outcome<SettingsChanged> {
        let slot = couple.slot(user).ok_or(Refusal::NotAPartner)?;
        let (id, now, host) = (couple.id, self.clock.now(), self.host_weekday());
        let changed = self
            .store
            .write_or_refuse(move |tx| {
                let Some(current) = couples::by_id(tx, id)? else {
                    return Ok(Err(Refusal::NotYourCouple));
                };
                let mut announced = Vec::new();
                if let Some(start) = change.day_start.filter(|s| *s != current.day_start) {
                    let closed = [
                        current.closed_for_leaving(0, now),
                        current.closed_for_leaving(1, now),
                    ];
                    let couple_closed = current.closed_before_leaving_zone(now);
                    couples::set_day_start(tx, &current, start, closed, couple_closed, now)?;
                    announced.push(CoupleChange::DayStart(start));
                }
                if let Some(day) = change.digest_weekday {
                    let in_force = current.digest_weekday.unwrap_or(host);
                    if current.digest_weekday != Some(day) {
                        couples::set_digest_weekday(tx, id, Some(day))?;
                    }
                    if day != in_force {
                        // The digest planned for the old day goes; the next is planned anew.
                        outbox::drop_planned(tx, id, PostKind::Digest)?;
                        announced.push(CoupleChange::DigestWeekday(day));
                    }
                }
                if let Some(t) = change.togetherness.filter(|t| *t != current.togetherness) {
                    couples::set_togetherness(tx, id, t)?;
                    announced.push(CoupleChange::Togetherness(t));
                }
                if let Some(l) = change.channel_language.filter(|l| *l != current.language) {
                    couples::set_language(tx, id, l)?;
                    reword_planned(tx, &current, l)?;
                    announced.push(CoupleChange::Language(l));
                }
                let mut personal = false;
                let mut night = Vec::new();
                if let Some(tz) = change.timezone {
                    // The couple's own zone is no zone of one's own: it follows the couple's.
                    let own = (tz != current.timezone).then_some(tz);
                    if own != current.own[slot].timezone {
                        let closed = current.closed_for_leaving(slot, now);
                        partner_settings::set_timezone(tx, id, user, own, closed, now)?;
                        personal = true;
                        if let Some(expr) = current.schedule.cron() {
                            night = night_times(expr, current.timezone.0, tz.0, now);
                        }
                    }
                }
                if change.mentions.is_some() || change.reminders.is_some() {
                    let mut n = partner_settings::notifications(tx, id, user)?;
                    n.mentions = change.mentions.unwrap_or(n.mentions);
                    n.reminders = change.reminders.unwrap_or(n.reminders);
                    partner_settings::set_notifications(tx, id, user, n, now)?;
                    personal = true;
                }
                if let Some(lang) = change.language {
                    partner_settings::set_language(tx, id, user, lang, now)?;
                    personal = true;
                }
                let Some(updated) = couples::by_id(tx, id)? else {
                    return Ok(Err(Refusal::NotYourCouple));
                };
                if !announced.is_empty() {
                    announce(tx, &updated, user, &announced, now)?;
                }
                Ok(Ok(SettingsChanged {
                    view: view(tx, &updated, user, host)?,
                    announced,
                    personal,
                    night,
                }))
            })
            .await??;
        if !changed.announced.is_empty() {
            self.wake.notify_one();
        }
        Ok(changed)
    }
}
