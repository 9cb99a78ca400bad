"""Input hygiene before anything else: characters no later step can hold.

Lone surrogates (from JSON ``"\\ud800"`` escapes or ``surrogateescape`` decoding) cannot be
encoded, so they become U+FFFD; NUL and the other C0 control characters except tab and line
breaks are dropped. C1 controls (U+0080–U+009F) stay: they are evidence of cp1252/Latin-1
mojibake that the repair step reads.
"""

from __future__ import annotations

import regex

from .types import Change

STEP = "sanitise"

_SURROGATE = regex.compile(r"[\ud800-\udfff]")
_CONTROL = regex.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_EITHER = regex.compile(r"[\ud800-\udfff\x00-\x08\x0e-\x1f\x7f]")


def sanitise(text: str) -> tuple[str, list[Change]]:
    """Replace lone surrogates with U+FFFD and drop C0 controls; one Change per kind with its count."""
    if not _EITHER.search(text):
        return text, []
    changes: list[Change] = []
    text, count = _SURROGATE.subn("\ufffd", text)
    if count:
        changes.append(Change(STEP, "sanitise.surrogate", "", "\ufffd", None, {"count": count}))
    text, count = _CONTROL.subn("", text)
    if count:
        changes.append(Change(STEP, "sanitise.control", "", "", None, {"count": count}))
    return text, changes
