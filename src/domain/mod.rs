//! The pure core: haven's rules as plain types and functions (no Discord, no SQL).

pub mod anniversary;
pub mod checkin;
pub mod couple;
pub mod custom_id;
pub mod delivery;
pub mod forget;
pub mod ids;
pub mod lang;
pub mod onmymind;
pub mod post;
pub mod prompt;
pub mod pulse;
pub mod refusal;
pub mod schedule;
pub mod settings;
pub mod streak;
pub mod text;
pub mod time;
pub mod view;
pub mod visibility;
