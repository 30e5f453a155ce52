//! The prompt library and the per-couple deck: which prompt comes next.
//!
//! Everything here is pure: the library is parsed from a `&str` (the shipped one is compiled in
//! with `include_str!`), randomness comes from the caller's `Rng`, and nothing touches Discord or
//! the database. The store remembers each couple's deck as "keys drawn in the current round" per
//! deck; [`deal`] turns that into the next key.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Deserialize;

pub mod deal;
#[cfg(test)]
mod locales;

/// The five practices of emotional intimacy haven nudges towards.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Practice {
    Appreciation,
    ActiveListening,
    Vulnerability,
    QualityTime,
    Validation,
}

/// The three practices mixed in between the two headline practices, in rotation order.
const MIXED_IN: [Practice; 3] = [
    Practice::Vulnerability,
    Practice::QualityTime,
    Practice::Validation,
];

impl Practice {
    pub const ALL: [Practice; 5] = [
        Practice::Appreciation,
        Practice::ActiveListening,
        Practice::Vulnerability,
        Practice::QualityTime,
        Practice::Validation,
    ];

    /// The stable key used in `config/prompts.toml`, the database and command options.
    pub fn key(self) -> &'static str {
        match self {
            Practice::Appreciation => "appreciation",
            Practice::ActiveListening => "active_listening",
            Practice::Vulnerability => "vulnerability",
            Practice::QualityTime => "quality_time",
            Practice::Validation => "validation",
        }
    }

    /// The prefix of this practice's library keys (`ap-001`, `al-001`, ...).
    pub fn prefix(self) -> &'static str {
        match self {
            Practice::Appreciation => "ap",
            Practice::ActiveListening => "al",
            Practice::Vulnerability => "vu",
            Practice::QualityTime => "qt",
            Practice::Validation => "va",
        }
    }

    /// The English name in key form (`being_vulnerable`), accepted as well as the key.
    fn title_key(self) -> &'static str {
        match self {
            Practice::Appreciation => "appreciation",
            Practice::ActiveListening => "active_listening",
            Practice::Vulnerability => "being_vulnerable",
            Practice::QualityTime => "quality_time",
            Practice::Validation => "validating_feelings",
        }
    }

    /// Reads a practice from its key or its title, case-insensitively, with spaces, underscores
    /// and dashes treated alike (`"Active listening"`, `"active-listening"`, `"ACTIVE_LISTENING"`).
    /// Anything else (other characters, zero-width ones included, or over-long input) is `None`.
    pub fn parse(s: &str) -> Option<Practice> {
        let norm = normalize_name(s)?;
        Practice::ALL
            .into_iter()
            .find(|p| norm == p.key() || norm == p.title_key())
    }

    /// The headline practice of the n-th nudge (n from 0) of a couple, by the rotation of the
    /// five practices alone. Scheduled nudges follow [`deal::slot`], which mixes in the other
    /// decks and keeps every practice at least 4 times in any 30 nudges.
    ///
    /// The pattern repeats every 9 nudges, in threes: appreciation, active listening, then one of
    /// the other three in rotation (vulnerability, quality time, validation):
    ///
    /// `A L Vu | A L Qt | A L Va | A L Vu | ...`
    ///
    /// So appreciation and active listening alternate as headlines (ignoring the mixed-in slots
    /// the sequence reads A L A L ...), together two nudges in three, and each of the other three
    /// comes back exactly every 9 nudges: any 10 consecutive nudges contain all five practices.
    /// (A, L, A, L, X with period 5 would leave a gap of 15 between the same mixed-in practice.)
    pub fn for_nudge(n: u64) -> Practice {
        match n % 3 {
            0 => Practice::Appreciation,
            1 => Practice::ActiveListening,
            _ => MIXED_IN[((n / 3) % 3) as usize],
        }
    }
}

/// A practice or deck name folded to key form: trimmed, ASCII letters lowercased, runs of
/// spaces, underscores and dashes turned into one underscore. Anything else (other characters,
/// zero-width ones included, or over-long input) is `None`.
fn normalize_name(s: &str) -> Option<String> {
    /// Longer than any accepted spelling with generous padding; refuses huge input early.
    const MAX_BYTES: usize = 64;
    let s = s.trim();
    if s.is_empty() || s.len() > MAX_BYTES {
        return None;
    }
    let mut norm = String::with_capacity(s.len());
    let mut separator = false;
    for c in s.chars() {
        if c == '_' || c == '-' || c == ' ' {
            separator = true;
        } else if c.is_ascii_alphabetic() {
            if separator && !norm.is_empty() {
                norm.push('_');
            }
            separator = false;
            norm.push(c.to_ascii_lowercase());
        } else {
            return None;
        }
    }
    (!norm.is_empty()).then_some(norm)
}

/// A deck of the library: one of the five practices, or one of the decks beyond them.
///
/// Library keys start with the deck's [`prefix`](Deck::prefix); `config/prompts.toml` names the
/// deck in its `practice` field by [`key`](Deck::key).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Deck {
    Appreciation,
    ActiveListening,
    Vulnerability,
    QualityTime,
    Validation,
    /// Repair after a conflict, "when you are both calm": opt-in, drawn only on request.
    Repair,
    /// Celebrating good news.
    Celebrating,
    /// "Us": your story and your shared future.
    Us,
    /// Knowing each other's world: guess, then check.
    TheirWorld,
    /// Rituals of connection.
    Rituals,
    /// Two-minute prompts for busy days.
    TwoMinute,
    /// The warning sign "feeling lonely together", by name.
    LonelyTogether,
    /// The warning sign "surface-level talk", by name.
    SurfaceTalk,
    /// The couple's story, for the first nudge of their anniversary: drawn on that day only.
    Anniversary,
}

impl Deck {
    pub const ALL: [Deck; 14] = [
        Deck::Appreciation,
        Deck::ActiveListening,
        Deck::Vulnerability,
        Deck::QualityTime,
        Deck::Validation,
        Deck::Repair,
        Deck::Celebrating,
        Deck::Us,
        Deck::TheirWorld,
        Deck::Rituals,
        Deck::TwoMinute,
        Deck::LonelyTogether,
        Deck::SurfaceTalk,
        Deck::Anniversary,
    ];

    /// The stable key used in `config/prompts.toml` (its `practice` field), the database and
    /// command options. A practice's deck has the practice's key.
    pub fn key(self) -> &'static str {
        match self {
            Deck::Appreciation => Practice::Appreciation.key(),
            Deck::ActiveListening => Practice::ActiveListening.key(),
            Deck::Vulnerability => Practice::Vulnerability.key(),
            Deck::QualityTime => Practice::QualityTime.key(),
            Deck::Validation => Practice::Validation.key(),
            Deck::Repair => "repair",
            Deck::Celebrating => "celebrating",
            Deck::Us => "us",
            Deck::TheirWorld => "their_world",
            Deck::Rituals => "rituals",
            Deck::TwoMinute => "two_minute",
            Deck::LonelyTogether => "lonely_together",
            Deck::SurfaceTalk => "surface_talk",
            Deck::Anniversary => "anniversary",
        }
    }

    /// The prefix of this deck's library keys (`rp-001`, ...); a practice's deck has the
    /// practice's prefix.
    pub fn prefix(self) -> &'static str {
        match self {
            Deck::Appreciation => Practice::Appreciation.prefix(),
            Deck::ActiveListening => Practice::ActiveListening.prefix(),
            Deck::Vulnerability => Practice::Vulnerability.prefix(),
            Deck::QualityTime => Practice::QualityTime.prefix(),
            Deck::Validation => Practice::Validation.prefix(),
            Deck::Repair => "rp",
            Deck::Celebrating => "ce",
            Deck::Us => "us",
            Deck::TheirWorld => "wo",
            Deck::Rituals => "ri",
            Deck::TwoMinute => "tm",
            Deck::LonelyTogether => "lt",
            Deck::SurfaceTalk => "st",
            Deck::Anniversary => "an",
        }
    }

    /// The practice this deck belongs to, for the five practices' own decks.
    pub fn practice(self) -> Option<Practice> {
        match self {
            Deck::Appreciation => Some(Practice::Appreciation),
            Deck::ActiveListening => Some(Practice::ActiveListening),
            Deck::Vulnerability => Some(Practice::Vulnerability),
            Deck::QualityTime => Some(Practice::QualityTime),
            Deck::Validation => Some(Practice::Validation),
            Deck::Repair
            | Deck::Celebrating
            | Deck::Us
            | Deck::TheirWorld
            | Deck::Rituals
            | Deck::TwoMinute
            | Deck::LonelyTogether
            | Deck::SurfaceTalk
            | Deck::Anniversary => None,
        }
    }

    /// Whether the deck is drawn only when a partner asks for it (repair), never for a nudge.
    pub fn on_request_only(self) -> bool {
        self == Deck::Repair
    }

    /// Whether the deck is drawn only for the first nudge of the couple's anniversary: never by
    /// the rotation, Another prompt, Lighter or `/prompt now`.
    pub fn anniversary_only(self) -> bool {
        self == Deck::Anniversary
    }

    /// Whether a partner may ask for the deck (`/prompt now`, Another prompt, Lighter).
    pub fn on_request(self) -> bool {
        !self.anniversary_only()
    }

    /// The deck a partner's request for this deck draws from: the anniversary's Another prompt
    /// and Lighter buttons draw from "us" (the couple's story), every other deck from itself.
    pub fn asked_instead(self) -> Deck {
        if self.on_request() {
            self
        } else {
            Deck::Us
        }
    }

    /// The deck's place in [`Deck::ALL`] (the variants are declared in that order).
    fn index(self) -> usize {
        self as usize
    }

    /// Reads a deck from its key (or, for a practice, its title too), with the leniency of
    /// [`Practice::parse`] (`"their world"`, `"Two-minute"`, `"being vulnerable"`).
    pub fn parse(s: &str) -> Option<Deck> {
        if let Some(p) = Practice::parse(s) {
            return Some(p.into());
        }
        let norm = normalize_name(s)?;
        Deck::ALL.into_iter().find(|d| norm == d.key())
    }
}

