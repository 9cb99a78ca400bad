"""Learn each site's own chrome from the corpus: lines that recur across many of its pages.

Rules catch the chrome every site shares; each site also repeats its own navigation, slogans and
footers on every page. Pass one (`LineCounter`) counts, per site, on how many pages each
normalised line occurs; pass two (`LearnedChrome.strip`) removes from the cleaned body the lines
that recur on at least ``min_pages`` pages and ``min_share`` of the site's pages.

Lines are normalised like CCNet (lower case, digits to 0, punctuation, symbols and spaces
removed), after ruby residue is stripped and the script folded to Simplified, so dated or
numbered variants and both scripts of one line count together. Memory stays bounded for any dump
size: pass one appends (line hash, site) pairs to hash-partitioned shard files on disk and counts
one shard at a time.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import tempfile
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping
from urllib.parse import urlsplit

import regex

from .convert import converter
from .io import read_items
from .ruby import strip_ruby
from .types import Change

STEP = "site-chrome"
RULE = "site-chrome.repeated"
WHOLE_DUMP = "*"
_NOT_TEXT = regex.compile(r"[\p{P}\p{S}\p{Z}\t\r\f\v]+", regex.V1)
_DIGIT = regex.compile(r"\d")
_PROSE_PUNCTUATION = regex.compile(r"[，。；！？,.;!?]")


# A counted line on disk: its key and its site (a NumPy record; NumPy is imported by learning
# alone, cleaning with learned chrome does not need it).
_ENTRY = [("key", "<u8"), ("site", "<u4")]


@dataclass(frozen=True)
class SiteChromeConfig:
    """Thresholds of site-chrome learning.

    A line is chrome of a site when it occurs on at least ``min_pages`` of the site's pages and
    on at least ``min_share`` of them. Lines of ``prose_length`` characters or more with two or
    more sentence marks look like prose and are never removed (two articles may quote the same
    paragraph). ``shards`` partitions pass one's counts on disk.
    """

    min_pages: int = 5
    min_share: float = 0.05
    prose_length: int = 40
    shards: int = 64


def site_of(record: Mapping[str, Any]) -> str:
    """The site a record belongs to: its URL's host, else its ``source`` field, else the whole dump."""
    url = record.get("url")
    if isinstance(url, str) and url:
        host = urlsplit(url if "//" in url else f"//{url}").hostname or ""
        if host:
            return host.removeprefix("www.")
    source = record.get("source")
    if isinstance(source, str) and source.strip():
        return source.strip()
    return WHOLE_DUMP


def normalised_lines(text: str) -> list[str]:
    """The page's lines normalised for matching: no ruby, Simplified, lower case, digits 0, letters only."""
    folded = converter("t2s").convert(strip_ruby(text)[0]).lower()
    return _DIGIT.sub("0", _NOT_TEXT.sub("", folded)).split("\n")


def line_key(site: str, normalised: str) -> int:
    """A 64-bit key for one normalised line of one site."""
    digest = hashlib.blake2b(f"{site}\0{normalised}".encode("utf-8", "surrogatepass"), digest_size=8)
    return int.from_bytes(digest.digest(), "little")


def looks_like_prose(line: str, config: SiteChromeConfig) -> bool:
    """Long lines with sentence punctuation: never removed as site chrome."""
    return len(line) >= config.prose_length and len(_PROSE_PUNCTUATION.findall(line)) >= 2


@dataclass(eq=False)
class LearnedChrome:
    """What pass one learned: per site, the keys of its repeated lines and on how many pages each occurs."""

    config: SiteChromeConfig
    site_pages: dict[str, int]
    lines: dict[int, tuple[str, int]] = field(default_factory=dict)  # key -> (site, pages)

    def strip(self, text: str, site: str) -> tuple[str, list[Change]]:
        """Remove the site's learned chrome lines from a cleaned body; one Change per line."""
        if not self.lines or site not in self.site_pages or not text:
            return text, []
        original = text.split("\n")
        kept: list[str] = []
        changes: list[Change] = []
        for number, (line, normalised) in enumerate(zip(original, normalised_lines(text))):
            entry = self.lines.get(line_key(site, normalised)) if normalised else None
            if entry is None or looks_like_prose(line, self.config):
                kept.append(line)
                continue
            detail = {"site": site, "pages": entry[1], "site_pages": self.site_pages[site]}
            changes.append(Change(STEP, RULE, line, "", number + 1, detail))
        return ("\n".join(kept), changes) if changes else (text, [])

    def save(self, path: str) -> None:
        """Store the learned chrome (to reuse it on more data from the same sites)."""
        with open(path, "wb") as handle:
            pickle.dump(self, handle)

    @staticmethod
    def load(path: str) -> "LearnedChrome":
        """Load learned chrome stored by `save`."""
        with open(path, "rb") as handle:
            learned = pickle.load(handle)
        if not isinstance(learned, LearnedChrome):
            raise ValueError(f"{path} does not hold learned site chrome")
        return learned


