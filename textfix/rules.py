"""The chrome rule book: loads ``data/chrome_rules.toml`` into compiled, named rules.

Rules are written once in Simplified Chinese; each pattern and label is also compiled in its
OpenCC Traditional spellings (s2t, s2tw, s2hk), so one rule covers both scripts.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources
from typing import Any, Iterable, Iterator

import opencc
import regex

from . import _core
from .dates import DATE_TIME, NAMED_DATE_START, TIME

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

# OpenCC's Traditional spellings: s2t, and s2tw and s2hk as s2t then each region's variants
# (t2tw, t2hk), which spell the rule book alike (`tests/test_rules.py`) with s2t's phrase tables
# loaded once rather than three times (a tenth of a process's start-up).
_STANDARD_CONFIG = "s2t"
_REGIONAL_CONFIGS = ("t2tw", "t2hk")

NOTICE_RULE = "disclaimer"  # a site's notice: never the article, whatever its length
OUTLET_ENDS = "社|报|台|网"  # how the name of an outlet before a byline's label ends (新华社, 本报)


@lru_cache(maxsize=None)
def _spelling_converter(config: str) -> opencc.OpenCC:
    """OpenCC's converter that spells the rule book in Traditional: an instance of its own, let go
    once a rule book is loaded (`load_rules`), as no cleaning step reads these configs when the
    target is Simplified, and they hold about 42 MB."""
    return opencc.OpenCC(config)


def with_traditional(text: str) -> list[str]:
    """``text`` and its distinct Traditional spellings (s2t, s2tw, s2hk), Simplified first."""
    standard = _spelling_converter(_STANDARD_CONFIG).convert(text)
    spellings = [text]
    for converted in [standard, *(_spelling_converter(c).convert(standard) for c in _REGIONAL_CONFIGS)]:
        if converted not in spellings:
            spellings.append(converted)
    return spellings


def literals(words: Iterable[str]) -> str:
    """A pattern matching any of ``words`` as written, the longest first where one begins another:
    the words as a trie (新华社|新华网 → 新华(?:社|网)), which re and regex run far faster than a
    flat alternation of hundreds of words, as each position is tried against one character class
    at a time."""
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for character in word:
            node = node.setdefault(character, {})
        node[""] = {}
    return _trie_pattern(trie)


def _trie_pattern(node: dict[str, dict]) -> str:
    branches = [regex.escape(character) + _trie_pattern(child) for character, child in sorted(node.items()) if character]
    if "" in node:
        return f"(?:{'|'.join(branches)})?" if branches else ""
    return branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"


def _alternation(words: list[str]) -> str:
    spellings = {s for word in words for s in with_traditional(word)}
    return literals(spellings)


@dataclass(frozen=True)
class LineRule:
    """A whole line is chrome when its pattern matches it within ``where`` and ``max_length``
    (the compiled core matches the patterns: `RuleBook.matcher`)."""

    name: str
    where: str
    max_length: int
    # The pattern where a U+FFFD of the line (a character the repair step could not get back)
    # may stand for any one of its characters, a few at most (`tolerant`), in every spelling.
    tolerant_source: str
    drops_following: bool = False
    # Whether the line is chrome only where the page says its words (after a label) again.
    said_again: bool = False
    examples: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()  # every spelling, Simplified and Traditional
    places: int = 0  # the bits of the places (`_core.TOP`, …) the rule applies in

    @cached_property
    def tolerant(self) -> regex.Pattern[str]:
        """The compiled `tolerant_source`: only lines that lost characters are read with it, on
        few pages, so a rule's is compiled when the first such line asks for it rather than
        with the rule book (compiling all of them was a sixth of a process's start-up)."""
        return regex.compile(self.tolerant_source, regex.V1)


@dataclass(frozen=True)
class AffixRule:
    """A prefix (``head``) or suffix (``tail``) of a body paragraph that is chrome."""

    name: str
    pattern: regex.Pattern[str]
    examples: tuple[str, ...] = ()
    # Every spelling of the words the pattern needs (None: no prefilter): a literal scan of the
    # paragraph's edge spares most paragraphs the pattern, whose matching is far dearer.
    keywords: tuple[str, ...] | None = None

    @cached_property
    def _keyword_scan(self) -> re.Pattern[str] | None:
        return None if self.keywords is None else re.compile(literals(self.keywords))

    def may_match(self, text: str, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` holds one of the rule's keywords (always, with none)."""
        scan = self._keyword_scan
        return scan is None or scan.search(text, start, end) is not None


def _affix_keywords(rules: tuple[AffixRule, ...]) -> list[str] | None:
    """Every keyword of ``rules``: a paragraph whose edge holds none is none of theirs (None where
    a rule needs no keyword)."""
    if any(rule.keywords is None for rule in rules):
        return None
    return sorted({word for rule in rules for word in rule.keywords or ()})


@dataclass(frozen=True)
class FieldGrammar:
    """Tokens of metadata lines: dates, times, ``label: value`` fields and widget words.

    ``core`` reads them (`textfix.chrome.parse_fields`): the tokens of a line, in this order,
    each the first that reads at its place, as a backtracking engine would read them:

    - ``sep``: separators and spaces;
    - ``place``: where the page says the writer was (发布于北京, IP属地：广东), two to eight Han
      characters that no Han character or digit follows;
    - ``datelabel``: a label of the date (发布时间), ``datetime``: a date and its time or a
      time alone (`textfix.dates`), ``weekday``;
    - ``label``: a label of a value, and its value after a separator, or with none after a
      label that ends in a preposition (`unspaced`, 转载自…); or its colon at the line's end
      (``dangling``: the value is on the next line) or before another label (``empty``);
    - ``widget``: a widget word and its count (阅读 10万+); one of one character (the 大 中 小
      of a font-size switch) only before another widget word, a character that is no Han or
      the end;
    - ``code`` (ABC123), ``count`` (39300, 12人参与);
    - ``prefix``: a word of Han characters before a label (澎湃新闻 before 记者 张三);
    - ``name``: two to eight Han characters, none opening a label and its separator.
    """

    label_field: dict[str, str]
    # The grammar compiled in the core: the tokens, the labels and those that lost one character
    # to U+FFFD (来�), each with the label it stands for (one of those it may be, where all of
    # them name the same field: 来源, 来自), widget bars and labels alone on a line.
    core: _core.FieldGrammar
    # Widget words in every spelling, and with one character lost to U+FFFD (打�, 超�).
    widget_words: frozenset[str]
    # A byline in brackets glued to a paragraph's end, its name right after the label
    # (…奖励。（记者王晓明）, （新华社记者王晓明 通讯员李明）): an outlet's name at most, then an
    # author's or editor's label of two characters or more (the first gives the field), and names
    # that open with a common surname (（记者表示） is no byline).
    glued_byline: re.Pattern[str]
    # A line of people's names only (杜红涵 侯志): the byline under a column's headline.
    names_line: re.Pattern[str]

    def label_alone(self, line: str) -> bool:
        """Whether ``line`` ends with a label whose value is on the next line: a label and its
        colon, or a label of two characters or more alone, after a word of two Han characters
        at most (本文来源于), three characters in all (作者 alone is a menu's or a table's word as
        often)."""
        return self.core.label_alone(line)

    def glued_facts(self, inner: str) -> dict[str, str] | None:
        """The field of a bracketed byline with no separator after its label (`glued_byline`)."""
        match = self.glued_byline.fullmatch(inner)
        return {self.label_field[match["label"]]: match["name"]} if match else None

    def prepared(self, line: str) -> str:
        """``line`` as the grammar reads it. U+FFFD is what the repair step leaves for a lost
        byte; in a label it stands for a lost character (来�: 来源), written out again; between
        the numbers of a date or time for its separator (09�18日, 13�38), written as ``-`` or
        ``:``; elsewhere in a dateline it sits between the parts of the date (2019年�06月�19日�),
        which read as a date without it, and it is taken out."""
        return self.core.prepared(line)

    def restore_garbled_labels(self, line: str) -> str:
        """``line`` with a label of three characters or more that has one wrong character, or a
        comma for its colon, written out again with its colon; a label of any length when the
        line is only the label, the comma and a short name (编辑，谢�, 【责编，王平】). Above and
        below a body only: inside it, 记者，… opens sentences."""
        return self.core.restore_garbled(line)


@dataclass(frozen=True, eq=False)
class RuleBook:
    """Every chrome rule, compiled: line rules, paragraph head/tail rules, the field grammar.

    ``matcher`` holds the line rules' patterns and keywords in the compiled core: a line meets
    only the rules whose keywords it holds, in the rule book's order (the first that matches
    names it).
    """

    lines: tuple[LineRule, ...]
    heads: tuple[AffixRule, ...]
    tails: tuple[AffixRule, ...]
    fields: FieldGrammar
    matcher: _core.LineRules

    @cached_property
    def list_headings(self) -> list[int]:
        """The numbers of the line rules that head a list (``drops_following``)."""
        return [number for number, rule in enumerate(self.lines) if rule.drops_following]

    @cached_property
    def chrome(self) -> _core.ChromeRules:
        """The rule book as the core reads a page's chrome with it (`textfix.chrome`): the line
        rules, the field grammar, the garbage score, each rule's name (the core knows a site's
        notice by it) and whether it heads a list or asks for its words said again, the keywords
        of the rules a body's long lines may meet and of the notices, and the hooks for the
        patterns Python reads."""
        from .chrome import Hooks
        from .repair.detect import garbage_scorer

        return _core.ChromeRules(
            matcher=self.matcher, grammar=self.fields.core, garbage=garbage_scorer(),
            widget_words=set(self.fields.widget_words), rule_names=[r.name for r in self.lines],
            drops_following=[r.drops_following for r in self.lines],
            said_again=[r.said_again for r in self.lines],
            middle_keywords=sorted({k for r in self.lines if r.where == "anywhere"
                                    and r.max_length > _core.MIDDLE_FIELDS_MAX_LENGTH for k in r.keywords}),
            notice_keywords=sorted({k for r in self.lines if r.name == NOTICE_RULE for k in r.keywords}),
            head_keywords=_affix_keywords(self.heads), tail_keywords=_affix_keywords(self.tails),
            hooks=Hooks(self))


# How many characters of a rule a line's U+FFFD may stand for.
MAX_LOST_IN_RULE = 3


# A negative lookaround of a pattern is a guard ((?!据): a lead is no 据…消息 sentence). Converted
# with the rest, the Traditional spelling's guard would read (?!據) and let Simplified text through
# that spelling, so the guards of every spelling hold the text of all spellings.
_GUARD_OPENINGS = ("(?!", "(?<!")
_GUARD_MARK = 0xE000  # the private-use character that stands for guard i while a pattern is converted


def _syntax(pattern: str) -> Iterator[tuple[int, str]]:
    """The positions and characters of ``pattern`` that are syntax: neither escaped nor inside a
    character class (sets nest, as `regex.V1` reads them)."""
    position, sets = 0, 0
    while position < len(pattern):
        char = pattern[position]
        if char == "\\":
            position += 2
            continue
        if char == "[":
            sets += 1
        elif char == "]" and sets:
            sets -= 1
        elif not sets:
            yield position, char
        position += 1


def _guards(pattern: str) -> list[tuple[int, int, str]]:
    """The outermost negative lookarounds of ``pattern``: start, end and opening, in order."""
    opened: list[int] = []
    guards: list[tuple[int, int, str]] = []
    for position, char in _syntax(pattern):
        if char == "(":
            opened.append(position)
        elif char == ")":
            start = opened.pop()
            opening = next((o for o in _GUARD_OPENINGS if pattern.startswith(o, start)), None)
            if opening:
                # a guard closes after the guards inside it: those are its text
                while guards and guards[-1][0] > start:
                    guards.pop()
                guards.append((start, position + 1, opening))
    return guards


def pattern_spellings(pattern: str) -> list[str]:
    """``pattern`` in every spelling (`with_traditional`), each negative lookaround holding the
    text of all spellings in each (``(?!据)`` is ``(?!(?:据)|(?:據))`` in both)."""
    guards = _guards(pattern)
    if not guards:
        return with_traditional(pattern)
    parts, whole_guards, position = [], [], 0
    for number, (start, end, opening) in enumerate(guards):
        inner = pattern[start + len(opening) : end - 1]
        whole_guards.append(opening + "|".join(f"(?:{s})" for s in with_traditional(inner)) + ")")
        parts += [pattern[position:start], chr(_GUARD_MARK + number)]
        position = end
    masked = "".join(parts) + pattern[position:]
    marks = re.compile(f"[{chr(_GUARD_MARK)}-{chr(_GUARD_MARK + len(guards) - 1)}]")
    return [marks.sub(lambda m: whole_guards[ord(m.group()) - _GUARD_MARK], spelling)
            for spelling in with_traditional(masked)]


def _spellings(pattern: str) -> str:
    """``pattern`` in every spelling (`pattern_spellings`), one alternative each."""
    return "|".join(f"(?:{p})" for p in pattern_spellings(pattern))


def _tolerant_source(pattern: str, lost: int) -> str:
    """``pattern`` in every spelling (`pattern_spellings`), up to ``lost`` of its characters
    U+FFFD (the `regex` module's fuzzy matching, `regex.V1`)."""
    return f"(?:{_spellings(pattern)}){{s<={lost}:[\ufffd]}}"


def _compile_pattern(pattern: str) -> regex.Pattern[str]:
    """``pattern`` in every spelling (`pattern_spellings`)."""
    return regex.compile(_spellings(pattern), regex.V1)


# A widget's count: 39300, 1.2万, 10万+.
_COUNT = r"\d+(?:\.\d+)?(?:[万千kKwW]\+?|\+)?"
_NOT_VALUE_LABELS = ("widgets", "published", "surnames", "places", "unspaced")
# Python's \s (str.isspace), in the core's syntax.
_SPACE = r"\s\x1c-\x1f"
# A site's address with no scheme and no www. (AUTO.SOHU.COM) and a date after it: a dateline.
_DOMAIN_BEFORE_DATE = rf"[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{{2,6}}[{_SPACE}]+[0-9０-９]"
# The lookarounds of `DATE_TIME` and `TIME`, as the core reads them (`rust/src/grammar.rs`): a
# year and a month apart by a space only before a day and a slash (2004 9/17), written out; the
# lookbehind of a date of numbers only marked by an empty group it checks by hand, and so is the
# letter after an am/pm suffix.
_CORE_DATE_FORMS = (
    (r"\s*(?:[-/.年]|\s(?=\d{1,2}/))\s*(?:\d{1,2})\s*[-/.月]", r"\s*(?:[-/.年]\s*(?:\d{1,2})\s*[-/.月]|\s(?:\d{1,2})/)"),
    (r"(?<![\d/])", "(?P<slashdate>)"),
)
_CORE_SUFFIX = (r"(?:\s*(?:[AaPp]\.?[Mm]\.?(?![A-Za-z])|[上下]午))?", r"(?P<sfx>\s*(?P<ampm>[AaPp]\.?[Mm]\.?)|\s*[上下]午)?")


def _core_pattern(pattern: str, forms: tuple[tuple[str, str], ...]) -> str:
    """``pattern`` with each of ``forms`` (each there once) written as the core reads it."""
    for written, read in forms:
        assert pattern.count(written) == 1, written
        pattern = pattern.replace(written, read)
    return pattern


def _spellings_of(words: Iterable[str]) -> list[str]:
    """Every spelling of ``words`` (`with_traditional`), sorted."""
    return sorted({s for word in words for s in with_traditional(word)})


def _field_grammar(spec: dict[str, Any]) -> FieldGrammar:
    label_field = {
        spelling: field
        for field, labels in spec.items()
        if field not in _NOT_VALUE_LABELS
        for label in labels
        for spelling in with_traditional(label)
    }
    label_rank = {
        spelling: rank
        for field, labels in spec.items()
        if field not in _NOT_VALUE_LABELS
        for rank, label in enumerate(labels)
        for spelling in with_traditional(label)
    }
    value_labels = [label for field, labels in spec.items() if field not in _NOT_VALUE_LABELS for label in labels]
    labels = _alternation(value_labels)
    date_labels = _alternation(spec["published"])
    # How a metadata line may begin (a cheap test before its tokens are read: a site's address
    # may open a dateline), or one of the grammar's words within its first characters after the
    # opening marks (`start_reach`; the core scans for the words); inside a body, a label right
    # at the start.
    start = (rf"[{_SPACE}|｜【\[（(]*(?:[0-9０-９]|https?://|www\.|{_DOMAIN_BEFORE_DATE}|[\u3400-\u9fff]{{2,8}}[{_SPACE}]*"
             rf"[{_SPACE}(（\[【/|｜丨·][{_SPACE}]*[0-9０-９]|{NAMED_DATE_START})")
    start_words = _spellings_of(value_labels + spec["published"] + spec["places"]
                                + [w for w in spec["widgets"] if len(w) > 1])
    start_reach = rf"[{_SPACE}|｜【\[（(]*[^\n]{{0,6}}"
    strict_start = rf"[{_SPACE}|｜【\[（(]*(?:{labels}|{date_labels})"
    # Two-character date labels stay out: 19日� is a date that lost a separator, not 日期.
    published = {spelling: "published" for label in spec["published"] if len(label) > 2
                 for spelling in with_traditional(label)}
    widget_words = {s for w in spec["widgets"] for s in with_traditional(w)}
    widget_words.update(damaged for w in list(widget_words) for damaged in _one_lost(w))
    people = sorted((label for label, field in label_field.items() if field in ("author", "editor") and len(label) > 1),
                    key=len, reverse=True)
    surnames = "".join(sorted({s for name in spec["surnames"] for s in with_traditional(name)}))
    name = rf"[{surnames}][\u3400-\u9fff]{{1,3}}"
    names = rf"{name}(?:[、\s]{name}){{0,3}}"
    glued_byline = re.compile(rf"(?:[\u3400-\u9fff]{{1,6}}?(?:{OUTLET_ENDS}))?(?P<label>{'|'.join(people)})(?P<name>{names})"
                              rf"(?:[\s、，,]+(?:{'|'.join(people)})\s*{names})*")
    names_line = re.compile(rf"\s*{name}(?:[\s、，,]+{name}){{0,3}}\s*")
    core = _core.FieldGrammar(
        labels=[(label, field, label_rank[label]) for label, field in label_field.items()],
        date_labels=_spellings_of(spec["published"]),
        places=_spellings_of(spec["places"]),
        unspaced=_spellings_of(spec["unspaced"]),
        longer_widgets=_spellings_of(w for w in spec["widgets"] if len(w) > 1),
        single_widgets=_spellings_of(w for w in spec["widgets"] if len(w) == 1),
        widget_words=sorted(widget_words),
        datetime=_core_pattern(DATE_TIME, _CORE_DATE_FORMS + (_CORE_SUFFIX,)),
        time=_core_pattern(TIME, (_CORE_SUFFIX,)),
        count=_COUNT,
        start=start,
        strict_start=strict_start,
        start_words=start_words,
        start_reach=start_reach,
        lost=_lost_labels({**label_field, **published}),
    )
    return FieldGrammar(label_field, core, frozenset(widget_words), glued_byline, names_line)


def _one_lost(word: str) -> list[str]:
    """``word`` with each of its characters in turn lost to U+FFFD; none for a single character."""
    return [word[:k] + "\ufffd" + word[k + 1 :] for k in range(len(word))] if len(word) > 1 else []


def _lost_labels(label_field: dict[str, str]) -> list[tuple[str, str]]:
    """Each label with one character lost to U+FFFD, and the label it stands for: where it may
    stand for several, all of them name the same field."""
    readings: dict[str, list[str]] = {}
    for spelling in label_field:
        for damaged in _one_lost(spelling):
            readings.setdefault(damaged, []).append(spelling)
    return [(damaged, spellings[0]) for damaged, spellings in readings.items()
            if len({label_field[spelling] for spelling in spellings}) == 1]


_PLACES = {"top": _core.TOP, "bottom": _core.BOTTOM, "anywhere": _core.ANYWHERE}


def _line_rule(rule: dict[str, Any]) -> tuple[LineRule, tuple[Any, ...]]:
    """A line rule of the book, and what the core compiles of it. ``requires`` is a pattern the
    line must match as well, ``unless`` one it must not (the lookarounds of the `regex` module,
    which the core's linear-time matching has none of); the tolerant pattern holds them as
    lookaheads."""
    where, max_length = rule.get("where", "anywhere"), int(rule.get("max_length", 200))
    requires, unless = rule.get("requires"), rule.get("unless")
    guarded = (f"(?={requires})" if requires else "") + (f"(?!{unless})" if unless else "") + rule["pattern"]
    keywords = tuple(sorted({s for k in rule["keywords"] for s in with_traditional(k)}))
    line_rule = LineRule(
        name=rule["name"],
        where=where,
        max_length=max_length,
        tolerant_source=_tolerant_source(guarded, MAX_LOST_IN_RULE),
        drops_following=bool(rule.get("drops_following", False)),
        said_again=bool(rule.get("said_again", False)),
        examples=tuple(rule.get("examples", ())),
        keywords=keywords,
        places=_PLACES[where],
    )
    core = (where, max_length, _spellings(rule["pattern"]), requires and _spellings(requires),
            unless and _spellings(unless), list(keywords))
    return line_rule, core


def load_rules(text: str) -> RuleBook:
    """Compile a rule book from the TOML text of a rules file."""
    spec = tomllib.loads(text)
    try:
        parsed = [_line_rule(rule) for rule in spec.get("line", [])]
        affixes = {
            kind: tuple(AffixRule(r["name"], _compile_pattern(r["pattern"]), tuple(r.get("examples", ())),
                                  tuple(_spellings_of(r["keywords"])) if "keywords" in r else None)
                        for r in spec.get(kind, []))
            for kind in ("head", "tail")
        }
        fields = _field_grammar(spec["fields"])
    finally:
        _spelling_converter.cache_clear()
    return RuleBook(tuple(rule for rule, _ in parsed), affixes["head"], affixes["tail"], fields,
                    _core.LineRules([core for _, core in parsed]))


@lru_cache(maxsize=1)
def default_rules() -> RuleBook:
    """The rule book shipped with textfix (loaded once)."""
    return load_rules(resources.files("textfix").joinpath("data/chrome_rules.toml").read_text("utf-8"))
