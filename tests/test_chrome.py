"""Chrome removal on pages in the styles of several news sites (written for these tests)."""

import pytest

from textfix import _core, clean
from textfix.chrome import headline_of, parse_fields, remove_chrome, title_parts
from textfix.rules import default_rules

BODY_1 = "国务院总理主持召开国务院常务会议，部署推动新一轮大规模设备更新和消费品以旧换新工作。"
BODY_2 = "会议指出，要坚持市场为主、政府引导，鼓励先进、淘汰落后，标准引领、有序提升。"


def rules_of(changes):
    return [c.rule for c in changes]


def test_xinhua_style_page():
    page = "\n".join([
        "新华网 > 时政 > 正文",
        "国务院常务会议部署设备更新工作",
        "2024-05-12 18:30:15 来源：新华网",
        "【字体：大 中 小】 【打印】",
        f"新华社北京5月12日电（记者 张三）{BODY_1}",
        BODY_2,
        "【纠错】 责任编辑：王五",
        "相关新闻：",
        "国常会部署推动大规模设备更新",
        "商务部解读以旧换新政策",
        "Copyright © 2000-2024 XINHUANET.com All Rights Reserved.",
        "京ICP证010042号 京公网安备11010202000001号",
    ])
    document = clean(page)
    assert document.text == f"{BODY_1}\n{BODY_2}"
    assert document.title == "国务院常务会议部署设备更新工作"
    assert document.meta == {
        "breadcrumb": "新华网 > 时政 > 正文",
        "published": "2024-05-12T18:30:15",
        "source": "新华网",
        "editor": "王五",
        "author": "张三",
    }
    assert {"chrome.breadcrumb", "chrome.title", "chrome.dateline", "chrome.widgets", "chrome.editor",
            "chrome.related-news", "chrome.related-list", "chrome.copyright", "chrome.licence",
            "chrome.agency-lead"} <= set(rules_of(document.removed))


def test_people_style_page_with_parenthesised_editor_and_share_line():
    page = "\n".join([
        "人民网首页>>时政>>正文",
        "设备更新工作全面展开",
        "2024年05月12日08:14 | 来源：人民网－人民日报",
        "分享到：微信 微博 QQ空间",
        BODY_1,
        BODY_2,
        "(责编：赵六、钱七)",
    ])
    document = clean(page)
    assert document.text == f"{BODY_1}\n{BODY_2}"
    assert document.meta["source"] == "人民网-人民日报"
    assert document.meta["editor"] == "赵六、钱七"
    assert document.meta["breadcrumb"] == "人民网首页 > 时政 > 正文"
    assert "分享到：微信 微博 QQ空间" in [c.before for c in document.removed]


def test_traditional_page_kept_traditional():
    page = "\n".join([
        "首頁 > 財經 > 正文",
        "設備更新工作全面展開",
        "2024年05月12日 08:14 來源：經濟日報",
        "國務院總理主持召開國務院常務會議，部署推動新一輪大規模設備更新。",
        "會議指出，要堅持市場為主、政府引導。（記者 陳大文）【完】",
        "責任編輯：李小明",
        "版權所有 © 2024 經濟日報社",
    ])
    document = clean(page, to="keep")
    assert document.text == "國務院總理主持召開國務院常務會議，部署推動新一輪大規模設備更新。\n會議指出，要堅持市場為主、政府引導。"
    assert document.meta["author"] == "陳大文"
    assert document.meta["editor"] == "李小明"
    assert document.meta["source"] == "經濟日報"


def test_sohu_and_thepaper_footers():
    page = "\n".join([
        BODY_1,
        BODY_2,
        "返回搜狐，查看更多",
        "责任编辑：张三 图片编辑：李四",
        "声明：该文观点仅代表作者本人，搜狐号系信息发布平台，搜狐仅提供信息存储空间服务。",
        "违法和不良信息举报电话：010-12345678",
    ])
    text, changes = remove_chrome(page)
    assert text == f"{BODY_1}\n{BODY_2}"
    assert rules_of(changes) == ["chrome.read-more", "chrome.editor", "chrome.disclaimer", "chrome.report-hotline"]


def test_prose_that_mentions_chrome_words_stays():
    page = "\n".join([
        "记者从市交通委获悉，新线路的发布时间尚未确定，来源方面表示将尽快公布。",
        "他说：“版权保护很重要，我们会继续加强执法。”",
        "相关新闻报道显示，今年以来全市共发放营业执照一万余张，较去年同期增长百分之十二。",
        "时间：地点",
        "全年共吊销许可证759个，责令停产整顿企业一百余家。",
    ])
    text, changes = remove_chrome(page)
    assert text == page
    assert changes == []


def test_fields_parser_reads_datelines_and_rejects_prose():
    grammar = default_rules().fields
    assert parse_fields("2025年02月19日 10:30 來源:大眾日報", grammar) == {
        "published": "2025年02月19日 10:30", "source": "大眾日報"}
    assert parse_fields("２００７－０６－１１１５：０６：４８来源：中国体育报", grammar) == {
        "published": "2007-06-1115:06:48", "source": "中国体育报"}
    assert parse_fields("澎湃新闻记者 张三", grammar) == {"author": "张三"}
    assert parse_fields("记者 魏松 夏英文", grammar) == {"author": "魏松 夏英文"}  # a name ending in a label
    assert parse_fields("作者：张三 编辑：李四", grammar) == {"author": "张三", "editor": "李四"}
    assert parse_fields("字号：大 中 小 打印 关闭", grammar) == {}
    assert parse_fields("【字体：大中小】", grammar) == {}
    assert parse_fields("大字号 中字号 小字号", grammar) == {}
    # a bare source after the time, whose name opens with a font-size word (中)
    assert parse_fields("2016年12月25日 14:35 中国新闻网", grammar) == {
        "published": "2016年12月25日 14:35", "source": "中国新闻网"}
    # a repaired dateline with U+FFFD where bytes were lost
    assert parse_fields("2019年\ufffd06月\ufffd19日\ufffd 12:22:48 来源：凤凰网\ufffd", grammar) == {
        "published": "2019年06月19日 12:22:48", "source": "凤凰网"}
    # ...and a label that lost a character: 来源 and 来自 both name the source
    assert parse_fields("2015-08-20 08:21 來\ufffd: 新華網", grammar) == {
        "published": "2015-08-20 08:21", "source": "新華網"}
    assert parse_fields("\ufffd者：张三 编\ufffd：李四", grammar) == {"author": "张三", "editor": "李四"}
    assert parse_fields("发\ufffd时间：2018-05-05 18:27 来源：新华社", grammar) == {
        "published": "2018-05-05 18:27", "source": "新华社"}
    # ...and a date or time that lost its separator: the numbers stay apart
    assert parse_fields("来源：央视新闻 | 2020年01\ufffd31日 10\ufffd26", grammar) == {
        "source": "央视新闻", "published": "2020年01-31日 10:26"}
    assert parse_fields("今天天气很好", grammar) is None
    assert parse_fields("中国人民", grammar) is None
    assert parse_fields("他来\ufffd北京", grammar) is None


def test_unrepairable_garbage_at_the_end_is_chrome():
    page = f"{BODY_1}\n{BODY_2}\n\ufffd\ufffd\ue000\ue001\ufffd\ufffd"
    text, changes = remove_chrome(page)
    assert text == f"{BODY_1}\n{BODY_2}"
    assert rules_of(changes) == ["chrome.garbage"]


def test_lines_the_repair_left_with_lost_characters_above_and_below_the_body():
    page = "\n".join([
        "香\ufffd财\ufffd\ufffd此\ufffd",  # a breadcrumb garbled beyond its rule
        "这座城市的春天来了吗？",  # a title that ends like a question
        "来\ufffd：新闻联播 | 2025年09\ufffd18日 13:38",
        BODY_1,
        BODY_2,
        "[网上传播视听节目许可证\ufffd0106168)] [京ICP证040655\ufffd]",
        "【打\ufffd】【关闭】",
    ])
    document = clean(page)
    assert document.text == f"{BODY_1}\n{BODY_2}"
    assert document.title == "这座城市的春天来了吗？"
    assert document.meta["published"] == "2025-09-18T13:38"
    assert {"chrome.licence", "chrome.print-widget", "chrome.garbled-top"} <= {c.rule for c in document.removed}


def test_widget_bars_the_repair_left_with_wrong_characters_above_and_below_the_body():
    page = "\n".join([
        "字号：默许 多 超大 | 打印 |",  # 默认 and 大 came back as other characters
        "新华社北京3月5日电　" + BODY_1,
        BODY_2,
        "【打印】【关\ufffd。",
        "字？ 大 中 小",
    ])
    text, changes = remove_chrome(page)
    assert text == f"{BODY_1}\n{BODY_2}"
    assert rules_of(changes).count("chrome.garbled-widgets") == 2
    # a lost character written as ？ is lost to the rules too: 字？ is the print widget's 字号
    assert "chrome.print-widget" in rules_of(changes)


def test_editor_lines_the_repair_left_with_a_wrong_label_character_or_a_comma_for_the_colon():
    page = "\n".join([BODY_1, BODY_2, "责任编说：王小明", "【责任编辑，刘梅】", "编辑，谢\ufffd"])
    document = clean(page)
    assert document.text == f"{BODY_1}\n{BODY_2}"
    assert document.meta["editor"] == "王小明"
    # a short label takes a comma for its colon only in a line of the label and a name
    ending = f"{BODY_1}\n{BODY_2}\n记者，你好！"
    assert remove_chrome(ending) == (ending, [])
    # inside the body a label and a comma open sentences
    body = "\n".join([BODY_1, "记者，这是今年以来最大的一场雪。", BODY_2])
    assert remove_chrome(body) == (body, [])


def test_a_bracketed_editor_line_whose_closing_bracket_came_back_as_a_full_stop():
    page = f"{BODY_1}\n{BODY_2}\n【编辑：武新明。"
    document = clean(page)
    assert document.text == f"{BODY_1}\n{BODY_2}"
    assert document.meta["editor"] == "武新明"
    # two groups, each closing bracket a full stop: a widget and the editor
    page = f"{BODY_1}\n{BODY_2}\n【纠错。 【责任编辑：赵娟。"
    assert clean(page).meta["editor"] == "赵娟"
    assert clean(page).text == f"{BODY_1}\n{BODY_2}"
    # a bracket that is no field line stays
    ending = f"{BODY_1}\n{BODY_2}\n（这是作者的注释。"
    assert remove_chrome(ending) == (ending, [])


def test_a_licence_line_that_lost_characters_to_question_marks_or_replacement_characters():
    # the first place a rule matches may be too short for its lost characters (�公网 of 京公网):
    # every place counts
    for line in ["？公网安？11010502012345?", "\ufffd公网安\ufffd11010502012345\ufffd"]:
        text, changes = remove_chrome(f"{BODY_1}\n{BODY_2}\n{line}")
        assert text == f"{BODY_1}\n{BODY_2}", line
        assert rules_of(changes) == ["chrome.licence"]
    # a question that ends the body stays
    ending = f"{BODY_1}\n{BODY_2}\n你看了今天的相关新闻吗？"
    assert remove_chrome(ending) == (ending, [])


def test_short_lines_of_spaced_words_are_no_widget_bar():
    for line in ["春 夏 秋 冬", "上 中 下", "大 事 记", "中美 大 小 关系", "打印 张三"]:
        page = f"{line}\n{BODY_1}\n{BODY_2}\n{line}"
        assert remove_chrome(page) == (page, [])


def test_a_lost_character_is_no_lost_separator_and_body_text_stays():
    # A U+FFFD may stand for a character of a rule's keyword, not for the ">" of a breadcrumb;
    # a paragraph about the licences themselves is no licence line.
    page = "\n".join([
        "\ufffd但\ufffd害者始终低头不断抽\ufffd\ufffd",
        BODY_1,
        "中国前不久出台的电信条例对从事增值电信业务经营者的出资比例没有作出特殊的规定。",
    ])
    text, changes = remove_chrome(page)
    assert text == page and changes == []


def test_editor_line_above_a_related_news_list():
    # The list's last headline ends the page: the bottom block is found only once the list is out.
    page = "\n".join([
        BODY_1,
        BODY_2,
        "【纠错】 【责任编辑：刘梅】",
        "相关新闻",
        "千禧年的感性中国",
        "法国电力公司积极拓展在华业务",
        "Copyright © 2000-2024 XINHUANET.com All Rights Reserved.",
    ])
    document = clean(page)
    assert document.text == f"{BODY_1}\n{BODY_2}"
    assert document.meta["editor"] == "刘梅"


def test_short_lines_above_a_byline_are_chrome_but_not_above_a_photo_credit():
    page = "\n".join([
        "中国歌迷翘首盼望演唱会",
        "来\ufffd多环球时报",  # a source line garbled beyond its label
        "作者：卢超文 苏春海",
        "2017-09-12 20:58:41",
        BODY_1,
    ])
    document = clean(page)
    assert document.text == BODY_1
    assert document.title == "中国歌迷翘首盼望演唱会"
    # a photo credit names a source too, but short first paragraphs above it are body
    page = "\n".join(["对台湾人来说，他的故事让你想到什么？", "新世纪台海战略新发展", "图片来源：视觉中国", BODY_1])
    assert remove_chrome(page)[0] == "\n".join(["对台湾人来说，他的故事让你想到什么？", "新世纪台海战略新发展", BODY_1])


