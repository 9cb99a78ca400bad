"""Site chrome: take breadcrumbs, datelines, bylines, widgets and footers out of the body.

The page is read as three parts: a top block of chrome above the body (breadcrumb, title,
dateline, widgets), the body, and a bottom block below it (editor line, end marks, related
news, copyright, licences, garbage that could not be repaired). Rules come from the rule book
(``data/chrome_rules.toml``); every removal is a Change naming its rule, and the facts a line
carries (time, source, author, editor, breadcrumb, title) ride in ``Change.detail["facts"]``
for the metadata step.
"""

from __future__ import annotations

import re
from dataclasses import replace

import regex

from . import _core
from .rules import FieldGrammar, RuleBook, default_rules
from .types import Change

STEP = "chrome"
# A byline, source or end mark a tail rule cuts off a paragraph is short; so is a lead a head
# rule cuts off: its keywords are in its first words.
TAIL_MAX_LENGTH = _core.TAIL_MAX_LENGTH
HEAD_MAX_LENGTH = _core.HEAD_MAX_LENGTH
MAX_PASSES = 4
MIN_TITLE_LENGTH = _core.MIN_TITLE_LENGTH
# A page's first line may be its <title>: the headline, then the site's name and section after
# separators (小窍门_39健康网_饮食, 巩固-今日头条, 推进会 | 长寿区人民政府). A dash of two em dashes
# with no space around it (——) is the headline's own punctuation, before its subtitle
# (新世纪台海战略新发展——台湾的安全之路): no separator.
_TITLE_SEPARATOR = r"\s*[_|｜]+\s*|\s+[-–—]+\s+|(?<=[^\d—])(?:[-–]+|—)(?=[^\d—])"
_SITE_SUFFIX = re.compile(rf"(?:{_TITLE_SEPARATOR})[^_|｜\-–—]{{1,12}}$")
_TITLE_SEPARATORS = "_|｜-–—"
# Separators between a <title>'s parts (headline, site, section).
_TITLE_PARTS = re.compile(_TITLE_SEPARATOR)
# A column's name and the stroke portals mark a column with, opening a headline (政能亮丨…).
_COLUMN_MARK = re.compile(r"(?P<column>[\u3400-\u9fffA-Za-z0-9+]{2,8})\s*[丨｜]\s*(?=\S.{3})")


def parse_fields(line: str, grammar: FieldGrammar, strict: bool = False) -> dict[str, str] | None:
    """The metadata in a line made only of fields, dates and widget words; None for any other line.

    ``{"published": "2025年02月19日 10:30", "source": "大众日报"}`` for a dateline; ``{}`` for
    a line of widget words only (two or more, or one with its count: ``阅读 (39300)``). A name
    alone before a time is its source (新京报　2022-11-17 22:43), a name after a field continues
    it; ``strict`` (inside a body) asks for a label at the very start. The tokens are those of
    `FieldGrammar`.
    """
    return grammar.core.parse(line, strict)


def _tolerant_rule(line: str, rules: RuleBook, places: int) -> int | None:
    """The number of the line rule for ``places`` that ``line`` meets with its lost characters
    (U+FFFD, and a ``?`` or ``？`` touching a Chinese character) standing for any
    (`_damaged_line_rule`); None for a line that lost none."""
    damaged = line
    if "\ufffd" not in line and ("?" in line or "？" in line):
        damaged = _LOST_AS_QUESTION.sub("\ufffd", line)
    return _damaged_line_rule(line, damaged, rules, places) if "\ufffd" in damaged else None


# A "?" or "？" touching a Chinese character may be a character lost on the way through a legacy
# charset (沪公网安备… came back as ？公网安？…): for the rules, it is lost like U+FFFD.
_LOST_AS_QUESTION = re.compile(r"(?<=[\u3400-\u9fff])[?？]|[?？](?=[\u3400-\u9fff])")

