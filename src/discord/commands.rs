//! Every command haven registers, declared once in [`COMMANDS`]: its name, the options it
//! accepts, how it is registered, who may run it and what runs it; and [`run`], which takes
//! each invocation through them in that order.

use std::future::Future;
use std::pin::Pin;

use serenity::all::{CommandInteraction, CommandOptionType as Kind, CreateCommand};
use serenity::all::{InstallationContext, InteractionContext};

use super::anniversary;
use super::ctx::Ctx;
use super::invocation::{Declared, Invocation, Subcommand};
use super::onmymind;
use super::respond::{Handled, Responder, Stop};
use super::{
    appreciate, checkin, export, forget, notify, prompt, pulse, schedule, settings, setup, streak,
};
use crate::copy;
use crate::domain::couple::Couple;
use crate::service::access::Access;
use crate::service::{Refusal, Services};

/// A handler's work, boxed so that the handlers of every command fit in one table.
pub type Fut<'a> = Pin<Box<dyn Future<Output = Handled> + Send + 'a>>;

/// Who may run a command, with its handler, which is given what the gate found.
#[derive(Clone, Copy)]
pub enum Gate {
    /// Anyone in the server.
    Anyone(for<'a> fn(&'a Invocation<'a>) -> Fut<'a>),
    /// Anyone, except in another couple's channel; the handler learns where the invoker
    /// stands.
    NotOutsider(for<'a> fn(&'a Invocation<'a>, Access) -> Fut<'a>),
    /// The invoker's own couple, from any channel of the server (`None`: not paired there).
    OwnCouple(for<'a> fn(&'a Invocation<'a>, Option<Couple>) -> Fut<'a>),
    /// Only the two partners of the channel's couple; the handler is given the couple.
    Partner(for<'a> fn(&'a Invocation<'a>, Couple) -> Fut<'a>),
}

/// Suggestions while an option with autocomplete is being typed.
pub type Autocomplete =
    for<'a> fn(&'a CommandInteraction, &'a Services, &'a Responder<'a>) -> Fut<'a>;

/// One command, declared once.
pub struct CommandSpec {
    /// The name Discord shows and sends back.
    pub name: &'static str,
    /// The options it accepts, by name and type.
    pub options: Declared,
    /// The rest of its registration: kind, description, option descriptions and limits.
    pub build: fn(CreateCommand) -> CreateCommand,
    /// Who may run it, and what runs it.
    pub gate: Gate,
    /// Suggestions for its options with autocomplete, if it has any.
    pub autocomplete: Option<Autocomplete>,
}

/// The name of the message command that keeps a partner's message in the jar.
pub const APPRECIATE_THIS: &str = crate::copy::commands::APPRECIATE_THIS_NAME;

const TIMEZONES: Option<Autocomplete> = Some(|cmd, _, r| Box::pin(setup::autocomplete(cmd, r)));

