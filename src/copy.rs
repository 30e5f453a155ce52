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
        embed: None,
        buttons: vec![Button {
            custom_id: crate::domain::custom_id::ComponentId::help(marker),
            label: "How haven works".to_string(),
            style: ButtonStyle::Secondary,
        }],
        mentions: partners.to_vec(),
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
• `/forget`: delete everything haven stores about your couple (after you confirm).\n\
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
        embed: Some(Embed {
            title: practice.title().to_string(),
            description: text.to_string(),
            footer: Some("A small moment for the two of you.".to_string()),
            colour: COLOUR,
        }),
        buttons: vec![Button {
            custom_id: crate::domain::custom_id::ComponentId::another_prompt(practice, marker),
            label: "Another prompt".to_string(),
            style: ButtonStyle::Secondary,
        }],
        mentions: mention.map(|m| m.to_vec()).unwrap_or_default(),
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
