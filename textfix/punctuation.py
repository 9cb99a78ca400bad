"""Restore full-width CJK punctuation that NFKC (or a careless editor) folded to ASCII.

In CJK context ``,:;?!()`` go back to ``，：；？！（）``. ASCII stays inside numbers and times
(``10:30``, ``1,000``), URLs, e-mail addresses, Latin text, Korean and lines without a CJK
character; quotes are never touched.

A mark widens beside a wide character (CJK, or the quotes and dashes Chinese text uses), or before
one after a non-letter; a pair of parentheses with a wide character inside or beside it; a run of
marks as a whole. Beside damage the repair step left (C1 controls, private use) a mark stays
ASCII, so that cleaning the cleaned text again changes nothing. The lines are restored in the
compiled core (``rust/src/punctuation.rs``); the folding table is data (``FOLDED``) so a report
can name what was restored.
"""

from __future__ import annotations

from ._core import Punctuation
from .types import Change

STEP = "punctuation"
RULE = "punctuation.fullwidth"

FOLDED: dict[str, str] = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"}
_RESTORE = Punctuation(list(FOLDED.items()))


def restore_fullwidth(text: str) -> tuple[str, list[Change]]:
    """Turn ASCII punctuation in CJK context back to full width; one Change per line edited."""
    restored, edits = _RESTORE.restore(text)
    if restored is None:
        return text, []
    return restored, [Change(STEP, RULE, before, after, number + 1) for number, before, after in edits]
