//! Undo layered mojibake, one layer at a time, carrying unknown bytes through every layer.
//!
//! One layer: a writer (UTF-8, or GBK/Big5 for legacy-to-legacy confusion) wrote text that a
//! reader family (GBK/GB18030, Big5, Latin) read. Turning the line's characters back into the
//! reader's bytes, the damaged runs are exactly those whose bytes parse as the writer's encoding;
//! clean Chinese around them does not. Unknown bytes (U+FFFD, lost characters of the layer
//! above) parse as wildcards and come out as `Lost` tokens. `chain_candidates` walks up to four
//! layers deep over every reader family, pruned by that byte structure; the caller scores them.

use std::ops::Deref;
use std::rc::Rc;
use std::sync::Arc;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::charmodel::{CharModel, BOUNDARY};
use crate::codecs::CharBytes;
use crate::frameshift::{DbcsTables, UNK};
use crate::runscan::{RunScan, Step};
use crate::scorer::REPLACEMENT;

/// A character the reader cannot have produced: no run crosses it.
pub const BARRIER: i32 = -2;
pub const MAX_LAYERS: usize = 4;
const LOOKAHEAD: usize = 3;
/// A run's clean tail is kept apart only after this many suspicious characters.
const TAIL_MIN_SUSPECTS: usize = 3;

/// The values a byte may have had.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct ByteSet([u64; 4]);

impl ByteSet {
    pub fn insert(&mut self, byte: u8) {
        self.0[(byte >> 6) as usize] |= 1 << (byte & 63);
    }

    pub fn contains(&self, byte: u8) -> bool {
        self.0[(byte >> 6) as usize] & (1 << (byte & 63)) != 0
    }

    pub fn is_empty(&self) -> bool {
        self.0 == [0; 4]
    }

    pub fn bytes(&self) -> impl Iterator<Item = u8> + '_ {
        (0..=255u8).filter(|&b| self.contains(b))
    }

    /// The set as 256 bits.
    pub fn bits(&self) -> [u64; 4] {
        self.0
    }
}

/// The one to four bytes of a character, `UNK` where lost: kept in place, so that reading a
/// character allocates nothing.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Pattern {
    len: u8,
    bytes: [i32; 4],
}

impl Deref for Pattern {
    type Target = [i32];

    fn deref(&self) -> &[i32] {
        &self.bytes[..self.len as usize]
    }
}

impl Pattern {
    /// The pattern of one to four bytes.
    pub fn new(bytes: &[i32]) -> Pattern {
        let mut pattern = Pattern { len: bytes.len() as u8, bytes: [0; 4] };
        pattern.bytes[..bytes.len()].copy_from_slice(bytes);
        pattern
    }

    /// How many of its bytes are unknown.
    pub fn unknown(&self) -> usize {
        self.iter().filter(|&&b| b == UNK).count()
    }
}

impl FromIterator<i32> for Pattern {
    fn from_iter<I: IntoIterator<Item = i32>>(bytes: I) -> Pattern {
        let mut pattern = Pattern::default();
        for byte in bytes {
            pattern.bytes[pattern.len as usize] = byte;
            pattern.len += 1;
        }
        pattern
    }
}

impl std::fmt::Debug for Pattern {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self[..].fmt(f)
    }
}

/// A character some of whose bytes are unknown (see `textfix.repair.tokens.Lost`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Lost {
    pub pattern: Pattern,
    pub writer: &'static str,
    pub allowed: Vec<Option<ByteSet>>,
    pub alternatives: Vec<Vec<i32>>,
    /// The values every unknown byte of the pattern and its alternatives may have had, where
    /// the bytes lost are those a code page drops (`textfix.repair.dropped`).
    pub lost_values: Option<ByteSet>,
}

impl Lost {
    fn new(pattern: &[i32], writer: &'static str) -> Lost {
        Lost {
            pattern: Pattern::new(pattern),
            writer,
            allowed: Vec::new(),
            alternatives: Vec::new(),
            lost_values: None,
        }
    }

    pub fn unknown(&self) -> usize {
        self.pattern.unknown()
    }
}

/// A character, or a character with lost bytes.
#[derive(Clone, Debug, PartialEq)]
pub enum Token {
    Char(char),
    Lost(Arc<Lost>),
}

/// A character as one writer's bytes read: itself, or the pattern of a character whose bytes
/// were partly lost (and another pattern it may have had). Small, so that reading bytes copies
/// little; a token once it is kept (`lost`, `token`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Piece {
    Char(char),
    Lost(Pattern, Option<Pattern>),
}

impl Piece {
    /// The lost character a `Lost` piece of `writer` is.
    pub fn lost(pattern: Pattern, alternative: Option<Pattern>, writer: Writer) -> Lost {
        let alternatives = alternative.map(|a| vec![a.to_vec()]).unwrap_or_default();
        Lost { pattern, writer: writer.name(), allowed: Vec::new(), alternatives, lost_values: None }
    }

    pub fn token(self, writer: Writer) -> Token {
        match self {
            Piece::Char(c) => Token::Char(c),
            Piece::Lost(pattern, alternative) => Token::Lost(Arc::new(Piece::lost(pattern, alternative, writer))),
        }
    }

    fn is_ascii_char(&self) -> bool {
        matches!(self, Piece::Char(c) if (*c as u32) < 0x80)
    }
}

impl Token {
    fn char(&self) -> Option<char> {
        match self {
            Token::Char(c) => Some(*c),
            Token::Lost(_) => None,
        }
    }

    fn is_ascii_char(&self) -> bool {
        matches!(self, Token::Char(c) if (*c as u32) < 0x80)
    }
}

/// The reader families, in the order they are tried.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Family {
    Gbk,
    Gb18030,
    Big5,
    Latin,
}

pub const FAMILIES: [Family; 4] = [Family::Gbk, Family::Gb18030, Family::Big5, Family::Latin];

impl Family {
    /// The family of a name (`gbk`, `gb18030`, `big5`, `latin`).
    pub fn named(name: &str) -> Option<Family> {
        FAMILIES.into_iter().find(|f| f.name() == name)
    }

