//! Every sentence haven says, in one place so its tone can be tuned together.

use chrono::{DateTime, Utc};

use crate::domain::couple::InvitationStatus;
use crate::domain::ids::{ChannelId, UserId};
use crate::domain::visibility::{perms, Outsider, Visibility};
use crate::service::Refusal;

pub const SOMETHING_WENT_WRONG: &str =
    "Something went wrong on my side, sorry. Nothing was changed; please try again in a moment.";
pub const DM_NOT_SUPPORTED: &str =
    "haven lives inside a server: please use its commands in the channel you share with your partner.";
pub const GUILD_NOT_READY: &str =
    "I'm still getting to know this server. Please try again in a moment.";
pub const UNKNOWN_COMMAND: &str =
    "I don't know that command (Discord may still be updating my command list). Please try again in a minute.";
pub const BAD_OPTIONS: &str =
    "That command arrived with options I don't recognise (Discord may still be updating my command list). Please try again in a minute.";
pub const STALE_BUTTON: &str =
    "That button is no longer valid. If you still need it, run the command again.";
pub const NOT_TEXT_CHANNEL: &str =
    "haven can only live in a plain text channel. Run /setup in one, or add `private_channel:true` and I'll make one for you both.";

pub fn when(t: DateTime<Utc>) -> String {
    format!("<t:{}:R>", t.timestamp())
}

pub fn user(u: UserId) -> String {
    format!("<@{u}>")
}

pub fn channel(c: ChannelId) -> String {
    format!("<#{c}>")
}

pub fn refusal(r: &Refusal) -> String {
    match r {
        Refusal::NotAPartner => "This channel belongs to a couple, and only the two of them can use haven here. To start your own, run /setup in a private channel you share with your partner.".into(),
        Refusal::NoCoupleHere => "This channel isn't set up for a couple yet. Run /setup here with your partner (or `private_channel:true` to get a new private channel).".into(),
        Refusal::PartnerIsSelf => "haven is for two: please choose your partner, not yourself.".into(),
        Refusal::PartnerIsBot => "Bots make poor partners for this. Please choose the person you'd like to invite.".into(),
        Refusal::PartnerNotInServer => "I can't find that person in this server. They need to be a member here before you can invite them.".into(),
        Refusal::ChannelAlreadyPaired => "This channel already belongs to a couple. Each couple has a channel of its own; try `private_channel:true` to get a new one.".into(),
        Refusal::InviterAlreadyPaired(ch) => format!("You're already paired in {} in this server. If you'd like to start over, use /forget there first.", channel(*ch)),
        Refusal::InviteeAlreadyPaired(_) => "That person is already paired in this server, so I can't invite them.".into(),
        Refusal::AlreadyInvited { until } => format!("You've already invited them; the invitation is open until {}.", when(*until)),
        Refusal::RecentlyDeclined { until } => format!("They said not right now, and that's okay. You can invite them again {}.", when(*until)),
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
        Refusal::PromptLimit { max } => format!("You've added {max} prompts of your own, the most I keep for one couple."),
    }
}

/// Who besides the couple can read a channel, as a sentence for the /setup refusal.
pub fn outsiders_refusal(v: &Visibility) -> String {
    let mut who = Vec::new();
    for o in &v.outsiders {
        who.push(match o {
            Outsider::Everyone => "everyone in the server".to_string(),
            Outsider::Role { name, .. } => format!(
                "the role **{}**",
                crate::domain::text::escape_markdown(&crate::domain::text::clip(name, 60))
            ),
            Outsider::Member(u) => format!("{} (a member permission)", user(*u)),
        });
    }
    format!(
        "I can't set up here: {} can read this channel, and your check-ins are meant for the two of you. \
         To fix it, edit the channel's permissions so @everyone and these roles or people can't *View Channel*, \
         and allow you and your partner by name (roles count as outsiders, because I can't see who holds them). \
         Or run /setup with `private_channel:true` and I'll create a private channel for you both.",
        who.join(", ")
    )
}

