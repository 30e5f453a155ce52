//! The words of replies to commands: check-ins, streaks, appreciations, prompts, export and
//! forget (`locales/<lang>/replies.ftl`).

use super::*;
use crate::domain::checkin::{AnswerError, Draft, MAX_NOTE, MAX_QUESTION_ANSWER};

pub fn how_long_title(lang: Lang) -> String {
    tr!(lang, "how-long-title")
}

pub fn hard_times_title(lang: Lang) -> String {
    tr!(lang, "hard-times-title")
}

/// What haven keeps, for how long, and what deleting does and does not remove.
pub fn how_long_it_is_kept(lang: Lang, retention_days: u32) -> String {
    tr!(lang, "how-long-it-is-kept", days = retention_days)
}

/// /help: what haven does and who can see what (with [`help_commands`],
/// [`how_long_it_is_kept`] and [`when_things_are_hard`] beside it, in an embed).
pub fn help(lang: Lang) -> String {
    tr!(lang, "help")
}

/// /help's list of commands (the description of its embed, beside [`help`]).
pub fn help_commands_title(lang: Lang) -> String {
    tr!(lang, "help-commands-title")
}

pub fn help_commands(lang: Lang) -> String {
    tr!(lang, "help-commands")
}

/// The part of /help for hard times: haven is a habit, not counselling; free help; and for
/// anyone afraid of their partner, what works quietly.
pub fn when_things_are_hard(lang: Lang, support_url: &str) -> String {
    tr!(lang, "when-things-are-hard", url = support_url)
}

/// A check-in's confirmation with one warm line for a partner whose own check-ins have felt
/// heavy for a while. Never clinical, never alarming; only its author sees it.
pub fn with_care_line(lang: Lang, confirmation: &str, support_url: &str) -> String {
    tr!(
        lang,
        "with-care-line",
        confirmation = confirmation,
        url = support_url
    )
}

/// What /forget deletes and what it cannot reach: the top of each step of its confirmation.
fn forget_what(lang: Lang, ch: ChannelId) -> String {
    tr!(lang, "forget-what", channel = channel(ch))
}

/// A yes-or-no choice, as the messages select on it.
fn yes_no(b: bool) -> &'static str {
    if b {
        "yes"
    } else {
        "no"
    }
}

/// The first step of /forget: what goes and what stays, and the first question.
pub fn forget_confirm(lang: Lang, ch: ChannelId) -> String {
    tr!(
        lang,
        "forget-confirm",
        what = forget_what(lang, ch),
        channel = channel(ch)
    )
}

/// The last step of /forget: the first answer, and whether to tell the partner.
pub fn forget_confirm_partner(
    lang: Lang,
    ch: ChannelId,
    partner: UserId,
    remove_posts: bool,
) -> String {
    tr!(
        lang,
        "forget-confirm-partner",
        what = forget_what(lang, ch),
        remove_posts = yes_no(remove_posts),
        channel = channel(ch),
        partner = user(partner)
    )
}

/// After /forget: what was done, in one sentence per choice.
pub fn forgotten(
    lang: Lang,
    ch: ChannelId,
    partner: UserId,
    remove_posts: bool,
    told: bool,
) -> String {
    tr!(
        lang,
        "forgotten",
        remove_posts = yes_no(remove_posts),
        channel = channel(ch),
        told = yes_no(told),
        partner = user(partner)
    )
}

pub fn forget_remove_posts_button(lang: Lang) -> String {
    tr!(lang, "forget-remove-posts-button")
}

pub fn forget_leave_posts_button(lang: Lang) -> String {
    tr!(lang, "forget-leave-posts-button")
}

pub fn forget_tell_button(lang: Lang) -> String {
    tr!(lang, "forget-tell-button")
}

pub fn forget_quietly_button(lang: Lang) -> String {
    tr!(lang, "forget-quietly-button")
}

pub fn forget_cancel_button(lang: Lang) -> String {
    tr!(lang, "forget-cancel-button")
}

pub fn forget_cancelled(lang: Lang) -> String {
    tr!(lang, "forget-cancelled")
}

pub fn not_paired_pause(lang: Lang) -> String {
    tr!(lang, "not-paired-pause")
}