    pub fn name(self) -> &'static str {
        match self {
            Family::Gbk => "gbk",
            Family::Gb18030 => "gb18030",
            Family::Big5 => "big5",
            Family::Latin => "latin",
        }
    }

    /// A character lost in the layer above is one character of the reader's.
    fn lost_width(self) -> usize {
        if self == Family::Latin {
            1
        } else {
            2
        }
    }

    /// The writers this reader family may have misread.
    fn writers(self) -> &'static [Writer] {
        match self {
            Family::Gbk | Family::Gb18030 => &[Writer::Utf8, Writer::Big5],
            Family::Big5 => &[Writer::Utf8, Writer::Gbk],
            Family::Latin => &[Writer::Utf8, Writer::Gbk, Writer::Big5],
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Writer {
    Utf8,
    Gbk,
    Big5,
}

impl Writer {
    pub fn name(self) -> &'static str {
        match self {
            Writer::Utf8 => "utf-8",
            Writer::Gbk => "gbk",
            Writer::Big5 => "big5",
        }
    }
}

/// The legacy codecs, as the software that made the mojibake has them.
pub trait Codecs {
    /// The bytes `c` was decoded from when read by `family`; None if it cannot have been.
    fn reader_bytes(&mut self, c: char, family: Family) -> Option<CharBytes>;
    /// The bytes a decoder of `family` replaces with one U+FFFD when `following` comes next.
    fn rejected_bytes(&mut self, family: Family, following: u8) -> ByteSet;
}

/// How many bytes a UTF-8 character whose first byte is `lead` has (0: no lead byte).
pub fn utf8_length(lead: i32) -> usize {
    match lead {
        0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF4 => 4,
        _ => 0,
    }
}

/// Whether `data` are bytes `pattern` may stand for.
pub fn fits(pattern: &[i32], data: &[u8], allowed: &[Option<ByteSet>]) -> bool {
    pattern.len() == data.len()
        && pattern.iter().zip(data).enumerate().all(|(k, (&b, &d))| {
            b == d as i32 || (b == UNK && allowed.get(k).copied().flatten().is_none_or(|values| values.contains(d)))
        })
}

/// Characters the model knows, as their bytes in one writer, indexed for matching what survived
/// of a lost character: by (length, position, byte), and by length alone.
pub struct KnownEncoded {
    entries: Vec<(Vec<u8>, char)>,
    index: FxHashMap<(usize, Option<usize>, u8), Vec<usize>>,
}

impl KnownEncoded {
    pub fn new(entries: Vec<(Vec<u8>, char)>) -> KnownEncoded {
        let mut index: FxHashMap<(usize, Option<usize>, u8), Vec<usize>> = FxHashMap::default();
        for (n, (data, _)) in entries.iter().enumerate() {
            index.entry((data.len(), None, 0)).or_default().push(n);
            for (position, &byte) in data.iter().enumerate() {
                index.entry((data.len(), Some(position), byte)).or_default().push(n);
            }
        }
        KnownEncoded { entries, index }
    }

    /// The characters whose bytes `pattern` (``UNK`` where lost) may stand for, the unknown bytes
    /// limited to `allowed` where given, in the order they were given.
    pub fn matching(&self, pattern: &[i32], allowed: &[Option<ByteSet>]) -> Vec<char> {
        let empty = Vec::new();
        let lists = pattern.iter().enumerate().filter(|&(_, &b)| b != UNK).map(|(i, &b)| {
            u8::try_from(b).ok().and_then(|b| self.index.get(&(pattern.len(), Some(i), b))).unwrap_or(&empty)
        });
        // the shortest list of those of the known bytes (the first of equals), else all of that length
        let pool = lists.reduce(|a, b| if b.len() < a.len() { b } else { a });
        let pool = pool.unwrap_or_else(|| self.index.get(&(pattern.len(), None, 0)).unwrap_or(&empty));
        pool.iter()
            .map(|&n| &self.entries[n])
            .filter(|(data, _)| fits(pattern, data, allowed))
            .map(|&(_, c)| c)
            .collect()
    }
}

fn slice<T>(items: &[T], start: usize, end: usize) -> &[T] {
    let end = end.min(items.len());
    &items[start.min(end)..end]
}

/// The tables and sets the chains need, and the codecs (see `Codecs`).
pub struct ChainTables {
    pub model: std::sync::Arc<CharModel>,
    pub gbk: std::sync::Arc<DbcsTables>,
    pub big5: std::sync::Arc<DbcsTables>,
    /// Every character that may be damage (unknown, C1, private use and the model's suspects).
    pub suspects: FxHashSet<char>,
    /// What a lossy layer leaves in the text it writes, read as GBK once (index 1) or twice (2).
    pub residues: [Vec<char>; 3],
}

impl ChainTables {
    /// A token that looks like damage: lost, or a suspect character.
    pub fn suspicious(&self, token: &Token) -> bool {
        match token {
            Token::Lost(_) => true,
            Token::Char(c) => self.suspects.contains(c),
        }
    }

    /// The one residue character a UTF-8 character with one unknown byte (`pattern`) may be, if
    /// only one fits.
    fn residue(&self, pattern: &Pattern, layers: usize) -> Option<char> {
        if pattern.unknown() > 1 {
            return None;
        }
        let mut found = self.residues[layers].iter().filter(|c| {
            let mut buffer = [0u8; 4];
            fits(pattern, c.encode_utf8(&mut buffer).as_bytes(), &[])
        });
        match (found.next(), found.next()) {
            (Some(&c), None) => Some(c),
            _ => None,
        }
    }

    #[inline]
    fn parse_utf8(&self, data: &[i32], p: usize) -> Option<(Piece, usize)> {
        let b = data[p];
        if (0..0x80).contains(&b) {
            return Some((Piece::Char(char::from(b as u8)), p + 1));
        }
        if b == UNK {
            // A lost lead: the character runs on over unknown and continuation bytes.
            let mut q = p + 1;
            while q < data.len() && q < p + 3 && (data[q] == UNK || (0x80..=0xBF).contains(&data[q])) {
                q += 1;
            }
            return Some((Piece::Lost(Pattern::new(&data[p..q]), None), q));
        }
        let length = utf8_length(b);
        let end = p + length;
        if length == 0 || end > data.len() {
            return None;
        }
        let tail = &data[p + 1..end];
        if tail.iter().any(|&c| c != UNK && !(0x80..=0xBF).contains(&c)) {
            return None;
        }
        if tail.contains(&UNK) {
            let pattern = Pattern::new(&data[p..end]);
            // U+FFFD cut short: none of the other characters EF BF may begin is guessed in its place.
            if self.residue(&pattern, 1) == Some(REPLACEMENT) {
                return Some((Piece::Char(REPLACEMENT), end));
            }
            return Some((Piece::Lost(pattern, None), end));
        }
        let mut bytes = [0u8; 4];
        for (byte, &value) in bytes.iter_mut().zip(&data[p..end]) {
            *byte = value as u8;
        }
        let text = std::str::from_utf8(&bytes[..length]).ok()?;
        Some((Piece::Char(text.chars().next()?), end))
    }

