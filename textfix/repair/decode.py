"""Bytes of unknown encoding to text: BOM, strict UTF-8, then legacy codecs ranked by the model.

Each legacy candidate decodes the bytes (errors cost dearly) and the text is scored: Chinese by
the character model, kana and Hangul at flat per-character rates (the model is Chinese-only),
words of the alphabetic scripts by their own script's model (`textfix.scriptmodel`), with small
priors for codecs a Chinese page is less likely to use. The Western legacy codecs (cp1252,
cp1251, KOI8-R, ISO-8859-7) are candidates too, and so is whatever charset-normalizer guesses:
a French, Russian or Greek page decodes as such instead of as Chinese mojibake. charset-normalizer's pick
gets a bonus, one voice among the others. Short inputs are where this beats byte statistics: a
10-character snippet has too few bytes for frequency tables but enough for a bigram model.

Files that are mostly UTF-8 with some legacy lines (pages assembled from several sources) are
decoded line by line.
"""

from __future__ import annotations

import codecs
import math
import re
from dataclasses import dataclass
from functools import lru_cache, partial

from charset_normalizer import from_bytes

from ..charmodel import BOUNDARY, chain_score, model
from ..scriptmodel import chain_gaps, foreign_words, mixed_score

# (codec, log prior): Chinese pages first; Japanese and Korean pages are rarer in a Chinese crawl,
# Western ones rarer still (cp1252 the commonest of them).
CANDIDATES: tuple[tuple[str, float], ...] = (
    ("gb18030", 0.0),
    ("cp950", 0.0),
    ("big5hkscs", -0.5),
    ("shift_jis", -2.0),
    ("euc_kr", -2.0),
    ("cp1252", -2.0),
    ("cp1251", -3.0),
    ("koi8_r", -4.0),
    ("iso8859_7", -4.0),
    ("utf-16-le", -12.0),
    ("utf-16-be", -12.0),
)
ERROR_COST = -25.0
PRIVATE_USE_COST = -18.0
# A C1 control character: what Latin-1 makes of the bytes cp1252 gives letters and marks
C1_COST = -18.0
KANA_LOGP = -4.6
# Hangul: the most frequent syllables of Korean text, the rest of KS X 1001's 2350 syllables, and
# syllables outside it (what UTF-16 read from Chinese bytes produces).
COMMON_HANGUL = frozenset("이다는의에고하지가로한서을기리사자대어를있도시아수나일그인부국으보정주게것해우상들요라전성오관면과제무마학비여소만구원후내경세때문동신생계연습니")
HANGUL_LOGP = {"common": -5.0, "ks": -8.0, "rare": -12.0}
# Korean and Chinese characters next to each other, without a space, are unusual in either
# language; so is a Chinese character glued to a Latin letter (gr秤er: größer read as GBK).
SCRIPT_MIX_LOGP = -3.0
# Printable ASCII, the same bytes in every candidate but UTF-16: about 5 bits a character (the
# Chinese model knows too few Latin words to weigh ``%(name)s`` against UTF-16's ideographs).
ASCII_LOGP = -3.5
# A word of another alphabet than the page's Latin letters costs this much more
MINORITY_WORD_LOGP = -4.0
_ASCII_LETTERS = re.compile("[A-Za-z]")
# Quotes used as apostrophes in Western text (l’objet), as common there as Latin-1's symbols
APOSTROPHES = "\u2018\u2019"
# The marks and symbols of Latin-1 (no-break space, «», °, ¿): common in Western text
LATIN1_SYMBOL_LOGP = -6.0
NORMALIZER_BONUS = 2.0
# Prior of a codec charset-normalizer names that is none of the candidates
OTHER_CODEC_PRIOR = -5.0
# Confidence is also absolute: the best text's mean log-probability per character, against this
# midpoint (Chinese news scores about -4; binary data read as UTF-16 about -16; random bytes -19).
PLAUSIBLE_MEAN_LOGP = -11.0
PLAUSIBLE_SLOPE = 2.0
# A file whose lines are at least this share valid UTF-8 (among lines with non-ASCII bytes) is
# decoded line by line.
MIXED_UTF8_SHARE = 0.5
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_NORMALIZER_NAMES = {"gb2312": "gb18030", "gbk": "gb18030", "gb18030": "gb18030", "big5": "cp950", "cp950": "cp950",
                     "big5hkscs": "big5hkscs", "shift_jis": "shift_jis", "cp932": "shift_jis", "euc_kr": "euc_kr",
                     "cp949": "euc_kr", "utf_16_le": "utf-16-le", "utf_16_be": "utf-16-be",
                     "windows-1252": "cp1252", "cp1252": "cp1252", "latin_1": "cp1252", "windows-1251": "cp1251",
                     "cp1251": "cp1251", "koi8_r": "koi8_r", "iso8859_7": "iso8859_7", "cp1253": "iso8859_7"}


@dataclass(frozen=True)
class DecodeResult:
    """Decoded text with the encoding chosen and how sure the choice is (0 to 1)."""

    text: str
    encoding: str
    confidence: float


