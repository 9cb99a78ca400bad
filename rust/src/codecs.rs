//! The legacy codecs the chains read text back into bytes with: `encoding_rs`, corrected where
//! the codecs the mojibake was made with differ from it.
//!
//! The engine is tuned on mojibake made by Python's codecs (`sloppy-gbk`, `gb18030`, `cp950`,
//! `big5hkscs`, `latin-1`, `sloppy-cp1252`, the ones `corpora/build_codecs.py` names),
//! which are what Windows and most legacy software use. `encoding_rs` implements the WHATWG
//! encodings instead: its Big5 is HKSCS-based where Windows' code page 950 is not, its GBK and
//! GB18030 follow GB18030-2022 on some twenty code points, and its decoders accept bytes the
//! strict ones reject (0x80 is the euro sign in its GBK). `data/codecs.txt`, written by
//! `corpora/build_codecs.py` from Python's codecs and held to them by the tests, lists those
//! differences: the characters a family reads otherwise, and the bytes its decoders reject.

use std::cell::RefCell;
use std::ops::Deref;
use std::sync::OnceLock;

use encoding_rs::{EncoderResult, Encoding, BIG5, GB18030, GBK, WINDOWS_1252};
use rustc_hash::FxHashMap;

use crate::chains::{ByteSet, Family};

const DIFFERENCES: &str = include_str!("../data/codecs.txt");

/// The WHATWG encodings a family reads with, in the order it tries them (Latin-1 is `Latin`'s
/// first and is not one: any character below U+0100 is its own byte).
fn encodings(family: Family) -> [Option<&'static Encoding>; 2] {
    match family {
        Family::Gbk => [Some(GBK), Some(GB18030)],
        Family::Gb18030 => [Some(GB18030), Some(GBK)],
        Family::Big5 => [Some(BIG5), None],
        Family::Latin => [Some(WINDOWS_1252), None],
    }
}

/// The one to four bytes of one character.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CharBytes {
    len: u8,
    bytes: [u8; 4],
}

impl CharBytes {
    fn new(data: &[u8]) -> CharBytes {
        let mut bytes = [0u8; 4];
        bytes[..data.len()].copy_from_slice(data);
        CharBytes { len: data.len() as u8, bytes }
    }
}

impl Deref for CharBytes {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        &self.bytes[..self.len as usize]
    }
}

/// The bytes `encoding` writes `c` as, if it can.
fn encode(encoding: &'static Encoding, c: char) -> Option<CharBytes> {
    let mut buffer = [0u8; 4];
    let mut out = [0u8; 8];
    let mut encoder = encoding.new_encoder();
    let (result, _, written) = encoder.encode_from_utf8_without_replacement(c.encode_utf8(&mut buffer), &mut out, true);
    (matches!(result, EncoderResult::InputEmpty) && written <= 4).then(|| CharBytes::new(&out[..written]))
}

/// The bytes `c` was decoded from when read by `family`, as `encoding_rs` has them (before the
/// corrections of `data/codecs.txt`).
pub fn standard_bytes(c: char, family: Family) -> Option<CharBytes> {
    if c.is_ascii() || family == Family::Latin && (c as u32) < 0x100 {
        return Some(CharBytes::new(&[c as u32 as u8]));
    }
    encodings(family).into_iter().flatten().find_map(|encoding| encode(encoding, c))
}

/// The corrections to `encoding_rs`, parsed once.
struct Differences {
    readers: FxHashMap<(Family, char), Option<CharBytes>>,
    rejected: [[ByteSet; 256]; 4],
}

fn family_named(name: &str) -> Family {
    Family::named(name).unwrap_or_else(|| panic!("codecs.txt: no family {name:?}"))
}

/// Byte values written as hex ranges: `80,a1-a7,fe-ff`.
fn byte_ranges(text: &str) -> ByteSet {
    let mut set = ByteSet::default();
    for part in text.split(',').filter(|p| !p.is_empty() && *p != "-") {
        let (low, high) = part.split_once('-').unwrap_or((part, part));
        let value = |hex: &str| u8::from_str_radix(hex, 16).unwrap_or_else(|_| panic!("codecs.txt: bad byte {hex:?}"));
        for byte in value(low)..=value(high) {
            set.insert(byte);
        }
    }
    set
}

fn differences() -> &'static Differences {
    static PARSED: OnceLock<Differences> = OnceLock::new();
    PARSED.get_or_init(|| {
        let mut parsed = Differences { readers: FxHashMap::default(), rejected: [[ByteSet::default(); 256]; 4] };
        for line in DIFFERENCES.lines().filter(|l| !l.is_empty() && !l.starts_with('#')) {
            let fields: Vec<&str> = line.split(' ').collect();
            match fields[..] {
                ["reader", family, code, bytes] => {
                    let c = u32::from_str_radix(code, 16)
                        .ok()
                        .and_then(char::from_u32)
                        .expect("codecs.txt: bad code point");
                    let bytes = (bytes != "-").then(|| {
                        let data: Vec<u8> = (0..bytes.len())
                            .step_by(2)
                            .map(|i| u8::from_str_radix(&bytes[i..i + 2], 16).expect("codecs.txt: bad hex"))
                            .collect();
                        CharBytes::new(&data)
                    });
                    parsed.readers.insert((family_named(family), c), bytes);
                }
                ["rejected", family, following, values] => {
                    let values = byte_ranges(values);
                    for byte in byte_ranges(following).bytes() {
                        parsed.rejected[family_named(family) as usize][byte as usize] = values;
                    }
                }
                _ => panic!("codecs.txt: cannot read {line:?}"),
            }
        }
        parsed
    })
}

