//! Conversions between serenity's ids and haven's typed ids, both ways, as `From` impls.
//!
//! Both sides are the same Discord snowflake. A serenity id is never zero, so turning a
//! haven id of zero into one panics, as `serenity::all::UserId::new(0)` does; haven never
//! holds a zero id that came from Discord.

use crate::domain::ids;

macro_rules! same_snowflake {
    ($($name:ident),* $(,)?) => {
        $(
            impl From<serenity::all::$name> for ids::$name {
                fn from(id: serenity::all::$name) -> Self {
                    ids::$name(id.get())
                }
            }

            impl From<ids::$name> for serenity::all::$name {
                fn from(id: ids::$name) -> Self {
                    serenity::all::$name::new(id.get())
                }
            }
        )*
    };
}

same_snowflake!(GuildId, ChannelId, UserId, RoleId, MessageId);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_between_serenity_and_haven() {
        let user = ids::UserId(1_234_567_890_123);
        let theirs: serenity::all::UserId = user.into();
        assert_eq!(theirs.get(), user.0);
        assert_eq!(ids::UserId::from(theirs), user);
        let channel = serenity::all::ChannelId::new(42);
        assert_eq!(
            serenity::all::ChannelId::from(ids::ChannelId::from(channel)),
            channel
        );
    }
}
