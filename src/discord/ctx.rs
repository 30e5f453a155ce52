//! What a handler is given to reach Discord: the REST client and the cache. It is built from
//! serenity's `Context` on the gateway path and directly in HTTP interactions mode (where the
//! cache starts empty, and whatever it cannot vouch for is never taken as private).

use std::sync::Arc;

use serenity::all::{Cache, Context, Http};

#[derive(Clone)]
pub struct Ctx {
    pub http: Arc<Http>,
    pub cache: Arc<Cache>,
    /// Told when the interaction's first answer went out (HTTP interactions mode waits for
    /// it before it answers Discord's POST).
    pub first_answer: Option<Arc<tokio::sync::Notify>>,
}

impl From<&Context> for Ctx {
    fn from(c: &Context) -> Self {
        Ctx {
            http: c.http.clone(),
            cache: c.cache.clone(),
            first_answer: None,
        }
    }
}
