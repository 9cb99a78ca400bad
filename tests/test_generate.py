"""The dump generator is deterministic, and its truth file describes exactly the pages it wrote."""

from __future__ import annotations

import gzip
import json
import random
import re
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from corpora.garble import SPAN_KINDS  # noqa: E402
from corpora.generate import Mix, PageMaker, damage_kinds, generate, load_source, truth_path  # noqa: E402

FIXTURE = ROOT / "tests" / "fixtures" / "generate" / "news.txt"
ALL_SCRIPTS = {"hans": 1.0, "s2t": 1.0, "s2tw": 1.0, "s2hk": 1.0}
_RUBY = re.compile(r"(?<=[\u3400-\u9fff])\([a-zA-Z\u00c0-\u024f\u0300-\u036f]+\)")


def _maker(seed: int = 7, clean_share: float = 0.5) -> PageMaker:
    return PageMaker(load_source([FIXTURE]), Mix(scripts=ALL_SCRIPTS, clean_share=clean_share), seed)


def _read_dump(path: Path) -> list[dict[str, Any]]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def _lines(text: str) -> list[str]:
    return [line.strip(" \u3000") for line in text.split("\n") if line.strip(" \u3000")]


def test_same_seed_same_bytes_other_seed_other_pages(tmp_path: Path) -> None:
    first, second, other = tmp_path / "a.jsonl.gz", tmp_path / "b.jsonl.gz", tmp_path / "c.jsonl.gz"
    generate(first, _maker(seed=3), size=None, pages=30)
    generate(second, _maker(seed=3), size=None, pages=30)
    generate(other, _maker(seed=4), size=None, pages=30)
    assert first.read_bytes() == second.read_bytes()
    assert truth_path(first).read_bytes() == truth_path(second).read_bytes()
    assert _read_dump(first) != _read_dump(other)


def test_page_depends_only_on_seed_and_index() -> None:
    maker = _maker()
    assert maker.make(17) == _maker().make(17)
    assert maker.make(17) != maker.make(18)


def test_truth_matches_the_pages_written(tmp_path: Path) -> None:
    dump = tmp_path / "news.jsonl"
    summary = generate(dump, _maker(clean_share=0.4), size=None, pages=120)
    pages, truths = _read_dump(dump), _read_dump(truth_path(dump))
    assert len(pages) == len(truths) == summary.pages == 120
    assert 0 < summary.damaged < 120
    for page, truth in zip(pages, truths):
        assert page["id"] == truth["id"] and page["url"] == truth["url"] and page["source"] == truth["source"]
        assert page["url"].startswith("https://")
        lines = _lines(page["text"])
        assert len(lines) == len(truth["lines"])
        for record in truth["damage"]:
            if "line" in record:
                assert lines[record["line"]][record["start"] : record["end"]] == record["after"]
        if truth["damage_kinds"]:
            continue
        # An undamaged page: its body lines are the clean body with the affixes put back.
        body = dict((i, line) for i, (line, label) in enumerate(zip(lines, truth["lines"])) if label == "body")
        for affix in truth["affixes"]:
            text = body[affix["line"]]
            trimmed = text.removeprefix(affix["text"]) if affix["part"] == "head" else text.removesuffix(affix["text"])
            assert trimmed != text
            body[affix["line"]] = trimmed
        assert "\n".join(body.values()) == truth["body_script"]
        if truth["script"] == "hans":
            assert truth["body"] == truth["body_script"]
            if truth["title"]:
                assert lines[truth["lines"].index("title")] == truth["title"]
            chrome = "\n".join(line for line, label in zip(lines, truth["lines"]) if label != "body")
            for key in ("source", "editor"):
                if key in truth["meta"]:
                    assert truth["meta"][key] in chrome
        else:
            assert truth["body"] != truth["body_script"]


@pytest.mark.parametrize("kind", sorted(damage_kinds()))
def test_every_damage_kind_lands_on_some_page(kind: str) -> None:
    maker = PageMaker(load_source([FIXTURE]), Mix(scripts=ALL_SCRIPTS, clean_share=0.0, damage={kind: 1.0}), 1)
    assert any(maker.make(index)[1]["damage_kinds"] == [kind] for index in range(20))


def test_ruby_annotations_strip_back_to_the_page(tmp_path: Path) -> None:
    maker = PageMaker(load_source([FIXTURE]), Mix(scripts={"s2t": 1.0}, clean_share=0.0, damage={"ruby": 1.0}), 5)
    record, truth = maker.make(0)
    assert truth["damage_kinds"] == ["ruby"]
    body = [line for line, label in zip(_lines(record["text"]), truth["lines"]) if label == "body"]
    assert _RUBY.search(body[0])
    assert all(truth["body_script"].split("\n")[i] in _RUBY.sub("", line) for i, line in enumerate(body))


@pytest.mark.parametrize("name", ["news.jsonl.gz", "news.parquet", "pages"])
def test_every_format_holds_the_same_pages(tmp_path: Path, name: str) -> None:
    reference = tmp_path / "reference.jsonl"
    generate(reference, _maker(), size=None, pages=12)
    expected = [page["text"] for page in _read_dump(reference)]
    dump = tmp_path / name
    generate(dump, _maker(), size=None, pages=12)
    if name.endswith(".parquet"):
        import pyarrow.parquet as pq

        texts = pq.read_table(dump).column("text").to_pylist()
    elif name.endswith(".jsonl.gz"):
        texts = [page["text"] for page in _read_dump(dump)]
    else:
        texts = [path.read_text(encoding="utf-8") for path in sorted(dump.iterdir())]
    assert texts == expected
    assert _read_dump(truth_path(dump)) == _read_dump(truth_path(reference))


def test_size_limit_stops_at_the_first_page_past_it(tmp_path: Path) -> None:
    dump = tmp_path / "small.jsonl"
    summary = generate(dump, _maker(), size=20_000, pages=None)
    sizes = [len(page["text"].encode("utf-8")) for page in _read_dump(dump)]
    assert sum(sizes) == summary.bytes >= 20_000 > sum(sizes[:-1])


@pytest.mark.parametrize(("kind", "line"), [
    ("gbk>big5-span", "记者从市教育局获悉，今年全市将新建中小学二十所，新增学位三万个。"),
    ("big5>gbk-span", "記者從市教育局獲悉，今年全市將新建中小學二十所，新增學位三萬個。"),
])
def test_a_span_kind_garbles_the_middle_of_a_line_only(kind: str, line: str) -> None:
    for seed in range(20):
        damaged = SPAN_KINDS[kind](line, random.Random(seed))
        assert damaged != line
        assert damaged[:2] == line[:2] and damaged[-2:] == line[-2:]
