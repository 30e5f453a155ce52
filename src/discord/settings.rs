//! `/settings`: the couple's settings and the invoker's own, shown and changed in an ephemeral
//! reply; couple-wide changes are announced in the channel through the outbox.

use super::invocation::Invocation;
use super::respond::{Handled, Stop};
use crate::copy;
use crate::copy::Lang;
use crate::domain::couple::{Couple, Togetherness};
use crate::domain::settings::SettingsChange;
use crate::domain::time::{LocalTime, Timezone};

/// The weekday codes the digest option offers.
pub const WEEKDAYS: [(chrono::Weekday, &str); 7] = [
    (chrono::Weekday::Mon, "mon"),
    (chrono::Weekday::Tue, "tue"),
    (chrono::Weekday::Wed, "wed"),
    (chrono::Weekday::Thu, "thu"),
    (chrono::Weekday::Fri, "fri"),
    (chrono::Weekday::Sat, "sat"),
    (chrono::Weekday::Sun, "sun"),
];

/// An option's "on" or "off".
fn switch(value: Option<&str>) -> Result<Option<bool>, Stop> {
    match value {
        None => Ok(None),
        Some("on") => Ok(Some(true)),
        Some("off") => Ok(Some(false)),
        Some(_) => Err(Stop::bad_options()),
    }
}

/// A language option: one haven speaks.
fn language(value: Option<&str>) -> Result<Option<Lang>, Stop> {
    value
        .map(|l| Lang::from_code(l).ok_or(Stop::Words(copy::bad_language)))
        .transpose()
}

/// The options of one `/settings`, checked; a refusal says kindly what could not be used.
fn change(call: &Invocation<'_>) -> Result<SettingsChange, Stop> {
    let (opts, lang) = (&call.options, call.r.lang());
    Ok(SettingsChange {
        day_start: opts
            .str("day_start")
            .map(|t| LocalTime::parse(t).map_err(|_| Stop::Say(copy::bad_day_start(lang, t))))
            .transpose()?,
        digest_weekday: opts
            .str("digest_day")
            .map(|d| {
                WEEKDAYS
                    .iter()
                    .find(|(_, code)| *code == d)
                    .map(|(day, _)| *day)
                    .ok_or(Stop::Words(copy::bad_weekday))
            })
            .transpose()?,
        togetherness: opts
            .str("together")
            .map(|t| Togetherness::parse(t).ok_or(Stop::Words(copy::bad_togetherness)))
            .transpose()?,
        timezone: opts
            .str("timezone")
            .map(|t| Timezone::parse(t).map_err(|_| Stop::Say(copy::unknown_timezone(lang, t))))
            .transpose()?,
        mentions: switch(opts.str("mentions"))?,
        reminders: switch(opts.str("reminders"))?,
        language: language(opts.str("language"))?,
        channel_language: language(opts.str("channel_language"))?,
    })
}

pub async fn command(call: &Invocation<'_>, couple: Couple) -> Handled {
    let change = change(call)?;
    let (svc, user, lang) = (call.svc, call.user, call.r.lang());
    if change.is_empty() {
        let view = svc.settings_view(&couple, user).await?;
        return call
            .r
            .ephemeral(copy::settings_view(lang, &view, false))
            .await;
    }
    let done = svc.change_settings(&couple, user, change).await?;
    // A language just chosen is the one the answer is in.
    let lang = done.view.language.unwrap_or(lang);
    let mut text = copy::settings_view(lang, &done.view, true);
    if !done.night.is_empty() {
        text = format!("{text}\n\n{}", copy::nudges_at_night(lang, &done.night));
    }
    call.r.ephemeral(text).await
}
