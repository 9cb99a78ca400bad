//! The chrome step's field labels: the letters of a line, and the labels, dates and times of a
//! metadata line the repair step left damaged, written out again (`textfix.rules.FieldGrammar`).
//!
//! The patterns these repairs were written with look behind and ahead of a lost character
//! (U+FFFD), which the `regex` crate cannot; the lost separators are found by scanning around
//! each U+FFFD instead.

use std::borrow::Cow;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};
use regex::Regex;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::boilerplate::word_char;

const LOST: char = '\u{fffd}';
/// A wrong character in a shorter label leaves too little of it.
const GARBLED_LABEL_MIN: usize = 3;

/// `text` without punctuation, symbols and spaces (Python's `[\W_]`): what two spellings of a
/// headline share.
pub fn letters(text: &str) -> String {
    text.chars().filter(|&c| c != '_' && word_char(c)).collect()
}

static DECIMAL: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\d$").unwrap());

/// A decimal digit of any script (`\d`).
fn digit(c: char) -> bool {
    c.is_ascii_digit() || (!c.is_ascii() && c.is_numeric() && DECIMAL.is_match(c.encode_utf8(&mut [0; 4])))
}

/// How many digits end right before `chars[end]`.
fn digits_before(chars: &[char], end: usize) -> usize {
    chars[..end].iter().rev().take_while(|&&c| digit(c)).count()
}

/// How many digits start at `chars[start]`.
fn digits_from(chars: &[char], start: usize) -> usize {
    chars[start.min(chars.len())..].iter().take_while(|&&c| digit(c)).count()
}

/// The first position from `start` on that is no whitespace (`\s` of the `regex` module).
fn skip_space(chars: &[char], mut start: usize) -> usize {
    while start < chars.len() && chars[start].is_whitespace() {
        start += 1;
    }
    start
}

/// The position of the last whitespace in the run that ends right before `end`.
fn skip_space_back(chars: &[char], mut end: usize) -> usize {
    while end > 0 && chars[end - 1].is_whitespace() {
        end -= 1;
    }
    end
}

/// Whether the U+FFFD at `chars[at]` is a date's lost separator: after a year and a month
/// (2025年09�18日: one or two digits, after `\d{4}\s*[-/.年]\s*`), a day following; or after a
/// year, a month and its separator following (2025�09-18).
fn lost_date_separator(chars: &[char], at: usize) -> bool {
    let after_month = || {
        let month = digits_before(chars, at);
        if !(1..=2).contains(&month) {
            return false;
        }
        let separator = skip_space_back(chars, at - month);
        if separator == 0 || !matches!(chars[separator - 1], '-' | '/' | '.' | '年') {
            return false;
        }
        let year_end = skip_space_back(chars, separator - 1);
        digits_before(chars, year_end) == 4 && digit(*chars.get(skip_space(chars, at + 1)).unwrap_or(&' '))
    };
    let before_month = || {
        if digits_before(chars, at) != 4 {
            return false;
        }
        let month = skip_space(chars, at + 1);
        let length = digits_from(chars, month);
        (1..=2).contains(&length)
            && matches!(chars.get(skip_space(chars, month + length)), Some('-' | '/' | '.' | '月'))
    };
    after_month() || before_month()
}

/// Whether the U+FFFD at `chars[at]` is a time's lost colon (13�38): one or two digits before
/// it, two after.
fn lost_time_separator(chars: &[char], at: usize) -> bool {
    (1..=2).contains(&digits_before(chars, at)) && digits_from(chars, at + 1) == 2
}

/// `line` with every date or time separator lost to U+FFFD written as `-` or `:`.
pub fn restore_separators(line: &str) -> Cow<'_, str> {
    if !line.contains(LOST) {
        return Cow::Borrowed(line);
    }
    let mut chars: Vec<char> = line.chars().collect();
    // Each repair reads the line as it was before that repair's own replacements.
    let dates: Vec<usize> = (0..chars.len()).filter(|&i| chars[i] == LOST && lost_date_separator(&chars, i)).collect();
    for i in dates {
        chars[i] = '-';
    }
    let times: Vec<usize> = (0..chars.len()).filter(|&i| chars[i] == LOST && lost_time_separator(&chars, i)).collect();
    for i in times {
        chars[i] = ':';
    }
    Cow::Owned(chars.into_iter().collect())
}

/// The labels of the field grammar, and what each label that lost a character stands for.
pub struct Labels {
    labels: FxHashSet<String>,
    lost: FxHashMap<String, String>,
    lost_scan: AhoCorasick,
    comma_byline: Regex,
    before_separator: Regex,
}

impl Labels {
    /// From every spelling of the value labels, and each label with one character lost to
    /// U+FFFD with the label it stands for.
    pub fn new(labels: &[String], lost: Vec<(String, String)>) -> Result<Self, String> {
        let mut by_length: Vec<&String> = labels.iter().collect();
        by_length.sort_by_key(|label| std::cmp::Reverse(label.chars().count()));
        let alternation = by_length.iter().map(|label| regex::escape(label)).collect::<Vec<_>>().join("|");
        // A label, a comma for its colon and a short name is a whole byline (编辑，谢�, 【责编，王平】).
        let comma_byline = Regex::new(&format!(
            r"^[\s\x1c-\x1f（(【\[]*(?P<label>{alternation})[\s\x1c-\x1f]*[，,][\s\x1c-\x1f]*(?P<name>[\x{{3400}}-\x{{9fff}}\x{{fffd}}]{{1,4}})[\s\x1c-\x1f）)】\]]*$"
        ))
        .map_err(|e| e.to_string())?;
        // Han characters (or what a lost one became) before a colon or a comma.
        let before_separator =
            Regex::new(r"([\x{3400}-\x{9fff}\x{f900}-\x{faff}\x{fffd}？?]{3,8})[\s\x1c-\x1f]*([：:，,])").unwrap();
        let lost_scan = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(lost.iter().map(|(damaged, _)| damaged))
            .map_err(|e| e.to_string())?;
        Ok(Labels {
            labels: labels.iter().cloned().collect(),
            lost: lost.into_iter().collect(),
            lost_scan,
            comma_byline,
            before_separator,
        })
    }

