"""HTML input: the article extracted by trafilatura, its headline found, then the pipeline.

The extraction is the page's first step (``extract``): it takes the article out of the HTML
(`decode_html` read its bytes), and the pipeline cleans that as an article, not a whole page.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from .chrome import MIN_TITLE_LENGTH, TITLE_MAX_LENGTH, headline_of, letters
from .pipeline import CleanConfig, Pipeline
from .types import Change, Document
from .webpage import HtmlText, decode_html

STEP = "extract"


@lru_cache(maxsize=None)
def _title_pipeline(to: str) -> Pipeline:
    return Pipeline(CleanConfig(to=to, steps=("sanitise", "repair", "convert", "spacing", "punctuation")))


def _extract(html: str, url: str | None) -> Any:
    import trafilatura  # imported on first use: it takes a second

    return trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False)


def headline(html: str, extracted: str | None) -> str | None:
    """The article's headline: the <h1> the page's <title> holds (a <title> is the headline and
    the site's name, punctuation aside) or its only <h1>, else the extractor's title, else the
    <title>, without the site's name."""
    from lxml import html as lxml_html

    try:
        tree = lxml_html.fromstring(html)
    except (ValueError, lxml_html.etree.ParserError):
        return extracted
    page_title = " ".join((tree.findtext(".//title") or "").split())
    headings = [text for text in (" ".join(h1.text_content().split()) for h1 in tree.iter("h1"))
                if MIN_TITLE_LENGTH <= len(letters(text)) and len(text) <= TITLE_MAX_LENGTH]
    named = [text for text in headings if letters(text) in letters(page_title)]
    if named or len(headings) == 1:
        return max(named or headings, key=len)
    title = extracted or page_title
    return headline_of(title) if title else None


def clean_html(page: bytes | str, *, url: str | None = None, pipeline: Pipeline | None = None) -> Document:
    """Clean an HTML page: decode it (`decode_html`), extract the article with trafilatura, run
    ``pipeline`` (the default one) on it. trafilatura's title, date and author fill what the
    chrome step did not find; a page-level ``extract.trafilatura`` Change records them and how
    the bytes were read."""
    pipeline = pipeline or Pipeline()
    read = decode_html(page) if isinstance(page, bytes) else HtmlText(page, "str")
    extracted = _extract(read.text, url)
    body = (extracted.text or "") if extracted is not None else ""
    document = pipeline.run(body)
    facts: dict[str, Any] = {"encoding": read.encoding}
    if read.declared:
        facts["declared"] = read.declared
    if read.reason:
        facts["charset"] = read.reason
    title = headline(read.text, extracted.title if extracted is not None else None)
    if title and not document.title:
        document.title = _title_pipeline(pipeline.config.to).run(title).text or None
    if extracted is not None:
        for key, value in (("published", extracted.date), ("author", extracted.author), ("source", extracted.sitename)):
            if value and key not in document.meta:
                document.meta[key] = value
        facts.update({k: v for k, v in (("title", extracted.title), ("date", extracted.date)) if v})
    document.repairs.insert(0, Change(STEP, f"{STEP}.trafilatura", "", "", None, facts))
    return document
