"""Guess lost characters from the bytes that survived, the character model and the page's text.

A ``Lost`` token keeps the bytes that are known. The candidates are the characters the model
knows whose bytes in the writer's encoding match; each is scored in its context (the characters
on both sides) and the best one is taken when the byte structure left few candidates (one unknown
byte) or the scores single it out. Otherwise the character stays one U+FFFD.
"""

from __future__ import annotations

import math
from functools import lru_cache

from .._core import OTHER_SCRIPT_COST, KnownEncoded  # (the cost of a character only the other script has)
from ..charmodel import BOUNDARY, model
from .budget import PAIRS_PER_UNIT
from .chains import dbcs_table
from .scoring import Scorer
from .tokens import REPLACEMENT, Lost

# Guess a character with more than one unknown byte only when this sure of it.
MIN_POSTERIOR = 0.6
# Candidates kept per lost character (the most frequent ones; one unknown byte leaves at most 64).
MAX_OPTIONS = 48
# ...and of a character whose bytes were all rejected by a reader (``gbk~utf-8``): 160 took GBK
# read as UTF-8 from 0.865 to 0.857 CER (floor 0.843) for twice the time
MAX_WHOLE_OPTIONS = 48
# log-probability bonus for the bracket that closes one left open before the lost character
BRACKET_BONUS = 4.0
_CLOSING = {"（": "）", "(": ")", "《": "》", "「": "」", "『": "』", "【": "】", "“": "”", "〈": "〉", "[": "]"}


def _open_brackets(tokens: list) -> list[str | None]:
    """For each lost character of ``tokens``, the closing bracket the text before it still waits
    for, if any (None for the other tokens): one pass, however many characters were lost."""
    waiting: list[str] = []
    found: list[str | None] = []
    for token in tokens:
        if isinstance(token, str):
            found.append(None)
            if token in _CLOSING:
                waiting.append(_CLOSING[token])
            elif waiting and token == waiting[-1]:
                waiting.pop()
        else:
            found.append(waiting[-1] if waiting else None)
    return found


@lru_cache(maxsize=5)
def _known_encoded(writer: str) -> KnownEncoded:
    """Characters the model knows as their bytes in ``writer``, indexed (in the core) by the bytes
    that may survive of them. A writer ``gbk~utf-8`` (``big5~utf-8``) holds only the characters
    whose bytes ``utf-8`` rejects both (`textfix.repair.utf8_read`)."""
    base, _, reader = writer.partition("~")
    if base == "utf-8":
        encoded = [(char.encode("utf-8"), char) for char in model().vocab]
    else:
        known = set(model().vocab)
        encoded = [(bytes((key >> 8, key & 0xFF)), char) for key, char in dbcs_table(base).items() if char in known]
    if reader:
        encoded = [(data, char) for data, char in encoded if data.decode(reader, "replace") == REPLACEMENT * len(data)]
    return KnownEncoded(encoded)


def candidates(lost: Lost) -> list[str]:
    """Characters whose bytes match what survived of ``lost`` (in its pattern or an alternative)."""
    known = _known_encoded(lost.writer)
    found = known.matching(lost.pattern, lost.allowed_in(lost.pattern))
    for pattern in lost.alternatives:
        found += [char for char in known.matching(pattern, lost.allowed_in(pattern)) if char not in found]
    return found


def _options(token: object) -> tuple[str, ...]:
    """What a token may be: itself if known; a lost character's candidates, most frequent first."""
    if isinstance(token, str):
        return (token,)
    assert isinstance(token, Lost)
    return _likeliest(token)


# Lost characters recur from page to page (one byte of a common character lost the same way).
@lru_cache(maxsize=4096)
def _likeliest(lost: Lost) -> tuple[str, ...]:
    """The ``MAX_OPTIONS`` most frequent candidates of a lost character (U+FFFD alone if none)."""
    whole = "~" in lost.writer  # a character whose every byte a reader rejected is guessed too
    options = candidates(lost) if whole or lost.unknown < len(lost.pattern) else []
    if not options:
        return (REPLACEMENT,)
    options.sort(key=model().unigram_logp, reverse=True)
    return tuple(options[:MAX_WHOLE_OPTIONS if whole else MAX_OPTIONS])


def guessing_cost(tokens: list) -> float:
    """What guessing the lost characters of ``tokens`` may weigh, in units of the page's search
    budget: the pairs of candidates of neighbouring tokens, a lost character counted with as many
    as it may have."""
    widths = [max(MAX_OPTIONS, MAX_WHOLE_OPTIONS) if isinstance(t, Lost) else 1 for t in tokens]
    return sum(a * b for a, b in zip(widths, widths[1:])) / PAIRS_PER_UNIT


def fill(tokens: list, scorer: Scorer) -> tuple[list, int]:
    """Guess lost characters jointly (Viterbi over the candidates of every ``Lost`` token, so two
    neighbouring lost characters are chosen together: the core's ``best_path``); returns tokens
    and guesses made. A guess for a character with more than one unknown byte is kept only if it
    is ``MIN_POSTERIOR`` sure given the characters chosen around it. The guessing is charged to the
    page's search budget (`guessing_cost`); where the page cannot pay for it, nothing is guessed."""
    if not any(isinstance(t, Lost) for t in tokens):
        return list(tokens), 0
    cost = guessing_cost(tokens)
    if not scorer.budget.affords(cost):
        return list(tokens), 0
    scorer.budget.spend(cost)
    lattice = [_options(t) for t in tokens]
    closing = _open_brackets(tokens)
    foreign = model().other_script(t for t in tokens if isinstance(t, str))

    def bonus(i: int, char: str) -> float:
        return (BRACKET_BONUS if char == closing[i] else 0.0) - (OTHER_SCRIPT_COST if char in foreign else 0.0)

    # (a known character's bonus is the same on every path, which the best path does not change)
    bonuses = [[bonus(i, char) for char in options] if isinstance(tokens[i], Lost) else [0.0]
               for i, options in enumerate(lattice)]
    chosen = [options[k] for options, k in zip(lattice, scorer.core.best_path(lattice, bonuses))]
    out = list(tokens)
    guessed = 0
    for i, token in enumerate(tokens):
        if not isinstance(token, Lost) or chosen[i] == REPLACEMENT:
            continue
        if token.unknown > 1:
            prev = chosen[i - 1] if i else BOUNDARY
            after = chosen[i + 1] if i + 1 < len(chosen) else BOUNDARY
            scores = [scorer.logp(prev, c) + scorer.logp(c, after) + bonus(i, c) for c in lattice[i]]
            top = max(scores)
            mine = scorer.logp(prev, chosen[i]) + scorer.logp(chosen[i], after) + bonus(i, chosen[i])
            if math.exp(mine - top) / sum(math.exp(s - top) for s in scores) < MIN_POSTERIOR:
                continue
        out[i] = chosen[i]
        guessed += 1
    return out, guessed
