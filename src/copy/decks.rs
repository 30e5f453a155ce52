//! The names of the prompt decks, and the words around a prompt's own parts
//! (`locales/<lang>/decks.ftl`).

use super::*;
use crate::domain::prompt::Deck;

/// A deck's name, as the title of a nudge or a `/prompt` answer: a practice's deck has the
/// practice's title. The warning-sign decks are named for where they lead, not for the sign.
pub fn deck_title(lang: Lang, d: Deck) -> String {
    match d {
        Deck::Appreciation => practice_title(lang, Practice::Appreciation),
        Deck::ActiveListening => practice_title(lang, Practice::ActiveListening),
        Deck::Vulnerability => practice_title(lang, Practice::Vulnerability),
        Deck::QualityTime => practice_title(lang, Practice::QualityTime),
        Deck::Validation => practice_title(lang, Practice::Validation),
        Deck::Repair => tr!(lang, "deck-repair"),
        Deck::Celebrating => tr!(lang, "deck-celebrating"),
        Deck::Us => tr!(lang, "deck-us"),
        Deck::TheirWorld => tr!(lang, "deck-their-world"),
        Deck::Rituals => tr!(lang, "deck-rituals"),
        Deck::TwoMinute => tr!(lang, "deck-two-minute"),
        Deck::LonelyTogether => tr!(lang, "deck-lonely-together"),
        Deck::SurfaceTalk => tr!(lang, "deck-surface-talk"),
        Deck::Anniversary => tr!(lang, "deck-anniversary"),
    }
}

/// The line under a deep prompt that offers its easy way to keep it small (`Prompt::small`).
pub fn keep_it_small(lang: Lang, small: &str) -> String {
    tr!(lang, "keep-it-small", small = small)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_deck_has_its_own_title() {
        for lang in Lang::shipped() {
            let titles: HashSet<String> = Deck::ALL.iter().map(|d| deck_title(lang, *d)).collect();
            assert_eq!(titles.len(), Deck::ALL.len());
            for d in Deck::ALL {
                let t = deck_title(lang, d);
                assert!(!t.is_empty() && t.chars().count() <= 40, "{d:?}: {t:?}");
                if let Some(p) = d.practice() {
                    assert_eq!(t, practice_title(lang, p));
                }
            }
        }
        assert_eq!(
            keep_it_small(Lang::ENGLISH, "Name one small thing."),
            "If you'd like to keep it small: Name one small thing."
        );
    }
}
