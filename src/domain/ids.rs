//! Typed identifiers, so a channel id can never be passed where a user id belongs.

use std::fmt;

macro_rules! snowflake {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
        )]
        #[serde(transparent)]
        pub struct $name(pub u64);

        impl $name {
            pub fn get(self) -> u64 {
                self.0
            }
            /// SQLite stores integers as i64; Discord snowflakes fit (they are below 2^63).
            pub fn to_sql(self) -> i64 {
                self.0 as i64
            }
            pub fn from_sql(v: i64) -> Self {
                $name(v as u64)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}", self.0)
            }
        }
    };
}

snowflake!(
    /// A Discord server.
    GuildId
);
snowflake!(
    /// A Discord channel.
    ChannelId
);
snowflake!(
    /// A Discord user.
    UserId
);
snowflake!(
    /// A Discord role.
    RoleId
);
snowflake!(
    /// A couple, haven's own id.
    CoupleId
);
snowflake!(
    /// An invitation to pair, haven's own id.
    InvitationId
);
snowflake!(
    /// A row of the outbox: one occurrence of one post.
    OutboxId
);
snowflake!(
    /// A Discord message.
    MessageId
);

impl GuildId {
    /// Whether the server's gateway events go to shard `shard` of `total` (Discord's rule:
    /// the id shifted right by 22 bits, modulo the number of shards).
    pub fn on_shard(self, shard: u32, total: u32) -> bool {
        total <= 1 || (self.0 >> 22) % u64::from(total) == u64::from(shard)
    }
}
