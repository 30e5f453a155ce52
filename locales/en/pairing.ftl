# Pairing: invitations, who can see a channel, and what haven needs to work.

outsider-everyone = everyone in the server
outsider-role = the role **{ $role }**
outsider-member = { $member } (a member permission)
outsiders-refusal = I can't set up here: { $who } can read this channel, and your check-ins are meant for the two of you. To fix it, edit the channel's permissions so @everyone and these roles or people can't *View Channel*, and allow you and your partner by name (roles count as outsiders, because I can't see who holds them). Or run /setup with `private_channel:true` and I'll create a private channel for you both.
who-else-can-see-owner = Who else can see this channel: the server owner ({ $owner }), because Discord lets them read every channel. The person hosting haven can read its database, which stores your check-ins.
who-else-can-see-admins = Who else can see this channel: the server owner ({ $owner }) and anyone with an administrator role ({ $roles }), because Discord lets them read every channel. The person hosting haven can read its database, which stores your check-ins.
partner-cannot-view = { $partner } can't see this channel, so they couldn't accept. Give them *View Channel* here (a permission for them by name), or use `private_channel:true`.
# Discord's names of the permissions haven asks for (as Discord shows them in this language).
permission-view-channel = View Channel
permission-send-messages = Send Messages
permission-embed-links = Embed Links
permission-attach-files = Attach Files
permission-read-message-history = Read Message History
permission-manage-channels = Manage Channels
permission-manage-roles = Manage Roles
permission-administrator = Administrator
bot-missing-in-channel = I'm missing some permissions in this channel: { $permissions }. Please ask a server admin to grant them to me, then try again.
bot-missing-to-create-channel = I'm missing some permissions in this server to create your channel: { $permissions }. Please ask a server admin to grant them to me, then try again.
invitation =
    { $invitee }, { $inviter } would like to start **haven** with you: a small daily habit for the two of you. Each day I'll post a gentle prompt at { $time } ({ $timezone }); you each check in privately, and I reveal your answers together once you both have. No pressure, no scores.

    { $private_channel ->
        [yes] When you accept, I'll create a private channel only the two of you (and I) can see.
       *[no] When you accept, this channel becomes your shared space.
    }

    { $disclosure }

    This invitation is open until { $expires }. Only { $invitee } can answer it. If it isn't the right time, “Not right now” simply closes it: { $inviter } is told privately, and nobody else.
invitation-by-dm = **{ $inviter_name }** ({ $inviter }) would like to start **haven** with you in **{ $server }**: a small daily habit for the two of you. Each day I'll post a gentle prompt at { $time } ({ $timezone }); you each check in privately, and I reveal your answers together once you both have. No pressure, no scores.

    When you accept, I'll create a private channel in that server that only the two of you (and I) can see.

    { $disclosure }

    This invitation is open until { $expires }. If it isn't the right time, “Not right now” simply closes it: { $inviter } is told privately, and nobody else.
invitation-sent-privately = I've sent your invitation to { $invitee } privately, in a direct message. It's open until { $expires }.
invitation-not-delivered = I couldn't send your invitation privately: Discord didn't let me send them a direct message. Nothing was sent. Please run /setup in a channel only the two of you (and I) can read, and I'll post the invitation there.
invitation-closed = This invitation is closed.
invitation-declined-note = Your haven invitation to { $invitee } in **{ $server }** was answered “not right now”. That's completely okay, and there's nothing you need to do. If the time becomes right, they're welcome to invite you.
accepted = { $invitee } accepted { $inviter }'s invitation. haven is set up in { $channel }.
expired = This invitation expired without an answer. Either of you can run /setup again whenever you like.
welcome = Welcome, { $first } and { $second }. This is your haven. Each day at { $time } ({ $timezone }) I'll post a small prompt for the two of you. Use /help any time to see what I can do.
accept-button = Accept
not-right-now-button = Not right now
created-channel-topic = A private space for the two of you, with haven.
