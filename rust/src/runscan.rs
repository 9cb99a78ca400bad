//! Where the run read from each start of a layer's bytes stops, answered for every start at once.
//!
//! Undoing a mojibake layer reads the writer's characters from a start for as long as they parse,
//! or fail no more often than they parse (`chains::Unwinder::unwind_layer`). On text that is all
//! damage a run reads on to the end of the line from every start, and reading each of them costs
//! the square of the line's length: 4 KB of random bytes took seconds. But the character read at
//! a byte depends on that byte alone, and so does where the next one starts: the runs from all
//! starts follow one forest of byte positions, each pointing to the byte after its character.
//! `RunScan` builds that forest as runs reach it, each byte read once, with jump pointers (Myers'
//! skew-binary ones: one a node, made in constant time) that find where a run stops, and what it
//! read, in a logarithmic number of steps.
//!
//! A run stops at a byte that no run may cross (`Step::Stop`), or at an error that finds the run
//! with as many errors as characters before it. Counted from the stop of its path, a byte's
//! *potential* is its errors less its characters (ASCII ones aside); a run from `s` has had as
//! many errors as characters at an error `e` exactly when `potential(e) <= potential(s)`.

/// No node, in jump and boundary fields.
const NONE: u32 = u32::MAX;

/// What reading one character from a byte does to a run, with the caller's marks of what it read.
pub enum Step {
    /// No run goes on from here.
    Stop,
    /// A character; `counts` unless ASCII.
    Char { next: usize, counts: bool, marks: u8 },
    /// What is left of a character after an error.
    Error { next: usize, marks: u8 },
}

/// Where a run from one start stops, the last token boundary it reached (byte offset, and the
/// characters read to it) and the marks of the characters it read before its stop.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Run {
    pub stop: usize,
    pub last: Option<(usize, usize)>,
    pub marks: u8,
}

#[derive(Clone, Copy)]
struct Node {
    /// `NONE` until the node is built.
    next: u32,
    depth: u32,
    potential: i32,
    /// A run from `s` stops here when `key <= potential(s)`.
    key: i32,
    marks: u8,
    jump: u32,
    /// The least key, the marks, and the last boundary reached, of the characters read from here
    /// to `jump`.
    span_key: i32,
    span_marks: u8,
    span_boundary: u32,
}

const UNBUILT: Node = Node {
    depth: NONE,
    next: NONE,
    potential: 0,
    key: 0,
    marks: 0,
    jump: NONE,
    span_key: 0,
    span_marks: 0,
    span_boundary: NONE,
};

/// The forest of one layer's bytes, built as runs reach it (kept between layers for its buffers).
#[derive(Default)]
pub struct RunScan {
    boundary: Vec<bool>,
    nodes: Vec<Node>,
    path: Vec<(usize, usize, i32, bool, u8)>,
}

impl RunScan {
    /// Forget the last layer: runs over bytes `0..n`, where `boundary` (`n + 1` of them, the last
    /// for the end) tells the bytes a token starts at.
    pub fn reset(&mut self, boundary: impl Iterator<Item = bool>) {
        self.boundary.clear();
        self.boundary.extend(boundary);
        self.nodes.clear();
        self.nodes.resize(self.boundary.len(), UNBUILT);
    }

    fn node(&self, p: usize) -> &Node {
        &self.nodes[p]
    }

