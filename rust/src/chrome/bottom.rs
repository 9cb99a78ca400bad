//! The block of chrome below the body (editor line, end marks, related news, copyright,
//! licences, garbage that could not be repaired), and the ends of paragraphs cut off.

use super::page::{facts_rule, Page, CLOSING_QUOTES};
use super::text::{clause_mark, counter, ends_in, is_digits, last, length, rstrip, strip};
use super::{Affix, BOTTOM_BLOCK, GARBAGE_THRESHOLD, HEAD_MAX_LENGTH, SECTION_NAME_MAX_LENGTH, TAIL_MAX_LENGTH};
use crate::boilerplate::PARAGRAPH_LENGTH;
use crate::fields::letters;
use crate::furniture::{LIST_HEAD_MAX_LENGTH, TITLE_MAX_LENGTH};
use crate::grammar::{Facts, FIELDS_MAX_LENGTH};
use crate::linerules::WordScan;

/// Damaged lines below chrome in the bottom block are chrome too, this many in a row at most,
/// and so is a line this garbled without a U+FFFD.
const GARBLED_RUN: usize = 2;
const GARBLED_THRESHOLD: f64 = 0.25;
/// A column's list under the article: its headline and a few others.
const MAX_LISTED_HEADLINES: usize = 12;
/// An article's tags one a line below it, without a label.
const MIN_TAGS: usize = 2;
const MAX_TAGS: usize = 4;
/// A row of buttons one a line between chrome (a share box's), with the last of them.
const BUTTON_ROW_MAX: usize = 6;
/// A box of chrome under a heading of its own: this many lines of one rule at least.
const BOX_LINES: usize = 2;
const NOT_MENU_END: &str = "。；;，,…！？!?";
pub const SENTENCE_END: &str = "。！？!?”」』";
/// A picture's credit: 王五摄.
const CREDIT_ENDS: [char; 4] = ['摄', '攝', '图', '圖'];
const BULLETS: &str = "·•●○■□◆◇▪►▶";

/// The opening bracket of a closing one.
fn opening_of(closing: char) -> Option<char> {
    match closing {
        '）' => Some('（'),
        ')' => Some('('),
        '】' => Some('【'),
        ']' => Some('['),
        _ => None,
    }
}

impl<'a> Page<'a> {
    /// Remove the chrome block below the body; returns one past the last body line.
    pub fn scan_bottom(&mut self, first_body: usize) -> usize {
        let mut number = self.line_count() as isize - 1;
        while number >= first_body as isize {
            let n = number as usize;
            if self.removed.contains(n) || self.bottom_chrome(n) {
                number -= 1;
                continue;
            }
            if self.book.garbage.score(self.lines[n]) >= GARBAGE_THRESHOLD {
                self.remove_bare(n, "garbage");
                number -= 1;
                continue;
            }
            if let Some(kind) = self.counter_or_headline(n) {
                self.remove_bare(n, kind);
                number -= 1;
                continue;
            }
            if self.chrome_label_value(n, first_body) {
                number -= 1;
                continue;
            }
            if let Some(rule) = self.box_rule_below(n) {
                self.remove_bare(n, &rule);
                number -= 1;
                continue;
            }
            // (a list's item is a headline: a paragraph below the body is read no further)
            let listed =
                if length(self.lines[n]) <= TITLE_MAX_LENGTH { self.list_from_headline(n, first_body) } else { 0 };
            if listed > 0 {
                self.remove_all_bare(n + 1 - listed..=n, "related-list");
                number -= listed as isize;
                continue;
            }
            if self.garbled_below_chrome(n, first_body) {
                self.remove_bare(n, "garbled-bottom");
                number -= 1;
                continue;
            }
            if self.between_chrome(n, first_body) {
                self.remove_bare(n, "between-chrome");
                number -= 1;
                continue;
            }
            let tags = self.tags_above_chrome(n, first_body);
            if tags > 0 {
                self.remove_all_bare(n + 1 - tags..=n, "tags");
                number -= tags as isize;
                continue;
            }
            if self.bulleted(n, first_body) {
                self.remove_bare(n, "bullet-list");
                self.remove_bare(n - 1, "bullet-list");
                number -= 2;
                continue;
            }
            if self.strip_tail(n) {
                if self.edited[&n].is_empty() {
                    self.edited.remove(&n);
                    self.remove_bare(n, "end-mark");
                    number -= 1;
                }
                continue;
            }
            break;
        }
        (number + 1) as usize
    }

