//! The chrome step's field grammar: the tokens of a metadata line (dates, times, `label: value`
//! fields, widget words, names) and the facts a line made only of them carries
//! (`textfix.chrome.parse_fields`).
//!
//! The grammar was written for a backtracking engine with lookarounds; here each token is read
//! by hand (or by a linear-time pattern) in the order the backtracking engine tries it, with its
//! lookarounds as checks of the characters next to it, so that every line reads as before. The
//! words come from the rule book (`data/chrome_rules.toml`), the date and time patterns from
//! `textfix.dates`, in every spelling.

use std::borrow::Cow;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use regex::{Regex, RegexBuilder};
use regex_syntax::hir::{Class, HirKind};
use rustc_hash::{FxHashMap, FxHashSet};

use crate::fields::Labels;
use crate::linerules::LineRules;
use crate::memo::Memo;

/// A line of more characters than this is no metadata line.
pub const FIELDS_MAX_LENGTH: usize = 120;
/// Inside a body only short lines can be bylines or captions; an editor or byline line whose
/// label came back garbled is short too.
pub const MIDDLE_FIELDS_MAX_LENGTH: usize = 40;
const GARBLED_FIELDS_MAX_LENGTH: usize = 40;
/// A label alone on a line without its colon (本文来源于) is short, and so is the value a
/// scraper put on the line after a label.
const BARE_LABEL_MAX_LENGTH: usize = 8;
const SPLIT_VALUE_MAX_LENGTH: usize = 30;
/// A line of a label alone may open with a word of this many Han characters at most (本文来源于,
/// 文章作者), and is this long at least.
const BARE_LABEL_PREFIX: usize = 2;
const BARE_LABEL_MIN: usize = 3;
/// A widget bar is short (`garbled_widget_bar`).
const BAR_MAX_LENGTH: usize = 40;
const BAR_TOKEN_MAX: usize = 3;
const LOST: char = '\u{fffd}';
/// The verbs a law's or a charter's note of adoption ends with (（1997年3月14日第八届全国人民代表
/// 大会第五次会议通过）): a date and a clause, no dateline; a source is a name, never a verb's.
const ADOPTION_VERBS: [&str; 8] = ["通过", "通過", "修订", "修訂", "修正", "批准", "施行", "公布"];
/// The lazy DFA's cache for the grammar's patterns: how a metadata line begins, an alternation of
/// every word behind a run of any six characters, has more states than the default 2 MiB holds,
/// and rebuilding them for every line cost more than the rest of the grammar.
const DFA_SIZE_LIMIT: usize = 32 << 20;

/// The ranges of a one-character class of the `regex` crate's syntax (`\p{Han}`, `\d`).
pub(crate) fn class_ranges(pattern: &str) -> Vec<(char, char)> {
    let hir = regex_syntax::Parser::new().parse(pattern).expect("a character class");
    match hir.kind() {
        HirKind::Class(Class::Unicode(class)) => class.ranges().iter().map(|r| (r.start(), r.end())).collect(),
        _ => unreachable!("{pattern} is a Unicode class"),
    }
}