impl From<Practice> for Deck {
    fn from(p: Practice) -> Deck {
        match p {
            Practice::Appreciation => Deck::Appreciation,
            Practice::ActiveListening => Deck::ActiveListening,
            Practice::Vulnerability => Deck::Vulnerability,
            Practice::QualityTime => Deck::QualityTime,
            Practice::Validation => Deck::Validation,
        }
    }
}

/// What a prompt asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// Answerable in a few sentences; it has a short form that fits a form.
    Question,
    /// Something to do together.
    Activity,
}

impl Kind {
    pub const ALL: [Kind; 2] = [Kind::Question, Kind::Activity];

    pub fn key(self) -> &'static str {
        match self {
            Kind::Question => "question",
            Kind::Activity => "activity",
        }
    }
}

/// How deep a prompt goes. Ordered: `Light < Medium < Deep`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Depth {
    Light,
    Medium,
    Deep,
}

impl Depth {
    pub const ALL: [Depth; 3] = [Depth::Light, Depth::Medium, Depth::Deep];

    /// 1 light, 2 medium, 3 deep: the number written in `config/prompts.toml`.
    pub fn level(self) -> u8 {
        match self {
            Depth::Light => 1,
            Depth::Medium => 2,
            Depth::Deep => 3,
        }
    }

    pub fn from_level(n: i64) -> Option<Depth> {
        match n {
            1 => Some(Depth::Light),
            2 => Some(Depth::Medium),
            3 => Some(Depth::Deep),
            _ => None,
        }
    }
}

/// Where a prompt works: with both partners in one place, apart (a message, a call), or either.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Place {
    Together,
    Apart,
    Either,
}

impl Place {
    pub const ALL: [Place; 3] = [Place::Together, Place::Apart, Place::Either];

    pub fn key(self) -> &'static str {
        match self {
            Place::Together => "together",
            Place::Apart => "apart",
            Place::Either => "either",
        }
    }
}

/// When a prompt works: any time of day, or only in the evening (it looks back on the day).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum When {
    Any,
    Evening,
}

impl When {
    pub const ALL: [When; 2] = [When::Any, When::Evening];

    pub fn key(self) -> &'static str {
        match self {
            When::Any => "any",
            When::Evening => "evening",
        }
    }
}

/// One prompt of the library.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    pub key: String,
    pub deck: Deck,
    pub kind: Kind,
    pub depth: Depth,
    pub place: Place,
    pub when: When,
    /// The full prompt, plain text.
    pub text: String,
    /// A question's short form (at most [`MAX_SHORT_CHARS`]), for a form; `None` for an activity.
    pub short: Option<String>,
    /// A deep prompt's easy way to keep it small, one sentence; `None` below deep.
    pub small: Option<String>,
}

impl Prompt {
    /// The practice of the prompt's deck, for the five practices' decks.
    pub fn practice(&self) -> Option<Practice> {
        self.deck.practice()
    }
}

/// A library prompt's words in another language (`locales/<lang>/prompts.toml`).
#[derive(Debug, Deserialize)]
struct Translated {
    key: String,
    text: String,
    short: Option<String>,
    small: Option<String>,
}

#[derive(Debug, Deserialize)]
struct TranslatedFile {
    #[serde(default)]
    prompt: Vec<Translated>,
}

/// The library's words in `lang`, by key; `None` for English and for a language without a
/// readable prompt file (its test refuses one that is not).
fn translations(lang: crate::domain::lang::Lang) -> Option<&'static HashMap<String, Translated>> {
    type All = HashMap<crate::domain::lang::Lang, HashMap<String, Translated>>;
    static ALL: OnceLock<All> = OnceLock::new();
    ALL.get_or_init(|| {
        crate::domain::lang::Lang::prompt_files()
            .filter_map(|(lang, text)| {
                let file: TranslatedFile = toml::from_str(text).ok()?;
                let words = file
                    .prompt
                    .into_iter()
                    .map(|t| (t.key.clone(), t))
                    .collect();
                Some((lang, words))
            })
            .collect()
    })
    .get(&lang)
}

/// A prompt drawn for a couple: its words, and who added it when it is one of the couple's own
/// (then it carries a partner's words).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Drawn {
    /// Its library key, or the key of the couple's own prompt (`c-<id>`).
    pub key: String,
    pub deck: Deck,
    pub text: String,
    pub added_by: Option<super::ids::UserId>,
    pub depth: Depth,
    /// A question's short form: the check-in asks it. `None` for an activity.
    pub short: Option<String>,
    /// A deep prompt's easy way to keep it small.
    pub small: Option<String>,
    /// The prompt is a question, but the day's check-in keeps the question a partner already
    /// answered (the day's question changes only until the first check-in).
    pub question_kept: bool,
}

impl Drawn {
    /// A library prompt as drawn.
    pub fn of(p: &Prompt) -> Drawn {
        Drawn {
            key: p.key.clone(),
            deck: p.deck,
            text: p.text.clone(),
            added_by: None,
            depth: p.depth,
            short: p.short.clone(),
            small: p.small.clone(),
            question_kept: false,
        }
    }

    /// One of the couple's own prompts: light, and a question (with itself as its short form)
    /// when it is one short question, ending with a question mark.
    pub fn custom(key: String, deck: Deck, text: String, by: super::ids::UserId) -> Drawn {
        let trimmed = text.trim_end();
        let short = (trimmed.ends_with('?') && trimmed.chars().count() <= MAX_SHORT_CHARS)
            .then(|| trimmed.to_string());
        Drawn {
            key,
            deck,
            text,
            added_by: Some(by),
            depth: Depth::Light,
            short,
            small: None,
            question_kept: false,
        }
    }

    /// The same prompt in `lang`: a library prompt takes that language's words (English when it
    /// has none); the couple's own prompts are their own words and are never translated.
    pub fn in_language(mut self, lang: crate::domain::lang::Lang) -> Drawn {
        if self.added_by.is_some() || self.key.is_empty() {
            return self;
        }
        if let Some(t) = translations(lang).and_then(|words| words.get(&self.key)) {
            self.text = t.text.clone();
            if self.short.is_some() {
                self.short = t.short.clone().or(self.short);
            }
            if self.small.is_some() {
                self.small = t.small.clone().or(self.small);
            }
        }
        self
    }

    /// Words to show when a deck has nothing to give.
    pub fn fallback(deck: Deck, text: &str) -> Drawn {
        Drawn {
            key: String::new(),
            deck,
            text: text.to_string(),
            added_by: None,
            depth: Depth::Light,
            short: None,
            small: None,
            question_kept: false,
        }
    }
}

