"""The search work one page's repair may spend, shared by the candidate searches of all its lines.

Binary data saved as a page (a PDF or an image read as text) decodes to run after run of unknown
and mojibake-like characters: every mojibake chain and every realignment is tried on it and
nothing reads well, so 4 KB of it took 5 to 8 seconds, enough to stall a worker on a crawl that
holds a few. Work is counted in units: one hypothesis weighed by a frame-shift decoder,
``TOKENS_PER_UNIT`` characters read back into bytes by a mojibake layer or of a reading it
found (which is rendered, handed over and scored: on a line that is all damage, every layer
undone finds one as long as the line), or ``PAIRS_PER_UNIT`` pairs of candidates for
neighbouring lost characters weighed by the guessing (`guess.fill`).
Once a page has spent its budget, its remaining searches find nothing, a guessing it cannot pay
for is not made, and its remaining damage stays as it is (``assess_damage`` still counts it).
"""

from __future__ import annotations

# Two pages of the generated dumps spend all of it, on realignments (one in news-20m, one in
# damaged-3m); the next spends about 86,000 units.
PAGE_BUDGET = 150_000
TOKENS_PER_UNIT = 2
# The guessing of the generated dumps' pages and of the repair benchmark's lines cost at most
# 32,000 units a page this way; 4 KB of random bytes read as UTF-8 is thousands of lost
# characters side by side, millions of pairs a candidate.
PAIRS_PER_UNIT = 20


class SearchBudget:
    """Units of search work spent so far on one page, against ``PAGE_BUDGET``."""

    __slots__ = ("spent",)

    def __init__(self) -> None:
        self.spent = 0.0

    def spend(self, units: float) -> None:
        """Count ``units`` of work done."""
        self.spent += units

    def affords(self, units: float) -> bool:
        """Whether the page can still spend ``units``."""
        return self.spent + units <= PAGE_BUDGET

    @property
    def exhausted(self) -> bool:
        """Whether the page has spent its budget: no further search is started."""
        return self.spent > PAGE_BUDGET
