//! The block of chrome above the body: breadcrumb, title, dateline, widgets.

use super::page::{Page, LABEL_COMMAS, NOT_CHROME_RULES, NOT_HEADLINE_END, PARAGRAPH_END};
use super::removals::fact;
use super::text::{cjk, clause_mark, counter, ends_in, handle, is_digits, length, rstrip, strip, writer_colon};
use super::{GARBAGE_THRESHOLD, SECTION_NAME_MAX_LENGTH, TOOL_ROW_MAX, TOP_BLOCK, TOP_SCAN_LINES};
use crate::boilerplate::section_heading;
use crate::fields::letters;
use crate::furniture::{LIST_HEAD_MAX_LENGTH, MIN_FURNITURE, TITLE_MAX_LENGTH};

/// Short lines above a field line that no rule recognises are chrome, at most this many.
const ABOVE_FIELDS_MAX: usize = 2;
/// The lines a wrapped headline comes over, at most.
pub const WRAPPED_HEADLINE_LINES: usize = 3;
/// Lines of the page's header (its <title>, the site's name) above a trail.
const HEADER_ABOVE_TRAIL: usize = 2;
const MENU_ABOVE_HEADLINE: usize = 30;
const NOT_MENU_END: &str = "。；;，,…！？!?";
/// A breadcrumb trail's separators, where each is a text node of its own (首页 / >> / 医教研).
const TRAIL_SEPARATORS: [&str; 9] = [">", ">>", "＞", "＞＞", "›", "»", "→", "/", "\\"];
const ALL_BRACKETS: &[char] = &['（', '）', '(', ')', '【', '】', '[', ']'];
/// The removals of an entry's fields above its text: a label of its own and its value, a byline.
const FIELD_PAIR_RULES: [&str; 2] = ["widgets", "byline"];

fn trail_separator(line: &str) -> bool {
    TRAIL_SEPARATORS.contains(&strip(line))
}

/// Whether `line` is a trail's last crumb after its separator, the headline (>> 某某大桥今日通车,
/// >> 雄孔雀时代来临?): as long as a headline may be, ending as one may.
fn last_crumb(line: &str) -> bool {
    let line = strip(line);
    length(line) <= TITLE_MAX_LENGTH
        && !ends_in(line, NOT_HEADLINE_END)
        && TRAIL_SEPARATORS
            .iter()
            .any(|separator| line.strip_prefix(separator).is_some_and(|rest| !strip(rest).is_empty()))
}

/// Whether `text` holds a CJK ideograph.
fn has_han(text: &str) -> bool {
    text.chars().any(cjk)
}

impl<'a> Page<'a> {
    /// Remove the chrome block above the body from line `start` on; returns the first body
    /// line's number. With `menus`, a site's menu above the headline goes too (`below_menu`),
    /// and a trail split one crumb a line (`split_trail`): for a page the whole-page reading
    /// (`boilerplate`) left alone.
    pub fn scan_top(&mut self, start: usize, menus: bool) -> usize {
        let mut number = start;
        let mut limit = self.line_count().min(start + TOP_SCAN_LINES);
        while number < limit {
            if self.removed.contains(number) || self.classify(number, TOP_BLOCK, false) {
                number += 1;
                continue;
            }
            if self.is_title(number) {
                self.remove_title(number, "title", self.lines[number]);
                number += 1;
                continue;
            }
            let headline = self.headline_at_top(number);
            if headline > 0 {
                number += headline;
                continue;
            }
            let under_removal = number > 0 && self.removed.contains(number - 1);
            if under_removal && self.lone_widget(number) {
                number += 1;
                continue;
            }
            if under_removal && self.section_under_title(number) {
                self.remove_bare(number, "breadcrumb");
                number += 1;
                continue;
            }
            if let Some((trail_start, trail_end)) = if menus { self.split_trail(number, limit) } else { None } {
                number = self.remove_trail(number, trail_start, trail_end);
                continue;
            }
            let above = self.above_fields(number, limit);
            if above > 0 {
                // Where the headline is known (`is_title`), what stands above the fields before
                // it is found is the article's own (a column's label: 【新春走基层】).
                if self.headline.is_none() || self.has_title() {
                    self.remove_above_fields(number, above);
                }
                number += above;
                continue;
            }
            if let Some((resume, headline)) = if menus { self.below_menu(number) } else { None } {
                self.remove_all_bare(number..resume, "menu");
                // The headline the <title> names, where the menu repeats it (and a section's name
                // stands above the dateline), else the one by the dateline.
                let title_open = self.title_open();
                let numbers: Vec<usize> = (number..=resume).collect();
                let named = self.furniture().named_headline(&numbers, title_open);
                if named.is_some() || headline.is_some() {
                    if let Some(headline) = headline.filter(|&headline| Some(headline) != named) {
                        let rule = if named.is_some() { "menu" } else { "title" };
                        self.remove_title(headline, rule, self.lines[headline]);
                    }
                    if let Some(named) = named {
                        self.remove_title(named, "title", self.lines[named]);
                    }
                }
                number = resume;
                limit = self.line_count().min(number + TOP_SCAN_LINES);
                continue;
            }
            if self.title_again(number) {
                number += 1;
                continue;
            }
            let fields = self.label_and_value(number);
            if fields > 0 {
                number += fields;
                continue;
            }
            break;
        }
        number
    }

