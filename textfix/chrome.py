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
from functools import cached_property

from . import _core
from .boilerplate import PARAGRAPH_LENGTH, Region, line_worth, phrase_prose
from .repair import garbage_score
from .rules import NOTICE_RULE, FieldGrammar, RuleBook, default_rules
from .types import Change

STEP = "chrome"
# The places of the line rules a line is read with (`_line_rule`): the block above the body,
# the block below it, the body.
TOP_BLOCK = _core.TOP | _core.ANYWHERE
BOTTOM_BLOCK = _core.BOTTOM | _core.ANYWHERE
BODY = _core.ANYWHERE
TOP_SCAN_LINES = 12
TITLE_MAX_LENGTH = _core.TITLE_MAX_LENGTH
FIELDS_MAX_LENGTH = 120  # a metadata line is never longer
TAIL_MAX_LENGTH = 50  # a byline, source or end mark a tail rule cuts off a paragraph is short
HEAD_MAX_LENGTH = 50  # so is a lead a head rule cuts off: its keywords are in its first words
MIDDLE_FIELDS_MAX_LENGTH = 40  # inside the body only short lines can be bylines or captions
GARBAGE_THRESHOLD = 0.5
# Short lines above a field line that no rule recognises are chrome, at most this many.
ABOVE_FIELDS_MAX = 2
# Damaged lines below chrome in the bottom block are chrome too, this many in a row at most,
# and so is a line this garbled without a U+FFFD.
GARBLED_RUN = 2
GARBLED_THRESHOLD = 0.25
MAX_PASSES = 4
# Around the article of a whole page (`boilerplate`), the lines this close to it are read for
# the facts they carry (dateline, byline, editor; above it, the core's `Furniture.plan` says
# which); all the others are page furniture.
HEAD_WINDOW = _core.HEAD_WINDOW
TAIL_WINDOW = _core.TAIL_WINDOW
# A page's first line may be its <title>: the headline, then the site's name and section after
# separators (小窍门_39健康网_饮食, 巩固-今日头条, 推进会 | 长寿区人民政府). A dash of two em dashes
# with no space around it (——) is the headline's own punctuation, before its subtitle
# (新世纪台海战略新发展——台湾的安全之路): no separator.
_TITLE_SEPARATOR = r"\s*[_|｜]+\s*|\s+[-–—]+\s+|(?<=[^\d—])(?:[-–]+|—)(?=[^\d—])"
_SITE_SUFFIX = re.compile(rf"(?:{_TITLE_SEPARATOR})[^_|｜\-–—]{{1,12}}$")
# Removals that say a line is no known chrome, only where it stands (the first line may be the <title>).
_NOT_CHROME_RULES = {f"{STEP}.{rule}" for rule in ("title", "menu", "boilerplate")}
_TITLE_SEPARATORS = "_|｜-–—"
# Separators between a <title>'s parts (headline, site, section).
_TITLE_PARTS = re.compile(_TITLE_SEPARATOR)
# A headline wrapped in a narrow box is broken mid-phrase: a line ends with a conjunction or
# preposition (…购买外汇及 / 调整…), or the next opens with one (…常务委员会 / 关于批准…). (A
# subheading under a headline, which the <title> may hold joined to it, opens a clause of its own.)
_MID_PHRASE = re.compile(r"[及和与的之、对于在将把向从]\n|\n(?:关于|对于|及|和|与|的|之)")
WRAPPED_HEADLINE_LINES = 3  # the lines a wrapped headline comes over, at most
_COUNTER = re.compile(r"[\W\d_]+")  # numbers and signs only: 1 (33%)2 (67%)
_LABELLED_COUNT = re.compile(r"[^\s:：]{1,8}\s*[:：]\s*[\d.,]+%?")  # a count after its label: 分数：100, 能力值:545803
# A user's handle alone on a line (ggjjzhzz, zboy_girl): a blog post's author between its
# headline and its dateline.
_HANDLE = re.compile(r"[A-Za-z][A-Za-z0-9_.\-]{2,19}")
MIN_TITLE_LENGTH = _core.MIN_TITLE_LENGTH
MIN_TITLE_LETTERS = 2  # letters that are not digits: a counter (34976) is no headline
TITLE_FIELDS_WITHIN = 3  # lines below a headline its dateline may be (bare counters aside)
COUNTERS_UNDER_TITLE = 4
MAX_LISTED_HEADLINES = 12  # a column's list under the article: its headline and a few others
# A section's name a <title> may open with (工作动态, 学术动态) is this short; a headline seldom is.
SECTION_NAME_MAX_LENGTH = 6
MIN_TAGS, MAX_TAGS = 2, 4  # an article's tags one a line below it, without a label
# A headline's tool row (share, LINE, print, comments, font size: one button a line) may stand
# between it and its dateline: this many lines at most, each a widget the rule book knows.
TOOL_ROW_MAX = 12
LIST_HEAD_MAX_LENGTH = _core.LIST_HEAD_MAX_LENGTH
MENU_ABOVE_HEADLINE = 30
MIN_FURNITURE = _core.MIN_FURNITURE
_NOT_HEADLINE_END = "。；;…：:"  # a headline may end like a question or an exclamation
_NOT_MENU_END = "。；;，,…！？!?"
_PARAGRAPH_END = "。；;，,…"
_CLOSING_QUOTES = "”’」』\"'"
_SENTENCE_END = "。！？!?”」』"
_STATEMENT_END = "。！!"  # (a question or a quotation over an article is as often a teaser's)
# An article's first sentence set apart from its paragraphs (by a picture) is as long as a
# lead's; a shorter one over the article is as often a promotion's or a widget's notice.
OPENING_SENTENCE_MIN = 20
_CLAUSE_MARK = re.compile(r"[，,。；;：:！？!?、…]")  # none in a section's name
_CREDIT_ENDS = ("摄", "攝", "图", "圖")  # a picture's credit: 王五摄
_BULLETS = frozenset("·•●○■□◆◇▪►▶")
# A breadcrumb trail's separators, where each is a text node of its own (首页 / >> / 医教研).
_TRAIL_SEPARATORS = frozenset({">", ">>", "＞", "＞＞", "›", "»", "→", "/", "\\"})
HEADER_ABOVE_TRAIL = 2  # lines of the page's header (its <title>, the site's name) above a trail
_BRACKETS = {"）": "（", ")": "(", "】": "【", "]": "["}
_ALL_BRACKETS = "".join(opening + closing for closing, opening in _BRACKETS.items())
# A widget's piece alone in the body: a square bracket of an edit link cut into text nodes at
# its brackets ([ / 编辑 / ]; a round one may be the text's own, cut at a link: （详情请点击链接： /
# a link / ）), anywhere; a count (a paragraph's comments, 37) after a sentence, unless the
# body's counts number its sections (1, 2, 3 in order); an encyclopedia's reference mark, cut
# from its sentence at its link ([2], [3-5]), anywhere.
_LONE_BRACKET = frozenset("[]")
_REFERENCE_MARK = re.compile(r"\[\d{1,3}(?:[-–,，]\d{1,3})*\]")
_COUNT = re.compile(r"\d{1,6}")
# A column's name and the stroke portals mark a column with, opening a headline (政能亮丨…).
_COLUMN_MARK = re.compile(r"(?P<column>[\u3400-\u9fffA-Za-z0-9+]{2,8})\s*[丨｜]\s*(?=\S.{3})")
# A link to a site's front page, its name and 首页 (百度首页), as a page with no <title> may open.
_HOME_LINK = re.compile(r"[\u3400-\u9fffA-Za-z]{1,8}(?:首页|主页|首頁|主頁)")


