//! The frame-shift decoder: a beam search that decodes a GBK or Big5 run again in phase.
//!
//! A double-byte decoder that loses one byte pairs every following trail byte with the next lead
//! byte. The caller turns the run's characters back into the byte sequences each may have been
//! read from (with their costs); this decoder searches over those alternatives, one lost byte
//! inserted or one extra byte skipped near the damage, and the characters of pairs with one
//! unknown byte, guessed from the character model and the page's own text. Hypotheses are kept
//! one per (pending byte, last character, operations), the `BEAM` best.

use std::cmp::Ordering;
use std::collections::BinaryHeap;
use std::sync::{Arc, Mutex, OnceLock};

use regex::Regex;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::charmodel::{CharModel, Foreign, Known, BOUNDARY};
use crate::scorer::{PageScorer, REPLACEMENT};

/// A byte whose value was lost.
pub const UNK: i32 = -1;
pub const BEAM: usize = 48;
/// Characters tried for a byte pair with one unknown byte, the likeliest in context.
pub const TOP_GUESSES: usize = 24;
/// Candidates for such a pair: the model's most frequent characters with that byte, this many.
pub const GUESS_POOL: usize = 80;
pub const INSERT_COST: f64 = 5.0;
/// An added byte is rarer than a lost one and could have been any of some 126 values.
pub const SKIP_COST: f64 = 14.0;
pub const RUBY_SKIP_COST: f64 = 3.0;
/// Where the lost or extra byte may be: from this many characters before the first suspicious
/// one to this many after the last.
pub const OPS_BEFORE: i64 = 8;
pub const OPS_AFTER: i64 = 3;
/// log-probability cost of a character only the other script has, in a line written in one script.
pub const OTHER_SCRIPT_COST: f64 = 6.0;
/// Bound on the memo of the model's guesses shared across pages (entries of `TOP_GUESSES`).
const MODEL_GUESSES_MAX: usize = 8192;

/// A pinyin reading whose opening parenthesis was lost with a damaged character (`?jié)`):
/// written with literal characters only, so that Python's `re` reads it the same.
pub const RUBY_RESIDUE: &str = "[?\u{fffd}][a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüê]{1,7}\\)";

fn ruby_residue() -> &'static Regex {
    static RUBY: OnceLock<Regex> = OnceLock::new();
    RUBY.get_or_init(|| Regex::new(&format!(r"\A{RUBY_RESIDUE}")).expect("valid pattern"))
}

/// Byte sequences one character may have been read from, each with its cost.
pub type Alternatives = Vec<(Vec<i32>, f64)>;
type Pool = (bool, u8);
type Ranked = Arc<[(char, f64)]>;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Writer {
    Gbk,
    Big5,
}

impl Writer {
    fn trail_ok(self, byte: i32) -> bool {
        match self {
            Writer::Gbk => (0x40..=0xFE).contains(&byte) && byte != 0x7F,
            Writer::Big5 => (0x40..=0x7E).contains(&byte) || (0xA1..=0xFE).contains(&byte),
        }
    }
}

/// One double-byte code page's pairs and the guess pools built from them, shared by every page.
pub struct DbcsTables {
    pub writer: Writer,
    /// The character of each pair (`lead << 8 | trail`), all 65,536 of them: looked up for every
    /// byte a run or a hypothesis reads.
    table: Box<[Option<char>]>,
    pools: FxHashMap<Pool, Vec<Known>>,
    memberships: FxHashMap<char, Vec<Pool>>,
    model_guesses: Mutex<FxHashMap<(char, Pool), Ranked>>,
}