    #[inline]
    fn parse_dbcs(&self, writer: Writer, data: &[i32], p: usize) -> Option<(Piece, usize)> {
        let b = data[p];
        if (0..0x80).contains(&b) {
            return Some((Piece::Char(char::from(b as u8)), p + 1));
        }
        if b == 0x80 && writer == Writer::Gbk {
            return Some((Piece::Char('\u{20ac}'), p + 1));
        }
        if b == BARRIER || p + 1 >= data.len() || data[p + 1] == BARRIER {
            return (b == UNK).then(|| (Piece::Lost(Pattern::new(&[UNK]), None), p + 1));
        }
        let t = data[p + 1];
        if b == UNK || t == UNK {
            if (0..0x40).contains(&t) {
                return Some((Piece::Lost(Pattern::new(&[UNK]), None), p + 1));
            }
            return Some((Piece::Lost(Pattern::new(&[b, t]), None), p + 2));
        }
        let table = if writer == Writer::Gbk { &self.gbk } else { &self.big5 };
        table.pair(((b << 8) | t) as u16).map(|c| (Piece::Char(c), p + 2))
    }

    /// One character of `writer` at byte `p`, or None where the bytes do not parse.
    #[inline]
    pub fn parse(&self, writer: Writer, data: &[i32], p: usize) -> Option<(Piece, usize)> {
        match writer {
            Writer::Utf8 => self.parse_utf8(data, p),
            _ => self.parse_dbcs(writer, data, p),
        }
    }

    /// What is left of a character whose bytes were partly lost, at a byte that does not parse.
    #[inline]
    fn recover(&self, writer: Writer, data: &[i32], p: usize) -> (Piece, usize) {
        if writer != Writer::Utf8 {
            return (Piece::Lost(Pattern::new(&[UNK, UNK]), None), p + 1);
        }
        let length = utf8_length(data[p]);
        let continuation = |b: i32| (0x80..=0xBF).contains(&b);
        let mut q = if continuation(data[p]) { p } else { p + 1 };
        let reach = p + if length > 0 { length } else { 3 };
        while q < data.len()
            && q < reach
            && (continuation(data[q]) || (data[q] == UNK && (length > 0 || q == data.len() - 1)))
        {
            q += 1;
        }
        let kept = &data[p..q];
        let (mut pattern, mut alternative) = (Pattern::new(&[UNK, UNK, UNK]), None);
        if continuation(data[p]) {
            pattern = std::iter::repeat_n(UNK, 3usize.saturating_sub(kept.len())).chain(kept.iter().copied()).collect();
        } else if length > 0 {
            pattern = kept.iter().copied().chain(std::iter::repeat_n(UNK, length - kept.len())).collect();
            if length == 3 && kept.len() == 2 && !kept.contains(&UNK) {
                // a lead and one continuation: the byte lost was the last one or the one between
                alternative = Some(Pattern::new(&[kept[0], UNK, kept[1]]));
            }
        }
        (Piece::Lost(pattern, alternative), q.max(p + 1))
    }

    /// Tokens back to the byte stream `family` read them from, with each token's start offset.
    fn to_bytes(&self, tokens: &[Token], family: Family, codecs: &mut dyn Codecs) -> (Vec<i32>, Vec<usize>) {
        let mut data = Vec::with_capacity(tokens.len() * 3);
        let mut offsets = Vec::with_capacity(tokens.len() + 1);
        for (i, token) in tokens.iter().enumerate() {
            offsets.push(data.len());
            let c = match token {
                Token::Lost(lost) => {
                    // The end of a line is where decoders reject a lead byte left alone, layer after
                    // layer, cutting short the marks of the layers before.
                    let layers = if i == tokens.len() - 1 { 2 } else { 1 };
                    match if lost.writer == "utf-8" { self.residue(&lost.pattern, layers) } else { None } {
                        Some(c) => c,
                        None => {
                            data.extend(std::iter::repeat_n(UNK, family.lost_width()));
                            continue;
                        }
                    }
                }
                Token::Char(c) => *c,
            };
            if c == REPLACEMENT {
                data.push(UNK);
            } else {
                match codecs.reader_bytes(c, family) {
                    Some(bytes) => data.extend(bytes.iter().map(|&b| b as i32)),
                    None => data.push(BARRIER),
                }
            }
        }
        offsets.push(data.len());
        (data, offsets)
    }
}

/// A line as one reader family read it: bytes, token offsets, rejected bytes' values, the token
/// each byte offset begins, each byte's token, and for each token the first at or after it that
/// the family cannot have read (`BARRIER`: no run crosses it).
struct ReadBack {
    data: Vec<i32>,
    offsets: Vec<usize>,
    rejected: FxHashMap<usize, ByteSet>,
    boundary: Vec<Option<usize>>,
    owner: Vec<usize>,
    barrier: Vec<usize>,
}

/// A line's tokens as every layer's unwinding reads them.
struct LineTokens {
    tokens: Vec<Token>,
    flags: Vec<bool>,
    /// How many of the tokens before each are known wide characters (`is_known_wide`), and how
    /// many of those are suspicious.
    known: Vec<(u32, u32)>,
    near: FxHashMap<usize, Vec<bool>>,
    read: FxHashMap<Family, Rc<ReadBack>>,
}

impl LineTokens {
    fn new(tokens: Vec<Token>, tables: &ChainTables) -> LineTokens {
        let flags: Vec<bool> = tokens.iter().map(|t| tables.suspicious(t)).collect();
        let mut known = Vec::with_capacity(tokens.len() + 1);
        known.push((0, 0));
        for (token, &flag) in tokens.iter().zip(&flags) {
            let (wide, suspects) = known[known.len() - 1];
            let add = u32::from(is_known_wide(token));
            known.push((wide + add, suspects + add * u32::from(flag)));
        }
        LineTokens { tokens, flags, known, near: FxHashMap::default(), read: FxHashMap::default() }
    }

    /// Whether `tokens[i..end]` holds a known wide character that is suspicious: a run there may
    /// be undone (`may_undo`).
    fn holds_known_suspect(&self, i: usize, end: usize) -> bool {
        self.known[end].1 > self.known[i].1
    }

