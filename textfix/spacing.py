"""Layout: one paragraph a line, without indents, invisible characters or blank-line runs.

Scraped pages indent paragraphs with ASCII spaces or U+3000 and separate them with blank lines;
zero-width spaces and stray BOMs ride along from the HTML. Zero-width joiners stay where they
join emoji (a family emoji is one symbol); next to CJK text they are dropped.
"""

from __future__ import annotations

import regex

from .types import Change

STEP = "spacing"

_LINE_BREAKS = regex.compile(r"\r\n?|[\u2028\u2029\x85\x0b\x0c]")
_INVISIBLE = regex.compile(r"[\u200b\u2060\ufeff\u00ad]|(?<=\p{Han})[\u200c\u200d]|[\u200c\u200d](?=\p{Han})")
_EDGE_SPACE = " \t\u3000\u00a0\u2002\u2003\u2009\u202f"


def normalise_layout(text: str) -> tuple[str, list[Change]]:
    """Strip indents and trailing spaces, invisible characters and blank lines; explain each."""
    changes: list[Change] = []
    unified = _LINE_BREAKS.sub("\n", text)
    if unified != text:
        changes.append(Change(STEP, "spacing.line-breaks", "\\r\\n", "\\n"))
    kept: list[str] = []
    blank_run = 0
    for number, line in enumerate(unified.split("\n")):
        cleaned = _INVISIBLE.sub("", line).strip(_EDGE_SPACE)
        if cleaned != line:
            rule = "spacing.invisible" if _INVISIBLE.search(line) else "spacing.indent"
            changes.append(Change(STEP, rule, line, cleaned, number))
        if cleaned:
            kept.append(cleaned)
        else:
            blank_run += 1
    if blank_run:
        changes.append(Change(STEP, "spacing.blank-lines", "", "", None, {"count": blank_run}))
    return "\n".join(kept), changes
