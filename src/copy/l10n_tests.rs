//! The languages checked against each other: every `.ftl` file parses; every message exists in
//! every shipped language, with the same named values; every message formats without errors in
//! every language; and every message the code asks for (`tr!`) exists and is given exactly the
//! values it uses.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use fluent_syntax::ast;
use fluent_templates::fluent_bundle::FluentValue;

use super::fluent::{language_id, LOCALES};
use super::Lang;

/// Each message of one language: its id and the names of the values it uses.
type Messages = BTreeMap<String, BTreeSet<String>>;

fn locales_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("locales")
}

/// The `.ftl` files of one language, with their text.
fn ftl_files(lang: Lang) -> Vec<(PathBuf, String)> {
    let dir = locales_dir().join(lang.code());
    let mut files: Vec<(PathBuf, String)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "ftl"))
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("an ftl file");
            (p, text)
        })
        .collect();
    files.sort();
    files
}

fn inline_variables(e: &ast::InlineExpression<&str>, out: &mut BTreeSet<String>) {
    match e {
        ast::InlineExpression::VariableReference { id } => {
            out.insert(id.name.to_string());
        }
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            for p in &arguments.positional {
                inline_variables(p, out);
            }
            for n in &arguments.named {
                inline_variables(&n.value, out);
            }
        }
        ast::InlineExpression::TermReference {
            arguments: Some(arguments),
            ..
        } => {
            for p in &arguments.positional {
                inline_variables(p, out);
            }
            for n in &arguments.named {
                inline_variables(&n.value, out);
            }
        }
        ast::InlineExpression::Placeable { expression } => expression_variables(expression, out),
        _ => {}
    }
}

fn expression_variables(e: &ast::Expression<&str>, out: &mut BTreeSet<String>) {
    match e {
        ast::Expression::Select { selector, variants } => {
            inline_variables(selector, out);
            for v in variants {
                pattern_variables(&v.value, out);
            }
        }
        ast::Expression::Inline(i) => inline_variables(i, out),
    }
}

fn pattern_variables(p: &ast::Pattern<&str>, out: &mut BTreeSet<String>) {
    for element in &p.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            expression_variables(expression, out);
        }
    }
}

/// Every message of a language with its values; a file that does not parse fails the test.
fn messages(lang: Lang) -> Messages {
    let mut all = Messages::new();
    for (path, text) in ftl_files(lang) {
        let resource = match fluent_syntax::parser::parse(text.as_str()) {
            Ok(r) => r,
            Err((_, errors)) => panic!("{}: {errors:?}", path.display()),
        };
        for entry in &resource.body {
            match entry {
                ast::Entry::Message(m) => {
                    let mut vars = BTreeSet::new();
                    if let Some(v) = &m.value {
                        pattern_variables(v, &mut vars);
                    }
                    for a in &m.attributes {
                        pattern_variables(&a.value, &mut vars);
                    }
                    let fresh = all.insert(m.id.name.to_string(), vars).is_none();
                    assert!(fresh, "{}: {} is defined twice", path.display(), m.id.name);
                }
                ast::Entry::Junk { content } => {
                    panic!("{}: cannot parse {content:?}", path.display())
                }
                _ => {}
            }
        }
    }
    all
}

#[test]
fn every_ftl_file_parses() {
    for lang in Lang::shipped() {
        let files = ftl_files(lang);
        assert!(!files.is_empty(), "{} has no .ftl files", lang.code());
        for (path, text) in files {
            if let Err((_, errors)) = fluent_syntax::parser::parse(text.as_str()) {
                panic!("{}: {errors:?}", path.display());
            }
        }
    }
}

#[test]
fn the_syntax_check_finds_a_broken_file() {
    for broken in [
        "a-message = { $unclosed",
        "= no id",
        "x = { $n ->\n [one] a\n}\n",
    ] {
        assert!(
            fluent_syntax::parser::parse(broken).is_err(),
            "{broken:?} should not parse"
        );
    }
}

#[test]
fn every_message_exists_in_every_language_with_the_same_values() {
    let english = messages(Lang::ENGLISH);
    assert!(!english.is_empty());
    for lang in Lang::shipped().skip(1) {
        let other = messages(lang);
        let missing: Vec<&String> = english.keys().filter(|k| !other.contains_key(*k)).collect();
        let extra: Vec<&String> = other.keys().filter(|k| !english.contains_key(*k)).collect();
        assert!(missing.is_empty(), "{} lacks {missing:?}", lang.code());
        assert!(extra.is_empty(), "{} has unknown {extra:?}", lang.code());
        for (id, vars) in &english {
            assert_eq!(
                &other[id],
                vars,
                "{} {id}: its values differ from English",
                lang.code()
            );
        }
    }
}

