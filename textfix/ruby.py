"""Pinyin ruby residue: ``發(fā)`` → ``發``.

Scrapers that flatten ``<ruby>`` markup leave each annotated character followed by its reading in
parentheses. An annotation is removed only when the letters are a real reading of the character
before it (any of its readings, written with tone marks, tone numbers or as a neutral tone), so
``(山東段)``, ``(記者 林江麗)`` and ``北京(Beijing)`` stay. Readings come from pypinyin's
character dictionary; a Traditional character missing there is looked up by its Simplified form.

Where mojibake the repair step undid had lost the annotated character (``那�(yàng)``), the reading
still says what it sounded like: the character is the one with that reading in the line's script
that the character model finds likeliest between its neighbours (``那样``). Where the repair step
guessed a wrong character in its place (``一预(xiàng)``), the reading names the right one: the
likeliest with that reading replaces it when it reads better by ``MISREAD_MARGIN`` (``一项``); a
character that reads well keeps a reading it lacks (``南(běi)方`` stays).
"""

from __future__ import annotations

import importlib.util
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from itertools import groupby
from operator import itemgetter
from pathlib import Path
from types import ModuleType

from ._core import ruby_annotations
from .charmodel import BOUNDARY, model
from .types import Change

STEP = "ruby"
RULE = "ruby.pinyin"
RULE_LOST = "ruby.lost-character"
RULE_MISREAD = "ruby.misread-character"
# What the character with the annotation's reading must gain over the one annotated, in nats
# (natural-log probability between its neighbours), to replace it.
MISREAD_MARGIN = 4.0

# The annotations are found by the compiled core (``rust/src/ruby.rs``): a Han character, then 1-8
# Latin letters (with combining tone marks) and an optional tone number, in ASCII or full-width
# parentheses. Either may have been lost to U+FFFD by the mojibake the repair step undid: a lost
# character before its reading, a lost letter (the two-byte ``à`` of ``yàng``) inside it. A letter
# may also have come back as the Han character its two bytes read as in GBK (``xi脿n``, ``à``
# being C3 A0): one between letters is a lost letter, and comes back from the core as U+FFFD.
LOST = "\ufffd"
_TONE_MARKS = {"\u0304": "1", "\u0301": "2", "\u030c": "3", "\u0300": "4"}


def _spellings(reading: str) -> set[str]:
    """Every way an annotator may write one reading: ``lǜ`` → lǜ, lü4, lv4, lu:4, lu4 ..."""
    decomposed = unicodedata.normalize("NFD", reading)
    tone = next((_TONE_MARKS[ch] for ch in decomposed if ch in _TONE_MARKS), "")
    bare = _toneless(reading)
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


def _matches(letters: str, spellings: Iterable[str]) -> list[str]:
    """The ``spellings`` that ``letters`` may be, each U+FFFD in it standing for one letter."""
    if LOST not in letters:
        return [letters] if letters in spellings else []
    pattern = re.compile("".join("." if c == LOST else re.escape(c) for c in letters))
    return [spelling for spelling in spellings if pattern.fullmatch(spelling)]


@lru_cache(maxsize=1)
def _characters_by_reading() -> dict[str, list[str]]:
    """Every reading (tone-marked, as pypinyin writes it) and the characters the character model
    knows that have it."""
    chars = model()
    by_reading: dict[str, list[str]] = {}
    for code, entry in _pinyin_dict().items():
        char = chr(code)
        if chars.knows(char):
            for reading in entry.split(","):
                by_reading.setdefault(reading, []).append(char)
    return by_reading


def _likeliest_with_reading(letters: str, line: str, start: int, end: int) -> tuple[str, float] | None:
    """Of the characters with the reading ``letters`` (any, where letters of it were lost too) and
    in the line's script, the likeliest in place of ``line[start:end]`` (a character and its
    reading), with its log-probability between its neighbours; None when the letters are no
    reading of two letters or more (``(a)`` may be a list's)."""
    if len(letters) < 2:
        return None
    by_reading = _characters_by_reading()
    candidates = {c for reading in _matches(unicodedata.normalize("NFC", letters), by_reading) for c in by_reading[reading]}
    candidates -= model().other_script(line)
    if not candidates:
        return None
    return max(((c, _logp_between(line, start, end, c)) for c in sorted(candidates)), key=lambda item: item[1])


