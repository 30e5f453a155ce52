//! "Is this channel private?", answered in one place: who can read a channel, read out of
//! serenity's cache when it holds the server, otherwise asked of Discord over REST, and
//! decided by the visibility rule of `domain::visibility` either way.
//!
//! # Where the facts come from
//!
//! - **The cache**, whenever it holds the server (gateway mode once the server arrived). The
//!   gateway keeps it current, so its answer stands as it always did; a channel a cached server
//!   does not hold has been deleted or was never one of its channels.
//! - **REST** otherwise: in HTTP interactions mode (no gateway, the cache stays empty) and on a
//!   cold gateway start, before the server's GUILD_CREATE. `GET /guilds/{id}` gives the roles
//!   and the owner, `GET /channels/{id}` the channel's type and overwrites, and the bot's own id
//!   comes from the cache once READY was received, else from `GET /users/@me` (asked once).
//!   A cold gateway cache takes this path too: the answer is exact, and "try again in a
//!   moment" (or a post held back for a while) only because the gateway has not caught up
//!   helps nobody.
//!
//! # Never guessed
//!
//! Whatever neither can vouch for is never private: [`Privacy::is_private`] then answers
//! `None`, and no caller takes `None` for yes. A REST failure (an error status, a 429, no
//! answer within [`FETCH_TIMEOUT`]) is "cannot tell", never yes. What each caller does with
//! "cannot tell" is its own decision, made at the caller:
//!
//! - `/setup`: "try again in a moment" (or, when the channel is not one Discord says exists as
//!   a plain text channel of the server, "haven can only live in a plain text channel").
//! - Accept: "try again in a moment"; the channel gone, or no longer a plain text channel →
//!   the invitation's button is stale.
//! - `/appreciate`: "try again in a moment"; nothing is held.
//! - The sender: the post is tried again a few seconds later.
//!
//! # The memo, and why a "yes" is always fresh
//!
//! REST answers are remembered briefly (bounded, [`MEMO_CAPACITY`] entries, none older than
//! [`MEMO_TTL`]), but a remembered answer is used only where it cannot hide a change:
//!
//! - **Facts (roles, owner, overwrites)** are used only when they were asked for *after the
//!   action that needs them began* (`since`: a /setup, an Accept, an /appreciate, one
//!   delivery's check). So one /setup asks about the server once for the new channel, the
//!   bot's own permissions and the invoking channel, and checks that overlap may share one
//!   question; but a permission change made before an action began is always seen by it, and
//!   every "yes, only the two of them can read it" (and every "no") comes from what Discord
//!   said after the action started.
//!   Serving older refusals was considered and rejected: someone who just made their channel
//!   private and ran /resume or /setup again would be refused, and a resumed couple paused
//!   again, on an answer that is no longer true.
//! - **Failures** are remembered for a short while whatever `since` says ([`FAILURE_BACKOFF`]
//!   for an error or no answer, [`NOT_FOUND_FOR`] for a 404), so an outage or a 429 is not
//!   hammered by every delivery and every interaction. A remembered failure can only ever
//!   answer "cannot tell", which is never taken for yes.

use std::future::Future;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use mini_moka::sync::Cache as Memo;
use serenity::all::{
    Cache, Channel, ChannelType, Guild, Http, PartialGuild, PermissionOverwrite,
    PermissionOverwriteType, Role,
};
use serenity::http::HttpError;
use tokio::sync::OnceCell;
use tokio::time::Instant;

use crate::domain::couple::Couple;
use crate::domain::ids::{ChannelId, GuildId, RoleId, UserId};
use crate::domain::visibility::{ChannelAccess, Overwrite, OverwriteTarget, RoleInfo, Visibility};

