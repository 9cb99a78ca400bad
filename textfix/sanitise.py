"""Input hygiene before anything else: characters no later step can hold.

CR, CRLF, form feeds and the Unicode line separators become ``\n``, so every step sees the same lines
(U+0085 stays: it is a C1 control, mojibake evidence).
Lone surrogates (from JSON ``"\\ud800"`` escapes or ``surrogateescape`` decoding) cannot be
encoded, so they become U+FFFD; NUL and the other C0 control characters except tab and line
breaks are dropped. C1 controls (U+0080–U+009F) stay: they are evidence of cp1252/Latin-1
mojibake that the repair step reads.

A page that is mostly control characters is not text at all but binary data read as text (an
image, a PDF or an archive saved as a page): the step says so with a ``sanitise.binary`` Change,
and the pipeline stops there, with no text (``Damage.binary``).
"""

from __future__ import annotations

import regex

from .types import Change

STEP = "sanitise"

_LINE_BREAKS = regex.compile(r"\r\n?|[\u2028\u2029\x0b\x0c]")
_SURROGATE = regex.compile(r"[\ud800-\udfff]")
_CONTROL = regex.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_ANY = regex.compile(r"[\r\u2028\u2029\ud800-\udfff\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
BINARY_RULE = "sanitise.binary"
# Text has no C0 controls (none on any page of the corpora or the generated dumps); random bytes,
# images and compressed data decode to 10-20% of them whatever the codec, executables to 90%,
# UTF-16 read as an 8-bit encoding to about 30%.
BINARY_SHARE = 0.05
BINARY_MIN_CONTROLS = 8


def sanitise(text: str) -> tuple[str, list[Change]]:
    """Unify line breaks to ``\\n``, replace lone surrogates with U+FFFD and drop C0 controls.

    One Change per kind with its count, and a ``sanitise.binary`` one when the controls were at
    least ``BINARY_SHARE`` of the characters. Line breaks come first: every later step reads lines.
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
    length = len(text)
    text, count = _CONTROL.subn("", text)
    if count:
        changes.append(Change(STEP, "sanitise.control", "", "", None, {"count": count}))
    if count >= max(BINARY_MIN_CONTROLS, BINARY_SHARE * length):
        changes.append(Change(STEP, BINARY_RULE, "", "", None, {"controls": count, "chars": length}))
    return text, changes
