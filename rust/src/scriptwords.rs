//! Words of the other scripts a crawl holds, found and scored as text of their own script (see
//! `textfix.scriptmodel`, which holds the letters of each script, the rates and the models).
//!
//! A *foreign word* begins at a letter of a script other than Han and goes on with that script's
//! letters (and combining marks, for Latin, Greek and Cyrillic); a Latin word needs a non-ASCII
//! letter or a mark in it. Neither edge may touch a non-ASCII letter or digit of any script, a
//! combining mark, private use or a C1 control (the damage of a double-byte stream). Where the
//! longest run fails at its end, the word ends earlier, before the last character its end may
//! touch (an ASCII letter): the words a backtracking regular expression with these edges finds.
//! "Letter or digit" is Python's `str.isalnum` (general categories L and N), and the casing of a
//! word is Python's `str.islower` / `str.isupper` / `str.isalpha`, so that the words and their
//! scores are the ones the package has always reported.

use rustc_hash::FxHashMap;

use crate::class::Class;

/// A character bigram model of one script's words (lowercased, framed by the boundary).
pub struct ScriptModel {
    pub unigram: FxHashMap<char, f64>,
    pub bigram: FxHashMap<(char, char), f64>,
    pub unseen: f64,
}

/// One script: its letters, whether its words may hold combining marks, its model if it has one.
pub struct Script {
    pub name: String,
    pub letters: Class,
    pub marks: bool,
    pub model: Option<ScriptModel>,
}

/// The flat rates of `textfix.scriptmodel` (log-probabilities).
pub struct Rates {
    /// Each letter (and the word's end) of a script without a model.
    pub unmodelled: f64,
    /// A word whose letters are neither all lower, all upper case nor capitalised.
    pub case_mix: f64,
    /// Each side of a non-Latin word glued to an ASCII letter.
    pub glued: f64,
    /// log of the share of the unigram probability an unseen bigram gets.
    pub log_unigram_weight: f64,
}

pub struct ScriptWords {
    scripts: Vec<Script>,
    /// The script of each letter of the Basic Multilingual Plane (`NO_SCRIPT`: none).
    bmp_script: Vec<u8>,
    latin: Option<usize>,
    non_ascii_latin: Class,
    marks: Class,
    /// Non-ASCII letters and digits (Python's `\w` beyond ASCII).
    word_char: Class,
    /// Private use, C1 controls and combining marks: what a word may not touch either.
    damage: Class,
    lower: Class,
    upper: Class,
    title: Class,
    alpha: Class,
    boundary: char,
    rates: Rates,
}

const NO_SCRIPT: u8 = u8::MAX;

/// A word found in a text: character offsets and the index of its script.
pub type Word = (usize, usize, usize);

impl ScriptWords {
    /// `scripts` in the order the package lists them (a script named `Latn` is Latin);
    /// `non_ascii_latin` and `marks` are regular-expression class contents.
    pub fn new(
        scripts: Vec<Script>,
        non_ascii_latin: &str,
        marks: &str,
        boundary: char,
        rates: Rates,
    ) -> Result<ScriptWords, String> {
        if scripts.is_empty() || scripts.iter().any(|s| s.letters.contains(boundary)) {
            return Err("scripts must be given, their letters apart from the boundary".into());
        }
        if scripts.len() >= NO_SCRIPT as usize {
            return Err("too many scripts".into());
        }
        let bmp_script = (0..=0xFFFFu32)
            .map(|code| {
                let c = char::from_u32(code).unwrap_or('\u{fffd}');
                scripts.iter().position(|s| s.letters.contains(c)).map_or(NO_SCRIPT, |i| i as u8)
            })
            .collect();
        Ok(ScriptWords {
            bmp_script,
            latin: scripts.iter().position(|s| s.name == "Latn"),
            non_ascii_latin: Class::new(non_ascii_latin)?,
            damage: Class::new(&format!("\u{e000}-\u{f8ff}\u{80}-\u{9f}{marks}"))?,
            marks: Class::new(marks)?,
            word_char: Class::new(r"\p{L}\p{N}")?,
            lower: Class::new(r"\p{Lowercase}")?,
            upper: Class::new(r"\p{Uppercase}")?,
            title: Class::new(r"\p{Lt}")?,
            alpha: Class::new(r"\p{L}")?,
            scripts,
            boundary,
            rates,
        })
    }

    pub fn script_name(&self, index: usize) -> &str {
        &self.scripts[index].name
    }

    pub fn script_index(&self, name: &str) -> Option<usize> {
        self.scripts.iter().position(|s| s.name == name)
    }