def test_garbled_lines_of_the_bottom_block_do_not_end_it():
    page = "\n".join([
        BODY_1,
        BODY_2,
        "【纠错】 【责任编辑：龙晨】",
        "澎湃新闻报料：021-962866",
        "澎\ufffd新闻，未经\ufffd\ufffd不得转轨",  # a disclaimer the repair step could not get back
        "相\ufffd新闻",  # a related-news heading that lost a character, and its list
        "今年前十个月四川新批外资项目二百个",
        "香港证监会明年重点制订新证券法",
    ])
    document = clean(page)
    assert document.text == f"{BODY_1}\n{BODY_2}"
    assert document.meta["editor"] == "龙晨"
    # a damaged last paragraph with no chrome above it is body
    page = "\n".join([BODY_1, "会议指出，要坚持市场为主、政府\ufffd\ufffd，鼓励先进。"])
    assert remove_chrome(page) == (page, [])


def test_an_article_of_short_lines_keeps_them_all():
    """A page that is an article alone (its top block aside) keeps its clauses and list items:
    only a whole page's furniture, on both sides of the article, goes as boilerplate."""
    clauses = ["第九条 设立水路运输企业必须具备下列条件：", "（一）具有与经营范围相适应的运输船舶；",
               "（二）有较稳定的客源或货源；", "（三）有与经营范围相适应的管理人员", "（四）有符合规定的注册资本",
               "A.吾尔沃斯大厦 纽约 美国 241公尺 1913年", "B.克莱斯勒大厦 纽约 美国 319公尺 1930年",
               "C.帝国大厦 纽约 美国 381公尺 1931年", "本条例自公布之日起施行。"]
    page = "\n".join(["水路运输管理条例", "2024年05月12日 08:14 来源：本地日报",
                      "为了加强水路运输管理，维护水路运输秩序，根据有关法律，制定本条例。", *clauses])
    text, changes = remove_chrome(page)
    assert text.split("\n")[1:] == clauses
    assert "chrome.boilerplate" not in {c.rule for c in changes}


@pytest.mark.parametrize("tail, author", [
    ("（记者　王晓明）（完）", "王晓明"), ("（记者 徐静蕾）【完】", "徐静蕾"), ("(记者 王晓明)(完)", "王晓明"),
    ("（记者王晓明）", "王晓明"), ("（本报记者王晓明 李明）", "王晓明 李明"), ("【記者王曉明】", "王曉明"),
])
def test_a_byline_and_end_mark_glued_to_the_last_paragraph_go_in_any_spacing(tail: str, author: str):
    last = "另据介绍，相关工作将于下月全面展开，各区县将同步推进。"
    text, changes = remove_chrome(f"据了解，本市将依法严肃查处违法违规行为。\n{last}{tail}")
    assert text.endswith(last)
    assert any(c.detail.get("facts", {}).get("author") == author for c in changes)


def test_a_bracketed_aside_after_a_label_word_is_no_byline():
    line = "另据介绍，相关工作将于下月全面展开，各区县将同步推进。（记者表示）"
    assert remove_chrome(f"据了解，本市将依法严肃查处违法违规行为。\n{line}")[0].endswith(line)


def test_a_source_and_a_time_alone_make_a_dateline_but_a_headline_with_a_date_is_none():
    grammar = default_rules().fields
    assert parse_fields("新京报　2022-11-17 22:43", grammar) == {"source": "新京报", "published": "2022-11-17 22:43"}
    assert parse_fields("新华网河北频道 ( 2012-06-04 09:20:26 )", grammar) == {
        "source": "新华网河北频道", "published": "2012-06-04 09:20:26"}
    assert parse_fields("北京 2022年2月4日 开幕", grammar) is None
    assert parse_fields("北京冬奥会2022年2月4日开幕", grammar) is None
    assert parse_fields("2023-02-10 21:06 发布于北京", grammar) == {"published": "2023-02-10 21:06"}
    assert parse_fields("来源：文汇报　选稿：毛晨军", grammar) == {"source": "文汇报", "editor": "毛晨军"}
    assert parse_fields("界面新闻编辑 | 张三", grammar) == {"editor": "张三"}


def test_login_bars_report_links_follow_buttons_and_places_are_chrome():
    page = "\n".join(["登录 | 注册免费邮箱", "国务院常务会议部署设备更新工作", "2024-05-12 18:30:15　来源: 新华网", "发布于北京",
                      "关注", BODY_1, BODY_2, "本文来源：新华网　责任编辑：王五", "举报文章问题", "IP属地：广东"])
    document = clean(page)
    assert document.text == f"{BODY_1}\n{BODY_2}"
    assert document.title == "国务院常务会议部署设备更新工作"
    assert document.meta["editor"] == "王五" and document.meta["source"] == "新华网"


def test_a_field_split_after_its_label_is_one_field():
    """A scraper that writes every text node a line puts a label's value on the next line."""
    page = "\n".join(["国务院常务会议部署设备更新工作", "2020-07-04 01:55:04 来源:", "央视新闻客户端", BODY_1, BODY_2,
                      "责任编辑:", "蔡立丽"])
    document = clean(page)
    assert document.text == f"{BODY_1}\n{BODY_2}"
    assert document.meta == {"published": "2020-07-04T01:55:04", "source": "央视新闻客户端", "editor": "蔡立丽"}


@pytest.mark.parametrize("lead, author", [
    ("新京报讯（记者 王五 马六）", "王五 马六"), ("东方网记者顾欣凯3月1日报道：", "顾欣凯"),
    ("中国青年报客户端武汉7月8日电（中青报·中青网记者 田斌晓）", "田斌晓"), ("证券时报e公司讯，", None),
    ("某某科技网 5 月 12 日消息，", None), ("潇湘日报长沙 5 月 12 日讯 ", None), ("新华社北京 5 月 12 日电（记者 周彤）", "周彤"),
    ("IT之家 7 月 24 日消息，", None), ("华声在线5月14日讯(记者 唐凯兰)", "唐凯兰"),
    ("经济日报-中国经济网北京10月8日讯（记者 王五）", "王五"), ("【财讯快报／陈孟朔】", "陈孟朔"), ("〔记者王晓明／台北报导〕", "王晓明"),
    ("（中央社记者王晓明 李四台北6日电）", None), ("（南宁19日讯）", None),
])
def test_a_news_outlet_lead_is_cut_from_a_scraped_page(lead: str, author: str | None):
    document = clean("\n".join(["国务院常务会议部署设备更新工作", "2024-05-12 18:30", f"{lead}{BODY_1}", BODY_2]))
    assert document.text == f"{BODY_1}\n{BODY_2}"
    assert document.meta.get("author") == author


@pytest.mark.parametrize("first", ["大隘社讯提供北埔人一个说话的机会，举凡对护溪、思乡有话要说，都可以尽情发挥。",
                                   "台海网6月13日讯据了解，继哥斯达黎加之后，亮起红灯的首推尼加拉瓜。",
                                   "据财联社9月26日消息，今日从交通运输部新闻发布会获悉，相关工作取得积极成效。",
                                   "他在5月14日电告各地，要求立即开展安全检查。",
                                   "〔即时新闻／综合报导〕2008年，台北市万华区发生一起命案，如今现场将被拍卖。",
                                   "【产品／服务】本公司提供设备更新和以旧换新服务。",
                                   "无线通讯，是一种不需要导线的通讯方式，已经在各行各业得到了广泛应用。"])
def test_words_that_end_like_a_lead_in_a_sentence_stay(first: str):
    page = "\n".join(["国务院常务会议部署设备更新工作", "2024-05-12 18:30", first, BODY_2])
    assert clean(page).text == f"{first}\n{BODY_2}"


def test_the_headline_under_a_site_menu_and_counters_under_the_headline():
    menu = ["首页", "新闻", "图片", "评论", "共青团", "娱乐", "财经"]
    page = "\n".join(menu + ["国务院常务会议部署设备更新工作", "分享到：", "8", "34976", "2021-01-08 22:08:43",
                             "来源：新华社", BODY_1, BODY_2])
    document = clean(page)
    assert document.text == f"{BODY_1}\n{BODY_2}"
    assert document.title == "国务院常务会议部署设备更新工作"
    assert document.meta == {"published": "2021-01-08T22:08:43", "source": "新华社"}
    # the dateline above the headline (a mobile page)
    page = "\n".join(["正确的提示信息", "扫码打开APP", "搜索历史", "删除", "2022-11-17 22:43", "国务院常务会议部署设备更新工作",
                      BODY_1 * 2, BODY_2])
    document = clean(page)
    assert document.text == f"{BODY_1 * 2}\n{BODY_2}"
    assert document.title == "国务院常务会议部署设备更新工作"


def test_the_bottom_block_holds_comment_boxes_counters_the_headline_again_and_slogans():
    page = "\n".join(["国务院常务会议部署设备更新工作", "2018年02月19日 07:10 稿源：新华网", BODY_1, BODY_2, "责任编辑：贺敏",
                      "对文章打分", "国务院常务会议部署设备更新工作", "1 (33%)2 (67%)", "已有 0 条意见", "还可以输入320字",
                      "请输入评论内容", "如对本稿件有异议或投诉，请联系tougao@example.com", "正在改变世界的人，都在",
                      "某某APP"])
    document = clean(page)
    assert document.text == f"{BODY_1}\n{BODY_2}"
    assert document.meta["editor"] == "贺敏"


@pytest.mark.parametrize("caption", ["图为国务院常务会议现场。", "国务院常务会议现场。新华社记者 王五 摄",
                                     "国务院常务会议现场。 人民视觉 图", "夜市人潮回流。記者林小雯／攝影",
                                     "事故现场。 记者陈大同 李四/翻摄", "（记者 周彤 摄影）", "市民在公园里赏花。(梁碧玲 摄)",
                                     "(新区建设全面提速。唐凯兰 钟梅 摄)", "外國的褓母會念經——謝謝你！馬汀娜。謝雨 攝"])
def test_photo_captions_between_paragraphs_go(caption: str):
    page = "\n".join(["国务院常务会议部署设备更新工作", "2024-05-12 18:30", BODY_1, caption, BODY_2])
    assert clean(page).text == f"{BODY_1}\n{BODY_2}"
    # a sentence that mentions a picture stays
    for line in ("他画了一张图", "这组照片由他亲自拍摄", "到2027年区域协同创新格局初步形成"):
        page = "\n".join(["国务院常务会议部署设备更新工作", "2024-05-12 18:30", BODY_1, line, BODY_2])
        assert clean(page).text == f"{BODY_1}\n{line}\n{BODY_2}"


def test_a_long_disclaimer_above_the_page_is_chrome_and_no_title():
    disclaimer = "某某在线版权与免责声明： 在接受本网站服务之前，请务必仔细阅读下列条款并同意本声明。" + "1. 凡本网注明来源的作品，版权均属本网。" * 12
    page = "\n".join([disclaimer, "某某在线", "新闻频道 >社会 >正文", "国务院常务会议部署设备更新工作", "发稿时间：2015-07-08 20:23:39",
                      BODY_1, BODY_2])
    document = clean(page)
    assert document.text == f"{BODY_1}\n{BODY_2}"
    assert document.title == "国务院常务会议部署设备更新工作"


def test_a_tool_row_between_the_headline_and_its_dateline():
    """Share, LINE, print and font buttons one a line under a headline, as Taiwanese pages have them;
    an old-browser notice above the page is no <title>."""
    page = "\n".join(["親愛的讀者：", "您的瀏覽器版本過舊，請更新。", "首頁", "政治", "社會", "生活", "國際", "財經", "娛樂", "體育",
                      "台北捷運環狀線北段明年動工", "Facebook 分享", "LINE", "+", "分享", "留言", "友善列印", "A-", "A+",
                      "2023/05/06 08:15", BODY_1 * 2, BODY_2 * 2, BODY_1, "延伸閱讀", "熱門新聞", "相關新聞", "服務條款"])
    document = clean(page, to="keep")
    assert document.title == "台北捷運環狀線北段明年動工"
    assert document.meta["published"] == "2023-05-06T08:15"
    assert document.text == f"{BODY_1 * 2}\n{BODY_2 * 2}\n{BODY_1}"


@pytest.mark.parametrize("label, value, field", [("本文来源于", "工人日报", "source"), ("文章作者", "李小龙", "author"),
                                                 ("責任編輯", "陳思", "editor")])
def test_a_label_alone_without_a_colon_and_its_value_on_the_next_line(label: str, value: str, field: str):
    page = "\n".join(["首页", "国务院常务会议部署设备更新工作", "正文", label, value, "2021-03-01 08:03:49", "打印",
                      BODY_1, BODY_2])
    document = clean(page, to="keep")
    assert document.text == f"{BODY_1}\n{BODY_2}"
    assert document.title == "国务院常务会议部署设备更新工作"
    assert document.meta[field] == value
    # a search scope menu with the word 作者 in it names no author
    page = "\n".join(["全部", "标题", "作者", "全部", "国务院常务会议部署设备更新工作", "2021-03-01 08:03:49", BODY_1, BODY_2])
    assert "author" not in clean(page).meta


@pytest.mark.parametrize("line, editor", [("编辑：何小彤　责任编辑：钟梅", "钟梅"), ("实习编辑:王芳 责编:李雷", "李雷"),
                                          ("【责任编辑：赵娟  编辑：孙丽】", "赵娟"), ("编辑　王芳　校对　李四", "王芳")])
def test_the_editor_in_charge_outranks_the_other_editors_on_a_line(line: str, editor: str):
    assert clean("\n".join(["国务院常务会议部署设备更新工作", "2024-05-12 18:30", BODY_1, BODY_2, line])).meta["editor"] == editor


@pytest.mark.parametrize("note, source", [("（综合自新华社、央视新闻）", "新华社、央视新闻"),
                                          ("(编译自路透社、美联社等)", "路透社、美联社等"), ("【转载自人民日报】", "人民日报")])
