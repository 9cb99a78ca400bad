"""The search work one page's repair may spend, shared by the candidate searches of all its lines.

Binary data saved as a page (a PDF or an image read as text) decodes to run after run of unknown
and mojibake-like characters: every mojibake chain and every realignment is tried on it and
nothing reads well, so 4 KB of it took 5 to 8 seconds, enough to stall a worker on a crawl that
holds a few. Work is counted in units that cost about the same (some 10 µs here): one hypothesis
weighed by a frame-shift decoder, or ``TOKENS_PER_UNIT`` characters read back into bytes by a
mojibake layer. Once a page has spent its budget, its remaining searches find nothing and its
remaining damage stays as it is (``assess_damage`` still counts it).
"""

from __future__ import annotations

# The most any damaged page of the generated dumps spends is about 120,000 units (1 of 1,179
# pages of the all-damaged dump; the next is under 75,000).
PAGE_BUDGET = 150_000
TOKENS_PER_UNIT = 2


class SearchBudget:
    """Units of search work spent so far on one page, against ``PAGE_BUDGET``."""

    __slots__ = ("spent",)

    def __init__(self) -> None:
        self.spent = 0.0

    def spend(self, units: float) -> None:
        """Count ``units`` of work done."""
        self.spent += units

    @property
    def exhausted(self) -> bool:
        """Whether the page has spent its budget: no further search is started."""
        return self.spent > PAGE_BUDGET
