//! The prompt library and the per-couple deck: which prompt comes next.
//!
//! Everything here is pure: the library is parsed from a `&str` (the shipped one is compiled in
//! with `include_str!`), randomness comes from the caller's `Rng`, and nothing touches Discord or
//! the database. The store remembers each couple's deck as "keys drawn in the current round" per
//! practice; [`draw`] turns that into the next key.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use rand::seq::IndexedRandom;
use serde::Deserialize;

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

    fn index(self) -> usize {
        match self {
            Practice::Appreciation => 0,
            Practice::ActiveListening => 1,
            Practice::Vulnerability => 2,
            Practice::QualityTime => 3,
            Practice::Validation => 4,
        }
    }

    /// Reads a practice from its key or its title, case-insensitively, with spaces, underscores
    /// and dashes treated alike (`"Active listening"`, `"active-listening"`, `"ACTIVE_LISTENING"`).
    /// Anything else (other characters, zero-width ones included, or over-long input) is `None`.
    pub fn parse(s: &str) -> Option<Practice> {
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
        Practice::ALL
            .into_iter()
            .find(|p| norm == p.key() || norm == p.title_key())
    }

    /// The headline practice of the n-th nudge (n from 0) of a couple.
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

/// One prompt: a library prompt, or a couple's own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    pub key: String,
    pub practice: Practice,
    pub text: String,
}

/// A prompt drawn for a couple: its words, and who added it when it is one of the couple's own
/// (then it carries a partner's words).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Drawn {
    pub text: String,
    pub added_by: Option<super::ids::UserId>,
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
pub const MAX_TEXT_CHARS: usize = 1000;
/// The fewest prompts a library may hold in all.
pub const MIN_PROMPTS: usize = 150;
/// The fewest appreciation and active-listening (headline) prompts each.
pub const MIN_HEADLINE_PROMPTS: usize = 40;
/// The fewest prompts of each mixed-in practice.
pub const MIN_OTHER_PROMPTS: usize = 1;

/// The library shipped with haven.
pub const BUILTIN_TOML: &str = include_str!("../../config/prompts.toml");

/// A prompt library: prompts grouped by practice, in file order, with a key index.
#[derive(Debug, Clone)]
pub struct Library {
    by_practice: [Vec<Prompt>; 5],
    index: HashMap<String, (Practice, usize)>,
}

/// Why a prompt library was refused. Every per-prompt error names the prompt's key.
#[derive(Debug, thiserror::Error)]
pub enum LibraryError {
    #[error("the prompt library is not valid TOML: {0}")]
    Toml(#[from] toml::de::Error),
    #[error(
        "prompt {key:?}: unknown practice {practice:?} (use appreciation, active_listening, \
         vulnerability, quality_time or validation)"
    )]
    UnknownPractice { key: String, practice: String },
    #[error("prompt {key:?}: a {} prompt needs a key like \"{}-001\"", .practice.key(), .practice.prefix())]
    BadKey { key: String, practice: Practice },
    #[error("prompt {key:?}: the key is used more than once")]
    DuplicateKey { key: String },
    #[error("prompt {key:?}: the text is empty")]
    EmptyText { key: String },
    #[error("prompt {key:?}: the text is {chars} characters long, over the limit of {max}")]
    TextTooLong {
        key: String,
        chars: usize,
        max: usize,
    },
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
    text: String,
}

/// A library key is the practice's prefix, a dash and 1 to 9 ASCII digits (`ap-001`).
fn key_matches(key: &str, practice: Practice) -> bool {
    key.strip_prefix(practice.prefix())
        .and_then(|rest| rest.strip_prefix('-'))
        .is_some_and(|n| (1..=9).contains(&n.len()) && n.bytes().all(|b| b.is_ascii_digit()))
}