def test_a_source_note_glued_to_its_label_goes_alone_or_glued(note: str, source: str):
    for page in ("\n".join(["国务院常务会议部署设备更新工作", "2024-05-12 18:30", BODY_1, BODY_2, note, "责编：王五"]),
                 "\n".join(["国务院常务会议部署设备更新工作", "2024-05-12 18:30", BODY_1, BODY_2 + note])):
        document = clean(page)
        assert document.text == f"{BODY_1}\n{BODY_2}"
        assert document.meta["source"] == source
    # a line that opens with 来自 is a heading, not a source
    page = "\n".join(["国务院常务会议部署设备更新工作", "2024-05-12 18:30", BODY_1, "来自基层的声音", BODY_2])
    assert clean(page).text == f"{BODY_1}\n来自基层的声音\n{BODY_2}"


@pytest.mark.parametrize("prompt", [["查看全文，请先", "登录"], ["阅读全文 请登录"], ["登录后阅读全文"], ["浏览完整内容，需先", "注册"]])
def test_a_sign_in_prompt_below_the_article_goes(prompt: list[str]):
    page = "\n".join(["国务院常务会议部署设备更新工作", "2024-05-12 18:30", BODY_1, BODY_2, "（责任编辑：王五）", *prompt,
                      "版权所有 某某网"])
    assert clean(page).text == f"{BODY_1}\n{BODY_2}"


def test_a_count_under_its_widget_label_above_the_article():
    page = "\n".join(["国务院常务会议部署设备更新工作", "发布时间：2022-10-22", "浏览次数：", "26893", BODY_1, BODY_2])
    document = clean(page)
    assert document.text == f"{BODY_1}\n{BODY_2}"


@pytest.mark.parametrize("line", ["标签：设备更新 消费", "【关键词】", "Tags: 经济 会议", "热门标签", "广告", "【赞助广告】", "商业推广",
                                  "马上订阅", "免费订阅本报电子版", "加入会员", "我要投稿", "看更多", "今日热门", "最新消息",
                                  "（图片来源于网络）", "图片来自视觉中国"])
def test_bare_widget_headings_and_labels_below_the_last_paragraph_go(line: str):
    page = "\n".join(["国务院常务会议部署设备更新工作", "2024-05-12 18:30", BODY_1, BODY_2, line, "某某网版权所有"])
    assert clean(page).text == f"{BODY_1}\n{BODY_2}"
    # the same words inside a sentence stay
    sentence = f"记者在现场看到，{line}的字样写在门口的牌子上，引来不少市民驻足。"
    page = "\n".join(["国务院常务会议部署设备更新工作", "2024-05-12 18:30", BODY_1, sentence, BODY_2])
    assert clean(page).text == f"{BODY_1}\n{sentence}\n{BODY_2}"


@pytest.mark.parametrize("byline, author", [("記者陳思齊／台北報導", "陳思齊"), ("【记者 周彤 林一凡/综合报导】", "周彤 林一凡"),
                                            ("（中央社記者黃小文東京6日電）", "黃小文"), ("本报特派员吴迪布鲁塞尔报道", "吴迪")])
def test_a_reporters_byline_with_the_place_they_report_from(byline: str, author: str):
    for page in ("\n".join(["国务院常务会议部署设备更新工作", "2024-05-12 18:30", byline, BODY_1, BODY_2]),
                 "\n".join(["国务院常务会议部署设备更新工作", "2024-05-12 18:30", BODY_1, BODY_2, byline]),
                 "\n".join(["国务院常务会议部署设备更新工作", "2024-05-12 18:30", BODY_1,
                            BODY_2 + (byline if byline[0] in "（【" else f"（{byline}）")])):
        document = clean(page, to="keep")
        assert document.text == f"{BODY_1}\n{BODY_2}"
        # (with no stroke before the place, where the name ends is a guess: 黃小文東京)
        assert document.meta["author"].startswith(author)
    # a sentence about a reporter stays
    line = "记者王晓明在台北报道"
    page = "\n".join(["国务院常务会议部署设备更新工作", "2024-05-12 18:30", BODY_1, f"{line}时说，相关工作进展顺利。", BODY_2])
    assert clean(page).text == f"{BODY_1}\n{line}时说，相关工作进展顺利。\n{BODY_2}"


@pytest.mark.parametrize("tail, facts", [("（新华社记者周彤）", {"author": "周彤"}),
                                         ("（记者王晓明 通讯员李一凡）", {"author": "王晓明"}),
                                         ("（据新华社）", {"source": "新华社"}), ("(中新网)", {"source": "中新网"}),
                                         ("（据央视新闻客户端报道）", {"source": "央视新闻客户端"})])
def test_an_outlets_byline_or_source_glued_to_the_last_paragraph(tail: str, facts: dict[str, str]):
    document = clean("\n".join(["国务院常务会议部署设备更新工作", "2024-05-12 18:30", BODY_1, BODY_2 + tail]))
    assert document.text == f"{BODY_1}\n{BODY_2}"
    assert facts.items() <= document.meta.items()
    # an aside in brackets that names an outlet inside a sentence stays
    line = "该报道由本地媒体（某某日报）率先刊发，随后被多家网站转载。"
    assert clean("\n".join(["国务院常务会议部署设备更新工作", "2024-05-12 18:30", BODY_1, line])).text == f"{BODY_1}\n{line}"


def test_fields_read_with_a_vertical_stroke_and_counts_in_ten_thousands():
    grammar = default_rules().fields
    assert parse_fields("来源丨新华社　作者丨周彤", grammar) == {"source": "新华社", "author": "周彤"}
    assert parse_fields("阅读量：1.2万", grammar) == {}
    assert parse_fields("2024-05-12 18:30 阅读 10万+", grammar) == {"published": "2024-05-12 18:30"}
    assert parse_fields("本文转载自微信公众号“长安街知事”", grammar) == {"source": "微信公众号“长安街知事”"}
    assert parse_fields("阅读", grammar) is None


def test_labels_printed_with_no_value_and_a_source_set_off_by_a_stroke():
    grammar = default_rules().fields
    assert parse_fields("来源：湖南日报　作者：　编辑：周彤", grammar) == {"source": "湖南日报", "editor": "周彤"}
    assert parse_fields("2024-05-12 10:00 来源： 作者：", grammar) == {"published": "2024-05-12 10:00"}
    assert parse_fields("发布时间：2024-05-12 浏览：123次", grammar) == {"published": "2024-05-12"}
    assert parse_fields("某某周报 / 2024-05-12 10:00", grammar) == {"source": "某某周报", "published": "2024-05-12 10:00"}
    assert parse_fields("北京 / 2022年2月4日 开幕", grammar) is None
    assert parse_fields("更新于2024-05-12 10:00", grammar) == {"published": "2024-05-12 10:00"}
    assert parse_fields("公布日期：2024年5月12日", grammar) == {"published": "2024年5月12日"}
    page = "\n".join(["国务院常务会议部署设备更新工作", "来源：湖南日报　作者：　编辑：周彤　2024-05-12", BODY_1, BODY_2])
    document = clean(page)
    assert document.text == f"{BODY_1}\n{BODY_2}"
    assert document.meta == {"source": "湖南日报", "editor": "周彤", "published": "2024-05-12"}


def test_an_advertising_notice_below_the_article_is_chrome():
    notice = "广告声明：文内含有的对外跳转链接（包括不限于超链接、二维码、口令等形式），用于传递更多信息，节省甄选时间，结果仅供参考。"
    document = clean("\n".join(["国务院常务会议部署设备更新工作", "2024-05-12 18:30", BODY_1, BODY_2, notice, "我要纠错"]))
    assert document.text == f"{BODY_1}\n{BODY_2}"
    assert "chrome.disclaimer" in {c.rule for c in document.removed}
    # a statement quoted in the article stays
    line = "双方发表联合声明：将进一步深化经贸合作，推动设备更新。"
    assert clean("\n".join(["国务院常务会议部署设备更新工作", "2024-05-12 18:30", BODY_1, line, BODY_2])).text \
        == f"{BODY_1}\n{line}\n{BODY_2}"


def test_a_list_of_links_with_a_bullet_alone_before_each_is_chrome():
    links = ["·", "唐家璇举行新年招待会", "·", "千禧皇帝力图振作", "2021年01月08日", "•", "中国将加快人才市场体系建设"]
    document = clean("\n".join(["国务院常务会议部署设备更新工作", "2024-05-12 18:30", BODY_1, BODY_2, "（责任编辑：蔡立丽）", *links]))
    assert document.text == f"{BODY_1}\n{BODY_2}"
    assert [c.before for c in document.removed if c.rule == "chrome.bullet-list"] == [
        line for line in links if not line.startswith("2021")]
    # the article's last short line, with no bullet of its own, stays
    page = "\n".join(["国务院常务会议部署设备更新工作", "2024-05-12 18:30", BODY_1, BODY_2, "到2027年区域协同创新格局初步形成"])
    assert clean(page).text == f"{BODY_1}\n{BODY_2}\n到2027年区域协同创新格局初步形成"


def test_a_tool_row_cut_into_text_nodes_at_its_brackets():
    row = ["[", "手机看新闻", "]", "[字号", "大", "中", "小", "]", "[", "打印本稿", "]", "字体:【", "大", "中", "小", "】"]
    document = clean("\n".join(["国务院常务会议部署设备更新工作", "2024-05-12 18:30", "来源：经济日报", *row, BODY_1, BODY_2]))
    assert document.text == f"{BODY_1}\n{BODY_2}"
    assert document.title == "国务院常务会议部署设备更新工作"


def test_an_editor_note_with_a_wires_date_code_after_the_last_paragraph():
    page = ["国务院常务会议部署设备更新工作", "2024-05-12 18:30", BODY_1, f"{BODY_2}（编辑：龚文）1050319"]
    document = clean("\n".join(page))
    assert document.text == f"{BODY_1}\n{BODY_2}"
    assert document.meta["editor"] == "龚文"
    # a year in brackets closing a sentence is no editor note
    line = "会议回顾了设备更新工作的历程。（编辑部整理，2024）"
    assert clean("\n".join([*page[:3], line])).text == f"{BODY_1}\n{line}"


@pytest.mark.parametrize("line", ["请继续往下阅读...", "还想看更多新闻吗？欢迎下载某某时报APP，现在看新闻还能抽奖！", "找寻您要的新闻。",
                                  "会议回顾了设备更新工作的历程。（图翻摄自某某网）"])
def test_reading_prompts_app_invitations_search_prompts_and_credited_captions_go(line: str):
    page = "\n".join(["国务院常务会议部署设备更新工作", "2024-05-12 18:30", BODY_1, line, BODY_2])
    assert clean(page).text == f"{BODY_1}\n{BODY_2}"


@pytest.mark.parametrize("line", ["市民可以下载某某APP预约挂号，也可以到窗口办理。", "他们继续往下走，直到天黑才找到住处。",
                                  "记者赶到事故现场时，救援已经开始。"])
def test_sentences_about_apps_reading_on_and_scenes_stay(line: str):
    page = "\n".join(["国务院常务会议部署设备更新工作", "2024-05-12 18:30", BODY_1, line, BODY_2])
    assert clean(page).text == f"{BODY_1}\n{line}\n{BODY_2}"


def test_the_lookarounds_of_the_field_grammar_as_the_core_reads_them():
    grammar = default_rules().fields
    # a year and a month apart by a space only before a day and a slash
    assert parse_fields("发布时间：2004 9/17 10:30", grammar) == {"published": "2004 9/17 10:30"}
    assert parse_fields("发布时间：2004 09-17", grammar) is None
    # a date of numbers only is none right after a slash: the name goes on
    assert parse_fields("编辑：张三/9/17/2004", grammar) == {"editor": "张三/9/17/2004"}
    # the letter after an am/pm suffix takes its dot back
    assert parse_fields("更新于 10:30 a.m.来源：新华社", grammar) == {"published": "10:30 a.m.", "source": "新华社"}
    # a place is two to eight Han characters that no Han character or digit follows
    assert parse_fields("IP属地：广东", grammar) == {}
    assert parse_fields("发布于北京市朝阳区望京街道", grammar) is None
    assert parse_fields("发布于北京1", grammar) is None
    # a label with no value before the next one; a one-character widget word before another
    assert parse_fields("作者：\u3000编辑：周彤", grammar) == {"editor": "周彤"}
    assert parse_fields("大字号", grammar) == {}


def test_a_line_the_core_classifies():
    rules = default_rules()
    core, places = rules.fields.core, _core.TOP | _core.ANYWHERE
    nothing_removed = (False, False, False)
    assert core.classify(rules.matcher, None, "责任编辑：", "蔡立丽", nothing_removed, places, False) == (
        "split", 0, {"editor": "蔡立丽"})
    assert core.classify(rules.matcher, "本文来源于", "上海证券报", None, nothing_removed, places, False) == (
        "split", -1, {"source": "上海证券报"})
    assert core.classify(rules.matcher, "本文来源于", "上海证券报", None, (True, False, False), places, False)[0] is None
    assert core.classify(rules.matcher, None, "【编辑：武新明。", None, nothing_removed, places, False) == (
        "fields", 0, {"editor": "武新明"})
    assert core.classify(rules.matcher, None, "字号：默许 多 超大 | 打印 |", None, nothing_removed, places, False) == (
        "bar", 0, None)
    assert core.classify(rules.matcher, None, "京ICP证040655号", None, nothing_removed, places, False)[0] == "rule"
    assert core.classify(rules.matcher, None, "许可证\ufffd0106168", None, nothing_removed, places, False)[0] == "tolerant"
    assert core.classify(rules.matcher, None, "今天天气很好。", None, nothing_removed, places, True) == (None, 0, None)


