//! The character model of Chinese: unigram and Witten-Bell interpolated bigram log-probabilities.
//!
//! Read from the decompressed `data/charmodel.bin` (`corpora/build_charmodel.py` writes it):
//! the magic, seven part sizes, then the vocabulary, unigram counts, bigram keys and counts, and
//! three character sets (suspects, Simplified-only, Traditional-only). Arithmetic follows the
//! order of the original Python model, so scores agree bit for bit.

use rustc_hash::FxHashMap;

use crate::detect::CharSet;

pub const MAGIC: &[u8] = b"TFCM2";
const PARTS: usize = 7;
/// Lines are framed by this character.
pub const BOUNDARY: char = '\n';
/// Japanese and Korean text is outside the model, not implausible: flat rates about as likely as
/// a typical character of their own script.
pub const KANA_LOGP: f64 = -5.0;
pub const HANGUL_LOGP: f64 = -7.0;

/// Which of the script-only character sets a line's script makes foreign.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Foreign {
    None,
    SimplifiedOnly,
    TraditionalOnly,
}

fn is_kana(c: char) -> bool {
    matches!(c, '\u{3041}'..='\u{30ff}' | '\u{31f0}'..='\u{31ff}')
}

fn is_hangul(c: char) -> bool {
    matches!(c, '\u{ac00}'..='\u{d7a3}' | '\u{1100}'..='\u{11ff}' | '\u{3130}'..='\u{318f}')
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{2e80}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' | '\u{20000}'..='\u{3ffff}')
}

fn script_floor(c: char) -> f64 {
    if is_kana(c) {
        KANA_LOGP
    } else if is_hangul(c) {
        HANGUL_LOGP
    } else {
        f64::NEG_INFINITY
    }
}

/// A character the model knows, with its place in the vocabulary (`CharModel::known`): ranking
/// it needs no lookup of the character.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Known {
    pub char: char,
    index: u32,
}

/// Each character's place in the vocabulary: looked up for both characters of every bigram
/// scored, so the Basic Multilingual Plane's are read from a table (a quarter of a megabyte).
#[derive(Debug)]
struct VocabIndex {
    bmp: Box<[u32]>,
    other: FxHashMap<char, u32>,
}

impl VocabIndex {
    /// Marks a character of the plane the vocabulary lacks.
    const NONE: u32 = u32::MAX;

    fn new(vocab: &[char]) -> VocabIndex {
        let mut index = VocabIndex { bmp: vec![Self::NONE; 1 << 16].into_boxed_slice(), other: FxHashMap::default() };
        for (place, &c) in vocab.iter().enumerate() {
            match index.bmp.get_mut(c as usize) {
                Some(slot) => *slot = place as u32,
                None => _ = index.other.insert(c, place as u32),
            }
        }
        index
    }

    #[inline]
    fn place(&self, c: char) -> Option<u32> {
        match self.bmp.get(c as usize) {
            Some(&place) => (place != Self::NONE).then_some(place),
            None => self.other.get(&c).copied(),
        }
    }
}

#[derive(Debug)]
pub struct CharModel {
    pub vocab: Vec<char>,
    index: VocabIndex,
    unigram: Vec<f64>,
    backoff: Vec<f64>,
    bigram: FxHashMap<u64, f64>,
    size: u64,
    unseen_cjk: f64,
    unseen_other: f64,
    /// No `logp` is greater (0 unless a stored pair is likelier than certain).
    pub ceiling: f64,
    pub suspects: String,
    pub simplified: String,
    pub traditional: String,
    /// (bitsets: a guess's script is tested for every candidate character)
    simplified_only: CharSet,
    traditional_only: CharSet,
}

fn u32s(part: &[u8]) -> Vec<u32> {
    part.chunks_exact(4).map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]])).collect()
}

impl CharModel {
    /// The model from the decompressed bytes of `charmodel.bin`.
    pub fn from_bytes(raw: &[u8]) -> Result<CharModel, String> {
        let header = MAGIC.len() + 4 * PARTS;
        if raw.len() < header || !raw.starts_with(MAGIC) {
            return Err("not a textfix character model".into());
        }
        let sizes = u32s(&raw[MAGIC.len()..header]);
        let mut parts = Vec::with_capacity(PARTS);
        let mut offset = header;
        for size in sizes {
            let end = offset + size as usize;
            if end > raw.len() {
                return Err("character model is truncated".into());
            }
            parts.push(&raw[offset..end]);
            offset = end;
        }
        let text = |i: usize| String::from_utf8(parts[i].to_vec()).map_err(|e| e.to_string());
        Ok(CharModel::new(
            text(0)?.chars().collect(),
            &u32s(parts[1]),
            &u32s(parts[2]),
            &u32s(parts[3]),
            text(4)?,
            text(5)?,
            text(6)?,
        ))
    }

