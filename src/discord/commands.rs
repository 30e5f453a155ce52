//! The slash commands haven registers, and strict parsing of the options Discord sends back.

use std::collections::HashMap;

use serenity::all::{
    CommandDataOption, CommandDataOptionValue, CommandOptionType, CreateCommand,
    CreateCommandOption, InstallationContext, InteractionContext,
};

/// Every command that is registered; only commands that work are here.
pub fn all() -> Vec<CreateCommand> {
    vec![
        setup(),
        help(),
        forget(),
        schedule(),
        pause(),
        resume(),
        skip(),
        prompt(),
        checkin(),
        streak(),
        appreciate(),
        appreciate_this(),
        export(),
    ]
}

fn export() -> CreateCommand {
    guild_only(
        CreateCommand::new("export")
            .description("A file with your data and what your couple shares (only you see it)"),
    )
}

/// The name of the message command that keeps a partner's message in the jar.
pub const APPRECIATE_THIS: &str = "Appreciate this";

fn appreciate() -> CreateCommand {
    guild_only(
        CreateCommand::new("appreciate")
            .description("Tell your partner something you appreciate about them")
            .add_option(
                CreateCommandOption::new(
                    CommandOptionType::String,
                    "text",
                    "What you appreciate (at most 1000 characters)",
                )
                .required(true)
                .max_length(1000),
            ),
    )
}

fn appreciate_this() -> CreateCommand {
    guild_only(CreateCommand::new(APPRECIATE_THIS).kind(serenity::all::CommandType::Message))
}

fn streak() -> CreateCommand {
    guild_only(
        CreateCommand::new("streak")
            .description("Your streaks together and apart, with the last 26 weeks as a picture"),
    )
}

fn checkin() -> CreateCommand {
    guild_only(CreateCommand::new("checkin").description(
        "Check in for today: your mood and a few words, private until you've both answered",
    ))
}

fn guild_only(c: CreateCommand) -> CreateCommand {
    c.contexts(vec![InteractionContext::Guild])
        .integration_types(vec![InstallationContext::Guild])
}

fn setup() -> CreateCommand {
    guild_only(
        CreateCommand::new("setup")
            .description("Invite your partner and choose the private channel haven lives in")
            .add_option(
                CreateCommandOption::new(CommandOptionType::User, "partner", "Your partner")
                    .required(true),
            )
            .add_option(
                CreateCommandOption::new(
                    CommandOptionType::String,
                    "timezone",
                    "Your shared time zone, like Europe/Berlin (start typing a city)",
                )
                .required(true)
                .set_autocomplete(true)
                .max_length(64),
            )
            .add_option(
                CreateCommandOption::new(
                    CommandOptionType::String,
                    "time",
                    "When the daily prompt arrives, HH:MM (default 20:00)",
                )
                .max_length(5),
            )
            .add_option(CreateCommandOption::new(
                CommandOptionType::Boolean,
                "private_channel",
                "Create a new private channel for the two of you after your partner accepts",
            )),
    )
}

fn help() -> CreateCommand {
    guild_only(CreateCommand::new("help").description("What haven does and who can see what"))
}

fn forget() -> CreateCommand {
    guild_only(
        CreateCommand::new("forget")
            .description("Delete everything haven stores about your couple (asks to confirm)")
            .add_option(CreateCommandOption::new(
                CommandOptionType::Boolean,
                "delete_messages",
                "Also delete haven's own posts in your channel",
            )),
    )
}

fn schedule() -> CreateCommand {
    guild_only(
        CreateCommand::new("schedule")
            .description("See or change when your daily nudge arrives")
            .add_option(CreateCommandOption::new(
                CommandOptionType::SubCommand,
                "show",
                "Your schedule, time zone and the next five nudges",
            ))
            .add_option(
                CreateCommandOption::new(
                    CommandOptionType::SubCommand,
                    "set",
                    "Change the time, the days, the time zone, or use a cron expression",
                )
                .add_sub_option(
                    CreateCommandOption::new(
                        CommandOptionType::String,
                        "time",
                        "HH:MM, like 20:00",
                    )
                    .max_length(5),
                )
                .add_sub_option(
                    CreateCommandOption::new(
                        CommandOptionType::String,
                        "days",
                        "daily, weekdays, weekends, or a list like mon,wed,fri",
                    )
                    .max_length(100),
                )
                .add_sub_option(
                    CreateCommandOption::new(
                        CommandOptionType::String,
                        "cron",
                        "A cron expression (5 fields, or 6-7 with seconds)",
                    )
                    .max_length(200),
                )
                .add_sub_option(
                    CreateCommandOption::new(
                        CommandOptionType::String,
                        "timezone",
                        "Your time zone, like Europe/Berlin (start typing a city)",
                    )
                    .set_autocomplete(true)
                    .max_length(64),
                ),
            ),
    )
}

fn pause() -> CreateCommand {
    guild_only(
        CreateCommand::new("pause")
            .description("Pause your nudges for a while")
            .add_option(
                CreateCommandOption::new(
                    CommandOptionType::Integer,
                    "days",
                    "For how many days (1-60); leave out to pause until /resume",
                )
                .min_int_value(1)
                .max_int_value(60),
            ),
    )
}

fn resume() -> CreateCommand {
    guild_only(CreateCommand::new("resume").description("Resume your nudges after a pause"))
}

fn skip() -> CreateCommand {
    guild_only(CreateCommand::new("skip").description("Skip the next nudge only"))
}

fn practice_option(required: bool) -> CreateCommandOption {
    let mut o = CreateCommandOption::new(CommandOptionType::String, "practice", "Which practice")
        .required(required);
    for p in crate::domain::prompt::Practice::ALL {
        o = o.add_string_choice(crate::copy::practice_title(p), p.key());
    }
    o
}