    /// `line` with every label that lost one character to U+FFFD written out again.
    pub fn restore_labels<'a>(&self, line: &'a str) -> Cow<'a, str> {
        if !line.contains(LOST) {
            return Cow::Borrowed(line);
        }
        let mut restored = String::with_capacity(line.len());
        let mut copied = 0;
        for found in self.lost_scan.find_iter(line) {
            restored.push_str(&line[copied..found.start()]);
            restored.push_str(&self.lost[&line[found.start()..found.end()]]);
            copied = found.end();
        }
        if copied == 0 {
            return Cow::Borrowed(line);
        }
        restored.push_str(&line[copied..]);
        Cow::Owned(restored)
    }

    /// `line` as the field grammar reads it: every label that lost a character written out
    /// again (来�: 来源), every lost separator of a date or time too (09�18日, 13�38), and the
    /// other U+FFFD taken out (2019年�06月�19日� reads as a date without them).
    pub fn prepared<'a>(&self, line: &'a str) -> Cow<'a, str> {
        if !line.contains(LOST) {
            return Cow::Borrowed(line);
        }
        let restored = restore_separators(&self.restore_labels(line)).replace(LOST, "");
        Cow::Owned(restored)
    }

    /// `line` with a label of `GARBLED_LABEL_MIN` characters or more that has one wrong
    /// character, or a comma for its colon, written out again with its colon; a label of any
    /// length when the line is only the label, the comma and a short name.
    pub fn restore_garbled<'a>(&self, line: &'a str) -> Cow<'a, str> {
        // Both patterns need a colon or a comma: most lines have neither.
        if !line.contains([':', '：', ',', '，']) {
            return Cow::Borrowed(line);
        }
        if let Some(byline) = self.comma_byline.captures(line) {
            return Cow::Owned(format!("{}：{}", &byline["label"], &byline["name"]));
        }
        self.before_separator.replace_all(line, |found: &regex::Captures| {
            let (run, separator) = (&found[1], &found[2]);
            self.restored_label(run, separator == "，" || separator == ",").unwrap_or_else(|| found[0].to_owned())
        })
    }

    fn restored_label(&self, run: &str, comma: bool) -> Option<String> {
        let starts: Vec<usize> = run.char_indices().map(|(i, _)| i).collect();
        for &start in starts.iter().take((starts.len() + 1).saturating_sub(GARBLED_LABEL_MIN)) {
            let word = &run[start..];
            if comma {
                if self.labels.contains(word) {
                    return Some(format!("{run}："));
                }
                continue;
            }
            for (k, c) in word.char_indices() {
                let damaged = format!("{}{LOST}{}", &word[..k], &word[k + c.len_utf8()..]);
                if let Some(label) = self.lost.get(&damaged) {
                    return Some(format!("{}{label}：", &run[..start]));
                }
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels() -> Labels {
        let labels: Vec<String> = ["来源", "编辑", "责任编辑", "记者"].iter().map(|s| s.to_string()).collect();
        let mut lost = Vec::new();
        for label in &labels {
            let chars: Vec<char> = label.chars().collect();
            for k in 0..chars.len() {
                let mut damaged = chars.clone();
                damaged[k] = LOST;
                lost.push((damaged.into_iter().collect(), label.clone()));
            }
        }
        Labels::new(&labels, lost).unwrap()
    }

    #[test]
    fn letters_keep_words_and_digits() {
        assert_eq!(letters("“新华社”_北京 3月·报道！"), "新华社北京3月报道");
        assert_eq!(letters("①②"), "①②");
    }

    #[test]
    fn lost_separators_of_dates_and_times() {
        assert_eq!(restore_separators("2025年09\u{fffd}18日 13\u{fffd}38"), "2025年09-18日 13:38");
        assert_eq!(restore_separators("2025\u{fffd}09-18"), "2025-09-18");
        assert_eq!(restore_separators("12025年09\u{fffd}18日"), "12025年09:18日");
        assert_eq!(restore_separators("13\u{fffd}385"), "13\u{fffd}385");
        assert_eq!(restore_separators("来源\u{fffd}新华社"), "来源\u{fffd}新华社");
    }

    #[test]
    fn labels_that_lost_a_character() {
        let labels = labels();
        assert_eq!(labels.restore_labels("来\u{fffd}：新华社"), "来源：新华社");
        assert_eq!(labels.restore_labels("责任编\u{fffd}：王平"), "责任编辑：王平");
        assert_eq!(labels.restore_labels("新华社"), "新华社");
        assert_eq!(
            labels.prepared("来\u{fffd}：新华社 2019年\u{fffd}06月\u{fffd}19日 13\u{fffd}38"),
            "来源：新华社 2019年06月19日 13:38"
        );
    }

    #[test]
    fn garbled_labels() {
        let labels = labels();
        assert_eq!(labels.restore_garbled("【责编，王平】".replace("责编", "编辑").as_str()), "编辑：王平");
        assert_eq!(labels.restore_garbled("责任编说：王平"), "责任编辑：王平");
        assert_eq!(labels.restore_garbled("本文责任编辑，王平同志说"), "本文责任编辑：王平同志说");
        assert_eq!(labels.restore_garbled("他说：好"), "他说：好");
    }
}
