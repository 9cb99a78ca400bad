//! Layout (see `textfix.spacing`): invisible characters, indents and trailing spaces, blank lines.

use std::borrow::Cow;
use std::sync::OnceLock;

use aho_corasick::AhoCorasick;
use memchr::memmem;

use crate::class::Class;
use crate::lines::lines;

/// Spaces that indent a paragraph or trail a line.
const EDGE: &[char] = &[' ', '\t', '\u{3000}', '\u{a0}', '\u{2002}', '\u{2003}', '\u{2009}', '\u{202f}'];

fn letter() -> &'static Class {
    static LETTER: OnceLock<Class> = OnceLock::new();
    LETTER.get_or_init(|| Class::fixed(r"\p{L}"))
}

fn han() -> &'static Class {
    static HAN: OnceLock<Class> = OnceLock::new();
    HAN.get_or_init(|| Class::fixed(r"\p{Han}"))
}

/// What `normalise_layout` did: the text and how many places each rule touched.
#[derive(Debug, PartialEq, Eq)]
pub struct Layout {
    pub text: String,
    /// Characters dropped: zero-width spaces, word joiners and BOMs anywhere, soft hyphens
    /// between letters, zero-width (non-)joiners beside a Chinese character (elsewhere they join
    /// emoji).
    pub invisible: usize,
    /// Runs of spaces dropped at the start or end of a line.
    pub indent: usize,
    /// Runs of line feeds made one: two or more, or any at the start or end of the text.
    pub blank_lines: usize,
}

/// The characters `invisible` may drop.
const INVISIBLE: [&str; 6] = ["\u{200b}", "\u{200c}", "\u{200d}", "\u{2060}", "\u{feff}", "\u{ad}"];

/// Finders of each of the `INVISIBLE` characters' bytes (their lead bytes are frequent in Chinese
/// text, their whole sequences rare: one vectorised scan for each tells a page without any fast),
/// and of all of them at once.
fn invisible_finders() -> &'static (Vec<memmem::Finder<'static>>, AhoCorasick) {
    static FINDERS: OnceLock<(Vec<memmem::Finder<'static>>, AhoCorasick)> = OnceLock::new();
    FINDERS.get_or_init(|| {
        let each = INVISIBLE.iter().map(|c| memmem::Finder::new(c.as_bytes())).collect();
        (each, AhoCorasick::new(INVISIBLE).expect("valid patterns"))
    })
}

fn invisible(text: &str) -> (Cow<'_, str>, usize) {
    let (each, all) = invisible_finders();
    if !each.iter().any(|finder| finder.find(text.as_bytes()).is_some()) {
        return (Cow::Borrowed(text), 0);
    }
    let mut out = String::new();
    let (mut count, mut done) = (0, 0);
    for found in all.find_iter(text) {
        let before = text[..found.start()].chars().next_back();
        let after = text[found.end()..].chars().next();
        let drop = match &text[found.start()..found.end()] {
            "\u{ad}" => before.is_some_and(|b| letter().contains(b)) && after.is_some_and(|a| letter().contains(a)),
            "\u{200c}" | "\u{200d}" => {
                before.is_some_and(|b| han().contains(b)) || after.is_some_and(|a| han().contains(a))
            }
            _ => true,
        };
        if drop {
            out.push_str(&text[done..found.start()]);
            done = found.end();
            count += 1;
        }
    }
    if count == 0 {
        return (Cow::Borrowed(text), 0);
    }
    out.push_str(&text[done..]);
    (Cow::Owned(out), count)
}

fn indents(text: &str) -> (Cow<'_, str>, usize) {
    let mut out: Option<String> = None;
    let (mut count, mut offset) = (0, 0);
    for line in lines(text) {
        let trimmed = line.trim_start_matches(EDGE);
        let end = trimmed.trim_end_matches(EDGE);
        // A line of spaces alone is one run, not a leading and a trailing one.
        let runs = usize::from(trimmed.len() < line.len()) + usize::from(end.len() < trimmed.len() && !end.is_empty());
        if runs > 0 && out.is_none() {
            // The lines before this one are unchanged (without the line feed that ends them).
            let mut unchanged = String::with_capacity(text.len());
            unchanged.push_str(&text[..offset.max(1) - 1]);
            out = Some(unchanged);
        }
        if let Some(out) = &mut out {
            if offset > 0 {
                out.push('\n');
            }
            out.push_str(end);
        }
        count += runs;
        offset += line.len() + 1;
    }
    (out.map_or(Cow::Borrowed(text), Cow::Owned), count)
}

fn blank_lines(text: &str) -> (Cow<'_, str>, usize) {
    let bytes = text.as_bytes();
    let mut out = String::new();
    let (mut count, mut done, mut at) = (0, 0, 0);
    while let Some(found) = memchr::memchr(b'\n', &bytes[at..]) {
        let start = at + found;
        let end = start + bytes[start..].iter().take_while(|&&b| b == b'\n').count();
        if end - start >= 2 || start == 0 || end == bytes.len() {
            count += 1;
            out.push_str(&text[done..start]);
            out.push('\n');
            done = end;
        }
        at = end;
    }
    if count == 0 {
        return (Cow::Borrowed(text), 0);
    }
    out.push_str(&text[done..]);
    (Cow::Owned(out), count)
}

/// Drop invisible characters, indents and trailing spaces, and blank lines, in that order, and
/// trim line feeds from both ends; None when no rule applies.
pub fn normalise_layout(text: &str) -> Option<Layout> {
    let (text, invisible) = invisible(text);
    let (text, indent) = indents(&text);
    let (text, blank_lines) = blank_lines(&text);
    if invisible + indent + blank_lines == 0 {
        return None;
    }
    Some(Layout { text: text.trim_matches('\n').to_string(), invisible, indent, blank_lines })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(text: &str) -> Option<(String, usize, usize, usize)> {
        normalise_layout(text).map(|l| (l.text, l.invisible, l.indent, l.blank_lines))
    }

    #[test]
    fn clean_text_is_left_alone() {
        assert_eq!(counts("第一段\n第二段 有空格"), None);
    }

    #[test]
    fn each_rule_counts_its_places() {
        let page = "\n\n\u{3000}\u{3000}第一段\u{200b}  \n\n\n  第二段\n\u{3000}\n末段\n";
        assert_eq!(counts(page), Some(("第一段\n第二段\n末段".into(), 1, 4, 4)));
        assert_eq!(counts("a\nb\n"), Some(("a\nb".into(), 0, 0, 1)));
        assert_eq!(counts("\na"), Some(("a".into(), 0, 0, 1)));
    }

    #[test]
    fn joiners_and_soft_hyphens_depend_on_neighbours() {
        assert_eq!(counts("中\u{200d}文"), Some(("中文".into(), 1, 0, 0)));
        assert_eq!(counts("👨\u{200d}👩"), None);
        assert_eq!(counts("co\u{ad}operate 中\u{ad}1"), Some(("cooperate 中\u{ad}1".into(), 1, 0, 0)));
        assert_eq!(counts("字\u{200d}\u{200d}字"), Some(("字字".into(), 2, 0, 0)));
    }
}
