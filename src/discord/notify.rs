//! `/notify`: a partner's own notifications, shown and changed only for themselves.

use super::invocation::Invocation;
use super::respond::{Handled, Stop};
use crate::copy;
use crate::domain::couple::Couple;

/// An option's "on" or "off".
fn switch(value: Option<&str>) -> Result<Option<bool>, Stop> {
    match value {
        None => Ok(None),
        Some("on") => Ok(Some(true)),
        Some("off") => Ok(Some(false)),
        Some(_) => Err(Stop::bad_options()),
    }
}

pub async fn command(call: &Invocation<'_>, couple: Couple) -> Handled {
    let mentions = switch(call.options.str("mentions"))?;
    let reminders = switch(call.options.str("reminders"))?;
    let (svc, user) = (call.svc, call.user);
    let (settings, changed) = if mentions.is_none() && reminders.is_none() {
        (svc.notifications(&couple, user).await?, false)
    } else {
        let n = svc
            .set_notifications(&couple, user, mentions, reminders)
            .await?;
        (n, true)
    };
    call.r
        .ephemeral(copy::notifications(call.r.lang(), &settings, changed))
        .await
}