/// The bytes `c` was decoded from when read by `family`; None if it cannot have been.
/// (Remembered per thread: the chains ask for the same characters line after line.)
pub fn reader_bytes(c: char, family: Family) -> Option<CharBytes> {
    thread_local! {
        static READ: RefCell<FxHashMap<(Family, char), Option<CharBytes>>> = RefCell::default();
    }
    READ.with_borrow_mut(|read| {
        *read.entry((family, c)).or_insert_with(|| match differences().readers.get(&(family, c)) {
            Some(corrected) => *corrected,
            None => standard_bytes(c, family),
        })
    })
}

/// The characters `family` reads from two bytes that end in `trail` (`reader_bytes` of each is
/// such a pair): those its encodings decode such a pair to, and those `data/codecs.txt` reads
/// otherwise, kept where their bytes are such a pair. (An encoding decodes the bytes it encodes
/// a character to back to that character, so no other character can have such bytes.)
pub fn read_with_trail(family: Family, trail: u8) -> Vec<char> {
    let decoded = encodings(family).into_iter().flatten().flat_map(|encoding| {
        (0x81..=0xFEu8).filter_map(move |lead| {
            let pair = [lead, trail];
            let (text, malformed) = encoding.decode_without_bom_handling(&pair);
            let mut chars = text.chars();
            match (malformed, chars.next(), chars.next()) {
                (false, Some(c), None) => Some(c),
                _ => None,
            }
        })
    });
    let corrected = differences().readers.keys().filter(|(of, _)| *of == family).map(|&(_, c)| c);
    let mut found: Vec<char> = decoded
        .chain(corrected)
        .filter(|&c| reader_bytes(c, family).is_some_and(|b| b.len() == 2 && b[1] == trail))
        .collect();
    found.sort_unstable();
    found.dedup();
    found
}

/// The bytes a strict decoder of `family` replaces with one U+FFFD when `following` comes next.
pub fn rejected_bytes(family: Family, following: u8) -> ByteSet {
    differences().rejected[family as usize][following as usize]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_characters_read_with_a_trail_byte_are_every_one_whose_bytes_end_in_it() {
        for family in [Family::Big5, Family::Gbk] {
            for trail in [b'|', b'_', 0xA1] {
                // (planes 0 to 2 hold every character Big5 and GBK write)
                let every = (0..0x30000u32)
                    .filter_map(char::from_u32)
                    .filter(|&c| reader_bytes(c, family).is_some_and(|b| b.len() == 2 && b[1] == trail));
                assert_eq!(read_with_trail(family, trail), every.collect::<Vec<char>>(), "{family:?} {trail:#x}");
            }
        }
        assert!(read_with_trail(Family::Big5, b'|').contains(&'四'));
    }

    #[test]
    fn families_read_their_characters_back() {
        assert_eq!(reader_bytes('中', Family::Gbk).as_deref(), Some(&[0xD6, 0xD0][..]));
        assert_eq!(reader_bytes('中', Family::Big5).as_deref(), Some(&[0xA4, 0xA4][..]));
        assert_eq!(reader_bytes('é', Family::Latin).as_deref(), Some(&[0xE9][..]));
        assert_eq!(reader_bytes('€', Family::Latin).as_deref(), Some(&[0x80][..]));
        assert_eq!(reader_bytes('\u{81}', Family::Latin).as_deref(), Some(&[0x81][..]));
        assert_eq!(reader_bytes('a', Family::Big5).as_deref(), Some(&[b'a'][..]));
        assert_eq!(reader_bytes('€', Family::Gbk).as_deref(), Some(&[0x80][..]));
        assert_eq!(reader_bytes('€', Family::Gb18030).as_deref(), Some(&[0xA2, 0xE3][..]));
        assert_eq!(reader_bytes('😀', Family::Gbk).as_deref(), Some(&[0x94, 0x39, 0xFC, 0x36][..]));
        assert_eq!(reader_bytes('😀', Family::Big5), None);
    }

    #[test]
    fn where_windows_differs_from_whatwg_windows_wins() {
        // Code page 950 has ¢ at A2 46, which WHATWG's Big5 encoder leaves to HKSCS' 0xC6 row
        assert_eq!(standard_bytes('\u{a2}', Family::Big5), None);
        assert_eq!(reader_bytes('\u{a2}', Family::Big5).as_deref(), Some(&[0xA2, 0x46][..]));
        // Python's GB18030 is the 2005 edition: ḿ is four bytes there, A8 BC in 2022's
        assert_eq!(standard_bytes('\u{1e3f}', Family::Gb18030).as_deref(), Some(&[0xA8, 0xBC][..]));
        assert_eq!(reader_bytes('\u{1e3f}', Family::Gb18030).as_deref(), Some(&[0x81, 0x35, 0xF4, 0x37][..]));
    }

    #[test]
    fn strict_decoders_reject_what_whatwg_accepts() {
        assert!(rejected_bytes(Family::Gbk, b'a').contains(0x80));
        assert!(!rejected_bytes(Family::Gbk, b'a').contains(0xD6));
        assert!(rejected_bytes(Family::Gbk, b'0').contains(0xD6)); // below 0x40: no trail byte
        let latin: Vec<u8> = rejected_bytes(Family::Latin, b'a').bytes().collect();
        assert_eq!(latin, vec![0x81, 0x8D, 0x8F, 0x90, 0x9D]);
    }
}
