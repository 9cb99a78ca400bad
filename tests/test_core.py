"""The compiled core seen from Python: the model file, strings Rust cannot hold, the page scorer."""

from __future__ import annotations

import lzma
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from textfix import _core
from textfix.charmodel import DATA_FILE, _read, model
from textfix.repair.scoring import Scorer


def test_a_file_that_is_no_model_is_named_in_the_error(tmp_path: Path) -> None:
    bogus = tmp_path / "charmodel.bin"
    bogus.write_bytes(lzma.compress(b"not a model at all"))
    with pytest.raises(ValueError, match="charmodel.bin: not a textfix character model"):
        _read(bogus)


def test_the_packaged_model_is_read_whole() -> None:
    raw = lzma.decompress(DATA_FILE.read_bytes())
    assert raw.startswith(_core.CHARMODEL_MAGIC)
    with pytest.raises(ValueError, match="truncated"):
        _core.CharModel(raw[: len(raw) // 2])


def test_lone_surrogates_score_as_unseen_characters() -> None:
    chars = model()
    assert chars.unigram_logp("\ud800") == chars.unigram_logp("\u0378")  # both unseen, neither CJK
    assert chars.score("中\udc80国") == chars.score("中\u0378国")
    scorer = Scorer(["中\ud800国"])
    assert scorer.score("中\ud800国") > scorer.score("中\udfff国")  # the page's own surrogate is known


def test_scoring_needs_one_character_at_a_time() -> None:
    with pytest.raises(ValueError, match="one character"):
        model().logp("中国", "人")
    with pytest.raises(TypeError):
        model().logp(1, "人")


def test_the_page_scorer_prefers_the_page_own_names() -> None:
    page = Scorer(["济南市", "济南的天气"])
    empty = Scorer()
    assert page.logp("济", "南") > empty.logp("济", "南")
    # no closing transition when `after` is None
    assert page.score("济南", "\n", None) != page.score("济南")


# Characters around which the stray-byte patterns turn: ASCII trail bytes and symbols, "?", line
# breaks, Chinese characters, CJK forms, Greek, filler, a suspect and a surrogate.
_SCAN_ALPHABET = "AQz@[]_|~^\\{}?!, \n中國烫屯昍迋锟\u3000，\uff01\u0391\u2018\ufe30\ufffd\ud800é"


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=_SCAN_ALPHABET, max_size=12))
def test_the_compiled_fast_path_finds_what_the_patterns_find(text: str) -> None:
    from textfix.repair import detect

    patterns = re.compile("|".join(p.pattern for p in (detect.STRAY_TRAIL, detect.STRAY_SYMBOL, detect.LOST_AS_QUESTION,
                                                         detect.FILLER)), re.MULTILINE)
    expected = not detect.suspect_chars().isdisjoint(text) or patterns.search(text) is not None
    assert detect.page_may_be_damaged(text) == expected


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=_SCAN_ALPHABET, max_size=12))
def test_character_sets_scan_as_frozensets_do(text: str) -> None:
    from textfix.repair.detect import suspect_chars, suspect_set

    suspects = suspect_chars()
    assert suspect_set().intersects(text) == (not suspects.isdisjoint(text))
    assert suspect_set().positions(text) == [i for i, c in enumerate(text) if c in suspects]


def test_the_steps_keep_lone_surrogates_they_do_not_replace() -> None:
    from textfix.punctuation import restore_fullwidth
    from textfix.sanitise import sanitise
    from textfix.spacing import normalise_layout

    assert normalise_layout("\u3000中\ud800文\n\n") == ("中\ud800文", normalise_layout("\u3000中文\n\n")[1])
    text, changes = restore_fullwidth("好\udc80,中文")
    assert text == "好\udc80，中文" and (changes[0].before, changes[0].after) == ("好\udc80,中文", text)
    cleaned, changes = sanitise("a\ud800\r\nb\udfff\x00")
    assert cleaned == "a\ufffd\nb\ufffd"
    assert [(c.rule, c.detail) for c in changes] == [
        ("sanitise.line-breaks", {"count": 1}), ("sanitise.surrogate", {"count": 2}), ("sanitise.control", {"count": 1})]
