"""Where the article is on a whole page (textfix.boilerplate), on lines shaped as scrapes give them."""

import pytest

import textfix
from textfix.boilerplate import article_region, phrase_prose

PARAGRAPH = "国务院总理主持召开国务院常务会议，部署推动新一轮大规模设备更新和消费品以旧换新工作。"
MENU = ["首页", "新闻", "图片", "评论", "娱乐", "财经", "军事", "高校"]


def test_paragraphs_apart_by_a_few_short_lines_are_one_article():
    """A law's title and its 令 between two parts of an article's text, as a source has them."""
    lines = MENU + [PARAGRAPH, "（江苏阜宁县检察院）", "中华人民共和国水路运输管理条例", "中华人民共和国国务院令",
                    PARAGRAPH * 2, PARAGRAPH * 3, PARAGRAPH] + MENU
    region = article_region(lines, 0, len(lines), set())
    assert (region.start, region.end) == (len(MENU), len(lines) - len(MENU))


def test_captions_with_their_credits_do_not_break_an_article():
    """Short lines between paragraphs (a table's rows, a caption with its photographer's credit)
    cost less than the text around them: the article is one."""
    rows = ["A.大专以上教育程度：六岁以上人口比例（%）", "B.生师比例逐年降低：国小老师平均教导学生数（人）", "C.资料提供：交通部"]
    lines = MENU + [PARAGRAPH * 2, "图为北市社区大学在温州公园举办活动。（邱瑞金摄）", *rows, "研讨会现场。(顾萍秀 马立华 摄)", "客家新桃花源",
                    PARAGRAPH * 2, PARAGRAPH] + MENU
    region = article_region(lines, 0, len(lines), set())
    assert (region.start, region.end) == (len(MENU), len(lines) - len(MENU))


def test_a_short_last_paragraph_with_a_wires_editor_note_is_the_articles():
    """A short sentence closed by a wire's editor note and date code (…。（编辑：王五）1050319)
    ends the article like a sentence."""
    last = "加滕此举背景之二是，担心下届总裁仍将失之交臂。（编辑：龚文）1130106"
    lines = MENU + [PARAGRAPH * 2, PARAGRAPH * 3, last] + MENU
    region = article_region(lines, 0, len(lines), set())
    assert (region.start, region.end) == (len(MENU), len(lines) - len(MENU))


def test_a_teaser_below_the_tags_is_no_paragraph_of_the_article():
    teaser = "DeepSeek引爆万物皆可AI时代，20余位大咖分析行业痛点，万字梳理干货在此"
    lines = MENU + [PARAGRAPH * 2, PARAGRAPH * 3, PARAGRAPH, "原生1bit LLM", "微软", "西风", teaser, "2025-04-17"] + MENU
    region = article_region(lines, 0, len(lines), set())
    assert (region.start, region.end) == (len(MENU), len(MENU) + 3)


