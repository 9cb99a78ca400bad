//! Scoring candidate text: the character model mixed with a cache model of the page's own text.
//!
//! A page repeats its names; characters and bigrams from its undamaged lines get a share of the
//! probability, so a lost character is guessed as the one the page already uses. Parenthesised
//! ASCII annotations (pinyin readings) are left out of the cache so that the characters they
//! separate count as neighbours. A page written in one script makes the other script's
//! characters less likely.

use std::sync::{Arc, OnceLock};

use regex::Regex;
use rustc_hash::FxHashMap;

use crate::charmodel::{chain_score, CharModel, Foreign, BOUNDARY};

const CACHE_WEIGHT: f64 = 0.15;
/// log P(U+FFFD | anything): an unknown character is *some* character, about as likely as a
/// typical one; the character after it is scored by its unigram probability.
const UNKNOWN_LOGP: f64 = -9.0;
/// log-probability penalty for a character of the script the page does not use.
const SCRIPT_PENALTY: f64 = -3.0;
/// A page is in one script when that script's own characters outnumber the other's this many times.
const SCRIPT_RATIO: u64 = 4;
pub const REPLACEMENT: char = '\u{fffd}';
/// What `PageScorer::ceiling` leaves for the rounding of the logarithms and exponentials.
const ROUNDING_SLACK: f64 = 1e-9;

fn annotation() -> &'static Regex {
    static ANNOTATION: OnceLock<Regex> = OnceLock::new();
    ANNOTATION.get_or_init(|| Regex::new(r"\([\x20-\x7e\u{c0}-\u{24f}]{1,12}\)").expect("valid pattern"))
}

/// Full-width Latin letters (and ＠) are scored as the ASCII characters they fold to: the corpora
/// hold too few Latin words for the model to know ASCII letter pairs as well as the full-width
/// pairs of a few Traditional texts, and a realignment would otherwise unfold an e-mail address.
fn half_width(c: char) -> char {
    match c {
        '\u{ff20}'..='\u{ff3a}' | '\u{ff41}'..='\u{ff5a}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
        _ => c,
    }
}

/// One page's scorer: log P(char | prev) under the character model interpolated with the page's
/// own counts (memoised), and the page's search budget.
pub struct PageScorer {
    pub model: Arc<CharModel>,
    unigrams: FxHashMap<char, u64>,
    /// The page's characters in the order they first occur.
    pub seen: Vec<char>,
    bigrams: FxHashMap<(char, char), u64>,
    total: u64,
    foreign: Foreign,
    memo: FxHashMap<(char, char), f64>,
    /// No `logp` is greater: what lets `best_path` stop weighing the paths into an option once
    /// the ones left score too low to win whatever the transition.
    ceiling: f64,
}

impl PageScorer {
    /// The scorer of a page whose undamaged lines are `clean_lines`.
    pub fn new<S: AsRef<str>>(model: Arc<CharModel>, clean_lines: &[S]) -> PageScorer {
        let mut unigrams: FxHashMap<char, u64> = FxHashMap::default();
        let mut seen = Vec::new();
        let mut bigrams: FxHashMap<(char, char), u64> = FxHashMap::default();
        for line in clean_lines {
            let text = annotation().replace_all(line.as_ref(), "");
            let mut prev = BOUNDARY;
            for c in text.chars().chain([BOUNDARY]) {
                let count = unigrams.entry(c).or_insert(0);
                if *count == 0 {
                    seen.push(c);
                }
                *count += 1;
                *bigrams.entry((prev, c)).or_insert(0) += 1;
                prev = c;
            }
        }
        let total = unigrams.values().sum();
        let count_of = |only: Foreign| -> u64 {
            unigrams.iter().filter(|(&c, _)| model.is_foreign(only, c)).map(|(_, &n)| n).sum()
        };
        let simplified = count_of(Foreign::SimplifiedOnly);
        let traditional = count_of(Foreign::TraditionalOnly);
        let foreign = if traditional > SCRIPT_RATIO * simplified.max(1) {
            Foreign::SimplifiedOnly
        } else if simplified > SCRIPT_RATIO * traditional.max(1) {
            Foreign::TraditionalOnly
        } else {
            Foreign::None
        };
        let ceiling = Self::ceiling(&model);
        PageScorer { model, unigrams, seen, bigrams, total, foreign, memo: FxHashMap::default(), ceiling }
    }

    /// Above the greatest `logp` the model and the page's counts allow (by a margin for rounding):
    /// the cache's share is at most 1, as a pair is counted no more often than its first
    /// character (each occurrence of a character is followed by one other, or the line's end).
    fn ceiling(model: &CharModel) -> f64 {
        ((1.0 - CACHE_WEIGHT) * model.ceiling.exp() + CACHE_WEIGHT).ln() + ROUNDING_SLACK
    }

