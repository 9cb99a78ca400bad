"""Text as the repair engine sees it: characters, and characters whose bytes were partly lost.

A damaged line is a list of tokens: a ``str`` of one character, or ``Lost`` — a character some
of whose bytes are unknown, with the bytes that are known kept in place (``UNK`` elsewhere).
Unknown bytes are carried through every layer instead of decoding junk; only the last layer
guesses (see ``guess.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from . import bad_codecs  # noqa: F401  (registers sloppy-gbk and sloppy-cp1252)

UNK = -1  # a byte whose value was lost
BARRIER = -2  # a character the reader cannot have produced: no run crosses it
REPLACEMENT = "\ufffd"


@dataclass(frozen=True)
class Lost:
    """A character with unknown bytes: ``pattern`` in ``writer``'s encoding, ``UNK`` where lost."""

    pattern: tuple[int, ...]
    writer: str

    @property
    def unknown(self) -> int:
        """How many of its bytes are unknown."""
        return sum(b == UNK for b in self.pattern)


# The codecs a reader family tries, in order, to turn a character back into the bytes it was read
# from: Chinese mojibake may come from Python's strict codecs or from the Windows code pages.
FAMILIES: dict[str, tuple[str, ...]] = {
    "gbk": ("sloppy-gbk", "gb18030"),
    "big5": ("cp950", "big5hkscs"),
    "latin": ("latin-1", "sloppy-cp1252"),
}
# A character lost in the layer above is one character of the reader's: two bytes for the
# double-byte codecs, one for the Latin ones.
LOST_WIDTH = {"gbk": 2, "big5": 2, "latin": 1}


@lru_cache(maxsize=65536)
def reader_bytes(char: str, family: str) -> bytes | None:
    """The bytes ``char`` was decoded from when read with ``family``; None if it cannot be."""
    for codec in FAMILIES[family]:
        try:
            return char.encode(codec)
        except UnicodeEncodeError:
            continue
    return None


def to_bytes(tokens: list, family: str) -> tuple[list[int], list[int]]:
    """Tokens back to the byte stream ``family`` read them from, with each token's start offset.

    U+FFFD stands for one unknown byte (what Python's decoders replace); a ``Lost`` token for
    ``LOST_WIDTH`` unknown bytes; a character the family cannot have produced is a ``BARRIER``.
    """
    data: list[int] = []
    offsets: list[int] = []
    for token in tokens:
        offsets.append(len(data))
        if isinstance(token, Lost):
            data.extend([UNK] * LOST_WIDTH[family])
        elif token == REPLACEMENT:
            data.append(UNK)
        else:
            encoded = reader_bytes(token, family)
            if encoded is None:
                data.append(BARRIER)
            else:
                data.extend(encoded)
    offsets.append(len(data))
    return data, offsets


def is_unknown(token: object) -> bool:
    """A token that stands for lost data: ``Lost`` or U+FFFD."""
    return isinstance(token, Lost) or token == REPLACEMENT


def render(tokens: list) -> str:
    """Tokens as text; every unguessed lost character is one U+FFFD."""
    return "".join(REPLACEMENT if isinstance(t, Lost) else t for t in tokens)
