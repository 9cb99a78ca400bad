"""Pinyin ruby residue: ``發(fā)`` → ``發``.

Scrapers that flatten ``<ruby>`` markup leave each annotated character followed by its reading in
parentheses. An annotation is removed only when the letters are a real reading of the character
before it (any of its readings, written with tone marks, tone numbers or as a neutral tone), so
``(山東段)``, ``(記者 林江麗)`` and ``北京(Beijing)`` stay. Readings come from pypinyin's
character dictionary; a Traditional character missing there is looked up by its Simplified form.
"""

from __future__ import annotations

import importlib.util
import unicodedata
from functools import lru_cache
from pathlib import Path
from types import ModuleType

import regex

from .types import Change

STEP = "ruby"
RULE = "ruby.pinyin"

# A Han character, then 1-8 Latin letters (with combining tone marks) and an optional tone
# number, in ASCII or full-width parentheses.
_ANNOTATION = regex.compile(r"(\p{Han})[(（]([\p{Latin}\p{Mn}]{1,8}[0-5]?)[)）]")
_TONE_MARKS = {"\u0304": "1", "\u0301": "2", "\u030c": "3", "\u0300": "4"}


def _spellings(reading: str) -> set[str]:
    """Every way an annotator may write one reading: ``lǜ`` → lǜ, lü4, lv4, lu:4, lu4 ..."""
    decomposed = unicodedata.normalize("NFD", reading)
    tone = next((_TONE_MARKS[ch] for ch in decomposed if ch in _TONE_MARKS), "")
    bare = unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in _TONE_MARKS))
    numbered = {bare + tone} if tone else {bare, bare + "5", bare + "0"}
    variants = {reading, unicodedata.normalize("NFD", reading)} | numbered
    if "ü" in bare:
        for alternative in ("v", "u:", "u"):
            variants |= {n.replace("ü", alternative) for n in numbered}
    return variants


@lru_cache(maxsize=1)
def _pinyin_dict() -> dict[int, str]:
    """pypinyin's character readings, loaded alone: importing ``pypinyin`` itself also loads its
    phrase dictionary, about 55 MB in every worker that the ruby step never reads."""
    spec = importlib.util.find_spec("pypinyin")
    assert spec is not None and spec.submodule_search_locations
    path = Path(next(iter(spec.submodule_search_locations))) / "pinyin_dict.py"
    module_spec = importlib.util.spec_from_file_location("textfix._pinyin_dict", path)
    assert module_spec is not None and module_spec.loader is not None
    module: ModuleType = importlib.util.module_from_spec(module_spec)
    module_spec.loader.exec_module(module)
    return module.pinyin_dict


@lru_cache(maxsize=8192)
def readings_of(char: str) -> frozenset[str]:
    """All accepted spellings of all readings of ``char`` (empty when the character is unknown)."""
    pinyin_dict = _pinyin_dict()
    entry = pinyin_dict.get(ord(char))
    if entry is None:
        from .convert import to_simplified_char

        simplified = to_simplified_char(char)
        entry = pinyin_dict.get(ord(simplified)) if simplified != char else None
    if entry is None:
        return frozenset()
    spellings: set[str] = set()
    for reading in entry.split(","):
        spellings |= _spellings(reading)
    return frozenset(spellings)


def strip_ruby(text: str) -> tuple[str, list[Change]]:
    """Remove parenthesised pinyin that reads the character before it; explain each removal."""
    if "(" not in text and "（" not in text:
        return text, []
    changes: list[Change] = []
    lines = text.split("\n")
    for number, line in enumerate(lines):
        if "(" not in line and "（" not in line:
            continue

        def drop_reading(match: regex.Match[str], number: int = number) -> str:
            char, letters = match.group(1), match.group(2)
            if letters not in readings_of(char):
                return match.group(0)
            changes.append(Change(STEP, RULE, match.group(0), char, number, {"column": match.start()}))
            return char

        lines[number] = _ANNOTATION.sub(drop_reading, line)
    if not changes:
        return text, []
    return "\n".join(lines), changes
