//! A whole page's furniture around its article (`boilerplate`): the article found, the lines
//! near it read for their facts, the headline its <title> names taken for the title, the rest
//! removed.

use std::collections::HashSet;

use super::page::{Page, NOT_HEADLINE_END};
use super::removals::fact;
use super::text::{ends_in, home_link, length, mid_phrase, rstrip, strip};
use super::top::WRAPPED_HEADLINE_LINES;
use super::{BOTTOM_BLOCK, SECTION_NAME_MAX_LENGTH, TOOL_ROW_MAX, TOP_BLOCK};
use crate::boilerplate::section_numbered;
use crate::fields::letters;
use crate::furniture::{HEAD_WINDOW, MIN_TITLE_LENGTH, TAIL_WINDOW, TITLE_MAX_LENGTH};

/// An article's first sentence set apart from its paragraphs (by a picture) is as long as a
/// lead's; a shorter one over the article is as often a promotion's or a widget's notice.
const OPENING_SENTENCE_MIN: usize = 20;
/// A question or a quotation over an article is as often a teaser's.
const STATEMENT_END: &str = "。！!";
/// The rule of a page's copyright line, in its footer.
const COPYRIGHT_RULE: &str = "copyright";
/// The rule of a site's notice (as `textfix.rules.NOTICE_RULE`): never the article.
const NOTICE_RULE: &str = "disclaimer";

impl<'a> Page<'a> {
    /// The article of lines `first`..`end` where the lines the rules left around it are a whole
    /// page's furniture: `MIN_FURNITURE` lines or more on both sides, or a menu (`MENU_LINES`
    /// lines or more of `MENU_MEAN_LENGTH` characters on average) on one; None where they are
    /// not (a page of article alone keeps a list or clauses of short lines on one side at most).
    /// The headings of lists (related news, comments: a rule with `drops_following`) bound the
    /// article; a headline the page's first line names, which may end like a sentence, is not its
    /// first line.
    pub fn furnished_article(&mut self, first: usize, end: usize) -> Option<(usize, usize)> {
        let mut removed = self.removed.flags();
        self.leave_out_numbered_notices(first, end, &mut removed);
        let (book, title_open) = (self.book, self.title_open());
        let found =
            self.furniture().furnished_article(first, end, &removed, book.matcher, book.drops_following, title_open)?;
        if !self.notice_alone(found.0, found.1)
            && !self.share_teaser_alone(found.0, found.1)
            && !self.title_over_headline(found, end, title_open)
        {
            return Some(found);
        }
        // A site's notice below a short article, its clauses as long as the article's paragraphs,
        // a share card's teaser, or the page's <title>, is no article: the article is found
        // again without it.
        removed[found.0..found.1].fill(true);
        self.furniture().furnished_article(first, end, &removed, book.matcher, book.drops_following, title_open)
    }

    /// Whether `found` opens with the page's first line, its <title> (a long one, tags and the
    /// site's slogan after the headline), where a line below `found` is the headline it names:
    /// a short article outweighed by its own <title>.
    fn title_over_headline(&mut self, found: (usize, usize), end: usize, title_open: bool) -> bool {
        let furniture = self.furniture();
        found.0 == 0 && (found.1..end).any(|below| furniture.names_headline(below, title_open))
    }

    /// Whether the one line of `start`..`end` the rules left is a share card's teaser: the
    /// headline the <title> names first said again right above it, a widget's word right below
    /// it (the headline / its summary / 复制链接), as a blog sets the card a reader shares.
    fn share_teaser_alone(&mut self, start: usize, end: usize) -> bool {
        let mut left = (start..end).filter(|&i| !self.removed.contains(i));
        let (Some(teaser), None) = (left.next(), left.next()) else { return false };
        if teaser < 2 || teaser + 1 >= self.line_count() || !self.widget_word(self.lines[teaser + 1]) {
            return false;
        }
        let above = letters(self.lines[teaser - 1]);
        length(&above) >= MIN_TITLE_LENGTH && self.title_part_letters().first() == Some(&above)
    }

