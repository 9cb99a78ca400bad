//! Where the article is on a whole page as scraped, among its menus, widgets and lists: what
//! each line is worth as article text (`line_worth`), prose written in phrases
//! (`phrase_prose`), and the stretch of lines worth most (`article_region`).
//!
//! Lengths are in characters and whitespace is Python's (`str.isspace`, which the chrome step
//! splits and strips lines by): the Python side hands lines over as they are.

use std::cell::OnceCell;
use std::sync::LazyLock;

use regex::Regex;

use crate::class::Class;
use crate::detect::is_han;

/// A line with running-text punctuation and this many characters is text.
pub const MIN_TEXT_LENGTH: usize = 8;
/// A short line without that punctuation: a menu entry, a label, a widget, a link.
pub const JUNK_COST: i64 = 20;
/// A line shorter than a paragraph that does not end like a sentence is a headline, most often
/// in a list of them; between paragraphs it is a subheading, so it costs less than junk. So is a
/// summary cut short (…, ...: a list's teaser; an article's own ellipsis is ……).
pub const PARAGRAPH_LENGTH: usize = 40;
pub const HEADLINE_COST: i64 = JUNK_COST / 2;
/// A line of numbers only: the date, time or count of an item in a list (related news,
/// comments), which an article's text never has on a line of its own; so is a time ago (2 天前).
pub const NUMBERS_COST: i64 = 3 * JUNK_COST;
/// After the heading of a list, text is worth this share of its length: the summaries of related
/// news are running text too, and a list of them can outweigh the article above it. Text in a run
/// of `PARAGRAPH_RUN` lines or more is an article's, and ends the list: a list's items are a
/// line or two of text between their dates and counts.
pub const AFTER_LIST_SHARE: f64 = 0.25;
pub const PARAGRAPH_RUN: usize = 3;
/// Lines of other text an article's paragraphs may stand apart by (`across_short_lines`).
pub const HOP_LINES: usize = 4;
/// Numbered items: three or more in sequence, each within `ITEM_GAP` lines of the last.
pub const ENUMERATED: usize = 3;
pub const ITEM_GAP: usize = 8;
/// A line this long is text even without punctuation (a list of names, a long caption), unless
/// it is words `SPAM_WORD_LENGTH` characters long or less apart by spaces (a keyword stuffing).
pub const LONG_LINE: usize = 80;
pub const SPAM_WORD_LENGTH: usize = 8;
/// Prose in phrases: informal blogs and photo posts break their sentences with spaces and line
/// breaks instead of ，。 (一波波 / 接續性 / 低溫寒流報到 已將新竹尖石鄉後山…). A phrase line is
/// one of `PHRASE_LENGTH` characters or more, half of them Chinese, that is no running text; a
/// run of them and of sentences, with shorter lines of fewer than `FRAGMENTS_LENGTH` characters
/// in all between two (the words of a link or a bold phrase inside a sentence: 原木招牌可謂 /
/// 匠心獨運 / 燻黑 / 原木), is prose when it has `PROSE_PHRASES` phrase lines or more and
/// `FUNCTION_SHARE` of their Chinese characters are the function words of running text
/// (`function_word`: aspect particles and adverbs that headlines drop; 的, 在 and 是 are left
/// out, headlines keep them). Measured on the tune split, the phrase lines of runs of 20 or more:
/// a photo blog's article 0.052; lists of related headlines and menus 0.029 at most (guancha.cn,
/// 163.com, toutiao.com, ifeng.com, sina.com.cn, appledaily.com.tw), most under 0.025. Shorter
/// runs are left alone: a blog's comments (0.06 to 0.11 in runs of 14 phrase lines at most,
/// between each comment's author and date) and short lists (up to 0.052 in 9 to 14 lines).
pub const PHRASE_LENGTH: usize = 8;
pub const PROSE_PHRASES: usize = 20;
pub const FRAGMENTS_LENGTH: usize = 3 * PHRASE_LENGTH;
/// A text node a link cuts a clause of (`at_inline_link`) is this long at least.
pub const CUT_CLAUSE_LENGTH: usize = 2 * PHRASE_LENGTH;
pub const CUT_CLAUSE_COMMAS: usize = 2;
const DAY_NAMES: [&str; 8] = ["今天", "昨天", "前天", "今日", "昨日", "前日", "刚刚", "剛剛"];
pub const FUNCTION_SHARE: f64 = 0.04;
fn function_word(c: char) -> bool {
    matches!(
        c,
        '了' | '也'
            | '都'
            | '就'
            | '还'
            | '還'
            | '而'
            | '着'
            | '著'
            | '很'
            | '又'
            | '才'
            | '把'
            | '让'
            | '讓'
            | '过'
            | '過'
    )
}

/// Punctuation of running text.
fn running_text(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '；' | '…' | '，' | '、' | '!' | '?' | ';' | ',')
}
/// How a sentence ends, and what may close after its end (。」).
fn sentence_end(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?' | '…')
}
fn after_end(c: char) -> bool {
    matches!(c, '」' | '”' | '’' | '』' | '）' | ')')
}
/// A text node that opens with the punctuation inside a sentence is its rest after an inline
/// element (<strong>擎天柱</strong>（Optimus）相关的……): no menu entry opens so. So is a text
/// node after one that ends inside a title's or parenthesis's brackets (`open_end`), and one that
/// closes a title the text before it left open (从《 / 印度之旅 / 》、《 / 窗外有蓝天 / 》，到…:
/// titles linked inside a sentence; on tune, readmoo.com's and csdn.net's opening paragraphs came
/// back whole, +0.2 points of recall). Not after an open quote: a teaser cut short ends so (吗？“,
/// once in the news-5m dump); nor does a 》 opening a line alone, a menu's arrow as often.
fn continued(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '！'
            | '？'
            | ','
            | ';'
            | ':'
            | '!'
            | '?'
            | ')'
            | '）'
            | '」'
            | '』'
            | '”'
            | '’'
    )
}
fn open_end(c: char) -> bool {
    matches!(c, '《' | '〈' | '（' | '(')
}
fn title_close(c: char) -> bool {
    matches!(c, '》' | '〉')
}