    /// Build the nodes from `start` to the stop of its path, each byte read by `step`.
    fn build(&mut self, start: usize, step: &mut impl FnMut(usize) -> Step) {
        let mut path = std::mem::take(&mut self.path);
        let mut p = start;
        while self.nodes[p].depth == NONE {
            let read = if p + 1 < self.boundary.len() { step(p) } else { Step::Stop };
            let (next, weight, error, marks) = match read {
                Step::Stop => {
                    let at = p as u32;
                    self.nodes[p] = Node {
                        next: at,
                        depth: 0,
                        potential: 0,
                        key: i32::MIN,
                        marks: 0,
                        jump: at,
                        span_key: i32::MAX,
                        span_marks: 0,
                        span_boundary: NONE,
                    };
                    break;
                }
                Step::Char { next, counts, marks } => (next, -i32::from(counts), false, marks),
                Step::Error { next, marks } => (next, 1, true, marks),
            };
            assert!(next > p, "a character is read forward");
            path.push((p, next, weight, error, marks));
            p = next;
        }
        for (p, next, weight, error, marks) in path.drain(..).rev() {
            let parent = *self.node(next);
            let potential = weight + parent.potential;
            let key = if error { potential } else { i32::MAX };
            let reached = if self.boundary[next] { next as u32 } else { NONE };
            let over = *self.node(parent.jump as usize);
            let mut node = Node {
                next: next as u32,
                depth: parent.depth + 1,
                potential,
                key,
                marks,
                jump: next as u32,
                span_key: key,
                span_marks: marks,
                span_boundary: reached,
            };
            if parent.depth - over.depth == over.depth - self.node(over.jump as usize).depth {
                node.jump = over.jump;
                node.span_key = key.min(parent.span_key).min(over.span_key);
                node.span_marks = marks | parent.span_marks | over.span_marks;
                node.span_boundary = [over.span_boundary, parent.span_boundary, reached]
                    .into_iter()
                    .find(|&b| b != NONE)
                    .unwrap_or(NONE);
            }
            self.nodes[p] = node;
        }
        self.path = path;
    }

    /// The run from byte `start`, bytes not yet read read by `step`.
    pub fn run(&mut self, start: usize, step: &mut impl FnMut(usize) -> Step) -> Run {
        self.build(start, step);
        let threshold = self.node(start).potential;
        let (mut p, mut last, mut marks) = (start, NONE, 0);
        loop {
            let node = *self.node(p);
            if node.key <= threshold {
                break;
            }
            if node.span_key > threshold {
                marks |= node.span_marks;
                if node.span_boundary != NONE {
                    last = node.span_boundary;
                }
                p = node.jump as usize;
            } else {
                marks |= node.marks;
                if self.boundary[node.next as usize] {
                    last = node.next;
                }
                p = node.next as usize;
            }
        }
        let depth = self.node(start).depth;
        let last = (last != NONE).then(|| (last as usize, (depth - self.node(last as usize).depth) as usize));
        Run { stop: p, last, marks }
    }

    /// The marks of the first `count` characters a run from `start` read (after `run`).
    pub fn marks(&self, start: usize, count: usize) -> u8 {
        let target = self.node(start).depth as usize - count;
        let (mut p, mut marks) = (start, 0);
        while self.node(p).depth as usize > target {
            let node = *self.node(p);
            if self.node(node.jump as usize).depth as usize >= target {
                marks |= node.span_marks;
                p = node.jump as usize;
            } else {
                marks |= node.marks;
                p = node.next as usize;
            }
        }
        marks
    }