/// Every command that is registered, in registration order; only commands that work are here.
pub const COMMANDS: &[CommandSpec] = &[
    CommandSpec {
        name: "setup",
        options: Declared::Options(&[
            ("partner", Kind::User),
            ("timezone", Kind::String),
            ("time", Kind::String),
            ("private_channel", Kind::Boolean),
        ]),
        build: build::setup,
        gate: Gate::NotOutsider(|c, access| Box::pin(setup::command(c, access))),
        autocomplete: TIMEZONES,
    },
    CommandSpec {
        name: "help",
        options: Declared::Unchecked,
        build: build::help,
        gate: Gate::Anyone(|c| Box::pin(help(c.svc, c.r))),
        autocomplete: None,
    },
    CommandSpec {
        name: "forget",
        options: Declared::Options(&[("delete_messages", Kind::Boolean)]),
        build: build::forget,
        gate: Gate::OwnCouple(|c, couple| Box::pin(forget::command(c, couple))),
        autocomplete: None,
    },
    CommandSpec {
        name: "schedule",
        options: Declared::Subcommands(&[
            Subcommand {
                name: "show",
                options: &[],
            },
            Subcommand {
                name: "set",
                options: &[
                    ("time", Kind::String),
                    ("days", Kind::String),
                    ("cron", Kind::String),
                    ("timezone", Kind::String),
                ],
            },
        ]),
        build: build::schedule,
        gate: Gate::Partner(|c, couple| Box::pin(schedule::schedule(c, couple))),
        autocomplete: TIMEZONES,
    },
    CommandSpec {
        name: "pause",
        options: Declared::Options(&[("days", Kind::Integer)]),
        build: build::pause,
        gate: Gate::OwnCouple(|c, couple| Box::pin(schedule::pause(c, couple))),
        autocomplete: None,
    },
    CommandSpec {
        name: "resume",
        options: Declared::Options(&[]),
        build: build::resume,
        gate: Gate::Partner(|c, couple| Box::pin(schedule::resume(c, couple))),
        autocomplete: None,
    },
    CommandSpec {
        name: "skip",
        options: Declared::Options(&[]),
        build: build::skip,
        gate: Gate::Partner(|c, couple| Box::pin(schedule::skip(c, couple))),
        autocomplete: None,
    },
    CommandSpec {
        name: "prompt",
        options: Declared::Subcommands(&[
            Subcommand {
                name: "now",
                options: &[("practice", Kind::String)],
            },
            Subcommand {
                name: "add",
                options: &[("practice", Kind::String), ("text", Kind::String)],
            },
            Subcommand {
                name: "remove",
                options: &[("prompt", Kind::String)],
            },
        ]),
        build: build::prompt,
        gate: Gate::Partner(|c, couple| Box::pin(prompt::command(c, couple))),
        autocomplete: Some(|cmd, svc, r| Box::pin(prompt::autocomplete(cmd, svc, r))),
    },
    CommandSpec {
        name: "checkin",
        options: Declared::Options(&[]),
        build: build::checkin,
        gate: Gate::Partner(|c, couple| Box::pin(checkin::command(c, couple))),
        autocomplete: None,
    },
    CommandSpec {
        name: "streak",
        options: Declared::Options(&[]),
        build: build::streak,
        gate: Gate::Partner(|c, couple| Box::pin(streak::command(c, couple))),
        autocomplete: None,
    },
    CommandSpec {
        name: "notify",
        options: Declared::Options(&[("mentions", Kind::String), ("reminders", Kind::String)]),
        build: build::notify,
        gate: Gate::Partner(|c, couple| Box::pin(notify::command(c, couple))),
        autocomplete: None,
    },
    CommandSpec {
        name: "appreciate",
        options: Declared::Options(&[("text", Kind::String)]),
        build: build::appreciate,
        gate: Gate::Partner(|c, couple| Box::pin(appreciate::command(c, couple))),
        autocomplete: None,
    },
    CommandSpec {
        name: APPRECIATE_THIS,
        options: Declared::Unchecked,
        build: build::appreciate_this,
        gate: Gate::Partner(|c, couple| Box::pin(appreciate::jar(c, couple))),
        autocomplete: None,
    },
    CommandSpec {
        name: "export",
        options: Declared::Options(&[]),
        build: build::export,
        gate: Gate::OwnCouple(|c, couple| Box::pin(export::command(c, couple))),
        autocomplete: None,
    },
    CommandSpec {
        name: "anniversary",
        options: Declared::Subcommands(&[
            Subcommand {
                name: "show",
                options: &[],
            },
            Subcommand {
                name: "set",
                options: &[("date", Kind::String)],
            },
            Subcommand {
                name: "clear",
                options: &[],
            },
        ]),
        build: build::anniversary,
        gate: Gate::Partner(|c, couple| Box::pin(anniversary::command(c, couple))),
        autocomplete: None,
    },
    CommandSpec {
        name: "onmymind",
        options: Declared::Subcommands(&[
            Subcommand {
                name: "add",
                options: &[("text", Kind::String)],
            },
            Subcommand {
                name: "list",
                options: &[],
            },
            Subcommand {
                name: "edit",
                options: &[("note", Kind::String), ("text", Kind::String)],
            },
            Subcommand {
                name: "delete",
                options: &[("note", Kind::String)],
            },
            Subcommand {
                name: "bring",
                options: &[("note", Kind::String)],
            },
        ]),
        build: build::onmymind,
        gate: Gate::Partner(|c, couple| Box::pin(onmymind::command(c, couple))),
        autocomplete: Some(|cmd, svc, r| Box::pin(onmymind::autocomplete(cmd, svc, r))),
    },
    CommandSpec {
        name: "pulse",
        options: Declared::Options(&[("turn", Kind::String), ("share", Kind::String)]),
        build: build::pulse,
        gate: Gate::Partner(|c, couple| Box::pin(pulse::command(c, couple))),
        autocomplete: None,
    },
    CommandSpec {
        name: "settings",
        options: Declared::Options(&[
            ("day_start", Kind::String),
            ("digest_day", Kind::String),
            ("together", Kind::String),
            ("timezone", Kind::String),
            ("mentions", Kind::String),
            ("reminders", Kind::String),
            ("language", Kind::String),
            ("channel_language", Kind::String),
        ]),
        build: build::settings,
        gate: Gate::Partner(|c, couple| Box::pin(settings::command(c, couple))),
        autocomplete: TIMEZONES,
    },
];

