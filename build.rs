//! Finds haven's languages: every directory `locales/<lang>/` that holds Fluent files
//! (`*.ftl`) is a shipped language, English first. Writes `$OUT_DIR/languages.rs` with their
//! codes and, for each language that has one, its prompt library (`locales/<lang>/prompts.toml`),
//! so adding a language is adding files.

use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=locales");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
    let mut codes: Vec<String> = std::fs::read_dir(&root)
        .expect("the locales directory")
        .filter_map(Result::ok)
        .filter(|e| e.path().is_dir())
        .filter(|e| {
            std::fs::read_dir(e.path())
                .map(|files| {
                    files
                        .filter_map(Result::ok)
                        .any(|f| f.path().extension().is_some_and(|x| x == "ftl"))
                })
                .unwrap_or(false)
        })
        .filter_map(|e| e.file_name().into_string().ok())
        .collect();
    codes.sort_by_key(|c| (c != "en", c.clone()));
    assert!(
        codes.first().is_some_and(|c| c == "en"),
        "locales/en/ must hold haven's English words"
    );
    let mut out = String::from("/// Every shipped language's code, English first.\n");
    out.push_str(&format!("pub(crate) const CODES: &[&str] = &{codes:?};\n"));
    out.push_str(
        "/// The prompt library of each language that has one (English's is config/prompts.toml).\n",
    );
    out.push_str("pub(crate) const PROMPTS: &[(&str, &str)] = &[\n");
    for code in &codes {
        let file = root.join(code).join("prompts.toml");
        if file.is_file() {
            out.push_str(&format!(
                "    ({code:?}, include_str!({:?})),\n",
                file.display().to_string()
            ));
        }
    }
    out.push_str("];\n");
    let dest = Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("languages.rs");
    std::fs::write(dest, out).expect("writing languages.rs");
}
