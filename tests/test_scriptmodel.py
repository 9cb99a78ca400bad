"""Words of other scripts: found from their first letter as the whole pattern finds them."""

from __future__ import annotations

import random
import re

from textfix.scriptmodel import _MARKS, _NON_ASCII_LATIN, SCRIPTS, foreign_words

# A foreign word as first written: the whole pattern, tried at every character.
_EDGE = "(?<![^\\W\\x00-\\x7f])(?<![\ue000-\uf8ff\x80-\x9f" + _MARKS + "])"
_EDGE_AFTER = "(?![^\\W\\x00-\\x7f])(?![\ue000-\uf8ff\x80-\x9f" + _MARKS + "])"


def _whole(script: str, letters: str) -> str:
    chars = letters + (_MARKS if script in ("Latn", "Grek", "Cyrl") else "")
    body = f"[{letters}][{chars}]*"
    if script == "Latn":
        body = f"(?=[{chars}]*[{_NON_ASCII_LATIN}{_MARKS}])" + body
    return f"(?P<{script}>{body})"


WHOLE = re.compile(_EDGE + "(?:" + "|".join(_whole(s, l) for s, l in SCRIPTS.items()) + ")" + _EDGE_AFTER)


def test_words_are_found_from_their_first_letter_as_the_whole_pattern_finds_them() -> None:
    # Letters of every kind the edges and the Latin lookahead tell apart: ASCII and accented Latin,
    # a combining mark, Cyrillic, Greek, Hebrew, Thai, Armenian, ideographs, private use, C1,
    # U+FFFD, digits, punctuation, a line break.
    alphabet = "aZbé\u0301üñЖжδαΩ\u05d0\u0e01\u0531\u0900中日 ?.-_1\ufffd\ue000\x85\n"
    rng = random.Random(7)
    for _ in range(20_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 14)))
        expected = [(m.start(), m.end(), m.lastgroup) for m in WHOLE.finditer(text)]
        assert foreign_words(text) == expected, repr(text)


def test_the_core_scores_the_gaps_around_foreign_words_as_the_bigram_chain_does() -> None:
    from functools import partial

    from textfix.charmodel import chain_score
    from textfix.repair.scoring import Scorer
    from textfix.scriptmodel import chain_gaps, mixed_score

    page = Scorer(["中国人民银行今天宣布"])
    by_chain = chain_gaps(partial(chain_score, page.logp))
    rng = random.Random(11)
    alphabet = "中国人民银行abé\u0301Жжδ\u05d0 ,\ufffd"
    for _ in range(500):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 16)))
        words = foreign_words(text)
        for before, after in [("\n", "\n"), ("中", None)]:
            assert page.core.gap_scores(text, words, before, after) == by_chain(text, words, before, after)
            assert page.score(text, before, after) == mixed_score(by_chain, text, before, after)