fn prompt() -> CreateCommand {
    guild_only(
        CreateCommand::new("prompt")
            .description("A prompt right now, or add one of your own")
            .add_option(
                CreateCommandOption::new(
                    CommandOptionType::SubCommand,
                    "now",
                    "A prompt for the two of you, right now",
                )
                .add_sub_option(practice_option(false)),
            )
            .add_option(
                CreateCommandOption::new(
                    CommandOptionType::SubCommand,
                    "add",
                    "Add a prompt of your own to your deck",
                )
                .add_sub_option(practice_option(true))
                .add_sub_option(
                    CreateCommandOption::new(
                        CommandOptionType::String,
                        "text",
                        "The prompt (at most 300 characters)",
                    )
                    .required(true)
                    .max_length(300),
                ),
            ),
    )
}

/// The one subcommand of an invocation and its options.
pub fn subcommand(options: &[CommandDataOption]) -> Option<(&str, &[CommandDataOption])> {
    match options {
        [only] => match &only.value {
            CommandDataOptionValue::SubCommand(inner) => {
                Some((only.name.as_str(), inner.as_slice()))
            }
            _ => None,
        },
        _ => None,
    }
}

/// The options of one command invocation, checked against what the command declares.
pub struct Options<'a> {
    by_name: HashMap<&'a str, &'a CommandDataOptionValue>,
}

/// The options did not match the command's declaration (a stale client or a forged payload).
#[derive(Debug)]
pub struct OptionsMismatch;

impl<'a> Options<'a> {
    /// Refuses unknown names, duplicates and wrong kinds.
    pub fn parse(
        options: &'a [CommandDataOption],
        declared: &[(&str, CommandOptionType)],
    ) -> Result<Options<'a>, OptionsMismatch> {
        let mut by_name = HashMap::new();
        for o in options {
            let Some((_, kind)) = declared.iter().find(|(n, _)| *n == o.name) else {
                return Err(OptionsMismatch);
            };
            let actual = o.value.kind();
            let autocomplete_ok = matches!(o.value, CommandDataOptionValue::Autocomplete { kind: k, .. } if k == *kind);
            if actual != *kind && !autocomplete_ok {
                return Err(OptionsMismatch);
            }
            if by_name.insert(o.name.as_str(), &o.value).is_some() {
                return Err(OptionsMismatch);
            }
        }
        Ok(Options { by_name })
    }

    pub fn str(&self, name: &str) -> Option<&'a str> {
        match self.by_name.get(name)? {
            CommandDataOptionValue::String(s) => Some(s.as_str()),
            CommandDataOptionValue::Autocomplete { value, .. } => Some(value.as_str()),
            _ => None,
        }
    }

    pub fn bool(&self, name: &str) -> Option<bool> {
        match self.by_name.get(name)? {
            CommandDataOptionValue::Boolean(b) => Some(*b),
            _ => None,
        }
    }

    pub fn int(&self, name: &str) -> Option<i64> {
        match self.by_name.get(name)? {
            CommandDataOptionValue::Integer(i) => Some(*i),
            _ => None,
        }
    }

    pub fn user(&self, name: &str) -> Option<serenity::all::UserId> {
        match self.by_name.get(name)? {
            CommandDataOptionValue::User(u) => Some(*u),
            _ => None,
        }
    }
}

pub const SETUP_OPTIONS: &[(&str, CommandOptionType)] = &[
    ("partner", CommandOptionType::User),
    ("timezone", CommandOptionType::String),
    ("time", CommandOptionType::String),
    ("private_channel", CommandOptionType::Boolean),
];

pub const SCHEDULE_SET_OPTIONS: &[(&str, CommandOptionType)] = &[
    ("time", CommandOptionType::String),
    ("days", CommandOptionType::String),
    ("cron", CommandOptionType::String),
    ("timezone", CommandOptionType::String),
];
pub const APPRECIATE_OPTIONS: &[(&str, CommandOptionType)] = &[("text", CommandOptionType::String)];
pub const FORGET_OPTIONS: &[(&str, CommandOptionType)] =
    &[("delete_messages", CommandOptionType::Boolean)];
pub const PAUSE_OPTIONS: &[(&str, CommandOptionType)] = &[("days", CommandOptionType::Integer)];
pub const PROMPT_NOW_OPTIONS: &[(&str, CommandOptionType)] =
    &[("practice", CommandOptionType::String)];
pub const PROMPT_ADD_OPTIONS: &[(&str, CommandOptionType)] = &[
    ("practice", CommandOptionType::String),
    ("text", CommandOptionType::String),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn command_definitions_are_within_discords_limits() {
        let cmds = serde_json::to_value(all()).unwrap();
        for c in cmds.as_array().unwrap() {
            let name = c["name"].as_str().unwrap();
            assert!(name.len() <= 32);
            assert_eq!(c["contexts"], serde_json::json!([0]));
            assert_eq!(c["integration_types"], serde_json::json!([0]));
            if c["type"] == serde_json::json!(3) {
                // A message command: a free-form name and no description.
                assert!(c["description"].as_str().unwrap_or("").is_empty());
                continue;
            }
            assert!(name
                .chars()
                .all(|ch| ch.is_ascii_lowercase() || ch == '_' || ch == '-'));
            assert!(c["description"].as_str().unwrap().chars().count() <= 100);
            assert_eq!(c["integration_types"], serde_json::json!([0]));
            for o in c["options"].as_array().into_iter().flatten() {
                assert!(
                    o["description"].as_str().unwrap().chars().count() <= 100,
                    "{o}"
                );
            }
        }
    }
}
