"""Scoring candidate text: the character model mixed with a cache model of the page's own text.

A page repeats its names (``濟南`` ten times in the seed); characters and bigrams from the page's
undamaged lines get a share of the probability, so a lost character is guessed as the one the
page already uses. Parenthesised ASCII annotations (pinyin readings) are left out of the cache so
that the characters they separate count as neighbours. A page written in one script makes the
other script's characters less likely. Words of other scripts (Cyrillic, Greek, Latin with
diacritics …) are scored as text of their own script (`textfix.scriptmodel`), so that no reading
of a clean Russian word as mojibake beats it.
"""

from __future__ import annotations

import math
import re
from collections import Counter

from ..charmodel import BOUNDARY, CharModel, model
from ..scriptmodel import mixed_score
from .budget import SearchBudget

CACHE_WEIGHT = 0.15
_LOG_KEEP = math.log(1.0 - CACHE_WEIGHT)
# log P(U+FFFD | anything): an unknown character is *some* character, about as likely as a
# typical one; the character after it is scored by its unigram probability.
UNKNOWN_LOGP = -9.0
# log-probability penalty for a character of the script the page does not use
SCRIPT_PENALTY = -3.0
# a page is in one script when that script's own characters outnumber the other's this many times
SCRIPT_RATIO = 4
# Full-width Latin letters (and ＠) are scored as the ASCII characters they fold to: the corpora
# hold too few Latin words for the model to know ASCII letter pairs (e→b: -14.7) as well as the
# full-width pairs of a few Traditional texts (ｅ→ｂ: -6.2), and a realignment would otherwise
# unfold an e-mail address into full-width letters to please it. Unfolding then wins only where
# the bytes of the full-width form are what keeps the stream in phase.
_HALF_WIDTH_LETTERS = {cp: cp - 0xFEE0 for cp in [*range(0xFF20, 0xFF3B), *range(0xFF41, 0xFF5B)]}
_ANNOTATION = re.compile(r"\([\x20-\x7e\u00c0-\u024f]{1,12}\)")


class Scorer:
    """log P(char | prev) under the character model interpolated with the page's own counts.

    A scorer is one page's: it also carries the search budget its lines share (``budget``).
    """

    def __init__(self, clean_lines: list[str] | None = None, char_model: CharModel | None = None) -> None:
        self.model = char_model or model()
        self.unigrams: Counter[str] = Counter()
        self.bigrams: Counter[tuple[str, str]] = Counter()
        for line in clean_lines or ():
            framed = BOUNDARY + _ANNOTATION.sub("", line) + BOUNDARY
            self.unigrams.update(framed[1:])
            self.bigrams.update(zip(framed, framed[1:]))
        self.total = sum(self.unigrams.values())
        simplified = sum(n for c, n in self.unigrams.items() if c in self.model.simplified_only)
        traditional = sum(n for c, n in self.unigrams.items() if c in self.model.traditional_only)
        self.foreign: frozenset[str] = frozenset()
        if traditional > SCRIPT_RATIO * max(simplified, 1):
            self.foreign = self.model.simplified_only
        elif simplified > SCRIPT_RATIO * max(traditional, 1):
            self.foreign = self.model.traditional_only
        self._memo: dict[tuple[str, str], float] = {}
        self.budget = SearchBudget()

    def logp(self, prev: str, char: str) -> float:
        """log P(char | prev)."""
        key = (prev, char)
        value = self._memo.get(key)
        if value is None:
            model_logp = self.model.logp(prev.translate(_HALF_WIDTH_LETTERS), char.translate(_HALF_WIDTH_LETTERS))
            value = self._memo[key] = self.from_model(prev, char, model_logp)
        return value

    def from_model(self, prev: str, char: str, model_logp: float) -> float:
        """log P(char | prev), given the character model's ``model_logp(prev, char)``."""
        if char == "\ufffd":
            return UNKNOWN_LOGP
        if prev == "\ufffd":
            return self.logp(BOUNDARY, char)
        value = model_logp
        seen = self.unigrams.get(char)
        if seen:
            context = self.unigrams.get(prev, 0)
            cached = (self.bigrams.get((prev, char), 0) + seen / self.total) / (context + 1)
            value = math.log((1.0 - CACHE_WEIGHT) * math.exp(value) + CACHE_WEIGHT * cached)
        else:
            value += _LOG_KEEP
        if char in self.foreign:
            value += SCRIPT_PENALTY
        return value

    def score(self, text: str, before: str = BOUNDARY, after: str | None = BOUNDARY) -> float:
        """log P(text) between ``before`` and ``after`` (no closing transition when ``after`` is None):
        words of other scripts by their own script's model, the rest by the Chinese one."""
        return mixed_score(self.logp, text, before, after)