// (`\s` of Python's `re` is `str.isspace`: Unicode's White_Space and U+001C to U+001F)
static NUMBERS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:[\d\s\x1c-\x1f.,:：/\-年月日号时分秒kKwW万+]+|\d+[\s\x1c-\x1f]*(?:秒|分钟|小时|天|周|个?月|年)前)$",
    )
    .unwrap()
});
/// Markup or code a scraper let through (a <div> in a <noscript>, a script's object): junk,
/// whatever its length and punctuation, unless Chinese text is most of it (`is_markup`; the
/// attributes of a tag, `name="`, are found by hand for Python's `\w`).
static WIRE_NOTE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[（(][^（）()]{1,20}[）)]\d{4,8}$").unwrap());
static MARKUP: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"</?[a-zA-Z][^>]*>|\{[^{}]*\}").unwrap());
/// A numbered item (1、…), not a number (1.5).
/// An item's number: 1、 2. 3．, or in brackets, 1) (2) （3） (2)、.
static ITEM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^[\s\x1c-\x1f]*(?:[（(]?(\d{1,3})[)）][、.．]?|(\d{1,3})[、.．])(?:[^\d\s\x1c-\x1f]|[\s\x1c-\x1f]+[^\s\x1c-\x1f])",
    )
    .unwrap()
});
/// A section heading: 一、 （二） 3.
static HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d{1,2}[、.．](?:\D|$))")
        .unwrap()
});
/// Whether `line` opens with a section's number (一、 （二） 3.): a heading, or a numbered clause.
pub fn section_numbered(line: &str) -> bool {
    HEADING.is_match(line)
}

static DECIMAL: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\d$").unwrap());

fn space(c: char) -> bool {
    c.is_whitespace() || ('\x1c'..='\x1f').contains(&c)
}

fn strip(s: &str) -> &str {
    s.trim_matches(space)
}

fn rstrip(s: &str) -> &str {
    s.trim_end_matches(space)
}

fn length(s: &str) -> usize {
    s.chars().count()
}

fn han(s: &str) -> usize {
    s.chars().filter(|&c| is_han(c)).count()
}

fn first_non_space(s: &str) -> Option<char> {
    s.chars().find(|&c| !space(c))
}

/// Whether `s` (right-stripped) ends like a sentence: 。 ！ ？ … and what may close after them,
/// or with a wire's bracketed note and date code after that (…。（编辑：王五）1050319), or with
/// the names of its reporters alone in round brackets (…。（王五 李四）: `signed`).
fn sentence(s: &str) -> bool {
    ends_like_sentence(s)
        || WIRE_NOTE.find(s).is_some_and(|note| ends_like_sentence(&s[..note.start()]))
        || signed(s).is_some_and(ends_like_sentence)
}

/// `s` before a signature closing it: names of two to four Han characters in round brackets, one
/// to three, apart by spaces, 、 or ·; no photographer's, picture's or wire's credit (（某某摄）,
/// （资料图）, （本报专电）: a caption's, `credited`, or a source's), nor an organisation's
/// (（某某企业提供）, longer than a name).
fn signed(s: &str) -> Option<&str> {
    let inner = s.strip_suffix(['）', ')'])?;
    let at = inner.rfind(['（', '('])?;
    let names = &inner[at..][inner[at..].chars().next()?.len_utf8()..];
    let mut count = 0;
    for name in names.split([' ', '、', '·']) {
        count += 1;
        let length = name.chars().count();
        if count > 3 || !(2..=4).contains(&length) || !name.chars().all(is_han) {
            return None;
        }
    }
    (!names.ends_with(['摄', '攝', '图', '圖', '电', '電', '讯', '訊', '供'])).then_some(&inner[..at])
}

fn ends_like_sentence(s: &str) -> bool {
    let mut last = s.chars().rev();
    match (last.next(), last.next()) {
        (Some(c), _) if sentence_end(c) => true,
        (Some(c), Some(before)) => after_end(c) && sentence_end(before),
        _ => false,
    }
}

/// A summary cut short: … (an article's own ellipsis is ……) or ... at the end.
fn cut_short(s: &str) -> bool {
    s.ends_with("...") || (s.ends_with('…') && !s[..s.len() - '…'.len_utf8()].ends_with('…'))
}

/// A caption: a short sentence with its credit in brackets (…活动。（某某摄）), between an
/// article's paragraphs; it neither adds to the article nor breaks it (the rules take it out).
fn credited(s: &str) -> bool {
    let Some(body) = s.strip_suffix(['）', ')']) else { return false };
    let Some(at) = body.rfind(['（', '(', '）', ')']) else { return false };
    let (before, credit) = body.split_at(at);
    let mut credit = credit.chars();
    matches!(credit.next(), Some('（' | '('))
        && (1..=16).contains(&credit.count())
        && before.chars().next_back().is_some_and(|c| matches!(c, '。' | '！' | '？' | '!' | '?'))
}

/// The letters and numbers by general category.
static LETTER_OR_NUMBER: LazyLock<Class> = LazyLock::new(|| Class::fixed(r"\p{L}\p{N}"));

/// Python's `\w`: `str.isalnum` (a letter or a number by general category; Rust's
/// `is_alphanumeric` takes the combining marks of the Alphabetic property too) or an underscore.
pub(crate) fn word_char(c: char) -> bool {
    if c.is_ascii() {
        return c == '_' || c.is_ascii_alphanumeric();
    }
    LETTER_OR_NUMBER.contains(c)
}

/// Whether `line` is markup or code more than it is Chinese text.
fn is_markup(line: &str) -> bool {
    // An attribute needs its `=`, a tag its `<`, code its `{`: most lines hold none of them.
    if memchr::memchr3(b'=', b'<', b'{', line.as_bytes()).is_none() {
        return false;
    }
    let attribute = line.char_indices().any(|(at, c)| {
        c == '='
            && matches!(line[at + 1..].chars().next(), Some('"' | '\''))
            && line[..at].chars().next_back().is_some_and(|b| b == '-' || word_char(b))
    });
    (attribute || MARKUP.is_match(line)) && 2 * han(line) < length(strip(line))
}

