"""Guess lost characters from the bytes that survived, the character model and the page's text.

A ``Lost`` token keeps the bytes that are known. The candidates are the characters the model
knows whose bytes in the writer's encoding match; each is scored in its context (the characters
on both sides) and the best one is taken when the byte structure left few candidates (one unknown
byte) or the scores single it out. Otherwise the character stays one U+FFFD.
"""

from __future__ import annotations

import math
from functools import lru_cache

from ..charmodel import BOUNDARY, model
from .chains import dbcs_table
from .scoring import Scorer
from .tokens import UNK, Lost

# Guess a character with more than one unknown byte only when this sure of it.
MIN_POSTERIOR = 0.6
# log-probability bonus for the bracket that closes one left open before the lost character
BRACKET_BONUS = 4.0
_CLOSING = {"（": "）", "(": ")", "《": "》", "「": "」", "『": "』", "【": "】", "“": "”", "〈": "〉", "[": "]"}


def _open_bracket(before: list) -> str | None:
    """The closing bracket the text before a position still waits for, if any."""
    waiting: list[str] = []
    for token in before:
        if isinstance(token, str):
            if token in _CLOSING:
                waiting.append(_CLOSING[token])
            elif waiting and token == waiting[-1]:
                waiting.pop()
    return waiting[-1] if waiting else None


@lru_cache(maxsize=3)
def _known_encoded(writer: str) -> dict[tuple[int, int, int], list[tuple[bytes, str]]]:
    """Characters the model knows as their bytes in ``writer``, indexed by (length, position, byte)
    and by (length, -1, 0) for all of one length."""
    if writer == "utf-8":
        encoded = [(char.encode("utf-8"), char) for char in model().vocab]
    else:
        known = set(model().vocab)
        encoded = [(bytes((key >> 8, key & 0xFF)), char) for key, char in dbcs_table(writer).items() if char in known]
    index: dict[tuple[int, int, int], list[tuple[bytes, str]]] = {}
    for data, char in encoded:
        index.setdefault((len(data), -1, 0), []).append((data, char))
        for position, byte in enumerate(data):
            index.setdefault((len(data), position, byte), []).append((data, char))
    return index


def candidates(lost: Lost) -> list[str]:
    """Characters whose bytes match what survived of ``lost``."""
    pattern = lost.pattern
    index = _known_encoded(lost.writer)
    lists = [index.get((len(pattern), i, b), []) for i, b in enumerate(pattern) if b != UNK]
    pool = min(lists, key=len) if lists else index.get((len(pattern), -1, 0), [])
    return [char for encoded, char in pool if all(b == UNK or b == e for b, e in zip(pattern, encoded))]


def fill(tokens: list, scorer: Scorer) -> tuple[list, int]:
    """Replace guessable ``Lost`` tokens by characters, left to right; returns tokens and guesses made."""
    out = list(tokens)
    guessed = 0
    for i, token in enumerate(out):
        if not isinstance(token, Lost) or token.unknown == len(token.pattern):
            continue
        prev = out[i - 1] if i and isinstance(out[i - 1], str) else BOUNDARY
        after = out[i + 1] if i + 1 < len(out) and isinstance(out[i + 1], str) else BOUNDARY
        options = candidates(token)
        if not options:
            continue
        closing = _open_bracket(out[:i])
        scores = [scorer.logp(prev, c) + scorer.logp(c, after) + (BRACKET_BONUS if c == closing else 0.0) for c in options]
        best = max(range(len(options)), key=scores.__getitem__)
        if token.unknown > 1:
            top = scores[best]
            posterior = 1.0 / sum(math.exp(s - top) for s in scores)
            if posterior < MIN_POSTERIOR:
                continue
        out[i] = options[best]
        guessed += 1
    return out, guessed
