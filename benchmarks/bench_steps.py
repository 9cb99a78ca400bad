"""Each cleaning step alone, on the text it receives inside the pipeline (repair: see bench_repair)."""

from __future__ import annotations

from typing import Any, Callable

import pytest

from textfix.meta import extract_metadata
from textfix.pipeline import STEP_ORDER, CleanConfig, Pipeline

STEPS = [step for step in STEP_ORDER if step != "repair"]
PAGE_SETS = ["clean", "damaged", "seed"]
Measure = Callable[[Callable[[str], Any], list[str]], None]


@pytest.mark.parametrize("page_set", PAGE_SETS)
@pytest.mark.parametrize("step", STEPS)
def test_step(bench_texts: Measure, step_inputs: dict[str, dict[str, list[str]]], step: str, page_set: str) -> None:
    run = dict(Pipeline(CleanConfig(to="hans")).steps)[step]
    bench_texts(run, step_inputs[page_set][step])


@pytest.mark.parametrize("page_set", PAGE_SETS)
def test_metadata(benchmark: Any, step_inputs: dict[str, dict[str, list[str]]], page_set: str) -> None:
    run = dict(Pipeline(CleanConfig(to="hans")).steps)["chrome"]
    removed = [run(text)[1] for text in step_inputs[page_set]["chrome"]]
    benchmark(lambda: [extract_metadata(changes) for changes in removed])