def parse_fields(line: str, grammar: FieldGrammar, strict: bool = False) -> dict[str, str] | None:
    """The metadata in a line made only of fields, dates and widget words; None for any other line.

    ``{"published": "2025年02月19日 10:30", "source": "大众日报"}`` for a dateline; ``{}`` for
    a line of widget words only (two or more, or one with its count: ``阅读 (39300)``). A name
    alone before a time is its source (新京报　2022-11-17 22:43), a name after a field continues
    it; ``strict`` (inside a body) asks for a label at the very start. The tokens are those of
    `FieldGrammar`.
    """
    return grammar.core.parse(line, strict)


def _line_rule(line: str, rules: RuleBook, places: int, tolerant: bool = True) -> int | None:
    """The number of the first line rule for ``places`` that ``line`` meets; with ``tolerant``,
    with its lost characters standing for any (`_tolerant_rule`) where no rule meets it whole."""
    number = rules.matcher.rule_for(line, places)
    if number is not None or not tolerant:
        return number
    return _tolerant_rule(line, rules, places)


def _tolerant_rule(line: str, rules: RuleBook, places: int) -> int | None:
    """The number of the line rule for ``places`` that ``line`` meets with its lost characters
    (U+FFFD, and a ``?`` or ``？`` touching a Chinese character) standing for any
    (`_damaged_line_rule`); None for a line that lost none."""
    damaged = line
    if "\ufffd" not in line and ("?" in line or "？" in line):
        damaged = _LOST_AS_QUESTION.sub("\ufffd", line)
    return _damaged_line_rule(line, damaged, rules, places) if "\ufffd" in damaged else None


_HAN = re.compile(r"[\u3400-\u9fff]")
_MARKUP_VALUE = re.compile(r"""[A-Za-z][\w-]*\s*=\s*(?:"[^"]*"|'[^']*')""")  # an HTML attribute: size="20"
_WRITER_COLON = re.compile(r"(?P<writer>[^:：]{2,20})[:：](?P<words>.+)")  # a writer's name and the headline, set together: 茉莉：…
# A label set off by a comma or a colon, its value on the next line (图像来源， / Getty Images, 朝代： / 唐代).
_LABEL_COMMAS = "，,"
_LABEL_ENDS = _LABEL_COMMAS + "：:"
# The removals of an entry's fields above its text: a label of its own and its value, a byline.
_FIELD_PAIR_RULES = {f"{STEP}.{rule}" for rule in ("widgets", "byline")}
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


def _facts_rule(facts: dict[str, str]) -> str:
    if "published" in facts:
        return "dateline"
    for field in ("source", "author", "editor"):
        if field in facts:
            return field if field != "author" else "byline"
    return "photo-credit" if "photographer" in facts else "widgets"


