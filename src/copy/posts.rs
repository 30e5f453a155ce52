//! The words of haven's own posts in a couple's channel (their layout is in `crate::render::posts`).

use super::*;

pub const CHECK_IN_BUTTON: &str = "Check in";

pub const ANOTHER_PROMPT_BUTTON: &str = "Another prompt";

pub const HELP_BUTTON: &str = "How haven works";

pub const FELT_HEARD_BUTTON: &str = "Felt heard";

pub const NOT_QUITE_BUTTON: &str = "Not quite";

pub const NUDGE_FOOTER: &str = "A small moment for the two of you.";

pub const NOTHING_TODAY: &str = "(nothing today)";

pub const FROM_YOUR_JAR: &str = "From your jar";

pub const DIGEST_TITLE: &str = "Your week together";

/// The heatmap's month labels, January first.
pub const HEATMAP_MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// The heatmap's weekday labels: Monday, Wednesday and Friday.
pub const HEATMAP_WEEKDAYS: [&str; 3] = ["Mon", "Wed", "Fri"];

/// The heatmap's legend: both checked in, one, not yet, rest day, frozen.
pub const HEATMAP_LEGEND: [&str; 5] = ["Both checked in", "One", "Not yet", "Rest day", "Frozen"];

/// A practice's name, as the title of a nudge.
pub fn practice_title(p: Practice) -> &'static str {
    match p {
        Practice::Appreciation => "Appreciation",
        Practice::ActiveListening => "Active listening",
        Practice::Vulnerability => "Being vulnerable",
        Practice::QualityTime => "Quality time",
        Practice::Validation => "Validating feelings",
    }
}

/// The button that asks for a lighter prompt instead.
pub const LIGHTER_BUTTON: &str = "Something lighter";

/// The footer of a question drawn after a partner already checked in: the day's check-in keeps
/// its question.
pub const QUESTION_KEPT: &str =
    "Today's check-in keeps the question one of you has already answered; this one is just for talking.";

pub const NO_PROMPT: &str =
    "Take a quiet minute together tonight and tell each other one thing you're glad about.";

/// The mentions above a nudge: the partners it pings (none: no line).
pub fn nudge_mentions(users: &[UserId]) -> Option<String> {
    (!users.is_empty()).then(|| users.iter().map(|u| user(*u)).collect::<Vec<_>>().join(" "))
}

/// Above the partner's name on a nudge whose prompt is one of the couple's own.
pub const ADDED_BY_LABEL: &str = "Added by";

pub fn checkin_notice(who: UserId, other: UserId) -> String {
    format!(
        "{} checked in for today. {}, whenever you're ready, your answers will be revealed together.",
        user(who),
        user(other)
    )
}

fn mood_words(n: u8) -> &'static str {
    match n {
        1 => "heavy",
        2 => "low",
        3 => "okay",
        4 => "good",
        _ => "light",
    }
}

/// The title of one partner's answers in a reveal.
pub fn reveal_mood(mood: u8) -> String {
    format!("Mood {mood}/5 ({})", mood_words(mood))
}

pub fn reveal_from(who: UserId) -> String {
    format!("From {}", user(who))
}

pub fn reveal_intro(a: UserId, b: UserId) -> String {
    format!(
        "{} and {}, you've both checked in. Here's what you shared today. Take a moment with each other's words; \"Reflect back\" lets you say what you heard.",
        user(a),
        user(b)
    )
}

/// Above the day's question in a reveal.
pub const TODAYS_QUESTION: &str = "Today's question";

/// The name of the first or the second partner's answer to the day's question in a reveal
/// (a mention does not render in a field's name; the value starts with it).
pub fn reveal_answer_title(slot: u8) -> &'static str {
    if slot == 0 {
        "First answer"
    } else {
        "Second answer"
    }
}

/// One partner's answer to the day's question in a reveal: who, then what they wrote.
pub fn reveal_answer(who: UserId, answer: &str) -> String {
    format!("{}\n{answer}", user(who))
}

/// The Reflect back button of the first or the second partner's answers.
pub fn reflect_back_button(slot: u8) -> &'static str {
    if slot == 0 {
        "Reflect back (first)"
    } else {
        "Reflect back (second)"
    }
}

pub fn reflection_intro(author: UserId, reflector: UserId) -> String {
    format!(
        "{}, {} reflected back what you shared:",
        user(author),
        user(reflector)
    )
}

pub fn held_notice(partners: [UserId; 2]) -> String {
    format!(
        "{} {}, I'm holding back something you shared: people outside your couple can read this channel now. \
         Change its permissions so only the two of you (and I) can view it, then use /resume and I'll post it.",
        user(partners[0]),
        user(partners[1])
    )
}

pub fn reminder(partner: UserId) -> String {
    format!(
        "{}, a gentle nudge: there's still time to check in today. A few honest words are plenty.",
        user(partner)
    )
}

pub fn digest_intro(partners: [UserId; 2]) -> String {
    format!(
        "{} {}, here's your week.",
        user(partners[0]),
        user(partners[1])
    )
}

/// One appreciation from the jar, with who wrote it.
pub fn jar_line(who: UserId, text: &str) -> String {
    format!("{}: {text}", user(who))
}

pub fn digest_description(w: &Week) -> String {
    let description = format!(
        "**This week**: {} together, {}, {}.\n**Your streak**: {}.",
        days(w.days_together),
        plural(w.appreciations, "{n} appreciation", "{n} appreciations"),
        plural(w.reflections, "{n} reflection", "{n} reflections"),
        days(w.streak),
    );
    if w.days_together == 0 {
        format!("{description}\nA quiet week happens. Tonight is a lovely time to begin again.")
    } else {
        description
    }
}

/// A milestone and a spent freeze, said kindly with the next nudge.
pub fn streak_news(milestone: Option<u32>, freezes_used: usize, current: u32) -> Option<String> {
    let mut lines = Vec::new();
    if let Some(m) = milestone {
        lines.push(format!(
            "{m} days in a row, together. That's something to be glad about."
        ));
    }
    if freezes_used > 0 {
        lines.push(format!(
            "A day slipped by, and that's fine: a freeze kept your {current}-day streak safe."
        ));
    }
    (!lines.is_empty()).then(|| lines.join("\n"))
}

/// The note that tells a partner the couple was forgotten: who asked, and nothing else.
pub fn forget_note(partner: UserId, by: UserId) -> String {
    format!(
        "{}, {} asked haven to forget your couple, so everything haven stored about the two of you has been deleted.",
        user(partner),
        user(by)
    )
}