/// Sample values for every value a message uses: all numbers `n`, or all text.
fn samples(vars: &BTreeSet<String>, n: Option<u32>) -> super::fluent::Args {
    vars.iter()
        .map(|v| {
            let value = match n {
                Some(n) => FluentValue::from(n),
                None => FluentValue::from(format!("<{v}>")),
            };
            (std::borrow::Cow::Owned(v.clone()), value)
        })
        .collect()
}

#[test]
fn every_message_formats_without_errors_in_every_language() {
    for lang in Lang::shipped() {
        for (id, vars) in messages(lang) {
            for n in [Some(0), Some(1), Some(2), Some(5), Some(21), None] {
                let values = samples(&vars, n);
                let text = LOCALES
                    .lookup_single_language(language_id(lang), &id, Some(&values))
                    .unwrap_or_else(|e| panic!("{} {id} with {n:?}: {e:?}", lang.code()));
                assert!(!text.trim().is_empty(), "{} {id} is empty", lang.code());
                assert!(
                    !text.contains('\u{2068}') && !text.contains('\u{2069}'),
                    "{} {id}: isolation marks would break mentions",
                    lang.code()
                );
            }
        }
    }
}

/// Every `tr!(lang, "id", name = value, …)` in the words' source: the id and the value names.
fn calls_in_source() -> Vec<(String, String, BTreeSet<String>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("src")
        .join("copy");
    let mut calls = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("src/copy") {
        let path = entry.expect("an entry").path();
        if path.extension().is_none_or(|x| x != "rs")
            || path.ends_with("fluent.rs")
            || path.ends_with("l10n_tests.rs")
        {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("a source file");
        let file = path.file_name().unwrap_or_default().to_string_lossy();
        let mut rest = text.as_str();
        while let Some(at) = rest.find("tr!(") {
            rest = &rest[at + 4..];
            // The macro's arguments, up to its closing parenthesis.
            let mut depth = 1;
            let mut end = rest.len();
            let mut in_string = false;
            let mut prev = ' ';
            for (i, c) in rest.char_indices() {
                match c {
                    '"' if prev != '\\' => in_string = !in_string,
                    '(' | '[' | '{' if !in_string => depth += 1,
                    ')' | ']' | '}' if !in_string => {
                        depth -= 1;
                        if depth == 0 {
                            end = i;
                            break;
                        }
                    }
                    _ => {}
                }
                prev = c;
            }
            let body = &rest[..end];
            // Top-level pieces, split at commas outside brackets and strings.
            let mut pieces = Vec::new();
            let (mut depth, mut in_string, mut prev, mut start) = (0, false, ' ', 0);
            for (i, c) in body.char_indices() {
                match c {
                    '"' if prev != '\\' => in_string = !in_string,
                    '(' | '[' | '{' if !in_string => depth += 1,
                    ')' | ']' | '}' if !in_string => depth -= 1,
                    ',' if !in_string && depth == 0 => {
                        pieces.push(body[start..i].trim());
                        start = i + 1;
                    }
                    _ => {}
                }
                prev = c;
            }
            pieces.push(body[start..].trim());
            pieces.retain(|p| !p.is_empty());
            let Some(id) = pieces
                .get(1)
                .and_then(|p| p.strip_prefix('"')?.strip_suffix('"'))
            else {
                continue; // the macro's own definition
            };
            let names = pieces[2..]
                .iter()
                .filter_map(|p| p.split_once('=').map(|(n, _)| n.trim().to_string()))
                .collect();
            calls.push((file.to_string(), id.to_string(), names));
        }
    }
    calls
}

#[test]
fn every_message_asked_for_exists_and_gets_exactly_its_values() {
    let english = messages(Lang::ENGLISH);
    let calls = calls_in_source();
    assert!(!calls.is_empty(), "the scan finds the words' messages");
    for (file, id, names) in &calls {
        let vars = english
            .get(id)
            .unwrap_or_else(|| panic!("{file}: {id} is not in locales/en"));
        assert_eq!(
            names, vars,
            "{file}: {id} is given other values than it uses"
        );
    }
    let asked: BTreeSet<&String> = calls.iter().map(|(_, id, _)| id).collect();
    let unused: Vec<&String> = english.keys().filter(|k| !asked.contains(k)).collect();
    assert!(unused.is_empty(), "messages nothing asks for: {unused:?}");
}