impl Library {
    /// Parses and checks a library. Practices are written as their keys (`active_listening`);
    /// texts are trimmed.
    pub fn parse(toml_text: &str) -> Result<Library, LibraryError> {
        let raw: RawLibrary = toml::from_str(toml_text)?;
        let mut by_practice: [Vec<Prompt>; 5] = Default::default();
        let mut index = HashMap::with_capacity(raw.prompt.len());
        for p in raw.prompt {
            let Some(practice) = Practice::ALL.into_iter().find(|x| x.key() == p.practice) else {
                return Err(LibraryError::UnknownPractice {
                    key: p.key,
                    practice: p.practice,
                });
            };
            if !key_matches(&p.key, practice) {
                return Err(LibraryError::BadKey {
                    key: p.key,
                    practice,
                });
            }
            if index.contains_key(&p.key) {
                return Err(LibraryError::DuplicateKey { key: p.key });
            }
            let text = p.text.trim();
            if text.is_empty() {
                return Err(LibraryError::EmptyText { key: p.key });
            }
            let chars = text.chars().count();
            if chars > MAX_TEXT_CHARS {
                return Err(LibraryError::TextTooLong {
                    key: p.key,
                    chars,
                    max: MAX_TEXT_CHARS,
                });
            }
            let group = &mut by_practice[practice.index()];
            index.insert(p.key.clone(), (practice, group.len()));
            group.push(Prompt {
                key: p.key,
                practice,
                text: text.to_string(),
            });
        }
        let library = Library { by_practice, index };
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
        let &(practice, i) = self.index.get(key)?;
        self.by_practice[practice.index()].get(i)
    }

    /// The prompts of one practice, in file order.
    pub fn of(&self, practice: Practice) -> &[Prompt] {
        &self.by_practice[practice.index()]
    }

    /// The keys of one practice, in file order: the library's part of [`draw`]'s candidates.
    pub fn keys(&self, practice: Practice) -> impl Iterator<Item = &str> + '_ {
        self.of(practice).iter().map(|p| p.key.as_str())
    }

    /// Every prompt, practice by practice (in [`Practice::ALL`] order).
    pub fn iter(&self) -> impl Iterator<Item = &Prompt> + '_ {
        self.by_practice.iter().flatten()
    }

    pub fn len(&self) -> usize {
        self.index.len()
    }

    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }
}

/// The result of [`draw`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draw {
    /// The key to show next.
    pub key: String,
    /// Every candidate had been used: a new round starts with this key. The caller forgets the
    /// round's used set and remembers only `key`.
    pub new_round: bool,
}

