"""Build ``rust/data/codecs.txt``: where the codecs mojibake is made with differ from encoding_rs.

The compiled core reads text back into the bytes it was decoded from with ``encoding_rs``
(WHATWG's encodings). The mojibake the engine repairs was made by the codecs Windows and
Python have (``FAMILIES``: code page 936 and GB18030-2005, code page 950
and Big5-HKSCS, Latin-1 and Windows-1252), which differ from WHATWG's on a few thousand
characters, and whose strict decoders reject bytes WHATWG's accept. This script compares the
two over every code point and writes the differences, which the core applies:

- ``reader FAMILY CODE BYTES``: ``family`` reads code point ``CODE`` (hex) from ``BYTES`` (hex;
  ``-``: from none) where encoding_rs says otherwise;
- ``rejected FAMILY FOLLOWING VALUES``: before a byte of ``FOLLOWING``, a decoder of the family
  (``tokens.DECODERS``) replaces a byte of ``VALUES`` with one U+FFFD (ranges of hex bytes).

Run after building the core (``pip install -e .``), then build it again:
``python -m corpora.build_codecs``. ``tests/test_codecs.py`` holds the core to Python's codecs.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from textfix import _core  # noqa: E402
from textfix.repair import bad_codecs  # noqa: E402,F401  (registers the sloppy codecs)

OUTPUT = REPO_ROOT / "rust" / "data" / "codecs.txt"
REPLACEMENT = "\ufffd"
# The codecs a reader family tries, in order, to turn a character back into the bytes it was read
# from: Chinese mojibake may come from Python's strict codecs or from the Windows code pages.
# The Windows code page reads € from 0x80, GB18030 from A2 E3 (the "gb18030" family, which reads
# the rest as "gbk" does): text holding € is read both ways (the chains try "gb18030" only there).
FAMILIES: dict[str, tuple[str, ...]] = {
    "gbk": ("sloppy-gbk", "gb18030"),
    "gb18030": ("gb18030", "sloppy-gbk"),
    "big5": ("cp950", "big5hkscs"),
    "latin": ("latin-1", "sloppy-cp1252"),
}
# The decoders that leave U+FFFD where a family's text lost a byte (the lenient code pages the
# family also reads with leave none).
DECODERS: dict[str, tuple[str, ...]] = {
    "gbk": ("gbk", "gb18030"), "gb18030": ("gbk", "gb18030"), "big5": ("cp950", "big5hkscs"), "latin": ("cp1252",),
}
CODE_POINTS = (*range(0x80, 0xD800), *range(0xE000, 0x110000))


def python_reader_bytes(char: str, family: str) -> bytes | None:
    """The bytes ``char`` was decoded from when read with ``family``'s codecs, as Python has them."""
    for codec in FAMILIES[family]:
        try:
            return char.encode(codec)
        except UnicodeEncodeError:
            continue
    return None


def python_rejected_bytes(family: str, following: int) -> frozenset[int]:
    """The bytes a decoder of ``family`` replaces with one U+FFFD when ``following`` comes next.
    Before a UTF-8 lead byte, GBK rejects only 0x80 and the user-defined leads (AA–AF), not the
    other 46 continuation bytes."""
    return frozenset(
        value for value in range(0x80, 0x100)
        if any(bytes((value, following)).decode(codec, errors="replace")
               == REPLACEMENT + bytes((following,)).decode(codec, errors="replace") for codec in DECODERS[family]))


def byte_ranges(values: Iterable[int]) -> str:
    """Byte values as hex ranges: ``80,a1-a7,fe-ff``."""
    runs: list[list[int]] = []
    for value in sorted(values):
        if runs and runs[-1][1] == value - 1:
            runs[-1][1] = value
        else:
            runs.append([value, value])
    return ",".join(f"{low:02x}" if low == high else f"{low:02x}-{high:02x}" for low, high in runs)


def reader_differences(family: str) -> Iterator[str]:
    for code in CODE_POINTS:
        char = chr(code)
        wanted = python_reader_bytes(char, family)
        if wanted != _core.standard_bytes(char, family):
            yield f"reader {family} {code:x} {wanted.hex() if wanted is not None else '-'}"


def rejected_lines(family: str) -> Iterator[str]:
    by_values: dict[frozenset[int], list[int]] = {}
    for following in range(0x100):
        by_values.setdefault(python_rejected_bytes(family, following), []).append(following)
    for values, following in by_values.items():
        yield f"rejected {family} {byte_ranges(following)} {byte_ranges(values) or '-'}"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    lines = [
        "# Where the codecs mojibake is made with differ from encoding_rs (written by corpora/build_codecs.py).",
        "# reader FAMILY CODE-POINT BYTES (- : none); rejected FAMILY FOLLOWING-BYTES REJECTED-BYTES",
    ]
    for family in FAMILIES:
        lines += reader_differences(family)
        lines += rejected_lines(family)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(lines) + "\n", encoding="ascii")
    print(f"{args.out}: {len(lines) - 2} lines")


if __name__ == "__main__":
    main()
