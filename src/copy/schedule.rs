//! The words of schedules: a schedule described, and the replies to /schedule, /pause, /resume
//! and /skip (`locales/<lang>/schedule.ftl`).

use super::*;
use chrono::Datelike;

/// The body of every schedule view, one line each.
pub fn schedule_description(lang: Lang, v: &ScheduleView) -> String {
    let mut s = format!(
        "{}\n{}\n",
        tr!(
            lang,
            "schedule-when",
            when = schedule_words(lang, &v.expression)
        ),
        tr!(lang, "schedule-timezone", timezone = v.timezone.to_string())
    );
    if let Some(until) = v.paused_until {
        let open_ended = until == crate::domain::couple::paused_indefinitely();
        let line = match (v.pause_reason, v.paused_by, open_ended) {
            (Some(crate::domain::couple::PauseReason::Channel), _, _) => {
                tr!(lang, "paused-for-channel")
            }
            (_, Some(by), true) => tr!(lang, "paused-by-until-resume", by = user(by)),
            (_, Some(by), false) => tr!(
                lang,
                "paused-by-until",
                by = user(by),
                until = full_time(until)
            ),
            (_, None, true) => tr!(lang, "paused-until-resume"),
            (_, None, false) => tr!(lang, "paused-until", until = full_time(until)),
        };
        s.push_str(&line);
        s.push('\n');
    }
    if let Some(skip) = v.skip_at {
        s.push_str(&tr!(lang, "skipping-nudge", at = full_time(skip)));
        s.push('\n');
    }
    if v.next.is_empty() {
        s.push('\n');
        s.push_str(&tr!(lang, "no-nudges-coming"));
    } else {
        s.push('\n');
        s.push_str(&tr!(lang, "next-nudges"));
        s.push('\n');
        for t in &v.next {
            match v.local_times {
                Some([(a, za), (b, zb)]) => {
                    let (la, lb) = (t.with_timezone(&za.0), t.with_timezone(&zb.0));
                    s.push_str(&tr!(
                        lang,
                        "next-nudge-both",
                        at = full_time(*t),
                        a = user(a),
                        a_day = tr!(lang, "day-short", day = la.weekday().number_from_monday()),
                        a_time = la.format("%H:%M").to_string(),
                        b = user(b),
                        b_day = tr!(lang, "day-short", day = lb.weekday().number_from_monday()),
                        b_time = lb.format("%H:%M").to_string()
                    ));
                }
                None => s.push_str(&full_time(*t)),
            }
            s.push('\n');
        }
    }
    s
}

pub fn schedule_changed(lang: Lang, by: u64) -> String {
    tr!(lang, "schedule-changed", by = user(UserId(by)))
}

pub fn paused(lang: Lang, by: u64) -> String {
    tr!(lang, "paused", by = user(UserId(by)))
}

pub fn resumed(lang: Lang, by: u64) -> String {
    tr!(lang, "resumed", by = user(UserId(by)))
}

pub fn skipped(lang: Lang, by: u64, at: DateTime<Utc>) -> String {
    tr!(lang, "skipped", by = user(UserId(by)), at = full_time(at))
}

/// "a", "a and b", "a, b and c", each join worded in `lang`.
fn list_and(lang: Lang, items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => {
            let mut head = init[0].clone();
            for next in &init[1..] {
                head = tr!(lang, "list-comma", init = head, next = next.as_str());
            }
            tr!(lang, "list-and", init = head, last = last.as_str())
        }
    }
}

/// A couple's schedule in words; one haven no longer understands is quoted.
pub fn schedule_words(lang: Lang, s: &crate::domain::couple::CoupleSchedule) -> String {
    match s.cron() {
        Some(expr) => schedule_in_words(lang, expr),
        None => format!("`{}`", s.text()),
    }
}

/// A schedule in words: "every day at 20:00", "on weekdays at 07:30", "on weekends at 10:00",
/// "on Mon, Wed and Fri at 18:15", "on Mondays at 09:00", "every day at 08:00 and 20:00",
/// falling back to "on the cron schedule `…`" for anything else.
pub fn schedule_in_words(lang: Lang, expr: &crate::domain::schedule::CronExpr) -> String {
    let Some(plain) = expr.plain() else {
        return tr!(lang, "schedule-cron", cron = expr.as_str());
    };
    let at = list_and(
        lang,
        &plain
            .times
            .iter()
            .map(|t| t.to_string())
            .collect::<Vec<_>>(),
    );
    let picked: Vec<usize> = (0..7).filter(|&i| plain.days[i]).collect();
    match (plain.days, picked.as_slice()) {
        ([true, true, true, true, true, true, true], _) => tr!(lang, "schedule-every-day", at = at),
        ([true, true, true, true, true, false, false], _) => {
            tr!(lang, "schedule-weekdays", at = at)
        }
        ([false, false, false, false, false, true, true], _) => {
            tr!(lang, "schedule-weekends", at = at)
        }
        (_, [one]) => tr!(lang, "schedule-one-day", day = *one + 1, at = at),
        (_, many) => {
            let names: Vec<String> = many
                .iter()
                .map(|&i| tr!(lang, "day-short", day = i + 1))
                .collect();
            tr!(
                lang,
                "schedule-some-days",
                days = list_and(lang, &names),
                at = at
            )
        }
    }
}

pub fn schedule_title(lang: Lang) -> String {
    tr!(lang, "schedule-title")
}

pub fn schedule_updated_title(lang: Lang) -> String {
    tr!(lang, "schedule-updated-title")
}

pub fn paused_title(lang: Lang) -> String {
    tr!(lang, "paused-title")
}

pub fn resumed_title(lang: Lang) -> String {
    tr!(lang, "resumed-title")
}

pub fn skipping_title(lang: Lang) -> String {
    tr!(lang, "skipping-title")
}
