//! Text rules shared by every input path: the one cleaning rule for a partner's free text,
//! lengths in characters, safe echoes of user input.

/// The one rule for a partner's free text (check-in answers, reflections, appreciations and
/// custom prompts): control characters and invisible format characters are removed (a
/// zero-width joiner inside an emoji or a script that needs it stays), any line break becomes
/// `\n` and is kept, a tab becomes a space, letters that render as blank space are removed,
/// and the whole is trimmed. `None` when nothing readable is left, so no text can make a post
/// carry an empty field.
pub fn clean(s: &str) -> Option<String> {
    let all: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < all.len() {
        let c = all[i];
        let prev = i.checked_sub(1).map(|j| all[j]);
        let next = all.get(i + 1).copied();
        if c == '\r' && next == Some('\n') {
            // "\r\n" is one break.
        } else if is_line_break(c) {
            out.push('\n');
        } else if c == '\t' {
            out.push(' ');
        } else if c.is_control()
            || is_blank_lookalike(c)
            || (is_format(c) && !is_benign_format(prev, c, next))
        {
            // Dropped.
        } else {
            out.push(c);
        }
        i += 1;
    }
    let trimmed = out.trim();
    (!trimmed.is_empty()).then(|| trimmed.to_string())
}

/// Unicode's format characters (general category Cf), which are invisible and can reorder or
/// hide text (U+202E, the right-to-left override, among them).
fn is_format(c: char) -> bool {
    matches!(
        u32::from(c),
        0x00AD
            | 0x0600..=0x0605
            | 0x061C
            | 0x06DD
            | 0x070F
            | 0x0890..=0x0891
            | 0x08E2
            | 0x180E
            | 0x200B..=0x200F
            | 0x202A..=0x202E
            | 0x2060..=0x2064
            | 0x2066..=0x206F
            | 0xFEFF
            | 0xFFF9..=0xFFFB
            | 0x110BD
            | 0x110CD
            | 0x13430..=0x1343F
            | 0x1BCA0..=0x1BCA3
            | 0x1D173..=0x1D17A
            | 0xE0001
            | 0xE0020..=0xE007F
    )
}

/// Letters and symbols that render as blank space, so a prompt of them would look empty.
fn is_blank_lookalike(c: char) -> bool {
    matches!(
        c,
        '\u{115F}' | '\u{1160}' | '\u{3164}' | '\u{FFA0}' | '\u{2800}'
    )
}

fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// A format character that is part of ordinary text: a zero-width joiner or non-joiner between
/// two visible characters (emoji sequences such as the heart on fire, Persian and Indic scripts),
/// or an emoji tag character following the black flag or another tag (subdivision flags such as
/// Scotland's).
fn is_benign_format(prev: Option<char>, c: char, next: Option<char>) -> bool {
    let visible =
        |x: Option<char>| x.is_some_and(|x| !x.is_whitespace() && !x.is_control() && !is_format(x));
    match c {
        '\u{200C}' | '\u{200D}' => visible(prev) && visible(next),
        '\u{E0020}'..='\u{E007F}' => {
            matches!(prev, Some('\u{1F3F4}' | '\u{E0020}'..='\u{E007E}'))
        }
        _ => false,
    }
}

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
    fn one_cleaning_rule_for_free_text() {
        assert_eq!(clean("\u{7}"), None, "a bell alone is nothing to read");
        assert_eq!(clean("\u{90}\u{200B}\u{202E} \t"), None);
        assert_eq!(clean("\u{3164}\u{3164}"), None);
        assert_eq!(clean("  two\r\nlines\n"), Some("two\nlines".into()));
        assert_eq!(
            clean("one\u{2028}two\rthree"),
            Some("one\ntwo\nthree".into())
        );
        assert_eq!(clean("tab\tstop\u{7}"), Some("tab stop".into()));
        assert_eq!(clean("hi \u{202E}olleh"), Some("hi olleh".into()));
        let fire = "\u{2764}\u{FE0F}\u{200D}\u{1F525}";
        assert_eq!(
            clean(fire).as_deref(),
            Some(fire),
            "joiners inside emoji stay"
        );
        let scotland = "\u{1F3F4}\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}";
        assert_eq!(clean(scotland).as_deref(), Some(scotland));
    }

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