def _char_logp(prev: str, char: str) -> float:
    if char < " " and char not in "\t\n\r":
        return ERROR_COST  # text has no C0 controls; binary data read as text has many
    if " " <= char <= "~":
        return ASCII_LOGP + (SCRIPT_MIX_LOGP if char.isalpha() and _is_han(prev) else 0.0)
    if char == "\ufffd":
        return ERROR_COST
    if "\ue000" <= char <= "\uf8ff":
        return PRIVATE_USE_COST
    if "\x80" <= char <= "\x9f":
        return C1_COST
    if "\xa0" <= char <= "\xbf" or char in APOSTROPHES:
        return LATIN1_SYMBOL_LOGP
    if "\u3041" <= char <= "\u30ff":
        return KANA_LOGP
    if "\uac00" <= char <= "\ud7a3":
        return _hangul_logp(char) + (SCRIPT_MIX_LOGP if _is_han(prev) else 0.0)
    if _is_han(char) and ("\uac00" <= prev <= "\ud7a3" or (prev.isascii() and prev.isalpha())):
        return model().logp(prev, char) + SCRIPT_MIX_LOGP
    return model().logp(prev, char)


def _is_han(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"


@lru_cache(maxsize=None)
def _hangul_logp(char: str) -> float:
    if char in COMMON_HANGUL:
        return HANGUL_LOGP["common"]
    try:
        char.encode("euc_kr")
        return HANGUL_LOGP["ks"]
    except UnicodeEncodeError:
        return HANGUL_LOGP["rare"]


def text_score(text: str) -> float:
    """log-likelihood of ``text`` as a page: East Asian text by the Chinese model and flat rates,
    words of the other scripts by their own script's model."""
    words = foreign_words(text)
    score = mixed_score(chain_gaps(partial(chain_score, _char_logp)), text, BOUNDARY, None, words)
    if words:
        # A page is written in one alphabet: a word of another one among Latin words (``mise а
        # jour``: French read as cp1251) is unlikely
        latin = len(_ASCII_LETTERS.findall(text)) + sum(end - start for start, end, script in words if script == "Latn")
        score += MINORITY_WORD_LOGP * sum(1 for start, end, script in words if script != "Latn" and end - start < latin)
    return score


def _normalizer_pick(data: bytes) -> str | None:
    """charset-normalizer's guess, by the name of a `CANDIDATES` codec where it has one."""
    best = from_bytes(data).best()
    if best is None:
        return None
    return _NORMALIZER_NAMES.get(best.encoding, best.encoding)


def rank(data: bytes, use_normalizer: bool = True) -> list[tuple[float, str, str]]:
    """Legacy candidates as (score, codec, text), best first; charset-normalizer's guess is one
    of them even when it is none of `CANDIDATES` (with the prior of the Western codecs)."""
    voice = _normalizer_pick(data) if use_normalizer else None
    candidates = list(CANDIDATES)
    if voice is not None and voice not in dict(candidates):
        candidates.append((voice, OTHER_CODEC_PRIOR))
    ranked = []
    for codec, prior in candidates:
        if codec.startswith("utf-16") and len(data) % 2:
            continue
        text = data.decode(codec, errors="replace")
        score = text_score(text) + prior + (NORMALIZER_BONUS if codec == voice else 0.0)
        ranked.append((score, codec, text))
    ranked.sort(key=lambda item: -item[0])
    return ranked


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(min(x, 50.0), -50.0)))


def _confidence(ranked: list[tuple[float, str, str]]) -> float:
    """How sure the pick is: its lead over the best rival that reads differently, times how
    plausible its text is at all (bytes no codec reads well get a low confidence whatever wins)."""
    best_score, _, best_text = ranked[0]
    plausible = _sigmoid(PLAUSIBLE_SLOPE * (text_score(best_text) / max(len(best_text), 1) - PLAUSIBLE_MEAN_LOGP))
    # Candidates that decode to the same text are one choice, not rivals.
    rivals = [score for score, _, text in ranked[1:] if text != best_text]
    lead = _sigmoid(best_score - rivals[0]) if rivals else 1.0
    return lead * plausible


def _decode_legacy(data: bytes, use_normalizer: bool = True) -> DecodeResult:
    ranked = rank(data, use_normalizer)
    _, codec, text = ranked[0]
    return DecodeResult(text, codec, round(_confidence(ranked), 3))


def _decode_mixed(data: bytes) -> DecodeResult | None:
    """Line by line when most lines with non-ASCII bytes are valid UTF-8."""
    lines = data.split(b"\n")
    wide = [line for line in lines if any(b >= 0x80 for b in line)]
    valid = []
    for line in wide:
        try:
            line.decode("utf-8")
            valid.append(line)
        except UnicodeDecodeError:
            continue
    if not valid or len(valid) < MIXED_UTF8_SHARE * len(wide):
        return None
    valid_lines = set(valid)
    legacy = b"\n".join(line for line in wide if line not in valid_lines)
    codec = _decode_legacy(legacy).encoding
    out = []
    for line in lines:
        try:
            out.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            out.append(line.decode(codec, errors="replace"))
    share = len(valid) / len(wide)
    return DecodeResult("\n".join(out), f"utf-8+{codec}", round(share, 3))


def decode_bytes(data: bytes) -> DecodeResult:
    """Decode bytes of unknown encoding: BOM, strict UTF-8, mixed UTF-8 lines, then the best legacy codec."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return DecodeResult(data.decode(encoding, errors="replace"), encoding, 1.0)
    try:
        return DecodeResult(data.decode("utf-8"), "utf-8", 1.0)
    except UnicodeDecodeError:
        pass
    mixed = _decode_mixed(data)
    if mixed is not None:
        return mixed
    return _decode_legacy(data)
