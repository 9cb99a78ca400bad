"""GBK or Big5 bytes read as UTF-8: the Windows console in code page 936 or 950 read by a tool
that expects UTF-8, the most quoted mojibake of all (``��ʼ��װ...`` for ``开始安装...``).

A UTF-8 decoder turns most legacy bytes into U+FFFD, but the pairs that happen to be valid UTF-8
survive as letters of other scripts (``ʼ`` is CA BC, ``始`` in GBK; ``װ`` is D7 B0, ``装``) and a
trail byte 0x40–0x7E after a rejected lead survives as an ASCII letter. Read back into bytes, with
each U+FFFD one unknown byte (what Python, browsers and most terminals write), the line parses as
the legacy code page: the surviving bytes pin down their characters, and the characters whose two
bytes were both rejected are guessed between them (``guess.fill``).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from typing import Iterator

from .._core import ChainTokens
from .chains import core_chains
from .tokens import REPLACEMENT, UNK

WRITERS = ("gbk", "big5")
# The reading is tried on lines where U+FFFD stands beside what a UTF-8 decoder makes of legacy
# bytes: characters of two bytes in UTF-8 (U+0080–U+07FF), or other U+FFFD.
_TWO_BYTE = range(0x80, 0x800)
# A line read this way has at least this many U+FFFD (two characters lost or garbled)
MIN_REPLACEMENTS = 2


def may_be_legacy(line: str) -> bool:
    """Whether ``line`` may be GBK or Big5 read as UTF-8: enough U+FFFD, and two of them side by
    side or a character UTF-8 writes in two bytes (what survives of legacy pairs)."""
    if line.count(REPLACEMENT) < MIN_REPLACEMENTS:
        return False
    return any(ord(c) in _TWO_BYTE for c in line) or REPLACEMENT * 2 in line


# How many U+FFFD of a line may be read as two bytes instead of one: a decoder that replaces each
# maximal invalid subpart writes one for a lead byte E0–EF and the continuation byte after it
# (生成引擎版本 in GBK: 8 U+FFFD and 汾, 11 bytes for 12).
MAX_WIDENED = 3


# A byte UTF-8 never has: it stands for each U+FFFD while a line is read back into bytes.
_UNKNOWN_BYTE = 0xFF


def _line_bytes(line: str) -> tuple[list[int], list[int]]:
    """The bytes of the line read as UTF-8, each U+FFFD one unknown byte, and where each U+FFFD is."""
    # (a lone surrogate parses as nothing; EF BF BD is U+FFFD and nothing else)
    encoded = line.encode("utf-8", "surrogatepass").replace(REPLACEMENT.encode(), bytes((_UNKNOWN_BYTE,)))
    return [UNK if b == _UNKNOWN_BYTE else b for b in encoded], [i for i, b in enumerate(encoded) if b == _UNKNOWN_BYTE]


def _widened(data: list[int], offsets: list[int], wide: list[int]) -> list[int]:
    """``data`` with each U+FFFD numbered in ``wide`` (in order) two unknown bytes."""
    widened = list(data)
    for number in reversed(wide):
        widened.insert(offsets[number], UNK)
    return widened


def _last_before(offsets: list[int], wide: list[int], p: int) -> int:
    """The number of the last U+FFFD that begins at or before byte ``p`` once those numbered in
    ``wide`` are two bytes (-1 if none does); a search, not a list of every U+FFFD's start: a
    line of random bytes holds thousands."""
    return bisect_right(range(len(offsets)), p, key=lambda number: offsets[number] + bisect_left(wide, number)) - 1


def legacy_readings(line: str) -> Iterator[tuple[str, int, ChainTokens, str]]:
    """The line read as each legacy code page (lost characters where bytes were rejected): (text,
    lost bytes, tokens, code page), only readings that parse the whole line and hold a non-ASCII
    character, a U+FFFD taken for two bytes where the line does not parse otherwise (the last one
    before the byte that does not parse)."""
    line_data, offsets = _line_bytes(line)
    for writer in WRITERS:
        wide: list[int] = []
        for _ in range(MAX_WIDENED + 1):
            data = _widened(line_data, offsets, wide)
            # A character both of whose bytes were rejected is a ``Lost`` of ``gbk~utf-8``
            # (``big5~utf-8``): guessed only among the characters UTF-8 rejects both bytes of.
            reading, failed = core_chains().read_legacy(data, writer, f"{writer}~utf-8")
            if reading is not None:
                (text, lost, tokens), wide = reading
                if wide:
                    yield text, lost, tokens, writer
                break
            widen = next((n for n in range(_last_before(offsets, wide, failed), -1, -1) if n not in wide), None)
            if widen is None:
                break
            insort(wide, widen)