/// How long one REST question may take; no answer by then is "cannot tell" (an interaction
/// must still be answered within Discord's 3 seconds).
pub const FETCH_TIMEOUT: Duration = Duration::from_secs(2);
/// How long a failed question (an error status other than 404, a 429, no answer) is not asked
/// again: checks meanwhile answer "cannot tell".
pub const FAILURE_BACKOFF: Duration = Duration::from_secs(2);
/// How long a 404 (no such server for the bot, no such channel) is believed.
pub const NOT_FOUND_FOR: Duration = Duration::from_secs(30);
/// Nothing older is kept.
pub const MEMO_TTL: Duration = Duration::from_secs(60);
/// At most this many remembered answers of each kind.
pub const MEMO_CAPACITY: u64 = 1024;

/// What the cache or Discord says about who can read one channel.
#[derive(Debug, Clone)]
pub enum Privacy {
    /// Neither the cache nor Discord could tell (the server is not cached and a REST question
    /// failed, or the bot's own id is unknown).
    Unknown,
    /// The server holds no channel with this id (or Discord answered 404 for it).
    NoSuchChannel,
    /// The channel, as the cache holds it or Discord described it.
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
    /// channel; `None` when nobody can tell, which is never to be taken for yes.
    pub fn is_private(&self) -> Option<bool> {
        match self {
            Privacy::Known { visibility, .. } => Some(visibility.is_private()),
            Privacy::Unknown | Privacy::NoSuchChannel => None,
        }
    }
}

/// Why a REST question has no answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Failure {
    /// 404: the bot is not in that server, or there is no such channel.
    NotFound,
    /// Any other error status, a 429, or no answer in time.
    Unavailable,
}

/// One remembered REST answer, with the instant its question was sent.
struct Fetched<T> {
    sent: Instant,
    got: Result<Arc<T>, Failure>,
}

impl<T> Clone for Fetched<T> {
    fn clone(&self) -> Self {
        Fetched {
            sent: self.sent,
            got: self.got.clone(),
        }
    }
}

impl<T> Fetched<T> {
    /// The answer, if it may serve a check that began at `since` (`None`: any age), at `now`.
    fn usable(&self, since: Option<Instant>, now: Instant) -> Option<Result<Arc<T>, Failure>> {
        let age = now.saturating_duration_since(self.sent);
        let fresh = match &self.got {
            Ok(_) => since.is_none_or(|s| self.sent >= s),
            Err(Failure::NotFound) => age < NOT_FOUND_FOR,
            Err(Failure::Unavailable) => age < FAILURE_BACKOFF,
        };
        fresh.then(|| self.got.clone())
    }
}

/// A server's roles and owner, as `GET /guilds/{id}` described them.
struct GuildFacts {
    name: String,
    owner: UserId,
    roles: Vec<RoleInfo>,
}

/// A channel's server, type and overwrites, as `GET /channels/{id}` described them.
struct ChannelFacts {
    guild: Option<GuildId>,
    is_text: bool,
    overwrites: Vec<Overwrite>,
}

struct Memos {
    guilds: Memo<GuildId, Fetched<GuildFacts>>,
    channels: Memo<ChannelId, Fetched<ChannelFacts>>,
    /// A member's role ids, by server and user.
    members: Memo<(GuildId, UserId), Fetched<Vec<RoleId>>>,
}

fn memo<K, V>() -> Memo<K, V>
where
    K: std::hash::Hash + Eq + Send + Sync + 'static,
    V: Clone + Send + Sync + 'static,
{
    Memo::builder()
        .max_capacity(MEMO_CAPACITY)
        .time_to_live(MEMO_TTL)
        .build()
}

/// Answers "who can read this channel?" from the cache, or from Discord when the cache does
/// not hold the server. One per process for the sender and for HTTP interactions; cheap to
/// make (its memo is built on first use).
pub struct Guard {
    http: Arc<Http>,
    cache: Arc<Cache>,
    /// The bot's id from `GET /users/@me`, while no READY filled the cache.
    bot: OnceCell<UserId>,
    memos: OnceLock<Memos>,
}

impl Guard {
    pub fn new(http: Arc<Http>, cache: Arc<Cache>) -> Guard {
        Guard {
            http,
            cache,
            bot: OnceCell::new(),
            memos: OnceLock::new(),
        }
    }