/// One of a couple's own prompts, as `/prompt remove` lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomPrompt {
    /// Its row, which `/prompt remove` names.
    pub id: i64,
    pub practice: Practice,
    pub text: String,
    pub added_by: super::ids::UserId,
}

/// The longest library prompt text, in characters.
pub const MAX_TEXT_CHARS: usize = 300;
/// The longest short form of a question, in characters: it fits a form's placeholder.
pub const MAX_SHORT_CHARS: usize = 100;
/// The longest "keep it small" sentence of a deep prompt, in characters.
pub const MAX_SMALL_CHARS: usize = 200;
/// The fewest prompts a library may hold in all.
pub const MIN_PROMPTS: usize = 150;
/// The fewest appreciation and active-listening (headline) prompts each.
pub const MIN_HEADLINE_PROMPTS: usize = 40;
/// The fewest prompts of each mixed-in practice.
pub const MIN_OTHER_PROMPTS: usize = 1;

/// The library shipped with haven.
pub const BUILTIN_TOML: &str = include_str!("../../config/prompts.toml");

/// A prompt library: prompts grouped by deck, in file order, with a key index.
#[derive(Debug, Clone)]
pub struct Library {
    by_deck: [Vec<Prompt>; Deck::ALL.len()],
    index: HashMap<String, (Deck, usize)>,
}

/// Why a prompt library was refused. Every per-prompt error names the prompt's key.
#[derive(Debug, thiserror::Error)]
pub enum LibraryError {
    #[error("the prompt library is not valid TOML: {0}")]
    Toml(#[from] toml::de::Error),
    #[error(
        "prompt {key:?}: unknown practice {practice:?} (use appreciation, active_listening, \
         vulnerability, quality_time, validation, repair, celebrating, us, their_world, rituals, \
         two_minute, lonely_together, surface_talk or anniversary)"
    )]
    UnknownPractice { key: String, practice: String },
    #[error("prompt {key:?}: a {} prompt needs a key like \"{}-001\"", .deck.key(), .deck.prefix())]
    BadKey { key: String, deck: Deck },
    #[error("prompt {key:?}: the key is used more than once")]
    DuplicateKey { key: String },
    #[error("prompt {key:?}: {field} {value:?} is not one of {allowed}")]
    BadValue {
        key: String,
        field: &'static str,
        value: String,
        allowed: &'static str,
    },
    #[error("prompt {key:?}: the {field} is empty")]
    Empty { key: String, field: &'static str },
    #[error("prompt {key:?}: the {field} is {chars} characters long, over the limit of {max}")]
    TooLong {
        key: String,
        field: &'static str,
        chars: usize,
        max: usize,
    },
    #[error("prompt {key:?}: a question needs a short form (short = \"...\")")]
    MissingShort { key: String },
    #[error("prompt {key:?}: only questions have a short form; remove short")]
    ShortOnActivity { key: String },
    #[error("prompt {key:?}: a deep prompt needs an easy way to keep it small (small = \"...\")")]
    MissingSmall { key: String },
    #[error("prompt {key:?}: only deep prompts (depth = 3) have small; remove it")]
    SmallNotDeep { key: String },
    #[error("the library holds {found} prompts in all; at least {required} are needed")]
    TooFew { found: usize, required: usize },
    #[error("the library holds {found} {} prompts; at least {required} are needed", .practice.key())]
    TooFewOfPractice {
        practice: Practice,
        found: usize,
        required: usize,
    },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLibrary {
    #[serde(default)]
    prompt: Vec<RawPrompt>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPrompt {
    key: String,
    practice: String,
    kind: String,
    depth: i64,
    #[serde(rename = "where")]
    place: String,
    when: String,
    text: String,
    short: Option<String>,
    small: Option<String>,
}

/// A library key is the deck's prefix, a dash and 1 to 9 ASCII digits (`ap-001`).
fn key_matches(key: &str, deck: Deck) -> bool {
    key.strip_prefix(deck.prefix())
        .and_then(|rest| rest.strip_prefix('-'))
        .is_some_and(|n| (1..=9).contains(&n.len()) && n.bytes().all(|b| b.is_ascii_digit()))
}

/// A text field trimmed and checked: not empty, at most `max` characters.
fn checked_text(
    key: &str,
    field: &'static str,
    text: &str,
    max: usize,
) -> Result<String, LibraryError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(LibraryError::Empty {
            key: key.to_string(),
            field,
        });
    }
    let chars = text.chars().count();
    if chars > max {
        return Err(LibraryError::TooLong {
            key: key.to_string(),
            field,
            chars,
            max,
        });
    }
    Ok(text.to_string())
}

impl RawPrompt {
    /// Checks one raw entry (everything but its key's uniqueness) and builds the prompt.
    fn check(self) -> Result<Prompt, LibraryError> {
        let key = self.key;
        let bad =
            |field: &'static str, value: String, allowed: &'static str| LibraryError::BadValue {
                key: key.clone(),
                field,
                value,
                allowed,
            };
        let Some(deck) = Deck::ALL.into_iter().find(|d| d.key() == self.practice) else {
            return Err(LibraryError::UnknownPractice {
                key,
                practice: self.practice,
            });
        };
        if !key_matches(&key, deck) {
            return Err(LibraryError::BadKey { key, deck });
        }
        let kind = Kind::ALL
            .into_iter()
            .find(|k| k.key() == self.kind)
            .ok_or_else(|| bad("kind", self.kind, "question, activity"))?;
        let depth = Depth::from_level(self.depth)
            .ok_or_else(|| bad("depth", self.depth.to_string(), "1, 2, 3"))?;
        let place = Place::ALL
            .into_iter()
            .find(|p| p.key() == self.place)
            .ok_or_else(|| bad("where", self.place, "together, apart, either"))?;
        let when = When::ALL
            .into_iter()
            .find(|w| w.key() == self.when)
            .ok_or_else(|| bad("when", self.when, "any, evening"))?;
        let text = checked_text(&key, "text", &self.text, MAX_TEXT_CHARS)?;
        let short = match (kind, self.short) {
            (Kind::Question, Some(s)) => Some(checked_text(&key, "short", &s, MAX_SHORT_CHARS)?),
            (Kind::Question, None) => return Err(LibraryError::MissingShort { key }),
            (Kind::Activity, Some(_)) => return Err(LibraryError::ShortOnActivity { key }),
            (Kind::Activity, None) => None,
        };
        let small = match (depth, self.small) {
            (Depth::Deep, Some(s)) => Some(checked_text(&key, "small", &s, MAX_SMALL_CHARS)?),
            (Depth::Deep, None) => return Err(LibraryError::MissingSmall { key }),
            (_, Some(_)) => return Err(LibraryError::SmallNotDeep { key }),
            (_, None) => None,
        };
        Ok(Prompt {
            key,
            deck,
            kind,
            depth,
            place,
            when,
            text,
            short,
            small,
        })
    }
}

impl Library {
    /// Parses and checks a library. Decks are written as their keys (`active_listening`,
    /// `their_world`) in the `practice` field; texts are trimmed.
    pub fn parse(toml_text: &str) -> Result<Library, LibraryError> {
        let raw: RawLibrary = toml::from_str(toml_text)?;
        let mut by_deck: [Vec<Prompt>; Deck::ALL.len()] = Default::default();
        let mut index = HashMap::with_capacity(raw.prompt.len());
        for p in raw.prompt {
            let prompt = p.check()?;
            if index.contains_key(&prompt.key) {
                return Err(LibraryError::DuplicateKey { key: prompt.key });
            }
            let group = &mut by_deck[prompt.deck.index()];
            index.insert(prompt.key.clone(), (prompt.deck, group.len()));
            group.push(prompt);
        }
        let library = Library { by_deck, index };
        if library.len() < MIN_PROMPTS {
            return Err(LibraryError::TooFew {
                found: library.len(),
                required: MIN_PROMPTS,
            });
        }
        for practice in Practice::ALL {
            let required = match practice {
                Practice::Appreciation | Practice::ActiveListening => MIN_HEADLINE_PROMPTS,
                _ => MIN_OTHER_PROMPTS,
            };
            let found = library.of(practice).len();
            if found < required {
                return Err(LibraryError::TooFewOfPractice {
                    practice,
                    found,
                    required,
                });
            }
        }
        Ok(library)
    }