/// What a line adds to the article around it: its length for running text, else a cost.
pub fn line_worth(line: &str) -> i64 {
    let length = length(strip(line));
    if length == 0 {
        return 0;
    }
    if is_markup(line) {
        return -JUNK_COST;
    }
    let right = rstrip(line);
    if cut_short(right) {
        return -HEADLINE_COST;
    }
    let worth = length as i64;
    // a sentence's rest after an inline element, or a short sentence
    if first_non_space(line).is_some_and(continued) || (length >= 2 && sentence(right)) {
        return worth;
    }
    let running = line.chars().any(running_text);
    if length >= LONG_LINE {
        let words = line.split(space).filter(|w| !w.is_empty()).count();
        return if running || words * SPAM_WORD_LENGTH <= length { worth } else { -JUNK_COST };
    }
    if length >= MIN_TEXT_LENGTH && running {
        if length >= PARAGRAPH_LENGTH {
            return worth;
        }
        return if credited(right) { 0 } else { -HEADLINE_COST };
    }
    if NUMBERS.is_match(line) {
        -NUMBERS_COST
    } else {
        -JUNK_COST
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Sentence,
    Phrase,
    Fragment,
}

/// `Sentence` for running text (its `line_worth`, `worth`, positive); `Phrase` for another line of
/// `PHRASE_LENGTH` characters or more, half of them Chinese; `Fragment` for a shorter line;
/// None for a line of numbers or markup, or a longer line of other text (a date and time, a
/// web address).
fn phrase_kind(line: &str, worth: i64) -> Option<Kind> {
    if worth > 0 {
        return Some(Kind::Sentence);
    }
    let line = strip(line);
    if NUMBERS.is_match(line) || is_markup(line) {
        return None;
    }
    let length = length(line);
    if length < PHRASE_LENGTH {
        return Some(Kind::Fragment);
    }
    (2 * han(line) >= length).then_some(Kind::Phrase)
}

/// The indices of `lines` that are prose written in phrases: runs of phrase lines and
/// sentences, shorter lines of fewer than `FRAGMENTS_LENGTH` characters in all between two, with
/// `PROSE_PHRASES` phrase lines or more whose Chinese is `FUNCTION_SHARE` function words or more.
/// No run crosses a line of `breaks`; in order.
pub fn phrase_prose(lines: &[&str], breaks: &[bool]) -> Vec<usize> {
    let worths: Vec<i64> = lines.iter().map(|line| line_worth(line)).collect();
    prose_of(lines, &worths, breaks)
}

/// `phrase_prose` of `lines`, each worth as much as `worths` says (`line_worth`).
fn prose_of(lines: &[&str], worths: &[i64], breaks: &[bool]) -> Vec<usize> {
    let kinds: Vec<Option<Kind>> = lines
        .iter()
        .zip(worths)
        .zip(breaks)
        .map(|((line, &worth), &stop)| if stop { None } else { phrase_kind(line, worth) })
        .collect();
    let mut prose = Vec::new();
    let mut run: Vec<usize> = Vec::new();
    let mut fragments = 0; // the characters of the shorter lines since the run's last longer line
    for index in 0..=lines.len() {
        let kind = kinds.get(index).copied().flatten();
        if kind == Some(Kind::Fragment) && !run.is_empty() {
            let more = length(strip(lines[index]));
            if fragments + more < FRAGMENTS_LENGTH {
                run.push(index);
                fragments += more;
                continue;
            }
        }
        if matches!(kind, Some(Kind::Phrase | Kind::Sentence)) {
            run.push(index);
            fragments = 0;
            continue;
        }
        while run.last().is_some_and(|&last| kinds[last] == Some(Kind::Fragment)) {
            run.pop();
        }
        let phrases: Vec<&str> = run.iter().filter(|&&i| kinds[i] == Some(Kind::Phrase)).map(|&i| lines[i]).collect();
        if is_prose(&phrases) {
            prose.extend(&run);
        }
        run.clear();
        fragments = 0;
    }
    prose
}

/// Whether `phrases` (the phrase lines of a run) are `PROSE_PHRASES` or more, with function
/// words enough (`FUNCTION_SHARE`) to be prose rather than headlines.
fn is_prose(phrases: &[&str]) -> bool {
    if phrases.len() < PROSE_PHRASES {
        return false;
    }
    let function = phrases.iter().flat_map(|p| p.chars()).filter(|&c| function_word(c)).count();
    let chinese: usize = phrases.iter().map(|p| han(p)).sum();
    function as f64 >= FUNCTION_SHARE * chinese as f64
}

/// Whether text node `line` is the rest of the sentence in `before` (the text nodes before it):
/// it opens with the punctuation inside a sentence, `before` ends inside brackets or inside a
/// clause at a link (`at_inline_link`, `next` the text node after `line`), or `line` closes a
/// title `before` left open.
fn continues(before: &[&str], line: &str, next: Option<&str>) -> bool {
    let opening = first_non_space(line);
    if opening.is_some_and(continued) {
        return true;
    }
    let end = before.iter().rev().find_map(|text| rstrip(text).chars().next_back());
    if end.is_some_and(open_end) || at_inline_link(before, line, next) {
        return true;
    }
    if !opening.is_some_and(title_close) {
        return false;
    }
    let count = |c: char| before.iter().map(|text| text.matches(c).count()).sum::<usize>();
    count('《') > count('》') || count('〈') > count('〉')
}

/// Whether text node `line` goes on with a sentence `before` left open at a link: a link's
/// words (shorter than `PHRASE_LENGTH` characters, ending in Chinese) between the clause they cut
/// and its rest (今日从交通运输部获悉，目前 / 京津冀 / 交通一体化建设各项工作取得积极成效，…).
/// The text node the link cuts is `CUT_CLAUSE_LENGTH` characters or more (a menu's taglines are
/// shorter: 聚焦前沿，展现新兴企业 / 纪录湃) and ends in Chinese after `CUT_CLAUSE_COMMAS` commas
/// of clauses, no sentence's end after them (a headline has one at most: 运营商 5G 手机促销方式
/// 曝光，禁止提供购机补贴 / 昨天); the rest is `CUT_CLAUSE_LENGTH` characters or more too (a
/// sentence of a cookie notice ends at its link: 点这里可以查看 / 某某社隐私声明 / 。). `line`
/// is the link's words and `next` the rest, or `before` ends with the link's words and `line`
/// is the rest. A day's name (昨天) under a headline is its date, no link.
fn at_inline_link(before: &[&str], line: &str, next: Option<&str>) -> bool {
    let link = |text: &str| {
        let words = strip(text);
        (1..PHRASE_LENGTH).contains(&length(words)) && ends_in_han(words) && !DAY_NAMES.contains(&words)
    };
    let rest = |text: &str| length(strip(text)) >= CUT_CLAUSE_LENGTH;
    let cut = match before {
        [.., cut] if link(line) && next.is_some_and(rest) => cut,
        [.., cut, last] if link(last) && rest(line) => cut,
        _ => return false,
    };
    if length(strip(cut)) < CUT_CLAUSE_LENGTH || !ends_in_han(cut) {
        return false;
    }
    let clause = rstrip(cut).chars().rev().take_while(|&c| !sentence_end(c) && !matches!(c, '；' | ';' | '：' | ':'));
    clause.filter(|&c| matches!(c, '，' | ',')).count() >= CUT_CLAUSE_COMMAS
}

fn ends_in_han(text: &str) -> bool {
    rstrip(text).chars().next_back().is_some_and(is_han)
}

/// `line_worth` of each line (`own`), text nodes that continue the lines before them
/// (`continues`) counted with them as one line, at the first of them.
fn sentence_worths(lines: &[&str], own: &[i64], breaks: &[bool]) -> Vec<i64> {
    let mut worths = vec![0; lines.len()];
    let mut first = 0;
    for index in 0..=lines.len() {
        if index < lines.len()
            && index > first
            && !breaks[index]
            && continues(&lines[first..index], lines[index], lines.get(index + 1).copied())
        {
            continue;
        }
        if first < index && !breaks[first] {
            worths[first] = match &lines[first..index] {
                [_] => own[first],
                group => line_worth(&group.concat()),
            };
        }
        first = index;
    }
    worths
}

/// The value of a decimal digit of any script (Unicode lays each script's ten out in order).
fn digit_value(c: char) -> i64 {
    if let Some(value) = c.to_digit(10) {
        return value as i64;
    }
    let mut zero = c as u32;
    let mut buffer = [0; 4];
    while let Some(before) = char::from_u32(zero - 1) {
        if !DECIMAL.is_match(before.encode_utf8(&mut buffer)) {
            break;
        }
        zero -= 1;
    }
    ((c as u32 - zero) % 10) as i64
}

/// Count an article's numbered items as text (in place): `ENUMERATED` items numbered one after
/// another (1、… 2、… 3、…, 1) … 2) … 3) …, （1）… （2）… （3）…), each at most `ITEM_GAP` lines after the last, are its sections or
/// entries, whatever their length; the lines between them cost nothing.
fn count_enumerations(lines: &[&str], worths: &mut [i64]) {
    let items: Vec<(usize, i64)> = lines
        .iter()
        .enumerate()
        .filter(|(_, line)| length(line) <= PARAGRAPH_LENGTH)
        .filter_map(|(index, line)| {
            let item = ITEM.captures(line)?;
            let digits = item.get(1).or_else(|| item.get(2))?.as_str();
            Some((index, digits.chars().fold(0, |number, c| number * 10 + digit_value(c))))
        })
        .collect();
    let mut run: Vec<usize> = Vec::new();
    for (at, &(index, number)) in items.iter().enumerate() {
        run.push(index);
        if let Some(&(next, following)) = items.get(at + 1) {
            if following == number + 1 && next - index <= ITEM_GAP {
                continue;
            }
        }
        if run.len() >= ENUMERATED {
            for position in run[0]..=run[run.len() - 1] {
                worths[position] =
                    if run.contains(&position) { length(lines[position]) as i64 } else { worths[position].max(0) };
            }
        }
        run.clear();
    }
}

/// Verse: lines of `VERSE_MIN_HAN` to `VERSE_MAX_HAN` Chinese characters each and one mark after
/// them, the same count on every line of a run of `VERSE_LINES` or more, a clause's mark (，；、)
/// ending one line and a sentence's (。！？) another (深夜看书须尽欢， / 明月照亮浊酒案。): a
/// poem's lines, the article's however short. A menu's entries end in no mark, a list of
/// headlines in no comma.
pub const VERSE_MIN_HAN: usize = 4;
pub const VERSE_MAX_HAN: usize = 9;
pub const VERSE_LINES: usize = 2;

/// The Chinese characters before the one mark `line` (stripped) ends with, where it is a verse
/// line, and whether that mark ends a clause (else a sentence).
fn verse_line(line: &str) -> Option<(usize, bool)> {
    let line = strip(line);
    let mark = line.chars().next_back()?;
    let clause = matches!(mark, '，' | '；' | '、');
    if !clause && !matches!(mark, '。' | '！' | '？') {
        return None;
    }
    let words = &line[..line.len() - mark.len_utf8()];
    let count = words.chars().count();
    ((VERSE_MIN_HAN..=VERSE_MAX_HAN).contains(&count) && words.chars().all(is_han)).then_some((count, clause))
}

/// Count a poem's lines as text (in place, `verse_line`): each is worth its length.
fn count_verse(lines: &[&str], worths: &mut [i64]) {
    let verses: Vec<Option<(usize, bool)>> = lines.iter().map(|line| verse_line(line)).collect();
    let mut first = 0;
    while first < lines.len() {
        let Some((count, _)) = verses[first] else {
            first += 1;
            continue;
        };
        let end =
            (first..lines.len()).find(|&n| verses[n].is_none_or(|(other, _)| other != count)).unwrap_or(lines.len());
        let clauses = (first..end).filter(|&n| verses[n].is_some_and(|(_, clause)| clause)).count();
        if end - first >= VERSE_LINES && 0 < clauses && clauses < end - first {
            for number in first..end {
                worths[number] = worths[number].max(length(strip(lines[number])) as i64);
            }
        }
        first = end;
    }
}

/// Count prose written in phrases as text (in place, `phrase_prose`): each phrase line is worth
/// its length, the shorter lines between two cost nothing.
fn count_phrase_prose(lines: &[&str], own: &[i64], worths: &mut [i64], breaks: &[bool]) {
    for index in prose_of(lines, own, breaks) {
        let phrase = phrase_kind(lines[index], own[index]) == Some(Kind::Phrase);
        let worth = if phrase { length(strip(lines[index])) as i64 } else { 0 };
        worths[index] = worths[index].max(worth);
    }
}

/// Which of the lines (by their worth) stand in a run of `PARAGRAPH_RUN` text lines or more.
fn in_paragraph_runs(worths: &[i64]) -> Vec<bool> {
    let mut flags = vec![false; worths.len()];
    let mut run = 0;
    for index in 0..=worths.len() {
        if index < worths.len() && worths[index] > 0 {
            run += 1;
            continue;
        }
        if run >= PARAGRAPH_RUN {
            flags[index - run..index].fill(true);
        }
        run = 0;
    }
    flags
}

/// An article's details set as labels and values (時間：2021年12月19日, 地點｜荒野高雄分會2樓,
/// .講座地點：…, 費用 / ：/ 免費 in text nodes): a label of `LABEL_MIN_HAN` to `LABEL_MAX_LENGTH`
/// characters, Chinese and letters only (时间 Time), after a bullet at most, then `：`, `:` or
/// `｜`. Event, course and notice pages list their time, place and fee so, next to the article's
/// text; a menu's entries carry no separator, and a date or a web address is no label.
pub const LABEL_MIN_HAN: usize = 2;
pub const LABEL_MAX_LENGTH: usize = 12;
pub const LABELS: usize = 2;
pub const DETAIL_LENGTH: usize = 8;
fn label_separator(c: char) -> bool {
    matches!(c, '：' | ':' | '｜')
}
fn bullet(c: char) -> bool {
    matches!(
        c,
        '.' | '．'
            | '•'
            | '・'
            | '＊'
            | '*'
            | '※'
            | '■'
            | '□'
            | '◆'
            | '◇'
            | '●'
            | '○'
            | '▶'
            | '►'
            | '☞'
            | '★'
            | '☆'
    )
}

/// Whether `line` (with `next`, the line after it, where that opens with the separator) is a
/// label (`label_separator`): `Some(true)` where its value follows on the line, `Some(false)`
/// where the label stands alone (線上報名：, its value on the next line).
fn labelled(line: &str, next: Option<&str>) -> Option<bool> {
    let line = strip(line).trim_start_matches(|c: char| bullet(c) || space(c));
    let (label, rest) = match line.find(label_separator) {
        Some(at) => (&line[..at], &line[at..]),
        None => match next.map(strip) {
            Some(next) if next.starts_with(label_separator) => (line, next),
            _ => return None,
        },
    };
    let label = strip(label);
    let named = length(label) <= LABEL_MAX_LENGTH
        && han(label) >= LABEL_MIN_HAN
        && label.chars().all(|c| is_han(c) || c.is_ascii_alphabetic() || space(c));
    named.then(|| rest.chars().any(word_char))
}

/// Another label after the first one's value (…孤独大脑，作者：叶平艳): a line of credits.
static MORE_LABELS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[，,\s\x1c-\x1f][\p{Han}A-Za-z]{2,12}[：:｜]").unwrap());

/// What follows the first separator of `line` (the whole line where it has none).
fn label_value(line: &str) -> &str {
    line.find(label_separator).map_or(line, |at| line[at..].trim_start_matches(label_separator))
}

/// Whether `line` is the value of a label or the rest of a line above it (`above`, the line
/// before it): `above` ends with a separator or inside a clause (，、；), or `line` opens with
/// the punctuation inside a sentence. A value has a word, or is a mark alone (the ， or ： of a
/// text node of its own); a row of marks (:::) is a page's divider.
fn value_of(above: Option<&str>, line: &str) -> bool {
    (length(strip(line)) == 1 || line.chars().any(word_char))
        && (first_non_space(line).is_some_and(continued)
            || above
                .and_then(|text| rstrip(text).chars().next_back())
                .is_some_and(|c| label_separator(c) || matches!(c, '，' | '、' | '；' | ',')))
}

/// Whether `line`, less its spaces, opens like a section's heading: 一、 （二） 3.
pub(crate) fn section_heading(line: &str) -> bool {
    section_numbered(strip(line))
}

/// Lines next to the article that belong to it: a sentence (ending like one), a section heading.
fn belongs(line: &str) -> bool {
    sentence(strip(line)) || section_heading(line)
}

/// The lines of a page the article is looked for in: `skipped` lines are left out (the rules
/// took them), `breaks` head a list (related news, comments).
pub struct Page<'a> {
    pub lines: &'a [&'a str],
    pub skipped: &'a [bool],
    pub breaks: &'a [bool],
    /// `line_worth` of each line, read once when first asked for: the article's bounds and a
    /// blog post's share bars ask about the same lines.
    worths: Vec<OnceCell<i64>>,
}