    fn memos(&self) -> &Memos {
        self.memos.get_or_init(|| Memos {
            guilds: memo(),
            channels: memo(),
            members: memo(),
        })
    }

    /// The bot's own user id: the cache's once a READY filled it, else asked of Discord
    /// (`GET /users/@me`, once per process); `None` while Discord cannot be asked.
    pub async fn bot_id(&self) -> Option<UserId> {
        let cached = self.cache.current_user().id;
        // Before any READY the cache holds a default user, whose id is no snowflake.
        if cached != serenity::all::UserId::default() {
            return Some(cached.into());
        }
        let asked = self
            .bot
            .get_or_try_init(|| async {
                ask("the bot's own user", self.http.get_current_user())
                    .await
                    .map(|u| UserId::from(u.id))
            })
            .await;
        asked.ok().copied()
    }

    /// Who besides `partners` and the bot can read `channel` of `guild`, for an action that
    /// began at `since`.
    pub async fn channel(
        &self,
        guild: GuildId,
        channel: ChannelId,
        partners: [UserId; 2],
        since: Instant,
    ) -> Privacy {
        if let Some(p) = self.cached_channel(guild, channel, partners) {
            return p;
        }
        let (g, c, bot) = tokio::join!(
            self.guild_facts(guild, Some(since)),
            self.channel_facts(channel, since),
            self.bot_id(),
        );
        // A server Discord will not describe (the bot is not in it, or no answer) leaves the
        // channel's fate unknown too, as a server not cached yet does.
        let (Ok(g), Some(bot)) = (g, bot) else {
            return Privacy::Unknown;
        };
        let c = match c {
            Ok(c) => c,
            Err(Failure::NotFound) => return Privacy::NoSuchChannel,
            Err(Failure::Unavailable) => return Privacy::Unknown,
        };
        if c.guild != Some(guild) {
            // A DM, or another server's channel: not a channel of this server.
            return Privacy::NoSuchChannel;
        }
        let access = access_from(guild, &g, c.overwrites.clone());
        Privacy::Known {
            visibility: access.visibility(partners, bot),
            is_text: c.is_text,
            access,
        }
    }

    /// [`Guard::channel`] of a couple's own channel.
    pub async fn couple(&self, couple: &Couple, since: Instant) -> Privacy {
        self.channel(couple.guild_id, couple.channel_id, couple.partners, since)
            .await
    }

    /// Who besides `partners` and the bot could read a channel created in `guild` with
    /// `overwrites`; `None` when nobody can tell.
    pub async fn new_channel(
        &self,
        guild: GuildId,
        overwrites: &[PermissionOverwrite],
        partners: [UserId; 2],
        since: Instant,
    ) -> Option<Visibility> {
        let bot = self.bot_id().await?;
        let cached = self
            .cache
            .guild(serenity::all::GuildId::from(guild))
            .map(|g| access_with(&g, overwrites));
        let access = match cached {
            Some(a) => a,
            None => {
                let g = self.guild_facts(guild, Some(since)).await.ok()?;
                access_from(guild, &g, overwrites.iter().filter_map(overwrite).collect())
            }
        };
        Some(access.visibility(partners, bot))
    }

    /// A member's permissions at server level (before any channel overwrite), from the cache
    /// when it holds the server and the member, else from Discord (the server's roles and the
    /// member's own); `None` when nobody can tell.
    pub async fn server_permissions(
        &self,
        guild: GuildId,
        user: UserId,
        since: Instant,
    ) -> Option<u64> {
        let cached = self
            .cache
            .guild(serenity::all::GuildId::from(guild))
            .and_then(|g| {
                let member = g.members.get(&user.into())?;
                let roles: Vec<RoleId> = member.roles.iter().map(|&r| r.into()).collect();
                Some(access_with(&g, &[]).member_permissions(user, &roles))
            });
        if cached.is_some() {
            return cached;
        }
        let (g, roles) = tokio::join!(
            self.guild_facts(guild, Some(since)),
            self.member_roles(guild, user, since),
        );
        let (g, roles) = (g.ok()?, roles.ok()?);
        Some(access_from(guild, &g, Vec::new()).member_permissions(user, &roles))
    }

