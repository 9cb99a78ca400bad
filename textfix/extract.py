"""HTML input: the article extracted by trafilatura (or, where it misses it, read off the page
as text), its headline found, then the pipeline.

The extraction is the page's first step (``extract``): it takes the article out of the HTML
(`decode_html` read its bytes), and the pipeline cleans that as an article, not a whole page.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .chrome import headline_of, headline_sized, letters, names_headline, remove_chrome, title_parts
from .meta import extract_metadata
from .pipeline import CleanConfig, Pipeline
from .types import Change, Document
from .webpage import HtmlText, decode_html

STEP = "extract"
# Where trafilatura's article holds less than this share of the letters of the article the
# chrome step finds in the page read as text, the extractor missed it and the text reading is
# the article. (On the real pages it was 0.00 and 0.06 for two pages trafilatura missed,
# 0.37 and more for every other page.)
EXTRACTED_MIN_SHARE = 0.25
# A heading the <title> names (`names_headline`) with under this share of the letters of its
# headline is a few of its words (an event's or a tag's name), not the headline, where the page
# has one <h1>.
NAMED_MIN_SHARE = 0.5


@lru_cache(maxsize=None)
def _title_pipeline(to: str) -> Pipeline:
    return Pipeline(CleanConfig(to=to, steps=("sanitise", "repair", "convert", "spacing", "punctuation")))


def _extract(html: str, url: str | None) -> Any:
    import trafilatura  # imported on first use: it takes a second

    return trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False)


def headline(html: str, extracted: str | None) -> str | None:
    """The article's headline: the longest <h1> or <h2> the page's <title> holds (a <title> is
    the headline and the site's name, punctuation aside: a site whose <h1> is its logo sets the
    headline in an <h2>, and the longer names more of the <title>) or its only <h1>, else the
    extractor's title, else the <title>, without the site's name. Headings that hold a few of
    the headline's words only (an event's or a tag's name the <title> opens with:
    `_few_words_of`) give way to the only <h1>."""
    tree = _page_tree(html)
    if tree is None:
        return extracted
    page_title = _page_title(tree)
    h1s, h2s = (_headline_sized(tree, tag) for tag in ("h1", "h2"))
    # The site's name set in a heading twice (its banner's <h1>, its menu's <h2>) and held whole
    # by the <title> after the headline (…生命科學Āyurveda-文創PLUS 臺南創意中心) is no headline.
    site = {text for text in h1s + h2s if (h1s + h2s).count(text) > 1 and _site_part(text, page_title)}
    h1s, h2s = [t for t in h1s if t not in site], [t for t in h2s if t not in site]
    named = [text for text in h1s + h2s if names_headline(text, page_title)]
    if len(h1s) == 1 and h1s[0] not in named and all(_few_words_of(text, page_title) for text in named):
        return h1s[0]
    if named or len(h1s) == 1:
        return max(named or h1s, key=len)
    title = _by_layout(html).title or extracted or page_title
    return headline_of(title) if title else None


def _few_words_of(text: str, page_title: str | None) -> bool:
    """Whether ``text`` holds under `NAMED_MIN_SHARE` of the letters of the headline
    ``page_title`` names (`headline_of`): a few of its words, not the headline."""
    return len(letters(text)) < NAMED_MIN_SHARE * len(letters(headline_of(page_title or "")))


def _site_part(text: str, page_title: str | None) -> bool:
    """Whether ``text`` is the last part of ``page_title`` (`title_parts`), after another."""
    parts = title_parts(page_title or "")
    return len(parts) > 1 and letters(parts[-1]) == letters(text)


def _headline_sized(tree: Any, tag: str) -> list[str]:
    """The texts of the ``tag`` elements of ``tree`` as long as a headline (`headline_sized`)."""
    return [text for text in (" ".join(h.text_content().split()) for h in tree.iter(tag)) if headline_sized(text)]


_VISIBLE_TEXT = "//body//text()[not(ancestor::script or ancestor::style or ancestor::noscript or ancestor::template)]"


def _page_tree(html: str) -> Any | None:
    from lxml import html as lxml_html

    try:
        return lxml_html.fromstring(html)
    except (ValueError, lxml_html.etree.ParserError):
        return None


def _page_title(tree: Any) -> str:
    return " ".join((tree.findtext(".//title") or "").split())


@dataclass(frozen=True)
class Layout:
    """What the chrome step finds in a whole page scraped to text (the <title>, then every
    visible text node a line): the headline above its dateline, under the site's menu; the time
    its dateline shows; the article's text, the page's chrome removed."""

    title: str | None
    published: str | None
    text: str


@lru_cache(maxsize=1)
def _by_layout(html: str) -> Layout:
    """The page's `Layout` (asked more than once of one page: for its headline, its time and
    its text)."""
    tree = _page_tree(html)
    if tree is None:
        return Layout(None, None, "")
    nodes = (" ".join(str(node).split()) for node in tree.xpath(_VISIBLE_TEXT))
    text, changes = remove_chrome("\n".join([_page_title(tree), *filter(None, nodes)]))
    title, meta = extract_metadata(changes)
    return Layout(title, meta.get("published"), text)


@dataclass(frozen=True)
class Article:
    """What the extraction took out of an HTML page: the article's text, its headline, its
    metadata (the time its dateline shows, else trafilatura's date; trafilatura's author and
    site), and the page-level Change that records it all; ``dateline`` the time the page shows
    by its headline, which also wins over a date the article's own text holds."""

    text: str
    title: str | None
    meta: dict[str, str]
    change: Change
    dateline: str | None = None