/// The command called `name`, if haven has one.
pub fn find(name: &str) -> Option<&'static CommandSpec> {
    COMMANDS.iter().find(|c| c.name == name)
}

/// Every command as Discord is told about it; all of them work in servers only.
pub fn all() -> Vec<CreateCommand> {
    COMMANDS
        .iter()
        .map(|c| {
            (c.build)(CreateCommand::new(c.name))
                .contexts(vec![InteractionContext::Guild])
                .integration_types(vec![InstallationContext::Guild])
        })
        .collect()
}

/// Runs one command: refuses DMs and unknown names, applies the command's gate, checks its
/// options, then hands it to its handler.
pub async fn run(
    ctx: &Ctx,
    svc: &Services,
    cmd: &CommandInteraction,
    r: &Responder<'_>,
) -> Handled {
    let Some(guild) = cmd.guild_id else {
        return Err(Stop::Words(copy::dm_not_supported));
    };
    let Some(spec) = find(&cmd.data.name) else {
        return Err(Stop::Words(copy::unknown_command));
    };
    let call = Invocation::new(ctx, svc, cmd, r, guild.into());
    // The authorisation rule, for every command before it runs: in a couple's channel only
    // its two partners may act.
    match spec.gate {
        Gate::Anyone(handler) => handler(&call.checked(spec.options)?).await,
        Gate::NotOutsider(handler) => {
            let access = svc
                .access(Some(call.guild), call.channel, call.user)
                .await?;
            if access == Access::Outsider {
                return Err(Refusal::NotAPartner.into());
            }
            let couple = match &access {
                Access::Partner(c) => Some(c.id),
                _ => None,
            };
            let outcome = handler(&call.checked(spec.options)?, access).await;
            if let Some(id) = couple {
                // A public answer in a couple's channel is one of haven's posts for them.
                r.keep_public_answer(svc, id).await;
            }
            outcome
        }
        Gate::OwnCouple(handler) => {
            let call = call.checked(spec.options)?;
            let couple = svc.own_couple(call.guild, call.user).await?;
            // A public answer in the couple's own channel (a /pause there) is one of haven's
            // posts for them; anywhere else these answers are the invoker's alone.
            let here = couple
                .as_ref()
                .filter(|c| c.channel_id == call.channel)
                .map(|c| c.id);
            let outcome = handler(&call, couple).await;
            if let Some(id) = here {
                r.keep_public_answer(svc, id).await;
            }
            outcome
        }
        Gate::Partner(handler) => {
            let couple = svc
                .access(Some(call.guild), call.channel, call.user)
                .await?
                .require_partner()?;
            let id = couple.id;
            let outcome = handler(&call.checked(spec.options)?, couple).await;
            // A public answer in the couple's channel is one of haven's posts for them.
            r.keep_public_answer(svc, id).await;
            outcome
        }
    }
}

