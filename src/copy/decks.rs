//! The names of the prompt decks, and the words around a prompt's own parts.

use super::*;
use crate::domain::prompt::Deck;

/// A deck's name, as the title of a nudge or a `/prompt` answer: a practice's deck has the
/// practice's title. The warning-sign decks are named for where they lead, not for the sign.
pub fn deck_title(d: Deck) -> &'static str {
    match d {
        Deck::Appreciation => practice_title(Practice::Appreciation),
        Deck::ActiveListening => practice_title(Practice::ActiveListening),
        Deck::Vulnerability => practice_title(Practice::Vulnerability),
        Deck::QualityTime => practice_title(Practice::QualityTime),
        Deck::Validation => practice_title(Practice::Validation),
        Deck::Repair => "After a disagreement",
        Deck::Celebrating => "Good news",
        Deck::Us => "The two of you",
        Deck::TheirWorld => "Guess, then check",
        Deck::Rituals => "Little rituals",
        Deck::TwoMinute => "Two minutes",
        Deck::LonelyTogether => "Finding each other",
        Deck::SurfaceTalk => "Beyond small talk",
        Deck::Anniversary => ANNIVERSARY_TITLE,
    }
}

/// The line under a deep prompt that offers its easy way to keep it small (`Prompt::small`).
pub fn keep_it_small(small: &str) -> String {
    format!("If you'd like to keep it small: {small}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_deck_has_its_own_title() {
        let titles: HashSet<&str> = Deck::ALL.iter().map(|d| deck_title(*d)).collect();
        assert_eq!(titles.len(), Deck::ALL.len());
        for d in Deck::ALL {
            let t = deck_title(d);
            assert!(!t.is_empty() && t.chars().count() <= 40, "{d:?}: {t:?}");
            if let Some(p) = d.practice() {
                assert_eq!(t, practice_title(p));
            }
        }
        assert_eq!(
            keep_it_small("Name one small thing."),
            "If you'd like to keep it small: Name one small thing."
        );
    }
}