    /// Whether the run `tokens[i..end]`, whose characters read as `marks` (`read_marks`), may
    /// pass the tests `unwind_layer` puts a run to before it is decoded: it must replace a known
    /// wide character that is suspicious (its head and tail kept hold none), and read as known
    /// characters (told here where neither is kept: `unwind_layer`'s own test). Most runs on text
    /// that is all damage fail this, and are not decoded.
    fn may_undo(&self, family: Family, writer: Writer, i: usize, end: usize, marks: u8) -> bool {
        if !self.holds_known_suspect(i, end) {
            return false;
        }
        if writer != Writer::Utf8 && family != Family::Latin {
            return true;
        }
        let wide = self.known[end].0 - self.known[i].0;
        let mut around = slice(&self.flags, i.saturating_sub(1), i).iter().chain(slice(&self.flags, end, end + 1));
        let quiet_around = !around.any(|&f| f);
        (wide >= 2 && marks & READ_WIDE != 0) || (family == Family::Gbk && marks & READ_LOST_ONE != 0 && quiet_around)
    }

    /// For each token, whether it or one of the `lookahead - 1` tokens after it is suspicious.
    fn near_suspect(&mut self, lookahead: usize) -> Vec<bool> {
        let flags = &self.flags;
        self.near
            .entry(lookahead)
            .or_insert_with(|| (0..flags.len()).map(|i| slice(flags, i, i + lookahead).iter().any(|&f| f)).collect())
            .clone()
    }

    fn read_back(&mut self, family: Family, tables: &ChainTables, codecs: &mut dyn Codecs) -> Rc<ReadBack> {
        if let Some(read) = self.read.get(&family) {
            return read.clone();
        }
        let (data, offsets) = tables.to_bytes(&self.tokens, family, codecs);
        let mut rejected = FxHashMap::default();
        for (i, pair) in self.tokens.windows(2).enumerate() {
            if pair[0] == Token::Char(REPLACEMENT) && tables.suspicious(&pair[1]) {
                let p = offsets[i];
                if p + 1 < data.len() && data[p + 1] >= 0 {
                    rejected.insert(p, codecs.rejected_bytes(family, data[p + 1] as u8));
                }
            }
        }
        let mut boundary = vec![None; data.len() + 1];
        for (i, &offset) in offsets.iter().enumerate() {
            boundary[offset] = Some(i);
        }
        let mut owner = Vec::with_capacity(data.len());
        owner.extend((0..self.tokens.len()).flat_map(|i| std::iter::repeat_n(i, offsets[i + 1] - offsets[i])));
        let mut barrier = vec![self.tokens.len(); self.tokens.len() + 1];
        for i in (0..self.tokens.len()).rev() {
            barrier[i] = if data[offsets[i]] == BARRIER { i } else { barrier[i + 1] };
        }
        let read = Rc::new(ReadBack { data, offsets, rejected, boundary, owner, barrier });
        self.read.insert(family, read.clone());
        read
    }
}

/// `lost`, read from the bytes at `p`, with the values its unknown bytes may have had where the
/// reader rejected them.
fn with_rejected(lost: Lost, data: &[i32], p: usize, rejected: &FxHashMap<usize, ByteSet>) -> Lost {
    if *lost.pattern != *slice(data, p, p + lost.pattern.len()) {
        return lost; // a recovered character: its unknown bytes were never read
    }
    if !(p..p + lost.pattern.len()).any(|k| rejected.contains_key(&k)) {
        return lost;
    }
    let allowed: Vec<Option<ByteSet>> = (0..lost.pattern.len()).map(|k| rejected.get(&(p + k)).copied()).collect();
    if allowed.iter().any(|a| a.is_some_and(|values| !values.is_empty())) {
        Lost { allowed, ..lost }
    } else {
        lost
    }
}

fn text_of(tokens: &[Token]) -> Option<String> {
    tokens.iter().map(Token::char).collect()
}

/// Tokens as text; every lost character is one U+FFFD.
pub fn render(tokens: &[Token]) -> String {
    let mut text = String::with_capacity(tokens.len() * 3);
    text.extend(tokens.iter().map(|t| t.char().unwrap_or(REPLACEMENT)));
    text
}

fn context_char(token: Option<&Token>) -> char {
    token.and_then(Token::char).unwrap_or(BOUNDARY)
}

fn is_known_wide(token: &Token) -> bool {
    matches!(token, Token::Char(c) if (*c as u32) >= 0x80 && *c != REPLACEMENT)
}

/// Marks of what a run reads (see `runscan::Run`): a known wide character, a character with one
/// unknown byte, an error at clean text's boundary.
const READ_WIDE: u8 = 1;
const READ_LOST_ONE: u8 = 2;
const TOOK_CLEAN: u8 = 4;

fn read_marks(piece: &Piece) -> u8 {
    match piece {
        Piece::Lost(pattern, _) if pattern.unknown() == 1 => READ_LOST_ONE,
        Piece::Char(c) if (*c as u32) >= 0x80 && *c != REPLACEMENT => READ_WIDE,
        _ => 0,
    }
}

/// The split of a run that scores best (the first of equals), or `fallback` when none is scored.
fn best_split(fallback: (usize, usize), scored: impl Iterator<Item = ((usize, usize), f64)>) -> (usize, usize) {
    let mut best = (fallback, f64::NEG_INFINITY);
    for (split, score) in scored {
        if score > best.1 {
            best = (split, score);
        }
    }
    best.0
}

/// How many decoded tokens end at each byte offset.
fn positions(ends: &[usize]) -> FxHashMap<usize, usize> {
    ends.iter().enumerate().map(|(n, &end)| (end, n + 1)).collect()
}

struct Unwinder<'a> {
    tables: &'a ChainTables,
    codecs: &'a mut dyn Codecs,
    /// The runs of the layer being undone (kept for its buffers).
    scan: RunScan,
}