    /// Whether every line of `start`..`end` the rules left is a clause of a site's notice (a rule
    /// named `NOTICE_RULE`).
    fn notice_alone(&self, start: usize, end: usize) -> bool {
        let left: Vec<usize> = (start..end).filter(|&i| !self.removed.contains(i)).collect();
        let holding = self.book.notice_keywords.lines_holding(left.iter().map(|&i| self.lines[i]));
        !left.is_empty() && holding.len() == left.len() && left.iter().all(|&i| self.notice_line(i))
    }

    /// Whether a copyright line (the rule `COPYRIGHT_RULE`) stands among lines `first`..`number`.
    fn below_footer(&self, first: usize, number: usize) -> bool {
        (first..number).rev().any(|i| self.bottom_rule_is(i, COPYRIGHT_RULE))
    }

    /// Whether line `number` is a site's notice by the rules (`NOTICE_RULE`).
    fn notice_line(&self, number: usize) -> bool {
        self.bottom_rule_is(number, NOTICE_RULE)
    }

    /// Whether the line rule line `number` meets in the bottom block is the one named `name`.
    fn bottom_rule_is(&self, number: usize, name: &str) -> bool {
        self.book
            .matcher
            .rule_for(self.lines[number], BOTTOM_BLOCK)
            .is_some_and(|found| self.book.rule_names[found] == name)
    }

    /// Leave out of `removed` (the lines the article is looked for in) each site's notice of
    /// `first`..`end` that announces its clauses (…依法告知下列事项：, …郑重声明如下：) and the
    /// numbered clauses right below it (一、… （1）…), below the page's copyright line: a privacy
    /// notice in a pop-up below the footer, its clauses as long as a short article's paragraphs,
    /// is no article. (A notice above the footer, right under the article, is left to the rules.)
    fn leave_out_numbered_notices(&self, first: usize, end: usize, removed: &mut [bool]) {
        let numbered = |i: usize| section_numbered(strip(self.lines[i]));
        let mut number = first;
        while number + 1 < end {
            let announces = !removed[number] && ends_in(rstrip(self.lines[number]), ":：");
            if !(announces && numbered(number + 1) && self.notice_line(number) && self.below_footer(first, number)) {
                number += 1;
                continue;
            }
            let last = (number + 1..end).find(|&i| !removed[i] && !numbered(i)).unwrap_or(end);
            removed[number..last].fill(true);
            number = last;
        }
    }

