import textfix
from textfix.punctuation import restore_fullwidth


def fix(text: str) -> str:
    return restore_fullwidth(text)[0]


def test_restores_folded_punctuation_in_cjk_context():
    assert fix("推動電子證照互通互認,推動醫療") == "推動電子證照互通互認，推動醫療"
    assert fix("來源:大眾日報") == "來源：大眾日報"
    assert fix("真的吗?好!走;") == "真的吗？好！走；"
    assert fix("高速鐵路(山東段)預留") == "高速鐵路（山東段）預留"
    assert fix("行動方案(2025-2027年)》,明確") == "行動方案（2025-2027年）》，明確"


def test_keeps_ascii_in_numbers_times_urls_emails_and_latin_text():
    for text in [
        "2025年02月19日 10:30",
        "共计1,000元",
        "详见 https://example.com/a?b=1,2&c=(3) 页面",
        "邮箱 cnssdweb@163.com:",
        "Hello, world: (yes)!",
        "调用 f(x, y) 即可",
    ]:
        assert fix(text) == text, text


def test_never_touches_quotes_or_already_fullwidth_text():
    text = "他说：“点名”，‘好’。"
    assert restore_fullwidth(text) == (text, [])


def test_spaces_folded_around_the_punctuation_go():
    assert fix("中国, 美国 ; 日本") == "中国，美国；日本"


def test_latin_gloss_after_chinese_gets_fullwidth_parentheses():
    assert fix("北京(Beijing)是首都") == "北京（Beijing）是首都"


def test_each_edited_line_is_one_change():
    text, changes = restore_fullwidth("第一行,好\n10:30\n第三行:好")
    assert text == "第一行，好\n10:30\n第三行：好"
    assert [(c.line, c.rule) for c in changes] == [(1, "punctuation.fullwidth"), (3, "punctuation.fullwidth")]


def test_a_mark_touching_damage_the_repair_left_stays_ascii():
    # Made full width, "(" would be two more bytes of a GBK run beside the private-use character,
    # and repairing the cleaned page again read it as a frame shift: cleaning was not idempotent.
    line = "\ue000(记者 王明)2024年03月11日 08:00 来源:新华网"
    once = textfix.clean(line).text
    assert once.startswith("\ue000(记者 王明)") and once.endswith("来源：新华网")
    assert textfix.clean(once).text == once
    assert restore_fullwidth("好\x81,好,好")[0] == "好\x81,好，好"