    pub fn new(
        vocab: Vec<char>,
        unigrams: &[u32],
        keys: &[u32],
        counts: &[u32],
        suspects: String,
        simplified: String,
        traditional: String,
    ) -> CharModel {
        let size = vocab.len();
        let total: u64 = unigrams.iter().map(|&n| n as u64).sum();
        let unigram: Vec<f64> = unigrams
            .iter()
            .zip(&vocab)
            .map(|(&n, &c)| ((n as f64 + 0.5) / (total as f64 + 0.5 * size as f64)).ln().max(script_floor(c)))
            .collect();
        let mut followers = vec![0u64; size];
        let mut follower_mass = vec![0u64; size];
        for (&key, &n) in keys.iter().zip(counts) {
            followers[key as usize / size] += 1;
            follower_mass[key as usize / size] += n as u64;
        }
        // Witten-Bell: the weight left for the unigram is what the stored bigrams do not explain.
        let escape: Vec<u64> =
            (0..size).map(|i| followers[i].max(1) + (unigrams[i] as u64).saturating_sub(follower_mass[i])).collect();
        let backoff = (0..size).map(|i| (escape[i] as f64 / (unigrams[i] as u64 + escape[i]) as f64).ln()).collect();
        let mut bigram = FxHashMap::with_capacity_and_hasher(keys.len(), Default::default());
        let mut ceiling: f64 = 0.0;
        for (&key, &n) in keys.iter().zip(counts) {
            let (prev, char) = (key as usize / size, key as usize % size);
            let p =
                (n as f64 + escape[prev] as f64 * unigram[char].exp()) / (unigrams[prev] as u64 + escape[prev]) as f64;
            let logp = p.ln();
            ceiling = ceiling.max(logp);
            bigram.insert(key as u64, logp);
        }
        let index = VocabIndex::new(&vocab);
        CharModel {
            index,
            unigram,
            backoff,
            bigram,
            size: size as u64,
            unseen_cjk: (0.05 / total as f64).ln(),
            unseen_other: (0.5 / total as f64).ln(),
            ceiling,
            simplified_only: CharSet::from_chars(simplified.chars()),
            traditional_only: CharSet::from_chars(traditional.chars()),
            vocab,
            suspects,
            simplified,
            traditional,
        }
    }

    /// log P(char) ignoring context.
    pub fn unigram_logp(&self, c: char) -> f64 {
        if let Some(i) = self.index.place(c) {
            return self.unigram[i as usize];
        }
        if is_kana(c) {
            KANA_LOGP
        } else if is_hangul(c) {
            HANGUL_LOGP
        } else if is_cjk(c) {
            self.unseen_cjk
        } else {
            self.unseen_other
        }
    }

    /// log P(char | prev).
    pub fn logp(&self, prev: char, c: char) -> f64 {
        let j = self.index.place(prev);
        let Some(i) = self.index.place(c) else {
            return self.unigram_logp(c) + j.map_or(0.0, |j| self.backoff[j as usize]);
        };
        let Some(j) = j else {
            return self.unigram[i as usize];
        };
        match self.bigram.get(&(j as u64 * self.size + i as u64)) {
            Some(&value) => value,
            None => self.backoff[j as usize] + self.unigram[i as usize],
        }
    }

    /// `c` with its place in the vocabulary, if the model knows it.
    pub fn known(&self, c: char) -> Option<Known> {
        self.index.place(c).map(|index| Known { char: c, index })
    }

    /// The `k` of `candidates` likeliest after `prev`, best first, with `logp(prev, char)`.
    /// `candidates` are most frequent first (so the likeliest of those without a stored bigram
    /// are the first ones).
    pub fn rank_after(&self, prev: char, candidates: &[Known], k: usize) -> Vec<(char, f64)> {
        let Some(j) = self.index.place(prev) else {
            return candidates.iter().take(k).map(|known| (known.char, self.unigram[known.index as usize])).collect();
        };
        let base = j as u64 * self.size;
        let backoff = self.backoff[j as usize];
        let mut scored = Vec::with_capacity(candidates.len());
        let mut unseen = 0;
        for &Known { char: c, index: i } in candidates {
            if let Some(&value) = self.bigram.get(&(base + i as u64)) {
                scored.push((c, value));
            } else if unseen < k {
                unseen += 1;
                scored.push((c, backoff + self.unigram[i as usize]));
            }
        }
        sort_best_first(&mut scored);
        scored.truncate(k);
        scored
    }

    /// log P(text) after `before`, with the transition into `after` unless it is None.
    pub fn score(&self, text: &str, before: char, after: Option<char>) -> f64 {
        chain_score(|a, b| self.logp(a, b), text.chars(), before, after)
    }

    /// Whether the character occurred in the training text.
    pub fn knows(&self, c: char) -> bool {
        self.index.place(c).is_some()
    }

