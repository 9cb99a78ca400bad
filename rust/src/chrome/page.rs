//! The lines of one page and the removals decided so far, and the checks every scan reads them
//! with.

use std::collections::HashMap;

use super::removals::{fact, Removal, Removals};
use super::text::{
    clause_mark, ends_in, handle, home_link, is_alpha, labelled_count, last, length, markup_value, rstrip, strip,
};
use super::{Affix, Book, Hooks, BOTTOM_BLOCK, SECTION_NAME_MAX_LENGTH, TOP_BLOCK};
use crate::boilerplate::{line_worth, phrase_prose, PARAGRAPH_LENGTH};
use crate::fields::letters;
use crate::furniture::{headline_sized, Furniture, TITLE_MAX_LENGTH};
use crate::grammar::{Around, Facts, Verdict};

/// A headline may end like a question or an exclamation, not so.
pub const NOT_HEADLINE_END: &str = "。；;…：:";
pub const PARAGRAPH_END: &str = "。；;，,…";
pub const CLOSING_QUOTES: &[char] = &['”', '’', '」', '』', '"', '\''];
/// Letters that are not digits a headline has at least: a counter (34976) is no headline.
const MIN_TITLE_LETTERS: usize = 2;
/// A label set off by a comma or a colon, its value on the next line (图像来源， / Getty Images,
/// 朝代： / 唐代).
pub const LABEL_COMMAS: &str = "，,";
const LABEL_ENDS: &str = "，,：:";
/// What closes a label before its text (摘要： / 【导读】).
const LABEL_CLOSES: [char; 4] = [':', '：', '】', ']'];
/// A summary box's words a page says again: this many letters of them, from the first.
const SAID_AGAIN_LETTERS: usize = 12;
/// Paragraphs of sentences in a row under a list's heading that are an article's text.
const ARTICLE_SENTENCES: usize = 3;
/// A trail's first crumb, the link to the site's front page, alone on its line.
const HOME_CRUMBS: [&str; 6] = ["首页", "主页", "首頁", "主頁", "Home", "HOME"];
/// Removals that say a line is no known chrome, only where it stands (the first line may be the
/// <title>).
pub const NOT_CHROME_RULES: [&str; 3] = ["title", "menu", "boilerplate"];

/// The rule a line of fields is removed by: its first fact's kind.
pub fn facts_rule(facts: &Facts) -> &'static str {
    if fact(facts, "published").is_some() {
        return "dateline";
    }
    for field in ["source", "author", "editor"] {
        if fact(facts, field).is_some() {
            return if field == "author" { "byline" } else { field };
        }
    }
    if fact(facts, "photographer").is_some() {
        "photo-credit"
    } else {
        "widgets"
    }
}

/// A hook failed: the page's reading is dropped (`Hooks::nfkc`), and no answer made of it is
/// remembered.
struct HookFailed;

/// The lines of one page and the removals decided so far; `headline` the page's headline where
/// its markup names it (its letters), else None.
pub struct Page<'a> {
    pub book: &'a Book<'a>,
    pub hooks: &'a dyn Hooks,
    pub text: &'a str,
    pub lines: Vec<&'a str>,
    pub headline: Option<&'a str>,
    pub removed: Removals,
    /// Lines cut (a tail or head taken off), by number.
    pub edited: HashMap<usize, String>,
    pub affixes: Vec<Affix>,
    /// The facts of the removals (the first of each kind), kept until a removal changes them.
    merged_facts: Option<Facts>,
    furniture: Option<Furniture>,
    title_part_letters: Option<Vec<String>>,
}

impl<'a> Page<'a> {
    pub fn new(text: &'a str, book: &'a Book<'a>, hooks: &'a dyn Hooks, headline: Option<&'a str>) -> Self {
        let lines: Vec<&str> = text.split('\n').collect();
        Page {
            book,
            hooks,
            text,
            removed: Removals::new(lines.len()),
            lines,
            headline,
            edited: HashMap::new(),
            affixes: Vec::new(),
            merged_facts: None,
            furniture: None,
            title_part_letters: None,
        }
    }

