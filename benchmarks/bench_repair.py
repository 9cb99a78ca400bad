"""The repair step alone: clean lines and pages (the fast path) against damaged lines of each kind.

Run with ``pytest benchmarks/bench_repair.py --benchmark-only``. Inputs are the committed repair
fixture sentences, damaged by ``corpora.garble`` with a fixed seed, so nothing outside the repo
is needed.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from corpora.garble import garble
from textfix.repair import decode_bytes, repair_text

ROOT = Path(__file__).resolve().parent.parent
CLEAN = (ROOT / "tests" / "fixtures" / "repair" / "clean_lines.txt").read_text(encoding="utf-8").splitlines()
HANS = CLEAN[:8]
KINDS = ["utf-8>gbk", "utf-8>gb18030x4", "utf-8>gb18030~lost", "utf-8>cp1252", "gbk-frame-shift", "partial-line", "footer"]


def _damaged(kind: str) -> list[str]:
    rng = random.Random(kind)
    lines = []
    for line in HANS:
        try:
            lines.append(garble(line, kind, rng))
        except UnicodeError:
            continue
    return lines


@pytest.fixture(scope="module", autouse=True)
def _warm() -> None:
    """Load the character model before timing anything."""
    repair_text(garble(HANS[0], "utf-8>gbk", random.Random(0)))


def test_clean_lines(benchmark: Any) -> None:
    benchmark(lambda: [repair_text(line) for line in CLEAN])


def test_clean_page(benchmark: Any) -> None:
    page = "\n".join(HANS * 20)
    benchmark(repair_text, page)


@pytest.mark.parametrize("kind", KINDS)
def test_damaged_lines(benchmark: Any, kind: str) -> None:
    lines = _damaged(kind)
    benchmark(lambda: [repair_text(line) for line in lines])


def test_decode_snippets(benchmark: Any) -> None:
    snippets = [line[i : i + 10].encode("gbk") for line in HANS for i in range(0, len(line) - 10, 5)]
    benchmark(lambda: [decode_bytes(data) for data in snippets])
