"""Input hygiene before anything else: characters no later step can hold.

CR, CRLF, form feeds and the Unicode line separators become ``\n``, so every step sees the same lines
(U+0085 stays: it is a C1 control, mojibake evidence).
Lone surrogates (from JSON ``"\\ud800"`` escapes or ``surrogateescape`` decoding) cannot be
encoded, so they become U+FFFD; NUL and the other C0 control characters except tab and line
breaks are dropped. C1 controls (U+0080–U+009F) stay: they are evidence of cp1252/Latin-1
mojibake that the repair step reads.

A page that is mostly control characters is not text at all but binary data read as text (an
image, a PDF or an archive saved as a page): the step says so with a ``sanitise.binary`` Change,
and the pipeline stops there, with no text (``Damage.binary``). The scan and the replacements run in
the compiled core (``rust/src/sanitise.rs``).
"""

from __future__ import annotations

from . import _core
from .types import Change

STEP = "sanitise"
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
    cleaned, line_breaks, surrogates, controls, length = _core.sanitise(text)
    if cleaned is None:
        return text, []
    changes: list[Change] = []
    if line_breaks:
        changes.append(Change(STEP, "sanitise.line-breaks", "", "\n", None, {"count": line_breaks}))
    if surrogates:
        changes.append(Change(STEP, "sanitise.surrogate", "", "\ufffd", None, {"count": surrogates}))
    if controls:
        changes.append(Change(STEP, "sanitise.control", "", "", None, {"count": controls}))
    if controls >= max(BINARY_MIN_CONTROLS, BINARY_SHARE * length):
        changes.append(Change(STEP, BINARY_RULE, "", "", None, {"controls": controls, "chars": length}))
    return cleaned, changes
