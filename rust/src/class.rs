//! Unicode character classes over every plane, from regular-expression class contents.
//!
//! The step modules test single characters against classes such as `\p{Han}` or `\p{L}` at a
//! character's neighbours; a class is a bitset over the Basic Multilingual Plane and a sorted list of
//! ranges above it, read off the `regex` crate's own Unicode tables.

use regex_syntax::hir::{Class as HirClass, HirKind};

#[derive(Clone, Debug)]
pub struct Class {
    bmp: Vec<u64>,
    astral: Vec<(u32, u32)>,
}

impl Class {
    /// The class `[class]` (its contents as in a regular expression: `\p{Han}\u3000-\u303f`).
    pub fn new(class: &str) -> Result<Class, String> {
        let hir = regex_syntax::Parser::new().parse(&format!("[{class}]")).map_err(|e| e.to_string())?;
        let HirKind::Class(HirClass::Unicode(ranges)) = hir.kind() else {
            return Err(format!("[{class}] is not a character class"));
        };
        let mut set = Class { bmp: vec![0; 1024], astral: Vec::new() };
        for range in ranges.iter() {
            let (start, end) = (range.start() as u32, range.end() as u32);
            for code in start..=end.min(0xFFFF) {
                set.bmp[code as usize >> 6] |= 1 << (code & 63);
            }
            if end > 0xFFFF {
                set.astral.push((start.max(0x10000), end));
            }
        }
        Ok(set)
    }

    /// A class whose contents are fixed in the source: a bad one is a programming error.
    pub fn fixed(class: &str) -> Class {
        Class::new(class).unwrap_or_else(|e| panic!("bad class {class:?}: {e}"))
    }

    pub fn contains(&self, c: char) -> bool {
        let code = c as u32;
        if code < 0x10000 {
            return self.bmp[code as usize >> 6] & (1 << (code & 63)) != 0;
        }
        let after = self.astral.partition_point(|&(start, _)| start <= code);
        after > 0 && code <= self.astral[after - 1].1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_cover_every_plane() {
        let han = Class::fixed(r"\p{Han}");
        assert!(han.contains('中') && han.contains('\u{20000}') && han.contains('々'));
        assert!(!han.contains('a') && !han.contains('、') && !han.contains('\u{1F600}'));
        let mixed = Class::fixed(r"\u3000-\u303f“”");
        assert!(mixed.contains('\u{3000}') && mixed.contains('”') && !mixed.contains('\u{3040}'));
        assert!(Class::new("a-").is_ok() && Class::new(r"\p{NoSuchScript}").is_err());
    }
}
