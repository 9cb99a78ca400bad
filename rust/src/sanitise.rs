//! Input hygiene (see `textfix.sanitise`): line breaks unified to `\n`, lone surrogates replaced
//! with U+FFFD, C0 controls but tab and line feed dropped.

/// What `sanitise` did: the text and how many characters of each kind it changed.
#[derive(Debug, PartialEq, Eq)]
pub struct Sanitised {
    pub text: String,
    /// CR, CRLF, VT, FF, U+2028 and U+2029 replaced by `\n` (a CRLF counts once).
    pub line_breaks: usize,
    pub surrogates: usize,
    pub controls: usize,
    /// The length in characters once line breaks were unified, before the controls were dropped.
    pub chars: usize,
}

fn is_control(c: char) -> bool {
    matches!(c, '\x00'..='\x08' | '\x0e'..='\x1f' | '\x7f')
}

/// Whether the UTF-8 `bytes` hold anything `sanitise` changes (a byte scan, no decoding).
fn needs_work(bytes: &[u8]) -> bool {
    // Chunks without an early exit inside: the compiler turns the test into vector instructions.
    let control = |b: u8| (b < 0x20 && b != b'\t' && b != b'\n') || b == 0x7f;
    bytes.chunks(64).any(|chunk| chunk.iter().fold(false, |found, &b| found | control(b)))
        || memchr::memmem::find(bytes, "\u{2028}".as_bytes()).is_some()
        || memchr::memmem::find(bytes, "\u{2029}".as_bytes()).is_some()
}

/// Text as Python encodes it with `surrogatepass` (a lone surrogate as its three-byte form, which
/// UTF-8 forbids) as a string with each surrogate replaced by U+FFFD, and how many there were.
pub fn replace_surrogates(bytes: &[u8]) -> Result<(String, usize), std::string::FromUtf8Error> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut count = 0;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == 0xED && bytes.get(i + 1).is_some_and(|&b| b >= 0xA0) && i + 2 < bytes.len() {
            out.extend_from_slice("\u{fffd}".as_bytes());
            count += 1;
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map(|text| (text, count))
}

/// Unify line breaks and drop C0 controls; None when `text` holds neither (nor `surrogates`, the
/// lone surrogates `replace_surrogates` already replaced in it).
pub fn sanitise(text: &str, surrogates: usize) -> Option<Sanitised> {
    if surrogates == 0 && !needs_work(text.as_bytes()) {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let (mut line_breaks, mut controls, mut chars) = (0, 0, 0);
    let mut iter = text.chars().peekable();
    while let Some(c) = iter.next() {
        chars += 1;
        match c {
            '\r' => {
                iter.next_if_eq(&'\n');
                line_breaks += 1;
                out.push('\n');
            }
            '\u{2028}' | '\u{2029}' | '\x0b' | '\x0c' => {
                line_breaks += 1;
                out.push('\n');
            }
            c if is_control(c) => controls += 1,
            c => out.push(c),
        }
    }
    Some(Sanitised { text: out, line_breaks, surrogates, controls, chars })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_breaks_and_controls() {
        assert_eq!(sanitise("中文\n第二行\tx", 0), None);
        let done = sanitise("a\r\nb\rc\u{2028}d\x0ce\x00\x07f\x7f", 0).unwrap();
        assert_eq!(done.text, "a\nb\nc\nd\nef");
        assert_eq!((done.line_breaks, done.surrogates, done.controls, done.chars), (4, 0, 3, 13));
    }

    #[test]
    fn surrogates_become_replacement_characters() {
        // "a", U+D800, "中", U+DFFF as Python's surrogatepass writes them
        let bytes = [b'a', 0xED, 0xA0, 0x80, 0xE4, 0xB8, 0xAD, 0xED, 0xBF, 0xBF];
        let (text, count) = replace_surrogates(&bytes).unwrap();
        assert_eq!((text.as_str(), count), ("a\u{fffd}中\u{fffd}", 2));
        let done = sanitise(&text, count).unwrap();
        assert_eq!((done.text.as_str(), done.surrogates, done.chars), ("a\u{fffd}中\u{fffd}", 2, 4));
    }
}