    /// How many lines the page has.
    pub fn line_count(&self) -> usize {
        self.lines.len()
    }

    /// The page's lines in the core's furniture reader (`strip_furniture`).
    pub fn furniture(&mut self) -> &Furniture {
        let text = self.text;
        self.furniture.get_or_insert_with(|| Furniture::new(text.to_owned()))
    }

    /// The letters of each part of the page's first line read as its <title> (`title_parts`),
    /// in order: the headline's, the site's, the section's.
    pub fn title_part_letters(&mut self) -> &[String] {
        let (hooks, first) = (self.hooks, self.lines[0]);
        self.title_part_letters
            .get_or_insert_with(|| hooks.title_parts(first).iter().map(|part| letters(part)).collect())
    }

    /// Whether `line` is one of the rule book's widget words alone (日期选择, 正文).
    pub fn widget_word(&self, line: &str) -> bool {
        self.book.widget_words.contains(strip(line))
    }

    /// Whether the page's first line may be its <title>: no rule took it for chrome.
    pub fn title_open(&self) -> bool {
        self.removed.get(0).is_none_or(|first| NOT_CHROME_RULES.contains(&first.rule.as_str()))
    }

    /// The metadata in line `line` (`FieldGrammar.parse`); none once a hook failed.
    pub fn fields(&self, line: &str, strict: bool) -> Option<Facts> {
        let hooks = self.hooks;
        self.book.grammar.parse(line, strict, &mut |text| hooks.nfkc(text).ok_or(HookFailed)).unwrap_or(None)
    }

    /// Remove line `number` by `rule`, with the facts it carries but for a template's leftover
    /// markup (作者： size="20" is no value).
    pub fn remove(&mut self, number: usize, rule: &str, facts: Facts) {
        let facts: Facts = if facts.iter().any(|(_, value)| markup_value(value)) {
            facts.into_iter().filter(|(_, value)| !markup_value(value)).collect()
        } else {
            facts
        };
        let involves_facts = !facts.is_empty();
        let replaced = self.removed.insert(number, Removal { rule: rule.to_owned(), facts });
        // Only a removal with facts, or one that replaces a removal with facts, changes them.
        if involves_facts || replaced.is_some_and(|replaced| !replaced.facts.is_empty()) {
            self.merged_facts = None;
        }
    }

    /// Remove line `number` by `rule`, with no facts.
    pub fn remove_bare(&mut self, number: usize, rule: &str) {
        self.remove(number, rule, Facts::new());
    }

    /// Remove each of lines `numbers` by `rule`, with no facts.
    pub fn remove_all_bare(&mut self, numbers: impl IntoIterator<Item = usize>, rule: &str) {
        for number in numbers {
            self.remove_bare(number, rule);
        }
    }

    /// Remove line `number` for the title, `title` its fact.
    pub fn remove_title(&mut self, number: usize, rule: &str, title: &str) {
        self.remove(number, rule, vec![("title".to_owned(), title.to_owned())]);
    }

    /// The facts of the lines removed so far (the first of each kind).
    pub fn merged_facts(&mut self) -> &Facts {
        let removed = &self.removed;
        self.merged_facts.get_or_insert_with(|| {
            let mut merged = Facts::new();
            for (_, removal) in removed.iter() {
                for (key, value) in &removal.facts {
                    if fact(&merged, key).is_none() {
                        merged.push((key.clone(), value.clone()));
                    }
                }
            }
            merged
        })
    }

    /// The merged fact of kind `key`, if any.
    pub fn merged_fact(&mut self, key: &str) -> Option<String> {
        fact(self.merged_facts(), key).map(str::to_owned)
    }

    /// Whether a title has been found.
    pub fn has_title(&mut self) -> bool {
        fact(self.merged_facts(), "title").is_some()
    }

