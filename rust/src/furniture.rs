//! The chrome step's reading of a whole page's furniture (see `textfix.chrome`): whether the
//! lines the rules left around the article are a page's menus, widgets and lists, which line
//! the page's first line (its <title>) names as the headline, and which lines around the
//! article are read for their facts before the rest goes as furniture.
//!
//! Lengths are in characters, as Python counts them.

use crate::boilerplate::{Page, PARAGRAPH_LENGTH};
use crate::detect::is_han;
use crate::fields::letters;
use crate::linerules::{LineRules, ANYWHERE, BOTTOM};
use crate::posts::{comment_thread, reply_subject, share_frame};

pub const TITLE_MAX_LENGTH: usize = 64;
/// A <title>: the headline, the site's name and section.
pub const PAGE_TITLE_MAX_LENGTH: usize = 2 * TITLE_MAX_LENGTH;
/// Shorter, a first line is the site's name (中时新闻网), not its <title>.
pub const PAGE_TITLE_MIN_LETTERS: usize = 8;
pub const MIN_TITLE_LENGTH: usize = 4;
pub const LIST_HEAD_MAX_LENGTH: usize = 24;
pub const MIN_FURNITURE: usize = 6;
pub const MENU_LINES: usize = 20;
pub const MENU_MEAN_LENGTH: usize = 12;
/// Lines this close above the article are read for the facts they carry.
pub const HEAD_WINDOW: usize = 24;
/// Lines from a named headline down, read for their facts.
pub const HEADER_MAX: usize = 40;
/// Lines this close below the article are read for the facts they carry.
pub const TAIL_WINDOW: usize = 8;

/// Whether `line` is as long as a headline: `MIN_TITLE_LENGTH` letters to `TITLE_MAX_LENGTH`
/// characters.
pub fn headline_sized(line: &str) -> bool {
    line.chars().count() <= TITLE_MAX_LENGTH && letters(line).chars().count() >= MIN_TITLE_LENGTH
}

/// Whether `line` is headline-sized and its letters are within `title_letters` (the letters of
/// a <title>: the headline and the site's name).
pub fn in_title(line: &str, title_letters: &str) -> bool {
    if line.chars().count() > TITLE_MAX_LENGTH {
        return false;
    }
    let line_letters = letters(line);
    line_letters.chars().count() >= MIN_TITLE_LENGTH && title_letters.contains(line_letters.as_str())
}

/// A label longer than this is a headline's speaker or topic (某某委员会新闻发言人：…).
const FIELD_LABEL_MAX: usize = 8;

/// Whether `line` is a field: a label of Han characters and its colon, then a value with no
/// Han character (活动日期：2021-01-08, 票价：NT$800): a fact a listing sets under its
/// headline, which a <title> running the two together holds too, and no headline (one that
/// names its speaker, 习近平：…, goes on in words).
pub fn labelled_figure(line: &str) -> bool {
    let line = line.trim();
    let Some((label, value)) = line.split_once('：').or_else(|| line.split_once(':')) else { return false };
    let label = label.trim();
    (1..=FIELD_LABEL_MAX).contains(&label.chars().count())
        && label.chars().all(is_han)
        && !value.trim().is_empty()
        && !value.chars().any(is_han)
}

/// Which lines around the article `Furniture::plan` reads and which go.
#[derive(Debug, PartialEq, Eq)]
pub struct Plan {
    /// The lines above the article the rules left.
    pub head: Vec<usize>,
    /// The lines below it the rules left.
    pub tail: Vec<usize>,
    /// The headline the page's first line names (`Furniture::named_headline`), else the one a
    /// comment thread's replies repeat (`Furniture::replied_headline`).
    pub headline: Option<usize>,
    /// The article's own header: from the headline down (`HEADER_MAX` lines), and the
    /// `HEAD_WINDOW` lines right above the article.
    pub header: Vec<usize>,
    /// The lines whose facts are the article's (`near.0..near.1`); facts farther away are the
    /// page's (a header's date of today).
    pub near: (usize, usize),
}

/// A page's lines and the letters of its first line, read for its furniture.
pub struct Furniture {
    text: String,
    /// Each line's byte range in `text`.
    spans: Vec<(usize, usize)>,
    lengths: Vec<usize>,
    /// The letters of the first line, where it is sized like a <title> (see `names_headline`).
    title_letters: Option<String>,
}

impl Furniture {
    /// The page `text`, split at its line breaks.
    pub fn new(text: String) -> Self {
        let mut spans = Vec::new();
        let mut start = 0;
        for end in memchr::memchr_iter(b'\n', text.as_bytes()).chain([text.len()]) {
            spans.push((start, end));
            start = end + 1;
        }
        let lengths: Vec<usize> = spans.iter().map(|&(s, e)| text[s..e].chars().count()).collect();
        let first = letters(&text[spans[0].0..spans[0].1]);
        let title_letters =
            (first.chars().count() >= PAGE_TITLE_MIN_LETTERS && lengths[0] <= PAGE_TITLE_MAX_LENGTH).then_some(first);
        Furniture { text, spans, lengths, title_letters }
    }

    pub fn len(&self) -> usize {
        self.spans.len()
    }

