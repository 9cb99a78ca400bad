"""Layout: one paragraph a line, without indents, invisible characters or blank-line runs.

Scraped pages indent paragraphs with ASCII spaces or U+3000 and separate them with blank lines;
zero-width spaces, stray BOMs and soft hyphens (inside words) ride along from the HTML. Zero-width joiners stay where they
join emoji (a family emoji is one symbol); next to CJK text they are dropped. Layout edits are
explained per rule, with how many places each touched: the rule itself is the replayable plan.
The rules run in the compiled core (``rust/src/spacing.rs``).
"""

from __future__ import annotations

from . import _core
from .types import Change

STEP = "spacing"
# The rules, in the order they apply to the whole page (the core counts each one's places):
# invisible characters, then indents and trailing spaces, then blank-line runs.
RULES = ("spacing.invisible", "spacing.indent", "spacing.blank-lines")


def normalise_layout(text: str) -> tuple[str, list[Change]]:
    """Strip indents and trailing spaces, invisible characters and blank lines; one Change per rule used."""
    normalised, *counts = _core.normalise_layout(text)
    if normalised is None:
        return text, []
    changes = [Change(STEP, rule, "", "", None, {"count": count}) for rule, count in zip(RULES, counts) if count]
    return normalised, changes
