"""textfix: repair and clean scraped Chinese web and news text, explaining every change.

>>> import textfix
>>> doc = textfix.clean(page_text, to="hans")       # doctest: +SKIP
>>> doc.text, doc.title, doc.meta, doc.repairs, doc.removed   # doctest: +SKIP
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Iterable, Iterator, Mapping

from .pipeline import CleanConfig, Pipeline
from .repair import DecodeResult, decode_bytes, repair_text
from .sitechrome import LearnedChrome
from .types import Change, Damage, Document

__all__ = [
    "Change",
    "CleanConfig",
    "Damage",
    "DecodeResult",
    "Document",
    "Pipeline",
    "clean",
    "clean_batch",
    "clean_html",
    "clean_many",
    "decode",
    "repair",
]
__version__ = "0.1.0"


@lru_cache(maxsize=16)
def _pipeline(config: CleanConfig, site_chrome: LearnedChrome | None = None) -> Pipeline:
    return Pipeline(config, site_chrome)


def clean(text: str, *, to: str = "hans") -> Document:
    """Run the whole pipeline on one page: repair, strip ruby, convert, punctuation, layout, chrome."""
    return _pipeline(CleanConfig(to=to)).run(text)


def clean_html(page: bytes | str, *, url: str | None = None, to: str = "hans") -> Document:
    """Clean an HTML page (its bytes, or text): the article extracted with trafilatura, then the
    pipeline; the declared charset is checked against the bytes (`textfix.webpage`)."""
    from .extract import clean_html as _clean_html

    return _clean_html(page, url=url, pipeline=_pipeline(CleanConfig(to=to, whole_page=False)))


def clean_many(texts: Iterable[str], *, to: str = "hans") -> Iterator[Document]:
    """Clean pages one after another with one pipeline (lazy, constant memory)."""
    pipeline = _pipeline(CleanConfig(to=to))
    return (pipeline.run(text) for text in texts)


def clean_batch(batch: Mapping[str, list[Any]], *, field: str = "text", to: str = "hans") -> dict[str, list[Any]]:
    """Clean a column batch, e.g. for ``datasets.map(batched=True)`` or a dataframe's ``to_dict("list")``.

    Every column is kept; ``field`` becomes the body, and ``title``, ``meta`` (a dict),
    ``textfix_damage`` (share of the page still damaged: 1.0, with an empty body, for binary data
    read as text) are added. A value that is not a string (None, a number) is passed through
    unchanged with empty metadata.
    """
    out = {name: list(values) for name, values in batch.items()}
    titles: list[str | None] = []
    metas: list[dict[str, str]] = []
    damage: list[float] = []
    pipeline = _pipeline(CleanConfig(to=to))
    for index, value in enumerate(batch[field]):
        if not isinstance(value, str):
            titles.append(None)
            metas.append({})
            damage.append(0.0)
            continue
        document = pipeline.run(value)
        out[field][index] = document.text
        titles.append(document.title)
        metas.append(document.meta)
        damage.append(document.damage.damaged_share)
    out["title"], out["meta"], out["textfix_damage"] = titles, metas, damage
    return out


def repair(text: str) -> str:
    """Encoding repair only: undo mojibake, lost bytes and frame shifts; clean text is unchanged."""
    return repair_text(text)[0]


def decode(data: bytes) -> str:
    """Bytes of unknown encoding to text: BOM, strict UTF-8, then legacy candidates."""
    return decode_bytes(data).text