/// `/help`, and the Help button under the welcome post.
pub async fn help(svc: &Services, r: &Responder<'_>) -> Handled {
    let s = &svc.settings;
    let more = serenity::all::CreateEmbed::new()
        .title(copy::help_commands_title(r.lang()))
        .description(copy::help_commands(r.lang()))
        .field(
            copy::pulse::help_title(r.lang()),
            copy::pulse::help_text(r.lang()),
            false,
        )
        .field(
            copy::how_long_title(r.lang()),
            copy::how_long_it_is_kept(r.lang(), s.storage.retention_days_after_removal),
            false,
        )
        .field(
            copy::hard_times_title(r.lang()),
            copy::when_things_are_hard(r.lang(), &s.support.url),
            false,
        )
        .colour(crate::domain::post::COLOUR);
    r.respond(serenity::all::CreateInteractionResponse::Message(
        serenity::all::CreateInteractionResponseMessage::new()
            .content(copy::help(r.lang()))
            .embed(more)
            .ephemeral(true)
            .allowed_mentions(super::respond::mentions(&[])),
    ))
    .await
}

/// Each command's registration besides its name: what Discord shows.
mod build {
    use serenity::all::{CommandOptionType, CommandType, CreateCommand, CreateCommandOption};

    use crate::copy::commands as words;
    use crate::copy::Lang;

    /// Every Discord locale of a language other than English, with its language.
    fn localized() -> impl Iterator<Item = (&'static str, Lang)> {
        Lang::shipped()
            .skip(1)
            .flat_map(|lang| lang.discord_locales().into_iter().map(move |l| (l, lang)))
    }

    /// A command's description in English, and in every other language for its locales.
    fn described(c: CreateCommand, words: fn(Lang) -> String) -> CreateCommand {
        localized().fold(c.description(words(Lang::ENGLISH)), |c, (locale, lang)| {
            c.description_localized(locale, words(lang))
        })
    }

    /// An option (or subcommand) with its description in every language.
    fn option(
        kind: CommandOptionType,
        name: &str,
        words: fn(Lang) -> String,
    ) -> CreateCommandOption {
        localized().fold(
            CreateCommandOption::new(kind, name, words(Lang::ENGLISH)),
            |o, (locale, lang)| o.description_localized(locale, words(lang)),
        )
    }

    /// A string choice, its name in every language.
    fn choice(
        o: CreateCommandOption,
        words: impl Fn(Lang) -> String,
        value: &str,
    ) -> CreateCommandOption {
        o.add_string_choice_localized(
            words(Lang::ENGLISH),
            value,
            localized().map(|(locale, lang)| (locale, words(lang))),
        )
    }

    pub fn setup(c: CreateCommand) -> CreateCommand {
        described(c, words::setup)
            .add_option(
                option(CommandOptionType::User, "partner", words::setup_partner).required(true),
            )
            .add_option(
                option(CommandOptionType::String, "timezone", words::setup_timezone)
                    .required(true)
                    .set_autocomplete(true)
                    .max_length(64),
            )
            .add_option(option(CommandOptionType::String, "time", words::setup_time).max_length(5))
            .add_option(option(
                CommandOptionType::Boolean,
                "private_channel",
                words::setup_private_channel,
            ))
    }

    pub fn help(c: CreateCommand) -> CreateCommand {
        described(c, words::help)
    }

    pub fn forget(c: CreateCommand) -> CreateCommand {
        described(c, words::forget).add_option(option(
            CommandOptionType::Boolean,
            "delete_messages",
            words::forget_delete_messages,
        ))
    }