/// The disclosure of who can always read a channel: the server owner, administrators, and the host.
pub fn who_else_can_see(v: &Visibility) -> String {
    let mut s = format!(
        "Who else can see this channel: the server owner ({})",
        user(v.owner_id)
    );
    if !v.admin_roles.is_empty() {
        let names: Vec<String> = v
            .admin_roles
            .iter()
            .map(|n| {
                format!(
                    "**{}**",
                    crate::domain::text::escape_markdown(&crate::domain::text::clip(n, 60))
                )
            })
            .collect();
        s.push_str(&format!(
            " and anyone with an administrator role ({})",
            names.join(", ")
        ));
    }
    s.push_str(
        ", because Discord lets them read every channel. The person hosting haven can read its database, \
         which stores your check-ins.",
    );
    s
}

pub fn partner_cannot_view(partner: UserId) -> String {
    format!(
        "{} can't see this channel, so they couldn't accept. Give them *View Channel* here (a permission for them by name), or use `private_channel:true`.",
        user(partner)
    )
}

pub fn bot_missing_permissions(missing: u64, where_: &str) -> String {
    format!(
        "I'm missing some permissions {where_}: {}. Please ask a server admin to grant them to me, then try again.",
        perms::names(missing).join(", ")
    )
}

pub fn invitation(
    inviter: UserId,
    invitee: UserId,
    private_channel: bool,
    tz: &str,
    time: &str,
    expires: DateTime<Utc>,
    disclosure: &str,
) -> String {
    let place = if private_channel {
        "When you accept, I'll create a private channel only the two of you (and I) can see."
    } else {
        "When you accept, this channel becomes your shared space."
    };
    format!(
        "{}, {} would like to start **haven** with you: a small daily habit for the two of you. \
         Each day I'll post a gentle prompt at {time} ({tz}); you each check in privately, and I reveal \
         your answers together once you both have. No pressure, no scores.\n\n{place}\n\n{disclosure}\n\n\
         This invitation is open until {}. Only {} can answer it.",
        user(invitee),
        user(inviter),
        when(expires),
        user(invitee),
    )
}

pub fn invitation_sent_privately(invitee: UserId) -> String {
    format!("Your invitation is waiting for {}'s answer.", user(invitee))
}

pub fn accepted(inviter: UserId, invitee: UserId, ch: ChannelId) -> String {
    format!(
        "{} accepted {}'s invitation. haven is set up in {}.",
        user(invitee),
        user(inviter),
        channel(ch)
    )
}

pub fn declined(invitee: UserId) -> String {
    format!(
        "{} said not right now, and that's completely okay.",
        user(invitee)
    )
}

pub fn expired() -> String {
    "This invitation expired without an answer. Either of you can run /setup again whenever you like.".into()
}

pub fn welcome(partners: [UserId; 2], tz: &str, time: &str) -> String {
    format!(
        "Welcome, {} and {}. This is your haven. Each day at {time} ({tz}) I'll post a small prompt \
         for the two of you. Use /help any time to see what I can do.",
        user(partners[0]),
        user(partners[1]),
    )
}

/// The first post in a channel haven created: welcome, and a button to the help.
pub fn welcome_post(
    partners: [UserId; 2],
    tz: &str,
    time: &str,
    marker: &str,
) -> crate::domain::post::Post {
    use crate::domain::post::{Button, ButtonStyle, Post};
    Post {
        content: Some(welcome(partners, tz, time)),
        embeds: vec![],
        buttons: vec![Button {
            custom_id: crate::domain::custom_id::ComponentId::help(marker),
            label: "How haven works".to_string(),
            style: ButtonStyle::Secondary,
        }],
        mentions: partners.to_vec(),
        reply_to: None,
    }
}

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
    "You're not part of a couple in this server, so there's nothing of yours for me to forget.";

pub const NO_PROMPT: &str =
    "Take a quiet minute together tonight and tell each other one thing you're glad about.";