@pytest.mark.parametrize("caption", ["签约仪式现场", "论坛主会场", "运动会开幕式"])
def test_a_bare_caption_naming_a_scene_between_paragraphs_goes(caption: str):
    page = "\n".join(["国务院常务会议部署设备更新工作", "2024-05-12 18:30", BODY_1, caption, BODY_2])
    document = clean(page)
    assert document.text == f"{BODY_1}\n{BODY_2}"
    assert "chrome.scene-caption" in rules_of(document.removed)
    # a subheading or a sentence about the scene stays
    for line in ["开幕式上的新面孔", "会场内外，代表们热议设备更新。"]:
        assert clean(page.replace(caption, line)).text == f"{BODY_1}\n{line}\n{BODY_2}"


@pytest.mark.parametrize("summary", ["摘要：国常会部署推动新一轮大规模设备更新。", "【导读】国务院常务会议部署设备更新工作。",
                                     "内容提要: 以旧换新政策解读。", "导读：会议指出，要坚持市场为主、政府引导。"])
def test_an_articles_summary_box_above_its_first_paragraph_goes(summary: str):
    page = "\n".join(["国务院常务会议部署设备更新工作", "2024-05-12 18:30　来源：某某网", summary, BODY_1, BODY_2])
    document = clean(page)
    assert document.text == f"{BODY_1}\n{BODY_2}"
    assert document.title == "国务院常务会议部署设备更新工作"


@pytest.mark.parametrize("lead", ["导读：设备更新和以旧换新，国常会作出部署。", "【导读】以旧换新政策落地，市场迎来新机遇。"])
def test_a_lead_in_the_page_says_nowhere_else_is_the_storys_first_paragraph(lead: str):
    # (a channel's story opening with its lead after the label; a box that repeats the lead or
    # the headline goes, as above)
    page = "\n".join(["国务院常务会议部署设备更新工作", "2024-05-12 18:30　来源：某某网", lead, BODY_1, BODY_2])
    document = clean(page)
    assert document.text == f"{lead}\n{BODY_1}\n{BODY_2}"
    assert document.title == "国务院常务会议部署设备更新工作"


def test_a_breadcrumb_cut_into_text_nodes_above_a_headline_with_its_source_label_alone():
    page = "\n".join(["国务院常务会议部署设备更新工作 新闻中心_某某网", "现在位置：", "首页", ">>", "本地新闻", ">> 正文",
                      "新闻中心", "本地新闻", "国务院常务会议部署设备更新工作", "来源于：", "市发展改革局", BODY_1, BODY_2,
                      "发布日期：", "2024-05-12", "责任编辑：", "周彤"])
    document = clean(page)
    assert document.text == f"{BODY_1}\n{BODY_2}"
    assert document.title == "国务院常务会议部署设备更新工作"
    assert document.meta == {"source": "市发展改革局", "published": "2024-05-12", "editor": "周彤"}


def test_a_page_title_naming_a_section_gives_way_to_the_headline_above_the_dateline():
    menu = ["首页", "学会概况", "学会简介", "学术交流", "工作动态", "期刊书籍", "学术期刊", "学会奖励", "其它奖励", "活动通知",
            "会议通知", "公告公示", "会员服务", "会员须知", "申请入会", "联系我们"]
    footer = ["返回首页", "联系我们", "地 址：北京市某某区某某路1号", "电 话：010-12345678", "版权所有：© 2001-2024 某某学会",
              "备案/许可证号码：京ICP备12345678号-1", "技术支持：某某软件技术有限公司"]
    page = "\n".join(["工作动态--某某学会官网", *menu, "首页 - 工作动态", "国务院常务会议部署设备更新工作",
                      "发布时间：2024-05-12", "来源：某某学会", BODY_1, BODY_2, *footer])
    document = clean(page)
    assert document.title == "国务院常务会议部署设备更新工作"
    assert document.text == f"{BODY_1}\n{BODY_2}"


@pytest.mark.parametrize("tag", ["[原创]", "[组图] ", "[某某化妆品]"])
def test_a_tag_in_square_brackets_before_a_headline_is_no_part_of_it(tag: str):
    page = "\n".join([f"{tag}国务院常务会议部署设备更新工作", "2024-05-12 18:30", BODY_1, BODY_2])
    assert clean(page).title == "国务院常务会议部署设备更新工作"


_BLOG_MENU = ["首页", "联系", "订阅", "登录", "随笔分类", "Python", "(rss)", "数据库", "(rss)", "生活随想", "(rss)"]
_POST = [
    "这周把家里的旧笔记本装成了一台小服务器，用来跑定时任务和备份照片，过程比想象中顺利。",
    "系统选的是最常见的发行版，装好以后先关掉了图形界面，再把硬盘分成系统区和数据区两块。",
    "备份脚本每天凌晨运行一次，出错时会发邮件提醒，目前已经稳定跑了半个多月，没有出过问题。",
]
_COMMENTS = [
    "这个思路不错，我家里也有一台闲置的机器，正好可以照着试一试，谢谢分享经验。",
    "请问备份的时候有没有做增量？照片多了以后每天全量复制会很慢，硬盘也吃不消。",
    "有增量，用的是硬链接的办法，只有改过的文件才会真的复制一份，速度很快。",
]


def test_a_blog_posts_comment_thread_is_no_article():
    """Replies' headings that repeat the post's headline open a comment thread: the article is
    the post above the first of them, however much the comments outweigh it."""
    entries = []
    for number, (name, comment) in enumerate(zip(["老周", "小林", "阿飞", "老周", "小林", "阿飞"], _COMMENTS * 2)):
        entries += ["#", "回复：旧笔记本变身家庭服务器", f"2011-03-0{number + 1} 2{number}:15", name, comment, comment]
    page = "\n".join(["张工的博客", *_BLOG_MENU, "旧笔记本变身家庭服务器", *_POST,
                      "发表于 2011年3月1日 20:05", "评论", *entries, "Powered by .Text"])
    doc = clean(page)
    assert doc.text.split("\n") == _POST
    assert doc.title == "旧笔记本变身家庭服务器"


_SITE_MENU = ["首页", "学会概况", "学会简介", "学术交流", "工作动态", "期刊书籍", "学术期刊", "学会奖励", "其它奖励", "活动通知",
              "会议通知", "公告公示", "会员服务", "会员须知", "申请入会", "联系我们"]
_SITE_FOOTER = ["返回首页", "联系我们", "地 址：北京市某某区某某路1号", "电 话：010-12345678", "版权所有：© 2001-2024 某某学会",
                "备案/许可证号码：京ICP备12345678号-1", "技术支持：某某软件技术有限公司"]


def test_a_headline_wrapped_over_lines_mid_phrase_is_one_title():
    """A long headline set in a narrow box comes over lines broken mid-phrase (a line ending in
    及, the next opening with 关于), which the <title> holds joined; a subheading under a headline
    opens a clause of its own and stays out of it."""
    wrapped = ["全国人民代表大会常务委员会", "关于批准发行特别国债购买外汇及", "调整年末国债余额限额的决议"]
    page = "\n".join(["全国人民代表大会常务委员会关于批准发行特别国债购买外汇及调整年末国债余额限额的决议__2007年第23号公报",
                      *_SITE_MENU, "首页 > 公报", *wrapped, BODY_1, BODY_2, *_SITE_FOOTER])
    document = clean(page)
    assert document.title == "".join(wrapped)
    assert document.text == f"{BODY_1}\n{BODY_2}"
    page = "\n".join(["国务院常务会议部署设备更新工作预计四年带动投资五万亿元_某某政府门户网站", *_SITE_MENU,
                      "国务院常务会议部署设备更新工作", "预计四年带动投资五万亿元", "发布日期：2024-05-12 08:52",
                      BODY_1, BODY_2, *_SITE_FOOTER])
    assert clean(page).title == "国务院常务会议部署设备更新工作"


def test_a_page_title_naming_the_site_and_the_headline_takes_the_line_above_the_byline():
    """A <title> of the site's name and the headline names two lines of the page: the site's
    name at its top may be the longer; the headline stands above the article's byline and date."""
    page = "\n".join(["Notes on Software Engineering - 给计算机系学生的建议", "Notes on Software Engineering", "某某谈软件",
                      "其他文章(简体中文)", "其他文章(英文)", "与作者联系（英文）", *_SITE_MENU, "给计算机系学生的建议",
                      "作者： 周思博 (Joel Spolsky)", "译： 陈斌", "2005年1月2日", BODY_1, BODY_2, *_SITE_FOOTER])
    document = clean(page)
    assert document.title == "给计算机系学生的建议"
    assert document.meta["published"] == "2005-01-02"


def test_a_page_title_naming_the_blog_takes_the_headline_above_the_posts_handle_and_date():
    """A <title> of a blog's and its host's names names a line of the banner, a sidebar of links
    above the post: the headline is the line over the author's handle and the post's date."""
    links = [f"{name}{kind}" for name in ("湖湘", "岳麓", "先秦", "诸子", "四库", "儒学", "史地", "书院")
             for kind in ("论坛", "文库", "书目")]
    page = "\n".join(["某某书店 blog--洞庭一叶", "某某书店", "洞庭一叶", *_SITE_MENU, *links, "Blog信息",
                      "日志:279", "评论:587", "[湖湘文化]", "给计算机系学生的建议", "ggjjzhzz", "发表于 2005-9-15 11:46:00",
                      "给计算机系学生的建议", BODY_1, BODY_2, *_SITE_FOOTER])
    document = clean(page)
    assert document.title == "给计算机系学生的建议"
    assert document.meta["published"] == "2005-09-15T11:46:00"
    assert document.text == f"{BODY_1}\n{BODY_2}"


def test_a_first_paragraph_cut_at_a_link_into_text_nodes_stays_whole():
    """A link inside the first sentence cuts it into three text nodes: the clause before the
    link, the link's words, the rest; all three are the article's."""
    cut = ["据某某社9月26日消息，今日从交通运输部新闻发布会获悉，目前", "京津冀",
           "交通一体化建设各项工作取得积极成效，下一步将着力打造三地综合立体交通网络，实现区域交通互联互通。"]
    page = "\n".join(["交通运输部：着力打造京津冀区域综合立体交通网络_某某网", *_SITE_MENU,
                      "交通运输部：着力打造京津冀区域综合立体交通网络", "2019-09-26 10:56:28", "某某时报网", *cut,
                      "（责任编辑： 王五）", *_SITE_FOOTER])
    document = clean(page)
    assert document.text == "\n".join(cut)
    assert document.title == "交通运输部：着力打造京津冀区域综合立体交通网络"


def test_a_forum_posts_footer_split_at_its_links_gives_the_posts_time():
    """本贴由 / 大卫 / 于2005年8月12日16:12:21在〖 / 心灵体操 / 〗发表.: the post's time, in its footer."""
    footer = ["本贴由", "大卫", "于2005年8月12日16:12:21在〖", "心灵体操（在线心理咨询）", "〗发表."]
    page = "\n".join(["关于亲子的演讲精选", *_SITE_MENU, "关于亲子的演讲精选", BODY_1, BODY_2, *footer, *_SITE_FOOTER])
    document = clean(page)
    assert document.meta.get("published") == "2005-08-12T16:12:21"
    assert document.text == f"{BODY_1}\n{BODY_2}"
    # a sentence of the article with a date in it stays
    sentence = "学会于2005年8月12日在北京召开年会，讨论了明年的工作计划。"
    assert sentence in clean(page.replace(BODY_2, f"{BODY_2}\n{sentence}")).text


@pytest.mark.parametrize("names", ["王晓明", "丁鹏婷 孟波", "鄭欣曉 任琳峰", "徐松涵、戴佳玉"])
def test_reporters_names_alone_in_brackets_after_the_last_sentence_go(names: str):
    page = ["国务院常务会议部署设备更新工作", "2024-05-12 18:30", BODY_1, f"{BODY_2}（{names}）"]
    document = clean("\n".join(page), to="keep")
    assert document.text == f"{BODY_1}\n{BODY_2}"
    assert document.meta["author"] == names
    # and a short last paragraph they sign is no widget's caption under a page's furniture
    menu = ["首页", "要闻", "政策", "服务", "互动", "数据", "省情", "要闻", "政务活动"]
    footer = ["扫一扫在手机打开当前页面", "省政府", "领导动态", "省政府常务会议", "政府工作报告", "政府机构", "关于我们",
              "网站声明", "网站地图"]
    short = "接下来我们向您报道一则，有关设备更新的消息。"
    document = clean("\n".join([*menu, page[0], "时间：", "2024-05-12 18:30", BODY_1, BODY_2, BODY_1,
                                f"{short}（{names}）", *footer]), to="keep")
    assert document.text == f"{BODY_1}\n{BODY_2}\n{BODY_1}\n{short}"


@pytest.mark.parametrize("line", ["会议回顾了设备更新工作的历程。（王五摄）", "会议回顾了设备更新工作的历程。（周一）以后",
                                  "会议回顾了设备更新工作的历程（王五）", "会议回顾了设备更新工作的历程。（本报专电）"])
def test_credits_and_brackets_that_name_no_reporter_stay_on_the_last_paragraph(line: str):
    page = ["国务院常务会议部署设备更新工作", "2024-05-12 18:30", BODY_1, BODY_2, line]
    assert clean("\n".join(page)).text.endswith(line)


