"""Every rule's own examples: removed by that rule, in Simplified and in Traditional spelling."""

import pytest

from textfix.chrome import remove_chrome
from textfix.convert import converter
from textfix.rules import default_rules

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


@pytest.mark.parametrize("rule", RULES.heads, ids=lambda r: r.name)
def test_head_rule_examples(rule):
    for example in rule.examples:
        for prefix in spellings(example):
            text, changes = remove_chrome(f"{prefix}{BODY}\n{BODY}")
            assert text == f"{BODY}\n{BODY}", (rule.name, prefix)
            assert [c.rule for c in changes] == [f"chrome.{rule.name}"]


@pytest.mark.parametrize("rule", RULES.tails, ids=lambda r: r.name)
def test_tail_rule_examples(rule):
    for example in rule.examples:
        for suffix in spellings(example):
            text, changes = remove_chrome(f"{BODY}\n{BODY}{suffix}")
            assert text == f"{BODY}\n{BODY}", (rule.name, suffix)
            assert [c.rule for c in changes] == [f"chrome.{rule.name}"]


def test_keyword_prefilter_admits_every_example():
    for rule in RULES.lines:
        for example in rule.examples:
            for line in spellings(example):
                assert RULES.keywords.search(line), (rule.name, line)