    /// Whether line `number` of the bottom block is chrome the repair step could not get back (a
    /// U+FFFD in a short line, or a garbage score of `GARBLED_THRESHOLD`) right below a line of
    /// chrome (or two such lines and then chrome): the block goes on above it.
    fn garbled_below_chrome(&mut self, number: usize, first_body: usize) -> bool {
        let lowest = (number as isize - GARBLED_RUN as isize).max(first_body as isize - 1);
        let mut above = number as isize;
        while above > lowest {
            let a = above as usize;
            let line = self.lines[a];
            if self.removed.contains(a)
                || length(line) > FIELDS_MAX_LENGTH
                || !(line.contains('\u{fffd}') || self.book.garbage.score(line) >= GARBLED_THRESHOLD)
            {
                return false;
            }
            // (classifying the line above removes it if it is chrome, as the scan would next)
            if a > first_body && (self.removed.contains(a - 1) || self.classify(a - 1, BOTTOM_BLOCK, false)) {
                return true;
            }
            above -= 1;
        }
        false
    }

    /// What line `number` of the bottom block is, when it is a widget's counter (numbers and
    /// signs only: 1 (33%)2 (67%)) or the page's headline again (a rating or share box).
    fn counter_or_headline(&mut self, number: usize) -> Option<&'static str> {
        let line = strip(self.lines[number]);
        if counter(line) {
            return Some("counter");
        }
        if length(line) > TITLE_MAX_LENGTH {
            return None;
        }
        let title = self.merged_fact("title")?;
        (!title.is_empty() && letters(line) == letters(&title)).then_some("headline-again")
    }

    /// How many lines up to line `number` of the bottom block are a column's list of headlines
    /// that names the article itself first (its headline again, then others', one a line, with
    /// no heading): headline-shaped lines, none a paragraph, up from `number` to the page's
    /// headline within `MAX_LISTED_HEADLINES` lines. 0 where they are not.
    fn list_from_headline(&mut self, number: usize, first_body: usize) -> usize {
        let Some(title) = self.merged_fact("title") else { return 0 };
        let words = letters(&title);
        for count in 1..=MAX_LISTED_HEADLINES.min(number.saturating_sub(first_body)) {
            let above = number + 1 - count;
            let line = strip(self.lines[above]);
            if self.removed.contains(above) || !self.headline_shaped(line) || self.paragraph_shaped(above) {
                return 0;
            }
            if letters(line) == words {
                return if count > 1 { count } else { 0 };
            }
        }
        0
    }

    /// Whether line `number` of the bottom block is the value of a label of chrome alone on the
    /// line above (上一篇： / a headline, 专题： / its name): a short label the rules take for
    /// chrome, ending with a colon, over a headline-shaped line. The value goes by the label's
    /// rule (and the label too, as the scan would take it next).
    fn chrome_label_value(&mut self, number: usize, first_body: usize) -> bool {
        if number <= first_body
            || !self.short_label(number - 1)
            || !ends_in(strip(self.lines[number - 1]), ":：")
            || self.paragraph_shaped(number)
            || !self.headline_shaped(self.lines[number])
        {
            return false;
        }
        // (classifying the label removes it if it is chrome, its value too where it is a field's)
        if !self.removed.contains(number - 1) && !self.classify(number - 1, BOTTOM_BLOCK, false) {
            return false;
        }
        if let Some(rule) = self.removed.get(number - 1).map(|label| label.rule.clone()) {
            if !self.removed.contains(number) {
                self.remove_bare(number, &rule);
            }
        }
        true
    }

    /// The rule of the box line `number` heads in the bottom block: a heading as short as a
    /// section's name, no clause (总结, 温馨提示), over `BOX_LINES` lines or more in a row, each a
    /// label and its value, one rule of the book took (a listing's verdict: 特色：… / 交通：… /
    /// 综合：…). The heading goes by the box's rule. None where it heads no box.
    fn box_rule_below(&self, number: usize) -> Option<String> {
        let line = strip(self.lines[number]);
        if number + 1 >= self.line_count()
            || !(1..=SECTION_NAME_MAX_LENGTH).contains(&length(&letters(line)))
            || clause_mark(line)
        {
            return None;
        }
        let rule = &self.removed.get(number + 1)?.rule;
        let boxed = (number + 1..self.line_count())
            .take_while(|&below| {
                self.removed.get(below).is_some_and(|removal| removal.rule == *rule) && labelled(self.lines[below])
            })
            .count();
        (boxed >= BOX_LINES && self.book.rule_names.contains(rule)).then(|| rule.clone())
    }

    /// Whether line `number` of the bottom block is a short line, not a sentence, with chrome on
    /// both sides (an app's slogan split over two text nodes, a widget's caption), or ends a row
    /// of buttons one a line between chrome (分享到 / 东方微博 / 新浪微博 / 微信 / 相关新闻): the
    /// block goes on above it.
    fn between_chrome(&mut self, number: usize, first_body: usize) -> bool {
        let line = self.lines[number];
        // (a sentence may end inside its quotes: …什么方向？”)
        if length(line) > LIST_HEAD_MAX_LENGTH
            || ends_in(rstrip(line).trim_end_matches(CLOSING_QUOTES), NOT_MENU_END)
            || number + 1 >= self.line_count()
            || !self.removed.contains(number + 1)
            || number <= first_body
        {
            return false;
        }
        // (classifying the line above removes it if it is chrome, as the scan would next)
        if self.removed.contains(number - 1) || self.bottom_chrome(number - 1) {
            return true;
        }
        self.button(number) && self.buttons_under_chrome(number - 1, first_body)
    }

    /// Whether line `number` is a button of a row set one a line: a word of a section's name's
    /// length, no clause, no count.
    fn button(&self, number: usize) -> bool {
        let line = strip(self.lines[number]);
        let words = letters(line);
        (1..=SECTION_NAME_MAX_LENGTH).contains(&length(&words)) && !is_digits(&words) && !clause_mark(line)
    }

    /// Whether lines up from `number` are buttons (`button`), `BUTTON_ROW_MAX` at most, right
    /// under their row's label: a widget's word of chrome as short as a button, no fields (分享到).
    fn buttons_under_chrome(&mut self, number: usize, first_body: usize) -> bool {
        for button in (first_body + 1..=number).rev().take(BUTTON_ROW_MAX - 1) {
            if !self.button(button) {
                return false;
            }
            // (classifying the line above removes it if it is chrome, as the scan would next)
            if self.removed.contains(button - 1) || self.bottom_chrome(button - 1) {
                return self.row_label(button - 1);
            }
        }
        false
    }

    /// Whether removed line `number` is a row's label: removed with no facts, a button's length.
    fn row_label(&self, number: usize) -> bool {
        self.removed.get(number).is_some_and(|label| label.facts.is_empty())
            && (1..=SECTION_NAME_MAX_LENGTH).contains(&length(&letters(self.lines[number])))
    }

    /// How many lines up to line `number` of the bottom block are an article's tags, one a line
    /// with no label (人工智能 / AI模型): `MIN_TAGS` to `MAX_TAGS` words of a section's name's
    /// length, no clause among them, between the last paragraph (a paragraph's length or a
    /// sentence's end) and the article's credit below it (a line of chrome with its facts:
    /// 本文来自…, 编辑：…), not a page's buttons (取消 / 确认 under a dialog's question). 0 if they
    /// are not.
    fn tags_above_chrome(&self, number: usize, first_body: usize) -> usize {
        let credited =
            number + 1 < self.line_count() && self.removed.get(number + 1).is_some_and(|below| !below.facts.is_empty());
        if !credited {
            return 0;
        }
        for count in 1..=MAX_TAGS {
            if number + 1 < count + first_body + 1 {
                return 0; // (the tag would be the body's first line or above it)
            }
            let tag = number + 1 - count;
            let line = strip(self.lines[tag]);
            let words = letters(line);
            if line.is_empty() || clause_mark(line) || length(&words) > SECTION_NAME_MAX_LENGTH || is_digits(&words) {
                return 0;
            }
            let above = rstrip(self.lines[tag - 1]);
            if count >= MIN_TAGS
                && length(&letters(above)) > SECTION_NAME_MAX_LENGTH
                && (length(above) >= PARAGRAPH_LENGTH || ends_in(above.trim_end_matches(CLOSING_QUOTES), SENTENCE_END))
            {
                return count;
            }
        }
        0
    }

    /// Remove line `number` of the bottom block if a rule or the field grammar says it is chrome
    /// (`classify`), or it is a byline alone: names in round brackets on a line of their own
    /// below the last paragraph (（王五）, as `bare_byline` after it; no picture's credit).
    fn bottom_chrome(&mut self, number: usize) -> bool {
        if self.classify(number, BOTTOM_BLOCK, false) {
            return true;
        }
        let line = strip(self.lines[number]);
        let bracketed = line.starts_with(['（', '(']) && line.ends_with(['）', ')']);
        let facts = if bracketed { self.bracketed_byline(strip(inside(line))) } else { None };
        let Some(facts) = facts else { return false };
        self.remove(number, "byline", facts);
        true
    }

    /// Whether line `number` of the bottom block is an item of a list of links, each after a
    /// bullet alone on the line above (`·` / a headline: the bullet is a text node of its own,
    /// which an article's own list does not have).
    fn bulleted(&self, number: usize, first_body: usize) -> bool {
        number > first_body
            && length(self.lines[number]) <= TITLE_MAX_LENGTH
            && strip(self.lines[number - 1]).chars().count() == 1
            && BULLETS.contains(strip(self.lines[number - 1]))
    }

    /// Cut one byline, editor note or end mark off the end of line `number`: a bracketed group
    /// of fields (or 完), else a tail rule's match.
    fn strip_tail(&mut self, number: usize) -> bool {
        let line = self.edited.get(&number).map_or(self.lines[number], String::as_str);
        let line = rstrip(line).to_owned();
        let start = last(&line).and_then(opening_of).and_then(|opening| line.rfind(opening));
        if let Some(start) = start {
            let inner = strip(inside(&line[start..]));
            let facts = self.bracket_facts(&line, start, inner);
            if matches!(inner, "完" | "全文完" | "END")
                || facts.as_ref().is_some_and(|facts| facts.iter().any(|(key, _)| key != "published"))
            {
                let rule = facts.as_ref().map_or("end-mark", facts_rule);
                let facts = facts.unwrap_or_default();
                self.cut(number, &line, start, rule, facts);
                return true;
            }
        }
        let tail_start = length(&line).saturating_sub(TAIL_MAX_LENGTH);
        if !may_hold(self.book.tail_keywords, &line, tail_start, usize::MAX) {
            return false;
        }
        let Some((rule, start, facts)) = self.hooks.tail(&line, tail_start) else { return false };
        let start = line.char_indices().nth(start).map_or(line.len(), |(byte, _)| byte);
        self.cut(number, &line, start, &rule, facts);
        true
    }

    /// The facts of a bracketed group at the end of a line: a line of fields, a byline glued to
    /// its label, or names alone after a sentence (`bare_byline`); None where it is none of them
    /// (an empty group of fields is `Some` of none, as the grammar reads widget words).
    fn bracket_facts(&mut self, line: &str, start: usize, inner: &str) -> Option<Facts> {
        // (`fields(inner) or glued_facts(inner) or bare_byline`: an empty result reads as none)
        if let Some(facts) = self.fields(inner, false).filter(|facts| !facts.is_empty()) {
            return Some(facts);
        }
        if let Some(facts) = self.hooks.glued_facts(inner).filter(|facts| !facts.is_empty()) {
            return Some(facts);
        }
        self.bare_byline(line, start, inner)
    }

    /// The authors of a byline of names alone in round brackets after the last sentence
    /// (…。（王五 李四）, `bracketed_byline`).
    fn bare_byline(&self, line: &str, start: usize, inner: &str) -> Option<Facts> {
        if !line[start..].starts_with(['（', '(']) || !ends_in(rstrip(&line[..start]), SENTENCE_END) {
            return None;
        }
        self.bracketed_byline(inner)
    }

    /// The authors a byline of names alone in brackets names (王五 李四), as papers sign a story
    /// with no label: names that open with a common surname (`FieldGrammar.names_line`); no
    /// photographer's or picture's credit (王五摄, a caption's, which the source text keeps).
    fn bracketed_byline(&self, inner: &str) -> Option<Facts> {
        if inner.ends_with(CREDIT_ENDS) || !self.hooks.names_line(inner) {
            return None;
        }
        Some(vec![("author".to_owned(), inner.to_owned())])
    }

    /// Cut `line` (line `number` as edited so far) at byte `start`: the tail goes by `rule`.
    fn cut(&mut self, number: usize, line: &str, start: usize, rule: &str, facts: Facts) {
        self.affixes.push(Affix {
            line: number,
            rule: rule.to_owned(),
            text: line[start..].to_owned(),
            facts,
            part: "tail",
        });
        self.edited.insert(number, rstrip(&line[..start]).to_owned());
    }

    /// Cut a news agency's dateline lead or a byline off the start of line `number`.
    pub fn strip_head(&mut self, number: usize) -> bool {
        let line = self.edited.get(&number).map_or(self.lines[number], String::as_str).to_owned();
        let indent_bytes = line.len() - line.trim_start_matches(crate::grammar::py_space).len();
        let indent = length(&line[..indent_bytes]);
        if !may_hold(self.book.head_keywords, &line, indent, HEAD_MAX_LENGTH) {
            return false;
        }
        let Some((rule, text, end, facts)) = self.hooks.head(&line, indent) else { return false };
        let end = line.char_indices().nth(end).map_or(line.len(), |(byte, _)| byte);
        self.affixes.push(Affix { line: number, rule, text, facts, part: "head" });
        self.edited.insert(number, format!("{}{}", &line[..indent_bytes], &line[end..]));
        true
    }
}

