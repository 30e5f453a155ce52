//! The words' source: every sentence is a Fluent message in `locales/<lang>/<area>.ftl`, found
//! at compile time. A message is looked up in the reader's language with its named values
//! (English when the language lacks it); values are slotted in whole, so a translator can
//! reorder a sentence freely, and plurals follow each language's own rules
//! (`{ $n -> [one] … *[other] … }`).
//!
//! Unicode isolation marks stay off: they would break Discord's mentions (`<@id>`), channels
//! (`<#id>`) and timestamps (`<t:…:R>`), which are passed in as values.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::OnceLock;

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader};

use super::Lang;

fluent_templates::static_loader! {
    pub(crate) static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// A language's identifier as Fluent knows it.
pub(crate) fn language_id(lang: Lang) -> &'static LanguageIdentifier {
    static IDS: OnceLock<Vec<LanguageIdentifier>> = OnceLock::new();
    let ids = IDS.get_or_init(|| {
        Lang::shipped()
            .map(|l| l.code().parse().unwrap_or_default())
            .collect()
    });
    let i = Lang::shipped().position(|l| l == lang).unwrap_or(0);
    &ids[i.min(ids.len().saturating_sub(1))]
}

/// One value slotted into a message: text, or a number (which also picks the plural form).
pub struct Arg(FluentValue<'static>);

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg(FluentValue::from(s.to_owned()))
    }
}

impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg(FluentValue::from(s))
    }
}

impl From<&String> for Arg {
    fn from(s: &String) -> Self {
        Arg(FluentValue::from(s.clone()))
    }
}

macro_rules! number_args {
    ($($t:ty)*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Self {
                Arg(FluentValue::from(n))
            }
        }
    )*};
}
number_args!(u8 u16 u32 u64 usize i32 i64);

/// The values of one message, by name.
pub(crate) type Args = HashMap<Cow<'static, str>, FluentValue<'static>>;

pub(crate) fn args(values: Vec<(&'static str, Arg)>) -> Args {
    values
        .into_iter()
        .map(|(name, Arg(v))| (Cow::Borrowed(name), v))
        .collect()
}

/// The message `id` in `lang` with its values (English when `lang` lacks it).
pub(crate) fn message(lang: Lang, id: &str, values: Vec<(&'static str, Arg)>) -> String {
    let values = args(values);
    LOCALES.lookup_complete(language_id(lang), id, Some(&values))
}

/// A message of haven's words: `tr!(lang, "message-id", name = value, …)`.
macro_rules! tr {
    ($lang:expr, $id:literal $(,)?) => {
        $crate::copy::fluent::message($lang, $id, Vec::new())
    };
    ($lang:expr, $id:literal, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::copy::fluent::message(
            $lang,
            $id,
            vec![$((stringify!($name), $crate::copy::fluent::Arg::from($value))),+],
        )
    };
}
pub(crate) use tr;
