//! A blog post's bounds on a whole page as scraped (see `Furniture::furnished_article`): the
//! share bar a blog engine puts above and below a post (`share_frame`), and the comment thread
//! below it, told by its replies' headings that repeat the post's headline (`comment_thread`).
//!
//! Lengths are in characters, as Python counts them.

use std::sync::LazyLock;

use regex::Regex;
use rustc_hash::FxHashMap;

use crate::boilerplate::Page;
use crate::fields::letters;
use crate::furniture::{headline_sized, LIST_HEAD_MAX_LENGTH};

/// A share bar is this many short lines or more (`LIST_HEAD_MAX_LENGTH` characters at most, none
/// reading as text), the same in the same order above and below the post: 取得連結 / Facebook /
/// Twitter / … on a Blogger page.
pub const BAR_LINES: usize = 3;
/// A comment thread has this many entry headers or more (`entry_headers`).
pub const THREAD_ENTRIES: usize = 2;

/// A reply's heading, and the subject it repeats: re: 很高兴入住博客堂, 回复：…
static REPLY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*(?:re|RE|Re|回复|回覆|答复|答覆)\s*[:：]\s*(\S.*?)\s*$").unwrap());
/// The numbers of the lines of `first..end` that are not `removed` and hold a character.
fn kept(lines: &[&str], removed: &[bool], first: usize, end: usize) -> Vec<usize> {
    (first..end).filter(|&n| !removed[n] && !lines[n].trim().is_empty()).collect()
}

/// Whether line `number` of `page` may be an entry of a share bar: short, and no text
/// (`line_worth`).
fn bar_line(page: &Page, number: usize) -> bool {
    page.lines[number].chars().count() <= LIST_HEAD_MAX_LENGTH && page.worth(number) <= 0
}

/// The lines between a share bar and its repeat below it (`BAR_LINES` bar lines or more, the
/// same run found exactly twice), holding the most text; None where no bar repeats around text.
/// The lines are those of `page` its `skipped` leaves.
pub fn share_frame(page: &Page, first: usize, end: usize) -> Option<(usize, usize)> {
    let numbers = kept(page.lines, page.skipped, first, end);
    let texts: Vec<&str> = numbers.iter().map(|&n| page.lines[n]).collect();
    let text = |at: usize| texts[at];
    let bars: Vec<bool> = numbers.iter().map(|&n| bar_line(page, n)).collect();
    let mut runs: FxHashMap<&[&str], Vec<usize>> = FxHashMap::default();
    for (at, window) in texts.windows(BAR_LINES).enumerate() {
        if bars[at..at + BAR_LINES].iter().all(|&bar| bar) {
            runs.entry(window).or_default().push(at);
        }
    }
    let worth = |from: usize, to: usize| -> i64 { (from..to).map(|at| page.worth(numbers[at]).max(0)).sum() };
    runs.values()
        .filter_map(|places| match places[..] {
            // (a run that goes on from the line above is the rest of a bar already read)
            [above, below] if below >= above + BAR_LINES && (above == 0 || text(above - 1) != text(below - 1)) => {
                let mut length = BAR_LINES;
                while above + length < below
                    && below + length < numbers.len()
                    && text(above + length) == text(below + length)
                {
                    length += 1;
                }
                let inside = (above + length, below);
                (inside.0 < inside.1 && worth(inside.0, inside.1) > 0).then_some(inside)
            }
            _ => None,
        })
        .max_by_key(|&(from, to)| (worth(from, to), std::cmp::Reverse(from)))
        .map(|(from, to)| (numbers[from], numbers[to - 1] + 1))
}

