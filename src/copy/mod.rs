//! Every sentence haven says, in one place so its tone can be tuned together and, later,
//! translated. Only words live here (layout is in `crate::render`), and this module reads only
//! the domain's plain data. Each sentence is whole: values are slotted into it, never
//! sentences glued from pieces a translator could not reorder; plurals go through [`plural`].

pub mod commands;
mod errors;

use chrono::{DateTime, Utc};

use crate::domain::couple::InvitationStatus;
use crate::domain::ids::{ChannelId, UserId};
use crate::domain::prompt::Practice;
use crate::domain::refusal::Refusal;
use crate::domain::view::{Kept, ScheduleView, Week};
use crate::domain::visibility::{perms, Outsider, Visibility};

/// The one place a plural is chosen: `one` when `n` is 1, `other` otherwise. Each is a whole
/// phrase with `{n}` where the number goes ("1 day", "{n} days").
pub fn plural(n: u32, one: &str, other: &str) -> String {
    let phrase = if n == 1 { one } else { other };
    phrase.replace("{n}", &n.to_string())
}

fn days(n: u32) -> String {
    plural(n, "{n} day", "{n} days")
}

/// A practice's name, as the title of a nudge.
pub fn practice_title(p: Practice) -> &'static str {
    match p {
        Practice::Appreciation => "Appreciation",
        Practice::ActiveListening => "Active listening",
        Practice::Vulnerability => "Being vulnerable",
        Practice::QualityTime => "Quality time",
        Practice::Validation => "Validating feelings",
    }
}

pub const CHECK_IN_BUTTON: &str = "Check in";
pub const ANOTHER_PROMPT_BUTTON: &str = "Another prompt";
pub const HELP_BUTTON: &str = "How haven works";
pub const FELT_HEARD_BUTTON: &str = "Felt heard";
pub const NOT_QUITE_BUTTON: &str = "Not quite";
pub const NUDGE_FOOTER: &str = "A small moment for the two of you.";
pub const NOTHING_TODAY: &str = "(nothing today)";
pub const FROM_YOUR_JAR: &str = "From your jar";
pub const DIGEST_TITLE: &str = "Your week together";

/// The heatmap's month labels, January first.
pub const HEATMAP_MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
/// The heatmap's weekday labels: Monday, Wednesday and Friday.
pub const HEATMAP_WEEKDAYS: [&str; 3] = ["Mon", "Wed", "Fri"];
/// The heatmap's legend: both checked in, one, not yet, rest day, frozen.
pub const HEATMAP_LEGEND: [&str; 5] = ["Both checked in", "One", "Not yet", "Rest day", "Frozen"];

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
    let owner = user(v.owner_id);
    if v.admin_roles.is_empty() {
        return format!(
            "Who else can see this channel: the server owner ({owner}), because Discord lets them \
             read every channel. The person hosting haven can read its database, which stores your check-ins."
        );
    }
    let roles: Vec<String> = v
        .admin_roles
        .iter()
        .map(|n| {
            format!(
                "**{}**",
                crate::domain::text::escape_markdown(&crate::domain::text::clip(n, 60))
            )
        })
        .collect();
    format!(
        "Who else can see this channel: the server owner ({owner}) and anyone with an administrator \
         role ({}), because Discord lets them read every channel. The person hosting haven can read \
         its database, which stores your check-ins.",
        roles.join(", ")
    )
}

pub fn partner_cannot_view(partner: UserId) -> String {
    format!(
        "{} can't see this channel, so they couldn't accept. Give them *View Channel* here (a permission for them by name), or use `private_channel:true`.",
        user(partner)
    )
}

/// Discord's names of the permission bits haven asks for, for messages that name what is
/// missing.
pub fn permission_names(bits: u64) -> Vec<&'static str> {
    [
        (perms::VIEW_CHANNEL, "View Channel"),
        (perms::SEND_MESSAGES, "Send Messages"),
        (perms::EMBED_LINKS, "Embed Links"),
        (perms::ATTACH_FILES, "Attach Files"),
        (perms::READ_MESSAGE_HISTORY, "Read Message History"),
        (perms::MANAGE_CHANNELS, "Manage Channels"),
        (perms::MANAGE_ROLES, "Manage Roles"),
        (perms::ADMINISTRATOR, "Administrator"),
    ]
    .into_iter()
    .filter(|(b, _)| bits & b != 0)
    .map(|(_, n)| n)
    .collect()
}

pub fn bot_missing_in_channel(missing: u64) -> String {
    format!(
        "I'm missing some permissions in this channel: {}. Please ask a server admin to grant them to me, then try again.",
        permission_names(missing).join(", ")
    )
}

