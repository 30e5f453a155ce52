//! The words of haven's own posts in a couple's channel (`locales/<lang>/posts.ftl`; their
//! layout is in `crate::render::posts`).

use super::*;

pub fn check_in_button(lang: Lang) -> String {
    tr!(lang, "check-in-button")
}

pub fn another_prompt_button(lang: Lang) -> String {
    tr!(lang, "another-prompt-button")
}

pub fn help_button(lang: Lang) -> String {
    tr!(lang, "help-button")
}

pub fn felt_heard_button(lang: Lang) -> String {
    tr!(lang, "felt-heard-button")
}

pub fn not_quite_button(lang: Lang) -> String {
    tr!(lang, "not-quite-button")
}

pub fn nudge_footer(lang: Lang) -> String {
    tr!(lang, "nudge-footer")
}

/// In a reveal, under the day's question, for a partner whose check-in did not ask it (it
/// came before the question did, or their own day had another prompt).
pub fn not_asked(lang: Lang) -> String {
    tr!(lang, "not-asked")
}

pub fn nothing_today(lang: Lang) -> String {
    tr!(lang, "nothing-today")
}

pub fn from_your_jar(lang: Lang) -> String {
    tr!(lang, "from-your-jar")
}

pub fn digest_title(lang: Lang) -> String {
    tr!(lang, "digest-title")
}

/// The words drawn on the streak picture.
pub struct HeatmapWords {
    /// Month names, January first.
    pub months: [String; 12],
    /// Monday, Wednesday and Friday.
    pub weekdays: [String; 3],
    /// Both checked in, one, not yet, rest day, frozen.
    pub legend: [String; 5],
}

/// The streak picture described in words, for anyone who cannot see it (its alt text).
pub fn streak_picture_alt(lang: Lang) -> String {
    tr!(lang, "streak-picture-alt")
}

pub fn heatmap_words(lang: Lang) -> HeatmapWords {
    HeatmapWords {
        months: std::array::from_fn(|i| tr!(lang, "heatmap-month", month = i + 1)),
        weekdays: [
            tr!(lang, "heatmap-monday"),
            tr!(lang, "heatmap-wednesday"),
            tr!(lang, "heatmap-friday"),
        ],
        legend: [
            tr!(lang, "heatmap-both"),
            tr!(lang, "heatmap-one"),
            tr!(lang, "heatmap-not-yet"),
            tr!(lang, "heatmap-rest-day"),
            tr!(lang, "heatmap-frozen"),
        ],
    }
}

/// A practice's name, as the title of a nudge.
pub fn practice_title(lang: Lang, p: Practice) -> String {
    match p {
        Practice::Appreciation => tr!(lang, "practice-appreciation"),
        Practice::ActiveListening => tr!(lang, "practice-active-listening"),
        Practice::Vulnerability => tr!(lang, "practice-vulnerability"),
        Practice::QualityTime => tr!(lang, "practice-quality-time"),
        Practice::Validation => tr!(lang, "practice-validation"),
    }
}

/// The button that asks for a lighter prompt instead.
pub fn lighter_button(lang: Lang) -> String {
    tr!(lang, "lighter-button")
}

/// The footer of a question drawn after a partner already checked in: the day's check-in keeps
/// its question.
pub fn question_kept(lang: Lang) -> String {
    tr!(lang, "question-kept")
}

pub fn no_prompt(lang: Lang) -> String {
    tr!(lang, "no-prompt")
}

/// The mentions above a nudge: the partners it pings (none: no line). Only mentions, so the
/// same in every language.
pub fn nudge_mentions(users: &[UserId]) -> Option<String> {
    (!users.is_empty()).then(|| users.iter().map(|u| user(*u)).collect::<Vec<_>>().join(" "))
}

/// Above the partner's name on a nudge whose prompt is one of the couple's own.
pub fn added_by_label(lang: Lang) -> String {
    tr!(lang, "added-by-label")
}