    /// Remove line `number` and the lines right below it that repeat it, where a page with no
    /// title yet and no dateline opens with its headline over the text, or over a line of chrome
    /// the rules know (a link back to the contents) and the text, the text's first section
    /// heading (一、…) above it at most: set two or three times (the <title>, a banner's, the
    /// heading's), or once over that line of chrome. The headline is the title. Returns how many
    /// lines went (0 where the line is no such headline).
    fn headline_at_top(&mut self, number: usize) -> usize {
        let line = self.lines[number];
        if self.headline.is_some()
            || self.has_title()
            || !self.headline_shaped(line)
            || self.paragraph_shaped(number)
            || (0..number).any(|i| !self.removed.contains(i))
        {
            return 0;
        }
        let words = letters(line);
        let mut end = number + 1;
        while end < self.line_count() && end - number < WRAPPED_HEADLINE_LINES && letters(self.lines[end]) == words {
            end += 1;
        }
        let chrome =
            usize::from(end < self.line_count() && self.line_rule(self.lines[end], TOP_BLOCK, false).is_some());
        if chrome == 0 && end == number + 1 {
            return 0;
        }
        let heading = usize::from(end + chrome + 1 < self.line_count() && section_heading(self.lines[end + chrome]));
        let text = end + chrome + heading;
        if text >= self.line_count() || !self.paragraph_shaped(text) {
            return 0;
        }
        self.remove_all_bare(number + 1..end, "title");
        self.remove_title(number, "title", line);
        end - number
    }

    /// Whether line `number`, under a removed line, is a column's name between the headline just
    /// taken and its line of fields (`section_over_fields`).
    fn section_under_title(&mut self, number: usize) -> bool {
        self.removed.get(number - 1).is_some_and(|above| fact(&above.facts, "title").is_some())
            && self.section_over_fields(number)
    }

    /// Remove line `number` and the next where, under the chrome above the body, they are a
    /// short label of a field the grammar does not know and its value (朝代： / 唐代), as a poetry
    /// or reference site sets its entry's fields: the value is a short line, no paragraph, and no
    /// chrome the rules know. Under such fields or a byline, a label alone over the text (原文：)
    /// goes too. Returns how many lines went.
    fn label_and_value(&mut self, number: usize) -> usize {
        let below = number + 1;
        let Some(above_rule) = number.checked_sub(1).and_then(|above| self.removed.get(above)).map(|r| r.rule.clone())
        else {
            return 0;
        };
        if !self.short_label(number)
            || ends_in(rstrip(self.lines[number]), LABEL_COMMAS)
            || below >= self.line_count()
            || self.short_label(below)
        {
            return 0;
        }
        if self.paragraph_shaped(below) {
            if !FIELD_PAIR_RULES.contains(&above_rule.as_str()) {
                return 0;
            }
            self.remove_bare(number, "widgets");
            return 1;
        }
        let value = self.lines[below];
        if length(&letters(value)) > SECTION_NAME_MAX_LENGTH
            || self.fields(value, false).is_some()
            || self.line_rule(value, TOP_BLOCK, false).is_some()
        {
            return 0; // (a value the rules know is read by them: 您的当前位置： / 新闻中心 > 天下)
        }
        self.remove_bare(number, "widgets");
        self.remove_bare(below, "widgets");
        2
    }

    /// Remove line `number` if, right under the fields, it repeats the headline taken above
    /// them: the headline again, or its words after a writer's name and a colon where the line
    /// above the fields set the two together (茉莉：我是怎样卷入八九民运的 / 作者：… 发布日期：… /
    /// 我是怎样卷入八九民运的); then the headline is those words, the name is the author, and the
    /// name alone on the next line is a byline.
    fn title_again(&mut self, number: usize) -> bool {
        let Some(title) = self.merged_fact("title") else { return false };
        let line = strip(self.lines[number]);
        if line.is_empty() || number == 0 || !self.removed.contains(number - 1) || self.paragraph_shaped(number) {
            return false;
        }
        if letters(line) == letters(&title) {
            self.remove_bare(number, "title");
            return true;
        }
        let Some((writer, words)) = writer_colon(&title) else { return false };
        let writer = strip(writer);
        if letters(words) != letters(line) || !self.hooks.names_line(writer) {
            return false;
        }
        let words = strip(words);
        let above = self
            .removed
            .iter()
            .find(|(_, removal)| fact(&removal.facts, "title") == Some(title.as_str()))
            .map(|(above, _)| above)
            .expect("the removal the title came from");
        self.remove(
            above,
            "title",
            vec![("title".to_owned(), words.to_owned()), ("author".to_owned(), writer.to_owned())],
        );
        self.remove_title(number, "title", words);
        if number + 1 < self.line_count() && letters(self.lines[number + 1]) == letters(writer) {
            self.remove_bare(number + 1, "byline");
        }
        true
    }