# A line the repair step left with lost characters (U+FFFD) is chrome if a rule matches it with
# them standing for its characters (许可证�0106168, 【打�】, 相�新闻): at most one in this many
# characters of the match, and the line must hold one of the rule's keywords, whole or with one
# character lost (a U+FFFD is no lost ">"). Inside the body, short lines only.
CHARS_PER_LOST = 4


def _damaged_line_rule(line: str, damaged: str, rules: RuleBook, places: int) -> int | None:
    """The number of the rule ``damaged`` (``line`` with its lost characters as U+FFFD) meets
    (see `CHARS_PER_LOST`): ``line`` holds one of its keywords whole, or ``damaged`` one with a
    character lost."""
    best, best_kept = None, 0
    for number in rules.matcher.damaged_candidates(line, damaged):
        rule = rules.lines[number]
        if rule.places & places and len(damaged) <= rule.max_length:
            # each place the rule may match: the first may be a short one the line's lost
            # characters are too many for (�公网 before 公网安�31010602000299)
            for match in rule.tolerant.finditer(damaged, overlapped=True):
                lost, length = match.fuzzy_counts[0], match.end() - match.start()
                # the rule most of whose characters the line still has (a © lost to U+FFFD is no licence)
                if lost * CHARS_PER_LOST <= length and length - lost > best_kept:
                    best, best_kept = number, length - lost
    return best


# ``text`` without punctuation, symbols and spaces: what two spellings of a headline share.
letters = _core.letters


# Whether a line is as long as a headline: `MIN_TITLE_LENGTH` letters to `TITLE_MAX_LENGTH` characters.
headline_sized = _core.headline_sized
# Whether a line is the headline a page's <title> names (the headline and the site's name;
# punctuation aside): ``names_headline(line, page_title)``.
names_headline = _core.names_headline


def headline_of(page_title: str) -> str:
    """A page's <title> without the site's name and section after the headline."""
    if page_title[:1] in _TITLE_SEPARATORS:
        return ""  # a <title> of the site's name alone (-铜雀历史网)
    headline = page_title
    while (shorter := _SITE_SUFFIX.sub("", headline)) != headline and len(shorter) >= MIN_TITLE_LENGTH:
        headline = shorter
    return headline


def title_parts(page_title: str) -> list[str]:
    """The parts of a page's <title> between its separators (headline, site, section), in order."""
    return [part for part in _TITLE_PARTS.split(page_title) if part.strip()]


def _affix_facts(match: regex.Match[str]) -> dict[str, str]:
    """The facts a head or tail rule's match names: its groups that matched, stripped."""
    return {k: v.strip() for k, v in match.groupdict().items() if v}


class Hooks:
    """The rule book's patterns the core's page reading (`_core.ChromeRules`) calls back for:
    those a backtracking engine reads (the rules' tolerant forms, fuzzy; the head and tail rules
    and the <title>'s separators, with their lookarounds; the names of a byline). A line reaches
    them rarely: after the compiled checks have passed it."""

    def __init__(self, rules: RuleBook) -> None:
        self.rules = rules

    def tolerant_rule(self, line: str, places: int) -> int | None:
        return _tolerant_rule(line, self.rules, places)

    def tolerant_facts(self, number: int, line: str) -> dict[str, str]:
        match = self.rules.lines[number].tolerant.search(line)
        return {k: v for k, v in match.groupdict().items() if v} if match else {}

    def names_line(self, text: str) -> bool:
        return self.rules.fields.names_line.fullmatch(text) is not None

    def glued_facts(self, inner: str) -> dict[str, str] | None:
        return self.rules.fields.glued_facts(inner)

    def head(self, line: str, indent: int) -> tuple[str, str, int, dict[str, str]] | None:
        """The first head rule's cut of ``line`` from ``indent`` on, short of the whole line: its
        name, the lead, where it ends and its facts."""
        for rule in self.rules.heads:
            match = rule.pattern.match(line, indent) if rule.may_match(line, indent, indent + HEAD_MAX_LENGTH) else None
            if match and match.end() < len(line):
                return rule.name, match.group(0), match.end(), _affix_facts(match)
        return None

    def tail(self, line: str, tail_start: int) -> tuple[str, int, dict[str, str]] | None:
        """The first tail rule's cut of ``line`` in its last `TAIL_MAX_LENGTH` characters (from
        ``tail_start``): its name, where it starts and its facts."""
        for rule in self.rules.tails:
            match = rule.pattern.search(line, tail_start) if rule.may_match(line, tail_start, len(line)) else None
            if match:
                return rule.name, match.start(), _affix_facts(match)
        return None

    headline_of = staticmethod(headline_of)
    title_parts = staticmethod(title_parts)

    @staticmethod
    def column_mark(title: str) -> tuple[str, int] | None:
        mark = _COLUMN_MARK.match(title)
        return (mark["column"], mark.end()) if mark else None


