"""Finding damage: the one-scan fast path, suspicious lines, and how garbled a line still looks.

Damage shows as U+FFFD, private-use characters (GB18030's user-defined areas), C1 controls
(cp1252/Latin-1 mojibake) or the model's *suspect* characters: those far more frequent in
mojibake than in clean text (``鍙``, ``涓``, ``锟``, ``Ã`` …). A page with none of them is clean.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .._core import BIG5_MARK_LEAD, CLUSTER_GAP, CharSet, DamageScan, Garbage, LineEvidence
from ..charmodel import model
from ..convert import simplified_only
from .tokens import Lost

# Unknown data: U+FFFD and the private use area (lost GB18030 bytes land there).
_UNKNOWN = "\ufffd\ue000-\uf8ff"
_C1 = "\x80-\x9f"
# Recommended ``garbage_score`` threshold: clean Chinese lines stay far below it, mojibake that
# could not be repaired sits far above (see benchmarks/repair_quality.py).
GARBAGE_THRESHOLD = 0.35


@lru_cache(maxsize=1)
def suspect_chars() -> frozenset[str]:
    """Every character that may be damage: unknown, C1, private use and the model's suspects.
    A set, not a regular expression class: membership tests over it are what the fast path costs."""
    # Spaces are never evidence: U+3000 indents every paragraph of a scraped Chinese page.
    suspects = {c for c in model().suspects if not c.isspace()}
    unknown_and_c1 = {chr(c) for c in range(0x80, 0x10000) if _STRONG.match(chr(c))}
    return frozenset(suspects | unknown_and_c1)


@lru_cache(maxsize=1)
def suspect_set() -> CharSet:
    """`suspect_chars` for scanning: ``suspect_set().intersects(text)``, ``.positions(line)``."""
    return CharSet("".join(suspect_chars()))


_STRONG = re.compile(f"[{_UNKNOWN}{_C1}]")
# One unknown character: what a repaired page may still hold where data was lost.
UNKNOWN_CHAR = re.compile(f"[{_UNKNOWN}]")
# What garbage_score weighs: CJK ideographs and the symbols of Latin-1 / cp1252 (Latin mojibake
# is made of them); kana, Hangul, letters, digits and ASCII stay out.
_LATIN_SYMBOLS = "\xa0-\xbf\u2013-\u2122"
_WEIGHED = f"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff{_UNKNOWN}{_C1}{_LATIN_SYMBOLS}"


# Memory a debug build left uninitialised (bytes CC CC and CD CD) and wrote out as text: 烫 and 屯
# read as GBK, 昍 and 迋 as Big5. Such filler comes in long runs; clean text has 烫烫 (hot), and
# informal text even 烫烫烫！, but not this many of one of them.
FILLER_RUN = 4
_FILLER_CHARS = "".join(sorted({bytes((b, b)).decode(codec) for b in (0xCC, 0xCD) for codec in ("gbk", "cp950")}))
FILLER = re.compile(f"([{_FILLER_CHARS}])\\1{{{FILLER_RUN - 1},}}")


@lru_cache(maxsize=1)
def _damage_scan() -> DamageScan:
    """The compiled fast path over the classes ``STRAY_TRAIL``, ``STRAY_SYMBOL``,
    ``LOST_AS_QUESTION`` and ``FILLER`` are made of."""
    return DamageScan(suspect_set(), _DBCS_WIDE, _HAN, _STRAY_SYMBOLS, _AFTER_SYMBOL, _FILLER_CHARS, FILLER_RUN)


def page_may_be_damaged(text: str) -> bool:
    """The fast path: one scan for a suspicious character or a stray byte (a ``STRAY_TRAIL``,
    ``STRAY_SYMBOL``, ``LOST_AS_QUESTION`` or ``FILLER`` anywhere)."""
    return _damage_scan().may_be_damaged(text)


def lines_needing_repair(text: str) -> tuple[list[int], list[int]]:
    """The indices of the lines of ``text`` that `page_may_be_damaged` flags, and of those of them
    that `line_needs_repair`, in one call; the other lines are clean (no `clean_segments` cut,
    `garbage_score` 0)."""
    return _line_evidence().lines_needing_repair(text)


def line_needs_repair(line: str) -> bool:
    """Whether a line carries enough evidence of damage to try repairing it: an unknown or C1
    character (but an icon font's private-use glyph alone as a word: ``\ue62c`` on a line of
    its own), a stray trail byte that looks like damage, a run of ``FILLER``, a lost byte written
    as ``?``, or two suspects close together that do not read as a word (mojibake comes in runs;
    rare characters in clean text are apart: mean log P per transition above the core's
    ``WORD_LOGP``)."""
    return _line_evidence().needs_repair(line)


def _reads_as_word(line: str, first: int, last: int) -> bool:
    """Whether the Chinese characters ``line[first:last + 1]`` read as a word to the model: two
    suspects that do are clean text."""
    return _line_evidence().reads_as_word(line, first, last)


def _in_word(line: str, i: int) -> bool:
    """Whether ``line[i]`` reads as a word with the character before or after it (`_reads_as_word`)."""
    return (i > 0 and _reads_as_word(line, i - 1, i)) or (i + 1 < len(line) and _reads_as_word(line, i, i + 1))


def _suspect_positions(line: str) -> list[int]:
    return suspect_set().positions(line)


def suspicious(token: object) -> bool:
    """A token that looks like damage: lost, unknown, C1, private use or a suspect character."""
    return isinstance(token, Lost) or token in suspect_chars()


# Suspects this close together form one damaged cluster (the core's ``CLUSTER_GAP``); a cluster
# needs this many of them unless it holds an unknown or private-use character.
MIN_CLUSTER = 3
_IDEOGRAPHS = re.compile("[\u3400-\u9fff]+")
MAX_RUN_TAIL = 120
# How far before the first suspicious character a double-byte stream may have gone out of phase
# (runs of out-of-phase pairs often start with common characters).
LEAD_IN = 40


# The stray-byte patterns the fast path scans for (`page_may_be_damaged`; the compiled core's
# rules, `rust/src/detect.rs`, decide which of the stray bytes found look like damage).
# One ASCII byte that could be a trail byte (0x40–0x7E), alone between two Chinese characters:
# what is left of a double-byte character whose lead byte was lost (大 = Big5 A4 6A → "j").
# Around it may be any character of the double-byte sets that out-of-phase pairs decode to:
# CJK punctuation and compatibility or small forms (說， → ﹛A), kana and bopomofo (傳聞， →
# 熄УD，: Cyrillic), Greek, curly quotes.
_DBCS_WIDE = "\u0391-\u03c9\u0401-\u0451\u2018-\u201d\u3000-\u312f\u3400-\u9fff\ufe30-\ufe6f\uff01-\uff5e"
_HAN = "\u3400-\u9fff"
STRAY_TRAIL = re.compile(f"(?:(?<=[{_DBCS_WIDE}])|^)[\x40-\x7e](?=[{_DBCS_WIDE}]|$)", re.MULTILINE)
# "?" right after a Chinese character: a lost byte written by software that could not hold U+FFFD.
LOST_AS_QUESTION = re.compile(f"(?<=[{_HAN}])\\?")
# Trail bytes that clean Chinese text almost never has alone after a Chinese character and
# before another or before Chinese punctuation (letters, "@" and "`" it does have: A股, 價值@閻崇年, `無冕之王').
_STRAY_SYMBOLS = r"\[\]{}|^_"
_AFTER_SYMBOL = "\u3000-\u303f\u3400-\u9fff\uff01-\uff5e"
STRAY_SYMBOL = re.compile(f"(?<=[{_HAN}])[{_STRAY_SYMBOLS}](?=[{_AFTER_SYMBOL}])")


@lru_cache(maxsize=1)
def _line_evidence() -> LineEvidence:
    """The compiled rules of `line_needs_repair`, `stray_trails`, `implausible_positions` and
    `dangling_lead`, over this module's classes and the character model."""
    return LineEvidence(_damage_scan(), model().core, _UNKNOWN + _C1, "".join(simplified_only()), _split_marks())