@pytest.mark.parametrize(("credit", "editor"), [("经过夏博重新编排", "夏博"), ("由李四编辑整理", "李四"), ("本文由张三整理。", "张三")])
def test_an_editors_credit_written_as_a_clause_below_the_article(credit: str, editor: str):
    page = ["国务院常务会议部署设备更新工作", "2024-05-12 18:30", BODY_1, BODY_2, "信息来源于网络", credit]
    document = clean("\n".join(page))
    assert document.text == f"{BODY_1}\n{BODY_2}"
    assert document.meta["editor"] == editor


def test_a_label_left_empty_before_a_bar_and_the_next_label():
    grammar = default_rules().fields
    assert parse_fields("来源: | 发布时间: 2021-03-01 | 浏览次数:", grammar) == {"published": "2021-03-01"}
    page = ["添加收藏夹", "|", "设为首页", "| 关于我们", "首页", "机构职能", "校内制度", "学思践悟", "警钟长鸣", "宣传教育",
            "文献资料", "中纪委监察部", "教育部", "省监察厅", "省教育厅", "省内外高校", "————————", "山西大学", "太原理工大学",
            "山西师范大学", "山西财经大学", "中北大学", "■", "警钟长鸣", "从赤贫到暴富——经济五十年", "来源: | 发布时间: 2021-03-01 | 浏览次数:", "32502",
            "从赤贫到暴富——经济五十年", BODY_1, BODY_2, BODY_1, "主办单位：某某大学纪检监察室 版权所有",
            "地址：太原市新建南路56号 邮编：030001 电话：0351-3985088"]
    document = clean("\n".join(page))
    assert document.text == f"{BODY_1}\n{BODY_2}\n{BODY_1}"
    assert document.title == "从赤贫到暴富——经济五十年"
    assert document.meta["published"].startswith("2021-03-01")


_REPOST_TOP = ["新世纪台海战略新发展——台湾的安全之路", "科技每日推送", "科技每日推送", "微信号", "FViewXFG", "功能介绍",
               "聚焦「手机互联网」领域的行业思考和产品体验", "昨天"]
_REPOST_BOTTOM = ["阅读", "在看", "已同步到看一看", "写下你的想法", "前往“发现”-“看一看”浏览“朋友在看”", "前往看一看",
                  "看一看入口已关闭", "在“设置”-“通用”-“发现页管理”打开“看一看”入口", "我知道了", "已发送", "取消", "发送到看一看",
                  "发送", "新世纪台海战略新发展——台湾的安全之路", "最多200字，当前共", "字", "发送中", "相关阅读", "更多文章",
                  "微信扫一扫", "关注该公众号", "微信扫一扫", "使用小程序", "取消", "允许", "取消", "允许", "知道了",
                  "长按识别前往小程序", "新世纪台海战略新发展——台湾的安全之路", "留言", "我的留言", "正在加载", "已留言",
                  "删除该留言吗？", "取消", "删除", "goback", "forward"]


def test_a_headline_and_its_subtitle_after_a_dash_are_one_title():
    document = clean("\n".join([*_REPOST_TOP, BODY_1, BODY_2, BODY_1, "经过秦涛重新编排", *_REPOST_BOTTOM]))
    assert document.title == "新世纪台海战略新发展——台湾的安全之路"
    assert document.meta["editor"] == "秦涛"
    assert document.text == f"{BODY_1}\n{BODY_2}\n{BODY_1}"
    assert headline_of("巩固拓展脱贫攻坚成果-今日头条") == "巩固拓展脱贫攻坚成果"
    assert headline_of("巩固拓展脱贫攻坚成果 —— 某某网") == "巩固拓展脱贫攻坚成果"
    # the <title>'s parts are cut at the same separators: the unspaced —— stays in the headline
    assert title_parts("新世纪台海战略新发展——台湾的安全之路_某某网") == ["新世纪台海战略新发展——台湾的安全之路", "某某网"]
    assert title_parts("巩固拓展脱贫攻坚成果 —— 某某网_要闻") == ["巩固拓展脱贫攻坚成果", "某某网", "要闻"]


@pytest.mark.parametrize(("year", "first"), [(["2019人物"], []), ([], []), (["2019人物"], ["姊妹携手向前走！"])])
def test_a_trail_one_crumb_a_line_above_a_headline_with_no_dateline(year: list[str], first: list[str]):
    # (a page that sets its trail's separators as text nodes of their own, and no date at all;
    # its text may open with a short line)
    page = ["北医新闻网_(新闻)", "首页", ">>", "人物聚焦", ">>", *year, "国务院常务会议部署设备更新工作", *first, BODY_1,
            BODY_2, "（唐凯兰）", "北京大学医学部新闻中心", "Produced By 大汉网络 大汉版通发布系统"]
    document = clean("\n".join(page), to="keep")
    assert document.text == "\n".join([*first, BODY_1, BODY_2])
    assert document.title == "国务院常务会议部署设备更新工作"
    assert document.meta["author"] == "唐凯兰"
    assert document.meta["source"] == "北京大学医学部新闻中心"
    rules = set(rules_of(document.removed))
    assert {"chrome.breadcrumb", "chrome.byline", "chrome.source-name", "chrome.site-credit"} <= rules
    # without the byline, the newsroom's name is still no part of the article
    assert clean("\n".join(line for line in page if line != "（唐凯兰）")).text == "\n".join([*first, BODY_1, BODY_2])


@pytest.mark.parametrize(("page", "kept"), [
    ([BODY_1, "春", "/", "夏", BODY_2], "春\n/\n夏"),  # below the top of the page
    (["第一章", ">>", "总则，目的和依据", BODY_1, BODY_2], "总则，目的和依据"),  # a clause is no crumb
])
def test_short_lines_round_a_separator_that_are_no_trail_stay(page: list[str], kept: str):
    assert kept in clean("\n".join(page)).text


@pytest.mark.parametrize("line", ["（王五摄）", "（本报专电）", "（完）"])
def test_a_bracketed_line_below_the_article_that_names_no_reporter_is_no_byline(line: str):
    document = clean("\n".join(["国务院常务会议部署设备更新工作", "2024-05-12 18:30", BODY_1, BODY_2, line]), to="keep")
    assert "author" not in document.meta


_NOTICE = ["反侵权公告：", "根据《中华人民共和国著作权法》、《信息网络传播权保护条例》等法律法规，某某日报社郑重声明如下：",
           "一、任何单位或个人，在任何公开传播平台上使用某某日报社所属媒体的作品，须经本社书面授权。",
           "陈律师（法律顾问）0432-62099222", "【打印本页】", "【关闭窗口】"]


def test_a_copyright_notice_below_the_article_goes_with_the_editors_note_above_it():
    page = ["国务院常务会议部署设备更新工作", "2024-05-12 18:30 某某日报", BODY_1, BODY_2, "（某某网编辑 钟梅）", *_NOTICE]
    document = clean("\n".join(page), to="keep")
    assert document.text == f"{BODY_1}\n{BODY_2}"
    assert document.meta["editor"] == "钟梅"
    assert {"chrome.disclaimer", "chrome.editor"} <= set(rules_of(document.removed))


_CREDIT_BELOW = ["本文来自某某日报", "扫码查看", "欢迎来到【某某日报】栏目!这里是你每天探索科技世界的指南，每天为你呈现热点内容。",
                 "——", "© 版权所有 某某基地 2024"]


@pytest.mark.parametrize("last", [BODY_2, (BODY_2 + BODY_1)[:60]])  # a paragraph, or one cut mid-sentence
def test_tags_one_a_line_between_the_article_and_its_credit_go(last: str):
    page = ["国务院常务会议部署设备更新工作", "2024-05-12 18:30", BODY_1, last, "人工智能", "AI模型", *_CREDIT_BELOW]
    document = clean("\n".join(page), to="keep")
    assert document.text == f"{BODY_1}\n{last}"
    assert document.meta["source"] == "某某日报"
    assert {"chrome.tags", "chrome.source", "chrome.column-blurb"} <= set(rules_of(document.removed))


@pytest.mark.parametrize("below", [["Copyright © 2024 某某网 All Rights Reserved"], ["评论"]])
def test_short_lines_at_the_articles_end_over_page_chrome_with_no_credit_stay(below: list[str]):
    # (an article may end in lines of verse; tags sit over the article's own credit)
    page = ["国务院常务会议部署设备更新工作", "2024-05-12 18:30", BODY_1, BODY_2, "春眠不觉晓", "处处闻啼鸟", *below]
    assert clean("\n".join(page), to="keep").text == f"{BODY_1}\n{BODY_2}\n春眠不觉晓\n处处闻啼鸟"


@pytest.mark.parametrize("line", ["Advertisement", "ADVERTISEMENT", "图像加注文字，", "图片说明："])
def test_an_advert_marker_or_a_captions_label_alone_between_paragraphs_goes(line: str):
    page = ["国务院常务会议部署设备更新工作", "2024-05-12 18:30", BODY_1, line, BODY_2, BODY_1]
    assert clean("\n".join(page), to="keep").text == f"{BODY_1}\n{BODY_2}\n{BODY_1}"


_MENU = ["某某网", "Toggle navigation", "某某网", "新闻", "民生", "房产", "汽车", "视频", "专题", "文化", "理论", "商界",
         "图片", "某某客户端", "搜索", "您所在的位置", "首页", "专题频道", "国内专题"]
_FOOTER = ["新闻推荐", "更多", "芬兰各大银行积极准备欧元启动", "小疏忽引出大问题", "联合国预测明年世界经济增长率",
           "友情链接", "地市网盟", "中国网信网", "延边新闻网", "关于我们", "联系我们", "法律声明", "宣传片",
           "某某网 版权所有", "吉ICP备10003441号", "Email:someone@163.com"]


@pytest.mark.parametrize("short", ["【新春走基层】", "官方微信平台"])
def test_a_short_line_over_the_byline_yields_the_title_to_the_headline_over_its_dateline(short: str):
    # (a page with no <title>: a column's name or a widget's label between the share bar and the
    # byline stands right above a line of fields, as the headline does above its dateline)
    page = [*_MENU, "姜春云在国家防总第二次办公会议上强调", "2019-04-16 17:09 某某日报", "分享到", "微信", "人人", "微博",
            "空间", short, "光明日报记者 史梅 余静", BODY_1, BODY_2, BODY_1 + BODY_2, BODY_2 + BODY_1, *_FOOTER]
    document = clean("\n".join(page), to="keep")
    assert document.title == "姜春云在国家防总第二次办公会议上强调"
    assert document.text.startswith(BODY_1)


@pytest.mark.parametrize("credit", [["图像来源，", "Getty Images", "图像加注文字，", "山东日照市成为外商投资热点地区。"], []])
def test_a_headline_over_labels_and_values_set_off_by_commas_is_the_title(credit: list[str]):
    # (a page with no <title>: under the headline, a picture's credit and caption, the byline
    # box's labels each with its value on the next line, in the site's interface language)
    page = ["某某 News,", "中文", "跳过此内容", "繁", "分类", "主页", "国际", "中国", "香港", "台湾", "英国", "财经", "视频",
            "Advertisement", "宁波保税区建设成就显著", *credit, "Article information", "Author,", "孔霞玉", "Role,",
            "本台记者", "2022年12月22日早上22点23分", BODY_1, BODY_2, BODY_1 + BODY_2, BODY_2 + BODY_1, *_FOOTER]
    document = clean("\n".join(page), to="keep")
    assert document.title == "宁波保税区建设成就显著"
    assert document.text.startswith(BODY_1)


_CENTRE_MENU = ["谢谢您访问〖某某中心〗", "首页", "某某中心（CCC）", "公民社会", "时政研讨", "人物", "个人专栏", "English"]


def test_a_headline_set_after_its_writer_above_the_dateline_and_again_below_it():
    # (the line above the fields sets the writer and the headline together; the headline and the
    # writer's name come again, each alone, under the fields)
    page = [*_CENTRE_MENU, "高敏洋 崔宇岩：行政长官颁授勋章", "作者： 来源：某某网 发布日期： 11/17/2022 22:43:55",
            "行政长官颁授勋章", "高敏洋 崔宇岩", BODY_1, BODY_2, BODY_1 + BODY_2, "CopyRight@2004-2008", "All rights reserved"]
    document = clean("\n".join(page), to="keep")
    assert document.title == "行政长官颁授勋章"
    assert document.meta["author"] == "高敏洋 崔宇岩"
    assert document.text == f"{BODY_1}\n{BODY_2}\n{BODY_1 + BODY_2}"


def test_a_line_under_the_dateline_that_is_no_repeat_of_the_headline_stays():
    # (a headline with a colon whose second half is not the line under the dateline, and a name
    # before a colon that is no writer's)
    first = "会议指出：坚持市场为主"
    page = [*_CENTRE_MENU, "国务院：常务会议部署设备更新", "发布日期： 11/17/2022 22:43:55", first, BODY_1, BODY_2]
    document = clean("\n".join(page), to="keep")
    assert document.title == "国务院：常务会议部署设备更新"
    assert document.text == f"{first}\n{BODY_1}\n{BODY_2}"


@pytest.mark.parametrize("lead", ["【某某网2022年11月17日报道】", "〔某某报5月6日报导〕"])
def test_a_bracketed_credit_of_the_outlet_and_day_before_the_first_words_goes(lead: str):
    page = ["国务院常务会议部署设备更新工作", "2024-05-12 18:30", lead + BODY_1, BODY_2]
    document = clean("\n".join(page), to="keep")
    assert document.text == f"{BODY_1}\n{BODY_2}"
    assert "chrome.agency-lead" in rules_of(document.removed)


def test_a_bracketed_phrase_with_a_day_that_is_no_credit_stays():
    first = "【5月6日，记者从会上获悉】" + BODY_1
    page = ["国务院常务会议部署设备更新工作", "2024-05-12 18:30", first, BODY_2]
    assert clean("\n".join(page), to="keep").text == f"{first}\n{BODY_2}"


