"""Where the article is on a whole page, from its text alone.

A page scraped to text (every text node a line, as a crawler's WET record has it) carries
everything around the article: menus of hundreds of short lines, login bars, comment widgets,
related lists, footers. The article is the dense run of long lines of running text (jusText's
"good" paragraphs; the body text extraction of Finn, Kushmerick and Smyth: the stretch of a page
where text outweighs the rest). Each line is worth its length when it reads as running text and
costs `JUNK_COST` when it is a short line without the punctuation of a sentence; the article is
the stretch of lines worth most (`article_region`), widened over the lines next to it that end
like a sentence or open like a section heading. An article written in phrases without a
sentence's punctuation (`phrase_prose`) is told from a list of headlines by the function
words prose has and headlines drop.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Collection, Sequence

from . import _core
from ._core import PARAGRAPH_LENGTH  # noqa: F401  (a line shorter than a paragraph: a headline, a menu entry)


@dataclass(frozen=True)
class Region:
    """Lines ``start`` to ``end`` (exclusive) of a page."""

    start: int
    end: int


def line_worth(line: str) -> int:
    """What a line adds to the article around it: its length for running text, else a cost
    (`JUNK_COST` for a short line without a sentence's punctuation, less for a headline)."""
    return _core.line_worth(line)


def article_region(
    lines: Sequence[str], start: int, end: int, skipped: Collection[int], breaks: Collection[int] = ()
) -> Region | None:
    """The stretch of ``lines[start:end]`` (lines in ``skipped`` left out) that is the article:
    the one worth most by `line_worth`, widened over sentences and headings next to it, and
    crossing none of the lines in ``breaks`` (the heading of a list: related news, comments),
    below which text counts less. None when no line reads as text."""
    found = _core.article_region(lines, start, end, list(skipped), list(breaks))
    return None if found is None else Region(*found)


def phrase_prose(lines: Sequence[str], breaks: Collection[int] = ()) -> set[int]:
    """The indices of ``lines`` that are prose written in phrases: runs of phrase lines and
    sentences, shorter lines between two, with phrase lines enough whose Chinese is function
    words enough (particles and adverbs that headlines drop). No run crosses a line in
    ``breaks``."""
    return set(_core.phrase_prose(lines, list(breaks)))
