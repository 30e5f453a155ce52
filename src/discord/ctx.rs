//! What a handler is given to reach Discord: the REST client, the cache, and the one answer
//! to "who can read this channel?". It is built from serenity's `Context` on the gateway path
//! and directly in HTTP interactions mode (where the cache stays empty and privacy is asked
//! of Discord over REST; see `privacy`).

use std::sync::Arc;

use serenity::all::{Cache, Context, Http};

use super::privacy::Guard;

#[derive(Clone)]
pub struct Ctx {
    pub http: Arc<Http>,
    pub cache: Arc<Cache>,
    /// Who can read a channel: the cache when it holds the server, else Discord.
    pub privacy: Arc<Guard>,
    /// Told when the interaction's first answer went out (HTTP interactions mode waits for
    /// it before it answers Discord's POST).
    pub first_answer: Option<Arc<tokio::sync::Notify>>,
}

impl From<&Context> for Ctx {
    /// A gateway interaction's: READY has filled the cache's own user by then, and the
    /// server is almost always cached, so a guard of its own (with an empty memo, built only
    /// if the server is not cached yet) costs nothing.
    fn from(c: &Context) -> Self {
        Ctx {
            http: c.http.clone(),
            cache: c.cache.clone(),
            privacy: Arc::new(Guard::new(c.http.clone(), c.cache.clone())),
            first_answer: None,
        }
    }
}