    /// The number of the first line rule for `places` that `line` meets; with `tolerant`, with
    /// its lost characters standing for any where no rule meets it whole.
    pub fn line_rule(&self, line: &str, places: u8, tolerant: bool) -> Option<usize> {
        let number = self.book.matcher.rule_for(line, places);
        if number.is_some() || !tolerant {
            return number;
        }
        self.hooks.tolerant_rule(line, places)
    }

    /// The facts (named groups) of line rule `number` in `line`, as it matches whole or with lost
    /// characters.
    fn rule_facts(&self, number: usize, line: &str) -> Facts {
        let Some(found) = self.book.matcher.facts(number, line) else { return self.hooks.tolerant_facts(number, line) };
        let mut facts = Facts::new();
        for (name, start, end) in found {
            let value = line[start..end].to_owned();
            match facts.iter_mut().find(|(key, _)| key == name) {
                Some(slot) => slot.1 = value,
                None => facts.push((name.to_owned(), value)),
            }
        }
        facts
    }

    /// Remove line `number` if a rule for `places` or the field grammar says it is chrome.
    ///
    /// The core reads the line (`Grammar::classify`). Above and below the body, a field a scraper
    /// split after its label (责任编辑: / 蔡立丽, 本文来源于 / 上海证券报) goes with the neighbour
    /// that holds the rest of it, and a widget bar the repair step left garbled (字号：默许 多
    /// 超大 | 打印 |, 【打印】【关闭。) is chrome too. Inside the body (`in_body`) only short
    /// lines can be metadata lines, and their label must open the line. A line with lost
    /// characters that no rule meets whole is read with them standing for any.
    pub fn classify(&mut self, number: usize, places: u8, in_body: bool) -> bool {
        let line = self.lines[number];
        let above = (number > 0).then(|| (self.lines[number - 1], self.removed.contains(number - 1)));
        let below = self.lines.get(number + 1).map(|&below| (below, self.removed.contains(number + 1)));
        let around = Around { above, line: (line, self.removed.contains(number)), below };
        let hooks = self.hooks;
        let verdict = self
            .book
            .grammar
            .classify(self.book.matcher, &around, places, in_body, &mut |text| hooks.nfkc(text).ok_or(HookFailed))
            .unwrap_or(Verdict::Kept);
        let found = match verdict {
            Verdict::Kept => return false,
            Verdict::Split { above, facts } => {
                let first = number - usize::from(above);
                let rule = facts_rule(&facts);
                self.remove(first, rule, facts);
                self.remove_bare(first + 1, rule);
                return true;
            }
            Verdict::Fields(facts) => {
                self.remove(number, facts_rule(&facts), facts);
                return true;
            }
            Verdict::Bar => {
                self.remove_bare(number, "garbled-widgets");
                return true;
            }
            Verdict::Tolerant { bar } => match self.hooks.tolerant_rule(line, places) {
                Some(found) => found,
                None if bar => {
                    self.remove_bare(number, "garbled-widgets");
                    return true;
                }
                None => return false,
            },
            Verdict::Rule(found) => found,
        };
        if self.book.said_again[found] && !self.said_again(number) {
            return false;
        }
        let facts = self.rule_facts(found, line);
        self.remove(number, &self.book.rule_names[found], facts);
        if self.book.drops_following[found]
            && !self.bracketed_in_bar(number)
            && !(places == TOP_BLOCK && self.named_headline_below(number))
        {
            self.drop_list_after(number);
        }
        true
    }

    /// Whether line `number` stands right under a trail's first crumb, the site's front page
    /// (首页, 某某网首页): a crumb itself (首页 / 最新消息 / 计划公告 / the headline), the
    /// section's name, no heading of a list.
    fn under_home_crumb(&self, number: usize) -> bool {
        number > 0 && {
            let above = strip(self.lines[number - 1]);
            HOME_CRUMBS.contains(&above) || home_link(above)
        }
    }

