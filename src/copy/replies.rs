//! The words of replies to commands: check-ins, streaks, appreciations, prompts, export and forget.

use super::*;
use crate::domain::checkin::{AnswerError, Draft, MAX_NOTE, MAX_QUESTION_ANSWER};

pub const HOW_LONG_TITLE: &str = "How long it is kept";
pub const HARD_TIMES_TITLE: &str = "When things are hard";

/// What haven keeps, for how long, and what deleting does and does not remove.
pub fn how_long_it_is_kept(retention_days: u32) -> String {
    let after_leaving = plural(
        retention_days,
        "{n} day after haven is removed from this server",
        "{n} days after haven is removed from this server",
    );
    format!(
        "Your check-ins, moods, reflections, appreciations, streaks, weekly pulses and notes stay \
         until either of you runs `/forget`, or until {after_leaving}. `/forget` deletes them for \
         good; it can't reach exports you already made, or the host's backups until those expire."
    )
}

/// /help: what haven does and who can see what (with [`HELP_COMMANDS`], [`how_long_it_is_kept`]
/// and [`when_things_are_hard`] beside it, in an embed).
pub const HELP: &str = "**haven** helps the two of you build closeness through small daily habits: \
appreciating each other, listening well, and checking in.\n\n\
**Getting started**: in a private channel you share, run `/setup partner:@them timezone:Your/City`. \
Your partner gets an invitation to accept. Add `private_channel:true` and I'll create a private channel for you both after they accept.\n\n\
**Privacy**: I only post where outsiders can't read, and I check the channel's permissions before I start. \
The server owner and anyone with an administrator role can read every channel in a server, including yours. \
The person hosting haven can read its database, where your check-ins are stored. \
I never read your messages (I don't have that permission) and only see what you give me through my commands.";

/// /help's list of commands (the description of its embed, beside [`HELP`]).
pub const HELP_COMMANDS_TITLE: &str = "Commands";
pub const HELP_COMMANDS: &str = "• `/setup`: invite your partner and choose where haven lives.\n\
• `/schedule show` / `/schedule set`: when your daily nudge arrives (time, days, time zone, or cron).\n\
• `/pause [days]`, `/resume`, `/skip`: take a break, come back, or skip just the next nudge. A pause is yours: only you can end it early.\n\
• `/prompt now [practice]`: a prompt right away (*repair* comes only this way). `/prompt add`: add one of your own (shown with who added it; up to 20 each). `/prompt remove`: remove any of yours.\n\
• `/checkin`: your mood and your answer to today's question, private until you've both checked in; then I reveal both together.\n\
• `/appreciate`: tell your partner what you appreciate. *Appreciate this* (on a message of theirs) keeps it in your jar.\n\
• `/streak`: your streak together and the last 26 weeks; your own numbers are shown only to you.\n\
• `/notify`: whether my posts ping you and whether I remind you to check in; only you see or change yours.\n\
• `/anniversary`: a date you both keep; on the day, the first nudge is about your story.\n\
• `/onmymind`: private notes of what you'd like to talk about, unseen until you bring one up.\n\
• `/pulse`: four private questions on each digest day, for your own chart (more below).\n\
• `/settings`: your day start, digest day, together or apart; your own time zone and language.\n\
• `/export`: a file of your data. `/forget`: delete everything haven stores about your couple (after you confirm).\n\
• `/help`: this message.";

/// The part of /help for hard times: haven is a habit, not counselling; free help; and for
/// anyone afraid of their partner, what works quietly.
pub fn when_things_are_hard(support_url: &str) -> String {
    format!(
        "haven is a small daily habit, not counselling, and it can't \
         help in a crisis. Free, confidential helplines are listed at <{support_url}>. If you're \
         ever afraid of your partner, your safety comes first: `/pause` and `/forget` work from any \
         other channel of this server too, and there only you see my answer."
    )
}