pub fn checkin_notice(lang: Lang, who: UserId, other: UserId) -> String {
    tr!(lang, "checkin-notice", who = user(who), other = user(other))
}

/// The title of one partner's answers in a reveal.
pub fn reveal_mood(lang: Lang, mood: u8) -> String {
    tr!(lang, "reveal-mood", mood = mood)
}

pub fn reveal_from(lang: Lang, who: UserId) -> String {
    tr!(lang, "reveal-from", who = user(who))
}

pub fn reveal_intro(lang: Lang, a: UserId, b: UserId) -> String {
    tr!(lang, "reveal-intro", first = user(a), second = user(b))
}

/// Above the day's question in a reveal.
pub fn todays_question(lang: Lang) -> String {
    tr!(lang, "todays-question")
}

/// The name of the first or the second partner's answer to the day's question in a reveal
/// (a mention does not render in a field's name; the value starts with it).
pub fn reveal_answer_title(lang: Lang, slot: u8) -> String {
    if slot == 0 {
        tr!(lang, "reveal-first-answer-title")
    } else {
        tr!(lang, "reveal-second-answer-title")
    }
}

/// The title over one partner's own question in a reveal where the two were asked different
/// questions (their check-ins fell on days with different prompts, as for partners far apart).
pub fn reveal_own_question_title(lang: Lang, slot: u8) -> String {
    if slot == 0 {
        tr!(lang, "reveal-first-question-title")
    } else {
        tr!(lang, "reveal-second-question-title")
    }
}

/// One partner's answer to the day's question in a reveal: who, then what they wrote.
pub fn reveal_answer(lang: Lang, who: UserId, answer: &str) -> String {
    tr!(lang, "reveal-answer", who = user(who), answer = answer)
}

/// The Reflect back button of the first or the second partner's answers.
pub fn reflect_back_button(lang: Lang, slot: u8) -> String {
    if slot == 0 {
        tr!(lang, "reflect-back-first-button")
    } else {
        tr!(lang, "reflect-back-second-button")
    }
}

pub fn reflection_intro(lang: Lang, author: UserId, reflector: UserId) -> String {
    tr!(
        lang,
        "reflection-intro",
        author = user(author),
        reflector = user(reflector)
    )
}

pub fn held_notice(lang: Lang, partners: [UserId; 2]) -> String {
    tr!(
        lang,
        "held-notice",
        first = user(partners[0]),
        second = user(partners[1])
    )
}

pub fn reminder(lang: Lang, partner: UserId) -> String {
    tr!(lang, "reminder", partner = user(partner))
}

pub fn digest_intro(lang: Lang, partners: [UserId; 2]) -> String {
    tr!(
        lang,
        "digest-intro",
        first = user(partners[0]),
        second = user(partners[1])
    )
}

/// One appreciation from the jar, with who wrote it.
pub fn jar_line(lang: Lang, who: UserId, text: &str) -> String {
    tr!(lang, "jar-line", who = user(who), text = text)
}

pub fn digest_description(lang: Lang, w: &Week) -> String {
    tr!(
        lang,
        "digest-description",
        together = w.days_together,
        appreciations = w.appreciations,
        reflections = w.reflections,
        streak = w.streak
    )
}

/// A milestone and a spent freeze, said kindly with the next nudge.
pub fn streak_news(
    lang: Lang,
    milestone: Option<u32>,
    freezes_used: usize,
    current: u32,
) -> Option<String> {
    let mut lines = Vec::new();
    if let Some(m) = milestone {
        lines.push(tr!(lang, "streak-milestone", days = m));
    }
    if freezes_used > 0 {
        lines.push(tr!(lang, "streak-freeze-used", current = current));
    }
    (!lines.is_empty()).then(|| lines.join("\n"))
}

/// The note that tells a partner the couple was forgotten: who asked, and nothing else.
pub fn forget_note(lang: Lang, partner: UserId, by: UserId) -> String {
    tr!(lang, "forget-note", partner = user(partner), by = user(by))
}
