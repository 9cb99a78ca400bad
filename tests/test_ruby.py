from textfix.ruby import readings_of, strip_ruby


def test_removes_readings_with_tone_marks_in_both_parenthesis_forms():
    text, changes = strip_ruby("推動電子證照互通互認(rèn),省會濟（jì）南")
    assert text == "推動電子證照互通互認,省會濟南"
    assert [c.before for c in changes] == ["認(rèn)", "濟（jì）"]
    assert all(c.rule == "ruby.pinyin" and c.step == "ruby" for c in changes)


def test_any_reading_of_a_heteronym_counts():
    # 調 reads diào or tiáo; a mechanical annotator may pick the wrong one, both must go.
    assert strip_ruby("協調(diào)")[0] == "協調"
    assert strip_ruby("協調(tiáo)")[0] == "協調"


def test_tone_numbers_neutral_tone_and_u_umlaut_spellings():
    assert strip_ruby("發(fa1)展")[0] == "發展"
    assert strip_ruby("好的(de)")[0] == "好的"
    assert strip_ruby("綠(lü4)色 綠(lv4)色 綠(lǜ)色")[0] == "綠色 綠色 綠色"


def test_parentheses_that_are_not_readings_stay():
    for text in [
        "京滬磁懸浮高速鐵路(山東段)預留",
        "行動方案(2025-2027年)",
        "(記者 林江麗)(完)",
        "北京(Beijing)是首都",
        "京(jing)",  # toneless reading that is not the neutral tone
        "發(fà)",  # 發 has no fourth-tone reading in the dictionary... 髮 does
        "f(x) = 1",
    ]:
        if text == "發(fà)" and "fà" in readings_of("發"):
            continue
        assert strip_ruby(text) == (text, []), text


def test_wrong_reading_is_kept():
    assert strip_ruby("南(běi)方")[0] == "南(běi)方"


def test_traditional_character_missing_from_the_dictionary_uses_its_simplified_form():
    assert readings_of("濟")
    assert "jì" in readings_of("濟")


def test_a_character_lost_before_its_reading_is_the_likeliest_with_that_reading():
    # mojibake undone with a lost character leaves U+FFFD before the reading, which still says
    # what the character sounded like; the line's script picks the spelling
    text, [change] = strip_ruby("他们说，事情并不像外面传的那\ufffd（yàng）简单。")
    assert text == "他们说，事情并不像外面传的那样简单。"
    assert change.rule == "ruby.lost-character"
    assert strip_ruby("事情並不像外面傳的那\ufffd(yàng)簡單。")[0] == "事情並不像外面傳的那樣簡單。"
    # a letter of the reading lost too: any reading that fits, the context decides
    assert strip_ruby("我們的目標一定能夠\ufffd（sh\ufffd）現。")[0] == "我們的目標一定能夠實現。"


def test_a_reading_that_lost_a_letter_still_reads_its_character():
    assert strip_ruby("加強對水庫的監測(c\ufffd)和巡查")[0] == "加強對水庫的監測和巡查"
    assert strip_ruby("加強對水庫的監測(x\ufffd)和巡查")[0] == "加強對水庫的監測(x\ufffd)和巡查"  # 測 is cè


def test_a_lost_character_before_a_list_letter_stays_lost():
    assert strip_ruby("根据第一款\ufffd(a)项的规定") == ("根据第一款\ufffd(a)项的规定", [])


def test_a_character_guessed_wrong_before_its_reading_is_the_one_the_reading_names():
    # the repair step guessed 预 (yù) for a character lost under mojibake; its reading says 项
    text, [change] = strip_ruby("这是清朝立国的一预（xiàng）根本制度。")
    assert text == "这是清朝立国的一项根本制度。"
    assert change.rule == "ruby.misread-character"
    assert change.detail["reading"] == "xiàng"
    # a letter of the reading lost too
    assert strip_ruby("人人享有基本区（y\ufffd）疗服务。")[0] == "人人享有基本医疗服务。"


def test_a_character_that_reads_well_keeps_a_reading_it_lacks():
    # only a character that reads much worse than the one the reading names is replaced
    for text in ["南(běi)方", "他的手机(shǒu)号码", "我们明天(jīn)见"]:
        assert strip_ruby(text) == (text, []), text


def test_a_reading_in_the_wrong_tone_never_replaces_its_character():
    # an annotator's slip (易 is yì, 医 is yī): 意 and 一 would read better than the characters
    # annotated, but those have the syllable
    for text in ["改革要先易(yī)后难，稳步推进。", "他的理想是做医(yí)生。"]:
        assert strip_ruby(text) == (text, []), text


def test_a_tone_marked_letter_left_as_the_han_character_of_its_gbk_bytes_is_a_lost_letter():
    garbled = "xiàn".encode().decode("gbk")  # à is C3 A0, one GBK character
    assert garbled == "xi脿n"
    text, [change] = strip_ruby(f"山西洪洞县（{garbled}）的农民")
    assert text == "山西洪洞县的农民"
    assert change.rule == "ruby.pinyin"
    # a Han character not between letters is no letter: the parenthesis stays
    assert strip_ruby("新一代(e世代)用户")[0] == "新一代(e世代)用户"
