//! The layout of haven's own posts: which words go in the content, the embeds and the buttons,
//! with their colours, styles and custom ids. The words themselves come from [`crate::copy`].

use chrono::NaiveDate;

use crate::copy::{self, Lang};
#[cfg(doc)]
use crate::domain::checkin::MAX_NOTE;
use crate::domain::checkin::{Answers, MAX_ANSWER, MAX_QUESTION_ANSWER, MAX_QUESTION_CHARS};
use crate::domain::custom_id::ComponentId;
use crate::domain::ids::{MessageId, UserId};
use crate::domain::post::{Button, ButtonStyle, Embed, Post, COLOUR};
use crate::domain::prompt::{Deck, Depth, Drawn, Practice};
use crate::domain::view::Week;

fn check_in_button(lang: Lang, marker: &str) -> Button {
    Button {
        custom_id: ComponentId::check_in(marker),
        label: copy::check_in_button(lang),
        style: ButtonStyle::Primary,
    }
}

fn help_button(lang: Lang, marker: &str) -> Button {
    Button {
        custom_id: ComponentId::help(marker),
        label: copy::help_button(lang),
        style: ButtonStyle::Secondary,
    }
}

/// The first post in a channel haven created: welcome, and a button to the help.
pub fn welcome_post(lang: Lang, partners: [UserId; 2], tz: &str, time: &str, marker: &str) -> Post {
    Post {
        content: Some(copy::welcome(lang, partners, tz, time)),
        embeds: vec![],
        buttons: vec![help_button(lang, marker)],
        mentions: partners.to_vec(),
        reply_to: None,
        partner_words: false,
    }
}

/// A scheduled nudge: the practice as title, one prompt, and the Another prompt button; it
/// pings `mention`.
pub fn nudge(lang: Lang, practice: Practice, text: &str, mention: &[UserId], marker: &str) -> Post {
    deck_nudge(lang, Deck::from(practice), text, mention, marker)
}

/// A nudge of any deck: the deck as title, one prompt, the Check in and Another prompt buttons.
fn deck_nudge(lang: Lang, deck: Deck, text: &str, mention: &[UserId], marker: &str) -> Post {
    Post {
        content: copy::nudge_mentions(mention),
        embeds: vec![Embed {
            title: copy::deck_title(lang, deck),
            description: text.to_string(),
            fields: vec![],
            footer: Some(copy::nudge_footer(lang)),
            colour: COLOUR,
            inline: false,
        }],
        buttons: vec![
            check_in_button(lang, marker),
            Button {
                custom_id: ComponentId::another_prompt(deck.asked_instead(), marker),
                label: copy::another_prompt_button(lang),
                style: ButtonStyle::Secondary,
            },
        ],
        mentions: mention.to_vec(),
        reply_to: None,
        partner_words: false,
    }
}

/// A nudge with a drawn prompt. A deep prompt shows its easy way to keep it small; a prompt
/// above light offers something lighter. One of the couple's own is shown with who added it
/// (a name in an embed pings nobody) and carries that partner's words, so it is held like a
/// reveal while outsiders can read the channel. A question that is not the day's question
/// (a partner already answered another) says so.
pub fn drawn_nudge(lang: Lang, drawn: &Drawn, mention: &[UserId], marker: &str) -> Post {
    let text = match &drawn.small {
        Some(small) => format!("{}\n\n{}", drawn.text, copy::keep_it_small(lang, small)),
        None => drawn.text.clone(),
    };
    let mut post = deck_nudge(lang, drawn.deck, &text, mention, marker);
    if let Some(embed) = post.embeds.first_mut() {
        if let Some(by) = drawn.added_by {
            embed
                .fields
                .push((copy::added_by_label(lang), copy::user(by)));
        }
        if drawn.question_kept {
            embed.footer = Some(copy::question_kept(lang));
        }
    }
    if drawn.depth > Depth::Light {
        post.buttons.push(Button {
            custom_id: ComponentId::lighter(drawn.deck.asked_instead(), marker),
            label: copy::lighter_button(lang),
            style: ButtonStyle::Secondary,
        });
    }
    post.partner_words = drawn.added_by.is_some();
    post
}

/// The first nudge of the couple's anniversary: the drawn prompt under a line that says which
/// anniversary it is (`years`: 0 on the date itself).
pub fn anniversary_nudge(
    lang: Lang,
    drawn: &Drawn,
    years: u32,
    mention: &[UserId],
    marker: &str,
) -> Post {
    let mut post = drawn_nudge(lang, drawn, mention, marker);
    if let Some(embed) = post.embeds.first_mut() {
        embed.description = format!(
            "{}\n\n{}",
            copy::anniversary_line(lang, years),
            embed.description
        );
    }
    post
}

