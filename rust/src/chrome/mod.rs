//! Site chrome, page by page: the control flow of the chrome step (`textfix.chrome`) over one
//! page's lines. The page is read as three parts: a top block of chrome above the body
//! (breadcrumb, title, dateline, widgets), the body, and a bottom block below it (editor line,
//! end marks, related news, copyright, licences, garbage that could not be repaired); around
//! the article of a whole page, its furniture.
//!
//! The rule book's compiled parts (line rules, field grammar, garbage score, word scans) are
//! read here; its patterns that need a backtracking engine (the rules' tolerant forms, the head
//! and tail rules, the names of a byline, a <title>'s separators) are read through `Hooks`.

mod bottom;
mod furnished;
mod middle;
mod page;
mod removals;
mod text;
mod top;

#[cfg(test)]
mod tests;

use std::collections::HashSet;

use crate::detect::Garbage;
use crate::furniture::LIST_HEAD_MAX_LENGTH;
use crate::grammar::{Facts, Grammar};
use crate::linerules::{LineRules, WordScan, ANYWHERE, BOTTOM, TOP};

use page::Page;
pub use removals::Removal;

/// The places of the line rules a line is read with: the block above the body, the block below
/// it, the body.
pub const TOP_BLOCK: u8 = TOP | ANYWHERE;
pub const BOTTOM_BLOCK: u8 = BOTTOM | ANYWHERE;
pub const BODY: u8 = ANYWHERE;
const TOP_SCAN_LINES: usize = 12;
/// A lead a head rule cuts off a paragraph is short: its keywords are in its first words; and
/// so is a byline, source or end mark a tail rule cuts off.
pub const HEAD_MAX_LENGTH: usize = 50;
pub const TAIL_MAX_LENGTH: usize = 50;
const GARBAGE_THRESHOLD: f64 = 0.5;
/// A section's name a <title> may open with (工作动态, 学术动态) is this short; a headline seldom
/// is.
const SECTION_NAME_MAX_LENGTH: usize = 6;
/// Lines below a headline its dateline may be (bare counters aside).
const TITLE_FIELDS_WITHIN: usize = 3;
const COUNTERS_UNDER_TITLE: usize = 4;
/// A headline's tool row (share, LINE, print, comments, font size: one button a line) may stand
/// between it and its dateline: this many lines at most, each a widget the rule book knows.
const TOOL_ROW_MAX: usize = 12;
pub use crate::grammar::MIDDLE_FIELDS_MAX_LENGTH;

/// The rule book's parts the chrome step reads in the core.
pub struct Book<'a> {
    pub matcher: &'a LineRules,
    pub grammar: &'a Grammar,
    pub garbage: &'a Garbage,
    /// The rule book's widget words in every spelling (`FieldGrammar.widget_words`).
    pub widget_words: &'a HashSet<String>,
    /// Each line rule's name.
    pub rule_names: &'a [String],
    /// Whether each line rule heads a list (`drops_following`).
    pub drops_following: &'a [bool],
    /// Whether each line rule takes a line only where the page says its words again
    /// (`said_again`: a summary box over the article it sums up).
    pub said_again: &'a [bool],
    /// The keywords of the rules for anywhere that can match lines longer than
    /// `MIDDLE_FIELDS_MAX_LENGTH`.
    pub middle_keywords: &'a WordScan,
    /// The keywords of the rules that name a site's notice.
    pub notice_keywords: &'a WordScan,
    /// The keywords of the head rules and of the tail rules (`Hooks::head`, `Hooks::tail`): a
    /// paragraph whose edge holds none is no rule's; None where a rule needs no keyword.
    pub head_keywords: Option<&'a WordScan>,
    pub tail_keywords: Option<&'a WordScan>,
}

