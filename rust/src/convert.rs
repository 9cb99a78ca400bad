//! Around OpenCC's conversion (see `textfix.convert`): choosing among regional readings, and the
//! lines a conversion changed.

use crate::charmodel::{CharModel, BOUNDARY};
use crate::detect::CharSet;
use crate::lines::lines;

/// `readings[0]` with each character where the readings differ chosen among them: those of the
/// Simplified `repertoire` if any are, then the character model's likeliest between its
/// neighbours (the first of equals); `readings[0]` itself where the readings differ in length.
pub fn pick_readings(model: &CharModel, repertoire: &CharSet, readings: &[Vec<char>]) -> Vec<char> {
    let base = &readings[0];
    if readings.iter().any(|r| r.len() != base.len()) {
        return base.clone();
    }
    let mut picked = base.clone();
    for i in 0..base.len() {
        let mut options: Vec<char> = Vec::new();
        for reading in readings {
            if !options.contains(&reading[i]) {
                options.push(reading[i]);
            }
        }
        if options.len() < 2 {
            continue;
        }
        if options.iter().any(|&c| repertoire.contains(c)) {
            options.retain(|&c| repertoire.contains(c));
        }
        let before = if i > 0 { picked[i - 1] } else { BOUNDARY };
        let after = base.get(i + 1).copied().unwrap_or(BOUNDARY);
        let mut best = (options[0], f64::NEG_INFINITY);
        for &c in &options {
            let score = model.logp(before, c) + model.logp(c, after);
            if score > best.1 {
                best = (c, score);
            }
        }
        picked[i] = best.0;
    }
    picked
}

/// The indices of the lines (split at `\n`) that differ between `before` and `after`; None when
/// the two have different numbers of lines.
pub fn changed_lines(before: &str, after: &str) -> Option<Vec<usize>> {
    if memchr::memchr_iter(b'\n', before.as_bytes()).count() != memchr::memchr_iter(b'\n', after.as_bytes()).count() {
        return None;
    }
    Some(lines(before).zip(lines(after)).enumerate().filter(|(_, (b, a))| b != a).map(|(n, _)| n).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readings_pick_the_repertoire_then_the_likeliest() {
        let model = crate::charmodel::tests::tiny();
        let readings = |texts: &[&str]| texts.iter().map(|t| t.chars().collect()).collect::<Vec<Vec<char>>>();
        let both = CharSet::from_chars("中国人".chars());
        let picked = pick_readings(&model, &both, &readings(&["中人", "中国", "中人"]));
        assert_eq!(picked.iter().collect::<String>(), "中国");
        let only = CharSet::from_chars("中人".chars());
        assert_eq!(pick_readings(&model, &only, &readings(&["中国", "中人"])).iter().collect::<String>(), "中人");
        assert_eq!(pick_readings(&model, &both, &readings(&["中国", "中"])).iter().collect::<String>(), "中国");
    }

    #[test]
    fn changed_lines_pair_up() {
        assert_eq!(changed_lines("a\nb\nc", "a\nB\nc"), Some(vec![1]));
        assert_eq!(changed_lines("a\nb", "a b"), None);
        assert_eq!(changed_lines("", ""), Some(vec![]));
    }
}
