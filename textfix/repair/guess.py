"""Guess lost characters from the bytes that survived, the character model and the page's text.

A ``Lost`` token keeps the bytes that are known. The candidates are the characters the model
knows whose bytes in the writer's encoding match; each is scored in its context (the characters
on both sides) and the best one is taken when the byte structure left few candidates (one unknown
byte) or the scores single it out. Otherwise the character stays one U+FFFD.

The guessing is the compiled core's (``rust/src/guess.rs``: the options of each lost character,
the most frequent first, and a Viterbi search over them); this module gives it the characters
each writer's bytes may stand for.
"""

from __future__ import annotations

from functools import lru_cache

from .._core import ChainTokens, Guesser, KnownEncoded
from ..charmodel import model
from .budget import PAGE_BUDGET, PAIRS_PER_UNIT
from .chains import dbcs_table
from .scoring import Scorer
from .tokens import REPLACEMENT

# The writers of lost characters: a writer ``gbk~utf-8`` (``big5~utf-8``) is GBK (Big5) whose
# every byte UTF-8 rejected (`textfix.repair.utf8_read`).
WRITERS = ("utf-8", "gbk", "big5", "gbk~utf-8", "big5~utf-8")


def _known_encoded(writer: str) -> KnownEncoded:
    """Characters the model knows as their bytes in ``writer``, indexed (in the core) by the bytes
    that may survive of them. A writer ``gbk~utf-8`` (``big5~utf-8``) holds only the characters
    whose bytes ``utf-8`` rejects both."""
    base, _, reader = writer.partition("~")
    if base == "utf-8":
        encoded = [(char.encode("utf-8"), char) for char in model().vocab]
    else:
        known = set(model().vocab)
        encoded = [(bytes((key >> 8, key & 0xFF)), char) for key, char in dbcs_table(base).items() if char in known]
    if reader:
        encoded = [(data, char) for data, char in encoded if data.decode(reader, "replace") == REPLACEMENT * len(data)]
    return KnownEncoded(encoded)


@lru_cache(maxsize=1)
def guesser() -> Guesser:
    """The compiled guesser, over the characters known in every writer's bytes."""
    return Guesser(model().core, [(writer, _known_encoded(writer)) for writer in WRITERS])


def fill(tokens: ChainTokens, scorer: Scorer) -> tuple[str, int]:
    """Guess lost characters jointly (Viterbi over the candidates of every lost character, so two
    neighbouring lost characters are chosen together); returns the text (a character not
    guessed as U+FFFD) and the guesses made. A guess for a character with more than one unknown
    byte is kept only if it is 0.6 sure given the characters chosen around it. The guessing is
    charged to the page's search budget (pairs of candidates of neighbouring tokens,
    ``PAIRS_PER_UNIT`` a unit); where the page cannot pay for it, nothing is guessed."""
    text, guessed, scorer.budget.spent = scorer.core.fill(guesser(), tokens, scorer.budget.spent, PAGE_BUDGET,
                                                          PAIRS_PER_UNIT)
    return text, guessed