/// The note that a partner set, changed or cleared the anniversary (`text`, from copy): no
/// date, no ping; a set or changed date has a button that shows it to a partner, privately.
pub fn anniversary_note(lang: Lang, text: String, show_button: bool, marker: &str) -> Post {
    Post {
        content: Some(text),
        embeds: vec![],
        buttons: if show_button {
            vec![Button {
                custom_id: ComponentId::show_anniversary(marker),
                label: copy::see_the_date_button(lang),
                style: ButtonStyle::Secondary,
            }]
        } else {
            vec![help_button(lang, marker)]
        },
        mentions: vec![],
        reply_to: None,
        partner_words: false,
    }
}

/// The check-in of one partner is in: no content, and a button for the other.
pub fn checkin_notice(lang: Lang, who: UserId, other: UserId, marker: &str) -> Post {
    Post {
        content: Some(copy::checkin_notice(lang, who, other)),
        embeds: vec![],
        buttons: vec![check_in_button(lang, marker)],
        mentions: vec![other],
        reply_to: None,
        partner_words: false,
    }
}

/// Discord's limit on one embed field's value, in characters.
pub const FIELD_MAX: usize = 1024;
/// Discord's limit on all embeds of one message together (titles, descriptions, field names
/// and values, footers), in characters.
pub const EMBEDS_MAX: usize = 6000;

/// Both answers of a day, together, with a Reflect back button for each. On a day with a
/// question, a first embed shows it with both answers side by side; then one embed per partner
/// holds the mood and the other answers they gave. The answers' limits
/// ([`MAX_QUESTION_ANSWER`], [`MAX_NOTE`]) keep the whole within Discord's limits, and
/// [`fit_embeds`] holds them whatever older rows hold.
pub fn reveal(lang: Lang, day: NaiveDate, both: &[(UserId, Answers); 2], marker: &str) -> Post {
    let mut embeds = Vec::with_capacity(4);
    let answer_of = |slot: usize| {
        let (who, a) = &both[slot];
        let answer = match (&a.question, a.answer.as_deref()) {
            (None, _) => copy::not_asked(lang),
            (Some(_), Some(t)) => clip_field(t, MAX_QUESTION_ANSWER),
            (Some(_), None) => copy::nothing_today(lang),
        };
        (
            copy::reveal_answer_title(lang, slot as u8),
            first_chars(&copy::reveal_answer(lang, *who, &answer), FIELD_MAX),
        )
    };
    match (both[0].1.question.as_deref(), both[1].1.question.as_deref()) {
        // Two different questions (each partner answered the prompt of their own day): each
        // answer stands under the question it answered, never under the other's.
        (Some(a), Some(b)) if a != b => {
            for (slot, question) in [a, b].into_iter().enumerate() {
                embeds.push(Embed {
                    title: copy::reveal_own_question_title(lang, slot as u8),
                    description: crate::domain::text::clip(question, MAX_QUESTION_CHARS),
                    fields: vec![answer_of(slot)],
                    footer: None,
                    colour: COLOUR,
                    inline: false,
                });
            }
        }
        (Some(question), _) | (None, Some(question)) => embeds.push(Embed {
            title: copy::todays_question(lang),
            description: crate::domain::text::clip(question, MAX_QUESTION_CHARS),
            fields: (0..2).map(answer_of).collect(),
            footer: None,
            colour: COLOUR,
            inline: true,
        }),
        (None, None) => {}
    }
    embeds.extend(both.iter().map(|(who, a)| {
        let mut fields = Vec::with_capacity(2);
        if let Some(text) = &a.appreciated {
            fields.push((copy::appreciated_label(lang), clip_field(text, MAX_ANSWER)));
        }
        if let Some(text) = &a.hear {
            fields.push((copy::hear_label(lang), clip_field(text, MAX_ANSWER)));
        }
        Embed {
            title: copy::reveal_mood(lang, a.mood.get()),
            description: copy::reveal_from(lang, *who),
            fields,
            footer: None,
            colour: COLOUR,
            inline: false,
        }
    }));
    fit_embeds(&mut embeds, EMBEDS_MAX);
    let buttons = (0..2u8)
        .map(|slot| Button {
            custom_id: ComponentId::reflect_back(day, slot, marker),
            label: copy::reflect_back_button(lang, slot),
            style: ButtonStyle::Secondary,
        })
        .collect();
    Post {
        content: Some(copy::reveal_intro(lang, both[0].0, both[1].0)),
        embeds,
        buttons,
        mentions: vec![both[0].0, both[1].0],
        reply_to: None,
        partner_words: false,
    }
}

