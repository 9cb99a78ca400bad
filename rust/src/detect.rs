//! The one-scan fast path of damage detection: sets of characters as bitsets, and the scan for a
//! suspect character or a stray byte that decides whether a page or line is looked at further.
//!
//! The character classes are given as regular-expression class contents (the same strings the
//! Python patterns of `textfix.repair.detect` are built from), so each rule is written once.

use regex::Regex;
use rustc_hash::FxHashSet;

/// A set of characters, scanned fast: a bitset over the Basic Multilingual Plane and a hash set
/// for the rest.
#[derive(Clone, Debug, Default)]
pub struct CharSet {
    bmp: Vec<u64>,
    other: FxHashSet<char>,
}

impl CharSet {
    pub fn from_chars(chars: impl IntoIterator<Item = char>) -> CharSet {
        let mut set = CharSet { bmp: vec![0; 1024], other: FxHashSet::default() };
        for c in chars {
            set.insert(c);
        }
        set
    }

    /// The characters of the Basic Multilingual Plane that the class `[class]` matches.
    pub fn from_class(class: &str) -> Result<CharSet, regex::Error> {
        let pattern = Regex::new(&format!("^[{class}]$"))?;
        let mut buffer = [0u8; 4];
        Ok(CharSet::from_chars(
            (0..0x10000u32).filter_map(char::from_u32).filter(|c| pattern.is_match(c.encode_utf8(&mut buffer))),
        ))
    }

    fn insert(&mut self, c: char) {
        let code = c as usize;
        if code < 0x10000 {
            self.bmp[code >> 6] |= 1 << (code & 63);
        } else {
            self.other.insert(c);
        }
    }

    pub fn contains(&self, c: char) -> bool {
        let code = c as usize;
        if code < 0x10000 {
            self.bmp[code >> 6] & (1 << (code & 63)) != 0
        } else {
            self.other.contains(&c)
        }
    }

    /// Whether `text` holds a character of the set.
    pub fn intersects(&self, text: &str) -> bool {
        text.chars().any(|c| self.contains(c))
    }

    /// The indices of the lines of `text` (split at `\n`) that hold a character of the set.
    pub fn lines_holding(&self, text: &str) -> Vec<usize> {
        lines_where(text, |line| self.intersects(line))
    }

    /// The positions (in characters) of the set's characters in `text`.
    pub fn positions(&self, text: &str) -> Vec<usize> {
        text.chars().enumerate().filter(|&(_, c)| self.contains(c)).map(|(i, _)| i).collect()
    }
}

/// The classes of the stray-byte patterns (see `textfix.repair.detect`).
pub struct StrayClasses {
    /// Characters a double-byte stream read out of phase decodes to, around a lone trail byte.
    pub dbcs_wide: CharSet,
    pub han: CharSet,
    /// Symbols that are trail bytes alone after a Chinese character, and what may follow them.
    pub symbols: CharSet,
    pub after_symbol: CharSet,
    /// Characters a debug build's uninitialised memory reads as, and how long a run of one is damage.
    pub filler: CharSet,
    pub filler_run: usize,
}

/// Whether `text` holds a suspect character or a stray byte: a trail byte (0x40–0x7E) alone
/// between characters a shifted stream decodes to (or a line's edge), a stray symbol between
/// Chinese characters and CJK forms, `?` after a Chinese character, or a run of filler.
pub fn may_be_damaged(suspects: &CharSet, stray: &StrayClasses, text: &str) -> bool {
    let mut chars = text.chars().peekable();
    let mut prev: Option<char> = None;
    let mut run = 0;
    while let Some(c) = chars.next() {
        if suspects.contains(c) {
            return true;
        }
        let next = chars.peek().copied();
        let edge_before = prev.is_none_or(|p| p == '\n' || stray.dbcs_wide.contains(p));
        let edge_after = next.is_none_or(|n| n == '\n' || stray.dbcs_wide.contains(n));
        let after_han = prev.is_some_and(|p| stray.han.contains(p));
        if ('\x40'..='\x7e').contains(&c) && edge_before && edge_after
            || after_han && stray.symbols.contains(c) && next.is_some_and(|n| stray.after_symbol.contains(n))
            || after_han && c == '?'
        {
            return true;
        }
        run = if stray.filler.contains(c) && prev == Some(c) { run + 1 } else { 1 };
        if run >= stray.filler_run && stray.filler.contains(c) {
            return true;
        }
        prev = Some(c);
    }
    false
}

/// The indices of the lines of `text` (split at `\n`) that `may_be_damaged` flags.
pub fn flagged_lines(suspects: &CharSet, stray: &StrayClasses, text: &str) -> Vec<usize> {
    lines_where(text, |line| may_be_damaged(suspects, stray, line))
}

/// The indices of the lines of `text` (split at `\n`) for which `test` holds.
fn lines_where(text: &str, test: impl Fn(&str) -> bool) -> Vec<usize> {
    text.split('\n').enumerate().filter(|(_, line)| test(line)).map(|(i, _)| i).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stray() -> StrayClasses {
        StrayClasses {
            dbcs_wide: CharSet::from_class("\u{3000}-\u{312f}\u{3400}-\u{9fff}").unwrap(),
            han: CharSet::from_class("\u{3400}-\u{9fff}").unwrap(),
            symbols: CharSet::from_class(r"\[\]{}|~^_\\").unwrap(),
            after_symbol: CharSet::from_class("\u{3000}-\u{303f}\u{3400}-\u{9fff}").unwrap(),
            filler: CharSet::from_chars("烫屯".chars()),
            filler_run: 4,
        }
    }

    #[test]
    fn classes_hold_their_ranges() {
        let set = CharSet::from_class(r"\[\]{}|~^_\\").unwrap();
        assert!("[]{}|~^_\\".chars().all(|c| set.contains(c)));
        assert!(!set.contains('a') && !set.contains('中'));
        let wide = CharSet::from_chars(['中', '\u{20000}']);
        assert!(wide.contains('\u{20000}') && wide.intersects("x中") && !wide.intersects("abc"));
        assert_eq!(wide.positions("a中b中"), vec![1, 3]);
        assert_eq!(wide.lines_holding("中\nabc\n\nx\u{20000}"), vec![0, 3]);
    }

    #[test]
    fn stray_bytes_are_found_and_clean_text_passes() {
        let (suspects, stray) = (CharSet::from_chars(['锟']), stray());
        assert!(may_be_damaged(&suspects, &stray, "锟斤拷"));
        assert!(may_be_damaged(&suspects, &stray, "以及_京市")); // a stray symbol
        assert!(may_be_damaged(&suspects, &stray, "當陶Q警方")); // a lone trail byte
        assert!(may_be_damaged(&suspects, &stray, "为什么?"));
        assert!(may_be_damaged(&suspects, &stray, "烫烫烫烫"));
        assert!(may_be_damaged(&suspects, &stray, "x\nQ"));
        assert!(!may_be_damaged(&suspects, &stray, "烫烫烫，好烫"));
        assert!(!may_be_damaged(&suspects, &stray, "今天 A 股上涨 3%"));
        assert!(may_be_damaged(&suspects, &stray, "今天A股上涨")); // flagged here; the model clears it later
        assert!(!may_be_damaged(&suspects, &stray, "中国人民"));
        assert_eq!(flagged_lines(&suspects, &stray, "中国人民\n锟斤拷\n\n为什么?"), vec![1, 3]);
    }
}
