//! The words of pairing: invitations, who can see a channel, and what haven needs to work.

use super::*;

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
         This invitation is open until {}. Only {} can answer it. If it isn't the right time, \
         “Not right now” simply closes it: {} is told privately, and nobody else.",
        user(invitee),
        user(inviter),
        when(expires),
        user(invitee),
        user(inviter),
    )
}

/// The invitation as a direct message to the invited person (from a channel outsiders can
/// read, /setup never posts it there). `inviter_name` and `server` are names as Discord has
/// them (a mention may not render in a DM).
pub fn invitation_by_dm(
    inviter: UserId,
    inviter_name: &str,
    server: &str,
    tz: &str,
    time: &str,
    expires: DateTime<Utc>,
    disclosure: &str,
) -> String {
    format!(
        "**{}** ({}) would like to start **haven** with you in **{}**: a small daily habit for the two of you. \
         Each day I'll post a gentle prompt at {time} ({tz}); you each check in privately, and I reveal \
         your answers together once you both have. No pressure, no scores.\n\n\
         When you accept, I'll create a private channel in that server that only the two of you (and I) can see.\n\n\
         {disclosure}\n\n\
         This invitation is open until {}. If it isn't the right time, “Not right now” simply closes it: \
         {} is told privately, and nobody else.",
        name(inviter_name),
        user(inviter),
        name(server),
        when(expires),
        user(inviter),
    )
}

/// A person's or a server's name as it appears in a sentence: clipped, with Markdown escaped.
fn name(text: &str) -> String {
    crate::domain::text::escape_markdown(&crate::domain::text::clip(text, 100))
}

/// The inviter's private answer once the invitation went out by direct message.
pub fn invitation_sent_privately(invitee: UserId, expires: DateTime<Utc>) -> String {
    format!(
        "I've sent your invitation to {} privately, in a direct message. It's open until {}.",
        user(invitee),
        when(expires)
    )
}

pub const INVITATION_NOT_DELIVERED: &str = "I couldn't send your invitation privately: Discord didn't let me send them a direct message. \
Nothing was sent. Please run /setup in a channel only the two of you (and I) can read, and I'll post the invitation there.";

/// What a declined invitation becomes, for anyone who can see it: no name, nothing else.
pub const INVITATION_CLOSED: &str = "This invitation is closed.";

/// The inviter's private note (a direct message) that an invitation was declined.
pub fn invitation_declined_note(invitee: UserId, server: &str) -> String {
    format!(
        "Your haven invitation to {} in **{}** was answered “not right now”. That's completely okay, \
         and there's nothing you need to do. If the time becomes right, they're welcome to invite you.",
        user(invitee),
        name(server)
    )
}

pub fn accepted(inviter: UserId, invitee: UserId, ch: ChannelId) -> String {
    format!(
        "{} accepted {}'s invitation. haven is set up in {}.",
        user(invitee),
        user(inviter),
        channel(ch)
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

pub const ACCEPT_BUTTON: &str = "Accept";

pub const NOT_RIGHT_NOW_BUTTON: &str = "Not right now";

pub const CREATED_CHANNEL_TOPIC: &str = "A private space for the two of you, with haven.";