/// A scheduled nudge: the practice as title, one prompt, and the Another prompt button.
pub fn nudge(
    practice: crate::domain::prompt::Practice,
    text: &str,
    mention: Option<[UserId; 2]>,
    marker: &str,
) -> crate::domain::post::Post {
    use crate::domain::post::{Button, ButtonStyle, Embed, Post, COLOUR};
    Post {
        content: mention.map(|[a, b]| format!("{} {}", user(a), user(b))),
        embeds: vec![Embed {
            title: practice.title().to_string(),
            description: text.to_string(),
            fields: vec![],
            footer: Some("A small moment for the two of you.".to_string()),
            colour: COLOUR,
        }],
        buttons: vec![
            Button {
                custom_id: crate::domain::custom_id::ComponentId::check_in(marker),
                label: "Check in".to_string(),
                style: ButtonStyle::Primary,
            },
            Button {
                custom_id: crate::domain::custom_id::ComponentId::another_prompt(practice, marker),
                label: "Another prompt".to_string(),
                style: ButtonStyle::Secondary,
            },
        ],
        mentions: mention.map(|m| m.to_vec()).unwrap_or_default(),
        reply_to: None,
    }
}

/// The body of every schedule view.
pub fn schedule_description(v: &crate::service::schedule::ScheduleView) -> String {
    let mut s = format!(
        "**When**: {}\n**Time zone**: {}\n",
        v.description, v.timezone
    );
    if let Some(until) = v.paused_until {
        match (v.pause_reason, until == crate::domain::couple::paused_indefinitely()) {
            (Some(crate::domain::couple::PauseReason::Channel), _) => s.push_str(
                "**Paused**: I couldn't post in your channel (it may have been deleted or my permissions changed). Fix that, then use /resume.\n",
            ),
            (_, true) => s.push_str("**Paused** until you /resume.\n"),
            (_, false) => s.push_str(&format!("**Paused** until <t:{}:F>.\n", until.timestamp())),
        }
    }
    if let Some(skip) = v.skip_at {
        s.push_str(&format!(
            "**Skipping** the nudge of <t:{}:F>.\n",
            skip.timestamp()
        ));
    }
    if v.next.is_empty() {
        s.push_str("\nNo nudges are coming up.");
    } else {
        s.push_str("\n**Next nudges**\n");
        for t in &v.next {
            s.push_str(&format!("<t:{}:F>\n", t.timestamp()));
        }
    }
    s
}

pub fn schedule_changed(by: u64) -> String {
    format!("{} changed your schedule.", user(UserId(by)))
}

pub fn paused(by: u64) -> String {
    format!(
        "{} paused your nudges. Take all the time you need.",
        user(UserId(by))
    )
}

pub fn resumed(by: u64) -> String {
    format!("{} resumed your nudges. Welcome back.", user(UserId(by)))
}

pub fn skipped(by: u64, at: DateTime<Utc>) -> String {
    format!(
        "{} skipped the nudge of <t:{}:F>. The ones after it come as usual.",
        user(UserId(by)),
        at.timestamp()
    )
}

pub fn prompt_added(practice: crate::domain::prompt::Practice) -> String {
    format!(
        "Added to your {} prompts. It'll come up in its turn.",
        practice.title().to_lowercase()
    )
}

use crate::domain::checkin::{Answers, Draft, MAX_ANSWER};
use crate::domain::post::{Button, ButtonStyle, Embed, Post, COLOUR};

pub const CHECKIN_TITLE: &str = "Today's check-in";
pub const MOOD_LABEL: &str = "Mood, 1 (heavy) to 5 (light)";
pub const APPRECIATED_LABEL: &str = "Something I appreciated about you today";
pub const HEAR_LABEL: &str = "Something I'd like you to really hear";
pub const REFLECT_TITLE: &str = "Reflect back";
pub const REFLECT_LABEL: &str = "What I heard you say is...";

