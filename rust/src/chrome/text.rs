//! Python's string semantics the chrome step's checks are written in (lengths in characters,
//! `str.strip`, `str.isalpha`, `str.isdigit`, `int`), and its small patterns as plain code.

use std::sync::LazyLock;

use crate::boilerplate::word_char;
use crate::grammar::{class_ranges, digit, in_ranges, py_space};

/// The length of `text` in characters, as Python counts it.
pub fn length(text: &str) -> usize {
    text.chars().count()
}

/// `str.strip()`.
pub fn strip(text: &str) -> &str {
    text.trim_matches(py_space)
}

/// `str.rstrip()`.
pub fn rstrip(text: &str) -> &str {
    text.trim_end_matches(py_space)
}

/// The last character of `text` (`text[-1:]`), if any.
pub fn last(text: &str) -> Option<char> {
    text.chars().next_back()
}

/// Whether the last character of `text` is one of `chars` (`text[-1:] in chars`, false for an
/// empty `text`).
pub fn ends_in(text: &str, chars: &str) -> bool {
    last(text).is_some_and(|c| chars.contains(c))
}

static LETTER: LazyLock<Vec<(char, char)>> = LazyLock::new(|| class_ranges(r"\p{L}"));

/// `str.isalpha` of one character: a letter by general category.
pub fn is_alpha(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    in_ranges(&LETTER, c)
}

/// The characters `str.isdigit` takes besides the decimal digits (superscripts, circled digits).
const OTHER_DIGITS: [(char, char); 20] = [
    ('\u{b2}', '\u{b3}'),
    ('\u{b9}', '\u{b9}'),
    ('\u{1369}', '\u{1371}'),
    ('\u{19da}', '\u{19da}'),
    ('\u{2070}', '\u{2070}'),
    ('\u{2074}', '\u{2079}'),
    ('\u{2080}', '\u{2089}'),
    ('\u{2460}', '\u{2468}'),
    ('\u{2474}', '\u{247c}'),
    ('\u{2488}', '\u{2490}'),
    ('\u{24ea}', '\u{24ea}'),
    ('\u{24f5}', '\u{24fd}'),
    ('\u{24ff}', '\u{24ff}'),
    ('\u{2776}', '\u{277e}'),
    ('\u{2780}', '\u{2788}'),
    ('\u{278a}', '\u{2792}'),
    ('\u{10a40}', '\u{10a43}'),
    ('\u{10e60}', '\u{10e68}'),
    ('\u{11052}', '\u{1105a}'),
    ('\u{1f100}', '\u{1f10a}'),
];

/// `str.isdigit`: not empty, and every character a digit (decimal or not).
pub fn is_digits(text: &str) -> bool {
    !text.is_empty() && text.chars().all(|c| digit(c) || in_ranges(&OTHER_DIGITS, c))
}

/// The zeros of the decimal digits' runs (each run is 0 to 9 in order).
const ZEROS: [char; 66] = [
    '\u{30}',
    '\u{660}',
    '\u{6f0}',
    '\u{7c0}',
    '\u{966}',
    '\u{9e6}',
    '\u{a66}',
    '\u{ae6}',
    '\u{b66}',
    '\u{be6}',
    '\u{c66}',
    '\u{ce6}',
    '\u{d66}',
    '\u{de6}',
    '\u{e50}',
    '\u{ed0}',
    '\u{f20}',
    '\u{1040}',
    '\u{1090}',
    '\u{17e0}',
    '\u{1810}',
    '\u{1946}',
    '\u{19d0}',
    '\u{1a80}',
    '\u{1a90}',
    '\u{1b50}',
    '\u{1bb0}',
    '\u{1c40}',
    '\u{1c50}',
    '\u{a620}',
    '\u{a8d0}',
    '\u{a900}',
    '\u{a9d0}',
    '\u{a9f0}',
    '\u{aa50}',
    '\u{abf0}',
    '\u{ff10}',
    '\u{104a0}',
    '\u{10d30}',
    '\u{11066}',
    '\u{110f0}',
    '\u{11136}',
    '\u{111d0}',
    '\u{112f0}',
    '\u{11450}',
    '\u{114d0}',
    '\u{11650}',
    '\u{116c0}',
    '\u{11730}',
    '\u{118e0}',
    '\u{11950}',
    '\u{11c50}',
    '\u{11d50}',
    '\u{11da0}',
    '\u{16a60}',
    '\u{16ac0}',
    '\u{16b50}',
    '\u{1d7ce}',
    '\u{1d7d8}',
    '\u{1d7e2}',
    '\u{1d7ec}',
    '\u{1d7f6}',
    '\u{1e140}',
    '\u{1e2f0}',
    '\u{1e950}',
    '\u{1fbf0}',
];

/// `int(text)` of a count (decimal digits of any script, `COUNT`).
pub fn count_value(text: &str) -> u64 {
    text.chars().fold(0, |value, c| {
        let zero = ZEROS[ZEROS.partition_point(|&zero| zero <= c) - 1];
        value * 10 + u64::from(c as u32 - zero as u32)
    })
}

/// A CJK ideograph of the basic block or extension A (`[\u3400-\u9fff]`).
pub fn cjk(c: char) -> bool {
    ('\u{3400}'..='\u{9fff}').contains(&c)
}

/// Numbers and signs only (`[\W\d_]+`, whole): a widget's counter, 1 (33%)2 (67%).
pub fn counter(text: &str) -> bool {
    !text.is_empty() && text.chars().all(|c| c == '_' || !word_char(c) || digit(c))
}

/// A count alone (`\d{1,6}`, whole).
pub fn count(text: &str) -> bool {
    (1..=6).contains(&length(text)) && text.chars().all(digit)
}