/// The characters the embeds count towards Discord's 6,000.
pub fn embeds_chars(embeds: &[Embed]) -> usize {
    let n = |s: &str| s.chars().count();
    embeds
        .iter()
        .map(|e| {
            n(&e.title)
                + n(&e.description)
                + e.footer.as_deref().map_or(0, n)
                + e.fields.iter().map(|(k, v)| n(k) + n(v)).sum::<usize>()
        })
        .sum()
}

/// Shortens the longest field values (with an ellipsis) until the embeds fit in `max`
/// characters. Accepted answers never need it; it holds the limit whatever a stored row holds.
fn fit_embeds(embeds: &mut [Embed], max: usize) {
    let mut total = embeds_chars(embeds);
    while total > max {
        let longest = embeds
            .iter_mut()
            .flat_map(|e| e.fields.iter_mut())
            .max_by_key(|(_, v)| v.chars().count());
        let Some((_, value)) = longest else {
            return;
        };
        let len = value.chars().count();
        if len <= 1 {
            return;
        }
        let keep = len - (total - max).min(len - 1);
        *value = crate::domain::text::clip(value, keep.max(1));
        total = embeds_chars(embeds);
    }
}

/// The first `n` characters of `s`.
fn first_chars(s: &str, n: usize) -> String {
    s.chars().take(n).collect()
}

/// A partner's answer for a field: at most `max` characters (answers are accepted within their
/// limits; older rows are cut). Line breaks are kept.
fn clip_field(s: &str, max: usize) -> String {
    s.split('\n')
        .map(|line| crate::domain::text::clip(line, max))
        .collect::<Vec<_>>()
        .join("\n")
        .chars()
        .take(max)
        .collect()
}

/// A reflection, posted as a reply to the reveal, with the author's two buttons.
pub fn reflection_post(
    lang: Lang,
    author: UserId,
    reflector: UserId,
    text: &str,
    id: u64,
    reply_to: Option<MessageId>,
    marker: &str,
) -> Post {
    Post {
        content: Some(copy::reflection_intro(lang, author, reflector)),
        embeds: vec![Embed {
            title: copy::reflect_label(lang),
            description: clip_field(text, MAX_ANSWER),
            fields: vec![],
            footer: None,
            colour: COLOUR,
            inline: false,
        }],
        buttons: vec![
            Button {
                custom_id: ComponentId::felt_heard(id, true, marker),
                label: copy::felt_heard_button(lang),
                style: ButtonStyle::Success,
            },
            Button {
                custom_id: ComponentId::felt_heard(id, false, marker),
                label: copy::not_quite_button(lang),
                style: ButtonStyle::Secondary,
            },
        ],
        mentions: vec![author],
        reply_to,
        partner_words: false,
    }
}

/// Told in the channel, without any content, when a post with a partner's words was held.
pub fn held_notice(lang: Lang, partners: [UserId; 2], marker: &str) -> Post {
    Post {
        content: Some(copy::held_notice(lang, partners)),
        embeds: vec![],
        buttons: vec![help_button(lang, marker)],
        mentions: partners.to_vec(),
        reply_to: None,
        partner_words: false,
    }
}

/// One gentle reminder, mentioning only the partner who has not checked in.
pub fn reminder(lang: Lang, partner: UserId, marker: &str) -> Post {
    Post {
        content: Some(copy::reminder(lang, partner)),
        embeds: vec![],
        buttons: vec![check_in_button(lang, marker)],
        mentions: vec![partner],
        reply_to: None,
        partner_words: false,
    }
}

/// The weekly digest.
pub fn digest(lang: Lang, partners: [UserId; 2], w: &Week, marker: &str) -> Post {
    let fields = w
        .from_jar
        .as_ref()
        .map(|(who, text)| {
            vec![(
                copy::from_your_jar(lang),
                copy::jar_line(lang, *who, &crate::domain::text::clip(text, 900)),
            )]
        })
        .unwrap_or_default();
    Post {
        content: Some(copy::digest_intro(lang, partners)),
        embeds: vec![Embed {
            title: copy::digest_title(lang),
            description: copy::digest_description(lang, w),
            fields,
            footer: None,
            colour: COLOUR,
            inline: false,
        }],
        buttons: vec![check_in_button(lang, marker)],
        mentions: partners.to_vec(),
        reply_to: None,
        partner_words: false,
    }
}

