//! The one-scan fast path of damage detection: sets of characters as bitsets, and the scan for a
//! suspect character or a stray byte that decides whether a page or line is looked at further.
//!
//! The character classes are given as regular-expression class contents (the same strings the
//! Python patterns of `textfix.repair.detect` are built from), so each rule is written once.

use std::sync::Arc;

use regex::Regex;
use regex_syntax::hir::{Class, HirKind, Literal};
use rustc_hash::FxHashSet;

use crate::chains::Family;
use crate::charmodel::{CharModel, BOUNDARY};
use crate::codecs;
use crate::lines::lines;

/// A set of characters, scanned fast: a bitset over the Basic Multilingual Plane and a hash set
/// for the rest.
#[derive(Clone, Debug, Default)]
pub struct CharSet {
    bmp: Vec<u64>,
    other: FxHashSet<char>,
}

impl CharSet {
    pub fn from_chars(chars: impl IntoIterator<Item = char>) -> CharSet {
        let mut set = CharSet { bmp: vec![0; 1024], other: FxHashSet::default() };
        for c in chars {
            set.insert(c);
        }
        set
    }

    /// The characters of the Basic Multilingual Plane that the class `[class]` matches: the
    /// ranges the regex parser makes of it (testing each of the 65,536 characters against the
    /// compiled class cost a process 50 ms at start-up).
    pub fn from_class(class: &str) -> Result<CharSet, regex::Error> {
        let pattern = format!("[{class}]");
        // (the regex crate words a syntax error as its parser does)
        let parsed = regex_syntax::Parser::new().parse(&pattern).map_err(|e| regex::Error::Syntax(e.to_string()))?;
        let ranges: Vec<(char, char)> = match parsed.kind() {
            HirKind::Class(Class::Unicode(class)) => class.iter().map(|r| (r.start(), r.end())).collect(),
            HirKind::Literal(Literal(bytes)) => match std::str::from_utf8(bytes).ok().and_then(|s| s.chars().next()) {
                Some(c) => vec![(c, c)],
                None => return CharSet::scanned(&pattern),
            },
            _ => return CharSet::scanned(&pattern),
        };
        let bmp_end = '\u{ffff}';
        Ok(CharSet::from_chars(
            ranges.into_iter().filter(|&(start, _)| start <= bmp_end).flat_map(|(start, end)| start..=end.min(bmp_end)),
        ))
    }

    /// The characters of the Basic Multilingual Plane that `pattern` (one character) matches, each
    /// tested: for a class the parser does not make ranges of.
    fn scanned(pattern: &str) -> Result<CharSet, regex::Error> {
        let pattern = Regex::new(&format!("^(?:{pattern})$"))?;
        let mut buffer = [0u8; 4];
        Ok(CharSet::from_chars(
            (0..0x10000u32).filter_map(char::from_u32).filter(|c| pattern.is_match(c.encode_utf8(&mut buffer))),
        ))
    }

    fn insert(&mut self, c: char) {
        let code = c as usize;
        if code < 0x10000 {
            self.bmp[code >> 6] |= 1 << (code & 63);
        } else {
            self.other.insert(c);
        }
    }

    #[inline]
    pub fn contains(&self, c: char) -> bool {
        let code = c as usize;
        if code < 0x10000 {
            self.bmp[code >> 6] & (1 << (code & 63)) != 0
        } else {
            self.other.contains(&c)
        }
    }

    /// Whether `text` holds a character of the set.
    pub fn intersects(&self, text: &str) -> bool {
        text.chars().any(|c| self.contains(c))
    }

    /// The indices of the lines of `text` (split at `\n`) that hold a character of the set.
    pub fn lines_holding(&self, text: &str) -> Vec<usize> {
        lines_where(text, |line| self.intersects(line))
    }

    /// The positions (in characters) of the set's characters in `text`.
    pub fn positions(&self, text: &str) -> Vec<usize> {
        text.chars().enumerate().filter(|&(_, c)| self.contains(c)).map(|(i, _)| i).collect()
    }
}

/// How garbled a line still looks (`textfix.repair.detect.garbage_score`): the share of its
/// weighed characters (CJK ideographs, unknown characters, C1 controls and Latin-1 symbols) that
/// are suspects, a symbol between ASCII characters (typography: ``°C``, ``© 2024``) aside.
pub struct Garbage {
    /// The suspects that are weighed characters.
    weighed_suspects: CharSet,
    weighed: CharSet,
    typography: CharSet,
    unknown: CharSet,
}

/// Lines weigh at least this many characters: a short line's few suspects are less telling.
const MIN_WEIGHED: usize = 4;

impl Garbage {
    pub fn new(suspects: &CharSet, weighed: CharSet, typography: CharSet, unknown: CharSet) -> Garbage {
        let weighed_suspects = CharSet::from_chars(
            (0..0x10000u32).filter_map(char::from_u32).filter(|&c| suspects.contains(c) && weighed.contains(c)),
        );
        Garbage { weighed_suspects, weighed, typography, unknown }
    }

    /// The score of `line`, 0 to 1.
    pub fn score(&self, line: &str) -> f64 {
        let (mut suspects, mut typography, mut weighed) = (0usize, 0usize, 0usize);
        let mut chars = line.chars().peekable();
        let mut previous: Option<char> = None;
        while let Some(c) = chars.next() {
            weighed += usize::from(self.weighed.contains(c));
            if self.weighed_suspects.contains(c) {
                suspects += 1;
                let between_ascii = previous.is_none_or(|p| p.is_ascii()) && chars.peek().is_none_or(char::is_ascii);
                typography += usize::from(between_ascii && self.typography.contains(c));
            }
            previous = Some(c);
        }
        if suspects == 0 {
            return 0.0;
        }
        (suspects - typography) as f64 / weighed.max(MIN_WEIGHED) as f64
    }

    /// The unknown characters of `text`, and its characters that are unknown or on a line
    /// scoring `threshold` or more (`textfix.repair.assess_damage`).
    pub fn damage(&self, text: &str, threshold: f64) -> (usize, usize) {
        let (mut unknown, mut damaged) = (0, 0);
        for line in lines(text) {
            let lost = line.chars().filter(|&c| self.unknown.contains(c)).count();
            unknown += lost;
            damaged += if self.score(line) >= threshold { line.chars().count() } else { lost };
        }
        (unknown, damaged)
    }
}

/// The classes of the stray-byte patterns (see `textfix.repair.detect`).
#[derive(Clone)]
pub struct StrayClasses {
    /// Characters a double-byte stream read out of phase decodes to, around a lone trail byte.
    pub dbcs_wide: CharSet,
    pub han: CharSet,
    /// Symbols that are trail bytes alone after a Chinese character, and what may follow them.
    pub symbols: CharSet,
    pub after_symbol: CharSet,
    /// Characters a debug build's uninitialised memory reads as, and how long a run of one is damage.
    pub filler: CharSet,
    pub filler_run: usize,
}

