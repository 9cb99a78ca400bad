"""Bytes and code points written out as escapes, where a person was meant to read the text.

git quotes a non-ASCII file name in octal (``"\\344\\270\\255\\346\\226\\207.txt"``), Python prints
``b'\\xe4\\xb8\\xad'``, ``less`` shows ``<E4><B8><AD>``, a URL carries ``%E4%B8%AD``, JSON and
JavaScript ``\\u4e2d``, Subversion ``{U+4E2D}``. Each is a style (`STYLES`, by name, so a Change
says which one it read); a run of two or more escaped bytes in one style is decoded as UTF-8, or
as the legacy code page that reads it best (``%D6%D0%CE%C4`` is GBK), and replaced only when it
decodes strictly to text with a character outside ASCII (the legacy code pages tried are the
Chinese ones: the escapes are in a Chinese text). Escaped code points need one escape, of a
CJK character.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .decode import rank


@dataclass(frozen=True)
class Style:
    """One way of writing escapes: ``run`` matches two or more escapes in a row, ``unit`` one of
    them, whose group 1 is the value in ``base``; ``code_points`` when a unit is a character,
    not a byte."""

    name: str
    run: re.Pattern[str]
    unit: re.Pattern[str]
    base: int
    code_points: bool = False


def _style(name: str, unit: str, base: int, code_points: bool = False) -> Style:
    least = 1 if code_points else 2
    return Style(name, re.compile(f"(?:{unit}){{{least},}}"), re.compile(unit), base, code_points)


# Escaped bytes are those of non-ASCII characters (0x80 and up): ``\\n`` and ``%20`` stay.
STYLES: tuple[Style, ...] = (
    _style("octal", r"\\([23][0-7]{2})", 8),
    _style("hex", r"\\[xX]([89a-fA-F][0-9a-fA-F])", 16),
    _style("angle", r"<([89A-F][0-9A-F])>", 16),
    _style("percent", r"%([89a-fA-F][0-9a-fA-F])", 16),
    _style("unicode", r"\\{1,2}u(?!00[0-7])([0-9a-fA-F]{4})", 16, code_points=True),
    _style("code-point", r"\{U\+([0-9A-F]{4,5})\}", 16, code_points=True),
)
# Escaped code points are decoded from the CJK blocks on: a ``\u201c`` in a translated sentence
# may be meant (a text about escapes), an escaped Chinese word never is.
MIN_ESCAPED_CODE_POINT = 0x2E80
# An escaped run read as a legacy code page holds two characters at least
MIN_LEGACY_BYTES = 4
# The legacy code pages an escaped run that is no UTF-8 may be in (escapes are read in Chinese text)
LEGACY = ("gb18030", "cp950", "big5hkscs")
_ANY = re.compile("|".join(style.unit.pattern for style in STYLES))
# The characters every escape of `STYLES` opens with: a text without them holds none (finding
# them is a plain scan, cheaper than trying every style at every position)
_OPENERS = "\\<%{"


def may_hold_escapes(text: str) -> bool:
    """The fast path: whether the text holds anything that looks like an escape."""
    return any(opener in text for opener in _OPENERS) and _ANY.search(text) is not None


def _decode_run(style: Style, run: str) -> tuple[str, str] | None:
    """The text a run of escapes stands for, with the codec it was read with; None if it does not
    decode strictly to text holding a letter (a word escaped; a URL's escaped dash, %e2%80%91,
    is meant as it is)."""
    decoded = _decoded(style, run)
    if decoded is None or not any(unicodedata.category(char).startswith("L") for char in decoded[0]):
        return None
    return decoded


def _decoded(style: Style, run: str) -> tuple[str, str] | None:
    values = [int(m.group(1), style.base) for m in style.unit.finditer(run)]
    if style.code_points:
        if any(0xD800 <= v <= 0xDFFF or v < MIN_ESCAPED_CODE_POINT for v in values):
            return None
        return "".join(map(chr, values)), "unicode"
    data = bytes(values)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if len(data) < MIN_LEGACY_BYTES:
        return None  # one pair that is no UTF-8 is more likely a character cut short than GBK
    codec = next(codec for _, codec, _ in rank(data, use_normalizer=False) if codec in LEGACY)
    try:
        return data.decode(codec), codec
    except UnicodeDecodeError:
        return None


def unescape(line: str) -> tuple[str, list[str]]:
    """The line with its escape runs decoded, and the rule of each run decoded
    (``escape:<style>:<codec>``)."""
    if _ANY.search(line) is None:
        return line, []
    rules = []
    for style in STYLES:
        parts = []
        position = 0
        for match in style.run.finditer(line):
            decoded = _decode_run(style, match.group())
            if decoded is None:
                continue
            text, codec = decoded
            parts.append(line[position : match.start()] + text)
            rules.append(f"escape:{style.name}:{codec}")
            position = match.end()
        if parts:
            line = "".join(parts) + line[position:]
    return line, rules
