//! Pages read with a small rule book: the page's state and whole readings.

use std::collections::HashSet;

use super::page::Page;
use super::{remove_once, Book, Hooks, Reading, BOTTOM, TOP};
use crate::detect::{CharSet, Garbage};
use crate::grammar::{Facts, Grammar, Spec};
use crate::linerules::{LineRules, RuleSpec, WordScan, ANYWHERE};

const PARAGRAPH: &str =
    "国务院总理主持召开国务院常务会议，部署推动新一轮大规模设备更新和消费品以旧换新工作，会议强调要坚持市场为主。";

/// Hooks that know no names, no tolerant forms and no affix rules; a <title>'s parts are split
/// at `_`.
struct NoHooks;

impl Hooks for NoHooks {
    fn nfkc(&self, text: &str) -> Option<String> {
        Some(text.to_owned())
    }
    fn tolerant_rule(&self, _: &str, _: u8) -> Option<usize> {
        None
    }
    fn tolerant_facts(&self, _: usize, _: &str) -> Facts {
        Facts::new()
    }
    fn names_line(&self, _: &str) -> bool {
        false
    }
    fn glued_facts(&self, _: &str) -> Option<Facts> {
        None
    }
    fn head(&self, _: &str, _: usize) -> Option<(String, String, usize, Facts)> {
        None
    }
    fn tail(&self, _: &str, _: usize) -> Option<(String, usize, Facts)> {
        None
    }
    fn headline_of(&self, page_title: &str) -> String {
        page_title.split('_').next().unwrap_or_default().to_owned()
    }
    fn title_parts(&self, page_title: &str) -> Vec<String> {
        page_title.split('_').filter(|part| !part.trim().is_empty()).map(str::to_owned).collect()
    }
    fn column_mark(&self, _: &str) -> Option<(String, usize)> {
        None
    }
}

/// The parts of a small rule book: a breadcrumb above the body, a copyright and a heading of
/// related news (which drops the list below it) below it.
struct Parts {
    matcher: LineRules,
    grammar: Grammar,
    garbage: Garbage,
    widget_words: HashSet<String>,
    rule_names: Vec<String>,
    drops_following: Vec<bool>,
    said_again: Vec<bool>,
    middle_keywords: WordScan,
    notice_keywords: WordScan,
}

fn rule(place: u8, pattern: &str, keyword: &str) -> RuleSpec {
    RuleSpec {
        place,
        max_length: 80,
        pattern: pattern.to_owned(),
        requires: None,
        unless: None,
        keywords: vec![keyword.to_owned()],
    }
}

fn parts() -> Parts {
    let words = |words: &[&str]| words.iter().map(|w| w.to_string()).collect::<Vec<_>>();
    let labels = [("来源", "source"), ("作者", "author"), ("责任编辑", "editor")];
    let spec = Spec {
        labels: labels.iter().map(|&(label, field)| (label.to_owned(), field.to_owned(), 0)).collect(),
        date_labels: words(&["发布时间"]),
        places: Vec::new(),
        unspaced: Vec::new(),
        longer_widgets: words(&["打印", "关闭"]),
        single_widgets: Vec::new(),
        widget_words: words(&["打印", "关闭"]),
        datetime: r"(?P<slashdate>)\d{4}-\d{2}-\d{2}(?:\s*\d{1,2}:\d{2})?".to_owned(),
        time: r"\d{1,2}:\d{2}".to_owned(),
        count: r"\d+".to_owned(),
        start: r"[\s|｜【\[（(]*\S".to_owned(),
        strict_start: r"[\s|｜【\[（(]*\S".to_owned(),
        start_words: Vec::new(),
        start_reach: r"[\s|｜【\[（(]*".to_owned(),
        lost: Vec::new(),
    };
    let class = |c: &str| CharSet::from_class(c).unwrap();
    Parts {
        matcher: LineRules::new(vec![
            rule(TOP, r"^首页\s*>\s*(?P<breadcrumb>.+)$", "首页"),
            rule(BOTTOM | ANYWHERE, r"^版权所有.*$", "版权所有"),
            rule(BOTTOM | ANYWHERE, r"^相关新闻$", "相关新闻"),
        ])
        .unwrap(),
        grammar: Grammar::new(spec).unwrap(),
        garbage: Garbage::new(
            &CharSet::from_chars("涓浗".chars()),
            class("\u{4e00}-\u{9fff}"),
            class("\u{a0}"),
            class("\u{fffd}"),
        ),
        widget_words: words(&["打印", "关闭"]).into_iter().collect(),
        rule_names: words(&["breadcrumb", "copyright", "related-news"]),
        drops_following: vec![false, false, true],
        said_again: vec![false; 3],
        middle_keywords: WordScan::new(&words(&["版权所有"])).unwrap(),
        notice_keywords: WordScan::new(&[]).unwrap(),
    }
}