    /// Remove the lines of `first`..`end` outside `article`: those within `HEAD_WINDOW` above it
    /// and `TAIL_WINDOW` below it by the rules, with the facts they carry; the title where the
    /// page's first line (its <title>) names it; all the rest as furniture, but for the article's
    /// first sentences above it (`sentences_over_article`). Returns where the article starts,
    /// with them.
    pub fn strip_furniture(&mut self, first: usize, end: usize, article: (usize, usize)) -> usize {
        // The article's own header runs from its headline down (the dateline under a headline
        // with a share bar and counters below it), or the window where no headline is named.
        let (removed, title_open) = (self.removed.flags(), self.title_open());
        let plan = self.furniture().plan(first, end, article, &removed, title_open);
        let header = plan.header;
        let mut headline = self.first_part_line(plan.headline, &header).map(|named| self.quoted_below(named));
        for &number in &header {
            if Some(number) != headline {
                self.classify(number, TOP_BLOCK, false);
            }
        }
        if let Some(named_line) = headline.filter(|&h| !self.is_title(h) && !self.dated_under(h)) {
            // A <title> that opens with its section's name (工作动态--某某学会) names a menu's
            // entry, no headline: one right above the article's dateline is the headline. A
            // <title> of the site's name and the headline (Joel on Software - 给计算机系学生的建议)
            // names two lines: the site's, at the top of the page, may be the longer; the
            // headline is the one right above the article's byline and dateline. A <title>
            // naming neither (a blog's and its site's names: China-Pub blog--洞庭一叶) names a
            // line of the site's banner, past a sidebar above the article's own header
            // (`HEAD_WINDOW` lines): a headline with its dateline below in that header is the
            // article's.
            let short = length(self.lines[named_line]) <= SECTION_NAME_MAX_LENGTH;
            let below: Vec<usize> =
                header.iter().rev().copied().filter(|&i| i > named_line && !self.removed.contains(i)).collect();
            // (a line the <title> holds inside one of its parts, a book's name in 《》 after the
            // chapter's headline, names no headline in place of one the <title> holds whole)
            let whole = self.title_part(named_line);
            let named = if short {
                None
            } else {
                below.iter().copied().find(|&i| {
                    self.furniture().names_headline(i, true)
                        && (self.is_title(i) || self.dated_under(i))
                        && (self.title_part(i) || !whole)
                })
            };
            let titled =
                if named.is_none() && (short || article.0 as isize - named_line as isize > HEAD_WINDOW as isize) {
                    below.iter().copied().find(|&i| {
                        self.is_title(i) && (short || article.0 as isize - i as isize <= HEAD_WINDOW as isize)
                    })
                } else {
                    named
                };
            // (a line the <title> holds inside the site's name, an agency's over the headline,
            // names none where the header says the line right over the article twice: the
            // trail's last crumb and the heading)
            let repeated = if titled.is_none() && !whole {
                self.headline_said_again_over(article.0, &header, named_line)
            } else {
                None
            };
            if titled.is_some() || repeated.is_some() {
                self.remove_bare(named_line, "menu");
                headline = named.or(repeated);
            }
        }
        if headline.is_none() {
            // A headline right above its dateline, the nearest to the article (a list of teasers
            // with their dates may stand higher up); a name as short as a section's right over
            // the dateline (a source's, 信报财经新闻) stands under the headline, where one is above
            // it.
            let mut titled = header.iter().rev().copied().find(|&i| !self.removed.contains(i) && self.is_title(i));
            if let Some(found) = titled {
                if !self.dated_under(found) || self.section_over_fields(found) {
                    // (line 0 above is no headline: `or` takes the line itself)
                    titled = Some(self.dated_headline_above(found).filter(|&above| above != 0).unwrap_or(found));
                }
            }
            if let Some(titled) = titled {
                self.remove_title(titled, "title", self.lines[titled]);
            }
        }
        for &number in plan.tail.iter().take(TAIL_WINDOW) {
            self.classify(number, BOTTOM_BLOCK, false);
        }
        if headline.is_none() && self.first_line_names_no_article() {
            headline = self.headline_over(article.0);
        }
        if headline.is_none() && !self.has_title() && home_link(strip(self.lines[0])) {
            // (a page with no <title>, opening with a link to the site's front page: 百度首页)
            headline = self.headline_said_twice(&header);
        }
        let first_left = plan.head.first() == Some(&0) && !self.removed.contains(0);
        self.page_title(headline, first_left);
        // Facts far from the article are the page's, not the article's (a header's date of
        // today).
        let (near_start, near_end) = plan.near;
        let far: Vec<usize> = self
            .removed
            .iter()
            .filter(|&(number, removal)| {
                !(near_start..near_end).contains(&number) && removal.facts.iter().any(|(key, _)| key != "title")
            })
            .map(|(number, _)| number)
            .collect();
        self.remove_all_bare(far, "boilerplate");
        let opening = self.sentences_over_article(article.0);
        let furniture: Vec<usize> = plan
            .head
            .iter()
            .chain(&plan.tail)
            .copied()
            .filter(|number| !self.removed.contains(*number) && !opening.contains(number))
            .collect();
        self.remove_furniture(&furniture);
        opening.iter().copied().min().unwrap_or(article.0)
    }

