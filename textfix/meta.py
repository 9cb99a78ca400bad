"""Metadata from the chrome the chrome step recognised: title, time, source, author, editor, breadcrumb.

Facts arrive raw (``2025年02月19日 10:30``, ``首页山东新闻—正文``); this step normalises them:
publication time to ISO 8601, breadcrumbs to ``a > b > c``, names without stray punctuation.
"""

from __future__ import annotations

import unicodedata

import regex

from .types import Change

_DATE_TIME = regex.compile(
    r"(?P<y>\d{4})\s*(?:[-/.年]|\s(?=\d{1,2}/))\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})\s*日?"
    r"(?:\s*(?:星期.|周.|週.)?\s*(?P<ampm>[上下中]午|早上|晚上|凌晨|傍晚)?\s*(?P<H>\d{1,2})\s*[:时時点點]\s*(?P<M>\d{1,2})\s*分?"
    r"(?:\s*[:分]?\s*(?P<S>\d{2})(?!\d))?)?"
)
_HOME = regex.compile(r"^(?:网站首页|新闻首页|首页|主页|首頁|主頁|網站首頁|新聞首頁|Home|HOME)")
_CRUMB_SEPARATOR = regex.compile(r"\s*(?:[>＞›»→—/|｜·]|\s-\s|-{2,})\s*|\s{2,}")
_NAME_TRIM = " \t:：,，、()（）[]【】<>《》"


def iso_datetime(raw: str) -> str | None:
    """``2025年02月19日 10:30`` → ``2025-02-19T10:30``; None when no valid date is there."""
    match = _DATE_TIME.search(unicodedata.normalize("NFKC", raw))
    if match is None:
        return None
    year, month, day = int(match["y"]), int(match["m"]), int(match["d"])
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    date = f"{year:04d}-{month:02d}-{day:02d}"
    if match["H"] is None:
        return date
    hour, minute = int(match["H"]), int(match["M"])
    if match["ampm"] in ("下午", "晚上", "傍晚") and hour < 12:
        hour += 12
    if hour > 23 or minute > 59:
        return date
    seconds = f":{match['S']}" if match["S"] else ""
    return f"{date}T{hour:02d}:{minute:02d}{seconds}"


def breadcrumb_path(raw: str) -> str:
    """``首页山东新闻—正文`` → ``首页 > 山东新闻 > 正文``."""
    parts = [p for p in _CRUMB_SEPARATOR.split(raw.strip()) if p]
    if parts:
        home = _HOME.match(parts[0])
        if home and home.end() < len(parts[0]):
            parts[:1] = [parts[0][: home.end()], parts[0][home.end() :].strip()]
    return " > ".join(parts)


def _clean_name(raw: str) -> str:
    return " ".join(raw.strip(_NAME_TRIM).split())


def extract_metadata(removed: list[Change]) -> tuple[str | None, dict[str, str]]:
    """The page's title and metadata, from the facts carried by the chrome changes (first wins)."""
    title: str | None = None
    meta: dict[str, str] = {}
    for change in removed:
        for key, value in change.detail.get("facts", {}).items():
            if key == "title":
                title = title or value.strip()
            elif key == "published":
                published = iso_datetime(value)
                if published:
                    meta.setdefault("published", published)
            elif key == "breadcrumb":
                meta.setdefault("breadcrumb", breadcrumb_path(value))
            elif key in ("source", "author", "editor") and _clean_name(value):
                meta.setdefault(key, _clean_name(value))
    return title, meta
