//! A message haven posts on its own, as recorded in the outbox before it is sent: plain data,
//! rendered to Discord's shape only by the sender.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::ids::{ChannelId, CoupleId, MessageId, OutboxId, UserId};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Post {
    /// Plain text above the embed (mentions go here).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<String>,
    /// At most 10 embeds, at most 6000 characters in all (Discord's limits).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub embeds: Vec<Embed>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub buttons: Vec<Button>,
    /// Exactly the users this post may ping; never @everyone, @here or roles.
    #[serde(default)]
    pub mentions: Vec<UserId>,
    /// Posted as a reply to this message of the channel.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply_to: Option<MessageId>,
    /// The post carries a partner's words although its kind does not always (a nudge whose
    /// prompt is one of the couple's own): held, like a reveal, while outsiders can read the
    /// channel.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub partner_words: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Embed {
    pub title: String,
    pub description: String,
    /// (name, value) pairs; a value holds at most 1024 characters.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<(String, String)>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub footer: Option<String>,
    pub colour: u32,
    /// Its fields sit side by side (Discord's `inline`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub inline: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ButtonStyle {
    Primary,
    Secondary,
    Success,
    Danger,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Button {
    pub custom_id: String,
    pub label: String,
    pub style: ButtonStyle,
}

/// The warm colour of haven's embeds.
pub const COLOUR: u32 = 0xE8_8A_9A;

impl Post {
    /// Whether a message carries this post's marker (a button custom id ending in `:<marker>`).
    pub fn marker_in_custom_ids<'a>(
        custom_ids: impl IntoIterator<Item = &'a str>,
        marker: &str,
    ) -> bool {
        custom_ids
            .into_iter()
            .any(|c| c.rsplit_once(':').is_some_and(|(_, tail)| tail == marker))
    }
}

/// What a post of the outbox is. Each kind owns its stored code, the letter of its marker,
/// whether it carries a partner's words and whether it goes stale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PostKind {
    /// A scheduled nudge.
    Nudge,
    /// The welcome post in a channel haven created.
    Welcome,
    /// The content-free notice that a partner checked in.
    Notice,
    /// Both partners' answers, once both checked in.
    Reveal,
    /// A partner's reflection of the other's answer, as a reply to the reveal.
    Reflection,
    /// The day's gentle reminder to one partner.
    Reminder,
    /// The weekly digest.
    Digest,
    /// The content-free notice that a post with a partner's words was held.
    Held,
    /// The content-free note that a partner set, changed or cleared the couple's anniversary.
    Anniversary,
    /// "On my mind": its author would like to talk at a calm moment (their words only if they
    /// chose), with the buttons for the other partner to pick a time.
    OnMyMind,
    /// "On my mind": the content-free reminder to both, once, at the time the partner picked.
    TalkReminder,
    /// "On my mind": the follow-up asked of the author alone, by direct message (never in the
    /// channel); see [`PostKind::direct`].
    TalkAsk,
    /// The announcement of a change to the couple's settings (`/settings`).
    Settings,
}

impl PostKind {
    pub const ALL: [PostKind; 13] = [
        PostKind::Nudge,
        PostKind::Welcome,
        PostKind::Notice,
        PostKind::Reveal,
        PostKind::Reflection,
        PostKind::Reminder,
        PostKind::Digest,
        PostKind::Held,
        PostKind::Anniversary,
        PostKind::OnMyMind,
        PostKind::TalkReminder,
        PostKind::TalkAsk,
        PostKind::Settings,
    ];