    /// The index of the script `c` is a letter of.
    fn script_of(&self, c: char) -> Option<usize> {
        match self.bmp_script.get(c as usize) {
            Some(&NO_SCRIPT) => None,
            Some(&index) => Some(index as usize),
            None => self.scripts.iter().position(|s| s.letters.contains(c)),
        }
    }

    fn edge(&self, c: char) -> bool {
        (!c.is_ascii() && self.word_char.contains(c)) || self.damage.contains(c)
    }

    fn in_word(&self, script: &Script, c: char) -> bool {
        script.letters.contains(c) || (script.marks && self.marks.contains(c))
    }

    /// The foreign words of `text`, in order.
    pub fn words(&self, text: &[char]) -> Vec<Word> {
        let mut words = Vec::new();
        let mut start = match text.iter().position(|&c| self.is_foreign_letter(c)) {
            // The first letter of any word is at most that far back: its run reaches this one.
            Some(first) => text[..first]
                .iter()
                .rposition(|&c| self.script_of(c).is_none() && !self.marks.contains(c))
                .map_or(0, |p| p + 1),
            None => return words,
        };
        while start < text.len() {
            match self.word_at(text, start) {
                Ok(word) => {
                    words.push(word);
                    start = word.1;
                }
                Err(next) => start = next,
            }
        }
        words
    }

    /// A non-ASCII letter of the Latin script, a mark, or a letter of another script: a
    /// character no foreign word lacks.
    fn is_foreign_letter(&self, c: char) -> bool {
        !c.is_ascii() && (self.script_of(c).is_some() || self.marks.contains(c))
    }

    /// The word beginning at `start`, or where the next one may begin.
    fn word_at(&self, text: &[char], start: usize) -> Result<Word, usize> {
        let first = text[start];
        let next = start + 1;
        if start > 0 && self.edge(text[start - 1]) {
            return Err(next);
        }
        let Some(index) = self.script_of(first) else {
            return Err(next);
        };
        let script = &self.scripts[index];
        let run_end = next + text[next..].iter().take_while(|&&c| self.in_word(script, c)).count();
        if Some(index) == self.latin
            && !text[start..run_end].iter().any(|&c| self.non_ascii_latin.contains(c) || self.marks.contains(c))
        {
            // ASCII letters only, to the run's end: so is the rest of the run from any of them
            return Err(run_end);
        }
        (next..=run_end)
            .rev()
            .find(|&end| end == text.len() || !self.edge(text[end]))
            .map(|end| (start, end, index))
            .ok_or(next)
    }

    fn logp(&self, model: &ScriptModel, prev: char, c: char) -> f64 {
        if let Some(&value) = model.bigram.get(&(prev, c)) {
            return value;
        }
        let base = model.unigram.get(&c).copied().unwrap_or(model.unseen);
        if model.unigram.contains_key(&prev) {
            base + self.rates.log_unigram_weight
        } else {
            base
        }
    }

    /// log P of a word of script `index` as text of its own script (a flat rate where there is
    /// no model), less where its letters mix cases.
    pub fn word_logp(&self, word: &[char], index: usize) -> f64 {
        let tail = &word[word.len().min(1)..];
        let shape = if self.is_lower(word) || self.is_upper(word) || self.is_lower(tail) || !self.is_alpha(tail) {
            0.0
        } else {
            self.rates.case_mix
        };
        let Some(model) = &self.scripts[index].model else {
            return self.rates.unmodelled * (word.len() + 1) as f64 + shape;
        };
        let lowered = word.iter().collect::<String>().to_lowercase();
        let mut total = 0.0;
        let mut prev = self.boundary;
        for c in lowered.chars().chain([self.boundary]) {
            total += self.logp(model, prev, c);
            prev = c;
        }
        total + shape
    }

    /// Python's `str.islower`: a cased letter, and every cased one lower case.
    fn is_lower(&self, text: &[char]) -> bool {
        !text.iter().any(|&c| self.upper.contains(c) || self.title.contains(c))
            && text.iter().any(|&c| self.lower.contains(c))
    }

    /// Python's `str.isupper`.
    fn is_upper(&self, text: &[char]) -> bool {
        !text.iter().any(|&c| self.lower.contains(c) || self.title.contains(c))
            && text.iter().any(|&c| self.upper.contains(c))
    }

    /// Python's `str.isalpha`: not empty, and letters only.
    fn is_alpha(&self, text: &[char]) -> bool {
        !text.is_empty() && text.iter().all(|&c| self.alpha.contains(c))
    }