/// Bits of a character's classes in `DamageScan`'s table.
mod kind {
    /// A suspect character: damage by itself.
    pub const SUSPECT: u8 = 1;
    /// A character a shifted stream decodes to (`StrayClasses::dbcs_wide`), or a line break:
    /// what may stand beside a lone trail byte.
    pub const WIDE_OR_EDGE: u8 = 1 << 1;
    pub const HAN: u8 = 1 << 2;
    /// A trail byte (0x40–0x7E).
    pub const TRAIL: u8 = 1 << 3;
    pub const SYMBOL: u8 = 1 << 4;
    pub const AFTER_SYMBOL: u8 = 1 << 5;
    pub const FILLER: u8 = 1 << 6;
    pub const QUESTION: u8 = 1 << 7;
}

/// The fast path's classes (the suspects and the stray-byte classes) as one table, a byte of
/// class bits for each character of the Basic Multilingual Plane: the scan looks each character
/// up once, not once for each class and again as each neighbour's.
#[derive(Clone)]
pub struct DamageScan {
    pub suspects: Arc<CharSet>,
    pub stray: StrayClasses,
    kinds: Arc<[u8]>,
}

impl DamageScan {
    pub fn new(suspects: Arc<CharSet>, stray: StrayClasses) -> DamageScan {
        let kinds =
            (0..0x10000u32).map(|code| char::from_u32(code).map_or(0, |c| classify(&suspects, &stray, c))).collect();
        DamageScan { suspects, stray, kinds }
    }

    #[inline]
    fn kind(&self, c: char) -> u8 {
        match self.kinds.get(c as usize) {
            Some(&kind) => kind,
            None => classify(&self.suspects, &self.stray, c),
        }
    }

    /// Whether `text` holds a suspect character or a stray byte: a trail byte (0x40–0x7E) alone
    /// between characters a shifted stream decodes to (or a line's edge), a stray symbol between
    /// Chinese characters and CJK forms, `?` after a Chinese character, or a run of filler.
    pub fn may_be_damaged(&self, text: &str) -> bool {
        use kind::*;
        // One pass over the classes settles most text: a suspect is damage wherever it stands,
        // and without a trail byte, a symbol, `?` or filler there is no stray byte to look for.
        let kinds = text.chars().fold(0, |kinds, c| kinds | self.kind(c));
        if kinds & SUSPECT != 0 {
            return true;
        }
        kinds & (TRAIL | SYMBOL | QUESTION | FILLER) != 0 && self.holds_stray(text)
    }

    /// Whether `text` holds a suspect character or a stray byte (`may_be_damaged`), each
    /// character read beside its neighbours.
    fn holds_stray(&self, text: &str) -> bool {
        use kind::*;
        let mut chars = text.chars();
        let Some(mut c) = chars.next() else { return false };
        let mut current = self.kind(c);
        // (the text's start and end are a line's edges, and neither Chinese nor CJK forms)
        let mut before = WIDE_OR_EDGE;
        let mut previous: Option<char> = None;
        let mut run = 0;
        loop {
            let next = chars.next();
            let after = next.map_or(WIDE_OR_EDGE, |n| self.kind(n));
            let lone_trail = current & TRAIL != 0 && before & WIDE_OR_EDGE != 0 && after & WIDE_OR_EDGE != 0;
            let after_han = before & HAN != 0;
            let stray_symbol = current & SYMBOL != 0 && after & AFTER_SYMBOL != 0;
            if current & SUSPECT != 0 || lone_trail || after_han && (stray_symbol || current & QUESTION != 0) {
                return true;
            }
            if current & FILLER != 0 {
                run = if previous == Some(c) { run + 1 } else { 1 };
                if run >= self.stray.filler_run {
                    return true;
                }
            }
            let Some(n) = next else { return false };
            (previous, c, before, current) = (Some(c), n, current, after);
        }
    }

    /// The indices of the lines of `text` (split at `\n`) that `may_be_damaged` flags.
    pub fn flagged_lines(&self, text: &str) -> Vec<usize> {
        lines_where(text, |line| self.may_be_damaged(line))
    }
}

/// The class bits (`kind`) of `c`.
fn classify(suspects: &CharSet, stray: &StrayClasses, c: char) -> u8 {
    use kind::*;
    [
        (suspects.contains(c), SUSPECT),
        (c == '\n' || stray.dbcs_wide.contains(c), WIDE_OR_EDGE),
        (stray.han.contains(c), HAN),
        (('\x40'..='\x7e').contains(&c), TRAIL),
        (stray.symbols.contains(c), SYMBOL),
        (stray.after_symbol.contains(c), AFTER_SYMBOL),
        (stray.filler.contains(c), FILLER),
        (c == '?', QUESTION),
    ]
    .into_iter()
    .filter(|&(holds, _)| holds)
    .fold(0, |kinds, (_, bit)| kinds | bit)
}

/// The indices of the lines of `text` (split at `\n`) for which `test` holds.
fn lines_where(text: &str, test: impl Fn(&str) -> bool) -> Vec<usize> {
    lines(text).enumerate().filter(|(_, line)| test(line)).map(|(i, _)| i).collect()
}