    /// The code stored in `outbox.kind` (the migrations' CHECK lists the same codes).
    pub fn code(self) -> &'static str {
        match self {
            PostKind::Nudge => "nudge",
            PostKind::Welcome => "welcome",
            PostKind::Notice => "notice",
            PostKind::Reveal => "reveal",
            PostKind::Reflection => "reflection",
            PostKind::Reminder => "reminder",
            PostKind::Digest => "digest",
            PostKind::Held => "held",
            PostKind::Anniversary => "anniversary",
            PostKind::OnMyMind => "omm_post",
            PostKind::TalkReminder => "omm_reminder",
            PostKind::TalkAsk => "omm_ask",
            PostKind::Settings => "settings",
        }
    }

    pub fn from_code(code: &str) -> Option<PostKind> {
        PostKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The letter that starts a post's marker, unique per kind.
    pub fn marker_letter(self) -> char {
        match self {
            PostKind::Nudge => 'n',
            PostKind::Welcome => 'w',
            PostKind::Notice => 'c',
            PostKind::Reveal => 'v',
            PostKind::Reflection => 'f',
            PostKind::Reminder => 'm',
            PostKind::Digest => 'd',
            PostKind::Held => 'h',
            PostKind::Anniversary => 'y',
            PostKind::OnMyMind => 'o',
            PostKind::TalkReminder => 'u',
            PostKind::TalkAsk => 'k',
            PostKind::Settings => 's',
        }
    }

    /// A post's marker: its kind's letter, the occurrence and the couple, unique within a
    /// channel even across couples that lived in it one after another (a forget and a new
    /// pairing on the same day). It ends a button custom id of the post, so a read-back of the
    /// channel finds the post, and only this couple's.
    pub fn marker(self, occurrence: DateTime<Utc>, couple: CoupleId) -> String {
        format!(
            "{}{}c{}",
            self.marker_letter(),
            occurrence.timestamp(),
            couple.0
        )
    }

    /// Whether the post carries a partner's words: the channel's visibility is checked again
    /// before each, and it is held (not dropped) while outsiders can read the channel.
    ///
    /// An "on my mind" post counts even without the author's words: that a partner has
    /// something on their mind is theirs to tell the couple, never an outsider.
    pub fn carries_words(self) -> bool {
        matches!(
            self,
            PostKind::Reveal | PostKind::Reflection | PostKind::Digest | PostKind::OnMyMind
        )
    }

    /// Whether the post is no longer wanted once its couple-day has ended. Nudges, and the
    /// reminder of a talk ("it's the time you picked" the next day would be wrong): a reveal or
    /// a reflection is still wanted the day after.
    pub fn goes_stale(self) -> bool {
        matches!(self, PostKind::Nudge | PostKind::TalkReminder)
    }

    /// Whether the post goes to one partner by direct message rather than to the channel (its
    /// recipient is the author of the note it follows up).
    pub fn direct(self) -> bool {
        matches!(self, PostKind::TalkAsk)
    }

    /// Whether a pause of the couple skips the post instead of letting it wait.
    pub fn skipped_while_paused(self) -> bool {
        matches!(
            self,
            PostKind::Nudge | PostKind::Reminder | PostKind::TalkReminder
        )
    }
}

/// Why an outbox row was closed without being sent. The stored codes are stable: streaks are
/// computed from them, so wording shown to people never changes anyone's streak.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SkipReason {
    /// The couple was paused.
    Paused,
    /// A partner skipped this nudge with /skip.
    SkippedByPartner,
    /// It fell due while haven was not running, and a later one was sent instead.
    MissedWhileDown,
    /// Its couple-day ended before it could be sent.
    DayEnded,
    /// A reminder for a partner who had already checked in.
    AlreadyCheckedIn,
    /// Discord refused it for good (the row's status is `failed`).
    Rejected,
    /// Sending it would have broken the host's limits (too soon after the last nudge, or too
    /// many on its couple-day), which a schedule can only reach by slipping past the check
    /// made when it was set.
    OverLimit,
    /// A reminder for a partner who turned reminders off (/notify).
    RemindersOff,
    /// A direct message its recipient's settings refuse (Discord's 50007).
    DmClosed,
}

impl SkipReason {
    pub const ALL: [SkipReason; 9] = [
        SkipReason::Paused,
        SkipReason::SkippedByPartner,
        SkipReason::MissedWhileDown,
        SkipReason::DayEnded,
        SkipReason::AlreadyCheckedIn,
        SkipReason::Rejected,
        SkipReason::OverLimit,
        SkipReason::RemindersOff,
        SkipReason::DmClosed,
    ];

