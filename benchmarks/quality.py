"""Quality of a cleaned page against the generator's truth: body CER, chrome found, metadata right.

The truth file (``corpora/generate.py``) labels every non-blank page line; textfix's chrome
step numbers the lines it removes in the text it received, which is the page after layout
normalisation — the same non-blank lines — so removals are matched by line number.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from textfix.types import Document

META_FIELDS = ("title", "published", "source", "author", "editor", "breadcrumb")
_NAME_SEPARATORS = re.compile(r"[\s、,，/|]+")


def levenshtein(a: str, b: str) -> int:
    """Edit distance (insertions, deletions, substitutions) between two strings.

    Myers' bit-parallel algorithm (Hyyrö's formulation) with Python integers as bit vectors of
    ``len(a)`` bits: one pass over ``b``, a handful of big-integer operations a character.
    """
    if len(a) < len(b):
        a, b = b, a
    if not b:
        return len(a)
    masks: dict[str, int] = {}
    for index, char in enumerate(a):
        masks[char] = masks.get(char, 0) | (1 << index)
    full = (1 << len(a)) - 1
    last = 1 << (len(a) - 1)
    positive, negative, score = full, 0, len(a)
    for char in b:
        eq = masks.get(char, 0)
        xv = eq | negative
        xh = ((((eq & positive) + positive) & full) ^ positive) | eq
        hp = negative | (~(xh | positive) & full)
        hn = positive & xh
        if hp & last:
            score += 1
        elif hn & last:
            score -= 1
        hp = ((hp << 1) | 1) & full
        hn = (hn << 1) & full
        positive = hn | (~(xv | hp) & full)
        negative = hp & xv
    return score


def page_lines(text: str) -> list[str]:
    """The non-blank lines of a page, stripped of indents (how the truth file counts lines)."""
    lines = (line.strip(" \t\u3000\u00a0") for line in text.replace("\r\n", "\n").split("\n"))
    return [line for line in lines if line]


def body_of(text: str, truth: dict[str, Any]) -> str | None:
    """The lines of ``text`` (a page, raw or as another tool left it) that the truth calls body."""
    lines = page_lines(text)
    if len(lines) != len(truth["lines"]):
        return None
    return "\n".join(line for line, label in zip(lines, truth["lines"]) if label == "body")


def _names(value: str) -> frozenset[str]:
    return frozenset(n for n in _NAME_SEPARATORS.split(value) if n)


def meta_matches(key: str, got: str | None, expected: str) -> bool:
    """Whether one metadata value is right: names compare as sets, breadcrumbs without spaces,
    the rest exactly, all after NFKC (``人民网－人民日报`` is ``人民网-人民日报``)."""
    if got is None:
        return False
    got, expected = unicodedata.normalize("NFKC", got), unicodedata.normalize("NFKC", expected)
    if key in ("author", "editor"):
        return _names(got) == _names(expected)
    if key == "breadcrumb":
        return got.replace(" ", "") == expected.replace(" ", "")
    return got.strip() == expected


@dataclass
class Tally:
    """Counts summed over pages: edits and characters for CER, chrome units, metadata fields."""

    edits: int = 0
    chars: int = 0
    pages: int = 0
    chrome_true: int = 0
    chrome_found: int = 0
    chrome_predicted: int = 0
    meta_right: dict[str, int] = field(default_factory=dict)
    meta_total: dict[str, int] = field(default_factory=dict)
    chrome_missed: dict[str, int] = field(default_factory=dict)

    def add_cer(self, hypothesis: str, reference: str) -> None:
        """Count one page's body errors."""
        self.add_edits(levenshtein(hypothesis, reference), len(reference))

    def add_edits(self, edits: int, chars: int) -> None:
        """Count one page's body errors, measured already."""
        self.edits += edits
        self.chars += chars
        self.pages += 1

    @property
    def cer(self) -> float | None:
        """Character error rate over all pages counted (None before any)."""
        return self.edits / self.chars if self.chars else None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready summary."""
        summary: dict[str, Any] = {"pages": self.pages, "cer": self.cer}
        if self.chrome_true or self.chrome_predicted:
            summary["chrome_precision"] = self.chrome_found / self.chrome_predicted if self.chrome_predicted else None
            summary["chrome_recall"] = self.chrome_found / self.chrome_true if self.chrome_true else None
            summary["chrome_missed_by_kind"] = dict(sorted(self.chrome_missed.items(), key=lambda kv: -kv[1]))
        if self.meta_total:
            summary["meta_accuracy"] = {
                key: self.meta_right.get(key, 0) / total for key, total in sorted(self.meta_total.items())
            }
        return summary


def _chrome_units(truth: dict[str, Any]) -> dict[tuple[str, int], str]:
    units = {("line", i): label for i, label in enumerate(truth["lines"]) if label != "body"}
    units.update({(a["part"], a["line"]): a["kind"] for a in truth["affixes"]})
    return units


def _predicted_units(document: Document) -> set[tuple[str, int]]:
    units: set[tuple[str, int]] = set()
    for change in document.removed:
        if change.index is not None:
            units.add((change.detail.get("part", "line"), change.index))
    return units


def score_document(tally: Tally, document: Document, truth: dict[str, Any]) -> None:
    """Add one textfix result to ``tally``: body CER, chrome units found, metadata right."""
    tally.add_cer(document.text, truth["body"])
    expected = _chrome_units(truth)
    predicted = _predicted_units(document)
    found = predicted & expected.keys()
    tally.chrome_true += len(expected)
    tally.chrome_predicted += len(predicted)
    tally.chrome_found += len(found)
    for unit, kind in expected.items():
        if unit not in found:
            tally.chrome_missed[kind] = tally.chrome_missed.get(kind, 0) + 1
    wanted = {"title": truth["title"]} if truth["title"] else {}
    wanted.update(truth["meta"])
    for key, value in wanted.items():
        got = document.title if key == "title" else document.meta.get(key)
        tally.meta_total[key] = tally.meta_total.get(key, 0) + 1
        tally.meta_right[key] = tally.meta_right.get(key, 0) + meta_matches(key, got, value)