    /// Whether `prev` followed by `char` occurred in the training text (a stored bigram).
    pub fn knows_pair(&self, prev: char, c: char) -> bool {
        match (self.index.place(prev), self.index.place(c)) {
            (Some(j), Some(i)) => self.bigram.contains_key(&(j as u64 * self.size + i as u64)),
            _ => false,
        }
    }

    /// Whether `c` is a character only the script that `foreign` names as foreign has.
    #[inline]
    pub fn is_foreign(&self, foreign: Foreign, c: char) -> bool {
        match foreign {
            Foreign::None => false,
            Foreign::SimplifiedOnly => self.simplified_only.contains(c),
            Foreign::TraditionalOnly => self.traditional_only.contains(c),
        }
    }
}

/// Sort scored characters best first; equal scores keep their order.
pub fn sort_best_first(scored: &mut [(char, f64)]) {
    scored.sort_by(|a, b| b.1.partial_cmp(&a.1).unwrap_or(std::cmp::Ordering::Equal));
}

/// Sum of bigram log-probabilities `logp(previous, char)` over `text` between `before` and
/// `after` (no closing transition when `after` is None).
pub fn chain_score(
    mut logp: impl FnMut(char, char) -> f64,
    text: impl IntoIterator<Item = char>,
    before: char,
    after: Option<char>,
) -> f64 {
    let mut total = 0.0;
    let mut prev = before;
    for c in text {
        total += logp(prev, c);
        prev = c;
    }
    if let Some(after) = after {
        total += logp(prev, after);
    }
    total
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A three-character model: 中 followed by 国 twice, 国 by 人 once.
    pub(crate) fn tiny() -> CharModel {
        let vocab: Vec<char> = "中国人".chars().collect();
        CharModel::new(vocab, &[3, 2, 1], &[1, 5], &[2, 1], "锟".into(), "国".into(), "國".into())
    }

    #[test]
    fn seen_bigrams_beat_backoff() {
        let m = tiny();
        assert!(m.logp('中', '国') > m.logp('中', '人'));
        assert!(m.knows_pair('中', '国') && !m.knows_pair('国', '中'));
    }

    #[test]
    fn unseen_characters_get_floors_by_script() {
        let m = tiny();
        assert_eq!(m.unigram_logp('の'), KANA_LOGP);
        assert_eq!(m.unigram_logp('한'), HANGUL_LOGP);
        assert!(m.unigram_logp('鑫') < m.unigram_logp('x'));
    }

    #[test]
    fn ranking_keeps_order_of_equal_scores() {
        let m = tiny();
        let candidates: Vec<Known> = "中国人".chars().filter_map(|c| m.known(c)).collect();
        let ranked = m.rank_after('人', &candidates, 2);
        assert_eq!(ranked.len(), 2);
        assert!(ranked[0].1 >= ranked[1].1);
    }

    #[test]
    fn script_only_characters_are_foreign_in_the_other_script_on_every_plane() {
        let m = tiny();
        assert!(m.is_foreign(Foreign::SimplifiedOnly, '国') && !m.is_foreign(Foreign::SimplifiedOnly, '國'));
        assert!(m.is_foreign(Foreign::TraditionalOnly, '國') && !m.is_foreign(Foreign::TraditionalOnly, '国'));
        assert!(!m.is_foreign(Foreign::None, '国') && !m.is_foreign(Foreign::None, '國'));
        let astral = CharModel::new(vec!['中'], &[1], &[], &[], String::new(), String::new(), "\u{20000}".into());
        assert!(astral.is_foreign(Foreign::TraditionalOnly, '\u{20000}'));
        assert!(
            !astral.is_foreign(Foreign::TraditionalOnly, '\u{20001}')
                && !astral.is_foreign(Foreign::TraditionalOnly, '中')
        );
    }

    #[test]
    fn characters_of_every_plane_find_their_place() {
        let m =
            CharModel::new(vec!['中', '\u{20000}'], &[2, 1], &[1], &[1], String::new(), String::new(), String::new());
        assert_eq!(m.known('中').map(|k| k.index), Some(0));
        assert_eq!(m.known('\u{20000}').map(|k| k.index), Some(1));
        assert!(!m.knows('国') && !m.knows('\u{20001}') && !m.knows('\u{ffff}'));
        assert!(m.knows_pair('中', '\u{20000}') && !m.knows_pair('\u{20000}', '中'));
    }

    #[test]
    fn bytes_round_trip_the_header() {
        assert!(CharModel::from_bytes(b"nope").is_err());
        let mut raw = MAGIC.to_vec();
        let parts: [&[u8]; 7] = ["中".as_bytes(), &1u32.to_le_bytes(), &[], &[], &[], &[], &[]];
        for part in parts {
            raw.extend((part.len() as u32).to_le_bytes());
        }
        for part in parts {
            raw.extend(part);
        }
        let m = CharModel::from_bytes(&raw).unwrap();
        assert!(m.knows('中') && !m.knows('国'));
    }
}
