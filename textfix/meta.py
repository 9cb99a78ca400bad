"""Metadata from the chrome the chrome step recognised: title, time, source, author, editor, breadcrumb.

Facts arrive raw (``2025年02月19日 10:30``, ``首页山东新闻—正文``); this step normalises them:
publication time to ISO 8601, breadcrumbs to ``a > b > c``, names without stray punctuation.
"""

from __future__ import annotations

import regex

from .dates import day_first, iso_datetime
from .types import Change

_HOME = regex.compile(r"^(?:网站首页|新闻首页|首页|主页|首頁|主頁|網站首頁|新聞首頁|Home|HOME)")
_CRUMB_SEPARATOR = regex.compile(r"\s*(?:[>＞›»→—/|｜·]|\s-\s|-{2,})\s*|\s{2,}")
_NAME_TRIM = " \t:：,，、()（）[]【】<>《》"
# A tag in square brackets before a headline, as blogs and forums print it ([原创], [组图], a
# sponsor's name): no part of the headline.
_TITLE_TAG = regex.compile(r"^\[[^\[\]]{1,12}\]\s*(?=\S.{3})")
# A reply's heading in a blog's comments or a forum thread (re: 很高兴入住博客堂, 回复：…) names
# the post it answers: the title is what follows.
_REPLY = regex.compile(r"^(?:re|RE|Re|回复|回覆|答复|答覆)\s*[:：]\s*(?=\S)")


def breadcrumb_path(raw: str) -> str:
    """``首页山东新闻—正文`` → ``首页 > 山东新闻 > 正文``."""
    parts = [p for p in _CRUMB_SEPARATOR.split(raw.strip()) if p]
    if parts:
        home = _HOME.match(parts[0])
        if home and home.end() < len(parts[0]):
            parts[:1] = [parts[0][: home.end()], parts[0][home.end() :].strip()]
    return " > ".join(parts)


def title_of(raw: str) -> str:
    """A title as a page shows it, without a reply's ``re:`` or a tag before it:
    ``re: 很高兴入住博客堂`` → ``很高兴入住博客堂``, ``[原创] 春日游记`` → ``春日游记``."""
    return _TITLE_TAG.sub("", _REPLY.sub("", raw.strip()))


def _clean_name(raw: str) -> str:
    return " ".join(raw.strip(_NAME_TRIM).split())


def extract_metadata(removed: list[Change]) -> tuple[str | None, dict[str, str]]:
    """The page's title and metadata, from the facts carried by the chrome changes (first wins)."""
    title: str | None = None
    meta: dict[str, str] = {}
    # (most removed lines, a whole page's furniture, carry no facts)
    facts = [change.detail["facts"] for change in removed if "facts" in change.detail]
    order = day_first([found["published"] for found in facts if "published" in found])
    for found in facts:
        for key, value in found.items():
            if key == "title":
                title = title or title_of(value)
            elif key == "published":
                published = iso_datetime(value, order)
                if published:
                    meta.setdefault("published", published)
            elif key == "breadcrumb":
                meta.setdefault("breadcrumb", breadcrumb_path(value))
            elif key in ("source", "author", "editor") and _clean_name(value):
                meta.setdefault(key, _clean_name(value))
    return title, meta