    /// Where a breadcrumb trail split one crumb a line starts and ends (one past it), from line
    /// `number` on or below a page header of `HEADER_ABOVE_TRAIL` short lines at the top of the
    /// page: crumbs alternating with separators alone on their lines (首页 / >> / 医教研 / >> /
    /// 2019人物), two crumbs at least, as a page with no dateline under its headline opens; None
    /// where none starts there.
    fn split_trail(&self, number: usize, limit: usize) -> Option<(usize, usize)> {
        let at_top = (0..number).all(|i| self.removed.contains(i));
        let header = if at_top { HEADER_ABOVE_TRAIL + 1 } else { 1 };
        for start in number..limit.min(number + header) {
            if start > number && !self.crumb(start - 1) {
                return None;
            }
            let mut end = start + 1;
            // (the trail's last crumb has the headline below it, no paragraph: a line over a
            // paragraph is the headline, the trail ending at the separator above it)
            while end + 2 < limit
                && trail_separator(self.lines[end])
                && self.crumb(end + 1)
                && !self.paragraph_shaped(end + 2)
            {
                end += 2;
            }
            if end > start + 1 && self.crumb(start) {
                return Some((start, end + usize::from(end < limit && trail_separator(self.lines[end]))));
            }
        }
        None
    }

    /// Whether line `number` may be a crumb of a trail (or a page header's line above it):
    /// short, not a sentence, no separator alone.
    fn crumb(&self, number: usize) -> bool {
        let line = strip(self.lines[number]);
        !line.is_empty() && length(line) <= LIST_HEAD_MAX_LENGTH && !clause_mark(line) && !trail_separator(line)
    }

    /// Remove the page header above a split trail (lines `number`..`start`) and the trail
    /// (`start`..`end`); the headline right below it, over a paragraph (or a short line and then
    /// a paragraph: a subheading, the text's short first line), is the title where the page has
    /// none yet. Returns the first line left below.
    fn remove_trail(&mut self, number: usize, start: usize, end: usize) -> usize {
        for i in number..end {
            self.remove_bare(i, if i >= start { "breadcrumb" } else { "site-header" });
        }
        if self.headline.is_none()
            && !self.has_title()
            && end + 1 < self.line_count()
            && self.headline_shaped(self.lines[end])
            && !self.paragraph_shaped(end)
            && (end + 1..self.line_count().min(end + 3)).any(|i| self.paragraph_shaped(i))
        {
            self.remove_title(end, "title", self.lines[end]);
            return end + 1;
        }
        end
    }

    /// Where the article's header goes on under a site's menu, and its headline: a run from
    /// `number` on of `MIN_FURNITURE` to `MENU_ABOVE_HEADLINE` short lines (`LIST_HEAD_MAX_LENGTH`
    /// characters, none ending like a sentence; fewer where the page opens with them; the page's
    /// first line, its <title>, of any length) that no rule knows, then a headline with a dated
    /// line right below it, or a dated line with the headline right below it (and a paragraph or
    /// fields below that); None if the page does not open so.
    fn below_menu(&mut self, number: usize) -> Option<(usize, Option<usize>)> {
        let at_top = (0..number).all(|i| self.removed.contains(i));
        let end = self.line_count().saturating_sub(2).min(number + MENU_ABOVE_HEADLINE + 1);
        for following in number + 1..end {
            let above = self.lines[following - 1];
            let menu_line = length(above) <= LIST_HEAD_MAX_LENGTH && !ends_in(above, NOT_MENU_END);
            if !menu_line && !last_crumb(above) && following - 1 > 0 {
                return None; // (the first line may be the page's <title>)
            }
            if following - number < MIN_FURNITURE && !at_top {
                continue;
            }
            if self.is_title(following) && (self.label_below(following) || self.dated_under(following)) {
                return Some((following + 1, Some(following)));
            }
            if self.dated(following) && (self.is_title(following + 1) || self.headline_over_paragraph(following + 1)) {
                return Some((following, Some(following + 1)));
            }
        }
        None
    }