/// A user's handle alone (`[A-Za-z][A-Za-z0-9_.\-]{2,19}`, whole: ggjjzhzz, zboy_girl): a blog
/// post's author between its headline and its dateline.
pub fn handle(text: &str) -> bool {
    let mut chars = text.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && (3..=20).contains(&length(text))
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
}

/// A count after its label (`[^\s:：]{1,8}\s*[:：]\s*[\d.,]+%?`, whole: 分数：100, 能力值:545803).
pub fn labelled_count(text: &str) -> bool {
    let Some(label_end) = text.find(|c: char| py_space(c) || c == ':' || c == '：') else { return false };
    if !(1..=8).contains(&length(&text[..label_end])) {
        return false;
    }
    let rest = text[label_end..].trim_start_matches(py_space);
    let Some(rest) = rest.strip_prefix([':', '：']) else { return false };
    let rest = rest.trim_start_matches(py_space);
    let number = rest.strip_suffix('%').unwrap_or(rest);
    !number.is_empty() && number.chars().all(|c| digit(c) || c == '.' || c == ',')
}

/// A clause's mark (`[，,。；;：:！？!?、…]`): none in a section's name.
pub fn clause_mark(text: &str) -> bool {
    text.chars().any(|c| "，,。；;：:！？!?、…".contains(c))
}

/// An HTML attribute (`[A-Za-z][\w-]*\s*=\s*(?:"[^"]*"|'[^']*')`, whole: size="20"): a
/// template's leftover after an empty label (作者： size="20"), no value.
pub fn markup_value(text: &str) -> bool {
    let mut chars = text.chars();
    if !chars.next().is_some_and(|c| c.is_ascii_alphabetic()) {
        return false;
    }
    let rest = chars.as_str().trim_start_matches(|c: char| c == '-' || word_char(c));
    let Some(rest) = rest.trim_start_matches(py_space).strip_prefix('=') else { return false };
    let rest = rest.trim_start_matches(py_space);
    let Some(quote) = rest.chars().next().filter(|&c| c == '"' || c == '\'') else { return false };
    let inner = &rest[1..];
    inner.find(quote).is_some_and(|end| end + 1 == inner.len())
}

/// A writer's name and the headline set together (`(?P<writer>[^:：]{2,20})[:：](?P<words>.+)`,
/// whole: 茉莉：…): the writer and the words.
pub fn writer_colon(text: &str) -> Option<(&str, &str)> {
    let colon = text.find([':', '：'])?;
    let writer = &text[..colon];
    let words = &text[colon + text[colon..].chars().next()?.len_utf8()..];
    ((2..=20).contains(&length(writer)) && !words.is_empty() && !words.contains('\n')).then_some((writer, words))
}

/// Whether a headline is broken mid-phrase between `upper` and `lower` (`[及和与的之、对于在将把向从]\n`
/// or `\n(?:关于|对于|及|和|与|的|之)`): a line ends with a conjunction or preposition
/// (…购买外汇及 / 调整…), or the next opens with one (…常务委员会 / 关于批准…).
/// (A subheading under a headline, which the <title> may hold joined to it, opens a clause of its
/// own.)
pub fn mid_phrase(upper: &str, lower: &str) -> bool {
    ends_in(upper, "及和与的之、对于在将把向从")
        || lower.starts_with("关于")
        || lower.starts_with("对于")
        || lower.chars().next().is_some_and(|c| "及和与的之".contains(c))
}

/// An encyclopedia's reference mark (`\[\d{1,3}(?:[-–,，]\d{1,3})*\]`, whole: [2], [3-5]).
pub fn reference_mark(text: &str) -> bool {
    let Some(inner) = text.strip_prefix('[').and_then(|t| t.strip_suffix(']')) else { return false };
    inner.split(['-', '–', ',', '，']).all(|number| (1..=3).contains(&length(number)) && number.chars().all(digit))
}

/// A link to a site's front page, its name and 首页 (`[\u3400-\u9fffA-Za-z]{1,8}(?:首页|主页|首頁|主頁)`,
/// whole: 百度首页).
pub fn home_link(text: &str) -> bool {
    let Some(name) = ["首页", "主页", "首頁", "主頁"].iter().find_map(|home| text.strip_suffix(home)) else {
        return false;
    };
    (1..=8).contains(&length(name)) && name.chars().all(|c| cjk(c) || c.is_ascii_alphabetic())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_read_as_python_reads_them() {
        assert!(counter("1 (33%)2 (67%)") && !counter("a1") && !counter(""));
        assert!(count("34976") && count("１２") && !count("1234567"));
        assert_eq!(count_value("１２"), 12);
        assert!(handle("zboy_girl") && !handle("ab") && !handle("1abc"));
        assert!(
            labelled_count("分数：100")
                && labelled_count("能力值:545803")
                && !labelled_count("分数：")
                && !labelled_count("：100")
        );
        assert!(markup_value("size=\"20\"") && markup_value("a-b = 'x'") && !markup_value("size=\"2\"0\""));
        assert_eq!(writer_colon("茉莉：我是"), Some(("茉莉", "我是")));
        assert_eq!(writer_colon("茉：我是"), None);
        assert!(mid_phrase("外汇及", "调整") && mid_phrase("委员会", "关于批准") && !mid_phrase("委员会", "批准"));
        assert!(reference_mark("[3-5]") && reference_mark("[2]") && !reference_mark("[]") && !reference_mark("[1,]"));
        assert!(home_link("百度首页") && !home_link("首页"));
        assert!(is_digits("²3") && !is_digits("") && !is_digits("一"));
        assert!(is_alpha('中') && !is_alpha('\u{0301}') && !is_alpha('Ⅻ'));
    }
}