/// Clean text has lone letters between ordinary characters too (A棟樓, B級車, a小姐); a lead byte
/// lost from a double-byte stream leaves its trail byte beside characters decoded out of phase,
/// which the model finds out of place: log P below this for one of the two characters before it.
/// Measured on the clean pages of a generated dump: 2.8% of lines with a lone letter pass (and
/// are realigned; none changed, the repair margin decides); -14 passed 1.1% but missed the short
/// Big5 runs (當陶Q警方 for 當場被警方): held-out Big5 frame shifts 3.1% -> 2.7% CER.
pub const STRAY_LOGP: f64 = -10.0;
/// The same test for a `?` closing a line, stricter: questions end clean lines (at -10, 149 of
/// 494 folded clean question lines would be realigned; at -14, 19).
pub const QUESTION_LOGP: f64 = -14.0;
/// `?` between two Chinese characters: a byte the decoder rejected, written by software that
/// could not hold U+FFFD, where a double-byte stream got back in phase. It counts after a
/// character the model has rarely seen (unigram log P below this: out-of-phase pairs decode
/// mostly to rare characters) and finds out of place (`QUESTION_LOGP`). Clean text has folded
/// question marks there (秦为何会灭?汉家…): none of the 408 corpus lines with one passes; at
/// `STRAY_LOGP` and without the rarity test 11 were rewritten. A character a Big5 encoder could
/// not write is `?` too (拉着 -> 拉?), after ordinary characters: the rarity test keeps those
/// lines (big5>gbk) from realignment.
pub const RARE_LOGP: f64 = -12.0;
/// It must also be the only `?` this close: an encoder writes one for every character it lacks,
/// so a run of mojibake of such text holds several (运?禜?痷??狶), a lost byte leaves one.
pub const QUESTION_GAP: usize = 8;
/// How far a symbol's partner may be for the pair to be clean text: brackets (`[提要]`) and
/// separators used twice (`|语境|信息|`, `价值@阎崇年@`).
pub const PARTNER_SPAN: usize = 20;
/// How long the name of a channel, a column or a label before a `|` that starts a headline is
/// (`channel_name_precedes`): 数读|, 谈心社|, 资本动态|, 了不起的中国制造|.
pub const CHANNEL_NAME_MIN: usize = 2;
pub const CHANNEL_NAME_MAX: usize = 8;
/// The marks a line that ends as a sentence ends with (folded ones too): body text, where a `|`
/// after the first characters is a lost lead byte's, not a headline's (`headline_follows`).
const SENTENCE_ENDS: &str = "。，；、,;";
/// Marks that close a quotation after its sentence's end (……記錄下來的。”).
const CLOSING_QUOTES: &str = "”’」』";
/// Suspects this close together form one damaged cluster.
pub const CLUSTER_GAP: usize = 2;
/// Suspects next to each other in clean text are mostly words (滚滚, 鞠躬, 邯郸, 璀璨): the model
/// has seen them together, and it never saw a pair of mojibake. On a generated dump's clean
/// pages, 335 lines had two suspects close together and no other sign of damage; 95 of them read
/// worse than this mean log P per transition. Held-out damaged lines flagged only by such a pair
/// read no better than -8.4.
pub const WORD_LOGP: f64 = -6.0;
/// Windows of this many Chinese characters whose bigrams average below `IMPLAUSIBLE_LOGP` are a
/// double-byte stream read out of phase.
pub const IMPLAUSIBLE_WINDOW: usize = 4;
pub const IMPLAUSIBLE_LOGP: f64 = -11.5;
/// The Big5 lead byte of the full-width punctuation marks (，、。；：？！「」（）). A character that
/// lost its trail byte pairs its lead with a mark's lead, and the mark's trail byte is left alone
/// as ASCII: 池， -> 式A, 的。 -> 滿C, 身， -> 芋A. Clean text seldom has a letter after one of the
/// characters whose trail byte is this one (1 in 157 trail values), and never as a mark.
pub const BIG5_MARK_LEAD: u8 = 0xA1;

pub(crate) fn is_han(c: char) -> bool {
    ('\u{3400}'..='\u{9fff}').contains(&c)
}

fn is_cjk_mark(c: char) -> bool {
    ('\u{3000}'..='\u{303f}').contains(&c)
}

fn is_full_width_form(c: char) -> bool {
    ('\u{ff01}'..='\u{ff5e}').contains(&c)
}

/// Whitespace as Python's `str.isspace` has it (Unicode's, and the separators U+001C–U+001F).
fn is_python_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// Whether `chars[i]` is an icon font's glyph: a private-use character standing alone as a word
/// (the line's edge or a space on either side), as a scraper keeps an icon's text node
/// (iconfont.cn's U+E600…, Font Awesome's U+F000…: `` alone on a line, ` 本站消息`). A
/// character lost on its way through GB18030 lands in the private-use area too, but inside the
/// text it was part of (`?蔨▅`: 即时体育 in Big5 read as GB18030). 43 of the 44 lines with a
/// private-use character in the 194 real pages hold it so, each searched for nothing; the
/// generated dumps and the repair measures have none.
fn icon_glyph(chars: &[char], i: usize) -> bool {
    let space_or_edge = |j: Option<usize>| j.and_then(|j| chars.get(j)).is_none_or(|&c| is_python_space(c));
    ('\u{e000}'..='\u{f8ff}').contains(&chars[i]) && space_or_edge(i.checked_sub(1)) && space_or_edge(Some(i + 1))
}

/// The evidence of damage in one line that decides whether the repair engine looks at it (see
/// `textfix.repair.detect.line_needs_repair`): the rules of the Python module, compiled, over
/// the classes it hands over.
#[derive(Clone)]
pub struct LineEvidence {
    pub model: Arc<CharModel>,
    /// The fast path, with the suspects and the stray-byte classes.
    pub scan: DamageScan,
    /// Unknown data and C1 controls: hard evidence by itself (`_STRONG`).
    pub strong: CharSet,
    /// Characters only Simplified text has: a line holding one is no Big5 text (`simplified_only`).
    pub simplified_only: CharSet,
    /// Trail bytes whose pair with `BIG5_MARK_LEAD` is a Big5 punctuation mark.
    pub split_marks: CharSet,
    /// The characters a lost lead byte leaves a `|` of.
    pub pipe_characters: LostLeadCharacters,
}

/// The characters of the model's vocabulary that a double-byte stream writes with a given trail
/// byte, per family: what a lone trail byte was before its lead byte was lost.
#[derive(Clone, Debug, Default)]
pub struct LostLeadCharacters {
    pub big5: Vec<char>,
    pub gbk: Vec<char>,
}

impl LostLeadCharacters {
    /// The characters of `model` whose Big5 and GBK bytes end in `trail`, in the model's order.
    pub fn new(model: &CharModel, trail: u8) -> LostLeadCharacters {
        let written = |family: Family| -> Vec<char> {
            let read = codecs::read_with_trail(family, trail);
            model.vocab.iter().copied().filter(|c| read.binary_search(c).is_ok()).collect()
        };
        LostLeadCharacters { big5: written(Family::Big5), gbk: written(Family::Gbk) }
    }
}

impl LineEvidence {
    /// Whether `line` carries enough evidence of damage to try repairing it: an unknown or C1
    /// character, a stray trail byte, a run of filler, a lost byte written as `?`, or two
    /// suspects close together that do not read as a word.
    pub fn needs_repair(&self, line: &str) -> bool {
        self.scan.may_be_damaged(line) && self.flagged_needs_repair(line)
    }

    /// `needs_repair` of a line `may_be_damaged` flags.
    fn flagged_needs_repair(&self, line: &str) -> bool {
        let chars: Vec<char> = line.chars().collect();
        if (0..chars.len()).any(|i| self.strong.contains(chars[i]) && !icon_glyph(&chars, i))
            || !self.stray_trails(&chars).is_empty()
            || self.filler(&chars)
        {
            return true;
        }
        let lost_as_question = chars.windows(2).any(|w| is_han(w[0]) && w[1] == '?');
        if lost_as_question
            && (!self.implausible_positions(&chars).is_empty() || self.dangling_lead(&chars, chars.len()))
        {
            return true;
        }
        let positions = self.scan.suspects.positions(line);
        positions.windows(2).any(|w| w[1] - w[0] <= CLUSTER_GAP && !self.reads_as_word(&chars[w[0]..=w[1]]))
    }