def _split_marks() -> str:
    """The trail bytes (0x40–0x7E) that make a Big5 punctuation mark after ``BIG5_MARK_LEAD``, the
    lead byte of the full-width marks (，、。；：？！「」（）): a character that lost its trail
    byte pairs its lead with a mark's lead, and the mark's trail byte is left alone as ASCII
    (池， -> 式A, 的。 -> 滿C, 身， -> 芋A)."""
    marks = []
    for byte in range(0x40, 0x7F):
        try:
            mark = bytes((BIG5_MARK_LEAD, byte)).decode("cp950")
        except UnicodeDecodeError:
            continue
        if unicodedata.category(mark).startswith("P"):
            marks.append(chr(byte))
    return "".join(marks)


# A line's stray bytes and implausible runs are asked for again for every damaged run the repair
# step weighs on it: remembered for the last few lines, they cost one call a line, not one a run.
_LINE_MEMO = 16


@lru_cache(maxsize=_LINE_MEMO)
def stray_trails(line: str) -> tuple[int, ...]:
    """Positions of the lone trail bytes that look like damage: a ``STRAY_SYMBOL`` that is no
    separator (paired, before the site's name that ends the line, or after the name of a channel
    that starts a headline where the script or the model rules out a lost lead byte), or a
    ``STRAY_TRAIL`` beside a suspect character, after characters the model finds out of place
    (the core's ``STRAY_LOGP``), that is a lone lowercase letter, a lone capital the model never
    saw there or the trail byte of a Big5 punctuation mark split from its lead; and of a lost
    byte written as ``?`` where the decoder got back in phase."""
    return tuple(_line_evidence().stray_trails(line))


