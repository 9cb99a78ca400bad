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

from .._core import PageScorer
from ..charmodel import BOUNDARY, model
from ..scriptmodel import script_words
from .budget import SearchBudget


class Scorer:
    """log P(char | prev) under the character model interpolated with the page's own counts.

    The cache model is the compiled core's (``core``: 15% of the probability goes to the page's
    own unigrams and bigrams; U+FFFD is some character at a flat rate; full-width Latin letters
    score as the ASCII ones; a page whose characters are one script's makes the other's 3 nats
    less likely). A scorer is one page's: it also carries the search budget its lines share
    (``budget``).
    """

    def __init__(self, clean_lines: list[str] | None = None) -> None:
        self.core = PageScorer(model().core, clean_lines or [])
        self.logp = self.core.logp
        self.budget = SearchBudget()

    def score(self, text: str, before: str = BOUNDARY, after: str | None = BOUNDARY) -> float:
        """log P(text) between ``before`` and ``after`` (no closing transition when ``after`` is None):
        words of other scripts by their own script's model, the rest by the Chinese one."""
        return self.core.mixed_score(script_words(), text, before, after)
