"""Whether a page is Chinese: the steps after repair (ruby, conversion, layout, punctuation,
chrome) are for Chinese text, and a crawl also holds Russian, Japanese and Korean pages, which
must come back as they were.

A page is Chinese when Han characters are a fair share of its letters (an ASCII character counts
a quarter: a Chinese character carries about as much as a short word) and kana and Hangul are
rare beside them (Japanese and Korean text mixes in Han characters too).
"""

from __future__ import annotations

import re

# Kana and Hangul, and the letters of the other scripts (Latin with diacritics, Greek, Cyrillic,
# Arabic in two UTF-8 bytes; the Indic scripts, Thai, Georgian, Khmer in three): on a Chinese
# page a few matches at most, so counting them costs a scan; the Han characters are counted from
# the page's UTF-8 length.
_KANA_HANGUL = re.compile("[\u3040-\u30ff\u3130-\u318f\u31f0-\u31ff\uac00-\ud7af]")
_OTHER_LETTER = re.compile("[\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u0370-\u03ff\u0400-\u052f\u0531-\u0587"
                           "\u05d0-\u05ea\u0620-\u06ff]")
_OTHER_THREE_BYTE_LETTER = re.compile("[\u0900-\u0dff\u0e01-\u0eff\u10a0-\u10ff\u1780-\u17ff\u1e00-\u1fff]")
# Han characters must be at least this share of the weighed characters...
MIN_HAN_SHARE = 0.25
ASCII_WEIGHT = 0.25
# ...and kana and Hangul together at most this share of them, or this many (a Chinese page may
# quote a Japanese or Korean name; a Japanese or Korean text of a line or more has more).
MAX_KANA_HANGUL = 0.2
MAX_KANA_HANGUL_COUNT = 12


def is_chinese(text: str) -> bool:
    """Whether ``text`` is Chinese (Simplified or Traditional), possibly quoting other languages."""
    ascii_count = len(text.encode("ascii", "ignore"))
    wide = len(text) - ascii_count
    # UTF-8 writes U+0080-U+07FF in two bytes, the rest of the BMP in three: the three-byte
    # characters are the Han ones, CJK and general punctuation, kana, Hangul and a few scripts.
    three_byte = len(text.encode("utf-8", "surrogatepass")) - len(text) - wide
    kana_hangul = len(_KANA_HANGUL.findall(text))
    other_three_byte = len(_OTHER_THREE_BYTE_LETTER.findall(text))
    other = len(_OTHER_LETTER.findall(text)) + other_three_byte
    han = three_byte - kana_hangul - other_three_byte
    if han <= 0 or kana_hangul > max(MAX_KANA_HANGUL * han, MAX_KANA_HANGUL_COUNT):
        return False
    return han >= MIN_HAN_SHARE * (han + kana_hangul + other + ASCII_WEIGHT * ascii_count)
