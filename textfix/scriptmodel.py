"""Words of the other scripts a crawl holds, scored as text of their own script.

The Chinese character model finds every Cyrillic word improbable, so against it any reading of
``Москва`` as mojibake looks like a repair. The repair step therefore scores a *foreign word*
(a run of letters of one script other than Han, standing alone as a word, with a non-ASCII letter
in it) by a character bigram model of that script, built by ``corpora/build_scriptmodel.py`` from
the word frequency lists the ``wordfreq`` package ships, and stored in ``data/scriptmodel.json.gz``.
Scripts without a model (Armenian, Georgian, Thai …) get a flat rate per letter: no legacy Chinese
codec writes them, so their words are never mojibake of Chinese.

ASCII-only words are left to the Chinese model as before (it knows the Latin words Chinese text
holds); so are letters glued to Chinese characters or to the damage of a double-byte stream
(private use, C1 controls): a double-byte stream read out of phase decodes to lone Greek and
Cyrillic letters between ideographs. A U+FFFD beside a word is a letter it lost (``българ�ки``).
"""

from __future__ import annotations

import gzip
import json
import math
import re
from functools import lru_cache
from pathlib import Path
from typing import Callable

from ._core import ScriptWords
from .charmodel import BOUNDARY

DATA_FILE = Path(__file__).resolve().parent / "data" / "scriptmodel.json.gz"

# The letters of each script, as regular-expression class contents (Latin, Greek and Cyrillic
# words may also hold the combining diacritical marks, after a letter).
_MARKS = "\u0300-\u036f"
_NON_ASCII_LATIN = "\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff"
SCRIPTS: dict[str, str] = {
    "Latn": "A-Za-z" + _NON_ASCII_LATIN,
    "Grek": "\u0370-\u0373\u0376\u0377\u037b-\u037d\u037f\u0386\u0388-\u03ff\u1f00-\u1ffc",
    "Cyrl": "\u0400-\u0482\u048a-\u052f\u1c80-\u1c88\ua640-\ua66e",
    "Armn": "\u0531-\u0556\u0561-\u0587",
    "Hebr": "\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7\u05d0-\u05ea\u05f0-\u05f2\ufb1d-\ufb4f",
    "Arab": "\u0610-\u061a\u0620-\u065f\u066e-\u06d3\u06d5-\u06dc\u06df-\u06e8\u06ea-\u06ff\u0750-\u077f"
            "\ufb50-\ufdfb\ufe70-\ufefc",
    "Deva": "\u0900-\u0963\u0971-\u097f",
    "Beng": "\u0980-\u09e3\u09f0\u09f1",
    "Guru": "\u0a00-\u0a63\u0a70-\u0a7f",
    "Gujr": "\u0a80-\u0ae3\u0af9-\u0aff",
    "Orya": "\u0b00-\u0b63\u0b71",
    "Taml": "\u0b80-\u0be3\u0bf0-\u0bf2",
    "Telu": "\u0c00-\u0c63",
    "Knda": "\u0c80-\u0ce3",
    "Mlym": "\u0d00-\u0d63\u0d7a-\u0d7f",
    "Sinh": "\u0d80-\u0de3",
    "Thai": "\u0e01-\u0e3a\u0e40-\u0e4e",
    "Laoo": "\u0e81-\u0ecd\u0edc-\u0edf",
    "Tibt": "\u0f40-\u0fbc",
    "Mymr": "\u1000-\u103f\u1050-\u108f",
    "Geor": "\u10a0-\u10ff\u1c90-\u1cbf",
    "Ethi": "\u1200-\u135a",
    "Khmr": "\u1780-\u17d3",
    "Mong": "\u1820-\u1878",
}
# log P of each letter of a script without a model (a typical letter of an alphabet: about 5 bits)
UNMODELLED_LOGP = -3.5
# A word whose letters are neither all lower case, all upper case nor capitalised (``сАР``: Greek
# read as cp1251) is that much less likely
CASE_MIX_LOGP = -8.0
# A word of another script glued to an ASCII letter (``%(value)sсекстиллион`` is a placeholder;
# ``modиles`` is French read as cp1251) costs this much a side
GLUED_LOGP = -6.0
# An unseen bigram gets this share of the unigram probability (as the builder interpolates)
UNIGRAM_WEIGHT = 0.05
def script_of(char: str) -> str | None:
    """The script (ISO 15924 code) of a letter of one of `SCRIPTS`, or None."""
    for script, letters in SCRIPTS.items():
        if re.fullmatch(f"[{letters}]", char):
            return script
    return None


@lru_cache(maxsize=1)
def script_words() -> ScriptWords:
    """The compiled core's finder and scorer of foreign words, with the packaged script models,
    made on first use. A word begins at a letter of a script other than Han and goes on with
    that script's letters (and combining marks, for Latin, Greek and Cyrillic); a Latin word needs
    a non-ASCII letter or a mark. Neither edge may touch a non-ASCII letter or digit of any
    script (the ideographs among them), a combining mark, private use or a C1 control (the
    damage of a double-byte stream); ASCII letters and digits it may (``%(value)sсекстиллион``),
    and U+FFFD (a letter lost: ``българ�ки``)."""
    data = json.loads(gzip.decompress(DATA_FILE.read_bytes()))
    return ScriptWords(
        scripts=list(SCRIPTS.items()),
        models={name: (m["unigram"], m["bigram"], m["unseen"]) for name, m in data["models"].items()},
        non_ascii_latin=_NON_ASCII_LATIN, marks=_MARKS, marked=["Latn", "Grek", "Cyrl"], boundary=BOUNDARY,
        unmodelled=UNMODELLED_LOGP, case_mix=CASE_MIX_LOGP, glued=GLUED_LOGP,
        log_unigram_weight=math.log(UNIGRAM_WEIGHT))


def foreign_words(text: str) -> list[tuple[int, int, str]]:
    """Spans ``(start, end, script)`` of the words of ``text`` that are text of another script."""
    return script_words().words(text)


ChainScore = Callable[[str, str, "str | None"], float]
# The score of each stretch of a text around its foreign words, the last closed by ``after``
# (`chain_gaps`; the compiled core's ``PageScorer.gap_scores``)
GapScores = Callable[[str, "list[tuple[int, int, str]]", str, "str | None"], "list[float]"]


def chain_gaps(chain: ChainScore) -> GapScores:
    """``chain(text, before, after)``, a bigram scorer's sum over a stretch of text
    (`textfix.charmodel.chain_score`), over each stretch around the words: the stretch before a
    word after the last character of the one before it, with no closing transition."""
    def gaps(text: str, words: list[tuple[int, int, str]], before: str, after: str | None) -> list[float]:
        scores = []
        prev, position = before, 0
        for start, end, _ in words:
            scores.append(chain(text[position:start], prev, None))
            prev, position = text[end - 1], end
        scores.append(chain(text[position:], prev, after))
        return scores
    return gaps


def mixed_score(gaps: GapScores, text: str, before: str = BOUNDARY, after: str | None = BOUNDARY,
                words: list[tuple[int, int, str]] | None = None) -> float:
    """log P(text) between ``before`` and ``after`` (no closing transition when ``after`` is None):
    its foreign words (``words``, found here unless the caller has them) by their own script's
    model (`script_words`: a flat rate where there is none, less where its letters mix cases; a
    non-Latin word glued to an ASCII letter costs `GLUED_LOGP` a side), the stretches around
    them by ``gaps`` (`chain_gaps`)."""
    if words is None:
        words = foreign_words(text)
    return script_words().mixed_score(text, words, gaps(text, words, before, after))