impl<'a> Page<'a> {
    /// `lines` with the flags, by line number, of those `skipped` and those that head a list.
    pub fn new(lines: &'a [&'a str], skipped: &'a [bool], breaks: &'a [bool]) -> Self {
        Page { lines, skipped, breaks, worths: vec![OnceCell::new(); lines.len()] }
    }

    /// `line_worth` of line `number`.
    pub fn worth(&self, number: usize) -> i64 {
        *self.worths[number].get_or_init(|| line_worth(self.lines[number]))
    }

    /// The stretch of lines `start..end` that is the article: the one worth most by
    /// `line_worth`, widened over sentences and headings next to it, and crossing none of the
    /// `breaks`, below which text counts less (`AFTER_LIST_SHARE`). None when no line reads as
    /// text.
    pub fn article_region(&self, start: usize, end: usize) -> Option<(usize, usize)> {
        let numbers: Vec<usize> =
            (start..end).filter(|&n| !self.skipped[n] && (!self.lines[n].is_empty() || self.breaks[n])).collect();
        let texts: Vec<&str> = numbers.iter().map(|&n| self.lines[n]).collect();
        let breaks: Vec<bool> = numbers.iter().map(|&n| self.breaks[n]).collect();
        let own: Vec<i64> = numbers.iter().map(|&n| self.worth(n)).collect();
        let mut worths = sentence_worths(&texts, &own, &breaks);
        count_enumerations(&texts, &mut worths);
        count_verse(&texts, &mut worths);
        count_phrase_prose(&texts, &own, &mut worths, &breaks);
        let in_run = in_paragraph_runs(&worths);
        let (mut best, mut best_start, mut best_end) = (0.0, start, start);
        let (mut total, mut run_start, mut share) = (0.0, start, 1.0);
        for ((&number, &worth), &paragraph) in numbers.iter().zip(&worths).zip(&in_run) {
            if self.breaks[number] {
                (total, share) = (0.0, AFTER_LIST_SHARE);
                continue;
            }
            if total <= 0.0 {
                (total, run_start) = (0.0, number);
            }
            if paragraph {
                share = 1.0; // the list is over: an article's paragraphs follow
            }
            total += if worth > 0 { worth as f64 * share } else { worth as f64 };
            if total > best {
                (best, best_start, best_end) = (total, run_start, number + 1);
            }
        }
        if best <= 0.0 {
            return None;
        }
        loop {
            while best_start > start
                && !self.breaks[best_start - 1]
                && (self.skipped[best_start - 1] || belongs(self.lines[best_start - 1]))
            {
                best_start -= 1;
            }
            while best_end < end && !self.breaks[best_end] && (self.skipped[best_end] || belongs(self.lines[best_end]))
            {
                best_end += 1;
            }
            best_start = self.across_labels(best_start, start, end);
            let wider = self.across_short_lines(best_start, best_end, start, end);
            if wider == (best_start, best_end) {
                return Some(wider);
            }
            (best_start, best_end) = wider;
        }
    }

    /// The lines of `start..end` the rules left: those above `number`, nearest first (`up`), or
    /// those from `number` down.
    fn left(&self, number: usize, up: bool, start: usize, end: usize) -> Box<dyn Iterator<Item = usize> + '_> {
        let usable = move |n: &usize| !self.skipped[*n] && !self.lines[*n].is_empty();
        if up {
            Box::new((start..number).rev().filter(usable))
        } else {
            Box::new((number..end).filter(usable))
        }
    }

    /// `first` moved up over the labels and values above it (`labelled`, `value_of`): an
    /// article's details (time, place, fee) between its headline and its text, `LABELS` labels
    /// or more with values of `DETAIL_LENGTH` characters or more (主題：滾動式運作中，捉住秋天的氣息,
    /// 地點｜ / 荒野高雄分會2樓). A byline's values are names (来源： / IT之家, 责编： / 孔颖阳), a
    /// bar's are links (向左滑动：下一篇); a label over a date or a count alone heads a byline or
    /// a bar (时间： / 2022-11-24 05:30:58, 阅读： / 48880), and so does a line of credits
    /// (本文来自微信公众号：孤独大脑，作者：叶平艳): the labels below them are the byline's, none
    /// of the article's. The article's first line is no label's value (评论：), and values alone
    /// are no part of it. Below an article, labels and values are as often the page's (此前报道：,
    /// 点击进入专题：, 责任编辑：, a footer's 地址：) as its own, and are left to the rules.
    fn across_labels(&self, first: usize, start: usize, end: usize) -> usize {
        let line = |n: usize| self.lines[n];
        let above = |n: usize| self.left(n, true, start, end).next().map(line);
        let below = |n: usize| self.left(n + 1, false, start, end).next();
        let numbers = |text: &str| text.chars().any(|c| c.is_ascii_digit()) && NUMBERS.is_match(strip(text));
        let long = |text: &str| length(strip(text)) >= DETAIL_LENGTH;
        let detail = |n: usize| n < first && !numbers(line(n)) && long(line(n));
        let (mut top, mut labels) = (first, 0);
        for number in self.left(first, true, start, end) {
            if self.breaks[number] {
                break;
            }
            let valued = labelled(line(number), below(number).map(line));
            if valued.is_some()
                && (numbers(label_value(line(number)))
                    || below(number).is_some_and(|n| numbers(line(n)))
                    || MORE_LABELS.is_match(label_value(line(number))))
            {
                return first;
            }
            match valued {
                Some(valued) => {
                    labels +=
                        usize::from(valued && long(label_value(line(number))) || below(number).is_some_and(detail));
                    top = number;
                }
                None if value_of(above(number), line(number)) => {}
                None => break,
            }
        }
        if labels >= LABELS {
            top
        } else {
            first
        }
    }

    fn paragraph_at(&self, number: usize) -> bool {
        !self.breaks[number] && self.worth(number) >= PARAGRAPH_LENGTH as i64 && sentence(rstrip(self.lines[number]))
    }

    /// `first..last` widened to a paragraph (running text ending like a sentence) at most
    /// `HOP_LINES` lines of other text away on either side (a law's title and its 令 between two
    /// parts of its text, a caption between paragraphs): an article's lines that read as none of
    /// a page's furniture.
    fn across_short_lines(&self, first: usize, last: usize, start: usize, end: usize) -> (usize, usize) {
        let (mut wide_first, mut wide_last) = (first, last);
        let backward = (start..first).rev();
        let forward = last..end;
        for (numbers, up) in [(Box::new(backward) as Box<dyn Iterator<Item = usize>>, true), (Box::new(forward), false)]
        {
            let mut hopped = 0;
            for number in numbers {
                if self.breaks[number] || hopped > HOP_LINES {
                    break;
                }
                if !self.skipped[number] && !self.lines[number].is_empty() {
                    if self.paragraph_at(number) {
                        if up {
                            wide_first = number;
                        } else {
                            wide_last = number + 1;
                        }
                        break;
                    }
                    hopped += 1;
                }
            }
        }
        (wide_first, wide_last)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn worths_of(lines: &[&str], breaks: &[bool]) -> Vec<i64> {
        let own: Vec<i64> = lines.iter().map(|line| line_worth(line)).collect();
        sentence_worths(lines, &own, breaks)
    }

    const PARAGRAPH: &str =
        "国务院总理主持召开国务院常务会议，部署推动新一轮大规模设备更新和消费品以旧换新工作，会议强调要坚持市场为主。";

    fn region(lines: &[&str]) -> Option<(usize, usize)> {
        let none = vec![false; lines.len()];
        Page::new(lines, &none, &none).article_region(0, lines.len())
    }

    #[test]
    fn worth_of_lines() {
        assert_eq!(line_worth(PARAGRAPH), length(PARAGRAPH) as i64);
        assert_eq!(line_worth("  "), 0);
        assert_eq!(line_worth("首页"), -JUNK_COST);
        assert_eq!(line_worth("2024-05-12 08:14"), -NUMBERS_COST);
        assert_eq!(line_worth("3 天前"), -NUMBERS_COST);
        assert_eq!(line_worth("一条被截断的新闻摘要，后面还有…"), -HEADLINE_COST);
        assert_eq!(line_worth("一条完整的新闻摘要，后面还有……"), 16);
        assert_eq!(line_worth("市民在公园里赏花，春意盎然。（某某摄）"), 0);
        assert_eq!(line_worth("市民在公园里赏花，春意盎然（某某摄）"), -HEADLINE_COST);
        assert_eq!(line_worth("，接着上一句说完"), 8);
        assert_eq!(line_worth("<div class=\"nav\">新闻</div>"), -JUNK_COST);
        assert_eq!(line_worth("a=\"1\" 这是一段很长的中文文字内容"), -JUNK_COST);
        assert!(is_markup("{a: 1}") && is_markup("<br/>") && is_markup("x='1'") && !is_markup("a = 1 < 2"));
        assert_eq!(line_worth("a=\"1\" 这是一段很长的中文文字内容，还有更多的中文"), -HEADLINE_COST);
    }

    #[test]
    fn credits_in_brackets() {
        assert!(credited("春意盎然。（某某摄）"));
        assert!(!credited("春意盎然。（）"));
        assert!(!credited("春意盎然。（一二三四五六七八九十一二三四五六七）"));
        assert!(credited("春意盎然。（一二三四五六七八九十一二三四五六）"));
    }

    #[test]
    fn a_wire_note_after_the_last_sentence() {
        assert!(sentence("他说。（编辑：王五）1050319"));
        assert!(sentence("他说。”（编辑：王五）20250319"));
        assert!(!sentence("他说（编辑：王五）1050319"));
        assert!(!sentence("他说。（编辑：王五）105"));
        assert!(!sentence("他说。（编辑：王五）"));
    }

    #[test]
    fn names_signing_the_last_sentence() {
        assert!(sentence("接下来我们向您报道一则消息。（廖刚）"));
        assert!(sentence("她们是怎样解释世界的呢？（郑欣晓 任琳峰）"));
        assert!(sentence("他说：“我们有证据。”（徐松涵、戴佳玉）"));
        assert!(!sentence("春意盎然。（某某摄）"));
        assert!(!sentence("春意盎然。（资料图）"));
        assert!(!sentence("春意盎然。（廖剛攝）"));
        assert!(!sentence("柏林田径大奖赛结束（史梅 余静）"));
        assert!(!sentence("他说。（编辑：王五）"));
        assert!(!sentence("他说。（一二三四五六七八九十一二三）"));
        assert!(!sentence("本图摄于五十年代。（中央社提供）"));
        assert!(!sentence("图为工业区一景。（台塑企业提供）"));
        assert!(!sentence("驻军一千二百人。（本报专电）"));
        assert!(!sentence("他说。（王五  李四）"));
        assert!(line_worth("接下来我们向您报道一则，有关美国总统大选的消息。（廖刚）") > 0);
        assert_eq!(line_worth("图为国务院部署淮河流域水污染防治工作。（廖刚摄）"), 0);
    }

    #[test]
    fn the_article_between_menus() {
        let lines = ["首页", "新闻", "国内", PARAGRAPH, PARAGRAPH, "相关新闻", "网站地图"];
        assert_eq!(region(&lines), Some((3, 5)));
        assert_eq!(region(&["首页", "新闻"]), None);
    }

    #[test]
    fn text_nodes_of_one_sentence() {
        // 《 ends the first node, the second closes the title: one line's worth, at the first
        let lines = ["他读过《", "窗外有蓝天", "》，这是一本好书。"];
        let none = [false; 3];
        assert_eq!(worths_of(&lines, &none), vec![line_worth("他读过《窗外有蓝天》，这是一本好书。"), 0, 0]);
    }

    #[test]
    fn a_clause_cut_at_a_link() {
        // the link's words and the clause's rest go with the clause they cut
        let lines =
            ["据某某社9月26日消息，今日从交通运输部发布会获悉，目前", "京津冀", "交通一体化建设各项工作取得积极成效。"];
        let none = [false; 3];
        assert_eq!(worths_of(&lines, &none), vec![line_worth(&lines.concat()), 0, 0]);
        // a headline over a day's name, a menu's tagline over its entries, a notice's sentence
        // ending at its link: lines apart
        for lines in [
            [
                "运营商手机促销方式曝光，禁止提供购机补贴，即日起执行",
                "昨天",
                "根据运营商内部人士透露，三大运营商的促销手段有三类。",
            ],
            ["聚焦前沿，展现新兴企业", "纪录湃", "纪录澎湃中国，以影像介入社会生活"],
            ["本网站使用相关技术提供更好的阅读体验，同时尊重使用者隐私，点这里可以查看", "某某社隐私声明", "。"],
        ] {
            assert_eq!(worths_of(&lines, &none)[0], line_worth(lines[0]));
        }
    }

    #[test]
    fn numbered_items_count_as_text() {
        let lines = ["1、第一项", "短", "2、第二项", "3、第三项", "１、全角"];
        let mut worths = vec![-20; 5];
        count_enumerations(&lines, &mut worths);
        assert_eq!(worths, vec![5, 0, 5, 5, -20]);
        // numbers in brackets: a notice's rules (1) 请勿触碰), a list of conditions ((2)、…)
        let bracketed = ["1) 请勿触碰展品", "2) 全程佩戴口罩", "(3)、凭票入场", "（4）儿童须由家长陪同", "5)"];
        let mut worths = vec![-10; 5];
        count_enumerations(&bracketed, &mut worths);
        assert_eq!(worths, vec![9, 9, 8, 11, -10]);
        assert_eq!(digit_value('７'), 7);
        assert_eq!(digit_value('٣'), 3);
    }

    #[test]
    fn a_poems_lines_count_as_text() {
        let lines = [
            "春风又绿江南岸，",
            "明月何时照我还。",
            "新闻",
            "首页，",
            "热点！",
            "一二三四五六七八九十，",
            "今日要闻。",
        ];
        let mut worths = vec![-10, 9, -20, -10, -20, -10, 5];
        count_verse(&lines, &mut worths);
        assert_eq!(worths, vec![8, 9, -20, -10, -20, -10, 5]);
        // one mark only (a list of headlines, each a question), or lines of unequal counts
        for lines in [["谁是最美家乡人？", "谁来守护长江水？"], ["春风又绿江南岸，", "明月何时照我还我。"]]
        {
            let mut worths = vec![-10, -10];
            count_verse(&lines, &mut worths);
            assert_eq!(worths, vec![-10, -10]);
        }
    }

    #[test]
    fn labels_and_values() {
        assert_eq!(labelled("時間：2021年12月19日(日)14:30-17:00", None), Some(true));
        assert_eq!(labelled(".講座地點", Some("：愛國婦人會館1F")), Some(true));
        assert_eq!(labelled("地點｜", Some("荒野高雄分會2樓")), Some(false));
        assert_eq!(labelled("時間 Time：2022.3.19-3.20", None), Some(true));
        assert_eq!(labelled("2021 XMAS：Magic Of Tomorrow", None), None);
        assert_eq!(labelled("https://reurl.cc/em2RDx", None), None);
        assert_eq!(labelled("首页", Some("新闻")), None);
        assert!(value_of(Some("報名連結："), "https://reurl.cc/em2RDx"));
        assert!(value_of(Some("費用"), "："));
        assert!(!value_of(Some("https://forms.gle/x"), ":::"));
        assert!(!value_of(Some("首页"), "新闻"));
    }

    #[test]
    fn details_above_the_text_are_the_articles() {
        let menu = ["首页", "活动总览", "讲座/课程", "加入/登入"];
        let details = [
            ".讲座时间",
            "：2021年12月19日(日)14:30-17:00",
            ".讲座地点：爱国妇人会馆1F(台南市中西区府前路一段197号)",
            "报名连结：",
            "https://reurl.cc/em2RDx",
        ];
        let lines: Vec<&str> = [&menu[..], &details[..], &[PARAGRAPH, PARAGRAPH], &menu[..]].concat();
        assert_eq!(region(&lines), Some((menu.len(), menu.len() + details.len() + 2)));
        // a byline's labels, their values a time and the text itself, are no details
        let byline = ["时间：", "2022-11-24 05:30:58", "编辑："];
        let lines: Vec<&str> = [&menu[..], &byline[..], &[PARAGRAPH, PARAGRAPH], &menu[..]].concat();
        assert_eq!(region(&lines), Some((menu.len() + byline.len(), menu.len() + byline.len() + 2)));
        // nor are the labels below a byline's time or a line of credits
        let byline = [
            "时间：2019.08.20",
            "来源：1905电影网",
            "作者：石丹静 廖宁",
            "分享到：",
            "图为麦寮工业区一景。（企业提供）",
        ];
        let lines: Vec<&str> = [&menu[..], &byline[..], &[PARAGRAPH, PARAGRAPH], &menu[..]].concat();
        assert_eq!(region(&lines).map(|found| found.0 >= menu.len() + 3), Some(true));
        let credits =
            ["到期日：二零零零年七月十七日", "本文来自微信公众号：孤独大脑，作者：叶平艳，题图来自：视觉中国"];
        let lines: Vec<&str> = [&menu[..], &credits[..], &[PARAGRAPH, PARAGRAPH], &menu[..]].concat();
        assert_eq!(region(&lines).map(|found| found.0 > menu.len()), Some(true));
        // nor is a single label
        let lines: Vec<&str> = [&menu[..], &["来源：新华网"], &[PARAGRAPH, PARAGRAPH], &menu[..]].concat();
        assert_eq!(region(&lines), Some((menu.len() + 1, menu.len() + 3)));
    }

    #[test]
    fn phrases_in_prose_and_headlines() {
        let prose: Vec<String> = (0..20).map(|i| format!("我们也都去了那个地方第{i}次")).collect();
        let lines: Vec<&str> = prose.iter().map(String::as_str).collect();
        assert_eq!(phrase_prose(&lines, &[false; 20]), (0..20).collect::<Vec<_>>());
        let headlines: Vec<String> = (0..20).map(|i| format!("国务院召开常务会议部署工作第{i}号")).collect();
        let lines: Vec<&str> = headlines.iter().map(String::as_str).collect();
        assert!(phrase_prose(&lines, &[false; 20]).is_empty());
    }

    #[test]
    fn python_whitespace() {
        assert_eq!(strip("\x1c 正文\u{3000}"), "正文");
        assert_eq!(line_worth("\x1c"), 0);
    }
}
