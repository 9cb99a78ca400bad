"""Script conversion with OpenCC, skipped when the text is already in the target script.

``to`` names a target: ``hans`` (OpenCC ``t2s``), ``hant`` (``s2t``), ``tw`` (``s2tw``),
``twp`` (``s2twp``, with Taiwan phrases), ``hk`` (``s2hk``) or ``keep``. Which characters are
Traditional-only or Simplified-only is read off OpenCC's own character tables once, so the
script check always agrees with the converter installed.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Callable, Iterator

import opencc

from ._core import CharSet, changed_lines, pick_readings
from .charmodel import model
from .types import Change

STEP = "convert"
TARGETS: dict[str, str | None] = {
    "hans": "t2s",
    "hant": "s2t",
    "tw": "s2tw",
    "twp": "s2twp",
    "hk": "s2hk",
    "keep": None,
}
_CJK_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x2A6DF))
# OpenCC reads Traditional text as its own standard (t2s) or as Taiwan's or Hong Kong's (tw2s,
# hk2s: 看著 is 看着 in Taiwan's, 衞 is 卫 in Hong Kong's). A page does not say which it is
# written in: where the readings differ, a character of the Simplified repertoire (GB 2312) wins
# over one outside it (卫 over 衞), and between two inside it the character model picks,
# character by character (随著 -> 随着 but 土著 stays): the core's ``pick_readings``.
REGIONAL_READINGS = {"t2s": ("tw2s", "hk2s")}


@lru_cache(maxsize=None)
def converter(config: str) -> opencc.OpenCC:
    """The OpenCC converter for a config name such as ``t2s`` (built once per process)."""
    return opencc.OpenCC(config)


def _cjk_chars() -> Iterator[str]:
    """Every character of the CJK ranges, in order. Made on demand, not kept: 90,000 strings
    are 7 MB of every process, the CLI's reading process too, for tables built once."""
    return (chr(cp) for start, end in _CJK_RANGES for cp in range(start, end + 1))


def _alone(config: str) -> list[str]:
    """What ``config`` makes of each CJK character standing alone (in `_cjk_chars` order)."""
    return converter(config).convert("\n".join(_cjk_chars())).split("\n")


@lru_cache(maxsize=None)
def _changed_by(config: str) -> frozenset[str]:
    """The CJK characters that ``config`` converts to something else when they stand alone."""
    return frozenset(c for c, out in zip(_cjk_chars(), _alone(config)) if c != out)


def traditional_only() -> frozenset[str]:
    """Characters OpenCC's t2s changes: their presence means the text is (partly) Traditional."""
    return _changed_by("t2s")


def simplified_only() -> frozenset[str]:
    """Characters OpenCC's s2t changes: their presence means the text is (partly) Simplified."""
    return _changed_by("s2t")


@lru_cache(maxsize=None)
def _other_script(config: str) -> CharSet:
    """The characters whose presence means a text needs ``config``: `traditional_only` for t2s,
    `simplified_only` for the others."""
    return CharSet("".join(traditional_only() if config == "t2s" else simplified_only()))


@lru_cache(maxsize=None)
def _regional(config: str) -> CharSet:
    """The characters one of the regional readings of ``config`` converts otherwise, alone."""
    own = _alone(config)
    return CharSet("".join(c for regional in REGIONAL_READINGS.get(config, ())
                           for c, a, b in zip(_cjk_chars(), own, _alone(regional)) if a != b))


@lru_cache(maxsize=1)
def _simplified_repertoire() -> CharSet:
    """GB 2312, the character set of Simplified Chinese: ASCII and the characters of its two-byte
    codes (what Python's ``gb2312`` codec encodes)."""
    chars = [chr(code) for code in range(0x80)]
    for lead in range(0xA1, 0xFF):
        for trail in range(0xA1, 0xFF):
            try:
                chars.append(bytes((lead, trail)).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return CharSet("".join(chars))


def to_simplified_char(char: str) -> str:
    """The Simplified form of one character (itself when it has none)."""
    return converter("t2s").convert(char)


def needs_conversion(text: str, to: str) -> bool:
    """Whether ``text`` holds characters of the other script than the target ``to``."""
    config = TARGETS[to]
    if config is None:
        return False
    return _other_script(config).intersects(text)


def convert_script(text: str, to: str) -> tuple[str, list[Change]]:
    """Convert ``text`` to the target script with OpenCC; one Change per line that changed."""
    config = TARGETS[to]
    if config is None or not needs_conversion(text, to):
        return text, []
    converted = converter(config).convert(text)
    rule = f"{STEP}.{config}"
    before = text.split("\n")
    # OpenCC's regional configs stop at a NUL: a line holding one keeps its reading (as it would
    # among a reading cut short).
    numbers = [n for n in _regional(config).lines_holding(text) if "\x00" not in before[n]]
    if numbers:
        lines = converted.split("\n")
        if len(before) == len(lines):
            # OpenCC converts line by line (no phrase spans a line break): one call for all lines.
            held = "\n".join(before[n] for n in numbers)
            others = [converter(other).convert(held).split("\n") for other in REGIONAL_READINGS[config]]
            readings = [[lines[n], *(reading[i] for reading in others)] for i, n in enumerate(numbers)]
            for n, picked in zip(numbers, pick_readings(model().core, _simplified_repertoire(), readings)):
                lines[n] = picked
            converted = "\n".join(lines)
    changed = changed_lines(text, converted)
    if changed is None:
        return converted, [Change(STEP, rule, text, converted)]
    after = converted.split("\n")
    return converted, [Change(STEP, rule, before[n], after[n], n + 1) for n in changed]


def step_for(to: str) -> Callable[[str], tuple[str, list[Change]]]:
    """The conversion step for one target, as a ``str -> (str, [Change])`` function."""
    if to not in TARGETS:
        raise ValueError(f"unknown target script {to!r}; choose one of {', '.join(TARGETS)}")

    def convert_step(text: str) -> tuple[str, list[Change]]:
        return convert_script(text, to)

    return convert_step