@pytest.mark.parametrize("clause", ["③ 如因作品内容、版权和其它问题需要同本网联系的，请在30日内进行。", "如涉及版权问题，请与本站联系。"])
def test_a_notices_clause_asking_rights_holders_to_get_in_touch_goes(clause: str):
    page = ["国务院常务会议部署设备更新工作", "2024-05-12 18:30", BODY_1, BODY_2, "某某网版权与免责声明：", clause]
    document = clean("\n".join(page), to="keep")
    assert document.text == f"{BODY_1}\n{BODY_2}"
    assert rules_of(document.removed).count("chrome.disclaimer") == 2


def test_a_paragraph_on_rights_holders_in_the_article_stays():
    last = "如因作品版权问题产生纠纷，作者可以联系出版社协商解决，会议认为这一做法值得推广，并将在全国范围内试行。"
    page = ["国务院常务会议部署设备更新工作", "2024-05-12 18:30", BODY_1, last, BODY_2]
    assert clean("\n".join(page), to="keep").text == f"{BODY_1}\n{last}\n{BODY_2}"


_NOTICE_CLAUSES = ["某某网版权与免责声明：",
                   "① 凡本网注明“来源：某某网”的所有作品，版权均属于某某地区等老工业基地领导小组办公室，未经本网授权不得转载。",
                   "② 凡本网注明“来源：XXX（非某某网）”的作品，均转载自其它媒体，转载目的在于传递更多信息，并不代表本网赞同其观点。",
                   "③ 如因作品内容、版权和其它问题需要同本网联系的，请在30日内进行。"]


def test_a_short_article_over_a_sites_notice_of_long_clauses_is_the_article():
    # (a whole page: the trail above, the boxes of headlines below; the notice's clauses are as
    # long as the article's paragraphs and outweigh it)
    page = ["试做摩登香妃——芳香疗法正当红_某某网", "当前位置：", "首页", "｜", "记者看东北", "｜", "人物专访",
            "试做摩登香妃——芳香疗法正当红", "www.example.gov.cn", "2016年07月17日 来源：某某日报", BODY_1, BODY_2,
            "（责任编辑： 董静 ）", "【", "】", "打印本稿", "【", "推荐", "】", "关闭", *_NOTICE_CLAUSES,
            "工作动态", "·", "物伤其类，心碎而亡", "·", "满天星斗的中华文明", "·", "乔石会见俄罗斯议员团", "［", "更多", "］",
            "人事任免", "·", "中国筹建五家新的保险公司", "·", "政治民主与教育松绑", "［", "更多", "］"]
    document = clean("\n".join(page), to="keep")
    assert document.text == f"{BODY_1}\n{BODY_2}"
    assert document.title == "试做摩登香妃——芳香疗法正当红"


@pytest.mark.parametrize("fields", ['作者： size="20" 来源： size="20" 发布日期： 11/17/2022 22:43:55',
                                    "作者： class='name' 来源： 某某网 发布日期： 11/17/2022 22:43:55"])
def test_a_templates_leftover_after_an_empty_label_is_no_value(fields: str):
    page = ["国务院常务会议部署设备更新工作", fields, BODY_1, BODY_2]
    document = clean("\n".join(page), to="keep")
    assert document.text == f"{BODY_1}\n{BODY_2}"
    assert "author" not in document.meta
    assert document.meta.get("source") in (None, "某某网")
    assert document.meta["published"] == "2022-11-17T22:43:55"


@pytest.mark.parametrize("copies", [2, 3])
def test_a_headline_set_again_and_again_over_a_link_back_to_the_contents_is_the_title(copies: int):
    page = ["十、新生活与明白神的旨意"] * copies + ["返目录", BODY_1, BODY_2, "返目录", "下一页"]
    document = clean("\n".join(page), to="keep")
    assert document.text == f"{BODY_1}\n{BODY_2}"
    assert document.title == "十、新生活与明白神的旨意"


def test_a_headline_once_over_a_link_back_to_the_contents_is_the_title():
    page = ["十、新生活与明白神的旨意", "返回目录", BODY_1, BODY_2, "上一页"]
    document = clean("\n".join(page), to="keep")
    assert document.text == f"{BODY_1}\n{BODY_2}"
    assert document.title == "十、新生活与明白神的旨意"


def test_a_chapters_headline_set_twice_over_its_first_sections_heading_is_the_title():
    page = ["第五章、雨中的村庄", "第五章、雨中的村庄", "一、清晨", BODY_1, "二、午后", BODY_2]
    document = clean("\n".join(page), to="keep")
    assert document.title == "第五章、雨中的村庄"
    assert document.text == f"一、清晨\n{BODY_1}\n二、午后\n{BODY_2}"
    once = clean("\n".join(page[1:]), to="keep")  # said once, over no line of chrome: no title
    assert once.title is None and once.text.startswith("第五章、雨中的村庄\n一、清晨")


def test_a_sites_name_said_twice_over_its_menu_is_no_title():
    page = ["某某快报", "某某快报", "新闻分类", "高科技股", "传产股", BODY_1, BODY_2]
    assert clean("\n".join(page), to="keep").title != "某某快报"


def test_a_short_line_said_twice_in_the_text_stays():
    page = ["国务院常务会议部署设备更新工作", "2024-05-12 18:30", BODY_1, "会议的三项部署", "会议的三项部署", BODY_2]
    document = clean("\n".join(page), to="keep")
    assert document.text == f"{BODY_1}\n会议的三项部署\n会议的三项部署\n{BODY_2}"


@pytest.mark.parametrize("piece", ["37", "22", "["])
def test_a_widgets_piece_alone_after_a_paragraph_goes(piece: str):
    page = ["国务院常务会议部署设备更新工作", "2024-05-12 18:30", BODY_1, piece, BODY_2, "[", "编辑", "]", BODY_1]
    document = clean("\n".join(page), to="keep")
    assert document.text == f"{BODY_1}\n{BODY_2}\n{BODY_1}"
    assert "chrome.counter" in rules_of(document.removed)


def test_counts_one_after_another_after_a_question_go():
    last = "究竟如何省钱？"
    page = ["国务院常务会议部署设备更新工作", "2024-05-12 18:30", BODY_1, last, "65497", "37", BODY_2]
    assert clean("\n".join(page), to="keep").text == f"{BODY_1}\n{last}\n{BODY_2}"


def test_numbers_of_sections_in_order_stay():
    page = ["国务院常务会议部署设备更新工作", "2024-05-12 18:30", BODY_1, "1", BODY_2, "2", BODY_1, "3", BODY_2]
    assert clean("\n".join(page), to="keep").text == "\n".join(page[2:])


def test_a_count_in_a_sentence_cut_at_a_link_stays():
    cut = ["在红石板社区拆房工地，", "4", "幢居民楼已被拆得七零八落，顶楼上有", "10", "多位民工正在作业。"]
    page = ["国务院常务会议部署设备更新工作", "2024-05-12 18:30", BODY_1, *cut, BODY_2]
    assert clean("\n".join(page), to="keep").text == "\n".join(page[2:])


def test_a_round_bracket_cut_at_a_link_stays():
    cut = ["会议全面部署推进环境保护和生态建设工作。（详情请点击链接：", "）"]
    page = ["国务院常务会议部署设备更新工作", "2024-05-12 18:30", BODY_1, *cut, BODY_2]
    assert clean("\n".join(page), to="keep").text == "\n".join(page[2:])


def test_a_number_under_a_heading_stays():
    page = ["国务院常务会议部署设备更新工作", "2024-05-12 18:30", BODY_1, "第三部分", "3", BODY_2]
    assert clean("\n".join(page), to="keep").text == f"{BODY_1}\n第三部分\n3\n{BODY_2}"


@pytest.mark.parametrize("line", ["更多", "【更多】", "更多>>", "编辑", "[编辑]", "编辑本段", "下一页", "上一章", "返目录"])
def test_a_links_word_alone_between_paragraphs_goes(line: str):
    page = ["国务院常务会议部署设备更新工作", "2024-05-12 18:30", BODY_1, line, BODY_2]
    assert clean("\n".join(page), to="keep").text == f"{BODY_1}\n{BODY_2}"


def test_more_in_a_short_sentence_stays():
    short = "更多的人选择了留下。"
    page = ["国务院常务会议部署设备更新工作", "2024-05-12 18:30", BODY_1, short, BODY_2]
    assert clean("\n".join(page), to="keep").text == f"{BODY_1}\n{short}\n{BODY_2}"


@pytest.mark.parametrize("label", ["主题: ", "标题：", "帖子主题："])
def test_a_headline_after_a_label_of_its_own_is_the_title(label: str):
    header = ["当前您在", "-", "某某论坛", "-", "BT下载专区", "点击数：39", label + "数万佛教徒为香港祈福",
              "楼层： 第 1 楼 时间：2021-01-08 22:08:43", "分数：100", "作者：", "谭晨"]
    document = clean("\n".join(_furnished(header, "某某论坛")), to="keep")
    assert document.title == "数万佛教徒为香港祈福"
    assert document.meta["author"] == "谭晨"


def test_a_skip_link_at_the_top_is_no_title():
    page = ["跳转到内容", "国务院常务会议部署设备更新工作", "2024-05-12 18:30", BODY_1, BODY_2]
    document = clean("\n".join(page), to="keep")
    assert document.title == "国务院常务会议部署设备更新工作"
    assert "chrome.skip-link" in rules_of(document.removed)


def test_labels_of_an_entrys_fields_with_their_values_over_the_text_go():
    header = ["您在这里:", "首页", "›", "诗", "›", "安全上网，骇客免惊", "安全上网，骇客免惊", "朝代：", "宋代", "作者：", "黄鹏阳",
              "原文："]
    document = clean("\n".join(_furnished(header, "某某古诗词网")), to="keep")
    assert document.text.startswith(BODY_1)
    assert document.title == "安全上网，骇客免惊"
    assert document.meta["author"] == "黄鹏阳"


def test_a_salutation_under_a_dateline_stays():
    page = ["国务院常务会议部署设备更新工作", "2024-05-12 18:30", "同志们：", BODY_1, BODY_2]
    assert clean("\n".join(page), to="keep").text == f"同志们：\n{BODY_1}\n{BODY_2}"


def _furnished(header: list[str], title: str) -> list[str]:
    menu = ["首页", "新闻", "财经", "体育", "娱乐", "科技", "汽车", "房产", "教育", "旅游", "健康", "读书"]
    footer = ["关于我们", "联系我们", "广告服务", "网站地图", "隐私政策", "帮助中心", "意见反馈", "法律声明"]
    paragraphs = [BODY_1, BODY_2, BODY_1 + BODY_2, BODY_2 + BODY_1]
    return [title, *menu, *header, *paragraphs, *footer]


def test_the_titles_first_part_is_the_headline_over_the_sites_name_below_it():
    header = ["绑在业绩上的创意", "[", "编辑", "]", "条目", "讨论", "阅读", "编辑", "查看历史", "维基百科，自由的百科全书"]
    document = clean("\n".join(_furnished(header, "绑在业绩上的创意 - 维基百科，自由的百科全书")), to="keep")
    assert document.title == "绑在业绩上的创意"


def test_a_books_name_inside_the_titles_part_does_not_take_the_chapters_headline():
    header = ["首页", "科幻", "深海余烬", "第二章 失乡号的船长", "241", "深海余烬", "高敏洋", "1", "2", "3", "3160字",
              "2022年07月10日 07:15"]
    page = _furnished(header, "第二章 失乡号的船长 _《深海余烬》小说在线阅读 - 某某中文网")
    assert clean("\n".join(page), to="keep").title == "第二章 失乡号的船长"


@pytest.mark.parametrize("section", ["天下", "本地新闻", "国际"])
def test_column_name_between_headline_and_dateline(section):
    # The <title> (the headline alone), the headline, the column's name alone and the time
    # alone: the headline is the title, the column's name goes with the header.
    headline = "山东蔬菜产业继续向纵深发展"
    page = "\n".join([headline, headline, section, "2022-06-15 18:30", "来源：上观新闻", BODY_1, BODY_2])
    document = clean(page, to="keep")
    assert document.title == headline
    assert document.text == f"{BODY_1}\n{BODY_2}"


def test_short_widget_over_a_label_and_a_date_is_no_headline():
    # A search box's button over its list's label and the dateline: no headline longer than a
    # section's name, so no column's name under it; the headline is the one under the date.
    page = "\n".join(["搜索历史", "全部删除", "热搜词", "2023-09-05 15:25", "财政司司长宣布土地基金咨询委员会成员名单",
                      BODY_1, BODY_2])
    document = clean(page, to="keep")
    assert document.title != "全部删除"


def test_column_list_naming_the_article_first_goes():
    # Under the article, the column's list of headlines with no heading: the article's own
    # headline first, then others'; the copyright line below.
    headline = "宁波保税区建设成就显著"
    page = "\n".join(["要闻", headline, "2019年10月13日  来源:澎湃新闻", BODY_1, BODY_2, headline,
                      "两岸考古，繁星遍地", "世界银行决定向巴勒斯坦提供援款", "美国网球公开赛进入第二天",
                      "中共上海市委政法委员会  东方网 版权所有"])
    text, changes = remove_chrome(page)
    assert text == f"{BODY_1}\n{BODY_2}"
    assert rules_of(changes).count("chrome.related-list") == 4


