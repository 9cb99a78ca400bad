"""Micro benchmarks: pages to run on, and each pipeline step's input as the pipeline hands it over.

Run with ``pytest benchmarks/ --benchmark-only``. Files named ``bench_*.py`` are collected here
(the project's test settings only collect ``test_*.py``). Pages come from the seed page and the
generator run on the committed fixture text, so the benchmarks need nothing outside the repo.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Callable

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from corpora.generate import Mix, PageMaker, load_source  # noqa: E402
from textfix.pipeline import CleanConfig, Pipeline  # noqa: E402

PAGES_A_SET = 24
FIXTURE = ROOT / "tests" / "fixtures" / "generate" / "news.txt"
SEED_PAGE = ROOT / "seeds" / "000_918c30ceb30ad812.txt"
SCRIPTS = {"hans": 0.7, "s2t": 0.1, "s2tw": 0.1, "s2hk": 0.1}


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Module | None:
    """Collect ``bench_*.py`` modules."""
    if file_path.suffix == ".py" and file_path.name.startswith("bench_"):
        return pytest.Module.from_parent(parent, path=file_path)
    return None


def _generated(clean_share: float, seed: int) -> list[str]:
    maker = PageMaker(load_source([FIXTURE]), Mix(scripts=SCRIPTS, clean_share=clean_share), seed)
    return [maker.make(index)[0]["text"] for index in range(PAGES_A_SET)]


@pytest.fixture(scope="session")
def page_sets() -> dict[str, list[str]]:
    """Named page sets: generated clean pages, generated damaged pages, the real seed page."""
    return {
        "clean": _generated(1.0, seed=11),
        "damaged": _generated(0.0, seed=12),
        "seed": [SEED_PAGE.read_text(encoding="utf-8")],
    }


@pytest.fixture(scope="session")
def step_inputs(page_sets: dict[str, list[str]]) -> dict[str, dict[str, list[str]]]:
    """For each page set and step, the texts that step receives inside the full pipeline."""
    pipeline = Pipeline(CleanConfig(to="hans"))
    staged: dict[str, dict[str, list[str]]] = {}
    for name, pages in page_sets.items():
        staged[name] = {step: [] for step, _ in pipeline.steps}
        for text in pages:
            for step, run in pipeline.steps:
                staged[name][step].append(text)
                text, _ = run(text)
    return staged


@pytest.fixture
def bench_texts(benchmark: Any) -> Callable[[Callable[[str], Any], list[str]], None]:
    """Benchmark ``run`` over a batch of texts; the batch's MB and MB/s go into the extra info."""

    def measure(run: Callable[[str], Any], texts: list[str]) -> None:
        size = sum(len(t.encode("utf-8")) for t in texts) / 1e6
        benchmark(lambda: [run(text) for text in texts])
        benchmark.extra_info["megabytes"] = size
        benchmark.extra_info["mb_per_s"] = size / benchmark.stats.stats.mean

    return measure
