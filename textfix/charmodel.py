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
import math
import re
import struct
from array import array
from functools import lru_cache
from operator import itemgetter
from pathlib import Path
from typing import Callable, Iterable, Sequence

DATA_FILE = Path(__file__).resolve().parent / "data" / "charmodel.bin"
MAGIC = b"TFCM2"
_PARTS = 7
BOUNDARY = "\n"
_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]")
_KANA = re.compile(r"[\u3041-\u30ff\u31f0-\u31ff]")
_HANGUL = re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")
# Japanese and Korean text is outside the model, not implausible: kana and Hangul get flat
# rates about as likely as a typical character of their own script.
KANA_LOGP = -5.0
HANGUL_LOGP = -7.0
# Characters only one script has that make a text that script's (when it has none of the other's).
SCRIPT_EVIDENCE = 2


def _script_floor(char: str) -> float:
    """The least log-probability a kana or Hangul character gets, however rare in Chinese text."""
    if _KANA.match(char):
        return KANA_LOGP
    if _HANGUL.match(char):
        return HANGUL_LOGP
    return -math.inf


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
    """Character unigram/bigram log-probabilities and the mojibake suspect set."""

    def __init__(self, vocab: str, unigrams: array, keys: array, counts: array, suspects: str,
                 simplified: str = "", traditional: str = "") -> None:
        self.vocab = vocab
        self.index = {c: i for i, c in enumerate(vocab)}
        size = len(vocab)
        total = sum(unigrams)
        self.total = total
        self.unigram = [max(math.log((n + 0.5) / (total + 0.5 * size)), _script_floor(c)) for n, c in zip(unigrams, vocab)]
        # Unseen characters: CJK ones are rarer than anything seen; others (Latin, kana, symbols)
        # are simply outside what this model knows and get a flat floor.
        self.unseen_cjk = math.log(0.05 / total)
        self.unseen_other = math.log(0.5 / total)
        followers = [0] * size
        follower_mass = [0] * size
        for key, n in zip(keys, counts):
            followers[key // size] += 1
            follower_mass[key // size] += n
        # Witten-Bell: the weight left for the unigram is what the stored bigrams do not explain.
        escape = [max(f, 1) + max(unigrams[i] - follower_mass[i], 0) for i, f in enumerate(followers)]
        self.backoff = [math.log(escape[i] / (unigrams[i] + escape[i])) for i in range(size)]
        self.bigram: dict[int, float] = {}
        for key, n in zip(keys, counts):
            prev, char = divmod(key, size)
            p = (n + escape[prev] * math.exp(self.unigram[char])) / (unigrams[prev] + escape[prev])
            self.bigram[key] = math.log(p)
        self.size = size
        self.suspects = frozenset(suspects)
        # Characters only one script uses: a page written in one script rarely has the other's.
        self.simplified_only = frozenset(simplified)
        self.traditional_only = frozenset(traditional)

    def unigram_logp(self, char: str) -> float:
        """log P(char) ignoring context."""
        i = self.index.get(char)
        if i is not None:
            return self.unigram[i]
        if _KANA.match(char):
            return KANA_LOGP
        if _HANGUL.match(char):
            return HANGUL_LOGP
        return self.unseen_cjk if _CJK.match(char) else self.unseen_other

    def logp(self, prev: str, char: str) -> float:
        """log P(char | prev)."""
        i = self.index.get(char)
        j = self.index.get(prev)
        if i is None:
            return self.unigram_logp(char) + (self.backoff[j] if j is not None else 0.0)
        if j is None:
            return self.unigram[i]
        value = self.bigram.get(j * self.size + i)
        return value if value is not None else self.backoff[j] + self.unigram[i]

    def rank_after(self, prev: str, candidates: Sequence[str], k: int) -> list[tuple[str, float]]:
        """The ``k`` of ``candidates`` likeliest after ``prev``, best first, with ``logp(prev, char)``:
        one bigram lookup each, for ranking many at once. ``candidates`` are characters the model
        knows, most frequent first (so the likeliest of those without a bigram are the first ones)."""
        index, unigram = self.index, self.unigram
        j = index.get(prev)
        if j is None:
            return [(c, unigram[index[c]]) for c in candidates[:k]]
        lookup, base, backoff = self.bigram.get, j * self.size, self.backoff[j]
        scored = []
        unseen = 0
        for c in candidates:
            i = index[c]
            value = lookup(base + i)
            if value is not None:
                scored.append((c, value))
            elif unseen < k:
                unseen += 1
                scored.append((c, backoff + unigram[i]))
        scored.sort(key=itemgetter(1), reverse=True)
        return scored[:k]

    def score(self, text: str, before: str = BOUNDARY, after: str | None = BOUNDARY) -> float:
        """log P(text) after ``before``; includes the transition into ``after`` unless it is None."""
        return chain_score(self.logp, text, before, after)

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

    def knows(self, char: str) -> bool:
        """Whether the character occurred in the training text."""
        return char in self.index

    def knows_pair(self, prev: str, char: str) -> bool:
        """Whether ``prev`` followed by ``char`` occurred in the training text (a stored bigram)."""
        j, i = self.index.get(prev), self.index.get(char)
        return i is not None and j is not None and j * self.size + i in self.bigram


def _read(path: Path) -> CharModel:
    raw = lzma.decompress(path.read_bytes())
    if not raw.startswith(MAGIC):
        raise ValueError(f"{path} is not a textfix character model")
    offset = len(MAGIC) + 4 * _PARTS
    sizes = struct.unpack_from(f"<{_PARTS}I", raw, len(MAGIC))
    parts = []
    for size in sizes:
        parts.append(raw[offset : offset + size])
        offset += size
    unigrams, keys, counts = array("I"), array("I"), array("I")
    unigrams.frombytes(parts[1])
    keys.frombytes(parts[2])
    counts.frombytes(parts[3])
    text = [part.decode("utf-8") for part in (parts[0], parts[4], parts[5], parts[6])]
    return CharModel(text[0], unigrams, keys, counts, *text[1:])


@lru_cache(maxsize=1)
def model() -> CharModel:
    """The packaged character model, loaded on first use."""
    return _read(DATA_FILE)
