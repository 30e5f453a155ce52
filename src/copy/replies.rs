//! The words of replies to commands: check-ins, streaks, appreciations, prompts, export and forget.

use super::*;
use crate::domain::checkin::{Draft, MAX_ANSWER};

pub const HELP: &str = "**haven** helps the two of you build closeness through small daily habits: \
appreciating each other, listening well, and checking in.\n\n\
**Getting started**: in a private channel you share, run `/setup partner:@them timezone:Your/City`. \
Your partner gets an invitation to accept. Add `private_channel:true` and I'll create a private channel for you both after they accept.\n\
**Commands**\n\
• `/setup`: invite your partner and choose where haven lives.\n\
• `/schedule show` / `/schedule set`: when your daily nudge arrives (time, days, time zone, or cron).\n\
• `/pause [days]`, `/resume`, `/skip`: take a break, come back, or skip just the next nudge.\n\
• `/prompt now [practice]`: a prompt right away. `/prompt add`: add one of your own.\n\
• `/checkin`: your mood and a few words, private until you've both checked in; then I reveal both together.\n\
• `/appreciate`: tell your partner what you appreciate. *Appreciate this* (on a message of theirs) keeps it in your jar.\n\
• `/streak`: your streaks and the last 26 weeks.\n\
• `/export`: a file of your data. `/forget`: delete everything haven stores about your couple (after you confirm).\n\
• `/help`: this message.\n\n\
**Privacy**: I only post where outsiders can't read, and I check the channel's permissions before I start. \
The server owner and anyone with an administrator role can read every channel in a server, including yours. \
The person hosting haven can read its database, where your check-ins are stored. \
I never read your messages (I don't have that permission) and only see what you give me through my commands.";

pub fn forget_confirm() -> String {
    "This deletes everything haven stores about your couple, for both of you: the pairing, your \
     invitations and settings. It can't be undone. Are you sure?"
        .into()
}

pub fn forgotten(ch: ChannelId) -> String {
    format!(
        "Done. Everything haven stored about your couple in {} is gone. You're always welcome back with /setup.",
        channel(ch)
    )
}

pub const FORGET_CANCELLED: &str = "Nothing was deleted.";

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
        Kept::Invalid(e) => format!("I kept what you wrote, but {e}. Press Edit to fix it."),
        Kept::DayOver => "That day's check-in has closed, so I kept what you wrote as a draft. Press Edit to check in for today instead.".into(),
        Kept::AlreadyRevealed => "Today's answers were already revealed, so they can't be changed now. I kept what you wrote as a draft.".into(),
    }
}

/// Text the form can be pre-filled with: Discord refuses a value over the input's limit.
pub fn prefill(d: &Draft) -> (String, String, String) {
    let keep = |s: &str, n: usize| s.chars().take(n).collect::<String>();
    (
        keep(d.mood.trim(), 1),
        keep(&d.appreciated, MAX_ANSWER),
        keep(&d.hear, MAX_ANSWER),
    )
}

/// The words of /streak: encouraging, never guilt.
pub fn streak_description(s: &crate::domain::streak::Streaks, partners: [UserId; 2]) -> String {
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
    for (i, p) in partners.iter().enumerate() {
        out.push_str(&format!(
            "{}: {} (longest {})\n",
            user(*p),
            days(s.individual_current[i]),
            days(s.individual_longest[i])
        ));
    }
    out.push_str(&format!(
        "**Freezes held**: {} of 2 (one is earned every 7 days you both check in; a missed day uses one, kindly)\n",
        s.freezes_held
    ));
    out.push_str(&format!(
        "**So far**: {} together, {} and {} check-ins",
        days(s.totals.counted_days),
        s.totals.check_ins[0],
        s.totals.check_ins[1]
    ));
    out
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

pub fn forgotten_with_posts(ch: ChannelId) -> String {
    format!(
        "Done. Everything haven stored about your couple in {} is gone, and I'm removing my posts there now. You're always welcome back with /setup.",
        channel(ch)
    )
}

pub const EDIT_BUTTON: &str = "Edit";

pub const FORGET_BUTTON: &str = "Forget everything";

pub const KEEP_BUTTON: &str = "Keep it";

pub const STREAK_TITLE: &str = "Your streak";

pub const REFLECTION_SENT: &str = "Sent. Listening like this is a gift.";