    /// The lines between the article's fields (the last line above `start` a rule took with its
    /// facts: the dateline, the byline) and `start` that no rule took, ending like a statement
    /// and as long as a lead's sentence (`OPENING_SENTENCE_MIN`): the article's first sentences,
    /// set apart from its paragraphs by a picture's caption, an advert or a widget.
    fn sentences_over_article(&self, start: usize) -> HashSet<usize> {
        let fielded = (0..start)
            .rev()
            .find(|&i| self.removed.get(i).is_some_and(|removal| removal.facts.iter().any(|(key, _)| key != "title")));
        let Some(fielded) = fielded else { return HashSet::new() };
        (fielded + 1..start)
            .filter(|&i| {
                !self.removed.contains(i)
                    && ends_in(rstrip(self.lines[i]), STATEMENT_END)
                    && length(strip(self.lines[i])) >= OPENING_SENTENCE_MIN
            })
            .collect()
    }

    /// Whether the page's first line names no article: a <title> of the site's and the kind of
    /// page's names alone (two parts or more, each of a section's name's length: 电子报_内容详情),
    /// or a widget's word where the page has no <title> (日期选择).
    fn first_line_names_no_article(&mut self) -> bool {
        if self.widget_word(self.lines[0]) {
            return true;
        }
        let parts = self.title_part_letters();
        parts.len() > 1 && parts.iter().all(|part| length(part) <= SECTION_NAME_MAX_LENGTH)
    }

    /// Take a column's name and its stroke off the title (`COLUMN_MARK`: 政能亮丨…) where the page
    /// names the column on a line of its own (政能亮, under the dateline): the column's name, no
    /// part of the headline. (Elsewhere it may be the headline's own: 新华全媒+丨….)
    pub fn drop_column_name(&mut self) {
        let title = self.merged_fact("title").unwrap_or_default();
        if self.hooks.column_mark(&title).is_none() {
            return; // (the facts merged so far are kept: no walk over a whole page's removals)
        }
        let removals: Vec<(usize, super::removals::Removal)> =
            self.removed.iter().map(|(number, removal)| (number, removal.clone())).collect();
        for (number, removal) in removals {
            let Some(title) = fact(&removal.facts, "title") else { continue };
            let Some((column, end)) = self.hooks.column_mark(title) else { continue };
            if self.lines.iter().any(|line| strip(line) == column) {
                let rest: String = title.chars().skip(end).collect();
                let mut facts = removal.facts.clone();
                for (key, value) in &mut facts {
                    if key == "title" {
                        value.clone_from(&rest);
                    }
                }
                self.remove(number, &removal.rule, facts);
            }
        }
    }

    /// The first line of `header` shaped like a headline and longer than a section's name that
    /// the header says again lower down (an entry's name over its tool row, then as the first
    /// value of its infobox: 中文名 / the name); None if none is. For a page with no <title>,
    /// where no dateline marks the headline.
    fn headline_said_twice(&mut self, header: &[usize]) -> Option<usize> {
        let mut seen: Vec<(String, usize)> = Vec::new();
        for &number in header {
            let words = letters(self.lines[number]);
            let earlier = seen.iter().find(|(seen_words, _)| *seen_words == words).map(|&(_, line)| line);
            if length(&words) > SECTION_NAME_MAX_LENGTH && earlier.is_some() {
                return earlier;
            }
            if !self.removed.contains(number) && self.headline_shaped(self.lines[number]) && earlier.is_none() {
                seen.push((words, number));
            }
        }
        None
    }

    /// Line `start` - 1 where it reads as the headline of the article from line `start` on
    /// (headline-shaped, no paragraph, no chrome a rule took); else None.
    fn headline_over(&mut self, start: usize) -> Option<usize> {
        let above = start.checked_sub(1).filter(|&above| above > 0)?;
        if self.taken_as_chrome(above) || !self.headline_shaped(self.lines[above]) || self.paragraph_shaped(above) {
            return None;
        }
        Some(above)
    }

