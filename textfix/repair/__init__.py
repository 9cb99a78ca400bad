"""Encoding repair: undo layered mojibake, lost bytes and frame shifts (placeholder, see issue 3).

The public contract other modules rely on:
- ``repair_text(text) -> (text, [Change])``: repair damaged spans, leave clean text untouched;
- ``assess_damage(text) -> Damage``: what is still unknown after repair;
- ``decode_bytes(data) -> DecodeResult``: bytes of unknown encoding to text.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from charset_normalizer import from_bytes

from ..types import Change, Damage

STEP = "repair"


def repair_text(text: str) -> tuple[str, list[Change]]:
    """Repair mojibake in ``text``; returns the text and one Change per repaired span."""
    return text, []


def garbage_score(line: str) -> float:
    """How implausible ``line`` is as text, 0 (plausible) to 1 (garbage): share of unknown characters."""
    if not line:
        return 0.0
    unknown = sum(ch == "\ufffd" or "\ue000" <= ch <= "\uf8ff" for ch in line)
    return unknown / len(line)


def assess_damage(text: str) -> Damage:
    """Count the characters that are still unknown (U+FFFD) in repaired text."""
    unknown = text.count("\ufffd")
    return Damage(unknown_chars=unknown, damaged_share=unknown / len(text) if text else 0.0)


@dataclass(frozen=True)
class DecodeResult:
    """Decoded text with the encoding chosen and how sure the choice is."""

    text: str
    encoding: str
    confidence: float


_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def decode_bytes(data: bytes) -> DecodeResult:
    """Decode bytes of unknown encoding: BOM, strict UTF-8, then the best legacy candidate."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return DecodeResult(data.decode(encoding, errors="replace"), encoding, 1.0)
    try:
        return DecodeResult(data.decode("utf-8"), "utf-8", 1.0)
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is not None:
        return DecodeResult(str(best), best.encoding, 1.0 - best.chaos)
    return DecodeResult(data.decode("gb18030", errors="replace"), "gb18030", 0.0)