/// The lines of `numbers` that are replies' headings, by the subject they repeat: a headline
/// that stands on a line of its own above the first of them (a count, 回复：0, is no subject).
fn replies<'a>(lines: &[&'a str], numbers: &[usize]) -> FxHashMap<&'a str, Vec<usize>> {
    let mut subjects: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
    for &number in numbers {
        if let Some(subject) = REPLY.captures(lines[number]).and_then(|c| c.get(1)) {
            subjects.entry(subject.as_str()).or_default().push(number);
        }
    }
    subjects.retain(|subject, headers| {
        let headline = letters(subject);
        headline_sized(subject)
            && numbers.iter().take_while(|&&n| n < headers[0]).any(|&n| letters(lines[n]) == headline)
    });
    subjects
}

/// The subject that `THREAD_ENTRIES` replies' headings or more among lines `numbers` repeat
/// (re: 很高兴入住博客堂 → 很高兴入住博客堂): the headline of the post they answer.
pub fn reply_subject<'a>(lines: &[&'a str], numbers: &[usize]) -> Option<&'a str> {
    replies(lines, numbers)
        .into_iter()
        .filter(|(_, headers)| headers.len() >= THREAD_ENTRIES)
        .map(|(subject, _)| subject)
        .max_by_key(|&subject| subject)
}

/// The numbers of the lines of `numbers` that open an entry of a comment thread: replies'
/// headings that repeat one subject, the post's headline (re: 很高兴入住博客堂), where a page
/// has `THREAD_ENTRIES` or more. (A date and time next to a short name heads a news page's own
/// dateline and its lists' items as well: on the check split it cut articles.)
fn entry_headers(lines: &[&str], numbers: &[usize]) -> Vec<usize> {
    replies(lines, numbers).into_values().filter(|headers| headers.len() >= THREAD_ENTRIES).flatten().collect()
}

/// The first and the last entry header (`entry_headers`) of the comment thread in lines
/// `first..end` (those `removed` left out); None where the page has none.
pub fn comment_thread(lines: &[&str], removed: &[bool], first: usize, end: usize) -> Option<(usize, usize)> {
    let headers = entry_headers(lines, &kept(lines, removed, first, end));
    Some((*headers.iter().min()?, *headers.iter().max()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    const BAR: [&str; 4] = ["取得連結", "Facebook", "Twitter", "其他應用程式"];
    const SENTENCE: &str = "這是一段文章的內容，說明活動的時間與地點，歡迎大家踴躍報名參加。";

    #[test]
    fn the_post_between_its_share_bars() {
        let lines =
            [&["首頁", "搜尋"][..], &BAR, &[SENTENCE, "8/", "9", SENTENCE], &BAR, &["熱門文章", SENTENCE]].concat();
        let frame = |lines: &[&str]| {
            let none = vec![false; lines.len()];
            share_frame(&Page::new(lines, &none, &none), 0, lines.len())
        };
        assert_eq!(frame(&lines), Some((6, 10)));
        // a bar once, or around no text, frames nothing
        assert_eq!(frame(&[&BAR[..], &[SENTENCE, SENTENCE]].concat()), None);
        assert_eq!(frame(&[&BAR[..], &["8/", "9"], &BAR].concat()), None);
    }

    #[test]
    fn entries_by_their_repeated_headers() {
        let replies = [
            "入住博客",
            "#",
            "re: 入住博客",
            "2004-12-27 12:46",
            "flyingbirds",
            SENTENCE,
            "#",
            "re: 入住博客",
            "2004-12-27 12:53",
            "寒星",
            SENTENCE,
        ];
        let removed = vec![false; replies.len()];
        assert_eq!(comment_thread(&replies, &removed, 0, replies.len()), Some((2, 7)));
        assert_eq!(reply_subject(&replies, &[0, 2, 7]), Some("入住博客"));
        assert_eq!(reply_subject(&replies, &[0, 2]), None);
        // replies repeating no headline above them (a count) head no entries
        assert_eq!(reply_subject(&replies, &[2, 7]), None);
        // one entry is no thread
        assert_eq!(comment_thread(&replies[..6], &removed[..6], 0, 6), None);
    }
}