/// The check-in of one partner is in: no content, and a button for the other.
pub fn checkin_notice(who: UserId, other: UserId, marker: &str) -> Post {
    Post {
        content: Some(format!(
            "{} checked in for today. {}, whenever you're ready, your answers will be revealed together.",
            user(who),
            user(other)
        )),
        embeds: vec![],
        buttons: vec![Button {
            custom_id: crate::domain::custom_id::ComponentId::check_in(marker),
            label: "Check in".to_string(),
            style: ButtonStyle::Primary,
        }],
        mentions: vec![other],
        reply_to: None,
    }
}

fn mood_words(n: u8) -> &'static str {
    match n {
        1 => "heavy",
        2 => "low",
        3 => "okay",
        4 => "good",
        _ => "light",
    }
}

/// Both answers of a day, together, with a Reflect back button for each.
pub fn reveal(day: chrono::NaiveDate, both: &[(UserId, Answers); 2], marker: &str) -> Post {
    let embeds = both
        .iter()
        .map(|(who, a)| Embed {
            title: format!("Mood {}/5 ({})", a.mood.get(), mood_words(a.mood.get())),
            description: format!("From {}", user(*who)),
            fields: vec![
                (APPRECIATED_LABEL.to_string(), clip_field(&a.appreciated)),
                (
                    HEAR_LABEL.to_string(),
                    a.hear
                        .as_deref()
                        .map(clip_field)
                        .unwrap_or_else(|| "(nothing today)".to_string()),
                ),
            ],
            footer: None,
            colour: COLOUR,
        })
        .collect();
    let buttons = (0..2u8)
        .map(|slot| Button {
            custom_id: crate::domain::custom_id::ComponentId::reflect_back(day, slot, marker),
            label: format!(
                "Reflect back ({})",
                if slot == 0 { "first" } else { "second" }
            ),
            style: ButtonStyle::Secondary,
        })
        .collect();
    Post {
        content: Some(format!(
            "{} and {}, you've both checked in. Here's what you shared today. Take a moment with each other's words; \"Reflect back\" lets you say what you heard.",
            user(both[0].0),
            user(both[1].0)
        )),
        embeds,
        buttons,
        mentions: vec![both[0].0, both[1].0],
        reply_to: None,
    }
}

/// Field values hold 1024 characters; answers hold at most 1000. Line breaks are kept.
fn clip_field(s: &str) -> String {
    s.split('\n')
        .map(|line| crate::domain::text::clip(line, MAX_ANSWER))
        .collect::<Vec<_>>()
        .join("\n")
        .chars()
        .take(MAX_ANSWER)
        .collect()
}

/// A reflection, posted as a reply to the reveal, with the author's two buttons.
pub fn reflection_post(
    author: UserId,
    reflector: UserId,
    text: &str,
    id: u64,
    reply_to: Option<crate::domain::ids::MessageId>,
    marker: &str,
) -> Post {
    Post {
        content: Some(format!(
            "{}, {} reflected back what you shared:",
            user(author),
            user(reflector)
        )),
        embeds: vec![Embed {
            title: REFLECT_LABEL.to_string(),
            description: clip_field(text),
            fields: vec![],
            footer: None,
            colour: COLOUR,
        }],
        buttons: vec![
            Button {
                custom_id: crate::domain::custom_id::ComponentId::felt_heard(id, true, marker),
                label: "Felt heard".to_string(),
                style: ButtonStyle::Success,
            },
            Button {
                custom_id: crate::domain::custom_id::ComponentId::felt_heard(id, false, marker),
                label: "Not quite".to_string(),
                style: ButtonStyle::Secondary,
            },
        ],
        mentions: vec![author],
        reply_to,
    }
}

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