    /// The headline right over the article from line `start` on (`headline_over`) where a line
    /// of `header` above it says its words too (a breadcrumb trail's last crumb), longer than a
    /// section's name and other than those of line `named` (the line the <title> names); else
    /// None.
    fn headline_said_again_over(&mut self, start: usize, header: &[usize], named: usize) -> Option<usize> {
        let over = self.headline_over(start)?;
        let words = letters(self.lines[over]);
        (length(&words) > SECTION_NAME_MAX_LENGTH
            && words != letters(self.lines[named])
            && header.iter().any(|&i| i < over && letters(self.lines[i]) == words))
        .then_some(over)
    }

    /// Whether line `number` is a whole part of the page's <title> (its first line), between its
    /// separators (`title_parts`).
    fn title_part(&mut self, number: usize) -> bool {
        let words = letters(self.lines[number]);
        self.title_part_letters().contains(&words)
    }

    /// The headline the <title> names: a <title> sets the headline first and the site's name
    /// after it (绑在业绩上的创意 - 维基百科，自由的百科全书), so where `headline` is a later part
    /// (the site's name over the article, the longer, a separator of the <title>'s within it
    /// too: 某某Online-官方论坛), the line of `header` that is the first part is the headline
    /// (where that part is longer than a section's name).
    fn first_part_line(&mut self, headline: Option<usize>, header: &[usize]) -> Option<usize> {
        let number = headline?;
        let Some(first) = self.title_part_letters().first().cloned() else { return headline };
        let named = letters(self.lines[number]);
        if first.contains(&named) || length(&first) <= SECTION_NAME_MAX_LENGTH {
            return headline;
        }
        header.iter().copied().find(|&i| !self.removed.contains(i) && letters(self.lines[i]) == first).or(headline)
    }

    /// The line right below line `number` where it is the words line `number` quotes (an event's
    /// name around its headline: 「…」专题演讲, 第三场“…”讲座), else `number`.
    fn quoted_below(&self, number: usize) -> usize {
        let Some(&below) = self.lines.get(number + 1) else { return number };
        match quoted_words(strip(self.lines[number])) {
            Some(words) if !words.is_empty() && letters(words) == letters(below) => number + 1,
            _ => number,
        }
    }

    /// Remove lines `numbers` as furniture, with no facts: a whole page's menus and lists are
    /// hundreds of lines (lines removed for the first time and without facts leave the merged
    /// facts as they are).
    fn remove_furniture(&mut self, numbers: &[usize]) {
        self.remove_all_bare(numbers.iter().copied(), "boilerplate");
    }

    /// The headline over its dateline above line `number`, a short line over a byline (a
    /// column's name in brackets, a widget's label: 【新春走基层】 / 记者 王五), where only lines as
    /// short or chrome stand between them (a share bar's 微信 / 微博); None if there is none or a
    /// longer line (a teaser, a paragraph) stands between.
    fn dated_headline_above(&mut self, number: usize) -> Option<usize> {
        if length(&letters(self.lines[number])) > SECTION_NAME_MAX_LENGTH {
            return None;
        }
        let lowest = number.saturating_sub(TOOL_ROW_MAX);
        for above in (lowest..number).rev() {
            if self.removed.contains(above) {
                continue;
            }
            if self.is_title(above) && self.dated_under(above) {
                return Some(above);
            }
            if length(&letters(self.lines[above])) > SECTION_NAME_MAX_LENGTH {
                return None;
            }
        }
        None
    }

