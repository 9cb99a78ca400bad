"""Where the article is on a whole page, from its text alone.

A page scraped to text (every text node a line, as a crawler's WET record has it) carries
everything around the article: menus of hundreds of short lines, login bars, comment widgets,
related lists, footers. The article is the dense run of long lines of running text (jusText's
"good" paragraphs; the body text extraction of Finn, Kushmerick and Smyth: the stretch of a page
where text outweighs the rest). Each line is worth its length when it reads as running text and
costs `JUNK_COST` when it is a short line without the punctuation of a sentence; the article is
the stretch of lines worth most (`article_region`), widened over the lines next to it that end
like a sentence or open like a section heading. An article written in phrases without a
sentence's punctuation (`phrase_prose`) is told from a list of headlines by the function
words prose has and headlines drop.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Collection

# Punctuation of running text: a line with one of them and `MIN_TEXT_LENGTH` characters is text.
RUNNING_TEXT = re.compile(r"[。！？；…，、!?;,]")
MIN_TEXT_LENGTH = 8
# A short line without that punctuation: a menu entry, a label, a widget, a link.
JUNK_COST = 20
# A line shorter than a paragraph that does not end like a sentence is a headline, most often
# in a list of them; between paragraphs it is a subheading, so it costs less than junk. So is a
# summary cut short (…, ...: a list's teaser; an article's own ellipsis is ……).
PARAGRAPH_LENGTH = 40
HEADLINE_COST = JUNK_COST // 2
# A line of numbers only: the date, time or count of an item in a list (related news,
# comments), which an article's text never has on a line of its own; so is a time ago (2 天前).
NUMBERS_COST = 3 * JUNK_COST
# After the heading of a list, text is worth this share of its length: the summaries of related
# news are running text too, and a list of them can outweigh the article above it. Text in a run
# of `PARAGRAPH_RUN` lines or more is an article's, and ends the list: a list's items are a
# line or two of text between their dates and counts.
AFTER_LIST_SHARE = 0.25
PARAGRAPH_RUN = 3
# Lines of other text an article's paragraphs may stand apart by (`_across_short_lines`).
HOP_LINES = 4
# Markup or code a scraper let through (a <div> in a <noscript>, a script's object): junk,
# whatever its length and punctuation, unless Chinese text is most of it.
_MARKUP = re.compile(r"</?[a-zA-Z][^>]*>|\{[^{}]*\}|[\w-]+=[\"']")
_HAN = re.compile(r"[\u3400-\u9fff]")
# Numbered items: three or more in sequence, each within `ITEM_GAP` lines of the last.
_ITEM = re.compile(r"^\s*(\d{1,3})[、.．](?!\d)\s*\S")
ENUMERATED = 3
ITEM_GAP = 8
# A text node that opens with the punctuation inside a sentence is its rest after an inline
# element (<strong>擎天柱</strong>（Optimus）相关的……): no menu entry opens so. So is a text
# node after one that ends inside a title's or parenthesis's brackets, and one that closes a
# title the text before it left open (从《 / 印度之旅 / 》、《 / 窗外有蓝天 / 》，到…: titles
# linked inside a sentence; on tune, readmoo.com's and csdn.net's opening paragraphs came back
# whole, +0.2 points of recall). Not after an open quote: a teaser cut short ends so (吗？“,
# once in the news-5m dump); nor does a 》 opening a line alone, a menu's arrow as often.
_CONTINUED = re.compile(r"^\s*[，。、；：！？,;:!?)）」』”’]")
_OPEN_END = re.compile(r"[《〈（(]\s*$")
_TITLE_CLOSE = re.compile(r"^\s*[》〉]")
_CUT_SHORT = re.compile(r"(?:(?<!…)…|\.{3})$")
_NUMBERS = re.compile(r"^(?:[\d\s.,:：/\-年月日号时分秒kKwW万+]+|\d+\s*(?:秒|分钟|小时|天|周|个?月|年)前)$")
# A line this long is text even without punctuation (a list of names, a long caption), unless
# it is words `SPAM_WORD_LENGTH` characters long or less apart by spaces (a keyword stuffing).
LONG_LINE = 80
SPAM_WORD_LENGTH = 8
# Lines next to the article that belong to it: a sentence (ending like one), a section heading.
_SENTENCE = re.compile(r"[。！？!?…][」”’』）)]?$")
# A caption: a short sentence with its credit in brackets (…活动。（某某摄）), between an article's
# paragraphs; it neither adds to the article nor breaks it (the rules take it out).
_CREDITED = re.compile(r"[。！？!?][（(][^（）()]{1,16}[）)]$")
_HEADING = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d{1,2}[、.．](?!\d))")
# Prose in phrases: informal blogs and photo posts break their sentences with spaces and line
# breaks instead of ，。 (一波波 / 接續性 / 低溫寒流報到 已將新竹尖石鄉後山…). A phrase line is
# one of `PHRASE_LENGTH` characters or more, half of them Chinese, that is no running text; a
# run of them and of sentences, with shorter lines of fewer than `FRAGMENTS_LENGTH` characters
# in all between two (the words of a link or a bold phrase inside a sentence: 原木招牌可謂 /
# 匠心獨運 / 燻黑 / 原木), is prose when it has `PROSE_PHRASES` phrase lines or more and
# `FUNCTION_SHARE` of their Chinese characters are the function words of running text
# (`_FUNCTION_WORDS`: aspect particles and adverbs that headlines drop; 的, 在 and 是 are left
# out, headlines keep them). Measured on the tune split, the phrase lines of runs of 20 or more:
# a photo blog's article 0.052; lists of related headlines and menus 0.029 at most (guancha.cn,
# 163.com, toutiao.com, ifeng.com, sina.com.cn, appledaily.com.tw), most under 0.025. Shorter
# runs are left alone: a blog's comments (0.06 to 0.11 in runs of 14 phrase lines at most,
# between each comment's author and date) and short lists (up to 0.052 in 9 to 14 lines).
PHRASE_LENGTH = 8
PROSE_PHRASES = 20
FRAGMENTS_LENGTH = 3 * PHRASE_LENGTH
FUNCTION_SHARE = 0.04
_FUNCTION_WORDS = frozenset("了也都就还還而着著很又才把让讓过過")
PHRASE, SENTENCE, FRAGMENT = "phrase", "sentence", "fragment"


@dataclass(frozen=True)
class Region:
    """Lines ``start`` to ``end`` (exclusive) of a page."""

    start: int
    end: int


# A page asks about its lines again for each stretch it weighs, and sites repeat their lines:
# the worth and kind of a line are remembered for the last few thousand.
_LINE_MEMO = 4096


@lru_cache(maxsize=_LINE_MEMO)
def line_worth(line: str) -> int:
    """What a line adds to the article around it: its length for running text, else `-JUNK_COST`."""
    length = len(line.strip())
    if not length:
        return 0
    if _is_markup(line):
        return -JUNK_COST
    if _CUT_SHORT.search(line.rstrip()):
        return -HEADLINE_COST
    if _CONTINUED.match(line) or (length >= 2 and _SENTENCE.search(line.rstrip())):
        return length  # a sentence's rest after an inline element, or a short sentence
    if length >= LONG_LINE:
        return length if RUNNING_TEXT.search(line) or len(line.split()) * SPAM_WORD_LENGTH <= length else -JUNK_COST
    if length >= MIN_TEXT_LENGTH and RUNNING_TEXT.search(line):
        if length >= PARAGRAPH_LENGTH or _SENTENCE.search(line.rstrip()):
            return length
        return 0 if _CREDITED.search(line.rstrip()) else -HEADLINE_COST
    return -NUMBERS_COST if _NUMBERS.match(line) else -JUNK_COST


def _is_markup(line: str) -> bool:
    """Whether ``line`` is markup or code (`_MARKUP`) more than it is Chinese text."""
    return bool(_MARKUP.search(line)) and 2 * len(_HAN.findall(line)) < len(line.strip())


def article_region(
    lines: list[str], start: int, end: int, skipped: Collection[int], breaks: Collection[int] = ()
) -> Region | None:
    """The stretch of ``lines[start:end]`` (lines in ``skipped`` left out) that is the article:
    the one worth most by `line_worth`, widened over sentences and headings next to it, and
    crossing none of the lines in ``breaks`` (the heading of a list: related news, comments),
    below which text counts less (`AFTER_LIST_SHARE`). None when no line reads as text."""
    numbers = [n for n in range(start, end) if n not in skipped and (lines[n] or n in breaks)]
    texts = [lines[n] for n in numbers]
    worths = _sentence_worths(texts, [n in breaks for n in numbers])
    _count_enumerations(texts, worths)
    _count_phrase_prose(texts, worths, {index for index, number in enumerate(numbers) if number in breaks})
    in_run = _in_paragraph_runs(worths)
    best, best_start, best_end = 0.0, start, start
    total, run_start, share = 0.0, start, 1.0
    for number, worth, paragraph in zip(numbers, worths, in_run):
        if number in breaks:
            total, share = 0.0, AFTER_LIST_SHARE
            continue
        if total <= 0:
            total, run_start = 0.0, number
        if paragraph:
            share = 1.0  # the list is over: an article's paragraphs follow
        total += worth * share if worth > 0 else worth
        if total > best:
            best, best_start, best_end = total, run_start, number + 1
    if best <= 0:
        return None
    while True:
        while best_start > start and best_start - 1 not in breaks and (
                best_start - 1 in skipped or _belongs(lines[best_start - 1])):
            best_start -= 1
        while best_end < end and best_end not in breaks and (best_end in skipped or _belongs(lines[best_end])):
            best_end += 1
        wider = _across_short_lines(lines, best_start, best_end, start, end, skipped, breaks)
        if wider == (best_start, best_end):
            return Region(best_start, best_end)
        best_start, best_end = wider


def _across_short_lines(lines: list[str], first: int, last: int, start: int, end: int, skipped: Collection[int],
                        breaks: Collection[int]) -> tuple[int, int]:
    """``first``..``last`` widened to a paragraph (running text ending like a sentence) at most
    `HOP_LINES` lines of other text away on either side (a law's title and its 令 between two parts of its text, a
    caption between paragraphs): an article's lines that read as none of a page's furniture."""
    def paragraph_at(number: int) -> bool:
        return number not in breaks and line_worth(lines[number]) >= PARAGRAPH_LENGTH and bool(
            _SENTENCE.search(lines[number].rstrip()))

    for step, edge, bound in ((-1, first - 1, start - 1), (1, last, end)):
        hopped = 0
        number = edge
        while number != bound and number not in breaks and hopped <= HOP_LINES:
            if number not in skipped and lines[number]:
                if paragraph_at(number):
                    if step < 0:
                        first = number
                    else:
                        last = number + 1
                    break
                hopped += 1
            number += step
    return first, last


def _sentence_worths(lines: list[str], breaks: list[bool]) -> list[int]:
    """`line_worth` of each line, text nodes that continue the lines before them (`_continues`:
    the rest of a sentence after an inline element) counted with them as one line."""
    worths = [0] * len(lines)
    first = 0
    for index in range(len(lines) + 1):
        if index < len(lines) and index > first and not breaks[index] and _continues("".join(lines[first:index]),
                                                                                    lines[index]):
            continue
        if first < index and not breaks[first]:
            worths[first] = line_worth("".join(lines[first:index]))
        first = index
    return worths


def _continues(before: str, line: str) -> bool:
    """Whether text node ``line`` is the rest of the sentence in ``before`` (the text nodes
    before it): it opens with the punctuation inside a sentence, ``before`` ends inside brackets
    (`_OPEN_END`), or ``line`` closes a title ``before`` left open."""
    return bool(_CONTINUED.match(line) or _OPEN_END.search(before) or (_TITLE_CLOSE.match(line) and (
        before.count("《") > before.count("》") or before.count("〈") > before.count("〉"))))


def _count_enumerations(lines: list[str], worths: list[int]) -> None:
    """Count an article's numbered items as text (in place): `ENUMERATED` items numbered one
    after another (1、… 2、… 3、…), each at most `ITEM_GAP` lines after the last, are its
    sections or entries, whatever their length; the lines between them cost nothing."""
    items = [(index, int(match.group(1))) for index, line in enumerate(lines)
             if (match := _ITEM.match(line)) and len(line) <= PARAGRAPH_LENGTH]
    run: list[int] = []
    for (index, number), following in zip(items, items[1:] + [(-1, -1)]):
        run.append(index)
        if following[1] == number + 1 and following[0] - index <= ITEM_GAP:
            continue
        if len(run) >= ENUMERATED:
            for position in range(run[0], run[-1] + 1):
                worths[position] = len(lines[position]) if position in run else max(worths[position], 0)
        run = []


def _count_phrase_prose(lines: list[str], worths: list[int], breaks: Collection[int]) -> None:
    """Count prose written in phrases as text (in place, `phrase_prose`): each phrase line is
    worth its length, the shorter lines between two cost nothing."""
    for index in phrase_prose(lines, breaks):
        worths[index] = max(worths[index], len(lines[index].strip()) if _phrase_kind(lines[index]) == PHRASE else 0)


def phrase_prose(lines: list[str], breaks: Collection[int] = ()) -> set[int]:
    """The indices of ``lines`` that are prose written in phrases: runs of phrase lines and
    sentences (`_phrase_kind`), shorter lines of fewer than `FRAGMENTS_LENGTH` characters in all
    between two, with `PROSE_PHRASES` phrase lines or more whose Chinese is `FUNCTION_SHARE`
    function words or more (`_is_prose`). No run crosses a line in ``breaks``."""
    kinds = [None if index in breaks else _phrase_kind(line) for index, line in enumerate(lines)]
    prose: set[int] = set()
    run: list[int] = []
    fragments = 0  # the characters of the shorter lines since the run's last longer line
    for index, kind in enumerate(kinds + [None]):
        if kind == FRAGMENT and run and fragments + len(lines[index].strip()) < FRAGMENTS_LENGTH:
            run.append(index)
            fragments += len(lines[index].strip())
            continue
        if kind in (PHRASE, SENTENCE):
            run.append(index)
            fragments = 0
            continue
        while run and kinds[run[-1]] == FRAGMENT:
            run.pop()
        if _is_prose([lines[index] for index in run if kinds[index] == PHRASE]):
            prose.update(run)
        run, fragments = [], 0
    return prose


def _is_prose(phrases: list[str]) -> bool:
    """Whether ``phrases`` (the phrase lines of a run) are `PROSE_PHRASES` or more, with function
    words enough (`FUNCTION_SHARE`) to be prose rather than headlines."""
    text = "".join(phrases)
    return len(phrases) >= PROSE_PHRASES and sum(char in _FUNCTION_WORDS for char in text) >= FUNCTION_SHARE * len(
        _HAN.findall(text))


@lru_cache(maxsize=_LINE_MEMO)
def _phrase_kind(line: str) -> str | None:
    """`SENTENCE` for running text (`line_worth` positive); `PHRASE` for another line of
    `PHRASE_LENGTH` characters or more, half of them Chinese; `FRAGMENT` for a shorter line;
    None for a line of numbers or markup, or a longer line of other text (a date and time, a
    web address)."""
    if line_worth(line) > 0:
        return SENTENCE
    line = line.strip()
    if _NUMBERS.match(line) or _is_markup(line):
        return None
    if len(line) < PHRASE_LENGTH:
        return FRAGMENT
    return PHRASE if 2 * len(_HAN.findall(line)) >= len(line) else None


def _in_paragraph_runs(worths: list[int]) -> list[bool]:
    """Which of the lines (by their worth) stand in a run of `PARAGRAPH_RUN` text lines or more."""
    flags = [False] * len(worths)
    run = 0
    for index, worth in enumerate(worths + [0]):
        if worth > 0:
            run += 1
            continue
        if run >= PARAGRAPH_RUN:
            flags[index - run : index] = [True] * run
        run = 0
    return flags


def _belongs(line: str) -> bool:
    line = line.strip()
    return bool(_SENTENCE.search(line) or _HEADING.match(line))