def test_headline_alone_at_the_bottom_heads_no_list_of_the_text():
    # The headline said again below the text (a share box's) over the text's own short closing
    # lines ending like sentences: those stay.
    headline = "宁波保税区建设成就显著"
    page = "\n".join([headline, "2019年10月13日  来源:澎湃新闻", BODY_1, headline, "今年的任务已经完成。", BODY_2])
    text, _ = remove_chrome(page)
    assert BODY_2 in text and "今年的任务已经完成。" in text


_PAPER_HEADER = ["2019-05-14 第63875号", "某某报业集团主管主办·某某报社出版", "第7版：文化", "下一篇", "返回列表"]
_PAPER_PAGES = ["要闻", "要闻", "专版", "评论/...", "国际", "文化", "阅读", "笔会", "体育", "经济"]


@pytest.mark.parametrize("first", ["电子报_内容详情", "数字报-正文页", "日期选择", "选择日期"])
def test_a_first_line_naming_no_article_gives_way_to_the_line_over_the_text(first):
    # An e-paper's page: its <title> names the site and the kind of page (电子报_内容详情), or
    # with no <title> it opens with its date picker's label; the headline is the line right
    # over the article, under the paper's header.
    headline = "南联盟总统发表新年文告"
    page = "\n".join([first, *(["日期选择"] if first != "日期选择" else []), *_PAPER_HEADER, headline,
                      BODY_1, BODY_2, *_PAPER_PAGES])
    document = clean(page, to="keep")
    assert document.title == headline
    assert document.text == f"{BODY_1}\n{BODY_2}"


def test_a_title_naming_a_headline_is_kept_over_the_line_over_the_text():
    # A <title> of a headline and the site's name names the article: a line over the text that
    # reads as a headline (a subheading) does not displace it.
    page = "\n".join(["设备更新工作部署会议召开_某某报", "日期选择", *_PAPER_HEADER, "设备更新工作部署会议召开", "会议现场",
                      BODY_1, BODY_2, *_PAPER_PAGES])
    assert clean(page, to="keep").title == "设备更新工作部署会议召开"


def test_a_widget_word_is_no_headline_over_a_dateline():
    page = "\n".join(["往期回顾", "2024-05-12 08:52", BODY_1, BODY_2])
    assert clean(page, to="keep").title != "往期回顾"


@pytest.mark.parametrize("caption", ["图片说明：“名品节”开幕仪式", "图片说明：苦干实干，点滴改良"])
def test_a_caption_after_its_label_between_paragraphs_goes(caption: str):
    # gov.eastday.com sets a picture's caption after its label ("图片说明：…") between paragraphs.
    page = ["国务院常务会议部署设备更新工作", "2024-05-12 18:30", BODY_1, caption, BODY_2]
    document = clean("\n".join(page), to="keep")
    assert document.text == f"{BODY_1}\n{BODY_2}"
    assert "chrome.photo-credit" in rules_of(document.removed)


@pytest.mark.parametrize("mark", ["[1]", "[2]", "[3-5]"])
def test_a_reference_mark_cut_from_its_sentence_goes(mark: str):
    # baike.baidu.com's infobox and text set a reference's mark as a text node of its own.
    page = ["国务院常务会议部署设备更新工作", "2024-05-12 18:30", BODY_1, mark, BODY_2]
    document = clean("\n".join(page), to="keep")
    assert document.text == f"{BODY_1}\n{BODY_2}"


def test_a_reference_mark_inside_a_sentence_stays():
    line = "会议指出，要坚持市场为主[2]，鼓励先进、淘汰落后。"
    page = ["国务院常务会议部署设备更新工作", "2024-05-12 18:30", BODY_1, line, BODY_2]
    assert line in clean("\n".join(page), to="keep").text


def test_a_columns_name_before_its_stroke_is_no_part_of_the_title():
    # pl.ifeng.com's commentary column: its name and "丨" open the <title> and the headline.
    headline = "政能亮丨“稳经济”需要跑出“加速度”"
    page = [f"{headline}凤凰网评论_凤凰网", "栏目首页", "搜索", "登录", headline, "2022-06-02 15:28:09", "政能亮",
            "来自北京市", "5", "人参与", "2", "评论", "文丨政能亮特约评论员 韩涵", BODY_1, BODY_2]
    assert clean("\n".join(page), to="keep").title == "“稳经济”需要跑出“加速度”"


def test_a_columns_name_the_page_does_not_set_alone_stays_in_the_title():
    headline = "新华全媒+丨积极因素不断增多 外贸向好态势进一步巩固"
    page = [headline, "2024-05-10 18:30:15 来源：新华网", BODY_1, BODY_2]
    assert clean("\n".join(page), to="keep").title == headline


def test_the_title_said_again_names_the_headline_it_opens_with():
    # www.sina.net sets its <title> (the headline, the section and the portal after underscores)
    # twice over its bar and trail; the headline stands alone over the dateline.
    headline = "四年前中500万现穷困潦倒 一夜暴富后如何经营"
    title = f"{headline}__商贸_产业资讯_新浪网"
    page = [title, title, "sina.net", "企业服务首页", "|", "产业资讯", "|", "企业短信", "|", "企业黄页", "|", "招商投资",
            "企业服务首页", ">", "产经资讯", ">", "商贸", ">", ">", "点击财富专题", "> 正文", headline,
            "http://www.sina.net 2005年03月21日 11:21", "《理财周刊》", BODY_1, BODY_2, BODY_1 + BODY_2,
            "来源: 尹娟", "【", "发表评论", "】【", "关闭窗口", "】", "新浪简介", "|", "About Sina", "|", "广告服务",
            "Copyright © 1996 - 2005 SINA Inc. All Rights Reserved", "版权所有", "新浪网"]
    document = clean("\n".join(page), to="keep")
    assert document.title == headline
    assert document.text == f"{BODY_1}\n{BODY_2}\n{BODY_1 + BODY_2}"


@pytest.mark.parametrize("line", ["http://www.sina.net 2005年03月21日 11:21", "www.sina.net 2005年03月21日 11:21"])
def test_a_dateline_opening_with_the_sites_address_is_fields(line: str):
    assert parse_fields(line, default_rules().fields) == {"published": "2005年03月21日 11:21"}


def test_a_sites_bare_address_opening_a_page_is_no_title():
    # www.sina.net's page with no <title> opens with the site's address.
    headline = "四年前中500万现穷困潦倒 一夜暴富后如何经营"
    page = ["sina.net", "企业服务首页", "|", "产业资讯", "|", "企业短信", headline, "http://www.sina.net 2005年03月21日 11:21",
            "《理财周刊》", BODY_1, BODY_2]
    document = clean("\n".join(page), to="keep")
    assert document.title == headline
    assert document.meta["published"] == "2005-03-21T11:21"


@pytest.mark.parametrize("source", ["香港電台-財經", "信報財經新聞", "AASTOCKS"])
def test_a_headline_over_a_read_more_link_and_its_source_is_the_title(source: str):
    # hk.finance.yahoo.com: the headline, "閱讀整篇文章", the source's name alone, the time.
    headline = "日本企業5月信心保持穩定 但日圓疲弱推高成本損害利潤"
    header = ["首頁", "MAIL", "字典", "新聞", "財經", "體育", "TV", "娛樂圈", "Style", "App 下載", "更多…", "雅虎香港財經",
              "登入", "通知", "今日", "News •", "3 小時前", "Compared to the rest of the world, the US economy is still growing",
              headline, "閱讀整篇文章", source, "2024年5月22日週三 上午8:21"]
    footer = ["服務條款", "/", "私隱政策", "私隱資訊主頁", "關於我們的廣告", "你可能還想看", "Yahoo財經", "·", "19 小時前",
              "遇水則發，年年有餘", "廣告"]
    body = ["國務院總理主持召開國務院常務會議，部署推動新一輪大規模設備更新和消費品以舊換新工作。",
            "會議指出，要堅持市場為主、政府引導，鼓勵先進、淘汰落後，標準引領、有序提升。"]
    document = clean("\n".join([*header, *body, *body[::-1], *footer]), to="keep")
    assert document.title == headline


def test_a_link_to_read_the_whole_article_goes():
    page = ["国务院常务会议部署设备更新工作", "2024-05-12 18:30", BODY_1, BODY_2, "阅读整篇文章"]
    assert clean("\n".join(page), to="keep").text == f"{BODY_1}\n{BODY_2}"


def test_an_entrys_name_said_again_in_its_infobox_is_the_title_of_a_page_with_no_title():
    # baike.baidu.com with no <title>: the portal's home link opens the page; the entry's name
    # over its tool row (编辑 / 锁定 / 讨论), said again as the infobox's first value.
    name = "中华人民共和国财政部"
    header = ["百度首页", "网页", "新闻", "贴吧", "知道", "图片", "视频", "地图", "文库", "百科", "进入词条", "全站搜索", "帮助",
              "首页", "历史上的今天", "百科冷知识", "图解百科", "分类", "秒懂百科", "特色百科", "个人中心", "相关视频", "收藏",
              "查看", "我的收藏", "0", "有用+1", "已投票", "0", name, "编辑", "锁定", "讨论", "中文名", name, "[1]", "目录",
              "1", "角色形象", "2", "人际关系", "编辑"]
    footer = ["词条图册", "更多图册", "参考资料", "词条标签：", "词条统计", "浏览次数：", "次", "历史版本", "突出贡献榜",
              "新手上路", "意见反馈", "投诉建议", "©2022 Baidu", "使用百度前必读", "|", "百科协议", "京ICP证030173号"]
    document = clean("\n".join([*header, BODY_1, BODY_2, BODY_1 + BODY_2, *footer]), to="keep")
    assert document.title == name


def test_a_sites_home_link_opening_a_page_is_no_title():
    page = ["百度首页", "网页", "新闻", "贴吧", "国务院常务会议部署设备更新工作", "2024-05-12 18:30", BODY_1, BODY_2]
    assert clean("\n".join(page), to="keep").title == "国务院常务会议部署设备更新工作"


_RFI_MENU = ["将 RFI - 法国国际广播电台 添加到主屏幕", "访问主要内容", "Français", "English", "Español", "华语", "華語", "主题分类",
             "首页", "中国", "港澳台", "法国", "亚洲", "欧洲", "人权", "经贸", "科技与文化", "最新消息", "栏目检索", "同步收听",
             "加入社区", "如何收听法广", "学习法语", "我们是谁？", "与法广联系", "繁", "栏目检索", "/", "专栏检索", "/", "国际"]
_RFI_FOOTER = ["电邮新闻", "头条新闻就在您的每日新闻信里", "订阅", "下载法广应用程序跟踪国际时事", "其他同一栏目内容", "10/02/2018",
               "居留权证明书计划让儿童有秩序来港", "10/02/2018", "国常会部署推动大规模设备更新", "10/02/2018", "商务部解读以旧换新政策"]


def _rfi_page(opening: str) -> str:
    # www.rfi.fr/cn's item: the time, the audio's length, the writer under his label, the
    # reading time, the article's first sentence, an advert's label, the paragraphs.
    header = ["国务院常务会议部署设备更新工作", "发表时间：", "10/02/2018 - 18:23", "音频 04:29", "作者：", "陆洋飞", "7 分钟", opening,
              "广告"]
    return "\n".join([*_RFI_MENU, *header, BODY_1, BODY_2, BODY_1 + BODY_2, *_RFI_FOOTER])


def test_an_articles_first_sentence_set_apart_by_an_advert_is_the_articles():
    opening = "金正日这次访华在星期六结束之后，才得到了平壤和北京方面的证实。"
    assert clean(_rfi_page(opening), to="keep").text.startswith(f"{opening}\n{BODY_1}")


@pytest.mark.parametrize("line", ["还能获得专享福利哦！", "调查问题加载中，请稍候。", "寒武纪股价的飙升，究竟是泡沫，还是实实在在地抓住了市场红利？"])
def test_a_short_sentence_or_a_question_over_the_article_is_no_opening(line: str):
    assert clean(_rfi_page(line), to="keep").text.startswith(BODY_1)


def test_a_labels_value_below_it_goes_with_the_label_at_the_pages_end():
    page = "\n".join(["国务院常务会议部署设备更新工作", "2024-05-12 18:30　来源：某某网", BODY_1, BODY_2,
                      "下一篇：", "全市春季植树活动启动", "上一篇：", "城区道路改造工程完工"])
    document = clean(page)
    assert document.text == f"{BODY_1}\n{BODY_2}"
    # a short line ending the article after its own paragraph stays
    page = "\n".join(["国务院常务会议部署设备更新工作", "2024-05-12 18:30　来源：某某网", BODY_1, "会议强调：", "狠抓落实"])
    assert clean(page).text == f"{BODY_1}\n会议强调：\n狠抓落实"


def test_a_row_of_buttons_one_a_line_under_their_label_goes():
    page = "\n".join(["国务院常务会议部署设备更新工作", "2024-05-12 18:30　来源：某某网", BODY_1, BODY_2,
                      "分享到", "微信好友", "抖音", "知乎专栏", "相关新闻", "某某网版权所有，未经授权禁止复制"])
    document = clean(page)
    assert document.text == f"{BODY_1}\n{BODY_2}"
    # short lines of the article under a dateline it closes with stay
    page = "\n".join(["国务院常务会议部署设备更新工作", BODY_1, BODY_2, "2024-05-12", "春风", "细雨",
                      "某某网版权所有，未经授权禁止复制"])
    assert "春风\n细雨" in clean(page).text


