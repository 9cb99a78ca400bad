"""The public API's names and shapes."""

import json

import pytest

import textfix
from textfix import Change, CleanConfig, Document, Pipeline

PAGE = "首頁 > 新聞 > 正文\n新線路開通\n2024年05月12日 08:14 來源:本地日報\n  新線路今天開通,市民可以乘坐。\n\n編輯:王五"


def test_clean_returns_a_document_with_body_title_meta_and_explanations():
    document = textfix.clean(PAGE, to="hans")
    assert isinstance(document, Document)
    assert document.text == "新线路今天开通，市民可以乘坐。"
    assert document.title == "新线路开通"
    assert document.meta == {"breadcrumb": "首页 > 新闻 > 正文", "published": "2024-05-12T08:14",
                             "source": "本地日报", "editor": "王五"}
    assert all(isinstance(c, Change) and c.after == "" for c in document.removed)
    assert {c.step for c in document.repairs} == {"convert", "punctuation", "spacing"}
    json.dumps(document.to_dict(), ensure_ascii=False)  # JSON-ready


@pytest.mark.parametrize("to, expected", [
    ("hans", "新线路今天开通，市民可以乘坐。"),
    ("keep", "新線路今天開通，市民可以乘坐。"),
    ("hant", "新線路今天開通，市民可以乘坐。"),
    ("tw", "新線路今天開通，市民可以乘坐。"),
])
def test_targets(to, expected):
    assert textfix.clean(PAGE, to=to).text == expected


def test_simplified_page_to_taiwan_phrases():
    assert textfix.clean("我们用鼠标下载软件。", to="twp").text == "我們用滑鼠下載軟體。"


def test_unknown_target_raises():
    with pytest.raises(ValueError):
        textfix.clean(PAGE, to="xx")


def test_repair_and_decode_exist_and_leave_clean_text_alone():
    assert textfix.repair("干净的文本，没有乱码。") == "干净的文本，没有乱码。"
    assert textfix.decode("简体中文".encode("utf-8")) == "简体中文"
    assert textfix.decode(b"\xef\xbb\xbf" + "带BOM".encode("utf-8")) == "带BOM"


def test_clean_batch_for_dataset_map():
    batch = {"id": [1, 2, 3], "text": [PAGE, "  第二页,内容。", None]}
    out = textfix.clean_batch(batch, to="hans")
    assert out["id"] == [1, 2, 3]
    assert out["text"] == ["新线路今天开通，市民可以乘坐。", "第二页，内容。", None]
    assert out["title"] == ["新线路开通", None, None]
    assert out["meta"][0]["editor"] == "王五"
    assert batch["text"][0] == PAGE  # the input batch is not modified


def test_clean_many_is_lazy_and_ordered():
    documents = textfix.clean_many(iter(["  一,二", "三:四"]))
    assert [d.text for d in documents] == ["一，二", "三：四"]


def test_pipeline_runs_only_the_steps_asked_for():
    pipeline = Pipeline(CleanConfig(to="keep", steps=("ruby", "spacing")))
    document = pipeline.run("  發(fā)展,好\n\n第二段")
    assert document.text == "發展,好\n第二段"
    with pytest.raises(ValueError, match="unknown steps"):
        CleanConfig(steps=("nope",))
