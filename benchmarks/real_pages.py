"""Article extraction on real Chinese news pages, as naive text scrapes and as HTML.

The pages of ``tests/fixtures/realpages`` (saved by public extractor projects; truths written by
reading each page) are split by site into tuning, check and reserve sets. For each page:

* **as text**: the page scraped the naive way a crawler does (`naive_scrape`: every text node a
  line, scripts and styles dropped, as in a Common Crawl WET record), then ``textfix.clean``;
  beside it the scrape itself (everything kept).
* **as HTML**: ``trafilatura.bare_extraction`` alone, and textfix reading the HTML
  (``textfix.clean_html``: the charset checked against the bytes, trafilatura's extraction, then
  the pipeline).

Scored against the truth's paragraphs by characters (whitespace dropped, both sides folded with
NFKC and OpenCC t2s, 着 read as 著, matched by `difflib`'s longest matching blocks): body
precision and recall, pooled over the pages of a set; title exact (same folding); date (the
truth's ``date``, the day its verbatim ``time`` names, on the pages whose time has a year).

    python -m benchmarks.real_pages --out benchmarks/results/real_pages.json
"""

from __future__ import annotations

import argparse
import difflib
import gzip
import json
import sys
import unicodedata
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Callable

import opencc

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

import textfix  # noqa: E402
from textfix.webpage import decode_html  # noqa: E402

REALPAGES = REPO_ROOT / "tests" / "fixtures" / "realpages"
SPLITS = ("tune", "check", "reserve")
_T2S = opencc.OpenCC("t2s")
# t2s leaves 著 as it is; OpenCC's tw2s (textfix's conversion of a Taiwan page) writes 着 where
# it is a particle (隨著 → 随着, as Simplified text has it): the same word either way, which
# scored as a miss against the t2s of the truth, so both sides read 着 as 著.
_SAME = str.maketrans("着", "著")
_SKIPPED_TAGS = {"script", "style", "noscript", "template", "svg", "head"}
class _TextNodes(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.skipping = 0
        self.title: list[str] = []
        self.in_title = False

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in _SKIPPED_TAGS:
            self.skipping += 1
        self.in_title = tag == "title"

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED_TAGS and self.skipping:
            self.skipping -= 1
        self.in_title = False

    def handle_data(self, data: str) -> None:
        text = " ".join(data.split())
        if self.in_title and text:
            self.title.append(text)
        elif text and not self.skipping:
            self.lines.append(text)


def naive_scrape(html: str) -> str:
    """The page as a naive crawler stores it: the <title>, then every visible text node a line."""
    parser = _TextNodes()
    parser.feed(html)
    parser.close()
    return "\n".join([" ".join(parser.title)] + parser.lines if parser.title else parser.lines)


def fold(text: str) -> str:
    """What the scores compare: NFKC, Simplified (着 as 著), no whitespace."""
    return "".join(_T2S.convert(unicodedata.normalize("NFKC", text)).translate(_SAME).split())


@dataclass
class Tally:
    """Body characters matched, predicted and true; titles and dates right, over a set of pages."""

    matched: int = 0
    predicted: int = 0
    truth: int = 0
    titles: int = 0
    dates: int = 0
    dated: int = 0
    pages: int = 0
    worst: list[tuple[float, float, str]] = field(default_factory=list)

    def add(self, page: dict[str, Any], body: str, title: str | None, published: str | None) -> None:
        got, want = fold(body), fold("".join(page["paragraphs"]))
        blocks = difflib.SequenceMatcher(None, got, want, autojunk=False).get_matching_blocks()
        matched = sum(block.size for block in blocks)
        self.matched += matched
        self.predicted += len(got)
        self.truth += len(want)
        self.pages += 1
        self.titles += bool(title) and fold(title) == fold(page["title"])
        if page["date"]:
            self.dated += 1
            self.dates += (published or "")[:10] == page["date"]
        self.worst.append((matched / max(len(got), 1), matched / max(len(want), 1), page["id"]))

    def summary(self) -> dict[str, Any]:
        return {
            "pages": self.pages,
            "precision": round(self.matched / max(self.predicted, 1), 4),
            "recall": round(self.matched / max(self.truth, 1), 4),
            "title": round(self.titles / max(self.pages, 1), 4),
            "date": round(self.dates / max(self.dated, 1), 4),
            "dated_pages": self.dated,
            "worst_precision": [f"{p:.2f} {i}" for p, _, i in sorted(self.worst)[:5]],
            "worst_recall": [f"{r:.2f} {i}" for _, r, i in sorted(self.worst, key=lambda w: w[1])[:5]],
        }


def load_pages(splits: tuple[str, ...] = SPLITS) -> list[dict[str, Any]]:
    """The truths of the pages in ``splits``, each with its HTML bytes under ``html``."""
    pages = []
    with (REALPAGES / "truth.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            page = json.loads(line)
            if page["split"] in splits:
                page["html"] = gzip.decompress((REALPAGES / "pages" / f"{page['id']}.html.gz").read_bytes())
                pages.append(page)
    return pages


def _scraped(page: dict[str, Any]) -> tuple[str, str | None, str | None]:
    scrape = naive_scrape(decode_html(page["html"]).text)
    return scrape, None, None


def _textfix_text(page: dict[str, Any]) -> tuple[str, str | None, str | None]:
    document = textfix.clean(naive_scrape(decode_html(page["html"]).text))
    return document.text, document.title, document.meta.get("published")


def _trafilatura(page: dict[str, Any]) -> tuple[str, str | None, str | None]:
    import trafilatura

    result = trafilatura.bare_extraction(decode_html(page["html"]).text, url=page.get("url"), with_metadata=True,
                                         include_comments=False)
    if result is None:
        return "", None, None
    return result.text or "", result.title, result.date


def _textfix_html(page: dict[str, Any]) -> tuple[str, str | None, str | None]:
    document = textfix.clean_html(page["html"], url=page.get("url"))
    return document.text, document.title, document.meta.get("published")


SYSTEMS: dict[str, Callable[[dict[str, Any]], tuple[str, str | None, str | None]]] = {
    "text: scrape as is": _scraped,
    "text: textfix": _textfix_text,
    "html: trafilatura": _trafilatura,
    "html: textfix": _textfix_html,
}


def measure(pages: list[dict[str, Any]], systems: list[str]) -> dict[str, dict[str, Any]]:
    """Per system and split, the tally's summary."""
    results: dict[str, dict[str, Any]] = {}
    for name in systems:
        tallies = {split: Tally() for split in SPLITS}
        for page in pages:
            tallies[page["split"]].add(page, *SYSTEMS[name](page))
        results[name] = {split: t.summary() for split, t in tallies.items() if t.pages}
    return results


def main(argv: list[str] | None = None) -> int:
    """Measure and print a Markdown table; write the JSON results with ``--out``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--systems", nargs="+", default=list(SYSTEMS), choices=list(SYSTEMS))
    parser.add_argument("--splits", nargs="+", default=list(SPLITS), choices=SPLITS)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    results = measure(load_pages(tuple(args.splits)), args.systems)
    print("| system | set | pages | body precision | body recall | title | date |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for name, by_split in results.items():
        for split, s in by_split.items():
            print(f"| {name} | {split} | {s['pages']} | {s['precision']:.1%} | {s['recall']:.1%} | "
                  f"{s['title']:.1%} | {s['date']:.1%} ({s['dated_pages']}) |")
    if args.out:
        args.out.write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