# A hiking blog written the way photo posts are: phrases apart by spaces and line breaks, no ，。
# between them, and a link's words on lines of their own.
PHRASE_PROSE = [
    "清晨五点就出发了 山路还是湿的", "昨夜下过一场小雨", "沿着溪谷一路往上走", "雾气很浓 远处的山头都看不清",
    "走了两个多小时才到第一个垭口", "风很大", "大家都躲在石头后面喝着热茶", "向导说天气很快就会好转",
    "果然 太阳慢慢地把云层推开了", "山谷里的杜鹃花也开得正好", "红的粉的一片接着一片",
    "我们又往前走了半个多小时", "在一棵老松树下吃了午饭", "这里以前是采药人歇脚的地方", "石头上还留着",
    "刻过的字", "下山的路比想象中难走", "碎石很多 膝盖也开始疼了", "好在一路上都有说有笑",
    "天黑之前才回到村子里", "民宿的老板早就把饭菜准备好了", "一桌子的土鸡和野菜", "吃完饭又在院子里看了很久的星星",
    "这样的一天真的很值得", "下次还想再来走一趟",
]
# Related headlines: lines of the same lengths, no sentence punctuation, few of prose's particles.
HEADLINES = [
    "全省高速公路春运首日车流平稳", "多地出台政策支持新能源汽车消费", "城区老旧小区改造今年再启动百个项目",
    "国内首条跨海高铁完成全线铺轨", "冬季流感进入高发期专家提醒做好防护", "夜间经济带动城市消费新增长",
    "退休教师把自家小院变成了乡村书屋", "高校毕业生就业服务月活动启动", "这些年轻人为何都去了县城",
    "农业农村部部署春耕备耕工作", "长江流域禁渔执法行动持续开展", "市民文化节百场演出进社区",
    "新一批国家级非遗项目名录公示", "多部门联合整治网络直播乱象", "中小学课后服务覆盖率进一步提高",
    "春运返程高峰来了这份出行提示请收好", "城市更新行动推动老街区焕新颜", "省级森林公园新增十处观景平台",
    "基层医疗机构服务能力持续提升", "全国铁路迎来客流高峰单日发送旅客创新高", "又一批景区宣布免门票",
    "科技创新大会发布十项重大成果", "数字人民币试点场景不断丰富", "县域商业体系建设取得新进展",
]


def test_prose_in_phrases_without_punctuation_is_the_article():
    lines = MENU + ["2024-04-12 09:30"] + PHRASE_PROSE + ["2024-04-12 21:08", "留言", "分享"] + MENU
    region = article_region(lines, 0, len(lines), set())
    assert (region.start, region.end) == (len(MENU) + 1, len(MENU) + 1 + len(PHRASE_PROSE))


def test_a_list_of_headlines_of_like_length_is_no_prose():
    assert not phrase_prose(HEADLINES) and phrase_prose(PHRASE_PROSE) == set(range(len(PHRASE_PROSE)))
    lines = MENU + [PARAGRAPH * 2, PARAGRAPH, "相关新闻"] + HEADLINES + MENU
    region = article_region(lines, 0, len(lines), set())
    assert (region.start, region.end) == (len(MENU), len(MENU) + 2)


def test_comments_between_their_authors_and_dates_are_no_prose():
    """A blog's comments are chatty phrases too, a few lines each between an author and a date."""
    comment = ["真的太美了 下次也想去走走看", "照片拍得很好 看着就觉得很舒服", "谢谢分享 我们去年也走过这条路"]
    lines = [line for number in range(12) for line in [f"#{number + 1}", "小雨", f"于 2024/04/1{number % 10} 10:2{number % 10}"]
             + comment]
    assert not phrase_prose(lines)


def test_a_page_keeps_its_prose_in_phrases_below_a_related_list_heading():
    """The heading of a list (相关文章) drops the short lines below it, but not an article's."""
    page = ["清晨的山谷 - 山居笔记"] + MENU + ["相关文章", "2024-04-12 09:30"] + PHRASE_PROSE + [
        "2024-04-12 21:08", "留言", "分享"] + MENU
    assert textfix.clean("\n".join(page)).text.split("\n") == PHRASE_PROSE


def test_a_paragraph_split_around_the_titles_it_links_is_one_paragraph():
    """Text nodes apart by a link inside 《》: the line before ends inside the brackets, the one
    after opens with their end."""
    split = ["来自各地的三百余位学者围绕《", "数字时代的阅读", "》与《", "城市记忆", "》两个主题展开讨论，并发布了年度报告。"]
    lines = MENU + split + [PARAGRAPH, "2024-04-12 09:30"] + MENU
    region = article_region(lines, 0, len(lines), set())
    assert (region.start, region.end) == (len(MENU), len(MENU) + len(split) + 1)