@pytest.mark.parametrize("headline", ["全市推进老旧小区改造工程惠及十二万户居民生活条件明显改善", "老旧小区还要等多久？"])
def test_a_trails_last_crumb_may_be_a_long_headline(headline: str):
    page = "\n".join([f"{headline}-区县新闻-某某网", "我要投稿   新闻热线：010-12345678", "当前位置 |", "首页",
                      f">> {headline}", headline, "2022/4/5 18:40:24", "来源：", "某某区报", BODY_1, BODY_2])
    document = clean(page)
    assert document.text == f"{BODY_1}\n{BODY_2}"
    assert document.title == headline


def test_a_short_articles_sentences_under_a_lists_heading_stay():
    sentences = ["会议指出，要坚持市场为主、政府引导，鼓励先进、淘汰落后，标准引领、有序提升设备水平。",
                 "会议要求，各地区各部门要加强统筹协调，细化实化政策措施，确保各项任务在年内落到实处。",
                 "会议强调，要把推动设备更新和以旧换新同扩大内需结合起来，更好惠及城乡广大人民群众。"]
    page = "\n".join(["相关新闻", "全市春季植树活动启动", "城区道路改造工程完工", "国务院常务会议部署设备更新工作",
                      "2024-05-12 18:30　来源：某某网", *sentences])
    assert clean(page).text == "\n".join(sentences)
    # a list of headlines under it goes to the page's end
    page = "\n".join(["国务院常务会议部署设备更新工作", "2024-05-12 18:30　来源：某某网", BODY_1, BODY_2, "相关新闻",
                      "全市春季植树活动启动", "城区道路改造工程完工", "老旧小区改造惠及万户居民"])
    assert clean(page).text == f"{BODY_1}\n{BODY_2}"


def test_a_headline_under_its_label_alone_is_the_title():
    menu = ["新闻", "体育", "财经", "娱乐", "科技", "汽车", "房产", "教育"]
    page = "\n".join(["某某网- 论坛 :: null", "游客 您好！", *menu, "首页", ">", "社区论坛", ">", "时事杂谈", "在线会员", ":",
                      "2345", "本版版主：", "标题：", "全市推进老旧小区改造工程", "作者：", "王晓明", "时间：",
                      "2023-03-02 10:11:12", BODY_1, BODY_2, "关于我们", "联系我们", "某某网版权所有"])
    document = clean(page)
    assert document.text == f"{BODY_1}\n{BODY_2}"
    assert document.title == "全市推进老旧小区改造工程"


@pytest.mark.parametrize("named", ["「城市更新与社区治理」学术讲座", "第三场“城市更新与社区治理”讲座"])
def test_a_title_quoting_the_headline_names_it_below(named: str):
    menu = ["中心简介", "研究人员", "学术活动", "出版成果", "联络我们", "研究方向", "相关网站", "活动资讯", "媒体报导", "中心观点",
            "English", "搜寻"]
    # (an English name and the event's fields under the headline, each label and value a line)
    page = "\n".join([named, *menu, "首页", "学术活动", named, "城市更新与社区治理",
                      "Urban Renewal and Community Governance", "时间/", "Time", "2023年05月12日 14:00", "地点/",
                      "Venue", "人文社会学院A201", BODY_1, BODY_2, "浏览次数：1234", "版权所有 某某大学"])
    document = clean(page)
    assert document.text == f"{BODY_1}\n{BODY_2}"
    assert document.title == "城市更新与社区治理"


@pytest.mark.parametrize("line", ["NEWS.EXAMPLE.COM  2021年03月04日10:00　某某日报", "news.example.org 2021-03-04 10:00"])
def test_a_dateline_may_open_with_a_bare_site_address(line: str):
    facts = parse_fields(line, default_rules().fields)
    assert facts is not None and facts["published"].startswith("2021")


def test_a_site_name_with_a_separator_in_the_title_is_no_headline():
    headline = "市民热议垃圾分类新规"
    menu = ["立即注册", "登录", "会员服务", "找回密码", "在线客服", "论坛", "充值", "游戏官网", "论坛首页", "游戏下载", "帖子", "搜索"]
    page = "\n".join([f"{headline} - 社区杂谈 -  某某Online-官方论坛 -  Powered by Discuz!", *menu, "某某Online-官方论坛",
                      "»", "论坛首页", "›", "社区杂谈", "›", headline, "返回列表", "查看:", "1234", "|", "回复:", "3",
                      headline, "[复制链接]", "王晓明", "当前离线", "积分", "5", "1", "主题", "1", "帖子", "5", "积分",
                      "新手上路", "新手上路, 积分 5, 距离下一级还需 45 积分", "积分", "5", "楼主",
                      "发表于 2023-1-2 10:11:12", BODY_1, BODY_2,
                      "返回列表", "关于我们", "联系我们", "某某网络科技有限公司 版权所有"])
    document = clean(page)
    assert document.text == f"{BODY_1}\n{BODY_2}"
    assert document.title == headline


def test_a_comment_link_inside_a_bracketed_tool_bar_heads_no_list():
    bar = ["工具栏  【", "我要评论", "】【", "打印", "】【", "关闭", "】"]
    story = ["他说，明年还要再来。", "村口的老树又发了新芽。", "孩子们在树下追着跑。"]
    page = "\n".join(["某某网", "新闻", "体育", "财经", "娱乐", "全市推进老旧小区改造工程", "2023年03月02日10:11 某某日报",
                      *bar, *story, *bar, "关于我们", "某某网版权所有"])
    assert "\n".join(story) in clean(page).text


def test_a_heading_over_a_box_of_chrome_goes_with_it():
    verdict = ["点评", "环境：二楼临窗座位可看江景。", "服务：上菜快，店员热情。", "性价比：高"]
    page = "\n".join(["老街早茶馆", "2023年03月02日10:11", BODY_1, BODY_2, *verdict, "关于我们", "某某网版权所有"])
    document = clean(page)
    assert document.text == f"{BODY_1}\n{BODY_2}"
    assert "点评" in [change.before.strip() for change in document.removed if change.rule == "chrome.venue-verdict"]


def test_a_share_cards_teaser_is_no_article():
    headline = "老城区雨污分流改造全面完工"
    teaser = ("其实整个改造工程的核心思路，用一句话就可以概括了：先把地下的管网摸清楚，再按片区一段一段地施工，"
              "施工期间尽量不影响居民出行，这样做的好处是工期可控、成本可控，居民也更容易接受，反之则")
    story = ["改造涉及老城区十二条街巷，铺设雨水管道和污水管道共计八公里。",
             "施工单位分段围挡作业，夜间不施工，最大限度减少对周边居民的影响。"]
    menu = ["首页", "博客", "下载", "学习", "社区", "问答", "会议", "搜索", "登录", "会员中心", "消息", "历史"]
    tail = ["关注", "点赞", "收藏", "评论", headline, teaser, "复制链接", "扫一扫",
            "关于我们", "招贤纳士", "商务合作", "在线客服", "网络110报警服务", "账号管理规范", "版权申诉", "营业执照"]
    page = "\n".join([f"{headline}-某某博客", *menu, headline, "于 2019-05-19 18:24:35 发布", *story, *tail])
    document = clean(page)
    assert document.text == "\n".join(story)
    assert document.title == headline


def test_a_list_heading_in_the_menu_above_the_headline_takes_no_article():
    headline = "夜市摊主的一天"
    story = ["他每天下午三点出摊，一直忙到深夜。", "摊位上的烤串是他自己腌的。", "收摊后他还要备好第二天的料。"]
    menu = ["首页", "节目资讯", "巡演节目", "推荐场馆", "热门推荐", "常见问题", "订单查询", "载入中..."]
    footer = ["关于我们", "|", "会员服务条款", "|", "隐私权政策", "某某股份有限公司 版权所有", "客服专线：02-1234-5678"]
    facts = ["活动资讯", "「夜市」新歌发表会", "演出｜某某乐团", "/", "某某合唱团", "地点｜某某展演空间"]
    page = "\n".join([f"{headline} - 某某票务", *menu, headline, "立即购票", "节目介绍", *story, *facts, *footer])
    assert clean(page).text == "\n".join(story)


def test_a_long_title_line_over_a_short_article_is_no_article():
    headline = "春季亲子陶艺体验课"
    story = ["孩子和家长一起动手，做一只属于自己的小茶杯。", "课程提供全部材料，成品烧制后寄回。", "名额有限，请尽早报名。"]
    menu = ["站内搜寻", "承办人员登入", "·", "注册", "最新活动", "·", "热门活动", "·", "地图搜寻", "·", "系统问题"]
    footer = ["活动地点资讯", "地点：某某市文化路100号", "显示地图资讯", "近期热门活动...", "关于我们", "|", "联络我们", "|",
              "手机模式"]
    title_line = f"{headline}开课日期：2024-04-20 ,DIY活动、手作课程, 免费活动, 幼儿/亲子, - 某某线上报名系统 Online Registration"
    page = "\n".join([title_line, "LOADING.....", "免费、快速、简单，轻松制作线上报名系统!", *menu, headline,
                      "开课日期：2024-04-20", "手作课程", "活动说明", *story, *footer])
    document = clean(page)
    assert document.text == "\n".join(story)
    assert document.title == headline


@pytest.mark.parametrize("notice", ["某某资讯网声明：本网登载此文出于传递更多信息之目的，并不意味着赞同其观点或证实其描述。",
                                    "以上资料仅供参考，具体办理手续请以各地营业网点公布的为准。"])
def test_a_sites_notice_that_it_neither_endorses_nor_vouches_for_the_text_goes(notice: str):
    page = ["国务院常务会议部署设备更新工作", "2024-05-12 18:30", BODY_1, BODY_2, notice]
    document = clean("\n".join(page), to="keep")
    assert document.text == f"{BODY_1}\n{BODY_2}"
    assert rules_of(document.removed).count("chrome.disclaimer") == 1


def test_a_products_risk_notice_below_its_text_goes_but_a_sentence_on_risk_stays():
    risk = "客户应自行承担汇率变动带来的投资风险。市场波动可能导致收益低于预期，请审慎决策。"
    page = ["国务院常务会议部署设备更新工作", "2024-05-12 18:30", BODY_1, BODY_2, "【风险揭示】", risk]
    document = clean("\n".join(page), to="keep")
    assert document.text == f"{BODY_1}\n{BODY_2}"
    assert rules_of(document.removed).count("chrome.disclaimer") == 2
    inside = "据介绍，企业若自行承担全部风险，融资成本将明显上升，会议要求完善风险分担机制。"
    page = ["国务院常务会议部署设备更新工作", "2024-05-12 18:30", BODY_1, inside, BODY_2]
    assert clean("\n".join(page), to="keep").text == f"{BODY_1}\n{inside}\n{BODY_2}"


@pytest.mark.parametrize("note", ["（2019年10月8日第三届某某区人民代表大会第六次会议通过）",
                                  "（2015年3月15日第十二届职工代表大会第三次会议修正）"])
def test_a_laws_note_of_adoption_is_no_dateline(note: str):
    assert parse_fields(note, default_rules().fields) is None
    page = ["国务院常务会议部署设备更新工作", "2024-05-12 18:30", BODY_1, BODY_2, note, "（完）"]
    assert clean("\n".join(page), to="keep").text == f"{BODY_1}\n{BODY_2}\n{note}"


_PLATFORM_MENU = ["网站导览", "会员专区", "最新消息", "服务公告", "活动快讯", "平台简介", "成立背景", "服务说明", "申请资格",
                  "应备文件", "常见问题", "下载专区", "会员成果", "活动剪影", "联络我们"]
_HEADLINE = "传统工艺匠人走进校园"
_PRIVACY = ["注意事项", "某某文化服务平台（以下简称本平台）为遵守个人资料保护法规定，在您提供个人资料予本平台前，依法告知下列事项：",
            "一、您可自由选择是否提供个人资料予本平台，但若所提供之资料不足以确认您的身份，本平台得暂停提供相关服务，敬请见谅。",
            "二、本平台取得您的个人资料，目的在于提供良好服务，并于业务必要范围内搜集、处理及利用您的个人资料。",
            "（1） 请求查询或阅览。", "（2） 请求删除。",
            "三、您已详细阅读并充分了解此一同意符合相关法规之要求，具有书面同意本平台搜集、处理及利用您的个人资料之效果。"]


def _platform_page(title: str, body: list[str]) -> str:
    return "\n".join([title, "跳至主要内容", ":::", *_PLATFORM_MENU, ":::", "首页", "活动快讯", _HEADLINE,
                      "某某市文化发展促进协会", _HEADLINE, *body, "回列表页", ":::", *_PLATFORM_MENU,
                      "版权所有©2024 某某市文化发展促进协会服务平台", "地址：某某市中正路1号", *_PRIVACY, "关闭"])


def test_a_privacy_notice_of_numbered_clauses_below_the_footer_is_no_article():
    document = clean(_platform_page("某某平台-某某市文化发展促进协会服务平台", [BODY_1, BODY_2]), to="keep")
    assert document.text == f"{BODY_1}\n{BODY_2}"


def test_a_title_of_the_sites_name_names_no_headline_where_the_trail_says_it_again():
    # (the <title> holds the association's name over the headline; the trail's last crumb and
    # the line over the text are the headline)
    document = clean(_platform_page("某某平台-某某市文化发展促进协会服务平台", [BODY_1, BODY_2]), to="keep")
    assert document.title == _HEADLINE


def test_a_list_heading_under_the_trails_home_crumb_is_a_crumb_and_the_text_below_stays():
    # (a short article of short sentences under a trail whose second crumb is a list's heading)
    lines = ["还好，家里人都支持他。", "后来，工厂慢慢有了起色。", "他说：“再难也要坚持下去。”"]
    page = ["首页", "最新消息", "活动快讯", _HEADLINE, *lines, "回列表页"]
    document = clean("\n".join(page), to="keep")
    assert all(line in document.text for line in lines)