/// A check-in's confirmation with one warm line for a partner whose own check-ins have felt
/// heavy for a while. Never clinical, never alarming; only its author sees it.
pub fn with_care_line(confirmation: &str, support_url: &str) -> String {
    format!(
        "{confirmation}\n\nThe last few days sound heavy. You don't have to carry that alone: \
         if talking to someone outside the two of you would help, free and confidential support \
         is here: <{support_url}>"
    )
}

/// What /forget deletes and what it cannot reach: the top of each step of its confirmation.
fn forget_what(ch: ChannelId) -> String {
    format!(
        "**Forgetting deletes, for both of you and for good:**\n\
         • every check-in and mood, yours and your partner's\n\
         • reflections, appreciations and your appreciation jar\n\
         • your streak history\n\
         • your custom prompts\n\
         • each of your weekly pulses and notes to yourself, and your “on my mind” notes\n\
         • your couple's settings, such as the schedule, time zone and anniversary\n\
         • invitations that name either of you in this server (a “not right now” someone gave \
         one of you stays until its waiting time is over, then goes by itself)\n\n\
         **What it can't reach:** exports you already made stay wherever you saved them, and the \
         host's backups keep a copy for their retention period. Your own messages in {} stay, \
         and so does the channel.\n\n\
         Nothing has been deleted yet. If you'd like a copy of your data first, run `/export`.",
        channel(ch)
    )
}

/// The first step of /forget: what goes and what stays, and the first question.
pub fn forget_confirm(ch: ChannelId) -> String {
    format!(
        "{}\n\n**haven's posts in {}:** should I remove every message I posted there for the two \
         of you (nudges, check-in notices, reveals, appreciations and my answers to your \
         commands), or leave them?",
        forget_what(ch),
        channel(ch)
    )
}

/// The last step of /forget: the first answer, and whether to tell the partner.
pub fn forget_confirm_partner(ch: ChannelId, partner: UserId, remove_posts: bool) -> String {
    let posts = if remove_posts {
        format!("**haven's posts in {}:** I'll remove them.", channel(ch))
    } else {
        format!("**haven's posts in {}:** I'll leave them.", channel(ch))
    };
    format!(
        "{}\n\n{posts}\n\n**{}:** should I post a short note in {} telling them that you asked \
         me to forget your couple (nothing else, none of your words), or forget quietly?",
        forget_what(ch),
        user(partner),
        channel(ch)
    )
}

/// After /forget: what was done, in one sentence per choice.
pub fn forgotten(ch: ChannelId, partner: UserId, remove_posts: bool, told: bool) -> String {
    let posts = if remove_posts {
        format!("I'm removing my posts from {} now.", channel(ch))
    } else {
        format!("My posts in {} stay as they are.", channel(ch))
    };
    let note = if told {
        format!("A short note there lets {} know.", user(partner))
    } else {
        format!("I haven't told {}.", user(partner))
    };
    format!(
        "Done: everything haven stored about your couple is deleted. {posts} {note} You're always welcome back with /setup."
    )
}

pub const FORGET_REMOVE_POSTS_BUTTON: &str = "Remove haven's posts";

pub const FORGET_LEAVE_POSTS_BUTTON: &str = "Leave haven's posts";

pub const FORGET_TELL_BUTTON: &str = "Tell them, then forget";

pub const FORGET_QUIETLY_BUTTON: &str = "Forget quietly";

pub const FORGET_CANCEL_BUTTON: &str = "Cancel, delete nothing";

pub const FORGET_CANCELLED: &str = "Nothing was deleted.";

pub const NOT_PAIRED_PAUSE: &str =
    "You're not part of a couple in this server, so there are no nudges of yours to pause.";
pub const NOT_PAIRED: &str =
    "You're not part of a couple in this server, and no invitation here names you, so there's nothing of yours for me to forget.";

