//! A message haven posts on its own, as recorded in the outbox before it is sent: plain data,
//! rendered to Discord's shape only by the sender.

use serde::{Deserialize, Serialize};

use super::ids::{MessageId, UserId};

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
