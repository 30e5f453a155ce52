//! The words of pairing: invitations, who can see a channel, and what haven needs to work
//! (`locales/<lang>/pairing.ftl`).

use super::*;

/// Who besides the couple can read a channel, as a sentence for the /setup refusal.
pub fn outsiders_refusal(lang: Lang, v: &Visibility) -> String {
    let who: Vec<String> = v
        .outsiders
        .iter()
        .map(|o| match o {
            Outsider::Everyone => tr!(lang, "outsider-everyone"),
            Outsider::Role { name, .. } => tr!(
                lang,
                "outsider-role",
                role = crate::domain::text::escape_markdown(&crate::domain::text::clip(name, 60))
            ),
            Outsider::Member(u) => tr!(lang, "outsider-member", member = user(*u)),
        })
        .collect();
    tr!(lang, "outsiders-refusal", who = who.join(", "))
}

/// The disclosure of who can always read a channel: the server owner, administrators, and the host.
pub fn who_else_can_see(lang: Lang, v: &Visibility) -> String {
    let owner = user(v.owner_id);
    if v.admin_roles.is_empty() {
        return tr!(lang, "who-else-can-see-owner", owner = owner);
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
    tr!(
        lang,
        "who-else-can-see-admins",
        owner = owner,
        roles = roles.join(", ")
    )
}

pub fn partner_cannot_view(lang: Lang, partner: UserId) -> String {
    tr!(lang, "partner-cannot-view", partner = user(partner))
}

/// Discord's names of the permission bits haven asks for, for messages that name what is
/// missing.
pub fn permission_names(lang: Lang, bits: u64) -> Vec<String> {
    [
        perms::VIEW_CHANNEL,
        perms::SEND_MESSAGES,
        perms::EMBED_LINKS,
        perms::ATTACH_FILES,
        perms::READ_MESSAGE_HISTORY,
        perms::MANAGE_CHANNELS,
        perms::MANAGE_ROLES,
        perms::ADMINISTRATOR,
    ]
    .into_iter()
    .filter(|b| bits & b != 0)
    .map(|b| match b {
        perms::VIEW_CHANNEL => tr!(lang, "permission-view-channel"),
        perms::SEND_MESSAGES => tr!(lang, "permission-send-messages"),
        perms::EMBED_LINKS => tr!(lang, "permission-embed-links"),
        perms::ATTACH_FILES => tr!(lang, "permission-attach-files"),
        perms::READ_MESSAGE_HISTORY => tr!(lang, "permission-read-message-history"),
        perms::MANAGE_CHANNELS => tr!(lang, "permission-manage-channels"),
        perms::MANAGE_ROLES => tr!(lang, "permission-manage-roles"),
        _ => tr!(lang, "permission-administrator"),
    })
    .collect()
}

pub fn bot_missing_in_channel(lang: Lang, missing: u64) -> String {
    tr!(
        lang,
        "bot-missing-in-channel",
        permissions = permission_names(lang, missing).join(", ")
    )
}

pub fn bot_missing_to_create_channel(lang: Lang, missing: u64) -> String {
    tr!(
        lang,
        "bot-missing-to-create-channel",
        permissions = permission_names(lang, missing).join(", ")
    )
}

#[allow(clippy::too_many_arguments)]
pub fn invitation(
    lang: Lang,
    inviter: UserId,
    invitee: UserId,
    private_channel: bool,
    tz: &str,
    time: &str,
    expires: DateTime<Utc>,
    disclosure: &str,
) -> String {
    tr!(
        lang,
        "invitation",
        invitee = user(invitee),
        inviter = user(inviter),
        time = time,
        timezone = tz,
        private_channel = if private_channel { "yes" } else { "no" },
        disclosure = disclosure,
        expires = when(expires)
    )
}

/// The invitation as a direct message to the invited person (from a channel outsiders can
/// read, /setup never posts it there). `inviter_name` and `server` are names as Discord has
/// them (a mention may not render in a DM).
#[allow(clippy::too_many_arguments)]
pub fn invitation_by_dm(
    lang: Lang,
    inviter: UserId,
    inviter_name: &str,
    server: &str,
    tz: &str,
    time: &str,
    expires: DateTime<Utc>,
    disclosure: &str,
) -> String {
    tr!(
        lang,
        "invitation-by-dm",
        inviter_name = name(inviter_name),
        inviter = user(inviter),
        server = name(server),
        time = time,
        timezone = tz,
        disclosure = disclosure,
        expires = when(expires)
    )
}

/// A person's or a server's name as it appears in a sentence: clipped, with Markdown escaped.
fn name(text: &str) -> String {
    crate::domain::text::escape_markdown(&crate::domain::text::clip(text, 100))
}

/// The inviter's private answer once the invitation went out by direct message.
pub fn invitation_sent_privately(lang: Lang, invitee: UserId, expires: DateTime<Utc>) -> String {
    tr!(
        lang,
        "invitation-sent-privately",
        invitee = user(invitee),
        expires = when(expires)
    )
}

pub fn invitation_not_delivered(lang: Lang) -> String {
    tr!(lang, "invitation-not-delivered")
}

/// What a declined invitation becomes, for anyone who can see it: no name, nothing else.
pub fn invitation_closed(lang: Lang) -> String {
    tr!(lang, "invitation-closed")
}

/// The inviter's private note (a direct message) that an invitation was declined.
pub fn invitation_declined_note(lang: Lang, invitee: UserId, server: &str) -> String {
    tr!(
        lang,
        "invitation-declined-note",
        invitee = user(invitee),
        server = name(server)
    )
}

pub fn accepted(lang: Lang, inviter: UserId, invitee: UserId, ch: ChannelId) -> String {
    tr!(
        lang,
        "accepted",
        invitee = user(invitee),
        inviter = user(inviter),
        channel = channel(ch)
    )
}

pub fn expired(lang: Lang) -> String {
    tr!(lang, "expired")
}

pub fn welcome(lang: Lang, partners: [UserId; 2], tz: &str, time: &str) -> String {
    tr!(
        lang,
        "welcome",
        first = user(partners[0]),
        second = user(partners[1]),
        time = time,
        timezone = tz
    )
}

pub fn accept_button(lang: Lang) -> String {
    tr!(lang, "accept-button")
}

pub fn not_right_now_button(lang: Lang) -> String {
    tr!(lang, "not-right-now-button")
}

pub fn created_channel_topic(lang: Lang) -> String {
    tr!(lang, "created-channel-topic")
}
