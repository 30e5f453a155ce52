# Why haven says no, and what to do instead.

refusal-not-a-partner = This channel belongs to a couple, and only the two of them can use haven here. To start your own, run /setup in a private channel you share with your partner.
refusal-no-couple-here = This channel isn't set up for a couple yet. Run /setup here with your partner (or `private_channel:true` to get a new private channel).
refusal-partner-is-self = haven is for two: please choose your partner, not yourself.
refusal-partner-is-bot = Bots make poor partners for this. Please choose the person you'd like to invite.
refusal-partner-not-in-server = I can't find that person in this server. They need to be a member here before you can invite them.
refusal-channel-already-paired = This channel already belongs to a couple. Each couple has a channel of its own; try `private_channel:true` to get a new one.
refusal-you-are-paired = You're already paired in { $channel } in this server. If you'd like to start over, use /forget there first.
refusal-invitation-cannot-be-accepted = This invitation can't be accepted any more. If you'd still like to start haven together, either of you can run /setup again.
refusal-already-invited = You've already invited them; the invitation is open until { $until }.
refusal-recently-declined = They said not right now to your last invitation, and that's okay. I won't pass on another one from you for a while; they're welcome to invite you whenever they like.
refusal-too-many-open-invitations = { $max ->
    [one] You have 1 invitation waiting for an answer, the most I keep open for one person. It makes room once it's answered or after a day.
   *[other] You have { $max } invitations waiting for an answer, the most I keep open for one person. One makes room once it's answered or after a day.
}
refusal-channel-has-open-invitation = There's already an open invitation in this channel. It needs an answer (or to expire) before another.
refusal-too-many-created-channels = I've already created { $max } couple channels in this server, the most the host allows. Please use an existing private channel instead.
refusal-invitation-not-for-you = This invitation is for someone else, so only they can answer it.
refusal-invitation-expired = This invitation has expired (they last 24 hours). The person who sent it can run /setup again.
refusal-invitation-already-accepted = This invitation was already accepted.
refusal-invitation-already-answered = This invitation was already answered.
refusal-not-your-couple = That isn't your couple's, so I can't change it.
refusal-cron-with-time-or-days = Please use either `cron` or `time`/`days`, not both: a cron expression already says when.
refusal-nothing-to-change = Tell me what to change: a `time`, `days`, a `cron` expression or a `timezone`.
refusal-needs-time = Your schedule is a custom cron expression, so please also give a `time` (like 20:00).
refusal-schedule-interval = I can't use that schedule: { $why }. Please choose one with more space between nudges.
refusal-pause-days = You can pause for 1 to 60 days, or leave `days` out to pause until /resume.
refusal-not-paused = Nudges aren't paused, so there's nothing to resume.
refusal-skip-while-paused = Nudges are paused right now; /resume first if you'd like to skip one.
refusal-nothing-to-skip = There's no upcoming nudge to skip.
refusal-empty-appreciation = Please write what you appreciate; it can be just a few words.
refusal-appreciation-too-long = That's { $chars } characters; please keep an appreciation to 1000.
refusal-appreciations-today = That's { $max } appreciations today, the most I pass on in one day. Your words will land just as well tomorrow.
refusal-jar-other-channel = Only messages in your couple's channel can go in your jar.
refusal-jar-own-message = That's your own message. The jar keeps what your partner wrote, so you can find it again.
refusal-jar-not-partner = The jar keeps your partner's messages; that one was written by someone else.
refusal-jar-empty = That message has no text I can keep (attachments and embeds alone can't go in the jar).
refusal-channel-not-private = I didn't post that: people outside your couple can read this channel now. Fix its permissions (only the two of you and me should see it), then use /resume.
refusal-only-the-other-partner = This button is for your partner: it reflects back what you shared.
refusal-only-the-author = Only the person whose words were reflected can answer this.
refusal-not-revealed-yet = That day's answers haven't been revealed yet.
refusal-already-reflected = That answer has already been reflected back.
refusal-already-answered = You've already answered this one.
refusal-prompt-limit = You've added { $max } prompts of your own, the most each of you can keep. To add another, make room with /prompt remove.
refusal-prompt-not-found = That prompt isn't among your prompts any more. Start typing after `prompt:` and pick one from the list.
refusal-paused-by-partner-until = { $by } paused your nudges until { $until }. It's their pause, so only they can end it early; your nudges come back by themselves then.
refusal-paused-by-partner = { $by } paused your nudges until they resume. It's their pause, so only they can end it.
reflection-too-long = Please keep a reflection to { $max } characters.
unknown-timezone = I don't know the time zone “{ $input }”. Start typing a city (like Berlin or New York) and pick one of the suggestions.
bad-time = “{ $input }” isn't a time I understand: please use 24-hour HH:MM, like 20:00.
days-not-read = I couldn't read those days: { $why }.
cron-not-used = I couldn't use that cron expression: { $why }.
prompt-not-added = I couldn't add that prompt: { $why }.
choose-timezone = Please choose your time zone (start typing a city, like Berlin or New York).
reflection-empty = A reflection needs a few words of what you heard.
already-revealed-today = You've both checked in today and your answers are revealed. See you tomorrow!
channel-not-created = I couldn't create the channel (I may be missing the Manage Channels permission). The invitation is still open: please try Accept again once that's fixed.
