"""Input hygiene before anything else: characters no later step can hold.

CR, CRLF, form feeds and the Unicode line separators become ``\n``, so every step sees the same lines
(U+0085 stays: it is a C1 control, mojibake evidence).
Lone surrogates (from JSON ``"\\ud800"`` escapes or ``surrogateescape`` decoding) cannot be
encoded, so they become U+FFFD; NUL and the other C0 control characters except tab and line
breaks are dropped. C1 controls (U+0080–U+009F) stay: they are evidence of cp1252/Latin-1
mojibake that the repair step reads.
"""

from __future__ import annotations

import regex

from .types import Change

STEP = "sanitise"

_LINE_BREAKS = regex.compile(r"\r\n?|[\u2028\u2029\x0b\x0c]")
_SURROGATE = regex.compile(r"[\ud800-\udfff]")
_CONTROL = regex.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_ANY = regex.compile(r"[\r\u2028\u2029\ud800-\udfff\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def sanitise(text: str) -> tuple[str, list[Change]]:
    """Unify line breaks to ``\\n``, replace lone surrogates with U+FFFD and drop C0 controls.

    One Change per kind with its count. Line breaks come first: every later step reads lines.
    """
    if not _ANY.search(text):
        return text, []
    changes: list[Change] = []
    text, count = _LINE_BREAKS.subn("\n", text)
    if count:
        changes.append(Change(STEP, "sanitise.line-breaks", "", "\n", None, {"count": count}))
    text, count = _SURROGATE.subn("\ufffd", text)
    if count:
        changes.append(Change(STEP, "sanitise.surrogate", "", "\ufffd", None, {"count": count}))
    text, count = _CONTROL.subn("", text)
    if count:
        changes.append(Change(STEP, "sanitise.control", "", "", None, {"count": count}))
    return text, changes
