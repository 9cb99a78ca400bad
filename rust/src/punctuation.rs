//! Full-width punctuation restored in CJK context (see `textfix.punctuation`).

use regex::Regex;

use crate::class::Class;
use crate::lines::lines;

/// Sweeps over a line's marks at most: bounds the work on adversarial lines (thousands of
/// nested parentheses).
const MAX_SWEEPS: usize = 8;
/// A line without any of these is no CJK context at all, whatever its quotes and dashes (a
/// Russian sentence on a Chinese page keeps its commas); Korean is written with ASCII punctuation.
const CJK: &str = r"\p{Han}\p{Hiragana}\p{Katakana}\u3000-\u303f\uff00-\uffef";
/// What makes a mark's neighbour CJK context: those, and the quotes and dashes Chinese text uses.
const WIDE_EXTRA: &str = "“”‘’…—";
/// Spans whose ASCII punctuation is part of the token: URLs, e-mail addresses, domain names. A
/// URL runs to ASCII white space or `，。、“”（）`, Chinese characters included: so the pattern read
/// when it was written with Python's `regex` and its ASCII flag, where `\p{Han}` in the
/// excluded class matched nothing.
const PROTECTED: &str = concat!(
    r"(?i-u:https?|ftp)://[^\t\n\x0B\x0C\r ，。、“”（）]+",
    r"|[A-Za-z0-9_.+\-]+@[A-Za-z0-9_\-]+(?:\.[A-Za-z0-9_\-]+)+",
    r"|(?i-u:www)\.[A-Za-z0-9_\-]+(?:\.[A-Za-z0-9_\-]+)+[^\t\n\x0B\x0C\r ，。、“”（）]*",
);

/// Damage the repair step left (C1 controls, private use): a mark touching it stays ASCII. Made
/// full width it would be two more bytes of a GBK or Big5 run beside that damage, and repairing
/// the cleaned text again would read the run differently (cleaning would not be idempotent).
fn unrepaired(c: char) -> bool {
    matches!(c, '\u{80}'..='\u{9f}' | '\u{e000}'..='\u{f8ff}')
}

/// The folding table and the classes the restoration reads.
pub struct Punctuation {
    /// ASCII mark and its full-width form; `(` and `)` among them.
    folded: Vec<(char, char)>,
    /// Whether each ASCII byte is a mark of `folded`.
    is_mark: [bool; 128],
    cjk: Class,
    wide: Class,
    letter: Class,
    protected: Regex,
}

/// One line restored: its index and its text before and after.
pub type LineEdit = (usize, String, String);

impl Punctuation {
    /// The restoration of the ASCII marks of `folded` (mark, full-width form) to their full-width
    /// forms; the table must fold both parentheses.
    pub fn new(folded: Vec<(char, char)>) -> Result<Punctuation, String> {
        if !['(', ')'].iter().all(|p| folded.iter().any(|(ascii, _)| ascii == p)) {
            return Err("the folding table must hold ( and )".into());
        }
        let mut is_mark = [false; 128];
        for &(ascii, _) in &folded {
            if !ascii.is_ascii() {
                return Err(format!("{ascii:?} is not ASCII punctuation"));
            }
            is_mark[ascii as usize] = true;
        }
        Ok(Punctuation {
            folded,
            is_mark,
            cjk: Class::fixed(CJK),
            wide: Class::fixed(&format!("{CJK}{WIDE_EXTRA}")),
            letter: Class::fixed(r"\p{L}"),
            protected: Regex::new(PROTECTED).expect("valid pattern"),
        })
    }

    fn is_mark(&self, c: char) -> bool {
        c.is_ascii() && self.is_mark[c as usize]
    }

    fn full_width(&self, c: char) -> Option<char> {
        self.folded.iter().find(|(ascii, _)| *ascii == c).map(|&(_, wide)| wide)
    }

    /// Every line of `text` (split at `\n`) holding a folded mark in CJK context, restored: the
    /// text (None when no line changed) and the lines' edits.
    pub fn restore(&self, text: &str) -> (Option<String>, Vec<LineEdit>) {
        let mut edits = Vec::new();
        for (number, line) in lines(text).enumerate() {
            if !line.bytes().any(|b| b < 128 && self.is_mark[b as usize]) || !line.chars().any(|c| self.cjk.contains(c))
            {
                continue;
            }
            if let Some(restored) = self.restore_line(line) {
                edits.push((number, line.to_string(), restored));
            }
        }
        if edits.is_empty() {
            return (None, edits);
        }
        let mut lines: Vec<&str> = lines(text).collect();
        for (number, _, restored) in &edits {
            lines[*number] = restored;
        }
        (Some(lines.join("\n")), edits)
    }

    /// Which characters of `line` keep their ASCII punctuation whatever is around them: URLs,
    /// addresses, and the neighbours of damage the repair step left.
    fn protected(&self, line: &str, chars: &[char]) -> Vec<bool> {
        let mut flags = vec![false; chars.len()];
        for (i, &c) in chars.iter().enumerate() {
            if unrepaired(c) {
                flags[i.saturating_sub(1)..(i + 2).min(chars.len())].fill(true);
            }
        }
        let mut spans = self.protected.find_iter(line).peekable();
        if spans.peek().is_some() {
            let char_at: Vec<usize> = {
                let mut index = vec![0; line.len() + 1];
                for (i, (byte, _)) in line.char_indices().enumerate() {
                    index[byte] = i;
                }
                index[line.len()] = chars.len();
                index
            };
            for span in spans {
                flags[char_at[span.start()]..char_at[span.end()]].fill(true);
            }
        }
        flags
    }