class _Page:
    """The lines of one page and the removals decided so far; ``headline`` the page's headline
    where its markup names it (its letters), else None."""

    def __init__(self, text: str, rules: RuleBook, headline: str | None = None) -> None:
        self.lines = text.split("\n")
        self.rules = rules
        self.headline = headline
        self.removed: dict[int, Change] = {}
        self.edited: dict[int, str] = {}
        self.affixes: list[Change] = []
        self._merged_facts: dict[str, str] | None = None
        self._fields: dict[tuple[str, bool], dict[str, str] | None] = {}

    @cached_property
    def _furniture(self) -> _core.Furniture:
        """The page's lines in the compiled core, read for their furniture (`strip_furniture`)."""
        return _core.Furniture("\n".join(self.lines))

    @cached_property
    def _title_part_letters(self) -> list[str]:
        """The letters of each part of the page's first line read as its <title> (`title_parts`),
        in order: the headline's, the site's, the section's."""
        return [letters(part) for part in title_parts(self.lines[0])]

    def _widget_word(self, line: str) -> bool:
        """Whether ``line`` is one of the rule book's widget words alone (日期选择, 正文)."""
        return line.strip() in self.rules.fields.widget_words

    @property
    def _title_open(self) -> bool:
        """Whether the page's first line may be its <title>: no rule took it for chrome."""
        first = self.removed.get(0)
        return first is None or first.rule in _NOT_CHROME_RULES

    def fields(self, line: str, strict: bool = False) -> dict[str, str] | None:
        """`parse_fields` of ``line`` in the page's grammar, remembered: the scans ask about the
        lines around a headline or a dateline again and again."""
        key = (line, strict)
        if key not in self._fields:
            self._fields[key] = parse_fields(line, self.rules.fields, strict)
        facts = self._fields[key]
        return None if facts is None else dict(facts)

    def remove(self, number: int, rule: str, facts: dict[str, str] | None = None) -> None:
        if facts and any(map(_MARKUP_VALUE.fullmatch, facts.values())):
            # (a template's leftover after an empty label, 作者： size="20", is no value)
            facts = {key: value for key, value in facts.items() if not _MARKUP_VALUE.fullmatch(value)}
        detail = {"facts": facts} if facts else {}
        replaced = self.removed.get(number)
        self.removed[number] = Change(STEP, f"{STEP}.{rule}", self.lines[number], "", number + 1, detail)
        # Only a removal with facts, or one that replaces a removal with facts, changes `_facts`.
        if facts or (replaced is not None and replaced.detail.get("facts")):
            self._merged_facts = None

    def classify(self, number: int, places: int, in_body: bool = False) -> bool:
        """Remove line ``number`` if a rule for ``places`` or the field grammar says it is chrome.

        The core reads the line (`_core.FieldGrammar.classify`). Above and below the body, a
        field a scraper split after its label (责任编辑: / 蔡立丽, 本文来源于 / 上海证券报) goes
        with the neighbour that holds the rest of it, and a widget bar the repair step left
        garbled (字号：默许 多 超大 | 打印 |, 【打印】【关闭。) is chrome too. Inside the body
        (``in_body``) only short lines can be metadata lines, and their label must open the
        line. A line with lost characters that no rule meets whole is read with them standing
        for any (`_tolerant_rule`).
        """
        lines, removed = self.lines, self.removed
        line = lines[number]
        last = number + 1 == len(lines)
        verdict, found, facts = self.rules.fields.core.classify(
            self.rules.matcher, lines[number - 1] if number else None, line, None if last else lines[number + 1],
            (number - 1 in removed, number in removed, number + 1 in removed), places, in_body)
        if verdict is None:
            return False
        if verdict == "split":
            rule = _facts_rule(facts)
            self.remove(number + found, rule, facts)
            self.remove(number + found + 1, rule)
            return True
        if verdict == "fields":
            self.remove(number, _facts_rule(facts), facts)
            return True
        if verdict == "tolerant":
            bar, found = found, _tolerant_rule(line, self.rules, places)
            verdict = "bar" if found is None and bar else verdict
            if found is None and not bar:
                return False
        if verdict == "bar":
            self.remove(number, "garbled-widgets")
            return True
        rule = self.rules.lines[found]
        self.remove(number, rule.name, self.rules.facts(found, line))
        if rule.drops_following:
            self._drop_list_after(number)
        return True

    def _drop_list_after(self, number: int) -> None:
        """Remove the list below a list's heading, to the end of the page: short lines, and
        long ones that are no running text (a row of links) or chrome by a rule; none if an
        article's text goes on below, in sentences or in phrases (`phrase_prose`)."""
        following = range(number + 1, len(self.lines))
        if all(len(self.lines[i]) <= TITLE_MAX_LENGTH or i in self.removed or line_worth(self.lines[i]) < 0
               or _line_rule(self.lines[i], self.rules, BOTTOM_BLOCK, tolerant=False) is not None for i in following) \
                and all(number + 1 + i in self.removed for i in phrase_prose(self.lines[number + 1:])):
            for i in following:
                if i not in self.removed:
                    self.remove(i, "related-list")

    def scan_top(self, start: int = 0, menus: bool = False) -> int:
        """Remove the chrome block above the body from line ``start`` on; returns the first body
        line's number. With ``menus``, a site's menu above the headline goes too
        (`_below_menu`), and a trail split one crumb a line (`_split_trail`): for a page the
        whole-page reading (`boilerplate`) left alone."""
        number = start
        limit = min(len(self.lines), start + TOP_SCAN_LINES)
        while number < limit:
            if number in self.removed or self.classify(number, TOP_BLOCK):
                number += 1
                continue
            if self._is_title(number):
                self.remove(number, "title", {"title": self.lines[number]})
                number += 1
                continue
            headline = self._headline_at_top(number)
            if headline:
                number += headline
                continue
            if number - 1 in self.removed and self._lone_widget(number):
                number += 1
                continue
            if number - 1 in self.removed and self._section_under_title(number):
                self.remove(number, "breadcrumb")
                number += 1
                continue
            trail = self._split_trail(number, limit) if menus else None
            if trail is not None:
                number = self._remove_trail(number, *trail)
                continue
            above = self._above_fields(number, limit)
            if above:
                # Where the headline is known (`_is_title`), what stands above the fields before
                # it is found is the article's own (a column's label: 【新春走基层】).
                if self.headline is None or "title" in self._facts():
                    self._remove_above_fields(number, above)
                number += above
                continue
            below_menu = self._below_menu(number) if menus else None
            if below_menu is not None:
                resume, headline = below_menu
                for menu in range(number, resume):
                    self.remove(menu, "menu")
                # The headline the <title> names, where the menu repeats it (and a section's
                # name stands above the dateline), else the one by the dateline.
                named = self._furniture.named_headline(list(range(number, resume + 1)), self._title_open)
                if named is not None or headline is not None:
                    if headline is not None and headline != named:
                        self.remove(headline, "menu" if named is not None else "title", {"title": self.lines[headline]})
                    if named is not None:
                        self.remove(named, "title", {"title": self.lines[named]})
                number = resume
                limit = min(len(self.lines), number + TOP_SCAN_LINES)
                continue
            if self._title_again(number):
                number += 1
                continue
            fields = self._label_and_value(number)
            if fields:
                number += fields
                continue
            break
        return number

    def _headline_at_top(self, number: int) -> int:
        """Remove line ``number`` and the lines right below it that repeat it, where a page with
        no title yet and no dateline opens with its headline over the text, or over a line of
        chrome the rules know (a link back to the contents) and the text: set two or three times
        (the <title>, a banner's, the heading's), or once over that line of chrome. The headline
        is the title. Returns how many lines went (0 where the line is no such headline)."""
        line = self.lines[number]
        if self.headline is not None or "title" in self._facts() or not self._headline_shaped(line) \
                or self._paragraph_shaped(number) or any(i not in self.removed for i in range(number)):
            return 0
        words = letters(line)
        end = number + 1
        while end < len(self.lines) and end - number < WRAPPED_HEADLINE_LINES and letters(self.lines[end]) == words:
            end += 1
        text = end + (end < len(self.lines) and _line_rule(self.lines[end], self.rules, TOP_BLOCK, tolerant=False) is not None)
        if text >= len(self.lines) or not self._paragraph_shaped(text) or (text == end and end == number + 1):
            return 0
        for copy in range(number + 1, end):
            self.remove(copy, "title")
        self.remove(number, "title", {"title": self.lines[number]})
        return end - number

    def _section_under_title(self, number: int) -> bool:
        """Whether line ``number``, under a removed line, is a column's name between the headline
        just taken and its line of fields (`_section_over_fields`)."""
        return "title" in self.removed[number - 1].detail.get("facts", {}) and self._section_over_fields(number)

    def _label_and_value(self, number: int) -> int:
        """Remove line ``number`` and the next where, under the chrome above the body, they are a
        short label of a field the grammar does not know and its value (朝代： / 唐代), as a
        poetry or reference site sets its entry's fields: the value is a short line, no
        paragraph, and no chrome the rules know. Under such fields or a byline, a label alone
        over the text (原文：) goes too. Returns how many lines went."""
        below = number + 1
        above = self.removed.get(number - 1)
        if above is None or not self._short_label(number) or self.lines[number].rstrip()[-1] in _LABEL_COMMAS \
                or below >= len(self.lines) or self._short_label(below):
            return 0
        if self._paragraph_shaped(below):
            if above.rule not in _FIELD_PAIR_RULES:
                return 0
            self.remove(number, "widgets")
            return 1
        value = self.lines[below]
        if len(letters(value)) > SECTION_NAME_MAX_LENGTH or self.fields(value) is not None \
                or _line_rule(value, self.rules, TOP_BLOCK, tolerant=False) is not None:
            return 0  # (a value the rules know is read by them: 您的当前位置： / 新闻中心 > 天下)
        self.remove(number, "widgets")
        self.remove(below, "widgets")
        return 2

    def _title_again(self, number: int) -> bool:
        """Remove line ``number`` if, right under the fields, it repeats the headline taken above
        them: the headline again, or its words after a writer's name and a colon where the line
        above the fields set the two together (茉莉：我是怎样卷入八九民运的 / 作者：… 发布日期：… /
        我是怎样卷入八九民运的); then the headline is those words, the name is the author, and the
        name alone on the next line is a byline."""
        title = self._facts().get("title")
        line = self.lines[number].strip()
        if title is None or not line or number - 1 not in self.removed or self._paragraph_shaped(number):
            return False
        if letters(line) == letters(title):
            self.remove(number, "title")
            return True
        writer_and_words = _WRITER_COLON.fullmatch(title)
        if writer_and_words is None or letters(writer_and_words["words"]) != letters(line) \
                or not self.rules.fields.names_line.fullmatch(writer := writer_and_words["writer"].strip()):
            return False
        words = writer_and_words["words"].strip()
        above = next(i for i, change in self.removed.items() if change.detail.get("facts", {}).get("title") == title)
        self.remove(above, "title", {"title": words, "author": writer})
        self.remove(number, "title", {"title": words})
        if number + 1 < len(self.lines) and letters(self.lines[number + 1]) == letters(writer):
            self.remove(number + 1, "byline")
        return True

    def _split_trail(self, number: int, limit: int) -> tuple[int, int] | None:
        """Where a breadcrumb trail split one crumb a line starts and ends (one past it), from
        line ``number`` on or below a page header of `HEADER_ABOVE_TRAIL` short lines at the top
        of the page: crumbs alternating with separators alone on their lines (首页 / >> / 医教研
        / >> / 2019人物), two crumbs at least, as a page with no dateline under its headline
        opens; None where none starts there."""
        at_top = all(i in self.removed for i in range(number))
        for start in range(number, min(limit, number + (HEADER_ABOVE_TRAIL + 1 if at_top else 1))):
            if start > number and not self._crumb(start - 1):
                return None
            end = start + 1
            # (the trail's last crumb has the headline below it, no paragraph: a line over a
            # paragraph is the headline, the trail ending at the separator above it)
            while end + 2 < limit and self.lines[end].strip() in _TRAIL_SEPARATORS and self._crumb(end + 1) \
                    and not self._paragraph_shaped(end + 2):
                end += 2
            if end > start + 1 and self._crumb(start):
                return start, end + (end < limit and self.lines[end].strip() in _TRAIL_SEPARATORS)
        return None

    def _crumb(self, number: int) -> bool:
        """Whether line ``number`` may be a crumb of a trail (or a page header's line above it):
        short, not a sentence, no separator alone."""
        line = self.lines[number].strip()
        return bool(line) and len(line) <= LIST_HEAD_MAX_LENGTH and not _CLAUSE_MARK.search(line) \
            and line not in _TRAIL_SEPARATORS

    def _paragraph_shaped(self, number: int) -> bool:
        """Whether line ``number`` reads as a paragraph: `PARAGRAPH_LENGTH` characters or more, or
        a clause's end before any closing quotes (…还有很多。”)."""
        line = self.lines[number].rstrip().rstrip(_CLOSING_QUOTES)
        return len(line) >= PARAGRAPH_LENGTH or line.endswith(tuple(_PARAGRAPH_END))

    def _remove_trail(self, number: int, start: int, end: int) -> int:
        """Remove the page header above a split trail (lines ``number``..``start``) and the trail
        (``start``..``end``); the headline right below it, over a paragraph (or a short line and
        then a paragraph: a subheading, the text's short first line), is the title where the page
        has none yet. Returns the first line left below."""
        for i in range(number, end):
            self.remove(i, "breadcrumb" if i >= start else "site-header")
        if self.headline is None and "title" not in self._facts() and end + 1 < len(self.lines) \
                and self._headline_shaped(self.lines[end]) and not self._paragraph_shaped(end) \
                and any(self._paragraph_shaped(i) for i in range(end + 1, min(end + 3, len(self.lines)))):
            self.remove(end, "title", {"title": self.lines[end]})
            return end + 1
        return end

    def _below_menu(self, number: int) -> tuple[int, int | None] | None:
        """Where the article's header goes on under a site's menu, and its headline: a run from
        ``number`` on of `MIN_FURNITURE` to `MENU_ABOVE_HEADLINE` short lines
        (`LIST_HEAD_MAX_LENGTH` characters, none ending like a sentence; fewer where the page
        opens with them; the page's first line, its <title>, of any length) that no rule
        knows, then a headline with a dated line right below it,
        or a dated line with the headline right below it (and a paragraph or fields below
        that); None if the page does not open so."""
        at_top = all(i in self.removed for i in range(number))
        for following in range(number + 1, min(len(self.lines) - 2, number + MENU_ABOVE_HEADLINE + 1)):
            above = self.lines[following - 1]
            if (len(above) > LIST_HEAD_MAX_LENGTH or above[-1:] in _NOT_MENU_END) and following - 1 > 0:
                return None  # (the first line may be the page's <title>)
            if following - number < MIN_FURNITURE and not at_top:
                continue
            if self._is_title(following) and (self._label_below(following) or self._dated_under(following)):
                return following + 1, following
            if self._dated(following) and (self._is_title(following + 1) or self._headline_over_paragraph(following + 1)):
                return following, following + 1
        return None

    def _lone_widget(self, number: int) -> bool:
        """Remove line ``number`` of the top block if it is one widget word (a tab's 正文, a
        counter's label 阅读：, a button of a tool row cut into text nodes at its brackets: [字号)
        or a count alone (26893, the count under that label)."""
        line = self.lines[number].strip()
        widget = line.strip(_ALL_BRACKETS).rstrip(":：") in self.rules.fields.widget_words
        kind = "counter" if _COUNTER.fullmatch(line) else "widgets" if widget else None
        if kind:
            self.remove(number, kind)
        return kind is not None

    def piece_alone(self, number: int, sections_numbered: bool) -> bool:
        """Whether body line ``number`` is a widget's piece (`_LONE_BRACKET`, `_REFERENCE_MARK`,
        `_COUNT`): a square bracket or a reference mark alone, or a count after a sentence (a
        paragraph's comments), alone or with other counts (37 / 22), where the body's counts do
        not number its sections (``sections_numbered``)."""
        line = self.lines[number].strip()
        if line in _LONE_BRACKET or _REFERENCE_MARK.fullmatch(line):
            return True
        if sections_numbered or not self._count(number):
            return False
        above = number - 1
        while above >= 0 and above not in self.removed and self._count(above):
            above -= 1
        return above < 0 or above in self.removed or self.lines[above].rstrip()[-1:] in _SENTENCE_END

    def sections_numbered(self, numbers: list[int]) -> bool:
        """Whether the counts alone among lines ``numbers`` (a body's short lines, in order) run 1,
        2, 3…: the numbers of its sections, the text's own."""
        counts = [int(self.lines[i]) for i in numbers if i not in self.removed and self._count(i)]
        return bool(counts) and counts == list(range(1, len(counts) + 1))

    def _count(self, number: int) -> bool:
        return bool(_COUNT.fullmatch(self.lines[number].strip()))

    def _headline_over_paragraph(self, number: int) -> bool:
        return self._headline_shaped(self.lines[number]) and number + 1 < len(self.lines) \
            and len(self.lines[number + 1]) >= PARAGRAPH_LENGTH

    def _headline_shaped(self, line: str) -> bool:
        """Whether ``line`` reads as a headline by itself: headline-sized words, not a counter
        (alone or after its label: 分数：100), a user's handle, a widget's word (日期选择), a line
        of fields or a sentence."""
        return bool(line) and line[-1] not in _NOT_HEADLINE_END and headline_sized(line) \
            and not self._widget_word(line) \
            and sum(map(str.isalpha, line)) >= MIN_TITLE_LETTERS and not _HANDLE.fullmatch(line.strip()) \
            and not _LABELLED_COUNT.fullmatch(line.strip()) and self.fields(line) is None

    def _label_below(self, number: int) -> bool:
        """Whether the line below line ``number`` is a field's label alone, its value on the next
        line (来源于： / 东区办事处): a site that puts its date at the bottom heads the article so."""
        return number + 2 < len(self.lines) and self.rules.fields.label_alone(self.lines[number + 1])

    def _dated(self, number: int) -> bool:
        return number < len(self.lines) and "published" in (self.fields(self.lines[number]) or {})

    def _dated_under(self, number: int) -> bool:
        """Whether a dated line stands close below line ``number``, as under a headline."""
        return any(self._dated(below) for below in range(number + 1, number + 1 + TITLE_FIELDS_WITHIN + COUNTERS_UNDER_TITLE))

    def _above_fields(self, number: int, limit: int) -> int:
        """How many short lines from ``number`` on, none ending like a paragraph, stand right above
        a dateline, a byline or a widget bar (not a source line: photo credits are those too): a
        title that ends like a question (雄孔雀时代来临？), a breadcrumb or byline the repair step
        could not get back. 0 if none do."""
        for count in range(1, ABOVE_FIELDS_MAX + 1):
            following = number + count
            above = self.lines[following - 1]
            if following >= limit or not above or len(above) > TITLE_MAX_LENGTH or above[-1] in _PARAGRAPH_END:
                return 0
            facts = self.fields(self.lines[following])
            if facts is not None and (not facts or facts.keys() & {"published", "author"}):
                return count
        return 0

    def _remove_above_fields(self, number: int, count: int) -> None:
        """Remove ``count`` lines from ``number``: the longest that reads as text is the title
        (unless the page has one; a widget's word is none), the others are chrome that was garbled."""
        lines = range(number, number + count)
        readable = [i for i in lines if "\ufffd" not in self.lines[i] and garbage_score(self.lines[i]) < GARBAGE_THRESHOLD
                    and not self._widget_word(self.lines[i])]
        title = max(readable, key=lambda i: len(self.lines[i]), default=None) if "title" not in self._facts() else None
        for i in lines:
            if i == title:
                self.remove(i, "title", {"title": self.lines[i]})
            else:
                self.remove(i, "garbled-top")

    def _is_title(self, number: int) -> bool:
        """Whether line ``number`` is a headline: on a page whose headline is known, that
        headline; else headline-sized words (not a counter, a label or a sentence) with a line
        of fields right below it, past a tool row (`TOOL_ROW_MAX` lines of widgets) and bare
        counters."""
        line = self.lines[number]
        if self.headline is not None:
            return "title" not in self._facts() and letters(line) == self.headline
        if "title" in self._facts() or not self._headline_shaped(line) \
                or (len(line.split()) > 1 and self.rules.fields.names_line.fullmatch(line)) \
                or not _HAN.search(line) or self._label_value(number):
            return False
        grammar = self.rules.fields
        for below_number in range(number + 1, min(number + 1 + TOOL_ROW_MAX, len(self.lines))):
            below = self.lines[below_number]
            if self.fields(below) or grammar.label_alone(below):
                return True
            if letters(below).isdigit() or not letters(below) or grammar.names_line.fullmatch(below) \
                    or _HANDLE.fullmatch(below.strip()) or not _HAN.search(below) \
                    or self._short_label(below_number) or self._label_value(below_number) \
                    or (len(letters(line)) > SECTION_NAME_MAX_LENGTH and self._section_over_fields(below_number)):
                # a counter (8, 34976), a bare separator, the author's name or handle, a line of
                # the site's interface in another script (Article information, Getty Images), a
                # label and its value (图像来源， / Getty Images, Role, / 本台记者, 朝代： / 唐代),
                # the column's name right over the dateline under a longer headline (天下 /
                # 2022-06-15 18:30; a widget's 全部删除 over 热搜词 and a date is no headline)
                continue
            if not self._widget_word(below) and _line_rule(below, self.rules, TOP_BLOCK) is None:
                return False
        return False

    def _section_over_fields(self, number: int) -> bool:
        """Whether line ``number`` is a column's name alone right above a line of fields, as a
        site sets it between the headline and the dateline (天下 / 2022-06-15 18:30): a
        section's name's length, no clause."""
        line = self.lines[number].strip()
        return 0 < len(letters(line)) <= SECTION_NAME_MAX_LENGTH and not _CLAUSE_MARK.search(line) \
            and number + 1 < len(self.lines) and self.fields(self.lines[number + 1]) is not None

    def _short_label(self, number: int) -> bool:
        """Whether line ``number`` is a short label set off by a comma or a colon, its value on
        the next line (图像加注文字， / a caption, Author, / the author's name, 朝代： / 唐代)."""
        line = self.lines[number].strip()
        return line[-1:] in _LABEL_ENDS and 0 < len(letters(line)) <= SECTION_NAME_MAX_LENGTH

    def _label_value(self, number: int) -> bool:
        """Whether line ``number`` is the value of a short label above it (`_short_label`)."""
        return number > 0 and self._short_label(number - 1)

    def _facts(self) -> dict[str, str]:
        """The facts of the lines removed so far (the first of each kind), kept until the next removal."""
        if self._merged_facts is None:
            self._merged_facts = {}
            for change in self.removed.values():
                facts = change.detail.get("facts")
                if facts:
                    for key, value in facts.items():
                        self._merged_facts.setdefault(key, value)
        return self._merged_facts

    def scan_bottom(self, first_body: int) -> int:
        """Remove the chrome block below the body; returns one past the last body line."""
        number = len(self.lines) - 1
        while number >= first_body:
            if number in self.removed or self._bottom_chrome(number):
                number -= 1
                continue
            if garbage_score(self.lines[number]) >= GARBAGE_THRESHOLD:
                self.remove(number, "garbage")
                number -= 1
                continue
            kind = self._counter_or_headline(number)
            if kind:
                self.remove(number, kind)
                number -= 1
                continue
            # (a list's item is a headline: a paragraph below the body is read no further)
            listed = self._list_from_headline(number, first_body) if len(self.lines[number]) <= TITLE_MAX_LENGTH else 0
            if listed:
                for line in range(number - listed + 1, number + 1):
                    self.remove(line, "related-list")
                number -= listed
                continue
            if self._garbled_below_chrome(number, first_body):
                self.remove(number, "garbled-bottom")
                number -= 1
                continue
            if self._between_chrome(number, first_body):
                self.remove(number, "between-chrome")
                number -= 1
                continue
            tags = self._tags_above_chrome(number, first_body)
            if tags:
                for line in range(number - tags + 1, number + 1):
                    self.remove(line, "tags")
                number -= tags
                continue
            if self._bulleted(number, first_body):
                self.remove(number, "bullet-list")
                self.remove(number - 1, "bullet-list")
                number -= 2
                continue
            if self._strip_tail(number):
                if not self.edited[number]:
                    del self.edited[number]
                    self.remove(number, "end-mark")
                    number -= 1
                continue
            break
        return number + 1

    def _garbled_below_chrome(self, number: int, first_body: int) -> bool:
        """Whether line ``number`` of the bottom block is chrome the repair step could not get back
        (a U+FFFD in a short line, or a garbage score of ``GARBLED_THRESHOLD``) right below a
        line of chrome (or two such lines and then chrome): the block goes on above it."""
        for above in range(number, max(number - GARBLED_RUN, first_body - 1), -1):
            line = self.lines[above]
            if above in self.removed or len(line) > FIELDS_MAX_LENGTH or not (
                    "\ufffd" in line or garbage_score(line) >= GARBLED_THRESHOLD):
                return False
            # (classifying the line above removes it if it is chrome, as the scan would next)
            if above - 1 >= first_body and (above - 1 in self.removed or self.classify(above - 1, BOTTOM_BLOCK)):
                return True
        return False

    def _counter_or_headline(self, number: int) -> str | None:
        """What line ``number`` of the bottom block is, when it is a widget's counter (numbers
        and signs only: 1 (33%)2 (67%)) or the page's headline again (a rating or share box)."""
        line = self.lines[number].strip()
        if _COUNTER.fullmatch(line):
            return "counter"
        if len(line) > TITLE_MAX_LENGTH:
            return None
        title = self._facts().get("title")
        return "headline-again" if title and letters(line) == letters(title) else None

    def _list_from_headline(self, number: int, first_body: int) -> int:
        """How many lines up to line ``number`` of the bottom block are a column's list of
        headlines that names the article itself first (its headline again, then others', one a
        line, with no heading): headline-shaped lines, none a paragraph, up from ``number`` to
        the page's headline within `MAX_LISTED_HEADLINES` lines. 0 where they are not."""
        title = self._facts().get("title")
        if title is None:
            return 0
        words = letters(title)
        for count in range(1, min(MAX_LISTED_HEADLINES, number - first_body) + 1):
            above = number - count + 1
            line = self.lines[above].strip()
            if above in self.removed or not self._headline_shaped(line) or self._paragraph_shaped(above):
                return 0
            if letters(line) == words:
                return count if count > 1 else 0
        return 0

    def _between_chrome(self, number: int, first_body: int) -> bool:
        """Whether line ``number`` of the bottom block is a short line, not a sentence, with
        chrome on both sides (an app's slogan split over two text nodes, a widget's caption):
        the block goes on above it."""
        line = self.lines[number]
        # (a sentence may end inside its quotes: …什么方向？”)
        if len(line) > LIST_HEAD_MAX_LENGTH or line.rstrip().rstrip(_CLOSING_QUOTES)[-1:] in _NOT_MENU_END \
                or number + 1 not in self.removed:
            return False
        # (classifying the line above removes it if it is chrome, as the scan would next)
        return number - 1 >= first_body and (number - 1 in self.removed or self._bottom_chrome(number - 1))

    def _tags_above_chrome(self, number: int, first_body: int) -> int:
        """How many lines up to line ``number`` of the bottom block are an article's tags, one a
        line with no label (人工智能 / AI模型): `MIN_TAGS` to `MAX_TAGS` words of a section's
        name's length, no clause among them, between the last paragraph (a paragraph's length or
        a sentence's end) and the article's credit below it (a line of chrome with its facts:
        本文来自…, 编辑：…), not a page's buttons (取消 / 确认 under a dialog's question). 0 if they are not."""
        below = self.removed.get(number + 1)
        if below is None or not below.detail.get("facts"):
            return 0
        for count in range(1, MAX_TAGS + 1):
            line = self.lines[number - count + 1].strip()
            if number - count + 1 <= first_body or not line or _CLAUSE_MARK.search(line) \
                    or len(letters(line)) > SECTION_NAME_MAX_LENGTH or letters(line).isdigit():
                return 0
            above = self.lines[number - count].rstrip()
            if count >= MIN_TAGS and len(letters(above)) > SECTION_NAME_MAX_LENGTH and (
                    len(above) >= PARAGRAPH_LENGTH or above.rstrip(_CLOSING_QUOTES)[-1:] in _SENTENCE_END):
                return count
        return 0

    def _bottom_chrome(self, number: int) -> bool:
        """Remove line ``number`` of the bottom block if a rule or the field grammar says it is
        chrome (`classify`), or it is a byline alone: names in round brackets on a line of their
        own below the last paragraph (（王五）, as `_bare_byline` after it; no picture's credit)."""
        if self.classify(number, BOTTOM_BLOCK):
            return True
        line = self.lines[number].strip()
        bracketed = line.startswith(("（", "(")) and line.endswith(("）", ")"))
        facts = self._bracketed_byline(line[1:-1].strip()) if bracketed else None
        if facts is None:
            return False
        self.remove(number, "byline", facts)
        return True

    def _bulleted(self, number: int, first_body: int) -> bool:
        """Whether line ``number`` of the bottom block is an item of a list of links, each after a
        bullet alone on the line above (``·`` / a headline: the bullet is a text node of its own,
        which an article's own list does not have)."""
        return number - 1 >= first_body and len(self.lines[number]) <= TITLE_MAX_LENGTH \
            and self.lines[number - 1].strip() in _BULLETS

    def _strip_tail(self, number: int) -> bool:
        """Cut one byline, editor note or end mark off the end of line ``number``: a bracketed
        group of fields (or 完), else a tail rule's match."""
        line = self.edited.get(number, self.lines[number]).rstrip()
        opening = _BRACKETS.get(line[-1:])
        start = line.rfind(opening) if opening else -1
        if start >= 0:
            inner = line[start + 1 : -1].strip()
            facts = self.fields(inner) or self.rules.fields.glued_facts(inner) or self._bare_byline(line, start, inner)
            if inner in ("完", "全文完", "END") or (facts and not facts.keys() <= {"published"}):
                rule = _facts_rule(facts) if facts else "end-mark"
                return self._cut(number, line, start, rule, facts or {})
        tail_start = max(0, len(line) - TAIL_MAX_LENGTH)
        for rule in self.rules.tails:
            match = rule.pattern.search(line, tail_start) if rule.may_match(line, tail_start, len(line)) else None
            if match:
                facts = {k: v.strip() for k, v in match.groupdict().items() if v}
                return self._cut(number, line, match.start(), rule.name, facts)
        return False

    def _bare_byline(self, line: str, start: int, inner: str) -> dict[str, str] | None:
        """The authors of a byline of names alone in round brackets after the last sentence
        (…。（王五 李四）, `_bracketed_byline`)."""
        if line[start] not in "（(" or line[:start].rstrip()[-1:] not in _SENTENCE_END:
            return None
        return self._bracketed_byline(inner)

    def _bracketed_byline(self, inner: str) -> dict[str, str] | None:
        """The authors a byline of names alone in brackets names (王五 李四), as papers sign a
        story with no label: names that open with a common surname (`FieldGrammar.names_line`);
        no photographer's or picture's credit (王五摄, a caption's, which the source text keeps)."""
        if inner.endswith(_CREDIT_ENDS) or not self.rules.fields.names_line.fullmatch(inner):
            return None
        return {"author": inner}

    def _cut(self, number: int, line: str, start: int, rule: str, facts: dict[str, str]) -> bool:
        detail = {"facts": facts, "part": "tail"} if facts else {"part": "tail"}
        self.affixes.append(Change(STEP, f"{STEP}.{rule}", line[start:], "", number + 1, detail))
        self.edited[number] = line[:start].rstrip()
        return True

    def strip_head(self, number: int) -> bool:
        """Cut a news agency's dateline lead or a byline off the start of line ``number``."""
        line = self.edited.get(number, self.lines[number])
        indent = len(line) - len(line.lstrip())
        for rule in self.rules.heads:
            match = rule.pattern.match(line, indent) if rule.may_match(line, indent, indent + HEAD_MAX_LENGTH) else None
            if match and match.end() < len(line):
                facts = {k: v.strip() for k, v in match.groupdict().items() if v}
                detail = {"facts": facts, "part": "head"} if facts else {"part": "head"}
                self.affixes.append(Change(STEP, f"{STEP}.{rule.name}", match.group(0), "", number + 1, detail))
                self.edited[number] = line[:indent] + line[match.end() :]
                return True
        return False

    def furnished_article(self, first: int, end: int) -> Region | None:
        """The article of lines ``first``..``end`` where the lines the rules left around it are a
        whole page's furniture: `MIN_FURNITURE` lines or more on both sides, or a menu
        (`MENU_LINES` lines or more of `MENU_MEAN_LENGTH` characters on average) on one; None
        where they are not (a page of article alone keeps a list or clauses of short lines on one
        side at most). The headings of lists (related news, comments: a rule with
        ``drops_following``) bound the article; a headline the page's first line names, which
        may end like a sentence, is not its first line."""
        removed = list(self.removed)
        found = self._furniture.furnished_article(first, end, removed, self.rules.matcher, self.rules.list_headings,
                                                  self._title_open)
        if found is not None and self._notice_alone(*found):
            # A site's notice below a short article, its clauses as long as the article's
            # paragraphs, is no article: the article is found again without it.
            found = self._furniture.furnished_article(first, end, sorted({*removed, *range(*found)}), self.rules.matcher,
                                                      self.rules.list_headings, self._title_open)
        return None if found is None else Region(*found)

    def _notice_alone(self, start: int, end: int) -> bool:
        """Whether every line of ``start``..``end`` the rules left is a clause of a site's notice
        (a rule named `NOTICE_RULE`)."""
        left = [i for i in range(start, end) if i not in self.removed]
        holding = self.rules.notice_scan.lines_holding([self.lines[i] for i in left])
        return bool(left) and len(holding) == len(left) and all(
            (found := self.rules.matcher.rule_for(self.lines[i], BOTTOM_BLOCK)) is not None
            and self.rules.lines[found].name == NOTICE_RULE for i in left)

    def strip_furniture(self, first: int, end: int, article: Region) -> int:
        """Remove the lines of ``first``..``end`` outside ``article``: those within `HEAD_WINDOW`
        above it and `TAIL_WINDOW` below it by the rules, with the facts they carry; the title
        where the page's first line (its <title>) names it; all the rest as furniture, but for
        the article's first sentences above it (`_sentences_over_article`). Returns where the
        article starts, with them."""
        # The article's own header runs from its headline down (the dateline under a headline
        # with a share bar and counters below it), or the window where no headline is named.
        head, tail, headline, header, (near_start, near_end) = self._furniture.plan(
            first, end, (article.start, article.end), list(self.removed), self._title_open)
        headline = self._first_part_line(headline, header)
        for number in header:
            if number != headline:
                self.classify(number, TOP_BLOCK)
        if headline is not None and not self._is_title(headline) and not self._dated_under(headline):
            # A <title> that opens with its section's name (工作动态--某某学会) names a menu's
            # entry, no headline: one right above the article's dateline is the headline. A
            # <title> of the site's name and the headline (Joel on Software - 给计算机系学生的建议)
            # names two lines: the site's, at the top of the page, may be the longer; the
            # headline is the one right above the article's byline and dateline.
            # A <title> naming neither (a blog's and its site's names: China-Pub blog--洞庭一叶)
            # names a line of the site's banner, past a sidebar above the article's own header
            # (`HEAD_WINDOW` lines): a headline with its dateline below in that header is the
            # article's.
            short = len(self.lines[headline]) <= SECTION_NAME_MAX_LENGTH
            below = [i for i in reversed(header) if i > headline and i not in self.removed]
            # (a line the <title> holds inside one of its parts, a book's name in 《》 after the
            # chapter's headline, names no headline in place of one the <title> holds whole)
            whole = self._title_part(headline)
            named = None if short else next((i for i in below if self._furniture.names_headline(i, True)
                                             and (self._is_title(i) or self._dated_under(i))
                                             and (self._title_part(i) or not whole)), None)
            if named is None and (short or article.start - headline > HEAD_WINDOW):
                titled = next((i for i in below if self._is_title(i)
                               and (short or article.start - i <= HEAD_WINDOW)), None)
            else:
                titled = named
            if titled is not None:
                self.remove(headline, "menu")
                headline = named
        if headline is None:
            # A headline right above its dateline, the nearest to the article (a list of teasers
            # with their dates may stand higher up); a name as short as a section's right over the
            # dateline (a source's, 信报财经新闻) stands under the headline, where one is above it.
            titled = next((i for i in reversed(header) if i not in self.removed and self._is_title(i)), None)
            if titled is not None and (not self._dated_under(titled) or self._section_over_fields(titled)):
                titled = self._dated_headline_above(titled) or titled
            if titled is not None:
                self.remove(titled, "title", {"title": self.lines[titled]})
        for number in tail[:TAIL_WINDOW]:
            self.classify(number, BOTTOM_BLOCK)
        if headline is None and self._first_line_names_no_article():
            headline = self._headline_over(article.start)
        if headline is None and "title" not in self._facts() and _HOME_LINK.fullmatch(self.lines[0].strip()):
            # (a page with no <title>, opening with a link to the site's front page: 百度首页)
            headline = self._headline_said_twice(header)
        self._page_title(headline, bool(head) and head[0] == 0 and 0 not in self.removed)
        # Facts far from the article are the page's, not the article's (a header's date of today).
        for number, change in list(self.removed.items()):
            if not near_start <= number < near_end and change.detail.get("facts", {}).keys() - {"title"}:
                self.remove(number, "boilerplate")
        opening = self._sentences_over_article(article.start)
        self._remove_furniture([number for number in head + tail if number not in self.removed and number not in opening])
        return min(opening, default=article.start)

    def _sentences_over_article(self, start: int) -> set[int]:
        """The lines between the article's fields (the last line above ``start`` a rule took with
        its facts: the dateline, the byline) and ``start`` that no rule took, ending like a
        statement and as long as a lead's sentence (`OPENING_SENTENCE_MIN`): the article's first
        sentences, set apart from its paragraphs by a picture's caption, an advert or a widget."""
        fielded = next((i for i in range(start - 1, -1, -1)
                        if i in self.removed and self.removed[i].detail.get("facts", {}).keys() - {"title"}), None)
        if fielded is None:
            return set()
        return {i for i in range(fielded + 1, start) if i not in self.removed
                and self.lines[i].rstrip()[-1:] in _STATEMENT_END and len(self.lines[i].strip()) >= OPENING_SENTENCE_MIN}

    def _first_line_names_no_article(self) -> bool:
        """Whether the page's first line names no article: a <title> of the site's and the kind
        of page's names alone (two parts or more, each of a section's name's length: 电子报_内容
        详情), or a widget's word where the page has no <title> (日期选择)."""
        parts = self._title_part_letters
        return self._widget_word(self.lines[0]) \
            or (len(parts) > 1 and all(len(part) <= SECTION_NAME_MAX_LENGTH for part in parts))

    def drop_column_name(self) -> None:
        """Take a column's name and its stroke off the title (`_COLUMN_MARK`: 政能亮丨…) where the
        page names the column on a line of its own (政能亮, under the dateline): the column's
        name, no part of the headline. (Elsewhere it may be the headline's own: 新华全媒+丨….)"""
        if not _COLUMN_MARK.match(self._facts().get("title", "")):
            return  # (the facts merged so far are kept: no walk over a whole page's removals)
        for number, change in list(self.removed.items()):
            facts = change.detail.get("facts", {})
            mark = _COLUMN_MARK.match(facts.get("title", ""))
            if mark and any(line.strip() == mark["column"] for line in self.lines):
                self.remove(number, change.rule.removeprefix(f"{STEP}."), {**facts, "title": facts["title"][mark.end():]})

    def _headline_said_twice(self, header: list[int]) -> int | None:
        """The first line of ``header`` shaped like a headline and longer than a section's name
        that the header says again lower down (an entry's name over its tool row, then as the
        first value of its infobox: 中文名 / the name); None if none is. For a page with no
        <title>, where no dateline marks the headline."""
        seen: dict[str, int] = {}
        for number in header:
            words = letters(self.lines[number])
            if len(words) > SECTION_NAME_MAX_LENGTH and words in seen:
                return seen[words]
            if number not in self.removed and self._headline_shaped(self.lines[number]):
                seen.setdefault(words, number)
        return None

    def _headline_over(self, start: int) -> int | None:
        """Line ``start`` - 1 where it reads as the headline of the article from line ``start``
        on (headline-shaped, no paragraph, no chrome a rule took); else None."""
        above = start - 1
        taken = self.removed.get(above)
        if above <= 0 or (taken is not None and taken.rule not in _NOT_CHROME_RULES) \
                or not self._headline_shaped(self.lines[above]) or self._paragraph_shaped(above):
            return None
        return above

    def _title_part(self, number: int) -> bool:
        """Whether line ``number`` is a whole part of the page's <title> (its first line), between
        its separators (`title_parts`)."""
        return letters(self.lines[number]) in self._title_part_letters

    def _first_part_line(self, headline: int | None, header: list[int]) -> int | None:
        """The headline the <title> names: a <title> sets the headline first and the site's name
        after it (绑在业绩上的创意 - 维基百科，自由的百科全书), so where ``headline`` is a later
        part (the site's name over the article, the longer), the line of ``header`` that is the
        first part is the headline (where that part is longer than a section's name)."""
        if headline is None or not self._title_part(headline):
            return headline
        first = self._title_part_letters[0]
        if letters(self.lines[headline]) == first or len(first) <= SECTION_NAME_MAX_LENGTH:
            return headline
        return next((i for i in header if i not in self.removed and letters(self.lines[i]) == first), headline)

    def _remove_furniture(self, numbers: list[int]) -> None:
        """Remove lines ``numbers`` as furniture (`remove` of each, with no facts): a whole page's
        menus and lists are hundreds of lines."""
        lines, rule = self.lines, f"{STEP}.boilerplate"
        # (lines removed for the first time and without facts leave `_facts` as it is)
        self.removed.update({number: Change(STEP, rule, lines[number], "", number + 1, {}) for number in numbers})

    def _dated_headline_above(self, number: int) -> int | None:
        """The headline over its dateline above line ``number``, a short line over a byline (a
        column's name in brackets, a widget's label: 【新春走基层】 / 记者 王五), where only lines
        as short or chrome stand between them (a share bar's 微信 / 微博); None if there is none
        or a longer line (a teaser, a paragraph) stands between."""
        if len(letters(self.lines[number])) > SECTION_NAME_MAX_LENGTH:
            return None
        for above in range(number - 1, max(number - TOOL_ROW_MAX, 0) - 1, -1):
            if above in self.removed:
                continue
            if self._is_title(above) and self._dated_under(above):
                return above
            if len(letters(self.lines[above])) > SECTION_NAME_MAX_LENGTH:
                return None
        return None

    def _page_title(self, headline: int | None, first_left: bool) -> None:
        """Take the headline (`Furniture.named_headline`) for the title, rather than one the rules
        found; else the title the rules found or the page's first line (where it is left, its
        <title>: ``first_left``), without the site's name."""
        found = [i for i, change in self.removed.items() if "title" in change.detail.get("facts", {})]
        if headline is not None:
            for number in found:
                self.remove(number, "boilerplate")
            first, last = self._wrapped_headline(headline)
            for number in range(first, last + 1):
                self.remove(number, "title")
            title = "".join(self.lines[first:last + 1])
            self.remove(headline, "title", {"title": self._headline_in_title_copy(title)})
            return
        number = found[0] if found else 0
        if number != 0 or (not found and not first_left):
            return
        title = headline_of(self.lines[0])
        if MIN_TITLE_LENGTH <= len(title) <= TITLE_MAX_LENGTH and title.rstrip()[-1] not in _NOT_HEADLINE_END \
                and (title != self.lines[0] or not found):
            self.remove(0, "title", {"title": title})

    def _headline_in_title_copy(self, title: str) -> str:
        """``title`` without the site's name and section (`headline_of`) where it is the page's
        <title> said again (a copy of it, 天津港提前完成全年生产任务__商贸_产业资讯_新浪网) and the
        page sets that headline alone on a line of its own; else ``title``."""
        if title != self.lines[0] or (headline := headline_of(title)) == title or len(headline) < MIN_TITLE_LENGTH:
            return title
        words = letters(headline)
        return headline if any(letters(line) == words for line in self.lines[1:]) else title

    def _wrapped_headline(self, headline: int) -> tuple[int, int]:
        """The first and last lines of the headline the page's <title> names, where line
        ``headline`` is a part of it: a long headline set in a narrow box comes over two or three
        lines (全国人民代表大会常务委员会 / 关于批准…购买外汇及 / 调整…的决议), which the <title>
        holds joined, at its start. A line the <title> holds between its separators whole (the
        site's name) is no part of the headline."""
        title_letters = letters(self.lines[0])
        parts = set(self._title_part_letters)
        first = last = headline
        for step in (-1, 1):
            joined = letters(self.lines[headline])
            number = headline + step
            while 0 < number < len(self.lines) and abs(number - headline) < WRAPPED_HEADLINE_LINES:
                line = self.lines[number]
                more = letters(line)
                if not more or len(line) > TITLE_MAX_LENGTH or line.rstrip()[-1] in _NOT_HEADLINE_END \
                        or more in parts or (number in self.removed and self.removed[number].rule not in _NOT_CHROME_RULES):
                    break
                upper, lower = (line, self.lines[number + 1]) if step < 0 else (self.lines[number - 1], line)
                joined = more + joined if step < 0 else joined + more
                if joined not in title_letters or not _MID_PHRASE.search(upper[-2:] + "\n" + lower[:2]):
                    break
                first, last = min(first, number), max(last, number)
                number += step
        if not title_letters.startswith("".join(letters(self.lines[i]) for i in range(first, last + 1))):
            return headline, headline
        return first, last

    def middle_candidates(self, first: int, end: int) -> list[int]:
        """Body lines worth classifying: short ones (bylines, captions) and keyword hits.

        One literal scan over the body finds the keyword hits, so long clean paragraphs cost no
        per-line work.
        """
        candidates = {i for i in range(first, end) if len(self.lines[i]) <= MIDDLE_FIELDS_MAX_LENGTH}
        keywords = self.rules.keyword_scan("anywhere", MIDDLE_FIELDS_MAX_LENGTH)
        candidates.update(first + i for i in keywords.lines_holding(self.lines[first:end]))
        return sorted(i for i in candidates if i not in self.removed)

    def body(self) -> str:
        return "\n".join(
            self.edited.get(i, line) for i, line in enumerate(self.lines) if i not in self.removed
        )


