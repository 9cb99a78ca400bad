//! Guess lost characters from the bytes that survived, the character model and the page's text.
//!
//! A `Lost` token keeps the bytes that are known. Its options are the characters the model knows
//! whose bytes in the writer's encoding match, the most frequent first; the lost characters of a
//! line are chosen jointly (Viterbi over every token's options, `PageScorer::best_path`), and a
//! guess for a character with more than one unknown byte is kept only where it stands out given
//! the characters chosen around it. Otherwise the character stays one U+FFFD.

use std::sync::{Arc, Mutex};

use rustc_hash::FxHashMap;

use crate::chains::{ByteSet, KnownEncoded, Lost, Token};
use crate::charmodel::{CharModel, Foreign, BOUNDARY};
use crate::frameshift::{OTHER_SCRIPT_COST, UNK};
use crate::scorer::{PageScorer, REPLACEMENT};

/// Guess a character with more than one unknown byte only when this sure of it.
pub const MIN_POSTERIOR: f64 = 0.6;
/// Options kept per lost character (the most frequent ones; one unknown byte leaves at most 64).
pub const MAX_OPTIONS: usize = 48;
/// ...and of a character whose bytes were all rejected by a reader (`gbk~utf-8`): 160 took GBK
/// read as UTF-8 from 0.865 to 0.857 CER (floor 0.843) for twice the time.
pub const MAX_WHOLE_OPTIONS: usize = 48;
/// log-probability bonus for the bracket that closes one left open before the lost character.
pub const BRACKET_BONUS: f64 = 4.0;
/// Characters only one script has that make a line that script's (`textfix.charmodel`).
const SCRIPT_EVIDENCE: usize = 2;
const CLOSING: [(char, char); 9] = [
    ('（', '）'),
    ('(', ')'),
    ('《', '》'),
    ('「', '」'),
    ('『', '』'),
    ('【', '】'),
    ('“', '”'),
    ('〈', '〉'),
    ('[', ']'),
];
/// Lost characters recur from page to page (one byte of a common character lost the same way):
/// their options are kept, up to this many.
const REMEMBERED: usize = 65_536;

