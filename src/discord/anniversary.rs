//! `/anniversary show|set|clear` and the See the date button: every answer is private; a
//! change is noted in the channel through the outbox (who changed it, never the date).

use super::invocation::Invocation;
use super::respond::{Handled, Responder, Stop};
use crate::copy;
use crate::domain::anniversary::parse_date;
use crate::domain::couple::Couple;
use crate::service::anniversary::{AnniversaryView, Change};
use crate::service::Services;

pub async fn command(call: &Invocation<'_>, couple: Couple) -> Handled {
    let (svc, r) = (call.svc, call.r);
    let lang = r.lang();
    match call.subcommand {
        Some("show") => show(svc, r, &couple).await,
        Some("set") => {
            let typed = call.options.str("date").ok_or_else(Stop::bad_options)?;
            let date = parse_date(typed, svc.calendar_today(&couple))
                .map_err(|e| Stop::Say(copy::anniversary_date_refused(lang, e)))?;
            let (change, view) = svc.set_anniversary(&couple, Some(date), call.user).await?;
            let text = match change {
                Change::Unchanged => copy::anniversary_unchanged(lang, date),
                Change::TooManyToday => copy::anniversary_changed_enough(lang),
                Change::Changed { was } => {
                    copy::anniversary_saved(lang, date, Some(was), view.next, view.today)
                }
                _ => copy::anniversary_saved(lang, date, None, view.next, view.today),
            };
            r.ephemeral(text).await
        }
        Some("clear") => {
            let (change, _) = svc.set_anniversary(&couple, None, call.user).await?;
            r.ephemeral(match change {
                Change::NothingToClear => copy::no_anniversary_to_clear(lang),
                Change::TooManyToday => copy::anniversary_changed_enough(lang),
                _ => copy::anniversary_cleared(lang),
            })
            .await
        }
        _ => Err(Stop::bad_options()),
    }
}

/// The couple's anniversary, for a partner's eyes only.
pub async fn show(svc: &Services, r: &Responder<'_>, couple: &Couple) -> Handled {
    r.ephemeral(words(r.lang(), &svc.anniversary_view(couple)))
        .await
}

fn words(lang: copy::Lang, view: &AnniversaryView) -> String {
    match view.date {
        Some(date) => copy::anniversary_is(lang, date, view.next, view.today),
        None => copy::no_anniversary(lang),
    }
}
