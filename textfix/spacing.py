"""Layout: one paragraph a line, without indents, invisible characters or blank-line runs.

Scraped pages indent paragraphs with ASCII spaces or U+3000 and separate them with blank lines;
zero-width spaces, stray BOMs and soft hyphens (inside words) ride along from the HTML. Zero-width joiners stay where they
join emoji (a family emoji is one symbol); next to CJK text they are dropped. Layout edits are
explained per rule, with how many places each touched: the rule itself is the replayable plan.
"""

from __future__ import annotations

import regex

from .types import Change

STEP = "spacing"

_EDGE = " \t\u3000\u00a0\u2002\u2003\u2009\u202f"
# (rule, pattern, replacement), applied in order to the whole page.
RULES: tuple[tuple[str, regex.Pattern[str], str], ...] = (
    ("spacing.invisible", regex.compile(r"[\u200b\u2060\ufeff]|(?<=\p{L})\u00ad(?=\p{L})|(?<=\p{Han})[\u200c\u200d]|[\u200c\u200d](?=\p{Han})"), ""),
    ("spacing.indent", regex.compile(rf"^[{_EDGE}]+|[{_EDGE}]+$", regex.MULTILINE), ""),
    ("spacing.blank-lines", regex.compile(r"\n{2,}|^\n+|\n+$"), "\n"),
)
_ANYTHING_TO_DO = regex.compile("|".join(f"(?:{pattern.pattern})" for _, pattern, _ in RULES), regex.MULTILINE)


def normalise_layout(text: str) -> tuple[str, list[Change]]:
    """Strip indents and trailing spaces, invisible characters and blank lines; one Change per rule used."""
    if not _ANYTHING_TO_DO.search(text):
        return text, []
    changes: list[Change] = []
    for rule, pattern, replacement in RULES:
        text, count = pattern.subn(replacement, text)
        if count:
            changes.append(Change(STEP, rule, "", "", None, {"count": count}))
    return text.strip("\n"), changes
