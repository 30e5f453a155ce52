//! The words of refusals: why haven says no, and what to do instead
//! (`locales/<lang>/refusals.ftl`).

use super::*;

pub fn refusal(lang: Lang, r: &Refusal) -> String {
    match r {
        Refusal::NotAPartner => tr!(lang, "refusal-not-a-partner"),
        Refusal::NoCoupleHere => tr!(lang, "refusal-no-couple-here"),
        Refusal::PartnerIsSelf => tr!(lang, "refusal-partner-is-self"),
        Refusal::PartnerIsBot => tr!(lang, "refusal-partner-is-bot"),
        Refusal::PartnerNotInServer => tr!(lang, "refusal-partner-not-in-server"),
        Refusal::ChannelAlreadyPaired => tr!(lang, "refusal-channel-already-paired"),
        Refusal::YouArePaired(ch) => tr!(lang, "refusal-you-are-paired", channel = channel(*ch)),
        Refusal::InvitationCannotBeAccepted => tr!(lang, "refusal-invitation-cannot-be-accepted"),
        Refusal::AlreadyInvited { until } => {
            tr!(lang, "refusal-already-invited", until = when(*until))
        }
        Refusal::RecentlyDeclined => tr!(lang, "refusal-recently-declined"),
        Refusal::TooManyOpenInvitations { max } => {
            tr!(lang, "refusal-too-many-open-invitations", max = *max)
        }
        Refusal::ChannelHasOpenInvitation => tr!(lang, "refusal-channel-has-open-invitation"),
        Refusal::TooManyCreatedChannels { max } => {
            tr!(lang, "refusal-too-many-created-channels", max = *max)
        }
        Refusal::InvitationNotForYou => tr!(lang, "refusal-invitation-not-for-you"),
        Refusal::InvitationGone => stale_button(lang),
        Refusal::InvitationExpired => tr!(lang, "refusal-invitation-expired"),
        Refusal::InvitationAlreadyDecided(InvitationStatus::Accepted) => {
            tr!(lang, "refusal-invitation-already-accepted")
        }
        Refusal::InvitationAlreadyDecided(_) => tr!(lang, "refusal-invitation-already-answered"),
        Refusal::NotYourCouple => tr!(lang, "refusal-not-your-couple"),
        Refusal::CronWithTimeOrDays => tr!(lang, "refusal-cron-with-time-or-days"),
        Refusal::NothingToChange => tr!(lang, "refusal-nothing-to-change"),
        Refusal::NeedsTime => tr!(lang, "refusal-needs-time"),
        Refusal::ScheduleInterval(why) => tr!(
            lang,
            "refusal-schedule-interval",
            why = interval_error(lang, why)
        ),
        Refusal::PauseDays => tr!(lang, "refusal-pause-days"),
        Refusal::NotPaused => tr!(lang, "refusal-not-paused"),
        Refusal::SkipWhilePaused => tr!(lang, "refusal-skip-while-paused"),
        Refusal::NothingToSkip => tr!(lang, "refusal-nothing-to-skip"),
        Refusal::EmptyAppreciation => tr!(lang, "refusal-empty-appreciation"),
        Refusal::AppreciationTooLong(n) => {
            tr!(lang, "refusal-appreciation-too-long", chars = *n)
        }
        Refusal::AppreciationsToday { max } => {
            tr!(lang, "refusal-appreciations-today", max = *max)
        }
        Refusal::JarOtherChannel => tr!(lang, "refusal-jar-other-channel"),
        Refusal::JarOwnMessage => tr!(lang, "refusal-jar-own-message"),
        Refusal::JarNotPartner => tr!(lang, "refusal-jar-not-partner"),
        Refusal::JarEmpty => tr!(lang, "refusal-jar-empty"),
        Refusal::ChannelNotPrivate => tr!(lang, "refusal-channel-not-private"),
        Refusal::OnlyTheOtherPartner => tr!(lang, "refusal-only-the-other-partner"),
        Refusal::OnlyTheAuthor => tr!(lang, "refusal-only-the-author"),
        Refusal::NotRevealedYet => tr!(lang, "refusal-not-revealed-yet"),
        Refusal::AlreadyReflected => tr!(lang, "refusal-already-reflected"),
        Refusal::AlreadyAnswered => tr!(lang, "refusal-already-answered"),
        Refusal::PromptLimit { max } => tr!(lang, "refusal-prompt-limit", max = *max),
        Refusal::PromptNotFound => tr!(lang, "refusal-prompt-not-found"),
        Refusal::PausedByPartner {
            by,
            until: Some(until),
        } => tr!(
            lang,
            "refusal-paused-by-partner-until",
            by = user(*by),
            until = full_time(*until)
        ),
        Refusal::PausedByPartner { by, until: None } => {
            tr!(lang, "refusal-paused-by-partner", by = user(*by))
        }
    }
}

pub fn reflection_too_long(lang: Lang, max: usize) -> String {
    tr!(lang, "reflection-too-long", max = max)
}

/// A time zone name nobody knows (the input is echoed, clipped and tidied).
pub fn unknown_timezone(lang: Lang, input: &str) -> String {
    tr!(
        lang,
        "unknown-timezone",
        input = crate::domain::text::clip(input, 64)
    )
}

/// A time of day that is not HH:MM (the input is echoed, clipped and tidied).
pub fn bad_time(lang: Lang, input: &str) -> String {
    tr!(
        lang,
        "bad-time",
        input = crate::domain::text::clip(input, 16)
    )
}

pub fn days_not_read(lang: Lang, e: &crate::domain::schedule::CronError) -> String {
    tr!(lang, "days-not-read", why = cron_error(lang, e))
}

pub fn cron_not_used(lang: Lang, e: &crate::domain::schedule::CronError) -> String {
    tr!(lang, "cron-not-used", why = cron_error(lang, e))
}

pub fn prompt_not_added(lang: Lang, e: &crate::domain::prompt::CustomPromptError) -> String {
    tr!(lang, "prompt-not-added", why = custom_prompt_error(lang, e))
}

pub fn choose_timezone(lang: Lang) -> String {
    tr!(lang, "choose-timezone")
}

pub fn reflection_empty(lang: Lang) -> String {
    tr!(lang, "reflection-empty")
}

pub fn already_revealed_today(lang: Lang) -> String {
    tr!(lang, "already-revealed-today")
}

pub fn channel_not_created(lang: Lang) -> String {
    tr!(lang, "channel-not-created")
}