def _remove_once(text: str, rules: RuleBook, whole_page: bool, first_pass: bool,
                 headline: str | None) -> tuple[str, list[Change], bool]:
    """One reading of a page in the core (`_core.ChromeRules.remove_once`): its body, its
    changes (the removed lines by line, then the affixes cut) and whether affixes were cut."""
    body, removals, affixes = rules.chrome.remove_once(text, whole_page, first_pass, headline)
    lines = text.split("\n")
    changes = [Change(STEP, f"{STEP}.{rule}", lines[number], "", number + 1, {"facts": facts} if facts else {})
               for number, rule, facts in removals]
    changes += [Change(STEP, f"{STEP}.{rule}", cut, "", number + 1,
                       {"facts": facts, "part": part} if facts else {"part": part})
                for number, rule, cut, facts, part in affixes]
    return body, changes, bool(affixes)


def surviving_lines(lines: list[int], changes: list[Change]) -> list[int]:
    """``lines`` (the numbers of a text's lines) without those ``changes`` removed whole."""
    gone = {c.line - 1 for c in changes if c.line is not None and "part" not in c.detail}
    return [number for index, number in enumerate(lines) if index not in gone]


def renumbered(changes: list[Change], lines: list[int]) -> list[Change]:
    """``changes`` made on a later text, numbered by the lines of the original (``lines[i]`` is the
    0-based position there of the later text's line i); a change whose line keeps its number is
    itself (on a page's first pass, every one)."""
    return [c if c.line is None or lines[c.line - 1] == c.line - 1 else replace(c, line=lines[c.line - 1] + 1)
            for c in changes]


def remove_chrome(text: str, rules: RuleBook | None = None, whole_page: bool = True,
                  headline: str | None = None) -> tuple[str, list[Change]]:
    """Remove site chrome from a page laid out one paragraph a line; explain every removal.

    A ``whole_page`` as scraped may carry menus, widgets, lists and footers all around its
    article (`boilerplate`); text an extractor already took out of its page (HTML input) is
    read at its edges only. The ``headline`` its markup names, when given (in the text's
    script), is the only line taken for the title: the layout of an extracted article's first
    lines is no evidence of one.

    Cutting a byline off a paragraph can leave a line that is chrome itself (a breadcrumb glued
    behind a byline), so a page whose paragraphs were cut is read again, a few times at most.
    Every change is numbered by the line of ``text`` it came from.
    """
    rules = rules or default_rules()
    known = letters(headline) if headline and headline_sized(headline) else None
    changes: list[Change] = []
    count = text.count("\n") + 1
    lines: list[int] | None = None  # the numbers in ``text`` of the lines left, after the first pass
    for _ in range(MAX_PASSES):
        if not text:
            break
        text, found, cut_affixes = _remove_once(text, rules, whole_page, not changes, known)
        # (the first pass numbers its changes by the lines of ``text`` already)
        changes.extend(found if lines is None else renumbered(found, lines))
        if not cut_affixes:
            break
        lines = surviving_lines(list(range(count)) if lines is None else lines, found)
    return text, changes
