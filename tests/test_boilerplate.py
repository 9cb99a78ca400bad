"""Where the article is on a whole page (textfix.boilerplate), on lines shaped as scrapes give them."""

from textfix.boilerplate import article_region

PARAGRAPH = "国务院总理主持召开国务院常务会议，部署推动新一轮大规模设备更新和消费品以旧换新工作。"
MENU = ["首页", "新闻", "图片", "评论", "娱乐", "财经", "军事", "高校"]


def test_paragraphs_apart_by_a_few_short_lines_are_one_article():
    """A law's title and its 令 between two parts of an article's text, as a source has them."""
    lines = MENU + [PARAGRAPH, "（江苏阜宁县检察院）", "中华人民共和国水路运输管理条例", "中华人民共和国国务院令",
                    PARAGRAPH * 2, PARAGRAPH * 3, PARAGRAPH] + MENU
    region = article_region(lines, 0, len(lines), set())
    assert (region.start, region.end) == (len(MENU), len(lines) - len(MENU))


def test_a_teaser_below_the_tags_is_no_paragraph_of_the_article():
    teaser = "DeepSeek引爆万物皆可AI时代，20余位大咖分析行业痛点，万字梳理干货在此"
    lines = MENU + [PARAGRAPH * 2, PARAGRAPH * 3, PARAGRAPH, "原生1bit LLM", "微软", "西风", teaser, "2025-04-17"] + MENU
    region = article_region(lines, 0, len(lines), set())
    assert (region.start, region.end) == (len(MENU), len(MENU) + 3)