    /// The server's name, from the cache or Discord (any remembered answer will do: it is
    /// not a privacy decision); empty when nobody can tell.
    pub async fn server_name(&self, guild: GuildId) -> String {
        if let Some(g) = self.cache.guild(serenity::all::GuildId::from(guild)) {
            return g.name.clone();
        }
        self.guild_facts(guild, None)
            .await
            .map(|g| g.name.clone())
            .unwrap_or_default()
    }

    /// The cache's answer, when it holds the server.
    fn cached_channel(
        &self,
        guild: GuildId,
        channel: ChannelId,
        partners: [UserId; 2],
    ) -> Option<Privacy> {
        let bot = UserId::from(self.cache.current_user().id);
        let g = self.cache.guild(serenity::all::GuildId::from(guild))?;
        let Some(c) = g.channels.get(&channel.into()) else {
            return Some(Privacy::NoSuchChannel);
        };
        let access = access_with(&g, &c.permission_overwrites);
        Some(Privacy::Known {
            visibility: access.visibility(partners, bot),
            is_text: c.kind == ChannelType::Text,
            access,
        })
    }

    async fn guild_facts(
        &self,
        id: GuildId,
        since: Option<Instant>,
    ) -> Result<Arc<GuildFacts>, Failure> {
        let memo = &self.memos().guilds;
        remembered_or_asked(memo, id, since, || async {
            let g = ask("a server", self.http.get_guild(id.into())).await?;
            Ok(GuildFacts::from(&g))
        })
        .await
    }

    async fn channel_facts(
        &self,
        id: ChannelId,
        since: Instant,
    ) -> Result<Arc<ChannelFacts>, Failure> {
        let memo = &self.memos().channels;
        remembered_or_asked(memo, id, Some(since), || async {
            let c = ask("a channel", self.http.get_channel(id.into())).await?;
            Ok(ChannelFacts::from(&c))
        })
        .await
    }

    async fn member_roles(
        &self,
        guild: GuildId,
        user: UserId,
        since: Instant,
    ) -> Result<Arc<Vec<RoleId>>, Failure> {
        let memo = &self.memos().members;
        remembered_or_asked(memo, (guild, user), Some(since), || async {
            let m = ask("a member", self.http.get_member(guild.into(), user.into())).await?;
            Ok(m.roles.iter().map(|&r| r.into()).collect())
        })
        .await
    }
}

/// The remembered answer if it may serve a check that began at `since`, else the one `fetch`
/// gets now (remembered unless a question sent later was answered meanwhile).
async fn remembered_or_asked<K, T, F, Fut>(
    memo: &Memo<K, Fetched<T>>,
    key: K,
    since: Option<Instant>,
    fetch: F,
) -> Result<Arc<T>, Failure>
where
    K: std::hash::Hash + Eq + Send + Sync + Copy + 'static,
    T: Send + Sync + 'static,
    F: FnOnce() -> Fut,
    Fut: Future<Output = Result<T, Failure>>,
{
    if let Some(hit) = memo.get(&key).and_then(|f| f.usable(since, Instant::now())) {
        return hit;
    }
    let sent = Instant::now();
    let got = fetch().await.map(Arc::new);
    if memo.get(&key).is_none_or(|older| older.sent <= sent) {
        memo.insert(
            key,
            Fetched {
                sent,
                got: got.clone(),
            },
        );
    }
    got
}

/// One REST question with a deadline; a 404 is [`Failure::NotFound`], anything else that is
/// not an answer [`Failure::Unavailable`].
async fn ask<T>(
    what: &str,
    question: impl Future<Output = serenity::Result<T>>,
) -> Result<T, Failure> {
    match tokio::time::timeout(FETCH_TIMEOUT, question).await {
        Ok(Ok(answer)) => Ok(answer),
        Ok(Err(e)) => {
            let status = match &e {
                serenity::Error::Http(HttpError::UnsuccessfulRequest(r)) => {
                    Some(r.status_code.as_u16())
                }
                _ => None,
            };
            tracing::warn!(
                asked = what,
                status,
                error = %e,
                "Discord could not say who can read a channel"
            );
            Err(if status == Some(404) {
                Failure::NotFound
            } else {
                Failure::Unavailable
            })
        }
        Err(_) => {
            tracing::warn!(
                asked = what,
                timeout = ?FETCH_TIMEOUT,
                "Discord did not say in time who can read a channel"
            );
            Err(Failure::Unavailable)
        }
    }
}