/// Whether `count` characters of `line` from character `start` on hold one of `keywords` (any
/// text does where there are no keywords to scan for).
fn may_hold(keywords: Option<&WordScan>, line: &str, start: usize, count: usize) -> bool {
    let Some(keywords) = keywords else { return true };
    let byte_at = |chars: usize| line.char_indices().nth(chars).map_or(line.len(), |(byte, _)| byte);
    keywords.holds(&line[byte_at(start)..byte_at(start.saturating_add(count))])
}

/// Whether `line` opens with a label (a word as short as a section's name) and its colon.
fn labelled(line: &str) -> bool {
    let line = strip(line);
    line.char_indices().take(SECTION_NAME_MAX_LENGTH + 1).any(|(at, c)| matches!(c, ':' | '：') && at > 0)
}

/// The text between a line's first and last characters (`line[1:-1]`).
fn inside(line: &str) -> &str {
    let mut chars = line.chars();
    chars.next();
    chars.next_back();
    chars.as_str()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_are_looked_for_in_a_stretch_of_characters() {
        let words = WordScan::new(&["新华社".to_owned()]).unwrap();
        let line = "本报讯 新华社北京电";
        assert!(may_hold(None, line, 0, 0));
        assert!(may_hold(Some(&words), line, 4, 3) && may_hold(Some(&words), line, 2, usize::MAX));
        assert!(!may_hold(Some(&words), line, 4, 2) && !may_hold(Some(&words), line, 5, usize::MAX));
        assert!(!may_hold(Some(&words), line, 20, 5));
    }
}
