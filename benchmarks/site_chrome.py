"""Site chrome learned from the corpus, measured against the generator's truth.

    python -m corpora.generate dumps/sites-10m.jsonl --size 10MB --seed 5 --clean-share 1
    python -m benchmarks.site_chrome dumps/sites-10m.jsonl

Cleans the dump twice, with the rule book alone and with chrome learned per site (two passes),
and reports over whole chrome lines (the truth's non-body lines): recall, and the share of body
characters lost (body lines removed whole). Affixes (bylines, agency leads) are left out: they
are cut by rules, not learned.
"""

from __future__ import annotations

import argparse
import gzip
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from textfix.pipeline import CleanConfig, Pipeline
from textfix.sitechrome import LineCounter, SiteChromeConfig, site_of

from .quality import page_lines


@dataclass
class Count:
    """Chrome lines found and body characters lost, summed over pages."""

    chrome: int = 0
    chrome_found: int = 0
    body_chars: int = 0
    body_lost: int = 0
    missed: dict[str, int] = field(default_factory=dict)

    def add(self, lines: list[str], labels: list[str], removed: set[int]) -> None:
        """Count one page: its lines, their truth labels, the line numbers textfix removed whole."""
        for number, (line, label) in enumerate(zip(lines, labels)):
            if label == "body":
                self.body_chars += len(line)
                self.body_lost += len(line) if number in removed else 0
            else:
                self.chrome += 1
                if number in removed:
                    self.chrome_found += 1
                else:
                    self.missed[label] = self.missed.get(label, 0) + 1

    def row(self, name: str) -> str:
        """One Markdown table row."""
        recall = self.chrome_found / self.chrome if self.chrome else 0.0
        lost = self.body_lost / self.body_chars if self.body_chars else 0.0
        missed = ", ".join(f"{k} {v}" for k, v in sorted(self.missed.items(), key=lambda kv: -kv[1])[:5]) or "none"
        return f"| {name} | {self.chrome} | {recall:.2%} | {lost:.3%} | {missed} |"


def records(dump: Path) -> Iterator[dict[str, Any]]:
    """The dump's records (JSONL or JSONL.gz)."""
    opener = gzip.open if dump.suffix == ".gz" else open
    with opener(dump, "rt", encoding="utf-8") as handle:
        for line in handle:
            yield json.loads(line)


def truth_of(dump: Path) -> Path:
    """The truth file the generator writes beside a dump."""
    name = dump.name.removesuffix(".gz").removesuffix(".jsonl")
    return dump.with_name(f"{name}.truth.jsonl.gz")


def measure(dump: Path, config: SiteChromeConfig) -> tuple[Count, Count, int]:
    """Chrome recall and body loss with the rule book alone, and with learned site chrome."""
    counter = LineCounter(config)
    counter.add_records(records(dump))
    learned = counter.finish()
    plain, with_sites = Pipeline(CleanConfig()), Pipeline(CleanConfig(), learned)
    rules_only, learning = Count(), Count()
    with gzip.open(truth_of(dump), "rt", encoding="utf-8") as truths:
        for record, truth in zip(records(dump), map(json.loads, truths)):
            lines = page_lines(record["text"])
            if len(lines) != len(truth["lines"]):
                continue  # a repair merged or split lines: no line-by-line comparison
            for pipeline, count in ((plain, rules_only), (with_sites, learning)):
                document = pipeline.run(record["text"], site_of(record))
                removed = {c.index for c in document.removed if c.index is not None and "part" not in c.detail}
                count.add(lines, truth["lines"], removed)
    return rules_only, learning, len(learned.lines)


def main(argv: list[str] | None = None) -> int:
    """Measure one dump and print a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dump", type=Path)
    parser.add_argument("--min-pages", type=int, default=SiteChromeConfig().min_pages)
    parser.add_argument("--min-share", type=float, default=SiteChromeConfig().min_share)
    args = parser.parse_args(argv)
    config = SiteChromeConfig(min_pages=args.min_pages, min_share=args.min_share)
    rules_only, learning, learned = measure(args.dump, config)
    print(f"{args.dump}: {learned} chrome lines learned (min pages {config.min_pages}, min share {config.min_share})\n")
    print("| chrome removal | chrome lines | recall | body characters lost | most missed kinds |")
    print("|---|---|---|---|---|")
    print(rules_only.row("rule book"))
    print(learning.row("rule book + learned site chrome"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