    /// The library shipped with haven (`config/prompts.toml`, compiled in), parsed once.
    pub fn builtin() -> &'static Library {
        static BUILTIN: OnceLock<Library> = OnceLock::new();
        BUILTIN.get_or_init(|| {
            // The text is fixed at build time and the test `builtin_library_parses_and_meets_the_counts`
            // parses exactly these bytes, so a library that could fail here fails `cargo test`
            // first: this expect cannot fire in a tested build.
            Library::parse(BUILTIN_TOML)
                .expect("config/prompts.toml is checked by the prompt tests")
        })
    }

    /// The prompt with this key, if the library has it.
    pub fn get(&self, key: &str) -> Option<&Prompt> {
        let &(deck, i) = self.index.get(key)?;
        self.by_deck[deck.index()].get(i)
    }

    /// The prompts of one practice, in file order.
    pub fn of(&self, practice: Practice) -> &[Prompt] {
        self.of_deck(practice.into())
    }

    /// The prompts of one deck, in file order.
    pub fn of_deck(&self, deck: Deck) -> &[Prompt] {
        &self.by_deck[deck.index()]
    }

    /// The keys of one practice, in file order: the library's part of a deck's cards.
    pub fn keys(&self, practice: Practice) -> impl Iterator<Item = &str> + '_ {
        self.keys_of_deck(practice.into())
    }

    /// The keys of one deck, in file order.
    pub fn keys_of_deck(&self, deck: Deck) -> impl Iterator<Item = &str> + '_ {
        self.of_deck(deck).iter().map(|p| p.key.as_str())
    }

    /// Every prompt, deck by deck (in [`Deck::ALL`] order).
    pub fn iter(&self) -> impl Iterator<Item = &Prompt> + '_ {
        self.by_deck.iter().flatten()
    }

    pub fn len(&self) -> usize {
        self.index.len()
    }

    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }
}

/// The result of [`deal::pick`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draw {
    /// The key to show next.
    pub key: String,
    /// Every candidate had been used: a new round starts with this key. The caller forgets the
    /// round's used set and remembers only `key`.
    pub new_round: bool,
}

/// The fewest characters of a couple's own prompt.
pub const CUSTOM_MIN_CHARS: usize = 3;
/// The most characters of a couple's own prompt.
pub const CUSTOM_MAX_CHARS: usize = 300;

/// Why a couple's own prompt was refused; the message says what to change and can be shown to
/// the partner as is (it never echoes their text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CustomPromptError {
    Empty,
    TooShort { chars: usize, min: usize },
    TooLong { chars: usize, max: usize },
    LineBreak,
    NoWords,
}

impl std::error::Error for CustomPromptError {}