    /// log P of `text` from the scores of the stretches around its `words` (`gaps`, one more
    /// than the words: `PageScorer::gap_scores`) and each word's own (`word_logp`), a word of a
    /// non-Latin script glued to an ASCII letter costing `glued` a side.
    pub fn mixed_score(&self, text: &[char], words: &[Word], gaps: &[f64]) -> f64 {
        let mut total = 0.0;
        for (&(start, end, index), gap) in words.iter().zip(gaps) {
            total += gap + self.word_logp(&text[start..end], index);
            if Some(index) != self.latin {
                let before = start > 0 && text[start - 1].is_ascii_alphabetic();
                let after = end < text.len() && text[end].is_ascii_alphabetic();
                total += self.rates.glued * (before as u8 + after as u8) as f64;
            }
        }
        total + gaps[words.len()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MARKS: &str = "\u{300}-\u{36f}";
    const NON_ASCII_LATIN: &str = "\u{c0}-\u{d6}\u{d8}-\u{f6}\u{f8}-\u{24f}\u{1e00}-\u{1eff}";

    fn words_of() -> ScriptWords {
        let script = |name: &str, letters: &str, marks: bool, model: Option<ScriptModel>| Script {
            name: name.into(),
            letters: Class::fixed(letters),
            marks,
            model,
        };
        let cyrillic = ScriptModel {
            unigram: [('м', -2.0), ('и', -2.0), ('р', -2.5), ('\n', -2.0)].into_iter().collect(),
            bigram: [(('\n', 'м'), -1.0), (('м', 'и'), -1.0), (('и', 'р'), -1.0), (('р', '\n'), -1.0)]
                .into_iter()
                .collect(),
            unseen: -10.0,
        };
        let scripts = vec![
            script("Latn", &format!("A-Za-z{NON_ASCII_LATIN}"), true, None),
            script("Cyrl", "\u{400}-\u{482}", true, Some(cyrillic)),
            script("Thai", "\u{e01}-\u{e3a}", false, None),
        ];
        let rates = Rates { unmodelled: -3.5, case_mix: -8.0, glued: -6.0, log_unigram_weight: 0.05f64.ln() };
        ScriptWords::new(scripts, NON_ASCII_LATIN, MARKS, '\n', rates).unwrap()
    }

    fn found(words: &ScriptWords, text: &str) -> Vec<(usize, usize, String)> {
        let chars: Vec<char> = text.chars().collect();
        words.words(&chars).into_iter().map(|(s, e, i)| (s, e, words.script_name(i).to_owned())).collect()
    }

    #[test]
    fn words_stand_apart_from_ideographs_and_damage() {
        let words = words_of();
        assert_eq!(found(&words, "在мир里"), vec![]);
        assert_eq!(found(&words, "说 мир 了"), vec![(2, 5, "Cyrl".into())]);
        assert_eq!(found(&words, "\u{e000}мир"), vec![]);
        // ASCII-only Latin words stay with the Chinese model; an accent makes one foreign
        assert_eq!(found(&words, "hello café"), vec![(6, 10, "Latn".into())]);
    }

    #[test]
    fn a_word_glued_to_a_letter_ends_before_its_last_ascii_letter() {
        // the longest run `abcdé` touches 中; the word ends where the next character is ASCII
        assert_eq!(found(&words_of(), "abcdé中"), vec![(0, 3, "Latn".into())]);
    }

    #[test]
    fn words_are_scored_by_their_model_and_their_case() {
        let words = words_of();
        let cyrillic = words.script_index("Cyrl").unwrap();
        let chars = |s: &str| s.chars().collect::<Vec<char>>();
        assert_eq!(words.word_logp(&chars("мир"), cyrillic), -4.0);
        assert_eq!(words.word_logp(&chars("МИР"), cyrillic), -4.0);
        assert_eq!(words.word_logp(&chars("Мир"), cyrillic), -4.0);
        assert_eq!(words.word_logp(&chars("мИр"), cyrillic), -12.0);
        let thai = words.script_index("Thai").unwrap();
        // an uncased word of two letters is neither lower, upper nor capitalised either
        assert_eq!(words.word_logp(&chars("กข"), thai), -3.5 * 3.0 - 8.0);
        assert_eq!(words.word_logp(&chars("ก"), thai), -3.5 * 2.0);
    }

    #[test]
    fn a_non_latin_word_glued_to_ascii_letters_costs_each_side() {
        let words = words_of();
        let text: Vec<char> = "%sмир".chars().collect();
        let found = words.words(&text);
        assert_eq!(found, vec![(2, 5, 1)]);
        assert_eq!(words.mixed_score(&text, &found, &[-1.0, -2.0]), -1.0 - 4.0 - 6.0 - 2.0);
    }
}