/// The note that tells a partner their couple was forgotten: no buttons, one mention.
pub fn forget_note(lang: Lang, partner: UserId, by: UserId) -> Post {
    Post {
        content: Some(copy::forget_note(lang, partner, by)),
        embeds: vec![],
        buttons: vec![],
        mentions: vec![partner],
        reply_to: None,
        partner_words: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const EN: Lang = Lang::ENGLISH;
    use crate::domain::checkin::{DayQuestion, Draft, MAX_NOTE};

    /// The longest answers a form can hold, accepted by the check-in rule.
    fn longest(question: Option<&DayQuestion>, letter: &str, mood: &str) -> Answers {
        Draft {
            mood: mood.into(),
            answer: letter.repeat(MAX_QUESTION_ANSWER),
            appreciated: letter.repeat(MAX_NOTE),
            hear: letter.repeat(MAX_NOTE),
        }
        .accept(question)
        .expect("the longest answers are accepted")
    }

    fn check_limits(post: &Post) {
        let n = |s: &str| s.chars().count();
        assert!(post.embeds.len() <= 10);
        assert!(
            embeds_chars(&post.embeds) <= EMBEDS_MAX,
            "{}",
            embeds_chars(&post.embeds)
        );
        for e in &post.embeds {
            assert!(n(&e.title) <= 256 && n(&e.description) <= 4096);
            assert!(e.fields.len() <= 25);
            for (k, v) in &e.fields {
                assert!(n(k) <= 256 && !k.is_empty(), "{k}");
                assert!(n(v) <= FIELD_MAX && !v.is_empty(), "{k}: {}", n(v));
            }
        }
        assert!(post.content.as_deref().map_or(0, n) <= 2000);
    }

    #[test]
    fn the_longest_accepted_check_ins_fit_in_one_reveal_whole() {
        // The longest question a prompt may have, and snowflakes of the most digits.
        let q = DayQuestion {
            text: "Q".repeat(MAX_QUESTION_CHARS),
            short: "q".repeat(100),
        };
        let (a, b) = (UserId(u64::MAX), UserId(u64::MAX - 1));
        let day = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        for moods in [("1", "1"), ("4", "5"), ("2", "3")] {
            let both = [
                (a, longest(Some(&q), "é", moods.0)),
                (b, longest(Some(&q), "w", moods.1)),
            ];
            let post = reveal(EN, day, &both, "r1");
            check_limits(&post);
            // Nothing was cut: every answer appears in full.
            let all: String = post
                .embeds
                .iter()
                .flat_map(|e| e.fields.iter().map(|(_, v)| v.as_str()))
                .collect();
            assert_eq!(all.matches('é').count(), MAX_QUESTION_ANSWER + 2 * MAX_NOTE);
            assert_eq!(all.matches('w').count(), MAX_QUESTION_ANSWER + 2 * MAX_NOTE);
            // The question, then both answers side by side.
            let first = &post.embeds[0];
            assert_eq!(first.description, q.text);
            assert!(first.inline);
            assert_eq!(first.fields.len(), 2);
            assert!(first.fields[0].1.starts_with(&copy::user(a)));
            assert!(first.fields[1].1.starts_with(&copy::user(b)));
            assert_eq!(post.embeds.len(), 3);
        }
    }

    #[test]
    fn older_check_ins_still_reveal_within_the_limits() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        let (a, b) = (UserId(u64::MAX), UserId(u64::MAX - 1));
        // Before questions: 1000 characters each for the appreciation and "hear".
        let old = Answers {
            mood: crate::domain::checkin::Mood::new(2).unwrap(),
            question: None,
            answer: None,
            appreciated: Some("a\n".repeat(700)),
            hear: Some("h".repeat(MAX_ANSWER)),
        };
        let post = reveal(EN, day, &[(a, old.clone()), (b, old.clone())], "r1");
        check_limits(&post);
        assert_eq!(post.embeds.len(), 2, "no question, no question embed");
        // One older check-in beside one answering the day's question.
        let q = DayQuestion {
            text: "What did today feel like?".into(),
            short: "What did today feel like?".into(),
        };
        let new = longest(Some(&q), "n", "5");
        let post = reveal(EN, day, &[(a, old.clone()), (b, new)], "r1");
        check_limits(&post);
        assert_eq!(
            post.embeds[0].fields[0].1,
            format!("<@{}>\n{}", a.0, copy::not_asked(EN))
        );
        // Rows beyond every limit (written by hand, say) are cut, never unsendable.
        let huge = Answers {
            question: Some("Q".repeat(5000)),
            answer: Some("x".repeat(5000)),
            appreciated: Some("y".repeat(5000)),
            hear: Some("z".repeat(5000)),
            ..old
        };
        let post = reveal(EN, day, &[(a, huge.clone()), (b, huge)], "r1");
        check_limits(&post);
    }

    #[test]
    fn each_answer_stands_under_the_question_it_answered() {
        let (a, b) = (UserId(1), UserId(2));
        let day = NaiveDate::from_ymd_opt(2027, 4, 5).unwrap();
        let asked = |question: &str, answer: &str| Answers {
            mood: crate::domain::checkin::Mood::new(4).unwrap(),
            question: Some(question.into()),
            answer: Some(answer.into()),
            appreciated: None,
            hear: None,
        };
        // Far apart, the two were asked the prompts of different days.
        let post = reveal(
            EN,
            day,
            &[
                (a, asked("What made you laugh?", "the cat")),
                (b, asked("What are you looking forward to?", "Friday")),
            ],
            "r1",
        );
        check_limits(&post);
        let questions: Vec<_> = post.embeds[..2]
            .iter()
            .map(|e| (e.description.as_str(), e.fields.len()))
            .collect();
        assert_eq!(
            questions,
            [
                ("What made you laugh?", 1),
                ("What are you looking forward to?", 1)
            ]
        );
        assert!(post.embeds[0].fields[0].1.ends_with("the cat"));
        assert!(post.embeds[1].fields[0].1.ends_with("Friday"));
        assert_ne!(post.embeds[0].title, copy::todays_question(EN));
        // The same question: one embed, both answers side by side.
        let post = reveal(
            EN,
            day,
            &[(a, asked("Q?", "x")), (b, asked("Q?", "y"))],
            "r1",
        );
        assert_eq!(post.embeds[0].title, copy::todays_question(EN));
        assert_eq!(post.embeds[0].fields.len(), 2);
        // Spanish, with both questions at their longest, still within Discord's limits.
        let long = "¿".to_string() + &"q".repeat(MAX_QUESTION_CHARS * 2);
        let post = reveal(
            Lang::from_code("es").unwrap(),
            day,
            &[
                (a, asked(&long, &"x".repeat(MAX_QUESTION_ANSWER))),
                (b, asked("otra", &"y".repeat(MAX_QUESTION_ANSWER))),
            ],
            "r1",
        );
        check_limits(&post);
    }

    #[test]
    fn a_deep_nudge_offers_a_small_version_and_something_lighter() {
        let library = crate::domain::prompt::Library::builtin();
        let deep = library
            .iter()
            .find(|p| p.depth == Depth::Deep)
            .expect("the library has deep prompts");
        let post = drawn_nudge(EN, &Drawn::of(deep), &[], "n1");
        let embed = &post.embeds[0];
        assert!(embed.description.starts_with(&deep.text));
        let small = deep
            .small
            .as_deref()
            .expect("a deep prompt's small version");
        assert!(embed.description.ends_with(&copy::keep_it_small(EN, small)));
        assert_eq!(embed.title, copy::deck_title(EN, deep.deck));
        let ids: Vec<_> = post
            .buttons
            .iter()
            .map(|b| ComponentId::parse(&b.custom_id).unwrap())
            .collect();
        assert_eq!(
            ids,
            [
                ComponentId::CheckIn,
                ComponentId::AnotherPrompt(deep.deck),
                ComponentId::Lighter(deep.deck)
            ]
        );
        let light = library
            .iter()
            .find(|p| p.depth == Depth::Light && p.short.is_some())
            .unwrap();
        let mut drawn = Drawn::of(light);
        let post = drawn_nudge(EN, &drawn, &[], "n1");
        assert_eq!(post.buttons.len(), 2, "nothing lighter than light");
        assert_eq!(post.embeds[0].description, light.text);
        assert_eq!(
            post.embeds[0].footer.as_deref(),
            Some(copy::nudge_footer(EN).as_str())
        );
        drawn.question_kept = true;
        let post = drawn_nudge(EN, &drawn, &[], "n1");
        assert_eq!(
            post.embeds[0].footer.as_deref(),
            Some(copy::question_kept(EN).as_str())
        );
    }

    #[test]
    fn a_reveal_shows_only_the_answers_given() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        let only_hear = Answers {
            mood: crate::domain::checkin::Mood::new(3).unwrap(),
            question: None,
            answer: None,
            appreciated: None,
            hear: Some("I'm tired.".into()),
        };
        let post = reveal(
            EN,
            day,
            &[(UserId(1), only_hear.clone()), (UserId(2), only_hear)],
            "r1",
        );
        for e in &post.embeds {
            assert_eq!(
                e.fields,
                vec![(copy::hear_label(EN), "I'm tired.".to_string())]
            );
        }
    }
}
