"""Damage clean text the way scrapes do, deterministically, keeping the truth with the caller.

``DAMAGE_KINDS`` maps a kind name to ``fn(text, rng) -> garbled``; ``garble(text, kind, rng)``
calls it. Every function depends only on ``text`` and ``rng``. A function raises
``UnicodeError`` when ``text`` cannot carry that damage (Simplified text that Big5 cannot
encode, no non-ASCII character to lose); callers pick another span.

Kinds:

- chains ``writer>reader[xN]``: the text's bytes in ``writer`` read as ``reader``, N times over
  (``utf-8>gb18030x4`` is the seed's footer); ``gbk>big5`` and ``big5>gbk`` read one legacy
  Chinese codec as the other; Latin chains as ftfy knows them. Lossless where every layer
  decodes strictly; otherwise every layer decodes with ``errors="replace"`` as real software
  does, so U+FFFD appears and turns into ``锟斤拷`` in the next layer (``apply_chain`` with
  ``errors="strict"`` gives the lossless cases alone). A trailing ``?`` writes U+FFFD as ``?``
  (a legacy charset that cannot hold it).
- ``utf-8>gb18030~lost``: one UTF-8 byte lost, then read as GB18030.
- ``fffd>gbk``: characters already lost as U+FFFD, then the whole read as GBK (``锟斤拷``).
- ``filler-gbk``: characters overwritten by uninitialised memory (``烫烫烫``, GBK CC CC).
- frame shifts: one byte lost (or, rarely, one extra) in a GBK / Big5 stream, decoded out of
  phase until an ASCII byte resynchronises it, full-width forms in the run NFKC-folded.
- ``partial-line``: a clean head and a tail garbled by a random chain.
- ``footer``: the whole text through four lossy UTF-8 → GB18030 layers with one byte lost.

``garbled_word`` (one to four characters of a clean line read as GB18030), ``SPAN_KINDS``
(six to twenty characters inside a clean line garbled by one double-byte code page read as the
other) and ``PASTED_KINDS`` (what people paste in issue threads: a GBK or Big5 console read as
UTF-8, Java's ``?`` for an invalid pair, the bytes cp1252 and Latin-1 drop, git's octal
escapes) are measured by the repair benchmark but are not in ``DAMAGE_KINDS``, so the dumps
made before them stay reproducible.
"""

from __future__ import annotations

import random
import re
import unicodedata
from typing import Callable

import textfix.repair.bad_codecs  # noqa: F401  (registers sloppy-gbk, sloppy-cp1252)

# What each name in a chain means when software reads or writes bytes with it.
CODECS = {
    "utf-8": "utf-8",
    "gbk": "sloppy-gbk",
    "gb18030": "gb18030",
    "big5": "big5",
    "cp950": "cp950",
    "big5hkscs": "big5hkscs",
    "cp1252": "sloppy-cp1252",
    "latin-1": "latin-1",
}

Layer = tuple[str, str]  # (writer, reader)


def apply_chain(text: str, layers: list[Layer], errors: str = "strict") -> str:
    """Write ``text`` with each layer's writer and read it back with its reader, in order."""
    for writer, reader in layers:
        text = text.encode(CODECS[writer], errors=errors).decode(CODECS[reader], errors=errors)
    return text


def parse_chain(name: str) -> list[Layer]:
    """``"utf-8>gb18030x4"`` → four (utf-8, gb18030) layers; ``"utf-8>gbk>cp1252"`` → two layers.

    In a chain of three or more names every later layer is written as UTF-8, as mojibake is
    saved again by software that works in UTF-8.
    """
    name = name.rstrip("~?")
    names = name.split(">")
    count = 1
    if "x" in names[-1] and names[-1].rsplit("x", 1)[1].isdigit():
        names[-1], repeat = names[-1].rsplit("x", 1)
        count = int(repeat)
    layers = [(names[0], names[1])] + [("utf-8", reader) for reader in names[2:]]
    return layers * count