    /// Whether a line below line `number` is the headline the page's <title> names: a list's
    /// heading above the headline (最新消息 in a site's menu) is a menu's entry, and the article
    /// below is no list of it.
    fn named_headline_below(&mut self, number: usize) -> bool {
        let title_open = self.title_open();
        let count = self.line_count();
        let furniture = self.furniture();
        (number + 1..count).any(|below| furniture.names_headline(below, title_open))
    }

    /// Whether line `number` is a link of a tool bar whose brackets stand on the lines around it
    /// (页面功能 【 / 我来说两句 / 】【): a button, no list's heading.
    fn bracketed_in_bar(&self, number: usize) -> bool {
        let opens = number > 0 && rstrip(self.lines[number - 1]).ends_with(['【', '[']);
        let closes = self.lines.get(number + 1).is_some_and(|below| strip(below).starts_with(['】', ']']));
        opens && closes
    }

    /// Whether the page says the words of line `number` after its label again on another line (a
    /// summary box over the article whose lead it repeats, or over its headline): the first
    /// `SAID_AGAIN_LETTERS` of them. A label alone says nothing new.
    fn said_again(&self, number: usize) -> bool {
        let line = self.lines[number];
        let said = line.split_once(LABEL_CLOSES).map_or(line, |(_, said)| said);
        let words: String = letters(said).chars().take(SAID_AGAIN_LETTERS).collect();
        words.is_empty()
            || self.lines.iter().enumerate().any(|(other, text)| other != number && letters(text).contains(&words))
    }

    /// Remove the list below a list's heading, to the end of the page: short lines, and long ones
    /// that are no running text (a row of links) or chrome by a rule; none if an article's text
    /// goes on below, in sentences or in phrases (`phrase_prose`), or if the heading is a trail's
    /// crumb (`under_home_crumb`).
    fn drop_list_after(&mut self, number: usize) {
        if self.under_home_crumb(number) {
            return;
        }
        let following = number + 1..self.line_count();
        let listed = following.clone().all(|i| {
            let line = self.lines[i];
            length(line) <= TITLE_MAX_LENGTH
                || self.removed.contains(i)
                || line_worth(line) < 0
                || self.line_rule(line, BOTTOM_BLOCK, false).is_some()
        });
        if !listed {
            return;
        }
        let below = &self.lines[number + 1..];
        let no_breaks = vec![false; below.len()];
        if phrase_prose(below, &no_breaks).iter().any(|&i| !self.removed.contains(number + 1 + i))
            || self.sentences_run(number + 1)
        {
            return;
        }
        for i in following {
            if !self.removed.contains(i) {
                self.remove_bare(i, "related-list");
            }
        }
    }

    /// Whether `ARTICLE_SENTENCES` lines in a row from line `number` on, none removed, are each a
    /// paragraph's length of sentences (a short article's text under a list's heading: a list's
    /// items are headlines, teasers cut with …… or a comment's line).
    fn sentences_run(&self, number: usize) -> bool {
        let mut run = 0;
        for i in number..self.line_count() {
            let line = rstrip(self.lines[i]).trim_end_matches(CLOSING_QUOTES);
            run = if !self.removed.contains(i) && length(line) >= PARAGRAPH_LENGTH && ends_in(line, "。！？") {
                run + 1
            } else {
                0
            };
            if run == ARTICLE_SENTENCES {
                return true;
            }
        }
        false
    }

    /// Whether line `number` reads as a paragraph: `PARAGRAPH_LENGTH` characters or more, or a
    /// clause's end before any closing quotes (…还有很多。”).
    pub fn paragraph_shaped(&self, number: usize) -> bool {
        let line = rstrip(self.lines[number]).trim_end_matches(CLOSING_QUOTES);
        length(line) >= PARAGRAPH_LENGTH || ends_in(line, PARAGRAPH_END)
    }

