//! "Is this channel private?", answered in one place: who can read a channel, read out of
//! serenity's cache and decided by the visibility rule of `domain::visibility`.
//!
//! # A cold cache
//!
//! Just after a start, or after joining a server, the cache may not hold the server yet; and
//! a channel a cached server does not hold has been deleted or was never one of its channels.
//! The one policy: what the cache cannot vouch for is never private. [`Privacy::is_private`]
//! then answers `None`, and no caller takes `None` for yes: no couple starts in such a
//! channel and no partner's words are posted into it. What each caller does instead is its
//! own decision, made at the caller:
//!
//! - `/setup`: the server not cached yet → "try again in a moment"; the channel not a cached
//!   plain text channel → "haven can only live in a plain text channel".
//! - Accept: the server not cached yet → "try again in a moment"; the channel gone, or no
//!   longer a plain text channel → the invitation's button is stale.
//! - `/appreciate`: either → "try again in a moment"; nothing is held.
//! - The sender: either → the post is tried again a few seconds later.

use serenity::all::{Cache, ChannelType, Guild, PermissionOverwrite, PermissionOverwriteType};

use crate::domain::couple::Couple;
use crate::domain::ids::{ChannelId, GuildId, RoleId, UserId};
use crate::domain::visibility::{ChannelAccess, Overwrite, OverwriteTarget, RoleInfo, Visibility};

/// What the cache says about who can read one channel.
#[derive(Debug, Clone)]
pub enum Privacy {
    /// The cache does not hold the server yet.
    ServerNotCached,
    /// The server is cached and holds no channel with this id.
    NoSuchChannel,
    /// The channel, as the cache holds it.
    Known {
        /// Who besides the two partners and the bot can read it.
        visibility: Visibility,
        /// Whether it is a plain text channel, the only kind a couple lives in.
        is_text: bool,
        /// The roles and overwrites the verdict came from, to check one member's own access.
        access: ChannelAccess,
    },
}

impl Privacy {
    /// Whether only the couple (with the bot, the owner and administrators) can read the
    /// channel; `None` when the cache cannot tell, which is never to be taken for yes.
    pub fn is_private(&self) -> Option<bool> {
        match self {
            Privacy::Known { visibility, .. } => Some(visibility.is_private()),
            Privacy::ServerNotCached | Privacy::NoSuchChannel => None,
        }
    }
}

/// Who besides `partners` and the bot can read `channel` of `guild`, by the cache.
pub fn channel_privacy(
    cache: &Cache,
    guild: GuildId,
    channel: ChannelId,
    partners: [UserId; 2],
) -> Privacy {
    let bot = UserId::from(cache.current_user().id);
    let Some(g) = cache.guild(serenity::all::GuildId::from(guild)) else {
        return Privacy::ServerNotCached;
    };
    let Some(c) = g.channels.get(&channel.into()) else {
        return Privacy::NoSuchChannel;
    };
    let access = access_with(&g, &c.permission_overwrites);
    Privacy::Known {
        visibility: access.visibility(partners, bot),
        is_text: c.kind == ChannelType::Text,
        access,
    }
}

/// [`channel_privacy`] of a couple's own channel.
pub fn couple_privacy(cache: &Cache, couple: &Couple) -> Privacy {
    channel_privacy(cache, couple.guild_id, couple.channel_id, couple.partners)
}

/// Who besides `partners` and the bot could read a channel created in `guild` with
/// `overwrites`; `None` when the cache does not hold the server yet.
pub fn new_channel_privacy(
    cache: &Cache,
    guild: GuildId,
    overwrites: &[PermissionOverwrite],
    partners: [UserId; 2],
) -> Option<Visibility> {
    let bot = UserId::from(cache.current_user().id);
    let g = cache.guild(serenity::all::GuildId::from(guild))?;
    Some(access_with(&g, overwrites).visibility(partners, bot))
}

/// A member's permissions at server level (before any channel overwrite); `None` while the
/// server or the member is not cached.
pub fn server_permissions(cache: &Cache, guild: GuildId, user: UserId) -> Option<u64> {
    let g = cache.guild(serenity::all::GuildId::from(guild))?;
    let member = g.members.get(&user.into())?;
    let roles: Vec<RoleId> = member.roles.iter().map(|&r| r.into()).collect();
    Some(access_with(&g, &[]).member_permissions(user, &roles))
}

/// The guild's roles and owner with the given overwrites.
fn access_with(guild: &Guild, overwrites: &[PermissionOverwrite]) -> ChannelAccess {
    ChannelAccess {
        guild_id: guild.id.into(),
        owner_id: guild.owner_id.into(),
        roles: guild
            .roles
            .values()
            .map(|r| RoleInfo {
                id: r.id.into(),
                name: r.name.clone(),
                permissions: r.permissions.bits(),
                bot_id: r.tags.bot_id.map(UserId::from),
            })
            .collect(),
        overwrites: overwrites.iter().filter_map(overwrite).collect(),
    }
}

fn overwrite(o: &PermissionOverwrite) -> Option<Overwrite> {
    let target = match o.kind {
        PermissionOverwriteType::Member(u) => OverwriteTarget::Member(u.into()),
        PermissionOverwriteType::Role(r) => OverwriteTarget::Role(r.into()),
        _ => return None,
    };
    Some(Overwrite {
        target,
        allow: o.allow.bits(),
        deny: o.deny.bits(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cold_cache_is_never_private() {
        assert_eq!(Privacy::ServerNotCached.is_private(), None);
        assert_eq!(Privacy::NoSuchChannel.is_private(), None);
        let known = |outsiders| Privacy::Known {
            visibility: Visibility {
                outsiders,
                admin_roles: vec![],
                owner_id: UserId(1),
            },
            is_text: false,
            access: ChannelAccess {
                guild_id: GuildId(9),
                owner_id: UserId(1),
                roles: vec![],
                overwrites: vec![],
            },
        };
        assert_eq!(known(vec![]).is_private(), Some(true));
        let everyone = vec![crate::domain::visibility::Outsider::Everyone];
        assert_eq!(known(everyone).is_private(), Some(false));
    }
}