def _fold_fullwidth(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", c) if "\uff01" <= c <= "\uff5e" or c == "\u3000" else c for c in text)


def _chain(name: str) -> Callable[[str, random.Random], str]:
    layers = parse_chain(name)
    question = name.endswith("?")

    def damage(text: str, rng: random.Random) -> str:
        try:
            return apply_chain(text, layers)
        except UnicodeError:
            garbled = apply_chain(text, layers, errors="replace")
        return garbled.replace("\ufffd", "?") if question else garbled

    how = "U+FFFD written as ?" if question else "U+FFFD and 锟斤拷"
    damage.__doc__ = f"mojibake, lossless where the bytes allow, else {how}: {' then '.join(f'{w} read as {r}' for w, r in layers)}"
    return damage


def _drop_byte(data: bytes, rng: random.Random) -> bytes:
    """Lose one byte of a multibyte character."""
    high = [i for i, b in enumerate(data) if b >= 0x80]
    if not high:
        raise UnicodeError("no multibyte character to damage")
    i = rng.choice(high)
    return data[:i] + data[i + 1 :]


def lossy_lost_byte(text: str, rng: random.Random) -> str:
    """lossy mojibake: one UTF-8 byte lost, then read as GB18030 with U+FFFD"""
    return _drop_byte(text.encode("utf-8"), rng).decode("gb18030", errors="replace")


def fffd_then_gbk(text: str, rng: random.Random) -> str:
    """锟斤拷 residue: one or two characters lost as U+FFFD, then UTF-8 read as GBK"""
    wide = [i for i, c in enumerate(text) if c >= "\x80"]
    if not wide:
        raise UnicodeError("no non-ASCII character to lose")
    i = rng.choice(wide)
    lost = "\ufffd" * rng.choice((1, 2, 2))
    return (text[:i] + lost + text[i + 1 :]).encode("utf-8").decode("gbk", errors="replace")


def filler_gbk(text: str, rng: random.Random) -> str:
    """烫烫烫 residue: a run of characters overwritten by uninitialised memory (GBK CC CC)"""
    wide = [i for i, c in enumerate(text) if c >= "\u2e80"]
    if not wide:
        raise UnicodeError("no CJK character to overwrite")
    i = rng.choice(wide)
    length = min(rng.randint(2, 6), len(text) - i)
    return text[:i] + rng.choice("烫屯") * length + text[i + length :]


def _frame_shift(codec: str, reader: str) -> Callable[[str, random.Random], str]:
    def damage(text: str, rng: random.Random) -> str:
        data = text.encode(codec)
        high = [i for i, b in enumerate(data) if b >= 0x80]
        if not high:
            raise UnicodeError("no multibyte character to shift")
        i = rng.choice(high)
        if rng.random() < 0.15:
            damaged = data[:i] + bytes([rng.randrange(0x81, 0xFF)]) + data[i:]
        else:
            damaged = data[:i] + data[i + 1 :]
        decoded = damaged.decode(reader, errors="replace")
        if rng.random() < 0.3:
            decoded = decoded.replace("\ufffd", "?")
        # The run is what differs from the truth: after the common head, before the common tail
        # (where an ASCII byte resynchronised the decoder). Only the run is folded.
        head = 0
        while head < min(len(decoded), len(text)) and decoded[head] == text[head]:
            head += 1
        same = 0
        while same < min(len(decoded), len(text)) - head and decoded[-1 - same] == text[-1 - same]:
            same += 1
        run, rest = decoded[head : len(decoded) - same], decoded[len(decoded) - same :]
        head_text = decoded[:head]
        return head_text + _fold_fullwidth(run) + rest

    damage.__doc__ = f"frame shift: one byte lost or added in a {codec.upper()} stream, out of phase until ASCII, full-width forms NFKC-folded"
    return damage


def garbled_word(text: str, rng: random.Random) -> str:
    """garbled-word damage: one to four Chinese characters of a clean line read as GB18030 (a
    name or term pasted from elsewhere), U+FFFD where their bytes do not pair up"""
    n = rng.randint(1, 4)
    starts = [m.start() for m in re.finditer(f"(?=[\\u4e00-\\u9fff]{{{n}}})", text)]
    if not starts:
        raise UnicodeError("no run of Chinese characters to garble")
    at = rng.choice(starts)
    word = text[at : at + n]
    return text[:at] + word.encode("utf-8").decode("gb18030", errors="replace") + text[at + n :]


def _garbled_span(chain: str) -> Callable[[str, random.Random], str]:
    layers = parse_chain(chain)

    def damage(text: str, rng: random.Random) -> str:
        if len(text) < 12:
            raise UnicodeError("too short for a span inside")
        length = rng.randint(6, min(20, len(text) - 4))
        at = rng.randint(2, len(text) - length - 2)
        span = text[at : at + length]
        try:
            garbled = apply_chain(span, layers)
        except UnicodeError:
            garbled = apply_chain(span, layers, errors="replace")
        return text[:at] + garbled + text[at + length :]

    damage.__doc__ = f"{chain}-span damage: six to twenty characters inside a clean line read as {chain}, clean text on both sides"
    return damage


SPAN_KINDS: dict[str, Callable[[str, random.Random], str]] = {
    f"{chain}-span": _garbled_span(chain) for chain in ("gbk>big5", "big5>gbk")
}


def _legacy_read_as_utf8(codec: str) -> Callable[[str, random.Random], str]:
    def damage(text: str, rng: random.Random) -> str:
        return text.encode(codec).decode("utf-8", errors="replace")

    damage.__doc__ = f"{codec}>utf-8 damage: the line's {codec} bytes read as UTF-8, U+FFFD for what it rejects"
    return damage


def java_question(text: str, rng: random.Random) -> str:
    """utf-8>gbk-java damage: UTF-8 bytes read as GBK by a decoder that writes one ``?`` for a
    pair it cannot read, swallowing both bytes (often the ASCII byte after a character)"""
    data = text.encode("utf-8")
    out = []
    p = 0
    while p < len(data):
        if data[p] < 0x80:
            out.append(chr(data[p]))
            p += 1
            continue
        try:
            out.append(data[p : p + 2].decode("gbk"))
        except UnicodeDecodeError:
            out.append("?")
        p += 2
    return "".join(out)


def _dropped(codec: str, dropped: bytes) -> Callable[[str, random.Random], str]:
    table = bytes.maketrans(b"", b"")

    def damage(text: str, rng: random.Random) -> str:
        data = text.encode("utf-8")
        kept = data.translate(table, dropped)
        if kept == data:
            raise UnicodeError("no byte to drop")
        return kept.decode(codec)

    damage.__doc__ = f"utf-8>{codec}-dropped damage: UTF-8 read as {codec}, the bytes it shows as nothing dropped"
    return damage


def git_octal(text: str, rng: random.Random) -> str:
    """escape-octal damage: every byte of a non-ASCII character written as git quotes a file name"""
    return "".join(c if c < "\x80" else "".join(f"\\{b:03o}" for b in c.encode("utf-8")) for c in text)


PASTED_KINDS: dict[str, Callable[[str, random.Random], str]] = {
    "gbk>utf-8": _legacy_read_as_utf8("gbk"),
    "big5>utf-8": _legacy_read_as_utf8("cp950"),
    "utf-8>gbk-java": java_question,
    "utf-8>cp1252-dropped": _dropped("cp1252", bytes((0x81, 0x8D, 0x8F, 0x90, 0x9D))),
    "utf-8>latin-1-dropped": _dropped("latin-1", bytes(range(0x80, 0xA0))),
    "escape-octal": git_octal,
}


_PARTIAL_CHAINS = ("utf-8>gb18030", "utf-8>gbk", "utf-8>gb18030x2", "utf-8>big5", "utf-8>cp1252", "gbk>big5")


def partial_line(text: str, rng: random.Random) -> str:
    """partial-line damage: a clean head, the tail garbled by a random chain"""
    if len(text) < 4:
        raise UnicodeError("too short to split")
    cut = rng.randint(len(text) // 4, (3 * len(text)) // 4)
    layers = parse_chain(rng.choice(_PARTIAL_CHAINS))
    try:
        tail = apply_chain(text[cut:], layers)
    except UnicodeError:
        tail = apply_chain(text[cut:], layers, errors="replace")
    return text[:cut] + tail


def footer(text: str, rng: random.Random) -> str:
    """footer damage: one UTF-8 byte lost, then read as GB18030 four times with U+FFFD (the seed's footer)"""
    garbled = _drop_byte(text.encode("utf-8"), rng).decode("gb18030", errors="replace")
    return apply_chain(garbled, parse_chain("utf-8>gb18030x3"), errors="replace")


CHAINS = (
    "utf-8>gbk", "utf-8>gb18030", "utf-8>gb18030x2", "utf-8>gb18030x3", "utf-8>gb18030x4",
    "utf-8>big5", "utf-8>cp950", "utf-8>big5hkscs", "utf-8>cp1252", "utf-8>latin-1", "utf-8>cp1252x2",
    "utf-8>gb18030>cp1252", "gbk>big5", "big5>gbk", "utf-8>gbk?",
)

DAMAGE_KINDS: dict[str, Callable[[str, random.Random], str]] = {
    **{name: _chain(name) for name in CHAINS},
    "utf-8>gb18030~lost": lossy_lost_byte,
    "fffd>gbk": fffd_then_gbk,
    "filler-gbk": filler_gbk,
    "gbk-frame-shift": _frame_shift("gbk", "gb18030"),
    "big5-frame-shift": _frame_shift("cp950", "cp950"),
    "partial-line": partial_line,
    "footer": footer,
}


def garble(text: str, kind: str, rng: random.Random) -> str:
    """Damage ``text`` with ``kind`` (a key of ``DAMAGE_KINDS``); deterministic given ``rng``."""
    try:
        damage = DAMAGE_KINDS[kind]
    except KeyError:
        raise ValueError(f"unknown damage kind {kind!r}; choose from {', '.join(DAMAGE_KINDS)}") from None
    return damage(text, rng)
