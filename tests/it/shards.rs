//! Discord's sharding across processes: two bots with disjoint shard ranges and their own
//! databases on one fake Discord, which routes each guild's events to the shard
//! `(guild_id >> 22) % total` as Discord does. Each couple is served, and each nudge sent
//! once, by the process owning the couple's guild, also when both share one REST base under
//! Discord's global rate limit (as behind a shared proxy like twilight-http-proxy).

use std::time::Duration;

use serde_json::Value;

use crate::harness::*;
use crate::support::fake::{shard_of, FakeDiscord, BOT_ID};
use crate::support::payloads::{
    bot_message, component, guild, overwrite_member, overwrite_role, slash, string_option,
    user_option, user_option_resolved,
};
use crate::world::{utc, BOT_PERMS, VIEW};

/// One couple per guild: (guild, channel, partner a, partner b).
const COUPLES: [(u64, u64, u64, u64); 4] = [
    (2000, 3101, 21, 22),
    (2001, 3102, 23, 24),
    ((1 << 22) + 2000, 3103, 25, 26),
    ((1 << 22) + 2001, 3104, 27, 28),
];
const TOTAL: u32 = 2;

fn couple_guild(&(g, channel, a, b): &(u64, u64, u64, u64)) -> Value {
    guild(g, 10)
        .bot_role(g + 1, "haven", BOT_PERMS, BOT_ID)
        .text_channel(
            channel,
            "us",
            vec![
                overwrite_role(g, 0, VIEW),
                overwrite_member(a, VIEW, 0),
                overwrite_member(b, VIEW, 0),
                overwrite_member(BOT_ID, BOT_PERMS, 0),
            ],
        )
        .member(a, &[])
        .member(b, &[])
        .member(BOT_ID, &[g + 1])
        .build()
}

/// `a` invites `b` in the couple's channel and `b` accepts.
async fn pair(app: &TestApp, id: &dyn Fn() -> u64, &(g, channel, a, b): &(u64, u64, u64, u64)) {
    let setup = slash(
        id(),
        Some(g),
        channel,
        a,
        "setup",
        Value::Array(vec![
            user_option("partner", b),
            string_option("timezone", "UTC"),
        ]),
        Some(user_option_resolved(b, &format!("user{b}"), &[])),
        BOT_PERMS,
    );
    let answer = app.interact(setup).await;
    let ids = custom_ids(&answer);
    assert!(!ids.is_empty(), "an invitation: {:?}", answer.body);
    let msg = bot_message(
        1_400_000_000_000_000_000 + channel,
        channel,
        &content(&answer),
        callback_data(&answer)["components"].clone(),
    );
    let r = app
        .interact(component(id(), Some(g), channel, b, &ids[0], msg))
        .await;
    assert_eq!(callback_type(&r), 7, "paired in {g}: {:?}", r.body);
}

/// Two bots on one fake: the first runs shard 0 of 2, the second shard 1, each with its own
/// database; every couple is paired through the bot owning its guild.
async fn two_processes() -> (FakeDiscord, TestApp, TestApp) {
    let fake = FakeDiscord::start(TOKEN, COUPLES.iter().map(couple_guild).collect()).await;
    let first = spawn_app_on(
        fake.clone(),
        Options {
            tweak: |s| {
                s.discord.shards = Some("0-0".into());
                s.discord.total_shards = Some(TOTAL);
            },
            ..Options::default()
        },
    )
    .await;
    let second = spawn_app_on(
        fake.clone(),
        Options {
            tweak: |s| {
                s.discord.shards = Some("1".into());
                s.discord.total_shards = Some(TOTAL);
            },
            ..Options::default()
        },
    )
    .await;
    let mut identified = fake.identifies();
    identified.sort();
    assert_eq!(identified, vec![[0, TOTAL], [1, TOTAL]]);
    // Interaction ids come from one counter, so the two bots never share one.
    let id = || first.id();
    for c in &COUPLES {
        let owner = if shard_of(c.0, TOTAL) == 0 {
            &first
        } else {
            &second
        };
        pair(owner, &id, c).await;
    }
    first.settle().await;
    second.settle().await;
    for (app, shard) in [(&first, 0), (&second, 1)] {
        for &(g, ..) in &COUPLES {
            let held = app.query_i64(&format!(
                "SELECT count(*) FROM couples WHERE guild_id = {g}"
            ));
            let owns = shard_of(g, TOTAL) == shard;
            assert_eq!(
                held,
                i64::from(owns),
                "guild {g} is kept only by the process of shard {}",
                shard_of(g, TOTAL)
            );
        }
    }
    (fake, first, second)
}

/// Successful posts to each couple's channel among `requests`.
fn posts_per_channel(fake: &FakeDiscord, since: usize) -> Vec<usize> {
    let requests = fake.requests();
    COUPLES
        .iter()
        .map(|&(_, channel, ..)| {
            requests[since..]
                .iter()
                .filter(|r| {
                    r.status == 200 && r.is("POST", &format!("/channels/{channel}/messages"))
                })
                .count()
        })
        .collect()
}

#[tokio::test]
async fn two_processes_with_their_own_shards_each_nudge_only_their_guilds() {
    let (fake, first, second) = two_processes().await;
    let since = fake.requests().len();
    // The default schedule: every day at 20:00 in the couple's time zone (UTC here).
    let at = utc(2026, 11, 26, 20, 0, 0);
    first.advance_to(at).await;
    second.advance_to(at).await;
    assert_eq!(
        posts_per_channel(&fake, since),
        vec![1; COUPLES.len()],
        "every couple nudged exactly once"
    );
    for (app, shard) in [(&first, 0), (&second, 1)] {
        let sent = app.query_i64("SELECT count(*) FROM outbox WHERE message_id IS NOT NULL");
        let mine = COUPLES
            .iter()
            .filter(|c| shard_of(c.0, TOTAL) == shard)
            .count();
        assert!(sent >= mine as i64, "shard {shard} sent its own posts");
    }
    first.stop().await;
    second.stop().await;
}

#[tokio::test]
async fn two_processes_sharing_one_base_under_the_global_limit_lose_no_nudge() {
    let (fake, first, second) = two_processes().await;
    let since = fake.requests().len();
    // Discord's global limit over both processes, as one proxy in front of Discord shares it.
    fake.set_global_rate_limit(1);
    let mut at = utc(2026, 11, 26, 20, 0, 0);
    let (a, b) = tokio::join!(first.advance_to(at), second.advance_to(at));
    drop((a, b));
    // A refused post is retried after its wait: move both clocks on until all went out.
    for _ in 0..20 {
        if posts_per_channel(&fake, since).iter().all(|n| *n >= 1) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(1100)).await;
        at += chrono::Duration::minutes(1);
        tokio::join!(first.advance_to(at), second.advance_to(at));
    }
    assert!(
        fake.global_rate_limited() > 0,
        "the limit refused some requests (else this test shows nothing)"
    );
    assert_eq!(
        posts_per_channel(&fake, since),
        vec![1; COUPLES.len()],
        "every nudge sent exactly once despite the 429s"
    );
    first.stop().await;
    second.stop().await;
}
