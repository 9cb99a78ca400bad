import pytest

from textfix.meta import breadcrumb_path, extract_metadata, title_of
from textfix.types import Change


def test_breadcrumb_paths():
    assert breadcrumb_path("首页山东新闻—正文") == "首页 > 山东新闻 > 正文"
    assert breadcrumb_path("首頁 > 財經 > 正文") == "首頁 > 財經 > 正文"
    assert breadcrumb_path("人民网首页>>时政>>正文") == "人民网首页 > 时政 > 正文"


@pytest.mark.parametrize("line", ["re: 很高兴入住博客堂", "Re：很高兴入住博客堂", "回复: 很高兴入住博客堂", "RE:很高兴入住博客堂"])
def test_a_replys_heading_gives_the_title_of_the_post_it_answers(line: str):
    title, _ = extract_metadata([Change("chrome", "chrome.title", line, "", 43, {"facts": {"title": line}})])
    assert title == "很高兴入住博客堂"
    assert title_of("Reading: 很高兴入住博客堂") == "Reading: 很高兴入住博客堂"
    assert title_of("re:") == "re:"