def test_the_core_reads_a_whole_pages_furniture():
    from textfix import _core
    from textfix.rules import default_rules

    rules = default_rules()
    title = "国务院常务会议部署推动设备更新_新华网"
    menu = [f"频道{i}" for i in range(14)]
    body = ["国务院总理主持召开国务院常务会议，部署推动新一轮大规模设备更新和消费品以旧换新工作。"] * 6
    links = [f"链接标题第{i}条" for i in range(8)]
    lines = [title, *menu, "国务院常务会议部署推动设备更新", "2025-02-19 10:30", *body, "相关新闻", *links]
    page = _core.Furniture("\n".join(lines))
    assert len(page) == len(lines) and page.line(15) == "国务院常务会议部署推动设备更新"
    assert page.names_headline(15, True) and not page.names_headline(15, False) and not page.names_headline(3, True)
    assert page.named_headline(range(1, 17), True) == 15
    heads = page.list_heads(0, len(lines), [], rules.matcher, rules.list_headings)
    assert heads == [lines.index("相关新闻")]
    article = page.furnished_article(0, len(lines), [], rules.matcher, rules.list_headings, True)
    assert article == (17, 23)
    head, tail, headline, header, near = page.plan(0, len(lines), article, [16], True)
    assert headline == 15 and 16 not in head and tail == list(range(23, len(lines)))
    assert header == list(range(0, 16)) and near == (0, 31)
    # a page of article alone is no furniture
    alone = _core.Furniture("\n".join(body * 5))
    assert alone.furnished_article(0, 30, [], rules.matcher, rules.list_headings, True) is None
    with pytest.raises(ValueError):
        page.plan(0, len(lines) + 1, article, [], True)


EVENT_MENU = ["認識本會", "行事曆", "活動相簿", "線上報名", "月例會", "登山健行活動", "工商講座", "年度活動", "全國網站",
              "聯合會", "基隆社", "台北社", "桃園社", "新竹社", "苗栗社", "台中社"]
EVENT_DETAILS = ["主題：滾動式運作中，捉住秋天的氣息", "時間：110年9月26日星期日08:00-14:30", "地點：山美-達娜伊谷自然生態公園",
                 "費用", "：", "本次活動直系親屬免費", "，", "親友來賓酌收$150", "活動簡介："]
EVENT_TEXT = ["1. 07:50分集合於觸口阿里山國家公園管理處停車場(盡量共乘)，準時出發前往山美達娜伊谷生態園區。",
              "2. 09:20-10:50探訪忘憂秘境，鄒族部落巡禮，走訪鯝魚的故鄉，如宮崎駿動畫中的優美山林，全程有導覽。",
              "3. 12:10-13:00美食饗宴山之美餐廳，午餐後於13:00賦歸，請各位社友攜家帶眷踴躍參加。"]


def test_an_events_details_above_its_text_are_the_articles():
    """Labels and their values (時間：…, 地點：…, a value in text nodes of its own) between a
    headline and the text are the article's details, not a menu."""
    lines = EVENT_MENU + EVENT_DETAILS + EVENT_TEXT + EVENT_MENU
    region = article_region(lines, 0, len(lines), set())
    assert (region.start, region.end) == (len(EVENT_MENU), len(EVENT_MENU) + len(EVENT_DETAILS) + len(EVENT_TEXT))
    page = ["嘉義IMC第41屆9月登山健行 - 嘉義市國際工商經營研究社"] + EVENT_MENU + lines[len(EVENT_MENU):]
    text = textfix.clean("\n".join(page)).text
    assert "时间：110年9月26日" in text and "亲友来宾酌收$150" in text and "基隆社" not in text


def test_a_bylines_labels_and_a_counter_are_no_details():
    """A byline's labels over a time or a count (时间： / 2022-11-24 05:30:58, 阅读： / 48880) and
    a single label are the page's: the article starts below them."""
    for head in (["时间：", "2022-11-24 05:30:58", "编辑："], ["向右滑动：上一篇", "向左滑动：下一篇", "阅读：", "48880"],
                 ["来源：新华网"]):
        lines = MENU + head + [PARAGRAPH * 2, PARAGRAPH] + MENU
        region = article_region(lines, 0, len(lines), set())
        assert (region.start, region.end) == (len(MENU) + len(head), len(MENU) + len(head) + 2)
