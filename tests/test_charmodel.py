"""The packaged character model: loads once, ranks text sensibly, knows its suspects and scripts."""

from __future__ import annotations

from textfix.charmodel import DATA_FILE, model


def test_model_is_small_and_loaded_once() -> None:
    assert DATA_FILE.stat().st_size < 4_000_000
    assert model() is model()


def test_common_text_outscores_mojibake() -> None:
    chars = model()
    text = "今天天气很好"
    assert chars.score(text) > chars.score(text.encode("utf-8").decode("gbk", errors="replace")) + 50
    assert chars.logp("中", "国") > chars.logp("中", "鍙")


def test_both_scripts_are_known() -> None:
    chars = model()
    assert chars.knows("国") and chars.knows("國")
    assert "国" in chars.simplified_only and "國" in chars.traditional_only
    assert "中" not in chars.simplified_only and "中" not in chars.traditional_only


def test_suspects_are_mojibake_characters() -> None:
    suspects = model().suspects
    assert {"锟", "鍙", "涓"} <= suspects
    assert not {"的", "中", "国", "é", "è"} & suspects


def test_kana_and_hangul_are_not_implausible() -> None:
    chars = model()
    assert chars.unigram_logp("の") > -6 and chars.unigram_logp("한") > -8