impl Unwinder<'_> {
    /// How many tokens of a run to keep as they stand, and how many decoded tokens they replace
    /// (one double-byte code page read as another: clean characters before the damage decode
    /// to junk).
    fn clean_head(
        &self,
        run: &[Token],
        decoded: &[Token],
        ends: &[usize],
        run_offsets: &[usize],
        before: char,
    ) -> (usize, usize) {
        let first = run.iter().position(|t| self.tables.suspicious(t)).unwrap_or(0);
        if first == 0 {
            return (0, 0);
        }
        let stop = ends.iter().position(|&end| end >= run_offsets[first + 1]).map_or(decoded.len(), |n| n + 1);
        let position = positions(ends);
        let model = &self.tables.model;
        let junk = |t: &Token| matches!(t, Token::Char(c) if (*c as u32) < 0x80 || !model.knows(*c));
        let scored = (0..=first).filter_map(|k| {
            let m = if k == 0 { 0 } else { *position.get(&run_offsets[k])? };
            if m > stop || (k > 0 && !slice(decoded, 0, m).iter().any(junk)) {
                return None;
            }
            let mut text: Vec<Token> = run[..k].to_vec();
            text.extend_from_slice(slice(decoded, m, stop));
            Some(((k, m), model.score(&text_of(&text)?, before, None)))
        });
        best_split((0, 0), scored)
    }

    /// How many tokens of a run to replace, and how many decoded tokens replace them: a clean
    /// tail after the run's last suspicious token may parse too, decoding to junk.
    fn clean_tail(
        &self,
        run: &[Token],
        decoded: &[Token],
        ends: &[usize],
        run_offsets: &[usize],
        after: char,
    ) -> (usize, usize) {
        let count = decoded.len();
        let damaged: Vec<usize> = (0..run.len()).filter(|&k| self.tables.suspicious(&run[k])).collect();
        if damaged.len() < TAIL_MIN_SUSPECTS || damaged.last() == Some(&(run.len() - 1)) {
            return (run.len(), count);
        }
        let last = *damaged.last().unwrap_or(&0);
        let counted = slice(ends, 0, count);
        let position = positions(counted);
        let begin = counted.iter().filter(|&&end| end <= run_offsets[last]).count();
        let context = slice(decoded, 0, begin).iter().rev().find_map(Token::char).unwrap_or(BOUNDARY);
        let model = &self.tables.model;
        let unknown_wide = |t: &Token| matches!(t, Token::Char(c) if (*c as u32) >= 0x80 && !model.knows(*c));
        let scored = (last + 1..=run.len()).filter_map(|k| {
            let m = if k == run.len() { count } else { *position.get(&run_offsets[k])? };
            if m < begin || (k < run.len() && !slice(decoded, m, decoded.len()).iter().any(unknown_wide)) {
                return None;
            }
            let mut text: Vec<Token> = slice(decoded, begin, m).to_vec();
            text.extend_from_slice(&run[k..]);
            Some(((k, m), model.score(&render(&text), context, Some(after))))
        });
        best_split((run.len(), count), scored)
    }

    /// A run found at `i` may have begun up to `LOOKAHEAD` ordinary-looking characters earlier:
    /// take them in when their bytes decode exactly up to `i` and read better.
    fn extend_back(
        &self,
        writer: Writer,
        tokens: &[Token],
        read: &ReadBack,
        i: usize,
        floor: usize,
        new: &[Token],
    ) -> (usize, Vec<Token>) {
        let (data, offsets) = (&read.data, &read.offsets);
        let model = &self.tables.model;
        let after = context_char(new.first());
        let mut best = (i, Vec::new());
        let lowest = floor.max(i.saturating_sub(LOOKAHEAD));
        for j in (lowest..i).rev() {
            if !matches!(tokens[j], Token::Char(c) if (c as u32) >= 0x80)
                || data[offsets[j]..offsets[i]].contains(&BARRIER)
            {
                break;
            }
            let mut p = offsets[j];
            let mut decoded = Vec::new();
            while p < offsets[i] {
                let Some((piece, next)) = self.tables.parse(writer, data, p) else { break };
                decoded.push(piece.token(writer));
                p = next;
            }
            if p != offsets[i] {
                continue;
            }
            let Some(text) = text_of(&decoded) else { continue };
            let before = if j > 0 { context_char(Some(&tokens[j - 1])) } else { BOUNDARY };
            let here = text_of(&tokens[j..i]).unwrap_or_default();
            if model.score(&text, before, Some(after)) > model.score(&here, before, Some(after)) {
                best = (j, decoded);
            }
        }
        best
    }

    /// Undo one layer (`writer` read as `family`) in every run that parses; None if no run does.
    /// The `outermost` layer keeps a clean tail apart, and tells whether a run took bytes of clean
    /// text as a lost character's.
    fn unwind_layer(
        &mut self,
        line: &mut LineTokens,
        family: Family,
        writer: Writer,
        stop_at_clean: bool,
        outermost: bool,
    ) -> Option<(Vec<Token>, bool)> {
        let read = line.read_back(family, self.tables, self.codecs);
        let starts = line.near_suspect(if writer == Writer::Utf8 && family != Family::Latin { 1 } else { LOOKAHEAD });
        let (tokens, flags) = (&line.tokens, &line.flags);
        let (data, offsets) = (&read.data, &read.offsets);
        let tables = self.tables;
        // A run reads on while the bytes parse, or fail no more often than they parse, beside damage
        // (found for every start at once: `runscan`); where a byte does not parse, a character is
        // recovered from what is left. What it reads at a byte: the character, the byte after it,
        // and for an error whether it took clean text's bytes; None where no run goes on.
        let reader = |p: usize| -> Option<(Piece, usize, Option<bool>)> {
            if data[p] == BARRIER {
                return None;
            }
            let (piece, next, error) = match tables.parse(writer, data, p) {
                Some((piece, next)) => (piece, next, None),
                None => {
                    let k = read.owner[p];
                    let clean = read.boundary[p].is_some() && !flags[k];
                    if !slice(flags, k.saturating_sub(1), k + 2).iter().any(|&f| f) || clean && stop_at_clean {
                        return None;
                    }
                    let (piece, next) = tables.recover(writer, data, p);
                    (piece, next, Some(clean))
                }
            };
            Some((piece, next, error))
        };
        let mut scan = std::mem::take(&mut self.scan);
        scan.reset(read.boundary.iter().map(Option::is_some));
        let mut step = |p: usize| match reader(p) {
            None => Step::Stop,
            Some((piece, next, None)) => Step::Char { next, counts: !piece.is_ascii_char(), marks: read_marks(&piece) },
            Some((piece, next, Some(clean))) => {
                Step::Error { next, marks: read_marks(&piece) | if clean { TOOK_CLEAN } else { 0 } }
            }
        };
        // the line with its runs undone, made once the first one is: before `last_end`
        let mut out: Vec<Token> = Vec::with_capacity(tokens.len());
        let (mut changed, mut took_clean) = (false, false);
        let mut last_end = 0;
        let mut i = 0;
        while i < tokens.len() {
            // (a run that cannot be undone, BARRIER or not, is not read at all where the one other
            // thing it tells, that it took clean text's bytes, is not asked for)
            let asked = outermost && !took_clean;
            if !starts[i] || tokens[i].is_ascii_char() || !asked && !line.holds_known_suspect(i, read.barrier[i]) {
                i += 1;
                continue;
            }
            let run = scan.run(offsets[i], &mut step);
            took_clean |= run.marks & TOOK_CLEAN != 0;
            let best = run.last.and_then(|(p, count)| read.boundary[p].map(|end| (end, count)));
            let best =
                best.filter(|&(end, count)| line.may_undo(family, writer, i, end, scan.marks(offsets[i], count)));
            if let Some((end, count)) = best {
                let (decoded, ends): (Vec<Token>, Vec<usize>) = scan
                    .steps(offsets[i], count)
                    .map(|(p, next)| {
                        let token = match reader(p).expect("a run reads on from its bytes").0 {
                            Piece::Lost(pattern, alternative) if !read.rejected.is_empty() => {
                                let lost = Piece::lost(pattern, alternative, writer);
                                Token::Lost(Arc::new(with_rejected(lost, data, p, &read.rejected)))
                            }
                            piece => piece.token(writer),
                        };
                        (token, next)
                    })
                    .unzip();
                let run = &tokens[i..end];
                let (mut kept, mut skipped) = (0, 0);
                let (mut replaced, mut used) = (run.len(), count);
                if writer != Writer::Utf8 && family != Family::Latin {
                    let run_offsets = &offsets[i..=end];
                    let before = if i > 0 { context_char(Some(&tokens[i - 1])) } else { BOUNDARY };
                    (kept, skipped) = self.clean_head(run, &decoded, &ends, run_offsets, before);
                    if outermost {
                        let after = context_char(tokens.get(end));
                        (replaced, used) = self.clean_tail(run, &decoded, &ends, run_offsets, after);
                        if replaced <= kept || used <= skipped {
                            (replaced, used) = (run.len(), count); // the tail kept would overlap the head kept
                        }
                    }
                }
                let mut new: Vec<Token> = run[..kept].to_vec();
                new.extend(drop_stray_ascii(slice(&decoded, skipped, used), writer));
                new.extend_from_slice(&run[replaced..]);
                let known: Vec<&Token> = slice(run, kept, replaced).iter().filter(|t| is_known_wide(t)).collect();
                let mut readable = known.len() >= 2 && new.iter().any(is_known_wide);
                if !readable && !known.is_empty() && family == Family::Gbk {
                    // One known character is enough beside an unknown one when it makes a
                    // character with one byte unknown between characters that are not damage.
                    let around = slice(tokens, i.saturating_sub(1), i).iter().chain(slice(tokens, end, end + 1));
                    readable = new.iter().any(|t| matches!(t, Token::Lost(lost) if lost.unknown() == 1))
                        && !around.into_iter().any(|t| self.tables.suspicious(t));
                }
                if readable && known.iter().any(|t| self.tables.suspicious(t)) && new.as_slice() != run {
                    let (start, head) = self.extend_back(writer, tokens, &read, i, last_end, &new);
                    out.extend_from_slice(&tokens[last_end..start]);
                    out.extend(head);
                    out.extend(new);
                    i = end;
                    last_end = end;
                    changed = true;
                    continue;
                }
            }
            i += 1;
        }
        self.scan = scan;
        if !changed {
            return None;
        }
        out.extend_from_slice(&tokens[last_end..]);
        Some((out, took_clean))
    }
}