pub fn checkin_kept(why: &crate::service::checkin::Kept) -> String {
    use crate::service::checkin::Kept;
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
    let days = |n: u32| {
        if n == 1 {
            "1 day".to_string()
        } else {
            format!("{n} days")
        }
    };
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

/// Told in the channel, without any content, when a post with a partner's words was held.
pub fn held_notice(partners: [UserId; 2], marker: &str) -> Post {
    Post {
        content: Some(format!(
            "{} {}, I'm holding back something you shared: people outside your couple can read this channel now. \
             Change its permissions so only the two of you (and I) can view it, then use /resume and I'll post it.",
            user(partners[0]),
            user(partners[1])
        )),
        embeds: vec![],
        buttons: vec![Button {
            custom_id: crate::domain::custom_id::ComponentId::help(marker),
            label: "How haven works".to_string(),
            style: ButtonStyle::Secondary,
        }],
        mentions: partners.to_vec(),
        reply_to: None,
    }
}

pub const EXPORT_READY: &str = "Here is everything haven keeps that is yours or that you two share. Your partner's answers appear only for days they were revealed to you both.";
pub const NOT_PAIRED_EXPORT: &str =
    "You're not part of a couple in this server, so there's nothing of yours to export.";

/// One gentle reminder, mentioning only the partner who has not checked in.
pub fn reminder(partner: UserId, marker: &str) -> Post {
    Post {
        content: Some(format!(
            "{}, a gentle nudge: there's still time to check in today. A few honest words are plenty.",
            user(partner)
        )),
        embeds: vec![],
        buttons: vec![Button {
            custom_id: crate::domain::custom_id::ComponentId::check_in(marker),
            label: "Check in".to_string(),
            style: ButtonStyle::Primary,
        }],
        mentions: vec![partner],
        reply_to: None,
    }
}

/// A milestone and a spent freeze, said kindly with the next nudge.
pub fn streak_news(milestone: Option<u32>, freezes_used: usize, current: u32) -> Option<String> {
    let mut lines = Vec::new();
    if let Some(m) = milestone {
        lines.push(format!(
            "{m} days in a row, together. That's something to be glad about."
        ));
    }
    if freezes_used > 0 {
        lines.push(format!(
            "A day slipped by, and that's fine: a freeze kept your {current}-day streak safe."
        ));
    }
    (!lines.is_empty()).then(|| lines.join("\n"))
}

/// The weekly digest.
pub fn digest(partners: [UserId; 2], w: &crate::service::digest::Week, marker: &str) -> Post {
    let n = |k: u32, one: &str, many: &str| {
        if k == 1 {
            format!("1 {one}")
        } else {
            format!("{k} {many}")
        }
    };
    let mut description = format!(
        "**This week**: {} together, {}, {}.\n**Your streak**: {}.",
        n(w.days_together, "day", "days"),
        n(w.appreciations, "appreciation", "appreciations"),
        n(w.reflections, "reflection", "reflections"),
        n(w.streak, "day", "days"),
    );
    if w.days_together == 0 {
        description.push_str("\nA quiet week happens. Tonight is a lovely time to begin again.");
    }
    let fields = w
        .from_jar
        .as_ref()
        .map(|(who, text)| {
            vec![(
                "From your jar".to_string(),
                format!("{}: {}", user(*who), crate::domain::text::clip(text, 900)),
            )]
        })
        .unwrap_or_default();
    Post {
        content: Some(format!(
            "{} {}, here's your week.",
            user(partners[0]),
            user(partners[1])
        )),
        embeds: vec![Embed {
            title: "Your week together".to_string(),
            description,
            fields,
            footer: None,
            colour: COLOUR,
        }],
        buttons: vec![Button {
            custom_id: crate::domain::custom_id::ComponentId::check_in(marker),
            label: "Check in".to_string(),
            style: ButtonStyle::Primary,
        }],
        mentions: partners.to_vec(),
        reply_to: None,
    }
}

pub fn forgotten_with_posts(ch: ChannelId) -> String {
    format!(
        "Done. Everything haven stored about your couple in {} is gone, and I'm removing my posts there now. You're always welcome back with /setup.",
        channel(ch)
    )
}
