"""Every rule's own examples: removed by that rule, in Simplified and in Traditional spelling."""

import pytest

from textfix.chrome import remove_chrome
from textfix.convert import converter
from textfix.rules import default_rules, pattern_spellings

BODY = "国务院总理主持召开国务院常务会议，部署推动新一轮大规模设备更新和消费品以旧换新工作。"
RULES = default_rules()


def spellings(example: str) -> list[str]:
    return [example, converter("s2t").convert(example)]


@pytest.mark.parametrize("rule", RULES.lines, ids=lambda r: r.name)
def test_line_rule_examples(rule):
    assert rule.examples, f"rule {rule.name} has no examples"
    for example in rule.examples:
        for line in spellings(example):
            # Place each example where its rule applies: above the body or below it.
            page = f"{line}\n{BODY}" if rule.where == "top" else f"{BODY}\n{line}"
            text, changes = remove_chrome(page)
            assert text == BODY, (rule.name, line)
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
    for rule in RULES.lines:
        for example in rule.examples:
            for line in spellings(example):
                assert RULES.keywords.search(line), (rule.name, line)


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
