"""The core's codecs (encoding_rs, corrected by rust/data/codecs.txt) against Python's, which
made the mojibake the engine repairs: every character of the Basic Multilingual Plane and of
the plane of rare CJK ideographs, and every rejected-byte set."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from corpora.build_codecs import FAMILIES, python_rejected_bytes, python_reader_bytes  # noqa: E402
from textfix import _core  # noqa: E402

CODE_POINTS = (*range(0x80, 0xD800), *range(0xE000, 0x30000), *range(0x10F7F0, 0x110000))


@pytest.mark.parametrize("family", FAMILIES)
def test_a_character_reads_back_as_pythons_codecs_have_it(family: str) -> None:
    differ = [hex(code) for code in CODE_POINTS
              if _core.reader_bytes(chr(code), family) != python_reader_bytes(chr(code), family)]
    assert differ == []


@pytest.mark.parametrize("family", FAMILIES)
def test_rejected_bytes_are_those_of_the_strict_decoders(family: str) -> None:
    differ = [following for following in range(0x100)
              if _core.rejected_bytes(family, following) != python_rejected_bytes(family, following)]
    assert differ == []


def test_the_corrections_are_where_windows_and_whatwg_differ() -> None:
    assert _core.standard_bytes("\u00a2", "big5") is None  # WHATWG leaves ¢ to HKSCS
    assert _core.reader_bytes("\u00a2", "big5") == b"\xa2\x46"  # code page 950 has it
    assert _core.reader_bytes("中", "gbk") == b"\xd6\xd0" and _core.reader_bytes("€", "gbk") == b"\x80"
    assert _core.reader_bytes("€", "gb18030") == b"\xa2\xe3"
    assert _core.reader_bytes("\ud800", "gb18030") is None  # a lone surrogate is no character
    assert 0x80 in _core.rejected_bytes("gbk", ord("a"))  # WHATWG's GBK reads it as €
