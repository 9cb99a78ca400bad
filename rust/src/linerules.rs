//! The chrome rule book's line rules, compiled once: which rule a line of a page meets.
//!
//! A line reaches the rules only through their keywords: one Aho-Corasick scan of the line
//! (leftmost-longest, without overlaps, as the rule book's literal prefilter always read it)
//! names the rules that need a keyword found, and those are tried in the book's order.

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use regex::Regex;
use rustc_hash::FxHashMap;

use crate::memo::Memo;

/// Where a rule applies, as bits: a line is asked about with the places it stands in.
pub const TOP: u8 = 1;
pub const BOTTOM: u8 = 2;
pub const ANYWHERE: u8 = 4;

/// The bit of a place's name in the rule book (`top`, `bottom`, `anywhere`).
pub fn place(name: &str) -> Result<u8, String> {
    match name {
        "top" => Ok(TOP),
        "bottom" => Ok(BOTTOM),
        "anywhere" => Ok(ANYWHERE),
        _ => Err(format!("unknown place {name:?}")),
    }
}

/// One line rule as the rule book writes it, every spelling joined into each pattern.
pub struct RuleSpec {
    pub place: u8,
    pub max_length: usize,
    pub pattern: String,
    /// A pattern the line must match as well (what a lookahead at the start said).
    pub requires: Option<String>,
    /// A pattern the line must not match.
    pub unless: Option<String>,
    /// Every spelling of the keywords the rule needs.
    pub keywords: Vec<String>,
}

struct LineRule {
    place: u8,
    max_length: usize,
    pattern: Regex,
    requires: Option<Regex>,
    unless: Option<Regex>,
    /// The fact each capture group names (`None` for unnamed groups).
    facts: Vec<Option<String>>,
}

impl LineRule {
    fn matches(&self, line: &str) -> bool {
        self.pattern.is_match(line) && self.guards_hold(line)
    }

    fn guards_hold(&self, line: &str) -> bool {
        self.requires.as_ref().is_none_or(|r| r.is_match(line))
            && !self.unless.as_ref().is_some_and(|r| r.is_match(line))
    }
}

/// A fact name of the rule book may stand in several spellings of one pattern (each spelling
/// is an alternative): the regex crate wants each group name once, so the k-th group of a name
/// is compiled as `name__k`.
const GROUP_SUFFIX: &str = "__";

fn numbered_groups(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut seen = 0;
    let mut rest = pattern;
    while let Some(at) = rest.find(['\\', '(']) {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        if rest.starts_with('\\') {
            let len = 1 + rest[1..].chars().next().map_or(0, char::len_utf8);
            out.push_str(&rest[..len]);
            rest = &rest[len..];
        } else if let Some(after) = rest.strip_prefix("(?P<").or_else(|| rest.strip_prefix("(?<")) {
            let end = after.find('>').unwrap_or(after.len());
            seen += 1;
            out.push_str(&format!("(?P<{}{GROUP_SUFFIX}{seen}>", &after[..end]));
            rest = after.get(end + 1..).unwrap_or("");
        } else {
            out.push('(');
            rest = &rest[1..];
        }
    }
    out.push_str(rest);
    out
}

fn compile(pattern: &str) -> Result<Regex, String> {
    Regex::new(&numbered_groups(pattern)).map_err(|e| format!("{pattern:?}: {e}"))
}

/// The line rules of a rule book and their keyword scans.
pub struct LineRules {
    rules: Vec<LineRule>,
    keywords: AhoCorasick,
    keyword_rules: Vec<Vec<usize>>,
    /// The keywords of two characters or more with one lost to U+FFFD (打�, 许�证).
    lost: AhoCorasick,
    lost_rules: Vec<Vec<usize>>,
    /// The first rule each line meets, by places (`first_of`).
    firsts: Memo<Option<usize>, { (TOP | BOTTOM | ANYWHERE) as usize + 1 }>,
}