    /// The lines of `text` (split at `\n`) that `may_be_damaged` flags, and those of them that
    /// need repair (`needs_repair`).
    pub fn lines_needing_repair(&self, text: &str) -> (Vec<usize>, Vec<usize>) {
        let mut flagged = Vec::new();
        let mut damaged = Vec::new();
        for (i, line) in lines(text).enumerate() {
            if self.scan.may_be_damaged(line) {
                flagged.push(i);
                if self.flagged_needs_repair(line) {
                    damaged.push(i);
                }
            }
        }
        (flagged, damaged)
    }

    fn filler(&self, chars: &[char]) -> bool {
        let mut run = 0;
        for (i, &c) in chars.iter().enumerate() {
            run = if i > 0 && chars[i - 1] == c { run + 1 } else { 1 };
            if run >= self.scan.stray.filler_run && self.scan.stray.filler.contains(c) {
                return true;
            }
        }
        false
    }

    fn logp(&self, chars: &[char], j: usize) -> f64 {
        self.model.logp(if j > 0 { chars[j - 1] } else { BOUNDARY }, chars[j])
    }

    /// Whether the model finds one of the two characters before `i` out of place.
    fn out_of_place(&self, chars: &[char], i: usize, threshold: f64) -> bool {
        [i.checked_sub(2), i.checked_sub(1)].into_iter().flatten().any(|j| self.logp(chars, j) < threshold)
    }

    /// Whether the Chinese characters of `span` read as a word.
    pub fn reads_as_word(&self, span: &[char]) -> bool {
        if !span.iter().all(|&c| is_han(c)) {
            return false;
        }
        let total: f64 = span.windows(2).map(|w| self.model.logp(w[0], w[1])).sum();
        total / (span.len() - 1) as f64 > WORD_LOGP
    }

    /// Whether the ASCII symbol at `i` is clean text's separator: paired, before the site's
    /// name that ends the line, or after the channel's name that starts it
    fn separates(&self, chars: &[char], i: usize) -> bool {
        self.paired(chars, i) || site_name_follows(chars, i) || self.channel_name_precedes(chars, i)
    }

    /// Whether `chars[i]` is a `|` after the name of a channel, a column or a label that starts
    /// the line, as lists of headlines and bylines write it (资本动态|戴相龙说中国经济…, 谈心社|上映
    /// 18年的…, 編輯|禤志杰), where no lost lead byte can have left it: the script rules one out,
    /// or the model reads the headline better split from the name than joined to it by the
    /// character a lost lead byte would have left the `|` of (`reads_split`). A lost Big5 lead
    /// byte leaves one after any sentence's first characters (會 is B7 7C: 我們明天上午開|討論
    /// 這個問題。).
    fn channel_name_precedes(&self, chars: &[char], i: usize) -> bool {
        self.name_precedes(chars, i)
            && (self.script_leaves_no_pipe(chars) || (self.headline_follows(chars, i) && self.reads_split(chars, i)))
    }

    /// Whether `chars[i]` is a `|` after two to eight Chinese characters that start the line.
    fn name_precedes(&self, chars: &[char], i: usize) -> bool {
        chars[i] == '|' && (CHANNEL_NAME_MIN..=CHANNEL_NAME_MAX).contains(&i) && chars[..i].iter().all(|&c| is_han(c))
    }

    /// Whether what follows the name before the `|` at `i` reads as a headline: the line does not
    /// end as a sentence does (`SENTENCE_ENDS`, a quotation's closing marks aside: body text), and
    /// the name holds no suspect (the characters a stream read out of phase before it got back in
    /// phase at the `|`).
    fn headline_follows(&self, chars: &[char], i: usize) -> bool {
        let last = chars.iter().rev().find(|&&c| !is_python_space(c) && !CLOSING_QUOTES.contains(c));
        !last.is_some_and(|&c| SENTENCE_ENDS.contains(c)) && !chars[..i].iter().any(|&c| self.scan.suspects.contains(c))
    }

    /// Whether `chars[i]` is a `|` between a name and a headline (`name_precedes`,
    /// `headline_follows`). Where the model could not tell it from a lost lead byte's
    /// (`reads_split`) it is a stray trail byte but no hard evidence (`hard_evidence`), as a lone
    /// capital is not: clean text has it too, so a repair must win by a stray's margin and read
    /// well (資本動態|行政立法… reads joined by 舉, but 資本動態舉行政立法… does not win by it).
    fn name_precedes_headline(&self, chars: &[char], i: usize) -> bool {
        self.name_precedes(chars, i) && self.headline_follows(chars, i)
    }

    /// Whether neither a Big5 stream (the line has a character only Simplified has) nor a GBK one
    /// (its characters are all GB2312's, whose trail bytes are all above 0x80) can have left a
    /// `|` in `chars`.
    fn script_leaves_no_pipe(&self, chars: &[char]) -> bool {
        chars.iter().any(|&c| self.simplified_only.contains(c)) && gb2312_only(chars)
    }

    /// Whether the model reads `chars` better split at the `|` at `i` (the character before it
    /// ending a line, the one after it starting one) than joined there by any character (trail
    /// byte 0x7C) whose lead byte a stream that can have written the line lost: 資本動態|戴相龍說…
    /// and 體育快訊|中國隊… are split, 我們明天上午開|討論… is joined by 會. Of 3,000 held-out
    /// corpus headlines (Traditional) after a channel's name 70% read split; of 799 with a lost
    /// lead byte where a name would end, 6%.
    fn reads_split(&self, chars: &[char], i: usize) -> bool {
        let Some(&after) = chars.get(i + 1) else { return false };
        let before = chars[i - 1];
        let split = self.model.logp(before, BOUNDARY) + self.model.logp(BOUNDARY, after);
        let lost = &self.pipe_characters;
        [(Family::Big5, &lost.big5), (Family::Gbk, &lost.gbk)]
            .into_iter()
            .filter(|&(family, _)| read_by(chars, family))
            .flat_map(|(_, characters)| characters.iter())
            .all(|&c| self.model.logp(before, c) + self.model.logp(c, after) < split)
    }