pub fn not_paired(lang: Lang) -> String {
    tr!(lang, "not-paired")
}

/// `/forget` from someone not paired in the server: what happened to the invitations naming
/// them.
pub fn invitations_forgotten(lang: Lang, gone: &ForgottenInvitations) -> String {
    if gone.deleted == 0 && gone.kept == 0 {
        return not_paired(lang);
    }
    let mut said = Vec::new();
    if gone.deleted > 0 {
        said.push(tr!(lang, "invitations-deleted", n = gone.deleted));
    }
    if gone.lifted > 0 {
        said.push(tr!(lang, "invitations-lifted", n = gone.lifted));
    }
    if gone.kept > 0 {
        said.push(tr!(lang, "invitations-kept", n = gone.kept));
    }
    said.push(tr!(lang, "invitations-nothing-else"));
    said.join(" ")
}

pub fn prompt_added(lang: Lang, practice: Practice) -> String {
    let deck = match practice {
        Practice::Appreciation => "appreciation",
        Practice::ActiveListening => "active-listening",
        Practice::Vulnerability => "vulnerability",
        Practice::QualityTime => "quality-time",
        Practice::Validation => "validation",
    };
    tr!(lang, "prompt-added", practice = deck)
}

pub fn checkin_title(lang: Lang) -> String {
    tr!(lang, "checkin-title")
}

pub fn mood_label(lang: Lang) -> String {
    tr!(lang, "mood-label")
}

/// The label of the form's answer to the day's question (its placeholder is the question's
/// short form).
pub fn question_label(lang: Lang) -> String {
    tr!(lang, "question-label")
}

pub fn appreciated_label(lang: Lang) -> String {
    tr!(lang, "appreciated-label")
}

pub fn hear_label(lang: Lang) -> String {
    tr!(lang, "hear-label")
}

pub fn reflect_title(lang: Lang) -> String {
    tr!(lang, "reflect-title")
}

pub fn reflect_label(lang: Lang) -> String {
    tr!(lang, "reflect-label")
}

pub fn felt_heard(lang: Lang, author: UserId, reflector: UserId, heard: bool) -> String {
    if heard {
        tr!(
            lang,
            "felt-heard",
            author = user(author),
            reflector = user(reflector)
        )
    } else {
        tr!(
            lang,
            "not-quite",
            author = user(author),
            reflector = user(reflector)
        )
    }
}

pub fn checkin_saved(lang: Lang, partner: UserId, edited: bool) -> String {
    if edited {
        tr!(lang, "checkin-updated", partner = user(partner))
    } else {
        tr!(lang, "checkin-saved", partner = user(partner))
    }
}

pub fn checkin_revealed(lang: Lang) -> String {
    tr!(lang, "checkin-revealed")
}

pub fn checkin_kept(lang: Lang, why: &Kept) -> String {
    match why {
        Kept::Invalid(AnswerError::NothingWritten) => tr!(lang, "checkin-kept-nothing-written"),
        Kept::Invalid(e) => tr!(lang, "checkin-kept-invalid", why = answer_error(lang, e)),
        Kept::DayOver => tr!(lang, "checkin-kept-day-over"),
        Kept::AlreadyRevealed => tr!(lang, "checkin-kept-already-revealed"),
    }
}

/// Text the form can be pre-filled with: Discord refuses a value over the input's limit.
pub fn prefill(d: &Draft) -> Draft {
    let keep = |s: &str, n: usize| s.chars().take(n).collect::<String>();
    Draft {
        mood: keep(d.mood.trim(), 1),
        answer: keep(&d.answer, MAX_QUESTION_ANSWER),
        appreciated: keep(&d.appreciated, MAX_NOTE),
        hear: keep(&d.hear, MAX_NOTE),
    }
}

/// The words of /streak the channel sees: the couple's figures only, encouraging, never guilt.
/// Neither partner's own numbers are here (see [`own_streak`]). One line each.
pub fn streak_description(lang: Lang, s: &crate::domain::streak::Streaks) -> String {
    let first = if s.current == 0 {
        format!("{}\n", tr!(lang, "streak-fresh-start"))
    } else {
        tr!(
            lang,
            "streak-together",
            current = s.current,
            longest = s.longest
        )
    };
    [
        first,
        tr!(lang, "streak-freezes", held = s.freezes_held),
        tr!(lang, "streak-so-far", days = s.totals.counted_days),
    ]
    .join("\n")
}