/// A scan for `words`; as a DFA where every line of every page is scanned (`every_line`: the
/// rule book's keywords make one of a few megabytes at most), else as the builder picks (the
/// keywords with a character lost, scanned on damaged lines only, would take longer to build as
/// a DFA than they are ever scanned).
fn automaton(words: &[String], every_line: bool) -> Result<AhoCorasick, String> {
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .kind(every_line.then_some(AhoCorasickKind::DFA))
        .build(words)
        .map_err(|e| e.to_string())
}

impl LineRules {
    /// Compile `specs`, in the rule book's order.
    pub fn new(specs: Vec<RuleSpec>) -> Result<Self, String> {
        let mut keywords = KeywordIndex::default();
        let mut lost = KeywordIndex::default();
        let mut rules = Vec::with_capacity(specs.len());
        for (number, spec) in specs.into_iter().enumerate() {
            for word in &spec.keywords {
                keywords.add(word.clone(), number);
                let chars: Vec<char> = word.chars().collect();
                if chars.len() > 1 {
                    for k in 0..chars.len() {
                        let mut damaged = chars.clone();
                        damaged[k] = '\u{fffd}';
                        lost.add(damaged.into_iter().collect(), number);
                    }
                }
            }
            let pattern = compile(&spec.pattern)?;
            let facts = pattern
                .capture_names()
                .map(|name| name.map(|n| n.rsplit_once(GROUP_SUFFIX).map_or(n, |(base, _)| base).to_owned()))
                .collect();
            rules.push(LineRule {
                place: spec.place,
                max_length: spec.max_length,
                pattern,
                requires: spec.requires.as_deref().map(compile).transpose()?,
                unless: spec.unless.as_deref().map(compile).transpose()?,
                facts,
            });
        }
        Ok(LineRules {
            rules,
            keywords: automaton(&keywords.words, true)?,
            keyword_rules: keywords.rules,
            lost: automaton(&lost.words, false)?,
            lost_rules: lost.rules,
            firsts: Memo::default(),
        })
    }

    /// The number of the first rule for `places` that `line` meets (its length within the
    /// rule's `max_length`, in characters), among those that need a keyword it holds.
    pub fn rule_for(&self, line: &str, places: u8) -> Option<usize> {
        self.first_of(self.holding(line, &self.keywords, &self.keyword_rules), line, places)
    }

    /// Whether the first rule for `places` that `line` meets (`rule_for`) is one of `wanted`
    /// (flags by rule number). The patterns run only where a wanted rule for `places` needs a
    /// keyword the line holds: most lines hold none.
    pub fn first_rule_among(&self, line: &str, places: u8, wanted: &[bool]) -> bool {
        let candidates = self.holding(line, &self.keywords, &self.keyword_rules);
        let wanted_rule = |number: usize| wanted.get(number) == Some(&true);
        if !candidates.iter().any(|&number| wanted_rule(number) && self.rules[number].place & places != 0) {
            return false;
        }
        self.first_of(candidates, line, places).is_some_and(wanted_rule)
    }

    /// The first of rules `candidates` (those `line` holds a keyword of) for `places` that
    /// `line` meets; remembered, as the patterns cost more than the lookup.
    fn first_of(&self, candidates: Vec<usize>, line: &str, places: u8) -> Option<usize> {
        if candidates.is_empty() {
            return None;
        }
        self.firsts.get_or(line, usize::from(places), || {
            let mut length = None;
            candidates.into_iter().find(|&number| {
                let rule = &self.rules[number];
                rule.place & places != 0
                    && *length.get_or_insert_with(|| line.chars().count()) <= rule.max_length
                    && rule.matches(line)
            })
        })
    }

    /// The numbers of the rules that need a keyword `line` holds whole, or one `damaged`
    /// holds with a character lost to U+FFFD; in the book's order.
    pub fn damaged_candidates(&self, line: &str, damaged: &str) -> Vec<usize> {
        let mut numbers = self.holding(line, &self.keywords, &self.keyword_rules);
        numbers.extend(self.holding(damaged, &self.lost, &self.lost_rules));
        numbers.sort_unstable();
        numbers.dedup();
        numbers
    }

    fn holding(&self, line: &str, keywords: &AhoCorasick, rules: &[Vec<usize>]) -> Vec<usize> {
        let mut numbers: Vec<usize> = Vec::new();
        for found in keywords.find_iter(line) {
            numbers.extend(&rules[found.pattern().as_usize()]);
        }
        if numbers.len() > 1 {
            numbers.sort_unstable();
            numbers.dedup();
        }
        numbers
    }