    /// The code stored in `outbox.skip_reason`.
    pub fn code(self) -> &'static str {
        match self {
            SkipReason::Paused => "paused",
            SkipReason::SkippedByPartner => "skipped",
            SkipReason::MissedWhileDown => "missed",
            SkipReason::DayEnded => "day_ended",
            SkipReason::AlreadyCheckedIn => "checked_in",
            SkipReason::Rejected => "rejected",
            SkipReason::OverLimit => "over_limit",
            SkipReason::RemindersOff => "reminders_off",
            SkipReason::DmClosed => "dm_closed",
        }
    }

    /// Reads a stored code. `channel` is a legacy code: early versions wrote it (as "channel
    /// unavailable") when the couple's channel refused a nudge; nothing writes it any more, and
    /// it reads as a pause, which is what it was.
    pub fn from_code(code: &str) -> Option<SkipReason> {
        match code {
            "channel" => Some(SkipReason::Paused),
            _ => SkipReason::ALL.into_iter().find(|r| r.code() == code),
        }
    }

    /// What a skipped nudge means for its couple-day: (still required, paused).
    /// A pause makes the day neutral; a /skip makes it not required; anything else (missed
    /// while the host was down, stale, refused) leaves the day required.
    pub fn day_effect(self) -> (bool, bool) {
        match self {
            SkipReason::Paused => (false, true),
            SkipReason::SkippedByPartner => (false, false),
            _ => (true, false),
        }
    }
}

/// Where a recorded post stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Pending,
    Sent,
    Skipped,
    Failed,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pending => "pending",
            Status::Sent => "sent",
            Status::Skipped => "skipped",
            Status::Failed => "failed",
        }
    }

    pub fn parse(s: &str) -> Status {
        match s {
            "pending" => Status::Pending,
            "sent" => Status::Sent,
            "skipped" => Status::Skipped,
            _ => Status::Failed,
        }
    }
}

/// A post recorded in the outbox, as the sender handles it.
#[derive(Debug, Clone)]
pub struct OutboxRow {
    pub id: OutboxId,
    pub couple_id: CoupleId,
    pub kind: PostKind,
    pub occurrence: DateTime<Utc>,
    pub channel_id: ChannelId,
    pub post: Post,
    pub status: Status,
    pub attempts: u32,
    /// The first POST in the current nonce window.
    pub window_start: Option<DateTime<Utc>>,
    pub next_attempt_at: DateTime<Utc>,
    pub message_id: Option<MessageId>,
    /// The nonce chosen when the row was recorded (see [`OutboxRow::nonce`]).
    pub stored_nonce: Option<String>,
}

impl OutboxRow {
    /// Whether the row's post carries a partner's words, by its kind or by what it holds: the
    /// channel's visibility is checked again before it is sent, and it is held while outsiders
    /// can read the channel.
    pub fn carries_words(&self) -> bool {
        self.kind.carries_words() || self.post.partner_words
    }

    /// Lets the post ping only the users `may_ping` allows (their names in its text stay, and
    /// ping nobody).
    pub fn keep_mentions(&mut self, may_ping: impl Fn(UserId) -> bool) {
        self.post.mentions.retain(|u| may_ping(*u));
    }

    /// The marker of the row's post (see [`PostKind::marker`]).
    pub fn marker(&self) -> String {
        self.kind.marker(self.occurrence, self.couple_id)
    }

