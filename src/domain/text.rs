//! Text rules shared by every input path: lengths in characters, safe echoes of user input.

/// Shortens `s` to at most `max` characters (not bytes), marking the cut with an ellipsis, and
/// drops control characters so an echo of hostile input stays one tidy line.
pub fn clip(s: &str, max: usize) -> String {
    let clean: String = s.chars().filter(|c| !c.is_control()).collect();
    if clean.chars().count() <= max {
        return clean;
    }
    let mut out: String = clean.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// Escapes Discord markdown so an echoed value renders literally (mentions stay inert because
/// every message also sets `allowed_mentions`).
pub fn escape_markdown(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '*'
                | '_'
                | '~'
                | '`'
                | '|'
                | '>'
                | '#'
                | '-'
                | '['
                | ']'
                | '('
                | ')'
                | '@'
                | '<'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A channel name derived from display names: lowercase letters, digits and dashes only.
pub fn channel_slug(parts: &[&str], max: usize) -> String {
    let mut out = String::new();
    for part in parts {
        let slug: String = part
            .chars()
            .flat_map(char::to_lowercase)
            .map(|c| if c.is_alphanumeric() { c } else { '-' })
            .collect();
        for piece in slug.split('-').filter(|p| !p.is_empty()) {
            if !out.is_empty() {
                out.push('-');
            }
            out.push_str(piece);
        }
    }
    let clipped: String = out.chars().take(max).collect();
    clipped.trim_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clip_counts_characters_and_strips_controls() {
        assert_eq!(clip("héllo", 5), "héllo");
        assert_eq!(clip("héllo!", 5), "héll…");
        assert_eq!(clip("a\nb\u{0}c", 10), "abc");
        let long = "🙂".repeat(5000);
        assert_eq!(clip(&long, 40).chars().count(), 40);
    }

    #[test]
    fn escape_makes_mentions_and_markdown_literal() {
        assert_eq!(escape_markdown("@everyone"), "\\@everyone");
        assert_eq!(escape_markdown("**x**"), "\\*\\*x\\*\\*");
        assert_eq!(escape_markdown("<@123>"), "\\<\\@123\\>");
    }

    #[test]
    fn slug_is_discord_safe() {
        assert_eq!(
            channel_slug(&["haven", "Ana María", "Bo!"], 100),
            "haven-ana-maría-bo"
        );
        assert_eq!(channel_slug(&["---"], 100), "");
        assert!(
            channel_slug(&["haven", &"x".repeat(500)], 100)
                .chars()
                .count()
                <= 100
        );
    }
}