    /// log P(char | prev).
    pub fn logp(&mut self, prev: char, c: char) -> f64 {
        if let Some(&value) = self.memo.get(&(prev, c)) {
            return value;
        }
        let model_logp = self.model.logp(half_width(prev), half_width(c));
        let value = self.from_model(prev, c, model_logp);
        self.memo.insert((prev, c), value);
        value
    }

    /// log P(char | prev), given the character model's `model_logp(prev, char)`.
    pub fn from_model(&mut self, prev: char, c: char, model_logp: f64) -> f64 {
        if c == REPLACEMENT {
            return UNKNOWN_LOGP;
        }
        if prev == REPLACEMENT {
            return self.logp(BOUNDARY, c);
        }
        let mut value = model_logp;
        match self.unigrams.get(&c) {
            Some(&seen) => {
                let context = self.unigrams.get(&prev).copied().unwrap_or(0);
                let pair = self.bigrams.get(&(prev, c)).copied().unwrap_or(0);
                let cached = (pair as f64 + seen as f64 / self.total as f64) / (context + 1) as f64;
                value = ((1.0 - CACHE_WEIGHT) * value.exp() + CACHE_WEIGHT * cached).ln();
            }
            None => value += (1.0 - CACHE_WEIGHT).ln(),
        }
        if self.model.is_foreign(self.foreign, c) {
            value += SCRIPT_PENALTY;
        }
        value
    }

    /// Sum of `logp` over each stretch of `text` around `spans` (character offsets, in order and
    /// apart): the stretch before a span, after `before` or the last character of the span before
    /// it, with no closing transition; then the stretch after the last span, closed by `after`
    /// unless it is None. (The spans are the words another model scores.)
    pub fn gap_scores(
        &mut self,
        text: &[char],
        spans: &[(usize, usize)],
        before: char,
        after: Option<char>,
    ) -> Vec<f64> {
        let mut scores = Vec::with_capacity(spans.len() + 1);
        let (mut prev, mut position) = (before, 0);
        for &(start, end) in spans {
            scores.push(chain_score(|a, b| self.logp(a, b), text[position..start].iter().copied(), prev, None));
            (prev, position) = (text[end - 1], end);
        }
        scores.push(chain_score(|a, b| self.logp(a, b), text[position..].iter().copied(), prev, after));
        scores
    }
}

