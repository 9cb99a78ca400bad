"""UTF-8 read as cp1252 or Latin-1, with the bytes that code page has no character for dropped.

cp1252 leaves 81, 8D, 8F, 90 and 9D undefined, and Latin-1 reads 80–9F as C1 controls: a web
page, a terminal or a copy and paste drops them (and the invisible soft hyphen, AD), and what is left of a Chinese character is its
lead and one continuation byte (``canalå—ç¬¦é›†ç¼–ç\xa0é—®é¢˜`` has lost the 8F of 码). Read back
into bytes, the line parses as UTF-8 once each character short of continuation bytes gets one
or two unknown bytes, among the values the code page drops, in any of their places: one of
seven values for cp1252, so the character is guessed among a handful (``guess.fill``); Latin-1
drops 34, and a character that lost two of them is guessed only where the model is sure.
"""

from __future__ import annotations

import codecs
from typing import Iterator

from .._core import ChainTokens
from .chains import core_chains

# The bytes each code page's text loses: those it has no character for (cp1252) or reads as C1
# controls (Latin-1), and in both the soft hyphen (AD), which shows as nothing, and the no-break
# space (A0), which a strip() takes off the end of a line
_INVISIBLE = (0xA0, 0xAD)
DROPPED: dict[str, frozenset[int]] = {
    "cp1252": frozenset((0x81, 0x8D, 0x8F, 0x90, 0x9D, *_INVISIBLE)),
    "latin-1": frozenset((*range(0x80, 0xA0), *_INVISIBLE)),
}


def _c1_as_itself(error: UnicodeError) -> tuple[bytes, int]:
    """An encoding error handler: a C1 control is its own byte in either code page (cp1252 has
    none for the five it leaves undefined)."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    chars = error.object[error.start:error.end]
    if not all("\x80" <= char <= "\x9f" for char in chars):
        raise error
    return chars.encode("latin-1"), error.end


codecs.register_error("textfix-c1-as-itself", _c1_as_itself)


def _bytes(line: str, codec: str) -> list[int] | None:
    """The bytes ``codec`` (one a character) read ``line`` from, or None where it has no byte for
    a character."""
    try:
        return list(line.encode(codec, "textfix-c1-as-itself"))
    except UnicodeEncodeError:
        return None


def dropped_readings(line: str) -> Iterator[tuple[str, int, ChainTokens, str]]:
    """The line read as UTF-8 bytes that each code page read, with the bytes it drops put back
    as unknowns (lost characters) where a character is short of them: (text, lost bytes, tokens,
    code page), only readings that parse whole and lose at least one byte. (A character may have
    lost two of its continuation bytes: at one, Latin-1 with its C1 controls dropped read back 0
    of 40 generated lines, CER 179%; at two, 48%.)"""
    for codec, dropped in DROPPED.items():
        data = _bytes(line, codec)
        if data is None:
            continue
        reading = core_chains().read_dropped(data, dropped)
        if reading is not None:
            text, lost, tokens = reading
            yield text, lost, tokens, codec


def reads_as_chinese(text: str) -> bool:
    """Whether a reading of ``text`` with dropped bytes put back holds a CJK character: the
    repair engine's to weigh (ftfy would leave U+FFFD where the bytes were dropped)."""
    return any(isinstance(t, str) and t >= "\u2e80" for *_, tokens, _ in dropped_readings(text) for t in tokens.tokens())