    pub fn is_empty(&self) -> bool {
        false // a text of no characters is one empty line
    }

    pub fn line(&self, number: usize) -> &str {
        let (start, end) = self.spans[number];
        &self.text[start..end]
    }

    fn lines(&self) -> Vec<&str> {
        (0..self.len()).map(|n| self.line(n)).collect()
    }

    /// Whether line `number` is the headline the page's first line (its <title>) names: a
    /// first line as long as a <title> at most and longer than a site's name, that no rule took
    /// for chrome (`title_open`).
    pub fn names_headline(&self, number: usize, title_open: bool) -> bool {
        match &self.title_letters {
            Some(title) => {
                number > 0 && title_open && in_title(self.line(number), title) && !labelled_figure(self.line(number))
            }
            None => false,
        }
    }

    /// The longest of `numbers` that `names_headline` (of equals, the one with the fewest other
    /// characters; then the last).
    pub fn named_headline(&self, numbers: &[usize], title_open: bool) -> Option<usize> {
        if self.title_letters.is_none() || !title_open {
            return None;
        }
        numbers
            .iter()
            .filter(|&&n| self.names_headline(n, title_open))
            .map(|&n| (letters(self.line(n)).chars().count(), std::cmp::Reverse(self.lengths[n]), n))
            .max()
            .map(|(_, _, n)| n)
    }

    /// Whether lines `first..end` hold short lines enough to be the furniture around an article
    /// (menus, widgets and lists are short lines): a page of article alone most often does not.
    fn may_be_furnished(&self, first: usize, end: usize, removed: &[bool]) -> bool {
        let needed = (2 * MIN_FURNITURE).min(MENU_LINES);
        let taken = removed.iter().filter(|&&r| r).count();
        end as i64 - first as i64 - taken as i64 > needed as i64
            && (first..end)
                .filter(|&i| 0 < self.lengths[i] && self.lengths[i] < PARAGRAPH_LENGTH && !removed[i])
                .count()
                >= needed
    }

    /// The lines of `first..end` that head a list (related news, comments: a rule of `rules`
    /// whose number is in `list_rules`), where no article goes on.
    pub fn list_heads(
        &self,
        first: usize,
        end: usize,
        removed: &[bool],
        rules: &LineRules,
        list_rules: &[bool],
    ) -> Vec<bool> {
        let mut heads = vec![false; self.len()];
        for i in first..end {
            heads[i] = !removed[i]
                && self.lengths[i] <= LIST_HEAD_MAX_LENGTH
                && rules.first_rule_among(self.line(i), BOTTOM | ANYWHERE, list_rules);
        }
        heads
    }

    /// Whether the lines the rules left outside `article` are a whole page's furniture:
    /// `MIN_FURNITURE` lines or more on both sides, or a menu (`MENU_LINES` lines or more of
    /// `MENU_MEAN_LENGTH` characters on average) on one.
    fn furnished(&self, first: usize, end: usize, article: (usize, usize), removed: &[bool]) -> bool {
        let side = |range: std::ops::Range<usize>| -> Vec<usize> {
            range.filter(|&i| !removed[i] && self.lengths[i] > 0).map(|i| self.lengths[i]).collect()
        };
        let (head, tail) = (side(first..article.0), side(article.1..end));
        if head.len().min(tail.len()) >= MIN_FURNITURE {
            return true;
        }
        [head, tail]
            .iter()
            .any(|side| side.len() >= MENU_LINES && side.iter().sum::<usize>() <= MENU_MEAN_LENGTH * side.len())
    }

    /// The article of lines `first..end` (those `removed` left out) where the lines around it are
    /// a whole page's furniture; None where they are not, or no line reads as text. Lists'
    /// headings (`list_heads`) bound it; a headline the first line names, which may end like a
    /// sentence, is not its first line.
    pub fn furnished_article(
        &self,
        first: usize,
        end: usize,
        removed: &[bool],
        rules: &LineRules,
        list_rules: &[bool],
        title_open: bool,
    ) -> Option<(usize, usize)> {
        if !self.may_be_furnished(first, end, removed) {
            return None;
        }
        let breaks = self.list_heads(first, end, removed, rules, list_rules);
        let lines = self.lines();
        let page = Page::new(&lines, removed, &breaks);
        let (mut start, stop) = within_post(&page, first, end, page.article_region(first, end)?)?;
        if start + 1 < stop && self.names_headline(start, title_open) {
            start += 1;
        }
        self.furnished(first, end, (start, stop), removed).then_some((start, stop))
    }

    /// The last line of `head` a comment thread among the lines of `tail` repeats as its
    /// replies' subject (`reply_subject`): the headline of the post, where the page's first line
    /// names none.
    fn replied_headline(&self, head: &[usize], tail: &[usize]) -> Option<usize> {
        let subject = letters(reply_subject(&self.lines(), &[head, tail].concat())?);
        head.iter().rev().copied().find(|&n| headline_sized(self.line(n)) && letters(self.line(n)) == subject)
    }

