"""HTML pages as bytes: decoded with the declared charset checked against them, and told apart
from text pages.

A page declared ``gb2312`` that is really UTF-8 (or the reverse) is a common source of mojibake:
`decode_html` believes the bytes before the declaration, and when neither reads them cleanly
it hands them to `textfix.repair.decode_bytes`, so the repair engine sees what they hold.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from .repair import decode_bytes

_DECLARED = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.IGNORECASE)
_HTML_START = re.compile(r"\A\s*(?:<!--.*?-->\s*)*(?:<!doctype\s+html|<html[\s>]|<head[\s>])", re.IGNORECASE | re.DOTALL)
# What browsers read a declared label as (WHATWG Encoding: gb2312 and gbk are gb18030's subsets,
# big5 is read as Windows' cp950 with the HKSCS extensions).
_BROWSER_READS = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030",
                  "big5": "big5hkscs", "big5-hkscs": "big5hkscs", "x-x-big5": "big5hkscs",
                  "iso-8859-1": "cp1252", "latin1": "cp1252", "us-ascii": "cp1252", "ascii": "cp1252"}


# 0xA3 0xA0 as Python's gb18030 codec reads it.
_GB_A3A0 = "\ue5e5"


@dataclass(frozen=True)
class HtmlText:
    """An HTML page's text and how it was read: ``encoding`` used, ``declared`` by the page (or
    None), and ``reason`` when the two differ."""

    text: str
    encoding: str
    declared: str | None = None
    reason: str | None = None

    def charset_notes(self) -> dict[str, str]:
        """What the page declared and why that was not used, where there is something to say."""
        notes = {"declared": self.declared, "charset": self.reason}
        return {key: value for key, value in notes.items() if value}


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in its first 4 KB (``<meta charset>`` or http-equiv), lowercased."""
    match = _DECLARED.search(data[:4096])
    return match.group(1).decode("ascii").lower() if match else None


def _codec(label: str) -> str | None:
    name = _BROWSER_READS.get(label, label)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_html(data: bytes) -> HtmlText:
    """An HTML page's bytes as text: a BOM, else UTF-8 when the bytes are valid UTF-8 with non-ASCII
    in them (whatever the page declares), else the declared charset when it reads them strictly,
    else what `decode_bytes` finds."""
    declared = declared_charset(data)
    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return HtmlText(data.decode(name, errors="replace"), name, declared)
    codec = _codec(declared) if declared else None
    if not data.isascii():
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            reason = None if codec in (None, "utf-8") else f"declared {declared}, but the bytes are UTF-8"
            return HtmlText(text, "utf-8", declared, reason)
    if codec is not None:
        try:
            return HtmlText(_as_browsers_read(data.decode(codec), codec), codec, declared)
        except UnicodeDecodeError:
            pass
    found = decode_bytes(data)
    reason = f"declared {declared}, but it does not read the bytes" if declared else None
    return HtmlText(_as_browsers_read(found.text, found.encoding), found.encoding, declared, reason)


def _as_browsers_read(text: str, codec: str) -> str:
    """``text`` decoded by ``codec`` as a browser shows it: GB pages indent with 0xA3 0xA0, which
    GB 18030 maps to a private-use character (U+E5E5) and the WHATWG Encoding Standard, for the
    deployed content, to an ideographic space."""
    return text.replace(_GB_A3A0, "\u3000") if codec == "gb18030" else text


def looks_like_html(page: str | bytes) -> bool:
    """Whether a page (its text or its bytes) is an HTML document (doctype, <html> or <head> first)."""
    head = page[:2048].decode("latin-1") if isinstance(page, bytes) else page[:2048]
    return bool(_HTML_START.match(head))
