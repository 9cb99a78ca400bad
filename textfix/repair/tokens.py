"""Text as the repair engine sees it: characters, and characters whose bytes were partly lost.

A damaged line is a list of tokens: a ``str`` of one character, or ``Lost`` — a character some
of whose bytes are unknown, with the bytes that are known kept in place (``UNK`` elsewhere).
Unknown bytes are carried through every layer instead of decoding junk; only the last layer
guesses (see ``guess.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .. import _core
from .._core import UNK  # a byte whose value was lost (the core reads byte streams with it too)
from . import bad_codecs  # noqa: F401  (registers sloppy-gbk and sloppy-cp1252)

REPLACEMENT = "\ufffd"


@dataclass(frozen=True)
class Lost:
    """A character with unknown bytes: ``pattern`` in ``writer``'s encoding, ``UNK`` where lost;
    ``allowed`` gives, byte by byte, the values an unknown byte may have had (None: any), where
    a decoder rejected it (``_core.rejected_bytes``); ``alternatives`` are other patterns it may
    have had, where the bytes that survived do not tell which one was lost; ``lost_values``, the
    values every unknown byte of any of them may have had (None: any), where the bytes lost are
    those a code page drops (`dropped.py`)."""

    pattern: tuple[int, ...]
    writer: str
    allowed: tuple[frozenset[int] | None, ...] = ()
    alternatives: tuple[tuple[int, ...], ...] = ()
    lost_values: frozenset[int] | None = None

    def allowed_in(self, pattern: tuple[int, ...]) -> tuple[frozenset[int] | None, ...]:
        """What each unknown byte of ``pattern`` (the pattern or an alternative) may have been."""
        if self.lost_values is not None:
            return tuple(self.lost_values if b == UNK else None for b in pattern)
        return self.allowed if pattern == self.pattern else ()

    @property
    def unknown(self) -> int:
        """How many of its bytes are unknown."""
        return sum(b == UNK for b in self.pattern)


@lru_cache(maxsize=65536)
def reader_bytes(char: str, family: str) -> bytes | None:
    """The bytes ``char`` was decoded from when read with ``family`` (``gbk``, ``gb18030``,
    ``big5``, ``latin``: the codecs Chinese mojibake comes from, Python's strict ones and the
    Windows code pages, see ``corpora/build_codecs.py``); None if it cannot have been."""
    return _core.reader_bytes(char, family)


def read_by(line: str, family: str) -> bool:
    """Whether every character of ``line`` is one ``family``'s decoder produces: a line read out
    of phase from a Big5 stream holds no character Big5 lacks (区, 峡), before or after its run."""
    return all(c < "\x80" or c == REPLACEMENT or reader_bytes(c, family) is not None for c in set(line))


# A lossy layer's marks are taken for what is left of them (a Lost UTF-8 character that only one
# of them fits) as read as GBK once inside a line, and up to twice at its end, where decoders
# reject a lead byte left alone layer after layer: with twice inside a line, more held-out lines
# of three and four layers got worse than better.
END_RESIDUE_LAYERS = 2


@lru_cache(maxsize=2)
def residue_chars(layers: int) -> tuple[str, ...]:
    """What a lossy layer leaves in the text it writes: U+FFFD, and what that becomes read as GBK
    ``layers`` times more (锟斤拷, then 閿熸枻鎷烽敓鏂ゆ嫹), from either byte."""
    found = "\ufffd"
    text = "\ufffd" * 6
    for _ in range(layers):
        data = text.encode("utf-8")
        readings = [data[start:].decode("gbk", errors="replace") for start in (0, 1)]
        found += "".join(readings)
        text = readings[0]
    return tuple(dict.fromkeys(found))


def render(tokens: list) -> str:
    """Tokens as text; every unguessed lost character is one U+FFFD."""
    return "".join(REPLACEMENT if isinstance(t, Lost) else t for t in tokens)