    /// The facts (named groups) of rule `number`'s first match in `line`, as byte ranges, in
    /// the order the pattern names them; `None` if the line does not meet the rule.
    pub fn facts(&self, number: usize, line: &str) -> Option<Vec<(&str, usize, usize)>> {
        let rule = &self.rules[number];
        let captures = rule.pattern.captures(line).filter(|_| rule.guards_hold(line))?;
        let mut facts: Vec<(&str, usize, usize)> = Vec::new();
        for (group, name) in rule.facts.iter().enumerate() {
            let (Some(name), Some(found)) = (name, captures.get(group)) else { continue };
            if found.is_empty() {
                continue;
            }
            match facts.iter_mut().find(|(seen, _, _)| seen == name) {
                Some(fact) => *fact = (name, found.start(), found.end()),
                None => facts.push((name, found.start(), found.end())),
            }
        }
        Some(facts)
    }

    /// How many rules there are.
    pub fn len(&self) -> usize {
        self.rules.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }
}

/// The distinct keywords of the rules, in the order first met, each with the rules that need it.
#[derive(Default)]
struct KeywordIndex {
    words: Vec<String>,
    rules: Vec<Vec<usize>>,
    position: FxHashMap<String, usize>,
}

impl KeywordIndex {
    /// Rule `number` needs `word`.
    fn add(&mut self, word: String, number: usize) {
        match self.position.get(&word) {
            Some(&at) => {
                if !self.rules[at].contains(&number) {
                    self.rules[at].push(number)
                }
            }
            None => {
                self.position.insert(word.clone(), self.words.len());
                self.words.push(word);
                self.rules.push(vec![number]);
            }
        }
    }
}

/// Lines holding any of a set of words: one scan of the whole text, every line it touches.
pub struct WordScan {
    words: AhoCorasick,
}

impl WordScan {
    pub fn new(words: &[String]) -> Result<Self, String> {
        Ok(WordScan { words: automaton(words, true)? })
    }

    /// Whether `text` holds one of the words.
    pub fn holds(&self, text: &str) -> bool {
        self.words.is_match(text)
    }

