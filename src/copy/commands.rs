//! What Discord shows of each command: descriptions of commands, subcommands and options,
//! and the name of the message command. Command and option names themselves are identifiers
//! (lowercase, fixed) and live with the command table.

/// The message command on a partner's message.
pub const APPRECIATE_THIS: &str = "Appreciate this";

pub const SETUP: &str = "Invite your partner and choose the private channel haven lives in";
pub const SETUP_PARTNER: &str = "Your partner";
pub const SETUP_TIMEZONE: &str = "Your shared time zone, like Europe/Berlin (start typing a city)";
pub const SETUP_TIME: &str = "When the daily prompt arrives, HH:MM (default 20:00)";
pub const SETUP_PRIVATE_CHANNEL: &str =
    "Create a new private channel for the two of you after your partner accepts";
pub const HELP: &str = "What haven does and who can see what";
pub const FORGET: &str = "Delete everything haven stores about your couple (asks to confirm)";
pub const FORGET_DELETE_MESSAGES: &str =
    "Answer ahead whether haven's own posts in your channel go too (you still confirm)";
pub const SCHEDULE: &str = "See or change when your daily nudge arrives";
pub const SCHEDULE_SHOW: &str = "Your schedule, time zone and the next five nudges";
pub const SCHEDULE_SET: &str = "Change the time, the days, the time zone, or use a cron expression";
pub const SCHEDULE_SET_TIME: &str = "HH:MM, like 20:00";
pub const SCHEDULE_SET_DAYS: &str = "daily, weekdays, weekends, or a list like mon,wed,fri";
pub const SCHEDULE_SET_CRON: &str = "A cron expression (5 fields, or 6-7 with seconds)";
pub const SCHEDULE_SET_TIMEZONE: &str = "Your time zone, like Europe/Berlin (start typing a city)";
pub const PAUSE: &str = "Pause your nudges for a while";
pub const PAUSE_DAYS: &str = "For how many days (1-60); leave out to pause until /resume";
pub const RESUME: &str = "Resume your nudges after a pause";
pub const SKIP: &str = "Skip the next nudge only";
pub const PRACTICE: &str = "Which practice";
pub const PROMPT: &str = "A prompt right now, or add or remove one of your own";
pub const PROMPT_NOW: &str = "A prompt for the two of you, right now";
pub const PROMPT_ADD: &str = "Add a prompt of your own to your deck";
pub const PROMPT_ADD_TEXT: &str = "The prompt (at most 300 characters)";
pub const PROMPT_REMOVE: &str = "Remove one of your own prompts, whichever of you added it";
pub const PROMPT_REMOVE_PROMPT: &str = "Start typing and pick one of your prompts";
pub const CHECKIN: &str =
    "Check in for today: your mood and a few words, private until you've both answered";
pub const STREAK: &str =
    "Your streak together, with the last 26 weeks as a picture (your own numbers only to you)";
pub const NOTIFY: &str = "Whether haven pings you and reminds you to check in (only you see this)";
pub const NOTIFY_MENTIONS: &str = "Whether haven's posts may ping you";
pub const NOTIFY_REMINDERS: &str =
    "Whether you get a gentle reminder on days you haven't checked in";
/// The two choices of each /notify option.
pub const ON: &str = "On";
pub const OFF: &str = "Off";
pub const APPRECIATE: &str = "Tell your partner something you appreciate about them";
pub const APPRECIATE_TEXT: &str = "What you appreciate (at most 1000 characters)";
pub const EXPORT: &str = "A file with your data and what your couple shares (only you see it)";

pub const SETTINGS: &str =
    "Your couple's settings and your own: day start, digest, time zone, notifications, language";
pub const SETTINGS_DAY_START: &str =
    "When your day turns over, HH:MM (for both of you; announced in the channel)";
pub const SETTINGS_DIGEST_DAY: &str = "The day of your weekly digest (announced in the channel)";
pub const SETTINGS_TOGETHER: &str =
    "Whether you're mostly together, mostly apart, or both (announced in the channel)";
pub const SETTINGS_TIMEZONE: &str = "Your own time zone (only yours; your partner isn't told)";
pub const SETTINGS_LANGUAGE: &str = "The language you'd like haven to use with you";