    /// The nonce Discord de-duplicates on: chosen when the row was recorded, the same on every
    /// attempt (a string of at most 25 characters, as Discord requires). Rows recorded before
    /// nonces were stored use their id.
    pub fn nonce(&self) -> String {
        self.stored_nonce
            .clone()
            .unwrap_or_else(|| format!("hv{}", self.id.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn kinds_have_distinct_codes_and_letters_that_read_back() {
        let codes: HashSet<_> = PostKind::ALL.iter().map(|k| k.code()).collect();
        let letters: HashSet<_> = PostKind::ALL.iter().map(|k| k.marker_letter()).collect();
        assert_eq!(codes.len(), PostKind::ALL.len());
        assert_eq!(letters.len(), PostKind::ALL.len());
        for k in PostKind::ALL {
            assert_eq!(PostKind::from_code(k.code()), Some(k));
        }
        assert_eq!(PostKind::from_code("x"), None);
    }

    #[test]
    fn only_words_are_held_and_only_nudges_go_stale() {
        let words: Vec<_> = PostKind::ALL
            .into_iter()
            .filter(|k| k.carries_words())
            .collect();
        assert_eq!(
            words,
            [
                PostKind::Reveal,
                PostKind::Reflection,
                PostKind::Digest,
                PostKind::OnMyMind
            ]
        );
        let stale: Vec<_> = PostKind::ALL
            .into_iter()
            .filter(|k| k.goes_stale())
            .collect();
        assert_eq!(stale, [PostKind::Nudge, PostKind::TalkReminder]);
    }

    #[test]
    fn skip_reasons_read_back_and_the_legacy_code_is_a_pause() {
        for r in SkipReason::ALL {
            assert_eq!(SkipReason::from_code(r.code()), Some(r));
        }
        assert_eq!(SkipReason::from_code("channel"), Some(SkipReason::Paused));
        assert_eq!(SkipReason::from_code("skipped by a partner"), None);
        assert_eq!(SkipReason::Paused.day_effect(), (false, true));
        assert_eq!(SkipReason::SkippedByPartner.day_effect(), (false, false));
        assert_eq!(SkipReason::MissedWhileDown.day_effect(), (true, false));
    }

    fn row(kind: PostKind, post: Post) -> OutboxRow {
        let t = DateTime::from_timestamp(1_700_000_000, 0).unwrap();
        OutboxRow {
            id: OutboxId(1),
            couple_id: CoupleId(1),
            kind,
            occurrence: t,
            channel_id: ChannelId(1),
            post,
            status: Status::Pending,
            attempts: 0,
            window_start: None,
            next_attempt_at: t,
            message_id: None,
            stored_nonce: None,
        }
    }

    #[test]
    fn a_nudge_with_a_partners_words_is_held_like_a_reveal() {
        assert!(!row(PostKind::Nudge, Post::default()).carries_words());
        let own = Post {
            partner_words: true,
            ..Post::default()
        };
        assert!(row(PostKind::Nudge, own.clone()).carries_words());
        assert!(row(PostKind::Reveal, Post::default()).carries_words());
        // The flag is stored with the post, and a post stored without it reads as without.
        let stored: Post = serde_json::from_str(&serde_json::to_string(&own).unwrap()).unwrap();
        assert!(stored.partner_words);
        let old: Post = serde_json::from_str("{}").unwrap();
        assert!(!old.partner_words);
        assert!(!serde_json::to_string(&Post::default())
            .unwrap()
            .contains("partner_words"));
    }

    #[test]
    fn mentions_are_kept_only_for_who_may_be_pinged() {
        let mut r = row(
            PostKind::Reveal,
            Post {
                content: Some("<@5> and <@6>".into()),
                mentions: vec![UserId(5), UserId(6)],
                ..Post::default()
            },
        );
        r.keep_mentions(|u| u == UserId(5));
        assert_eq!(r.post.mentions, [UserId(5)]);
        assert_eq!(r.post.content.as_deref(), Some("<@5> and <@6>"));
    }

    #[test]
    fn marker_is_letter_and_unix_seconds() {
        let t = DateTime::from_timestamp(1_700_000_000, 0).unwrap();
        assert_eq!(PostKind::Reveal.marker(t, CoupleId(42)), "v1700000000c42");
        assert!(Post::marker_in_custom_ids(
            ["hv1:ci:n1700000000c42", "hv1:x:v1700000000c42"],
            "v1700000000c42"
        ));
        assert!(
            !Post::marker_in_custom_ids(["hv1:x:v1700000000c41"], "v1700000000c42"),
            "another couple's post in the same channel"
        );
    }
}
