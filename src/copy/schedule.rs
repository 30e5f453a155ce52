//! The words of schedules: a schedule described, and the replies to /schedule, /pause, /resume and /skip.

use super::*;

/// The body of every schedule view.
pub fn schedule_description(v: &ScheduleView) -> String {
    let mut s = format!(
        "**When**: {}\n**Time zone**: {}\n",
        schedule_words(&v.expression),
        v.timezone
    );
    if let Some(until) = v.paused_until {
        let open_ended = until == crate::domain::couple::paused_indefinitely();
        match (v.pause_reason, v.paused_by, open_ended) {
            (Some(crate::domain::couple::PauseReason::Channel), _, _) => s.push_str(
                "**Paused**: I couldn't post in your channel (it may have been deleted or my permissions changed). Fix that, then use /resume.\n",
            ),
            (_, Some(by), true) => s.push_str(&format!(
                "**Paused** by {} until they /resume.\n",
                user(by)
            )),
            (_, Some(by), false) => s.push_str(&format!(
                "**Paused** by {} until <t:{}:F>.\n",
                user(by),
                until.timestamp()
            )),
            (_, None, true) => s.push_str("**Paused** until you /resume.\n"),
            (_, None, false) => {
                s.push_str(&format!("**Paused** until <t:{}:F>.\n", until.timestamp()))
            }
        }
    }
    if let Some(skip) = v.skip_at {
        s.push_str(&format!(
            "**Skipping** the nudge of <t:{}:F>.\n",
            skip.timestamp()
        ));
    }
    if v.next.is_empty() {
        s.push_str("\nNo nudges are coming up.");
    } else {
        s.push_str("\n**Next nudges**\n");
        for t in &v.next {
            match v.local_times {
                Some([(a, za), (b, zb)]) => s.push_str(&format!(
                    "<t:{}:F>: {} for {}, {} for {}\n",
                    t.timestamp(),
                    t.with_timezone(&za.0).format("%a %H:%M"),
                    user(a),
                    t.with_timezone(&zb.0).format("%a %H:%M"),
                    user(b)
                )),
                None => s.push_str(&format!("<t:{}:F>\n", t.timestamp())),
            }
        }
    }
    s
}

pub fn schedule_changed(by: u64) -> String {
    format!("{} changed your schedule.", user(UserId(by)))
}

pub fn paused(by: u64) -> String {
    format!(
        "{} paused your nudges. Take all the time you need.",
        user(UserId(by))
    )
}

pub fn resumed(by: u64) -> String {
    format!("{} resumed your nudges. Welcome back.", user(UserId(by)))
}

pub fn skipped(by: u64, at: DateTime<Utc>) -> String {
    format!(
        "{} skipped the nudge of <t:{}:F>. The ones after it come as usual.",
        user(UserId(by)),
        at.timestamp()
    )
}

const DAY_NAMES_PLURAL: [&str; 7] = [
    "Mondays",
    "Tuesdays",
    "Wednesdays",
    "Thursdays",
    "Fridays",
    "Saturdays",
    "Sundays",
];

const DAY_NAMES_SHORT: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/// "a", "a and b", "a, b and c".
fn list_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// A couple's schedule in words; one haven no longer understands is quoted.
pub fn schedule_words(s: &crate::domain::couple::CoupleSchedule) -> String {
    match s.cron() {
        Some(expr) => schedule_in_words(expr),
        None => format!("`{}`", s.text()),
    }
}

/// A schedule in words: "every day at 20:00", "on weekdays at 07:30", "on weekends at 10:00",
/// "on Mon, Wed and Fri at 18:15", "on Mondays at 09:00", "every day at 08:00 and 20:00",
/// falling back to "on the cron schedule `…`" for anything else.
pub fn schedule_in_words(expr: &crate::domain::schedule::CronExpr) -> String {
    let Some(plain) = expr.plain() else {
        return format!("on the cron schedule `{}`", expr.as_str());
    };
    let at = list_and(
        &plain
            .times
            .iter()
            .map(|t| t.to_string())
            .collect::<Vec<_>>(),
    );
    let picked: Vec<usize> = (0..7).filter(|&i| plain.days[i]).collect();
    match (plain.days, picked.as_slice()) {
        ([true, true, true, true, true, true, true], _) => format!("every day at {at}"),
        ([true, true, true, true, true, false, false], _) => format!("on weekdays at {at}"),
        ([false, false, false, false, false, true, true], _) => format!("on weekends at {at}"),
        (_, [one]) => format!("on {} at {at}", DAY_NAMES_PLURAL[*one]),
        (_, many) => {
            let names: Vec<String> = many
                .iter()
                .map(|&i| DAY_NAMES_SHORT[i].to_string())
                .collect();
            format!("on {} at {at}", list_and(&names))
        }
    }
}

pub const SCHEDULE_TITLE: &str = "Your schedule";

pub const SCHEDULE_UPDATED_TITLE: &str = "Schedule updated";

pub const PAUSED_TITLE: &str = "Nudges paused";

pub const RESUMED_TITLE: &str = "Nudges resumed";

pub const SKIPPING_TITLE: &str = "Skipping one nudge";