fn book(parts: &Parts) -> Book<'_> {
    Book {
        matcher: &parts.matcher,
        grammar: &parts.grammar,
        garbage: &parts.garbage,
        widget_words: &parts.widget_words,
        rule_names: &parts.rule_names,
        drops_following: &parts.drops_following,
        said_again: &parts.said_again,
        middle_keywords: &parts.middle_keywords,
        notice_keywords: &parts.notice_keywords,
        head_keywords: None,
        tail_keywords: None,
    }
}

fn facts(pairs: &[(&str, &str)]) -> Facts {
    pairs.iter().map(|&(key, value)| (key.to_owned(), value.to_owned())).collect()
}

fn rules(reading: &Reading) -> Vec<(usize, &str)> {
    reading.removals.iter().map(|(line, removal)| (*line, removal.rule.as_str())).collect()
}

#[test]
fn merged_facts_take_the_first_of_each_kind_in_the_order_lines_were_first_removed() {
    let parts = parts();
    let book = book(&parts);
    let text = "a\nb\nc\nd";
    let mut page = Page::new(text, &book, &NoHooks, None);
    page.remove(2, "dateline", facts(&[("published", "2025-02-19"), ("source", "新华社")]));
    page.remove(0, "byline", facts(&[("author", "王五"), ("source", "大众日报")]));
    assert_eq!(page.merged_fact("source").as_deref(), Some("新华社"));
    // a removal that replaces another keeps its place: 2 still comes before 0
    page.remove(2, "source", facts(&[("source", "人民日报")]));
    assert_eq!(page.merged_fact("source").as_deref(), Some("人民日报"));
    assert_eq!(page.merged_fact("published"), None);
    // replacing a removal with facts by one without them changes the merged facts too
    page.remove_bare(2, "boilerplate");
    assert_eq!(page.merged_fact("source").as_deref(), Some("大众日报"));
    let order: Vec<usize> = page.removed.iter().map(|(number, _)| number).collect();
    assert_eq!(order, [2, 0]);
}

#[test]
fn markup_is_no_fact() {
    let parts = parts();
    let book = book(&parts);
    let mut page = Page::new("作者： size=\"20\"", &book, &NoHooks, None);
    page.remove(0, "byline", facts(&[("author", "size=\"20\""), ("editor", "李四")]));
    assert_eq!(page.removed.get(0).unwrap().facts, facts(&[("editor", "李四")]));
}

#[test]
fn a_page_loses_its_chrome_above_and_below_the_body() {
    let parts = parts();
    let book = book(&parts);
    let text = [
        "首页 > 新闻",
        "国务院常务会议部署推动设备更新",
        "2025-02-19 10:30 来源：新华社",
        PARAGRAPH,
        PARAGRAPH,
        "责任编辑：王五",
        "版权所有 新华网",
    ]
    .join("\n");
    let reading = remove_once(&text, &book, &NoHooks, true, true, None);
    assert_eq!(reading.body, format!("{PARAGRAPH}\n{PARAGRAPH}"));
    assert_eq!(rules(&reading), [(0, "breadcrumb"), (1, "title"), (2, "dateline"), (5, "editor"), (6, "copyright")]);
    assert_eq!(reading.removals[1].1.facts, facts(&[("title", "国务院常务会议部署推动设备更新")]));
    assert_eq!(reading.removals[2].1.facts, facts(&[("published", "2025-02-19 10:30"), ("source", "新华社")]));
    assert!(reading.affixes.is_empty());
}

#[test]
fn a_list_goes_with_its_heading_unless_text_goes_on_below() {
    let parts = parts();
    let book = book(&parts);
    let text = [PARAGRAPH, PARAGRAPH, "相关新闻", "设备更新提速", "以旧换新见效"].join("\n");
    let reading = remove_once(&text, &book, &NoHooks, true, true, None);
    assert_eq!(rules(&reading), [(2, "related-news"), (3, "related-list"), (4, "related-list")]);
    // (a paragraph longer than a headline is running text, no list's)
    let long = PARAGRAPH.repeat(2);
    let text = [PARAGRAPH, "相关新闻", &long, &long].join("\n");
    let reading = remove_once(&text, &book, &NoHooks, true, true, None);
    assert_eq!(rules(&reading), [(1, "related-news")]);
}

#[test]
fn counts_after_sentences_are_widgets_unless_they_number_sections() {
    let parts = parts();
    let book = book(&parts);
    let text = [PARAGRAPH, "37", PARAGRAPH, "[2]", PARAGRAPH].join("\n");
    let reading = remove_once(&text, &book, &NoHooks, false, true, None);
    assert_eq!(rules(&reading), [(1, "counter"), (3, "counter")]);
    let text = ["1", PARAGRAPH, "2", PARAGRAPH].join("\n");
    let reading = remove_once(&text, &book, &NoHooks, false, true, None);
    assert_eq!(reading.body, text);
}