pub fn bot_missing_to_create_channel(missing: u64) -> String {
    format!(
        "I'm missing some permissions in this server to create your channel: {}. Please ask a server admin to grant them to me, then try again.",
        permission_names(missing).join(", ")
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

/// The body of every schedule view.
pub fn schedule_description(v: &ScheduleView) -> String {
    let mut s = format!(
        "**When**: {}\n**Time zone**: {}\n",
        schedule_words(&v.expression),
        v.timezone
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

use crate::domain::checkin::{Draft, MAX_ANSWER};

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

pub fn forgotten_with_posts(ch: ChannelId) -> String {
    format!(
        "Done. Everything haven stored about your couple in {} is gone, and I'm removing my posts there now. You're always welcome back with /setup.",
        channel(ch)
    )
}

/// The mentions above a nudge.
pub fn nudge_mentions([a, b]: [UserId; 2]) -> String {
    format!("{} {}", user(a), user(b))
}

pub fn checkin_notice(who: UserId, other: UserId) -> String {
    format!(
        "{} checked in for today. {}, whenever you're ready, your answers will be revealed together.",
        user(who),
        user(other)
    )
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

/// The title of one partner's answers in a reveal.
pub fn reveal_mood(mood: u8) -> String {
    format!("Mood {mood}/5 ({})", mood_words(mood))
}

pub fn reveal_from(who: UserId) -> String {
    format!("From {}", user(who))
}

pub fn reveal_intro(a: UserId, b: UserId) -> String {
    format!(
        "{} and {}, you've both checked in. Here's what you shared today. Take a moment with each other's words; \"Reflect back\" lets you say what you heard.",
        user(a),
        user(b)
    )
}

/// The Reflect back button of the first or the second partner's answers.
pub fn reflect_back_button(slot: u8) -> &'static str {
    if slot == 0 {
        "Reflect back (first)"
    } else {
        "Reflect back (second)"
    }
}

pub fn reflection_intro(author: UserId, reflector: UserId) -> String {
    format!(
        "{}, {} reflected back what you shared:",
        user(author),
        user(reflector)
    )
}

pub fn held_notice(partners: [UserId; 2]) -> String {
    format!(
        "{} {}, I'm holding back something you shared: people outside your couple can read this channel now. \
         Change its permissions so only the two of you (and I) can view it, then use /resume and I'll post it.",
        user(partners[0]),
        user(partners[1])
    )
}

pub fn reminder(partner: UserId) -> String {
    format!(
        "{}, a gentle nudge: there's still time to check in today. A few honest words are plenty.",
        user(partner)
    )
}

pub fn digest_intro(partners: [UserId; 2]) -> String {
    format!(
        "{} {}, here's your week.",
        user(partners[0]),
        user(partners[1])
    )
}

/// One appreciation from the jar, with who wrote it.
pub fn jar_line(who: UserId, text: &str) -> String {
    format!("{}: {text}", user(who))
}

pub fn digest_description(w: &Week) -> String {
    let description = format!(
        "**This week**: {} together, {}, {}.\n**Your streak**: {}.",
        days(w.days_together),
        plural(w.appreciations, "{n} appreciation", "{n} appreciations"),
        plural(w.reflections, "{n} reflection", "{n} reflections"),
        days(w.streak),
    );
    if w.days_together == 0 {
        format!("{description}\nA quiet week happens. Tonight is a lovely time to begin again.")
    } else {
        description
    }
}

pub const EDIT_BUTTON: &str = "Edit";
pub const FORGET_BUTTON: &str = "Forget everything";
pub const KEEP_BUTTON: &str = "Keep it";
pub const ACCEPT_BUTTON: &str = "Accept";
pub const NOT_RIGHT_NOW_BUTTON: &str = "Not right now";
pub const STREAK_TITLE: &str = "Your streak";
pub const SCHEDULE_TITLE: &str = "Your schedule";
pub const SCHEDULE_UPDATED_TITLE: &str = "Schedule updated";
pub const PAUSED_TITLE: &str = "Nudges paused";
pub const RESUMED_TITLE: &str = "Nudges resumed";
pub const SKIPPING_TITLE: &str = "Skipping one nudge";
pub const CREATED_CHANNEL_TOPIC: &str = "A private space for the two of you, with haven.";
pub const CHANNEL_NOT_CREATED: &str = "I couldn't create the channel (I may be missing the Manage Channels permission). The invitation is still open: please try Accept again once that's fixed.";
pub const ALREADY_REVEALED_TODAY: &str =
    "You've both checked in today and your answers are revealed. See you tomorrow!";
pub const REFLECTION_EMPTY: &str = "A reflection needs a few words of what you heard.";
pub const REFLECTION_SENT: &str = "Sent. Listening like this is a gift.";
pub const CHOOSE_TIMEZONE: &str =
    "Please choose your time zone (start typing a city, like Berlin or New York).";

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

const DAY_NAMES_PLURAL: [&str; 7] = [
    "Mondays",
    "Tuesdays",
    "Wednesdays",
    "Thursdays",
    "Fridays",
    "Saturdays",
    "Sundays",
];
const DAY_NAMES_SHORT: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/// "a", "a and b", "a, b and c".
fn list_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// A couple's schedule in words; one haven no longer understands is quoted.
pub fn schedule_words(s: &crate::domain::couple::CoupleSchedule) -> String {
    match s.cron() {
        Some(expr) => schedule_in_words(expr),
        None => format!("`{}`", s.text()),
    }
}

/// A schedule in words: "every day at 20:00", "on weekdays at 07:30", "on weekends at 10:00",
/// "on Mon, Wed and Fri at 18:15", "on Mondays at 09:00", "every day at 08:00 and 20:00",
/// falling back to "on the cron schedule `…`" for anything else.
pub fn schedule_in_words(expr: &crate::domain::schedule::CronExpr) -> String {
    let Some(plain) = expr.plain() else {
        return format!("on the cron schedule `{}`", expr.as_str());
    };
    let at = list_and(
        &plain
            .times
            .iter()
            .map(|t| t.to_string())
            .collect::<Vec<_>>(),
    );
    let picked: Vec<usize> = (0..7).filter(|&i| plain.days[i]).collect();
    match (plain.days, picked.as_slice()) {
        ([true, true, true, true, true, true, true], _) => format!("every day at {at}"),
        ([true, true, true, true, true, false, false], _) => format!("on weekdays at {at}"),
        ([false, false, false, false, false, true, true], _) => format!("on weekends at {at}"),
        (_, [one]) => format!("on {} at {at}", DAY_NAMES_PLURAL[*one]),
        (_, many) => {
            let names: Vec<String> = many
                .iter()
                .map(|&i| DAY_NAMES_SHORT[i].to_string())
                .collect();
            format!("on {} at {at}", list_and(&names))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::schedule::CronExpr;
    use crate::domain::time::LocalTime;
    use chrono::Weekday;

    fn expr(s: &str) -> CronExpr {
        CronExpr::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    fn lt(hour: u8, minute: u8) -> LocalTime {
        LocalTime { hour, minute }
    }

    fn words(e: &CronExpr) -> String {
        schedule_in_words(e)
    }

    #[test]
    fn schedules_in_words() {
        use Weekday::*;
        assert_eq!(words(&CronExpr::daily_at(lt(20, 0))), "every day at 20:00");
        assert_eq!(
            words(&CronExpr::at_on_days(lt(7, 30), &[Mon, Tue, Wed, Thu, Fri])),
            "on weekdays at 07:30"
        );
        assert_eq!(
            words(&CronExpr::at_on_days(lt(10, 0), &[Sat, Sun])),
            "on weekends at 10:00"
        );
        assert_eq!(
            words(&CronExpr::at_on_days(lt(18, 15), &[Mon, Wed, Fri])),
            "on Mon, Wed and Fri at 18:15"
        );
        assert_eq!(
            words(&CronExpr::at_on_days(lt(9, 0), &[Mon])),
            "on Mondays at 09:00"
        );
        assert_eq!(words(&expr("0 9 * * 1-5")), "on weekdays at 09:00");
        assert_eq!(words(&expr("0 0 9 * * 1")), "on Sundays at 09:00");
        assert_eq!(words(&expr("@weekly")), "on Sundays at 00:00");
        assert_eq!(words(&expr("0 8,20 * * *")), "every day at 08:00 and 20:00");
        assert_eq!(
            words(&expr("0 */30 * * * *")),
            "on the cron schedule `0 */30 * * * *`"
        );
        assert_eq!(
            words(&expr("0 0 9 1 * *")),
            "on the cron schedule `0 0 9 1 * *`"
        );
        assert_eq!(
            words(&expr("30 0 9 * * *")),
            "on the cron schedule `30 0 9 * * *`"
        );
    }

    #[test]
    fn names_of_missing_permissions() {
        assert_eq!(
            permission_names(perms::SEND_MESSAGES | perms::EMBED_LINKS),
            vec!["Send Messages", "Embed Links"]
        );
    }

    #[test]
    fn plurals_take_whole_phrases() {
        assert_eq!(plural(1, "{n} day", "{n} days"), "1 day");
        assert_eq!(plural(0, "{n} day", "{n} days"), "0 days");
        assert_eq!(plural(7, "one week", "{n} weeks"), "7 weeks");
    }

    #[test]
    fn every_practice_title_reads_back() {
        for p in Practice::ALL {
            assert_eq!(Practice::parse(practice_title(p)), Some(p));
            assert_eq!(Practice::parse(&practice_title(p).to_uppercase()), Some(p));
        }
    }
}
