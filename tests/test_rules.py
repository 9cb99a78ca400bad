"""Every rule's own examples: removed by that rule, in Simplified and in Traditional spelling."""

from importlib import resources

import pytest

import opencc

from textfix import _core, rules
from textfix.chrome import remove_chrome
from textfix.convert import converter
from textfix.rules import default_rules, load_rules, pattern_spellings

BODY = "国务院总理主持召开国务院常务会议，部署推动新一轮大规模设备更新和消费品以旧换新工作。"
RULES = default_rules()


def spellings(example: str) -> list[str]:
    return [example, converter("s2t").convert(example)]


@pytest.mark.parametrize("rule", RULES.lines, ids=lambda r: r.name)
def test_line_rule_examples(rule):
    assert rule.examples, f"rule {rule.name} has no examples"
    for example in rule.examples:
        # (a rule that asks for its words said again on the page meets a body in its script)
        bodies = spellings(BODY) if rule.said_again else [BODY, BODY]
        for line, body in zip(spellings(example), bodies):
            # Place each example where its rule applies: above the body or below it.
            page = f"{line}\n{body}" if rule.where == "top" else f"{body}\n{line}"
            text, changes = remove_chrome(page)
            assert text == body, (rule.name, line)
            assert len(changes) == 1 and changes[0].before == line, (rule.name, line)


AFFIXES = [("head", rule) for rule in RULES.heads] + [("tail", rule) for rule in RULES.tails]


@pytest.mark.parametrize("part, rule", AFFIXES, ids=lambda value: getattr(value, "name", value))
def test_head_and_tail_rule_examples(part, rule):
    assert rule.examples, f"rule {rule.name} has no examples"
    for example in rule.examples:
        for affix in spellings(example):
            page = f"{affix}{BODY}\n{BODY}" if part == "head" else f"{BODY}\n{BODY}{affix}"
            text, changes = remove_chrome(page)
            assert text == f"{BODY}\n{BODY}", (rule.name, affix)
            assert [(c.rule, c.detail["part"]) for c in changes] == [(f"chrome.{rule.name}", part)]


def test_keyword_prefilter_admits_every_example():
    for number, rule in enumerate(RULES.lines):
        for example in rule.examples:
            for line in spellings(example):
                assert number in RULES.matcher.damaged_candidates(line, line), (rule.name, line)


def test_a_guard_holds_in_every_spelling():
    """A negative lookaround of a rule keeps Simplified and Traditional text out in each spelling:
    converted alone, the guard of the Traditional spelling would read (?!據) and let 据 through."""
    for spelling in pattern_spellings(r"^(?!据)\p{Han}{1,8}?社(?<!(?:报|報)社)"):
        assert "(?!(?:据)|(?:據))" in spelling and "(?<!(?:(?:报|報)社)|(?:(?:報|報)社))" in spelling
    lead = next(rule for rule in RULES.heads if "(?!" in rule.pattern.pattern)
    for line in spellings("据财联社9月26日消息，今日从交通运输部新闻发布会获悉。"):
        assert lead.pattern.match(line) is None
    for line in spellings("财联社9月26日消息，今日从交通运输部新闻发布会获悉。"):
        assert lead.pattern.match(line).group() == line[:line.index("，") + 1]


BOOK = resources.files("textfix").joinpath("data/chrome_rules.toml").read_text("utf-8")


def test_every_line_rule_compiles_in_the_core():
    """The core compiles every line rule of the book in every spelling, and each rule's own
    examples match its pattern there."""
    assert len(RULES.lines) == BOOK.splitlines().count("[[line]]")
    for number, rule in enumerate(RULES.lines):
        for example in rule.examples:
            for line in spellings(example):
                assert RULES.matcher.facts(number, line) is not None, (rule.name, line)


def test_tolerant_patterns_compile_when_first_asked_for():
    """A rule's tolerant pattern is compiled when a damaged line first asks for it, not with the
    rule book; every rule's compiles, and finds its examples with a character lost."""
    book = load_rules(BOOK)
    assert all("tolerant" not in vars(rule) for rule in book.lines)
    for rule in book.lines:
        for example in rule.examples[:1]:
            damaged = example[:1] + "\ufffd" + example[2:] if len(example) > 4 else example
            assert rule.tolerant.search(damaged) is not None, (rule.name, damaged)
    assert all("tolerant" in vars(rule) for rule in book.lines)


def test_the_book_is_spelled_as_opencc_s2tw_and_s2hk_spell_it(monkeypatch):
    """s2t then t2tw (and t2hk) spells every text of the rule book as s2tw (and s2hk) does."""
    texts: list[str] = []
    spell = rules.with_traditional
    monkeypatch.setattr(rules, "with_traditional", lambda text: texts.append(text) or spell(text))
    load_rules(BOOK)
    assert len(set(texts)) > 500
    converters = {config: opencc.OpenCC(config) for config in ("s2t", "s2tw", "s2hk")}
    for text in set(texts):
        expected = [text]
        for config in ("s2t", "s2tw", "s2hk"):
            if (converted := converters[config].convert(text)) not in expected:
                expected.append(converted)
        assert spell(text) == expected, text


def test_the_core_refuses_lookarounds():
    with pytest.raises(ValueError, match="look-around"):
        _core.LineRules([("anywhere", 10, "^(?!据)讯", None, None, ["讯"])])


def test_requires_and_unless():
    """A line meets a rule with ``requires`` where that pattern matches it too, and one with
    ``unless`` where that pattern does not; in both spellings."""
    rules = load_rules(BOOK + """
[[line]]
name = "lead-alone"
where = "bottom"
max_length = 12
keywords = ["讯"]
requires = '讯$'
unless = '^据'
pattern = '^\\p{Han}{2,8}'
""")
    number = len(rules.lines) - 1
    for line, rule in (("新京报讯", number), ("新京报讯消息", None), ("据新京报讯", None), ("據新京報訊", None),
                       ("新京報訊", number)):
        assert rules.matcher.rule_for(line, _core.BOTTOM) == rule, line