    /// Remove line `number` of the top block if it is one widget word (a tab's 正文, a counter's
    /// label 阅读：, a button of a tool row cut into text nodes at its brackets: [字号) or a count
    /// alone (26893, the count under that label).
    fn lone_widget(&mut self, number: usize) -> bool {
        let line = strip(self.lines[number]);
        let word = line.trim_matches(ALL_BRACKETS).trim_end_matches([':', '：']);
        let kind = if counter(line) {
            "counter"
        } else if self.book.widget_words.contains(word) {
            "widgets"
        } else {
            return false;
        };
        self.remove_bare(number, kind);
        true
    }

    /// How many short lines from `number` on, none ending like a paragraph, stand right above a
    /// dateline, a byline or a widget bar (not a source line: photo credits are those too): a
    /// title that ends like a question (雄孔雀时代来临？), a breadcrumb or byline the repair step
    /// could not get back. 0 if none do.
    fn above_fields(&mut self, number: usize, limit: usize) -> usize {
        for count in 1..=ABOVE_FIELDS_MAX {
            let following = number + count;
            let above = self.lines[following - 1];
            if following >= limit
                || above.is_empty()
                || length(above) > TITLE_MAX_LENGTH
                || ends_in(above, PARAGRAPH_END)
            {
                return 0;
            }
            if let Some(facts) = self.fields(self.lines[following], false) {
                if facts.is_empty() || fact(&facts, "published").is_some() || fact(&facts, "author").is_some() {
                    return count;
                }
            }
        }
        0
    }

    /// Remove `count` lines from `number`: the longest that reads as text is the title (unless
    /// the page has one; a widget's word is none), the others are chrome that was garbled.
    fn remove_above_fields(&mut self, number: usize, count: usize) {
        let lines = number..number + count;
        let readable: Vec<usize> = lines
            .clone()
            .filter(|&i| {
                let line = self.lines[i];
                !line.contains('\u{fffd}')
                    && self.book.garbage.score(line) < GARBAGE_THRESHOLD
                    && !self.widget_word(line)
            })
            .collect();
        // (the first of the longest, as `max` keeps it)
        let longest = readable.iter().copied().fold(None, |best: Option<usize>, i| match best {
            Some(best) if length(self.lines[best]) >= length(self.lines[i]) => Some(best),
            _ => Some(i),
        });
        let title = if self.has_title() { None } else { longest };
        for i in lines {
            if Some(i) == title {
                self.remove_title(i, "title", self.lines[i]);
            } else {
                self.remove_bare(i, "garbled-top");
            }
        }
    }

    /// Whether line `number` is a headline: on a page whose headline is known, that headline;
    /// else headline-sized words (not a counter, a label or a sentence) with a line of fields
    /// right below it, past a tool row (`TOOL_ROW_MAX` lines of widgets) and bare counters.
    pub fn is_title(&mut self, number: usize) -> bool {
        let line = self.lines[number];
        if let Some(headline) = self.headline {
            return !self.has_title() && letters(line) == headline;
        }
        if self.has_title()
            || !self.headline_shaped(line)
            || (line.split(crate::grammar::py_space).filter(|word| !word.is_empty()).count() > 1
                && self.hooks.names_line(line))
            || !has_han(line)
            || (self.label_value(number) && !self.headline_label(number - 1))
        {
            return false;
        }
        let long_headline = length(&letters(line)) > SECTION_NAME_MAX_LENGTH;
        for below_number in number + 1..(number + 1 + TOOL_ROW_MAX).min(self.line_count()) {
            let below = self.lines[below_number];
            if self.fields(below, false).is_some_and(|facts| !facts.is_empty()) || self.book.grammar.label_alone(below)
            {
                return true;
            }
            let below_letters = letters(below);
            if is_digits(&below_letters)
                || below_letters.is_empty()
                || self.hooks.names_line(below)
                || handle(strip(below))
                || !has_han(below)
                || self.short_label(below_number)
                || self.label_value(below_number)
                || (long_headline && self.section_over_fields(below_number))
            {
                // a counter (8, 34976), a bare separator, the author's name or handle, a line of
                // the site's interface in another script (Article information, Getty Images), a
                // label and its value (图像来源， / Getty Images, Role, / 本台记者, 朝代： / 唐代),
                // the column's name right over the dateline under a longer headline (天下 /
                // 2022-06-15 18:30; a widget's 全部删除 over 热搜词 and a date is no headline)
                continue;
            }
            if !self.widget_word(below) && self.line_rule(below, TOP_BLOCK, true).is_none() {
                return false;
            }
        }
        false
    }

    /// Whether the first removal of line `number` says it is no known chrome.
    pub fn taken_as_chrome(&self, number: usize) -> bool {
        self.removed.get(number).is_some_and(|taken| !NOT_CHROME_RULES.contains(&taken.rule.as_str()))
    }
}
