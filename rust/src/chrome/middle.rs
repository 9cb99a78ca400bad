//! The body's own chrome: short lines (bylines, captions) and the lines holding a rule's
//! keywords, and a widget's pieces alone.

use super::bottom::SENTENCE_END;
use super::page::Page;
use super::text::{count, count_value, ends_in, length, reference_mark, rstrip, strip};
use super::{BODY, MIDDLE_FIELDS_MAX_LENGTH};

impl Page<'_> {
    /// Remove the chrome inside lines `first`..`end`: the lines worth classifying
    /// (`middle_candidates`) a rule or the grammar takes, then a widget's pieces alone
    /// (`piece_alone`).
    pub fn read_middle(&mut self, first: usize, end: usize) {
        let candidates = self.middle_candidates(first, end);
        for &number in &candidates {
            if !self.removed.contains(number) {
                self.classify(number, BODY, true);
            }
        }
        let sections_numbered = self.sections_numbered(&candidates);
        for &number in &candidates {
            if !self.removed.contains(number) && self.piece_alone(number, sections_numbered) {
                self.remove_bare(number, "counter");
            }
        }
    }

    /// Body lines worth classifying: short ones (bylines, captions) and keyword hits. One literal
    /// scan over the body finds the keyword hits, so long clean paragraphs cost no per-line
    /// work.
    fn middle_candidates(&self, first: usize, end: usize) -> Vec<usize> {
        let mut candidates = vec![false; end - first];
        for (i, line) in self.lines[first..end].iter().enumerate() {
            candidates[i] = length(line) <= MIDDLE_FIELDS_MAX_LENGTH;
        }
        for i in self.book.middle_keywords.lines_holding(self.lines[first..end].iter().copied()) {
            candidates[i] = true;
        }
        (first..end).filter(|&i| candidates[i - first] && !self.removed.contains(i)).collect()
    }

    /// Whether body line `number` is a widget's piece: a square bracket of an edit link cut into
    /// text nodes at its brackets ([ / 编辑 / ]; a round one may be the text's own, cut at a
    /// link: （详情请点击链接： / a link / ）) or an encyclopedia's reference mark cut from its
    /// sentence at its link ([2], [3-5]) alone, anywhere; or a count after a sentence (a
    /// paragraph's comments, 37), alone or with other counts (37 / 22), where the body's counts
    /// do not number its sections (`sections_numbered`).
    fn piece_alone(&self, number: usize, sections_numbered: bool) -> bool {
        let line = strip(self.lines[number]);
        if line == "[" || line == "]" || reference_mark(line) {
            return true;
        }
        if sections_numbered || !self.count(number) {
            return false;
        }
        let mut above = number;
        while above > 0 && !self.removed.contains(above - 1) && self.count(above - 1) {
            above -= 1;
        }
        above == 0 || self.removed.contains(above - 1) || ends_in(rstrip(self.lines[above - 1]), SENTENCE_END)
    }

    /// Whether the counts alone among lines `numbers` (a body's short lines, in order) run 1, 2,
    /// 3…: the numbers of its sections, the text's own.
    fn sections_numbered(&self, numbers: &[usize]) -> bool {
        let counts: Vec<u64> = numbers
            .iter()
            .filter(|&&i| !self.removed.contains(i) && self.count(i))
            .map(|&i| count_value(strip(self.lines[i])))
            .collect();
        !counts.is_empty() && counts.iter().zip(1..).all(|(&count, expected)| count == expected)
    }

    fn count(&self, number: usize) -> bool {
        count(strip(self.lines[number]))
    }
}