impl From<&PartialGuild> for GuildFacts {
    fn from(g: &PartialGuild) -> Self {
        GuildFacts {
            name: g.name.clone(),
            owner: g.owner_id.into(),
            roles: g.roles.values().map(role_info).collect(),
        }
    }
}

impl From<&Channel> for ChannelFacts {
    fn from(c: &Channel) -> Self {
        match c {
            Channel::Guild(c) => ChannelFacts {
                guild: Some(c.guild_id.into()),
                is_text: c.kind == ChannelType::Text,
                overwrites: c
                    .permission_overwrites
                    .iter()
                    .filter_map(overwrite)
                    .collect(),
            },
            _ => ChannelFacts {
                guild: None,
                is_text: false,
                overwrites: Vec::new(),
            },
        }
    }
}

fn role_info(r: &Role) -> RoleInfo {
    RoleInfo {
        id: r.id.into(),
        name: r.name.clone(),
        permissions: r.permissions.bits(),
        bot_id: r.tags.bot_id.map(UserId::from),
    }
}

/// The roles and owner Discord described with the given overwrites.
fn access_from(guild: GuildId, g: &GuildFacts, overwrites: Vec<Overwrite>) -> ChannelAccess {
    ChannelAccess {
        guild_id: guild,
        owner_id: g.owner,
        roles: g.roles.clone(),
        overwrites,
    }
}

/// The cached guild's roles and owner with the given overwrites.
fn access_with(guild: &Guild, overwrites: &[PermissionOverwrite]) -> ChannelAccess {
    ChannelAccess {
        guild_id: guild.id.into(),
        owner_id: guild.owner_id.into(),
        roles: guild.roles.values().map(role_info).collect(),
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
    fn nobody_telling_is_never_private() {
        assert_eq!(Privacy::Unknown.is_private(), None);
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

    fn fetched(sent: Instant, got: Result<(), Failure>) -> Fetched<()> {
        Fetched {
            sent,
            got: got.map(Arc::new),
        }
    }

    #[test]
    fn facts_serve_only_actions_that_began_before_they_were_asked_for() {
        let t0 = Instant::now();
        let asked = fetched(t0, Ok(()));
        // An action that began before the question: the answer is news to it.
        assert!(asked.usable(Some(t0), t0).is_some());
        let later_answer = fetched(t0 + Duration::from_millis(5), Ok(()));
        assert!(later_answer.usable(Some(t0), t0 + MEMO_TTL).is_some());
        // An action that began after it (a permission change may lie in between): asked again,
        // however young the answer.
        let later = t0 + Duration::from_millis(1);
        assert!(asked.usable(Some(later), later).is_none());
        // Only the server's name may come from any remembered answer.
        assert!(asked.usable(None, t0 + MEMO_TTL).is_some());
    }

    #[test]
    fn failures_are_remembered_briefly_whatever_the_action() {
        let t0 = Instant::now();
        let late_action = Some(t0 + Duration::from_secs(1));
        let down = fetched(t0, Err(Failure::Unavailable));
        let at = |d: Duration| t0 + d;
        assert_eq!(
            down.usable(late_action, at(Duration::from_secs(1)))
                .map(|r| r.err()),
            Some(Some(Failure::Unavailable))
        );
        assert!(down.usable(late_action, at(FAILURE_BACKOFF)).is_none());
        let gone = fetched(t0, Err(Failure::NotFound));
        assert!(gone.usable(late_action, at(FAILURE_BACKOFF)).is_some());
        assert!(gone.usable(late_action, at(NOT_FOUND_FOR)).is_none());
    }
}