    fn paired(&self, chars: &[char], i: usize) -> bool {
        let partner = match chars[i] {
            '[' => ']',
            ']' => '[',
            '{' => '}',
            '}' => '{',
            '|' => '|',
            '_' => '_',
            '@' => '@',
            '`' => '\'',
            _ => return false,
        };
        let after = chars[i + 1..(i + 1 + PARTNER_SPAN).min(chars.len())].contains(&partner);
        let before = chars[i.saturating_sub(PARTNER_SPAN)..i].contains(&partner);
        match chars[i] {
            '[' | '{' => after,
            ']' | '}' => before,
            _ => after || before,
        }
    }

    /// Positions of the stray symbols: hard evidence by themselves, except where clean text uses
    /// them as separators (`separates`): paired (首頁|新聞|體育, 小窍门_39健康网_饮食) or between a
    /// headline and the site's name that ends the line, as a page's <title> and its links write
    /// them (发放一次性育儿津贴5000元_中国网, 誰家玉笛暗飛聲散入春風滿洛城|遊民星空; a generated
    /// dump's clean titles had 30 such lines "repaired", 洛城東遊民星空), or after the name of a
    /// channel that starts a headline (`channel_name_precedes`). `_` counts only in a
    /// sentence (西安治男科的医院_口碑良好): a Big5 character whose lead byte was lost leaves it
    /// (北 is A5 5F: 以及_京市的负责同志……。), so a line written in Simplified characters
    /// (说的_头头是道), which no Big5 text holds, has none: a GBK character with trail byte 5F is
    /// one of its rare or Traditional extensions. `~` and `\` are trail bytes too (年 is Big5
    /// A6 7E: 成化三~，), but informal writing uses them between Chinese characters as a wave dash
    /// and a separator (頓時~有幸福的感覺, 推理\犯罪小說): they count only as the other lone
    /// trail bytes do (`stray_trails`). Real blog and bookshop pages had five such lines
    /// "repaired"; held-out Big5 frame shifts 1.91% -> 1.95% CER.
    pub fn stray_symbols(&self, chars: &[char]) -> Vec<usize> {
        let found: Vec<usize> = (1..chars.len().saturating_sub(1))
            .filter(|&i| {
                self.scan.stray.han.contains(chars[i - 1])
                    && self.scan.stray.symbols.contains(chars[i])
                    && self.scan.stray.after_symbol.contains(chars[i + 1])
                    && !self.separates(chars, i)
            })
            .collect();
        if !found.iter().any(|&i| chars[i] == '_') {
            return found;
        }
        let underscores_count = chars.iter().any(|c| "，。；！？、".contains(*c))
            && !chars.iter().any(|&c| self.simplified_only.contains(c));
        found.into_iter().filter(|&i| chars[i] != '_' || underscores_count).collect()
    }

    /// Positions of the trail bytes alone between double-byte characters.
    pub fn lone_trails(&self, chars: &[char]) -> Vec<usize> {
        let wide = &self.scan.stray.dbcs_wide;
        (0..chars.len())
            .filter(|&i| {
                ('\x40'..='\x7e').contains(&chars[i])
                    && (i == 0 || wide.contains(chars[i - 1]))
                    && (i + 1 == chars.len() || wide.contains(chars[i + 1]))
                    && !self.separates(chars, i)
            })
            .collect()
    }

    /// Positions of the lone trail bytes that look like damage, in order.
    pub fn stray_trails(&self, chars: &[char]) -> Vec<usize> {
        let mut found = self.stray_symbols(chars);
        found.extend(self.lost_inside(chars));
        for i in self.lone_trails(chars) {
            if self.beside_suspect(chars, i)
                || self.out_of_place(chars, i, STRAY_LOGP)
                || (i > 0 && lone_letter(chars, i))
                || self.unheard_capital(chars, i)
                || self.split_mark(chars, i)
            {
                found.push(i);
            }
        }
        found.sort_unstable();
        found.dedup();
        found
    }

    /// Whether a character beside `chars[i]` is a suspect.
    fn beside_suspect(&self, chars: &[char], i: usize) -> bool {
        (i > 0 && self.scan.suspects.contains(chars[i - 1]))
            || chars.get(i + 1).is_some_and(|&c| self.scan.suspects.contains(c))
    }

    /// Whether `chars[start..end]` holds damage clean text does not have: an unknown or C1
    /// character, a stray symbol (`stray_symbols`) but a `|` after a headline's name
    /// (`name_precedes_headline`), or a lone trail byte beside a suspect. A stray letter alone is
    /// not enough: clean text has them too (米粉香Q滑), and a bigram model cannot tell them apart.
    pub fn hard_evidence(&self, chars: &[char], start: usize, end: usize) -> bool {
        let end = end.min(chars.len());
        let within = start.min(end)..end;
        chars[within.clone()].iter().any(|&c| self.strong.contains(c))
            || self.stray_symbols(chars).iter().any(|&i| within.contains(&i) && !self.name_precedes_headline(chars, i))
            || self.lone_trails(chars).into_iter().any(|i| within.contains(&i) && self.beside_suspect(chars, i))
    }

    /// Whether `chars[i]` is a capital alone between Chinese characters beside neither of which
    /// the model saw it, in a line Big5 can have written: clean text has its capitals in terms
    /// the model knows (A股, X光, K線: 85 of the 152 lone capitals of the corpus lines and test
    /// sentences in both scripts), damage has them anywhere (58 of 69 stray capitals of held-out
    /// Big5 frame shifts have neither neighbour). Held-out Big5 frame shifts 1.97% -> 1.89% CER,
    /// no clean line changed (22 lines of 2,859 clean pages are realigned for nothing: 华B股,
    /// 及H股, 款C級; Simplified lines are skipped).
    fn unheard_capital(&self, chars: &[char], i: usize) -> bool {
        let lone = i > 0
            && is_han(chars[i - 1])
            && chars[i].is_ascii_uppercase()
            && chars.get(i + 1).is_some_and(|&c| is_cjk_mark(c) || is_han(c) || is_full_width_form(c));
        lone && !self.model.knows_pair(chars[i - 1], chars[i])
            && !self.model.knows_pair(chars[i], chars[i + 1])
            && read_by(chars, Family::Big5)
    }

    /// Whether `chars[i]` is the trail byte of a Big5 punctuation mark whose lead byte was read
    /// as the trail byte of the character before it.
    fn split_mark(&self, chars: &[char], i: usize) -> bool {
        let before = if i > 0 { codecs::reader_bytes(chars[i - 1], Family::Big5) } else { None };
        before.is_some_and(|b| b.len() == 2 && b[1] == BIG5_MARK_LEAD) && self.split_marks.contains(chars[i])
    }