/// The rule book's patterns read by a backtracking engine, and NFKC.
pub trait Hooks {
    /// `text` in NFKC; None once a hook failed (the page's reading is then dropped).
    fn nfkc(&self, text: &str) -> Option<String>;
    /// The line rule for `places` that `line` meets with its lost characters standing for any.
    fn tolerant_rule(&self, line: &str, places: u8) -> Option<usize>;
    /// The facts of line rule `number` in `line` as it matches with lost characters.
    fn tolerant_facts(&self, number: usize, line: &str) -> Facts;
    /// Whether `text` is a line of people's names only (杜红涵 侯志).
    fn names_line(&self, text: &str) -> bool;
    /// The field of a bracketed byline glued to its label.
    fn glued_facts(&self, inner: &str) -> Option<Facts>;
    /// The first head rule that cuts a lead off `line` from character `indent` on: its name, the
    /// text it cuts, the character it ends at and its facts.
    fn head(&self, line: &str, indent: usize) -> Option<(String, String, usize, Facts)>;
    /// The first tail rule that cuts an end off `line` from character `tail_start` on: its name,
    /// the character it starts at and its facts.
    fn tail(&self, line: &str, tail_start: usize) -> Option<(String, usize, Facts)>;
    /// A page's <title> without the site's name and section after the headline.
    fn headline_of(&self, page_title: &str) -> String;
    /// The parts of a page's <title> between its separators, in order.
    fn title_parts(&self, page_title: &str) -> Vec<String>;
    /// A column's name and its stroke opening a title (政能亮丨…): the name, and the character
    /// the headline starts at.
    fn column_mark(&self, title: &str) -> Option<(String, usize)>;
}

/// A byline, end mark or lead cut off a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Affix {
    pub line: usize,
    pub rule: String,
    pub text: String,
    pub facts: Facts,
    /// "head" or "tail".
    pub part: &'static str,
}

/// What one reading of a page found: its body, its removed lines (by line) and its affixes.
pub struct Reading {
    pub body: String,
    pub removals: Vec<(usize, Removal)>,
    pub affixes: Vec<Affix>,
}

/// Read `text` once: the top block, the bottom block, a whole page's furniture on its first
/// pass (or a site's menu above its headline), the body's own chrome, and the lead of a whole
/// page's article. `headline` is the letters of the headline the page's markup names.
pub fn remove_once(
    text: &str,
    book: &Book,
    hooks: &dyn Hooks,
    whole_page: bool,
    first_pass: bool,
    headline: Option<&str>,
) -> Reading {
    let mut page = Page::new(text, book, hooks, headline);
    let mut first_body = page.scan_top(0, false);
    let mut end_body = page.scan_bottom(first_body);
    let article = if whole_page && first_pass { page.furnished_article(first_body, end_body) } else { None };
    if let Some(article) = article {
        let start = page.strip_furniture(first_body, end_body, article);
        first_body = page.scan_top(start, false);
        end_body = page.scan_bottom(first_body);
    } else if whole_page
        && first_pass
        && first_body < end_body
        && (first_body == 0 || text::length(page.lines[first_body]) <= LIST_HEAD_MAX_LENGTH)
    {
        // (a menu may open there)
        let menu_start = first_body;
        first_body = page.scan_top(first_body, true);
        if first_body != menu_start {
            end_body = page.scan_bottom(first_body);
        }
    }
    let removed_before = page.removed.len();
    page.read_middle(first_body, end_body);
    // A list the middle pass took out (related news after their heading) may have hidden the
    // end of the bottom block: the editor line above the heading. (With nothing taken out, the
    // scan would stop where it stopped.)
    if page.removed.len() > removed_before {
        end_body = page.scan_bottom(first_body);
    }
    // An extractor keeps the lead of an article (新华社上海11月30日电): it is the article's first
    // words.
    if whole_page {
        if let Some(first) = (first_body..end_body).find(|&i| !page.removed.contains(i)) {
            while page.strip_head(first) {}
        }
    }
    page.drop_column_name();
    let body = page.body();
    Reading { body, removals: page.removed.by_line(), affixes: page.affixes }
}