/// Drop a letter or digit standing alone between lost characters: a stray byte of their damage
/// (an outer layer's four-byte GB18030 character, 84 31 A4 37, read as GBK leaves `�1�7`). Not
/// after a UTF-8 character whose first bytes are known: its last bytes were lost, and the ASCII
/// byte read next is text, as UTF-8 holds ASCII bytes in no character (12鏈�3鏃� is 12月3日).
fn drop_stray_ascii(tokens: &[Token], writer: Writer) -> Vec<Token> {
    let lost = |k: usize| matches!(tokens[k], Token::Lost(_));
    let cut_short = |k: usize| {
        writer == Writer::Utf8
            && matches!(&tokens[k], Token::Lost(lost) if lost.pattern.first().is_some_and(|&b| b != UNK))
    };
    tokens
        .iter()
        .enumerate()
        .filter(|&(i, t)| {
            !(matches!(t, Token::Char(c) if c.is_ascii_alphanumeric())
                && 0 < i
                && i + 1 < tokens.len()
                && lost(i - 1)
                && lost(i + 1)
                && !cut_short(i - 1))
        })
        .map(|(_, t)| t.clone())
        .collect()
}

/// Every pair of U+FFFD the innermost UTF-8 text held made one: one lost character is one U+FFFD.
fn one_per_lost_character(tokens: &[Token]) -> Vec<Token> {
    let mut out = Vec::with_capacity(tokens.len());
    let mut pending = false;
    for token in tokens {
        if *token == Token::Char(REPLACEMENT) {
            if pending {
                pending = false;
                continue;
            }
            pending = true;
        } else {
            pending = false;
        }
        out.push(token.clone());
    }
    out
}

/// One layer of a chain: who wrote the text and which reader family read it.
pub type Layer = (Writer, Family);

/// The page's search budget as the chains spend it: units, and characters read back into bytes
/// a unit.
pub type Budget = (f64, f64);

/// Every way of undoing one to four layers that the byte structure allows, outermost first;
/// each layer undone and each reading found (rendered and scored by the caller) is charged to
/// the page's budget (`spent` of its units), and no layer is tried once it is exhausted.
pub fn chain_candidates(
    tables: &ChainTables,
    codecs: &mut dyn Codecs,
    tokens: Vec<Token>,
    spent: &mut f64,
    budget: Budget,
) -> Vec<(Vec<Token>, Vec<Layer>)> {
    let mut found = Vec::new();
    let mut unwinder = Unwinder { tables, codecs, scan: RunScan::default() };
    walk(&mut unwinder, tokens, Vec::new(), spent, budget, &mut found);
    found
}

