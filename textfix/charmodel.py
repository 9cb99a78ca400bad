"""A compact character model of Chinese (Simplified and Traditional): unigrams and bigrams.

Built by ``corpora/build_charmodel.py`` into ``data/charmodel.bin`` and loaded once, lazily, by
``model()``. Scores are natural-log probabilities of a character given the one before it,
Witten-Bell interpolated with the unigram distribution; lines are framed by ``BOUNDARY``.

The file also carries the *suspect* characters: those far more frequent in rendered mojibake than
in clean text. A page without any of them (and without U+FFFD, private-use characters or C1
controls) is clean as far as the repair step is concerned.
"""

from __future__ import annotations

import lzma
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable

from ._core import CHARMODEL_MAGIC as MAGIC  # noqa: F401  (the header corpora/build_charmodel.py writes)
from ._core import CharModel as _CoreModel

DATA_FILE = Path(__file__).resolve().parent / "data" / "charmodel.bin"
BOUNDARY = "\n"
# Characters only one script has that make a text that script's (when it has none of the other's).
SCRIPT_EVIDENCE = 2


def chain_score(logp: Callable[[str, str], float], text: str, before: str, after: str | None) -> float:
    """Sum of bigram log-probabilities ``logp(previous, char)`` over ``text`` between ``before``
    and ``after`` (no closing transition when ``after`` is None): any bigram scorer's score."""
    total = 0.0
    prev = before
    for char in text:
        total += logp(prev, char)
        prev = char
    if after is not None:
        total += logp(prev, after)
    return total


class CharModel:
    """Character unigram/bigram log-probabilities and the mojibake suspect set.

    The numbers come from the compiled core (``core``); its methods are this object's:
    ``logp(prev, char)``, ``unigram_logp(char)``, ``score(text, before, after)``, ``knows(char)``,
    ``knows_pair(prev, char)``.
    Unseen kana and Hangul get flat rates about as likely as a typical character of their own
    script: Japanese and Korean text is outside the model, not implausible.
    """

    def __init__(self, core: _CoreModel) -> None:
        self.core = core
        self.vocab: str = core.vocab
        self.suspects = frozenset(core.suspects)
        # Characters only one script uses: a page written in one script rarely has the other's.
        self.simplified_only = frozenset(core.simplified)
        self.traditional_only = frozenset(core.traditional)
        self.logp = core.logp
        self.unigram_logp = core.unigram_logp
        self.score = core.score
        self.knows = core.knows
        self.knows_pair = core.knows_pair

    def other_script(self, chars: Iterable[str], doubtful: int = 0) -> frozenset[str]:
        """The characters only the other script has, when ``chars`` are written in one script: at
        least ``SCRIPT_EVIDENCE`` characters only Simplified (or Traditional) text has, and none
        only the other has but the ``doubtful`` ones (characters guessed among them). Empty when
        the script is not clear."""
        simplified = traditional = 0
        for char in chars:
            simplified += char in self.simplified_only
            traditional += char in self.traditional_only
        if simplified >= SCRIPT_EVIDENCE and traditional <= doubtful:
            return self.traditional_only
        if traditional >= SCRIPT_EVIDENCE and simplified <= doubtful:
            return self.simplified_only
        return frozenset()


def _read(path: Path) -> CharModel:
    try:
        return CharModel(_CoreModel(lzma.decompress(path.read_bytes())))
    except ValueError as error:
        raise ValueError(f"{path}: {error}") from None


@lru_cache(maxsize=1)
def model() -> CharModel:
    """The packaged character model, loaded on first use."""
    return _read(DATA_FILE)
