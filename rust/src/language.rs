//! Whether a page is Chinese (`textfix.language`): the steps after repair are for Chinese text,
//! and a crawl also holds Russian, Japanese and Korean pages, which must come back as they were.
//!
//! A page is Chinese when Han characters are a fair share of its letters (an ASCII character
//! counts a quarter: a Chinese character carries about as much as a short word) and kana and
//! Hangul are rare beside them (Japanese and Korean text mixes in Han characters too).

/// Han characters must be at least this share of the weighed characters...
const MIN_HAN_SHARE: f64 = 0.25;
const ASCII_WEIGHT: f64 = 0.25;
/// ...and kana and Hangul together at most this share of them, or this many (a Chinese page
/// may quote a Japanese or Korean name; a Japanese or Korean text of a line or more has more).
const MAX_KANA_HANGUL: f64 = 0.2;
const MAX_KANA_HANGUL_COUNT: f64 = 12.0;

const KANA_HANGUL: &[(char, char)] =
    &[('\u{3040}', '\u{30ff}'), ('\u{3130}', '\u{318f}'), ('\u{31f0}', '\u{31ff}'), ('\u{ac00}', '\u{d7af}')];
/// The letters of other scripts written in two UTF-8 bytes: Latin with diacritics, Greek,
/// Cyrillic, Armenian, Hebrew, Arabic.
const OTHER_TWO_BYTE_LETTERS: &[(char, char)] = &[
    ('\u{c0}', '\u{d6}'),
    ('\u{d8}', '\u{f6}'),
    ('\u{f8}', '\u{24f}'),
    ('\u{370}', '\u{3ff}'),
    ('\u{400}', '\u{52f}'),
    ('\u{531}', '\u{587}'),
    ('\u{5d0}', '\u{5ea}'),
    ('\u{620}', '\u{6ff}'),
];
/// The letters of other scripts written in three: the Indic scripts, Thai, Lao, Georgian, Khmer,
/// Latin and Greek extended.
const OTHER_THREE_BYTE_LETTERS: &[(char, char)] = &[
    ('\u{900}', '\u{dff}'),
    ('\u{e01}', '\u{eff}'),
    ('\u{10a0}', '\u{10ff}'),
    ('\u{1780}', '\u{17ff}'),
    ('\u{1e00}', '\u{1fff}'),
];

fn within(c: char, ranges: &[(char, char)]) -> bool {
    ranges.iter().any(|&(low, high)| (low..=high).contains(&c))
}

/// Whether `text` is Chinese (Simplified or Traditional), possibly quoting other languages.
/// `surrogate` says which characters stand for lone surrogates (three UTF-8 bytes, as Python
/// writes them with `surrogatepass`).
///
/// The characters of three UTF-8 bytes are the Han ones, CJK and general punctuation, kana,
/// Hangul and a few scripts; those past the Basic Multilingual Plane count twice (four bytes).
pub fn is_chinese(text: &str, surrogate: impl Fn(char) -> bool) -> bool {
    let (mut ascii, mut three_byte, mut kana_hangul, mut other, mut other_three_byte) = (0i64, 0i64, 0i64, 0i64, 0i64);
    // Read by lead byte: ASCII and a Han character of the main block (U+4000–U+9FFF, leads
    // E4–E9), most of a Chinese page, are counted without being decoded.
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            0x00..=0x7f => (ascii, i) = (ascii + 1, i + 1),
            0xe4..=0xe9 => (three_byte, i) = (three_byte + 1, i + 3),
            _ => {
                let c = text[i..].chars().next().unwrap_or_default();
                i += c.len_utf8();
                match c.len_utf8() {
                    2 => other += i64::from(within(c, OTHER_TWO_BYTE_LETTERS)),
                    3 => {
                        three_byte += 1;
                        kana_hangul += i64::from(within(c, KANA_HANGUL));
                        other_three_byte += i64::from(within(c, OTHER_THREE_BYTE_LETTERS));
                    }
                    _ => three_byte += if surrogate(c) { 1 } else { 2 },
                }
            }
        }
    }
    let han = three_byte - kana_hangul - other_three_byte;
    let other = other + other_three_byte;
    if han <= 0 || kana_hangul as f64 > (MAX_KANA_HANGUL * han as f64).max(MAX_KANA_HANGUL_COUNT) {
        return false;
    }
    han as f64 >= MIN_HAN_SHARE * ((han + kana_hangul + other) as f64 + ASCII_WEIGHT * ascii as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chinese(text: &str) -> bool {
        is_chinese(text, |_| false)
    }

    #[test]
    fn chinese_pages_and_others() {
        assert!(chinese("国务院常务会议部署推动新一轮大规模设备更新。"));
        assert!(chinese("記者今日從有關部門獲悉，相關工作進展順利。"));
        assert!(chinese("东京（Tokyo）的とうきょう一词"));
        assert!(!chinese("Правительство утвердило план развития на 2025 год."));
        assert!(!chinese("今日は東京で会議が開かれました。首相は新しい経済対策について説明しました。"));
        assert!(!chinese("오늘 서울에서 회의가 열렸습니다."));
        assert!(!chinese("The State Council met on Friday."));
        assert!(!chinese(""));
    }

    #[test]
    fn every_width_of_character_is_weighed() {
        // two-byte letters, kana and Hangul, Indic letters, Han beyond the main block and past
        // the Basic Multilingual Plane
        assert!(!chinese("Ελληνικά 中文"));
        assert!(chinese("中文中文 Ελ"));
        assert!(!chinese("ひらがなカタカナ한국어 中"));
        assert!(!chinese("हिन्दी 中"));
        assert!(chinese("㐀㐁㐂 abc"));
        assert!(chinese("\u{20000}\u{20001} abcdef"));
        // a stand-in for a lone surrogate counts as one three-byte character, not two
        let stand_in = "\u{10f800}aaaaaaaaaaaaaaaa";
        assert!(!is_chinese(stand_in, |_| true) && is_chinese(stand_in, |_| false));
    }
}