    /// Positions of a `?` alone between Chinese characters after a rare character the model finds
    /// out of place (`RARE_LOGP`). Another mark of Chinese text folded to ASCII (警方:他, 首先,我们)
    /// means the line uses `?` as its question mark (被迷晕?警方:他), not for a lost byte.
    fn lost_inside(&self, chars: &[char]) -> Vec<usize> {
        let folded_mark = chars.windows(3).any(|w| is_han(w[0]) && ",:;!".contains(w[1]) && is_han(w[2]));
        if !chars.contains(&'?') || folded_mark {
            return Vec::new();
        }
        (1..chars.len().saturating_sub(1))
            .filter(|&i| {
                chars[i] == '?'
                    && is_han(chars[i - 1])
                    && is_han(chars[i + 1])
                    && !chars[i.saturating_sub(QUESTION_GAP)..i].contains(&'?')
                    && !chars[i + 1..(i + 1 + QUESTION_GAP).min(chars.len())].contains(&'?')
                    && self.model.unigram_logp(chars[i - 1]) < RARE_LOGP
                    && self.out_of_place(chars, i, QUESTION_LOGP)
            })
            .collect()
    }

    /// Chinese characters inside a window of `IMPLAUSIBLE_WINDOW` of them whose bigrams average
    /// below `IMPLAUSIBLE_LOGP`, in order.
    pub fn implausible_positions(&self, chars: &[char]) -> Vec<usize> {
        let positions: Vec<usize> = (0..chars.len()).filter(|&i| is_han(chars[i])).collect();
        let scores: Vec<f64> = positions.iter().map(|&i| self.logp(chars, i)).collect();
        let mut marked = vec![false; chars.len()];
        for k in 0..(positions.len() + 1).saturating_sub(IMPLAUSIBLE_WINDOW) {
            let total: f64 = scores[k..k + IMPLAUSIBLE_WINDOW].iter().sum();
            if total / (IMPLAUSIBLE_WINDOW as f64) < IMPLAUSIBLE_LOGP {
                for &i in &positions[k..k + IMPLAUSIBLE_WINDOW] {
                    marked[i] = true;
                }
            }
        }
        (0..chars.len()).filter(|&i| marked[i]).collect()
    }

    /// Whether a frame-shift search of `chars[start..end]`, a run with no hard evidence of damage
    /// (`hard_evidence`), may find a realignment of a `family` stream: a necessary condition,
    /// checked before the search because clean lines flagged for a rare word or a lone letter
    /// are most of what is searched on a clean crawl. A stream read out of phase decodes to
    /// characters the model finds out of place (log P below `STRAY_LOGP`), or it lost the lead
    /// byte of a character right before its trail byte, left alone as a stray letter. In GBK
    /// only the characters beyond GB2312 have such trail bytes (0x40–0x7E): a letter is not
    /// looked for as GBK damage in a line written in Simplified characters (one only Simplified
    /// has, outside the run) that are all GB2312's. (Absence alone is no evidence: 【字體 read
    /// out of phase is 咀煮w, and the rest of its line, ：大 中 小】, is all GB2312.)
    /// On the 5,851 clean pages of a generated dump (news-20m) 410 searches are left of 779, and
    /// 61% of the hypotheses they weighed; no search that found an accepted repair on 908 pages
    /// damaged by frame shifts (seed 5) or on damaged-3m is skipped.
    pub fn may_be_out_of_phase(&self, chars: &[char], start: usize, end: usize, family: Family) -> bool {
        let end = end.min(chars.len());
        let within = start.min(end)..end;
        let improbable = within.clone().any(|i| is_han(chars[i]) && self.logp(chars, i) < STRAY_LOGP);
        let strays: Vec<usize> = self.stray_trails(chars).into_iter().filter(|i| within.contains(i)).collect();
        let letters_only = !strays.is_empty() && strays.iter().all(|&i| ('\x40'..='\x7e').contains(&chars[i]));
        let simplified = (0..chars.len()).any(|i| !within.contains(&i) && self.simplified_only.contains(chars[i]))
            && gb2312_only(chars);
        (improbable || !strays.is_empty()) && !(family == Family::Gbk && letters_only && simplified)
    }

    /// Whether `chars[..end]` ends the line with a lead byte left alone: U+FFFD after a Chinese
    /// character, the line's only one, or `?` after one the model finds out of place.
    pub fn dangling_lead(&self, chars: &[char], end: usize) -> bool {
        if end != chars.len() || end < 2 {
            return false;
        }
        if is_han(chars[end - 2]) && chars[end - 1] == '\u{fffd}' {
            return chars.iter().filter(|&&c| c == '\u{fffd}').count() == 1;
        }
        is_han(chars[end - 2]) && chars[end - 1] == '?' && self.out_of_place(chars, end - 1, QUESTION_LOGP)
    }
}

/// Whether `chars[i]` is a lowercase letter (or backtick) alone after a Chinese character or CJK
/// punctuation and before another or a full-width form: what a lost Big5 lead byte leaves when
/// its trail byte was 0x61-0x7E and the shift went no further (已經 -> w經; 晚上 -> 晚W is the
/// capital case). Clean Chinese text has capitals alone often (A股, X光, B級, L形) and lowercase
/// letters rarely (e世代, a區); capitals count only after characters the model finds out of
/// place (`STRAY_LOGP`). Counting them here too took held-out Big5 frame shifts from 2.14% to
/// 2.06% CER but realigned the clean lines that have them.
fn lone_letter(chars: &[char], i: usize) -> bool {
    let quote = |c: char| c == '\u{201c}' || c == '\u{201d}';
    let before = chars[i - 1];
    (quote(before) || is_cjk_mark(before) || is_han(before))
        && (chars[i].is_ascii_lowercase() || chars[i] == '`')
        && chars.get(i + 1).is_some_and(|&c| quote(c) || is_cjk_mark(c) || is_han(c) || is_full_width_form(c))
}

/// Whether `chars[i..]` is the site's name after its channels' and nothing else, each after a
/// `_` or `|` and one to twelve characters long (发放一次性育儿津贴5000元_中国网, 鞠躬致歉|香港_新浪新闻).
fn site_name_follows(chars: &[char], i: usize) -> bool {
    let mut k = i;
    while k < chars.len() {
        if chars[k] != '_' && chars[k] != '|' {
            return false;
        }
        let run = chars[k + 1..].iter().take_while(|&&c| !is_python_space(c) && !"，。；！？、_|".contains(c)).count();
        if !(1..=12).contains(&run) {
            return false;
        }
        k += 1 + run;
    }
    true
}

/// Whether every Chinese character of `chars` is one of GB2312's (both GBK bytes from 0xA1 on).
fn gb2312_only(chars: &[char]) -> bool {
    chars
        .iter()
        .filter(|&&c| is_han(c))
        .all(|&c| codecs::reader_bytes(c, Family::Gbk).is_some_and(|b| b.len() == 2 && b[0] >= 0xA1 && b[1] >= 0xA1))
}