def _remove_once(text: str, rules: RuleBook, whole_page: bool, first_pass: bool,
                 headline: str | None) -> tuple[str, list[Change], bool]:
    page = _Page(text, rules, headline)
    first_body = page.scan_top()
    end_body = page.scan_bottom(first_body)
    article = page.furnished_article(first_body, end_body) if whole_page and first_pass else None
    if article is not None:
        first_body = page.scan_top(page.strip_furniture(first_body, end_body, article))
        end_body = page.scan_bottom(first_body)
    elif whole_page and first_pass and first_body < end_body and (
            first_body == 0 or len(page.lines[first_body]) <= LIST_HEAD_MAX_LENGTH):  # a menu may open there
        menu_start = first_body
        first_body = page.scan_top(first_body, menus=True)
        if first_body != menu_start:
            end_body = page.scan_bottom(first_body)
    removed_before = len(page.removed)
    candidates = page.middle_candidates(first_body, end_body)
    for number in candidates:
        if number not in page.removed:
            page.classify(number, BODY, in_body=True)
    sections_numbered = page.sections_numbered(candidates)
    for number in candidates:
        if number not in page.removed and page.piece_alone(number, sections_numbered):
            page.remove(number, "counter")
    # A list the middle pass took out (related news after their heading) may have hidden the
    # end of the bottom block: the editor line above the heading. (With nothing taken out, the
    # scan would stop where it stopped.)
    if len(page.removed) > removed_before:
        end_body = page.scan_bottom(first_body)
    body_lines = [i for i in range(first_body, end_body) if i not in page.removed]
    # An extractor keeps the lead of an article (新华社上海11月30日电): it is the article's first words.
    while whole_page and body_lines and page.strip_head(body_lines[0]):
        pass
    page.drop_column_name()
    changes = sorted(page.removed.values(), key=lambda c: c.line or 0) + page.affixes
    return page.body(), changes, bool(page.affixes)


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