pub(crate) fn in_ranges(ranges: &[(char, char)], c: char) -> bool {
    ranges
        .binary_search_by(|&(start, end)| {
            if end < c {
                std::cmp::Ordering::Less
            } else if start > c {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

static HAN: LazyLock<Vec<(char, char)>> = LazyLock::new(|| class_ranges(r"\p{Han}"));
static DIGIT: LazyLock<Vec<(char, char)>> = LazyLock::new(|| class_ranges(r"\d"));

/// A Han character (`\p{Han}`).
pub fn han(c: char) -> bool {
    if ('\u{4e00}'..='\u{9fff}').contains(&c) {
        return true;
    }
    !c.is_ascii() && in_ranges(&HAN, c)
}

/// A decimal digit of any script (`\d`).
pub fn digit(c: char) -> bool {
    c.is_ascii_digit() || (!c.is_ascii() && in_ranges(&DIGIT, c))
}

/// Whether `value` ends with a verb of adoption (`ADOPTION_VERBS`), before a closing bracket.
fn adopted(value: &str) -> bool {
    let value = value.trim_end_matches([')', '）', ' ']);
    ADOPTION_VERBS.iter().any(|verb| value.ends_with(verb))
}

/// Whitespace as Python's `str.isspace` (and `str.strip`) reads it: `\s` and the separators
/// U+001C to U+001F.
pub fn py_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// Whether `c` is its own NFKC form in any text: a character that no normalisation changes or
/// composes with (ASCII, the CJK ideographs, common CJK and typographic punctuation).
fn nfkc_stable_char(c: char) -> bool {
    c.is_ascii()
        || ('\u{4e00}'..='\u{9fff}').contains(&c)
        || ('\u{3400}'..='\u{4dbf}').contains(&c)
        || ('\u{3001}'..='\u{3002}').contains(&c)
        || ('\u{3008}'..='\u{3011}').contains(&c)
        || ('\u{3014}'..='\u{301b}').contains(&c)
        || matches!(c, '\u{b7}' | '\u{2013}' | '\u{2014}' | '\u{2018}' | '\u{2019}' | '\u{201c}' | '\u{201d}')
        || matches!(c, '\u{2022}' | '\u{25cf}' | LOST)
}

/// `text` in NFKC where that needs no tables: its characters are stable (`nfkc_stable_char`),
/// full-width ASCII (U+FF01 to U+FF5E, whose compatibility form is the ASCII character) or the
/// ideographic space (a space). None for other text, which the caller normalises.
pub fn nfkc_folded(text: &str) -> Option<Cow<'_, str>> {
    let wide = |c: char| ('\u{ff01}'..='\u{ff5e}').contains(&c) || c == '\u{3000}';
    let mut folded = true;
    for c in text.chars() {
        if !nfkc_stable_char(c) {
            if !wide(c) {
                return None;
            }
            folded = false;
        }
    }
    if folded {
        return Some(Cow::Borrowed(text));
    }
    Some(Cow::Owned(
        text.chars()
            .map(|c| match c {
                '\u{3000}' => ' ',
                '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xff01 + 0x21).unwrap_or(c),
                _ => c,
            })
            .collect(),
    ))
}

/// The facts of a metadata line, field and value, in the order the line names them.
pub type Facts = Vec<(String, String)>;

/// A line and its neighbours, as `Grammar::classify` reads them: each with whether it has been
/// removed already.
pub struct Around<'a> {
    pub above: Option<(&'a str, bool)>,
    pub line: (&'a str, bool),
    pub below: Option<(&'a str, bool)>,
}

/// What `Grammar::classify` makes of a line.
#[derive(Debug, PartialEq, Eq)]
pub enum Verdict {
    /// No chrome that the grammar or a rule knows.
    Kept,
    /// One field a scraper split after its label: the line and the one below it
    /// (`above` false), or the one above it and the line.
    Split { above: bool, facts: Facts },
    /// A metadata line.
    Fields(Facts),
    /// The line meets this line rule.
    Rule(usize),
    /// No rule meets the line whole, but it has lost characters, which the rules' tolerant forms
    /// may read; and whether it is a garbled widget bar, should none of them.
    Tolerant { bar: bool },
    /// A garbled widget bar.
    Bar,
}

/// What a token of a metadata line is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Sep,
    Place,
    DateLabel,
    DateTime,
    Weekday,
    /// A label and its value.
    Label,
    /// A label and its colon at the line's end: its value is on the next line.
    Dangling,
    /// A label and its colon with another label right after: it has no value.
    Empty,
    Widget,
    Code,
    /// A site's address (http://www.sina.net), as a dateline may open with it.
    Address,
    Count,
    Prefix,
    Name,
}

/// One token: its kind, where it ends, and the label and value of a field (byte ranges).
#[derive(Clone, Copy, Debug)]
pub struct Token {
    pub kind: Kind,
    pub end: usize,
    pub label: (usize, usize),
    pub value: (usize, usize),
}

impl Token {
    fn new(kind: Kind, end: usize) -> Self {
        Token { kind, end, label: (0, 0), value: (0, 0) }
    }
}

/// A set of words, looked up at a position longest first (as a backtracking engine tries the
/// alternatives of a trie whose shorter words are optional ends of the longer ones).
struct Words {
    words: FxHashSet<String>,
    max_chars: usize,
    first: FxHashSet<char>,
}

impl Words {
    fn new<'a>(words: impl IntoIterator<Item = &'a String>) -> Self {
        let words: FxHashSet<String> = words.into_iter().filter(|w| !w.is_empty()).cloned().collect();
        let max_chars = words.iter().map(|w| w.chars().count()).max().unwrap_or(0);
        let first = words.iter().filter_map(|w| w.chars().next()).collect();
        Words { words, max_chars, first }
    }

    /// The byte ends of the words that start at `start`, the longest first.
    fn ends_at<'t>(&'t self, text: &'t str, start: usize) -> impl Iterator<Item = usize> + 't {
        let rest = &text[start..];
        let opens_word = rest.chars().next().is_some_and(|c| self.first.contains(&c));
        // (the longest word that may start here ends before the character after `max_chars`)
        let reach = if opens_word { rest.char_indices().nth(self.max_chars).map_or(rest.len(), |(i, _)| i) } else { 0 };
        rest[..reach]
            .char_indices()
            .rev()
            .map(|(i, c)| i + c.len_utf8())
            .filter(|&end| self.words.contains(&rest[..end]))
            .map(move |end| start + end)
    }

    fn longest_at(&self, text: &str, start: usize) -> Option<usize> {
        self.ends_at(text, start).next()
    }
}

/// What `textfix.rules` hands the core: the grammar's words in every spelling, and the
/// patterns of dates, times and counts (the `regex` crate's syntax).
pub struct Spec {
    /// Each value label's spelling, its field and its rank in the field's list.
    pub labels: Vec<(String, String, usize)>,
    pub date_labels: Vec<String>,
    pub places: Vec<String>,
    pub unspaced: Vec<String>,
    /// The widget words of two characters or more, and those of one (the 大 中 小 of a font-size
    /// switch, which open names too), in every spelling.
    pub longer_widgets: Vec<String>,
    pub single_widgets: Vec<char>,
    /// The widget words in every spelling, whole and with one character lost to U+FFFD.
    pub widget_words: Vec<String>,
    /// A date and its time: its lookbehind `(?<![\d/])` written `(?P<slashdate>)`, its am/pm
    /// suffix `(?P<sfx>\s*(?P<ampm>[AaPp]\.?[Mm]\.?)|\s*[上下]午)?`.
    pub datetime: String,
    /// A time alone, with its suffix written the same way.
    pub time: String,
    /// A widget's count (39300, 1.2万, 10万+).
    pub count: String,
    /// How a line that may be a metadata line begins; `strict_start` inside a body.
    pub start: String,
    pub strict_start: String,
    /// Or a word of these among its first characters, those `start_reach` reaches (a scan for
    /// the words costs less than their alternation in `start`).
    pub start_words: Vec<String>,
    pub start_reach: String,
    /// The labels that lost a character to U+FFFD, with the label each stands for.
    pub lost: Vec<(String, String)>,
}

/// The compiled field grammar.
pub struct Grammar {
    pub labels: Labels,
    label_field: FxHashMap<String, (String, usize)>,
    label_words: Words,
    date_labels: Words,
    any_labels: Words,
    places: Words,
    unspaced: Vec<String>,
    longer_widgets: Words,
    single_widgets: FxHashSet<char>,
    widget_words: FxHashSet<String>,
    bare_labels: FxHashSet<String>,
    datetime: Regex,
    time: Regex,
    count_after_widget: Regex,
    count: Regex,
    code: Regex,
    address: Regex,
    start: Regex,
    strict_start: Regex,
    start_words: AhoCorasick,
    start_reach: Regex,
    source_before_time: Regex,
    dangling_label: Regex,
    /// The facts of each line read, loosely and strictly (`parse`).
    readings: Memo<Option<Facts>, 2>,
}

fn anchored(pattern: &str) -> Result<Regex, String> {
    RegexBuilder::new(&format!("^(?:{pattern})")).dfa_size_limit(DFA_SIZE_LIMIT).build().map_err(|e| e.to_string())
}

impl Grammar {
    /// Compile the grammar of `spec`.
    pub fn new(spec: Spec) -> Result<Self, String> {
        let label_names: Vec<String> = spec.labels.iter().map(|(label, _, _)| label.clone()).collect();
        let labels = Labels::new(&label_names, spec.lost)?;
        let label_field: FxHashMap<String, (String, usize)> =
            spec.labels.iter().map(|(label, field, rank)| (label.clone(), (field.clone(), *rank))).collect();
        let widget_words = spec.widget_words.into_iter().collect();
        let bare_labels = label_names.iter().filter(|l| l.chars().count() > 1).cloned().collect();
        let alternation = |words: &[String]| {
            let mut sorted: Vec<&String> = words.iter().collect();
            sorted.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
            sorted.iter().map(|w| regex::escape(w)).collect::<Vec<_>>().join("|")
        };
        let any: Vec<String> = label_names.iter().chain(&spec.date_labels).cloned().collect();
        let space = r"[\s\x1c-\x1f]";
        Ok(Grammar {
            labels,
            label_field,
            label_words: Words::new(&label_names),
            date_labels: Words::new(&spec.date_labels),
            any_labels: Words::new(&any),
            places: Words::new(&spec.places),
            unspaced: spec.unspaced,
            longer_widgets: Words::new(&spec.longer_widgets),
            single_widgets: spec.single_widgets.into_iter().collect(),
            widget_words,
            bare_labels,
            datetime: anchored(&spec.datetime)?,
            time: anchored(&spec.time)?,
            count_after_widget: anchored(&format!(r"\s*[:：]?\s*(?:{})(?:\s*次)?", spec.count))?,
            count: anchored(&format!(
                r"(?:{})\s*(?:人参与|人參與|条评论|條評論|次阅读|次閱讀|次浏览|次瀏覽|次)?",
                spec.count
            ))?,
            code: anchored(r"[A-Z]{1,4}\d{2,8}")?,
            address: anchored(r"(?:https?://)?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,6}/?")?,
            start: anchored(&spec.start)?,
            strict_start: anchored(&spec.strict_start)?,
            start_words: AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostFirst)
                .kind(Some(AhoCorasickKind::DFA))
                .build(&spec.start_words)
                .map_err(|e| e.to_string())?,
            start_reach: anchored(&spec.start_reach)?,
            // 新京报　2022-…, 新华网河北频道 ( 2012-…, 某某周报 / 2024-…
            source_before_time: Regex::new(&format!(
                r"^(?:{space}+[(（\[【]?{space}*|{space}*[(（\[【]{space}*|{space}*[/|｜丨·]{space}*)$"
            ))
            .unwrap(),
            dangling_label: Regex::new(&format!(r"(?:{})[\s\x1c-\x1f]*[:：][\s\x1c-\x1f]*$", alternation(&any)))
                .map_err(|e| e.to_string())?,
            readings: Memo::default(),
        })
    }

    /// The field and rank of a label spelling.
    fn field(&self, label: &str) -> &(String, usize) {
        &self.label_field[label]
    }

    /// Whether a label of `words` starts at `at`, and after it and any spaces one of `next`
    /// (or, with `space_will_do`, a space right after the label).
    fn label_before(&self, words: &Words, text: &str, at: usize, next: &[char], space_will_do: bool) -> bool {
        words.ends_at(text, at).any(|end| {
            let after = skip_space(text, end);
            (space_will_do && after > end) || text[after..].chars().next().is_some_and(|c| next.contains(&c))
        })
    }

    /// How long a label's value starting at `start` is (bytes): characters of a value, none of
    /// them opening a label and its colon, 30 at most.
    fn value_end(&self, text: &str, start: usize) -> usize {
        let mut end = start;
        for (count, (i, c)) in text[start..].char_indices().enumerate() {
            if count == 30
                || !value_char(c)
                || self.label_before(&self.label_words, text, start + i, &[':', '：'], false)
            {
                break;
            }
            end = start + i + c.len_utf8();
        }
        end
    }

    /// The label token at `start`: a label, then its colon at the line's end, or its colon and
    /// another label, or a separator (or none after a label that ends in a preposition) and its
    /// value.
    fn label_token(&self, text: &str, start: usize) -> Option<Token> {
        for label_end in self.label_words.ends_at(text, start) {
            let label = (start, label_end);
            let q = skip_space(text, label_end);
            let next = text[q..].chars().next();
            let value = |from: usize| {
                let end = self.value_end(text, from);
                (end > from).then_some(Token { kind: Kind::Label, end, label, value: (from, end) })
            };
            if let Some(colon @ (':' | '：')) = next {
                let after = q + colon.len_utf8();
                if text[after..].chars().all(char::is_whitespace) {
                    return Some(Token { label, ..Token::new(Kind::Dangling, text.len()) });
                }
                let r = skip_space(text, after);
                if self.label_before(&self.any_labels, text, r, &[':', '：'], false) {
                    return Some(Token { label, ..Token::new(Kind::Empty, r) });
                }
                // (or a bar and then another label: 来源: | 发布时间: …, a field the site left empty)
                if let Some(bar @ ('|' | '｜' | '丨')) = text[r..].chars().next() {
                    let following = skip_space(text, r + bar.len_utf8());
                    if self.label_before(&self.any_labels, text, following, &[':', '：'], false) {
                        return Some(Token { label, ..Token::new(Kind::Empty, r) });
                    }
                }
            }
            if let Some(separator @ (':' | '：' | '/' | '／' | '|' | '｜' | '丨')) = next {
                if let Some(token) = value(skip_space(text, q + separator.len_utf8())) {
                    return Some(token);
                }
            }
            if self.unspaced.iter().any(|word| text[..q].ends_with(word.as_str())) {
                if let Some(token) = value(q) {
                    return Some(token);
                }
            }
            if q > label_end {
                if let Some(token) = value(q) {
                    return Some(token);
                }
            }
        }
        None
    }

    /// A date and time (or a time alone) at `start`.
    fn datetime_token(&self, text: &str, start: usize) -> Option<Token> {
        let first = text[start..].chars().next()?;
        if !(digit(first) || first.is_ascii_alphabetic() || "一二三四五六七八九十星上下中早晚凌傍".contains(first))
        {
            return None;
        }
        let before = text[..start].chars().next_back();
        for (pattern, lookbehind) in [(&self.datetime, true), (&self.time, false)] {
            let Some(found) = pattern.captures(&text[start..]) else { continue };
            // (?<![\d/]) before a date of numbers only that no weekday opens
            if lookbehind
                && found.name("slashdate").is_some_and(|m| m.start() == 0)
                && before.is_some_and(|c| digit(c) || c == '/')
            {
                continue;
            }
            let mut end = start + found.get(0).unwrap().end();
            if let Some(ampm) = found.name("ampm") {
                // (?![A-Za-z]) after the am/pm suffix: its last dot given back, or no suffix
                if text[end..].chars().next().is_some_and(|c| c.is_ascii_alphabetic()) {
                    end =
                        if ampm.as_str().ends_with('.') { end - 1 } else { start + found.name("sfx").unwrap().start() };
                }
            }
            return Some(Token::new(Kind::DateTime, end));
        }
        None
    }

    /// A widget word at `start`, with its count: the longest word of two characters or more,
    /// or a one-character word before another widget word, a character that is no Han or the end.
    fn widget_token(&self, text: &str, start: usize) -> Option<Token> {
        let word_end = self.longer_widgets.longest_at(text, start).or_else(|| {
            let c = text[start..].chars().next().filter(|c| self.single_widgets.contains(c))?;
            let after = start + c.len_utf8();
            let ok = match text[after..].chars().next() {
                None => true,
                Some(next) => {
                    self.single_widgets.contains(&next)
                        || !han(next)
                        || self.longer_widgets.longest_at(text, after).is_some()
                }
            };
            ok.then_some(after)
        })?;
        let end = word_end + self.count_after_widget.find(&text[word_end..]).map_or(0, |m| m.end());
        Some(Token::new(Kind::Widget, end))
    }

    /// A word of Han characters before a label and its separator, or before a label that
    /// needs none (澎湃新闻 before 记者 张三).
    fn prefix_token(&self, text: &str, start: usize) -> Option<Token> {
        let ends: Vec<usize> = text[start..]
            .char_indices()
            .take_while(|&(_, c)| han(c))
            .take(6)
            .map(|(i, c)| start + i + c.len_utf8())
            .collect();
        ends.into_iter()
            .rev()
            .find(|&end| {
                let at = skip_space(text, end);
                self.label_before(&self.label_words, text, at, &[':', '：', '/', '／', '丨'], true)
                    || self.unspaced.iter().any(|word| text[at..].starts_with(word.as_str()))
            })
            .map(|end| Token::new(Kind::Prefix, end))
    }

    /// A name: two to eight Han characters, none opening a label and its separator, and a
    /// second part after a middle dot or a dash (an outlet's and its paper's: 某某网—某某报).
    fn name_token(&self, text: &str, start: usize) -> Option<Token> {
        let mut end = start;
        let mut count = 0;
        for (i, c) in text[start..].char_indices() {
            if count == 8
                || !han(c)
                || self.label_before(&self.label_words, text, start + i, &[':', '：', '/', '／'], false)
            {
                break;
            }
            count += 1;
            end = start + i + c.len_utf8();
        }
        if count < 2 {
            return None;
        }
        if let Some(rest) = text[end..].strip_prefix(['·', '—']) {
            let more: Vec<usize> =
                rest.char_indices().take_while(|&(_, c)| han(c)).take(6).map(|(i, c)| i + c.len_utf8()).collect();
            if more.len() >= 2 {
                end = text.len() - rest.len() + more[more.len() - 1];
            }
        }
        Some(Token::new(Kind::Name, end))
    }

    /// The token at `start` of `text` (a line in NFKC), the first alternative that reads there.
    pub fn token(&self, text: &str, start: usize) -> Option<Token> {
        let rest = &text[start..];
        let first = rest.chars().next()?;
        if sep_char(first) {
            let end = rest.find(|c| !sep_char(c)).map_or(text.len(), |i| start + i);
            return Some(Token::new(Kind::Sep, end));
        }
        for place_end in self.places.ends_at(text, start) {
            let mut at = skip_space(text, place_end);
            if let Some(colon @ (':' | '：')) = text[at..].chars().next() {
                at = skip_space(text, at + colon.len_utf8());
            }
            let run: Vec<(usize, char)> = text[at..].char_indices().take_while(|&(_, c)| han(c)).take(9).collect();
            if (2..=8).contains(&run.len()) {
                let end = at + run[run.len() - 1].0 + run[run.len() - 1].1.len_utf8();
                if !text[end..].chars().next().is_some_and(digit) {
                    return Some(Token::new(Kind::Place, end));
                }
            }
        }
        if let Some(end) = self.date_labels.longest_at(text, start) {
            // a widget's word the label opens (a date picker's 日期选择) is the widget
            if self.longer_widgets.longest_at(text, start).is_some_and(|word_end| word_end > end) {
                return self.widget_token(text, start);
            }
            return Some(Token::new(Kind::DateLabel, end));
        }
        if let Some(token) = self.datetime_token(text, start) {
            return Some(token);
        }
        if let Some(day) = ["星期", "周", "週"].iter().find_map(|w| rest.strip_prefix(w)) {
            if day.chars().next().is_some_and(|c| "一二三四五六日天".contains(c)) {
                return Some(Token::new(Kind::Weekday, text.len() - day.len() + 3));
            }
        }
        if let Some(token) = self.label_token(text, start) {
            return Some(token);
        }
        if let Some(token) = self.widget_token(text, start) {
            return Some(token);
        }
        if let Some(found) = self.code.find(rest) {
            return Some(Token::new(Kind::Code, start + found.end()));
        }
        if first.is_ascii_alphanumeric() {
            if let Some(found) = self.address.find(rest) {
                return Some(Token::new(Kind::Address, start + found.end()));
            }
        }
        if let Some(found) = self.count.find(rest) {
            return Some(Token::new(Kind::Count, start + found.end()));
        }
        self.prefix_token(text, start).or_else(|| self.name_token(text, start))
    }

    /// The facts of `line` if it is a metadata line (`facts`); `nfkc` puts the line in NFKC
    /// where it holds characters that normalisation may change. Remembered: the scans ask about
    /// the lines around a headline or a dateline again and again.
    pub fn parse<E>(
        &self,
        line: &str,
        strict: bool,
        nfkc: &mut impl FnMut(&str) -> Result<String, E>,
    ) -> Result<Option<Facts>, E> {
        self.readings.get_or_try(line, usize::from(strict), || self.read(line, strict, nfkc))
    }

    fn read<E>(
        &self,
        line: &str,
        strict: bool,
        nfkc: &mut impl FnMut(&str) -> Result<String, E>,
    ) -> Result<Option<Facts>, E> {
        let prepared = self.labels.prepared(line);
        if !self.may_be_fields(&prepared, strict) {
            return Ok(None);
        }
        if let Some(folded) = nfkc_folded(&prepared) {
            return Ok(self.facts(&folded));
        }
        Ok(self.facts(&nfkc(&prepared)?))
    }

    /// Whether the line or the one above it ends with a label whose value a scraper put on the
    /// next line (责任编辑: / 蔡立丽, 2020-07-04 01:55:04 来源: / 央视新闻客户端, 本文来源于 /
    /// 上海证券报), and the facts of the two as one line, which must say more than the label's
    /// line alone.
    fn split_field<E>(
        &self,
        around: &Around,
        nfkc: &mut impl FnMut(&str) -> Result<String, E>,
    ) -> Result<Option<Verdict>, E> {
        let pairs = [(Some(around.line), around.below, false), (around.above, Some(around.line), true)];
        for (label, value, above) in pairs {
            let (Some((label, label_removed)), Some((value, value_removed))) = (label, value) else { continue };
            let label = label.trim_end_matches(py_space);
            let colon = label.ends_with([':', '：']);
            if (!colon && label.chars().count() > BARE_LABEL_MAX_LENGTH) || label_removed || value_removed {
                continue;
            }
            let value = value.trim_matches(py_space);
            if value.is_empty() || value.chars().count() > SPLIT_VALUE_MAX_LENGTH || !self.label_alone(label) {
                continue;
            }
            let joined = format!("{label}{}{value}", if colon { "" } else { "：" });
            let Some(facts) = self.parse(strip_brackets(&joined), false, nfkc)? else { continue };
            if !facts.is_empty() && facts.len() > self.parse(strip_brackets(label), false, nfkc)?.map_or(0, |f| f.len())
            {
                return Ok(Some(Verdict::Split { above, facts }));
            }
        }
        Ok(None)
    }

    /// What line `around.line` is, read with the line rules for `places`: a field split over it
    /// and a neighbour (above or below the body only), a metadata line (inside the body
    /// (`in_body`) only a short one, its label at the very start), a line a rule names, or a
    /// widget bar the repair step left garbled (above or below the body only).
    pub fn classify<E>(
        &self,
        rules: &LineRules,
        around: &Around,
        places: u8,
        in_body: bool,
        nfkc: &mut impl FnMut(&str) -> Result<String, E>,
    ) -> Result<Verdict, E> {
        let line = around.line.0;
        if !in_body {
            if let Some(split) = self.split_field(around, nfkc)? {
                return Ok(split);
            }
        }
        let length = line.chars().count();
        if length <= if in_body { MIDDLE_FIELDS_MAX_LENGTH } else { FIELDS_MAX_LENGTH } {
            let mut facts = self.parse(strip_brackets(line), in_body, nfkc)?;
            if facts.is_none() && !in_body && length <= GARBLED_FIELDS_MAX_LENGTH {
                let closed = bracket_closed(line);
                let restored = self.labels.restore_garbled(&closed);
                if restored != line {
                    facts = self.parse(strip_brackets(&restored), false, nfkc)?;
                }
            }
            if let Some(facts) = facts {
                return Ok(Verdict::Fields(facts));
            }
        }
        if let Some(rule) = rules.rule_for(line, places) {
            return Ok(Verdict::Rule(rule));
        }
        let bar = !in_body && self.garbled_widget_bar(line);
        if (!in_body || length <= MIDDLE_FIELDS_MAX_LENGTH) && may_have_lost(line) {
            return Ok(Verdict::Tolerant { bar });
        }
        Ok(if bar { Verdict::Bar } else { Verdict::Kept })
    }

    /// Whether `line` (as `prepared` leaves it) may be a metadata line, by how it begins; inside
    /// a body (`strict`) only with a label at its very start.
    pub fn may_be_fields(&self, line: &str, strict: bool) -> bool {
        if strict {
            return self.strict_start.is_match(line);
        }
        self.start.is_match(line) || self.opening_word(line)
    }

    /// Whether one of `start_words` starts within `start_reach` of `line`'s beginning.
    fn opening_word(&self, line: &str) -> bool {
        let reach = self.start_reach.find(line).map_or(0, |found| found.end());
        // (the leftmost word found starts first)
        self.start_words.find(line).is_some_and(|word| word.start() <= reach)
    }

    /// The facts of `text` (a line as `prepared` leaves it, in NFKC) if it is made only of
    /// fields, dates and widget words, in the order they were first named; None for any other
    /// line (`textfix.chrome.parse_fields`).
    pub fn facts(&self, text: &str) -> Option<Vec<(String, String)>> {
        let mut facts: Vec<(String, String)> = Vec::new();
        let mut ranks: FxHashMap<&str, usize> = FxHashMap::default();
        let mut last_field: Option<&str> = None;
        let mut opening_name: Option<(usize, usize)> = None;
        let mut substantive = false;
        let mut position = 0;
        fn set(facts: &mut Vec<(String, String)>, field: &str, value: String) {
            match facts.iter_mut().find(|(f, _)| f == field) {
                Some(fact) => fact.1 = value,
                None => facts.push((field.to_owned(), value)),
            }
        }
        let has = |facts: &Vec<(String, String)>, field: &str| facts.iter().any(|(f, _)| f == field);
        while position < text.len() {
            let token = self.token(text, position)?;
            if token.end == position {
                return None;
            }
            let start = position;
            position = token.end;
            if let Some((name_start, name_end)) = opening_name {
                if token.kind != Kind::Sep {
                    if token.kind != Kind::DateTime || !self.source_before_time.is_match(&text[name_end..start]) {
                        return None;
                    }
                    set(&mut facts, "source", text[name_start..name_end].to_owned());
                    opening_name = None;
                }
            }
            match token.kind {
                Kind::DateTime => {
                    if !has(&facts, "published") {
                        facts.push(("published".to_owned(), text[start..token.end].trim_matches(py_space).to_owned()));
                    }
                    substantive = true;
                    last_field = if has(&facts, "source") { None } else { Some("source") };
                }
                Kind::Label => {
                    let (field, rank) = self.field(&text[token.label.0..token.label.1]);
                    if ranks.get(field.as_str()).is_none_or(|&r| *rank < r) {
                        set(&mut facts, field, text[token.value.0..token.value.1].trim_matches(py_space).to_owned());
                        ranks.insert(field, *rank);
                    }
                    substantive = true;
                    last_field = Some(field);
                }
                Kind::Name => {
                    let name = &text[start..token.end];
                    match last_field {
                        None => {
                            if start > 0 || text.chars().count() > FIELDS_MAX_LENGTH / 2 {
                                return None;
                            }
                            opening_name = Some((start, token.end));
                        }
                        Some(field) => match facts.iter_mut().find(|(f, _)| f == field) {
                            Some(fact) => {
                                fact.1.push(' ');
                                fact.1.push_str(name);
                            }
                            None => facts.push((field.to_owned(), name.to_owned())),
                        },
                    }
                }
                Kind::Place => {
                    substantive = true;
                    last_field = None;
                }
                Kind::Sep => {}
                _ => last_field = None,
            }
        }
        if opening_name.is_some() || facts.iter().any(|(field, value)| field == "source" && adopted(value)) {
            return None;
        }
        if !substantive && !self.only_widgets(text) {
            return None;
        }
        Some(facts)
    }

    /// Two widget words or more, or one with its count (阅读 (39300), 阅读量：1.2万), and
    /// nothing else.
    fn only_widgets(&self, text: &str) -> bool {
        let (mut position, mut widgets, mut counts) = (0, 0, 0);
        while position < text.len() {
            let Some(token) = self.token(text, position) else { return false };
            match token.kind {
                Kind::Name | Kind::Label => return false,
                Kind::Widget => {
                    widgets += 1;
                    counts += usize::from(text[position..token.end].chars().any(digit));
                }
                Kind::Count => counts += 1,
                _ => {}
            }
            position = token.end;
        }
        widgets >= 2 || (widgets == 1 && counts >= 1)
    }

    /// Whether `line` ends with a label whose value is on the next line: a label and its colon,
    /// or a label of two characters or more alone, after a word of two Han characters at most
    /// (本文来源于), three characters in all (作者 alone is a menu's or a table's word as often).
    pub fn label_alone(&self, line: &str) -> bool {
        let line = line.trim_matches(py_space);
        if line.ends_with([':', '：']) {
            return self.dangling_label.is_match(line);
        }
        let chars: Vec<(usize, char)> = line.char_indices().collect();
        if chars.len() < BARE_LABEL_MIN {
            return false;
        }
        (0..=BARE_LABEL_PREFIX.min(chars.len() - 2)).any(|k| {
            let (split, _) = chars[k];
            self.bare_labels.contains(&line[split..])
                && chars[..k].iter().all(|&(_, c)| ('\u{3400}'..='\u{9fff}').contains(&c))
        })
    }

    /// Whether `line` is a widget bar garbled beyond the grammar (字号：默许 多 超大 | 打印 |):
    /// short tokens between separators, at least half of them widget words (whole or with one
    /// character lost; ? and ？ are what a lost character became), two of them at least, and a
    /// word of two characters or three single ones.
    pub fn garbled_widget_bar(&self, line: &str) -> bool {
        if line.chars().count() > BAR_MAX_LENGTH {
            return false;
        }
        // (a lost character's U+FFFD for ? and ？ leaves the tokens' bounds and lengths as they were)
        let mut tokens = line.split(bar_separator).filter(|t| !t.is_empty());
        if tokens.clone().nth(1).is_none() || tokens.any(|t| t.chars().count() > BAR_TOKEN_MAX) {
            return false;
        }
        let line = line.replace(['？', '?'], "\u{fffd}");
        let tokens: Vec<&str> = line.split(bar_separator).filter(|t| !t.is_empty()).collect();
        let widgets: Vec<&&str> = tokens.iter().filter(|t| self.widget_words.contains(**t)).collect();
        widgets.len() >= 2
            && 2 * widgets.len() >= tokens.len()
            && (widgets.len() >= 3 || widgets.iter().any(|t| t.chars().count() > 1))
    }
}

/// `text` without the brackets at its ends.
fn strip_brackets(text: &str) -> &str {
    text.trim_matches(['（', '）', '(', ')', '【', '】', '[', ']'])
}

/// `line` with a closing bracket for each `。` that stands for one: the mojibake of a bracketed
/// editor line leaves 【编辑：武新明。 (a bracket never closed whose group of 20 characters at
/// most ends in the `。`, before a space, another group or the end of the line).
fn bracket_closed(line: &str) -> Cow<'_, str> {
    if !line.contains('。') {
        return Cow::Borrowed(line);
    }
    let closing = |c: char| match c {
        '【' => Some('】'),
        '（' => Some('）'),
        '(' => Some(')'),
        '[' => Some(']'),
        _ => None,
    };
    let inner = |c: char| !"【】（）()[]。".contains(c);
    let mut closed = String::with_capacity(line.len());
    let mut copied = 0;
    let mut position = 0;
    while let Some(c) = line[position..].chars().next() {
        let Some(close) = closing(c) else {
            position += c.len_utf8();
            continue;
        };
        let group = position + c.len_utf8();
        let run: Vec<(usize, char)> = line[group..].char_indices().take_while(|&(_, c)| inner(c)).take(21).collect();
        let stop = group + run.last().map_or(0, |&(i, c)| i + c.len_utf8());
        let after = stop + '。'.len_utf8();
        if (1..=20).contains(&run.len())
            && line[stop..].starts_with('。')
            && line[after..].chars().next().is_none_or(|c| py_space(c) || "【（([".contains(c))
        {
            closed.push_str(&line[copied..stop]);
            closed.push(close);
            copied = after;
            position = after;
        } else {
            position = group;
        }
    }
    if copied == 0 {
        return Cow::Borrowed(line);
    }
    closed.push_str(&line[copied..]);
    Cow::Owned(closed)
}

/// Whether `line` has characters lost to U+FFFD, or a `?` or `？` touching a Han character,
/// which may be one lost on the way through a legacy charset (沪公网安备… came back as
/// ？公网安？…).
fn may_have_lost(line: &str) -> bool {
    if line.contains(LOST) {
        return true;
    }
    let cjk = |c: Option<char>| c.is_some_and(|c| ('\u{3400}'..='\u{9fff}').contains(&c));
    line.match_indices(['?', '？'])
        .any(|(i, mark)| cjk(line[..i].chars().next_back()) || cjk(line[i + mark.len()..].chars().next()))
}

fn bar_separator(c: char) -> bool {
    py_space(c) || "|｜丨/·【】[]()（）:：,，。;；".contains(c)
}

fn sep_char(c: char) -> bool {
    c.is_whitespace() || "|｜丨/·•【】[]()（）<>_,，;；:：".contains(c)
}

fn value_char(c: char) -> bool {
    !(c.is_whitespace() || ":：|｜丨【】[]()（）<>《》，。；,".contains(c))
}

/// The first position from `start` on that is no whitespace (`\s`).
fn skip_space(text: &str, start: usize) -> usize {
    text[start..].find(|c: char| !c.is_whitespace()).map_or(text.len(), |i| start + i)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The word lists of the rule book's `[fields]` table: each key and its strings.
    fn toml_fields() -> FxHashMap<String, Vec<String>> {
        let book = include_str!("../../textfix/data/chrome_rules.toml");
        let table = &book[book.find("\n[fields]\n").unwrap() + 1..];
        let table = &table[..table.find("\n[[line]]").unwrap()];
        let mut fields = FxHashMap::default();
        let mut key = String::new();
        for line in table.lines().skip(1).filter(|l| !l.trim_start().starts_with('#')) {
            let mut rest = line;
            if let Some((name, value)) = line.split_once('=') {
                key = name.trim().to_owned();
                rest = value;
            }
            let words: &mut Vec<String> = fields.entry(key.clone()).or_default();
            words.extend(rest.split('"').skip(1).step_by(2).map(str::to_owned));
        }
        fields
    }

    fn grammar() -> (Grammar, FxHashMap<String, Vec<String>>) {
        let fields = toml_fields();
        (Grammar::new(spec(&fields)).unwrap(), fields)
    }

    fn spec(fields: &FxHashMap<String, Vec<String>>) -> Spec {
        let mut labels = Vec::new();
        for field in ["source", "author", "editor"] {
            labels.extend(fields[field].iter().enumerate().map(|(rank, l)| (l.clone(), field.to_owned(), rank)));
        }
        let widgets = &fields["widgets"];
        Spec {
            labels,
            date_labels: fields["published"].clone(),
            places: fields["places"].clone(),
            unspaced: fields["unspaced"].clone(),
            longer_widgets: widgets.iter().filter(|w| w.chars().count() > 1).cloned().collect(),
            single_widgets: widgets.iter().filter(|w| w.chars().count() == 1).filter_map(|w| w.chars().next()).collect(),
            widget_words: widgets.clone(),
            datetime: r"(?P<slashdate>)\d{4}-\d{2}-\d{2}(?:\s*\d{1,2}:\d{2})?(?P<sfx>\s*(?P<ampm>[AaPp]\.?[Mm]\.?)|\s*[上下]午)?"
                .to_owned(),
            time: r"\d{1,2}:\d{2}(?P<sfx>\s*(?P<ampm>[AaPp]\.?[Mm]\.?)|\s*[上下]午)?".to_owned(),
            count: r"\d+(?:\.\d+)?(?:[万千kKwW]\+?|\+)?".to_owned(),
            start: r"[\s|｜【\[（(]*\S".to_owned(),
            strict_start: r"[\s|｜【\[（(]*\S".to_owned(),
            start_words: Vec::new(),
            start_reach: r"[\s|｜【\[（(]*".to_owned(),
            lost: Vec::new(),
        }
    }

    fn kinds(grammar: &Grammar, text: &str) -> Vec<Kind> {
        let mut position = 0;
        let mut kinds = Vec::new();
        while let Some(token) = grammar.token(text, position) {
            kinds.push(token.kind);
            position = token.end;
        }
        assert_eq!(position, text.len(), "{text}");
        kinds
    }

    fn facts(grammar: &Grammar, text: &str) -> Option<Vec<(String, String)>> {
        grammar.facts(text)
    }

    fn pairs(items: &[(&str, &str)]) -> Option<Vec<(String, String)>> {
        Some(items.iter().map(|(f, v)| (f.to_string(), v.to_string())).collect())
    }

    #[test]
    fn every_word_of_the_rule_book_reads_as_its_token() {
        let (grammar, fields) = grammar();
        for field in ["source", "author", "editor"] {
            for label in &fields[field] {
                let line = format!("{label}:新华社");
                let token = grammar.token(&line, 0).unwrap();
                assert_eq!((token.kind, token.end), (Kind::Label, line.len()), "{line}");
            }
        }
        for label in &fields["published"] {
            let token = grammar.token(label, 0).unwrap();
            assert!(matches!(token.kind, Kind::DateLabel) && token.end == label.len(), "{label}");
        }
        for place in &fields["places"] {
            assert_eq!(kinds(&grammar, &format!("{place}北京")), [Kind::Place], "{place}");
        }
        for word in &fields["unspaced"] {
            let line = format!("{word}新华社");
            assert_eq!(facts(&grammar, &line).map(|f| f.len()), Some(1), "{line}");
        }
        for widget in &fields["widgets"] {
            let line = format!("{widget} 12");
            assert!(grammar.token(&line, 0).is_some_and(|t| t.end == line.len()), "{widget}");
        }
        let surnames = &fields["surnames"][0];
        assert!(surnames.chars().count() > 100 && surnames.chars().all(han));
    }

    #[test]
    fn lines_of_fields() {
        let (grammar, _) = grammar();
        assert_eq!(facts(&grammar, "作者:张三 编辑:李四"), pairs(&[("author", "张三"), ("editor", "李四")]));
        assert_eq!(facts(&grammar, "记者 魏松 夏英文"), pairs(&[("author", "魏松 夏英文")]));
        assert_eq!(facts(&grammar, "2024-05-12 10:00 来源: 作者:"), pairs(&[("published", "2024-05-12 10:00")]));
        // a label left empty before a bar and the next label
        assert_eq!(facts(&grammar, "来源: | 发布时间: 2021-03-01 | 浏览次数:"), pairs(&[("published", "2021-03-01")]));
        assert_eq!(facts(&grammar, "作者：｜编辑：李四"), pairs(&[("editor", "李四")]));
        assert_eq!(
            facts(&grammar, "新京报 2022-11-17 22:43"),
            pairs(&[("source", "新京报"), ("published", "2022-11-17 22:43")])
        );
        // an outlet's and its paper's names after the time, joined by a dash
        assert_eq!(
            facts(&grammar, "2022-11-17 22:43 某某网—某某日报"),
            pairs(&[("published", "2022-11-17 22:43"), ("source", "某某网—某某日报")])
        );
        assert_eq!(facts(&grammar, "字号:大 中 小 打印 关闭"), pairs(&[]));
        assert_eq!(facts(&grammar, "阅读"), None);
        assert_eq!(facts(&grammar, "今天天气很好"), None);
        assert_eq!(facts(&grammar, "北京冬奥会2022-02-04开幕"), None);
        // a site's address opening a dateline (www.sina.net's)
        assert_eq!(
            facts(&grammar, "http://www.sina.net 2005-03-21 11:21"),
            pairs(&[("published", "2005-03-21 11:21")])
        );
        assert_eq!(grammar.token("sina.net 2005", 0).map(|t| (t.kind, t.end)), Some((Kind::Address, 8)));
        assert_eq!(facts(&grammar, "http://www.sina.net"), None);
        // a dot given back to the letter after an am/pm suffix, or the suffix itself
        assert_eq!(grammar.token("10:30 a.m.x", 0).unwrap().end, 9);
        assert_eq!(grammar.token("10:30 amx", 0).unwrap().end, 5);
        // a date of numbers only right after a digit or a slash is none
        assert_eq!(grammar.datetime_token("1/2024-05-12", 2).map(|t| t.kind), None);
    }

    #[test]
    fn a_word_within_the_reach_opens_a_metadata_line() {
        let spec = Spec {
            start: "[0-9]".to_owned(),
            start_words: vec!["来源".to_owned()],
            start_reach: r"[\s|｜【\[（(]*[^\n]{0,6}".to_owned(),
            ..spec(&toml_fields())
        };
        let grammar = Grammar::new(spec).unwrap();
        assert!(grammar.may_be_fields("2024年", false));
        assert!(grammar.may_be_fields("【 一二三四五六来源：新华社", false));
        assert!(!grammar.may_be_fields("一二三四五六七来源：新华社", false));
    }

    #[test]
    fn labels_alone_and_widget_bars() {
        let (grammar, _) = grammar();
        assert!(grammar.label_alone("责任编辑："));
        assert!(grammar.label_alone(" 本文来源于 "));
        assert!(!grammar.label_alone("作者"));
        assert!(!grammar.label_alone("他说："));
        assert!(grammar.garbled_widget_bar("字号：默许 多 超大 | 打印 |"));
        assert!(!grammar.garbled_widget_bar("今天 天气 很好"));
    }

    #[test]
    fn han_and_digits() {
        assert!(han('中') && han('\u{3400}') && han('\u{20000}') && !han('a') && !han('，'));
        assert!(digit('7') && digit('\u{0663}') && !digit('a'));
        assert!(matches!(nfkc_folded("来源:新华社 2024-05-12【完】"), Some(Cow::Borrowed(_))));
        assert_eq!(nfkc_folded("２０２４").as_deref(), Some("2024"));
        assert_eq!(nfkc_folded("来源：新华社　２０２４").as_deref(), Some("来源:新华社 2024"));
        assert_eq!(nfkc_folded("来源:新华社").as_deref(), Some("来源:新华社"));
        assert_eq!(nfkc_folded("ｶﾞ"), None);
    }
}