    /// Take the headline (`Furniture::named_headline`) for the title, rather than one the rules
    /// found; else the title the rules found or the page's first line (where it is left, its
    /// <title>: `first_left`), without the site's name.
    fn page_title(&mut self, headline: Option<usize>, first_left: bool) {
        let found: Vec<usize> = self
            .removed
            .iter()
            .filter(|(_, removal)| fact(&removal.facts, "title").is_some())
            .map(|(number, _)| number)
            .collect();
        if let Some(headline) = headline {
            self.remove_all_bare(found, "boilerplate");
            let (first, last) = self.wrapped_headline(headline);
            self.remove_all_bare(first..=last, "title");
            let title: String = self.lines[first..=last].concat();
            let title = self.headline_in_title_copy(title);
            self.remove_title(headline, "title", &title);
            return;
        }
        let number = found.first().copied().unwrap_or(0);
        if number != 0 || (found.is_empty() && !first_left) {
            return;
        }
        let title = self.hooks.headline_of(self.lines[0]);
        if (MIN_TITLE_LENGTH..=TITLE_MAX_LENGTH).contains(&length(&title))
            && !ends_in(rstrip(&title), NOT_HEADLINE_END)
            && (title != self.lines[0] || found.is_empty())
        {
            self.remove_title(0, "title", &title);
        }
    }

    /// `title` without the site's name and section (`headline_of`) where it is the page's
    /// <title> said again (a copy of it, 天津港提前完成全年生产任务__商贸_产业资讯_新浪网) and the
    /// page sets that headline alone on a line of its own; else `title`.
    fn headline_in_title_copy(&self, title: String) -> String {
        if title != self.lines[0] {
            return title;
        }
        let headline = self.hooks.headline_of(&title);
        if headline == title || length(&headline) < MIN_TITLE_LENGTH {
            return title;
        }
        let words = letters(&headline);
        if self.lines[1..].iter().any(|line| letters(line) == words) {
            headline
        } else {
            title
        }
    }

    /// The first and last lines of the headline the page's <title> names, where line `headline`
    /// is a part of it: a long headline set in a narrow box comes over two or three lines
    /// (全国人民代表大会常务委员会 / 关于批准…购买外汇及 / 调整…的决议), which the <title> holds
    /// joined, at its start. A line the <title> holds between its separators whole (the site's
    /// name) is no part of the headline.
    fn wrapped_headline(&mut self, headline: usize) -> (usize, usize) {
        let title_letters = letters(self.lines[0]);
        let parts: HashSet<String> = self.title_part_letters().iter().cloned().collect();
        let (mut first, mut last) = (headline, headline);
        for step in [-1isize, 1] {
            let mut joined = letters(self.lines[headline]);
            let mut number = headline as isize + step;
            while 0 < number
                && (number as usize) < self.line_count()
                && number.abs_diff(headline as isize) < WRAPPED_HEADLINE_LINES
            {
                let n = number as usize;
                let line = self.lines[n];
                let more = letters(line);
                if more.is_empty()
                    || length(line) > TITLE_MAX_LENGTH
                    || ends_in(rstrip(line), NOT_HEADLINE_END)
                    || parts.contains(&more)
                    || self.taken_as_chrome(n)
                {
                    break;
                }
                let (upper, lower) = if step < 0 { (line, self.lines[n + 1]) } else { (self.lines[n - 1], line) };
                joined = if step < 0 { more + &joined } else { joined + &more };
                if !title_letters.contains(&joined) || !mid_phrase(upper, lower) {
                    break;
                }
                first = first.min(n);
                last = last.max(n);
                number += step;
            }
        }
        let wrapped: String = (first..=last).map(|i| letters(self.lines[i])).collect();
        if !title_letters.starts_with(&wrapped) {
            return (headline, headline);
        }
        (first, last)
    }
}

/// The words `line` quotes, from its first opening quote to the last closing one of its kind
/// (quotes inside the quoted words stay: 「五四是大陆的「青年节」…」).
fn quoted_words(line: &str) -> Option<&str> {
    let (start, open) = line.char_indices().find(|&(_, c)| matches!(c, '「' | '“' | '『'))?;
    let close = match open {
        '「' => '」',
        '“' => '”',
        _ => '』',
    };
    let words = &line[start + open.len_utf8()..];
    words.rfind(close).map(|end| &words[..end])
}