/// `/forget` from someone not paired in the server: what happened to the invitations naming
/// them.
pub fn invitations_forgotten(gone: &ForgottenInvitations) -> String {
    if gone.deleted == 0 && gone.kept == 0 {
        return NOT_PAIRED.into();
    }
    let mut said = Vec::new();
    if gone.deleted > 0 {
        said.push(plural(
            gone.deleted,
            "I've deleted the invitation that named you in this server.",
            "I've deleted the {n} invitations that named you in this server.",
        ));
    }
    if gone.lifted > 0 {
        said.push(plural(
            gone.lifted,
            "One of them was an invitation you answered “not right now”, so the person who sent it may invite you again; you can always say not right now.",
            "{n} of them were invitations you answered “not right now”, so the people who sent them may invite you again; you can always say not right now.",
        ));
    }
    if gone.kept > 0 {
        said.push(plural(
            gone.kept,
            "One invitation you sent was answered “not right now”. I keep it for a while so that answer is respected, then delete it on my own.",
            "{n} invitations you sent were answered “not right now”. I keep them for a while so those answers are respected, then delete them on my own.",
        ));
    }
    said.push(
        "You're not part of a couple here, so there's nothing else of yours to forget.".into(),
    );
    said.join(" ")
}

pub fn prompt_added(practice: Practice) -> String {
    let deck = match practice {
        Practice::Appreciation => "Added to your appreciation prompts.",
        Practice::ActiveListening => "Added to your active listening prompts.",
        Practice::Vulnerability => "Added to your being vulnerable prompts.",
        Practice::QualityTime => "Added to your quality time prompts.",
        Practice::Validation => "Added to your validating feelings prompts.",
    };
    format!("{deck} It'll come up in its turn.")
}

pub const CHECKIN_TITLE: &str = "Today's check-in";

pub const MOOD_LABEL: &str = "Mood, 1 (heavy) to 5 (light)";

/// The label of the form's answer to the day's question (its placeholder is the question's
/// short form).
pub const QUESTION_LABEL: &str = "Today's question";

pub const APPRECIATED_LABEL: &str = "Something I appreciated about you today";

pub const HEAR_LABEL: &str = "Something I'd like you to really hear";

pub const REFLECT_TITLE: &str = "Reflect back";

pub const REFLECT_LABEL: &str = "What I heard you say is...";

pub fn felt_heard(author: UserId, reflector: UserId, heard: bool) -> String {
    if heard {
        format!(
            "{} felt heard. Thank you, {}.",
            user(author),
            user(reflector)
        )
    } else {
        format!(
            "{} said: not quite. That's useful to know; maybe ask one gentle question about what you missed, {}.",
            user(author),
            user(reflector)
        )
    }
}

pub fn checkin_saved(partner: UserId, edited: bool) -> String {
    if edited {
        format!(
            "Updated. Your answers stay private until {} checks in too.",
            user(partner)
        )
    } else {
        format!("Thank you for checking in. Your answers stay private until {} checks in too; then I'll reveal both together.", user(partner))
    }
}

pub const CHECKIN_REVEALED: &str =
    "Thank you. You've both checked in: I'm revealing your answers in the channel now.";

