"""Sloppy codecs: the legacy decoders real software uses, registered with Python's codec registry.

Python's own codecs are stricter than the software that made most mojibake:

- ``sloppy-cp1252``: Windows-1252 that keeps the five undefined bytes (81 8D 8F 90 9D) as the C1
  controls U+0081 … U+009D, as browsers and Windows do, so every byte decodes and round-trips.
- ``sloppy-gbk``: GBK as Windows code page 936 decodes it: 0x80 is the euro sign and the
  user-defined areas (AAA1–AFFE, F8A1–FEFE, A140–A7A0) map to the private use area
  U+E000–U+E765, which Python's ``gbk`` refuses. Four-byte GB18030 sequences are not GBK.

Importing this module registers both (``codecs.lookup("sloppy-gbk")``).
"""

from __future__ import annotations

import codecs
import re
from functools import lru_cache

SLOPPY_CODECS = ("sloppy-cp1252", "sloppy-gbk")
_C1_UNDEFINED = (0x81, 0x8D, 0x8F, 0x90, 0x9D)
_GBK_TOKEN = re.compile(rb"[\x00-\x7f]|\x80|[\x81-\xfe][\x40-\x7e\x80-\xfe]|[\x80-\xff]")


def _cp1252_table() -> str:
    chars = []
    for byte in range(256):
        try:
            chars.append(bytes([byte]).decode("cp1252"))
        except UnicodeDecodeError:
            chars.append(chr(byte))
    return "".join(chars)


_CP1252_DECODE = _cp1252_table()
_CP1252_ENCODE = codecs.charmap_build(_CP1252_DECODE)


def _cp1252_encode(text: str, errors: str = "strict") -> tuple[bytes, int]:
    return codecs.charmap_encode(text, errors, _CP1252_ENCODE)


def _cp1252_decode(data: bytes, errors: str = "strict") -> tuple[str, int]:
    return codecs.charmap_decode(data, errors, _CP1252_DECODE)


@lru_cache(maxsize=1)
def gbk_pairs() -> dict[bytes, str]:
    """Every two-byte sequence code page 936 decodes, with its character (PUA for user-defined)."""
    table: dict[bytes, str] = {}
    for lead in range(0x81, 0xFF):
        for trail in (*range(0x40, 0x7F), *range(0x80, 0xFF)):
            pair = bytes((lead, trail))
            try:
                table[pair] = pair.decode("gb18030")
            except UnicodeDecodeError:
                continue
    return table


@lru_cache(maxsize=1)
def _gbk_encode_table() -> dict[str, bytes]:
    table = {char: pair for pair, char in gbk_pairs().items()}
    table["\u20ac"] = b"\x80"
    return table


def _gbk_decode(data: bytes, errors: str = "strict") -> tuple[str, int]:
    pairs = gbk_pairs()
    out: list[str] = []
    position = 0
    while position < len(data):
        match = _GBK_TOKEN.match(data, position)
        assert match is not None  # the last alternative matches any byte
        token = match.group()
        if len(token) == 1 and token[0] < 0x80:
            out.append(chr(token[0]))
        elif token == b"\x80":
            out.append("\u20ac")
        elif token in pairs:
            out.append(pairs[token])
        else:
            # An invalid sequence costs one byte, as Python's CJK decoders do.
            handler = codecs.lookup_error(errors)
            replacement, position = handler(UnicodeDecodeError("sloppy-gbk", data, position, position + 1, "illegal multibyte sequence"))
            out.append(replacement)
            continue
        position = match.end()
    return "".join(out), len(data)


def _gbk_encode(text: str, errors: str = "strict") -> tuple[bytes, int]:
    table = _gbk_encode_table()
    out = bytearray()
    position = 0
    while position < len(text):
        char = text[position]
        if char < "\x80":
            out.append(ord(char))
        elif char in table:
            out += table[char]
        else:
            handler = codecs.lookup_error(errors)
            replacement, position = handler(UnicodeEncodeError("sloppy-gbk", text, position, position + 1, "character not in code page 936"))
            out += replacement.encode("ascii") if isinstance(replacement, str) else replacement
            continue
        position += 1
    return bytes(out), len(text)


def _codec_info(name: str, encode, decode) -> codecs.CodecInfo:
    class IncrementalEncoder(codecs.IncrementalEncoder):
        def encode(self, text: str, final: bool = False) -> bytes:
            return encode(text, self.errors)[0]

    class IncrementalDecoder(codecs.BufferedIncrementalDecoder):
        def _buffer_decode(self, data: bytes, errors: str, final: bool) -> tuple[str, int]:
            return decode(data, errors)

    class StreamWriter(codecs.StreamWriter):
        pass

    class StreamReader(codecs.StreamReader):
        pass

    StreamWriter.encode = staticmethod(encode)  # type: ignore[method-assign]
    StreamReader.decode = staticmethod(decode)  # type: ignore[method-assign]
    return codecs.CodecInfo(encode, decode, StreamReader, StreamWriter, IncrementalEncoder, IncrementalDecoder, name=name)


_CODECS = {
    "sloppy_cp1252": _codec_info("sloppy-cp1252", _cp1252_encode, _cp1252_decode),
    "sloppy_gbk": _codec_info("sloppy-gbk", _gbk_encode, _gbk_decode),
}


def _search(name: str) -> codecs.CodecInfo | None:
    return _CODECS.get(name.replace("-", "_"))


codecs.register(_search)
