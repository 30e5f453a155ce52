# Words used everywhere: failures, stale buttons.

something-went-wrong = Something went wrong on my side, sorry. Nothing was changed; please try again in a moment.
dm-not-supported = haven lives inside a server: please use its commands in the channel you share with your partner.
guild-not-ready = I'm still getting to know this server. Please try again in a moment.
unknown-command = I don't know that command (Discord may still be updating my command list). Please try again in a minute.
bad-options = That command arrived with options I don't recognise (Discord may still be updating my command list). Please try again in a minute.
stale-button = That button is no longer valid. If you still need it, run the command again.
not-text-channel = haven can only live in a plain text channel. Run /setup in one, or add `private_channel:true` and I'll make one for you both.
