//! The languages haven speaks. A language is shipped when `locales/<code>/` holds its Fluent
//! files (found at build time, English first), so adding one is adding files. English is the
//! fallback for anything a language or a person's locale does not say.

mod generated {
    include!(concat!(env!("OUT_DIR"), "/languages.rs"));
}

/// Every locale Discord sends and accepts in localizations (Discord's "Locales" reference).
pub const DISCORD_LOCALES: [&str; 32] = [
    "id", "da", "de", "en-GB", "en-US", "es-ES", "es-419", "fr", "hr", "it", "lt", "hu", "nl",
    "no", "pl", "pt-BR", "ro", "fi", "sv-SE", "vi", "tr", "cs", "el", "bg", "ru", "uk", "hi", "th",
    "zh-CN", "ja", "zh-TW", "ko",
];

/// One shipped language: cheap to copy and to pass to every sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Lang(u8);

impl Default for Lang {
    fn default() -> Self {
        Lang::ENGLISH
    }
}

impl Lang {
    /// English, the fallback.
    pub const ENGLISH: Lang = Lang(0);

    /// Every shipped language, English first.
    pub fn shipped() -> impl Iterator<Item = Lang> + Clone {
        (0..generated::CODES.len()).map(|i| Lang(u8::try_from(i).unwrap_or(0)))
    }

    /// The stable code stored for a couple and named by the `locales/` directory ("en", "es").
    pub fn code(self) -> &'static str {
        generated::CODES
            .get(usize::from(self.0))
            .copied()
            .unwrap_or("en")
    }

    /// The shipped language with this code (as [`Lang::code`] gives it), if there is one.
    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::shipped().find(|l| l.code().eq_ignore_ascii_case(code.trim()))
    }

    /// The language for a Discord locale ("es-ES", "es-419", "en-GB"): the shipped language
    /// with exactly that code, else the one of its primary subtag, else English.
    pub fn from_discord(locale: &str) -> Lang {
        Lang::matching(locale).unwrap_or(Lang::ENGLISH)
    }

    /// The shipped language with exactly this code, else the one of its primary subtag.
    fn matching(locale: &str) -> Option<Lang> {
        let locale = locale.trim();
        let primary = locale.split(['-', '_']).next().unwrap_or("");
        Lang::from_code(locale).or_else(|| Lang::from_code(primary))
    }

    /// The Discord locales this language answers for, in command localizations (es: `es-ES`,
    /// `es-419`).
    pub fn discord_locales(self) -> Vec<&'static str> {
        DISCORD_LOCALES
            .iter()
            .copied()
            .filter(|d| Lang::matching(d) == Some(self))
            .collect()
    }

    /// Each shipped language's prompt library, `locales/<code>/prompts.toml` (English's is the
    /// built-in library itself).
    pub fn prompt_files() -> impl Iterator<Item = (Lang, &'static str)> {
        generated::PROMPTS
            .iter()
            .filter_map(|(code, text)| Lang::from_code(code).map(|l| (l, *text)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn es() -> Lang {
        Lang::from_code("es").expect("Spanish is shipped")
    }

    #[test]
    fn english_is_first_and_the_fallback() {
        assert_eq!(Lang::shipped().next(), Some(Lang::ENGLISH));
        assert_eq!(Lang::ENGLISH.code(), "en");
        assert_eq!(Lang::default(), Lang::ENGLISH);
        let codes: Vec<&str> = Lang::shipped().map(Lang::code).collect();
        assert!(codes.contains(&"es"), "{codes:?}");
    }

    #[test]
    fn discord_locales_map_exactly_then_by_primary_subtag_else_english() {
        assert_eq!(Lang::from_discord("es-ES"), es());
        assert_eq!(Lang::from_discord("es-419"), es());
        assert_eq!(Lang::from_discord("en-GB"), Lang::ENGLISH);
        assert_eq!(Lang::from_discord("en-US"), Lang::ENGLISH);
        for odd in [
            "",
            "ja",
            "zz",
            "-",
            "es_",
            "\u{0}",
            "x-very-long-nonsense",
            "ES-es",
        ] {
            let l = Lang::from_discord(odd);
            assert!(Lang::shipped().any(|s| s == l), "{odd:?}");
        }
        assert_eq!(Lang::from_discord("ja"), Lang::ENGLISH);
        assert_eq!(Lang::from_code("xx"), None);
    }

    #[test]
    fn each_language_covers_its_discord_locales() {
        assert_eq!(es().discord_locales(), vec!["es-ES", "es-419"]);
        assert_eq!(Lang::ENGLISH.discord_locales(), vec!["en-GB", "en-US"]);
    }
}
