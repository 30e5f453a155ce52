//! Reads what the visibility rule needs out of serenity's guild cache.

use serenity::all::{
    ChannelType, Guild, GuildChannel, PermissionOverwrite, PermissionOverwriteType,
};

use crate::domain::ids::{RoleId, UserId};
use crate::domain::visibility::{ChannelAccess, Overwrite, OverwriteTarget, RoleInfo};

/// The guild's roles and owner with the given overwrites.
pub fn access_with(guild: &Guild, overwrites: &[PermissionOverwrite]) -> ChannelAccess {
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

/// A plain text channel of the guild (type 0), with its access rules.
pub fn text_channel(guild: &Guild, channel: serenity::all::ChannelId) -> Option<&GuildChannel> {
    guild
        .channels
        .get(&channel)
        .filter(|c| c.kind == ChannelType::Text)
}

/// The bot's permissions at server level (before any channel overwrite), if its member is cached.
pub fn guild_permissions(guild: &Guild, user: UserId) -> Option<u64> {
    let member = guild.members.get(&user.into())?;
    let roles: Vec<RoleId> = member.roles.iter().map(|&r| r.into()).collect();
    let access = access_with(guild, &[]);
    Some(access.member_permissions(user, &roles))
}

/// Who can read a couple's channel now, from the cache; None when it is not cached.
pub fn couple_channel_visibility(
    cache: &serenity::all::Cache,
    couple: &crate::domain::couple::Couple,
    bot: UserId,
) -> Option<crate::domain::visibility::Visibility> {
    let guild = cache.guild(serenity::all::GuildId::from(couple.guild_id))?;
    let channel = guild.channels.get(&couple.channel_id.into())?;
    Some(access_with(&guild, &channel.permission_overwrites).visibility(couple.partners, bot))
}