/// The characters each writer's lost characters may be, and the options already worked out.
pub struct Guesser {
    model: Arc<CharModel>,
    known: Vec<(&'static str, Arc<KnownEncoded>)>,
    likeliest: Mutex<FxHashMap<Lost, Arc<[char]>>>,
}

/// What guessing the lost characters of `tokens` may weigh, in units of the page's search
/// budget: the pairs of options of neighbouring tokens (a lost character counted with as many
/// as it may have), `pairs_per_unit` a unit.
pub fn guessing_cost(tokens: &[Token], pairs_per_unit: f64) -> f64 {
    let width = |t: &Token| if matches!(t, Token::Lost(_)) { MAX_OPTIONS.max(MAX_WHOLE_OPTIONS) } else { 1 };
    let pairs: usize = tokens.windows(2).map(|w| width(&w[0]) * width(&w[1])).sum();
    pairs as f64 / pairs_per_unit
}

/// For each token, the closing bracket the text before it still waits for where it is a lost
/// character (None elsewhere).
fn open_brackets(tokens: &[Token]) -> Vec<Option<char>> {
    let mut waiting: Vec<char> = Vec::new();
    let mut found = Vec::with_capacity(tokens.len());
    for token in tokens {
        match token {
            Token::Char(c) => {
                found.push(None);
                if let Some(&(_, close)) = CLOSING.iter().find(|(open, _)| open == c) {
                    waiting.push(close);
                } else if waiting.last() == Some(c) {
                    waiting.pop();
                }
            }
            Token::Lost(_) => found.push(waiting.last().copied()),
        }
    }
    found
}

/// The characters only the other script has, when `chars` are written in one script: at least
/// `SCRIPT_EVIDENCE` characters only Simplified (or Traditional) text has and none only the
/// other has (`textfix.charmodel.CharModel.other_script`).
fn other_script(model: &CharModel, chars: impl Iterator<Item = char>) -> Foreign {
    let (mut simplified, mut traditional) = (0, 0);
    for c in chars {
        simplified += model.is_foreign(Foreign::SimplifiedOnly, c) as usize;
        traditional += model.is_foreign(Foreign::TraditionalOnly, c) as usize;
    }
    if simplified >= SCRIPT_EVIDENCE && traditional == 0 {
        Foreign::TraditionalOnly
    } else if traditional >= SCRIPT_EVIDENCE && simplified == 0 {
        Foreign::SimplifiedOnly
    } else {
        Foreign::None
    }
}

/// What each unknown byte of `pattern` (the lost character's pattern or an alternative) may
/// have been.
fn allowed_in(lost: &Lost, pattern: &[i32]) -> Vec<Option<ByteSet>> {
    if let Some(values) = lost.lost_values {
        return pattern.iter().map(|&b| (b == UNK).then_some(values)).collect();
    }
    if *pattern == *lost.pattern {
        lost.allowed.clone()
    } else {
        Vec::new()
    }
}

impl Guesser {
    /// The guesser of the characters known in each writer's bytes (`utf-8`, `gbk`, `big5`,
    /// `gbk~utf-8`, `big5~utf-8`).
    pub fn new(model: Arc<CharModel>, known: Vec<(&'static str, Arc<KnownEncoded>)>) -> Guesser {
        Guesser { model, known, likeliest: Mutex::default() }
    }

    /// Characters whose bytes match what survived of `lost` (in its pattern or an alternative).
    pub fn candidates(&self, lost: &Lost) -> Vec<char> {
        let Some((_, known)) = self.known.iter().find(|(writer, _)| *writer == lost.writer) else {
            return Vec::new();
        };
        let mut found = known.matching(&lost.pattern, &allowed_in(lost, &lost.pattern));
        for alternative in &lost.alternatives {
            let before = found.len();
            for c in known.matching(alternative, &allowed_in(lost, alternative)) {
                if !found[..before].contains(&c) {
                    found.push(c);
                }
            }
        }
        found
    }

    /// The most frequent candidates of a lost character (`MAX_OPTIONS`; U+FFFD alone if none):
    /// one whose every byte is unknown only where a reader rejected them all (`gbk~utf-8`).
    pub fn options(&self, lost: &Lost) -> Arc<[char]> {
        if let Some(found) = self.likeliest.lock().ok().and_then(|memo| memo.get(lost).cloned()) {
            return found;
        }
        let whole = lost.writer.contains('~');
        let candidates = if whole || lost.unknown() < lost.pattern.len() { self.candidates(lost) } else { Vec::new() };
        let options: Arc<[char]> = if candidates.is_empty() {
            Arc::from([REPLACEMENT])
        } else {
            let mut scored: Vec<(char, f64)> =
                candidates.into_iter().map(|c| (c, self.model.unigram_logp(c))).collect();
            // best first, equal scores in the order they were found (a stable sort)
            scored.sort_by(|a, b| b.1.partial_cmp(&a.1).unwrap_or(std::cmp::Ordering::Equal));
            scored.truncate(if whole { MAX_WHOLE_OPTIONS } else { MAX_OPTIONS });
            scored.into_iter().map(|(c, _)| c).collect()
        };
        if let Ok(mut memo) = self.likeliest.lock() {
            if memo.len() >= REMEMBERED {
                memo.clear();
            }
            memo.insert(lost.clone(), options.clone());
        }
        options
    }

    /// The characters of `tokens` with their lost characters guessed jointly (an unguessed one is
    /// U+FFFD), and how many were guessed. The guessing is charged to the page's search budget
    /// (`guessing_cost`, `spent` of `budget` units); where the page cannot pay for it, nothing
    /// is guessed.
    pub fn fill(
        &self,
        scorer: &mut PageScorer,
        tokens: &[Token],
        spent: &mut f64,
        (budget, pairs_per_unit): (f64, f64),
    ) -> (Vec<char>, usize) {
        let unguessed = || tokens.iter().map(|t| if let Token::Char(c) = t { *c } else { REPLACEMENT }).collect();
        if !tokens.iter().any(|t| matches!(t, Token::Lost(_))) {
            return (unguessed(), 0);
        }
        let cost = guessing_cost(tokens, pairs_per_unit);
        if *spent + cost > budget {
            return (unguessed(), 0);
        }
        *spent += cost;
        // (a known character is its own one option: nothing is allocated for each character)
        let lost_options: Vec<Arc<[char]>> = tokens
            .iter()
            .filter_map(|t| if let Token::Lost(lost) = t { Some(self.options(lost)) } else { None })
            .collect();
        let mut next_options = lost_options.iter();
        let options: Vec<&[char]> = tokens
            .iter()
            .map(|t| match t {
                Token::Char(c) => std::slice::from_ref(c),
                Token::Lost(_) => next_options.next().map_or(&[][..], |o| &o[..]),
            })
            .collect();
        let closing = open_brackets(tokens);
        let foreign = other_script(
            &self.model,
            tokens.iter().filter_map(|t| if let Token::Char(c) = t { Some(*c) } else { None }),
        );
        let bonus = |i: usize, c: char| {
            (if closing[i] == Some(c) { BRACKET_BONUS } else { 0.0 })
                - (if self.model.is_foreign(foreign, c) { OTHER_SCRIPT_COST } else { 0.0 })
        };
        // (a known character's bonus is the same on every path, which the best path does not change)
        let lost_bonuses: Vec<Vec<f64>> = tokens
            .iter()
            .zip(&options)
            .enumerate()
            .filter(|(_, (t, _))| matches!(t, Token::Lost(_)))
            .map(|(i, (_, options))| options.iter().map(|&c| bonus(i, c)).collect())
            .collect();
        let mut lost_bonuses = lost_bonuses.iter();
        let bonuses: Vec<&[f64]> = tokens
            .iter()
            .map(|t| match t {
                Token::Lost(_) => lost_bonuses.next().map_or(&[][..], |b| &b[..]),
                Token::Char(_) => &[0.0][..],
            })
            .collect();
        let path = scorer.best_path(&options, &bonuses);
        let chosen: Vec<char> = options.iter().zip(path).map(|(o, c)| if o.contains(&c) { c } else { o[0] }).collect();
        let mut out: Vec<char> = unguessed();
        let mut guessed = 0;
        for (i, token) in tokens.iter().enumerate() {
            let Token::Lost(lost) = token else { continue };
            if chosen[i] == REPLACEMENT {
                continue;
            }
            if lost.unknown() > 1 {
                let prev = if i > 0 { chosen[i - 1] } else { BOUNDARY };
                let after = chosen.get(i + 1).copied().unwrap_or(BOUNDARY);
                let mut weigh = |c: char| scorer.logp(prev, c) + scorer.logp(c, after) + bonus(i, c);
                let scores: Vec<f64> = options[i].iter().map(|&c| weigh(c)).collect();
                let top = scores.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                let mine = weigh(chosen[i]);
                let total: f64 = scores.iter().map(|s| (s - top).exp()).sum();
                if (mine - top).exp() / total < MIN_POSTERIOR {
                    continue;
                }
            }
            out[i] = chosen[i];
            guessed += 1;
        }
        (out, guessed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charmodel::tests::tiny;

    fn lost(pattern: &[i32], writer: &'static str) -> Token {
        Token::Lost(Arc::new(Lost {
            pattern: crate::chains::Pattern::new(pattern),
            writer,
            allowed: Vec::new(),
            alternatives: Vec::new(),
            lost_values: None,
        }))
    }

    fn guesser() -> Guesser {
        let model = Arc::new(tiny());
        let known = model.vocab.iter().map(|c| (c.to_string().into_bytes(), *c)).collect();
        Guesser::new(model, vec![("utf-8", Arc::new(KnownEncoded::new(known)))])
    }

    #[test]
    fn brackets_left_open_are_waited_for_at_lost_characters() {
        let tokens = vec![Token::Char('（'), lost(&[UNK], "utf-8"), Token::Char('）'), lost(&[UNK], "utf-8")];
        assert_eq!(open_brackets(&tokens), vec![None, Some('）'), None, None]);
    }

    #[test]
    fn the_cost_counts_pairs_of_options() {
        let tokens = vec![Token::Char('a'), lost(&[UNK], "utf-8"), lost(&[UNK], "utf-8")];
        assert_eq!(guessing_cost(&tokens, 20.0), (48.0 + 48.0 * 48.0) / 20.0);
    }

    #[test]
    fn a_lost_byte_is_guessed_among_the_characters_that_fit() {
        let g = guesser();
        // 中 is E4 B8 AD in UTF-8
        let options = g.options(&Lost {
            pattern: crate::chains::Pattern::new(&[0xE4, 0xB8, UNK]),
            writer: "utf-8",
            allowed: Vec::new(),
            alternatives: Vec::new(),
            lost_values: None,
        });
        assert_eq!(&*options, &['中']);
        let mut page = PageScorer::new(g.model.clone(), &["中国人"]);
        let tokens = vec![Token::Char('国'), lost(&[0xE4, 0xB8, UNK], "utf-8"), Token::Char('人')];
        let mut spent = 0.0;
        assert_eq!(g.fill(&mut page, &tokens, &mut spent, (1e6, 20.0)), (vec!['国', '中', '人'], 1));
        assert_eq!(spent, guessing_cost(&tokens, 20.0));
        let mut poor = 1e6 - 1.0;
        assert_eq!(g.fill(&mut page, &tokens, &mut poor, (1e6, 20.0)), (vec!['国', REPLACEMENT, '人'], 0));
    }

    #[test]
    fn nothing_fits_a_character_all_of_whose_bytes_are_unknown() {
        let g = guesser();
        let options = g.options(&Lost {
            pattern: crate::chains::Pattern::new(&[UNK, UNK, UNK]),
            writer: "utf-8",
            allowed: Vec::new(),
            alternatives: Vec::new(),
            lost_values: None,
        });
        assert_eq!(&*options, &[REPLACEMENT]);
    }
}