/// Whether every character of `chars` is one a `family` decoder produces (`read_by(line, family)`).
fn read_by(chars: &[char], family: Family) -> bool {
    chars.iter().all(|&c| c < '\u{80}' || c == '\u{fffd}' || codecs::reader_bytes(c, family).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn garbage_weighs_suspects_but_not_typography() {
        let suspects = CharSet::from_chars("°±涓浗\u{fffd}".chars());
        let class = |c: &str| CharSet::from_class(c).unwrap();
        let garbage = Garbage::new(
            &suspects,
            class("\u{4e00}-\u{9fff}\u{fffd}\u{a0}-\u{bf}"),
            class("\u{a0}-\u{bf}"),
            class("\u{fffd}"),
        );
        assert_eq!(garbage.score("气温25°C"), 0.0);
        assert_eq!(garbage.score("气温25°C，湿度±5%"), 1.0 / 6.0);
        assert_eq!(garbage.score("涓浗"), 0.5);
        assert_eq!(garbage.damage("今天\n涓浗\n看\u{fffd}", 0.35), (1, 3));
    }

    fn stray() -> StrayClasses {
        StrayClasses {
            dbcs_wide: CharSet::from_class("\u{3000}-\u{312f}\u{3400}-\u{9fff}").unwrap(),
            han: CharSet::from_class("\u{3400}-\u{9fff}").unwrap(),
            symbols: CharSet::from_class(r"\[\]{}|~^_\\").unwrap(),
            after_symbol: CharSet::from_class("\u{3000}-\u{303f}\u{3400}-\u{9fff}").unwrap(),
            filler: CharSet::from_chars("烫屯".chars()),
            filler_run: 4,
        }
    }

    #[test]
    fn classes_hold_their_ranges() {
        let set = CharSet::from_class(r"\[\]{}|~^_\\").unwrap();
        assert!("[]{}|~^_\\".chars().all(|c| set.contains(c)));
        assert!(!set.contains('a') && !set.contains('中'));
        let wide = CharSet::from_chars(['中', '\u{20000}']);
        assert!(wide.contains('\u{20000}') && wide.intersects("x中") && !wide.intersects("abc"));
        assert_eq!(wide.positions("a中b中"), vec![1, 3]);
        assert_eq!(wide.lines_holding("中\nabc\n\nx\u{20000}"), vec![0, 3]);
    }

    #[test]
    fn stray_bytes_are_found_and_clean_text_passes() {
        let scan = DamageScan::new(Arc::new(CharSet::from_chars(['锟'])), stray());
        assert!(scan.may_be_damaged("锟斤拷"));
        assert!(scan.may_be_damaged("以及_京市")); // a stray symbol
        assert!(scan.may_be_damaged("當陶Q警方")); // a lone trail byte
        assert!(scan.may_be_damaged("为什么?"));
        assert!(scan.may_be_damaged("烫烫烫烫"));
        assert!(scan.may_be_damaged("好烫烫烫烫"));
        assert!(!scan.may_be_damaged("烫烫烫"));
        assert!(!scan.may_be_damaged("A 股 ?"));
        assert!(scan.may_be_damaged("Q"));
        assert!(!scan.may_be_damaged(""));
        assert!(scan.may_be_damaged("x\nQ"));
        assert!(!scan.may_be_damaged("烫烫烫，好烫"));
        assert!(!scan.may_be_damaged("今天 A 股上涨 3%"));
        assert!(scan.may_be_damaged("今天A股上涨")); // flagged here; the model clears it later
        assert!(!scan.may_be_damaged("中国人民"));
        assert_eq!(scan.flagged_lines("中国人民\n锟斤拷\n\n为什么?"), vec![1, 3]);
    }

    fn evidence() -> LineEvidence {
        LineEvidence {
            model: Arc::new(crate::charmodel::tests::tiny()),
            scan: DamageScan::new(Arc::new(CharSet::from_chars(['锟', '\u{fffd}'])), stray()),
            strong: CharSet::from_class("\u{fffd}\u{e000}-\u{f8ff}\u{80}-\u{9f}").unwrap(),
            simplified_only: CharSet::from_chars(['国']),
            split_marks: CharSet::from_chars("ABC".chars()),
            pipe_characters: LostLeadCharacters { big5: vec!['人'], gbk: Vec::new() },
        }
    }

    fn chars(text: &str) -> Vec<char> {
        text.chars().collect()
    }

    #[test]
    fn a_class_holds_the_characters_its_pattern_matches() {
        for class in [
            "\u{3000}-\u{312f}\u{3400}-\u{9fff}",
            r"\[\]{}|~^_\\",
            "\u{fffd}\u{e000}-\u{f8ff}\u{80}-\u{9f}",
            "\u{80}-\u{24f}\u{370}-\u{3ff}\u{fb01}\u{fb02}",
            r"^\x00-\x7f\p{Han}",
            r"\p{Han}&&[^一-十]",
            r"\w",
            "a",
            "中",
            r"\u{10000}-\u{10ffff}",
        ] {
            let pattern = format!("[{class}]");
            let expected = CharSet::scanned(&pattern).unwrap();
            let found = CharSet::from_class(class).unwrap();
            assert_eq!(found.bmp, expected.bmp, "{class}");
            assert!(found.other.is_empty(), "{class}");
        }
        let (reversed, wording) = ("z-a", |error: regex::Error| error.to_string());
        let compiled = Regex::new(&format!("[{reversed}]")).map_err(wording).err();
        assert!(compiled.is_some());
        assert_eq!(CharSet::from_class(reversed).map_err(wording).err(), compiled);
    }

    #[test]
    fn separators_are_no_stray_symbols() {
        let evidence = evidence();
        assert_eq!(evidence.stray_symbols(&chars("以及|京市，好")), vec![2]);
        assert!(evidence.stray_symbols(&chars("首頁|新聞|體育")).is_empty()); // paired
        assert!(evidence.stray_symbols(&chars("誰家玉笛暗飛聲|遊民星空")).is_empty()); // the site's name
        assert!(evidence.stray_symbols(&chars("资本动态|中国经济")).is_empty()); // the channel's name
        assert_eq!(evidence.stray_symbols(&chars("资本动态消息，以及|中国，好")), vec![9]);
        assert_eq!(evidence.stray_symbols(&chars("上午開會|討論，好")), vec![4]); // Big5 can have left it
        assert!(evidence.stray_symbols(&chars("谈心社|中国经济")).is_empty()); // a shorter name
        assert!(site_name_follows(&chars("标题_中国网|新闻"), 2));
        assert!(!site_name_follows(&chars("标题_中国 网"), 2));
        assert!(!site_name_follows(&chars("标题_一二三四五六七八九十一二三"), 2));
        // "_" counts only in a sentence of a line with no Simplified-only character
        assert_eq!(evidence.stray_symbols(&chars("以及_京市，好")), vec![2]);
        assert!(evidence.stray_symbols(&chars("以及_京市")).is_empty());
        assert!(evidence.stray_symbols(&chars("以及_京国，好")).is_empty());
    }

    #[test]
    fn a_pipe_after_a_headlines_name_is_weighed_by_the_model() {
        // 人 (as if it were a Big5 character with trail byte 0x7C) reads better between 會 and 討
        // than a line's end and start do: the `|` may be its trail byte, but is no hard evidence
        // in a headline, and is in a sentence.
        let evidence = evidence();
        let headline = chars("上午開會|討論，好");
        assert_eq!(evidence.stray_trails(&headline), vec![4]);
        assert!(!evidence.hard_evidence(&headline, 0, headline.len()));
        let sentence = chars("上午開會|討論，好。");
        assert_eq!(evidence.stray_trails(&sentence), vec![4]);
        assert!(evidence.hard_evidence(&sentence, 0, sentence.len()));
        // Where no character a lost lead byte leaves `|` of reads better, the name is a channel's.
        let unjoined = LineEvidence { pipe_characters: LostLeadCharacters::default(), ..evidence };
        assert!(unjoined.stray_trails(&headline).is_empty());
        assert_eq!(unjoined.stray_trails(&sentence), vec![4]); // body text
        assert_eq!(unjoined.stray_trails(&chars("上午锟會|討論，好")), vec![4]); // read out of phase
        assert_eq!(unjoined.stray_trails(&chars("上午開會以及下午的|討論，好")), vec![9]); // no name
        assert_eq!(unjoined.stray_trails(&chars("上|討論，好")), vec![1]);
    }

    #[test]
    fn lost_lead_characters_are_those_of_the_trail_byte() {
        let model = CharModel::new(
            "會四中".chars().collect(),
            &[1, 1, 1],
            &[],
            &[],
            String::new(),
            String::new(),
            String::new(),
        );
        let lost = LostLeadCharacters::new(&model, b'|');
        assert_eq!((lost.big5, lost.gbk), (vec!['會', '四'], Vec::new()));
    }

    #[test]
    fn lone_trails_beside_suspects_are_strays() {
        let evidence = evidence();
        assert_eq!(evidence.lone_trails(&chars("中Q锟")), vec![1]);
        assert_eq!(evidence.stray_trails(&chars("中Q锟")), vec![1]);
        assert_eq!(evidence.lone_trails(&chars("中 Q 人")), Vec::<usize>::new());
    }

    #[test]
    fn hard_evidence_is_unknown_data_or_a_stray_beside_a_suspect() {
        let evidence = evidence();
        assert!(evidence.hard_evidence(&chars("中国\u{fffd}人"), 0, 4));
        assert!(!evidence.hard_evidence(&chars("中国\u{fffd}人"), 3, 4));
        assert!(evidence.hard_evidence(&chars("中Q锟"), 1, 2));
        assert!(!evidence.hard_evidence(&chars("米粉香Q滑"), 0, 5));
        assert!(!evidence.hard_evidence(&chars("中国"), 1, 9));
    }

    #[test]
    fn lines_need_repair_on_hard_evidence_only() {
        let evidence = evidence();
        assert!(evidence.needs_repair("中国\u{fffd}人"));
        assert!(evidence.needs_repair("烫烫烫烫"));
        assert!(!evidence.needs_repair("中国人"));
        assert!(!evidence.needs_repair("烫烫烫，好烫"));
        let (flagged, damaged) = evidence.lines_needing_repair("中国人\n中\u{fffd}\n\n烫烫烫，好");
        assert_eq!((flagged, damaged), (vec![1], vec![1]));
    }

    #[test]
    fn an_icon_fonts_glyph_alone_is_no_damage() {
        // (as the page's scan flags them: the suspects hold the private-use area)
        let evidence = evidence();
        for line in ["\u{e62c}", "\u{f015} 本站消息", "首页 \u{e60a} 新闻", " \u{e003}"] {
            assert!(!evidence.flagged_needs_repair(line), "{line}");
        }
        assert!(evidence.flagged_needs_repair("中\u{e003}国"));
        assert!(evidence.flagged_needs_repair("\u{e71f}?蔨▅"));
        assert!(evidence.flagged_needs_repair("\u{e003}\u{fffd}"));
        assert!(evidence.flagged_needs_repair("\u{80}"));
    }

    #[test]
    fn a_lead_byte_dangles_at_the_end_only() {
        let evidence = evidence();
        assert!(evidence.dangling_lead(&chars("中国\u{fffd}"), 3));
        assert!(!evidence.dangling_lead(&chars("中国\u{fffd}"), 2));
        assert!(!evidence.dangling_lead(&chars("\u{fffd}国\u{fffd}"), 3));
        assert!(!evidence.dangling_lead(&chars("?"), 1));
    }

    #[test]
    fn only_runs_that_may_be_out_of_phase_are_searched() {
        let evidence = evidence();
        // nothing out of place and no stray: a rare word is no frame shift
        assert!(!evidence.may_be_out_of_phase(&chars("中国"), 0, 2, Family::Big5));
        assert!(!evidence.may_be_out_of_phase(&chars("中国"), 0, 2, Family::Gbk));
        // a stray trail byte after ordinary characters: a lost lead byte, in GBK only of a
        // character beyond GB2312
        assert!(evidence.may_be_out_of_phase(&chars("中Q锟"), 0, 2, Family::Big5));
        assert!(evidence.may_be_out_of_phase(&chars("中Q锟"), 0, 2, Family::Gbk));
        assert!(!evidence.may_be_out_of_phase(&chars("中Q锟国"), 0, 2, Family::Gbk));
        assert!(evidence.may_be_out_of_phase(&chars("中Q锟国國"), 0, 2, Family::Gbk));
        assert!(evidence.may_be_out_of_phase(&chars("国Q锟"), 0, 2, Family::Gbk));
        assert!(!evidence.may_be_out_of_phase(&chars("中Q锟"), 0, 1, Family::Big5));
    }

    #[test]
    fn gb2312_holds_simplified_text_only() {
        assert!(gb2312_only(&chars("中国锟鑫, A")));
        assert!(!gb2312_only(&chars("中國")));
    }

    #[test]
    fn words_the_model_knows_read_as_words() {
        let evidence = evidence();
        assert!(evidence.reads_as_word(&chars("中国")));
        assert!(!evidence.reads_as_word(&chars("中a")));
        assert!(evidence.implausible_positions(&chars("中国人")).is_empty());
    }
}
