from textfix.convert import convert_script, needs_conversion, step_for

import pytest


def test_traditional_to_simplified_with_one_change_per_line():
    text, changes = convert_script("山東印發行動方案\n已经是简体\n對接京津冀", "hans")
    assert text == "山东印发行动方案\n已经是简体\n对接京津冀"
    assert [c.line for c in changes] == [1, 3]
    assert changes[0].rule == "convert.t2s"


def test_skips_text_already_in_the_target_script():
    assert not needs_conversion("山东印发行动方案，对接京津冀。", "hans")
    assert convert_script("山东印发行动方案", "hans") == ("山东印发行动方案", [])
    assert not needs_conversion("山東印發行動方案", "hant")
    assert convert_script("Plain ASCII", "tw") == ("Plain ASCII", [])


def test_simplified_to_regional_traditional_variants():
    assert convert_script("鼠标和软件", "twp")[0] == "滑鼠和軟體"
    assert convert_script("发展", "hk")[0] == "發展"
    assert convert_script("发展", "hant")[0] == "發展"


def test_keep_never_converts():
    assert convert_script("山東 山东", "keep") == ("山東 山东", [])


def test_unknown_target_is_refused():
    with pytest.raises(ValueError, match="unknown target"):
        step_for("latin")


def test_taiwan_and_hong_kong_forms_read_as_simplified():
    # 著 is zhe in Taiwan's standard (看著) and zhù everywhere (著名, 土著); 衞 and 敍 are Hong
    # Kong's forms of 衛 and 敘, which OpenCC's own t2s leaves alone
    assert convert_script("隨著時間推移，他一直看著窗外。", "hans")[0] == "随着时间推移，他一直看着窗外。"
    assert convert_script("他是著名的土著作家，著作很多。", "hans")[0] == "他是著名的土著作家，著作很多。"
    assert convert_script("保衞國家的故事由他來敍述。", "hans")[0] == "保卫国家的故事由他来叙述。"


def test_the_simplified_repertoire_is_what_the_gb2312_codec_encodes():
    from textfix.convert import _simplified_repertoire

    def encodes(char: str) -> bool:
        try:
            char.encode("gb2312")
        except UnicodeEncodeError:
            return False
        return True

    bmp = "".join(chr(code) for code in range(0x10000) if not 0xD800 <= code < 0xE000)
    assert _simplified_repertoire().positions(bmp) == [i for i, char in enumerate(bmp) if encodes(char)]
