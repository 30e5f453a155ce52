//! The prompt library's translations, checked against the English library: every prompt has
//! exactly one translation, with a short form and a small way exactly where the English has them,
//! within the same limits, and no word left in English or written with a gendered shortcut.
//!
//! A language is a file `locales/<lang>/prompts.toml` holding `[[prompt]]` entries of `key`,
//! `text`, and `short` / `small` where the English has them; every shipped language (see
//! [`Lang`]) other than English has one, so adding a language is adding its files.

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;

use super::{Library, Prompt, MAX_SHORT_CHARS, MAX_SMALL_CHARS, MAX_TEXT_CHARS};

use crate::domain::lang::Lang;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLocale {
    #[serde(default)]
    prompt: Vec<RawTranslation>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTranslation {
    key: String,
    text: String,
    short: Option<String>,
    small: Option<String>,
}

/// Gendered shortcuts a native speaker would write around instead ("tranquilo/a", "amig@s",
/// "todos(as)").
const GENDER_SHORTCUTS: &[&str] = &["/a", "/o", "/as", "/os", "@", "(a)", "(o)", "(as)", "(os)"];

/// Words that are English and never Spanish: one of them means a sentence was left untranslated.
const ENGLISH_WORDS: &[&str] = &[
    "the", "you", "your", "and", "with", "what", "when", "partner",
];

/// An "x" standing in for a gendered ending ("todxs", "amigx"): a word ending in "x" or "xs"
/// right after a consonant. Spanish words ending in "x" have a vowel before it ("relax", "fénix").
fn x_gender_form(word: &str) -> bool {
    let lower = word.to_lowercase();
    let stem = lower
        .strip_suffix("xs")
        .or_else(|| lower.strip_suffix('x'))
        .filter(|stem| !stem.is_empty());
    stem.and_then(|s| s.chars().last())
        .is_some_and(|c| c.is_alphabetic() && !"aeiouáéíóúü".contains(c))
}

/// What is wrong with one translated field, if anything.
fn field_problems(key: &str, field: &str, es: &str, en: &str, max: usize) -> Vec<String> {
    let mut problems = Vec::new();
    let mut say = |what: String| problems.push(format!("{key} {field}: {what}"));
    if es.trim().is_empty() {
        say("is empty".into());
        return problems;
    }
    if es.trim() != es {
        say("starts or ends with white space".into());
    }
    let chars = es.chars().count();
    if chars > max {
        say(format!("is {chars} characters long, over {max}"));
    }
    if es.chars().any(char::is_control) {
        say("holds a control character".into());
    }
    if es.trim() == en.trim() {
        say("is the English text".into());
    }
    for shortcut in GENDER_SHORTCUTS {
        if es.contains(shortcut) {
            say(format!("uses the gendered shortcut {shortcut:?}"));
        }
    }
    for word in es.split(|c: char| !c.is_alphanumeric()) {
        if ENGLISH_WORDS.iter().any(|w| w.eq_ignore_ascii_case(word)) {
            say(format!("holds the English word {word:?}"));
        }
        if x_gender_form(word) {
            say(format!("uses the gendered form {word:?}"));
        }
    }
    if es.matches('?').count() != es.matches('¿').count() {
        say("has a question without its opening ¿ (or the other way round)".into());
    }
    if es.matches('!').count() != es.matches('¡').count() {
        say("has an exclamation without its opening ¡ (or the other way round)".into());
    }
    problems
}

/// What is wrong with a present-or-absent field: present exactly when the English has it.
fn optional_problems(
    key: &str,
    field: &str,
    es: Option<&str>,
    en: Option<&str>,
    max: usize,
) -> Vec<String> {
    match (es, en) {
        (Some(es), Some(en)) => field_problems(key, field, es, en, max),
        (None, None) => Vec::new(),
        (None, Some(_)) => vec![format!("{key} {field}: missing (the English has one)")],
        (Some(_), None) => vec![format!("{key} {field}: present (the English has none)")],
    }
}

/// Every problem of a translated library against the English one; empty when it is complete.
fn problems(library: &Library, locale_toml: &str) -> Vec<String> {
    let raw: RawLocale = match toml::from_str(locale_toml) {
        Ok(raw) => raw,
        Err(e) => return vec![format!("not valid TOML: {e}")],
    };
    let english: BTreeMap<&str, &Prompt> = library.iter().map(|p| (p.key.as_str(), p)).collect();
    let mut seen = BTreeSet::new();
    let mut problems = Vec::new();
    for t in &raw.prompt {
        let key = t.key.as_str();
        if !seen.insert(key) {
            problems.push(format!("{key}: translated more than once"));
            continue;
        }
        let Some(en) = english.get(key) else {
            problems.push(format!("{key}: no English prompt has this key"));
            continue;
        };
        problems.extend(field_problems(
            key,
            "text",
            &t.text,
            &en.text,
            MAX_TEXT_CHARS,
        ));
        problems.extend(optional_problems(
            key,
            "short",
            t.short.as_deref(),
            en.short.as_deref(),
            MAX_SHORT_CHARS,
        ));
        problems.extend(optional_problems(
            key,
            "small",
            t.small.as_deref(),
            en.small.as_deref(),
            MAX_SMALL_CHARS,
        ));
    }
    problems.extend(
        english
            .keys()
            .filter(|key| !seen.contains(*key))
            .map(|key| format!("{key}: not translated")),
    );
    problems
}

#[test]
fn every_prompt_has_one_complete_translation_in_every_language() {
    let library = Library::builtin();
    let translated: Vec<Lang> = Lang::prompt_files().map(|(lang, _)| lang).collect();
    for lang in Lang::shipped().skip(1) {
        assert!(
            translated.contains(&lang),
            "locales/{}/prompts.toml is missing",
            lang.code()
        );
    }
    for (lang, toml_text) in Lang::prompt_files() {
        let found = problems(library, toml_text);
        let lang = lang.code();
        assert!(
            found.is_empty(),
            "locales/{lang}/prompts.toml: {} problems:\n{}",
            found.len(),
            found.join("\n")
        );
    }
}

#[test]
fn the_check_finds_missing_extra_and_faulty_translations() {
    let library = Library::builtin();
    let es = Lang::prompt_files()
        .find(|(lang, _)| lang.code() == "es")
        .map(|(_, text)| text)
        .expect("the Spanish prompts");
    let first = library.iter().next().expect("the library has prompts");
    let key_line = format!("key = \"{}\"", first.key);
    assert!(es.contains(&key_line), "the first prompt is translated");

    // A prompt left out, one invented, one translated twice.
    let dropped = es.replacen(&key_line, "key = \"zz-001\"", 1);
    let found = problems(library, &dropped);
    assert!(found
        .iter()
        .any(|p| p == &format!("{}: not translated", first.key)));
    assert!(found
        .iter()
        .any(|p| p.starts_with("zz-001: no English prompt")));
    let twice = format!("{es}\n[[prompt]]\n{key_line}\ntext = \"Otra vez.\"\n");
    assert!(problems(library, &twice)
        .iter()
        .any(|p| p.contains("translated more than once")));

    // Faulty fields, one at a time, on one entry.
    let entry = |text: &str, short: Option<&str>, small: Option<&str>| {
        let quoted = |s: &str| toml::Value::String(s.to_string()).to_string();
        let mut toml_text = format!(
            "[[prompt]]\nkey = {}\ntext = {}\n",
            quoted(&first.key),
            quoted(text)
        );
        for (field, value) in [("short", short), ("small", small)] {
            if let Some(value) = value {
                toml_text.push_str(&format!("{field} = {}\n", quoted(value)));
            }
        }
        let found = problems(library, &toml_text);
        assert!(
            !found.iter().any(|p| p.starts_with("not valid TOML")),
            "{found:?}"
        );
        found
            .into_iter()
            .filter(|p| p.starts_with(&format!("{} ", first.key)))
            .collect::<Vec<_>>()
    };
    let good_short = first.short.as_ref().map(|_| "¿Qué tal?");
    let good_small = first.small.as_ref().map(|_| "Algo pequeño.");
    let too_long = "a".repeat(MAX_TEXT_CHARS + 1);
    assert_eq!(
        entry("Un texto en calma.", good_short, good_small),
        Vec::<String>::new()
    );
    for (bad, what) in [
        ("", "is empty"),
        (" Con espacio.", "white space"),
        ("Con\u{7}campana.", "control character"),
        (first.text.as_str(), "English"),
        ("¿Estás tranquilo/a?", "\"/a\""),
        ("Para todxs.", "\"todxs\""),
        ("Cuéntale a amig@s.", "\"@\""),
        ("Tell your pareja.", "English word"),
        ("Qué tal?", "opening ¿"),
        (too_long.as_str(), "over 300"),
    ] {
        let found = entry(bad, good_short, good_small);
        assert!(
            found.iter().any(|p| p.contains(what)),
            "{bad:?} should be refused for {what}: {found:?}"
        );
    }
    let long_short = "¿".to_string() + &"a".repeat(MAX_SHORT_CHARS) + "?";
    let wrong_short = if first.short.is_some() {
        None
    } else {
        Some("¿Qué tal?")
    };
    let found = entry("Un texto.", wrong_short, good_small);
    assert!(found.iter().any(|p| p.contains(" short: ")), "{found:?}");
    if first.short.is_some() {
        let found = entry("Un texto.", Some(&long_short), good_small);
        assert!(found.iter().any(|p| p.contains("over 100")), "{found:?}");
    }
    let wrong_small = if first.small.is_some() {
        None
    } else {
        Some("Algo pequeño.")
    };
    let found = entry("Un texto.", good_short, wrong_small);
    assert!(found.iter().any(|p| p.contains(" small: ")), "{found:?}");

    // Words that merely contain an x or a slash are fine.
    assert!(!x_gender_form("relax") && !x_gender_form("texto") && !x_gender_form("x"));
    assert!(x_gender_form("amigxs") && x_gender_form("Todx"));
}

#[test]
fn a_drawn_prompt_speaks_the_couples_language_but_their_own_words_stay_theirs() {
    let es = Lang::from_code("es").expect("Spanish is shipped");
    let library = Library::builtin();
    let question = library
        .iter()
        .find(|p| p.short.is_some())
        .expect("a question");
    let drawn = super::Drawn::of(question).in_language(es);
    assert_ne!(drawn.text, question.text);
    assert!(drawn.short.is_some() && drawn.short != question.short);
    assert_eq!(drawn.key, question.key);
    assert_eq!(
        super::Drawn::of(question).in_language(Lang::ENGLISH).text,
        question.text
    );
    let own = super::Drawn::custom(
        "c-1".into(),
        question.deck,
        "What made you laugh today?".into(),
        crate::domain::ids::UserId(1),
    );
    assert_eq!(own.clone().in_language(es), own);
}