    /// `line` with its folded marks in CJK context made full width (None when none is): a mark
    /// beside a wide character, or after a non-letter and before one; a pair of parentheses with
    /// a wide character inside or beside. Marks beside widened marks widen in turn.
    fn restore_line(&self, line: &str) -> Option<String> {
        let chars: Vec<char> = line.chars().collect();
        let n = chars.len();
        let protected = self.protected(line, &chars);
        let pairs = matching_parentheses(&chars, &protected);
        let marks: Vec<usize> =
            (0..n).filter(|&i| !protected[i] && chars[i] != '(' && chars[i] != ')' && self.is_mark(chars[i])).collect();
        let is_wide: Vec<bool> = chars.iter().map(|&c| self.wide.contains(c)).collect();
        // wide_before[i]: how many of the first i characters are wide.
        let wide_before: Vec<usize> = std::iter::once(0)
            .chain(is_wide.iter().scan(0, |count, &wide| {
                *count += usize::from(wide);
                Some(*count)
            }))
            .collect();
        let mut widen = vec![false; n];
        let wide_at = |widen: &[bool], i: Option<usize>| i.is_some_and(|i| i < n && (widen[i] || is_wide[i]));
        let neighbour = |i: usize, forward: bool| -> Option<usize> {
            let mut j = i;
            loop {
                j = if forward { j + 1 } else { j.checked_sub(1)? };
                if j >= n {
                    return None;
                }
                if chars[j] != ' ' {
                    return Some(j);
                }
            }
        };
        // A run of marks ("文,,", ",,文") widens as a whole, so that cleaning the result again
        // finds nothing left to do: sweep forwards, then backwards, ... until no mark changes.
        let (mut changed, mut backwards, mut sweeps) = (true, true, 0);
        while changed && sweeps < MAX_SWEEPS {
            (changed, backwards, sweeps) = (false, !backwards, sweeps + 1);
            for &(open, close) in &pairs {
                // Parentheses look at their immediate neighbours: "调用 f(x) 即可" is code in prose.
                if !widen[open]
                    && (wide_before[close] > wide_before[open + 1]
                        || wide_at(&widen, open.checked_sub(1))
                        || wide_at(&widen, Some(close + 1)))
                {
                    (widen[open], widen[close], changed) = (true, true, true);
                }
            }
            let order: Box<dyn Iterator<Item = &usize>> =
                if backwards { Box::new(marks.iter().rev()) } else { Box::new(marks.iter()) };
            for &i in order {
                if widen[i] {
                    continue;
                }
                let (before, after) = (neighbour(i, false), neighbour(i, true));
                let before_letter = before.is_some_and(|b| self.letter.contains(chars[b]));
                if wide_at(&widen, before) || (wide_at(&widen, after) && !before_letter) {
                    (widen[i], changed) = (true, true);
                }
            }
        }
        if !widen.contains(&true) {
            return None;
        }
        let mut out = String::with_capacity(line.len() + 8);
        let mut after_widened = false;
        for (i, &c) in chars.iter().enumerate() {
            if widen[i] {
                // Full-width punctuation carries its own spacing: drop ASCII spaces folded around it.
                while out.ends_with(' ') {
                    out.pop();
                }
                out.push(self.full_width(c).expect("only marks are widened"));
                after_widened = true;
            } else if c == ' ' && after_widened {
                continue;
            } else {
                out.push(c);
                after_widened = false;
            }
        }
        Some(out)
    }
}

/// Pairs of ASCII parentheses outside the protected characters (open index, close index), nesting
/// respected, in the order they close.
fn matching_parentheses(chars: &[char], protected: &[bool]) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    let mut stack = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        if protected[i] {
            continue;
        }
        if c == '(' {
            stack.push(i);
        } else if c == ')' {
            if let Some(open) = stack.pop() {
                pairs.push((open, i));
            }
        }
    }
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn restorer() -> Punctuation {
        let table = [(',', '，'), (':', '：'), (';', '；'), ('?', '？'), ('!', '！'), ('(', '（'), (')', '）')];
        Punctuation::new(table.to_vec()).unwrap()
    }

    fn restored(text: &str) -> String {
        restorer().restore(text).0.unwrap_or_else(|| text.to_string())
    }

    #[test]
    fn marks_in_cjk_context_widen() {
        assert_eq!(restored("你好,世界!"), "你好，世界！");
        assert_eq!(restored("他说: 明天(周五)见"), "他说：明天（周五）见");
        assert_eq!(restored("文,,"), "文，，");
        assert_eq!(restored(",,文"), "，，文");
    }

    #[test]
    fn ascii_stays_where_it_belongs() {
        for text in ["时间 10:30 开始", "共 1,000 人", "调用 f(x) 即可", "hello, world", "Привет, мир"]
        {
            assert_eq!(restored(text), text);
        }
        assert_eq!(restored("见 https://example.com/a,b?c 网站"), "见 https://example.com/a,b?c 网站");
        assert_eq!(restored("邮件 a.b@example.com, 谢谢"), "邮件 a.b@example.com, 谢谢"); // after a letter
        assert_eq!(restored("邮件: a.b@example.com"), "邮件：a.b@example.com");
        assert_eq!(restored("坏\u{80},字"), "坏\u{80},字");
        assert_eq!(restored("见www.x.com网站:好 中文:好"), "见www.x.com网站:好 中文：好");
        // to the space
    }

    #[test]
    fn edits_name_their_lines() {
        let (text, edits) = restorer().restore("abc\n中文,好\nx, y");
        assert_eq!(text.as_deref(), Some("abc\n中文，好\nx, y"));
        assert_eq!(edits, vec![(1, "中文,好".to_string(), "中文，好".to_string())]);
        assert!(Punctuation::new(vec![(',', '，')]).is_err());
        assert!(Punctuation::new(vec![('(', '（'), (')', '）'), ('，', ',')]).is_err());
    }
}