def _logp_between(line: str, start: int, end: int, char: str) -> float:
    """log P of ``char`` in place of ``line[start:end]``, between its neighbours."""
    chars = model()
    before = line[start - 1] if start else BOUNDARY
    after = line[end] if end < len(line) else BOUNDARY
    return chars.logp(before, char) + chars.logp(char, after)


def lost_character(letters: str, line: str, start: int, end: int) -> str | None:
    """The character a reading annotates when the character itself was lost (``line[start:end]``
    is the lost character and its reading): of those with that reading in the line's script, the
    likeliest between its neighbours (`_likeliest_with_reading`)."""
    found = _likeliest_with_reading(letters, line, start, end)
    return found[0] if found is not None else None


def misread_character(char: str, letters: str, line: str, start: int, end: int) -> str | None:
    """The character a reading annotates when the repair step guessed a wrong one in its place
    (``預(xiàng)`` for ``項``): the likeliest with that reading, if it reads better than ``char``
    between its neighbours by ``MISREAD_MARGIN``; None otherwise, and when ``char`` has the
    reading's syllable in another tone (``浮(fū)``)."""
    if _matches(_toneless(letters), _syllables(char)):
        return None  # the same syllable in another tone: an annotator's slip, not a wrong character
    found = _likeliest_with_reading(letters, line, start, end)
    if found is None or found[1] - _logp_between(line, start, end, char) < MISREAD_MARGIN:
        return None
    return found[0]


def _toneless(letters: str) -> str:
    """``letters`` without tone marks or tone number: ``xiàng`` → ``xiang``."""
    decomposed = unicodedata.normalize("NFD", letters.rstrip("012345"))
    return unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in _TONE_MARKS))


@lru_cache(maxsize=8192)
def _syllables(char: str) -> frozenset[str]:
    """The toneless spellings of every reading of ``char`` (`readings_of`)."""
    return frozenset(_toneless(spelling) for spelling in readings_of(char))


def strip_ruby(text: str) -> tuple[str, list[Change]]:
    """Remove parenthesised pinyin that reads the character before it; explain each removal."""
    found = ruby_annotations(text)
    if not found:
        return text, []
    changes: list[Change] = []
    lines = text.split("\n")
    for number, annotations in groupby(found, key=itemgetter(0)):
        line = lines[number]
        pieces: list[str] = []
        done = 0
        for _, start, end, char, letters in annotations:
            restored = _restored(char, letters, line, start, end, number + 1, changes)
            if restored is not None:
                pieces += [line[done:start], restored]
                done = end
        if pieces:
            lines[number] = "".join(pieces) + line[done:]
    if not changes:
        return text, []
    return "\n".join(lines), changes


def _restored(char: str, letters: str, line: str, start: int, end: int, number: int,
              changes: list[Change]) -> str | None:
    """What replaces ``line[start:end]``, ``char`` and its reading ``letters`` on line ``number``
    (the character alone, or the one the reading names where ``char`` was lost or misread), with
    its Change appended to ``changes``; None when the annotation stays."""
    annotation = line[start:end]
    if char == LOST:
        restored = lost_character(letters, line, start, end)
        if restored is None:
            return None
        changes.append(Change(STEP, RULE_LOST, annotation, restored, number, {"column": start, "reading": letters}))
        return restored
    if _matches(letters, readings_of(char)):
        changes.append(Change(STEP, RULE, annotation, char, number, {"column": start}))
        return char
    restored = misread_character(char, letters, line, start, end)
    if restored is None:
        return None
    changes.append(Change(STEP, RULE_MISREAD, annotation, restored, number, {"column": start, "reading": letters}))
    return restored
