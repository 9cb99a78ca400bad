//! Pinyin ruby residue found (see `textfix.ruby`): a Chinese character, then its reading in
//! parentheses. Whether the letters are a reading of the character is the Python step's call.

use std::sync::OnceLock;

use memchr::memmem;

use crate::class::Class;
use crate::lines::lines;

const LOST: char = '\u{fffd}';
/// Letters a reading may hold, besides a lost one (U+FFFD) and a garbled one (a Chinese
/// character between two Latin letters: the two bytes of `à` read as GBK in `xi脿n`).
const LETTERS: &str = r"\p{Latin}\p{Mn}";
const MAX_LETTERS: usize = 8;

struct Classes {
    han: Class,
    latin: Class,
    letters: Class,
}

fn classes() -> &'static Classes {
    static CLASSES: OnceLock<Classes> = OnceLock::new();
    CLASSES.get_or_init(|| Classes {
        han: Class::fixed(r"\p{Han}"),
        latin: Class::fixed(r"\p{Latin}"),
        letters: Class::fixed(LETTERS),
    })
}

/// One parenthesised reading after a character: the line's index, the span of character and
/// reading in characters (`start..end`), the character (U+FFFD where it was lost) and the
/// letters with their tone number, a garbled letter as U+FFFD.
#[derive(Debug, PartialEq, Eq)]
pub struct Annotation {
    pub line: usize,
    pub start: usize,
    pub end: usize,
    pub annotated: char,
    pub letters: String,
}

/// The annotations of `text` (split at `\n`), line by line, left to right, none overlapping:
/// a Chinese character or U+FFFD, `(` or `（`, one to eight letters (at least one of them Latin),
/// an optional tone number 0-5, `)` or `）`.
pub fn annotations(text: &str) -> Vec<Annotation> {
    let mut found = Vec::new();
    if !holds_parenthesis(text) {
        return found;
    }
    for (number, line) in lines(text).enumerate() {
        if holds_parenthesis(line) {
            let chars: Vec<char> = line.chars().collect();
            let mut i = 0;
            while i + 1 < chars.len() {
                match annotation_at(&chars, i) {
                    Some((end, letters)) => {
                        found.push(Annotation { line: number, start: i, end, annotated: chars[i], letters });
                        i = end;
                    }
                    None => i += 1,
                }
            }
        }
    }
    found
}

fn holds_parenthesis(text: &str) -> bool {
    static FULL_WIDTH: OnceLock<memmem::Finder<'static>> = OnceLock::new();
    let full_width = FULL_WIDTH.get_or_init(|| memmem::Finder::new("（".as_bytes()));
    memchr::memchr(b'(', text.as_bytes()).is_some() || full_width.find(text.as_bytes()).is_some()
}

/// The annotation starting at `chars[start]`, if one does: its end and its letters.
fn annotation_at(chars: &[char], start: usize) -> Option<(usize, String)> {
    let classes = classes();
    let annotated = chars[start];
    if !matches!(chars[start + 1], '(' | '（') || !(annotated == LOST || classes.han.contains(annotated)) {
        return None;
    }
    let latin = |i: usize| chars.get(i).is_some_and(|&c| classes.latin.contains(c));
    let mut letters = String::new();
    let mut has_latin = false;
    let mut i = start + 2;
    while i < chars.len() && i - start - 2 < MAX_LETTERS {
        let c = chars[i];
        if c == LOST || classes.letters.contains(c) {
            has_latin |= classes.latin.contains(c);
            letters.push(c);
        } else if classes.han.contains(c) && latin(i - 1) && latin(i + 1) {
            letters.push(LOST);
        } else {
            break;
        }
        i += 1;
    }
    if letters.is_empty() || !has_latin {
        return None;
    }
    if let Some(&tone @ '0'..='5') = chars.get(i) {
        letters.push(tone);
        i += 1;
    }
    matches!(chars.get(i), Some(')' | '）')).then_some((i + 1, letters))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str) -> Vec<(usize, usize, usize, char, String)> {
        annotations(text).into_iter().map(|a| (a.line, a.start, a.end, a.annotated, a.letters)).collect()
    }

    #[test]
    fn readings_after_characters_are_found() {
        assert_eq!(
            spans("協調(diào)\n發（fa1）展"),
            vec![(0, 1, 8, '調', "diào".into()), (1, 0, 6, '發', "fa1".into()),]
        );
        assert_eq!(spans("那\u{fffd}(y\u{fffd}ng)"), vec![(0, 1, 8, '\u{fffd}', "y\u{fffd}ng".into())]);
        assert_eq!(spans("先(xi脿n)"), vec![(0, 0, 7, '先', "xi\u{fffd}n".into())]);
    }

    #[test]
    fn other_parentheses_are_not_readings() {
        for text in ["北京 (Beijing)", "(山東段)", "字(123)", "字(abcdefghi)", "字()", "字(ab", "a(b)", "字(脿a)"]
        {
            assert_eq!(spans(text), vec![], "{text}");
        }
        assert_eq!(spans("字(abcdefgh)").len(), 1);
    }
}
