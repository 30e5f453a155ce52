//! The layers, checked: imports point `discord -> service -> {domain, store}`; the words
//! (`copy`) read only the domain, and `render` only the domain and the words; SQL (`rusqlite`)
//! stays in `store`, and serenity in `discord`. The host's bookkeeping (`ops`: metrics, shard
//! health) reads only the domain; the HTTP server (`http`, the only user of axum) reads the
//! use-cases and `ops`, never Discord or SQL. A test reads the source tree, so a new import
//! that breaks the map fails here rather than in a review.

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    /// Every `.rs` file under `src/<dir>`, with its text.
    fn sources(dir: &str) -> Vec<(PathBuf, String)> {
        fn walk(dir: &Path, out: &mut Vec<(PathBuf, String)>) {
            for entry in std::fs::read_dir(dir).expect("a source directory") {
                let path = entry.expect("an entry").path();
                if path.is_dir() {
                    walk(&path, out);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let text = std::fs::read_to_string(&path).expect("a source file");
                    out.push((path, text));
                }
            }
        }
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join(dir);
        let mut out = Vec::new();
        if root.is_dir() {
            walk(&root, &mut out);
        } else {
            let file = root.with_extension("rs");
            let text = std::fs::read_to_string(&file).expect("a source file");
            out.push((file, text));
        }
        out
    }

    /// The code of a file without comments (doc comments name other layers freely) and
    /// without the contents of one-line string literals (log filters name serenity).
    fn code(text: &str) -> String {
        text.lines()
            .map(|l| {
                let mut out = String::new();
                let mut in_string = false;
                let mut chars = l.chars().peekable();
                while let Some(c) = chars.next() {
                    match c {
                        '"' => in_string = !in_string,
                        '\\' if in_string => {
                            chars.next();
                        }
                        '/' if !in_string && chars.peek() == Some(&'/') => break,
                        _ if in_string => {}
                        _ => out.push(c),
                    }
                }
                out
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    fn refuse(dir: &str, forbidden: &[&str]) {
        for (path, text) in sources(dir) {
            let code = code(&text);
            for f in forbidden {
                assert!(
                    !code.contains(f),
                    "{} uses `{f}`, which its layer must not",
                    path.display()
                );
            }
        }
    }

    #[test]
    fn the_domain_is_pure() {
        refuse(
            "domain",
            &[
                "crate::service",
                "crate::store",
                "crate::discord",
                "crate::copy",
                "crate::render",
                "crate::config",
                "serenity",
                "rusqlite",
                "tokio",
            ],
        );
    }

    #[test]
    fn words_read_only_the_domain_and_render_only_the_domain_and_words() {
        let above = [
            "crate::service",
            "crate::store",
            "crate::discord",
            "crate::app",
        ];
        refuse(
            "copy",
            &[&above[..], &["crate::render", "serenity", "rusqlite"]].concat(),
        );
        refuse("render", &[&above[..], &["serenity", "rusqlite"]].concat());
    }

    #[test]
    fn the_store_knows_only_the_domain() {
        refuse(
            "store",
            &[
                "crate::service",
                "crate::discord",
                "crate::copy",
                "crate::render",
                "serenity",
            ],
        );
    }

    #[test]
    fn use_cases_never_speak_discord_or_sql() {
        refuse("service", &["crate::discord", "serenity", "rusqlite"]);
    }

    #[test]
    fn discord_reaches_the_store_only_through_use_cases() {
        refuse("discord", &["crate::store", "rusqlite"]);
    }

    #[test]
    fn sql_and_serenity_stay_in_their_layers() {
        for dir in [
            "app",
            "clock",
            "config",
            "telemetry",
            "main",
            "lib",
            "http",
            "ops",
        ] {
            refuse(
                dir,
                &["rusqlite::", "serenity::", "use serenity", "use rusqlite"],
            );
        }
    }

    #[test]
    fn the_hosts_bookkeeping_reads_only_the_domain() {
        refuse(
            "ops",
            &[
                "crate::service",
                "crate::store",
                "crate::discord",
                "crate::http",
                "crate::copy",
                "crate::render",
                "crate::app",
                "axum",
            ],
        );
    }

    #[test]
    fn the_http_server_reads_use_cases_and_only_it_uses_axum() {
        refuse("http", &["crate::discord", "crate::store"]);
        for dir in [
            "domain", "copy", "render", "store", "service", "discord", "ops", "app", "main",
        ] {
            refuse(dir, &["axum"]);
        }
        for dir in [
            "domain", "copy", "render", "store", "service", "discord", "ops",
        ] {
            refuse(dir, &["crate::http"]);
        }
    }
}
