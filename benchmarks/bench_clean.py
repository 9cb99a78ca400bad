"""The whole pipeline on a page, as `textfix.clean` runs it, per target script."""

from __future__ import annotations

from typing import Any, Callable

import pytest

import textfix


@pytest.mark.parametrize("to", ["hans", "hant"])
@pytest.mark.parametrize("page_set", ["clean", "damaged", "seed"])
def test_clean(bench_texts: Callable[[Callable[[str], Any], list[str]], None], page_sets: dict[str, list[str]],
               page_set: str, to: str) -> None:
    bench_texts(lambda page: textfix.clean(page, to=to), page_sets[page_set])
