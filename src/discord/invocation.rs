//! One command invocation: who sent it and from where, as haven's ids (built once), and its
//! options, checked against what the command declares before any handler runs.

use std::collections::HashMap;

use serenity::all::{
    CommandDataOption, CommandDataOptionValue, CommandInteraction, CommandOptionType,
};

use super::ctx::Ctx;
use super::respond::{Responder, Stop};
use crate::domain::ids::{ChannelId, GuildId, UserId};
use crate::service::Services;

/// Everything a command's handler is given, besides what its gate found.
pub struct Invocation<'a> {
    pub ctx: &'a Ctx,
    pub svc: &'a Services,
    pub cmd: &'a CommandInteraction,
    pub r: &'a Responder<'a>,
    pub guild: GuildId,
    pub channel: ChannelId,
    pub user: UserId,
    /// The subcommand, for a command declared with subcommands.
    pub subcommand: Option<&'a str>,
    /// The options (of the subcommand, if there is one), already checked.
    pub options: Options<'a>,
}

impl<'a> Invocation<'a> {
    /// An invocation whose options are not checked yet (none are visible until
    /// [`Invocation::checked`]).
    pub(super) fn new(
        ctx: &'a Ctx,
        svc: &'a Services,
        cmd: &'a CommandInteraction,
        r: &'a Responder<'a>,
        guild: GuildId,
    ) -> Self {
        Invocation {
            ctx,
            svc,
            cmd,
            r,
            guild,
            channel: cmd.channel_id.into(),
            user: cmd.user.id.into(),
            subcommand: None,
            options: Options::default(),
        }
    }

    /// The same invocation with its options checked against `declared`.
    pub(super) fn checked(self, declared: Declared) -> Result<Self, Stop> {
        let (subcommand, options) = declared.check(&self.cmd.data.options)?;
        Ok(Invocation {
            subcommand,
            options,
            ..self
        })
    }
}

/// Option names and types, as a command declares them.
pub type OptionList = &'static [(&'static str, CommandOptionType)];

/// One subcommand and its options.
#[derive(Debug, Clone, Copy)]
pub struct Subcommand {
    pub name: &'static str,
    pub options: OptionList,
}

/// The options a command accepts; anything else is refused with one bad-options sentence.
#[derive(Debug, Clone, Copy)]
pub enum Declared {
    /// Top-level options only; an empty list means the command takes none.
    Options(OptionList),
    /// Exactly one of these subcommands, each with its own options.
    Subcommands(&'static [Subcommand]),
    /// Options are not looked at (a forged payload's extras change nothing).
    Unchecked,
}

impl Declared {
    /// The subcommand, if the command has them, and the options, checked.
    fn check<'a>(
        &self,
        options: &'a [CommandDataOption],
    ) -> Result<(Option<&'a str>, Options<'a>), Stop> {
        let (subcommand, options, declared) = match self {
            Declared::Options(declared) => (None, options, *declared),
            Declared::Subcommands(subs) => {
                let (name, inner) = subcommand(options).ok_or_else(Stop::bad_options)?;
                let sub = subs
                    .iter()
                    .find(|s| s.name == name)
                    .ok_or_else(Stop::bad_options)?;
                (Some(name), inner, sub.options)
            }
            Declared::Unchecked => return Ok((None, Options::default())),
        };
        let options = Options::parse(options, declared).map_err(|_| Stop::bad_options())?;
        Ok((subcommand, options))
    }
}

/// The one subcommand of an invocation and its options.
fn subcommand(options: &[CommandDataOption]) -> Option<(&str, &[CommandDataOption])> {
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
#[derive(Default)]
pub struct Options<'a> {
    by_name: HashMap<&'a str, &'a CommandDataOptionValue>,
}

/// The options did not match the command's declaration (a stale client or a forged payload).
#[derive(Debug)]
struct OptionsMismatch;

impl<'a> Options<'a> {
    /// Refuses unknown names, duplicates and wrong kinds.
    fn parse(
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

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn options(v: serde_json::Value) -> Vec<CommandDataOption> {
        serde_json::from_value(v).unwrap()
    }

    const PAUSE: Declared = Declared::Options(&[("days", CommandOptionType::Integer)]);
    const SCHEDULE: Declared = Declared::Subcommands(&[
        Subcommand {
            name: "show",
            options: &[],
        },
        Subcommand {
            name: "set",
            options: &[("time", CommandOptionType::String)],
        },
    ]);

    fn refused(declared: Declared, v: serde_json::Value) -> bool {
        matches!(declared.check(&options(v)), Err(Stop::Words(_)))
    }

    #[test]
    fn declared_options_are_read_back() {
        let given = options(json!([{"name": "days", "type": 4, "value": 3}]));
        let (sub, o) = PAUSE.check(&given).unwrap();
        assert_eq!((sub, o.int("days")), (None, Some(3)));
        let given = options(json!([{"name": "set", "type": 1, "options": [
            {"name": "time", "type": 3, "value": "07:30"}
        ]}]));
        let (sub, o) = SCHEDULE.check(&given).unwrap();
        assert_eq!((sub, o.str("time")), (Some("set"), Some("07:30")));
    }

    #[test]
    fn anything_undeclared_is_refused() {
        assert!(refused(
            PAUSE,
            json!([{"name": "weeks", "type": 4, "value": 3}])
        ));
        assert!(refused(
            PAUSE,
            json!([{"name": "days", "type": 3, "value": "3"}])
        ));
        assert!(refused(
            PAUSE,
            json!([
                {"name": "days", "type": 4, "value": 3},
                {"name": "days", "type": 4, "value": 4}
            ])
        ));
        assert!(refused(
            Declared::Options(&[]),
            json!([{"name": "days", "type": 4, "value": 3}])
        ));
        assert!(refused(SCHEDULE, json!([])));
        assert!(refused(
            SCHEDULE,
            json!([{"name": "drop", "type": 1, "options": []}])
        ));
        assert!(refused(
            SCHEDULE,
            json!([{"name": "show", "type": 1, "options": [
                {"name": "time", "type": 3, "value": "07:30"}
            ]}])
        ));
        let extras = json!([{"name": "days", "type": 4, "value": 3}]);
        assert!(!refused(Declared::Unchecked, extras));
    }
}