fn walk(
    unwinder: &mut Unwinder<'_>,
    current: Vec<Token>,
    chain: Vec<Layer>,
    spent: &mut f64,
    budget: Budget,
    found: &mut Vec<(Vec<Token>, Vec<Layer>)>,
) {
    let length = current.len() as f64;
    let holds_euro = current.contains(&Token::Char('\u{20ac}'));
    let mut line = LineTokens::new(current, unwinder.tables);
    for family in FAMILIES {
        // GB18030 reads the rest as GBK does: text holding € is read both ways.
        if family == Family::Gb18030 && !holds_euro {
            continue;
        }
        for &writer in family.writers() {
            let (units, tokens_per_unit) = budget;
            if *spent > units {
                return;
            }
            *spent += length / tokens_per_unit;
            // The outermost layer only keeps a clean tail apart: under further layers a tail kept
            // apart let a deeper chain rewrite the rest of the line.
            let Some((new, took_clean)) = unwinder.unwind_layer(&mut line, family, writer, false, chain.is_empty())
            else {
                continue;
            };
            let mut step = chain.clone();
            step.push((writer, family));
            let mut readings = vec![new.clone()];
            if took_clean && chain.is_empty() {
                // The bytes taken as a lost character may be the clean text after the run.
                *spent += length / tokens_per_unit;
                if let Some((short, _)) = unwinder.unwind_layer(&mut line, family, writer, true, false) {
                    if short != new {
                        readings.push(short);
                    }
                }
            }
            for reading in readings {
                // U+FFFD in a UTF-8 layer is a lost byte of the layer below it when another layer
                // is undone, and what the text itself held when not.
                let reading = if writer == Writer::Utf8 { one_per_lost_character(&reading) } else { reading };
                *spent += reading.len() as f64 / tokens_per_unit;
                found.push((reading, step.clone()));
            }
            if writer == Writer::Utf8 && step.len() < MAX_LAYERS && new.iter().any(|t| unwinder.tables.suspicious(t)) {
                walk(unwinder, new, step, spent, budget, found);
            }
        }
    }
}

/// `data` read as `writer` (a double-byte code page) to the end: the tokens, or None and the
/// byte where they do not parse. A character both of whose bytes were rejected becomes a `Lost`
/// of `rejected_by`.
pub fn read_legacy(
    tables: &ChainTables,
    data: &[i32],
    writer: Writer,
    rejected_by: &'static str,
) -> Result<Vec<Token>, usize> {
    let mut tokens = Vec::new();
    let mut p = 0;
    while p < data.len() {
        let Some((token, next)) = tables.parse(writer, data, p) else { return Err(p) };
        let token = match token {
            Piece::Lost(pattern, _) if *pattern == [UNK, UNK] => {
                Token::Lost(Arc::new(Lost::new(&[UNK, UNK], rejected_by)))
            }
            piece => piece.token(writer),
        };
        tokens.push(token);
        p = next;
    }
    Ok(tokens)
}

/// A character may have lost this many of its continuation bytes to a code page that drops
/// them (at one, Latin-1 with its C1 controls dropped read back 0 of 40 generated lines, CER
/// 179%; at two, 48%).
pub const MAX_DROPPED: usize = 2;

/// `data`, UTF-8 bytes a code page read, with the bytes it drops (`dropped`) put back as unknowns
/// where a character is short of continuation bytes (see `textfix.repair.dropped`): each such
/// character a `Lost` whose dropped bytes may have been in any place after its lead. None where
/// the bytes do not parse or a character lost more than `MAX_DROPPED` bytes.
pub fn read_dropped(data: &[u8], dropped: ByteSet) -> Option<Vec<Token>> {
    let mut tokens = Vec::with_capacity(data.len());
    let mut p = 0;
    while p < data.len() {
        let lead = data[p];
        if lead < 0x80 {
            tokens.push(Token::Char(char::from(lead)));
            p += 1;
            continue;
        }
        let length = utf8_length(lead as i32);
        if length == 0 {
            return None;
        }
        let mut q = p + 1;
        while q < data.len() && q - p < length && (0x80..=0xBF).contains(&data[q]) {
            q += 1;
        }
        let kept = &data[p + 1..q];
        let missing = length - 1 - kept.len();
        if missing == 0 {
            tokens.push(Token::Char(std::str::from_utf8(&data[p..q]).ok()?.chars().next()?));
        } else if missing > MAX_DROPPED {
            return None;
        } else {
            tokens.push(Token::Lost(Arc::new(dropped_lost(lead, kept, length, dropped))));
        }
        p = q;
    }
    Some(tokens)
}