    /// Which lines of `first..end` outside `article` are read for their facts (see `Plan`).
    pub fn plan(&self, first: usize, end: usize, article: (usize, usize), removed: &[bool], title_open: bool) -> Plan {
        let head: Vec<usize> = (first..article.0).filter(|&i| !removed[i]).collect();
        let tail: Vec<usize> = (article.1..end).filter(|&i| !removed[i]).collect();
        let headline = self.named_headline(&head, title_open).or_else(|| self.replied_headline(&head, &tail));
        let mut header: Vec<usize> = head[head.len().saturating_sub(HEAD_WINDOW)..].to_vec();
        if let Some(headline) = headline {
            header.extend(head.iter().copied().filter(|&i| i > headline).take(HEADER_MAX));
            header.sort_unstable();
            header.dedup();
        }
        let near_start = if header.len() < head.len() { header[0] } else { 0 };
        let near_end = if tail.len() >= TAIL_WINDOW { tail[TAIL_WINDOW - 1] + 1 } else { self.len() };
        Plan { head, tail, headline, header, near: (near_start, near_end) }
    }
}

/// The article `found` (`Page::article_region` of lines `first..end`) within a blog post's
/// bounds: the lines between a share bar and its repeat (`share_frame`) where `found` is a list
/// below them, after its heading (a popular posts widget's excerpts outweigh a post cut into
/// text nodes, 8/ / 9 / ~, which cost as menus do; a breadcrumb repeated above an article is no
/// share bar); above the comment thread (`comment_thread`) where `found` reaches
/// its first entry: cut there, or found again above it where it starts below. None where no
/// line above a thread reads as text.
fn within_post(page: &Page, first: usize, end: usize, found: (usize, usize)) -> Option<(usize, usize)> {
    let framed = match share_frame(page, first, end) {
        Some(frame) if found.0 >= frame.1 && page.breaks[frame.1..found.0].contains(&true) => frame,
        _ => found,
    };
    match comment_thread(page.lines, page.skipped, first, end) {
        Some((thread, _)) if framed.0 < thread && thread < framed.1 => Some((framed.0, thread)),
        Some((thread, last)) if (thread..=last).contains(&framed.0) => page.article_region(first, thread),
        _ => Some(framed),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PARAGRAPH: &str =
        "国务院总理主持召开国务院常务会议，部署推动新一轮大规模设备更新和消费品以旧换新工作，会议强调要坚持市场为主。";

    #[test]
    fn headlines_by_size_and_title() {
        assert!(headline_sized("国务院常务会议"));
        assert!(!headline_sized("“新闻”"));
        assert!(!headline_sized(&PARAGRAPH.repeat(2)));
        assert!(in_title("国务院：常务会议！", "国务院常务会议新华网"));
        assert!(!in_title("国务院会议", "国务院常务会议新华网"));
    }

    #[test]
    fn a_labelled_figure_is_no_headline() {
        assert!(labelled_figure("开放日期：2019-03-02"));
        assert!(labelled_figure("票价: NT$1,200"));
        assert!(!labelled_figure("发言人：明年起实施新规"));
        assert!(!labelled_figure("国务院常务会议部署设备更新"));
        let page =
            Furniture::new("大桥今日通车开放日期：2019-03-02 - 某某报名网\n大桥今日通车\n开放日期：2019-03-02".into());
        assert_eq!(page.named_headline(&[1, 2], true), Some(1));
    }

    #[test]
    fn the_longest_named_line_is_the_headline() {
        let page = Furniture::new(
            "国务院常务会议部署设备更新_新华网\n首页\n常务会议\n国务院常务会议部署设备更新\n正文".into(),
        );
        assert!(!page.names_headline(1, true));
        assert!(page.names_headline(2, true));
        assert_eq!(page.named_headline(&[1, 2, 3, 4], true), Some(3));
        assert_eq!(page.named_headline(&[1, 2, 3, 4], false), None);
        let site = Furniture::new("新华网\n新华网".into());
        assert!(!site.names_headline(1, true));
    }

    #[test]
    fn the_header_runs_from_the_headline_down() {
        let mut text = String::from("国务院常务会议部署设备更新_新华网");
        for i in 0..40 {
            text.push_str(&format!("\n菜单{i}"));
        }
        text.push_str("\n国务院常务会议部署设备更新\n2025-02-19 10:30\n");
        text.push_str(PARAGRAPH);
        for i in 0..10 {
            text.push_str(&format!("\n链接{i}"));
        }
        let page = Furniture::new(text);
        let removed = vec![false; page.len()];
        let plan = page.plan(0, page.len(), (43, 44), &removed, true);
        assert_eq!(plan.headline, Some(41));
        assert_eq!(plan.head, (0..43).collect::<Vec<_>>());
        assert_eq!(plan.header, (19..43).collect::<Vec<_>>());
        assert_eq!(plan.near, (19, 52));
        assert_eq!(plan.tail.len(), 10);
    }

    #[test]
    fn an_article_alone_is_not_furnished() {
        let page = Furniture::new([PARAGRAPH; 30].join("\n"));
        let rules = LineRules::new(Vec::new()).unwrap();
        assert_eq!(page.furnished_article(0, 30, &[false; 30], &rules, &[], true), None);
    }
}