class LineCounter:
    """Pass one: count, per site, the pages each normalised line occurs on, in bounded memory."""

    _FLUSH_AT = 1 << 16

    def __init__(self, config: SiteChromeConfig | None = None, workdir: str | None = None) -> None:
        self.config = config or SiteChromeConfig()
        self._own_dir = workdir is None
        self.workdir = tempfile.mkdtemp(prefix="textfix-sitechrome-") if workdir is None else workdir
        os.makedirs(self.workdir, exist_ok=True)
        self.site_pages: dict[str, int] = {}
        self._site_ids: dict[str, int] = {}
        self._buffers: list[list[tuple[int, int]]] = [[] for _ in range(self.config.shards)]

    def add_page(self, site: str, text: str) -> None:
        """Count one page's distinct lines for its site."""
        self.site_pages[site] = self.site_pages.get(site, 0) + 1
        site_id = self._site_ids.setdefault(site, len(self._site_ids))
        for key in {line_key(site, n) for n in normalised_lines(text) if n}:
            buffer = self._buffers[key % self.config.shards]
            buffer.append((key, site_id))
            if len(buffer) >= self._FLUSH_AT:
                self._flush(key % self.config.shards)

    def add_records(self, records: Iterable[Mapping[str, Any]], text_field: str = "text") -> None:
        """Count every record that has a text field."""
        for record in records:
            text = record.get(text_field)
            if isinstance(text, str):
                self.add_page(site_of(record), text)

    def _flush(self, shard: int) -> None:
        import numpy as np

        entries = np.array(self._buffers[shard], dtype=_ENTRY)
        with open(os.path.join(self.workdir, f"shard-{shard:04d}.bin"), "ab") as handle:
            entries.tofile(handle)
        self._buffers[shard] = []

    def finish(self) -> LearnedChrome:
        """Count shard by shard and keep the lines that pass both thresholds."""
        import numpy as np

        sites = {site_id: site for site, site_id in self._site_ids.items()}
        learned: dict[int, tuple[str, int]] = {}
        try:
            for shard in range(self.config.shards):
                if self._buffers[shard]:
                    self._flush(shard)
                path = os.path.join(self.workdir, f"shard-{shard:04d}.bin")
                if not os.path.exists(path):
                    continue
                entries = np.fromfile(path, dtype=_ENTRY)
                keys, first, counts = np.unique(entries["key"], return_index=True, return_counts=True)
                frequent = counts >= self.config.min_pages
                for key, index, count in zip(keys[frequent], first[frequent], counts[frequent]):
                    site = sites[int(entries["site"][index])]
                    if count >= self.config.min_share * self.site_pages[site]:
                        learned[int(key)] = (site, int(count))
        finally:
            if self._own_dir:
                shutil.rmtree(self.workdir, ignore_errors=True)
        return LearnedChrome(self.config, dict(self.site_pages), learned)


def learn_from_files(names: list[str], text_field: str = "text", config: SiteChromeConfig | None = None) -> LearnedChrome:
    """Pass one over input files (JSONL, JSONL.gz, Parquet, text pages): learn each site's chrome."""
    counter = LineCounter(config)
    counter.add_records(item.record for name in names for item in read_items(name, text_field) if item.record)
    return counter.finish()


def chrome_report(names: list[str], learned: LearnedChrome, text_field: str = "text") -> list[dict[str, Any]]:
    """Per site, the learned chrome lines with an example of each and on how many pages it occurs."""
    examples: dict[int, str] = {}
    for name in names:
        for item in read_items(name, text_field):
            if len(examples) == len(learned.lines):
                break
            if item.record is None:
                continue
            site, text = site_of(item.record), item.record[text_field]
            for line, normalised in zip(text.split("\n"), normalised_lines(text)):
                key = line_key(site, normalised) if normalised else None
                if key in learned.lines and key not in examples:
                    examples[key] = line.strip()
    report: dict[str, dict[str, Any]] = {}
    for key, (site, pages) in learned.lines.items():
        entry = report.setdefault(site, {"site": site, "pages": learned.site_pages[site], "lines": []})
        entry["lines"].append({"line": examples.get(key, ""), "pages": pages})
    for entry in report.values():
        entry["lines"].sort(key=lambda line: (-line["pages"], line["line"]))
    return sorted(report.values(), key=lambda entry: -entry["pages"])