def dangling_lead(line: str, end: int) -> bool:
    """Whether ``line[:end]`` ends the line with a lead byte left alone: U+FFFD after a Chinese
    character, the line's only one, or ``?`` after a Chinese character the model finds out of
    place (a question mark ends clean lines too). A byte was lost or added somewhere before it,
    or the last character lost its trail byte."""
    return _line_evidence().dangling_lead(line, end)


def may_be_out_of_phase(line: str, start: int, end: int, family: str) -> bool:
    """Whether a frame-shift search of ``line[start:end]``, a run with no hard evidence of damage
    (`hard_evidence`), may find a realignment of a ``family`` (``gbk``, ``big5``) stream: it
    holds a character the model finds out of place (the core's ``STRAY_LOGP``), which a stream
    read out of phase decodes to, or a stray trail byte, left by a lead byte lost before it. A
    GBK stream leaves a letter only of a character beyond GB2312 (whose trail bytes are all
    above 0x80): in a line written in Simplified characters (one only Simplified has, outside
    the run) that are all GB2312's, a letter is not looked for as GBK damage. A rare word
    (フォーカス台湾) or a letter between ordinary Simplified characters (证券时报e公司讯) is not
    searched; 咀煮w：大 中 小】 (【字體 read out of phase) is."""
    return _line_evidence().may_be_out_of_phase(line, start, end, family)


def hard_evidence(line: str, start: int, end: int) -> bool:
    """Whether ``line[start:end]`` holds damage clean text does not have: U+FFFD, private use, C1,
    a stray symbol (``STRAY_SYMBOL``) or a stray trail byte next to a suspect character. A stray
    letter alone is not enough: clean text has them too (``米粉香Q滑``), and a bigram model
    cannot tell them apart; nor is a ``|`` after the name that starts a headline (``谈心社|上映…``),
    clean text's separator where the model could not tell it from a lost lead byte's."""
    return _line_evidence().hard_evidence(line, start, end)


# The code pages UTF-8 text is read with, whose bytes read back exactly are evidence of mojibake
EXACT_READERS = ("gbk", "gb18030", "cp1252", "big5")
# Characters of the repair, and Chinese ones among them, that exact bytes are evidence for
EXACT_MIN_CHARS = 2


def exact_reading(before: str, after: str) -> bool:
    """Whether ``before`` is ``after`` written in UTF-8 and read strictly as one legacy code page
    (``鏃ユ湡`` is 日期 read as GBK): evidence of damage by itself, as U+FFFD is. Clean Chinese text
    seldom holds bytes that are valid UTF-8, and that decode to Chinese characters, at that."""
    if len(after) < EXACT_MIN_CHARS or sum(map(len, _IDEOGRAPHS.findall(after))) < len(after) - after.count(" "):
        return False
    data = after.encode("utf-8")
    for reader in EXACT_READERS:
        try:
            if data.decode(reader) == before:
                return True
        except UnicodeDecodeError:
            continue
    return False


@lru_cache(maxsize=_LINE_MEMO)
def implausible_positions(line: str) -> frozenset[int]:
    """Characters inside a window of four Chinese characters whose bigram log-probabilities
    average below the core's ``IMPLAUSIBLE_LOGP``: a double-byte stream read out of phase
    decodes to ordinary characters in an order no text has."""
    return frozenset(_line_evidence().implausible_positions(line))


def lone_unknowns(line: str, start: int, end: int) -> bool:
    """Whether U+FFFD is the only sign of damage in ``line[start:end]``: no suspect (but those that
    make a word with a neighbour, 稿件), private-use or stray character, no implausible run, and
    no lead byte left alone at the end of the line (U+FFFD there after a Chinese character: a byte
    was lost or added somewhere before it)."""
    if "\ufffd" not in line[start:end]:
        return False
    suspects = suspect_chars()
    if any(line[i] != "\ufffd" and line[i] in suspects and not _in_word(line, i) for i in range(start, end)):
        return False
    if dangling_lead(line, end):
        return False
    if any(start <= i < end for i in stray_trails(line)):
        return False
    return not any(start <= i < end for i in implausible_positions(line))