/// A character of `length` bytes that kept `lead` and the continuation bytes `kept`: each way
/// of placing the dropped bytes among them is a pattern, the last the lost character's and the
/// others its alternatives (in the order of `itertools.combinations`).
fn dropped_lost(lead: u8, kept: &[u8], length: usize, dropped: ByteSet) -> Lost {
    let missing = length - 1 - kept.len();
    let mut places: Vec<Vec<usize>> = Vec::new();
    for first in 1..length {
        if missing == 1 {
            places.push(vec![first]);
        } else {
            places.extend((first + 1..length).map(|second| vec![first, second]));
        }
    }
    let mut patterns: Vec<Vec<i32>> =
        places
            .iter()
            .map(|unknown| {
                let mut rest = kept.iter();
                std::iter::once(lead as i32)
                    .chain((1..length).map(|i| {
                        if unknown.contains(&i) {
                            UNK
                        } else {
                            rest.next().map_or(UNK, |&b| b as i32)
                        }
                    }))
                    .collect()
            })
            .collect();
    let pattern = patterns.pop().unwrap_or_default();
    Lost {
        pattern: Pattern::new(&pattern),
        writer: Writer::Utf8.name(),
        allowed: Vec::new(),
        alternatives: patterns,
        lost_values: Some(dropped),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::frameshift::Writer as DbcsWriter;
    use std::sync::Arc;

    /// Latin-1 as the only reader the tests know.
    struct Latin1;

    impl Codecs for Latin1 {
        fn reader_bytes(&mut self, c: char, family: Family) -> Option<CharBytes> {
            (family == Family::Latin && (c as u32) < 0x100).then(|| crate::codecs::standard_bytes(c, family)).flatten()
        }

        fn rejected_bytes(&mut self, _family: Family, _following: u8) -> ByteSet {
            ByteSet::default()
        }
    }

    #[test]
    fn a_dropped_byte_may_have_been_in_any_place_after_the_lead() {
        let mut dropped = ByteSet::default();
        dropped.insert(0xAD);
        // 中 (E4 B8 AD) lost its AD, then an ASCII letter
        let tokens = read_dropped(&[0xE4, 0xB8, b'x'], dropped).unwrap();
        let Token::Lost(lost) = &tokens[0] else { panic!("a lost character first") };
        assert_eq!(*lost.pattern, [0xE4, 0xB8, UNK]);
        assert_eq!(lost.alternatives, vec![vec![0xE4, UNK, 0xB8]]);
        assert_eq!(lost.lost_values, Some(dropped));
        assert_eq!(tokens[1], Token::Char('x'));
        // two lost bytes: the three places they may have been, the last the pattern's
        let four = read_dropped(&[0xF0, 0x9F], dropped);
        let Some([Token::Lost(two)]) = four.as_deref() else { panic!("one lost character") };
        assert_eq!(two.alternatives.len(), 2);
        assert_eq!(read_dropped(&[0xF0, 0x80, 0x80, 0x80], dropped), None); // no character
        assert_eq!(read_dropped(&[0xFF], dropped), None);
        assert_eq!(read_dropped("中".as_bytes(), dropped), Some(vec![Token::Char('中')]));
    }

    fn tables() -> ChainTables {
        let vocab: Vec<char> = "中国人".chars().collect();
        let model =
            Arc::new(CharModel::new(vocab, &[3, 2, 1], &[1, 5], &[2, 1], String::new(), String::new(), String::new()));
        let gbk = Arc::new(DbcsTables::new(DbcsWriter::Gbk, &[(0xD6D0, '中')], &model));
        let big5 = Arc::new(DbcsTables::new(DbcsWriter::Big5, &[(0xA4A4, '中')], &model));
        ChainTables {
            model,
            gbk,
            big5,
            suspects: "äæ¸\u{fffd}".chars().collect(),
            residues: [vec![], vec![REPLACEMENT], vec![REPLACEMENT]],
        }
    }

    #[test]
    fn utf8_read_as_latin1_is_undone() {
        let tables = tables();
        let tokens = "国ä¸\u{ad}人".chars().map(Token::Char).collect();
        let mut spent = 0.0;
        let found = chain_candidates(&tables, &mut Latin1, tokens, &mut spent, (1e9, 2.0));
        let readings: Vec<String> = found.iter().map(|(t, _)| render(t)).collect();
        assert!(readings.contains(&"国中人".to_string()), "{readings:?}");
        assert_eq!(found[0].1, vec![(Writer::Utf8, Family::Latin)]);
        assert!(spent >= 2.5);
    }

    #[test]
    fn an_exhausted_budget_tries_nothing() {
        let tables = tables();
        let mut spent = 10.0;
        let tokens = "ä¸\u{ad}".chars().map(Token::Char).collect();
        assert!(chain_candidates(&tables, &mut Latin1, tokens, &mut spent, (5.0, 2.0)).is_empty());
    }

    #[test]
    fn a_utf8_character_cut_short_is_lost_with_its_known_bytes() {
        let tables = tables();
        let (token, next) = tables.parse(Writer::Utf8, &[0xE4, UNK, 0xAD], 0).expect("parses");
        assert_eq!(next, 3);
        assert!(matches!(token, Piece::Lost(pattern, None) if *pattern == [0xE4, UNK, 0xAD] && pattern.unknown() == 1));
        assert!(tables.parse(Writer::Utf8, &[0xE4, 0x41, 0xAD], 0).is_none());
        assert_eq!(utf8_length(0xE4), 3);
        assert_eq!(utf8_length(0x80), 0);
    }

    #[test]
    fn legacy_bytes_read_to_the_end_or_fail_where_they_stop() {
        let tables = tables();
        let read = read_legacy(&tables, &[0x41, 0xD6, 0xD0], Writer::Gbk, "gbk~utf-8").expect("reads");
        assert_eq!(render(&read), "A中");
        assert_eq!(read_legacy(&tables, &[0x41, 0xD6, 0xD1], Writer::Gbk, "gbk~utf-8"), Err(1));
        let lost = read_legacy(&tables, &[UNK, UNK], Writer::Gbk, "gbk~utf-8").expect("reads");
        assert!(matches!(&lost[0], Token::Lost(l) if l.writer == "gbk~utf-8"));
    }

    #[test]
    fn lost_characters_match_the_bytes_that_survived() {
        let known =
            KnownEncoded::new(vec![(vec![0xE4, 0xB8, 0xAD], '中'), (vec![0xE4, 0xB8, 0x8A], '上'), (vec![0x41], 'A')]);
        assert_eq!(known.matching(&[0xE4, 0xB8, UNK], &[]), vec!['中', '上']);
        let mut only = ByteSet::default();
        only.insert(0x8A);
        assert_eq!(known.matching(&[0xE4, 0xB8, UNK], &[None, None, Some(only)]), vec!['上']);
        assert_eq!(known.matching(&[UNK, UNK, UNK], &[]), vec!['中', '上']);
        assert!(known.matching(&[0xE5, UNK, UNK], &[]).is_empty());
    }

    #[test]
    fn ascii_between_lost_characters_is_dropped_unless_a_utf8_character_was_cut_short() {
        let lost = |pattern: Vec<i32>| Token::Lost(Arc::new(Lost::new(&pattern, "utf-8")));
        // 月3日 with the last byte of 月 and of 日 lost: the 3 is text
        let cut = vec![lost(vec![0xE6, 0x9C, UNK]), Token::Char('3'), lost(vec![0xE6, 0x97, UNK])];
        assert_eq!(render(&drop_stray_ascii(&cut, Writer::Utf8)), "\u{fffd}3\u{fffd}");
        // �1�7, a four-byte GB18030 character read as GBK: the digits are what is left of it
        let residue = vec![lost(vec![UNK]), Token::Char('1'), lost(vec![UNK]), Token::Char('7')];
        assert_eq!(render(&drop_stray_ascii(&residue, Writer::Utf8)), "\u{fffd}\u{fffd}7");
        assert_eq!(render(&drop_stray_ascii(&cut, Writer::Gbk)), "\u{fffd}\u{fffd}");
    }

    #[test]
    fn byte_sets_hold_what_was_put_in() {
        let mut set = ByteSet::default();
        assert!(set.is_empty());
        set.insert(0x81);
        set.insert(0xFF);
        assert_eq!(set.bytes().collect::<Vec<_>>(), vec![0x81, 0xFF]);
    }
}