impl DbcsTables {
    /// The tables of `writer` from its pairs (`lead << 8 | trail`, character), in byte order.
    pub fn new(writer: Writer, pairs: &[(u16, char)], model: &CharModel) -> DbcsTables {
        let mut pools: FxHashMap<Pool, Vec<Known>> = FxHashMap::default();
        let mut order: Vec<Pool> = Vec::new();
        for &(key, c) in pairs {
            if let Some(known) = model.known(c) {
                for pool in [(true, (key >> 8) as u8), (false, (key & 0xFF) as u8)] {
                    let options = pools.entry(pool).or_default();
                    if options.is_empty() {
                        order.push(pool);
                    }
                    options.push(known);
                }
            }
        }
        for options in pools.values_mut() {
            options.sort_by(|a, b| {
                model.unigram_logp(b.char).partial_cmp(&model.unigram_logp(a.char)).unwrap_or(Ordering::Equal)
            });
            options.truncate(GUESS_POOL);
        }
        let mut memberships: FxHashMap<char, Vec<Pool>> = FxHashMap::default();
        for pool in order {
            for known in &pools[&pool] {
                memberships.entry(known.char).or_default().push(pool);
            }
        }
        DbcsTables {
            writer,
            table: {
                let mut table = vec![None; 1 << 16].into_boxed_slice();
                for &(key, c) in pairs {
                    table[key as usize] = Some(c);
                }
                table
            },
            pools,
            memberships,
            model_guesses: Mutex::new(FxHashMap::default()),
        }
    }

    /// The character of a pair (`lead << 8 | trail`), if the code page has one.
    pub fn pair(&self, key: u16) -> Option<char> {
        self.table[key as usize]
    }

    /// The `TOP_GUESSES` characters of a pool the model finds likeliest after `last`.
    fn model_guesses(&self, model: &CharModel, last: char, pool: Pool) -> Ranked {
        let mut memo = self.model_guesses.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(ranked) = memo.get(&(last, pool)) {
            return ranked.clone();
        }
        let options = self.pools.get(&pool).map_or(&[][..], |o| &o[..]);
        let ranked: Ranked = model.rank_after(last, options, TOP_GUESSES).into();
        if memo.len() >= MODEL_GUESSES_MAX {
            memo.clear();
        }
        memo.insert((last, pool), ranked.clone());
        ranked
    }
}

/// Sort scored characters best first, equal scores in their order (`sort_best_first`), by
/// insertion: the page's score of the model's guesses mostly keeps the model's order, and
/// the list is short.
fn insert_best_first(scored: &mut [(char, f64)]) {
    for i in 1..scored.len() {
        let item = scored[i];
        let mut j = i;
        while j > 0 && scored[j - 1].1 < item.1 {
            scored[j] = scored[j - 1];
            j -= 1;
        }
        scored[j] = item;
    }
}

/// What one page's decoder of one writer and script remembers between realignments.
#[derive(Default)]
pub struct DecoderMemo {
    /// Where the guesses after each (last character, pool) are in `ranked`.
    guesses: FxHashMap<(char, Pool), u32>,
    /// The guesses made, each list likeliest first: queue items name a list by its place here.
    ranked: Vec<Vec<(char, f64)>>,
    page_options: Option<FxHashMap<Pool, Vec<char>>>,
}

/// The characters hypotheses emitted, each after the one before it (its number plus one; 0: the
/// first of its hypothesis): one search's, shared by its hypotheses, which only point into it.
type Outs = Vec<(u32, char)>;

/// One decoding hypothesis.
#[derive(Clone, Copy)]
pub struct State {
    pending: Option<i32>,
    last: char,
    pub ops: u32,
    score: f64,
    /// Its last character in the search's `Outs` (its number plus one; 0: none yet).
    out: u32,
    pub unknown: u32,
    pub guessed: u32,
}

impl State {
    fn penalised(&self, cost: f64) -> State {
        State { score: self.score - cost, ..*self }
    }

    fn edited(&self, cost: f64) -> State {
        State { ops: self.ops + 1, score: self.score - cost, ..*self }
    }

    fn reading(&self, lead: i32, unknown: bool) -> State {
        State { pending: Some(lead), unknown: self.unknown + unknown as u32, ..*self }
    }

    fn emitting(&self, c: char, logp: f64, guessed: bool, outs: &mut Outs) -> State {
        outs.push((self.out, c));
        State {
            pending: None,
            last: c,
            score: self.score + logp,
            out: outs.len() as u32,
            guessed: self.guessed + guessed as u32,
            ..*self
        }
    }