/// Checks a couple's own prompt text from `/prompt add` and returns it cleaned by the rule for
/// every partner's free text (`text::clean`: control and invisible formatting characters such
/// as U+202E and zero-width spaces removed; joiners inside emoji and scripts that need them
/// kept): 3 to 300 characters, on one line, with at least one letter or digit. Markdown and mentions are left as typed: posts set
/// `allowed_mentions`, so `@everyone` in a prompt cannot ping anyone.
pub fn validate_custom_text(text: &str) -> Result<String, CustomPromptError> {
    let Some(text) = super::text::clean(text) else {
        return Err(CustomPromptError::Empty);
    };
    let chars = text.chars().count();
    if chars > CUSTOM_MAX_CHARS {
        return Err(CustomPromptError::TooLong {
            chars,
            max: CUSTOM_MAX_CHARS,
        });
    }
    if text.contains('\n') {
        return Err(CustomPromptError::LineBreak);
    }
    if chars < CUSTOM_MIN_CHARS {
        return Err(CustomPromptError::TooShort {
            chars,
            min: CUSTOM_MIN_CHARS,
        });
    }
    if !text.chars().any(|c| c.is_alphanumeric()) {
        return Err(CustomPromptError::NoWords);
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::{BTreeMap, BTreeSet, HashSet};

    fn lib() -> &'static Library {
        Library::builtin()
    }

    /// Lowercase letters and digits, words separated by single spaces.
    fn normalized(text: &str) -> String {
        text.chars()
            .map(|c| {
                if c.is_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    ' '
                }
            })
            .collect::<String>()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }

    // ---- the builtin library ----

    /// The fewest prompts each deck of the builtin library holds.
    fn deck_minimum(deck: Deck) -> usize {
        match deck {
            Deck::Appreciation
            | Deck::ActiveListening
            | Deck::Vulnerability
            | Deck::QualityTime
            | Deck::Validation => 40,
            Deck::Repair => 30,
            Deck::TheirWorld => 25,
            Deck::Celebrating | Deck::Us | Deck::TwoMinute => 20,
            Deck::Rituals => 15,
            Deck::LonelyTogether | Deck::SurfaceTalk => 10,
            Deck::Anniversary => 12,
        }
    }

    /// Every written part of a prompt: its text, and its short form and keep-it-small line.
    fn parts(p: &Prompt) -> impl Iterator<Item = (&'static str, &str)> {
        [
            ("text", Some(p.text.as_str())),
            ("short", p.short.as_deref()),
            ("small", p.small.as_deref()),
        ]
        .into_iter()
        .filter_map(|(name, s)| s.map(|s| (name, s)))
    }

    #[test]
    fn builtin_library_parses_and_meets_the_counts() {
        let parsed = Library::parse(BUILTIN_TOML).expect("config/prompts.toml parses");
        assert_eq!(parsed.len(), lib().len());
        assert!(lib().len() >= 300, "{} prompts", lib().len());
        for deck in Deck::ALL {
            let n = lib().of_deck(deck).len();
            assert!(n >= deck_minimum(deck), "{deck:?}: {n} prompts");
            assert!(lib().of_deck(deck).iter().all(|p| p.deck == deck));
        }
        assert!(!lib().is_empty());
        let sum: usize = Deck::ALL.iter().map(|d| lib().of_deck(*d).len()).sum();
        assert_eq!(sum, lib().len());
        assert_eq!(lib().iter().count(), lib().len());
        for p in Practice::ALL {
            assert_eq!(lib().of(p), lib().of_deck(p.into()));
        }
    }

    #[test]
    fn builtin_prompts_are_mostly_plain_questions_with_short_forms() {
        let questions: Vec<&Prompt> = lib().iter().filter(|p| p.kind == Kind::Question).collect();
        assert!(
            questions.len() * 2 >= lib().len(),
            "{} questions of {}",
            questions.len(),
            lib().len()
        );
        for p in lib().iter() {
            assert_eq!(
                p.short.is_some(),
                p.kind == Kind::Question,
                "{}: short",
                p.key
            );
            assert_eq!(
                p.small.is_some(),
                p.depth == Depth::Deep,
                "{}: small",
                p.key
            );
        }
        // Short forms fit a form's placeholder and no two questions share one; every deck has
        // questions, so any deck's nudge can bring its question into the check-in form.
        let mut shorts = HashSet::new();
        for p in &questions {
            let short = p.short.as_deref().unwrap_or_default();
            assert!(short.chars().count() <= MAX_SHORT_CHARS, "{}", p.key);
            assert!(short.ends_with(['?', '"', '.']), "{}: {short:?}", p.key);
            assert!(
                shorts.insert(normalized(short)),
                "{}: short form used twice",
                p.key
            );
        }
        for deck in Deck::ALL {
            let q = lib()
                .of_deck(deck)
                .iter()
                .filter(|p| p.kind == Kind::Question)
                .count();
            assert!(q > 0, "{deck:?} has no question");
        }
    }

    #[test]
    fn builtin_depths_start_light_and_every_deep_prompt_can_be_kept_small() {
        // A couple meets only light prompts in its first 14 days, in every practice.
        for p in Practice::ALL {
            let light = lib()
                .of(p)
                .iter()
                .filter(|x| x.depth == Depth::Light)
                .count();
            assert!(light >= 12, "{p:?}: {light} light prompts");
        }
        for deck in Deck::ALL {
            assert!(
                lib().of_deck(deck).iter().any(|p| p.depth == Depth::Light),
                "{deck:?}"
            );
        }
        // Deep prompts come at most once a week: a few of them go a long way.
        let deep: Vec<&Prompt> = lib().iter().filter(|p| p.depth == Depth::Deep).collect();
        assert!(!deep.is_empty());
        assert!(
            deep.len() * 10 <= lib().len(),
            "{} deep prompts",
            deep.len()
        );
        for p in deep {
            let small = p.small.as_deref().unwrap_or_default();
            assert!(small.chars().count() <= MAX_SMALL_CHARS, "{}", p.key);
            // One sentence: it ends with a full stop and has no sentence break inside.
            assert!(small.ends_with('.'), "{}: {small:?}", p.key);
            assert!(
                !small[..small.len() - 1].contains(['.', '?', '!']),
                "{}: more than one sentence",
                p.key
            );
        }
    }

    #[test]
    fn builtin_prompts_suit_couples_apart_and_nudges_before_the_evening() {
        for p in Practice::ALL {
            let prompts = lib().of(p);
            let apart = prompts
                .iter()
                .filter(|x| x.place != Place::Together)
                .count();
            let any_time = prompts.iter().filter(|x| x.when == When::Any).count();
            assert!(apart >= 30, "{p:?}: {apart} work apart");
            assert!(any_time >= 30, "{p:?}: {any_time} work any time");
        }
        // Tags are honest where the words say so: a prompt about tonight or today is an evening
        // prompt, except these four, where "today" means "now" or "still".
        for p in lib().iter() {
            let t = normalized(&p.text);
            let evening_words = [" tonight", " today", " before you sleep"];
            if p.when == When::Any && evening_words.iter().any(|w| format!(" {t}").contains(w)) {
                assert!(
                    ["ap-013", "vu-010", "ri-009", "tm-003"].contains(&p.key.as_str()),
                    "{}: says tonight or today but is tagged any time",
                    p.key
                );
            }
        }
        let counts = |f: &dyn Fn(&Prompt) -> bool| lib().iter().filter(|p| f(p)).count();
        assert!(counts(&|p| p.place == Place::Together) > 0);
        assert!(counts(&|p| p.place == Place::Apart) > 0);
        assert!(counts(&|p| p.when == When::Evening) > 0);
    }

    #[test]
    fn builtin_repair_prompts_are_for_calm_moments_and_only_on_request() {
        let repair = lib().of_deck(Deck::Repair);
        assert!(repair.len() >= 30);
        for p in repair {
            assert!(
                p.text.to_lowercase().contains("calm"),
                "{}: a repair prompt is for when you are both calm",
                p.key
            );
            assert!(p.deck.on_request_only());
        }
        assert!(Deck::ALL
            .iter()
            .all(|d| d.on_request_only() == (*d == Deck::Repair)));
    }

    #[test]
    fn builtin_anniversary_prompts_suit_any_couple_any_hour_and_its_first_weeks() {
        let deck = lib().of_deck(Deck::Anniversary);
        assert!((12..=16).contains(&deck.len()), "{} prompts", deck.len());
        // A couple in its first 14 days meets only light ones: enough of them for years.
        let light = deck.iter().filter(|p| p.depth == Depth::Light).count();
        assert!(light >= 6, "{light} light");
        assert!(deck.iter().all(|p| p.depth != Depth::Deep));
        // The nudge may come at any hour, to couples together or apart.
        assert!(deck
            .iter()
            .all(|p| p.when == When::Any && p.place == Place::Either));
        let questions = deck.iter().filter(|p| p.kind == Kind::Question).count();
        assert!(questions * 4 >= deck.len() * 3, "{questions} questions");
        // Some look back, some look ahead.
        let ahead = deck
            .iter()
            .filter(|p| p.text.contains("next anniversary") || p.text.contains("next year"))
            .count();
        assert!(ahead >= 2, "{ahead} look ahead");
        // Never drawn by the rotation: only on the day.
        assert!(!deal::MIXED_DECKS.contains(&Deck::Anniversary));
        for n in 0..105 {
            assert!(!deal::decks_for_nudge(n).contains(&Deck::Anniversary));
        }
    }

    #[test]
    fn builtin_prompt_keys_are_unique_and_match_their_deck() {
        let mut seen = HashSet::new();
        for p in lib().iter() {
            assert!(seen.insert(p.key.clone()), "duplicate {}", p.key);
            let n = p
                .key
                .strip_prefix(&format!("{}-", p.deck.prefix()))
                .unwrap_or_else(|| panic!("{} is not a {:?} key", p.key, p.deck));
            assert!(
                n.len() == 3 && n.bytes().all(|b| b.is_ascii_digit()),
                "{}",
                p.key
            );
            assert_eq!(lib().get(&p.key), Some(p));
        }
        assert_eq!(lib().get("ap-000"), None);
        assert_eq!(lib().get(""), None);
        let first = &lib().of(Practice::ActiveListening)[0];
        assert_eq!(first.key, "al-001");
        assert_eq!(lib().keys(Practice::ActiveListening).next(), Some("al-001"));
        assert_eq!(lib().keys_of_deck(Deck::Repair).next(), Some("rp-001"));
    }

    #[test]
    fn builtin_prompt_texts_are_short_plain_and_tidy() {
        for p in lib().iter() {
            let chars = p.text.chars().count();
            assert!(
                (20..=MAX_TEXT_CHARS).contains(&chars),
                "{}: {chars} chars",
                p.key
            );
            assert!(
                p.text.ends_with(['.', '?', '"']),
                "{}: ends without punctuation",
                p.key
            );
            for (part, t) in parts(p) {
                assert!(
                    !t.contains(['*', '_', '`', '@', '<', '>', '#', '~', '|', '[', ']', '\\']),
                    "{} {part}: markdown-like character",
                    p.key
                );
                assert!(
                    crate::domain::text::clean(t).as_deref() == Some(t),
                    "{} {part}: control character",
                    p.key
                );
                assert_eq!(t.trim(), t, "{} {part}", p.key);
                assert!(!t.contains("  "), "{} {part}: double space", p.key);
                assert!(
                    t.starts_with(|c: char| c.is_ascii_uppercase()),
                    "{} {part}",
                    p.key
                );
            }
        }
    }

    #[test]
    fn builtin_prompts_stay_inclusive_and_kind() {
        // Whole words that assume gender, children, money, religion, sex or a shared home; that
        // lean on guilt and loss aversion; or that cast the couple in clinical roles.
        const AVOID: &[&str] = &[
            "he",
            "she",
            "him",
            "his",
            "her",
            "hers",
            "man",
            "woman",
            "men",
            "women",
            "guy",
            "guys",
            "wife",
            "husband",
            "boyfriend",
            "girlfriend",
            "spouse",
            "married",
            "marriage",
            "wedding",
            "kid",
            "kids",
            "child",
            "children",
            "baby",
            "babies",
            "pregnant",
            "mum",
            "mom",
            "dad",
            "parent",
            "parents",
            "money",
            "buy",
            "pay",
            "cost",
            "salary",
            "rent",
            "mortgage",
            "church",
            "pray",
            "prayer",
            "god",
            "religion",
            "religious",
            "christmas",
            "easter",
            "sex",
            "sexy",
            "sexual",
            "bed",
            "bedroom",
            "home",
            "house",
            "kitchen",
            "should",
            "must",
            "fail",
            "failed",
            "streak",
            "lose",
            "guilty",
            "neglect",
            "speaker",
            "speakers",
            "listener",
            "listeners",
            "validate",
            "validates",
            "validating",
            "validation",
        ];
        for p in lib().iter() {
            for (part, t) in parts(p) {
                let norm = normalized(t);
                for word in norm.split(' ') {
                    assert!(!AVOID.contains(&word), "{} {part}: {word:?}", p.key);
                }
                assert!(!norm.starts_with("practise"), "{} {part}", p.key);
                assert!(!norm.starts_with("practice"), "{} {part}", p.key);
            }
        }
        // The checks above can fail: a line with a banned word or opening is caught.
        assert!(normalized("Speaker: tell your day")
            .split(' ')
            .any(|w| AVOID.contains(&w)));
        assert!(normalized("Practise the pause.").starts_with("practise"));
    }

    #[test]
    fn builtin_prompt_texts_are_distinct() {
        let mut seen = HashMap::new();
        for p in lib().iter() {
            if let Some(other) = seen.insert(normalized(&p.text), p.key.clone()) {
                panic!("{} and {other} say the same thing", p.key);
            }
        }
        // No near-duplicates either: the content words of two prompts overlap by less than half.
        // (Meaning-level duplicates are what the catalogue is for.)
        const COMMON: &[&str] = &[
            "a", "an", "the", "and", "or", "of", "to", "you", "your", "for", "it", "that", "in",
            "on", "with", "is", "this", "one", "each", "other", "about", "what", "they", "them",
            "their", "as", "be", "if", "how", "i", "me", "my", "from", "by", "at", "partner",
        ];
        let words: Vec<(&str, BTreeSet<String>)> = lib()
            .iter()
            .map(|p| {
                let set = normalized(&p.text)
                    .split(' ')
                    .filter(|w| !COMMON.contains(w))
                    .map(str::to_string)
                    .collect();
                (p.key.as_str(), set)
            })
            .collect();
        for (i, (ka, a)) in words.iter().enumerate() {
            for (kb, b) in &words[i + 1..] {
                let shared = a.intersection(b).count();
                let union = a.union(b).count();
                assert!(shared * 2 < union, "{ka} and {kb} are too alike");
            }
        }
    }

    #[test]
    fn builtin_prompt_openings_vary() {
        let mut openings: BTreeMap<String, usize> = BTreeMap::new();
        for p in lib().iter() {
            let first3: Vec<String> = normalized(&p.text)
                .split(' ')
                .take(3)
                .map(str::to_string)
                .collect();
            *openings.entry(first3.join(" ")).or_default() += 1;
        }
        for (opening, n) in openings {
            assert!(n <= 12, "{n} prompts open with {opening:?}");
        }
    }

    #[test]
    fn builtin_active_listening_prompts_invite_hearing_each_other() {
        // Each one names a listening move; most are questions, whose reveal carries Reflect back,
        // so the practice is no longer one drill in many words.
        const LISTEN: &[&str] = &[
            "reflect",
            "say back",
            "says back",
            "say it back",
            "tell back",
            "tells it back",
            "tell it back",
            "explain it back",
            "repeat",
            "sum up",
            "sum it up",
            "listen",
            "hear",
            "ask",
            "question",
            "check",
        ];
        let al = lib().of(Practice::ActiveListening);
        for p in al {
            let t = p.text.to_lowercase();
            assert!(
                LISTEN.iter().any(|w| t.contains(w)),
                "{}: no listening move",
                p.key
            );
        }
        let questions = al.iter().filter(|p| p.kind == Kind::Question).count();
        assert!(questions * 2 > al.len(), "{questions} of {}", al.len());
    }

    /// `config/prompt-catalogue.toml`: the distinct asks, and the retired keys.
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Catalogue {
        retired: Vec<String>,
        ask: Vec<Ask>,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Ask {
        theme: String,
        ask: String,
        prompts: Vec<String>,
    }

    const CATALOGUE_TOML: &str = include_str!("../../config/prompt-catalogue.toml");

    #[test]
    fn the_catalogue_lists_every_prompt_once_and_no_ask_twice() {
        let catalogue: Catalogue = toml::from_str(CATALOGUE_TOML).expect("the catalogue parses");
        assert!(catalogue.ask.len() >= 250, "{} asks", catalogue.ask.len());
        let mut served: HashMap<&str, &str> = HashMap::new();
        let mut asks = HashSet::new();
        for a in &catalogue.ask {
            assert!(!a.theme.trim().is_empty() && !a.ask.trim().is_empty());
            assert!(
                asks.insert(normalized(&a.ask)),
                "ask listed twice: {:?}",
                a.ask
            );
            // No two prompts serve the same ask.
            assert_eq!(
                a.prompts.len(),
                1,
                "{:?} is served by {:?}",
                a.ask,
                a.prompts
            );
            for key in &a.prompts {
                assert!(lib().get(key).is_some(), "{key} is not in the library");
                if let Some(other) = served.insert(key, &a.ask) {
                    panic!("{key} serves both {other:?} and {:?}", a.ask);
                }
            }
        }
        for p in lib().iter() {
            assert!(
                served.contains_key(p.key.as_str()),
                "{} is in no ask",
                p.key
            );
        }
        assert_eq!(served.len(), lib().len());
        // A retired key is never given to a new prompt.
        let retired: HashSet<&str> = catalogue.retired.iter().map(String::as_str).collect();
        assert_eq!(
            retired.len(),
            catalogue.retired.len(),
            "a key is retired twice"
        );
        for key in retired {
            assert!(lib().get(key).is_none(), "{key} was retired and is back");
            let deck = Deck::ALL.into_iter().find(|d| key_matches(key, *d));
            assert!(deck.is_some(), "{key} is not a library key");
        }
    }

    // ---- Library::parse ----

    /// A valid library text: `ap` appreciation, `al` active-listening and `other` prompts of
    /// each mixed-in practice (light activities), plus `extra` raw TOML appended.
    fn library_text(ap: usize, al: usize, other: usize, extra: &str) -> String {
        let mut out = String::new();
        let mut add = |practice: Practice, n: usize| {
            for i in 1..=n {
                out.push_str(&entry(
                    &format!("{}-{i:03}", practice.prefix()),
                    practice.key(),
                    &format!("{} number {i}", practice.title_key()),
                ));
                out.push('\n');
            }
        };
        add(Practice::Appreciation, ap);
        add(Practice::ActiveListening, al);
        for p in MIXED_IN {
            add(p, other);
        }
        out.push_str(extra);
        out
    }

    /// A light activity that works anywhere, any time.
    fn entry(key: &str, practice: &str, text: &str) -> String {
        entry_with(key, practice, text, "kind = \"activity\"\ndepth = 1")
    }

    /// An entry with `fields` (raw TOML lines) in place of kind and depth (and anything else).
    fn entry_with(key: &str, practice: &str, text: &str, fields: &str) -> String {
        format!(
            "[[prompt]]\nkey = \"{key}\"\npractice = \"{practice}\"\n{fields}\nwhere = \"either\"\n\
             when = \"any\"\ntext = \"{text}\"\n"
        )
    }

    #[test]
    fn a_minimal_prompt_library_parses() {
        let lib = Library::parse(&library_text(40, 40, 24, "")).unwrap();
        assert_eq!(lib.len(), 152);
        assert_eq!(lib.of(Practice::QualityTime).len(), 24);
        assert_eq!(
            lib.get("qt-007").map(|p| p.practice()),
            Some(Some(Practice::QualityTime))
        );
        let spaced = entry("va-099", "validation", "  padded  ");
        let lib = Library::parse(&library_text(40, 40, 24, &spaced)).unwrap();
        assert_eq!(lib.get("va-099").unwrap().text, "padded");
    }

    #[test]
    fn every_field_of_the_schema_is_read() {
        let question = "[[prompt]]\nkey = \"rp-007\"\npractice = \"repair\"\nkind = \"question\"\n\
             depth = 3\nwhere = \"apart\"\nwhen = \"evening\"\ntext = \" When you are both calm, ask. \"\n\
             short = \" What was it like? \"\nsmall = \" Keep it to one sentence. \"\n";
        let activity =
            "[[prompt]]\nkey = \"ri-002\"\npractice = \"rituals\"\nkind = \"activity\"\n\
             depth = 2\nwhere = \"together\"\nwhen = \"any\"\ntext = \"Do something.\"\n";
        let lib = Library::parse(&library_text(
            40,
            40,
            24,
            &format!("{question}\n{activity}"),
        ))
        .unwrap();
        let p = lib.get("rp-007").unwrap();
        assert_eq!(
            p,
            &Prompt {
                key: "rp-007".into(),
                deck: Deck::Repair,
                kind: Kind::Question,
                depth: Depth::Deep,
                place: Place::Apart,
                when: When::Evening,
                text: "When you are both calm, ask.".into(),
                short: Some("What was it like?".into()),
                small: Some("Keep it to one sentence.".into()),
            }
        );
        assert_eq!(p.practice(), None);
        let p = lib.get("ri-002").unwrap();
        assert_eq!(
            (p.deck, p.kind, p.depth, p.place, p.when, &p.short, &p.small),
            (
                Deck::Rituals,
                Kind::Activity,
                Depth::Medium,
                Place::Together,
                When::Any,
                &None,
                &None
            )
        );
        assert_eq!(lib.of_deck(Deck::Repair).len(), 1);
        assert_eq!(
            lib.keys_of_deck(Deck::Rituals).collect::<Vec<_>>(),
            ["ri-002"]
        );
        assert!(lib.of_deck(Deck::Us).is_empty());
        // The five practices' decks are the practices' prompts.
        assert_eq!(
            lib.of_deck(Deck::Appreciation),
            lib.of(Practice::Appreciation)
        );
        assert_eq!(lib.iter().count(), 154);
    }

    #[test]
    fn prompt_library_errors_name_the_offending_key() {
        let long_text = "é".repeat(MAX_TEXT_CHARS + 1);
        let long_short = format!("short = \"{}\"", "é".repeat(MAX_SHORT_CHARS + 1));
        let long_small = format!("small = \"{}\"", "é".repeat(MAX_SMALL_CHARS + 1));
        let q = "kind = \"question\"\ndepth = 1\nshort = \"Short?\"";
        let cases: Vec<(String, &str)> = vec![
            (entry("ap-900", "gratitude", "Hello there"), "ap-900"),
            (entry("ap-001", "appreciation", "Again"), "ap-001"),
            (entry("ap-901", "appreciation", "   "), "ap-901"),
            (entry("vu-900", "appreciation", "Wrong prefix"), "vu-900"),
            (entry("ap-9x", "appreciation", "Bad digits"), "ap-9x"),
            (entry("ap-", "appreciation", "No digits"), "ap-"),
            (entry("rp-1", "celebrating", "Wrong deck"), "rp-1"),
            (entry("ap-902", "appreciation", &long_text), "ap-902"),
            (
                entry_with("ap-905", "appreciation", "Hi", "kind = \"quiz\"\ndepth = 1"),
                "ap-905",
            ),
            (
                entry_with(
                    "ap-906",
                    "appreciation",
                    "Hi",
                    "kind = \"activity\"\ndepth = 4",
                ),
                "ap-906",
            ),
            (
                entry_with(
                    "ap-907",
                    "appreciation",
                    "Hi",
                    "kind = \"activity\"\ndepth = 0",
                ),
                "ap-907",
            ),
            (
                entry_with(
                    "ap-908",
                    "appreciation",
                    "Hi",
                    "kind = \"question\"\ndepth = 1",
                ),
                "ap-908",
            ),
            (
                entry_with(
                    "ap-909",
                    "appreciation",
                    "Hi",
                    "kind = \"activity\"\ndepth = 1\nshort = \"Hi?\"",
                ),
                "ap-909",
            ),
            (
                entry_with(
                    "ap-910",
                    "appreciation",
                    "Hi",
                    "kind = \"activity\"\ndepth = 3",
                ),
                "ap-910",
            ),
            (
                entry_with(
                    "ap-911",
                    "appreciation",
                    "Hi",
                    &format!("{q}\nsmall = \"Small.\""),
                ),
                "ap-911",
            ),
            (
                entry_with(
                    "ap-912",
                    "appreciation",
                    "Hi",
                    &format!("kind = \"question\"\ndepth = 1\n{long_short}"),
                ),
                "ap-912",
            ),
            (
                entry_with(
                    "ap-913",
                    "appreciation",
                    "Hi",
                    &format!("kind = \"activity\"\ndepth = 3\n{long_small}"),
                ),
                "ap-913",
            ),
            (
                entry_with(
                    "ap-914",
                    "appreciation",
                    "Hi",
                    "kind = \"question\"\ndepth = 1\nshort = \"  \"",
                ),
                "ap-914",
            ),
        ];
        for (extra, key) in cases {
            let err = Library::parse(&library_text(40, 40, 24, &extra)).unwrap_err();
            assert!(err.to_string().contains(&format!("{key:?}")), "{err}");
        }
        let dup = Library::parse(&library_text(
            40,
            40,
            24,
            &entry("ap-001", "appreciation", "x"),
        ));
        assert!(matches!(dup, Err(LibraryError::DuplicateKey { .. })));
        let long = entry("ap-903", "appreciation", &long_text);
        assert!(matches!(
            Library::parse(&library_text(40, 40, 24, &long)),
            Err(LibraryError::TooLong {
                field: "text",
                chars: 301,
                max: 300,
                ..
            })
        ));
        // Exactly the limit in characters (twice as many bytes) is fine.
        let at_limit = entry("ap-904", "appreciation", &"é".repeat(MAX_TEXT_CHARS));
        assert!(Library::parse(&library_text(40, 40, 24, &at_limit)).is_ok());
        let short_at_limit = entry_with(
            "ap-915",
            "appreciation",
            "Hi",
            &format!(
                "kind = \"question\"\ndepth = 1\nshort = \"{}\"",
                "é".repeat(MAX_SHORT_CHARS)
            ),
        );
        assert!(Library::parse(&library_text(40, 40, 24, &short_at_limit)).is_ok());
        // Practices are written as keys in the file, not titles.
        let title = entry("al-900", "Active listening", "Hi there");
        assert!(matches!(
            Library::parse(&library_text(40, 40, 24, &title)),
            Err(LibraryError::UnknownPractice { .. })
        ));
        let no_short = entry_with(
            "ap-916",
            "appreciation",
            "Hi",
            "kind = \"question\"\ndepth = 2",
        );
        assert!(matches!(
            Library::parse(&library_text(40, 40, 24, &no_short)),
            Err(LibraryError::MissingShort { .. })
        ));
        let no_small = entry_with(
            "ap-917",
            "appreciation",
            "Hi",
            "kind = \"activity\"\ndepth = 3",
        );
        assert!(matches!(
            Library::parse(&library_text(40, 40, 24, &no_small)),
            Err(LibraryError::MissingSmall { .. })
        ));
    }

    #[test]
    fn prompt_library_refuses_bad_toml_and_unknown_fields() {
        assert!(matches!(
            Library::parse("[[prompt]\nkey = "),
            Err(LibraryError::Toml(_))
        ));
        let typo = library_text(
            40,
            40,
            24,
            &entry("ap-950", "appreciation", "Hi").replace("text =", "txt ="),
        );
        assert!(matches!(Library::parse(&typo), Err(LibraryError::Toml(_))));
        for field in ["text", "kind", "depth", "where", "when"] {
            let missing: String = entry("ap-950", "appreciation", "Hi")
                .lines()
                .filter(|l| !l.starts_with(&format!("{field} =")))
                .map(|l| format!("{l}\n"))
                .collect();
            assert!(
                matches!(
                    Library::parse(&library_text(40, 40, 24, &missing)),
                    Err(LibraryError::Toml(_))
                ),
                "{field}"
            );
        }
        let unknown = entry_with(
            "ap-951",
            "appreciation",
            "Hi",
            "kind = \"activity\"\ndepth = 1\nminutes = 2",
        );
        assert!(matches!(
            Library::parse(&library_text(40, 40, 24, &unknown)),
            Err(LibraryError::Toml(_))
        ));
        let depth_text = entry_with(
            "ap-952",
            "appreciation",
            "Hi",
            "kind = \"activity\"\ndepth = \"light\"",
        );
        assert!(matches!(
            Library::parse(&library_text(40, 40, 24, &depth_text)),
            Err(LibraryError::Toml(_))
        ));
    }

    #[test]
    fn prompt_library_needs_enough_prompts() {
        assert!(matches!(
            Library::parse(""),
            Err(LibraryError::TooFew {
                found: 0,
                required: 150
            })
        ));
        assert!(matches!(
            Library::parse(&library_text(40, 40, 23, "")),
            Err(LibraryError::TooFew { found: 149, .. })
        ));
        assert!(matches!(
            Library::parse(&library_text(39, 60, 24, "")),
            Err(LibraryError::TooFewOfPractice {
                practice: Practice::Appreciation,
                found: 39,
                required: 40
            })
        ));
        assert!(matches!(
            Library::parse(&library_text(60, 39, 24, "")),
            Err(LibraryError::TooFewOfPractice {
                practice: Practice::ActiveListening,
                ..
            })
        ));
        // Every mixed-in practice needs at least one prompt.
        let text: String = library_text(80, 80, 0, "")
            + &entry("vu-001", "vulnerability", "Open up")
            + &entry("qt-001", "quality_time", "Sit together");
        assert!(matches!(
            Library::parse(&text),
            Err(LibraryError::TooFewOfPractice {
                practice: Practice::Validation,
                found: 0,
                required: 1
            })
        ));
    }

    // ---- Deck ----

    #[test]
    fn decks_have_distinct_keys_and_prefixes_and_parse_back() {
        let keys: HashSet<_> = Deck::ALL.iter().map(|d| d.key()).collect();
        let prefixes: HashSet<_> = Deck::ALL.iter().map(|d| d.prefix()).collect();
        assert_eq!((keys.len(), prefixes.len()), (14, 14));
        for (i, d) in Deck::ALL.into_iter().enumerate() {
            assert_eq!(d.index(), i);
            assert_eq!(Deck::parse(d.key()), Some(d));
            assert_eq!(
                Deck::parse(&d.key().replace('_', " ").to_uppercase()),
                Some(d)
            );
            assert_eq!(d.on_request_only(), d == Deck::Repair);
            assert_eq!(d.anniversary_only(), d == Deck::Anniversary);
            assert_eq!(d.on_request(), d != Deck::Anniversary);
            let instead = d.asked_instead();
            assert!(instead.on_request());
            assert_eq!(instead == d, d != Deck::Anniversary);
        }
        for p in Practice::ALL {
            let d = Deck::from(p);
            assert_eq!(d.practice(), Some(p));
            assert_eq!((d.key(), d.prefix()), (p.key(), p.prefix()));
            assert_eq!(Deck::parse(&p.title_key().replace('_', " ")), Some(d));
        }
        let practices = Deck::ALL.iter().filter(|d| d.practice().is_some()).count();
        assert_eq!(practices, 5);
        assert_eq!(Deck::parse("Their world"), Some(Deck::TheirWorld));
        assert_eq!(Deck::parse("two-minute"), Some(Deck::TwoMinute));
        for s in [
            "",
            "us\u{200B}",
            "repairs",
            "rp",
            "lonely",
            &"us".repeat(100),
        ] {
            assert_eq!(Deck::parse(s), None, "{s:?}");
        }
        assert!(Depth::Light < Depth::Medium && Depth::Medium < Depth::Deep);
        for d in Depth::ALL {
            assert_eq!(Depth::from_level(d.level().into()), Some(d));
        }
        assert_eq!(Depth::from_level(4), None);
    }

    // ---- Practice ----

    #[test]
    fn practice_parse_round_trips_keys_and_titles() {
        for p in Practice::ALL {
            assert_eq!(Practice::parse(p.key()), Some(p));
            assert_eq!(Practice::parse(&p.title_key().replace('_', " ")), Some(p));
            assert_eq!(Practice::parse(&p.title_key().to_uppercase()), Some(p));
            assert_eq!(Practice::parse(&p.key().replace('_', "-")), Some(p));
            assert_eq!(Practice::parse(&format!("  {}  ", p.title_key())), Some(p));
        }
        assert_eq!(
            Practice::parse("Active-Listening"),
            Some(Practice::ActiveListening)
        );
        assert_eq!(
            Practice::parse("quality  time"),
            Some(Practice::QualityTime)
        );
        assert_eq!(
            Practice::parse("being_vulnerable"),
            Some(Practice::Vulnerability)
        );
        assert_eq!(
            Practice::parse("validating feelings"),
            Some(Practice::Validation)
        );
        let keys: HashSet<_> = Practice::ALL.iter().map(|p| p.key()).collect();
        let prefixes: HashSet<_> = Practice::ALL.iter().map(|p| p.prefix()).collect();
        assert_eq!((keys.len(), prefixes.len()), (5, 5));
    }

    #[test]
    fn practice_parse_refuses_hostile_input() {
        let hostile = [
            String::new(),
            "   ".to_string(),
            "a".repeat(5000),
            "appreciation".repeat(400),
            "appreciation\u{200B}".to_string(),
            "\u{200B}appreciation".to_string(),
            "appre\u{200D}ciation".to_string(),
            "appreciation\0".to_string(),
            "appreciation\n".to_string() + "x",
            "appreci\u{456}ation".to_string(), // a Cyrillic i
            "activelistening".to_string(),
            "active listening please".to_string(),
            "_".to_string(),
            "vulnerable".to_string(),
            "ap".to_string(),
        ];
        for s in hostile {
            assert_eq!(
                Practice::parse(&s),
                None,
                "{:?}",
                s.chars().take(30).collect::<String>()
            );
        }
    }

    // ---- validate_custom_text ----

    #[test]
    fn custom_prompt_text_accepts_ordinary_prompts() {
        for (input, expected) in [
            ("What made you smile today?", "What made you smile today?"),
            ("   Tell me a secret wish.  ", "Tell me a secret wish."),
            ("Hi!", "Hi!"),
            ("今日はどうだった？", "今日はどうだった？"),
            (
                "Share your favourite \u{2764}\u{FE0F}\u{200D}\u{1F525} moment",
                "Share your favourite \u{2764}\u{FE0F}\u{200D}\u{1F525} moment",
            ),
            (
                "Which flag? \u{1F3F4}\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}",
                "Which flag? \u{1F3F4}\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}",
            ),
            (
                "\u{645}\u{6CC}\u{200C}\u{62E}\u{648}\u{627}\u{647}\u{645}",
                "\u{645}\u{6CC}\u{200C}\u{62E}\u{648}\u{627}\u{647}\u{645}",
            ), // Persian, with a zero-width non-joiner
            (
                "Trailing newline is trimmed\n",
                "Trailing newline is trimmed",
            ),
            // Allowed as text: every post sets `allowed_mentions`, so this cannot ping anyone.
            ("@everyone hi", "@everyone hi"),
            ("Use *bold* if you like", "Use *bold* if you like"),
        ] {
            assert_eq!(validate_custom_text(input).as_deref(), Ok(expected));
        }
        let at_limit = "é".repeat(CUSTOM_MAX_CHARS);
        assert_eq!(validate_custom_text(&at_limit), Ok(at_limit.clone()));
    }

    #[test]
    fn custom_prompt_text_refuses_hostile_input() {
        use CustomPromptError::*;
        let cases: Vec<(String, CustomPromptError)> = vec![
            (
                "x".repeat(5000),
                TooLong {
                    chars: 5000,
                    max: 300,
                },
            ),
            (
                "é".repeat(301),
                TooLong {
                    chars: 301,
                    max: 300,
                },
            ),
            ("\n".into(), Empty),
            ("   ".into(), Empty),
            ("".into(), Empty),
            ("first line\nsecond line".into(), LineBreak),
            ("first\r\nsecond".into(), LineBreak),
            ("one\u{2028}two".into(), LineBreak),
            ("\u{200B}\u{200B}\u{200B}".into(), Empty),
            ("\u{3164}\u{3164}\u{3164}".into(), Empty),
            (
                "\u{202E}\u{7}ab\u{200B}".into(),
                TooShort { chars: 2, min: 3 },
            ),
            ("ab".into(), TooShort { chars: 2, min: 3 }),
            ("...".into(), NoWords),
            ("?! ?! ?!".into(), NoWords),
            (
                "\u{2764}\u{FE0F}\u{2764}\u{FE0F}\u{2764}\u{FE0F}".into(),
                NoWords,
            ),
        ];
        for (input, expected) in cases {
            assert_eq!(validate_custom_text(&input), Err(expected), "{input:?}");
        }
        // Hidden characters are removed by the rule for every partner's free text.
        for (input, cleaned) in [
            ("hi \u{202E}olleh", "hi olleh"),
            ("tab\there", "tab here"),
            ("nul\0byte", "nulbyte"),
            ("\u{200D}abc", "abc"),
            ("abc \u{200D} def", "abc  def"),
            ("\u{E0061}bc ok", "bc ok"),
            ("hi\u{FEFF}there", "hithere"),
            (
                "a heart on fire \u{2764}\u{FE0F}\u{200D}\u{1F525}",
                "a heart on fire \u{2764}\u{FE0F}\u{200D}\u{1F525}",
            ),
        ] {
            assert_eq!(
                validate_custom_text(input).as_deref(),
                Ok(cleaned),
                "{input:?}"
            );
        }
        let msg = validate_custom_text(&"x".repeat(5000))
            .unwrap_err()
            .to_string();
        assert!(msg.contains("300"), "{msg}");
    }

    proptest! {
        #[test]
        fn custom_prompt_text_output_is_always_tidy(s in "\\PC{0,320}|[\\s\\S]{0,40}") {
            if let Ok(out) = validate_custom_text(&s) {
                let n = out.chars().count();
                prop_assert!((CUSTOM_MIN_CHARS..=CUSTOM_MAX_CHARS).contains(&n));
                prop_assert_eq!(out.trim(), out.as_str());
                prop_assert!(!out.chars().any(char::is_control));
                prop_assert!(out.chars().any(char::is_alphanumeric));
            }
        }
    }
}
