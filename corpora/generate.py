"""Scraped-dump generator: clean Chinese text in, realistic scraped news pages and their truth out.

Every page is an article made of consecutive lines of the source text, wrapped in the chrome of
one site style (``sites.toml``: breadcrumbs, datelines, bylines, widgets, related news,
copyright, licences ...), rendered in Simplified or Traditional Chinese (OpenCC s2t/s2tw/s2hk),
laid out with the site's indents and blank lines, and — for the pages not drawn as clean —
damaged: pinyin ruby residue, NFKC-folded punctuation, and the mojibake kinds of
``corpora.garble``.

Pages are streamed to the dump (JSONL, JSONL.gz, Parquet or a folder of text files) and their
truth to ``<dump>.truth.jsonl.gz`` beside it, one record per page in the same order:

- ``id``, ``url``, ``source`` (the site), ``script`` (hans, s2t, s2tw, s2hk);
- ``title`` and ``meta`` (published ISO 8601, source, author, editor, breadcrumb ``a > b``) in
  Simplified Chinese, from the chrome actually rendered on the page;
- ``body``: the clean article in Simplified Chinese, one paragraph a line (what
  ``textfix clean --to hans`` should give); ``body_script``: the same in the page's script;
- ``lines``: the label of every non-blank page line, in order (``body`` or a chrome kind:
  ``breadcrumb``, ``title``, ``dateline``, ``editor``, ``copyright`` ...);
- ``affixes``: chrome glued to body lines (agency leads, bylines, end marks): line, part (head or
  tail), kind and text as rendered in the page's script;
- ``damage``: what was applied where (kind, line, span, before, after); ``damage_kinds``; and
  ``damage_skipped``, kinds drawn that the page could not carry (a lossless chain no span of
  the page survives).

Page ``i`` depends only on the seed, ``i``, the options and the source text, so a dump is
reproducible and never held in memory::

    python -m corpora.generate dumps/news-20m.jsonl --size 20MB --seed 1 --clean-share 0.95
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import random
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterator, Protocol, TextIO

import opencc
from pypinyin import Style, pinyin

from corpora.garble import DAMAGE_KINDS, garble
from corpora.sites import Entry, Names, SiteStyle, load_sites

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SHARED = REPO_ROOT.parent / "shared"
SCRIPTS = ("hans", "s2t", "s2tw", "s2hk")
TEXT_DAMAGE: dict[str, str] = {
    "ruby": "a reading in ASCII parentheses after characters whose Simplified and Traditional forms differ",
    "nfkc-punct": "full-width punctuation folded to ASCII, as NFKC does",
}
EXTRA_KIND_CHANCE = 0.3
RUBY_SHARE = 0.8
RUBY_PARTS = ("title", "body")
CHROME_MOJIBAKE_SHARE = 0.3
SPAN_LENGTHS = ((6, 40), (3, 12), (2, 6))
GARBLE_ATTEMPTS = 4
EPOCH = datetime(2015, 1, 1)
EPOCH_SPAN_DAYS = 11 * 365
ROW_GROUP = 2048

# Full-width forms the source text keeps; every other one (digits, letters, ．％－) is read as ASCII.
_KEEP_WIDE = set("！（），：；？～")
_SOURCE_WIDTH = {c: unicodedata.normalize("NFKC", chr(c)) for c in range(0xFF01, 0xFF5F) if chr(c) not in _KEEP_WIDE}
_SOURCE_WIDTH[0x3000] = " "
# NFKC folding of the punctuation a scraper's normaliser maps to ASCII.
FOLD = {c: unicodedata.normalize("NFKC", chr(c)) for c in range(0xFF01, 0xFF5F)}
_SENTENCE_END = "。！？…”」』）"
# Source lines that already look like chrome (datelines, leads, bylines) would blur the truth.
_CHROME_LIKE = re.compile(
    r"来源|记者|编辑|责编|通讯员|版权|转载|不代表|仅供参考|ICP|举报|热线|[（(]完[）)]|^(?:新华社|本报|中新网|新华网|人民网)"
    r"|电[（(]|^\d{2,4}\s*[-年./]|\d{4}\s*[-年./]\s*\d{1,2}\s*[-月./]\s*\d{1,2}\s*日?\s*\d{1,2}[:：]\d{2}"
)
_HAN = re.compile(r"[\u3400-\u9fff]")


@dataclass(frozen=True)
class SourceText:
    """Clean Simplified lines: sentences for bodies, short lines for titles and headlines."""

    lines: tuple[str, ...]
    titles: tuple[str, ...]


def _source_line(raw: str) -> str | None:
    line = raw.strip().translate(_SOURCE_WIDTH).strip()
    han = len(_HAN.findall(line))
    if len(line) < 6 or han < len(line) * 0.5 or _CHROME_LIKE.search(line):
        return None
    return line


def load_source(paths: list[Path]) -> SourceText:
    """Read clean text files (one sentence or paragraph a line), dropping chrome-like lines."""
    lines: list[str] = []
    for path in paths:
        with open(path, encoding="utf-8") as handle:
            lines.extend(line for line in map(_source_line, handle) if line)
    if not lines:
        raise ValueError(f"no usable lines in {', '.join(map(str, paths))}")
    titles = tuple(
        line for line in lines
        if 8 <= len(line) <= 30 and line[-1] not in _SENTENCE_END + "，；：" and len(_HAN.findall(line)) >= 0.8 * len(line)
    )
    return SourceText(tuple(lines), titles)


def default_source_files(shared: Path) -> list[Path]:
    """The Simplified news files of the shared corpora folder."""
    files = sorted((shared / "corpora" / "zh-hans").glob("*.txt"))
    if not files:
        raise FileNotFoundError(f"no clean text under {shared / 'corpora' / 'zh-hans'}")
    return files


@lru_cache(maxsize=8)
def converter(config: str) -> opencc.OpenCC:
    """The OpenCC converter of ``config`` (a script of the mix, or ``t2s``/``s2t``), made once."""
    return opencc.OpenCC(config)


@lru_cache(maxsize=65536)
def _differs(char: str, script: str) -> bool:
    """Whether ``char`` has another form in the other script (the characters ruby annotates)."""
    return converter("t2s" if script != "hans" else "s2t").convert(char) != char


@lru_cache(maxsize=65536)
def _reading(char: str) -> str | None:
    """The first reading pypinyin gives, with tone marks (a mechanical choice, as scrapers make)."""
    readings = pinyin(char, style=Style.TONE, errors="ignore")
    return readings[0][0] if readings and readings[0][0] != char else None


@dataclass
class Part:
    """A run of one line: body text or a chrome kind (a whole chrome line is a single part)."""

    kind: str
    text: str


@dataclass
class Line:
    """One non-blank page line."""

    parts: list[Part]

    @property
    def label(self) -> str:
        """``body`` when the line holds body text, else its chrome kind."""
        return "body" if any(p.kind == "body" for p in self.parts) else self.parts[0].kind

    @property
    def text(self) -> str:
        return "".join(p.text for p in self.parts)


@dataclass(frozen=True)
class Mix:
    """What pages to make: scripts, the share of undamaged pages, and the damage kinds' weights."""

    scripts: dict[str, float] = field(default_factory=lambda: {"hans": 0.7, "s2t": 0.1, "s2tw": 0.1, "s2hk": 0.1})
    clean_share: float = 0.95
    damage: dict[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        unknown = set(self.scripts) - set(SCRIPTS)
        if unknown:
            raise ValueError(f"unknown scripts {sorted(unknown)}; choose from {', '.join(SCRIPTS)}")
        unknown = set(self.damage) - set(damage_kinds())
        if unknown:
            raise ValueError(f"unknown damage kinds {sorted(unknown)}; choose from {', '.join(damage_kinds())}")
        if not 0.0 <= self.clean_share <= 1.0:
            raise ValueError("clean share must be between 0 and 1")


def damage_kinds() -> dict[str, str]:
    """Every damage kind the generator applies, with what it does."""
    kinds = dict(TEXT_DAMAGE)
    kinds.update({name: (fn.__doc__ or "mojibake").strip().splitlines()[0] for name, fn in DAMAGE_KINDS.items()})
    return kinds


def _weighted(rng: random.Random, weights: dict[str, float]) -> str:
    names = list(weights)
    return rng.choices(names, weights=[weights[n] for n in names])[0]


class PageMaker:
    """Makes page ``i`` of a dump from the seed, the mix, the site styles and the source text."""

    def __init__(self, source: SourceText, mix: Mix, seed: int, sites_file: Path | None = None) -> None:
        self.source = source
        self.mix = mix
        self.seed = seed
        self.sites, self.names = load_sites(sites_file) if sites_file else load_sites()
        self.damage_weights = mix.damage or {name: 1.0 for name in damage_kinds()}

    # -- content -------------------------------------------------------------------------------

    def _person(self, rng: random.Random) -> str:
        names: Names = self.names
        return rng.choice(names.surnames) + "".join(rng.choice(names.given) for _ in range(rng.choice((1, 2, 2))))

    def _headline(self, rng: random.Random) -> str:
        if self.source.titles:
            return rng.choice(self.source.titles)
        line = rng.choice(self.source.lines)
        return re.split(r"[，。；！？：]", line)[0][:28] or line[:20]

    def _paragraphs(self, rng: random.Random) -> list[str]:
        lines = self.source.lines
        start = rng.randrange(len(lines))
        while start < len(lines) - 1 and lines[start][-1] not in _SENTENCE_END:
            start += 1
        wanted = rng.randint(3, 12)
        paragraphs: list[str] = []
        position = start
        while len(paragraphs) < wanted:
            sentences = rng.randint(1, 3)
            paragraph = ""
            for _ in range(sentences):
                line = lines[position % len(lines)]
                position += 1
                paragraph += line
                if line[-1] not in _SENTENCE_END:
                    break
            paragraphs.append(paragraph)
        return paragraphs

    def _values(self, rng: random.Random, site: SiteStyle, index: int) -> dict[str, str]:
        when = EPOCH + timedelta(days=rng.randrange(EPOCH_SPAN_DAYS), seconds=rng.randrange(6 * 3600, 24 * 3600))
        channel = rng.choice(site.channels)
        crumbs = [item.format(channel=channel) for item in site.breadcrumb]
        rendered = crumbs[0] + "".join(sep + item for sep, item in zip(site.separators, crumbs[1:]))
        authors = " ".join(self._person(rng) for _ in range(rng.choice((1, 1, 2))))
        return {
            "title": self._headline(rng),
            "channel": channel,
            "breadcrumb": rendered,
            "breadcrumb_path": " > ".join(crumbs),
            "source": rng.choice(site.sources),
            "authors": authors,
            "editor": self._person(rng),
            "city": rng.choice(self.names.cities),
            "Y": f"{when.year:04d}", "m": f"{when.month:02d}", "d": f"{when.day:02d}",
            "H": f"{when.hour:02d}", "M": f"{when.minute:02d}", "S": f"{when.second:02d}",
            "mm": str(when.month), "dd": str(when.day),
            "id": f"{self.seed % 1000:03d}{index:09d}",
            "number": str(rng.randint(100, 99999)),
            "phone": f"0{rng.randint(10, 999)}-{rng.randint(10_000_000, 99_999_999)}",
            "iso_date": when.strftime("%Y-%m-%d"),
            "iso_minute": when.strftime("%Y-%m-%dT%H:%M"),
            "iso_second": when.strftime("%Y-%m-%dT%H:%M:%S"),
        }

    def _render(self, entry: Entry, values: dict[str, str], rng: random.Random) -> str:
        return entry.text.format_map({**values, "headline": self._headline(rng)})

    # -- page ----------------------------------------------------------------------------------

    def _layout(self, rng: random.Random, site: SiteStyle, values: dict[str, str]) -> tuple[list[Line], list[Entry]]:
        """The page's lines in Simplified Chinese, and the chrome entries rendered, in page order."""
        shown: list[Entry] = []

        def chrome(entries: tuple[Entry, ...]) -> Iterator[Line]:
            for entry in entries:
                if rng.random() < entry.p:
                    shown.append(entry)
                    yield Line([Part(entry.kind, self._render(entry, values, rng))])
                    for _ in range(entry.list):
                        yield Line([Part(entry.kind, self._headline(rng))])

        lines = list(chrome(site.top))
        body = [Line([Part("body", p)]) for p in self._paragraphs(rng)]
        for affix, index, place in ((site.lead, 0, 0), (site.tail, -1, None)):
            if affix is not None and rng.random() < affix.p:
                shown.append(affix)
                part = Part(affix.kind, self._render(affix, values, rng))
                body[index].parts.insert(len(body[index].parts) if place is None else place, part)
        for middle in chrome(site.middle):
            body.insert(rng.randint(1, len(body) - 1), middle)
        lines += body
        lines += chrome(site.bottom)
        return lines, shown

    @staticmethod
    def _meta(shown: list[Entry], values: dict[str, str]) -> dict[str, str]:
        meta: dict[str, str] = {}
        for entry in shown:
            for fact in sorted(entry.facts - {"title"}):
                if fact == "published":
                    meta.setdefault(fact, values[f"iso_{entry.time_precision}"])
                elif fact == "breadcrumb":
                    meta.setdefault(fact, values["breadcrumb_path"])
                else:
                    meta.setdefault(fact, values["authors" if fact == "author" else fact])
        return meta

    def _convert(self, lines: list[Line], script: str) -> None:
        if script == "hans":
            return
        parts = [p for line in lines for p in line.parts]
        converted = converter(script).convert("\n".join(p.text for p in parts)).split("\n")
        for part, text in zip(parts, converted, strict=True):
            part.text = text

    def _damage(
        self, rng: random.Random, lines: list[Line], kinds: list[str], script: str
    ) -> tuple[list[dict[str, Any]], list[str]]:
        """Apply the damage kinds in the order a page meets them: ruby, then mojibake, then NFKC.

        Returns what was applied, and the kinds drawn that the page could not carry (no character
        to annotate, no span whose bytes survive a lossless chain)."""
        applied: list[dict[str, Any]] = []
        if "ruby" in kinds:
            applied.append(self._ruby(rng, lines, script))
        garbled: set[int] = set()
        for kind in kinds:
            if kind in DAMAGE_KINDS:
                record = self._mojibake(rng, lines, kind, garbled)
                if record:
                    garbled.add(record["line"])
                applied.append(record or {"kind": kind, "count": 0})
        if "nfkc-punct" in kinds:
            count = 0
            for line in lines:
                for part in line.parts:
                    folded = part.text.translate(FOLD)
                    count += sum(a != b for a, b in zip(part.text, folded))
                    part.text = folded
            for record in applied:
                if "after" in record:
                    record["after"] = record["after"].translate(FOLD)
            applied.append({"kind": "nfkc-punct", "count": count})
        skipped = [record["kind"] for record in applied if record.get("count") == 0]
        return [record for record in applied if record.get("count") != 0], skipped

    @staticmethod
    def _ruby(rng: random.Random, lines: list[Line], script: str) -> dict[str, Any]:
        """Annotate most characters that differ between the scripts, in the title and body only."""
        parts = [p for line in lines for p in line.parts if p.kind in RUBY_PARTS]
        present = sorted({c for p in parts for c in p.text if _HAN.match(c) and _differs(c, script)})
        chosen = {c for c in present if rng.random() < RUBY_SHARE and _reading(c)}
        count = 0
        for part in parts:
            count += sum(part.text.count(c) for c in chosen)
            part.text = "".join(f"{c}({_reading(c)})" if c in chosen else c for c in part.text)
        return {"kind": "ruby", "count": count, "chars": "".join(sorted(chosen))}

    @staticmethod
    def _mojibake(rng: random.Random, lines: list[Line], kind: str, taken: set[int]) -> dict[str, Any] | None:
        """Garble a span of a body paragraph or a whole footer line; None when no span can carry ``kind``.

        Lines in ``taken`` (garbled already) are left alone, so every record stays true.
        Lossless chains need bytes that decode strictly at every layer, which long spans rarely
        have: after a few failures the spans get shorter.
        """
        body = [(i, j) for i, line in enumerate(lines) if i not in taken for j, p in enumerate(line.parts) if p.kind == "body"]
        chrome = [(i, 0) for i, line in enumerate(lines) if i not in taken and line.label not in ("body", "title")]
        for attempt in range(GARBLE_ATTEMPTS * len(SPAN_LENGTHS)):
            tier = attempt // GARBLE_ATTEMPTS
            on_chrome = tier == 0 and bool(chrome) and rng.random() < CHROME_MOJIBAKE_SHARE
            if not (on_chrome or body):
                return None
            i, j = rng.choice(chrome if on_chrome else body)
            part = lines[i].parts[j]
            if on_chrome:
                start, end = 0, len(part.text)
            else:
                length = min(len(part.text), rng.randint(*SPAN_LENGTHS[tier]))
                start = rng.randrange(len(part.text) - length + 1)
                end = start + length
            before = part.text[start:end]
            try:
                after = garble(before, kind, rng)
            except (UnicodeError, ValueError):
                continue
            if after == before or not after.strip() or len(after.splitlines()) != 1 or "\x85" in after:
                continue
            part.text = part.text[:start] + after + part.text[end:]
            offset = sum(len(p.text) for p in lines[i].parts[:j])
            return {"kind": kind, "line": i, "start": offset + start, "end": offset + start + len(after),
                    "before": before, "after": after}
        return None

    def _kinds(self, rng: random.Random) -> list[str]:
        if rng.random() < self.mix.clean_share:
            return []
        kinds = [_weighted(rng, self.damage_weights)]
        while rng.random() < EXTRA_KIND_CHANCE and len(kinds) < len(self.damage_weights):
            kind = _weighted(rng, self.damage_weights)
            if kind not in kinds:
                kinds.append(kind)
        return kinds

    def make(self, index: int) -> tuple[dict[str, Any], dict[str, Any]]:
        """Page ``index``: the dump record and its truth record."""
        rng = random.Random(f"{self.seed}/{index}")
        site = rng.choice(self.sites)
        script = _weighted(rng, self.mix.scripts)
        kinds = self._kinds(rng)
        values = self._values(rng, site, index)
        lines, shown = self._layout(rng, site, values)
        body_hans = [("".join(p.text for p in line.parts if p.kind == "body")) for line in lines if line.label == "body"]
        self._convert(lines, script)
        affixes = [
            {"line": i, "part": "head" if j == 0 else "tail", "kind": p.kind, "text": p.text}
            for i, line in enumerate(lines) if line.label == "body"
            for j, p in enumerate(line.parts) if p.kind != "body"
        ]
        body_script = [("".join(p.text for p in line.parts if p.kind == "body")) for line in lines if line.label == "body"]
        damage, skipped = self._damage(rng, lines, kinds, script)
        page_id = f"{self.seed}-{index:08d}"
        record = {
            "id": page_id,
            "url": "https://" + site.host + site.path.format_map(values),
            "source": site.key,
            "text": self._text(site, lines),
        }
        truth = {
            "id": page_id,
            "url": record["url"],
            "source": site.key,
            "script": script,
            "title": values["title"] if any(e.kind == "title" for e in shown) else None,
            "meta": self._meta(shown, values),
            "body": "\n".join(body_hans),
            "body_script": "\n".join(body_script),
            "lines": [line.label for line in lines],
            "affixes": affixes,
            "damage": damage,
            "damage_kinds": sorted({d["kind"] for d in damage}),
            "damage_skipped": skipped,
        }
        return record, truth

    @staticmethod
    def _text(site: SiteStyle, lines: list[Line]) -> str:
        rendered: list[str] = []
        previous = ""
        for line in lines:
            label = line.label
            if site.blank_lines and (label == "body" or previous == "body"):
                rendered.append("")
            rendered.append((site.indent if label == "body" else "") + line.text)
            previous = label
        return "\n".join(rendered).lstrip("\n") + "\n"


# -- writers -----------------------------------------------------------------------------------


class DumpWriter(Protocol):
    """Where pages go: one record at a time, closed once at the end."""

    def write(self, record: dict[str, Any]) -> None: ...

    def close(self) -> None: ...


def open_text(path: Path) -> TextIO:
    """A UTF-8 text file for writing, gzip-compressed for ``.gz`` (no name or time in the header,
    so equal content gives equal bytes)."""
    if path.suffix == ".gz":
        raw = open(path, "wb")
        compressed = gzip.GzipFile(filename="", mode="wb", compresslevel=6, fileobj=raw, mtime=0)
        compressed.myfileobj = raw  # closed with the gzip stream, as when GzipFile opens the file itself
        return io.TextIOWrapper(compressed, encoding="utf-8", newline="\n")
    return open(path, "w", encoding="utf-8", newline="\n")


class JsonlWriter:
    """JSON lines, gzip-compressed when the name ends in ``.gz``."""

    def __init__(self, path: Path) -> None:
        self.handle = open_text(path)

    def write(self, record: dict[str, Any]) -> None:
        """Append one record."""
        self.handle.write(json.dumps(record, ensure_ascii=False) + "\n")

    def close(self) -> None:
        """Flush and close."""
        self.handle.close()


class ParquetWriter:
    """Parquet with columns id, url, source, text; rows go out in row groups of ``ROW_GROUP``."""

    def __init__(self, path: Path) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        self.pa = pa
        self.schema = pa.schema([("id", pa.string()), ("url", pa.string()), ("source", pa.string()), ("text", pa.string())])
        self.writer = pq.ParquetWriter(str(path), self.schema, compression="zstd")
        self.rows: list[dict[str, Any]] = []

    def write(self, record: dict[str, Any]) -> None:
        """Buffer one record; a full row group is written out."""
        self.rows.append(record)
        if len(self.rows) >= ROW_GROUP:
            self._flush()

    def _flush(self) -> None:
        if self.rows:
            self.writer.write_table(self.pa.Table.from_pylist(self.rows, schema=self.schema))
            self.rows = []

    def close(self) -> None:
        """Write the last row group and the footer."""
        self._flush()
        self.writer.close()


class FolderWriter:
    """One ``<id>.txt`` file a page (the page text only; url and source are in the truth file)."""

    def __init__(self, path: Path) -> None:
        path.mkdir(parents=True, exist_ok=True)
        self.path = path

    def write(self, record: dict[str, Any]) -> None:
        """Write one page file."""
        (self.path / f"{record['id']}.txt").write_text(record["text"], encoding="utf-8")

    def close(self) -> None:
        """Nothing to finish: every page is its own file."""


FORMATS: dict[str, Callable[[Path], DumpWriter]] = {
    "jsonl": JsonlWriter,
    "jsonl.gz": JsonlWriter,
    "parquet": ParquetWriter,
    "folder": FolderWriter,
}


def dump_format(path: Path) -> str:
    """``jsonl``, ``jsonl.gz``, ``parquet`` or ``folder`` from the output name."""
    name = path.name.lower()
    for suffix in ("jsonl.gz", "jsonl", "parquet"):
        if name.endswith("." + suffix):
            return suffix
    return "folder"


def truth_path(dump: Path) -> Path:
    """Where a dump's truth goes: ``news.jsonl.gz`` → ``news.truth.jsonl.gz`` beside it."""
    name = dump.name
    for suffix in (".jsonl.gz", ".jsonl", ".parquet"):
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
            break
    return dump.with_name(name + ".truth.jsonl.gz")


@dataclass
class Summary:
    """What a run wrote."""

    pages: int = 0
    bytes: int = 0
    damaged: int = 0
    kinds: dict[str, int] = field(default_factory=dict)
    skipped: dict[str, int] = field(default_factory=dict)


def generate(output: Path, maker: PageMaker, size: int | None, pages: int | None) -> Summary:
    """Stream pages into ``output`` and truth beside it until ``size`` bytes of text or ``pages`` pages."""
    if size is None and pages is None:
        raise ValueError("give a size or a page count")
    output.parent.mkdir(parents=True, exist_ok=True)
    writer = FORMATS[dump_format(output)](output)
    summary = Summary()
    with open_text(truth_path(output)) as truth_file:
        try:
            while (size is None or summary.bytes < size) and (pages is None or summary.pages < pages):
                record, truth = maker.make(summary.pages)
                writer.write(record)
                truth_file.write(json.dumps(truth, ensure_ascii=False) + "\n")
                summary.pages += 1
                summary.bytes += len(record["text"].encode("utf-8"))
                summary.damaged += bool(truth["damage_kinds"])
                for kind in truth["damage_kinds"]:
                    summary.kinds[kind] = summary.kinds.get(kind, 0) + 1
                for kind in truth["damage_skipped"]:
                    summary.skipped[kind] = summary.skipped.get(kind, 0) + 1
        finally:
            writer.close()
    return summary


# -- command line ------------------------------------------------------------------------------


def parse_size(text: str) -> int:
    """``20MB`` → 20_000_000; ``1GB``, ``500kB`` and plain byte counts work too."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kKmMgG]?)[bB]?\s*", text)
    if not match:
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (try 20MB)")
    scale = {"": 1, "k": 10**3, "m": 10**6, "g": 10**9}[match.group(2).lower()]
    return int(float(match.group(1)) * scale)


def parse_weights(text: str) -> dict[str, float]:
    """``hans=0.7,s2t=0.3`` → ``{"hans": 0.7, "s2t": 0.3}`` (a bare name weighs 1)."""
    weights: dict[str, float] = {}
    for item in filter(None, (i.strip() for i in text.split(","))):
        name, _, weight = item.partition("=")
        weights[name.strip()] = float(weight) if weight else 1.0
    return weights


def main(argv: list[str] | None = None) -> int:
    """Command line: make one dump and its truth file."""
    parser = argparse.ArgumentParser(prog="python -m corpora.generate", description=__doc__.split("\n\n")[0])
    parser.add_argument("output", type=Path, nargs="?", help="dump to write: *.jsonl, *.jsonl.gz, *.parquet, or a folder")
    parser.add_argument("--size", type=parse_size, help="stop after this much page text, e.g. 20MB, 1GB")
    parser.add_argument("--pages", type=int, help="stop after this many pages")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--clean-share", type=float, default=0.95, help="share of pages without damage (default 0.95)")
    parser.add_argument("--damage", type=parse_weights, default={}, help="damage kinds and weights, e.g. ruby=2,nfkc-punct=1 (default: all, equal)")
    parser.add_argument("--scripts", type=parse_weights, default=None, help="page scripts and weights (default hans=0.7,s2t=0.1,s2tw=0.1,s2hk=0.1)")
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="shared data folder holding corpora/zh-hans/*.txt")
    parser.add_argument("--source", type=Path, nargs="+", help="clean text files to use instead of the shared corpora")
    parser.add_argument("--list-damage", action="store_true", help="list the damage kinds and exit")
    parser.add_argument("--styles", type=Path, default=None, help="site styles file (default corpora/sites.toml; "
                        "corpora/sites_check.toml holds the styles held out as a check)")
    args = parser.parse_args(argv)
    if args.list_damage:
        for name, description in damage_kinds().items():
            print(f"{name:24} {description}")
        return 0
    if args.output is None or (args.size is None and args.pages is None):
        parser.error("give the dump to write, and --size or --pages")
    mix = Mix(clean_share=args.clean_share, damage=args.damage, **({"scripts": args.scripts} if args.scripts else {}))
    source = load_source(args.source or default_source_files(args.shared))
    summary = generate(args.output, PageMaker(source, mix, args.seed, args.styles), args.size, args.pages)
    kinds = ", ".join(f"{k} {n}" for k, n in sorted(summary.kinds.items())) or "none"
    print(
        f"{args.output}: {summary.pages} pages, {summary.bytes / 1e6:.1f} MB of text, "
        f"{summary.damaged} damaged ({kinds}); truth in {truth_path(args.output)}",
        file=sys.stderr,
    )
    if summary.skipped:
        skipped = ", ".join(f"{k} {n}" for k, n in sorted(summary.skipped.items()))
        print(f"drawn but no span could carry them: {skipped}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