    /// What a beam keeps one state of, its (pending byte, last character, operations), as one
    /// number.
    fn identity(&self) -> u64 {
        // a pending byte is a lead byte or `UNK`; 0 stands for none
        let pending = self.pending.map_or(0, |byte| {
            debug_assert!((UNK..=0xFF).contains(&byte));
            (byte - UNK + 1) as u64
        });
        (self.ops as u64) << 32 | (self.last as u64) << 9 | pending
    }

    fn chars(&self, outs: &Outs) -> Vec<char> {
        let mut chars = Vec::new();
        let mut node = self.out;
        while node > 0 {
            let (before, c) = outs[node as usize - 1];
            chars.push(c);
            node = before;
        }
        chars.reverse();
        chars
    }
}

/// A hypothesis's guesses for a pair with one unknown byte, made only as the beam needs them.
#[derive(Clone, Copy)]
struct Guesses {
    base: State,
    pool: Pool,
    then: Option<i32>,
}

enum Fed {
    State(State),
    Guesses(Guesses),
}

impl Fed {
    /// The queue item of a fed hypothesis, with the score it waits under.
    fn into_item(self) -> (f64, Item) {
        match self {
            Fed::State(s) => (s.score, Item::Exact(s)),
            Fed::Guesses(g) => (g.base.score, Item::Unranked(g)),
        }
    }
}

#[derive(Clone, Copy)]
enum Item {
    Exact(State),
    Unranked(Guesses),
    /// The guess of rank `.2` in the page's guesses `.1` (`DecoderMemo::ranked`).
    Ranked(Guesses, u32, u32),
}

/// An item's place in the queue as one number, the greatest first: its score, as bits that
/// order as the scores do (-0.0 as 0.0, which it equals; scores are never NaN), above the
/// complement of its number in the order items were made: the best score first, then the
/// earliest made.
fn queue_key(score: f64, made: usize) -> u128 {
    let bits = if score == 0.0 { 0.0f64 } else { score }.to_bits();
    let ordered = if bits >> 63 == 1 { !bits } else { bits | 1 << 63 };
    (ordered as u128) << 64 | !(made as u64) as u128
}

/// The hypotheses `prune` weighs, best first; kept between calls for its buffers.
#[derive(Default)]
struct Queue {
    /// The `queue_key` of each item waiting (the heap moves keys, not items).
    keys: BinaryHeap<u128>,
    /// The items, in the order they were made.
    items: Vec<Item>,
    /// The `State::identity` of each state kept.
    seen: FxHashSet<u64>,
}

impl Queue {
    fn push(&mut self, score: f64, item: Item) {
        self.keys.push(queue_key(score, self.items.len()));
        self.items.push(item);
    }

    /// Empty the queue and fill it with `fed`, heapified at once: the keys are all distinct
    /// (when they were made), so the pops come in the order pushing them one by one gives.
    fn refill(&mut self, fed: &mut Vec<Fed>) {
        self.items.clear();
        self.seen.clear();
        let mut keys = std::mem::take(&mut self.keys).into_vec();
        keys.clear();
        for fed in fed.drain(..) {
            let (score, item) = fed.into_item();
            keys.push(queue_key(score, self.items.len()));
            self.items.push(item);
        }
        self.keys = BinaryHeap::from(keys);
    }

    /// The best item, left in the queue.
    fn peek(&self) -> Option<Item> {
        self.keys.peek().map(|&key| self.items[!(key as u64) as usize])
    }

    /// Take out the best item.
    fn pop(&mut self) -> Option<Item> {
        let key = self.keys.pop()?;
        Some(self.items[!(key as u64) as usize])
    }

    /// Take out the best item and push `item` in one step (one sift of the heap, not two): the
    /// items waiting and their keys are what `pop` then `push` leave.
    fn replace_top(&mut self, score: f64, item: Item) {
        let key = queue_key(score, self.items.len());
        self.items.push(item);
        if let Some(mut top) = self.keys.peek_mut() {
            *top = key;
        }
    }
}

/// The winning realignment: the run's new characters and its hypothesis.
pub struct Realigned {
    pub chars: Vec<char>,
    pub state: State,
}