pub fn checkin_kept(why: &Kept) -> String {
    match why {
        Kept::Invalid(AnswerError::NothingWritten) => "I kept your mood. A check-in also needs a few words: answer today's question, or share something you appreciated or would like them to hear. Press Edit when you're ready.".into(),
        Kept::Invalid(e) => format!("I kept what you wrote, but {e}. Press Edit to fix it."),
        Kept::DayOver => "That day's check-in has closed, so I kept what you wrote as a draft. Press Edit to check in for today instead.".into(),
        Kept::AlreadyRevealed => "Today's answers were already revealed, so they can't be changed now. I kept what you wrote as a draft.".into(),
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
/// Neither partner's own numbers are here (see [`own_streak`]).
pub fn streak_description(s: &crate::domain::streak::Streaks) -> String {
    let mut out = String::new();
    if s.current == 0 {
        out.push_str("A fresh start: check in together today and your streak begins.\n\n");
    } else {
        out.push_str(&format!(
            "**Together**: {} (longest {})\n",
            days(s.current),
            days(s.longest)
        ));
    }
    out.push_str(&format!(
        "**Freezes held**: {} of 2 (one is earned every 7 days you both check in; a missed day uses one, kindly)\n",
        s.freezes_held
    ));
    out.push_str(&format!(
        "**So far**: {} together",
        days(s.totals.counted_days)
    ));
    out
}

/// A partner's own numbers, shown to them alone after /streak (`slot`: which of the two).
pub fn own_streak(s: &crate::domain::streak::Streaks, slot: usize) -> String {
    let slot = slot.min(1);
    let (current, longest) = (s.individual_current[slot], s.individual_longest[slot]);
    let streak = if current == 0 {
        "Only you can see this. Your own streak begins again with your next check-in.".to_string()
    } else {
        format!(
            "Only you can see this. Your own streak: {} (longest {}).",
            days(current),
            days(longest)
        )
    };
    match s.totals.check_ins[slot] {
        0 => streak,
        n => format!(
            "{streak} {}",
            plural(
                n,
                "You've checked in once so far.",
                "You've checked in {n} times so far."
            )
        ),
    }
}

/// A partner's notifications, as only they see them (`changed`: they just set them).
pub fn notifications(n: &crate::domain::couple::Notifications, changed: bool) -> String {
    let heading = if changed {
        "Saved. These are yours alone: your partner doesn't see them, and only you can change them."
    } else {
        "Your notifications. These are yours alone: your partner doesn't see them, and only you can change them."
    };
    let mentions = if n.mentions {
        "**Mentions**: on. When one of my posts is meant for you, it will ping you."
    } else {
        "**Mentions**: off. My posts may still name you, but they never ping you."
    };
    let reminders = if n.reminders {
        "**Reminders**: on. If you haven't checked in a few hours after the day's first nudge, I'll send you one gentle reminder, never before 18:00 your time."
    } else {
        "**Reminders**: off. I won't remind you to check in."
    };
    format!("{heading}\n{mentions}\n{reminders}\nChange them with `/notify mentions:on|off reminders:on|off`.")
}

/// One of the couple's own prompts was removed (the text is clipped and tidied).
pub fn prompt_removed(text: &str) -> String {
    format!(
        "Removed “{}” from your prompts. It won't come up again.",
        crate::domain::text::clip(text, 100)
    )
}

/// An appreciation said with /appreciate.
pub fn appreciation(from: UserId, to: UserId, text: &str) -> (String, String) {
    (
        format!("{}, {} appreciates you:", user(to), user(from)),
        crate::domain::text::clip(text, 1000),
    )
}

pub const JAR_SAVED: &str =
    "Saved to your appreciation jar. It'll turn up again in your weekly digest.";

pub const JAR_ALREADY: &str = "That message is already in your jar.";

pub const EXPORT_READY: &str = "Here is everything haven keeps that is yours or that you two share. Your partner's answers appear only for days they were revealed to you both.";

pub const NOT_PAIRED_EXPORT: &str =
    "You're not part of a couple in this server, so there's nothing of yours to export.";

pub const EDIT_BUTTON: &str = "Edit";

pub const STREAK_TITLE: &str = "Your streak";

pub const REFLECTION_SENT: &str = "Sent. Listening like this is a gift.";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn help_fits_discords_limits_whatever_the_host_configures() {
        // Discord: 2,000 characters of content; an embed's description 4,096, a field's value
        // 1,024, and 6,000 across the embed.
        let url = format!("https://{}.example", "a".repeat(200));
        let kept = how_long_it_is_kept(u32::MAX);
        let hard = when_things_are_hard(&url);
        assert!(HELP.chars().count() <= 2000);
        assert!(HELP_COMMANDS.chars().count() <= 4096);
        for value in [&kept, &hard, super::pulse::HELP_TEXT] {
            assert!(value.chars().count() <= 1024, "{value}");
        }
        let embed: usize = [
            HELP_COMMANDS_TITLE,
            HELP_COMMANDS,
            super::pulse::HELP_TITLE,
            super::pulse::HELP_TEXT,
            HOW_LONG_TITLE,
            &kept,
            HARD_TIMES_TITLE,
            &hard,
        ]
        .iter()
        .map(|t| t.chars().count())
        .sum();
        assert!(embed <= 6000, "{embed}");
    }
}