    pub fn schedule(c: CreateCommand) -> CreateCommand {
        described(c, words::schedule)
            .add_option(option(
                CommandOptionType::SubCommand,
                "show",
                words::schedule_show,
            ))
            .add_option(
                option(CommandOptionType::SubCommand, "set", words::schedule_set)
                    .add_sub_option(
                        option(CommandOptionType::String, "time", words::schedule_set_time)
                            .max_length(5),
                    )
                    .add_sub_option(
                        option(CommandOptionType::String, "days", words::schedule_set_days)
                            .max_length(100),
                    )
                    .add_sub_option(
                        option(CommandOptionType::String, "cron", words::schedule_set_cron)
                            .max_length(200),
                    )
                    .add_sub_option(
                        option(
                            CommandOptionType::String,
                            "timezone",
                            words::schedule_set_timezone,
                        )
                        .set_autocomplete(true)
                        .max_length(64),
                    ),
            )
    }

    pub fn pause(c: CreateCommand) -> CreateCommand {
        described(c, words::pause).add_option(
            option(CommandOptionType::Integer, "days", words::pause_days)
                .min_int_value(1)
                .max_int_value(60),
        )
    }

    pub fn resume(c: CreateCommand) -> CreateCommand {
        described(c, words::resume)
    }

    pub fn skip(c: CreateCommand) -> CreateCommand {
        described(c, words::skip)
    }

    fn practice_option(required: bool) -> CreateCommandOption {
        let mut o =
            option(CommandOptionType::String, "practice", words::practice).required(required);
        for p in crate::domain::prompt::Practice::ALL {
            o = choice(o, |lang| crate::copy::practice_title(lang, p), p.key());
        }
        o
    }

    /// `/prompt now`'s choice: the five practices and every deck, repair included (drawn only
    /// when asked for like this).
    fn deck_option() -> CreateCommandOption {
        let mut o = option(CommandOptionType::String, "practice", words::practice).required(false);
        for d in crate::domain::prompt::Deck::ALL
            .into_iter()
            .filter(|d| d.on_request())
        {
            o = choice(o, |lang| crate::copy::deck_title(lang, d), d.key());
        }
        o
    }

    pub fn prompt(c: CreateCommand) -> CreateCommand {
        described(c, words::prompt)
            .add_option(
                option(CommandOptionType::SubCommand, "now", words::prompt_now)
                    .add_sub_option(deck_option()),
            )
            .add_option(
                option(CommandOptionType::SubCommand, "add", words::prompt_add)
                    .add_sub_option(practice_option(true))
                    .add_sub_option(
                        option(CommandOptionType::String, "text", words::prompt_add_text)
                            .required(true)
                            .max_length(300),
                    ),
            )
            .add_option(
                option(
                    CommandOptionType::SubCommand,
                    "remove",
                    words::prompt_remove,
                )
                .add_sub_option(
                    option(
                        CommandOptionType::String,
                        "prompt",
                        words::prompt_remove_prompt,
                    )
                    .required(true)
                    .set_autocomplete(true)
                    .max_length(100),
                ),
            )
    }

    pub fn notify(c: CreateCommand) -> CreateCommand {
        let switch = |name: &str, description: fn(Lang) -> String| {
            let o = option(CommandOptionType::String, name, description);
            choice(choice(o, words::on, "on"), words::off, "off")
        };
        described(c, words::notify)
            .add_option(switch("mentions", words::notify_mentions))
            .add_option(switch("reminders", words::notify_reminders))
    }

    pub fn checkin(c: CreateCommand) -> CreateCommand {
        described(c, words::checkin)
    }

    pub fn streak(c: CreateCommand) -> CreateCommand {
        described(c, words::streak)
    }

    pub fn appreciate(c: CreateCommand) -> CreateCommand {
        described(c, words::appreciate).add_option(
            option(CommandOptionType::String, "text", words::appreciate_text)
                .required(true)
                .max_length(1000),
        )
    }

    /// The message command's name is what people see: it has its words in every language.
    pub fn appreciate_this(c: CreateCommand) -> CreateCommand {
        localized().fold(c.kind(CommandType::Message), |c, (locale, lang)| {
            c.name_localized(locale, words::appreciate_this(lang))
        })
    }

    pub fn export(c: CreateCommand) -> CreateCommand {
        described(c, words::export)
    }