/// A decoder over hypotheses for one page, writer and script.
pub struct Decoder<'a> {
    tables: &'a DbcsTables,
    scorer: &'a mut PageScorer,
    memo: &'a mut DecoderMemo,
    foreign: Foreign,
    /// Search units spent by the page so far (one a hypothesis weighed) and its budget.
    pub spent: f64,
    budget: f64,
    queue: Queue,
    outs: Outs,
}

impl<'a> Decoder<'a> {
    pub fn new(
        tables: &'a DbcsTables,
        scorer: &'a mut PageScorer,
        memo: &'a mut DecoderMemo,
        foreign: Foreign,
        spent: f64,
        budget: f64,
    ) -> Decoder<'a> {
        if memo.page_options.is_none() {
            let mut options: FxHashMap<Pool, Vec<char>> = FxHashMap::default();
            for c in &scorer.seen {
                for &pool in tables.memberships.get(c).map_or(&[][..], |p| &p[..]) {
                    options.entry(pool).or_default().push(*c);
                }
            }
            memo.page_options = Some(options);
        }
        Decoder { tables, scorer, memo, foreign, spent, budget, queue: Queue::default(), outs: Outs::new() }
    }

    fn emit(&mut self, state: &State, c: char) -> State {
        let logp = self.scorer.logp(state.last, c);
        state.emitting(c, logp, false, &mut self.outs)
    }

    /// The likeliest characters after `last` with `byte` as their lead (or trail) byte: their
    /// place in the page's `DecoderMemo::ranked`.
    fn guesses(&mut self, last: char, pool: Pool) -> u32 {
        if let Some(&list) = self.memo.guesses.get(&(last, pool)) {
            return list;
        }
        let model = self.scorer.model.clone();
        let from_model = self.tables.model_guesses(&model, last, pool);
        let page = self.memo.page_options.as_ref().and_then(|o| o.get(&pool)).map_or(&[][..], |p| &p[..]);
        let mut ranked: Vec<(char, f64)> = Vec::with_capacity(from_model.len() + page.len());
        ranked.extend(from_model.iter().map(|&(c, value)| (c, self.scorer.from_model(last, c, value))));
        // (the model's guesses are at most `TOP_GUESSES`: a scan is cheaper than a set)
        for &c in page {
            if !from_model.iter().any(|&(known, _)| known == c) {
                ranked.push((c, self.scorer.logp(last, c)));
            }
        }
        if self.foreign != Foreign::None {
            for (c, value) in ranked.iter_mut() {
                if model.is_foreign(self.foreign, *c) {
                    *value -= OTHER_SCRIPT_COST;
                }
            }
        }
        insert_best_first(&mut ranked);
        ranked.truncate(TOP_GUESSES);
        let list = self.memo.ranked.len() as u32;
        self.memo.ranked.push(ranked);
        self.memo.guesses.insert((last, pool), list);
        list
    }

    /// The states after reading `byte` (and then `then`), added to `out`; guesses come as one
    /// lazy `Guesses`.
    fn feed(&mut self, state: &State, byte: i32, then: Option<i32>, out: &mut Vec<Fed>) {
        let stepped = match state.pending {
            None => {
                if byte == UNK || (0x81..=0xFE).contains(&byte) {
                    state.reading(byte, byte == UNK)
                } else if (0..0x80).contains(&byte) {
                    self.emit(state, char::from(byte as u8))
                } else {
                    return;
                }
            }
            Some(_) if byte != UNK && !self.tables.writer.trail_ok(byte) => return,
            Some(lead) if lead != UNK && byte != UNK => match self.tables.pair((lead << 8 | byte) as u16) {
                Some(c) => self.emit(state, c),
                None => return,
            },
            Some(lead) => {
                let state = if byte == UNK { state.reading(lead, true) } else { *state };
                if lead == UNK && byte == UNK {
                    self.emit(&state, REPLACEMENT)
                } else {
                    let known_lead = byte == UNK;
                    let pool = (known_lead, if known_lead { lead } else { byte } as u8);
                    out.push(Fed::Guesses(Guesses { base: state, pool, then }));
                    return;
                }
            }
        };
        match then {
            None => out.push(Fed::State(stepped)),
            Some(then) => self.feed(&stepped, then, None, out),
        }
    }

    /// The `BEAM` best states, one per (pending byte, last character, operations), making
    /// guessed states best first and only while they can still enter the beam.
    fn prune(&mut self, stepped: &mut Vec<Fed>) -> Vec<State> {
        self.spent += stepped.len() as f64;
        let mut queue = std::mem::take(&mut self.queue);
        queue.refill(stepped);
        let mut after_then = Vec::new();
        let mut kept: Vec<State> = Vec::with_capacity(BEAM);
        while kept.len() < BEAM {
            // (an item making the next one in its place leaves the queue by `replace_top`)
            let Some(item) = queue.peek() else { break };
            let state = match item {
                Item::Exact(state) => {
                    queue.pop();
                    state
                }
                Item::Unranked(g) => {
                    let list = self.guesses(g.base.last, g.pool);
                    match self.memo.ranked[list as usize].first() {
                        Some(&(_, best)) => queue.replace_top(g.base.score + best, Item::Ranked(g, list, 0)),
                        None => _ = queue.pop(),
                    }
                    continue;
                }
                Item::Ranked(g, list, rank) => {
                    let ranked = &self.memo.ranked[list as usize];
                    match ranked.get(rank as usize + 1) {
                        Some(&(_, next)) => queue.replace_top(g.base.score + next, Item::Ranked(g, list, rank + 1)),
                        None => _ = queue.pop(),
                    }
                    let (c, logp) = ranked[rank as usize];
                    let state = g.base.emitting(c, logp, true, &mut self.outs);
                    if let Some(then) = g.then {
                        // reading the next byte can only lower the score: back in the queue
                        self.feed(&state, then, None, &mut after_then);
                        for after in after_then.drain(..) {
                            let (score, item) = after.into_item();
                            queue.push(score, item);
                        }
                        continue;
                    }
                    state
                }
            };
            if queue.seen.insert(state.identity()) {
                kept.push(state);
            }
        }
        self.queue = queue;
        kept
    }

    /// Feed one character's byte alternatives; where `editable`, also a lost byte before or an
    /// extra byte at each byte.
    fn step_token(
        &mut self,
        states: &[State],
        alternatives: &Alternatives,
        editable: bool,
        max_ops: u32,
    ) -> Vec<State> {
        let mut following = Vec::new();
        let mut stepped = Vec::new();
        for (data, cost) in alternatives {
            let mut current: Vec<State> =
                if *cost != 0.0 { states.iter().map(|s| s.penalised(*cost)).collect() } else { states.to_vec() };
            for &byte in data {
                for state in &current {
                    self.feed(state, byte, None, &mut stepped);
                    if editable && state.ops < max_ops {
                        self.feed(&state.edited(INSERT_COST), UNK, Some(byte), &mut stepped);
                        // an ASCII byte is text or a trail byte: never extra
                        if byte >= 0x80 || byte == UNK {
                            stepped.push(Fed::State(state.edited(SKIP_COST)));
                        }
                    }
                }
                current = self.prune(&mut stepped);
            }
            following.extend(current);
        }
        following
    }

    /// Decode `tokens[start..end]` again in phase with at most `max_ops` edits from
    /// `first - OPS_BEFORE` to `last + OPS_AFTER`; `alternatives[k]` are the byte sequences of
    /// `tokens[start + k]`. None when no hypothesis ends in phase or the budget ran out.
    #[allow(clippy::too_many_arguments)]
    pub fn realign(
        &mut self,
        tokens: &[char],
        start: usize,
        first: usize,
        end: usize,
        last: usize,
        alternatives: &[Alternatives],
        max_ops: u32,
    ) -> Option<Realigned> {
        let before = if start > 0 { tokens[start - 1] } else { BOUNDARY };
        let initial = State { pending: None, last: before, ops: 0, score: 0.0, out: 0, unknown: 0, guessed: 0 };
        // The hypotheses waiting at each position of the run (`start..=end`).
        let mut waiting: Vec<Vec<State>> = vec![Vec::new(); end + 1 - start];
        waiting[0].push(initial);
        let text: String = tokens.iter().collect();
        let mut offsets = Vec::with_capacity(tokens.len());
        let mut offset = 0;
        for c in tokens {
            offsets.push(offset);
            offset += c.len_utf8();
        }
        let (first, last) = (first as i64, last as i64);
        for i in start..end {
            if self.spent > self.budget {
                return None;
            }
            let pending = std::mem::take(&mut waiting[i - start]);
            let states = self.prune(&mut pending.into_iter().map(Fed::State).collect());
            if states.is_empty() {
                continue;
            }
            let residue = matches!(tokens[i], '?' | REPLACEMENT).then(|| ruby_residue().find(&text[offsets[i]..]));
            if let Some(ruby) = residue.flatten() {
                let ruby_end = i + ruby.as_str().chars().count();
                if ruby_end <= end && ruby_end as i64 >= first - 1 {
                    let skipped = states.iter().filter(|s| s.ops < max_ops).map(|s| s.edited(RUBY_SKIP_COST));
                    waiting[ruby_end - start].extend(skipped);
                }
            }
            let editable = first - OPS_BEFORE <= i as i64 && i as i64 <= last + OPS_AFTER;
            let next = self.step_token(&states, &alternatives[i - start], editable, max_ops);
            waiting[i + 1 - start].extend(next);
        }
        let after = tokens.get(end).copied().unwrap_or(BOUNDARY);
        let mut best: Option<(f64, State)> = None;
        for state in std::mem::take(&mut waiting[end - start]) {
            if state.pending.is_some() {
                continue;
            }
            let value = state.score + self.scorer.logp(state.last, after);
            if best.as_ref().is_none_or(|(top, _)| value > *top) {
                best = Some((value, state));
            }
        }
        best.map(|(_, state)| Realigned { chars: state.chars(&self.outs), state })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charmodel::CharModel;

    fn model() -> Arc<CharModel> {
        let vocab: Vec<char> = "中国人".chars().collect();
        Arc::new(CharModel::new(vocab, &[3, 2, 1], &[1, 5], &[2, 1], String::new(), String::new(), String::new()))
    }

    /// GBK bytes of 中 (D6 D0), 国 (B9 FA), 人 (C8 CB).
    fn tables(model: &CharModel) -> DbcsTables {
        DbcsTables::new(Writer::Gbk, &[(0xB9FA, '国'), (0xC8CB, '人'), (0xD6D0, '中')], model)
    }

    fn single(bytes: &[i32]) -> Alternatives {
        vec![(bytes.to_vec(), 0.0)]
    }

    #[test]
    fn a_lost_byte_is_found_and_the_run_decodes_in_phase() {
        let model = model();
        let tables = tables(&model);
        let mut scorer = PageScorer::new(model.clone(), &["中国人"]);
        let mut memo = DecoderMemo::default();
        // 中国人 with the lead byte of 中 lost: D0 B9 FA C8 CB read as 2 chars and a dangling byte
        // (as tokens: the pairs the shifted decoder made, each one character's bytes).
        let tokens: Vec<char> = "xyz".chars().collect();
        let alternatives = vec![single(&[0xD0, 0xB9]), single(&[0xFA, 0xC8]), single(&[0xCB])];
        let mut decoder = Decoder::new(&tables, &mut scorer, &mut memo, Foreign::None, 0.0, 1e9);
        let found = decoder.realign(&tokens, 0, 0, 3, 0, &alternatives, 1).expect("a realignment");
        assert_eq!(found.state.ops, 1);
        assert_eq!(found.chars.iter().collect::<String>(), "中国人");
        assert_eq!(found.state.guessed, 1);
        assert!(decoder.spent > 0.0);
    }

    #[test]
    fn an_exhausted_budget_finds_nothing() {
        let model = model();
        let tables = tables(&model);
        let mut scorer = PageScorer::new(model.clone(), &[] as &[&str]);
        let mut memo = DecoderMemo::default();
        let mut decoder = Decoder::new(&tables, &mut scorer, &mut memo, Foreign::None, 10.0, 5.0);
        assert!(decoder.realign(&['x'], 0, 0, 1, 0, &[single(&[0x41])], 1).is_none());
    }

    #[test]
    fn big5_and_gbk_differ_in_trail_bytes() {
        assert!(Writer::Gbk.trail_ok(0x80) && !Writer::Big5.trail_ok(0x80));
        assert!(!Writer::Gbk.trail_ok(0x7F) && !Writer::Big5.trail_ok(0x7F));
    }

    #[test]
    fn queue_keys_order_by_score_then_earliest() {
        let scores = [-1.5, 0.0, -0.0, -1.5, f64::MIN, -3.25e-7, 2.0, -0.0, -1.5, 1e-300, -1e-300, f64::MAX];
        let mut expected: Vec<usize> = (0..scores.len()).collect();
        expected.sort_by(|&a, &b| scores[b].partial_cmp(&scores[a]).unwrap().then(a.cmp(&b)));
        let mut by_key: Vec<usize> = (0..scores.len()).collect();
        by_key.sort_by_key(|&made| std::cmp::Reverse(queue_key(scores[made], made)));
        assert_eq!(by_key, expected);
    }

    #[test]
    fn identities_tell_pending_bytes_characters_and_operations_apart() {
        let state = State { pending: None, last: 'a', ops: 0, score: 0.0, out: 0, unknown: 0, guessed: 0 };
        let mut identities = FxHashSet::default();
        for pending in [None, Some(UNK), Some(0x81), Some(0xFE)] {
            for last in ['a', '中', '\u{10ffff}'] {
                for ops in [0, 1, u32::MAX] {
                    assert!(identities.insert(State { pending, last, ops, ..state }.identity()));
                }
            }
        }
        let scored = State { score: -3.0, out: 5, unknown: 1, guessed: 2, ..state };
        assert_eq!(scored.identity(), state.identity());
    }

    #[test]
    fn replacing_the_top_leaves_what_a_pop_then_a_push_leaves() {
        let item = |score: f64, last: char| {
            Item::Exact(State { pending: None, last, ops: 0, score, out: 0, unknown: 0, guessed: 0 })
        };
        let drained = |queue: &mut Queue| -> Vec<char> {
            std::iter::from_fn(|| match queue.pop()? {
                Item::Exact(state) => Some(state.last),
                _ => None,
            })
            .collect()
        };
        let waiting = [(-1.0, 'a'), (-3.0, 'b'), (-2.0, 'c'), (-1.0, 'd'), (-2.0, 'e')];
        for (score, last) in [(-2.0, 'x'), (-1.0, 'y'), (-0.5, 'z'), (-9.0, 'w')] {
            let (mut replaced, mut pushed) = (Queue::default(), Queue::default());
            for (score, last) in waiting {
                replaced.push(score, item(score, last));
                pushed.push(score, item(score, last));
            }
            replaced.replace_top(score, item(score, last));
            pushed.pop();
            pushed.push(score, item(score, last));
            assert_eq!(drained(&mut replaced), drained(&mut pushed));
        }
    }

    #[test]
    fn insertion_sorts_as_the_stable_sort() {
        let scored: Vec<(char, f64)> =
            "abcdefghij".chars().zip([-2.0, -1.0, -2.0, -0.5, -1.0, -3.0, -0.0, 0.0, -1.0, -2.0]).collect();
        let (mut inserted, mut sorted) = (scored.clone(), scored);
        insert_best_first(&mut inserted);
        crate::charmodel::sort_best_first(&mut sorted);
        assert_eq!(inserted, sorted);
    }

    #[test]
    fn the_queue_pops_best_then_earliest() {
        let mut queue = Queue::default();
        for (score, last) in [(-2.0, 'a'), (-1.0, 'b'), (-1.0, 'c')] {
            let state = State { pending: None, last, ops: 0, score, out: 0, unknown: 0, guessed: 0 };
            queue.push(score, Item::Exact(state));
        }
        let popped: Vec<char> = std::iter::from_fn(|| match queue.pop()? {
            Item::Exact(state) => Some(state.last),
            _ => None,
        })
        .collect();
        assert_eq!(popped, vec!['b', 'c', 'a']);
    }
}
