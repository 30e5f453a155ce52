//! Who can read a channel, computed by hand in Discord's order from roles and overwrites.
//!
//! Without privileged intents the bot cannot know which members hold a role, so any role
//! that can view the channel counts as outsiders. The server owner and administrator roles
//! bypass every overwrite: they are reported separately so the couple can be told plainly.

use super::ids::{GuildId, RoleId, UserId};

/// Discord permission bits haven cares about.
pub mod perms {
    pub const MANAGE_CHANNELS: u64 = 1 << 4;
    pub const ADMINISTRATOR: u64 = 1 << 3;
    pub const VIEW_CHANNEL: u64 = 1 << 10;
    pub const SEND_MESSAGES: u64 = 1 << 11;
    pub const EMBED_LINKS: u64 = 1 << 14;
    pub const ATTACH_FILES: u64 = 1 << 15;
    pub const READ_MESSAGE_HISTORY: u64 = 1 << 16;
    pub const MANAGE_ROLES: u64 = 1 << 28;

    /// What the bot needs in a couple's channel.
    pub const BOT_IN_CHANNEL: u64 =
        VIEW_CHANNEL | SEND_MESSAGES | EMBED_LINKS | ATTACH_FILES | READ_MESSAGE_HISTORY;
    /// What a partner needs in the couple's channel.
    pub const PARTNER_IN_CHANNEL: u64 = VIEW_CHANNEL | SEND_MESSAGES | READ_MESSAGE_HISTORY;
}

/// A server role as the cache knows it.
#[derive(Debug, Clone)]
pub struct RoleInfo {
    pub id: RoleId,
    pub name: String,
    pub permissions: u64,
    /// Set for the managed role Discord gives a bot; only that bot holds it.
    pub bot_id: Option<UserId>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OverwriteTarget {
    Role(RoleId),
    Member(UserId),
}

#[derive(Debug, Clone, Copy)]
pub struct Overwrite {
    pub target: OverwriteTarget,
    pub allow: u64,
    pub deny: u64,
}

/// A channel with everything needed to decide who can read it.
#[derive(Debug, Clone)]
pub struct ChannelAccess {
    pub guild_id: GuildId,
    pub owner_id: UserId,
    /// Every role of the server, @everyone (whose id is the guild's) included.
    pub roles: Vec<RoleInfo>,
    pub overwrites: Vec<Overwrite>,
}

/// Someone other than the couple (and the bot) who can read the channel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outsider {
    Everyone,
    Role { id: RoleId, name: String },
    Member(UserId),
}

/// The verdict for one channel and one couple.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Visibility {
    /// Empty when only the couple, the bot, the owner and administrators can read it.
    pub outsiders: Vec<Outsider>,
    /// Names of roles with Administrator, which bypass every overwrite.
    pub admin_roles: Vec<String>,
    pub owner_id: UserId,
}

impl Visibility {
    pub fn is_private(&self) -> bool {
        self.outsiders.is_empty()
    }
}

impl ChannelAccess {
    fn everyone_role(&self) -> RoleId {
        RoleId(self.guild_id.0)
    }

    fn role(&self, id: RoleId) -> Option<&RoleInfo> {
        self.roles.iter().find(|r| r.id == id)
    }

    fn base(&self, role_ids: &[RoleId]) -> u64 {
        let everyone = self.role(self.everyone_role()).map_or(0, |r| r.permissions);
        role_ids
            .iter()
            .filter_map(|id| self.role(*id))
            .fold(everyone, |acc, r| acc | r.permissions)
    }

    /// A member's permissions in this channel, in Discord's order: @everyone base and the
    /// member's roles, @everyone overwrite, role overwrites (all denies, then all allows),
    /// the member's own overwrite. The owner and administrators get everything.
    pub fn member_permissions(&self, user: UserId, role_ids: &[RoleId]) -> u64 {
        if user == self.owner_id {
            return u64::MAX;
        }
        let base = self.base(role_ids);
        if base & perms::ADMINISTRATOR != 0 {
            return u64::MAX;
        }
        let mut p = base;
        let everyone = self.everyone_role();
        for ow in &self.overwrites {
            if ow.target == OverwriteTarget::Role(everyone) {
                p = (p & !ow.deny) | ow.allow;
            }
        }
        let (mut deny, mut allow) = (0, 0);
        for ow in &self.overwrites {
            if let OverwriteTarget::Role(id) = ow.target {
                if id != everyone && role_ids.contains(&id) {
                    deny |= ow.deny;
                    allow |= ow.allow;
                }
            }
        }
        p = (p & !deny) | allow;
        for ow in &self.overwrites {
            if ow.target == OverwriteTarget::Member(user) {
                p = (p & !ow.deny) | ow.allow;
            }
        }
        p
    }

    fn can_view(&self, user: UserId, role_ids: &[RoleId]) -> bool {
        self.member_permissions(user, role_ids) & perms::VIEW_CHANNEL != 0
    }