def extract_article(page: bytes | str, url: str | None = None) -> Article:
    """The article of an HTML page (its bytes, read by `decode_html`, or its text), by
    trafilatura; the headline by `headline`."""
    read = decode_html(page) if isinstance(page, bytes) else HtmlText(page, "str")
    extracted = _extract(read.text, url)
    facts: dict[str, Any] = {"encoding": read.encoding, **read.charset_notes()}
    meta: dict[str, str] = {}
    # The time the page's dateline shows comes before trafilatura's date, a guess from the
    # page's metadata and address that can name only a year (2004-01-01), another time zone's
    # day or a related item's date.
    layout = _by_layout(read.text)
    published = layout.published
    if extracted is not None:
        meta = {k: v for k, v in (("published", published or extracted.date), ("author", extracted.author),
                                  ("source", extracted.sitename)) if v}
        facts.update({k: v for k, v in (("title", extracted.title), ("date", extracted.date)) if v})
    elif published:
        meta = {"published": published}
    text = (extracted.text or "") if extracted is not None else ""
    rule = "trafilatura"
    extracted_letters = len(letters(text))
    if extracted_letters < EXTRACTED_MIN_SHARE * len(letters(layout.text)):
        # The extractor missed the article (a body the page's scripts show, a container it took
        # for chrome): the page's own reading as text has it.
        facts["extracted_letters"] = extracted_letters
        text, rule = layout.text, "layout"
    title = headline(read.text, extracted.title if extracted is not None else None)
    return Article(text, title, meta, Change(STEP, f"{STEP}.{rule}", "", "", None, facts), published)


def clean_html(page: bytes | str, *, url: str | None = None, pipeline: Pipeline | None = None) -> Document:
    """Clean an HTML page: its article (`extract_article`), then ``pipeline`` on it (by default
    one for an article, not a whole page), told the headline: the article's line that repeats
    it is the title, and no other is. The headline, the dateline's time (else trafilatura's
    date) and trafilatura's author and site fill what the chrome step did not find; the ``extract.trafilatura`` Change comes first."""
    pipeline = pipeline or Pipeline(CleanConfig(whole_page=False))
    article = extract_article(page, url)
    headline = _title_pipeline(pipeline.config.to).run(article.title).text if article.title else ""
    document = pipeline.run(article.text, headline=headline or None)
    if headline and not document.title:
        document.title = headline
    for key, value in article.meta.items():
        document.meta.setdefault(key, value)
    if article.dateline:
        # the page's dateline, by the headline, over a date the article's text holds (a notice's
        # signing date at its foot, a reposted piece's own dateline)
        document.meta["published"] = article.dateline
    document.repairs.insert(0, article.change)
    return document