def damaged_clusters(line: str) -> list[tuple[int, int]]:
    """Spans ``(first, end)`` of suspicious characters close together that look like damage."""
    trails = stray_trails(line)
    # The character before a stray trail byte holds the bytes read out of phase before it.
    strays = set(trails) | {i - 1 for i in trails if i}
    if line.endswith("?") and dangling_lead(line, len(line)):
        strays |= {len(line) - 2, len(line) - 1}
    # Out-of-phase runs are looked for by the model only where something else shows damage.
    if strays or _STRONG.search(line) or LOST_AS_QUESTION.search(line):
        strays |= implausible_positions(line)
    marks = sorted(set(_suspect_positions(line)) | strays)
    clusters: list[list[int]] = []
    for i in marks:
        if clusters and i - clusters[-1][-1] <= CLUSTER_GAP:
            clusters[-1].append(i)
        else:
            clusters.append([i])
    return [(c[0], c[-1] + 1) for c in clusters if len(c) >= MIN_CLUSTER or any(UNKNOWN_CHAR.match(line, i) or i in strays for i in c)]


def damaged_spans(line: str) -> list[tuple[int, int]]:
    """Damaged clusters extended to where damage of a double-byte stream would stop: the next
    ASCII character below 0x40 (which resynchronises the decoder; "?" may be a lost byte and
    does not), at most ``MAX_RUN_TAIL`` on."""
    spans = []
    for first, last in damaged_clusters(line):
        end = last
        while end < len(line) and end - last < MAX_RUN_TAIL and (line[end] >= "\x40" or line[end] == "?"):
            end += 1
        spans.append((first, end))
    return spans


def run_start(line: str, first: int) -> int:
    """Where a double-byte stream damaged from ``first`` on may have gone out of phase: after the
    last ASCII byte before it (which kept the decoder in phase; "?" may stand for a lost byte
    itself), at most ``LEAD_IN`` characters back."""
    start = first
    while start > 0 and first - start < LEAD_IN and (line[start - 1] >= "\x40" or line[start - 1] == "?"):
        start -= 1
    return start


def clean_segments(line: str) -> list[str]:
    """The parts of a line outside its damaged spans and the lead-in before each (what a page's
    cache model may learn from: out-of-phase pairs often decode to ordinary characters first),
    and outside suspects close together (a garbled word too short to be a damaged cluster, such
    as ``鍖椾含`` for 北京, must not teach the cache its own mojibake)."""
    cut = [(run_start(line, first), end) for first, end in damaged_spans(line)]
    positions = _suspect_positions(line)
    cut += [(a, b + 1) for a, b in zip(positions, positions[1:]) if b - a <= CLUSTER_GAP]
    segments = []
    position = 0
    for start, end in sorted(cut):
        segments.append(line[position : max(start, position)])
        position = max(end, position)
    segments.append(line[position:])
    return [s for s in segments if s]


@lru_cache(maxsize=1)
def garbage_scorer() -> Garbage:
    """The core's `garbage_score`: the suspects and the classes it weighs."""
    return Garbage(suspect_set(), _WEIGHED, _LATIN_SYMBOLS, _UNKNOWN)


def garbage_score(line: str) -> float:
    """How implausible ``line`` is as Chinese, 0 to 1: the share of its CJK ideographs and Latin-1
    symbols that are unknown (U+FFFD, private use, C1) or mojibake suspects. ASCII, letters, kana
    and Hangul do not count either way, so code, URLs and other languages score 0, and neither
    does a Latin-1 or cp1252 mark between ASCII characters (``°C``, ``±5``, ``«https://»``,
    ``© 2024``: typography, not mojibake, which comes as runs of such characters: ``ä¸­æ–‡``);
    lines with fewer than four weighed characters are scored as if they had four. Drop at
    ``GARBAGE_THRESHOLD``.
    """
    return garbage_scorer().score(line)


def damage_counts(text: str) -> tuple[int, int]:
    """The unknown characters of ``text`` (U+FFFD, private use), and its characters that are
    unknown or on a line `looks_garbled` (one scan in the core)."""
    return garbage_scorer().damage(text, GARBAGE_THRESHOLD)


def looks_garbled(line: str) -> bool:
    """Whether ``line`` still looks like mojibake or lost data (``garbage_score`` at the threshold)."""
    return garbage_score(line) >= GARBAGE_THRESHOLD