    pub fn anniversary(c: CreateCommand) -> CreateCommand {
        use crate::copy as w;
        let sub = |name: &str, description: fn(Lang) -> String| {
            option(CommandOptionType::SubCommand, name, description)
        };
        described(c, w::anniversary_command)
            .add_option(sub("show", w::anniversary_show_command))
            .add_option(
                sub("set", w::anniversary_set_command).add_sub_option(
                    option(
                        CommandOptionType::String,
                        "date",
                        w::anniversary_set_date_option,
                    )
                    .required(true)
                    .max_length(32),
                ),
            )
            .add_option(sub("clear", w::anniversary_clear_command))
    }

    /// `/pulse [turn:on|off] [share:on|off]`.
    pub fn pulse(c: CreateCommand) -> CreateCommand {
        use crate::copy::pulse as w;
        let switch = |name: &str, description: fn(Lang) -> String| {
            let o = option(CommandOptionType::String, name, description);
            choice(choice(o, w::on, "on"), w::off, "off")
        };
        described(c, w::command)
            .add_option(switch("turn", w::command_turn))
            .add_option(switch("share", w::command_share))
    }

    pub fn onmymind(c: CreateCommand) -> CreateCommand {
        use crate::copy::onmymind as omm;
        use crate::domain::onmymind::MAX_NOTE_CHARS;
        let note = || {
            option(CommandOptionType::String, "note", omm::onmymind_note)
                .required(true)
                .set_autocomplete(true)
                .max_length(100)
        };
        // Longer text is refused kindly by haven itself (Discord's limit is a backstop).
        let text = |description: fn(Lang) -> String| {
            option(CommandOptionType::String, "text", description)
                .required(true)
                .max_length(MAX_NOTE_CHARS as u16)
        };
        described(c, omm::onmymind)
            .add_option(
                option(CommandOptionType::SubCommand, "add", omm::onmymind_add)
                    .add_sub_option(text(omm::onmymind_add_text)),
            )
            .add_option(option(
                CommandOptionType::SubCommand,
                "list",
                omm::onmymind_list,
            ))
            .add_option(
                option(CommandOptionType::SubCommand, "edit", omm::onmymind_edit)
                    .add_sub_option(note())
                    .add_sub_option(text(omm::onmymind_edit_text)),
            )
            .add_option(
                option(
                    CommandOptionType::SubCommand,
                    "delete",
                    omm::onmymind_delete,
                )
                .add_sub_option(note()),
            )
            .add_option(
                option(CommandOptionType::SubCommand, "bring", omm::onmymind_bring)
                    .add_sub_option(note()),
            )
    }

    pub fn settings(c: CreateCommand) -> CreateCommand {
        use crate::domain::couple::Togetherness;
        let switch = |name: &str, description: fn(Lang) -> String| {
            let o = option(CommandOptionType::String, name, description);
            choice(choice(o, words::on, "on"), words::off, "off")
        };
        let mut weekday = option(
            CommandOptionType::String,
            "digest_day",
            words::settings_digest_day,
        );
        for (day, code) in super::settings::WEEKDAYS {
            weekday = choice(weekday, |lang| crate::copy::weekday_name(lang, day), code);
        }
        let mut together = option(
            CommandOptionType::String,
            "together",
            words::settings_together,
        );
        for t in Togetherness::ALL {
            together = choice(
                together,
                |lang| crate::copy::togetherness_name(lang, t),
                t.code(),
            );
        }
        // Each language is named in itself, as its speakers look for it.
        let languages = |name: &str, description: fn(Lang) -> String| {
            Lang::shipped().fold(
                option(CommandOptionType::String, name, description),
                |o, l| choice(o, |_| crate::copy::language_name(l), l.code()),
            )
        };
        described(c, words::settings)
            .add_option(
                option(
                    CommandOptionType::String,
                    "day_start",
                    words::settings_day_start,
                )
                .max_length(5),
            )
            .add_option(weekday)
            .add_option(together)
            .add_option(
                option(
                    CommandOptionType::String,
                    "timezone",
                    words::settings_timezone,
                )
                .set_autocomplete(true)
                .max_length(64),
            )
            .add_option(switch("mentions", words::notify_mentions))
            .add_option(switch("reminders", words::notify_reminders))
            .add_option(languages("language", words::settings_language))
            .add_option(languages(
                "channel_language",
                words::settings_channel_language,
            ))
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use super::*;

    fn registered() -> Vec<Value> {
        serde_json::to_value(all())
            .unwrap()
            .as_array()
            .unwrap()
            .clone()
    }

    fn gate_name(gate: Gate) -> &'static str {
        match gate {
            Gate::Anyone(_) => "anyone",
            Gate::NotOutsider(_) => "not an outsider",
            Gate::OwnCouple(_) => "own couple",
            Gate::Partner(_) => "partner",
        }
    }