impl PageScorer {
    /// The likeliest path through `lattice` (each position's options, in order) between two line
    /// boundaries, `bonus[i][k]` added to option `k` of position `i`: Viterbi, where of two
    /// paths into an option that score the same the one from the greater character wins, and of
    /// two last options that score the same the first.
    pub fn best_path(&mut self, lattice: &[impl AsRef<[char]>], bonus: &[impl AsRef<[f64]>]) -> Vec<char> {
        // Every position's options with (score, previous character), first occurrence order,
        // one position after the other (`starts`: where each position's begin).
        let mut history: Vec<(char, f64, char)> = Vec::with_capacity(lattice.len());
        let mut starts: Vec<usize> = Vec::with_capacity(lattice.len() + 1);
        let mut states: Vec<(char, f64, char)> = vec![(BOUNDARY, 0.0, BOUNDARY)];
        let mut current: Vec<(char, f64, char)> = Vec::new();
        let mut ranked: Vec<(char, f64, char)> = Vec::new();
        for (options, bonuses) in lattice.iter().zip(bonus) {
            let (options, bonuses) = (options.as_ref(), bonuses.as_ref());
            current.clear();
            if options.len() == 1 && states.len() == 1 {
                // one path in, one character out: its transition adds the same to every path
                current.push((options[0], states[0].1 + bonuses[0], states[0].0));
            } else {
                // The paths in, best first: the best path into an option is the greatest (score,
                // previous character) whatever the order they are weighed in, and none scoring
                // below the best found by more than `ceiling` can reach it.
                ranked.clear();
                ranked.extend_from_slice(&states);
                ranked.sort_by(|a, b| b.1.total_cmp(&a.1));
                for (&c, &extra) in options.iter().zip(bonuses) {
                    let mut best: Option<(f64, char)> = None;
                    for &(prev, score, _) in &ranked {
                        if best.is_some_and(|(top, _)| score + self.ceiling < top) {
                            break;
                        }
                        let value = score + self.logp(prev, c);
                        if best.is_none_or(|(top, top_prev)| value > top || (value == top && prev > top_prev)) {
                            best = Some((value, prev));
                        }
                    }
                    let (score, prev) = best.unwrap_or((f64::NEG_INFINITY, BOUNDARY));
                    match current.iter_mut().find(|(seen, _, _)| *seen == c) {
                        Some(entry) => *entry = (c, score + extra, prev),
                        None => current.push((c, score + extra, prev)),
                    }
                }
            }
            starts.push(history.len());
            history.extend_from_slice(&current);
            std::mem::swap(&mut states, &mut current);
        }
        starts.push(history.len());
        let mut last: Option<(f64, char)> = None;
        for &(c, score, _) in &states {
            let value = score + self.logp(c, BOUNDARY);
            if last.is_none_or(|(top, _)| value > top) {
                last = Some((value, c));
            }
        }
        let Some((_, last)) = last else { return Vec::new() };
        let mut chosen = vec![last];
        for position in (1..starts.len() - 1).rev() {
            let step = &history[starts[position]..starts[position + 1]];
            let here = *chosen.last().unwrap_or(&last);
            let prev = step.iter().find(|(c, _, _)| *c == here).map_or(BOUNDARY, |&(_, _, prev)| prev);
            chosen.push(prev);
        }
        chosen.reverse();
        chosen
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charmodel::tests::tiny;

    #[test]
    fn the_page_own_bigrams_raise_their_score() {
        let model = Arc::new(tiny());
        let mut empty = PageScorer::new(model.clone(), &[] as &[&str]);
        let mut page = PageScorer::new(model, &["人中(zhōng)人"]);
        assert!(page.logp('人', '中') > empty.logp('人', '中'));
        assert_eq!(page.seen, vec!['人', '中', '\n']);
    }

    #[test]
    fn unknown_characters_have_a_flat_rate() {
        let mut page = PageScorer::new(Arc::new(tiny()), &["中国"]);
        assert_eq!(page.logp('中', REPLACEMENT), UNKNOWN_LOGP);
        assert_eq!(page.logp(REPLACEMENT, '国'), page.logp(BOUNDARY, '国'));
    }

    #[test]
    fn gaps_are_scored_around_the_words_each_after_the_last_character_before_it() {
        let mut page = PageScorer::new(Arc::new(tiny()), &["中国人"]);
        let text: Vec<char> = "中国ab人中xy".chars().collect();
        let gaps = page.gap_scores(&text, &[(2, 4), (6, 8)], BOUNDARY, Some(BOUNDARY));
        let expected = vec![
            page.logp(BOUNDARY, '中') + page.logp('中', '国'),
            page.logp('b', '人') + page.logp('人', '中'),
            page.logp('y', BOUNDARY),
        ];
        assert_eq!(gaps, expected);
        let whole = page.logp(BOUNDARY, '中') + page.logp('中', '国');
        assert_eq!(page.gap_scores(&['中', '国'], &[], BOUNDARY, None), vec![whole]);
    }

    #[test]
    fn the_best_path_chooses_neighbours_together() {
        let mut page = PageScorer::new(Arc::new(tiny()), &["中国人"]);
        let lattice = vec![vec!['中'], vec!['人', '国'], vec!['人']];
        let bonus = vec![vec![0.0], vec![0.0, 0.0], vec![0.0]];
        assert_eq!(page.best_path(&lattice, &bonus), vec!['中', '国', '人']);
        let against = vec![vec![0.0], vec![0.0, -50.0], vec![0.0]];
        assert_eq!(page.best_path(&lattice, &against), vec!['中', '人', '人']);
        assert!(page.best_path(&[] as &[Vec<char>], &[] as &[Vec<f64>]).len() <= 1);
    }

    /// The score of a path through a lattice between two line boundaries, with its bonuses.
    fn path_score(page: &mut PageScorer, lattice: &[Vec<char>], bonus: &[Vec<f64>], path: &[char]) -> f64 {
        let extra: f64 = path
            .iter()
            .zip(lattice.iter().zip(bonus))
            .map(|(c, (o, b))| b[o.iter().position(|x| x == c).unwrap()])
            .sum();
        chain_score(|a, b| page.logp(a, b), path.iter().copied(), BOUNDARY, Some(BOUNDARY)) + extra
    }

    #[test]
    fn the_best_path_scores_as_the_best_of_every_path() {
        let mut page = PageScorer::new(Arc::new(tiny()), &["中国人", "人人(ren)国中x"]);
        assert!(page.ceiling >= 0.0);
        let options: Vec<char> = "中国人x\u{fffd}".chars().collect();
        for (length, salt) in [(2, 1.0), (3, 0.5), (4, 2.5)] {
            let lattice = vec![options.clone(); length];
            let bonus: Vec<Vec<f64>> = (0..length)
                .map(|i| (0..options.len()).map(|k| ((i * 7 + k * 3) % 5) as f64 * salt).collect())
                .collect();
            let mut best = f64::NEG_INFINITY;
            for code in 0..options.len().pow(length as u32) {
                let digit = |i: usize| code / options.len().pow(i as u32) % options.len();
                let path: Vec<char> = (0..length).map(|i| options[digit(i)]).collect();
                best = best.max(path_score(&mut page, &lattice, &bonus, &path));
            }
            let found = page.best_path(&lattice, &bonus);
            assert!((path_score(&mut page, &lattice, &bonus, &found) - best).abs() < 1e-9);
        }
    }

    #[test]
    fn full_width_letters_score_as_ascii() {
        assert_eq!(half_width('Ａ'), 'A');
        assert_eq!(half_width('＠'), '@');
        assert_eq!(half_width('中'), '中');
    }
}