/// A partner's own numbers, shown to them alone after /streak (`slot`: which of the two).
pub fn own_streak(lang: Lang, s: &crate::domain::streak::Streaks, slot: usize) -> String {
    let slot = slot.min(1);
    let (current, longest) = (s.individual_current[slot], s.individual_longest[slot]);
    let streak = if current == 0 {
        tr!(lang, "own-streak-begins-again")
    } else {
        tr!(lang, "own-streak", current = current, longest = longest)
    };
    match s.totals.check_ins[slot] {
        0 => streak,
        n => format!("{streak} {}", tr!(lang, "own-check-ins", n = n)),
    }
}

/// A partner's notifications, as only they see them (`changed`: they just set them).
pub fn notifications(
    lang: Lang,
    n: &crate::domain::couple::Notifications,
    changed: bool,
) -> String {
    let heading = if changed {
        tr!(lang, "notifications-saved")
    } else {
        tr!(lang, "notifications-heading")
    };
    let mentions = if n.mentions {
        tr!(lang, "mentions-on")
    } else {
        tr!(lang, "mentions-off")
    };
    let reminders = if n.reminders {
        tr!(lang, "reminders-on")
    } else {
        tr!(lang, "reminders-off")
    };
    [heading, mentions, reminders, tr!(lang, "notifications-how")].join("\n")
}

/// One of the couple's own prompts was removed (the text is clipped and tidied).
pub fn prompt_removed(lang: Lang, text: &str) -> String {
    tr!(
        lang,
        "prompt-removed",
        text = crate::domain::text::clip(text, 100)
    )
}

/// An appreciation said with /appreciate.
pub fn appreciation(lang: Lang, from: UserId, to: UserId, text: &str) -> (String, String) {
    (
        tr!(lang, "appreciation", to = user(to), from = user(from)),
        crate::domain::text::clip(text, 1000),
    )
}

pub fn jar_saved(lang: Lang) -> String {
    tr!(lang, "jar-saved")
}

pub fn jar_already(lang: Lang) -> String {
    tr!(lang, "jar-already")
}

pub fn export_ready(lang: Lang) -> String {
    tr!(lang, "export-ready")
}

pub fn not_paired_export(lang: Lang) -> String {
    tr!(lang, "not-paired-export")
}

pub fn edit_button(lang: Lang) -> String {
    tr!(lang, "edit-button")
}

pub fn streak_title(lang: Lang) -> String {
    tr!(lang, "streak-title")
}

pub fn reflection_sent(lang: Lang) -> String {
    tr!(lang, "reflection-sent")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn help_fits_discords_limits_whatever_the_host_configures() {
        // Discord: 2,000 characters of content; an embed's description 4,096, a field's value
        // 1,024, and 6,000 across the embed.
        let url = format!("https://{}.example", "a".repeat(200));
        for lang in Lang::shipped() {
            let kept = how_long_it_is_kept(lang, u32::MAX);
            let hard = when_things_are_hard(lang, &url);
            let (help, commands) = (help(lang), help_commands(lang));
            let (pulse_title, pulse_text) = (
                super::super::pulse::help_title(lang),
                super::super::pulse::help_text(lang),
            );
            assert!(help.chars().count() <= 2000, "{lang:?}");
            assert!(commands.chars().count() <= 4096, "{lang:?}");
            for value in [&kept, &hard, &pulse_text] {
                assert!(value.chars().count() <= 1024, "{value}");
            }
            let embed: usize = [
                &help_commands_title(lang),
                &commands,
                &pulse_title,
                &pulse_text,
                &how_long_title(lang),
                &kept,
                &hard_times_title(lang),
                &hard,
            ]
            .iter()
            .map(|t| t.chars().count())
            .sum();
            assert!(embed <= 6000, "{lang:?}: {embed}");
        }
    }
}