/// Picks the next prompt of a couple's deck for one practice: uniformly at random among the
/// candidates not yet used in the current round; when every candidate has been used, a new
/// round starts (`new_round = true`, the caller forgets the used set) and the pick avoids
/// repeating `last` (the previous prompt shown) when more than one candidate exists.
///
/// `candidates` are the keys available for that practice (library + the couple's own prompts;
/// duplicates count once); `used` the keys already drawn in this round (keys no longer among the
/// candidates are ignored). Within a round `last` is normally in `used`; if the caller has not
/// recorded it, it is still avoided while another unused candidate exists. Returns None only
/// when `candidates` is empty.
pub fn draw<R: rand::Rng + ?Sized>(
    candidates: &[String],
    used: &HashSet<String>,
    last: Option<&str>,
    rng: &mut R,
) -> Option<Draw> {
    let mut seen = HashSet::with_capacity(candidates.len());
    let unique: Vec<&str> = candidates
        .iter()
        .map(String::as_str)
        .filter(|k| seen.insert(*k))
        .collect();
    if unique.is_empty() {
        return None;
    }
    let unused: Vec<&str> = unique
        .iter()
        .copied()
        .filter(|k| !used.contains(*k))
        .collect();
    let (pool, new_round) = if unused.is_empty() {
        (unique, true)
    } else {
        (unused, false)
    };
    let pool = match last {
        Some(last) if pool.len() > 1 && pool.contains(&last) => {
            pool.into_iter().filter(|k| *k != last).collect()
        }
        _ => pool,
    };
    let key = pool.choose(rng)?;
    Some(Draw {
        key: (*key).to_string(),
        new_round,
    })
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
    use rand::SeedableRng;
    use rand_chacha::ChaCha8Rng;
    use std::collections::{BTreeMap, BTreeSet};

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

    #[test]
    fn builtin_library_parses_and_meets_the_counts() {
        let parsed = Library::parse(BUILTIN_TOML).expect("config/prompts.toml parses");
        assert_eq!(parsed.len(), lib().len());
        // The library's own targets, stricter than what `Library::parse` demands.
        assert!(lib().len() >= 170, "{} prompts", lib().len());
        assert!(lib().of(Practice::Appreciation).len() >= 45);
        assert!(lib().of(Practice::ActiveListening).len() >= 45);
        for p in [
            Practice::Vulnerability,
            Practice::QualityTime,
            Practice::Validation,
        ] {
            assert!(lib().of(p).len() >= 25, "{p:?}");
        }
        assert!(!lib().is_empty());
        let sum: usize = Practice::ALL.iter().map(|p| lib().of(*p).len()).sum();
        assert_eq!(sum, lib().len());
        assert_eq!(lib().iter().count(), lib().len());
    }

    #[test]
    fn builtin_prompt_keys_are_unique_and_match_their_practice() {
        let mut seen = HashSet::new();
        for p in lib().iter() {
            assert!(seen.insert(p.key.clone()), "duplicate {}", p.key);
            let n = p
                .key
                .strip_prefix(&format!("{}-", p.practice.prefix()))
                .unwrap_or_else(|| panic!("{} is not a {:?} key", p.key, p.practice));
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
    }

    #[test]
    fn builtin_prompt_texts_are_short_plain_and_tidy() {
        for p in lib().iter() {
            let t = &p.text;
            let chars = t.chars().count();
            assert!((20..=300).contains(&chars), "{}: {chars} chars", p.key);
            assert!(
                !t.contains(['*', '_', '`', '@', '<', '>', '#', '~', '|', '[', ']', '\\']),
                "{}: markdown-like character",
                p.key
            );
            assert!(
                crate::domain::text::clean(t).as_deref() == Some(t.as_str()),
                "{}: control character",
                p.key
            );
            assert_eq!(t.trim(), t, "{}", p.key);
            assert!(!t.contains("  "), "{}: double space", p.key);
            assert!(t.starts_with(|c: char| c.is_ascii_uppercase()), "{}", p.key);
            assert!(
                t.ends_with(['.', '?', '"']),
                "{}: ends without punctuation",
                p.key
            );
        }
    }

    #[test]
    fn builtin_prompts_stay_inclusive_and_kind() {
        // Words that assume gender, children, money, religion, sex or a shared home, or that
        // lean on guilt and loss aversion. Checked as whole words.
        const AVOID: &[&str] = &[
            "he",
            "she",
            "him",
            "his",
            "her",
            "hers",
            "wife",
            "husband",
            "boyfriend",
            "girlfriend",
            "kid",
            "kids",
            "child",
            "children",
            "baby",
            "money",
            "buy",
            "pay",
            "cost",
            "church",
            "pray",
            "god",
            "sex",
            "bed",
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
        ];
        for p in lib().iter() {
            let norm = normalized(&p.text);
            for word in norm.split(' ') {
                assert!(!AVOID.contains(&word), "{}: {word:?}", p.key);
            }
        }
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
    fn builtin_active_listening_prompts_practise_reflecting_and_asking() {
        const REFLECT: &[&str] = &[
            "reflect",
            "say back",
            "says back",
            "repeat",
            "retell",
            "summar",
            "sum it up",
            "sums it up",
            "mirror",
            "heard",
            "hearing",
            "tells it back",
            "explain it back",
            "it sounds like",
        ];
        const ASK: &[&str] = &["ask", "question", "check"];
        for p in lib().of(Practice::ActiveListening) {
            let t = p.text.to_lowercase();
            assert!(
                REFLECT.iter().any(|w| t.contains(w)),
                "{}: no reflecting",
                p.key
            );
            assert!(ASK.iter().any(|w| t.contains(w)), "{}: no question", p.key);
        }
    }

    // ---- Library::parse ----

    /// A valid library text: `ap` appreciation, `al` active-listening and `other` prompts of
    /// each mixed-in practice, plus `extra` raw TOML appended.
    fn library_text(ap: usize, al: usize, other: usize, extra: &str) -> String {
        let mut out = String::new();
        let mut add = |practice: Practice, n: usize| {
            for i in 1..=n {
                out.push_str(&format!(
                    "[[prompt]]\nkey = \"{}-{i:03}\"\npractice = \"{}\"\ntext = \"{} number {i}\"\n\n",
                    practice.prefix(),
                    practice.key(),
                    practice.title_key(),
                ));
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

    fn entry(key: &str, practice: &str, text: &str) -> String {
        format!("[[prompt]]\nkey = \"{key}\"\npractice = \"{practice}\"\ntext = \"{text}\"\n")
    }

    #[test]
    fn a_minimal_prompt_library_parses() {
        let lib = Library::parse(&library_text(40, 40, 24, "")).unwrap();
        assert_eq!(lib.len(), 152);
        assert_eq!(lib.of(Practice::QualityTime).len(), 24);
        assert_eq!(
            lib.get("qt-007").map(|p| p.practice),
            Some(Practice::QualityTime)
        );
        let spaced = entry("va-099", "validation", "  padded  ");
        let lib = Library::parse(&library_text(40, 40, 24, &spaced)).unwrap();
        assert_eq!(lib.get("va-099").unwrap().text, "padded");
    }

    #[test]
    fn prompt_library_errors_name_the_offending_key() {
        let cases: Vec<(String, &str)> = vec![
            (entry("ap-900", "gratitude", "Hello there"), "ap-900"),
            (entry("ap-001", "appreciation", "Again"), "ap-001"),
            (entry("ap-901", "appreciation", "   "), "ap-901"),
            (entry("vu-900", "appreciation", "Wrong prefix"), "vu-900"),
            (entry("ap-9x", "appreciation", "Bad digits"), "ap-9x"),
            (entry("ap-", "appreciation", "No digits"), "ap-"),
            (
                entry("ap-902", "appreciation", &"é".repeat(MAX_TEXT_CHARS + 1)),
                "ap-902",
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
        let long = entry("ap-903", "appreciation", &"é".repeat(MAX_TEXT_CHARS + 1));
        assert!(matches!(
            Library::parse(&library_text(40, 40, 24, &long)),
            Err(LibraryError::TextTooLong {
                chars: 1001,
                max: 1000,
                ..
            })
        ));
        // Exactly the limit in characters (twice as many bytes) is fine.
        let at_limit = entry("ap-904", "appreciation", &"é".repeat(MAX_TEXT_CHARS));
        assert!(Library::parse(&library_text(40, 40, 24, &at_limit)).is_ok());
        // Practices are written as keys in the file, not titles.
        let title = entry("al-900", "Active listening", "Hi there");
        assert!(matches!(
            Library::parse(&library_text(40, 40, 24, &title)),
            Err(LibraryError::UnknownPractice { .. })
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
            "[[prompt]]\nkey = \"ap-950\"\npractice = \"appreciation\"\ntxt = \"x\"\n",
        );
        assert!(matches!(Library::parse(&typo), Err(LibraryError::Toml(_))));
        let missing = library_text(
            40,
            40,
            24,
            "[[prompt]]\nkey = \"ap-950\"\npractice = \"appreciation\"\n",
        );
        assert!(matches!(
            Library::parse(&missing),
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

    #[test]
    fn for_nudge_alternates_headlines_and_mixes_in_the_rest() {
        use Practice::*;
        let first: Vec<_> = (0..9).map(Practice::for_nudge).collect();
        assert_eq!(
            first,
            [
                Appreciation,
                ActiveListening,
                Vulnerability,
                Appreciation,
                ActiveListening,
                QualityTime,
                Appreciation,
                ActiveListening,
                Validation
            ]
        );
        let seq: Vec<_> = (0..2000).map(Practice::for_nudge).collect();
        let headlines: Vec<_> = seq
            .iter()
            .filter(|p| matches!(p, Appreciation | ActiveListening))
            .collect();
        for (i, p) in headlines.iter().enumerate() {
            let expected = if i % 2 == 0 {
                Appreciation
            } else {
                ActiveListening
            };
            assert_eq!(**p, expected, "headline {i}");
        }
        for window in seq.windows(10) {
            let seen: HashSet<_> = window.iter().collect();
            assert_eq!(seen.len(), 5, "{window:?}");
        }
        // Far along, nothing overflows.
        for n in (u64::MAX - 20)..=u64::MAX {
            let _ = Practice::for_nudge(n);
        }
        let start = u64::MAX / 2;
        let far: HashSet<_> = (start..start + 10).map(Practice::for_nudge).collect();
        assert_eq!(far.len(), 5);
    }

    // ---- draw ----

    fn keys(n: usize) -> Vec<String> {
        (1..=n).map(|i| format!("ap-{i:03}")).collect()
    }

    /// Draws `rounds` full rounds like the store would and returns them.
    fn simulate(candidates: &[String], rounds: usize, seed: u64) -> Vec<Vec<String>> {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let mut used = HashSet::new();
        let mut last: Option<String> = None;
        let mut out: Vec<Vec<String>> = Vec::new();
        let unique = candidates.iter().collect::<HashSet<_>>().len();
        for _ in 0..rounds * unique {
            let d = draw(candidates, &used, last.as_deref(), &mut rng).unwrap();
            if d.new_round {
                used.clear();
            }
            if d.new_round || out.is_empty() {
                out.push(Vec::new());
            }
            used.insert(d.key.clone());
            out.last_mut().unwrap().push(d.key.clone());
            last = Some(d.key);
        }
        out
    }

    #[test]
    fn draw_deals_each_round_as_a_permutation_without_a_seam_repeat() {
        let candidates = keys(12);
        let rounds = simulate(&candidates, 3, 7);
        assert_eq!(rounds.len(), 3);
        let mut sorted = candidates.clone();
        sorted.sort();
        for round in &rounds {
            let mut r = round.clone();
            r.sort();
            assert_eq!(r, sorted, "not a permutation: {round:?}");
        }
        for pair in rounds.windows(2) {
            assert_ne!(pair[0].last(), pair[1].first());
        }
        // Shuffled, not dealt in order, and not the same order every round.
        assert_ne!(rounds[0], candidates);
        assert_ne!(rounds[0], rounds[1]);
    }

    #[test]
    fn draw_starts_fresh_decks_without_a_new_round() {
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        let d = draw(&keys(5), &HashSet::new(), None, &mut rng).unwrap();
        assert!(!d.new_round);
        // Used keys that are no longer candidates (a deleted own prompt) do not matter.
        let used: HashSet<String> = ["gone".to_string()].into();
        let d = draw(&keys(1), &used, Some("gone"), &mut rng).unwrap();
        assert_eq!((d.key.as_str(), d.new_round), ("ap-001", false));
    }

    #[test]
    fn draw_with_one_or_no_candidates() {
        let mut rng = ChaCha8Rng::seed_from_u64(2);
        let one = keys(1);
        let first = draw(&one, &HashSet::new(), None, &mut rng).unwrap();
        assert_eq!(
            first,
            Draw {
                key: "ap-001".into(),
                new_round: false
            }
        );
        let used: HashSet<String> = one.iter().cloned().collect();
        let again = draw(&one, &used, Some("ap-001"), &mut rng).unwrap();
        assert_eq!(
            again,
            Draw {
                key: "ap-001".into(),
                new_round: true
            }
        );
        assert_eq!(draw(&[], &HashSet::new(), None, &mut rng), None);
        assert_eq!(draw(&[], &used, Some("ap-001"), &mut rng), None);
    }

    #[test]
    fn draw_counts_duplicate_candidates_once_and_avoids_an_unrecorded_last() {
        let mut rng = ChaCha8Rng::seed_from_u64(3);
        let dupes = vec!["a".to_string(), "a".to_string(), "b".to_string()];
        let used: HashSet<String> = ["a".to_string()].into();
        for _ in 0..50 {
            let d = draw(&dupes, &used, Some("a"), &mut rng).unwrap();
            assert_eq!((d.key.as_str(), d.new_round), ("b", false));
            // `last` not recorded as used is still not repeated while another is unused.
            let d = draw(&dupes, &HashSet::new(), Some("b"), &mut rng).unwrap();
            assert_eq!(d.key, "a");
        }
    }

    #[test]
    fn draw_is_roughly_uniform() {
        let candidates = keys(4);
        let mut counts: HashMap<String, usize> = HashMap::new();
        let mut rng = ChaCha8Rng::seed_from_u64(4);
        for _ in 0..4000 {
            let d = draw(&candidates, &HashSet::new(), None, &mut rng).unwrap();
            *counts.entry(d.key).or_default() += 1;
        }
        for k in &candidates {
            let n = counts[k];
            assert!((850..=1150).contains(&n), "{k}: {n}");
        }
    }

    proptest! {
        #[test]
        fn draw_rounds_are_permutations(n in 1usize..40, seed in any::<u64>()) {
            let candidates = keys(n);
            let rounds = simulate(&candidates, 3, seed);
            prop_assert_eq!(rounds.len(), 3);
            for round in &rounds {
                let set: BTreeSet<_> = round.iter().collect();
                prop_assert_eq!(round.len(), n);
                prop_assert_eq!(set.len(), n);
            }
            if n > 1 {
                for pair in rounds.windows(2) {
                    prop_assert_ne!(pair[0].last(), pair[1].first());
                }
            }
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
