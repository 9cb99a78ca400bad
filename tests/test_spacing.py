from textfix.spacing import normalise_layout


def test_indents_blank_lines_and_crlf_go():
    text, changes = normalise_layout("  第一段。\n\n\u3000\u3000第二段。\n\n\n第三段。  ")
    assert text == "第一段。\n第二段。\n第三段。"
    rules = {c.rule for c in changes}
    assert {"spacing.indent", "spacing.blank-lines"} <= rules


def test_zero_width_characters_go_but_emoji_joiners_stay():
    family = "\U0001F468\u200d\U0001F469\u200d\U0001F467"
    text, _ = normalise_layout(f"中\u200b文\u200d字 {family}")
    assert text == f"中文字 {family}"


def test_clean_text_is_untouched():
    assert normalise_layout("第一段。\n第二段。") == ("第一段。\n第二段。", [])