    /// Whether `line` reads as a headline by itself: headline-sized words, not a counter (alone or
    /// after its label: 分数：100), a user's handle, a widget's word (日期选择), a line of fields
    /// or a sentence.
    pub fn headline_shaped(&mut self, line: &str) -> bool {
        let stripped = strip(line);
        last(line).is_some_and(|c| !NOT_HEADLINE_END.contains(c))
            && headline_sized(line)
            && !self.widget_word(line)
            && line.chars().filter(|&c| is_alpha(c)).count() >= MIN_TITLE_LETTERS
            && !handle(stripped)
            && !labelled_count(stripped)
            && self.fields(line, false).is_none()
    }

    /// Whether line `number` reads as a headline over a paragraph's length of text.
    pub fn headline_over_paragraph(&mut self, number: usize) -> bool {
        self.headline_shaped(self.lines[number])
            && number + 1 < self.line_count()
            && length(self.lines[number + 1]) >= PARAGRAPH_LENGTH
    }

    /// Whether line `number` is a short label set off by a comma or a colon, its value on the
    /// next line (图像加注文字， / a caption, Author, / the author's name, 朝代： / 唐代).
    pub fn short_label(&self, number: usize) -> bool {
        let line = strip(self.lines[number]);
        ends_in(line, LABEL_ENDS) && (1..=SECTION_NAME_MAX_LENGTH).contains(&length(&letters(line)))
    }

    /// Whether line `number` is the value of a short label above it (`short_label`).
    pub fn label_value(&self, number: usize) -> bool {
        number > 0 && self.short_label(number - 1)
    }

    /// Whether line `number` is a headline's label alone, the headline on the next line (a
    /// thread's 主题： / its subject): the two as one line are a title by a rule above the body.
    pub fn headline_label(&self, number: usize) -> bool {
        let Some(value) = self.lines.get(number + 1) else { return false };
        let joined = format!("{}{}", strip(self.lines[number]), strip(value));
        self.line_rule(&joined, TOP_BLOCK, false)
            .is_some_and(|found| fact(&self.rule_facts(found, &joined), "title").is_some())
    }

    /// Whether line `number` is a column's name alone right above a line of fields, as a site
    /// sets it between the headline and the dateline (天下 / 2022-06-15 18:30): a section's
    /// name's length, no clause.
    pub fn section_over_fields(&mut self, number: usize) -> bool {
        let line = strip(self.lines[number]);
        (1..=SECTION_NAME_MAX_LENGTH).contains(&length(&letters(line)))
            && !clause_mark(line)
            && number + 1 < self.line_count()
            && self.fields(self.lines[number + 1], false).is_some()
    }

    /// Whether line `number` is a line of fields with a date.
    pub fn dated(&mut self, number: usize) -> bool {
        number < self.line_count()
            && self.fields(self.lines[number], false).is_some_and(|facts| fact(&facts, "published").is_some())
    }

    /// Whether a dated line stands close below line `number`, as under a headline.
    pub fn dated_under(&mut self, number: usize) -> bool {
        (number + 1..number + 1 + super::TITLE_FIELDS_WITHIN + super::COUNTERS_UNDER_TITLE)
            .any(|below| self.dated(below))
    }

    /// Whether the line below line `number` is a field's label alone, its value on the next line
    /// (来源于： / 东区办事处): a site that puts its date at the bottom heads the article so.
    pub fn label_below(&self, number: usize) -> bool {
        number + 2 < self.line_count() && self.book.grammar.label_alone(self.lines[number + 1])
    }

    /// The page's text without the lines removed, with the lines cut.
    pub fn body(&self) -> String {
        let kept: Vec<&str> = (0..self.line_count())
            .filter(|&i| !self.removed.contains(i))
            .map(|i| self.edited.get(&i).map_or(self.lines[i], String::as_str))
            .collect();
        kept.join("\n")
    }
}
