"""Site styles of Chinese news pages, loaded from ``sites.toml`` (the data lives there)."""

from __future__ import annotations

import string
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

SITES_FILE = Path(__file__).with_name("sites.toml")
TIME_FIELDS = ("Y", "m", "d", "H", "M", "S", "mm", "dd")
FACT_FIELDS = {"title": "title", "source": "source", "authors": "author", "editor": "editor", "breadcrumb": "breadcrumb"}


def template_fields(template: str) -> frozenset[str]:
    """The field names a template uses: ``"来源：{source}"`` → ``{"source"}``."""
    return frozenset(name for _, name, _, _ in string.Formatter().parse(template) if name)


@dataclass(frozen=True)
class Entry:
    """One chrome entry of a style: a line (or affix) template, its label and how often it shows."""

    kind: str
    text: str
    p: float = 1.0
    list: int = 0

    @property
    def facts(self) -> frozenset[str]:
        """The metadata this entry carries (``published``, ``source``, ``author`` ...)."""
        fields = template_fields(self.text)
        facts = {FACT_FIELDS[name] for name in fields if name in FACT_FIELDS}
        if self.kind != "title":
            facts.discard("title")
        if fields & {"Y", "m", "d"}:
            facts.add("published")
        return frozenset(facts)

    @property
    def time_precision(self) -> str:
        """``second``, ``minute`` or ``date``: the finest time field the template shows."""
        fields = template_fields(self.text)
        return "second" if "S" in fields else "minute" if "M" in fields else "date"


@dataclass(frozen=True)
class SiteStyle:
    """The page layout of one news site."""

    key: str
    host: str
    path: str
    sources: tuple[str, ...]
    channels: tuple[str, ...]
    breadcrumb: tuple[str, ...]
    separators: tuple[str, ...]
    indent: str
    blank_lines: bool
    top: tuple[Entry, ...]
    bottom: tuple[Entry, ...]
    middle: tuple[Entry, ...] = ()
    lead: Entry | None = None
    tail: Entry | None = None


@dataclass(frozen=True)
class Names:
    """Pools for made-up people and places."""

    surnames: str
    given: str
    cities: tuple[str, ...]


def _entry(spec: dict[str, Any]) -> Entry:
    return Entry(kind=spec["kind"], text=spec["text"], p=float(spec.get("p", 1.0)), list=int(spec.get("list", 0)))


def _style(spec: dict[str, Any]) -> SiteStyle:
    if len(spec["separators"]) != len(spec["breadcrumb"]) - 1:
        raise ValueError(f"site {spec['key']}: one separator between each two breadcrumb items")
    return SiteStyle(
        key=spec["key"],
        host=spec["host"],
        path=spec["path"],
        sources=tuple(spec["sources"]),
        channels=tuple(spec["channels"]),
        breadcrumb=tuple(spec["breadcrumb"]),
        separators=tuple(spec["separators"]),
        indent=spec["indent"],
        blank_lines=bool(spec["blank_lines"]),
        top=tuple(_entry(e) for e in spec["top"]),
        bottom=tuple(_entry(e) for e in spec["bottom"]),
        middle=tuple(_entry(e) for e in spec.get("middle", ())),
        lead=_entry(spec["lead"]) if "lead" in spec else None,
        tail=_entry(spec["tail"]) if "tail" in spec else None,
    )


@lru_cache(maxsize=4)
def load_sites(path: Path = SITES_FILE) -> tuple[tuple[SiteStyle, ...], Names]:
    """The site styles and name pools of a sites file."""
    with open(path, "rb") as handle:
        data = tomllib.load(handle)
    names = data["names"]
    return tuple(_style(s) for s in data["site"]), Names(names["surnames"], names["given"], tuple(names["cities"]))