    #[test]
    fn every_registered_command_has_a_gate_and_a_handler() {
        let names: Vec<String> = registered()
            .iter()
            .map(|c| c["name"].as_str().unwrap().to_string())
            .collect();
        let table: Vec<&str> = COMMANDS.iter().map(|c| c.name).collect();
        assert_eq!(
            names, table,
            "registered in the table's order, by its names"
        );
        let mut unique = table.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), table.len(), "each name declared once");
        // The authorisation rule at a glance: a gate (and, with it, a handler) for every
        // registered name, and which one.
        let gates: Vec<(&str, &str)> = names
            .iter()
            .map(|n| {
                let spec = find(n).unwrap_or_else(|| panic!("{n} has no entry"));
                (spec.name, gate_name(spec.gate))
            })
            .collect();
        assert_eq!(
            gates,
            [
                ("setup", "not an outsider"),
                ("help", "anyone"),
                ("forget", "own couple"),
                ("schedule", "partner"),
                ("pause", "own couple"),
                ("resume", "partner"),
                ("skip", "partner"),
                ("prompt", "partner"),
                ("checkin", "partner"),
                ("streak", "partner"),
                ("notify", "partner"),
                ("appreciate", "partner"),
                (APPRECIATE_THIS, "partner"),
                ("export", "own couple"),
                ("anniversary", "partner"),
                ("onmymind", "partner"),
                ("pulse", "partner"),
                ("settings", "partner"),
            ]
        );
        assert!(find("nope").is_none());
    }

    fn names_and_kinds(options: &Value) -> Vec<(String, Value)> {
        options
            .as_array()
            .into_iter()
            .flatten()
            .map(|o| (o["name"].as_str().unwrap().to_string(), o["type"].clone()))
            .collect()
    }

    fn declared(list: &[(&str, Kind)]) -> Vec<(String, Value)> {
        list.iter()
            .map(|(n, k)| (n.to_string(), serde_json::to_value(k).unwrap()))
            .collect()
    }

    #[test]
    fn the_options_checked_are_the_options_registered() {
        for (spec, c) in COMMANDS.iter().zip(registered()) {
            let registered = &c["options"];
            match spec.options {
                Declared::Options(list) => {
                    assert_eq!(names_and_kinds(registered), declared(list), "{}", spec.name)
                }
                Declared::Subcommands(subs) => {
                    let subcommand = serde_json::to_value(Kind::SubCommand).unwrap();
                    let expected: Vec<(String, Value)> = subs
                        .iter()
                        .map(|s| (s.name.to_string(), subcommand.clone()))
                        .collect();
                    assert_eq!(names_and_kinds(registered), expected, "{}", spec.name);
                    for (s, sub) in subs.iter().zip(registered.as_array().unwrap()) {
                        assert_eq!(names_and_kinds(&sub["options"]), declared(s.options));
                    }
                }
                Declared::Unchecked => {
                    assert!(names_and_kinds(registered).is_empty(), "{}", spec.name)
                }
            }
        }
    }

    fn autocompletes(options: &Value) -> bool {
        options
            .as_array()
            .into_iter()
            .flatten()
            .any(|o| o["autocomplete"] == json!(true) || autocompletes(&o["options"]))
    }

    #[test]
    fn commands_with_an_autocomplete_option_have_suggestions() {
        for (spec, c) in COMMANDS.iter().zip(registered()) {
            assert_eq!(
                spec.autocomplete.is_some(),
                autocompletes(&c["options"]),
                "{}",
                spec.name
            );
        }
    }

    #[test]
    fn command_definitions_are_within_discords_limits() {
        for c in registered() {
            let name = c["name"].as_str().unwrap();
            assert!(name.len() <= 32);
            assert_eq!(c["contexts"], json!([0]));
            assert_eq!(c["integration_types"], json!([0]));
            if c["type"] == json!(3) {
                // A message command: a free-form name and no description.
                assert!(c["description"].as_str().unwrap_or("").is_empty());
                continue;
            }
            assert!(name
                .chars()
                .all(|ch| ch.is_ascii_lowercase() || ch == '_' || ch == '-'));
            assert!(c["description"].as_str().unwrap().chars().count() <= 100);
            assert_eq!(c["integration_types"], json!([0]));
            for o in c["options"].as_array().into_iter().flatten() {
                assert!(
                    o["description"].as_str().unwrap().chars().count() <= 100,
                    "{o}"
                );
            }
        }
    }

    #[test]
    fn help_names_every_slash_command() {
        for lang in copy::Lang::shipped() {
            let listed = copy::help_commands(lang);
            for spec in COMMANDS.iter().filter(|c| c.name != APPRECIATE_THIS) {
                let named = format!("`/{}", spec.name);
                assert!(listed.contains(&named), "{lang:?}: {}", spec.name);
            }
        }
    }

    /// Every name, description and localization of a registration, with where it sits:
    /// (is a chat command's or option's name, is a choice, text).
    fn texts(v: &serde_json::Value, chat: bool, out: &mut Vec<(&'static str, String)>) {
        let is_choice = v.get("value").is_some();
        let name_kind = if is_choice {
            "choice"
        } else if chat {
            "name"
        } else {
            "free name"
        };
        if let Some(n) = v["name"].as_str() {
            out.push((name_kind, n.to_string()));
        }
        for n in v["name_localizations"].as_object().into_iter().flatten() {
            out.push((name_kind, n.1.as_str().unwrap_or("").to_string()));
        }
        if let Some(d) = v["description"].as_str().filter(|d| !d.is_empty()) {
            out.push(("description", d.to_string()));
        }
        for d in v["description_localizations"]
            .as_object()
            .into_iter()
            .flatten()
        {
            out.push(("description", d.1.as_str().unwrap_or("").to_string()));
        }
        for key in ["options", "choices"] {
            for child in v[key].as_array().into_iter().flatten() {
                texts(child, true, out);
            }
        }
    }

    #[test]
    fn every_language_keeps_to_discords_rules_for_names_and_descriptions() {
        let name_rule =
            regex::Regex::new(r"^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$").unwrap();
        let others: Vec<&str> = crate::copy::Lang::shipped()
            .skip(1)
            .flat_map(|l| l.discord_locales())
            .collect();
        assert!(!others.is_empty(), "a second language is shipped");
        for c in registered() {
            let chat = c["type"] != json!(3);
            let mut found = Vec::new();
            texts(&c, chat, &mut found);
            for (kind, text) in &found {
                let chars = text.chars().count();
                match *kind {
                    "name" => assert!(
                        name_rule.is_match(text) && text.to_lowercase() == *text,
                        "{text:?}"
                    ),
                    "free name" => assert!((1..=32).contains(&chars), "{text:?}"),
                    "choice" => assert!((1..=100).contains(&chars), "{text:?}"),
                    _ => assert!((1..=100).contains(&chars), "{text:?} is {chars} characters"),
                }
            }
            // Every other language's locales have their words, for the command and its options.
            let localized = if chat {
                &c["description_localizations"]
            } else {
                &c["name_localizations"]
            };
            for locale in &others {
                assert!(
                    localized[*locale].as_str().is_some_and(|t| !t.is_empty()),
                    "{} has no {locale} words",
                    c["name"]
                );
            }
        }
    }
}