    /// Who besides `partners` and `bot` can read the channel.
    ///
    /// A member with several roles can view only if one of those roles alone lets a member
    /// view (an allow on any of them wins; a base grant needs no deny among them, which is
    /// easiest to satisfy with that role alone), so checking each role by itself is exact.
    pub fn visibility(&self, partners: [UserId; 2], bot: UserId) -> Visibility {
        let nobody = UserId(0);
        let mut outsiders = Vec::new();
        let mut admin_roles = Vec::new();
        if self.can_view(nobody, &[]) {
            outsiders.push(Outsider::Everyone);
        }
        for role in &self.roles {
            if role.id == self.everyone_role() {
                continue;
            }
            if role.permissions & perms::ADMINISTRATOR != 0 {
                admin_roles.push(role.name.clone());
                continue;
            }
            if role.bot_id == Some(bot) {
                continue;
            }
            if !outsiders.contains(&Outsider::Everyone) && self.can_view(nobody, &[role.id]) {
                outsiders.push(Outsider::Role {
                    id: role.id,
                    name: role.name.clone(),
                });
            }
        }
        // A member overwrite can grant a single person access whatever their roles are.
        for ow in &self.overwrites {
            if let OverwriteTarget::Member(user) = ow.target {
                let exempt = partners.contains(&user) || user == bot || user == self.owner_id;
                if !exempt && ow.allow & perms::VIEW_CHANNEL != 0 {
                    outsiders.push(Outsider::Member(user));
                }
            }
        }
        admin_roles.sort();
        Visibility {
            outsiders,
            admin_roles,
            owner_id: self.owner_id,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::perms::*;
    use super::*;

    const G: u64 = 100;
    const OWNER: UserId = UserId(1);
    const A: UserId = UserId(2);
    const B: UserId = UserId(3);
    const BOT: UserId = UserId(1000);
    const OTHER: UserId = UserId(4);
    const FRIENDS: RoleId = RoleId(500);
    const MODS: RoleId = RoleId(501);
    const ADMINS: RoleId = RoleId(502);
    const BOTROLE: RoleId = RoleId(503);

    fn role(id: RoleId, name: &str, permissions: u64) -> RoleInfo {
        RoleInfo {
            id,
            name: name.into(),
            permissions,
            bot_id: None,
        }
    }

    fn access(everyone_perms: u64, overwrites: Vec<Overwrite>) -> ChannelAccess {
        ChannelAccess {
            guild_id: GuildId(G),
            owner_id: OWNER,
            roles: vec![
                role(RoleId(G), "@everyone", everyone_perms),
                role(FRIENDS, "friends", 0),
                role(MODS, "mods", VIEW_CHANNEL | SEND_MESSAGES),
                role(ADMINS, "admins", ADMINISTRATOR),
                RoleInfo {
                    bot_id: Some(BOT),
                    ..role(BOTROLE, "haven", VIEW_CHANNEL)
                },
            ],
            overwrites,
        }
    }

    fn ow_role(id: RoleId, allow: u64, deny: u64) -> Overwrite {
        Overwrite {
            target: OverwriteTarget::Role(id),
            allow,
            deny,
        }
    }

    fn ow_member(id: UserId, allow: u64, deny: u64) -> Overwrite {
        Overwrite {
            target: OverwriteTarget::Member(id),
            allow,
            deny,
        }
    }

    fn private_base() -> Vec<Overwrite> {
        vec![
            ow_role(RoleId(G), 0, VIEW_CHANNEL),
            ow_member(A, VIEW_CHANNEL, 0),
            ow_member(B, VIEW_CHANNEL, 0),
        ]
    }

    #[test]
    fn everyone_can_view_a_plain_channel() {
        let v = access(VIEW_CHANNEL, vec![]).visibility([A, B], BOT);
        assert_eq!(v.outsiders, vec![Outsider::Everyone]);
    }

    #[test]
    fn everyone_denied_and_partners_allowed_is_private() {
        let mut a = access(VIEW_CHANNEL, private_base());
        // mods see by base permission unless the overwrite denies them too
        let v = a.visibility([A, B], BOT);
        assert_eq!(v.outsiders, vec![]);
        a.overwrites.push(ow_role(MODS, 0, 0));
        assert!(a.visibility([A, B], BOT).is_private());
        assert_eq!(v.admin_roles, vec!["admins".to_string()]);
        assert!(a.can_view(A, &[]));
        assert!(a.can_view(B, &[FRIENDS]));
        assert!(!a.can_view(OTHER, &[FRIENDS]));
    }

    #[test]
    fn a_role_with_base_view_counts_when_everyone_is_not_denied() {
        // @everyone lacks VIEW at base, nothing overwritten: mods still see it.
        let v = access(0, vec![]).visibility([A, B], BOT);
        assert_eq!(
            v.outsiders,
            vec![Outsider::Role {
                id: MODS,
                name: "mods".into()
            }]
        );
        // ...unless their own overwrite denies it.
        let v = access(0, vec![ow_role(MODS, 0, VIEW_CHANNEL)]).visibility([A, B], BOT);
        assert!(v.is_private());
    }

    #[test]
    fn a_role_overwrite_allowing_view_counts_as_outsiders() {
        let mut ows = private_base();
        ows.push(ow_role(FRIENDS, VIEW_CHANNEL, 0));
        let v = access(VIEW_CHANNEL, ows).visibility([A, B], BOT);
        assert_eq!(
            v.outsiders,
            vec![Outsider::Role {
                id: FRIENDS,
                name: "friends".into()
            }]
        );
    }

    #[test]
    fn role_allow_beats_role_deny_and_member_deny_beats_role_allow() {
        let a = access(
            0,
            vec![
                ow_role(FRIENDS, VIEW_CHANNEL, 0),
                ow_role(MODS, 0, VIEW_CHANNEL),
                ow_member(OTHER, 0, VIEW_CHANNEL),
            ],
        );
        assert!(a.can_view(UserId(9), &[FRIENDS, MODS]));
        assert!(!a.can_view(OTHER, &[FRIENDS]));
    }

    #[test]
    fn everyone_overwrite_allow_opens_the_channel() {
        let v = access(0, vec![ow_role(RoleId(G), VIEW_CHANNEL, 0)]).visibility([A, B], BOT);
        assert_eq!(v.outsiders, vec![Outsider::Everyone]);
    }

    #[test]
    fn member_overwrite_for_someone_else_counts() {
        let mut ows = private_base();
        ows.push(ow_member(OTHER, VIEW_CHANNEL, 0));
        ows.push(ow_member(BOT, VIEW_CHANNEL, 0));
        ows.push(ow_member(UserId(77), 0, VIEW_CHANNEL));
        let v = access(VIEW_CHANNEL, ows).visibility([A, B], BOT);
        assert_eq!(v.outsiders, vec![Outsider::Member(OTHER)]);
    }

    #[test]
    fn owner_and_admins_bypass_overwrites_and_are_disclosed_not_outsiders() {
        let mut ows = private_base();
        ows.push(ow_role(ADMINS, 0, VIEW_CHANNEL));
        ows.push(ow_member(OWNER, 0, VIEW_CHANNEL));
        let a = access(VIEW_CHANNEL, ows);
        assert!(a.can_view(OWNER, &[]));
        assert!(a.can_view(OTHER, &[ADMINS]));
        let v = a.visibility([A, B], BOT);
        assert!(v.is_private());
        assert_eq!(v.admin_roles, vec!["admins"]);
        assert_eq!(v.owner_id, OWNER);
    }

    #[test]
    fn the_bots_own_managed_role_is_not_an_outsider_but_another_bots_is() {
        let mut ows = private_base();
        ows.push(ow_role(BOTROLE, VIEW_CHANNEL, 0));
        assert!(access(VIEW_CHANNEL, ows.clone())
            .visibility([A, B], BOT)
            .is_private());
        let v = access(VIEW_CHANNEL, ows).visibility([A, B], UserId(999));
        assert_eq!(v.outsiders.len(), 1);
    }

    #[test]
    fn a_partner_denied_by_a_role_or_member_overwrite_cannot_view() {
        let mut ows = private_base();
        ows.retain(|o| o.target != OverwriteTarget::Member(B));
        ows.push(ow_member(B, 0, VIEW_CHANNEL));
        let a = access(VIEW_CHANNEL, ows);
        assert!(!a.can_view(B, &[]));
        let a = access(
            0,
            vec![
                ow_role(RoleId(G), 0, VIEW_CHANNEL),
                ow_member(A, VIEW_CHANNEL, 0),
            ],
        );
        assert!(!a.can_view(B, &[MODS]));
    }

    #[test]
    fn exhaustive_single_member_combinations_match_the_rule() {
        // Every combination of @everyone base, @everyone overwrite, one role's overwrite and
        // the member's own overwrite, against the rule written out directly.
        let states = [(0, 0), (VIEW_CHANNEL, 0), (0, VIEW_CHANNEL)];
        for base in [0, VIEW_CHANNEL] {
            for ev in states {
                for ro in states {
                    for mo in states {
                        let a = access(
                            base,
                            vec![
                                ow_role(RoleId(G), ev.0, ev.1),
                                ow_role(FRIENDS, ro.0, ro.1),
                                ow_member(OTHER, mo.0, mo.1),
                            ],
                        );
                        let mut expect = base != 0;
                        if ev.1 != 0 {
                            expect = false;
                        }
                        if ev.0 != 0 {
                            expect = true;
                        }
                        if ro.1 != 0 {
                            expect = false;
                        }
                        if ro.0 != 0 {
                            expect = true;
                        }
                        if mo.1 != 0 {
                            expect = false;
                        }
                        if mo.0 != 0 {
                            expect = true;
                        }
                        assert_eq!(
                            a.can_view(OTHER, &[FRIENDS]),
                            expect,
                            "base {base} ev {ev:?} role {ro:?} member {mo:?}"
                        );
                    }
                }
            }
        }
    }
}