    /// The bytes the first `count` characters of a run from `start` were read from, each with
    /// the byte after it (after `run`).
    pub fn steps(&self, start: usize, count: usize) -> impl Iterator<Item = (usize, usize)> + '_ {
        let mut p = start;
        (0..count).map(move |_| {
            let at = p;
            p = self.node(at).next as usize;
            (at, p)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Bytes as a run sees them: `s` stop, `c`/`a` a (non-ASCII/ASCII) character of one byte,
    /// `C` one of two, `e` an error of one byte, `E` of two; `m` marks a non-ASCII character.
    fn reader(pattern: &[u8]) -> impl FnMut(usize) -> Step + '_ {
        move |p| match pattern[p] {
            b's' => Step::Stop,
            b'c' => Step::Char { next: p + 1, counts: true, marks: 0 },
            b'm' => Step::Char { next: p + 1, counts: true, marks: 1 },
            b'a' => Step::Char { next: p + 1, counts: false, marks: 0 },
            b'C' => Step::Char { next: (p + 2).min(pattern.len()), counts: true, marks: 0 },
            b'e' => Step::Error { next: p + 1, marks: 2 },
            b'E' => Step::Error { next: (p + 2).min(pattern.len()), marks: 2 },
            other => panic!("no byte kind {other}"),
        }
    }

    /// A run read byte by byte, as `unwind_layer` reads one.
    fn brute(pattern: &[u8], boundary: &[bool], start: usize) -> Run {
        let (mut p, mut errors, mut parsed, mut last, mut count, mut marks) = (start, 0, 0, None, 0, 0);
        while p < pattern.len() && pattern[p] != b's' {
            let (next, error, counts, mark) = match pattern[p] {
                b'c' => (p + 1, false, true, 0),
                b'm' => (p + 1, false, true, 1),
                b'a' => (p + 1, false, false, 0),
                b'C' => ((p + 2).min(pattern.len()), false, true, 0),
                b'e' => (p + 1, true, false, 2),
                _ => ((p + 2).min(pattern.len()), true, false, 2),
            };
            if error {
                if errors >= parsed {
                    break;
                }
                errors += 1;
            }
            parsed += usize::from(counts);
            marks |= mark;
            p = next;
            count += 1;
            if boundary[p] {
                last = Some((p, count));
            }
        }
        Run { stop: p, last, marks }
    }

    /// A small deterministic generator, so that the tests need no crate: patterns of byte kinds
    /// drawn from `kinds`.
    fn patterns(seed: u64, count: usize, length: usize, kinds: &[u8]) -> Vec<(Vec<u8>, Vec<bool>)> {
        let mut state = seed;
        let mut next = move || {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (state >> 33) as usize
        };
        (0..count)
            .map(|_| {
                let pattern: Vec<u8> = (0..length).map(|_| kinds[next() % kinds.len()]).collect();
                let boundary: Vec<bool> = (0..=length).map(|p| p == length || next() % 3 > 0).collect();
                (pattern, boundary)
            })
            .collect()
    }

    #[test]
    fn every_run_stops_where_reading_byte_by_byte_stops() {
        let mut scan = RunScan::default();
        // runs short and long (fewer stops, more characters than errors)
        let cases = patterns(7, 300, 60, b"sccmaCCeeE").into_iter().chain(patterns(8, 100, 300, b"sccccmmaCCCeeE"));
        for (pattern, boundary) in cases {
            let mut step = reader(&pattern);
            scan.reset(boundary.iter().copied());
            for start in (0..pattern.len()).rev().chain(0..pattern.len()) {
                let run = scan.run(start, &mut step);
                assert_eq!(
                    run,
                    brute(&pattern, &boundary, start),
                    "{} from {start}",
                    String::from_utf8_lossy(&pattern)
                );
                if let Some((end, count)) = run.last {
                    let steps: Vec<(usize, usize)> = scan.steps(start, count).collect();
                    assert_eq!(steps.len(), count);
                    assert!(steps.windows(2).all(|w| w[0].1 == w[1].0) && steps[0].0 == start);
                    assert_eq!(steps.last().map(|s| s.1), Some(end));
                    assert_eq!(scan.marks(start, count), brute(&pattern[..end], &boundary, start).marks);
                }
            }
        }
    }

    #[test]
    fn each_byte_is_read_once_however_many_runs_cross_it() {
        // every byte a character: each run reads to the end of the line
        let length = 100_000;
        let mut reads = 0;
        let mut step = |p| {
            reads += 1;
            Step::Char { next: p + 1, counts: true, marks: 0 }
        };
        let mut scan = RunScan::default();
        scan.reset(std::iter::repeat_n(true, length + 1));
        for start in 0..length {
            let run = scan.run(start, &mut step);
            assert_eq!(run.stop, length);
            assert_eq!(run.last, Some((length, length - start)));
        }
        assert_eq!(reads, length);
    }

    #[test]
    fn an_error_first_stops_the_run_before_it_reads() {
        let mut scan = RunScan::default();
        scan.reset(std::iter::repeat_n(true, 4));
        let mut step = reader(b"ecc");
        assert_eq!(scan.run(0, &mut step), Run { stop: 0, last: None, marks: 0 });
        assert_eq!(scan.run(1, &mut step), Run { stop: 3, last: Some((3, 2)), marks: 0 });
    }
}
