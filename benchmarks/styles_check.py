"""Chrome removal on generated pages of site styles held out as a check (``corpora/sites_check.toml``).

For each page of a dump made with ``--styles`` and its truth file: whether any chrome the truth
labels (a whole line, or a byline or end mark glued to a paragraph) is left in the body; how
many of the truth body's characters are lost (by `difflib`'s longest matching blocks); title and
editor right (as `benchmarks.quality` compares metadata, in the page's script: textfix keeps
the script here). Per style and in all.

    python -m corpora.generate dumps/styles-check.jsonl --styles corpora/sites_check.toml --size 3MB --seed 11
    python -m benchmarks.styles_check dumps/styles-check.jsonl --out benchmarks/results/styles_check.json
"""

from __future__ import annotations

import argparse
import difflib
import gzip
import json
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

import textfix  # noqa: E402
from benchmarks.quality import meta_matches  # noqa: E402
from benchmarks.site_chrome import records, truth_of  # noqa: E402
from corpora.generate import converter  # noqa: E402
from textfix.spacing import normalise_layout  # noqa: E402


@dataclass
class StyleTally:
    """Pages, pages with chrome left, body characters lost and true, metadata right."""

    pages: int = 0
    chrome_left: int = 0
    lost: int = 0
    body: int = 0
    titles: int = 0
    editors: int = 0
    edited: int = 0

    def summary(self) -> dict[str, Any]:
        return {
            "pages": self.pages,
            "chrome_left_pages": round(self.chrome_left / max(self.pages, 1), 4),
            "body_chars_lost": round(self.lost / max(self.body, 1), 5),
            "title": round(self.titles / max(self.pages, 1), 4),
            "editor": round(self.editors / self.edited, 4) if self.edited else None,
        }


def _positions(text: str) -> list[int | None]:
    """Each truth line's position among the chrome step's input lines (None: blank by then): a
    page line of invisible characters alone (a lone byte-order mark a scraper kept as a text
    node) is one the spacing step leaves blank, and the chrome step numbers its lines without it."""
    positions: list[int | None] = []
    kept = 0
    for line in filter(str.strip, text.split("\n")):
        visible = bool(normalise_layout(line)[0].strip())
        positions.append(kept if visible else None)
        kept += visible
    return positions


def _chrome_left(document: textfix.Document, truth: dict[str, Any], text: str) -> bool:
    removed = {(c.detail.get("part", "line"), c.index) for c in document.removed if c.index is not None}
    at = _positions(text)
    expected = {("line", at[i]) for i, label in enumerate(truth["lines"]) if label != "body"}
    expected |= {(a["part"], at[a["line"]]) for a in truth["affixes"]}
    return not expected - {("line", None)} <= removed


def _in_script(text: str | None, script: str) -> str | None:
    """``text`` as the generator rendered it in the page's ``script``."""
    return text if text is None or script == "hans" else converter(script).convert(text)


def measure(dump: Path) -> dict[str, dict[str, Any]]:
    """Per style (the record's ``source``) and ``all``, the tally's summary."""
    tallies: dict[str, StyleTally] = defaultdict(StyleTally)
    with gzip.open(truth_of(dump), "rt", encoding="utf-8") as truths:
        for record, truth in zip(records(dump), map(json.loads, truths)):
            document = textfix.clean(record["text"], to="keep")
            matcher = difflib.SequenceMatcher(None, document.text, truth["body_script"], autojunk=False)
            kept = sum(block.size for block in matcher.get_matching_blocks())
            title, editor = (_in_script(truth[key] if key == "title" else truth["meta"].get(key), truth["script"])
                             for key in ("title", "editor"))
            for tally in (tallies[record["source"]], tallies["all"]):
                tally.pages += 1
                tally.chrome_left += _chrome_left(document, truth, record["text"])
                tally.lost += len(truth["body_script"]) - kept
                tally.body += len(truth["body_script"])
                tally.titles += meta_matches("title", document.title, title or "")
                if editor is not None:
                    tally.edited += 1
                    tally.editors += meta_matches("editor", document.meta.get("editor"), editor)
    return {style: tally.summary() for style, tally in sorted(tallies.items())}


def main(argv: list[str] | None = None) -> int:
    """Measure one dump and print a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dump", type=Path)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    results = measure(args.dump)
    print("| style | pages | pages with chrome left | body characters lost | title | editor |")
    print("|---|---:|---:|---:|---:|---:|")
    for style, s in results.items():
        print(f"| {style} | {s['pages']} | {s['chrome_left_pages']:.1%} | {s['body_chars_lost']:.3%} | "
              f"{s['title']:.1%} | {'—' if s['editor'] is None else format(s['editor'], '.1%')} |")
    if args.out:
        args.out.write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
