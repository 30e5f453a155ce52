//! The words of refusals: why haven says no, and what to do instead.

use super::*;

pub fn refusal(r: &Refusal) -> String {
    match r {
        Refusal::NotAPartner => "This channel belongs to a couple, and only the two of them can use haven here. To start your own, run /setup in a private channel you share with your partner.".into(),
        Refusal::NoCoupleHere => "This channel isn't set up for a couple yet. Run /setup here with your partner (or `private_channel:true` to get a new private channel).".into(),
        Refusal::PartnerIsSelf => "haven is for two: please choose your partner, not yourself.".into(),
        Refusal::PartnerIsBot => "Bots make poor partners for this. Please choose the person you'd like to invite.".into(),
        Refusal::PartnerNotInServer => "I can't find that person in this server. They need to be a member here before you can invite them.".into(),
        Refusal::ChannelAlreadyPaired => "This channel already belongs to a couple. Each couple has a channel of its own; try `private_channel:true` to get a new one.".into(),
        Refusal::YouArePaired(ch) => format!("You're already paired in {} in this server. If you'd like to start over, use /forget there first.", channel(*ch)),
        Refusal::InvitationCannotBeAccepted => "This invitation can't be accepted any more. If you'd still like to start haven together, either of you can run /setup again.".into(),
        Refusal::AlreadyInvited { until } => format!("You've already invited them; the invitation is open until {}.", when(*until)),
        Refusal::RecentlyDeclined => "They said not right now to your last invitation, and that's okay. I won't pass on another one from you for a while; they're welcome to invite you whenever they like.".into(),
        Refusal::TooManyOpenInvitations { max } => plural(
            *max,
            "You have 1 invitation waiting for an answer, the most I keep open for one person. It makes room once it's answered or after a day.",
            "You have {n} invitations waiting for an answer, the most I keep open for one person. One makes room once it's answered or after a day.",
        ),
        Refusal::ChannelHasOpenInvitation => "There's already an open invitation in this channel. It needs an answer (or to expire) before another.".into(),
        Refusal::TooManyCreatedChannels { max } => format!("I've already created {max} couple channels in this server, the most the host allows. Please use an existing private channel instead."),
        Refusal::InvitationNotForYou => "This invitation is for someone else, so only they can answer it.".into(),
        Refusal::InvitationGone => STALE_BUTTON.into(),
        Refusal::InvitationExpired => "This invitation has expired (they last 24 hours). The person who sent it can run /setup again.".into(),
        Refusal::InvitationAlreadyDecided(InvitationStatus::Accepted) => "This invitation was already accepted.".into(),
        Refusal::InvitationAlreadyDecided(_) => "This invitation was already answered.".into(),
        Refusal::NotYourCouple => "That isn't your couple's, so I can't change it.".into(),
        Refusal::CronWithTimeOrDays => "Please use either `cron` or `time`/`days`, not both: a cron expression already says when.".into(),
        Refusal::NothingToChange => "Tell me what to change: a `time`, `days`, a `cron` expression or a `timezone`.".into(),
        Refusal::NeedsTime => "Your schedule is a custom cron expression, so please also give a `time` (like 20:00).".into(),
        Refusal::ScheduleInterval(why) => format!("I can't use that schedule: {why}. Please choose one with more space between nudges."),
        Refusal::PauseDays => "You can pause for 1 to 60 days, or leave `days` out to pause until /resume.".into(),
        Refusal::NotPaused => "Nudges aren't paused, so there's nothing to resume.".into(),
        Refusal::SkipWhilePaused => "Nudges are paused right now; /resume first if you'd like to skip one.".into(),
        Refusal::NothingToSkip => "There's no upcoming nudge to skip.".into(),
        Refusal::EmptyAppreciation => "Please write what you appreciate; it can be just a few words.".into(),
        Refusal::AppreciationTooLong(n) => format!("That's {n} characters; please keep an appreciation to 1000."),
        Refusal::AppreciationsToday { max } => format!("That's {max} appreciations today, the most I pass on in one day. Your words will land just as well tomorrow."),
        Refusal::JarOtherChannel => "Only messages in your couple's channel can go in your jar.".into(),
        Refusal::JarOwnMessage => "That's your own message. The jar keeps what your partner wrote, so you can find it again.".into(),
        Refusal::JarNotPartner => "The jar keeps your partner's messages; that one was written by someone else.".into(),
        Refusal::JarEmpty => "That message has no text I can keep (attachments and embeds alone can't go in the jar).".into(),
        Refusal::ChannelNotPrivate => "I didn't post that: people outside your couple can read this channel now. Fix its permissions (only the two of you and me should see it), then use /resume.".into(),
        Refusal::OnlyTheOtherPartner => "This button is for your partner: it reflects back what you shared.".into(),
        Refusal::OnlyTheAuthor => "Only the person whose words were reflected can answer this.".into(),
        Refusal::NotRevealedYet => "That day's answers haven't been revealed yet.".into(),
        Refusal::AlreadyReflected => "That answer has already been reflected back.".into(),
        Refusal::AlreadyAnswered => "You've already answered this one.".into(),
        Refusal::PromptLimit { max } => format!("You've added {max} prompts of your own, the most each of you can keep. To add another, make room with /prompt remove."),
        Refusal::PromptNotFound => "That prompt isn't among your prompts any more. Start typing after `prompt:` and pick one from the list.".into(),
        Refusal::PausedByPartner { by, until: Some(until) } => format!(
            "{} paused your nudges until <t:{}:F>. It's their pause, so only they can end it early; your nudges come back by themselves then.",
            user(*by),
            until.timestamp()
        ),
        Refusal::PausedByPartner { by, until: None } => format!(
            "{} paused your nudges until they resume. It's their pause, so only they can end it.",
            user(*by)
        ),
    }
}

pub fn reflection_too_long(max: usize) -> String {
    format!("Please keep a reflection to {max} characters.")
}

/// A time zone name nobody knows (the input is echoed, clipped and tidied).
pub fn unknown_timezone(input: &str) -> String {
    format!(
        "I don't know the time zone “{}”. Start typing a city (like Berlin or New York) and pick one of the suggestions.",
        crate::domain::text::clip(input, 64)
    )
}

/// A time of day that is not HH:MM (the input is echoed, clipped and tidied).
pub fn bad_time(input: &str) -> String {
    format!(
        "“{}” isn't a time I understand: please use 24-hour HH:MM, like 20:00.",
        crate::domain::text::clip(input, 16)
    )
}

pub fn days_not_read(e: &crate::domain::schedule::CronError) -> String {
    format!("I couldn't read those days: {e}.")
}

pub fn cron_not_used(e: &crate::domain::schedule::CronError) -> String {
    format!("I couldn't use that cron expression: {e}.")
}

pub fn prompt_not_added(e: &crate::domain::prompt::CustomPromptError) -> String {
    format!("I couldn't add that prompt: {e}.")
}

pub const CHOOSE_TIMEZONE: &str =
    "Please choose your time zone (start typing a city, like Berlin or New York).";

pub const REFLECTION_EMPTY: &str = "A reflection needs a few words of what you heard.";

pub const ALREADY_REVEALED_TODAY: &str =
    "You've both checked in today and your answers are revealed. See you tomorrow!";

pub const CHANNEL_NOT_CREATED: &str = "I couldn't create the channel (I may be missing the Manage Channels permission). The invitation is still open: please try Accept again once that's fixed.";
