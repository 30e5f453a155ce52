//! What Discord shows of each command: descriptions of commands, subcommands and options,
//! and the name of the message command (`locales/<lang>/commands.ftl`). Command and option
//! names themselves are identifiers (lowercase, fixed) and live with the command table.

use super::{tr, Lang};

/// The message command's name as Discord sends it back (its English name; other languages
/// see [`appreciate_this`] through Discord's localizations).
pub const APPRECIATE_THIS_NAME: &str = "Appreciate this";

/// The message command on a partner's message.
pub fn appreciate_this(lang: Lang) -> String {
    tr!(lang, "command-appreciate-this")
}

pub fn setup(lang: Lang) -> String {
    tr!(lang, "command-setup")
}

pub fn setup_partner(lang: Lang) -> String {
    tr!(lang, "command-setup-partner")
}

pub fn setup_timezone(lang: Lang) -> String {
    tr!(lang, "command-setup-timezone")
}

pub fn setup_time(lang: Lang) -> String {
    tr!(lang, "command-setup-time")
}

pub fn setup_private_channel(lang: Lang) -> String {
    tr!(lang, "command-setup-private-channel")
}

pub fn help(lang: Lang) -> String {
    tr!(lang, "command-help")
}

pub fn forget(lang: Lang) -> String {
    tr!(lang, "command-forget")
}

pub fn forget_delete_messages(lang: Lang) -> String {
    tr!(lang, "command-forget-delete-messages")
}

pub fn schedule(lang: Lang) -> String {
    tr!(lang, "command-schedule")
}

pub fn schedule_show(lang: Lang) -> String {
    tr!(lang, "command-schedule-show")
}

pub fn schedule_set(lang: Lang) -> String {
    tr!(lang, "command-schedule-set")
}

pub fn schedule_set_time(lang: Lang) -> String {
    tr!(lang, "command-schedule-set-time")
}

pub fn schedule_set_days(lang: Lang) -> String {
    tr!(lang, "command-schedule-set-days")
}

pub fn schedule_set_cron(lang: Lang) -> String {
    tr!(lang, "command-schedule-set-cron")
}

pub fn schedule_set_timezone(lang: Lang) -> String {
    tr!(lang, "command-schedule-set-timezone")
}

pub fn pause(lang: Lang) -> String {
    tr!(lang, "command-pause")
}

pub fn pause_days(lang: Lang) -> String {
    tr!(lang, "command-pause-days")
}

pub fn resume(lang: Lang) -> String {
    tr!(lang, "command-resume")
}

pub fn skip(lang: Lang) -> String {
    tr!(lang, "command-skip")
}

pub fn practice(lang: Lang) -> String {
    tr!(lang, "command-practice")
}

pub fn prompt(lang: Lang) -> String {
    tr!(lang, "command-prompt")
}

pub fn prompt_now(lang: Lang) -> String {
    tr!(lang, "command-prompt-now")
}

pub fn prompt_add(lang: Lang) -> String {
    tr!(lang, "command-prompt-add")
}

pub fn prompt_add_text(lang: Lang) -> String {
    tr!(lang, "command-prompt-add-text")
}

pub fn prompt_remove(lang: Lang) -> String {
    tr!(lang, "command-prompt-remove")
}

pub fn prompt_remove_prompt(lang: Lang) -> String {
    tr!(lang, "command-prompt-remove-prompt")
}

pub fn checkin(lang: Lang) -> String {
    tr!(lang, "command-checkin")
}

pub fn streak(lang: Lang) -> String {
    tr!(lang, "command-streak")
}

pub fn notify(lang: Lang) -> String {
    tr!(lang, "command-notify")
}

pub fn notify_mentions(lang: Lang) -> String {
    tr!(lang, "command-notify-mentions")
}

pub fn notify_reminders(lang: Lang) -> String {
    tr!(lang, "command-notify-reminders")
}

/// The two choices of each /notify option.
pub fn on(lang: Lang) -> String {
    tr!(lang, "command-on")
}

pub fn off(lang: Lang) -> String {
    tr!(lang, "command-off")
}

pub fn appreciate(lang: Lang) -> String {
    tr!(lang, "command-appreciate")
}

pub fn appreciate_text(lang: Lang) -> String {
    tr!(lang, "command-appreciate-text")
}

pub fn export(lang: Lang) -> String {
    tr!(lang, "command-export")
}

pub fn settings(lang: Lang) -> String {
    tr!(lang, "command-settings")
}

pub fn settings_day_start(lang: Lang) -> String {
    tr!(lang, "command-settings-day-start")
}

pub fn settings_digest_day(lang: Lang) -> String {
    tr!(lang, "command-settings-digest-day")
}

pub fn settings_together(lang: Lang) -> String {
    tr!(lang, "command-settings-together")
}

pub fn settings_timezone(lang: Lang) -> String {
    tr!(lang, "command-settings-timezone")
}

pub fn settings_language(lang: Lang) -> String {
    tr!(lang, "command-settings-language")
}

pub fn settings_channel_language(lang: Lang) -> String {
    tr!(lang, "command-settings-channel-language")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_message_commands_name_is_its_english_words() {
        assert_eq!(appreciate_this(Lang::ENGLISH), APPRECIATE_THIS_NAME);
    }
}