    /// The indices of `lines` that hold one of the words.
    pub fn lines_holding<'a>(&self, lines: impl IntoIterator<Item = &'a str>) -> Vec<usize> {
        lines.into_iter().enumerate().filter(|(_, line)| self.words.is_match(*line)).map(|(i, _)| i).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(place: u8, max_length: usize, pattern: &str, keywords: &[&str]) -> RuleSpec {
        RuleSpec {
            place,
            max_length,
            pattern: pattern.into(),
            requires: None,
            unless: None,
            keywords: keywords.iter().map(|k| k.to_string()).collect(),
        }
    }

    fn book() -> LineRules {
        let mut login = spec(ANYWHERE, 40, r"^(?:[|\s]*[^|\s，。]{1,10}){1,5}[|\s]*$", &["登录", "注册"]);
        login.requires = Some(r"^(?:.*[|\s])?(?:登录|注册)(?:[|\s]|$)".into());
        let mut lead = spec(TOP, 40, r"^\p{Han}{1,8}讯", &["讯"]);
        lead.unless = Some("^据".into());
        LineRules::new(vec![
            spec(TOP, 80, r"^(?:当前位置|位置)\s*[:：]\s*(?P<breadcrumb>.{1,70})$", &["位置"]),
            spec(ANYWHERE, 12, r"^[（(【\[]*\s*(?:完|END)\s*[）)】\]]*$", &["完", "END"]),
            login,
            lead,
            spec(
                ANYWHERE,
                40,
                r"^(?:(?:记者)(?P<author>\p{Han}{2,4})报道|(?:記者)(?P<author>\p{Han}{2,4})報導)$",
                &["记者", "記者"],
            ),
        ])
        .unwrap()
    }

    #[test]
    fn a_rule_applies_in_its_places_and_lengths() {
        let rules = book();
        assert_eq!(rules.rule_for("当前位置：首页 > 新闻", TOP | ANYWHERE), Some(0));
        assert_eq!(rules.rule_for("当前位置：首页 > 新闻", BOTTOM | ANYWHERE), None);
        assert_eq!(rules.rule_for("（完）", BOTTOM | ANYWHERE), Some(1));
        assert_eq!(rules.rule_for("（完）完完完完完完完完完完", ANYWHERE), None); // 13 characters
        assert_eq!(rules.rule_for("一篇报道的正文", ANYWHERE), None);
    }

    #[test]
    fn the_first_rule_met_among_some() {
        let rules = book();
        let wanted = [false, true, false, false, false];
        assert!(rules.first_rule_among("（完）", BOTTOM | ANYWHERE, &wanted));
        assert!(!rules.first_rule_among("（完）", BOTTOM | ANYWHERE, &[true, false, true, true, true]));
        assert!(!rules.first_rule_among("当前位置：首页 > 新闻", TOP | ANYWHERE, &wanted));
        // a wanted rule the line holds the keyword of, behind an earlier rule it meets
        let both =
            LineRules::new(vec![spec(ANYWHERE, 20, "完", &["完"]), spec(ANYWHERE, 20, "^完$", &["完"])]).unwrap();
        assert!(!both.first_rule_among("完", ANYWHERE, &[false, true]));
        assert!(both.first_rule_among("完", ANYWHERE, &[true, false]));
    }

    #[test]
    fn requires_and_unless_hold() {
        let rules = book();
        assert_eq!(rules.rule_for("登录 | 注册", ANYWHERE), Some(2));
        assert_eq!(rules.rule_for("请登录后 | 阅读", ANYWHERE), None);
        assert_eq!(rules.rule_for("新京报讯", TOP), Some(3));
        assert_eq!(rules.rule_for("据新京报讯", TOP), None);
    }

    #[test]
    fn keywords_found_leftmost_longest_without_overlaps() {
        // BC overlaps AB, found first: an overlapping scan would try rule 0 too
        let rules =
            LineRules::new(vec![spec(ANYWHERE, 20, "BC", &["BC"]), spec(ANYWHERE, 20, "^AB$", &["AB"])]).unwrap();
        assert_eq!(rules.rule_for("ABC", ANYWHERE), None);
        assert_eq!(rules.rule_for("xBC", ANYWHERE), Some(0));
    }

    #[test]
    fn facts_of_any_spelling() {
        let rules = book();
        let line = "記者王曉明報導";
        let facts = rules.facts(4, line).unwrap();
        assert_eq!(facts.iter().map(|&(n, s, e)| (n, &line[s..e])).collect::<Vec<_>>(), vec![("author", "王曉明")]);
        assert_eq!(rules.facts(0, "首页"), None);
        assert_eq!(rules.facts(3, "据新京报讯"), None);
    }

    #[test]
    fn damaged_lines_reach_the_rules_of_their_lost_keywords() {
        let rules = book();
        assert_eq!(rules.damaged_candidates("（\u{fffd}）", "当前位\u{fffd}：首页"), vec![0]);
        assert_eq!(rules.damaged_candidates("记者 登录", "登\u{fffd}"), vec![2, 4]);
    }

    #[test]
    fn escaped_parentheses_are_no_groups() {
        assert_eq!(numbered_groups(r"\(?P<x>a)(?P<x>b)"), r"\(?P<x>a)(?P<x__1>b)");
    }

    #[test]
    fn keywords_are_indexed_once_in_the_order_first_met() {
        let mut index = KeywordIndex::default();
        for (word, number) in [("完", 0), ("END", 0), ("完", 2), ("完", 2), ("位置", 1)] {
            index.add(word.into(), number);
        }
        assert_eq!(index.words, ["完", "END", "位置"]);
        assert_eq!(index.rules, [vec![0, 2], vec![0], vec![1]]);
    }

    #[test]
    fn word_scan_finds_lines() {
        let scan = WordScan::new(&["关注".into(), "记者".into()]).unwrap();
        assert_eq!(scan.lines_holding(["正文", "欢迎关注", "", "本报记者"]), vec![1, 3]);
    }
}
